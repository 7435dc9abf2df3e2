"""Corpus-level commands as plain functions: recompute copies and stories, list them, conflicts.

:func:`recompute` is what `newsevents cluster` runs: near-duplicate articles first (so
copies are not counted as independent sources), then event clustering over every stored
event. Both are recomputed from scratch; they are cheap next to the NLP.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from newsevents.corpus import dedup, storage
from newsevents.corpus.cluster import METHOD, cluster
from newsevents.store import Store, stories


@dataclass
class ClusterSummary:
    articles: int
    copies: int
    reports: int
    stories: int
    multi_article_stories: int
    seconds: float


def recompute(store: Store, threshold: float = dedup.THRESHOLD, window: int = 3) -> ClusterSummary:
    started = time.perf_counter()
    texts = storage.iter_article_texts(store)
    n_articles = 0

    def counted() -> Any:
        nonlocal n_articles
        for item in texts:
            n_articles += 1
            yield item

    copies = dedup.find_copies(counted(), threshold=threshold)
    storage.replace_copies(store, copies)
    copy_of = {c.article_id: c.copy_of for c in copies}
    extra: dict[str, dict[str, Any]] = {}
    reports = []
    for report, row in storage.iter_reports(store):
        reports.append(report)
        extra[report.event_id] = row
    found = cluster(reports, window=window)
    rows: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    for story in found:
        row = storage.story_row(story, extra, copy_of, METHOD)
        rows.append(row)
        members.extend({"event_id": r.event_id, "story_id": row["id"], "article_id": r.article_id}
                       for r in story.reports)
    storage.replace_stories(store, rows, members)
    return ClusterSummary(
        articles=n_articles, copies=len(copies), reports=len(reports), stories=len(rows),
        multi_article_stories=sum(1 for r in rows if r["n_articles"] > 1),
        seconds=time.perf_counter() - started,
    )


def list_stories(store: Store, min_articles: int = 1, type: str | None = None,
                 limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, most reported first."""
    query = select(stories).where(stories.c.n_articles >= min_articles)
    if type:
        query = query.where(stories.c.type == type.upper())
    query = query.order_by(stories.c.n_sources.desc(), stories.c.n_articles.desc(),
                           stories.c.date_first, stories.c.id).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def count_stories(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(stories)).scalar_one())
