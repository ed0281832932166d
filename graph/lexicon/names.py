"""Names: slugs, comparison keys and cleaning of actor and place names, each defined once.

* :func:`slug` turns a name into the snake_case id part the graph uses (person, organization
  and place keys, country keys of the actor gazetteer).
* :func:`alias_key` is the form actor names and aliases are compared in (the actor gazetteer);
  :func:`name_key` and :func:`loose_key` the forms place names are compared in (the place
  gazetteer). They differ on purpose: actor aliases keep short acronyms apart ("US" is not
  "us"), place keys drop Arabic articles and level transliterations.
* :func:`clean_name` and :func:`strip_titles` cut an entity's text down to the name;
  :func:`clean_place` and :func:`parse_steps` do the same for a place phrase.
* :data:`COUNTRY_NAMES`: the short English names news uses for countries.

All of them rest on :func:`strip_accents` (Unicode decomposition without combining marks).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from graph.lexicon.words import DIRECTION_WORDS, TITLES


def strip_accents(text: str) -> str:
    """``text`` decomposed (NFKD) without its combining marks: "Erdoğan" -> "Erdogan"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


# --- slugs -------------------------------------------------------------------------------------

def slug(text: str) -> str:
    """A snake_case key for a name: "Côte d'Ivoire" -> "cote_divoire", "U.S." -> "u_s", "" -> "x".

    Apostrophes go, every other run of non-alphanumerics (periods too) is one ``_``. The
    actor gazetteer's country keys use it as well (no country name has a period but those
    with a fixed key in ``COUNTRY_KEYS``).
    """
    s = strip_accents(text).casefold()
    s = re.sub(r"['\u2019`]", "", s)
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_") or "x"


# --- countries ---------------------------------------------------------------------------------

# The short English name news uses, where pycountry's name or common_name is not it.
COUNTRY_NAMES = {
    "BES": "Caribbean Netherlands", "BHS": "Bahamas", "BOL": "Bolivia", "BRN": "Brunei",
    "CCK": "Cocos Islands", "CIV": "Ivory Coast", "COD": "Democratic Republic of Congo",
    "COG": "Republic of the Congo", "CPV": "Cape Verde", "CZE": "Czech Republic",
    "FLK": "Falkland Islands", "FSM": "Micronesia", "GMB": "Gambia", "IRN": "Iran",
    "KOR": "South Korea", "LAO": "Laos", "MAC": "Macau", "MAF": "Saint Martin",
    "MDA": "Moldova", "NLD": "Netherlands", "PCN": "Pitcairn Islands", "PRK": "North Korea", "PSE": "Palestine",
    "RUS": "Russia", "SHN": "Saint Helena", "SXM": "Sint Maarten", "SYR": "Syria",
    "TLS": "East Timor", "TUR": "Turkey", "TWN": "Taiwan", "TZA": "Tanzania",
    "UMI": "U.S. Minor Outlying Islands", "VAT": "Vatican City", "VEN": "Venezuela",
    "VGB": "British Virgin Islands", "VIR": "U.S. Virgin Islands", "VNM": "Vietnam",
}
# The countries whose GeoNames name the place gazetteer replaces by COUNTRY_NAMES. Only these
# (as before the names were merged): the others would rename places in the exports (GeoNames
# says "Democratic Republic of the Congo", "Czechia", "Pitcairn", ...).
PLACE_COUNTRY_NAMES = {iso: COUNTRY_NAMES[iso] for iso in ("PSE", "NLD", "TLS", "CPV", "VAT", "FSM", "MAC")}


# --- actor names -------------------------------------------------------------------------------

# characters a page shows as nothing: a soft hyphen ("Hig\u00adgins" is "Higgins"), a zero-width space, word
# joiners, direction marks, a byte order mark (not the joiners that shape Persian or Indic letters)
_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u2060-\u2064\u202a-\u202e\ufeff]")


@lru_cache(maxsize=65536)  # (asked for the same names again and again: ~150k calls per 300 articles)
def clean_name(text: str) -> str:
    """Entity text without a leading article, possessive, quotes or surrounding punctuation."""
    t = _INVISIBLE.sub("", text).strip().strip("\"'“”‘’,.;:()[]")
    t = re.sub(r"['\u2019]s$", "", t)
    t = re.sub(r"^(the|a|an)\s+", "", t, flags=re.I)
    return re.sub(r"\s+", " ", t).strip()


_TITLES_NO_DOT = frozenset(w.rstrip(".") for w in TITLES)


def strip_titles(name: str) -> str:
    """A person's name without the titles before it: "Lt. Gen. X Y" -> "X Y" (one word stays)."""
    words = name.split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in _TITLES_NO_DOT:
        words = words[1:]
    return " ".join(words)


