"""Actor and agent dictionaries: PETRARCH format, our TSV format, dated codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsevents.actordict import (
    actors_for,
    agents_for,
    compose_code,
    has_country_slot,
    key,
    load_dictionary,
    load_petrarch_agents,
    parse_petrarch_actors,
    parse_petrarch_agents,
    phrase_keys,
    split_code,
)

PETRARCH_ACTORS = """\
<!-- a comment block
spanning lines -->
GOLLUM  # pas 27 Apr 03
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
ARGENTIN  [ARG]
BARACK_OBAMA_  [USAGOV 090120-170120]
+OBAMA_
\t[USAELI >170120]
ANDREAS_PAPANDREOU_
\t[GRCELI 370101-811021]
\t[GRCGOV 811021-890702]
MOODY_AWORI_
\t[KENGOV 030101-080228]
MORO_ISLAMIC_LIBERATION_FRONT_(MILF)  [PHLREB]
STANKO_TODOROV_(ACTING
\t[BGRGOV 890101-900706]
"""


@pytest.mark.parametrize(
    ("word", "expected"),
    [("U.S.", "us"), ("Peña", "pena"), ("Mexico’s", "mexico's"), ("-", ""), ("“", ""),
     ("'", ""), ("Workers'", "workers"), ("'s", "'s"), ("O'Neill", "o'neill")],
)
def test_actordict_key_normalises(word: str, expected: str) -> None:
    assert key(word) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("people's liberation army", ["people", "'s", "liberation", "army"]),
     ("kurdistan workers' party", ["kurdistan", "workers", "party"])],
)
def test_actordict_phrase_keys_split_like_the_tokenizer(phrase: str, expected: list) -> None:
    assert phrase_keys(phrase) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("USAGOV", ("USA", "GOV")),
        ("MEXCOP", ("MEX", "COP")),
        ("IGOUNO", (None, "IGO")),
        ("MEX", ("MEX", None)),
        ("PSEREBHMS", ("PSE", "REB")),
        ("~COP", (None, "COP")),
        ("NGO~", (None, "NGO")),
        ("~CHRCTH", (None, "REL")),
        ("SCGGOV", ("SRB", "GOV")),
        ("TMP", ("TLS", None)),
        ("ANGREB", ("AGO", "REB")),
        ("WAFREB", (None, "REB")),
        ("MEAREB", (None, "REB")),
        ("CIVGOV", ("CIV", "GOV")),
        ("MUSGOV", ("MUS", "GOV")),
        ("~CIV", (None, "CVL")),
    ],
)
def test_actordict_split_code(code: str, expected: tuple[str | None, str | None]) -> None:
    assert split_code(code) == expected


@pytest.mark.parametrize(
    ("phrase", "day", "code"),
    [
        ("smeagol", "1990-01-01", "HOB"),
        ("gollum", "1997-01-01", "HOBGOV"),
        ("gollum", "2005-01-01", "HOBREB"),
        ("obama", "2015-01-07", "USAGOV"),
        ("barack obama", "2018-03-01", "USAELI"),
        ("argentina", "2015-01-07", "ARG"),  # stem: no final underscore
        ("andreas papandreou", "1970-01-01", "GRCELI"),  # 370101 is 1937, not 2037
        # outside every term: the country stays, an office holder is an elite
        ("andreas papandreou", "2000-01-01", "GRCELI"),
        ("moody awori", "2000-01-01", "KENELI"),
        ("obama", "2000-01-01", "USAELI"),
        # a parenthesised acronym is an alias of its own, not the name's last word
        ("moro islamic liberation front", "2000-01-01", "PHLREB"),
        ("milf", "2000-01-01", "PHLREB"),
        ("stanko todorov", "1989-06-01", "BGRGOV"),
    ],
)
def test_actordict_petrarch_dated_codes(phrase: str, day: str, code: str) -> None:
    dictionary = parse_petrarch_actors(PETRARCH_ACTORS)
    found = dictionary.index.match(phrase.split(), 0)
    assert found is not None
    affiliation = dictionary.actors[found[1]].affiliation_on(dt.date.fromisoformat(day))
    assert affiliation is not None and affiliation.code == code


def test_actordict_title_office_outside_terms() -> None:
    """"Vice-President Moody Awori" in a story dated before his term: his country, the
    title's office."""
    dictionary = parse_petrarch_actors(PETRARCH_ACTORS)
    found = dictionary.index.match(["moody", "awori"], 0)
    assert found is not None
    affiliation = dictionary.actors[found[1]].affiliation_on(dt.date(2000, 1, 1), "GOV")
    assert affiliation is not None and affiliation.code == "KENGOV"


@pytest.mark.parametrize(
    ("phrase", "code"),
    [("police", "~COP"), ("congressman", "~LEG"), ("congresswoman", "~LEG"),
     ("attorneys general", "~GOV"), ("human rights body", "NGO~")],
)
def test_actordict_petrarch_agents(phrase: str, code: str) -> None:
    text = (
        "!PERSON! = MAN, WOMAN\nPOLICE {} [~COP]\nCONGRESS!PERSON! [~LEG]\n"
        "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nHUMAN_RIGHTS_BODY  [NGO~] # x\n"
    )
    agent = parse_petrarch_agents(text).index.get(phrase.split())
    assert agent is not None and agent.code == code


def test_actordict_user_tsv_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("# mine\nJANE_ROE\tFRAGOV\t2020-01-01\t\tjane roe|roe\n", encoding="utf-8")
    dictionary = load_dictionary(path)
    assert dictionary.index.match(["roe"], 0) == (1, "JANE_ROE")
    merged = actors_for((str(path),))
    assert "JANE_ROE" in merged.actors and "BARACK_OBAMA" in merged.actors


@pytest.mark.parametrize(
    ("phrase", "code"), [("arnor", "ARN"), ("gondor", "GON"), ("minas tirith", "GON")]
)
def test_actordict_petrarch_validation_actors(shared: Path, phrase: str, code: str) -> None:
    dictionary = load_dictionary(shared / "gold/events/petrarch2_validate_actors.txt")
    found = dictionary.index.match(phrase.split(), 0)
    assert found is not None
    affiliation = dictionary.actors[found[1]].affiliation_on(None)
    assert affiliation is not None and affiliation.code == code


def test_actordict_petrarch_validation_agents(shared: Path) -> None:
    agents = load_petrarch_agents(shared / "gold/events/petrarch2_validate_agents.txt")
    agent = agents.index.get(["police"])
    assert agent is not None and agent.sector == "COP"


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [("police", "COP"), ("cop", "COP"), ("student", "EDU"), ("demonstrator", "CVL"),
     ("human rights group", "NGO"), ("drug gang", "CRM"), ("refugee", "REF")],
)
def test_actordict_builtin_agents(phrase: str, sector: str) -> None:
    agent = agents_for(()).index.get(phrase.split())
    assert agent is not None and agent.sector == sector


