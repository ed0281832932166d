"""Finding temporal expressions in running text: :func:`find_timexes` (see the package docstring).

Own patterns, built from :mod:`.vocabulary` like the normalizer's, propose candidates with
TempEval-3 (TimeML TIMEX3) extents; context filters (:func:`_keep`) drop the false positives
("May" the verb, "some 2000 troops", ages, "the daily bulletin", "the fall of Aleppo");
overlaps go to the longest; each survivor is normalized by :func:`.normalize.resolve` with the
tense of its clause and, for anaphoric expressions, the last date mentioned before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from graph.core.model import TimeValue, Timex
from graph.extract.doctext import doc_text
from graph.extract.temporal.normalize import resolve
from graph.extract.temporal.tense import _token_at, tense_at
from graph.extract.temporal.values import TemporalError, _parse_num

# --- the vocabulary as patterns for running text (searched with re.I) ---------------------
from graph.extract.temporal.vocabulary import (
    A_DUR_PREV,
    ANAPHORIC_UNITS,
    COUNT_WORDS,
    DAY_PARTS,
    DIGIT_WORDS,
    DURATION_FILLERS,
    FUNCTION_WORDS,
    HALF_ORDINALS,
    HOLIDAY_BASES,
    HOLIDAYS,
    IN_THE_UNITS,
    MODIFIERS,
    MONTH_ABBREVIATIONS,
    MONTH_CONTEXT,
    MONTH_NAMES,
    MONTHS,
    NEEDS_PERIOD,
    NOT_PLURAL,
    NOT_YEAR_PREV,
    NUMBER_PHRASES,
    OFFSET_WORDS,
    ORDINALS,
    PERIOD_PARTS,
    QUARTER_ORDINALS,
    REFERENCE_WORDS,
    REFERENCE_WORDS_FOUND,
    SEASON_CONTEXT,
    SEASONS,
    SET_WORDS,
    SPAN_QUALIFIERS,
    TENS,
    TIME_ZONES,
    UNIT_PLURALS,
    UNIT_WORDS,
    UTC_NAMES,
    VAGUE_NUMBERS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAME_PREV,
    WEEKDAY_NAMES,
    WEEKDAYS,
    YEAR_STRONG,
    alternation,
)
from graph.lexicon.words import PERSON_NOUNS

try:  # the regular expression parser, to read what a pattern needs (_needs)
    from re import _constants as _sre, _parser as _sre_parser  # Python 3.11 and later
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre
    import sre_parse as _sre_parser

_WS = r"[ \t\u00a0]+"
_SEP = r"(?:[ \t\u00a0]+|-)"


def _alt(words) -> str:
    """alternation() with the finder's whitespace between the words of a phrase."""
    return alternation(words, space=_WS)


_F_MON_FULL = _alt(MONTH_NAMES)  # also used case-sensitively
_F_MON = _alt([*MONTH_NAMES, *(a + "." for a in MONTH_ABBREVIATIONS),
               *(a for a in MONTH_ABBREVIATIONS if a not in NEEDS_PERIOD)])
_F_WD = _alt(WEEKDAY_NAMES)
_F_WD_ABBR = _alt([*(a + "." for a in WEEKDAY_ABBREVIATIONS),
                   *(a for a in WEEKDAY_ABBREVIATIONS if a not in NEEDS_PERIOD)])
_F_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)(?![:/.]\d)"
_F_YR = r"(?:1[0-9]{3}|20[0-9]{2})(?![\d,.]\d)"
_F_NUMW = "(?:" + _alt(TENS) + "(?:[- ]" + _alt(DIGIT_WORDS) + ")?|" + _alt([*COUNT_WORDS, "hundred"]) + ")"
_F_DIGITS = r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_F_N_NOA = r"(?:" + _F_DIGITS + r"|" + _F_NUMW + r")"
_F_N = "(?:" + _F_DIGITS + "|" + _F_NUMW + "|" + _alt(
    w for w in [*NUMBER_PHRASES, *VAGUE_NUMBERS] if w not in ("a couple", "a number of", "numerous")) + ")"
