"""Geoparsing evaluation on LGL-format and GeoWebNews-format XML gold sets.

Both formats hold ``<article>`` elements with a ``<text>`` and ``<toponym>`` elements with
character offsets and gold coordinates. LGL puts them in ``<gaztag><lat>/<lon>``; GeoWebNews
in ``<latitude>/<longitude>`` with a ``<type>``. Any corpus in either format is accepted.

GeoWebNews types: only ``Literal`` toponyms are gold for recall and accuracy (the brief and
the GWN paper's "literal" setting). A prediction is a false positive only when it overlaps
no annotated span of a place type (Literal, Literal_Modifier, Embedded_Literal, Coercion,
Mixed, Metonymic: real places the stage may legitimately report); predictions on Demonym,
Language, Homonym, Non_Toponym, Non_Lit_Expression spans or on nothing count against
precision.

Metrics (section ``places``): toponym ``precision``/``recall`` (span overlap) of the
places of kind ``toponym``; ``recall_without_demonyms`` (recall over gold spans spaCy does
not tag NORP: the project reports demonyms as country references, not toponyms);
``recall_with_demonym_references`` / ``precision_with_demonym_references`` (the same
counting the ``demonym`` places too: LGL annotates "Israeli" as a toponym, GeoWebNews
counts demonyms against precision); and over gold
toponyms with coordinates: ``accuracy_161km`` (among recognised), ``accuracy_161km_end_to_end``
(recognised and within 161 km, over all), ``recognised_without_coordinates`` (gold
toponyms with coordinates matched by a place the stage gave none: a river or highway it
does not know as a point; outside ``accuracy_161km``, failures end to end),
``mean_error_km``, ``median_error_km``, ``auc``
(area under the curve of log(1 + error km) / log(20039), lower is better, as in Gritta et
al.), and ``resolution_accuracy_161km`` / ``resolution_auc`` with gold spans given.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.gazetteer import load_gazetteer
from newsevents.geo_recognize import Mention
from newsevents.geo_resolve import distance_km, resolve
from newsevents.pipeline import Document
from newsevents.records import Article
from newsevents.stages import parse, places

MAX_ERROR_KM = 20039.0
GWN_GOLD_TYPES = {"Literal"}
GWN_PLACE_TYPES = {
    "Literal", "Literal_Modifier", "Embedded_Literal", "Coercion", "Mixed", "Metonymic",
}


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    kind: str  # GWN type, "Literal" for LGL


@dataclass(frozen=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(element: ET.Element | None) -> float | None:
    if element is None or not (element.text or "").strip():
        return None
    return float(element.text)  # type: ignore[arg-type]


def read_gold(path: Path) -> list[GoldArticle]:
    """Articles of an LGL- or GWN-format XML file."""
    articles = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        toponyms = []
        for top in art.iter("toponym"):
            start, end = int(top.findtext("start") or 0), int(top.findtext("end") or 0)
            gaztag = top.find("gaztag")
            if gaztag is not None:
                lat, lon = _float(gaztag.find("lat")), _float(gaztag.find("lon"))
            else:
                lat, lon = _float(top.find("latitude")), _float(top.find("longitude"))
            kind = (top.findtext("type") or "Literal").strip()
            toponyms.append(GoldToponym(start, end, text[start:end], lat, lon, kind))
        articles.append(GoldArticle(text, tuple(toponyms)))
    return articles


def auc(errors: list[float]) -> float:
    """Area under the curve of scaled log errors (0 perfect, 1 worst)."""
    if not errors:
        return 0.0
    scaled = sorted(math.log1p(min(e, MAX_ERROR_KM)) / math.log1p(MAX_ERROR_KM) for e in errors)
    # trapezoids over the cumulative curve, x = fraction of toponyms
    n = len(scaled)
    return sum((scaled[i] + scaled[i + 1]) / 2 for i in range(n - 1)) / (n - 1) if n > 1 else scaled[0]


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _demonym(doc: Document, top: GoldToponym) -> bool:
    """A gold span spaCy tags NORP ("Sudanese", "Israeli"): LGL counts demonyms as
    toponyms; newsevents gives them to actors as countries, never as places."""
    span = doc.doc.char_span(top.start, top.end, alignment_mode="expand")
    return span is not None and any(tok.ent_type_ == "NORP" for tok in span)


def _run(text: str) -> Document:
    """Parse + places only; the text is not cleaned, since gold offsets refer to it."""
    doc = Document(article=Article(id="geo-eval", text=text))
    parse.run(doc)
    places.run(doc)
    return doc


def _resolution_errors(gold: list[GoldToponym]) -> list[float]:
    """Errors when the gold spans are given: resolve them with the document's parse."""
    mentions = [Mention(t.start, t.end, t.text, True) for t in gold]
    chosen = resolve(mentions, load_gazetteer())
    errors = []
    for mention, top in zip(mentions, gold, strict=True):
        choice = chosen.get(id(mention))
        if choice is None or top.lat is None or top.lon is None:
            errors.append(MAX_ERROR_KM)
            continue
        errors.append(distance_km(choice.entry.lat, choice.entry.lon, top.lat, top.lon))
    return errors


