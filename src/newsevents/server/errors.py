"""One JSON error shape for the whole API, built by :func:`error_body`.

Why one function: clients (and the page) read ``error.code`` and ``error.message`` the
same way whatever went wrong (a bad filter, an unknown article, a missing token, a body
too large, a bug), and a test checks every kind against this shape. FastAPI's own
validation and HTTP handlers are replaced so no other shape, and no traceback, leaks out.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsevents.errors import NewseventsError, StoreError

log = logging.getLogger("newsevents.server")

#: machine-readable codes for the HTTP statuses the API returns
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(StarletteHTTPException):
    """An error raised on purpose by an endpoint, with its own code and detail."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 detail: Any = None) -> None:
        super().__init__(status_code=status, detail=message)
        self.code = code or CODES.get(status, "error")
        self.extra = detail


def error_body(status: int, message: str, code: str | None = None,
               detail: Any = None) -> dict[str, Any]:
    """The one error shape: ``{"error": {"status", "code", "message", "detail"}}``."""
    return {"error": {"status": status, "code": code or CODES.get(status, "error"),
                      "message": message, "detail": jsonable_encoder(detail)}}


def error_response(status: int, message: str, code: str | None = None,
                   detail: Any = None, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, code, detail), status_code=status,
                        headers=headers)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc, ApiError):
        return error_response(exc.status_code, str(exc.detail), exc.code, exc.extra)
    message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
    return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"where": ".".join(str(p) for p in err.get("loc", ())), "problem": err.get("msg"),
         "type": err.get("type")}
        for err in exc.errors()
    ]
    where = ", ".join(p["where"] for p in problems) or "request"
    return error_response(422, f"invalid value for {where}", "invalid_parameter", problems)


async def _library_error(_request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, StoreError) and "no article" in str(exc):
        return error_response(404, str(exc))
    return error_response(400, str(exc), getattr(exc, "reason", None))


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal error; the server log has the details")


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of failure through :func:`error_body`."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(NewseventsError, _library_error)
    app.add_exception_handler(Exception, _unexpected_error)
