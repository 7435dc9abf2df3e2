"""Stage ``events``: code predicates to PLOVER events with actor, recipient, place and date.

Triggers come from the event lexicon (:mod:`newsevents.eventlex`: CAMEO verb patterns plus
curated nominal events and light verbs); arguments from the dependency parse
(:mod:`newsevents.eventargs`), resolved to actors through the actors stage's ``mention_at``.
Negated events are kept with ``negated=True`` (never emitted as positive); modality marks
future, intended, hypothetical and claimed (reported speech) events. Each event gets a place
(argument, else sentence, else the article's focus place) and a date (a time expression of
its sentence, else the publication date with ``date_inferred=True``), a CAMEO root code,
QuadClass and Goldstein value. One pass over the tokens: no second spaCy run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsevents import cameo, eventargs
from newsevents.eventlex import Coding, Entry, Lexicon, Word, code, load_lexicon
from newsevents.records import Event, EventArgument, Place, Span, TimeExpression

if TYPE_CHECKING:
    from newsevents.pipeline import Document

NAME = "events"
VERSION = "events.v1"

_ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_FUTURE_AUX = {"will", "shall", "'ll"}
_HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should"}
_NOT_ACTOR_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LAW"}
_COUNTERS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million",
             "millions", "scores", "number", "group", "crowd", "crowds"}
_PERSONAL = {"he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "it"}
_NEGATORS = {"no", "never", "without", "neither", "nor"}
_DATE_VALUE = re.compile(r"^\d{4}(-\d{2}){0,2}(/\d{4}(-\d{2}){0,2})?$")
_QUOTE_PAIRS = (("“", "”"), ('"', '"'))
#: labels along which negation and intention of a governor reach its complement
_COMPLEMENT = {"xcomp", "pcomp", "pobj", "prep", "dobj", "acl", "ccomp", "advcl"}


@dataclass
class _Args:
    actors: list[Token]
    recipients: list[Token]


class _Context:
    """Per-document lookups built once: actor and place spans, quotes, resolver."""

    def __init__(self, doc: Document, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.text = doc.text
        self.metonyms = [_bounds(m) for m in doc.notes.get("metonyms", ())]
        self.places = [p for p in doc.places if not self._is_metonym(p.start, p.end)]
        self.mention_at = _mention_resolver()
        self.quoted = _quoted_spans(doc.text)
        self.place_chars = {i for p in self.places for i in range(p.start, p.end)}
        self.actor_chars = {i for m in doc.actor_mentions for i in range(m.start, m.end)}

    def _is_metonym(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.metonyms)

    def word(self, tok: Token) -> Word:
        is_place = tok.idx in self.place_chars or (
            not self.doc.places and tok.ent_type_ in {"GPE", "LOC", "FAC"}
        )
        is_actor = tok.idx in self.actor_chars or tok.ent_type_ in _ACTOR_ENTS
        return Word(tok.lower_, tok.lemma_.lower(), is_place, is_actor)

    def actor_like(self, tok: Token) -> bool:
        """Could this token name an actor? Actor mentions first; entities and a few group
        nouns as a fallback for text the actors stage left unresolved."""
        if tok.idx in self.actor_chars:
            return True
        if tok.ent_type_ in _ACTOR_ENTS and tok.ent_type_ != "":
            return True
        if tok.pos_ == "PRON":
            return tok.lower_ in _PERSONAL
        if tok.pos_ in {"NUM", "NOUN"} and tok.lemma_.lower() in _COUNTERS | {"another"}:
            # "thousands of workers", "dozens of police": the group behind the number
            return any(self.actor_like(o) for _p, o in eventargs.prep_objects(tok, {"of"}))
        if tok.pos_ == "PROPN":
            return tok.ent_type_ not in _NOT_ACTOR_ENTS
        return tok.lemma_.lower() in self.lex.cls("fallback_agents")

    def argument(self, tok: Token) -> EventArgument:
        start, end = eventargs.arg_span(tok)
        mention = self.mention_at(self.doc, start, end)
        if mention is not None:
            return EventArgument(mention.actor_id, mention.start, mention.end, mention.text)
        return EventArgument(None, start, end, self.text[start:end])


def _bounds(item: Any) -> tuple[int, int]:
    if isinstance(item, (tuple, list)):
        return int(item[0]), int(item[1])
    return int(item.start), int(item.end)


def _mention_resolver() -> Callable[[Any, int, int], Any]:
    """The actors stage's ``mention_at`` when it exists, else overlap with actor_mentions."""
    try:
        from newsevents.stages import actors

        found = getattr(actors, "mention_at", None)
        if callable(found):
            return found
    except ImportError:  # pragma: no cover - the stage module always exists in the package
        pass

    def fallback(doc: Any, start: int, end: int) -> Any:
        best = None
        for mention in doc.actor_mentions:
            if mention.start < end and start < mention.end:
                if best is None or mention.end - mention.start > best.end - best.start:
                    best = mention
        return best

    return fallback


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for open_q, close_q in _QUOTE_PAIRS:
        pos = 0
        while True:
            start = text.find(open_q, pos)
            if start < 0:
                break
            end = text.find(close_q, start + 1)
            if end < 0 or "\n\n" in text[start:end]:
                pos = start + 1
                continue
            spans.append((start, end + 1))
            pos = end + 1
    return spans


