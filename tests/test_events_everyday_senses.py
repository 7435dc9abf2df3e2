"""Events stage: everyday senses of verbs whose CAMEO default is a political act (data rules
in data/events/curated.yml, from a precision review of bench articles 600-650), on made-up
sentences: each sense that must stay no event, next to the political use that must stay."""

from __future__ import annotations

import pytest

from conftest import events_document


def _types(text: str) -> set[str]:
    return {e.type for e in events_document(text, "2022-05-13").events if not e.negated}


@pytest.mark.parametrize(
    ("text", "kind", "present"),
    [
        # feelings are no disapproval
        ("Hamas leaders said they mourn his loss dearly.", "ACCUSE", False),
        ("The Kenyan foreign minister cried during the ceremony in Nairobi.", "ACCUSE", False),
        ("The Egyptian government condemned the attack.", "ACCUSE", True),
        # hardship and resemblance are no fighting
        ("Kenyan families who are struggling with homelessness will benefit from the plan.",
         "ASSAULT", False),
        ("Kenyan families who are struggling with homelessness will benefit from the plan.",
         "AGREE", False),
        ("Nigerian police encountered a man matching the description.", "ASSAULT", False),
        ("Nigerian police encountered a man matching the description.", "CONSULT", False),
        ("Kurdish fighters fought Islamic State militants near Raqqa.", "ASSAULT", True),
        # fighting fires or illness is no clash
        ("Canadian firefighters were busy fighting two apartment fires in Winnipeg.",
         "ASSAULT", False),
        # study is no investigation; effect is no support
        ("A South African researcher spent a decade studying mining in Limpopo.",
         "ACCUSE", False),
        ("Mining affects the livelihoods of millions of South Africans.", "SUPPORT", False),
        ("Police in Lagos are investigating the deaths of two Nigerian students.",
         "ACCUSE", True),
        # assertions and aims are no accusation or agreement
        ("The Indian government claimed that the scheme would cause law and order problems.",
         "ACCUSE", False),
        ("The Welsh government conference aims to showcase progress in Wales.", "AGREE", False),
        ("Russian state TV said it could not vouch for the authenticity of the quotes.",
         "REJECT", False),
        ("The Vietnamese minister expressed his belief that ties with Russia will grow.",
         "ACCUSE", False),
        ("The Chinese foreign ministry expressed disdain for the American decision.",
         "ACCUSE", True),
        # executing a project is no killing; catching attention is no seizure
        ("The projects have been executed by Pakistan Army engineers.", "ASSAULT", False),
        ("Iran executed three men convicted of spying for Israel on Tuesday.", "ASSAULT", True),
        ("A New York court award has caught the attention of American artists.", "COERCE",
         False),
        ("Nigerian police caught the suspect in Lagos on Monday.", "COERCE", True),
        # committing an offence pledges nothing
        ("The Nigerian senator was tried for an offence he committed in 2019.", "AGREE", False),
        ("The Taliban committed to a ceasefire with the Afghan government.", "AGREE", True),
        # reinforcing a friendship is no coercion, reinforcing troops is mobilisation
        ("Russia said it will keep reinforcing its friendship with Vietnam.", "COERCE", False),
        ("Russia reinforced its troops on the Ukrainian border.", "MOBILIZE", True),
        # trade is no cooperation
        ("Iran exported 2.6 million tons of goods to Kazakhstan in March.", "COOPERATE", False),
        # hanging over a place, pleading anonymity, appearing in court
        ("The royal blue silks hung over the Dubai racecourse.", "ASSAULT", False),
        ("Iran hanged two Kurdish prisoners on Monday.", "ASSAULT", True),
        ("A Kenyan camp official who pleaded anonymity said four people died.", "REQUEST", False),
        ("The Nigerian senator pleaded with Buhari to release the students.", "REQUEST", True),
        ("The Nigerian senator is being held on bail and will appear in court on April 6th.",
         "THREATEN", False),
        # breaking is military force only against forces, camps, bridges, weapons...
        ("A group of Kenyan demonstrators broke through a police cordon near parliament.",
         "ASSAULT", False),
        ("Congolese government troops broke the rebel camp near Goma on Monday.", "ASSAULT", True),
    ],
)
def test_events_everyday_senses(text: str, kind: str, present: bool) -> None:
    assert (kind in _types(text)) is present


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # the same word for the same act of the same people twice in one sentence: one event
        ("Nigerian soldiers killed Abubakar Shekau in Sambisa forest, and residents said Monday "
         "was the day Nigerian soldiers killed Abubakar Shekau.", 1),
        # the same word for acts on different people, or different words: separate events
        ("Nigerian soldiers killed six villagers and killed two traders in Kaduna on Monday.", 2),
        ("Nigerian soldiers killed six villagers and shot dead two traders in Kaduna on Monday.",
         2),
    ],
)
def test_events_sentence_repeats(text: str, count: int) -> None:
    doc = events_document(text, "2022-05-13")
    assert len([e for e in doc.events if e.type == "ASSAULT" and not e.negated]) == count
