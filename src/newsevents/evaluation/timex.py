"""Evaluate the times stage on TimeBank+AQUAINT (TimeML) and MEANTIME (token XML).

Both corpora are newswire with a document creation time (DCT); the DCT is the anchor of
every relative expression, exactly as the publication date is in the pipeline, and the DCT
expression itself is not scored. Metrics follow TempEval-3:

- detection with relaxed matching (any character overlap, one-to-one):
  ``detection_precision``, ``detection_recall``, ``detection_f1`` (``strict_f1``: exact span);
- ``value_accuracy``: share of detected expressions whose normalised value equals gold,
  with ``value_accuracy_DATE`` (the headline), ``_DURATION``, ``_TIME``, ``_SET`` by gold type;
- ``type_accuracy`` and ``value_f1`` (value correct over all gold / all predicted).

Only the parse and times stages run, on spaCy's ``nlp.pipe``.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.evaluation import prf
from newsevents.records import TimeExpression

TYPES = ("DATE", "DURATION", "TIME", "SET")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[GoldTimex, ...]
    excluded: tuple[tuple[int, int], ...] = ()  # spans (the DCT) where predictions are ignored


# ---------------------------------------------------------------- readers


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_timeml(path: Path) -> GoldDoc:
    """One TimeML ``.tml`` file: the TEXT with tags stripped, its TIMEX3s and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    dct = _date(dict(ATTR.findall(dct_match.group(1))).get("value", "")) if dct_match else None
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    pieces: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    position = 0
    for match in TAG.finditer(body):
        chunk = html.unescape(body[position:match.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = match.end()
        closing, name, attrs = match.group(1), match.group(2), match.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(ATTR.findall(attrs))))
        elif open_timex:
            start, attributes = open_timex.pop()
            text = "".join(pieces)[start:length]
            if attributes.get("functionInDocument") != "CREATION_TIME":
                timexes.append(GoldTimex(start, length, text, attributes.get("type", "DATE"),
                                         attributes.get("value", "")))
    pieces.append(html.unescape(body[position:]))
    return GoldDoc(path.stem, "".join(pieces), dct, tuple(timexes))


#: MEANTIME annotated only the title, the date line and the first sentences of each article;
#: text past this sentence number is left out so unannotated expressions do not count.
MEANTIME_SENTENCES = 6

NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "%", "'s", "n't", "'", "'re",
                   "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "$", "``"}


