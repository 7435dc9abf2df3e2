"""``newsevents serve``: a read-only REST API over the event database and a web page.

The API (``/api/v1/``, OpenAPI at ``/openapi.json``) and the page (``/``) are built by
:func:`create_app`; the page is plain JS served from ``web/`` and draws its map on the
world outline in ``data/`` so it works with no network at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsevents.server.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is imported only when the app is built, not by every `newsevents` command
    if name == "create_app":
        from newsevents.server.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
