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

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from spacy.attrs import DEP, ENT_TYPE, IDX, POS, SENT_START
from spacy.strings import get_string_id
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsevents import cameo, event_dates, eventargs, token_attrs
from newsevents.eventlex import NO_WORDS, Coding, Entry, Lexicon, Words, code, load_lexicon
from newsevents.records import Actor, Event, EventArgument, Place, Span

if TYPE_CHECKING:
    from newsevents.pipeline import Document

NAME = "events"
VERSION = "events.v3"

_ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
#: the same as spaCy's string ids, to compare with token columns
_ACTOR_ENT_IDS = {get_string_id(label) for label in _ACTOR_ENTS}
_PLACE_ENT_IDS = {get_string_id(label) for label in ("GPE", "LOC", "FAC")}
_VERB, _NOUN, _PROPN = (get_string_id(pos) for pos in ("VERB", "NOUN", "PROPN"))
_CCOMP = get_string_id("ccomp")
_FUTURE_AUX = {"will", "shall", "'ll"}
_HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should"}
_NOT_ACTOR_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LAW"}
_COUNTERS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million",
             "millions", "scores", "number", "group", "crowd", "crowds"}
_PERSONAL = {"he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "it"}
_NEGATORS = {"no", "never", "without", "neither", "nor"}
#: prepositions whose object is where something is ("in the Sahel"), never who acts
_LOCATIVE = {"in", "at", "near", "across", "throughout", "inside", "around", "within"}
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
        # demonym references name a country, never an event's location
        self.places = [p for p in doc.places
                       if p.kind == "toponym" and not self._is_metonym(p.start, p.end)]
        self.mention_at = _mention_resolver()
        self.quoted = _quoted_spans(doc.text)
        self.place_chars = {i for p in self.places for i in range(p.start, p.end)}
        self.place_words = {w.lower() for p in self.places for w in p.text.split()}
        self.actor_chars = {i for m in doc.actor_mentions for i in range(m.start, m.end)}
        spacy_doc = doc.doc
        # per token, read once from the token arrays (spaCy builds a Token object on every
        # access): what the trigger search and the lexicon's patterns look at
        idx, pos, ents, deps, sent_starts = spacy_doc.to_array(
            [IDX, POS, ENT_TYPE, DEP, SENT_START]
        ).T.tolist()
        # the word columns the earlier stages already read (token_attrs)
        self.lowers = token_attrs.lowers(spacy_doc)
        self.lemmas = [lemma.lower() for lemma in token_attrs.lemmas(spacy_doc)]
        #: coarse part of speech and dependency label of each token, as spaCy's string ids
        self.pos_ids: list[int] = pos
        self.dep_ids: list[int] = deps
        # a toponym the places stage left unresolved is still a destination ("to Guerrero")
        # or one resolved as a place elsewhere in the article
        self.is_place = [
            char in self.place_chars or ent in _PLACE_ENT_IDS
            or (tag == _PROPN and lower in self.place_words)
            for char, ent, tag, lower in zip(idx, ents, pos, self.lowers, strict=True)
        ]
        self.is_actor = [
            char in self.actor_chars or ent in _ACTOR_ENT_IDS
            for char, ent in zip(idx, ents, strict=True)
        ]
        # sentence starts (Doc.sents builds a Token per word)
        starts = [i for i, flag in enumerate(sent_starts) if flag == 1 or i == 0]
        bounds = list(zip(starts, [*starts[1:], len(spacy_doc)], strict=True))
        self.sents = [spacy_doc[a:b] for a, b in bounds] if len(spacy_doc) else []
        self.sent_index = [0] * len(spacy_doc)
        for n, (a, b) in enumerate(bounds):
            self.sent_index[a:b] = [n] * (b - a)
        self._spans: dict[int, tuple[int, int]] = {}
        self._mentions: dict[tuple[int, int], Any] = {}
        self._char_spans: dict[tuple[int, int], SpacySpan | None] = {}
        self.para_breaks = [m.start() for m in re.finditer("\n\n", self.text)]
        self.place_by_text: dict[str, Place] = {}
        for place in self.places:
            self.place_by_text.setdefault(place.text.lower(), place)
        self.dateline = event_dates.dateline(self.text)
        # event_dates.clause_times would otherwise rebuild Doc.text to find it
        spacy_doc.user_data["newsevents.dateline"] = self.dateline
        self.lede = event_dates.lede_date(
            doc,
            int(lex.setting("lede_window_days", 7)),
            int(lex.setting("lede_min_words", 12)),
            int(lex.setting("lede_paragraphs", 1)),
        )

    def words(self, start: int, end: int) -> Words:
        """What the lexicon's patterns see of tokens ``start:end``."""
        return Words(self.lowers[start:end], self.lemmas[start:end],
                     self.is_place[start:end], self.is_actor[start:end])

    def words_at(self, indices: list[int]) -> Words:
        """What the lexicon's patterns see of the tokens at ``indices``."""
        return Words([self.lowers[i] for i in indices], [self.lemmas[i] for i in indices],
                     [self.is_place[i] for i in indices], [self.is_actor[i] for i in indices])

    def arg_span(self, tok: Token) -> tuple[int, int]:
        found = self._spans.get(tok.i)
        if found is None:
            found = self._spans[tok.i] = eventargs.arg_span(tok)
        return found

    def mention(self, start: int, end: int) -> Any:
        key = (start, end)
        if key not in self._mentions:
            self._mentions[key] = self.mention_at(self.doc, start, end)
        return self._mentions[key]

    def span(self, start: int, end: int) -> SpacySpan | None:
        key = (start, end)
        if key not in self._char_spans:
            self._char_spans[key] = self.doc.doc.char_span(start, end, "expand")
        return self._char_spans[key]

    def places_in(self, sent: SpacySpan) -> list[Place]:
        return [p for p in self.places if sent.start_char <= p.start < sent.end_char]

    def sent(self, tok: Token) -> SpacySpan:
        """The sentence of ``tok`` (spaCy's ``Token.sent`` rebuilds it on every call)."""
        return self.sents[self.sent_index[tok.i]]

    def _is_metonym(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.metonyms)

    def actor_like(self, tok: Token) -> bool:
        """Could this token name an actor? Actor mentions first (on the token or its noun
        phrase: "the APEC forum"); entities and a few group nouns as a fallback for text the
        actors stage left unresolved."""
        if tok.idx in self.actor_chars or self.resolved(tok):
            return True
        if tok.ent_type_ in _ACTOR_ENTS and tok.ent_type_ != "":
            return True
        if tok.pos_ == "PRON":
            return tok.lower_ in _PERSONAL
        if tok.pos_ in {"NUM", "NOUN"} and tok.lemma_.lower() in _COUNTERS | {"another"}:
            # "thousands of workers", "dozens of police": the group behind the number
            if any(self.actor_like(o) for _p, o in eventargs.prep_objects(tok, {"of"})):
                return True
        if tok.pos_ == "PROPN":
            return tok.ent_type_ not in _NOT_ACTOR_ENTS
        return tok.lemma_.lower() in self.lex.cls("fallback_agents")

    def named(self, tok: Token) -> bool:
        """Does the token's noun phrase hold a person, organisation, place or nationality
        entity (actor evidence when the actors stage resolved nothing there)?"""
        start, end = self.arg_span(tok)
        return any(t.ent_type_ in _ACTOR_ENTS for t in self.span(start, end) or ())

    def stand_in(self, tok: Token) -> Token:
        """The token that names the actor behind ``tok``: the group behind a counter
        ("thousands of Iraqi Kurds"), the antecedent of an unresolved pronoun ("Hungary
        said it will ...")."""
        if tok.pos_ in {"NUM", "NOUN"} and tok.lemma_.lower() in _COUNTERS | {"another"}:
            if not self.resolved(tok):
                for _p, obj in eventargs.prep_objects(tok, {"of"}):
                    if self.actor_like(obj):
                        return obj
        if tok.pos_ == "NUM":
            # "killed 15 of them": the group the pronoun stands for
            for _p, obj in eventargs.prep_objects(tok, {"of"}):
                if obj.pos_ == "PRON" and obj.lower_ in _PERSONAL:
                    # the nearest fitting noun before ("pursued the attackers and killed 15
                    # of them") before the actors stage's reading of the pronoun
                    sent = self.sent(obj)
                    for prev in reversed(sent[: obj.i - sent.start]):
                        if prev.dep_ in {"dobj", "pobj"} and prev.tag_ in {"NNS", "NNPS"}:
                            if self.actor_like(prev) or prev.idx in self.actor_chars:
                                return prev
                    group = self.stand_in(obj)
                    if group is not obj or self.resolved(obj):
                        return group
        if tok.pos_ == "PRON" and tok.lower_ in _PERSONAL and not self.resolved(tok):
            found = eventargs.antecedent(tok, self.sent(tok))
            if found is not None and (self.resolved(found) or self.named(found)):
                return found
        if tok.pos_ == "NOUN":
            # "fighters linked to the Islamic State", "militants loyal to X": the group
            for child in tok.children:
                if child.dep_ in {"acl", "amod"} and child.lemma_.lower() in self.lex.cls(
                    "affiliation_words"
                ):
                    for _p, obj in eventargs.prep_objects(child, {"to", "with"}):
                        if self.resolved(obj) or self.named(obj):
                            return obj
        if tok.pos_ in {"NOUN", "PROPN"} and tok.ent_type_ != "PERSON":
            # "the UN coordinator for Niger, Maria Costa, condemned": the person named
            near = list(tok.children)
            # ... or hung on the title's "for Niger" ("coordinator for Niger, Maria Costa,")
            near += [o for _p, o in eventargs.prep_objects(tok, {"for", "of", "to", "in"})]
            for node in near:
                for child in [node, *node.children]:
                    if child.dep_ == "appos" and child.ent_type_ == "PERSON" and self.resolved(child):
                        return child
        return tok

    def arguments(self, tok: Token) -> list[EventArgument]:
        """The actor(s) behind a token's noun phrase: several when one span names several
        ("the two presidents" is a mention of each), none resolved → the bare span."""
        start, end = self.arg_span(tok)
        mention = self.mention(start, end)
        if mention is None:
            return [EventArgument(None, start, end, self.text[start:end])]
        same = [
            m
            for m in self.doc.actor_mentions
            if (m.start, m.end) == (mention.start, mention.end) and m.actor_id
        ] or [mention]
        return [EventArgument(m.actor_id, m.start, m.end, m.text) for m in same]

    def resolved(self, tok: Token) -> bool:
        """Does the token's noun phrase resolve to an actor of the actors stage?"""
        start, end = self.arg_span(tok)
        mention = self.mention(start, end)
        return mention is not None and bool(mention.actor_id)


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
    particles = eventargs.particles(tok) if lemma in lex.particle_verbs else []
    for key in [f"{lemma}_{p}" for p in particles] + [lemma]:
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
    stack = [c for c in tok.rights if c.dep_ not in _CLAUSES]
    while stack:
        node = stack.pop()
        out.append(node)
        if node.n_lefts or node.n_rights:  # (asking a leaf for its children is slow)
            stack.extend(c for c in node.children if c.dep_ not in _CLAUSES)
    return sorted(out, key=lambda t: t.i)[:10]


def _code_verb(tok: Token, entry: Entry, ctx: _Context) -> Coding | None:
    if not entry.patterns:
        return code(entry, NO_WORDS, NO_WORDS)  # the entry's own code: no words to read
    before = ctx.words(ctx.sent(tok).start, tok.i)
    window = [t.i for t in _window(tok)]
    coding = code(entry, before, ctx.words_at(window))
    if coding is None:
        return None
    passive = _passive_object(tok)
    if passive:
        # a null pattern on the passive's object ("the names were not released") vetoes;
        # it adds no codes of its own
        moved = code(entry, before, ctx.words_at([t.i for t in passive] + window))
        if moved is None:
            return None
    return coding


def _passive_object(tok: Token) -> list[Token]:
    """The object of a passive verb is its subject ("the names were not released"), and of
    a participle the noun it modifies ("a photo released by the police"), as PETRARCH reads
    them: a null object pattern on it vetoes the coding."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in {"NOUN", "PROPN"}:
        return [tok.head]
    return [c for c in tok.children if c.dep_ == "nsubjpass" and c.pos_ in {"NOUN", "PROPN"}]


def _purpose_targets(tok: Token, ctx: _Context) -> list[Token]:
    """"fired tear gas to break up a march by students", "used water cannon to disperse
    the crowd": the force is used on whom its purpose clause acts on."""
    out: list[Token] = []
    for clause in tok.children:
        if clause.dep_ not in {"advcl", "xcomp"} or not any(c.tag_ == "TO" for c in clause.children):
            continue
        candidates = list(eventargs.objects(clause))
        candidates += [o for _p, o in eventargs.prep_objects(clause, {"by"})]
        for obj in candidates:
            if ctx.actor_like(obj):
                out.append(obj)
            elif _noun_entry(obj, ctx.lex) is not None:
                out += [o for _p, o in eventargs.prep_objects(obj, {"by", "of"}) if ctx.actor_like(o)]
    crowd = ctx.lex.cls("crowd_nouns")
    for _p, obj in eventargs.prep_objects(tok, {"into", "at", "on"}):
        if obj.lemma_.lower() in crowd or obj.lower_ in crowd:
            out.append(obj)  # "firing canisters into the crowd"
    return out


def _money_object(tok: Token) -> bool:
    for obj in tok.children:
        if obj.dep_ not in {"dobj", "obj"}:
            continue
        if obj.ent_type_ == "MONEY" or any(t.ent_type_ == "MONEY" or t.tag_ == "$" for t in obj.subtree):
            return True
    return False


def _protesters_move(tok: Token, ctx: _Context) -> bool:
    """The verb's own or inherited subject is a protest noun ("protesters", "marchers")."""
    subj, _passive, _agents = eventargs.own_subjects(tok)
    subj = subj or eventargs.governing_subject(tok)
    nouns = ctx.lex.cls("protester_nouns")
    heads = subj + [o for t in subj for _p, o in eventargs.prep_objects(t, {"of"})]
    return any(t.lemma_.lower() in nouns or t.lower_ in nouns for t in heads)


def _person_agent(args: _Args, ctx: _Context) -> bool:
    for t in args.actors:
        if t.ent_type_ == "PERSON" or t.lower_ in {"he", "she"}:
            return True
        for arg in ctx.arguments(t):
            actor = ctx.doc.actors.get(arg.actor_id or "")
            if actor is not None and actor.kind == "person":
                return True
    return False


def _assembly(tok: Token, args: _Args, ctx: _Context) -> bool:
    """"Protesters gathered outside parliament": an assembly of a crowd, civilians or the
    opposition is a demonstration; anyone else gathering (officials, reporters) is not."""
    crowd = ctx.lex.cls("crowd_nouns")
    sectors = ctx.lex.cls("crowd_sectors")
    for t in args.actors:
        if t.lemma_.lower() in crowd or t.lower_ in crowd:
            return True
        for arg in ctx.arguments(t):
            actor = ctx.doc.actors.get(arg.actor_id or "")
            if actor is not None and (actor.sector or "").lower() in sectors:
                return True
    return False


# ---------------------------------------------------------------------------- arguments


def _relative_antecedent(verb: Token, found: list[Token], ctx: _Context) -> list[Token]:
    """A relative pronoun stands for an actor-like noun: in "fighters linked to the Islamic
    State in the Sahel, which has carried out raids" the parser attaches the clause to the
    nearest noun, a place; the agent is the closest actor-like noun before it (patients stay:
    "the town, which was shelled")."""
    if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"which", "who", "that"}
               for c in verb.children):
        return found
    def place(t: Token) -> bool:
        return t.idx in ctx.place_chars or (t.dep_ == "pobj" and t.head.lower_ in _LOCATIVE)

    out: list[Token] = []
    for tok in found:
        if not place(tok):
            out.append(tok)  # "an action that will delay": no actor, the event is dropped
            continue
        sent_start = ctx.sents[ctx.sent_index[tok.i]].start
        for i in range(tok.i, sent_start - 1, -1):  # the nearest actor-like noun leftwards,
            current = tok.doc[i]  # within the noun phrase (a verb ends it)
            if current.pos_ in {"VERB", "AUX"}:
                break
            if current.pos_ in {"NOUN", "PROPN"} and not place(current) and ctx.actor_like(current):
                out.append(current)
                break
    return out


