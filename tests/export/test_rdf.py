"""Linked data: Turtle, TriG and JSON-LD round trips, SHACL shapes, the vocabulary, safe IRIs and literals."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV

from graph.core.errors import ConfigError
from graph.core.schema import Kind, Rel, node_id
from graph.core.vocab import VOCAB
from graph.export import rdf
from graph.export.rdf import ACTORTYPE, CTKG, GEO, PLOVER, SEM
from helpers import ROOT

pytest.importorskip("pyshacl")


def _graph(out) -> Graph:
    return Graph().parse(out / "graph.ttl", format="turtle")


def _union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def tiny(event: dict | None = None, actor_name: str = "Syrian Army", actor_id: str = "syrian_army",
         article_id: str = "a1", sentence: str = "The army shelled the town on Monday.",
         statement_text: str = "We will win.") -> nx.MultiDiGraph:
    """A minimal graph in the builder's schema: one article, event, actor, place, mention and statement."""
    G = nx.MultiDiGraph()
    art, ev, act, pl, st = (node_id(Kind.ARTICLE, article_id), node_id(Kind.EVENT, "e1"),
                            node_id(Kind.ACTOR, actor_id), node_id(Kind.PLACE, "geo:1"),
                            node_id(Kind.STATEMENT, "s1"))
    G.add_node(art, kind="article", article_id=article_id, title="A title", publisher="Pub", published="2016-12-22",
               status="ok", error="", url="")
    G.add_node(ev, kind="event", event_id="e1", event_type="ASSAULT", label="Syrian Army: shelling", mode="shelling",
               cameo="19", modality="asserted", **(event or {"date": "2016-12-19", "date_start": "2016-12-19",
                                                          "date_end": "2016-12-19", "date_precision": "day"}))
    G.add_node(act, kind="actor", actor_id=actor_id, name=actor_name, type="military", country="SYR",
               aliases=["army"])
    G.add_node(pl, kind="place", place_id="geo:1", name="Aleppo", country="SYR", latitude=36.20124,
               longitude=37.16117, geonameid="170063", aliases=[])
    G.add_node(st, kind="statement", statement_id="s1", kind_of="direct", text=statement_text, article=article_id,
               char_start=40, char_end=40 + len(statement_text), date="2016-12-22", date_start="2016-12-22",
               date_end="2016-12-22", date_precision="day", medium="", speaker_name=actor_name)
    G.add_edge(ev, act, key=Rel.AGENT.value, relation=Rel.AGENT.value)
    G.add_edge(ev, pl, key=Rel.PLACE.value, relation=Rel.PLACE.value)
    G.add_edge(ev, art, key=Rel.MENTIONED_IN.value, relation=Rel.MENTIONED_IN.value, sentence=sentence,
               char_start=0, char_end=len(sentence), trigger="shelled", trigger_start=9, trigger_end=16)
    G.add_edge(st, act, key=Rel.SPEAKER.value, relation=Rel.SPEAKER.value)
    G.add_edge(st, art, key=Rel.STATED_IN.value, relation=Rel.STATED_IN.value)
    G.add_edge(st, ev, key=Rel.ABOUT.value, relation=Rel.ABOUT.value)
    G.add_edge(act, art, key=Rel.APPEARS_IN.value, relation=Rel.APPEARS_IN.value)
    return G


# --- the seed build --------------------------------------------------------------------

def test_turtle_round_trips(seed_build):
    result, out = seed_build
    assert isomorphic(_graph(out), rdf.to_rdf(result.graph))


def test_seed_build_conforms_to_the_shapes(seed_build):
    _, out = seed_build
    conforms, report = rdf.validate(_graph(out))
    assert conforms, report
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    conforms, report = rdf.validate(_union(ds))
    assert conforms, report


