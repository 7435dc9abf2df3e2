"""Stage ``places``: an offline geoparser.

Finds toponyms (:mod:`newsevents.geo_recognize`), resolves each to a gazetteer entry
(:mod:`newsevents.geo_resolve`, over :mod:`newsevents.gazetteer`) and adds
:class:`~newsevents.records.Place` records to ``doc.places``. It also leaves two notes
for later stages:

- ``doc.notes["place_metonyms"]``: ``set`` of ``(start, end)`` of places that stand for a
  government or its people ("Washington hopes ...", "thanking Washington"): still places,
  never an event location. Spans listed by the actors stage in ``doc.notes["metonyms"]``
  are included.
- ``doc.notes["focus_place"]``: the article's main :class:`Place` (dateline, else the most
  mentioned, most specific place), for event location fallback; absent when no place.

Nationality words ("Mexican", "Israelis") are added as ``kind="demonym"`` places: a
reference to their country (its entry and centroid), never an event location and never
the focus. Streets, roads, rivers and mountains the gazetteer does not list ("Main Street", "Highway
19", "Neches River") are places too, with no GeoNames id and feature class ``R``, ``H``
or ``T``: a street carries the coordinates and precision of its town; the others carry
the article's country and division, at the division's or the country's centroid.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsevents import token_attrs
from newsevents.actors_lexicon import country_names
from newsevents.gazetteer import Gazetteer, fold, load_gazetteer, load_rules
from newsevents.geo_recognize import Mention, recognize
from newsevents.geo_recognize import dateline_span as find_dateline
from newsevents.geo_resolve import Choice, resolve
from newsevents.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsevents.pipeline import Document

NAME = "places"
VERSION = "places.v1"



def run(doc: Document) -> None:
    gaz = load_gazetteer()
    token_attrs.keep_text(doc.doc, doc.text)
    mentions = recognize(doc.doc, gaz)
    chosen = resolve(mentions, gaz)
    places = [to_place(m, chosen[id(m)]) for m in mentions if id(m) in chosen]
    places = [p for p in places if not country_modifier(doc.doc, p)]
    references = demonym_references(doc.doc, gaz, places)
    doc.places.extend(sorted(places + references, key=lambda p: (p.start, p.end)))
    metonymic = metonyms(doc.doc, places, doc.notes.get("metonyms"))
    doc.notes["place_metonyms"] = metonymic
    focus = focus_place(doc.text, places, metonymic | modifiers(doc.doc, places))
    if focus is not None:
        doc.notes["focus_place"] = focus


def country_modifier(spacy_doc: Doc, place: Place) -> bool:
    """A country name used as an adjective ("US forces", "the U.S. military"): like a
    demonym, it gives an actor's country, not a place."""
    if place.precision != "country":
        return False
    span = spacy_doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in {"compound", "amod", "nmod"} and (
        span.root.head.i > span.root.i
    )


@lru_cache(maxsize=1)
def _nationalities() -> dict[str, str]:
    """Folded nationality word (and its plural) → ISO alpha-3, from the actors' country
    table ("mexican", "sri lankans" → LKA); words equal to the country name are names."""
    table: dict[str, str] = {}
    for code, (name, adjective) in country_names().items():
        if adjective and adjective != name:
            for word in (adjective, adjective + "s"):
                table.setdefault(fold(word), code)
    return table


def demonym_references(spacy_doc: Doc, gaz: Gazetteer, places: list[Place]) -> list[Place]:
    """Nationality words ("Mexican", "Israelis", "Sri Lankan") as references to their
    country: ``kind="demonym"``, the country's entry and centroid, never an event location
    (they say which countries an article mentions). Words inside a toponym are skipped."""
    table = _nationalities()
    out = []
    text = token_attrs.text(spacy_doc)
    words = token_attrs.texts(spacy_doc)  # no spans or Token objects built per token
    starts = token_attrs.starts(spacy_doc)
    caps = token_attrs.capitalised(spacy_doc)
    n = len(words)
    i = 0
    for candidate in [k for k, cap in enumerate(caps) if cap]:
        if candidate < i:
            continue  # inside a nationality word found before
        i = candidate
        run = 1  # capitalised words from here, up to three
        while run < 3 and i + run < n and caps[i + run]:
            run += 1
        found = None
        for last in range(i + run - 1, i - 1, -1):
            start, end = starts[i], starts[last] + len(words[last])
            code = table.get(fold(text[start:end]))
            if code is not None:
                found = (start, end, last + 1, code)
                break
        if found is None:
            continue
        start, end, i, code = found
        if any(p.start < end and start < p.end for p in places):
            continue
        entry = gaz.country(code)
        out.append(Place(
            start=start, end=end, text=text[start:end],
            name=entry.name if entry else country_names()[code][0],
            lat=entry.lat if entry else None, lon=entry.lon if entry else None,
            precision="country", country=code, geonameid=entry.geonameid if entry else None,
            feature_class=entry.feature_class if entry else None,
            feature_code=entry.feature_code if entry else None,
            score=1.0, kind="demonym", extractor=VERSION,
        ))
    return out


