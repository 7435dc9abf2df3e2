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
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newsevents.records import TimeExpression

if TYPE_CHECKING:
    from newsevents.pipeline import Document

DATE_VALUE = re.compile(r"^\d{4}(-\d{2}){0,2}(/\d{4}(-\d{2}){0,2})?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
    trigger: Token, times: Sequence[TimeExpression], doc: Doc
) -> list[tuple[TimeExpression, bool]]:
    """Times of the trigger's sentence that may date it, with ``governed`` flags."""
    sent = trigger.sent
    subtree = {t.i for t in trigger.subtree}
    own_clause = clause_head(trigger)
    upward = ancestors(own_clause)
    out = []
    for time in times:
        if not (sent.start_char <= time.start < sent.end_char):
            continue
        if not time.value or not DATE_VALUE.match(time.value):
            continue
        root = time_root(doc, time)
        if root is None:
            continue
        if root.i in subtree and _direct(root, trigger):
            out.append((time, True))
        elif clause_head(root.head if root.head.i != root.i else root).i in upward:
            out.append((time, False))
    return out


def pick(trigger: Token, times: Sequence[TimeExpression], doc: Doc) -> TimeExpression | None:
    """The governed time nearest the trigger, else the nearest time of its clause chain."""
    found = clause_times(trigger, times, doc)
    if not found:
        return None
    governed = [t for t, own in found if own]
    return min(governed or [t for t, _ in found], key=lambda t: abs(t.start - trigger.idx))


def lede_date(doc: Document, window_days: int = 7, min_words: int = 12) -> str | None:
    """The day of the article's lede event, or None (see the module docstring)."""
    published = doc.published
    if published is None:
        return None
    text = doc.text
    pos = 0
    for para in text.split("\n\n"):
        start, pos = pos, pos + len(para) + 2
        if len(para.split()) < min_words:
            continue  # title, byline, dateline
        end = start + len(para)
        for time in sorted(doc.times, key=lambda t: t.start):
            if not (start <= time.start < end) or not time.value or not _DAY.match(time.value):
                continue
            try:
                day = dt.date.fromisoformat(time.value)
            except ValueError:
                continue
            if 0 <= (published - day).days <= window_days:
                return time.value
        return None
    return None
