"""Stage ``quantities``: which figures were claimed, with what they count.

Money is normalised to a value and an ISO 4217 code ("some $2 billion" -> 2e9 USD,
approximately), counts of people and things get the noun they count ("well over 100,000
Mexican lives" -> 1e5 person, more than), percentages and durations their unit, ranges a
``value_max``. Dates, years, times of day, ordinals, ages and labels ("Article 5") are not
figures and are left out. Afterwards, counts of the dead, injured, abducted, arrested and of
protest sizes are attached to the events of their clause (:mod:`newsevents.event_counts`).

Everything is read with regular expressions over the text plus the existing spaCy tokens;
lexicons live in ``data/quantities/``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsevents.event_counts import attach_counts, casualty_key
from newsevents.numbers import TENS, UNITS, parse_number
from newsevents.quantity_lexicon import Currency, Lexicon, load_lexicon
from newsevents.quantity_nouns import TokenIndex, counted_noun
from newsevents.quantity_patterns import Patterns, patterns
from newsevents.records import Quantity, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

if TYPE_CHECKING:
    from newsevents.pipeline import Document

NAME = "quantities"
VERSION = "quantities.v1"

_ELLIPSIS_BEFORE = re.compile(r"\b(?:another|other|a\s+further|further)\s+$", re.IGNORECASE)
_CANDIDATE = re.compile(r"[A-Za-z]+|\d+")
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
#: "the first half of the year", "the second quarter": parts of time, not shares
_DURATION_PREPOSITIONS = {"over", "under", "around", "about", "above", "below", "within"}
_FRACTION_BLOCKERS = {"first", "second", "third", "fourth", "last", "final", "latter",
                      "former", "other", "the", "this", "that", "next", "past", "previous"}



@dataclass
class _Figure:
    """A number found in the text before we know what it measures."""

    start: int  # of the number (the span grows to qualifier, currency, noun)
    end: int
    value: float
    value_max: float | None
    number_text: str
    vague: bool = False  # "hundreds of": a lower bound, read as "more than"
    fraction: bool = False
    duration_unit: str | None = None


def run(doc: Document) -> None:
    lex = load_lexicon()
    pats = patterns()
    index = TokenIndex(doc.doc)
    context = _context_countries(doc)
    blocked = _date_spans(doc)
    found: list[Quantity] = []
    for match in _figure_matches(doc.text, pats, _first_words()):
        figure = _read_figure(match, lex)
        if figure is None:
            continue
        quantity = _measure(doc.text, figure, lex, pats, index, context, blocked, found)
        if quantity is not None:
            found.append(quantity)
    doc.quantities.extend(found)
    attach_counts(doc, found, index)


@functools.lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """Lower-case words a figure can start with; other words are not tried (speed)."""
    lex = load_lexicon()
    words = set(UNITS) | set(TENS) | {"a", "an", "between", "half"}
    return frozenset(words | set(lex.vague) | set(lex.fractions) | set(lex.time_units))


def _figure_matches(
    text: str, pats: Patterns, first_words: frozenset[str]
) -> Iterator[re.Match[str]]:
    """Like ``pats.figure.finditer(text)`` but trying only where a figure can start.

    Running the big figure pattern at every character costs ~10 ms an article; trying it
    only at digits and number words gives the same matches for a tenth of that.
    """
    last_end = 0
    for word in _CANDIDATE.finditer(text):
        start = word.start()
        token = word.group()
        if start < last_end or not (token[0].isdigit() or token.lower() in first_words):
            continue
        match = pats.figure.match(text, start)
        if match is not None and match.end() > start:
            last_end = match.end()
            yield match


def _read_figure(match: re.Match[str], lex: Lexicon) -> _Figure | None:
    """Turn one match of the figure pattern into a value (and a range maximum)."""
    start, end = match.span()
    if match.group("half_unit"):
        unit = lex.time_units[match.group("hu").lower()]
        return _Figure(start, end, 1.5, None, match.group(), duration_unit=unit)
    if match.group("half_of"):
        unit = lex.time_units[match.group("hu2").lower()]
        return _Figure(start, end, 0.5, None, match.group(), duration_unit=unit)
    if match.group("vague"):
        value = 1.0
        for word in re.findall(r"[a-z]+", match.group("vague").lower()):
            value *= lex.vague.get(word, 1.0)
        return _Figure(start, end, value, None, match.group(), vague=True)
    if match.group("fraction"):
        return _fraction(match, lex)
    if match.group("between"):
        low, high = _range_values(match.group("b1"), match.group("b2"), lex)
        if low is None or high is None or high <= low:
            return None
        return _Figure(start, end, low, high, match.group())
    first = match.group("n1")
    single = parse_number(first, lex.scales)
    if single is None:
        return None
    if match.group("n2"):
        low, high = _range_values(first, match.group("n2"), lex)
        preceded_by_from = re.search(r"\bfrom\s+$", match.string[max(0, start - 6) : start])
        if low is not None and high is not None and high > low and not preceded_by_from:
            return _Figure(start, end, low, high, match.group())
    return _Figure(start, start + len(first), single, None, first)


def _fraction(match: re.Match[str], lex: Lexicon) -> _Figure | None:
    """"a third of" -> 33.33 percent, "two-thirds of" -> 66.67; "the first half" is time."""
    words = re.findall(r"[a-z]+", match.group("fraction").lower())
    preceding = re.findall(r"[a-z]+", match.string[max(0, match.start() - 12) : match.start()])
    if preceding and preceding[-1] in _FRACTION_BLOCKERS:
        return None
    parts = parse_number(words[0]) if len(words) > 1 else 1.0
    share = lex.fractions[words[-1]] * (parts or 1.0)
    start, end = match.span()
    return _Figure(start, end, round(share, 2), None, match.group(), fraction=True)


def _range_values(low_text: str, high_text: str, lex: Lexicon) -> tuple[float | None, ...]:
    """Both ends of a range; "10 to 20 million" shares the multiplier of its upper end."""
    low = parse_number(low_text, lex.scales)
    high = parse_number(high_text, lex.scales)
    if low is None or high is None:
        return (low, high)
    low_scaled = any(word in lex.scales for word in low_text.lower().split())
    high_words = [w for w in re.split(r"[\s-]+", high_text.lower()) if w in lex.scales]
    if high_words and not low_scaled:
        for word in high_words:
            low *= lex.scales[word]
    return (low, high)


def _context_countries(doc: Document) -> Counter[str]:
    """How often each country is named by a place in the article (for "$" or "pesos")."""
    return Counter(place.country for place in doc.places if place.country)


def _date_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of dates and clock times: numbers inside them are not counts."""
    return [(t.start, t.end) for t in doc.times if t.type in ("DATE", "TIME", "SET")]


