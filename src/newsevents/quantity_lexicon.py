"""The data files of the quantities stage, loaded once per process.

Everything a researcher may want to extend (person nouns, currency names and symbols,
qualifiers, multiplier words, event count cues) lives in ``data/quantities/``; this module
only reads it into typed, immutable tables.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from newsevents.paths import DATA_DIR

QUANTITY_DIR = DATA_DIR / "quantities"


@dataclass(frozen=True)
class Currency:
    """One way of writing a currency, with its default code and context alternatives."""

    surface: str
    code: str
    position: str  # prefix | suffix
    alternatives: tuple[tuple[str, str], ...] = ()  # (country alpha-3, code)
    default_country: str | None = None
    factor: float = 1.0  # 0.01 for "pence", "cents"


@dataclass(frozen=True)
class Lexicon:
    person_nouns: frozenset[str]
    scales: dict[str, float]
    abbreviations: dict[str, float]
    vague: dict[str, float]
    fractions: dict[str, float]
    time_units: dict[str, str]
    identifier_words: frozenset[str]
    anaphoric_determiners: frozenset[str]
    non_count_nouns: frozenset[str]
    anaphoric_nouns: frozenset[str]
    stop_words: frozenset[str]
    period_words: frozenset[str]
    label_numbers: frozenset[str]
    qualifiers_before: dict[str, str]
    qualifiers_after: dict[str, str]
    currencies: tuple[Currency, ...]


def _tsv_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV file whose leading ``#`` lines are comments and next line the header."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#") and line.strip()]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _currencies() -> tuple[Currency, ...]:
    found: list[Currency] = []
    for row in _tsv_rows(QUANTITY_DIR / "currencies.tsv"):
        pairs = tuple(
            tuple(item.split("=", 1))
            for item in (row.get("alternatives") or "").split(",")
            if "=" in item
        )
        found.append(
            Currency(
                surface=row["surface"],
                code=row["code"],
                position=row["position"],
                alternatives=pairs,  # type: ignore[arg-type]
                default_country=row.get("default_country") or None,
                factor=float(row.get("factor") or 1.0),
            )
        )
    known = {c.surface.lower() for c in found}
    for row in _tsv_rows(QUANTITY_DIR / "currency_names.tsv"):
        if row["name"] not in known:
            found.append(Currency(surface=row["name"], code=row["code"], position="suffix"))
    return tuple(found)


def _lower_set(values: list[Any]) -> frozenset[str]:
    return frozenset(str(value).lower() for value in values)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read every data file of the stage (cached: once per process)."""
    raw = yaml.safe_load((QUANTITY_DIR / "lexicon.yaml").read_text(encoding="utf-8"))
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for row in _tsv_rows(QUANTITY_DIR / "qualifiers.tsv"):
        table = after if row["position"] == "after" else before
        table[row["phrase"].lower()] = row["normalised"]
    return Lexicon(
        person_nouns=_lower_set(raw["person_nouns"]),
        scales={str(k): float(v) for k, v in raw["scales"].items()},
        abbreviations={str(k): float(v) for k, v in raw["abbreviations"].items()},
        vague={str(k): float(v) for k, v in raw["vague"].items()},
        fractions={str(k): float(v) for k, v in raw["fractions"].items()},
        time_units={str(k): str(v) for k, v in raw["time_units"].items()},
        identifier_words=_lower_set(raw["identifier_words"]),
        anaphoric_determiners=_lower_set(raw["anaphoric_determiners"]),
        non_count_nouns=_lower_set(raw["non_count_nouns"]),
        anaphoric_nouns=_lower_set(raw.get("anaphoric_nouns", [])),
        stop_words=_lower_set(raw.get("stop_words", [])),
        period_words=_lower_set(raw.get("period_words", [])),
        label_numbers=_lower_set(raw.get("label_numbers", [])),
        qualifiers_before=before,
        qualifiers_after=after,
        currencies=_currencies(),
    )
