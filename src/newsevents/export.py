"""Event rows in exchange shapes: PLOVER JSON, a GDELT-compatible table, a POLECAT-like table.

The input is an event row as returned by :meth:`newsevents.store.Store.query_events`
(with ``actors``/``recipients`` lists). Where GDELT has a field we cannot fill honestly
(AvgTone, FIPS country codes) we leave it empty rather than invent it; country codes
are ISO 3166 alpha-3 throughout.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

SCHEMAS = ("plover", "gdelt", "polecat")

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone", "ActionGeo_Type", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_Lat", "ActionGeo_Long",
    "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
)

POLECAT_COLUMNS = (
    "event_id", "story_date", "event_date", "event_type", "event_mode", "event_context",
    "source_actor", "source_country", "source_sector", "target_actor", "target_country",
    "target_sector", "place_name", "latitude", "longitude", "geo_precision", "quad_class",
    "goldstein", "negated", "modality", "publisher", "url", "article_id", "event_text",
    "trigger_start", "trigger_end",
)

_GEO_TYPE = {"country": 1, "admin1": 5, "admin2": 5, "city": 4, "region": 1, "continent": 1}


def _actor_json(arg: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": arg.get("name"), "actor_id": arg.get("actor_id"), "country": arg.get("country"),
        "sector": arg.get("sector"), "code": arg.get("code"), "text": arg.get("text"),
        "start": arg.get("start"), "end": arg.get("end"),
    }


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One event in PLOVER's exchange shape, plus our provenance spans."""
    place = row.get("place") or None
    return {
        "id": row["id"],
        "date": row.get("date"),
        "date_inferred": bool(row.get("date_inferred")),
        "actor": [_actor_json(a) for a in row.get("actors", [])],
        "recipient": [_actor_json(a) for a in row.get("recipients", [])],
        "event": row["type"],
        "mode": row.get("mode"),
        "context": row.get("context") or [],
        "event_loc": place,
        "event_text": row.get("sentence_text"),
        "trigger": {"start": row.get("trigger_start"), "end": row.get("trigger_end"),
                    "text": row.get("trigger_text")},
        "sentence": {"start": row.get("sentence_start"), "end": row.get("sentence_end")},
        "negated": bool(row.get("negated")),
        "modality": row.get("modality"),
        "claimed_by": row.get("claimed_by"),
        "counts": row.get("counts") or {},
        "cameo_root": row.get("cameo_root"),
        "quad_class": row.get("quad_class"),
        "goldstein": row.get("goldstein"),
        "article_id": row.get("article_id"),
        "source": row.get("source"),
        "url": row.get("url"),
        "published": row.get("published"),
        "extractor": row.get("extractor"),
    }


def _first(args: list[dict[str, Any]]) -> dict[str, Any]:
    return args[0] if args else {}


def gdelt_row(row: dict[str, Any]) -> dict[str, Any]:
    """One event as a GDELT 2.0 event-table row (the columns analysts' scripts read)."""
    a1, a2 = _first(row.get("actors", [])), _first(row.get("recipients", []))
    place = row.get("place") or {}
    date = (row.get("date") or row.get("published") or "")[:10]
    root = row.get("cameo_root") or ""
    return {
        "GLOBALEVENTID": row["id"],
        "SQLDATE": date.replace("-", "") if len(date) == 10 else "",
        "Actor1Code": a1.get("code") or "", "Actor1Name": (a1.get("name") or "").upper(),
        "Actor1CountryCode": a1.get("country") or "", "Actor1Type1Code": a1.get("sector") or "",
        "Actor2Code": a2.get("code") or "", "Actor2Name": (a2.get("name") or "").upper(),
        "Actor2CountryCode": a2.get("country") or "", "Actor2Type1Code": a2.get("sector") or "",
        "IsRootEvent": 1, "EventCode": root, "EventBaseCode": root, "EventRootCode": root,
        "QuadClass": row.get("quad_class") or "", "GoldsteinScale": row.get("goldstein"),
        "NumMentions": row.get("num_mentions", 1), "NumSources": row.get("num_sources", 1),
        "NumArticles": row.get("num_articles", 1), "AvgTone": "",
        "ActionGeo_Type": _GEO_TYPE.get(place.get("precision") or "", "") if place else 0,
        "ActionGeo_FullName": place.get("name") or "",
        "ActionGeo_CountryCode": place.get("country") or "",
        "ActionGeo_ADM1Code": place.get("admin1") or "",
        "ActionGeo_Lat": place.get("lat"), "ActionGeo_Long": place.get("lon"),
        "ActionGeo_FeatureID": place.get("geonameid") or "",
        "DATEADDED": (row.get("published") or "").replace("-", "")[:8],
        "SOURCEURL": row.get("url") or row.get("source") or "",
    }


