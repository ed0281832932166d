"""Places by context: datelines, US states, names of people and of operations (sentences written for these
tests)."""
from __future__ import annotations

import pytest

from graph.extract.dateline import dateline_candidates


def _places(parsed):
    return [(p.place.name, p.place.country) for p in parsed.places]


def _event(parsed, trigger):
    evs = [e for e in parsed.events if e.trigger.lower() == trigger.lower()]
    assert evs, f"no event {trigger!r}; got {[e.trigger for e in parsed.events]}"
    return evs[0]


@pytest.mark.parametrize("text,city,region", [
    ("SANAA, Yemen \u2014 Houthi fighters fired rockets overnight.", "Sanaa", "Yemen"),
    ("BAMAKO, Mali \u2014 Gunmen stormed a hotel on Friday.", "Bamako", "Mali"),
    ("CHICAGO (AP) \u2014 Two men were wounded in a drive-by shooting.", "Chicago", ""),
    ("PEORIA, Ill. (WXYZ) -- A woman was shot outside a bar.", "Peoria", "Ill."),
    ("Headline About A Shooting ST. LOUIS, MO (KXYZ)- Police are searching for a gunman.", "St. Louis", "MO"),
])
def test_dateline_words(text, city, region):
    d = dateline_candidates(text)[0]
    assert (d.city_name, d.region) == (city, region)


def test_a_dateline_is_the_reports_place_and_never_an_actor(parse_text):
    p = parse_text("SANAA, Yemen \u2014 Gunmen attacked a checkpoint on Monday, killing four soldiers, officials said.")
    assert not any(a.key == "yemen" or a.type == "country" for a in p.actors), [(a.text, a.key) for a in p.actors]
    for e in p.events:
        assert not any(a.type == "country" for a in e.agents + e.targets)
    assert _event(p, "attacked").place.place.name == "Sanaa"
    q = parse_text("BAMAKO, Mali \u2014 A car bomb exploded near a market on Sunday, the army said.")
    assert not any(a.type == "country" for e in q.events for a in e.agents + e.targets)
    assert _event(q, "exploded").place.place.country == "MLI"


def test_a_place_in_the_sentence_beats_the_dateline(parse_text):
    p = parse_text("BAMAKO, Mali \u2014 Gunmen attacked an army post in Gao on Sunday.")
    assert _event(p, "attacked").place.place.name == "Gao"


@pytest.mark.parametrize("text", [
    "A man was shot and wounded in Peoria, IL on Sunday night, police said.",
    "A man was shot and wounded in Peoria, Ill. on Sunday night, police said.",
    "PEORIA, IL (WXYZ) -- A man was shot and wounded on Sunday night, police said.",
])
def test_us_state_abbreviations_read_as_us_places(parse_text, text):
    p = parse_text(text)
    assert ("Peoria", "USA") in _places(p)
    assert all(c != "ISR" for _, c in _places(p)), _places(p)
    assert not any(a.country == "ISR" for a in p.actors)
    peoria = next(x for x in p.places if x.place.name == "Peoria")
    assert abs(peoria.place.latitude - 40.69) < 0.1 and abs(peoria.place.longitude + 89.59) < 0.1  # Illinois


def test_a_victims_surname_is_no_place(parse_text):
    p = parse_text("Police said a gunman shot and killed Derek Bolton, 34, outside a bar on Friday night. "
                   "Bolton was pronounced dead at the scene, police said.")
    assert not any(x.text == "Bolton" for x in p.places), _places(p)
    assert any(a.key == "derek_bolton" for a in _event(p, "killed").targets)


def test_a_suspects_first_name_is_no_place(parse_text):
    p = parse_text("Prosecutors said Jordan Pike fired six shots into the crowd. His brother Tyler Pike drove the car. "
                   "Tyler told detectives he did not know about the gun.")
    assert not any(x.text in ("Tyler", "Jordan", "Pike") for x in p.places), _places(p)


def test_an_operation_is_no_place_and_no_actor(parse_text):
    p = parse_text("Soldiers of Operation Barkhane patrolled the desert north of Gao on Tuesday.")
    assert not any("Barkhane" in x.text for x in p.places), _places(p)
    assert not any("Barkhane" in a.name for a in p.actors)


def test_candidates_near_the_articles_other_places_win():
    from graph.lexicon.geo import Gazetteer

    gaz = Gazetteer.default()
    far = gaz.lookup("Springfield")
    near = gaz.lookup("Springfield", near=((42.36, -71.06),))  # Boston
    assert near is not None and abs(near.latitude - 42.1) < 0.2 and abs(near.longitude + 72.59) < 0.2
    assert far != near


def test_a_same_named_town_near_the_articles_other_places_is_chosen(parse_text):
    p = parse_text("Police in Boston said a man from Springfield was arrested after a shooting. The suspect had "
                   "driven from Springfield on Sunday.")
    spr = [x.place for x in p.places if x.place.name == "Springfield"]
    assert spr and all(abs(s.latitude - 42.1) < 0.2 and abs(s.longitude + 72.59) < 0.2 for s in spr)  # Massachusetts


@pytest.mark.parametrize("text,name", [
    ("Three teenagers were wounded late Saturday in a shooting on the South Side, police said.", "South Side"),
    ("Militiamen raided a market in North Kivu on Monday, killing six traders.", "North Kivu"),
])
def test_a_capitalized_direction_is_part_of_the_name(parse_text, text, name):
    p = parse_text(text)
    assert name in [x.place.name for x in p.places], _places(p)
    assert not any(x.place.name in ("Side", "Kivu") for x in p.places), _places(p)


