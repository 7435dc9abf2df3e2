"""The command line end to end, through click's CliRunner on real files and a real database."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import jsonschema
import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.schema_gen import SCHEMA_PATH, build_schema

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
BAD = Path(__file__).parent / "data" / "bad"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, runner: CliRunner) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "examples.db")
    result = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", path, "--quiet"])
    assert result.exit_code == 0, result.output
    return path


def test_cli_ingest_reports_and_is_idempotent(runner: CliRunner, db: str) -> None:
    again = runner.invoke(main, ["ingest", str(EXAMPLES), "--db", db, "--quiet"])
    assert again.exit_code == 0, again.output
    assert "0 stored, 6 already stored, 0 failed" in again.output


def test_cli_ingest_exit_codes_tell_some_from_all_failed(runner: CliRunner, tmp_path: Path) -> None:
    mixed = runner.invoke(main, ["ingest", str(BAD), "--db", str(tmp_path / "m.db"), "-q"])
    assert mixed.exit_code == 1, mixed.output
    assert "failures by reason" in mixed.output
    only_bad = tmp_path / "only-bad"
    only_bad.mkdir()
    for name in ("empty.txt", "image-named-as-text.txt", "not-english.txt"):
        shutil.copy(BAD / name, only_bad / name)
    failed = runner.invoke(main, ["ingest", str(only_bad), "--db", str(tmp_path / "b.db"), "-q"])
    assert failed.exit_code == 126, failed.output
    listed = runner.invoke(main, ["articles", "--failed", "--db", str(tmp_path / "b.db"), "--format", "json"])
    reasons = {row["reason"] for row in json.loads(listed.output)}
    assert reasons == {"empty", "binary", "not_english"}


def test_cli_extract_json_matches_schema(runner: CliRunner) -> None:
    path = EXAMPLES / "2024-03-12-burkina-faso-attack.txt"
    result = runner.invoke(main, ["extract", str(path), "--published", "2024-03-12"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert data["article"]["published"] == "2024-03-12"
    assert data["events"], "the attack report yields events"


def test_cli_extract_reads_stdin(runner: CliRunner) -> None:
    text = "Police in Lima arrested five students on Monday, the interior ministry said."
    result = runner.invoke(main, ["extract", "-", "--published", "2024-01-09"], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["article"]["text"] == text


def test_cli_extract_bad_input_exits_with_reason(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", str(BAD / "image-named-as-text.txt")])
    assert result.exit_code == 1
    assert "binary" in result.output


def test_schema_file_matches_records() -> None:
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == build_schema()


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "tsv"])
def test_cli_events_formats(runner: CliRunner, db: str, fmt: str) -> None:
    result = runner.invoke(main, ["events", "--db", db, "--format", fmt])
    assert result.exit_code == 0, result.output
    out = result.output
    if fmt == "json":
        rows = json.loads(out)
        assert rows and {"id", "event", "actor", "recipient", "event_loc"} <= set(rows[0])
    elif fmt == "jsonl":
        assert json.loads(out.splitlines()[0])["event"]
    elif fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert rows[0][:3] == ["id", "date", "type"] and len(rows) > 1
    else:
        assert out.splitlines()[0].startswith("id")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["events", "--type", "PROTEST"], "PROTEST"),
        (["events", "--since", "2024-06-01", "--until", "2024-06-30"], "2024-06"),
        (["quotes"], "direct"),
        (["actors"], "actor_id"),
        (["places"], "Nairobi"),
        (["articles", "--search", "Nairobi"], "Kenyan police"),
    ],
)
def test_cli_queries(runner: CliRunner, db: str, args: list[str], needle: str) -> None:
    result = runner.invoke(main, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    assert needle in result.output


def test_cli_show_highlights(runner: CliRunner, db: str) -> None:
    listed = json.loads(runner.invoke(main, ["articles", "--db", db, "--format", "json"]).output)
    article = next(a for a in listed if "Burkina" in (a["title"] or ""))
    result = runner.invoke(main, ["show", article["id"][:8], "--db", db, "--no-color"])
    assert result.exit_code == 0, result.output
    assert "{event}" in result.output and "{place}" in result.output
    assert "Events (" in result.output


@pytest.mark.parametrize(
    ("schema", "fmt", "column"),
    [("plover", "jsonl", "event"), ("gdelt", "csv", "GLOBALEVENTID"), ("polecat", "tsv", "event_type"),
     ("gdelt", "parquet", "GoldsteinScale"), ("plover", "parquet", "event")],
)
def test_cli_export(runner: CliRunner, db: str, tmp_path: Path, schema: str, fmt: str, column: str) -> None:
    out = tmp_path / f"events.{fmt}"
    result = runner.invoke(main, ["export", "--db", db, "--schema", schema, "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        assert column in table.column_names and table.num_rows > 0
    else:
        assert column in out.read_text(encoding="utf-8").splitlines()[0]


def test_cli_missing_database_says_how_to_fix(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "newsevents ingest" in result.output


def test_cli_every_command_has_help_and_is_in_readme(runner: CliRunner) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    with click.Context(main) as ctx:
        names = main.list_commands(ctx)
        commands = {name: main.get_command(ctx, name) for name in names}
    for name, command in commands.items():
        assert command is not None and command.name == name, name
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert (command.help or "").strip(), f"{name} has no help text"
        assert f"newsevents {name}" in readme, f"README does not mention `newsevents {name}`"


def test_cli_ingest_starts_without_the_web_server() -> None:
    """Commands in their own modules are imported when used: not the web server for ingest."""
    code = ("import sys, click; from newsevents.cli import main\n"
            "with click.Context(main) as ctx: main.get_command(ctx, 'ingest')\n"
            "print(sorted(m for m in sys.modules if m.startswith(('fastapi', 'newsevents.server'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_lazy_commands_are_all_the_module_commands() -> None:
    from newsevents.corpus_cli import commands
    from newsevents.server.cli import serve

    with click.Context(main) as ctx:
        listed = set(main.list_commands(ctx))
    assert {c.name for c in [*commands, serve]} <= listed
