"""Find temporal expressions in text and normalise them TIMEX3-style.

The vocabulary (``data/times/lexicon.yaml``) and the regular-expression patterns
(``data/times/patterns.yaml``) are data; this module compiles them once and holds one small
normaliser per rule. Normalisers are pure: what they need from the parse (the tense of the
governing verb, the dates of earlier expressions) arrives in a :class:`Context`, so they can
be tested without spaCy and reused by the evaluators.

Values follow TimeML: ``2015-01-06``, ``2014-W02``, ``2014-09``, ``2014-Q3``, ``2014-SU``,
``2014``, ``199`` (the 1990s), ``19`` (the 20th century), ``P3M``, ``PT2H``, ranges
``2014-10/2015-01`` and ``PAST_REF``/``PRESENT_REF``/``FUTURE_REF``. When the anchor (the
publication date) is unknown, relative expressions stay unresolved (``None`` or ``XXXX``
placeholders) instead of being guessed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from newsevents.paths import DATA_DIR
from newsevents.timex_prefilter import Window, folded, guarded, lowered, required_literals

TIMES_DIR = DATA_DIR / "times"

#: the granularity of each unit, coarse to fine, as used in values and records
GRANULARITIES = ("century", "decade", "year", "half", "quarter", "season", "month", "week",
                 "day", "hour", "minute", "second")


@dataclass(frozen=True)
class Timex:
    """One normalised expression, before it is tied to a document."""

    start: int
    end: int
    rule: str
    value: str | None
    type: str = "DATE"
    granularity: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A pattern match: where, which rule, and the named groups it captured."""

    start: int
    end: int
    rule: str
    groups: dict[str, str]


@dataclass
class Context:
    """What a normaliser may know beyond the matched words.

    ``anchor``: the publication date (None: keep relative values unresolved).
    ``tense(start, end)``: ``past``, ``present``, ``future`` or None for the verb governing a
    span. ``reference``: the last explicit date before the expression with its granularity.
    ``sentence``: text of the sentence holding the expression (for granularity hints).
    """

    anchor: dt.date | None
    tense: Callable[[int, int], str | None] = lambda start, end: None
    reference: tuple[dt.date, str] | None = None
    sentence: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- data loading


