"""Linked data of the graph: SEM events, actors, places and times, PROV-O provenance.

The vocabulary is documented in ``graph/data/ctkg.ttl`` and checked by the SHACL shapes
in ``graph/data/shapes.ttl``. In short:

* events are ``sem:Event`` with ``sem:eventType`` (a PLOVER type, an ``sem:EventType``),
  ``ctkg:agent`` and ``ctkg:target`` (sub-properties of ``sem:hasActor``; ``sem:hasActor``
  is stated as well so that plain SEM consumers see the actors), ``ctkg:source``
  (sub-property of ``sem:accordingTo``), ``sem:hasPlace``, ``sem:hasTime`` (a ``sem:Time``)
  and on the event itself ``sem:hasTimeStamp`` (``xsd:date``, ``xsd:gYearMonth`` or
  ``xsd:gYear`` by precision) and ``sem:hasBeginTimeStamp``/``sem:hasEndTimeStamp``
  (``xsd:date``, the interval the event lies in); ``prov:wasDerivedFrom`` the articles;
* every report of an event is a ``ctkg:Mention`` (a ``prov:Entity``) with the sentence, the
  trigger and their character offsets, ``prov:wasDerivedFrom`` its article;
* statements are ``ctkg:Statement`` with ``ctkg:speaker`` (also ``prov:wasAttributedTo``),
  ``ctkg:text`` and its offsets, dates as for events, ``ctkg:about`` events;
* actors are ``sem:Actor`` with ``sem:actorType``; places ``sem:Place`` with WGS84
  ``geo:lat``/``geo:long`` and ``owl:sameAs`` their GeoNames resource.

The instance IRIs start with a base IRI (``G.graph["base_iri"]``, default
:data:`DEFAULT_BASE`) and end with the percent-encoded stable id, so any name gives a valid
IRI. Formats: Turtle (one graph), TriG (one named graph per source article holding what
that article says, the merged events, actors and places in the default graph) and JSON-LD.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from types import SimpleNamespace
from urllib.parse import quote

import networkx as nx
import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV, VOID
from rdflib.term import Node

from graph.core.errors import ConfigError, ExportError
from graph.core.files import write_text_atomic
from graph.core.schema import Kind, Rel
from graph.core.vocab import ACTORTYPE, CTKG, DEFAULT_BASE, GEO, GEONAMES, PLOVER, PREFIXES, SEM

# characters XML 1.0 and many RDF tools refuse: C0 controls but tab/newline/return, DEL, lone surrogates
_UNSAFE_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_BASE_RE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*[/#:]")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\d{4}-\d{2}")
_YEAR = re.compile(r"\d{4}")

Quad = tuple[URIRef, URIRef, Node, "str | None"]  # the last item: the article whose named graph holds it
# The quads are made as plain values, not rdflib terms (an rdflib Literal parses its value on creation
# and weighs several times its text): an IRI is a str, a literal a (lexical form, datatype IRI or "",
# language or "") tuple. quads() turns them into rdflib terms; the files are written from them directly.
Lit = tuple[str, str, str]
Term = "str | Lit"
_XSD_DATE, _XSD_GYEARMONTH, _XSD_GYEAR = str(XSD.date), str(XSD.gYearMonth), str(XSD.gYear)
_XSD_DECIMAL, _XSD_INTEGER, _XSD_STRING = str(XSD.decimal), str(XSD.integer), str(XSD.string)


def check_base(base: str) -> str:
    """The base IRI if it is an absolute IRI ending in '/', '#' or ':'; ConfigError otherwise."""
    if not isinstance(base, str) or not _BASE_RE.fullmatch(base):
        raise ConfigError(f"base IRI {base!r} must be an absolute IRI ending in '/', '#' or ':' "
                          f"(for example {DEFAULT_BASE})")
    return base


def base_of(G: nx.MultiDiGraph) -> str:
    """The base IRI a graph's linked data is minted under (``G.graph["base_iri"]``)."""
    return check_base(G.graph.get("base_iri") or DEFAULT_BASE)


