"""The tables of a build: the CSV files and the node-link JSON (columns in CONTRACT.md).

Each table has ``generate_<name>(G) -> str`` and ``write_<name>(G, path)``; the registry
(:mod:`graph.export.registry`) finds them by file name (``events.csv``, ``graph.json``...).
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import networkx as nx

from graph.core.files import write_text_atomic
from graph.core.schema import Kind, Rel

EVENT_COLUMNS = ["event_id", "date", "date_start", "date_end", "date_precision", "event_type", "label", "agents",
                 "targets", "place", "latitude", "longitude", "articles", "mode", "cameo", "modality", "killed",
                 "injured", "displaced", "sources", "n_mentions", "merge_reason", "not_after"]
MENTION_COLUMNS = ["event_id", "article", "sentence", "char_start", "char_end", "trigger", "trigger_start",
                   "trigger_end", "modality", "date", "date_start", "date_end", "time_text"]
STATEMENT_COLUMNS = ["statement_id", "speaker", "article", "kind", "text", "char_start", "char_end", "date",
                     "date_start", "date_end", "date_precision", "about_events", "medium", "articles", "cue"]
TIMEX_COLUMNS = ["article", "text", "char_start", "char_end", "type", "value", "date_start", "date_end",
                 "precision"]
ACTOR_COLUMNS = ["actor_id", "name", "type", "country", "affiliation", "aliases", "articles"]
PLACE_COLUMNS = ["place_id", "name", "country", "latitude", "longitude", "aliases", "articles", "geonameid"]
ARTICLE_COLUMNS = ["article_id", "title", "publisher", "published", "path", "status", "error", "n_events",
                   "n_statements", "published_source"]


def _join(items) -> str:
    return ";".join(str(x).replace(";", ",") for x in items)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _cell(v) -> str:
    """A CSV cell: control characters (NUL, escape...) and lone surrogates become spaces,
    one for one, so text keeps its length and offsets, and every CSV reader can read it."""
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.5f}".rstrip("0").rstrip(".")
    if isinstance(v, (list, tuple)):
        return _CONTROL.sub(" ", _join(v))
    return _CONTROL.sub(" ", str(v))


PIECE = 1 << 16  # characters of text a streamed table gathers before handing it on


def _csv_pieces(columns: list[str], rows: Iterable[dict], piece: int = PIECE) -> Iterator[str]:
    """CSV with "\n" line ends, in pieces of about ``piece`` characters as the rows are written
    (a large table is never held whole). The csv module only quotes a cell for the line
    terminator's own characters, so a row with a bare "\r" in a cell (old Mac line ends in an
    article) has every cell quoted: otherwise a reader would end the row there."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    w.writerow(columns)
    for r in rows:
        cells = [_cell(r.get(k)) for k in columns]
        (quoted if any("\r" in c for c in cells) else w).writerow(cells)
        if buf.tell() >= piece:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _csv(columns: list[str], rows: Iterable[dict]) -> str:
    return "".join(_csv_pieces(columns, rows))


def nodes_of(G: nx.MultiDiGraph, kind: Kind) -> list[tuple[str, dict]]:
    return sorted(((n, d) for n, d in G.nodes(data=True) if d.get("kind") == kind.value), key=lambda x: x[0])


def out_edges(G: nx.MultiDiGraph, n: str, rel: Rel) -> list[tuple[str, dict]]:
    return sorted(((v, d) for _, v, d in G.out_edges(n, data=True) if d.get("relation") == rel.value),
                  key=lambda x: (x[0], x[1].get("trigger_start", 0)))


def iter_events_csv(G: nx.MultiDiGraph) -> Iterator[str]:
    rows = []
    for n, d in nodes_of(G, Kind.EVENT):
        agents = [G.nodes[v]["name"] for v, _ in out_edges(G, n, Rel.AGENT)]
        targets = [G.nodes[v]["name"] for v, _ in out_edges(G, n, Rel.TARGET)]
        places = [G.nodes[v] for v, _ in out_edges(G, n, Rel.PLACE)]
        sources = [G.nodes[v]["name"] for v, _ in out_edges(G, n, Rel.SOURCE)]
        mentions = out_edges(G, n, Rel.MENTIONED_IN)
        p = places[0] if places else {}
        rows.append({**d, "agents": agents, "targets": targets, "place": p.get("name", ""),
                     "latitude": p.get("latitude"), "longitude": p.get("longitude"), "sources": sorted(set(sources)),
                     "articles": d.get("articles", []), "n_mentions": len(mentions)})
    rows.sort(key=lambda r: (r.get("date_start") or "9999", r["event_id"]))
    yield from _csv_pieces(EVENT_COLUMNS, rows)


