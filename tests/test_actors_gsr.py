"""Floors of the actors stage on the PLOVER GSR gold actors (mention level).

For each gold source/target actor text in its sentence, the actor that ``mention_at``
returns is compared with the gold country and sector (see :mod:`newsevents.actors_eval`).
The first 80 records run by default; the whole set is marked slow.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.actors_eval import evaluate, gold_items, load

GSR = "gold/events/plover_gsr_cameo.json"

#: (records, found, country, country precision, sector): floors only go up
FLOORS = {
    80: (0.96, 0.935, 0.975, 0.73),
    None: (0.94, 0.895, 0.965, 0.69),
}


def _check(shared: Path, nlp, limit: int | None) -> None:
    report = evaluate(load(shared / GSR, limit), nlp)
    found, country, precision, sector = FLOORS[limit]
    assert report.rate("found") >= found
    assert report.rate("country") >= country
    assert report.rate("country_precision") >= precision
    assert report.rate("sector") >= sector


def test_actors_gsr_floor_subset(shared: Path, nlp) -> None:
    _check(shared, nlp, 80)


@pytest.mark.slow
def test_actors_gsr_floor_full(shared: Path, nlp) -> None:
    _check(shared, nlp, None)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"id": "x", "text": "Tokyo agreed.", "source": [{"actorText": "Tokyo", "code": "JAP"}]},
         [("JPN", None)]),
        ({"id": "x", "text": "The UN agreed.", "source": [{"actorText": "UN", "code": "IGO"}]},
         [(None, "IGO")]),
        ({"id": "x", "text": "Police left.",
          "source": [{"actorText": "Police", "code": "USA", "sector": "COP"}]},
         [("USA", "COP")]),
        ({"id": "x", "text": "Police left.", "source": [{"actorText": "army", "code": "USA"}]},
         []),
    ],
)
def test_actors_gsr_gold_items(record: dict, expected: list) -> None:
    assert [(i.gold_country, i.gold_sector) for i in gold_items(record)] == expected
