"""Time values and calendar arithmetic shared by the temporal modules.

The package's error and settings (TENSES, MONTH_DAY_SLACK, the default windows), builders of
:class:`~graph.core.model.TimeValue` for a day, week, month, year, decade, century, quarter,
half, season and weekend, durations and their ``relativedelta``, the context of one
resolution (anchor, tense, reference) and the choices that depend on it: which Thursday,
which year for a month-day, the early / mid / late part of an interval.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import TH, relativedelta

from graph.core.errors import CtkgError
from graph.core.model import TimeValue
from graph.extract.temporal.vocabulary import (
    HOLIDAYS,
    NUMBER_PHRASES,
    ORDINALS,
    SEASON_MONTHS,
    SMALL_NUMBERS,
    TENS,
    UNIT_CODE,
    VAGUE_NUMBERS,
)


class TemporalError(CtkgError):
    """A temporal function was called with an invalid argument (tense, span, type)."""


TENSES = ("past", "present", "future", "unknown")

#: a month-day without a year may lie this many days after the anchor and still be past
MONTH_DAY_SLACK = timedelta(days=2)
#: the week a "by X" / "before X" event lies in, and the week before a dated report of a past event
DEFAULT_PAST_DAYS = 7
#: a statement without a date of its own, or a present-tense event, lies in [anchor - DEFAULT_RECENT_DAYS, anchor]
DEFAULT_RECENT_DAYS = 1
#: "recently" / PAST_REF dates an event to [anchor - PAST_REF_DAYS, anchor]
PAST_REF_DAYS = 30
# --- builders -------------------------------------------------------------------------------


def _day(d: date, type_: str = "DATE") -> TimeValue:
    return TimeValue(d.isoformat(), type_, d, d, "day")


def _week_of(d: date) -> TimeValue:
    y, w, _ = d.isocalendar()
    start = date.fromisocalendar(y, w, 1)
    return TimeValue(f"{y}-W{w:02d}", "DATE", start, start + timedelta(days=6), "week")


def _month(y: int, m: int) -> TimeValue:
    start = date(y, m, 1)
    return TimeValue(f"{y:04d}-{m:02d}", "DATE", start, start + relativedelta(months=1, days=-1),
                     "month")


def _year(y: int) -> TimeValue:
    return TimeValue(f"{y:04d}", "DATE", date(y, 1, 1), date(y, 12, 31), "year")


def _decade(first_year: int) -> TimeValue:
    return TimeValue(f"{first_year // 10:03d}", "DATE", date(first_year, 1, 1),
                     date(first_year + 9, 12, 31), "range")


def _century(first_year: int) -> TimeValue:
    return TimeValue(f"{first_year // 100:02d}", "DATE", date(first_year, 1, 1),
                     date(first_year + 99, 12, 31), "range")


def _quarter(y: int, q: int) -> TimeValue:
    start = date(y, 3 * q - 2, 1)
    return TimeValue(f"{y}-Q{q}", "DATE", start, start + relativedelta(months=3, days=-1), "range")


def _half(y: int, h: int) -> TimeValue:
    start = date(y, 6 * h - 5, 1)
    return TimeValue(f"{y}-H{h}", "DATE", start, start + relativedelta(months=6, days=-1), "range")


def _season(y: int, code: str) -> TimeValue:
    start = date(y, SEASON_MONTHS[code], 1)
    return TimeValue(f"{y}-{code}", "DATE", start, start + relativedelta(months=3, days=-1), "range")


def _season_of(d: date) -> TimeValue:
    """The season that d lies in (a winter starts in December of the year before January)."""
    code, first = max(((c, m) for c, m in SEASON_MONTHS.items() if m <= d.month), key=lambda cm: cm[1],
                      default=("WI", SEASON_MONTHS["WI"]))
    return _season(d.year if first <= d.month else d.year - 1, code)


def _weekend_of(saturday: date) -> TimeValue:
    y, w, _ = saturday.isocalendar()
    return TimeValue(f"{y}-W{w:02d}-WE", "DATE", saturday, saturday + timedelta(days=1), "range")


def _unresolved(type_: str = "DATE") -> TimeValue:
    return TimeValue("", type_, None, None, "unknown")


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:.2f}".rstrip("0").rstrip(".")


def _delta(n: float, unit: str) -> relativedelta:
    """n units as a relativedelta; fractions go to the next smaller calendar unit."""
    _, _, kw, mult = UNIT_CODE[unit]
    n = n * mult
    if float(n).is_integer():
        return relativedelta(**{kw: int(n)})
    lower = {"years": ("months", 12), "months": ("days", 30), "weeks": ("days", 7),
             "days": ("hours", 24), "hours": ("minutes", 60), "minutes": ("seconds", 60)}
    if kw in lower:
        kw2, f = lower[kw]
        return relativedelta(**{kw2: int(round(n * f))})
    return relativedelta(seconds=int(round(n)))


def _duration(n, unit: str) -> TimeValue:
    t, code, _, mult = UNIT_CODE[unit]
    num = "X" if n == "X" else _fmt_num(n * (2 if unit == "fortnight" else 1))
    return TimeValue(f"P{t}{num}{code}", "DURATION", None, None, "unknown")


def duration_delta(value: str) -> relativedelta | None:
    """The relativedelta of a TIMEX3 duration value (P3Y, PT5H, P1.5Y, P2DE); X counts as 1."""
    m = _DUR_VALUE.fullmatch(value or "")
    if not m:
        return None
    n = 1.0 if m["n"] == "X" else float(m["n"])
    code = m["code"]
    unit = ({"S": "second", "M": "minute", "H": "hour"} if m["t"] else
            {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade", "CE": "century"})
    if code not in unit:
        return None
    return _delta(n, unit[code])


_DUR_VALUE = re.compile(r"P(?P<t>T?)(?P<n>X|\d+(?:\.\d+)?)(?P<code>DE|CE|[SMHDWY])")
# --- the context of one resolution ------------------------------------------------------

@dataclass(frozen=True)
class _Ctx:
    anchor: date | None
    tense: str
    reference: date | None

    @property
    def ref(self) -> date | None:
        return self.reference or self.anchor


def _pick_weekday(anchor: date, wd: int, tense: str, mode: str = "") -> date:
    """The weekday wd near anchor: past on/before, future on/after, present nearest;
    mode "last"/"next" is strictly before/after."""
    back = (anchor.weekday() - wd) % 7
    fwd = (wd - anchor.weekday()) % 7
    if mode == "last":
        return anchor - timedelta(days=back or 7)
    if mode == "next":
        return anchor + timedelta(days=fwd or 7)
    if tense == "future":
        return anchor + timedelta(days=fwd)
    if tense == "present":
        return anchor - timedelta(days=back) if back <= fwd else anchor + timedelta(days=fwd)
    return anchor - timedelta(days=back)


def _pick_year_for(anchor: date, make, tense: str, slack: timedelta = MONTH_DAY_SLACK) -> int:
    """The year y that puts the interval make(y) in the right direction from anchor."""
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            tv = make(y)
        except ValueError:  # Feb 29 in a common year
            continue
        cands.append((y, tv.start, tv.end))
    if not cands:
        raise ValueError("no such date")
    if tense == "future":
        ok = [c for c in cands if c[2] >= anchor - slack]
        return min(ok, key=lambda c: c[1])[0] if ok else cands[-1][0]
    if tense in ("present", "unknown"):
        def dist(c):
            return 0 if c[1] <= anchor <= c[2] else min(abs((c[1] - anchor).days), abs((c[2] - anchor).days))
        return min(cands, key=lambda c: (dist(c), c[0] != anchor.year))[0]
    ok = [c for c in cands if c[1] <= anchor + slack]
    return max(ok, key=lambda c: c[1])[0] if ok else cands[0][0]


_HOLIDAY_DAYS = {name.lower(): day for name, day in HOLIDAYS.items()}


def _holiday(name: str, y: int) -> date:
    """The day of the holiday ``name`` (lower case, a key of HOLIDAYS) in year y."""
    day = _HOLIDAY_DAYS[name]
    if day == "easter":
        return easter(y)
    if day == "thanksgiving":  # (US): the fourth Thursday of November
        return date(y, 11, 1) + relativedelta(weekday=TH(4))
    return date(y, *day)


def _two_digit_year(yy: int, ctx) -> int | None:
    if ctx.anchor is None:
        return None
    base = ctx.anchor.year - ctx.anchor.year % 100
    y = base + yy
    return y - 100 if y > ctx.anchor.year + 10 else y

def _unit_containing(d: date, unit: str) -> TimeValue:
    if unit == "day":
        return _day(d)
    if unit == "week":
        return _week_of(d)
    if unit == "month":
        return _month(d.year, d.month)
    if unit == "quarter":
        return _quarter(d.year, (d.month - 1) // 3 + 1)
    if unit == "decade":
        return _decade(d.year - d.year % 10)
    if unit == "century":
        return _century(d.year - d.year % 100)
    return _year(d.year)


def _shift_unit(d: date, unit: str, n: int) -> date:
    return {
        "day": lambda: d + timedelta(days=n), "week": lambda: d + timedelta(weeks=n),
        "month": lambda: d + relativedelta(months=n), "quarter": lambda: d + relativedelta(months=3 * n),
        "year": lambda: d + relativedelta(years=n), "decade": lambda: d + relativedelta(years=10 * n),
        "century": lambda: d + relativedelta(years=100 * n),
    }[unit]()


# how a year / month / decade splits into early, mid, late, start, end parts
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "start": (1, 2), "end": (11, 12),
               "late2": (7, 12)}
_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "start": (1, 5), "end": (26, 31),
                "late2": (16, 31)}


def _narrow(base: TimeValue, how: str) -> TimeValue:
    """The early / mid / late part (or start / end) of base's interval; the value stays."""
    if base is None or not base.start or base.start == base.end or base.type not in ("DATE", "TIME"):
        return base
    if base.precision == "year":
        m1, m2 = _YEAR_PARTS[how]
        s, e = date(base.start.year, m1, 1), date(base.start.year, m2, 1) + relativedelta(months=1, days=-1)
    elif base.precision == "month":
        d1, d2 = _MONTH_PARTS[how]
        s, e = base.start.replace(day=d1), min(base.end, base.start.replace(day=min(d2, base.end.day)))
    elif re.fullmatch(r"\d{2,3}", base.value):  # a decade (199) or a century (19)
        span = 10 if len(base.value) == 3 else 100
        y1, y2 = {"early": (0, 0.3), "mid": (0.4, 0.6), "late": (0.7, 0.9), "start": (0, 0.1), "end": (0.9, 0.9),
                  "late2": (0.5, 0.9)}[how]
        s = date(base.start.year + int(y1 * span), 1, 1)
        e = date(base.start.year + int(y2 * span) + (span // 10 - 1 if span == 100 else 0), 12, 31)
    else:  # thirds (start/end: sixths) of the days of the interval
        n = (base.end - base.start).days + 1
        third, sixth = max(1, round(n / 3)), max(1, round(n / 6))
        s, e = {
            "early": (base.start, base.start + timedelta(days=third - 1)),
            "mid": (base.start + timedelta(days=third), base.end - timedelta(days=third)),
            "late": (base.end - timedelta(days=third - 1), base.end),
            "late2": (base.end - timedelta(days=n // 2 - 1), base.end),
            "start": (base.start, base.start + timedelta(days=sixth - 1)),
            "end": (base.end - timedelta(days=sixth - 1), base.end),
        }[how]
    if s > e:
        s, e = e, s
    return TimeValue(base.value, base.type, s, e, "range" if s != e else base.precision)


# --- written numbers ----------------------------------------------------------------------

def _parse_num(s: str):
    """A written number: int/float, or "X" for vague quantities ("several", "a few")."""
    s = s.strip().replace(",", "")
    if s in NUMBER_PHRASES:
        return NUMBER_PHRASES[s]
    if s in VAGUE_NUMBERS:
        return "X"
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s) if "." in s else int(s)
    if s in SMALL_NUMBERS:
        return SMALL_NUMBERS[s]
    parts = re.split(r"[\s-]+", s)
    if parts and parts[0] in TENS:
        return TENS[parts[0]] + (SMALL_NUMBERS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


def _parse_ordinal(s: str) -> int | None:
    s = s.strip()
    if s in ORDINALS:
        return ORDINALS[s]
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", s)
    return int(m[1]) if m else None
