"""Cross-article event clustering: reports of the same real-world event become one story.

A report joins the story it fits best, in date order, when the evidence that they are one
event outweighs the evidence against (:func:`_score`):

- **vetoes**: dates more than :data:`DATE_WINDOW` days apart across the whole story (a
  story never drifts); two different PLOVER types or trigger keys with nothing else in
  common; named people or organisations on both sides with none shared; named recipients
  (victims, targets) on both sides with none shared when neither article mentions the
  other's; places that both texts state in the event's sentence and that differ.
- **a requirement**: something specific in common besides the predicate: a named person
  or organisation; a place within :data:`MAX_KM` km (both finer than a province, one of
  them stated in the event's sentence: two datelines in one county are no evidence); the
  same sentence (:func:`_echo`: a wire copy); or articles about the same things
  (:func:`article_context`: the report's article shares names or fine places, news
  agencies aside, with most of the story's articles; :data:`CONTEXT_UNDATED` of them
  unless both the report and the story are dated by their text, not only by
  publication). A common predicate alone ("arrested", "wants"), or with a generic
  participant ("police", "a man", a country's government), is no evidence of one event.
- **for**: the same trigger key (the predicate's stem, so "killed", "killing" and "kill"
  agree, and irregular forms and nominalisations from ``data/corpus/trigger_forms.tsv``:
  "died", "death"; synonyms from ``data/corpus/trigger_senses.tsv`` share one key:
  "murdered", "slain"); shared actors and recipients (named ones weigh more than a shared
  group, country or sector); a nearby place.
- **against**: actors or recipients on both sides with none in common, another type or
  trigger key, an inferred place (article focus...) that differs, another mode.

Reports with no PLOVER type (``type == ""``: event mentions we do not code, which the ECB+
evaluation clusters too) only join a story through the same trigger key. After the greedy
pass, one agglomerative pass merges stories of a block that fit each other, which undoes
some order effects of the greedy pass.

Blocking: a report is only compared with stories of its type, or with its trigger key,
whose date bucket (days // window) is its own or a neighbour, so the cost stays
near-linear in the number of reports. Reports are dated by their publication date when
the text gives no day (see :mod:`newsevents.corpus.storage`); a report with no date at
all stays on its own unless an outer block (``topic``: an ECB+ topic; empty for news)
bounds it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from newsevents.paths import DATA_DIR

METHOD = "cluster.v4"  # v4: stricter evidence (named recipients veto, stated places, dated context)
DATE_WINDOW = 3
MAX_KM = 50.0

#: evidence weights (see :func:`_score`); a report joins a story at :data:`THRESHOLD` or more
SAME_TRIGGER = 3.0
SHARED_NAMED = 2.0  # a named person or organisation among the actors (or the recipients)
SHARED_GROUP = 1.0  # only a group, country or sector in common
SAME_PLACE = 1.0
OTHER_ACTORS = 1.5
OTHER_RECIPIENTS = 1.5
OTHER_MODE = 0.5
OTHER_TYPE = 1.0
OTHER_PLACE = 3.0  # places that differ where one was only inferred (article focus...)
OTHER_TRIGGER = 2.5
THRESHOLD = 1.0
CONTEXT_MIN = 0.2  # share of names and places two articles about one thing have in common
CONTEXT_UNDATED = 4  # names and places in common unless both reports' texts date them
ECHO_MIN = 0.6  # word overlap (Jaccard) of two sentences that tell one thing (wire copies)
ECHO_WORDS = 6  # ...of at least this many words

#: bounds that keep the cost linear: stories compared per block, articles whose context a
#: story keeps, reports of a story checked when two stories merge
MAX_CANDIDATES = 200
CONTEXT_ARTICLES = 8
FIT_SAMPLE = 8

#: place precisions too coarse to say two reports happened at one place
COARSE = frozenset({"country", "region", "continent"})
#: precisions too broad for two reports to count as "at the same place"
BROAD = COARSE | {"admin1"}
#: place bases (see the events stage) that name the event's own place in its sentence
STATED = frozenset({"argument", "sentence"})

FORMS = DATA_DIR / "corpus" / "trigger_forms.tsv"
SENSES = DATA_DIR / "corpus" / "trigger_senses.tsv"
GENERIC = DATA_DIR / "corpus" / "generic_names.tsv"


@dataclass(frozen=True)
class Report:
    """One event row with what clustering needs to know about it."""

    event_id: str
    article_id: str
    type: str  # PLOVER type; "" for an event mention we code no type for
    day: int | None  # proleptic ordinal of the event (or publication) date
    actors: frozenset[str] = frozenset()  # keys: id:…, code:…, cs:COUNTRY/SECTOR, sn:surname
    recipients: frozenset[str] = frozenset()  # the same keys, for the recipients
    mode: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None
    precision: str | None = None
    place_basis: str | None = None  # how the place was found: argument, sentence, focus...
    topic: str = ""  # an outer block (ECB+ topic); empty for news
    trigger: str = ""  # trigger key (:func:`trigger_key`), "" when unknown
    context: frozenset[str] = frozenset()  # what the article is about (:func:`article_context`)
    dated: bool = False  # the text itself dates the event (not only the publication date)
    words: frozenset[str] = frozenset()  # the words of its sentence (:func:`sentence_words`)


@dataclass(eq=False)
class Story:
    """A group of reports believed to be one real-world event."""

    reports: list[Report] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)
    triggers: set[str] = field(default_factory=set)
    dated: bool = False  # one of its reports is dated by its text (or bounded by a topic)
    contexts: dict[str, frozenset[str]] = field(default_factory=dict)  # by article
    sentences: list[frozenset[str]] = field(default_factory=list)  # the first few, as words
    places: list[Report] = field(default_factory=list)  # one report per distinct place
    type: str = ""
    mode: str | None = None
    first: int | None = None
    last: int | None = None

    def add(self, report: Report) -> None:
        self.reports.append(report)
        self.actors |= report.actors
        self.recipients |= report.recipients
        if report.trigger:
            self.triggers.add(report.trigger)
        if len(self.contexts) < CONTEXT_ARTICLES:
            self.contexts.setdefault(report.article_id, report.context)
        if report.words and len(self.sentences) < CONTEXT_ARTICLES:
            self.sentences.append(report.words)
        self.type = self.type or report.type
        self.dated = self.dated or _anchored(report)
        self.mode = self.mode or report.mode
        if (report.country or report.lat is not None) and not any(
                _same_place(report, p) for p in self.places):
            self.places.append(report)
        if report.day is not None:
            self.first = report.day if self.first is None else min(self.first, report.day)
            self.last = report.day if self.last is None else max(self.last, report.day)

    def absorb(self, other: Story) -> None:
        for report in other.reports:
            self.add(report)


def _same_place(a: Report, b: Report) -> bool:
    return (a.lat, a.lon, a.admin1, a.country, a.precision, a.place_basis in STATED) == (
        b.lat, b.lon, b.admin1, b.country, b.precision, b.place_basis in STATED)


def day_of(value: str | None) -> int | None:
    """The ordinal day of an ISO date (``YYYY-MM-DD...``); None for months, years, vague."""
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


@cache
def _forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for line in FORMS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form, base = line.split("\t")[:2]
            forms[form.strip()] = base.strip()
    return forms


_WORD = re.compile(r"[a-z]+")
_DOUBLE = re.compile(r"([bdfgklmnprtz])\1$")


@cache
def _senses() -> dict[str, str]:
    """``{stem: key}``: every word of a synonym set keys as the stem of the set's sense."""
    senses: dict[str, str] = {}
    for line in SENSES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sense, words = line.split("\t")[:2]
            for word in words.split():
                senses[_stem(word)] = _stem(sense.strip())
    return senses


