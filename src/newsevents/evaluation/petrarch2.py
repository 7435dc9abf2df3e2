"""Evaluate event coding on PETRARCH2's coder unit tests (CAMEO root, source/target codes).

The unit-test sentences use fictional actors (Arnor, Gondor...) defined only in
``petrarch2_validate_actors.txt`` / ``petrarch2_validate_agents.txt`` next to the records;
they are passed to the pipeline as user dictionaries (``Options.actor_dicts`` /
``agent_dicts``), so the test shows that actor coding follows a user-supplied dictionary.

Test-only codes: PETRARCH2's validation verb file invents event codes that are not CAMEO
(``903``, ``345``, ``1717``...). An expected coding counts only when its code is a real CAMEO
code (its root is 01-20 and the code is in the CAMEO→PLOVER table or is a bare root);
the others are reported as ``test_only_skipped`` and left out of every ratio, as are records
expecting no event or an error. Reported under ``events/petrarch2``:

- ``cameo_root_agreement``: share of expected codings for which some non-negated predicted
  event of the sentence has the same CAMEO root;
- ``source_agreement`` / ``target_agreement``: among those, share where an actor / recipient
  of such an event carries the expected code (the Actor's ``code`` starts with it).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from newsevents import cameo
from newsevents.evaluation.plover_gsr import run_lenient
from newsevents.pipeline import Options
from newsevents.records import Event, Result


def load_records(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """``{id, date, text, codings: [{source, target, event}]}`` per unit-test sentence."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    raw = re.sub(r"<Parse>.*?</Parse>", "", raw, flags=re.S)
    raw = re.sub(r"noevents\s*=\s*", "noevents=", raw)
    root = ET.fromstring(raw)
    records = []
    for sentence in root.iter("Sentence"):
        text = " ".join((sentence.findtext("Text") or "").split())
        codings = [
            {
                "source": c.get("sourcecode", ""),
                "target": c.get("targetcode", ""),
                "event": c.get("eventcode", ""),
            }
            for c in sentence.iter("EventCoding")
            if c.get("eventcode")
        ]
        date = sentence.get("date", "")
        iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None
        records.append({"id": sentence.get("id"), "date": iso, "text": text, "codings": codings})
    return records[:limit] if limit else records


def is_cameo(code: str) -> bool:
    root = cameo.root_of(code)
    return root is not None and (len(code) == 2 or code in cameo.plover_table())


def _has_code(result: Result, event: Event, role: str, wanted: str) -> bool:
    by_id = {a.id: a for a in result.actors}
    for arg in getattr(event, role):
        actor = by_id.get(arg.actor_id or "")
        if actor is not None and (actor.code or "").upper().startswith(wanted.upper()):
            return True
    return False


def score(records: list[dict[str, Any]], results: list[Result]) -> dict[str, Any]:
    counted = skipped = root_hits = source_hits = target_hits = 0
    for record, result in zip(records, results, strict=True):
        positive = [e for e in result.events if not e.negated]
        for coding in record["codings"]:
            if not is_cameo(coding["event"]):
                skipped += 1
                continue
            counted += 1
            same = [e for e in positive if e.cameo_root == coding["event"][:2]]
            root_hits += bool(same)
            source_hits += any(_has_code(result, e, "actors", coding["source"]) for e in same)
            target_hits += any(_has_code(result, e, "recipients", coding["target"]) for e in same)
    return {
        "codings": counted,
        "test_only_skipped": skipped,
        "cameo_root_agreement": round(root_hits / counted, 4) if counted else 0.0,
        "source_agreement": round(source_hits / counted, 4) if counted else 0.0,
        "target_agreement": round(target_hits / counted, 4) if counted else 0.0,
    }


def evaluate(path: Path, limit: int | None = None, name: str = "petrarch2") -> dict[str, Any]:
    records = [r for r in load_records(path, limit) if r["text"]]
    options = Options(
        actor_dicts=(str(path.parent / "petrarch2_validate_actors.txt"),),
        agent_dicts=(str(path.parent / "petrarch2_validate_agents.txt"),),
    )
    results = run_lenient([(r["text"], r["date"]) for r in records], options)
    return {"events": {name: score(records, results)}}