# ---------------------------------------------------------------------------- triggers


def _verb_entry(tok: Token, lex: Lexicon) -> Entry | None:
    lemma = tok.lemma_.lower()
    for key in [f"{lemma}_{p}" for p in eventargs.particles(tok)] + [lemma]:
        if key in lex.verbs:
            return lex.verbs[key]
    return None


def _noun_entry(tok: Token, lex: Lexicon) -> Entry | None:
    for key in (tok.lower_, tok.lemma_.lower()):
        if key in lex.nouns:
            return lex.nouns[key]
    return None


_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "parataxis", "csubj", "appos"}


def _window(tok: Token) -> list[Token]:
    """The verb's own phrase after it: objects and prepositions, not embedded clauses."""
    out: list[Token] = []
    stack = [c for c in tok.children if c.i > tok.i and c.dep_ not in _CLAUSES]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(c for c in node.children if c.dep_ not in _CLAUSES)
    return sorted(out, key=lambda t: t.i)[:10]


def _code_verb(tok: Token, entry: Entry, ctx: _Context) -> Coding | None:
    before = [ctx.word(t) for t in tok.sent if t.i < tok.i]
    after = [ctx.word(t) for t in _window(tok)]
    return code(entry, before, after)


# ---------------------------------------------------------------------------- arguments


def _verb_args(tok: Token, entry: Entry, ctx: _Context) -> _Args:
    subj, passive, agents = eventargs.own_subjects(tok)
    if not subj and not passive:
        subj = eventargs.governing_subject(tok)
    actors = agents + subj
    recipients = list(passive)
    if entry.victim_subject and not agents:
        recipients, actors = recipients + subj, []
    for obj in eventargs.objects(tok):
        if ctx.actor_like(obj) or obj.pos_ in {"NOUN", "NUM"} and _is_patient_type(entry, ctx):
            recipients.append(obj)
    preps = ctx.lex.cls("recipient_preps")
    for _prep, obj in eventargs.prep_objects(tok, preps):
        if ctx.actor_like(obj):
            recipients.append(obj)
    return _Args(actors, recipients)


def _is_patient_type(entry: Entry, ctx: _Context) -> bool:
    kind = entry.type or cameo.plover_for(entry.code)[0]
    return (kind or "").lower() in ctx.lex.cls("patient_of_types")


