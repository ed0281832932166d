"""Output safety, property-based: adversarial article text and names never escape as an
exception, never break a CSV, Turtle, TriG, JSON-LD or N-Triples file, and never become
markup in graph.html or timeline.html.

Most examples skip spaCy: parsed records are made directly from the generated strings and go
through build_graph and every export (the code that must escape them). A few run the whole
pipeline (reader, real extractor, builder, exports) on generated files.
"""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib.compare import isomorphic

from graph.build.builder import build_graph
from graph.core.model import (
    ActorRef,
    Article,
    ArticleFailure,
    EventMention,
    ParsedArticle,
    PlaceMatch,
    PlaceRef,
    Statement,
    TimeValue,
    Timex,
)
from graph.core.schema import Kind
from graph.export.registry import FORMATS, generate
from graph.export.tables import nodes_of
from helpers import parse_page

PAYLOADS = ["<script>alert('pwn')</script>", "</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "<svg/onload=alert(1)>", "<!--", "-->", "]]>", '"', "'", "\\", "\\u0022", "\n", "\r\n", "\r", "\t",
            "\x00", "\x07", "\x1b[31m", "\x7f", "\u202e", "\u200f", "\u2066", "\u2069", "\u2028", "\u2029",
            "\ud800", "\udfff", "\ufeff", "\ufffe", "@prefix x: <y> .", "<urn:x>", "\"\"\"", "^^xsd:date", "@en",
            "; ", ",", "{{x}}", "${x}", "`", "&amp;", "&#60;script&#62;", "javascript:alert(1)", " ", "%2F", "%",
            "#", "?", "/", ":", "a", "Aleppo", "\U0001f4a3"]

nasty = st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=4)), min_size=1, max_size=8).map("".join)
ACTOR_TYPES = ["person", "military", "government", "armed_group", "igo", "ngo", "country", "media", "civilians",
               "other"]
EVENT_TYPES = ["ASSAULT", "COERCE", "PROTEST", "AID", "RETREAT", "ACCUSE"]
DAY = TimeValue(value="2016-12-22", start=date(2016, 12, 22), end=date(2016, 12, 22), precision="day")


@st.composite
def parsed_articles(draw, index: int):
    aid = f"a{index}_" + re.sub(r"[^A-Za-z0-9_.\-]+", "_", draw(nasty))[:20]  # what the readers make of ids
    trigger = draw(nasty)
    sentence = draw(nasty) + " " + trigger + " " + draw(nasty)
    quote = draw(nasty)
    text = sentence + "\n\u201c" + quote + "\u201d\n"
    t0 = sentence.rindex(trigger) if trigger in sentence else 0

    def actor(i: int) -> ActorRef:
        name = draw(nasty)
        return ActorRef(key="k" + draw(nasty), name=name, type=draw(st.sampled_from(ACTOR_TYPES)), text=name,
                        start=0, end=min(len(text), 1 + i), country=draw(st.sampled_from(["", "SYR", "x\"<"])),
                        affiliation=draw(st.sampled_from(["", draw(nasty)])))

    agents = tuple(actor(i) for i in range(draw(st.integers(0, 2))))
    targets = tuple(actor(i) for i in range(draw(st.integers(0, 2))))
    place = None
    if draw(st.booleans()):
        pname = draw(nasty)
        lat = draw(st.one_of(st.none(), st.floats(-90, 90)))
        place = PlaceRef(key="p" + draw(nasty), text=pname, start=0, end=1,
                         place=PlaceMatch(name=pname, country=draw(st.sampled_from(["", "SYR"])), latitude=lat,
                                          longitude=None if lat is None else draw(st.floats(-180, 180)),
                                          geonameid=draw(st.sampled_from(["", "170063", draw(nasty)])),
                                          feature=draw(st.sampled_from(["", "city", "country"]))))
    event = EventMention(
        article_id=aid, event_type=draw(st.sampled_from(EVENT_TYPES)), mode=draw(st.sampled_from(["attack", draw(nasty)])),
        cameo="18", trigger=trigger, trigger_start=t0, trigger_end=t0 + len(trigger), sentence=sentence,
        sentence_start=0, sentence_end=len(sentence), agents=agents, targets=targets, place=place,
        time=draw(st.sampled_from([DAY, TimeValue()])), time_text=draw(st.sampled_from(["", "Thursday"])),
        modality=draw(st.sampled_from(["asserted", "reported", "possible"])),
        killed=draw(st.one_of(st.none(), st.integers(0, 10 ** 6))))
    speaker = draw(st.sampled_from([None, actor(0)]))
    qs = len(sentence) + 2
    statement = Statement(article_id=aid, kind=draw(st.sampled_from(["direct", "indirect"])), text=quote, start=qs,
                          end=qs + len(quote), speaker=speaker, time=DAY, medium=draw(nasty), about=(0,))
    timex = Timex(text=trigger, start=t0, end=t0 + len(trigger), time=DAY)
    article = Article(article_id=aid, text=text, path=draw(nasty), title=draw(nasty), publisher=draw(nasty),
                      published=date(2016, 12, 22), published_source="sidecar", url=draw(nasty))
    return ParsedArticle(article=article, actors=list(agents + targets), places=[place] if place else [],
                         timexes=[timex], events=[event], statements=[statement], warnings=[draw(nasty)])


