"""Score the quantities stage on our own case file (tests/data/quantities_cases.yaml)."""

from __future__ import annotations

from typing import Any

from test_quantities_support import load_cases, run_quantities, score

#: floors only go up: raise them when the stage gets better
PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.97
MIN_CASES = 60


def test_quantities_cases_floor(nlp: Any) -> None:
    cases = load_cases()
    assert len(cases) >= MIN_CASES
    pairs = []
    for case in cases:
        doc = run_quantities(case["sentence"], nlp)
        pairs.append((doc.text, list(doc.quantities), case["expected"]))
    result = score(pairs)
    assert result["precision"] >= PRECISION_FLOOR, result
    assert result["recall"] >= RECALL_FLOOR, result
