"""The ASGI application: API router, the page's static files, limits and security headers.

Why a body-size guard in front of everything: FastAPI reads a whole JSON body before
validating it, so without a cap a client could make the server buffer any amount. The
page is served with a Content Security Policy that allows only its own scripts, a second
line of defence behind building the DOM with ``textContent``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents import __version__
from newsevents.server.api import router
from newsevents.server.errors import ApiError, error_response, install_error_handlers
from newsevents.store import Store

HERE = Path(__file__).parent
WEB = HERE / "web"
WORLD = HERE / "data" / "world-110m.json"
MAX_BODY = 512 * 1024

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     b"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class Guard:
    """Refuse bodies over ``max_body`` bytes (413) and add security headers to responses."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            response = error_response(413, f"request body over {self.max_body} bytes")
            await response(scope, receive, send)
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise ApiError(413, f"request body over {self.max_body} bytes")
            return message

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, limited_receive, send_with_headers)


def create_app(store: Store | str, token: str | None = None, max_body: int = MAX_BODY) -> Any:
    """The app over ``store`` (a :class:`Store` or a path/URL); ``token`` enables writes."""
    app = FastAPI(
        title="newsevents API", version=__version__,
        description="News events in the PLOVER ontology, quotes, figures, places and dates, "
                    "each tied to character offsets in the cleaned article text.",
        # no Swagger UI: it loads its scripts from a CDN, and the page must work offline
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
    )
    app.state.store = store if isinstance(store, Store) else Store.open(store, create=False)
    app.state.token = token or None
    install_error_handlers(app)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=WEB), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html", media_type="text/html")

    @app.get("/world.json", include_in_schema=False)
    def world() -> FileResponse:
        return FileResponse(WORLD, media_type="application/json")

    return Guard(app, max_body)
