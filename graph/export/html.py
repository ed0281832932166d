"""The interactive HTML view of a ctkg graph: one self-contained page that opens from disk.

:func:`generate_html` lays the graph out with pyvis (``pyvis.network.Network`` builds the
vis-network node and edge records) and renders them into a page of its own:

* **Offline.** No ``<script src>``/``<link href>`` at all: the vis-network JS and CSS that ship
  inside the pyvis package (``pyvis/templates/lib/vis-9.1.2``) and the page's own JS/CSS
  (``graph/data/html_app.js``, ``html_app.css``) are inlined. pyvis' own template is not used
  because it links bootstrap, tom-select and vis from CDNs even with ``cdn_resources="in_line"``.
  A Content-Security-Policy (``default-src 'none'``) makes the browser refuse any request anyway.
* **Safe.** Article text (names, titles, quotes, evidence) only reaches the page as data:
  hover titles are built here from ``html.escape``-d pieces, and all node and edge records sit
  in one ``<script type="application/json">`` block in which ``<``, ``>``, ``&``, U+2028,
  U+2029 and bidirectional controls are ``\\uXXXX`` escapes, so no string can close the
  block, open a tag or reorder the source. The few strings rendered directly into the HTML
  (page title, actor types, relations in the legend) are ``html.escape``-d.
* **Bounded.** Above ``max_nodes`` nodes the page shows the top actors by degree and their
  events (at most ``max_nodes`` nodes) and says so in a banner; above 300 nodes the stabilization
  is short and coarse.
* **Readable.** An event is labelled by what happened (graph/export/labels.py: "Syrian Army
  captures Aleppo, 22 Dec"), coloured by its PLOVER type. A country that is both an actor and a
  place is one node on the page (:func:`_page_graph`; the graph and the other exports keep both).
  Once laid out, the page (``html_app.js``) turns physics off, pushes overlapping nodes apart and
  zooms in until labels are READABLE_PX on screen.
* **Deterministic.** Nodes and edges are sorted, ids are derived from the graph, the layout
  seed is fixed: the same graph gives byte-identical HTML.
"""
from __future__ import annotations

import math
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import networkx as nx

from graph.core.schema import Kind, Rel
from graph.export.labels import Role, event_label
from graph.export.page import asset, escape, head, inline_script, inline_style, json_for_script, plain, shorten
from graph.export.timeline import TYPE_COLORS

__all__ = ["generate_html", "write_html", "json_for_script", "KIND_STYLE", "ACTOR_COLORS", "REL_COLORS",
           "PHYSICS_OFF_ABOVE"]

# more nodes than this: a short, coarser stabilization (every page turns physics off once laid out, so
# that the overlap-free layout stays at rest)
PHYSICS_OFF_ABOVE = 300
STABILIZATION_SMALL = 600
STABILIZATION_LARGE = 150
LABEL_MAX = 40
LABEL_WRAP = 24  # characters a line of an event label
FONT_SIZE = 16  # node labels, in px at zoom 1
READABLE_PX = 12  # the first view zooms in until labels are at least this big on screen
VALUE_MAX = 600
LIST_MAX = 8

# kind -> (vis shape, colour, legend name)
KIND_STYLE: dict[str, tuple[str, str, str]] = {
    Kind.EVENT.value: ("diamond", "#d62728", "Event"),
    Kind.ACTOR.value: ("dot", "#1f77b4", "Actor"),
    Kind.PLACE.value: ("triangle", "#2ca02c", "Place"),
    Kind.STATEMENT.value: ("box", "#ff7f0e", "Statement"),
    Kind.ARTICLE.value: ("square", "#7f7f7f", "Article"),
}
OTHER_STYLE = ("ellipse", "#bcbd22", "Other")
KIND_ORDER = [Kind.EVENT.value, Kind.ACTOR.value, Kind.PLACE.value, Kind.STATEMENT.value, Kind.ARTICLE.value]

