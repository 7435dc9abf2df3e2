"""Shared fixtures: the shared gold folder, the seed article, a processed seed result."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

from newsevents.paths import shared_dir

SEED_NAME = "wsws-2015-01-07-obama-backs-pena-nieto"
REPO = Path(__file__).resolve().parents[1]


def unavailable(reason: str) -> NoReturn:
    """Something a test needs is missing on this machine: under CI that is a failure;
    elsewhere the test is reported as an expected failure with the reason (never skipped
    silently), so a local run shows what it could not check."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.xfail(reason)


def postgres_url() -> str:
    """A PostgreSQL server for the storage tests: NEWSEVENTS_TEST_PG, else a throwaway
    server started (or reused) by scripts/start-postgres.sh, the script .ci/run uses."""
    url = os.environ.get("NEWSEVENTS_TEST_PG")
    if url:
        return url
    started = subprocess.run(
        ["bash", str(REPO / "scripts" / "start-postgres.sh")],
        capture_output=True, text=True, check=False,
    )
    line = started.stdout.strip().rpartition("\n")[2]
    if started.returncode != 0 or not line.startswith("NEWSEVENTS_TEST_PG="):
        unavailable(
            "no PostgreSQL server: set NEWSEVENTS_TEST_PG or install the server binaries "
            f"(apt-get install -y postgresql); {started.stderr.strip()[-300:]}"
        )
    url = line.partition("=")[2]
    os.environ["NEWSEVENTS_TEST_PG"] = url  # child processes (CLI runs) use the same server
    return url


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder (gold sets, seed, bench corpus); required under CI."""
    path = shared_dir()
    if not (path / "gold").is_dir():
        message = (
            f"shared gold data not found at {path}: set NEWSEVENTS_SHARED to the folder "
            "holding gold/ and corpus/"
        )
        unavailable(message)
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


def events_document(text: str, published: str | None):
    """A Document of ``text`` taken through the stages up to and including events (the
    events tests' common set-up; quotes and quantities are not needed)."""
    from newsevents.articles import make_article
    from newsevents.pipeline import Document, run_stages

    return run_stages(Document(article=make_article(text, published=published)),
                      skip={"quotes", "quantities"})


@pytest.fixture
def run_pipeline():
    """Run the pipeline on a short text: ``run_pipeline("Police arrested ...", "2015-01-07")``."""
    from newsevents import extract

    def _run(text: str, published: str | None = "2015-01-07"):
        return extract(text, published=published)

    return _run
