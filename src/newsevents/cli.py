"""The ``newsevents`` command line. Each command is a thin wrapper over a library function."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from newsevents.cli_options import F, db_option, format_option
from newsevents.cli_options import edge as _edge
from newsevents.cli_options import open_store as _open
from newsevents.formats import write_rows


def lexicon_options(func: F) -> F:
    func = click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True),
                        help="Extra event lexicon (YAML) adding to or overriding the built-in one.")(func)
    func = click.option("--actors", "actor_dicts", multiple=True, type=click.Path(exists=True),
                        help="Extra actor dictionary (our TSV or a PETRARCH .txt file).")(func)
    func = click.option("--agents", "agent_dicts", multiple=True, type=click.Path(exists=True),
                        help="Extra generic-agent dictionary (PETRARCH agents format or ours).")(func)
    func = click.option("--cues", "quote_lexicons", multiple=True, type=click.Path(exists=True),
                        help="Extra reporting-verb lexicon (YAML) for quote attribution.")(func)
    return func


def _options(lexicons: tuple[str, ...], actor_dicts: tuple[str, ...], agent_dicts: tuple[str, ...],
             quote_lexicons: tuple[str, ...] = ()) -> Any:
    from newsevents.pipeline import Options

    return Options(lexicons=lexicons, actor_dicts=actor_dicts, agent_dicts=agent_dicts,
                   quote_lexicons=quote_lexicons)


class _Commands(click.Group):
    """The command group. Commands defined in their own modules are imported only when one of
    them is run or the commands are listed: ``newsevents ingest`` has no use for the web
    server's FastAPI and pydantic, a quarter of a second of imports at every start."""

    #: command name → (module defining it, attribute: that command or a list of commands)
    LAZY = {
        "serve": ("newsevents.server.cli", "serve"),
        **{name: ("newsevents.corpus_cli", "commands")
           for name in ("cluster", "stories", "conflicts", "batch", "load")},
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.LAZY:
            self._load(*self.LAZY[cmd_name])
        return self.commands.get(cmd_name)

    def _load(self, module_name: str, attr: str) -> None:
        """Add the commands of ``module_name``; nothing when that module is not installed."""
        import importlib

        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                return
            raise
        found = getattr(module, attr)
        for command in found if isinstance(found, (list, tuple)) else [found]:
            self.add_command(command)


@click.group(cls=_Commands,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="newsevents")
def main() -> None:
    """newsevents: news reports in, event data out.

    Who did what to whom (PLOVER events), where and when, who said what, and which
    figures were claimed, every item tied to the characters of the text it came from.

    \b
    Start:   newsevents ingest examples/ --db newsevents.db
    Look:    newsevents events --db newsevents.db
             newsevents show <article-id> --db newsevents.db
    """


# -- one article, no database --------------------------------------------------------------

@main.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--published", help="Publication date (YYYY-MM-DD) that anchors relative dates.")
@click.option("--title", help="Article title.")
@click.option("--url", help="Article URL.")
@click.option("--source", help="Publisher.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--encoding", help="Force the input encoding (default: UTF-8, then Windows-1252).")
@click.option("--no-language-check", is_flag=True, help="Process even if not detected as English.")
@lexicon_options
@_edge
def extract(file: str, published: str | None, title: str | None, url: str | None,
            source: str | None, fmt: str, encoding: str | None, no_language_check: bool,
            lexicons: tuple[str, ...], actor_dicts: tuple[str, ...], agent_dicts: tuple[str, ...],
            quote_lexicons: tuple[str, ...]) -> None:
    """Extract events, quotes, figures, places and dates from one article (nothing stored).

    FILE is a text, HTML or JSON file, or - for standard input. The JSON output follows
    the versioned schema in docs/schema.md.
    """
    from newsevents.ingest import IngestFailure, ReadOptions, read_inputs
    from newsevents.pipeline import process
    from newsevents.render import describe_events

    meta = {k: v for k, v in dict(published=published, title=title, url=url, source=source).items() if v}
    read = ReadOptions(metadata=meta, encoding=encoding, check_language=not no_language_check)
    items = list(read_inputs([file], read, stdin=sys.stdin.buffer))
    if not items:
        raise click.ClickException(f"no article found in {file}")
    item = items[0]
    if isinstance(item, IngestFailure):
        raise click.ClickException(f"{item.origin}: {item.message}")
    result = process(item, _options(lexicons, actor_dicts, agent_dicts, quote_lexicons))
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in describe_events(result):
            click.echo(line)


# -- into the database ----------------------------------------------------------------------

@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@db_option
@click.option("--published", help="Publication date for inputs that do not carry one.")
@click.option("--source", help="Publisher for inputs that do not name one.")
@click.option("--encoding", help="Force the input encoding (default: UTF-8, then Windows-1252).")
@click.option("--max-chars", type=int, default=None, help="Refuse articles longer than this (default 1,000,000).")
@click.option("--no-language-check", is_flag=True, help="Process articles not detected as English.")
@click.option("--batch-size", type=int, default=32, show_default=True, help="Articles per spaCy batch.")
@click.option("--jobs", "-j", type=click.IntRange(1, None), default=1, show_default=True,
              help="Worker processes for the NLP (each loads the model once).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@lexicon_options
@_edge
def ingest(paths: tuple[str, ...], db: str, published: str | None, source: str | None,
           encoding: str | None, max_chars: int | None, no_language_check: bool, batch_size: int,
           jobs: int, quiet: bool, lexicons: tuple[str, ...], actor_dicts: tuple[str, ...],
           agent_dicts: tuple[str, ...], quote_lexicons: tuple[str, ...]) -> None:
    """Process articles and store them: files, folders (recursive), .jsonl, .html, or - (stdin).

    Inputs are streamed (any size, bounded memory). Re-ingesting an article already stored
    adds nothing, so an interrupted run (even killed) resumes when rerun with the same
    inputs. Inputs that fail are stored with their reason (see `newsevents articles
    --failed`). Exit code: 0 all stored, 1 some failed, 126 all failed.
    """
    from tqdm import tqdm

    from newsevents import service
    from newsevents.corpus.workers import keep_freed_memory
    from newsevents.ingest import DEFAULT_MAX_CHARS, ReadOptions, load_language_model, read_inputs

    keep_freed_memory()  # this process runs the pipeline until it exits
    store = _open(db, create=True)
    meta = {k: v for k, v in dict(published=published, source=source).items() if v}
    read = ReadOptions(metadata=meta, encoding=encoding, max_chars=max_chars or DEFAULT_MAX_CHARS,
                       check_language=not no_language_check)
    if read.check_language:
        load_language_model()
    items = read_inputs(paths, read, stdin=sys.stdin.buffer)
    total = service.count_inputs(paths)
    bar = tqdm(desc="ingest", unit=" articles", total=total, disable=quiet or None,
               file=sys.stderr, smoothing=0.1, dynamic_ncols=True)

    def on_item(status: str, _id: str) -> None:
        bar.update(1)

    summary = service.ingest(items, store, _options(lexicons, actor_dicts, agent_dicts, quote_lexicons),
                             batch_size=batch_size, on_item=on_item, jobs=jobs)
    bar.close()
    rate = summary.seen / summary.seconds if summary.seconds else 0.0
    click.echo(
        f"{summary.stored} stored, {summary.duplicates} already stored, {summary.failed} failed "
        f"({summary.events} events) in {summary.seconds:.1f}s, {rate:.1f} articles/s → {db}"
    )
    if summary.reasons:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(summary.reasons.items()))
        click.echo(f"failures by reason: {reasons} (details: newsevents articles --failed --db {db})")
    sys.exit(summary.exit_code())


# -- querying -----------------------------------------------------------------------------------

EVENT_COLUMNS = ("id", "date", "type", "mode", "actor", "recipient", "place", "trigger", "source")


def _event_table_row(row: dict[str, Any]) -> dict[str, Any]:
    def names(args: list[dict[str, Any]]) -> str:
        return "; ".join(
            (a["name"] or a["text"]) + (f" ({a['country'] or '?'}/{a['sector'] or '?'})" if a.get("country") or a.get("sector") else "")
            for a in args)

    flagged = row["type"] + (" (negated)" if row.get("negated") else "")
    return {**row, "type": flagged, "actor": names(row["actors"]), "recipient": names(row["recipients"]),
            "place": row.get("place_name"), "trigger": row.get("trigger_text"),
            "id": row["id"]}


@main.command()
@db_option
@click.option("--actor", help="Actor name, code or id (substring, case-insensitive).")
@click.option("--recipient", help="Recipient name, code or id (substring).")
@click.option("--country", help="ISO alpha-3 country of an actor or recipient (e.g. MEX).")
@click.option("--type", "type_", help="PLOVER event type (e.g. PROTEST, SUPPORT).")
@click.option("--quad-class", type=click.IntRange(1, 4), help="1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.")
@click.option("--since", help="Earliest event date (YYYY-MM-DD, or a prefix like 2015-01).")
@click.option("--until", help="Latest event date.")
@click.option("--place", help="Place name (substring).")
@click.option("--article", "article_id", help="Only events of this article id.")
@click.option("--include-negated", is_flag=True, help="Also list negated events (flagged).")
@click.option("--limit", type=int, default=100, show_default=True)
@click.option("--offset", type=int, default=0)
@format_option()
@_edge
def events(db: str, actor: str | None, recipient: str | None, country: str | None,
           type_: str | None, quad_class: int | None, since: str | None, until: str | None,
           place: str | None, article_id: str | None, include_negated: bool, limit: int,
           offset: int, fmt: str) -> None:
    """List stored events, filtered (table, JSON, JSON Lines, CSV or TSV)."""
    from newsevents.export import plover_record

    store = _open(db)
    rows = store.query_events(actor=actor, recipient=recipient, country=country, type=type_,
                              quad_class=quad_class, since=since, until=until, place=place,
                              article_id=article_id, include_negated=include_negated,
                              limit=limit, offset=offset)
    if fmt in ("json", "jsonl"):
        write_rows((plover_record(r) for r in rows), (), fmt, sys.stdout)
    else:
        write_rows((_event_table_row(r) for r in rows), EVENT_COLUMNS, fmt, sys.stdout)


@main.command()
@db_option
@click.option("--speaker", help="Speaker name (substring, case-insensitive).")
@click.option("--search", help="Words in the quoted content.")
@click.option("--limit", type=int, default=100, show_default=True)
@format_option()
@_edge
def quotes(db: str, speaker: str | None, search: str | None, limit: int, fmt: str) -> None:
    """List stored quotes with their speakers."""
    rows = _open(db).query_quotes(speaker=speaker, search=search, limit=limit)
    for row in rows:
        row["speaker"] = row.get("speaker_name") or row.get("speaker_text") or "(unknown)"
    write_rows(rows, ("speaker", "kind", "text", "cue_text", "published", "article_id"), fmt, sys.stdout,
               max_width=70)


@main.command()
@db_option
@click.option("--search", help="Name or id (substring).")
@click.option("--country", help="ISO alpha-3 country.")
@click.option("--sector", help="PLOVER sector code (GOV, MIL, COP, ...).")
@click.option("--limit", type=int, default=100, show_default=True)
@format_option()
@_edge
def actors(db: str, search: str | None, country: str | None, sector: str | None, limit: int,
           fmt: str) -> None:
    """List actors across stored articles, most mentioned first."""
    rows = _open(db).query_actors(search=search, country=country, sector=sector, limit=limit)
    write_rows(rows, ("actor_id", "name", "kind", "country", "sector", "code", "articles", "events"),
               fmt, sys.stdout)


@main.command()
@db_option
@click.option("--search", help="Place name (substring).")
@click.option("--country", help="ISO alpha-3 country.")
@click.option("--limit", type=int, default=100, show_default=True)
@format_option()
@_edge
def places(db: str, search: str | None, country: str | None, limit: int, fmt: str) -> None:
    """List resolved places across stored articles, most mentioned first."""
    rows = _open(db).query_places(search=search, country=country, limit=limit)
    write_rows(rows, ("name", "precision", "country", "admin1", "lat", "lon", "geonameid",
                      "mentions", "articles"), fmt, sys.stdout)


@main.command()
@db_option
@click.option("--search", help="Words in the title or text.")
@click.option("--failed", is_flag=True, help="List inputs that failed, with their reasons.")
@click.option("--limit", type=int, default=100, show_default=True)
@format_option()
@_edge
def articles(db: str, search: str | None, failed: bool, limit: int, fmt: str) -> None:
    """List stored articles (or, with --failed, the inputs that failed and why)."""
    store = _open(db)
    if failed:
        write_rows(store.list_failures(limit=limit), ("id", "reason", "origin", "message"), fmt,
                   sys.stdout, max_width=80)
        return
    write_rows(store.list_articles(search=search, limit=limit),
               ("id", "published", "source", "events", "n_words", "title"), fmt, sys.stdout)


@main.command()
@click.argument("article_id")
@db_option
@click.option("--color/--no-color", default=None, help="Force colours on or off (default: on a terminal).")
@_edge
def show(article_id: str, db: str, color: bool | None) -> None:
    """Show one article with its actors, events, quotes, figures, places and dates highlighted."""
    from newsevents.render import describe_events, highlight, legend

    store = _open(db)
    result = store.load_result(store.find_article_id(article_id))
    use_color = sys.stdout.isatty() if color is None else color
    a = result.article
    click.echo(click.style(a.title or "(untitled)", bold=True) if use_color else (a.title or "(untitled)"))
    click.echo(f"id {a.id} · {a.source or '-'} · {a.published or 'date unknown'} · {a.url or a.origin or ''}")
    click.echo(legend(use_color))
    click.echo()
    click.echo(highlight(result, color=use_color), color=use_color)
    click.echo()
    click.echo(f"Events ({len(result.events)}):")
    for line in describe_events(result):
        click.echo("  " + line)
    names = {x.id: x.name for x in result.actors}
    click.echo(f"Quotes ({len(result.quotes)}):")
    for q in result.quotes:
        who = names.get(q.speaker_actor_id or "", q.speaker.text if q.speaker else "(unknown)")
        click.echo(f"  {who} [{q.kind}]: “{q.text}”")
    click.echo(f"Figures ({len(result.quantities)}):")
    for n in result.quantities:
        click.echo(f"  {n.text} = {n.value:g} {n.unit}" + (f" ({n.qualifier})" if n.qualifier else "")
                   + (f" of {n.of}" if n.of else ""))


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv", "tsv", "parquet"]),
              default="jsonl", show_default=True)
