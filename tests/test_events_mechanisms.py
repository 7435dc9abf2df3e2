"""Events stage mechanisms on made-up news sentences, and the seed events floor."""

from __future__ import annotations

import pytest

from conftest import events_document
from newsevents.evaluation import seed
from newsevents.pipeline import Document

# what events.v2 reaches on the seed article; never lower
SEED_REQUIRED_RECALL_FLOOR = 0.93
SEED_MAX_UNMATCHED = 3


def _doc(text: str, published: str = "2019-03-08") -> Document:
    return events_document(text, published)


def _asserted_types(text: str) -> list[str]:
    return [e.type for e in _doc(text).events if not e.negated]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Angela Merkel agreed to provide aid to Greece.", "AGREE"),
        ("Germany will provide aid to Greece.", "AGREE"),
        ("France is willing to withdraw its troops from Mali.", "AGREE"),
        ("Angela Merkel provided aid to Greece.", "AID"),
    ],
)
def test_events_mechanisms_intentions_are_agree(text, kind):
    types = _asserted_types(text)
    assert types and types[0] == kind, types


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The senators passed a bill surrounding the budget.", "ASSAULT"),
        ("Vladimir Putin made a brief reference to the Kursk disaster and the bombing.", "ASSAULT"),
    ],
)
def test_events_mechanisms_no_event_without_action(text, absent):
    assert absent not in [e.type for e in _doc(text).events]


@pytest.mark.parametrize(
    ("text", "published", "date", "inferred"),
    [
        # lede date: the undated second event takes Monday's date, inferred
        ("Prime Minister Justin Trudeau met President Emmanuel Macron in Paris on Monday "
         "to discuss trade and climate policy with European leaders.\n\n"
         "Trudeau praised Macron for his leadership.", "2019-03-08", "2019-03-04", True),
        # a date in another clause does not date the event
        ("Under the treaty, signed in 1992 by both countries, Germany is praising France "
         "for its cooperation.", "2019-03-08", "2019-03-08", True),
    ],
)
def test_events_mechanisms_dates(text, published, date, inferred):
    found = [e for e in _doc(text, published).events if e.type == "SUPPORT"]
    assert found
    assert (found[-1].date, found[-1].date_inferred) == (date, inferred)


@pytest.mark.parametrize(
    ("text", "host_country"),
    [
        ("Chancellor Angela Merkel traveled to Madrid on Monday.", "ESP"),
        ("President Xi Jinping came to Paris on Tuesday.", "FRA"),
    ],
)
def test_events_mechanisms_visit_host_is_government(text, host_country):
    doc = _doc(text)
    visits = [e for e in doc.events if e.type == "CONSULT"]
    assert visits
    hosts = [doc.actors[r.actor_id] for r in visits[0].recipients if r.actor_id]
    assert any(a.country == host_country and a.sector == "GOV" for a in hosts)
    for r in visits[0].recipients:
        assert doc.text[r.start : r.end] == r.text


@pytest.mark.parametrize(
    "text",
    [
        "US Vice President Mike Pence and Japanese Finance Minister Taro Aso chaired a session "
        "of the economic dialogue.",
    ],
)
def test_events_mechanisms_two_party_meeting(text):
    meetings = [e for e in _doc(text).events if e.type == "CONSULT"]
    assert meetings and meetings[0].actors and meetings[0].recipients


@pytest.mark.parametrize(
    "text",
    [
        "Washington is funneling $3 billion in weapons and training for Colombia's security "
        "forces.",
    ],
)
def test_events_mechanisms_aid_beneficiary(text):
    aid = [e for e in _doc(text).events if e.type == "AID"]
    assert aid and aid[0].recipients, [(e.type, e.recipients) for e in _doc(text).events]


