"""Passes of the actors stage for people the dictionary lacks and for generic agents.

People: runs of capitalised proper nouns that spaCy tags PERSON (or that repeat the end of
a person's name seen earlier: "Peña Nieto" after "Enrique Peña Nieto"), with a title before
them ("US Vice President Joe Biden") or in an appositive ("the US ambassador to Mexico,
Anthony Wayne") giving sector, role and country.

Generic agents: nouns heading a noun phrase that the agents dictionary knows ("cops",
"human rights groups"), with country from a nationality/country word or possessive in the
phrase, a person compound ("the Obama administration"), a "from/of/in X" attachment, or,
for domestic sectors, the sentence's context.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsevents import actors_lexicon as lex
from newsevents import token_attrs
from newsevents.actordict import compose_code, key
from newsevents.actors_build import slug
from newsevents.actors_coref import MEMBER_TITLES, _institution_sector, institution_of
from newsevents.records import Actor

if TYPE_CHECKING:
    from newsevents.actors_build import Builder

NAME_LABELS = frozenset({"", "PERSON", "ORG", "NORP", "GPE"})
COUNTRY_PREPS = frozenset({"of", "from", "in", "throughout", "across"})
DETERMINERS = frozenset({"the", "a", "an", "mr", "mrs", "ms", "dr"})


def _is_name_token(b: Builder, i: int) -> bool:
    return (
        b.upos[i] == "PROPN"
        and b.caps[i]
        and i not in b.claimed
        and i not in b.country_words
        and b.entity_types[i] in NAME_LABELS
    )


#: lower-case particles inside a person's name ("Omar Hassan al-Bashir", "Dos Santos")
NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "do", "dos", "das", "du", "di",
     "van", "von", "der", "den", "la", "le", "ul", "ur", "-"}
)


def _particles_then_name(b: Builder, j: int) -> int | None:
    """After name token ``j``: the next name token past particles and hyphens of the same
    PERSON entity ("al-" in "Hassan al-Bashir"), else None."""
    k = j + 1
    while k < len(b.sdoc) and b.lowers[k] in NAME_PARTICLES and k not in b.claimed:
        token = b.sdoc[k]
        if token.ent_type_ != "PERSON" or token.ent_iob_ != "I":
            return None
        k += 1
    if k == j + 1 or k >= len(b.sdoc) or b.sdoc[k].ent_iob_ != "I":
        return None
    return k if _is_name_token(b, k) else None


def _runs(b: Builder) -> list[tuple[int, int]]:
    """Maximal runs of unclaimed capitalised proper nouns, in text order (with the name
    particles of a PERSON entity between them)."""
    runs: list[tuple[int, int]] = []
    n = len(b.sdoc)
    # _is_name_token of every token, worked out over the token lists at once
    name = [upos == "PROPN" and cap and label in NAME_LABELS
            for upos, cap, label in zip(b.upos, b.caps, b.entity_types, strict=True)]
    for k in (*b.claimed, *b.country_words):
        name[k] = False
    i = 0
    while i < n:
        if not name[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and b.sentence_of.get(j + 1) == b.sentence_of.get(i):
            if name[j + 1]:
                j += 1
                continue
            past = _particles_then_name(b, j)
            if past is None:
                break
            j = past
        runs.append((i, j))
        i = j + 1
    return runs


def _strip_title(b: Builder, first: int, last: int) -> int:
    """Skip title words and determiners at the start of a run ("President Enrique ...")."""
    titles = lex.titles()
    while first <= last:
        token = b.sdoc[first]
        if token.lower_.rstrip(".") in DETERMINERS:
            first += 1
            continue
        pos = b.pos_of.get(first)
        found = titles.match(b.keys, pos) if pos is not None else None
        if found is None:
            break
        first = b.seq[pos + found[0] - 1] + 1 if pos is not None else first + 1
    # "Defence Secretary Tom King": office words before a title word are part of the title
    for i in range(last - 1, first - 1, -1):
        pos = b.pos_of.get(i)
        if pos is not None and i - first < 3 and titles.get([b.keys[pos]], b.lemmas[pos]):
            return i + 1
    return first


def _known_person(b: Builder, words: tuple[str, ...]) -> str | None:
    for person in reversed(b.persons):
        if person.words[-len(words):] == words or words[-len(person.words):] == person.words:
            return person.actor_id
    return None


def _appositive_title(b: Builder, head: Token) -> Token | None:
    """The title noun in apposition to a name, either way round."""
    titles = lex.titles()
    candidates = []
    if head.dep_ == "appos":
        candidates.append(head.head)
    candidates.extend(c for c in head.children if c.dep_ == "appos")
    before = head.left_edge.i - 1
    while before >= 0 and b.sdoc[before].is_punct and b.sdoc[before].text in ",(":
        before -= 1
    if before >= 0 and before < head.left_edge.i - 1:
        # "the undersecretary of foreign relations for North America, Sergio Alcocer":
        # climb from the word before the comma through its noun phrase to a title noun
        token = b.sdoc[before]
        for _ in range(6):
            candidates.append(token)
            if token.dep_ not in ("pobj", "prep", "compound", "amod") or token.head is token:
                break
            token = token.head
    for cand in candidates:
        if "\n" in b.sdoc[min(cand.i, head.i): max(cand.i, head.i)].text:
            continue
        if cand.pos_ in ("NOUN", "PROPN") and (
            titles.get([key(cand.text)], key(cand.lemma_)) or _member_of(b, cand) is not None
        ):
            return cand
    return None


#: nouns that take the sector of the body they are "of" ("a member of the Syrian parliament")
MEMBER_NOUNS = frozenset({"member"})


def _member_of(b: Builder, noun: Token) -> Token | None:
    """The agent noun of "member of <agent>" ("parliament", "ruling party"), else None."""
    if noun.lemma_.lower() not in MEMBER_NOUNS:
        return None
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            pos = b.pos_of.get(obj.i)
            if obj.dep_ == "pobj" and pos is not None:
                agent = b.agents.index.get([b.keys[pos]], b.lemmas[pos])
                if agent is not None and agent.sector:
                    return obj
    return None


def _phrase_country(b: Builder, noun: Token) -> tuple[bool, str | None]:
    """(found, country) from the noun's left modifiers and "of/from/in X" attachments.

    ``found`` with country None means a region word ("Central American") was there.
    """
    # nearest first: "US and British forces" → British
    for i in range(noun.i - 1, noun.left_edge.i - 1, -1):
        if i in b.country_words:
            code = b.country_words[i]
            j = i - 1
            while j >= noun.left_edge.i and b.country_words.get(j) == code:
                j -= 1  # the same country's words ("South African")
            if j >= noun.left_edge.i and b.country_words.get(j) and b.country_words[j] != code:
                # "Croatian Serb refugees", "Bosnian Serbs": a state's name before an
                # ethnic one says where they live
                return True, b.country_words[j]
            return True, code
        for actor_id in b.token_actors.get(i, []):
            actor = b.actors.get(actor_id)
            if actor is not None and actor.country:
                return True, actor.country
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in COUNTRY_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    if obj.i in b.country_words:
                        return True, b.country_words[obj.i]
                    if child.lower_ == "of":
                        # "the government of President Prosper Avril": the person's country
                        for actor_id in b.token_actors.get(obj.i, []):
                            actor = b.actors.get(actor_id)
                            if actor is not None and actor.kind == "person" and actor.country:
                                return True, actor.country
    return False, None


STOP_DEPS = frozenset({"prep", "pobj", "cc", "conj", "appos", "relcl", "acl", "punct"})


def _first_word(b: Builder, noun: Token) -> int:
    """Start of the noun's own phrase: its left modifiers, not "many of them" before it."""
    first = noun.i
    while first - 1 >= noun.left_edge.i:
        prev = b.sdoc[first - 1]
        if prev.dep_ in STOP_DEPS and prev.text != "-" or prev.is_space or prev.is_quote:
            break
        first -= 1
    while first < noun.i and (not key(b.sdoc[first].text) or b.sdoc[first].is_punct):
        first += 1
    return first


