"""Which time patterns can match in a stretch of text, decided without running them.

Each pattern of ``data/times/patterns.yaml`` is read (with the standard library's regular
expression parser) for the literal strings at least one of which every match contains:
a month pattern needs one of the month names, a duration one of the units, ``ago`` one of
"ago", "earlier", "later", ... A window of text holding none of them cannot match, so the
pattern is not run there. The test is a necessary condition, so the matches found are
exactly those of running every pattern everywhere (checked on the 1,128 bench articles); it
halves the time of :func:`newsevents.timex.find`.

Case: patterns are case-insensitive and the literals are compared with the lower-cased
window. Four non-ASCII characters match ASCII letters case-insensitively (İ ı ſ K, the
Kelvin sign); a window holding one of them is always searched.

Python's case-insensitive matching lower-cases every character it compares, which makes a
pattern two to three times slower. A pattern whose letters are all lower case (no
``(?-i:...)`` part, no capital in a literal or a class) matches the lower-cased text exactly
where it matches the text case-insensitively, so :func:`folded` compiles it without the
flag for :func:`lowered` text: the same spans, whose groups are then read from the text
itself. A text holding one of the four characters above is not lower-cased.

Start: Python tries a pattern at every position of a window, and a pattern that opens with
alternatives ("early|mid|late", a list of weekdays) tries each of them there. :func:`guarded`
puts a lookahead for the characters a match can begin with in front of the pattern
(``(?=[emlWT...])``): a position whose character is not among them fails at once. The
characters are read from the parsed pattern; a match that begins elsewhere is impossible,
so the matches and groups are the same.
"""

from __future__ import annotations

import re
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

#: characters outside ASCII that a case-insensitive pattern matches to an ASCII letter or digit
_CASE_TWINS = re.compile("[\u0130\u0131\u017f\u212a]")

_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)
_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: r"\d", sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s", sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w", sre_constants.CATEGORY_NOT_WORD: r"\W",
}


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a lookahead for the characters its matches begin with (the same
    matches, found faster), or ``pattern`` itself when they cannot be told."""
    first = first_characters(pattern)
    if first is None:
        return pattern
    try:
        return re.compile(f"(?={first})(?:{pattern.pattern})", pattern.flags)
    except re.error:  # e.g. global flags written at its start
        return pattern


def first_characters(pattern: re.Pattern[str]) -> str | None:
    """A character class holding the first character of every match of ``pattern`` (as
    matched with its flags), or None when it cannot be told or a match may be empty."""
    ignorecase = bool(pattern.flags & re.IGNORECASE)
    found = _first(sre_parse.parse(pattern.pattern, pattern.flags), ignorecase)
    if found is None or found[1]:
        return None
    parts = []
    for op, arg in found[0]:
        if op is sre_constants.LITERAL:
            parts.append(re.escape(chr(arg)))
        elif op is sre_constants.RANGE:
            parts.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif op is sre_constants.CATEGORY and arg in _CATEGORIES:
            parts.append(_CATEGORIES[arg])
        else:
            return None
    return "[" + "".join(dict.fromkeys(parts)) + "]"


def _first(items: Any, ignorecase: bool) -> tuple[list[tuple[Any, Any]], bool] | None:
    """(class items one of which the first character of a match of ``items`` is, whether
    ``items`` may match the empty string), or None when that cannot be told."""
    out: list[tuple[Any, Any]] = []
    for op, arg in items:
        if op in _ZERO_WIDTH:
            continue  # "\b", "(?<=in )": nothing consumed, the next item begins the match
        if op is sre_constants.LITERAL:
            return out + [(op, arg)], False
        if op is sre_constants.IN:
            if any(item_op is sre_constants.NEGATE for item_op, _ in arg):
                return None
            return out + list(arg), False
        if op is sre_constants.SUBPATTERN:
            if arg[1] & re.IGNORECASE and not ignorecase:
                return None  # (?i:...) in a case-sensitive pattern: the class would miss cases
            found = _first(arg[3], ignorecase)
        elif op is sre_constants.ATOMIC_GROUP:
            found = _first(arg, ignorecase)
        elif op is sre_constants.BRANCH:
            branches = [_first(branch, ignorecase) for branch in arg[1]]
            if any(branch is None for branch in branches):
                return None
            found = ([item for branch in branches if branch for item in branch[0]],
                     any(branch[1] for branch in branches if branch))
        elif op in _REPEATS:
            inner = _first(arg[2], ignorecase)
            found = None if inner is None else (inner[0], inner[1] or arg[0] == 0)
        else:
            return None  # any character, a back reference, ...
        if found is None:
            return None
        out += found[0]
        if not found[1]:
            return out, False
    return out, True


def folded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` without IGNORECASE, for :func:`lowered` text, when that finds the same
    matches: its fixed characters and classes hold no capital and no other letter outside
    ASCII, and no part of it turns the flag off. None for another pattern."""
    if pattern.flags & re.IGNORECASE == 0 or not _foldable(
        sre_parse.parse(pattern.pattern, pattern.flags)
    ):
        return None
    plain = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
    return plain if plain.flags & re.IGNORECASE == 0 else None