def test_events_mechanisms_seed_floor(shared):
    report = seed.evaluate(shared / "gold" / "seed.json")
    ev = report["events"]
    assert ev["required"]["recall"] >= SEED_REQUIRED_RECALL_FLOOR
    assert len(ev["unmatched_predicted"]) <= SEED_MAX_UNMATCHED


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # refusals: the refusing verb is the event
        ("The Turkish government has refused to commit troops to the war.", "REJECT"),
        ("Syria says it will not accept any more refugees.", "REJECT"),
        ("The Islamic Jihad movement rejected an invitation to attend the meeting.", "REJECT"),
        # conflict announced or planned is a threat
        ("Palestinian leaders said they would boycott all official contact with Israel.",
         "THREATEN"),
        ("Greece plans to impose restrictions on its labour market.", "THREATEN"),
        # an obligation reported by a speech verb is the speaker's request
        ("Russia said on Tuesday that Sudan must return the helicopter.", "REQUEST"),
        # resignation and surrender are material retreats
        ("Georgian President Eduard Shevardnadze resigned on Sunday.", "RETREAT"),
        # an organisation named in the noun phrase is actor evidence ("the APEC forum")
        ("The Asia-Pacific Economic Cooperation (APEC) forum has agreed to set up a centre.",
         "AGREE"),
        # the group behind a counter and the antecedent of a pronoun resolve the actor
        ("Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday.", "PROTEST"),
        ("Hungary has said it will support the resolution.", "AGREE"),
    ],
)
def test_events_mechanisms_announced_refused_demanded(text, kind):
    types = _asserted_types(text)
    assert types and types[0] == kind, types


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # one crowd, two coordinated protest verbs: one event
        ("Demonstrators carried banners and chanted slogans outside the embassy.", ["PROTEST"]),
        # an instruction to the reader is no event
        ("To contact the Socialist Equality Party visit:", []),
    ],
)
def test_events_mechanisms_no_duplicate_or_boilerplate(text, kinds):
    assert [e.type for e in _doc(text).events if not e.negated] == kinds


def test_events_mechanisms_coordinated_passive_shares_agent():
    # (a handover to a gang is no release and no longer coded: the mechanism is shown on a
    # handover to the courts)
    text = "The students were arrested by the police and then turned over to the courts."
    turned = [e for e in _doc(text).events if e.trigger.text == "turned"]
    assert turned and [a.text for a in turned[0].actors] == ["the police"]


def test_events_mechanisms_headline_restating_body_is_dropped():
    text = ("Obama backs Mexican president\n\nPresident Barack Obama backed Mexican President "
            "Enrique Pena Nieto on Tuesday at a meeting in the White House in Washington.")
    support = [e for e in _doc(text, "2015-01-07").events if e.type == "SUPPORT"]
    assert len(support) == 1 and support[0].trigger.text == "backed"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("France is ready to contribute troops to the peace-keeping force.", "France"),
        ("Syria says it is willing to withdraw its troops from Lebanon.", "Syria"),
    ],
)
def test_events_mechanisms_subject_of_readiness_adjective(text, actor):
    found = [e for e in _doc(text).events if not e.negated]
    assert found and actor in [a.text for a in found[0].actors], found


@pytest.mark.parametrize(
    "text",
    [
        "Russia claims most of the Black Sea coast.",
        "Morocco claims the whole of Western Sahara as its territory.",
        "Manila claimed the disputed islands in 1978.",
    ],
)
def test_events_mechanisms_territorial_claim_is_no_accusation(text):
    assert "ACCUSE" not in [e.type for e in _doc(text).events]


def test_events_mechanisms_claim_about_an_act_stays():
    types = [e.type for e in _doc("Russia claimed that Ukraine shelled the plant.").events]
    assert "ASSAULT" in types


@pytest.mark.parametrize(
    ("text", "assaults"),
    [
        ("Police fired tear gas at protesters in Lima on Monday. Fourteen officers were "
         "injured and five protesters were hurt, the ministry said.", 1),
        ("Gunmen attacked a bus near Kano on Sunday. Nine passengers were wounded and "
         "taken to hospital.", 1),
    ],
)
def test_events_mechanisms_injury_reports_count_the_attack(text, assaults):
    found = [e for e in _doc(text).events if e.type == "ASSAULT"]
    assert len(found) == assaults, [e.trigger for e in found]


@pytest.mark.parametrize(
    ("text", "trigger", "actor"),
    [
        ("The army blamed militants linked to the Islamic State in the Sahel, which has "
         "carried out raids across the region.", "carried", "Islamic State"),
        ("Police detained a journalist in Harare, who had criticised the president.",
         "criticised", "journalist"),
    ],
)
def test_events_mechanisms_relative_pronoun_needs_actor_antecedent(text, trigger, actor):
    events_ = [e for e in _doc(text).events if e.trigger.text == trigger]
    assert events_ and actor in events_[0].actors[0].text, [
        (e.trigger.text, [a.text for a in e.actors]) for e in events_
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Kenya will buy six patrol boats from France.",
        "Japanese firms have invested $3 billion in Indonesia.",
        "Indian investors bought a stake in a Vietnamese port last year.",
    ],
)
def test_events_mechanisms_commerce_is_no_event(text):
    assert [e.type for e in _doc(text).events if e.type == "COOPERATE"] == []