def _verb_args(tok: Token, entry: Entry, ctx: _Context) -> _Args:
    subj, passive, agents = eventargs.own_subjects(tok)
    subj = _relative_antecedent(tok, subj, ctx)
    if not subj and not passive and tok.dep_ == "conj" and tok.tag_ in {"VBN", "VBD"}:
        # "were arrested by police and then turned over to the gang": the coordinated
        # participle shares the passive subject and the agent
        _s, head_passive, head_agents = eventargs.own_subjects(tok.head)
        if head_passive and (tok.tag_ == "VBN" or head_agents):
            passive, agents = head_passive, agents or head_agents
    if not subj and not passive and tok.dep_ == "acl" and tok.head.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ == "dobj" for c in tok.children
    ):
        # "Gunmen on motorcycles killed 34 civilians" parsed as a participle of the noun
        # (after a dateline), "fighters carrying rifles": the noun is the agent
        subj = [tok.head]
    if not subj and not passive:
        subj = eventargs.governing_subject(tok)
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in ctx.lex.cls("document_nouns"):
        # "issued a declaration demanding ...": the author of the document
        owner, _p, owner_agents = eventargs.own_subjects(tok.head.head)
        subj = owner_agents + owner or subj
    # "Violence by armed groups killed 1,200 civilians": the agent of an abstract subject
    subj = [next((o for _p, o in eventargs.prep_objects(t, {"by"}) if ctx.actor_like(o)), t)
            if t.pos_ == "NOUN" and not ctx.actor_like(t) else t for t in subj]
    actors = agents + subj
    recipients = list(passive)
    if entry.victim_subject and not agents:
        recipients, actors = recipients + subj, []
    weapons = ctx.lex.cls("weapon_words")
    holdings = ctx.lex.cls("holding_nouns")
    for obj in eventargs.objects(tok):
        if obj.lemma_.lower() in weapons or obj.lower_ in weapons:
            continue  # "fired tear gas", "firing canisters": the means, not the target
        if obj.lemma_.lower() in holdings or obj.lower_ in holdings:
            # "froze the assets of three companies": the owner is the one acted on
            recipients += [c for c in obj.children if c.dep_ == "poss" and ctx.actor_like(c)]
            recipients += [o for _p, o in eventargs.prep_objects(obj, {"of"}) if ctx.actor_like(o)]
            continue
        if _measure(obj, ctx) and not ctx.resolved(obj):
            continue  # "imposed sanctions on X": the event noun is no recipient (see below)
        if ctx.actor_like(obj) or obj.pos_ in {"NOUN", "NUM"} and _is_patient_type(entry, ctx):
            recipients.append(obj)
    preps = ctx.lex.cls("recipient_preps")
    for _prep, obj in eventargs.prep_objects(tok, preps):
        if obj.head.i < tok.i:
            continue  # "At the High Court in Abuja, the judge rejected": a scene, no recipient
        if ctx.actor_like(obj):
            recipients.append(obj)
    for obj in eventargs.objects(tok):
        # "held talks with Mehra", "signed a pact with Hanoi": the partner of the event noun
        if not _measure(obj, ctx):
            continue
        for _prep, other in eventargs.prep_objects(obj, {"with", "on", "against", "to", "for"}):
            if ctx.actor_like(other) and other not in recipients:
                recipients.append(other)
    recipients = _proposal_authors(tok, recipients, ctx)
    return _Args(actors, recipients)


#: prepositions on a verb's object noun that name whom the act is aimed at ("shared
#: evidence with the US", "threatened action against Russia", "granted asylum to X",
#: "welcomed the resumption of ties between Cuba and the US")
_OBJECT_PARTNER_PREPS = {"with", "to", "against", "on", "toward", "towards", "between"}


def _object_partners(verb: Token, ctx: _Context) -> list[Token]:
    """Who a verb acts on through its object noun: a partner of the object ("restored ties
    with Cuba", "granted asylum to five officers"), else the object's owner ("defended
    the right of Russia's troops", "denounced Serbia's suppression", "demanded the removal
    of the president", "demanded an admission by Moscow")."""
    out: list[Token] = []
    for obj in eventargs.objects(verb):
        for _ in range(3):  # through "the resumption of ties with X"
            if ctx.actor_like(obj):
                break
            out += [o for _p, o in eventargs.prep_objects(obj, _OBJECT_PARTNER_PREPS)
                    if ctx.actor_like(o)]
            if out:
                break
            out += [c for c in obj.children if c.dep_ == "poss" and ctx.actor_like(c)]
            owners = [o for _p, o in eventargs.prep_objects(obj, {"of", "by", "from"})]
            out += [o for o in owners if ctx.actor_like(o)]
            if out or not owners:
                break
            obj = owners[0]
    return out


def _indirect_recipients(tok: Token, coding: Coding, ctx: _Context) -> list[Token]:
    """The recipient of a verb that names none directly: the subject of a demanded clause
    ("demanded that the US cancel ..."), the recipient of an infinitive complement
    ("threatened to break relations with Russia", "refused to meet Jordan's king"), the
    partner or owner of its object noun (``_object_partners``)."""
    out = _object_partners(tok, ctx)
    if out:
        return out
    clause_types = ctx.lex.cls("clause_subject_types")
    for clause in tok.children:
        if clause.dep_ == "ccomp" and coding.type.lower() in clause_types:
            subj, passive, _agents = eventargs.own_subjects(clause)
            out += [t for t in subj + passive if t.pos_ != "PRON" and ctx.actor_like(t)]
        elif clause.dep_ == "xcomp" and any(c.tag_ == "TO" for c in clause.children):
            out += [o for o in eventargs.objects(clause) if ctx.actor_like(o)]
            out += [o for _p, o in eventargs.prep_objects(clause, ctx.lex.cls("recipient_preps"))
                    if ctx.actor_like(o)]
            if not out:
                out += _object_partners(clause, ctx)
    return out


def _measure(obj: Token, ctx: _Context) -> bool:
    """An event noun or a measure ("sanctions", "travel bans", "tariffs") as a verb's object."""
    if obj.lemma_.lower() in ctx.lex.cls("measure_nouns") or obj.lower_ in ctx.lex.cls("measure_nouns"):
        return True
    return _noun_entry(obj, ctx.lex) is not None