@functools.cache
def _data_file(name: str) -> dict[str, Any]:
    """One YAML file of data/times, loaded once per process."""
    with open(TIMES_DIR / name, encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def lexicon() -> dict[str, Any]:
    """The vocabulary file (lexicon.yaml)."""
    return _data_file("lexicon.yaml")


def holidays() -> dict[str, str]:
    """Named days (holidays.yaml): lower-case name → date rule."""
    named: dict[str, str] = _data_file("holidays.yaml")["holidays"]
    return named


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the Gregorian computus, in its usual arithmetic form)."""
    golden = year % 19
    century, year_in_century = divmod(year, 100)
    leap_c, rem_c = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (century - correction + 1) // 3
    epact = (19 * golden + century - leap_c - moon + 15) % 30
    leap_y, rem_y = divmod(year_in_century, 4)
    weekday = (32 + 2 * rem_c + 2 * leap_y - epact - rem_y) % 7
    shift_days = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift_days + 114, 31)
    return dt.date(year, month, day + 1)


WEEKDAY_ABBR = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def holiday_date(name: str, year: int) -> dt.date | None:
    """The date a named day falls on in a year, by its rule in holidays.yaml."""
    rule = holidays().get(name.lower().replace("’", "'"))
    if rule is None:
        return None
    if rule.startswith("easter"):
        return easter(year) + dt.timedelta(days=int(rule[6:]))
    parts = rule.split()
    if len(parts) == 1:
        month, day = (int(x) for x in rule.split("-"))
        return dt.date(year, month, day)
    nth, weekday, month = parts[0], WEEKDAY_ABBR.index(parts[1]), int(parts[2])
    extra = int(parts[3]) if len(parts) > 3 else 0
    if nth == "last":
        last = shift(dt.date(year, month, 1), "month", 1) - dt.timedelta(days=1)
        found = last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    else:
        first = dt.date(year, month, 1)
        found = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (int(nth) - 1))
    return found + dt.timedelta(days=extra)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _placeholders() -> dict[str, str]:
    lex = lexicon()
    months = lex["months"]
    full = [name for name in months if len(name) > 4 or name in ("may", "june", "july")]
    abbrev = [name for name in months if name not in full]
    full_weekdays = [name for name in lex["weekdays"] if name.endswith("day")]
    short_weekdays = [name for name in lex["weekdays"] if name not in full_weekdays]

    def cased(words: list[str]) -> str:
        return "|".join(f"{w.capitalize()}|{w.upper()}" for w in sorted(words, key=len,
                                                                          reverse=True))

    month_full = f"(?-i:{cased(full)})"
    month_any = f"(?-i:(?:{cased(abbrev)})\\.?|{cased(full)})"
    weekday = f"(?-i:{cased(full_weekdays)}|(?:{cased(short_weekdays)})\\.)"
    number_words = _alternation([w for w in lex["numbers"] if w not in ("half",)])
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    num = f"(?:\\d+(?: 1/2|[.,]\\d+)?|(?:{tens})[- ](?:{ones})|{number_words})"
    units = "|".join(
        sorted({f"{u}s?" for u in lex["units"]} | {"centuries", "millennia"}, key=len,
               reverse=True)
    )
    return {
        "MONTH": month_any,
        "MONTHFULL": month_full,
        "WEEKDAY": weekday,
        "NUM": num,
        "UNIT": f"(?:{units})",
        "YEAR": "(?:1[5-9]\\d\\d|20\\d\\d)(?!\\d)",
        "DAY": "(?:3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?(?!\\d)",
        "SEASON": f"(?:{_alternation(list(lex['seasons']))})",
        "PART": f"(?:{_alternation(list(lex['parts_of_day']))})",
        "VAGUE": f"(?:{_alternation(list(lex['vague']))})",
        "VQ": f"(?:{_alternation(list(lex['vague_quantities']))})",
        "HOLIDAY": f"(?:{_alternation(list(holidays()))})".replace("'", "['’]"),
    }


def _pattern_file() -> dict[str, Any]:
    return _data_file("patterns.yaml")


@functools.lru_cache(maxsize=1)
def trigger_words() -> frozenset[str]:
    """Words without which no pattern can match (lexicon words + patterns.yaml triggers)."""
    lex = lexicon()
    words: set[str] = set(_pattern_file().get("triggers", []))
    for section in ("months", "weekdays", "seasons", "parts_of_day"):
        words.update(lex[section])
    words.update(lex["units"])
    words.update(f"{unit}s" for unit in lex["units"])
    words.update({"centuries", "millennia"})
    for phrase in lex["vague"]:
        words.update(phrase.split())
    return frozenset(words - {"the", "in", "at", "a", "an", "of"})


WORD = re.compile(r"[A-Za-z]+|\d+")
TIME_SHAPE = re.compile(r"[:/]\d|0?s\b| ?[ap]\.?m\b", re.IGNORECASE)


def _windows(text: str, margin: int = 80) -> list[tuple[int, int]]:
    """Merged stretches of text around trigger words, the only places patterns are tried.

    A set lookup per word is far cheaper than running every pattern over the whole text.
    """
    words = trigger_words()
    windows: list[tuple[int, int]] = []
    for match in WORD.finditer(text):
        word = match.group()
        if word[0].isdigit():
            hit = len(word) == 4 or bool(TIME_SHAPE.match(text, match.end()))
        else:
            hit = word.lower() in words
        if not hit:
            continue
        start, end = max(0, match.start() - margin), min(len(text), match.end() + margin)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


@functools.lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``(rule, compiled regex)`` for every entry of patterns.yaml, in file order."""
    entries = _pattern_file()["patterns"]
    fills = _placeholders()
    compiled = []
    for entry in entries:
        source = re.sub(r"\{([A-Z]+)\}", lambda m: fills[m.group(1)], entry["pattern"])
        compiled.append((entry["rule"], re.compile(source, re.IGNORECASE)))
    return tuple(compiled)


# ---------------------------------------------------------------- finding


@functools.lru_cache(maxsize=1)
def _prefiltered() -> tuple[
    tuple[str, re.Pattern[str], tuple[str, ...] | None, re.Pattern[str] | None], ...
]:
    """``(rule, regex, literals one of which every match contains, the regex for lower-cased
    text or None)`` for every pattern, each regex :func:`guarded` by its first characters."""
    out = []
    for rule, regex in patterns():
        lower = folded(regex)
        out.append((rule, guarded(regex), required_literals(regex),
                    None if lower is None else guarded(lower)))
    return tuple(out)


def find(text: str) -> list[Candidate]:
    """All pattern matches, longest first where they overlap (earlier pattern on ties).

    A pattern is only run in the windows that hold one of the literals it needs, and a
    pattern without capitals runs case-sensitively on the lower-cased text
    (:mod:`newsevents.timex_prefilter`): the same matches, in a fraction of the time."""
    found: list[tuple[int, int, int, Candidate]] = []
    windows = [Window(text, start, end) for start, end in _windows(text)]
    lower = lowered(text)
    for priority, (rule, regex, literals, lower_regex) in enumerate(_prefiltered()):
        searched = text
        if lower is not None and lower_regex is not None:
            searched, regex = lower, lower_regex  # the same spans; groups read from text
        for match in (m for w in windows if w.may_match(literals)
                      for m in regex.finditer(searched, w.start, w.end)):
            if match.end() <= match.start():
                continue
            groups = {k: text[match.start(k) : match.end(k)]
                      for k, v in match.groupdict().items() if v is not None}
            cand = Candidate(match.start(), match.end(), rule, groups)
            found.append((match.start(), -(match.end() - match.start()), priority, cand))
    found.sort(key=lambda item: (item[1], item[0], item[2]))
    chosen: list[Candidate] = []
    for _, _, _, cand in found:
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


