"""Events stage: precision rules from a review of general news (bench articles), on
made-up sentences."""

from __future__ import annotations

import pytest

from conftest import events_document
from newsevents.pipeline import Document


def _doc(text: str, published: str = "2022-05-13") -> Document:
    return events_document(text, published)


def _types(text: str) -> set[str]:
    return {e.type for e in _doc(text).events}


@pytest.mark.parametrize(
    ("text", "kind", "present"),
    [
        # between companies and private people, cooperative verbs report commerce
        ("Hooper Holdings agreed to buy Pelham Bakeries for $12 million.", "AGREE", False),
        ("Bellamy met Kowalski at a party last week.", "CONSULT", False),
        # with a state or a public body they are political
        ("Germany agreed to buy gas from Norway.", "AGREE", True),
        ("The Asia-Pacific Economic Cooperation forum agreed to set up an energy centre.",
         "AGREE", True),
    ],
)
def test_political_participant(text: str, kind: str, present: bool) -> None:
    assert (kind in _types(text)) is present


@pytest.mark.parametrize(
    ("text", "kind", "present"),
    [
        # a question is no request
        ("The minister was asked whether troops would be sent to the border.", "REQUEST", False),
        ("Police asked residents to stay indoors.", "REQUEST", True),
        # declining or failing to do nothing coded rejects nothing
        ("The Interior Ministry declined to comment on the report.", "REJECT", False),
        ("Libya offered to hand over the two suspects to Britain.", "AGREE", True),
    ],
)
def test_questions_and_empty_refusals(text: str, kind: str, present: bool) -> None:
    assert (kind in _types(text)) is present


@pytest.mark.parametrize(
    ("text", "kind", "present"),
    [
        # a company is no political participant, even with a country
        ("The American company's board authorized the purchase of one million shares.",
         "CONCEDE", False),
        # advice is no demand; a demand made of a state is
        ('"We should throw as many wrenches into the works as possible," Castaneda said.',
         "REQUEST", False),
        ("A British minister said Libya must hand over the two suspects.", "REQUEST", True),
        # permission by a state concedes, a thing or a passive with nobody does not
        ("People are allowed to make mistakes.", "CONCEDE", False),
        ("Turkey allowed Syrian refugees to cross the border.", "CONCEDE", True),
        # opinion of unnamed civilians is no support
        ('"That is something all Americans can support," she said.', "SUPPORT", False),
    ],
)
def test_private_advice_permission_opinion(text: str, kind: str, present: bool) -> None:
    assert (kind in _types(text)) is present


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # a null object pattern sees the passive subject and the noun a participle modifies
        ("The names of the victims were not released by the Lagos police.", False),
        ("A statement released by the Kenyan Foreign Ministry condemned the raid.", False),
        ("The hostages were released by the Kenyan army on Friday.", True),
    ],
)
def test_passive_objects_veto(text: str, present: bool) -> None:
    released = [e for e in _doc(text).events if e.trigger.text == "released"]
    assert bool(released) is present


def test_verbal_attack_by_a_politician() -> None:
    text = (
        "Senator Ted Cruz said President Barack Obama had attacked his record on trade."
    )
    found = {e.type for e in _doc(text).events if e.trigger.text == "attacked"}
    assert "ASSAULT" not in found
    violent = "Gunmen attacked a police station in Kano, killing three officers."
    assert "ASSAULT" in {e.type for e in _doc(violent).events}


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Li should not be forced to wait years for news of her husband.", False),
        ("Fighting forced thousands of Sudanese civilians to flee their homes.", True),
        ("Protesters forced the Bangladeshi prime minister to resign.", True),
        ("Protests forced Musharraf from power in 2008.", True),
    ],
)
def test_forcing_needs_an_act(text: str, present: bool) -> None:
    forced = [e for e in _doc(text).events if e.trigger.text.startswith("forc")]
    assert bool(forced) is present


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("A Goose Creek man was hit by a car and killed early Sunday.", False),
        ("Police said the truck that struck Johnson fled the scene.", False),
        ("Kaseke said they continue to engage British Airways on flights.", False),
        ("Serb forces were engaged in ethnic cleansing in Kosovo.", True),
        ("Gunmen hit a police convoy in northern Mali.", True),
    ],
)
def test_accidents_and_engagement(text: str, present: bool) -> None:
    verbs = {"hit", "struck", "engage", "engaged"}
    assault = [e for e in _doc(text).events if e.type == "ASSAULT" and e.trigger.text in verbs]
    assert bool(assault) is present
