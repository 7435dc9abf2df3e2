"""The pipeline: stage order in one place, errors named by stage, one bad article never stops a batch."""

from __future__ import annotations

import pytest

from newsevents import pipeline
from newsevents.articles import make_article
from newsevents.errors import StageError
from newsevents.records import Result


def test_pipeline_stage_order_is_the_design() -> None:
    names = [module.NAME for module in pipeline._stage_modules()]
    assert names == list(pipeline.STAGE_NAMES)
    assert names == ["parse", "actors", "places", "times", "events", "quotes", "quantities"]


def test_pipeline_every_stage_has_a_version() -> None:
    versions = pipeline.stage_versions()
    assert set(versions) == set(pipeline.STAGE_NAMES)
    assert all(".v" in v for v in versions.values())


def _boom_on_marker(original):
    def run(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("injected fault")
        return original(doc)

    return run


def test_pipeline_failing_stage_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.stages import times

    monkeypatch.setattr(times, "run", _boom_on_marker(times.run))
    article = make_article("BOOM. The army shelled Kherson on Monday.", published="2023-03-07")
    with pytest.raises(StageError, match="stage 'times' failed: RuntimeError: injected fault"):
        pipeline.process(article)


def test_pipeline_batch_goes_on_after_a_failing_article(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.stages import quotes

    monkeypatch.setattr(quotes, "run", _boom_on_marker(quotes.run))
    texts = [
        "Police in Lima arrested five students on Monday, officials said.",
        "BOOM. Rebels attacked a convoy near Goma on Sunday.",
        "The foreign ministers of Chile and Peru met in Santiago on Friday.",
    ]
    outcomes = list(pipeline.process_many(make_article(t, published="2024-01-09") for t in texts))
    assert [type(o).__name__ for _, o in outcomes] == ["Result", "StageError", "Result"]
    assert isinstance(outcomes[0][1], Result) and outcomes[0][1].places
    error = outcomes[1][1]
    assert isinstance(error, StageError) and error.stage == "quotes"
