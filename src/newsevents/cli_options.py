"""Options and error handling shared by every command module (cli, corpus_cli, server.cli).

Kept apart from :mod:`newsevents.cli` so the command modules can import it without a cycle
(cli imports them while it is itself being imported).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from newsevents.errors import NewseventsError
from newsevents.formats import FORMATS

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "newsevents.db"


def edge(func: F) -> F:
    """Turn library errors into CLI errors with their how-to-fix message."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewseventsError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


def db_option(func: F) -> F:
    return click.option(
        "--db", default=DEFAULT_DB, show_default=True, envvar="NEWSEVENTS_DB",
        help="SQLite file or postgresql:// URL (env NEWSEVENTS_DB).",
    )(func)


def format_option(default: str = "table") -> Callable[[F], F]:
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
        help="Output format.",
    )


def open_store(db: str, create: bool = False) -> Any:
    from newsevents.store import Store

    return Store.open(db, create=create)
