"""Showing an article in the terminal with its extracted spans highlighted."""

from __future__ import annotations

from typing import Any

import click

from newsevents.records import Result

# layer → (style, priority); a character takes the style of its highest-priority layer
LAYERS: dict[str, tuple[dict[str, Any], int]] = {
    "quote": ({"fg": "green"}, 1),
    "actor": ({"fg": "cyan", "bold": True}, 2),
    "place": ({"fg": "blue", "underline": True}, 3),
    "time": ({"fg": "yellow"}, 4),
    "quantity": ({"fg": "magenta", "bold": True}, 5),
    "event": ({"fg": "red", "bold": True, "underline": True}, 6),
}


def layer_spans(result: Result) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    spans += [(q.start, q.end, "quote") for q in result.quotes]
    spans += [(m.start, m.end, "actor") for m in result.actor_mentions]
    spans += [(p.start, p.end, "place") for p in result.places]
    spans += [(t.start, t.end, "time") for t in result.times]
    spans += [(q.start, q.end, "quantity") for q in result.quantities]
    spans += [(e.trigger.start, e.trigger.end, "event") for e in result.events if not e.negated]
    return spans


def highlight(result: Result, color: bool = True) -> str:
    """The article text with every layer styled (ANSI), or bracketed when ``color`` is off."""
    text = result.article.text
    owner: list[str | None] = [None] * len(text)  # the layer shown for each character
    for start, end, name in sorted(layer_spans(result), key=lambda s: LAYERS[s[2]][1]):
        for i in range(max(start, 0), min(end, len(text))):
            owner[i] = name
    pieces: list[str] = []
    i = 0
    while i < len(text):
        layer = owner[i]
        j = i
        while j < len(text) and owner[j] == layer:
            j += 1
        chunk = text[i:j]
        if layer and color:
            chunk = click.style(chunk, **LAYERS[layer][0])
        elif layer:
            chunk = f"[{chunk}]{{{layer}}}"
        pieces.append(chunk)
        i = j
    return "".join(pieces)


def legend(color: bool = True) -> str:
    parts = []
    for name, (style, _priority) in LAYERS.items():
        parts.append(click.style(name, **style) if color else name)
    return "legend: " + "  ".join(parts)


def describe_events(result: Result) -> list[str]:
    names = {a.id: a for a in result.actors}

    def who(args: Any) -> str:
        out = []
        for arg in args:
            actor = names.get(arg.actor_id) if arg.actor_id else None
            label = actor.name if actor else arg.text
            if actor and (actor.country or actor.sector):
                label += f" ({actor.country or '?'}/{actor.sector or '?'})"
            out.append(label)
        return ", ".join(out) or "-"

    lines = []
    for e in result.events:
        flag = " NEGATED" if e.negated else ("" if e.modality == "asserted" else f" [{e.modality}]")
        place = e.place.name if e.place else "-"
        date = (e.date or "-") + (" (inferred)" if e.date_inferred else "")
        lines.append(
            f"{e.type}{'/' + e.mode if e.mode else ''}{flag}: {who(e.actors)} → {who(e.recipients)}"
            f" | {date} | {place} | “{e.trigger.text}” @{e.trigger.start}"
        )
    return lines