@pytest.mark.parametrize(
    ("text", "trigger", "country", "sector"),
    [
        ("Soldiers killed four rebels and another 12 disappeared in the hills of Kivu.",
         "disappeared", None, "REB"),
        ("Gunmen abducted three Nigerian students on Monday and another 20 vanished in Kaduna.",
         "vanished", "NGA", "EDU"),
    ],
)
def test_events_mechanisms_elided_number_counts_the_earlier_group(text, trigger, country, sector):
    doc = _doc(text)
    found = [e for e in doc.events if e.trigger.text == trigger]
    assert found and found[0].recipients, [(e.trigger.text, e.recipients) for e in doc.events]
    actor = doc.actors[found[0].recipients[0].actor_id]
    assert actor.sector == sector and (country is None or actor.country == country)
    assert found[0].recipients[0].text.split()[-1].isdigit()  # the span is the number's own


def test_events_mechanisms_protest_during_visit_targets_the_visitor():
    text = ("President Xi Jinping arrived in Seattle on Tuesday for a three-day state visit.\n\n"
            "Outside his hotel, protesters carried banners and chanted slogans.")
    doc = _doc(text, published="2015-09-23")
    protests = [e for e in doc.events if e.type == "PROTEST"]
    assert protests and [r.text for r in protests[0].recipients] == ["Xi Jinping"], [
        (e.type, e.trigger.text, e.recipients, e.place and e.place.name, e.date) for e in doc.events
    ]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Obama said that he and Merkel had discussed coordinating their efforts on Iran.",
         "coordinating"),
        ("Both leaders stressed the need for a crackdown against smugglers.", "crackdown"),
    ],
)
def test_events_mechanisms_topic_of_talk_is_no_event(text, absent):
    assert absent not in [e.trigger.text for e in _doc(text).events]


def test_events_mechanisms_rejected_appeal_was_made_to_the_rejecter():
    doc = _doc("The Obama administration brushed aside appeals by human rights groups to "
               "release the prisoners.")
    kinds = {e.type: e for e in doc.events}
    assert "REJECT" in kinds and "REQUEST" in kinds, [(e.type, e.trigger.text) for e in doc.events]
    assert "administration" in kinds["REQUEST"].recipients[0].text
    assert "groups" in kinds["REJECT"].recipients[0].text


def test_events_mechanisms_participle_restating_the_act_is_one_event():
    doc = _doc("Washington is providing the means for this war, funneling $3 billion in "
               "weapons and training for Colombia's security forces.")
    aid = [e for e in doc.events if e.type == "AID"]
    assert len(aid) == 1 and aid[0].recipients, [(e.type, e.trigger.text) for e in doc.events]


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("Mexico praised the government's crackdown on Central American refugees attempting "
         "to reach the border.", "Central American refugees"),
    ],
)
def test_events_mechanisms_participle_after_preposition_keeps_its_noun(text, victims):
    doc = _doc(text)
    found = [e for e in doc.events if e.trigger.text == "crackdown"]
    assert found and victims in [r.text for r in found[0].recipients], [
        (e.trigger.text, e.recipients) for e in doc.events]


def test_events_mechanisms_demonstrative_victims_name_an_earlier_event():
    doc = _doc("Police arrested 40 students in Iguala on Friday.\n\n"
               "The report describes the government's repression of these students.")
    assert [e.trigger.text for e in doc.events if e.type == "COERCE"] == ["arrested"]


