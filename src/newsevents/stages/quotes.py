"""Stage ``quotes``: who said what — direct, partial and indirect speech with speakers.

Direct and partial quotes start from the quotation marks (:mod:`newsevents.quote_marks`);
the cue that makes them speech is found in the parse around them (:mod:`newsevents.quote_cues`
and the lexicon ``data/quotes/cues.yaml``):

1. a reporting word governing the quoted words, or hanging from them ("..., he said");
2. a colon introducing the quote ("Caddell continued: “...”");
3. the speaker of the quote just before it in the paragraph, or of the quote left open at
   the end of the previous paragraph (multi-sentence and multi-paragraph quotes).

A short quoted phrase that no cue governs is the author's own voice (scare quotes: "reform",
"war on drugs"); it is noted in ``doc.notes["scare_quotes"]`` and not emitted. A longer quote
without a cue is kept with an unknown speaker rather than guessed.

Indirect speech is a reporting verb with a complement clause ("said that ...", "told
reporters the talks had failed") or a clause carrying "according to X".

Events whose trigger lies inside a quote's content become ``modality="claimed"``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsevents import quote_cues as cues
from newsevents import quote_layout as layout
from newsevents import token_attrs
from newsevents.quote_marks import Quoted, find_quoted, paragraphs
from newsevents.records import Quote
from newsevents.records import Span as TextSpan

if TYPE_CHECKING:
    from newsevents.pipeline import Document

NAME = "quotes"
VERSION = "quotes.v1"

_CLAUSE_DEPS = ("ccomp",)
_TRIM = " \t\n,;:—–-"
#: characters an indirect clause may add around a quotation and still be just that quote
_QUOTE_SLACK = 4
_LINE = re.compile(r"[^\n]+")


@dataclass
class _Found:
    """A quote under construction (spaCy objects kept until the record is built)."""

    start: int
    end: int
    kind: str
    cue: Token | Span | None
    speaker: Span | None
    quoted: Quoted | None = None
    nominal: bool = False  # an indirect content that is a noun phrase, not a clause


def run(doc: Document) -> None:
    lexicon = cues.load_lexicon(tuple(doc.options.quote_lexicons))
    sdoc = doc.doc
    token_attrs.keep_text(sdoc, doc.text)
    quoted, warnings = find_quoted(doc.text)
    doc.warnings.extend(warnings)
    blocked = _blocked_tokens(sdoc, quoted)
    direct, scare = _direct_quotes(sdoc, quoted, blocked, lexicon)
    direct += _labelled_paragraphs(sdoc, quoted)
    indirect = _indirect_quotes(sdoc, blocked, lexicon, direct)
    headlines = _headlines(sdoc, lexicon)
    direct = [q for q in direct if not any(h.start <= q.start and q.end <= h.end + 1 for h in headlines)]
    indirect = [q for q in indirect if not _belief_within(q, headlines, lexicon)] + headlines
    # a quotation inside an indirect clause with the same cue stays a quote of its own: the
    # verbatim words, grouped with the clause by their shared cue
    speech = [q for q in quoted if q not in scare]  # scare quotes are the author's words
    indirect = [_with_quotation(item, speech) for item in indirect]
    doc.notes["scare_quotes"] = [(q.content_start, q.content_end) for q in scare]
    for found in sorted(direct + indirect, key=lambda f: f.start):
        record = _record(doc, found)
        if any(ch.isalnum() for ch in record.text):  # a content of bare punctuation says nothing
            doc.quotes.append(record)
    _mark_claimed(doc)


def _text(sdoc: Doc) -> str:
    """The document text, joined at most once (``run`` stores the article's text)."""
    return token_attrs.text(sdoc)


# --- direct and partial quotes ------------------------------------------------------------


def _blocked_tokens(sdoc: Doc, quoted: list[Quoted]) -> set[int]:
    """Indices of tokens inside quotation marks (marks included): never a cue or speaker."""
    blocked: set[int] = set()
    for q in quoted:
        span = sdoc.char_span(q.open_mark, min(q.close_mark + 1, len(_text(sdoc))), alignment_mode="expand")
        if span is not None:
            blocked.update(range(span.start, span.end))
    return blocked


def _direct_quotes(
    sdoc: Doc, quoted: list[Quoted], blocked: set[int], lexicon: cues.Lexicon
) -> tuple[list[_Found], list[Quoted]]:
    found: list[_Found] = []
    scare: list[Quoted] = []
    para_of = _paragraph_index(_text(sdoc))
    for q in quoted:
        start, end = _trimmed(_text(sdoc), q.content_start, q.content_end)
        if end <= start:
            continue
        given = _layout_speaker(sdoc, q, para_of)
        if given is not None:
            found.append(given)
            continue
        inside = sdoc.char_span(start, end, alignment_mode="contract") or sdoc.char_span(
            start, end, alignment_mode="expand"
        )
        if inside is None or len(inside) == 0:
            continue
        sentence_like = _sentence_like(inside, lexicon)
        if _after_scare_marker(_text(sdoc), q.open_mark, lexicon):
            scare.append(q)
            continue
        cue: Token | Span | None = _governing_cue(
            sdoc, inside, blocked, lexicon, search_frame=sentence_like
        )
        if cue is None and sentence_like:
            cue = _colon_cue(sdoc, q, blocked, lexicon)
        speaker = _speaker(sdoc, cue, blocked, lexicon) if isinstance(cue, Token) else None
        if cue is None and sentence_like:
            speaker, cue = _inherited_speaker(found, q, para_of)
        if cue is None and speaker is None and not sentence_like:
            scare.append(q)
            continue
        kind = "direct" if sentence_like else "partial"
        found.append(_Found(start, end, kind, cue, speaker, q))
    return found, scare


def _layout_speaker(sdoc: Doc, q: Quoted, paras: list[tuple[int, int]]) -> _Found | None:
    """A transcript label opening the quote, or a dash and a name after it."""
    para_end = next((e for s, e in paras if s <= q.open_mark < e), len(_text(sdoc)))
    given = layout.speaker_label(_text(sdoc), q.open_mark, q.content_end)
    start = given.content_start if given is not None else q.content_start
    if given is None:
        given = layout.dash_byline(_text(sdoc), q.close_mark, para_end)
    if given is None:
        return None
    return _layout_found(sdoc, given, start, q.content_end, q)


def _layout_found(
    sdoc: Doc, given: layout.Layout, start: int, end: int, q: Quoted | None
) -> _Found | None:
    speaker = sdoc.char_span(*given.speaker, alignment_mode="expand")
    cue = sdoc.char_span(*given.cue, alignment_mode="expand")
    start, end = _trimmed(_text(sdoc), start, end)
    if speaker is None or end <= start:
        return None
    return _Found(start, end, "direct", cue, speaker, q)


def _labelled_paragraphs(sdoc: Doc, quoted: list[Quoted]) -> list[_Found]:
    """Transcript paragraphs without quotation marks: "PENCE: Well, ..."."""
    found: list[_Found] = []
    for start, end in paragraphs(_text(sdoc)):
        if any(start <= q.open_mark < end for q in quoted):
            continue
        given = layout.speaker_label(_text(sdoc), start, end)
        if given is not None:
            item = _layout_found(sdoc, given, given.content_start, end, None)
            if item is not None:
                found.append(item)
    return found


def _headlines(sdoc: Doc, lexicon: cues.Lexicon) -> list[_Found]:
    """"Sanders: Clinton needs to ...": a short line whose label before the colon names a
    person or organisation (or a source word such as "Poll") is that source's claim."""
    text = _text(sdoc)
    found: list[_Found] = []
    for match in _LINE.finditer(text):
        given = layout.headline_label(text, match.start(), match.end())
        if given is None:
            continue
        label = sdoc.char_span(*given.speaker, alignment_mode="expand")
        if label is None:
            continue
        named = any(t.ent_type_ in ("PERSON", "ORG") for t in label)
        if not named and label.text.lower() not in lexicon.headline_sources:
            continue
        item = _layout_found(sdoc, given, given.content_start, match.end(), None)
        if item is not None:
            start, end = _trimmed_chars(sdoc, item.start, item.end)
            found.append(dataclasses.replace(item, start=start, end=end, kind="indirect"))
    return found


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraph_index(text: str) -> list[tuple[int, int]]:
    return paragraphs(text)


def _same_paragraph(paras: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s <= a < e and s <= b < e for s, e in paras)


def _sentence_like(inside: Span, lexicon: cues.Lexicon) -> bool:
    """A quoted clause or sentence rather than a quoted phrase (candidate scare quote)."""
    words = [t for t in inside if not t.is_punct]
    if len(words) > lexicon.max_scare_words + 2:
        return True
    has_finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in inside)
    return has_finite and len(words) > 2


