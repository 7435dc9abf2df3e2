"""The JSON Schema of ``extract --format json`` output, derived from the record types.

``schema/extract.schema.json`` is committed (the contract other tools read) and a test
checks it equals what :func:`build_schema` derives from :mod:`newsevents.records`, so
the two cannot drift. Regenerate with ``python -m newsevents.schema_gen``.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from pathlib import Path
from typing import Any

from newsevents import records

SCHEMA_PATH = Path(__file__).parent / "schema" / "extract.schema.json"

_DESCRIPTIONS = {
    "start": "character offset into article.text where the span starts",
    "end": "character offset where the span ends (exclusive): article.text[start:end] == text",
    "text": "the surface string, exactly article.text[start:end]",
    "extractor": "name and version of the extractor that made this record",
}


def _type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(a, defs) for a in args]
        return {"anyOf": options}
    if hint is type(None):
        return {"type": "null"}
    if hint is str:
        return {"type": "string"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is float:
        return {"type": "number"}
    if origin in (tuple, list):
        item = args[0] if args else Any
        return {"type": "array", "items": _type_schema(item, defs)}
    if origin is dict:
        value = args[1] if len(args) > 1 else Any
        return {"type": "object", "additionalProperties": _type_schema(value, defs)}
    if dataclasses.is_dataclass(hint):
        name = getattr(hint, "__name__", str(hint))
        if name not in defs:
            defs[name] = {}
            defs[name] = _record_schema(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    return {}


def _record_schema(cls: Any, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties = {}
    required = []
    for field in dataclasses.fields(cls):
        schema = _type_schema(hints[field.name], defs)
        if field.name in _DESCRIPTIONS:
            schema = {**schema, "description": _DESCRIPTIONS[field.name]}
        properties[field.name] = schema
        required.append(field.name)
    return {
        "type": "object",
        "description": (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " "),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def build_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _record_schema(records.Result, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://newsevents.invalid/schema/extract-{records.SCHEMA_VERSION}.json",
        "title": f"newsevents extract output, schema version {records.SCHEMA_VERSION}",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def main() -> None:
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(json.dumps(build_schema(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")


if __name__ == "__main__":
    main()
