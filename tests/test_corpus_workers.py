"""Running batches in this process: the garbage collector's state is lent, then given back."""

from __future__ import annotations

import gc

import pytest

import newsevents.corpus.workers as workers
from newsevents.articles import make_article
from newsevents.pipeline import Options


def test_workers_in_process_first_batch_without_full_collections_then_frozen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[int, int]] = []

    def fake_run_batch(batch: list, options: Options) -> list:
        seen.append((gc.get_threshold()[2], gc.get_freeze_count()))
        return [None] * len(batch)

    monkeypatch.setattr(workers, "run_batch", fake_run_batch)
    before = gc.get_threshold()
    batches = [[make_article(f"Police arrested {n} people in Lima on Monday.")] for n in (3, 4, 5)]
    out = list(workers.batch_outcomes(iter(batches), Options(), jobs=1))
    assert len(out) == 3
    assert seen[0][0] > before[2]  # no full collection while the first batch loads the data
    assert seen[1][0] == seen[2][0] == before[2]
    assert seen[1][1] > 0  # then what was loaded is frozen...
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0  # ...until the end


def test_workers_no_full_collections_restores_thresholds_on_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), workers._no_full_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == before
