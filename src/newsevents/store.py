"""The event database: SQLite by default (one file, WAL), PostgreSQL through the same code.

Written with SQLAlchemy Core. An article and all its items are stored together or not at
all: one transaction per article (:meth:`Store.add_result`) or per batch of articles
(:meth:`Store.add_results`, what ingest uses). Re-storing an article with the same id is a
no-op (the id is a hash of the cleaned text and url), so re-ingesting is idempotent.
Failed inputs are kept in ``failures`` with their reason.

Schema versions live in ``meta``; :data:`MIGRATIONS` brings an older database forward.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    create_engine,
    event,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text as sql_text
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from newsevents.errors import StoreError
from newsevents.ingest import IngestFailure
from newsevents.records import (
    Actor,
    ActorMention,
    Article,
    Event,
    EventArgument,
    Place,
    Quantity,
    Quote,
    Result,
    Span,
    TimeExpression,
)

SCHEMA_VERSION = 3

metadata = MetaData()

meta_table = Table(
    "meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text)
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text),
    Column("url", Text),
    Column("source", String(255), index=True),
    Column("author", Text),
    Column("published", String(32), index=True),
    Column("language", String(8)),
    Column("origin", Text),
    Column("text", Text, nullable=False),
    Column("n_words", Integer),
    Column("ingested_at", String(32)),
    Column("versions", JSON),
    Column("warnings", JSON),
)

failures = Table(
    "failures",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("origin", Text),
    Column("reason", String(64), index=True),
    Column("message", Text),
    Column("ingested_at", String(32)),
)


def _item_columns() -> list[Column[Any]]:
    return [
        Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), index=True),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("text", Text, nullable=False),
        Column("extractor", String(64)),
    ]


actors = Table(
    "actors",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_id", String(128), primary_key=True),
    Column("name", Text, index=True),
    Column("kind", String(32)),
    Column("country", String(8), index=True),
    Column("sector", String(8)),
    Column("role", Text),
    Column("code", String(32)),
    Column("basis", String(32)),
    Column("affiliations", JSON),
    Column("extractor", String(64)),
)
Index("ix_actors_actor_id", actors.c.actor_id)

actor_mentions = Table(
    "actor_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_item_columns(),
    Column("actor_id", String(128), index=True),
    Column("kind", String(32)),
    Column("sentence", Integer),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_item_columns(),
    Column("name", Text, index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", String(16)),
    Column("country", String(8), index=True),
    Column("admin1", Text),
    Column("geonameid", Integer),
    Column("feature_class", String(4)),
    Column("feature_code", String(16)),
    Column("score", Float),
    Column("kind", String(16)),
)

times = Table(
    "times",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_item_columns(),
    Column("value", String(64)),
    Column("type", String(16)),
    Column("granularity", String(16)),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), index=True),
    Column("type", String(16), index=True),
    Column("mode", String(32)),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("trigger_text", Text),
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    Column("sentence_text", Text),
    Column("place", JSON),
    Column("place_name", Text, index=True),
    Column("place_country", String(8), index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("place_basis", String(16)),
    Column("date", String(32), index=True),
    Column("date_start", Integer),
    Column("date_end", Integer),
    Column("date_text", Text),
    Column("date_inferred", Boolean),
    Column("negated", Boolean),
    Column("modality", String(16)),
    Column("claimed_by", String(128)),
    Column("context", JSON),
    Column("counts", JSON),
    Column("cameo_root", String(4)),
    Column("quad_class", Integer, index=True),
    Column("goldstein", Float),
    Column("extractor", String(64)),
)

event_args = Table(
    "event_args",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), index=True),
    Column("article_id", String(32), index=True),
    Column("role", String(16)),  # actor | recipient
    Column("position", Integer),
    Column("actor_id", String(128), index=True),
    Column("start", Integer),
    Column("end", Integer),
    Column("text", Text),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_item_columns(),
    Column("kind", String(16)),
    Column("speaker_actor_id", String(128), index=True),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_text", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("cue_text", Text),
    Column("event_ids", JSON),
)

quantities = Table(
    "quantities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    *_item_columns(),
    Column("value", Float),
    Column("value_max", Float),
    Column("unit", String(32), index=True),
    Column("kind", String(16)),
    Column("of", Text),
    Column("of_start", Integer),
    Column("of_end", Integer),
    Column("qualifier", String(32)),
)

ITEM_TABLES = (actor_mentions, places, times, event_args, events, quotes, quantities, actors)

# -- corpus level (schema 2): recomputed from the tables above by `newsevents cluster` ------

#: an article that is a near-copy (wire copy, republication) of an earlier one
article_copies = Table(
    "article_copies",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("copy_of", String(32), index=True),  # the group's earliest article
    Column("similarity", Float),  # estimated Jaccard similarity of word shingles
    Column("method", String(64)),
)

#: one real-world event reported by one or more event rows across articles
stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("type", String(16), index=True),
    Column("mode", String(32)),
    Column("date_first", String(32), index=True),
    Column("date_last", String(32)),
    Column("first_seen", String(32)),
    Column("last_seen", String(32)),
    Column("n_reports", Integer),
    Column("n_articles", Integer),
    Column("n_sources", Integer),
    Column("n_copies", Integer),
    Column("place_name", Text),
    Column("country", String(8), index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("actors", JSON),
    Column("recipients", JSON),
    Column("counts", JSON),
    Column("label", Text),
    Column("method", String(64)),
)

story_events = Table(
    "story_events",
    metadata,
    Column("event_id", String(64), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"), index=True),
    Column("article_id", String(32), index=True),
)

CORPUS_TABLES = (article_copies, stories, story_events)


def _migrate_to_1(engine: Engine) -> None:
    metadata.create_all(engine, tables=[t for t in metadata.sorted_tables if t not in CORPUS_TABLES])


def _migrate_to_2(engine: Engine) -> None:
    metadata.create_all(engine, tables=list(CORPUS_TABLES))


def _migrate_to_3(engine: Engine) -> None:
    """Places gain ``kind`` (toponym / demonym); older rows are toponyms."""
    with engine.begin() as conn:
        columns = {c["name"] for c in sa_inspect(conn).get_columns("places")}
        if "kind" not in columns:
            conn.execute(sql_text("ALTER TABLE places ADD COLUMN kind VARCHAR(16)"))
        conn.execute(update(places).where(places.c.kind.is_(None)).values(kind="toponym"))


#: ordered schema migrations: version → function bringing the database to that version
MIGRATIONS = {1: _migrate_to_1, 2: _migrate_to_2, 3: _migrate_to_3}


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def database_url(target: str) -> str:
    """A SQLAlchemy URL from a path (SQLite) or a URL (``postgresql://...``)."""
    if "://" in target:
        if target.startswith("postgresql://"):
            return "postgresql+psycopg://" + target[len("postgresql://"):]
        if target.startswith("postgres://"):
            return "postgresql+psycopg://" + target[len("postgres://"):]
        return target
    return f"sqlite:///{Path(target).expanduser()}"


@dataclass
class StoreOutcome:
    """What storing one item did: ``stored``, ``duplicate`` or ``failed``."""

    status: str
    id: str


class Store:
    """The event database. Open with :meth:`Store.open` (or ``newsevents.open_store``)."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def open(cls, target: str, create: bool = True) -> Store:
        url = database_url(target)
        if url.startswith("sqlite:///") and not create:
            path = Path(url[len("sqlite:///"):])
            if not path.exists():
                raise StoreError(
                    f"no database at {path}; create one with `newsevents ingest FILES --db {path}`"
                )
        try:
            engine = create_engine(url, future=True)
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"cannot open database {target!r}: {exc}") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        try:
            store.migrate()
        except OperationalError as exc:
            raise StoreError(f"cannot open database {target!r}: {exc.orig}") from exc
        return store

    # -- schema ---------------------------------------------------------------------------

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            if not self.engine.dialect.has_table(conn, "meta"):
                return 0
            value = conn.execute(
                select(meta_table.c.value).where(meta_table.c.key == "schema_version")
            ).scalar()
        return int(value) if value else 0

    def migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"the database has schema version {current}, newer than this newsevents "
                f"({SCHEMA_VERSION}); upgrade newsevents"
            )
        for version in sorted(v for v in MIGRATIONS if v > current):
            MIGRATIONS[version](self.engine)
            with self.engine.begin() as conn:
                conn.execute(meta_table.delete().where(meta_table.c.key == "schema_version"))
                conn.execute(insert(meta_table).values(key="schema_version", value=str(version)))

    # -- writing --------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is not None

    def existing_article_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` are stored already (one query per batch, for resuming ingest)."""
        with self.engine.connect() as conn:
            return self._existing(conn, ids)

    @staticmethod
    def _existing(conn: Any, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            part = list(ids[start:start + 500])
            found.update(conn.execute(select(articles.c.id).where(articles.c.id.in_(part))).scalars())
        return found

    def add_result(self, result: Result, versions: dict[str, str] | None = None) -> StoreOutcome:
        """Store one article with everything extracted from it, in one transaction."""
        article = result.article
        try:
            with self.engine.begin() as conn:
                if conn.execute(select(articles.c.id).where(articles.c.id == article.id)).first():
                    return StoreOutcome("duplicate", article.id)
                conn.execute(insert(articles).values(**_article_row(article, result, versions)))
                _insert_items(conn, result)
                conn.execute(failures.delete().where(failures.c.id == article.id))
        except IntegrityError as exc:
            if self.has_article(article.id):  # a concurrent writer stored it first
                return StoreOutcome("duplicate", article.id)
            raise StoreError(f"article {article.id} could not be stored: {exc.orig}") from exc
        return StoreOutcome("stored", article.id)

    def add_results(self, results: Sequence[Result],
                    versions: dict[str, str] | None = None) -> list[StoreOutcome]:
        """Store several articles in one transaction (all of them or none), one outcome each.

        The batch form of :meth:`add_result` for ingest: one statement per table for the
        whole batch and one commit instead of one per article (on SQLite each commit writes
        every touched index page to the WAL again). Articles already stored, or repeated in
        the batch, are duplicates. Should a concurrent writer store one of them meanwhile,
        the batch is rolled back and stored article by article.
        """
        if not results:
            return []
        ids = [r.article.id for r in results]
        try:
            with self.engine.begin() as conn:
                seen = self._existing(conn, ids)
                fresh: list[Result] = []
                status: list[str] = []
                for result in results:
                    if result.article.id in seen:
                        status.append("duplicate")
                    else:
                        status.append("stored")
                        seen.add(result.article.id)
                        fresh.append(result)
                if fresh:
                    rows: dict[Table, list[dict[str, Any]]] = {}
                    for result in fresh:
                        rows.setdefault(articles, []).append(_article_row(result.article, result, versions))
                        _item_rows(result, rows)
                    for table in (articles, *INSERT_ORDER):
                        _insert_many(conn, table, rows.get(table, ()))
                    fresh_ids = [r.article.id for r in fresh]
                    for start in range(0, len(fresh_ids), 500):
                        conn.execute(failures.delete().where(failures.c.id.in_(fresh_ids[start:start + 500])))
        except IntegrityError:
            return [self.add_result(result, versions) for result in results]
        return [StoreOutcome(state, r.article.id) for state, r in zip(status, results, strict=True)]

    def add_failure(self, item: IngestFailure) -> StoreOutcome:
        """Record an input that failed, with its reason (again: updates, never duplicates)."""
        with self.engine.begin() as conn:
            conn.execute(failures.delete().where(failures.c.id == item.id))
            conn.execute(
                insert(failures).values(
                    id=item.id, origin=item.origin, reason=item.reason, message=item.message,
                    ingested_at=_now(),
                )
            )
        return StoreOutcome("failed", item.id)

    # -- reading --------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                table.name: int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
                for table in (articles, failures, events, quotes, quantities, places, times, actors)
            }

    def list_articles(
        self, search: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        n_events = (
            select(func.count()).where(events.c.article_id == articles.c.id).scalar_subquery()
        )
        query = select(
            articles.c.id, articles.c.title, articles.c.source, articles.c.published,
            articles.c.url, articles.c.n_words, articles.c.origin, n_events.label("events"),
        )
        if search:
            pattern = f"%{search}%"
            query = query.where(or_(articles.c.title.ilike(pattern), articles.c.text.ilike(pattern)))
        query = query.order_by(articles.c.published.desc(), articles.c.id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def list_failures(self, limit: int = 100) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(failures).order_by(failures.c.ingested_at.desc()).limit(limit))
            return [dict(row._mapping) for row in rows]

    def find_article_id(self, prefix: str) -> str:
        """The full id of the one article whose id starts with ``prefix``."""
        with self.engine.connect() as conn:
            ids = [row[0] for row in conn.execute(
                select(articles.c.id).where(articles.c.id.like(f"{prefix}%")).limit(2))]
        if not ids:
            raise StoreError(f"no article with id {prefix!r}; list them with `newsevents articles`")
        if len(ids) > 1:
            raise StoreError(f"more than one article id starts with {prefix!r}; give more characters")
        return str(ids[0])

    def load_result(self, article_id: str) -> Result:
        """Rebuild the full extraction result of one stored article."""
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None:
                raise StoreError(f"no article with id {article_id!r}")
            a = row._mapping
            article = Article(
                id=a["id"], text=a["text"], title=a["title"], url=a["url"], source=a["source"],
                author=a["author"], published=a["published"], language=a["language"],
                origin=a["origin"],
            )

            def rows(table: Table) -> list[Any]:
                order = [table.c.id] if "id" in table.c else []
                return [r._mapping for r in conn.execute(
                    select(table).where(table.c.article_id == article_id).order_by(*order))]

            args: dict[str, dict[str, list[EventArgument]]] = {}
            for arg in rows(event_args):
                args.setdefault(arg["event_id"], {"actor": [], "recipient": []})[arg["role"]].append(
                    EventArgument(arg["actor_id"], arg["start"], arg["end"], arg["text"]))
            return Result(
                article=article,
                actors=tuple(_actor_from_row(r) for r in rows(actors)),
                actor_mentions=tuple(
                    ActorMention(r["start"], r["end"], r["text"], r["actor_id"], r["kind"],
                                 r["sentence"], r["extractor"]) for r in rows(actor_mentions)),
                places=tuple(_place_from_row(r) for r in rows(places)),
                times=tuple(
                    TimeExpression(r["start"], r["end"], r["text"], r["value"], r["type"],
                                   r["granularity"], r["extractor"]) for r in rows(times)),
                events=tuple(_event_from_row(r, args.get(r["id"], {})) for r in rows(events)),
                quotes=tuple(_quote_from_row(r) for r in rows(quotes)),
                quantities=tuple(_quantity_from_row(r) for r in rows(quantities)),
                warnings=tuple(a["warnings"] or ()),
            )

    def query_events(
        self,
        *,
        actor: str | None = None,
        recipient: str | None = None,
        country: str | None = None,
        type: str | None = None,
        quad_class: int | None = None,
        since: str | None = None,
        until: str | None = None,
        place: str | None = None,
        article_id: str | None = None,
        include_negated: bool = False,
        limit: int | None = 100,
        offset: int = 0,
        order: str = "date",
    ) -> list[dict[str, Any]]:
        """Events with their actors and recipients, filtered; every filter is parameterised."""
        query = (
            select(events, articles.c.title, articles.c.source, articles.c.url,
                   articles.c.published, story_events.c.story_id,
                   func.coalesce(stories.c.n_reports, 1).label("num_mentions"),
                   func.coalesce(stories.c.n_sources, 1).label("num_sources"),
                   func.coalesce(stories.c.n_articles, 1).label("num_articles"))
            .join(articles, articles.c.id == events.c.article_id)
            .join(story_events, story_events.c.event_id == events.c.id, isouter=True)
            .join(stories, stories.c.id == story_events.c.story_id, isouter=True)
        )
        conditions = []
        if not include_negated:
            conditions.append(or_(events.c.negated.is_(False), events.c.negated.is_(None)))
        if type:
            conditions.append(events.c.type == type.upper())
        if quad_class:
            conditions.append(events.c.quad_class == quad_class)
        if since:
            conditions.append(events.c.date >= since)
        if until:
            conditions.append(events.c.date <= until + "\uffff")
        if place:
            conditions.append(events.c.place_name.ilike(f"%{place}%"))
        if article_id:
            conditions.append(events.c.article_id == article_id)
        for role, name in (("actor", actor), ("recipient", recipient)):
            if name:
                conditions.append(events.c.id.in_(self._events_with_actor(role, name)))
        if country:
            conditions.append(events.c.id.in_(self._events_with_country(country)))
        if conditions:
            query = query.where(and_(*conditions))
        sort = {"date": events.c.date.desc(), "type": events.c.type, "goldstein": events.c.goldstein}
        query = query.order_by(sort.get(order, events.c.date.desc()), events.c.id)
        if limit is not None:
            query = query.limit(limit).offset(offset)
        with self.engine.connect() as conn:
            found = [dict(r._mapping) for r in conn.execute(query)]
            _attach_arguments(conn, found)
        return found

    def _events_with_actor(self, role: str, name: str) -> Any:
        pattern = f"%{name}%"
        return (
            select(event_args.c.event_id)
            .join(actors, and_(actors.c.article_id == event_args.c.article_id,
                               actors.c.actor_id == event_args.c.actor_id), isouter=True)
            .where(event_args.c.role == role)
            .where(or_(actors.c.name.ilike(pattern), event_args.c.text.ilike(pattern),
                       actors.c.code.ilike(pattern), event_args.c.actor_id.ilike(pattern)))
        )

    def _events_with_country(self, country: str) -> Any:
        return (
            select(event_args.c.event_id)
            .join(actors, and_(actors.c.article_id == event_args.c.article_id,
                               actors.c.actor_id == event_args.c.actor_id))
            .where(actors.c.country == country.upper())
        )

    def query_quotes(
        self, speaker: str | None = None, search: str | None = None, limit: int | None = 100,
        offset: int = 0, article_id: str | None = None,
    ) -> list[dict[str, Any]]:
        query = (
            select(quotes, actors.c.name.label("speaker_name"), actors.c.country.label("speaker_country"),
                   actors.c.sector.label("speaker_sector"), articles.c.title, articles.c.published)
            .join(articles, articles.c.id == quotes.c.article_id)
            .join(actors, and_(actors.c.article_id == quotes.c.article_id,
                               actors.c.actor_id == quotes.c.speaker_actor_id), isouter=True)
        )
        if speaker:
            pattern = f"%{speaker}%"
            query = query.where(or_(actors.c.name.ilike(pattern), quotes.c.speaker_text.ilike(pattern)))
        if search:
            query = query.where(quotes.c.text.ilike(f"%{search}%"))
        if article_id:
            query = query.where(quotes.c.article_id == article_id)
        query = query.order_by(articles.c.published.desc(), quotes.c.article_id, quotes.c.start)
        if limit is not None:
            query = query.limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def query_actors(self, search: str | None = None, country: str | None = None,
                     sector: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Actors across articles, with how many articles and events name them."""
        n_events = (
            select(func.count(func.distinct(event_args.c.event_id)))
            .where(event_args.c.actor_id == actors.c.actor_id).scalar_subquery()
        )
        query = select(
            actors.c.actor_id, func.max(actors.c.name).label("name"), func.max(actors.c.kind).label("kind"),
            func.max(actors.c.country).label("country"), func.max(actors.c.sector).label("sector"),
            func.max(actors.c.code).label("code"),
            func.count(func.distinct(actors.c.article_id)).label("articles"),
            func.max(n_events).label("events"),
        ).group_by(actors.c.actor_id)
        if search:
            query = query.where(or_(actors.c.name.ilike(f"%{search}%"), actors.c.actor_id.ilike(f"%{search}%")))
        if country:
            query = query.where(actors.c.country == country.upper())
        if sector:
            query = query.where(actors.c.sector == sector.upper())
        query = query.order_by(func.count(func.distinct(actors.c.article_id)).desc(), actors.c.actor_id)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query.limit(limit).offset(offset))]

    def query_places(self, search: str | None = None, country: str | None = None,
                     limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        query = select(
            places.c.name, places.c.geonameid, places.c.country, places.c.admin1,
            places.c.precision, func.max(places.c.lat).label("lat"), func.max(places.c.lon).label("lon"),
            func.count().label("mentions"), func.count(func.distinct(places.c.article_id)).label("articles"),
        ).group_by(places.c.name, places.c.geonameid, places.c.country, places.c.admin1, places.c.precision)
        if search:
            query = query.where(places.c.name.ilike(f"%{search}%"))
        if country:
            query = query.where(places.c.country == country.upper())
        query = query.order_by(func.count().desc(), places.c.name)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query.limit(limit).offset(offset))]

    def iter_events(self, batch: int = 1000, **filters: Any) -> Iterator[dict[str, Any]]:
        """Every event matching ``filters``, page by page (for exports)."""
        offset = 0
        while True:
            page = self.query_events(limit=batch, offset=offset, order="type", **filters)
            yield from page
            if len(page) < batch:
                return
            offset += batch

    def article_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(select(articles.c.id).order_by(articles.c.id))]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _article_row(article: Article, result: Result, versions: dict[str, str] | None) -> dict[str, Any]:
    return {
        "id": article.id, "title": article.title, "url": article.url, "source": article.source,
        "author": article.author, "published": article.published, "language": article.language,
        "origin": article.origin, "text": article.text, "n_words": len(article.text.split()),
        "ingested_at": _now(), "versions": versions or {}, "warnings": list(result.warnings),
    }


def _span_cols(prefix: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, f"{prefix}_text": span.text}


def _place_json(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {k: getattr(place, k) for k in (
        "start", "end", "text", "name", "lat", "lon", "precision", "country", "admin1",
        "geonameid", "feature_class", "feature_code", "score", "kind", "extractor")}


def _insert_items(conn: Any, result: Result) -> None:
    rows: dict[Table, list[dict[str, Any]]] = {}
    _item_rows(result, rows)
    for table in INSERT_ORDER:
        _insert_many(conn, table, rows.get(table, ()))


#: item tables in the order their rows are inserted (events before the arguments that point at them)
INSERT_ORDER = (actors, actor_mentions, places, times, events, event_args, quotes, quantities)


def _item_rows(result: Result, rows: dict[Table, list[dict[str, Any]]]) -> None:
    """Add the rows of every item of ``result`` to ``rows`` (per table)."""
    aid = result.article.id
    text = result.article.text
    rows.setdefault(actors, []).extend(
        {"article_id": aid, "actor_id": a.id, "name": a.name, "kind": a.kind, "country": a.country,
         "sector": a.sector, "role": a.role, "code": a.code, "basis": a.basis,
         "affiliations": list(a.affiliations), "extractor": a.extractor}
        for a in {a.id: a for a in result.actors}.values())
    rows.setdefault(actor_mentions, []).extend(
        {"article_id": aid, "start": m.start, "end": m.end, "text": m.text, "extractor": m.extractor,
         "actor_id": m.actor_id, "kind": m.kind, "sentence": m.sentence} for m in result.actor_mentions)
    rows.setdefault(places, []).extend(
        {"article_id": aid, **{k: v for k, v in (_place_json(p) or {}).items()}} for p in result.places)
    rows.setdefault(times, []).extend(
        {"article_id": aid, "start": t.start, "end": t.end, "text": t.text, "value": t.value,
         "type": t.type, "granularity": t.granularity, "extractor": t.extractor} for t in result.times)
    event_rows = rows.setdefault(events, [])
    arg_rows = rows.setdefault(event_args, [])
    for e in result.events:
        place = e.place
        event_rows.append({
            "id": e.id, "article_id": aid, "type": e.type, "mode": e.mode,
            **_span_cols("trigger", e.trigger),
            "sentence_start": e.sentence.start, "sentence_end": e.sentence.end,
            "sentence_text": text[e.sentence.start:e.sentence.end],
            "place": _place_json(place), "place_name": place.name if place else None,
            "place_country": place.country if place else None,
            "lat": place.lat if place else None, "lon": place.lon if place else None,
            "place_basis": e.place_basis, "date": e.date, **_span_cols("date", e.date_span),
            "date_inferred": e.date_inferred, "negated": e.negated, "modality": e.modality,
            "claimed_by": e.claimed_by, "context": list(e.context), "counts": dict(e.counts),
            "cameo_root": e.cameo_root, "quad_class": e.quad_class, "goldstein": e.goldstein,
            "extractor": e.extractor,
        })
        for role, group in (("actor", e.actors), ("recipient", e.recipients)):
            for position, arg in enumerate(group):
                arg_rows.append({"event_id": e.id, "article_id": aid, "role": role,
                                 "position": position, "actor_id": arg.actor_id, "start": arg.start,
                                 "end": arg.end, "text": arg.text})
    rows.setdefault(quotes, []).extend(
        {"article_id": aid, "start": q.start, "end": q.end, "text": q.text, "extractor": q.extractor,
         "kind": q.kind, "speaker_actor_id": q.speaker_actor_id, **_span_cols("speaker", q.speaker),
         **_span_cols("cue", q.cue), "event_ids": list(q.event_ids)} for q in result.quotes)
    rows.setdefault(quantities, []).extend(
        {"article_id": aid, "start": q.start, "end": q.end, "text": q.text, "extractor": q.extractor,
         "value": q.value, "value_max": q.value_max, "unit": q.unit, "kind": q.kind, "of": q.of,
         "of_start": q.of_span.start if q.of_span else None,
         "of_end": q.of_span.end if q.of_span else None, "qualifier": q.qualifier}
        for q in result.quantities)


def _insert_many(conn: Any, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) with one executemany.

    Where the driver takes positional parameters (SQLite), the rows go to it as tuples made
    by the columns' own bind processors (JSON, booleans), the values SQLAlchemy would send:
    its per-row parameter handling cost more than SQLite's inserts (0.3 of 0.9 ms an article).
    """
    if not rows:
        return
    if conn.dialect.paramstyle != "qmark":
        conn.execute(insert(table), list(rows))
        return
    sql, columns = _positional_insert(conn.dialect, table, tuple(rows[0]))
    conn.exec_driver_sql(sql, [
        tuple(row[name] if process is None else process(row[name]) for name, process in columns)
        for row in rows
    ])


@functools.cache
def _positional_insert(dialect: Any, table: Table, keys: tuple[str, ...]) -> tuple[str, list[Any]]:
    """The INSERT of ``keys`` into ``table`` for ``dialect``, and its parameters in order,
    each with its column type's bind processor (None when the value goes as it is)."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
    names = compiled.positiontup or []
    columns = [(name, table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
               for name in names]
    return str(compiled), columns


def _attach_arguments(conn: Any, found: list[dict[str, Any]]) -> None:
    """Add ``actors`` and ``recipients`` lists (with names, countries, sectors) to event rows."""
    if not found:
        return
    ids = [row["id"] for row in found]
    by_event: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for start in range(0, len(ids), 500):
        query = (
            select(event_args, actors.c.name, actors.c.country, actors.c.sector, actors.c.code)
            .join(actors, and_(actors.c.article_id == event_args.c.article_id,
                               actors.c.actor_id == event_args.c.actor_id), isouter=True)
            .where(event_args.c.event_id.in_(ids[start:start + 500]))
            .order_by(event_args.c.event_id, event_args.c.role, event_args.c.position)
        )
        for r in conn.execute(query):
            m = r._mapping
            by_event.setdefault(m["event_id"], {"actor": [], "recipient": []})[m["role"]].append({
                "actor_id": m["actor_id"], "name": m["name"] or m["text"], "country": m["country"],
                "sector": m["sector"], "code": m["code"], "start": m["start"], "end": m["end"],
                "text": m["text"]})
    for row in found:
        groups = by_event.get(row["id"], {"actor": [], "recipient": []})
        row["actors"] = groups["actor"]
        row["recipients"] = groups["recipient"]


def _actor_from_row(r: Any) -> Actor:
    return Actor(id=r["actor_id"], name=r["name"], kind=r["kind"], country=r["country"],
                 sector=r["sector"], role=r["role"], code=r["code"], basis=r["basis"],
                 affiliations=tuple(r["affiliations"] or ()), extractor=r["extractor"] or "")


def _place_from_row(r: Any) -> Place:
    return Place(start=r["start"], end=r["end"], text=r["text"], name=r["name"], lat=r["lat"],
                 lon=r["lon"], precision=r["precision"], country=r["country"], admin1=r["admin1"],
                 geonameid=r["geonameid"], feature_class=r["feature_class"],
                 feature_code=r["feature_code"], score=r["score"] or 0.0, kind=r["kind"] or "toponym",
                 extractor=r["extractor"] or "")


def _span(r: Any, prefix: str) -> Span | None:
    if r[f"{prefix}_start"] is None:
        return None
    return Span(r[f"{prefix}_start"], r[f"{prefix}_end"], r[f"{prefix}_text"])


def _event_from_row(r: Any, args: dict[str, list[EventArgument]]) -> Event:
    place = None
    if r["place"]:
        place = Place(**r["place"])
    return Event(
        id=r["id"], type=r["type"], mode=r["mode"], trigger=_span(r, "trigger") or Span(0, 0, ""),
        sentence=Span(r["sentence_start"], r["sentence_end"], r["sentence_text"] or ""),
        actors=tuple(args.get("actor", ())), recipients=tuple(args.get("recipient", ())),
        place=place, place_basis=r["place_basis"], date=r["date"], date_span=_span(r, "date"),
        date_inferred=bool(r["date_inferred"]), negated=bool(r["negated"]),
        modality=r["modality"] or "asserted", claimed_by=r["claimed_by"],
        context=tuple(r["context"] or ()), counts=dict(r["counts"] or {}),
        cameo_root=r["cameo_root"], quad_class=r["quad_class"], goldstein=r["goldstein"],
        extractor=r["extractor"] or "",
    )


def _quote_from_row(r: Any) -> Quote:
    return Quote(start=r["start"], end=r["end"], text=r["text"], kind=r["kind"],
                 speaker_actor_id=r["speaker_actor_id"], speaker=_span(r, "speaker"),
                 cue=_span(r, "cue"), event_ids=tuple(r["event_ids"] or ()),
                 extractor=r["extractor"] or "")


def _quantity_from_row(r: Any) -> Quantity:
    of_span = None
    if r["of_start"] is not None and r["of"] is not None:
        of_span = Span(r["of_start"], r["of_end"], r["of"])
    return Quantity(start=r["start"], end=r["end"], text=r["text"], value=r["value"], unit=r["unit"],
                    kind=r["kind"], of=r["of"], of_span=of_span, qualifier=r["qualifier"],
                    value_max=r["value_max"], extractor=r["extractor"] or "")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
