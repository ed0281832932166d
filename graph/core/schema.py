"""The node and edge schema of the ctkg graph, defined once.

Every node has ``kind`` (one of :class:`Kind`); every edge's key is its ``relation``
(one of :class:`Rel`), so ``G.edges(keys=True)`` reads as triples. Node ids are
``"<kind>:<stable id>"`` with content-hash ids for events and statements.
"""
from __future__ import annotations

import hashlib
from enum import Enum


class Kind(str, Enum):
    ARTICLE = "article"
    EVENT = "event"
    ACTOR = "actor"
    PLACE = "place"
    STATEMENT = "statement"


class Rel(str, Enum):
    AGENT = "agent"  # event -> actor: who did it
    TARGET = "target"  # event -> actor: to whom
    PLACE = "place"  # event -> place
    MENTIONED_IN = "mentioned_in"  # event -> article, one edge per mention (sentence, trigger)
    SOURCE = "source"  # event -> actor: who reported or claimed it ("according to X")
    SPEAKER = "speaker"  # statement -> actor
    STATED_IN = "stated_in"  # statement -> article, one edge per article that reports it (words, offsets, date)
    ABOUT = "about"  # statement -> event
    AFFILIATION = "affiliated_with"  # actor -> actor
    APPEARS_IN = "appears_in"  # actor/place -> article
    BEFORE = "before"  # event -> event, from their date intervals


# the attributes each kind of node carries (all nodes also have "kind" and "label")
NODE_ATTRS: dict[Kind, tuple[str, ...]] = {
    Kind.ARTICLE: ("article_id", "title", "publisher", "published", "path", "url", "status", "error",
                   "published_source", "n_events", "n_statements"),
    Kind.EVENT: ("event_id", "event_type", "mode", "cameo", "date", "date_start", "date_end", "date_precision",
                 "not_after", "modality", "killed", "injured", "displaced", "merge_reason"),
    Kind.ACTOR: ("actor_id", "name", "type", "country", "aliases"),
    Kind.PLACE: ("place_id", "name", "country", "latitude", "longitude", "geonameid", "aliases"),
    Kind.STATEMENT: ("statement_id", "kind_of", "text", "article", "char_start", "char_end", "date", "date_start",
                     "date_end", "date_precision", "medium", "speaker_name", "articles", "cue"),
}


def node_id(kind: Kind, ident: str) -> str:
    return f"{kind.value}:{ident}"


def stable_hash(*parts: object, n: int = 16) -> str:
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return h[:n]