@st.composite
def graphs(draw):
    parsed = [draw(parsed_articles(i)) for i in range(draw(st.integers(1, 3)))]
    failures = [ArticleFailure(f"f{i}_" + re.sub(r"[^A-Za-z0-9_.\-]+", "_", draw(nasty))[:20], draw(nasty),
                               draw(nasty)) for i in range(draw(st.integers(0, 2)))]
    return parsed, failures


def tags_of(html: str) -> list[tuple[str, list]]:
    return parse_page(html).raw_tags


EMPTY_HTML = {name: tags_of(generate(nx.MultiDiGraph(), name)) for name in ("graph.html", "timeline.html")}
CSV_KINDS = {"articles.csv": Kind.ARTICLE, "events.csv": Kind.EVENT, "actors.csv": Kind.ACTOR,
             "places.csv": Kind.PLACE}


def assert_same_triples(expected: rdflib.Graph, got, what: str) -> None:
    """The same set of triples; blank nodes, if any, matched up to renaming."""
    got_graph = rdflib.Graph()
    for t in got:
        got_graph.add(t)
    if any(isinstance(x, rdflib.BNode) for t in (*expected, *got_graph) for x in t):
        assert isomorphic(expected, got_graph), what
    else:
        assert set(got_graph) == set(expected), (what, set(expected) ^ set(got_graph))


