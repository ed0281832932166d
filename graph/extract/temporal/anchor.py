"""Dating events and statements by the expressions of their sentence: :func:`date_for_span`,
and the publication date of a dateline: :func:`dateline_date` (see the package docstring).

An expression is attached to the token it modifies on the spaCy dependency tree and to the
relation word before it ("since", "by", "after"); a trigger takes the expression of its own
clause (climbing conjuncts, transparent clauses, light verbs), else the date of the speech
verb that reports it, else a caption's trailing date; what none of these dates is undated (a
statement is dated to when it was reported, an event in the present tense to the time of writing).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from graph.core.model import TimeValue, Timex
from graph.extract.doctext import doc_text
from graph.extract.temporal.find import find_timexes
from graph.extract.temporal.tense import _aspect, _token_at, _verb_of
from graph.extract.temporal.values import (
    DEFAULT_PAST_DAYS,
    DEFAULT_RECENT_DAYS,
    PAST_REF_DAYS,
    TemporalError,
    _day,
    duration_delta,
)
from graph.extract.temporal.vocabulary import (
    BOUNDARY,
    IN_PREPS,
    NOMINAL_ARGS,
    SIGNALS,
    SIMULTANEOUS_MARKERS,
    SINCE_SIGNALS,
    UNTIL_SIGNALS,
)
from graph.lexicon.words import LIGHT_VERBS, SPEECH_VERBS

_SIGNAL_RE = re.compile(r"(?i)\b(" + "|".join(s.replace(" ", r"\s+") for s in SIGNALS) + r")[\s\u00a0]*$")


def _transparent(tok) -> bool:
    """A clause that shares its governor's time: participial clauses without a subject or
    marker ("Speaking Thursday, X warned"; "..., toppling a building") and when/while/as
    clauses ("last year when Russia stepped up air assaults")."""
    if tok.dep_ not in ("advcl", "csubj"):
        return False
    marks = {c.lower_ for c in tok.children if c.dep_ in ("mark", "advmod") and c.tag_ in ("IN", "WRB")}
    if marks:
        return marks <= SIMULTANEOUS_MARKERS
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    return tok.tag_ in ("VBG", "VBN") and not has_subject




def _climbs(tok) -> bool:
    """Whether tok shares the time of its head (see _clause_chain)."""
    if tok.dep_ in BOUNDARY:
        return _transparent(tok)
    if tok.dep_ == "pcomp":  # "by shelling the town" shares the time, "after bombing it" does not
        return tok.head.lower_ in IN_PREPS or tok.head.lower_ == "by"
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ in ("compound", "conj", "appos"):
            return True
        if tok.dep_ == "pobj":  # "killed in an attack": the attack is when the killing was
            return tok.head.lower_ in IN_PREPS
        if tok.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "attr"):
            return tok.head.lemma_ in LIGHT_VERBS  # not "condemned the bombing"
        return False
    return True


def _clause_chain(tok) -> list:
    """tok and the heads that share its time, up to the head of its clause: transparent
    clause boundaries are crossed; an event noun reaches its verb only when the verb is light
    or the noun is the setting of the verb ("in an attack")."""
    chain = [tok]
    while tok.head.i != tok.i and _climbs(tok):
        tok = tok.head
        chain.append(tok)
    return chain


@dataclass(frozen=True)
class _Anchored:
    timex: Timex
    governor: object  # the token the expression modifies (spaCy Token) or None
    signal: str


def _attach(doc, t: Timex, text: str) -> _Anchored:
    root = _token_at(doc, t.start, t.end)
    g, signal = None, ""
    if root is not None and root.head.i != root.i:
        g = root.head
        if root.dep_ == "pobj" and (g.dep_ in ("prep", "agent") or g.pos_ == "ADP"):
            signal = g.lower_
            g = g.head if g.head.i != g.i else None
            if g is not None and signal == "of" and g.lower_ == "as":
                signal, g = "as of", (g.head if g.head.i != g.i else None)
        # the governor must lie outside the expression itself; a noun compound is one noun
        while g is not None and g.head.i != g.i and (t.start <= g.idx < t.end or g.dep_ == "compound"):
            g = g.head
    m = _SIGNAL_RE.search(text[max(0, t.start - 20):t.start])
    if m:
        signal = re.sub(r"\s+", " ", m[1].lower())
    return _Anchored(t, g, signal)


def _as_day_value(tv: TimeValue) -> TimeValue:
    """An event date from an expression: a TIME of one day becomes that DATE."""
    if tv.type == "TIME" and tv.resolved and tv.start == tv.end:
        return _day(tv.start)
    if tv.type == "TIME" and tv.resolved:
        return TimeValue("", "DATE", tv.start, tv.end, "range")
    return tv


def _interval(start: date, end: date) -> TimeValue:
    if start > end:
        start, end = end, start
    if start == end:
        return _day(start)
    return TimeValue("", "DATE", start, end, "range")


def _relate(tv: TimeValue, signal: str, aspect: str, anchor: date | None) -> TimeValue | None:
    """The interval an event lies in, given the expression that governs it and the relation word."""
    if tv.type == "SET":
        return None
    if tv.type == "DURATION":
        if tv.resolved:  # "the past three years"
            return TimeValue("", "DATE", tv.start, tv.end, "range")
        delta = duration_delta(tv.value)
        if delta is None or anchor is None or aspect == "future" or signal in ("in", "within") and aspect == "future":
            return None
        start = (datetime(anchor.year, anchor.month, anchor.day) - delta).date()
        return TimeValue("", "DATE", start, anchor, "range")
    if tv.value == "PAST_REF":
        if anchor is None:
            return None
        return TimeValue("", "DATE", anchor - timedelta(days=PAST_REF_DAYS), anchor, "range")
    if tv.value == "FUTURE_REF":
        return TimeValue("FUTURE_REF", "DATE", None, None, "unknown")
    if not tv.resolved:
        return None
    if tv.value == "PRESENT_REF":  # "is now under government control": holds on the article's day
        return _day(tv.start)
    tv = _as_day_value(tv)
    s, e = tv.start, tv.end
    window = timedelta(days=DEFAULT_PAST_DAYS)
    if signal in SINCE_SIGNALS and anchor is not None and s <= anchor:
        return _interval(s, max(e, anchor))
    if signal in UNTIL_SIGNALS:
        return _interval(min(s, e - window), e)
    if signal == "before":
        return _interval(s - window, s - timedelta(days=1))
    if signal == "after":
        lo = e + timedelta(days=1)
        hi = anchor if anchor is not None and anchor >= lo and aspect != "future" else lo + window
        return _interval(lo, hi)
    return tv


def _governing(trig, anchored: list[_Anchored]) -> _Anchored | None:
    """The expression of trig's own clause (step 1 of date_for_span)."""
    chain = _clause_chain(trig)
    index = {tok.i: n for n, tok in enumerate(chain)}
    past = _aspect(_verb_of(trig), event=True) in ("past", "perfect")
    best = None
    for a in anchored:
        g = a.governor
        if g is None:
            continue
        dated = a.timex.time.type in ("DATE", "TIME")
        if g.i in index:
            rank = (0, index[g.i])
        elif g.pos_ in ("VERB", "AUX") and (hit := next((index[t.i] for t in _clause_chain(g)[1:] if t.i in index),
                                                         None)) is not None:
            rank = (0, hit + 1)  # in a when/as clause of trig's clause: "said as dawn broke Saturday"
        elif (dated and past and g.dep_ in NOMINAL_ARGS and g.head.i in index
              and g.head.pos_ in ("VERB", "AUX")):
            rank = (1, index[g.head.i])  # "the Aug. 7 blasts killed 257"
        elif (dated and past and g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") and g.head.lower_ in IN_PREPS
              and g.head.head.i in index and g.head.head.pos_ in ("VERB", "AUX")):
            rank = (1, index[g.head.head.i])  # "in Sunday's debate, X attacked him": the occasion's date
        else:
            continue
        key = (rank[0], 0 if dated else 1, rank[1], abs(a.timex.start - trig.idx))
        if best is None or key < best[0]:
            best = (key, a)
    return best[1] if best else None


