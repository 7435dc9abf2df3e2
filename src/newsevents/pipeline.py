"""The pipeline: one article object flows through an ordered list of named stages.

    parse → actors → places → times → events → quotes → quantities

(ingest/cleaning happens before, in :mod:`newsevents.ingest`; storing after, in
:mod:`newsevents.store`). Each stage is a module in :mod:`newsevents.stages` with a
``NAME``, a ``VERSION`` and a ``run(doc)`` function that reads what earlier stages added
to the :class:`Document` and adds its own layer. When a stage raises, the error names it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from spacy.tokens import Doc

from newsevents.errors import NewseventsError, StageError
from newsevents.records import (
    Actor,
    ActorMention,
    Article,
    Event,
    Place,
    Quantity,
    Quote,
    Result,
    TimeExpression,
)


@dataclass
class Options:
    """Run-time settings shared by the stages.

    ``lexicons``: extra event-lexicon files (YAML) that add to or override the built-in one.
    ``actor_dicts``: extra actor dictionaries (our TSV/YAML format or PETRARCH ``.txt``).
    ``agent_dicts``: extra generic-agent dictionaries (PETRARCH agents format or ours).
    ``quote_lexicons``: extra reporting-verb/cue lexicons (YAML, the format of data/quotes/cues.yaml).
    """

    lexicons: tuple[str, ...] = ()
    actor_dicts: tuple[str, ...] = ()
    agent_dicts: tuple[str, ...] = ()
    quote_lexicons: tuple[str, ...] = ()


@dataclass
class Document:
    """The working state of one article inside the pipeline (mutable, unlike records)."""

    article: Article
    options: Options = field(default_factory=Options)
    spacy: Doc | None = None
    actors: dict[str, Actor] = field(default_factory=dict)
    actor_mentions: list[ActorMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: scratch space stages may use to pass hints to later stages (e.g. metonymic
    #: toponym spans found by actors, so places does not treat them as locations)
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def published(self) -> dt.date | None:
        """The publication date as a date, or None when unknown or unparsable."""
        value = self.article.published
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None

    @property
    def doc(self) -> Doc:
        if self.spacy is None:
            raise NewseventsError("the parse stage has not run on this document")
        return self.spacy

    def result(self) -> Result:
        return Result(
            article=self.article,
            actors=tuple(self.actors.values()),
            actor_mentions=tuple(sorted(self.actor_mentions, key=lambda m: (m.start, m.end))),
            places=tuple(sorted(self.places, key=lambda p: (p.start, p.end))),
            times=tuple(sorted(self.times, key=lambda t: (t.start, t.end))),
            events=tuple(self.events),
            quotes=tuple(sorted(self.quotes, key=lambda q: (q.start, q.end))),
            quantities=tuple(sorted(self.quantities, key=lambda q: (q.start, q.end))),
            warnings=tuple(self.warnings),
        )


def _stage_modules() -> list[ModuleType]:
    from newsevents.stages import actors, events, parse, places, quantities, quotes, times

    return [parse, actors, places, times, events, quotes, quantities]


STAGE_NAMES = ("parse", "actors", "places", "times", "events", "quotes", "quantities")


def stage_versions() -> dict[str, str]:
    """``{stage name: "name.vN"}`` for every stage, as stored with each article."""
    return {module.NAME: module.VERSION for module in _stage_modules()}


def run_stages(doc: Document, skip: Iterable[str] = ()) -> Document:
    """Run every stage (except those in ``skip``) on ``doc`` in order."""
    skipped = set(skip)
    for module in _stage_modules():
        if module.NAME in skipped:
            continue
        try:
            module.run(doc)
        except NewseventsError:
            raise
        except Exception as exc:  # a bug or an odd input in one stage: name the stage
            raise StageError(module.NAME, exc) from exc
    return doc


def process(article: Article, options: Options | None = None) -> Result:
    """Run the whole pipeline on one already-cleaned article."""
    doc = Document(article=article, options=options or Options())
    return run_stages(doc).result()


def process_many(
    articles: Iterable[Article], options: Options | None = None, batch_size: int = 32
) -> Iterator[tuple[Article, Result | NewseventsError]]:
    """Process articles with spaCy's ``nlp.pipe``; yield ``(article, result or error)``.

    A failing article yields its error and the stream goes on.
    """
    from newsevents.nlp import load_model
    from newsevents.stages import parse

    nlp = load_model()
    opts = options or Options()
    items = ((article.text, article) for article in articles)
    for spacy_doc, article in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        doc = Document(article=article, options=opts, spacy=spacy_doc)
        try:
            parse.check(doc)
            run_stages(doc, skip={"parse"})
            yield article, doc.result()
        except NewseventsError as exc:
            yield article, exc
        except Exception as exc:  # noqa: BLE001 - one article must never stop a batch
            yield article, StageError("pipeline", exc)
