"""Near-duplicates, event clustering and conflicting figures, on tables of small cases."""

from __future__ import annotations

import pytest

from newsevents.corpus.cluster import (
    SENSES,
    Report,
    _stem,
    actor_keys,
    article_context,
    cluster,
    day_of,
    km,
    places_compatible,
    sentence_words,
    trigger_key,
)
from newsevents.corpus.dedup import find_copies, shingles

WIRE = (
    "IGUALA, Mexico (AP) Police opened fire on buses carrying students from a rural teachers "
    "college on Friday night in the southern state of Guerrero, killing six people, and 43 "
    "students were later reported missing, state officials said on Saturday as families "
    "gathered outside the prosecutor's office demanding answers about the attack."
)
REWRITTEN = (
    "Families in Guerrero are still waiting for news. The federal government said on Monday it "
    "would send investigators to the city where local officers are accused of attacking "
    "students, and the governor promised a full inquiry into the night of violence."
)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ({"a": WIRE, "b": WIRE + " Copyright 2014 The Associated Press."}, {("b", "a")}),
        ({"a": WIRE, "b": WIRE.replace("six", "seven")}, {("b", "a")}),
        ({"a": WIRE, "b": REWRITTEN}, set()),
        ({"a": WIRE, "b": "", "c": WIRE}, {("c", "a")}),
    ],
)
def test_dedup_find_copies(texts: dict[str, str], expected: set[tuple[str, str]]) -> None:
    articles = [(aid, text, "2014-09-27") for aid, text in texts.items()]
    assert {(c.article_id, c.copy_of) for c in find_copies(articles)} == expected


def test_dedup_original_is_the_earliest_article() -> None:
    copies = find_copies([("a", WIRE, "2014-09-28"), ("b", WIRE, "2014-09-27")])
    assert [(c.article_id, c.copy_of, c.similarity) for c in copies] == [("a", "b", 1.0)]


@pytest.mark.parametrize(("text", "n"), [("", 0), ("one two", 1), ("a b c d e f", 2)])
def test_dedup_shingles(text: str, n: int) -> None:
    assert len(shingles(text)) == n


def _r(event_id: str, article: str, type_: str = "ASSAULT", date: str | None = "2014-09-26",
       actors: tuple[str, ...] = ("code:MEXCOP",), recipients: tuple[str, ...] = (),
       context: tuple[str, ...] = (), **extra: object) -> Report:
    return Report(event_id=event_id, article_id=article, type=type_, day=day_of(date),
                  actors=frozenset(actors), recipients=frozenset(recipients),
                  context=frozenset(context), **extra)  # type: ignore[arg-type]


IGUALA = {"lat": 18.34, "lon": -99.54, "admin1": "Guerrero", "country": "MEX", "precision": "city"}
CHILPANCINGO = {"lat": 17.55, "lon": -99.50, "admin1": "Guerrero", "country": "MEX",
                "precision": "city"}  # ~90 km away, same state
MEXICO = {"country": "MEX", "precision": "country"}
LIMA = {"lat": -12.05, "lon": -77.04, "admin1": "Lima", "country": "PER", "precision": "city"}
MAYOR = ("code:MEXGOV", "sn:abarca")  # a named person: strong evidence when shared
OTHER = ("code:MEXGOV", "sn:pineda")
KILL = {"trigger": trigger_key("killed")}
SAID_IGUALA = {**IGUALA, "place_basis": "argument"}
SAID_LIMA = {**LIMA, "place_basis": "argument"}


