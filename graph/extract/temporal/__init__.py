"""Temporal expressions: find them, normalize them, and date events and statements with them.

Three entry points:

``resolve(expression, anchor, *, tense="past", reference=None)``
    Normalizes one expression to a TIMEX3-style :class:`~graph.core.model.TimeValue`, anchored at
    the publication date ``anchor``: ``value`` (``2016-12-22``, ``2016-W51``, ``2016-12``,
    ``2015``, ``199`` for the 1990s, ``2015-SU``, ``2016-Q4``, ``2016-W50-WE``,
    ``2016-12-22TNI``, ``1998-08-07T10:35``, ``P4Y``, ``PT5H``, ``PXY``, ``XXXX-WXX-5``,
    ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``, or ``""`` when it cannot be resolved),
    ``type`` (DATE, TIME, DURATION, SET), the closed date interval ``start``..``end`` and a
    ``precision`` (day, week, month, year, range, unknown). The interval contains the value's
    own interval ("since 2012" is 2012-01-01..anchor of value ``2012``), except that a modifier
    narrows it inside the value ("late 2015" is Sep 1..Dec 31 of ``2015``, "earlier this
    week" Monday..anchor of ``2016-W51``); a precision is never finer than the words say.
    Durations and sets have no interval unless one is implied ("the past three years" ->
    [anchor - 3 years, anchor]). ``tense`` ("past", "present", "future"; "unknown" lets the
    expression decide) picks the direction of underspecified names: "said Thursday" is the
    Thursday on or before the anchor, "will meet Thursday" the Thursday on or after it (a
    same-day Thursday is the anchor itself: wire copy names the day of publication by its
    weekday; "next Thursday" is strictly after), a present tense takes the nearest. "last
    summer" is the most recent summer that ended before the current season began (2016-SU for
    an anchor in December 2016, 2015-SU for one in July 2016); seasons are meteorological
    (SU = Jun..Aug, WI = Dec..Feb). A month-day without a year ("Dec. 28") is put in the year
    that keeps it on or before ``anchor + MONTH_DAY_SLACK`` for the past, on or after
    ``anchor - MONTH_DAY_SLACK`` for the future, nearest otherwise. With no anchor, relative
    expressions give ``value=""`` while absolute ones ("Dec. 22, 2016", "2012") and durations
    still resolve. A leading "since"/"from" turns a date into the range from its start to the
    anchor. Anaphoric expressions ("the next day", "two days later", "that day") count from
    ``reference`` (default: the anchor). Also read: an expression before its head noun ("a
    month-long offensive", "the Dec. 20 attack"), possessives ("Friday's"), and TIMEX3 values
    themselves ("2016-W51", "P4Y").

``find_timexes(text, anchor, *, doc=None, skip=())``
    Finds every temporal expression in ``text`` with TempEval-3 (TimeML TIMEX3) extents: no
    leading preposition ("on Friday" -> "Friday", "over the weekend" -> "the weekend"), no
    approximators ("about five hours" -> "five hours"), determiners and modifiers that belong
    to the expression kept ("the past three years", "Earlier this week", "late 2015"). Own
    patterns do the finding, so a spaCy ``doc`` is optional; when given, it supplies the tense
    of the governing verb (a present perfect counts as past) and its DATE/TIME entities
    confirm candidates that the context alone leaves ambiguous (a bare year before a plural
    noun, a lone month name). Without a doc the tense comes from the nearest cue word of the
    clause ("will", "said", "-ed", "is"). Ambiguous words are filtered by context: "May" and
    "March" as verbs, numbers that are not years ("105 to 15", "some 2000 troops",
    "Resolution 1973"), ages ("a 45-year-old man", "aged 30 years"), "soon after", adjectival
    "daily", "the fall of <a city>", "the Christmas market". A clock time takes its day from a
    date next to it ("10:35 a.m. Friday"), and a clock time in parentheses after another one
    restates it ("(0735 GMT)") and is left out. Anaphoric expressions ("two days later", "a
    year earlier", "that day") count from the last date mentioned before them that is at
    least as fine as their unit.

``date_for_span(doc, start, end, timexes, anchor, *, speech=False)``
    Dates the event (or, ``speech=True``, the statement) whose trigger is ``text[start:end]``
    and returns ``(TimeValue, governing expression text or "")``. In order:

    1. an expression in the trigger's own clause, found on the dependency tree: one attached
       to the trigger or to a verb above it in the same clause (conjuncts, participial and
       "when"/"as"/"while" clauses share their governor's time; complement, relative and other
       adverbial clauses do not; an event noun shares its verb's time only when the verb is
       light, "launched an offensive Monday", not "condemned the bombing Monday"), else a date
       modifying the subject or object of such a past verb ("the Aug. 7 blasts killed").
       A date beats a duration, the nearer attachment beats the farther;
    2. for an event reported in the complement of a dated speech verb ("X has been recaptured,
       the army said Thursday"): present and perfect events hold on that day, past ones fall in
       the week up to it. The date of a speech act dates nothing else;
    3. a caption's trailing date (", Dec. 20, 2016.") dates every event of its sentence;
    4. otherwise a window at the article date chosen by tense (see DEFAULT_* below): past
       events [anchor - 7 days, anchor], present and perfect ones and statements
       [anchor - 1 day, anchor], future ones unresolved (``FUTURE_REF``, no interval).

    The preposition in front of an expression sets the relation: "since X" -> [X.start,
    anchor], "by X" / "until X" -> the week up to X's end, "before X" -> the week before X,
    "after X" -> from the day after X to the anchor. A duration attached to a past event ("a
    monthlong offensive", "held for four years") gives [anchor - duration, anchor]; an
    unspecified one ("months-long") counts as one unit. "now" dates to the anchor day,
    "recently" to [anchor - PAST_REF_DAYS, anchor]; a clock time or "Thursday night" gives its
    day. Derived intervals carry value "" and precision "range". A statement is never dated
    before a day that its own complement reports ("said that by Thursday ... had left").

Nothing here keeps state between calls; all tables and regular expressions are module
constants compiled once. Invalid arguments raise :class:`TemporalError` (a ``CtkgError``);
``resolve`` never raises on the text of an expression.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import TH, relativedelta

from graph.core.errors import CtkgError
from graph.core.model import TimeValue, Timex
from graph.lexicon.words import LIGHT_VERBS, ORDINALS, PERSON_NOUNS, SMALL_NUMBERS, SPEECH_VERBS, TENS

__all__ = [
    "TemporalError", "resolve", "find_timexes", "date_for_span", "duration_delta", "TENSES",
    "DEFAULT_PAST_DAYS", "DEFAULT_RECENT_DAYS", "PAST_REF_DAYS", "MONTH_DAY_SLACK",
]


class TemporalError(CtkgError):
    """A temporal function was called with an invalid argument (tense, span, type)."""


TENSES = ("past", "present", "future", "unknown")

#: a month-day without a year may lie this many days after the anchor and still be past
MONTH_DAY_SLACK = timedelta(days=2)
#: an undated past event lies in [anchor - DEFAULT_PAST_DAYS, anchor]
DEFAULT_PAST_DAYS = 7
#: an undated statement, present or perfect event lies in [anchor - DEFAULT_RECENT_DAYS, anchor]
DEFAULT_RECENT_DAYS = 1
#: "recently" / PAST_REF dates an event to [anchor - PAST_REF_DAYS, anchor]
PAST_REF_DAYS = 30

# --- vocabularies -----------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}
UNITS = {
    "second": "second", "seconds": "second", "sec": "second", "secs": "second",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour",
    "day": "day", "days": "day", "night": "night", "nights": "night",
    "week": "week", "weeks": "week", "fortnight": "fortnight", "fortnights": "fortnight",
    "month": "month", "months": "month", "year": "year", "years": "year", "yr": "year",
    "yrs": "year", "decade": "decade", "decades": "decade", "century": "century",
    "centuries": "century",
}
# unit -> (time designator, ISO code, relativedelta keyword, multiplier)
UNIT_CODE = {
    "second": ("T", "S", "seconds", 1), "minute": ("T", "M", "minutes", 1),
    "hour": ("T", "H", "hours", 1), "day": ("", "D", "days", 1), "night": ("", "D", "days", 1),
    "week": ("", "W", "weeks", 1), "fortnight": ("", "W", "weeks", 2),
    "month": ("", "M", "months", 1), "year": ("", "Y", "years", 1),
    "decade": ("", "DE", "years", 10), "century": ("", "CE", "years", 100),
}
VAGUE_NUMBERS = ("a few", "few", "several", "many", "some", "dozens of", "hundreds of",
                 "a number of", "numerous")
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "tonight": "NI", "overnight": "NI", "midday": "MI"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month; each lasts three months
PRESENT_WORDS = ("now", "right now", "just now", "currently", "nowadays", "these days",
                 "at present", "the present", "present", "presently", "at the moment",
                 "today's world")
PAST_WORDS = ("recently", "lately", "formerly", "in the past", "the past", "the recent past",
              "the distant past", "once upon a time", "in recent times", "recent times")
FUTURE_WORDS = ("soon", "in the future", "the future", "the near future", "the distant future",
                "the foreseeable future", "the immediate future", "in the near future",
                "in the foreseeable future", "shortly", "in the coming period")
# --- small helpers ----------------------------------------------------------------------


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

# --- normalization of one expression ----------------------------------------------------

_NUM_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|"
             r"five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|"
             r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
             r"a hundred|hundred)")
# a number as written before a unit (normalized, lower-case text)
_N = (r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + _NUM_WORD + r"|a couple of|couple of|a couple|a dozen|dozens of|"
      r"hundreds of|a number of|numerous|a few|few|several|many|some|half an|half a|an|a)")
_UNIT = (r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|"
         r"years?|yrs?|decades?|century|centuries)")
_MON = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
        r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)")
_WD = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|"
       r"thu|fri|sat|sun)")
_DAYN = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YR = r"(?:1\d{3}|2\d{3})"
_PREFIXES = ("as of", "since", "from", "until", "till", "through", "throughout", "by", "before",
             "after", "in", "on", "at", "during", "over", "for", "within", "around", "about",
             "approximately", "nearly", "almost", "roughly", "some", "more than", "less than",
             "at least", "up to", "only", "just", "some time", "sometime", "circa", "ca",
             "no later than", "as early as", "as late as", "starting", "beginning", "of",
             "into", "under", "between", "to", "toward", "towards")
_PREFIX_RE = re.compile(r"^(" + "|".join(sorted((re.escape(p) for p in _PREFIXES), key=len, reverse=True))
                        + r")\s+(?=\S)")


def _normalize(text: str) -> str:
    s = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = s.replace("\u00a0", " ").lower()
    s = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", s)
    s = re.sub(r"\b(" + _MON + r"|" + _WD + r")\.", r"\1", s)
    s = re.sub(r"(?<!\byear)'s\b", "", s)  # "Friday's", "last week's" (but "New Year's Day")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^[\s,.;:!?()\[\]\"'`]+|[\s,.;:!?()\[\]\"`]+$", "", s)
    return s.strip()


def _parse_num(s: str):
    """A written number: int/float, or "X" for vague quantities ("several", "a few")."""
    s = s.strip().replace(",", "")
    if s in ("a", "an", "one", "a single"):
        return 1
    if s in ("half a", "half an"):
        return 0.5
    if s in ("a couple of", "couple of", "a couple"):
        return 2
    if s == "a dozen":
        return 12
    if s in ("a hundred", "hundred"):
        return 100
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


def _holiday(name: str, y: int) -> date:
    if name.startswith("christmas eve"):
        return date(y, 12, 24)
    if name.startswith("christmas"):
        return date(y, 12, 25)
    if name.startswith("new year's eve"):
        return date(y, 12, 31)
    if name.startswith("new year"):
        return date(y, 1, 1)
    if name.startswith("easter"):
        return easter(y)
    # Thanksgiving (US): the fourth Thursday of November
    return date(y, 11, 1) + relativedelta(weekday=TH(4))


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


def _two_digit_year(yy: int, ctx) -> int | None:
    if ctx.anchor is None:
        return None
    base = ctx.anchor.year - ctx.anchor.year % 100
    y = base + yy
    return y - 100 if y > ctx.anchor.year + 10 else y


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
       r"|(?:the )?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)")
def _r_decade(m, ctx):
    if m["c"]:
        return _decade(int(m["c"]) * 100 + int(m["d"]) * 10)
    d = int(m["d2"]) if m["d2"] else {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5,
                                      "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}[m["w"]]
    if ctx.anchor is None:
        return _unresolved()
    base = ctx.anchor.year - ctx.anchor.year % 100
    first = base + 10 * d
    if first > ctx.anchor.year:
        first -= 100
    return _decade(first)


@_rule(r"(?:the )?(?P<o>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
       r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
       r"nineteenth|twentieth|twenty-first|twenty first) century")
def _r_century(m, ctx):
    n = _parse_ordinal(m["o"])
    if not n or n > 29:
        return None
    return _century((n - 1) * 100)


@_rule(r"(?:the )?(?P<o>first|second|third|fourth|final|1st|2nd|3rd|4th) (?:fiscal |calendar )?quarter"
       r"(?: of (?:fiscal |the )?(?P<rest>.+)| (?P<y>" + _YR + r"))?|q(?P<q>[1-4])(?: (?P<y2>" + _YR + r"))?")
def _r_quarter(m, ctx):
    q = int(m["q"]) if m["q"] else {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                                    "fourth": 4, "4th": 4, "final": 4, "last": 4}[m["o"]]
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


@_rule(r"(?:the )?(?P<o>first|second|latter) half(?: of (?P<rest>.+))?")
def _r_half(m, ctx):
    h = 1 if m["o"] == "first" else 2
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
       r"(?P<s>spring|summer|autumn|fall|winter)(?: (?:of )?(?P<y>" + _YR + r"))?"
       r"|(?:the )?(?P<s2>spring|summer|autumn|fall|winter)(?: (?:of )?(?P<y2>" + _YR + r"))?")
def _r_season(m, ctx):
    code = SEASONS[m["s"] or m["s2"]]
    y = m["y"] or m["y2"]
    if y:
        return _season(int(y), code)
    if ctx.anchor is None:
        return _unresolved()
    q = (m["q"] or "").replace("the ", "")
    a = ctx.anchor
    cur = next(_season(yy, c) for yy in (a.year - 1, a.year) for c in SEASON_MONTHS
               if _season(yy, c).start <= a <= _season(yy, c).end)
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
       r"(?P<h>christmas eve|christmas day|christmas|new year's eve|new year's day|easter sunday|easter|"
       r"thanksgiving day|thanksgiving)(?: (?P<y>" + _YR + r"))?")
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


_PART_RE = r"(?P<part>morning|afternoon|evening|night)"


@_rule(r"(?:(?P<q>this|last|next|past|coming|the previous|previous|the following|following) )?"
       r"(?P<wd>" + _WD + r")(?: " + _PART_RE + r")?"
       r"|(?P<part2>morning|afternoon|evening|night) (?:of |on )?(?P<wd2>" + _WD + r")")
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


_REL_UNIT = r"(?P<unit>day|week|month|year|quarter|decade|century)"


@_rule(r"(?P<q>this|the current|current|that|the same|same) " + _REL_UNIT)
def _r_this_unit(m, ctx):
    if ctx.anchor is None:
        return _unresolved()
    base = ctx.ref if m["q"] in ("that", "the same", "same") else ctx.anchor
    return _unit_containing(base, m["unit"])


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


@_rule(r"the (?P<unit>day|night|week|month|year) (?P<dir>before|after|earlier|later)")
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


@_rule(r"(?P<w>earlier|later) in the (?P<unit>day|week|month|year)")
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


@_rule(r"(?:the )?(?P<mod>early|mid|late|the end of|the beginning of|the start of|the middle of|the close of|the turn of|"
       r"end of|beginning of|start of|middle of|end|beginning|start|middle)[\s-]+(?P<rest>.+)")
def _r_modified(m, ctx):
    rest = m["rest"]
    if m["mod"] in ("end", "beginning", "start", "middle") and not rest.startswith(("of ",)):
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
    how = {"early": "early", "mid": "mid", "late": "late"}.get(m["mod"])
    if how is None:
        how = ("end" if "end" in m["mod"] or "close" in m["mod"] else "mid" if "middle" in m["mod"]
               else "start")
    if m["mod"] == "the turn of" and base.precision == "range" and len(base.value) == 2:
        return base
    if base.precision == "day" and base.start == base.end:
        return base  # "late Thursday": still that day
    return _narrow(base, how)


@_rule(r"(?:(?P<n>" + _N + r") )?(?P<unit>" + _UNIT + r") "
       r"(?P<dir>ago|earlier|later|before|after|from now|hence|back|previously|prior)")
def _r_ago(m, ctx):
    unit = UNITS[m["unit"]]
    n = _parse_num(m["n"]) if m["n"] else ("X" if m["unit"].endswith("s") else 1)
    if n is None:
        return None
    future = m["dir"] in ("later", "after", "from now", "hence")
    if n == "X":
        if m["dir"] in ("ago", "back"):
            return TimeValue("PAST_REF", "DATE", None, None, "unknown")
        if m["dir"] in ("from now", "hence"):
            return TimeValue("FUTURE_REF", "DATE", None, None, "unknown")
        return _unresolved()
    if ctx.anchor is None:
        return _unresolved()
    base = ctx.anchor if m["dir"] in ("ago", "from now", "hence", "back") else ctx.ref
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
@_rule(r"(?P<the>the )?(?P<q>past|last|next|coming|previous|following|first|final|recent|upcoming|ensuing|"
       r"preceding|remaining|prior) "
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
       r"(?:more |full |straight |consecutive |long |additional |extra |whole |entire |solid )?"
       r"(?P<unit>" + _UNIT + r")(?P<half2> and a half)?(?:[\s-](?P<tail>old|long|plus))?(?:-?olds?)?"
       r"|(?P<unit2>" + _UNIT + r")-?long|(?P<unit3>" + _UNIT + r")(?: and a half)?"
       r"|(?P<n4>" + _N + r")-(?P<unit4>" + _UNIT + r")-long")
def _r_duration(m, ctx):
    if m["unit2"] or m["unit3"]:
        word = m["unit2"] or m["unit3"]
        unit = UNITS[word]
        plural = word.endswith("s") and word not in ("hrs", "yrs", "mins", "secs")
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
       r"(?P<unit>days|weeks|months|years|decades|hours|centuries)")
def _r_vague_span(m, ctx):
    return _duration("X", UNITS[m["unit"]])


@_rule(r"(?:every|each) (?:other )?(?:(?P<n>" + _N + r") )?"
       r"(?P<unit>" + _UNIT + r"|" + _WD + r"|" + _MON + r"|morning|afternoon|evening|night|"
       r"spring|summer|autumn|fall|winter|weekend)"
       r"|(?P<adv>daily|weekly|monthly|yearly|annually|nightly|hourly|biweekly|fortnightly|quarterly)"
       r"|(?P<freq>once|twice|thrice|(?:" + _N + r") times) (?:a|an|per|each|every) (?P<unit2>" + _UNIT + r")"
       r"|(?P<wds>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)")
def _r_set(m, ctx):
    if m["adv"]:
        v = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
             "nightly": "P1D", "hourly": "PT1H", "biweekly": "P2W", "fortnightly": "P2W", "quarterly": "P3M"}[m["adv"]]
        return TimeValue(v, "SET", None, None, "unknown")
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
       r"|(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d) (?:hours |hrs )?(?P<tz3>gmt|utc|z|local time)"
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


@_rule(r"(?P<w>now|right now|just now|for now|until now|currently|nowadays|these days|at present|the present|present|"
       r"presently|at the moment|today's world|recently|lately|formerly|in the past|the past|the recent past|"
       r"the distant past|recent times|in recent times|soon|in the future|the future|the near future|"
       r"the distant future|the foreseeable future|the immediate future|in the near future|in the foreseeable future|"
       r"shortly)")
def _r_ref(m, ctx):
    w = m["w"].replace("for now", "now").replace("until now", "now")
    if w in PRESENT_WORDS:
        if ctx.anchor is None:
            return TimeValue("PRESENT_REF", "DATE", None, None, "unknown")
        return TimeValue("PRESENT_REF", "DATE", ctx.anchor, ctx.anchor, "day")
    if w in PAST_WORDS:
        return TimeValue("PAST_REF", "DATE", None, None, "unknown")
    if w in FUTURE_WORDS:
        return TimeValue("FUTURE_REF", "DATE", None, None, "unknown")
    return None


_RULES: tuple[tuple[re.Pattern, object], ...] = tuple(_RULE_LIST)
del _RULE_LIST

_RELATION_PREFIXES = ("since", "from", "starting", "beginning")


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


def _dateparser_fallback(s: str, ctx: _Ctx) -> TimeValue | None:
    """dateparser for odd full dates ("the 22nd day of December, 2016"): only with a month
    name and a day number, and only taken when it is a full date."""
    if len(s) > 40 or not re.search(r"\b" + _MON + r"\b", s) or not re.search(r"\d", s):
        return None
    try:
        import dateparser  # noqa: PLC0415 - optional, slow to import, needed rarely

        base = ctx.anchor or date(2000, 1, 1)
        got = dateparser.parse(s, languages=["en"], settings={
            "RELATIVE_BASE": datetime(base.year, base.month, base.day),
            "REQUIRE_PARTS": ["day", "month"], "PREFER_DATES_FROM": "past" if ctx.tense == "past" else "current_period",
        })
    except Exception:  # noqa: BLE001 - a third-party parser must not break resolution
        return None
    if got is None:
        return None
    if not re.search(r"\b" + _YR + r"\b", s) and ctx.anchor is None:
        return _unresolved()
    return _day(got.date())


def resolve(expression: str, anchor: date | None, *, tense: str = "past",
            reference: date | None = None) -> TimeValue:
    """Normalize one temporal expression (see the module docstring).

    ``anchor`` is the publication date; ``tense`` one of TENSES; ``reference`` the date that
    anaphoric expressions ("the next day", "two days later") count from (default: anchor).
    Never raises on the expression's text: what cannot be read gives ``TimeValue()``.
    """
    if not isinstance(expression, str):
        raise TemporalError(f"expression must be a string, not {type(expression).__name__}")
    if tense not in TENSES:
        raise TemporalError(f"tense must be one of {', '.join(TENSES)}, not {tense!r}")
    if anchor is not None and not isinstance(anchor, date):
        raise TemporalError(f"anchor must be a date or None, not {type(anchor).__name__}")
    if isinstance(anchor, datetime):
        anchor = anchor.date()
    ctx = _Ctx(anchor, tense, reference)
    try:
        return _resolve_text(_normalize(expression), ctx)
    except (ValueError, OverflowError, KeyError, StopIteration):
        return TimeValue()  # an impossible date ("Feb. 30") or one out of range


def _resolve_text(s: str, ctx: _Ctx) -> TimeValue:
    if not s or len(s) > 80:
        return TimeValue()
    tv = _resolve_norm(s, ctx)
    if tv is not None:
        return tv
    m = _PREFIX_RE.match(s)
    if m:
        prefix, rest = m[1], s[m.end():]
        tv = _resolve_text(rest, ctx)
        if prefix in _RELATION_PREFIXES and tv.resolved and ctx.anchor and tv.type in ("DATE", "TIME") \
                and tv.start <= ctx.anchor and tv.value not in ("PRESENT_REF",):
            return TimeValue(tv.value, tv.type, tv.start, max(tv.end, ctx.anchor), "range")
        return tv
    tv = _attributive(s, ctx) or _dateparser_fallback(s, ctx)
    return tv if tv is not None else TimeValue()


_NOT_A_HEAD_NOUN = frozenset(
    "ago later earlier before after from hence back old long since now of in on at to for with by the a an and or "
    "that which who".split())


def _attributive(s: str, ctx: _Ctx) -> TimeValue | None:
    """An expression used before its head noun: "a month-long offensive", "6-year-old war",
    "the Dec. 22 attack", "2012 elections": up to three trailing words are dropped when
    what is left is a date or a hyphenated duration."""
    words = s.split()
    for k in range(1, min(3, len(words) - 1) + 1):
        head, tail = " ".join(words[:-k]), words[-k:]
        if not all(re.fullmatch(r"[a-z][a-z-]*", w) and w not in _NOT_A_HEAD_NOUN for w in tail):
            return None
        head = re.sub(r"^(?:the|a|an) (?=\S*\d|\S+-|\S+long$)", "", head)
        tv = _resolve_norm(head, ctx)
        if tv is None or tv.type == "SET":
            continue
        if tv.type == "DURATION" and not re.search(r"-|long$", head):
            continue
        return tv
    return None


# --- finding expressions in running text --------------------------------------------------

_WS = r"[ \t\u00a0]+"
_SEP = r"(?:[ \t\u00a0]+|-)"
_F_MON_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_F_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|"
          r"Jan|Feb|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
_F_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_F_WD_ABBR = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\."
_F_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)(?![:/.]\d)"
_F_YR = r"(?:1[0-9]{3}|20[0-9]{2})(?![\d,.]\d)"
_F_NUMW = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
           r"seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
           r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)")
_F_DIGITS = r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_F_N_NOA = r"(?:" + _F_DIGITS + r"|" + _F_NUMW + r")"
_F_N = (r"(?:" + _F_DIGITS + r"|" + _F_NUMW + r"|a" + _WS + r"few|few|several|many|some|a" + _WS + r"couple" + _WS
        + r"of|couple" + _WS + r"of|a" + _WS + r"dozen|dozens" + _WS + r"of|hundreds" + _WS + r"of|a" + _WS
        + r"hundred|half" + _WS + r"an?|an|a)")
_F_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|century|centuries)"
_F_UNIT_PL = r"(?:seconds|minutes|hours|days|nights|weeks|fortnights|months|years|decades|centuries)"
_F_TZ = r"(?-i:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST|EET|EEST|IST|JST|MSK)"
_F_MOD = r"(?:(?:early|mid|late)" + _SEP + r")"
_F_ORD_CENT = (r"(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
               r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
               r"twenty-first)")
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
    ("month_alone", r"\b(?P<mod>" + _F_MOD + r"|the" + _WS + r"(?:end|beginning|start|middle)" + _WS + r"of" + _WS
     + r")?" + _F_MON_FULL + _END),
    ("rel", r"\b(?:(?:earlier|later|early|late|mid)" + _SEP + r"|the" + _WS + r"(?:end|beginning|start|middle)" + _WS
     + r"of" + _WS + r")?(?P<q>this|last|next|past|previous|following|coming|current|that|the" + _WS
     + r"(?:past|previous|following|coming|next|last|same|current|preceding)|the)" + _WS
     + r"(?P<u>week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter|morning|afternoon|"
     + r"evening|night|day|" + _F_WD + r"(?:" + _WS + r"(?:morning|afternoon|evening|night))?|" + _F_MON_FULL
     + r"|Christmas|Easter|Thanksgiving)" + _END),
    ("rel_dur", r"\b(?:the" + _WS + r")?(?:past|last|next|coming|previous|following|first|final|recent|upcoming|"
     r"ensuing|preceding|remaining)" + _WS + r"(?:(?:" + _F_N + r")" + _WS + r"(?:and" + _WS + r"a" + _WS
     + r"half" + _WS + r")?" + _F_UNIT + r"|" + _F_UNIT_PL + r")" + _END),
    ("ago", r"\b(?:(?P<n>" + _F_N + r")" + _WS + r")?" + _F_UNIT + _WS
     + r"(?P<dir>ago|earlier|later|from" + _WS + r"now|hence|back)" + _END),
    ("the_x_before", r"\bthe" + _WS + r"(?:day|night|week|month|year)" + _WS + r"(?:before|after|earlier|later)(?:"
     + _WS + r"(?:yesterday|tomorrow))?" + _END),
    ("dur", r"\b(?P<n>" + _F_N + r")(?:" + _WS + r"and" + _WS + r"a" + _WS + r"half)?" + _WS
     + r"(?:(?:more|full|straight|consecutive|long|additional|extra|whole|entire|solid)" + _WS + r")?"
     + _F_UNIT + r"(?:" + _WS + r"and" + _WS + r"a" + _WS + r"half)?" + _END),
    ("adj_dur", r"\b" + _F_N_NOA + r"-(?:and-a-half-)?" + _F_UNIT + r"(?:-(?:old|long))?(?![\w-])"),
    ("long", r"\b" + _F_UNIT + r"-?long" + _END),
    ("weekday", r"\b(?:(?:early|late)" + _WS + r")?" + _F_WD + r"(?:" + _WS
     + r"(?:morning|afternoon|evening|night))?" + _END),
    ("weekday_set", r"\b(?:on|every)" + _WS + r"(?P<t>" + _F_WD + r"s)" + _END),
    ("deictic", r"\b(?:(?:earlier|later|early|late)" + _WS + r")?(?:today|tonight|yesterday|tomorrow)(?:" + _WS
     + r"(?:morning|afternoon|evening|night))?" + _END),
    ("overnight", r"\bovernight" + _END),
    ("ref", r"\b(?:now|currently|nowadays|recently|lately|formerly|soon)" + _END),
    ("ref", r"\bin" + _WS + r"(?P<t>the" + _WS + r"(?:(?:near|distant|recent|immediate|foreseeable)" + _WS
     + r")?(?:past|future))" + _END),
    ("ref", r"\bthese" + _WS + r"days" + _END),
    ("year", r"(?<![\w$#.,/:-])(?:" + _F_MOD + r"|the" + _WS + r"(?:end|beginning|start|middle)" + _WS + r"of" + _WS
     + r")?(?:fiscal" + _WS + r"(?:year" + _WS + r")?)?" + _F_YR
     + r"(?![\w%]|-\d|/\d)"),
    ("decade", r"(?:\bthe" + _WS + r")?(?:\b" + _F_MOD + r")?(?:\b(?:1[0-9]|20)\d0'?s|'\d0s)" + _END),
    ("century", r"\b(?:the" + _WS + r")?" + _F_MOD + r"?" + _F_ORD_CENT + _WS + r"century" + _END),
    ("time", r"(?<![\w:.])(?:[01]?\d|2[0-3])(?::[0-5]\d)?(?:" + _WS + r")?(?:a\.m\.|p\.m\.|a\.m(?!\w)|p\.m(?!\w)|am"
     + _END + r"|pm" + _END + r")(?:" + _WS + _F_TZ + _END + r")?"),
    ("time24", r"(?<![\w:.,])(?:[01]?\d|2[0-3]):[0-5]\d(?:" + _WS + _F_TZ + r")?(?![\w:])"),
    ("time", r"(?<![\w:.,])(?:[01]\d|2[0-3])[0-5]\d" + _WS + r"(?:GMT|UTC)" + _END),
    ("time", r"\b(?:noon|midnight|midday)" + _END),
    ("time", r"\b(?:\d{1,2}|" + _F_NUMW + r")" + _WS + r"o'clock" + _END),
    ("set", r"\b(?:every|each)" + _WS + r"(?:other" + _WS + r")?(?:(?:" + _F_N_NOA + r")" + _WS + r")?(?:" + _F_UNIT
     + r"|" + _F_WD + r"|" + _F_MON_FULL + r"|morning|afternoon|evening|night|weekend|spring|summer|autumn|winter)"
     + _END),
    ("set", r"\b(?:once|twice|thrice|(?:" + _F_N_NOA + r")" + _WS + r"times)" + _WS + r"(?:a|an|per|each|every)"
     + _WS + _F_UNIT + _END),
    ("set_adv", r"\b(?:daily|weekly|monthly|yearly|annually|nightly|hourly|biweekly|quarterly)" + _END),
    ("quarter", r"\b(?:the" + _WS + r")?(?:first|second|third|fourth|final|1st|2nd|3rd|4th)" + _WS
     + r"(?:fiscal" + _WS + r"|calendar" + _WS + r")?quarter(?:" + _WS + r"of" + _WS + r"(?:fiscal" + _WS
     + r"|the" + _WS + r")?(?:" + _F_YR + r"|(?:this|last|next)" + _WS + r"year)|" + _WS + _F_YR + r")?" + _END),
    ("quarter", r"\b(?-i:Q[1-4])(?:" + _WS + _F_YR + r")?" + _END),
    ("half", r"\b(?:the" + _WS + r")?(?:first|second|latter)" + _WS + r"half" + _WS + r"of" + _WS + r"(?:" + _F_YR
     + r"|(?:this|last|next|the)" + _WS + r"year|" + _F_MON_FULL + r")" + _END),
    ("season", r"\b" + _F_MOD + r"?(?:the" + _WS + r")?(?:spring|summer|autumn|fall|winter)(?:" + _WS + r"(?:of"
     + _WS + r")?" + _F_YR + r")?" + _END),
    ("holiday", r"\b(?:Christmas(?:" + _WS + r"(?:Day|Eve))?|New" + _WS + r"Year's(?:" + _WS
     + r"(?:Day|Eve))?|Easter(?:" + _WS + r"Sunday)?|Thanksgiving(?:" + _WS + r"Day)?)(?:" + _WS + _F_YR + r")?"
     + _END),
    ("in_the_day", r"\b(?:earlier|later)" + _WS + r"in" + _WS + r"the" + _WS + r"(?:day|week|month|year)" + _END),
    ("end_of", r"\bthe" + _WS + r"(?:end|beginning|start|middle|turn)" + _WS + r"of" + _WS + r"the" + _WS
     + r"(?:year|month|week|decade|century)" + _END),
    ("bare", r"\b(?:for|in)" + _WS + r"(?P<t>hours|days|weeks|months|years|decades)" + _END),
))

_NAME_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"christmas", "easter", "thanksgiving", "new", "year's"}
_MONTH_CONTEXT = frozenset(
    "in since until till by from to through during of before after early late mid last next this that each every "
    "throughout between around beginning starting ending end start middle until-".split())
_YEAR_STRONG = frozenset(
    "in since until till by through during before after early late mid year fiscal circa throughout spring summer "
    "autumn fall winter".split())
_NOT_PLURAL = frozenset(
    "was is has as this its his us whereas thus always perhaps besides towards afterwards unless across plus".split())
_NOT_YEAR_PREV = frozenset(
    "about some nearly almost over than least approximately roughly only just another additional total resolution "
    "resolutions flight route highway no number room code article section chapter page model version item unit bus "
    "platform channel apartment cell camp motion bill law paragraph rule decree order protocol boeing airbus "
    "dlrs usd eur rupees pounds euros yen yuan".split())
_A_DUR_PREV = frozenset(
    "for in within over about around nearly almost than after last lasted lasting lasts took takes take spent spend "
    "spending half just only barely least under once per every each whole entire full past".split())
_FUNCTION_WORDS = frozenset(
    "of or and to in on at before after ago later earlier as since when while with without but that the a an from "
    "for into by than long old or so because until till during".split())
_SEASON_CONTEXT = frozenset(
    "in during since until till by through this last next early late mid of over each every throughout the "
    "before after".split())
_WEEKDAY_NAME_PREV = frozenset("good black ash palm holy bloody super cyber maundy shrove easter".split())
_TENSE_CUES = (
    ("future", re.compile(r"\b(?:will|'ll|shall|won't|would|going\s+to|plans?\s+to|planning\s+to|scheduled\s+to|"
                          r"(?:is|are|be)\s+(?:expected|scheduled|due|set|slated)|expected\s+to|is\s+to|are\s+to|"
                          r"due\s+to|set\s+to|intends?\s+to|to\s+be\s+held)\b", re.I)),
    ("past", re.compile(r"\b(?:said|told|was|were|had|did|ago|took|began|went|came|left|made|met|held|fled|fought|"
                        r"\w{2,}ed)\b", re.I)),
    ("present", re.compile(r"\b(?:is|are|am|says|say)\b", re.I)),
)
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
        if prev in _MONTH_CONTEXT or _covered(c.start, c.end, ents):
            return True
        # "December's vote"; never for the verbs "may" and "march"
        return bool(re.match(r"(?:'s|\u2019s)\b", text[c.end:c.end + 3])) and low not in ("may", "march")
    if k == "year":
        if prev in _NOT_YEAR_PREV:
            return False  # "some 2000 troops", "Resolution 1973"
        after = text[c.end:c.end + 20]
        nounish = bool(re.match(r"[\s\u00a0]*(?:%|percent\b|per\b)", after)) or (
            (m := re.match(r"[\s\u00a0]+([a-z]+s)\b", after)) is not None and m[1] not in _NOT_PLURAL)
        if re.match(r"(?i)(?:early|mid|late|fiscal|the\s)", span) or prev in _YEAR_STRONG:
            return True  # "in 2012 rebels took ..." is still a year
        if nounish:  # "the 2000 soldiers" (a number) vs "the 2000 elections" (a year): ask the parser
            return _covered(c.start, c.end, ents)
        return 1900 <= int(re.search(r"\d{4}", span)[0]) <= 2099 or _covered(c.start, c.end, ents)
    if k in ("dur", "adj_dur"):
        if re.match(r"(?i)an?\s", span) and not re.match(r"(?i)an?\s+(?:few|couple|dozen|hundred)\b", span):
            if prev not in _A_DUR_PREV:
                return False
            if nxt[:1].isalpha() and nxt.lower() not in _FUNCTION_WORDS:
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
        if re.search(r"(?i)(?:ago|back)$", span):
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
        if q == "that" and (u in WEEKDAYS or u in MONTHS or u in ("christmas", "easter", "thanksgiving")):
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
        return prev in _SEASON_CONTEXT or low.startswith("the ")
    if k == "weekday":
        return prev not in _WEEKDAY_NAME_PREV
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
                or nxt.lower() in _FUNCTION_WORDS)  # "meets quarterly and ..." but not "the daily bulletin"
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


def _token_at(doc, start: int, end: int):
    """The root token of the doc span covering [start, end), or None."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _candidates(text: str, ents, doc) -> list[_Cand]:
    out = []
    for kind, rx in _FINDERS:
        for m in rx.finditer(text):
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