@cache
def trigger_key(text: str) -> str:
    """A stem under which inflections, nominalisations and synonyms of one predicate agree.

    >>> [trigger_key(w) for w in ("killed", "killing", "kills", "Death", "died", "planned")]
    ['kill', 'kill', 'kill', 'di', 'di', 'plan']
    >>> [trigger_key(w) for w in ("murdered", "slain", "detained", "arrests")]
    ['kill', 'kill', 'arrest', 'arrest']
    """
    first = text.lower().split()[:1]
    words = _WORD.findall(first[0]) if first else []
    if not words:
        return ""
    stem = _stem(words[-1])  # "co-hosted": the last part
    return _senses().get(stem, stem)


def _stem(word: str) -> str:
    """The stem of one lower-case word: suffix rules after ``trigger_forms.tsv``."""
    word = _forms().get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and re.search(r"(ss|x|z|ch|sh)es$", word):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 4 and word.endswith("ied"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 6 and word.endswith("ment"):
        word = word[:-4]
    elif len(word) > 6 and re.search(r"[st]ion$", word):
        word = word[:-3]
    if _DOUBLE.search(word) and not word.endswith(("ll", "ss", "ff", "zz")):
        word = word[:-1]
    return word.rstrip("e") if len(word) > 2 else word  # "agree", "agreed": "agr"


@cache
def _generic() -> frozenset[str]:
    """Context keys of names that say nothing about an article (news agencies)."""
    names = (line.strip().lower() for line in GENERIC.read_text(encoding="utf-8").splitlines())
    return frozenset(f"nm:{n}" for n in names if n and not n.startswith("#"))


def actor_keys(actor_id: str | None, code: str | None, country: str | None,
               sector: str | None, kind: str | None = None) -> set[str]:
    """Keys under which two reports' actors count as the same. A bare generic group ("police"
    with no country) is no key: two forces a continent apart would otherwise match. A person
    also keys by surname (the last part of the id), so "reid" and "tara_reid" meet."""
    keys = set()
    if actor_id and (code or country or kind in ("person", "organisation", "country")):
        keys.add(f"id:{actor_id}")
    if actor_id and kind == "person" and not code:
        keys.add(f"sn:{actor_id.rsplit('_', 1)[-1].lower()}")
    elif actor_id and kind == "organisation" and not code:
        keys.add(f"nm:{actor_id.lower()}")
    if code:
        keys.add(f"code:{code}")
    if country and sector:
        keys.add(f"cs:{country}/{sector}")
    return keys


def article_context(actors: Iterable[tuple[str | None, str | None, str | None, str | None,
                                           str | None]],
                    places: Iterable[tuple[int | None, str | None]]) -> frozenset[str]:
    """What an article is about, to tell two reports with the same predicate apart: the
    named people and organisations it mentions (``(id, code, country, sector, kind)``, keyed
    as by :func:`actor_keys`) and its places finer than a region (``(geonameid,
    precision)``)."""
    keys = {k for actor in actors for k in actor_keys(*actor) if k.startswith(("sn:", "nm:"))}
    keys |= {f"sn:{a[0].rsplit('_', 1)[-1].lower()}" for a in actors  # coded people too
             if a[0] and a[1] and len(a) > 4 and a[4] == "person"}
    keys -= _generic()
    keys |= {f"gn:{gid}" for gid, precision in places
             if gid and precision not in BROAD}
    return frozenset(keys)


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
    return bool(a.country and b.country and (a.precision in COARSE or b.precision in COARSE))


NAMED = ("sn:", "nm:")


def _overlap(mine: frozenset[str], theirs: set[str]) -> tuple[float, bool]:
    """Evidence from shared participants (:data:`SHARED_NAMED` for a named person or
    organisation, :data:`SHARED_GROUP` for a group, country or sector only), and whether
    both sides have participants but share none."""
    if not mine or not theirs:
        return 0.0, False
    shared = mine & theirs
    if not shared:
        return 0.0, True
    return (SHARED_NAMED if any(k.startswith(NAMED) for k in shared) else SHARED_GROUP), False


def _near(a: Report, b: Report) -> bool:
    """Both places known finer than a province, within :data:`MAX_KM` km, and one of them
    stated in the event's sentence: two places inferred from the articles' focus (their
    datelines) only say that two local papers write about one town."""
    if a.precision in BROAD or b.precision in BROAD:
        return False
    if a.place_basis not in STATED and b.place_basis not in STATED:
        return False
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return km(a.lat, a.lon, b.lat, b.lon) <= MAX_KM


def _named(keys: Iterable[str]) -> bool:
    return any(k.startswith(NAMED) for k in keys)


def _about(report: Report, story: Story) -> bool:
    """Whether the report's article names people, organisations or places in common with
    most of the story's articles (its own article aside): what the articles are about.
    Unless both the report and the story are dated by their text (not only by publication),
    one shared name is chance: they need :data:`CONTEXT_UNDATED` in common."""
    others = [c for a, c in story.contexts.items() if a != report.article_id]
    if not others or not report.context:
        return not others
    least = 1 if _anchored(report) and story.dated else CONTEXT_UNDATED
    return 2 * sum(1 for c in others if _alike(report.context, c, least)) > len(others)


def _alike(a: frozenset[str], b: frozenset[str], least: int = 1) -> bool:
    """Two articles about the same things: at least ``least`` names or places in common, and
    at least :data:`CONTEXT_MIN` of the smaller context."""
    shared = len(a & b)
    return shared >= least and shared >= CONTEXT_MIN * min(len(a), len(b))


def sentence_words(text: str | None) -> frozenset[str]:
    """The words of a sentence, lower case, for :func:`_echo`."""
    return frozenset(_WORD.findall((text or "").lower()))


def _echo(report: Report, story: Story) -> bool:
    """Whether the report's sentence repeats one of the story's (a wire copy, a quote taken
    up): most of their words in common."""
    if len(report.words) < ECHO_WORDS:
        return False
    return any(len(report.words & w) >= ECHO_MIN * len(report.words | w)
               for w in story.sentences)


def _strangers(report: Report, story: Story) -> bool:
    """Named recipients (victims, targets) on both sides, none in common, and neither
    article mentions the other's: two different people arrested, two different targets."""
    mine = {k for k in report.recipients if k.startswith(NAMED)}
    theirs = {k for k in story.recipients if k.startswith(NAMED)}
    if not mine or not theirs or mine & theirs:
        return False
    return not (report.context & theirs) and not any(mine & c for c in story.contexts.values())


def _anchored(report: Report) -> bool:
    """Whether something besides the publication date bounds the report in time: a date
    its text states, or an outer block (an ECB+ topic)."""
    return report.dated or bool(report.topic)


def _score(report: Report, story: Story, window: int) -> float | None:
    """How well ``report`` fits ``story`` (higher is better), or None when it does not."""
    if report.day is None and not report.topic:
        return None  # no date and no outer block: nothing bounds it in time
    if report.day is not None and story.first is not None and story.last is not None:
        if max(report.day, story.last) - min(report.day, story.first) > window:
            return None  # a story spans at most `window` days: no drifting chains
    same_trigger = bool(report.trigger and report.trigger in story.triggers)
    other_type = bool(report.type and story.type and report.type != story.type)
    if not same_trigger:
        if other_type or not (report.type and story.type):
            return None  # other types, or an untyped mention: only the same predicate joins
        if report.actors.isdisjoint(story.actors) and report.recipients.isdisjoint(story.recipients):
            return None  # another predicate and no participant in common
    placed = bool(report.country or report.lat is not None)
    clash = [p for p in story.places if not places_compatible(report, p)] if placed else []
    elsewhere = bool(clash) and len(clash) == len(story.places)
    if elsewhere and report.place_basis in STATED and any(p.place_basis in STATED for p in clash):
        return None  # both texts name the place of the event, and they differ
    actors, other_actors = _overlap(report.actors, story.actors)
    if other_actors and _named(report.actors) and _named(story.actors):
        return None  # named people or organisations on both sides, none in common
    targets, other_targets = _overlap(report.recipients, story.recipients)
    if other_targets and _strangers(report, story):
        return None  # different named victims or targets, neither mentioned by the other
    near = any(_near(report, p) for p in story.places) if placed else False
    if not (actors == SHARED_NAMED or targets == SHARED_NAMED or near or _about(report, story)
            or _echo(report, story)):
        return None  # no named participant, stated place, subject or sentence in common
    evidence = SAME_TRIGGER * same_trigger + actors + targets + SAME_PLACE * near
    evidence -= OTHER_ACTORS * other_actors + OTHER_RECIPIENTS * other_targets
    evidence -= OTHER_TYPE * other_type + OTHER_PLACE * elsewhere
    if report.trigger and story.triggers and not same_trigger:
        evidence -= OTHER_TRIGGER
    if report.mode and story.mode and report.mode != story.mode:
        evidence -= OTHER_MODE
    return evidence if evidence >= THRESHOLD else None


def _keys(report: Report, window: int) -> list[tuple[str, str, int]]:
    """Blocking keys: the trigger key (the type when there is none), and each named
    participant (a report with another trigger key can only fit through one, see
    :func:`_score`), within a date bucket."""
    bucket = (report.day or 0) // max(window, 1)
    kinds = [f"trigger:{report.trigger}" if report.trigger else f"type:{report.type}"]
    if report.type:
        kinds += sorted(k for k in report.actors | report.recipients if k.startswith(NAMED))
    return [(report.topic, kind, bucket) for kind in kinds]


def _candidates(report: Report, blocks: dict[tuple[str, str, int], list[Story]],
                window: int) -> Iterable[Story]:
    """The stories a report is compared with: the latest :data:`MAX_CANDIDATES` of each of
    its blocks and the neighbouring date buckets, each once."""
    seen: set[int] = set()
    for topic, kind, bucket in _keys(report, window):
        for offset in (-1, 0, 1):
            for story in blocks.get((topic, kind, bucket + offset), [])[-MAX_CANDIDATES:]:
                if id(story) not in seen:
                    seen.add(id(story))
                    yield story


def cluster(reports: Iterable[Report], window: int = DATE_WINDOW) -> list[Story]:
    """Group reports into stories (every report ends up in exactly one story)."""
    ordered = sorted(reports, key=lambda r: (r.topic, r.day if r.day is not None else 0, r.event_id))
    stories: list[Story] = []
    blocks: dict[tuple[str, str, int], list[Story]] = {}
    for report in ordered:
        best, best_score = None, -math.inf
        for story in _candidates(report, blocks, window):
            score = _score(report, story, window)
            if score is not None and score > best_score:
                best, best_score = story, score
        if best is None:
            best = Story()
            stories.append(best)
        best.add(report)
        for key in _keys(report, window):
            block = blocks.setdefault(key, [])
            if best not in block:
                block.append(best)
    return _merge(stories, blocks, window)


def _fits(a: Story, b: Story, window: int) -> float | None:
    """How well two stories fit together: the worst fit of a report of the smaller one to
    the larger, or None when one of them does not fit."""
    if a.triggers.isdisjoint(b.triggers) and a.actors.isdisjoint(b.actors) and (
            a.recipients.isdisjoint(b.recipients)):
        return None
    small, large = (a, b) if len(a.reports) <= len(b.reports) else (b, a)
    worst = math.inf
    for report in small.reports[:FIT_SAMPLE]:
        score = _score(report, large, window)
        if score is None:
            return None
        worst = min(worst, score)
    return worst


def _merge(stories: list[Story], blocks: dict[tuple[str, str, int], list[Story]],
           window: int) -> list[Story]:
    """One agglomerative pass: each story, largest first, absorbs the best-fitting story of
    its blocks (one that the smaller's reports fit). Cost: like the greedy pass, at most
    :data:`MAX_CANDIDATES` comparisons per block and neighbouring bucket."""
    gone: set[int] = set()
    keys_of: dict[int, set[tuple[str, str, int]]] = {}
    for key, members in blocks.items():
        for story in members:
            keys_of.setdefault(id(story), set()).add(key)
    for story in sorted(stories, key=lambda s: -len(s.reports)):
        if id(story) in gone:
            continue
        best, best_score = None, -math.inf
        seen = {id(story)}
        for topic, kind, bucket in sorted(keys_of.get(id(story), ())):
            for offset in (-1, 0, 1):
                for other in blocks.get((topic, kind, bucket + offset), [])[-MAX_CANDIDATES:]:
                    if id(other) in seen or id(other) in gone:
                        continue
                    seen.add(id(other))
                    score = _fits(story, other, window)
                    if score is not None and score > best_score:
                        best, best_score = other, score
        if best is not None:
            story.absorb(best)
            gone.add(id(best))
            for key in keys_of.get(id(best), set()) - keys_of[id(story)]:
                blocks[key].append(story)
                keys_of[id(story)].add(key)
    return [s for s in stories if id(s) not in gone]
