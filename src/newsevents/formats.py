"""Writing rows as an aligned table, JSON, JSON Lines, CSV or TSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import IO, Any

FORMATS = ("table", "json", "jsonl", "csv", "tsv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def write_rows(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    fmt: str,
    out: IO[str],
    *,
    max_width: int = 48,
) -> int:
    """Write ``rows`` (only ``columns`` for table/CSV; whole rows for JSON); return the count."""
    count = 0
    if fmt == "json":
        items = list(rows)
        json.dump(items, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
        return len(items)
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += 1
        return count
    if fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
            count += 1
        return count
    table = [[_cell(row.get(c)).replace("\n", " ") for c in columns] for row in rows]
    widths = [len(c) for c in columns]
    for cells in table:
        for i, value in enumerate(cells):
            widths[i] = min(max(widths[i], len(value)), max_width)

    def line(values: Sequence[str]) -> str:
        cells = [
            (v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(values, widths, strict=True)
        ]
        return "  ".join(cells).rstrip()

    out.write(line(list(columns)) + "\n")
    out.write(line(["-" * w for w in widths]) + "\n")
    for cells in table:
        out.write(line(cells) + "\n")
    return len(table)
