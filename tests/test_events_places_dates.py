"""Events stage: event place by evidence order, visit hosts, obstruction by sector, and the
background-date policies, on made-up news sentences."""

from __future__ import annotations

import pytest

from conftest import events_document
from newsevents.pipeline import Document


def _doc(text: str, published: str = "2019-03-08") -> Document:
    return events_document(text, published)


def _event(doc: Document, trigger: str):
    found = [e for e in doc.events if e.trigger.text == trigger]
    assert found, [(e.type, e.trigger.text) for e in doc.events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        (
            "Canadian Prime Minister Justin Trudeau met German Chancellor Olaf Scholz in Berlin "
            "on Monday for a working lunch at the chancellery. Scholz praised Trudeau for his "
            "defence of trade on both sides of the US-Canadian border.",
            "praised",
            "Berlin",
        ),
        (
            "Police killed four farmers and another 12 disappeared in the town of Iguala in "
            "southern Mexico on March 2, local officials said on Thursday.",
            "disappeared",
            "Iguala de la Independencia",
        ),
    ],
)
def test_events_place_prefers_adjunct_and_discourse(text, trigger, place):
    event = _event(_doc(text), trigger)
    assert event.place is not None and event.place.name == place
    assert event.place.text == _doc(text).text[event.place.start : event.place.end]


@pytest.mark.parametrize(
    "text",
    [
        "The Canadian envoy to Germany, Paul Martin, traveled to Bavaria last week to offer "
        "help to the regional authorities after the floods that hit Bavaria in February.",
    ],
)
def test_events_visit_recipient_is_destination_government(text):
    doc = _doc(text)
    visit = _event(doc, "traveled")
    ids = {r.actor_id for r in visit.recipients}
    assert "DEUGOV" in ids, visit.recipients
    assert all(r.text == doc.text[r.start : r.end] for r in visit.recipients)


@pytest.mark.parametrize(
    ("text", "trigger", "kind"),
    [
        ("Hundreds of angry farmers blocked highways near Lyon on Tuesday.", "blocked", "PROTEST"),
        ("Striking dock workers blocked the port of Antwerp for six hours on Monday.",
         "blocked", "PROTEST"),
        ("Ukrainian soldiers blocked the roads to the parliament in Kiev on Monday.",
         "blocked", "COERCE"),
    ],
)
def test_events_obstruction_type_follows_actor_sector(text, trigger, kind):
    assert _event(_doc(text), trigger).type == kind


def test_events_perfect_aspect_has_no_specific_date():
    doc = _doc(
        "Italian Interior Minister Marco Rossi, who has expelled thousands of migrants, "
        "met French officials in Paris on Thursday to discuss border controls."
    )
    assert _event(doc, "expelled").date is None
    assert _event(doc, "met").date == "2019-03-07"


def test_events_anaphora_takes_earlier_event_date():
    doc = _doc(
        "Soldiers killed nine villagers near Goma on February 3, witnesses said on Thursday.\n\n"
        "Human rights groups say the villagers were arrested by the soldiers and then shot."
    )
    assert _event(doc, "killed").date == "2019-02-03"
    assert _event(doc, "arrested").date == "2019-02-03"
