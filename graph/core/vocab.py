"""The RDF vocabulary of a build, defined once: its namespaces and prefixes.

The namespaces are SEM, the ctkg terms documented in graph/data/ctkg.ttl, WGS84, PLOVER
event types and actor types; the prefixes are those every serializer and the SPARQL layer
declare."""
from __future__ import annotations

from rdflib import OWL, RDF, RDFS, XSD, Namespace, URIRef
from rdflib.namespace import PROV, VOID, DefinedNamespace

DEFAULT_BASE = "https://ctkg.example.org/id/"
VOCAB = "https://ctkg.example.org/vocab#"


class SEM(DefinedNamespace):
    """Simple Event Model (the terms ctkg uses)."""

    _fail = True
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

    _fail = True
    _NS = Namespace(VOCAB)
    Article: URIRef
    Mention: URIRef
    Statement: URIRef
    agent: URIRef
    target: URIRef
    source: URIRef
    identifier: URIRef
    mode: URIRef
    cameoRoot: URIRef
    modality: URIRef
    datePrecision: URIRef
    dateValue: URIRef
    notAfter: URIRef
    timeText: URIRef
    killed: URIRef
    injured: URIRef
    displaced: URIRef
    mergeReason: URIRef
    before: URIRef
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
    cue: URIRef
    affiliation: URIRef
    country: URIRef
    alias: URIRef
    appearsIn: URIRef
    publisher: URIRef
    published: URIRef
    publishedSource: URIRef
    url: URIRef
    status: URIRef
    error: URIRef


class GEO(DefinedNamespace):
    """W3C Basic Geo (WGS84 lat/long)."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
    lat: URIRef
    long: URIRef
    SpatialThing: URIRef


class PLOVER(DefinedNamespace):
    """PLOVER event types (``sem:EventType`` individuals, labelled in ctkg.ttl)."""

    _fail = True
    _NS = Namespace("https://ctkg.example.org/plover/")
    AGREE: URIRef
    CONSULT: URIRef
    SUPPORT: URIRef
    CONCEDE: URIRef
    COOPERATE: URIRef
    AID: URIRef
    RETREAT: URIRef
    REQUEST: URIRef
    ACCUSE: URIRef
    REJECT: URIRef
    THREATEN: URIRef
    PROTEST: URIRef
    SANCTION: URIRef
    MOBILIZE: URIRef
    COERCE: URIRef
    ASSAULT: URIRef
    OTHER: URIRef


class ACTORTYPE(DefinedNamespace):
    """Actor types (``sem:ActorType`` individuals, labelled in ctkg.ttl)."""

    _fail = True
    _NS = Namespace("https://ctkg.example.org/actor-type/")
    person: URIRef
    military: URIRef
    government: URIRef
    armed_group: URIRef
    igo: URIRef
    ngo: URIRef
    country: URIRef
    media: URIRef
    civilians: URIRef
    other: URIRef


GEONAMES = "https://sws.geonames.org/"
PREFIXES: dict[str, str] = {
    "sem": str(SEM._NS), "ctkg": VOCAB, "prov": str(PROV), "geo": str(GEO._NS), "plover": str(PLOVER._NS),
    "actortype": str(ACTORTYPE._NS), "owl": str(OWL), "rdfs": str(RDFS), "rdf": str(RDF), "xsd": str(XSD),
    "void": str(VOID),
}