@pytest.mark.parametrize(
    ("reports", "groups"),
    [
        ([_r("e1", "a", **SAID_IGUALA), _r("e2", "b", date="2014-09-28", **IGUALA)],
         [["e1", "e2"]]),
        ([_r("e1", "a", **IGUALA), _r("e2", "b", date="2014-10-05", **IGUALA)], [["e1"], ["e2"]]),
        ([_r("e1", "a", **IGUALA), _r("e2", "b", type_="PROTEST", **IGUALA)], [["e1"], ["e2"]]),
        ([_r("e1", "a", **IGUALA), _r("e2", "b", **LIMA)], [["e1"], ["e2"]]),
        ([_r("e1", "a", **IGUALA), _r("e2", "b", **CHILPANCINGO)], [["e1"], ["e2"]]),
        ([_r("e1", "a", actors=MAYOR, **IGUALA), _r("e2", "b", actors=MAYOR, **CHILPANCINGO)],
         [["e1", "e2"]]),
        ([_r("e1", "a", actors=MAYOR, **IGUALA), _r("e2", "b", actors=MAYOR, **MEXICO)],
         [["e1", "e2"]]),
        ([_r("e1", "a", **IGUALA), _r("e2", "b", actors=("code:USAGOV",), **IGUALA)],
         [["e1"], ["e2"]]),
        ([_r("e1", "a", actors=()), _r("e2", "b", actors=())], [["e1"], ["e2"]]),
        ([_r("e1", "a", date=None, actors=MAYOR), _r("e2", "b", date=None, actors=MAYOR)],
         [["e1"], ["e2"]]),
        ([_r("e1", "a", date=None, actors=MAYOR, topic="t"),
          _r("e2", "b", date=None, actors=MAYOR, topic="t")], [["e1", "e2"]]),
        ([_r("e1", "a", recipients=("id:ana",), **IGUALA),
          _r("e2", "b", recipients=("id:luis",), **IGUALA)], [["e1"], ["e2"]]),
        ([_r("e1", "a", recipients=("id:ana",), **SAID_IGUALA), _r("e2", "b", **IGUALA)],
         [["e1", "e2"]]),
        ([_r("e1", "a", **SAID_IGUALA), _r("e2", "b", date="2014-09-28", **IGUALA),
          _r("e3", "c", date="2014-09-30", **IGUALA)], [["e1", "e2"], ["e3"]]),
        ([_r("e1", "a", actors=MAYOR), _r("e2", "b", date=None, actors=MAYOR)],
         [["e1"], ["e2"]]),  # blocked apart
        ([_r("e1", "a", actors=MAYOR, **KILL), _r("e2", "b", actors=MAYOR, **KILL)],
         [["e1", "e2"]]),
        ([_r("e1", "a", **KILL), _r("e2", "b", **KILL)], [["e1"], ["e2"]]),
        ([_r("e1", "a", context=("sn:abarca", "gn:1"), dated=True, **KILL),
          _r("e2", "b", context=("sn:abarca", "gn:2"), dated=True, **KILL)], [["e1", "e2"]]),
        ([_r("e1", "a", actors=MAYOR, **KILL), _r("e2", "b", actors=OTHER, **KILL)],
         [["e1"], ["e2"]]),
        ([_r("e1", "a", actors=MAYOR, **KILL, **SAID_IGUALA),
          _r("e2", "b", actors=MAYOR, **KILL, **SAID_LIMA)], [["e1"], ["e2"]]),
        ([_r("e1", "a", actors=MAYOR, **KILL, **IGUALA),
          _r("e2", "b", type_="COERCE", actors=MAYOR, **KILL, **IGUALA)], [["e1", "e2"]]),
        ([_r("e1", "a", actors=MAYOR, **IGUALA),
          _r("e2", "b", type_="COERCE", actors=MAYOR, **IGUALA)], [["e1"], ["e2"]]),
        ([_r("e1", "a", date=None, topic="t", context=("sn:abarca",), **KILL),
          _r("e2", "b", type_="", date=None, topic="t", actors=(), context=("sn:abarca",), **KILL)],
         [["e1", "e2"]]),
        ([_r("e1", "a", date=None, topic="t", context=("sn:abarca",), **KILL),
          _r("e2", "b", type_="", date=None, topic="t", actors=(), context=("sn:abarca",),
             trigger="arrest")], [["e1"], ["e2"]]),
    ],
    ids=["same", "far-dates", "other-type", "other-country", "same-admin1-group",
         "same-admin1-named", "country-level-named", "other-actors", "no-evidence",
         "undated-no-block", "undated-topic", "other-recipients", "one-recipient", "no-drift",
         "dated-undated", "trigger-and-name", "trigger-alone", "trigger-and-subject",
         "other-names", "stated-places-differ", "other-type-same-trigger",
         "other-type-other-trigger", "untyped-same-trigger", "untyped-other-trigger"],
)
def test_cluster_groups_reports(reports: list[Report], groups: list[list[str]]) -> None:
    found = sorted(sorted(r.event_id for r in story.reports) for story in cluster(reports))
    assert found == groups


BLOTTER = ("gn:richmond", "gn:berea", "sn:smith", "gn:madison")  # a local paper's usual names
CHARGE = {"type_": "ACCUSE", "trigger": trigger_key("charged"), "actors": ()}
MAN = ("code:USACVL", "cs:USA/CVL")  # "a man": a generic participant


