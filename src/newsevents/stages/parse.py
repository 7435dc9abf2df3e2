"""Stage ``parse``: spaCy tokens, sentences, POS tags, dependencies and entities."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.nlp import MODEL_NAME, load_model

if TYPE_CHECKING:
    from newsevents.pipeline import Document

NAME = "parse"
VERSION = f"parse.v1+{MODEL_NAME}"


def run(doc: Document) -> None:
    if doc.spacy is None:
        doc.spacy = load_model()(doc.text)
    check(doc)


def check(doc: Document) -> None:
    """The parse must cover exactly the article text (offsets depend on it)."""
    if doc.doc.text != doc.text:
        raise ValueError("spaCy Doc text differs from the article text")