def _place_like(b: Builder, token: Token) -> bool:
    """A lone unknown name used as a location or listed with places ("Guerrero, México")."""
    if b.locative(token):
        return True
    return any(c.i in b.country_words or c.ent_type_ in ("GPE", "LOC") for c in token.conjuncts)


def find_people(b: Builder) -> None:
    for first, last in _runs(b):
        first = _strip_title(b, first, last)
        if first > last:
            continue
        words = tuple(b.keys[b.pos_of[first]: b.pos_of[last] + 1])
        known = _known_person(b, words)
        overlaps_person = "PERSON" in b.entity_types[first : last + 1]
        if known is None and not overlaps_person:
            continue
        if known is None and all(label in ("PERSON", "") for label in
                                 b.entity_types[first : last + 1]):
            # a person's name the dictionary writes in full or spells otherwise (never an
            # organisation's words: "International Society" is no Kolping Society)
            fuller = b.dictionary.fuller_name(words) or b.dictionary.misspelt_name(words)
            if fuller is not None:
                b.named_actor(first, last, fuller)
                continue
        if known is None and first == last and _place_like(b, b.sdoc[last]):
            continue
        if known is None and (b.lowers[first] in lex.word_class("weather_words") or _town_name(b, first, last)):
            continue  # "Cyclone Tamsin"; "a district of Taiz" (spaCy's PERSON)
        _add_person(b, first, last, words, known)




