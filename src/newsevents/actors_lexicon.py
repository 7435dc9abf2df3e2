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
