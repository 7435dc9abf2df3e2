"""The Parquet dataset written by `newsevents batch` and read by `newsevents load`.

Layout (Hive partitioning, so DuckDB, Spark, pyarrow and pandas read it directly)::

    DATASET/articles/date=2014-09-27/part-00012-0.parquet
    DATASET/events/date=.../...      one row per event (flat columns for analysts)
    DATASET/quotes/  DATASET/quantities/  DATASET/places/  DATASET/failures/
    DATASET/_done/shard-00012.json   written last: the shard is complete

``date`` is the article's publication day (``unknown`` when it has none). Each article row
also keeps the whole extraction as JSON (``result_json``), from which :func:`result_from_dict`
rebuilds the :class:`~newsevents.records.Result` that `newsevents load` stores.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

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

TABLES = ("articles", "events", "quotes", "quantities", "places", "failures")

_S, _F, _I, _B = pa.string(), pa.float64(), pa.int64(), pa.bool_()
#: explicit column types, so a shard where a column happens to be all empty still matches
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", _S), ("title", _S), ("url", _S), ("source", _S), ("published", _S),
        ("origin", _S), ("n_words", _I), ("n_events", _I), ("text", _S), ("result_json", _S),
        ("date", _S)]),
    "events": pa.schema([
        ("id", _S), ("article_id", _S), ("event_date", _S), ("type", _S), ("mode", _S),
        ("actor", _S), ("actor_code", _S), ("actor_country", _S), ("recipient", _S),
        ("recipient_country", _S), ("place_name", _S), ("place_country", _S), ("lat", _F),
        ("lon", _F), ("trigger_start", _I), ("trigger_end", _I), ("trigger_text", _S),
        ("sentence_text", _S), ("negated", _B), ("modality", _S), ("cameo_root", _S),
        ("quad_class", _I), ("goldstein", _F), ("counts", _S), ("source", _S), ("url", _S),
        ("published", _S), ("date", _S)]),
    "quotes": pa.schema([
        ("article_id", _S), ("date", _S), ("start", _I), ("end", _I), ("text", _S),
        ("kind", _S), ("speaker_actor_id", _S), ("speaker", _S), ("cue", _S)]),
    "quantities": pa.schema([
        ("article_id", _S), ("date", _S), ("start", _I), ("end", _I), ("text", _S),
        ("value", _F), ("value_max", _F), ("unit", _S), ("kind", _S), ("of", _S),
        ("qualifier", _S)]),
    "places": pa.schema([
        ("article_id", _S), ("date", _S), ("start", _I), ("end", _I), ("text", _S),
        ("name", _S), ("lat", _F), ("lon", _F), ("precision", _S), ("country", _S),
        ("admin1", _S), ("geonameid", _I), ("kind", _S)]),
    "failures": pa.schema([
        ("id", _S), ("origin", _S), ("reason", _S), ("message", _S), ("date", _S)]),
}


def partition_date(published: str | None) -> str:
    return published[:10] if published and len(published) >= 10 else "unknown"


def article_row(result: Result) -> dict[str, Any]:
    a = result.article
    return {"id": a.id, "title": a.title, "url": a.url, "source": a.source,
            "published": a.published, "origin": a.origin, "n_words": len(a.text.split()),
            "n_events": len(result.events), "text": a.text,
            "result_json": json.dumps(result.to_dict(), ensure_ascii=False),
            "date": partition_date(a.published)}


def event_rows(result: Result) -> list[dict[str, Any]]:
    names = {x.id: x for x in result.actors}
    rows = []
    for e in result.events:
        first = names.get(e.actors[0].actor_id or "") if e.actors else None
        target = names.get(e.recipients[0].actor_id or "") if e.recipients else None
        place = e.place
        rows.append({
            "id": e.id, "article_id": result.article.id, "event_date": e.date, "type": e.type,
            "mode": e.mode, "actor": e.actors[0].text if e.actors else None,
            "actor_code": first.code if first else None,
            "actor_country": first.country if first else None,
            "recipient": e.recipients[0].text if e.recipients else None,
            "recipient_country": target.country if target else None,
            "place_name": place.name if place else None,
            "place_country": place.country if place else None,
            "lat": place.lat if place else None, "lon": place.lon if place else None,
            "trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
            "trigger_text": e.trigger.text, "sentence_text": e.sentence.text,
            "negated": e.negated, "modality": e.modality, "cameo_root": e.cameo_root,
            "quad_class": e.quad_class, "goldstein": e.goldstein,
            "counts": json.dumps(e.counts), "source": result.article.source,
            "url": result.article.url, "published": result.article.published,
            "date": partition_date(result.article.published),
        })
    return rows


def item_rows(result: Result, table: str) -> list[dict[str, Any]]:
    base = {"article_id": result.article.id, "date": partition_date(result.article.published)}
    if table == "quotes":
        return [{**base, "start": q.start, "end": q.end, "text": q.text, "kind": q.kind,
                 "speaker_actor_id": q.speaker_actor_id,
                 "speaker": q.speaker.text if q.speaker else None,
                 "cue": q.cue.text if q.cue else None} for q in result.quotes]
    if table == "quantities":
        return [{**base, "start": q.start, "end": q.end, "text": q.text, "value": q.value,
                 "value_max": q.value_max, "unit": q.unit, "kind": q.kind, "of": q.of,
                 "qualifier": q.qualifier} for q in result.quantities]
    return [{**base, "start": p.start, "end": p.end, "text": p.text, "name": p.name,
             "lat": p.lat, "lon": p.lon, "precision": p.precision, "country": p.country,
             "admin1": p.admin1, "geonameid": p.geonameid, "kind": p.kind} for p in result.places]


def write_table(root: Path, table: str, rows: list[dict[str, Any]], shard: int) -> None:
    """Write one shard's rows of one table into the date partitions (replacing its files)."""
    if not rows:
        return
    arrow = pa.Table.from_pylist(rows, schema=SCHEMAS[table])
    pq.write_to_dataset(arrow, root / table, partition_cols=["date"],
                        basename_template=f"part-{shard:05d}-{{i}}.parquet",
                        existing_data_behavior="overwrite_or_ignore")


