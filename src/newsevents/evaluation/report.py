"""Rendering a merged evaluation report as a readable table."""

from __future__ import annotations

from typing import Any

SECTIONS = ("actors", "events", "quotes", "quantities", "places", "times", "crossdoc")


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def render_table(report: dict[str, Any]) -> str:
    lines: list[str] = []
    for section in [s for s in SECTIONS if s in report] + [s for s in report if s not in SECTIONS]:
        entries = report[section]
        lines.append(section.upper())
        for key in ("required", "all"):
            block = entries.get(key)
            if isinstance(block, dict):
                lines.append(
                    f"  seed {key:9} P {_fmt(block.get('precision'))}  R {_fmt(block.get('recall'))}"
                    f"  F1 {_fmt(block.get('f1'))}  (predicted {block.get('predicted')},"
                    f" gold {block.get('gold')}, found {block.get('found', block.get('true_positives'))})"
                )
        for key, value in entries.items():
            if key in ("required", "all"):
                continue
            if isinstance(value, dict):
                numbers = [f"{k}={_fmt(v)}" for k, v in value.items() if isinstance(v, (int, float))]
                lines.append(f"  {key}: " + "  ".join(numbers))
            elif isinstance(value, list) and value:
                lines.append(f"  {key} ({len(value)}):")
                for item in value[:25]:
                    lines.append(f"    - {_brief(item)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _brief(item: Any) -> str:
    if isinstance(item, dict):
        return "; ".join(f"{k}={v}" for k, v in item.items() if v not in (None, [], ""))
    return str(item)


def render_markdown(report: dict[str, Any], command: str = "newsevents eval --all --format markdown") -> str:
    """The report as Markdown tables (what docs/scores.md holds), one table per section."""
    lines = [f"Printed by `{command}`.", ""]
    for section in [s for s in SECTIONS if s in report] + [s for s in report if s not in SECTIONS]:
        entries = report[section]
        lines += [f"## {section}", ""]
        seed_rows = [(k, entries[k]) for k in ("required", "all") if isinstance(entries.get(k), dict)]
        if seed_rows:
            lines += ["| seed | precision | recall | F1 | predicted | gold | found |",
                      "| --- | --- | --- | --- | --- | --- | --- |"]
            for key, block in seed_rows:
                lines.append(
                    f"| {key} | {_fmt(block.get('precision'))} | {_fmt(block.get('recall'))} | "
                    f"{_fmt(block.get('f1'))} | {block.get('predicted')} | {block.get('gold')} | "
                    f"{block.get('found', block.get('true_positives'))} |")
            lines.append("")
        for key, value in entries.items():
            if key in ("required", "all") or not isinstance(value, dict):
                continue
            numbers = [(k, v) for k, v in value.items() if isinstance(v, (int, float))
                       and not isinstance(v, bool)]
            if not numbers:
                continue
            lines += [f"**{key}**", "", "| metric | value |", "| --- | --- |"]
            lines += [f"| {k} | {_fmt(v)} |" for k, v in numbers]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