def _proposal_authors(tok: Token, recipients: list[Token], ctx: _Context) -> list[Token]:
    """"rejected a request by the prosecution", "accepted Kyiv's offer": the author of the
    proposal is the recipient."""
    proposals = ctx.lex.cls("proposal_nouns")
    authors: list[Token] = []
    for obj in eventargs.objects(tok):
        if obj.lemma_.lower() not in proposals:
            continue
        authors += [c for c in obj.children if c.dep_ == "poss" and ctx.actor_like(c)]
        for _p, by in eventargs.prep_objects(obj, {"by", "from"}):
            if ctx.actor_like(by):
                authors.append(by)
    return authors + [r for r in recipients if r not in authors] if authors else recipients


def _clause_owner(tok: Token, ctx: _Context) -> list[Token]:
    """The actor a nominal event belongs to when its phrase names none: the subject of its
    clause, or that subject's possessor / "of" object ("The response of the government ...
    has been a plan ... with the deployment of troops")."""
    head = event_dates.clause_head(tok.head if tok.head.i != tok.i else tok)
    subj, passive, agents = eventargs.own_subjects(head)
    for cand in agents + subj:
        if ctx.resolved(cand):
            return [cand]
        for child in cand.children:
            if child.dep_ == "poss" and ctx.resolved(child):
                return [child]
        for _prep, obj in eventargs.prep_objects(cand, {"of"}):
            if ctx.resolved(obj):
                return [obj]
    return []


def _beneficiaries(tok: Token, ctx: _Context) -> list[Token]:
    """Who receives aid: a "for"/"to" object inside the verb's object phrase ("funneling
    $2 billion in hardware and support for Mexico's security forces")."""
    out: list[Token] = []
    stack = [c for c in tok.children if c.dep_ in {"dobj", "dative", "prep", "npadvmod", "advcl"}]
    while stack:
        node = stack.pop()
        if node.dep_ in _CLAUSES and node.pos_ in {"VERB", "AUX"}:
            if any(c.dep_ == "mark" and c.lower_ == "for" for c in node.children):
                # "a credit line for Vietnam to buy patrol vessels": the clause's subject
                out += [c for c in node.children if c.dep_ == "nsubj" and ctx.actor_like(c)]
            continue
        if node.dep_ == "pobj" and node.head.lower_ in {"for", "to"} and ctx.actor_like(node):
            out.append(node)
            continue
        stack.extend(node.children)
    return sorted(out, key=lambda t: t.i)[:1]


def _is_patient_type(entry: Entry, ctx: _Context) -> bool:
    kind = entry.type or cameo.plover_for(entry.code)[0]
    return (kind or "").lower() in ctx.lex.cls("patient_of_types")