def _text(s) -> Lit:
    return (_UNSAFE_CHARS.sub(" ", str(s or "")), "", "")


def _plain(s: str) -> Lit:
    return (s, "", "")


def _integer(x) -> Lit:
    return (str(int(x)), _XSD_INTEGER, "")


def _decimal(x) -> Lit:
    """An xsd:decimal in canonical form (5 places at most, no trailing zeros: 35.975, 36.0)."""
    text = f"{float(x):.5f}".rstrip("0")
    return (text + "0" if text.endswith(".") else text, _XSD_DECIMAL, "")


def _iri(base: str, kind: str, ident: str) -> str:
    return f"{base}{kind}/{quote(_UNSAFE_CHARS.sub(' ', str(ident)), safe='')}"


def mint(base: str, kind: str, ident: str) -> URIRef:
    """``<base><kind>/<percent-encoded id>``: a valid IRI whatever the id holds."""
    return URIRef(_iri(base, kind, ident))


def dataset_iri(base: str) -> URIRef:
    """The IRI of a build as a whole (a ``void:Dataset``; ``ctkg push`` names its graph so)."""
    return URIRef(f"{base}dataset")


def article_graph_iri(base: str, article_id: str) -> URIRef:
    """The named graph (TriG) holding what one article says."""
    return mint(base, "graph", article_id)


def _date_literals(value: str, start: str, end: str) -> list[tuple[str, Lit]]:
    """sem:hasTimeStamp typed by precision, and the xsd:date interval the date lies in."""
    value, start, end = value or "", start or "", end or ""
    out = []
    if _DAY.fullmatch(value):
        out.append((_SEM_HAS_TIMESTAMP, (value, _XSD_DATE, "")))
    elif _MONTH.fullmatch(value):
        out.append((_SEM_HAS_TIMESTAMP, (value, _XSD_GYEARMONTH, "")))
    elif _YEAR.fullmatch(value):
        out.append((_SEM_HAS_TIMESTAMP, (value, _XSD_GYEAR, "")))
    if _DAY.fullmatch(start):
        out.append((_SEM_HAS_BEGIN, (start, _XSD_DATE, "")))
    if _DAY.fullmatch(end):
        out.append((_SEM_HAS_END, (end, _XSD_DATE, "")))
    return out


_SEM_HAS_TIMESTAMP, _SEM_HAS_BEGIN, _SEM_HAS_END = (str(SEM.hasTimeStamp), str(SEM.hasBeginTimeStamp),
                                                    str(SEM.hasEndTimeStamp))


def _time_key(d: dict) -> str:
    value, start, end = d.get("date") or "", d.get("date_start") or "", d.get("date_end") or ""
    if value and (_DAY.fullmatch(value) or _MONTH.fullmatch(value) or _YEAR.fullmatch(value)):
        return value
    if start or end:
        return f"{value}@{start}..{end}" if value else f"{start}..{end}"
    return ""


def _event_type(name: str) -> str:
    try:
        return str(PLOVER[name])
    except AttributeError as exc:
        raise ExportError(f"event type {name!r} is not a PLOVER type; fix graph/data/event_lexicon.csv") from exc


def _actor_type(name: str) -> str:
    try:
        return str(ACTORTYPE[name or "other"])
    except AttributeError as exc:
        raise ExportError(f"actor type {name!r} is not one of ctkg's actor types; fix the actor gazetteer") from exc


def _node_iri(base: str, d: dict) -> str:
    kind = d["kind"]
    key = {"article": "article_id", "event": "event_id", "actor": "actor_id", "place": "place_id",
           "statement": "statement_id"}.get(kind)
    if key is None or not d.get(key):
        raise ExportError(f"graph node of kind {kind!r} has no {key or 'id'}; the graph is not a ctkg build")
    return _iri(base, kind, d[key])


