"""Geoparsing evaluation: the LGL/GWN reader, the metrics, and score floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.evaluation import geo

#: floors only go up (measured: see the lead's report); subsets keep the default run fast.
#: Accuracy floors were lowered once, on purpose: places we recognise but cannot pin to a
#: point (rivers, highways, unknown names) now carry their division's or country's centroid
#: and count in accuracy_161km, where before they were left out of it (LGL 86, GWN 37).
SUBSET = 25
FLOORS = {
    "lgl": {"accuracy_161km": 0.89, "recall": 0.67, "precision": 0.87},
    "gwn": {"accuracy_161km": 0.78, "recall": 0.77, "precision": 0.88},
}
FULL_FLOORS = {
    "lgl": {"accuracy_161km": 0.82, "recall": 0.77, "precision": 0.90},
    "gwn": {"accuracy_161km": 0.85, "recall": 0.83, "precision": 0.82},
}

LGL_SAMPLE = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text><![CDATA[Fargo man held in Moorhead, Minn., on Friday.]]></text>
<toponyms><toponym><start>0</start><end>5</end><phrase>Fargo</phrase>
<gaztag geonameid="5059163"><name>Fargo</name><lat>46.87719</lat><lon>-96.7898</lon></gaztag>
</toponym><toponym><start>18</start><end>26</end><phrase>Moorhead</phrase>
<gaztag geonameid="5037784"><name>Moorhead</name><lat>46.87386</lat><lon>-96.76951</lon></gaztag>
</toponym></toponyms></article></articles>
"""


@pytest.mark.parametrize(
    ("errors", "expected"),
    [([0.0, 0.0], 0.0), ([20039.0, 20039.0], 1.0), ([], 0.0)],
)
def test_eval_geo_auc_bounds(errors: list[float], expected: float) -> None:
    assert geo.auc(errors) == pytest.approx(expected)


def test_eval_geo_reads_lgl_format(tmp_path: Path) -> None:
    path = tmp_path / "tiny.xml"
    path.write_text(LGL_SAMPLE, encoding="utf-8")
    (article,) = geo.read_gold(path)
    assert [t.text for t in article.toponyms] == ["Fargo", "Moorhead"]
    report = geo.evaluate(path, name="tiny")["places"]["tiny"]
    assert report["gold"] == 2
    assert report["recall"] == 1.0
    assert report["accuracy_161km"] == 1.0


@pytest.mark.parametrize("name", ["lgl", "gwn"])
def test_eval_geo_floor_subset(shared: Path, name: str) -> None:
    report = geo.evaluate(shared / "gold" / "places" / f"{name}.xml", limit=SUBSET, name=name)
    metrics = report["places"][name]
    for metric, floor in FLOORS[name].items():
        assert metrics[metric] >= floor, (metric, metrics)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["lgl", "gwn"])
def test_eval_geo_floor_full(shared: Path, name: str) -> None:
    metrics = geo.evaluate(shared / "gold" / "places" / f"{name}.xml", name=name)["places"][name]
    for metric, floor in FULL_FLOORS[name].items():
        assert metrics[metric] >= floor, (metric, metrics)
