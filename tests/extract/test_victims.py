"""Who was shot, when the report names the victim apart from the shooting (graph/extract/coref.py and the
role rules of graph/extract/event_roles.py). Sentences written for these tests."""
from __future__ import annotations

import pytest

from graph.extract.coref import Description, age_of


def _targets(parsed, trigger=None):
    return {t.name for e in parsed.events if trigger is None or e.trigger == trigger for t in e.targets}


def _agents(parsed, trigger):
    return {a.name for e in parsed.events if e.trigger == trigger for a in e.agents}


NAMED_LATER = [
    # identified as, in every form
    ("A man was shot Tuesday night on Elm Street. The victim was identified as Dorian Vasquez, 34.", "shot",
     "Dorian Vasquez"),
    ("A woman was shot and wounded outside a bar. Police identified the woman as Kelsey Marwood.", "shot",
     "Kelsey Marwood"),
    ("Police say a 28-year-old man, identified as Tobias Wrenfield, was shot near the park.", "shot",
     "Tobias Wrenfield"),
    ("A 30-year-old man, who was later identified as Arlo Penhallow, was shot near the market.", "shot",
     "Arlo Penhallow"),
    ("A man was fatally shot in a parking lot. The victim is Quentin Ashgrove.", "shot", "Quentin Ashgrove"),
    ("A man was wounded by an officer on Sunday. Relatives identified him as 24-year-old Corbin Lathe.", "wounded",
     "Corbin Lathe"),
    # apposition, and the age a noun and a name share
    ("Ferris Oakhurst, a 29-year-old man, was shot Tuesday. Officers said the man had been walking home.",
     "shot", "Ferris Oakhurst"),
    ("A 41-year-old woman was shot in her driveway. Neighbors said Renata Colville, 41, had just come home.",
     "shot", "Renata Colville"),
    # the one person said to be hurt, without an attack word of its own
    ("A 27-year-old man was shot Tuesday night in Westbrook. Police said Lamar Festus was found dead in a car.",
     "shot", "Lamar Festus"),
    # a pronoun is the person described just before it, not the official who speaks
    ("Lt. Dana Rourke said the man was inside the shop when he was shot by a stranger. The coroner identified the "
     "victim as Jovan Kessler.", "shot", "Jovan Kessler"),
]


@pytest.mark.parametrize("text,trigger,victim", NAMED_LATER)
def test_a_victim_named_after_the_shooting_is_its_target(parse_text, text, trigger, victim):
    p = parse_text(text)
    assert victim in _targets(p, trigger), [(e.trigger, [t.name for t in e.targets]) for e in p.events]


def test_a_kin_noun_is_only_who_the_words_around_it_say(parse_text):
    """ "her son" of one mother is not "her 18-year-old son, X" of another."""
    p = parse_text("Maria Okonjo still talks about her son and his murder. Another mother, Lena Ruiz, lost her "
                   "18-year-old son, Kofi Ruiz, in May.")
    assert "Kofi Ruiz" not in _targets(p, "murder")


def test_a_suspect_stands_only_for_the_person_named_as_the_suspect(parse_text):
    p = parse_text("A clerk was shot during a robbery on Friday. Police identified the suspect as Brennan Hollis, 22. "
                   "The victim was identified as Mira Santos.")
    assert "Brennan Hollis" not in _targets(p, "shot")
    assert "Mira Santos" in _targets(p, "shot")


def test_another_man_is_not_the_one_named(parse_text):
    p = parse_text("A woman was shot on Main Street on Friday. Police identified the victim as Noel Brandt, 31. "
                   "Another man was shot in the arm.")
    first, second = [e for e in p.events if e.trigger == "shot"]
    assert "Noel Brandt" in {t.name for t in first.targets}
    assert [t.name for t in second.targets if t.text.lower() == "man"] == ["man"]  # "another man" is not Noel Brandt