def _speech_governor(trig):
    """The speech verb whose complement holds trig's clause ("..., the army said Thursday")."""
    verb = _verb_of(trig) or trig
    head = _clause_chain(verb)[-1]
    if head.dep_ in ("ccomp", "parataxis") and head.head.i != head.i:
        # the speech verb, or one whose when/as clause the parser hung the complement on
        for t in _clause_chain(head.head):
            if t.lemma_ in SPEECH_VERBS:
                return t
    for c in head.children:
        if c.dep_ in ("parataxis", "ccomp", "advcl") and c.lemma_ in SPEECH_VERBS and c.i > verb.i:
            return c
    return None


def _caption_date(sent, anchored: list[_Anchored], text: str) -> _Anchored | None:
    """A caption's trailing date: ", Dec. 20, 2016." closing the sentence."""
    for a in anchored:
        t = a.timex
        tail = text[t.end:sent.end_char]
        head = text[sent.start_char:t.start].rstrip()
        if (t.time.type == "DATE" and t.time.precision == "day" and re.search(r"\d", t.text)
                and re.fullmatch(r"[\s.)\"'\u201d]*", tail) and head.endswith(",")):
            return a
    return None


def _default(aspect: str, anchor: date | None, speech: bool, floor: date | None = None) -> TimeValue:
    """The date of what no expression dates: a statement is made when it is reported (the day
    of the article or the one before), an event in the present tense holds at the time of
    writing (the same window), a future one has no interval (``FUTURE_REF``); a past, perfect
    or tenseless event is undated: the text does not say when it happened (the builder
    records that it was no later than the article's date)."""
    if anchor is None:
        return TimeValue()
    if not speech and aspect == "future":
        return TimeValue("FUTURE_REF", "DATE", None, None, "unknown")
    if not speech and aspect != "present":
        return TimeValue()
    start = anchor - timedelta(days=DEFAULT_RECENT_DAYS)
    if floor is not None and start < floor <= anchor:
        start = floor
    return _interval(start, anchor)


