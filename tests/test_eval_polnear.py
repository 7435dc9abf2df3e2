"""The PolNeAR evaluator: brat reading, matching, and score floors for the quotes stage.

Scores: `NEWSEVENTS_SHARED=../shared newsevents eval --set polnear`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.evaluation import polnear

ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 20;25 30\tthe plan fails\n"
    "E1\tAttribution:T9 Content:T3 Cue:T2 Source:T1\n"
    "T4\tContent 40 50\tunlinked\n"
    "T5\tContent 60 70\tno source\n"
    "E2\tAttribution-no-source:T8 Content:T5 Cue:T2\n"
)


@pytest.mark.parametrize(
    ("index", "chars", "source"),
    [(0, 14, ((0, 5),)), (1, 10, ())],
)
def test_eval_polnear_parse_ann(index: int, chars: int, source: tuple) -> None:
    attributions = polnear.parse_ann(ANN)
    assert len(attributions) == 2
    assert len(attributions[index].content) == chars
    assert attributions[index].source == source


@pytest.mark.parametrize(
    ("text", "first", "direct"),
    [("He said “yes we can” today", 9, True), ("He said “yes we can” today", 8, True), ("He said yes", 8, False)],
)
def test_eval_polnear_direct_gold(text: str, first: int, direct: bool) -> None:
    gold = polnear.GoldAttribution(frozenset(range(first, first + 3)), first, ())
    assert polnear.is_direct(gold, text) is direct


@pytest.mark.parametrize(
    ("text", "right"),
    [("Obama, who spoke at the museum, praised it.", True), ("Obama met Biden, who spoke at the museum.", False)],
)
def test_eval_polnear_relative_source_is_its_antecedent(text: str, right: bool) -> None:
    from newsevents.records import Quote
    from newsevents.records import Span as TextSpan

    who = text.index("who")
    gold = polnear.GoldAttribution(frozenset(range(who + 4, who + 9)), who + 4, ((who, who + 3),))
    quote = Quote(start=who + 4, end=who + 9, text=text[who + 4 : who + 9], kind="indirect",
                  speaker=TextSpan(0, 5, "Obama"))
    assert polnear._speaker_right(gold, quote, {}, text) is right


@pytest.mark.parametrize(
    ("text", "start", "kind"),
    [("He claimed “thousands of shootings” happened.", 11, "direct"),
     ("He claimed there were “thousands of shootings” there.", 11, "indirect")],
)
def test_eval_polnear_predicted_kind_follows_the_marks(text: str, start: int, kind: str) -> None:
    from newsevents.records import Quote

    quote = Quote(start=start, end=len(text) - 1, text=text[start:-1], kind="partial")
    assert polnear.group_quotes([quote], text)[0].kind == kind


# The whole dev split runs in about 20 s, so it is part of the default run.
# Floors were measured with the command in the module docstring; floors only go up.
FLOORS = {
    "content_f1": 0.75,
    "direct_content_f1": 0.855,
    "indirect_content_f1": 0.69,
    "indirect_content_precision": 0.82,
    "speaker_accuracy": 0.90,
}


def test_eval_polnear_floor(shared: Path) -> None:
    scores = polnear.evaluate(shared / "gold" / "quotes" / "polnear_dev")["quotes"]["polnear"]
    assert scores["texts"] == 84
    for metric, floor in FLOORS.items():
        assert scores[metric] >= floor, (metric, scores)
