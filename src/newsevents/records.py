"""Typed records: what the pipeline emits and the store keeps.

Every record that points into the article carries ``start``/``end`` character offsets
into ``Article.text`` (the cleaned text) and the surface string ``text``, with the
invariant ``article.text[start:end] == record.text``. Every record also carries the
name and version of the extractor that produced it (``extractor``), so output of a
newer extractor can be compared with an older one.

Records are frozen dataclasses; ``to_dict`` gives the JSON shape documented in
``docs/schema.md`` and ``schema/extract.schema.json``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"


def to_dict(record: Any) -> Any:
    """Convert a record (or list/dict of records) to plain JSON-ready values."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    return record


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """One cleaned article with its metadata. ``id`` is a hash of text (+ url)."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date "YYYY-MM-DD" (or datetime) when known
    language: str | None = None
    origin: str | None = None  # file path or "stdin" or "jsonl:<path>:<line>"


@dataclass(frozen=True)
class Actor:
    """A canonical actor: a person, organisation, group or state.

    ``code`` is a CAMEO-style code (``USAGOV``, ``MEXCOP``) where one applies;
    ``country`` is ISO 3166 alpha-3 (or None for international/unknown), ``sector`` a
    PLOVER sector code (GOV MIL COP JUD LEG REB CRM CVL EDU MED NGO IGO BUS REF ...).
    ``affiliations`` lists the dated roles that were considered:
    ``{"code": "USAGOV", "start": "2009-01-20", "end": "2017-01-20"}``.
    """

    id: str
    name: str
    kind: str  # person | organisation | group | country
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    code: str | None = None
    basis: str | None = None  # dictionary | title | generic | metonymy | entity
    affiliations: tuple[dict[str, Any], ...] = ()
    extractor: str = ""


@dataclass(frozen=True)
class ActorMention:
    """A span of text that refers to an actor (name, title, noun, pronoun, metonym)."""

    start: int
    end: int
    text: str
    actor_id: str
    kind: str  # name | title | generic | pronoun | metonym | coref
    sentence: int = -1
    extractor: str = ""


@dataclass(frozen=True)
class Place:
    """A toponym resolved to a gazetteer entry.

    ``precision`` is one of ``city``, ``admin2`` (county), ``admin1``, ``country``,
    ``region``, ``continent``
    (the ACLED geo_precision idea); ``country`` is ISO 3166 alpha-3. ``kind`` is
    ``toponym`` for a place name, or ``demonym`` for a nationality word ("Mexican",
    "Israeli") kept as a reference to its country: it says which countries an article
    mentions, but never serves as an event's location.
    """

    start: int
    end: int
    text: str
    name: str
    lat: float | None
    lon: float | None
    precision: str
    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    score: float = 0.0
    kind: str = "toponym"
    extractor: str = ""


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression normalised TIMEX3-style against the publication date.

    ``value``: ``2015-01-06``, ``2014-09``, ``2014``, ``2014-W11``, ``2014-10/2015-01``,
    ``P3M``, ``PAST_REF``...; ``type``: DATE | TIME | DURATION | SET; ``granularity``:
    day | week | month | quarter | season | year | decade | century | vague.
    """

    start: int
    end: int
    text: str
    value: str | None
    type: str = "DATE"
    granularity: str | None = None
    extractor: str = ""


@dataclass(frozen=True)
class EventArgument:
    """An actor taking part in an event, with the text that names it."""

    actor_id: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Event:
    """One coded event: PLOVER type and mode, who did it to whom, where and when.

    ``trigger`` is the predicate (verb or nominal) span, ``sentence`` the evidence
    sentence span. ``date`` is a TIMEX3 value; ``date_inferred`` is True when it was
    taken from the publication date rather than from the text. ``negated`` events are
    kept but flagged; ``modality`` is ``asserted``, ``future``, ``hypothetical``,
    ``intended`` or ``claimed`` (inside reported speech, see ``claimed_by``).
    """

    id: str
    type: str
    mode: str | None
    trigger: Span
    sentence: Span
    actors: tuple[EventArgument, ...] = ()
    recipients: tuple[EventArgument, ...] = ()
    place: Place | None = None
    place_basis: str | None = None  # argument | sentence | dateline | focus
    date: str | None = None
    date_span: Span | None = None
    date_inferred: bool = False
    negated: bool = False
    modality: str = "asserted"
    claimed_by: str | None = None
    context: tuple[str, ...] = ()
    counts: dict[str, float] = field(default_factory=dict)
    cameo_root: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    extractor: str = ""


@dataclass(frozen=True)
class Quote:
    """Who said what: the content span, the speaker and the cue.

    ``kind`` is ``direct``, ``partial`` or ``indirect``; ``speaker_actor_id`` is None when
    the speaker could not be found (kept, not guessed).
    """

    start: int
    end: int
    text: str
    kind: str
    speaker_actor_id: str | None = None
    speaker: Span | None = None
    cue: Span | None = None
    event_ids: tuple[str, ...] = ()
    extractor: str = ""


@dataclass(frozen=True)
class Quantity:
    """A figure with what it counts.

    ``unit`` is an ISO 4217 currency code for money, ``person`` for counts of people,
    a singular noun for other counts (``municipality``), ``percent``, or a time unit
    (``hour``, ``day``, ``year``) for durations. ``qualifier``: None, ``approximately``,
    ``more than``, ``at least``, ``less than``, ``up to``. ``of`` is what is counted.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    kind: str  # money | count | percent | duration | range
    of: str | None = None
    of_span: Span | None = None
    qualifier: str | None = None
    value_max: float | None = None
    extractor: str = ""


@dataclass(frozen=True)
class Result:
    """Everything extracted from one article."""

    article: Article
    actors: tuple[Actor, ...]
    actor_mentions: tuple[ActorMention, ...]
    places: tuple[Place, ...]
    times: tuple[TimeExpression, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    quantities: tuple[Quantity, ...]
    warnings: tuple[str, ...] = ()
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = to_dict(self)
        return data
