"""Events stage: error kinds seen on new writing (datelines, report dates, lexicon slips,
pledges, assemblies), on made-up sentences."""

from __future__ import annotations

import pytest

from conftest import events_document
from newsevents import event_dates
from newsevents.pipeline import Document


def _doc(text: str, published: str = "2022-05-13") -> Document:
    return events_document(text, published)


def _positive(doc: Document) -> list:
    return [e for e in doc.events if not e.negated]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Storm hits coast\n\nLIMA, May 13 — Troops fired on miners.", "LIMA, May 13 — "),
        ("NEW DELHI (Reuters) - Police detained ten men.", "NEW DELHI (Reuters) - "),
        ("Police detained ten men in Lima on Friday.", ""),
    ],
)
def test_events_dateline_span(text, span):
    start, end = event_dates.dateline(text)
    assert text[start:end] == span


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the dateline's day is the filing day, the lede's weekday dates the attack
        ("Miners clash with troops in the south\n\n"
         "OKAVANGO, May 13 — Soldiers shot dead four striking miners near the Kellam pit on "
         "Wednesday, a local councillor told reporters by telephone.", "2022-05-11"),
        # a time of the reporting verb dates the report, the next paragraph's day the raid
        ("Raid on a farming village\n\n"
         "KARMA, May 13 — Armed men killed nine farmers in a raid on a village in the north "
         "of the country, the regional governor said on Friday in a short statement.\n\n"
         "The attackers stormed the village of Benta on Tuesday evening and burned granaries "
         "before fleeing into the bush.", "2022-05-10"),
    ],
)
def test_events_lede_date_skips_dateline_and_report_day(text, date):
    doc = _doc(text)
    assault = [e for e in _positive(doc) if e.type == "ASSAULT"]
    assert assault and assault[0].date == date, [(e.trigger.text, e.date) for e in assault]


def test_events_dateline_is_no_actor_and_no_march():
    doc = _doc("Clashes in the capital\n\nOKAVANGO, March 13 — Soldiers beat dozens of "
               "students who had occupied the university library for a week.",
               published="2022-03-13")
    for event in doc.events:
        assert "OKAVANGO" not in [a.text for a in event.actors + event.recipients]
        assert event.trigger.text != "March"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The ministry blamed fighters linked to a rebel militia for the raid.", "COOPERATE"),
        ("Investigators found accounts linked to the mayor of Kellam.", "COOPERATE"),
        ("Nine wounded miners were taken to hospital in Kellam by soldiers.", "COERCE"),
        ("The rebels left the village before dawn, the mayor said.", "CONSULT"),
        ("The governor left office in May after two terms.", "CONSULT"),
    ],
)
def test_events_lexicon_slips(text, absent):
    assert absent not in [e.type for e in _positive(_doc(text))]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Japan pledged $40 million to the flood victims of Kellam.", "AID"),
        ("The European Union promised €12 million in emergency aid to Moldova.", "AID"),
        ("Japan pledged to help the flood victims of Kellam.", "AGREE"),
    ],
)
def test_events_pledges(text, kind):
    types = [e.type for e in _positive(_doc(text))]
    assert kind in types, types


@pytest.mark.parametrize(
    ("text", "protest"),
    [
        ("Thousands of opposition supporters gathered outside parliament in Tbilisi.", True),
        ("Hundreds of protesters gathered outside the presidential palace in Lima.", True),
        ("Finance ministers gathered in Brussels for the annual budget talks.", False),
    ],
)
def test_events_assemblies(text, protest):
    types = [e.type for e in _positive(_doc(text))]
    assert ("PROTEST" in types) is protest, types


def test_events_break_up_is_no_killing():
    doc = _doc("Soldiers fired shots to break up a rally by miners.")
    assert "break" not in [e.trigger.text for e in doc.events]


def _args(event) -> tuple[list[str], list[str]]:
    return [a.text for a in event.actors], [a.text for a in event.recipients]


