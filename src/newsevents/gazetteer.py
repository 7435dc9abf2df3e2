"""The offline gazetteer: every place name newsevents can resolve, loaded once per process.

Three data files under ``data/gazetteer/``: ``gazetteer.tsv.gz`` (built from package data by
``tools/build_gazetteer.py``: populated places, US counties, first-level divisions,
countries, continents), ``regions.tsv`` (hand-written world and national regions) and ``aliases.tsv``
(abbreviations and common short names pointing at entries of the other two). Lookup keys
are case- and accent-folded, except short all-capital or dotted aliases ("US", "Ky."),
which must match exactly so they never fire on ordinary words.
"""

from __future__ import annotations

import gzip
import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from newsevents.errors import NewseventsError
from newsevents.paths import DATA_DIR

GAZETTEER_DIR = DATA_DIR / "gazetteer"

#: rank of each precision, most specific first (used to prefer specific places)
PRECISION_RANK = {
    "city": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4, "continent": 5,
}


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry. ``country`` is ISO alpha-3 ("" for regions and continents)."""

    id: int  # row number, unique within this gazetteer
    name: str
    feature_class: str
    feature_code: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    precision: str
    geonameid: int | None


#: how many names a gazetteer remembers the answer of :meth:`Gazetteer.known` for
KNOWN_NAMES = 1 << 16


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without accents or dots' spacing: the lookup key of a name (cached: the
    same words are folded again and again)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("’", "'").casefold().split())


def exact_key(alias: str) -> bool:
    """Short capitals and dotted abbreviations match case-sensitively ("US" is not "us")."""
    return "." in alias or (alias.isupper() and len(alias) <= 5)


class Gazetteer:
    """Name → candidate entries, plus the entries themselves.

    Rows stay unsplit strings until looked up (building 240,000 objects up front would
    cost seconds); :meth:`entry` turns a row into an :class:`Entry` once and caches it.
    """

    def __init__(self, rows: list[str], keys: dict[str, Any], countries: dict[str, int]) -> None:
        self.rows = rows
        self._entries: dict[int, Entry] = {}
        self._folded: dict[str, Any] = {}
        self._exact: dict[str, Any] = {}
        for key, ids in keys.items():
            if key.startswith("="):
                self._exact[key[1:]] = ids
            else:
                self._folded[key] = ids
        self.countries = countries  # alpha-3 → row of the country entry
        self._divisions: dict[tuple[str, str], int] | None = None
        #: name → :meth:`known` (the same names are asked about again and again)
        self._known: dict[str, bool] = {}

    def add_row(self, row: str, names: list[str]) -> int:
        """Add one tab-separated row (gazetteer.tsv columns) under its names."""
        row_id = len(self.rows)
        self.rows.append(row)
        for name in names:
            self.add_name(name, row_id)
        return row_id

    def add_name(self, name: str, row_id: int) -> None:
        self._known.clear()
        if exact_key(name):
            index, key = self._exact, name
        else:
            index, key = self._folded, fold(name)
        ids = _ids(index.get(key))
        if row_id not in ids:
            index[key] = ids + [row_id]

    def entry(self, row_id: int) -> Entry:
        cached = self._entries.get(row_id)
        if cached is None:
            gid, name, fclass, fcode, country, admin1, lat, lon, pop, precision = self.rows[
                row_id
            ].split("\t")
            cached = Entry(
                id=row_id, name=name, feature_class=fclass, feature_code=fcode,
                country=country, admin1=admin1, lat=float(lat), lon=float(lon),
                population=int(pop or 0), precision=precision,
                geonameid=int(gid) if gid else None,
            )
            self._entries[row_id] = cached
        return cached

    def lookup(self, name: str, any_case: bool = False) -> list[Entry]:
        """Every entry the surface string ``name`` may refer to.

        A short all-capital surface ("US", "UK") only matches names written that way, so
        "US" never becomes the French village of Us; ``any_case`` lifts that rule where
        capitals are typography, not an abbreviation (a dateline: "ADEN, Dec 15 —").
        """
        ids = _ids(self._exact.get(name))
        if any_case or not (name.isupper() and len(name) <= 5):
            ids = ids + _ids(self._folded.get(fold(name)))
        for variant in expanded_keys(name, lookup=True):  # "Mt. Pleasant": "Mount Pleasant"
            ids = ids + _ids(self._folded.get(variant))
        return [self.entry(i) for i in dict.fromkeys(ids)]

    def known(self, name: str) -> bool:
        """Whether ``name`` is any entry's name (cheap; no entries are built)."""
        found = self._known.get(name)
        if found is None:
            found = name in self._exact or fold(name) in self._folded or any(
                variant in self._folded for variant in expanded_keys(name))
            if len(self._known) >= KNOWN_NAMES:
                self._known.clear()
            self._known[name] = found
        return found

    def country(self, alpha3: str) -> Entry | None:
        row_id = self.countries.get(alpha3)
        return None if row_id is None else self.entry(row_id)

    def division(self, alpha3: str, admin1: str) -> Entry | None:
        """The first-level division ``admin1`` of a country (its centroid), if listed.

        The index is built on first use from the unsplit rows (a tenth of a second)."""
        if self._divisions is None:
            self._divisions = {}
            for row_id, row in enumerate(self.rows):
                if row.endswith("\tadmin1"):
                    fields = row.split("\t")
                    self._divisions.setdefault((fields[4], fields[5]), row_id)
        found = self._divisions.get((alpha3, admin1))
        return None if found is None else self.entry(found)

    def find(self, name: str, country: str, precision: str) -> Entry | None:
        """The most populous entry with this exact name, country and precision."""
        matches = [
            e for e in self.lookup(name)
            if e.country == country and e.precision == precision and fold(e.name) == fold(name)
        ]
        return max(matches, key=lambda e: e.population, default=None)