@click.option("--schema", type=click.Choice(["plover", "gdelt", "polecat"]), default="plover",
              show_default=True, help="Record shape: PLOVER JSON, GDELT event table, POLECAT-like table.")
@click.option("--out", "out", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              show_default=True, help="Output file (- for stdout; required for parquet).")
@click.option("--include-negated", is_flag=True, help="Also export negated events (flagged).")
@_edge
def export(db: str, fmt: str, schema: str, out: str, include_negated: bool) -> None:
    """Export every stored event as JSON Lines, JSON, CSV/TSV or Parquet."""
    from newsevents.export import columns_for, convert, write_parquet

    store = _open(db)
    records = convert(store.iter_events(include_negated=include_negated), schema)
    if fmt == "parquet":
        if out == "-":
            raise click.UsageError("--format parquet needs --out FILE")
        count = write_parquet(records, schema, out)
    else:
        stream = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="")
        try:
            count = write_rows(records, columns_for(schema), fmt, stream)
        finally:
            if stream is not sys.stdout:
                stream.close()
    click.echo(f"{count} events exported ({schema}, {fmt})" + ("" if out == "-" else f" → {out}"),
               err=True)


# -- evaluation ----------------------------------------------------------------------------------

@main.command(name="eval")
@click.option("--gold", "gold_paths", multiple=True, type=click.Path(exists=True),
              help="A gold file or folder (default: the seed annotation).")