@pytest.mark.parametrize(
    ("text", "kind", "actor", "recipient"),
    [
        # the author of a rejected proposal is the recipient; a scene-setting "at" is not
        ("At the Supreme Court in Lusaka, Judge Mwila Banda rejected a request by Hakainde "
         "Sitali to delay the hearing.", "REJECT", "Mwila Banda", "Hakainde Sitali"),
        # the partner of an event noun object
        ("Emmanuel Macron held talks with Olaf Scholz in Berlin.", "CONSULT", "Emmanuel Macron",
         "Olaf Scholz"),
        # two parties that sign together
        ("Kenya and Ethiopia signed a border agreement.", "SUPPORT", "Kenya", "Ethiopia"),
        # "N of them": the group the pronoun stands for
        ("Kenyan troops chased Shabaab fighters towards the border and killed 15 of them.",
         "ASSAULT", "Kenyan troops", "Shabaab fighters"),
    ],
)
def test_events_argument_roles(text, kind, actor, recipient):
    found = [e for e in _positive(_doc(text)) if e.type == kind]
    assert found, [(e.type, _args(e)) for e in _doc(text).events]
    actors, recipients = _args(found[0])
    if actor is not None:
        assert any(actor in a for a in actors), (actors, recipients)
    assert any(recipient in r for r in recipients), (actors, recipients)


def test_events_passive_subject_does_the_adverbial_act():
    doc = _doc("Emmanuel Macron was received at the palace before holding talks with Olaf Scholz.")
    talks = [e for e in _positive(doc) if e.type == "CONSULT"]
    assert talks and "Emmanuel Macron" in [a.text for a in talks[0].actors]


def test_events_appositive_person_is_the_actor():
    doc = _doc("The ministry's spokesman, Ghassan Salame, condemned the shelling of the airport.")
    condemn = [e for e in _positive(doc) if e.type == "ACCUSE"]
    assert condemn and any("Salame" in a.text for a in condemn[0].actors), _args(condemn[0])


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        # the weapon is the means; the purpose clause names whom the force is used on
        ("Riot police fired tear gas to disperse hundreds of striking teachers in Nairobi.",
         "teachers"),
        ("Soldiers fired rubber bullets into the crowd outside the stadium.", "crowd"),
    ],
)
def test_events_force_targets_not_weapons(text, recipient):
    assaults = [e for e in _positive(_doc(text)) if e.type == "ASSAULT"]
    assert assaults, [(e.type, _args(e)) for e in _doc(text).events]
    _actors, recipients = _args(assaults[0])
    assert any(recipient in r for r in recipients), recipients
    assert not any(w in " ".join(recipients) for w in ("gas", "bullets"))


def test_events_compound_kind_is_no_event():
    doc = _doc("Riot police and strike troops guarded the ministry in Nairobi.")
    assert "PROTEST" not in [e.type for e in doc.events]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The finance ministry says the cuts are needed to meet the terms of a loan from the "
         "World Bank.", "CONSULT"),
        ("Kenya invited Indian companies to take part in the tender.", "AGREE"),
        # the requested act belongs to the call
        ("The UN envoy Ghassan Salame called on all sides to protect civilians in Tripoli.", "AID"),
    ],
)
def test_events_more_slips(text, absent):
    assert absent not in [e.type for e in _positive(_doc(text))]


def test_events_police_clearing_is_coercion():
    doc = _doc("Police cleared the square in Nairobi after protesters blocked it for hours.")
    cleared = [e for e in _positive(doc) if e.trigger.text == "cleared"]
    assert cleared and cleared[0].type == "COERCE", [(e.type, e.trigger.text) for e in doc.events]


def test_events_clash_is_two_sided():
    doc = _doc("Kenyan troops and Somali militiamen clashed near the border town of Mandera.")
    clash = [e for e in _positive(doc) if e.type == "ASSAULT"]
    assert clash and clash[0].actors and clash[0].recipients, [_args(e) for e in doc.events]