def _town_name(b: Builder, first: int, last: int) -> bool:
    """An unknown name without title that the gazetteer knows as a town or division of
    some size, the object of a preposition or a modifier ("shelling in a district of
    Taiz", "the assault on El Fasher", "a former governor of Ebonyi State"). As a subject or
    object of a verb it stays a name: the PLOVER GSR codes "shut down Khatmandu" as the
    Nepalese government's."""
    if b.sdoc[last].dep_ not in ("pobj", "compound") or b.title_before(first) is not None:
        return False
    if b.lowers[first] == "the":
        first += 1
    if first > last:
        return False
    if b.lowers[last] in lex.word_class("division_words") and first < last and b.town_of(b.span_text(first, last - 1)):
        return True
    return b.town_of(b.span_text(first, last))


def _add_person(b: Builder, first: int, last: int, words: tuple[str, ...], known: str | None) -> None:
    from newsevents.actors_build import Person

    title = b.title_before(first)
    sector = role = country = agent_code = None
    if title is not None:
        tfirst, tlast, found = title
        sector, role, agent_code = found.sector, found.role, found.code
        country = b.title_country(tfirst, tlast)
        while tfirst - 1 >= 0 and b.country_words.get(tfirst - 1) and tfirst - 1 not in b.claimed:
            tfirst -= 1  # "U.S. negotiator Paul Nitze": the country word belongs to the title
        b.claimed.update(range(tfirst, tlast + 1))
    head = b.sdoc[last]
    appos = _appositive_title(b, head)
    if appos is not None:
        found_t = lex.titles().get([key(appos.text)], key(appos.lemma_))
        body = _member_of(b, appos) if found_t is None else None
        if found_t is not None:
            sector = sector or found_t.sector
            role = role or found_t.role
        elif body is not None:
            pos = b.pos_of[body.i]
            agent = b.agents.index.get([b.keys[pos]], b.lemmas[pos])
            sector = sector or (agent.sector if agent is not None else None)
            role = role or "member"
        has, appos_country = _phrase_country(b, body if body is not None else appos)
        country = country or appos_country
    if sector and not country:
        country = b.context_country(first)
    actor_id = known or slug(b.span_text(first, last))
    existing = b.actors.get(actor_id)
    if existing is None:
        b.add_actor(Actor(
            id=actor_id, name=b.span_text(first, last), kind="person", country=country,
            sector=sector, role=role, code=compose_code(country, agent_code, sector),
            basis="title" if sector else "entity", extractor=b.version,
        ))
    elif (existing.country is None and country) or (existing.role is None and role):
        b.actors[actor_id] = dataclasses.replace(
            existing, country=existing.country or country, sector=existing.sector or sector,
            role=existing.role or role,
            code=existing.code or f"{country or ''}{sector or ''}" or None,
        )
    actor = b.actors[actor_id]
    b.persons.append(Person(actor_id, words, actor.role, actor.country, actor.sector))
    b.add_mention(first, last, actor_id, "name")
    if title is not None:
        b.add_mention(tfirst, tlast, actor_id, "title")
    if appos is not None and appos.i not in b.claimed:
        b.add_mention(_first_word(b, appos), appos.i, actor_id, "title")