def iter_mentions_csv(G: nx.MultiDiGraph) -> Iterator[str]:
    rows = []
    for n, d in nodes_of(G, Kind.EVENT):
        for v, e in out_edges(G, n, Rel.MENTIONED_IN):
            rows.append({**e, "event_id": d["event_id"], "article": G.nodes[v]["article_id"]})
    rows.sort(key=lambda r: (r["article"], int(r["trigger_start"]), r["event_id"]))
    yield from _csv_pieces(MENTION_COLUMNS, rows)


def iter_statements_csv(G: nx.MultiDiGraph) -> Iterator[str]:
    """One row per report of a statement in an article, as mentions.csv is for events: a statement
    merged across articles keeps one ``statement_id`` on each of its rows, each row with that
    article's words, offsets and date, and ``articles`` lists every article that reports it."""
    rows = []
    for n, d in nodes_of(G, Kind.STATEMENT):
        about = sorted({G.nodes[v]["event_id"] for v, _ in out_edges(G, n, Rel.ABOUT)})
        base = {**d, "kind": d.get("kind_of", ""), "speaker": d.get("speaker_name", ""), "about_events": about,
                "articles": d.get("articles") or [d["article"]]}
        reports = [(G.nodes[v]["article_id"], e) for v, e in out_edges(G, n, Rel.STATED_IN) if "char_start" in e]
        if not reports:
            rows.append(base)
        for article, e in reports:
            rows.append({**base, "article": article, "text": e.get("text", d.get("text", "")),
                         **{k: e.get(k, "") for k in ("char_start", "char_end", "date", "date_start", "date_end",
                                                      "date_precision")}})
    rows.sort(key=lambda r: (r["article"], int(r["char_start"]), r["statement_id"]))
    yield from _csv_pieces(STATEMENT_COLUMNS, rows)


def iter_timexes_csv(G: nx.MultiDiGraph) -> Iterator[str]:
    rows = list(G.graph.get("timexes", []))
    rows.sort(key=lambda r: (r["article"], int(r["char_start"]), int(r["char_end"])))
    yield from _csv_pieces(TIMEX_COLUMNS, rows)


def iter_actors_csv(G: nx.MultiDiGraph) -> Iterator[str]:
    rows = []
    for n, d in nodes_of(G, Kind.ACTOR):
        aff = [G.nodes[v]["name"] for v, _ in out_edges(G, n, Rel.AFFILIATION)]
        rows.append({**d, "affiliation": aff[0] if aff else ""})
    yield from _csv_pieces(ACTOR_COLUMNS, rows)


def iter_places_csv(G: nx.MultiDiGraph) -> Iterator[str]:
    yield from _csv_pieces(PLACE_COLUMNS, [d for _, d in nodes_of(G, Kind.PLACE)])


def iter_articles_csv(G: nx.MultiDiGraph) -> Iterator[str]:
    yield from _csv_pieces(ARTICLE_COLUMNS, [d for _, d in nodes_of(G, Kind.ARTICLE)])


# --- each table whole ------------------------------------------------------------------

def generate_events_csv(G: nx.MultiDiGraph) -> str:
    return "".join(iter_events_csv(G))


def generate_mentions_csv(G: nx.MultiDiGraph) -> str:
    return "".join(iter_mentions_csv(G))


def generate_statements_csv(G: nx.MultiDiGraph) -> str:
    return "".join(iter_statements_csv(G))


def generate_timexes_csv(G: nx.MultiDiGraph) -> str:
    return "".join(iter_timexes_csv(G))


def generate_actors_csv(G: nx.MultiDiGraph) -> str:
    return "".join(iter_actors_csv(G))


def generate_places_csv(G: nx.MultiDiGraph) -> str:
    return "".join(iter_places_csv(G))


def generate_articles_csv(G: nx.MultiDiGraph) -> str:
    return "".join(iter_articles_csv(G))


def generate_json(G: nx.MultiDiGraph) -> str:
    """Node-link JSON (networkx.node_link_data) for notebooks and other tools.

    The edges are listed under ``edges``, where ``networkx.node_link_graph(data)`` looks in
    networkx 3.6 and later, and the same list under ``links``, where it looks by default in
    networkx 3.5 and earlier and where builds before 2026-12 put it: every networkx 3 reads the
    file with its default arguments, and code written for the older files keeps working."""
    return "".join(iter_json(G))


