"""Per-token attributes of a parsed document as plain Python lists.

Indexing a spaCy ``Doc`` builds a new ``Token`` object on every access, and ``Doc.text``
re-joins every token, so the stages that look at every word read these lists instead:
each is read once from spaCy's attribute arrays (``Doc.to_array``) and kept in the Doc's
user data, where the next stage finds it.
"""

from __future__ import annotations

from spacy.attrs import ENT_TYPE, IDX, LEMMA, LOWER, ORTH, POS, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

_KEY = "newsevents.token_attrs."
_TEXT_KEY = "newsevents.text"

#: spaCy string id → string, for every document: a ``StringStore`` lookup builds a new
#: ``str`` each time (and a new string must be hashed again as a dictionary key). The ids
#: are hashes of the strings, the same in every spaCy vocabulary.
_STRINGS: dict[int, str] = {}
#: ... emptied when it grows past this many strings
_MAX_STRINGS = 1 << 18


def text(doc: Doc) -> str:
    """The document's text (``Doc.text``), joined at most once."""
    found = doc.user_data.get(_TEXT_KEY)
    if found is None:
        found = doc.user_data[_TEXT_KEY] = doc.text
    return str(found)


def keep_text(doc: Doc, article_text: str) -> None:
    """Store the article's text as the document's: a stage that has it (``Document.text``,
    which the parse stage checked is the Doc's) spares the join."""
    doc.user_data[_TEXT_KEY] = article_text


def texts(doc: Doc) -> list[str]:
    """Every token's text."""
    return _strings(doc, "texts", ORTH)


def capitalised(doc: Doc) -> list[bool]:
    """Whether each token's text begins with a capital."""
    found: list[bool] | None = doc.user_data.get(_KEY + "capitalised")
    if found is None:
        found = doc.user_data[_KEY + "capitalised"] = [t[:1].isupper() for t in texts(doc)]
    return found


def lowers(doc: Doc) -> list[str]:
    """Every token's lower-case form (``Token.lower_``)."""
    return _strings(doc, "lowers", LOWER)


def lemmas(doc: Doc) -> list[str]:
    """Every token's lemma (``Token.lemma_``)."""
    return _strings(doc, "lemmas", LEMMA)


def pos(doc: Doc) -> list[str]:
    """Every token's universal part of speech (``Token.pos_``)."""
    return _strings(doc, "pos", POS)


def tags(doc: Doc) -> list[str]:
    """Every token's fine-grained tag (``Token.tag_``)."""
    return _strings(doc, "tags", TAG)


def entity_types(doc: Doc) -> list[str]:
    """Every token's entity label, "" outside entities (``Token.ent_type_``)."""
    return _strings(doc, "entity_types", ENT_TYPE)


def entities(doc: Doc) -> tuple[Span, ...]:
    """The named entities (``Doc.ents``, which builds every span again on each access)."""
    found: tuple[Span, ...] | None = doc.user_data.get(_KEY + "entities")
    if found is None:
        found = doc.user_data[_KEY + "entities"] = tuple(doc.ents)
    return found


def starts(doc: Doc) -> list[int]:
    """Every token's character offset (``Token.idx``)."""
    found: list[int] | None = doc.user_data.get(_KEY + "starts")
    if found is None:
        found = doc.user_data[_KEY + "starts"] = doc.to_array(IDX).tolist() if len(doc) else []
    return found


def _strings(doc: Doc, name: str, attr: int) -> list[str]:
    found: list[str] | None = doc.user_data.get(_KEY + name)
    if found is None:
        ids = doc.to_array(attr).tolist() if len(doc) else []
        found = doc.user_data[_KEY + name] = _decode(doc.vocab.strings, ids)
    return found


def _decode(strings: StringStore, ids: list[int]) -> list[str]:
    try:
        return [_STRINGS[i] for i in ids]
    except KeyError:  # words not seen before
        if len(_STRINGS) > _MAX_STRINGS:
            _STRINGS.clear()
        for i in ids:
            if i not in _STRINGS:
                _STRINGS[i] = strings[i]
        return [_STRINGS[i] for i in ids]
