"""Merge decisions of the builder on synthetic event mentions (no NLP model needed)."""
from __future__ import annotations

from datetime import date

from graph.build.builder import cluster_mentions
from graph.core.model import ActorRef, EventMention, PlaceMatch, PlaceRef, TimeValue

# Two neighbourhoods a few km apart, a town far away, and the country they lie in.
JABALIYA = PlaceMatch(name="Jabalia", country="PSE", latitude=31.528, longitude=34.483, feature="city")
GAZA = PlaceMatch(name="Gaza", country="PSE", latitude=31.502, longitude=34.466, feature="city")
RAFAH = PlaceMatch(name="Rafah", country="PSE", latitude=31.297, longitude=34.245, feature="city")
ISRAEL_ARMY = ActorRef(key="idf", name="Israeli military", type="military", text="Israeli troops", start=0, end=14,
                       country="ISR")
HAMAS = ActorRef(key="hamas", name="Hamas", type="armed_group", text="Hamas", start=0, end=5)


def mention(article: str, place: PlaceMatch | None, sentence: str, *, agents=(), day: date | None = None,
            mode: str = "attack", start: int = 10) -> EventMention:
    ref = PlaceRef(key=place.name.lower(), place=place, text=place.name, start=0, end=len(place.name)) if place else None
    time = TimeValue(value=day.isoformat(), start=day, end=day, precision="day") if day else TimeValue()
    return EventMention(article_id=article, event_type="ASSAULT", mode=mode, cameo="19", trigger="attack",
                        trigger_start=start, trigger_end=start + 6, sentence=sentence, sentence_start=0,
                        sentence_end=len(sentence), agents=tuple(agents), place=ref, time=time)


def groups(clusters) -> set[frozenset]:
    return {frozenset(m.article_id for m in c.mentions) for c in clusters}


def test_nearby_places_merge_across_articles_and_record_why():
    a = mention("a", GAZA, "Israeli troops attack a school in Gaza", agents=[ISRAEL_ARMY])
    b = mention("b", JABALIYA, "The attack on the Jabalia school shocked aid workers")
    clusters = cluster_mentions([a, b])
    assert groups(clusters) == {frozenset({"a", "b"})}
    assert any("place" in r for r in clusters[0].reasons)


def test_distant_places_stay_apart():
    a = mention("a", GAZA, "Israeli troops attack a school in Gaza", agents=[ISRAEL_ARMY])
    b = mention("b", RAFAH, "The attack on the Rafah school shocked aid workers")
    assert groups(cluster_mentions([a, b])) == {frozenset({"a"}), frozenset({"b"})}


def test_conflicting_dates_and_agents_stay_apart():
    a = mention("a", GAZA, "Troops attack a school in Gaza", agents=[ISRAEL_ARMY], day=date(2009, 1, 6))
    b = mention("b", GAZA, "Troops attack a school in Gaza", agents=[ISRAEL_ARMY], day=date(2009, 1, 20))
    c = mention("c", GAZA, "Fighters attack a post in Gaza", agents=[HAMAS], day=date(2009, 1, 6))
    assert groups(cluster_mentions([a, b, c])) == {frozenset({"a"}), frozenset({"b"}), frozenset({"c"})}


def test_clustering_does_not_depend_on_input_order():
    ms = [mention("a", GAZA, "Israeli troops attack a school in Gaza", agents=[ISRAEL_ARMY]),
          mention("b", JABALIYA, "The attack on the Jabalia school shocked aid workers"),
          mention("c", RAFAH, "An attack in Rafah killed two", start=40),
          mention("d", GAZA, "Hamas fighters attack a post in Gaza", agents=[HAMAS])]
    expected = groups(cluster_mentions(ms))
    assert groups(cluster_mentions(list(reversed(ms)))) == expected
    assert groups(cluster_mentions(ms[1:] + ms[:1])) == expected


def test_temporal_relation_from_intervals():
    import networkx as nx
    import pytest

    from graph.core.errors import CtkgError
    from graph.query.queries import temporal_relation

    G = nx.MultiDiGraph()
    for eid, s, e in (("e1", "2009-01-06", "2009-01-06"), ("e2", "2009-01-01", "2009-01-31"),
                      ("e3", "2009-02-02", "2009-02-08"), ("e4", "", "")):
        G.add_node(f"event:{eid}", kind="event", event_id=eid, date_start=s, date_end=e)
    G.add_node("actor:x", kind="actor")
    assert temporal_relation(G, "e1", "e3") == "before"
    assert temporal_relation(G, "event:e3", "e1") == "after"
    assert temporal_relation(G, "e1", "e2") == "overlap"
    assert temporal_relation(G, "e1", "e4") == "unknown"
    with pytest.raises(CtkgError):
        temporal_relation(G, "e1", "actor:x")


def _at(sentence: str, word: str) -> int:
    return sentence.index(word)