@pytest.mark.parametrize(
    ("reports", "groups"),
    [
        ([_r("e1", "a", recipients=MAN, **CHARGE), _r("e2", "b", recipients=MAN, **CHARGE)],
         [["e1"], ["e2"]]),
        ([_r("e1", "a", recipients=MAN, **CHARGE, **IGUALA),
          _r("e2", "b", recipients=MAN, **CHARGE, **IGUALA)], [["e1"], ["e2"]]),
        ([_r("e1", "a", recipients=MAN, context=BLOTTER[:2], **CHARGE),
          _r("e2", "b", recipients=MAN, context=BLOTTER[1:3], **CHARGE)], [["e1"], ["e2"]]),
        ([_r("e1", "a", recipients=MAN, context=BLOTTER[:2], **CHARGE),
          _r("e2", "b", recipients=MAN, context=BLOTTER[1:3], dated=True, **CHARGE)],
         [["e1"], ["e2"]]),
        ([_r("e1", "a", recipients=("sn:moore",), **CHARGE, **SAID_IGUALA),
          _r("e2", "b", recipients=("sn:coker",), **CHARGE, **SAID_IGUALA)], [["e1"], ["e2"]]),
        ([_r("e1", "a", recipients=("sn:hege",), context=("sn:dunakin",), **CHARGE,
             **SAID_IGUALA),
          _r("e2", "b", recipients=("sn:dunakin",), **CHARGE, **SAID_IGUALA)], [["e1", "e2"]]),
        ([_r("e1", "a", recipients=MAN, context=BLOTTER[:2], dated=True, **CHARGE),
          _r("e2", "b", recipients=MAN, context=BLOTTER[1:3], dated=True, **CHARGE)],
         [["e1", "e2"]]),
        ([_r("e1", "a", recipients=MAN, context=BLOTTER, **CHARGE),
          _r("e2", "b", recipients=MAN, context=BLOTTER, **CHARGE)], [["e1", "e2"]]),
        ([_r("e1", "a", recipients=MAN, **CHARGE, **SAID_IGUALA),
          _r("e2", "b", recipients=MAN, **CHARGE, **IGUALA)], [["e1", "e2"]]),
        ([_r("e1", "a", words=sentence_words("Seventeen people have been indicted in the case."),
             **CHARGE),
          _r("e2", "b", words=sentence_words("Seventeen people were indicted in the case."),
             **CHARGE)], [["e1", "e2"]]),
        ([_r("e1", "a", words=sentence_words("A man was charged."), **CHARGE),
          _r("e2", "b", words=sentence_words("A man was charged."), **CHARGE)],
         [["e1"], ["e2"]]),
    ],
    ids=["generic-participant-only", "generic-participant-datelines-near",
         "generic-participant-one-shared-name", "one-side-dated-one-shared-name",
         "other-named-victims", "other-victim-named-in-article", "both-dated-shared-subject",
         "undated-same-subject", "stated-place-near", "same-sentence", "short-same-sentence"],
)
def test_cluster_joins_only_on_specific_evidence(reports: list[Report],
                                                 groups: list[list[str]]) -> None:
    found = sorted(sorted(r.event_id for r in story.reports) for story in cluster(reports))
    assert found == groups


def test_cluster_article_context_leaves_out_news_agencies() -> None:
    context = article_context([("ap", None, None, None, "organisation"),
                               ("barack_obama", "USAGOV", "USA", "GOV", "person")], [])
    assert context == frozenset({"sn:obama"})


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("killed", "killing", "kills", "kill"), True),
        (("died", "dies", "death", "dead"), True),
        (("arrested", "arrests", "arrest"), True),
        (("agreed", "agreement", "agrees"), True),
        (("shot", "shooting", "shoots"), True),
        (("planned", "plans"), True),
        (("co-hosted", "hosts"), True),
        (("elected", "election"), True),
        (("killed", "arrested"), False),
        (("died", "denied"), False),
    ],
)
def test_cluster_trigger_key(words: tuple[str, ...], same: bool) -> None:
    keys = {trigger_key(w) for w in words}
    assert (len(keys) == 1) == same and "" not in keys


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("killed", "murdered", True),
        ("killing", "slain", True),
        ("assassination", "killed", True),
        ("died", "perished", True),
        ("wounded", "injuries", True),
        ("arrested", "detained", True),
        ("arrest", "apprehended", True),
        ("attacked", "raid", True),
        ("assault", "ambushed", True),
        ("explosion", "blast", True),
        ("kidnapped", "abduction", True),
        ("jailed", "sentenced", True),
        ("resigned", "quits", True),
        ("ousted", "dismissed", True),
        ("met", "summit", True),
        ("meeting", "meets", True),
        ("protests", "demonstration", True),
        ("crashed", "collision", True),
        ("quake", "earthquake", True),
        ("robbery", "heist", True),
        ("bought", "acquisition", True),
        ("won", "victory", True),
        # near misses: related events that are not one event
        ("killed", "died", False),
        ("killed", "wounded", False),
        ("killed", "arrested", False),
        ("attacked", "killed", False),
        ("arrested", "sentenced", False),
        ("arrested", "released", False),
        ("attacked", "protested", False),
        ("struck", "attacked", False),  # "strike" is also a labour strike
        ("fired", "dismissed", False),  # "fire" is also shooting
        ("met", "said", False),
        ("resigned", "appointed", False),
        ("bought", "sold", False),
        ("robbed", "killed", False),
        ("explosion", "attack", False),
        ("quake", "crash", False),
    ],
)
def test_cluster_trigger_key_synonyms(first: str, second: str, same: bool) -> None:
    assert (trigger_key(first) == trigger_key(second)) == same


