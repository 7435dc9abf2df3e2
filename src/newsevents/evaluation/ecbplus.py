"""ECB+ cross-document event coreference: how well our story clustering groups event mentions.

Gold: the ``ACTION_*``/``NEG_ACTION_*`` markables of the validated sentences
(``ECBplus_coreference_sentences.csv``), grouped by their ``CROSS_DOC_COREF`` instance (or
their ``INTRA_DOC_COREF`` chain; otherwise a singleton). System: each document's tokens are
run through the pipeline; a gold mention that overlaps one of our event triggers takes
that event's type, trigger, actors, recipients and place. Every gold mention is then
clustered with :func:`newsevents.corpus.cluster.cluster` (the code `newsevents cluster`
runs) inside each ECB+ topic (documents arrive grouped by topic, the usual setting); the
documents carry no dates.

Mentions we code no PLOVER event for (most of ECB+: earthquakes, film awards, rehab stays)
enter the clustering as *untyped* reports that carry only their trigger key (the stem of
the mention's syntactic head): they join a story, typed or not, only through the same
trigger key, and never through a participant or a place. The scores printed:

- ``ecbplus``: all gold mentions, clustered that way (the headline);
- ``ecbplus_plover_only``: only our PLOVER events clustered, other mentions singletons;
- ``ecbplus_lemma_baseline``: mentions of one topic with the same lemmas corefer;
- ``ecbplus_coded_only`` and ``..._lemma_baseline``: both restricted to the mentions we
  code an event for (where our types and arguments take part).

Scores are B³ precision/recall/F1 and CoNLL F1 (mean of MUC, B³, CEAF-e F1). By default a
subset of topics is used to stay quick; ``limit`` caps the documents.
"""

from __future__ import annotations

import csv
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.corpus.cluster import (
    Report,
    actor_keys,
    article_context,
    cluster,
    day_of,
    trigger_key,
)
from newsevents.corpus.coref_metrics import conll
from newsevents.errors import GoldDataError
from newsevents.records import Result

#: topics used when no limit is given (the whole corpus takes minutes)
DEFAULT_TOPICS = 8


@dataclass
class Mention:
    key: str  # "file:m_id"
    tokens: list[str]  # t_ids
    gold: str = ""
    start: int = 0
    end: int = 0


@dataclass
class Document:
    name: str
    topic: str
    text: str = ""
    mentions: list[Mention] = field(default_factory=list)


def selected_sentences(path: Path) -> dict[str, set[int]]:
    """``{file stem: sentence numbers}`` from ECBplus_coreference_sentences.csv."""
    csv_path = path.parent / "ECBplus_coreference_sentences.csv"
    if not csv_path.exists():
        raise GoldDataError(f"{csv_path} is missing; it lists the validated ECB+ sentences")
    found: dict[str, set[int]] = {}
    with csv_path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return found


def read_document(xml_path: Path, sentences: set[int]) -> Document:
    root = ET.parse(xml_path).getroot()
    name = xml_path.stem
    doc = Document(name=name, topic=name.split("_")[0])
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    position, current = 0, None
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        if sentence == 0 and name.endswith("ecbplus"):
            continue  # the source URL, tokenised as sentence 0
        word = (token.text or "").strip()  # some tokens carry a tab, which cleaning drops
        if not word:
            continue
        if current is not None and sentence != current:
            parts.append("\n")
            position += 1
        elif parts:
            parts.append(" ")
            position += 1
        current = sentence
        offsets[token.get("t_id", "")] = (position, position + len(word))
        parts.append(word)
        position += len(word)
    doc.text = "".join(parts)
    token_sentence = {t.get("t_id"): int(t.get("sentence", "0")) for t in root.iter("token")}
    doc.mentions = _mentions(root, name, sentences, token_sentence, offsets)
    return doc


def _mentions(root: ET.Element, name: str, sentences: set[int], token_sentence: dict[Any, int],
              offsets: dict[str, tuple[int, int]]) -> list[Mention]:
    gold: dict[str, str] = {}
    for relation in root.iter():
        if relation.tag in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
            target = relation.find("target")
            chain = relation.get("note") if relation.tag == "CROSS_DOC_COREF" else None
            label = chain or f"{name}:chain:{target.get('m_id') if target is not None else relation.get('r_id')}"
            for source in relation.findall("source"):
                gold[source.get("m_id", "")] = label
    found = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else []:
        if not (markable.tag.startswith("ACTION_") or markable.tag.startswith("NEG_ACTION_")):
            continue
        tokens = [a.get("t_id", "") for a in markable.findall("token_anchor")]
        if not tokens or any(token_sentence.get(t) not in sentences or t not in offsets for t in tokens):
            continue
        m_id = markable.get("m_id", "")
        mention = Mention(key=f"{name}:{m_id}", tokens=tokens,
                          gold=gold.get(m_id, f"{name}:single:{m_id}"))
        mention.start, mention.end = offsets[tokens[0]][0], offsets[tokens[-1]][1]
        found.append(mention)
    return found


def read_corpus(path: Path, limit: int | None) -> list[Document]:
    chosen = selected_sentences(path)
    topics = sorted((p for p in path.iterdir() if p.is_dir()), key=lambda p: (len(p.name), p.name))
    if limit is None:
        topics = topics[:DEFAULT_TOPICS]
    docs: list[Document] = []
    for topic in topics:
        for xml_path in sorted(topic.glob("*.xml")):
            if xml_path.stem in chosen:
                docs.append(read_document(xml_path, chosen[xml_path.stem]))
            if limit is not None and len(docs) >= limit:
                return docs
    return docs


