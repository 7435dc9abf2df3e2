"""Counts attached to events: how many died, were hurt, abducted, arrested, marched.

A figure of people belongs to an event when a cue word governs it in the dependency
parse ("killed six students" -> dead, "another 43 disappeared" -> abducted, "the massacre
of 22" -> dead, "25 demonstrators were arrested" -> arrested) and an event of a type that
takes that count (``event_keys`` in ``data/quantities/event_counts.yaml``) sits in the
same sentence. When several do, the event whose trigger is the cue wins, then the nearest
trigger. Money in the sentence of an AID event becomes ``amount_<currency>``
(``amount_usd``). Events are frozen records, so each is replaced with
``dataclasses.replace(event, counts=...)``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import yaml
from spacy.tokens import Token

from newsevents.quantity_lexicon import QUANTITY_DIR
from newsevents.quantity_nouns import TokenIndex, governors
from newsevents.records import Event, Quantity

if TYPE_CHECKING:
    from newsevents.pipeline import Document


@dataclass(frozen=True)
class CountRules:
    cues: dict[str, str]
    casualty_nouns: dict[str, str]
    size_nouns: frozenset[str]
    event_keys: dict[str, frozenset[str]]


@functools.lru_cache(maxsize=1)
def count_rules() -> CountRules:
    """The cue lexicon of ``event_counts.yaml`` (cached: read once per process)."""
    raw = yaml.safe_load((QUANTITY_DIR / "event_counts.yaml").read_text(encoding="utf-8"))
    return CountRules(
        cues={str(k): str(v) for k, v in raw["cues"].items()},
        casualty_nouns={str(k): str(v) for k, v in raw["casualty_nouns"].items()},
        size_nouns=frozenset(str(v) for v in raw["size_nouns"]),
        event_keys={str(k): frozenset(map(str, v)) for k, v in raw["event_keys"].items()},
    )


def cue_of(token: Token) -> tuple[str, Token] | None:
    """The count key a token's governors give it, with the governing cue token."""
    rules = count_rules()
    lemma = token.lemma_.lower()
    if lemma in rules.cues and token.pos_ in ("ADJ", "NOUN"):  # "six dead", "12 wounded"
        return rules.cues[lemma], token
    for head in governors(token):
        head_lemma = head.lemma_.lower()
        if head_lemma in rules.cues and head.pos_ in ("VERB", "ADJ"):
            return rules.cues[head_lemma], head
        if head_lemma in rules.casualty_nouns and head.pos_ in ("NOUN", "PROPN"):
            return rules.casualty_nouns[head_lemma], head
        if head.pos_ in ("VERB", "AUX"):  # "the death toll rose to 31"
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in rules.casualty_nouns:
                    return rules.casualty_nouns[child.lemma_.lower()], child
    return None


def casualty_key(token: Token) -> str | None:
    """The count key of a bare number ("massacre of 22" -> dead), or None."""
    found = cue_of(token)
    return found[0] if found else None


def _key_of(quantity: Quantity, index: TokenIndex) -> tuple[str, Token | None] | None:
    rules = count_rules()
    if quantity.kind == "money" or (quantity.kind == "range" and len(quantity.unit) == 3
                                    and quantity.unit.isupper()):
        return f"amount_{quantity.unit.lower()}", None
    if quantity.unit != "person":
        return None
    noun_span = quantity.of_span
    if noun_span is not None and quantity.start <= noun_span.start < quantity.end:
        token = index.covering(noun_span.end - 1)
    else:
        token = index.covering(quantity.end - 1)
    if token is None:
        return None
    found = cue_of(token)
    if found is not None:
        return found
    if token.lemma_.lower() in rules.size_nouns:
        return "size", None
    return None


def _accepts(event: Event, key: str) -> bool:
    keys = count_rules().event_keys.get(event.type, frozenset())
    return key in keys or (key.startswith("amount_") and "amount" in keys)


def _choose(events: list[Event], quantity: Quantity, cue: Token | None) -> Event | None:
    """The event of the figure's sentence that takes it: the cue's event, else the nearest."""
    if not events:
        return None
    if cue is not None:
        for event in events:
            if event.trigger.start <= cue.idx < event.trigger.end:
                return event
    return min(events, key=lambda e: abs(e.trigger.start - quantity.start))


def attach_counts(doc: Document, quantities: list[Quantity], index: TokenIndex) -> None:
    """Fill ``counts`` of the events in ``doc.events`` from the figures of their sentences."""
    if not doc.events:
        return
    updated: dict[str, dict[str, float]] = {}
    for quantity in quantities:
        keyed = _key_of(quantity, index)
        if keyed is None:
            continue
        key, cue = keyed
        candidates = [
            event for event in doc.events
            if event.sentence.start <= quantity.start < event.sentence.end
            and _accepts(event, key) and not event.negated
        ]
        event = _choose(candidates, quantity, cue)
        if event is None:
            continue
        counts = updated.setdefault(event.id, dict(event.counts))
        counts[key] = max(counts.get(key, 0.0), quantity.value)
    doc.events = [
        replace(event, counts=updated[event.id]) if event.id in updated else event
        for event in doc.events
    ]
