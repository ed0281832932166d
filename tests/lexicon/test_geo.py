"""The offline gazetteer (graph.lexicon.geo): places, countries and demonyms as news writes them."""
from __future__ import annotations

import csv
import math
from importlib import resources

import pytest

from graph.core.model import PlaceMatch
from graph.lexicon.geo import Gazetteer
from graph.lexicon.names import clean_place, is_proper, loose_key, name_key, parse_query


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


# --- places at known positions --------------------------------------------------------------

KNOWN = [  # name, ISO3, latitude, longitude (from general knowledge; checked to 25 km)
    ("Aleppo", "SYR", 36.20, 37.16),
    ("Idlib", "SYR", 35.93, 36.63),
    ("Geneva", "CHE", 46.20, 6.14),
    ("Washington", "USA", 38.90, -77.04),
    ("Damascus", "SYR", 33.51, 36.29),
    ("Homs", "SYR", 34.73, 36.72),
    ("Raqqa", "SYR", 35.95, 39.01),
    ("Deir ez-Zor", "SYR", 35.34, 40.14),
    ("Mosul", "IRQ", 36.34, 43.13),
    ("Kabul", "AFG", 34.53, 69.17),
    ("Gaza", "PSE", 31.50, 34.47),
    ("Khan Younis", "PSE", 31.35, 34.30),
    ("Donetsk", "UKR", 48.00, 37.80),
    ("Bakhmut", "UKR", 48.60, 38.00),
    ("Kharkiv", "UKR", 49.99, 36.23),
    ("Mariupol", "UKR", 47.10, 37.55),
    ("Dar es Salaam", "TZA", -6.80, 39.28),
    ("Nairobi", "KEN", -1.29, 36.82),
    ("Mogadishu", "SOM", 2.05, 45.32),
]


@pytest.mark.parametrize("name,iso,lat,lon", KNOWN)
def test_known_places_are_located(gaz, name, iso, lat, lon):
    m = gaz.lookup(name)
    assert isinstance(m, PlaceMatch)
    assert m.country == iso
    assert m.feature in ("city", "capital")
    assert km(lat, lon, m.latitude, m.longitude) <= 25, (m.latitude, m.longitude)


def test_geonames_ids_and_names(gaz):
    aleppo = gaz.lookup("Aleppo")
    assert aleppo.name == "Aleppo" and aleppo.geonameid == "170063"
    assert gaz.lookup("Washington").feature == "capital"
    assert gaz.lookup("Damascus").feature == "capital"


def test_washington_is_the_capital_not_a_small_washington(gaz):
    for text in ("Washington", "Washington, D.C.", "Washington DC"):
        m = gaz.lookup(text)
        assert m is not None and m.country == "USA" and m.feature == "capital", text
        assert km(38.90, -77.04, m.latitude, m.longitude) <= 25


# --- qualifiers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["eastern Aleppo", "east Aleppo", "western Aleppo", "East Aleppo",
                                  "the city of Aleppo", "Aleppo city", "Aleppo's", "the outskirts of Aleppo"])
def test_sub_place_qualifiers_map_to_the_place(gaz, text):
    m = gaz.lookup(text)
    assert m is not None and m.geonameid == gaz.lookup("Aleppo").geonameid, text


@pytest.mark.parametrize("text,iso", [("northern Syria", "SYR"), ("southern Lebanon", "LBN"),
                                      ("eastern Ukraine", "UKR"), ("the north of Iraq", "IRQ")])
def test_regions_of_a_country_map_to_the_country(gaz, text, iso):
    m = gaz.lookup(text)
    assert m is not None and m.feature == "country" and m.country == iso


@pytest.mark.parametrize("text,name", [("Idlib province", "Idlib"), ("Aleppo's province", "Aleppo"),
                                       ("Idlib countryside", "Idlib"), ("Deir ez-Zor province", "Deir ez-Zor"),
                                       ("Helmand province", "Helmand"), ("Nineveh province", "Nineveh")])
def test_province_qualifier_prefers_the_first_level_division(gaz, text, name):
    m = gaz.lookup(text)
    assert m is not None and m.feature == "admin" and m.name == name, m
    assert m.latitude is not None and m.longitude is not None


def test_province_lies_near_its_capital(gaz):
    prov, city = gaz.lookup("Idlib province"), gaz.lookup("Idlib")
    assert prov.country == city.country == "SYR"
    assert km(prov.latitude, prov.longitude, city.latitude, city.longitude) < 60
    assert city.feature == "city"  # the bare name is the city


def test_us_state_and_city(gaz):
    assert gaz.lookup("Texas").feature == "admin"
    assert gaz.lookup("New York").feature == "city"
    assert gaz.lookup("Alaska").country == "USA"