def _noun_args(tok: Token, kind: str, ctx: _Context) -> _Args:
    actors: list[Token] = []
    recipients: list[Token] = []
    patient_of = kind.lower() in ctx.lex.cls("patient_of_types")
    for child in tok.children:
        if child.dep_ == "poss" and child.ent_type_ not in {"DATE", "TIME"}:
            actors.append(child)
    for prep, obj in eventargs.prep_objects(
        tok, {"by", "between", "among", "of", "against", "on", "with", "to", "from"}
    ):
        if prep in {"by", "between", "among", "from"}:
            actors.append(obj)
        elif prep == "of":
            (recipients if patient_of else actors).append(obj)
        elif ctx.actor_like(obj) or patient_of:
            recipients.append(obj)
    head = tok.head
    if tok.dep_ in {"dobj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        subj, _passive, agents = eventargs.own_subjects(head)
        governing = subj or agents or eventargs.governing_subject(head)
        lemma = head.lemma_.lower()
        if lemma in ctx.lex.cls("receive_verbs"):
            recipients.extend(governing)
            actors.extend(o for _p, o in eventargs.prep_objects(head, {"from"}))
        elif lemma in ctx.lex.cls("light_verbs") and not actors:
            actors.extend(governing)
    if kind == "PROTEST":
        for _prep, obj in eventargs.prep_objects(head, ctx.lex.cls("protest_site_preps")):
            if obj.idx in ctx.actor_chars:
                recipients.append(obj)
    return _Args(actors, recipients)


def _expand(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        for conj in eventargs.conjuncts(tok):
            if conj not in out:
                out.append(conj)
    return out


# ---------------------------------------------------------------------------- polarity


def _negated(tok: Token, lex: Lexicon) -> bool:
    """A ``not``/``no`` on the trigger or on a governor it complements ("no intention of")."""
    current = tok
    for _ in range(6):
        for child in current.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in _NEGATORS):
                return True
        if current is not tok and current.lemma_.lower() in lex.cls("negating_verbs"):
            return True
        if current.dep_ not in _COMPLEMENT - {"advcl", "ccomp"} or current.head is current:
            return False
        current = current.head
    return False


def _modality(tok: Token, ctx: _Context) -> str:
    if any(s <= tok.idx < e for s, e in ctx.quoted):
        return "claimed"
    aux = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}
    if aux & _FUTURE_AUX or "going" in aux:
        return "future"
    if aux & _HYPOTHETICAL_AUX or any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in tok.children
    ):
        return "hypothetical"
    current = tok
    for _ in range(6):
        head = current.head
        if head is current:
            break
        lemma = head.lemma_.lower()
        if current.dep_ == "ccomp" and lemma in ctx.lex.cls("speech_verbs"):
            return "claimed"
        if current.dep_ in {"xcomp", "pcomp", "pobj", "prep"} and lemma in ctx.lex.cls(
            "intention_verbs"
        ) | {"intention", "plan", "plot", "bid", "attempt"}:
            return "intended"
        if current.dep_ not in _COMPLEMENT:
            break
        current = head
    return "asserted"


# ---------------------------------------------------------------------------- place, date


def _place(tok: Token, args: list[EventArgument], ctx: _Context) -> tuple[Place | None, str | None]:
    sent = tok.sent
    in_sent = [p for p in ctx.places if sent.start_char <= p.start < sent.end_char]
    preps = ctx.lex.cls("place_preps")
    for place in in_sent:
        if _governed_by(tok, ctx.doc.doc.char_span(place.start, place.end, "expand"), preps):
            return place, "argument"
    taken = [(a.start, a.end) for a in args]
    free = [p for p in in_sent if not any(s < p.end and p.start < e for s, e in taken)]
    if free:
        return min(free, key=lambda p: abs(p.start - tok.idx)), "sentence"
    focus = ctx.doc.notes.get("focus_place")
    if isinstance(focus, Place):
        return focus, "focus"
    return None, None


def _governed_by(trigger: Token, span: SpacySpan | None, preps: frozenset[str]) -> bool:
    """The toponym hangs off the trigger through a locative preposition."""
    if span is None:
        return False
    current = span.root
    through_prep = False
    for _ in range(5):
        head = current.head
        if head is current:
            return False
        if current.dep_ == "pobj" and head.lower_ in preps:
            through_prep = True
        if head is trigger:
            return through_prep or current.dep_ in {"npadvmod", "compound"}
        if head.pos_ == "VERB" and head is not trigger:
            return False
        current = head
    return False


def _date(
    tok: Token, ctx: _Context
) -> tuple[str | None, Span | None, bool]:
    sent = tok.sent
    times = [
        t
        for t in ctx.doc.times
        if sent.start_char <= t.start < sent.end_char and t.value and _DATE_VALUE.match(t.value)
    ]
    if times:
        sub = {t.idx for t in tok.subtree}
        governed = [t for t in times if t.start in sub]
        best: TimeExpression = min(governed or times, key=lambda t: abs(t.start - tok.idx))
        return best.value, Span(best.start, best.end, best.text), False
    published = ctx.doc.published
    return (published.isoformat() if published else None), None, True


# ---------------------------------------------------------------------------- stage


@dataclass
class _Found:
    tok: Token
    coding: Coding
    args: _Args
    nominal: bool