def _fast(ns) -> SimpleNamespace:
    """A DefinedNamespace's terms as plain attributes (their IRIs as str): rdflib's checked lookup
    costs a few microseconds per access, which adds up to seconds over a large build. Unknown names
    still fail loudly (AttributeError)."""
    base = str(ns._NS)
    return SimpleNamespace(**{str(t)[len(base):]: str(t) for t in dir(ns) if str(t).startswith(base)})


_TERMS = tuple(_fast(ns) for ns in (SEM, CTKG, GEO, PROV, RDF, RDFS, OWL, VOID))
_RDF_TYPE = str(RDF.type)


def quads(G: nx.MultiDiGraph, *, base: str | None = None) -> Iterator[Quad]:
    """Every triple of the graph with the article whose named graph holds it (None: the merged graph)."""
    iris: dict[str, URIRef] = {}
    lits: dict[Lit, Literal] = {}

    def term(t):
        if t.__class__ is str:
            got = iris.get(t)
            if got is None:
                got = iris[t] = URIRef(t)
            return got
        got = lits.get(t)
        if got is None:
            lex, dt, lang = t
            got = lits[t] = Literal(lex, lang=lang or None, datatype=URIRef(dt) if dt else None)
        return got

    for s, p, o, g in _quads(G, base=base):
        yield term(s), term(p), term(o), g


