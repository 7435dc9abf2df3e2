"""The store on SQLite and on a real PostgreSQL server through the same code.

PostgreSQL tests use NEWSEVENTS_TEST_PG (a postgresql:// URL), else a throwaway server that
scripts/start-postgres.sh starts or reuses (``conftest.postgres_url``). With no server at
all they fail under CI and are reported as expected failures elsewhere. Each test gets its
own schema, dropped afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, insert, select, text

from conftest import postgres_url
from newsevents.ingest import ReadOptions, read_inputs
from newsevents.service import ingest
from newsevents.store import (
    CORPUS_TABLES,
    ITEM_TABLES,
    SCHEMA_VERSION,
    Store,
    articles,
    database_url,
    meta_table,
    metadata,
)


@pytest.fixture
def fresh_pg(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a new, empty schema, dropped afterwards.

    Every store opened meanwhile (also by CLI commands) has its connection pool closed at
    the end, so no connection is left for the garbage collector to warn about.
    """
    url = postgres_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(url))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    opened: list[Store] = []
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def tracking_open(cls: type[Store], target: str, create: bool = True) -> Store:
        store = real_open(cls, target, create)
        opened.append(store)
        return store

    monkeypatch.setattr(Store, "open", classmethod(tracking_open))
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        for store in opened:
            store.engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("fresh_pg"))


def test_store_pg_migrates_a_version_1_database(target: str) -> None:
    engine = create_engine(database_url(target))
    version_1 = [t for t in metadata.sorted_tables if t not in CORPUS_TABLES]
    metadata.create_all(engine, tables=version_1)
    with engine.begin() as conn:
        conn.execute(insert(meta_table).values(key="schema_version", value="1"))
    engine.dispose()
    store = Store.open(target)
    assert store.schema_version() == SCHEMA_VERSION == 3
    with store.engine.connect() as conn:
        for table in CORPUS_TABLES:
            assert store.engine.dialect.has_table(conn, table.name)


def test_store_pg_migrates_a_version_2_database_places_gain_kind(target: str) -> None:
    engine = create_engine(database_url(target))
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE places DROP COLUMN kind"))
        conn.execute(insert(meta_table).values(key="schema_version", value="2"))
        conn.execute(insert(articles).values(id="a1", text="Fighting in Aleppo.", origin="t",
                                             ingested_at="2026-01-01T00:00:00+00:00"))
        conn.execute(text("INSERT INTO places (article_id, start, \"end\", text, name, precision)"
                          " VALUES ('a1', 12, 18, 'Aleppo', 'Aleppo', 'city')"))
    engine.dispose()
    store = Store.open(target)
    assert store.schema_version() == SCHEMA_VERSION == 3
    result = store.load_result("a1")
    assert [(p.text, p.kind) for p in result.places] == [("Aleppo", "toponym")]


@pytest.fixture(scope="module")
def five(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = (shared / "corpus" / "bench" / "news.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path_factory.mktemp("five") / "five.jsonl"
    path.write_text("\n".join(sorted(lines[:60], key=len)[:5]) + "\n", encoding="utf-8")
    return path


def test_store_pg_ingest_twice_stores_once(target: str, five: Path) -> None:
    store = Store.open(target)
    first = ingest(read_inputs([str(five)], ReadOptions()), store, jobs=1)
    again = ingest(read_inputs([str(five)], ReadOptions()), store, jobs=1)
    assert (first.stored, again.stored, again.duplicates) == (5, 0, 5)
    ids = store.article_ids()
    assert store.existing_article_ids([*ids, "nope"]) == set(ids)
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar_one() == 5
        for table in ITEM_TABLES:
            orphans = select(func.count()).select_from(table).where(
                table.c.article_id.not_in(select(articles.c.id)))
            assert conn.execute(orphans).scalar_one() == 0, table.name
