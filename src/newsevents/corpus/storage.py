"""Reading the store for corpus-level work and writing its results (copies, stories).

Everything here streams rows page by page and rewrites the corpus tables in one
transaction each, so `newsevents cluster` can be rerun at any time (and a crash in the
middle leaves the previous clustering in place).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import and_, delete, insert, select

from newsevents.corpus.cluster import (
    Report,
    Story,
    actor_keys,
    article_context,
    day_of,
    sentence_words,
    trigger_key,
)
from newsevents.corpus.dedup import METHOD as DEDUP_METHOD
from newsevents.corpus.dedup import Copy
from newsevents.store import (
    Store,
    actors,
    article_copies,
    articles,
    event_args,
    events,
    places,
    stories,
    story_events,
)

PAGE = 2000


def iter_article_texts(store: Store) -> Iterator[tuple[str, str, str | None]]:
    """``(id, text, published)`` for every article, in id order, a page at a time."""
    last = ""
    while True:
        query = (select(articles.c.id, articles.c.text, articles.c.published)
                 .where(articles.c.id > last).order_by(articles.c.id).limit(PAGE))
        with store.engine.connect() as conn:
            page = [tuple(r) for r in conn.execute(query)]
        if not page:
            return
        yield from page
        last = page[-1][0]


def replace_copies(store: Store, copies: Sequence[Copy]) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(article_copies))
        rows = [{"article_id": c.article_id, "copy_of": c.copy_of, "similarity": c.similarity,
                 "method": DEDUP_METHOD} for c in copies]
        if rows:
            conn.execute(insert(article_copies), rows)


def load_copies(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return {r.article_id: r.copy_of for r in conn.execute(select(article_copies))}


def iter_reports(store: Store) -> Iterator[tuple[Report, dict[str, Any]]]:
    """Every non-negated event as a clustering :class:`Report`, with the row's extra fields."""
    last = ""
    while True:
        query = (
            select(events.c.id, events.c.article_id, events.c.type, events.c.mode, events.c.date,
                   events.c.place, events.c.place_name, events.c.place_basis, events.c.counts,
                   events.c.trigger_text, events.c.date_inferred, events.c.sentence_text, articles.c.published, articles.c.source)
            .join(articles, articles.c.id == events.c.article_id)
            .where(events.c.id > last)
            .where((events.c.negated.is_(False)) | (events.c.negated.is_(None)))
            .order_by(events.c.id).limit(PAGE)
        )
        with store.engine.connect() as conn:
            page = [dict(r._mapping) for r in conn.execute(query)]
            keys, names = _argument_keys(conn, [row["id"] for row in page])
            context = _contexts(conn, sorted({row["article_id"] for row in page}))
        if not page:
            return
        for row in page:
            row["names"] = names.get(row["id"], {})
            yield _report(row, keys.get((row["id"], "actor"), set()),
                          keys.get((row["id"], "recipient"), set()),
                          context.get(row["article_id"], frozenset())), row
        last = page[-1]["id"]


def _argument_keys(
    conn: Any, ids: list[str]
) -> tuple[dict[tuple[str, str], set[str]], dict[str, dict[str, list[str]]]]:
    """Actor keys by ``(event id, role)`` and argument names by event id and role."""
    keys: dict[tuple[str, str], set[str]] = {}
    names: dict[str, dict[str, list[str]]] = {}
    if not ids:
        return keys, names
    query = (
        select(event_args.c.event_id, event_args.c.role, event_args.c.actor_id, event_args.c.text,
               actors.c.name, actors.c.code, actors.c.country, actors.c.sector, actors.c.kind)
        .join(actors, and_(actors.c.article_id == event_args.c.article_id,
                           actors.c.actor_id == event_args.c.actor_id), isouter=True)
        .where(event_args.c.event_id.in_(ids))
    )
    for r in conn.execute(query):
        keys.setdefault((r.event_id, r.role), set()).update(actor_keys(r.actor_id, r.code, r.country, r.sector, r.kind))
        names.setdefault(r.event_id, {}).setdefault(r.role, []).append(r.name or r.text)
    return keys, names