def _quads(G: nx.MultiDiGraph, *, base: str | None = None) -> Iterator[tuple[str, str, Term, str | None]]:
    """The quads of :func:`quads` as plain values (see :data:`Lit`)."""
    SEM, CTKG, GEO, PROV, RDF, RDFS, OWL, VOID = _TERMS  # noqa: N806 (fast local views of the namespaces)
    base = check_base(base) if base is not None else base_of(G)
    iri = {n: _node_iri(base, d) for n, d in G.nodes(data=True)}
    ds = str(dataset_iri(base))
    yield ds, RDF.type, VOID.Dataset, None
    yield ds, RDFS.label, _plain("ctkg knowledge graph"), None
    yield ds, VOID.uriSpace, _plain(base), None
    for n, d in sorted(G.nodes(data=True)):
        s = iri[n]
        kind = d["kind"]
        if kind == Kind.ARTICLE.value:
            aid = d["article_id"]
            yield s, RDF.type, CTKG.Article, aid
            yield s, RDF.type, PROV.Entity, aid
            yield s, CTKG.identifier, _text(aid), aid
            yield s, RDFS.label, _text(d.get("title") or aid), aid
            if d.get("publisher"):
                yield s, CTKG.publisher, _text(d["publisher"]), aid
            if _DAY.fullmatch(str(d.get("published") or "")):
                yield s, CTKG.published, (d["published"], _XSD_DATE, ""), aid
            if d.get("published_source"):
                yield s, CTKG.publishedSource, _text(d["published_source"]), aid
            if d.get("url"):
                yield s, CTKG.url, _text(d["url"]), aid
            yield s, CTKG.status, _plain(d.get("status") or "ok"), aid
            if d.get("error"):
                yield s, CTKG.error, _text(d["error"]), aid
            yield ds, VOID.subset, _iri(base, "graph", aid), None
        elif kind == Kind.EVENT.value:
            yield s, RDF.type, SEM.Event, None
            yield s, CTKG.identifier, _text(d["event_id"]), None
            yield s, RDFS.label, _text(d.get("label", "")), None
            yield s, SEM.eventType, _event_type(d["event_type"]), None
            if d.get("mode"):
                yield s, CTKG.mode, _text(d["mode"]), None
            if d.get("cameo"):
                yield s, CTKG.cameoRoot, _text(d["cameo"]), None
            yield s, CTKG.modality, _text(d.get("modality") or "asserted"), None
            yield s, CTKG.datePrecision, _text(d.get("date_precision") or "unknown"), None
            if d.get("date"):
                yield s, CTKG.dateValue, _text(d["date"]), None
            if _DAY.fullmatch(d.get("not_after") or ""):
                yield s, CTKG.notAfter, (d["not_after"], _XSD_DATE, ""), None
            for p, o in _date_literals(d.get("date", ""), d.get("date_start", ""), d.get("date_end", "")):
                yield s, p, o, None
            key = _time_key(d)
            if key:
                t = _iri(base, "time", key)
                yield s, SEM.hasTime, t, None
                yield t, RDF.type, SEM.Time, None
                yield t, RDFS.label, _text(d.get("date") or key), None
                yield t, CTKG.datePrecision, _text(d.get("date_precision") or "unknown"), None
                for p, o in _date_literals(d.get("date", ""), d.get("date_start", ""), d.get("date_end", "")):
                    yield t, p, o, None
            for f in ("killed", "injured", "displaced"):
                for claim in d.get(f) or []:
                    yield s, getattr(CTKG, f), _text(claim), None
            for r in d.get("merge_reason") or []:
                yield s, CTKG.mergeReason, _text(r), None
        elif kind == Kind.ACTOR.value:
            yield s, RDF.type, SEM.Actor, None
            yield s, CTKG.identifier, _text(d["actor_id"]), None
            yield s, RDFS.label, _text(d.get("name", "")), None
            yield s, SEM.actorType, _actor_type(d.get("type", "")), None
            if d.get("country"):
                yield s, CTKG.country, _text(d["country"]), None
            for a in d.get("aliases") or []:
                yield s, CTKG.alias, _text(a), None
        elif kind == Kind.PLACE.value:
            yield s, RDF.type, SEM.Place, None
            yield s, RDF.type, GEO.SpatialThing, None
            yield s, CTKG.identifier, _text(d["place_id"]), None
            yield s, RDFS.label, _text(d.get("name", "")), None
            if d.get("country"):
                yield s, CTKG.country, _text(d["country"]), None
            for a in d.get("aliases") or []:
                yield s, CTKG.alias, _text(a), None
            if d.get("latitude") is not None and d.get("longitude") is not None:
                yield s, GEO.lat, _decimal(d["latitude"]), None
                yield s, GEO.long, _decimal(d["longitude"]), None
            if str(d.get("geonameid") or "").isdigit():
                yield s, OWL.sameAs, f"{GEONAMES}{d['geonameid']}/", None
        elif kind == Kind.STATEMENT.value:
            aid = d.get("article") or None
            yield s, RDF.type, CTKG.Statement, aid
            yield s, RDF.type, PROV.Entity, aid
            yield s, CTKG.identifier, _text(d["statement_id"]), aid
            yield s, CTKG.text, _text(d.get("text", "")), aid
            if d.get("kind_of"):
                yield s, CTKG.statementKind, _text(d["kind_of"]), aid
            yield s, CTKG.textStart, _integer(d["char_start"]), aid
            yield s, CTKG.textEnd, _integer(d["char_end"]), aid
            yield s, CTKG.datePrecision, _text(d.get("date_precision") or "unknown"), aid
            if d.get("date"):
                yield s, CTKG.dateValue, _text(d["date"]), aid
            for p, o in _date_literals(d.get("date", ""), d.get("date_start", ""), d.get("date_end", "")):
                yield s, p, o, aid
            if d.get("medium"):
                yield s, CTKG.medium, _text(d["medium"]), aid
            if d.get("cue"):
                yield s, CTKG.cue, _text(d["cue"]), aid
    # the event and actor types used, labelled, so the data describes itself
    for t in sorted({d["event_type"] for _, d in G.nodes(data=True) if d["kind"] == Kind.EVENT.value}):
        yield _event_type(t), RDF.type, SEM.EventType, None
        yield _event_type(t), RDFS.label, _plain(t), None
    for t in sorted({d.get("type") or "other" for _, d in G.nodes(data=True) if d["kind"] == Kind.ACTOR.value}):
        yield _actor_type(t), RDF.type, SEM.ActorType, None
        yield _actor_type(t), RDFS.label, _plain(t), None
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        rel = d.get("relation", k)
        su, ov = iri[u], iri[v]
        if rel == Rel.AGENT.value:
            yield su, CTKG.agent, ov, None
            yield su, SEM.hasActor, ov, None
        elif rel == Rel.TARGET.value:
            yield su, CTKG.target, ov, None
            yield su, SEM.hasActor, ov, None
        elif rel == Rel.PLACE.value:
            yield su, SEM.hasPlace, ov, None
        elif rel == Rel.SOURCE.value:
            yield su, CTKG.source, ov, None
            yield su, SEM.accordingTo, ov, None
        elif rel == Rel.AFFILIATION.value:
            yield su, CTKG.affiliation, ov, None
        elif rel == Rel.BEFORE.value:
            yield su, CTKG.before, ov, None
        elif rel == Rel.APPEARS_IN.value:
            yield su, CTKG.appearsIn, ov, G.nodes[v]["article_id"]
        elif rel in (Rel.SPEAKER.value, Rel.STATED_IN.value, Rel.ABOUT.value):
            aid = G.nodes[u].get("article") or None
            if rel == Rel.SPEAKER.value:
                yield su, CTKG.speaker, ov, aid
                yield su, PROV.wasAttributedTo, ov, aid
            elif rel == Rel.STATED_IN.value:  # each article that reports it, in that article's graph
                yield su, PROV.wasDerivedFrom, ov, G.nodes[v]["article_id"]
            else:
                yield su, CTKG.about, ov, aid
        elif rel == Rel.MENTIONED_IN.value:
            aid = G.nodes[v]["article_id"]
            m = _iri(base, "mention", f"{aid}:{d['trigger_start']}:{d['trigger_end']}:{G.nodes[u]['event_id']}")
            yield su, PROV.wasDerivedFrom, ov, aid
            yield m, RDF.type, CTKG.Mention, aid
            yield m, RDF.type, PROV.Entity, aid
            yield m, CTKG.mentionOf, su, aid
            yield m, PROV.wasDerivedFrom, ov, aid
            yield m, CTKG.sentence, _text(d.get("sentence", "")), aid
            yield m, CTKG.sentenceStart, _integer(d["char_start"]), aid
            yield m, CTKG.sentenceEnd, _integer(d["char_end"]), aid
            yield m, CTKG.trigger, _text(d.get("trigger", "")), aid
            yield m, CTKG.triggerStart, _integer(d["trigger_start"]), aid
            yield m, CTKG.triggerEnd, _integer(d["trigger_end"]), aid
            if d.get("modality"):
                yield m, CTKG.modality, _text(d["modality"]), aid
            if d.get("time_text"):
                yield m, CTKG.timeText, _text(d["time_text"]), aid