def _currency_code(currency: Currency, context: Counter[str]) -> str:
    """The default code, unless the article names an alternative's country more often."""
    best_code, best_count = currency.code, context.get(currency.default_country or "", 0)
    for country, code in currency.alternatives:
        if context.get(country, 0) > best_count:
            best_code, best_count = code, context[country]
    return best_code


def _find_currency(surface: str, lex: Lexicon, position: str) -> Currency | None:
    lowered = surface.lower()
    for currency in lex.currencies:
        if currency.position == position and (
            currency.surface == surface or currency.surface.lower() == lowered
        ):
            return currency
    return None


def _measure(
    text: str,
    fig: _Figure,
    lex: Lexicon,
    pats: Patterns,
    index: TokenIndex,
    context: Counter[str],
    blocked: list[tuple[int, int]],
    found: list[Quantity],
) -> Quantity | None:
    """Decide what a figure measures from what stands around it; None when nothing."""
    before, after = text[max(0, fig.start - 60) : fig.start], text[fig.end : fig.end + 80]
    if pats.excluded_before.search(before) or pats.excluded_after.match(after):
        return None
    start, end = fig.start, fig.end
    value, value_max = fig.value, fig.value_max
    qualifier = "more than" if fig.vague else None
    unit: str | None = None
    kind = "count"
    of_span: Span | None = None

    prefix = None if fig.fraction or fig.duration_unit else pats.prefix_currency.search(before)
    if fig.duration_unit:
        unit, kind = fig.duration_unit, "duration"
    elif prefix:
        currency = _find_currency(prefix.group("cur"), lex, "prefix")
        if currency is None:
            return None
        unit, kind = _currency_code(currency, context), "money"
        start = fig.start - len(before) + prefix.start()
        abbreviation = pats.abbreviation.match(after)
        if abbreviation and not re.search(r"[a-z]", fig.number_text.split()[-1][-1:]):
            scale = lex.abbreviations[abbreviation.group("abbr").lower()]
            value, value_max = value * scale, (value_max * scale if value_max else None)
            end += abbreviation.end()
    elif fig.fraction:
        unit, kind = "percent", "percent"
    elif (money := _suffix_money(after, lex, pats, context)) is not None:
        unit, kind = money[0], "money"
        value, value_max = _scaled(value, value_max, money[1])
        end += money[2]
    elif pats.percent.match(after):
        unit, kind = "percent", "percent"
        end += pats.percent.match(after).end()  # type: ignore[union-attr]
    elif (time_unit := pats.time_unit.match(after)) is not None:
        if pats.relative_time.match(text[fig.end + time_unit.end() :]):
            return None
        unit, kind = lex.time_units.get(time_unit.group("unit").lower(), "century"), "duration"
        end += time_unit.end()

    if kind == "count":
        counted = _count_unit(text, fig, lex, index, blocked, found)
        if counted is None:
            return None
        unit, of_span = counted
        if of_span is not None and of_span.start >= end:
            end = max(end, of_span.end)
    elif kind in ("money", "percent"):
        of_span, end = _money_object(text, end, lex, index)
        if fig.fraction and of_span is None:  # "half of them", "a third of the way"
            return None

    qualifier_match = pats.qualifier_before.search(text[max(0, start - 40) : start])
    if qualifier_match and kind == "duration" and _is_preposition(text, start, qualifier_match):
        qualifier_match = None
    if qualifier_match and not fig.vague:
        qualifier = lex.qualifiers_before[_norm(qualifier_match.group("q"))]
        start -= len(qualifier_match.group(0))
    after_match = pats.qualifier_after.match(text[end : end + 20])
    if after_match and qualifier is None:
        qualifier = lex.qualifiers_after[_norm(after_match.group("q"))]
        end += after_match.end()
    if _is_anaphoric(text, start, value, qualifier, kind, lex):
        return None
    if kind == "duration" and _is_period(text, start, lex):
        return None
    if value_max is not None:
        kind = "range"
    assert unit is not None
    return Quantity(
        start=start, end=end, text=text[start:end], value=value, unit=unit, kind=kind,
        of=of_span.text if of_span else None, of_span=of_span, qualifier=qualifier,
        value_max=value_max, extractor=VERSION,
    )


