"""Actor and agent dictionaries: named actors with dated codes, generic agent nouns.

Two source formats are read:

* **PETRARCH/TABARI** ``.txt`` files (the Phoenix dictionaries, PETRARCH2's validation
  dictionaries, any user's own). Actors: a name line (``BARACK_OBAMA_  [USAGOV 090120-170120]``),
  synonym lines starting with ``+``, code lines ``[CODE]``, ``[CODE >yymmdd]`` (from),
  ``[CODE <yymmdd]`` (until), ``[CODE yymmdd-yymmdd]``; ``#`` and ``<!-- -->`` comments.
  Agents: ``POLICE {} [~COP]`` (``~XXX`` is appended to an actor's code, ``XXX~`` put
  before it; ``{PLURALS}`` lists irregular plurals), ``!PERSON! = MAN, WOMAN`` substitutions.
  Words are joined by ``_`` or spaces; a phrase ending in ``_`` must match whole words, one
  without a final ``_`` matches the last word as a prefix (``ARGENTIN`` → "Argentina").
* **Our TSV** files (``data/actors/*.tsv``; see their header comments), compiled from the
  Phoenix dictionaries by ``tools/build_actor_dictionary.py`` and extendable by users.

Phrases are matched on normalised word keys (:func:`key`): lower case, accents and dots
removed, so "U.S." and "US", "Peña" and "Pena" match alike.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from newsevents.errors import NewseventsError
from newsevents.paths import DATA_DIR

ACTOR_DATA = DATA_DIR / "actors"

#: three-letter prefixes that are not countries but international/transnational actors
NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "UAF", "INT"})

T = TypeVar("T")

#: sectors of state offices: without a date, a dated office is preferred (see affiliation_on)
OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP"})
NO_DATE_PREFERS_OFFICE = True

_STRIP = re.compile(r"[^\w'&/+]")
_MIN_STEM = 4
#: how many words a phrase index remembers the first- and last-word tests of
_SEEN_WORDS = 1 << 16


@functools.lru_cache(maxsize=1 << 16)
def key(word: str) -> str:
    """The matching key of one word: lower case, no accents, no dots or other punctuation."""
    word = word.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", word.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = _STRIP.sub("", plain)
    # a bare quote mark is skipped like other punctuation; "Workers'" is "workers"
    return stripped if stripped == "'s" else stripped.strip("'")


def phrase_keys(phrase: str) -> list[str]:
    """Word keys of a dictionary phrase written with ``_``, spaces or hyphens between words.

    A possessive is two words, as the tokenizer splits it: "people's" → people, 's."""
    keys: list[str] = []
    for word in re.split(r"[_\s\-]+", phrase):
        k = key(word)
        if k.endswith("'s") and len(k) > 2:
            keys.extend((k[:-2], "'s"))
        elif k:
            keys.append(k)
    return keys


@dataclass(frozen=True)
class Pattern:
    """A phrase to match: word keys; ``stem`` when the last word matches as a prefix."""

    words: tuple[str, ...]
    stem: bool = False

    @classmethod
    def parse(cls, text: str) -> Pattern:
        """Our notation: words separated by spaces, a final ``*`` marks a stem."""
        stem = text.endswith("*")
        return cls(tuple(phrase_keys(text.rstrip("*"))), stem)

    def __str__(self) -> str:
        return " ".join(self.words) + ("*" if self.stem else "")


class _WordTests(dict[str, tuple[int, bool, bool]]):
    """word → (the longest phrase that may begin with it, whether a phrase may end with
    it, whether a stem may end with it), worked out on first use from the index's first
    and last words (a plain dictionary lookup afterwards)."""

    def __init__(self, firsts: dict[str, int], lasts: set[str]) -> None:
        super().__init__()
        self.firsts = firsts
        self.lasts = lasts

    def __missing__(self, word: str) -> tuple[int, bool, bool]:
        stem = "#" + word[:3]
        tests = (max(self.firsts.get(word, 0), self.firsts.get(stem, 0)),
                 word in self.lasts or stem in self.lasts, stem in self.lasts)
        if len(self) >= _SEEN_WORDS:
            self.clear()
        self[word] = tests
        return tests


