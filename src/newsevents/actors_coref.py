"""In-document coreference for the actors stage: title phrases and pronouns.

* "the US president", "his US counterpart", "the Mexican president" → the person with a
  matching role (and country, when the phrase names one), nearest before, else after;
* "both presidents", "the two presidents" → one mention per person (same span, several
  actor ids), up to the number the phrase gives (two when none);
* he/him/his/she/her → the most recent person mentioned in this or the two previous
  sentences, subjects first;
* they/them/their → the nearest plural group mentioned earlier in the same sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsevents import actors_lexicon as lex
from newsevents.records import ActorMention

if TYPE_CHECKING:
    from newsevents.actors_build import Builder

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
ANY_ROLE = frozenset({"counterpart", "leader", "head"})
#: sector of an unnamed plural leadership with a nationality ("Palestinian leaders")
GROUP_LEADERS_SECTOR = "GOV"
NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4}


def _mention_head(b: Builder, mention: ActorMention) -> Token | None:
    return b.heads.get(mention)


def _role_matches(wanted: str, person_roles: set[str], sector: str | None, title_sector: str | None) -> bool:
    if wanted in ANY_ROLE:
        return title_sector is None or sector == title_sector or sector is None
    return wanted in person_roles


def resolve_titles(b: Builder) -> None:
    titles = lex.titles()
    for i in b.nouns:
        if i in b.claimed:
            continue
        pos = b.pos_of.get(i)
        if pos is None or not (titles.may_end(b.keys[pos]) or titles.may_end(b.lemmas[pos])):
            continue
        token = b.sdoc[i]
        if token.dep_ == "compound":
            continue
        title = None
        for start in range(max(0, pos - 2), pos + 1):
            title = titles.get(b.keys[start: pos + 1], b.lemmas[pos])
            if title is not None:
                break
        if title is None or title.role in ("head", "leader") and not _has_country(b, token):
            continue
        _resolve_title(b, token, title)


def _has_country(b: Builder, token: Token) -> bool:
    return any(i in b.country_words for i in range(token.left_edge.i, token.i))


#: titles that name no office of their own: an institution noun before them gives the
#: sector ("intelligence officials" SPY, "army spokesman" MIL, "party officials" PTY)
MEMBER_TITLES = frozenset({"official", "spokesman", "spokeswoman", "spokesperson"})


def _institution_sector(b: Builder, token: Token) -> str | None:
    """The sector of an agent noun compounded to a member title ("intelligence officials")."""
    for child in token.lefts:
        pos = b.pos_of.get(child.i)
        if child.dep_ != "compound" or child.pos_ != "NOUN" or pos is None:
            continue
        agent = b.agents.index.get([b.keys[pos]], b.lemmas[pos])
        if agent is not None and agent.sector:
            return agent.sector
    return None


def institution_of(b: Builder, token: Token) -> Token | None:
    """The agent noun a member title speaks for: "a spokeswoman for the U.S. embassy"."""
    for prep in token.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "of"):
            continue
        for obj in prep.children:
            pos = b.pos_of.get(obj.i)
            if obj.dep_ == "pobj" and obj.pos_ == "NOUN" and pos is not None:
                agent = b.agents.index.get([b.keys[pos]], b.lemmas[pos])
                if agent is not None and agent.sector:
                    return obj
    return None


def _resolve_title(b: Builder, token: Token, title: lex.Title) -> None:
    from newsevents.actors_people import _first_word, _phrase_country, split_nationalities

    if title.role in MEMBER_TITLES:
        sector = _institution_sector(b, token)
        if sector is not None and sector != title.sector:
            title = lex.Title(sector, title.role)
    found, country = _phrase_country(b, token)
    plural = token.tag_ in ("NNS", "NNPS")
    owner = {a for c in token.children if c.dep_ == "poss" for a in b.token_actors.get(c.i, [])}
    roles: dict[str, set[str]] = {}
    for person in b.persons:
        if person.role:
            roles.setdefault(person.actor_id, set()).add(person.role)
    candidates = []
    for actor_id, actor in b.actors.items():
        if actor.kind != "person" or actor_id in owner:
            continue
        if found and country and actor.country != country:
            continue
        if not _role_matches(title.role, roles.get(actor_id, set()), actor.sector, title.sector):
            continue
        candidates.append(actor_id)
    first = _first_word(b, token)
    chosen = _nearest(b, candidates, b.sdoc[first].idx, 2 if plural else 1, token)
    if not chosen:
        if title.sector is None and plural and found and country:
            # "Palestinian leaders", "Iraqi leaders": the state's leadership (PLOVER GSR)
            title = lex.Title(GROUP_LEADERS_SECTOR, title.role)
        if title.sector is None or plural and not found:
            return
        if title.role not in ANY_ROLE | {"official"} and not found:
            return
        chosen = [b.group_actor(country if found else b.context_country(token.i),
                                title.sector, b.span_text(first, token.i), "title")]
        kind = "title"
    else:
        kind = "coref" if plural else "title"
    for actor_id in chosen:
        b.add_mention(first, token.i, actor_id, kind)
    if kind == "title" and b.actors[chosen[0]].kind == "group":
        split_nationalities(b, token, title.sector, b.lemmas[b.pos_of[token.i]])


def _nearest(b: Builder, candidates: list[str], at: int, count: int, token: Token) -> list[str]:
    """Up to ``count`` candidate actors, nearest mention before ``at`` first, then after."""
    for child in token.children:
        if child.lower_ in NUMBERS:
            count = NUMBERS[child.lower_]
    before: dict[str, int] = {}
    after: dict[str, int] = {}
    wanted = set(candidates)
    for mention in b.mentions:
        if mention.actor_id not in wanted:
            continue
        if mention.start < at:
            before[mention.actor_id] = max(before.get(mention.actor_id, -1), mention.start)
        else:
            after.setdefault(mention.actor_id, mention.start)
            after[mention.actor_id] = min(after[mention.actor_id], mention.start)
    ordered = sorted(before, key=lambda a: -before[a])
    ordered += sorted((a for a in after if a not in before), key=lambda a: after[a])
    if count > 1 and len(ordered) < count:
        return []
    return ordered[:count]


def resolve_pronouns(b: Builder) -> None:
    person_mentions = [m for m in b.mentions if b.actors[m.actor_id].kind == "person"]
    for i, lower in enumerate(b.lowers):
        if lower not in PERSON_PRONOUNS or b.upos[i] != "PRON" or i in b.claimed:
            continue
        token = b.sdoc[i]
        sent = b.sentence_of.get(token.i, -1)
        window = [m for m in person_mentions
                  if m.start < token.idx and sent - 2 <= m.sentence <= sent]
        if not window:
            continue
        actor_id = _object_antecedent(b, token, window) or _prefer_subject(
            b, _not_coargument(b, token, window) or window, sent)
        b.add_mention(token.i, token.i, actor_id, "pronoun")
        person_mentions.append(b.mentions[-1])


def _person_at(b: Builder, token: Token, window: list[ActorMention]) -> str | None:
    """The person of ``window`` whose mention has ``token`` as its head."""
    for m in window:
        head = _mention_head(b, m)
        if head is not None and head.i == token.i:
            return m.actor_id
    return None


def _object_antecedent(b: Builder, pronoun: Token, window: list[ActorMention]) -> str | None:
    """"Obama praised Peña Nieto for his government's crackdown": a possessive inside a
    prepositional phrase on a verb with a person object refers to that object."""
    if pronoun.dep_ != "poss":
        return None
    token = pronoun.head
    for _ in range(4):  # "his government's crackdown": climb possessors and compounds
        if token.dep_ not in ("poss", "compound", "amod") or token.head.i == token.i:
            break
        token = token.head
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return None
    verb = token.head.head
    for child in verb.children:
        if child.dep_ == "dobj" and child.i < pronoun.i:
            found = _person_at(b, child, window)
            if found is not None:
                return found
    return None


def _not_coargument(b: Builder, pronoun: Token, window: list[ActorMention]) -> list[ActorMention]:
    """"Modi called Trump to congratulate him": an object pronoun is not the subject of
    its own verb (nor of the verb that verb completes); those candidates are removed."""
    if pronoun.dep_ not in ("dobj", "dative", "pobj"):
        return window
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    excluded: set[str] = set()
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and verb.dep_ == "xcomp" and verb.head.lemma_ in lex.word_class("object_control_verbs"):
            # "asked Macron to support him": the object of "asked" does the supporting
            subjects = [c for c in verb.head.children if c.dep_ == "dobj"]
        for child in subjects:
            found = _person_at(b, child, window)
            if found is not None:
                excluded.add(found)
        if subjects or verb.dep_ not in ("xcomp", "advcl", "conj") or verb.head.i == verb.i:
            break
        verb = verb.head
    return [m for m in window if m.actor_id not in excluded]


def _prefer_subject(b: Builder, window: list[ActorMention], sent: int) -> str:
    for scope in (sent, sent - 1, sent - 2):
        in_scope = [m for m in window if m.sentence == scope]
        subjects = []
        for m in in_scope:
            head = _mention_head(b, m)
            if head is not None and head.dep_ in ("nsubj", "nsubjpass"):
                subjects.append(m)
        if subjects:
            return subjects[-1].actor_id
        if in_scope and scope == sent:
            return in_scope[-1].actor_id
    return window[-1].actor_id


def resolve_group_pronouns(b: Builder) -> None:
    for i, lower in enumerate(b.lowers):
        if lower not in GROUP_PRONOUNS or b.upos[i] != "PRON" or i in b.claimed:
            continue
        token = b.sdoc[i]
        sent = b.sentence_of.get(token.i, -1)
        groups = []
        for m in b.mentions:
            if m.sentence != sent or m.start >= token.idx:
                continue
            actor = b.actors[m.actor_id]
            head = _mention_head(b, m)
            if actor.kind == "group" and head is not None and head.tag_ in ("NNS", "NNPS"):
                if head.dep_ in ("nsubj", "nsubjpass") and head.head.i == token.head.i:
                    continue  # "cops handed them over": not the verb's own subject
                groups.append(m)
        if groups:
            b.add_mention(token.i, token.i, groups[-1].actor_id, "pronoun")

