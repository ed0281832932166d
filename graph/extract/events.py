"""What happened: event triggers, PLOVER/CAMEO types, roles, places, figures and modality.

:class:`EventFinder` is built in three layers, one module each:

* :mod:`graph.extract.event_lexicon`: the trigger lexicon (graph/data/event_lexicon.csv:
  lemma, part of speech, PLOVER type, finer mode, CAMEO root code, and an optional named
  condition) and :class:`~graph.extract.event_lexicon.TriggerFinder`;
* :mod:`graph.extract.event_roles`: who took part (:class:`~graph.extract.event_roles.RoleFinder`);
* this module: where (a place of the trigger's phrase or sentence, else the article's main
  city for "the area"), the figures (killed, injured, displaced) and the modality: negated,
  hypothetical (could, would, may, calls for, plan to), future (will), denied; the rest is
  asserted.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from graph.core.model import ActorRef, EventMention, PlaceRef
from graph.extract.actors import ArticleEntities
from graph.extract.event_lexicon import Trigger, default_lexicon
from graph.extract.event_roles import RoleFinder, dependents
from graph.lexicon.words import (
    ANAPHORIC_PLACES,
    APPEAL_VERBS,
    DEFINITE_DETERMINERS,
    DENY_VERBS,
    EVENT_VERBS,
    FUTURE_AUX,
    HYPO_AUX,
    INTENT_VERBS,
    INVOLVEMENT_WORDS,
    NAMED_AREA_NOUNS,
    NUMBER_WORDS,
    PLACE_PREPS,
    PLAN_VERBS,
    SITE_NOUNS,
    VICTIM_OWNER_MODES,
)

__all__ = ["EventFinder", "Trigger", "default_lexicon", "parse_number"]


def parse_number(tok: Token) -> int | None:
    """A figure written in digits or words ("12", "35,000", "twelve", "35 thousand"), or None."""
    t = tok.text.lower().replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return int(float(t))
    if t in NUMBER_WORDS:
        val = NUMBER_WORDS[t]
        # "35 thousand", "2.5 million"
        for c in tok.children:
            if c.dep_ in ("compound", "quantmod", "nummod") and re.fullmatch(r"[\d.,]+", c.text):
                try:
                    val = int(float(c.text.replace(",", "")) * val)
                except ValueError:
                    pass
        return val
    return None


def _actor_position(t: Token) -> bool:
    """Whether a word stands where an actor does: a subject or a possessor, or a name inside one."""
    head = t
    while head.dep_ in ("compound", "flat") and head.head.i != head.i:
        head = head.head
    return head.dep_ in ("nsubj", "nsubjpass", "poss") or t.dep_ == "poss"


class EventFinder(RoleFinder):
    """Finds event mentions in one parsed article: triggers, roles, place, figures, modality."""

    def __init__(self, doc: Doc, ents: ArticleEntities, lexicon: dict | None = None):
        super().__init__(doc, ents, lexicon)
        self._main_city: tuple[PlaceRef | None] | None = None

    # -- victims named apart from any attack word -------------------------------------
    def with_hurt_people(self, events: list[EventMention]) -> list[EventMention]:
        """The people the article says were hurt without an attack word ("X was taken to a hospital",
        "X was the victim") and that no event has as a target: targets of the article's first asserted
        attack on people (a shooting, killing, death or injury), unless they act in it."""
        hurt = self.coref.hurt
        if not hurt:
            return events
        taken = {t.key for ev in events for t in ev.targets}
        first = next((i for i, ev in enumerate(events) if ev.event_type == "ASSAULT" and ev.modality == "asserted"
                      and ev.mode in VICTIM_OWNER_MODES), None)
        if first is None:
            return events
        ev = events[first]
        acting = {a.key for a in ev.agents}
        extra = tuple(r for k, r in hurt.items() if k not in taken and k not in acting)
        if not extra:
            return events
        return events[:first] + [replace(ev, targets=ev.targets + extra)] + events[first + 1:]

    def local_civilians(self, refs: list[ActorRef], place: PlaceRef | None) -> list[ActorRef]:
        """People hurt whom the text does not give a nationality ("killed three people in Khan Younis")
        are the people of the event's place, not of the article's main country."""
        iso = place.place.country if place is not None else ""
        if not iso:
            return refs
        demonym = self.ents.resolver.geo.demonym
        out: list[ActorRef] = []
        for r in refs:
            if r.type == "civilians" and r.country and r.country != iso and not any(
                    demonym(w) for w in r.text.split()):
                r = self.ents.resolver.generic("civilians", iso, r.text, r.start, r.end)
            if all(o.key != r.key for o in out):
                out.append(r)
        return out

    # -- place, figures and modality ---------------------------------------------------
    def place(self, trig: Trigger, sent: Span) -> PlaceRef | None:
        h = trig.head
        main = self.main_city()
        # a nominal event that is the subject of a verb of effect ("the attack caused shock across
        # Israel", "the bombing drew condemnation in Europe"): that verb's places are not the event's
        effect = h.pos_ in ("NOUN", "PROPN") and h.dep_ in ("nsubj", "nsubjpass") and \
            h.head.lemma_.lower() not in EVENT_VERBS
        not_here = {t.i for t in h.head.subtree} - {t.i for t in h.subtree} if effect else set()
        # 1. a place in a prepositional phrase of the trigger (or of its verb)
        anchors = [h] + ([h.head] if h.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and not effect else [])
        for a in anchors:
            for c in a.subtree:
                if c.dep_ == "pobj" and c.head.lower_ in PLACE_PREPS | {"of"}:
                    p = self._place_phrase(c, main)
                    if p is not None:
                        return p
                if c.i != h.i and c.dep_ in ("dobj", "nsubjpass") and a.i == h.i:
                    p = self._place_phrase(c, main)
                    if p is not None:
                        return p
        # 2. a place elsewhere in the sentence: the most specific one
        # (a place named as a subject or owner is an actor there: "Israel said", "Israel's war")
        places = [p for t in sent if t.i not in not_here and not _actor_position(t)
                  for p in [self.ents.place_at(t)] if p is not None]
        if places:
            cities = [p for p in places if p.place.feature != "country"]
            return (cities or places)[0]
        # 3. "the area", "there": the article's main city
        if main is not None and any(t.lower_ == "there" or (t.lemma_ in ANAPHORIC_PLACES and any(
                d.lower_ == "the" for d in t.children)) for t in sent):
            return main
        # 4. the report's place: its dateline ("CHICAGO (AP) --"), else the city it names most
        return self.ents.dateline or main

    def _place_phrase(self, tok: Token, main: PlaceRef | None) -> PlaceRef | None:
        p = self.ents.place_at(tok)
        if p is not None:
            return p
        if tok.lemma_.lower() in NAMED_AREA_NOUNS:
            # "the town of Hit", "the Baghdad neighborhoods of Karrada and Shaab": the named place
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for q in c.children:
                        if q.dep_ == "pobj" and self.ents.place_at(q) is not None:
                            return self.ents.place_at(q)
        for c in tok.children:
            if c.dep_ == "poss" and tok.lemma_.lower() not in SITE_NOUNS:
                continue  # "Israel's war", "Syria's government": an owner, not a place
            if c.dep_ in ("compound", "amod", "poss") and self.ents.place_at(c) is not None:
                return self.ents.place_at(c)
        if tok.lemma_.lower() in ANAPHORIC_PLACES and any(d.lower_ in DEFINITE_DETERMINERS for d in tok.children):
            return main
        return None

    def main_city(self) -> PlaceRef | None:
        if self._main_city is not None:
            return self._main_city[0]
        self._main_city = (self._find_main_city(),)
        return self._main_city[0]

    def _find_main_city(self) -> PlaceRef | None:
        counts: dict[str, list[PlaceRef]] = {}
        for p in self.ents.places:
            if p.place.feature != "country":
                counts.setdefault(p.key, []).append(p)
        if not counts:
            return None
        best = sorted(counts.values(), key=lambda ps: (-len(ps), ps[0].start))[0]
        return best[0]

    def figures(self, trig: Trigger) -> dict[str, int]:
        h, e = trig.head, trig.entry
        nums: list[int] = []
        for t in [h] + dependents(h, "nsubj", "nsubjpass", "dobj"):
            for c in t.subtree if t.i != h.i else [c for c in h.children if c.dep_ in ("nummod", "quantmod")]:
                if c.dep_ in ("nummod",) or (c.like_num and c.dep_ in ("nummod", "quantmod", "compound")):
                    n = parse_number(c)
                    if n is not None and not (1900 <= n <= 2100 and c.tag_ == "CD" and len(c.text) == 4):
                        nums.append(n)
        if not nums:
            return {}
        n = max(nums)
        if e.plover == "RETREAT":
            return {"displaced": n}
        if e.mode in ("injury",):
            return {"injured": n}
        if e.mode in ("killing", "death", "mass_killing", "execution"):
            return {"killed": n}
        return {}

    def modality(self, trig: Trigger, agents: tuple = ()) -> str:
        """asserted, negated, hypothetical, future or denied. With ``agents`` (the roles found), an
        event whose actor's part in it is denied or negated ("X denied responsibility for the bombing",
        "X was not involved in the raid") is not asserted with that actor."""
        h = trig.head
        if agents and (m := self._involvement(h)):
            return m
        verb = h if h.pos_ in ("VERB", "AUX") else (h.head if h.dep_ in ("dobj", "nsubj", "nsubjpass") else h)
        chain = [verb]
        x = verb
        while x.dep_ in ("xcomp", "ccomp", "conj", "advcl") and x.head.i != x.i and len(chain) < 4:
            x = x.head
            chain.append(x)
        for v in chain[:1]:
            kids = {c.lower_ for c in v.children}
            if any(c.dep_ == "neg" for c in v.children) or "never" in kids or "no" in {
                    c.lower_ for c in h.children if c.dep_ == "det"}:
                return "negated"
            if kids & FUTURE_AUX or ("going" in kids and "to" in kids):
                return "future"
            if kids & HYPO_AUX:
                return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
            return "hypothetical"
        for v in chain[1:]:
            lemma = v.lemma_.lower()
            if lemma in DENY_VERBS and verb.dep_ in ("ccomp", "xcomp"):
                return "denied"
            if lemma in INTENT_VERBS and verb.dep_ in ("xcomp",):
                return "future" if lemma in PLAN_VERBS else "hypothetical"
        if h.dep_ == "pobj" and h.head.head.lemma_.lower() in APPEAL_VERBS:
            return "hypothetical"
        return "asserted"

    @staticmethod
    def _involvement(h: Token) -> str:
        """"negated" or "denied" when a nominal trigger is what an actor's part is denied in, else ""."""
        if h.dep_ != "pobj" or h.head.dep_ != "prep":
            return ""
        word = h.head.head  # "responsibility" (for), "involved" (in)
        took_part = word.lemma_.lower() in ("take", "play") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in ("part", "role") for c in word.children)  # "did not take part in"
        if not took_part and word.lemma_.lower() not in INVOLVEMENT_WORDS and word.lower_ not in INVOLVEMENT_WORDS:
            return ""
        for w in (word, word.head):
            if any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in w.children):
                return "negated"
            if w.lemma_.lower() in DENY_VERBS:
                return "denied"
            if w.pos_ in ("VERB", "AUX") and w.i != word.i:
                break
        return ""
