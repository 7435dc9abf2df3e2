"""The quotes stage: who said what (direct, partial, indirect), scare quotes, seed floors."""

from __future__ import annotations

import pytest

from newsevents.articles import make_article
from newsevents.pipeline import Document
from newsevents.records import Quote, Result
from newsevents.stages import actors, parse, quotes


def _quotes_of(text: str, published: str | None = "2015-01-07") -> Result:
    """Run only the stages the quotes stage reads (parse, actors) and the stage itself."""
    doc = Document(article=make_article(text, published=published))
    for stage in (parse, actors, quotes):
        stage.run(doc)
    return doc.result()


@pytest.fixture(scope="module")
def seed_quotes(seed_raw: str) -> Result:
    return _quotes_of(seed_raw)


@pytest.fixture
def run_quotes():
    return _quotes_of


def _find(quotes: tuple[Quote, ...], content: str) -> Quote | None:
    for quote in quotes:
        if content in quote.text or quote.text in content and len(quote.text) * 2 >= len(content):
            return quote
    return None


def _assert_quote_by(result, content: str, speaker: str):
    """The quote holding ``content``, checked to be attributed to ``speaker``."""
    quote = _find(result.quotes, content)
    assert quote is not None, [q.text for q in result.quotes]
    assert quote.speaker is not None and quote.speaker.text == speaker
    return quote


@pytest.mark.parametrize(
    ("text", "content", "speaker", "kind"),
    [
        ("“We will not give up,” said Maria Lopez, the mayor.", "We will not give up,", "Maria Lopez", "direct"),
        ("Maria Lopez said: “We will not give up.”", "We will not give up.", "Maria Lopez", "direct"),
        ("“We tried,” he said. “It did not work.”", "It did not work.", "he", "direct"),
        (
            "The minister, Ana Ruiz, told reporters, “the border is closed. Nobody will cross it.”",
            "the border is closed. Nobody will cross it.",
            "Ana Ruiz",
            "direct",
        ),
        (
            "Smith made a brief statement, speaking of the “terrible losses suffered by the families.”",
            "terrible losses suffered by the families.",
            "Smith",
            "partial",
        ),
        (
            "Jones replied by praising Smith for his “brave and honest” decision.",
            "brave and honest",
            "Jones",
            "partial",
        ),
        (
            "The senator added that the bill would be passed before the summer recess.",
            "the bill would be passed before the summer recess",
            "The senator",
            "indirect",
        ),
        (
            "According to the police, three people were arrested near the stadium.",
            "three people were arrested near the stadium",
            "the police",
            "indirect",
        ),
    ],
)
def test_quotes_speaker_and_kind(run_quotes, text: str, content: str, speaker: str, kind: str) -> None:
    result = run_quotes(text)
    quote = _assert_quote_by(result, content, speaker)
    assert quote.kind == kind
    assert result.article.text[quote.start : quote.end] == quote.text
    assert quote.extractor.startswith("quotes.v")


@pytest.mark.parametrize(
    "text",
    [
        "The government unveiled a new “security plan” for the region.",
        "Critics attacked the so-called “energy reform” of the government.",
        "They have fought a “war on drugs” for decades.",
    ],
)
def test_quotes_scare_quotes_are_not_speech(run_quotes, text: str) -> None:
    result = run_quotes(text)
    assert all(q.kind == "indirect" for q in result.quotes), result.quotes


@pytest.mark.parametrize(
    "text",
    [
        "The report was “a long and careful account of what happened that night in the city.”",
    ],
)
def test_quotes_unknown_speaker_kept_not_guessed(run_quotes, text: str) -> None:
    result = run_quotes(text)
    assert len(result.quotes) == 1
    assert result.quotes[0].speaker_actor_id is None and result.quotes[0].speaker is None


def test_quotes_odd_mark_keeps_the_rest_of_the_article(run_quotes) -> None:
    text = "Broken “paragraph here.\n\n“We will win,” said Maria Lopez."
    result = run_quotes(text)
    assert [q.text for q in result.quotes] == ["We will win,"]
    assert any("skipped" in w for w in result.warnings)