def test_a_definite_bare_mention_joins_its_articles_event():
    s1 = "Israeli troops attack a school in Gaza"
    s2 = "The attack drew condemnation from the European Union"
    a = mention("a", GAZA, s1, agents=[ISRAEL_ARMY], start=_at(s1, "attack"))
    b = mention("a", None, s2, start=100 + _at(s2, "attack"))
    b = EventMention(**{**b.__dict__, "sentence_start": 100, "sentence_end": 100 + len(s2)})
    clusters = cluster_mentions([a, b])
    assert len(clusters) == 1
    assert any("same article" in r for r in clusters[0].reasons)


def test_an_indefinite_bare_mention_stays_apart():
    s1 = "Israeli troops attack a school in Gaza"
    s2 = "Militants had planned an attack for weeks"
    a = mention("a", GAZA, s1, agents=[ISRAEL_ARMY], start=_at(s1, "attack"))
    b = mention("a", None, s2, start=100 + _at(s2, "attack"))
    b = EventMention(**{**b.__dict__, "sentence_start": 100, "sentence_end": 100 + len(s2)})
    assert len(cluster_mentions([a, b])) == 2


def test_a_bare_mention_in_another_article_stays_apart():
    s1 = "Israeli troops attack a school in Gaza"
    s2 = "The attack drew condemnation from the European Union"
    a = mention("a", GAZA, s1, agents=[ISRAEL_ARMY], start=_at(s1, "attack"))
    b = mention("b", None, s2, start=_at(s2, "attack"))
    assert len(cluster_mentions([a, b])) == 2


def test_two_readings_of_one_trigger_cluster_the_same_in_any_order():
    # one trigger read as two events (same article, same offsets): which of them joins the
    # other article's event must not depend on the order the extractor listed them in
    day = date(2009, 1, 6)
    other = mention("a", GAZA, "Israeli troops attack a school in Gaza", agents=[ISRAEL_ARMY], mode="bombing")
    attack = mention("b", GAZA, "Troops attacked and shelled Gaza", agents=[ISRAEL_ARMY], day=day)
    shelling = mention("b", GAZA, "Troops attacked and shelled Gaza", agents=[ISRAEL_ARMY], day=day, mode="shelling")

    def with_modes(clusters):
        return {frozenset((m.article_id, m.mode) for m in c.mentions) for c in clusters}

    first = with_modes(cluster_mentions([other, attack, shelling]))
    assert with_modes(cluster_mentions([other, shelling, attack])) == first
    assert with_modes(cluster_mentions([shelling, attack, other])) == first
    assert len(first) == 2


def test_a_specific_strike_joins_the_generic_attack_it_describes():
    # "the attack" in one report, "the bombing"/"shelling" of the same school in another: the generic
    # mode covers the specific one when anything besides type and place ties them (here their words)
    a = mention("a", GAZA, "Israeli troops attack a UN school sheltering refugees in Gaza", agents=[ISRAEL_ARMY])
    b = mention("b", GAZA, "The bombing of the UN school sheltering refugees in Gaza drew condemnation",
                mode="bombing")
    clusters = cluster_mentions([a, b])
    assert groups(clusters) == {frozenset({"a", "b"})}
    assert any("generic mode" in r for r in clusters[0].reasons)


def test_a_definite_specific_mention_joins_its_articles_attack():
    a = mention("a", GAZA, "Israeli troops attack a school in Gaza", agents=[ISRAEL_ARMY])
    b = mention("a", None, "The bombing drew condemnation from Europe", mode="bombing", start=60)
    b = EventMention(**{**b.__dict__, "sentence_start": 50, "sentence_end": 50 + len(b.sentence),
                        "trigger_start": 54, "trigger_end": 61})
    assert groups(cluster_mentions([a, b])) == {frozenset({"a"})}
    assert len(cluster_mentions([a, b])) == 1


def test_generic_mode_alone_does_not_merge():
    # same type and place but nothing else in common: two attacks in one city stay apart
    a = mention("a", GAZA, "Israeli troops attack a school in Gaza", agents=[ISRAEL_ARMY])
    b = mention("b", GAZA, "Shelling hit a market in Gaza overnight", mode="shelling")
    assert groups(cluster_mentions([a, b])) == {frozenset({"a"}), frozenset({"b"})}


def test_specific_modes_of_one_family_need_more_than_a_place():
    a = mention("a", GAZA, "A bombing destroyed a house in Gaza", mode="bombing")
    b = mention("b", GAZA, "Shelling hit a market in Gaza overnight", mode="shelling")
    assert groups(cluster_mentions([a, b])) == {frozenset({"a"}), frozenset({"b"})}


def test_generic_mode_never_bridges_dates_or_families():
    a = mention("a", GAZA, "Israeli troops attack a UN school in Gaza", agents=[ISRAEL_ARMY], day=date(2009, 1, 6))
    b = mention("b", GAZA, "The bombing of the UN school in Gaza", agents=[ISRAEL_ARMY], day=date(2009, 1, 20),
                mode="bombing")
    # (a killing may be a shooting's or an attack's other wording: families of harm are related, a capture is not)
    c = mention("c", GAZA, "Israeli troops attack a UN school in Gaza", agents=[ISRAEL_ARMY], day=date(2009, 1, 6),
                mode="capture")
    assert groups(cluster_mentions([a, b, c])) == {frozenset({"a"}), frozenset({"b"}), frozenset({"c"})}