# actors: shades of blue by actor type
# one colour per actor type, clearly different hues (CIE76 distance >= 20, tests/export/test_html.py)
ACTOR_COLORS: dict[str, str] = {
    "person": "#1f77b4",
    "government": "#6a3d9a",
    "military": "#8c564b",
    "armed_group": "#ff7f0e",
    "country": "#17becf",
    "civilians": "#f7b6d2",
    "igo": "#bcbd22",
    "ngo": "#98df8a",
    "media": "#7f7f7f",
    "other": "#e7ba52",
}

REL_COLORS: dict[str, str] = {
    Rel.AGENT.value: "#c0392b",
    Rel.TARGET.value: "#8e44ad",
    Rel.PLACE.value: "#27ae60",
    Rel.MENTIONED_IN.value: "#b0b0b0",
    Rel.SOURCE.value: "#16a085",
    Rel.SPEAKER.value: "#e67e22",
    Rel.STATED_IN.value: "#c8c8c8",
    Rel.ABOUT.value: "#d35400",
    Rel.AFFILIATION.value: "#2980b9",
    Rel.APPEARS_IN.value: "#dddddd",
    Rel.BEFORE.value: "#7f8c8d",
}
OTHER_REL_COLOR = "#999999"
REL_ORDER = [r.value for r in Rel]

_VIS_DIR = "templates/lib/vis-9.1.2"


# ----------------------------------------------------------------------------- text helpers

def _short(v: object, n: int = LABEL_MAX) -> str:
    return shorten(plain(v), n)


def _as_list(v: object) -> list:
    if v is None or v == "":
        return []
    if isinstance(v, str):
        return [v]
    if isinstance(v, (set, frozenset)):
        return sorted(v, key=str)
    if isinstance(v, Iterable):
        return list(v)
    return [v]


# ----------------------------------------------------------------------------- tooltips

def _tip(heading: str, rows: list[tuple[str, object]], quote: str = "") -> str:
    """Tooltip HTML; every piece of data goes through html.escape, <bdi> isolates its direction."""
    out = [f'<div class="tip-h"><bdi>{escape(_short(heading, 120))}</bdi></div>']
    for k, v in rows:
        vals = [plain(x) for x in _as_list(v) if plain(x).strip()]
        if not vals:
            continue
        more = len(vals) - LIST_MAX
        vals = [_short(x, VALUE_MAX) for x in vals[:LIST_MAX]]
        body = "; ".join(f"<bdi>{escape(x)}</bdi>" for x in vals)
        if more > 0:
            body += f" (+{more} more)"
        out.append(f'<div class="tip-r"><b>{escape(k)}:</b> {body}</div>')
    if plain(quote).strip():
        out.append(f'<div class="tip-q"><bdi>{escape(_short(quote, VALUE_MAX * 2))}</bdi></div>')
    return "".join(out)


def _name(G: nx.MultiDiGraph, n: str) -> str:
    d = G.nodes[n]
    return plain(d.get("name") or d.get("label") or n)


def _out_names(G: nx.MultiDiGraph, n: str, relation: str) -> list[str]:
    seen: list[str] = []
    for _, v, k, d in G.out_edges(n, keys=True, data=True):
        if _relation(k, d) == relation and _name(G, v) not in seen:
            seen.append(_name(G, v))
    return sorted(seen)


def _article_line(G: nx.MultiDiGraph, art: object) -> str:
    aid = plain(art)
    d = G.nodes.get(f"{Kind.ARTICLE.value}:{aid}") if f"{Kind.ARTICLE.value}:{aid}" in G else None
    if not d:
        return aid
    bits = [b for b in (plain(d.get("title")), plain(d.get("publisher")), plain(d.get("published"))) if b]
    return f"{', '.join(bits)} [{aid}]" if bits else aid


def _date_text(d: dict) -> str:
    date = plain(d.get("date"))
    s, e = plain(d.get("date_start")), plain(d.get("date_end"))
    prec = plain(d.get("date_precision"))
    span = s if s and s == e else (f"{s} \u2013 {e}" if s or e else "")
    parts = [p for p in (date, f"({prec})" if prec and prec != "unknown" and date else "",
                         f"[{span}]" if span and span != date else "") if p]
    return " ".join(parts)


