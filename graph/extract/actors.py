"""Who: actor and place mentions of one article, resolved to canonical keys.

``ArticleEntities.build(doc, article, resolver)`` walks a parsed article once and
records every actor mention (named entities and noun phrases that name groups:
"rebels", "the regime", "the army's general command") and every place mention,
each resolved to a canonical key that is the same in every article:

* gazetteer entries (graph/data/actors.csv, plus user files) by name or alias;
* countries (type ``country``) and, from nationality adjectives or the article's
  main country, their military, government, rebels and civilians;
* people by full name (:class:`~graph.extract.persons.PersonIndex`): a lone surname or
  first name ("Kirby", "John") joins the full name used in the same article, a different
  first name is a different person whatever the gazetteer says; titles ("President",
  "spokesman") are not part of a name; a name the parse takes for a person's is no place;
* places through the offline gazetteer in ``graph.lexicon.geo``: the dateline ("SANAA,
  Yemen --") is the report's place and no actor, "Peoria, IL" a city of that US state,
  same-named towns are ranked by their distance to the article's other places, and an
  operation's name ("Operation Barkhane") is neither place nor actor.

Media and wire services are actors of type ``media``: they are sources, and the event
extractor never makes them agents.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from graph.core.model import ActorRef, Article, PlaceMatch, PlaceRef
from graph.extract.dateline import dateline_candidates
from graph.extract.doctext import doc_text
from graph.extract.persons import PersonIndex, name_words, word_key as _word_of
from graph.extract.resolver import Resolver
from graph.lexicon.names import clean_name, name_key, slug, strip_titles
from graph.lexicon.words import (
    AFFILIATE_NOUNS,
    ARMED_CONFLICT_WORDS,
    BROADCAST_NETWORKS,
    CRIME_REPORT_WORDS,
    FAMILY_NOUNS,
    FORCE_NOUNS,
    GIVEN_NAMES,
    GOV_MODS,
    GROUP_NOUN_KINDS,
    IDENTIFY_VERBS,
    MUNITIONS,
    NOT_NAMES,
    OF_PHRASE_HEADS,
    OFFICE_NOUNS,
    PERSON_DESCRIPTION_NOUNS,
    PLACE_CONTEXT_WORDS,
    PLACE_PREPS,
    PLACE_SUFFIX_WORDS,
    PLACE_WORDS,
    REBEL_MODS,
    SETTLEMENT_WORDS,
    STREET_WORDS,
    TITLES,
    UNIT_NOUNS,
)

# qualifiers cut from the front of a place's text before it is slugged ("northern Aleppo", "the city of X")
DIRECTIONS = re.compile(r"^(the\s+)?((north|south|east|west)(ern)?|(north|south)[- ]?(east|west)(ern)?|central|"
                        r"rural|greater|downtown|old|new city of|city of|town of|village of|province of)\s+", re.I)
MAX_NAME_CHARS = 150  # a longer "entity" (a run of garbage the tagger took for a name) is no actor or place
# "Peoria, Ill.", "East Peoria, IL", "Fort Worth, Texas": up to four capitalized words, a comma, a state
_CITY_STATE = re.compile(r"(?<![\w.'\u2019])(?P<city>[A-Z][\w'\u2019.\-]*(?:[ \t]+[A-Z][\w'\u2019.\-]*){0,3}),[ \t]+"
                         r"(?P<state>[A-Z][A-Za-z.]*(?:[ \t]?[A-Z][a-z.]*)?)")


ACRONYM = re.compile(r"[A-Z]{2,6}")


def _in_skip(start: int, end: int, skip) -> bool:
    return any(s < end and start < e for s, e in skip)


def geo_country_free(resolver: Resolver, name: str) -> bool:
    """Whether a name is no country's ("Bolton" is none; "Jordan" is one)."""
    return resolver.geo.country(name, codes=False) is None


# a broadcaster's station: a network and its channel or city ("Fox 59", "CBS Denver", "ABC7"), or a station's call
# letters with a band or channel ("WXIA-TV", "KSDK 5"); bare call letters stay unknown ("KFOR" is also a NATO force)
_NETWORK_STATION = re.compile(r"(?P<net>[A-Z]{2,5}|Fox)\s*\d{1,3}(?:\s+[A-Z][a-z]+){0,2}|(?P<caps>[A-Z]{2,5})(?:\s+[A-Z][a-z]+){1,2}")
_CALL_SIGN = re.compile(r"[KW][A-Z]{2,3}(?:-(?:TV|DT|FM|AM|CD|LP)|\s*\d{1,2})")


def _broadcaster(name: str) -> bool:
    if _CALL_SIGN.fullmatch(name):
        return True
    m = _NETWORK_STATION.fullmatch(name)
    return m is not None and (m.group("net") or m.group("caps")).casefold() in BROADCAST_NETWORKS


def _org_type(name: str) -> str:
    if _broadcaster(name):
        return "media"
    n = name.casefold()
    if re.search(r"\b(army|forces|military|navy|air force|guard|brigade|battalion|corps|command)\b", n):
        return "military"
    if re.search(r"\b(ministry|department|government|council of ministers|parliament|cabinet|office|agency)\b", n):
        return "government"
    if re.search(r"\b(news|times|post|tv|television|radio|press|media|journal|herald|tribune|network|broadcast)\b", n):
        return "media"
    if re.search(r"\b(front|movement|brigades|militia|jihad|liberation|islamic state|mujahideen|group)\b", n):
        return "armed_group"
    if re.search(r"\b(united nations|u\.n\.|nations|union|league|organisation|organization|council|commission)\b", n):
        return "igo"
    if re.search(r"\b(watch|amnesty|international|foundation|society|committee|relief|aid|crescent|cross)\b", n):
        return "ngo"
    return "other"


