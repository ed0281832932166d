"""graph.graphml, graph.gexf and graph.json as another program reads them: networkx's own readers, with
their default arguments, give back every node and edge of the build's graph with its attributes."""
from __future__ import annotations

import io
import json
import math
from datetime import date

import networkx as nx
import pytest

from graph.export.interchange import generate_gexf, generate_graphml
from graph.query.queries import load_graph


def expected(value):
    """An attribute as the files carry it: lists joined with ';', empty values left out."""
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return value


def edge_multiset(G: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    return sorted((u, v, str(k)) for u, v, k in G.edges(keys=True))


def assert_same_graph(G: nx.MultiDiGraph, H: nx.MultiDiGraph, key_attr: str | None) -> None:
    """H (read back from a file) has G's nodes, edges and non-empty attributes."""
    assert set(H.nodes) == set(G.nodes)
    for n, d in G.nodes(data=True):
        want = {k: expected(v) for k, v in d.items() if v not in (None, "", [], ())}
        got = {k: v for k, v in H.nodes[n].items() if k in want}
        assert got == want, n
    if key_attr is None:  # the reader gave the edges their keys back
        assert edge_multiset(H) == edge_multiset(G)
        pairs = {(u, v, str(k)): d for u, v, k, d in H.edges(keys=True, data=True)}
    else:
        assert sorted((u, v, str(d[key_attr])) for u, v, d in H.edges(data=True)) == edge_multiset(G)
        pairs = {(u, v, str(d[key_attr])): d for u, v, d in H.edges(data=True)}
    for u, v, k, d in G.edges(keys=True, data=True):
        want = {a: expected(x) for a, x in d.items() if x not in (None, "", [], ())}
        assert {a: x for a, x in pairs[(u, v, str(k))].items() if a in want} == want, (u, v, k)


@pytest.fixture(scope="module")
def seed_graph(seed_build):
    result, out = seed_build
    return result.graph, out


def test_graphml_has_every_node_and_edge(seed_graph):
    G, out = seed_graph
    H = nx.read_graphml(out / "graph.graphml")
    assert H.number_of_nodes() == G.number_of_nodes() > 50 and H.number_of_edges() == G.number_of_edges() > 100
    assert_same_graph(G, H, key_attr="key")
    # the list attributes that broke networkx's write_graphml are ';'-joined text
    event = next(d for n, d in H.nodes(data=True) if d["kind"] == "event" and ";" in d.get("articles", ""))
    assert isinstance(event["articles"], str) and len(event["articles"].split(";")) >= 2


def test_gexf_has_every_node_and_edge(seed_graph):
    G, out = seed_graph
    H = nx.read_gexf(out / "graph.gexf")
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    assert_same_graph(G, H, key_attr=None)
    # Gephi's labels: the node's label, the edge's relation
    assert all(H.nodes[n]["label"] == G.nodes[n].get("label", n) for n in G.nodes)
    assert all(d["label"] == d["relation"] for _, _, d in H.edges(data=True))


def test_graph_json_loads_with_networkx_defaults(seed_graph):
    G, out = seed_graph
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    H = nx.node_link_graph(data)  # the current default key, "edges"
    assert set(H.nodes) == set(G.nodes) and edge_multiset(H) == edge_multiset(G)
    old = nx.node_link_graph(data, edges="links")  # networkx <= 3.5's default and the older builds' key
    assert edge_multiset(old) == edge_multiset(G)
    # a graph.json written before the edges were listed under "edges" still loads
    del data["edges"]
    older = out.parent / "older_graph.json"
    older.write_text(json.dumps(data), encoding="utf-8")
    assert edge_multiset(load_graph(older)) == edge_multiset(G)


def hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    nasty = 'a <b> & "c" \'d\'\ne\tf\r\x00g\x1bh \ud800 \u2028 \U0001f600 ]]> <!-- -->'
    G.add_node("actor:plain", kind="actor", label="Plain", latitude=36.2, longitude=37, count=3, flag=True, score=1.5)
    G.add_node(nasty, kind="actor", label=nasty, aliases=[nasty, "x;y"], latitude=-1.5, count=4, flag=False,
               when=date(2016, 12, 22), meta={"b": 1, "a": [2]}, missing=None, empty="", none=[])
    G.add_node("place:only-id")
    G.add_node("mixed", count="three", score=float("inf"))
    G.add_edge("actor:plain", nasty, key="agent", relation="agent", char_start=0)
    G.add_edge("actor:plain", nasty, key="target", relation="target", sentence=nasty)
    G.add_edge(nasty, nasty, key=7, relation="self")
    return G


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_hostile_values_round_trip(fmt):
    G = hostile_graph()
    text = generate_graphml(G) if fmt == "graphml" else generate_gexf(G)
    H = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(text.encode("utf-8")))
    clean = "a <b> & \"c\" 'd'\ne\tf\r\ufffdg\ufffdh \ufffd \u2028 \U0001f600 ]]> <!-- -->"
    assert set(H.nodes) == {"actor:plain", clean, "place:only-id", "mixed"}
    node = H.nodes[clean]
    assert node["label"] == clean and node["aliases"] == f"{clean};x;y"
    assert node["when"] == "2016-12-22" and node["meta"] == '{"a": [2], "b": 1}'
    assert not {"missing", "empty", "none"} & set(node)
    # numbers stay numbers where every value is one; a column with text in it is text
    assert H.nodes["actor:plain"]["latitude"] == 36.2 and H.nodes["actor:plain"]["longitude"] == 37.0
    assert node["flag"] is False and H.nodes["actor:plain"]["flag"] is True
    assert H.nodes["actor:plain"]["count"] == "3" and H.nodes["mixed"]["count"] == "three"
    assert node["latitude"] == -1.5 and isinstance(node["latitude"], float)
    assert H.nodes["actor:plain"]["score"] == "1.5" and math.isinf(float(H.nodes["mixed"]["score"]))
    assert H.number_of_edges() == 3
    sentences = [d["sentence"] for _, _, d in H.edges(data=True) if "sentence" in d]
    assert sentences == [clean]
    # the same graph built in another order gives the same bytes
    R = nx.MultiDiGraph()
    for n in reversed(list(G.nodes)):
        R.add_node(n, **dict(reversed(list(G.nodes[n].items()))))
    for u, v, k, d in reversed(list(G.edges(keys=True, data=True))):
        R.add_edge(u, v, key=k, **d)
    assert (generate_graphml(R) if fmt == "graphml" else generate_gexf(R)) == text


def test_an_empty_graph_is_a_valid_file():
    for text, read in ((generate_graphml(nx.MultiDiGraph()), nx.read_graphml),
                       (generate_gexf(nx.MultiDiGraph()), nx.read_gexf)):
        assert read(io.BytesIO(text.encode())).number_of_nodes() == 0