_F_UNIT = _alt(UNIT_WORDS)
_F_UNIT_PL = _alt(UNIT_PLURALS)
_F_TZ = "(?-i:" + _alt(TIME_ZONES) + ")"
_F_MOD = "(?:" + _alt(MODIFIERS) + _SEP + ")"
_F_PART_OF = r"the" + _WS + _alt(n for n in PERIOD_PARTS if n not in ("close", "turn")) + _WS + r"of" + _WS
_F_ORD_CENT = r"(?:\d{1,2}(?:st|nd|rd|th)|" + _alt(ORDINALS) + ")"
_F_DAY_PART = _alt(DAY_PARTS)
_F_SEASON = _alt(SEASONS)
_F_HOLIDAY = _alt([*HOLIDAYS, *HOLIDAY_BASES])
# after "this", "last", "the": one-word names only ("the New Year's Eve party" names a party)
_F_HOLIDAY_WORD = _alt(h for h in HOLIDAY_BASES if " " not in h)
_F_AGO = _alt(w for w, (_, _, in_text) in OFFSET_WORDS.items() if in_text)
_END = r"(?![\w])"

_FINDERS: tuple[tuple[str, re.Pattern], ...] = tuple((k, re.compile(p, re.I)) for k, p in (
    ("date", r"\b(?:(?:" + _F_WD + r"|" + _F_WD_ABBR + r"),?" + _WS + r")?" + _F_MON + _WS
     + r"(?:the" + _WS + r")?" + _F_DAY + r"(?:(?:," + _WS + r"?|" + _WS + r")" + _F_YR + r")?" + _END),
    ("date", r"\b(?:(?:" + _F_WD + r"|" + _F_WD_ABBR + r"),?" + _WS + r")?(?:the" + _WS
     + r"(?=\d+(?:st|nd|rd|th)|\d+" + _WS + r"of" + _WS + r"))?" + _F_DAY + _WS
     + r"(?:of" + _WS + r")?" + _F_MON + r"(?:,?" + _WS + _F_YR + r")?" + _END),
    ("month_year", r"\b" + _F_MOD + r"?" + _F_MON + r",?" + _WS + r"(?:of" + _WS + r")?" + _F_YR + _END),
    ("iso", r"\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?(?![\w-])"),
    ("numeric", r"(?<![\w/.])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\w/])"),
    ("month_alone", r"\b(?P<mod>" + _F_MOD + r"|" + _F_PART_OF + r")?" + _F_MON_FULL + _END),
    ("rel", r"\b(?:(?:earlier|later|early|late|mid)" + _SEP + r"|" + _F_PART_OF + r")?"
     r"(?P<q>this|last|next|past|previous|following|coming|current|that|the" + _WS
     + r"(?:past|previous|following|coming|next|last|same|current|preceding)|the)" + _WS
     + r"(?P<u>week|weekend|month|year|quarter|decade|century|" + _F_SEASON + "|" + _F_DAY_PART + r"|day|" + _F_WD
     + r"(?:" + _WS + _F_DAY_PART + r")?|" + _F_MON_FULL + r"|" + _F_HOLIDAY_WORD + r")" + _END),
    ("rel_dur", r"\b(?:the" + _WS + r")?" + _alt(SPAN_QUALIFIERS) + _WS + r"(?:(?:" + _F_N + r")" + _WS
     + r"(?:and" + _WS + r"a" + _WS
     + r"half" + _WS + r")?" + _F_UNIT + r"|" + _F_UNIT_PL + r")" + _END),
    ("ago", r"\b(?:(?P<n>" + _F_N + r")" + _WS + r")?" + _F_UNIT + _WS
     + r"(?P<dir>" + _F_AGO + r")" + _END),
    ("the_x_before", r"\bthe" + _WS + _alt(ANAPHORIC_UNITS) + _WS + r"(?:before|after|earlier|later)(?:"
     + _WS + r"(?:yesterday|tomorrow))?" + _END),
    ("dur", r"\b(?P<n>" + _F_N + r")(?:" + _WS + r"and" + _WS + r"a" + _WS + r"half)?" + _WS
     + r"(?:" + _alt(DURATION_FILLERS) + _WS + r")?"
     + _F_UNIT + r"(?:" + _WS + r"and" + _WS + r"a" + _WS + r"half)?" + _END),
    ("adj_dur", r"\b" + _F_N_NOA + r"-(?:and-a-half-)?" + _F_UNIT + r"(?:-(?:old|long))?(?![\w-])"),
    ("long", r"\b" + _F_UNIT + r"-?long" + _END),
    ("weekday", r"\b(?:(?:early|late)" + _WS + r")?" + _F_WD + r"(?:" + _WS + _F_DAY_PART + r")?" + _END),
    ("weekday_set", r"\b(?:on|every)" + _WS + r"(?P<t>" + _F_WD + r"s)" + _END),
    ("deictic", r"\b(?:(?:earlier|later|early|late)" + _WS + r")?(?:today|tonight|yesterday|tomorrow)(?:" + _WS
     + _F_DAY_PART + r")?" + _END),
    ("overnight", r"\bovernight" + _END),
    ("ref", r"\b" + _alt(REFERENCE_WORDS_FOUND) + _END),
    ("ref", r"\bin" + _WS + r"(?P<t>" + _alt(w for w in REFERENCE_WORDS if w.startswith("the ")
                                            and w.endswith(("past", "future"))) + r")" + _END),
    ("ref", r"\bthese" + _WS + r"days" + _END),
    ("year", r"(?<![\w$#.,/:-])(?:" + _F_MOD + r"|" + _F_PART_OF + r")?(?:fiscal" + _WS + r"(?:year" + _WS + r")?)?"
     + _F_YR
     + r"(?![\w%]|-\d|/\d)"),
    ("decade", r"(?:\bthe" + _WS + r")?(?:\b" + _F_MOD + r")?(?:\b(?:1[0-9]|20)\d0'?s|'\d0s)" + _END),
    ("century", r"\b(?:the" + _WS + r")?" + _F_MOD + r"?" + _F_ORD_CENT + _WS + r"century" + _END),
    ("time", r"(?<![\w:.])(?:[01]?\d|2[0-3])(?::[0-5]\d)?(?:" + _WS + r")?(?:a\.m\.|p\.m\.|a\.m(?!\w)|p\.m(?!\w)|am"
     + _END + r"|pm" + _END + r")(?:" + _WS + _F_TZ + _END + r")?"),
    ("time24", r"(?<![\w:.,])(?:[01]?\d|2[0-3]):[0-5]\d(?:" + _WS + _F_TZ + r")?(?![\w:])"),
    ("time", r"(?<![\w:.,])(?:[01]\d|2[0-3])[0-5]\d" + _WS + _alt(UTC_NAMES) + _END),
    ("time", r"\b(?:noon|midnight|midday)" + _END),
    ("time", r"\b(?:\d{1,2}|" + _F_NUMW + r")" + _WS + r"o'clock" + _END),
    ("set", r"\b(?:every|each)" + _WS + r"(?:other" + _WS + r")?(?:(?:" + _F_N_NOA + r")" + _WS + r")?(?:" + _F_UNIT
     + r"|" + _F_WD + r"|" + _F_MON_FULL + r"|" + _F_DAY_PART + r"|weekend|"
     + _alt(s for s in SEASONS if s != "fall") + r")"  # not "each fall": a verb
     + _END),
    ("set", r"\b(?:once|twice|thrice|(?:" + _F_N_NOA + r")" + _WS + r"times)" + _WS + r"(?:a|an|per|each|every)"
     + _WS + _F_UNIT + _END),
    ("set_adv", r"\b" + _alt(SET_WORDS) + _END),
    ("quarter", r"\b(?:the" + _WS + r")?" + _alt(QUARTER_ORDINALS) + _WS
     + r"(?:fiscal" + _WS + r"|calendar" + _WS + r")?quarter(?:" + _WS + r"of" + _WS + r"(?:fiscal" + _WS
     + r"|the" + _WS + r")?(?:" + _F_YR + r"|(?:this|last|next)" + _WS + r"year)|" + _WS + _F_YR + r")?" + _END),
    ("quarter", r"\b(?-i:Q[1-4])(?:" + _WS + _F_YR + r")?" + _END),
    ("half", r"\b(?:the" + _WS + r")?" + _alt(HALF_ORDINALS) + _WS + r"half" + _WS + r"of" + _WS + r"(?:" + _F_YR
     + r"|(?:this|last|next|the)" + _WS + r"year|" + _F_MON_FULL + r")" + _END),
    ("season", r"\b" + _F_MOD + r"?(?:the" + _WS + r")?" + _F_SEASON + r"(?:" + _WS + r"(?:of"
     + _WS + r")?" + _F_YR + r")?" + _END),
    ("holiday", r"\b" + _F_HOLIDAY + r"(?:" + _WS + _F_YR + r")?" + _END),
    ("in_the_day", r"\b(?:earlier|later)" + _WS + r"in" + _WS + r"the" + _WS + _alt(IN_THE_UNITS) + _END),
    ("end_of", r"\bthe" + _WS + _alt(n for n in PERIOD_PARTS if n != "close") + _WS + r"of" + _WS + r"the" + _WS
     + r"(?:year|month|week|decade|century)" + _END),
    ("bare", r"\b(?:for|in)" + _WS + r"(?P<t>" + _alt(p for p in UNIT_PLURALS if p not in (
        "seconds", "minutes", "nights", "fortnights", "centuries")) + r")" + _END),
))

