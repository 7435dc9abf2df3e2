"""Batch ingest helpers: counting inputs cheaply for the progress bar's total and ETA."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.service import count_inputs


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.jsonl": '{"text": "x"}\n{"text": "y"}\n'}, 2),
        ({"a.jsonl": '{"text": "x"}\n{"text": "y"}'}, 2),  # no final newline
        ({"a.txt": "one", "sub/b.html": "<p>two</p>", "sub/c.jsonl": "{}\n{}\n{}\n"}, 5),
        ({"a.txt": "one", ".hidden/b.txt": "no", "a.meta.json": "{}", "notes.csv": "x"}, 1),
        ({"a.json": '[{"text": "x"}, {"text": "y"}]'}, None),  # a JSON array: unknown
    ],
)
def test_service_count_inputs(tmp_path: Path, files: dict[str, str], expected: int | None) -> None:
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    assert count_inputs([str(tmp_path)]) == expected


def test_service_count_inputs_stdin_is_unknown() -> None:
    assert count_inputs(["-"]) is None
