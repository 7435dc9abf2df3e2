"""Reading inputs: formats, metadata, and bad input that must fail alone with a reason."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsevents.articles import article_id
from newsevents.clean import clean_text
from newsevents.ingest import (
    IngestFailure,
    ReadOptions,
    clearly_english,
    decode,
    detect_language,
    read_inputs,
)
from newsevents.records import Article

BAD = Path(__file__).parent / "data" / "bad"
EXAMPLES = Path(__file__).parent.parent / "examples"


def _by_origin(items: list) -> dict[str, Article | IngestFailure]:
    return {Path(item.origin).name: item for item in items}


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty"),
        ("whitespace.txt", "empty"),
        ("image-named-as-text.txt", "binary"),
        ("undecodable.txt", "encoding"),
        ("not-english.txt", "not_english"),
    ],
)
def test_ingest_bad_file_fails_with_reason(name: str, reason: str) -> None:
    items = list(read_inputs([str(BAD / name)]))
    assert len(items) == 1
    assert isinstance(items[0], IngestFailure)
    assert items[0].reason == reason
    assert items[0].message  # says what went wrong


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("windows-1252.txt", "Medellín"),
        ("malformed.html", "Police in Lagos arrested 30 protesters"),
    ],
)
def test_ingest_recoverable_input_is_read(name: str, expected: str) -> None:
    (item,) = list(read_inputs([str(BAD / name)]))
    assert isinstance(item, Article), item
    assert expected in item.text


def test_ingest_folder_goes_on_past_bad_inputs() -> None:
    items = list(read_inputs([str(BAD)]))
    articles = [i for i in items if isinstance(i, Article)]
    failed = [i for i in items if isinstance(i, IngestFailure)]
    assert len(articles) == 4  # windows-1252, malformed html, two good JSONL records
    assert {f.reason for f in failed} == {"empty", "binary", "encoding", "not_english", "malformed_record"}


def test_ingest_jsonl_bad_lines_named_by_line_number() -> None:
    items = list(read_inputs([str(BAD / "records.jsonl")]))
    origins = {i.origin.rsplit(":", 1)[1]: i for i in items}
    assert isinstance(origins["1"], Article) and isinstance(origins["5"], Article)
    for line in ("2", "3", "4"):
        assert isinstance(origins[line], IngestFailure)
        assert origins[line].reason == "malformed_record"
    assert origins["1"].published == "2024-05-02"
    assert origins["1"].title == "Flood talks"


def test_ingest_huge_input_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    sentence = "The minister said the talks in Geneva would resume next week. "
    huge.write_text(sentence * (50_000_000 // len(sentence)), encoding="utf-8")
    (item,) = list(read_inputs([str(huge)]))
    assert isinstance(item, IngestFailure)
    assert item.reason == "too_large"
    assert "--max-chars" in item.message


def test_ingest_missing_path_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    (item,) = list(read_inputs([str(tmp_path / "nope.txt")]))
    assert isinstance(item, IngestFailure)
    assert "does not exist" in item.message


def test_ingest_sidecar_metadata_is_used() -> None:
    path = EXAMPLES / "2024-03-12-burkina-faso-attack.txt"
    (item,) = list(read_inputs([str(path)]))
    assert isinstance(item, Article)
    assert item.published == "2024-03-12"
    assert item.title and item.title.startswith("Gunmen kill 15 soldiers")


def test_ingest_html_metadata_from_page() -> None:
    (item,) = list(read_inputs([str(EXAMPLES / "2024-11-14-paris-rail-strike.html")]))
    assert isinstance(item, Article)
    assert item.published == "2024-11-14"
    assert "French rail workers walked off the job" in item.text
    assert "All rights reserved" not in item.text  # boilerplate removed


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        (b'{"text": "Police in Lima arrested five students on Monday, officials said.", "published": "2024-01-08"}\n', Article),
        (b"Police in Lima arrested five students on Monday, the interior ministry said in a statement.", Article),
        (b"<html><body><p>Police in Lima arrested five students on Monday, the interior ministry said in a statement issued in the capital.</p></body></html>", Article),
        (b"", None),
    ],
)
def test_ingest_stdin_is_sniffed(payload: bytes, kind: type | None) -> None:
    items = list(read_inputs(["-"], ReadOptions(), stdin=io.BytesIO(payload)))
    if kind is None:
        assert items == [] or isinstance(items[0], IngestFailure)
    else:
        assert isinstance(items[0], kind), items


def test_ingest_same_text_same_id() -> None:
    a = list(read_inputs(["-"], stdin=io.BytesIO(b"Troops withdrew from the town of Bakhmut on Sunday, the army said.")))[0]
    b = list(read_inputs(["-"], stdin=io.BytesIO(b"Troops  withdrew from the town of Bakhmut on Sunday, the army said.\n")))[0]
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.id == b.id == article_id(a.text)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("some \\$2 billion", "some $2 billion"),
        ("the magazine *Proceso* said", "the magazine Proceso said"),
        ("the **bold** claim", "the bold claim"),
        ("the questions of\n\n“security” and trade", "the questions of “security” and trade"),
        ("Headline\n\nBody starts here.", "Headline\n\nBody starts here."),
        ("a [link](https://example.org/x) here", "a link here"),
        ("x\u00a0y\r\nz", "x y\nz"),
        ("5 * 3 = 15", "5 * 3 = 15"),
    ],
)
def test_clean_markdown_residue(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_decode_forced_encoding_error_says_how() -> None:
    from newsevents.errors import EncodingError

    with pytest.raises(EncodingError, match="cannot decode as ascii"):
        decode("café".encode(), "ascii")


def test_ingest_json_document_list(tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text(json.dumps([
        {"text": "The army shelled the village of Kherson on Monday, officials said.", "published": "2023-03-06"},
        {"text": "Rebels released 12 hostages in Kidal on Friday, the United Nations said.", "published": "2023-03-10"},
    ]), encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [type(i) for i in items] == [Article, Article]


_ENGLISH = (
    "The mayor of Medellin said on Monday that police had arrested 12 people after clashes in the "
    "city centre, and that the officers who were hurt would be back at work this week. Residents "
    "said they had not seen such violence since the election, which the opposition lost. "
)
_SPANISH = (BAD / "not-english.txt").read_text(encoding="utf-8")
_GERMAN = (
    "Die Polizei hat am Montag in der Innenstadt zwölf Menschen festgenommen, nachdem es bei einer "
    "Demonstration gegen die Regierung zu Zusammenstößen gekommen war. Der Bürgermeister sagte, "
    "die Stadt werde keine Gewalt dulden, und rief zur Ruhe auf. "
)
_RUSSIAN = (
    "Полиция в понедельник задержала двенадцать человек после столкновений в центре города, "
    "сообщил мэр. Он заявил, что город не потерпит насилия, и призвал жителей к спокойствию. "
)


@pytest.mark.parametrize(
    ("text", "clear"),
    [
        (_ENGLISH, True),
        (_ENGLISH * 3, True),
        ("The talks in Geneva would resume next week, the minister said.", False),  # too short
        (_SPANISH, False),
        (_GERMAN, False),
        (_RUSSIAN * 2, False),
        (_ENGLISH + _SPANISH, False),  # mixed: py3langid decides
        (_ENGLISH[:200] + _GERMAN, False),
        (_ENGLISH + _RUSSIAN, False),
    ],
)
def test_ingest_clearly_english_only_when_beyond_doubt(text: str, clear: bool) -> None:
    assert clearly_english(text[:1000]) is clear


@pytest.mark.parametrize(
    ("text", "language"),
    [(_ENGLISH, "en"), (_SPANISH, "es"), (_GERMAN * 2, "de"), (_RUSSIAN * 2, "ru"),
     ("Short.", "en")],
)
def test_ingest_detect_language_names_the_language(text: str, language: str) -> None:
    assert detect_language(text) == language
