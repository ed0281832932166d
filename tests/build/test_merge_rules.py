"""One test per merge rule, on reports written for these tests: other wordings of one shooting join one
event, within an article and across articles; other victims, other shooters or other days keep two
shootings in one city apart; the fitted weights are validated when loaded."""
from __future__ import annotations

import json
from datetime import date

import pytest

from graph.build.builder import Cluster, _join_within_articles, cluster_mentions
from graph.build.merge_model import FEATURES, default_weights, load_weights
from graph.core.errors import ConfigError
from graph.core.model import ActorRef, EventMention, PlaceMatch, PlaceRef, TimeValue

DAYTON = PlaceMatch(name="Dayton", country="USA", latitude=39.759, longitude=-84.192, feature="city")
LIMA = PlaceMatch(name="Lima", country="USA", latitude=40.743, longitude=-84.105, feature="city")


def person(key: str, name: str) -> ActorRef:
    return ActorRef(key=key, name=name, type="person", text=name, start=0, end=len(name))


HOLT = person("carla holt", "Carla Holt")
VANCE = person("peter vance", "Peter Vance")
GREER = person("dana greer", "Dana Greer")
OKAFOR = person("sam okafor", "Sam Okafor")


def report(article: str, sentence: str, trigger: str, mode: str, *, at: int = 0, place=DAYTON, day=None,
           agents=(), targets=()) -> EventMention:
    """A mention whose sentence starts at ``at`` in its article; its place is named in the sentence."""
    i = sentence.index(trigger)
    ref = None
    if place is not None:
        j = sentence.index(place.name)
        ref = PlaceRef(key=place.name.lower(), place=place, text=place.name, start=at + j, end=at + j + len(place.name))
    time = TimeValue(value=day.isoformat(), start=day, end=day, precision="day") if day else TimeValue()
    return EventMention(article_id=article, event_type="ASSAULT", mode=mode, cameo="18", trigger=trigger,
                        trigger_start=at + i, trigger_end=at + i + len(trigger), sentence=sentence, sentence_start=at,
                        sentence_end=at + len(sentence), agents=tuple(agents), targets=tuple(targets), place=ref,
                        time=time)


def groups(clusters) -> set[frozenset]:
    return {frozenset((m.article_id, m.trigger) for m in c.mentions) for c in clusters}


MONDAY = date(2026, 3, 2)


def test_two_wordings_of_one_shooting_merge_across_articles():
    a = report("a", "Peter Vance shot Carla Holt outside a bakery in Dayton on Monday morning.", "shot", "shooting",
               day=MONDAY, agents=[VANCE], targets=[HOLT])
    b = report("b", "Police charged Peter Vance with the murder of Carla Holt, killed outside a Dayton bakery on "
               "Monday.", "murder", "killing", day=MONDAY, agents=[VANCE], targets=[HOLT])
    clusters = cluster_mentions([a, b])
    assert groups(clusters) == {frozenset({("a", "shot"), ("b", "murder")})}
    reason = clusters[0].reasons[0]
    assert "related mode" in reason and "date" in reason and "targets" in reason


def test_the_shooting_refers_back_to_the_articles_first_report_of_it():
    first = report("a", "A gunman shot Carla Holt outside a bakery in Dayton on Monday.", "shot", "shooting",
                   day=MONDAY, targets=[HOLT])
    later = report("a", "Neighbours said the shooting shocked the quiet street.", "shooting", "shooting", at=80,
                   place=None)
    clusters = cluster_mentions([first, later])
    assert groups(clusters) == {frozenset({("a", "shot"), ("a", "shooting")})}
    assert any("same article" in r for r in clusters[0].reasons)


def test_two_shootings_in_one_city_on_one_day_with_other_victims_stay_apart():
    a = report("a", "A gunman shot Carla Holt outside a bakery in Dayton on Monday.", "shot", "shooting",
               day=MONDAY, targets=[HOLT])
    b = report("b", "A gunman shot Dana Greer outside a bakery in Dayton on Monday.", "shot", "shooting",
               day=MONDAY, targets=[GREER])
    assert len(cluster_mentions([a, b])) == 2


def test_two_shootings_with_other_shooters_stay_apart():
    a = report("a", "Peter Vance opened fire at a Dayton bar on Monday, police said.", "fire", "shooting",
               day=MONDAY, agents=[VANCE])
    b = report("b", "Sam Okafor opened fire at a Dayton bar on Monday, police said.", "fire", "shooting",
               day=MONDAY, agents=[OKAFOR])
    assert len(cluster_mentions([a, b])) == 2


def test_one_shooting_reported_on_other_days_or_far_away_stays_apart():
    a = report("a", "A gunman shot Carla Holt outside a bakery in Dayton on Monday.", "shot", "shooting",
               day=MONDAY, targets=[HOLT])
    later = report("b", "A gunman shot Carla Holt outside a bakery in Dayton on Monday.", "shot", "shooting",
                   day=date(2026, 3, 16), targets=[HOLT])
    far = report("c", "A gunman shot Carla Holt outside a bakery in Lima on Monday.", "shot", "shooting",
                 place=LIMA, day=MONDAY, targets=[HOLT])
    assert len(cluster_mentions([a, later, far])) == 3