def _event_tip(G, n, d) -> str:
    etype, mode = plain(d.get("event_type")), plain(d.get("mode")).replace("_", " ")
    rows = [("Date", _date_text(d) or "undated"),
            ("Type", f"{etype} ({mode})" if mode else etype),
            ("Modality", d.get("modality")),
            ("Agents", _out_names(G, n, Rel.AGENT.value)),
            ("Targets", _out_names(G, n, Rel.TARGET.value)),
            ("Place", _out_names(G, n, Rel.PLACE.value)),
            ("According to", _out_names(G, n, Rel.SOURCE.value)),
            ("Killed", d.get("killed")), ("Injured", d.get("injured")), ("Displaced", d.get("displaced")),
            ("Triggers", d.get("triggers")),
            ("Source articles", [_article_line(G, a) for a in _as_list(d.get("articles"))])]
    what = " ".join(_event_label(G, n, d, year=True).split())  # the node's label, on one line, with the year
    return _tip(f"Event: {what or plain(d.get('label')) or etype}", rows, quote=d.get("evidence"))


def _coords(d: dict) -> str:
    lat, lon = d.get("latitude"), d.get("longitude")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and math.isfinite(lat) and math.isfinite(lon):
        return f"{lat:.4f}, {lon:.4f}"
    return ""


def _in_links(G: nx.MultiDiGraph, n: str, relation: str) -> int:
    return len({u for u, _, k, ed in G.in_edges(n, keys=True, data=True) if _relation(k, ed) == relation})


def _actor_tip(G, n, d) -> str:
    place = d.get(ALSO_PLACE)
    rows = [("Type", d.get("type")), ("Country", d.get("country")), ("Aliases", d.get("aliases")),
            ("Articles", len(_as_list(d.get("articles"))) or None), ("Links", G.degree(n))]
    if not place:
        return _tip(f"Actor: {_name(G, n)}", rows)
    rows[2] = ("Aliases", sorted({*_as_list(d.get("aliases")), *_as_list(place.get("aliases"))} - {_name(G, n)}))
    rows[3:3] = [("Coordinates", _coords(place)),
                 ("As actor", f"agent of {_in_links(G, n, Rel.AGENT.value)}, target of "
                              f"{_in_links(G, n, Rel.TARGET.value)} events"),
                 ("As place", f"place of {_in_links(G, n, Rel.PLACE.value)} events")]
    return _tip(f"Actor and place: {_name(G, n)}", rows)


def _place_tip(G, n, d) -> str:
    rows = [("Country", d.get("country")), ("Coordinates", _coords(d)), ("Aliases", d.get("aliases"))]
    return _tip(f"Place: {_name(G, n)}", rows)


def _statement_tip(G, n, d) -> str:
    speaker = plain(d.get("speaker_name")) or ", ".join(_out_names(G, n, Rel.SPEAKER.value))
    rows = [("Speaker", speaker or "unknown"), ("Date", _date_text(d)), ("Kind", d.get("kind_of")),
            ("Source articles", [_article_line(G, a) for a in _as_list(d.get("articles") or d.get("article"))])]
    return _tip("Statement", rows, quote=d.get("text"))


def _article_tip(G, n, d) -> str:
    rows = [("Publisher", d.get("publisher")), ("Published", d.get("published")), ("Status", d.get("status")),
            ("Error", d.get("error")), ("Events", d.get("n_events")), ("Statements", d.get("n_statements"))]
    return _tip(f"Article: {plain(d.get('title')) or plain(d.get('article_id')) or n}", rows)


def _other_tip(G, n, d) -> str:
    return _tip(f"{plain(d.get('kind')) or 'Node'}: {plain(d.get('label')) or n}", [])


TIPS = {Kind.EVENT.value: _event_tip, Kind.ACTOR.value: _actor_tip, Kind.PLACE.value: _place_tip,
        Kind.STATEMENT.value: _statement_tip, Kind.ARTICLE.value: _article_tip}


# ----------------------------------------------------------------------------- labels

