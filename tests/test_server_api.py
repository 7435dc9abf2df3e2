"""The REST API of ``newsevents serve``, with the real app on a real SQLite file.

The database is built once per session by ingesting the articles in tests/data/server/
(and the seed article when the shared folder is there) through the real pipeline.
Expectations that depend on what the extractors find are checked against the store's own
queries, so they stay true while the extractors improve.
"""

from __future__ import annotations

import csv
import io
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from newsevents.export import plover_record
from newsevents.paths import shared_dir
from newsevents.store import Store

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

DATA = Path(__file__).parent / "data" / "server"
TOKEN = "test-token-123"
LAYERS = ("actor_mentions", "places", "times", "quotes", "quantities")


def make_client(app: Any) -> TestClient:
    """A TestClient; imported here because starlette warns at import time that it would
    rather use the httpx2 package (the client works the same with httpx)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient

    return TestClient(app, raise_server_exceptions=False)


def build_test_db(path: Path) -> Path:
    """Ingest the server test articles (and the seed, when present) into ``path``."""
    from newsevents import service
    from newsevents.ingest import ReadOptions, read_inputs

    inputs = [str(DATA / "articles.jsonl")]
    seed = shared_dir() / "corpus" / "seed"
    if seed.is_dir():
        inputs.append(str(seed))
    store = Store.open(str(path), create=True)
    service.ingest(read_inputs(inputs, ReadOptions()), store)
    store.engine.dispose()
    return path


@pytest.fixture(scope="session")
def server_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_test_db(tmp_path_factory.mktemp("server") / "server.db")


@pytest.fixture(scope="session")
def store(server_db: Path) -> Store:
    return Store.open(str(server_db), create=False)


@pytest.fixture(scope="session")
def client(store: Store) -> Iterator[TestClient]:
    from newsevents.server import create_app

    with make_client(create_app(store)) as test_client:
        yield test_client


@pytest.fixture
def writable(server_db: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A client with the token on a private copy of the database (for writes)."""
    from newsevents.server import create_app

    copy = tmp_path / "copy.db"
    shutil.copy(server_db, copy)
    with make_client(create_app(str(copy), token=TOKEN)) as c:
        yield c


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_error_shape(body: Any, status: int) -> None:
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message", "detail"}
    assert error["status"] == status
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    assert "Traceback" not in str(body)


def first_article_id(client: TestClient, search: str) -> str:
    items = client.get("/api/v1/articles", params={"search": search}).json()["items"]
    assert items, f"no article found for {search!r}"
    return str(items[0]["id"])


# -- articles -------------------------------------------------------------------------------

@pytest.mark.parametrize(("search", "expected_title"), [
    ("Nairobi", "Police arrest 40 protesters in Nairobi fuel price demonstration"),
    ("Scholz", "Germany pledges 500 million euros in aid to Ukraine"),
    ("defence cooperation", "India and Japan sign defence cooperation agreement"),
])
def test_server_articles_search_finds_title(client: TestClient, search: str,
                                            expected_title: str) -> None:
    body = client.get("/api/v1/articles", params={"search": search}).json()
    assert [a["title"] for a in body["items"]] == [expected_title]
    assert body["total"] == 1


@pytest.mark.parametrize(("search", "titles"), [
    ("%", []),
    ("_", ["<script>window.__pwned = true;</script>Protest in Lagos"]),  # the only "_"
    ("zzzz-no-such-text", []),
    ("' OR 1=1 --", []),
])
def test_server_articles_search_treats_wildcards_as_text(client: TestClient, search: str,
                                                         titles: list[str]) -> None:
    body = client.get("/api/v1/articles", params={"search": search}).json()
    assert [a["title"] for a in body["items"]] == titles
    assert body["total"] == len(titles)


@pytest.mark.parametrize("search", ["Nairobi", "Scholz", "Lagos", "Guerrero"])
def test_server_article_layers_point_into_text(client: TestClient, search: str) -> None:
    article_id = first_article_id(client, search)
    body = client.get(f"/api/v1/articles/{article_id}").json()
    text = body["article"]["text"]
    for layer in LAYERS:
        for item in body[layer]:
            assert text[item["start"]:item["end"]] == item["text"], (layer, item)
    for event in body["events"]:
        trigger = event["trigger"]
        assert text[trigger["start"]:trigger["end"]] == trigger["text"]
        assert text[event["sentence"]["start"]:event["sentence"]["end"]] == event["event_text"]


def test_server_article_events_use_export_field_names(client: TestClient, store: Store) -> None:
    article_id = first_article_id(client, "Nairobi")
    body = client.get(f"/api/v1/articles/{article_id}").json()
    expected = set(plover_record(store.query_events(article_id=article_id, limit=1)[0]))
    for event in body["events"]:
        assert expected <= set(event)


def test_server_article_by_id_prefix(client: TestClient) -> None:
    article_id = first_article_id(client, "Scholz")
    body = client.get(f"/api/v1/articles/{article_id[:8]}").json()
    assert body["article"]["id"] == article_id


# -- events -----------------------------------------------------------------------------------