def _bind(g: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, Namespace(ns), override=True, replace=True)


def to_rdf(G: nx.MultiDiGraph, *, base: str | None = None) -> Graph:
    """The whole build as one rdflib Graph (what graph.ttl and graph.jsonld hold)."""
    g = Graph(bind_namespaces="none")
    _bind(g)
    for s, p, o, _ in quads(G, base=base):
        g.add((s, p, o))
    return g


def to_dataset(G: nx.MultiDiGraph, *, base: str | None = None) -> Dataset:
    """The build as an rdflib Dataset: one named graph per source article (what it says: the
    article, its mentions and statements, which events and actors it reports), and the merged
    events, actors, places and times in the default graph. The union equals :func:`to_rdf`."""
    base = check_base(base) if base is not None else base_of(G)
    ds = Dataset()
    _bind(ds)
    graphs: dict[str | None, Graph] = {None: ds.graph(DATASET_DEFAULT_GRAPH_ID)}
    for s, p, o, aid in quads(G, base=base):
        if aid not in graphs:
            graphs[aid] = ds.graph(article_graph_iri(base, aid))
        graphs[aid].add((s, p, o))
    return ds


# --- serializing -------------------------------------------------------------------------
# The files are written by Oxigraph's serializers (an order of magnitude faster than rdflib's)
# from triples sorted by graph, subject, predicate (rdf:type first) and object, so the same
# graph gives the same text on every run; rdflib reads them back in the tests.