@pytest.mark.parametrize("text,trigger,victim", [
    # headlines leave out "was"; a site's name after "|" is no object
    ("Teen shot by deputy near school | Daily Courier\nJaden Moore, 16, was taken to a hospital.", "shot",
     "Jaden Moore"),
    ("Police: 19-year-old man shot and killed near 5th and Main\nA man died on Friday.", "killed", "man"),
    # a second verb shares the passive of the first
    ("Darnell Pike was shot and killed on Sunday.", "killed", "Darnell Pike"),
    ("Gideon Marsh was believed to be shot during the party.", "shot", "Gideon Marsh"),
    # the one who died owns his death
    ("Relatives said they were devastated by John Miller's death.", "death", "John Miller"),
    ("Jason Ambrose, 19, was a star player. His family said they were devastated by his death.", "death",
     "Jason Ambrose"),
    ("Ivo Castel was killed along with Ramon Ferro, 20, in a double homicide.", "killed", "Ramon Ferro"),
    ("Kent Maddox is charged in the slaying of 34-year-old Officer Paul Dressler.", "slaying", "Paul Dressler"),
])
def test_passives_states_and_owners_name_the_victim(parse_text, text, trigger, victim):
    p = parse_text(text)
    assert any(victim.lower() in (t.name + " " + t.text).lower() for t in
               [t for e in p.events if e.trigger == trigger for t in e.targets]), \
        [(e.trigger, [t.name for t in e.targets], [a.name for a in e.agents]) for e in p.events]


@pytest.mark.parametrize("text,trigger,victim", [
    ("Kira Dunn was pronounced dead at the scene.", "pronounced", "Kira Dunn"),
    ("Deputies found 37-year-old Tamsin Hale and 16-year-old Bryony Hale dead on a bed.", "found", "Bryony Hale"),
    ("Officers found Juno Small, who was pronounced dead at the scene.", "pronounced", "Juno Small"),
    ("Rocco Vint, 45, suffered a gunshot wound to the leg.", "suffered", "Rocco Vint"),
    ("Ellis Fane, 33, was taken to a hospital, where he succumbed to his injuries.", "succumbed", "Ellis Fane"),
])
def test_deaths_and_injuries_told_by_a_state_are_events(parse_text, text, trigger, victim):
    p = parse_text(text)
    ev = [e for e in p.events if e.trigger == trigger]
    assert ev and ev[0].event_type == "ASSAULT" and victim in {t.name for t in ev[0].targets}, \
        [(e.trigger, [t.name for t in e.targets]) for e in p.events]
    assert not ev[0].agents  # who pronounced or found it did not do it


def test_police_who_find_someone_dead_are_not_the_victims(parse_text):
    p = parse_text("Deputies found Michael Turner dead in his truck on Sunday.")
    ev = [e for e in p.events if e.trigger == "found"][0]
    assert {t.name for t in ev.targets} == {"Michael Turner"} and not ev.agents


def test_several_victims_named_as_the_people_pronounced_dead(parse_text):
    p = parse_text("Two women were fatally shot on Sunday, officials said. Janelle Voss, 23, and Petra Quill, 29, "
                   "were pronounced dead at the scene.")
    assert {"Janelle Voss", "Petra Quill"} <= _targets(p, "shot")


def test_people_hurt_without_an_attack_word_are_the_first_shootings_victims(parse_text):
    p = parse_text("Shots were fired at a party on Friday night, police said. Dale Ruiz, 19, was taken to a hospital "
                   "in critical condition.")
    assert "Dale Ruiz" in _targets(p)


def test_charged_with_murder_names_who_did_it(parse_text):
    p = parse_text("Police arrested Colton Reyes, 22, on a warrant charging him with murder. Ana Pratt was charged "
                   "with murder in the shooting.")
    assert "Colton Reyes" in _agents(p, "murder")
    assert "Ana Pratt" in _agents(p, "shooting")


def test_a_name_the_tagger_missed_after_a_headline_is_the_person(parse_text):
    p = parse_text("Cheyenne Dorta Walls, 29 - The Homicide Report\nCheyenne Dorta Walls, a 29-year-old man, was "
                   "shot and killed Tuesday in the 2600 block of Bronson Avenue.")
    assert "Cheyenne Dorta Walls" in _targets(p, "shot")


