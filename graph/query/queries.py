"""Analyst questions as plain functions over the graph, in the manner of NetworkX.

A build's graph is loaded with ``G = load_graph("exports")`` (its ``graph.json``). The
examples here use a graph of one event, made by hand:

>>> import networkx as nx
>>> from graph.query.queries import find_node, timeline, who_did_what
>>> G = nx.MultiDiGraph()
>>> G.add_node("actor:saa", kind="actor", actor_id="saa", name="Syrian Army", aliases=["SAA"])
>>> G.add_node("actor:rebels", kind="actor", actor_id="rebels", name="rebels", aliases=[])
>>> G.add_node("event:e1", kind="event", event_id="e1", event_type="ASSAULT", label="Syrian Army shelled rebels",
...            date="2016-12-15", date_start="2016-12-15", date_end="2016-12-15", date_precision="day")
>>> _ = G.add_edge("event:e1", "actor:saa", key="agent", relation="agent")
>>> _ = G.add_edge("event:e1", "actor:rebels", key="target", relation="target")
>>> find_node(G, "saa", "actor")
'actor:saa'
>>> [e["label"] for e in timeline(G, actor="Syrian Army")]
['Syrian Army shelled rebels']
>>> [(r["agent"], r["event_type"], r["target"]) for r in who_did_what(G, start="2016-12-01", end="2016-12-31")]
[('Syrian Army', 'ASSAULT', 'rebels')]
>>> timeline(G, start="2017-01-01")
[]

Actors and places are given by id, node id, name or alias (case-insensitive).
Dates are ISO strings or ``datetime.date``; an event is in a range when its interval
overlaps it. Results are lists of plain dicts, ready for ``pandas.DataFrame``.
"""
from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import networkx as nx

from graph.core.errors import CtkgError
from graph.core.schema import Kind, Rel, node_id


def load_graph(path: str | Path) -> nx.MultiDiGraph:
    """The graph of a build, from its node-link ``graph.json`` (or the folder holding it)."""
    p = Path(path)
    if p.is_dir():
        p = p / "graph.json"
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CtkgError(f"{p}: cannot load the graph ({exc}); run `ctkg build` first") from exc
    # "edges" since 2026-12; builds before it listed them under "links" only
    edges = "edges" if isinstance(data, dict) and "edges" in data else "links"
    return nx.node_link_graph(data, directed=True, multigraph=True, edges=edges)


def _d(x) -> date | None:
    if x in (None, ""):
        return None
    return x if isinstance(x, date) else date.fromisoformat(str(x)[:10])


def find_node(G: nx.MultiDiGraph, name: str, kind: Kind | str) -> str:
    """The node id of an actor or place given by id, name or alias."""
    kind = Kind(kind)
    if name in G and G.nodes[name].get("kind") == kind.value:
        return name
    want = name.casefold().strip()
    for n, d in sorted(G.nodes(data=True)):
        if d.get("kind") != kind.value:
            continue
        names = [d.get("name", ""), d.get(f"{kind.value}_id", "")] + list(d.get("aliases", []))
        if any(want == str(x).casefold() for x in names):
            return n
    raise CtkgError(f"no {kind.value} called {name!r} in the graph")


def _rel(G, n, rel: Rel) -> list[str]:
    return sorted({v for _, v, d in G.out_edges(n, data=True) if d.get("relation") == rel.value})


def event_record(G: nx.MultiDiGraph, n: str) -> dict:
    d = G.nodes[n]
    place = _rel(G, n, Rel.PLACE)
    return {
        "event_id": d["event_id"], "date": d.get("date", ""), "date_start": d.get("date_start", ""),
        "date_end": d.get("date_end", ""), "date_precision": d.get("date_precision", "unknown"),
        "event_type": d["event_type"], "mode": d.get("mode", ""), "label": d.get("label", ""),
        "agents": [G.nodes[v]["name"] for v in _rel(G, n, Rel.AGENT)],
        "targets": [G.nodes[v]["name"] for v in _rel(G, n, Rel.TARGET)],
        "place": G.nodes[place[0]]["name"] if place else "",
        "articles": list(d.get("articles", [])), "modality": d.get("modality", "asserted"),
        "evidence": d.get("evidence", ""),
    }


def _in_range(d: dict, start: date | None, end: date | None) -> bool:
    s, e = _d(d.get("date_start")), _d(d.get("date_end"))
    if start is None and end is None:
        return True
    if s is None or e is None:
        return False
    return (start is None or e >= start) and (end is None or s <= end)


def events(G: nx.MultiDiGraph, *, actor: str | None = None, place: str | None = None, start=None, end=None,
           event_type: str | None = None, role: str | None = None) -> list[str]:
    """Event node ids matching every given filter (role: "agent", "target" or None for both)."""
    a = find_node(G, actor, Kind.ACTOR) if actor else None
    p = find_node(G, place, Kind.PLACE) if place else None
    s, e = _d(start), _d(end)
    rels = {Rel.AGENT.value, Rel.TARGET.value} if role is None else {Rel(role).value}
    out = []
    for n, d in G.nodes(data=True):
        if d.get("kind") != Kind.EVENT.value:
            continue
        if event_type and d.get("event_type") != event_type.upper():
            continue
        if a and not any(v == a and x.get("relation") in rels for _, v, x in G.out_edges(n, data=True)):
            continue
        if p and p not in _rel(G, n, Rel.PLACE):
            continue
        if not _in_range(d, s, e):
            continue
        out.append(n)
    return out


