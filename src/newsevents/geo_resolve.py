"""Choose one gazetteer entry for each toponym mention.

Each candidate gets a prior (log population, a bonus for countries, first-level divisions
and capitals) and then document evidence: what a trigger asks for ("the state of"), the
containing place of an "X, Y" pair, the precision shared by a list of siblings, the
article's dominant country and division, and closeness to places that are unambiguous.
Resolution runs twice: a first pass by prior gives the document context, a second pass
uses it.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from newsevents.gazetteer import Entry, Gazetteer, expanded_keys, fold
from newsevents.geo_recognize import Mention

TYPE_BONUS = {
    "country": 2.5, "admin1": 1.0, "admin2": 0.5, "continent": 2.5, "region": 6.0, "city": 0.0,
}
CAPITAL_BONUS = 2.5
NAME_BONUS = 2.0  # the surface is the entry's own name, not one of its alternate names
WANT_BONUS = 6.0
CONTAINER_BONUS = 6.0
SIBLING_BONUS = 5.0
COUNTRY_BONUS = 2.5
ADMIN1_BONUS = 3.5
NAMED_DIVISION_BONUS = 2.0  # in a state or county the article names, not the dominant one
NEAR_BONUS = 3.0
NEAR_KM = 150.0
EARTH_KM = 6371.0
CONFIDENT_MARGIN = 2.0
#: a named state or county weighs this much more than a town in the country vote
DIVISION_VOTE = 1.5
#: precisions inside a first-level division (the article's state favours them)
LOCAL = {"city", "admin2"}


@dataclass(frozen=True)
class Choice:
    entry: Entry
    score: float
    margin: float  # score gap to the runner-up (confidence)
    located: bool = True  # False: a local feature known only by its country and division


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def prior(entry: Entry) -> float:
    score = math.log10(entry.population + 10) + TYPE_BONUS.get(entry.precision, 0.0)
    if entry.feature_code == "PPLC":
        score += CAPITAL_BONUS
    return score


@dataclass
class Context:
    """What the document as a whole says about where it is."""

    country: str | None = None
    admin1: str | None = None
    anchors: tuple[Entry, ...] = ()
    #: id(mention) → entry id chosen jointly for "X, Y" pairs (Y contains X)
    pairs: dict[int, int] = field(default_factory=dict)
    #: (country, admin1) of each state or county the article names → the names naming it
    divisions: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    #: names of countries and states ("California", "Washington"): never pulled to a
    #: small town of that name by a named division
    big_names: frozenset[str] = frozenset()


def _contains(outer: Entry, inner: Entry) -> bool:
    if outer.precision == "country":
        return inner.country == outer.country and inner.precision != "country"
    if outer.precision == "admin1":
        return inner.country == outer.country and inner.precision in {"city", "admin2"} and (
            inner.admin1 == outer.admin1
            or distance_km(inner.lat, inner.lon, outer.lat, outer.lon) < 300
        )
    return False


@dataclass(frozen=True)
class _Evidence:
    """What scores every candidate of one mention alike, worked out once per mention."""

    #: the folded surface and its spelled-out forms ("Mt. Pleasant": "mount pleasant")
    names: frozenset[str]
    #: (precision, country) most of the mention's resolved list siblings share
    siblings: tuple[str, str] | None


def _evidence(mention: Mention, chosen: dict[int, Choice]) -> _Evidence:
    sibling_types = Counter(
        (chosen[id(s)].entry.precision, chosen[id(s)].entry.country)
        for s in mention.siblings
        if id(s) in chosen
    )
    return _Evidence(
        names=frozenset([fold(mention.text), *expanded_keys(mention.text, lookup=True)]),
        siblings=sibling_types.most_common(1)[0][0] if sibling_types else None,
    )


def score(
    entry: Entry, mention: Mention, chosen: dict[int, Choice], context: Context,
    evidence: _Evidence | None = None,
) -> float:
    if evidence is None:
        evidence = _evidence(mention, chosen)
    value = prior(entry)
    if fold(entry.name) in evidence.names:
        value += NAME_BONUS
    if mention.want and entry.precision == mention.want:
        value += WANT_BONUS
    if context.pairs.get(id(mention)) == entry.id:
        value += CONTAINER_BONUS
    if evidence.siblings == (entry.precision, entry.country):
        value += SIBLING_BONUS
    if context.country and entry.country == context.country:
        value += COUNTRY_BONUS
    if context.admin1 and entry.precision in LOCAL and entry.admin1 == context.admin1:
        value += ADMIN1_BONUS
    elif (
        entry.precision in LOCAL and mention.text not in context.big_names
        and context.divisions.get((entry.country, entry.admin1), {mention.text})
        - {mention.text}
    ):
        value += NAMED_DIVISION_BONUS  # "Paris" in an article that names Illinois
    if entry.precision == "city" and any(
        a.id != entry.id and distance_km(a.lat, a.lon, entry.lat, entry.lon) < NEAR_KM
        for a in context.anchors
    ):
        value += NEAR_BONUS
    return value


def choose(
    candidates: list[Entry], mention: Mention, chosen: dict[int, Choice], context: Context
) -> Choice | None:
    if not candidates:
        return None
    evidence = _evidence(mention, chosen)
    scored = sorted(
        ((score(e, mention, chosen, context, evidence), e) for e in candidates),
        key=lambda pair: (-pair[0], pair[1].id),
    )
    best, entry = scored[0]
    margin = best - scored[1][0] if len(scored) > 1 else 10.0
    return Choice(entry, best, margin)


def document_context(chosen: dict[int, Choice], mentions: list[Mention]) -> Context:
    """Dominant country and division, and the confidently placed cities and divisions."""
    countries: dict[str, float] = defaultdict(float)
    admins: dict[tuple[str, str], float] = defaultdict(float)
    divisions: dict[tuple[str, str], set[str]] = {}
    anchors = []
    seen: set[str] = set()
    for mention in mentions:
        choice = chosen.get(id(mention))
        if choice is None or not choice.entry.country or mention.text in seen:
            continue
        seen.add(mention.text)  # each name votes once; a doubtful choice votes little
        entry = choice.entry
        weight = 1.0 if choice.margin >= CONFIDENT_MARGIN else 0.3
        if entry.precision in {"admin1", "admin2"}:
            weight *= DIVISION_VOTE  # "Illinois" says more about the country than "Paris"
        countries[entry.country] += weight
        if entry.precision in {"city", "admin2", "admin1"} and entry.admin1:
            admins[(entry.country, entry.admin1)] += weight
        if entry.precision in {"admin1", "admin2"} and entry.admin1:
            divisions.setdefault((entry.country, entry.admin1), set()).add(mention.text)
        if entry.precision == "city" and choice.margin >= CONFIDENT_MARGIN:
            anchors.append(entry)
    context = Context()
    if countries:
        context.country = max(countries, key=lambda c: countries[c])
    local = [(key, n) for key, n in admins.items() if key[0] == context.country]
    if local:
        context.admin1 = max(local, key=lambda pair: pair[1])[0][1]
    context.anchors = tuple(anchors)
    context.divisions = divisions
    return context


def pair_choices(
    mentions: list[Mention], candidates: dict[int, list[Entry]]
) -> dict[int, int]:
    """For each "X, Y" pair, the best (x, y) by prior where y contains x.

    "Seattle, Washington" → Seattle WA + the state; "Iguala, Guerrero" → the Iguala in
    Guerrero. Pairs where no y contains any x ("Dallas, Houston") get nothing.
    """
    out: dict[int, int] = {}
    for mention in mentions:
        outer = mention.container
        if outer is None:
            continue
        best = None
        for y in candidates.get(id(outer), []):
            if y.precision not in {"admin1", "country"}:
                continue
            for x in candidates[id(mention)]:
                if _contains(y, x):
                    total = prior(x) + prior(y)
                    if best is None or total > best[0]:
                        best = (total, x, y)
        if best is not None:
            out[id(mention)] = best[1].id
            out[id(outer)] = best[2].id
    return out


#: how the gazetteer names second-level divisions ("Walton County", "Rapides Parish")
DIVISION_SUFFIXES = (" County", " Parish", " Borough")


def _candidates(gaz: Gazetteer, mention: Mention) -> list[Entry]:
    """The entries a mention may name; a name a list calls a county ("Barrow, Jackson and
    Madison counties") is also looked up as "Jackson County"."""
    found = gaz.lookup(mention.text, mention.any_case)
    if mention.want == "admin2" and not any(e.precision == "admin2" for e in found):
        for suffix in DIVISION_SUFFIXES:
            found = found + gaz.lookup(mention.text + suffix)
    return found


def resolve(mentions: list[Mention], gaz: Gazetteer) -> dict[int, Choice]:
    """``{id(mention): Choice}`` for every mention the gazetteer knows."""
    candidates = {id(m): _candidates(gaz, m) for m in mentions}
    chosen: dict[int, Choice] = {}
    pairs = pair_choices(mentions, candidates)
    context = Context(pairs=pairs)
    for _ in range(2):  # containers and siblings may be resolved after their partners
        for mention in mentions:
            choice = choose(candidates[id(mention)], mention, chosen, context)
            if choice is not None:
                chosen[id(mention)] = choice
    context = document_context(chosen, mentions)
    context.pairs = pairs
    context.big_names = frozenset(
        m.text for m in mentions if any(
            e.precision in {"admin1", "country"} and fold(e.name) == fold(m.text)
            for e in candidates[id(m)]
        )
    )
    for mention in mentions:
        choice = choose(candidates[id(mention)], mention, chosen, context)
        if choice is not None:
            chosen[id(mention)] = choice
    place_local_features(mentions, chosen, context, gaz)
    return chosen


#: precisions a street may be placed at: the town (or county) it is in
TOWN_PRECISIONS = ("city", "admin2")
DATELINE_WEIGHT = 3.0
#: GeoNames feature class of each kind of local feature (none for a place of unknown kind)
LOCAL_CLASS = {"S": "R", "R": "R", "H": "H", "T": "T"}
MIN_TOWN_WEIGHT = 2.0


def place_local_features(
    mentions: list[Mention], chosen: dict[int, Choice], context: Context,
    gaz: Gazetteer | None = None,
) -> None:
    """Place each local feature the gazetteer does not list ("Main Street", "Neches
    River"). A street goes to its town: the place after it ("Main Street, Torrington"),
    else the town the article clearly names most (twice or in its dateline, and more than
    any other town) in its dominant country, else such a county. The entry keeps the
    feature's own name, no GeoNames id, feature class R and the town's coordinates and
    precision. Highways, water and terrain (R, H, T), place entities the gazetteer does
    not know (X), and streets of an article with no clear town, are no point we know: they get the article's country and division, and
    the centroid of the division (precision ``admin1``) or else of the country (precision
    ``country``), as ACLED codes an event known only by its region; with neither in the
    gazetteer, no coordinates (``Choice.located`` is False). With no country at all, nothing."""
    towns: dict[int, float] = defaultdict(float)
    entries: dict[int, Entry] = {}
    for mention in mentions:
        choice = chosen.get(id(mention))
        if choice is None or mention.local is not None:
            continue
        entry = choice.entry
        if entry.country == context.country:
            entries[entry.id] = entry
            # the dateline names the town a local report is from; doubtful choices weigh less
            towns[entry.id] += DATELINE_WEIGHT if mention.any_case else (
                1.0 if choice.margin >= CONFIDENT_MARGIN else 0.5
            )
    ranking = sorted(towns, key=lambda i: -towns[i])
    for mention in mentions:
        if mention.local is None or id(mention) in chosen:
            continue
        anchor = None
        container = mention.container
        if container is not None and id(container) in chosen:
            entry = chosen[id(container)].entry
            if entry.precision in TOWN_PRECISIONS:
                anchor = entry
        for precision in TOWN_PRECISIONS:
            if anchor is not None:
                break
            ranked = [i for i in ranking if entries[i].precision == precision]
            if ranked and towns[ranked[0]] >= MIN_TOWN_WEIGHT and (
                len(ranked) == 1 or towns[ranked[0]] > towns[ranked[1]]
            ):
                anchor = entries[ranked[0]]  # a clear first: named twice, or the dateline
        located = anchor is not None and mention.local == "S"
        if anchor is None:
            if not context.country:
                continue
            country, admin1 = context.country, context.admin1 or ""
        else:
            country, admin1 = anchor.country, anchor.admin1
        point = anchor if located else _region_point(gaz, country, admin1)
        located = point is not None
        precision = point.precision if located and point else (
            "admin1" if admin1 else "country"
        )
        entry = Entry(
            id=-1, name=mention.text, feature_class=LOCAL_CLASS.get(mention.local, ""),
            feature_code="",
            country=country, admin1=admin1, lat=point.lat if point else 0.0,
            lon=point.lon if point else 0.0, population=0, precision=precision,
            geonameid=None,
        )
        chosen[id(mention)] = Choice(entry, 0.0, 0.0, located=located)


def _region_point(gaz: Gazetteer | None, country: str, admin1: str) -> Entry | None:
    """The division's entry, else the country's: where a feature we cannot place lies."""
    if gaz is None:
        return None
    division = gaz.division(country, admin1) if admin1 else None
    return division or gaz.country(country)
