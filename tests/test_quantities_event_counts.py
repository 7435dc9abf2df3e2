"""Counts attached to events: dead, injured, abducted, arrested, protest size, aid amount."""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.articles import make_article
from newsevents.pipeline import Document
from newsevents.records import Event, Span
from newsevents.stages import quantities


def _event(text: str, trigger: str, kind: str, event_id: str = "e1") -> Event:
    """An event over the whole sentence with ``trigger`` as its predicate."""
    start = text.index(trigger)
    return Event(
        id=event_id,
        type=kind,
        mode=None,
        trigger=Span(start, start + len(trigger), trigger),
        sentence=Span(0, len(text), text),
    )


def _run(nlp: Any, text: str, events: list[tuple[str, str]]) -> list[Event]:
    doc = Document(article=make_article(text, published="2015-01-07"))
    doc.spacy = nlp(doc.text)
    doc.events = [_event(doc.text, trig, kind, f"e{i}") for i, (trig, kind) in enumerate(events)]
    quantities.run(doc)
    return doc.events


@pytest.mark.parametrize(
    ("sentence", "events", "expected"),
    [
        ("Police killed six students and another 43 disappeared in Iguala.",
         [("killed", "ASSAULT")], [{"dead": 6, "abducted": 43}]),
        ("At least 12 people were killed and 30 wounded when a bomb exploded.",
         [("killed", "ASSAULT")], [{"dead": 12, "injured": 30}]),
        ("Gunmen abducted 17 villagers on Sunday.",
         [("abducted", "ASSAULT")], [{"abducted": 17}]),
        ("The massacre of 22 by the army shocked the country.",
         [("massacre", "ASSAULT")], [{"dead": 22}]),
        ("Police arrested 25 demonstrators on Sunday.",
         [("arrested", "COERCE")], [{"arrested": 25}]),
        ("Hundreds of thousands of protesters marched through the capital.",
         [("marched", "PROTEST")], [{"size": 100000}]),
        ("Washington is providing some $2 billion in military aid to Mexico.",
         [("providing", "AID")], [{"amount_usd": 2e9}]),
        ("The death toll from the attack rose to 31.",
         [("attack", "ASSAULT")], [{"dead": 31}]),
        ("The earthquake destroyed 300 homes.", [("destroyed", "ASSAULT")], [{}]),
        ("Police arrested 25 demonstrators after the march killed two people.",
         [("arrested", "COERCE"), ("march", "PROTEST")],
         [{"arrested": 25}, {"dead": 2}]),
    ],
)
def test_quantities_attaches_counts_to_events(
    nlp: Any, sentence: str, events: list[tuple[str, str]], expected: list[dict[str, float]]
) -> None:
    found = _run(nlp, sentence, events)
    assert [event.counts for event in found] == expected


def test_quantities_counts_skip_other_sentences(nlp: Any) -> None:
    text = "Police killed six students. Later, 43 people marched."
    doc = Document(article=make_article(text, published="2015-01-07"))
    doc.spacy = nlp(doc.text)
    first = text.index(".") + 1
    doc.events = [
        Event(id="a", type="ASSAULT", mode=None, trigger=Span(7, 13, "killed"),
              sentence=Span(0, first, text[:first]))
    ]
    quantities.run(doc)
    assert doc.events[0].counts == {"dead": 6}
