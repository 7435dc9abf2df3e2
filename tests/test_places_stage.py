"""The places stage: toponyms found in context and resolved to the right gazetteer entry."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from newsevents.articles import make_article
from newsevents.pipeline import Document
from newsevents.records import Place
from newsevents.stages import parse, places

SEED = "corpus/seed/wsws-2015-01-07-obama-backs-pena-nieto.txt"


def run_places(text: str) -> Document:
    """Parse + places only (the other stages are not needed to test this one)."""
    doc = Document(article=make_article(text, published="2015-01-07"))
    parse.run(doc)
    places.run(doc)
    return doc


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(lon2 - lon1) / 2
    ) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def place_for(doc: Document, surface: str, nth: int = 0) -> Place | None:
    found = [p for p in doc.places if p.text == surface]
    return found[nth] if len(found) > nth else None


@pytest.mark.parametrize(
    ("text", "surface", "country", "precision", "admin1"),
    [
        ("Protests spread to the states of Guerrero, Michoacan, México and Morelos.",
         "México", "MEX", "admin1", "Estado de México"),
        ("Protests spread to the states of Guerrero, Michoacan, México and Morelos.",
         "Michoacan", "MEX", "admin1", "Michoacán de Ocampo"),
        ("The police killing in Ferguson, Missouri shocked the nation.",
         "Ferguson", "USA", "city", "Missouri"),
        ("Students disappeared in the town of Iguala, Guerrero, last year.",
         "Iguala", "MEX", "city", "Guerrero"),
        ("The president flew to Washington on Tuesday.", "Washington", "USA", "city",
         "District of Columbia"),
        ("Rain fell across Washington state and Oregon.", "Washington", "USA", "admin1",
         "Washington"),
        ("Fans gathered in Seattle, Washington for the game.", "Washington", "USA", "admin1",
         "Washington"),
        ("The man was arrested in Lexington, Ky., on Friday.", "Ky.", "USA", "admin1",
         "Kentucky"),
        ("Peace talks in the Middle East stalled again.", "Middle East", None, "region", None),
        ("Refugees from Central America reached the border.", "Central America", None,
         "region", None),
        ("He lives in Atlanta, Georgia, with his family.", "Georgia", "USA", "admin1",
         "Georgia"),
        ("Russia sent troops to Georgia and Ukraine.", "Georgia", "GEO", "country", None),
        ("Trade between the U.S. and Mexico grew.", "U.S.", "USA", "country", None),
        ("Deputies in Walton County arrested two men near DeFuniak Springs, Florida.",
         "Walton County", "USA", "admin2", "Florida"),
        ("The sheriff of Rapides Parish said the road in Alexandria was closed.",
         "Rapides Parish", "USA", "admin2", "Louisiana"),
        ("The driver was taken to the Mansfield Police Department in Mansfield, Ohio.",
         "Mansfield", "USA", "city", "Ohio"),
        ("Officials in Kermanshah province counted the damage.", "Kermanshah", "IRN",
         "admin1", "Kermanshah"),
    ],
)
def test_places_resolves_in_context(
    text: str, surface: str, country: str | None, precision: str, admin1: str | None
) -> None:
    place = place_for(run_places(text), surface)
    assert place is not None, f"{surface!r} not found"
    assert (place.country, place.precision, place.admin1) == (country, precision, admin1)


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        ("Mexican officials met Canadian diplomats.", {"Mexican", "Canadian"}),
        ("US ambassador to Mexico, Anthony Wayne, traveled there.", {"Anthony"}),
        ("On Cuba, Barack Obama said little. Later Obama left.", {"Obama"}),
        ("Jordan Smith scored twice for the team.", {"Jordan"}),
        ("The soldier was embedded with US forces near the border.", {"US"}),
        ("The City Council met on Saturday at City Hall.", {"Council", "Saturday", "Hall"}),
        ("Mississippi State beat Notre Dame in overtime.", {"Mississippi"}),
        ("Prosecutors said Elaine Petrova lied. In court, Petrova denied the charge.",
         {"Petrova"}),
        ("Prosecutors said Tom Shelton lied to police. Shelton, 33, denied the charge.",
         {"Shelton"}),
        ("Police fired at the man. Four officers were treated for minor injuries.", {"Four"}),
    ],
)
def test_places_skips_demonyms_and_person_names(text: str, not_places: set[str]) -> None:
    """None of these is a toponym (demonyms are kept only as country references)."""
    found = {p.text for p in run_places(text).places if p.kind == "toponym"}
    assert not found & not_places


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Now Washington hopes to realize profits from the deal.", "Washington"),
        ("Beijing warned that it would respond.", "Beijing"),
        ("The island came back under Washington's wing.", "Washington"),
    ],
)
def test_places_marks_metonyms(text: str, surface: str) -> None:
    doc = run_places(text)
    place = place_for(doc, surface)
    assert place is not None
    assert (place.start, place.end) in doc.notes["place_metonyms"]


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("IGUALA, Mexico — Parents of the students marched on Friday in Iguala.", "Iguala"),
        ("Police in Dallas said the suspect fled. Dallas officers later found him in Texas.",
         "Dallas"),
    ],
)
def test_places_focus_place(text: str, focus: str) -> None:
    doc = run_places(text)
    assert doc.notes["focus_place"].text.lower() == focus.lower()


def test_places_provenance_and_extractor(shared: Path) -> None:
    doc = run_places((shared / SEED).read_text(encoding="utf-8"))
    assert doc.places
    for place in doc.places:
        assert doc.text[place.start : place.end] == place.text
        assert place.extractor == places.VERSION


def test_places_seed_required_within_161km(shared: Path, seed_gold: dict) -> None:
    """Floor: every required seed place is found and within 161 km of gold."""
    doc = run_places((shared / SEED).read_text(encoding="utf-8"))
    missed = []
    for gold in seed_gold["places"]:
        if not gold.get("required"):
            continue
        ok = any(
            p.text == gold["text"] and p.lat is not None and p.lon is not None
            and km(p.lat, p.lon, gold["lat"], gold["lon"]) <= 161
            for p in doc.places
        )
        if not ok:
            missed.append(gold["text"])
    assert missed == []


@pytest.mark.parametrize(
    ("text", "surface", "feature_class", "precision"),
    [
        ("TORRINGTON — A fire destroyed a home on Main Street in Torrington on Tuesday.",
         "Main Street", "R", "city"),
        ("Katrina Chappell, 24, of 1199 N. Poplar St., Lima, Ohio, was charged.",
         "N. Poplar St.", "R", "city"),
        ("A truck overturned on the Old Lexington Highway near Huntsville, Texas.",
         "Old Lexington Highway",
         "R", "admin1"),
        ("The Neches River flooded farms near Palestine, Texas.", "Neches River", "H", "admin1"),
        ("Campers gathered at Lake Lanier outside Gainesville, Georgia.", "Lake Lanier", "H",
         "admin1"),
        ("Drivers got another exit onto Governors’ Parkway near Edwardsville, Illinois.",
         "Governors’ Parkway", "R", "admin1"),
    ],
)
def test_places_local_features(
    text: str, surface: str, feature_class: str, precision: str
) -> None:
    """Streets sit at their town; highways, rivers and lakes at their state's centroid."""
    place = place_for(run_places(text), surface)
    assert place is not None, f"{surface!r} not found"
    assert place.feature_class == feature_class and place.geonameid is None
    assert place.lat is not None and place.lon is not None
    assert place.precision == precision
    assert place.country == "USA"