def read_table(root: Path, table: str) -> pa.Table | None:
    if not (root / table).exists():
        return None
    return pq.read_table(root / table, partitioning="hive", schema=SCHEMAS[table])


def result_from_dict(data: dict[str, Any]) -> Result:
    """Rebuild a Result from ``Result.to_dict()`` (the ``result_json`` column)."""
    def span(d: dict[str, Any] | None) -> Span | None:
        return Span(**d) if d else None

    def place(d: dict[str, Any] | None) -> Place | None:
        return Place(**d) if d else None

    def event(d: dict[str, Any]) -> Event:
        return Event(**{
            **d, "trigger": Span(**d["trigger"]), "sentence": Span(**d["sentence"]),
            "actors": tuple(EventArgument(**a) for a in d["actors"]),
            "recipients": tuple(EventArgument(**a) for a in d["recipients"]),
            "place": place(d["place"]), "date_span": span(d["date_span"]),
            "context": tuple(d["context"]),
        })

    def quote(d: dict[str, Any]) -> Quote:
        return Quote(**{**d, "speaker": span(d["speaker"]), "cue": span(d["cue"]),
                        "event_ids": tuple(d["event_ids"])})

    return Result(
        article=Article(**data["article"]),
        actors=tuple(Actor(**{**a, "affiliations": tuple(a["affiliations"])}) for a in data["actors"]),
        actor_mentions=tuple(ActorMention(**m) for m in data["actor_mentions"]),
        places=tuple(Place(**p) for p in data["places"]),
        times=tuple(TimeExpression(**t) for t in data["times"]),
        events=tuple(event(e) for e in data["events"]),
        quotes=tuple(quote(q) for q in data["quotes"]),
        quantities=tuple(Quantity(**{**q, "of_span": span(q["of_span"])}) for q in data["quantities"]),
        warnings=tuple(data["warnings"]), schema_version=data["schema_version"],
    )