@pytest.mark.parametrize(
    ("country", "agent", "sector", "expected"),
    [
        ("DAG", "~GOV", "GOV", "DAGGOV"),
        ("ARN", "~GOVFRM", "GOV", "ARNGOVFRM"),
        ("USA", "NGO~", "NGO", "NGOUSA"),
        ("USA", None, "LEG", "USALEG"),
        (None, None, None, None),
    ],
)
def test_actordict_compose_code(
    country: str | None, agent: str | None, sector: str | None, expected: str | None
) -> None:
    assert compose_code(country, agent, sector) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("LEG", True), ("~GOV", True), ("WAFREB", True), ("USAGOV", False), ("IGOUNO", False),
     ("NGO", False), ("MNCUSA", False)],
)
def test_actordict_has_country_slot(code: str, expected: bool) -> None:
    assert has_country_slot(code) is expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [(["francois", "mitterand"], "FRANCOIS_MITTERRAND"),  # one letter short
     (["francois", "mitterrand"], None),  # the exact name is the phrase index's job
     (["omar", "hassan", "al", "bashir"], None),  # not a misspelling
     (["jean", "dupon"], None)],  # a last word under six letters is never guessed
)
def test_actordict_misspelt_name(words: list[str], expected: str | None) -> None:
    assert actors_for().misspelt_name(words) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [(["omar", "hassan", "al", "bashir"], "OMAR_HASSAN_AHMAD_AL_BASHIR"),
     (["omar", "bashir"], None)],  # several fuller names
)
def test_actordict_fuller_name(words: list[str], expected: str | None) -> None:
    assert actors_for().fuller_name(words) == expected


def test_actordict_user_row_replaces_names_too(tmp_path: Path) -> None:
    """A hand-written row for an id replaces its names: a name it leaves out is gone."""
    path = tmp_path / "mine.tsv"
    path.write_text("GAZTERIAK\tFRAREB\t\t\tgazteriak\n", encoding="utf-8")
    merged = actors_for((str(path),))
    assert merged.index.match(["gazteriak"], 0) == (1, "GAZTERIAK")
    assert merged.index.match(["youth"], 0) is None
    assert actors_for().index.match(["youth"], 0) is None  # the built-in extra row
