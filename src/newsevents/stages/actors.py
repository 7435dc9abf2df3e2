"""Stage ``actors`` (placeholder: being written; does nothing yet)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsevents.pipeline import Document

NAME = "actors"
VERSION = "actors.v0"


def run(doc: Document) -> None:
    return None