def test_cluster_synonym_sets_are_disjoint() -> None:
    owner: dict[str, str] = {}
    for line in SENSES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sense, words = line.split("\t")
            for word in words.split():
                assert owner.setdefault(_stem(word), sense) == sense, word


@pytest.mark.parametrize(
    ("second", "groups"),
    [
        ("murdered", [["e1", "e2"]]),
        ("slain", [["e1", "e2"]]),
        ("died", [["e1"], ["e2"]]),
        ("arrested", [["e1"], ["e2"]]),
    ],
)
def test_cluster_joins_synonym_triggers(second: str, groups: list[list[str]]) -> None:
    """Untyped mentions (ECB+) join only through one trigger key: synonyms share it."""
    reports = [_r("e1", "a", type_="", date=None, topic="t", actors=(), context=("sn:abarca",),
                  **KILL),
               _r("e2", "b", type_="", date=None, topic="t", actors=(), context=("sn:abarca",),
                  trigger=trigger_key(second))]
    found = sorted(sorted(r.event_id for r in story.reports) for story in cluster(reports))
    assert found == groups


def test_cluster_article_context_keeps_names_and_fine_places() -> None:
    context = article_context(
        [("tara_reid", None, "USA", None, "person"), ("promises", None, None, None, "organisation"),
         ("USAGOV", "USAGOV", "USA", "GOV", "group")],
        [(5368361, "city"), (6252001, "country"), (5332921, "admin1")])
    assert context == {"sn:reid", "nm:promises", "gn:5368361"}


def test_cluster_every_report_in_exactly_one_story() -> None:
    reports = [_r(f"e{i}", f"a{i % 7}", date=f"2014-09-{1 + i % 28:02d}", **IGUALA) for i in range(200)]
    stories = cluster(reports)
    ids = [r.event_id for s in stories for r in s.reports]
    assert sorted(ids) == sorted(r.event_id for r in reports)


@pytest.mark.parametrize(
    ("args", "keys"),
    [
        (("USAGOV", "USAGOV", "USA", "GOV", "group"), {"id:USAGOV", "code:USAGOV", "cs:USA/GOV"}),
        (("police", None, None, "COP", "group"), set()),
        (("barack_obama", None, "USA", None, "person"), {"id:barack_obama", "sn:obama"}),
        (("promises", None, None, None, "organisation"), {"id:promises", "nm:promises"}),
    ],
)
def test_cluster_actor_keys(args: tuple, keys: set[str]) -> None:
    assert actor_keys(*args) == keys


def test_cluster_distance_and_places() -> None:
    assert km(18.34, -99.54, 17.55, -99.50) == pytest.approx(88, abs=3)
    assert places_compatible(_r("a", "a", **IGUALA), _r("b", "b", **CHILPANCINGO))
    assert not places_compatible(_r("a", "a", **IGUALA), _r("b", "b", **LIMA))


def test_cluster_compares_a_bounded_number_of_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsevents.corpus.cluster as module

    calls = 0
    score = module._score

    def counted(*args: object) -> float | None:
        nonlocal calls
        calls += 1
        return score(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "_score", counted)
    monkeypatch.setattr(module, "MAX_CANDIDATES", 20)
    n = 400  # one day, one predicate, different named killers: different events
    reports = [_r(f"e{i}", f"a{i}", actors=(f"sn:person{i}",), **KILL) for i in range(n)]
    assert len(cluster(reports)) == n
    # each report (and, in the merge pass, each story) meets at most MAX_CANDIDATES
    # stories of its block, where comparing all pairs would take n * (n - 1) calls
    assert calls <= 2 * n * 20
