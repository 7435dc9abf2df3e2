"""The reporting-cue lexicon and the syntax around a cue: finding who speaks.

The lexicon (``data/quotes/cues.yaml``) says which words report speech; this module says how
to get from such a word to its speaker in a spaCy parse: the subject of a reporting verb, the
subject of the clause a participle hangs from ("Obama ..., speaking of ..."), the possessor
of a reporting noun ("Obama's remarks"), the object of "according to", and a name standing
right beside the cue when the parser has lost the subject ("Violence, the undersecretary ...,
Sergio Alcocer, told reporters, ...").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span, Token

from newsevents.errors import DataFileError
from newsevents.paths import DATA_DIR

LEXICON_PATH = DATA_DIR / "quotes" / "cues.yaml"

_SUBJECTS = {"nsubj", "csubj", "expl"}
_CLIMB = {"advcl", "xcomp", "pcomp", "conj", "acl", "prep", "ccomp", "dobj", "pobj", "npadvmod"}
_RELATIVE = {"that", "who", "which", "whom"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}
_SPEAKER_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
_NP_LEFT = {"det", "poss", "amod", "compound", "nmod", "nummod", "case"}


@dataclass(frozen=True)
class Lexicon:
    verbs: frozenset[str]
    clause_verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[str, ...]
    scare_markers: tuple[str, ...]
    max_scare_words: int
    content_preps: frozenset[str] = frozenset()
    stance_verbs: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    clause_nouns: frozenset[str] = frozenset()
    headline_sources: frozenset[str] = frozenset()
    target_verbs: frozenset[str] = frozenset()

    @functools.cached_property
    def indirect_verbs(self) -> frozenset[str]:
        """Every lemma that may open indirect speech (a clause, an object or an infinitive)."""
        return self.verbs | self.clause_verbs | self.stance_verbs


@functools.lru_cache(maxsize=8)
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The built-in cue lexicon merged with the user's files (lists are added together)."""
    data: dict[str, list[str]] = {}
    max_words = 4
    for path in (LEXICON_PATH, *map(Path, extra)):
        try:
            loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise DataFileError(f"cannot read the quote-cue lexicon {path}: {exc}") from exc
        if not isinstance(loaded, dict):
            raise DataFileError(f"quote-cue lexicon {path} must be a mapping of lists")
        for key, value in loaded.items():
            if key == "max_scare_words":
                max_words = int(value)
            elif isinstance(value, list):
                data.setdefault(key, []).extend(str(item).lower() for item in value)
    return Lexicon(
        verbs=frozenset(data.get("verbs", ())),
        clause_verbs=frozenset(data.get("clause_verbs", ())),
        nouns=frozenset(data.get("nouns", ())),
        phrases=tuple(data.get("phrases", ())),
        scare_markers=tuple(data.get("scare_markers", ())),
        max_scare_words=max_words,
        content_preps=frozenset(data.get("content_preps", ())),
        stance_verbs=frozenset(data.get("stance_verbs", ())),
        naming_verbs=frozenset(data.get("naming_verbs", ())),
        clause_nouns=frozenset(data.get("clause_nouns", ())),
        headline_sources=frozenset(data.get("headline_sources", ())),
        target_verbs=frozenset(data.get("target_verbs", ())),
    )


def is_cue(token: Token, lexicon: Lexicon) -> bool:
    """A reporting verb or noun (by lemma), or the head of a cue phrase ("according")."""
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        return lemma in lexicon.verbs and token.dep_ != "amod"
    if token.pos_ == "NOUN":
        return lemma in lexicon.nouns or token.lower_ in lexicon.nouns
    return phrase_at(token, lexicon) is not None


def phrase_at(token: Token, lexicon: Lexicon) -> Span | None:
    """The cue phrase ("according to") starting at ``token``, if any."""
    if token.lower_ not in _first_words(lexicon.phrases):
        return None
    doc = token.doc
    for phrase in lexicon.phrases:
        words = phrase.split()
        end = token.i + len(words)
        if end <= len(doc) and [t.lower_ for t in doc[token.i : end]] == words:
            return doc[token.i : end]
    return None


