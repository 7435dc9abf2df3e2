"""Cached stand-ins for two pure-Python components of the spaCy model, same output.

What: ``install(nlp)`` (called by ``nlp.load_model``) replaces the model's ``attribute_ruler``
and ``lemmatizer`` in place -- same names, same positions -- by ``CachedAttributeRuler`` and
``CachedLemmatizer``. Each wraps the stock instance it replaces (its ``stock`` attribute) and
takes all of its data (patterns, attributes, lookup tables) from it.

Why: on the bench articles the attribute ruler cost 5.5 ms of CPU an article, nearly all of it
in its Matcher, which tries 179 patterns, many with Python-level predicates (IN, NOT_IN, REGEX),
at every token; the lemmatizer cost 4.0 ms, mostly on misses of its own cache (which covers
only part of its paths), where the rule lemmatizer scans word lists of up to 57,000 entries.
Both answer the same few thousand questions over and over.

How, and why the output is the same:

* Attribute ruler. Whether a pattern of one token spec without an operator matches a token
  depends only on the token attributes the spec names: the Matcher and its predicates read a
  token through ``get_token_attr_for_matcher(token, attr)`` and nothing else. Those attributes
  are either lexeme attributes (ORTH, LOWER, IS_SPACE, ...), fixed by the token's ORTH, or
  the token fields TAG, POS, MORPH, LEMMA, DEP. So the rules matching a token through such
  patterns are a function of a key: ORTH plus the token fields the patterns name ((ORTH, TAG,
  DEP) for en_core_web_sm); specs that read no lexeme attribute are a function of the token
  fields alone and are cached by those. For keys not seen before, spaCy's own Matcher holding
  just those patterns runs on a throwaway Doc with one token per key, carrying the key's
  values; the rule numbers it finds are cached. Every other pattern (several tokens, an
  operator, another attribute, a target index other than 0 / -1) runs unchanged in a second
  Matcher. When those are all of fixed length with a cacheable first spec (true of the nine
  in en_core_web_sm: "gon na", "let 's", expletive + "is", ...), a match can only start at a
  token matching a first spec, which the cache also records, and the second Matcher runs only
  on the windows starting there; otherwise it runs on the whole document. Each token then
  gets the attributes of its matched rules in rule order, later rules winning attribute by
  attribute, which is what the stock ``set_annotations`` does with ``set_token_attrs``; in
  both, all matching happens before any write. The values are written with
  ``Doc.from_array``, which sets the same token fields (``set_token_attrs`` also writes them
  to the lexeme, a no-op for these five fields). A ruler whose rules set anything else
  (extension attributes, NORM, lexeme attributes) or have match callbacks is left as it is.
* Lemmatizer. The stock rule (or lookup) lemmatizer's answer for a token depends only on its
  text, its coarse tag and its morphology (``is_base_form`` reads ``pos_`` and ``morph``), i.e.
  on (ORTH, POS, MORPH) -- the key spaCy's own cache uses for one of its paths. The cached
  lemmatizer computes each key once, on every path, and otherwise follows the stock rule: only
  tokens without a lemma (or all of them, with ``overwrite``) get one, and the lemma string is
  added to the string store as ``token.lemma_ = ...`` adds it. Misses go to a second instance
  of the stock class whose "lemma_index" word lists are sets (see ``_indexed_twin``). Only
  spaCy's own ``Lemmatizer`` and ``EnglishLemmatizer`` in "rule" or "lookup" mode, with their
  methods as the class defines them, are replaced.

Both caches are cleared when they pass ``CACHE_LIMIT`` entries, so memory stays bounded on
long runs. On 300 bench articles (CPU, a fresh process) the ruler went from 5.5 to 1.6 ms an
article (0.4 once warm), the lemmatizer from 4.5 to 0.6 (0.8 to 0.3 warm), the whole
``nlp.pipe`` from 57 to 49.

Tests: tests/test_nlp_fast.py compares every token attribute with the stock components, on
sentences that exercise the multi-token rules, on the seed article and on rule shapes the
model does not use. The same comparison over all 1128 bench articles, the seed and the
examples (1135 documents, 499,455 tokens: TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB,
ENT_TYPE, SENT_START, NORM) found no difference when this was written.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, LENGTH, LOWER, MORPH, ORTH, POS, PREFIX, SHAPE, SUFFIX, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

FAST_RULER = "newsevents_cached_attribute_ruler"
FAST_LEMMATIZER = "newsevents_cached_lemmatizer"
CACHE_LIMIT = 200_000

# Token fields a ruler rule may set for the cached ruler to reproduce it with Doc.from_array.
WRITABLE = (TAG, POS, MORPH, LEMMA, DEP)
# Pattern attributes that make a single-token pattern cacheable: lexeme attributes (the flags
# IS_ALPHA ... are the ids below 64), fixed by ORTH, and token fields, which become part of the key.
LEXEME_ATTRS = frozenset(range(1, 64)) | {ORTH, LOWER, SHAPE, PREFIX, SUFFIX, LENGTH}
TOKEN_FIELDS = (TAG, POS, MORPH, LEMMA, DEP)
ATTR_NAMES = {number: name for name, number in IDS.items()}


def install(nlp: Language) -> dict[str, str]:
    """Replace the attribute ruler and the lemmatizer by their cached versions, in place.

    Returns, for each of the two components left as they were, the reason (empty when both
    were replaced)."""
    kept: dict[str, str] = {}
    for name, factory, unsupported in (
        ("attribute_ruler", FAST_RULER, _ruler_unsupported),
        ("lemmatizer", FAST_LEMMATIZER, _lemmatizer_unsupported),
    ):
        if name not in nlp.pipe_names:
            kept[name] = "not in the pipeline"
            continue
        reason = unsupported(nlp.get_pipe(name))
        if reason:
            kept[name] = reason
            continue
        # The factory finds the stock component by name: rename it, add the cached one at its
        # place under its name, then take the stock one out of the pipeline.
        stock_name = f"{name}_stock"
        nlp.rename_pipe(name, stock_name)
        nlp.add_pipe(factory, name=name, before=stock_name, config={"stock": stock_name})
        nlp.remove_pipe(stock_name)
    return kept


@Language.factory(FAST_RULER, default_config={"stock": "attribute_ruler"})
def make_cached_attribute_ruler(nlp: Language, name: str, stock: str) -> CachedAttributeRuler:
    ruler = nlp.get_pipe(stock)
    assert isinstance(ruler, AttributeRuler)
    return CachedAttributeRuler(ruler)


@Language.factory(FAST_LEMMATIZER, default_config={"stock": "lemmatizer"})
def make_cached_lemmatizer(nlp: Language, name: str, stock: str) -> CachedLemmatizer:
    lemmatizer = nlp.get_pipe(stock)
    assert isinstance(lemmatizer, Lemmatizer)
    return CachedLemmatizer(lemmatizer)


def _read(doc: Doc, attrs: list[int]) -> np.ndarray:
    """``doc.to_array``: one row a token, one uint64 column an attribute (also for one)."""
    return np.asarray(doc.to_array(attrs)).reshape(len(doc), len(attrs))  # type: ignore[arg-type]  # spaCy's stub wants list[int | str]


def _write(doc: Doc, attrs: list[int], values: np.ndarray) -> None:
    """``doc.from_array``: set each token's fields to its row of uint64 values."""
    doc.from_array(attrs, values)  # type: ignore[arg-type]  # the stub's thinc Ints2d is this ndarray


