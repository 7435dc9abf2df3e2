"""The event lexicon: verb and noun triggers → CAMEO code → PLOVER type and mode.

Three layers, later ones winning: the verb patterns generated from the PETRARCH CAMEO
dictionary (``data/events/cameo_verbs.yml``), the hand-curated ``curated.yml`` (nominal events,
light verbs, fixes for verbs CAMEO codes too eagerly in news prose), and user files
(``Options.lexicons``, CLI ``--lexicon``) in the curated format. Patterns keep PETRARCH's
notation so a researcher can read them side by side with the source dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from newsevents import cameo
from newsevents.errors import NewseventsError

try:  # the C loader is five times faster on the 190 kB generated file
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python PyYAML build
    from yaml import SafeLoader as _Loader

#: special pattern words matched against token flags rather than text
PLACE, ACTOR = "&place", "&actor"

Item = tuple[tuple[str, ...], ...]  # alternatives, each a sequence of lower-case words


@dataclass(frozen=True)
class Pattern:
    before: tuple[Item, ...]
    after: tuple[Item, ...]
    code: str | None
    source: str

    @property
    def weight(self) -> int:
        return sum(max(len(alt) for alt in item) for item in self.before + self.after)

    @property
    def needs(self) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
        """For each item, the words one of which must occur for the item to match."""
        return _needs(self.before), _needs(self.after)


def _needs(items: tuple[Item, ...]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(alt[0] for alt in item if alt) for item in items)


@dataclass(frozen=True)
class Compiled:
    """A pattern with what a quick pre-check needs, heaviest first within an entry."""

    pattern: Pattern
    weight: int
    #: per item, the first words of its alternatives (one must occur for it to match)
    before: tuple[frozenset[str], ...]
    after: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class _Side:
    """The pre-check of one side (before or after the verb) of an entry's patterns: for each
    word that can begin an item, which items of which patterns it satisfies."""

    #: word → (pattern number in ``Entry.compiled``, bit of the item in that pattern)
    items_of: dict[str, tuple[tuple[int, int], ...]]
    #: the words of ``items_of`` (to intersect with the words present)
    words: frozenset[str]
    #: per pattern, the bits of all its items on this side (0: no item, always met)
    full: tuple[int, ...]

    @classmethod
    def build(cls, needs: Sequence[tuple[frozenset[str], ...]]) -> _Side:
        items_of: dict[str, list[tuple[int, int]]] = {}
        for n, items in enumerate(needs):
            for k, need in enumerate(items):
                for word in need:
                    items_of.setdefault(word, []).append((n, 1 << k))
        full = tuple((1 << len(items)) - 1 for items in needs)
        return cls({w: tuple(found) for w, found in items_of.items()}, frozenset(items_of), full)

    def met(self, bag: set[str]) -> dict[int, int]:
        """Pattern number → the bits of its items that have a first word in ``bag``."""
        out: dict[int, int] = {}
        for word in bag & self.words:
            for n, bit in self.items_of[word]:
                out[n] = out.get(n, 0) | bit
        return out


@dataclass(frozen=True)
class _Prefilter:
    """Which of an entry's patterns pass the quick pre-check (every item has a first word
    present), found from the words present instead of by testing each pattern."""

    before: _Side
    after: _Side
    #: patterns with no item after the verb: their after side always passes
    before_only: frozenset[int]

    @classmethod
    def build(cls, compiled: Sequence[Compiled]) -> _Prefilter:
        return cls(
            _Side.build([c.before for c in compiled]),
            _Side.build([c.after for c in compiled]),
            frozenset(n for n, c in enumerate(compiled) if not c.after),
        )

    def passing(self, before: Words, after: Words) -> list[int]:
        """Numbers of the patterns that pass, in the entry's order (heaviest first). The
        words after the verb are fewer: the side before is read only if some pattern is left."""
        met, full = self.after.met(after.bag()), self.after.full
        left = self.before_only.union(n for n, bits in met.items() if bits == full[n])
        if not left:
            return []
        met, full = self.before.met(before.bag()), self.before.full
        return sorted(n for n in left if met.get(n, 0) == full[n])


@dataclass(frozen=True)
class Entry:
    lemma: str
    code: str | None
    type: str | None = None
    mode: str | None = None
    patterns: tuple[Pattern, ...] = ()
    victim_subject: bool = False

    @cached_property
    def compiled(self) -> tuple[Compiled, ...]:
        """The patterns for matching (made on first use: loading makes many entries)."""
        return _compiled(self.patterns)

    @cached_property
    def prefilter(self) -> _Prefilter:
        """The pre-check of ``compiled`` (built on first use: most entries never code)."""
        key = tuple(id(c) for c in self.compiled)
        found = _PREFILTERS.get(key)
        if found is None:
            found = _PREFILTERS[key] = _Prefilter.build(self.compiled)
        return found


#: compiled form of each pattern object (the verbs of one CAMEO block share their pattern
#: objects: compile each once); entries keep their patterns alive, so ids stay unique
_COMPILED: dict[int, tuple[Pattern, Compiled]] = {}


#: pre-checks by the compiled patterns they cover (the verbs of one CAMEO block share one;
#: compiled patterns stay alive in _COMPILED, so their ids stay unique)
_PREFILTERS: dict[tuple[int, ...], _Prefilter] = {}


def _compiled(patterns: tuple[Pattern, ...]) -> tuple[Compiled, ...]:
    """Patterns heaviest first (stable, so the first of equal weight still wins)."""
    out = []
    for p in patterns:
        known = _COMPILED.get(id(p))
        if known is None or known[0] is not p:
            known = _COMPILED[id(p)] = (p, Compiled(p, p.weight, *p.needs))
        out.append(known[1])
    return tuple(sorted(out, key=lambda c: -c.weight))


@dataclass(slots=True)  # (not frozen: made several times per verb, a frozen init is slower)
class Words:
    """What the patterns can see of a run of tokens, column by column: each token's
    lower-case form and lemma, and whether it is (in) a place or an actor."""

    lower: Sequence[str]
    lemma: Sequence[str]
    is_place: Sequence[bool]
    is_actor: Sequence[bool]

    def __len__(self) -> int:
        return len(self.lower)

    def bag(self) -> set[str]:
        """Every form a pattern word could match here (for the quick pre-check)."""
        out = set(self.lower)
        out.update(self.lemma)
        if any(self.is_place):
            out.add(PLACE)
        if any(self.is_actor):
            out.add(ACTOR)
        return out

    def match(self, want: str, i: int) -> bool:
        """Does pattern word ``want`` match the ``i``-th token?"""
        if want == PLACE:
            return self.is_place[i]
        if want == ACTOR:
            return self.is_actor[i]
        return want == self.lower[i] or want == self.lemma[i]

    def may_begin(self, firsts: frozenset[str], i: int) -> bool:
        """Could a phrase whose first word is one of ``firsts`` begin at the ``i``-th token?"""
        return (
            self.lower[i] in firsts
            or self.lemma[i] in firsts
            or (self.is_place[i] and PLACE in firsts)
            or (self.is_actor[i] and ACTOR in firsts)
        )


NO_WORDS = Words((), (), (), ())


@dataclass(frozen=True)
class Coding:
    code: str | None
    type: str
    mode: str | None
    pattern: str | None = None


_NO_CLASS: frozenset[str] = frozenset()


@dataclass
class Lexicon:
    verbs: dict[str, Entry] = field(default_factory=dict)
    nouns: dict[str, Entry] = field(default_factory=dict)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def verb_lemmas(self) -> frozenset[str]:
        """Every lemma a verb entry is listed under, alone or with a particle (``brush`` of
        ``brush_aside``)."""
        return frozenset(key.split("_", 1)[0] for key in self.verbs)

    @cached_property
    def particle_verbs(self) -> frozenset[str]:
        """Every key part before an underscore: the lemmas some entry lists with a particle
        (``brush`` of ``brush_aside``)."""
        return frozenset(key[:i] for key in self.verbs for i, ch in enumerate(key) if ch == "_")

    def cls(self, name: str) -> frozenset[str]:
        return self.classes.get(name, _NO_CLASS)

    def setting(self, name: str, default: Any = None) -> Any:
        """A policy value from a ``settings:`` section (later files win)."""
        return self.settings.get(name, default)


def _compile(text: str, synsets: dict[str, list[str]], source: str, code: Any) -> Pattern:
    """Compile ``"- &MILITARY * (TO BORDER)"`` into word items before and after the verb."""
    tokens = re.findall(r"\{[^}]*\}|[^\s(){}]+", text)
    before: list[Item] = []
    after: list[Item] = []
    side = before
    for tok in tokens:
        if tok == "*":
            side = after
            continue
        if tok.startswith("{"):
            words = tuple(w.strip("_").replace("_", " ").lower() for w in tok[1:-1].split())
            phrase = tuple(" ".join(words).split())
            if phrase:
                side.append((phrase,))
            continue
        if tok in {"$", "+", "^", "%", "@", "-"} or not re.search(r"[A-Za-z]", tok):
            continue
        if tok.startswith("&"):
            name = tok[1:].rstrip("_").upper()
            if name in {"PLACE", "ACTOR"}:
                side.append(((f"&{name.lower()}",),))
                continue
            alts = tuple(tuple(w.split()) for w in synsets.get(name, []) if w.split())
            if alts:
                side.append(alts)
            continue
        word = tok.strip("+$^%").rstrip("_").replace("_", " ").lower()
        if word:
            side.append((tuple(word.split()),))
    return Pattern(tuple(before), tuple(after), str(code) if code else None, source)


def _find(item: Item, firsts: frozenset[str], words: Words, start: int) -> int:
    """Index just after the first occurrence of ``item`` at or after ``start``, or -1
    (``firsts``: the first words of its alternatives; a position none of them matches is
    passed over without trying each alternative)."""
    for i in range(start, len(words)):
        if not words.may_begin(firsts, i):
            continue
        for alt in item:
            if i + len(alt) <= len(words) and all(
                words.match(w, i + k) for k, w in enumerate(alt)
            ):
                return i + len(alt)
    return -1


def _matches(items: tuple[Item, ...], firsts: tuple[frozenset[str], ...], words: Words) -> bool:
    pos = 0
    for item, item_firsts in zip(items, firsts, strict=True):
        pos = _find(item, item_firsts, words, pos)
        if pos < 0:
            return False
    return True


def code(entry: Entry, before: Words, after: Words) -> Coding | None:
    """Code one trigger: the heaviest matching pattern, else the entry's default code.

    Patterns are tried heaviest first after a set check that each of their items has a
    first word present in the text at all (:class:`_Prefilter`, which looks the words present
    up rather than testing each pattern), so most are dismissed without a scan.
    """
    best: Pattern | None = None
    if entry.patterns:
        for n in entry.prefilter.passing(before, after):
            item = entry.compiled[n]
            pattern = item.pattern
            if _matches(pattern.before, item.before, before) and _matches(
                pattern.after, item.after, after
            ):
                best = pattern
                break
    chosen = best.code if best is not None else entry.code
    if chosen is None:
        return None
    kind, mode = cameo.plover_for(chosen)
    if chosen == entry.code and entry.type:
        kind = entry.type
    if chosen == entry.code and entry.mode:
        mode = entry.mode
    if kind is None:
        return None
    return Coding(chosen, kind, mode, best.source if best else None)


def _load_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        raise NewseventsError(
            f"cannot read event lexicon {path}: {exc}. Check the file exists and is YAML in "
            "the format described at the top of data/events/curated.yml."
        ) from exc
    return data or {}


def _apply(table: dict[str, Entry], spec: dict[str, Any], synsets: dict[str, list[str]],
           source: str) -> None:
    """Add or override entries from a curated-format section."""
    for lemma, value in (spec or {}).items():
        key = str(lemma).lower()
        old = table.get(key, Entry(key, None))
        if value is None:
            table[key] = replace(old, code=None, patterns=())
            continue
        kind = value.get("type")
        if kind and not value.get("code") and "code" not in value:
            value = {**value, "code": cameo.code_for_type(kind.upper())}
        new = old
        if "code" in value:
            new = replace(new, code=str(value["code"]) if value["code"] else None)
        if kind:
            new = replace(new, type=kind.upper())
        if "mode" in value:
            new = replace(new, mode=value["mode"])
        if "victim_subject" in value:
            new = replace(new, victim_subject=bool(value["victim_subject"]))
        extra = tuple(
            _compile(p, synsets, f"{source}:{key}", c) for p, c in value.get("patterns") or ()
        )
        kept = () if value.get("replace_patterns") else new.patterns
        table[key] = replace(new, patterns=extra + kept)


def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The built-in lexicon plus user files (later files override earlier ones), loaded once
    per list of files (``load_lexicon()`` and ``load_lexicon(())`` are the same load)."""
    return _load_lexicon(tuple(extra))


