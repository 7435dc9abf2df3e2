"""The times stage: detection and normalisation against a publication date."""

from __future__ import annotations

import pytest

from newsevents.pipeline import Document
from newsevents.records import Article
from newsevents.stages import parse, times


def _times(text: str, published: str | None = "2015-01-07") -> list:
    doc = Document(article=Article(id="t", text=text, published=published))
    parse.run(doc)
    times.run(doc)
    return doc.times


def _find(found: list, surface: str):
    matches = [t for t in found if t.text == surface]
    assert matches, f"{surface!r} not found in {[t.text for t in found]}"
    return matches[0]


# publication 2015-01-07 is a Wednesday
@pytest.mark.parametrize(
    ("text", "surface", "value", "kind"),
    [
        ("Peña Nieto came to Washington Tuesday to meet Obama.", "Tuesday", "2015-01-06", "DATE"),
        ("The ministers met Wednesday in Paris.", "Wednesday", "2015-01-07", "DATE"),
        ("The ministers will meet on Friday in Paris.", "Friday", "2015-01-09", "DATE"),
        ("Protesters marched on Thursday.", "Thursday", "2015-01-01", "DATE"),
        ("The September 26 massacre shocked Mexico.", "September 26", "2014-09-26", "DATE"),
        ("Talks will resume on March 3.", "March 3", "2015-03-03", "DATE"),
        ("The accord was signed on Jan. 5.", "Jan. 5", "2015-01-05", "DATE"),
        ("It was signed on 5 January 2015 in Rome.", "5 January 2015", "2015-01-05", "DATE"),
        ("The law of 2014-03-02 stands.", "2014-03-02", "2014-03-02", "DATE"),
        ("The plan was established in 2008 under Calderón.", "2008", "2008", "DATE"),
        ("The envoy traveled to Guerrero last month.", "last month", "2014-12", "DATE"),
        ("He recalled last June's massacre of 22.", "last June", "2014-06", "DATE"),
        ("Prices rose last year.", "last year", "2014", "DATE"),
        ("Talks continue next week.", "next week", "2015-W03", "DATE"),
        ("Troops left yesterday.", "yesterday", "2015-01-06", "DATE"),
        ("Troops leave today.", "today", "2015-01-07", "DATE"),
        ("The rally is tonight.", "tonight", "2015-01-07TNI", "TIME"),
        ("The army arrived two days ago.", "two days ago", "2015-01-05", "DATE"),
        ("Riots spread over the past three months.", "the past three months", "2014-10/2015-01",
         "DURATION"),
        ("Crime soared in the 1990s.", "the 1990s", "199", "DATE"),
        ("The vote is set for early December.", "early December", "2015-12", "DATE"),
        ("The flood happened late last July.", "late last July", "2014-07", "DATE"),
        ("Spending fell this fiscal year.", "this fiscal year", "2015", "DATE"),
        ("The drought of 2009-2010 was severe.", "2009-2010", "2009/2010", "DURATION"),
        ("Killings have risen in recent months.", "recent months", "PAST_REF", "DATE"),
        ("Prices are high now.", "now", "PRESENT_REF", "DATE"),
        ("Sales fell in the third quarter of 2014.", "the third quarter of 2014", "2014-Q3",
         "DATE"),
        ("The harvest failed last summer.", "last summer", "2014-SU", "DATE"),
        ("The meeting began at 10:35 a.m. in Rome.", "10:35 a.m.", "2015-01-07T10:35", "TIME"),
        ("The war has lasted for 20 years.", "20 years", "P20Y", "DURATION"),
        ("The talks lasted two hours.", "two hours", "PT2H", "DURATION"),
        ("It is the lowest rating in at least 20 years.", "20 years", "P20Y", "DURATION"),
        ("He hopes to profit from the 20-year-old NAFTA.", "20-year-old", "P20Y", "DURATION"),
        ("The council meets every week.", "every week", "P1W", "SET"),
    ],
)
def test_times_normalises_against_publication(text: str, surface: str, value: str,
                                              kind: str) -> None:
    found = _find(_times(text), surface)
    assert (found.value, found.type) == (value, kind)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The September 26 massacre shocked Mexico. The government made this certification "
         "one week before the Iguala massacre.", "one week before the Iguala massacre",
         "2014-09-19"),
        ("Obama met Peña Nieto Tuesday. The talks on Tuesday were brief. On the eve of the visit, "
         "an official spoke.", "On the eve of the visit", "2015-01-05"),
    ],
)
def test_times_resolves_event_anchors(text: str, surface: str, value: str) -> None:
    assert _find(_times(text), surface).value == value


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The ministers met Tuesday.", "Tuesday", "XXXX-WXX-2"),
        ("Talks ended on September 26.", "September 26", "XXXX-09-26"),
        ("The envoy traveled there last month.", "last month", None),
        ("The plan was established in 2008.", "2008", "2008"),
    ],
)
def test_times_keeps_relative_values_unresolved_without_date(text: str, surface: str,
                                                             value: str | None) -> None:
    assert _find(_times(text, published=None), surface).value == value


