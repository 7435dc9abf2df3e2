"""When did an event happen: the date rules of the events stage.

1. **Own clause.** A time expression counts for a trigger when it hangs inside the trigger's
   phrase ("last June's massacre", "met on Tuesday") or belongs to the trigger's clause or a
   clause governing it ("The September 26 massacre, in which police killed ..."). A date in
   an unrelated clause of the same sentence does not ("the Initiative, established in 2008,
   ... Washington is providing ...").
2. **Lede date.** News narrative anchors undated events on the article's lede event: the
   first explicit day date in the first body paragraph, when it lies within
   ``lede_window_days`` before publication ("came to Washington Tuesday"). Else the
   publication date. Either way the event is marked ``date_inferred``.

The window and the minimum size of a body paragraph are settings of the event lexicon
(``settings:`` in ``data/events/curated.yml``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsevents.records import TimeExpression

if TYPE_CHECKING:
    from newsevents.pipeline import Document

#: a dateline opening a paragraph near the top: "QUITO, June 22 —", "NEW DELHI (Reuters) -"
DATELINE = re.compile(
    r"(?:\A|\n)[ \t]*(?:[A-Z][A-Za-z'.-]*)(?:[ ][A-Z][A-Za-z'.-]*){0,3}"
    r"(?:,[^—–\n]{1,40}?)?\s*(?:\([^)\n]{1,30}\)\s*)?(?:—|–|--?)\s"
)
DATELINE_REACH = 400
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}){0,2}(/\d{4}(-\d{2}){0,2})?$")
#: a day with a part of day or a clock time ("Tuesday afternoon" 2024-03-12TAF): the day
_DAY_PART = re.compile(r"^(\d{4}-\d{2}-\d{2})T[\w:.]+$")


def _report_verbs() -> frozenset[str]:
    """Verbs of reporting (the event lexicon's class ``report_verbs``): a time of theirs
    dates the report, not the reported event ("killed 34 civilians ..., the government said
    on Thursday")."""
    from newsevents.eventlex import load_lexicon

    return load_lexicon().cls("report_verbs")


def day_value(value: str | None) -> str | None:
    """The date of a time value at most at day granularity, or None when it is no date."""
    if not value:
        return None
    if DATE_VALUE.match(value):
        return value
    part = _DAY_PART.match(value)
    return part.group(1) if part else None
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@lru_cache(maxsize=16)
def dateline(text: str) -> tuple[int, int]:
    """(start, end) of the article's dateline ("QUITO, June 22 — "), or (0, 0): its place is
    where the report was filed and its date the filing day, neither an actor nor the day of
    an event."""
    match = DATELINE.search(text[:DATELINE_REACH])
    if match is None:
        return 0, 0
    return match.start() + (1 if match.group().startswith("\n") else 0), match.end()


def clause_head(tok: Token) -> Token:
    """The verb heading the clause ``tok`` belongs to (the sentence root at most)."""
    current = tok
    for _ in range(40):
        if current.pos_ in {"VERB", "AUX"} or current.head.i == current.i:
            return current
        current = current.head
    return current


def ancestors(tok: Token) -> set[int]:
    out = {tok.i}
    current = tok
    while current.head.i != current.i:
        current = current.head
        out.add(current.i)
    return out


def _direct(tok: Token, trigger: Token) -> bool:
    """No other clause lies between ``tok`` and the trigger above it."""
    current = tok
    while current.i != trigger.i and current.head.i != current.i:
        current = current.head
        if current.i != trigger.i and current.pos_ in {"VERB", "AUX"}:
            return False
    return current.i == trigger.i


def time_root(doc: Doc, time: TimeExpression) -> Token | None:
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def clause_times(
    trigger: Token, times: Sequence[TimeExpression], doc: Doc, sent: Span | None = None
) -> list[tuple[TimeExpression, bool]]:
    """Times of the trigger's sentence that may date it, with ``governed`` flags (``sent``:
    the trigger's sentence when the caller has it; spaCy rebuilds it on each access)."""
    sent = sent if sent is not None else trigger.sent
    skip = doc.user_data.get("newsevents.dateline")
    if skip is None:  # Doc.text rebuilds the string: compute the dateline once per document
        skip = doc.user_data["newsevents.dateline"] = dateline(doc.text)
    dated = [
        time
        for time in times
        if sent.start_char <= time.start < sent.end_char
        and not skip[0] <= time.start < skip[1]
        and day_value(time.value) is not None
    ]
    if not dated:
        return []
    own_clause = clause_head(trigger)
    upward = ancestors(own_clause)
    out = []
    for time in dated:
        root = time_root(doc, time)
        if root is None:
            continue
        if _direct(root, trigger):  # (true only inside the trigger's subtree)
            out.append((time, True))
            continue
        head = clause_head(root.head if root.head.i != root.i else root)
        if head.i in upward and not (head.i != own_clause.i and head.lemma_.lower() in _report_verbs()):
            out.append((time, False))
    return out


def pick(
    trigger: Token, times: Sequence[TimeExpression], doc: Doc, sent: Span | None = None
) -> TimeExpression | None:
    """The governed time nearest the trigger, else the nearest time of its clause chain."""
    found = clause_times(trigger, times, doc, sent)
    if not found:
        return None
    governed = [t for t, own in found if own]
    return min(governed or [t for t, _ in found], key=lambda t: abs(t.start - trigger.idx))


def _reported(doc: Document, time: TimeExpression) -> bool:
    """The time is the day of a report ("the government said on Thursday")."""
    root = time_root(doc.doc, time)
    if root is None:
        return False
    head = clause_head(root.head if root.head.i != root.i else root)
    return head.lemma_.lower() in _report_verbs()


def lede_date(
    doc: Document, window_days: int = 7, min_words: int = 12, paragraphs: int = 1
) -> str | None:
    """The day of the article's lede event, or None (see the module docstring). The lede is
    the paragraph of the dateline when there is one (a long headline before it is no lede),
    else the first paragraph of ``min_words``; its day may be given in the next
    ``paragraphs - 1`` paragraphs ("Gunmen killed 34 ... The attackers stormed the village on
    Tuesday")."""
    published = doc.published
    if published is None:
        return None
    text = doc.text
    skip = dateline(text)
    pos = 0
    seen = 0
    times = sorted(doc.times, key=lambda t: t.start)
    for para in text.split("\n\n"):
        start, pos = pos, pos + len(para) + 2
        end = start + len(para)
        if skip != (0, 0) and end <= skip[0]:
            continue  # title and byline above the dateline
        if len(para.split()) < min_words:
            continue  # title, byline, dateline
        seen += 1
        for time in times:
            value = day_value(time.value)
            if not (start <= time.start < end) or not value or not _DAY.match(value):
                continue
            if skip[0] <= time.start < skip[1] or _reported(doc, time):
                continue
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                continue
            if 0 <= (published - day).days <= window_days:
                return value
        if seen >= paragraphs:
            return None
    return None
