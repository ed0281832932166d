"""The graph as GraphML and GEXF, the files Gephi, Cytoscape, yEd and igraph open.

Both are written from the NetworkX graph, node for node and edge for edge: every node with its id
and attributes, every edge with its source, target, relation and attributes, and the multigraph's
edge key as the attribute ``key`` (GraphML) or ``networkx_key`` (GEXF) (edge ids are ``e0``, ``e1``... in the order of the edges, so
they are unique, as both formats want). Attribute values take only types both formats define:

- ``boolean``, ``long`` (integers), ``double`` (numbers) when every value of that attribute
  across the nodes (or the edges) is of that kind, else ``string``;
- a list as its items joined with ``;`` (as in the CSV tables), a mapping as JSON, a date as
  ISO text; an empty value (``None``, ``""``, an empty list) is left out.

Characters XML 1.0 cannot carry (control characters, lone surrogates) become U+FFFD. Nodes are
written in id order and edges by (source, target, key), and nothing depends on the day or the
library's version, so the same graph gives the same bytes.

>>> import io
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("event:e1", kind="event", label="ASSAULT 2016-12-22", articles=["a1", "a2"])
>>> G.add_node("actor:x", kind="actor", label="X", latitude=36.2)
>>> G.add_edge("event:e1", "actor:x", key="agent", relation="agent")
'agent'
>>> H = nx.read_graphml(io.BytesIO(generate_graphml(G).encode()))
>>> H.nodes["event:e1"]["articles"], H.nodes["actor:x"]["latitude"], list(H.edges(data="relation"))
('a1;a2', 36.2, [('event:e1', 'actor:x', 'agent')])
"""
from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from graph.core.files import write_text_atomic

# characters XML 1.0 does not allow, whatever the escaping
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ATTR_ESCAPES = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}  # kept, not folded to spaces, in attributes
_TEXT_ESCAPES = {"\r": "&#13;"}