def test_a_name_taken_for_an_organization_is_a_person_by_its_age_or_identification(parse_text):
    p = parse_text("The coroner identified the victim as 26-year-old Antwan Greer. Greer died at the hospital.")
    people = {a.name for a in p.actors if a.type == "person"}
    assert "Antwan Greer" in people


def test_descriptions_tell_age_and_gender_and_a_suspect_apart(nlp):
    doc = nlp("A 34-year-old man met Dale Ruiz, 34, and the suspect.")
    man = [t for t in doc if t.text == "man"][0]
    ruiz = [t for t in doc if t.text == "Ruiz"][0]
    assert age_of(man) == 34 and age_of(ruiz) == 34
    assert Description("m", 34).agrees(Description("", 34))
    assert not Description("m", 34).agrees(Description("f", None))
    assert not Description("m", 34).agrees(Description("m", 35))
    assert not Description("m").agrees(Description("m", perpetrator=True))
    assert Description("m").agrees(Description("m", perpetrator=True), role=False)


def test_a_body_identified_as_someone_is_a_victim_of_the_reported_death(parse_text):
    p = parse_text("Deputies are investigating the death of a man whose body was pulled from a river on Saturday. "
                   "The body was identified as Wendell Pryce, 53.")
    assert "Wendell Pryce" in _targets(p, "death")


# -- issue 16 (roles that generalize): the rules below, on sentences written for these tests ----------------

def _named_targets(parsed):
    """The names each event has among its targets but not among its agents (X -> X fills no role)."""
    return {t.name for e in parsed.events for t in e.targets if all(a.key != t.key for a in e.agents)}


@pytest.mark.parametrize("text,victim", [
    # the subject of a copula whose predicate is the people hurt
    ("Kevin Miller was one of two people shot on Maple Street.", "Kevin Miller"),
    ("Kevin Miller and Laura Jones were the two people killed in the shooting.", "Laura Jones"),
    # a list "X, Y and Z" the parser reads as an apposition
    ("Gunfire broke out at a party. Tomas Rudd, Ilse Varga and Pavel Horak were the people wounded.", "Pavel Horak"),
])
def test_people_said_to_be_the_ones_hurt_are_the_victims(parse_text, text, victim):
    p = parse_text(text)
    assert victim in _named_targets(p), [(e.trigger, [t.name for t in e.targets], [a.name for a in e.agents])
                                         for e in p.events]


def test_him_is_not_the_subject_of_his_own_verb(parse_text):
    """ "an officer shot him": "him" is the man named before, never the officer."""
    p = parse_text("Police were called to Maple Street. Kevin Miller raised a knife and threatened officers. "
                   "That is when an officer shot him.")
    ev = [e for e in p.events if e.trigger == "shot"][0]
    assert "Kevin Miller" in {t.name for t in ev.targets}


def test_a_reduced_relative_tagged_as_a_past_tense_is_a_passive(parse_text):
    """ "The man killed Saturday": the man was killed, and the name he is identified as is no attacker."""
    p = parse_text("The man killed Saturday in the shooting has been identified as Kevin Miller.")
    for trigger in ("killed", "shooting"):
        ev = [e for e in p.events if e.trigger == trigger][0]
        assert "Kevin Miller" in {t.name for t in ev.targets}, trigger
        assert "Kevin Miller" not in {a.name for a in ev.agents}, trigger


def test_a_verb_misparsed_as_a_modifier_of_its_object(parse_text):
    """ "fatally shot LeGrier, who ...", parsed with "shot" as an adjective of the name."""
    p = parse_text("Tavon LeGrier called 911 twice. One of the responding deputies, Aaron Rialto, fatally shot "
                   "LeGrier, who the deputy said was coming at him with a bat.")
    ev = [e for e in p.events if e.trigger == "shot"][0]
    assert "Tavon LeGrier" in {t.name for t in ev.targets}
    assert "Aaron Rialto" not in {t.name for t in ev.targets}