def timeline(G: nx.MultiDiGraph, *, actor: str | None = None, place: str | None = None, start=None, end=None,
             event_type: str | None = None) -> list[dict]:
    """Events in time order (undated last), each with its date precision; the filters are
    those of :func:`events` (see the module's examples)."""
    recs = [event_record(G, n) for n in events(G, actor=actor, place=place, start=start, end=end,
                                               event_type=event_type)]
    return sorted(recs, key=lambda r: (r["date_start"] or "9999", r["date_end"] or "9999", r["event_id"]))


def who_did_what(G: nx.MultiDiGraph, *, start=None, end=None, event_type: str | None = None) -> list[dict]:
    """(agent, event type, target, date, place) rows for events with an agent, in time order."""
    rows = []
    for r in timeline(G, start=start, end=end, event_type=event_type):
        for a in r["agents"]:
            for t in r["targets"] or [""]:
                rows.append({"agent": a, "event_type": r["event_type"], "mode": r["mode"], "target": t,
                             "date": r["date"], "date_start": r["date_start"], "date_end": r["date_end"],
                             "place": r["place"], "event_id": r["event_id"]})
    return rows


def statements_by(G: nx.MultiDiGraph, actor: str) -> list[dict]:
    """What an actor said, in time order."""
    a = find_node(G, actor, Kind.ACTOR)
    out = []
    for n, _, d in G.in_edges(a, data=True):
        if d.get("relation") == Rel.SPEAKER.value:
            s = G.nodes[n]
            out.append({"statement_id": s["statement_id"], "speaker": G.nodes[a]["name"], "text": s["text"],
                        "kind": s.get("kind_of", ""), "date": s.get("date", ""), "date_start": s.get("date_start", ""),
                        "date_end": s.get("date_end", ""), "article": s["article"], "medium": s.get("medium", ""),
                        "articles": s.get("articles") or [s["article"]]})
    return sorted(out, key=lambda r: (r["date_start"] or "9999", r["article"], r["statement_id"]))


def statements_about(G: nx.MultiDiGraph, event_id: str) -> list[dict]:
    """Statements linked to an event (by event id or node id)."""
    n = event_id if event_id in G else f"{Kind.EVENT.value}:{event_id}"
    if n not in G:
        raise CtkgError(f"no event {event_id!r} in the graph")
    out = []
    for s, _, d in G.in_edges(n, data=True):
        if d.get("relation") == Rel.ABOUT.value:
            sd = G.nodes[s]
            out.append({"statement_id": sd["statement_id"], "speaker": sd.get("speaker_name", ""),
                        "text": sd["text"], "date": sd.get("date", ""), "article": sd["article"],
                        "articles": sd.get("articles") or [sd["article"]]})
    return sorted(out, key=lambda r: r["statement_id"])


def actor_network(G: nx.MultiDiGraph, *, min_events: int = 1) -> nx.Graph:
    """Actors linked when they take part in the same event; edge weight = shared events."""
    H = nx.Graph()
    for n, d in G.nodes(data=True):
        if d.get("kind") != Kind.EVENT.value:
            continue
        actors = sorted(set(_rel(G, n, Rel.AGENT)) | set(_rel(G, n, Rel.TARGET)))
        for a in actors:
            H.add_node(a, name=G.nodes[a]["name"], type=G.nodes[a].get("type", ""))
        for i, a in enumerate(actors):
            for b in actors[i + 1:]:
                w = H.get_edge_data(a, b, {}).get("weight", 0) + 1
                H.add_edge(a, b, weight=w)
    drop = [(a, b) for a, b, w in H.edges(data="weight") if w < min_events]
    H.remove_edges_from(drop)
    return H


def multi_source_events(G: nx.MultiDiGraph, *, min_articles: int = 2) -> list[dict]:
    """Events reported by at least ``min_articles`` articles, most reported first."""
    recs = [event_record(G, n) for n, d in G.nodes(data=True)
            if d.get("kind") == Kind.EVENT.value and len(d.get("articles", [])) >= min_articles]
    return sorted(recs, key=lambda r: (-len(r["articles"]), r["date_start"] or "9999", r["event_id"]))


def top_actors(G: nx.MultiDiGraph, n: int = 10) -> list[tuple[str, int]]:
    """Actors by the number of events they take part in."""
    c: Counter = Counter()
    for e, d in G.nodes(data=True):
        if d.get("kind") == Kind.EVENT.value:
            for a in set(_rel(G, e, Rel.AGENT)) | set(_rel(G, e, Rel.TARGET)):
                c[G.nodes[a]["name"]] += 1
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def temporal_relation(G: nx.MultiDiGraph, a: str, b: str) -> str:
    """How event ``a`` lies in time against event ``b`` (event ids or node ids), from their
    closed date intervals: ``before`` (a ends before b starts), ``after``, ``overlap``, or
    ``unknown`` when either date is unknown. Computed on demand, not stored as edges."""
    ia, ib = (_interval(G, x) for x in (a, b))
    if ia is None or ib is None:
        return "unknown"
    if ia[1] < ib[0]:
        return "before"
    if ib[1] < ia[0]:
        return "after"
    return "overlap"


def _interval(G: nx.MultiDiGraph, e: str) -> tuple[date, date] | None:
    n = e if e in G else node_id(Kind.EVENT, e)
    if n not in G or G.nodes[n].get("kind") != Kind.EVENT.value:
        raise CtkgError(f"{e!r} is not an event of this graph; use an event_id from events.csv")
    s, t = _d(G.nodes[n].get("date_start")), _d(G.nodes[n].get("date_end"))
    return (s, t) if s and t else None