def _after_scare_marker(text: str, open_mark: int, lexicon: cues.Lexicon) -> bool:
    before = text[max(0, open_mark - 20) : open_mark].lower().rstrip()
    return any(before.endswith(marker) for marker in lexicon.scare_markers)


def _governing_cue(
    sdoc: Doc, inside: Span, blocked: set[int], lexicon: cues.Lexicon, search_frame: bool
) -> Token | None:
    """The reporting word nearest to the quote that governs it or hangs from it."""
    candidates: set[int] = set()
    for token in inside:
        for child in token.children:
            if child.i not in blocked and cues.is_cue(child, lexicon):
                candidates.add(child.i)
        if inside.start <= token.head.i < inside.end:
            continue  # its ancestors outside the quote are those of the word it hangs from
        for ancestor in token.ancestors:
            if ancestor.i in blocked:
                continue
            if cues.is_cue(ancestor, lexicon):
                candidates.add(ancestor.i)
                break
            sibling = cues.participle_cue(ancestor, inside.start, lexicon)
            if sibling is not None:
                candidates.add(sibling.i)
                break
    if not candidates and search_frame:
        candidates = _frame_cues(sdoc, inside, blocked, lexicon)
    if not candidates:
        return None
    return sdoc[min(candidates, key=lambda i: _distance(sdoc[i], inside))]


