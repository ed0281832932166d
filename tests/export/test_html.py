"""graph/html.py: the offline, escaped, deterministic interactive page (hand-built graphs, no NLP)."""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from graph.export.html import ACTOR_COLORS, KIND_STYLE, generate_html, json_for_script, write_html
from graph.export.timeline import TYPE_COLORS
from helpers import parse_page

DATA_RE = re.compile(r'<script type="application/json" id="ctkg-data">(.*?)</script>', re.S)
NETWORK_REF = re.compile(r"""(?:\bsrc|\bhref|\baction|\bposter|\bdata)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def tags_of(page: str) -> list[tuple[str, dict]]:
    return parse_page(page).tags


def text_of(fragment: str) -> str:
    return "".join(parse_page(fragment).text)


def ws(s: str) -> str:
    return " ".join(s.split())


def data_of(page: str) -> dict:
    m = DATA_RE.search(page)
    assert m, "no embedded graph data"
    return json.loads(m.group(1))


def by_id(page: str) -> dict[str, dict]:
    return {n["id"]: n for n in data_of(page)["nodes"]}


def add_article(G, aid, title="Army retakes town", publisher="Daily News", published="2016-12-22", status="ok"):
    G.add_node(f"article:{aid}", kind="article", label=title or aid, article_id=aid, title=title,
               publisher=publisher, published=published, status=status, error="" if status == "ok" else "bad",
               n_events=1, n_statements=0)


def add_actor(G, key, name, type_="military", country="SY", aliases=(), articles=("a1",)):
    G.add_node(f"actor:{key}", kind="actor", label=name, actor_id=key, name=name, type=type_, country=country,
               aliases=list(aliases), articles=list(articles))
    for a in articles:
        if f"article:{a}" in G:
            G.add_edge(f"actor:{key}", f"article:{a}", key="appears_in", relation="appears_in")


def add_event(G, eid, etype="ASSAULT", date="2016-12-22", agents=(), targets=(), place=None, articles=("a1",),
              evidence="Government forces shelled the town on Thursday.", mode="shelling"):
    G.add_node(f"event:{eid}", kind="event", label=f"{etype} {date}", event_id=eid, event_type=etype, mode=mode,
               date=date, date_start=date, date_end=date, date_precision="day" if date else "unknown",
               modality="asserted", articles=list(articles), evidence=evidence, triggers=["shelled"])
    for a in agents:
        G.add_edge(f"event:{eid}", f"actor:{a}", key="agent", relation="agent")
    for t in targets:
        G.add_edge(f"event:{eid}", f"actor:{t}", key="target", relation="target")
    if place:
        G.add_edge(f"event:{eid}", f"place:{place}", key="place", relation="place")
    for i, a in enumerate(articles):
        G.add_edge(f"event:{eid}", f"article:{a}", key=f"mentioned_in:{10 + i}", relation="mentioned_in",
                   sentence=evidence, trigger="shelled", date=date)


def small_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    add_article(G, "a1")
    add_article(G, "a2", title="Ceasefire talks", publisher="Wire", published="2016-12-30")
    add_article(G, "broken", title="", publisher="", published="", status="error")
    add_actor(G, "syrian_army", "Syrian army", "military", "SY", aliases=["government forces"], articles=("a1", "a2"))
    add_actor(G, "civilians", "civilians", "civilians", "", articles=("a1",))
    add_actor(G, "assad", "Bashar al-Assad", "person", "SY", articles=("a2",))
    G.add_node("place:aleppo", kind="place", label="Aleppo", place_id="aleppo", name="Aleppo", country="SY",
               latitude=36.2021, longitude=37.1343, aliases=[])
    add_event(G, "e1", "ASSAULT", "2016-12-22", agents=["syrian_army"], targets=["civilians"], place="aleppo")
    add_event(G, "e2", "CEASEFIRE", "2016-12-30", agents=["syrian_army"], articles=("a2",),
              evidence="A ceasefire took effect at midnight.", mode="ceasefire")
    G.add_node("statement:s1", kind="statement", label="We will win", statement_id="s1", kind_of="direct",
               text="We will liberate every inch", article="a2", date="2016-12-30", date_start="2016-12-30",
               date_end="2016-12-30", date_precision="day", speaker_name="Bashar al-Assad")
    G.add_edge("statement:s1", "actor:assad", key="speaker", relation="speaker")
    G.add_edge("statement:s1", "article:a2", key="stated_in", relation="stated_in")
    G.add_edge("statement:s1", "event:e2", key="about", relation="about")
    G.add_edge("actor:assad", "actor:syrian_army", key="affiliated_with", relation="affiliated_with")
    return G


HOSTILE = [
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    '"quoted" and \'single\' & <b>bold</b>',
    "back\\slash \\u003c \\n",
    "line\nbreak\r\ttab",
    "sep\u2028line\u2029para",
    "\u202eevil\u202c \u200fright\u200e \u2067iso\u2069 \u061c",
    "<!-- comment <script>",
    "<img src=x onerror=alert(3)>",
    "{{ jinja }} {% raw %} ${template}",
    "\u0627\u0644\u0623\u0633\u062f",  # Arabic
]


def hostile_graph() -> tuple[nx.MultiDiGraph, dict[str, str]]:
    """Every text field carries a hostile string; returns the graph and node id -> its name/label."""
    G = nx.MultiDiGraph()
    names = {}
    add_article(G, "a1", title=HOSTILE[1], publisher=HOSTILE[2], published="2016-12-22")
    for i, s in enumerate(HOSTILE):
        add_actor(G, f"x{i}", s, type_="military" if i % 2 else '"><script>alert(7)</script>', country=s,
                  aliases=[s, HOSTILE[(i + 1) % len(HOSTILE)]])
        names[f"actor:x{i}"] = s
    G.add_node("place:p", kind="place", label=HOSTILE[0], name=HOSTILE[0], country=HOSTILE[5],
               latitude=float("nan"), longitude=None)
    add_event(G, "e1", "ASSAULT", "2016-12-22", agents=["x0", "x1"], targets=["x5"], place="p",
              evidence=" | ".join(HOSTILE))
    G.add_node("statement:s1", kind="statement", label=HOSTILE[0], text=HOSTILE[1] + HOSTILE[5],
               speaker_name=HOSTILE[8], article="a1", date="2016-12-22", kind_of="direct")
    G.add_edge("statement:s1", "actor:x8", key="speaker", relation="speaker")
    G.add_edge("statement:s1", "event:e1", key="about", relation="about")
    G.add_edge("actor:x2", "actor:x3", key="<script>x</script>", relation="<script>alert(8)</script>")
    G.add_node("<odd>", kind="<script>alert(9)</script>", label=HOSTILE[1])
    G.add_edge("<odd>", "actor:x4", key="x", relation="x")
    return G, names


def chain_graph(n_actors: int, events_per_actor: int, n_places: int = 0) -> nx.MultiDiGraph:
    """Actors with distinct degrees (actor i has i+1 events), plus places hanging off events."""
    G = nx.MultiDiGraph()
    add_article(G, "a1")
    k = 0
    for i in range(n_actors):
        add_actor(G, f"act{i:03d}", f"Actor {i}", "armed_group", articles=())
        for _ in range(events_per_actor + i):
            d = f"2016-{1 + k % 12:02d}-{1 + k % 28:02d}"
            add_event(G, f"ev{k:05d}", "ASSAULT" if k % 2 else "PROTEST", d, agents=[f"act{i:03d}"], articles=())
            k += 1
    for j in range(n_places):
        G.add_node(f"place:pl{j:04d}", kind="place", label=f"Place {j}", name=f"Place {j}", country="SY")
        G.add_edge(f"event:ev{j % k:05d}", f"place:pl{j:04d}", key="place", relation="place")
    return G


# --------------------------------------------------------------------------- offline


def test_page_makes_no_network_request():
    page = generate_html(small_graph())
    assert page.startswith("<!DOCTYPE html>")
    tags = tags_of(page)
    for tag, attrs in tags:
        for name, value in attrs.items():
            v = (value or "").strip().lower()
            assert not v.startswith(("http://", "https://", "//")), (tag, name, value)
        if tag == "script":
            assert "src" not in attrs, attrs
        if tag == "link":  # only the inline favicon, which stops browsers asking the server for one
            assert attrs == {"rel": "icon", "href": "data:,"}, attrs
    assert not NETWORK_REF.search(page)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//|@import""", page, re.I)
    # the browser is told to refuse any request anyway
    csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "connect-src 'none'" in csp[0]
    # the vis-network library is inlined, not linked
    assert "vis-network" in page and "DataSet" in page and len(page) > 400_000
    assert [t for t, _ in tags].count("script") == 3


