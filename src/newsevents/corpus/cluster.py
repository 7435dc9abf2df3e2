"""Cross-article event clustering: reports of the same real-world event become one story.

Two reports may be the same event when they have the same PLOVER type (and mode, when
both give one), dates within :data:`DATE_WINDOW` days (a story never spans more),
overlapping actors (the same canonical id or code, or the same country and sector), no
disjoint recipients (the same police arresting different people are different events)
and compatible places (within
:data:`MAX_KM` km, or the same admin1, or the same country when one side is only known to
country precision). A report joins the most similar compatible story seen so far
(greedy, in date order); a story keeps the union of its reports' actors and places.

Blocking: a report is only compared with stories of its type whose date bucket (days //
window) is its own or a neighbour, so the cost stays near-linear in the number of
reports. Reports are dated by their publication date when the text gives no day (see
:mod:`newsevents.corpus.storage`); reports with no date at all only meet each other.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

METHOD = "cluster.v1"
DATE_WINDOW = 3
MAX_KM = 50.0


@dataclass(frozen=True)
class Report:
    """One event row with what clustering needs to know about it."""

    event_id: str
    article_id: str
    type: str
    day: int | None  # proleptic ordinal of the event (or publication) date
    actors: frozenset[str] = frozenset()  # keys: id:…, code:…, cs:COUNTRY/SECTOR
    recipients: frozenset[str] = frozenset()  # the same keys, for the recipients
    mode: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None
    precision: str | None = None
    topic: str = ""  # an outer block (ECB+ topic); empty for news


@dataclass(eq=False)
class Story:
    """A group of reports believed to be one real-world event."""

    reports: list[Report] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)
    places: list[Report] = field(default_factory=list)
    first: int | None = None
    last: int | None = None

    def add(self, report: Report) -> None:
        self.reports.append(report)
        self.actors |= report.actors
        self.recipients |= report.recipients
        if report.country or report.lat is not None:
            self.places.append(report)
        if report.day is not None:
            self.first = report.day if self.first is None else min(self.first, report.day)
            self.last = report.day if self.last is None else max(self.last, report.day)


def day_of(value: str | None) -> int | None:
    """The ordinal day of an ISO date (``YYYY-MM-DD...``); None for months, years, vague."""
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def actor_keys(actor_id: str | None, code: str | None, country: str | None,
               sector: str | None, kind: str | None = None) -> set[str]:
    """Keys under which two reports' actors count as the same. A bare generic group ("police"
    with no country) is no key: two forces a continent apart would otherwise match."""
    keys = set()
    if actor_id and (code or country or kind in ("person", "organisation", "country")):
        keys.add(f"id:{actor_id}")
    if code:
        keys.add(f"code:{code}")
    if country and sector:
        keys.add(f"cs:{country}/{sector}")
    return keys


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def places_compatible(a: Report, b: Report) -> bool:
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        if km(a.lat, a.lon, b.lat, b.lon) <= MAX_KM:
            return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.admin1 and b.admin1:
        return a.admin1 == b.admin1
    coarse = {"country", "region", "continent"}
    return bool(a.country and b.country and (a.precision in coarse or b.precision in coarse))


def _score(report: Report, story: Story, window: int) -> float | None:
    """How well ``report`` fits ``story`` (higher is better), or None when incompatible."""
    first = story.reports[0]
    if report.mode and first.mode and report.mode != first.mode:
        return None
    if report.day is not None and story.first is not None and story.last is not None:
        if max(report.day, story.last) - min(report.day, story.first) > window:
            return None  # a story spans at most `window` days: no drifting chains
    shared = len(report.actors & story.actors)
    if report.actors and story.actors and not shared:
        return None
    targets = len(report.recipients & story.recipients)
    if report.recipients and story.recipients and not targets:
        return None  # the same force acting on different people: different events
    shared += targets
    placed = report.country or report.lat is not None
    if placed and story.places:
        if not any(places_compatible(report, other) for other in story.places):
            return None
    elif not shared:
        return None  # neither actors nor a place in common: no evidence they are one event
    return shared + (1.0 if placed and story.places else 0.0)


def cluster(reports: Iterable[Report], window: int = DATE_WINDOW) -> list[Story]:
    """Group reports into stories (every report ends up in exactly one story)."""
    ordered = sorted(reports, key=lambda r: (r.topic, r.day if r.day is not None else 0, r.event_id))
    stories: list[Story] = []
    blocks: dict[tuple[str, str, int], list[Story]] = {}
    for report in ordered:
        bucket = (report.day or 0) // max(window, 1)
        best, best_score = None, -1.0
        for offset in (-1, 0, 1):
            for story in blocks.get((report.topic, report.type, bucket + offset), ()):
                score = _score(report, story, window)
                if score is not None and score > best_score:
                    best, best_score = story, score
        if best is None:
            best = Story()
            stories.append(best)
        best.add(report)
        block = blocks.setdefault((report.topic, report.type, bucket), [])
        if best not in block:
            block.append(best)
    return stories
