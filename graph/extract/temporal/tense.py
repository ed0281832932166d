"""Tense and aspect: of a verb on a spaCy parse, or of a span from the cue words around it.

The finder passes the tense of the verb governing an expression to :func:`.normalize.resolve`
("said Thursday" is a past Thursday, "will meet Thursday" a future one); the dating of events
uses the aspect of the trigger's verb (past, perfect, present, future). Without a parse the
nearest tense cue word of the clause (:data:`.vocabulary.TENSE_CUES`) decides.
"""
from __future__ import annotations

import re

# (tense, regex of its cue words), tried in this order
from graph.extract.temporal.vocabulary import (
    BACKWARD_SIGNALS,
    FORWARD_SIGNALS,
    FUTURE_GOVERNORS,
    SAME_PAST_FORMS,
    TENSE_CUES,
    WEEKDAYS,
)
from graph.lexicon.words import SPEECH_VERBS, TENSE_MODALS

_TENSE_CUES = tuple((tense, re.compile(r"\b(?:" + "|".join(cues) + r")\b", re.I)) for tense, cues in TENSE_CUES)
_FORWARD_RE = re.compile(r"(?i)\b(?:" + "|".join(w.replace(" ", r"\s+") for w in FORWARD_SIGNALS) + r")[\s\u00a0]+$")
_WEEKDAY_RE = re.compile(r"(?i)(?:" + "|".join(WEEKDAYS) + r")\.?")
_BACKWARD_RE = re.compile(r"(?i)\b(?:" + "|".join(w.replace(" ", r"\s+") for w in BACKWARD_SIGNALS)
                          + r")[\s\u00a0]+$")


def _token_at(doc, start: int, end: int):
    """The root token of the doc span covering [start, end), or None."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root



# --- tense ------------------------------------------------------------------------------



def _verb_of(tok):
    """The verb governing tok (itself if a verb), climbing at most a few heads; a participle used as
    a preposition ("starting Friday", "following the attack") is no verb of its own."""
    v = tok
    for _ in range(8):
        if v.pos_ in ("VERB", "AUX") and v.dep_ not in ("amod", "compound", "prep"):
            return v
        if v.head.i == v.i:
            return None
        v = v.head
    return None


def _aspect(v, depth: int = 0, *, event: bool = False) -> str:
    """past, perfect, present, future or unknown for the verb token v. With event=True an
    infinitive under a past governor ("agreed to withdraw") is unknown rather than future:
    it is future only from the governor's point of view."""
    if v is None or depth > 3:
        return "unknown"
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if words & {"will", "shall", "'ll", "wo", "would", "'d"} and "have" not in words:
        return "future"
    if words & TENSE_MODALS:
        return "past" if "have" in words else "future"
    if (words & {"has", "have", "'ve"} and (v.tag_ == "VBN" or "been" in words)) or {"'s", "been"} <= words:
        return "perfect"  # "has been recaptured", "it's been retaken"
    if "had" in words or any(c.tag_ == "VBD" for c in auxes) or v.tag_ == "VBD":
        return "past"
    if any(c.tag_ in ("VBZ", "VBP") for c in auxes) or v.tag_ in ("VBZ", "VBP"):
        if v.lower_ in ("going",) or any(c.lower_ == "going" for c in v.children):
            return "future"
        return "present"
    if "to" in words or v.tag_ in ("VB", "VBG", "VBN"):
        head = v.head
        if v.dep_ in ("xcomp", "advcl", "acl", "ccomp", "conj", "csubj", "relcl") and head.i != v.i:
            if "to" in words and head.lemma_ in FUTURE_GOVERNORS:
                if not event:
                    return "future"
                governing = _aspect(head, depth + 1, event=True)
                return "future" if governing in ("present", "future") else "unknown"
            if v.tag_ == "VBN" and v.dep_ in ("acl", "relcl") and not words:
                return "past"  # "the resolution, approved Wednesday"
            return _aspect(head, depth + 1, event=event)
        if v.tag_ == "VBN" and not words:
            return "past"
    return "unknown"


def _tense_for_resolve(aspect: str) -> str:
    return {"perfect": "past", "past": "past", "present": "present", "future": "future"}.get(aspect, "unknown")


def _tense_from_doc(doc, s: int, e: int) -> str:
    tok = _token_at(doc, s, e)
    if tok is None:
        return "unknown"
    return _tense_for_resolve(_aspect(_verb_of(tok)))


def _scheduled(doc, s: int, e: int) -> bool:
    """Whether the weekday at [s, e) dates a present-tense verb that states a schedule: "the curfew
    takes effect Monday", "protesters are marching Saturday" (not "says", nor a present form that
    may be a past one: "stocks hurt the index Friday")."""
    tok = _token_at(doc, s, e)
    v = _verb_of(tok) if tok is not None else None
    if v is None or _aspect(v) != "present" or v.lemma_ in SPEECH_VERBS or not _modifies(tok, v):
        return False
    return v.tag_ == "VBZ" or v.tag_ == "VBG" or (v.tag_ == "VBP" and v.lower_ not in SAME_PAST_FORMS)


def _modifies(tok, v) -> bool:
    """Whether the expression tok is an adverbial of the verb v itself ("begins Monday", "opens on
    Monday"), not part of a noun phrase ("Monday's attack is the deadliest")."""
    h = tok.head
    if h.i == v.i:
        return tok.dep_ in ("npadvmod", "tmod", "obl", "advmod")
    return tok.dep_ == "pobj" and h.dep_ == "prep" and h.head.i == v.i


def tense_at(text: str, s: int, e: int, doc=None) -> str:
    """The tense that resolves the expression text[s:e]: of its verb on the parse (else of the
    nearest cue word), looking forward after "starting", "from", "effective" unless that verb
    is in the past, and for a present-tense schedule ("takes effect Monday"); looking back
    after "since"."""
    tense = _tense_from_doc(doc, s, e) if doc is not None else _tense_from_text(text, s, e)
    before = text[max(0, s - 20):s]
    if _BACKWARD_RE.search(before):
        return "past"
    if tense != "past" and _FORWARD_RE.search(before):
        return "future"
    if tense == "present" and doc is not None and _WEEKDAY_RE.fullmatch(text[s:e]) and _scheduled(doc, s, e):
        return "future"
    return tense


def _tense_from_text(text: str, s: int, e: int) -> str:
    """The tense of the words around [s, e) without a parse: the nearest cue word in its clause."""
    left = text[max(0, s - 80):s]
    cut = max(left.rfind(". "), left.rfind("\n"), left.rfind(";"), left.rfind("? "), left.rfind("! "), left.rfind(","))
    left = left[cut + 1:]
    right = text[e:e + 60]
    cut = min([i for i in (right.find(". "), right.find("\n"), right.find(","), right.find(";")) if i >= 0]
              or [len(right)])
    right = right[:cut]
    best = None
    for tense, rx in _TENSE_CUES:
        for m in rx.finditer(left):
            d = len(left) - m.end()
            if best is None or d < best[0]:
                best = (d, tense)
        for m in rx.finditer(right):
            d = m.start()
            if best is None or d < best[0]:
                best = (d, tense)
    return best[1] if best else "unknown"


