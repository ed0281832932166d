"""Which person nouns and pronouns of an article stand for a person it names.

Local news often names a victim only after the shooting: "A man was shot Tuesday night ... The
victim was identified as Dale Ruiz, 34." :class:`PersonCoref` links such a noun ("a 34-year-old
man", "the victim") or pronoun to the person the article names, as a reader does:

* identification: "police identified the victim (him) as X", "the victim has been identified as X",
  "a man, identified as X,", "a man, who was later identified as X,", "the victim is X";
* apposition: "X, a 29-year-old man,", "the victim, X,";
* description, for a noun no such link names: the one named person of its age ("a 34-year-old
  man" and "X, 34"), else the person named for the nearest agreeing noun or pronoun (no other
  gender, no other age, and a suspect only with a suspect), else, for a victim, the one agreeing
  person the article says was hurt ("X was pronounced dead", "deputies found X with a gunshot
  wound", "X was taken to a hospital").

A noun about several people ("two men"), one marked as someone else ("another man") and one that
agrees with no named person are left alone; so are people named in the sentence of the noun as a
different role. Only nouns of :data:`~graph.lexicon.words.PERSON_DESCRIPTION_NOUNS` are resolved.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from graph.core.model import ActorRef
from graph.extract.actors import ArticleEntities
from graph.lexicon.words import (
    ATTACK_VERBS,
    CHARGE_VERBS,
    DEATH_STATE_WORDS,
    HARM_VERBS,
    HURT_CONDITIONS,
    IDENTIFY_VERBS,
    KIN_NOUNS,
    OFFICIAL_WORDS,
    OTHER_PERSON_WORDS,
    PERPETRATOR_NOUNS,
    PERSON_DESCRIPTION_NOUNS,
    PRONOUN_GENDER,
    RECOVERY_VERBS,
    REPORT_VERBS,
    STATE_VERBS,
    TITLES,
    VICTIM_NOUNS,
    WITNESS_VERBS,
    WOUND_NOUNS,
    WOUND_VERBS,
)

_AGE = re.compile(r"^(\d{1,3})(?:-|\s*-\s*)years?(?:-|\s*-\s*)old$", re.I)
_HOSPITAL = re.compile(r"hospital|medical center|trauma center", re.I)


@dataclass(frozen=True)
class Description:
    """What a noun or a name tells of a person: gender ("m", "f", ""), age, and whether it names the
    one who did it."""

    gender: str = ""
    age: int | None = None
    perpetrator: bool = False

    def agrees(self, other: "Description", role: bool = True) -> bool:
        """No other gender, no other age, and (with ``role``) a suspect only with a suspect."""
        return (not (self.gender and other.gender and self.gender != other.gender)
                and not (self.age is not None and other.age is not None and self.age != other.age)
                and (not role or self.perpetrator == other.perpetrator))

    def merged(self, other: "Description") -> "Description":
        """Both descriptions of one person; a detail they disagree on is unknown."""
        g = self.gender if not other.gender or other.gender == self.gender else ("" if self.gender else other.gender)
        a = self.age if other.age is None or other.age == self.age else (None if self.age is not None else other.age)
        return Description(g, a, self.perpetrator or other.perpetrator)


def dependents(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def age_of(tok: Token) -> int | None:
    """The age a noun phrase gives: "a 34-year-old man", "X, 34,", "34-year-old X"."""
    for c in tok.children:
        if c.i < tok.i and c.dep_ in ("amod", "compound", "nmod", "nummod") and c.lower_ in ("old", "year"):
            span = tok.doc[c.left_edge.i:c.i + 1].text
            m = _AGE.match(span.replace(" ", ""))
            if m:
                return int(m.group(1))
        if c.i > tok.i and c.dep_ in ("appos", "npadvmod", "amod") and c.like_num and re.fullmatch(r"\d{1,3}", c.text):
            n = int(c.text)
            if 0 < n < 120:
                return n
    return None


def describe(tok: Token) -> Description:
    """The description a person noun or pronoun gives ("a 34-year-old man": male, 34)."""
    low = tok.lower_
    if tok.pos_ == "PRON":
        return Description(PRONOUN_GENDER.get(low, ""))
    lemma = tok.lemma_.lower()
    return Description(PERSON_DESCRIPTION_NOUNS.get(lemma, ""), age_of(tok), lemma in PERPETRATOR_NOUNS)


def person_noun(tok: Token, other: bool = False) -> bool:
    """A singular noun that describes one person and (unless ``other``) is not marked as someone else
    than one named before ("another man", "one suspect")."""
    return (tok.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("NN", "NNP") and tok.lemma_.lower() in PERSON_DESCRIPTION_NOUNS
            and (other or not any(c.lower_ in OTHER_PERSON_WORDS for c in tok.children if c.i < tok.i))
            and not any(c.dep_ == "nummod" and c.lower_ not in ("1", "one") for c in tok.children))


@dataclass
class Named:
    """One mention of a person named in the article."""

    tok: Token  # the head word of the name
    ref: ActorRef


class PersonCoref:
    """The named person each person noun or pronoun of one article stands for; see the module docstring."""

    def __init__(self, doc: Doc, ents: ArticleEntities):
        self.doc, self.ents = doc, ents
        self.named: list[Named] = []
        for ref in ents.actors:
            if ref.type != "person":
                continue
            span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
            if span is not None:
                self.named.append(Named(span.root, ref))
        self.descriptions: dict[str, Description] = {}
        self.links: dict[int, ActorRef] = {}  # a noun's or pronoun's token -> the person it is
        self.group_links: dict[int, list[ActorRef]] = {}  # a plural noun's or pronoun's token -> the people
        self.guessed: set[int] = set()  # nouns resolved only as the one bystander the article names
        self.hurt: dict[str, ActorRef] = {}  # persons the article says were hurt
        for n in self.named:
            self._describe_named(n)
            if self.said_hurt(n.tok):
                self.hurt.setdefault(n.ref.key, n.ref)
        self._identifications()
        # "the victims, X and Y, were taken to a hospital": the words with named people in apposition
        # (found in one pass over the words rather than over every word's children)
        appositions: dict[int, list[Token]] = {}
        for c in doc:
            if c.dep_ == "appos" and c.head.i != c.i and self.person_at(c) is not None:
                appositions.setdefault(c.head.i, []).append(c)
        for i in sorted(appositions):
            t, names = doc[i], appositions[i]
            refs = [r for c in names for x in [c] + self._listed(c) for r in [self._person_in(x)] if r is not None]
            if len({r.key for r in refs}) >= 2:
                self._group([t], list({r.key: r for r in refs}.values()))

    # -- what the text says outright ------------------------------------------------------
    def person_at(self, tok: Token) -> ActorRef | None:
        ref = self.ents.by_token.get(tok.i)
        return ref if ref is not None and ref.type == "person" else None

    def _describe_named(self, n: Named) -> None:
        d = Description(age=age_of(n.tok))
        for c in n.tok.children:  # "X, a 29-year-old man,"
            if c.dep_ == "appos" and person_noun(c, other=True):
                d = d.merged(describe(c))
                self.links.setdefault(c.i, n.ref)
        if n.tok.dep_ == "appos" and person_noun(n.tok.head, other=True):  # "the victim, X,"
            d = d.merged(describe(n.tok.head))
            self.links.setdefault(n.tok.head.i, n.ref)
        self._add_description(n.ref.key, d)

    def _add_description(self, key: str, d: Description) -> None:
        old = self.descriptions.get(key)
        self.descriptions[key] = d if old is None else old.merged(d)

    def _identifications(self) -> None:
        """"identified the victim as X", "the victim was identified as X", "a man, identified as X",
        "a man who was identified as X", "the victim is X"."""
        for t in self.doc:
            lemma = t.lemma_.lower()
            if lemma in IDENTIFY_VERBS and t.pos_ == "VERB":
                who = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
                       if p.dep_ == "pobj"]
                themes = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
                if t.dep_ == "acl":
                    themes.append(t.head)
                if t.dep_ == "relcl" and any(c.lower_ in ("who", "that") for c in themes):
                    themes = [t.head]
            elif lemma == "be" and t.pos_ == "AUX":
                who = [c for c in t.children if c.dep_ == "attr"]
                themes = [c for c in t.children if c.dep_ == "nsubj"]
            else:
                continue
            refs = [r for p in who for r in [self._person_in(p)] if r is not None]
            if len(refs) == 1:  # "identified them as X and Y", "the victims were identified as X, 23, and Y"
                more = [r for p in who for x in self._listed(p) for r in [self._person_in(x)] if r is not None]
                if more:
                    self._group(themes, list({r.key: r for r in refs + more}.values()))
                    continue
            if len(refs) != 1:
                continue
            for th in themes:
                if th.pos_ == "PRON" and th.lower_ in PRONOUN_GENDER or person_noun(th, other=True):
                    self.links.setdefault(th.i, refs[0])
                    self._add_description(refs[0].key, describe(th))
                    if th.lemma_.lower() in VICTIM_NOUNS:  # "the victim (the body) was identified as X"
                        self.hurt.setdefault(refs[0].key, refs[0])

    def _listed(self, tok: Token) -> list[Token]:
        """The other names of a list: "X and Y", "X, Y and Z" (read as conjuncts, or Y as an apposition of X)."""
        out = [c for c in tok.conjuncts if c.i > tok.i]
        for c in tok.children:
            if c.dep_ == "appos" and self.person_at(c) is not None:
                out += [c] + [x for x in c.conjuncts if x.i > c.i]
        return out

    def _group(self, themes: list[Token], refs: list[ActorRef]) -> None:
        """Several people a plural noun or pronoun is identified as: "the victims" (hurt, then), "them" (and
        the plural person noun it stands for, in its sentence or the one before: "two men were shot")."""
        for th in themes:
            lemma = th.lemma_.lower()
            if th.pos_ == "PRON" and th.lower_ in ("them", "they"):
                first = self.doc[th.sent.start - 1].sent.start if th.sent.start > 0 else th.sent.start
                nouns = [t for t in self.doc[first:th.i] if t.tag_ in ("NNS", "NNPS") and (
                    t.lemma_.lower() in PERSON_DESCRIPTION_NOUNS or t.lower_ == "people")]
                for t in nouns[-1:] + [th]:
                    self.group_links.setdefault(t.i, refs)
            elif th.tag_ in ("NNS", "NNPS") and (lemma in PERSON_DESCRIPTION_NOUNS or th.lower_ == "people"):
                self.group_links.setdefault(th.i, refs)
            else:
                continue
            if lemma in VICTIM_NOUNS or th.pos_ == "PRON":
                for r in refs:
                    self.hurt.setdefault(r.key, r)

    def _person_in(self, tok: Token) -> ActorRef | None:
        """The person a phrase names: its head, or a name it is made of ("26-year-old Antwan Green")."""
        ref = self.person_at(tok)
        if ref is None and tok.dep_ == "pobj" and person_noun(tok):
            ref = next((self.person_at(c) for c in tok.children if c.dep_ == "appos" and self.person_at(c)), None)
        return ref

    def said_hurt(self, tok: Token) -> bool:
        """Whether the text says this named person was hurt (see :meth:`_said_hurt`; read once per word)."""
        cache = self.__dict__.setdefault("_hurt_cache", {})
        if tok.i not in cache:
            cache[tok.i] = self._said_hurt(tok)
        return cache[tok.i]

    def _said_hurt(self, tok: Token) -> bool:
        """Whether the text says this named person was hurt or killed, outside any attack word:
        "X was pronounced dead", "X was found shot", "found X dead", "X suffered a gunshot wound",
        "X was taken to a hospital", "X, who was pronounced dead"."""
        head = tok
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head.i != tok.i and head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according":
            # "According to the coroner, X and Y were pronounced dead", parsed with X and Y joined to the coroner
            verb = head.head.head.head
            return verb.pos_ in ("VERB", "AUX") and not dependents(verb, "nsubj", "nsubjpass") and self._state(verb)
        if head.dep_ in ("nsubj", "nsubjpass", "dobj"):
            verb = head.head
        elif head.dep_ == "relcl":
            verb = head
        else:
            for c in tok.children:
                if c.dep_ == "relcl" and any(x.lower_ in ("who", "that") and x.dep_ in ("nsubj", "nsubjpass")
                                             for x in c.children):
                    return self._state(c)
            return False
        return self._state(verb)

    def _state(self, verb: Token) -> bool:
        """Whether a verb of a named person says that person was hurt (with the verbs it is coordinated
        with: "X was found lying on the ground and pronounced dead")."""
        return any(self._state_of(v) for v in [verb] + [c for c in verb.children if c.dep_ == "conj"
                                                            and not dependents(c, "nsubj", "nsubjpass")])

    def _state_of(self, verb: Token) -> bool:
        lemma = verb.lemma_.lower()
        kids = list(verb.children)
        if self._condition(verb):
            return True
        if lemma in STATE_VERBS:
            return any(c.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advcl", "dobj", "conj") and (
                c.lower_ in DEATH_STATE_WORDS or (c.lemma_.lower() in HARM_VERBS | {"shoot"} and c.tag_ == "VBN"))
                for c in kids) or self._with_wound(verb)
        if lemma in WOUND_VERBS:
            if lemma in ("suffer", "sustain", "treat"):
                return any(x.lemma_.lower() in WOUND_NOUNS for x in verb.subtree)
            if lemma in ("succumb", "hospitalize"):
                return True
            return any(_HOSPITAL.search(x.text) for x in verb.subtree)
        if lemma == "be":  # "X was the victim", "X and Y were two of the victims"
            return any(c.dep_ == "attr" and (c.lemma_.lower() == "victim" or any(
                p.lemma_.lower() == "victim" for x in c.children if x.dep_ == "prep" and x.lower_ == "of"
                for p in x.children)) for c in kids)
        if lemma == "take" and any(c.dep_ == "auxpass" for c in kids):
            return any(_HOSPITAL.search(x.text) for x in verb.subtree)
        return False

    @staticmethod
    def _condition(verb: Token) -> bool:
        """"X is in critical condition", "X was listed in stable condition", "X is expected to survive", "X is
        recovering from his wounds", "X underwent surgery": the state of someone hurt."""
        if any(c.dep_ == "prep" and c.lower_ == "in" and any(
                p.lemma_.lower() == "condition" and any(m.lower_ in HURT_CONDITIONS for m in p.children)
                for p in c.children if p.dep_ == "pobj") for c in verb.children):
            return True
        return any(v.lemma_.lower() in RECOVERY_VERBS and (v.lemma_.lower() != "undergo" or any(
            o.lemma_.lower() == "surgery" for o in v.children if o.dep_ == "dobj"))
            for v in [verb] + [c for c in verb.children if c.dep_ == "xcomp"])

    @staticmethod
    def _with_wound(verb: Token) -> bool:
        """"found X with a gunshot wound"."""
        return any(c.dep_ == "prep" and c.lower_ == "with" and any(x.lemma_.lower() in WOUND_NOUNS for x in c.subtree)
                   for x in [verb] + [d for d in verb.children if d.dep_ in ("dobj", "nsubjpass")] for c in x.children)

    def _official(self, tok: Token) -> bool:
        """Whether a person speaks for an office ("Lt. Rita Zelinsky", "Sheriff Coy Reid", a spokesman's
        name): such a speaker's "he" is seldom himself ("Zelinsky said the man ... when he was shot")."""
        ref = self.person_at(tok)
        first = tok.i
        while first > 0 and self.person_at(self.doc[first - 1]) is ref:
            first -= 1
        return any(t.lower_ in TITLES or t.lower_ in OFFICIAL_WORDS for t in self.doc[max(0, first - 3):first])

    # -- resolution -----------------------------------------------------------------------
    def antecedent(self, pron: Token) -> Token | None:
        """The word a "he" or "she" stands for: the last person named or described before it in its
        sentence or the one before, of no other gender, who is not speaking there ("Police said the man
        was inside when he was shot": the man)."""
        gender = PRONOUN_GENDER.get(pron.lower_, "")
        first = self.doc[pron.sent.start - 1].sent.start if pron.sent.start > 0 else pron.sent.start
        for t in reversed(self.doc[first:pron.i]):
            ref = self.person_at(t)
            if ref is not None:
                if t.i + 1 < len(self.doc) and self.person_at(self.doc[t.i + 1]) is ref:
                    continue  # not the last word of the name
                d = self.descriptions.get(ref.key, Description())
            elif person_noun(t):
                d = describe(t)
            else:
                continue
            if (_speaks(t) and self._official(t)) or (gender and d.gender and d.gender != gender) \
                    or _coargument(t, pron):
                continue
            return t
        return None


    def person_for(self, tok: Token, victim: bool) -> ActorRef | None:
        """The named person a person noun or pronoun stands for (as a victim when ``victim``: a
        victim may also be the one agreeing person said to be hurt); None when none is sure."""
        ref = self.links.get(tok.i)
        if ref is None and person_noun(tok):
            ref = self._described(tok, victim)
        if ref is None:
            return None
        return replace(ref, text=tok.text, start=tok.idx, end=tok.idx + len(tok.text))

    def people_for(self, tok: Token, victim: bool) -> list[ActorRef]:
        """The named people a plural noun for victims stands for: "two women were shot" and "X and Y
        were pronounced dead": X and Y, when as many agreeing people are said to be hurt as the noun
        counts (at least two when it gives no number)."""
        group = self.group_links.get(tok.i)
        if group:
            return [replace(r, text=tok.text, start=tok.idx, end=tok.idx + len(tok.text)) for r in group]
        if not victim or tok.tag_ not in ("NNS", "NNPS") or tok.pos_ not in ("NOUN", "PROPN"):
            return []
        lemma = tok.lemma_.lower()
        if lemma not in PERSON_DESCRIPTION_NOUNS and lemma != "people" or lemma in PERPETRATOR_NOUNS | KIN_NOUNS:
            return []
        if any(c.lower_ in OTHER_PERSON_WORDS for c in tok.children if c.i < tok.i):
            return []
        counts = [n for c in tok.children if c.dep_ in ("nummod", "det", "predet") for n in [_count(c)] if n]
        d = describe(tok)
        hurt = [r for k, r in self.hurt.items() if self.descriptions.get(k, Description()).agrees(d)]
        if (counts and len(hurt) == counts[0]) or (not counts and len(hurt) >= 2):
            return [replace(r, text=tok.text, start=tok.idx, end=tok.idx + len(tok.text)) for r in hurt]
        return []

    def _described(self, tok: Token, victim: bool) -> ActorRef | None:
        d = describe(tok)
        here = {self.person_at(t).key for t in tok.sent if self.person_at(t) is not None}
        if d.age is not None:
            same = {n.ref.key: n.ref for n in self.named if n.ref.key not in here
                    and (nd := self.descriptions.get(n.ref.key, Description())).age == d.age and nd.agrees(d, role=False)}
            if len(same) == 1:
                return next(iter(same.values()))
        if not victim and not d.perpetrator:
            return None  # a man who acts: only a link or his age names him
        if tok.lemma_.lower() in KIN_NOUNS:
            return None  # "her son" is someone's: only a link names him
        linked = sorted((abs(i - tok.i), i, ref) for i, ref in self.links.items()
                        if i != tok.i and ref.key not in here and describe(self.doc[i]).agrees(d)
                        and self.descriptions.get(ref.key, Description()).agrees(d))
        if linked:
            return linked[0][2]
        if victim and not d.perpetrator:
            hurt = [r for k, r in self.hurt.items() if k not in here
                    and self.descriptions.get(k, Description()).agrees(d)]
            if len(hurt) == 1:
                return hurt[0]
            if not self.hurt and not self._name_withheld():
                # nobody said hurt by name: the one agreeing person the article names who neither speaks, holds
                # an office, is charged or arrested, nor acts ("A man was shot ... Family said X was on his way")
                free = [r for k, r in self.bystanders().items() if k not in here
                        and self.descriptions.get(k, Description()).agrees(d)]
                if len(free) == 1:
                    self.guessed.add(tok.i)
                    return free[0]
        return None

    def _name_withheld(self) -> bool:
        """Whether the article says a name was not given ("whose name has not been released", "the name was
        withheld"): then the person it names is someone else (read once)."""
        got = self.__dict__.get("_withheld")
        if got is None:
            got = self.__dict__["_withheld"] = any(
                t.lemma_.lower() == "name" and t.pos_ == "NOUN" and (
                    t.head.lemma_.lower() == "withhold" or any(c.dep_ == "neg" for c in t.head.children) and (
                        t.head.lemma_.lower() in ("release", "disclose", "give", "make")
                        or t.head.lemma_.lower() in IDENTIFY_VERBS))
                for t in self.doc)
        return got

    def bystanders(self) -> dict[str, ActorRef]:
        """The people named in the article in no other part: never speaking, never with an office's title,
        never a suspect, charged, arrested or the subject of an attack verb, never the "by" of a passive, no
        public figure of the actor gazetteer, and named at least twice."""
        got = self.__dict__.get("_bystanders")
        if got is None:
            out: dict[str, ActorRef] = {}
            barred: set[str] = set()
            for n in self.named:
                if self.descriptions.get(n.ref.key, Description()).perpetrator or self._in_a_part(n.tok):
                    barred.add(n.ref.key)
                else:
                    out.setdefault(n.ref.key, n.ref)
            times = Counter(n.ref.key for n in self.named)
            # (a person's name, written at least twice: not a credit line's or a hospital's name the tagger took
            # for a person's)
            got = self.__dict__["_bystanders"] = {
                k: r for k, r in out.items() if k not in barred and times[k] >= 2
                and self.ents.resolver.gazetteer.get(k) is None  # (a public figure of the gazetteer is no bystander)
                and len(words := r.name.split()) >= 2 and all(re.fullmatch(r"[^\W\d_][\w'\u2019-]*", w) for w in words)}
        return got

    def _in_a_part(self, tok: Token) -> bool:
        if _speaks(tok) or self._official(tok):
            return True
        head = _clause_head(tok)
        while head.dep_ in ("appos", "conj") and head.head.i != head.i:
            head = head.head
        verb = head.head
        lemma = verb.lemma_.lower()
        if head.dep_ in ("dobj", "nsubjpass") and lemma in CHARGE_VERBS:
            return True  # "police arrested X", "X was charged with murder"
        if head.dep_ == "nsubj" and (lemma in ATTACK_VERBS or lemma in CHARGE_VERBS or lemma in WITNESS_VERBS):
            return True  # "X shot the man", "X faces charges", "X heard the shots"
        return head.dep_ == "pobj" and verb.lower_ == "by"



