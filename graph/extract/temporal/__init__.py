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
    4. otherwise nothing in the text dates it. Statements are made when they are reported:
       [anchor - DEFAULT_RECENT_DAYS, anchor]; an event in the present tense holds at the time of
       writing (the same window); a future one is ``FUTURE_REF`` with no interval; a past,
       perfect or tenseless event is undated (``TimeValue()``): the text does not say when it
       happened, and no window at the article's date is guessed (the extractor records only
       that it was no later than the article: ``EventMention.not_after``).

    The preposition in front of an expression sets the relation: "since X" -> [X.start,
    anchor], "by X" / "until X" -> the week up to X's end, "before X" -> the week before X,
    "after X" -> from the day after X to the anchor. A duration attached to a past event ("a
    monthlong offensive", "held for four years") gives [anchor - duration, anchor]; an
    unspecified one ("months-long") counts as one unit. "now" dates to the anchor day,
    "recently" to [anchor - PAST_REF_DAYS, anchor]; a clock time or "Thursday night" gives its
    day. Derived intervals carry value "" and precision "range". A statement is never dated
    before a day that its own complement reports ("said that by Thursday ... had left").

Nothing here keeps state between calls; all tables and regular expressions are module
constants compiled once. The modules, each importing only those listed before it:

``vocabulary``  the one table of words (months, weekdays, units, numbers, holidays, ...)
``values``      TimeValue builders, calendar arithmetic, the error and the settings
``grammar``     the normalizer's regex pieces, rule registry and rule loop
``calendar_rules``, ``relative_rules``  the normalizer's full-match rules
``normalize``   ``resolve``
``tense``       tense and aspect from a parse or from cue words
``find``        ``find_timexes``
``anchor``      ``date_for_span`` and ``dateline_date``
 Invalid arguments raise :class:`TemporalError` (a ``CtkgError``);
``resolve`` never raises on the text of an expression.
"""
from __future__ import annotations

from graph.extract.temporal.anchor import DATELINE_CHARS, date_for_span, dateline_date
from graph.extract.temporal.find import find_timexes
from graph.extract.temporal.normalize import resolve
from graph.extract.temporal.values import (
    DEFAULT_PAST_DAYS,
    DEFAULT_RECENT_DAYS,
    MONTH_DAY_SLACK,
    PAST_REF_DAYS,
    TENSES,
    TemporalError,
    duration_delta,
)

__all__ = [
    "TemporalError", "resolve", "find_timexes", "date_for_span", "dateline_date", "duration_delta", "TENSES",
    "DEFAULT_PAST_DAYS", "DEFAULT_RECENT_DAYS", "PAST_REF_DAYS", "MONTH_DAY_SLACK", "DATELINE_CHARS",
]
