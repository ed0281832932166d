"""The normalizer's rules for calendar expressions: ISO and numeric dates, month and day,
years, decades, centuries, quarters, halves, seasons, holidays, months, weekdays, today and
yesterday, parts of the day and weekends. Registered, in this order, before the relative
rules (:mod:`.relative_rules`); a handler that meets an impossible date raises ``ValueError``.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from graph.core.model import TimeValue
from graph.extract.temporal.grammar import (
    _DAY_PART,
    _DAYN,
    _MON,
    _SEASON,
    _WD,
    _YR,
    _resolve_norm,
    _rule,
)
from graph.extract.temporal.values import (
    _century,
    _day,
    _decade,
    _half,
    _holiday,
    _month,
    _narrow,
    _parse_ordinal,
    _pick_weekday,
    _pick_year_for,
    _quarter,
    _season,
    _season_of,
    _two_digit_year,
    _unresolved,
    _week_of,
    _weekend_of,
    _year,
)
from graph.extract.temporal.vocabulary import (
    DECADE_WORDS,
    HALF_ORDINALS,
    HOLIDAYS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    QUARTER_ORDINALS,
    SEASONS,
    WEEKDAYS,
    alternation,
)


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