def _roles(G: nx.MultiDiGraph, n: str, relation: str) -> list[Role]:
    """The event's actors or places in one role, in the builder's order (most often named first)."""
    out: list[Role] = []
    for _, v, k, _d in G.out_edges(n, keys=True, data=True):
        if _relation(k, _d) == relation:
            role = Role(_name(G, v), plain(G.nodes[v].get("type")))
            if role not in out:
                out.append(role)
    return out


def _event_label(G: nx.MultiDiGraph, n: str, d: dict, *, year: bool) -> str:
    """What happened and when, wrapped: "Syrian Army captures\nAleppo, 22 Dec" (see graph/export/labels.py)."""
    places = _roles(G, n, Rel.PLACE.value)
    return event_label(plain(d.get("mode")), plain(d.get("event_type")), _roles(G, n, Rel.AGENT.value),
                       _roles(G, n, Rel.TARGET.value), places[0] if places else None, plain(d.get("modality")),
                       plain(d.get("date_start")), plain(d.get("date_end")), plain(d.get("date_precision")),
                       year=year, width=LABEL_WRAP)


def _label(G: nx.MultiDiGraph, n: str, d: dict, *, year: bool = True) -> str:
    kind = d.get("kind")
    if kind == Kind.EVENT.value:
        return _event_label(G, n, d, year=year)
    if kind in (Kind.ACTOR.value, Kind.PLACE.value):
        return _short(d.get("name") or d.get("label") or n)
    if kind == Kind.STATEMENT.value:
        speaker = _short(d.get("speaker_name"), 24)
        quote = _short(d.get("text") or d.get("label"), 32)
        return f"{speaker}:\n\u201c{quote}\u201d" if speaker else f"\u201c{quote}\u201d"
    if kind == Kind.ARTICLE.value:
        return _short(d.get("title") or d.get("label") or d.get("article_id") or n)
    return _short(d.get("label") or n)


def _relation(key: object, d: dict) -> str:
    r = d.get("relation")
    return plain(r) if r else plain(key).split(":")[0]


# ----------------------------------------------------------------------------- one node per country

ALSO_PLACE = "_also_place"  # on an actor node of the page view: the attributes of the place it also is


def _country_pairs(G: nx.MultiDiGraph) -> dict[str, str]:
    """Place node -> actor node, for each country that is both: a place whose feature is ``country``
    and an actor of type ``country`` with the same country code (of several such actors, the one of
    the same name, else the first by id)."""
    actors: dict[str, list[str]] = defaultdict(list)
    for n, d in G.nodes(data=True):
        if d.get("kind") == Kind.ACTOR.value and d.get("type") == "country" and plain(d.get("country")):
            actors[plain(d.get("country"))].append(n)
    pairs: dict[str, str] = {}
    taken: set[str] = set()
    for n, d in sorted(G.nodes(data=True), key=lambda x: str(x[0])):
        if d.get("kind") != Kind.PLACE.value or d.get("feature") != "country":
            continue
        cands = sorted((a for a in actors.get(plain(d.get("country")), []) if a not in taken), key=str)
        if not cands:
            continue
        same = [a for a in cands if _name(G, a).casefold() == _name(G, n).casefold()]
        pairs[n] = (same or cands)[0]
        taken.add(pairs[n])
    return pairs


def _page_graph(G: nx.MultiDiGraph) -> tuple[nx.MultiDiGraph, int]:
    """The graph as the page shows it: a country that is both an actor and a place is one node, the
    actor's, with the place's links (an event's ``place`` link goes to it) and the place's attributes
    under ALSO_PLACE. The exports keep both nodes; only the page joins them. (graph, places joined)"""
    pairs = _country_pairs(G)
    if not pairs:
        return G, 0
    V = nx.MultiDiGraph()
    V.graph.update(G.graph)
    V.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True) if n not in pairs)
    for p, a in pairs.items():
        V.nodes[a][ALSO_PLACE] = dict(G.nodes[p])
    for u, v, k, d in G.edges(keys=True, data=True):
        V.add_edge(pairs.get(u, u), pairs.get(v, v), key=k, **d)
    return V, len(pairs)


# ----------------------------------------------------------------------------- selection