def test_merge_weights_are_fitted_and_validated(tmp_path):
    w = default_weights()
    assert len(w.weights) == len(FEATURES)
    data = w.to_dict()
    bad = {**data, "weights": {**data["weights"], "moon_phase": 1.0}}
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    with pytest.raises(ConfigError, match="moon_phase"):
        load_weights(tmp_path / "bad.json")
    (tmp_path / "nan.json").write_text(json.dumps({**data, "threshold": "high"}))
    with pytest.raises(ConfigError):
        load_weights(tmp_path / "nan.json")
    (tmp_path / "ok.json").write_text(json.dumps(data))
    assert load_weights(tmp_path / "ok.json") == w


def test_a_described_shooter_is_no_other_shooter_than_the_named_one():
    """"a former employee" in one report, Peter Vance in the other: a description does not part them
    (the fitted score weighs it); two named shooters always stay apart."""
    employee = ActorRef(key="unnamed_former_employee", name="former employee", type="civilians",
                        text="A former employee", start=0, end=17)
    a = report("a", "A former employee shot Carla Holt at an office party in Dayton on Monday.", "shot", "shooting",
               day=MONDAY, agents=[employee], targets=[HOLT])
    b = report("b", "Peter Vance shot Carla Holt at an office party in Dayton on Monday, police said.", "shot",
               "shooting", day=MONDAY, agents=[VANCE], targets=[HOLT])
    clusters = cluster_mentions([a, b])
    assert groups(clusters) == {frozenset({("a", "shot"), ("b", "shot")})}
    assert "nominal agents" in clusters[0].reasons[0]
    c = report("c", "Sam Okafor shot Carla Holt at an office party in Dayton on Monday, police said.", "shot",
               "shooting", day=MONDAY, agents=[OKAFOR], targets=[HOLT])
    assert len(cluster_mentions([b, c])) == 2



def _event(*mentions: EventMention) -> Cluster:
    c = Cluster()
    for m in mentions:
        c.add(m)
    return c


def test_two_events_that_take_each_others_mention_in_one_article_join():
    """The first pass may start two events for one shooting (from other reports); an article whose
    "shot" joined one and "shot dead" the other ties them: each event would take the other mention."""
    a = report("a", "Peter Vance shot Carla Holt outside a bakery in Dayton on Monday.", "shot", "shooting",
               day=MONDAY, agents=[VANCE], targets=[HOLT])
    c1 = report("c", "Peter Vance shot Carla Holt outside a bakery in Dayton, police said.", "shot", "shooting",
                day=MONDAY, agents=[VANCE], targets=[HOLT])
    c2 = report("c", "Carla Holt was shot dead in Dayton on Monday as she left work.", "shot", "shooting", at=90,
                day=MONDAY, targets=[HOLT])
    joined = _join_within_articles([_event(a, c1), _event(c2)], default_weights())
    assert groups(joined) == {frozenset({("a", "shot"), ("c", "shot")})} and len(joined[0].mentions) == 3
    assert any("within article" in r for r in joined[0].reasons)
    other = report("c", "Dana Greer was shot dead in Dayton on Monday as she left work.", "shot", "shooting", at=90,
                   day=MONDAY, targets=[GREER])
    assert len(_join_within_articles([_event(a, c1), _event(other)], default_weights())) == 2


OHIO = PlaceMatch(name="Ohio", country="USA", latitude=40.3, longitude=-82.8, feature="admin", admin1="Ohio")
INDIANA = PlaceMatch(name="Indiana", country="USA", latitude=39.9, longitude=-86.3, feature="admin", admin1="Indiana")
OHIO_DAYTON = PlaceMatch(name="Dayton", country="USA", latitude=39.759, longitude=-84.192, feature="city", admin1="Ohio",
                         admin2="Montgomery County")
MONTGOMERY = PlaceMatch(name="Montgomery County", country="USA", latitude=39.75, longitude=-84.29, feature="admin",
                        admin1="Ohio", admin2="Montgomery County")
ASHTABULA = PlaceMatch(name="Ashtabula County", country="USA", latitude=41.8, longitude=-80.8, feature="admin",
                       admin1="Ohio", admin2="Ashtabula County")


@pytest.mark.parametrize("region,merges", [(OHIO, True), (MONTGOMERY, True), (INDIANA, False), (ASHTABULA, False)])
def test_a_state_or_county_report_merges_with_a_report_of_a_town_inside_it(region, merges):
    a = report("a", "A gunman shot Carla Holt outside a bakery in Dayton on Monday.", "shot", "shooting",
               place=OHIO_DAYTON, day=MONDAY, targets=[HOLT])
    b = report("b", f"Carla Holt was shot outside a bakery in {region.name} on Monday, police said.", "shot",
               "shooting", place=region, day=MONDAY, targets=[HOLT])
    for order in ([a, b], [b, a]):  # the region's event takes the town's mention, and the reverse
        assert (len(cluster_mentions(order)) == 1) is merges
