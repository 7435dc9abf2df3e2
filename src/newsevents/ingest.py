"""Reading articles from files, folders, JSON Lines and stdin.

Every input becomes either an :class:`~newsevents.records.Article` or an
:class:`IngestFailure` carrying the reason; a bad input never stops the stream.

Formats, chosen by file extension (or sniffed for stdin):
- ``.txt``, ``.md``, ``.text``: plain text (markdown residue is cleaned); metadata from a
  ``NAME.meta.json`` sidecar when present, else the flags;
- ``.html``, ``.htm``: main text and metadata extracted with trafilatura;
- ``.jsonl``, ``.ndjson``: one JSON object a line with ``text`` (or ``html``) and optional
  ``title``, ``url``, ``published``, ``source``, ``author``, ``id``;
- ``.json``: one such object, or a list of them;
- folders: every file of those kinds below them, recursively, in sorted order.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import itertools
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from newsevents.articles import make_article
from newsevents.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    MalformedRecord,
    NotEnglish,
    TooLarge,
)
from newsevents.paths import DATA_DIR
from newsevents.records import Article

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
ALL_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES
METADATA_FIELDS = ("title", "url", "source", "author", "published")

#: Articles longer than this many characters are refused (spaCy's parse grows with length;
#: a 50 MB "article" is almost always a dump of many). Override with ``max_chars``.
DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class IngestFailure:
    """An input that could not become an article, with why. ``id`` is stable per input."""

    id: str
    origin: str
    reason: str
    message: str


@dataclass
class ReadOptions:
    """How inputs are read. Metadata given here fills what the input does not say."""

    metadata: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS
    check_language: bool = True


Item = Article | IngestFailure


def failure(origin: str, content: bytes | str, error: InputError) -> IngestFailure:
    data = content.encode("utf-8", "replace") if isinstance(content, str) else content
    digest = hashlib.sha256(origin.encode("utf-8") + b"\x00" + data).hexdigest()[:16]
    return IngestFailure(id=digest, origin=origin, reason=error.reason, message=str(error))


def read_inputs(
    paths: Iterable[str], options: ReadOptions | None = None, stdin: IO[bytes] | None = None
) -> Iterator[Item]:
    """Yield an Article or an IngestFailure for every article found under ``paths``.

    ``-`` reads standard input (``stdin``), sniffing JSON Lines, HTML or plain text.
    """
    opts = options or ReadOptions()
    for path in paths:
        if path == "-":
            if stdin is None:
                raise ValueError("'-' given but no stdin stream")
            yield from _read_stream(stdin.read(), "stdin", opts)
            continue
        target = Path(path)
        if target.is_dir():
            for file in sorted(_walk(target)):
                yield from read_file(file, opts)
        elif target.exists():
            yield from read_file(target, opts)
        else:
            yield failure(
                str(target),
                b"",
                InputError(f"{target} does not exist; check the path (folders are read recursively)"),
            )


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            file = Path(root) / name
            if name.startswith(".") or name.endswith(".meta.json"):
                continue
            if file.suffix.lower() in ALL_SUFFIXES:
                yield file


def read_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    """Yield the article(s) in one file."""
    suffix = path.suffix.lower()
    origin = str(path)
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, options)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield failure(origin, b"", InputError(f"cannot read {path}: {exc.strerror}"))
        return
    metadata = {**options.metadata, **_sidecar(path)}
    if suffix in JSON_SUFFIXES:
        yield from _read_json_document(data, origin, options)
    elif suffix in HTML_SUFFIXES:
        yield _build(data, origin, options, metadata, html=True)
    else:
        yield _build(data, origin, options, metadata, html=False)


def _sidecar(path: Path) -> dict[str, Any]:
    """Metadata from ``NAME.meta.json`` beside ``NAME.txt`` (or ``NAME.txt.meta.json``)."""
    for candidate in (path.with_suffix(".meta.json"), path.with_name(path.name + ".meta.json")):
        if candidate.is_file():
            try:
                meta = json.loads(candidate.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                return {}
            if isinstance(meta, dict):
                return {k: meta[k] for k in (*METADATA_FIELDS, "language") if meta.get(k)}
    return {}


def _read_stream(data: bytes, origin: str, options: ReadOptions) -> Iterator[Item]:
    head = data.lstrip()[:1]
    if head == b"{":
        yield from _read_jsonl_lines(data.splitlines(), origin, options)
    elif head == b"[":
        yield from _read_json_document(data, origin, options)
    else:
        is_html = bool(re.match(rb"\s*<(!doctype|html|head|body|article|div|p)\b", data[:500], re.I))
        yield _build(data, origin, options, dict(options.metadata), html=is_html)


def _read_jsonl_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    try:
        with path.open("rb") as handle:
            yield from _read_jsonl_lines(handle, str(path), options)
    except OSError as exc:
        yield failure(str(path), b"", InputError(f"cannot read {path}: {exc.strerror}"))


def _read_jsonl_lines(lines: Iterable[bytes], origin: str, options: ReadOptions) -> Iterator[Item]:
    """One record a line; a bad line becomes a failure and the rest go on (streaming)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield failure(where, line, MalformedRecord(f"line {number} is not valid JSON: {exc}"))
            continue
        yield _from_record(record, where, line, options)


