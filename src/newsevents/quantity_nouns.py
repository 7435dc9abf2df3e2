"""What a number counts: the noun after it, read from spaCy's tokens (no second parse).

"six students", "well over 100,000 Mexican lives", "some 36 municipalities": the counted
noun is the first common noun after the number, past adjectives, demonyms and compound
nouns. A proper noun right after a number ("123 Main Street", "26 September") means the
number is a label or a date, not a count. When no noun follows, a bare number may still
count people: by ellipsis ("six students ... and another 43 disappeared") or because a
killing word governs it ("the massacre of 22", "killed 12").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Token

from newsevents.quantity_lexicon import Lexicon

#: parts of speech that end the search for a counted noun
_STOP_POS = {"VERB", "AUX", "ADP", "CCONJ", "SCONJ", "DET", "PRON", "PART", "PUNCT", "SYM",
             "NUM", "X", "INTJ", "SPACE"}
_MAX_MODIFIERS = 3


@dataclass(frozen=True)
class CountedNoun:
    """The noun phrase a number counts: its char span, its text and the unit it gives."""

    start: int
    end: int
    unit: str
    head: Token


class TokenIndex:
    """Find the token at or after a character offset in O(log n), and its sentence.

    Built from spaCy's arrays (no Python loop over tokens, no ``Token.sent``, which is slow).
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        if len(doc):
            array = doc.to_array([IDX, SENT_START])
            self.starts = array[:, 0].tolist()
            self.sentence_ids = (array[:, 1] == 1).cumsum().tolist()
        else:
            self.starts, self.sentence_ids = [], []

    def same_sentence(self, first: int, second: int) -> bool:
        """Whether the tokens at indices ``first`` and ``second`` share a sentence."""
        return bool(self.sentence_ids[first] == self.sentence_ids[second])

    def at_or_after(self, char: int) -> Token | None:
        i = bisect.bisect_left(self.starts, char)
        return self.doc[i] if i < len(self.doc) else None

    def covering(self, char: int) -> Token | None:
        """The token containing ``char`` (or the last token before it)."""
        i = bisect.bisect_right(self.starts, char) - 1
        return self.doc[i] if i >= 0 else None


def unit_of(head: Token, lex: Lexicon) -> str:
    """``person`` for people nouns, else the singular lower-case lemma of the noun."""
    lemma = head.lemma_.lower()
    previous = head.nbor(-1) if head.i > 0 else None
    if previous is not None and previous.dep_ == "compound":
        pair = f"{previous.lemma_.lower()} {lemma}"
        if pair in lex.person_nouns:
            return "person"
    if lemma in lex.person_nouns or head.lower_ in lex.person_nouns:
        return "person"
    return lemma


def counted_noun(index: TokenIndex, end: int, lex: Lexicon) -> CountedNoun | None:
    """The noun phrase right after the number ending at ``end``, or None.

    Walks over at most three modifiers (adjectives, demonyms, compound nouns) to the head
    noun; a number followed by a bare people-adjective ("six dead", "12 wounded") counts
    people too.
    """
    first = index.at_or_after(end)
    last = index.covering(end - 1)
    if first is None or last is None or not index.same_sentence(first.i, last.i):
        return None
    doc = index.doc
    last_adjective: Token | None = None
    i = first.i
    if first.tag_ == "JJS":  # "the 25 largest districts": a ranking, not a count
        return None
    while i < len(doc) and i - first.i <= _MAX_MODIFIERS:
        token = doc[i]
        if token.lower_ in lex.stop_words:
            return None
        if token.lemma_.lower() in lex.scales or token.lower_ in lex.vague:
            return None  # "tens of millions in bonuses": the noun is missing
        if token.pos_ == "VERB" and token.dep_ == "amod":  # "three loving grandchildren"
            i += 1
            continue
        if token.pos_ == "NOUN" or (token.pos_ == "ADJ" and token.dep_ in ("dobj", "nsubj")):
            if token.lower_ in lex.non_count_nouns or token.lemma_.lower() in lex.non_count_nouns:
                return None
            following = doc[i + 1] if i + 1 < len(doc) else None
            if (following is not None and following.text == "-" and not token.whitespace_
                    and i + 2 < len(doc)):  # "pound-feet": the head is after the hyphen
                i += 2
                continue
            if following is not None and following.pos_ == "NOUN" and following.dep_ != "nsubj":
                i += 1
                continue
            return CountedNoun(first.idx, token.idx + len(token), unit_of(token, lex), token)
        if token.pos_ == "PROPN" and token.ent_type_ != "NORP":
            return None
        if token.ent_type_ == "NORP" and token.tag_ in ("NNPS", "NNS"):  # "Mexicans"
            return CountedNoun(first.idx, token.idx + len(token), "person", token)
        if token.pos_ in _STOP_POS or token.is_punct:
            break
        if token.pos_ == "ADJ" or token.ent_type_ == "NORP":
            last_adjective = token
        i += 1
    if last_adjective is not None and last_adjective.lower_ in lex.person_nouns:
        return CountedNoun(first.idx, last_adjective.idx + len(last_adjective), "person",
                           last_adjective)
    return None


def governors(token: Token) -> list[Token]:
    """Words that govern a number or its noun: its head and, across "of", the head's head.

    ``massacre of 22`` gives [of, massacre]; ``43 disappeared`` gives [disappeared];
    ``killed six students`` (for "students") gives [killed].
    """
    found: list[Token] = []
    doc = token.doc
    # a conjoined number ("six students and another 43 disappeared") is often parsed as a
    # conjunct of the first count while its own verb is the next word
    if token.dep_ == "conj" and token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "VERB":
        found.append(doc[token.i + 1])
    current = token
    for _ in range(4):
        head = current.head
        if head is current:
            break
        if current.dep_ == "conj" and head.pos_ in ("NOUN", "NUM", "PROPN"):
            current = head
            continue
        found.append(head)
        if head.pos_ != "ADP":
            break
        current = head
    return found