_NAME_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(w.lower() for h in HOLIDAY_BASES for w in h.split())
_HOLIDAY_NAMES = frozenset(h.lower() for h in HOLIDAY_BASES)
# "years ago", "days back": counted back from the anchor, so definite even without a number
_FROM_ANCHOR_BACK = re.compile(r"(?i)" + alternation(w for w, (sign, base, _) in OFFSET_WORDS.items()
                                                      if base == "anchor" and sign < 0) + "$")
@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    kind: str


def _prev_word(text: str, i: int) -> str:
    m = re.search(r"([\w$'’.-]+)[\s\u00a0]*$", text[max(0, i - 40):i])
    return m[1].lower().strip(".'’") if m else ""


def _next_word(text: str, i: int) -> str:
    m = re.match(r"[\s\u00a0]*([\w'’-]+)", text[i:i + 40])
    return m[1] if m else ""


def _names_capitalized(span: str) -> bool:
    """Month, weekday and holiday names must be capitalized ("may" and "march" are verbs)."""
    for w in re.findall(r"[A-Za-z']+", span):
        lw = w.lower()
        if lw in _NAME_WORDS and lw != "new" and not w[0].isupper():
            return False
    return True


def _ent_spans(doc) -> list[tuple[int, int]]:
    if doc is None:
        return []
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]