def test_two_adjacent_place_names_that_name_one_city_stay_one_place(parse_text):
    p = parse_text("Drones hit an oil terminal in Port Sudan early on Tuesday, the army said.")
    ev = _event(p, "hit")
    assert ev.place is not None and ev.place.place.name == "Port Sudan" and ev.place.place.feature == "city"
    assert not any(x.place.feature == "country" for x in p.places), _places(p)


def test_a_known_town_the_tagger_missed_is_still_the_place(parse_text):
    p = parse_text("Militants fired mortar rounds at Ashkelon on Thursday evening.")
    ev = _event(p, "fired")
    assert ev.place is not None and (ev.place.place.name, ev.place.place.country) == ("Ashkelon", "ISR")


def test_an_old_name_of_a_capital_does_not_beat_the_city_of_that_name(parse_text):
    p = parse_text("A man was stabbed outside a bar in Philadelphia on Friday night, police said.")
    assert ("Philadelphia", "USA") in _places(p)
    assert not any(c == "JOR" for _, c in _places(p)), _places(p)


def test_counties_and_standalone_state_abbreviations_are_located():
    from graph.lexicon.geo import Gazetteer

    gaz = Gazetteer.default()
    cumbria = gaz.lookup("Cumbria")
    assert cumbria is not None and cumbria.country == "GBR" and cumbria.latitude is not None
    cook = gaz.lookup("Cook County")  # the one of Chicago, the county of the most towns of that name
    assert cook is not None and abs(cook.latitude - 41.8) < 0.5 and abs(cook.longitude + 87.8) < 0.5
    assert gaz.us_state_place("Mich.").name == "Michigan"
    assert gaz.us_state_place("OR") is None  # a bare two-letter code is a word too
    assert gaz.lookup("B.C.").name == "British Columbia"


def test_a_standalone_state_abbreviation_is_the_state(parse_text):
    p = parse_text("A state trooper was shot and wounded near Flint, in Mich. on Sunday.")
    assert any(x.place.name == "Michigan" and x.place.latitude is not None for x in p.places), _places(p)


@pytest.mark.parametrize("text", [
    "A man was shot on Newton Street in Leeds on Monday night, police said.",
    "Police in Leeds said a man was shot near 41st Street on Monday night.",
])
def test_a_street_is_no_town(parse_text, text):
    p = parse_text(text)
    assert not any(x.place.name == "Newton" for x in p.places), _places(p)
    assert any(x.place.name.endswith("Street") for x in p.places), _places(p)


def test_a_direction_before_a_street_is_the_streets_address_part(parse_text):
    p = parse_text("Deputies said the gunman fled along East 41st Street after the shooting on 41st Street.")
    assert {x.key for x in p.places if "41st" in x.text} == {"place:41st_street"}, [x.key for x in p.places]


def test_a_small_town_no_other_place_shares_the_name_of_is_located_by_its_context(parse_text):
    p = parse_text("A pensioner was found dead at his home in Cockermouth on Tuesday, detectives said.")
    assert any(x.place.name == "Cockermouth" and x.place.country == "GBR" and x.place.latitude is not None
               for x in p.places), _places(p)



def test_a_surname_after_a_common_given_name_is_a_persons_not_a_town(parse_text):
    # "Warren" is a town in Michigan and in Ohio; here it is the surname of a man named once in full
    p = parse_text("The gunman walked to the office of Paul Warren, a partner at the firm. He shot Warren in "
                   "the chest, then fled in a car. The shooting of Warren, 51, stunned the staff in Toledo.")
    assert not any(x.place.name == "Warren" for x in p.places), _places(p)
    assert any(x.place.name == "Toledo" for x in p.places), _places(p)


def test_a_word_of_a_name_in_a_title_case_headline_is_no_place_when_the_body_names_the_person(parse_text):
    p = parse_text("Laid-Off Worker Ann Warren Kills Two In Plant Shooting\n"
                   "A woman opened fire at a bottling plant in Toledo on Friday. The worker, Ann Warren, had been "
                   "suspended earlier that day. Warren was taken into custody after a standoff.")
    assert not any(x.place.name == "Warren" for x in p.places), _places(p)


@pytest.mark.parametrize("text", [
    "A MAN was arrested last night after a stabbing in Leeds, police said.",
    "Police said a Man was held overnight after a stabbing in Leeds.",
])
def test_a_common_noun_after_a_or_an_is_no_place_however_it_is_written(parse_text, text):
    p = parse_text(text)
    assert [x.place.name for x in p.places] == ["Leeds"], _places(p)


@pytest.mark.parametrize("text,camp", [
    ("The RSF was accused of killing hundreds of people in Zamzam camp, south of El Fasher.", "Zamzam camp"),
    ("Gunmen attacked Kabiro camp on Friday, killing four displaced people.", "Kabiro camp"),
])
def test_a_name_before_camp_is_the_camp_not_a_person(parse_text, text, camp):
    p = parse_text(text)
    assert camp in {pl.text for pl in p.places}, [(pl.text, pl.key) for pl in p.places]
    assert not any(a.type == "person" and a.name == camp.split()[0] for a in p.actors), p.actors
    assert any(e.place is not None and e.place.text == camp for e in p.events)
