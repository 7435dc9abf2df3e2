"""Numbers written in news text: digits, words and their mixtures, as floats.

News writes the same figure many ways ("43", "forty-three", "1.2 million", "two dozen",
"two and a half", "100,000"). This module gives one regular expression that finds such a
number (``NUMBER_PATTERN``) and one function that reads it (:func:`parse_number`). It knows
only English number words; multiplier words come from the quantities lexicon so that a
researcher can add "crore" or "lakh" without touching code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
#: multipliers every English text uses; the lexicon may add more (crore, lakh)
BASE_SCALES: dict[str, float] = {
    "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "dozen": 12,
}

_UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TENS_WORDS = "|".join(TENS)
#: "forty-three", "forty three", "six", "nineteen"
WORD_ATOM = rf"(?:(?:{_TENS_WORDS})(?:[-\s](?:{_DIGIT_WORDS})\b)?|(?:{_UNIT_WORDS}))"
_DIGITS_START = r"(?<![\w.,])(?<![A-Za-z]-)"
#: after digits: not more digits, not an ordinal or decade suffix ("22nd", "1990s")
_DIGITS_END = r"(?![\d])(?![.,]\d)(?!(?:st|nd|rd|th|s)\b)"
#: "100,000", "1.2", "43" (not part of a longer token such as "22nd" or "COVID-19")
DIGITS = rf"{_DIGITS_START}(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?{_DIGITS_END}"


def number_pattern(scales: Mapping[str, float]) -> str:
    """Regex source for one number: digits or words, with "and a half" and multipliers.

    ``scales`` are the multiplier words ("million", "crore"); "a"/"an" count as one only
    right before a multiplier ("a dozen", "a million").
    """
    scale_words = "|".join(sorted(scales, key=len, reverse=True))
    atom = (
        rf"(?:{DIGITS}|\b{WORD_ATOM}(?:[\s-]+hundred(?:\s+and\s+{WORD_ATOM})?)?\b"
        rf"|\ban?(?=\s+(?:{scale_words})\b))"
    )
    half = r"(?:\s+and\s+a\s+half\b)?"
    return rf"{atom}{half}(?:[\s-]+(?:{scale_words})\b)*"


def _scale_of(word: str, scales: Mapping[str, float]) -> float | None:
    return scales.get(word) or scales.get(word.rstrip("s"))


def parse_number(text: str, scales: Mapping[str, float] | None = None) -> float | None:
    """Read a number written with digits and/or English words; None when it is not one.

    >>> parse_number("forty-three"), parse_number("1.2 million"), parse_number("two dozen")
    (43.0, 1200000.0, 24.0)
    """
    table = dict(BASE_SCALES)
    if scales:
        table.update(scales)
    lowered = re.sub(r"\band\s+a\s+half\b", " half ", text.lower())
    words = re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", lowered)
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word[0].isdigit():
            current += float(word.replace(",", ""))
        elif word == "half":
            current += 0.5
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in ("a", "an"):
            current += 1
        elif word == "and":
            continue
        elif word == "hundred":
            current = (current or 1) * 100
        elif (scale := _scale_of(word, table)) is not None:
            total += (current or 1) * scale
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None