def _contexts(conn: Any, article_ids: list[str]) -> dict[str, frozenset[str]]:
    """What each article is about (:func:`~newsevents.corpus.cluster.article_context`)."""
    if not article_ids:
        return {}
    named: dict[str, list[tuple[Any, ...]]] = {}
    query = (select(actors.c.article_id, actors.c.actor_id, actors.c.code, actors.c.country,
                    actors.c.sector, actors.c.kind)
             .where(actors.c.article_id.in_(article_ids))
             .where(actors.c.kind.in_(("person", "organisation"))))
    for r in conn.execute(query):
        named.setdefault(r.article_id, []).append(tuple(r)[1:])
    located: dict[str, list[tuple[Any, ...]]] = {}
    query = (select(places.c.article_id, places.c.geonameid, places.c.precision)
             .where(places.c.article_id.in_(article_ids)))
    for r in conn.execute(query):
        located.setdefault(r.article_id, []).append(tuple(r)[1:])
    return {a: article_context(named.get(a, []), located.get(a, [])) for a in article_ids}


def report_day(date: str | None, published: str | None) -> int | None:
    """The day a report is clustered under: its own date when the text gives a day, else the
    publication day, unless the text dates it to another month or year ("in 2007"): then
    None, as nothing says on which day it fell."""
    day = day_of(date)
    if day is not None:
        return day
    if date and published and date[:4].isdigit() and not published.startswith(date[:7]):
        return None
    return day_of(published)


def _report(row: dict[str, Any], keys: set[str], recipients: set[str],
            context: frozenset[str] = frozenset()) -> Report:
    place = row["place"] or {}
    return Report(
        event_id=row["id"], article_id=row["article_id"], type=row["type"], mode=row["mode"],
        day=report_day(row["date"], row["published"]), actors=frozenset(keys),
        recipients=frozenset(recipients), lat=place.get("lat"), lon=place.get("lon"), admin1=place.get("admin1"),
        country=place.get("country"), precision=place.get("precision"),
        place_basis=row["place_basis"], trigger=trigger_key(row["trigger_text"] or ""),
        context=context, dated=bool(row["date"]) and not row["date_inferred"],
        words=sentence_words(row["sentence_text"]),
    )


def story_row(story: Story, extra: dict[str, dict[str, Any]], copies: dict[str, str],
              method: str) -> dict[str, Any]:
    """The ``stories`` row of one story: counts done honestly (copies are not sources)."""
    rows = [extra[r.event_id] for r in story.reports]
    article_ids = {r.article_id for r in story.reports}
    originals = {copies.get(a, a) for a in article_ids}
    source_of = {row["article_id"]: row["source"] for row in rows}
    sources = {source_of.get(a) or f"article:{a}" for a in originals}
    published = sorted(p for p in (row["published"] for row in rows) if p)
    place = Counter(row["place_name"] for row in rows if row["place_name"]).most_common(1)
    placed = next((r for r in story.reports if r.country or r.lat is not None), None)
    first = min(story.reports, key=lambda r: r.event_id)
    actor_names = Counter(n for row in rows for n in row["names"].get("actor", []) if n)
    recipient_names = Counter(n for row in rows for n in row["names"].get("recipient", []) if n)
    counts: dict[str, list[float]] = {}
    for row in rows:
        for key, value in (row["counts"] or {}).items():
            if value not in counts.setdefault(key, []):
                counts[key].append(value)
    who = ", ".join(n for n, _ in actor_names.most_common(2)) or "?"
    where = place[0][0] if place else None
    return {
        "id": "s" + hashlib.sha1(first.event_id.encode()).hexdigest()[:15],
        "type": first.type, "mode": first.mode,
        "date_first": _iso(story.first), "date_last": _iso(story.last),
        "first_seen": published[0] if published else None,
        "last_seen": published[-1] if published else None,
        "n_reports": len(story.reports), "n_articles": len(article_ids),
        "n_sources": len(sources), "n_copies": len(article_ids) - len(originals),
        "place_name": where, "country": placed.country if placed else None,
        "lat": placed.lat if placed else None, "lon": placed.lon if placed else None,
        "actors": [n for n, _ in actor_names.most_common(5)],
        "recipients": [n for n, _ in recipient_names.most_common(5)],
        "counts": counts, "label": f"{first.type} by {who}" + (f" in {where}" if where else ""),
        "method": method,
    }


def _iso(day: int | None) -> str | None:
    import datetime as dt

    return dt.date.fromordinal(day).isoformat() if day else None


def replace_stories(store: Store, rows: list[dict[str, Any]], members: list[dict[str, Any]]) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(story_events))
        conn.execute(delete(stories))
        for start in range(0, len(rows), 1000):
            conn.execute(insert(stories), rows[start:start + 1000])
        for start in range(0, len(members), 5000):
            conn.execute(insert(story_events), members[start:start + 5000])