def test_pyvis_cdn_links_never_reach_the_page():
    """pyvis' own template links CDNs; none of its resources may appear."""
    page = generate_html(small_graph())
    for cdn in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "bootstrap", "tom-select", "TomSelect"):
        assert cdn not in page


# --------------------------------------------------------------------------- look and legend


def test_legend_and_styles_by_kind():
    G = small_graph()
    page = generate_html(G)
    tags = tags_of(page)
    assert any(t == "div" and a.get("id") == "legend" for t, a in tags)
    legend = page[page.index('<div id="legend"'):page.index('<div id="details"')]
    for kind, (_shape, color, name) in KIND_STYLE.items():
        assert f'value="{kind}"' in legend and name in legend and color in legend
    for t in ("military", "civilians", "person"):
        assert t in legend and ACTOR_COLORS[t] in legend
    for rel in ("agent", "target", "place", "mentioned in", "speaker", "about", "affiliated with"):
        assert rel in legend
    nodes = by_id(page)
    assert {n["kind"]: n["shape"] for n in nodes.values()} == {
        "event": "diamond", "actor": "dot", "place": "triangle", "statement": "box", "article": "square"}
    assert nodes["event:e1"]["color"] == TYPE_COLORS["ASSAULT"]
    assert nodes["event:e2"]["color"] == KIND_STYLE["event"][1]  # a type without a colour of its own
    assert nodes["place:aleppo"]["color"] == KIND_STYLE["place"][1]
    assert nodes["statement:s1"]["color"] == KIND_STYLE["statement"][1]
    assert nodes["article:a1"]["color"] == KIND_STYLE["article"][1]
    assert nodes["actor:syrian_army"]["color"] == ACTOR_COLORS["military"]
    assert nodes["actor:assad"]["color"] == ACTOR_COLORS["person"]
    assert nodes["actor:civilians"]["color"] == ACTOR_COLORS["civilians"]
    assert nodes["article:broken"]["shapeProperties"] == {"borderDashes": [4, 3]}  # a failed article
    # filters are in the page
    ids = {a.get("id") for _, a in tags}
    assert {"f-etype", "f-actor", "f-from", "f-to", "filters"} <= ids
    assert sum(1 for t, a in tags if t == "input" and "kind-cb" in (a.get("class") or "")) == 5