# --- tense ------------------------------------------------------------------------------

_FUTURE_GOVERNORS = frozenset(
    "plan expect schedule set due intend hope want aim prepare go promise vow threaten pledge seek "
    "propose agree decide try".split())
_MODALS = frozenset("can could may might must should ought".split())


def _verb_of(tok):
    """The verb governing tok (itself if a verb), climbing at most a few heads."""
    v = tok
    for _ in range(8):
        if v.pos_ in ("VERB", "AUX") and v.dep_ not in ("amod", "compound"):
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
    if words & _MODALS:
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
            if "to" in words and head.lemma_ in _FUTURE_GOVERNORS:
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
    if doc is not None and getattr(doc, "text", text) != text:
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
            tense = _tense_from_doc(doc, c.start, c.end) if doc is not None else _tense_from_text(text, c.start, c.end)
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
_ANAPHOR_UNIT = re.compile(r"(?i)\b(hour|minute|second|day|night|morning|afternoon|evening|week|weekend|fortnight|"
                           r"month|year|decade|century)s?\b")


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
        tense = _tense_from_doc(doc, o.start, o.end) if doc is not None else _tense_from_text(text, o.start, o.end)
        tv = resolve(text[o.start:o.end], anchor, tense=tense)
        if tv.resolved and tv.start == tv.end and (best is None or len(gap) < best[0]):
            best = (len(gap), tv.start)
    return best[1] if best else None