@pytest.mark.parametrize(
    "text",
    [
        "Some 2000 people marched to the square.",
        "Officials said they may march to the capital.",
        "He paid $2008 for the car.",
        "The fall of the regime came fast.",
    ],
)
def test_times_rejects_non_times(text: str) -> None:
    assert _times(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Peña Nieto came to Washington Tuesday, 7 January 2015, for talks lasting two hours.",
        "On the eve of the visit the September 26 massacre was recalled.",
    ],
)
def test_times_offsets_match_text(text: str) -> None:
    found = _times(text)
    assert found
    for item in found:
        assert text[item.start:item.end] == item.text
        assert item.extractor == times.VERSION


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(0, 40, "Tuesday"), (0, 10, None), (44, 60, "last month")],
)
def test_times_time_at_finds_expression_in_span(start: int, end: int,
                                                expected: str | None) -> None:
    text = "Peña Nieto came to Washington Tuesday. He left last month."
    doc = Document(article=Article(id="t", text=text, published="2015-01-07"))
    parse.run(doc)
    times.run(doc)
    found = times.time_at(doc, start, end)
    assert (found.text if found else None) == expected


def test_times_seed_required_values(seed_gold: dict, seed_result) -> None:
    """Every required seed time is found with its gold value (floor: 100 %)."""
    text = seed_result.article.text
    missing = []
    for item in seed_gold["times"]:
        where = text.find(item["context"])
        assert where >= 0, item["context"]
        start = where + item["context"].find(item["text"])
        hits = [t for t in seed_result.times if t.start == start and t.text == item["text"]]
        if not hits or hits[0].value != item["value"]:
            missing.append((item["text"], item["value"], hits[0].value if hits else None))
    required = [m for m in missing
                if any(i["required"] and i["text"] == m[0] for i in seed_gold["times"])]
    assert required == []
    assert missing == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("It happened in nineteen ninety-six.", "nineteen ninety-six", "1996"),
        ("The plant closed in the nineties.", "the nineties", "199"),
    ],
)
def test_times_reads_spoken_years_and_decades(text: str, surface: str, value: str) -> None:
    assert _find(_times(text), surface).value == value


@pytest.mark.parametrize("text", ["Three-quarters of voters agreed.", "A quarter of the vote."])
def test_times_rejects_fractions(text: str) -> None:
    assert [t.text for t in _times(text) if "quarter" in t.text.lower()] == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Rebels attacked on September 26. Police arrived the next day.", "the next day",
         "2014-09-27"),
        ("Rebels attacked on September 26. Later that day troops came.", "Later that day",
         "2014-09-26"),
        ("The treaty was signed in 2009. The following year it failed.", "The following year",
         "2010"),
    ],
)
def test_times_anchors_anaphora_on_reference_date(text: str, surface: str, value: str) -> None:
    assert _find(_times(text), surface).value == value