def test_seed_linked_data_carries_the_contract(seed_build):
    result, out = seed_build
    g = _graph(out)
    events = set(g.subjects(RDF.type, SEM.Event))
    assert len(events) == result.count("event")
    for e in events:
        assert g.value(e, RDFS.label) is not None and g.value(e, SEM.eventType) is not None
        assert set(g.objects(e, PROV.wasDerivedFrom)) <= set(g.subjects(RDF.type, CTKG.Article))
    assert set(g.subjects(RDF.type, SEM.Actor)) and set(g.subjects(RDF.type, SEM.Place))
    lats = list(g.objects(None, GEO.lat))
    assert lats and all(o.datatype == XSD.decimal for o in lats)
    # agent and target are declared sub-properties of sem:hasActor, and every agent is also a sem:hasActor
    vocab = rdf.vocabulary()
    assert (CTKG.agent, RDFS.subPropertyOf, SEM.hasActor) in vocab
    assert (CTKG.target, RDFS.subPropertyOf, SEM.hasActor) in vocab
    agents = list(g.subject_objects(CTKG.agent))
    assert agents and all((s, SEM.hasActor, o) in g for s, o in agents)
    # provenance down to the sentence: every mention's offsets cut its sentence out of the article text
    paths = {d["article_id"]: Path(d["path"]) for _, d in result.graph.nodes(data=True) if d["kind"] == "article"}
    mentions = list(g.subjects(RDF.type, CTKG.Mention))
    assert mentions
    for m in mentions:
        art = g.value(m, PROV.wasDerivedFrom)
        path = paths[str(g.value(art, CTKG.identifier))]
        text = (path if path.is_absolute() else ROOT / path).read_text(encoding="utf-8")
        s, e = int(g.value(m, CTKG.sentenceStart)), int(g.value(m, CTKG.sentenceEnd))
        assert text[s:e] == str(g.value(m, CTKG.sentence))
        ts, te = int(g.value(m, CTKG.triggerStart)), int(g.value(m, CTKG.triggerEnd))
        assert text[ts:te] == str(g.value(m, CTKG.trigger))
    # statements carry speaker, text and date
    st = list(g.subjects(RDF.type, CTKG.Statement))
    assert st and all(g.value(s, CTKG.text) for s in st)
    assert any(g.value(s, CTKG.speaker) for s in st)
    assert any(g.value(s, SEM.hasBeginTimeStamp) for s in st)


def test_trig_has_one_named_graph_per_article(seed_build):
    result, out = seed_build
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    articles = {d["article_id"] for _, d in result.graph.nodes(data=True) if d["kind"] == "article"}
    named = {str(c.identifier): c for c in ds.graphs() if c.identifier != DATASET_DEFAULT_GRAPH_ID and len(c)}
    base = rdf.DEFAULT_BASE
    assert set(named) == {str(rdf.article_graph_iri(base, a)) for a in articles}
    for aid in articles:
        c = named[str(rdf.article_graph_iri(base, aid))]
        art = rdf.mint(base, "article", aid)
        assert (art, RDF.type, CTKG.Article) in c
        # every mention and statement in an article's graph comes from that article
        for kind in (CTKG.Mention, CTKG.Statement):
            for m in c.subjects(RDF.type, kind):
                assert c.value(m, PROV.wasDerivedFrom) == art
    # the merged events are in the default graph, and the union is exactly graph.ttl
    assert set(ds.graph(DATASET_DEFAULT_GRAPH_ID).subjects(RDF.type, SEM.Event))
    assert isomorphic(_union(ds), _graph(out))
    # Oxigraph reads it too, with the same graphs
    store = ox.Store()
    store.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    assert {g.value for g in store.named_graphs()} == set(named)


def test_jsonld_round_trips(seed_build):
    _, out = seed_build
    back = Graph().parse(out / "graph.jsonld", format="json-ld")
    assert isomorphic(back, _graph(out))


@pytest.mark.slow
def test_formats_are_registered_and_deterministic(seed_build, tmp_path):
    from graph.export.registry import FORMATS

    _, out = seed_build
    assert {"graph.ttl", "graph.trig", "graph.jsonld"} <= set(FORMATS)
    code = ("import sys; from graph.query.queries import load_graph; from graph.export.registry import generate; "
            "G = load_graph(sys.argv[1]); [sys.stdout.write(generate(G, n)) for n in "
            "('graph.ttl', 'graph.trig', 'graph.jsonld')]")
    runs = [subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, check=True,
                           cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1]
    assert runs[0] == "".join((out / n).read_text(encoding="utf-8") for n in ("graph.ttl", "graph.trig",
                                                                               "graph.jsonld"))


