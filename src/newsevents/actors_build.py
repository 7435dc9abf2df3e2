"""The working state of the actors stage on one document, and its passes.

Tokens are matched on normalised keys (:func:`newsevents.actordict.key`); tokens whose key
is empty (hyphens, quotes, brackets) are skipped, so "US-Mexican" and "“law enforcement”"
match like plain words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from spacy.tokens import Token

from newsevents import actors_lexicon as lex
from newsevents import token_attrs
from newsevents.actordict import (
    ActorDictionary,
    AgentDictionary,
    PhraseIndex,
    actors_for,
    agents_for,
    compose_code,
    has_country_slot,
    iso_country,
    key,
    split_code,
)
from newsevents.actors_coref import resolve_group_pronouns, resolve_pronouns, resolve_titles
from newsevents.records import Actor, ActorMention

if TYPE_CHECKING:
    from newsevents.pipeline import Document

T = TypeVar("T")

MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "nummod"})
LOCATIVE_PREPS = frozenset(
    {"in", "at", "to", "from", "across", "throughout", "near", "into", "within", "outside",
     "inside", "around", "through", "toward", "towards", "via", "along", "onto"}
)
GOV_HEADS = frozenset({"administration", "government", "regime", "cabinet"})
ORG_WORDS = frozenset(
    {"ministry", "department", "party", "council", "army", "front", "movement", "union",
     "organization", "organisation", "agency", "committee", "commission", "court", "bank",
     "company", "corporation", "group", "forces", "force", "brigade", "brigades", "university",
     "congress", "senate", "parliament", "assembly", "house", "office", "administration"}
)
#: sectors whose members usually belong to the country the story is about
DOMESTIC_SECTORS = frozenset(
    {"GOV", "MIL", "COP", "JUD", "LEG", "REB", "CRM", "CVL", "EDU", "MED", "LAB", "OPP",
     "PTY", "BUS", "ELI", "UAF", "SPY", "REL"}
)
#: entity labels of names of people and organisations (not of places)
NAME_ENTITIES = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT"})
DETERMINERS = frozenset({"the", "a", "an", "both", "two", "its", "his", "her", "their"})
#: country names used as locations ("sanctions on Iran", "in Lebanon") are actors too:
#: the PLOVER GSR codes them as targets (measured: see actors_eval)
LOCATIVE_COUNTRY_ACTORS = True
#: sectors of agent nouns that act as a title before a name ("rebel commander X")
TITLE_AGENT_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "ELI"})
#: how many times more often the article's main country must be hinted than the previous
#: sentence's country for a sentence without a country to take the main one
MAIN_COUNTRY_LEAD = 3
#: prefixes that make a country word a region or route word ("Pan-American")
PAN_PREFIXES = frozenset({"pan", "trans"})
#: how many times more populous a place must be than its namesakes in other countries for
#: its name to hint at its country (see Builder.pass_places)
PLACE_DOMINANCE = 10
#: ... and have this many people: a person's name tagged as a place ("Servance") must not
#: make a French village's country the story's
PLACE_MIN_POPULATION = 50_000
#: a named organisation with a country is a country hint for the actors around it
ORG_EVIDENCE = True
#: sectors of a title that say which office a dictionary person holds (or held)
OFFICE_TITLE_SECTORS = frozenset({"GOV", "LEG", "JUD"})
#: sectors of groups the PLOVER GSR codes by where they live, not by their ethnicity:
#: "ethnic Albanians in Macedonia" MKD, "Albanians of southern Serbia" SRB, "Rwandan rebels"
#: fighting from Uganda UGA (troops, officials and refugees keep their nationality)
RESIDENT_SECTORS = frozenset({"CVL", "REB", "CIV"})
#: prepositions after a group noun that give where it lives ("Albanians in/of Serbia")
RESIDENCE_PREPS = frozenset({"in", "of", "inside", "within", "throughout", "across"})


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: a dateline opening a paragraph: "NIAMEY, March 14 —", "WASHINGTON (Reuters) -",
#: "Tbilisi, Georgia, Nov. 17 (AP) —": a place, then a date and/or an agency, then a dash
DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][\w'’.\-]*(?:[ ][A-Z][\w'’.\-]*){0,3}"
    r"(?:,[ ][A-Z][\w'’.\-]*(?:[ ][A-Z][\w'’.\-]*){0,2})?)"
    rf"(?P<date>,?[ ]{_MONTH}[ ]\d{{1,2}}(?:,[ ]\d{{4}})?)?"
    r"(?P<agency>[ ]?\([A-Z][\w.&' ]{0,30}\))?"
    r"[ ]*[—–-]{1,2}[ ]",
    re.MULTILINE,
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the places of datelines: places, never actors. Without a date
    or an agency the place must be in capitals ("QUITO —")."""
    spans = []
    for m in DATELINE.finditer(text):
        place = m.group("place")
        if m.group("date") or m.group("agency") or place.split(",")[0].isupper():
            spans.append((m.start("place"), m.end("place")))
    return spans


#: an acronym: two to six capitals ("UN", "ICRC", "RSF", "EFCC")
ACRONYM = re.compile(r"[A-Z]{2,6}")
ACRONYM_GIVEN = re.compile(r"\s*\(([A-Z]{2,6})\)")
ACRONYM_ARTICLE = re.compile(r"^(?:[Tt]he)\s+")
#: words an acronym skips ("International Committee of the Red Cross": ICRC)
ACRONYM_SKIPS = frozenset({"of", "the", "for", "and", "on", "in", "de", "&"})