def find_generics(b: Builder) -> None:
    index = b.agents.index
    for i in b.nouns:
        if i in b.claimed:
            continue
        pos = b.pos_of.get(i)
        if pos is None:
            continue
        # proper-noun plurals keep their form as lemma: "Kurds" → kurd
        lemma = b.plural_lemmas[pos] or b.lemmas[pos]
        if not (index.may_end(b.keys[pos]) or index.may_end(lemma)):
            continue
        token = b.sdoc[i]
        if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
            continue
        lower = b.pos_of.get(token.left_edge.i, pos)
        agent = None
        for start in range(max(lower, pos - 5), pos + 1):
            agent = index.get(b.keys[start: pos + 1], lemma)
            if agent is not None:
                break
        if agent is None or agent.sector is None:
            continue
        body = None
        if start == pos and lemma in MEMBER_TITLES:
            # "party officials", "an army spokesman", "a spokeswoman for the U.S.
            # embassy": the institution's sector (and country)
            sector = _institution_sector(b, token)
            body = institution_of(b, token) if sector is None else None
            if body is not None:
                body_pos = b.pos_of[body.i]
                found_body = index.get([b.keys[body_pos]], b.lemmas[body_pos])
                sector = found_body.sector if found_body is not None else None
            if sector is not None and sector != agent.sector:
                agent = dataclasses.replace(agent, sector=sector)
        if token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ in ("GPE", "LOC"):
            continue
        if lemma in lex.vehicle_agents() and not _acting(token):
            continue  # "procured vehicles and drones": a thing, not the armed forces
        if lemma in lex.place_agents() and token.text.islower() and not _acting_body(token):
            continue  # "in court", "taken to hospital": a place (a named one, "the Federal
            # High Court", stays the institution)
        if _likened(token):
            continue  # "treated like a common criminal": a comparison, no one
        if _no_one_in_office(b, token, lemma):
            continue  # "a president", "queen and princess candidates": an office, no holder
        if _derived_noun(lemma, agent.phrase):
            continue  # "mediation" (media*), "conviction" (convict*), "medicine" (medic*)
        found, country = _phrase_country(b, token)
        if not found and body is not None:
            found, country = _phrase_country(b, body)
        if not found and agent.sector == "REF":
            found, country = _fled_country(b, token)
        if not found:
            country = _possessor_country(b, token)
            if country is None and agent.sector in _domestic():
                country = b.context_country(token.i)
        first = _first_word(b, token)
        named = _appositive_name(b, token)
        if named is not None:
            # "the state-owned oil giant, PEMEX": a description of the named actor, which
            # takes the sector and country it lacks
            actor = b.actors[named]
            sector, country = actor.sector or agent.sector, actor.country or country
            b.actors[named] = dataclasses.replace(
                actor, sector=sector, country=country,
                code=actor.code or f"{country or ''}{sector or ''}" or None)
            b.add_mention(first, token.i, named, "generic")
            continue
        actor_id = b.group_actor(
            country, agent.sector, b.span_text(first, token.i), "generic", lemma
        )
        b.add_mention(first, token.i, actor_id, "generic")
        split_nationalities(b, token, agent.sector, lemma)


def _fled_country(b: Builder, noun: Token) -> tuple[bool, str | None]:
    """The country refugees flee: a country word under a "fleeing/escaping" clause on the
    noun ("refugees fleeing Syria", "refugees fleeing the civil war in Liberia")."""
    for clause in noun.rights:
        if clause.dep_ == "acl" and clause.lemma_ in lex.word_class("flight_verbs"):
            for token in clause.subtree:
                if b.country_words.get(token.i):
                    return True, b.country_words[token.i]
    return False, None