def test_events_same_event_takes_the_earlier_explicit_day():
    doc = _doc("Georgian police detained 30 opposition activists in Tbilisi on Thursday, the "
               "interior ministry said in a statement issued late in the evening.\n\n"
               "On Monday, thousands of opposition supporters protested outside parliament in "
               "Tbilisi against the election result.\n\n"
               "Opposition supporters also protested outside the electoral commission building "
               "in Tbilisi.", published="2022-05-13")
    protests = [e for e in _positive(doc) if e.type == "PROTEST"]
    assert len(protests) >= 2, [(e.type, e.trigger.text, e.date) for e in doc.events]
    assert protests[0].date == "2022-05-09"
    assert protests[-1].date == "2022-05-09", [(e.trigger.text, _args(e), e.date) for e in protests]


@pytest.mark.parametrize(
    ("text", "kind", "recipient"),
    [
        ("The US Treasury imposed sanctions on two Sudanese paramilitary commanders.",
         "SANCTION", "commanders"),
        ("The European Union froze the assets of three Sudanese companies.", "SANCTION",
         "companies"),
        ("Britain announced an additional £10 million for flood victims in Mozambique.", "AID",
         "victims"),
        # a committed sum stays aid in the future; its "for X to" clause names the recipient
        ("India will extend a $500 million line of credit for Vietnam to buy patrol boats.",
         "AID", "Vietnam"),
        ("The Red Cross delivered food and tents to 20,000 displaced people in Beira.", "AID",
         "people"),
    ],
)
def test_events_sanctions_and_aid(text, kind, recipient):
    found = [e for e in _positive(_doc(text)) if e.type == kind]
    assert found, [(e.type, e.trigger.text, _args(e)) for e in _doc(text).events]
    assert any(recipient in r for r in _args(found[0])[1]), _args(found[0])


def test_events_on_is_a_recipient_preposition():
    # YAML reads a bare `on` as true: the class must still hold the word
    doc = _doc("The UK imposed travel bans on three Sudanese officials.")
    found = [e for e in _positive(doc) if e.trigger.text == "imposed"]
    assert found and any("officials" in r for r in _args(found[0])[1]), [_args(e) for e in doc.events]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The Houthis and the Yemeni government agreed to extend the truce for two more months.",
         "RETREAT"),
        ("The Red Cross flew the released detainees to Sanaa.", "CONSULT"),
    ],
)
def test_events_governed_nominal_and_transport(text, absent):
    assert absent not in [e.type for e in _positive(_doc(text))]


def test_events_affiliated_group_is_named_by_its_organisation():
    doc = _doc("Iraqi officials accused militants linked to the Islamic State of planting the "
               "bomb in Mosul.")
    accuse = [e for e in _positive(doc) if e.type == "ACCUSE"]
    assert accuse, [(e.type, _args(e)) for e in doc.events]
    assert any("Islamic State" in r for r in _args(accuse[0])[1]), accuse[0].recipients


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Interior Minister Diego Alvarado defended the police at a news conference.", "SUPPORT"),
        ("French troops defended the airport in Bamako.", "AID"),
    ],
)
def test_events_a_person_defends_verbally(text, kind):
    found = [e for e in _positive(_doc(text)) if e.trigger.text == "defended"]
    assert found and found[0].type == kind, [(e.type, e.trigger.text) for e in _doc(text).events]


def test_events_appositive_person_after_the_titles_prepositional_phrase():
    doc = _doc("The United Nations envoy for Libya, Ghassan Salame, condemned the shelling of "
               "the airport.")
    condemn = [e for e in _positive(doc) if e.type == "ACCUSE"]
    assert condemn and any("Salame" in a.text for a in condemn[0].actors), _args(condemn[0])


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Thousands of protesters tried to reach the presidential palace in Lima.", "PROTEST"),
        ("Hundreds of demonstrators headed for the parliament building in Tbilisi.", "PROTEST"),
    ],
)
def test_events_protesters_on_the_move_demonstrate(text, kind):
    assert kind in [e.type for e in _positive(_doc(text))]
