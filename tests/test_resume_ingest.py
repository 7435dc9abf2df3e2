"""Killing `newsevents ingest` at random moments (SIGKILL) loses nothing and stores nothing twice.

A real subprocess is killed a few times while it works on a small corpus; a final rerun
must then leave exactly the input's articles in the database, every item table equal to an
uninterrupted run, and no row pointing at an article (or event) that is not stored.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newsevents.ingest import ReadOptions, read_inputs
from newsevents.records import Article
from newsevents.service import ingest
from newsevents.store import ITEM_TABLES, Store, articles, event_args, events
from test_store_pg import fresh_pg  # noqa: F401 - the fixture, used through getfixturevalue


@pytest.fixture(scope="module")
def small_corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve short bench articles, plus three repeated lines and one bad line."""
    lines = (shared / "corpus" / "bench" / "news.jsonl").read_text(encoding="utf-8").splitlines()
    short = sorted(lines[:200], key=len)[:12]
    path = tmp_path_factory.mktemp("corpus") / "small.jsonl"
    path.write_text("\n".join([*short, short[3], "{not json", *short[:2]]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(small_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Row counts of every table after one uninterrupted ingest."""
    store = Store.open(str(tmp_path_factory.mktemp("ref") / "ref.db"))
    ingest(read_inputs([str(small_corpus)], ReadOptions()), store)
    return _table_counts(store)


def _table_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (articles, *ITEM_TABLES)}


def _input_ids(corpus: Path) -> set[str]:
    return {item.id for item in read_inputs([str(corpus)], ReadOptions()) if isinstance(item, Article)}


def _orphans(store: Store) -> dict[str, int]:
    found = {}
    with store.engine.connect() as conn:
        for table in ITEM_TABLES:
            query = select(func.count()).select_from(table).where(
                table.c.article_id.not_in(select(articles.c.id)))
            found[table.name] = conn.execute(query).scalar_one()
        found["event_args→events"] = conn.execute(
            select(func.count()).select_from(event_args)
            .where(event_args.c.event_id.not_in(select(events.c.id)))).scalar_one()
    return {name: n for name, n in found.items() if n}


def _run(corpus: Path, db: str, jobs: int, kill_after: float | None) -> int | None:
    command = [sys.executable, "-m", "newsevents.cli", "ingest", str(corpus), "--db", db,
               "--jobs", str(jobs), "--batch-size", "4", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    if kill_after is None:
        _out, err = process.communicate(timeout=300)
        assert process.returncode in (0, 1), err.decode()
        return process.returncode
    time.sleep(kill_after)
    os.killpg(process.pid, signal.SIGKILL)  # the whole session we started: parent and workers
    process.wait(timeout=30)
    assert process.stderr is not None
    process.stderr.close()
    return None


@pytest.mark.parametrize(("backend", "jobs"), [("sqlite", 1), ("sqlite", 2), ("postgresql", 2)])
def test_resume_ingest_killed_runs_lose_and_repeat_nothing(
    small_corpus: Path, tmp_path: Path, backend: str, jobs: int, request: pytest.FixtureRequest,
) -> None:
    seed = int(os.environ.get("NEWSEVENTS_KILL_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    db = str(tmp_path / "killed.db") if backend == "sqlite" else request.getfixturevalue("fresh_pg")
    for round_ in range(2):
        _run(small_corpus, db, jobs, kill_after=rng.uniform(1.0, 2.5 + 2 * round_))
    assert _run(small_corpus, db, jobs, kill_after=None) == 1  # the bad line fails, once
    store = Store.open(db)
    assert set(store.article_ids()) == _input_ids(small_corpus), f"seed {seed}"
    assert _orphans(store) == {}, f"seed {seed}"
    # the uninterrupted run is made now, by the same code on disk as the resumed runs
    fresh = tmp_path / "fresh.db"
    _run(small_corpus, str(fresh), 1, kill_after=None)
    # (in a working tree where stage code is edited while this runs, earlier rounds may have
    # run older code; CI runs one commit)
    assert _table_counts(store) == _table_counts(Store.open(str(fresh))), f"seed {seed}"
    store.engine.dispose()


def test_resume_ingest_rerun_skips_everything_before_nlp(
    small_corpus: Path, reference: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(str(tmp_path / "twice.db"))
    first = ingest(read_inputs([str(small_corpus)], ReadOptions()), store)
    calls: list[int] = []
    import newsevents.corpus.workers as workers

    real = workers.run_batch
    monkeypatch.setattr(workers, "run_batch", lambda batch, opts: calls.append(len(batch)) or real(batch, opts))
    second = ingest(read_inputs([str(small_corpus)], ReadOptions()), store)
    assert (first.stored, first.duplicates, first.failed) == (12, 3, 1)
    assert (second.stored, second.duplicates, second.failed) == (0, 15, 1)
    assert calls == []
    assert json.dumps(_table_counts(store)) == json.dumps(reference)
