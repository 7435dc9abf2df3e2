"""Stage ``actors``: who is who. Mentions of people, organisations, groups and states,
each resolved to a canonical :class:`~newsevents.records.Actor` with country and sector.

Passes, in order (each pass may use what the earlier ones found):

1. **names**: longest dictionary match over the tokens: named actors (Phoenix + user
   dictionaries, the code valid on the publication date; outside every dated term the
   person keeps the nearest term's country; a title in the text gives the office),
   seats of government and capitals (metonyms, only in actor position; as modifiers,
   "White House officials", a country word), country names and nationality words (a
   country actor when not used as a location, otherwise a modifier/hint for the phrases
   around it);
2. **places**: other places the gazetteer knows ("Sindh province") hint at their country
   for the unnamed groups of their sentence;
3. **people**: person names the dictionary lacks (or writes in full, or spells one letter
   otherwise), with the title before them or in an appositive ("Mexican Treasury
   Secretary Luis Videgaray", "a member of the Syrian parliament, X") and surname
   coreference;
4. **titles**: title phrases without a name ("the US president", "both presidents");
5. **pronouns** he/she/his/her → the most recent compatible person;
6. **generic agents** ("Mexican cops", "the army", "human rights groups", "intelligence
   officials"), with the country of the phrase, of where the group lives or acts, or of
   the story;
7. **they/their** → the nearest plural group in the sentence.

Other stages call :func:`mention_at` to find the actor behind a span of text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import IDX

from newsevents.actors_build import Builder
from newsevents.records import ActorMention

if TYPE_CHECKING:
    from newsevents.pipeline import Document

NAME = "actors"
VERSION = "actors.v3"
#: ``doc.notes`` key of the sorted-mention index that :func:`mention_at` keeps
_INDEX_NOTE = "_actors_index"


def run(doc: Document) -> None:
    """Add actors and actor mentions to ``doc``; note metonymic toponyms for places."""
    builder = Builder(doc, VERSION)
    builder.run()
    doc.actors.update(builder.actors)
    doc.actor_mentions.extend(builder.mentions)
    doc.notes.setdefault("metonyms", []).extend(builder.metonyms)


def mention_at(doc: Document, start: int, end: int) -> ActorMention | None:
    """The best actor mention inside or overlapping the characters ``start:end``.

    Preference: a mention covering the syntactic head of the span, then the largest
    overlap, then the shorter mention (the more specific one).
    """
    index = _index(doc)
    # mentions are sorted by start; none is longer than index.longest characters
    lo = bisect.bisect_left(index.starts, start - index.longest)
    hi = bisect.bisect_left(index.starts, end)
    overlapping = [m for m in index.mentions[lo:hi] if m.start < end and start < m.end]
    if not overlapping:
        return None
    head_char: int | None = None
    if doc.spacy is not None and len(index.token_starts):
        first = max(0, bisect.bisect_right(index.token_starts, start) - 1)
        last = max(first, bisect.bisect_left(index.token_starts, end) - 1)
        head_char = doc.spacy[first: last + 1].root.idx

    def rank(m: ActorMention) -> tuple[int, int, int]:
        covers = head_char is not None and m.start <= head_char < m.end
        overlap = min(end, m.end) - max(start, m.start)
        return (1 if covers else 0, overlap, -(m.end - m.start))

    return max(overlapping, key=rank)


@dataclass
class _Index:
    """Mentions sorted by start and token start offsets, built once per document."""

    count: int
    mentions: list[ActorMention]
    starts: list[int]
    longest: int
    token_starts: list[int]


def _index(doc: Document) -> _Index:
    cached = doc.notes.get(_INDEX_NOTE)
    if isinstance(cached, _Index) and cached.count == len(doc.actor_mentions):
        return cached
    mentions = sorted(doc.actor_mentions, key=lambda m: (m.start, m.end))
    # one array read, not a Token object per token
    token_starts: list[int] = []
    if doc.spacy is not None and len(doc.spacy):
        token_starts = [int(idx) for idx in doc.spacy.to_array([IDX]).ravel().tolist()]
    index = _Index(
        count=len(mentions), mentions=mentions, starts=[m.start for m in mentions],
        longest=max((m.end - m.start for m in mentions), default=0),
        token_starts=token_starts,
    )
    doc.notes[_INDEX_NOTE] = index
    return index