@functools.lru_cache(maxsize=8)
def _first_words(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(phrase.split()[0] for phrase in phrases if phrase.strip())


def speaker_token(cue: Token, lexicon: Lexicon) -> Token | None:
    """The token naming who speaks through ``cue``, following the parse."""
    phrase = phrase_at(cue, lexicon)
    if phrase is not None:
        return _phrase_object(phrase)
    if cue.pos_ == "NOUN":
        return _noun_speaker(cue, lexicon)
    return _verb_speaker(cue)


def _phrase_object(phrase: Span) -> Token | None:
    """"according to X" / "in the words of X": the object at the phrase's end."""
    last = phrase[-1]
    for child in last.children:
        if child.dep_ == "pobj":
            return child
    following = phrase.doc[phrase.end] if phrase.end < len(phrase.doc) else None
    return following if following is not None and following.pos_ in ("PROPN", "NOUN", "PRON") else None


def noun_clause(cue: Token, lexicon: Lexicon) -> list[Token]:
    """What a reporting or stance noun reports: its "that"-clause ("Trump's claim that there
    were ...") or its infinitive ("his plans to release ..."); empty for a relative clause
    ("the statement that he made") and for a noun that is not a cue."""
    lemma = cue.lemma_.lower()
    if cue.pos_ != "NOUN" or not (
        lemma in lexicon.nouns or cue.lower_ in lexicon.nouns or lemma in lexicon.clause_nouns
    ):
        return []
    for child in cue.children:
        if child.i < cue.i or child.dep_ not in ("acl", "ccomp"):
            continue
        marks = [c for c in child.children if c.i < child.i and c.dep_ in ("mark", "aux")]
        first = child.left_edge
        if first.lower_ == "that" and first.dep_ == "mark":
            return [t for t in child.subtree if t.i > first.i]
        if any(m.lower_ == "to" for m in marks) and first.lower_ == "to":
            return list(child.subtree)
    for child in cue.children:
        # "Trump's comments on the shooting", "her plan for taxes": what the noun is about
        if child.i == cue.i + 1 and child.dep_ == "prep" and child.lower_ in _NOUN_TOPIC_PREPS:
            pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return list(pobj.subtree)
    return []


#: prepositions after a reporting noun whose object is what was said or held
_NOUN_TOPIC_PREPS = {"about", "on", "over", "for", "against"}


def _noun_speaker(cue: Token, lexicon: Lexicon) -> Token | None:
    """"Obama's remarks", "a statement by the ministry", "made a remark" (light verb)."""
    for child in cue.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if cue.dep_ in ("dobj", "attr") and cue.head.pos_ in ("VERB", "AUX"):
        return _verb_speaker(cue.head)
    return None


def _verb_speaker(cue: Token) -> Token | None:
    """Subject of the verb; for participles and infinitives, of the clause above them."""
    verb: Token = cue
    for _ in range(5):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        for child in verb.children:
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
            if child.dep_ in _SUBJECTS and not passive:
                return _through_relative(child)
        if verb.dep_ not in _CLIMB or verb.head is verb:
            return None
        verb = verb.head
    return None


def _through_relative(subject: Token) -> Token:
    """"a forum that bills itself": the noun a relative pronoun stands for; when that noun
    is in apposition to a name ("the Dialogue, a forum that ..."), the name."""
    if subject.lower_ in _RELATIVE and subject.head.dep_ in ("relcl", "acl"):
        noun = subject.head.head
        if noun.dep_ == "appos" and (noun.head.ent_type_ in _SPEAKER_ENTS or noun.head.pos_ == "PROPN"):
            return noun.head
        return noun
    return subject


def participle_cue(verb: Token, before: int, lexicon: Lexicon) -> Token | None:
    """A reporting participle hanging from ``verb`` before token ``before``: the parser often
    attaches a quoted phrase to the main verb instead ("reciprocated by praising X for his
    “...”"); the participle is still what makes it speech."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        if child.i >= before:
            continue
        inner = [child]
        if child.dep_ == "prep":
            inner = [g for g in child.children if g.dep_ == "pcomp"]
        for cand in inner:
            if cand.tag_ == "VBG" and cand.dep_ in ("pcomp", "advcl") and is_cue(cand, lexicon):
                return cand
    return None


def speaker_span(token: Token) -> Span:
    """The words naming the speaker: a named entity, a pronoun or a short noun phrase.

    When the head noun is generic and a name stands in apposition to it ("the undersecretary
    ..., Sergio Alcocer"), the name is the better speaker.
    """
    doc = token.doc
    if token.ent_type_ in _SPEAKER_ENTS:
        return _entity_of(token)
    if token.lower_ in _PRONOUNS or token.pos_ == "PRON":
        return doc[token.i : token.i + 1]
    named = _apposed_name(token)
    if named is not None:
        return named
    start = token.i
    for child in token.lefts:
        if child.dep_ in _NP_LEFT:
            start = min(start, child.left_edge.i)
    return doc[start : token.i + 1]


def _entity_of(token: Token) -> Span:
    """The named entity holding ``token`` (found from the IOB tags: ``doc.ents`` builds
    every entity span of the document on each access)."""
    doc = token.doc
    if not token.ent_type_:
        return doc[token.i : token.i + 1]
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


def _entities_within(doc: Doc, start: int, end: int, label: str) -> list[Span]:
    """The entities of type ``label`` lying wholly inside tokens ``start:end``."""
    found = []
    i = start
    while i < end:
        token = doc[i]
        if token.ent_iob_ == "B" and token.ent_type_ == label:
            ent = _entity_of(token)
            if ent.end <= end:
                found.append(ent)
            i = ent.end
        else:
            i += 1
    return found


def _apposed_name(token: Token) -> Span | None:
    """The last person named inside the noun's apposition chain, if any."""
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and token.pos_ != "PROPN":
            start = min([child.i] + [c.i for c in child.lefts if c.dep_ == "compound"])
            return token.doc[start : child.i + 1]
    best: Span | None = None
    for ent in _entities_within(token.doc, token.left_edge.i, token.right_edge.i + 1, "PERSON"):
        root = ent.root
        chain = {root.dep_, root.head.dep_}
        if "appos" in chain or root.head.i == token.i:
            best = ent
    return best


def adjacent_name(doc: Doc, cue: Token, blocked: set[int]) -> Span | None:
    """A person or organisation named right before the cue ("..., Sergio Alcocer, told")
    or right after it ("said Caddell"), with only punctuation between."""
    i = cue.i - 1
    while i >= 0 and doc[i].is_punct and i not in blocked:
        i -= 1
    if i >= 0 and i not in blocked and doc[i].ent_type_ in ("PERSON", "ORG"):
        name = _entity_of(doc[i])
        if name.root.dep_ in ("appos", "nsubj") or name.root.head.i == cue.i:
            return name
    j = cue.i + 1
    if j < len(doc) and j not in blocked and doc[j].ent_type_ in ("PERSON", "ORG"):
        name = _entity_of(doc[j])
        if name.root.dep_ == "nsubj":
            return name
    return None


def is_pronoun(span: Span) -> bool:
    return len(span) == 1 and (span[0].lower_ in _PRONOUNS or span[0].pos_ == "PRON")


def clause_tokens(token: Token) -> list[Token]:
    """Every token of a clause (the subtree), for indirect-speech content."""
    return list(token.subtree)


_ADDRESSEES = {"PERSON", "ORG", "NORP", "GPE"}


def object_content(cue: Token, lexicon: Lexicon) -> list[Token]:
    """What a reporting verb without a clause reports: its object ("cited the veto"), an
    infinitive ("vowed to fight", "urged voters to turn out") or the object of a content
    preposition ("called for a ban", "spoke of the losses"). A person, organisation or
    pronoun as object is the addressee ("told reporters", "thanked Washington"), not content.
    """
    tokens = _object_content(cue, lexicon)
    if not tokens:
        return tokens
    # what follows the object and still belongs to the verb's report: "cited the election
    # as a reason to ...", "described Clinton as a disgrace", "cited his endorsements Tuesday"
    end = tokens[-1].i
    for child in sorted(cue.children, key=lambda c: c.i):
        if child.i > end and child.dep_ in _CONTENT_TAIL and child.left_edge.i == end + 1:
            end = child.right_edge.i
    return list(cue.doc[tokens[0].i : end + 1])


def passive_content(cue: Token, lexicon: Lexicon) -> list[Token]:
    """What a passive reporting or stance verb reports: its subject, and what follows the
    verb ("a curfew was announced from midnight", "the efforts are expected to continue");
    the words from the subject to the end of the verb phrase, the verb included."""
    subject = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.lower_ in _RELATIVE or subject.pos_ == "PRON":
        return []
    end = cue.i
    for child in sorted(cue.children, key=lambda c: c.i):
        if child.i > end and child.dep_ in _CONTENT_TAIL | {"xcomp"} and child.left_edge.i == end + 1:
            end = child.right_edge.i
    return list(cue.doc[subject.left_edge.i : end + 1])


#: dependents of a reporting verb that continue its content when they follow it directly
_CONTENT_TAIL = {"prep", "npadvmod", "oprd", "advmod", "dative"}


def _object_content(cue: Token, lexicon: Lexicon) -> list[Token]:
    doc = cue.doc
    predicate = [c for c in cue.children if c.dep_ == "oprd" and c.i > cue.i]
    if predicate and cue.lemma_.lower() in lexicon.naming_verbs:
        # "called Oz a quack": the object and what it is called, together
        first = min(c.left_edge.i for c in cue.children if c.i > cue.i and c.dep_ in ("dobj", "oprd"))
        return list(doc[first : predicate[-1].right_edge.i + 1])
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    xcomp = next((c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i), None)
    if xcomp is not None:
        start = obj.left_edge.i if obj is not None and obj.i < xcomp.i else xcomp.left_edge.i
        return list(doc[start : xcomp.right_edge.i + 1])
    # a stance verb's object is what it holds, even a person ("attacked him", "a video
    # shows him with his hands up"); a speech verb's person object is its addressee
    lemma = cue.lemma_.lower()
    stance = lemma in lexicon.stance_verbs and lemma not in lexicon.verbs or lemma in lexicon.target_verbs
    if obj is not None and (stance or not _addressee(obj)):
        return list(obj.subtree)
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in lexicon.content_preps and child.i > cue.i:
            pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and not _addressee(pobj):
                return list(pobj.subtree)
    return []


def _addressee(token: Token) -> bool:
    return token.pos_ == "PRON" or token.ent_type_ in _ADDRESSEES or token.lower_ in _ADDRESSEE_NOUNS


#: plain nouns that name an audience rather than what was said
_ADDRESSEE_NOUNS = {"reporters", "journalists", "audience", "crowd", "supporters", "viewers",
                    "listeners", "readers", "lawmakers", "congress", "parliament"}