@pytest.mark.parametrize(
    ("text", "surface", "not_feature"),
    [
        ("Deputies closed Douglas County Road 4 near Alexandria, Minnesota.",
         "Douglas County", "Douglas County Road"),
        ("A Florida Highway Patrol trooper stopped the car.", "Florida", "Florida Highway"),
        ("The Mt. Pleasant council met in Mt. Pleasant, Iowa.", "Mt. Pleasant", None),
    ],
)
def test_places_local_features_leave_named_places(
    text: str, surface: str, not_feature: str | None
) -> None:
    doc = run_places(text)
    assert place_for(doc, surface) is not None
    assert not_feature is None or place_for(doc, not_feature) is None


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("Lawmakers say cigarette tax hike likely. COLUMBIA -- The fight resumed.", "COLUMBIA"),
        ("Vandals desecrate graves near church . BEIRUT: Unknown assailants struck.", "BEIRUT"),
        ("By JOHN SMITH Advocate Reporter March 30, 2009 NEWARK -- The surge went on.",
         "NEWARK"),
    ],
)
def test_places_dateline_run_on_after_headline(text: str, dateline: str) -> None:
    doc = run_places(text)
    assert place_for(doc, dateline) is not None
    assert doc.notes["focus_place"].text == dateline


@pytest.mark.parametrize(
    ("text", "surface", "found"),
    [
        ("Refugees fled from Achguara to Gori on Friday.", "Achguara", True),
        ("Mikheil Saakashvili said Saakashvili's government would not yield.", "Saakashvili",
         False),
        ("The UNAMID mission in Darfur was extended.", "UNAMID", False),
    ],
)
def test_places_unknown_place_entities(text: str, surface: str, found: bool) -> None:
    """A place entity the gazetteer lacks is a toponym when its context says place, placed
    at its region's centroid (precision admin1 or country); names, acronyms and
    possessives are not."""
    place = place_for(run_places(text), surface)
    assert (place is not None) == found
    if place is not None:
        assert place.geonameid is None and place.feature_class is None
        assert place.lat is not None and place.precision in {"admin1", "country"}