# --- dating events and statements ---------------------------------------------------------

# clause boundaries: what lies below one of these has its own time unless it is transparent
_BOUNDARY = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass"})
_SIMULTANEOUS_MARKERS = frozenset({"when", "while", "whilst", "as"})
_NOMINAL_ARGS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd"})
_SIGNALS = ("as of", "up to", "no later than", "since", "from", "starting", "beginning", "by", "until", "till",
            "through", "before", "after", "over", "during", "within", "in", "on", "at", "for")
_SIGNAL_RE = re.compile(r"(?i)\b(" + "|".join(s.replace(" ", r"\s+") for s in _SIGNALS) + r")[\s\u00a0]*$")


def _transparent(tok) -> bool:
    """A clause that shares its governor's time: participial clauses without a subject or
    marker ("Speaking Thursday, X warned"; "..., toppling a building") and when/while/as
    clauses ("last year when Russia stepped up air assaults")."""
    if tok.dep_ not in ("advcl", "csubj"):
        return False
    marks = {c.lower_ for c in tok.children if c.dep_ in ("mark", "advmod") and c.tag_ in ("IN", "WRB")}
    if marks:
        return marks <= _SIMULTANEOUS_MARKERS
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    return tok.tag_ in ("VBG", "VBN") and not has_subject