def _covered(s: int, e: int, spans) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def _keep(c: _Cand, text: str, ents, doc) -> bool:
    """Context filters against false positives (see the module docstring)."""
    span = text[c.start:c.end]
    low = span.lower()
    prev = _prev_word(text, c.start)
    nxt = _next_word(text, c.end)
    if not _names_capitalized(span):
        return False
    k = c.kind
    if k == "month_alone":
        if re.match(r"(?i)(?:early|mid|late|the\s)", span):
            return True
        if prev in ("and", "or", "to", "through"):  # "between March and May": only after another month
            before = text[max(0, c.start - 25):c.start]
            return bool(re.search(_F_MON_FULL + r"\s+(?:and|or|to|through)[\s\u00a0]*$", before))
        if prev in MONTH_CONTEXT or _covered(c.start, c.end, ents):
            return True
        # "December's vote"; never for the verbs "may" and "march"
        return bool(re.match(r"(?:'s|\u2019s)\b", text[c.end:c.end + 3])) and low not in ("may", "march")
    if k == "year":
        if prev in NOT_YEAR_PREV:
            return False  # "some 2000 troops", "Resolution 1973"
        after = text[c.end:c.end + 20]
        nounish = bool(re.match(r"[\s\u00a0]*(?:%|percent\b|per\b)", after)) or (
            (m := re.match(r"[\s\u00a0]+([a-z]+s)\b", after)) is not None and m[1] not in NOT_PLURAL)
        if re.match(r"(?i)(?:early|mid|late|fiscal|the\s)", span) or prev in YEAR_STRONG:
            return True  # "in 2012 rebels took ..." is still a year
        if nounish:  # "the 2000 soldiers" (a number) vs "the 2000 elections" (a year): ask the parser
            return _covered(c.start, c.end, ents)
        return 1900 <= int(re.search(r"\d{4}", span)[0]) <= 2099 or _covered(c.start, c.end, ents)
    if k in ("dur", "adj_dur"):
        if re.match(r"(?i)an?\s", span) and not re.match(r"(?i)an?\s+(?:few|couple|dozen|hundred)\b", span):
            if prev not in A_DUR_PREV:
                return False
            if nxt[:1].isalpha() and nxt.lower() not in FUNCTION_WORDS:
                return False  # "for a second time", "in a day care center"
        if re.search(r"(?i)\bage[ds]?\b", text[max(0, c.start - 25):c.start]) or \
                re.match(r"[\s\u00a0]+of[\s\u00a0]+age\b", text[c.end:c.end + 12], re.I):
            return False  # "aged from one to 12 years", "18 years of age"
        if re.match(r"(?i)(?:some|many|few)\s", span) and k == "dur" and not re.search(r"(?i)(?:years?|months?|weeks?|"
                                                                                       r"days?|hours?|decades?)$", low):
            return False
        if re.match(r"[\s\u00a0]*(?:-\s*)?olds?\b", text[c.end:c.end + 8], re.I) or prev == "aged":
            return False
        if low.endswith("-old"):
            # "the 6-year-old war" is a duration, "a 6-year-old boy" and "a 45-year-old" are ages
            return bool(nxt) and nxt[0].islower() and nxt.lower() not in PERSON_NOUNS \
                and not nxt.lower().endswith("-old")
        return True
    if k == "ago":  # "years later" and "some years later" count from nothing definite
        if _FROM_ANCHOR_BACK.search(span):
            return True
        m = re.match(r"(?i)(" + _F_N + r")\s", span)
        return bool(m) and _parse_num(re.sub(r"\s+", " ", m[1].lower())) != "X"
    if k == "the_x_before":
        if re.search(r"(?i)(?:yesterday|tomorrow)$", span):
            return True
        return not nxt or not nxt[0].isalnum() or not re.match(r"[\s\u00a0]*\w", text[c.end:c.end + 2])
    if k == "rel":
        m = re.match(r"(?i)(?:(?:earlier|later|early|late|mid)[\s-]+|the\s+(?:end|beginning|start|middle)\s+of\s+)?"
                     r"(this|last|next|past|previous|following|coming|current|that|the\s+\w+|the)\s+(\S+)$", span)
        if not m:
            return True
        q, u = m[1].lower(), m[2].lower()
        if q == "that" and (u in WEEKDAYS or u in MONTHS or u in _HOLIDAY_NAMES):
            return False  # "said that Friday ..." is a complementizer
        if q == "the" and u != "weekend":
            return False
        if u == "day" and q not in ("that", "the same", "the next", "the following", "the previous", "the preceding"):
            return False
        if u == "fall" and q in ("the",) and re.match(r"[\s\u00a0]+of\b", text[c.end:c.end + 5]):
            return False
        return True
    if k == "season":
        if re.search(r"\d{4}$", span) or re.match(r"(?i)(?:early|mid|late)", span):
            return True
        if re.match(r"[\s\u00a0]+of\b", text[c.end:c.end + 5]) or span[-1:].isupper() or \
                any(ch.isupper() for ch in span.split()[-1]):
            return False  # "the fall of Aleppo", "the Arab Spring"
        return prev in SEASON_CONTEXT or low.startswith("the ")
    if k == "weekday":
        return prev not in WEEKDAY_NAME_PREV
    if k == "ref":
        if low == "now":
            return not re.match(r"-\w", text[c.end:c.end + 2])  # "now-defunct"
        if low == "soon":
            return prev != "as" and nxt.lower() not in ("after", "afterwards", "afterward", "as", "enough",
                                                        "thereafter")
        return True
    if k == "set_adv":
        if doc is not None:
            tok = _token_at(doc, c.start, c.end)
            if tok is not None:
                return tok.pos_ == "ADV" or prev in ("twice", "once", "times")
        return (prev in ("twice", "once", "times", "thrice") or not re.match(r"[\s\u00a0]+[a-z]", text[c.end:c.end + 2])
                or nxt.lower() in FUNCTION_WORDS)  # "meets quarterly and ..." but not "the daily bulletin"
    if k == "set":
        if re.match(r"(?i)each\s", span) and re.match(r"[\s\u00a0]+of\b", text[c.end:c.end + 5]):
            return False
        return True
    if k == "time24":
        return bool(re.search(_F_TZ + r"$", span)) or prev in ("at", "around", "about", "by", "until", "till",
                                                              "before", "after", "from", "since", "approximately")
    if k == "holiday":
        # "the Christmas market" names a thing, not a day
        return span[0].isupper() and not (prev in ("the", "a", "an") and nxt[:1].islower())
    return True