def _select(G: nx.MultiDiGraph, max_nodes: int) -> tuple[list[str], int]:
    """Nodes to show, sorted; and how many top actors a truncated view is built from (0: all)."""
    ids = sorted(G.nodes, key=str)
    if len(ids) <= max_nodes:
        return ids, 0
    deg = dict(G.degree())
    actors = sorted((n for n in ids if G.nodes[n].get("kind") == Kind.ACTOR.value), key=lambda n: (-deg[n], str(n)))
    chosen: dict = {}
    n_actors = 0
    for a in actors:
        if len(chosen) >= max_nodes:
            break
        chosen[a] = True
        n_actors += 1
        events = {x for x in nx.all_neighbors(G, a) if G.nodes[x].get("kind") == Kind.EVENT.value}
        for e in sorted(events, key=lambda x: (-deg[x], str(x))):
            if len(chosen) >= max_nodes:
                break
            chosen[e] = True
    if not chosen:  # no actors at all: the best connected nodes
        for n in sorted(ids, key=lambda n: (-deg[n], str(n)))[:max_nodes]:
            chosen[n] = True
    return sorted(chosen, key=str), n_actors


# ----------------------------------------------------------------------------- assets

@lru_cache(maxsize=None)
def _vis_js() -> str:
    return inline_script(asset("pyvis", f"{_VIS_DIR}/vis-network.min.js"), "vis-network.min.js")


@lru_cache(maxsize=None)
def _vis_css() -> str:
    return inline_style(asset("pyvis", f"{_VIS_DIR}/vis-network.css"), "vis-network.css")


@lru_cache(maxsize=None)
def _app_js() -> str:
    return inline_script(asset("graph", "data/html_app.js"), "html_app.js")


@lru_cache(maxsize=None)
def _app_css() -> str:
    return inline_style(asset("graph", "data/html_app.css"), "html_app.css")


# ----------------------------------------------------------------------------- page

def _options(n_nodes: int) -> dict:
    """vis-network options. Large graphs: a coarser force approximation and a short stabilization in
    small batches (the page stays responsive), after which the page code turns physics off."""
    large = n_nodes > PHYSICS_OFF_ABOVE
    iterations = STABILIZATION_SMALL if not large else STABILIZATION_LARGE if n_nodes <= 800 else 100
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 150},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.01, "springLength": 110,
                                 "springConstant": 0.06, "damping": 0.5, "avoidOverlap": 0.2,
                                 "theta": 0.9 if large else 0.5},
            "maxVelocity": 60,
            "minVelocity": 0.75,
            "timestep": 0.5,
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 10 if large else 25,
                              "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "multiselect": True, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "navigationButtons": False, "keyboard": False},
        # labels are measured at any zoom until the page has pushed overlapping nodes apart (html_app.js
        # then sets vis' usual threshold, 5 px, back)
        "nodes": {"font": {"size": FONT_SIZE, "face": "sans-serif"}, "borderWidth": 1,
                  "scaling": {"label": {"drawThreshold": 0}}},
        "edges": {"smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "width": 1,
                  "selectionWidth": 2, "hoverWidth": 0.5},
    }


LINKS_MEANING = ("A link joins two nodes by one relation; an event reported in several sentences of one "
                 "article is one link, its tooltip gives the count.")