# --- actor alias keys (the actor gazetteer) ---------------------------------------------------
_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u02bb": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00ad": None,
})
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")
_EDGE = " \t\r\n\"'.,;:!?()[]{}*"
_ABBREV_DOT = re.compile(r"(?<![^\W\d_])([^\W\d_])\.")  # a lone letter and its period: "U." in "U.N."
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<=\w)'s$", re.IGNORECASE)
_SHORT_CAPS = re.compile(r"[A-Z]{2,3}")


def _surface(text: str) -> str:
    """The text with everything but letter case normalized (see :func:`alias_key`)."""
    t = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    t = _DASHES.sub("-", t)
    t = " ".join(t.split()).strip(_EDGE)
    t = _ABBREV_DOT.sub(r"\1", t)
    t = _LEADING_THE.sub("", t)
    t = _POSSESSIVE.sub("", t)
    t = t.replace("-", " ")
    return " ".join(t.split()).strip(_EDGE)


def _alias_fold(surface: str) -> str:
    t = strip_accents(surface.replace("'", "").replace('"', ""))
    return " ".join(unicodedata.normalize("NFKC", t).casefold().split())


def alias_key(text: str) -> str:
    """The form actor names and aliases are compared in: casefolded, except 2-3 capital letters
    (the steps are listed in :mod:`graph.lexicon.gazetteer`).

    >>> alias_key("the U.N.'s"), alias_key("UN"), alias_key("un"), alias_key("al-Assad")
    ('UN', 'UN', 'un', 'al assad')
    """
    s = _surface(text)
    if _SHORT_CAPS.fullmatch(s):
        return s
    return _alias_fold(s)


# --- place names -------------------------------------------------------------------------------

_SPECIAL = str.maketrans({
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H",
})
_APOSTROPHES = "'\u2019\u2018`\u00b4\u02bb\u02bc\u02bd\u02be\u02bf\u2032\u02b9\u02c8"
_PUNCT = str.maketrans(
    {**{c: "" for c in _APOSTROPHES}, **{c: " " for c in "-\u2010\u2011\u2012\u2013\u2014.,;:()[]/\\\"!?&+*_#"}})
# Arabic articles (with their sun-letter assimilations) dropped from keys, on both sides
ARTICLES = frozenset("al el il ad ed ar er as es ash esh at et az ez an en ath adh ul".split())
_TOKEN_MAP = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_SPECIAL_TOKENS = ARTICLES | frozenset(_TOKEN_MAP)


def _fold_char(ch: str) -> str:
    return strip_accents(ch).translate(_SPECIAL)


# Latin letters with diacritics -> ASCII, computed once at import and never changed
_FOLD_TABLE = {cp: _fold_char(chr(cp)) for r in ((0x00C0, 0x0250), (0x1E00, 0x1F00)) for cp in range(*r)}
_FOLD_TABLE.update({ord(c): "'" for c in _APOSTROPHES if not c.isascii()})  # transliteration marks


def fold(text: str) -> str:
    """``text`` without diacritics (``"Dar‘ā"`` -> ``"Dar'a"``); apostrophe-like marks become ``'``."""
    if text.isascii():
        return text
    s = text.translate(_FOLD_TABLE)
    if s.isascii():
        return s
    return strip_accents(s).translate(_SPECIAL)


def name_key(text: str) -> str:
    """Comparison key of a name: folded, lower case, no apostrophes, punctuation or Arabic article.

    >>> name_key("Deir ez-Zor"), name_key("al-Fu'ah"), name_key("Dar‘ā")
    ('deir zor', 'fuah', 'dara')
    """
    toks = fold(text).lower().translate(_PUNCT).split()
    if not _SPECIAL_TOKENS.isdisjoint(toks):
        toks = [_TOKEN_MAP.get(t, t) for t in toks]
        toks = [t for t in toks if t not in ARTICLES] or toks
    return " ".join(toks)


_DIGRAPHS = {"ph": "f", "ck": "k", "dj": "j", "dh": "d", "q": "k"}
_DIGRAPH = re.compile("|".join(_DIGRAPHS))
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiouy])h\b")
_GLIDE = re.compile(r"(?<=[aeiou])[yw](?![aeiou])")  # the y of "Dayr", the w of "Zawr"
_VOWELS = re.compile(r"[aeiou]+")


def loose_key(key: str) -> str:
    """A :func:`name_key` with transliteration differences levelled.

    Vowel runs (with a y or w closing a diphthong) become ``a``, doubled letters one, ``q``
    ``k``, ``ph`` ``f``, and a final ``h`` after a vowel goes: "Kafriya" and "Kefraya" ->
    ``kafraya``; "Dayr az Zawr" and "Deir el-Zour" -> ``dar zar``.
    """
    t = _DOUBLE.sub(r"\1", _DIGRAPH.sub(lambda m: _DIGRAPHS[m.group()], key))
    return _VOWELS.sub("a", _GLIDE.sub("e", _FINAL_H.sub("", t)))


_CONTRACTION = re.compile(r"\w['\u2019](?:ve|re|ll|d|m|t)$", re.I)  # They've, We'll, Don't
_LEAD_ARTICLE = re.compile(r"^(?:al|el|ad|ed|an|en|ar|er|as|es|ash|esh|at|et|az|ez)[-\s'\u2019]", re.I)


