"""Events stage: one act reported again in a later sentence of the article is one event;
other acts of the same people (another target, day, figure, or "again") stay events."""

from __future__ import annotations

import pytest

from test_events_stage import _events

_ATTACK = "Israeli troops attacked Hamas fighters in Gaza on Monday."


def _of(text: str, kind: str) -> list:
    return [e for e in _events(text, "2018-03-20") if e.type == kind]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # same actors, recipients, place (or none) and day: the army's statement repeats it
        (f"{_ATTACK} The army said Israeli troops attacked Hamas fighters near the border "
         "fence.", "ASSAULT"),
        ("Police arrested the opposition leader in Cairo on Monday. Police arrested the "
         "opposition leader at his home, his lawyer said.", "COERCE"),
    ],
)
def test_events_repeat_mentions_merge(text, kind):
    found = _of(text, kind)
    assert len(found) == 1, [(e.trigger.text, e.sentence.text) for e in found]
    # the first mention is the one kept
    assert found[0].sentence.start == 0


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        # another day
        (f"{_ATTACK} Israeli troops attacked Hamas fighters in Gaza on Tuesday.", "ASSAULT", 2),
        # another target, in another country
        (f"{_ATTACK} Israeli troops also attacked Hezbollah fighters in Lebanon.", "ASSAULT", 2),
        # a word marking another act
        (f"{_ATTACK} Israeli troops attacked Hamas fighters again.", "ASSAULT", 2),
        (f"{_ATTACK} Israeli troops attacked Hamas fighters again on Wednesday.", "ASSAULT", 2),
        # different figures
        ("Israeli troops attacked Hamas fighters in Gaza on Monday, killing three. Israeli "
         "troops attacked Hamas fighters in Gaza, killing 12.", "ASSAULT", 4),
        # a threat of a further arrest is no repeat of the arrest
        ("Police arrested the opposition leader in Cairo on Monday. Police will arrest the "
         "opposition leader again, the minister said.", "COERCE", 1),
    ],
)
def test_events_distinct_acts_stay_apart(text, kind, count):
    found = _of(text, kind)
    assert len(found) == count, [(e.trigger.text, e.sentence.text) for e in found]