def _acting(token: Token) -> bool:
    """The subject of an active verb, not a described thing ("Aircraft chartered by the
    Red Cross landed"; "soldiers backed by drones" is no act of the drones either)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "nsubj" and not any(
        c.dep_ == "acl" and c.tag_ == "VBN" for c in token.children)


def _appositive_name(b: Builder, token: Token) -> str | None:
    """The named organisation a singular generic noun stands in apposition
    with ("the state-owned oil giant, PEMEX"; "the main Hutu rebel group, Forces for
    Defence of Democracy")."""
    if token.tag_ != "NN":
        return None
    others = [c for c in token.children if c.dep_ == "appos"]
    if token.dep_ == "appos":
        others.append(token.head)
    for other in others:
        for actor_id in b.token_actors.get(other.i, []):
            actor = b.actors.get(actor_id)
            if actor is not None and actor.kind == "organisation":
                return actor_id
    return None


def _likened(token: Token) -> bool:
    """The noun of a comparison with a verb ("treated like a common criminal", "behave
    like thugs"), not a reference to anyone; "unlike the police" refers."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "like" or prep.head.pos_ not in ("VERB", "AUX"):
        return False
    dets = [c.lower_ for c in token.children if c.dep_ in ("det", "poss")]
    return not dets or dets[0] in lex.word_class("indefinite_determiners")




def _no_one_in_office(b: Builder, token: Token, lemma: str) -> bool:
    """A singular title noun ("president", "princess") with no determiner or an
    indefinite one names an office, not the group of its holders: "to lead a country
    as a president", "queen and princess candidates". ("the president" is left to the
    title pass.)"""
    if token.tag_ != "NN" or lemma not in lex.word_class("sole_offices"):
        return False
    dets = [c.lower_ for c in token.children if c.dep_ in ("det", "poss")]
    return not dets or dets[0] in lex.word_class("indefinite_determiners")


def _acting_body(token: Token) -> bool:
    """An institution that acts: subject of an active verb other than "be", agent of a
    passive ("ordered by the court") or possessor ("the court's ruling")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "poss":
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.dep_ == "agent":
        return True
    return _acting(token) and token.head.lemma_ != "be"


#: endings that make a dictionary stem's word a thing or an act, not a group of people
#: ("media*" → "mediation", "convict*" → "conviction", "medic*" → "medicine")
DERIVED_ENDINGS = ("ion", "ment", "ine", "ity", "ism", "ness")


def _derived_noun(lemma: str, phrase: str) -> bool:
    stem = phrase.split()[-1] if phrase.split() else ""
    rest = lemma[len(stem):] if lemma.startswith(stem) else ""
    return len(rest) >= 2 and rest.endswith(DERIVED_ENDINGS)


def split_nationalities(b: Builder, noun: Token, sector: str | None, lemma: str) -> None:
    """"Hungarian and Romanian officials": one group per country, each on its own word
    (the whole phrase stays a mention of the first)."""
    words: list[tuple[int, str]] = []
    head = noun.i
    for i in range(noun.left_edge.i, head):
        if i in b.claimed and (i not in b.token_actors
                               or b.actors[b.token_actors[i][-1]].kind != "group"):
            continue
        code = b.country_words.get(i)
        if code and (not words or words[-1][1] != code):
            words.append((i, code))
    if len({code for _, code in words}) < 2:
        return
    if not any(b.sdoc[k].dep_ == "cc" or b.sdoc[k].text in (",", "/", "-")
               for k in range(words[0][0], words[-1][0])):
        # "Croatian Serb refugees": one group (a state, then an ethnic group);
        # "Mexican-American immigrants", "Hungarian and Romanian officials": two
        return
    for i, code in words:
        last = i
        while b.country_words.get(last + 1) == code:
            last += 1
        name = f"{b.span_text(i, last)} {b.sdoc[head].text}"
        b.add_mention(i, last, b.group_actor(code, sector, name, "generic", lemma), "generic")


