"""The event lexicon: trigger words, their PLOVER/CAMEO types, and the named conditions.

``graph/data/event_lexicon.csv`` has one row per trigger: ``lemma, pos`` (V, N or any),
``plover`` (a PLOVER type), ``mode`` (the finer kind), ``cameo`` (root code) and an optional
``condition``: the name of a check the word must pass in its sentence to count ("strike"
only with a military modifier, "take" only of territory). A condition is a function
registered here under its name with :func:`condition`; :func:`load_lexicon` refuses a row
whose condition is not registered (a typo would otherwise silently disable the rule).
"""
from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from graph.core.errors import ConfigError
from graph.core.model import PLOVER_TYPES
from graph.extract.actors import ArticleEntities
from graph.lexicon.words import (
    DEATH_STATE_WORDS,
    OPENED_FIRE_OBJECTS,
    PERPETRATOR_NOUNS,
    STRIKE_MODS,
    TERRITORY,
    TOLL_WORDS,
    TRIGGER_COMPOUNDS,
    UNIT_HEAD_NOUNS,
    WEAPON_WORDS,
    WOUND_NOUNS,
)

if TYPE_CHECKING:
    from graph.extract.events import EventFinder

PACKAGED = "data/event_lexicon.csv"


@dataclass(frozen=True)
class LexEntry:
    lemma: str
    pos: str  # V, N or any
    plover: str
    mode: str
    cameo: str
    condition: str = ""


@dataclass
class Trigger:
    """A lexicon entry matched at a word of an article."""

    head: Token
    start: int  # char offsets of the trigger words
    end: int
    entry: LexEntry


# --- conditions ------------------------------------------------------------------------------
Condition = Callable[["EventFinder", Token], bool]
#: condition name (as written in the lexicon's ``condition`` column) -> check
CONDITIONS: dict[str, Condition] = {}


def condition(name: str) -> Callable[[Condition], Condition]:
    """Register a check under ``name`` for the lexicon's ``condition`` column."""
    def register(fn: Condition) -> Condition:
        if name in CONDITIONS:
            raise ValueError(f"condition {name!r} is registered twice")
        CONDITIONS[name] = fn
        return fn
    return register


@condition("take_territory")
def _take_territory(finder: EventFinder, tok: Token) -> bool:
    """"took the town", "seized control of", "took over": a capture, not "took part"."""
    kids = list(tok.children)
    objs = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    return any(o.lemma_.lower() in TERRITORY or finder.ents.place_at(o) is not None for o in objs) or any(
        c.dep_ == "prt" and c.lower_ == "over" for c in kids)


@condition("fire_weapon")
def _fire_weapon(finder: EventFinder, tok: Token) -> bool:
    """"fired rockets", "fired on protesters": not "fired the minister"."""
    kids = list(tok.children)
    return any(c.dep_ == "dobj" and c.lemma_.lower() in WEAPON_WORDS for c in kids) or any(
        c.dep_ == "prep" and c.lower_ in ("on", "at", "upon") for c in kids)