# ---------------------------------------------------------------- arithmetic


def parse_number(words: str) -> float | None:
    """``"twenty-four"`` → 24, ``"3"`` → 3, ``"a"`` → 1; None for vague amounts."""
    words = words.lower().replace(",", "")
    if words.endswith(" 1/2"):
        whole = parse_number(words[:-4])
        return None if whole is None else whole + 0.5
    try:
        return float(words)
    except ValueError:
        pass
    numbers = lexicon()["numbers"]
    total = 0.0
    for part in re.split(r"[- ]+", words):
        if part not in numbers:
            return None
        total += float(numbers[part])
    return total


def shift(day: dt.date, unit: str, amount: int) -> dt.date:
    """Move a date by whole units (months clamp to the month's last day)."""
    if unit in ("day",):
        return day + dt.timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + dt.timedelta(weeks=amount)
    months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120,
              "century": 1200}.get(unit)
    if months is None:
        return day
    total = day.year * 12 + day.month - 1 + months * amount
    year, month = divmod(total, 12)
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    return day


def format_value(day: dt.date, granularity: str) -> str:
    """A date at a granularity as a TIMEX3 value."""
    if granularity == "day":
        return day.isoformat()
    if granularity in ("week", "weekend"):
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}" + ("-WE" if granularity == "weekend" else "")
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "half":
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return day.isoformat()


def pick_year(month: int, day: int, anchor: dt.date, tense: str | None) -> int:
    """The year of a month-day written without one, judged from the tense.

    Past tense: on or before the anchor; future (or present of a non-reporting verb, as in
    "talks resume April 7"): on or after it; unknown: whichever is nearer.
    """
    def make(year: int) -> dt.date:
        return dt.date(year, month, min(day, 28 if month == 2 else day))

    this = make(anchor.year)
    if tense == "past":
        return anchor.year if this <= anchor else anchor.year - 1
    if tense in ("future", "present"):
        return anchor.year if this >= anchor else anchor.year + 1
    candidates = [make(anchor.year - 1), this, make(anchor.year + 1)]
    best = min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))
    return best.year


def weekday_date(weekday: int, anchor: dt.date, direction: str) -> dt.date:
    """The weekday nearest the anchor: ``back`` (on or before), ``forward`` (on or after),
    ``last`` (strictly before), ``next`` (strictly after), ``this`` (same ISO week)."""
    delta = weekday - anchor.isoweekday()
    if direction == "this":
        return anchor + dt.timedelta(days=delta)
    if direction == "back":
        return anchor - dt.timedelta(days=(-delta) % 7)
    if direction == "forward":
        return anchor + dt.timedelta(days=delta % 7)
    if direction == "last":
        return anchor - dt.timedelta(days=((-delta) % 7) or 7)
    return anchor + dt.timedelta(days=(delta % 7) or 7)


def unit_info(unit: str) -> tuple[str, str]:
    """``("days")`` → (``"D"``, ``"day"``): ISO letter and granularity of a unit word."""
    word = unit.lower().rstrip("s")
    word = {"centurie": "century", "millennia": "millennium", "millenia": "millennium"}.get(
        word, word)
    letter, granularity = lexicon()["units"].get(word, ["D", "day"])
    return str(letter), str(granularity)


#: how a fraction of a unit is written in the next smaller unit (P2.5Y → P2Y6M)
SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "TH": ("M", 60),
           "TM": ("S", 60)}


def duration_value(amount: float | None, unit: str) -> str:
    """``P3M``, ``PT2H``, ``P2Y6M``; decades as years (``P20Y``); unknown amount ``PXY``."""
    letter, _ = unit_info(unit)
    if letter in ("DE", "CE", "ML"):
        factor = {"DE": 10, "CE": 100, "ML": 1000}[letter]
        amount, letter = (None if amount is None else amount * factor), "Y"
    if letter == "2W":
        amount, letter = (None if amount is None else amount * 2), "W"
    prefix = "PT" if letter.startswith("T") else "P"
    if amount is None:
        return f"{prefix}X{letter[-1]}"
    whole = int(amount)
    text = f"{prefix}{whole}{letter[-1]}" if whole else prefix
    rest = amount - whole
    if rest and letter in SMALLER:
        smaller, factor = SMALLER[letter]
        extra = f"{round(rest * factor):g}{smaller}"
        if prefix == "P" and smaller == "H":
            return f"{text}T{extra}" if whole else f"PT{extra}"
        return text + extra
    if rest:
        return f"{prefix}{amount:g}{letter[-1]}"
    return text