@pytest.mark.parametrize(
    ("text", "published", "surface", "value"),
    [
        ("Shops closed on Christmas Day.", "2015-01-07", "Christmas Day", "2014-12-25"),
        ("Families met on Thanksgiving 1999.", "2000-01-07", "Thanksgiving 1999", "1999-11-25"),
        ("Crowds will gather at Easter.", "2015-01-07", "Easter", "2015-04-05"),
        ("Turnout fell on Election Day.", "1998-11-05", "Election Day", "1998-11-03"),
    ],
)
def test_times_resolves_named_days(text: str, published: str, surface: str,
                                   value: str) -> None:
    assert _find(_times(text, published), surface).value == value


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The flight took 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
        ("The war lasted two decades.", "two decades", "P20Y"),
        ("The vote is on Monday, Oct. 26.", "Monday, Oct. 26", "2015-10-26"),
    ],
)
def test_times_reads_fractions_decades_and_weekday_dates(text: str, surface: str,
                                                         value: str) -> None:
    assert _find(_times(text, "2015-10-20"), surface).value == value


def test_times_keeps_years_joined_by_words_apart() -> None:
    found = _times("Prices rose between 1994 and 1997.")
    assert [(t.text, t.value) for t in found] == [("1994", "1994"), ("1997", "1997")]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Disco ruled in the 70s.", "the 70s", "197"),
        ("Prices fell in the late ’80s.", "the late ’80s", "198"),
        ("The dam will open in spring.", "spring", "2015-SP"),
    ],
)
def test_times_reads_short_decades_and_bare_seasons(text: str, surface: str, value: str) -> None:
    assert _find(_times(text), surface).value == value


@pytest.mark.parametrize("text", ["The spring of hope.", "Water began to spring from rocks."])
def test_times_rejects_seasons_that_are_not_times(text: str) -> None:
    assert [t for t in _times(text) if "spring" in t.text] == []


@pytest.mark.parametrize(
    "text",
    [
        "They met on Sunday. On Sunday they met again. On the eve of the vote, all left.",
        "Talks ended Feb. 30 and resumed on 31 April.",
        "In 1999-1950 and 12/45/2001 nothing happened.",
    ],
)
def test_times_survives_odd_input_without_date(text: str) -> None:
    for published in (None, "2015-01-07"):
        for item in _times(text, published):
            assert text[item.start:item.end] == item.text


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Obama arrived Tuesday. Talks on Tuesday went well. On the eve of Obama's visit, "
         "police deployed.", "On the eve of Obama's visit", "2015-01-05"),
        ("The minister will fly to Rome this Friday.", "this Friday", "2015-01-09"),
    ],
)
def test_times_reads_possessive_anchors_and_this_weekday(text: str, surface: str,
                                                         value: str) -> None:
    assert _find(_times(text), surface).value == value


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The curfew starts at 10 p.m. Monday.", "10 p.m. Monday", "2015-01-05T22:00"),
        ("Troops left Tuesday at 9 a.m. sharp.", "Tuesday at 9 a.m.", "2015-01-06T09:00"),
        ("The vote closed at noon yesterday.", "noon yesterday", "2015-01-06T12:00"),
    ],
)
def test_times_joins_clock_and_day(text: str, surface: str, value: str) -> None:
    found = _find(_times(text), surface)
    assert (found.value, found.type) == (value, "TIME")


# publication 2015-01-07 is a Wednesday
@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The judge adjourned the trial to January 15.", "January 15", "2015-01-15"),
        ("He governed the state for eight years before he left office.", "eight years",
         "P8Y"),
        ("Gunmen attacked the village on Monday. Villagers had asked for help two weeks "
         "earlier.", "two weeks earlier", "2014-12-22"),
        ("The United States on Monday imposed sanctions. The hospital was shelled two days "
         "before the sanctions were announced.", "two days before the sanctions", "2015-01-03"),
        ("The cyclone made landfall on January 2. It caused flooding two days after "
         "landfall.", "two days after landfall", "2015-01-04"),
        ('The prisoners were freed on Monday.\n\n"Today families are reunited," the envoy '
         "said.", "Today", "2015-01-05"),
    ],
)
def test_times_narrative_anchors(text: str, surface: str, value: str) -> None:
    assert _find(_times(text), surface).value == value


def test_times_drops_ages_of_people() -> None:
    found = _times("A 22-year-old protester died; the 8-month-old truce held.")
    assert [t.text for t in found] == ["8-month-old"]