# --- same-named places -----------------------------------------------------------------------------------

def test_country_hint_chooses_between_same_named_places(gaz):
    assert gaz.lookup("Tripoli").country == "LBY"  # the capital, without a hint
    lbn = gaz.lookup("Tripoli", country_hint="LBN")
    lby = gaz.lookup("Tripoli", country_hint="LBY")
    assert lbn.country == "LBN" and km(34.44, 35.85, lbn.latitude, lbn.longitude) <= 25
    assert lby.country == "LBY" and km(32.89, 13.19, lby.latitude, lby.longitude) <= 25
    assert gaz.lookup("Tripoli", country_hint="LB").country == "LBN"  # ISO2 works too


def test_hint_prefers_home_town_but_not_over_a_foreign_capital(gaz):
    assert gaz.lookup("Sinjar").country == "IRQ"
    assert gaz.lookup("Sinjar", country_hint="SYR").country == "SYR"  # the Idlib village
    assert gaz.lookup("Kabul", country_hint="ISR").country == "AFG"  # not the Galilee village


def test_hint_for_unrelated_country_keeps_the_usual_place(gaz):
    assert gaz.lookup("Aleppo", country_hint="USA").country == "SYR"
    assert gaz.lookup("Geneva", country_hint="SYR").country == "CHE"


# --- spelling variants ---------------------------------------------------------------------------------

@pytest.mark.parametrize("variants", [
    ("Deir ez-Zor", "Deir el-Zour", "Deir al-Zor", "Dayr az Zawr", "Deir Ezzor"),
    ("Foua", "al-Fu'ah", "Fu’ah", "al-Foua"),
    ("Kefraya", "Kafriya"),
    ("Khan al-Assal", "Khan al-Asal"),
    ("Rashidin", "al-Rashideen", "Rashideen"),
    ("Khan Younis", "Khan Yunis"),
    ("Kyiv", "Kiev"),
    ("Idlib", "Edlib", "Idleb"),
    ("Raqqa", "Ar-Raqqah", "al-Raqqa"),
    ("Kobani", "Kobane", "Ain al-Arab"),
    ("Palmyra", "Tadmur"),
    ("Jisr al-Shughur", "Jisr ash-Shughur", "Jisr al-Shugur"),
    ("Khan Shaykhun", "Khan Sheikhoun"),
    ("Daraa", "Deraa", "Dar'a"),
])
def test_spelling_variants_resolve_to_one_place(gaz, variants):
    found = [gaz.lookup(v, country_hint=None) for v in variants]
    assert all(found), dict(zip(variants, found))
    assert len({(m.name, m.latitude, m.longitude) for m in found}) == 1, found


def test_syrian_places_in_the_gold_texts(gaz):
    for name in ("Foua", "Kefraya", "Khan al-Assal", "Rashidin"):
        m = gaz.lookup(name, country_hint="SYR")
        assert m is not None and m.country == "SYR" and m.name == name
        assert km(36.0, 37.0, m.latitude, m.longitude) < 100  # around Aleppo and Idlib


def test_loose_transliteration_with_a_hint(gaz):
    m = gaz.lookup("Kafriyah", country_hint="SYR")
    assert m is not None and m.name == "Kefraya"
    assert gaz.lookup("Maarat al-Noman", country_hint="SYR").name == "Maarat al-Numan"


# --- what is not a place ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Assad", "Kirby", "Thursday", "Army", "Security", "Victory", "Mark", "Hamas",
                                  "Hezbollah", "Obama", "Putin", "Islamic State", "White House", "The White House",
                                  "They've", "Red Cross", "Ahmad", "March", "May", "Police", "Kurdish", "Arab"])
def test_common_words_and_people_are_not_places(gaz, text):
    assert gaz.lookup(text) is None
    assert not gaz.is_place(text)


@pytest.mark.parametrize("text", ["Xyzzyville", "Qwertistan", "Blorptown Heights", "", "   ", "a", "aleppo",
                                  "eastern", "the city of", "province"])
def test_unknown_or_improper_names_are_none(gaz, text):
    assert gaz.lookup(text) is None


def test_person_names_with_hint_do_not_become_foreign_villages(gaz):
    for text in ("Kirby", "Victor", "Ashraf", "Santos"):
        assert gaz.lookup(text, country_hint="SYR") is None, text


def test_is_place(gaz):
    assert gaz.is_place("Aleppo") and gaz.is_place("Syria") and gaz.is_place("eastern Aleppo")
    assert not gaz.is_place("Assad")


