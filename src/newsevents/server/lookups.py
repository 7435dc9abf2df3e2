"""Quotes, actors and places for the API, with escaped substring filters.

Why here and not ``Store.query_quotes`` and friends: those treat ``%`` and ``_`` in the
user's text as LIKE wildcards; the API promises that a filter matches what was typed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, and_, func, or_, select

from newsevents.server.queries import contains
from newsevents.store import actors, articles, event_args, places, quotes


def find_quotes(engine: Engine, speaker: str | None, search: str | None,
                article_id: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
    """Quotes with their resolved speaker (name, country, sector) and article."""
    query = (
        select(quotes, actors.c.name.label("speaker_name"),
               actors.c.country.label("speaker_country"), actors.c.sector.label("speaker_sector"),
               articles.c.title, articles.c.published)
        .join(articles, articles.c.id == quotes.c.article_id)
        .join(actors, and_(actors.c.article_id == quotes.c.article_id,
                           actors.c.actor_id == quotes.c.speaker_actor_id), isouter=True))
    if speaker:
        query = query.where(or_(contains(actors.c.name, speaker),
                                contains(quotes.c.speaker_text, speaker)))
    if search:
        query = query.where(contains(quotes.c.text, search))
    if article_id:
        query = query.where(quotes.c.article_id == article_id)
    query = query.order_by(articles.c.published.desc(), quotes.c.article_id, quotes.c.start)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query.limit(limit).offset(offset))]


def find_actors(engine: Engine, search: str | None, country: str | None, sector: str | None,
                limit: int, offset: int) -> list[dict[str, Any]]:
    """Actors across articles, with how many articles and events name them."""
    n_events = (select(func.count(func.distinct(event_args.c.event_id)))
                .where(event_args.c.actor_id == actors.c.actor_id).scalar_subquery())
    query = select(
        actors.c.actor_id, func.max(actors.c.name).label("name"),
        func.max(actors.c.kind).label("kind"), func.max(actors.c.country).label("country"),
        func.max(actors.c.sector).label("sector"), func.max(actors.c.code).label("code"),
        func.count(func.distinct(actors.c.article_id)).label("articles"),
        func.max(n_events).label("events"),
    ).group_by(actors.c.actor_id)
    if search:
        query = query.where(or_(contains(actors.c.name, search),
                                contains(actors.c.actor_id, search)))
    if country:
        query = query.where(actors.c.country == country.upper())
    if sector:
        query = query.where(actors.c.sector == sector.upper())
    query = query.order_by(func.count(func.distinct(actors.c.article_id)).desc(),
                           actors.c.actor_id)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query.limit(limit).offset(offset))]


def find_places(engine: Engine, search: str | None, country: str | None, limit: int,
                offset: int) -> list[dict[str, Any]]:
    """Resolved places with how often and in how many articles they are mentioned."""
    query = select(
        places.c.name, places.c.geonameid, places.c.country, places.c.admin1, places.c.precision,
        func.max(places.c.lat).label("lat"), func.max(places.c.lon).label("lon"),
        func.count().label("mentions"),
        func.count(func.distinct(places.c.article_id)).label("articles"),
    ).group_by(places.c.name, places.c.geonameid, places.c.country, places.c.admin1,
               places.c.precision)
    query = query.where(places.c.kind == "toponym")  # not demonym country references
    if search:
        query = query.where(contains(places.c.name, search))
    if country:
        query = query.where(places.c.country == country.upper())
    query = query.order_by(func.count().desc(), places.c.name)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query.limit(limit).offset(offset))]
