"""Scoring against a hand annotation in the seed.json format (see ../shared/gold/README.md).

Each section gets ``required`` (recall over required gold items) and ``all`` (recall over
every gold item); precision counts predicted items that match any gold item. Matching is
one-to-one and greedy in text order. ``not_events`` and ``not_quotes`` are reported as
violations; predicted events that match no gold event are listed with their evidence.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsevents.errors import GoldDataError
from newsevents.evaluation import prf
from newsevents.records import Actor, Event, Result

KM_161 = 161.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("’", "'")
    text = re.sub(r"^(the|a|an|his|her|its|their)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text)


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    if not needle:
        return spans
    while (found := text.find(needle, start)) >= 0:
        spans.append((found, found + len(needle)))
        start = found + 1
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class SeedScorer:
    """Matches one article's predictions against one seed-format annotation."""

    def __init__(self, gold: dict[str, Any], result: Result):
        self.gold = gold
        self.result = result
        self.text = result.article.text
        self.actors = {a.id: a for a in result.actors}
        self.gold_actors = {a["id"]: a for a in gold.get("actors", [])}
        self.gold_places = {p["text"]: p for p in gold.get("places", [])}

    # -- actors -------------------------------------------------------------------------

    def actor_matches(self, actor: Actor | None, gold_id: str | None, mention: str | None = None) -> bool:
        """A predicted actor is the gold actor by name/mention, or by country+sector for groups."""
        if gold_id is None:
            return True
        gold = self.gold_actors.get(gold_id)
        if gold is None:
            return False
        names = {norm(m) for m in gold.get("mentions", [])} | {norm(gold["name"])}
        if actor is not None and norm(actor.name) in names:
            return True
        if mention is not None and norm(mention) in names and actor is not None:
            # the mention names the gold actor; the resolution must not contradict it
            if not gold.get("country") or actor.country in (None, gold.get("country")):
                return True
        if actor is None:
            return False
        if gold.get("kind") == "group" or gold.get("kind") == "country" or actor.kind == "group":
            return bool(actor.country == gold.get("country") and actor.sector == gold.get("sector")
                        and actor.sector is not None)
        return False

    def score_actors(self) -> dict[str, Any]:
        gold_items = list(self.gold_actors.values())
        matched_gold: set[str] = set()
        matched_pred = 0
        for actor in self.result.actors:
            hit = next((g["id"] for g in gold_items if g["id"] not in matched_gold
                        and self.actor_matches(actor, g["id"])), None)
            if hit:
                matched_gold.add(hit)
                matched_pred += 1
        block = prf(matched_pred, len(self.result.actors), len(gold_items))
        return {"required": block, "all": dict(block),
                "missed": [g["id"] for g in gold_items if g["id"] not in matched_gold]}

    # -- events ---------------------------------------------------------------------------

    def _date_ok(self, predicted: str | None, gold: str | None) -> bool:
        if gold is None:
            return True
        if not predicted:
            return False
        if "/" in gold:
            start, _, end = gold.partition("/")
            return predicted == gold or start <= predicted[: len(start)] <= end
        return predicted.startswith(gold)

    def _place_ok(self, event: Event, gold: dict[str, Any]) -> bool:
        names = gold.get("place_any") or ([gold["place"]] if gold.get("place") else [])
        if not names:
            return True
        if event.place is None or event.place.lat is None or event.place.lon is None:
            return False
        for name in names:
            ref = self.gold_places.get(name)
            if ref and haversine_km(ref["lat"], ref["lon"], event.place.lat, event.place.lon) <= KM_161:
                return True
        return False

    def _args_ok(self, args: Sequence[Any], gold_id: str | None) -> bool:
        if gold_id is None:
            return True
        return any(self.actor_matches(self.actors.get(a.actor_id or ""), gold_id, a.text) for a in args)

    def event_matches(self, event: Event, gold: dict[str, Any]) -> bool:
        if event.negated or event.type != gold["type"]:
            return False
        evidence = occurrences(self.text, gold["evidence"])
        sentence = (event.sentence.start, event.sentence.end)
        if not any(overlaps(sentence, span) for span in evidence):
            return False
        return (self._args_ok(event.actors, gold.get("source"))
                and self._args_ok(event.recipients, gold.get("target"))
                and self._date_ok(event.date, gold.get("date"))
                and self._place_ok(event, gold))

    def event_near_miss(self, event: Event, gold: dict[str, Any]) -> list[str]:
        """Which conditions fail for an event of the right type and sentence (for diagnosis)."""
        reasons = []
        if not self._args_ok(event.actors, gold.get("source")):
            reasons.append("actor")
        if not self._args_ok(event.recipients, gold.get("target")):
            reasons.append("recipient")
        if not self._date_ok(event.date, gold.get("date")):
            reasons.append(f"date {event.date}≠{gold.get('date')}")
        if not self._place_ok(event, gold):
            reasons.append(f"place {event.place.name if event.place else None}")
        return reasons

    def score_events(self) -> dict[str, Any]:
        gold_items = self.gold.get("events", [])
        predicted = [e for e in self.result.events if not e.negated]
        pairs = _greedy(predicted, gold_items, self.event_matches)
        matched_pred = {id(p) for p, _ in pairs}
        matched_gold = {g["id"] for _, g in pairs}
        required = [g for g in gold_items if g.get("required")]
        n_req = sum(1 for g in required if g["id"] in matched_gold)
        # a prediction may also legitimately restate a gold event already matched
        also = [e for e in predicted if id(e) not in matched_pred
                and any(self.event_matches(e, g) for g in gold_items)]
        unmatched = [e for e in predicted if id(e) not in matched_pred and e not in also]
        tp = len(pairs) + len(also)
        report: dict[str, Any] = {
            "required": {**prf(tp, len(predicted), len(required)), "recall": _ratio(n_req, len(required)),
                         "found": n_req},
            "all": {**prf(tp, len(predicted), len(gold_items)), "recall": _ratio(len(pairs), len(gold_items)),
                    "found": len(pairs)},
            "unmatched_predicted": [_event_brief(e, self.actors) for e in unmatched],
            "missed_required": [self._miss(g, predicted) for g in required if g["id"] not in matched_gold],
            "not_events_violated": self._not_event_violations(predicted),
        }
        report["required"]["f1"] = _f1(report["required"]["precision"], report["required"]["recall"])
        report["all"]["f1"] = _f1(report["all"]["precision"], report["all"]["recall"])
        return report

    def _miss(self, gold: dict[str, Any], predicted: list[Event]) -> dict[str, Any]:
        evidence = occurrences(self.text, gold["evidence"])
        near = [e for e in predicted if e.type == gold["type"]
                and any(overlaps((e.sentence.start, e.sentence.end), s) for s in evidence)]
        why = "no event of this type in the sentence"
        if near:
            why = "; ".join(self.event_near_miss(near[0], gold))
        return {"id": gold["id"], "type": gold["type"], "evidence": gold["evidence"][:80], "why": why}

    def _not_event_violations(self, predicted: list[Event]) -> list[dict[str, Any]]:
        violations = []
        for item in self.gold.get("not_events", []):
            for start, end in occurrences(self.text, item["evidence"]):
                window = _negated_window(self.text[start:end])
                if window is None:
                    continue
                span = (start + window[0], start + window[1])
                for e in predicted:
                    if overlaps((e.trigger.start, e.trigger.end), span):
                        violations.append({"evidence": item["evidence"], "event": _event_brief(e, self.actors)})
        return violations

    # -- quotes ---------------------------------------------------------------------------

    def quote_matches(self, quote: Any, gold: dict[str, Any]) -> bool:
        spans = occurrences(self.text, gold["content"])
        if not spans:
            spans = occurrences(self.text, gold["content"].rstrip("."))
        need = len(gold["content"]) / 2
        for start, end in spans:
            shared = min(end, quote.end) - max(start, quote.start)
            if shared >= need:
                speaker = self.actors.get(quote.speaker_actor_id or "")
                mention = quote.speaker.text if quote.speaker else None
                return speaker is not None and self.actor_matches(speaker, gold["speaker"], mention)
        return False

    def score_quotes(self) -> dict[str, Any]:
        gold_items = self.gold.get("quotes", [])
        predicted = list(self.result.quotes)
        pairs = _greedy(predicted, gold_items, self.quote_matches)
        report = _blocks(pairs, predicted, gold_items, _correct(predicted, gold_items, self.quote_matches))
        violations = []
        for item in self.gold.get("not_quotes", []):
            for start, end in occurrences(self.text, item["text"]):
                for q in predicted:
                    if q.speaker_actor_id and overlaps((q.start, q.end), (start, end)) and len(q.text) < len(item["text"]) + 10:
                        violations.append({"text": item["text"], "speaker": q.speaker_actor_id})
        report["not_quotes_attributed"] = violations
        report["missed_required"] = [g["id"] for g in gold_items if g.get("required")
                                     and g["id"] not in {x["id"] for _, x in pairs}]
        return report

    # -- quantities, places, times ---------------------------------------------------------------

    def quantity_matches(self, q: Any, gold: dict[str, Any]) -> bool:
        value = float(gold["value"])
        if abs(q.value - value) > abs(value) * 0.001 or q.unit != gold["unit"]:
            return False
        return any(overlaps((q.start, q.end), s) for s in occurrences(self.text, gold["text"]))

    def place_matches(self, p: Any, gold: dict[str, Any]) -> bool:
        if p.lat is None or p.lon is None:
            return False
        if not any(overlaps((p.start, p.end), s) for s in occurrences(self.text, gold["text"])):
            return False
        return haversine_km(p.lat, p.lon, gold["lat"], gold["lon"]) <= KM_161

    def time_matches(self, t: Any, gold: dict[str, Any]) -> bool:
        if t.value != gold["value"]:
            return False
        for start, end in occurrences(self.text, gold["context"]):
            inner = self.text.find(gold["text"], start, end)
            if inner >= 0 and overlaps((t.start, t.end), (inner, inner + len(gold["text"]))):
                return True
        return False

    def score_simple(self, section: str, predicted: Sequence[Any],
                     match: Callable[[Any, dict[str, Any]], bool]) -> dict[str, Any]:
        gold_items = self.gold.get(section, [])
        for i, g in enumerate(gold_items):
            g.setdefault("id", f"{section}-{i}")
        pairs = _greedy(list(predicted), gold_items, match)
        report = _blocks(pairs, list(predicted), gold_items, _correct(predicted, gold_items, match))
        report["missed_required"] = [g.get("text", g["id"]) for g in gold_items if g.get("required")
                                     and g["id"] not in {x["id"] for _, x in pairs}]
        return report

    def score(self) -> dict[str, Any]:
        r = self.result
        return {
            "actors": self.score_actors(),
            "events": self.score_events(),
            "quotes": self.score_quotes(),
            "quantities": self.score_simple("quantities", r.quantities, self.quantity_matches),
            # the seed gold annotates toponyms; demonym country references are another layer
            "places": self.score_simple("places", [p for p in r.places if p.kind == "toponym"],
                                        self.place_matches),
            "times": self.score_simple("times", r.times, self.time_matches),
        }