def _links(G: nx.MultiDiGraph, keep: set[str] | None = None) -> dict[tuple[str, str, str], list[dict]]:
    """The links of the page: one per two nodes and relation, holding its graph edges (an event
    reported in several sentences of one article is one link, with the count in its tooltip).
    Every count on the page (the header, the banner, the status line) counts these."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for u, v, k, d in G.edges(keys=True, data=True):
        if keep is None or (u in keep and v in keep):
            groups[(plain(u), plain(v), _relation(k, d))].append(d | {"_key": plain(k)})
    return groups


def _network(G: nx.MultiDiGraph, shown: list[str], *, year: bool = True):
    """The pyvis network of the shown nodes: (nodes, edges) as vis-network records, sorted. ``year``:
    event labels give the year of a day ("22 Dec 2016"; without, "22 Dec")."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    keep = set(shown)
    orig = {plain(n): n for n in shown}
    deg = dict(G.degree(shown))
    for n in shown:
        d = G.nodes[n]
        kind = plain(d.get("kind"))
        shape, color, _ = KIND_STYLE.get(kind, OTHER_STYLE)
        extra: dict = {"kind": kind if kind in KIND_STYLE else "other"}
        size = 14
        if kind == Kind.ACTOR.value:
            atype = plain(d.get("type"))
            color = ACTOR_COLORS.get(atype, ACTOR_COLORS["other"])
            size = round(10 + min(22.0, 3.0 * math.sqrt(deg[n])), 1)
            extra["names"] = [plain(x) for x in [d.get("name") or d.get("label") or n, *_as_list(d.get("aliases"))]]
            if d.get(ALSO_PLACE):  # a country that is also a place: the place's colour as a thick border
                place = d[ALSO_PLACE]
                extra["roles"] = [Kind.ACTOR.value, Kind.PLACE.value]
                extra["names"] += [plain(x) for x in _as_list(place.get("aliases")) if plain(x) not in extra["names"]]
                color = {"background": color, "border": KIND_STYLE[Kind.PLACE.value][1],
                         "highlight": {"background": color, "border": KIND_STYLE[Kind.PLACE.value][1]}}
                extra["borderWidth"] = 4
        elif kind == Kind.EVENT.value:
            size = 16
            color = TYPE_COLORS.get(plain(d.get("event_type")), color)
            extra.update(etype=plain(d.get("event_type")), ds=plain(d.get("date_start")), de=plain(d.get("date_end")))
        elif kind == Kind.PLACE.value:
            size = 13
        elif kind == Kind.ARTICLE.value:
            size = 10
            if plain(d.get("status")) == "error":
                color = "#d0d0d0"
                extra["shapeProperties"] = {"borderDashes": [4, 3]}
        elif kind == Kind.STATEMENT.value:
            extra["widthConstraint"] = {"maximum": 180}
        tip = TIPS.get(kind, _other_tip)(G, n, d)
        net.add_node(plain(n), label=_label(G, n, d, year=year) or " ", shape=shape, color=color, title=tip, size=size, **extra)

    groups = _links(G, keep)
    edges = []
    for i, ((u, v, rel), ds) in enumerate(sorted(groups.items())):
        ds.sort(key=lambda d: d["_key"])
        rows: list[tuple[str, object]] = [("From", _short(_name(G, orig[u]), 80)),
                                          ("To", _short(_name(G, orig[v]), 80))]
        if len(ds) > 1:
            rows.append(("Count", len(ds)))
        quote = ""
        if rel == Rel.MENTIONED_IN.value:
            rows.append(("Triggers", sorted({plain(d.get("trigger")) for d in ds if d.get("trigger")})))
            rows.append(("Dates", sorted({plain(d.get("date")) for d in ds if d.get("date")})))
            quote = next((d.get("sentence") for d in ds if d.get("sentence")), "")
        opts = {"id": f"e{i}", "relation": rel, "color": REL_COLORS.get(rel, OTHER_REL_COLOR),
                "title": _tip(rel.replace("_", " "), rows, quote=quote)}
        if len(ds) > 1:
            opts["width"] = round(min(5.0, 1 + math.log2(len(ds))), 2)
        if rel == Rel.BEFORE.value:
            opts["dashes"] = True
        edges.append(Edge(u, v, directed=True, **opts).options)  # pyvis' edge record (add_edge is O(nodes) each)
    net.edges = edges
    nodes, edges, *_ = net.get_network_data()
    return sorted(nodes, key=lambda d: d["id"]), edges