def test_labels_and_tooltips():
    page = generate_html(small_graph())
    nodes = by_id(page)
    ev = nodes["event:e1"]
    assert ev["label"] == "Syrian army shells\ncivilians in Aleppo,\n22 Dec"
    assert (ev["etype"], ev["ds"], ev["de"]) == ("ASSAULT", "2016-12-22", "2016-12-22")
    for s in ("2016-12-22", "Army retakes town", "Daily News", "[a1]",
              "Government forces shelled the town on Thursday.", "Syrian army", "civilians", "Aleppo"):
        assert s in ev["title"], s
    actor = nodes["actor:syrian_army"]
    assert actor["label"] == "Syrian army" and actor["names"] == ["Syrian army", "government forces"]
    for s in ("military", "SY", "government forces"):
        assert s in actor["title"]
    st = nodes["statement:s1"]
    for s in ("Bashar al-Assad", "2016-12-30", "We will liberate every inch"):
        assert s in st["title"]
    assert "Bashar al-Assad" in st["label"]
    assert "36.2021, 37.1343" in nodes["place:aleppo"]["title"]
    edges = data_of(page)["edges"]
    assert len({e["id"] for e in edges}) == len(edges)
    assert {e["relation"] for e in edges} >= {"agent", "target", "place", "mentioned_in", "speaker", "about"}


# --------------------------------------------------------------------------- safety


def test_hostile_strings_are_escaped():
    G, names = hostile_graph()
    title = "</title><script>alert('title')</script>\u2028"
    page = generate_html(G, title=title)
    # exactly the page's own three scripts: the data block, vis-network, the page code
    assert len(re.findall(r"<script", page, re.I)) == 3
    assert len(re.findall(r"</script", page, re.I)) == 3
    assert [m.start() for m in re.finditer(r"<script", page, re.I)] == [
        page.index('<script type="application/json" id="ctkg-data">'),
        page.index("<script>\n"), page.rindex("<script>\n")]
    for bad in ("<img", "<b>bold", "<!--", "alert(7)</script>"):
        assert bad not in page, bad
    for ch in "\u2028\u2029\u202e\u202c\u200f\u200e\u2067\u2069\u061c":
        assert ch not in page, hex(ord(ch))
    # the page title is text in <title> and <h1>
    assert f"<title>{html.escape(title[:-1])}" in page and f"<h1>{html.escape(title[:-1])}" in page
    # the data block parses back to the original strings
    data = data_of(page)
    nodes = {n["id"]: n for n in data["nodes"]}
    for nid, s in names.items():
        assert nodes[nid]["names"][0] == s
        if len(s) <= 40 and "\n" not in s and "\t" not in s and "\u2028" not in s:
            assert nodes[nid]["label"] == s
        assert ws(s) in ws(text_of(nodes[nid]["title"]))  # the tooltip shows the original text
    assert data["meta"]["title"] == title
    assert nodes["<odd>"]["kind"] == "other" and nodes["<odd>"]["label"] == HOSTILE[1]  # unknown kind
    assert 'value="other"' in page
    assert [r for r in (e["relation"] for e in data["edges"]) if "script" in r] == ["<script>alert(8)</script>"]
    # hover titles are html built from escaped pieces: only our own tags survive
    for item in data["nodes"] + data["edges"]:
        tags = {t for t, _ in tags_of(item["title"])}
        assert tags <= {"div", "b", "bdi"}, (item["id"], tags)
    ev = nodes["event:e1"]["title"]
    assert html.escape(HOSTILE[0]) in ev and html.escape(HOSTILE[8]) in ev
    # legend strings (actor types, relations) are escaped too
    legend = page[page.index('<div id="legend"'):page.index('<div id="details"')]
    assert "&quot;&gt;&lt;script&gt;alert(7)&lt;/script&gt;" in legend
    assert "&lt;script&gt;alert(8)&lt;/script&gt;" in legend
    # the whole page is well-formed as far as the tag structure goes
    assert [t for t, _ in tags_of(page)].count("script") == 3


