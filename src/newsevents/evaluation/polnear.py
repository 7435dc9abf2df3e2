"""Evaluating the quotes stage on PolNeAR (or any corpus in its brat standoff layout).

Layout: ``<root>/text/<name>.txt`` and ``<root>/attributions/<name>_<annotator>.ann``. In an
``.ann`` file, ``T`` lines give typed spans (``Source``, ``Cue``, ``Content``; a span may be
several ``start end`` segments joined by ``;``) and ``E`` lines link them into one
attribution (``Attribution:T4 Content:T3 Cue:T2 Source:T1``). Only contents linked by an
``E`` line count.

Where a text has several annotators' files we score against one of them, the annotator whose
code sorts first, so every run uses the same choice.

Quotes that share one cue form one predicted attribution (a quote split around its cue
"“...,” he said, “...”" is one content in PolNeAR). Matching: a predicted attribution matches a gold content when it covers at least half of the gold
content's characters; each prediction matches at most one gold content (greedy, by overlap).
``direct`` contents, gold and predicted alike, are those that start at a quotation mark
(or right after one); the others are ``indirect``, including a clause that holds a quoted
phrase, which PolNeAR annotates as one content. Speaker accuracy is
over matched contents that have a gold source: the predicted speaker span overlaps the gold
source, or resolves to the same actor as a mention overlapping it, or, when the gold source
is a relative pronoun ("Obama, who said ..."), is the noun phrase right before it.

The texts are run as they are (not re-cleaned) so the gold offsets stay valid, through the
stages parse, actors and quotes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.errors import GoldDataError
from newsevents.evaluation import prf
from newsevents.records import Quote

_RELATIVES = {"who", "which", "that"}
_QUOTE_MARKS = "\"“”‘’'«»„"


@dataclass
class GoldAttribution:
    content: frozenset[int]  # character offsets of the content
    first: int  # offset of the first content character
    source: tuple[tuple[int, int], ...]  # segments of the source span (may be empty)


@dataclass
class GoldText:
    name: str
    text: str
    annotator: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def read_corpus(root: Path, limit: int | None = None) -> list[GoldText]:
    """Every text of a PolNeAR-layout corpus with one annotator's attributions."""
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise GoldDataError(f"{root} does not hold text/ and attributions/ folders (PolNeAR layout)")
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        base, _, _annotator = ann.stem.rpartition("_")
        if base and base not in chosen and (text_dir / f"{base}.txt").exists():
            chosen[base] = ann
    names = sorted(chosen)[:limit] if limit else sorted(chosen)
    corpus = []
    for base in names:
        text = (text_dir / f"{base}.txt").read_text(encoding="utf-8")
        ann = chosen[base]
        gold = GoldText(base, text, ann.stem.rpartition("_")[2])
        gold.attributions = parse_ann(ann.read_text(encoding="utf-8"))
        corpus.append(gold)
    return corpus


def parse_ann(content: str) -> list[GoldAttribution]:
    """The linked attributions of one brat ``.ann`` file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    links: list[dict[str, str]] = []
    for line in content.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            kind, _, offsets = parts[1].partition(" ")
            pieces = [seg.split() for seg in offsets.split(";") if seg.strip()]
            spans[parts[0]] = (kind, [(int(s), int(e)) for s, e in pieces])
        elif parts[0].startswith("E"):
            roles = dict(item.split(":", 1) for item in parts[1].split() if ":" in item)
            links.append(roles)
    out = []
    for roles in links:
        content_id = roles.get("Content")
        if content_id not in spans:
            continue
        segments = spans[content_id][1]
        chars = frozenset(i for s, e in segments for i in range(s, e))
        if not chars:
            continue
        source = tuple(spans[roles["Source"]][1]) if roles.get("Source") in spans else ()
        out.append(GoldAttribution(chars, min(chars), source))
    return out


def is_direct(gold: GoldAttribution, text: str) -> bool:
    """A gold content enclosed in quotation marks (the marks inside it or just outside)."""
    return starts_quoted(gold.first, text)


def starts_quoted(first: int, text: str) -> bool:
    """A content whose first character is a quotation mark or follows one."""
    inside = text[first] if first < len(text) else ""
    before = text[first - 1] if first > 0 else ""
    return inside in _QUOTE_MARKS or before in _QUOTE_MARKS


def predict(text: str) -> tuple[list[Quote], dict[str, set[tuple[int, int]]]]:
    """Quotes for one text, and for each actor id the spans of its mentions."""
    from newsevents.articles import article_id
    from newsevents.pipeline import Document
    from newsevents.records import Article
    from newsevents.stages import actors, parse, quotes

    doc = Document(article=Article(id=article_id(text), text=text))
    for stage in (parse, actors, quotes):
        stage.run(doc)
    mentions: dict[str, set[tuple[int, int]]] = {}
    for mention in doc.actor_mentions:
        mentions.setdefault(mention.actor_id, set()).add((mention.start, mention.end))
    return list(doc.quotes), mentions


@dataclass
class Tally:
    """Counts behind the metrics, added up over texts."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, value: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + value

    def get(self, key: str) -> int:
        return self.counts.get(key, 0)


