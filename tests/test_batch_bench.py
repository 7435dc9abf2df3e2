"""Bench helpers: the scaled corpus has distinct ids; the RSS sampler sees a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.corpus.benchtools import PeakSampler, scaled_corpus
from newsevents.ingest import ReadOptions, read_inputs


@pytest.mark.parametrize(("factor", "limit", "expected"), [(1, 2, 2), (3, 2, 6), (2, None, 6)])
def test_benchtools_scaled_corpus_repeats_with_distinct_ids(
    tmp_path: Path, factor: int, limit: int | None, expected: int
) -> None:
    source = tmp_path / "in.jsonl"
    records = [{"text": f"Police arrested {n} people in Lyon on Monday.", "url": f"u{n}"} for n in range(3)]
    source.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    out = scaled_corpus(source, factor, limit, tmp_path / "out.jsonl")
    ids = [item.id for item in read_inputs([str(out)], ReadOptions(check_language=False))]
    assert len(ids) == expected
    assert len(set(ids)) == expected


def test_benchtools_peak_sampler_sees_process_memory() -> None:
    code = "import time; block = bytearray(60 * 1024 * 1024); time.sleep(1.0)"
    process = subprocess.Popen([sys.executable, "-c", code])
    with PeakSampler(process.pid, interval=0.05) as sampler:
        process.wait()
    assert sampler.parent_mb() >= 60
    assert sampler.children_mb() == []