def _frame_cues(sdoc: Doc, inside: Span, blocked: set[int], lexicon: cues.Lexicon) -> set[int]:
    """Reporting verbs outside quotes in the sentences the quote starts and ends in."""
    sentences = {inside[0].sent, inside[-1].sent}
    return {
        t.i
        for sent in sentences
        for t in sent
        if t.i not in blocked and t.pos_ in ("VERB", "AUX") and cues.is_cue(t, lexicon)
    }


def _distance(token: Token, inside: Span) -> int:
    if token.idx >= inside.end_char:
        return token.idx - inside.end_char
    return max(0, inside.start_char - token.idx - len(token.text))


def _colon_cue(sdoc: Doc, q: Quoted, blocked: set[int], lexicon: cues.Lexicon) -> Token | None:
    """"Caddell continued: “...”": the reporting verb of the clause the colon ends."""
    i = q.open_mark - 1
    text = _text(sdoc)
    while i >= 0 and text[i].isspace():
        i -= 1
    if i < 0 or text[i] != ":":
        return None
    colon = sdoc.char_span(i, i + 1, alignment_mode="expand")
    if colon is None:
        return None
    sentence = sdoc[colon.start].sent
    frame = [t for t in sentence if t.i < colon.start and t.i not in blocked]
    verbs = [t for t in frame if cues.is_cue(t, lexicon)]
    if verbs:
        return verbs[-1]
    roots = [t for t in frame if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
    return roots[-1] if roots else None


def _speaker(sdoc: Doc, cue: Token, blocked: set[int], lexicon: cues.Lexicon) -> Span | None:
    """The speaker span for a cue: its subject (or possessor), else a name beside it."""
    token = cues.speaker_token(cue, lexicon)
    if token is not None and token.i in blocked:
        token = None
    if token is not None:
        span = cues.speaker_span(token)
        if span.label_ or cues.is_pronoun(span) or span.root.ent_type_ or span.root.pos_ == "PROPN":
            return span
        beside = cues.adjacent_name(sdoc, cue, blocked)
        return beside if beside is not None else span
    return cues.adjacent_name(sdoc, cue, blocked)


def _inherited_speaker(
    found: list[_Found], q: Quoted, paras: list[tuple[int, int]]
) -> tuple[Span | None, Token | Span | None]:
    """A cue-less quoted sentence continues the previous quote of its paragraph, or one
    left open at the end of the previous paragraph: same speaker, same cue."""
    if not found:
        return None, None
    previous = found[-1]
    if previous.speaker is None or previous.quoted is None:
        return None, None
    if _same_paragraph(paras, previous.quoted.open_mark, q.open_mark) or (
        previous.quoted.open_ended and _paragraph_gap(paras, previous.quoted.open_mark, q.open_mark)
    ):
        return previous.speaker, previous.cue
    if _paragraph_gap(paras, previous.quoted.open_mark, q.open_mark) and _whole_paragraph(paras, q):
        # news convention: a paragraph that is all quotation, right after a quote with a
        # named speaker, goes on in that speaker's voice
        return previous.speaker, previous.cue
    return None, None


def _whole_paragraph(paras: list[tuple[int, int]], q: Quoted) -> bool:
    """The quotation fills its paragraph (up to closing punctuation after the mark)."""
    for s, e in paras:
        if s <= q.open_mark < e:
            return q.open_mark == s and (q.open_ended or q.close_mark >= e - 3)
    return False


def _paragraph_gap(paras: list[tuple[int, int]], a: int, b: int) -> bool:
    """True when ``b`` lies in the paragraph right after the one holding ``a``."""
    for k, (s, e) in enumerate(paras[:-1]):
        if s <= a < e:
            return paras[k + 1][0] <= b < paras[k + 1][1]
    return False


# --- indirect speech -----------------------------------------------------------------------


def _indirect_quotes(
    sdoc: Doc, blocked: set[int], lexicon: cues.Lexicon, direct: list[_Found]
) -> list[_Found]:
    found: list[_Found] = []
    for i in _cue_candidates(sdoc, lexicon):
        token = sdoc[i]
        if i in blocked:
            continue
        items: list[_Found] = []
        if token.lower_ == "in":
            items = _in_source(sdoc, token, blocked, lexicon)
        elif token.lower_ == "according":
            items = _according_to(sdoc, token, blocked, lexicon)
        elif token.pos_ == "NOUN":
            item = _noun_clause(sdoc, token, blocked, lexicon)
            items = [item] if item is not None else []
        elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lexicon.indirect_verbs:
            item = _reported_clause(sdoc, token, blocked, lexicon)
            items = [item] if item is not None else _parenthetical(sdoc, token, blocked, lexicon)
        found.extend(item for item in items if not _mostly_quoted(item, direct))
    return [item for item in found if not _belief_within(item, found, lexicon)]


def _belief_within(item: _Found, found: list[_Found], lexicon: cues.Lexicon) -> bool:
    """Speech, a belief or an intention reported inside someone's reported words ("said she
    plans to ...", "said the mayor told him ...") is part of what they said, as PolNeAR
    annotates it, not an attribution of its own."""
    cue = item.cue
    if not isinstance(cue, Token):
        return False
    return any(other is not item and other.start <= cue.idx < other.end for other in found)


@functools.lru_cache(maxsize=8)
def _cue_lemmas(lexicon: cues.Lexicon) -> frozenset[str]:
    """The lemmas of cue words (also capitalised), once per lexicon."""
    words = lexicon.indirect_verbs | lexicon.nouns | lexicon.clause_nouns
    return frozenset(words) | frozenset(w.capitalize() for w in words)


def _cue_candidates(sdoc: Doc, lexicon: cues.Lexicon) -> list[int]:
    """Indices of the tokens whose lemma is a reporting verb, or "according": found on the
    token lists (:mod:`newsevents.token_attrs`) rather than by visiting every token."""
    wanted = _cue_lemmas(lexicon)
    return [
        i
        for i, (lemma, lower) in enumerate(
            zip(token_attrs.lemmas(sdoc), token_attrs.lowers(sdoc), strict=True))
        if lemma in wanted or lower == "according" or lower == "in"
    ]


def _reported_clause(
    sdoc: Doc, cue: Token, blocked: set[int], lexicon: cues.Lexicon
) -> _Found | None:
    clause = next((c for c in cue.children if c.dep_ in _CLAUSE_DEPS), None)
    nominal = False
    if clause is not None:
        tokens = list(clause.subtree)
        if tokens and tokens[0].lower_ in ("that", "whether", "if") and tokens[0].dep_ == "mark":
            tokens = tokens[1:]
        if len(tokens) < 3:
            return None
    elif cue.lemma_.lower() in lexicon.verbs or cue.lemma_.lower() in lexicon.stance_verbs:
        tokens = cues.object_content(cue, lexicon)
        nominal = True
    else:
        return None
    passive = nominal and (passive_tokens := cues.passive_content(cue, lexicon)) != []
    if passive:
        tokens = passive_tokens
    # "it was reported that ...": a passive verb reports a clause without saying whose
    passive = passive or not nominal and any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children)
    if not tokens or (not passive and any(t.i == cue.i for t in tokens)):
        return None
    speaker = _speaker(sdoc, cue, blocked, lexicon)
    if speaker is None and not passive:
        return None
    last = tokens[-1].i
    while last + 1 < len(sdoc) and last in blocked and sdoc[last + 1].is_punct:
        last += 1  # a clause ending inside a quotation: keep its closing punctuation and mark
    start, end = _trimmed_chars(sdoc, tokens[0].idx, sdoc[last].idx + len(sdoc[last].text))
    if end <= start:
        return None
    return _Found(start, end, "indirect", cue, speaker, nominal=nominal)


