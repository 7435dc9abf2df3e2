"""A quote is words: no content made of punctuation alone survives the quotes stage."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Milei thanked Brazil for its support in talks with the IMF, according to a statement from his office.",
        "The minister said “.” and left the room without taking questions from reporters.",
    ],
)
def test_quotes_no_punctuation_only_content(run_pipeline, text: str) -> None:
    result = run_pipeline(text, "2025-02-18")
    assert all(any(ch.isalnum() for ch in q.text) for q in result.quotes)