def acronym_of(name: str) -> str | None:
    """The initials of a name of three or more letters' worth of capitalised words
    ("the United Nations" → "UN"), None for a one-word name or an acronym itself."""
    words = [w for w in ACRONYM_ARTICLE.sub("", name).split() if w.lower() not in ACRONYM_SKIPS]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def slug(text: str) -> str:
    words = (key(w).replace("'", "") for w in re.split(r"[\s\-]+", text))
    return "_".join(w for w in words if w)


def _singular(k: str, lemma: str, plural_tag: bool, entity_type: str) -> str:
    """The singular key of a plural noun with key ``k`` ("Libyans" → libyan), else ""."""
    if plural_tag:
        # proper-noun plurals keep their form as lemma: "Libyans" → libyan
        return lemma if lemma != k else (k[:-1] if k.endswith("s") else k)  # "people" stays
    if k.endswith("s") and entity_type == "NORP":
        return k[:-1]  # "4 Iraqis" tagged as a singular proper noun
    return ""


@dataclass
class Person:
    actor_id: str
    words: tuple[str, ...]
    role: str | None
    country: str | None
    sector: str | None


@dataclass
class Builder:
    """Collects actors and mentions for one document."""

    document: Document
    version: str
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[ActorMention] = field(default_factory=list)
    metonyms: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sdoc = self.document.doc
        self.day: dt.date | None = self.document.published
        options = self.document.options
        self.dictionary: ActorDictionary = actors_for(tuple(options.actor_dicts))
        self.agents: AgentDictionary = agents_for(tuple(options.agent_dicts))
        #: user agent dictionaries given: their codes compose with titles (~GOVFRM)
        self.options_agents = bool(options.agent_dicts)
        #: per token (read once: spaCy builds a Token object on every access)
        sdoc = self.sdoc
        texts = token_attrs.texts(sdoc)
        self.texts: list[str] = texts
        self.starts: list[int] = token_attrs.starts(sdoc)
        self.lowers: list[str] = token_attrs.lowers(sdoc)
        self.upos: list[str] = token_attrs.pos(sdoc)
        #: the nouns and proper nouns, where titles and agents are looked for
        self.nouns: list[int] = [
            i for i, upos in enumerate(self.upos) if upos in ("NOUN", "PROPN")]
        #: whether each token's text starts with a capital (what ``capitalised`` asks)
        self.caps: list[bool] = token_attrs.capitalised(sdoc)
        #: the matching sequence: the tokens with a key (``seq``: their token indices)
        token_keys = list(map(key, texts))
        self.seq: list[int] = [i for i, k in enumerate(token_keys) if k]
        self.keys: list[str] = [token_keys[i] for i in self.seq]
        self.pos_of: dict[int, int] = {i: pos for pos, i in enumerate(self.seq)}
        lemmas = token_attrs.lemmas(sdoc)
        self.lemmas: list[str] = [key(lemmas[i]) for i in self.seq]
        #: the singular key of a plural noun ("Libyans" → libyan), else ""
        tags = token_attrs.tags(sdoc)
        self.entity_types: list[str] = token_attrs.entity_types(sdoc)
        self.plural_lemmas: list[str] = [
            _singular(k, lemma, tags[i] in ("NNPS", "NNS"), self.entity_types[i])
            for i, k, lemma in zip(self.seq, self.keys, self.lemmas, strict=True)
        ]
        #: mention → its syntactic head token (filled by add_mention)
        self.heads: dict[ActorMention, Token] = {}
        self.claimed: set[int] = set()
        #: tokens of dateline places ("NIAMEY, March 14 —")
        self.dateline: set[int] = set()
        for start, end in dateline_spans(self.document.text):
            span = self.sdoc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                self.dateline.update(range(span.start, span.end))
        self.claimed.update(self.dateline)
        #: token index → country code (None for a region word) of country words
        self.country_words: dict[int, str | None] = {}
        #: (token index, country) of every country hint, for context fallbacks
        self.evidence: list[tuple[int, str]] = []
        #: the same, by sentence, and how often each country is hinted in the article
        self.evidence_in: dict[int, list[tuple[int, str]]] = {}
        #: by sentence, the countries of the gazetteer places it names (pass_places)
        self.place_hints: dict[int, list[tuple[int, str]]] = {}
        self.country_counts: dict[str, int] = {}
        self.persons: list[Person] = []
        #: country words modifying a noun: (first, last, code), actors if left unclaimed
        self.modifiers: list[tuple[int, int, str]] = []
        #: token index → actor ids mentioned there (for possessives and compounds)
        self.token_actors: dict[int, list[str]] = {}
        self.sentence_of: dict[int, int] = {}
        for n, sent in enumerate(self.sdoc.sents):
            self.sentence_of.update(dict.fromkeys(range(sent.start, sent.end), n))

    # ------------------------------------------------------------------ driver

    def run(self) -> None:
        self.pass_names()
        self.pass_places()
        self.pass_people()
        resolve_titles(self)
        resolve_pronouns(self)
        self.pass_generics()
        self.relocate_groups()
        resolve_group_pronouns(self)
        self.pass_modifiers()
        self.merge_acronyms()

    def merge_acronyms(self) -> None:
        """An organisation named only by an acronym is the organisation whose name it
        abbreviates or that the story gives it in brackets: "the International Committee
        of the Red Cross" ... "the ICRC", "the National Institute for Disaster Management
        (INGD)" ... "INGD", "the United Nations" ... "UN", "Rapid Support Forces" ...
        "RSF" (one actor, not two). The actor that knows more (country, sector) is kept."""
        by_actor: dict[str, list[ActorMention]] = {}
        for mention in self.mentions:
            by_actor.setdefault(mention.actor_id, []).append(mention)
        named: dict[str, str] = {}
        for actor_id, mentions in by_actor.items():
            actor = self.actors.get(actor_id)
            if actor is None or actor.kind not in ("organisation", "group"):
                continue
            for mention in mentions:
                # the acronym a story gives in brackets after the name, else the initials
                given = ACRONYM_GIVEN.match(self.document.text, mention.end)
                if given and (len(mention.text.split()) < 2 or mention.text.isupper()):
                    given = None  # "HAMILTON (AP)": a dateline's agency, no acronym
                initials = acronym_of(mention.text)
                if given and not (initials and given.group(1).endswith(initials)
                                  and given.group(1) != initials):
                    # (not when the name lost its first words: "[Economic and] Financial
                    # Crimes Commission (EFCC)" keeps the acronym's actor apart)
                    initials = given.group(1)
                elif given:
                    continue
                if initials and initials not in named:
                    named[initials] = actor_id
        merged: dict[str, str] = {}
        for actor_id, mentions in by_actor.items():
            actor = self.actors.get(actor_id)
            if actor is None or actor.kind != "organisation":
                continue
            forms = {ACRONYM_ARTICLE.sub("", m.text) for m in mentions if m.kind == "name"}
            if len(forms) != 1 or len(mentions) != sum(m.kind == "name" for m in mentions):
                continue
            form = forms.pop()
            other_id = named.get(form)
            if not ACRONYM.fullmatch(form) or other_id in (None, actor_id):
                continue
            other = self.actors[other_id]
            known = (actor.country is not None) + (actor.sector is not None)
            if known > (other.country is not None) + (other.sector is not None):
                keep, drop = actor_id, other_id
            else:
                keep, drop = other_id, actor_id
            if keep in merged or drop in merged:
                continue
            merged[drop] = keep
        if not merged:
            return
        for n, mention in enumerate(self.mentions):
            if mention.actor_id in merged:
                moved = replace(mention, actor_id=merged[mention.actor_id])
                self.heads[moved] = self.heads.pop(mention)
                self.mentions[n] = moved
        for ids in self.token_actors.values():
            ids[:] = [merged.get(i, i) for i in ids]
        for drop in merged:
            del self.actors[drop]

    # ------------------------------------------------------------------ helpers

    def add_actor(self, actor: Actor) -> str:
        if actor.id not in self.actors:
            self.actors[actor.id] = actor
        return actor.id

    def add_mention(self, first: int, last: int, actor_id: str, kind: str) -> ActorMention:
        """A mention over tokens ``first..last`` (inclusive)."""
        start = self.starts[first]
        end = self.starts[last] + len(self.texts[last])
        mention = ActorMention(
            start=start,
            end=end,
            text=self.document.text[start:end],
            actor_id=actor_id,
            kind=kind,
            sentence=self.sentence_of.get(first, -1),
            extractor=self.version,
        )
        self.mentions.append(mention)
        self.heads[mention] = self.sdoc[first: last + 1].root
        for i in range(first, last + 1):
            self.claimed.add(i)
            self.token_actors.setdefault(i, []).append(actor_id)
        return mention

    def group_actor(
        self, country: str | None, sector: str | None, name: str, basis: str, noun: str = ""
    ) -> str:
        """A group actor, one per country and sector ("MEXCOP"). Civilians are split by
        their noun ("MEXCVL_protester", "MEXCVL_migrant"): a story's civilian groups are
        usually distinct crowds, while a state sector is one institution per country."""
        code = f"{country or ''}{sector or ''}" or None
        ident = code or slug(name)
        if sector == "CVL" and noun and country:
            # "residents", "villagers", "families": one group, the country's civilians
            noun = lex.group_nouns().get(noun, noun)
        if sector == "CVL" and noun:
            ident = f"{ident}_{noun}"
        if country and sector:
            # named from data, not after its first mention ("a Mexican official")
            name = lex.group_name(country, sector, noun) or name
        return self.add_actor(
            Actor(
                id=ident, name=name, kind="group", country=country, sector=sector,
                code=code, basis=basis, extractor=self.version,
            )
        )

    def capitalised(self, token: Token) -> bool:
        return token.text[:1].isupper()

    def match_at(self, index: PhraseIndex[T], pos: int) -> tuple[int, T] | None:
        return index.match(self.keys, pos)

    def locative(self, token: Token) -> bool:
        """Used as a location: object of "in", "to", "from"... (also through conjunctions)."""
        while token.dep_ in ("conj", "appos") and token.head.i != token.i:
            token = token.head
        return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS

    def metonymic(self, token: Token) -> bool:
        """Subject or object of a verb of saying, deciding, wanting, giving..."""
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        verbs = lex.metonymy_verbs()
        head = token.head
        if token.dep_ in ("nsubj", "nsubjpass", "dobj", "dative") and head.lemma_ in verbs:
            return True
        if token.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
            # "Washington is providing": the verb's own lemma or an xcomp/ccomp it governs
            return any(c.lemma_ in verbs for c in head.children if c.dep_ in ("xcomp", "ccomp"))
        # "was attacked by Moscow", "an admission by Moscow"
        return token.dep_ == "pobj" and head.lower_ == "by" and (
            head.head.tag_ == "VBN" or head.head.pos_ == "NOUN")

    def town_of(self, text: str, country: str | None = None) -> bool:
        """Whether the gazetteer knows ``text`` as a town, province or region (of
        ``country`` when given) and never as a country: "Cotopaxi", "Sanaa", "Darfur"
        (country aliases in the dictionaries), "Taiz", "El Fasher" (names spaCy may take for
        a person or an organisation)."""
        from newsevents.gazetteer import load_gazetteer

        try:
            entries = load_gazetteer().lookup(text)
        except (OSError, EOFError):
            return False
        if not entries or any(e.precision == "country" for e in entries):
            return False
        return any(e.precision in ("city", "admin1", "admin2", "region")
                   and (country is None or iso_country(e.country) == country)
                   and (e.precision == "region" or e.population >= PLACE_MIN_POPULATION)
                   for e in entries)

    def context_country(self, token_index: int) -> str | None:
        """A country for an actor without one, preferring none to a guess.

        The sentence's country when it names only one; when it names several, the
        article's main country if it is among them, else None; a sentence without one
        takes the last country of the previous sentence, else the article's main country
        (None when two countries tie). Measured with ``python -m newsevents.actors_eval``
        against taking the nearest country word: GSR country precision 0.936 → 0.943 for
        0.3 points of recall, seed actor precision 0.58 → 0.63 at the same recall.
        """
        sent = self.sentence_of.get(token_index, -1)
        codes = {c for _, c in self.evidence_in.get(sent, ())}
        if len(codes) == 1:
            return codes.pop()
        hints = {c for _, c in self.place_hints.get(sent, ())}
        if not codes and len(hints) == 1:
            # a town or province the gazetteer knows, unless the story is about another
            # country ("Swansea" in a South Carolina story is no Welsh town)
            main = self.main_country()
            hint = hints.pop()
            if main is None or main == hint:
                return hint
        if codes:
            main = self.main_country()
            if main in codes:
                return main
            # where the group acts: "people blocked streets in Hong Kong in defiance of
            # Chinese authorities" → HKG
            return self.place_of_verb(token_index)
        before = self.evidence_in.get(sent - 1, [])
        main = self.main_country()
        if before:
            last = max(before)[1]
            if main and main != last and self.country_counts.get(main, 0) >= (
                MAIN_COUNTRY_LEAD * self.country_counts.get(last, 0)
            ):
                return main  # a passing mention ("turned to Russia") does not carry over
            return last
        return main

    def place_of_verb(self, token_index: int) -> str | None:
        """The country of an "in/at <place>" phrase on the active verb whose subject the
        token heads (or on that verb's object)."""
        token = self.sdoc[token_index]
        while token.dep_ in ("conj", "appos", "pobj", "prep") and token.head.i != token.i:
            token = token.head  # "thousands of people": up to the subject phrase
        if token.dep_ != "nsubj":
            return None  # "companies are registered in the UAE and Kenya": no act
        verb = token.head
        hints = dict(self.evidence_in.get(self.sentence_of.get(token_index, -1), ()))
        holders = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "inside"):
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in hints:
                        return hints[obj.i]
        return None

    def add_evidence(self, token_index: int, country: str) -> None:
        self.evidence.append((token_index, country))
        self.evidence_in.setdefault(self.sentence_of.get(token_index, -1), []).append(
            (token_index, country))
        self.country_counts[country] = self.country_counts.get(country, 0) + 1

    def main_country(self) -> str | None:
        counts = self.country_counts
        if not counts:
            return None
        ranked = sorted(counts.values(), reverse=True)
        if len(ranked) > 1 and ranked[0] == ranked[1]:
            return None  # no main country: a tie is a guess
        return max(counts, key=lambda c: counts[c])

    # ------------------------------------------------------------------ pass 1: names

    def pass_names(self) -> None:
        countries, seats = lex.countries(), lex.seats()
        # where a name may begin: a capitalised word or "the"
        starts = [pos for pos, i in enumerate(self.seq)
                  if self.caps[i] or self.lowers[i] == "the"]
        pos = 0
        for candidate in starts:
            if candidate < pos:
                continue  # inside a name matched before
            pos = candidate
            best: tuple[int, str, object] | None = None
            # on equal length a country name beats a dictionary actor of the same words
            for kind, index in (("seat", seats), ("country", countries),
                                ("actor", self.dictionary.index)):
                # nationality plurals through their lemma ("Libyans" → libyan)
                alt = self.plural_lemmas if kind == "country" else None
                found = index.match(self.keys, pos, alt)
                if found is None and kind == "actor" and self.plural_lemmas[pos]:
                    # "4 Iraqis": a state the dictionary codes with dated bare country
                    # codes (IRAQ: IRQ until 2003) read through the singular, like a
                    # country name; named actors never are
                    found = index.match(self.keys, pos, self.plural_lemmas)
                    if found is not None and not self.dictionary.actors[
                            str(found[1])].country_only():
                        found = None
                if found and (best is None or found[0] > best[0]):
                    best = (found[0], kind, found[1])
            if best is None:
                pos += 1
                continue
            length, kind, value = best
            first, last = self.seq[pos], self.seq[pos + length - 1]
            if kind == "country" and first >= 2 and self.lowers[first - 1] == "-" and (
                self.lowers[first - 2] in PAN_PREFIXES
            ):
                pos += length  # "Pan-American Highway", "Trans-Siberian": no country
                continue
            if first in self.dateline:
                self.dateline_place(first, last, kind, value)
                pos += length
                continue
            if not any(self.caps[first : last + 1]):
                pos += 1
                continue
            if first == last and self.sdoc[first].lower_ == "the":
                pos += 1
                continue
            if kind == "actor":
                self.named_actor(first, last, str(value))
            elif kind == "seat":
                self.seat(first, last, value)  # type: ignore[arg-type]
            else:
                self.country(first, last, value)  # type: ignore[arg-type]
            pos += length

    def pass_places(self) -> None:
        """Places that are neither countries nor seats ("Sindh province", "in Hebron"):
        a hint of their country for the unnamed groups of their sentence, when the
        gazetteer's most populous place of that name outweighs every namesake in another
        country :data:`PLACE_DOMINANCE` times (Tripoli, Libya vs Lebanon, stays unknown)
        and is a town of :data:`PLACE_MIN_POPULATION` or more."""
        from newsevents.gazetteer import load_gazetteer

        places = [ent for ent in token_attrs.entities(self.sdoc)
                  if ent.label_ in ("GPE", "LOC") and not any(
                      i in self.claimed or i in self.country_words
                      for i in range(ent.start, ent.end))]
        if not places:
            return
        try:
            gazetteer = load_gazetteer()
        except (OSError, EOFError) as exc:  # the places stage reports it; actors go on
            self.document.warnings.append(f"actors: no gazetteer place hints ({exc})")
            return
        for ent in places:
            candidates = [e for e in gazetteer.lookup(ent.text)
                          if e.country and e.precision in ("city", "admin1", "admin2")]
            if not candidates:
                continue
            top = max(candidates, key=lambda e: e.population)
            rival = max((e.population for e in candidates if e.country != top.country),
                        default=0)
            if top.population >= max(PLACE_MIN_POPULATION, PLACE_DOMINANCE * rival):
                code = iso_country(top.country) or top.country
                self.place_hints.setdefault(self.sentence_of.get(ent.end - 1, -1), []).append(
                    (ent.end - 1, code))

    def dateline_place(self, first: int, last: int, kind: str, value: object) -> None:
        """A dateline's place: no actor (and no other pass makes one), only a hint of
        the country for its sentence's unnamed groups."""
        code = None
        if isinstance(value, lex.Seat):
            code = split_code(value.code)[0]
        elif isinstance(value, lex.CountryName):
            code = value.code
        if code:
            self.evidence_in.setdefault(self.sentence_of.get(last, -1), []).append((last, code))
        self.claimed.update(range(first, last + 1))

    def named_actor(self, first: int, last: int, ident: str) -> None:
        labels = set(self.entity_types[first : last + 1])
        after = self.sdoc[last + 1] if last + 1 < len(self.sdoc) else None
        if "PERSON" not in labels and after is not None and after.ent_type_ == "PERSON":
            return  # "US Vice President Joe Biden": a title, the name follows
        if (labels == {"PERSON"} and self.name_continues(last)
                and not lex.titles().match(self.keys, self.pos_of[first])):
            # "Hassan" of "Omar Hassan al-Bashir", "Abdullah" of "Abdullah Ocalan": a
            # given name inside a longer name is someone else (the people pass takes it)
            return
        entry = self.dictionary.actors[ident]
        lead = lex.titles().match(self.keys, self.pos_of[first])
        lead_role = None
        title: lex.Title | None = None
        if lead is not None and self.pos_of[first] + lead[0] <= self.pos_of[last]:
            lead_role = lead[1].role  # "President Barack Obama": keep the title as role
            title = lead[1]
            title_first = first
            first = self.seq[self.pos_of[first] + lead[0]]
        else:
            before = self.title_before(first)
            if before is not None:
                title, title_first = before[2], before[0]
        # "President X" names the office held now, "former President X" one held before
        office = title.sector if title is not None and not self.former(title_first) else None
        affiliation = entry.affiliation_on(self.day, office)
        code = affiliation.code if affiliation else None
        country, sector = split_code(code) if code else (None, None)
        if country and title is not None and title.sector in OFFICE_TITLE_SECTORS:
            # the text's title beats the dictionary's dated code, which may be stale or
            # (for a story whose date is unknown) guessed: "President Bush" holds the
            # office, "ousted President Askar Akayev" no longer does
            if office is not None and sector == "ELI":
                sector, code = office, f"{country}{office}"
            elif office is None and sector == title.sector:
                sector, code = "ELI", f"{country}ELI"
        head = self.sdoc[last]
        if country and sector is None and title is None and labels <= {"GPE", "NORP", "LOC", ""}:
            # a bare country code ("SERBIA [SRB]" matching "Serbian"): a country word
            kind_ = "alias" if head.ent_type_ == "NORP" or head.pos_ == "ADJ" else "name"
            self.country(first, last, lex.CountryName(country, kind_))
            return
        if head.lemma_.lower() in GOV_HEADS and country:
            actor_id = self.group_actor(country, "GOV", self.span_text(first, last), "dictionary")
            self.add_mention(first, last, actor_id, "name")
            return
        if title is None and code and country is None and sector and has_country_slot(code):
            # "the US Congress", "Israel's Cabinet": an institution coded without a
            # country (LEG, GOV) takes the country of its modifier or possessor
            found = self.modifier_country(first, last)
            if found is not None:
                start, modifier = found
                actor_id = self.group_actor(
                    modifier, sector, self.span_text(start, last), "dictionary")
                self.add_mention(start, last, actor_id, "name")
                return
            # a regional code (MEAREB) with a nationality in the name itself:
            # "Palestinian Islamic Jihad" is Palestinian
            country = self.country_in_name(first, last)
            if country is not None:
                code = f"{country}{sector}"
        if title is not None and ("PERSON" in labels or country and sector is None):
            # "Russian President Boris Yeltsin" with no (or a country-less) code;
            # "Dagolath's Deputy Prime Minister Telemar" coded with the country alone:
            # the country's code composed with the title's agent code (DAGGOV)
            country = country or self.title_country(title_first, first - 1)
            if sector is None and title.sector:
                sector = title.sector
                code = compose_code(country, title.code, sector)
            code = code or (f"{country or ''}{sector or ''}" or None)
        words = {self.sdoc[i].lower_ for i in range(first, last + 1)}
        if "PERSON" in labels:
            kind = "person"
        elif words & ORG_WORDS or country is None:
            kind = "organisation"
        elif labels & {"ORG", "FAC"} and not any(a.dated for a in entry.affiliations):
            kind = "organisation"  # dated terms of office make a person whatever NER says
        else:
            kind = "person"
        role = lead_role
        if kind == "person" and role is None:
            role = title.role if title is not None else None
        affiliations = tuple(a.as_dict() for a in entry.affiliations)
        own = self.of_country(last) if kind == "person" else None
        if own is not None and own != country:
            # "King Hassan of Morocco": the text names another country than the
            # dictionary's Hassan (Jordan's prince): a namesake, not the same person
            ident = f"{slug(self.span_text(first, last))}_{own.lower()}"
            sector = title.sector if title is not None else None
            country, code, affiliations = own, f"{own}{sector or ''}", ()
        self.add_actor(
            Actor(
                id=ident, name=self.span_text(first, last) if own else entry.name, kind=kind, country=country, sector=sector,
                role=role, code=code or None, basis="dictionary",
                affiliations=affiliations, extractor=self.version,
            )
        )
        if kind == "person":
            words_key = tuple(self.keys[self.pos_of[first]: self.pos_of[last] + 1])
            self.persons.append(Person(ident, words_key, role, country, sector))
        elif country and ORG_EVIDENCE:
            # a national organisation hints at its sentence's country ("President Dos
            # Santos conceded to demands from UNITA": Angola); not at the story's (a
            # stray dictionary match, "Youth" as a Basque group, must not make a
            # Louisiana story French)
            self.evidence_in.setdefault(self.sentence_of.get(last, -1), []).append(
                (last, country))
        self.add_mention(first, last, ident, "name")

    def country_in_name(self, first: int, last: int) -> str | None:
        """The one country a name's own words name ("Palestinian Islamic Jihad")."""
        codes = set()
        for i in range(first, last + 1):
            pos = self.pos_of.get(i)
            if pos is None:
                continue
            found = lex.countries().match(self.keys, pos)
            if found is not None and self.seq[pos + found[0] - 1] <= last and found[1].code:
                codes.add(found[1].code)
        return codes.pop() if len(codes) == 1 else None

    def of_country(self, last: int) -> str | None:
        """The country named by an "of" phrase on the name ending at token ``last``
        ("King Hassan of Morocco")."""
        for prep in self.sdoc[last].rights:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for i in range(obj.left_edge.i, obj.i + 1):
                    pos = self.pos_of.get(i)
                    if pos is None:
                        continue
                    found = lex.countries().match(self.keys, pos)
                    if found and self.seq[pos + found[0] - 1] == obj.i:
                        return found[1].code
        return None

    def name_continues(self, last: int) -> bool:
        """Does the PERSON entity of token ``last`` go on with a capitalised word?"""
        for i in range(last + 1, min(len(self.sdoc), last + 5)):
            token = self.sdoc[i]
            if token.ent_iob_ != "I" or token.ent_type_ != "PERSON":
                return False
            if self.caps[i] and self.upos[i] == "PROPN":
                return True
        return False

    def modifier_country(self, first: int, last: int) -> tuple[int, str] | None:
        """The country of a country word or possessor before ``first`` in the noun phrase
        headed by token ``last`` ("the US Congress", "Israel's Cabinet"): (its first
        token, country), nearest first."""
        head = self.sdoc[last]
        lo = head.left_edge.i
        for i in range(first - 1, lo - 1, -1):
            country = self.country_words.get(i)
            if country is None:
                for actor_id in self.token_actors.get(i, []):
                    actor = self.actors.get(actor_id)
                    if actor is not None and actor.kind == "country" and actor.country:
                        country = actor.country
            if country:
                start = i
                while start - 1 >= lo and (
                    self.country_words.get(start - 1) == country
                    or self.token_actors.get(start - 1) == self.token_actors.get(i)
                    and self.token_actors.get(i)
                ):
                    start -= 1
                return start, country
        return None

    def former(self, first: int) -> bool:
        """A "former"/"ex-"/"late" just before token ``first`` (a title's first word)."""
        for i in range(first - 1, max(-1, first - 4), -1):
            word = self.lowers[i]
            if word in lex.word_class("former_words"):
                return True
            if word not in ("-", "the", "a") and self.upos[i] not in ("ADJ", "PROPN"):
                return False
        return False

    def seat(self, first: int, last: int, seat: lex.Seat) -> None:
        head = self.sdoc[last]
        country = split_code(seat.code)[0]
        if country and head.dep_ in ("compound", "poss") and head.head.pos_ == "NOUN":
            # "White House security officials", "Kremlin aides", "Cairo's security
            # chief": the seat gives the country of the noun it modifies, as a country
            # word would
            for i in range(first, last + 1):
                self.country_words[i] = country
            # a hint for its sentence only: "Washington's backing" in a story about
            # Mexico does not make the story American
            self.evidence_in.setdefault(self.sentence_of.get(last, -1), []).append(
                (last, country))
            return
        if head.dep_ == "compound" or self.locative(head) or (
            seat.kind == "capital" and not self.metonymic(head)
        ):
            # a place ("in Baku"), not an actor: still a hint of the country for the
            # unnamed groups around it ("militias in Tripoli", "opposition leaders")
            # (the sentence's evidence only: a place does not make the article's country)
            if country and seat.kind == "capital":
                self.evidence_in.setdefault(self.sentence_of.get(last, -1), []).append(
                    (last, country))
            return
        sector = split_code(seat.code)[1]
        actor_id = self.group_actor(country, sector, self.span_text(first, last), "metonymy")
        self.add_mention(first, last, actor_id, "metonym")
        if country:
            self.add_evidence(last, country)
        self.metonyms.append((self.sdoc[first].idx, head.idx + len(head.text)))

    def country(self, first: int, last: int, name: lex.CountryName) -> None:
        head = self.sdoc[last]
        for i in range(first, last + 1):
            self.country_words[i] = name.code
        code = name.code
        if code is None:
            return
        self.add_evidence(last, code)
        if name.kind == "alias" and self.lowers[first] != "the" and (
            head.ent_type_ in NAME_ENTITIES and head.ent_iob_ == "I" or any(
                self.sdoc[i].ent_type_ in NAME_ENTITIES and self.sdoc[i].ent_iob_ == "I"
                for i in range(last + 1, min(last + 2, len(self.sdoc))))
        ) and self.town_of(self.span_text(first, last), code):
            # a town or state the dictionaries list as an alias of its country, inside
            # the name of a person or an organisation ("Virginia L. Lane", "the Buffalo
            # Bisons", "Florida Highway Patrol"): evidence of the country, no actor
            return
        if name.kind == "alias" and (
            self.lowers[first] == "the"
            or head.tag_ == "NNP" and head.ent_type_ in ("GPE", "LOC") and not self.locative(head)
        ):
            # "the United States", "the US", "Turkey", "Burma": an alias naming the state
            # (aliases include cities: "in Boston" stays a place)
            name = lex.CountryName(code, "name")
        governor = head
        while governor.dep_ == "conj" and governor.head.i < governor.i:
            governor = governor.head  # "Hungarian and Romanian officials"
        is_modifier = governor.dep_ in MODIFIER_DEPS or governor.pos_ == "ADJ"
        if is_modifier and governor.head.pos_ in ("NOUN", "PROPN") and governor.head.i > last:
            if name.kind == "name" and governor.dep_ == "poss":
                self.country_actor(first, last, code)  # "Turkey's efforts"
            else:
                # "Israeli air raids", "a U.S. request": the state, unless a generic
                # agent or title ("Israeli troops") claims the phrase later
                self.modifiers.append((first, last, code))
            return
        if name.kind == "name":
            if self.locative(head) and not LOCATIVE_COUNTRY_ACTORS:
                return
            self.country_actor(first, last, code)
        elif head.tag_ in ("NNPS", "NNS") or (
            head.ent_type_ == "NORP" and head.lemma_ != head.text
        ):
            pos = self.pos_of.get(last)
            noun = (self.plural_lemmas[pos] if pos is not None else "") or key(head.lemma_)
            actor_id = self.group_actor(code, "CVL", self.span_text(first, last), "generic", noun)
            self.add_mention(first, last, actor_id, "generic")
        elif self.metonymic(head):
            actor_id = self.group_actor(code, "GOV", self.span_text(first, last), "metonymy")
            self.add_mention(first, last, actor_id, "metonym")
            self.metonyms.append((self.sdoc[first].idx, head.idx + len(head.text)))

    def country_actor(self, first: int, last: int, code: str) -> None:
        """A state named by its name or nationality word: kind country, no sector (the
        PLOVER GSR codes such actors with the country alone)."""
        self.add_actor(
            Actor(
                id=code, name=lex.country_name(code) or self.span_text(first, last),
                kind="country",
                country=code, code=code, basis="dictionary", extractor=self.version,
            )
        )
        self.add_mention(first, last, code, "name")

    def pass_modifiers(self) -> None:
        """Country words modifying a noun that no other pass made an actor."""
        for first, last, code in self.modifiers:
            if not any(i in self.claimed for i in range(first, last + 1)):
                self.country_actor(first, last, code)

    def span_text(self, first: int, last: int) -> str:
        return self.document.text[self.starts[first] : self.starts[last] + len(self.texts[last])]

    # ------------------------------------------------------------------ residence

    def relocate_groups(self) -> None:
        """Ethnic and civilian groups take the country they live in: the country of a
        location phrase after their noun ("Albanians of southern Serbia", "ethnic Albanian
        guerrillas operating in Macedonia"), else, for "ethnic X", the one other country
        of the sentence ("Serb forces killed three ethnic Albanians in southern Serbia").
        """
        for n, mention in enumerate(self.mentions):
            actor = self.actors.get(mention.actor_id)
            if actor is None or actor.kind != "group" or actor.sector not in RESIDENT_SECTORS:
                continue
            head = self.heads.get(mention)
            if head is None or not actor.country:
                continue
            place = self.residence(head)
            if place is None and self.ethnic(mention, head):
                # the other country of the sentence, or the one it names most often
                # ("Ethnic Albanians ... near Macedonia's border with Bulgaria, Macedonian
                # officials said": MKD twice, BGR once)
                sent = self.sentence_of.get(head.i, -1)
                others = Counter(c for _, c in self.evidence_in.get(sent, ())
                                 if c != actor.country)
                ranked = others.most_common(2)
                place = ranked[0][0] if ranked and (
                    len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
            if place is None or place == actor.country:
                continue
            noun = actor.id.split("_", 1)[1] if "_" in actor.id else ""
            actor_id = self.group_actor(place, actor.sector, mention.text, "residence", noun)
            moved = replace(mention, actor_id=actor_id)
            self.mentions[n] = moved
            self.heads[moved] = self.heads.pop(mention)
            first = self.sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
            if first is not None:
                for i in range(first.start, first.end):
                    ids = self.token_actors.get(i, [])
                    self.token_actors[i] = [actor_id if a == actor.id else a for a in ids]

    def ethnic(self, mention: ActorMention, head: Token) -> bool:
        lo = self.sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
        start = lo.start if lo is not None else head.i
        return any(self.lowers[i] == "ethnic" for i in range(max(0, start - 2), head.i))

    def residence(self, head: Token) -> str | None:
        """The country of a location phrase after a group noun: "in/of <country or
        capital>" on the noun itself."""
        # only a phrase on the noun itself: "Mexicans residing in the US" are migrants
        # (the seed codes them MEX); "ethnic" groups are handled by the sentence
        for prep in (c for c in head.rights if c.dep_ == "prep"):
            if prep.lower_ not in RESIDENCE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                # the place itself, not a noun it modifies ("more Mexicans than any
                # president in US history" stays MEX)
                if self.country_words.get(obj.i):
                    return self.country_words[obj.i]
                for i, code in self.evidence_in.get(self.sentence_of.get(obj.i, -1), ()):
                    if i == obj.i:
                        return code
        return None

    # ------------------------------------------------------------------ titles

    def title_before(self, first: int) -> tuple[int, int, lex.Title] | None:
        """The title right before a name ("US Vice President" Joe Biden): (first, last, title)."""
        if first not in self.pos_of:
            return None
        end = self.pos_of[first]
        titles = lex.titles()
        sent = self.sentence_of.get(first)
        for start in range(max(0, end - 5), end):
            if self.sentence_of.get(self.seq[start]) != sent:
                continue
            if self.seq[end - 1] != first - 1:
                return None
            words = self.keys[start:end]
            found = titles.get(words, self.lemmas[end - 1])
            if found is None:
                # an agent noun of the agents dictionaries (a user's too) used as a title
                agent = self.agents.index.get(words, self.lemmas[end - 1])
                if agent is not None and agent.sector in TITLE_AGENT_SECTORS:
                    found = lex.Title(agent.sector, agent.phrase.lower().replace("_", " "),
                                      agent.code)
            elif self.options_agents:
                agent = self.agents.index.get(words, self.lemmas[end - 1])
                if agent is not None and agent.sector == found.sector:
                    found = lex.Title(found.sector, found.role, agent.code)
            if found is not None:
                return self.seq[start], self.seq[end - 1], found
        return None

    def title_country(self, first: int, last: int) -> str | None:
        """A country word inside or just before a title phrase ("Mexican Treasury Secretary")."""
        lo = first
        # back over country words, determiners and office words ("British Defence Secretary")
        while lo - 1 >= 0 and first - lo < 4 and (
            (lo - 1) in self.country_words
            or self.lowers[lo - 1] in DETERMINERS
            or self.upos[lo - 1] in ("PROPN", "ADJ") and self.lowers[lo - 1][:1].isalpha()
        ):
            lo -= 1
        for i in range(lo, last + 1):
            if self.country_words.get(i):
                return self.country_words[i]
        return None

    # ------------------------------------------------------------------ pass 2: people

    def pass_people(self) -> None:
        from newsevents.actors_people import find_people

        find_people(self)

    # ------------------------------------------------------------------ pass 5: generics

    def pass_generics(self) -> None:
        from newsevents.actors_people import find_generics, find_organisations

        find_organisations(self)
        find_generics(self)