def test_quotes_spans_match_text(seed_quotes) -> None:
    text = seed_quotes.article.text
    for quote in seed_quotes.quotes:
        assert text[quote.start : quote.end] == quote.text
        for span in (quote.speaker, quote.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text


def _speaker_is(result, quote: Quote, gold_actor: dict) -> bool:
    """The speaker resolves to the gold actor: through the actor, or by the words used."""
    names = {gold_actor["name"].lower(), *(m.lower() for m in gold_actor["mentions"])}
    actors = {actor.id: actor for actor in result.actors}
    if quote.speaker_actor_id in actors and actors[quote.speaker_actor_id].name.lower() in names:
        return True
    return quote.speaker is not None and quote.speaker.text.lower() in names


def test_quotes_seed_required_floor(seed_quotes, seed_gold) -> None:
    actors = {a["id"]: a for a in seed_gold["actors"]}
    missed = []
    for gold in seed_gold["quotes"]:
        if not gold["required"]:
            continue
        hits = [
            q
            for q in seed_quotes.quotes
            if _overlap(q, seed_quotes.article.text, gold["content"]) and _speaker_is(seed_quotes, q, actors[gold["speaker"]])
        ]
        if not hits:
            missed.append(gold["id"])
    assert missed == []


def test_quotes_seed_required_each_its_own_quote(seed_quotes, seed_gold) -> None:
    """One quote per required gold quote (one to one, as the seed evaluator pairs them): a
    quotation inside an indirect clause stays a quote of its own beside the clause."""
    actors = {a["id"]: a for a in seed_gold["actors"]}
    used: set[int] = set()
    missed = []
    for gold in seed_gold["quotes"]:
        if not gold["required"]:
            continue
        hit = next(
            (
                k
                for k, q in enumerate(seed_quotes.quotes)
                if k not in used
                and _overlap(q, seed_quotes.article.text, gold["content"])
                and _speaker_is(seed_quotes, q, actors[gold["speaker"]])
            ),
            None,
        )
        if hit is None:
            missed.append(gold["id"])
        else:
            used.add(hit)
    assert missed == []


def test_quotes_seed_scare_quotes_unattributed(seed_quotes, seed_gold) -> None:
    for item in seed_gold["not_quotes"]:
        attributed = [
            q for q in seed_quotes.quotes if q.text.strip(" .,") == item["text"] and q.speaker is not None
        ]
        assert attributed == [], item


def _overlap(quote: Quote, text: str, content: str) -> bool:
    start = text.find(content)
    assert start >= 0, content
    end = start + len(content)
    shared = min(end, quote.end) - max(start, quote.start)
    return shared * 2 >= len(content)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("The senator vowed to block the nomination.", "to block the nomination", "The senator"),
        ("Protesters called for an independent inquiry into the shooting.", "an independent inquiry into the shooting", "Protesters"),
        ("The museum, Obama said, would make visitors face hard truths.", "would make visitors face hard truths", "Obama"),
        ("The judge cited the coming vote as a reason to hurry.", "the coming vote as a reason to hurry", "The judge"),
        ("Rivera attacked the budget plan in a fiery speech.", "the budget plan in a fiery speech", "Rivera"),
        ("The footage shows him with his hands in the air.", "him with his hands in the air", "The footage"),
        ("The senator criticized Lopez for her vote.", "Lopez for her vote", "The senator"),
    ],
)
def test_quotes_indirect_without_clause(run_quotes, text: str, content: str, speaker: str) -> None:
    result = run_quotes(text)
    quote = _find(result.quotes, content)
    assert quote is not None, [q.text for q in result.quotes]
    assert quote.kind == "indirect"
    assert quote.speaker is not None and quote.speaker.text == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The minister told reporters about the weather in the capital.",
        "She thanked Washington for its support.",
    ],
)
def test_quotes_addressee_is_not_content(run_quotes, text: str) -> None:
    result = run_quotes(text)
    assert all(q.text not in ("reporters", "Washington") for q in result.quotes)