def _read_json_document(data: bytes, origin: str, options: ReadOptions) -> Iterator[Item]:
    try:
        parsed = json.loads(data)
    except ValueError as exc:
        yield failure(origin, data, MalformedRecord(f"not valid JSON: {exc}"))
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    for index, record in enumerate(records):
        where = origin if len(records) == 1 else f"{origin}[{index}]"
        yield _from_record(record, where, json.dumps(record, default=str).encode(), options)


def _from_record(record: Any, origin: str, raw: bytes, options: ReadOptions) -> Item:
    if not isinstance(record, dict):
        return failure(origin, raw, MalformedRecord("a record must be a JSON object with a 'text' field"))
    text = record.get("text")
    is_html = False
    if not isinstance(text, str) and isinstance(record.get("html"), str):
        text, is_html = record["html"], True
    if not isinstance(text, str):
        return failure(
            origin, raw, MalformedRecord("the record has no 'text' (or 'html') string field")
        )
    metadata = {**options.metadata, **{k: record[k] for k in METADATA_FIELDS if record.get(k)}}
    if record.get("language"):
        metadata["language"] = record["language"]
    return _build(text.encode("utf-8"), origin, options, metadata, html=is_html)


def _build(
    data: bytes, origin: str, options: ReadOptions, metadata: dict[str, Any], *, html: bool
) -> Item:
    """Decode, extract, clean and check one input; never raises for bad input."""
    try:
        text = decode(data, options.encoding)
        if html:
            text, found = extract_html(text)
            metadata = {**found, **metadata} if found else metadata
        if len(text) > options.max_chars:
            raise TooLarge(
                f"the article has {len(text):,} characters, over the limit of "
                f"{options.max_chars:,}; split it into articles or raise --max-chars"
            )
        fields = {k: metadata.get(k) for k in METADATA_FIELDS}
        article = make_article(text, origin=origin, language=metadata.get("language"), **fields)
        if options.check_language:
            language = article.language or detect_language(article.text)
            if language != "en":
                raise NotEnglish(
                    f"the article looks like language {language!r}, and newsevents codes English "
                    "news only; pass --no-language-check to process it anyway"
                )
            if article.language is None:
                article = _with_language(article, language)
        return article
    except InputError as exc:
        return failure(origin, data, exc)
    except Exception as exc:  # noqa: BLE001 - an odd input must cost one article, not the batch
        return failure(origin, data, InputError(f"could not read the input: {type(exc).__name__}: {exc}"))


def _with_language(article: Article, language: str) -> Article:
    from dataclasses import replace

    return replace(article, language=language)