FILTERS = [
    {}, {"type": "ARREST"}, {"type": "COERCE"}, {"type": "protest"}, {"quad_class": 4},
    {"quad_class": 1}, {"country": "KEN"}, {"country": "mex"}, {"actor": "police"},
    {"recipient": "Ukraine"}, {"place": "Nairobi"}, {"since": "2023-01-01"},
    {"until": "2022-12-31"}, {"since": "2021-12", "until": "2021-12"},
    {"include_negated": True},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_server_events_filters_match_store(client: TestClient, store: Store,
                                           filters: dict[str, Any]) -> None:
    body = client.get("/api/v1/events", params={**filters, "limit": 500}).json()
    expected = store.query_events(limit=None, **filters)
    assert body["total"] == len(expected)
    assert sorted(e["id"] for e in body["items"]) == sorted(e["id"] for e in expected)


def test_server_events_have_some_rows(client: TestClient) -> None:
    assert client.get("/api/v1/events").json()["total"] > 5


@pytest.mark.parametrize("sort", ["date", "+date", "type", "goldstein", "-goldstein"])
def test_server_events_pages_cover_all(client: TestClient, sort: str) -> None:
    total = client.get("/api/v1/events", params={"limit": 1}).json()["total"]
    seen: list[str] = []
    for offset in range(0, total, 7):
        page = client.get("/api/v1/events", params={"limit": 7, "offset": offset, "sort": sort})
        seen += [e["id"] for e in page.json()["items"]]
    assert len(seen) == len(set(seen)) == total


def test_server_events_sort_by_date_ascending(client: TestClient) -> None:
    items = client.get("/api/v1/events", params={"sort": "+date", "limit": 500}).json()["items"]
    dates = [e["date"] for e in items if e["date"]]
    assert dates == sorted(dates)


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("filters", [{}, {"quad_class": 4}, {"country": "KEN"}])
def test_server_events_export_downloads_filtered_set(client: TestClient, fmt: str,
                                                     filters: dict[str, Any]) -> None:
    total = client.get("/api/v1/events", params=filters).json()["total"]
    response = client.get("/api/v1/events/export", params={**filters, "format": fmt})
    assert response.status_code == 200
    assert f'filename="events.{fmt}"' in response.headers["content-disposition"]
    if fmt == "json":
        assert len(response.json()) == total
    else:
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert len(rows) == total
        assert all(row["event_text"] for row in rows)


# -- aggregates ---------------------------------------------------------------------------------

def test_server_map_points_carry_evidence(client: TestClient) -> None:
    points = client.get("/api/v1/map").json()["points"]
    assert points
    for point in points:
        assert -90 <= point["lat"] <= 90 and -180 <= point["lon"] <= 180
        assert point["reports"] >= len(point["events"]) >= 1
        assert point["quad_class"] in (1, 2, 3, 4, None)
        assert all(e["event_text"] for e in point["events"])


@pytest.mark.parametrize("by", ["day", "month"])
def test_server_timeline_counts_match_dated_events(client: TestClient, by: str) -> None:
    series = client.get("/api/v1/timeline", params={"by": by}).json()["series"]
    width = 10 if by == "day" else 7
    assert series and all(len(s["period"]) == width for s in series)
    assert sum(s["events"] for s in series) <= client.get("/api/v1/events").json()["total"]


def test_server_network_edges_join_nodes(client: TestClient) -> None:
    body = client.get("/api/v1/network").json()
    ids = {n["id"] for n in body["nodes"]}
    assert body["edges"]
    assert all(e["source"] in ids and e["target"] in ids and e["events"] >= 1
               for e in body["edges"])


@pytest.mark.parametrize(("path", "key"), [
    ("/api/v1/quotes", "items"), ("/api/v1/actors", "items"), ("/api/v1/places", "items"),
])
def test_server_lookup_lists_are_not_empty(client: TestClient, path: str, key: str) -> None:
    assert client.get(path).json()[key]


def test_server_stats_counts_articles(client: TestClient, store: Store) -> None:
    body = client.get("/api/v1/stats").json()
    assert body["counts"] == store.counts()
    assert sum(body["events_by_type"].values()) == store.counts()["events"]


def test_server_openapi_lists_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/events",
                 "/api/v1/events/export", "/api/v1/quotes", "/api/v1/actors",
                 "/api/v1/places", "/api/v1/stats", "/api/v1/extract"):
        assert path in paths


@pytest.mark.parametrize("path", ["/", "/api/v1/stats", "/static/app.js"])
def test_server_responses_carry_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_server_world_outline_is_shipped(client: TestClient) -> None:
    body = client.get("/world.json").json()
    assert len(body["countries"]) > 150
    assert "Natural Earth" in body["notice"]


# -- the command ----------------------------------------------------------------------------------

@pytest.mark.parametrize("option", ["--db", "--host", "--port", "--token", "--workers"])
def test_server_cli_serve_is_registered_with_help(option: str) -> None:
    from click.testing import CliRunner

    from newsevents.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert option in result.output


def test_server_cli_serve_refuses_missing_database(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsevents.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "newsevents ingest" in result.output
