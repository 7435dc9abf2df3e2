"""Shared helpers of the quantities tests: run the stage alone, score against expectations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from newsevents.articles import make_article
from newsevents.pipeline import Document
from newsevents.records import Quantity

CASES_PATH = Path(__file__).parent / "data" / "quantities_cases.yaml"


def run_quantities(text: str, nlp: Any, published: str = "2015-01-07") -> Document:
    """parse + quantities only, so the tests do not depend on the other stages."""
    from newsevents.stages import quantities

    doc = Document(article=make_article(text, published=published))
    doc.spacy = nlp(doc.text)
    quantities.run(doc)
    return doc


def load_cases() -> list[dict[str, Any]]:
    data = yaml.safe_load(CASES_PATH.read_text(encoding="utf-8"))
    return list(data["cases"])


def matches(predicted: Quantity, gold: dict[str, Any], text: str, strict: bool = True) -> bool:
    """Value to 0.1 %, same unit, overlapping span (and same qualifier when ``strict``)."""
    value = float(gold["value"])
    if abs(predicted.value - value) > 0.001 * max(abs(value), 1e-9):
        return False
    if predicted.unit != gold["unit"]:
        return False
    if strict and predicted.qualifier != gold.get("qualifier"):
        return False
    if strict and gold.get("value_max") is not None:
        if predicted.value_max is None or abs(predicted.value_max - gold["value_max"]) > 1e-6:
            return False
    start = text.find(gold["text"])
    if start < 0:
        raise ValueError(f"gold text {gold['text']!r} is not in {text!r}")
    end = start + len(gold["text"])
    return predicted.start < end and start < predicted.end


def score(pairs: list[tuple[str, list[Quantity], list[dict[str, Any]]]]) -> dict[str, float]:
    """Precision/recall over (text, predicted, gold) triples; one gold item per prediction."""
    tp = n_pred = n_gold = 0
    for text, predicted, gold in pairs:
        n_pred += len(predicted)
        n_gold += len(gold)
        unused = list(predicted)
        for item in gold:
            hit = next((q for q in unused if matches(q, item, text)), None)
            if hit is not None:
                unused.remove(hit)
                tp += 1
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_gold if n_gold else 1.0
    return {"precision": precision, "recall": recall, "tp": tp, "pred": n_pred, "gold": n_gold}
