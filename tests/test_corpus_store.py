"""`newsevents cluster`, `stories`, `conflicts` end to end on a real database.

The articles are built by hand (no NLP): one wire story (AP), its republication
(Yahoo, a near-copy), an independent report of the same massacre with another death toll
(Reuters), and an unrelated attack in Peru on the same day.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.corpus.conflicts import find_conflicts
from newsevents.corpus.service import list_stories, recompute
from newsevents.export import gdelt_row
from newsevents.records import Actor, Article, Event, EventArgument, Place, Result, Span
from newsevents.store import Store
from test_store_pg import fresh_pg  # noqa: F401 - the fixture, used through getfixturevalue

WIRE = (
    "Police opened fire on buses carrying students from a rural teachers college on Friday "
    "night in the southern state of Guerrero, killing {dead} people, and 43 students were later "
    "reported missing, state officials said on Saturday as families gathered outside the "
    "prosecutor's office demanding answers about the attack in Iguala."
)
OTHER = (
    "Municipal police in Iguala attacked students on Friday. Reuters counted {dead} dead after "
    "speaking to hospital staff and relatives, while the state prosecutor said an "
    "investigation into the officers had begun and that the mayor could not be found."
)
PERU = "Gunmen attacked a police post near Lima on Friday, killing {dead} officers, police said."
IGUALA = Place(0, 0, "", "Iguala", 18.34, -99.54, "city", "MEX", "Guerrero", 3527000)
LIMA = Place(0, 0, "", "Lima", -12.05, -77.04, "city", "PER", "Lima", 3936456)


def _result(aid: str, template: str, dead: int, source: str, published: str, place: Place,
            actor: Actor) -> Result:
    text = template.format(dead=dead)
    start = text.index("attack") if "attack" in text else text.index("fire")
    trigger = Span(start, start + 6, text[start:start + 6])
    at = text.index("olice") - 1
    event = Event(
        id=f"{aid}-e1", type="ASSAULT", mode=None, trigger=trigger, sentence=Span(0, len(text), text),
        actors=(EventArgument(actor.id, at, at + 6, text[at:at + 6]),), place=place,
        place_basis="sentence",  # every text names its place ("in Iguala", "near Lima")
        date="2014-09-26", counts={"dead": float(dead)}, extractor="test",
    )
    article = Article(id=aid, text=text, source=source, published=published, url=f"http://{source}/{aid}")
    return Result(article=article, actors=(actor,), actor_mentions=(), places=(), times=(),
                  events=(event,), quotes=(), quantities=())


MEXCOP = Actor("MEXCOP", "police", "group", "MEX", "COP", code="MEXCOP")
PERCOP = Actor("PERCOP", "police", "group", "PER", "COP", code="PERCOP")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same small corpus stored in SQLite and in PostgreSQL."""
    if request.param == "sqlite":
        path = str(tmp_path / "corpus.db")
    else:
        path = request.getfixturevalue("fresh_pg")
    store = Store.open(path)
    for result in (
        _result("ap1", WIRE, 6, "ap.org", "2014-09-27", IGUALA, MEXCOP),
        _result("yh1", WIRE + " Copyright AP.", 6, "yahoo.com", "2014-09-28", IGUALA, MEXCOP),
        _result("rt1", OTHER, 7, "reuters.com", "2014-09-27", IGUALA, MEXCOP),
        _result("pe1", PERU, 3, "elcomercio.pe", "2014-09-27", LIMA, PERCOP),
    ):
        assert store.add_result(result).status == "stored"
    store.engine.dispose()
    return path


def test_corpus_recompute_counts_copies_not_as_sources(db: str) -> None:
    store = Store.open(db)
    summary = recompute(store)
    assert (summary.articles, summary.copies, summary.reports, summary.stories) == (4, 1, 4, 2)
    top = list_stories(store, min_articles=2)
    assert [(s["n_articles"], s["n_sources"], s["n_copies"], s["n_reports"]) for s in top] == [(3, 2, 1, 3)]
    assert (top[0]["first_seen"], top[0]["last_seen"], top[0]["date_first"]) == (
        "2014-09-27", "2014-09-28", "2014-09-26")
    assert recompute(store).stories == 2  # idempotent


def test_corpus_gdelt_rows_take_counts_from_the_story(db: str) -> None:
    store = Store.open(db)
    recompute(store)
    rows = {r["article_id"]: gdelt_row(r) for r in store.query_events(limit=None)}
    assert (rows["yh1"]["NumArticles"], rows["yh1"]["NumSources"], rows["yh1"]["NumMentions"]) == (3, 2, 3)
    assert (rows["pe1"]["NumArticles"], rows["pe1"]["NumSources"]) == (1, 1)


def test_corpus_conflicts_fold_copies_into_their_original(db: str) -> None:
    store = Store.open(db)
    recompute(store)
    found = list(find_conflicts(store))
    assert [(c.figure, c.values, sorted(x.article_id for x in c.claims)) for c in found] == [
        ("dead", [6.0, 7.0], ["ap1", "rt1"])]
    assert list(find_conflicts(store, figure="injured")) == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["cluster"], "4 articles (1 near-copies), 4 event reports → 2 stories"),
        (["stories", "--min-articles", "2", "--format", "json"], '"n_sources": 2'),
        (["conflicts", "--format", "csv"], "dead,\"6, 7\""),
    ],
)
def test_corpus_cli_commands(db: str, args: list[str], expected: str) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["cluster", "--db", db]).exit_code == 0
    result = runner.invoke(main, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    assert expected in result.output
    if "json" in args:
        assert json.loads(result.output)[0]["n_articles"] == 3
