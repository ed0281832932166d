"""The actor gazetteer: curated conflict actors, every country, and user additions.

``ActorGazetteer.load()`` reads the packaged ``graph/data/actors.csv`` (columns
``key,name,type,country,affiliation,aliases``; aliases separated by ``;``), adds one
entry of type ``country`` for every ISO 3166 country known to pycountry (plus Kosovo,
``XKX``) under the short English name news uses ("Syria", "Iran", "Russia",
"South Korea"...; key ``syria``, ``iran``, ``russia``, ``south_korea``), unless the
curated file already has a ``country`` entry for that code, and then applies user
CSV files with the same columns.

User files
    A header row is required; ``key`` and ``name`` are required columns, the others
    optional; unknown columns are an error. Blank lines and lines whose first cell
    starts with ``#`` are skipped. A row whose key already exists overrides the
    fields it fills (an empty cell keeps the old value; a new name keeps the old
    one as an alias) and its aliases are added to the old ones; for such a row the
    name may be left empty. An alias given in a user file wins over the same alias
    of a packaged entry. Every error (unreadable file, not UTF-8, missing key or
    name, bad key, unknown type, bad ISO3 code, affiliation to an unknown key...)
    raises :class:`~graph.core.errors.ConfigError` as ``FILE:LINE: reason``.

Matching (:func:`graph.lexicon.names.alias_key`)
    A lookup is an exact match of the whole text against a name or alias after
    normalization on both sides: Unicode NFKC, curly quotes and apostrophes made
    straight, dashes made hyphens, surrounding punctuation and a leading "the "
    removed, a trailing possessive ("'s", "s'") removed, the periods of
    single-letter abbreviations removed ("U.N." -> "UN", "U.S.-led" -> "US-led"),
    hyphens read as spaces ("al-Assad" = "al Assad"), apostrophes and diacritics
    dropped ("Erdoğan" = "Erdogan", "Hay'at" = "Hayat"), whitespace collapsed and
    everything casefolded, **except** that a text which is, after the steps above,
    two or three upper-case ASCII letters keeps its case. So the alias "IS" matches
    "IS" but not "is" or "Is", "UN" matches "U.N." and "the UN's" but not "un",
    "WHO" does not match "who", "US" does not match "us". Longer all-caps aliases
    ("ISIS", "NATO") and aliases of several words ("US military") are matched
    without regard to case.

Curation rules for ``actors.csv``
    ``key`` is a stable snake_case id; ``type`` one of :data:`graph.core.model.ACTOR_TYPES`;
    ``country`` an ISO 3166 alpha-3 code or empty (generic collectives such as
    ``rebels``, ``militants``, ``civilians`` have none, so the extractor can give them
    one from context); ``affiliation`` the key of another entry. Every alias must be
    able to stand alone: no two entries share a normalized alias, and bare capital
    names ("Damascus", "Moscow") are not aliases of governments, since they are far
    more often places. List an acronym once ("UN"): the dotted form follows from
    normalization.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

import pycountry

from graph.core.errors import ConfigError
from graph.core.model import ACTOR_TYPES
from graph.lexicon.names import COUNTRY_NAMES, alias_key, slug

COLUMNS = ("key", "name", "type", "country", "affiliation", "aliases")
LOOKUP_MEMO = 200_000  # names the lookup memo holds at most (cleared when full)
REQUIRED_COLUMNS = ("key", "name")
PACKAGED = "data/actors.csv"

KEY_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")

# --- countries -------------------------------------------------------------------------
# Codes outside ISO 3166 that news needs (user-assigned, widely used).
EXTRA_COUNTRIES = {"XKX": ("Kosovo", ("Republic of Kosovo",))}

COUNTRY_KEYS = {
    "COD": "dr_congo", "COG": "republic_of_congo", "UMI": "us_minor_outlying_islands",
    "VAT": "vatican", "VIR": "us_virgin_islands",
}
# Usual variants, claimed before pycountry's own names (which only fill gaps).
COUNTRY_ALIASES = {
    "ARE": ("UAE", "Emirates"),
    "BIH": ("Bosnia", "Bosnia-Herzegovina"),
    "CAF": ("CAR",),
    "CHN": ("People's Republic of China", "PRC", "mainland China"),
    "CIV": ("Côte d'Ivoire", "Cote d'Ivoire"),
    "COD": ("DR Congo", "DRC", "Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"),
    "COG": ("Congo-Brazzaville", "Republic of Congo"),
    "CPV": ("Cabo Verde",),
    "CZE": ("Czechia",),
    "FLK": ("Falklands", "Malvinas"),
    "GBR": ("UK", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"),
    "IRN": ("Islamic Republic of Iran", "Islamic Republic"),
    "KOR": ("Republic of Korea", "ROK"),
    "LAO": ("Lao PDR",),
    "MKD": ("Macedonia",),
    "MMR": ("Burma",),
    "NLD": ("Holland",),
    "PRK": ("DPRK", "Democratic People's Republic of Korea"),
    "PSE": ("State of Palestine", "Palestinian territories", "occupied Palestinian territories",
            "Occupied Palestinian Territory"),
    "RUS": ("Russian Federation",),
    "SAU": ("Kingdom of Saudi Arabia", "KSA"),
    "SWZ": ("Swaziland",),
    "SYR": ("Syrian Arab Republic",),
    "TLS": ("Timor-Leste",),
    "TUR": ("Türkiye", "Republic of Turkey"),
    "TWN": ("Republic of China",),
    "USA": ("US", "USA", "America", "United States of America"),
    "VAT": ("Holy See", "Vatican"),
    "VNM": ("Viet Nam",),
}


def _iso3_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(EXTRA_COUNTRIES)


# --- records ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ActorEntry:
    """One canonical actor: stable key, display name, type, ISO3 country, parent key, aliases."""

    key: str
    name: str
    type: str
    country: str = ""
    affiliation: str = ""
    aliases: tuple[str, ...] = ()


@dataclass
class _Row:
    source: str
    line: int
    key: str
    name: str = ""
    type: str = ""
    country: str = ""
    affiliation: str = ""
    aliases: tuple[str, ...] = ()

    def where(self) -> str:
        return f"{self.source}:{self.line}"


@dataclass
class _Draft:
    """A mutable entry while loading."""

    key: str
    name: str
    type: str
    country: str
    affiliation: str
    aliases: list[str]
    affiliation_at: str = ""  # FILE:LINE that set the affiliation


def _fail(where: str, reason: str) -> ConfigError:
    return ConfigError(f"{where}: {reason}")


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _fail(f"{source}:{line}", f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _parse(text: str, source: str) -> list[_Row]:
    """The rows of one actor CSV, each checked on its own (keys across rows are checked later)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[_Row] = []
    codes = _iso3_codes()
    next_line = 1
    try:
        for cells in reader:
            line, next_line = next_line, reader.line_num + 1
            if not cells or all(not c.strip() for c in cells):
                continue
            if cells[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [c.strip().casefold() for c in cells]
                unknown = [c for c in header if c not in COLUMNS]
                if unknown:
                    raise _fail(f"{source}:{line}", f"unknown column {unknown[0]!r} in the header "
                                                    f"(expected {', '.join(COLUMNS)})")
                dup = sorted({c for c in header if header.count(c) > 1})
                if dup:
                    raise _fail(f"{source}:{line}", f"column {dup[0]!r} appears twice in the header")
                missing = [c for c in REQUIRED_COLUMNS if c not in header]
                if missing:
                    raise _fail(f"{source}:{line}", f"the header has no {missing[0]!r} column "
                                                    f"(a header row {','.join(COLUMNS)} is required)")
                continue
            if len(cells) > len(header):
                raise _fail(f"{source}:{line}", f"{len(cells)} fields, but the header has {len(header)} "
                                                f"(quote a cell that contains a comma)")
            values = dict(zip(header, (c.strip() for c in cells)))
            rows.append(_check_row(values, source, line, codes))
    except csv.Error as exc:
        raise _fail(f"{source}:{next_line}", f"bad CSV ({exc})") from None
    if header is None:
        raise _fail(f"{source}:1", f"no header row (expected {','.join(COLUMNS)})")
    return rows


def _check_row(values: dict[str, str], source: str, line: int, codes: frozenset[str]) -> _Row:
    where = f"{source}:{line}"
    key = values.get("key", "")
    if not key:
        raise _fail(where, "missing key")
    if not KEY_RE.match(key):
        raise _fail(where, f"bad key {key!r} (use lower-case snake_case: letters, digits and _)")
    typ = values.get("type", "")
    if typ and typ not in ACTOR_TYPES:
        raise _fail(where, f"unknown type {typ!r} (expected one of {', '.join(ACTOR_TYPES)})")
    country = values.get("country", "").upper()
    if country and country not in codes:
        raise _fail(where, f"bad ISO 3166 alpha-3 country code {values.get('country')!r}")
    affiliation = values.get("affiliation", "")
    if affiliation and not KEY_RE.match(affiliation):
        raise _fail(where, f"bad affiliation {affiliation!r} (it must be the key of another entry)")
    if affiliation == key:
        raise _fail(where, f"{key!r} cannot be affiliated with itself")
    aliases = []
    for a in values.get("aliases", "").split(";"):
        a = " ".join(a.split())
        if a and alias_key(a) and a not in aliases:
            aliases.append(a)
    name = " ".join(values.get("name", "").split())
    if name and not alias_key(name):
        raise _fail(where, f"name {name!r} has no letters or digits")
    return _Row(source=source, line=line, key=key, name=name, type=typ, country=country,
                affiliation=affiliation, aliases=tuple(aliases))


def _read_path(path: str | Path) -> list[_Row]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read actor file ({exc.strerror or exc})") from None
    return _parse(_decode(data, str(p)), str(p))


def _read_packaged() -> tuple[str, list[_Row]]:
    res = resources.files("graph").joinpath(PACKAGED)
    source = str(res)
    return source, _parse(_decode(res.read_bytes(), source), source)


def _country_drafts() -> Iterator[tuple[_Draft, tuple[str, ...]]]:
    """One draft per country, with the variants to claim only where no one else has."""
    for c in pycountry.countries:
        iso = c.alpha_3
        name = COUNTRY_NAMES.get(iso) or getattr(c, "common_name", None) or c.name
        fallbacks = tuple(dict.fromkeys(
            n for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)) if n))
        yield (_Draft(key=COUNTRY_KEYS.get(iso) or slug(name), name=name, type="country", country=iso,
                      affiliation="", aliases=list(COUNTRY_ALIASES.get(iso, ()))), fallbacks)
    for iso, (name, aliases) in EXTRA_COUNTRIES.items():
        yield (_Draft(key=slug(name), name=name, type="country", country=iso, affiliation="",
                      aliases=list(aliases)), ())