def _lowered(pattern: str) -> str | None:
    """A finder's pattern with its letters in lower case, to be searched without re.I in a lower-cased
    text (:func:`_folded`; Python's matcher is about twice as fast on a case-sensitive pattern), or None
    for a pattern that must keep re.I: one with a case-sensitive part ("(?-i:Q[1-4])"), an escape in
    capitals (``\\W``), a range of letters other than a-z and A-Z, or a character outside ASCII other
    than the no-break space."""
    if "(?-i" in pattern or re.search(r"\\[uUxN](?!00a0)", pattern) or any(
            c.isalnum() for c in pattern if not c.isascii()):
        return None
    rest = re.sub(r"\(\?P[<=]", "", pattern)
    classes = re.findall(r"(?<!\\)\[((?:\\.|[^\]\\])*)\]", rest)
    if re.search(r"\\[A-Z]", rest) or any(re.search(r"(?<!\\)[A-Za-z]-[^\]]", c.replace("a-z", "").replace("A-Z", ""))
                                           for c in classes):
        return None
    return re.sub(r"\(\?P[<=]|[^(]+", lambda m: m.group(0) if m.group(0).startswith("(?P") else m.group(0).lower(),
                  pattern)


def _needs(items) -> list[frozenset[str]]:
    """What every match of a parsed (case-sensitive) pattern contains: a list of sets of strings, each
    set one of which is in the matched text. Literal runs outside optional parts count, a group or a
    repeat of at least one only for what it needs itself, and an alternation for the union of its
    alternatives' best needs (nothing when one of them needs nothing)."""
    out: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is _sre.LITERAL:
            run += chr(av)
            continue
        if run:
            out.append(frozenset([run]))
            run = ""
        if op is _sre.SUBPATTERN and not av[1] and not av[2]:  # a group without flags of its own
            out += _needs(av[3])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            out += _needs(av[2])
        elif op is _sre.BRANCH:
            alternatives = [_best_need(_needs(a)) for a in av[1]]
            if all(a is not None for a in alternatives):
                out.append(frozenset().union(*alternatives))
    if run:
        out.append(frozenset([run]))
    return out


