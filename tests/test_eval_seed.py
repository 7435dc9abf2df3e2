"""The seed article against its hand annotation: floors per section, no forbidden items."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsevents.evaluation.seed import SeedScorer

FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))["seed"]


@pytest.fixture(scope="module")
def report(seed_gold: dict, seed_result: Any) -> dict:
    return SeedScorer(seed_gold, seed_result).score()


def _metric(report: dict, dotted: str) -> float:
    section, block, name = dotted.split(".")
    return float(report[section][block][name])


@pytest.mark.parametrize(("metric", "floor"), sorted(FLOORS.items()))
def test_eval_seed_floor(report: dict, metric: str, floor: float) -> None:
    value = _metric(report, metric)
    assert value >= floor, f"{metric} = {value:.3f} fell below its floor {floor}"


def test_eval_seed_no_not_events(report: dict) -> None:
    assert report["events"]["not_events_violated"] == []


def test_eval_seed_no_not_quotes_attributed(report: dict) -> None:
    assert report["quotes"]["not_quotes_attributed"] == []


def test_eval_seed_json_contract(report: dict) -> None:
    for section in ("actors", "events", "quotes", "quantities", "places", "times"):
        for block in ("required", "all"):
            assert {"precision", "recall", "f1", "predicted", "gold"} <= set(report[section][block])
