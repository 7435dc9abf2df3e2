"""The server's own read queries, in SQLAlchemy Core over the tables of :mod:`newsevents.store`.

Why not only ``Store.query_events``: the page needs totals for paging, aggregates for the
map, timeline and network, and substring filters that treat ``%`` and ``_`` as the
characters a user typed rather than LIKE wildcards. Every value is a bound parameter;
user text only ever reaches the database through :func:`contains`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select, true
from sqlalchemy.sql.elements import ColumnElement

from newsevents.store import _attach_arguments, actors, articles, event_args, events

ESCAPE = "\\"


def contains(column: Any, text: str) -> ColumnElement[bool]:
    """Case-insensitive substring match with LIKE wildcards in ``text`` escaped."""
    escaped = text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    condition: ColumnElement[bool] = column.ilike(f"%{escaped}%", escape=ESCAPE)
    return condition


@dataclass(frozen=True)
class EventFilters:
    """The filters of the events table, the map, the timeline and the network."""

    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    type: str | None = None
    quad_class: int | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    article_id: str | None = None
    include_negated: bool = False

    def where(self) -> ColumnElement[bool]:
        """All the filters as one condition (true when there are none)."""
        return and_(true(), *self.conditions())

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if not self.include_negated:
            found.append(or_(events.c.negated.is_(False), events.c.negated.is_(None)))
        if self.type:
            found.append(events.c.type == self.type.upper())
        if self.quad_class:
            found.append(events.c.quad_class == self.quad_class)
        if self.since:
            found.append(events.c.date >= self.since)
        if self.until:
            found.append(events.c.date <= self.until + "\uffff")
        if self.place:
            found.append(contains(events.c.place_name, self.place))
        if self.article_id:
            found.append(events.c.article_id == self.article_id)
        for role, name in (("actor", self.actor), ("recipient", self.recipient)):
            if name:
                found.append(events.c.id.in_(_events_with_actor(role, name)))
        if self.country:
            found.append(events.c.id.in_(_events_with_country(self.country)))
        return found


def _args_join() -> Any:
    return event_args.join(actors, and_(actors.c.article_id == event_args.c.article_id,
                                        actors.c.actor_id == event_args.c.actor_id), isouter=True)


def _events_with_actor(role: str, name: str) -> Any:
    return (select(event_args.c.event_id).select_from(_args_join())
            .where(event_args.c.role == role)
            .where(or_(contains(actors.c.name, name), contains(event_args.c.text, name),
                       contains(actors.c.code, name), contains(event_args.c.actor_id, name))))


def _events_with_country(country: str) -> Any:
    return (select(event_args.c.event_id).select_from(_args_join())
            .where(actors.c.country == country.upper()))


SORTS = {
    "date": (events.c.date.desc(),), "-date": (events.c.date.desc(),),
    "+date": (events.c.date.asc(),), "type": (events.c.type.asc(),),
    "goldstein": (events.c.goldstein.asc(),), "-goldstein": (events.c.goldstein.desc(),),
    "quad_class": (events.c.quad_class.asc(),),
}


def find_events(engine: Engine, filters: EventFilters, limit: int, offset: int,
                sort: str = "date") -> tuple[list[dict[str, Any]], int]:
    """One page of events (with actors and recipients) and the total matching."""
    where = filters.where()
    query = (select(events, articles.c.title, articles.c.source, articles.c.url,
                    articles.c.published)
             .join(articles, articles.c.id == events.c.article_id).where(where)
             .order_by(*SORTS.get(sort, SORTS["date"]), events.c.id).limit(limit).offset(offset))
    total_query = select(func.count()).select_from(events).where(where)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
        _attach_arguments(conn, rows)
        total = int(conn.execute(total_query).scalar() or 0)
    return rows, total


def find_articles(engine: Engine, search: str | None, limit: int,
                  offset: int) -> tuple[list[dict[str, Any]], int]:
    """A page of articles (newest first) with their event counts, and the total matching."""
    n_events = select(func.count()).where(events.c.article_id == articles.c.id).scalar_subquery()
    where = (or_(contains(articles.c.title, search), contains(articles.c.text, search))
             if search else true())
    query = (select(articles.c.id, articles.c.title, articles.c.source, articles.c.published,
                    articles.c.url, articles.c.n_words, n_events.label("events"))
             .where(where).order_by(articles.c.published.desc(), articles.c.id)
             .limit(limit).offset(offset))
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
        total = int(conn.execute(select(func.count()).select_from(articles).where(where)).scalar()
                    or 0)
    return rows, total


def map_points(engine: Engine, filters: EventFilters, limit: int) -> list[dict[str, Any]]:
    """Events with coordinates grouped by place: one point per place, with its evidence."""
    query = (select(events.c.id, events.c.article_id, events.c.type, events.c.quad_class,
                    events.c.lat, events.c.lon, events.c.place_name, events.c.place_country,
                    events.c.sentence_text, events.c.date)
             .where(and_(filters.where(), events.c.lat.is_not(None),
                         events.c.lon.is_not(None)))
             .order_by(events.c.date.desc(), events.c.id).limit(limit))
    points: dict[tuple[float, float], dict[str, Any]] = {}
    with engine.connect() as conn:
        for r in conn.execute(query):
            key = (round(r.lat, 3), round(r.lon, 3))
            point = points.setdefault(key, {
                "lat": r.lat, "lon": r.lon, "place": r.place_name, "country": r.place_country,
                "reports": 0, "articles": set(), "quad_counts": Counter(), "events": []})
            point["reports"] += 1
            point["articles"].add(r.article_id)
            point["quad_counts"][r.quad_class] += 1
            if len(point["events"]) < 5:
                point["events"].append({"id": r.id, "article_id": r.article_id, "event": r.type,
                                        "date": r.date, "event_text": r.sentence_text})
    return [_finish_point(p) for p in sorted(points.values(), key=lambda p: -p["reports"])]


def _finish_point(point: dict[str, Any]) -> dict[str, Any]:
    quads: Counter[int | None] = point.pop("quad_counts")
    point["articles"] = len(point["articles"])
    point["quad_class"] = quads.most_common(1)[0][0]
    point["by_quad_class"] = {str(k): v for k, v in quads.items() if k is not None}
    return point


PERIOD = {"day": re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|T)"),
          "month": re.compile(r"^(\d{4}-\d{2})(?:$|-\d{2}(?:$|T))")}


def timeline(engine: Engine, filters: EventFilters, by: str) -> list[dict[str, Any]]:
    """Event counts per period (``day`` or ``month``) and type, oldest first.

    Dates coarser than the period, weeks and ranges (``2014-10/2015-01``) are left out
    rather than pinned to an arbitrary day.
    """
    query = (select(events.c.date, events.c.type, func.count().label("events"))
             .where(and_(filters.where(), events.c.date.is_not(None)))
             .group_by(events.c.date, events.c.type))
    counts: Counter[tuple[str, str]] = Counter()
    with engine.connect() as conn:
        for date, type_, n in conn.execute(query):
            match = PERIOD[by].match(date or "")
            if match:
                counts[(match.group(1), type_)] += n
    return [{"period": period, "type": type_, "events": n}
            for (period, type_), n in sorted(counts.items())]


def network(engine: Engine, filters: EventFilters, limit: int) -> dict[str, Any]:
    """Who acts on whom: edges (actor → recipient, quad class) with counts, and their nodes."""
    source, target = event_args.alias("source"), event_args.alias("target")
    edge_query = (
        select(source.c.actor_id.label("source"), target.c.actor_id.label("target"),
               events.c.quad_class, func.count(func.distinct(events.c.id)).label("events"))
        .select_from(events.join(source, and_(source.c.event_id == events.c.id,
                                              source.c.role == "actor"))
                     .join(target, and_(target.c.event_id == events.c.id,
                                        target.c.role == "recipient")))
        .where(and_(filters.where(), source.c.actor_id.is_not(None),
                    target.c.actor_id.is_not(None)))
        .group_by(source.c.actor_id, target.c.actor_id, events.c.quad_class)
        .order_by(func.count(func.distinct(events.c.id)).desc()).limit(limit))
    with engine.connect() as conn:
        edges = [dict(r._mapping) for r in conn.execute(edge_query)]
        ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        names: Any = conn.execute(
            select(actors.c.actor_id, func.max(actors.c.name), func.max(actors.c.country),
                   func.max(actors.c.sector))
            .where(actors.c.actor_id.in_(ids)).group_by(actors.c.actor_id)) if ids else []
        nodes = {r[0]: {"id": r[0], "name": r[1], "country": r[2], "sector": r[3]} for r in names}
    for actor_id in ids:
        nodes.setdefault(actor_id, {"id": actor_id, "name": actor_id, "country": None,
                                    "sector": None})
    return {"nodes": [nodes[i] for i in ids], "edges": edges}


def stats(engine: Engine) -> dict[str, Any]:
    """Counts by event type and quad class, and the date range of events."""
    with engine.connect() as conn:
        by_type = {r[0]: r[1] for r in conn.execute(
            select(events.c.type, func.count()).group_by(events.c.type).order_by(events.c.type))}
        by_quad = {str(r[0]): r[1] for r in conn.execute(
            select(events.c.quad_class, func.count()).where(events.c.quad_class.is_not(None))
            .group_by(events.c.quad_class).order_by(events.c.quad_class))}
        first, last = conn.execute(select(func.min(events.c.date), func.max(events.c.date))).one()
    return {"events_by_type": by_type, "events_by_quad_class": by_quad,
            "first_event_date": first, "last_event_date": last}
