"""Where newsevents finds its packaged data and the shared gold/corpus folder."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def shared_dir() -> Path:
    """The shared folder holding ``gold/`` and ``corpus/``.

    ``$NEWSEVENTS_SHARED`` when set; otherwise ``../shared`` from the working directory,
    then ``../shared`` beside the repository this package was installed from.
    """
    env = os.environ.get("NEWSEVENTS_SHARED")
    if env:
        return Path(env)
    for candidate in (Path.cwd().parent / "shared", PACKAGE_DIR.parents[2] / "shared"):
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared"


def gold_dir() -> Path:
    return shared_dir() / "gold"
