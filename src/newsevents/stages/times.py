"""Stage ``times``: temporal expressions normalised against the publication date.

Expressions are found by the data-driven patterns of :mod:`newsevents.timex` (spaCy's DATE
entities miss and mis-bound too many) and normalised by :mod:`newsevents.timex_rules`. The
parse is used only where words alone cannot decide:

- the tense of the governing verb picks the year of "April 7" and the week of "Tuesday"
  ("will meet Tuesday" looks forward, "met Tuesday" back);
- a four-digit number that counts something ("2000 people") is not a year;
- "one week before the massacre" and "the eve of the visit" take the date of the event noun
  when an earlier expression dated it ("the September 26 massacre"); failing that, "the eve
  of" falls back on the article's focus date (its most often mentioned day).

Other stages call :func:`time_at` to get the expression inside a span.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsevents.records import TimeExpression
from newsevents.timex import Candidate, Context, Timex, find, lexicon
from newsevents.timex_rules import normalise

if TYPE_CHECKING:
    from newsevents.pipeline import Document

NAME = "times"
VERSION = "times.v1"

ANCHORED_RULES = ("eve", "relative_event")
TIME_NOUNS = {"year", "month", "week", "day", "quarter", "season", "time", "period",
              "budget", "election", "census", "model", "class", "edition", "summer", "spring",
              "winter", "fall", "autumn", "olympics", "cup", "games", "version"}
BAD_YEAR_ENTS = {"MONEY", "PERCENT", "QUANTITY", "FAC", "PRODUCT", "ORG", "ORDINAL"}


def run(doc: Document) -> None:
    doc.times.extend(extract(doc.doc, doc.published, doc.text))


def time_at(doc: Document, start: int, end: int) -> TimeExpression | None:
    """The time expression inside ``[start, end)`` (else the first one overlapping it)."""
    inside = [t for t in doc.times if t.start >= start and t.end <= end]
    if inside:
        return min(inside, key=lambda t: t.start)
    overlapping = [t for t in doc.times if t.start < end and t.end > start]
    return min(overlapping, key=lambda t: t.start) if overlapping else None


def extract(spacy_doc: Doc, published: dt.date | None, text: str | None = None
            ) -> list[TimeExpression]:
    """Every temporal expression in a parsed text, normalised against ``published``.

    ``text`` is the Doc's text when the caller has it (spaCy rebuilds it on each access).
    """
    text = spacy_doc.text if text is None else text
    found: list[Timex] = []
    deferred: list[Candidate] = []
    event_dates: dict[str, dt.date] = {}
    reference: tuple[dt.date, str] | None = None
    reference_sentence = -1
    day_reference: dt.date | None = None
    for cand in find(text):
        if cand.rule == "ago":
            cand = _reread_ago(text, cand)
        span = spacy_doc.char_span(cand.start, cand.end, alignment_mode="expand")
        if span is None or not _plausible(cand, span):
            continue
        if cand.rule in ANCHORED_RULES:
            deferred.append(cand)
            continue
        sentence = span[0].sent
        ctx = Context(
            anchor=published,
            tense=functools.partial(_tense_of, spacy_doc, text),
            reference=reference,
            sentence=text[sentence.start_char : sentence.end_char],  # Span.text, not re-joined
            extra={"near_reference": 0 <= sentence.start - reference_sentence <= 60,
                   "day_reference": day_reference, "quoted": _quoted(text, cand.start)},
        )
        timex = normalise(cand, ctx)
        if timex is None:
            continue
        found.append(timex)
        resolved = _as_date(timex)
        if resolved is not None and timex.rule not in ("time_of_day",):
            reference, reference_sentence = resolved, sentence.start
            _note_event(span, resolved, event_dates)
            if resolved[1] == "day":
                day_reference = resolved[0]
    found.extend(_resolve_anchored(spacy_doc, deferred, event_dates, found))
    merged = _merge_clock_and_day(text, sorted(found, key=lambda t: t.start))
    return [_record(text, t) for t in merged]


def _quoted(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a quotation of its paragraph."""
    paragraph = text[text.rfind("\n", 0, start) + 1:start]
    return paragraph.count('"') % 2 == 1 or paragraph.count("“") > paragraph.count("”")


