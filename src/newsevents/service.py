"""Plain functions behind the CLI commands that do work (ingest, extract).

Each CLI command is a thin wrapper over one of these; they raise
:class:`~newsevents.errors.NewseventsError` and never print.

Batch ingest reads its inputs as a stream, drops articles already stored *before* any NLP
work (so a rerun after a crash resumes where it stopped), processes the rest in batches in
this process or in a pool of worker processes (:mod:`newsevents.corpus.workers`), and stores each
processed batch in one transaction in this process (one writer, so SQLite never contends): a
batch is stored whole or not at all, so a crash never leaves half an article (or half a batch).
Only a bounded window of batches is in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.corpus.workers import Failed, Outcome, batch_outcomes
from newsevents.ingest import IngestFailure, Item
from newsevents.pipeline import Options, stage_versions
from newsevents.records import Article, Result
from newsevents.store import Store

#: exit codes of a batch, after trafilatura's: all fine / some failed / (almost) all failed
EXIT_OK, EXIT_SOME_FAILED, EXIT_ALL_FAILED = 0, 1, 126


@dataclass
class IngestSummary:
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    events: int = 0
    words: int = 0
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return self.stored + self.duplicates + self.failed

    def exit_code(self) -> int:
        if self.failed == 0:
            return EXIT_OK
        if self.stored + self.duplicates == 0:
            return EXIT_ALL_FAILED
        return EXIT_SOME_FAILED

    def add_failure(self, reason: str) -> None:
        self.failed += 1
        self.reasons[reason] = self.reasons.get(reason, 0) + 1


Notify = Callable[[str, str], None]


class _Batcher:
    """Turn the input stream into batches of articles not yet stored.

    ``pending`` holds the ids handed out for processing and not yet stored, so an article
    repeated in the input while its first copy is in flight is still seen as a duplicate;
    ids leave it once stored, after which the database answers. Its size is bounded by
    the in-flight window, not by the corpus.
    """

    def __init__(self, store: Store, summary: IngestSummary, notify: Notify, batch_size: int):
        self.store = store
        self.summary = summary
        self.notify = notify
        self.batch_size = max(1, batch_size)
        self.pending: set[str] = set()

    def batches(self, items: Iterable[Item]) -> Iterator[list[Article]]:
        chunk: list[Article] = []
        for item in items:
            if isinstance(item, IngestFailure):
                self.store.add_failure(item)
                self.summary.add_failure(item.reason)
                self.notify("failed", item.id)
                continue
            chunk.append(item)
            if len(chunk) >= self.batch_size:
                fresh = self._fresh(chunk)
                chunk = []
                if fresh:
                    yield fresh
        fresh = self._fresh(chunk)
        if fresh:
            yield fresh

    def _fresh(self, chunk: list[Article]) -> list[Article]:
        stored = self.store.existing_article_ids([a.id for a in chunk])
        fresh: list[Article] = []
        for article in chunk:
            if article.id in stored or article.id in self.pending:
                self.summary.duplicates += 1
                self.notify("duplicate", article.id)
            else:
                self.pending.add(article.id)
                fresh.append(article)
        return fresh


def ingest(
    items: Iterable[Item],
    store: Store,
    options: Options | None = None,
    *,
    batch_size: int = 32,
    on_item: Notify | None = None,
    jobs: int = 1,
) -> IngestSummary:
    """Process and store every article; failures are stored with their reason.

    Articles already in the store are skipped before any NLP work (so a rerun resumes).
    ``jobs`` > 1 runs the NLP in that many worker processes, each loading the model once.
    ``on_item(status, id)`` is called once per input (for progress bars).
    """
    summary = IngestSummary()
    started = time.perf_counter()
    versions = stage_versions()
    notify = on_item or (lambda _status, _id: None)
    batcher = _Batcher(store, summary, notify, batch_size)
    for batch in batch_outcomes(batcher.batches(items), options or Options(), jobs=jobs):
        _store_batch(store, batch, versions, summary, notify)
        for article, _outcome in batch:
            batcher.pending.discard(article.id)
    summary.seconds = time.perf_counter() - started
    return summary


def _store_batch(store: Store, batch: list[tuple[Article, Outcome]], versions: dict[str, str],
                 summary: IngestSummary, notify: Notify) -> None:
    """Store one processed batch: its results in one transaction, its failures with their reason."""
    results: list[Result] = []
    for article, outcome in batch:
        if isinstance(outcome, Failed):
            store.add_failure(IngestFailure(id=article.id, origin=article.origin or "",
                                            reason=outcome.reason, message=outcome.message))
            summary.add_failure(outcome.reason)
            notify("failed", article.id)
        else:
            assert isinstance(outcome, Result)
            results.append(outcome)
    for result, stored in zip(results, store.add_results(results, versions), strict=True):
        if stored.status == "stored":
            summary.stored += 1
            summary.events += len(result.events)
            summary.words += len(result.article.text.split())
        else:
            summary.duplicates += 1
        notify(stored.status, result.article.id)


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many inputs ``paths`` hold, cheaply, for a progress bar's total and ETA.

    JSON Lines files are counted by their newlines (a fast byte scan, no parsing); other
    files count one each; folders are walked. ``None`` when unknown (stdin, a JSON array).
    """
    from newsevents.ingest import ALL_SUFFIXES, JSON_SUFFIXES, JSONL_SUFFIXES

    total = 0
    for path in paths:
        target = Path(path)
        if path == "-" or not target.exists():
            return None if path == "-" else total
        files = [target] if target.is_file() else [
            f for f in sorted(target.rglob("*"))
            if f.is_file() and f.suffix.lower() in ALL_SUFFIXES
            and not f.name.startswith(".") and not f.name.endswith(".meta.json")
            and not any(part.startswith(".") for part in f.relative_to(target).parts)]
        for file in files:
            suffix = file.suffix.lower()
            if suffix in JSON_SUFFIXES and file.stat().st_size > 0 and _starts_with(file, b"["):
                return None
            total += _count_lines(file) if suffix in JSONL_SUFFIXES else 1
    return total


def _starts_with(file: Path, prefix: bytes) -> bool:
    with file.open("rb") as handle:
        return handle.read(64).lstrip().startswith(prefix)


def _count_lines(file: Path) -> int:
    lines, last = 0, b"\n"
    with file.open("rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")
