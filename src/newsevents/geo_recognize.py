"""Find toponyms in a parsed article: spaCy's GPE/LOC entities plus gazetteer names with
place evidence in their context.

spaCy's small model tags many real places as ORG, PERSON or NORP ("Guerrero" ORG,
"Michoacan" NORP) and misses abbreviations ("Ky."). A capitalised gazetteer name that spaCy
did not call a place is kept only with evidence: a trigger before it ("the states of",
"in", "near"), a place word after it ("X County", "Washington state"), a "X, Y" pair with
a known place, or a list whose other members are places. A name the document also uses as
a person ("Obama", "Jackson") is dropped unless the trigger evidence is strong.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsevents import token_attrs
from newsevents.gazetteer import Gazetteer, fold, load_rules

PLACE_LABELS = {"GPE", "LOC"}
#: entity labels that make an unsupported gazetteer name doubtful
DOUBT_LABELS = {"PERSON", "NORP", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}
MAX_TOKENS = 4
#: capitalised division nouns that still mark the name before them ("Kent County")
#: prepositions that put a thing inside a place: after one, a name spaCy calls an
#: organisation is a town ("in Lombard"); "at", "to" and "from" also take companies
INSIDE_PREPOSITIONS = {"in", "near", "outside", "throughout", "around", "across"}
#: entities that may be named after a place ("Mansfield Police Department")
HOST_LABELS = {"ORG", "FAC"}


@dataclass
class Mention:
    """A toponym found in the text, with what its context says about it."""

    start: int
    end: int
    text: str
    from_entity: bool
    want: str | None = None  # precision a trigger asks for: city | admin1 | country
    container: Mention | None = None  # "Iguala, Guerrero": Guerrero contains Iguala
    siblings: list[Mention] = field(default_factory=list)  # the other members of a list
    sentence_start: int = 0
    any_case: bool = False  # look up ignoring the all-capitals rule (a dateline)
    #: a local feature the gazetteer does not list: "S" a street (placed at its town),
    #: "R" a highway ("Blue Ridge Parkway"), "H" water (river, lake), "T" terrain
    #: (mountain), "X" a place entity of unknown kind ("Tskhinvali", "Holopaw")
    local: str | None = None


@lru_cache(maxsize=1)
def _word_sets() -> dict[str, frozenset[str]]:
    rules = load_rules()
    return {key: frozenset(value) for key, value in rules.items() if isinstance(value, list)}


def _text(span: Span) -> str:
    """``span.text``, sliced from the document text (spaCy joins the span's tokens)."""
    return token_attrs.text(span.doc)[span.start_char : span.end_char]


def _strip_article(span: Span) -> Span:
    """'the United States' → 'United States' unless the gazetteer needs the article."""
    if len(span) > 1 and span[0].lower_ == "the":
        return span[1:]
    return span


def _is_name_token(token: Token) -> bool:
    text = token.text
    return bool(text[:1].isupper()) or (text in {"-", "'", "’", "."} and token.i > 0)


def _person_names(doc: Doc, gaz: Gazetteer) -> set[str]:
    """Surface words the document uses inside PERSON names ("Obama", "Wayne").

    A lone PERSON that is a country name ("Mali", "Malawi"), a national capital
    ("Tbilisi") or a big place right after a place preposition ("to Abha") is the small
    model's mistake, not a person."""
    as_person: dict[str, float] = defaultdict(float)  # lone names weigh half
    as_place: Counter[str] = Counter()
    towns: set[str] = set()
    surnames: set[str] = set()
    words = _word_sets()
    for ent in token_attrs.entities(doc):
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].lower_ in (
            words["institution_nouns"] | words["resident_nouns"]
        ) and gaz.known(_text(ent[:-1])):
            towns.add(_text(ent[:-1]))  # "Alexandria Police" tagged PERSON
        elif ent.label_ == "PERSON" and len(ent) > 1:
            for word in token_attrs.texts(doc)[ent.start : ent.end]:
                if word[:1].isupper():
                    as_person[word] += 1
            last = ent[-1]
            if last.is_title and ent[0].is_title and not _major(gaz, last.text):
                surnames.add(last.text)  # "Seergeoh Villanueva" ... "Deen and Villanueva"
        elif ent.label_ == "PERSON":
            if _country_name(gaz, _text(ent)) or _capital(gaz, _text(ent)) or (
                ent.start > 0 and doc[ent.start - 1].lower_ in _word_sets()["place_prepositions"]
                and _major(gaz, _text(ent))
            ):
                continue
            if _resident_after(doc, ent.end) and gaz.known(_text(ent)):
                towns.add(_text(ent))  # "Alexandria woman", "Roswell police": a town's people
                continue
            as_person[_text(ent)] += 0.5  # a lone "Noma" is weaker evidence than "Barack Obama"
        elif ent.label_ in PLACE_LABELS:
            as_place[_text(ent)] += 1
    # majority: one odd "Rethinking Egypt" PERSON does not outvote ten "Egypt" GPEs; a
    # small town's name that is someone's surname here is that person
    majority = {name for name, n in as_person.items() if n > as_place[name]}
    return majority | (surnames - towns) | _speakers(doc, gaz)