def _best_need(needs: list[frozenset[str]]) -> frozenset[str] | None:
    """The need that rules out most texts at the least cost: its shortest string the longest, of at
    most 12 strings of two characters or more."""
    useful = [n for n in needs if min(map(len, n)) >= 2 and len(n) <= 12]
    return max(useful, key=lambda n: (min(map(len, n)), -len(n), sorted(n))) if useful else None


# each finder with its lower-case form (None: searched with re.I only) and what a match of that form needs
# (a text of which none of these strings is part cannot match: that finder is not run over it)
_FAST: tuple[re.Pattern | None, ...] = tuple(
    re.compile(low) if (low := _lowered(rx.pattern)) is not None else None for _, rx in _FINDERS)
_FAST_NEEDS: tuple[frozenset[str] | None, ...] = tuple(
    _best_need(_needs(_sre_parser.parse(f.pattern).data)) if f is not None else None for f in _FAST)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD_STANDIN, _OTHER_STANDIN = "\u00aa", "\u00b6"  # a letter and a sign without case, in no pattern


def _folded(text: str) -> str | None:
    """``text`` lower-cased for the patterns of :data:`_FAST`, with the same length: each letter outside
    ASCII that has a case ("\u00e9", "\u00c9") stands as a caseless letter there, which those patterns
    (all ASCII) match exactly where re.I matches the letter itself; None when a letter outside ASCII is
    a case form of an ASCII one ("\u017f" of "s", "\u212a" of "k", "\u0131" of "i"): then re.I is searched."""
    if text.isascii():
        return text.lower()
    table: dict[int, str] = {}
    for c in set(_NON_ASCII.findall(text)):
        low, up = c.lower(), c.upper()
        if low == c == up:
            continue  # no case: the same in both
        if any(ch.isascii() for ch in low + up):
            return None
        table[ord(c)] = _WORD_STANDIN if c.isalnum() else _OTHER_STANDIN
    return text.translate(table).lower() if table else text.lower()


