"""Every stored span points at its own surface string: text[start:end] == text, always."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.ingest import read_inputs
from newsevents.pipeline import process_many
from newsevents.records import Article, Result
from newsevents.store import Store

EXAMPLES = Path(__file__).parent.parent / "examples"
BENCH_SAMPLE = 60  # bench articles come from the texts of every public gold corpus


def spans(result: Result) -> Iterator[tuple[str, int, int, str]]:
    """(where, start, end, surface) for every span-carrying field of every record."""
    for m in result.actor_mentions:
        yield "actor_mention", m.start, m.end, m.text
    for p in result.places:
        yield "place", p.start, p.end, p.text
    for t in result.times:
        yield "time", t.start, t.end, t.text
    for e in result.events:
        yield "event.trigger", e.trigger.start, e.trigger.end, e.trigger.text
        yield "event.sentence", e.sentence.start, e.sentence.end, e.sentence.text
        if e.date_span:
            yield "event.date", e.date_span.start, e.date_span.end, e.date_span.text
        if e.place:
            yield "event.place", e.place.start, e.place.end, e.place.text
        for arg in (*e.actors, *e.recipients):
            yield "event.argument", arg.start, arg.end, arg.text
    for q in result.quotes:
        yield "quote", q.start, q.end, q.text
        for name, sub in (("speaker", q.speaker), ("cue", q.cue)):
            if sub:
                yield f"quote.{name}", sub.start, sub.end, sub.text
    for n in result.quantities:
        yield "quantity", n.start, n.end, n.text
        if n.of_span:
            yield "quantity.of", n.of_span.start, n.of_span.end, n.of_span.text


def assert_exact(result: Result) -> int:
    text = result.article.text
    bad = [(where, s, e, surface, text[s:e]) for where, s, e, surface in spans(result)
           if not (0 <= s <= e <= len(text)) or text[s:e] != surface]
    assert not bad, f"{len(bad)} spans differ from the text, e.g. {bad[:5]}"
    return sum(1 for _ in spans(result))


def _articles(shared: Path) -> list[Article]:
    paths = [str(shared / "corpus" / "seed"), str(EXAMPLES)]
    found = [i for i in read_inputs(paths) if isinstance(i, Article)]
    with (shared / "corpus" / "bench" / "news.jsonl").open(encoding="utf-8") as handle:
        for line in itertools.islice(handle, BENCH_SAMPLE):
            record = json.loads(line)
            found += [i for i in read_inputs(["-"], stdin=_bytes(record)) if isinstance(i, Article)]
    return found


def _bytes(record: dict) -> object:
    import io

    return io.BytesIO(json.dumps(record).encode("utf-8"))


@pytest.fixture(scope="module")
def processed(shared: Path) -> list[Result]:
    results = []
    for article, outcome in process_many(_articles(shared)):
        assert isinstance(outcome, Result), f"{article.origin}: {outcome}"
        results.append(outcome)
    return results


def test_provenance_every_span_is_exact(processed: list[Result]) -> None:
    assert len(processed) >= BENCH_SAMPLE
    checked = sum(assert_exact(result) for result in processed)
    assert checked > 1000  # the stages really produce spans


def test_provenance_survives_the_store(processed: list[Result], tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "p.db"))
    for result in processed[:20]:
        store.add_result(result)
        assert_exact(store.load_result(result.article.id))


def test_provenance_every_record_names_its_extractor(processed: list[Result]) -> None:
    for result in processed:
        for record in (*result.actor_mentions, *result.places, *result.times, *result.events,
                       *result.quotes, *result.quantities, *result.actors):
            assert record.extractor, record
