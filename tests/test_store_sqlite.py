"""The store on a real SQLite file: round trips, idempotence, failures, filters, atomicity."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsevents.articles import make_article
from newsevents.errors import StoreError
from newsevents.ingest import IngestFailure
from newsevents.records import (
    Actor,
    ActorMention,
    Event,
    EventArgument,
    Place,
    Quantity,
    Quote,
    Result,
    Span,
    TimeExpression,
)
from newsevents.store import Store

TEXT = "Police arrested 12 students in Lima on Monday. “We acted lawfully,” the minister said."


def span(text: str, needle: str, start: int = 0) -> Span:
    at = text.index(needle, start)
    return Span(at, at + len(needle), needle)


def make_result(text: str = TEXT, published: str = "2024-01-09", url: str | None = None) -> Result:
    article = make_article(text, published=published, title="Lima arrests", source="test", url=url)
    t = article.text
    police, students, minister = span(t, "Police"), span(t, "students"), span(t, "the minister")
    lima, monday, twelve = span(t, "Lima"), span(t, "Monday"), span(t, "12 students")
    quote = span(t, "We acted lawfully,")
    place = Place(lima.start, lima.end, "Lima", "Lima", -12.04, -77.03, "city", "PER", "Lima",
                  3936456, "P", "PPLC", 0.9, "places.test")
    event = Event(
        id=f"{article.id}-e1", type="COERCE", mode="arrest", trigger=span(t, "arrested"),
        sentence=span(t, "Police arrested 12 students in Lima on Monday."),
        actors=(EventArgument("PERCOP", police.start, police.end, police.text),),
        recipients=(EventArgument("PEREDU", students.start, students.end, students.text),),
        place=place, place_basis="argument", date="2024-01-08", date_span=monday,
        counts={"arrested": 12.0}, cameo_root="17", quad_class=4, goldstein=-7.0, extractor="events.test",
    )
    return Result(
        article=article,
        actors=(
            Actor("PERCOP", "Peruvian police", "group", "PER", "COP", code="PERCOP", basis="generic"),
            Actor("PEREDU", "Peruvian students", "group", "PER", "EDU", code="PEREDU", basis="generic"),
            Actor("PERGOV", "Peruvian government", "group", "PER", "GOV", code="PERGOV", basis="title"),
        ),
        actor_mentions=(
            ActorMention(police.start, police.end, police.text, "PERCOP", "generic", 0, "actors.test"),
            ActorMention(minister.start, minister.end, minister.text, "PERGOV", "title", 1, "actors.test"),
        ),
        places=(place,),
        times=(TimeExpression(monday.start, monday.end, "Monday", "2024-01-08", "DATE", "day", "times.test"),),
        events=(event,),
        quotes=(Quote(quote.start, quote.end, quote.text, "direct", "PERGOV", minister,
                      span(t, "said"), (event.id,), "quotes.test"),),
        quantities=(Quantity(twelve.start, twelve.end, twelve.text, 12.0, "person", "count",
                             "students", students, None, None, "quantities.test"),),
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(str(tmp_path / "test.db"))


def test_store_round_trip_keeps_every_field(store: Store) -> None:
    result = make_result()
    assert store.add_result(result, {"events": "events.test"}).status == "stored"
    assert store.load_result(result.article.id) == result


def test_store_same_article_twice_adds_nothing(store: Store) -> None:
    result = make_result()
    store.add_result(result)
    before = store.counts()
    assert store.add_result(result).status == "duplicate"
    assert store.counts() == before


def test_store_failure_recorded_once(store: Store) -> None:
    item = IngestFailure("abc123", "bad.txt", "binary", "the input is binary")
    store.add_failure(item)
    store.add_failure(item)
    assert store.counts()["failures"] == 1
    assert store.list_failures()[0]["reason"] == "binary"


def test_store_article_is_all_or_nothing(store: Store) -> None:
    result = make_result()
    broken = replace(result, events=result.events + result.events)  # duplicate event id
    with pytest.raises(StoreError):
        store.add_result(broken)
    assert store.counts()["articles"] == 0
    assert all(n == 0 for n in store.counts().values())


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, 1),
        ({"actor": "police"}, 1),
        ({"actor": "PERCOP"}, 1),
        ({"actor": "students"}, 0),
        ({"recipient": "students"}, 1),
        ({"country": "PER"}, 1),
        ({"country": "USA"}, 0),
        ({"type": "coerce"}, 1),
        ({"type": "ASSAULT"}, 0),
        ({"quad_class": 4}, 1),
        ({"since": "2024-01-01", "until": "2024-01-31"}, 1),
        ({"since": "2024-02"}, 0),
        ({"until": "2024-01-08"}, 1),
        ({"place": "lim"}, 1),
        ({"actor": "' OR 1=1 --"}, 0),
        ({"place": "%"}, 1),
    ],
)
def test_store_event_filters(store: Store, filters: dict, expected: int) -> None:
    store.add_result(make_result())
    assert len(store.query_events(**filters)) == expected


def test_store_event_rows_carry_arguments(store: Store) -> None:
    store.add_result(make_result())
    (row,) = store.query_events()
    assert [a["name"] for a in row["actors"]] == ["Peruvian police"]
    assert row["recipients"][0]["country"] == "PER"
    assert row["place"]["geonameid"] == 3936456


def test_store_quotes_actors_places_articles(store: Store) -> None:
    result = make_result()
    store.add_result(result)
    assert store.query_quotes(speaker="Peruvian")[0]["text"] == "We acted lawfully,"
    assert {a["actor_id"] for a in store.query_actors()} == {"PERCOP", "PEREDU", "PERGOV"}
    assert store.query_places()[0]["name"] == "Lima"
    assert store.list_articles(search="Lima")[0]["id"] == result.article.id
    assert store.find_article_id(result.article.id[:6]) == result.article.id


def test_store_schema_version_and_reopen(tmp_path: Path) -> None:
    path = str(tmp_path / "v.db")
    store = Store.open(path)
    version = store.schema_version()
    assert version >= 1
    store.add_result(make_result())
    again = Store.open(path)
    assert again.schema_version() == version
    assert again.counts()["articles"] == 1


def test_store_missing_database_says_how_to_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="newsevents ingest"):
        Store.open(str(tmp_path / "missing.db"), create=False)


def test_store_uses_wal(store: Store) -> None:
    with store.engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert mode == "wal"


def test_store_batch_stores_each_article_once(store: Store) -> None:
    first, second = make_result(), make_result(url="https://example.org/2")
    store.add_failure(IngestFailure(second.article.id, "x.txt", "stage", "failed before"))
    outcomes = store.add_results([first, second, first], {"events": "events.test"})
    assert [o.status for o in outcomes] == ["stored", "stored", "duplicate"]
    assert store.load_result(first.article.id) == first
    assert store.load_result(second.article.id) == second
    assert store.counts()["failures"] == 0  # a stored article is no longer a failure
    before = store.counts()
    assert [o.status for o in store.add_results([second, first])] == ["duplicate", "duplicate"]
    assert store.counts() == before


def test_store_batch_same_rows_as_one_by_one(tmp_path: Path) -> None:
    results = [make_result(url=f"https://example.org/{n}") for n in range(3)]
    one_by_one, batched = Store.open(str(tmp_path / "one.db")), Store.open(str(tmp_path / "batch.db"))
    for result in results:
        one_by_one.add_result(result)
    batched.add_results(results)
    assert batched.counts() == one_by_one.counts()
    assert [batched.load_result(r.article.id) for r in results] == results


def test_store_batch_with_a_broken_article_stores_no_part_of_it(store: Store) -> None:
    good = make_result()
    bad = make_result(url="https://example.org/bad")
    broken = replace(bad, events=bad.events + bad.events)  # duplicate event id
    with pytest.raises(StoreError):
        store.add_results([good, broken])
    assert store.article_ids() == [good.article.id]  # rolled back, then stored one by one
    assert store.counts()["events"] == 1