def decode(data: bytes, encoding: str | None = None) -> str:
    """Bytes to text: the given encoding, else UTF-8 (with or without BOM), UTF-16 with a BOM,
    then Windows-1252; binary data is refused."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise EncodingError(f"cannot decode as {encoding}: {exc}") from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if looks_binary(data):
        raise BinaryInput(
            "the input is binary (not text); give newsevents text, HTML or JSON Lines files"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            "the text is neither UTF-8 nor Windows-1252; pass --encoding NAME "
            "(for example --encoding latin-1) to say what it is"
        ) from exc


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean it is not text."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.05


#: bytes counted as control characters by :func:`looks_binary` (tab to CR are text)
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)


def extract_html(markup: str) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of an HTML page (trafilatura), falling back to all the text."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            markup, include_comments=False, include_tables=False, with_metadata=True
        )
    except Exception:  # noqa: BLE001 - malformed HTML must not stop the batch
        document = None
    metadata: dict[str, Any] = {}
    text = ""
    if document is not None:
        data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
        text = data.get("text") or ""
        for key, target in (("title", "title"), ("url", "url"), ("sitename", "source"),
                            ("author", "author"), ("date", "published")):
            if data.get(key):
                metadata[target] = data[key]
    if not text.strip():
        text = _strip_tags(markup)
    if not text.strip():
        raise EmptyInput("the HTML page has no readable text")
    return text, metadata


def _strip_tags(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style|noscript)\b.*?(</\1>|$)", " ", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</h\d\s*>", "\n\n", markup)
    text = re.sub(r"<[^>]*>?", " ", markup)
    import html

    return html.unescape(text)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; 'en' when too short to tell. The first 1,000
    characters decide (the same answers as 3,000 on the 1,128 bench articles and the bad-input
    files, at half the cost). Text that is English beyond doubt (:func:`clearly_english`) is
    not given to py3langid."""
    sample = text[:1000]
    if next(itertools.islice(filter(str.isalpha, sample), 39, None), None) is None:
        return "en"  # fewer than 40 letters
    if clearly_english(sample):
        return "en"
    import py3langid as langid

    language, _score = langid.classify(sample)
    return str(language)


def load_language_model() -> None:
    """Load py3langid's model now (about 0.4 s of CPU) rather than at the first article that is
    not clearly English: for ``newsevents ingest``, whose inputs nearly always hold some (7% of
    the bench articles), so that the load is part of the start-up, not of the run."""
    import py3langid as langid

    langid.classify("news")


#: a word for :func:`clearly_english`: a run of letters (any alphabet)
_WORD = re.compile(r"[^\W\d_]+")


def clearly_english(sample: str) -> bool:
    """True when ``sample`` is English beyond doubt, checked in a few microseconds where
    py3langid takes over a millisecond: at least 30 words, nearly all in unaccented Latin
    letters, at least 8% of them English function words found in no other language (English
    news has about 12%, text in other languages next to none) and at most two of the
    commonest function words of other languages (data/language/function_words.tsv).
    1,048 of the 1,128 bench articles are decided here, each as py3langid decides it; text
    that is not clearly English (mixed, short, another alphabet) still goes to py3langid."""
    words = _WORD.findall(sample.lower())
    if len(words) < 30:
        return False
    english, foreign = _function_words()
    if sum(word in english for word in words) < 0.08 * len(words):
        return False
    if sum(word in foreign for word in words) > 2:
        return False
    accented = sum(len(word) for word in words if not word.isascii())
    return accented <= 0.05 * sum(map(len, words))


@functools.cache
def _function_words() -> tuple[frozenset[str], frozenset[str]]:
    """English-only function words, and those of other languages, for :func:`clearly_english`."""
    english: set[str] = set()
    foreign: set[str] = set()
    with open(DATA_DIR / "language" / "function_words.tsv", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            language, words = line.rstrip("\n").split("\t")
            (english if language == "en" else foreign).update(words.split())
    return frozenset(english), frozenset(foreign)
