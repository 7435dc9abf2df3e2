"""Cleaning text before parsing: markdown/HTML residue, broken lines, odd whitespace.

The cleaned text is what every offset points into, so cleaning happens once, before
the article gets its id, and nothing after it changes the text.
"""

from __future__ import annotations

import html
import re
import unicodedata

# *italics*, **bold**, _italics_ around a word or phrase (not list bullets, not maths)
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
# markdown backslash escapes: \$ \* \_ \# \[ \] ...
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$%&~|>])")
# [link text](http://...) -> link text
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/)[^)\s]*\)")
# leftover tags from HTML converted badly
_TAG = re.compile(r"</?(?:p|br|div|span|em|strong|i|b|a|font|u)(?:\s[^<>]*)?/?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff]")
_BLANKS = re.compile(r"\n\s*\n+")
# a paragraph that stops mid-sentence: no closing punctuation at its end
_OPEN_END = re.compile(r"[\w,;\-–—]$")
# a paragraph that continues one: starts lower-case, or with a quotation mark then lower-case
_CONTINUATION = re.compile(r"^[\"“‘'(]?[a-z]")


def clean_text(raw: str) -> str:
    """Return the cleaned article text: the string all offsets point into."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if "&" in text and re.search(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", text, re.IGNORECASE):
        text = html.unescape(text)
    text = _TAG.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    paragraphs = [p.replace("\n", " ") if _is_wrapped(p) else p for p in _BLANKS.split(text)]
    return "\n\n".join(_join_broken(paragraphs)).strip()


def _is_wrapped(paragraph: str) -> bool:
    """True for a paragraph hard-wrapped at a fixed width (lines joined into one)."""
    lines = paragraph.split("\n")
    if len(lines) < 2:
        return False
    return all(_OPEN_END.search(line) or line.endswith(".") for line in lines[:-1]) and all(
        len(line) > 30 for line in lines[:-1]
    )


def _join_broken(paragraphs: list[str]) -> list[str]:
    """Join a sentence that an HTML conversion broke across a blank line."""
    out: list[str] = []
    for paragraph in paragraphs:
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        if out and _OPEN_END.search(out[-1]) and _CONTINUATION.match(paragraph):
            out[-1] = out[-1] + " " + paragraph
        else:
            out.append(paragraph)
    return out