def _is_preposition(text: str, start: int, match: re.Match[str]) -> bool:
    """"repaid over 15 years": over/under/around before a duration is a preposition unless
    a preposition already stands before it ("for over 15 years")."""
    if _norm(match.group("q")) not in _DURATION_PREPOSITIONS:
        return False
    window_start = max(0, start - 40)
    before = text[window_start : window_start + match.start()]
    words = re.findall(r"[a-z]+", before.lower())
    return not words or words[-1] not in {"for", "in", "of", "after", "than", "within", "lasting",
                                          "spanning", "since", "by", "to", "from"}


def _suffix_money(
    after: str, lex: Lexicon, pats: Patterns, context: Counter[str]
) -> tuple[str, float, int] | None:
    """Currency written after the number: (code, sub-unit factor, length read) or None.

    A name whose code is "-" ("pounds") is money only when the article's countries say so;
    otherwise the number falls through to an ordinary count (a weight).
    """
    suffix = pats.suffix_currency.match(after)
    if suffix is None:
        return None
    currency = _find_currency(suffix.group("cur"), lex, "suffix")
    if currency is None:
        return None
    code = _currency_code(currency, context)
    if code == "-":
        return None
    return code, currency.factor, suffix.end()


def _scaled(value: float, value_max: float | None, factor: float) -> tuple[float, float | None]:
    if factor == 1.0:
        return value, value_max
    return round(value * factor, 6), (round(value_max * factor, 6) if value_max else None)


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _count_unit(
    text: str,
    fig: _Figure,
    lex: Lexicon,
    index: TokenIndex,
    blocked: list[tuple[int, int]],
    found: list[Quantity],
) -> tuple[str, Span | None] | None:
    """Unit and counted phrase of a plain count, or None when it counts nothing."""
    if any(s < fig.end and fig.start < e for s, e in blocked):
        return None
    if any(_YEAR.match(part) for part in re.split(r"\s*[-–—]\s*|\s+to\s+", fig.number_text)):
        return None
    if fig.number_text.lower() in lex.label_numbers:
        return None
    token = index.covering(fig.start)
    previous = token.nbor(-1) if token is not None and token.i > 0 else None
    if previous is not None and _is_label(previous, lex):
        return None
    noun = counted_noun(index, fig.end, lex)
    if noun is not None and noun.head.lemma_.lower() in lex.anaphoric_nouns:
        earlier = [q for q in found if q.kind in ("count", "range") and q.of_span is not None]
        if not earlier or not _same_sentence(index, earlier[-1].start, noun.head):
            return None
        return earlier[-1].unit, Span(noun.start, noun.end, text[noun.start : noun.end])
    if noun is not None:
        if fig.value == 1 and noun.unit != "person":
            return None
        return noun.unit, Span(noun.start, noun.end, text[noun.start : noun.end])
    if fig.vague:
        return None
    last = index.covering(fig.end - 1)
    if last is None:
        return None
    if _elliptical(text, fig, last):
        earlier = [q for q in found if q.kind == "count" and q.of_span is not None]
        if earlier and _same_sentence(index, earlier[-1].start, last):
            return earlier[-1].unit, earlier[-1].of_span
    if casualty_key(last) is not None:
        return "person", None
    return None