_IN_PREPS = frozenset("in on during at amid amidst throughout through".split())


def _climbs(tok) -> bool:
    """Whether tok shares the time of its head (see _clause_chain)."""
    if tok.dep_ in _BOUNDARY:
        return _transparent(tok)
    if tok.dep_ == "pcomp":  # "by shelling the town" shares the time, "after bombing it" does not
        return tok.head.lower_ in _IN_PREPS or tok.head.lower_ == "by"
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ in ("compound", "conj", "appos"):
            return True
        if tok.dep_ == "pobj":  # "killed in an attack": the attack is when the killing was
            return tok.head.lower_ in _IN_PREPS
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
    if signal in ("since", "from", "starting", "beginning") and anchor is not None and s <= anchor:
        return _interval(s, max(e, anchor))
    if signal in ("by", "until", "till", "up to", "no later than"):
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
        elif (dated and past and g.dep_ in _NOMINAL_ARGS and g.head.i in index
              and g.head.pos_ in ("VERB", "AUX")):
            rank = (1, index[g.head.i])  # "the Aug. 7 blasts killed 257"
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
    if anchor is None:
        return TimeValue()
    if aspect == "future" and not speech:  # a statement is made when reported, whatever it is about
        return TimeValue("FUTURE_REF", "DATE", None, None, "unknown")
    days = DEFAULT_RECENT_DAYS if speech or aspect in ("present", "perfect") else DEFAULT_PAST_DAYS
    start = anchor - timedelta(days=days)
    if floor is not None and start < floor <= anchor:
        start = floor
    return _interval(start, anchor)


def date_for_span(doc, start: int, end: int, timexes: list[Timex], anchor: date | None, *,
                  speech: bool = False, text: str | None = None) -> tuple[TimeValue, str]:
    """Date the event (speech=False) or statement (speech=True) whose trigger is text[start:end].

    Returns the TimeValue and the text of the expression that governs it ("" when the date
    comes from the article date). See the module docstring for the order of the rules.
    """
    if not (isinstance(start, int) and isinstance(end, int)) or start < 0 or end < start:
        raise TemporalError(f"invalid span [{start}, {end})")
    if doc is None:
        return _default("unknown", anchor, speech), ""
    if text is None:
        text = doc.text  # (spaCy rebuilds Doc.text on every access: callers pass it once)
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

    # 4. the article date, widened by tense; a statement is not older than a day it reports
    floor = None
    if speech and anchor is not None:
        below = {t.i for t in trig.subtree}
        days = [x.timex.time.start for x in anchored if x.governor is not None and x.governor.i in below
                and x.timex.time.type in ("DATE", "TIME") and x.timex.time.resolved
                and x.timex.time.start == x.timex.time.end and x.timex.time.start <= anchor]
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