def _speaks(tok: Token) -> bool:
    """Whether a person is the one speaking: "X said", "according to X"."""
    head = tok
    while head.dep_ in ("compound", "flat", "appos") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "nsubj" and head.head.lemma_.lower() in REPORT_VERBS | {"add", "state", "explain", "tell"}:
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.i > 0 and \
        head.doc[head.head.i - 1].lower_ == "according"


def _clause_head(tok: Token) -> Token:
    """The word whose clause a name's word is in: the head of the whole name ("Lt. Dana Rourke")."""
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _coargument(cand: Token, pron: Token) -> bool:
    """Whether a candidate is the subject of the very verb a "him" or "her" is the object of: "an officer
    shot him", "the deputy fired at her" (such a pronoun is never its own clause's subject; only a
    "himself" is)."""
    if pron.dep_ in ("dobj", "dative"):
        verb = pron.head
    elif pron.dep_ == "pobj" and pron.head.dep_ == "prep":
        verb = pron.head.head
    else:
        return False
    head = _clause_head(cand)
    return head.dep_ in ("nsubj", "nsubjpass") and (head.head.i == verb.i or any(
        v.i == verb.i for v in head.head.conjuncts if not dependents(v, "nsubj", "nsubjpass")))


def _count(tok: Token) -> int | None:
    """How many a number word counts ("two", "2", "both")."""
    words = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
    if tok.lower_ in words:
        return words[tok.lower_]
    return int(tok.text) if re.fullmatch(r"[1-9]", tok.text) else None
