"""Building an :class:`Article` from raw text and metadata, with its stable id."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from newsevents.clean import clean_text
from newsevents.errors import EmptyInput
from newsevents.records import Article


def article_id(text: str, url: str | None = None) -> str:
    """Id of an article: a hash of its cleaned text and url; the same article twice, one id."""
    digest = hashlib.sha256()
    digest.update(text.encode("utf-8"))
    if url:
        digest.update(b"\x00" + url.strip().encode("utf-8"))
    return digest.hexdigest()[:16]


def normalise_date(value: Any) -> str | None:
    """An ISO ``YYYY-MM-DD`` date from a date, datetime or string, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date().isoformat() if parsed else None


def make_article(
    raw_text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    author: str | None = None,
    published: Any = None,
    language: str | None = None,
    origin: str | None = None,
) -> Article:
    """Clean ``raw_text`` and wrap it with its metadata; raises EmptyInput if nothing is left."""
    text = clean_text(raw_text)
    if not text.strip():
        raise EmptyInput("the article has no text after cleaning; check the file is not empty")
    return Article(
        id=article_id(text, url),
        text=text,
        title=title.strip() if title else None,
        url=url or None,
        source=source or None,
        author=author or None,
        published=normalise_date(published),
        language=language,
        origin=origin,
    )