# A quad is held as one flat tuple whose natural order is the files' order: subject, predicate
# (rdf:type first), object (IRIs before literals; a literal by text, datatype, language), then
# graph (the default graph first). Two quads are equal exactly when their rows are.
Row = tuple  # (s, p is not rdf:type, p, 0 for an IRI object / 1 for a literal, text, datatype, language,
#               in an article's graph, article id or "")


def _rows(G: nx.MultiDiGraph, base: str | None) -> Iterator[Row]:
    t = _RDF_TYPE
    for s, p, o, g in _quads(G, base=base):
        if o.__class__ is str:
            yield (s, p != t, p, 0, o, "", "", g is not None, g or "")
        else:
            yield (s, p != t, p, 1, o[0], o[1], o[2], g is not None, g or "")


def _unique_quads(G: nx.MultiDiGraph, base: str | None) -> tuple[list[Row], list[Row]]:
    """Each quad once, in a stable order: the default graph first, then the article graphs;
    within a graph by subject, predicate (rdf:type first) and object. Also the same rows sorted
    by triple first (a triple's quads side by side: the union of the graphs comes out of it)."""
    by_triple = sorted(dict.fromkeys(_rows(G, base)))
    graphs: dict[str, list[Row]] = {}
    for r in by_triple:  # a stable sort by graph, made by moving each row to its graph's list
        lst = graphs.get(r[8]) if r[7] else graphs.get(None)
        if lst is None:
            lst = graphs[r[8] if r[7] else None] = []
        lst.append(r)
    unique = list(graphs.pop(None, []))
    for g in sorted(graphs):
        unique += graphs[g]
    return unique, by_triple


@dataclass(frozen=True)
class LinkedData:
    """The build's quads, computed once and shared by the Turtle, TriG and JSON-LD writers."""
    base: str
    quads: list  # rows (see Row), by graph, then triple
    by_triple: list  # the same rows sorted by triple first

    @cached_property
    def terms(self) -> "_Converter":
        """Plain values to Oxigraph terms, shared by the writers."""
        return _Converter()

    def triples(self) -> Iterator[Row]:
        """The union of all graphs, each triple once (its first row), sorted by subject (rdf:type first)."""
        last = None
        for r in self.by_triple:
            key = r[:7]
            if key != last:
                last = key
                yield r


def linked_data(G: nx.MultiDiGraph, *, base: str | None = None) -> LinkedData:
    base = check_base(base) if base is not None else base_of(G)
    ordered, by_triple = _unique_quads(G, base)
    return LinkedData(base=base, quads=ordered, by_triple=by_triple)


class _Converter(dict):
    """IRIs (str) and literals (Lit) to Oxigraph terms, each distinct term converted once."""

    def __missing__(self, t):
        if t.__class__ is str:
            v = ox.NamedNode(t)
        else:
            lex, dt, lang = t
            if lang:
                v = ox.Literal(lex, language=lang)
            elif dt:
                v = ox.Literal(lex, datatype=self[dt])
            else:
                v = ox.Literal(lex)
        self[t] = v
        return v

    def object(self, r: Row):
        """The object of a row."""
        return self[r[4]] if r[3] == 0 else self[r[4:7]]


def _serialize(items: Iterable, fmt) -> str:
    return "".join(_serialized(items, fmt))


