"""The cached attribute ruler and lemmatizer (newsevents.nlp_fast) against spaCy's own.

Every comparison runs real spaCy: the same parsed Doc goes through the stock components and
through the cached ones (fresh, so the cache is filled on the way, and the loaded pipeline's,
already warm), and every token attribute the model sets must come out the same."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    LEMMA,
    MORPH,
    NORM,
    ORTH,
    POS,
    SENT_START,
    TAG,
)
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import AttributeRuler

from newsevents.nlp_fast import CachedAttributeRuler, CachedLemmatizer, install

ATTRS = [ORTH, NORM, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
TAIL = ("attribute_ruler", "lemmatizer", "ner")

# (text, a word in it, the lemma the ruler's rules or the lemmatizer give that word)
SENTENCES = [
    ("You gonna tell him what happened?", "na", "to"),
    ("We gotta leave before the curfew.", "ta", "to"),
    ("Let's see what the council does.", "'s", "us"),
    ("There is no deal yet, officials said.", "is", "be"),
    ("There were arrests and there are more protests planned.", "were", "be"),
    ("Y'all know the vote ain't over.", "ai", "be"),
    ("y'all should vote.", "y'", "you"),
    ("Are y all coming?", "y", "you"),
    ("C'mon, it isn't that bad.", "C'm", "come"),
    ("THERE IS A CURFEW IN THE CAPITAL.", "IS", "be"),
    ("He's been told, and she'd have done it if they'd asked.", "been", "be"),
    ("Police arrested them and told us to leave her alone.", "them", "they"),
    ("I'm not sure we'll be there; they've said so.", "'m", "be"),
    ("The minister  said\n\nthat\tit was   over.  ", "said", "say"),
    ("Protesters were marching, chanting slogans, and carrying flags.", "carrying", "carry"),
    ("Gonna be a long night, said Mr. O'Neill of the U.N.", "na", "to"),
]


def token_rows(doc) -> np.ndarray:
    return doc.to_array(ATTRS)


def parsed(nlp, text: str):
    """The Doc as it reaches the attribute ruler."""
    with nlp.select_pipes(disable=list(TAIL)):
        return nlp(text)


def finish(nlp, doc, ruler, lemmatizer):
    """Run the last three components on a copy, with the given ruler and lemmatizer."""
    doc = doc.copy()
    for component in (ruler, lemmatizer, nlp.get_pipe("ner")):
        doc = component(doc)
    return doc


def assert_same_as_stock(nlp, text: str) -> None:
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    doc = parsed(nlp, text)
    expected = token_rows(finish(nlp, doc, ruler.stock, lemmatizer.stock))
    fresh = finish(nlp, doc, CachedAttributeRuler(ruler.stock), CachedLemmatizer(lemmatizer.stock))
    np.testing.assert_array_equal(token_rows(fresh), expected)
    np.testing.assert_array_equal(token_rows(finish(nlp, doc, ruler, lemmatizer)), expected)
    np.testing.assert_array_equal(token_rows(nlp(text)), expected)


def test_nlp_fast_components_in_place(nlp):
    assert nlp.pipe_names == [
        "tok2vec", "tagger", "newsevents_paragraph_breaks", "parser", *TAIL,
    ]
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    assert isinstance(ruler, CachedAttributeRuler)
    assert type(ruler.stock) is AttributeRuler
    assert isinstance(lemmatizer, CachedLemmatizer)
    assert type(lemmatizer.stock) is EnglishLemmatizer
    # the multi-token rules (gon na, let 's, ...) run on windows, not on the whole document
    assert ruler.window == 2


@pytest.mark.parametrize(("text", "word", "lemma"), SENTENCES)
def test_nlp_fast_same_attributes_as_stock(nlp, text, word, lemma):
    assert_same_as_stock(nlp, text)
    assert lemma in [t.lemma_ for t in nlp(text) if t.text == word]


def test_nlp_fast_same_attributes_as_stock_on_seed(nlp, seed_raw):
    assert_same_as_stock(nlp, seed_raw)


def test_nlp_fast_bounded_caches_give_the_same_attributes(nlp):
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    small_ruler = CachedAttributeRuler(ruler.stock, cache_limit=3)
    small_lemmatizer = CachedLemmatizer(lemmatizer.stock, cache_limit=3)
    for text, _word, _lemma in SENTENCES:
        doc = parsed(nlp, text)
        expected = token_rows(finish(nlp, doc, ruler.stock, lemmatizer.stock))
        got = finish(nlp, doc, small_ruler, small_lemmatizer)
        np.testing.assert_array_equal(token_rows(got), expected)
        assert len(small_ruler._patch_of_key) <= 3 + len(doc)
        assert len(small_lemmatizer._lemma) <= 3 + len(doc)


# Rules of shapes the model does not use, on a blank pipeline: an operator (the document
# patterns then run on the whole text), a negative index, TEXT keys, an empty spec; and a
# ruler writing one attribute only.
BLANK_RULES = [
    {"patterns": [[{"LOWER": "new"}, {"LOWER": "york", "OP": "?"}]], "attrs": {"TAG": "NNP"}},
    {"patterns": [[{"TEXT": "city"}]], "attrs": {"POS": "NOUN", "LEMMA": "town"}},
    {"patterns": [[{"LOWER": {"IN": ["the", "a"]}}, {}]], "attrs": {"MORPH": "Number=Sing"},
     "index": -1},
    {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"POS": "PUNCT"}},
    {"patterns": [[{"LOWER": {"REGEX": "^c"}}]], "attrs": {"LEMMA": "C-word"}},
]
ONE_ATTRIBUTE_RULES = [
    {"patterns": [[{"LOWER": "city"}], [{"IS_TITLE": True}]], "attrs": {"LEMMA": "town"}},
    {"patterns": [[{"LOWER": "new"}, {"LOWER": "york"}]], "attrs": {"LEMMA": "NY"}, "index": 1},
]


@pytest.mark.parametrize(("rules", "window"), [(BLANK_RULES, None), (ONE_ATTRIBUTE_RULES, 2)])
def test_nlp_fast_blank_pipeline_rule_shapes(rules, window):
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler")
    stock.add_patterns(rules)
    cached = CachedAttributeRuler(stock)
    assert cached.window == window
    for text in ("New York City is a city.", "The new city, the cat and a cow.", "new", ""):
        np.testing.assert_array_equal(
            token_rows(cached(nlp(text))), token_rows(stock(nlp(text)))
        )


def test_nlp_fast_install_keeps_what_it_cannot_reproduce():
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler")
    stock.add([[{"LOWER": "gonna"}]], {"NORM": "going to"})
    kept = install(nlp)
    assert nlp.get_pipe("attribute_ruler") is stock
    assert "rule 0" in kept["attribute_ruler"]
    assert kept["lemmatizer"] == "not in the pipeline"