def is_proper(text: str) -> bool:
    """True when ``text`` reads as a proper name: it starts with a capital letter
    (after an Arabic article such as "al-"), and is not all lower case."""
    t = _LEAD_ARTICLE.sub("", text.strip(), count=1)
    return bool(t) and t[0].isupper() and not _CONTRACTION.search(t)


@lru_cache(maxsize=65536)  # (asked for the same names again and again: ~80k calls per 300 articles)
def clean_place(text: str) -> str:
    """Name without surrounding quotes/punctuation, a leading "the" or a trailing possessive."""
    t = re.sub(r"\s+", " ", text or "").strip().strip("\"'\u201c\u201d\u2018\u2019,;:()[]")
    t = re.sub(r"(?<=\w)\.$", lambda m: m.group(0) if re.search(r"\b\w\.\w\.$", t) else "", t)
    t = re.sub(r"['\u2019]s?$", "", t) if re.search(r"\w['\u2019]s$", t) else t
    return re.sub(r"^the\s+", "", t, flags=re.I).strip()


_DIRECTION = (r"(?:north|south|east|west)(?:ern)?|(?:north|south)[- ]?(?:east|west)(?:ern)?|central|"
              r"rural|greater|downtown|old|outer|inner|suburban|occupied|besieged|embattled|war[- ]torn|"
              r"(?:rebel|opposition|government|regime|militant|insurgent|jihadist|kurdish|army)[- ](?:held|controlled)")
_PREFIX = re.compile(  # the "... of" forms first, so that "north of Iraq" is not read as "north" + "of Iraq"
    rf"^(?:(?:the\s+)?(?:(?:{_DIRECTION})\s+)?"
    r"(?:(?P<city>city|town|village|capital)|(?P<admin>province|governorate|region|state|district|oblast|county))"
    r"\s+of\s+|(?:the\s+)?(?:outskirts|suburbs|countryside|centre|center|heart|north|south|east|west|"
    r"(?:north|south)[- ]?(?:east|west)|rest|part|parts)\s+of\s+(?:the\s+)?|"
    rf"(?:the\s+)?(?:{_DIRECTION})\s+)", re.I)
_SUFFIX = re.compile(
    r"(?:['\u2019]s)?\s+(?:(?P<city>city|town|village|city cent(?:er|re)|old city|downtown)|"
    r"(?P<admin>province|governorate|region|state|district|oblast|county|prefecture|department|"
    r"countryside|area|countryside area))$", re.I)


class Query(NamedTuple):
    """A place name split into its core and what the qualifiers said about it."""

    core: str
    mode: str = ""  # "" any, "admin" a province or region, "city" a town


def parse_steps(text: str) -> list[Query]:
    """The readings of a place phrase, from the whole phrase to its bare core, one qualifier
    stripped at a time: "the occupied West Bank" -> [occupied West Bank, West Bank, Bank];
    "Aleppo's province" -> [Aleppo's province, (Aleppo, admin)]."""
    core, mode = clean_place(text), ""
    steps: list[Query] = []
    for _ in range(4):
        steps.append(Query(core, mode))
        m = _SUFFIX.search(core)
        if m and m.start() > 0:
            steps.append(Query(clean_place(core[:m.start()]), mode or ("city" if m.group("city") else "admin")))
        m = _PREFIX.match(core)
        if not m:
            break
        mode = mode or ("city" if m.group("city") else "admin" if m.group("admin") else "")
        core = clean_place(core[m.end():])
    return steps


def parse_query(text: str) -> Query:
    """The bare core of a place phrase: "eastern Aleppo" -> Aleppo; "Idlib province",
    "Aleppo's province" -> (Idlib|Aleppo, admin); "the city of Aleppo", "Aleppo city" ->
    (Aleppo, city)."""
    return parse_steps(text)[-1]


_ADMIN_WORDS = re.compile(
    r"^(?:muhafazat|wilayat(?:-e)?|provincia de|province of|departamento de|estado de)\s+|"
    r"\s+(?:governorate|province|oblast|rayonu|rayon|voivodeship|prefecture)$", re.I)


def admin_name(name: str) -> str:
    """A first-level division's name without its designator: "Muhafazat Kirkuk" -> "Kirkuk"."""
    short = _ADMIN_WORDS.sub("", name).strip()
    return short if short and short.lower() not in DIRECTION_WORDS else name


def looks_transliterated(text: str) -> bool:
    """Several words, a hyphen or an apostrophe: a name that looks transliterated, not a word."""
    return bool(re.search(r"[-'\u2019\u2018`\s]", text.strip()))


def display_name(name: str) -> str:
    """GeoNames name as news would print it: no diacritics or transliteration marks."""
    if name.isascii() and "`" not in name:
        return name
    s = re.sub(r"[`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4]", "", name)
    return re.sub(r"\s+", " ", fold(s)).strip()
