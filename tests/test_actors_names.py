"""Canonical actor names from data, datelines that are never actors, and country words
that are not countries — on made-up sentences."""

from __future__ import annotations

import pytest

from newsevents import actors_lexicon as lex
from newsevents.actors_build import dateline_spans
from newsevents.articles import make_article
from newsevents.pipeline import Document
from newsevents.stages import actors


def run_actors(nlp, text: str) -> Document:
    doc = Document(article=make_article(text, published="2024-05-02"))
    doc.spacy = nlp(doc.text)
    actors.run(doc)
    return doc


def actor_named(doc: Document, phrase: str):
    start = doc.text.index(phrase)
    mention = actors.mention_at(doc, start, start + len(phrase))
    assert mention is not None, phrase
    return doc.actors[mention.actor_id], mention


@pytest.mark.parametrize(
    ("country", "sector", "noun", "expected"),
    [
        ("MEX", "GOV", "", "Mexican government"),
        ("KEN", "COP", "officer", "Kenyan police"),
        ("NER", "MIL", "soldier", "Nigerien military"),
        ("ECU", "CVL", "protester", "Ecuadorean protesters"),
        ("LBY", "CVL", "libyan", "Libyan civilians"),
        ("NGA", "BUS", "company", "Nigerian companies"),
        ("NZL", "GOV", "", "New Zealand government"),
        ("ZZZ", "GOV", "", None),
    ],
)
def test_group_name_from_tables(country, sector, noun, expected):
    assert lex.group_name(country, sector, noun) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "name", "mention_text"),
    [
        ("A Kenyan official said the talks would resume in Nairobi.",
         "A Kenyan official", "Kenyan government", "A Kenyan official"),
        ("Nigerien soldiers patrolled the road near the border on Tuesday.",
         "Nigerien soldiers", "Nigerien military", "Nigerien soldiers"),
        ("Bolivian police arrested four men after the riot.",
         "Bolivian police", "Bolivian police", "Bolivian police"),
        ("Defence Minister Karla Osterberg visited the garrison.",
         "Karla Osterberg", "Karla Osterberg", "Karla Osterberg"),
    ],
)
def test_group_actor_named_from_data_mention_keeps_text(nlp, text, phrase, name, mention_text):
    doc = run_actors(nlp, text)
    actor, mention = actor_named(doc, phrase)
    assert actor.name == name
    assert mention.text == mention_text


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("NIAMEY, March 14 — Gunmen killed 12 villagers in western Niger, officials said.",
         "NIAMEY"),
        ("WASHINGTON (Reuters) - The Senate passed the bill on Tuesday.", "WASHINGTON"),
        ("QUITO — Police fired tear gas at protesters near the palace.", "QUITO"),
        ("Kabul, Afghanistan, Nov. 3 (AP) — Taliban fighters seized a district.",
         "Kabul, Afghanistan"),
    ],
)
def test_datelines_are_never_actors(nlp, text, place):
    spans = dateline_spans(text)
    assert [text[a:b] for a, b in spans] == [place]
    doc = run_actors(nlp, text)
    end = len(place)
    assert not [m for m in doc.actor_mentions if m.start < end], doc.actor_mentions


@pytest.mark.parametrize(
    "text",
    [
        "Moscow - a city of millions - woke to snow.",
        "Paris said on Monday it would send envoys.",
        "The president — who spoke late — left.",
    ],
)
def test_not_datelines(text):
    assert dateline_spans(text) == []


def test_dateline_country_still_hints_groups(nlp):
    doc = run_actors(nlp, "NIAMEY, March 14 — Soldiers repelled the attack, the army said.")
    actor, _ = actor_named(doc, "Soldiers")
    assert actor.country == "NER"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Protesters blocked the Pan-American Highway for a third day.", "Pan-American"),
        ("Trucks crossed the Trans-Sahara Highway at dawn.", "Highway"),
    ],
)
def test_routes_and_pan_prefixes_are_not_actors(nlp, text, absent):
    doc = run_actors(nlp, text)
    start = doc.text.index(absent)
    assert actors.mention_at(doc, start, start + len(absent)) is None
    assert all(a.country != "USA" for a in doc.actors.values())


def test_country_actor_named_canonically(nlp):
    doc = run_actors(nlp, "The US imposed sanctions on Iran on Monday.")
    actor, mention = actor_named(doc, "The US")
    assert actor.name == "United States"
    assert mention.text == "The US"


def test_passing_country_mention_does_not_carry_over(nlp):
    text = ("Niger's junta said Niger would hold talks. Nigerien officials met in Niger. "
            "The junta expelled French envoys and turned to Russia for support. "
            "The army said soldiers killed 15 attackers.")
    doc = run_actors(nlp, text)
    actor, _ = actor_named(doc, "The army")
    assert actor.country == "NER"
