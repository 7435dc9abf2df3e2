"""The TimeML / MEANTIME evaluator: reading, alignment and score floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.evaluation import timex
from newsevents.records import TimeExpression


@pytest.mark.parametrize(
    ("body", "texts", "values"),
    [
        ('<TEXT>On <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> AT&amp;T '
         'rose.</TEXT>', ["Friday"], ["1998-08-07"]),
        ('<TEXT>It fell <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.'
         '</TEXT>', ["three days"], ["P3D"]),
    ],
)
def test_eval_timex_reads_timeml(tmp_path: Path, body: str, texts: list[str],
                                 values: list[str]) -> None:
    path = tmp_path / "doc.tml"
    path.write_text('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-08" '
                    'functionInDocument="CREATION_TIME">19980808</TIMEX3></DCT>'
                    + body + "</TimeML>", encoding="utf-8")
    doc = timex.read_timeml(path)
    assert str(doc.dct) == "1998-08-08"
    assert [t.text for t in doc.timexes] == texts
    assert [t.value for t in doc.timexes] == values
    assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)


@pytest.mark.parametrize(
    ("gold_span", "predicted_span", "matched"),
    [((10, 20), (12, 25), True), ((10, 20), (20, 25), False), ((10, 20), (0, 11), True)],
)
def test_eval_timex_aligns_by_overlap(gold_span: tuple[int, int],
                                      predicted_span: tuple[int, int], matched: bool) -> None:
    gold = timex.GoldTimex(*gold_span, "x", "DATE", "1998")
    predicted = TimeExpression(*predicted_span, "x", "1998")
    assert bool(timex.align((gold,), [predicted])) is matched


def _run(shared: Path, name: str, limit: int | None) -> dict:
    report = timex.evaluate(shared / "gold" / "times" / name, limit=limit, name=name)
    return report["times"][name]


@pytest.mark.parametrize(
    ("name", "limit", "floors"),
    [
        ("tbaq", 60, {"detection_recall": 0.95, "detection_precision": 0.83,
                      "value_accuracy_DATE": 0.81}),
        ("meantime", 40, {"detection_recall": 0.90, "detection_precision": 0.88,
                          "value_accuracy_DATE": 0.95}),
    ],
)
def test_eval_timex_floors_on_subset(shared: Path, name: str, limit: int,
                                     floors: dict[str, float]) -> None:
    metrics = _run(shared, name, limit)
    for key, floor in floors.items():
        assert metrics[key] >= floor, (key, metrics)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "floors"),
    [
        ("tbaq", {"detection_recall": 0.94, "value_accuracy_DATE": 0.84,
                  "detection_precision": 0.87}),
        ("meantime", {"detection_recall": 0.82, "value_accuracy_DATE": 0.87,
                      "detection_precision": 0.92}),
    ],
)
def test_eval_timex_floors_on_whole_corpus(shared: Path, name: str,
                                           floors: dict[str, float]) -> None:
    metrics = _run(shared, name, None)
    for key, floor in floors.items():
        assert metrics[key] >= floor, (key, metrics)