class PhraseIndex(Generic[T]):
    """Longest-match lookup of word-key sequences; exact phrases and last-word stems."""

    def __init__(self) -> None:
        self.exact: dict[tuple[str, ...], T] = {}
        self.stems: dict[tuple[tuple[str, ...], str], list[tuple[str, T]]] = {}
        self.max_len = 0
        #: first words of phrases (for a one-word stem: its first three letters, "#"-marked)
        self._firsts: dict[str, int] = {}
        #: last words of phrases, likewise: lets callers skip words no phrase ends with
        self._lasts: set[str] = set()
        self._tests = _WordTests(self._firsts, self._lasts)

    def may_start(self, word: str) -> bool:
        """Could a phrase begin with ``word``? (A fast test before :meth:`match`.)"""
        return self._tests[word][0] > 0

    def _longest_from(self, word: str) -> int:
        return self._tests[word][0]

    def may_end(self, word: str) -> bool:
        """Could a phrase end with ``word``? (A fast test before :meth:`get`.)"""
        return self._tests[word][1]

    def add(self, pattern: Pattern, value: T, replace: bool = False) -> None:
        words = pattern.words
        if not words:
            return
        self._tests.clear()
        self.max_len = max(self.max_len, len(words))
        stem = pattern.stem and len(words[-1]) >= _MIN_STEM
        first = "#" + words[0][:3] if stem and len(words) == 1 else words[0]
        self._firsts[first] = max(self._firsts.get(first, 0), len(words))
        self._lasts.add("#" + words[-1][:3] if stem else words[-1])
        if stem:
            bucket = self.stems.setdefault((words[:-1], words[-1][:3]), [])
            if replace:
                bucket[:] = [item for item in bucket if item[0] != words[-1]]
            bucket.append((words[-1], value))
        elif replace or words not in self.exact:
            self.exact[words] = value

    def discard(self, pattern: Pattern, value: T) -> None:
        """Forget ``pattern`` if it still leads to ``value``."""
        words = pattern.words
        stem = pattern.stem and len(words[-1]) >= _MIN_STEM
        if not stem:
            if self.exact.get(words) == value:
                del self.exact[words]
            return
        bucket = self.stems.get((words[:-1], words[-1][:3]))
        if bucket:
            bucket[:] = [item for item in bucket if item != (words[-1], value)]

    def match(
        self, keys: Sequence[str], start: int, last_alt: Sequence[str] | None = None
    ) -> tuple[int, T] | None:
        """Longest phrase starting at ``keys[start]``: ``(length, value)`` or None.

        ``last_alt`` optionally gives another key per position (e.g. the lemma) tried for the
        last word of a phrase, so singular patterns match plural nouns.
        """
        tests = self._tests
        longest = tests[keys[start]][0]
        if not longest and last_alt is not None and last_alt[start] and tests[last_alt[start]][0]:
            longest = 1  # a one-word phrase through the alternative key ("Libyans": libyan)
        if not longest:
            return None  # (most words begin no phrase)
        for length in range(min(longest, len(keys) - start), 0, -1):
            last = start + length - 1
            alt = last_alt[last] if last_alt is not None else ""
            if not tests[keys[last]][1] and not (alt and tests[alt][1]):
                continue  # no phrase ends with this word
            words = tuple(keys[start : start + length])
            found = self._lookup(words)
            if found is None and alt and alt != words[-1]:
                found = self._lookup(words[:-1] + (alt,))
            if found is not None:
                return length, found
        return None

    def get(self, words: Sequence[str], last_alt: str | None = None) -> T | None:
        """The value of exactly ``words`` (or with ``last_alt`` as the last word)."""
        words = tuple(words)
        if not words:
            return None
        if not self.may_end(words[-1]) and not (last_alt and self.may_end(last_alt)):
            return None
        alt = words[:-1] + (last_alt,) if last_alt and last_alt != words[-1] else None
        if words in self.exact:
            return self.exact[words]
        if alt is not None and alt in self.exact:
            return self.exact[alt]
        found = self._lookup(words)
        if found is None and alt is not None:
            found = self._lookup(alt)
        return found

    def _lookup(self, words: tuple[str, ...]) -> T | None:
        if words in self.exact:
            return self.exact[words]
        last = words[-1]
        if not self._tests[last][2]:
            return None  # no stem ends like this word
        best: tuple[int, T] | None = None
        for stem, value in self.stems.get((words[:-1], last[:3]), ()):
            # the longest stem wins: a user's "security officials*" over "security official*"
            if last.startswith(stem) and (best is None or len(stem) > best[0]):
                best = (len(stem), value)
        return best[1] if best is not None else None