def test_json_for_script_round_trips():
    obj = {"s": HOSTILE, "n": [1, 2.5, None, True], "</script>": "<!--"}
    s = json_for_script(obj)
    assert json.loads(s) == obj
    assert not re.search("[<>&\u2028\u2029\u202e]", s)


def test_unencodable_text_does_not_break_the_page(tmp_path):
    G = nx.MultiDiGraph()
    add_actor(G, "s", "lone \ud800 surrogate and NUL \x00", articles=())
    page = generate_html(G, title="bad \udcff title")
    page.encode("utf-8")  # no lone surrogate survives
    assert by_id(page)["actor:s"]["names"][0] == "lone \ufffd surrogate and NUL  "
    write_html(G, tmp_path / "g.html")


# --------------------------------------------------------------------------- determinism


def test_same_graph_same_bytes():
    G = small_graph()
    a = generate_html(G)
    assert generate_html(G) == a
    # the same graph built in another order
    H = nx.MultiDiGraph()
    H.add_nodes_from(sorted(G.nodes(data=True), reverse=True))
    H.add_edges_from(sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[2])), reverse=True))
    assert generate_html(H) == a
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-", a[a.index('id="ctkg-data"'):a.index("</script>")])


# --------------------------------------------------------------------------- scale


def test_large_graph_is_cut_with_a_banner():
    G = chain_graph(n_actors=12, events_per_actor=2, n_places=10)  # 1 + 12 + 90 + 10 nodes
    total = G.number_of_nodes()
    page = generate_html(G, max_nodes=30)
    data = data_of(page)
    meta = data["meta"]
    assert meta["truncated"] and meta["shown_nodes"] == len(data["nodes"]) <= 30
    assert meta["total_nodes"] == total and meta["total_links"] == len({(u, v, k.split(":")[0]) for u, v, k in G.edges(keys=True)})
    assert {n["kind"] for n in data["nodes"]} <= {"actor", "event"}
    # the best connected actors come first, with their events
    shown = {n["id"] for n in data["nodes"]}
    assert "actor:act011" in shown and "actor:act010" in shown and "actor:act000" not in shown
    assert {v for v in nx.all_neighbors(G, "actor:act011")} - {"article:a1"} <= shown
    banner = re.search(r'<div id="banner"[^>]*>(.*?)</div>', page, re.S)
    assert banner
    text = re.sub(r"<[^>]+>", "", banner.group(1))
    assert f"showing {len(data['nodes'])} of {total} nodes" in text
    assert f"{meta['shown_links']} of {meta['total_links']} links" in text and meta["shown_links"] == len(data["edges"])
    assert "actors with the most links" in text
    # every edge of the page joins two shown nodes
    assert data["edges"] and all(e["from"] in shown and e["to"] in shown for e in data["edges"])


def test_small_graph_has_no_banner_and_a_full_layout():
    page = generate_html(small_graph())
    assert 'id="banner"' not in page
    data = data_of(page)
    assert not data["meta"]["truncated"] and not data["meta"]["bounded_layout"]
    # physics lays the graph out, then the page turns it off (issue 14: no overlap at rest)
    assert data["options"]["physics"]["enabled"] is True and data["meta"]["physics_off_after_stabilization"]
    assert data["options"]["physics"]["stabilization"]["iterations"] == 600


def test_many_nodes_turn_physics_off_after_a_bounded_stabilization():
    G = chain_graph(n_actors=20, events_per_actor=10, n_places=50)  # > 300 nodes
    assert G.number_of_nodes() > 300
    page = generate_html(G)
    data = data_of(page)
    assert data["meta"]["physics_off_after_stabilization"] is True and data["meta"]["bounded_layout"] is True
    assert not data["meta"]["truncated"] and 'id="banner"' not in page
    stab = data["options"]["physics"]["stabilization"]
    assert stab["enabled"] and 0 < stab["iterations"] <= 200
    assert data["options"]["layout"]["improvedLayout"] is False
    assert "physics_off_after_stabilization" in page and "stabilizationIterationsDone" in page


def test_graph_without_actors_is_cut_by_degree():
    G = nx.MultiDiGraph()
    for i in range(10):
        add_article(G, f"a{i}")
    page = generate_html(G, max_nodes=4)
    assert data_of(page)["meta"]["shown_nodes"] == 4 and 'id="banner"' in page


def test_empty_graph_and_bad_max_nodes():
    page = generate_html(nx.MultiDiGraph())
    assert data_of(page)["nodes"] == []
    with pytest.raises(ValueError):
        generate_html(small_graph(), max_nodes=0)


# --------------------------------------------------------------------------- writing


