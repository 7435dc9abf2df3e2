"""Small lexicons of the actors stage: countries, seats of government, titles, verbs.

Each is a data file under ``data/actors/`` (see its header comment), read once per process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from newsevents.actordict import ACTOR_DATA, Pattern, PhraseIndex, iso_country


@dataclass(frozen=True)
class CountryName:
    """A country name/alias: ``code`` None for regions ("Central American")."""

    code: str | None
    kind: str  # name | alias | region


@dataclass(frozen=True)
class Seat:
    code: str
    kind: str  # seat | capital


@dataclass(frozen=True)
class Title:
    sector: str | None
    role: str
    #: the agent code when the title comes from an agents dictionary (``~GOVFRM``)
    code: str | None = None


def _rows(name: str) -> list[list[str]]:
    rows = []
    with (ACTOR_DATA / name).open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows


@functools.lru_cache(maxsize=1)
def countries() -> PhraseIndex[CountryName]:
    """Country names, aliases and region words; the hand-written file wins."""
    index: PhraseIndex[CountryName] = PhraseIndex()
    for code, kind, pattern in _rows("countries.tsv"):
        index.add(Pattern.parse(pattern), CountryName(iso_country(code), kind))
    for code, kind, pattern in _rows("countries_extra.tsv"):
        value = CountryName(None if code == "-" else iso_country(code), kind)
        index.add(Pattern.parse(pattern), value, replace=True)
    return index


@functools.lru_cache(maxsize=1)
def seats() -> PhraseIndex[Seat]:
    index: PhraseIndex[Seat] = PhraseIndex()
    for pattern, code, kind in _rows("seats.tsv"):
        index.add(Pattern.parse(pattern), Seat(code, kind))
    return index


@functools.lru_cache(maxsize=1)
def titles() -> PhraseIndex[Title]:
    index: PhraseIndex[Title] = PhraseIndex()
    for pattern, sector, role in _rows("titles.tsv"):
        index.add(Pattern.parse(pattern), Title(None if sector == "-" else sector, role))
    return index


@functools.lru_cache(maxsize=1)
def metonymy_verbs() -> frozenset[str]:
    return frozenset(row[0].strip() for row in _rows("metonymy_verbs.txt"))


@functools.lru_cache(maxsize=1)
def vehicle_agents() -> frozenset[str]:
    """Weapon and vehicle nouns that are actors only as subjects (``vehicle_agents.txt``)."""
    return frozenset(row[0].strip() for row in _rows("vehicle_agents.txt"))


@functools.lru_cache(maxsize=1)
def place_agents() -> frozenset[str]:
    """Buildings and bodies that are actors only when they act (``place_agents.txt``)."""
    return frozenset(row[0].strip() for row in _rows("place_agents.txt"))


@functools.lru_cache(maxsize=1)
def _word_classes() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for name, word in _rows("word_classes.tsv"):
        classes.setdefault(name.strip(), set()).add(word.strip())
    return {name: frozenset(words) for name, words in classes.items()}


def word_class(name: str) -> frozenset[str]:
    """One class of ``word_classes.tsv`` (storm words, sole offices, state bodies...)."""
    return _word_classes()[name]


@functools.lru_cache(maxsize=1)
def group_nouns() -> dict[str, str]:
    """Civilian nouns → the noun of the one group they name (``group_nouns.tsv``)."""
    return {row[0].strip(): row[1].strip() for row in _rows("group_nouns.tsv")}


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, tuple[str, str]]:
    """ISO code → (canonical English name, adjective) from ``country_names.tsv``; the
    adjective is the name itself when the table gives none ("Aruba government")."""
    table: dict[str, tuple[str, str]] = {}
    for row in _rows("country_names.tsv"):
        code, name = row[0], row[1]
        adjective = row[2] if len(row) > 2 and row[2] else name
        table[code] = (name, adjective)
    return table


@functools.lru_cache(maxsize=1)
def sector_nouns() -> dict[str, str]:
    return {row[0]: row[1] for row in _rows("sector_names.tsv")}


#: sectors of one institution per country, named by the sector noun whatever the mention
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
_IRREGULAR_PLURALS = {"child": "children", "man": "men", "woman": "women", "person": "people",
                      "medium": "media", "media": "media", "television": "television",
                      "people": "people", "police": "police", "staff": "staff"}


def plural(noun: str) -> str:
    """English plural of a lower-case noun lemma ("protester" → "protesters")."""
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def country_name(code: str) -> str | None:
    """The canonical name of a country code ("MEX" → "Mexico"), None when unknown."""
    found = country_names().get(code)
    return found[0] if found else None


def group_name(country: str, sector: str, noun: str = "") -> str | None:
    """The canonical name of a country's group of a sector: "Mexican government",
    "Kenyan police"; non-state groups by their own noun ("Ecuadorean protesters"). None when
    the country or sector is not in the tables."""
    found = country_names().get(country)
    words = sector_nouns().get(sector)
    if found is None or words is None:
        return None
    if sector not in STATE_SECTORS and noun.isalpha() and noun != found[1].lower():
        # other groups by their own noun ("Ecuadorean protesters", "Nigerian traders");
        # "Libyans" (noun "libyan") are Libyan civilians
        words = plural(noun)
    return f"{found[1]} {words}"
