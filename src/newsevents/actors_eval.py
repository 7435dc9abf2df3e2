"""Mention-level accuracy of the actors stage on the PLOVER GSR gold records.

For every gold source/target actor whose ``actorText`` occurs in its sentence, the actor
that :func:`newsevents.stages.actors.mention_at` returns for that text is compared with the
gold country (CAMEO codes normalised to ISO 3166 alpha-3) and sector. This measures the
actors stage on its own, independently of which event the events stage picks.

Used by ``tests/test_actors_gsr.py`` (floor) and for error analysis::

    python -m newsevents.actors_eval [--limit N] [--errors]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.actordict import iso_country
from newsevents.articles import make_article
from newsevents.pipeline import Document
from newsevents.stages import actors

#: CAMEO country codes the gold uses that differ from ISO 3166 alpha-3, besides those of
#: ``data/actors/country_codes.tsv`` (the gold's MAC is Macedonia, ISO's is Macao)
CAMEO_TO_ISO = {"MAC": "MKD"}
#: gold codes that are not countries
NOT_COUNTRY = frozenset({"IGO", "NGO", "MNC", "IMG", "UAF", "---", ""})
#: the date the GSR records are coded with is a placeholder: score as if unknown
GSR_PUBLISHED = None


@dataclass
class Item:
    record: str
    text: str
    actor: str
    gold_country: str | None
    gold_sector: str | None
    found: bool = False
    country: str | None = None
    sector: str | None = None


@dataclass
class Report:
    items: list[Item] = field(default_factory=list)

    def rate(self, what: str) -> float:
        if what == "found":
            pool = self.items
            hits = sum(i.found for i in pool)
        elif what == "country":
            pool = [i for i in self.items if i.gold_country is not None]
            hits = sum(i.country == i.gold_country for i in pool)
        elif what == "country_precision":
            pool = [i for i in self.items if i.country is not None]
            hits = sum(i.country == i.gold_country for i in pool)
        else:
            pool = [i for i in self.items if i.gold_sector is not None]
            hits = sum(i.sector == i.gold_sector for i in pool)
        return round(hits / len(pool), 4) if pool else 0.0

    def summary(self) -> dict[str, float]:
        return {"items": len(self.items), "found": self.rate("found"),
                "country": self.rate("country"),
                "country_precision": self.rate("country_precision"),
                "sector": self.rate("sector")}


def gold_items(record: dict[str, Any]) -> list[Item]:
    items = []
    for role in ("source", "target"):
        actors_ = record.get(role)
        if not isinstance(actors_, list):
            continue
        for gold in actors_:
            surface = (gold.get("actorText") or "").strip()
            if not surface or surface not in record["text"]:
                continue
            code = (gold.get("code") or "").strip().upper()[:3]
            country = None if code in NOT_COUNTRY else CAMEO_TO_ISO.get(code, iso_country(code))
            sector = (gold.get("sector") or "").strip().upper()[:3] or None
            if sector == "***":
                sector = None
            if code in ("IGO", "NGO") and sector is None:
                sector = code
            items.append(Item(record["id"], record["text"], surface, country, sector))
    return items


def load(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text")]
    return records[:limit] if limit else records


def evaluate(records: list[dict[str, Any]], nlp: Any) -> Report:
    report = Report()
    texts = [r["text"] for r in records]
    for record, sdoc in zip(records, nlp.pipe(texts), strict=True):
        doc = Document(article=make_article(record["text"], published=GSR_PUBLISHED))
        doc.spacy = sdoc
        actors.run(doc)
        for item in gold_items(record):
            start = doc.text.index(item.actor)
            mention = actors.mention_at(doc, start, start + len(item.actor))
            if mention is None:
                report.items.append(item)
                continue
            actor = doc.actors[mention.actor_id]
            item.found = True
            item.country, item.sector = actor.country, actor.sector
            report.items.append(item)
    return report


def main() -> None:
    from newsevents.nlp import load_model
    from newsevents.paths import shared_dir

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    records = load(shared_dir() / "gold/events/plover_gsr_cameo.json", args.limit)
    report = evaluate(records, load_model())
    if args.errors:
        kinds: Counter[str] = Counter()
        for i in report.items:
            if not i.found:
                kinds["missed"] += 1
            elif i.gold_country and i.country != i.gold_country:
                kinds[f"country {i.gold_country}->{i.country}"] += 0
                kinds["country"] += 1
            elif i.gold_sector and i.sector != i.gold_sector:
                kinds[f"sector {i.gold_sector}->{i.sector}"] += 1
            else:
                continue
            print(f"{i.record}\t{i.actor!r}\tgold={i.gold_country}/{i.gold_sector}"
                  f"\tgot={'-' if not i.found else f'{i.country}/{i.sector}'}\t{i.text[:150]}")
        print(kinds.most_common(30))
    print(json.dumps(report.summary()))


if __name__ == "__main__":
    main()