def _serialized(items: Iterable, fmt, block: int = 1 << 20) -> Iterator[str]:
    """The serialization of ``items`` in pieces, ctkg's sorted prefixes first: Oxigraph writes
    to a temporary file, read back in blocks of whole lines (about ``block`` bytes), so the text
    is never held whole; Oxigraph's own ``@prefix`` lines are left out."""
    with tempfile.TemporaryFile() as f:
        try:
            ox.serialize(items, f, format=fmt, prefixes=PREFIXES)
        except (ValueError, SyntaxError) as exc:
            raise ExportError(f"cannot serialize the linked data: {exc}") from exc
        f.seek(0)
        yield "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())) + "\n"
        any_line = False
        while True:
            # whole lines only (cut at b"\n", never inside a character or at U+2028, U+0085...)
            raw = f.read(block)
            if not raw:
                break
            if not raw.endswith(b"\n"):
                raw += f.readline()
            any_line = True
            if raw.startswith(b"@prefix ") or b"\n@prefix " in raw:
                lines = raw.split(b"\n")
                lines = [line + b"\n" for line in lines[:-1]] + [lines[-1]]
                raw = b"".join(line for line in lines if not line.startswith(b"@prefix "))
                if not raw:
                    continue
            text = raw.decode("utf-8")
            yield text if text.endswith("\n") else text + "\n"  # (only the file's last line can lack it)
        if not any_line:
            yield "\n"


def generate_turtle(G: nx.MultiDiGraph, *, base: str | None = None, data: LinkedData | None = None) -> str:
    """Turtle of the whole build (the union of all graphs). ``data``: quads already computed."""
    return "".join(iter_turtle(G, base=base, data=data))


def iter_turtle(G: nx.MultiDiGraph, *, base: str | None = None, data: LinkedData | None = None) -> Iterator[str]:
    """The text of :func:`generate_turtle` in pieces."""
    data = data or linked_data(G, base=base)
    c = data.terms
    yield from _serialized((ox.Triple(c[r[0]], c[r[2]], c[r[4]] if r[3] == 0 else c[r[4:7]]) for r in data.triples()),
                           ox.RdfFormat.TURTLE)  # (the object: c.object(r), inlined)


def generate_trig(G: nx.MultiDiGraph, *, base: str | None = None, data: LinkedData | None = None) -> str:
    """TriG: the merged events, actors, places and times in the default graph, then one named
    graph per source article (see :func:`to_dataset`)."""
    return "".join(iter_trig(G, base=base, data=data))


def iter_trig(G: nx.MultiDiGraph, *, base: str | None = None, data: LinkedData | None = None) -> Iterator[str]:
    """The text of :func:`generate_trig` in pieces."""
    data = data or linked_data(G, base=base)
    c = data.terms
    graphs: dict[str | None, object] = {None: ox.DefaultGraph()}

    def items() -> Iterator:
        for r in data.quads:
            aid = r[8] if r[7] else None
            g = graphs.get(aid)
            if g is None:
                g = graphs[aid] = ox.NamedNode(_iri(data.base, "graph", aid))
            yield ox.Quad(c[r[0]], c[r[2]], c[r[4]] if r[3] == 0 else c[r[4:7]], g)  # (c.object(r), inlined)

    yield from _serialized(items(), ox.RdfFormat.TRIG)


def _jsonld_value(r: Row, curie) -> object:
    """The JSON-LD value of a row's object."""
    text, dt, lang = r[4], r[5], r[6]
    if r[3] == 0:
        return {"@id": curie(text)}
    if lang:
        return {"@value": text, "@language": lang}
    if not dt or dt == _XSD_STRING:
        return text
    return {"@value": text, "@type": curie(dt)}


def generate_jsonld(G: nx.MultiDiGraph, *, base: str | None = None, data: LinkedData | None = None) -> str:
    """JSON-LD of the whole build: one node object per subject, compacted with ctkg's prefixes,
    nodes sorted by @id and values sorted (order in JSON-LD arrays carries no meaning)."""
    return "".join(iter_jsonld(G, base=base, data=data))


