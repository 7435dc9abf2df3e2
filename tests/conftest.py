"""Shared fixtures: the shared gold folder, the seed article, a processed seed result."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsevents.paths import shared_dir

SEED_NAME = "wsws-2015-01-07-obama-backs-pena-nieto"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder (gold sets, seed, bench corpus); required under CI."""
    path = shared_dir()
    if not (path / "gold").is_dir():
        message = (
            f"shared gold data not found at {path}: set NEWSEVENTS_SHARED to the folder "
            "holding gold/ and corpus/"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seed_raw(shared: Path) -> str:
    return (shared / "corpus" / "seed" / f"{SEED_NAME}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold(shared: Path) -> dict:
    return json.loads((shared / "gold" / "seed.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_result(seed_raw: str):
    """The seed article run through the whole pipeline once per test session."""
    from newsevents import extract

    return extract(seed_raw, published="2015-01-07", source="wsws.org")


@pytest.fixture(scope="session")
def nlp():
    from newsevents.nlp import load_model

    return load_model()


@pytest.fixture
def run_pipeline():
    """Run the pipeline on a short text: ``run_pipeline("Police arrested ...", "2015-01-07")``."""
    from newsevents import extract

    def _run(text: str, published: str | None = "2015-01-07"):
        return extract(text, published=published)

    return _run