def _noun_args(tok: Token, kind: str, ctx: _Context) -> _Args:
    actors: list[Token] = []
    recipients: list[Token] = []
    patient_of = kind.lower() in ctx.lex.cls("patient_of_types")
    for child in tok.children:
        if child.dep_ == "poss" and child.ent_type_ not in {"DATE", "TIME"}:
            if child.pos_ == "PRON" and not ctx.resolved(child) and tok.dep_ == "dobj":
                # "Israel mounted its invasion": the possessive is the verb's subject
                subj, _passive, agents = eventargs.own_subjects(tok.head)
                owner = agents + subj or eventargs.governing_subject(tok.head)
                if owner:
                    actors.extend(owner)
                    continue
            actors.append(child)
    for prep, obj in eventargs.prep_objects(
        tok, {"by", "between", "among", "of", "against", "on", "with", "to", "from"}
    ):
        if prep in {"by", "between", "among", "from"}:
            actors.append(obj)
        elif prep == "of":
            if patient_of:
                recipients.append(obj)
            elif kind.lower() not in ctx.lex.cls("owner_agent_types"):
                actors.append(obj)
        elif ctx.actor_like(obj) or patient_of:
            recipients.append(obj)
    head = tok.head
    if tok.dep_ == "dobj" and head.pos_ == "VERB" and not actors:
        # "to break up a march by students": an active verb has no agent phrase, the parser
        # hung the noun's "by" on it
        subj, passive, _agents = eventargs.own_subjects(head)
        if not passive:
            actors.extend(o for _p, o in eventargs.prep_objects(head, {"by"}) if o.idx > tok.idx)
    if tok.dep_ in {"dobj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        subj, _passive, agents = eventargs.own_subjects(head)
        governing = subj or agents or eventargs.governing_subject(head)
        lemma = head.lemma_.lower()
        if lemma in ctx.lex.cls("receive_verbs"):
            recipients.extend(governing)
            actors.extend(o for _p, o in eventargs.prep_objects(head, {"from"}))
        elif lemma in ctx.lex.cls("response_verbs") and tok.lemma_.lower() in ctx.lex.cls(
            "proposal_nouns"
        ):  # "the administration brushed aside appeals by rights groups": made to it
            recipients.extend(governing)
        elif lemma in ctx.lex.cls("light_verbs") and not actors:
            actors.extend(governing)
    if (
        not actors
        and tok.dep_ == "pobj"
        and head.lower_ in {"for", "to"}
        and head.head.lemma_.lower() in ctx.lex.cls("departure_verbs")
    ):  # "left for New Delhi on Wednesday for meetings with X": the traveller meets
        subj, _passive, agents = eventargs.own_subjects(head.head)
        actors.extend(agents + subj or eventargs.governing_subject(head.head))
    if kind == "PROTEST":
        for _prep, obj in eventargs.prep_objects(head, ctx.lex.cls("protest_site_preps")):
            if obj.idx in ctx.actor_chars:
                recipients.append(obj)
    if not actors and kind.lower() in ctx.lex.cls("owner_agent_types"):
        actors.extend(_clause_owner(tok, ctx))
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
        if current.i != tok.i and current.lemma_.lower() in lex.cls("negating_verbs"):
            return True
        if current.dep_ not in _COMPLEMENT - {"advcl", "ccomp"} or current.head.i == current.i:
            return False
        current = current.head
    return False


def _ready(tok: Token, ctx: _Context) -> bool:
    """"is willing to withdraw", "ready to contribute": the act is an intention."""
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ctx.lex.cls("readiness_words")


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
        if head.i == current.i:
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


def _place(
    tok: Token, args: list[EventArgument], ctx: _Context, previous: Place | None = None
) -> tuple[Place | None, str | None]:
    """Where the event happened, in order of evidence:

    1. ``argument``: a toponym in the trigger's own phrase ("met in Geneva", "traveled to
       Guerrero", "the Geneva summit");
    2. ``sentence``: a toponym that is the locative adjunct of a clause of the sentence
       ("In Kabul, police said ... were killed"), never one that only modifies a noun of
       another argument ("the US-Mexican border", "his US counterpart", "On Cuba");
    3. ``discourse``: the place of the previous event of the same paragraph (a country-level
       sentence toponym does not override a more specific discourse place in that country);
    4. ``focus``: the article's focus place (the lede's place for lede-dated events, later).
    """
    sent = ctx.sent(tok)
    in_sent = [p for p in ctx.places_in(sent)]
    preps = ctx.lex.cls("place_preps")
    for place in in_sent:
        if _governed_by(tok, ctx.span(place.start, place.end), preps):
            return place, "argument"
    named = _unresolved_destination(tok, ctx, preps)
    if named is not None:
        return named, "argument"
    taken = [(a.start, a.end) for a in args]
    free = [
        p
        for p in in_sent
        if not any(s < p.end and p.start < e for s, e in taken) and _adjunct(p, tok, ctx, preps)
    ]
    if free:
        best = min(free, key=lambda p: abs(p.start - tok.idx))
        if (
            previous is None
            or best.precision != "country"
            or previous.country != best.country
            or previous.precision == "country"
        ):
            return best, "sentence"
    if previous is not None:
        return previous, "discourse"
    focus = ctx.doc.notes.get("focus_place")
    if isinstance(focus, Place) and (
        ctx.dateline[0] <= focus.start < ctx.dateline[1]
        or not any(i in ctx.actor_chars for i in range(focus.start, focus.end))
    ):  # a focus place that is a person's name ("Obama") is the places stage's slip (the
        # dateline's name is a place even when the actors stage took it for an actor)
        return focus, "focus"
    return None, None


def _unresolved_destination(tok: Token, ctx: _Context, preps: frozenset[str]) -> Place | None:
    """A toponym of the trigger's phrase the places stage left unresolved here but resolved
    elsewhere in the article ("traveled to Guerrero" after "the state of Guerrero"): the
    same record, at this occurrence."""
    for _prep, obj in eventargs.prep_objects(tok, preps):
        if obj.pos_ != "PROPN":
            continue
        start, end = ctx.arg_span(obj)
        text = ctx.text[start:end]
        known = ctx.place_by_text.get(text.lower())
        if known is not None and not any(p.start == start for p in ctx.places):
            return replace(known, start=start, end=end, text=text)
    return None


def _adjunct(place: Place, tok: Token, ctx: _Context, preps: frozenset[str]) -> bool:
    """Is the toponym the object of a locative preposition attached to the trigger's clause
    or a clause above it ("In Kabul, police said ... were killed"), possibly through a list
    ("in New York, Los Angeles and Seattle"), a head noun of place ("in the town of
    Iguala") or another locative ("outside consulates in New York")? A toponym under a
    noun of another argument or in an unrelated clause ("Mexicans residing in the US")
    is not."""
    span = ctx.span(place.start, place.end)
    if span is None:
        return False
    above = event_dates.ancestors(tok)
    # a coordinated clause shares the setting ("police killed six and 43 disappeared in X")
    # (the parser often hangs "43 disappeared" under a coordinated number: take its verb)
    conj = [c for i in list(above) for c in tok.doc[i].children if c.dep_ == "conj"]
    above |= {c.i for c in conj}
    above |= {v.i for c in conj for v in c.children if v.dep_ in {"acl", "relcl"}}
    current = span.root
    located = False  # a locative preposition seen on the way up
    for _ in range(10):
        if current.dep_ == "conj" or (current.dep_ == "pobj" and current.head.lower_ == "of"):
            current = current.head
        elif current.dep_ == "prep" and current.lower_ == "of":
            current = current.head
        elif current.dep_ == "pobj" and current.head.dep_ in {"prep", "agent"}:
            located = located or current.head.lower_ in preps
            head = current.head.head
            if not located:
                return False
            if head.i in above:
                return True
            if head.dep_ != "pobj":
                return False
            current = head  # "(including) municipalities in the states of Guerrero"
        else:
            return False
    return False


def _governed_by(trigger: Token, span: SpacySpan | None, preps: frozenset[str]) -> bool:
    """The toponym hangs off the trigger through a locative preposition."""
    if span is None:
        return False
    current = span.root
    located = False  # through a locative preposition ("an office in Havana")
    for _ in range(5):
        head = current.head
        if head.i == current.i:
            return False
        if head.i == trigger.i:  # through the trigger's own phrase, not its subject
            if current.dep_ == "dobj":  # "set up a trade office in Havana"
                return located
            return current.dep_ in {"prep", "npadvmod", "compound", "dative", "advmod"}
        if head.pos_ == "VERB" and head.i != trigger.i:
            return False
        if current.dep_ == "pobj" and head.lower_ in preps:
            located = True
        current = head
    return False


def _date(tok: Token, ctx: _Context) -> tuple[str | None, Span | None, bool]:
    best = event_dates.pick(tok, ctx.doc.times, ctx.doc.doc, ctx.sent(tok))
    if best is not None:
        return event_dates.day_value(best.value), Span(best.start, best.end, best.text), False
    if ctx.lede is not None:
        return ctx.lede, None, True
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
    pledges = ctx.lex.cls("pledge_verbs")
    verbs, nouns = _candidates(doc, ctx)
    for tok in verbs:
        if tok.pos_ != "VERB" or _not_trigger(tok, ctx):
            continue
        lemma = tok.lemma_.lower()
        money = lemma in pledges and _money_object(tok)
        marching = lemma in ctx.lex.cls("protest_motion_verbs") and _protesters_move(tok, ctx)
        # a phrasal verb is listed with its particle only ("brush_aside")
        entry = _verb_entry(tok, ctx.lex)
        if entry is None and not money and not marching:
            continue
        if tok.dep_ == "acl" and tok.lower_ in ctx.lex.cls("participle_prepositions"):
            continue  # "the events surrounding the students": a preposition, no action
        if _topic(tok, ctx):
            continue  # "had discussed coordinating their efforts": a subject of talk
        entry = entry or Entry(lemma, "070")
        coding = _code_verb(tok, entry, ctx)
        if marching:
            # "5,000 protesters tried to reach parliament": protesters on the move demonstrate
            coding = Coding("141", "PROTEST", "demo", coding.pattern if coding else None)
        if money:
            # "pledged $150 million", "announced an additional £10 million": a sum committed
            # is the aid itself (PLOVER AID); "pledged to help" stays an intention (AGREE)
            coding = Coding("070", "AID", None, coding.pattern if coding else None)
        if coding is None:
            continue
        if (coding.code or "").startswith("042") and lemma in ctx.lex.cls("motion_verbs") and any(
            c.dep_ == "dobj" for c in tok.children
        ):
            continue  # "flew the detainees to Sanaa": transport, no visit
        if lemma in ctx.lex.cls("question_verbs") and _question(tok, ctx):
            continue  # "asked whether the plant would close": a question, no request
        if coding.type == "ACCUSE" and _territorial_claim(tok, ctx):
            continue  # "Beijing claims most of the South China Sea": possession, no accusation
        args = _verb_args(tok, entry, ctx)
        if tok.lemma_.lower() in ctx.lex.cls("assembly_verbs") and not _assembly(tok, args, ctx):
            continue
        if coding.type == "ASSAULT" and _collision(tok, ctx):
            continue  # "a man was hit by a car", "the car that struck Johnson": an accident
        if coding.type == "ASSAULT" and _verbal_attack(tok, args, ctx):
            # "Trump had personally attacked his wife": a politician's words, no violence
            coding = Coding("111", "ACCUSE", None, coding.pattern)
        if (coding.code or "").startswith("074") and _person_agent(args, ctx):
            # "the minister defended the police": a person's defence is verbal support
            coding = Coding("051", "SUPPORT", None, coding.pattern)
        if (
            coding.type == "ACCUSE"
            and tok.lemma_.lower() in ctx.lex.cls("demonstration_verbs")
            and _assembly(tok, args, ctx)
        ):  # "thousands protested against the result": a demonstration, not a complaint
            coding = Coding("141", "PROTEST", "demo", coding.pattern)
        verb_types[tok.i] = coding.type
        if coding.type in {"ASSAULT", "COERCE"} and not any(ctx.actor_like(r) for r in args.recipients):
            args.recipients.extend(_purpose_targets(tok, ctx))
        if coding.type.lower() in ctx.lex.cls("beneficiary_types") and not args.recipients:
            args.recipients.extend(_beneficiaries(tok, ctx))
        symmetric = coding.type.lower() in ctx.lex.cls("symmetric_types") | ctx.lex.cls(
            "symmetric_triggers") and len(_expand(args.actors)) > 1
        if not symmetric and not any(ctx.actor_like(r) for r in args.recipients):
            # (two parties who "chaired a session of the Dialogue" are each other's partner)
            args.recipients.extend(_indirect_recipients(tok, coding, ctx))
        found.append(_Found(tok, coding, args, False))
    for tok in nouns:
        if tok.pos_ not in {"NOUN", "PROPN"} or _not_trigger(tok, ctx):
            continue
        if tok.dep_ == "compound" and tok.head.pos_ in {"NOUN", "PROPN"}:
            continue  # "riot police", "attack helicopters", "strike force": a kind, no event
        entry = _noun_entry(tok, ctx.lex)
        if entry is None:
            continue
        coding = code(entry, NO_WORDS, NO_WORDS)
        if coding is None or verb_types.get(tok.head.i) == coding.type:
            continue  # "staged a protest": the verb already carries the event
        if tok.dep_ == "pobj" and tok.head.lower_ in {"for", "to"} and verb_types.get(
            tok.head.head.i
        ) == coding.type:
            continue  # "arrived in New Delhi for a three-day visit": one visit
        if tok.dep_ == "pobj" and tok.head.lower_ in {"in", "during"} and _acted_in(
            tok.head.head, coding.type, found
        ):
            continue  # "gunmen killed 34 civilians in an attack on a village": one attack
        if _mentioned(tok, ctx):
            continue  # "a passing reference to the massacre": a reference, no new event
        args = _noun_args(tok, coding.type, ctx)
        if not args.actors and _topic(tok, ctx):
            continue  # "stressed collaboration in a border crackdown": a subject of talk
        found.append(_Found(tok, coding, args, True))
    found = _demands(doc, found, ctx)
    found = _empty_refusals(found, ctx)
    found.sort(key=lambda f: f.tok.i)
    found = _drop_casualty_counts(found, ctx)
    found = _governed_events(found, ctx)
    found = [f for f in found if not _instruction(f.tok)]
    for item in found:  # victims-only events take the agent of their sentence's assault
        _inherit_actor(item, found, ctx)
    kept = [f for f in (_keep_actors(f, ctx) for f in found) if f is not None]
    kept = [f for f in kept if _permission_by_state(f, ctx)]
    kept = _merge_coordinated(kept)
    _inherit_protesters(kept, ctx)
    return _drop_headline(_drop_anaphora(kept, ctx), ctx)


def _acted_in(verb: Token, kind: str, found: list[_Found]) -> bool:
    """Is ``verb`` a coded event of type ``kind`` with an agent of its own (the nominal it
    happened "in" then names the same act)?"""
    return any(f.tok.i == verb.i and f.coding.type == kind and f.args.actors for f in found)


def _candidates(doc: Document, ctx: _Context) -> tuple[list[Token], list[Token]]:
    """Verbs and nouns that may be triggers, read from the token columns (building a Token
    object for every word of the article is the stage's largest cost)."""
    spacy_doc = doc.doc
    lex = ctx.lex
    pledges, marches = lex.cls("pledge_verbs"), lex.cls("protest_motion_verbs")
    verbs: list[Token] = []
    nouns: list[Token] = []
    for i, (pos, lemma, lower) in enumerate(zip(ctx.pos_ids, ctx.lemmas, ctx.lowers, strict=True)):
        if pos == _VERB:
            if lemma in lex.verb_lemmas or lemma in pledges or lemma in marches:
                verbs.append(spacy_doc[i])
        elif (pos == _NOUN or pos == _PROPN) and (lower in lex.nouns or lemma in lex.nouns):
            nouns.append(spacy_doc[i])
    return verbs, nouns


def _territorial_claim(tok: Token, ctx: _Context) -> bool:
    """"claims most of the South China Sea", "claimed the disputed islands": a verb of
    claiming whose object (not a clause) names a place asserts possession of territory; it
    accuses no one."""
    if tok.lemma_.lower() not in ctx.lex.cls("possession_claim_verbs"):
        return False
    if any(c.dep_ in {"ccomp", "xcomp"} for c in tok.children):
        return False  # "claimed that the army fired": a claim about someone's act
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        for t in obj.subtree:
            if t.ent_type_ in {"GPE", "LOC", "FAC"} or t.idx in ctx.place_chars:
                return True
            if t.lemma_.lower() in ctx.lex.cls("territory_nouns"):
                return True
    return False


def _injury_report(tok: Token, ctx: _Context) -> bool:
    """"23 officers were injured", "Twelve people were wounded": a passive verb of injury
    with no agent reports casualties, not who did what."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in ctx.lex.cls("injury_verbs"):
        return False
    subj, passive, agents = eventargs.own_subjects(tok)
    passive_form = bool(passive) or any(c.dep_ == "auxpass" for c in tok.children)
    if not passive_form and tok.dep_ == "conj" and tok.tag_ == "VBN":
        passive_form = any(c.dep_ == "auxpass" for c in tok.head.children)
    return passive_form and not agents and not subj


def _drop_casualty_counts(found: list[_Found], ctx: _Context) -> list[_Found]:
    """An agentless injury report after an attack already coded in the article ("Police
    fired on the crowd ... 23 officers were injured") counts that attack's casualties: it is
    the same event, not a new ASSAULT."""
    out: list[_Found] = []
    attacked = False
    for item in found:
        if item.coding.type == "ASSAULT" and not item.nominal and _injury_report(item.tok, ctx):
            if attacked:
                continue
        elif item.coding.type == "ASSAULT":
            attacked = True
        out.append(item)
    return out


def _not_trigger(tok: Token, ctx: _Context) -> bool:
    """Words of the dateline ("NIAMEY, March 14 —") and of a date ("in March 2018", "on
    March 14") are no actions, whatever the lexicon says of "march"."""
    if ctx.dateline[0] <= tok.idx < ctx.dateline[1]:
        return True
    return tok.ent_type_ in {"DATE", "TIME"} and tok.text[:1].isupper()


def _in_dateline(tok: Token, ctx: _Context) -> bool:
    return ctx.dateline[0] <= tok.idx < ctx.dateline[1]


def _undateline(tokens: list[Token], ctx: _Context) -> list[Token]:
    """Arguments without the dateline's place; the parser often makes the lede's subject an
    apposition of it ("NEW DELHI, Aug 2 — India and Vietnam signed"), which takes its role."""
    out: list[Token] = []
    for tok in tokens:
        if not _in_dateline(tok, ctx):
            out.append(tok)
            continue
        for child in tok.children:
            if child.dep_ == "appos" and not _in_dateline(child, ctx) and child not in tokens:
                out.append(child)
    return out


def _instruction(tok: Token) -> bool:
    """A trigger under an imperative ("To contact the WSWS ... visit:") is an instruction
    to the reader, not a reported event."""
    current = tok
    for _ in range(6):
        if current.head.i == current.i:
            break
        current = current.head
    subj, passive, _agents = eventargs.own_subjects(current)
    return (
        current.tag_ == "VB"
        and current.dep_ == "ROOT"
        and not subj
        and not passive
        and not any(c.dep_ in {"aux", "auxpass"} and c.tag_ != "TO" for c in current.children)
    )


def _merge_coordinated(found: list[_Found]) -> list[_Found]:
    """"demonstrators carried banners and chanted slogans": coordinated verbs of one type
    with the same actors are one event (the first verb's)."""
    by_index = {f.tok.i: f for f in found}
    out = []
    for item in found:
        first = by_index.get(item.tok.head.i) if item.tok.dep_ == "conj" else None
        if (
            first is not None
            and not item.nominal
            and first.coding.type == item.coding.type
            and {t.i for t in first.args.actors} == {t.i for t in item.args.actors}
            and not item.args.recipients
        ):
            continue
        first = by_index.get(item.tok.head.i) if _elaboration(item.tok) else None
        if (
            first is not None
            and not first.nominal
            and first.coding.type == item.coding.type
            and {t.i for t in first.args.actors} == {t.i for t in item.args.actors}
            and (not first.args.recipients or not item.args.recipients)
        ):  # "is providing the means, funneling $2 billion in hardware for X": one act
            first.args.recipients = first.args.recipients or item.args.recipients
            continue
        out.append(item)
    return out


def _elaboration(tok: Token) -> bool:
    """A subjectless present participle after its verb, set off by a comma ("is providing
    the means, funneling $2 billion"): it restates the verb's act."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.i < tok.head.i:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in tok.children):
        return False
    return tok.i > 0 and tok.doc[tok.i - 1].text == ","


def _drop_headline(found: list[_Found], ctx: _Context) -> list[_Found]:
    """The title restates the story: an event in the title block (the lines before the
    first paragraph long enough to be the lede) that a body event repeats with the same
    type and a shared actor is a duplicate."""
    min_words = int(ctx.lex.setting("lede_min_words", 12))
    title_end = 0
    pos = 0
    for para in ctx.text.split("\n\n"):
        if len(para.split()) >= min_words:
            title_end = pos
            break
        pos += len(para) + 2
    if ctx.dateline[0] > title_end:  # a long headline above the dateline is still a title
        title_end = ctx.dateline[0]
    if not title_end:
        return found
    body = [f for f in found if f.tok.idx >= title_end]
    out = []
    for item in found:
        if item.tok.idx < title_end:
            ids = _actor_ids(item.args.actors, ctx)
            if any(
                b.coding.type == item.coding.type and ids & _actor_ids(b.args.actors, ctx)
                for b in body
            ):
                continue
        out.append(item)
    return out


def _demands(doc: Document, found: list[_Found], ctx: _Context) -> list[_Found]:
    """"Russia said Sudan must return the helicopter": a clause of obligation reported by a
    speech verb is the speaker's REQUEST to the clause's subject, and the act it demands has
    not happened (its own event is dropped)."""
    demanded: set[int] = set()
    new: list[_Found] = []
    for tok in (doc.doc[i] for i, dep in enumerate(ctx.dep_ids) if dep == _CCOMP):
        if tok.head.lemma_.lower() not in ctx.lex.cls("speech_verbs"):
            continue
        if not any(c.dep_ == "aux" and c.lower_ in ctx.lex.cls("obligation_aux")
                   for c in tok.children):
            continue
        speech = tok.head
        subj, _passive, agents = eventargs.own_subjects(speech)
        targets, passive, _agents = eventargs.own_subjects(tok)
        if not _demand_target(targets + passive, ctx):
            continue
        coding = Coding("020", "REQUEST", None, "obligation")
        new.append(_Found(speech, coding, _Args(agents + subj, targets + passive), False))
        demanded.update({tok.i, speech.i})
    return [f for f in found if f.tok.i not in demanded] + new


def _question(tok: Token, ctx: _Context) -> bool:
    """"asked whether/why/if ...", "'Will it close?' he asked": asking a question is no
    REQUEST (asking someone to act, or for something, is)."""
    wh = ctx.lex.cls("interrogative_words")
    deps = {c.dep_ for c in tok.children}
    for child in tok.children:
        if child.dep_ == "advcl" and not deps & {"xcomp", "dobj", "dative"} and any(
            c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in child.children
        ):
            return True  # "people have been asked if they have a business"
        if child.dep_ == "ccomp":
            first = min((child, *child.subtree), key=lambda t: t.i)
            if first.lower_ in wh or any(
                c.lower_ in wh and c.dep_ in {"mark", "advmod", "nsubj", "dobj", "attr"}
                and c.i < child.i for c in child.children
            ):
                return True
    sent = ctx.sent(tok)
    before = ctx.text[sent.start_char : tok.idx]
    # a quoted question the verb reports ("'...?' Peskov asked")
    return bool(re.search(r"\?\s*[\"\u201d\u2019']\s*,?\s*(\S+\s+){0,4}$", before))


def _collision(tok: Token, ctx: _Context) -> bool:
    """Hitting and striking (``collision_verbs``) done by a vehicle (``vehicle_words``: "was
    hit by a car", "the truck that struck him") is a road accident, not an assault; ramming
    stays an attack."""
    if tok.lemma_.lower() not in ctx.lex.cls("collision_verbs"):
        return False
    vehicles = ctx.lex.cls("vehicle_words")
    agents = [c for c in tok.children if c.dep_ == "nsubj"]
    agents += [o for _p, o in eventargs.prep_objects(tok, {"by"})]
    if tok.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ == "WDT" for c in tok.children):
        agents.append(tok.head)  # "the car that hit Johnson"
    return any(a.lemma_.lower() in vehicles for a in agents)


def _verbal_attack(tok: Token, args: _Args, ctx: _Context) -> bool:
    """An attack (class ``verbal_attack_verbs``) by a politician (a person of a
    ``political_sectors`` sector) in a sentence with no word of violence
    (``violence_words``) is criticism: "Trump attacked Latinos", not an assault."""
    if tok.lemma_.lower() not in ctx.lex.cls("verbal_attack_verbs") or not args.actors:
        return False
    political = ctx.lex.cls("political_sectors")
    for t in _expand(args.actors):
        for arg in ctx.arguments(ctx.stand_in(t)):
            actor = ctx.doc.actors.get(arg.actor_id or "")
            if actor is None or actor.kind != "person":
                return False
            if (actor.sector or "").lower() not in political:
                return False
    violence = ctx.lex.cls("violence_words")
    return not any(w.lemma_.lower() in violence for w in ctx.sent(tok))


def _permission_by_state(item: _Found, ctx: _Context) -> bool:
    """Allowing and permitting (class ``permission_verbs``) concede something only when a state
    or a people or group does it ("Turkey will allow refugees to return"); "people
    are allowed to make mistakes", "the program allows homebuyers to ..." concede nothing."""
    if item.nominal or item.tok.lemma_.lower() not in ctx.lex.cls("permission_verbs"):
        return True
    actors = [a for t in _expand(item.args.actors) for a in ctx.arguments(t)]
    if _state_actor(actors, ctx):
        return True
    private = ctx.lex.cls("private_sectors")
    for arg in actors:  # a people or an armed group ("Bosnian Serbs allowed aid convoys")
        actor = ctx.doc.actors.get(arg.actor_id or "")
        if actor is not None and (actor.country or actor.sector) and (
            (actor.sector or "").lower() not in private
        ):
            return True
    return False


def _empty_refusals(found: list[_Found], ctx: _Context) -> list[_Found]:
    """Declining, failing and offering (class ``complement_event_verbs``) are events only
    over an act: an infinitive that is itself an event ("declined to resign" once resigning is
    coded, "failed to reach agreement", "offered to hand over"), an act of ``complement_acts``
    ("forced thousands to flee"), a proposal noun ("declined the
    offer"), any object or infinitive of an ``object_event_verbs`` verb ("offered its troops",
    "offered to hand over") or an object pattern of the lexicon ("offered concessions"). "Declined to comment",
    "failed to supervise", "declined treatment" reject nothing."""
    verbs = ctx.lex.cls("complement_event_verbs")
    events_at = {f.tok.i for f in found}
    proposals = ctx.lex.cls("proposal_nouns")
    offers = ctx.lex.cls("object_event_verbs")
    acts = ctx.lex.cls("complement_acts")
    function = ctx.lex.cls("pattern_function_words")

    def empty(item: _Found) -> bool:
        tok = item.tok
        if item.nominal or tok.lemma_.lower() not in verbs:
            return False
        words = re.findall(r"[&A-Za-z_]+", item.coding.pattern or "")
        if any(w.lower() not in function for w in words):
            return False  # an object pattern matched ("offered concessions")
        for child in tok.children:
            if child.dep_ in {"xcomp", "ccomp"} and (
                child.i in events_at or tok.lemma_.lower() in offers
                or child.lemma_.lower() in acts
            ):
                return False  # "failed to reach agreement", "offered to hand over"
            if child.dep_ in {"dobj", "nsubjpass"} and (
                child.lemma_.lower() in proposals or tok.lemma_.lower() in offers
            ):
                return False  # "declined the offer", "offered its troops to Hrawi"
        return True

    return [f for f in found if not empty(f)]


def _demand_target(targets: list[Token], ctx: _Context) -> bool:
    """Is the subject of a reported "must"/"should" clause someone a demand can be made of?
    "We should throw monkey wrenches", "You should not ask", "leaves should be raked" give
    advice or opinions, "Libya must hand over the suspects" demands."""
    return any(
        t.lower_ not in ctx.lex.cls("speaker_pronouns") and ctx.actor_like(ctx.stand_in(t))
        for t in targets
    )


def _governed_events(found: list[_Found], ctx: _Context) -> list[_Found]:
    """"agreed to provide aid", "threatened to impose sanctions": the governing verb's class
    is the event; the embedded verb decides only under light or aspectual governors
    ("began to attack"), which then carry no event of their own."""
    by_index = {f.tok.i: f for f in found}
    drop: set[int] = set()
    light = ctx.lex.cls("aspectual_verbs")
    for item in found:
        if item.nominal or item.tok.dep_ not in {"xcomp", "ccomp", "advcl"}:
            continue
        infinitive = any(c.tag_ == "TO" for c in item.tok.children)
        if item.tok.dep_ == "advcl" and not infinitive:
            continue
        governor = by_index.get(item.tok.head.i)
        if governor is None or governor.nominal:
            continue
        if item.tok.dep_ == "advcl":
            if governor.tok.lemma_.lower() in ctx.lex.cls("governing_verbs"):
                drop.add(item.tok.i)  # "called on all parties to protect civilians"
            continue
        if governor.tok.lemma_.lower() in light:
            drop.add(governor.tok.i)
        elif (
            item.tok.dep_ == "xcomp"
            and governor.tok.lemma_.lower() in ctx.lex.cls("intention_verbs")
            and item.coding.type.lower() in ctx.lex.cls("threat_types")
        ):  # "plans to impose restrictions": the planned conflict (a threat) is the event
            drop.add(governor.tok.i)
        elif item.tok.dep_ == "xcomp" and governor.tok.lemma_.lower() in ctx.lex.cls(
            "governing_verbs"
        ):
            drop.add(item.tok.i)
    governing = ctx.lex.cls("governing_verbs")
    for item in found:
        verb = item.tok.head
        if not item.nominal or item.tok.dep_ != "dobj" or verb.dep_ != "xcomp":
            continue
        governor = by_index.get(verb.head.i)
        if governor is not None and governor.tok.lemma_.lower() in governing and (
            verb.i not in by_index or verb.i in drop
        ):
            drop.add(item.tok.i)  # "agreed to extend the truce": the agreement is the event
    return [f for f in found if f.tok.i not in drop]


def _topic(tok: Token, ctx: _Context) -> bool:
    """What a verb of talk is about is no event: a gerund or infinitive complement ("had
    discussed coordinating their efforts") or a nominal inside its object phrase ("stressed
    collaboration in a border crackdown")."""
    topics = ctx.lex.cls("topic_verbs")
    if tok.pos_ == "VERB":
        return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in topics
    current = tok
    for _ in range(8):
        head = current.head
        if head.i == current.i:
            return False
        if head.pos_ in {"VERB", "AUX"}:
            return current.dep_ == "dobj" and head.lemma_.lower() in topics
        if current.dep_ not in {"pobj", "prep", "conj", "dobj"}:
            return False
        current = head
    return False


def _mentioned(tok: Token, ctx: _Context) -> bool:
    """A nominal that a reference noun or verb is about ("reference to", "mention of",
    "discussion about", "talked about") names an earlier event, it does not report one."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif tok.dep_ not in {"dobj"}:
        return False
    return head.lemma_.lower() in ctx.lex.cls("reference_words")


def _keep_actors(item: _Found, ctx: _Context) -> _Found | None:
    """Keep arguments that can be actors; an event with none is no codable event.

    Victims may be bare numbers or nouns ("massacre of 22") for assaults and coercion. With
    the ``require_resolved_actor`` setting, an event needs an argument the actors stage
    resolved, unless its trigger is in the ``actorless_triggers`` class (protests, strikes).
    """
    patient = item.coding.type.lower() in ctx.lex.cls("patient_of_types")
    actors = [
        s for t in _undateline(item.args.actors, ctx) if ctx.actor_like(s := ctx.stand_in(t))
    ]
    recipients = [
        s
        for t in _undateline(item.args.recipients, ctx)
        if ctx.actor_like(s := ctx.stand_in(t)) or (patient and t.pos_ in {"NUM", "NOUN", "PROPN"})
    ]
    lemma = item.tok.lemma_.lower()
    actorless = lemma in ctx.lex.cls("actorless_triggers")
    if not actors and not recipients and not (actorless and item.nominal):
        return None
    if not actors and not patient and not item.nominal and _nonfinite(item.tok):
        return None  # "a motive ...—defending the US-backed reform": nobody named acts
    if ctx.lex.setting("require_resolved_actor", False) and not actorless:
        named = ctx.lex.setting("named_entity_is_actor", False)
        if not any(ctx.resolved(t) or (named and ctx.named(t)) for t in actors + recipients):
            return None
    item.args = _Args(actors, recipients)
    return item


def _nonfinite(tok: Token) -> bool:
    """A subjectless gerund or participle clause ("—defending the reform")."""
    return (
        tok.tag_ in {"VBG", "VBN"}
        and tok.dep_ in {"advcl", "acl", "xcomp", "pcomp", "appos"}
        and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in tok.children)
    )


def _paragraph(ctx: _Context, char: int) -> int:
    return bisect.bisect_right(ctx.para_breaks, char)


def _inherit_protesters(found: list[_Found], ctx: _Context) -> None:
    """A nominal protest without agents ("Similar protests were organized in New York")
    takes the agents of the previous protest of the same or the previous paragraph."""
    for n, item in enumerate(found):
        if item.coding.type != "PROTEST" or not item.nominal or item.args.actors:
            continue
        para = _paragraph(ctx, item.tok.idx)
        for other in reversed(found[:n]):
            if other.coding.type == "PROTEST" and other.args.actors:
                if para - _paragraph(ctx, other.tok.idx) <= 1:
                    item.args.actors = list(other.args.actors)
                break


def _actor_ids(tokens: list[Token], ctx: _Context) -> set[str]:
    return {a.actor_id for t in tokens for a in ctx.arguments(t) if a.actor_id}


def _drop_anaphora(found: list[_Found], ctx: _Context) -> list[_Found]:
    """Drop a definite nominal ("the massacre", "the repression of these students") that
    re-mentions an event of the same type already coded, unless it brings a new actor."""
    kept: list[_Found] = []
    seen: dict[str, set[str]] = {}
    for item in found:
        ids = _actor_ids(item.args.actors + item.args.recipients, ctx)
        earlier = seen.get(item.coding.type)
        definite = any(
            c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an"} for c in item.tok.children
        )
        if item.nominal and definite and earlier is not None:
            new_actor = _actor_ids(item.args.actors, ctx) - earlier
            if not new_actor:
                continue
        if item.nominal and definite and _pointed_back(item, seen, ctx):
            continue
        seen.setdefault(item.coding.type, set()).update(ids)
        kept.append(item)
    return kept


def _pointed_back(item: _Found, seen: dict[str, set[str]], ctx: _Context) -> bool:
    """"the government's repression of these students": a nominal whose victims are
    pointed back to with a demonstrative, and were the victims of an event already coded,
    names that event again (in other words), it reports no new one."""
    if item.coding.type.lower() not in ctx.lex.cls("patient_of_types"):
        return False
    pointed = [t for t in item.args.recipients
               if any(c.dep_ == "det" and c.lower_ in {"these", "those", "this", "that"}
                      for c in t.children)]
    ids = _actor_ids(pointed, ctx)
    earlier = set().union(*(seen.get(k.upper(), set()) for k in ctx.lex.cls("patient_of_types")))
    if ids & earlier:
        return True
    # "these students" may be resolved apart from "40 Mexican students": the same group
    # when the sector agrees and the country does not differ
    actors = ctx.doc.actors
    for new in (actors.get(i) for i in ids):
        for old in (actors.get(i) for i in earlier):
            if new is None or old is None or not new.sector or new.sector != old.sector:
                continue
            if new.kind == old.kind == "group" and None in (new.country, old.country) or (
                new.country == old.country
            ):
                return True
    return False


def _inherit_actor(item: _Found, found: list[_Found], ctx: _Context) -> None:
    """A victim-only event ("43 disappeared") takes the agent of its sentence's assault."""
    if item.args.actors or not item.args.recipients:
        return
    if item.coding.type.lower() not in ctx.lex.cls("patient_of_types"):
        return
    for other in found:
        same = ctx.sent_index[other.tok.i] == ctx.sent_index[item.tok.i] and other is not item
        if same and other.args.actors and other.coding.type in {"ASSAULT", "COERCE"}:
            item.args.actors = list(other.args.actors)
            return


def _build(n: int, item: _Found, ctx: _Context, built: list[Event] | None = None) -> Event:
    tok, coding = item.tok, item.coding
    actor_toks = _expand(item.args.actors)
    recipient_toks = [t for t in _expand(item.args.recipients) if t not in actor_toks]
    actors = _dedupe(a for t in actor_toks for a in ctx.arguments(t))
    recipients = _dedupe(
        a for t in recipient_toks for a in (_elided_group(t, ctx) or ctx.arguments(t))
    )
    actors = [_state_of(a, ctx) for a in actors]
    recipients = _not_the_subject(recipients, actors, ctx)
    recipients = [r for r in recipients if not _own_country_modifier(r, actors, ctx)]
    if not recipients and not item.nominal:
        recipients = _purpose_of_visit(tok, built or [])
    attacked = None
    if not recipients and not item.nominal and coding.type in {"ASSAULT", "COERCE"}:
        recipients, attacked = _attacked_place(tok, ctx)
    symmetric = ctx.lex.cls("symmetric_types") | ctx.lex.cls("symmetric_triggers")
    if (coding.type.lower() in symmetric or tok.lemma_.lower() in symmetric
            or _relations_object(tok, ctx)) and not recipients:
        # "Biden and Videgaray chaired", "talks between the two presidents"
        actors, recipients = actors[:1], actors[1:]
    date, date_span, inferred = _date(tok, ctx)
    earlier = _anaphor(recipients, date_span, built or [], ctx) if inferred else None
    if earlier is None and inferred:
        earlier = _same_event(coding.type, actors + recipients, date_span, built or [], ctx)
    if earlier is not None:  # "the students were arrested": the arrest of the killing's day
        date = earlier.date
    elif _perfect(tok, ctx) and not any(
        own for _t, own in event_dates.clause_times(tok, ctx.doc.times, ctx.doc.doc, ctx.sent(tok))
    ) and ctx.lex.setting("perfect_aspect_date") == "none":
        date, date_span = None, None  # "who has deported more Mexicans": no specific date
    previous = _discourse_place(built or [], item, ctx)
    if previous is not None and previous.date != date:
        previous = None  # the previous event is background of another date
    place, basis = _place(tok, actors + recipients, ctx, previous.place if previous else None)
    if attacked is not None and basis != "argument":
        place, basis = attacked, "argument"  # "shelled Kharkiv": where the attack fell
    if earlier is not None and basis != "argument" and earlier.place is not None:
        place, basis = earlier.place, "anaphora"
    if coding.mode == "visit" or (coding.code or "").startswith("042"):
        recipients = _host(recipients, place, basis, ctx)
    elif coding.type.lower() in ctx.lex.cls("host_partner_types") and not recipients:
        recipients = _foreign_host(actors, place, basis, ctx)
    if coding.type.lower() in ctx.lex.cls("patient_of_types"):
        country = place.country if place is not None else None
        if not country:  # "the massacre of 22 by the army": the perpetrators' country
            country = next((c for a in actors if (c := _country(a, ctx))), None)
        recipients = [_victims(r, country, ctx) for r in recipients]
    # a nominal event takes the tense and intention of the verb it is the object of
    # ("will extend the curfew", "would tighten the blockade", "will hold talks")
    verb = tok.head if item.nominal and tok.dep_ in {"dobj", "nsubjpass"} else tok
    verb = verb if verb.pos_ in {"VERB", "AUX"} else tok
    modality = _modality(verb, ctx)
    negated = _negated(tok, ctx.lex)
    coding, negated = _recode(coding, verb, modality, negated, ctx)
    coding = _obstruction(coding, tok, actors, ctx)
    root = cameo.root_of(coding.code)
    sent = ctx.sent(tok)
    trigger_end = tok.idx + len(tok.text)
    return Event(
        id=f"{ctx.doc.article.id}-e{n}",
        type=coding.type,
        mode=coding.mode,
        trigger=Span(tok.idx, trigger_end, ctx.text[tok.idx : trigger_end]),
        sentence=Span(sent.start_char, sent.end_char, ctx.text[sent.start_char : sent.end_char]),
        actors=tuple(actors),
        recipients=tuple(recipients),
        place=place,
        place_basis=basis,
        date=date,
        date_span=date_span,
        date_inferred=inferred,
        negated=negated,
        modality=modality,
        cameo_root=root.code if root else None,
        quad_class=root.quad_class if root else None,
        goldstein=root.goldstein if root else None,
        context=(),
        extractor=VERSION,
    )


#: object pronouns, with the kind of actor they stand for (None: any)
#: ("them" often stands for a group the actors stage left unresolved: not repaired)
_OBJECT_PRONOUNS: dict[str, str | None] = {"him": "person", "her": "person"}


def _not_the_subject(
    recipients: list[EventArgument], actors: list[EventArgument], ctx: _Context
) -> list[EventArgument]:
    """An object pronoun never stands for its own clause's subject (that would be
    "himself"): "Justice Bello ... granted him bail" is not Bello granting Bello. Such a
    pronoun takes the nearest earlier named mention of another actor (not a group or a
    country for "him"/"her") in its sentence or the one before."""
    own = {a.actor_id for a in actors if a.actor_id}
    out = []
    for arg in recipients:
        kind = _OBJECT_PRONOUNS.get(arg.text.lower(), "")
        if arg.actor_id in own and kind != "":
            other = _other_antecedent(arg, own, kind, ctx)
            arg = EventArgument(other, arg.start, arg.end, arg.text) if other else arg
        out.append(arg)
    return out


def _other_antecedent(arg: EventArgument, own: set[str], kind: str | None, ctx: _Context) -> str | None:
    span = ctx.span(arg.start, arg.end)
    if span is None:
        return None
    n = ctx.sent_index[span.start]
    begin = ctx.sents[max(0, n - 1)].start_char
    for mention in sorted(ctx.doc.actor_mentions, key=lambda m: -m.start):
        if not (begin <= mention.start < arg.start) or not mention.actor_id or mention.actor_id in own:
            continue
        if mention.kind == "pronoun":
            continue
        actor = ctx.doc.actors.get(mention.actor_id)
        # (a person's name the actors stage took for an organisation still counts)
        if actor is not None and (kind is None or actor.kind not in {"group", "country"}):
            return mention.actor_id
    return None


def _own_country_modifier(
    arg: EventArgument, actors: list[EventArgument], ctx: _Context
) -> bool:
    """"Wayne offered US cooperation", "defending the US-backed reform": the actor's own
    country named as a modifier of the object is no recipient."""
    actor = ctx.doc.actors.get(arg.actor_id or "")
    if actor is None or actor.kind != "country" or not actor.country:
        return False
    if actor.country not in {_country(a, ctx) for a in actors}:
        return False
    span = ctx.span(arg.start, arg.end)
    if span is None or span.root.dep_ not in {"compound", "amod", "nmod", "npadvmod"}:
        return False
    head = span.root.head  # "the Bosnian town", "US territory": a place, it stays
    return head.lemma_.lower() not in ctx.lex.cls("locality_nouns") and head.idx not in ctx.place_chars


def _state_of(arg: EventArgument, ctx: _Context) -> EventArgument:
    """A country that acts ("Mexico forgave Cuba's debt", "Hungary signed") acts through its
    government: the country's GOV actor, on the same span."""
    actor = ctx.doc.actors.get(arg.actor_id or "")
    if actor is None or actor.kind != "country" or not actor.country:
        return arg
    gov = _group_actor(ctx, actor.country, "GOV", f"Government of {actor.name}")
    return EventArgument(gov, arg.start, arg.end, arg.text)


def _attacked_place(tok: Token, ctx: _Context) -> tuple[list[EventArgument], Place | None]:
    """"fired two artillery shells at Seoul", "shelled Kharkiv": a toponym attacked stands
    for its country (no one else is named as the target) and is where the attack fell."""
    preps = ctx.lex.cls("target_preps")
    targets = list(eventargs.objects(tok))
    targets += [o for _p, o in eventargs.prep_objects(tok, preps)]
    targets += [o for obj in eventargs.objects(tok) for _p, o in eventargs.prep_objects(obj, preps)]
    for target in targets:
        place = next((p for p in ctx.places if p.start <= target.idx < p.end), None)
        if place is None or not place.country:
            continue
        key = next((a.id for a in ctx.doc.actors.values()
                    if a.kind == "country" and a.country == place.country), None)
        if key is None:
            key = place.country
            ctx.doc.actors.setdefault(key, Actor(
                id=key, name=place.country, kind="country", country=place.country,
                sector=None, code=key, basis="event", extractor=VERSION))
        return [EventArgument(key, place.start, place.end, place.text)], place
    return [], None


def _purpose_of_visit(tok: Token, built: list[Event]) -> list[EventArgument]:
    """"Wayne traveled to Guerrero last month to offer cooperation": what a visit is made
    for is done to its host."""
    if tok.dep_ not in {"advcl", "xcomp"} or not any(c.tag_ == "TO" for c in tok.children):
        return []
    for event in reversed(built):
        if event.trigger.start == tok.head.idx and event.mode == "visit":
            return list(event.recipients)
    return []


def _relations_object(tok: Token, ctx: _Context) -> bool:
    """"Cuba and the United States restored diplomatic ties": acts on the relations between
    the subjects are mutual, whatever their type."""
    return any(o.lemma_.lower() in ctx.lex.cls("relation_nouns") for o in eventargs.objects(tok))


def _obstruction(
    coding: Coding, tok: Token, actors: list[EventArgument], ctx: _Context
) -> Coding:
    """"Protesters blocked roads", "workers blocked the bridge", "shunned work to protest":
    coercive obstruction by civilians, workers, rebels or unnamed crowds is PROTEST
    (obstruct); by state forces (``state_sectors``) it stays COERCE."""
    if coding.type == "PROTEST" and tok.lemma_.lower() in ctx.lex.cls("obstruction_verbs"):
        if _state_actor(actors, ctx):  # "soldiers blocked the roads": a restriction
            return Coding("191", "COERCE", "restrict", coding.pattern)
        return coding
    if tok.lemma_.lower() in ctx.lex.cls("clearance_verbs") and _state_actor(actors, ctx):
        # "police cleared the highway", "troops dispersed the crowd": coercion
        if coding.type not in {"COERCE", "ASSAULT"}:
            return Coding("170", "COERCE", None, coding.pattern)
    if coding.type != "COERCE":
        return coding
    purpose = any(
        c.dep_ in {"advcl", "xcomp"} and c.lemma_.lower() in ctx.lex.cls("protest_purpose")
        for c in tok.children
    )
    if not purpose and tok.lemma_.lower() not in ctx.lex.cls("obstruction_verbs"):
        return coding
    if _state_actor(actors, ctx):
        return coding
    return Coding("144", "PROTEST", "obstruct", coding.pattern)


def _state_actor(actors: list[EventArgument], ctx: _Context) -> bool:
    state = ctx.lex.cls("state_sectors")
    for arg in actors:
        actor = ctx.doc.actors.get(arg.actor_id or "")
        if actor is not None and (actor.sector or "").lower() in state:
            return True
        if actor is not None and actor.kind == "country":
            return True
        if set(arg.text.lower().split()) & ctx.lex.cls("state_nouns"):
            return True
    return False


def _recode(
    coding: Coding, tok: Token, modality: str, negated: bool, ctx: _Context
) -> tuple[Coding, bool]:
    """What an act announced, intended or refused is (PLOVER codes the announcement):
    cooperation announced for the future is AGREE ("will provide aid"), conflict announced
    or conditioned is THREATEN ("said they would boycott", "plans to impose restrictions",
    "will strike unless ..."), cooperation refused for the future is REJECT ("will not
    accept any more refugees")."""
    kind = coding.type.lower()
    ahead = modality in {"future", "hypothetical"} or _ready(tok, ctx)
    if negated:
        refusable = ctx.lex.cls("intent_types") | ctx.lex.cls("refusable_types")
        if kind in refusable and ahead:
            return Coding("120", "REJECT", None, coding.pattern), False
        return coding, negated
    if kind in ctx.lex.cls("intent_types") and (modality == "future" or _ready(tok, ctx)):
        if kind == "aid" and tok.lemma_.lower() in ctx.lex.cls("pledge_verbs") and _money_object(tok):
            return coding, negated  # "will extend a $500 million credit line": a sum committed
        return Coding("030", "AGREE", None, coding.pattern), negated
    conditional = any(
        c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in tok.children
    )
    planned = (
        tok.dep_ == "xcomp"
        and tok.head.lemma_.lower() in ctx.lex.cls("intention_verbs")
        and tok.head.lemma_.lower() not in ctx.lex.cls("attempt_verbs")
    )  # "tried to reach parliament" is an attempt made, not a threat
    if kind in ctx.lex.cls("threat_types") and (ahead or planned or conditional):
        return Coding("130", "THREATEN", None, coding.pattern), negated
    return coding, negated


def _dedupe(args: Any) -> list[EventArgument]:
    out: list[EventArgument] = []
    for arg in args:
        if all((a.start, a.end, a.actor_id) != (arg.start, arg.end, arg.actor_id) for a in out):
            out.append(arg)
    return out


def _group_actor(ctx: _Context, country: str, sector: str, name: str) -> str:
    """The id of the country's actor of a sector (``MEXGOV``), added when the actors stage
    has none: the host of a visit, the civilian victims counted in an assault."""
    key = f"{country}{sector}"
    actors = ctx.doc.actors
    if key not in actors:
        actors[key] = Actor(
            id=key, name=name, kind="group", country=country, sector=sector, code=key,
            basis="event", extractor=VERSION,
        )
    return key


def _host(
    recipients: list[EventArgument], place: Place | None, basis: str | None, ctx: _Context
) -> list[EventArgument]:
    """A visit's recipient is the host government: the actor of a metonym ("came to
    Washington" = USA/GOV) or the government of the destination's country."""
    out = []
    for arg in recipients:
        actor = ctx.doc.actors.get(arg.actor_id or "")
        candidates = [*ctx.places, *([place] if place is not None else [])]
        host = next((p for p in candidates if p.start < arg.end and arg.start < p.end), None)
        if (actor is None or actor.kind == "country") and host is not None and host.country:
            gov = _group_actor(ctx, host.country, "GOV", f"Government of {host.country}")
            out.append(EventArgument(gov, arg.start, arg.end, arg.text))
        else:
            out.append(arg)
    if not out and place is not None and basis == "argument" and place.country:
        gov = _group_actor(ctx, place.country, "GOV", f"Government of {place.country}")
        out.append(EventArgument(gov, place.start, place.end, place.text))
    return out


def _foreign_host(
    actors: list[EventArgument], place: Place | None, basis: str | None, ctx: _Context
) -> list[EventArgument]:
    """"Mexico set up a trade office in Havana", "Japan built a school in Kenya": material
    cooperation carried out in another country has that country's government as partner."""
    if place is None or basis != "argument" or not place.country or not actors:
        return []
    own = {_country(a, ctx) for a in actors}
    if None in own or place.country in own:
        return []
    gov = _group_actor(ctx, place.country, "GOV", f"Government of {place.country}")
    return [EventArgument(gov, place.start, place.end, place.text)]


def _country(arg: EventArgument, ctx: _Context) -> str | None:
    actor = ctx.doc.actors.get(arg.actor_id or "")
    return actor.country if actor is not None else None


def _elided_group(tok: Token, ctx: _Context) -> list[EventArgument]:
    """"police killed six students and another 43 disappeared", "three soldiers died and
    two were wounded": a bare number whose noun is left out counts the group of the nearest
    counted noun before it in the sentence; the span stays the number's own."""
    if tok.pos_ != "NUM" or any(c.dep_ == "prep" for c in tok.children):
        return []
    if tok.dep_ in {"nummod", "compound", "quantmod"} or tok.ent_type_ in {"DATE", "TIME", "MONEY"}:
        return []
    if ctx.resolved(tok):
        return []
    sent = ctx.sent(tok)
    for prev in reversed(sent[: tok.i - sent.start]):
        if prev.pos_ == "NOUN" and prev.tag_ == "NNS" and any(
            c.dep_ == "nummod" and c.pos_ == "NUM" for c in prev.children
        ):
            start, end = ctx.arg_span(tok)
            return [
                EventArgument(a.actor_id, start, end, ctx.text[start:end])
                for a in ctx.arguments(prev)
                if a.actor_id
            ]
    return []


def _victims(arg: EventArgument, country: str | None, ctx: _Context) -> EventArgument:
    """Victims given as a bare count ("the massacre of 22") are civilians of the event's
    country (its place's, else its perpetrators')."""
    if arg.actor_id or not country:
        return arg
    if not any(ch.isdigit() for ch in arg.text) and arg.text.lower() not in ctx.lex.cls(
        "civilian_words"
    ):
        return arg
    key = _group_actor(ctx, country, "CVL", f"civilians ({country})")
    return EventArgument(key, arg.start, arg.end, arg.text)


def run(doc: Document) -> None:
    lex = load_lexicon(tuple(doc.options.lexicons))
    ctx = _Context(doc, lex)
    found = _find(doc, ctx)
    for item in found:
        _inherit_actor(item, found, ctx)
    built: list[Event] = []
    for n, item in enumerate(found, start=1):
        built.append(_build(n, item, ctx, built))
    built = [
        e for e in built
        if not _handed_to_captors(e, ctx) and _participants(e, ctx) and _not_opinion(e, ctx)
    ]
    built = _visit_protests(_lede_places(built, ctx), ctx)
    built = _article_repeats(_sentence_repeats(built), ctx)
    doc.events.extend(_unidentified_attacker(e, ctx) for e in built)


def _sentence_repeats(built: list[Event]) -> list[Event]:
    """One sentence that names the same act twice with the same word ("I think he killed her
    on the last day I saw her ... that was the day he killed her") reports one event: of the
    events of one sentence with the same trigger word, type, participants, place, date,
    modality and negation, the first is kept. (Different words of one type in one sentence
    may be different acts of the same people: "killed six and wounded 25".)"""

    def who(args: tuple[EventArgument, ...]) -> frozenset[str]:
        return frozenset(a.actor_id or a.text.lower() for a in args)

    seen: set[tuple[Any, ...]] = set()
    out = []
    for e in built:
        key = (e.sentence.start, e.trigger.text.lower(), e.type, e.negated, e.modality, who(e.actors),
               who(e.recipients), e.place.name if e.place else None, e.date)
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out


def _article_repeats(built: list[Event], ctx: _Context) -> list[Event]:
    """One act reported again in a later sentence ("a man attacked ... James was injured
    ... police said the man, injuring James, ...") is one event: a later event of the same
    type and CAMEO root, done by the same resolved actors to the same resolved recipients,
    at the same place (or none, or its country), on the same date (or none), with the same negation and an
    asserted or claimed modality, is dropped for the first mention. It stays an event of its
    own when its sentence gives figures the first one's does not, or marks another act
    (class ``repeat_blockers``: "again", "another", "a second").

    Unresolved participants (``None`` ids, filled in later as unidentified armed groups)
    never match: two bombings by unknown attackers may be two bombings."""
    blockers = ctx.lex.cls("repeat_blockers")
    kept: list[Event] = []
    for event in built:
        if not any(_repeats(event, first, blockers, ctx) for first in kept):
            kept.append(event)
    return kept


def _repeats(later: Event, first: Event, blockers: frozenset[str],
             ctx: _Context) -> bool:
    def ids(args: tuple[EventArgument, ...]) -> frozenset[str] | None:
        found = frozenset(a.actor_id for a in args if a.actor_id)
        return found if args and len(found) == len(args) else None

    if (later.sentence.start == first.sentence.start or later.type != first.type
            or later.cameo_root is None or later.cameo_root != first.cameo_root
            or later.negated != first.negated
            or {later.modality, first.modality} - {"asserted", "claimed"}):
        return False
    actors, recipients = ids(later.actors), ids(later.recipients)
    if actors is None or recipients is None:
        return False
    if actors != ids(first.actors) or recipients != ids(first.recipients):
        return False
    if later.place and first.place and not _same_place(later.place, first.place):
        return False
    if later.date and first.date and later.date != first.date:
        return False
    words = _sentence_words(later, ctx)
    if words & blockers:
        return False
    return not _sentence_figures(later, ctx) - _sentence_figures(first, ctx)


def _same_place(one: Place, other: Place) -> bool:
    """The same place, or a country and a place in it ("Britain blames Russia" placed in
    London, "Britain accuses Russia" in the United Kingdom)."""
    if one.name == other.name:
        return True
    return bool(one.country) and one.country == other.country and "country" in {
        one.precision, other.precision}


def _sentence_tokens(event: Event, ctx: _Context) -> list[Token]:
    doc = ctx.doc.doc
    span = doc.char_span(event.sentence.start, event.sentence.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _sentence_words(event: Event, ctx: _Context) -> set[str]:
    return {t.lower_ for t in _sentence_tokens(event, ctx)}


def _sentence_figures(event: Event, ctx: _Context) -> set[str]:
    """Numbers of a sentence outside dates and times ("killed 12", "three soldiers")."""
    return {t.lower_ for t in _sentence_tokens(event, ctx)
            if t.like_num and t.ent_type_ not in {"DATE", "TIME"}}


def _participants(event: Event, ctx: _Context) -> bool:
    """Does a cooperative or diplomatic event (``political_participant_types``) have a
    political participant: an actor or recipient with a country, or with a sector other than
    business? Between companies and private people ("Sansui agreed to sell a stake", "he met
    his wife", "the bid was awarded to a roofing firm") such verbs report commerce and private
    life, not political interaction."""
    if event.type.lower() not in ctx.lex.cls("political_participant_types"):
        return True
    private = ctx.lex.cls("private_sectors")
    public = ctx.lex.cls("public_body_words")
    for arg in (*event.actors, *event.recipients):
        actor = ctx.doc.actors.get(arg.actor_id or "")
        if actor is None:
            if arg.start in ctx.place_chars:
                return True  # "a trip to North Africa": a place is a polity
            continue
        if actor.sector and actor.sector.lower() in private:
            continue  # "the company's board authorized the purchase" (with a country too)
        if actor.country or actor.kind == "country" or actor.sector:
            return True
        if not actor.sector and actor.kind == "organisation" and (
            set(re.findall(r"[a-z]+", actor.name.lower())) & public
        ):
            return True  # "the Asia-Pacific Economic Cooperation forum": a public body
    return False


def _not_opinion(event: Event, ctx: _Context) -> bool:
    """Support (``opinion_types``) whose only actors are unnamed civilians ("all Americans can
    support", "more support from women", "voters backed the plan") is public opinion, not an
    interaction between actors."""
    if event.type.lower() not in ctx.lex.cls("opinion_types") or not event.actors:
        return True
    public = ctx.lex.cls("public_sectors")
    for arg in event.actors:
        actor = ctx.doc.actors.get(arg.actor_id or "")
        if actor is None or actor.kind != "group" or (actor.sector or "").lower() not in public:
            return True
    return False


def _unidentified_attacker(event: Event, ctx: _Context) -> Event:
    """An attack the text gives no perpetrator ("a car bomb exploded in a market in Kabul,
    killing 12") was done by an unidentified armed group of the country where it happened:
    ACLED's "Unidentified Armed Group (Afghanistan)", CAMEO's UAF. The argument's span is
    the unresolved subject if there is one, else the trigger, the word implying an attacker."""
    place = event.place
    if (event.type != "ASSAULT" or any(a.actor_id for a in event.actors) or event.negated
            or place is None or not place.country):
        return event
    key = _group_actor(ctx, place.country, "UAF", f"unidentified armed group ({place.country})")
    # an unresolved subject ("Gunfire struck ...") keeps its words as the group's mention
    spans = event.actors or (EventArgument(None, event.trigger.start, event.trigger.end,
                                           event.trigger.text),)
    return replace(event, actors=tuple(EventArgument(key, a.start, a.end, a.text) for a in spans))


def _handed_to_captors(event: Event, ctx: _Context) -> bool:
    """"the students were arrested and then turned over to the drug gang": people handed
    over to a gang or an armed group are not released (CAMEO's "turn over" is a return of
    prisoners to their side); the handover belongs to the abduction, no RETREAT."""
    if event.type != "RETREAT" or event.mode != "release":
        return False
    captors = ctx.lex.cls("captor_sectors")
    return any(
        (actor := ctx.doc.actors.get(r.actor_id or "")) is not None
        and (actor.sector or "").lower() in captors
        for r in event.recipients
    )


def _visit_protests(built: list[Event], ctx: _Context) -> list[Event]:
    """A protest that names no target, held on the day and at the place of a foreign
    visitor's visit, is directed at the visitor ("Peña Nieto came to Washington Tuesday
    ... In the street outside, demonstrators carried banners")."""
    visits = [e for e in built if e.type == "CONSULT" and e.mode == "visit" and not e.negated
              and e.place is not None and e.date and e.actors]
    if not visits:
        return built
    out = []
    for event in built:
        if event.type == "PROTEST" and not event.recipients and not event.negated and event.place:
            for visit in visits:
                assert visit.place is not None
                foreign = [a for a in visit.actors
                           if (c := _country(a, ctx)) and c != visit.place.country]
                if (visit.date == event.date and foreign
                        and visit.place.geonameid is not None
                        and visit.place.geonameid == event.place.geonameid):
                    event = replace(event, recipients=tuple(foreign))
                    break
        out.append(event)
    return out


def _discourse_place(built: list[Event], item: _Found, ctx: _Context) -> Event | None:
    """The place of the previous event when it is in the same paragraph and was found in
    its own text (not inherited from the focus)."""
    if not built:
        return None
    prev = built[-1]
    if prev.place is None or prev.place_basis not in {"argument", "sentence", "discourse"}:
        return None
    if _paragraph(ctx, prev.trigger.start) != _paragraph(ctx, item.tok.idx):
        return None
    return prev


def _anaphor(
    recipients: list[EventArgument], own: Span | None, built: list[Event], ctx: _Context
) -> Event | None:
    """An earlier event with an explicit date (not the lede's) done to the same recipient
    actors, of a type in ``anaphora_types``: an undated event about the same victims is part
    of that earlier story ("police killed six students on September 26 ... the students were
    arrested by law enforcement and then turned over"). Policy ``event_anaphora_date``."""
    if own is not None or not ctx.lex.setting("event_anaphora_date", False):
        return None
    ids = {r.actor_id for r in recipients if r.actor_id}
    if not ids:
        return None
    kinds = ctx.lex.cls("anaphora_types")
    for event in reversed(built):
        if event.date_inferred or event.date is None or event.date == ctx.lede:
            continue
        if event.type.lower() in kinds and ids & {r.actor_id for r in event.recipients}:
            return event
    return None


def _same_event(
    kind: str, args: list[EventArgument], own: Span | None, built: list[Event], ctx: _Context
) -> Event | None:
    """An earlier event of the same type, with an explicit date of its own, sharing an actor
    (in either role): an undated later mention of it ("The gunmen stormed the market on
    Tuesday ... The attackers also burned stalls") is the same story's day. Types in the
    class ``same_event_types``; policy ``event_anaphora_date``."""
    if own is not None or not ctx.lex.setting("event_anaphora_date", False):
        return None
    if kind.lower() not in ctx.lex.cls("same_event_types"):
        return None
    ids = {a.actor_id for a in args if a.actor_id}
    if not ids:
        return None
    for event in reversed(built):
        if event.date_inferred or event.date is None or event.type != kind:
            continue
        if ids & {a.actor_id for a in event.actors + event.recipients if a.actor_id}:
            return event
    return None


def _perfect(tok: Token, ctx: _Context) -> bool:
    """Perfect aspect outside reported speech ("who has deported", "had been jailed"): the
    act lies at some unstated time before the narrative."""
    verb = tok if tok.pos_ in {"VERB", "AUX"} else None
    if verb is None or verb.tag_ != "VBN":
        return False
    aux = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    if any(a in {"has", "have", "'ve"} for a in aux):
        return True
    return "had" in aux and _modality(tok, ctx) != "claimed"


def _lede_places(built: list[Event], ctx: _Context) -> list[Event]:
    """Undated events anchored on the lede's date also take the lede event's place (the
    meeting's city) when their own sentence gives no place as an argument."""
    lede = next(
        (e for e in built if e.date == ctx.lede and not e.date_inferred
         and e.place_basis == "argument"),
        None,
    )
    if lede is None or ctx.lede is None:
        return built
    return [
        replace(e, place=lede.place, place_basis="lede")
        if e.date_inferred and e.date == ctx.lede and e.place_basis in {None, "focus"}
        else e
        for e in built
    ]