def to_place(mention: Mention, choice: Choice) -> Place:
    entry = choice.entry
    return Place(
        start=mention.start,
        end=mention.end,
        text=mention.text,
        name=entry.name,
        lat=entry.lat if choice.located else None,
        lon=entry.lon if choice.located else None,
        precision=entry.precision,
        country=entry.country or None,
        admin1=entry.admin1 or None,
        geonameid=entry.geonameid,
        feature_class=entry.feature_class or None,
        feature_code=entry.feature_code,
        score=round(min(1.0, max(0.0, choice.margin / 10.0)), 3),
        extractor=VERSION,
    )


def _span_bounds(item: Any) -> tuple[int, int] | None:
    """(start, end) of a note item: a tuple, a dict or an object with start/end."""
    if isinstance(item, (tuple, list)) and len(item) >= 2:
        return int(item[0]), int(item[1])
    if isinstance(item, dict) and "start" in item and "end" in item:
        return int(item["start"]), int(item["end"])
    if hasattr(item, "start") and hasattr(item, "end"):
        return int(item.start), int(item.end)
    return None


def _verb_forms(token: Token) -> set[str]:
    """Lemma and crude stems: the small model lemmatises "hopes" as "hop"."""
    word = token.lower_
    forms = {token.lemma_.lower(), word}
    for suffix in ("s", "es", "d", "ed"):
        if word.endswith(suffix):
            forms.add(word[: -len(suffix)])
    return forms


def metonyms(spacy_doc: Doc, places: list[Place], given: Any) -> set[tuple[int, int]]:
    """Places used for their government: subject of a speech or will verb, a possessive
    ("Washington's wing"), the object of thanks, or listed by the actors stage."""
    verbs = set(load_rules()["metonym_verbs"])
    spans: set[tuple[int, int]] = set()
    for item in given or ():
        bounds = _span_bounds(item)
        if bounds is not None:
            spans.add(bounds)
    for place in places:
        if place.precision not in {"country", "city"}:
            continue
        if place.precision == "city" and place.feature_code != "PPLC":
            continue
        span = spacy_doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        head = root.head
        if root.dep_ in {"nsubj", "nsubjpass"} and _verb_forms(head) & verbs:
            spans.add((place.start, place.end))
        elif root.dep_ == "poss" or (root.dep_ == "dobj" and head.lemma_ == "thank"):
            spans.add((place.start, place.end))
    return spans


#: feature classes of streets, roads, water and terrain named in the text but not in the
#: gazetteer (geo_resolve.place_local_features): never the article's focus
LOCAL_CLASSES = {"R", "H", "T"}
#: how much one mention of each precision counts towards the focus place
FOCUS_WEIGHT = {"city": 3, "admin2": 2, "admin1": 2, "country": 1, "region": 1, "continent": 0}


def modifiers(spacy_doc: Doc, places: list[Place]) -> set[tuple[int, int]]:
    """Places used as modifiers of a noun ("US president", "Mexican-US border")."""
    spans = set()
    for place in places:
        span = spacy_doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in {"compound", "amod", "nmod", "poss"}:
            spans.add((place.start, place.end))
    return spans


def focus_place(text: str, places: list[Place], skip: set[tuple[int, int]]) -> Place | None:
    """The dateline place when there is one; else the place with the highest weight of
    plain mentions (metonyms and modifiers like "US president" do not count), a city
    weighing more than a division, a division more than a country."""
    if not places:
        return None
    dateline = find_dateline(text)
    if dateline:
        for place in places:
            if place.start < dateline[1] and dateline[0] < place.end:
                return place
    weights: Counter[tuple[str, str | None, str]] = Counter()
    for place in places:
        if (place.start, place.end) not in skip and place.lat is not None and (
            place.feature_class not in LOCAL_CLASSES
        ):
            weights[(place.name, place.country, place.precision)] += FOCUS_WEIGHT.get(
                place.precision, 0
            )
    if not weights:
        return None
    best = max(weights, key=lambda key: weights[key])
    return next(p for p in places if (p.name, p.country, p.precision) == best)