@pytest.mark.parametrize(
    ("text", "kind", "recipient"),
    [
        ("The United States on Thursday demanded that North Korea forsake its nuclear program.",
         "REQUEST", "North Korea"),
        ("The Azerbaijani parliament threatened on Monday to break relations with Russia.",
         "THREATEN", "Russia"),
        ("Israeli intelligence officials have shared evidence with the U.S. about the plot.",
         "COOPERATE", "U.S."),
        ("Albania on Friday denounced Serbia's suppression of the unrest.", "ACCUSE", "Serbia"),
    ],
)
def test_events_mechanisms_indirect_recipients(text, kind, recipient):
    found = [e for e in _doc(text).events if e.type == kind]
    assert found and any(recipient in r.text for r in found[0].recipients), [
        (e.type, e.trigger.text, [r.text for r in e.recipients]) for e in _doc(text).events]


@pytest.mark.parametrize(
    ("text", "kind", "actor"),
    [
        ("Tens of thousands of university students throughout Indonesia staged mass "
         "demonstrations on Saturday.", "PROTEST", "students"),
        ("Israel today mounted its long-threatened invasion of South Lebanon.", "COERCE", "Israel"),
    ],
)
def test_events_mechanisms_light_verb_subject_acts(text, kind, actor):
    found = [e for e in _doc(text).events if e.type == kind]
    assert found and any(actor in a.text for a in found[0].actors), [
        (e.type, e.trigger.text, [a.text for a in e.actors]) for e in _doc(text).events]


def test_events_mechanisms_finite_conjunct_of_an_infinitive_and_object_pronoun():
    # the parser coordinates "granted" with "keep"; "him" cannot be the judge herself
    doc = _doc("Justice Halima Bello rejected a request by the prosecution to keep John Okafor "
               "in custody and granted him bail of 500 million naira.", published="2023-11-21")
    found = [e for e in doc.events if e.trigger.text == "granted"]
    assert found and "Bello" in found[0].actors[0].text, [
        (e.trigger.text, e.actors, e.recipients) for e in doc.events]
    assert found[0].recipients and found[0].recipients[0].actor_id != found[0].actors[0].actor_id


@pytest.mark.parametrize(
    ("text", "kind", "actor", "recipients"),
    [
        ("The European Union welcomed the resumption of diplomatic ties between Cuba and "
         "the United States.", "SUPPORT", "European Union", {"Cuba", "the United States"}),
        ("Cuba and the United States restored diplomatic ties on Monday.", "SUPPORT", "Cuba",
         {"the United States"}),
        ("Vietnam's prime minister left for New Delhi on Wednesday for meetings with Indian "
         "officials.", "CONSULT", "prime minister", {"Indian officials"}),
    ],
)
def test_events_mechanisms_relations_and_departures(text, kind, actor, recipients):
    found = [e for e in _doc(text).events if e.type == kind]
    assert found and actor in found[0].actors[0].text, [
        (e.type, e.trigger.text, e.actors, e.recipients) for e in _doc(text).events]
    assert {r.text for r in found[0].recipients} == recipients


def test_events_mechanisms_visit_noun_after_arrival_is_the_same_visit():
    doc = _doc("Vietnamese President Nguyen Van Thanh, who arrived in New Delhi on Wednesday for "
               "a three-day visit, met Indian Prime Minister Arvind Mehra.", published="2024-08-02")
    assert [e.trigger.text for e in doc.events if e.mode == "visit"] == ["arrived"]


def test_events_mechanisms_purpose_of_a_visit_is_done_to_the_host():
    doc = _doc("The US ambassador to Mexico, Anthony Wayne, traveled to Guerrero last month to "
               "offer US cooperation in the plan.", published="2015-01-07")
    offer = [e for e in doc.events if e.trigger.text == "offer"]
    assert offer and [doc.actors[r.actor_id].country for r in offer[0].recipients] == ["MEX"], [
        (e.trigger.text, e.recipients) for e in doc.events]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Israel has strengthened its forces in Lebanon, military sources said.", "MOBILIZE"),
        ("The United Nations on Tuesday reduced food supplies to the refugee camp.", "SANCTION"),
        ("Syrian officers today ended mediation efforts between rival militias.", "SANCTION"),
        ("Swiss doctors handed over 700 kg of medicine to the Red Crescent in Bam.", "AID"),
        ("Finland will give Tanzania a grant of 580 million shillings.", "AGREE"),
        ("Warren Christopher telephoned Andrei Kozyrev on Tuesday to discuss the war.",
         "CONSULT"),
        ("The government on Thursday accepted demands from the rebels.", "CONCEDE"),
        ("Turkish police prevented the demonstration staged by students.", "COERCE"),
        ("The United States continued to send arms to Pakistan last year.", "AID"),
        ("Israeli soldiers beat up Palestinian detainees with the knowledge of officers.",
         "ASSAULT"),
    ],
)
def test_events_mechanisms_cameo_material_acts(text, kind):
    assert kind in [e.type for e in _doc(text).events if not e.negated], [
        (e.type, e.trigger.text) for e in _doc(text).events]


