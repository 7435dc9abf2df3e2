"""Who did what to whom: the dependency rules that find an event trigger's arguments.

Kept apart from the stage so each rule can be read (and tested) on its own: subjects and
passive agents, objects and prepositional recipients, coordinated actors, relative clauses,
subjects inherited by infinitival / participial / prepositional complements, and the
arguments of nominal events taken from their noun phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

#: dependency labels that stop an argument span (a relative clause is not part of its noun)
_TRIM = {"relcl", "acl", "appos", "prep", "punct", "cc", "conj", "advcl", "parataxis", "case"}
_RELATIVE = {"who", "which", "that", "whom", "whose"}
#: labels through which a verb without its own subject takes its governor's
_INHERIT = {"xcomp", "advcl", "conj", "pcomp", "ccomp"}
_FINITE = {"VBD", "VBZ", "VBP"}
#: adverbs spaCy tags advmod that work as particles ("brushed aside", "called off")
PARTICLES = {"aside", "away", "off", "out", "up", "down", "over", "back", "in", "on"}


def arg_span(tok: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``tok`` without clauses or conjuncts."""
    left = right = tok
    for child in tok.children:
        if child.dep_ in _TRIM:
            continue
        sub = list(child.subtree)
        if sub[0].i < left.i:
            left = sub[0]
        if sub[-1].i > right.i:
            right = sub[-1]
    while right.i > tok.i and (right.is_punct or right.is_space):
        right = tok.doc[right.i - 1]
    return left.idx, right.idx + len(right.text)


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("Biden and Videgaray")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
            out.extend(conjuncts(child))
        elif child.dep_ == "appos":  # "President Joe Biden and Secretary Luis Videgaray"
            out.extend(c for c in conjuncts(child)[1:] if c not in out)
    return out


def particles(tok: Token) -> list[str]:
    return [
        c.lower_
        for c in tok.children
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in PARTICLES)
    ]


def _resolve_relative(tok: Token) -> Token:
    """``who`` in a relative clause stands for the noun the clause modifies."""
    if tok.lower_ in _RELATIVE:
        verb = tok.head
        while verb.dep_ == "conj":
            verb = verb.head
        if verb.dep_ == "relcl":
            return verb.head
    return tok


def own_subjects(verb: Token) -> tuple[list[Token], list[Token], list[Token]]:
    """(active subjects, passive subjects, passive agents) attached to ``verb`` itself."""
    subj: list[Token] = []
    passive: list[Token] = []
    agents: list[Token] = []
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj", "expl"} and child.dep_ != "expl":
            subj.append(_resolve_relative(child))
        elif child.dep_ in {"nsubjpass", "csubjpass"}:
            passive.append(_resolve_relative(child))
        elif child.dep_ == "agent":
            agents.extend(c for c in child.children if c.dep_ == "pobj")
    return subj, passive, agents


def governing_subject(verb: Token, depth: int = 0) -> list[Token]:
    """Subject inherited from the governing verb: "came ... to receive", "by praising"."""
    if depth > 4:
        return []
    head = verb.head
    if verb.dep_ == "conj" and verb.tag_ in _FINITE and head.tag_ == "VB":
        # "rejected a request to keep Nwosu in custody and granted him bail": a finite verb
        # cannot be coordinated with the infinitive; it is the finite verb's conjunct
        for _ in range(6):
            if head.tag_ in _FINITE or head.head.i == head.i:
                break
            head = head.head
    if verb.dep_ == "pcomp" and head.pos_ == "ADP":
        head = head.head
    elif verb.dep_ not in _INHERIT or head.i == verb.i:
        if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
            return [head] if verb.tag_ != "VBN" else []
        return []
    if head.pos_ == "ADJ" and head.dep_ in {"acomp", "xcomp"}:
        head = head.head  # "France is ready to contribute": the subject of "is ready"
    if head.pos_ not in {"VERB", "AUX"}:
        return []
    subj, passive, agents = own_subjects(head)
    if subj:
        return subj
    if passive and verb.dep_ in {"conj", "pcomp", "advcl"}:
        # "was arrested and charged", "was received ... before holding talks", "was
        # detained after attacking a guard": the passive subject does the adverbial act
        return passive
    return governing_subject(head, depth + 1)


def prep_objects(tok: Token, preps: Iterable[str]) -> Iterator[tuple[str, Token]]:
    """``(preposition, object)`` pairs for prepositional children of ``tok``."""
    wanted = set(preps)
    for child in tok.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in wanted:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield child.lower_, obj
                elif obj.dep_ == "pcomp" and obj.tag_ == "VBG":
                    # "a crackdown on refugees attempting to reach the border": the parser
                    # makes the participle the object and the noun its subject
                    for subj in obj.children:
                        if subj.dep_ == "nsubj" and subj.i < obj.i:
                            yield child.lower_, subj


def objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in {"dobj", "dative", "attr", "oprd"}]


def antecedent(pron: Token, sent: Span) -> Token | None:
    """What a third-person pronoun most likely stands for inside its sentence: the subject
    of a governing clause ("Hungary has said it will support ..."), else the nearest noun
    or name before it that heads a subject or object ("Syria says it will not ...")."""
    if pron.lower_ not in {"it", "they", "he", "she", "them", "him", "her", "its", "their"}:
        return None
    verb = pron.head
    for _ in range(6):
        if verb.head.i == verb.i:
            break
        verb = verb.head
        if verb.pos_ in {"VERB", "AUX"}:
            subj, _passive, agents = own_subjects(verb)
            for cand in agents + subj:
                if cand.i < pron.i and cand.pos_ in {"PROPN", "NOUN"}:
                    return cand
    for tok in reversed(sent[: pron.i - sent.start]):
        if tok.pos_ in {"PROPN", "NOUN"} and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
            return tok
    return None