# ---------------------------------------------------------------------------------------------
# Attribute ruler


def _ruler_unsupported(ruler: Any) -> str:
    if type(ruler) is not AttributeRuler:
        return f"not spaCy's AttributeRuler but {type(ruler).__name__}"
    for number, attrs in enumerate(ruler.attrs):
        if not set(attrs) <= set(WRITABLE):
            names = sorted(ATTR_NAMES.get(a, str(a)) for a in attrs)
            return f"rule {number} sets {names}, not only TAG/POS/MORPH/LEMMA/DEP"
        if ruler.matcher.get(str(number))[0] is not None:
            return f"rule {number} has a match callback"
    return ""


def _spec_attr(key: Any) -> int | None:
    """The attribute id a token spec key reads, as the Matcher resolves it (None: 'OP', '_')."""
    if isinstance(key, int):
        return key
    name = str(key).upper()
    if name in ("OP", "_"):
        return None
    return IDS.get({"TEXT": "ORTH", "IS_SENT_START": "SENT_START"}.get(name, name))


def _is_cacheable(spec: dict) -> bool:
    """A token spec without operator or extension that reads only key attributes."""
    attrs = [_spec_attr(key) for key in spec]
    return all(a is not None and (a in LEXEME_ATTRS or a in TOKEN_FIELDS) for a in attrs)


