"""The normalizer's relative rules: this/last/next unit, "the day before", "earlier this week",
early/mid/late and part-of modifiers, "N days ago", "the past three years", durations, vague
spans, sets ("every Friday", "fortnightly"), clock times and past/present/future references.
Registered after the calendar rules (:mod:`.calendar_rules`).
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from graph.core.model import TimeValue
from graph.extract.temporal.calendar_rules import _r_weekend
from graph.extract.temporal.grammar import (
    _DAY_PART,
    _MON,
    _N,
    _NUM_WORD,
    _SEASON,
    _UNIT,
    _WD,
    _resolve_norm,
    _rule,
)
from graph.extract.temporal.values import (
    _Ctx,
    _day,
    _delta,
    _duration,
    _month,
    _narrow,
    _parse_num,
    _shift_unit,
    _unit_containing,
    _unresolved,
    _week_of,
    _year,
)
from graph.extract.temporal.vocabulary import (
    ANAPHORIC_UNITS,
    CALENDAR_UNITS,
    DURATION_FILLERS,
    IN_THE_UNITS,
    MODIFIERS,
    MONTHS,
    OFFSET_WORDS,
    PARTS_OF_DAY,
    PERIOD_PARTS,
    REFERENCE_WORDS,
    SEASONS,
    SET_WORDS,
    SPAN_QUALIFIERS,
    UNIT_PLURALS,
    UNITS,
    UTC_NAMES,
    WEEKDAY_NAMES,
    WEEKDAYS,
    alternation,
)

_REL_UNIT = r"(?P<unit>" + alternation(CALENDAR_UNITS) + ")"


@_rule(r"(?P<q>this|the current|current|that|the same|same) " + _REL_UNIT)
def _r_this_unit(m, ctx):
    if ctx.anchor is None:
        return _unresolved()
    base = ctx.ref if m["q"] in ("that", "the same", "same") else ctx.anchor
    return _unit_containing(base, m["unit"])


@_rule(r"(?P<q>last|next|previous|the previous|the preceding|preceding|the following|following|the next|the prior|prior)"
       r" " + _REL_UNIT)
def _r_last_next_unit(m, ctx):
    q, unit = m["q"], m["unit"]
    if ctx.anchor is None:
        return _unresolved()
    if q == "the next" and unit != "day":
        return None  # "the next week" is a duration (handled below)
    anaphoric = q.startswith("the") or q in ("previous", "preceding", "following", "prior")
    base = ctx.ref if anaphoric else ctx.anchor
    n = -1 if q in ("last", "previous", "the previous", "the preceding", "preceding", "the prior", "prior") else 1
    return _unit_containing(_shift_unit(base, unit, n), unit)


@_rule(r"the (?P<unit>" + alternation(ANAPHORIC_UNITS) + r") (?P<dir>before|after|earlier|later)")
def _r_the_day_before(m, ctx):
    if ctx.anchor is None:
        return _unresolved()
    n = -1 if m["dir"] in ("before", "earlier") else 1
    unit = "day" if m["unit"] == "night" else m["unit"]
    tv = _unit_containing(_shift_unit(ctx.ref, unit, n), unit)
    if m["unit"] == "night":
        d = tv.start
        return TimeValue(f"{d.isoformat()}TNI", "TIME", d, d, "day")
    return tv


@_rule(r"(?P<w>earlier|later) in the (?P<unit>" + alternation(IN_THE_UNITS) + ")")
def _r_earlier_in_the(m, ctx):
    """ "earlier in the day": the day (week...) of the reference, before / after it."""
    if ctx.anchor is None:
        return _unresolved()
    return _unit_containing(ctx.ref, m["unit"])


@_rule(r"(?P<w>earlier|later|early|late) (?P<q>this|that|today|tonight)"
       r"(?: (?P<unit>day|week|month|year|morning|afternoon|evening|night|weekend))?")
def _r_earlier_this(m, ctx):
    if ctx.anchor is None:
        return _unresolved()
    if m["q"] in ("today", "tonight"):
        if m["unit"]:
            return None
        return _day(ctx.anchor)
    if not m["unit"]:
        return None
    base_d = ctx.ref if m["q"] == "that" else ctx.anchor
    unit = m["unit"]
    if unit in PARTS_OF_DAY:
        return TimeValue(f"{base_d.isoformat()}T{PARTS_OF_DAY[unit]}", "TIME", base_d, base_d, "day")
    base = _r_weekend(re.match(r"(?P<q>this) weekend", "this weekend"), _Ctx(base_d, ctx.tense, None)) \
        if unit == "weekend" else _unit_containing(base_d, unit)
    if m["w"] in ("early", "late"):
        return _narrow(base, m["w"])
    if m["q"] == "that":
        return base
    if m["w"] == "earlier":  # from the start of the unit to the reference day
        if base.end <= base_d:
            return base
        return replace(base, end=max(base.start, base_d), precision="range")
    if base.start >= base_d:  # later: from the reference day to the end of the unit
        return base
    return replace(base, start=min(base.end, base_d), precision="range")


# "the close of" and "the turn of" only with "the"
_BARE_PERIOD_PARTS = [n for n in PERIOD_PARTS if n not in ("close", "turn")]
_MODIFIER = alternation([*MODIFIERS, *(f"the {noun} of" for noun in PERIOD_PARTS),
                         *(f"{noun} of" for noun in _BARE_PERIOD_PARTS), *_BARE_PERIOD_PARTS])


@_rule(r"(?:the )?(?P<mod>" + _MODIFIER + r")[\s-]+(?P<rest>.+)")
def _r_modified(m, ctx):
    """ "early 2015", "mid-December", "the end of the year", "the turn of the century"."""
    rest, mod = m["rest"], m["mod"]
    if mod in PERIOD_PARTS and not rest.startswith("of "):
        return None
    rest = re.sub(r"^of ", "", rest)
    if re.fullmatch(r"the (year|month|week|day|decade|century)", rest):
        if ctx.anchor is None:
            return _unresolved()
        base = _unit_containing(ctx.anchor, rest.split()[1])
    else:
        base = _resolve_norm(rest, ctx)
    if base is None or base.type == "DURATION" or base.type == "SET":
        return None
    noun = next((w for w in mod.split() if w in PERIOD_PARTS), None)
    how = mod if mod in MODIFIERS else PERIOD_PARTS[noun]
    if noun == "turn" and base.precision == "range" and len(base.value) == 2:
        return base  # "the turn of the century": the century itself
    if base.precision == "day" and base.start == base.end:
        return base  # "late Thursday": still that day
    return _narrow(base, how)


@_rule(r"(?:(?P<n>" + _N + r") )?(?P<unit>" + _UNIT + r") "
       r"(?P<dir>" + alternation(OFFSET_WORDS) + ")")
def _r_ago(m, ctx):
    """ "three days ago", "a year earlier" (from the reference), "two weeks from now"."""
    unit = UNITS[m["unit"]]
    n = _parse_num(m["n"]) if m["n"] else ("X" if m["unit"].endswith("s") else 1)
    if n is None:
        return None
    sign, counted_from, _ = OFFSET_WORDS[m["dir"]]
    future = sign > 0
    if n == "X":
        if counted_from == "anchor":  # "years ago", "weeks from now"
            return TimeValue("FUTURE_REF" if future else "PAST_REF", "DATE", None, None, "unknown")
        return _unresolved()
    if ctx.anchor is None:
        return _unresolved()
    base = ctx.anchor if counted_from == "anchor" else ctx.ref
    delta = _delta(n, unit)
    dt = datetime(base.year, base.month, base.day) + (delta if future else -delta)
    d = dt.date()
    if unit in ("second", "minute", "hour"):
        lo, hi = sorted((base, d))
        if lo == hi:
            return _day(lo)
        return TimeValue(d.isoformat(), "DATE", lo, hi, "range")
    if unit in ("day", "night"):
        return _day(d)
    if unit in ("week", "fortnight"):
        return _week_of(d)
    if unit == "month":
        return _month(d.year, d.month)
    return _year(d.year)  # "a decade ago": the year ten years back


# durations: "four years", "a month", "16-hour", "6-year-old", "a month-long", "monthlong",
# "the past three years", "several years", "two and a half years"
@_rule(r"(?P<the>the )?(?P<q>" + alternation(SPAN_QUALIFIERS) + ") "
       r"(?:(?P<n>" + _N + r")(?P<half> and a half)? )?(?P<unit>" + _UNIT + r")")
def _r_rel_duration(m, ctx):
    word, q = m["unit"], m["q"]
    unit = UNITS[word]
    plural = word.endswith("s")
    if m["n"]:
        n = _parse_num(m["n"])
        if n is None:
            return None
    else:
        if not plural and (q in ("previous", "following", "first", "final", "preceding", "prior")
                           or (q == "last" and not m["the"])):
            return None  # "last week", "the previous day": dates (other rules)
        n = "X" if plural else 1
    if n != "X" and m["half"]:
        n += 0.5
    tv = _duration(n, unit)
    if ctx.anchor is None or n == "X" or q not in ("past", "last", "recent", "next", "coming", "upcoming"):
        return tv
    a = datetime(ctx.anchor.year, ctx.anchor.month, ctx.anchor.day)
    if q in ("past", "last", "recent"):
        return replace(tv, start=(a - _delta(n, unit)).date(), end=ctx.anchor, precision="range")
    return replace(tv, start=ctx.anchor, end=(a + _delta(n, unit)).date(), precision="range")


@_rule(r"(?P<n>" + _N + r")(?P<half> and a half)?[\s-]+"
       r"(?:" + alternation(DURATION_FILLERS) + " )?"
       r"(?P<unit>" + _UNIT + r")(?P<half2> and a half)?(?:[\s-](?P<tail>old|long|plus))?(?:-?olds?)?"
       r"|(?P<unit2>" + _UNIT + r")-?long|(?P<unit3>" + _UNIT + r")(?: and a half)?"
       r"|(?P<n4>" + _N + r")-(?P<unit4>" + _UNIT + r")-long")
def _r_duration(m, ctx):
    if m["unit2"] or m["unit3"]:
        word = m["unit2"] or m["unit3"]
        unit = UNITS[word]
        plural = word in UNIT_PLURALS
        if m["unit3"] and not plural:
            return None  # a bare "year" is no expression
        return _duration("X" if plural else 1, unit)
    word = m["unit"] or m["unit4"]
    unit = UNITS[word]
    n = _parse_num(m["n"] or m["n4"])
    if n is None:
        return None
    if n != "X" and (m["half"] or m["half2"]):
        n += 0.5
    return _duration(n, unit)


@_rule(r"(?P<q>in |over |during |for )?(?P<w>recent|coming|the coming|the next|the past|the last|the following|"
       r"the ensuing|the previous) "
       r"(?P<unit>" + alternation(p for p in UNIT_PLURALS if p not in ("seconds", "minutes", "nights", "fortnights"))
       + ")")
def _r_vague_span(m, ctx):
    return _duration("X", UNITS[m["unit"]])


@_rule(r"(?:every|each) (?:other )?(?:(?P<n>" + _N + r") )?"
       r"(?P<unit>" + _UNIT + r"|" + _WD + r"|" + _MON + r"|" + _DAY_PART + "|" + _SEASON + r"|weekend)"
       r"|(?P<adv>" + alternation(SET_WORDS) + ")"
       r"|(?P<freq>once|twice|thrice|(?:" + _N + r") times) (?:a|an|per|each|every) (?P<unit2>" + _UNIT + r")"
       r"|(?P<wds>" + alternation((w + "s" for w in WEEKDAY_NAMES), lower=True) + ")")
def _r_set(m, ctx):
    if m["adv"]:
        return TimeValue(SET_WORDS[m["adv"]], "SET", None, None, "unknown")
    if m["wds"]:
        return TimeValue(f"XXXX-WXX-{WEEKDAYS[m['wds'][:-1]] + 1}", "SET", None, None, "unknown")
    word = m["unit"] or m["unit2"]
    if word in WEEKDAYS:
        return TimeValue(f"XXXX-WXX-{WEEKDAYS[word] + 1}", "SET", None, None, "unknown")
    if word in MONTHS:
        return TimeValue(f"XXXX-{MONTHS[word]:02d}", "SET", None, None, "unknown")
    if word in PARTS_OF_DAY:
        return TimeValue(f"XXXX-XX-XXT{PARTS_OF_DAY[word]}", "SET", None, None, "unknown")
    if word in SEASONS:
        return TimeValue(f"XXXX-{SEASONS[word]}", "SET", None, None, "unknown")
    if word == "weekend":
        return TimeValue("XXXX-WXX-WE", "SET", None, None, "unknown")
    n = _parse_num(m["n"]) if m["n"] else 1
    if n is None or n == "X":
        n = 1
    if "other" in m[0].split():
        n = 2 * n
    tv = _duration(n, UNITS[word])
    return TimeValue(tv.value, "SET", None, None, "unknown")


@_rule(r"(?P<h>\d{1,2})(?::(?P<mi>\d{2}))? ?(?P<ap>am|pm)(?: (?P<tz>[a-z]{2,4}|local time))?"
       r"|(?P<h2>\d{1,2}):(?P<mi2>\d{2})(?: (?:hours|hrs|h))?(?: (?P<tz2>[a-z]{2,4}|local time))?"
       r"|(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d) (?:hours |hrs )?(?P<tz3>"
       + alternation(UTC_NAMES, lower=True)[3:-1] + r"|z|local time)"
       r"|(?P<w>noon|midnight|midday)"
       r"|(?P<h4>\d{1,2}|" + _NUM_WORD + r") o'clock(?: (?P<ap4>am|pm|in the morning|in the afternoon|in the evening|"
       r"at night))?")
def _r_clock(m, ctx):
    if m["w"]:
        hh, mm = (24, 0) if m["w"] == "midnight" else (12, 0)
    elif m["h"] is not None:
        hh, mm = int(m["h"]), int(m["mi"] or 0)
        if hh > 12 or hh == 0:
            return None
        hh = hh % 12 + (12 if m["ap"] == "pm" else 0)
    elif m["h2"] is not None:
        hh, mm = int(m["h2"]), int(m["mi2"])
    elif m["h3"] is not None:
        hh, mm = int(m["h3"]), int(m["mi3"])
    else:
        hh = _parse_num(m["h4"]) if not m["h4"].isdigit() else int(m["h4"])
        if not isinstance(hh, int) or not 1 <= hh <= 12:
            return None
        mm = 0
        if m["ap4"] in ("pm", "in the afternoon", "in the evening", "at night") and hh < 12:
            hh += 12
    if hh > 24 or mm > 59:
        return None
    d = ctx.ref
    if d is None:
        return _unresolved("TIME")
    return TimeValue(f"{d.isoformat()}T{hh:02d}:{mm:02d}", "TIME", d, d, "day")


@_rule(r"(?P<w>" + alternation(REFERENCE_WORDS) + ")")
def _r_ref(m, ctx):
    """ "now", "recently", "in the near future": PRESENT_REF (the anchor day), PAST_REF, FUTURE_REF."""
    value = REFERENCE_WORDS[m["w"]]
    if value == "PRESENT_REF" and ctx.anchor is not None:
        return TimeValue(value, "DATE", ctx.anchor, ctx.anchor, "day")
    return TimeValue(value, "DATE", None, None, "unknown")
