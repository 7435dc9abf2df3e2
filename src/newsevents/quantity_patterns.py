"""Regular expressions of the quantities stage, built once from the lexicon.

A figure is found in two steps: :data:`Patterns.figure` finds the number itself (digits,
words, "hundreds of thousands of", "a third of", "hour and a half", ranges), then the
small anchored patterns here read what stands around it (currency before or after,
qualifier before, "percent" or a time unit after). Keeping the anchors separate keeps each
expression readable and lets a researcher's new currency or qualifier work everywhere.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newsevents.numbers import number_pattern
from newsevents.quantity_lexicon import Lexicon, load_lexicon


def _alternation(words: list[str]) -> str:
    """Regex alternation of literal phrases, longest first, spaces matching any blank."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


@dataclass(frozen=True)
class Patterns:
    figure: re.Pattern[str]
    number: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    qualifier_after: re.Pattern[str]
    prefix_currency: re.Pattern[str]
    suffix_currency: re.Pattern[str]
    abbreviation: re.Pattern[str]
    percent: re.Pattern[str]
    time_unit: re.Pattern[str]
    excluded_after: re.Pattern[str]
    excluded_before: re.Pattern[str]
    relative_time: re.Pattern[str]


def _figure_pattern(lex: Lexicon, number: str) -> str:
    vague = _alternation(list(lex.vague))
    fractions = _alternation(list(lex.fractions))
    units = _alternation(list(lex.time_units))
    return "|".join(
        [
            # "an hour and a half", "a year and a half" -> 1.5 <unit>
            rf"(?P<half_unit>\b(?:(?:an?|one)\s+)?(?P<hu>{units})\s+and\s+a\s+half\b)",
            # "half an hour" -> 0.5 hour
            rf"(?P<half_of>\bhalf\s+an?\s+(?P<hu2>{units})\b)",
            # "hundreds of thousands of", "dozens of"
            rf"(?P<vague>\b(?:{vague})(?:\s+of\s+(?:{vague}))*\s+of)\b",
            # "a third of", "two-thirds of", "half of"
            rf"(?P<fraction>\b(?:(?:an?|one|two|three|four)[\s-]+)?(?:{fractions}))(?=\s+of\b)",
            # "between 10 and 20"
            rf"(?P<between>\bbetween\s+(?P<b1>{number})\s+and\s+(?P<b2>{number}))",
            # "10-20", "10 to 20", or one number
            rf"(?P<n1>{number})(?:\s*(?:-|–|—|\bto\b)\s*(?P<n2>{number}))?",
        ]
    )


@functools.lru_cache(maxsize=1)
def patterns() -> Patterns:
    """All patterns of the stage (cached: built once per process)."""
    lex = load_lexicon()
    number = number_pattern(lex.scales)
    prefixes = [c.surface for c in lex.currencies if c.position == "prefix"]
    suffixes = [c.surface for c in lex.currencies if c.position == "suffix"]
    units = _alternation(list(lex.time_units))
    return Patterns(
        figure=re.compile(_figure_pattern(lex, number), re.IGNORECASE),
        number=re.compile(number, re.IGNORECASE),
        qualifier_before=re.compile(
            rf"(?:^|(?<=[^\w]))(?P<q>{_alternation(list(lex.qualifiers_before))})\s+$",
            re.IGNORECASE,
        ),
        qualifier_after=re.compile(
            rf"^\s+(?P<q>{_alternation(list(lex.qualifiers_after))})\b", re.IGNORECASE
        ),
        # symbols are case-sensitive ("Rs", "US$"); a letter may not stand right before
        prefix_currency=re.compile(rf"(?<![A-Za-z])(?P<cur>{_alternation(prefixes)})\s?$"),
        suffix_currency=re.compile(
            rf"^\s+(?:of\s+)?(?P<cur>{_alternation(suffixes)})\b(?!-)", re.IGNORECASE
        ),
        abbreviation=re.compile(
            rf"^\s?(?P<abbr>{_alternation(list(lex.abbreviations))})\b", re.IGNORECASE
        ),
        percent=re.compile(r"^\s?(?:%|percent\b|per\s+cent\b|pct\b)", re.IGNORECASE),
        time_unit=re.compile(
            rf"^[\s-]+(?P<unit>{units}|centuries)(?:s)?\b(?![\s-]+old\b)", re.IGNORECASE
        ),
        # ages ("20-year-old", "35 years old"), times of day, ordinals written "22 nd"
        excluded_after=re.compile(
            r"^(?:[\s-]+(?:years?|months?|weeks?|days?)[\s-]+old\b|\s+years?\s+of\s+age\b|\s?(?:a\.m\.|p\.m\.|am\b|pm\b"
            r"|gmt\b|utc\b|o'clock\b)|:\d|/\d|\.\d+\.\d)",
            re.IGNORECASE,
        ),
        # "aged 20", "10:30", "No. 3", odds "one in 259 million"
        excluded_before=re.compile(
            r"(?:\baged?\s+|[:/#]\s?|\bNo\.\s?|\bone\s+in\s+)$", re.IGNORECASE
        ),
        relative_time=re.compile(
            r"^\s+(?:ago|earlier|later|before|after|from\s+now|hence|since)\b", re.IGNORECASE
        ),
    )
