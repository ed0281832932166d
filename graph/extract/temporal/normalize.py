"""Normalization of one temporal expression: :func:`resolve` (see the package docstring).

The text is normalized (lower case, plain quotes and dashes, "a.m." as "am", no possessive),
then the rules of :mod:`.calendar_rules` and :mod:`.relative_rules` are tried on it whole; failing that, a leading preposition or
approximator ("on", "about", "since") is stripped and the rest resolved ("since" and "from"
turn a date into a range up to the anchor), then an expression before its head noun is read
("the Dec. 20 attack"), and last ``dateparser`` is asked about odd full dates.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from graph.core.model import TimeValue
from graph.extract.temporal import calendar_rules, relative_rules  # noqa: F401 - importing registers the rules, calendar rules first
from graph.extract.temporal.grammar import _MON, _WD, _YR, _resolve_norm
from graph.extract.temporal.values import TENSES, TemporalError, _Ctx, _day, _unresolved

# a leading preposition or approximator, stripped before the rest is resolved again
from graph.extract.temporal.vocabulary import NOT_A_HEAD_NOUN, PREFIXES, RELATION_PREFIXES, alternation

_PREFIX_RE = re.compile(r"^(" + alternation(PREFIXES)[3:-1] + r")\s+(?=\S)")


def _normalize(text: str) -> str:
    """Lower case, plain quotes and dashes, "am"/"pm", no trailing period or possessive, single spaces."""
    s = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = s.replace("\u00a0", " ").lower()
    s = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", s)
    s = re.sub(r"\b(" + _MON + r"|" + _WD + r")\.", r"\1", s)
    s = re.sub(r"(?<!\byear)'s\b", "", s)  # "Friday's", "last week's" (but "New Year's Day")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^[\s,.;:!?()\[\]\"'`]+|[\s,.;:!?()\[\]\"`]+$", "", s)
    return s.strip()



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
    except (ValueError, OverflowError):
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
        if prefix in RELATION_PREFIXES and tv.resolved and ctx.anchor and tv.type in ("DATE", "TIME") \
                and tv.start <= ctx.anchor and tv.value not in ("PRESENT_REF",):
            return TimeValue(tv.value, tv.type, tv.start, max(tv.end, ctx.anchor), "range")
        return tv
    tv = _attributive(s, ctx) or _dateparser_fallback(s, ctx)
    return tv if tv is not None else TimeValue()




def _attributive(s: str, ctx: _Ctx) -> TimeValue | None:
    """An expression used before its head noun: "a month-long offensive", "6-year-old war",
    "the Dec. 22 attack", "2012 elections": up to three trailing words are dropped when
    what is left is a date or a hyphenated duration."""
    words = s.split()
    for k in range(1, min(3, len(words) - 1) + 1):
        head, tail = " ".join(words[:-k]), words[-k:]
        if not all(re.fullmatch(r"[a-z][a-z-]*", w) and w not in NOT_A_HEAD_NOUN for w in tail):
            return None
        head = re.sub(r"^(?:the|a|an) (?=\S*\d|\S+-|\S+long$)", "", head)
        tv = _resolve_norm(head, ctx)
        if tv is None or tv.type == "SET":
            continue
        if tv.type == "DURATION" and not re.search(r"-|long$", head):
            continue
        return tv
    return None