def _find(doc: Document, ctx: _Context) -> list[_Found]:
    found: list[_Found] = []
    verb_types: dict[int, str] = {}
    for tok in doc.doc:
        if tok.pos_ == "VERB":
            entry = _verb_entry(tok, ctx.lex)
            if entry is None:
                continue
            coding = _code_verb(tok, entry, ctx)
            if coding is None:
                continue
            verb_types[tok.i] = coding.type
            found.append(_Found(tok, coding, _verb_args(tok, entry, ctx), False))
    for tok in doc.doc:
        if tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        entry = _noun_entry(tok, ctx.lex)
        if entry is None:
            continue
        coding = code(entry, [], [])
        if coding is None or verb_types.get(tok.head.i) == coding.type:
            continue  # "staged a protest": the verb already carries the event
        args = _noun_args(tok, coding.type, ctx)
        if not args.actors and not args.recipients:
            continue  # a bare "the massacre" refers back to an event, it reports none
        found.append(_Found(tok, coding, args, True))
    found.sort(key=lambda f: f.tok.i)
    return [f for f in (_keep_actors(f, ctx) for f in found) if f is not None]


def _keep_actors(item: _Found, ctx: _Context) -> _Found | None:
    """Keep arguments that can be actors; an event with none is no codable event.

    Victims may be bare numbers or nouns ("massacre of 22") for assaults and coercion.
    """
    patient = item.coding.type.lower() in ctx.lex.cls("patient_of_types")
    actors = [t for t in item.args.actors if ctx.actor_like(t)]
    recipients = [
        t
        for t in item.args.recipients
        if ctx.actor_like(t) or (patient and t.pos_ in {"NUM", "NOUN", "PROPN"})
    ]
    if not actors and not recipients:
        return None
    item.args = _Args(actors, recipients)
    return item


def _inherit_actor(item: _Found, found: list[_Found]) -> None:
    """A victim-only event ("43 disappeared") takes the agent of its sentence's assault."""
    if item.args.actors or not item.args.recipients:
        return
    for other in found:
        same = other.tok.sent == item.tok.sent and other is not item
        if same and other.args.actors and other.coding.type in {"ASSAULT", "COERCE"}:
            item.args.actors = list(other.args.actors)
            return


def _build(n: int, item: _Found, ctx: _Context) -> Event:
    tok, coding = item.tok, item.coding
    actor_toks = _expand(item.args.actors)
    recipient_toks = [t for t in _expand(item.args.recipients) if t not in actor_toks]
    if coding.type.lower() in ctx.lex.cls("symmetric_types") and not recipient_toks:
        actor_toks, recipient_toks = actor_toks[:1], actor_toks[1:]
    actors = tuple(_dedupe(ctx.argument(t) for t in actor_toks))
    recipients = tuple(_dedupe(ctx.argument(t) for t in recipient_toks))
    place, basis = _place(tok, list(actors + recipients), ctx)
    date, date_span, inferred = _date(tok, ctx)
    root = cameo.root_of(coding.code)
    sent = tok.sent
    trigger_end = tok.idx + len(tok.text)
    return Event(
        id=f"{ctx.doc.article.id}-e{n}",
        type=coding.type,
        mode=coding.mode,
        trigger=Span(tok.idx, trigger_end, ctx.text[tok.idx : trigger_end]),
        sentence=Span(sent.start_char, sent.end_char, ctx.text[sent.start_char : sent.end_char]),
        actors=actors,
        recipients=recipients,
        place=place,
        place_basis=basis,
        date=date,
        date_span=date_span,
        date_inferred=inferred,
        negated=_negated(tok, ctx.lex),
        modality=_modality(tok, ctx),
        cameo_root=root.code if root else None,
        quad_class=root.quad_class if root else None,
        goldstein=root.goldstein if root else None,
        context=(),
        extractor=VERSION,
    )


def _dedupe(args: Any) -> list[EventArgument]:
    out: list[EventArgument] = []
    for arg in args:
        if all((a.start, a.end) != (arg.start, arg.end) for a in out):
            out.append(arg)
    return out


def run(doc: Document) -> None:
    lex = load_lexicon(tuple(doc.options.lexicons))
    ctx = _Context(doc, lex)
    found = _find(doc, ctx)
    for item in found:
        _inherit_actor(item, found)
    doc.events.extend(_build(n, item, ctx) for n, item in enumerate(found, start=1))