def polecat_row(row: dict[str, Any]) -> dict[str, Any]:
    a1, a2 = _first(row.get("actors", [])), _first(row.get("recipients", []))
    place = row.get("place") or {}
    return {
        "event_id": row["id"], "story_date": row.get("published"), "event_date": row.get("date"),
        "event_type": row["type"], "event_mode": row.get("mode"),
        "event_context": ";".join(row.get("context") or []),
        "source_actor": "; ".join(a.get("name") or "" for a in row.get("actors", [])),
        "source_country": a1.get("country"), "source_sector": a1.get("sector"),
        "target_actor": "; ".join(a.get("name") or "" for a in row.get("recipients", [])),
        "target_country": a2.get("country"), "target_sector": a2.get("sector"),
        "place_name": place.get("name"), "latitude": place.get("lat"),
        "longitude": place.get("lon"), "geo_precision": place.get("precision"),
        "quad_class": row.get("quad_class"), "goldstein": row.get("goldstein"),
        "negated": bool(row.get("negated")), "modality": row.get("modality"),
        "publisher": row.get("source"), "url": row.get("url"), "article_id": row.get("article_id"),
        "event_text": row.get("sentence_text"), "trigger_start": row.get("trigger_start"),
        "trigger_end": row.get("trigger_end"),
    }


CONVERTERS = {"plover": plover_record, "gdelt": gdelt_row, "polecat": polecat_row}
COLUMNS = {"gdelt": GDELT_COLUMNS, "polecat": POLECAT_COLUMNS}


def convert(rows: Iterable[dict[str, Any]], schema: str) -> Iterator[dict[str, Any]]:
    converter = CONVERTERS[schema]
    for row in rows:
        yield converter(row)


def columns_for(schema: str) -> tuple[str, ...]:
    if schema == "plover":
        return ("id", "date", "event", "mode", "actor", "recipient", "event_loc", "event_text",
                "trigger", "negated", "modality", "counts", "cameo_root", "quad_class",
                "goldstein", "article_id", "url")
    return COLUMNS[schema]


def write_parquet(records: Iterable[dict[str, Any]], schema: str, out: str | IO[bytes]) -> int:
    """Write records as a Parquet file; nested PLOVER fields become JSON strings."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = columns_for(schema)
    data: dict[str, list[Any]] = {c: [] for c in columns}
    count = 0
    for record in records:
        for c in columns:
            value = record.get(c)
            if isinstance(value, (dict, list)):
                value = json.dumps(value, ensure_ascii=False, default=str)
            data[c].append(value)
        count += 1
    table = pa.table({c: pa.array(_uniform(v)) for c, v in data.items()})
    pq.write_table(table, out)
    return count


def _uniform(values: list[Any]) -> list[Any]:
    """Parquet columns need one type: mixed values become strings."""
    kinds = {type(v) for v in values if v is not None and v != ""}
    if len(kinds) <= 1 and "" not in values:
        return values
    if kinds <= {int, float} and all(v != "" for v in values):
        return [None if v is None else float(v) for v in values]
    return [None if v is None or v == "" else str(v) for v in values]
