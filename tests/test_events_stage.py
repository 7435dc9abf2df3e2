"""Events stage: triggers, arguments, polarity and modality on short news sentences."""

from __future__ import annotations

import pytest

from conftest import events_document
from newsevents.pipeline import Document
from newsevents.stages import events


def _doc(text: str, published: str = "2015-01-07") -> Document:
    return events_document(text, published)


def _events(text: str, published: str = "2015-01-07"):
    return _doc(text, published).events


@pytest.mark.parametrize(
    ("text", "kind", "actor", "recipient"),
    [
        ("Police arrested 12 protesters in Cairo on Monday.", "COERCE", "Police", "12 protesters"),
        ("Soldiers killed three villagers near the border.", "ASSAULT", "Soldiers", "three villagers"),
        ("The students were arrested by police.", "COERCE", "police", "The students"),
        ("Obama praised Merkel for her leadership.", "SUPPORT", "Obama", "Merkel"),
        ("Putin met Xi Jinping in Beijing.", "CONSULT", "Putin", "Xi Jinping"),
        # the group behind a counter is the actor ("Thousands of workers" -> workers)
        ("Thousands of workers protested against the government.", "PROTEST", "workers", None),
        ("The army's massacre of 22 villagers shocked the region.", "ASSAULT", "The army", "22 villagers"),
    ],
)
def test_events_who_did_what_to_whom(text, kind, actor, recipient):
    found = [e for e in _events(text) if e.type == kind]
    assert found, [e.type for e in _events(text)]
    event = found[0]
    assert actor is None or actor in [a.text for a in event.actors]
    assert recipient is None or recipient in [a.text for a in event.recipients]


@pytest.mark.parametrize(
    ("text", "kind", "negated", "modality"),
    [
        ("Police did not arrest the protesters.", "COERCE", True, "asserted"),
        ("Police arrested the protesters.", "COERCE", False, "asserted"),
        # conflict announced for the future or planned is a threat (CAMEO 13, PLOVER THREATEN)
        ("Police will arrest the protesters.", "THREATEN", False, "future"),
        ("The army plans to attack the rebels.", "THREATEN", False, "intended"),
        ("The ministry has no intention of arresting the opposition leader.", "COERCE", True, None),
    ],
)
def test_events_polarity_and_modality(text, kind, negated, modality):
    found = [e for e in _events(text) if e.type == kind]
    assert found
    assert found[0].negated is negated
    assert modality is None or found[0].modality == modality


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested 12 protesters in Cairo on Monday, officials said.",
        "President Enrique Peña Nieto came to Washington Tuesday to receive warm support "
        "from his US counterpart, President Barack Obama.",
    ],
)
def test_events_provenance_offsets(text):
    doc_events = _events(text)
    assert doc_events
    for event in doc_events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert text[event.sentence.start : event.sentence.end] == event.sentence.text
        for arg in event.actors + event.recipients:
            assert text[arg.start : arg.end] == arg.text
        assert event.extractor == events.VERSION
        assert event.cameo_root and event.quad_class in {1, 2, 3, 4}
