"""Typed records passed between the stages of ctkg.

Readers return :class:`Article`; the extractor turns one article into one
:class:`ParsedArticle` (its actors, places, events, statements and temporal
expressions, all with character offsets into ``Article.text``); the builder
folds parsed articles into one ``networkx.MultiDiGraph``. Nothing after the
builder sees these records: it takes only the graph.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# --- vocabularies shared by every stage -------------------------------------------------

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "OTHER",
)
ACTOR_TYPES = (
    "person", "military", "government", "armed_group", "igo", "ngo", "country", "media",
    "civilians", "other",
)
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
PRECISIONS = ("day", "week", "month", "year", "range", "unknown")
MODALITIES = ("asserted", "negated", "hypothetical", "future", "denied")


@dataclass(frozen=True)
class Article:
    """One input article as read: ``text`` is what every offset points into."""

    article_id: str
    text: str
    path: str = ""
    title: str = ""
    publisher: str = ""
    published: date | None = None
    published_source: str = ""  # sidecar, page, dateline, text, or "" when unknown
    url: str = ""
    language: str = "en"
    # spans of page furniture (menus, bylines, repeated captions) to leave out of extraction
    skip: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class ArticleFailure:
    """An input that could not be read; recorded in articles.csv with status ``error``."""

    article_id: str
    path: str
    reason: str


@dataclass(frozen=True)
class MissingInput(ArticleFailure):
    """An input path that names nothing (a missing file, a glob without a match): a failure
    that is no article, counted apart (stored and tabled like any ArticleFailure)."""


@dataclass(frozen=True)
class TimeValue:
    """A normalized time: TIMEX3 value, type, and the closed date interval it covers."""

    value: str = ""  # 2016-12-22, 2016-W51, 2016-12, 2016, P1W, PRESENT_REF, ... or ""
    type: str = "DATE"  # DATE, TIME, DURATION, SET
    start: date | None = None
    end: date | None = None
    precision: str = "unknown"  # day, week, month, year, range, unknown

    @property
    def resolved(self) -> bool:
        return self.start is not None and self.end is not None


@dataclass(frozen=True)
class Timex:
    """A temporal expression found in an article."""

    text: str
    start: int
    end: int
    time: TimeValue


@dataclass(frozen=True)
class ActorRef:
    """A mention of an actor, resolved to a canonical key (see graph.extract.actors)."""

    key: str  # canonical key, stable across articles
    name: str  # canonical display name
    type: str  # one of ACTOR_TYPES
    text: str  # the words in the article
    start: int
    end: int
    country: str = ""  # ISO 3166 alpha-3
    affiliation: str = ""  # canonical key of the actor this one belongs to


@dataclass(frozen=True)
class PlaceMatch:
    """A place name resolved against the offline gazetteer (coordinates may be unknown)."""

    name: str  # canonical name
    country: str = ""  # ISO 3166 alpha-3
    latitude: float | None = None
    longitude: float | None = None
    geonameid: str = ""
    feature: str = ""  # "country", "city", "admin", "region", ...
    admin1: str = ""  # GeoNames' first-level division it lies in (a first-level division: its own name)
    admin2: str = ""  # its second-level division (a county: its own name), where GeoNames' extract gives one


@dataclass(frozen=True)
class PlaceRef:
    """A mention of a place in an article."""

    key: str
    place: PlaceMatch
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class EventMention:
    """One report of an event in one article, with its roles as found in that sentence."""

    article_id: str
    event_type: str  # PLOVER
    mode: str  # finer type: air_strike, shelling, evacuation, ...
    cameo: str  # CAMEO root code, two digits
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    agents: tuple[ActorRef, ...] = ()
    targets: tuple[ActorRef, ...] = ()
    place: PlaceRef | None = None
    time: TimeValue = field(default_factory=TimeValue)
    time_text: str = ""  # the expression the date came from, "" when from the article date
    # an undated event the article reports as past: the latest day it can be (the article's date)
    not_after: date | None = None
    modality: str = "asserted"
    killed: int | None = None
    injured: int | None = None
    displaced: int | None = None
    source: str = ""  # canonical key of who reported it ("according to X"), if said
    # actor keys among agents/targets that the learned role model alone proposed: shown, but they
    # neither tie nor part two mentions when events are merged (the rules' roles do)
    learned: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        who = ", ".join(a.name for a in self.agents[:2])
        return f"{who + ': ' if who else ''}{self.trigger}"


@dataclass(frozen=True)
class Statement:
    """A quoted (direct) or reported (indirect) statement."""

    article_id: str
    kind: str  # direct | indirect
    text: str
    start: int
    end: int
    speaker: ActorRef | None
    time: TimeValue = field(default_factory=TimeValue)
    medium: str = ""  # "Twitter", "a statement posted by SANA", ...
    about: tuple[int, ...] = ()  # indexes into ParsedArticle.events
    cue: str = ""  # the word that reports it, as a lemma: "say", "deny", "warn", "according to", "claim"
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass
class ParsedArticle:
    """Everything extracted from one article: the carrier between parser and builder."""

    article: Article
    actors: list[ActorRef] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def intervals_overlap(a: TimeValue, b: TimeValue) -> bool | None:
    """Whether two resolved time values' intervals share a day; None when either is unresolved."""
    if not (a.resolved and b.resolved):
        return None
    return a.start <= b.end and b.start <= a.end