def _text(value) -> str:
    """A value as the text of a string attribute."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, (list, tuple)):
        text = ";".join(_text(v) for v in value)
    elif isinstance(value, (set, frozenset)):
        text = ";".join(sorted(_text(v) for v in value))
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    elif isinstance(value, (date, datetime)):
        text = value.isoformat()
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = str(value)
    return _NOT_XML.sub("\ufffd", text)


def _empty(value) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    return isinstance(value, (str, list, tuple, set, frozenset, dict)) and len(value) == 0


def _value(value, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "long":
        return str(value)
    if kind == "double":
        return repr(float(value))
    return _text(value)


def _schema(records: Iterable[dict], skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """Attribute name -> type, in name order, over the non-empty values of ``records``: boolean,
    long, double or string (see the module's docstring), found value by value without keeping them
    (only the kinds of value each name takes, and the names with a number that is not finite)."""
    seen: dict[str, set[type]] = {}  # name -> the classes of its non-empty values
    infinite: set[str] = set()  # names with a number that is not finite
    for data in records:
        for name, value in data.items():
            c = value.__class__
            if c is str or c is list:  # (most values: no need for _empty's tests)
                if not value or name in skip:
                    continue
            elif name in skip or _empty(value):
                continue
            key = name if name.__class__ is str else str(name)
            kinds = seen.get(key)
            if kinds is None:
                kinds = seen[key] = set()
            kinds.add(c)
            if c is not str and isinstance(value, (int, float)) and not isinstance(value, bool) \
                    and not math.isfinite(value):
                infinite.add(key)

    def kind(name: str) -> str:
        kinds = seen[name]
        if all(issubclass(c, bool) for c in kinds):
            return "boolean"
        numbers = all(issubclass(c, (int, float)) and not issubclass(c, bool) for c in kinds)
        if numbers and all(issubclass(c, int) for c in kinds):
            return "long"
        if numbers and name not in infinite:
            return "double"
        return "string"

    return {name: kind(name) for name in sorted(seen)}


# an attribute value with none of these is written as it is, in double quotes
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]')


def _attr(value: str) -> str:
    if _ATTR_SPECIAL.search(value) is None:
        return f'"{value}"'
    return quoteattr(_NOT_XML.sub("\ufffd", value), _ATTR_ESCAPES)  # ids and names too may hold anything


# a string attribute's text with none of these is written as it is between the tags
_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text_element(value, kind: str) -> str:
    """A value as the (escaped) text of an element."""
    if kind == "string" and value.__class__ is str and _TEXT_SPECIAL.search(value) is None:
        return value
    return escape(_value(value, kind), _TEXT_ESCAPES)


def _attr_value(value, kind: str) -> str:
    """A value as a quoted attribute."""
    if kind == "string" and value.__class__ is str:
        return _attr(value)  # (_attr replaces what XML cannot carry, as _text would)
    return _attr(_value(value, kind))


def _str_keys(d: dict) -> dict:
    """``d`` with its keys as text (itself when they are already)."""
    return d if all(k.__class__ is str for k in d) else {str(k): v for k, v in d.items()}


def _present(d: dict, schema: dict[str, str]) -> Iterator[tuple[str, object, str]]:
    """(name, value, type) of the attributes of ``d`` that ``schema`` has and that are not empty, in
    the schema's (name) order."""
    d = _str_keys(d)
    for name in sorted(d):
        kind = schema.get(name)
        if kind is not None:
            value = d[name]
            if not _empty(value):
                yield name, value, kind


def _nodes(G: nx.MultiDiGraph) -> list[tuple[str, dict]]:
    return sorted(((str(n), d) for n, d in G.nodes(data=True)), key=lambda item: item[0])


def _edges(G: nx.MultiDiGraph, key: str) -> list[tuple[str, str, dict]]:
    """(source, target, attributes with the edge key as ``key``) in (source, target, key) order."""
    edges = [(str(u), str(v), {**d, key: k}) for u, v, k, d in G.edges(keys=True, data=True)]
    edges.sort(key=lambda e: (e[0], e[1], _text(e[2][key])))
    return edges


def generate_graphml(G: nx.MultiDiGraph) -> str:
    """GraphML (http://graphml.graphdrawing.org/): ``networkx.read_graphml`` and Gephi read it."""
    return "".join(iter_graphml(G))


def iter_graphml(G: nx.MultiDiGraph) -> Iterator[str]:
    """The text of :func:`generate_graphml` in pieces, a few lines each, as they are made."""
    nodes, edges = _nodes(G), _edges(G, "key")
    node_schema = _schema(d for _, d in nodes)
    edge_schema = _schema(d for _, _, d in edges)
    node_keys = {name: f"n{i}" for i, name in enumerate(node_schema)}
    edge_keys = {name: f"e{i}" for i, name in enumerate(edge_schema)}
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for domain, schema, keys in (("node", node_schema, node_keys), ("edge", edge_schema, edge_keys)):
        for name, kind in schema.items():
            out.append(f'  <key id="{keys[name]}" for="{domain}" attr.name={_attr(name)} attr.type="{kind}"/>')
    out.append('  <graph id="ctkg" edgedefault="directed">')

    def data(d: dict, schema: dict[str, str], keys: dict[str, str]) -> list[str]:
        return [f'      <data key="{keys[name]}">{_text_element(value, kind)}</data>'
                for name, value, kind in _present(d, schema)]

    yield "\n".join(out) + "\n"
    for n, d in nodes:
        rows = data(d, node_schema, node_keys)
        out = [f"    <node id={_attr(n)}>", *rows, "    </node>"] if rows else [f"    <node id={_attr(n)}/>"]
        yield "\n".join(out) + "\n"
    for i, (u, v, d) in enumerate(edges):
        rows = data(d, edge_schema, edge_keys)
        yield "\n".join([f'    <edge id="e{i}" source={_attr(u)} target={_attr(v)}>', *rows, "    </edge>"]) + "\n"
    yield "  </graph>\n</graphml>\n"


def generate_gexf(G: nx.MultiDiGraph) -> str:
    """GEXF 1.2 (https://gexf.net/): Gephi's own format; ``networkx.read_gexf`` reads it. Each node's
    ``label`` is its GEXF label, each edge's relation its label; the edge key is the attribute
    ``networkx_key``, networkx's name for it (``read_gexf`` gives the edges their keys back)."""
    return "".join(iter_gexf(G))


def iter_gexf(G: nx.MultiDiGraph) -> Iterator[str]:
    """The text of :func:`generate_gexf` in pieces, a few lines each, as they are made."""
    nodes, edges = _nodes(G), _edges(G, "networkx_key")
    node_schema = _schema((d for _, d in nodes), skip=frozenset({"label"}))
    edge_schema = _schema((d for _, _, d in edges), skip=frozenset({"label"}))
    node_ids = {name: str(i) for i, name in enumerate(node_schema)}
    edge_ids = {name: str(i) for i, name in enumerate(edge_schema)}
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
           "  <meta>", "    <creator>ctkg</creator>",
           "    <description>events, actors, places, statements and articles of a ctkg build</description>",
           "  </meta>",
           '  <graph defaultedgetype="directed" mode="static">']
    for domain, schema, ids in (("node", node_schema, node_ids), ("edge", edge_schema, edge_ids)):
        if schema:
            out.append(f'    <attributes class="{domain}" mode="static">')
            out += [f'      <attribute id="{ids[name]}" title={_attr(name)} type="{kind}"/>'
                    for name, kind in schema.items()]
            out.append("    </attributes>")

    def values(d: dict, schema: dict[str, str], ids: dict[str, str], indent: str) -> list[str]:
        rows = [f'{indent}  <attvalue for="{ids[name]}" value={_attr_value(value, kind)}/>'
                for name, value, kind in _present(d, schema)]
        return [f"{indent}<attvalues>", *rows, f"{indent}</attvalues>"] if rows else []

    out.append("    <nodes>")
    yield "\n".join(out) + "\n"
    for n, d in nodes:
        d = _str_keys(d)
        label = _text(d["label"]) if not _empty(d.get("label")) else n
        rows = values(d, node_schema, node_ids, "        ")
        head = f"      <node id={_attr(n)} label={_attr(label)}"
        yield "\n".join([head + ">", *rows, "      </node>"] if rows else [head + "/>"]) + "\n"
    yield "    </nodes>\n    <edges>\n"
    for i, (u, v, d) in enumerate(edges):
        d = _str_keys(d)
        label = d.get("label", d.get("relation", ""))
        label_attr = f" label={_attr(_text(label))}" if not _empty(label) else ""
        rows = values(d, edge_schema, edge_ids, "        ")
        head = f'      <edge id="e{i}" source={_attr(u)} target={_attr(v)}{label_attr}'
        yield "\n".join([head + ">", *rows, "      </edge>"] if rows else [head + "/>"]) + "\n"
    yield "    </edges>\n  </graph>\n</gexf>\n"


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    write_text_atomic(path, generate_graphml(G))


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    write_text_atomic(path, generate_gexf(G))