def _elliptical(text: str, fig: _Figure, last: Token) -> bool:
    """A bare number standing for a noun said before: "another 43", "11 were released"."""
    if _ELLIPSIS_BEFORE.search(text[max(0, fig.start - 12) : fig.start]):
        return True
    if fig.value == 1:
        return False
    following = last.nbor(1) if last.i + 1 < len(last.doc) else None
    return (
        following is not None
        and following.pos_ in ("VERB", "AUX")
        and last.dep_ in ("nsubj", "nsubjpass", "conj")
    )


def _same_sentence(index: TokenIndex, char: int, token: Token) -> bool:
    other = index.covering(char)
    return other is not None and index.same_sentence(other.i, token.i)


def _is_label(previous: Token, lex: Lexicon) -> bool:
    """"Article 5", "Flight 370", "Apollo 11": a word right before a number that names it."""
    if previous.lower_ in lex.identifier_words:
        return True
    return previous.pos_ == "PROPN" and previous.ent_type_ not in ("NORP", "MONEY")


def _money_object(text: str, end: int, lex: Lexicon, index: TokenIndex) -> tuple[Span | None, int]:
    """What money buys ("$226 billion worth of goods") or what a share is of."""
    worth = re.match(r"\s+worth\s+of\s+", text[end : end + 20])
    if worth:
        noun = counted_noun(index, end + worth.end(), lex)
        if noun is not None:
            return Span(noun.start, noun.end, text[noun.start : noun.end]), noun.end
    linked = re.match(r"\s+(?:in|of|for)\s+(?:the\s+)?", text[end : end + 20])
    if linked:
        noun = counted_noun(index, end + linked.end(), lex)
        if noun is not None:
            return Span(noun.start, noun.end, text[noun.start : noun.end]), end
    return None, end


def _is_period(text: str, start: int, lex: Lexicon) -> bool:
    """"over the past three months": a stretch of the calendar (a time), not a figure."""
    words = re.findall(r"[\w']+", text[max(0, start - 16) : start].lower())
    return bool(words) and words[-1] in lex.period_words


def _is_anaphoric(
    text: str, start: int, value: float, qualifier: str | None, kind: str, lex: Lexicon
) -> bool:
    """"the two presidents": a small count after a definite determiner refers back."""
    if kind != "count" or qualifier is not None or value >= 10:
        return False
    words = re.findall(r"[\w']+", text[max(0, start - 12) : start].lower())
    return bool(words) and words[-1] in lex.anaphoric_determiners

