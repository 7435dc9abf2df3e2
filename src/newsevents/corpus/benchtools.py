"""Measuring helpers for :mod:`newsevents.bench` (kept out of production code paths).

- :class:`PeakSampler` watches a process tree's peak resident memory (Linux ``VmHWM``),
- :func:`stage_timings` measures the CPU time per article of the parse, of each pipeline
  stage (wrapping the stage modules' ``run`` for the duration of the measurement only), of
  passing results between processes and of storing them,
- :func:`scaled_corpus` writes the corpus repeated k times with distinct ids.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return 0
    return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.extend(int(p) for p in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return found


def _is_worker(pid: int) -> bool:
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


class PeakSampler:
    """Sample the peak RSS of a process and its worker processes every 0.2 s (Linux only)."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid = pid
        self.interval = interval
        self.peaks: dict[int, int] = {}
        self.workers: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._sample(self.pid)
            self._stop.wait(self.interval)

    def _sample(self, pid: int) -> None:
        peak = _status_kb(pid, "VmHWM")
        if peak:
            self.peaks[pid] = max(self.peaks.get(pid, 0), peak)
        for child in _children(pid):
            if child not in self.workers and _is_worker(child):
                self.workers.add(child)
            self._sample(child)

    def parent_mb(self) -> float:
        return self.peaks.get(self.pid, 0) / 1024

    def children_mb(self) -> list[float]:
        return sorted(self.peaks[p] / 1024 for p in self.workers if p in self.peaks)


def stage_timings(articles: list[Any], batch_size: int = 32) -> dict[str, dict[str, float]]:
    """CPU time (``time.process_time``) per article spent in each phase over ``articles``, in
    this process: the parse, each stage, building the result, pickling it and unpickling it
    (what a worker process and the ingest parent pay to pass it) and storing it (in batches,
    into a fresh SQLite file, as ingest does); with each phase's share of the total."""
    import pickle
    import tempfile

    from newsevents.corpus.workers import warm_up
    from newsevents.nlp import load_model
    from newsevents.pipeline import Document, Options, _stage_modules, run_stages, stage_versions
    from newsevents.store import Store

    warm_up(Options())
    totals: dict[str, float] = {}
    modules = _stage_modules()
    originals = {m: m.run for m in modules}
    for module in modules:
        module.run = _timer(module, totals)  # type: ignore[attr-defined]
    results = []
    clock = time.process_time
    try:
        nlp = load_model()
        stream = nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size)
        while True:
            started = clock()
            try:
                spacy_doc, article = next(stream)
            except StopIteration:
                break
            totals["parse"] = totals.get("parse", 0.0) + clock() - started
            doc = Document(article=article, spacy=spacy_doc)
            try:
                run_stages(doc, skip={"parse"})
            except Exception:  # noqa: BLE001 - a failing article still counts its time
                continue
            started = clock()
            results.append(doc.result())
            totals["result"] = totals.get("result", 0.0) + clock() - started
    finally:
        for module, run in originals.items():
            module.run = run  # type: ignore[attr-defined]
    started = clock()
    blobs = [pickle.dumps(results[i:i + batch_size]) for i in range(0, len(results), batch_size)]
    totals["pickle"] = clock() - started
    started = clock()
    for blob in blobs:
        pickle.loads(blob)
    totals["unpickle"] = clock() - started
    with tempfile.TemporaryDirectory(prefix="newsevents-phases-") as tmp:
        store = Store.open(str(Path(tmp) / "phases.db"))
        versions = stage_versions()
        started = clock()
        for i in range(0, len(results), batch_size):
            store.add_results(results[i:i + batch_size], versions)
        totals["store"] = clock() - started
        store.engine.dispose()
    whole = sum(totals.values()) or 1.0
    count = max(len(articles), 1)
    return {name: {"seconds": seconds, "share": seconds / whole, "ms_per_article": 1000 * seconds / count}
            for name, seconds in totals.items()}


def _timer(module: ModuleType, totals: dict[str, float]) -> Callable[[Any], Any]:
    run = module.run

    def timed(doc: Any) -> Any:
        started = time.process_time()
        try:
            return run(doc)
        finally:
            totals[module.NAME] = totals.get(module.NAME, 0.0) + time.process_time() - started

    return timed


def scaled_corpus(source: Path, factor: int, limit: int | None, out: Path) -> Path:
    """Write the first ``limit`` records of ``source`` ``factor`` times; copies get new urls
    (so new ids: the id hashes text and url) and ``#copyN`` in their url."""
    with source.open("rb") as handle:
        lines = []
        for line in handle:
            if line.strip():
                lines.append(line)
            if limit and len(lines) >= limit:
                break
    with out.open("w", encoding="utf-8") as sink:
        for copy in range(factor):
            for line in lines:
                record = json.loads(line)
                if copy:
                    record["url"] = f"{record.get('url') or 'bench:'}#copy{copy}"
                    record.pop("id", None)
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out
