"""The normalizer's grammar: the vocabulary as lower-case regex pieces, the registry the rules
of :mod:`.calendar_rules` and :mod:`.relative_rules` add themselves to with ``@_rule``, and
``_resolve_norm``, which tries them in order: the first whose handler returns a TimeValue
wins, and a handler that meets an impossible date ("Feb. 30") raises ``ValueError`` so that
the next rule is tried.

Every word list in the patterns comes from :mod:`.vocabulary`, lower-cased by ``alternation``.
"""
from __future__ import annotations

import re

from graph.core.model import TimeValue
from graph.extract.temporal.values import _Ctx
from graph.extract.temporal.vocabulary import (
    DAY_PARTS,
    DIGIT_WORDS,
    MONTHS,
    NUMBER_PHRASES,
    SEASONS,
    SMALL_NUMBERS,
    TENS,
    UNIT_PLURALS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    alternation,
)

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

_RULE_LIST: list[tuple[re.Pattern, object]] = []  # filled by @_rule when the rule modules are imported


def _rule(pattern: str):
    """Register a rule: a full-match regex on the normalized expression and its handler,
    tried in the order of definition."""
    def deco(fn):
        _RULE_LIST.append((re.compile(pattern), fn))
        return fn
    return deco


def _resolve_norm(s: str, ctx: _Ctx) -> TimeValue | None:
    """The first reading of the rules, in the order they were registered (calendar rules
    first: :mod:`.normalize` imports both rule modules), or None. Rules call it again on a
    part of their expression ("the second half of <rest>")."""
    for rx, fn in _RULE_LIST:
        m = rx.fullmatch(s)
        if m:
            try:
                tv = fn(m, ctx)
            except ValueError:  # "Feb. 30", "2016-13": this reading is impossible, try the next
                continue
            if tv is not None:
                return tv
    return None

