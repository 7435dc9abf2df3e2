"""The held-out set (tests/data/holdout/): hand-written articles, hand annotations, score floors.

(a) every string the annotations copy from an article occurs in its cleaned text;
(b) the pipeline, scored with ``SeedScorer`` over the whole set (counts summed over the
    articles), stays at or above the per-section floors in ``tests/data/holdout/floors.json``.

``python tests/test_eval_holdout.py`` prints the per-section table and the most frequent error
kinds (feedback for the stage owners).
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from newsevents.clean import clean_text
from newsevents.evaluation.seed import SeedScorer, haversine_km, load_gold, occurrences, overlaps

HOLDOUT = Path(__file__).parent / "data" / "holdout"
GOLD_FILES = sorted((HOLDOUT / "gold").glob("*.json"))
FLOORS = json.loads((HOLDOUT / "floors.json").read_text(encoding="utf-8"))["floors"]
SECTIONS = ("actors", "events", "quotes", "quantities", "places", "times")


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _gold(path: Path) -> tuple[dict[str, Any], str]:
    gold, document = load_gold(path)
    return gold, clean_text(document.read_text(encoding="utf-8"))


def copied_strings(gold: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, string) for every string the annotation copies from the article."""
    out: list[tuple[str, str]] = []
    for a in gold.get("actors", []):
        out += [(f"actor {a['id']} mention", m) for m in a.get("mentions", [])]
    for e in gold.get("events", []):
        out.append((f"event {e['id']} evidence", e["evidence"]))
    out += [("not_event", e["evidence"]) for e in gold.get("not_events", [])]
    out += [(f"quote {q['id']}", q["content"]) for q in gold.get("quotes", [])]
    out += [("not_quote", q["text"]) for q in gold.get("not_quotes", [])]
    out += [(f"quantity {n.get('id')}", n["text"]) for n in gold.get("quantities", [])]
    out += [("place", p["text"]) for p in gold.get("places", [])]
    for t in gold.get("times", []):
        out += [(f"time {t['text']!r} context", t["context"])]
    return out


@pytest.mark.parametrize("path", GOLD_FILES, ids=_ids(GOLD_FILES))
def test_holdout_strings_occur_in_clean_text(path: Path) -> None:
    gold, text = _gold(path)
    missing = [(where, s) for where, s in copied_strings(gold) if s not in text]
    assert not missing, f"not in the cleaned text of {gold['document']}: {missing}"
    # references inside the annotation resolve
    actors = {a["id"] for a in gold["actors"]}
    places = {p["text"] for p in gold["places"]}
    for e in gold["events"]:
        assert {e.get("source"), e.get("target")} - {None} <= actors, e["id"]
        named = e.get("place_any") or ([e["place"]] if e.get("place") else [])
        assert set(named) <= places, e["id"]
    for q in gold["quotes"]:
        assert q["speaker"] in actors, q["id"]
    for t in gold["times"]:
        assert t["text"] in t["context"], t
    meta = json.loads((HOLDOUT / gold["document"]).with_suffix(".meta.json").read_text(encoding="utf-8"))
    assert meta["published"] == gold["published"]


@lru_cache(maxsize=1)
def run_all() -> tuple[tuple[str, dict[str, Any], Any, dict[str, Any]], ...]:
    """(name, gold, result, report) for every held-out article, processed once."""
    from newsevents import extract

    rows = []
    for path in GOLD_FILES:
        gold, document = load_gold(path)
        meta = json.loads(document.with_suffix(".meta.json").read_text(encoding="utf-8"))
        result = extract(document.read_text(encoding="utf-8"), published=gold["published"],
                         source=meta.get("source"), title=meta.get("title"))
        report = SeedScorer(json.loads(json.dumps(gold)), result).score()
        rows.append((path.stem, gold, result, report))
    return tuple(rows)