def read_meantime(path: Path) -> GoldDoc:
    """One MEANTIME file: tokens joined back into text (a light detokeniser) and TIMEX3s."""
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length = 0
    previous_sentence, previous_token = None, ""
    for token in root.iter("token"):
        word = token.text or ""
        sentence = token.get("sentence")
        if int(sentence or 0) >= MEANTIME_SENTENCES:
            break
        if previous_sentence is not None:
            if sentence != previous_sentence:
                sep = "\n"
            elif word in NO_SPACE_BEFORE or previous_token in NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            length += len(sep)
        offsets[token.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        previous_sentence, previous_token = sentence, word
    text = "".join(parts)
    timexes: list[GoldTimex] = []
    excluded: list[tuple[int, int]] = []
    dct = None
    for timex in root.iter("TIMEX3"):
        anchors = [offsets[a.get("t_id", "")] for a in timex.iter("token_anchor")
                   if a.get("t_id") in offsets]
        value = timex.get("value", "")
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _date(value)
            excluded.extend(anchors and [(min(a[0] for a in anchors),
                                          max(a[1] for a in anchors))])
            continue
        if not anchors or any(a.get("t_id") not in offsets for a in timex.iter("token_anchor")):
            continue
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        timexes.append(GoldTimex(start, end, text[start:end], timex.get("type", "DATE"), value))
    if dct is None:  # a few files lack the CREATION_TIME: read the date line
        lines = text.split("\n")
        dct = _written_date(lines[1]) if len(lines) > 1 else None
    return GoldDoc(path.stem, text, dct, tuple(timexes), tuple(excluded))


def _written_date(line: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(line.strip(), "%B %d, %Y").date()
    except ValueError:
        return None


def read_corpus(path: Path, limit: int | None = None) -> list[GoldDoc]:
    """Every document of a TimeML folder (``*.tml``) or a MEANTIME folder (``*.xml``)."""
    files = sorted(path.rglob("*.tml")) if path.is_dir() else [path]
    reader = read_timeml
    if path.is_dir() and not files:
        files = sorted(p for p in path.rglob("*.xml") if "schema" not in p.name.lower())
        reader = read_meantime
    elif path.suffix == ".xml":
        reader = read_meantime
    docs = [reader(f) for f in files[: limit if limit else None]]
    return docs


# ---------------------------------------------------------------- running and scoring


def predict(docs: list[GoldDoc]) -> Iterator[tuple[GoldDoc, list[TimeExpression]]]:
    """Parse each document and run the times stage anchored at its DCT."""
    from newsevents.nlp import load_model
    from newsevents.stages.times import extract

    nlp = load_model()
    for spacy_doc, gold in nlp.pipe(((d.text, d) for d in docs), as_tuples=True,
                                    batch_size=16):
        predicted = [t for t in extract(spacy_doc, gold.dct, gold.text)
                     if not any(t.start < e and t.end > s for s, e in gold.excluded)]
        yield gold, predicted


def align(gold: tuple[GoldTimex, ...], predicted: list[TimeExpression]
          ) -> list[tuple[GoldTimex, TimeExpression]]:
    """One-to-one pairs by largest character overlap (relaxed TempEval-3 matching)."""
    pairs = []
    used: set[int] = set()
    for g in gold:
        best, best_overlap = None, 0
        for index, p in enumerate(predicted):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if index not in used and overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, predicted[best]))
    return pairs


WEEK = re.compile(r"-W(\d)(?=$|-)")


def same_value(gold: str, predicted: str | None) -> bool:
    """Values equal up to zero-padding of week numbers (``2000-W7`` = ``2000-W07``)."""
    if predicted is None:
        return False
    return WEEK.sub(r"-W0\1", gold.strip()) == WEEK.sub(r"-W0\1", predicted.strip())


def score(results: list[tuple[GoldDoc, list[TimeExpression]]]) -> dict[str, Any]:
    """Detection, type and value metrics over aligned gold/predicted expressions."""
    n_gold = sum(len(g.timexes) for g, _ in results)
    n_pred = sum(len(p) for _, p in results)
    pairs = [pair for g, p in results for pair in align(g.timexes, p)]
    strict = sum(1 for g, p in pairs if (g.start, g.end) == (p.start, p.end))
    correct = [same_value(g.value, p.value) for g, p in pairs]
    detection = prf(len(pairs), n_pred, n_gold)
    metrics: dict[str, Any] = {
        "documents": len(results),
        "detection_precision": detection["precision"],
        "detection_recall": detection["recall"],
        "detection_f1": detection["f1"],
        "strict_f1": prf(strict, n_pred, n_gold)["f1"],
        "type_accuracy": round(sum(g.type == p.type for g, p in pairs) / len(pairs), 4)
        if pairs else 0.0,
        "value_accuracy": round(sum(correct) / len(pairs), 4) if pairs else 0.0,
        "value_f1": prf(sum(correct), n_pred, n_gold)["f1"],
        "gold": n_gold,
        "predicted": n_pred,
        "detected": len(pairs),
    }
    for kind in TYPES:
        of_kind = [same_value(g.value, p.value) for g, p in pairs if g.type == kind]
        metrics[f"value_accuracy_{kind}"] = round(sum(of_kind) / len(of_kind), 4) \
            if of_kind else 0.0
        metrics[f"detected_{kind}"] = len(of_kind)
    return metrics


def evaluate(path: Path, limit: int | None = None, name: str = "tbaq") -> dict[str, Any]:
    """``{"times": {name: metrics}}`` for a TimeML or MEANTIME folder."""
    docs = read_corpus(path, limit)
    return {"times": {name: score(list(predict(docs)))}}