# --- vocabulary and shapes ---------------------------------------------------------------

def test_vocabulary_documents_every_term():
    vocab = rdf.vocabulary()
    for ns in (CTKG, PLOVER, ACTORTYPE):
        for name in ns.__annotations__:
            term = ns[name]
            assert vocab.value(term, RDFS.label) is not None, f"{term} has no rdfs:label in ctkg.ttl"
            assert vocab.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment in ctkg.ttl"
    # and the Python namespaces know every term the file documents
    for s in set(vocab.subjects(RDFS.label, None)):
        for ns in (CTKG, PLOVER, ACTORTYPE):
            if str(s).startswith(str(ns._NS)):
                assert str(s)[len(str(ns._NS)):] in ns.__annotations__, s
    from graph.core.model import ACTOR_TYPES, PLOVER_TYPES

    assert set(PLOVER.__annotations__) == set(PLOVER_TYPES)
    assert set(ACTORTYPE.__annotations__) == set(ACTOR_TYPES)


def test_every_term_a_build_uses_is_documented(seed_build):
    _, out = seed_build
    vocab = rdf.vocabulary()
    used = {t for triple in _graph(out) for t in triple if isinstance(t, URIRef)
            and any(str(t).startswith(ns) for ns in (VOCAB, str(PLOVER._NS), str(ACTORTYPE._NS)))}
    assert used
    assert not {t for t in used if vocab.value(t, RDFS.comment) is None}


def test_shapes_reject_broken_data():
    G = tiny()
    conforms, report = rdf.validate(rdf.to_rdf(G))
    assert conforms, report
    base = rdf.DEFAULT_BASE
    ev, place = rdf.mint(base, "event", "e1"), rdf.mint(base, "place", "geo:1")
    broken = {
        "no event type": lambda g: g.remove((ev, SEM.eventType, None)),
        "latitude out of range": lambda g: g.set((place, GEO.lat, Literal("123.5", datatype=XSD.decimal))),
        "month typed as a date string": lambda g: g.set((ev, SEM.hasTimeStamp, Literal("2016-12"))),
        "begin after end": lambda g: g.set((ev, SEM.hasBeginTimeStamp, Literal("2016-12-30", datatype=XSD.date))),
        "trigger outside its sentence": lambda g: [g.set((m, CTKG.triggerEnd, Literal(999)))
                                                   for m in g.subjects(RDF.type, CTKG.Mention)],
        "event without provenance": lambda g: g.remove((ev, PROV.wasDerivedFrom, None)),
        "unknown actor type": lambda g: [g.set((a, SEM.actorType, Literal("warlord")))
                                         for a in g.subjects(RDF.type, SEM.Actor)],
        "bad country code": lambda g: [g.set((a, CTKG.country, Literal("Syria")))
                                       for a in g.subjects(RDF.type, SEM.Actor)],
    }
    for what, damage in broken.items():
        g = rdf.to_rdf(G)
        damage(g)
        conforms, _ = rdf.validate(g)
        assert not conforms, f"the shapes accepted: {what}"


# --- dates, names and the base IRI -------------------------------------------------------