def test_places_demonyms_are_country_references() -> None:
    """Nationality words are places of kind 'demonym' with their country, never the
    focus; toponyms stay 'toponym'."""
    doc = run_places("Israeli troops and Palestinian police met near Jenin on Monday.")
    refs = {p.text: p for p in doc.places if p.kind == "demonym"}
    assert set(refs) == {"Israeli", "Palestinian"}
    assert refs["Israeli"].country == "ISR" and refs["Israeli"].precision == "country"
    jenin = place_for(doc, "Jenin")
    assert jenin is not None and jenin.kind == "toponym"
    assert doc.notes["focus_place"].kind == "toponym"


@pytest.mark.parametrize(
    ("text", "surface", "name", "precision"),
    [
        ("Collapses were reported in Harvey, Harper and Kingman counties in Kansas.",
         "Harper", "Harper County", "admin2"),
        ("School boards in Barrow, Jackson and Madison counties in Georgia met.", "Jackson",
         "Jackson County", "admin2"),
        ("Earlier in the week Tbilisi announced that direct talks would start.", "Tbilisi",
         "Tbilisi", "city"),
        ("The blaze was small, said Litchfield Fire Chief Jim Koser of Connecticut.",
         "Litchfield", "Litchfield", "city"),
    ],
)
def test_places_lists_capitals_and_local_officials(
    text: str, surface: str, name: str, precision: str
) -> None:
    place = place_for(run_places(text), surface)
    assert place is not None, f"{surface!r} not found"
    assert (place.name, place.precision) == (name, precision)


def test_places_person_at_an_address_street() -> None:
    doc = run_places("Police went to the 500 block of Lou Lane in Gainesville, Georgia.")
    assert place_for(doc, "Lou Lane") is not None


def test_places_transliteration_apostrophes_optional() -> None:
    """GeoNames writes "Ts'khinvali"; news writes "Tskhinvali"."""
    place = place_for(run_places("Refugees fled from Tskhinvali to Gori on Friday."), "Tskhinvali")
    assert place is not None and place.country == "GEO" and place.geonameid is not None


@pytest.mark.parametrize(
    ("text", "surface", "country", "admin1"),
    [
        ("The Paris Public Library will offer a workshop for Illinois job seekers. The "
         "Illinois skills match program helps Illinois residents.", "Paris", "USA", "Illinois"),
        ("California has sent firefighters, officials in California said.", "California",
         "USA", "California"),
    ],
)
def test_places_named_states_pull_their_towns(
    text: str, surface: str, country: str, admin1: str
) -> None:
    place = place_for(run_places(text), surface)
    assert place is not None
    assert (place.country, place.admin1) == (country, admin1)


@pytest.mark.parametrize(
    ("text", "surface", "found"),
    [
        ("Lindsay received $40 at the Sheldon Peck Homestead in Lombard, Illinois.", "Lombard",
         True),
        ("The program has such strong support in Congress that it will pass.", "Congress",
         False),
        ("Crafton man suing WPXI over photo mix-up. A Crafton man is suing the station.",
         "Crafton", True),
    ],
)
def test_places_organisation_tagged_towns_after_in(text: str, surface: str, found: bool) -> None:
    place = place_for(run_places(text), surface)
    assert (place is not None and place.kind == "toponym") == found


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Senate Tax Chairman Tom Bakk, DFL-Cook, said a share of the money was spent.",
         "Cook"),
        ("Her younger sister, Kalena Horhn of Grand Prairie, said she remembers riding.",
         "Grand Prairie"),
        ("Voters in Harrison and Madison townships approved the levy in Ohio.", "Madison"),
    ],
)
def test_places_home_towns_and_township_lists(text: str, surface: str) -> None:
    assert place_for(run_places(text), surface) is not None


def test_places_team_after_of_is_no_home_town() -> None:
    doc = run_places("Birmingham City evades Robert Snodgrass of Aston Villa on Saturday.")
    assert place_for(doc, "Aston") is None
