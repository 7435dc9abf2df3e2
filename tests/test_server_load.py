"""A 3-second smoke run of tests/load_test.py: concurrent clients get no errors.

The full load test (50 clients, 30 s, the bench corpus) is run by hand; this one keeps
the script working and catches errors that only show under concurrency.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import load_test
from test_server_api import server_db

#: the session fixture of test_server_api, shared so the database is built once
SHARED_FIXTURES = (server_db,)


@pytest.fixture(scope="module")
def live_url(server_db: Path) -> Iterator[str]:
    import uvicorn

    from newsevents.server import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(server_db)), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.parametrize("clients", [1, 10])
def test_server_load_smoke_has_no_errors(live_url: str, clients: int) -> None:
    report = asyncio.run(load_test.run(live_url, clients, 3.0))
    assert report["errors"] == 0, report["error_kinds"]
    assert report["requests"] >= clients
    assert report["all"]["p95_ms"] >= report["all"]["p50_ms"] > 0


@pytest.mark.parametrize("url", ["http://10.0.0.1:8000", "http://example.org"])
def test_server_load_refuses_non_loopback(url: str) -> None:
    with pytest.raises(SystemExit):
        load_test.loopback_only(url)