def _candidates(text: str, ents, doc) -> list[_Cand]:
    out = []
    low = _folded(text)
    for (kind, rx), fast, needs in zip(_FINDERS, _FAST, _FAST_NEEDS):
        if low is not None and fast is not None:
            if needs is not None and not any(n in low for n in needs):
                continue
            found = fast.finditer(low)
        else:
            found = rx.finditer(text)
        for m in found:
            s, e = (m.start("t"), m.end("t")) if "t" in rx.groupindex and m.group("t") else (m.start(), m.end())
            if e > s:
                out.append(_Cand(s, e, kind))
    return [c for c in out if _keep(c, text, ents, doc)]


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates, the longest first."""
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= o.start or o.end <= c.start for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


# --- find_timexes -----------------------------------------------------------------------

_NEEDS_TENSE = ("date", "month_alone", "rel", "weekday", "weekday_set", "season", "holiday", "quarter",
                "deictic", "overnight")


def find_timexes(text: str, anchor: date | None, *, doc=None,
                 skip: tuple[tuple[int, int], ...] = ()) -> list[Timex]:
    """Every temporal expression in text, normalized against anchor (see the module docstring).

    Offsets are Python string indices into text (end exclusive): ``text[t.start:t.end] == t.text``.
    """
    if not isinstance(text, str):
        raise TemporalError(f"text must be a string, not {type(text).__name__}")
    if doc is not None and doc_text(doc) != text:
        raise TemporalError("doc is not a parse of this text")
    ents = _ent_spans(doc)
    cands = [c for c in _select(_candidates(text, ents, doc))
             if not any(c.start < b and a < c.end for a, b in skip)]
    cands = _drop_restatements(text, cands)
    out: list[Timex] = []
    seen: list[TimeValue] = []  # the dates mentioned so far, for anaphoric expressions
    for c in cands:
        span = text[c.start:c.end]
        tense = "unknown"
        if c.kind in _NEEDS_TENSE:
            tense = tense_at(text, c.start, c.end, doc)
        if c.kind in ("time", "time24"):
            reference = _nearby_day(text, c, cands, anchor, doc) or anchor
        else:
            reference = _reference_for(span, seen)
        tv = resolve(span, anchor, tense=tense, reference=reference)
        out.append(Timex(span, c.start, c.end, tv))
        if tv.type in ("DATE", "TIME") and tv.resolved and _value_rank(tv.value.split("T")[0]) is not None \
                and c.kind not in ("the_x_before", "ago", "in_the_day"):
            seen.append(replace(tv, value=tv.value.split("T")[0]))
    return out


def _value_rank(value: str) -> int | None:
    """How fine a DATE value is: 0 day, 1 week, 2 month / quarter / half / season, 3 year."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return 0
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return 1
    if re.fullmatch(r"\d{4}-(?:\d{2}|Q[1-4]|H[12]|SP|SU|FA|WI)", value):
        return 2
    if re.fullmatch(r"\d{4}", value):
        return 3
    return None