ANCHOR_AFTER = re.compile(r" (?P<anchor>[A-Za-z][\w-]*(?: [\w'’-]+){0,3})")


def _reread_ago(text: str, cand: Candidate) -> Candidate:
    """"for eight years before he left" is a length (P8Y); "two days before the sanctions
    were announced", "two days after landfall" count from an event (deferred as
    ``relative_event``); "two weeks earlier", "a year before." stay counted from the
    narrative's reference time."""
    g = cand.groups
    length = len(g["num"]) + 1 + len(g["unit"])
    if text[max(0, cand.start - 4):cand.start].lower() == "for ":
        return Candidate(cand.start, cand.start + length, "duration", g)
    if g["dir"].lower() not in ("before", "after"):
        return cand
    following = ANCHOR_AFTER.match(text, cand.end)
    if following is None:
        return cand
    return Candidate(cand.start, following.end(), "relative_event",
                     {**g, "anchor": following.group("anchor")})


CLOCK_JOINER = re.compile(r"[ ,]*(?:(?:on|at|of)[ ,]+)?")


def _merge_clock_and_day(text: str, found: list[Timex]) -> list[Timex]:
    """Join "10 p.m. Wednesday", "noon Thursday", "Tuesday at 9 a.m." into one TIME whose
    day is the named day (the clock alone was put on the publication date)."""
    out: list[Timex] = []
    for timex in found:
        previous = out[-1] if out else None
        if previous is not None and CLOCK_JOINER.fullmatch(text[previous.end:timex.start]):
            pair = {previous.rule: previous, timex.rule: timex}
            clock = pair.get("time_of_day")
            day = next((t for t in (previous, timex) if t is not clock and t.type == "DATE"
                        and t.granularity == "day" and t.value and len(t.value) == 10), None)
            if clock is not None and day is not None and clock.value and "T" in clock.value:
                value = f"{day.value}T{clock.value.split('T', 1)[1]}"
                out[-1] = Timex(previous.start, timex.end, "time_of_day", value, "TIME",
                                "minute")
                continue
        out.append(timex)
    return out


def _record(text: str, timex: Timex) -> TimeExpression:
    return TimeExpression(
        start=timex.start,
        end=timex.end,
        text=text[timex.start:timex.end],
        value=timex.value,
        type=timex.type,
        granularity=timex.granularity,
        extractor=VERSION,
    )


# ---------------------------------------------------------------- filters


def _plausible(cand: Candidate, span: Span) -> bool:
    """Reject matches the parse shows are not times (counts, modal "may", verb "march")."""
    if cand.rule == "year":
        return _plausible_year(cand, span)
    if cand.rule == "bare_month":
        token = next((t for t in span if t.text[:3].lower() == cand.groups["month"][:3].lower()),
                     span[-1])
        if token.pos_ in ("VERB", "AUX"):
            return False
        if cand.groups["month"].lower() in ("may", "march") and not cand.groups.get("mod"):
            before = span.doc[token.i - 1].lower_ if token.i > 0 else ""
            return before in {"in", "since", "by", "until", "of", "from", "to", "through",
                              "during", "before", "after", "early", "late", "mid", "last",
                              "next", "this", "till", "between", "and"}
    if cand.rule == "season" and not (set(cand.groups) & {"rel", "mod", "year"}):
        # a bare "spring"/"fall" is a season only after a preposition of time
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if before not in {"in", "during", "by", "until", "since", "over", "through", "this"}:
            return False
    if cand.rule == "season" and span.end < len(span.doc):
        following = span.doc[span.end]
        if following.lower_ == "of" and "year" not in cand.groups:
            return False
    if cand.rule == "duration" and cand.groups["unit"].lower().startswith("quarter"):
        # "three-quarters of", "a quarter of the vote": fractions, not periods
        next_word = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
        if next_word == "of" or "-" in cand.groups.get("num", "") + span.text:
            return False
    if cand.rule == "duration" and "age" in cand.groups and _is_age(span):
        return False
    if cand.rule == "duration" and cand.groups["num"].lower() in lexicon()["vague_quantities"]:
        return span[-1].pos_ in ("NOUN", "ADJ", "PROPN")
    return True