@pytest.mark.parametrize(
    ("text", "trigger", "claimed"),
    [
        ("“Police attacked the students,” said Maria Lopez.", "attacked", True),
        ("Police attacked the students near the school.", "attacked", False),
    ],
)
def test_quotes_events_inside_quotes_are_claimed(text: str, trigger: str, claimed: bool) -> None:
    from newsevents.records import Event
    from newsevents.records import Span as TextSpan

    doc = Document(article=make_article(text))
    parse.run(doc)
    actors.run(doc)
    start = text.index(trigger)
    span = TextSpan(start, start + len(trigger), trigger)
    doc.events.append(Event(id="e1", type="ASSAULT", mode=None, trigger=span, sentence=span))
    quotes.run(doc)
    assert (doc.events[0].modality == "claimed") is claimed
    assert any("e1" in q.event_ids for q in doc.quotes) is claimed


@pytest.mark.parametrize(
    ("lexicon", "found"),
    [("verbs:\n  - opine\n", True), ("verbs: []\n", False)],
)
def test_quotes_user_lexicon_adds_cues(tmp_path, lexicon: str, found: bool) -> None:
    from newsevents.pipeline import Options

    path = tmp_path / "cues.yaml"
    path.write_text(lexicon, encoding="utf-8")
    text = "The senator opined that the budget would collapse within a year."
    doc = Document(article=make_article(text), options=Options(quote_lexicons=(str(path),)))
    for stage in (parse, actors, quotes):
        stage.run(doc)
    contents = [q.text for q in doc.quotes if q.speaker is not None and q.speaker.text == "The senator"]
    assert ("the budget would collapse within a year" in contents) is found, contents


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Lopez's claim that the bridge had collapsed drew scorn.", "the bridge had collapsed", "Lopez"),
        ("The council's decision to close the harbour early surprised fishermen.", "to close the harbour early", "The council"),
        ("The mayor's suggestion that taxes would rise angered residents.", "taxes would rise", "The mayor"),
        ("Rivera's comments on the harbour closure drew praise.", "the harbour closure", "Rivera"),
    ],
)
def test_quotes_noun_cue_holds_clause(run_quotes, text: str, content: str, speaker: str) -> None:
    _assert_quote_by(run_quotes(text), content, speaker)


@pytest.mark.parametrize(
    "text",
    ["The statement that the agency issued on Monday was short.", "There is a plan on the table."],
)
def test_quotes_noun_cue_without_clause_is_nothing(run_quotes, text: str) -> None:
    result = run_quotes(text)
    assert [q.text for q in result.quotes] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("A curfew was announced from midnight to dawn.", "A curfew was announced from midnight to dawn"),
        ("The talks are expected to resume next week.", "The talks are expected to resume next week"),
        ("It was reported that the dam had failed.", "the dam had failed"),
    ],
)
def test_quotes_passive_cue_content_without_speaker(run_quotes, text: str, content: str) -> None:
    result = run_quotes(text)
    quote = _find(result.quotes, content)
    assert quote is not None, [q.text for q in result.quotes]
    assert quote.speaker is None


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Maria Lopez: Voters want real answers on jobs\n\nShe spoke on Monday.", "Voters want real answers on jobs", "Maria Lopez"),
        ("Poll: Lopez Leads Rivera in Texas\n\nThe race is close.", "Lopez Leads Rivera in Texas", "Poll"),
        ("In a recent Gallup poll, Lopez led Rivera by five points.", "Lopez led Rivera by five points", "a recent Gallup poll"),
    ],
)
def test_quotes_headline_and_in_source(run_quotes, text: str, content: str, speaker: str) -> None:
    _assert_quote_by(run_quotes(text), content, speaker)


@pytest.mark.parametrize(
    "text",
    ["Correction: An earlier version misspelled a name.\n\nMore text.", "In the morning, the market opened lower."],
)
def test_quotes_headline_and_in_source_need_a_source(run_quotes, text: str) -> None:
    assert [q.text for q in run_quotes(text).quotes] == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will win,” said Maria Lopez.\n\n“The votes are there and we will count every one of them.”", "Maria Lopez"),
        ("“We will win,” said Maria Lopez.\n\nThe crowd then read “The votes are there and we will count every one of them” aloud.", None),
    ],
)
def test_quotes_whole_paragraph_quote_continues_speaker(run_quotes, text: str, speaker: str | None) -> None:
    result = run_quotes(text)
    quote = _find(result.quotes, "The votes are there and we will count every one of them")
    if speaker is None:
        assert quote is None or quote.speaker is None or quote.speaker.text != "Maria Lopez"
    else:
        assert quote is not None and quote.speaker is not None and quote.speaker.text == speaker