def _greedy(predicted: list[Any], gold: list[dict[str, Any]],
            match: Callable[[Any, dict[str, Any]], bool]) -> list[tuple[Any, dict[str, Any]]]:
    pairs: list[tuple[Any, dict[str, Any]]] = []
    used: set[int] = set()
    for g in sorted(gold, key=lambda g: not g.get("required", True)):
        for i, p in enumerate(predicted):
            if i not in used and match(p, g):
                pairs.append((p, g))
                used.add(i)
                break
    return pairs


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _blocks(pairs: list[tuple[Any, dict[str, Any]]], predicted: list[Any],
            gold_items: list[dict[str, Any]], correct: int | None = None) -> dict[str, Any]:
    """Recall is one-to-one over gold items; precision counts predictions that match any gold
    item (``correct``), since a gold place or quote may be mentioned more than once."""
    required = [g for g in gold_items if g.get("required")]
    n_req = sum(1 for _, g in pairs if g.get("required"))
    n_correct = len(pairs) if correct is None else correct
    req = prf(n_correct, len(predicted), len(required))
    req["recall"] = _ratio(n_req, len(required))
    req["f1"] = _f1(req["precision"], req["recall"])
    req["found"] = n_req
    every = prf(n_correct, len(predicted), len(gold_items))
    every["recall"] = _ratio(len(pairs), len(gold_items))
    every["f1"] = _f1(every["precision"], every["recall"])
    every["found"] = len(pairs)
    return {"required": req, "all": every}