def _is_age(span: Span) -> bool:
    """"a 22-year-old protester", "the 6-year-old", "Kopp, 44-year-old": a person's age (the
    quantities stage reads ages); "the 8-month-old truce" stays a duration."""
    doc = span.doc
    following = next((t for t in doc[span.end:span.end + 4] if t.pos_ != "PUNCT"
                      or t.text != "-"), None)
    if following is None or following.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return True  # the age is the noun itself
    if following.pos_ == "ADJ":
        following = next((t for t in doc[following.i + 1:following.i + 3]
                          if t.pos_ in ("NOUN", "PROPN")), following)
    lemma = following.lemma_.lower().split("-")[0]
    return (following.ent_type_ in ("PERSON", "NORP")
            or lemma in lexicon()["person_nouns"]
            or lemma.endswith(tuple(lexicon()["person_suffixes"])))


def _plausible_year(cand: Candidate, span: Span) -> bool:
    doc = span.doc
    token = next((t for t in span if t.text.isdigit()), span[-1])
    if token.ent_type_ in BAD_YEAR_ENTS:
        return False
    if token.i > 0 and doc[token.i - 1].text in ("$", "#", "No.", "no.", "€", "£"):
        return False
    if token.i + 1 < len(doc) and doc[token.i + 1].text in ("%", "percent"):
        return False
    if token.dep_ == "nummod" and token.head.pos_ == "NOUN" and token.ent_type_ != "DATE":
        return token.head.lemma_.lower() in TIME_NOUNS
    return True


# ---------------------------------------------------------------- tense


def _governor(spacy_doc: Doc, start: int, end: int) -> Token | None:
    span = spacy_doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _tense_of(spacy_doc: Doc, text: str, start: int, end: int) -> str | None:
    """``past``, ``present``, ``future`` or None for the verb that governs a span."""
    before = text[max(0, start - 20):start].lower()
    if any(before.endswith(cue + " ") for cue in lexicon()["future_cues"]):
        return "future"
    if _scheduled_to(spacy_doc, start, end):
        return "future"
    verb = _governor(spacy_doc, start, end)
    if verb is None:
        return None
    return _verb_tense(verb)


def _scheduled_to(spacy_doc: Doc, start: int, end: int) -> bool:
    """"adjourned the trial to January 15", "postponed the vote until May": the date a
    scheduling verb moves something to lies ahead, whatever the verb's tense."""
    span = spacy_doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    prep = span.root.head
    if prep.lower_ not in ("to", "until", "till", "for") or prep.head is prep:
        return False
    verb = prep.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() in lexicon()["forward_verbs"]


def _verb_tense(verb: Token) -> str | None:
    lex = lexicon()
    markers = set(lex["future_markers"])
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & markers:
        return "future"
    if verb.lemma_.lower() in markers and verb.tag_ != "VBD":
        return "future"
    if verb.tag_ == "VB" and "to" in aux_words:
        head = verb.head
        if head is not verb and (head.lemma_.lower() in markers | {"be", "go", "hope"}):
            return "future"
    if verb.tag_ == "VB" and aux_words & set(lex["future_modals"]):
        return "future"
    if verb.tag_ == "VBG" and aux_words & {"is", "are", "'s", "'re", "be"}:
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lower_ in ("has", "have", "had")
                                 for a in auxes):
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        if verb.lemma_.lower() in lex["reporting_verbs"]:
            return "past"
        return "present"
    return None


# ---------------------------------------------------------------- event anchors