@pytest.mark.parametrize("text,victim", [
    ("A man was shot in the back Saturday on Elm Street. Kevin Miller, 31, is in critical condition at Mercy "
     "Hospital.", "Kevin Miller"),
    ("A woman was shot on Elm Street on Saturday. Police said Laura Jones is expected to survive.", "Laura Jones"),
    ("Kevin Miller was taken to a hospital with non-life-threatening injuries after the shooting.", "Kevin Miller"),
])
def test_the_state_of_someone_hurt_makes_a_victim(parse_text, text, victim):
    p = parse_text(text)
    assert victim in _named_targets(p), [(e.trigger, [t.name for t in e.targets]) for e in p.events]


@pytest.mark.parametrize("text", [
    "Two men were shot Saturday night on Elm Street. The victims, Kevin Miller and Brian Ross, were taken to a "
    "hospital.",
    "Two men were shot Saturday night on Elm Street. Police identified them as Kevin Miller, 23, and Brian Ross, 25.",
    "Two men were shot Saturday night. The victims were identified as Kevin Miller, 23, and Brian Ross, 25.",
])
def test_several_victims_identified_together(parse_text, text):
    p = parse_text(text)
    assert {"Kevin Miller", "Brian Ross"} <= _targets(p, "shot"), [(e.trigger, [t.name for t in e.targets])
                                                                   for e in p.events]


def test_suspects_identified_together_are_not_victims(parse_text):
    p = parse_text("Two men were shot Saturday night. The suspects were identified as Colin Drake, 23, and Ned "
                   "Alder, 25.")
    assert not {"Colin Drake", "Ned Alder"} & _targets(p, "shot")


def test_a_full_name_the_tagger_took_for_an_organization_is_the_person_named_before(parse_text):
    p = parse_text("Brittany Mills, 28, had ended the relationship. The examiner said Brittany Mills and Kamesha "
                   "Mills were the people killed.")
    people = [a for a in p.actors if a.name == "Brittany Mills"]
    assert people and all(a.type == "person" for a in people)


def test_someone_said_to_be_hurt_in_the_next_sentence_is_no_learned_attacker(parse_text):
    p = parse_text("Gunfire broke out at a party Saturday. Laura Jones was listed in stable condition on Sunday.")
    assert "Laura Jones" in _named_targets(p)
    assert not any(a.name == "Laura Jones" for e in p.events for a in e.agents)


def test_a_name_the_tagger_missed_is_a_person_when_its_surname_comes_back_as_a_subject(parse_text):
    """ "Darnell Ashby's family ... Ashby was taken to a hospital": a surname, whatever the tagger said (it
    takes this name for an organization's)."""
    p = parse_text("Darnell Ashby's family said he was shot while walking home. Ashby was taken to a hospital.")
    assert any(a.name == "Darnell Ashby" and a.type == "person" for a in p.actors), \
        [(a.name, a.type) for a in p.actors]
    assert "Darnell Ashby" in _targets(p, "shot")


def test_a_word_also_written_in_lower_case_is_no_surname(parse_text):
    p = parse_text("Officers of the Akron Police arrived at noon. Police said two men were shot.")
    assert not any(a.type == "person" and a.name == "Akron Police" for a in p.actors)


def test_a_first_name_spelt_twice_is_one_person(parse_text):
    """A report may spell a victim's first name two ways; one letter more or less is the same name, a changed
    letter ("Jalen", "Jaden") another one."""
    from graph.extract.persons import PersonIndex

    idx = PersonIndex()
    a = idx.add("Kameela Ross", 0)
    assert idx.add("Kamela Ross", 50) is a
    assert idx.add("Jalen Ross", 80) is not idx.add("Jaden Ross", 90)
    p = parse_text("Kameela Ross, 23, and her cousin were shot on Sunday. Kamela Ross was taken to a hospital.")
    assert len({a.key for a in p.actors if a.type == "person" and a.name.endswith("Ross")}) == 1


@pytest.mark.parametrize("text,victim", [
    ("Kevin Miller, 24, remains hospitalized after being shot Saturday.", "Kevin Miller"),
    ("Laura Jones died after being shot in the head.", "Laura Jones"),
])
def test_after_being_shot_names_the_clause_subject(parse_text, text, victim):
    p = parse_text(text)
    assert victim in _targets(p, "shot") and victim not in _agents(p, "shot")


