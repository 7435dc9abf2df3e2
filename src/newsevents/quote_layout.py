"""Speakers given by layout rather than by a reporting verb.

Two conventions of news pages carry the speaker without any syntax to parse:
- transcripts, where a paragraph opens with the speaker's name in capitals and a colon
  ("PENCE: Well, the question really should be ...");
- reader comments and pull quotes, where a quotation is followed by a dash and a name
  (“The most unqualified child to ever run for president.” ― Francisco Herrero).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# a capitalised label of one to four words, then a colon: "PENCE:", "MR. TRUMP:"
_LABEL = re.compile(r"[\"“'‘]*([A-Z][A-Z.'’\-]*(?: [A-Z][A-Z.'’\-]*){0,3}):[ \t]+(?=\S)")
# a dash right after a closing mark, then a name of one to five capitalised words
_BYLINE = re.compile(
    r"[ \t\u00a0]*[―—–][ \t\u00a0]*((?:[A-Z][\w.’'\-]*[ \t\u00a0]?){1,5})[ \t\u00a0]*(?:\n|$)"
)
#: capitalised labels that head a section, not a speaker
_NOT_SPEAKERS = frozenset(
    {"UPDATE", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION", "WATCH", "READ",
     "VIDEO", "PHOTOS", "RELATED", "ADVERTISEMENT", "SOURCE", "CLAIM", "FACT", "Q", "A"}
)


# a headline opening with a name and a colon: "Sanders: Clinton needs to ...", "Poll: ..."
_HEADLINE = re.compile(r"([A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,3}):[ \t]+(?=[A-Z\"“‘'])")
#: the most words a line may have to be read as a headline
_HEADLINE_WORDS = 30


@dataclass(frozen=True)
class Layout:
    """A speaker given by layout: ``speaker`` and ``cue`` as ``(start, end)`` offsets."""

    speaker: tuple[int, int]
    cue: tuple[int, int]
    content_start: int


def speaker_label(text: str, start: int, end: int) -> Layout | None:
    """A transcript label opening the paragraph ``text[start:end]``."""
    match = _LABEL.match(text, start, end)
    if match is None:
        return None
    label = match.group(1)
    letters = [c for c in label if c.isalpha()]
    if label in _NOT_SPEAKERS or len(letters) < 2 or not all(c.isupper() for c in letters):
        return None
    colon = match.end(1)
    return Layout((match.start(1), colon), (colon, colon + 1), match.end())


def dash_byline(text: str, close_mark: int, end: int) -> Layout | None:
    """A name after a dash that follows the closing mark at ``close_mark`` and ends the line."""
    match = _BYLINE.match(text, close_mark + 1, end)
    if match is None:
        return None
    name_start, name_end = match.start(1), match.end(1)
    while name_end > name_start and not text[name_end - 1].isalnum():
        name_end -= 1
    if name_end <= name_start:
        return None
    dash = next(i for i in range(close_mark + 1, name_start) if text[i] in "―—–")
    return Layout((name_start, name_end), (dash, dash + 1), close_mark)


def headline_label(text: str, start: int, end: int) -> Layout | None:
    """A short line ``text[start:end]`` opening with a capitalised label and a colon (a
    headline: "Sanders: Clinton needs to ..."); whether the label names a speaker is for the
    caller to decide."""
    if len(text[start:end].split()) > _HEADLINE_WORDS:
        return None
    match = _HEADLINE.match(text, start, end)
    if match is None or match.group(1).upper() in _NOT_SPEAKERS:
        return None
    colon = match.end(1)
    return Layout((match.start(1), colon), (colon, colon + 1), match.end())
