"""Word lists shared by the extractors, each defined once.

Curated tables (actor gazetteer, event lexicon, place data) stay in graph/data/; the lists
here are the closed-class and common words the rules test lemmas against.
"""
from __future__ import annotations

# --- numbers -----------------------------------------------------------------------------
SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}

# --- verbs and nouns ---------------------------------------------------------------------
SPEECH_VERBS = frozenset(
    "say tell announce report state declare confirm claim add warn note stress insist "
    "deny allege write post tweet accuse urge explain acknowledge admit argue assert "
    "charge comment complain describe disclose indicate inform maintain mention predict "
    "pledge promise remark reply respond reveal signal suggest testify vow brief".split())
PERSON_NOUNS = frozenset(
    "man men woman women boy boys girl girls child children kid kids son sons daughter "
    "daughters baby babies brother sister father mother husband wife person people student "
    "students soldier soldiers fighter fighters resident residents victim victims suspect "
    "suspects worker workers teenager teenagers youth youths refugee refugees driver "
    "farmer officer policeman journalist reporter activist nephew niece grandson "
    "granddaughter mom dad twin twins veteran civilian civilians".split())

# verbs whose object or subject is the same happening ("launched an offensive Monday")
LIGHT_VERBS = frozenset(
    "carry launch stage hold make conduct mount begin start continue resume end complete finalize conclude wage "
    "perform undertake deliver pay give intensify escalate renew halt stop suspend finish step take see witness "
    "suffer occur happen break erupt unfold".split())