def iter_json(G: nx.MultiDiGraph, *, piece: int = 1 << 16) -> Iterator[str]:
    """The text of :func:`generate_json` in pieces of about ``piece`` characters, as they are
    encoded: a large graph's file is written without ever being held whole, nor a copy of its
    attributes (each node's and edge's record of ``networkx.node_link_data`` is made as it is
    written, and dropped)."""
    multigraph = G.is_multigraph()
    edges = list(G.edges(keys=True)) if multigraph else [(u, v, None) for u, v in G.edges()]
    # (stable: node_link_data's list, sorted by source, target and the record's "key")
    edges.sort(key=lambda e: (e[0], e[1], str(e[2] if multigraph else G[e[0]][e[1]].get("key"))))
    nodes = sorted(G)

    def node_records() -> Iterator[dict]:
        for n in nodes:
            yield {**G.nodes[n], "id": n}

    def edge_records() -> Iterator[dict]:
        for u, v, k in edges:
            if multigraph:
                yield {**G[u][v][k], "source": u, "target": v, "key": k}
            else:
                yield {**G[u][v], "source": u, "target": v}

    data = {"directed": G.is_directed(), "multigraph": multigraph,
            "graph": {k: v for k, v in G.graph.items() if k != "timexes"},
            "nodes": _Records(len(nodes), node_records), "edges": _Records(len(edges), edge_records),
            "links": _Records(len(edges), edge_records)}
    buf: list[str] = []
    size = 0
    for chunk in _indented_pieces(data):
        buf.append(chunk)
        size += len(chunk)
        if size >= piece:
            yield "".join(buf)
            buf, size = [], 0
    buf.append("\n")
    yield "".join(buf)


@dataclass(frozen=True)
class _Records:
    """A list :func:`_indented_pieces` writes item by item, made as it is written."""

    size: int
    make: Callable[[], Iterable]


# -- JSON with indent=1 and sorted keys, fast -------------------------------------------------
# The text of json.JSONEncoder(ensure_ascii=False, sort_keys=True, indent=1, default=str), char for
# char: with an indent, the json module uses its pure-Python encoder, a generator per value that
# yields a piece per key and separator; here each item of the top lists is one string made by
# appending to a list, strings escaped by the module's own C function.
_JSON_STR = json.encoder.encode_basestring  # (the C function when the module has it, as json uses)
_INF = float("inf")


def _json_float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return float.__repr__(o)


def _json_key(key) -> str:
    if isinstance(key, str):
        return _JSON_STR(key)
    if isinstance(key, float):
        return _JSON_STR(_json_float(key))
    if key is True:
        return '"true"'
    if key is False:
        return '"false"'
    if key is None:
        return '"null"'
    if isinstance(key, int):
        return _JSON_STR(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _json_into(o, level: int, out: list[str]) -> None:
    """Append the text of ``o`` at nesting ``level`` (see :func:`_indented_pieces`) to ``out``."""
    if isinstance(o, str):
        out.append(_JSON_STR(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(int.__repr__(o))
    elif isinstance(o, float):
        out.append(_json_float(o))
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner = "\n" + " " * (level + 1)
        sep = "," + inner
        out.append("[" + inner)
        first = True
        for v in o:
            if first:
                first = False
            else:
                out.append(sep)
            if v.__class__ is str:
                out.append(_JSON_STR(v))
            else:
                _json_into(v, level + 1, out)
        out.append("\n" + " " * level + "]")
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = "\n" + " " * (level + 1)
        sep = "," + inner
        out.append("{" + inner)
        first = True
        for key, v in sorted(o.items()):
            if first:
                first = False
            else:
                out.append(sep)
            out.append((_JSON_STR(key) if key.__class__ is str else _json_key(key)) + ": ")
            if v.__class__ is str:
                out.append(_JSON_STR(v))
            else:
                _json_into(v, level + 1, out)
        out.append("\n" + " " * level + "}")
    else:
        _json_into(str(o), level, out)  # (default=str)


def _indented_pieces(data: dict) -> Iterator[str]:
    """The text of ``data`` (a dict of lists and values) as json.JSONEncoder(ensure_ascii=False,
    sort_keys=True, indent=1, default=str).iterencode gives it, in pieces: one for each item of
    the top dict's lists, so no list is encoded whole at once (a :class:`_Records` is a list made
    item by item as it is written)."""
    if not data:
        yield "{}"
        return
    yield "{"
    for i, (key, value) in enumerate(sorted(data.items())):
        yield ("," if i else "") + "\n " + _json_key(key) + ": "
        if isinstance(value, _Records) and not value.size:
            yield "[]"
        elif isinstance(value, _Records) or (isinstance(value, (list, tuple)) and value):
            yield "[\n  "
            for j, item in enumerate(value.make() if isinstance(value, _Records) else value):
                out: list[str] = [",\n  "] if j else []
                _json_into(item, 2, out)
                yield "".join(out)
            yield "\n ]"
        else:
            out = []
            _json_into(value, 1, out)
            yield "".join(out)
    yield "\n}"


# --- writing one table -----------------------------------------------------------------

def write_events_csv(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    write_text_atomic(path, generate_events_csv(G))


def write_mentions_csv(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    write_text_atomic(path, generate_mentions_csv(G))


def write_statements_csv(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    write_text_atomic(path, generate_statements_csv(G))


def write_timexes_csv(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    write_text_atomic(path, generate_timexes_csv(G))


def write_actors_csv(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    write_text_atomic(path, generate_actors_csv(G))


def write_places_csv(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    write_text_atomic(path, generate_places_csv(G))


def write_articles_csv(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    write_text_atomic(path, generate_articles_csv(G))


def write_json(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    write_text_atomic(path, generate_json(G))