def _parsed(docs: list[Document]) -> Iterator[tuple[Document, Result | None, Any]]:
    """Each document with its pipeline result (None if a stage failed) and spaCy doc."""
    from newsevents.articles import make_article
    from newsevents.nlp import load_model
    from newsevents.pipeline import Document as Working
    from newsevents.pipeline import run_stages

    nlp = load_model()
    items = ((d.text, d) for d in docs)
    for spacy_doc, doc in nlp.pipe(items, as_tuples=True, batch_size=16):
        working = Working(article=make_article(doc.text, source=doc.name), spacy=spacy_doc)
        try:
            run_stages(working, skip={"parse"})
            yield doc, working.result(), spacy_doc
        except Exception:  # noqa: BLE001 - a failing document scores as all singletons
            yield doc, None, spacy_doc


def _report(mention: Mention, doc: Document, result: Result | None) -> Report | None:
    if result is None:
        return None
    for event in result.events:
        if event.trigger.start < mention.end and mention.start < event.trigger.end and not event.negated:
            actors = {a.id: a for a in result.actors}
            keys = _keys(event.actors, actors)
            place = event.place
            return Report(
                event_id=mention.key, article_id=doc.name, type=event.type, mode=event.mode,
                day=day_of(event.date), actors=frozenset(keys), topic=doc.topic,
                recipients=frozenset(_keys(event.recipients, actors)),
                lat=place.lat if place else None, lon=place.lon if place else None,
                admin1=place.admin1 if place else None, country=place.country if place else None,
                precision=place.precision if place else None, place_basis=event.place_basis,
                trigger=trigger_key(event.trigger.text), context=_context(result),
            )
    return None


def _context(result: Result | None) -> frozenset[str]:
    if result is None:
        return frozenset()
    return article_context(((a.id, a.code, a.country, a.sector, a.kind) for a in result.actors),
                           ((p.geonameid, p.precision) for p in result.places))


def _untyped(mention: Mention, doc: Document, result: Result | None, spacy_doc: Any) -> Report:
    """A gold mention we code no event for, as a report with only its trigger key."""
    span = spacy_doc.char_span(mention.start, mention.end, alignment_mode="expand")
    head = span.root.text if span is not None else doc.text[mention.start:mention.end]
    return Report(event_id=mention.key, article_id=doc.name, type="", day=None, topic=doc.topic,
                  trigger=trigger_key(head), context=_context(result))


def _keys(args: Any, actors: dict[str, Any]) -> set[str]:
    keys: set[str] = set()
    for arg in args:
        actor = actors.get(arg.actor_id or "")
        if actor is not None:
            keys |= actor_keys(actor.id, actor.code, actor.country, actor.sector, actor.kind)
    return keys


def _lemma(mention: Mention, spacy_doc: Any) -> str:
    span = spacy_doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return " ".join(t.lemma_.lower() for t in span) if span is not None else mention.key


NOTES = [
    "ecbplus: every gold mention clustered by newsevents.corpus.cluster; mentions we code no "
    "PLOVER event for are untyped reports joined only through the same trigger key",
    "ecbplus_plover_only: only mentions we code as PLOVER events clustered, others singletons",
    "coded_only: both systems scored on the mentions we code as PLOVER events",
]


def evaluate(path: Path, limit: int | None = None, name: str = "ecbplus") -> dict[str, Any]:
    docs = read_corpus(path, limit)
    key: dict[str, str] = {}
    baseline: dict[str, str] = {}
    reports: list[Report] = []
    untyped: list[Report] = []
    for doc, result, spacy_doc in _parsed(docs):
        for mention in doc.mentions:
            key[mention.key] = mention.gold
            baseline[mention.key] = f"{doc.topic}:{_lemma(mention, spacy_doc)}"
            report = _report(mention, doc, result)
            if report is not None:
                reports.append(report)
            else:
                untyped.append(_untyped(mention, doc, result, spacy_doc))
    started = time.perf_counter()
    response = _clustering(key, reports + untyped)
    seconds = time.perf_counter() - started
    plover_only = _clustering(key, reports)
    info = {"documents": len(docs), "topics": len({d.topic for d in docs}), "mentions": len(key),
            "mentions_with_event": len(reports), "cluster_seconds": round(seconds, 3)}
    coded = {r.event_id for r in reports}

    def only(clustering: dict[str, str]) -> dict[str, str]:
        return {m: c for m, c in clustering.items() if m in coded}

    return {"crossdoc": {
        name: {**_flat(conll(key, response)), **info},
        f"{name}_plover_only": _flat(conll(key, plover_only)),
        f"{name}_lemma_baseline": _flat(conll(key, baseline)),
        f"{name}_coded_only": _flat(conll(only(key), only(response))),
        f"{name}_coded_only_lemma_baseline": _flat(conll(only(key), only(baseline))),
        f"{name}_notes": NOTES,
    }}


def _clustering(key: dict[str, str], reports: list[Report]) -> dict[str, str]:
    """``{mention: cluster}`` over every key mention; mentions without a report are singletons."""
    response = {m: f"single:{m}" for m in key}
    for number, story in enumerate(cluster(reports)):
        for report in story.reports:
            response[report.event_id] = f"story:{number}"
    return response


def _flat(scores: dict[str, Any]) -> dict[str, float]:
    flat: dict[str, float] = {"conll_f1": scores["conll_f1"]}
    for metric in ("b3", "muc", "ceaf_e"):
        for part in ("precision", "recall", "f1"):
            if metric == "b3" or part == "f1":
                flat[f"{metric}_{part}"] = scores[metric][part]
    return flat