# --- countries ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,iso", [
    ("Syria", "SYR"), ("Iran", "IRN"), ("Russia", "RUS"), ("United States", "USA"), ("U.S.", "USA"),
    ("US", "USA"), ("USA", "USA"), ("the United States", "USA"), ("UK", "GBR"), ("Britain", "GBR"),
    ("United Kingdom", "GBR"), ("South Korea", "KOR"), ("North Korea", "PRK"), ("Ivory Coast", "CIV"),
    ("Côte d'Ivoire", "CIV"), ("the Occupied Palestinian territory", "PSE"), ("Palestine", "PSE"),
    ("Syrian Arab Republic", "SYR"), ("Russian Federation", "RUS"), ("Turkey", "TUR"), ("Türkiye", "TUR"),
    ("DRC", "COD"), ("Burma", "MMR"), ("UAE", "ARE"), ("Kosovo", "XKX"), ("Israel", "ISR"),
    ("SY", "SYR"), ("SYR", "SYR"), ("GB", "GBR"), ("Lebanon", "LBN"), ("Yemen", "YEM"),
])
def test_countries(gaz, text, iso):
    m = gaz.country(text)
    assert m is not None and m.country == iso and m.feature == "country", text
    assert m.latitude is not None and m.longitude is not None and m.geonameid


def test_country_points_lie_in_the_country(gaz):
    boxes = {"SYR": (32.3, 37.4, 35.7, 42.4), "USA": (24, 50, -125, -66), "RUS": (41, 82, 19, 180),
             "FRA": (41, 51.2, -5.2, 9.6), "UKR": (44.3, 52.4, 22.1, 40.3), "IDN": (-11, 6, 95, 141)}
    for iso, (s, n, w, e) in boxes.items():
        m = gaz.country(iso)
        assert s <= m.latitude <= n and w <= m.longitude <= e, (iso, m)


def test_country_names(gaz):
    assert gaz.country("Syria").name == "Syria"
    assert gaz.country("PSE").name == "Palestine"
    assert gaz.country("U.S.").name == "United States"


@pytest.mark.parametrize("text", ["Narnia", "Aleppo", "syria", "", "Kurdistan", "XX", "Western"])
def test_not_countries(gaz, text):
    assert gaz.country(text) is None


def test_lookup_returns_countries_but_not_two_letter_codes(gaz):
    assert gaz.lookup("Syria").feature == "country"
    assert gaz.lookup("U.S.").country == "USA"
    assert gaz.lookup("TV") is None and gaz.lookup("ES") is None


# --- demonyms -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("word,iso", [
    ("Syrian", "SYR"), ("Iranian", "IRN"), ("Russian", "RUS"), ("Turkish", "TUR"), ("Israeli", "ISR"),
    ("Palestinian", "PSE"), ("Ukrainian", "UKR"), ("American", "USA"), ("British", "GBR"), ("Afghan", "AFG"),
    ("Iraqi", "IRQ"), ("Yemeni", "YEM"), ("Saudi", "SAU"), ("Emirati", "ARE"), ("Lebanese", "LBN"),
    ("Jordanian", "JOR"), ("Egyptian", "EGY"), ("French", "FRA"), ("German", "DEU"), ("Chinese", "CHN"),
    ("North Korean", "PRK"), ("South Korean", "KOR"), ("Swiss", "CHE"), ("Dutch", "NLD"), ("Filipino", "PHL"),
    ("Syrians", "SYR"), ("Americans", "USA"), ("Britons", "GBR"), ("Frenchmen", "FRA"), ("Israelis", "ISR"),
    ("Iranian-backed", "IRN"), ("Saudi-led", "SAU"), ("Russian-backed", "RUS"),
])
def test_demonyms(gaz, word, iso):
    assert gaz.demonym(word) == iso


@pytest.mark.parametrize("word", ["Kurdish", "Kurds", "Western", "Arab", "Arabs", "European", "Sunni", "Islamic",
                                  "Aleppo", "", "Korean"])
def test_not_demonyms(gaz, word):
    assert gaz.demonym(word) is None


