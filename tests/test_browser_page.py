"""The web page of ``newsevents serve`` in real headless Chromium (Debian ``chromium``,
driven by Playwright for Python; ``playwright install`` is never run).

The real server runs in a thread on a free loopback port over the database built by
test_server_api. What the page shows is checked against what the API returns, so the
tests hold while the extractors improve. Screenshots go to artifacts/screenshots/.
Under CI (CI=true) a missing Chromium or Playwright fails these tests; elsewhere they are
reported as expected failures naming what is missing.
"""

from __future__ import annotations

import csv
import io
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import unavailable
from test_server_api import TOKEN, server_db

#: the session fixture of test_server_api, shared so the database is built once
SHARED_FIXTURES = (server_db,)

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"


def _missing(reason: str) -> None:
    unavailable(f"{reason} (apt-get install -y chromium; pip install playwright)")


@pytest.fixture(scope="module")
def base_url(server_db: Path) -> Iterator[str]:
    """The real app served by uvicorn in a thread (with a token, so Extract works)."""
    import uvicorn

    from newsevents.server import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(str(server_db), token=TOKEN), host="127.0.0.1",
                            port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield url
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        _missing(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright (Python package) is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True,
                                  base_url=base_url)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    yield opened
    context.close()
    assert errors == [], errors


def api(base_url: str, path: str, **params: Any) -> Any:
    return httpx.get(base_url + path, params=params, timeout=30).json()


def article_id(base_url: str, search: str) -> str:
    return str(api(base_url, "/api/v1/articles", search=search)["items"][0]["id"])


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=False)


# -- articles ----------------------------------------------------------------------------------

def _main_article(base_url: str) -> str:
    """The seed article when the shared folder is there, else the Nairobi report."""
    found = api(base_url, "/api/v1/articles", search="Peña Nieto")["items"]
    return str(found[0]["id"]) if found else article_id(base_url, "Nairobi")



