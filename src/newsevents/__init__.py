"""newsevents: news reports in, event data out, every item tied to its characters."""

from __future__ import annotations

from typing import Any

from newsevents.errors import NewseventsError
from newsevents.records import (
    Actor,
    ActorMention,
    Article,
    Event,
    Place,
    Quantity,
    Quote,
    Result,
    TimeExpression,
)

__version__ = "0.1.0"


def extract(text: str, published: Any = None, **metadata: Any) -> Result:
    """Run the whole pipeline on one article's text; nothing is stored.

    ``published`` anchors relative dates ("Tuesday", "last June"); ``metadata`` may give
    ``title``, ``url``, ``source``, ``author``.
    """
    from newsevents.articles import make_article
    from newsevents.pipeline import process

    return process(make_article(text, published=published, **metadata))


def open_store(url: str = "newsevents.db") -> Any:
    """Open (creating if needed) the event database at a path or SQLAlchemy URL."""
    from newsevents.store import Store

    return Store.open(url)


__all__ = [
    "Actor",
    "ActorMention",
    "Article",
    "Event",
    "NewseventsError",
    "Place",
    "Quantity",
    "Quote",
    "Result",
    "TimeExpression",
    "extract",
    "open_store",
]
