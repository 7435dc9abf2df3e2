"""The quantities stage: money, counts, percentages, durations, ranges and qualifiers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsevents.stages import quantities
from test_quantities_support import matches, run_quantities


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit", "qualifier"),
    [
        ("Police killed six students in the town.", "six students", 6, "person", None),
        ("The plan covers some 36 municipalities in four states.", "some 36 municipalities", 36,
         "municipality", "approximately"),
        ("A war that has cost well over 100,000 Mexican lives.", "well over 100,000", 1e5,
         "person", "more than"),
        ("Washington is funneling some $2 billion in military hardware.", "some $2 billion", 2e9,
         "USD", "approximately"),
        ("The US sent $226 billion worth of goods south.", "$226 billion", 2.26e11, "USD", None),
        ("The company lost €3.5m last year.", "€3.5m", 3.5e6, "EUR", None),
        ("The club paid £40 million for him.", "£40 million", 4e7, "GBP", None),
        ("The firm owes 1.2 billion pesos to the state.", "1.2 billion pesos", 1.2e9, "MXN", None),
        ("The state set aside Rs 500 crore for roads.", "Rs 500 crore", 5e9, "INR", None),
        ("The fund holds US$3 trillion in assets.", "US$3 trillion", 3e12, "USD", None),
        ("The deal is worth $1.5bn to the city.", "$1.5bn", 1.5e9, "USD", None),
        ("He pledged 5 million dollars to the fund.", "5 million dollars", 5e6, "USD", None),
        ("The bank added ¥300 billion to the market.", "¥300 billion", 3e11, "JPY", None),
        ("Hundreds of thousands of protesters marched.", "Hundreds of thousands", 1e5, "person",
         "more than"),
        ("Dozens of people were hurt.", "Dozens of people", 12, "person", "more than"),
        ("Forty-three students are missing.", "Forty-three students", 43, "person", None),
        ("Two dozen vehicles were burned.", "Two dozen vehicles", 24, "vehicle", None),
        ("Prices rose 12 percent in March.", "12 percent", 12, "percent", None),
        ("Prices rose 12% in March.", "12%", 12, "percent", None),
        ("A third of voters stayed home.", "A third", 33.33, "percent", None),
        ("The meeting lasted an hour and a half.", "an hour and a half", 1.5, "hour", None),
        ("He served three years in prison.", "three years", 3, "year", None),
        ("The lowest rating in at least 20 years.", "at least 20 years", 20, "year", "at least"),
        ("Fewer than 50 families came back.", "Fewer than 50 families", 50, "person",
         "less than"),
        ("Up to 300 migrants were on board.", "Up to 300 migrants", 300, "person", "up to"),
        ("He weighs 236 pounds.", "236 pounds", 236, "pound", None),
        ("She is survived by three loving grandchildren.", "three loving grandchildren", 3,
         "person", None),
        ("The shares rose five pence to 913 pence.", "913 pence", 9.13, "GBP", None),
        ("The firm earned 26 cents a share.", "26 cents", 0.26, "USD", None),
    ],
)
def test_quantities_reads_figures(
    nlp: Any, sentence: str, surface: str, value: float, unit: str, qualifier: str | None
) -> None:
    doc = run_quantities(sentence, nlp)
    gold = {"text": surface, "value": value, "unit": unit, "qualifier": qualifier}
    assert any(matches(q, gold, doc.text) for q in doc.quantities), doc.quantities


@pytest.mark.parametrize(
    ("sentence", "value", "value_max", "unit"),
    [
        ("Between 10 and 20 people were hurt.", 10, 20, "person"),
        ("Some 10-20 people were hurt.", 10, 20, "person"),
        ("The loan is worth $10-20 million.", 1e7, 2e7, "USD"),
        ("Attendance grew by 10 to 15 percent.", 10, 15, "percent"),
    ],
)
def test_quantities_reads_ranges(
    nlp: Any, sentence: str, value: float, value_max: float, unit: str
) -> None:
    found = [q for q in run_quantities(sentence, nlp).quantities if q.value_max is not None]
    assert [(q.value, q.value_max, q.unit, q.kind) for q in found] == [
        (value, value_max, unit, "range")
    ]


@pytest.mark.parametrize(
    ("sentence", "of", "unit"),
    [
        ("Police killed six students and another 43 disappeared.", "students", "person"),
        ("Officers detained 23 activists, and another 11 were released.", "activists", "person"),
        ("The bomb killed nine people and wounded 27 others.", "others", "person"),
    ],
)
def test_quantities_ellipsis_takes_previous_noun(
    nlp: Any, sentence: str, of: str, unit: str
) -> None:
    last = run_quantities(sentence, nlp).quantities[-1]
    assert (last.of, last.unit) == (of, unit)


@pytest.mark.parametrize(
    "sentence",
    [
        "From last June's massacre of 22 by the army to reports of torture.",
        "The death toll from the attack rose to 31 on Tuesday.",
        "Gunmen killed 12 in the village.",
    ],
)
def test_quantities_bare_number_governed_by_killing_counts_people(nlp: Any, sentence: str) -> None:
    found = run_quantities(sentence, nlp).quantities
    assert [q.unit for q in found] == ["person"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The massacre took place on September 26 in Iguala.",
        "The agreement was signed in 2013 and renewed in 2008.",
        "Now Washington hopes to profit from the 20-year-old NAFTA.",
        "The hunger strike entered its 21st day.",
        "The meeting starts at 10 a.m. on 7 January 2015.",
        "He lives at 221 Baker Street in London.",
        "Under Article 5 of the treaty, members must help each other.",
        "The two presidents met on Tuesday.",
        "It was the second time in a row.",
        "Call 555-1234 for details.",
        "One of the guards said nothing.",
        "The president, 71, spoke briefly.",
        "The first half of the year was calm.",
        "The 2014-2015 budget was approved.",
        "The cases rose one week before the election.",
        "A 911 caller reported the fire.",
        "Protests spread over the past three months.",
        "Growth will slow in the next two years.",
        "There is a one in 259 million chance of winning.",
        "The nation's 25 largest school districts use seniority.",
        "Executives took tens of millions in bonuses.",
        "Arrivals rose to more than 300,000 last year.",
        "Alcohol may not be sold to anyone under 21 years of age.",
    ],
)
def test_quantities_ignores_dates_years_ages_ordinals_labels(nlp: Any, sentence: str) -> None:
    assert run_quantities(sentence, nlp).quantities == []


@pytest.mark.parametrize(
    ("sentence", "texts"),
    [
        ("I've recorded 400 CDs, but this one was the best.", ["400 CDs"]),
        ("The engine produces 627 pound-feet of torque.", ["627 pound-feet"]),
        ("Police held 30 men; 12 were later freed.", ["30 men", "12"]),
    ],
)
def test_quantities_one_is_not_elliptical(nlp: Any, sentence: str, texts: list[str]) -> None:
    assert [q.text for q in run_quantities(sentence, nlp).quantities] == texts


@pytest.mark.parametrize(
    ("sentence", "places", "unit"),
    [
        ("The budget is 3 billion pesos.", [], "MXN"),
        ("The budget is 3 billion pesos.", ["ARG", "ARG"], "ARS"),
        ("The budget is $3 billion.", [], "USD"),
        ("The budget is $3 billion.", ["CAN", "CAN", "USA"], "CAD"),
    ],
)
def test_quantities_currency_follows_article_countries(
    nlp: Any, sentence: str, places: list[str], unit: str
) -> None:
    from newsevents.articles import make_article
    from newsevents.pipeline import Document
    from newsevents.records import Place

    doc = Document(article=make_article(sentence, published="2015-01-07"))
    doc.spacy = nlp(doc.text)
    doc.places = [Place(0, 1, doc.text[0], "x", 0.0, 0.0, "country", country=c) for c in places]
    quantities.run(doc)
    assert [q.unit for q in doc.quantities] == [unit]


def test_quantities_provenance_and_version(nlp: Any, seed_raw: str) -> None:
    doc = run_quantities(seed_raw, nlp)
    assert doc.quantities
    for q in doc.quantities:
        assert doc.text[q.start : q.end] == q.text
        assert q.extractor == quantities.VERSION
        if q.of_span is not None:
            span = q.of_span
            assert doc.text[span.start : span.end] == span.text == q.of


def test_quantities_seed_floor(nlp: Any, seed_raw: str, seed_gold: dict[str, Any]) -> None:
    """Every required seed figure right (value, unit, qualifier); all optional ones too."""
    doc = run_quantities(seed_raw, nlp)
    gold = seed_gold["quantities"]
    missing = [g["id"] for g in gold if not any(matches(q, g, doc.text) for q in doc.quantities)]
    assert missing == []
    hits = sum(any(matches(q, g, doc.text) for g in gold) for q in doc.quantities)
    assert hits / len(doc.quantities) >= 0.9  # floor: 10 of 11 predicted are gold


def test_quantities_seed_no_dates_as_counts(nlp: Any, seed_raw: str) -> None:
    doc = run_quantities(seed_raw, nlp)
    counted = {q.text for q in doc.quantities}
    for date_text in ("26", "2008", "2013", "20-year-old", "second"):
        assert not any(text == date_text or text.startswith(date_text + " ") for text in counted)


def test_quantities_seed_end_to_end(seed_result: Any, shared: Path) -> None:
    """Through the whole pipeline (times and places run before us) the seed figures hold."""
    import json

    gold = json.loads((shared / "gold" / "seed.json").read_text(encoding="utf-8"))["quantities"]
    text = seed_result.article.text
    required = [g for g in gold if g["required"]]
    found = [g["id"] for g in required if any(matches(q, g, text) for q in seed_result.quantities)]
    assert len(found) == len(required)