def _speakers(doc: Doc, gaz: Gazetteer) -> set[str]:
    """Lone names used as people: before a speech verb ("Petrova said", "Hopkins told")
    or after a title ("coach Ripley", "Sen. Warner"); not countries and big cities,
    which speak for their governments ("Moscow says")."""
    words = _word_sets()
    names = set()
    texts = token_attrs.texts(doc)  # strings, not a Token object per word
    lowers = token_attrs.lowers(doc)
    size = len(texts)
    for i, text in enumerate(texts):
        if not (text.istitle() and text.isalpha()):
            continue
        prev = lowers[i - 1] if i > 0 else None
        after = i + 1 < size
        before_verb = after and lowers[i + 1] in words["speech_verbs"] and not (
            prev is not None and prev in words["place_prepositions"]
        )  # "police in Sevierville said"
        titled = prev is not None and prev in words["person_titles"] and not (
            after and texts[i + 1][:1].isupper()
        )  # "coach Ripley", not "Chief Kanawha Circuit Judge"
        if (before_verb or titled) and gaz.known(text) and not _major(gaz, text):
            names.add(text)
    return names


def _resident_after(doc: Doc, end: int) -> bool:
    """A lower-case resident noun right after a name ("Alexandria woman")."""
    return end < len(doc) and doc[end].text.islower() and (
        doc[end].lower_ in _word_sets()["resident_nouns"]
    )


#: "Rebecca Sears, 41, of Grovetown", "said Amstutz, of Wooster": a person's home town
HOME_TOWN = re.compile(r"(?:\b\d{1,3}|[a-z]\b|[A-Z][a-z]+),\s+of\s+$")


def _previous_words(doc: Doc, start: int, n: int = 3) -> list[str]:
    return token_attrs.lowers(doc)[max(0, start - n) : start]


def _trigger_want(doc: Doc, span: Span) -> tuple[bool, str | None]:
    """(evidence, precision asked) from the words before and after a candidate."""
    words = _word_sets()
    texts, lowers = token_attrs.texts(doc), token_attrs.lowers(doc)
    before = _previous_words(doc, span.start)
    after = lowers[span.end] if span.end < len(doc) else ""
    if after and not texts[span.end].islower() and after not in words["named_divisions"]:
        after = ""  # "Mississippi State", "Kansas City": a longer name, not a trigger
    want = None
    evidence = False
    # "the states of Guerrero", "the city of Iguala"; skip a determiner or list comma
    first = span.start - len(before)
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        if word in {"the", ",", "and", "of"}:
            continue
        if not texts[first + i].islower():
            break  # "City Council", "County Police": part of a name, not a trigger
        if word in words["admin1_nouns"]:
            return True, "admin1"
        if word in words["city_nouns"]:
            return True, "city"
        if word in words["country_nouns"]:
            return True, "country"
        break
    # "in Niger", "in western Niger": a preposition, perhaps before a direction adjective
    lead = [w for w in before if w not in words["name_prefixes"] or w == "the"]
    if before and lead and before[-1] in words["name_prefixes"] | words["place_prepositions"]:
        if lead[-1] in words["place_prepositions"]:
            evidence = True
    if len(before) >= 2 and before[-1] == "of" and before[-2] in words["direction_words"]:
        evidence = True  # "85 kilometres south of Niamey", "on the outskirts of Aden"
    listed = _listed_division(doc, span.start, span.end)
    if listed is not None:
        return True, listed
    if after in words["admin1_nouns"]:
        return True, "admin1"
    if after in words["city_nouns"]:
        return True, "city"
    if after in words["resident_nouns"]:
        evidence = True
    return evidence, want


#: plural division nouns closing a list of names ("Barrow, Jackson and Madison counties")
LIST_DIVISIONS = {"counties": "admin2", "parishes": "admin2", "boroughs": "admin2",
                  "states": "admin1", "provinces": "admin1", "governorates": "admin1",
                  "townships": "city", "towns": "city", "cities": "city", "villages": "city"}