def _noun_clause(
    sdoc: Doc, cue: Token, blocked: set[int], lexicon: cues.Lexicon
) -> _Found | None:
    """"Trump's claim that ...", "his plans to ...": a reporting or stance noun whose
    possessor (or "by" agent) holds the clause or infinitive that follows it."""
    tokens = cues.noun_clause(cue, lexicon)
    if len(tokens) < 3:
        return None
    holder = cues.speaker_token(cue, lexicon)
    if holder is None or holder.i in blocked:
        return None
    last = tokens[-1].i
    while last + 1 < len(sdoc) and last in blocked and sdoc[last + 1].is_punct:
        last += 1
    start, end = _trimmed_chars(sdoc, tokens[0].idx, sdoc[last].idx + len(sdoc[last].text))
    if end <= start:
        return None
    return _Found(start, end, "indirect", cue, cues.speaker_span(holder))


def _in_source(sdoc: Doc, token: Token, blocked: set[int], lexicon: cues.Lexicon) -> list[_Found]:
    """"In an interview with CNN, Trump said ..." is the verb's; "In the latest Post poll,
    Clinton led by five points" / "In a statement, the ministry ..." : a sentence-opening
    "in" whose object is a reporting noun or a source word makes the rest of the sentence
    that source's (the noun's possessor, the poll itself, or the clause's subject)."""
    noun = next((c for c in token.children if c.dep_ == "pobj"), None)
    if noun is None or token.dep_ != "prep" or token.i != token.sent.start:
        return []
    lemma = noun.lemma_.lower()
    if lemma not in lexicon.nouns and lemma not in lexicon.headline_sources:
        return []
    head = token.head
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() in lexicon.indirect_verbs:
        return []  # a reporting verb carries its own attribution
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        speaker: Span | None = cues.speaker_span(owner)
    elif lemma in lexicon.headline_sources:
        speaker = sdoc[noun.left_edge.i : noun.i + 1]
    else:
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        speaker = cues.speaker_span(subject) if subject is not None else None
    if speaker is None or any(t.i in blocked for t in speaker):
        return []
    return _around(sdoc, token, token, speaker)