@pytest.mark.parametrize("date,start,end,stamp,dtype", [
    ("2016-12-22", "2016-12-22", "2016-12-22", "2016-12-22", XSD.date),
    ("2016-12", "2016-12-01", "2016-12-31", "2016-12", XSD.gYearMonth),
    ("2016", "2016-01-01", "2016-12-31", "2016", XSD.gYear),
    ("2016-W51", "2016-12-19", "2016-12-25", None, None),
    ("", "2016-12-15", "2016-12-22", None, None),
])
def test_partial_dates_are_typed_by_precision(date, start, end, stamp, dtype):
    prec = {10: "day", 7: "month", 4: "year"}.get(len(date), "week" if date else "range")
    G = tiny(event={"date": date, "date_start": start, "date_end": end, "date_precision": prec})
    g = rdf.to_rdf(G)
    ev = rdf.mint(rdf.DEFAULT_BASE, "event", "e1")
    got = g.value(ev, SEM.hasTimeStamp)
    if stamp is None:
        assert got is None
    else:
        assert got == Literal(stamp, datatype=dtype) and got.datatype == dtype
    assert g.value(ev, SEM.hasBeginTimeStamp) == Literal(start, datatype=XSD.date)
    assert g.value(ev, SEM.hasEndTimeStamp) == Literal(end, datatype=XSD.date)
    t = g.value(ev, SEM.hasTime)
    assert (t, RDF.type, SEM.Time) in g and g.value(t, SEM.hasBeginTimeStamp) == Literal(start, datatype=XSD.date)
    conforms, report = rdf.validate(g)
    assert conforms, report


HOSTILE = [
    'Al "Quds" <script>alert(1)</script> Brigade',
    "back\\slash\nnew line\ttab\r",
    "null\x00bell\x07escape\x1bdel\x7f",
    "\u202eright-to-left\u200f mark",
    "spaces & #hash ?query /slash %25 {braces} |pipe ^caret `tick`",
    "Ḥayʾat Taḥrīr al-Shām هيئة تحرير الشام",
    "lone \ud800 surrogate",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_give_valid_iris_and_literals(name):
    G = tiny(actor_name=name, actor_id=name, article_id=name, sentence=f"{name} shelled the town.",
             statement_text=name)
    g = rdf.to_rdf(G)
    for fmt, text in (("turtle", rdf.generate_turtle(G)), ("json-ld", rdf.generate_jsonld(G))):
        back = Graph().parse(data=text, format=fmt)
        assert isomorphic(back, g), fmt
    trig = rdf.generate_trig(G)
    ds = Dataset()
    ds.parse(data=trig, format="trig")
    assert isomorphic(_union(ds), g)
    # Oxigraph checks IRIs strictly: every one must parse
    assert len(list(ox.parse(rdf.generate_turtle(G).encode("utf-8"), format=ox.RdfFormat.TURTLE))) == len(g)
    store = ox.Store()
    store.load(trig.encode("utf-8"), format=ox.RdfFormat.TRIG)
    assert len(store) == len(g)
    for t in g:
        for x in t:
            if isinstance(x, URIRef):
                assert not set(str(x)) & set(' <>"{}|\\^`\n\t\r\x00'), x
    conforms, report = rdf.validate(g)
    assert conforms, report


@pytest.mark.slow
def test_base_iri_is_configurable(seed_build, extractor, tmp_path):
    G = tiny()
    g = rdf.to_rdf(G, base="urn:conflict:")
    subjects = {str(s) for s in g.subjects() if not str(s).startswith(("https://ctkg.example.org/plover/",
                                                                         "https://ctkg.example.org/actor-type/"))}
    assert subjects and all(s.startswith("urn:conflict:") for s in subjects)
    G.graph["base_iri"] = "https://example.org/war/"
    assert all(str(s).startswith("https://example.org/war/") for s in rdf.to_rdf(G).subjects(RDF.type, SEM.Event))
    for bad in ("relative/", "https://example.org/no-slash", "https://exa mple.org/", "javascript:alert(1)"):
        with pytest.raises(ConfigError):
            rdf.to_rdf(tiny(), base=bad)
    from graph.pipeline import run_build

    run_build([ROOT / "seeds"], tmp_path, extractor=extractor, base_iri="https://example.org/war/",
              formats=["graph.ttl", "graph.trig"])
    g = _graph(tmp_path)
    assert set(g.subjects(RDF.type, SEM.Event))
    assert all(str(s).startswith("https://example.org/war/") for s in g.subjects(RDF.type, SEM.Event))
    with pytest.raises(ConfigError):
        run_build([ROOT / "seeds"], tmp_path / "x", extractor=extractor, base_iri="not an iri")
