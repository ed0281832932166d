"""RDF of the graph: SEM events, actors, places and times, PROV-O provenance.

* events are ``sem:Event`` with ``sem:eventType`` (a PLOVER type IRI), ``ctkg:agent`` and
  ``ctkg:target`` (sub-properties of ``sem:hasActor``; ``sem:hasActor`` is also stated so
  that plain SEM consumers see the actors), ``sem:hasPlace``, ``sem:hasTimeStamp`` or
  ``sem:hasBeginTimeStamp``/``sem:hasEndTimeStamp`` (xsd:date, xsd:gYearMonth, xsd:gYear);
* every mention is a ``ctkg:Mention`` (a ``prov:Entity``) with the sentence, the trigger and
  their character offsets, ``prov:wasDerivedFrom`` its article;
* statements are ``ctkg:Statement`` with ``ctkg:speaker``, ``ctkg:text``, dates, ``ctkg:about``;
* places carry WGS84 ``geo:lat``/``geo:long``.

IRIs are minted from stable ids with percent-encoding, so any name gives a valid IRI.
"""
from __future__ import annotations

import re
from urllib.parse import quote

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DefinedNamespace, PROV

from .errors import ConfigError
from .schema import Kind, Rel

DEFAULT_BASE = "https://ctkg.example.org/id/"


