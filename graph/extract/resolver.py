"""Canonical actors and places shared by all articles of a build.

:class:`Resolver` wraps the actor gazetteer (graph.lexicon.gazetteer) and the place
gazetteer (graph.lexicon.geo): it looks names up, and makes the generic actors of a country
("Syrian military", "Iraqi civilians") from its gazetteer entries or, failing those, from
its nationality adjective. ``graph.extract.actors`` uses it for every article.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources

from graph.core.model import ActorRef, PlaceMatch
from graph.lexicon.names import clean_name, slug
from graph.lexicon.words import STATE_ENTRY_WORDS

GENERIC_NAMES = {
    "military": "{adj} military", "government": "{adj} government", "rebels": "{adj} rebels",
    "civilians": "{adj} civilians", "militants": "militants", "protesters": "{adj} protesters",
    "police": "{adj} police",
}
GENERIC_TYPES = {"military": "military", "government": "government", "rebels": "armed_group",
                 "militants": "armed_group", "civilians": "civilians", "protesters": "other", "police": "military"}


@dataclass
class Resolver:
    """Canonical actors and places, shared by all articles of a build (read-only)."""

    gazetteer: object  # graph.lexicon.gazetteer.ActorGazetteer
    geo: object  # graph.lexicon.geo.Gazetteer
    by_country: dict = field(default_factory=dict)  # (iso3, kind) -> entry
    adjective: dict = field(default_factory=dict)  # iso3 -> demonym adjective

    def __post_init__(self) -> None:
        ranked: dict[tuple[str, str], list] = {}
        for e in self.gazetteer.entries:
            if not e.country:
                continue
            kind = {"country": "country", "military": "military", "government": "government"}.get(e.type)
            if e.type == "armed_group" and e.key.endswith("_rebels"):
                kind = "rebels"
            if e.type == "civilians":
                kind = "civilians"
            if kind:
                ranked.setdefault((e.country, kind), []).append(e)
        for k, entries in ranked.items():
            def rank(e):
                n = e.name.casefold()
                return (not any(w in n for w in STATE_ENTRY_WORDS),
                        e.key.count("_"), e.key)
            self.by_country[k] = sorted(entries, key=rank)[0]
        self.adjective = _adjectives()

    # -- actors -----------------------------------------------------------------------
    def entry_ref(self, entry, text: str, start: int, end: int) -> ActorRef:
        return ActorRef(key=entry.key, name=entry.name, type=entry.type, text=text, start=start, end=end,
                        country=entry.country or "", affiliation=entry.affiliation or "")

    def lookup(self, text: str):
        name = clean_name(text)
        if not name:
            return None
        e = self.gazetteer.lookup(name)
        if e is None and name != text:
            e = self.gazetteer.lookup(text.strip())
        return e

    def country_entry(self, iso3: str):
        return self.by_country.get((iso3, "country"))

    def generic(self, kind: str, iso3: str, text: str, start: int, end: int) -> ActorRef:
        """The military/government/rebels/civilians of a country (or generic when no country)."""
        e = self.by_country.get((iso3, kind)) if iso3 else None
        if e is not None:
            return self.entry_ref(e, text, start, end)
        adj = self.adjective.get(iso3, "") if iso3 else ""
        name = GENERIC_NAMES.get(kind, "{adj} " + kind).format(adj=adj).strip()
        key = f"{iso3.lower()}_{kind}" if adj else slug(kind)
        affiliation = ""
        if kind == "military" and iso3 and (iso3, "government") in self.by_country:
            affiliation = self.by_country[(iso3, "government")].key
        return ActorRef(key=key, name=name, type=GENERIC_TYPES.get(kind, "other"), text=text, start=start,
                        end=end, country=iso3 if adj else "", affiliation=affiliation)

    def country_ref(self, iso3: str, text: str, start: int, end: int) -> ActorRef | None:
        e = self.country_entry(iso3)
        return self.entry_ref(e, text, start, end) if e else None

    def place(self, text: str, hint: str | None) -> PlaceMatch | None:
        name = clean_name(text)
        if not name or not any(ch.isupper() for ch in name):
            return None
        return self.geo.lookup(name, country_hint=hint)


def _adjectives() -> dict[str, str]:
    """ISO3 -> the first nationality adjective listed for it in geo_demonyms.csv."""
    out: dict[str, str] = {}
    try:
        with resources.files("graph").joinpath("data/geo_demonyms.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                iso, dem = (row.get("iso3") or "").strip(), (row.get("demonym") or "").strip()
                if iso and dem and dem[0].isupper() and not dem.endswith(("s", "men")):
                    out.setdefault(iso, dem)
    except FileNotFoundError:
        pass
    return out