def test_a_victim_described_only_is_the_one_bystander_the_article_names(parse_text):
    """Nobody is said hurt by name, and one person is named in no other part: the man shot is that person."""
    p = parse_text("A 23-year-old man was shot and killed Saturday night on Elm Street. Family members said Kevin "
                   "Miller was on his way home from work. Miller had just started a new job.")
    assert "Kevin Miller" in _targets(p, "shot")


@pytest.mark.parametrize("text", [
    # the victim's name is withheld: the person named is someone else
    "A man was shot early Sunday. Police said the victim, whose name has not been released, was 30. Kevin Miller, "
    "who lives nearby, said he saw nothing. Miller moved here in May.",
    # a witness, an official and a suspect are no bystanders
    "A man was shot early Sunday. Kevin Miller heard the shots from his porch. Miller called police.",
    "A man was shot early Sunday. Police arrested Kevin Miller, 30, on Monday. Miller is in jail.",
    "A man was shot early Sunday, Sgt. Kevin Miller said. Miller asked witnesses to come forward.",
    # a public figure of the actor gazetteer is no bystander
    "A man was killed in Damascus on Monday. Maher al-Assad was seen in the city on Sunday. Maher al-Assad has "
    "commanded the unit for years.",
])
def test_no_bystander_when_the_article_says_otherwise(parse_text, text):
    p = parse_text(text)
    hurt = {t.name for e in p.events if e.event_type == "ASSAULT" for t in e.targets}
    assert not {"Kevin Miller", "Maher al-Assad"} & hurt, [(e.trigger, [t.name for t in e.targets]) for e in p.events]


def test_a_bystander_guess_neither_ties_nor_parts_merges(parse_text):
    p = parse_text("A 23-year-old man was shot and killed Saturday night on Elm Street. Family members said Kevin "
                   "Miller was on his way home from work. Miller had just started a new job.")
    ev = [e for e in p.events if e.trigger == "shot"][0]
    assert "kevin_miller" in ev.learned


@pytest.mark.parametrize("text, trigger, victims, not_victims", [
    # the people a phrase of the dead singles out are victims too
    ("At least 15 civilians, including six women and eight children, were killed in the raid.", "killed",
     ["civilians", "women", "children"], []),
    # where a bomb went off is its target when that is a building or a site, not when it is a town
    ("Two bombs exploded in two crowded pubs in the city centre on Friday.", "exploded", ["pubs"], []),
    ("An explosion outside a police academy in Bogota killed nine cadets.", "explosion", ["police academy", "cadets"],
     ["Bogota"]),
    ("A bomb exploded in Kabul on Monday.", "exploded", [], ["Kabul"]),
    # two attack verbs share their object
    ("The two brothers shot and killed a police officer in Cambridge.", "shot", ["police officer"], ["Cambridge"]),
])
def test_who_was_hit_by_the_rules(parse_text, monkeypatch, text, trigger, victims, not_victims):
    import graph.extract.event_roles as roles

    monkeypatch.setattr(roles, "default_model", lambda: None)  # the rules alone
    evs = [e for e in parse_text(text).events if e.trigger.lower() == trigger]
    assert evs
    names = {r.name for r in evs[0].targets}
    for v in victims:
        assert any(v in n for n in names), (v, names)
    for v in not_victims:
        assert not any(v in n for n in names), (v, names)


@pytest.mark.parametrize("text, trigger, target, text_of", [
    # a count of people: also a round number in words, and a part of a group named by the whole phrase
    ("The bombs killed three spectators in Dorrance and injured hundreds.", "injured", "civilians", "hundreds"),
    ("Gunmen in Kabul killed two of the guards at the gate.", "killed", "guards", "two of the guards"),
    ("The shootout in Dorrance killed one of the suspects, police said.", "killed", "suspects", "one of the suspects"),
])
def test_a_count_of_people_hurt_is_a_target(parse_text, text, trigger, target, text_of):
    p = parse_text(text)
    refs = [t for e in p.events if e.trigger == trigger for t in e.targets]
    assert any(target in r.name and r.text == text_of for r in refs), [(r.name, r.text) for r in refs]