def date_for_span(doc, start: int, end: int, timexes: list[Timex], anchor: date | None, *,
                  speech: bool = False, text: str | None = None) -> tuple[TimeValue, str]:
    """Date the event (speech=False) or statement (speech=True) whose trigger is text[start:end].

    Returns the TimeValue and the text of the expression that governs it ("" when nothing in
    the text dates it: then an event is undated, or dated to the time of writing when it is in
    the present tense, and a statement is dated to when it was reported). See the module
    docstring for the order of the rules.
    """
    if not (isinstance(start, int) and isinstance(end, int)) or start < 0 or end < start:
        raise TemporalError(f"invalid span [{start}, {end})")
    if doc is None:
        return _default("unknown", anchor, speech), ""
    if text is None:
        text = doc_text(doc)
    if end > len(text):
        raise TemporalError(f"span [{start}, {end}) lies outside the text ({len(text)} characters)")
    trig = _token_at(doc, start, max(end, start + 1))
    if trig is None:
        return _default("unknown", anchor, speech), ""
    sent = trig.sent
    anchored = [_attach(doc, t, text) for t in timexes
                if sent.start_char <= t.start and t.end <= sent.end_char and t.time.value]
    verb = _verb_of(trig)
    aspect = _aspect(verb, event=True) if verb is not None else "unknown"

    # 1. the expression of the trigger's own clause
    a = _governing(trig, anchored)
    if a is not None:
        tv = _relate(a.timex.time, a.signal, aspect, anchor)
        if tv is not None:
            return tv, a.timex.text

    # 2. an event reported by a dated speech verb
    if not speech:
        sv = _speech_governor(trig)
        if sv is not None:
            a = _governing(sv, anchored)
            if a is not None and a.timex.time.type in ("DATE", "TIME") and a.timex.time.resolved:
                x = _relate(a.timex.time, a.signal, "past", anchor)
                if x is not None and x.resolved:
                    if aspect in ("present", "perfect"):
                        return x, a.timex.text
                    if aspect != "future":
                        return _interval(x.start - timedelta(days=DEFAULT_PAST_DAYS), x.end), a.timex.text

    # 3. a caption's trailing date
    a = _caption_date(sent, anchored, text)
    if a is not None:
        tv = _relate(a.timex.time, a.signal, aspect, anchor)
        if tv is not None and tv.resolved:
            return tv, a.timex.text

    # 4. nothing dates it: a statement is made when reported (not before a day it reports), an
    #    event in the present tense holds at the article's date, any other event is undated
    floor = None
    if speech and anchor is not None:
        days = [x for x in anchored if x.governor is not None and x.timex.time.type in ("DATE", "TIME")
                and x.timex.time.resolved and x.timex.time.start == x.timex.time.end and x.timex.time.start <= anchor]
        if days:  # (the words under the trigger only when some day may be among them)
            below = {t.i for t in trig.subtree}
            days = [x.timex.time.start for x in days if x.governor.i in below]
        floor = max(days) if days else None
    return _default(aspect, anchor, speech, floor), ""


DATELINE_CHARS = 400  # how far into the text a dateline may sit


def dateline_date(text: str, *, today: date | None = None) -> date | None:
    """The publication date given by a dateline: the first explicit full date in the
    opening lines ("BEIRUT, Dec. 22, 2016 (AP) -", "Published 22 December 2016"), or None.

    Only explicit day dates count (nothing relative can be resolved without an anchor), and
    never one after ``today`` (a dateline is not in the future).
    """
    head = text[:DATELINE_CHARS]
    limit = today or date.today()
    for t in find_timexes(head, None):
        tv = t.time
        if tv.type == "DATE" and tv.precision == "day" and tv.start is not None and tv.start <= limit:
            return tv.start
    return None