def _as_date(timex: Timex) -> tuple[dt.date, str] | None:
    value = timex.value or ""
    gran = timex.granularity or ""
    try:
        if gran == "day" and len(value) >= 10:
            return dt.date.fromisoformat(value[:10]), "day"
        if gran == "month" and len(value) == 7:
            return dt.date(int(value[:4]), int(value[5:7]), 1), "month"
        if gran == "year" and len(value) == 4 and value.isdigit():
            return dt.date(int(value), 1, 1), "year"
        if gran == "quarter" and len(value) == 7 and value[5] == "Q":
            return dt.date(int(value[:4]), (int(value[6]) - 1) * 3 + 1, 1), "quarter"
    except ValueError:
        return None
    return None


def _note_event(span: Span, resolved: tuple[dt.date, str], event_dates: dict[str, dt.date]
                ) -> None:
    """Remember "the September 26 massacre" / "the attack on May 5" as a dated event noun."""
    if resolved[1] != "day":
        return
    root = span.root
    head = root.head
    if head.pos_ == "ADP" and head.head.pos_ in ("NOUN", "VERB"):
        head = head.head
    if head is not root and head.pos_ == "NOUN" and head.i not in range(span.start, span.end):
        event_dates.setdefault(head.lemma_.lower(), resolved[0])
    elif head.pos_ == "VERB" and not _dateline(span):
        # "imposed sanctions on Tuesday", "made landfall on February 12": the verb's object
        # names the event later anaphora point to ("before the sanctions", "after landfall")
        for child in head.children:
            if child.dep_ == "dobj" and child.pos_ in ("NOUN", "ADJ"):
                event_dates.setdefault(child.lemma_.lower(), resolved[0])


def _dateline(span: Span) -> bool:
    """"WASHINGTON, Oct 9 — ...": the dateline dates the article, not the first verb."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].text in ("—", "–", "-", "--")


def _anchor_head(spacy_doc: Doc, cand: Candidate) -> tuple[Token | None, int]:
    """The head noun of the anchor phrase and the character where the phrase really ends."""
    start = cand.end - len(cand.groups["anchor"])
    span = spacy_doc.char_span(start, cand.end, alignment_mode="expand")
    if span is None:
        return None, cand.end
    head: Token | None = None
    for token in span:
        if token.pos_ in ("NOUN", "PROPN"):
            head = token
        elif token.pos_ not in ("DET", "PRON", "ADJ", "NUM", "PART", "PUNCT") or (
                token.pos_ == "PUNCT" and token.text != "-"):
            break
    if head is None:
        return None, cand.end
    return head, head.idx + len(head.text)


def _resolve_anchored(spacy_doc: Doc, deferred: list[Candidate],
                      event_dates: dict[str, dt.date], found: list[Timex]) -> list[Timex]:
    days = Counter(resolved[0] for t in found if t.type == "DATE"
                   and (resolved := _as_date(t)) is not None and resolved[1] == "day")
    focus = None
    if days:
        value, count = days.most_common(1)[0]
        focus = value if count >= 2 else None
    out: list[Timex] = []
    for cand in deferred:
        head, end = _anchor_head(spacy_doc, cand)
        if head is None and cand.rule == "relative_event":
            # "a week after he was arrested": an event we cannot date; keep the length
            length = len(cand.groups["num"]) + 1 + len(cand.groups["unit"])
            timex = normalise(Candidate(cand.start, cand.start + length, "duration",
                                        cand.groups), Context(anchor=None))
            if timex is not None:
                out.append(replace(timex, rule="relative_event"))
            continue
        if head is None:
            continue
        cand = replace(cand, end=min(end, cand.end))
        date = event_dates.get(head.lemma_.lower())
        if date is None and cand.rule == "eve":
            date = focus
        if date is None and cand.rule == "relative_event":
            # undated anchor: keep just the length ("five years" after its launch)
            length = len(cand.groups["num"]) + 1 + len(cand.groups["unit"])
            cand = Candidate(cand.start, cand.start + length, "duration", cand.groups)
        timex = normalise(cand, Context(anchor=None, extra={"event_date": date}))
        if timex is not None and timex.rule == "duration":
            timex = replace(timex, rule="relative_event")
        if timex is not None:
            out.append(timex)
    return out
