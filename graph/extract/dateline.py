"""The dateline of a news report: "SANAA, Yemen —", "CHICAGO (AP) —", "PEORIA, Ill. (WMBD) --".

A dateline names where the report was filed, which for local news is where its events
happened. It is the report's place, never an actor: "Yemen" in "SANAA, Yemen —" attacks
no one. :func:`dateline_candidates` only finds the words; ``graph.extract.actors`` resolves them
with the place gazetteer and keeps a dateline only when its city (or its region) is a place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DATELINE_CHARS = 400  # a dateline opens the report, after at most a headline

_CAPS_WORD = r"[A-Z][A-Z'\u2019.\-]*[A-Z.]"
_REGION_WORD = r"[A-Z][A-Za-z'\u2019.\-]*"
_DASH = r"(?:\u2014|\u2013|-{1,2}|\?{3})"
# the filing date a wire dateline may carry: "YANGON, April 12 (Reuters) -", "KABUL, Afghanistan, Sept. 19 (Xinhua) --"
_FILED = r"(?:,[ \t]*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2})?"
# where a dateline may start: the text's or a line's start, or after the headline's last word
_LEAD = r"(?:^|(?<=\n)|(?<=[\w.!?\"\u201d')] ))"
_DATELINE = re.compile(
    _LEAD + rf"(?P<city>{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,3}})"
    rf"(?:,[ \t]*(?P<region>{_REGION_WORD}(?:[ \t]+{_REGION_WORD}){{0,2}}))?" + _FILED +
    r"[ \t]*(?:\((?P<agency>[^()\n]{1,40})\))?[ \t]*" + _DASH)
# "Washington (CNN) --": a city in title case is a dateline only before a source in brackets
_TITLE_DATELINE = re.compile(
    _LEAD + r"(?P<city>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2})"
    rf"(?:,[ \t]*(?P<region>{_REGION_WORD}(?:[ \t]+{_REGION_WORD}){{0,2}}))?" + _FILED +
    r"[ \t]*\((?P<agency>[A-Z][^()\n]{0,39})\)[ \t]*" + _DASH)


@dataclass(frozen=True)
class Dateline:
    """The words of a dateline and their character offsets in the text."""

    city: str
    city_start: int
    city_end: int
    region: str = ""
    region_start: int = -1
    region_end: int = -1
    end: int = 0  # the end of the dateline (after its dash)

    @property
    def city_name(self) -> str:
        """The city as a place name: "ST. LOUIS" -> "St. Louis" (title case unless already mixed)."""
        return self.city.title() if self.city.isupper() else self.city


def dateline_candidates(text: str) -> list[Dateline]:
    """The words in the opening of ``text`` that may be its dateline, first first; the caller keeps
    the first whose city is a place.

    >>> d = dateline_candidates("SANAA, Yemen \u2014 Fighting resumed on Monday.")[0]
    >>> (d.city_name, d.region)
    ('Sanaa', 'Yemen')
    >>> dateline_candidates("CHICAGO (AP) -- A man was shot.")[0].city_name
    'Chicago'
    >>> dateline_candidates("YANGON, April 12 (Reuters) - An air strike hit a village.")[0].city_name
    'Yangon'
    >>> dateline_candidates("Police said the man - a neighbor - fled.")
    []
    """
    head = text[:DATELINE_CHARS]
    found = [m for rx in (_DATELINE, _TITLE_DATELINE) for m in rx.finditer(head)]
    out = []
    for m in sorted(found, key=lambda m: m.start()):
        city = m.group("city")
        if sum(ch.isalpha() for ch in city) < 3:
            continue
        region = m.group("region") or ""
        rs, re_ = (m.start("region"), m.end("region")) if region else (-1, -1)
        out.append(Dateline(city=city, city_start=m.start("city"), city_end=m.end("city"), region=region.rstrip(),
                            region_start=rs, region_end=re_, end=m.end()))
    return out
