"""Corpus-level CLI commands (registered by :mod:`newsevents.cli` through ``commands``).

Each is a thin wrapper over :mod:`newsevents.corpus.service`,
:mod:`newsevents.corpus.conflicts` or :mod:`newsevents.distributed`.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from newsevents.cli_options import db_option, format_option
from newsevents.cli_options import edge as _edge
from newsevents.cli_options import open_store as _open
from newsevents.formats import write_rows

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
    are not counted as independent sources. Reports of one event become one story with
    its number of articles and sources: dated within --window days, the same type (or the
    same predicate: "killed", "killing", or a synonym: "murdered"), no conflicting named
    actors, named victims or stated places, and something specific in common besides the
    predicate and generic participants ("police", "a man"): a named actor, a place within
    50 km stated in the event's sentence, the same sentence, or articles about the same
    people and places (more of them when the text itself dates neither report). Reports
    with no date at all stay on their own.
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


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Dataset folder to write (Parquet, partitioned by date); shared by all workers.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a Dask LocalCluster on this machine; dask: an existing cluster.")
@click.option("--scheduler", help="Dask scheduler address for --engine dask (tcp://host:8786).")
@click.option("--workers", type=click.IntRange(1, None), default=2, show_default=True,
              help="Worker processes of the local cluster.")
@click.option("--shard-lines", type=click.IntRange(1, None), default=200, show_default=True,
              help="JSON Lines per task (Parquet inputs: one task per row group).")
@click.option("--no-language-check", is_flag=True, help="Process articles not detected as English.")
@_edge
def batch(inputs: tuple[str, ...], out: str, engine: str, scheduler: str | None, workers: int,
          shard_lines: int, no_language_check: bool) -> None:
    """Process JSONL or Parquet shards on a Dask cluster into a Parquet dataset.

    Each worker loads the model once. The dataset (articles, events, quotes, quantities,
    places, failures; partitioned by publication date) can be queried with DuckDB, Spark
    or pandas, or stored with `newsevents load`. A rerun skips finished shards.
    See docs/scaling.md.
    """
    from newsevents import distributed
    from newsevents.ingest import ReadOptions

    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler tcp://HOST:PORT")
    summary = distributed.run(list(inputs), out, scheduler=scheduler if engine == "dask" else None,
                              workers=workers, shard_lines=shard_lines,
                              read=ReadOptions(check_language=not no_language_check))
    click.echo(
        f"{summary.shards} shards ({summary.skipped_shards} already done): {summary.stored} "
        f"articles, {summary.events} events, {summary.failed} failed in {summary.seconds:.1f}s "
        f"→ {out}"
    )
    if summary.reasons:
        click.echo("failures by reason: " + ", ".join(f"{k}: {v}" for k, v in sorted(summary.reasons.items())))


@click.command()
@click.argument("dataset", type=click.Path(exists=True, file_okay=False))
@db_option
@_edge
def load(dataset: str, db: str) -> None:
    """Store a dataset written by `newsevents batch` in the database (skips stored articles)."""
    from newsevents.distributed import load as load_dataset

    counts = load_dataset(dataset, _open(db, create=True))
    click.echo(f"{counts['stored']} stored, {counts['duplicates']} already stored, "
               f"{counts['failed']} failures recorded → {db}")


commands = [cluster, stories, conflicts, batch, load]
