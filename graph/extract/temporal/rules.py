"""The normalizer's rules: each a full-match regex on one normalized expression and its handler.

The rules are tried in the order they are defined here (``_resolve_norm``); the first whose
handler returns a :class:`~graph.core.model.TimeValue` wins, and a handler that meets an
impossible date ("Feb. 30") raises ``ValueError`` so that the next rule is tried. Every word
list in the patterns comes from :mod:`.vocabulary`, lower-cased by ``alternation``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from graph.core.model import TimeValue
from graph.extract.temporal.values import (
    _century, _Ctx, _parse_num, _parse_ordinal, _day, _decade, _delta, _duration, _half, _holiday, _month,
    _narrow, _pick_weekday, _pick_year_for, _quarter, _season, _season_of, _shift_unit, _two_digit_year,
    _unit_containing, _unresolved, _week_of, _weekend_of, _year,
)
from graph.extract.temporal.vocabulary import (
    ANAPHORIC_UNITS, CALENDAR_UNITS, DAY_PARTS, DECADE_WORDS, DIGIT_WORDS, DURATION_FILLERS, HALF_ORDINALS,
    HOLIDAYS, IN_THE_UNITS, MODIFIERS, MONTHS, NUMBER_PHRASES, OFFSET_WORDS, ORDINALS, PART_NOUNS, PARTS_OF_DAY,
    QUARTER_ORDINALS, REFERENCE_WORDS, SEASONS, SET_WORDS, SMALL_NUMBERS, SPAN_QUALIFIERS, TENS, UNIT_PLURALS,
    UNITS, UTC_NAMES, VAGUE_NUMBERS, WEEKDAY_NAMES, WEEKDAYS, alternation,
)

# --- normalization of one expression ----------------------------------------------------

# --- the vocabulary as lower-case regex pieces -----------------------------------------------

_NUM_WORD = ("(?:" + alternation(TENS) + r"(?:[\s-]" + alternation(DIGIT_WORDS) + ")?|"
             + alternation([*SMALL_NUMBERS, "a hundred", "hundred"]) + ")")
# a number as written before a unit (normalized, lower-case text)
_N = (r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + _NUM_WORD + "|" + alternation([*NUMBER_PHRASES, *VAGUE_NUMBERS])
      + ")")
_UNIT = alternation(UNITS)
_UNIT_PLURAL = alternation(UNIT_PLURALS)
_MON = alternation(MONTHS)
_WD = alternation(WEEKDAYS)
_DAYN = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YR = r"(?:1\d{3}|2\d{3})"
_SEASON = alternation(SEASONS)
_DAY_PART = alternation(DAY_PARTS)


# --- rules: each a full-match regex on the normalized text and a handler -----------------

_RULE_LIST: list[tuple[re.Pattern, object]] = []  # filled by @_rule at import, then frozen into _RULES


def _rule(pattern: str):
    """Register a rule: a full-match regex on the normalized expression and its handler,
    tried in the order of definition."""
    def deco(fn):
        _RULE_LIST.append((re.compile(pattern), fn))
        return fn
    return deco


@_rule(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:t(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2})?)?"
       r"|(?P<y2>\d{4})/(?P<m2>\d{1,2})/(?P<d2>\d{1,2})")
def _r_iso(m, ctx):
    y, mo, d = (int(m["y"]), int(m["m"]), int(m["d"])) if m["y"] else (int(m["y2"]), int(m["m2"]), int(m["d2"]))
    day = date(y, mo, d)
    if m["h"]:
        return TimeValue(f"{day.isoformat()}T{int(m['h']):02d}:{m['mi']}", "TIME", day, day, "day")
    return _day(day)


@_rule(r"(?P<y>\d{4})-(?P<m>\d{2})")
def _r_iso_month(m, ctx):
    return _month(int(m["y"]), int(m["m"]))


@_rule(r"(?P<y>\d{4})-w(?P<w>\d{2})(?P<we>-we)?|(?P<y2>\d{4})-(?P<k>q[1-4]|h[12]|sp|su|fa|wi)")
def _r_timex_value(m, ctx):
    """TIMEX3 values given back as text: 2016-W51, 2016-W50-WE, 2016-Q4, 2016-H1, 2015-SU."""
    if m["y"]:
        monday = date.fromisocalendar(int(m["y"]), int(m["w"]), 1)
        return _weekend_of(monday + timedelta(days=5)) if m["we"] else _week_of(monday)
    y, k = int(m["y2"]), m["k"]
    if k[0] == "q":
        return _quarter(y, int(k[1]))
    if k[0] == "h":
        return _half(y, int(k[1]))
    return _season(y, k.upper())


@_rule(r"p(?P<t>t?)(?P<n>x|\d+(?:\.\d+)?)(?P<code>de|ce|[smhdwy])")
def _r_duration_value(m, ctx):
    """TIMEX3 duration values given back as text: P4Y, PT5H, PXM, P1DE."""
    code = m["code"].upper()
    if m["t"] and code not in "SMH" or not m["t"] and code in ("S", "H"):
        return None
    n = m["n"].upper()
    return TimeValue(f"P{m['t'].upper()}{n}{code}", "DURATION", None, None, "unknown")


@_rule(r"(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})")
def _r_numeric(m, ctx):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if len(m["y"]) == 2:
        y = _two_digit_year(y, ctx)
        if y is None:
            return _unresolved()
    # 12/22/2016 is US month/day, 22.12.2016 European day.month; the impossible reading loses
    day_first = (m["sep"] == "." and b <= 12) or a > 12
    mo, d = (b, a) if day_first else (a, b)
    return _day(date(y, mo, d))



@_rule(r"(?:" + _WD + r",? )?(?:the )?(?P<mon>" + _MON + r"),? (?:the )?(?P<d>" + _DAYN + r")(?:,? (?P<y>" + _YR + r"))?"
       r"|(?:" + _WD + r",? )?(?:the )?(?P<d2>" + _DAYN + r") (?:of )?(?P<mon2>" + _MON + r")(?:,? (?P<y2>" + _YR + r"))?")
def _r_month_day(m, ctx):
    mon = MONTHS[m["mon"] or m["mon2"]]
    d = int(re.match(r"\d+", m["d"] or m["d2"])[0])
    y = m["y"] or m["y2"]
    if y:
        return _day(date(int(y), mon, d))
    if ctx.anchor is None:
        return _unresolved()
    y = _pick_year_for(ctx.anchor, lambda yy: _day(date(yy, mon, d)), ctx.tense)
    return _day(date(y, mon, d))


@_rule(r"(?P<mon>" + _MON + r"),? (?:of )?(?P<y>" + _YR + r")")
def _r_month_year(m, ctx):
    return _month(int(m["y"]), MONTHS[m["mon"]])


@_rule(r"(?:the )?(?:(?:fiscal|calendar)(?: year)? |fy ?|the year |year )?(?P<y>" + _YR + r")")
def _r_year(m, ctx):
    return _year(int(m["y"]))


@_rule(r"(?:the )?'(?P<yy>\d{2})")
def _r_short_year(m, ctx):
    y = _two_digit_year(int(m["yy"]), ctx)
    return _year(y) if y is not None else _unresolved()


@_rule(r"(?:the )?(?P<c>1\d|20)(?P<d>\d)0'?s|(?:the )?'(?P<d2>\d)0s"
       r"|(?:the )?(?P<w>" + alternation(DECADE_WORDS) + ")")
def _r_decade(m, ctx):
    if m["c"]:
        return _decade(int(m["c"]) * 100 + int(m["d"]) * 10)
    d = int(m["d2"]) if m["d2"] else DECADE_WORDS[m["w"]]
    if ctx.anchor is None:
        return _unresolved()
    base = ctx.anchor.year - ctx.anchor.year % 100
    first = base + 10 * d
    if first > ctx.anchor.year:
        first -= 100
    return _decade(first)


@_rule(r"(?:the )?(?P<o>\d{1,2}(?:st|nd|rd|th)|" + alternation(ORDINALS)[3:-1] + ") century")
def _r_century(m, ctx):
    n = _parse_ordinal(m["o"])
    if not n or n > 29:
        return None
    return _century((n - 1) * 100)


@_rule(r"(?:the )?(?P<o>" + alternation(QUARTER_ORDINALS) + r") (?:fiscal |calendar )?quarter"
       r"(?: of (?:fiscal |the )?(?P<rest>.+)| (?P<y>" + _YR + r"))?|q(?P<q>[1-4])(?: (?P<y2>" + _YR + r"))?")
def _r_quarter(m, ctx):
    q = int(m["q"]) if m["q"] else QUARTER_ORDINALS[m["o"]]
    y = m["y"] or m["y2"]
    if m["rest"]:
        base = _resolve_norm(m["rest"], ctx)
        if not base or base.precision != "year" or not base.start:
            return None
        return _quarter(base.start.year, q)
    if y:
        return _quarter(int(y), q)
    if ctx.anchor is None:
        return _unresolved()
    return _quarter(_pick_year_for(ctx.anchor, lambda yy: _quarter(yy, q), ctx.tense, timedelta(0)), q)


@_rule(r"(?:the )?(?P<o>" + alternation(HALF_ORDINALS) + r") half(?: of (?P<rest>.+))?")
def _r_half(m, ctx):
    h = HALF_ORDINALS[m["o"]]
    if m["rest"]:
        base = _resolve_norm(m["rest"], ctx)
        if not base or not base.start:
            return base
        if base.precision == "year":
            return _half(base.start.year, h)
        return _narrow(base, "early" if h == 1 else "late2")
    if ctx.anchor is None:
        return _unresolved()
    return _half(ctx.anchor.year, h)


@_rule(r"(?P<q>this|last|next|the coming|coming|the past|past|the previous|previous|the following|following)? ?"
       r"(?P<s>" + _SEASON + r")(?: (?:of )?(?P<y>" + _YR + r"))?"
       r"|(?:the )?(?P<s2>" + _SEASON + r")(?: (?:of )?(?P<y2>" + _YR + r"))?")
def _r_season(m, ctx):
    code = SEASONS[m["s"] or m["s2"]]
    y = m["y"] or m["y2"]
    if y:
        return _season(int(y), code)
    if ctx.anchor is None:
        return _unresolved()
    q = (m["q"] or "").replace("the ", "")
    a = ctx.anchor
    cur = _season_of(a)
    cands = [_season(yy, code) for yy in (a.year - 2, a.year - 1, a.year, a.year + 1)]
    if q in ("last", "past", "previous"):
        return max((s for s in cands if s.end < cur.start), key=lambda s: s.start)
    if q in ("next", "coming", "following"):
        return min((s for s in cands if s.start > cur.end), key=lambda s: s.start)
    if q == "this":
        if cur.value.endswith(code):
            return cur
        return _season(_pick_year_for(a, lambda yy: _season(yy, code), ctx.tense, timedelta(0)), code)
    return _season(_pick_year_for(a, lambda yy: _season(yy, code), ctx.tense, timedelta(0)), code)


@_rule(r"(?P<q>this|last|next|the coming|coming|the past|past|the previous|previous|the following|following)? ?"
       r"(?P<h>" + alternation(HOLIDAYS, lower=True) + r")(?: (?P<y>" + _YR + r"))?")
def _r_holiday(m, ctx):
    name = m["h"]
    if m["y"]:
        return _day(_holiday(name, int(m["y"])))
    if ctx.anchor is None:
        return _unresolved()
    q = (m["q"] or "").replace("the ", "")
    tense = {"last": "past", "past": "past", "previous": "past", "next": "future", "coming": "future",
             "following": "future"}.get(q, ctx.tense)
    y = _pick_year_for(ctx.anchor, lambda yy: _day(_holiday(name, yy)), tense, timedelta(0))
    return _day(_holiday(name, y))


@_rule(r"(?P<q>this|last|next|past|coming|the coming|the past|the previous|previous|the following|following)? ?"
       r"(?P<mon>" + _MON + r")")
def _r_month_alone(m, ctx):
    mon = MONTHS[m["mon"]]
    if ctx.anchor is None:
        return _unresolved()
    a = ctx.anchor
    q = (m["q"] or "").replace("the ", "")
    if q in ("last", "past", "previous"):
        y = a.year if mon < a.month else a.year - 1
    elif q in ("next", "coming", "following"):
        y = a.year if mon > a.month else a.year + 1
    elif q == "this":
        y = a.year
    else:
        y = _pick_year_for(a, lambda yy: _month(yy, mon), ctx.tense, timedelta(0))
    return _month(y, mon)


_PART_RE = r"(?P<part>" + _DAY_PART + ")"


@_rule(r"(?:(?P<q>this|last|next|past|coming|the previous|previous|the following|following) )?"
       r"(?P<wd>" + _WD + r")(?: " + _PART_RE + r")?"
       r"|(?P<part2>" + _DAY_PART + r") (?:of |on )?(?P<wd2>" + _WD + r")")
def _r_weekday(m, ctx):
    wd = WEEKDAYS[m["wd"] or m["wd2"]]
    part = m["part"] or m["part2"]
    if ctx.anchor is None:
        return _unresolved("TIME" if part else "DATE")
    q = (m["q"] or "")
    if q in ("previous", "the previous"):
        d = _pick_weekday(ctx.ref, wd, "past", "last")
    elif q in ("following", "the following"):
        d = _pick_weekday(ctx.ref, wd, "future", "next")
    elif q in ("last", "past"):
        d = _pick_weekday(ctx.anchor, wd, "past", "last")
    elif q in ("next", "coming"):
        d = _pick_weekday(ctx.anchor, wd, "future", "next")
    else:
        d = _pick_weekday(ctx.anchor, wd, "past" if ctx.tense == "unknown" else ctx.tense)
    if part:
        return TimeValue(f"{d.isoformat()}T{PARTS_OF_DAY[part]}", "TIME", d, d, "day")
    return _day(d)


@_rule(r"(?P<w>today|tonight|yesterday|tomorrow|the day before yesterday|the day after tomorrow)"
       r"(?:'s)?(?: " + _PART_RE + r")?")
def _r_deictic(m, ctx):
    if ctx.anchor is None:
        return _unresolved("TIME" if m["part"] or m["w"] == "tonight" else "DATE")
    off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
           "the day after tomorrow": 2}[m["w"]]
    d = ctx.anchor + timedelta(days=off)
    part = m["part"] or ("night" if m["w"] == "tonight" else None)
    if part:
        return TimeValue(f"{d.isoformat()}T{PARTS_OF_DAY[part]}", "TIME", d, d, "day")
    return _day(d)


@_rule(r"(?P<q>this|last|that|the same|same) " + _PART_RE)
def _r_part_of_day(m, ctx):
    if ctx.anchor is None:
        return _unresolved("TIME")
    part = m["part"]
    if m["q"] == "last":
        d = ctx.anchor - timedelta(days=1)
    elif m["q"] in ("that", "the same", "same"):
        d = ctx.ref
    else:
        d = ctx.anchor
    return TimeValue(f"{d.isoformat()}T{PARTS_OF_DAY[part]}", "TIME", d, d, "day")


@_rule(r"overnight|over ?night")
def _r_overnight(m, ctx):
    if ctx.anchor is None:
        return _unresolved("TIME")
    d = ctx.anchor if ctx.tense == "future" else ctx.anchor - timedelta(days=1)
    return TimeValue(f"{d.isoformat()}TNI", "TIME", d, d + timedelta(days=1), "range")


@_rule(r"(?:(?P<q>this|last|next|past|coming|the past|the coming|the previous|previous|the following|following|that|"
       r"the same|the) )?weekend")
def _r_weekend(m, ctx):
    if ctx.anchor is None:
        return _unresolved()
    q = (m["q"] or "the").replace("the ", "")
    a = ctx.anchor
    if q in ("previous", "same", "that", "following"):
        a = ctx.ref
    back = (a.weekday() - 5) % 7  # days since the last Saturday (0 on a Saturday)
    last_sat = a - timedelta(days=back)
    if q in ("last", "past", "previous"):
        sat = last_sat if last_sat + timedelta(days=1) < a else last_sat - timedelta(days=7)
    elif q in ("next", "coming", "following"):
        sat = last_sat + timedelta(days=7)
    elif q in ("this", "the", "that", "same"):
        if ctx.tense == "future" and a.weekday() < 5:
            sat = last_sat + timedelta(days=7)
        elif ctx.tense == "present" and a.weekday() < 5 and (5 - a.weekday()) < back:
            sat = last_sat + timedelta(days=7)
        else:
            sat = last_sat
    else:
        sat = last_sat
    return _weekend_of(sat)


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
_BARE_PART_NOUNS = [n for n in PART_NOUNS if n not in ("close", "turn")]
_MODIFIER = alternation([*MODIFIERS, *(f"the {noun} of" for noun in PART_NOUNS),
                         *(f"{noun} of" for noun in _BARE_PART_NOUNS), *_BARE_PART_NOUNS])


@_rule(r"(?:the )?(?P<mod>" + _MODIFIER + r")[\s-]+(?P<rest>.+)")
def _r_modified(m, ctx):
    """ "early 2015", "mid-December", "the end of the year", "the turn of the century"."""
    rest, mod = m["rest"], m["mod"]
    if mod in PART_NOUNS and not rest.startswith("of "):
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
    noun = next((w for w in mod.split() if w in PART_NOUNS), None)
    how = mod if mod in MODIFIERS else PART_NOUNS[noun]
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


_RULES: tuple[tuple[re.Pattern, object], ...] = tuple(_RULE_LIST)
del _RULE_LIST

def _resolve_norm(s: str, ctx: _Ctx) -> TimeValue | None:
    for rx, fn in _RULES:
        m = rx.fullmatch(s)
        if m:
            try:
                tv = fn(m, ctx)
            except ValueError:  # "Feb. 30", "2016-13": this reading is impossible, try the next
                continue
            if tv is not None:
                return tv
    return None