@dataclass
class Predicted:
    """One predicted attribution: the quotes sharing one cue (a quote split around its cue,
    or continued after it) make one attribution, as in PolNeAR."""

    chars: frozenset[int]
    kind: str  # direct (any quoted part) or indirect
    quote: Quote  # the first quote, which carries the speaker


def group_quotes(quotes: list[Quote], text: str) -> list[Predicted]:
    groups: dict[object, list[Quote]] = {}
    for quote in sorted(quotes, key=lambda q: q.start):
        key: object = (quote.cue.start, quote.cue.end) if quote.cue is not None else id(quote)
        groups.setdefault(key, []).append(quote)
    out = []
    for members in groups.values():
        chars = frozenset(i for q in members for i in range(q.start, q.end))
        # the same test as for gold contents: a clause holding a quoted phrase ("claimed
        # there were “thousands of shootings” in Chicago") is indirect on both sides
        kind = "direct" if starts_quoted(members[0].start, text) else "indirect"
        out.append(Predicted(chars, kind, members[0]))
    return out


def _match(
    golds: list[GoldAttribution], preds: list[Predicted]
) -> list[tuple[GoldAttribution, Predicted]]:
    """Greedy one-to-one matching by overlap; a pair needs half the gold characters."""
    pairs = []
    for gi, gold in enumerate(golds):
        for pi, pred in enumerate(preds):
            overlap = len(gold.content & pred.chars)
            if overlap * 2 >= len(gold.content):
                pairs.append((overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched = []
    for _, gi, pi in sorted(pairs, key=lambda p: -p[0]):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched.append((golds[gi], preds[pi]))
    return matched


def _antecedent_of(text: str, start: int, end: int, gold_start: int, gold_end: int) -> bool:
    """A gold source that is a relative pronoun ("Obama, who said ...") stands for the noun
    phrase right before it; a predicted speaker ending there names the same source."""
    if text[gold_start:gold_end].lower() not in _RELATIVES or end > gold_start:
        return False
    return text[end:gold_start].strip(" ,") == ""


def _speaker_right(
    gold: GoldAttribution, pred: Quote, mentions: dict[str, set[tuple[int, int]]], text: str
) -> bool:
    if pred.speaker is None:
        return False
    for s, e in gold.source:
        if pred.speaker.start < e and s < pred.speaker.end:
            return True
        if _antecedent_of(text, pred.speaker.start, pred.speaker.end, s, e):
            return True
    if pred.speaker_actor_id is None:
        return False
    spans = mentions.get(pred.speaker_actor_id, set())
    return any(ms < e and s < me for ms, me in spans for s, e in gold.source)


def score_text(gold: GoldText, tally: Tally) -> None:
    """Add one text's counts to ``tally``."""
    quotes, mentions = predict(gold.text)
    preds = group_quotes(quotes, gold.text)
    direct_gold = [g for g in gold.attributions if is_direct(g, gold.text)]
    indirect_gold = [g for g in gold.attributions if not is_direct(g, gold.text)]
    direct_pred = [p for p in preds if p.kind == "direct"]
    indirect_pred = [p for p in preds if p.kind == "indirect"]
    matched = _match(gold.attributions, preds)
    tally.add("gold", len(gold.attributions))
    tally.add("predicted", len(preds))
    tally.add("matched", len(matched))
    for prefix, golds, subset in (
        ("direct", direct_gold, direct_pred),
        ("indirect", indirect_gold, indirect_pred),
    ):
        tally.add(f"{prefix}_gold", len(golds))
        tally.add(f"{prefix}_predicted", len(subset))
        tally.add(f"{prefix}_matched", len(_match(golds, subset)))
    for g, p in matched:
        if g.source:
            tally.add("speaker_total")
            tally.add("speaker_right", int(_speaker_right(g, p.quote, mentions, gold.text)))


def metrics(tally: Tally, texts: int, annotators: Iterable[str]) -> dict[str, Any]:
    overall = prf(tally.get("matched"), tally.get("predicted"), tally.get("gold"))
    direct = prf(tally.get("direct_matched"), tally.get("direct_predicted"), tally.get("direct_gold"))
    indirect = prf(
        tally.get("indirect_matched"), tally.get("indirect_predicted"), tally.get("indirect_gold")
    )
    total = tally.get("speaker_total")
    return {
        "content_precision": overall["precision"],
        "content_recall": overall["recall"],
        "content_f1": overall["f1"],
        "direct_content_precision": direct["precision"],
        "direct_content_recall": direct["recall"],
        "direct_content_f1": direct["f1"],
        "indirect_content_precision": indirect["precision"],
        "indirect_content_recall": indirect["recall"],
        "indirect_content_f1": indirect["f1"],
        "speaker_accuracy": round(tally.get("speaker_right") / total, 4) if total else 0.0,
        "texts": texts,
        "gold": tally.get("gold"),
        "predicted": tally.get("predicted"),
        "matched": tally.get("matched"),
        "annotators": ",".join(sorted(set(annotators))),
    }


def evaluate(path: Path, limit: int | None = None, name: str = "polnear") -> dict[str, Any]:
    """Score the quotes stage on a PolNeAR-layout corpus: ``{"quotes": {name: metrics}}``."""
    corpus = read_corpus(path, limit)
    tally = Tally()
    for gold in corpus:
        score_text(gold, tally)
    return {"quotes": {name: metrics(tally, len(corpus), (g.annotator for g in corpus))}}


