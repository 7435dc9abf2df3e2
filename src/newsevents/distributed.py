"""Beyond one machine: process JSONL or Parquet shards on a Dask cluster into a Parquet dataset.

The client cuts the inputs into shards (byte ranges of JSON Lines files, cut at line ends;
row groups of Parquet files), and each shard becomes one task. A task runs on a Dask
worker: it reads its shard, runs the pipeline (the model is loaded once per worker
process and reused by every later task there) and writes its rows into the date
partitions of the dataset (:mod:`newsevents.corpus.dataset`), then a ``_done`` marker.
Tasks share nothing but the output folder, which must be visible to every worker (a
shared file system; see docs/scaling.md). A rerun skips shards already done.

`newsevents load DATASET --db` then stores the dataset's articles in the database,
one transaction per article, skipping those already there.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsevents.corpus import dataset
from newsevents.ingest import IngestFailure, ReadOptions
from newsevents.records import Article, Result

SHARD_LINES = 200


@dataclass(frozen=True)
class Shard:
    """One unit of work: ``path`` bytes [start, end) of a JSONL file, or a Parquet row group."""

    number: int
    path: str
    start: int = 0
    end: int = 0
    row_group: int | None = None


@dataclass
class BatchSummary:
    shards: int = 0
    skipped_shards: int = 0
    stored: int = 0
    failed: int = 0
    events: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def plan_shards(paths: list[str], shard_lines: int = SHARD_LINES) -> list[Shard]:
    """Cut the inputs (files or folders of .jsonl/.parquet) into shards."""
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".jsonl", ".parquet"))
                     if path.is_dir() else [path])
    shards: list[Shard] = []
    for file in files:
        if file.suffix == ".parquet":
            import pyarrow.parquet as pq

            for group in range(pq.ParquetFile(file).num_row_groups):
                shards.append(Shard(len(shards), str(file), row_group=group))
        else:
            for start, end in _line_ranges(file, shard_lines):
                shards.append(Shard(len(shards), str(file), start, end))
    return shards


def _line_ranges(file: Path, lines_per_range: int) -> Iterator[tuple[int, int]]:
    start = position = count = 0
    with file.open("rb") as handle:
        for line in handle:
            position += len(line)
            count += 1
            if count == lines_per_range:
                yield start, position
                start, count = position, 0
    if position > start:
        yield start, position


def _shard_lines(shard: Shard) -> list[bytes]:
    if shard.row_group is not None:
        import pyarrow.parquet as pq

        table = pq.ParquetFile(shard.path).read_row_group(shard.row_group)
        return [json.dumps(row, default=str).encode("utf-8") for row in table.to_pylist()]
    with open(shard.path, "rb") as handle:
        handle.seek(shard.start)
        return handle.read(shard.end - shard.start).splitlines()


def process_shard(shard: Shard, out: str, read: ReadOptions | None = None) -> dict[str, Any]:
    """Run on a worker: one shard in, its partitions and ``_done`` marker out."""
    from newsevents.corpus.workers import Failed, run_batch
    from newsevents.ingest import _read_jsonl_lines  # the JSONL record reader, line by line
    from newsevents.pipeline import Options

    root = Path(out)
    done = root / "_done" / f"shard-{shard.number:05d}.json"
    if done.exists():
        return {**json.loads(done.read_text()), "skipped": True}
    items = list(_read_jsonl_lines(_shard_lines(shard), shard.path, read or ReadOptions()))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [asdict(i) for i in items if isinstance(i, IngestFailure)]
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in dataset.TABLES}
    for article, outcome in zip(articles, run_batch(articles, Options()), strict=True):
        if isinstance(outcome, Failed):
            failures.append({"id": article.id, "origin": article.origin or "",
                             "reason": outcome.reason, "message": outcome.message})
            continue
        _add_rows(tables, outcome)
    tables["failures"] = [{**f, "date": "unknown"} for f in failures]
    for name, rows in tables.items():
        dataset.write_table(root, name, rows, shard.number)
    summary = {"shard": shard.number, "stored": len(tables["articles"]),
               "failed": len(failures), "events": len(tables["events"]),
               "reasons": _reasons(failures)}
    done.parent.mkdir(parents=True, exist_ok=True)
    done.write_text(json.dumps(summary))
    return summary


def _add_rows(tables: dict[str, list[dict[str, Any]]], result: Result) -> None:
    tables["articles"].append(dataset.article_row(result))
    tables["events"].extend(dataset.event_rows(result))
    for name in ("quotes", "quantities", "places"):
        tables[name].extend(dataset.item_rows(result, name))


def _reasons(failures: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for failure in failures:
        counts[failure["reason"]] = counts.get(failure["reason"], 0) + 1
    return counts


def run(paths: list[str], out: str, scheduler: str | None = None, workers: int = 2,
        shard_lines: int = SHARD_LINES, read: ReadOptions | None = None,
        on_shard: Callable[[dict[str, Any]], None] | None = None) -> BatchSummary:
    """Process every shard on a Dask cluster: ``scheduler`` (tcp://host:8786) or, when None,
    a LocalCluster of ``workers`` single-threaded worker processes."""
    from dask.distributed import Client, LocalCluster, as_completed

    started = time.perf_counter()
    shards = plan_shards(paths, shard_lines)
    Path(out).mkdir(parents=True, exist_ok=True)
    summary = BatchSummary(shards=len(shards))
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        futures = client.map(process_shard, shards, out=str(Path(out).resolve()), read=read,
                             pure=False)
        for future in as_completed(futures):
            _tally(summary, future.result())
            if on_shard:
                on_shard(future.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _tally(summary: BatchSummary, shard: dict[str, Any]) -> None:
    if shard.get("skipped"):
        summary.skipped_shards += 1
        return
    summary.stored += shard["stored"]
    summary.failed += shard["failed"]
    summary.events += shard["events"]
    for reason, n in shard["reasons"].items():
        summary.reasons[reason] = summary.reasons.get(reason, 0) + n


def load(root: str, store: Any) -> dict[str, int]:
    """Store a dataset's articles (rebuilt from ``result_json``) and failures in ``store``."""
    from newsevents.pipeline import stage_versions

    counts = {"stored": 0, "duplicates": 0, "failed": 0}
    versions = stage_versions()
    import pyarrow.dataset as ds

    path = Path(root)
    if (path / "articles").exists():
        articles = ds.dataset(path / "articles", partitioning="hive",
                              schema=dataset.SCHEMAS["articles"])
        scanner = articles.scanner(
            columns=["id", "result_json"], batch_size=256)
        for batch in scanner.to_batches():
            ids = batch.column("id").to_pylist()
            known = store.existing_article_ids(ids)
            for article_id, blob in zip(ids, batch.column("result_json").to_pylist(), strict=True):
                if article_id in known:
                    counts["duplicates"] += 1
                    continue
                outcome = store.add_result(dataset.result_from_dict(json.loads(blob)), versions)
                counts["stored" if outcome.status == "stored" else "duplicates"] += 1
    failures = dataset.read_table(path, "failures")
    for row in failures.to_pylist() if failures is not None else []:
        store.add_failure(IngestFailure(row["id"], row["origin"], row["reason"], row["message"]))
        counts["failed"] += 1
    return counts
