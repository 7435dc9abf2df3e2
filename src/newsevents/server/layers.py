"""One article with all its layers, in the JSON shape the API and the page share.

Why from a :class:`~newsevents.records.Result` rather than from table rows: a stored
article (``Store.load_result``) and a fresh extraction (``POST /extract``) then go through
the same code and look the same to the page. Events use :func:`newsevents.export.plover_record`
so their field names are those of the export schema.
"""

from __future__ import annotations

from typing import Any

from newsevents.export import plover_record
from newsevents.records import Actor, Event, EventArgument, Result, to_dict


def _argument(arg: EventArgument, actors: dict[str, Actor]) -> dict[str, Any]:
    actor = actors.get(arg.actor_id or "")
    return {"actor_id": arg.actor_id, "name": actor.name if actor else arg.text,
            "country": actor.country if actor else None,
            "sector": actor.sector if actor else None, "code": actor.code if actor else None,
            "start": arg.start, "end": arg.end, "text": arg.text}


def event_row(event: Event, result: Result, actors: dict[str, Actor]) -> dict[str, Any]:
    """An event as the row shape ``plover_record`` reads (what ``Store.query_events`` gives)."""
    article = result.article
    trigger, date_span = event.trigger, event.date_span
    return {
        "id": event.id, "type": event.type, "mode": event.mode,
        "date": event.date, "date_inferred": event.date_inferred,
        "actors": [_argument(a, actors) for a in event.actors],
        "recipients": [_argument(a, actors) for a in event.recipients],
        "context": list(event.context), "place": to_dict(event.place),
        "sentence_text": article.text[event.sentence.start:event.sentence.end],
        "sentence_start": event.sentence.start, "sentence_end": event.sentence.end,
        "trigger_start": trigger.start, "trigger_end": trigger.end, "trigger_text": trigger.text,
        "date_start": date_span.start if date_span else None,
        "date_end": date_span.end if date_span else None,
        "negated": event.negated, "modality": event.modality, "claimed_by": event.claimed_by,
        "counts": dict(event.counts), "cameo_root": event.cameo_root,
        "quad_class": event.quad_class, "goldstein": event.goldstein,
        "article_id": article.id, "source": article.source, "url": article.url,
        "published": article.published, "extractor": event.extractor,
    }


def article_payload(result: Result) -> dict[str, Any]:
    """The article, its text and every layer; each item carries start/end offsets."""
    actors = {a.id: a for a in result.actors}
    events = []
    for event in result.events:
        record = plover_record(event_row(event, result, actors))
        if event.date_span is not None:
            record["date_span"] = to_dict(event.date_span)
        events.append(record)
    return {
        "article": to_dict(result.article),
        "actors": to_dict(list(result.actors)),
        "actor_mentions": to_dict(list(result.actor_mentions)),
        "places": to_dict(list(result.places)),
        "times": to_dict(list(result.times)),
        "events": events,
        "quotes": to_dict(list(result.quotes)),
        "quantities": to_dict(list(result.quantities)),
        "warnings": list(result.warnings),
        "schema_version": result.schema_version,
    }