@condition("open_fire")
def _open_fire(finder: EventFinder, tok: Token) -> bool:
    """"opened fire on shoppers": shooting told by the weapon's fire opened, not "opened the door"."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in OPENED_FIRE_OBJECTS for c in tok.children)


@condition("down_particle")
def _down_particle(finder: EventFinder, tok: Token) -> bool:
    """"gunned down", "cut down": a phrasal verb of killing, only with its particle "down"."""
    return any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children)


@condition("up_particle")
def _up_particle(finder: EventFinder, tok: Token) -> bool:
    """"blew himself up", "blew up a bridge": an explosion, only with its particle "up"."""
    return any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children)


@condition("call_for")
def _call_for(finder: EventFinder, tok: Token) -> bool:
    """"called for a ceasefire", "called on X to ...": an appeal, not a name or a phone call."""
    kids = list(tok.children)
    return any(c.dep_ == "prep" and c.lower_ == "for" for c in kids) or any(
        c.dep_ == "xcomp" for c in kids) and any(c.dep_ == "dobj" for c in kids) and tok.lower_ != "called"


@condition("violent_strike")
def _violent_strike(finder: EventFinder, tok: Token) -> bool:
    """"air strikes", "a deadly strike": an attack, not a labour strike (a verb always is)."""
    mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
    return tok.pos_ == "NOUN" and bool(mods & STRIKE_MODS) or tok.pos_ == "VERB"


@condition("not_celebratory")
def _not_celebratory(finder: EventFinder, tok: Token) -> bool:
    """Not "celebratory gunfire"."""
    return not any(c.lower_ in ("celebratory", "celebration") for c in tok.children)


@condition("movement")
def _movement(finder: EventFinder, tok: Token) -> bool:
    """People moving: armed or civilian movers, or a move from or to a named place."""
    kids = list(tok.children)
    if tok.lemma_.lower() == "leave" and any(
            x.lower_ in TOLL_WORDS for x in tok.subtree if 0 < x.i - tok.i <= 6):
        return False  # "leaving 40 people dead": the toll of an attack, not a departure
    subj = finder.agent_tokens_raw(tok)
    movers = [finder.ents.actor_at(s) for s in subj]
    if any(m is not None and m.type in ("civilians", "armed_group", "military") for m in movers):
        return True
    return any(c.dep_ == "dobj" and finder.ents.place_at(c) is not None for c in kids) or any(
        c.dep_ == "prep" and c.lower_ in ("in", "at", "from") and any(
            finder.ents.place_at(p) is not None for p in c.children) for c in kids) and bool(movers)


@condition("not_escape")
def _not_escape(finder: EventFinder, tok: Token) -> bool:
    """People fleeing harm, not a gunman or a suspect escaping ("the gunman fled the scene", "the suspect fled
    on foot"): an escape is part of the crime, no displacement."""
    if any(c.dep_ == "dobj" and c.lemma_.lower() in ("scene", "area") for c in tok.children):
        return False
    subj = finder.agent_tokens_raw(tok)
    return not any(s.lemma_.lower() in PERPETRATOR_NOUNS for s in subj)


@condition("dead_state")
def _dead_state(finder: EventFinder, tok: Token) -> bool:
    """"X was pronounced dead", "police found X dead": a death told by the state someone was found in."""
    return any(c.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advcl", "dobj") and c.lower_ in DEATH_STATE_WORDS
               for c in tok.children)


@condition("wound_object")
def _wound_object(finder: EventFinder, tok: Token) -> bool:
    """"X suffered a gunshot wound", "X sustained injuries": an injury told by what someone suffered."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in WOUND_NOUNS for c in tok.children)


@condition("plural")
def _plural(finder: EventFinder, tok: Token) -> bool:
    """Only in the plural ("clashes")."""
    return tok.tag_ in ("NNS", "NNPS")


#: conditions that make a trigger of a verb with its object or particle, spanned together
PHRASAL_CONDITIONS = ("open_fire", "down_particle")


# --- loading ---------------------------------------------------------------------------------
def load_lexicon(path: str | Path, source: str | None = None) -> dict[tuple[str, str], LexEntry]:
    """(lemma, V|N) -> entry, from an event lexicon CSV. A row with an unknown PLOVER type or
    condition raises :class:`~graph.core.errors.ConfigError` as ``FILE:LINE: reason``."""
    where = source or str(path)
    with open(path, encoding="utf-8", newline="") as f:
        return _read(f, where)


def _read(f, where: str) -> dict[tuple[str, str], LexEntry]:
    out: dict[tuple[str, str], LexEntry] = {}
    reader = csv.DictReader(f)
    for row in reader:
        e = LexEntry(row["lemma"].strip().lower(), row["pos"].strip(), row["plover"].strip(),
                     row["mode"].strip(), row["cameo"].strip().zfill(2), (row.get("condition") or "").strip())
        if e.plover not in PLOVER_TYPES:
            raise ConfigError(f"{where}:{reader.line_num}: unknown PLOVER type {e.plover!r} for {e.lemma!r}")
        if e.condition and e.condition not in CONDITIONS:
            raise ConfigError(f"{where}:{reader.line_num}: unknown condition {e.condition!r}; "
                              f"known: {', '.join(sorted(CONDITIONS))}")
        for pos in (("V", "N") if e.pos == "any" else (e.pos,)):
            out[(e.lemma, pos)] = e
    return out


@lru_cache(maxsize=1)
def default_lexicon() -> dict[tuple[str, str], LexEntry]:
    """The packaged lexicon (graph/data/event_lexicon.csv), loaded once per process."""
    with resources.files("graph").joinpath(PACKAGED).open(encoding="utf-8", newline="") as f:
        return _read(f, "event_lexicon.csv")


# --- triggers --------------------------------------------------------------------------------
class TriggerFinder:
    """The trigger words of one parsed article: lexicon entries whose condition holds.

    The base of :class:`graph.extract.event_roles.RoleFinder` and
    :class:`graph.extract.events.EventFinder`, which add who took part, where, how many and
    how sure; conditions receive that finder.
    """

    def __init__(self, doc: Doc, ents: ArticleEntities, lexicon: dict | None = None):
        self.doc = doc
        self.ents = ents
        self.lex = lexicon if lexicon is not None else default_lexicon()

    def entry_for(self, tok: Token) -> LexEntry | None:
        e = self.lexical_entry(tok)
        if e is None or (e.condition and not CONDITIONS[e.condition](self, tok)):
            return None
        return e

    def lexical_entry(self, tok: Token) -> LexEntry | None:
        """The lexicon entry for a word, before its condition is checked."""
        if tok.is_space or tok.is_punct:
            return None
        pos = "V" if tok.pos_ in ("VERB", "AUX") else "N" if tok.pos_ in ("NOUN", "PROPN") else ""
        if not pos:
            return None
        lemma = tok.lemma_.lower()
        e = self.lex.get((lemma, pos)) or self.lex.get((tok.lower_, pos))
        if e is None and pos == "N" and tok.lower_.endswith("s"):
            e = self.lex.get((tok.lower_[:-1], pos))
        return e

    def triggers(self, sent: Span) -> list[Trigger]:
        out: list[Trigger] = []
        for tok in sent:
            e = self.entry_for(tok)
            if e is None:
                continue
            nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
            if e.pos != "V" and tok.dep_ in ("compound", "amod") and (
                    tok.head.lemma_.lower() in UNIT_HEAD_NOUNS or (nxt is not None and nxt.lower_ in UNIT_HEAD_NOUNS)):
                continue  # "the homicide bureau", "bomb squad", "homicide detectives": who works on it, not an event
            start, end = tok.idx, tok.idx + len(tok.text)
            # multiword nouns: "air strikes", "car bomb", "suicide bombing"
            if e.pos != "V" and tok.pos_ in ("NOUN", "PROPN"):
                left = [c for c in tok.lefts if c.dep_ in ("compound",) and c.i == tok.i - 1
                        and c.lower_ in TRIGGER_COMPOUNDS]
                if left:
                    start = left[0].idx
            # phrasal triggers: "opened fire", "gunned down" span their object or particle
            if e.condition in PHRASAL_CONDITIONS:
                tail = [c for c in tok.rights if c.dep_ in ("dobj", "prt", "nsubjpass") and c.i <= tok.i + 2]
                if tail:
                    end = max(end, tail[0].idx + len(tail[0].text))
            out.append(Trigger(tok, start, end, e))
        # a noun trigger that is the object of another trigger verb of the same type is one event
        keep = []
        for t in out:
            if t.head.pos_ in ("NOUN", "PROPN") and t.head.dep_ == "compound" and t.head.head.i in {x.head.i for x in out}:
                continue  # "car bomb attack": keep the head noun
            keep.append(t)
        return keep