def evaluate(path: Path, limit: int | None = None, name: str = "lgl") -> dict[str, Any]:
    articles = read_gold(path)[:limit] if limit else read_gold(path)
    n_gold = n_pred = tp_gold = tp_pred = n_plain = tp_plain = 0
    errors: list[float] = []
    n_with_coords = 0
    unlocated = 0  # recognised, but the place has no coordinates (a river, a highway)
    resolution: list[float] = []
    n_all = tp_all_pred = tp_all_gold = 0  # counting demonym country references too
    for article in articles:
        doc = _run(article.text)
        places = [p for p in doc.places if p.kind == "toponym"]
        gold = [t for t in article.toponyms if t.kind in GWN_GOLD_TYPES]
        allowed = [t for t in article.toponyms if t.kind in GWN_PLACE_TYPES]
        n_gold += len(gold)
        n_pred += len(places)
        n_all += len(doc.places)
        tp_pred += sum(
            any(_overlaps(p.start, p.end, t.start, t.end) for t in allowed) for p in places
        )
        tp_all_pred += sum(
            any(_overlaps(p.start, p.end, t.start, t.end) for t in allowed) for p in doc.places
        )
        for top in gold:
            match = [p for p in places if _overlaps(p.start, p.end, top.start, top.end)]
            tp_gold += bool(match)
            tp_all_gold += any(
                _overlaps(p.start, p.end, top.start, top.end) for p in doc.places
            )
            if not _demonym(doc, top):
                n_plain += 1
                tp_plain += bool(match)
            if top.lat is None or top.lon is None:
                continue
            n_with_coords += 1
            if match and match[0].lat is not None and match[0].lon is not None:
                errors.append(distance_km(match[0].lat, match[0].lon, top.lat, top.lon))
            elif match:
                unlocated += 1
        with_coords = [t for t in gold if t.lat is not None]
        resolution += _resolution_errors(with_coords)
    within = sum(e <= 161 for e in errors)
    metrics = {
        "precision": round(tp_pred / n_pred, 4) if n_pred else 0.0,
        "recall": round(tp_gold / n_gold, 4) if n_gold else 0.0,
        "recall_without_demonyms": round(tp_plain / n_plain, 4) if n_plain else 0.0,
        "recall_with_demonym_references": round(tp_all_gold / n_gold, 4) if n_gold else 0.0,
        "precision_with_demonym_references": round(tp_all_pred / n_all, 4) if n_all else 0.0,
        "accuracy_161km": round(within / len(errors), 4) if errors else 0.0,
        "accuracy_161km_end_to_end": round(within / n_with_coords, 4) if n_with_coords else 0.0,
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else 0.0,
        "median_error_km": round(statistics.median(errors), 1) if errors else 0.0,
        "auc": round(auc(errors), 4),
        "resolution_accuracy_161km": round(
            sum(e <= 161 for e in resolution) / len(resolution), 4
        ) if resolution else 0.0,
        "resolution_auc": round(auc(resolution), 4),
        "articles": len(articles),
        "gold": n_gold,
        "predicted": n_pred,
        "resolved": len(errors),
        "recognised_without_coordinates": unlocated,
    }
    return {"places": {name: metrics}}
