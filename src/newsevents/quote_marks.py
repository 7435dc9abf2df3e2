"""Finding quoted stretches of text: pairs of quotation marks, paragraph by paragraph.

Why a scanner of our own: news text mixes curly and straight marks, uses apostrophes that
look like single quotation marks, and runs quotes over several paragraphs by leaving the
mark open at a paragraph's end and re-opening it at the next one. Tools that pair marks
over the whole article (textacy) give up on the first odd mark. Here an unbalanced mark
costs at most its own paragraph, and the reason is returned so the stage can record it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: an opening double mark and the closing marks that may end it
_CURLY_OPEN = "“„«"
_CURLY_CLOSE = "”»"
_STRAIGHT = '"'
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
_PARAGRAPH = re.compile(r"\n\s*\n")
#: every character (or pair) the double-mark scanner looks at
_SINGLE_MARK = re.compile("[" + _SINGLE_OPEN + _SINGLE_CLOSE + "]")
_DOUBLE_MARK = re.compile("''|[" + re.escape(_CURLY_OPEN + _CURLY_CLOSE + _STRAIGHT) + "]")


@dataclass(frozen=True)
class Quoted:
    """One quoted stretch: ``content_start:content_end`` is the text inside the marks."""

    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark, or the paragraph end when left open
    content_start: int
    content_end: int
    single: bool = False  # delimited by single marks (‘...’)
    open_ended: bool = False  # a quote running to the paragraph end (continued below)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph (blocks separated by blank lines)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def find_quoted(text: str) -> tuple[list[Quoted], list[str]]:
    """Every quoted stretch of ``text`` and a warning for each paragraph that was skipped."""
    found: list[Quoted] = []
    warnings: list[str] = []
    for start, end in paragraphs(text):
        quotes, problem = _scan_paragraph(text, start, end)
        if problem:
            # a block of lines that are paragraphs of their own (single line breaks), or a
            # stray mark: retry line by line, then leniently, so one odd mark costs one line
            for line_start, line_end in _lines(text, start, end):
                quotes, problem = _scan_paragraph(text, line_start, line_end)
                if problem:
                    quotes = _scan_lenient(text, line_start, line_end)
                    warnings.append(
                        f"quotes: line at {line_start}-{line_end} skipped by strict pairing, "
                        f"read leniently: {problem}"
                    )
                found.extend(quotes)
            continue
        found.extend(quotes)
    return found, warnings


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line of ``text[start:end]``."""
    spans = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        if match.group().strip():
            spans.append((start + match.start(), start + match.end()))
    return spans


def _scan_lenient(text: str, start: int, end: int) -> list[Quoted]:
    """Pair the marks of a line that the strict scanner gave up on: a stray closing mark is
    skipped, a closing curly mark that starts a word opens a quote ("”Mr. Trump ..."), marks
    of the other kind inside an open quote are nested, and a second opening mark restarts."""
    quotes: list[Quoted] = []
    open_at: int | None = None
    open_straight = False
    nested: bool | None = None  # the kind (straight?) of a nested quote being skipped
    width = 1
    for match in _DOUBLE_MARK.finditer(text, start, end):
        i, ch = match.start(), match.group()[0]
        step = len(match.group())
        straight = ch == _STRAIGHT or step == 2
        opening = ch in _CURLY_OPEN or (straight and _is_opening_straight(text, i, start))
        if nested is not None:
            if straight == nested and ch not in _CURLY_OPEN:
                nested = None
            continue
        if open_at is None:
            word_start = i + step < end and not text[i + step].isspace()
            if opening or (ch in _CURLY_CLOSE and (i == start or text[i - 1].isspace()) and word_start):
                open_at, width, open_straight = i, step, straight
            continue
        if straight != open_straight and opening:
            nested = straight
            continue
        if ch in _CURLY_OPEN:
            open_at, width = i, step
            continue
        if i > open_at + width:
            quotes.append(Quoted(open_at, i, open_at + width, i))
        open_at = None
    if open_at is not None and open_at == start and end > open_at + width:
        quotes.append(Quoted(open_at, end, open_at + width, end, open_ended=True))
    return quotes


def _is_opening_straight(text: str, i: int, start: int) -> bool:
    """A straight mark opens a quote when it follows a space, an opening bracket or dash."""
    return i == start or text[i - 1] in " \t\n([{—–-/:"


def _scan_paragraph(text: str, start: int, end: int) -> tuple[list[Quoted], str | None]:
    """Pair the double marks of one paragraph; nested single marks are left inside."""
    quotes: list[Quoted] = []
    open_at: int | None = None
    width = 1  # of the opening mark: two apostrophes ('') stand for " in some archives
    for match in _DOUBLE_MARK.finditer(text, start, end):
        i, ch = match.start(), match.group()[0]
        step = len(match.group())
        straight = ch == _STRAIGHT or step == 2
        if ch in _CURLY_OPEN or (straight and open_at is None):
            if open_at is not None:
                return [], f"quotation mark at {open_at} is never closed"
            if straight and not _is_opening_straight(text, i, start):
                return [], f"straight quotation mark at {i} closes nothing"
            open_at, width = i, step
        elif ch in _CURLY_CLOSE or straight:
            if open_at is None:
                return [], f"closing quotation mark at {i} has no opening mark"
            if i > open_at + width:
                quotes.append(Quoted(open_at, i, open_at + width, i))
            open_at = None
    if open_at is not None:
        # the multi-paragraph convention: a quote opening the paragraph, continued below
        if open_at == start and end > open_at + width:
            quotes.append(Quoted(open_at, end, open_at + width, end, open_ended=True))
        else:
            return [], f"quotation mark at {open_at} is never closed"
    if not quotes:
        quotes = _single_quotes(text, start, end)
    return quotes, None


def _single_quotes(text: str, start: int, end: int) -> list[Quoted]:
    """‘...’ pairs in a paragraph without double marks (headlines, British style).

    A closing ’ followed by a letter is an apostrophe (it’s, don’t), not a mark.
    """
    quotes: list[Quoted] = []
    open_at: int | None = None
    for match in _SINGLE_MARK.finditer(text, start, end):
        i, ch = match.start(), match.group()
        if ch == _SINGLE_OPEN and (i == start or not text[i - 1].isalnum()):
            open_at = i
        elif ch == _SINGLE_CLOSE and open_at is not None:
            after = text[i + 1] if i + 1 < end else " "
            if not after.isalpha() and i > open_at + 1:
                quotes.append(Quoted(open_at, i, open_at + 1, i, single=True))
                open_at = None
    return quotes