def expanded_keys(name: str, lookup: bool = False) -> list[str]:
    """Folded keys of ``name`` with an abbreviated word written in full ("Mt. Pleasant" →
    "mount pleasant"); empty when the name has no abbreviation (the common case).
    ``lookup`` adds the abbreviations that only help choose among candidates of a name
    already found ("St. Petersburg" is also "Saint Petersburg")."""
    if "." not in name:
        return []
    words = fold(name).split()
    full = _abbreviations(lookup)
    if not any(word in full for word in words):
        return []
    return [" ".join(full.get(word, word) for word in words)]


@lru_cache(maxsize=2)
def _abbreviations(lookup: bool) -> dict[str, str]:
    rules = load_rules()
    table = dict(rules.get("name_abbreviations", {}))
    if lookup:
        table.update(rules.get("lookup_abbreviations", {}))
    return {str(k): str(v) for k, v in table.items()}


def _read_tsv(path: Path) -> list[list[str]]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows[1:]  # the first non-comment line is the column header


def _ids(value: Any) -> list[int]:
    """Index values are one entry number or a list of them (compact JSON)."""
    if value is None:
        return []
    return [value] if isinstance(value, int) else list(value)


def _load_regions(gaz: Gazetteer, path: Path) -> None:
    for name, country, lat, lon, alts in _read_tsv(path):
        row = "\t".join(["", name, "L", "RGN", country, "", lat, lon, "0", "region"])
        gaz.add_row(row, [name, *(alts.split("|") if alts else [])])


def _load_aliases(gaz: Gazetteer, path: Path) -> None:
    for alias, name, country, precision in _read_tsv(path):
        target = gaz.find(name, country, precision)
        if target is None:
            raise NewseventsError(
                f"{path}: alias {alias!r} points at {name!r} ({country} {precision}), "
                "which is not in the gazetteer; fix the row or rebuild the gazetteer"
            )
        gaz.add_name(alias, target.id)


@lru_cache(maxsize=1)
def load_gazetteer(folder: Path = GAZETTEER_DIR) -> Gazetteer:
    """Load the gazetteer once per process (about half a second)."""
    with gzip.open(folder / "gazetteer.tsv.gz", "rt", encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    body = [line for line in lines[:20] if line and not line.startswith("#")][1:]
    rows = body + [line for line in lines[20:] if line]
    with gzip.open(folder / "gazetteer-index.json.gz", "rt", encoding="utf-8") as handle:
        index = json.load(handle)
    gaz = Gazetteer(rows, index["keys"], index["countries"])
    _load_regions(gaz, folder / "regions.tsv")
    _load_aliases(gaz, folder / "aliases.tsv")
    return gaz


@lru_cache(maxsize=1)
def load_rules(path: Path = GAZETTEER_DIR / "context.yaml") -> dict[str, Any]:
    """The context word lists of ``context.yaml`` (see its header for their meaning)."""
    with open(path, encoding="utf-8") as handle:
        rules: dict[str, Any] = yaml.safe_load(handle)
    return rules