@click.option("--set", "set_names", multiple=True, help="A gold set by name (see --list).")
@click.option("--all", "run_all", is_flag=True, help="Every gold set (takes minutes).")
@click.option("--list", "list_sets", is_flag=True, help="List the gold sets and exit.")
@click.option("--limit", type=int, help="Use only the first N documents of each public gold set.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True)
@_edge
def eval_command(gold_paths: tuple[str, ...], set_names: tuple[str, ...], run_all: bool,
                 list_sets: bool, limit: int | None, fmt: str) -> None:
    """Score each stage against gold data (precision, recall, F1 and per-set metrics).

    Gold data is read from $NEWSEVENTS_SHARED/gold (default ../shared/gold).
    """
    from newsevents import evaluation

    if list_sets:
        for gold in evaluation.GOLD_SETS:
            click.echo(f"{gold.name:12} {gold.default_path:42} {gold.description}")
        return
    jobs: list[tuple[Any, Path | None]] = []
    for path in gold_paths:
        jobs.append((evaluation.find_gold_set(Path(path)), Path(path)))
    for name in set_names:
        if name not in evaluation.BY_NAME:
            raise click.BadParameter(f"unknown gold set {name!r}; see `newsevents eval --list`")
        jobs.append((evaluation.BY_NAME[name], None))
    if run_all:
        jobs = [(gold, None) for gold in evaluation.GOLD_SETS]
    if not jobs:
        jobs = [(evaluation.BY_NAME["seed"], None)]
    reports = [evaluation.evaluate(gold, path, limit=limit) for gold, path in jobs]
    merged = evaluation.merge(reports)
    if fmt == "json":
        click.echo(json.dumps(merged, indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        from newsevents.evaluation.report import render_markdown

        click.echo(render_markdown(merged, "newsevents eval " + " ".join(sys.argv[2:])))
    else:
        from newsevents.evaluation.report import render_table

        click.echo(render_table(merged))


if __name__ == "__main__":  # pragma: no cover
    main()