def lowered(text: str) -> str | None:
    """``text`` lower-cased for the :func:`folded` patterns, or None when lower-casing
    would change what matches (one of the four characters above) or shift offsets."""
    if _CASE_TWINS.search(text) is not None:
        return None
    lower = text.lower()
    return lower if len(lower) == len(text) else None


def _foldable(items: Any) -> bool:
    """Whether every part of a parsed pattern matches lower-cased text as it matches any
    case (see :func:`folded`)."""
    for op, arg in items:
        if op in (sre_constants.LITERAL, sre_constants.NOT_LITERAL):
            if not _lower_only(arg, arg):
                return False
        elif op is sre_constants.RANGE:
            if not _lower_only(*arg):
                return False
        elif op is sre_constants.IN:
            if not _foldable(arg):
                return False
        elif op is sre_constants.SUBPATTERN:
            if arg[2] & re.IGNORECASE or not _foldable(arg[3]):
                return False  # (?-i:...): a case-sensitive part
        elif op is sre_constants.BRANCH:
            if not all(_foldable(branch) for branch in arg[1]):
                return False
        elif op in _REPEATS:
            if not _foldable(arg[2]):
                return False
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if not _foldable(arg[1]):
                return False
        elif op is sre_constants.ATOMIC_GROUP:
            if not _foldable(arg):
                return False
        elif op not in (sre_constants.AT, sre_constants.CATEGORY, sre_constants.NEGATE,
                        sre_constants.ANY):
            return False  # a back reference or anything else: not worth proving
    return True


def _lower_only(first: int, last: int) -> bool:
    """Characters ``first..last`` hold no capital, and none outside ASCII has a case (the
    case-insensitive matching of a lower-case letter outside ASCII has exceptions)."""
    return all(
        not ch.isupper() if ch.isascii() else ch.lower() == ch == ch.upper()
        for ch in map(chr, range(first, last + 1))
    )


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of ``pattern`` contains; None if the
    pattern can match without any fixed string. A string holding another of them is left
    out: a window with "january" has "jan" ("jan" alone is tested)."""
    found = _required(sre_parse.parse(pattern.pattern, pattern.flags))
    if found is None:
        return None
    return tuple(sorted(s for s in found if not any(t != s and t in s for t in found)))


def _required(items: Any) -> frozenset[str] | None:
    """Of a parsed sequence: the most selective set of literals every match needs."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in items:
        if op is sre_constants.LITERAL and arg < 128:
            run.append(chr(arg).lower())
            continue
        if run:  # anything else (a class, an anchor, a group) ends a run of literal characters
            candidates.append(frozenset(["".join(run)]))
            run = []
        found: frozenset[str] | None = None
        if op is sre_constants.SUBPATTERN:
            found = _required(arg[3])
        elif op is sre_constants.ATOMIC_GROUP:
            found = _required(arg)
        elif op is sre_constants.BRANCH:
            options = [_required(branch) for branch in arg[1]]
            if all(option is not None for option in options):
                found = frozenset().union(*(o for o in options if o is not None))
        elif op in _REPEATS and arg[0] >= 1:
            found = _required(arg[2])
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset(["".join(run)]))
    if not candidates:
        return None
    # longest shortest literal first (rarer in text), then fewer alternatives
    return max(candidates, key=lambda option: (min(map(len, option)), -len(option)))


class Window:
    """A stretch ``[start, end)`` of the text, lower-cased once for the literal tests."""

    __slots__ = ("start", "end", "lower", "exact")

    def __init__(self, text: str, start: int, end: int):
        self.start = start
        self.end = end
        self.lower = text[start:end].lower()
        self.exact = _CASE_TWINS.search(text, start, end) is None

    def may_match(self, literals: tuple[str, ...] | None) -> bool:
        """False only when no match of a pattern needing ``literals`` can lie here."""
        return literals is None or not self.exact or any(map(self.lower.__contains__, literals))
