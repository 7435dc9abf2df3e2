"""Robustness of ``newsevents serve``: one error shape for every failure, bounded inputs,
the token, SQL injection through every filter, and reads while an ingest writes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from newsevents.store import Store
from test_server_api import (
    DATA,
    TOKEN,
    assert_error_shape,
    auth,
    client,
    make_client,
    server_db,
    store,
    writable,
)

#: the session fixtures of test_server_api, shared so the database is built once
SHARED_FIXTURES = (client, server_db, store, writable)

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

ERRORS = [
    # (method, path, json body, headers, status, code)
    ("GET", "/no/such/page", None, {}, 404, "not_found"),
    ("GET", "/api/v1/no-such-endpoint", None, {}, 404, "not_found"),
    ("GET", "/api/docs", None, {}, 404, "not_found"),  # no Swagger UI: it needs a CDN
    ("GET", "/api/v1/articles/ffffffffffffffff", None, {}, 404, "not_found"),
    ("GET", "/api/v1/articles/bad%20id!", None, {}, 422, "invalid_parameter"),
    ("DELETE", "/api/v1/events", None, {}, 405, "method_not_allowed"),
    ("GET", "/api/v1/events?quad_class=7", None, {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/events?quad_class=abc", None, {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/events?limit=100000", None, {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/events?limit=0", None, {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/events?offset=-1", None, {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/events?since=yesterday", None, {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/events?sort=id;drop", None, {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/events?actor=" + "x" * 500, None, {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/timeline?by=week", None, {}, 422, "invalid_parameter"),
    ("GET", "/api/v1/events/export?format=xml", None, {}, 422, "invalid_parameter"),
    ("POST", "/api/v1/extract", {"text": "Police arrested two men."}, {}, 403, "disabled"),
    ("POST", "/api/v1/articles", {"text": "Police arrested two men."}, {}, 403, "disabled"),
]


@pytest.mark.parametrize(("method", "path", "body", "headers", "status", "code"), ERRORS)
def test_server_errors_share_one_shape(client: TestClient, method: str, path: str,
                                       body: Any, headers: dict[str, str], status: int,
                                       code: str) -> None:
    response = client.request(method, path, json=body, headers=headers)
    assert response.status_code == status
    assert_error_shape(response.json(), status)
    assert response.json()["error"]["code"] == code


TOKEN_ERRORS = [
    ({"text": "Police arrested two men."}, {}, 401, "unauthorized"),
    ({"text": "Police arrested two men."}, {"Authorization": "Bearer wrong"}, 401, "unauthorized"),
    ({"text": "Police arrested two men."}, {"Authorization": TOKEN}, 401, "unauthorized"),
    ({"text": ""}, auth(), 422, "invalid_parameter"),
    ({"txt": "no text field"}, auth(), 422, "invalid_parameter"),
    ({"text": "ok", "published": "7 Jan"}, auth(), 422, "invalid_parameter"),
    ({"text": "x" * 300_000}, auth(), 422, "invalid_parameter"),  # over MAX_TEXT
    ({"text": "x" * 600_000}, auth(), 413, "payload_too_large"),  # over the body cap
]


@pytest.mark.parametrize(("body", "headers", "status", "code"), TOKEN_ERRORS)
def test_server_extract_errors_share_one_shape(writable: TestClient, body: Any,
                                               headers: dict[str, str], status: int,
                                               code: str) -> None:
    response = writable.post("/api/v1/extract", json=body, headers=headers)
    assert response.status_code == status
    assert_error_shape(response.json(), status)
    assert response.json()["error"]["code"] == code


def test_server_malformed_json_body_is_422(writable: TestClient) -> None:
    response = writable.post("/api/v1/extract", content=b"{not json",
                             headers={**auth(), "Content-Type": "application/json"})
    assert response.status_code == 422
    assert_error_shape(response.json(), 422)


def test_server_chunked_body_over_cap_is_413(writable: TestClient) -> None:
    def chunks() -> Any:  # no Content-Length: the cap must hold while streaming
        for _ in range(100):
            yield b"x" * 10_000

    response = writable.post("/api/v1/extract", content=chunks(),
                             headers={**auth(), "Content-Type": "application/json"})
    assert response.status_code == 413
    assert_error_shape(response.json(), 413)


def test_server_unexpected_error_is_500_without_traceback(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.server import create_app, queries

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(queries, "stats", broken)
    with make_client(create_app(store)) as c:
        response = c.get("/api/v1/stats")
    assert response.status_code == 500
    assert_error_shape(response.json(), 500)
    assert "secret internal detail" not in response.text


def test_server_extract_returns_layers_without_storing(writable: TestClient) -> None:
    before = writable.get("/api/v1/stats").json()["counts"]["articles"]
    text = "Police arrested 30 students in Iguala, Mexico on Friday, officials said."
    response = writable.post("/api/v1/extract", headers=auth(),
                             json={"text": text, "published": "2014-09-28"})
    assert response.status_code == 200
    body = response.json()
    assert body["article"]["text"] == text
    for layer in ("actor_mentions", "places", "times", "quantities"):
        for item in body[layer]:
            assert text[item["start"]:item["end"]] == item["text"]
    assert writable.get("/api/v1/stats").json()["counts"]["articles"] == before


def test_server_ingest_stores_once(writable: TestClient) -> None:
    body = {"text": "Soldiers seized a warehouse in Goma on Sunday, the army said.",
            "published": "2024-03-03", "title": "Warehouse seized in Goma"}
    first = writable.post("/api/v1/articles", headers=auth(), json=body)
    again = writable.post("/api/v1/articles", headers=auth(), json=body)
    assert (first.status_code, first.json()["status"]) == (201, "stored")
    assert again.json()["status"] == "duplicate"
    found = writable.get("/api/v1/articles", params={"search": "Goma"}).json()
    assert [a["title"] for a in found["items"]] == ["Warehouse seized in Goma"]


# -- SQL injection through every filter ---------------------------------------------------------

PAYLOADS = ["' OR 1=1 --", "%", "_", "\"; DROP TABLE events; --", "') OR ('a'='a",
            "Robert'); DROP TABLE articles;--", "\\", "%' UNION SELECT id FROM articles --"]
FREE_TEXT = {  # endpoint → its free-text filters (any value allowed, matched as typed)
    "/api/v1/events": ("actor", "recipient", "place"),
    "/api/v1/articles": ("search",),
    "/api/v1/quotes": ("speaker", "search"),
    "/api/v1/actors": ("search",),
    "/api/v1/places": ("search",),
    "/api/v1/map": ("actor", "recipient", "place"),
    "/api/v1/network": ("actor", "recipient", "place"),
    "/api/v1/timeline": ("actor", "recipient", "place"),
}
PATTERNED = ("country", "type", "since", "until", "article_id", "quad_class", "sort")


def _rows(body: dict[str, Any]) -> list[Any]:
    for key in ("items", "points", "series", "edges"):
        if key in body:
            return list(body[key])
    raise AssertionError(body)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(("path", "param"),
                         [(path, p) for path, params in FREE_TEXT.items() for p in params])
def test_server_injection_in_free_text_matches_nothing(client: TestClient, store: Store,
                                                       path: str, param: str,
                                                       payload: str) -> None:
    before = store.counts()
    response = client.get(path, params={param: payload})
    assert response.status_code == 200
    rows = _rows(response.json())
    if payload == "_" and param == "search" and path == "/api/v1/articles":
        assert len(rows) == 1  # the one article whose text holds a literal underscore
    elif payload != "_":
        assert rows == []  # no actor, place, quote or article contains these characters
    assert store.counts() == before


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("param", PATTERNED)
def test_server_injection_in_coded_filters_is_rejected(client: TestClient, store: Store,
                                                       param: str, payload: str) -> None:
    before = store.counts()
    response = client.get("/api/v1/events", params={param: payload})
    assert response.status_code == 422
    assert_error_shape(response.json(), 422)
    assert store.counts() == before


def test_server_injection_leaves_every_table_readable(client: TestClient, store: Store) -> None:
    for payload in PAYLOADS:
        client.get("/api/v1/events", params={"actor": payload, "place": payload})
    assert store.counts()["events"] == client.get("/api/v1/stats").json()["counts"]["events"]
    assert client.get("/api/v1/events").json()["total"] > 0


# -- reads during a write --------------------------------------------------------------------------

def test_server_answers_while_ingest_writes(server_db: Path, tmp_path: Path) -> None:
    """A real ``newsevents ingest`` process writes to the database while the API reads it."""
    import shutil

    from newsevents.server import create_app

    db = tmp_path / "live.db"
    shutil.copy(server_db, db)
    source = tmp_path / "more.jsonl"
    lines = (DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    with source.open("w", encoding="utf-8") as out:  # new urls → new ids → real writes
        for n in range(4):
            for line in lines:
                out.write(line.replace("https://news.example/", f"https://news.example/{n}/") + "\n")
    before = Store.open(str(db), create=False).counts()["articles"]
    log = tmp_path / "ingest.log"
    with log.open("wb") as err:
        writer = subprocess.Popen(
            [sys.executable, "-m", "newsevents.cli", "ingest", str(source), "--db", str(db), "-q"],
            stdout=subprocess.DEVNULL, stderr=err, env=os.environ.copy())
    statuses: list[int] = []
    deadline = time.monotonic() + 300
    with make_client(create_app(str(db))) as c:
        while writer.poll() is None and time.monotonic() < deadline:
            for path in ("/api/v1/events?limit=20", "/api/v1/articles", "/api/v1/map"):
                statuses.append(c.get(path).status_code)
        writer.wait(timeout=60)
        after = c.get("/api/v1/stats").json()["counts"]["articles"]
    assert writer.returncode == 0, log.read_text(encoding="utf-8", errors="replace")
    assert statuses and set(statuses) == {200}
    assert after == before + 4 * len(lines)
