"""Conflicting figures: one story event reported with different numbers by different sources.

For every story with reports in more than one article, the figures attached to its events
(``event.counts``: dead, injured, arrested, abducted, size...) are compared across
*independent* articles (a wire copy repeats its original's figure, so copies are folded
into their original). Where independent reports give different values for the same kind
of figure, that is a conflict worth a reader's attention: "6 dead" (one paper) against
"7 dead" (another).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from newsevents.store import Store, article_copies, articles, events, stories, story_events


@dataclass(frozen=True)
class Claim:
    value: float
    article_id: str
    source: str | None
    event_id: str
    published: str | None


@dataclass(frozen=True)
class Conflict:
    story_id: str
    label: str | None
    figure: str  # the count's key: dead, injured, arrested...
    claims: tuple[Claim, ...]

    @property
    def values(self) -> list[float]:
        return sorted({c.value for c in self.claims})


def find_conflicts(store: Store, figure: str | None = None) -> Iterator[Conflict]:
    """Every (story, figure) for which independent articles report different values."""
    query = (
        select(story_events.c.story_id, stories.c.label, events.c.id, events.c.counts,
               events.c.article_id, articles.c.source, articles.c.published,
               article_copies.c.copy_of)
        .join(stories, stories.c.id == story_events.c.story_id)
        .join(events, events.c.id == story_events.c.event_id)
        .join(articles, articles.c.id == events.c.article_id)
        .join(article_copies, article_copies.c.article_id == events.c.article_id, isouter=True)
        .where(stories.c.n_articles > 1)
        .order_by(story_events.c.story_id, events.c.article_id, events.c.id)
    )
    with store.engine.connect() as conn:
        current: str | None = None
        group: list[dict[str, Any]] = []
        for row in conn.execute(query):
            r = dict(row._mapping)
            if r["story_id"] != current and group:
                yield from _conflicts_in(group, figure)
                group = []
            current = r["story_id"]
            group.append(r)
        if group:
            yield from _conflicts_in(group, figure)


def _conflicts_in(rows: list[dict[str, Any]], only: str | None) -> Iterator[Conflict]:
    by_figure: dict[str, dict[str, Claim]] = {}
    for r in rows:
        origin = r["copy_of"] or r["article_id"]
        for key, value in (r["counts"] or {}).items():
            if only and key != only:
                continue
            claims = by_figure.setdefault(key, {})
            if origin not in claims or float(value) > claims[origin].value:
                claims[origin] = Claim(float(value), r["article_id"], r["source"], r["id"],
                                       r["published"])
    for key, claims in sorted(by_figure.items()):
        if len({c.value for c in claims.values()}) > 1:
            ordered = tuple(sorted(claims.values(), key=lambda c: (c.value, c.article_id)))
            yield Conflict(rows[0]["story_id"], rows[0]["label"], key, ordered)