def _according_to(
    sdoc: Doc, token: Token, blocked: set[int], lexicon: cues.Lexicon
) -> list[_Found]:
    """"According to X, ...": the rest of the sentence is X's."""
    phrase = cues.phrase_at(token, lexicon)
    source = cues.speaker_token(token, lexicon) if phrase is not None else None
    if phrase is None or source is None or token.head.i in {t.i for t in token.subtree}:
        return []
    return _around(sdoc, token, phrase, cues.speaker_span(source))


def _parenthetical(
    sdoc: Doc, cue: Token, blocked: set[int], lexicon: cues.Lexicon
) -> list[_Found]:
    """"The museum, Mr. Obama said, would ..." / "... is over, she said.": a reporting
    clause set into the sentence it reports, without quotation marks."""
    if cue.dep_ != "parataxis" or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in cue.children):
        return []
    speaker = _speaker(sdoc, cue, blocked, lexicon)
    return _around(sdoc, cue, cue, speaker) if speaker is not None else []


def _around(sdoc: Doc, token: Token, cue: Token | Span, speaker: Span) -> list[_Found]:
    """The parts of the sentence before and after ``token``'s phrase, one quote each; they
    share the cue, so together they make one attribution."""
    cut = {t.i for t in token.subtree}
    sentence = token.sent
    parts = (
        [t for t in sentence if t.i < min(cut)],
        [t for t in sentence if t.i > max(cut)],
    )
    found = []
    sizes = [sum(1 for t in part if not t.is_punct) for part in parts]
    for part, size in zip(parts, sizes, strict=True):
        # a short part counts beside a long one: "The museum, Obama said, would ..."
        if size == 0 or size < 3 and max(sizes) < 3:
            continue
        start, end = _trimmed_chars(sdoc, part[0].idx, part[-1].idx + len(part[-1].text))
        if end > start:
            found.append(_Found(start, end, "indirect", cue, speaker))
    return found