@dataclass(frozen=True)
class Affiliation:
    """One dated code of an actor; open ends are None."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    def valid_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def as_dict(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


@dataclass
class DictActor:
    """A named actor from a dictionary: canonical id, display name, dated codes."""

    id: str
    name: str
    affiliations: list[Affiliation] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)

    def country_only(self) -> bool:
        """Are all its codes a bare country (a state, under names of several periods)?"""
        codes = [a.code for a in self.affiliations if a.code]
        return bool(codes) and all(
            split_code(c)[1] is None and split_code(c)[0] for c in codes)

    def affiliation_on(
        self, day: dt.date | None, sector: str | None = None
    ) -> Affiliation | None:
        """The code valid on ``day``: a dated match first, then the undated default.

        ``sector`` (from a title in the text: "President X" → GOV) picks, among the codes
        with that sector, the one valid on ``day`` (any, without a day), the latest first.
        Without a date, a dated office (GOV, MIL, LEG, JUD, COP) beats an undated code:
        a name in the news usually stands for the office its holder held (measured on the
        PLOVER GSR records, whose dates are unknown: GOV is their code for leaders
        Phoenix lists as ELI with dated GOV terms).
        """
        coded = [a for a in self.affiliations if a.code]
        if sector is not None:
            titled = [a for a in coded if split_code(a.code)[1] == sector
                      and (day is None or a.valid_on(day) or not a.dated)]
            if titled:
                return max(titled, key=lambda a: a.start or dt.date.min)
        if day is not None:
            dated = [a for a in coded if a.dated and a.valid_on(day)]
            if dated:
                return max(dated, key=lambda a: a.start or dt.date.min)
        elif NO_DATE_PREFERS_OFFICE:
            offices = [a for a in coded if a.dated and split_code(a.code)[1] in OFFICE_SECTORS]
            if offices:
                return max(offices, key=lambda a: a.start or dt.date.min)
        undated = [a for a in coded if not a.dated]
        if undated:
            return undated[0]
        if day is None and coded:
            return max(coded, key=lambda a: a.start or dt.date.min)
        return self._outside_terms(coded, day, sector)

    @staticmethod
    def _outside_terms(
        coded: list[Affiliation], day: dt.date | None, sector: str | None
    ) -> Affiliation | None:
        """On a day outside every dated code: the nearest code's country, with the title's
        office (``sector``) or, for an office holder, ELI (Phoenix's code for people
        before and after office). A person keeps their country outside the dictionary's
        terms: "Vice-President Moody Awori" (KENGOV 2003-2008) in a 2000 story is still
        Kenyan, "Andreas Papandreou" after his last term a Greek elite."""
        if day is None or not coded:
            return None

        def distance(a: Affiliation) -> int:
            if a.end is not None and a.end <= day:
                return (day - a.end).days
            return ((a.start or day) - day).days

        near = min(coded, key=distance)
        country, own = split_code(near.code)
        if country is None:
            return None
        if sector is None:
            sector = "ELI" if own in OFFICE_SECTORS or own == "ELI" else own
        return Affiliation(f"{country}{sector or ''}", near.start, near.end)


@dataclass
class ActorDictionary:
    """Named actors and the phrase index that finds them."""

    actors: dict[str, DictActor] = field(default_factory=dict)
    index: PhraseIndex[str] = field(default_factory=PhraseIndex)

    def add(self, actor: DictActor, replace: bool = False) -> None:
        self._by_ends = self._by_start = None
        known = self.actors.get(actor.id)
        if known is not None and replace:
            # the new entry replaces the old one, names too (Phoenix's "youth" for the
            # Basque group Gazteriak goes when a hand-written row leaves it out)
            for pattern in known.patterns:
                if pattern not in actor.patterns:
                    self.index.discard(pattern, actor.id)
        if known is None or replace:
            self.actors[actor.id] = actor
        else:
            known.affiliations.extend(actor.affiliations)
            known.patterns.extend(actor.patterns)
        for pattern in actor.patterns:
            self.index.add(pattern, actor.id, replace=replace)

    def update(self, other: ActorDictionary) -> None:
        """Add ``other``'s actors; its phrases take precedence over ours (user files)."""
        for actor in other.actors.values():
            self.add(actor, replace=True)

    _by_ends: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] | None = field(
        default=None, init=False, repr=False)

    def fuller_name(self, words: Sequence[str]) -> str | None:
        """The one actor with a longer name that has ``words`` in order, with the same first
        and last word: "Omar Hassan al-Bashir" → OMAR_HASSAN_AHMAD_AL_BASHIR. None when no
        actor or several do (names of two words or more only)."""
        words = tuple(words)
        if len(words) < 2:
            return None
        if self._by_ends is None:
            self._by_ends = {}
            for ident, actor in self.actors.items():
                for pattern in actor.patterns:
                    if len(pattern.words) > 2 and not pattern.stem:
                        self._by_ends.setdefault(
                            (pattern.words[0], pattern.words[-1]), []).append(
                            (pattern.words, ident))
        found = set()
        for name, ident in self._by_ends.get((words[0], words[-1]), ()):
            rest = iter(name)
            if len(name) > len(words) and all(w in rest for w in words):
                found.add(ident)
        return found.pop() if len(found) == 1 else None

    #: a name's words but the last → (its last word, actor id), names of two words or more
    _by_start: dict[tuple[str, ...], list[tuple[str, str]]] | None = field(
        default=None, init=False, repr=False)

    def misspelt_name(self, words: Sequence[str]) -> str | None:
        """The one actor whose name differs from ``words`` by one letter in its last word
        (of six letters or more), the other words equal: "Francois Mitterand" →
        FRANCOIS_MITTERRAND. None when no actor or several do."""
        words = tuple(words)
        if len(words) < 2 or len(words[-1]) < 6:
            return None
        if self._by_start is None:
            self._by_start = {}
            for ident, actor in self.actors.items():
                for pattern in actor.patterns:
                    if len(pattern.words) >= 2 and not pattern.stem:
                        self._by_start.setdefault(pattern.words[:-1], []).append(
                            (pattern.words[-1], ident))
        found = {ident for last, ident in self._by_start.get(words[:-1], ())
                 if _one_edit(last, words[-1])}
        return found.pop() if len(found) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` differ by exactly one inserted, deleted or replaced letter?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


@dataclass(frozen=True)
class Agent:
    """A generic agent noun: its code as written (``~COP``, ``NGO~``) and PLOVER sector."""

    phrase: str
    code: str
    sector: str | None


@dataclass
class AgentDictionary:
    index: PhraseIndex[Agent] = field(default_factory=PhraseIndex)

    def update(self, other: AgentDictionary) -> None:
        for words, agent in other.index.exact.items():
            self.index.add(Pattern(words), agent, replace=True)
        for (prefix, _), items in other.index.stems.items():
            for stem, agent in items:
                self.index.add(Pattern(prefix + (stem,), True), agent, replace=True)


# ---------------------------------------------------------------- codes and sectors


@functools.lru_cache(maxsize=1)
def sector_map() -> dict[str, str]:
    """CAMEO three-letter role codes → PLOVER sector (``data/actors/sectors.tsv``)."""
    mapping: dict[str, str] = {}
    for row in _tsv_rows(ACTOR_DATA / "sectors.tsv"):
        mapping[row[0]] = row[1]
    return mapping


@functools.lru_cache(maxsize=1)
def country_code_map() -> dict[str, str | None]:
    """CAMEO country-position codes → ISO 3166 alpha-3, None for regions
    (``data/actors/country_codes.tsv``: ``SCG`` → SRB, ``TMP`` → TLS, ``WAF`` → None)."""
    mapping: dict[str, str | None] = {}
    for row in _tsv_rows(ACTOR_DATA / "country_codes.tsv"):
        mapping[row[0]] = None if row[1] == "-" else row[1]
    return mapping


@functools.lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    """The country codes of ``data/actors/countries.tsv`` (ISO alpha-3, with historic)."""
    return frozenset(row[0] for row in _tsv_rows(ACTOR_DATA / "countries.tsv"))


def iso_country(code: str | None) -> str | None:
    """The ISO alpha-3 country of a CAMEO country code (None for a region)."""
    if code is None:
        return None
    return country_code_map().get(code, code)


def split_code(code: str) -> tuple[str | None, str | None]:
    """``USAGOV`` → ("USA", "GOV"); ``IGOUNO`` → (None, "IGO"); ``MEX`` → ("MEX", None).

    The first three letters are the country unless they are a known sector or an
    international prefix; the sector is the first known role code after it. The country
    is given in ISO 3166 alpha-3 (:func:`iso_country`: ``SCGGOV`` → SRB, ``WAFREB`` → no
    country: West Africa is a region).
    """
    code = code.strip().upper()
    agent = code.startswith("~")
    code = code.lstrip("~").rstrip("~")
    if not code or not code[:3].isalpha():
        return None, None
    sectors = sector_map()
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    country: str | None = None
    if chunks[0] in sectors and not agent and chunks[0] in _country_codes():
        # CIV, MUS, SUN are both a country and a role code: an actor's code that does
        # not start with "~" begins with its country (CIVGOV: Côte d'Ivoire's government)
        country, rest = iso_country(chunks[0]), chunks[1:]
    elif chunks[0] in NON_STATE_PREFIXES or chunks[0] in sectors:
        rest = chunks
    else:
        country, rest = iso_country(chunks[0]), chunks[1:]
    for chunk in rest:
        if chunk in sectors:
            return country, sectors[chunk]
        if chunk in NON_STATE_PREFIXES:
            return country, sectors.get(chunk, chunk)
    return country, None


def compose_code(country: str | None, agent_code: str | None, sector: str | None) -> str | None:
    """PETRARCH's agent composition: a country code with an agent's code.

    ``~XXX`` is appended (DAG + ``~GOVFRM`` → ``DAGGOVFRM``), ``XXX~`` put before
    (``NGO~`` + USA → ``NGOUSA``); without an agent code, country + sector (``USALEG``).
    """
    agent = (agent_code or "").strip().upper()
    if agent.startswith("~") and agent[1:].isalpha():
        return f"{country or ''}{agent[1:]}"
    if agent.endswith("~") and agent[:-1].isalpha():
        return f"{agent[:-1]}{country or ''}"
    return f"{country or ''}{sector or ''}" or None


def has_country_slot(code: str) -> bool:
    """Does ``code`` leave its country position open to a country from the text?

    True for an agent-like code that starts with a sector (``LEG`` "Congress", ``GOV``
    "cabinet") or with a region (``WAFREB``); False for a state's own code (``USAGOV``)
    and for international/transnational prefixes (``IGOUNO``, ``NGO``, ``MNC``).
    """
    first = code.strip().upper().lstrip("~")[:3]
    if not first.isalpha() or first in NON_STATE_PREFIXES:
        return False
    if first in sector_map():
        return sector_map()[first] not in ("IGO", "NGO", "BUS")
    return first in country_code_map() and country_code_map()[first] is None


# ---------------------------------------------------------------- PETRARCH format

_COMMENT_BLOCK = re.compile(r"<!\s*-*.*?-->", re.S)
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_DATE = re.compile(r"^(\d{6}|\d{8})$")
#: the last two-digit year read as 20xx (see :func:`_petrarch_date`)
CENTURY_PIVOT = 30


def _petrarch_date(text: str) -> dt.date:
    """``090120`` → 2009-01-20, ``370101`` → 1937-01-01, ``20090120`` likewise.

    Two-digit years up to :data:`CENTURY_PIVOT` are 20xx: the Phoenix dictionaries
    (compiled by 2016) write births of the 1930s as ``310101``..``400101``, which a pivot
    at 40 made 2031..2040 (a term "from 2037 to 1981" that never held).
    """
    if len(text) == 8:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    year = int(text[:2])
    year += 2000 if year <= CENTURY_PIVOT else 1900
    return dt.date(year, int(text[2:4]), int(text[4:]))


def parse_code_block(block: str) -> Affiliation | None:
    """One ``[...]`` block: ``CODE``, ``CODE >d``, ``CODE <d``, ``CODE d-d`` (spaces free)."""
    text = block.strip()
    match = re.match(r"^([^\s<>\d][^\s<>]*)?\s*(.*)$", text)
    if match is None:
        return None
    code = (match.group(1) or "").strip()
    if not code or set(code) <= set("-+#*"):
        code = ""
    when = re.sub(r"\s+", "", match.group(2))
    start = end = None
    try:
        if when.startswith(">"):
            start = _petrarch_date(when[1:])
        elif when.startswith("<"):
            end = _petrarch_date(when[1:])
        elif "-" in when:
            first, last = when.split("-", 1)
            if _DATE.match(first) and _DATE.match(last):
                start, end = _petrarch_date(first), _petrarch_date(last)
    except ValueError:
        return None
    return Affiliation(code, start, end)


def _petrarch_lines(text: str) -> Iterator[tuple[str, bool]]:
    """Content lines without comments; the flag says whether the line was indented."""
    text = _COMMENT_BLOCK.sub("", text)
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.strip():
            yield line.strip(), raw[:1] in (" ", "\t")


def _petrarch_pattern(phrase: str) -> Pattern | None:
    phrase = phrase.strip()
    # a name cut before its "(ACRONYM)" ends in a whole word: "CHINA_(PRC)" is "china",
    # not the stem "china*" ("Chinatown")
    stem = not phrase.endswith("_") and not _PAREN.search(phrase)
    words = phrase_keys(_PAREN.sub("", phrase))
    if not words:
        return None
    return Pattern(tuple(words), stem and len(words[-1]) >= _MIN_STEM)


#: a parenthesised part of a dictionary name ("..._FRONT_(MILF)", "TODOROV_(ACTING")
_PAREN = re.compile(r"[_\s]*\(([^()]*?)(?:\)|$)")


def _petrarch_patterns(phrase: str) -> list[Pattern]:
    """The name without its parenthesised part, and that part when it is the name's
    acronym: "MORO_ISLAMIC_LIBERATION_FRONT_(MILF)" → "moro islamic liberation front*",
    "milf" (the text rarely writes both: "Liberation Tigers of Tamil Eelam" never matched
    "liberation tigers of tamil eelam ltte")."""
    main = _petrarch_pattern(phrase)
    if main is None:
        return []
    patterns = [main]
    initials = "".join(w[0] for w in main.words)
    for inner in _PAREN.findall(phrase):
        acronym = key(inner)
        rest = iter(initials)
        if 3 <= len(acronym) <= 8 and acronym.isalpha() and all(c in rest for c in acronym):
            patterns.append(Pattern((acronym,)))
    return patterns


def _display_name(phrase: str) -> str:
    words = [w for w in re.split(r"[_\s]+", phrase.strip()) if w]
    return " ".join(w if not w.isupper() else w.title() for w in words)


def parse_petrarch_actors(text: str) -> ActorDictionary:
    """Parse the text of a PETRARCH actor dictionary."""
    dictionary = ActorDictionary()
    current: DictActor | None = None

    def finish() -> None:
        if current is not None and current.patterns:
            dictionary.add(current)

    for line, indented in _petrarch_lines(text):
        if line.startswith("+"):
            if current is not None:
                current.patterns.extend(_petrarch_patterns(line[1:].split("[", 1)[0]))
            continue
        blocks = _CODE_BLOCK.findall(line)
        name = line.split("[", 1)[0].strip()
        if line.startswith("[") or (indented and not name):
            if current is not None:
                current.affiliations.extend(a for a in map(parse_code_block, blocks) if a)
            continue
        finish()
        ident = re.sub(r"[\s_]+", "_", name.strip().strip("_")).upper()
        current = DictActor(ident, _display_name(_PAREN.sub("", name)), [],
                            _petrarch_patterns(name))
        current.affiliations.extend(a for a in map(parse_code_block, blocks) if a)
    finish()
    return dictionary


def parse_petrarch_agents(text: str) -> AgentDictionary:
    """Parse the text of a PETRARCH agents dictionary (with ``!X! = A, B`` substitutions)."""
    agents = AgentDictionary()
    substitutions: dict[str, list[str]] = {}
    for line, _ in _petrarch_lines(text):
        sub = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if sub:
            substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",")]
            continue
        blocks = _CODE_BLOCK.findall(line)
        if not blocks:
            continue
        code = blocks[0].strip().split()[0] if blocks[0].strip() else ""
        head = line.split("[", 1)[0]
        plurals = re.findall(r"\{([^}]*)\}", head)
        phrase = re.sub(r"\{[^}]*\}", "", head).strip()
        forms = [phrase] + [p for group in plurals for p in group.split(",") if p.strip()]
        sector = split_code(code)[1]
        for form in forms:
            for expanded in _expand(form.strip(), substitutions):
                pattern = _petrarch_pattern(expanded)
                if pattern:
                    agents.index.add(pattern, Agent(expanded.strip("_ "), code, sector))
    return agents


def _expand(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    match = re.search(r"![A-Z]+!", phrase)
    if match is None:
        return [phrase]
    out: list[str] = []
    for choice in substitutions.get(match.group(0), []):
        out.extend(_expand(phrase.replace(match.group(0), choice, 1), substitutions))
    return out


# ---------------------------------------------------------------- our TSV format


def _tsv_rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def _iso_date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def read_actor_tsv(path: Path) -> ActorDictionary:
    """Our actor TSV: ``id  code  start  end  names`` (names ``|``-separated patterns)."""
    dictionary = ActorDictionary()
    for row in _tsv_rows(path):
        row += [""] * (5 - len(row))
        ident, code, start, end, names = row[:5]
        patterns = [Pattern.parse(n) for n in names.split("|") if n.strip()]
        name = names.split("|", 1)[0].rstrip("*").title() if names else ident
        affiliation = Affiliation(code, _iso_date(start), _iso_date(end))
        dictionary.add(DictActor(ident, name, [affiliation], patterns))
    return dictionary


def read_agent_tsv(path: Path) -> AgentDictionary:
    """Our agent TSV: ``pattern  code`` (``~COP`` appends, ``NGO~`` prefixes)."""
    agents = AgentDictionary()
    for row in _tsv_rows(path):
        pattern, code = row[0], row[1] if len(row) > 1 else ""
        agents.index.add(
            Pattern.parse(pattern), Agent(pattern.rstrip("*"), code, split_code(code)[1]), True
        )
    return agents


def write_actor_tsv(dictionary: ActorDictionary, path: Path, header: str) -> int:
    """Write ``dictionary`` in our TSV format; returns the number of rows."""
    rows = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        for actor in dictionary.actors.values():
            names = "|".join(dict.fromkeys(str(p) for p in actor.patterns))
            for n, aff in enumerate(actor.affiliations or [Affiliation("")]):
                start = aff.start.isoformat() if aff.start else ""
                end = aff.end.isoformat() if aff.end else ""
                out.write(f"{actor.id}\t{aff.code}\t{start}\t{end}\t{names if n == 0 else ''}\n")
                rows += 1
    return rows


def write_agent_tsv(agents: AgentDictionary, path: Path, header: str) -> int:
    rows = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        for words, agent in agents.index.exact.items():
            out.write(f"{' '.join(words)}\t{agent.code}\n")
            rows += 1
        for (prefix, _), items in agents.index.stems.items():
            for stem, agent in items:
                out.write(f"{' '.join(prefix + (stem,))}*\t{agent.code}\n")
                rows += 1
    return rows


# ---------------------------------------------------------------- public loaders


def load_dictionary(path: str | Path) -> ActorDictionary:
    """Load an actor dictionary: our ``.tsv`` format or a PETRARCH ``.txt`` file."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".tsv":
            return read_actor_tsv(path)
        return parse_petrarch_actors(path.read_text(encoding="utf-8", errors="replace"))
    except OSError as exc:
        raise NewseventsError(f"cannot read actor dictionary {path}: {exc}") from exc


def load_petrarch_agents(path: str | Path) -> AgentDictionary:
    """Load a generic-agents dictionary: PETRARCH ``.txt`` format or our ``.tsv``."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".tsv":
            return read_agent_tsv(path)
        return parse_petrarch_agents(path.read_text(encoding="utf-8", errors="replace"))
    except OSError as exc:
        raise NewseventsError(f"cannot read agents dictionary {path}: {exc}") from exc


@functools.lru_cache(maxsize=8)
def actors_for(paths: tuple[str, ...] = ()) -> ActorDictionary:
    """The built-in actor dictionary plus the user files ``paths`` (theirs win)."""
    if paths:
        merged = ActorDictionary()
        merged.update(actors_for(()))
        for path in paths:
            merged.update(load_dictionary(path))
        return merged
    dictionary = read_actor_tsv(ACTOR_DATA / "actors.tsv")
    dictionary.update(read_actor_tsv(ACTOR_DATA / "actors_extra.tsv"))
    return dictionary


@functools.lru_cache(maxsize=8)
def agents_for(paths: tuple[str, ...] = ()) -> AgentDictionary:
    """The built-in agents dictionary plus the user files ``paths`` (theirs win)."""
    if paths:
        merged = AgentDictionary()
        merged.update(agents_for(()))
        for path in paths:
            merged.update(load_petrarch_agents(path))
        return merged
    agents = read_agent_tsv(ACTOR_DATA / "agents.tsv")
    agents.update(read_agent_tsv(ACTOR_DATA / "agents_extra.tsv"))
    return agents


def iter_codes(dictionary: ActorDictionary) -> Iterable[str]:
    """Every code used in ``dictionary`` (for checks and reports)."""
    for actor in dictionary.actors.values():
        for aff in actor.affiliations:
            if aff.code:
                yield aff.code
