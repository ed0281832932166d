"""What happened: event triggers, PLOVER/CAMEO types, roles, places, figures and modality.

Triggers come from an editable lexicon (graph/data/event_lexicon.csv: lemma, part of
speech, PLOVER type, finer mode, CAMEO root code, and an optional named condition).
Roles come from the dependency parse, not from word order:

* verbs: the active subject acts, the object undergoes; in the passive the "by" phrase
  acts and the subject undergoes; for movement (evacuate, flee, leave, arrive) the one who
  moves is the agent; a verb in "agreed to withdraw" or a conjunct inherits its subject;
* nouns: "army offensive", "Russian air strikes", "Assad's troops" (modifiers), "attack by
  X on Y", and the subject of a light verb ("Russia stepped up air assaults");
* pronouns: "he"/"she" the last person named before, "they"/"them" the last group.

Media are never agents. Modality: negated, hypothetical (could, would, may, calls for,
plan to), future (will), denied; the rest is asserted.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from graph.extract.actors import PLACE_PREPS, ArticleEntities
from graph.core.model import ActorRef, PlaceRef, PLOVER_TYPES

LIGHT_VERBS = {"launch", "carry", "conduct", "step", "mount", "stage", "begin", "continue", "intensify",
               "escalate", "start", "order", "wage", "lead", "unleash", "resume", "announce", "pass", "adopt",
               "impose", "introduce", "slap", "levy", "extend", "tighten", "issue", "make", "file", "level",
               "set", "plant", "detonate", "trigger", "throw", "hurl", "drop", "use"}
HYPO_AUX = {"could", "would", "might", "may", "should", "must", "can"}
INTENT_VERBS = {"threaten", "vow", "plan", "want", "seek", "aim", "intend", "hope", "try", "attempt",
                "call", "urge", "demand", "ask", "propose", "prepare", "expect", "consider", "warn", "fear"}
DENY_VERBS = {"deny", "dismiss", "refute", "reject"}
WEAPON_WORDS = {"rocket", "missile", "shell", "mortar", "shot", "round", "bullet", "artillery", "gun", "weapon",
                "grenade", "tear", "salvo", "fire"}
TERRITORY = {"control", "command", "city", "town", "village", "territory", "area", "district", "base",
             "neighborhood", "neighbourhood", "airport", "province", "region", "position", "enclave", "stronghold",
             "hill", "border", "crossing", "capital", "held", "hold"}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "dozens": 24, "hundred": 100,
    "hundreds": 200, "thousand": 1000, "thousands": 2000, "million": 1_000_000, "millions": 2_000_000,
}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
HUMAN_NOUNS = {
    "people", "person", "man", "men", "woman", "women", "child", "children", "civilian", "soldier", "officer",
    "policeman", "policemen", "member", "fighter", "worker", "student", "pilgrim", "worshipper", "shopper",
    "passenger", "driver", "general", "commander", "leader", "official", "journalist", "reporter", "doctor",
    "nurse", "personnel", "guard", "gunman", "bomber", "attacker", "victim", "family", "baby", "boy", "girl",
    "teenager", "farmer", "protester", "other", "responder", "staff", "employee", "prisoner", "detainee",
    "hostage", "villager", "patient", "colonel", "major", "lieutenant", "sergeant", "captain", "cadet",
    "recruit", "policewoman", "relative", "son", "daughter", "father", "mother", "pedestrian", "tourist",
    "expatriate", "militiaman", "jihadist", "insurgent", "militant", "demonstrator", "mourner", "guest",
    "enemy", "assailant", "perpetrator", "extremist", "terrorist", "killer", "suspect", "individual", "foreigner",
}
MILITARY_NOUNS = {"soldier", "officer", "general", "commander", "personnel", "guard", "colonel", "major",
                  "lieutenant", "sergeant", "captain", "cadet", "recruit", "fighter", "militiaman"}
# verbs by which a body adopts its own document, and the documents a body issues
ADOPT_VERBS = {"approve", "adopt", "pass", "endorse", "ratify", "unveil", "issue", "publish", "table"}
DOCUMENT_NOUNS = {"resolution", "plan", "proposal", "report", "statement", "decree", "law", "bill", "declaration",
                  "communique", "initiative", "motion", "draft", "ultimatum", "order"}
PART_NOUNS = {"member", "remnant", "dozen", "hundred", "thousand", "scores", "number", "rest", "some", "many"}
GROUP_NOUNS = {"group", "organization", "organisation", "movement", "militia", "outfit", "faction", "network"}
# verbs whose object or passive subject is hurt: the victims an attack noun governs
HARM_VERBS = {"kill", "wound", "injure", "hurt", "leave", "claim", "target", "die"}
# "a wave of attacks", "a spate of bombings": the quantity noun stands for the attacks
SERIES_NOUNS = {"wave", "spate", "series", "string", "number", "pair", "couple", "flurry", "rash", "set"}
# "blamed X for the bombing", "X claimed responsibility for the attack"
BLAME_VERBS = {"blame", "accuse", "hold"}
SITE_NOUNS = {"city", "town", "village", "capital", "outskirts", "suburb", "district", "neighborhood",
              "neighbourhood", "quarter", "province", "region", "border", "coast", "north", "south", "east", "west",
              "center", "centre", "hospital", "school", "market", "camp", "airport", "port", "base", "street",
              "square", "mosque", "church", "university", "prison", "embassy", "checkpoint", "crossing", "area"}
# verbs whose nominal subject is the event itself acting ("the blast killed 12 in Kabul"): their
# places are the event's
EVENT_VERBS = {"kill", "wound", "injure", "destroy", "damage", "hit", "strike", "leave", "target", "claim",
               "occur", "happen", "take", "rock", "shake", "flatten", "raze", "level", "tear", "rip",
               "be", "begin", "start", "continue", "end", "resume", "erupt", "break", "spread", "intensify"}
REPORTER_NOUNS = {"official", "witness", "resident", "doctor", "spokesman", "spokeswoman", "source", "medic",
                  "activist", "journalist", "reporter", "officer", "elder", "relative", "survivor"}
MUNITIONS = {"bomb", "jet", "warplane", "plane", "aircraft", "drone", "tank", "helicopter", "gunship", "missile",
             "rocket", "shell", "artillery", "mortar", "gunboat", "warship", "airstrike", "bomber", "fighter-bomber"}
ANAPHORIC_PLACES = {"city", "town", "area", "village", "region", "enclave", "province", "country"}


@dataclass(frozen=True)
class LexEntry:
    lemma: str
    pos: str  # V, N or any
    plover: str
    mode: str
    cameo: str
    condition: str = ""


@lru_cache(maxsize=1)
def default_lexicon() -> dict[tuple[str, str], LexEntry]:
    out: dict[tuple[str, str], LexEntry] = {}
    with resources.files("graph").joinpath("data/event_lexicon.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            e = LexEntry(row["lemma"].strip().lower(), row["pos"].strip(), row["plover"].strip(),
                         row["mode"].strip(), row["cameo"].strip().zfill(2), (row.get("condition") or "").strip())
            if e.plover not in PLOVER_TYPES:
                raise ValueError(f"event_lexicon.csv: unknown PLOVER type {e.plover!r} for {e.lemma!r}")
            for pos in (("V", "N") if e.pos == "any" else (e.pos,)):
                out[(e.lemma, pos)] = e
    return out


def parse_number(tok: Token) -> int | None:
    t = tok.text.lower().replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return int(float(t))
    if t in NUMBER_WORDS:
        val = NUMBER_WORDS[t]
        # "35 thousand", "2.5 million"
        for c in tok.children:
            if c.dep_ in ("compound", "quantmod", "nummod") and re.fullmatch(r"[\d.,]+", c.text):
                try:
                    val = int(float(c.text.replace(",", "")) * val)
                except ValueError:
                    pass
        return val
    return None


def _actor_position(t: Token) -> bool:
    """Whether a word stands where an actor does: a subject or a possessor, or a name inside one."""
    head = t
    while head.dep_ in ("compound", "flat") and head.head.i != head.i:
        head = head.head
    return head.dep_ in ("nsubj", "nsubjpass", "poss") or t.dep_ == "poss"


def _children(tok: Token, *deps: str) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in deps:
            out.append(c)
            out += [cc for cc in c.conjuncts if cc.i > c.i]
    return out


@dataclass
class Trigger:
    head: Token
    start: int  # char offsets of the trigger words
    end: int
    entry: LexEntry


class EventFinder:
    """Finds event mentions in one parsed article."""

    def __init__(self, doc: Doc, ents: ArticleEntities, lexicon: dict | None = None):
        self.doc = doc
        self.ents = ents
        self.lex = lexicon if lexicon is not None else default_lexicon()
        self._main_city: tuple[PlaceRef | None] | None = None

    # -- triggers ---------------------------------------------------------------------
    def entry_for(self, tok: Token) -> LexEntry | None:
        e = self.lexical_entry(tok)
        if e is None or (e.condition and not self._condition(e.condition, tok)):
            return None
        return e

    def lexical_entry(self, tok: Token) -> LexEntry | None:
        """The lexicon entry for a word, before its condition is checked."""
        if tok.is_space or tok.is_punct:
            return None
        pos = "V" if tok.pos_ in ("VERB", "AUX") else "N" if tok.pos_ in ("NOUN", "PROPN") else ""
        if not pos:
            return None
        lemma = tok.lemma_.lower()
        e = self.lex.get((lemma, pos)) or self.lex.get((tok.lower_, pos))
        if e is None and pos == "N" and tok.lower_.endswith("s"):
            e = self.lex.get((tok.lower_[:-1], pos))
        return e

    def _condition(self, cond: str, tok: Token) -> bool:
        kids = list(tok.children)
        if cond == "take_territory":
            objs = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
            return any(o.lemma_.lower() in TERRITORY or self.ents.place_at(o) is not None for o in objs) or any(
                c.dep_ == "prt" and c.lower_ == "over" for c in kids)
        if cond == "fire_weapon":
            return any(c.dep_ == "dobj" and c.lemma_.lower() in WEAPON_WORDS for c in kids) or any(
                c.dep_ == "prep" and c.lower_ in ("on", "at", "upon") for c in kids)
        if cond == "call_for":
            return any(c.dep_ == "prep" and c.lower_ == "for" for c in kids) or any(
                c.dep_ == "xcomp" for c in kids) and any(c.dep_ == "dobj" for c in kids) and tok.lower_ != "called"
        if cond == "violent_strike":
            mods = {c.lower_ for c in kids if c.dep_ in ("compound", "amod")}
            return tok.pos_ == "NOUN" and bool(mods & {"air", "missile", "drone", "military", "aerial", "rocket",
                                                       "artillery", "israeli", "russian", "american", "u.s.", "us",
                                                       "coalition", "deadly", "airstrikes"}) or tok.pos_ == "VERB"
        if cond == "not_celebratory":
            return not any(c.lower_ in ("celebratory", "celebration") for c in kids)
        if cond == "movement":
            if tok.lemma_.lower() == "leave" and any(
                    x.lower_ in ("dead", "wounded", "injured", "killed") for x in tok.subtree if 0 < x.i - tok.i <= 6):
                return False  # "leaving 40 people dead": the toll of an attack, not a departure
            subj = self.agent_tokens_raw(tok)
            movers = [self.ents.actor_at(s) for s in subj]
            if any(m is not None and m.type in ("civilians", "armed_group", "military") for m in movers):
                return True
            return any(c.dep_ == "dobj" and self.ents.place_at(c) is not None for c in kids) or any(
                c.dep_ == "prep" and c.lower_ in ("in", "at", "from") and any(
                    self.ents.place_at(p) is not None for p in c.children) for c in kids) and bool(movers)
        if cond == "plural":
            return tok.tag_ in ("NNS", "NNPS")
        return True

    def triggers(self, sent: Span) -> list[Trigger]:
        out: list[Trigger] = []
        for tok in sent:
            e = self.entry_for(tok)
            if e is None:
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            # multiword nouns: "air strikes", "car bomb", "suicide bombing"
            if e.pos != "V" and tok.pos_ in ("NOUN", "PROPN"):
                left = [c for c in tok.lefts if c.dep_ in ("compound",) and c.i == tok.i - 1
                        and c.lower_ in ("air", "car", "suicide", "roadside", "drone", "missile", "rocket", "mortar",
                                         "artillery", "truck", "cease")]
                if left:
                    start = left[0].idx
            if tok.lower_ == "ied" and e.mode == "explosion":
                pass
            out.append(Trigger(tok, start, end, e))
        # a noun trigger that is the object of another trigger verb of the same type is one event
        heads = {t.head.i for t in out}
        keep = []
        for t in out:
            if t.head.pos_ in ("NOUN", "PROPN") and t.head.dep_ == "compound" and t.head.head.i in {x.head.i for x in out}:
                continue  # "car bomb attack": keep the head noun
            keep.append(t)
        return keep

    # -- roles ------------------------------------------------------------------------
    def agent_tokens_raw(self, v: Token) -> list[Token]:
        subj = _children(v, "nsubj")
        if not subj and v.dep_ in ("xcomp", "conj", "advcl", "oprd") and v.head.pos_ in ("VERB", "AUX"):
            subj = _children(v.head, "nsubj")
            if not subj and v.dep_ in ("xcomp", "oprd"):
                subj = _children(v.head, "nsubjpass")  # "the convoy was reported leaving"
            if not subj and v.dep_ == "conj":
                subj = _children(v.head, "nsubjpass") if self._movement(v) else []
        if not subj and v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
            subj = [v.head]
        if not subj and v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN") and v.tag_ == "VBG":
            subj = [v.head]
            if self.ents.actor_at(v.head) is None and self.unnamed(v.head) is None:
                # "X set off a bomb outside a hotel, killing ...": the participle belongs to the clause
                gov = v.head
                for _ in range(3):
                    if gov.pos_ in ("VERB", "AUX") or gov.dep_ == "ROOT":
                        break
                    gov = gov.head
                if gov.pos_ in ("VERB", "AUX") and _children(gov, "nsubj"):
                    subj = _children(gov, "nsubj")
        if not subj and v.dep_ == "pobj" and v.tag_ == "VBG" and v.head.head.pos_ in ("VERB", "AUX"):
            subj = _children(v.head.head, "nsubj")  # "set off a bomb outside X killing five" (misparsed)
        if not subj and v.dep_ == "conj" and v.head.pos_ == "VERB" and v.head.dep_ in ("acl", "advcl", "conj"):
            subj = self.agent_tokens_raw(v.head)  # "..., killing five and wounding 20"
        return subj

    def _movement(self, tok: Token) -> bool:
        e = self.lexical_entry(tok)
        return e is not None and e.plover == "RETREAT"

    def resolve(self, toks: list[Token], victims: bool = False) -> list[ActorRef]:
        out: list[ActorRef] = []
        for t in toks:
            for x in [t] + [c for c in t.conjuncts if c.i > t.i]:
                ref = self.pronoun(x) if x.pos_ == "PRON" else self.ents.actor_at(x)
                if ref is not None and victims and x.lemma_.lower() in PART_NOUNS and ref.start > x.idx:
                    # "100 members of the security forces": the mention is the whole phrase
                    left = x.left_edge.i
                    right = max(t.i for t in x.subtree if t.idx < ref.end + 1)
                    span = self.doc[left:right + 1] if right - left < 10 else self.doc[left:x.i + 1]
                    ref = replace(ref, text=span.text, start=span.start_char, end=span.end_char)
                if ref is None and victims:
                    ref = self.counted(x)
                if ref is None:
                    ref = self.definite_group(x)
                if ref is None and x.pos_ in ("NOUN", "PROPN"):
                    # "remnants" of rebels... (first-level of-phrase) and appositions
                    for c in x.children:
                        if c.dep_ == "appos":
                            ref = self.ents.actor_at(c)
                if x.lemma_.lower() in MUNITIONS:
                    ref = self.wielder(x) or ref  # "Israeli bombs hit the school": Israel's military
                if ref is None:
                    ref = self.owner(x)  # "a General Assembly resolution calling for ..."
                if ref is None:
                    ref = self.unnamed(x)
                if ref is not None and all(r.key != ref.key for r in out):
                    out.append(ref)
        return out

    def wielder(self, tok: Token) -> ActorRef | None:
        """Who fires a weapon named with its owner: "Israeli jets", "Russia's warplanes",
        "government tanks" -> that state's military (or the named armed group)."""
        for c in tok.children:
            if c.dep_ not in ("amod", "compound", "poss", "nmod"):
                continue
            iso = self.ents.resolver.geo.demonym(c.text)
            ref = self.ents.by_token.get(c.i)
            if iso is None and ref is not None and ref.type in ("country", "government", "military"):
                iso = ref.country or None
            if iso:
                return self.ents.resolver.generic("military", iso, c.text, c.idx, c.idx + len(c.text))
            if ref is not None and ref.type in ("armed_group", "military"):
                return ref
        return None

    def unnamed(self, tok: Token) -> ActorRef | None:
        """People named by a common noun ("a major general", "policemen", "members of X")."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        lemma = tok.lemma_.lower()
        if lemma not in HUMAN_NOUNS and tok.lower_ not in HUMAN_NOUNS:
            return None
        if lemma in ("other", "victim", "person") and self.ents.country:
            # "11 people and 40 others": the people of the article's country, not an actor "others"
            return self.ents.resolver.generic("civilians", self.ents.country, tok.text, tok.idx,
                                              tok.idx + len(tok.text))
        if lemma == "member":
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            inner = self.ents.actor_at(p)
                            if inner is not None:
                                return inner
        mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod") and not c.like_num
                and c.lower_ not in ("other", "several", "many", "some", "injured", "wounded", "dead")]
        words = [m.text for m in mods if m.i >= tok.i - 3] + [tok.text]
        name = " ".join(words)
        typ = "military" if lemma in MILITARY_NOUNS else "civilians"
        return ActorRef(key="unnamed_" + "_".join(w.lower() for w in words), name=name, type=typ,
                        text=name, start=tok.idx, end=tok.idx + len(tok.text), country="")

    def definite_group(self, tok: Token) -> ActorRef | None:
        """"the group", "the militia": the last armed group named before, in this or the two
        previous sentences."""
        if tok.lemma_.lower() not in GROUP_NOUNS or not any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
            return None
        first = tok.sent.start
        for _ in range(2):
            first = self.doc[first - 1].sent.start if first > 0 else first
        groups = [a for a in self.ents.actors if a.end <= tok.idx and a.start >= self.doc[first].idx
                  and a.type == "armed_group"]
        return groups[-1] if groups else None

    def counted(self, tok: Token) -> ActorRef | None:
        """A bare number standing for people hurt ("killed 12 and wounded another 30"):
        the people of the article's country, named by the number phrase."""
        if not tok.like_num or tok.dep_ in ("nummod", "quantmod", "npadvmod"):
            return None
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return None  # "12 of the soldiers": the soldiers are named elsewhere
        words = [c for c in tok.subtree if c.i <= tok.i and c.dep_ in ("advmod", "quantmod", "det", "compound", "nummod")
                 or c.i == tok.i]
        span = self.doc[min(w.i for w in words):tok.i + 1]
        return self.ents.resolver.generic("civilians", self.ents.country, span.text, span.start_char, span.end_char)

    def victims_of(self, verb: Token) -> list[Token]:
        """Who a harm verb and its coordinated harm verbs hurt: "killed 9 and wounded 12",
        "left 30 others wounded", "killed 31, and 50 others were injured"."""
        out: list[Token] = []
        for v in [verb] + [c for c in verb.conjuncts if c.i > verb.i]:
            if v.lemma_.lower() not in HARM_VERBS:
                continue
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
            out += _children(v, "nsubjpass") if passive else _children(v, "dobj")
        return out

    def clause_slot(self, h: Token) -> Token:
        """The noun that stands for an attack noun in its clause: through coordination and
        apposition ("shootings and bombings killed", "two attacks -- a shooting and a car bomb
        -- left") and series nouns ("a wave of attacks killed")."""
        t = h
        for _ in range(4):
            if t.dep_ in ("conj", "appos") and t.head.pos_ in ("NOUN", "PROPN"):
                t = t.head
            elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in SERIES_NOUNS:
                t = t.head.head
            else:
                break
        return t

    def noun_event_agents(self, tok: Token, depth: int = 0) -> list[ActorRef]:
        """The agents of an attack noun used as the subject or setting of another trigger
        ("the bombing, which killed 20", "killed in IS attacks")."""
        e = self.entry_for(tok)
        if e is None or e.plover != "ASSAULT" or tok.pos_ not in ("NOUN", "PROPN") or depth > 2:
            return []
        trig = Trigger(tok, tok.idx, tok.idx + len(tok.text), e)
        return self.roles(trig, depth + 1)[0]

    def blamed(self, h: Token) -> list[Token]:
        """Who is blamed for or claims an attack noun: "X blamed Y for the bombing", "the
        bombing was blamed on Y", "Y claimed responsibility for the attack"."""
        slot = self.clause_slot(h)
        if slot.dep_ == "pobj" and slot.head.lower_ == "for":
            gov = slot.head.head
            if gov.lemma_.lower() in BLAME_VERBS and gov.pos_ == "VERB":
                return _children(gov, "dobj") or [p for c in gov.children if c.dep_ == "agent"
                                                  for p in c.children if p.dep_ == "pobj"]
            if gov.lemma_.lower() in ("responsibility", "credit") and gov.head.pos_ == "VERB":
                return self.agent_tokens_raw(gov.head)
        if slot.dep_ == "dobj" and slot.head.lemma_.lower() == "claim":
            return self.agent_tokens_raw(slot.head)  # "the group claimed the bombing"
        if slot.dep_ == "nsubjpass" and slot.head.lemma_.lower() in BLAME_VERBS:
            return [p for c in slot.head.children if c.dep_ == "prep" and c.lower_ == "on"
                    for p in c.children if p.dep_ == "pobj"]
        return []

    def pronoun(self, tok: Token) -> ActorRef | None:
        low = tok.lower_
        before = [a for a in self.ents.actors if a.end <= tok.idx]
        if low in PERSON_PRONOUNS:
            same = [a for a in before if a.start >= tok.sent.start_char and a.type in ("person", "civilians")]
            if same:
                return same[-1]
            persons = [a for a in before if a.type == "person"]
            return persons[-1] if persons else None
        if low in PLURAL_PRONOUNS:
            sent_start = tok.sent.start_char
            prev = self.doc[tok.sent.start - 1].sent.start_char if tok.sent.start > 0 else sent_start
            groups = [a for a in before if a.start >= prev
                      and a.type in ("armed_group", "military", "civilians", "government", "country")]
            if groups:
                return groups[-1]
            # "the enemies of the country attacked ... They killed": the last plural people subject
            first = self.doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else tok.sent.start
            subj = [t for t in self.doc[first:tok.i] if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NNS", "NNPS")]
            for t in reversed(subj):
                if t.lemma_.lower() in REPORTER_NOUNS:
                    continue  # "officials said ... 'They killed'": the speakers are not the killers
                ref = self.unnamed(t)
                if ref is not None:
                    return ref
            return None
        return None

    def roles(self, trig: Trigger, depth: int = 0) -> tuple[list[ActorRef], list[ActorRef]]:
        h, e = trig.head, trig.entry
        inherited: list[ActorRef] = []
        agents: list[Token] = []
        targets: list[Token] = []
        if h.pos_ in ("VERB", "AUX"):
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in h.children) or (
                h.dep_ == "acl" and (h.tag_ == "VBN" or any(c.dep_ == "agent" for c in h.children))
                and (h.head.pos_ in ("NOUN", "PROPN") or h.head.like_num) and not _children(h, "dobj"))
            if passive:
                by = [p for c in h.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
                subj = _children(h, "nsubjpass") or ([h.head] if h.dep_ == "acl" else [])
                if not subj and h.dep_ == "conj":
                    subj = _children(h.head, "nsubjpass") or _children(h.head, "nsubj")
                if e.plover == "RETREAT":
                    agents, targets = subj, []
                    agents += by if e.mode != "evacuation" else []
                else:
                    agents, targets = by, subj
            else:
                agents = self.agent_tokens_raw(h)
                targets = _children(h, "dobj")
                if e.plover in ("ASSAULT", "COERCE", "ACCUSE", "THREATEN", "SANCTION", "REJECT"):
                    targets += [p for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "at")
                                for p in c.children if p.dep_ == "pobj"]
                if e.mode == "death":
                    agents, targets = [], agents
                elif h.lemma_.lower() in HARM_VERBS and agents and not targets and (
                        all(a.like_num for a in agents) or (
                        h.dep_ == "conj" and h.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in h.head.children)
                        and not any(c.dep_ in ("aux", "auxpass") for c in h.children))):
                    # "... and 20 injured", "12 were killed and 30 others injured": people hurt
                    agents, targets = [], agents
                if h.lemma_.lower() in HARM_VERBS:
                    # "wounded over 50": a number parsed as the object of a preposition
                    targets += [p for c in h.children if c.dep_ == "prep" and c.lower_ in (
                        "over", "about", "around", "nearly", "almost", "some") for p in c.children
                        if p.dep_ == "pobj" and p.like_num]
                if e.plover == "RETREAT":
                    targets = []
            if e.plover in ("ASSAULT",) and h.lemma_ in ("explode", "detonate") and not passive:
                agents = [a for a in agents if self.ents.actor_at(a) is not None]
            if e.plover == "ASSAULT":
                # "a bomb exploded near a patrol, killing one soldier and wounding 10 others"
                for c in h.children:
                    if c.dep_ in ("advcl", "conj") and c.tag_ == "VBG" and c.lemma_.lower() in HARM_VERBS:
                        targets += [x for x in self.victims_of(c) if x not in targets]
                # "12 were killed and another 30 were wounded": a coordinated harm verb's victims
                if h.dep_ == "conj" and h.lemma_.lower() in HARM_VERBS and not targets and not (
                        _children(h, "dobj") or _children(h, "nsubj")):
                    targets += _children(h.head, "nsubjpass") if passive else []
                # "left 30 others wounded", "leaving three others wounded"
                if h.tag_ == "VBN" and not targets and h.i > 0:
                    prev = self.doc[h.i - 1]
                    if prev.dep_ == "dobj" and prev.head.lemma_.lower() == "leave":
                        targets = [prev]
                        if not agents and prev.head.i != h.i:
                            agents = self.agent_tokens_raw(prev.head)
                # "the bombing of a police station that killed 20": the clause belongs to the attack
                for i, x in enumerate(agents):
                    if h.dep_ == "relcl" and x.lower_ in ("that", "which", "who") and x.head.i == h.i:
                        x = agents[i] = h.head
                        ref = self.ents.actor_at(x)
                        if x.lower_ != "who" and ref is not None and ref.type == "person" and h.sent[0].i < x.i:
                            # "an attack at a rally for the president which killed 26": not the president
                            earlier = [t for t in self.doc[h.sent.start:x.i] if t.pos_ in ("NOUN", "PROPN")
                                       and (en := self.entry_for(t)) is not None and en.plover == "ASSAULT"]
                            x = agents[i] = earlier[-1] if earlier else h
                    if h.dep_ == "relcl" and h.head.i == x.i and self.entry_for(x) is None and x.dep_ == "pobj" \
                            and x.head.lower_ == "of" and self.ents.actor_at(x) is None:
                        agents[i] = x.head.head
                agents = [x for x in agents if x.i != h.i]
                # "the bombing, which killed 20", "killed in IS attacks": the attack's agents
                for x in list(agents):
                    inherited += self.noun_event_agents(x, depth)
                if inherited:
                    agents = [x for x in agents if self.entry_for(x) is None]
                if not agents and not inherited:
                    for c in h.children:
                        if c.dep_ == "prep" and c.lower_ in ("in", "during", "by"):
                            for p in c.children:
                                if p.dep_ == "pobj":  # (or a noun the parser hung under it)
                                    for q in [p] + [q for q in p.children if q.dep_ in ("attr", "appos")]:
                                        inherited += self.noun_event_agents(q, depth)
        else:
            for c in h.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < h.i:
                    agents.append(c)
                elif c.dep_ == "prep" and c.lower_ == "by":
                    agents += [p for p in c.children if p.dep_ == "pobj"]
                elif c.dep_ == "acl" and c.i > h.i:
                    # "an attack targeting police", "attacks carried out by militants"
                    if c.lemma_.lower() in ("target", "hit", "strike", "aim"):
                        targets += _children(c, "dobj") + [p for cc in c.children if cc.dep_ == "prep"
                                                           and cc.lower_ in ("at", "on") for p in cc.children
                                                           if p.dep_ == "pobj"]
                    agents += [p for cc in c.children if cc.dep_ == "agent" for p in cc.children if p.dep_ == "pobj"]
                elif c.dep_ == "prep" and c.lower_ in ("on", "against", "at"):
                    targets += [p for p in c.children if p.dep_ == "pobj"]
                elif c.dep_ == "prep" and c.lower_ == "of":
                    objs = [p for p in c.children if p.dep_ == "pobj"]
                    if e.plover == "RETREAT":
                        agents += objs
                    else:
                        targets += objs
            gov = h.head
            if h.dep_ in ("dobj",) and gov.lemma_.lower() in LIGHT_VERBS | {"step", "call"}:
                agents += self.agent_tokens_raw(gov)
            slot = self.clause_slot(h)
            acts = [c for c in slot.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
                    and _children(c, "dobj")] if slot.lemma_.lower() in SERIES_NOUNS else []
            if slot.dep_ in ("nsubj",) and slot.head.pos_ == "VERB":
                targets += _children(slot.head, "dobj")
                if e.plover == "ASSAULT":
                    targets += [x for x in self.victims_of(slot.head) if x not in targets]
            elif acts and e.plover == "ASSAULT":
                # "after a spate of bombings killed 17", the verb parsed as a clause of "spate"
                targets += [x for x in self.victims_of(acts[0]) if x not in targets]
            if e.plover == "ASSAULT":
                agents += self.blamed(h)
                first = min([h.i] + [c.i for c in h.lefts if c.dep_ == "compound"])
                prev = self.doc[first - 1] if first > h.sent.start else None
                if prev is not None and prev.dep_ not in ("compound", "poss", "nsubj", "nsubjpass", "dobj") and not any(
                        self.ents.actor_at(a) is not None for a in agents):
                    # "killed in IS attacks" parsed with "IS" apart: a group named right before the noun
                    ref = self.ents.actor_at(prev)
                    if ref is not None and ref.type in ("armed_group", "military", "country", "government"):
                        agents.append(prev)
            if _children(h, "dobj") and h.lower_.endswith("ing"):
                # a gerund parsed as a noun ("outside a compound killing five people"): a verb
                targets += _children(h, "dobj")
                if not any(self.ents.actor_at(a) is not None for a in agents):
                    gov = h.head
                    for _ in range(3):
                        if gov.pos_ in ("VERB", "AUX") or gov.dep_ == "ROOT":
                            break
                        gov = gov.head
                    agents += self.agent_tokens_raw(gov) if gov.pos_ in ("VERB", "AUX") else []
            if h.dep_ == "pobj" and gov.dep_ == "prep" and gov.lower_ == "in" and gov.head.pos_ == "VERB" \
                    and e.plover == "ASSAULT":
                # "three were killed in an air strike": victims of the strike
                if gov.head.lemma_ in ("kill", "wound", "injure", "die"):
                    targets += _children(gov.head, "nsubjpass") + _children(gov.head, "nsubj")
                    for v in gov.head.conjuncts:  # "12 were killed and 30 wounded in the blast"
                        if v.lemma_ in ("kill", "wound", "injure", "die"):
                            targets += _children(v, "nsubjpass") + _children(v, "nsubj")
        a = [x for x in self.resolve(agents) if x.type != "media"]
        a += [x for x in inherited if x.key not in {y.key for y in a}]
        suicide: list[ActorRef] = []
        if not a and e.plover == "ASSAULT" and h.lemma_.lower() in ("kill", "die"):
            # "26 people and the bomber were killed": a bomber dies by his own bomb (agent and victim)
            a = suicide = [x for x in self.resolve([t for t in targets if t.lemma_.lower() == "bomber"])
                           if x.type != "media"]
        if not a and h.lemma_.lower() in ADOPT_VERBS:
            # "the General Assembly resolution was approved": a body adopts its own resolution
            for x in targets:
                owner = self.owner(x)
                if owner is not None:
                    a = [owner]
                    targets = [y for y in targets if y is not x]
                    break
        victims = e.plover == "ASSAULT"
        t = [x for x in self.resolve(targets, victims) if x.type != "media"
             and (x.key not in {y.key for y in a} or x.key in {y.key for y in suicide})]
        return a, t

    def owner(self, tok: Token) -> ActorRef | None:
        """The actor a document noun belongs to: "a General Assembly resolution", "the UN's
        plan"; for a definite noun without one ("the resolution"), its earlier mention's."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in DOCUMENT_NOUNS:
            return None
        for c in tok.children:
            if c.dep_ in ("compound", "poss", "nmod") and c.i < tok.i:
                ref = self.ents.actor_at(c)
                if ref is not None and ref.type not in ("media", "civilians"):
                    return ref
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
            lemma = tok.lemma_.lower()
            for prev in reversed(self.doc[:tok.i]):
                if prev.lemma_.lower() == lemma and prev.pos_ in ("NOUN", "PROPN"):
                    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in prev.children):
                        return self.owner(prev)
                    ref = self.owner_direct(prev)
                    if ref is not None:
                        return ref
        return None

    def owner_direct(self, tok: Token) -> ActorRef | None:
        for c in tok.children:
            if c.dep_ in ("compound", "poss", "nmod") and c.i < tok.i:
                ref = self.ents.actor_at(c)
                if ref is not None and ref.type not in ("media", "civilians"):
                    return ref
        return None

    # -- place, figures and modality ---------------------------------------------------
    def place(self, trig: Trigger, sent: Span) -> PlaceRef | None:
        h = trig.head
        main = self.main_city()
        # a nominal event that is the subject of a verb of effect ("the attack caused shock across
        # Israel", "the bombing drew condemnation in Europe"): that verb's places are not the event's
        effect = h.pos_ in ("NOUN", "PROPN") and h.dep_ in ("nsubj", "nsubjpass") and \
            h.head.lemma_.lower() not in EVENT_VERBS
        not_here = {t.i for t in h.head.subtree} - {t.i for t in h.subtree} if effect else set()
        # 1. a place in a prepositional phrase of the trigger (or of its verb)
        anchors = [h] + ([h.head] if h.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and not effect else [])
        for a in anchors:
            for c in a.subtree:
                if c.dep_ == "pobj" and c.head.lower_ in PLACE_PREPS | {"of"}:
                    p = self._place_phrase(c, main)
                    if p is not None:
                        return p
                if c.i != h.i and c.dep_ in ("dobj", "nsubjpass") and a is h:
                    p = self._place_phrase(c, main)
                    if p is not None:
                        return p
        # 2. a place elsewhere in the sentence: the most specific one
        # (a place named as a subject or owner is an actor there: "Israel said", "Israel's war")
        places = [p for t in sent if t.i not in not_here and not _actor_position(t)
                  for p in [self.ents.place_at(t)] if p is not None]
        if places:
            cities = [p for p in places if p.place.feature != "country"]
            return (cities or places)[0]
        # 3. "the area", "there": the article's main city
        if main is not None and any(t.lower_ == "there" or (t.lemma_ in ANAPHORIC_PLACES and any(
                d.lower_ == "the" for d in t.children)) for t in sent):
            return main
        return None

    def _place_phrase(self, tok: Token, main: PlaceRef | None) -> PlaceRef | None:
        p = self.ents.place_at(tok)
        if p is not None:
            return p
        if tok.lemma_.lower() in ANAPHORIC_PLACES | {"neighborhood", "neighbourhood", "district", "suburb", "quarter"}:
            # "the town of Hit", "the Baghdad neighborhoods of Karrada and Shaab": the named place
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for q in c.children:
                        if q.dep_ == "pobj" and self.ents.place_at(q) is not None:
                            return self.ents.place_at(q)
        for c in tok.children:
            if c.dep_ == "poss" and tok.lemma_.lower() not in SITE_NOUNS:
                continue  # "Israel's war", "Syria's government": an owner, not a place
            if c.dep_ in ("compound", "amod", "poss") and self.ents.place_at(c) is not None:
                return self.ents.place_at(c)
        if tok.lemma_.lower() in ANAPHORIC_PLACES and any(d.lower_ in ("the", "this", "that") for d in tok.children):
            return main
        return None

    def main_city(self) -> PlaceRef | None:
        if self._main_city is not None:
            return self._main_city[0]
        self._main_city = (self._find_main_city(),)
        return self._main_city[0]

    def _find_main_city(self) -> PlaceRef | None:
        counts: dict[str, list[PlaceRef]] = {}
        for p in self.ents.places:
            if p.place.feature != "country":
                counts.setdefault(p.key, []).append(p)
        if not counts:
            return None
        best = sorted(counts.values(), key=lambda ps: (-len(ps), ps[0].start))[0]
        return best[0]

    def figures(self, trig: Trigger) -> dict[str, int]:
        h, e = trig.head, trig.entry
        nums: list[int] = []
        for t in [h] + _children(h, "nsubj", "nsubjpass", "dobj"):
            for c in t.subtree if t is not h else [c for c in h.children if c.dep_ in ("nummod", "quantmod")]:
                if c.dep_ in ("nummod",) or (c.like_num and c.dep_ in ("nummod", "quantmod", "compound")):
                    n = parse_number(c)
                    if n is not None and not (1900 <= n <= 2100 and c.tag_ == "CD" and len(c.text) == 4):
                        nums.append(n)
        if not nums:
            return {}
        n = max(nums)
        if e.plover == "RETREAT":
            return {"displaced": n}
        if e.mode in ("injury",):
            return {"injured": n}
        if e.mode in ("killing", "death", "mass_killing", "execution"):
            return {"killed": n}
        return {}

    def modality(self, trig: Trigger) -> str:
        h = trig.head
        verb = h if h.pos_ in ("VERB", "AUX") else (h.head if h.dep_ in ("dobj", "nsubj", "nsubjpass") else h)
        chain = [verb]
        x = verb
        while x.dep_ in ("xcomp", "ccomp", "conj", "advcl") and x.head is not x and len(chain) < 4:
            x = x.head
            chain.append(x)
        for v in chain[:1]:
            kids = {c.lower_ for c in v.children}
            if any(c.dep_ == "neg" for c in v.children) or "never" in kids or "no" in {
                    c.lower_ for c in h.children if c.dep_ == "det"}:
                return "negated"
            if kids & {"will", "shall", "'ll"} or ("going" in kids and "to" in kids):
                return "future"
            if kids & HYPO_AUX:
                return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
            return "hypothetical"
        for v in chain[1:]:
            lemma = v.lemma_.lower()
            if lemma in DENY_VERBS and verb.dep_ in ("ccomp", "xcomp"):
                return "denied"
            if lemma in INTENT_VERBS and verb.dep_ in ("xcomp",):
                return "future" if lemma in ("vow", "plan", "threaten", "prepare", "intend") else "hypothetical"
        if h.dep_ == "pobj" and h.head.head.lemma_.lower() in ("call", "demand", "urge"):
            return "hypothetical"
        return "asserted"

    def in_quote(self, start: int, quotes: list[tuple[int, int]]) -> bool:
        return any(s <= start < e for s, e in quotes)