def _correct(predicted: Sequence[Any], gold_items: list[dict[str, Any]],
             match: Callable[[Any, dict[str, Any]], bool]) -> int:
    return sum(1 for p in predicted if any(match(p, g) for g in gold_items))


_NEGATION = re.compile(r"\b(no|not|never|n't|without)\b", re.IGNORECASE)


def _negated_window(evidence: str) -> tuple[int, int] | None:
    """The words around a negation cue: 'made no mention', 'has no intention of reviewing'."""
    cue = _NEGATION.search(evidence)
    if cue is None:
        return None
    before = evidence.rfind(" ", 0, max(cue.start() - 1, 0))
    after = re.match(r"\s*(\w+)(\s+of\s+\w+)?", evidence[cue.end():])
    end = cue.end() + (after.end() if after else 0)
    return (before + 1 if before >= 0 else 0, end)


def _event_brief(event: Event, actors: dict[str, Actor]) -> dict[str, Any]:
    def names(args: Sequence[Any]) -> list[str]:
        return [actors[a.actor_id].name if a.actor_id in actors else a.text for a in args]

    return {"type": event.type, "mode": event.mode, "trigger": event.trigger.text,
            "actors": names(event.actors), "recipients": names(event.recipients),
            "date": event.date, "place": event.place.name if event.place else None,
            "sentence": event.sentence.text[:100]}


def load_gold(path: Path) -> tuple[dict[str, Any], Path]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GoldDataError(f"cannot read gold file {path}: {exc}") from exc
    document = path.parent.parent / gold["document"]  # relative to the shared folder
    if not document.exists():
        document = path.parent / gold["document"]
    if not document.exists():
        raise GoldDataError(f"the annotated document {gold['document']} was not found near {path}")
    return gold, document


def score_file(path: Path) -> tuple[dict[str, Any], Result]:
    from newsevents import extract

    gold, document = load_gold(path)
    meta_path = document.with_suffix(".meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    result = extract(document.read_text(encoding="utf-8"), published=gold.get("published"),
                     source=meta.get("source"), title=meta.get("title"))
    return SeedScorer(gold, result).score(), result


def evaluate(path: Path, limit: int | None = None, name: str = "seed") -> dict[str, Any]:
    report, _result = score_file(path)
    if name != "seed":
        return {section: {name: body} for section, body in report.items()}
    return report