def aggregate(reports: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Micro-averaged required/all recall and precision per section over the set."""
    out: dict[str, dict[str, float]] = {}
    for section in SECTIONS:
        tp = sum(r[section]["all"]["true_positives"] for r in reports)
        pred = sum(r[section]["all"]["predicted"] for r in reports)
        values = {"precision": round(tp / pred, 4) if pred else 0.0}
        for block in ("required", "all"):
            found = sum(r[section][block].get("found", r[section][block]["true_positives"]) for r in reports)
            gold = sum(r[section][block]["gold"] for r in reports)
            values[f"{block}.recall"] = round(found / gold, 4) if gold else 0.0
            values[f"{block}.gold"] = gold
        out[section] = values
    return out


@pytest.fixture(scope="module")
def measured(shared: Path) -> dict[str, dict[str, float]]:
    return aggregate([row[3] for row in run_all()])


@pytest.mark.parametrize(("metric", "floor"), sorted(FLOORS.items()))
def test_holdout_floor(measured: dict[str, dict[str, float]], metric: str, floor: float) -> None:
    section, name = metric.split(".", 1)
    value = measured[section][name]
    assert value >= floor, f"held-out {metric} = {value:.3f} fell below its floor {floor}"


# -- feedback: error kinds (used by `python tests/test_eval_holdout.py`) -----------------------


def error_kinds(rows: Any) -> dict[str, Counter[str]]:
    kinds: dict[str, Counter[str]] = {s: Counter() for s in ("events", "quotes", "places", "times")}
    for _name, gold, result, report in rows:
        scorer = SeedScorer(json.loads(json.dumps(gold)), result)
        scorer.score()
        text = result.article.text
        predicted = [e for e in result.events if not e.negated]
        matched = {g["id"] for g in gold["events"] if any(scorer.event_matches(e, g) for e in predicted)}
        for g in gold["events"]:
            if g["id"] in matched:
                continue
            why = scorer._miss(g, predicted)["why"]
            if why.startswith("no event"):
                other = [e.type for e in predicted if any(overlaps((e.sentence.start, e.sentence.end), s)
                                                          for s in occurrences(text, g["evidence"]))]
                kinds["events"][f"missed {g['type']}: no {g['type']} in sentence"
                                + (f" (coded {Counter(other).most_common(1)[0][0]})" if other else " (no event)")] += 1
            else:
                for part in why.split("; "):
                    kinds["events"][f"missed {g['type']}: wrong {part.split(' ')[0]}"] += 1
        for item in report["events"]["unmatched_predicted"]:
            kinds["events"][f"spurious {item['type']}"] += 1
        kinds["events"]["negated action coded as event"] += len(report["events"]["not_events_violated"])
        for g in gold["quotes"]:
            if any(scorer.quote_matches(q, g) for q in result.quotes):
                continue
            spans = occurrences(text, g["content"])
            over = [q for q in result.quotes for s in spans if min(s[1], q.end) - max(s[0], q.start) >= len(g["content"]) / 2]
            kinds["quotes"][f"{g['kind']} quote: " + ("wrong/unresolved speaker" if over else "content not found")] += 1
        n_wrong_q = sum(1 for q in result.quotes if not any(scorer.quote_matches(q, g) for g in gold["quotes"]))
        kinds["quotes"]["predicted quote matching no gold quote"] += n_wrong_q
        kinds["quotes"]["scare quote attributed"] += len(report["quotes"]["not_quotes_attributed"])
        for g in gold["places"]:
            if any(scorer.place_matches(p, g) for p in result.places):
                continue
            spans = occurrences(text, g["text"])
            hit = [p for p in result.places if any(overlaps((p.start, p.end), s) for s in spans)]
            if not hit:
                kinds["places"][f"not recognised ({g['kind']})"] += 1
            elif hit[0].lat is None:
                kinds["places"][f"recognised, not resolved ({g['kind']})"] += 1
            else:
                km = haversine_km(hit[0].lat, hit[0].lon, g["lat"], g["lon"])
                kinds["places"][f"resolved >161 km off ({g['kind']}, e.g. {g['text']} {km:.0f} km)"] += 1
        for p in result.places:
            if not any(scorer.place_matches(p, g) for g in gold["places"]):
                kinds["places"]["spurious/unannotated place " + ("(person/org name?)" if p.text[:1].isupper() else "(lowercase)")] += 1
        for g in gold["times"]:
            if any(scorer.time_matches(t, g) for t in result.times):
                continue
            spans = [(s + text[s:e].find(g["text"]), s + text[s:e].find(g["text"]) + len(g["text"]))
                     for s, e in occurrences(text, g["context"])]
            hit = [t for t in result.times if any(overlaps((t.start, t.end), s) for s in spans)]
            if not hit:
                kinds["times"][f"not detected: {g['text']!r}"] += 1
            else:
                kinds["times"][f"wrong value: {g['text']!r} -> {hit[0].value} (gold {g['value']})"] += 1
        for t in result.times:
            if not any(scorer.time_matches(t, g) for g in gold["times"]):
                kinds["times"][f"unannotated/mis-valued time {t.text!r}"] += 1
    return kinds


def main() -> None:
    rows = run_all()
    table = aggregate([r[3] for r in rows])
    print(f"{'section':<11} {'req R':>6} {'all R':>6} {'P':>6}   (gold req/all)")
    for section, v in table.items():
        print(f"{section:<11} {v['required.recall']:6.3f} {v['all.recall']:6.3f} {v['precision']:6.3f}"
              f"   ({v['required.gold']}/{v['all.gold']})")
    for name, _g, _r, rep in rows:
        print(name, " ".join(f"{s[:5]}={rep[s]['required']['recall']:.2f}" for s in SECTIONS))
    for section, counter in error_kinds(rows).items():
        print(f"\n{section.upper()} — most frequent error kinds")
        for kind, n in counter.most_common(10):
            print(f"  {n:3d}  {kind}")
        if section == "events":
            print("  (missed gold events only)")
            for kind, n in Counter({k: v for k, v in counter.items() if k.startswith("missed")}).most_common(10):
                print(f"  {n:3d}  {kind}")


if __name__ == "__main__":
    main()
