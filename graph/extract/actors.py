"""Who: actor and place mentions of one article, resolved to canonical keys.

``ArticleEntities.build(doc, article, resolver)`` walks a parsed article once and
records every actor mention (named entities and noun phrases that name groups:
"rebels", "the regime", "the army's general command") and every place mention,
each resolved to a canonical key that is the same in every article:

* gazetteer entries (graph/data/actors.csv, plus user files) by name or alias;
* countries (type ``country``) and, from nationality adjectives or the article's
  main country, their military, government, rebels and civilians;
* people by full name; a lone surname ("Kirby") joins the full name used in the
  same article; titles ("President", "spokesman") are not part of a name;
* places through the offline gazetteer in ``graph.lexicon.geo``.

Media and wire services are actors of type ``media``: they are sources, and the event
extractor never makes them agents.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from graph.core.model import ActorRef, Article, PlaceMatch, PlaceRef
from graph.extract.resolver import Resolver
from graph.lexicon.names import clean_name, slug, strip_titles
from graph.lexicon.words import (
    FORCE_NOUNS,
    GOV_MODS,
    GROUP_NOUN_KINDS,
    NOT_NAMES,
    OF_PHRASE_HEADS,
    PLACE_CONTEXT_WORDS,
    PLACE_PREPS,
    PLACE_SUFFIX_WORDS,
    PLACE_WORDS,
    REBEL_MODS,
    UNIT_NOUNS,
)

# qualifiers cut from the front of a place's text before it is slugged ("northern Aleppo", "the city of X")
DIRECTIONS = re.compile(r"^(the\s+)?((north|south|east|west)(ern)?|(north|south)[- ]?(east|west)(ern)?|central|"
                        r"rural|greater|downtown|old|new city of|city of|town of|village of|province of)\s+", re.I)
MAX_NAME_CHARS = 150  # a longer "entity" (a run of garbage the tagger took for a name) is no actor or place


def _in_skip(start: int, end: int, skip) -> bool:
    return any(s < end and start < e for s, e in skip)


def _org_type(name: str) -> str:
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
    persons: dict[str, ActorRef] = field(default_factory=dict)  # full-name key -> ref
    # (token index, kind, iso3) of military and government mentions with a country
    state_mentions: list[tuple[int, str, str]] = field(default_factory=list)

    # -- construction -----------------------------------------------------------------
    @classmethod
    def build(cls, doc: Doc, article: Article, resolver: Resolver) -> "ArticleEntities":
        self = cls(article=article, doc=doc, resolver=resolver)
        self.country = self._main_country()
        self._persons_first()
        for ent in doc.ents:
            if _in_skip(ent.start_char, ent.end_char, article.skip) or len(ent.text) > MAX_NAME_CHARS:
                continue
            self._entity(ent)
        if not self.country:
            # no country named: the country of the places the article resolved ("Douma" -> Syria)
            seen = Counter(p.place.country for p in self.places if p.place.country)
            if seen:
                self.country = sorted(seen, key=lambda c: (-seen[c], c))[0]
        for chunk in self._group_chunks():
            ref = self.group_actor(chunk)
            if ref is not None:
                self._add_actor(ref, chunk)
        self.actors.sort(key=lambda a: (a.start, a.end, a.key))
        self.places.sort(key=lambda p: (p.start, p.end, p.key))
        return self

    def _main_country(self) -> str:
        counts: Counter = Counter()
        first: dict[str, int] = {}
        geo = self.resolver.geo
        for ent in self.doc.ents:
            if _in_skip(ent.start_char, ent.end_char, self.article.skip) or len(ent.text) > MAX_NAME_CHARS:
                continue
            iso = ""
            if ent.label_ == "GPE":
                m = geo.country(clean_name(ent.text))
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
        """Full names first, so that a surname mentioned earlier still finds its person."""
        for ent in self.doc.ents:
            if (ent.label_ != "PERSON" or _in_skip(ent.start_char, ent.end_char, self.article.skip)
                    or len(ent.text) > MAX_NAME_CHARS):
                continue
            name = strip_titles(clean_name(ent.text))
            if len(name.split()) >= 2 and self.resolver.lookup(name) is None:
                self.persons.setdefault(slug(name), ActorRef(
                    key=slug(name), name=name, type="person", text=ent.text, start=ent.start_char,
                    end=ent.end_char))

    def _add_actor(self, ref: ActorRef, span: Span | None = None) -> None:
        self.actors.append(ref)
        if span is not None:
            for t in span:
                self.by_token.setdefault(t.i, ref)
        if ref.type in ("military", "government") and ref.country and span is not None:
            self.state_mentions.append((span.start if isinstance(span, Span) else span.i, ref.type, ref.country))

    def _add_place(self, match: PlaceMatch | None, text: str, span: Span) -> PlaceRef:
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

    def _place_context(self, ent: Span) -> bool:
        prev = self.doc[ent.start - 1] if ent.start > 0 else None
        nxt = self.doc[ent.end] if ent.end < len(self.doc) else None
        return bool((prev is not None and prev.lower_ in PLACE_PREPS)
                    or (nxt is not None and nxt.lower_ in PLACE_CONTEXT_WORDS))

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
        entry = r.lookup(name) if label != "GPE" else None
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
                if t.pos_ == "PROPN" and t.is_title and (m := r.place(t.text, self.country or None)) is not None \
                        and m.feature in ("country", "capital", "city", "admin"):
                    self._add_place(m, t.text, ent[t.i - ent.start:t.i - ent.start + 1])
            return
        if label == "PERSON":
            self._person(ent, name)
        elif label == "ORG":
            self._add_actor(ActorRef(key=slug(name), name=name, type=_org_type(name), text=text,
                                     start=ent.start_char, end=ent.end_char), ent)

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
        text = self.doc.text
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
        country = geo.country(name)
        if country is not None and label in ("GPE", "LOC", "NORP", "ORG", "PERSON"):
            self._add_place(country, ent.text, ent)
            ref = r.country_ref(country.country, ent.text, ent.start_char, ent.end_char)
            if ref is not None:
                self._add_actor(ref, ent)
            return True
        if label == "NORP" and geo.demonym(name):
            return False
        parts = [p for p in re.split(r"\s*,\s*|\s+and\s+", name) if p] if label in ("ORG", "PERSON", "NORP") else [name]
        matches = [r.place(p, self.country or None) for p in parts]
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
        if matches and all(m is not None for m in matches) and (label == "NORP" or self._place_context(ent)
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

    def _person(self, ent: Span, name: str) -> None:
        name = strip_titles(name)
        words = name.split()
        if len(words) == 1:
            matches = [p for p in self.persons.values() if p.name.split()[-1].casefold() == name.casefold()
                       or slug(p.name.split()[-1]) == slug(name)]
            if len(matches) == 1:
                p = matches[0]
                self._add_actor(ActorRef(key=p.key, name=p.name, type="person", text=ent.text,
                                         start=ent.start_char, end=ent.end_char,
                                         affiliation=self.affiliation_of(ent)), ent)
                return
            if len(matches) > 1:
                return  # ambiguous first name or surname: no actor rather than a wrong one
        key = slug(name)
        aff = self.affiliation_of(ent)
        base = self.persons.get(key)
        if base is not None and not aff:
            aff = base.affiliation
        self._add_actor(ActorRef(key=key, name=name, type="person", text=ent.text, start=ent.start_char,
                                 end=ent.end_char, affiliation=aff), ent)

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
        if kind == "rebels" and root.pos_ not in ("NOUN", "PROPN"):
            return ""
        if lemma == "opposition" and root.dep_ in ("compound", "amod"):
            return ""
        return kind

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
        root = chunk.root if isinstance(chunk, Span) else chunk
        if root.i in self.by_token and isinstance(chunk, Span):
            return None  # already an entity
        kind = self.group_kind(root)
        if not kind:
            return None
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

    def place_at(self, tok: Token) -> PlaceRef | None:
        return self.place_by_token.get(tok.i)