@lru_cache(maxsize=8)
def _load_lexicon(extra: tuple[str, ...]) -> Lexicon:
    base = cameo.EVENTS_DIR
    generated = _load_yaml(base / "cameo_verbs.yml")
    synsets: dict[str, list[str]] = generated.get("synsets") or {}
    lex = Lexicon()
    for block in generated.get("blocks") or ():
        patterns = tuple(
            _compile(p, synsets, f"cameo:{block['name']}", c) for p, c in block["patterns"]
        )
        for lemma, verb_code in block["verbs"].items():
            old = lex.verbs.get(lemma)
            merged = (old.patterns if old else ()) + patterns
            lex.verbs[lemma] = Entry(lemma, verb_code or (old.code if old else None), None,
                                     None, merged)
    files = [base / "curated.yml", *(Path(p) for p in extra)]
    classes: dict[str, set[str]] = {}
    for path in files:
        data = _load_yaml(path)
        _apply(lex.verbs, data.get("verbs") or {}, synsets, path.stem)
        _apply(lex.nouns, data.get("nouns") or {}, synsets, path.stem)
        for name, words in (data.get("classes") or {}).items():
            classes.setdefault(name, set()).update(str(w).lower() for w in words or ())
        lex.settings.update(data.get("settings") or {})
    lex.classes = {name: frozenset(words) for name, words in classes.items()}
    return lex


def lemmas_with_particles(lemma: str, particles: Iterable[str]) -> list[str]:
    """Keys to look up for a verb: ``brush_aside`` before ``brush``."""
    keys = [f"{lemma}_{p.lower()}" for p in particles]
    return keys + [lemma]