def _possessor_country(b: Builder, noun: Token) -> str | None:
    for child in noun.children:
        if child.dep_ in ("poss", "compound"):
            for actor_id in b.token_actors.get(child.i, []):
                actor = b.actors.get(actor_id)
                if actor is not None and actor.country:
                    return actor.country
    return None


def _domestic() -> frozenset[str]:
    from newsevents.actors_build import DOMESTIC_SECTORS

    return DOMESTIC_SECTORS


NOT_ACTORS = frozenset(
    {"initiative", "agreement", "treaty", "act", "accord", "law", "convention", "summit", "plan",
     "day", "week", "month", "year",
     # routes and buildings are places ("the Pan-American Highway")
     "highway", "road", "street", "avenue", "bridge", "airport", "railway", "canal",
     "corridor", "square", "stadium", "turnpike", "trail", "plant", "pipeline", "dam",
     # natural features and protected areas ("the Angelina National Forest")
     "forest", "refuge", "river", "lake", "park", "wilderness", "habitat", "valley",
     "mountain", "mountains", "island", "islands", "beach", "coast", "desert",
     # occasions ("the Nashville Film Festival")
     "festival", "celebration", "fair", "championship", "tournament", "marathon"}
)




def find_organisations(b: Builder) -> None:
    """ORG entities the dictionary lacks, as organisations with sector from their words."""
    index = b.agents.index
    for ent in token_attrs.entities(b.sdoc):
        if ent.label_ != "ORG" or any(i in b.claimed for i in range(ent.start, ent.end)):
            continue
        bracket = next((k for k, t in enumerate(ent) if t.text == "("), None)
        if bracket and not any(t.text == ")" for t in ent):
            ent = ent[:bracket]  # "the National Institute for Disaster Management (INGD"
        words = [t for t in ent if key(t.text)]
        if not words or words[-1].lower_ in NOT_ACTORS or ent.start in b.country_words:
            continue
        if not any(t.pos_ == "PROPN" or t.text.isupper() and len(t.text) > 1 for t in words):
            continue  # no proper noun: "swim, dive, kayak or fish", "has fed into", "are United"
        root = ent.root
        if root.dep_ == "compound" or _place_like(b, root) or _town_name(b, ent.start, ent.end - 1):
            continue
        sector = None
        for token in reversed(words):
            pos = b.pos_of.get(token.i)
            agent = index.get([b.keys[pos]], b.lemmas[pos]) if pos is not None else None
            if agent is not None and agent.sector:
                sector = agent.sector
                break
        country = next((b.country_words[i] for i in range(ent.start, ent.end)
                        if b.country_words.get(i)), None)
        start = ent.start
        if country is None and sector is not None:
            # "Israel's Knesset", "the Russian Duma": the possessor's or modifier's country
            found = b.modifier_country(ent.start, root.i)
            if found is not None:
                start, country = found
                actor_id = b.group_actor(country, sector, b.span_text(start, ent.end - 1),
                                         "entity")
                b.add_mention(start, ent.end - 1, actor_id, "name")
                continue
        if country is None and sector in lex.STATE_SECTORS and root.lemma_.lower() in lex.word_class("state_bodies") and (
                ent[0].lower_ == "the" or len(words) == 1) and (
                found_country := b.context_country(root.i)) is not None:
            # "the Interior Ministry", "the National Assembly": the government or
            # legislature of the story's country, as "the ministry" would be
            actor_id = b.group_actor(found_country, sector, b.span_text(ent.start, ent.end - 1),
                                     "entity")
            b.add_mention(ent.start, ent.end - 1, actor_id, "name")
            continue
        first = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
        name = b.span_text(ent.start, ent.end - 1)
        actor_id = slug(b.span_text(first, ent.end - 1))
        if actor_id not in b.actors:
            b.add_actor(Actor(
                id=actor_id, name=name, kind="organisation", country=country, sector=sector,
                code=f"{country or ''}{sector or ''}" or None, basis="entity",
                extractor=b.version,
            ))
        b.add_mention(ent.start, ent.end - 1, actor_id, "name")
