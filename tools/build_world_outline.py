"""Build the offline world outline the web page draws its map on.

Why: the map must work without a tile server or any network, so the package ships the
country outlines. The source is Natural Earth 1:110m (public domain) as packaged in the
npm package ``world-atlas`` (ISC). This tool decodes its TopoJSON (quantised, delta-encoded
arcs) into plain rings of [lon, lat] rounded to 0.1 degree, which is plenty for a page map
and keeps the file small.

Usage (from the repo root)::

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python tools/build_world_outline.py package/countries-110m.json \
        src/newsevents/server/data/world-110m.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

Point = list[float]
Ring = list[Point]

NOTICE = (
    "Country outlines: Made with Natural Earth (public domain), 1:110m Admin 0 countries, "
    "via the npm package world-atlas 2.0.2 (Copyright 2013-2019 Michael Bostock, ISC licence)."
)


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Absolute [lon, lat] points of every arc (undoing quantisation and delta encoding)."""
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    decoded: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([round(x * scale_x + shift_x, 1), round(y * scale_y + shift_y, 1)])
        decoded.append(points)
    return decoded


def ring_from(arc_indexes: list[int], arcs: list[Ring]) -> Ring:
    """Join arcs into one ring; a negative index ``~i`` means arc ``i`` reversed."""
    ring: Ring = []
    for index in arc_indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points[1:] if ring else points)
    return _drop_repeats(ring)


def _drop_repeats(ring: Ring) -> Ring:
    out: Ring = []
    for point in ring:
        if not out or out[-1] != point:
            out.append(point)
    return out


def country_rings(geometry: dict[str, Any], arcs: list[Ring]) -> list[Ring]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    rings = [ring_from(ring, arcs) for polygon in polygons for ring in polygon]
    return [ring for ring in rings if len(ring) >= 3]


def build(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        countries.append({
            "id": geometry.get("id"),
            "name": (geometry.get("properties") or {}).get("name"),
            "rings": country_rings(geometry, arcs),
        })
    return {"notice": NOTICE, "countries": countries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="world-atlas countries-110m.json")
    parser.add_argument("target", type=Path, help="output JSON file")
    args = parser.parse_args()
    outline = build(json.loads(args.source.read_text(encoding="utf-8")))
    args.target.write_text(json.dumps(outline, separators=(",", ":")), encoding="utf-8")
    print(f"{len(outline['countries'])} countries → {args.target}")


if __name__ == "__main__":
    main()
