"""The ``newsevents serve`` command: a thin wrapper over :func:`create_app` and uvicorn."""

from __future__ import annotations

import click

from newsevents.errors import NewseventsError


@click.command()
@click.option("--db", default="newsevents.db", show_default=True, envvar="NEWSEVENTS_DB",
              help="SQLite file or postgresql:// URL (env NEWSEVENTS_DB).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; keep the loopback default unless you mean to share it.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="NEWSEVENTS_TOKEN", default=None,
              help="Enables POST /api/v1/extract and /api/v1/articles for clients sending "
                   "'Authorization: Bearer TOKEN' (env NEWSEVENTS_TOKEN). Off without it.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes.")
def serve(db: str, host: str, port: int, token: str | None, workers: int) -> None:
    """Serve the REST API (/api/v1/, OpenAPI at /openapi.json) and the web page.

    Read-only unless --token is given. Open http://HOST:PORT/ for articles with their
    highlighted layers, the events table, map, timeline, actor network and extraction.
    """
    import os

    import uvicorn

    from newsevents.server.app import create_app
    from newsevents.store import Store

    try:
        store = Store.open(db, create=False)
    except NewseventsError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"newsevents: serving {db} on http://{host}:{port}/ "
               f"({'extract and ingest on' if token else 'read-only'})", err=True)
    if workers > 1:
        os.environ["NEWSEVENTS_SERVE_DB"] = db
        if token:
            os.environ["NEWSEVENTS_TOKEN"] = token
        uvicorn.run("newsevents.server.cli:app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level="warning")
        return
    uvicorn.run(create_app(store, token=token), host=host, port=port, log_level="warning")


def app_from_env() -> object:
    """App factory for multi-process serving (each worker opens its own engine)."""
    import os

    from newsevents.server.app import create_app

    return create_app(os.environ["NEWSEVENTS_SERVE_DB"], token=os.environ.get("NEWSEVENTS_TOKEN"))