# --- the gazetteer ---------------------------------------------------------------------
class ActorGazetteer:
    """Canonical actors by key and by normalized name or alias (read-only once built)."""

    def __init__(self, entries: Iterable[ActorEntry], index: dict[str, str], *,
                 sources: tuple[str, ...] = (), conflicts: tuple[tuple[str, str, str], ...] = ()):
        self._entries = {e.key: e for e in entries}
        self._index = dict(index)
        self._sorted = tuple(self._entries[k] for k in sorted(self._entries))
        #: the files read, packaged first
        self.sources = sources
        #: (alias, key kept, key refused) for every alias two packaged entries both claimed,
        #: or a packaged entry claimed before a country's own name (always empty for good data)
        self.conflicts = conflicts
        self._lookups: dict[str, ActorEntry | None] = {}  # text -> lookup(text): a memo (entries never change)

    # -- loading ------------------------------------------------------------------------
    @classmethod
    def load(cls, extra: Iterable[str | Path] | str | Path = (), *, builtin: bool = True,
             countries: bool = True) -> "ActorGazetteer":
        """The packaged actors, every country, and the user CSV files in ``extra`` (in order).

        ``builtin=False`` or ``countries=False`` leave out the packaged file or the
        automatic countries (for tests and special builds).
        """
        if isinstance(extra, (str, Path)):
            extra = (extra,)
        sources: list[str] = []
        drafts: dict[str, _Draft] = {}
        index: dict[str, str] = {}
        conflicts: list[tuple[str, str, str]] = []

        def claim(surface: str, key: str, *, user: bool, report: bool = True) -> bool:
            n = alias_key(surface)
            if not n:
                return False
            owner = index.get(n)
            if owner is None or owner == key or user:
                index[n] = key
                return True
            if report:
                conflicts.append((surface, owner, key))
            return False

        if builtin:
            source, rows = _read_packaged()
            sources.append(source)
            for row in rows:
                if row.key in drafts:
                    raise _fail(row.where(), f"duplicate key {row.key!r}")
                if not row.name:
                    raise _fail(row.where(), "missing name")
                drafts[row.key] = _Draft(key=row.key, name=row.name, type=row.type or "other", country=row.country,
                                         affiliation=row.affiliation, aliases=list(row.aliases),
                                         affiliation_at=row.where())
                for s in (row.name, *row.aliases):
                    claim(s, row.key, user=False)

        if countries:
            have = {d.country for d in drafts.values() if d.type == "country"}
            for draft, fallbacks in _country_drafts():
                if draft.country in have:
                    continue
                if draft.key in drafts:
                    draft.key = f"{draft.key}_country"
                drafts[draft.key] = draft
                kept = [a for a in draft.aliases if claim(a, draft.key, user=False)]
                claim(draft.name, draft.key, user=False)
                for f in fallbacks:
                    if f != draft.name and f not in kept and claim(f, draft.key, user=False, report=False):
                        kept.append(f)
                draft.aliases = kept

        for path in extra:
            rows = _read_path(path)
            sources.append(str(path))
            for row in rows:
                d = drafts.get(row.key)
                if d is None:
                    if not row.name:
                        raise _fail(row.where(), "missing name")
                    d = drafts[row.key] = _Draft(key=row.key, name=row.name, type=row.type or "other",
                                                 country=row.country, affiliation=row.affiliation,
                                                 aliases=[])
                    if row.affiliation:
                        d.affiliation_at = row.where()
                else:
                    if row.name and row.name != d.name:
                        if d.name not in d.aliases:
                            d.aliases.append(d.name)
                        d.name = row.name
                    d.type = row.type or d.type
                    d.country = row.country or d.country
                    if row.affiliation:
                        d.affiliation, d.affiliation_at = row.affiliation, row.where()
                for a in row.aliases:
                    if a not in d.aliases and a != d.name:
                        d.aliases.append(a)
                for s in (row.name, *row.aliases):
                    if s:
                        claim(s, row.key, user=True)

        for d in drafts.values():
            if d.affiliation and d.affiliation not in drafts:
                raise _fail(d.affiliation_at or d.key, f"affiliation {d.affiliation!r} of {d.key!r} is not a known key")
            if d.affiliation == d.key:
                raise _fail(d.affiliation_at or d.key, f"{d.key!r} cannot be affiliated with itself")

        # the name always finds its entry unless a user alias took it on purpose
        for d in drafts.values():
            n = alias_key(d.name)
            if n not in index:
                index[n] = d.key
        entries = []
        for d in drafts.values():
            own = tuple(a for a in dict.fromkeys(d.aliases) if a != d.name and index.get(alias_key(a)) == d.key)
            entries.append(ActorEntry(key=d.key, name=d.name, type=d.type, country=d.country,
                                      affiliation=d.affiliation, aliases=own))
        return cls(entries, index, sources=tuple(sources), conflicts=tuple(conflicts))

    # -- queries ------------------------------------------------------------------------
    @property
    def entries(self) -> tuple[ActorEntry, ...]:
        """Every entry, sorted by key."""
        return self._sorted

    def get(self, key: str) -> ActorEntry | None:
        return self._entries.get(key)

    def lookup(self, text: str) -> ActorEntry | None:
        """The entry whose name or an alias equals ``text`` after :func:`~graph.lexicon.names.alias_key`, or None."""
        if not text:
            return None
        memo = self._lookups
        if text in memo:  # the same names come back in every article: each folded once per process
            return memo[text]
        key = self._index.get(alias_key(text))
        found = self._entries.get(key) if key is not None else None
        if len(memo) >= LOOKUP_MEMO:
            memo.clear()
        memo[text] = found
        return found

    def aliases_for_ruler(self) -> list[tuple[str, ActorEntry]]:
        """(surface form, entry) pairs for spaCy EntityRuler patterns, sorted by key then surface.

        Surface forms are the name and aliases as written plus the variants news
        prints that exact-token matching would miss: dotted US/UN/UK/EU/USA/UAE
        ("U.N. Security Council" for "UN Security Council"), the Arabic article
        without its hyphen ("al Assad"), a capitalized first letter ("Al-Qaeda")
        and curly apostrophes. Only forms that
        :meth:`lookup` resolves to the same entry are given, so no surface names two
        entries.
        """
        out: list[tuple[str, ActorEntry]] = []
        for e in self._sorted:
            surfaces: dict[str, None] = {}
            for s in (e.name, *e.aliases):
                for v in _variants(s):
                    surfaces.setdefault(v, None)
            for s in sorted(surfaces):
                if self.lookup(s) is e:
                    out.append((s, e))
        return out

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self._sorted)

    def __repr__(self) -> str:
        return f"ActorGazetteer({len(self)} entries from {len(self.sources)} file(s))"


# acronyms news prints with periods too ("U.S.", "U.N."); others are rarely dotted
_DOTTED = re.compile(r"(?<![\w.])(US|UN|UK|EU|USA|UAE)(?![\w.])")
_ARABIC_ARTICLE = re.compile(r"\b([Aa]l|[Ee]l)-(?=[A-Z])")


def _variants(surface: str) -> list[str]:
    """The surface and the spellings of it that exact-token matching would otherwise miss."""
    out = [surface]

    def add(fn):
        for s in list(out):
            v = fn(s)
            if v != s and v not in out:
                out.append(v)

    add(lambda s: _DOTTED.sub(lambda m: ".".join(m.group(1)) + ".", s))
    add(lambda s: _ARABIC_ARTICLE.sub(r"\1 ", s))
    add(lambda s: s[0].upper() + s[1:] if s[:1].islower() and any(ch.isupper() for ch in s) else s)
    add(lambda s: s.replace("'", "\u2019"))
    return out


@lru_cache(maxsize=1)
def default_gazetteer() -> ActorGazetteer:
    """The packaged gazetteer with every country (loaded once per process)."""
    return ActorGazetteer.load()


__all__ = ["ActorEntry", "ActorGazetteer", "COLUMNS", "default_gazetteer"]