class SEM(DefinedNamespace):
    """Simple Event Model (the terms ctkg uses)."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    Event: URIRef
    Actor: URIRef
    Place: URIRef
    Time: URIRef
    EventType: URIRef
    ActorType: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTime: URIRef
    hasTimeStamp: URIRef
    hasBeginTimeStamp: URIRef
    hasEndTimeStamp: URIRef
    eventType: URIRef
    actorType: URIRef
    accordingTo: URIRef


class CTKG(DefinedNamespace):
    """The ctkg vocabulary (documented in graph/data/ctkg.ttl)."""

    _NS = Namespace("https://ctkg.example.org/vocab#")
    Article: URIRef
    Mention: URIRef
    Statement: URIRef
    agent: URIRef
    target: URIRef
    mode: URIRef
    cameoRoot: URIRef
    modality: URIRef
    datePrecision: URIRef
    dateValue: URIRef
    killed: URIRef
    injured: URIRef
    displaced: URIRef
    mentionOf: URIRef
    sentence: URIRef
    sentenceStart: URIRef
    sentenceEnd: URIRef
    trigger: URIRef
    triggerStart: URIRef
    triggerEnd: URIRef
    speaker: URIRef
    text: URIRef
    statementKind: URIRef
    textStart: URIRef
    textEnd: URIRef
    about: URIRef
    medium: URIRef
    affiliation: URIRef
    country: URIRef
    alias: URIRef
    publisher: URIRef
    published: URIRef
    status: URIRef
    mergeReason: URIRef


class GEO(DefinedNamespace):
    _NS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
    lat: URIRef
    long: URIRef
    SpatialThing: URIRef


PLOVER = Namespace("https://ctkg.example.org/plover/")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(s: str) -> Literal:
    return Literal(CONTROL.sub(" ", s or ""))


def mint(base: str, kind: str, ident: str) -> URIRef:
    return URIRef(f"{base}{kind}/{quote(str(ident), safe='')}")


def _date_literal(value: str, start: str, end: str) -> list[tuple[URIRef, Literal]]:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        return [(SEM.hasTimeStamp, Literal(value, datatype=XSD.date))]
    if re.fullmatch(r"\d{4}-\d{2}", value or ""):
        return [(SEM.hasTimeStamp, Literal(value, datatype=XSD.gYearMonth))]
    if re.fullmatch(r"\d{4}", value or ""):
        return [(SEM.hasTimeStamp, Literal(value, datatype=XSD.gYear))]
    out = []
    if start:
        out.append((SEM.hasBeginTimeStamp, Literal(start, datatype=XSD.date)))
    if end:
        out.append((SEM.hasEndTimeStamp, Literal(end, datatype=XSD.date)))
    return out


def to_rdf(G: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> Graph:
    if not re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*[/#:]", base):
        raise ConfigError(f"base IRI {base!r} must be an absolute IRI ending in '/', '#' or ':'")
    g = Graph()
    g.bind("sem", SEM._NS)
    g.bind("ctkg", CTKG._NS)
    g.bind("prov", PROV)
    g.bind("geo", GEO._NS)
    g.bind("plover", PLOVER)
    iri: dict[str, URIRef] = {}
    for n, d in G.nodes(data=True):
        kind = d["kind"]
        ident = {"article": d.get("article_id"), "event": d.get("event_id"), "actor": d.get("actor_id"),
                 "place": d.get("place_id"), "statement": d.get("statement_id")}[kind]
        iri[n] = mint(base, kind, ident)
    for n, d in sorted(G.nodes(data=True)):
        s = iri[n]
        kind = d["kind"]
        if kind == Kind.ARTICLE.value:
            g.add((s, RDF.type, CTKG.Article))
            g.add((s, RDF.type, PROV.Entity))
            g.add((s, RDFS.label, _text(d.get("title") or d.get("article_id"))))
            if d.get("publisher"):
                g.add((s, CTKG.publisher, _text(d["publisher"])))
            if d.get("published"):
                g.add((s, CTKG.published, Literal(d["published"], datatype=XSD.date)))
            g.add((s, CTKG.status, Literal(d.get("status", "ok"))))
        elif kind == Kind.EVENT.value:
            g.add((s, RDF.type, SEM.Event))
            g.add((s, RDFS.label, _text(d.get("label", ""))))
            g.add((s, SEM.eventType, PLOVER[d["event_type"]]))
            g.add((s, CTKG.mode, Literal(d.get("mode", ""))))
            g.add((s, CTKG.cameoRoot, Literal(d.get("cameo", ""))))
            g.add((s, CTKG.modality, Literal(d.get("modality", "asserted"))))
            g.add((s, CTKG.datePrecision, Literal(d.get("date_precision", "unknown"))))
            if d.get("date"):
                g.add((s, CTKG.dateValue, Literal(d["date"])))
            for p, o in _date_literal(d.get("date", ""), d.get("date_start", ""), d.get("date_end", "")):
                g.add((s, p, o))
            for f in ("killed", "injured", "displaced"):
                for claim in d.get(f, []):
                    g.add((s, CTKG[f], _text(claim)))
            for r in d.get("merge_reason", []):
                g.add((s, CTKG.mergeReason, _text(r)))
        elif kind == Kind.ACTOR.value:
            g.add((s, RDF.type, SEM.Actor))
            g.add((s, RDFS.label, _text(d.get("name", ""))))
            g.add((s, SEM.actorType, Literal(d.get("type", "other"))))
            if d.get("country"):
                g.add((s, CTKG.country, Literal(d["country"])))
            for a in d.get("aliases", []):
                g.add((s, CTKG.alias, _text(a)))
        elif kind == Kind.PLACE.value:
            g.add((s, RDF.type, SEM.Place))
            g.add((s, RDF.type, GEO.SpatialThing))
            g.add((s, RDFS.label, _text(d.get("name", ""))))
            if d.get("country"):
                g.add((s, CTKG.country, Literal(d["country"])))
            if d.get("latitude") is not None and d.get("longitude") is not None:
                g.add((s, GEO.lat, Literal(round(float(d["latitude"]), 5), datatype=XSD.decimal)))
                g.add((s, GEO.long, Literal(round(float(d["longitude"]), 5), datatype=XSD.decimal)))
        elif kind == Kind.STATEMENT.value:
            g.add((s, RDF.type, CTKG.Statement))
            g.add((s, RDF.type, PROV.Entity))
            g.add((s, CTKG.text, _text(d.get("text", ""))))
            g.add((s, CTKG.statementKind, Literal(d.get("kind_of", ""))))
            g.add((s, CTKG.textStart, Literal(int(d["char_start"]))))
            g.add((s, CTKG.textEnd, Literal(int(d["char_end"]))))
            g.add((s, CTKG.datePrecision, Literal(d.get("date_precision", "unknown"))))
            for p, o in _date_literal(d.get("date", ""), d.get("date_start", ""), d.get("date_end", "")):
                g.add((s, p, o))
            if d.get("medium"):
                g.add((s, CTKG.medium, _text(d["medium"])))
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        rel = d.get("relation", k)
        su, ov = iri[u], iri[v]
        if rel == Rel.AGENT.value:
            g.add((su, CTKG.agent, ov))
            g.add((su, SEM.hasActor, ov))
        elif rel == Rel.TARGET.value:
            g.add((su, CTKG.target, ov))
            g.add((su, SEM.hasActor, ov))
        elif rel == Rel.PLACE.value:
            g.add((su, SEM.hasPlace, ov))
        elif rel == Rel.SOURCE.value:
            g.add((su, SEM.accordingTo, ov))
        elif rel == Rel.SPEAKER.value:
            g.add((su, CTKG.speaker, ov))
        elif rel == Rel.STATED_IN.value:
            g.add((su, PROV.wasDerivedFrom, ov))
        elif rel == Rel.ABOUT.value:
            g.add((su, CTKG.about, ov))
        elif rel == Rel.AFFILIATION.value:
            g.add((su, CTKG.affiliation, ov))
        elif rel == Rel.MENTIONED_IN.value:
            m = mint(base, "mention", f"{G.nodes[v]['article_id']}:{d['trigger_start']}:{d['trigger_end']}")
            g.add((su, PROV.wasDerivedFrom, ov))
            g.add((m, RDF.type, CTKG.Mention))
            g.add((m, RDF.type, PROV.Entity))
            g.add((m, CTKG.mentionOf, su))
            g.add((m, PROV.wasDerivedFrom, ov))
            g.add((m, CTKG.sentence, _text(d.get("sentence", ""))))
            g.add((m, CTKG.sentenceStart, Literal(int(d["char_start"]))))
            g.add((m, CTKG.sentenceEnd, Literal(int(d["char_end"]))))
            g.add((m, CTKG.trigger, _text(d.get("trigger", ""))))
            g.add((m, CTKG.triggerStart, Literal(int(d["trigger_start"]))))
            g.add((m, CTKG.triggerEnd, Literal(int(d["trigger_end"]))))
    return g


def generate_turtle(G: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> str:
    return to_rdf(G, base=base).serialize(format="turtle")


def write_turtle(G: nx.MultiDiGraph, path, *, base: str = DEFAULT_BASE) -> None:
    from pathlib import Path

    from .exports import write_text_atomic

    write_text_atomic(Path(path), generate_turtle(G, base=base))