def check_outputs(G: nx.MultiDiGraph, tmp_path) -> None:
    texts = {name: generate(G, name) for name in FORMATS}  # no exception escapes
    for name, text in texts.items():
        text.encode("utf-8")  # writable: no lone surrogate left in any output
        assert "\x00" not in text or name.endswith(".csv"), name
    # CSV: re-parses, one row per record, the columns of the header
    for name, kind in CSV_KINDS.items():
        rows = list(csv.reader(io.StringIO(texts[name], newline="")))
        assert len(rows) - 1 == len(nodes_of(G, kind)), name
        assert all(len(r) == len(rows[0]) for r in rows), name
    # statements.csv: a row per report of a statement in an article, one statement_id per statement node
    rows = list(csv.reader(io.StringIO(texts["statements.csv"], newline="")))
    assert all(len(r) == len(rows[0]) for r in rows)
    n_reports = sum(1 for _, _, d in G.edges(data=True) if d.get("relation") == "stated_in")
    assert len(rows) - 1 == n_reports
    assert len({r[0] for r in rows[1:]}) == len(nodes_of(G, Kind.STATEMENT))
    n_mentions = sum(1 for _, _, d in G.edges(data=True) if d.get("relation") == "mentioned_in")
    assert len(list(csv.reader(io.StringIO(texts["mentions.csv"], newline="")))) - 1 == n_mentions
    assert len(list(csv.reader(io.StringIO(texts["timexes.csv"], newline="")))) - 1 == len(G.graph.get("timexes", []))
    # linked data: Turtle, TriG (all its graphs together) and JSON-LD re-parse to the same triples, in rdflib
    # and in Oxigraph (whose quads go back to rdflib as N-Quads)
    ttl = rdflib.Graph().parse(data=texts["graph.ttl"], format="turtle")
    assert len(ttl) > 0
    trig = rdflib.Dataset().parse(data=texts["graph.trig"], format="trig")
    assert_same_triples(ttl, {(s, p, o) for s, p, o, _ in trig.quads()}, "graph.trig")
    assert_same_triples(ttl, rdflib.Graph().parse(data=texts["graph.jsonld"], format="json-ld"), "graph.jsonld")
    for name, fmt in (("graph.ttl", ox.RdfFormat.TURTLE), ("graph.trig", ox.RdfFormat.TRIG)):
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) if isinstance(t, ox.Triple) else t
                 for t in ox.parse(texts[name], format=fmt)]
        nq = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
        back = rdflib.Dataset().parse(data=nq, format="nquads")
        assert_same_triples(ttl, {(s, p, o) for s, p, o, _ in back.quads()}, f"{name} through Oxigraph")
    json.loads(texts["graph.json"])
    # GraphML and GEXF: well-formed XML whatever the data, every node and edge read back by networkx
    for name, read in (("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)):
        back = read(io.BytesIO(texts[name].encode("utf-8")))
        assert back.number_of_nodes() == G.number_of_nodes() and back.number_of_edges() == G.number_of_edges(), name
    # HTML: no markup from the data; the pages' own tags only
    for name in ("graph.html", "timeline.html"):
        tags = tags_of(texts[name])
        names = [t for t, _ in tags]
        assert names.count("script") == [t for t, _ in EMPTY_HTML[name]].count("script"), name
        assert not {"img", "svg"} & set(names) - {t for t, _ in EMPTY_HTML[name]}, name
        assert not any(k.startswith("on") for _, attrs in tags for k, _ in attrs), name
        low = texts[name].lower()
        assert "<script>alert" not in low and "<img src=x" not in low and "<svg/onload" not in low, name
    # `ctkg query`: results, including CONSTRUCT as N-Triples, re-parse
    from graph.query.sparql import format_result, run_query

    (tmp_path / "graph.trig").write_text(texts["graph.trig"], encoding="utf-8")
    result = run_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", tmp_path)
    nt = format_result(result, "table")
    assert len(list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))) == len(result.triples)
    rows = run_query("SELECT ?s ?label WHERE { ?s rdfs:label ?label }", tmp_path)
    assert len(list(csv.reader(io.StringIO(format_result(rows, "csv"), newline="")))) == len(rows.rows) + 1
    json.loads(format_result(rows, "json"))


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(graphs())
def test_adversarial_records_through_build_and_exports(tmp_path, data):
    parsed, failures = data
    G = build_graph(parsed, failures)
    check_outputs(G, tmp_path)


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(nasty, min_size=3, max_size=3), nasty, nasty)
def test_adversarial_files_through_the_whole_pipeline(tmp_path_factory, extractor, parts, title, name):
    """Real files, the real reader and extractor: payloads around a sentence that yields an event."""
    from graph.pipeline import run_build

    folder = tmp_path_factory.mktemp("adv")
    text = (f"{parts[0]} Government forces shelled {parts[1]} Idlib on Monday, "
            f"the army said: \u201c{parts[2]}\u201d\n")
    safe_name = "x" + re.sub(r"[/\x00\ud800-\udfff]", "_", name)[:60]
    (folder / f"{safe_name}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    (folder / f"{safe_name}.meta.json").write_text(json.dumps({"title": title, "published": "2019-05-13"}),
                                                   encoding="utf-8")
    (folder / "good.txt").write_text("Rebels attacked an army checkpoint near Aleppo on Tuesday.\n")
    out = tmp_path_factory.mktemp("adv_out")
    result = run_build([folder], out, extractor=extractor)
    with open(out / "articles.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == result.articles == 2
    assert {r["article_id"]: r["status"] for r in rows}["good"] == "ok"
    check_outputs(result.graph, out)


def test_sparql_is_never_built_from_user_values():
    """The tool builds no SPARQL text from values: `ctkg query` runs the user's own query, and
    `ctkg push` sends data with the Graph Store Protocol, the graph IRI checked and percent-encoded."""
    import inspect

    import graph.query.push as push
    import graph.query.queries as queries
    import graph.query.sparql as sparql
    from graph.core.errors import ConfigError

    for mod in (push, queries, sparql):
        src = inspect.getsource(mod)
        assert not re.search(r"(SELECT|INSERT|DELETE|CONSTRUCT|DROP|CLEAR|LOAD)\s*\{?.*\{[a-z_]+\}", src), mod
    for graph in ("urn:g> } ; DROP ALL ; #", "https://e.org/g\nx", "https://e.org/<g>", 'https://e.org/"g"'):
        with pytest.raises(ConfigError):
            push.graph_store_url("http://127.0.0.1:1/store", graph)
    url = push.graph_store_url("http://127.0.0.1:1/store", "https://e.org/g?a=1&graph=x#y")
    assert url.endswith("?graph=https%3A%2F%2Fe.org%2Fg%3Fa%3D1%26graph%3Dx%23y")
