"""`newsevents batch` on a local 2-worker Dask cluster, then `newsevents load` into SQLite."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.corpus.dataset import SCHEMAS, read_table
from newsevents.distributed import plan_shards
from newsevents.ingest import ReadOptions, read_inputs
from newsevents.records import Article
from newsevents.store import Store


@pytest.fixture(scope="module")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight short bench articles and one bad line."""
    lines = (shared / "corpus" / "bench" / "news.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path_factory.mktemp("dask") / "in.jsonl"
    path.write_text("\n".join([*sorted(lines[:80], key=len)[:8], "{oops"]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("lines", "shards"), [(3, 3), (4, 3), (100, 1)])
def test_dask_plan_shards_cover_every_line_once(corpus: Path, lines: int, shards: int) -> None:
    planned = plan_shards([str(corpus)], lines)
    assert len(planned) == shards
    assert planned[0].start == 0 and planned[-1].end == corpus.stat().st_size
    assert all(a.end == b.start for a, b in zip(planned, planned[1:], strict=False))


def test_dask_batch_writes_a_dataset_that_loads(corpus: Path, tmp_path: Path) -> None:
    out, db = tmp_path / "dataset", str(tmp_path / "loaded.db")
    runner = CliRunner()
    args = ["batch", str(corpus), "--out", str(out), "--engine", "local", "--workers", "2",
            "--shard-lines", "3"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "3 shards (0 already done): 8 articles" in first.output
    again = runner.invoke(main, args)
    assert "3 shards (3 already done)" in again.output

    events = ds.dataset(out / "events", partitioning="hive", schema=SCHEMAS["events"]).to_table()
    assert events.num_rows > 0
    assert set(events.column("date").to_pylist()) <= {a.published[:10] for a in _articles(corpus)}
    failures = read_table(out, "failures")
    assert failures is not None and failures.column("reason").to_pylist() == ["malformed_record"]

    loaded = runner.invoke(main, ["load", str(out), "--db", db])
    assert loaded.exit_code == 0, loaded.output
    assert "8 stored, 0 already stored, 1 failures recorded" in loaded.output
    assert "0 stored, 8 already stored" in runner.invoke(main, ["load", str(out), "--db", db]).output
    store = Store.open(db)
    assert set(store.article_ids()) == {a.id for a in _articles(corpus)}
    stored_events = store.query_events(limit=None, include_negated=True)
    assert len(stored_events) == events.num_rows
    first_id = store.article_ids()[0]
    result = store.load_result(first_id)
    assert all(result.article.text[e.trigger.start:e.trigger.end] == e.trigger.text
               for e in result.events)
    assert json.loads(json.dumps(result.to_dict()))["article"]["id"] == first_id


def _articles(corpus: Path) -> list[Article]:
    return [a for a in read_inputs([str(corpus)], ReadOptions()) if isinstance(a, Article)]


def test_dask_process_shard_reads_parquet_row_groups(corpus: Path, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsevents.distributed import process_shard

    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()[:4]]
    source = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(records), source, row_group_size=2)
    shards = plan_shards([str(tmp_path)])
    assert [(s.row_group, s.number) for s in shards] == [(0, 0), (1, 1)]
    out = tmp_path / "dataset"
    summaries = [process_shard(s, str(out)) for s in shards]
    assert sum(s["stored"] for s in summaries) == 4
    assert process_shard(shards[0], str(out))["skipped"] is True
    articles = read_table(out, "articles")
    assert articles is not None
    assert sorted(articles.column("id").to_pylist()) == sorted(a.id for a in _articles(corpus)[:4])
