"""``newsevents eval``: score each stage against hand-annotated and public gold sets.

Each gold set has an evaluator module with
``evaluate(path: Path, limit: int | None = None) -> dict[section, dict[name, metrics]]``.
Sections are ``actors``, ``events``, ``quotes``, ``quantities``, ``places``, ``times`` and
``crossdoc``; under each, the seed report puts ``required`` and ``all``, and every public
gold set puts its own entry (``lgl``, ``plover_gsr``, ...). Reports from several gold sets
are merged into one dict, which is the JSON contract of ``eval --format json``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import GoldDataError
from newsevents.paths import gold_dir


@dataclass(frozen=True)
class GoldSet:
    name: str
    module: str  # evaluator module under newsevents.evaluation
    default_path: str  # relative to the shared gold folder
    description: str


GOLD_SETS: tuple[GoldSet, ...] = (
    GoldSet("seed", "seed", "seed.json", "hand-annotated seed article (all sections)"),
    GoldSet("plover_gsr", "plover_gsr", "events/plover_gsr_cameo.json", "PLOVER gold-standard records (event type, actor country/sector)"),
    GoldSet("petrarch2", "petrarch2", "events/petrarch2_unittest_records.xml", "PETRARCH2 coder unit tests (CAMEO root, source/target codes)"),
    GoldSet("lgl", "geo", "places/lgl.xml", "Local-Global Lexicon geoparsing (toponyms, acc@161km)"),
    GoldSet("gwn", "geo", "places/gwn.xml", "GeoWebNews geoparsing (literal toponyms, acc@161km)"),
    GoldSet("tbaq", "timex", "times/tbaq", "TimeBank+AQUAINT TIMEX3 detection and value accuracy"),
    GoldSet("meantime", "timex", "times/meantime", "MEANTIME English TIMEX3 detection and value accuracy"),
    GoldSet("polnear", "polnear", "quotes/polnear_dev", "PolNeAR dev attribution (content spans, speakers)"),
    GoldSet("ecbplus", "ecbplus", "crossdoc/ecbplus", "ECB+ cross-document event coreference"),
)

BY_NAME = {gold.name: gold for gold in GOLD_SETS}


def find_gold_set(path: Path) -> GoldSet:
    """The gold set a user-given path belongs to, judged by its file or folder name."""
    resolved = str(path).rstrip("/")
    for gold in GOLD_SETS:
        if resolved.endswith(gold.default_path):
            return gold
    name = path.name.lower()
    if name.endswith(".json") and "plover" not in name:
        return BY_NAME["seed"]
    if name.endswith(".xml") and ("lgl" in name or "gwn" in name or "geo" in name):
        return BY_NAME["lgl"]
    raise GoldDataError(
        f"cannot tell which gold set {path} is; pass --set NAME with one of "
        + ", ".join(gold.name for gold in GOLD_SETS)
    )


def evaluate(gold: GoldSet, path: Path | None = None, limit: int | None = None) -> dict[str, Any]:
    """Run one gold set's evaluator and return its sectioned report."""
    target = path or gold_dir() / gold.default_path
    if not target.exists():
        raise GoldDataError(
            f"gold data not found at {target}. Set NEWSEVENTS_SHARED to the folder holding "
            "gold/ and corpus/ (default ../shared), or pass --gold PATH."
        )
    module = importlib.import_module(f"newsevents.evaluation.{gold.module}")
    report: dict[str, Any] = module.evaluate(target, limit=limit, name=gold.name)
    return report


def merge(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Merge sectioned reports: ``{section: {name: metrics}}`` from several gold sets."""
    merged: dict[str, Any] = {}
    for report in reports:
        for section, entries in report.items():
            merged.setdefault(section, {}).update(entries)
    return merged


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 with the counts they came from."""
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "true_positives": tp,
        "predicted": n_pred,
        "gold": n_gold,
    }