def iter_jsonld(G: nx.MultiDiGraph, *, base: str | None = None, data: LinkedData | None = None) -> Iterator[str]:
    """The text of :func:`generate_jsonld` in pieces, one node object each."""
    vocab_ns = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))

    def curie_of(iri: str) -> str:
        for prefix, ns in vocab_ns:
            rest = str(iri)[len(ns):]
            if str(iri).startswith(ns) and rest and ":" not in rest and "/" not in rest and "#" not in rest:
                return f"{prefix}:{rest}"
        return str(iri)

    data = data or linked_data(G, base=base)
    curies: dict[str, str] = {}

    def curie(iri: str) -> str:  # memoized: a few hundred distinct IRIs, used many times
        v = curies.get(iri)
        if v is None:
            v = curies[iri] = curie_of(iri)
        return v

    # one node object a line: readable, and json's fast C encoder (indent= would use the slow one);
    # the triples come sorted by subject, so each node object is written once its last triple is read
    context = json.dumps(dict(sorted(PREFIXES.items())), ensure_ascii=False, indent=1)
    yield f'{{"@context": {context},\n"@graph": [\n'

    def node_text(sid: str, props: dict[str, list]) -> str:
        obj: dict[str, object] = {"@id": sid}
        for key in sorted(props, key=lambda k: (k != "@type", k)):
            values = props[key]
            obj[key] = values[0] if len(values) == 1 else values
        return json.dumps(obj, ensure_ascii=False)

    sep = ""
    sid, props = None, None
    for r in data.triples():  # sorted by subject, predicate and object
        if r[0] != sid:
            if props is not None:
                yield sep + node_text(sid, props)
                sep = ",\n"
            sid, props = r[0], {}
        if not r[1] and r[3] == 0:  # rdf:type with an IRI
            props.setdefault("@type", []).append(curie(r[4]))
        else:
            key = curies.get(r[2])
            props.setdefault(key if key is not None else curie(r[2]), []).append(_jsonld_value(r, curie))
    if props is not None:
        yield sep + node_text(sid, props)
    yield "\n]}\n"


def write_turtle(G: nx.MultiDiGraph, path: str | os.PathLike, *, base: str | None = None) -> None:
    write_text_atomic(path, generate_turtle(G, base=base))


def write_trig(G: nx.MultiDiGraph, path: str | os.PathLike, *, base: str | None = None) -> None:
    write_text_atomic(path, generate_trig(G, base=base))


def write_jsonld(G: nx.MultiDiGraph, path: str | os.PathLike, *, base: str | None = None) -> None:
    write_text_atomic(path, generate_jsonld(G, base=base))


# --- the shipped vocabulary and shapes -------------------------------------------------

def _data_graph(name: str) -> Graph:
    g = Graph(bind_namespaces="none")
    _bind(g)
    g.parse(data=resources.files("graph").joinpath("data", name).read_text(encoding="utf-8"), format="turtle")
    return g


def vocabulary() -> Graph:
    """The ctkg vocabulary (graph/data/ctkg.ttl): every class, property and type with label and comment."""
    return _data_graph("ctkg.ttl")


def shapes() -> Graph:
    """The SHACL shapes every build satisfies (graph/data/shapes.ttl)."""
    return _data_graph("shapes.ttl")


def validate(g: Graph) -> tuple[bool, str]:
    """Validate linked data against the shipped SHACL shapes with pySHACL: (conforms, report text)."""
    try:
        from pyshacl import validate as shacl_validate
    except ImportError as exc:
        raise ConfigError("validation needs pySHACL: pip install 'pyshacl>=0.26'") from exc
    conforms, _, text = shacl_validate(g, shacl_graph=shapes(), ont_graph=vocabulary(), inference="none",
                                       advanced=True, allow_warnings=True)
    return bool(conforms), str(text)