def _legend(kind_counts: Counter, actor_types: Counter, rel_counts: Counter, event_types: Counter | None = None,
            joined: int = 0) -> str:
    def swatch(shape: str, color: str) -> str:
        c = escape(color)
        body = {
            "diamond": f'<polygon points="7,1 13,7 7,13 1,7" fill="{c}"/>',
            "dot": f'<circle cx="7" cy="7" r="6" fill="{c}"/>',
            "triangle": f'<polygon points="7,1 13,13 1,13" fill="{c}"/>',
            "box": f'<rect x="1" y="3" width="12" height="8" rx="2" fill="{c}"/>',
            "square": f'<rect x="2" y="2" width="10" height="10" fill="{c}"/>',
        }.get(shape, f'<ellipse cx="7" cy="7" rx="6" ry="4" fill="{c}"/>')
        return f'<svg class="sw" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">{body}</svg>'

    kinds = [k for k in KIND_ORDER] + sorted(k for k in kind_counts if k not in KIND_STYLE)
    out = ['<div id="legend" class="panel"><h2>Legend</h2><div class="legend-kinds">']
    for k in kinds:
        shape, color, name = KIND_STYLE.get(k, OTHER_STYLE)
        out.append(f'<label class="li"><input type="checkbox" class="kind-cb" value="{escape(k)}" checked> '
                   f'{swatch(shape, color)} {escape(name)} <span class="n">({kind_counts.get(k, 0)})</span></label>')
    out.append('</div><div class="legend-sub"><span class="sub-h">Events by type (PLOVER):</span>')
    for t in sorted(event_types or {}):
        color = TYPE_COLORS.get(t, KIND_STYLE[Kind.EVENT.value][1])
        out.append(f'<span class="li">{swatch("diamond", color)} {escape(t or "unknown")} '
                   f'<span class="n">({(event_types or {})[t]})</span></span>')
    out.append('</div><div class="legend-sub"><span class="sub-h">Actors by type:</span>')
    for t in sorted(actor_types, key=lambda t: (t not in ACTOR_COLORS, t)):
        color = ACTOR_COLORS.get(t, ACTOR_COLORS["other"])
        out.append(f'<span class="li">{swatch("dot", color)} {escape(t or "unknown")} '
                   f'<span class="n">({actor_types[t]})</span></span>')
    if joined:
        ring = (f'<svg class="sw" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><circle cx="7" '
                f'cy="7" r="5" fill="{escape(ACTOR_COLORS["country"])}" stroke="{escape(KIND_STYLE["place"][1])}" '
                f'stroke-width="3"/></svg>')
        out.append(f'<span class="li" id="legend-both">{ring} country as actor and place, one node '
                   f'<span class="n">({joined})</span></span>')
    out.append('</div><div class="legend-sub"><span class="sub-h">Links:</span>')
    for r in sorted(rel_counts, key=lambda r: (REL_ORDER.index(r) if r in REL_ORDER else len(REL_ORDER), r)):
        color = REL_COLORS.get(r, OTHER_REL_COLOR)
        out.append(f'<label class="li"><input type="checkbox" class="rel-cb" value="{escape(r)}" checked> '
                   f'<svg class="sw" width="18" height="8" aria-hidden="true"><line x1="0" y1="4" x2="18" y2="4" '
                   f'stroke="{escape(color)}" stroke-width="3"/></svg> {escape(r.replace("_", " "))} '
                   f'<span class="n">({rel_counts[r]})</span></label>')
    out.append("</div></div>")
    return "".join(out)


