"""CAMEO ↔ PLOVER: event types and modes for CAMEO codes, QuadClass and Goldstein values.

The tables live in ``data/events/`` (``cameo2plover.tsv`` generated from the PLOVER manual's
conversion table, ``cameo_roots.tsv``, and the ``cameo_extra`` section of ``curated.yml`` for
the codes the PLOVER table leaves out, such as 02 APPEAL). Callers that only know a PLOVER type
(a user lexicon entry without a code) get the type's most general CAMEO code from
:func:`code_for_type` so GDELT-style output always has a root, QuadClass and Goldstein value.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from newsevents.paths import DATA_DIR

try:  # the C loader is several times faster (curated.yml is read here and by eventlex)
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python PyYAML build
    from yaml import SafeLoader as _Loader

EVENTS_DIR = DATA_DIR / "events"

#: PLOVER v0.5 names used by older gold data → today's (type, mode)
LEGACY_TYPES: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True)
class Root:
    code: str
    name: str
    quad_class: int
    goldstein: float


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if line and not line.startswith("#")]
    return [line.split("\t") for line in body[1:]]


@lru_cache(maxsize=1)
def roots() -> dict[str, Root]:
    """The 20 CAMEO roots with QuadClass and Goldstein value."""
    return {
        row[0]: Root(row[0], row[1], int(row[2]), float(row[3]))
        for row in _rows(EVENTS_DIR / "cameo_roots.tsv")
    }


@lru_cache(maxsize=1)
def plover_table() -> dict[str, tuple[str | None, str | None]]:
    """CAMEO code → (PLOVER type or None for "not an event", mode or None)."""
    table: dict[str, tuple[str | None, str | None]] = {}
    for row in _rows(EVENTS_DIR / "cameo2plover.tsv"):
        table.setdefault(row[0], (row[1].strip() or None, row[2].strip() or None))
    curated = yaml.load((EVENTS_DIR / "curated.yml").read_text(encoding="utf-8"), Loader=_Loader)
    for code, value in (curated.get("cameo_extra") or {}).items():
        if value is None:
            table[str(code)] = (None, None)
        else:
            table[str(code)] = (value.get("type"), value.get("mode"))
    return table


@cache
def plover_for(code: str | None) -> tuple[str | None, str | None]:
    """PLOVER (type, mode) for a CAMEO code, trying ever shorter prefixes (0211 → 021 → 02)."""
    if not code:
        return None, None
    table = plover_table()
    for length in range(len(code), 1, -1):
        hit = table.get(code[:length])
        if hit is not None:
            return hit
    return None, None


def root_of(code: str | None) -> Root | None:
    """The CAMEO root (first two digits) of a code, when it is a real CAMEO root."""
    if not code or len(code) < 2:
        return None
    return roots().get(code[:2])


@lru_cache(maxsize=1)
def _type_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for code, (kind, _mode) in sorted(plover_table().items(), key=lambda kv: (len(kv[0]), kv[0])):
        if kind and len(code) >= 3:
            codes.setdefault(kind, code)
    return codes


def code_for_type(kind: str) -> str | None:
    """The most general CAMEO code that maps to a PLOVER type (ASSAULT → 180)."""
    return _type_codes().get(kind)


def modernise(kind: str, mode: str | None = None) -> tuple[str, str | None]:
    """Map a PLOVER v0.5 type name to today's (type, mode); today's names pass through."""
    upper = kind.strip().upper()
    if upper in LEGACY_TYPES:
        new_kind, new_mode = LEGACY_TYPES[upper]
        return new_kind, mode or new_mode
    return upper, mode