_UNIT_RANK = {"hour": 0, "minute": 0, "second": 0, "day": 0, "night": 0, "morning": 0, "afternoon": 0, "evening": 0,
              "week": 1, "weekend": 1, "fortnight": 1, "month": 2, "year": 3, "decade": 3, "century": 3}
_ANAPHOR_UNIT = re.compile(r"(?i)\b(" + alternation(_UNIT_RANK)[3:-1] + r")s?\b")


def _reference_for(span: str, seen: list[TimeValue]) -> date | None:
    """The date an anaphoric expression counts from: the last one mentioned that is at least
    as fine as the expression's unit ("two days later" needs a day, "a year earlier" a year)."""
    m = _ANAPHOR_UNIT.search(span)
    if not m or not seen:
        return None
    rank = _UNIT_RANK[m[1].lower()]
    for tv in reversed(seen):
        if _value_rank(tv.value) <= rank:
            return tv.start
    return None


def _drop_restatements(text: str, cands: list[_Cand]) -> list[_Cand]:
    """A clock time in parentheses right after another one restates it in another zone."""
    out = []
    for i, c in enumerate(cands):
        if c.kind.startswith("time") and i and cands[i - 1].kind.startswith("time") \
                and re.fullmatch(r"[\s\u00a0]*\([\s\u00a0]*", text[cands[i - 1].end:c.start]):
            continue
        out.append(c)
    return out


def _nearby_day(text: str, c: _Cand, cands: list[_Cand], anchor, doc) -> date | None:
    """The day named right next to a clock time ("10:35 a.m. Friday", "Friday at 3 p.m.")."""
    best = None
    for o in cands:
        if o is c or o.kind not in ("date", "weekday", "deictic", "iso", "numeric"):
            continue
        gap = text[o.end:c.start] if o.end <= c.start else text[c.end:o.start]
        if len(gap) > 40 or "\n" in gap or re.search(r"[.;!?](?:\s|$)", gap.replace("a.m.", "").replace("p.m.", "")):
            continue
        tense = tense_at(text, o.start, o.end, doc)
        tv = resolve(text[o.start:o.end], anchor, tense=tense)
        if tv.resolved and tv.start == tv.end and (best is None or len(gap) < best[0]):
            best = (len(gap), tv.start)
    return best[1] if best else None