def generate_html(G: nx.MultiDiGraph, *, title: str = "ctkg graph", max_nodes: int = 1500) -> str:
    """One self-contained, offline HTML page showing ``G`` (at most ``max_nodes`` nodes of it)."""
    if max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    G, joined = _page_graph(G)  # a country that is an actor and a place: one node
    shown, n_top = _select(G, max_nodes)
    years = {plain(G.nodes[n].get(k))[:4] for n in shown if G.nodes[n].get("kind") == Kind.EVENT.value
             for k in ("date_start", "date_end") if plain(G.nodes[n].get(k))}
    nodes, edges = _network(G, shown, year=len(years) > 1)
    # links, not graph edges: what is drawn and what the side panel counts (see _links)
    total_nodes, total_links, shown_links = G.number_of_nodes(), len(_links(G)), len(edges)
    truncated = len(shown) < total_nodes
    joined_shown = sum(1 for n in nodes if n.get("roles"))

    kind_counts = Counter(n["kind"] for n in nodes)
    actor_types = Counter(plain(G.nodes[n].get("type")) for n in shown if G.nodes[n].get("kind") == Kind.ACTOR.value)
    rel_counts = Counter(e["relation"] for e in edges)
    event_types = Counter(n["etype"] for n in nodes if n["kind"] == Kind.EVENT.value)
    dates = sorted(x for n in nodes if n["kind"] == Kind.EVENT.value for x in (n["ds"], n["de"]) if x)
    large = len(nodes) > PHYSICS_OFF_ABOVE
    meta = {
        "title": plain(title),
        "total_nodes": total_nodes, "total_links": total_links,
        "shown_nodes": len(nodes), "shown_links": shown_links, "truncated": truncated, "top_actors": n_top,
        "physics_off_after_stabilization": True, "bounded_layout": large, "actor_and_place": joined_shown,
        "readable_px": READABLE_PX,
        "event_types": [[t, event_types[t]] for t in sorted(event_types)],
        "date_min": dates[0] if dates else "", "date_max": dates[-1] if dates else "",
    }
    payload = json_for_script({"meta": meta, "nodes": nodes, "edges": edges, "options": _options(len(nodes))})

    if truncated:
        what = (f"the {n_top} actors with the most links and their events" if n_top
                else "the nodes with the most links")
        banner = (f'<div id="banner" class="banner" role="status"><b>Large graph:</b> showing {len(nodes)} of '
                  f'{total_nodes} nodes and {shown_links} of {total_links} links ({escape(what)}, at most '
                  f'{max_nodes} nodes). The CSV, JSON and Turtle exports hold the whole graph.</div>')
    else:
        banner = ""
    t = escape(title)
    return "".join([
        head("graph.html", t),
        f"<style>\n{_vis_css()}\n</style>\n<style>\n{_app_css()}\n</style>\n",
        "</head>\n<body>\n",
        f'<header><h1>{t}</h1><span id="counts" title="{LINKS_MEANING}">{len(nodes)} nodes, {shown_links} links'
        f'{" shown" if truncated else ""}</span></header>\n',
        banner, "\n" if banner else "",
        '<div id="main">\n<aside id="side">\n',
        '<div id="filters" class="panel"><h2>Filters</h2>\n',
        '<label class="row">Event type <select id="f-etype"><option value="">all types</option></select></label>\n',
        '<label class="row">Actor <input id="f-actor" type="search" placeholder="name or alias" '
        'autocomplete="off" spellcheck="false"></label>\n',
        '<div class="row">Events from <input id="f-from" type="date"> to <input id="f-to" type="date"></div>\n',
        '<label class="row"><input id="f-orphans" type="checkbox"> hide nodes left without links</label>\n',
        '<div class="row"><button id="b-reset" type="button">Reset</button> '
        '<button id="b-fit" type="button">Fit</button> '
        '<button id="b-physics" type="button">Physics</button></div>\n',
        '<div id="status" class="row" aria-live="polite"></div>\n',
        '<p class="hint">Kinds and links: tick them in the legend. The actor box keeps matching actors, '
        'their events and statements and what those link to. Undated events are hidden while a date '
        f'range is set. {LINKS_MEANING} A country that is both an actor and a place is one node, ringed in '
        'the place colour. The first view zooms in until labels are readable: Fit shows the whole graph.</p>\n'
        '</div>\n',
        _legend(kind_counts, actor_types, rel_counts, event_types, joined_shown), "\n",
        '<div id="details" class="panel"><h2>Details</h2><div id="details-body">'
        'Click a node or link.</div></div>\n',
        '</aside>\n<div id="network" role="img" aria-label="graph"></div>\n</div>\n',
        '<noscript><p class="banner">This page needs JavaScript to draw the graph.</p></noscript>\n',
        f'<script type="application/json" id="ctkg-data">{payload}</script>\n',
        f"<script>\n{_vis_js()}\n</script>\n",
        f"<script>\n{_app_js()}\n</script>\n",
        "</body>\n</html>\n",
    ])


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike, **kw) -> Path:
    """Write :func:`generate_html` to ``path`` atomically: a temp file in the same folder, then os.replace."""
    path = Path(path)
    text = generate_html(G, **kw)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.chmod(tmp, mode)
        except OSError:  # pragma: no cover - file systems without modes
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path
