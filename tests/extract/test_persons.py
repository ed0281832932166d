"""Who is the same person: short names join the full name of the article, a different first name is
another person, and across articles people join on full names only (sentences written for these tests)."""
from __future__ import annotations

from graph.build.builder import build_graph
from graph.extract.persons import PersonIndex, person_key


def _people(parsed):
    return {(a.text, a.key) for a in parsed.actors if a.type == "person"}


def _key_of(parsed, text):
    keys = {a.key for a in parsed.actors if a.text == text}
    assert len(keys) == 1, (text, keys, _people(parsed))
    return keys.pop()


def test_index_joins_a_surname_and_a_first_name_to_the_full_name():
    idx = PersonIndex()
    idx.add("Marcus T. Whitfield", 0)
    idx.add("Dana Okafor", 40)
    assert idx.find("Whitfield").name == "Marcus T. Whitfield"
    assert idx.find("Marcus").key == idx.find("Marcus Whitfield").key == person_key("Marcus Whitfield")
    assert idx.find("Okafor").name == "Dana Okafor"
    assert idx.find("Lena Whitfield") is None  # another first name: another person
    assert idx.find("Smith") is None


def test_index_a_surname_of_two_people_names_neither():
    idx = PersonIndex()
    idx.add("Ruben Castell", 0)
    idx.add("Oskar Castell", 30)
    assert idx.find("Castell") is None and idx.ambiguous("Castell")
    assert {p.name for p in idx.family()} == {"Ruben Castell", "Oskar Castell"}
    assert idx.find("Oskar").name == "Oskar Castell"


def test_a_surname_and_a_first_name_alone_join_the_full_name(parse_text):
    p = parse_text("Police spokesman John Kirby said the suspect fled on foot. Kirby added that officers "
                   "found a rifle in the car. John also said a second man was questioned.")
    assert _key_of(p, "Kirby") == _key_of(p, "John Kirby") == _key_of(p, "John")


def test_a_different_first_name_is_a_different_person_whatever_the_gazetteer_says(parse_text):
    p = parse_text("Coalition spokesman Turki al-Maliki said the convoy was attacked near the border on Sunday. "
                   "Maliki said two drones were shot down.")
    turki = _key_of(p, "Turki al-Maliki")
    assert turki != "nouri_al_maliki" and "turki" in turki
    assert _key_of(p, "Maliki") == turki
    q = parse_text("Former prime minister Nouri al-Maliki met the envoy in Baghdad on Monday.")
    assert _key_of(q, "Nouri al-Maliki") == "nouri_al_maliki"


def test_a_middle_initial_does_not_split_one_suspect(parse_text):
    p = parse_text("Prosecutors charged Dmitri K. Volkan with murder on Friday. Dmitri Volkan, 31, shot a clerk "
                   "at a gas station, police said. Volkan was arrested at his home.")
    keys = {a.key for a in p.actors if a.type == "person"}
    assert keys == {person_key("Dmitri Volkan")}


def test_people_join_across_articles_on_full_names_not_on_a_shared_surname(parse_text):
    a = parse_text("Police identified the victim as Carla Brennan, 42, of Elm Street.", article_id="a")
    b = parse_text("Detectives said Brennan had argued with a neighbor before the shooting.", article_id="b")
    c = parse_text("Carla Brennan was shot twice in the chest, a detective said.", article_id="c")
    G = build_graph([a, b, c])
    people = {d["name"]: d for _, d in G.nodes(data=True) if d.get("kind") == "actor" and d.get("type") == "person"}
    assert sorted(people["Carla Brennan"]["articles"]) == ["a", "c"]
    assert people["Brennan"]["articles"] == ["b"]


def test_statements_can_resolve_a_speaker_through_the_article_people(extractor, nlp):
    from datetime import date

    from graph.core.model import Article
    from graph.extract.actors import ArticleEntities

    text = "Sheriff Walter Huang said the gunman acted alone. Huang said deputies found two handguns."
    ents = ArticleEntities.build(nlp(text), Article(article_id="t", text=text, published=date(2016, 5, 2)),
                                 extractor.resolver)
    assert ents.person_named("Huang").key == ents.person_named("Walter Huang").key == person_key("Walter Huang")


def test_the_brothers_are_both_brothers(parse_text):
    p = parse_text("Prosecutors said Jordan Pike, 19, and Tyler Pike, 22, robbed a store on Main Street. "
                   "Police said the brothers shot a clerk during the robbery.")
    shot = next(e for e in p.events if e.trigger == "shot")
    assert {a.key for a in shot.agents} == {"jordan_pike", "tyler_pike"}
    assert not any(x.text == "Jordan" for x in p.places)


def test_index_a_shared_surname_is_the_person_named_most():
    idx = PersonIndex()
    idx.add("Ruben Castell", 0)
    idx.add("Oskar Castell", 30)
    idx.add("Ruben Castell", 60)
    assert idx.find("Castell").name == "Ruben Castell" and idx.ambiguous("Castell")
