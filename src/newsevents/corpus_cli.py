"""Corpus-level CLI commands (registered by :mod:`newsevents.cli` through ``commands``).

Each is a thin wrapper over :mod:`newsevents.corpus.service`,
:mod:`newsevents.corpus.conflicts` or :mod:`newsevents.distributed`.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from newsevents.errors import NewseventsError
from newsevents.formats import FORMATS, write_rows

F = TypeVar("F", bound=Callable[..., Any])

# The option helpers mirror newsevents.cli's; importing them from there would be circular
# (cli imports this module while it is itself being imported, e.g. `python -m newsevents.cli`).


def _edge(func: F) -> F:
    """Library errors become CLI errors with their how-to-fix message."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewseventsError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


def db_option(func: F) -> F:
    return click.option(
        "--db", default="newsevents.db", show_default=True, envvar="NEWSEVENTS_DB",
        help="SQLite file or postgresql:// URL (env NEWSEVENTS_DB).",
    )(func)


def format_option() -> Callable[[F], F]:
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                        show_default=True, help="Output format.")


def _open(db: str, create: bool = False) -> Any:
    from newsevents.store import Store

    return Store.open(db, create=create)

STORY_COLUMNS = ("id", "type", "date_first", "date_last", "n_articles", "n_sources", "n_copies",
                 "n_reports", "place_name", "label")


@click.command()
@db_option
@click.option("--threshold", type=click.FloatRange(0.1, 1.0), default=0.7, show_default=True,
              help="MinHash Jaccard similarity over which two articles are copies.")
@click.option("--window", type=click.IntRange(0, 60), default=3, show_default=True,
              help="Days apart two reports of one event may be dated.")
@_edge
def cluster(db: str, threshold: float, window: int) -> None:
    """(Re)compute near-duplicate articles and cross-article story events.

    Copies (wire copies, republications) are found with MinHash over word shingles and
    are not counted as independent sources; reports of the same event (same type,
    overlapping actors, dates within --window days, places within 50 km or the same
    region) become one story with its number of articles and sources.
    """
    from newsevents.corpus.service import recompute

    summary = recompute(_open(db), threshold=threshold, window=window)
    click.echo(
        f"{summary.articles} articles ({summary.copies} near-copies), {summary.reports} event "
        f"reports → {summary.stories} stories ({summary.multi_article_stories} reported in "
        f"more than one article) in {summary.seconds:.1f}s"
    )


@click.command()
@db_option
@click.option("--min-articles", type=int, default=1, show_default=True,
              help="Only stories reported in at least this many articles.")
@click.option("--type", "type_", help="PLOVER event type.")
@click.option("--limit", type=int, default=100, show_default=True)
@format_option()
@_edge
def stories(db: str, min_articles: int, type_: str | None, limit: int, fmt: str) -> None:
    """List story events (clusters of reports across articles), most sourced first.

    Run `newsevents cluster` first to (re)compute them.
    """
    from newsevents.corpus.service import list_stories

    rows = list_stories(_open(db), min_articles=min_articles, type=type_, limit=limit)
    write_rows(rows, STORY_COLUMNS, fmt, sys.stdout, max_width=60)


@click.command()
@db_option
@click.option("--figure", help="Only this kind of figure (dead, injured, arrested, ...).")
@click.option("--limit", type=int, default=100, show_default=True)
@format_option()
@_edge
def conflicts(db: str, figure: str | None, limit: int, fmt: str) -> None:
    """List story events whose figures (death tolls, counts) differ between sources.

    Copies of one article are folded into it, so only independent reports can conflict.
    Run `newsevents cluster` first.
    """
    from newsevents.corpus.conflicts import find_conflicts

    rows: list[dict[str, Any]] = []
    for conflict in find_conflicts(_open(db), figure=figure):
        rows.append({
            "story_id": conflict.story_id, "figure": conflict.figure,
            "values": ", ".join(f"{v:g}" for v in conflict.values),
            "claims": "; ".join(f"{c.value:g} ({c.source or c.article_id})" for c in conflict.claims),
            "label": conflict.label,
        })
        if len(rows) >= limit:
            break
    write_rows(rows, ("story_id", "figure", "values", "claims", "label"), fmt, sys.stdout,
               max_width=60)


commands = [cluster, stories, conflicts]