def _reported_from(m: EventMention, offset: int = 200) -> EventMention:
    """The mention moved to a later sentence: its place is then the report's (a dateline), not its sentence's."""
    return EventMention(**{**m.__dict__, "sentence_start": m.sentence_start + offset,
                           "sentence_end": m.sentence_end + offset, "trigger_start": m.trigger_start + offset,
                           "trigger_end": m.trigger_end + offset})


def test_the_reports_place_alone_does_not_tie_two_articles():
    s1, s2 = "A gunman opened fire and wounded a clerk", "A man was wounded in an attack near a bar"
    a = _reported_from(mention("a", GAZA, s1, start=_at(s1, "fire")))
    b = _reported_from(mention("b", GAZA, s2, start=_at(s2, "attack")))
    assert len(cluster_mentions([a, b])) == 2
    own_a, own_b = mention("a", GAZA, s1, start=_at(s1, "fire")), mention("b", GAZA, s2, start=_at(s2, "attack"))
    assert len(cluster_mentions([own_a, own_b])) == 1  # the same place named in both sentences ties them


def _one_event(mentions, stories=None):  # build_graph passes the articles' stories
    from graph.build.builder import Cluster
    c = Cluster()
    for m in mentions:
        c.add(m)
    return [c]


def _roles_of_one_event(mentions):
    from graph.build.builder import build_graph
    from graph.core.model import Article, ParsedArticle
    from graph.core.schema import Kind, Rel

    parsed = [ParsedArticle(article=Article(article_id=a, text="x" * 200),
                            events=[m for m in mentions if m.article_id == a])
              for a in sorted({m.article_id for m in mentions})]
    G = build_graph(parsed, cluster=_one_event)
    (event,) = [n for n, d in G.nodes(data=True) if d["kind"] == Kind.EVENT.value]
    return [G.nodes[v]["name"] for _, v, k in G.out_edges(event, keys=True) if k == Rel.AGENT.value]


def _person(name: str) -> ActorRef:
    return ActorRef(key=name.lower().replace(" ", "_"), name=name, type="person", text=name, start=0, end=len(name))


def test_an_event_many_reports_name_keeps_the_attackers_they_agree_on():
    """Seventy reports of one bombing: six stray guesses, each made once, are not its attackers."""
    bomber, strays = _person("Ivo Renner"), [_person(n) for n in ("Ana Soto", "Ben Ode", "Cy Lark", "Di Moss",
                                                                    "Ed Pike", "Flo Vance")]
    ms = [mention(f"a{i}", GAZA, "Renner set off the bomb", agents=[bomber], start=10 + i) for i in range(8)]
    ms += [mention(f"b{i}", GAZA, "The bombing was condemned", agents=[s], start=10 + i) for i, s in enumerate(strays)]
    assert _roles_of_one_event(ms) == ["Ivo Renner"]


def test_an_event_with_a_few_named_attackers_keeps_them_all():
    names = [_person(n) for n in ("Ivo Renner", "Ana Soto", "Ben Ode")]
    ms = [mention("a", GAZA, "Renner set off the bomb", agents=[names[0]])]
    ms += [mention("a", GAZA, "Renner set off the bomb", agents=[names[0]], start=30)]
    ms += [mention("b", GAZA, "Soto and Ode helped", agents=names[1:], start=50)]
    assert sorted(_roles_of_one_event(ms)) == ["Ana Soto", "Ben Ode", "Ivo Renner"]


def test_the_models_guesses_neither_lengthen_nor_contradict_an_events_roles():
    """A guess of the learned model (a key in the mention's ``learned``) is the first to leave a long list of
    attackers, and is no attacker where the rules name the same actor a victim of the event."""
    from dataclasses import replace

    from graph.build.builder import event_roles

    def actor(name: str) -> ActorRef:
        return ActorRef(key=name.lower(), name=name, type="person", text=name, start=0, end=len(name))

    named = [actor(n) for n in ("Avery", "Blake", "Casey", "Devon", "Ellis")]
    guesses = [actor(n) for n in ("Farrow", "Gale")]
    ms = [replace(mention("a", GAZA, "A shooting in Gaza", agents=[x], start=10 + i), learned=())
          for i, x in enumerate(named)]
    ms += [replace(mention("b", GAZA, "A shooting in Gaza", agents=[x], start=40 + i), learned=(x.key,))
           for i, x in enumerate(guesses)]
    agents, _ = event_roles(ms)
    assert agents == sorted(x.key for x in named)
    victim = actor("Hollis")
    ms = [replace(mention("a", GAZA, "Hollis was shot in Gaza"), targets=(victim,)),
          replace(mention("b", GAZA, "Hollis was in Gaza", agents=[victim]), learned=(victim.key,))]
    assert event_roles(ms) == ([], [victim.key])
    # the rules' own agent and victim stand ("the bomber was killed" keeps him on both sides where one mention says so)
    ms = [replace(mention("a", GAZA, "The bomber was killed in Gaza", agents=[victim]), targets=(victim,))]
    assert event_roles(ms) == ([victim.key], [victim.key])
