"""Event labels that say what happened: "Syrian Army captures Aleppo, 22 Dec".

An event's label is built from its roles (the first agents, the first target, the place), its
mode (the finer kind of its PLOVER type: ``capture``, ``shelling``...) and its date. How each
mode reads is data: ``graph/data/event_phrases.csv`` has one row per mode with the verb (and its
plural), the prepositions that introduce a target or a place after it, and the noun used when
the event has no agent ("Shelling of Aleppo"). :func:`load_phrases` validates the table when it
is loaded. The PLOVER type itself is not in the label: graph.html shows it as the node's colour.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from graph.core.errors import ConfigError
from graph.export.page import shorten
from graph.lexicon.words import PLURAL_COLLECTIVES

__all__ = ["EventPhrase", "Role", "load_phrases", "event_label", "date_label", "wrap"]

PHRASES = "event_phrases.csv"
COLUMNS = ("mode", "verb", "verb_plural", "target_prep", "place_prep", "noun", "noun_target_prep",
           "noun_place_prep")
NAME_MAX = 22  # one actor or place name in a label
WHAT_MAX = 46  # what happened, before the date
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# a non-asserted event says so before what happened
MODALITY_MARK = {"negated": "Not", "denied": "Denied", "hypothetical": "Possible", "future": "Planned"}
# actor types whose names are plural ("Syrian civilians evacuate"); persons and countries never are
PLURAL_TYPES = ("civilians",)
SINGULAR_TYPES = ("person", "country")


@dataclass(frozen=True)
class EventPhrase:
    """How one mode reads. An empty ``place_prep`` or ``target_prep`` puts the name right after the verb."""

    mode: str
    verb: str  # with one agent: "captures"
    verb_plural: str  # with several, or a plural name: "capture"
    target_prep: str
    place_prep: str
    noun: str  # without an agent: "Capture"
    noun_target_prep: str
    noun_place_prep: str


@dataclass(frozen=True)
class Role:
    """An actor or place of an event as the label names it."""

    name: str
    type: str = ""


@lru_cache(maxsize=None)
def load_phrases(path: str | None = None) -> dict[str, EventPhrase]:
    """The mode -> phrase table (the packaged one, or a CSV at ``path``), validated."""
    if path is None:
        text = (resources.files("graph.data") / PHRASES).read_text(encoding="utf-8")
        where = f"graph/data/{PHRASES}"
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        where = path
    rows = list(csv.DictReader(text.splitlines()))
    if not rows or tuple(rows[0].keys()) != COLUMNS:
        raise ConfigError(f"{where}: the columns must be {', '.join(COLUMNS)}")
    out: dict[str, EventPhrase] = {}
    for i, r in enumerate(rows, start=2):
        if any(v is None for v in r.values()) or None in r:
            raise ConfigError(f"{where}:{i}: expected {len(COLUMNS)} fields")
        p = EventPhrase(**{k: r[k].strip() for k in COLUMNS})
        if not (p.mode and p.verb and p.verb_plural and p.noun and p.noun_target_prep and p.noun_place_prep):
            raise ConfigError(f"{where}:{i}: mode, verb, verb_plural, noun and the noun's prepositions are required")
        if p.mode in out:
            raise ConfigError(f"{where}:{i}: mode {p.mode!r} twice")
        out[p.mode] = p
    return out


def _plural(agents: list[Role]) -> bool:
    if len(agents) > 1:
        return True
    a = agents[0]
    if a.type in PLURAL_TYPES:
        return True
    if a.type in SINGULAR_TYPES:
        return False
    last = a.name.split()[-1].casefold() if a.name.split() else ""
    return last in PLURAL_COLLECTIVES or (last.endswith("s") and not last.endswith(("ss", "us", "is")))


def _names(roles: list[Role]) -> str:
    names = [shorten(r.name, NAME_MAX) for r in roles]
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]}, {names[1]} +{len(names) - 2}"


def _then(prep: str, name: str) -> str:
    return f"{prep} {name}" if prep else name


def what_happened(mode: str, event_type: str, agents: list[Role], targets: list[Role], place: Role | None,
                  modality: str = "asserted") -> str:
    """What happened, in a few words: "Syrian Army captures Aleppo", "Shelling of Aleppo"."""
    p = load_phrases().get(mode)
    target = shorten(targets[0].name, NAME_MAX) if targets else ""
    where = shorten(place.name, NAME_MAX) if place is not None else ""
    if where and where == target:  # Syria the target and the place: once
        where = ""
    if p is None:  # a mode the table does not know: its name, or the type's
        noun = (mode.replace("_", " ") or event_type.lower() or "event").capitalize()
        p = EventPhrase(mode, "", "", "", "in", noun, "of", "in")
    if agents and p.verb:
        head = f"{_names(agents)} {p.verb_plural if _plural(agents) else p.verb}"
        parts = [head]
        if target:
            parts.append(_then(p.target_prep, target))
            if where:
                parts.append(f"in {where}" if p.place_prep == "" else _then(p.place_prep, where))
        elif where:
            parts.append(_then(p.place_prep, where))
    else:
        parts = [p.noun]
        if agents:
            parts.append(f"by {_names(agents)}")
        if target:
            parts.append(_then(p.noun_target_prep, target))
        if where:
            parts.append(f"in {where}" if target else _then(p.noun_place_prep, where))
    mark = MODALITY_MARK.get(modality)
    if mark:
        parts[0] = f"{mark}: {parts[0]}"
    while len(parts) > 2 and len(" ".join(parts)) > WHAT_MAX:
        parts.pop()  # too long: the place goes first, rather than a word cut in half
    return shorten(" ".join(parts), WHAT_MAX)


def _day(d: date, year: bool) -> str:
    return f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")


def _parse(s: str) -> date | None:
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def date_label(start: str, end: str, precision: str = "", *, year: bool = True) -> str:
    """An event's date, short: "22 Dec", "15\u201322 Dec", "Dec 2016", "2015"; "" when undated.
    ``year`` adds the year to days ("22 Dec 2016"); months and years always have theirs."""
    s, e = _parse(start), _parse(end or start)
    if s is None or e is None or e < s:
        return "" if s is None else _day(s, year)
    if s == e:
        return _day(s, year)
    whole_year = (s.month, s.day, e.month, e.day) == (1, 1, 12, 31)
    if whole_year:
        return str(s.year) if s.year == e.year else f"{s.year}\u2013{e.year}"
    last_of_month = (date.fromordinal(e.toordinal() + 1)).day == 1
    if s.day == 1 and last_of_month:
        first = f"{MONTHS[s.month - 1]} {s.year}"
        if (s.year, s.month) == (e.year, e.month):
            return first
        if precision in ("month", "range", "") and s.year == e.year:
            return f"{MONTHS[s.month - 1]}\u2013{MONTHS[e.month - 1]} {s.year}"
        return f"{first}\u2013{MONTHS[e.month - 1]} {e.year}"
    if s.year != e.year:
        return f"{_day(s, True)}\u2013{_day(e, True)}"
    if s.month == e.month:
        return f"{s.day}\u2013{_day(e, year)}"
    return f"{_day(s, False)}\u2013{_day(e, year)}"


def event_label(mode: str, event_type: str, agents: list[Role], targets: list[Role], place: Role | None,
                modality: str, start: str, end: str, precision: str = "", *, year: bool = True,
                width: int = 0) -> str:
    """What happened and, for a dated event, when: "Syrian Army captures Aleppo, 22 Dec". With ``width``,
    on lines of about that many characters, the date never split: "Syrian Army captures\nAleppo, 22 Dec"."""
    what = what_happened(mode, event_type, agents, targets, place, modality)
    when = date_label(start, end, precision, year=year)
    if not width:
        return f"{what}, {when}" if when else what
    words = what.split()
    if when:
        words[-1] += ","
        words.append(when)
    return wrap(words, width)


def wrap(words: list[str], width: int = 24, lines: int = 3) -> str:
    """``words`` (each kept whole) on at most ``lines`` lines of about ``width`` characters."""
    out: list[str] = []
    cur = ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        out.append(cur)
    if len(out) > lines:
        out = out[:lines - 1] + [shorten(" ".join(out[lines - 1:]), width)]
    return "\n".join(out)