MAX_LIST_TOKENS = 16


def _listed_division(doc: Doc, start: int, end: int) -> str | None:
    """The precision a plural division noun after a list of names gives each of them:
    "Harvey, Harper and Kingman counties" → admin2 for Harvey and Harper too."""
    texts = token_attrs.texts(doc)
    i = end
    while i < len(doc) and i - end <= MAX_LIST_TOKENS:
        word = texts[i]
        if word in {",", "and", "or", "-", "."} or word[:1].isupper():
            i += 1
            continue
        if i == end and not (start >= 1 and texts[start - 1] in {",", "and", "or"}):
            return None  # "Indiana counties", "the metro Athens counties": no list
        # also the last member: "and Kingman counties"
        return LIST_DIVISIONS.get(token_attrs.lowers(doc)[i])
    return None


def _candidates(doc: Doc, gaz: Gazetteer, text: str) -> list[tuple[Span, bool]]:
    """Spans to consider: entities first, then longest gazetteer names elsewhere.

    ``text`` is ``doc.text``; token texts and offsets are read once per document (a
    span's text is the slice of ``text`` it covers), not rebuilt per candidate span.
    """
    out: list[tuple[Span, bool]] = []
    size = len(doc)
    taken = [False] * size
    for ent in token_attrs.entities(doc):
        if ent.label_ in PLACE_LABELS:
            span = _known_part(_strip_article(ent), gaz)
            if span is None:
                continue  # "Gun" of "Gun Barrel City": the name scan below may do better
            out.append((span, True))
            for j in range(span.start, span.end):
                taken[j] = True
    texts = token_attrs.texts(doc)
    offsets = token_attrs.starts(doc)
    caps = token_attrs.capitalised(doc)
    name_like = [
        cap or (word in {"-", "'", "’", "."} and i > 0)
        for i, (word, cap) in enumerate(zip(texts, caps, strict=True))
    ]  # _is_name_token per token
    i = 0
    for candidate in [k for k, cap in enumerate(caps) if cap]:
        if candidate < i:
            continue  # inside a name found before
        i = candidate
        if taken[i]:
            continue
        # the longest run of name-like tokens not taken here, then shorter ones
        run = 1
        while run < MAX_TOKENS and i + run < size and name_like[i + run] and not taken[i + run]:
            run += 1
        match = None
        for end in range(i + run, i, -1):
            if texts[end - 1] in {"-", "'", "’"}:
                continue
            if gaz.known(text[offsets[i] : offsets[end - 1] + len(texts[end - 1])]):
                match = doc[i:end]
                break
        if match is None:
            continue
        out.append((match, False))
        i = match.end
    return out


def _known_part(span: Span, gaz: Gazetteer) -> Span | None:
    """The place name inside a place entity: the entity itself when the gazetteer knows
    it, else its longest known run of tokens that has only qualifiers before it and
    division or institution nouns after it ("St. Petersburg" of "St. Petersburg's",
    "Kermanshah" of "Kermanshah province", "Texas" of "East Texas", "Henrico County" of
    "Henrico County Police"; not "Mississippi" of "Mississippi River"). ``None`` when no
    part is known."""
    while len(span) > 1 and span[-1].text in {"'s", "’s", "'", "’"}:
        span = span[:-1]
    if gaz.known(_text(span)) or "," in _text(span):
        return span
    words = _word_sets()
    nouns = words["admin1_nouns"] | words["city_nouns"]
    for length in range(len(span) - 1, 0, -1):
        for i in range(0, len(span) - length + 1):
            part = span[i : i + length]
            if not (part[0].text[:1].isupper() and gaz.known(_text(part))):
                continue
            if all(t.lower_ in words["name_prefixes"] for t in span[:i]) and all(
                (t.text in nouns) or t.lower_ in words["institution_nouns"]
                or t.text in {"'s", "’s"}
                for t in span[i + length :]
            ):
                return part
    return None


def _split_pair(span: Span, gaz: Gazetteer) -> list[Span]:
    """'Ferguson, Missouri' tagged as one entity → two toponyms when both parts are known."""
    commas = [tok.i for tok in span if tok.text == ","]
    if len(commas) != 1 or gaz.known(_text(span)):
        return [span]
    left = span.doc[span.start : commas[0]]
    right = span.doc[commas[0] + 1 : span.end]
    if len(left) and len(right) and gaz.known(_text(left)) and gaz.known(_text(right)):
        return [left, right]
    return [span]


