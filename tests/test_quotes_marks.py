"""Pairing quotation marks paragraph by paragraph (newsevents.quote_marks)."""

from __future__ import annotations

import pytest

from newsevents.quote_marks import find_quoted


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ("He said “we will win.” Then he left.", ["we will win."]),
        ('He said "we will win" and left.', ["we will win"]),
        ("“One,” he said, “two.”", ["One,", "two."]),
        ("A “reform” and a “plan”.", ["reform", "plan"]),
        ("It’s ‘in their heads.’", ["in their heads."]),
        ("Don’t say it’s over.", []),
        ("He said ''we will win,'' and left.", ["we will win,"]),
        ("It's Bob's ''plan'' now.", ["plan"]),
        ("“First paragraph goes on\n\n“and ends here.”", ["First paragraph goes on", "and ends here."]),
    ],
)
def test_quote_marks_pairs(text: str, contents: list[str]) -> None:
    quoted, warnings = find_quoted(text)
    assert [text[q.content_start : q.content_end] for q in quoted] == contents
    assert warnings == []


@pytest.mark.parametrize(
    ("text", "contents", "skipped"),
    [
        ("Bad “open mark here.\n\nGood “quote” here.", ["quote"], 1),
        ("One ” stray closer.\n\nThen “fine”.", ["fine"], 1),
        ('Odd "straight mark.\n\nAnd "fine" one.', ["fine"], 1),
    ],
)
def test_quote_marks_unbalanced_costs_only_its_paragraph(
    text: str, contents: list[str], skipped: int
) -> None:
    quoted, warnings = find_quoted(text)
    assert [text[q.content_start : q.content_end] for q in quoted] == contents
    assert len(warnings) == skipped


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ("Intro line here.\n“We will win,” she said. “Trust “me now.\nNext “plan” line.", ["We will win,", "plan"]),
        ("”We lost the vote today.” ― Ana Ruiz", ["We lost the vote today."]),
        ('Odd [his] items" remain.\nHe called it "a fine plan" twice.', ["a fine plan"]),
        ('"I read the line: “Are you well?” Yes, I am."', ["I read the line: “Are you well?” Yes, I am."]),
    ],
)
def test_quote_marks_odd_lines_read_leniently(text: str, contents: list[str]) -> None:
    quoted, warnings = find_quoted(text)
    assert [text[q.content_start : q.content_end] for q in quoted] == contents
    assert warnings
