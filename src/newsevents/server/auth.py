"""The token that guards the endpoints which run the pipeline or write (extract, ingest).

Why off by default: a server started without ``--token`` (or NEWSEVENTS_TOKEN) is
read-only and cannot be made to burn CPU on arbitrary text; with a token, clients send
``Authorization: Bearer <token>``. Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from newsevents.server.errors import ApiError


def require_token(request: Request) -> None:
    expected: str | None = request.app.state.token
    if not expected:
        raise ApiError(403, "this endpoint is off: start the server with --token "
                            "(or NEWSEVENTS_TOKEN) to enable it", "disabled")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                             expected.encode()):
        raise ApiError(401, "missing or wrong token: send 'Authorization: Bearer <token>'",
                       "unauthorized")
