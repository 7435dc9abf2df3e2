"""The API on PostgreSQL: the same answers as on SQLite for filters, escaped searches and
injection payloads (``ILIKE ... ESCAPE`` and ``substr`` behave alike on both).

The server comes from ``conftest.postgres_url`` (NEWSEVENTS_TEST_PG, else one started by
scripts/start-postgres.sh). Runs in its own schema, dropped after.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import create_engine, text

from conftest import postgres_url
from newsevents.store import Store, database_url
from test_server_api import DATA, client, make_client, server_db, store

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

#: the session fixtures of test_server_api, shared so the SQLite database is built once
SHARED_FIXTURES = (client, server_db, store)

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_client() -> Iterator[TestClient]:
    from newsevents import service
    from newsevents.ingest import ReadOptions, read_inputs
    from newsevents.paths import shared_dir
    from newsevents.server import create_app

    url = postgres_url()
    schema = f"serve_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(url))
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    pg = Store.open(f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}")
    try:
        inputs = [str(DATA / "articles.jsonl")]
        seed = shared_dir() / "corpus" / "seed"
        if seed.is_dir():
            inputs.append(str(seed))
        service.ingest(read_inputs(inputs, ReadOptions()), pg)
        with make_client(create_app(pg)) as c:
            yield c
    finally:
        pg.engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


QUERIES = [
    ("/api/v1/events", {"limit": 500}),
    ("/api/v1/events", {"quad_class": 4, "limit": 500}),
    ("/api/v1/events", {"country": "MEX", "limit": 500}),
    ("/api/v1/events", {"actor": "police", "limit": 500}),
    ("/api/v1/events", {"actor": "%", "limit": 500}),
    ("/api/v1/events", {"place": "' OR 1=1 --", "limit": 500}),
    ("/api/v1/events", {"since": "2015-01", "until": "2023-12", "limit": 500}),
    ("/api/v1/articles", {"search": "_"}),
    ("/api/v1/articles", {"search": "%"}),
    ("/api/v1/articles", {"search": "Nairobi"}),
    ("/api/v1/quotes", {"search": "\\"}),
    ("/api/v1/timeline", {"by": "month"}),
    ("/api/v1/timeline", {"by": "day"}),
]


def _key(path: str, body: dict[str, Any]) -> Any:
    if "items" in body:
        ids = sorted(str(item.get("id")) for item in body["items"])
        return body.get("total"), ids
    return body


@pytest.mark.parametrize(("path", "params"), QUERIES)
def test_server_pg_answers_like_sqlite(pg_client: TestClient, client: TestClient, path: str,
                                       params: dict[str, Any]) -> None:
    on_pg = pg_client.get(path, params=params)
    on_sqlite = client.get(path, params=params)
    assert on_pg.status_code == on_sqlite.status_code == 200
    assert _key(path, on_pg.json()) == _key(path, on_sqlite.json())


def test_server_pg_article_has_layers(pg_client: TestClient) -> None:
    found = pg_client.get("/api/v1/articles", params={"search": "Nairobi"}).json()["items"]
    body = pg_client.get(f"/api/v1/articles/{found[0]['id']}").json()
    text_ = body["article"]["text"]
    assert body["events"]
    for mention in body["actor_mentions"]:
        assert text_[mention["start"]:mention["end"]] == mention["text"]

