"""The one vocabulary of temporal expressions, as data, and the helper that turns it into regexes.

Both grammars read their words from here: the normalizer (:mod:`.normalize`, lower-case
patterns fully matched against one normalized expression) and the finder (:mod:`.find`,
patterns searched case-insensitively in running text). :func:`alternation` builds a
``(?:...|...)`` group from any table below, lower-case for the normalizer and as written
(capitalized names) for the finder, so a word added here is both found and resolved.

Where the finder deliberately looks for fewer forms than the normalizer reads, the table says
so next to the words (an abbreviation that is also an English word is only taken with its
period, a number word that names things, ...). Number words and ordinals come from
:mod:`graph.lexicon.words`, shared with the other extractors.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from graph.lexicon.words import ORDINALS, SMALL_NUMBERS, TENS, TIME_ZONES

__all__ = [
    "ORDINALS", "SMALL_NUMBERS", "TENS", "TIME_ZONES",  # shared with other extractors: from graph.lexicon.words
    "alternation", "MONTH_NAMES", "MONTH_ABBREVIATIONS", "WEEKDAY_NAMES", "WEEKDAY_ABBREVIATIONS",
    "NEEDS_PERIOD", "MONTHS", "WEEKDAYS", "UNIT_TABLE", "UNITS", "UNIT_CODE", "UNIT_WORDS", "UNIT_PLURALS",
    "UNIT_ABBREVIATIONS", "CALENDAR_UNITS", "ANAPHORIC_UNITS", "IN_THE_UNITS", "DIGIT_WORDS", "COUNT_WORDS",
    "NUMBER_PHRASES", "VAGUE_NUMBERS", "DURATION_FILLERS", "DECADE_WORDS", "QUARTER_ORDINALS", "HALF_ORDINALS",
    "PARTS_OF_DAY", "DAY_PARTS", "SEASONS", "SEASON_MONTHS", "HOLIDAYS", "HOLIDAY_BASES", "SET_WORDS",
    "SPAN_QUALIFIERS", "OFFSET_WORDS", "MODIFIERS", "PERIOD_PARTS", "PRESENT_WORDS", "PAST_WORDS",
    "FUTURE_WORDS", "REFERENCE_WORDS", "REFERENCE_WORDS_FOUND", "PREFIXES", "RELATION_PREFIXES", "SIGNALS",
    "SINCE_SIGNALS", "UNTIL_SIGNALS", "UTC_NAMES", "TENSE_CUES", "BOUNDARY", "IN_PREPS", "NOMINAL_ARGS",
    "SIMULTANEOUS_MARKERS", "A_DUR_PREV", "FUNCTION_WORDS", "MONTH_CONTEXT", "NOT_PLURAL", "NOT_YEAR_PREV",
    "SEASON_CONTEXT", "WEEKDAY_NAME_PREV", "YEAR_STRONG", "NOT_A_HEAD_NOUN", "FUTURE_GOVERNORS",
    "FORWARD_SIGNALS", "BACKWARD_SIGNALS", "SAME_PAST_FORMS",
]


def alternation(words: Iterable[str], *, lower: bool = False, space: str = " ") -> str:
    """A non-capturing regex group matching any of ``words``.

    Longest first, so that a pattern prefers the whole word to a prefix of it ("Sept." to
    "Sept", "a few" to "a"); duplicates (after lower-casing) are dropped. ``lower=True`` gives
    the normalizer's lower-case form; a space inside a word becomes ``space`` (the finder
    passes its whitespace class). Words are regex-escaped.
    """
    seen: dict[str, None] = {}
    for w in words:
        seen.setdefault(w.lower() if lower else w, None)
    ordered = sorted(seen, key=len, reverse=True)  # stable: equal lengths keep the table's order
    return "(?:" + "|".join(space.join(re.escape(p) for p in w.split(" ")) for w in ordered) + ")"


# --- calendar names -----------------------------------------------------------------------

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
MONTH_ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sept": 9,
                       "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_ABBREVIATIONS = {"Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thur": 3, "Thurs": 3, "Fri": 4,
                         "Sat": 5, "Sun": 6}
#: abbreviations that are also English words ("to mar", "Sat", "Sun", "Wed"): the finder takes
#: them only with their period ("Mar.", "Sat."); the normalizer reads them either way
NEEDS_PERIOD = frozenset({"Mar"} | set(WEEKDAY_ABBREVIATIONS))

#: lower-case name or abbreviation -> month number (1..12)
MONTHS = {**{n.lower(): i for i, n in enumerate(MONTH_NAMES, 1)},
          **{a.lower(): n for a, n in MONTH_ABBREVIATIONS.items()}}
#: lower-case name or abbreviation -> weekday (Monday = 0)
WEEKDAYS = {**{n.lower(): i for i, n in enumerate(WEEKDAY_NAMES)},
            **{a.lower(): n for a, n in WEEKDAY_ABBREVIATIONS.items()}}

# --- units ----------------------------------------------------------------------------------

#: (unit, plural, abbreviations, TIMEX3 time designator, ISO code, relativedelta keyword, multiplier)
UNIT_TABLE = (
    ("second", "seconds", ("sec", "secs"), "T", "S", "seconds", 1),
    ("minute", "minutes", ("min", "mins"), "T", "M", "minutes", 1),
    ("hour", "hours", ("hr", "hrs"), "T", "H", "hours", 1),
    ("day", "days", (), "", "D", "days", 1),
    ("night", "nights", (), "", "D", "days", 1),
    ("week", "weeks", (), "", "W", "weeks", 1),
    ("fortnight", "fortnights", (), "", "W", "weeks", 2),
    ("month", "months", (), "", "M", "months", 1),
    ("year", "years", ("yr", "yrs"), "", "Y", "years", 1),
    ("decade", "decades", (), "", "DE", "years", 10),
    ("century", "centuries", (), "", "CE", "years", 100),
)
#: every unit word (singular, plural, abbreviation) -> its unit
UNITS = {w: row[0] for row in UNIT_TABLE for w in (row[0], row[1], *row[2])}
#: unit -> (time designator, ISO code, relativedelta keyword, multiplier)
UNIT_CODE = {row[0]: row[3:] for row in UNIT_TABLE}
#: the full unit words; the abbreviations are read by the normalizer but not looked for in
#: running text ("min." and "sec." are also minister and secretary)
UNIT_WORDS = tuple(w for row in UNIT_TABLE for w in (row[0], row[1]))
UNIT_PLURALS = tuple(row[1] for row in UNIT_TABLE)
UNIT_ABBREVIATIONS = tuple(a for row in UNIT_TABLE for a in row[2])
#: units a calendar divides into ("this week", "last quarter", "the same year")
CALENDAR_UNITS = ("day", "week", "month", "year", "quarter", "decade", "century")
#: units counted from a reference date: "the day before", "the week after", "the night before"
ANAPHORIC_UNITS = ("day", "night", "week", "month", "year")
#: units of "earlier in the day", "later in the week"
IN_THE_UNITS = ("day", "week", "month", "year")

# --- numbers and quantities ------------------------------------------------------------------

#: single-digit number words, the second part of "twenty-one"
DIGIT_WORDS = tuple(w for w, n in SMALL_NUMBERS.items() if 1 <= n <= 9)
#: number words written alone before a unit ("four years"); "zero" is left to the normalizer:
#: in running text "zero day" and "zero hour" are names
COUNT_WORDS = tuple(w for w, n in SMALL_NUMBERS.items() if n > 0)
#: written quantities that are not plain number words, with their value
NUMBER_PHRASES = {"a": 1, "an": 1, "half a": 0.5, "half an": 0.5, "a couple of": 2, "couple of": 2,
                  "a couple": 2, "a dozen": 12, "a hundred": 100, "hundred": 100}
#: quantities with no number: "several years" is PXY
VAGUE_NUMBERS = ("a few", "few", "several", "many", "some", "dozens of", "hundreds of", "a number of",
                 "numerous")
#: words between a number and its unit that leave the duration as it is ("four more years")
DURATION_FILLERS = ("more", "full", "straight", "consecutive", "long", "additional", "extra", "whole", "entire",
                    "solid")
#: "the twenties" .. "the nineties" -> the decade digit
DECADE_WORDS = {w[:-1] + "ies": n // 10 for w, n in TENS.items()}
QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                    "final": 4}
HALF_ORDINALS = {"first": 1, "second": 2, "latter": 2}

# --- parts of days and years, holidays -------------------------------------------------------

#: word -> TIMEX3 part-of-day code
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
                "overnight": "NI", "midday": "MI"}
#: the parts of a day that follow a day name ("Thursday night", "this morning")
DAY_PARTS = ("morning", "afternoon", "evening", "night")
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month; each lasts three months (meteorological)
#: holiday name -> (month, day), or the name of the rule that computes its day
HOLIDAYS = {
    "Christmas Eve": (12, 24), "Christmas Day": (12, 25), "Christmas": (12, 25),
    "New Year's Eve": (12, 31), "New Year's Day": (1, 1),
    "Easter Sunday": "easter", "Easter": "easter",
    "Thanksgiving Day": "thanksgiving", "Thanksgiving": "thanksgiving",  # the fourth Thursday of November
}
#: the holiday names without "Day", "Eve" or "Sunday"; the finder also takes a bare "New Year's"
#: (which the normalizer leaves unresolved: "New Year's weekend", "New Year's party")
HOLIDAY_BASES = tuple(dict.fromkeys(re.sub(r" (?:Day|Eve|Sunday)$", "", h) for h in HOLIDAYS))

# --- sets, qualifiers, modifiers -------------------------------------------------------------

#: frequency adverbs -> the TIMEX3 value of the SET
SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
             "nightly": "P1D", "hourly": "PT1H", "biweekly": "P2W", "fortnightly": "P2W", "quarterly": "P3M"}
#: words before a counted span ("the past three years", "the next two days", "the first months")
SPAN_QUALIFIERS = ("past", "last", "next", "coming", "previous", "following", "first", "final", "recent",
                   "upcoming", "ensuing", "preceding", "remaining", "prior")
#: words after an amount that place it: word -> (direction, counted from the "anchor" or the
#: "reference", whether the finder ends an expression with it). "before", "after" and "prior"
#: take an object in running text ("two days before the vote": TimeML marks "two days")
OFFSET_WORDS = {
    "ago": (-1, "anchor", True), "back": (-1, "anchor", True), "from now": (1, "anchor", True),
    "hence": (1, "anchor", True), "earlier": (-1, "reference", True), "later": (1, "reference", True),
    "before": (-1, "reference", False), "after": (1, "reference", False), "previously": (-1, "reference", False),
    "prior": (-1, "reference", False),
}
#: modifiers before a date that narrow it ("early 2015", "mid-December", "late Tuesday")
MODIFIERS = ("early", "mid", "late")
#: "the end of", "the beginning of" ...: noun -> the part it names; "turn" and "close" are
#: only looked for where the finder lists them
PERIOD_PARTS = {"end": "end", "close": "end", "beginning": "start", "start": "start", "turn": "start",
              "middle": "mid"}

# --- present, past and future references -----------------------------------------------------

PRESENT_WORDS = ("now", "right now", "just now", "currently", "nowadays", "these days", "at present", "the present",
                 "present", "presently", "at the moment", "today's world")
PAST_WORDS = ("recently", "lately", "formerly", "in the past", "the past", "the recent past", "the distant past",
              "once upon a time", "in recent times", "recent times")
FUTURE_WORDS = ("soon", "in the future", "the future", "the near future", "the distant future",
                "the foreseeable future", "the immediate future", "in the near future", "in the foreseeable future",
                "shortly", "in the coming period")
#: every reference word -> its TIMEX3 value; "for now" and "until now" read as "now"
REFERENCE_WORDS = {**{w: "PRESENT_REF" for w in PRESENT_WORDS + ("for now", "until now")},
                   **{w: "PAST_REF" for w in PAST_WORDS}, **{w: "FUTURE_REF" for w in FUTURE_WORDS}}
#: the single words the finder looks for on their own (the others are too often not temporal:
#: "the present", "shortly after")
REFERENCE_WORDS_FOUND = ("now", "currently", "nowadays", "recently", "lately", "formerly", "soon")

# --- prepositions and signals ----------------------------------------------------------------

#: leading words the normalizer strips ("on Friday", "about five hours", "since 2012")
PREFIXES = ("as of", "since", "from", "until", "till", "through", "throughout", "by", "before", "after", "in", "on",
            "at", "during", "over", "for", "within", "around", "about", "approximately", "nearly", "almost",
            "roughly", "some", "more than", "less than", "at least", "up to", "only", "just", "some time",
            "sometime", "circa", "ca", "no later than", "as early as", "as late as", "starting", "beginning", "of",
            "into", "under", "between", "to", "toward", "towards")
#: leading words that turn a date into the range from it to the anchor ("since 2012")
RELATION_PREFIXES = ("since", "from", "starting", "beginning")
#: the relation words before an expression that the dating of events reads ("since X", "by X")
SIGNALS = ("as of", "up to", "no later than", "since", "from", "starting", "beginning", "by", "until", "till",
           "through", "before", "after", "over", "during", "within", "in", "on", "at", "for")
SINCE_SIGNALS = RELATION_PREFIXES
UNTIL_SIGNALS = ("by", "until", "till", "up to", "no later than")

# --- clock times -------------------------------------------------------------------------------

# zone abbreviations after a clock time: TIME_ZONES (graph.lexicon.words, upper case only: "EST", not "est")
#: the zones after a four-digit military time ("0735 GMT")
UTC_NAMES = ("GMT", "UTC")

# --- tense cue words (regex fragments, tried in this order) ------------------------------------

#: (tense, cue patterns): the nearest cue word of a clause gives its tense when there is no parse
TENSE_CUES = (
    ("future", (r"will", r"'ll", r"shall", r"won't", r"would", r"going\s+to", r"plans?\s+to", r"planning\s+to",
                r"scheduled\s+to", r"(?:is|are|be)\s+(?:expected|scheduled|due|set|slated)", r"expected\s+to",
                r"is\s+to", r"are\s+to", r"due\s+to", r"set\s+to", r"intends?\s+to", r"to\s+be\s+held")),
    ("past", (r"said", r"told", r"was", r"were", r"had", r"did", r"ago", r"took", r"began", r"went", r"came",
              r"left", r"made", r"met", r"held", r"fled", r"fought", r"\w{2,}ed")),
    ("present", (r"is", r"are", r"am", r"says", r"say")),
)

# --- context words: what the finder, the normalizer, tense and anchoring look at around an
# --- expression (by module of use)

# clause boundaries: what lies below one of these has its own time unless it is transparent
BOUNDARY = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass"})

IN_PREPS = frozenset("in on during at amid amidst throughout through".split())

NOMINAL_ARGS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd"})

SIMULTANEOUS_MARKERS = frozenset({"when", "while", "whilst", "as"})

A_DUR_PREV = frozenset(
    "for in within over about around nearly almost than after last lasted lasting lasts took takes take spent spend "
    "spending half just only barely least under once per every each whole entire full past".split())

FUNCTION_WORDS = frozenset(
    "of or and to in on at before after ago later earlier as since when while with without but that the a an from "
    "for into by than long old or so because until till during".split())

MONTH_CONTEXT = frozenset(
    "in since until till by from to through during of before after early late mid last next this that each every "
    "throughout between around beginning starting ending end start middle until-".split())

NOT_PLURAL = frozenset(
    "was is has as this its his us whereas thus always perhaps besides towards afterwards unless across plus".split())

NOT_YEAR_PREV = frozenset(
    "about some nearly almost over than least approximately roughly only just another additional total resolution "
    "resolutions flight route highway no number room code article section chapter page model version item unit bus "
    "platform channel apartment cell camp motion bill law paragraph rule decree order protocol boeing airbus "
    "dlrs usd eur rupees pounds euros yen yuan".split())

SEASON_CONTEXT = frozenset(
    "in during since until till by through this last next early late mid of over each every throughout the "
    "before after".split())

WEEKDAY_NAME_PREV = frozenset("good black ash palm holy bloody super cyber maundy shrove easter".split())

YEAR_STRONG = frozenset(
    "in since until till by through during before after early late mid year fiscal circa throughout spring summer "
    "autumn fall winter".split())

NOT_A_HEAD_NOUN = frozenset(
    "ago later earlier before after from hence back old long since now of in on at to for with by the a an and or "
    "that which who".split())

FUTURE_GOVERNORS = frozenset(
    "plan expect schedule set due intend hope want aim prepare go promise vow threaten pledge seek "
    "propose agree decide try".split())

# the words before an expression that make it the start of what is still to come, unless the verb
# is in the past: "takes effect starting Friday", "from Monday, flights are suspended"
FORWARD_SIGNALS = ("starting", "beginning", "effective", "from", "as from")
# ... and those that always look back: "the town is under siege since Monday"
BACKWARD_SIGNALS = ("since",)
# verbs whose past tense is spelled as their present: "stocks hurt the index on Friday" may be past
SAME_PAST_FORMS = frozenset(
    "hit hurt put cut set let cost shut spread quit cast beat bid burst split shed thrust upset broadcast "
    "forecast read rid bet".split())
