"""Speakers given by layout: transcript labels and dash bylines (newsevents.quote_layout)."""

from __future__ import annotations

import pytest

from newsevents.quote_layout import dash_byline, speaker_label


@pytest.mark.parametrize(
    ("paragraph", "speaker", "content"),
    [
        ("PENCE: Well, the question is why.", "PENCE", "Well, the question is why."),
        ("“MR. TRUMP: We will win.", "MR. TRUMP", "We will win."),
        ("UPDATE: The vote was delayed.", None, None),
        ("Pence: lower-case labels are prose.", None, None),
    ],
)
def test_quotes_layout_speaker_label(paragraph: str, speaker: str | None, content: str | None) -> None:
    found = speaker_label(paragraph, 0, len(paragraph))
    if speaker is None:
        assert found is None
    else:
        assert found is not None
        assert paragraph[found.speaker[0] : found.speaker[1]] == speaker
        assert paragraph[found.content_start :] == content


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“He is clueless.” ― Edwin G. Monroy\n\nNext.", "Edwin G. Monroy"),
        ("“Unfit.” — Maria Lopez", "Maria Lopez"),
        ("a “war on drugs”—a war that has cost lives.", None),
        ("a new “security plan” — The US ambassador traveled there.", None),
    ],
)
def test_quotes_layout_dash_byline(text: str, speaker: str | None) -> None:
    close = text.index("”")
    found = dash_byline(text, close, len(text))
    if speaker is None:
        assert found is None
    else:
        assert found is not None and text[found.speaker[0] : found.speaker[1]] == speaker
