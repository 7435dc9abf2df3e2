"""The REST API under ``/api/v1/``: read-only queries, plus token-guarded extract and ingest.

Every parameter is bounded (lengths, page sizes, patterns) so a bad request is a 422 in
the one error shape of :mod:`newsevents.server.errors`, never a slow query or a 500.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from newsevents.export import columns_for, plover_record
from newsevents.server import lookups, queries
from newsevents.server.auth import require_token
from newsevents.server.layers import article_payload
from newsevents.store import Store

MAX_PAGE = 500
MAX_EXPORT = 100_000
EXPORT_PAGE = 1000
MAX_TEXT = 200_000
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ARTICLE_ID = r"^[A-Za-z0-9-]{4,64}$"

router = APIRouter(prefix="/api/v1")
_pipeline_lock = threading.Lock()  # one extraction at a time: spaCy is CPU-bound anyway

Text = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Country = Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,3}$")]


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(store_of)]


def event_filters(
    actor: Text = None, recipient: Text = None, country: Country = None,
    type: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{2,20}$",
                                      description="PLOVER event type")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    since: Annotated[str | None, Query(pattern=DATE, description="YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="YYYY[-MM[-DD]]")] = None,
    place: Text = None,
    article_id: Annotated[str | None, Query(pattern=ARTICLE_ID)] = None,
    include_negated: bool = False,
) -> queries.EventFilters:
    return queries.EventFilters(actor, recipient, country, type, quad_class, since, until,
                                place, article_id, include_negated)


Filters = Annotated[queries.EventFilters, Depends(event_filters)]


def page(items: list[Any], total: int | None, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/articles", summary="Articles, newest first, with search in title and text")
def list_articles(store: StoreDep, search: Text = None, limit: Limit = 50,
                  offset: Offset = 0) -> dict[str, Any]:
    rows, total = queries.find_articles(store.engine, search, limit, offset)
    return page(rows, total, limit, offset)


@router.get("/articles/{article_id}", summary="One article with all its layers")
def get_article(store: StoreDep,
                article_id: Annotated[str, Path(pattern=ARTICLE_ID)]) -> dict[str, Any]:
    """``article_id`` may be a unique prefix of the id, as on the command line."""
    full_id = store.find_article_id(article_id)
    return article_payload(store.load_result(full_id))


Sort = Annotated[Literal["date", "+date", "-date", "type", "goldstein", "-goldstein",
                         "quad_class"], Query()]


@router.get("/events", summary="Events (PLOVER records), filtered, sorted and paged")
def list_events(store: StoreDep, filters: Filters, limit: Limit = 50, offset: Offset = 0,
                sort: Sort = "date") -> dict[str, Any]:
    rows, total = queries.find_events(store.engine, filters, limit, offset, sort)
    return page([plover_record(r) for r in rows], total, limit, offset)


@router.get("/events/export", summary="Every filtered event as a CSV or JSON download")
def export_events(store: StoreDep, filters: Filters,
                  format: Annotated[Literal["csv", "json"], Query()] = "csv",
                  sort: Sort = "date") -> StreamingResponse:
    """Streamed page by page (at most MAX_EXPORT events), so memory stays flat."""
    records = _export_records(store, filters, sort)
    body = _json_chunks(records) if format == "json" else _csv_chunks(records)
    media = "application/json" if format == "json" else "text/csv; charset=utf-8"
    headers = {"Content-Disposition": f'attachment; filename="events.{format}"'}
    return StreamingResponse(body, media_type=media, headers=headers)


def _export_records(store: Store, filters: queries.EventFilters,
                    sort: str) -> Iterator[dict[str, Any]]:
    for offset in range(0, MAX_EXPORT, EXPORT_PAGE):
        rows, _total = queries.find_events(store.engine, filters, EXPORT_PAGE, offset, sort)
        yield from (plover_record(r) for r in rows)
        if len(rows) < EXPORT_PAGE:
            return


def _json_chunks(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for n, record in enumerate(records):
        yield ("," if n else "") + json.dumps(record, ensure_ascii=False, default=str)
    yield "]"


def _csv_chunks(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    columns = columns_for("plover")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record.get(c)) for c in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else value


@router.get("/quotes", summary="Quotes with their resolved speakers")
def list_quotes(store: StoreDep, speaker: Text = None, search: Text = None,
                article_id: Annotated[str | None, Query(pattern=ARTICLE_ID)] = None,
                limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows = lookups.find_quotes(store.engine, speaker, search, article_id, limit, offset)
    return page(rows, None, limit, offset)


@router.get("/actors", summary="Actors with the number of articles and events naming them")
def list_actors(store: StoreDep, search: Text = None, country: Country = None,
                sector: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,4}$")] = None,
                limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows = lookups.find_actors(store.engine, search, country, sector, limit, offset)
    return page(rows, None, limit, offset)


@router.get("/places", summary="Resolved places with mention counts")
def list_places(store: StoreDep, search: Text = None, country: Country = None,
                limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows = lookups.find_places(store.engine, search, country, limit, offset)
    return page(rows, None, limit, offset)


@router.get("/stats", summary="Row counts, events by type and quad class, date range")
def get_stats(store: StoreDep) -> dict[str, Any]:
    return {"counts": store.counts(), **queries.stats(store.engine)}


@router.get("/map", summary="Filtered events grouped by place, with example evidence")
def get_map(store: StoreDep, filters: Filters,
            limit: Annotated[int, Query(ge=1, le=MAX_EXPORT)] = 20_000) -> dict[str, Any]:
    return {"points": queries.map_points(store.engine, filters, limit)}


@router.get("/timeline", summary="Filtered events per day or month and type")
def get_timeline(store: StoreDep, filters: Filters,
                 by: Annotated[Literal["day", "month"], Query()] = "month") -> dict[str, Any]:
    return {"by": by, "series": queries.timeline(store.engine, filters, by)}


@router.get("/network", summary="Who acts on whom: actor → recipient edges by quad class")
def get_network(store: StoreDep, filters: Filters,
                limit: Annotated[int, Query(ge=1, le=1000)] = 150) -> dict[str, Any]:
    return queries.network(store.engine, filters, limit)


class ArticleIn(BaseModel):
    """An article to extract from (or ingest): its text and the metadata that anchors it."""

    text: str = Field(min_length=1, max_length=MAX_TEXT)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    title: str | None = Field(default=None, max_length=1000)
    source: str | None = Field(default=None, max_length=255)
    url: str | None = Field(default=None, max_length=2000)


@router.post("/extract", summary="Extract from pasted text; nothing is stored (needs the token)",
             dependencies=[Depends(require_token)])
def post_extract(body: ArticleIn) -> dict[str, Any]:
    from newsevents import extract

    with _pipeline_lock:
        result = extract(body.text, published=body.published, title=body.title,
                         source=body.source, url=body.url)
    return article_payload(result)


@router.post("/articles", status_code=201, dependencies=[Depends(require_token)],
             summary="Process and store one article (needs the token)")
def post_article(store: StoreDep, body: ArticleIn) -> dict[str, Any]:
    from newsevents.articles import make_article
    from newsevents.pipeline import process, stage_versions

    article = make_article(body.text, published=body.published, title=body.title,
                           source=body.source, url=body.url, origin="api")
    if store.has_article(article.id):
        return {"id": article.id, "status": "duplicate"}
    with _pipeline_lock:
        result = process(article)
    outcome = store.add_result(result, stage_versions())
    return {"id": outcome.id, "status": outcome.status, "events": len(result.events)}