def recognize(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Every toponym mention, with triggers, containers and list siblings attached."""
    persons = _person_names(doc, gaz)
    text = token_attrs.text(doc)
    ents = token_attrs.entities(doc)
    dateline = dateline_span(text)
    labels = token_attrs.entity_types(doc)
    words = _word_sets()
    lowercase_words = {word for word in token_attrs.texts(doc) if word.islower()}
    mentions: list[Mention] = []
    held: list[Span] = []  # names without evidence here; kept if evidence comes elsewhere
    features = [
        m for m in local_features(doc, gaz, lowercase_words)
        if not (dateline and m.start < dateline[1] and dateline[0] < m.end)
    ]
    for span, from_entity in _candidates(doc, gaz, text):
        for part in _split_pair(span, gaz):
            if dateline and part.start_char < dateline[1] and dateline[0] < part.end_char:
                continue  # the dateline is added below, looked up in any case
            if any(m.start < part.end_char and part.start_char < m.end for m in features):
                continue  # "Wichita" of "Wichita Drive", "Mississippi" of "Mississippi River"
            evidence, want = _trigger_want(doc, part)
            if len(part) > 1 and part[-1].lower_ in words["named_divisions"]:
                want = want or "admin2"  # "Rapides Parish", "Walton County": named as such
            lower = _text(part).lower()
            if labels[part.start] == "NORP" and part.root.pos_ == "ADJ":
                continue  # "Jewish" (a gazetteer alias of an oblast), "Sudanese"
            if not from_entity and want is None and (
                lower in words["common_words"] or lower in lowercase_words
            ):
                continue  # "Police said", "the Council": ordinary capitalised words
            if from_entity and _text(part) not in persons:
                mentions.append(_mention(part, from_entity, want))
                continue
            host = _host_entity(part, ents)
            local_body = False
            if want is None and host is not None and _state_name(host, part, gaz):
                want, host = "admin1", None  # "Ebonyi State", "Kano State"
            if host is not None and host.label_ == "PERSON" and host.start == part.start and (
                part.end < len(doc) and doc[part.end].lower_ in words["institution_nouns"]
            ):
                host = None  # "Cookville Fire Chief Wesley McCollum", "Avondale Mayor Ed Rieker"
                local_body = True
            if want is None and (
                _text(part) in persons or (host is not None and host.label_ == "PERSON")
            ):
                continue  # "Anthony" of "Anthony Wayne", "Obama" of "Barack Obama"
            if host is not None and host.label_ not in PLACE_LABELS:
                if want is not None or (
                    host.label_ in HOST_LABELS and _embedded_place(part, host, gaz)
                ):
                    mentions.append(_mention(part, False, want))
                elif not _country_name(gaz, _text(part)):
                    held.append(part)  # "Ozark Dodge": a place only if one elsewhere
                continue  # "Jamaica Cancer Society": the actors' country, not a place
            evidence = evidence or _party_place(text, part)
            if labels[part.start] in {"ORG", "FAC", "PERSON"} and (
                _country_name(gaz, _text(part)) or _capital(gaz, _text(part))
            ):
                evidence = True  # "Niger" tagged ORG, "Tbilisi says" PERSON: still places
            home = bool(HOME_TOWN.search(text[max(0, part.start_char - 30) : part.start_char]))
            home = home or (  # "Tom Del Beccaro of Lafayette": a person's home town
                part.start >= 2 and doc[part.start - 1].lower_ == "of"
                and doc[part.start - 2].ent_type_ == "PERSON"
                and not (part.end < len(doc) and doc[part.end].text[:1].isupper())
            )  # not "Robert Snodgrass of Aston Villa": a team
            if labels[part.start] in DOUBT_LABELS and not _major(gaz, _text(part)):
                # "in Jackson": person or town? A home town after a name and age is a town;
                # so is an organisation-tagged name right after "in" ("in Lombard")
                evidence = want is not None or home or (
                    labels[part.start] in {"ORG", "FAC"} and (
                        (part.start > 0 and doc[part.start - 1].lower_ in INSIDE_PREPOSITIONS)
                        or _resident_after(doc, part.end)  # "Coral Gables man charged"
                    )
                )
            elif home:
                evidence = True
            evidence = evidence or local_body
            if want is None and not evidence and not _pair_or_list_member(doc, part, gaz):
                held.append(part)
                continue
            mentions.append(_mention(part, from_entity, want))
    # one sense per discourse: "Alexandria" found as a place once is a place throughout;
    # a list member next to an accepted place is one ("the cities of Taiz and Hodeidah")
    accepted = {m.text for m in mentions}
    starts = {m.start for m in mentions}
    ends = {m.end for m in mentions}
    for part in held:
        if _text(part) in accepted or _next_to(doc, part, starts, ends):
            mentions.append(_mention(part, False, None))
    if dateline:
        mention = _dateline_mention(doc, gaz, dateline, persons)
        if mention is not None:
            mentions.append(mention)
    mentions.extend(features)
    mentions.extend(
        unknown_places(doc, gaz, ents, mentions, persons | lowercase_words, dateline)
    )
    mentions.sort(key=lambda m: m.start)
    _link(text, mentions)
    return mentions


MAJOR_CITY = 100_000


def _major(gaz: Gazetteer, name: str) -> bool:
    """A division, country or big city: "in Guerrero" is a place even if spaCy says ORG."""
    return any(
        e.precision != "city" or e.population >= MAJOR_CITY for e in gaz.lookup(name)
    )


def _host_entity(span: Span, ents: tuple[Span, ...]) -> Span | None:
    """The longer entity a name sits in ("Anthony Wayne", "Mansfield Police Department");
    white space the model swept into an entity ("Niger\\n\\n") does not make it longer."""
    size = sum(not tok.is_space for tok in span)
    for ent in ents:
        if ent.start <= span.start and span.end <= ent.end and (
            sum(not tok.is_space for tok in ent) > size
        ):
            return ent
    return None


#: a dateline opening a paragraph: "QUITO, June 22 —", "Quito, June 22 —", "NEW DELHI
#: (Reuters) -", "Maputo, Mozambique —", "FALLS VILLAGE—The"; the name is upper or title
#: case and a dash must follow
DATELINE = re.compile(
    r"(?:\A|\n)[ \t]*"
    r"((?:[A-Z][A-Za-z'.-]*)(?:[ ][A-Z][A-Za-z'.-]*){0,3})"
    r"(?:,[^—–\n]{1,40}?)?\s*(?:\([^)\n]{1,30}\)\s*)?(?:[—–]\s?|-{1,3}\s)"
)
#: how far into the text a dateline may open a paragraph (after a headline)
DATELINE_REACH = 400
LINE_BREAK = re.compile("\n")


#: a dateline in capitals run on after a headline or a byline: "... likely. COLUMBIA --
#: The", "... church . BEIRUT: Unknown", "March 30, 2009 NEWARK  Wess Henry"
RUN_ON_DATELINE = re.compile(
    r"(?:[.!?]|\b(?:19|20)\d\d)[ \t]+"
    r"((?:[A-Z][A-Za-z'.-]*)(?:[ ][A-Z][A-Za-z'.-]*){0,3})"
    r"(?:,[^—–\n]{1,40}?)?[ \t]*(?:\([^)\n]{1,30}\)[ \t]*)?(?:[—–:]|-{1,3}[ \t]|[ \t]{2})"
)


def dateline_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the place name of the article's dateline: the first paragraph that
    opens with a name and a dash within the first few hundred characters, else a name in
    capitals run on after the headline's full stop."""
    head = text[:DATELINE_REACH]
    # DATELINE opens at the start or at a line break: tried there only, the same as search
    for start in (0, *(m.start() for m in LINE_BREAK.finditer(head))):
        match = DATELINE.match(head, start)
        if match is not None:
            return match.start(1), match.end(1)
    for match in RUN_ON_DATELINE.finditer(text[:DATELINE_REACH]):
        name = match.group(1)
        if sum(ch.islower() for ch in name) <= 1 and sum(ch.isupper() for ch in name) >= 3:
            return match.start(1), match.end(1)  # "DeKALB"; not a title-case sentence
    return None


def _dateline_mention(
    doc: Doc, gaz: Gazetteer, bounds: tuple[int, int], persons: set[str]
) -> Mention | None:
    """The dateline's place, or its longest known part ("WASHINGTON" of "WASHINGTON
    D.C."), looked up with case folding: capitals there are typography. ``persons`` are
    the document's person names (:func:`_person_names`)."""
    start, end = bounds
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    words = _word_sets()
    for length in range(len(span), 0, -1):
        part = span[:length]
        text = _text(part)
        if text.lower() in words["common_words"] or not gaz.lookup(text, any_case=True):
            continue
        if not text.isupper() and text in persons:
            return None
        mention = _mention(part, part[0].ent_type_ in PLACE_LABELS, None)
        mention.any_case = True
        return mention
    return None


def _embedded_place(span: Span, host: Span, gaz: Gazetteer) -> bool:
    """A place named inside an organisation or facility: "the Mansfield Police
    Department", "Dublin City Council": local bodies are named after their town; so are
    state and county bodies ("the Butler County Coroner's Office", "Georgia Power").
    Others ("Oman Film Society") are places only when the name is a place elsewhere in
    the article (one sense per discourse)."""
    words = _word_sets()
    if any(tok.lower_ in words["media_nouns"] for tok in host):
        return False  # "The Washington Post", "Air France": named after, not located at
    after = span.doc[span.end].lower_ if span.end < len(span.doc) else ""
    if after in words["institution_nouns"]:
        return True
    return any(e.precision in {"admin1", "admin2"} for e in gaz.lookup(_text(span)))


def _state_name(host: Span, span: Span, gaz: Gazetteer) -> bool:
    """A first-level division named with its noun outside the United States, where
    "<Name> State" is the usual name ("Ebonyi State", "Blue Nile State"); in the United
    States "Ohio State" is a university."""
    rest = [tok for tok in host if not tok.is_space and not (span.start <= tok.i < span.end)]
    if len(rest) != 1 or rest[0].i != span.end or rest[0].text not in {"State", "Province"}:
        return False
    return any(e.precision == "admin1" and e.country != "USA" for e in gaz.lookup(_text(span)))


def _capital(gaz: Gazetteer, name: str) -> bool:
    """A national capital ("Tbilisi says ..."): a lone PERSON tag on it is the model's
    mistake; as a subject it is a metonym, still a place."""
    return any(e.feature_code == "PPLC" and fold(e.name) == fold(name) for e in gaz.lookup(name))


def _country_name(gaz: Gazetteer, name: str) -> bool:
    return any(e.precision == "country" for e in gaz.lookup(name))


def _party_place(text: str, span: Span) -> bool:
    """A legislator's home town: "Delegates Harold Michael, D-Hardy", "Tom Bakk,
    DFL-Cook"."""
    return bool(PARTY_PLACE.search(text[max(0, span.start_char - 5) : span.start_char]))


#: a party code and hyphen before a legislator's home town
PARTY_PLACE = re.compile(r"(?:^|[\s(,])(?:[DRI]|DFL|GOP)-$")


def _mention(span: Span, from_entity: bool, want: str | None) -> Mention:
    return Mention(span.start_char, span.end_char, _text(span), from_entity, want,
                   sentence_start=span.sent.start_char)


def _pair_or_list_member(doc: Doc, span: Span, gaz: Gazetteer) -> bool:
    """A name next to a comma or "and" whose neighbour is also a place name."""
    neighbours = []
    if span.end + 1 < len(doc) and doc[span.end].text in {",", "and", "or"}:
        neighbours.append(doc[span.end + 1])
    if span.start >= 2 and doc[span.start - 1].text in {",", "and", "or"}:
        neighbours.append(doc[span.start - 2])
    for tok in neighbours:
        if tok.ent_type_ in PLACE_LABELS or _country_name(gaz, tok.text):
            return True
        if tok.text[:1].isupper() and tok.ent_type_ not in DOUBT_LABELS and gaz.known(tok.text):
            return True
    return False


def _next_to(doc: Doc, span: Span, starts: set[int], ends: set[int]) -> bool:
    """Whether a list word ("and", ",", "or") links ``span`` to an accepted mention."""
    if span.end + 1 < len(doc) and doc[span.end].text in {",", "and", "or"}:
        if doc[span.end + 1].idx in starts:
            return True
    if span.start >= 2 and doc[span.start - 1].text in {",", "and", "or"}:
        tok = doc[span.start - 2]
        if tok.idx + len(tok.text) in ends:
            return True
    return False


LIST_GAPS = {", ", ",", " and ", ", and ", " or ", ", or "}


def _link(text: str, mentions: list[Mention]) -> None:
    """Attach containers ("X, Y") and siblings (lists "A, B, C and D"). A street before
    a comma names its town and opens no list ("1199 N. Poplar St., Lima, Ohio")."""
    gaps = [text[a.end : b.start] for a, b in zip(mentions, mentions[1:], strict=False)]
    street = [
        gap in {", ", ","} and a.local is not None and b.local is None
        for gap, a, b in zip(gaps, mentions, mentions[1:], strict=False)
    ]
    gaps = ["" if after_street else gap for gap, after_street in zip(gaps, street, strict=True)]
    groups: list[list[Mention]] = []
    for i, gap in enumerate(gaps):
        prev, cur = mentions[i], mentions[i + 1]
        list_goes_on = i + 1 < len(gaps) and gaps[i + 1] in LIST_GAPS
        if street[i]:
            prev.container = cur
        elif gap in {", ", ","} and not list_goes_on and not _in_group(groups, prev):
            prev.container = cur  # "Iguala, Guerrero"; checked at resolution
        elif gap in LIST_GAPS:
            _group_of(groups, prev).append(cur)
    for group in groups:
        for member in group:
            member.siblings = [m for m in group if m is not member]


def _in_group(groups: list[list[Mention]], mention: Mention) -> bool:
    return any(mention in group for group in groups)


def _group_of(groups: list[list[Mention]], mention: Mention) -> list[Mention]:
    for group in groups:
        if mention in group:
            return group
    group = [mention]
    groups.append(group)
    return group


ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
MAX_FEATURE_NAME = 4


def local_features(doc: Doc, gaz: Gazetteer, lowercase_words: set[str]) -> list[Mention]:
    """Streets, roads and natural features named in the text that the gazetteer does not
    list: "Main Street", "N. Poplar St.", "Old Lexington Highway", "Neches River", "Lake
    Lanier". Numbered roads ("Highway 19") are left out: news annotators mostly do not
    count them as toponyms (about a third on LGL). The name must be capitalised; words
    before the one next to the suffix are kept only when the document never writes them
    in lower case ("Martin Luther King Jr. Boulevard", not "Crash Closes Main Street" in
    a headline)."""
    words = _word_sets()
    stops = words["feature_stop_words"]
    roads = words["street_suffixes"] | words["highway_suffixes"]
    water = words["water_words"]
    found: list[tuple[int, int, str]] = []  # token start, end, class
    texts, lowers = token_attrs.texts(doc), token_attrs.lowers(doc)
    feature_words = roads | words["feature_suffixes"] | words["feature_prefixes"]
    size = len(doc)
    i = 0
    while i < size:
        lower = lowers[i]
        if lower not in feature_words or not texts[i][:1].isupper():
            i += 1  # most words: no capitalised suffix or prefix of a feature name
            continue
        tok = doc[i]
        span: tuple[int, int, str] | None = None
        if tok.text[:1].isupper() and i > 0 and (
            lower in roads or lower in words["feature_suffixes"]
        ):
            if lower in words["ambiguous_suffixes"] and i + 1 < size and (
                doc[i + 1].text[:1].isupper() and doc[i + 1].lower_ not in stops
                and not doc[i + 1].is_sent_start
            ):
                i += 1
                continue  # "St. Louis", "Dr. Smith": a name opens here
            first = _name_before(doc, i, stops, lowercase_words)
            if first is not None and _named_after_division(doc, first, i, gaz, stops):
                first = None  # "Otter Tail County Road 80", "Florida Highway Patrol"
            if first is not None:
                kind = "S" if lower in words["street_suffixes"] else (
                    "R" if lower in roads else "H" if lower in water else "T"
                )
                span = (first, i + 1, kind)
        if span is None and lower in words["feature_prefixes"] and tok.text[:1].isupper():
            end = i + 1
            while end < size and end - i <= 2 and doc[end].text[:1].isupper() and (
                doc[end].is_alpha and doc[end].lower_ not in stops
                and not doc[end].is_sent_start
            ):
                end += 1
            if end > i + 1:
                span = (i, end, "H" if lower in water else "T")
        if span is None:
            i += 1
            continue
        found.append(span)
        i = span[1]
    mentions = []
    for start, end, kind in found:
        part = doc[start:end]
        if gaz.known(_text(part)) or _person_feature(part):
            continue  # a known name goes the gazetteer's way; "Lois Lane" is a person
        if part[-1].text == "." and _text(part).endswith("..."):
            continue
        mention = _mention(part, False, None)
        mention.local = kind
        mentions.append(mention)
    return mentions


def _name_before(doc: Doc, suffix: int, stops: frozenset[str],
                 lowercase_words: set[str]) -> int | None:
    """Token index where the name before a street or feature suffix begins, or None."""
    words = _word_sets()
    directions = words["street_name_directions"]
    j = suffix - 1
    start = None
    names = 0
    while j >= 0 and names < MAX_FEATURE_NAME:
        tok = doc[j]
        if tok.text in {"-", "'", "’"} and j > 0 and (
            start is not None or (tok.text != "-" and doc[j - 1].text.endswith("s"))
        ):
            j -= 1  # "Hyland-Croy Road", "Governors’ Parkway"
            continue
        is_name = (tok.text[:1].isupper() and tok.lower_ not in stops) or bool(
            ORDINAL.match(tok.text)
        )
        if not is_name or tok.is_space:
            break
        if start is not None and tok.lower_ not in directions and (
            tok.lower_ in lowercase_words or tok.lower_ in words["common_words"]
        ):
            break  # "Crash Closes Main Street": ordinary words of a title-case headline
        start = j
        names += 1
        if tok.is_sent_start or tok.lower_ in directions:
            break
        j -= 1
    if start is not None and doc[start].text in {"-", "'", "’"}:
        return None
    return start


def _named_after_division(doc: Doc, start: int, suffix: int, gaz: Gazetteer,
                          stops: frozenset[str]) -> bool:
    """Whether the name before a feature suffix is a county, state or country that is
    the real toponym: "Douglas County Road 4", "the Texas Forest Service", "Florida
    Highway Patrol", "Massachusetts Turnpike" (but "Mississippi River" is a river)."""
    name = doc[start:suffix]
    if name[-1].lower_ in _word_sets()["named_divisions"]:
        return True
    if not any(e.precision in {"admin1", "admin2", "country"} for e in gaz.lookup(_text(name))):
        return False
    words = _word_sets()
    if doc[suffix].lower_ in words["street_suffixes"] | words["highway_suffixes"]:
        return True
    after = doc[suffix + 1] if suffix + 1 < len(doc) else None
    return after is not None and after.text[:1].isupper() and after.lower_ not in stops and (
        not after.is_sent_start
    )


def _person_feature(span: Span) -> bool:
    """A person whose surname is a feature word ("Lois Lane", "Ricki Lake"); not after a
    house number or "block of" ("the 500 block of Lou Lane", "18 Sunnybrook Lane")."""
    before = span.doc[max(0, span.start - 2) : span.start]
    if before and (before[-1].like_num or [t.lower_ for t in before] == ["block", "of"]):
        return False
    return all(tok.ent_type_ == "PERSON" for tok in span) and span[-1].text[:1].isupper() and (
        span[-1].lower_ in {"lane", "lake", "street", "hill", "forest", "drive", "rivers"}
        or span[0].lower_ in {"lake"}
    )


def unknown_places(
    doc: Doc, gaz: Gazetteer, ents: tuple[Span, ...], found: list[Mention],
    not_names: set[str], dateline: tuple[int, int] | None,
) -> list[Mention]:
    """Place entities (GPE, LOC) the gazetteer does not know ("Holopaw", "Osney Island",
    "South Ossetia") with place evidence around them (a preposition or trigger before,
    a place noun after, a known place beside them in a pair or list): toponyms all the
    same, kept without a point. Skipped: entities
    overlapping a found toponym or the dateline, nationality words ("Sri Lankan"), names
    the document uses for people or writes in lower case, and entities with words that
    are not names."""
    words = _word_sets()
    adjectives = _nationality_words()
    out = []
    for ent in ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        span = _strip_article(ent)
        while len(span) > 1 and (span[-1].is_space or span[-1].text in {"'s", "’s"}):
            span = span[:-1]
        start, end = span.start_char, span.end_char
        if any(m.start < end and start < m.end for m in found) or (
            dateline and start < dateline[1] and dateline[0] < end
        ):
            continue
        if gaz.known(_text(span)) or _known_part(span, gaz) is not None or len(span) > MAX_TOKENS:
            continue
        if not all(
            tok.text[:1].isupper() and tok.is_alpha and not tok.is_upper and tok.pos_ == "PROPN"
            for tok in span
        ):
            continue  # "U.S. 36", "UNAMID", "Fly to Petersburg": no plain proper name
        if span.end < len(doc) and doc[span.end].text in {"'s", "’s"}:
            continue  # "Chaudhry's home", "Kemira's centre": a person's or a firm's
        text = _text(span)
        if text.lower() in adjectives or text in not_names or (
            text.lower() in words["common_words"]
        ):
            continue
        evidence, want = _trigger_want(doc, span)
        if not (evidence or want or _pair_or_list_member(doc, span, gaz)):
            continue  # spaCy's GPE on a name ("Saakashvili", "Farrin") needs support
        mention = _mention(span, True, want)
        mention.local = "X"
        out.append(mention)
    return out


@lru_cache(maxsize=1)
def _nationality_words() -> frozenset[str]:
    """Country adjectives and their plurals ("sri lankan", "palestinians")."""
    from newsevents.actors_lexicon import country_names

    out = set()
    for _name, adjective in country_names().values():
        out.update({adjective.lower(), adjective.lower() + "s"})
    return frozenset(out)
