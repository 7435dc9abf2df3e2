"""Number words and digits read as floats (newsevents.numbers)."""

from __future__ import annotations

import re

import pytest

from newsevents.numbers import BASE_SCALES, number_pattern, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("six", 6),
        ("forty-three", 43),
        ("forty three", 43),
        ("100,000", 100_000),
        ("1.2 million", 1_200_000),
        ("two dozen", 24),
        ("a dozen", 12),
        ("two and a half", 2.5),
        ("one hundred and twenty", 120),
        ("two hundred thousand", 200_000),
        ("226 billion", 226e9),
        ("a million", 1e6),
        ("nineteen", 19),
    ],
)
def test_numbers_parse_words_and_digits(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "scales", "expected"),
    [("500 crore", {"crore": 1e7}, 5e9), ("5 lakh", {"lakh": 1e5}, 5e5)],
)
def test_numbers_parse_extra_scales(text: str, scales: dict[str, float], expected: float) -> None:
    assert parse_number(text, scales) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["students", "some", "June"])
def test_numbers_parse_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("killed six students", ["six"]),
        ("the 22nd of June", []),
        ("in the 1990s", []),
        ("COVID-19 cases", []),
        ("some 1.2 million people", ["1.2 million"]),
        ("forty-three people", ["forty-three"]),
    ],
)
def test_numbers_pattern_finds_whole_numbers(text: str, found: list[str]) -> None:
    pattern = re.compile(number_pattern(BASE_SCALES), re.IGNORECASE)
    assert [m.group() for m in pattern.finditer(text)] == found