UN_MEMBERS = """AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ
ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA
JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX
FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT
ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK
TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE""".split()


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("graph").joinpath("data", name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_demonym_table_covers_every_un_member():
    assert len(UN_MEMBERS) == 193
    have = {r["iso3"] for r in _rows("geo_demonyms.csv")}
    assert not set(UN_MEMBERS) - have
    assert {"PSE", "VAT"} <= have  # the observer states


def test_every_un_member_is_a_country(gaz):
    missing = [iso for iso in UN_MEMBERS if gaz.country(iso) is None]
    assert not missing


# --- data tables ---------------------------------------------------------------------------------------

def test_curated_places_resolve_to_themselves(gaz):
    for row in _rows("geo_places.csv"):
        m = gaz.lookup(row["name"], country_hint=row["iso3"])
        assert m is not None and m.country == row["iso3"], row["name"]
        assert m.name == row["name"], (row["name"], m)
        assert -90 <= m.latitude <= 90 and -180 <= m.longitude <= 180
        for alias in filter(None, row["aliases"].split("|")):
            a = gaz.lookup(alias, country_hint=row["iso3"])
            assert a is not None and a.name == row["name"], (alias, a)


def test_country_aliases_name_known_countries(gaz):
    for row in _rows("geo_country_aliases.csv"):
        m = gaz.country(row["alias"])
        assert m is not None and m.country == row["iso3"], row


# --- pure helpers ----------------------------------------------------------------------------------------

def test_name_key():
    assert name_key("Deir ez-Zor") == name_key("Deir-ez-Zor") == "deir zor"
    assert name_key("al-Fu'ah") == name_key("Al Fu’ah") == "fuah"
    assert name_key("Dar‘ā") == "dara"
    assert name_key("Kraków") == "krakow"
    assert name_key("St. Petersburg") == "saint petersburg"
    assert name_key("Dar es Salaam") == "dar salaam"  # symmetric, so harmless


def test_loose_key_levels_transliterations():
    same = [("Deir ez-Zor", "Dayr az Zawr"), ("Kafriya", "Kefraya"), ("Mosul", "Mawsil"),
            ("Khan Younis", "Khan Yunis"), ("Raqqa", "Ar Raqqah"), ("Sheikh Maqsoud", "Shaykh Maqsud")]
    for a, b in same:
        assert loose_key(name_key(a)) == loose_key(name_key(b)), (a, b)
    assert loose_key(name_key("Hamas")) != loose_key(name_key("Homs"))
    assert loose_key(name_key("Hawija")) != loose_key(name_key("Hajiawa"))


def test_parse_query():
    assert parse_query("eastern Aleppo") == parse_query("East Aleppo") == ("Aleppo", "")
    assert parse_query("the city of Aleppo") == ("Aleppo", "city")
    assert parse_query("Aleppo city") == ("Aleppo", "city")
    assert parse_query("Aleppo's province") == ("Aleppo", "admin")
    assert parse_query("Idlib province") == ("Idlib", "admin")
    assert parse_query("northern Syria") == ("Syria", "")
    assert parse_query("Aleppo") == ("Aleppo", "")


def test_clean_and_is_proper():
    assert clean_place("the Netherlands") == "Netherlands"
    assert clean_place("Aleppo's") == "Aleppo" and clean_place("“Aleppo,”") == "Aleppo"
    assert clean_place("U.S.") == "U.S."
    assert is_proper("Aleppo") and is_proper("al-Bab") and not is_proper("aleppo") and not is_proper("They've")


# --- loading --------------------------------------------------------------------------------------------

def test_default_is_built_once():
    assert Gazetteer.default() is Gazetteer.default()


@pytest.mark.parametrize("text,name", [("rebel-held eastern Aleppo", "Aleppo"), ("besieged Madaya", "Madaya"),
                                       ("the occupied West Bank", "West Bank"), ("war-torn Syria", "Syria")])
def test_news_descriptors_are_stripped(gaz, text, name):
    m = gaz.lookup(text, country_hint="SYR")
    assert m is not None and m.name == name


# --- US states -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,state", [("IL", "Illinois"), ("Ill.", "Illinois"), ("Ill", "Illinois"),
                                        ("Illinois", "Illinois"), ("Calif.", "California"), ("N.Y.", "New York"),
                                        ("W.Va.", "West Virginia"), ("D.C.", "Washington, D.C."), ("Yemen", None),
                                        ("Il", None)])
def test_us_states_by_name_and_abbreviation(gaz, text, state):
    assert gaz.us_state(text) == state


def test_a_two_letter_state_in_a_text_is_no_country(gaz):
    assert gaz.country("IL") is not None  # a code where codes are expected (user files)
    assert gaz.country("IL", codes=False) is None  # "Peoria, IL"
    assert gaz.country("US", codes=False).country == "USA"


@pytest.mark.parametrize("city,state,lat,lon", [("Peoria", "Illinois", 40.69, -89.59),
                                                 ("Springfield", "Massachusetts", 42.10, -72.59),
                                                 ("Springfield", "Illinois", 39.80, -89.64),
                                                 ("Portland", "Maine", 43.66, -70.26)])
def test_a_city_of_a_state(gaz, city, state, lat, lon):
    m = gaz.lookup(city, admin1=state)
    assert m is not None and m.country == "USA" and abs(m.latitude - lat) < 0.1 and abs(m.longitude - lon) < 0.1


def test_no_city_of_that_name_in_the_state(gaz):
    assert gaz.lookup("Peoria", admin1="Maine") is None