def _trimmed_chars(sdoc: Doc, start: int, end: int) -> tuple[int, int]:
    text = _text(sdoc)
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _mostly_quoted(item: _Found, direct: list[_Found]) -> bool:
    """An indirect clause that is (nearly) all one quotation is that quote, not new speech;
    one that adds words of the author's ("he would “...”") stays the attribution."""
    length = item.end - item.start
    for q in direct:
        overlap = min(item.end, q.end) - max(item.start, q.start)
        if overlap >= length - _QUOTE_SLACK or overlap > 0.5 * length and not _same_cue(item.cue, q.cue):
            return True
    return False


def _with_quotation(item: _Found, quoted: list[Quoted]) -> _Found:
    """An indirect clause holding a quotation ("claimed there had been “thousands of
    shootings” in Chicago") is one partial quote: the clause is the content, as PolNeAR
    annotates it, and the quoted words are the speaker's own."""
    if any(item.start <= q.open_mark < item.end for q in quoted):
        return dataclasses.replace(item, kind="partial")
    return item


def _same_cue(a: Token | Span | None, b: Token | Span | None) -> bool:
    if isinstance(a, Token) and isinstance(b, Token):
        return a.i == b.i
    return False


# --- records -------------------------------------------------------------------------------


def _record(doc: Document, found: _Found) -> Quote:
    text = doc.text
    speaker = _text_span(text, found.speaker) if found.speaker is not None else None
    cue = _text_span(text, found.cue) if found.cue is not None else None
    actor_id = _actor_id(doc, speaker) if speaker is not None else None
    return Quote(
        start=found.start,
        end=found.end,
        text=text[found.start : found.end],
        kind=found.kind,
        speaker_actor_id=actor_id,
        speaker=speaker,
        cue=cue,
        extractor=VERSION,
    )


def _text_span(text: str, item: Token | Span) -> TextSpan:
    if isinstance(item, Token):
        start, end = item.idx, item.idx + len(item.text)
    else:
        start, end = item.start_char, item.end_char
    return TextSpan(start, end, text[start:end])


def _actor_id(doc: Document, speaker: TextSpan) -> str | None:
    """The actor the speaker words refer to, as resolved by the actors stage."""
    from newsevents.stages import actors

    lookup = getattr(actors, "mention_at", None)
    if lookup is not None:
        mention = lookup(doc, speaker.start, speaker.end)
        if mention is not None:
            return str(mention.actor_id)
    best = None
    for mention in doc.actor_mentions:
        if mention.start < speaker.end and speaker.start < mention.end:
            if best is None or (mention.end - mention.start) > (best.end - best.start):
                best = mention
    return best.actor_id if best is not None else None


def _mark_claimed(doc: Document) -> None:
    """Events said inside a quote are claims of its speaker, not facts the author states."""
    if not doc.events or not doc.quotes:
        return
    updated: list[Quote] = []
    for quote in doc.quotes:
        ids: list[str] = []
        for k, event in enumerate(doc.events):
            if quote.start <= event.trigger.start and event.trigger.end <= quote.end:
                ids.append(event.id)
                doc.events[k] = dataclasses.replace(
                    event, modality="claimed", claimed_by=quote.speaker_actor_id
                )
        updated.append(dataclasses.replace(quote, event_ids=tuple(ids)) if ids else quote)
    doc.quotes[:] = updated