def _is_fixed(pattern: list[dict]) -> bool:
    """No spec of the pattern has an operator: it matches exactly len(pattern) tokens."""
    return not any(str(key).upper() == "OP" for spec in pattern for key in spec)


class _SpecGroup:
    """Single-token specs with a Matcher of their own and their matches cached by the parts
    of the token key they read (positions)."""

    def __init__(self, vocab: Any, validate: bool, positions: tuple[int, ...]) -> None:
        self.positions = positions
        self.matcher = Matcher(vocab, validate=validate)
        self.rules_of: dict[tuple[int, ...], tuple[int, ...]] = {}


class CachedAttributeRuler:
    """spaCy's AttributeRuler with its single-token matches cached per token key.

    The key of a token is its ORTH and the token fields the single-token specs read. Specs
    that read no lexeme attribute are matched and cached by the token fields alone (a spec on
    TAG once per tag and dependency label). The other patterns run in a second Matcher. When
    they are all of fixed length and their first spec can be cached, that Matcher only runs on
    windows starting at tokens which match some first spec: a match must start at one."""

    def __init__(self, stock: AttributeRuler, cache_limit: int = CACHE_LIMIT) -> None:
        self.stock = stock
        self.vocab = stock.vocab
        self.cache_limit = cache_limit
        self._doc_matcher = Matcher(self.vocab, validate=stock.validate)
        cached: list[tuple[str, dict]] = []
        doc_patterns: list[list[dict]] = []
        for number, index in enumerate(stock.indices):
            key = str(number)
            for pattern in stock.matcher.get(key)[1]:
                if len(pattern) == 1 and index in (0, -1) and _is_cacheable(pattern[0]):
                    cached.append((key, pattern[0]))
                else:
                    self._doc_matcher.add(key, [pattern])
                    doc_patterns.append(pattern)
        # Rule number len(stock.attrs), which writes nothing, marks "may start a document pattern".
        self._start_rule = len(stock.attrs)
        self.window: int | None = None
        if doc_patterns and all(_is_fixed(p) and _is_cacheable(p[0]) for p in doc_patterns):
            self.window = max(map(len, doc_patterns))
            cached.extend((str(self._start_rule), p[0]) for p in doc_patterns)
        reads = [{_spec_attr(k) for k in spec} for _, spec in cached]
        self.key_attrs = [ORTH] + [a for a in TOKEN_FIELDS if any(a in r for r in reads)]
        # Two groups: the specs reading lexeme attributes, cached by the whole key, and the
        # others (on TAG, DEP, ...), cached by the token fields alone.
        everything = tuple(range(len(self.key_attrs)))
        groups = {everything: _SpecGroup(self.vocab, stock.validate, everything),
                  everything[1:]: _SpecGroup(self.vocab, stock.validate, everything[1:])}
        for (key, spec), attrs in zip(cached, reads, strict=True):
            groups[everything if attrs & LEXEME_ATTRS else everything[1:]].matcher.add(key, [[spec]])
        self._groups = [group for group in groups.values() if len(group.matcher)]
        # The columns the rules write, and each rule's writes as (column, value) pairs.
        self.columns = [a for a in WRITABLE if any(a in attrs for attrs in stock.attrs)]
        self._rule_writes = [
            [(self.columns.index(a), v) for a, v in attrs.items()] for attrs in stock.attrs
        ] + [[]]
        self.clear_cache()

    def clear_cache(self) -> None:
        # key -> patch number; a patch is what a set of rules writes, applied in rule order.
        self._patch_of_key: dict[tuple[int, ...], int] = {}
        self._patch_of_rules: dict[tuple[int, ...], int] = {}
        self._patch_rules: list[tuple[int, ...]] = []
        self._values = np.zeros((0, len(self.columns)), dtype=np.uint64)
        self._mask = np.zeros((0, len(self.columns)), dtype=bool)
        self._starts = np.zeros(0, dtype=bool)
        self._patch(())
        for group in self._groups:
            group.rules_of.clear()

    def _patch(self, rules: tuple[int, ...]) -> int:
        """The number of the patch of a sorted tuple of rule numbers, made on first use."""
        found = self._patch_of_rules.get(rules)
        if found is not None:
            return found
        values = np.zeros((1, len(self.columns)), dtype=np.uint64)
        mask = np.zeros((1, len(self.columns)), dtype=bool)
        for rule in rules:
            for column, value in self._rule_writes[rule]:
                values[0, column] = value
                mask[0, column] = True
        number = len(self._patch_rules)
        self._patch_rules.append(rules)
        self._patch_of_rules[rules] = number
        self._values = np.concatenate([self._values, values])
        self._mask = np.concatenate([self._mask, mask])
        self._starts = np.append(self._starts, self._start_rule in rules)
        return number

    def _learn(self, keys: list[tuple[int, ...]]) -> None:
        """Give unseen keys their patch, matching each group's specs on the parts it reads."""
        found: list[set[int]] = [set() for _ in keys]
        for group in self._groups:
            if len(group.positions) == len(self.key_attrs):
                parts = keys
            else:
                parts = [tuple(key[i] for i in group.positions) for key in keys]
            unseen: dict[tuple[int, ...], tuple[int, ...]] = {}
            for part, key in zip(parts, keys, strict=True):
                if part not in group.rules_of and part not in unseen:
                    unseen[part] = key
            if unseen:
                matched = self._match(group.matcher, list(unseen.values()))
                group.rules_of.update(zip(unseen, matched, strict=True))
            for rules, part in zip(found, parts, strict=True):
                rules.update(group.rules_of[part])
        for key, rules in zip(keys, found, strict=True):
            self._patch_of_key[key] = self._patch(tuple(sorted(rules)))

    def _match(self, matcher: Matcher, keys: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
        """The rule numbers of the matcher's specs each key matches, on a Doc of one token per
        key carrying the key's values."""
        strings = self.vocab.strings
        probe = Doc(self.vocab, words=[strings[key[0]] for key in keys], spaces=[False] * len(keys))
        if len(self.key_attrs) > 1:
            _write(probe, self.key_attrs[1:], np.array([key[1:] for key in keys], dtype=np.uint64))
        found: list[set[int]] = [set() for _ in keys]
        for match_id, start, _end in matcher(probe, allow_missing=True, as_spans=False):
            found[start].add(int(strings[match_id]))
        return [tuple(sorted(rules)) for rules in found]

    def _doc_matches(self, doc: Doc, patches: np.ndarray) -> dict[int, set[int]]:
        """Token position -> rule numbers, from the document patterns."""
        targets: dict[int, set[int]] = {}
        if not len(self._doc_matcher):
            return targets
        if self.window is None:
            parts: list[tuple[int, Any]] = [(0, doc)]
        else:
            starts = np.flatnonzero(self._starts[patches]).tolist()
            parts = [(start, doc[start : start + self.window]) for start in starts]
        strings = self.vocab.strings
        for offset, part in parts:
            for match_id, start, end in self._doc_matcher(part, allow_missing=True, as_spans=False):
                start, end = start + offset, end + offset
                rule = int(strings[match_id])
                index = self.stock.indices[rule]
                target = start + index if index >= 0 else end + index
                if not start <= target < end:  # as AttributeRuler.set_annotations reports it
                    raise ValueError(Errors.E1001.format(
                        patterns=self.stock.matcher.get(match_id),
                        span=[t.text for t in doc[start:end]], index=index))
                targets.setdefault(target, set()).add(rule)
        return targets

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self.columns:
            return doc
        if len(self._patch_of_key) > self.cache_limit:
            self.clear_cache()
        keys = list(map(tuple, _read(doc, self.key_attrs).tolist()))
        patch_of_key = self._patch_of_key
        unseen = [key for key in dict.fromkeys(keys) if key not in patch_of_key]
        if unseen:
            self._learn(unseen)
        patches = np.fromiter((patch_of_key[key] for key in keys), dtype=np.intp, count=len(keys))
        for position, rules in self._doc_matches(doc, patches).items():
            rules.update(self._patch_rules[patches[position]])
            patches[position] = self._patch(tuple(sorted(rules)))
        current = _read(doc, self.columns)
        _write(doc, self.columns, np.where(self._mask[patches], self._values[patches], current))
        return doc


# ---------------------------------------------------------------------------------------------
# Lemmatizer


def _lemmatizer_unsupported(lemmatizer: Any) -> str:
    if type(lemmatizer) not in (Lemmatizer, EnglishLemmatizer):
        return f"not spaCy's Lemmatizer or EnglishLemmatizer but {type(lemmatizer).__name__}"
    if lemmatizer.mode not in ("rule", "lookup"):
        return f"mode {lemmatizer.mode!r}"
    # The misses are lemmatized by a new instance of the class: the stock instance must not
    # have its methods replaced.
    method = getattr(lemmatizer.lemmatize, "__func__", None)
    if method is not getattr(type(lemmatizer), f"{lemmatizer.mode}_lemmatize"):
        return "lemmatize replaced on the instance"
    if "is_base_form" in vars(lemmatizer):
        return "is_base_form replaced on the instance"
    return ""


def _indexed_twin(stock: Lemmatizer) -> Lemmatizer:
    """A new lemmatizer like the stock one, sharing its tables (as they are when installed)
    except that each word list of the "lemma_index" table is a frozenset. ``rule_lemmatize``
    uses those lists only to ask whether one is empty and whether a candidate form is in it,
    which a set answers the same way, in constant time instead of a scan of up to 57,000
    words (the scan was most of the cost of a cache miss)."""
    twin = type(stock)(stock.vocab, stock.model, stock.name, mode=stock.mode,
                       overwrite=stock.overwrite)
    lookups = Lookups()
    for name in stock.lookups.tables:
        table = stock.lookups.get_table(name)
        if name == "lemma_index":
            table = Table.from_dict({pos: frozenset(words) for pos, words in table.items()}, name)
        lookups.set_table(name, table)
    twin.lookups = lookups
    return twin


class CachedLemmatizer:
    """spaCy's rule / lookup Lemmatizer with its lemma cached per (ORTH, POS, MORPH)."""

    def __init__(self, stock: Lemmatizer, cache_limit: int = CACHE_LIMIT) -> None:
        self.stock = stock
        self.cache_limit = cache_limit
        self._lemma: dict[tuple[int, int, int], str] = {}
        self._twin = _indexed_twin(stock)

    def __call__(self, doc: Doc) -> Doc:
        stock = self.stock
        if not stock._validated:  # as the stock __call__: tables checked on first use
            stock._validate_tables(Errors.E1004)
        if len(self._lemma) > self.cache_limit:
            self._lemma.clear()
            self._twin.cache.clear()  # the rule lemmatizer's own cache, filled by our misses
        table = _read(doc, [ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        lemma_of = self._lemma
        add = doc.vocab.strings.add
        overwrite = stock.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if overwrite or lemma == 0:
                text = lemma_of.get((orth, pos, morph))
                if text is None:
                    text = lemma_of[(orth, pos, morph)] = self._twin.lemmatize(doc[i])[0]
                lemmas[i] = add(text)
        _write(doc, [LEMMA], lemmas.reshape(-1, 1))
        return doc