@dataclass
class ArticleEntities:
    """The actor and place mentions of one article, with token lookups for the extractors."""

    article: Article
    doc: Doc
    resolver: Resolver
    country: str = ""  # the article's main country (ISO3), "" when unknown
    actors: list[ActorRef] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    by_token: dict[int, ActorRef] = field(default_factory=dict)
    place_by_token: dict[int, PlaceRef] = field(default_factory=dict)
    people: PersonIndex = field(default_factory=PersonIndex)  # the people named in full
    # (token index, kind, iso3) of military and government mentions with a country
    state_mentions: list[tuple[int, str, str]] = field(default_factory=list)
    dateline: PlaceRef | None = None  # the report's place, from its dateline ("SANAA, Yemen --")
    dateline_country: str = ""  # ISO3 of the dateline's place
    dateline_end: int = -1  # the character after the dateline and its dash ("CAIRO, Egypt — "), -1 without one
    claimed: list[tuple[int, int]] = field(default_factory=list)  # character spans read already
    _name_spans: list[Span] = field(default_factory=list)  # people's names the tagger did not tag as one
    _crime: bool | None = None  # whether the article reports crime, not war (crime_report), once read
    _words_at: dict[str, list[int]] | None = None  # each word's token positions (built when first needed)
    _group_memo: tuple[tuple, dict[int, ActorRef | None]] | None = None  # see group_actor

    # -- construction -----------------------------------------------------------------
    @classmethod
    def build(cls, doc: Doc, article: Article, resolver: Resolver) -> "ArticleEntities":
        self = cls(article=article, doc=doc, resolver=resolver)
        self._find_dateline()
        self._persons_first()
        self.country = self.dateline_country or self._main_country()
        self._us_places()
        for span in self._name_spans:
            self._person(span, span, None)
        for ent in self._joined_places(doc.ents):
            if _in_skip(ent.start_char, ent.end_char, article.skip) or len(ent.text) > MAX_NAME_CHARS:
                continue
            if _in_skip(ent.start_char, ent.end_char, self.claimed):
                continue  # a dateline or a "City, State" already read as a place
            if ent.end < len(doc) and doc[ent.end].lower_ in SETTLEMENT_WORDS and ent.label_ in ("GPE", "LOC", "PERSON", "ORG") \
                    and len(ent) <= 3:
                camp = doc[ent.start:ent.end + 1]  # "Zamzam camp": a camp of that name, not a person or group
                self._add_place(self.resolver.place(clean_name(camp.text), self.country or None)
                                or self.resolver.place(clean_name(ent.text), self.country or None), camp.text, camp)
                continue
            if ent.end < len(doc) and doc[ent.end].lower_ in STREET_WORDS and ent.label_ in ("GPE", "LOC", "PERSON"):
                street = doc[ent.start:ent.end + 1]  # "Newton Street": a street, not the town Newton
                self._add_place(None, street.text, street)
                continue
            self._entity(ent)
        self._untagged_places()
        if not self.country:
            # no country named: the country of the places the article resolved ("Douma" -> Syria)
            seen = Counter(p.place.country for p in self.places if p.place.country)
            if seen:
                self.country = sorted(seen, key=lambda c: (-seen[c], c))[0]
        self._untagged_people()
        self._untagged_acronyms()
        self._rank_by_neighbours()
        for chunk in self._group_chunks():
            ref = self.group_actor(chunk)
            if ref is not None:
                self._add_actor(ref, chunk)
        self.actors.sort(key=lambda a: (a.start, a.end, a.key))
        self.places.sort(key=lambda p: (p.start, p.end, p.key))
        return self

    def _joined_places(self, ents) -> list[Span]:
        """The entities, with two adjacent place names joined when together they name one place the
        gazetteer knows by that name ("Port" + "Sudan" is the city Port Sudan, not the country)."""
        out: list[Span] = []
        geo = self.resolver.geo
        for ent in ents:
            prev = out[-1] if out else None
            if (prev is not None and prev.end == ent.start and prev.label_ in ("GPE", "LOC", "FAC", "ORG")
                    and ent.label_ in ("GPE", "LOC")):
                joined = self.doc[prev.start:ent.end]
                m = geo.lookup(clean_name(joined.text))
                if m is not None and m.feature != "country" and name_key(m.name) == name_key(clean_name(joined.text)):
                    out[-1] = Span(self.doc, prev.start, ent.end, label="GPE")
                    continue
            out.append(ent)
        return out

    def _untagged_places(self) -> None:
        """A capitalized name the tagger left untagged after "in", "at", "near"... that the gazetteer
        knows as a town, a division or a country ("fired rockets at Ashkelon")."""
        r = self.resolver
        for t in self.doc:
            if not (t.pos_ == "PROPN" and t.is_title and not t.ent_type_ and t.dep_ == "pobj"
                    and t.head.lower_ in PLACE_PREPS and t.head.lower_ != "of" and t.i not in self.place_by_token and t.i not in self.by_token):
                continue
            start = t.i
            while start > 0 and self.doc[start - 1].dep_ == "compound" and self.doc[start - 1].pos_ == "PROPN" \
                    and not self.doc[start - 1].ent_type_ and self.doc[start - 1].head.i == t.i:
                start -= 1
            span = self.doc[start:t.i + 1]
            if _in_skip(span.start_char, span.end_char, self.article.skip) or \
                    _in_skip(span.start_char, span.end_char, self.claimed):
                continue
            if t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ in STREET_WORDS:
                continue
            name = clean_name(span.text)
            if self.people.is_part(name) or self.people.find(name) is not None or r.lookup(name) is not None:
                continue
            m = r.place(name, self.country or None)
            if m is not None and m.feature in ("city", "capital", "admin", "country") \
                    and name_key(m.name) == name_key(name):
                self._add_place(m, span.text, span)

    def _find_dateline(self) -> None:
        """The report's place from its dateline; its words are a place, never an actor."""
        r, geo = self.resolver, self.resolver.geo
        for d in dateline_candidates(doc_text(self.doc)):
            if _in_skip(d.city_start, d.end, self.article.skip):
                continue
            city = d.city_name
            state = geo.us_state(d.region) if d.region else None
            country = geo.country(d.region, codes=False) if d.region and not state else None
            entry = r.lookup(city)
            if entry is not None and entry.type != "country":
                continue  # "FBI --": an organization, not a place
            if state:
                m = geo.lookup(city, admin1=state) or PlaceMatch(name=city, country="USA")
            elif country is not None:
                m = geo.lookup(city, country_hint=country.country)
                if m is None or m.country != country.country:
                    m = PlaceMatch(name=city, country=country.country)
            elif d.region:
                region = geo.lookup(d.region)  # "CHELSEA, Manhattan --"
                if region is None:
                    continue
                m = geo.lookup(city, country_hint=region.country, near=((region.latitude, region.longitude),)
                               if region.latitude is not None else ()) or PlaceMatch(name=city, country=region.country)
            else:
                m = geo.lookup(city)
                if m is None or m.feature not in ("city", "capital", "admin", "country"):
                    continue
            span = self.doc.char_span(d.city_start, d.city_end, alignment_mode="expand")
            if span is None:
                continue
            self.dateline = self._add_place(m, city, span)
            self.dateline_country = m.country
            self.dateline_end = d.end
            self.claimed.append((d.city_start, d.region_end if d.region else d.city_end))
            return

    def _rank_by_neighbours(self) -> None:
        """Same-named places ranked again by their distance to the article's other places, as
        CLIFF-CLAVIN and Mordecai do: "Springfield" in a report that names Boston is Massachusetts'."""
        located = [p for p in self.places if p.place.latitude is not None and p.place.feature != "country"]
        if len({p.key for p in located}) < 2:
            return
        geo = self.resolver.geo
        for i, ref in enumerate(self.places):
            if ref is self.dateline or ref.place.feature not in ("city", "capital") or not ref.place.geonameid:
                continue
            near = tuple(dict.fromkeys((p.place.latitude, p.place.longitude) for p in located if p.key != ref.key))
            m = geo.lookup(ref.place.name, country_hint=self.country or None, near=near)
            if m is None or not m.geonameid or m.geonameid == ref.place.geonameid or m.name != ref.place.name:
                continue
            new = replace(ref, key=f"geo:{m.geonameid}", place=m)
            self.places[i] = new
            for t, r in list(self.place_by_token.items()):
                if r is ref:
                    self.place_by_token[t] = new

    def _us_places(self) -> None:
        """"Peoria, Ill.", "Peoria, IL", "Fort Worth, Texas": a city of that US state ("IL" is no Israel)."""
        geo = self.resolver.geo
        text = doc_text(self.doc)
        for m in _CITY_STATE.finditer(text):
            if _in_skip(m.start(), m.end(), self.article.skip) or _in_skip(m.start(), m.end(), self.claimed):
                continue
            sw = m.group("state").split()
            state, s_end = None, m.start("state")
            for n in (2, 1) if len(sw) == 2 else (1,):
                cand = " ".join(sw[:n])
                state = geo.us_state(cand)
                if state:
                    s_end = m.start("state") + m.group("state").index(sw[n - 1]) + len(sw[n - 1])
                    break
            if not state:
                continue
            words = m.group("city").split()
            for i in range(len(words)):
                name = " ".join(words[i:])
                place = geo.lookup(name, admin1=state)
                if place is None:
                    continue
                start = m.start("city") + m.group("city").index(words[i]) if i else m.start("city")
                span = self.doc.char_span(start, m.end("city"), alignment_mode="expand")
                if span is not None:
                    self._add_place(place, name, span)
                    self.claimed.append((start, s_end))
                    self.country = self.country or "USA"
                break

    def _main_country(self) -> str:
        counts: Counter = Counter()
        first: dict[str, int] = {}
        geo = self.resolver.geo
        for ent in self.doc.ents:
            if _in_skip(ent.start_char, ent.end_char, self.article.skip) or len(ent.text) > MAX_NAME_CHARS \
                    or _in_skip(ent.start_char, ent.end_char, self.claimed):
                continue
            iso = ""
            if ent.label_ == "GPE":
                m = geo.country(clean_name(ent.text), codes=False)
                if m is not None:
                    iso = m.country
                else:
                    p = geo.lookup(clean_name(ent.text))
                    iso = p.country if p is not None and p.feature != "country" else ""
            elif ent.label_ == "NORP":
                iso = geo.demonym(clean_name(ent.text)) or ""
            if iso:
                counts[iso] += 1
                first.setdefault(iso, ent.start)
        if not counts:
            return ""
        return sorted(counts, key=lambda c: (-counts[c], first[c]))[0]

    def _persons_first(self) -> None:
        """Full names first, so that a surname or first name mentioned earlier still finds its person."""
        for ent in self.doc.ents:
            if (ent.label_ != "PERSON" or _in_skip(ent.start_char, ent.end_char, self.article.skip)
                    or _in_skip(ent.start_char, ent.end_char, self.claimed) or len(ent.text) > MAX_NAME_CHARS):
                continue
            span = self.person_span(ent)
            name = " ".join(name_words(span.text))
            if len(name.split()) < 2 or self._person_named_as_place(ent):
                continue
            entry = self.resolver.lookup(name)
            if entry is None:
                self.people.add(name, span.start_char)
            elif entry.type == "person":
                self.people.add(name, span.start_char, key=entry.key)
        # "Jordan Pike, 19,": a first name the tagger took for a country, before a surname it left untagged
        for ent in self.doc.ents:
            if ent.label_ not in ("GPE", "NORP", "ORG") or len(ent) != 1 or ent.end >= len(self.doc) \
                    or _in_skip(ent.start_char, ent.end_char, self.article.skip + tuple(self.claimed)):
                continue
            nxt = self.doc[ent.end]
            if not (nxt.pos_ == "PROPN" and nxt.is_title and nxt.ent_type_ == "" and ent[0].head.i == nxt.i
                    and ent[0].dep_ == "compound" and nxt.lower_ not in TITLES):
                continue
            after = self.doc[nxt.i + 1:nxt.i + 4].text
            if self.people.find(nxt.text) is not None or self.people.ambiguous(nxt.text) \
                    or re.match(r"^,\s*\d{1,2}\s*,", after):
                span = self.doc[ent.start:nxt.i + 1]
                self.people.add(span.text, span.start_char)
                self.claimed.append((span.start_char, span.end_char))
                self._name_spans.append(span)
        # "identified the victim as 26-year-old Antwan Green", "Dale Ruiz, 34,": a name the tagger took
        # for an organization or a place, when the words around it give a person's age or identity
        doc, i = self.doc, 0
        while i < len(doc):
            j = i
            while j < len(doc) and j - i < 5 and self._name_like(doc[j]):
                j += 1
            if j == i:
                i += 1
                continue
            ent, i = doc[i:j], j
            name = clean_name(ent.text)
            if not 2 <= len(ent) <= 4 or all(t.ent_type_ == "PERSON" for t in ent) or not self._person_context(ent) \
                    or _in_skip(ent.start_char, ent.end_char, self.article.skip + tuple(self.claimed)) \
                    or _org_type(name) != "other" or self.resolver.lookup(name) is not None \
                    or self.resolver.place(name, None) is not None:
                continue
            self.people.add(ent.text, ent.start_char)
            self.claimed.append((ent.start_char, ent.end_char))
            self._name_spans.append(ent)

    @staticmethod
    def _name_like(t: Token) -> bool:
        """A word that may be part of a person's name whatever the tagger called it."""
        return (t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and not t.is_upper and t.lower_ not in TITLES
                and t.ent_type_ in ("", "PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"))

    def _person_context(self, ent: Span) -> bool:
        """Whether the words around a name give a person's age or identity: "26-year-old X", "X, 26,",
        "victim X", "identified as X"."""
        doc = self.doc
        if ent.start >= 3 and doc[ent.start - 1].lower_ == "old" and doc[ent.start - 3].lower_ in ("year", "years"):
            return True
        if ent.end + 2 < len(doc) and doc[ent.end].text == "," and re.fullmatch(r"\d{1,2}", doc[ent.end + 1].text) \
                and (doc[ent.end + 2].is_punct or doc[ent.end + 2].lower_ in ("of", "and")):
            return True
        if ent.start >= 1 and doc[ent.start - 1].lemma_.lower() in PERSON_DESCRIPTION_NOUNS \
                and doc[ent.start - 1].pos_ == "NOUN":
            return True  # "victim Victoria Cantu", "suspect Dale Ruiz"
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.head.lemma_.lower() in IDENTIFY_VERBS:
            return True
        # "the UN envoy, Ramtane Lamamra," / "Adam Rojal, a spokesman for ...": a name in apposition to a
        # noun for someone's office
        if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.lemma_.lower() in OFFICE_NOUNS:
            return True
        if any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in OFFICE_NOUNS for c in root.children):
            return True
        if len(ent) <= 3 and ent[0].lower_ in GIVEN_NAMES and ent[-1].lower_ not in GIVEN_NAMES:
            return True  # "the office of Paul Riva": a common given name before a surname
        return self._surname_again(ent)

    def _surname_again(self, ent: Span) -> bool:
        """Whether the last word of a name comes back alone later as the subject of a verb, as a person's
        surname does in a report ("Police say Marcus Torres tried ... Torres was taken to a hospital"), and an
        organization's last word seldom does (a word the article also writes in lower case is a common word)."""
        doc, last = self.doc, ent[-1]
        if self._words_at is None:  # each word's positions, read once per article
            self._words_at = {}
            for t in doc:
                self._words_at.setdefault(t.text, []).append(t.i)
        if last.lower_ in self._words_at:
            return False  # a common word ("Akron Police ... police said"), not a surname
        if ent[0].ent_type_ != "PERSON" and self.resolver.place(ent[0].text, self.country or None) is not None:
            return False  # "Houston Kinsey": a place before a name, not a first name
        for t in (doc[i] for i in self._words_at.get(last.text, ()) if i >= ent.end):
            if t.pos_ != "PROPN" or t.ent_type_ not in ("", "PERSON", "ORG") \
                    or t.dep_ not in ("nsubj", "nsubjpass"):
                continue
            before = doc[t.i - 1] if t.i > 0 else None
            after = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if (before is None or not (before.pos_ == "PROPN" and before.text[:1].isupper())) and (
                    after is None or not (after.pos_ == "PROPN" and after.text[:1].isupper())):
                return True
        return False

    def _untagged_people(self) -> None:
        """People named again where the tagger saw no name: "Cheyanne Donta Woods, a 29-year-old man,
        was shot" after a headline that named him, "Woods was standing": a run of capitalized proper
        nouns that is the full name, or the one surname or first name, of a person named in full."""
        doc, skip = self.doc, self.article.skip + tuple(self.claimed)
        i = 0
        while i < len(doc):
            j = i
            while j < len(doc) and self._free_name_word(doc[j]):
                j += 1
            if j == i:
                i += 1
                continue
            span = doc[i:j]
            i = j
            words = name_words(span.text)
            if not words or len(words) > 4 or _in_skip(span.start_char, span.end_char, skip):
                continue
            if len(words) == 1 and (self.people.ambiguous(words[0]) or span.root.dep_ not in (
                    "nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "attr")):
                continue
            if self.people.find(" ".join(words)) is not None:
                self._person(span, span, None)

    def _untagged_acronyms(self) -> None:
        """An organization the tagger did not tag: "shot by the IRA", "the FDLR denied it". A word of two
        to six capitals with "the" before it, heading its phrase, that names no place, is an
        organization (the gazetteer's actor when it knows the letters)."""
        r, skip = self.resolver, self.article.skip + tuple(self.claimed)
        for t in self.doc:
            if not (t.pos_ == "PROPN" and ACRONYM.fullmatch(t.text) and t.ent_type_ == ""
                    and t.dep_ not in ("compound", "amod", "nmod") and t.i not in self.by_token
                    and t.i not in self.place_by_token and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
                    and t.text not in NOT_NAMES and t.lower_ not in MUNITIONS):
                continue
            if _in_skip(t.idx, t.idx + len(t), skip) or r.geo.country(t.text, codes=True) is not None \
                    or r.place(t.text, self.country or None) is not None:
                continue
            span = self.doc[t.i:t.i + 1]
            entry = r.lookup(t.text)
            if entry is not None:
                if entry.type not in ("civilians", "other", "person"):
                    self._add_actor(r.entry_ref(entry, t.text, t.idx, t.idx + len(t)), span)
                continue
            self._add_actor(ActorRef(key=slug(t.text), name=t.text, type=_org_type(t.text), text=t.text,
                                     start=t.idx, end=t.idx + len(t)), span)

    def _free_name_word(self, t: Token) -> bool:
        """A capitalized proper noun (or a title before one) that no actor or place claims."""
        return (t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and not t.is_upper
                and t.ent_type_ in ("", "PERSON") and t.i not in self.by_token and t.i not in self.place_by_token)

    def person_span(self, ent: Span) -> Span:
        """A person's name with the capitalized words just before it that the tagger left out:
        "Turki" of "Coalition spokesman Turki al-Maliki" when only "al-Maliki" was tagged, the first
        name "Israel" of "Israel Flores" tagged as a country."""
        start = ent.start
        e = self.resolver.lookup(ent.text)
        if e is not None and e.type == "person" and clean_name(ent.text).casefold() == e.name.casefold():
            return ent  # the gazetteer's full name
        while start > ent.sent.start and ent.end - start < 5:
            t = self.doc[start - 1]
            if not (t.is_alpha and t.text[:1].isupper() and not t.is_upper and t.pos_ == "PROPN"
                    and t.lower_ not in TITLES and t.ent_type_ in ("", "PERSON", "GPE", "NORP")
                    and t.dep_ in ("compound", "nmod", "amod") and ent.start <= t.head.i < ent.end
                    and not (t.ent_type_ in ("GPE", "NORP") and t.i > 0 and self.doc[t.i - 1].pos_ == "ADP")):
                break
            start -= 1
        return self.doc[start:ent.end] if start < ent.start else ent

    def _add_actor(self, ref: ActorRef, span: Span | None = None) -> None:
        self.actors.append(ref)
        if span is not None:
            for t in span:
                self.by_token.setdefault(t.i, ref)
        if ref.type in ("military", "government") and ref.country and span is not None:
            self.state_mentions.append((span.start if isinstance(span, Span) else span.i, ref.type, ref.country))

    def _add_place(self, match: PlaceMatch | None, text: str, span: Span) -> PlaceRef:
        q = DIRECTIONS.match(clean_name(text))
        if match is None and q is not None and q.group(2)[0].isupper() \
                and clean_name(text).split()[-1].lower() not in STREET_WORDS:
            # a capitalized direction is part of a name the gazetteer lacks ("the South Side"), not a qualifier
            # (but "East 223rd Street" is 223rd Street)
            name = re.sub(r"^the\s+", "", clean_name(text), flags=re.I).strip()
        else:
            name = DIRECTIONS.sub("", clean_name(text)).strip()
        name = re.sub(r"\s+(province|city|region|governorate|district|area)$", "", name, flags=re.I)
        if match is not None:
            key = f"geo:{match.geonameid}" if match.geonameid else f"geo:{slug(match.name)}"
            m = match
        else:
            key = f"place:{slug(name)}"
            m = PlaceMatch(name=name)
        ref = PlaceRef(key=key, place=m, text=clean_name(text), start=span.start_char, end=span.end_char)
        self.places.append(ref)
        for t in span:
            self.place_by_token.setdefault(t.i, ref)
        return ref

    def _place_context(self, ent: Span, strong: bool = False) -> bool:
        """Whether the words around a name call it a place: "in X", "X province", "X, Mich.". ``strong``:
        not "of X" nor "X," alone, which a person's surname has too ("the shooting of Riva, 47,")."""
        prev = self.doc[ent.start - 1] if ent.start > 0 else None
        nxt = self.doc[ent.end] if ent.end < len(self.doc) else None
        if prev is not None and prev.lower_ in PLACE_PREPS and not (strong and prev.lower_ == "of"):
            return True
        if strong and nxt is not None and nxt.text == ",":
            after = self.doc[ent.end + 1] if ent.end + 1 < len(self.doc) else None
            return after is not None and after.ent_type_ == "GPE"
        return bool((nxt is not None and nxt.lower_ in PLACE_CONTEXT_WORDS)
                    or (prev is not None and prev.text == "," and ent.start > 1
                        and self.doc[ent.start - 2].lower_ in STREET_WORDS))  # "Newton Street, Millom"

    def _entity(self, ent: Span) -> None:
        r = self.resolver
        text = ent.text
        label = ent.label_
        if label in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "WORK_OF_ART",
                     "LANGUAGE", "LAW", "PRODUCT", "EVENT"):
            return
        name = clean_name(text)
        if not name or not any(ch.isalpha() for ch in name):
            return
        if name.upper() in NOT_NAMES or re.fullmatch(r"[A-Z]{2,5}[+-]\d{1,2}(:\d\d)?", name):
            return  # time zones, encodings, file formats: never an actor or a place
        if self._operation(ent):
            return  # "Operation Barkhane": a military operation, neither a place nor an actor
        entry = r.lookup(name) if label != "GPE" else None
        if label == "PERSON" or (entry is not None and entry.type == "person"):
            span = self.person_span(ent)
            words = name_words(span.text)
            if len(words) >= 2 and not self._person_named_as_place(ent) and (
                    entry is not None or not self._unconfirmed_headline(ent, name)):
                self._person(ent, span, entry)
                return
            if len(words) == 1 and (self.people.find(words[0]) is not None or self.people.ambiguous(words[0])
                                    or (entry is not None and entry.type == "person")):
                self._person(ent, span, entry)
                return
        elif (len(name.split()) == 1 and (entry is None or entry.type == "person") and geo_country_free(r, name)
              and not (self._place_context(ent, strong=True) and r.place(name, self.country or None) is not None)
              and self.people.find(name) is not None):
            self._person(ent, ent, None)  # "Bolton said": the surname of the victim named before, no place
            return
        elif (2 <= len(words := name_words(name)) <= 4 and entry is None and _org_type(name) == "other"
              and (p := self.people.find(" ".join(words))) is not None and p.name.casefold() == " ".join(words).casefold()):
            self._person(ent, ent, None)  # a person's full name, named before, that the tagger took for another name
            return
        if label in ("GPE", "LOC", "FAC") or (label in ("NORP", "PERSON", "ORG") and entry is None):
            if self._maybe_place(ent, label, entry):
                return
        if label == "NORP":
            self._norp(ent)
            return
        if entry is None and label in ("PERSON",):
            entry = r.lookup(strip_titles(name))
        if entry is not None:
            if entry.type in ("civilians", "other") and label not in ("ORG", "LOC", "NORP"):
                return
            self._add_actor(r.entry_ref(entry, text, ent.start_char, ent.end_char), ent)
            return
        if label in ("ORG", "PERSON") and self._generic_entity(ent):
            return
        if label in ("ORG", "PERSON") and self._unconfirmed_headline(ent, name):
            for t in ent:  # "Aleppo Has": keep the place inside
                if t.pos_ == "PROPN" and t.is_title and not self.people.is_part(t.text) \
                        and not self._in_other_person(t, ent) \
                        and (m := r.place(t.text, self.country or None)) is not None \
                        and m.feature in ("country", "capital", "city", "admin"):
                    self._add_place(m, t.text, ent[t.i - ent.start:t.i - ent.start + 1])
            return
        if label == "PERSON":
            self._person(ent, self.person_span(ent), None)
        elif label == "ORG":
            self._add_actor(ActorRef(key=slug(name), name=name, type=_org_type(name), text=text,
                                     start=ent.start_char, end=ent.end_char), ent)

    def _in_other_person(self, t: Token, ent: Span) -> bool:
        """Whether a word is part of a person's name the tagger finds elsewhere in the article: "Yvonne
        Hiller Kills Two" in a headline, before the body names "Yvonne Hiller"."""
        return any(e.label_ == "PERSON" and len(e) >= 2 and e.start != ent.start and t.text in (w.text for w in e)
                   for e in self.doc.ents)

    def _common_noun(self, ent: Span) -> bool:
        """A single word after "a"/"an" that heads its phrase is a common noun, however it is written ("A MAN
        was", "an Apple"); "a Detroit man", "a Kabul hospital" name places as modifiers of a noun."""
        prev = self.doc[ent.start - 1] if ent.start > 0 else None
        return (len(ent) == 1 and prev is not None and prev.lower_ in ("a", "an")
                and ent.root.dep_ not in ("compound", "amod", "nmod", "poss"))

    def _operation(self, ent: Span) -> bool:
        """Whether a name is a military operation's: "Operation Barkhane", "(Operation) Inherent Resolve"."""
        prev = self.doc[ent.start - 1] if ent.start > 0 else None
        return ent[0].text == "Operation" or (prev is not None and prev.text == "Operation")

    def _generic_entity(self, ent: Span) -> bool:
        """"The Army", "the Government": a group noun the model took for a name."""
        words = [t for t in ent if t.lower_ not in ("the", "'s", "’s")]
        if len(words) != 1:
            return False
        ref = self.group_actor(words[0])
        if ref is None:
            return False
        self._add_actor(ref, ent)
        return True

    def _unconfirmed_headline(self, ent: Span, name: str) -> bool:
        """In a Title Case headline every word looks like a name ("Aleppo Has Been
        Retaken"): a name not in the gazetteer counts only if the body uses it too."""
        sent = ent.sent
        text = doc_text(self.doc)
        # a headline is a line of its own with no full stop ("Mrs. Ana Kowalczyk met Tomas Brandt on
        # Friday." is a sentence full of names, not a headline)
        line_start = text.rfind("\n", 0, ent.start_char) + 1
        line_end = text.find("\n", ent.end_char)
        line = text[line_start:len(text) if line_end < 0 else line_end].strip()
        if not line or line.endswith(".") or text[line_start:sent.start_char].strip():
            return False
        words = [t for t in sent if t.is_alpha and len(t) > 3]
        if len(words) < 3 or sum(t.text[0].isupper() for t in words) < 0.8 * len(words):
            return False
        pos = text.find(name)
        while pos >= 0:
            if not (sent.start_char <= pos < sent.end_char):
                return False
            pos = text.find(name, pos + 1)
        return True

    def _maybe_place(self, ent: Span, label: str, entry) -> bool:
        """Record a place (and a country actor for countries); False if it is not a place."""
        r, geo = self.resolver, self.resolver.geo
        name = clean_name(ent.text)
        if label == "PERSON" and (len(name.split()) > 1 or self.people.is_part(name)) \
                and not self._person_named_as_place(ent):
            return False  # a name the parse takes for a person's is no place
        country = geo.country(name, codes=False)
        if country is not None and label in ("GPE", "LOC", "NORP", "ORG", "PERSON"):
            self._add_place(country, ent.text, ent)
            ref = r.country_ref(country.country, ent.text, ent.start_char, ent.end_char)
            if ref is not None:
                self._add_actor(ref, ent)
            return True
        if label == "NORP" and geo.demonym(name):
            return False
        if self._common_noun(ent):
            return False
        parts = [p for p in re.split(r"\s*,\s*|\s+and\s+", name) if p] if label in ("ORG", "PERSON", "NORP") else [name]
        matches = [r.place(p, self.country or None) for p in parts]
        if label == "GPE" and len(parts) == 1 and matches[0] is None:
            matches[0] = geo.us_state_place(name)  # "in Mich.": the state
        if len(parts) == 1 and matches[0] is None and self._place_context(ent) \
                and not (ent.start > 0 and self.doc[ent.start - 1].lower_ == "of") and not self.people.is_part(name):
            matches[0] = geo.only_town(name)  # "in Millom": a small town no other place shares the name of
        if label in ("GPE", "LOC", "FAC"):
            if entry is not None and entry.type not in ("country",) and label == "LOC":
                return False  # "the West" and similar: an actor, not a place
            if len(parts) == 1:
                self._add_place(matches[0], ent.text, ent)
                return True
        if label in ("PERSON", "ORG") and len(parts) == 1 and entry is None and self._named_as_place(ent):
            # "the town of Taji": a place by the words before it, even when the gazetteer lacks it
            self._add_place(matches[0], ent.text, ent)
            return True
        if matches and all(m is not None for m in matches) and ((label == "NORP" and ent.root.tag_ not in ("NNS", "NNPS"))
                                                                 or self._place_context(ent)
                                                                 or all(m.feature in ("city", "capital", "admin")
                                                                        for m in matches)):
            if len(parts) == 1:
                self._add_place(matches[0], ent.text, ent)
            else:
                pos = 0
                for part, m in zip(parts, matches):
                    i = ent.text.find(part, pos)
                    pos = i + len(part)
                    sub = self.doc.char_span(ent.start_char + i, ent.start_char + pos, alignment_mode="expand")
                    if sub is not None:
                        self._add_place(m, part, sub)
            return True
        return False

    def _person_named_as_place(self, ent: Span) -> bool:
        """Whether words around a name the parse takes for a person's call it a place: "the town of X",
        "the X region", "in X" when the gazetteer knows X as a place."""
        if self._named_as_place(ent):
            return True
        nxt = self.doc[ent.end] if ent.end < len(self.doc) else None
        if nxt is not None and nxt.lower_ in PLACE_CONTEXT_WORDS:
            return True
        prev = self.doc[ent.start - 1] if ent.start > 0 else None
        return bool(prev is not None and prev.lower_ in ("in", "near")
                    and self.resolver.place(ent.text, self.country or None) is not None)

    def _named_as_place(self, ent: Span) -> bool:
        """Whether the words before a name call it a place: "the town of X", "X province"."""
        before = [t.lower_ for t in self.doc[max(0, ent.start - 3):ent.start]]
        after = self.doc[ent.end].lower_ if ent.end < len(self.doc) else ""
        return (len(before) >= 2 and before[-1] == "of" and before[-2] in PLACE_WORDS) or after in PLACE_SUFFIX_WORDS

    def _norp(self, ent: Span) -> None:
        """A nationality used as a noun ("an injured Syrian", "Syrians") names civilians."""
        root = ent.root
        iso = self.resolver.geo.demonym(clean_name(ent.text))
        if not iso:
            return
        # "an injured Syrian arrives": the adjective used as a noun heads its phrase
        if root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos") and (
                root.pos_ in ("PROPN", "NOUN") or (root.pos_ == "ADJ" and root.dep_ != "amod")):
            self._add_actor(self.resolver.generic("civilians", iso, ent.text, ent.start_char, ent.end_char), ent)

    def _person(self, ent: Span, span: Span, entry) -> None:
        """A person's mention: the article's person it names (:class:`PersonIndex`), else the
        gazetteer's person, else a person of its own name."""
        ref = self.person_named(span.text, span.start_char, span.end_char, entry)
        if ref is None:
            return
        if ref.type == "person" and not ref.affiliation:
            ref = replace(ref, affiliation=self.affiliation_of(ent))
        self._add_actor(ref, span)

    def person_named(self, text: str, start: int = -1, end: int = -1, entry=None) -> ActorRef | None:
        """The actor a person's name means in this article ("Kirby" -> John Kirby named before;
        "Turki al-Maliki" -> himself, not the gazetteer's Nouri al-Maliki); None for no name. The
        statements' speakers are resolved with it too."""
        words = name_words(text)
        if not words:
            return None
        p = self.people.find(" ".join(words))
        if p is None and len(words) >= 2:
            p = self.people.add(" ".join(words), start)
        if entry is None:
            entry = self.resolver.lookup(" ".join(words))
        if p is not None:
            e = self.resolver.gazetteer.get(p.key)
            if e is not None:
                return self.resolver.entry_ref(e, text, start, end)
            return ActorRef(key=p.key, name=p.name, type="person", text=text, start=start, end=end)
        if entry is not None and entry.type == "person" and not self.people.ambiguous(words[0]):
            return self.resolver.entry_ref(entry, text, start, end)
        name = " ".join(words)
        return ActorRef(key=slug(name), name=name, type="person", text=text, start=start, end=end)

    def affiliation_of(self, ent: Span) -> str:
        """The organization or country a person speaks for, from the words around the name.

        "State Department spokesman John Kirby", "Syrian U.N. Ambassador Bashar Jaafari",
        "Gholam Hossein Dehqani, Iran's ambassador", "Kirby, a State Department spokesman".
        """
        r = self.resolver
        root = ent.root
        cands: list[Token] = []
        # words before the name in the same noun phrase
        cands += [t for t in root.lefts if t.i < ent.start]
        for t in list(cands):
            cands += [c for c in t.subtree if c.i < ent.start]
        # appositions: "X, Iran's ambassador"
        for ap in root.children:
            if ap.dep_ == "appos":
                cands += list(ap.subtree)
        if root.head.dep_ == "appos" or root.dep_ == "appos":
            cands += list(root.head.subtree) if root.dep_ == "appos" else []
        seen = set()
        for t in sorted(cands, key=lambda t: t.i):
            if t.i in seen or ent.start <= t.i < ent.end:
                continue
            seen.add(t.i)
            if t.ent_type_ in ("ORG", "GPE", "NORP") and t.ent_iob_ == "B":
                span = next((e for e in self.doc.ents if e.start == t.i), None)
                if span is None:
                    continue
                txt = clean_name(span.text)
                e = r.lookup(txt)
                if e is not None and e.type not in ("media", "civilians", "other"):
                    if e.type == "country":
                        g = r.by_country.get((e.country, "government"))
                        return g.key if g else e.key
                    if e.type == "igo" and "un" in e.key.split("_") and any(
                            x.lower_ in ("syrian", "iranian") for x in cands):
                        continue
                    return e.key
                iso = r.geo.demonym(txt)
                if iso:
                    g = r.by_country.get((iso, "government")) or r.by_country.get((iso, "country"))
                    if g is not None:
                        return g.key
                c = r.geo.country(txt)
                if c is not None:
                    g = r.by_country.get((c.country, "government")) or r.by_country.get((c.country, "country"))
                    if g is not None:
                        return g.key
        return ""

    # -- group noun phrases -----------------------------------------------------------
    def _group_chunks(self):
        seen: set[int] = set()
        for chunk in self.doc.noun_chunks:
            if _in_skip(chunk.start_char, chunk.end_char, self.article.skip):
                continue
            if chunk.root.i in seen:
                continue
            seen.add(chunk.root.i)
            yield chunk

    def group_kind(self, root: Token) -> str:
        lemma = root.lemma_.lower()
        mods = {t.lower_ for t in root.children if t.dep_ in ("amod", "compound", "nmod", "npadvmod")}
        if lemma == "command" and ({"general"} & mods or any(t.lemma_ in ("army", "military") for t in root.children)):
            return "military"
        if lemma in ("force", "forces") and "armed" in mods:
            return "military"
        if lemma in UNIT_NOUNS and mods & (GOV_MODS | {"police"}):
            return "police" if "police" in mods else "military"  # "an army patrol", "a police convoy"
        if lemma in FORCE_NOUNS or lemma in ("troop", "soldier"):
            if mods & REBEL_MODS:
                return "rebels"
            if mods & GOV_MODS or lemma in ("troop", "soldier"):
                return "military"
            if any(self.resolver.geo.demonym(t.text) for t in root.children if t.dep_ in ("amod", "compound")):
                return "military"
            return ""
        kind = GROUP_NOUN_KINDS.get(lemma, "")
        if lemma == "gunman" and self.crime_report():
            return ""  # "a gunman" in a crime report is a person, not militants
        if kind == "rebels" and root.pos_ not in ("NOUN", "PROPN"):
            return ""
        if lemma == "opposition" and root.dep_ in ("compound", "amod"):
            return ""
        return kind

    def crime_report(self) -> bool:
        """Whether the article reports crime, not armed conflict: it uses a word of crime ("police",
        "homicide", "suspect") and neither a word of war nor the name of an armed group."""
        if self._crime is None:
            lemmas = {t.lemma_.lower() for t in self.doc}
            self._crime = bool(lemmas & CRIME_REPORT_WORDS) and not lemmas & ARMED_CONFLICT_WORDS and not any(
                e.label_ in ("ORG", "NORP") and (a := self.resolver.lookup(clean_name(e.text))) is not None
                and a.type in ("armed_group", "military", "rebels") for e in self.doc.ents)
        return self._crime

    def country_of_phrase(self, root: Token) -> str:
        """A nationality or country named inside the phrase ("Syrian forces", "Assad's troops")."""
        r = self.resolver
        for t in root.children:
            if t.dep_ in ("amod", "compound", "poss", "nmod"):
                iso = r.geo.demonym(t.text)
                if iso:
                    return iso
                ref = self.by_token.get(t.i)
                if ref is not None and ref.country and ref.type in ("country", "person", "government", "military"):
                    return ref.country
                c = r.geo.country(clean_name(t.text)) if t.ent_type_ == "GPE" else None
                if c is not None:
                    return c.country
        return ""

    def group_actor(self, chunk: Span | Token) -> ActorRef | None:
        if isinstance(chunk, Span):
            return self._group_actor(chunk)
        # a word is asked about again and again (actor_at): the answer is kept while what it depends on
        # (the state mentions read so far and the article's country) stays as it is
        state = (len(self.state_mentions), self.country)
        if self._group_memo is None or self._group_memo[0] != state:
            self._group_memo = (state, {})
        memo = self._group_memo[1]
        if chunk.i not in memo:
            memo[chunk.i] = self._group_actor(chunk)
        return memo[chunk.i]

    def _group_actor(self, chunk: Span | Token) -> ActorRef | None:
        root = chunk.root if isinstance(chunk, Span) else chunk
        if root.i in self.by_token and isinstance(chunk, Span):
            return None  # already an entity
        kind = self.group_kind(root)
        if not kind:
            return None
        own = self._group_of_members(root)
        if own is not None:  # "Taliban gunmen", "Boko Haram fighters": that group, by the whole phrase
            span = chunk if isinstance(chunk, Span) else self.doc[root.i:root.i + 1]
            first = min(own.start, span.start_char)
            return replace(own, text=doc_text(self.doc)[first:span.end_char], start=first, end=span.end_char)
        iso = self.country_of_phrase(root)
        if not iso:
            if kind in ("military", "government"):
                # the country of a recent mention (same or previous sentence), else the main country
                sent = root.sent
                prev_start = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
                recent = [(i, c) for i, k, c in self.state_mentions if k == kind and prev_start <= i < root.i]
                iso = max(recent)[1] if recent else self.country
            elif kind in ("rebels", "civilians", "protesters", "police"):
                iso = self.country
        span = chunk if isinstance(chunk, Span) else self.doc[root.i:root.i + 1]
        start, end = span.start_char, span.end_char
        if kind == "militants":
            iso = ""
        return self.resolver.generic(kind, iso, span.text, start, end)

    def _group_of_members(self, root: Token) -> ActorRef | None:
        """The armed group named just before a noun of its people ("Taliban gunmen", "Boko Haram
        fighters"): the group, not the noun's generic militants."""
        if root.lemma_.lower() not in AFFILIATE_NOUNS:
            return None
        for c in root.children:
            if c.dep_ in ("compound", "nmod") and c.i < root.i:
                ref = self.by_token.get(c.i)
                if ref is not None and ref.type == "armed_group" and ref.key != "militants":
                    return ref
        return None

    # -- lookups used by the event and statement extractors ---------------------------
    def actor_at(self, tok: Token) -> ActorRef | None:
        """The actor a noun phrase headed by ``tok`` names, if any (no pronouns)."""
        ref = self.by_token.get(tok.i)
        if ref is not None:
            return ref
        if tok.pos_ in ("NOUN", "PROPN"):
            g = self.group_actor(tok)
            if g is not None:
                return g
        # "remnants of rebels", "thousands of civilians", "the last of the fighters"
        if tok.lemma_.lower() in OF_PHRASE_HEADS:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.actor_at(p)
        return None

    def people_at(self, tok: Token) -> list[ActorRef]:
        """The people a plural kin noun names: "the brothers", "the Pike brothers" -> both brothers
        named in full in the article (the people who share a surname); [] otherwise."""
        if tok.lemma_.lower() not in FAMILY_NOUNS or tok.tag_ not in ("NNS", "NNPS") or tok.i in self.by_token:
            return []
        if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "both", "two") for c in tok.children) \
                and not any(c.lower_ == "both" for c in tok.subtree):
            return []
        family = self.people.family()
        named = [c.text for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if named:
            family = [p for p in family if p.last == _word_of(named[-1])]
        if len({p.last for p in family}) != 1:
            return []  # no family, or several: none for sure
        out = []
        for p in family:
            e = self.resolver.gazetteer.get(p.key)
            out.append(self.resolver.entry_ref(e, tok.text, tok.idx, tok.idx + len(tok.text)) if e is not None
                       else ActorRef(key=p.key, name=p.name, type="person", text=tok.text, start=tok.idx,
                                     end=tok.idx + len(tok.text)))
        return out

    def place_at(self, tok: Token) -> PlaceRef | None:
        return self.place_by_token.get(tok.i)
