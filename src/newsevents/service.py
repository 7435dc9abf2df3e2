"""Plain functions behind the CLI commands that do work (ingest, extract).

Each CLI command is a thin wrapper over one of these; they raise
:class:`~newsevents.errors.NewseventsError` and never print.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsevents.errors import NewseventsError
from newsevents.ingest import IngestFailure, Item
from newsevents.pipeline import Options, process_many, stage_versions
from newsevents.records import Article
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


def ingest(
    items: Iterable[Item],
    store: Store,
    options: Options | None = None,
    *,
    batch_size: int = 32,
    on_item: Callable[[str, str], None] | None = None,
) -> IngestSummary:
    """Process and store every article; failures are stored with their reason.

    Articles already in the store are skipped before any NLP work (so a rerun resumes).
    ``on_item(status, id)`` is called once per input (for progress bars).
    """
    summary = IngestSummary()
    started = time.perf_counter()
    versions = stage_versions()
    notify = on_item or (lambda _status, _id: None)

    def fresh_articles() -> Iterator[Article]:
        seen: set[str] = set()
        for item in items:
            if isinstance(item, IngestFailure):
                store.add_failure(item)
                summary.add_failure(item.reason)
                notify("failed", item.id)
            elif item.id in seen or store.has_article(item.id):
                summary.duplicates += 1
                notify("duplicate", item.id)
            else:
                seen.add(item.id)
                yield item

    for article, outcome in process_many(fresh_articles(), options, batch_size=batch_size):
        if isinstance(outcome, NewseventsError):
            store.add_failure(
                IngestFailure(id=article.id, origin=article.origin or "", reason=outcome.reason,
                              message=str(outcome))
            )
            summary.add_failure(outcome.reason)
            notify("failed", article.id)
            continue
        stored = store.add_result(outcome, versions)
        if stored.status == "stored":
            summary.stored += 1
            summary.events += len(outcome.events)
            summary.words += len(article.text.split())
        else:
            summary.duplicates += 1
        notify(stored.status, article.id)
    summary.seconds = time.perf_counter() - started
    return summary
