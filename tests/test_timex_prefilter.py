"""The time-pattern prefilter: the literals a pattern needs, and the same matches as without it."""

from __future__ import annotations

import re

import pytest

from newsevents import timex
from newsevents.timex_prefilter import Window, first_characters, folded, lowered, required_literals


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b\d+ days? ago\b", (" day",)),  # the first of equals
        (r"(?:last|next) week", (" week",)),
        (r"(?:last|next)\b", ("last", "next")),
        (r"(?-i:Monday|MONDAY)", ("onday",)),  # the parser takes out the common M
        (r"x?y", ("y",)),
        (r"(?:noon|\d+:\d\d)", (":", "noon")),
        (r"(?:noon|\d+)", None),  # the second branch needs no fixed string
        (r"(?:year)*", None),
        (r"['’]\d0s", ("0s",)),
        (r"(?:jan|january|feb|february) \d+", ("feb", "jan")),  # "january" holds "jan"
    ],
)
def test_timex_prefilter_required_literals(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert required_literals(re.compile(pattern, re.IGNORECASE)) == expected


def test_timex_prefilter_window_case_twins_are_always_searched() -> None:
    text = "two wee\u212as ago"  # the Kelvin sign matches k case-insensitively
    assert re.search("weeks", text, re.IGNORECASE)
    assert Window(text, 0, len(text)).may_match(("weeks",))
    assert not Window("two days ago", 0, 12).may_match(("weeks",))


@pytest.mark.parametrize(
    "text",
    [
        "The talks ended LAST WEEK, three days after the ceasefire of March 3, 2014.",
        "Protests in the 1990s and the '80s; on Tuesday at 5 p.m.; two wee\u212as ago; ſunday.",
        "İn the past few months, since Christmas Eve, the army has shelled the city every night.",
    ],
)
def test_timex_prefilter_finds_what_every_pattern_finds(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    filtered = timex.find(text)
    monkeypatch.setattr(Window, "may_match", lambda self, literals: True)
    assert filtered == timex.find(text)
    assert filtered


@pytest.mark.parametrize(
    ("pattern", "foldable"),
    [
        (r"\b\d+ days? ago\b", True),
        (r"(?:last|next)['’]s [a-z]+", True),  # a caseless mark outside ASCII is fine
        (r"(?-i:Monday|MONDAY)", False),  # a case-sensitive part
        (r"\d+ ?(?:a\.m\.|UTC)", False),  # a capital
        (r"[A-Z]\w+", False),
        (r"caf[ée]", False),  # a letter outside ASCII
        (r"(?P<w>day)s? (?P=w)", False),  # a back reference
    ],
)
def test_timex_prefilter_folded_only_lower_case_patterns(pattern: str, foldable: bool) -> None:
    assert (folded(re.compile(pattern, re.IGNORECASE)) is not None) is foldable


def test_timex_prefilter_lowered_keeps_offsets() -> None:
    assert lowered("LAST Week") == "last week"
    assert lowered("\u0130n the past") is None  # İ lower-cases to two characters
    assert lowered("two wee\u212as") is None  # the Kelvin sign matches k in any case


@pytest.mark.parametrize(
    "text",
    [
        "The talks ended LAST WEEK, three days after the ceasefire of March 3, 2014.",
        "TWO WEEKS AGO, in the Early 1990s and the '80s, Every Day at 5 P.M. GMT; FY 2015.",
        "He was Seventy-Five Years Old in the Past Few Months; Christmas Eve; the Coming Year.",
    ],
)
def test_timex_prefilter_lower_cased_search_finds_the_same(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folded_search = timex.find(text)
    monkeypatch.setattr(timex, "lowered", lambda text: None)
    assert folded_search == timex.find(text)
    assert folded_search


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?:early|mid) (?-i:May|MAY)", "[em]"),
        (r"(?:(?P<mod>late) )?\d+ days?", "[l\\d]"),  # an optional part, then what follows
        (r"(?<=\bin )(?:years|weeks)", "[yw]"),  # a lookbehind consumes nothing
        (r"['’]\d0s", "['’]"),
        (r"(?:noon)?", None),  # may match the empty string
        (r".+ ago", None),  # any character
        (r"[^a-z]+ ago", None),  # a negated class
    ],
)
def test_timex_prefilter_first_characters(pattern: str, expected: str | None) -> None:
    assert first_characters(re.compile(pattern, re.IGNORECASE)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The talks ended LAST WEEK, three days after the ceasefire of March 3, 2014.",
        "Wednesday, Jan. 5, in the mid-1990s; Late May; in years past; '80s; 10:30 p.m. EST.",
    ],
)
def test_timex_prefilter_guarded_patterns_find_the_same(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    guarded_search = timex.find(text)
    monkeypatch.setattr(timex, "guarded", lambda pattern: pattern)
    timex._prefiltered.cache_clear()
    try:
        assert guarded_search == timex.find(text)
    finally:
        timex._prefiltered.cache_clear()
    assert guarded_search