def test_events_mechanisms_attacked_place_is_target_and_location():
    doc = _doc("The United States on Thursday fired two artillery shells at Seoul.")
    fired = [e for e in doc.events if e.type == "ASSAULT"]
    assert fired and [doc.actors[r.actor_id].country for r in fired[0].recipients] == ["KOR"]
    assert fired[0].place is not None and fired[0].place_basis == "argument"


def test_events_mechanisms_a_country_acts_through_its_government():
    doc = _doc("Hungary condemned the attack on Tuesday.")
    found = [e for e in doc.events if e.type == "ACCUSE"]
    assert found, [(e.type, e.trigger.text) for e in doc.events]
    actor = doc.actors[found[0].actors[0].actor_id]
    assert (actor.country, actor.sector) == ("HUN", "GOV")


def test_events_mechanisms_cooperation_abroad_has_the_host_as_partner():
    doc = _doc("Mexico has recently set up a foreign trade office in Havana.")
    found = [e for e in doc.events if e.type == "COOPERATE"]
    assert found and found[0].place is not None and found[0].place.name == "Havana", [
        (e.type, e.trigger.text, e.place) for e in doc.events]
    assert [doc.actors[r.actor_id].country for r in found[0].recipients] == ["CUB"]


def test_events_mechanisms_handover_to_a_gang_is_no_release():
    doc = _doc("The students were arrested by police in Iguala and then turned over to a "
               "drug gang for execution.")
    assert "RETREAT" not in [e.type for e in doc.events], [
        (e.type, e.trigger.text, e.recipients) for e in doc.events]
    assert "COERCE" in [e.type for e in doc.events]


def test_events_mechanisms_long_headline_above_the_dateline_is_a_title():
    text = ("Gunmen kill at least 34 civilians in market attack in western Niger\n\n"
            "NIAMEY, March 14 — Gunmen on motorcycles killed at least 34 civilians in an attack "
            "on a market village in western Niger on Tuesday, the government said.")
    doc = _doc(text, published="2024-03-14")
    assert [e.trigger.text for e in doc.events if e.trigger.text.lower().startswith("kill")] == [
        "killed"]


def test_events_mechanisms_agent_of_an_abstract_subject():
    doc = _doc("Violence by armed groups in the Tillaberi region killed some 1,200 civilians.")
    killed = [e for e in doc.events if e.trigger.text == "killed"]
    assert killed and [a.text for a in killed[0].actors] == ["armed groups"], [
        (e.trigger.text, e.actors) for e in doc.events]


def test_events_mechanisms_attack_the_killing_happened_in_is_the_same_event():
    doc = _doc("Gunmen on motorcycles killed at least 34 civilians in an attack on a market "
               "village in western Niger on Tuesday.", published="2024-03-14")
    assert [e.trigger.text for e in doc.events if e.type == "ASSAULT"] == ["killed"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Gunfire struck a crowded market in Kabul on Tuesday, killing 12 people.", "AFG"),
        ("Twelve people were killed in an attack on a bus near Peshawar on Monday.", "PAK"),
    ],
)
def test_events_mechanisms_agentless_attack_is_unidentified_armed_group(text, country):
    doc = _doc(text)
    attacks = [e for e in doc.events if e.type == "ASSAULT" and not e.negated]
    assert attacks, [(e.type, e.trigger.text) for e in doc.events]
    for event in attacks:
        actor = doc.actors[event.actors[0].actor_id]
        assert (actor.country, actor.sector) == (country, "UAF")
        arg = event.actors[0]
        assert doc.text[arg.start:arg.end] == arg.text


def test_events_mechanisms_named_attacker_is_kept():
    doc = _doc("Taliban gunmen attacked a police post in Kandahar on Monday.")
    attacks = [e for e in doc.events if e.type == "ASSAULT"]
    assert attacks and all(
        doc.actors[a.actor_id].sector != "UAF" for e in attacks for a in e.actors if a.actor_id
    )