def test_write_html_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "out" / "graph.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    calls = []
    real_replace = os.replace

    def spy(src, dst):
        calls.append((Path(src), Path(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    G = small_graph()
    assert write_html(G, target, title="t") == target
    assert target.read_text(encoding="utf-8") == generate_html(G, title="t")
    assert len(calls) == 1 and calls[0][1] == target and calls[0][0].parent == target.parent
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.html"]

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_html(G, target, title="other")
    assert target.read_text(encoding="utf-8") == generate_html(G, title="t")
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.html"]


def test_write_html_creates_a_new_file(tmp_path):
    target = tmp_path / "new" / "g.html"
    write_html(small_graph(), str(target), max_nodes=5)
    assert 'id="banner"' in target.read_text(encoding="utf-8")
    assert os.stat(target).st_mode & 0o644 == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["g.html"]


# --------------------------------------------------------------------------- the page's JavaScript

NODE = shutil.which("node")

JS_HARNESS = r"""
const fs = require("fs"), vm = require("vm");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const els = {}, listeners = {};
function el(id, extra) {
  const e = Object.assign({id, value: "", checked: false, textContent: "", innerHTML: "", children: [],
    addEventListener(ev, f) { (listeners[id + ":" + ev] = listeners[id + ":" + ev] || []).push(f); },
    appendChild(c) { this.children.push(c); }}, extra || {});
  els[id] = e; return e;
}
for (const id of ["status", "f-etype", "f-actor", "f-from", "f-to", "f-orphans", "b-reset", "b-fit",
                  "b-physics", "details-body"]) el(id);
el("network", {setAttribute(k, v) { this[k] = v; }});
el("ctkg-data", {textContent: input.data});
const kindEls = input.kinds.map(k => el("kind-" + k, {value: k, checked: true}));
const relEls = input.rels.map(r => el("rel-" + r, {value: r, checked: true}));
const updates = {nodes: new Map(), edges: new Map()}, events = {};
let physics = [];
class DataSet {
  constructor(items) { this.items = items; this.kind = items.length && "label" in items[0] ? "nodes" : "edges"; }
  update(list) { for (const u of list) updates[this.kind === "nodes" ? "nodes" : "edges"].set(u.id, u.hidden); }
}
class Network {
  constructor(c, data, options) { this.options = options; }
  on(ev, f) { events[ev] = f; } once(ev, f) { events[ev] = f; }
  setOptions(o) { if (o.physics) physics.push(o.physics.enabled); } fit() {} redraw() {}
  getPositions() { return {}; } getBoundingBox() { return null; } moveNode() {} getScale() { return 1; } moveTo() {}
}
const ctx = {
  console, Map, JSON, Math, String, Array, Object, setTimeout: (f) => { f(); return 1; }, clearTimeout() {}, window: {},
  vis: {DataSet, Network},
  Option: function (text, value) { this.text = text; this.value = value; },
  document: {
    getElementById: (id) => els[id] || null,
    querySelectorAll: (sel) => sel === "input.kind-cb" ? kindEls : sel === "input.rel-cb" ? relEls : [],
    createElement: () => ({className: "", innerHTML: ""}),
  },
};
vm.createContext(ctx);
vm.runInContext(input.app, ctx);
const visible = () => input.ids.filter(id => updates.nodes.get(id) !== true);
const out = {};
out.initial = visible();
els["f-actor"].value = "government FORCES";
listeners["f-actor:input"].forEach(f => f());
out.actor = visible();
els["f-actor"].value = "";
els["f-etype"].value = "CEASEFIRE";
listeners["f-etype:change"].forEach(f => f());
out.etype = visible();
els["f-etype"].value = "";
els["f-from"].value = "2016-12-25";
listeners["f-from:change"].forEach(f => f());
out.from = visible();
els["f-from"].value = "";
els["kind-article"].checked = false;
els["f-orphans"].checked = true;
listeners["f-orphans:change"].forEach(f => f());
out.noArticles = visible();
listeners["b-reset:click"].forEach(f => f());
out.reset = visible();
events["stabilizationIterationsDone"]();
events["afterDrawing"]();
out.physics = physics;
out.layout = els["network"]["data-layout"];
out.status = els["status"].textContent;
events["click"]({nodes: [input.ids[0]], edges: []});
out.details = els["details-body"].innerHTML;
out.options = els["f-etype"].children.map(o => o.value);
process.stdout.write(JSON.stringify(out));
"""


def run_page_js(page: str) -> dict:
    data = DATA_RE.search(page).group(1)
    scripts = re.findall(r"<script>\n(.*?)\n</script>", page, re.S)
    assert len(scripts) == 2
    tags = tags_of(page)
    kinds = [a["value"] for t, a in tags if t == "input" and a.get("class") == "kind-cb"]
    rels = [a["value"] for t, a in tags if t == "input" and a.get("class") == "rel-cb"]
    ids = [n["id"] for n in json.loads(data)["nodes"]]
    res = subprocess.run([NODE, "-e", JS_HARNESS], input=json.dumps(
        {"data": data, "app": scripts[1], "kinds": kinds, "rels": rels, "ids": ids}),
        capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_page_filters_in_javascript():
    out = run_page_js(generate_html(small_graph()))
    every = sorted(by_id(generate_html(small_graph())))
    assert sorted(out["initial"]) == every
    # actor box: the matching actor (by alias), its events and statements and what those link to
    assert "actor:syrian_army" in out["actor"] and "event:e1" in out["actor"] and "event:e2" in out["actor"]
    assert "place:aleppo" in out["actor"] and "actor:civilians" in out["actor"]
    # event type: the other type's events go, everything else stays
    assert "event:e2" in out["etype"] and "event:e1" not in out["etype"] and "actor:assad" in out["etype"]
    # date range: events before it go
    assert "event:e2" in out["from"] and "event:e1" not in out["from"]
    assert not any(i.startswith("article:") for i in out["noArticles"])
    assert sorted(out["reset"]) == every
    # once laid out, physics is off (the overlap-free layout stays at rest) and the page says so
    assert out["physics"] == [False] and out["layout"] == "done" and "Physics is off" in out["status"]
    assert "Visible: 10 of 10 nodes" in out["status"]
    assert out["details"].startswith('<div class="tip-h">')
    assert out["options"] == ["ASSAULT", "CEASEFIRE"]


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_page_js_turns_physics_off_for_many_nodes():
    out = run_page_js(generate_html(chain_graph(n_actors=20, events_per_actor=10, n_places=50)))
    assert out["physics"] == [False] and "Physics is off" in out["status"] and out["layout"] == "done"


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_inlined_vis_network_parses():
    page = generate_html(nx.MultiDiGraph())
    vis_js = re.findall(r"<script>\n(.*?)\n</script>", page, re.S)[0]
    res = subprocess.run([NODE, "-e", "new (require('vm').Script)(require('fs').readFileSync(0, 'utf8'))"],
                         input=vis_js, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr


VIS_HARNESS = r"""
// the page's vis-network with its own data and options, on a stub DOM (no canvas): vis validates the
// options (errors go to console.error) and the stabilization must finish
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const data = JSON.parse(input.data);
function stub(extra) {
  const target = function () {};
  Object.assign(target, extra || {});
  return new Proxy(target, {
    get(t, p) {
      if (p in t) return t[p];
      if (p === Symbol.toPrimitive) return () => 0;
      if (p === "then") return undefined;
      if (p === "style") return (t.style = t.style || {});
      if (p === "measureText") return () => ({width: 10});
      if (["clientWidth", "offsetWidth", "width", "clientHeight", "offsetHeight", "height"].includes(p)) return 500;
      if (p === "getBoundingClientRect") {
        return () => ({left: 0, top: 0, width: 500, height: 500, right: 500, bottom: 500});
      }
      if (p === "childNodes" || p === "children") return [];
      if (p === "firstChild" || p === "parentNode") return null;
      if (p === "hasChildNodes") return () => false;
      return () => stub();
    },
    set(t, p, v) { t[p] = v; return true; },
    apply() { return stub(); },
  });
}
Object.assign(globalThis, {requestAnimationFrame: (f) => setTimeout(f, 0), cancelAnimationFrame: clearTimeout,
  Image: function () { return stub(); }, Element: function () {}, HTMLElement: function () {}, devicePixelRatio: 1,
  addEventListener() {}, removeEventListener() {}});
globalThis.window = globalThis;
globalThis.self = globalThis;
globalThis.document = {createElement: () => stub(), createTextNode: () => stub(), addEventListener() {},
  removeEventListener() {}, body: stub(), documentElement: stub()};
try {
  Object.defineProperty(globalThis, "navigator", {value: {userAgent: "node", maxTouchPoints: 0}, configurable: true});
} catch (e) {}
const complaints = [];
console.error = (...a) => complaints.push(a.join(" "));
console.warn = (...a) => complaints.push(a.join(" "));
// run as a browser would (a global script), not as a CommonJS module
(0, eval)(input.vis.replace('"object"==typeof exports&&"undefined"!=typeof module', "false"));
const nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
const network = new vis.Network(stub(), {nodes, edges}, data.options);
network.once("stabilizationIterationsDone", () => {
  network.setOptions({physics: {enabled: false}});
  nodes.update(data.nodes.map((n) => ({id: n.id, hidden: true})));
  process.stdout.write(JSON.stringify({complaints, n: nodes.get({filter: (n) => n.hidden}).length}));
  process.exit(0);
});
setTimeout(() => { process.stdout.write(JSON.stringify({complaints, timeout: true})); process.exit(0); }, 30000);
"""


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("which", ["small", "hostile"])
def test_vis_network_accepts_the_page_data(which):
    G = small_graph() if which == "small" else hostile_graph()[0]
    page = generate_html(G)
    vis_js = re.findall(r"<script>\n(.*?)\n</script>", page, re.S)[0]
    assert '"object"==typeof exports&&"undefined"!=typeof module' in vis_js
    res = subprocess.run([NODE, "-e", VIS_HARNESS], input=json.dumps({"data": DATA_RE.search(page).group(1),
                                                                      "vis": vis_js}),
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["complaints"] == [] and "timeout" not in out
    assert out["n"] == G.number_of_nodes()


def test_seed_page_counts_one_thing_as_links(seed_build):
    """The header, the banner and the side panel's status count the same links: one per two nodes
    and relation, as drawn (issue 14, item 5: the header said "114 nodes, 270 edges" where the
    panel said "252 of 252 links")."""
    result, out = seed_build
    page = (out / "graph.html").read_text(encoding="utf-8")
    data = data_of(page)
    counts = re.search(r'<span id="counts"[^>]*>([^<]*)</span>', page).group(1)
    assert counts == f"{len(data['nodes'])} nodes, {len(data['edges'])} links"
    assert data["meta"]["shown_links"] == data["meta"]["total_links"] == len(data["edges"])
    # every node of the build, a country that is both an actor and a place once
    assert data["meta"]["actor_and_place"] > 0
    assert len(data["nodes"]) + data["meta"]["actor_and_place"] == result.graph.number_of_nodes()
    # the graph has more edges than links (several mentions of an event in one article): the page never
    # shows that other count
    assert result.graph.number_of_edges() > len(data["edges"])
    assert f" {result.graph.number_of_edges()} " not in re.sub(r"<script.*?</script>", "", page, flags=re.S)
    # the status line counts the drawn links (edgeList is DATA.edges) and says "links"
    js = page[page.rindex("<script>"):]
    assert '" of " + edgeList.length + " links."' in js and "var edgeList = DATA.edges;" in js


def test_actor_types_have_clearly_different_colours():
    """Issue 14: most actor types were similar blues. Every pair is now far apart in CIELAB."""
    from itertools import combinations

    from graph.core.model import ACTOR_TYPES
    from helpers import color_distance

    assert set(ACTOR_COLORS) == set(ACTOR_TYPES)
    close = [(a, b, round(color_distance(ACTOR_COLORS[a], ACTOR_COLORS[b]), 1))
             for a, b in combinations(sorted(ACTOR_COLORS), 2)
             if color_distance(ACTOR_COLORS[a], ACTOR_COLORS[b]) < 20]
    assert not close, close
    # the measure itself: the old military and media blues were 1.8 apart
    assert color_distance("#1f77b4", "#1f77b4") == 0 and color_distance("#3182bd", "#2e86c1") < 2


# --------------------------------------------------------------------------- issue 14, item 6


def two_assaults_graph() -> nx.MultiDiGraph:
    """Two events of one type and one week (they read "ASSAULT 2016-12-15..22" alike before), an
    undated one, a planned one, one without an agent, and a country that is an actor and a place."""
    G = nx.MultiDiGraph()
    add_article(G, "a1")
    add_actor(G, "army", "Syrian Army", "military")
    add_actor(G, "rebels", "Syrian rebels", "armed_group")
    add_actor(G, "turkey", "Turkey", "country", "TUR")
    G.add_node("place:aleppo", kind="place", label="Aleppo", place_id="aleppo", name="Aleppo", country="SYR",
               feature="city", latitude=36.2, longitude=37.13, aliases=[], articles=["a1"])
    G.add_node("place:tr", kind="place", label="Turkey", place_id="tr", name="Turkey", country="TUR",
               feature="country", latitude=39.0, longitude=35.0, aliases=["Türkiye"], articles=["a1"])
    G.add_edge("place:tr", "article:a1", key="appears_in", relation="appears_in")
    add_event(G, "capture", "ASSAULT", "2016-12-22", agents=["army"], place="aleppo", mode="capture")
    add_event(G, "shell", "ASSAULT", "2016-12-22", agents=["rebels"], targets=["army"], mode="shelling")
    add_event(G, "undated", "AGREE", "", agents=["army", "rebels"], place="aleppo", mode="agreement")
    add_event(G, "talks", "CONSULT", "2016-12-20", agents=["turkey"], mode="talks")
    add_event(G, "flee", "RETREAT", "2016-12-21", targets=[], place="tr", mode="displacement")
    G.nodes["event:talks"]["modality"] = "future"
    for n in ("capture", "shell"):  # one week, as an event the text dates to "this week"
        G.nodes[f"event:{n}"].update(date="", date_start="2016-12-19", date_end="2016-12-25", date_precision="range")
    G.nodes["event:capture"].update(date="2016-12-22", date_start="2016-12-22", date_end="2016-12-22",
                                    date_precision="day")
    return G


def one_line(label: str) -> str:
    return " ".join(label.split())


def test_an_event_is_labelled_by_what_happened():
    """Issue 14, item 6: event nodes read "ASSAULT 2016-12-15..22", so many looked alike. A label says
    who did what to whom or where, and when; the PLOVER type is the node's colour and in the legend."""
    page = generate_html(two_assaults_graph())
    nodes = by_id(page)
    labels = {n: one_line(d["label"]) for n, d in nodes.items() if n.startswith("event:")}
    assert labels == {
        "event:capture": "Syrian Army captures Aleppo, 22 Dec",
        "event:shell": "Syrian rebels shell Syrian Army, 19\u201325 Dec",
        "event:undated": "Syrian Army and Syrian rebels agree on Aleppo",  # undated: no date part
        "event:talks": "Planned: Turkey holds talks, 20 Dec",
        "event:flee": "Displacement from Turkey, 21 Dec",
    }
    # short: a few lines of a few words, never the type's name
    for n, d in nodes.items():
        if n.startswith("event:"):
            assert len(d["label"].split("\n")) <= 3 and max(len(x) for x in d["label"].split("\n")) <= 26
            assert d["etype"] not in d["label"]
            assert d["color"] == TYPE_COLORS[d["etype"]]
    # the type is in the legend, in its colour, with its count
    legend = page[page.index('<div id="legend"'):page.index('<div id="details"')]
    text = ws(text_of(legend))
    assert "Events by type (PLOVER): AGREE (1) ASSAULT (2) CONSULT (1) RETREAT (1)" in text
    for t in ("AGREE", "ASSAULT", "CONSULT", "RETREAT"):
        assert TYPE_COLORS[t] in legend
    # years only when the events span several
    G = two_assaults_graph()
    add_event(G, "old", "ASSAULT", "2012-05-01", agents=["army"], place="aleppo", mode="capture")
    assert one_line(by_id(generate_html(G))["event:capture"]["label"]) == "Syrian Army captures Aleppo, 22 Dec 2016"


def test_long_names_are_cut_and_the_date_kept_whole():
    G = nx.MultiDiGraph()
    add_actor(G, "a", "The Very Long Name Of An Armed Group Nobody Can Read", "armed_group")
    G.add_node("place:p", kind="place", name="Another Very Long Place Name In The Region", label="x")
    add_event(G, "e", "ASSAULT", "2016-12-22", agents=["a"], place="p", mode="capture", articles=())
    label = by_id(generate_html(G))["event:e"]["label"]
    lines = label.split("\n")
    assert len(lines) <= 3 and all(len(x) <= 26 for x in lines), lines
    assert "\u2026" in label and lines[-1].endswith("22 Dec")


def test_a_country_that_is_actor_and_place_is_one_node():
    """Issue 14, item 6: Turkey the actor and Turkey the place were two nodes. The page shows one, with
    both roles: its links as actor and as place, the place's colour as its ring, both in the tooltip
    and the legend. The graph itself (and so every other export) keeps both nodes."""
    G = two_assaults_graph()
    page = generate_html(G)
    data = data_of(page)
    nodes = by_id(page)
    named = [n for n in data["nodes"] if "Turkey" in n["label"] and n["kind"] in ("actor", "place")]
    assert [n["id"] for n in named] == ["actor:turkey"]
    node = named[0]
    assert node["roles"] == ["actor", "place"] and node["color"]["border"] == KIND_STYLE["place"][1]
    assert node["color"]["background"] == ACTOR_COLORS["country"] and "Türkiye" in node["names"]
    links = {(e["from"], e["to"], e["relation"]) for e in data["edges"]}
    assert ("event:talks", "actor:turkey", "agent") in links and ("event:flee", "actor:turkey", "place") in links
    assert sum(1 for e in links if e[0] == "actor:turkey" and e[2] == "appears_in") == 1  # one link, not two
    assert not any("place:tr" in (e["from"], e["to"]) for e in data["edges"])
    tip = ws(text_of(node["title"]))
    assert tip.startswith("Actor and place: Turkey") and "39.0000, 35.0000" in tip
    assert "As actor: agent of 1, target of 0 events" in tip and "As place: place of 1 events" in tip
    assert ws(text_of(nodes["event:capture"]["title"])).startswith("Event: Syrian Army captures Aleppo, 22 Dec 2016Date:")
    legend = ws(text_of(page[page.index('<div id="legend"'):page.index('<div id="details"')]))
    assert "country as actor and place, one node (1)" in legend
    # the counts are of the page's nodes
    assert data["meta"]["actor_and_place"] == 1 and data["meta"]["total_nodes"] == len(nodes) == G.number_of_nodes() - 1
    assert re.search(r'<span id="counts"[^>]*>%d nodes' % len(nodes), page)
    # the graph is not changed: the place node and its link are still there
    assert "place:tr" in G and G.has_edge("event:flee", "place:tr")
    # the place filter keeps the node as an actor: the actor box finds it by the place's alias too
    assert "actor:turkey" in [n["id"] for n in data["nodes"] if n["kind"] == "actor"]


def test_a_country_place_without_its_actor_stays_a_place():
    G = two_assaults_graph()
    G.remove_node("actor:turkey")
    nodes = by_id(generate_html(G))
    assert nodes["place:tr"]["kind"] == "place" and "roles" not in nodes["place:tr"]
    # a government of the country is not the country
    add_actor(G, "turkish_government", "Turkish government", "government", "TUR")
    assert "place:tr" in by_id(generate_html(G))


def test_labels_are_drawn_readable_at_the_first_view():
    """The font is at least 14 px at zoom 1 and the page asks for labels of READABLE_PX on screen at its
    first view (the browser test measures what is drawn)."""
    from graph.export.html import READABLE_PX

    data = data_of(generate_html(small_graph()))
    assert data["options"]["nodes"]["font"]["size"] >= 14 and data["meta"]["readable_px"] == READABLE_PX >= 11