def wait_until(check: Callable[[], bool], timeout: float = 15.0) -> None:
    """Poll ``check`` from Python until it holds. Not ``page.wait_for_function``: when its
    predicate is not already true it compiles it in the page, which the page's Content
    Security Policy (no 'unsafe-eval') forbids, so it failed only when the page was slow."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("the page did not reach the expected state in time")
        time.sleep(0.05)

def test_browser_article_list_opens_article(page: Any, base_url: str) -> None:
    page.goto("/#articles")
    page.fill("#article-search input[name=search]", "Nairobi")
    page.click("#article-search button")
    wait_until(lambda: page.locator("#article-list a").count() == 1)
    page.click("#article-list a")
    page.wait_for_selector("#article-text .seg")
    assert "Nairobi" in page.text_content("#article-title")


LAYER_CHECKS = [
    # (layer in the API, class on the page, what the tooltip must show)
    ("actor_mentions", "hl-actor", lambda item, data: _actor(item, data)),
    ("places", "hl-place", lambda item, data: f"coordinates: {item['lat']:.4f}, {item['lon']:.4f}"
     if item["lat"] is not None else f"place: {item['name']}"),
    ("times", "hl-time", lambda item, data: f"date: {item['value']}" if item["value"] else "type:"),
    ("quantities", "hl-quantity", lambda item, data: f"unit: {item['unit']}"),
    ("events", "hl-event", lambda item, data: f"event: {item['event']}"),
]


def _actor(item: dict[str, Any], data: dict[str, Any]) -> str:
    actor = next(a for a in data["actors"] if a["id"] == item["actor_id"])
    return f"country: {actor['country']}" if actor["country"] else f"actor: {actor['name']}"


def _start(item: dict[str, Any]) -> int:
    return int(item["trigger"]["start"] if "trigger" in item else item["start"])


@pytest.mark.parametrize(("layer", "css", "expect"), LAYER_CHECKS)
def test_browser_article_spans_show_normalised_values(page: Any, base_url: str, layer: str,
                                                      css: str, expect: Any) -> None:
    identifier = _main_article(base_url)
    data = api(base_url, f"/api/v1/articles/{identifier}")
    # the seed-like article has every layer: an empty one is an extraction regression
    assert data[layer], f"the extractors found no {layer} in this article"
    page.goto(f"/#article/{identifier}")
    page.wait_for_selector("#article-text .seg")
    checked = 0
    for item in data[layer][:8]:
        segment = page.locator(f"#article-text .seg.{css}[data-start='{_start(item)}']").first
        assert segment.count() == 1, item
        assert expect(item, data) in (segment.get_attribute("title") or "")
        checked += 1
    segment.hover()
    assert expect(item, data).split(":")[0] in page.text_content("#span-detail")
    assert checked
    if layer == "actor_mentions":
        shot(page, "article.png")


def test_browser_script_in_article_is_shown_as_text(page: Any, base_url: str) -> None:
    identifier = article_id(base_url, "Lagos")
    page.goto(f"/#article/{identifier}")
    page.wait_for_selector("#article-text")
    wait_until(lambda: bool(page.text_content("#article-text")))
    text = page.text_content("#article-text")
    assert "<script>window.__pwned = true;</script>" in text
    assert '<img src=x onerror="window.__pwned = true">' in text
    assert "<script>" in page.text_content("#article-title")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#article-text script, #article-text img, #article-text b").count() == 0
    assert page.locator("#article-title script").count() == 0


# -- events, map, timeline, network ----------------------------------------------------------------

@pytest.mark.parametrize(("field", "value"), [("quad_class", "4"), ("quad_class", "1"),
                                              ("type", "PROTEST")])
def test_browser_events_table_filters(page: Any, base_url: str, field: str, value: str) -> None:
    expected = api(base_url, "/api/v1/events", **{field: value})
    page.goto("/#events")
    page.wait_for_selector("#events-total:has-text('events')")
    page.select_option(f"#filters select[name={field}]", value)
    page.click("#filters button[type=submit]")
    page.wait_for_selector(f"#events-total:text-is('({expected['total']} events)')")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == min(50, expected["total"])
    shown = [rows.nth(k).get_attribute("data-id") for k in range(rows.count())]
    assert shown == [e["id"] for e in expected["items"]]


@pytest.mark.parametrize("sort", ["+date", "goldstein"])
def test_browser_events_table_sorts(page: Any, base_url: str, sort: str) -> None:
    expected = api(base_url, "/api/v1/events", sort=sort)
    page.goto("/#events")
    page.wait_for_selector("#events-table tbody tr")
    page.select_option("#events-sort", sort)
    ids = [e["id"] for e in expected["items"]]
    rows = page.locator("#events-table tbody tr")
    wait_until(lambda: rows.evaluate_all("rows => rows.map(r => r.dataset.id)") == ids)


def test_browser_event_row_links_to_evidence_sentence(page: Any, base_url: str) -> None:
    first = api(base_url, "/api/v1/events", limit=1)["items"][0]
    page.goto("/#events")
    page.wait_for_selector("#events-table tbody tr")
    page.locator("#events-table tbody tr").first.locator("a.evidence-link").click()
    page.wait_for_selector("#article-text .evidence")
    shown = "".join(page.locator("#article-text .evidence").all_text_contents())
    assert shown == first["event_text"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_browser_download_filtered_events(page: Any, base_url: str, fmt: str,
                                          tmp_path: Path) -> None:
    expected = api(base_url, "/api/v1/events", quad_class=4)["total"]
    page.goto("/#events")
    page.select_option("#filters select[name=quad_class]", "4")
    page.click("#filters button[type=submit]")
    page.wait_for_selector(f"#events-total:text-is('({expected} events)')")
    with page.expect_download() as download_info:
        page.click(f"#download-{fmt}")
    saved = tmp_path / f"events.{fmt}"
    download_info.value.save_as(saved)
    content = saved.read_text(encoding="utf-8")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(content)))
        assert len(rows) == expected and {r["quad_class"] for r in rows} <= {"4"}
    else:
        import json

        assert len(json.loads(content)) == expected


def test_browser_map_draws_points_and_evidence(page: Any, base_url: str) -> None:
    points = api(base_url, "/api/v1/map")["points"]
    page.goto("/#map")
    page.wait_for_selector("#map path.country")
    wait_until(lambda: page.locator("#map circle.point").count() == len(points))
    assert page.locator("#map path.country").count() > 150
    biggest = page.locator("#map circle.point").first
    biggest.click()
    page.wait_for_selector("#map-detail li a")
    assert points[0]["events"][0]["event_text"].strip()[:40] in page.text_content("#map-detail")
    shot(page, "map.png")


def test_browser_timeline_and_network_render(page: Any, base_url: str) -> None:
    page.goto("/#timeline")
    page.wait_for_selector("#timeline rect.bar")
    assert page.locator("#timeline rect.bar").count() > 0
    page.goto("/#network")
    page.wait_for_selector("#network path.edge")
    edges = api(base_url, "/api/v1/network", limit=40)["edges"]
    assert page.locator("#network path.edge").count() == len(edges)
    shot(page, "network.png")


def test_browser_extract_shows_result(page: Any, base_url: str) -> None:
    text = "Police arrested 25 students in Iguala, Mexico on Friday, officials said."
    page.goto("/#extract")
    page.fill("#extract-form textarea", text)
    page.fill("#extract-form input[name=published]", "2014-09-28")
    page.fill("#extract-form input[name=token]", TOKEN)
    page.click("#extract-form button[type=submit]")
    page.wait_for_selector("#view-article.active #article-text .seg", timeout=120_000)
    assert page.text_content("#article-text") == text


def test_browser_page_needs_no_network(browser: Any, base_url: str) -> None:
    """Every request the page makes goes to the server itself (no CDN, no tiles)."""
    context = browser.new_context(base_url=base_url)
    seen: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: seen.append(request.url))
    for view in ("articles", "events", "map", "timeline", "network"):
        page.goto(f"/#{view}")
        page.wait_for_load_state("networkidle")
    context.close()
    assert seen and all(u.startswith(base_url) or u.startswith("data:") for u in seen)


def test_browser_chromium_is_debian_build() -> None:
    if shutil.which("chromium") is None:
        _missing("chromium is not on PATH")
    assert Path(CHROMIUM).exists()
