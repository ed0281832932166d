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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .actors import PLACE_PREPS, ArticleEntities
from .model import ActorRef, PlaceRef, PLOVER_TYPES

LIGHT_VERBS = {"launch", "carry", "conduct", "step", "mount", "stage", "begin", "continue", "intensify",
               "escalate", "start", "order", "wage", "lead", "unleash", "resume", "announce", "pass", "adopt",
               "impose", "introduce", "slap", "levy", "extend", "tighten", "issue", "make", "file", "level"}
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
}
MILITARY_NOUNS = {"soldier", "officer", "general", "commander", "personnel", "guard", "colonel", "major",
                  "lieutenant", "sergeant", "captain", "cadet", "recruit", "fighter", "militiaman"}
# verbs by which a body adopts its own document, and the documents a body issues
# verbs whose nominal subject is the event itself acting ("the blast killed 12 in Kabul"): their
# places are the event's
EVENT_VERBS = {"kill", "wound", "injure", "destroy", "damage", "hit", "strike", "leave", "target", "claim",
               "occur", "happen", "take", "rock", "shake", "flatten", "raze", "level", "tear", "rip", "kill",
               "be", "begin", "start", "continue", "end", "resume", "erupt", "break", "spread", "intensify"}
MUNITIONS = {"bomb", "jet", "warplane", "plane", "aircraft", "drone", "tank", "helicopter", "gunship", "missile",
             "rocket", "shell", "artillery", "mortar", "gunboat", "warship", "airstrike", "bomber", "fighter-bomber"}
SERIES_NOUNS = {"spate", "wave", "series", "string", "string", "number", "pair", "flurry", "barrage", "volley"}
INTRANSITIVE = {"explode", "die", "erupt", "blow", "crash", "collapse"}
WEAPON_VERBS = {"set", "plant", "detonate", "fire", "drop", "hurl", "throw", "lob", "launch", "explode", "rig",
                "trigger", "park", "drive"}
ADOPT_VERBS = {"approve", "adopt", "pass", "endorse", "ratify", "unveil", "issue", "publish", "table"}
DOCUMENT_NOUNS = {"resolution", "plan", "proposal", "report", "statement", "decree", "law", "bill", "declaration",
                  "communique", "initiative", "motion", "draft", "ultimatum", "order"}
SITE_NOUNS = {"city", "town", "village", "capital", "outskirts", "suburb", "district", "neighborhood",
              "neighbourhood", "quarter", "province", "region", "border", "coast", "north", "south", "east", "west",
              "center", "centre", "hospital", "school", "market", "camp", "airport", "port", "base", "street",
              "square", "mosque", "church", "university", "prison", "embassy", "checkpoint", "crossing", "area"}
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


def _in_attribution(t: Token) -> bool:
    """Whether a word is the source of a report ("according to X", "X said"), never a role."""
    for anc in [t] + list(t.ancestors)[:6]:
        if anc.lower_ == "according":
            return True
    return False


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
        return subj

    def _movement(self, tok: Token) -> bool:
        e = self.lexical_entry(tok)
        return e is not None and e.plover == "RETREAT"

    def resolve(self, toks: list[Token]) -> list[ActorRef]:
        out: list[ActorRef] = []
        for t in toks:
            for x in [t] + [c for c in t.conjuncts if c.i > t.i]:
                ref = self.pronoun(x) if x.pos_ == "PRON" else self.ents.actor_at(x)
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
        if lemma in ("other", "victim", "person"):
            # "11 people and 40 others": the people of the article's country, not an actor "others"
            country = self.ents.country
            return self.ents.resolver.generic("civilians", country, tok.text, tok.idx,
                                              tok.idx + len(tok.text)) if country else None
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
            return groups[-1] if groups else None
        return None

    def _inherited_agents(self, h: Token, depth: int) -> list[Token]:
        """Agents an act takes from the event it is part of: "the bombing ... that killed 20"
        (a relative clause), "were killed in IS attacks", "set off a car bomb ..., killing five"."""
        if depth > 2:
            return []
        if h.dep_ == "relcl":
            for anc in [h.head] + list(h.head.ancestors)[:4]:
                if anc.i != h.i and anc.pos_ in ("NOUN", "PROPN") and self.entry_for(anc) is not None:
                    inner = self.roles(Trigger(head=anc, start=anc.idx, end=anc.idx + len(anc.text),
                                               entry=self.entry_for(anc)), depth=depth + 1)[0]
                    return self._tokens_of(inner)
        if h.lemma_.lower() in ("kill", "wound", "injure"):
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    for p in c.children:
                        if p.dep_ != "pobj":
                            continue
                        if self.ents.actor_at(p) is not None and any(
                                self.entry_for(x) is not None for x in p.children if x.dep_ in ("attr", "appos")):
                            return [p]  # "killed in IS attacks" (misparsed with IS as the head)
                        if self.entry_for(p) is not None:
                            return [x for x in p.children if x.dep_ in ("compound", "poss", "amod")
                                    and self.ents.actor_at(x) is not None]
            if h.tag_ == "VBG" or h.dep_ in ("pobj", "advcl"):
                # "Taliban fighters set off a car bomb ..., killing five": the clause's subject
                root = h.sent.root
                if root.i != h.i and root.lemma_.lower() in WEAPON_VERBS | LIGHT_VERBS | {"attack", "bomb", "shell",
                                                                                         "strike", "open", "fire"}:
                    return self.agent_tokens_raw(root)
        return []

    def _tokens_of(self, refs: list[ActorRef]) -> list[Token]:
        out = []
        for r in refs:
            span = self.doc.char_span(r.start, r.end, alignment_mode="expand")
            if span is not None:
                out.append(span.root)
        return out

    def roles(self, trig: Trigger, depth: int = 0) -> tuple[list[ActorRef], list[ActorRef]]:
        h, e = trig.head, trig.entry
        agents: list[Token] = []
        targets: list[Token] = []
        if h.pos_ in ("VERB", "AUX"):
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in h.children) or (
                h.dep_ == "acl" and h.head.pos_ in ("NOUN", "PROPN") and (
                    h.tag_ == "VBN" or any(c.dep_ == "agent" for c in h.children))
                and not any(c.dep_ == "dobj" for c in h.children))  # "a spate of bombings killed 17 people"
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
                # an intransitive act has no object ("a bomb exploded ..., according to X": X is a
                # misparsed object)
                targets = _children(h, "dobj") if h.lemma_.lower() not in INTRANSITIVE else []
                if e.plover in ("ASSAULT", "COERCE", "ACCUSE", "THREATEN", "SANCTION", "REJECT"):
                    targets += [p for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "at")
                                for p in c.children if p.dep_ == "pobj"]
                if e.plover == "ASSAULT" and h.lemma_.lower() in INTRANSITIVE | {"detonate", "go"}:
                    # "a bomb exploded near an army patrol": the people it was set for
                    targets += [p for c in h.children if c.dep_ == "prep" and c.lower_ in ("near", "beside", "outside")
                                for p in c.children if p.dep_ == "pobj" and self.ents.actor_at(p) is not None
                                and self.ents.actor_at(p).type in ("military", "government", "armed_group")]
                if not targets and h.dep_ in ("oprd", "xcomp", "ccomp", "conj") and h.head.lemma_.lower() == "leave" \
                        and h.lemma_.lower() in ("wound", "injure", "kill", "dead"):
                    targets = _children(h.head, "dobj")  # "leaving two others wounded"
                if e.mode == "death":
                    agents, targets = [], agents
                if e.plover == "RETREAT":
                    targets = []
            if e.plover in ("ASSAULT",) and h.lemma_ in ("explode", "detonate") and not passive:
                agents = [a for a in agents if self.ents.actor_at(a) is not None]
        else:
            for c in h.children:
                if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < h.i:
                    agents.append(c)
                elif c.dep_ == "prep" and c.lower_ == "by":
                    agents += [p for p in c.children if p.dep_ == "pobj"]
                elif c.dep_ == "prep" and c.lower_ in ("on", "against", "at"):
                    targets += [p for p in c.children if p.dep_ == "pobj"]
                elif c.dep_ == "prep" and c.lower_ == "of":
                    objs = [p for p in c.children if p.dep_ == "pobj"]
                    if e.plover == "RETREAT":
                        agents += objs
                    else:
                        targets += objs
            gov = h.head
            if h.dep_ in ("dobj",) and gov.lemma_.lower() in LIGHT_VERBS | WEAPON_VERBS | {"step", "call"}:
                agents += self.agent_tokens_raw(gov)
            # "Colombia blamed the ELN for the bombing": the blamed is the attacker; so is the
            # claimer of "X claimed (responsibility for) the attack"
            if h.dep_ == "pobj" and gov.dep_ == "prep" and gov.lower_ == "for":
                verb = gov.head
                if verb.lemma_.lower() in ("blame", "hold") and e.plover in ("ASSAULT", "COERCE"):
                    agents += _children(verb, "dobj")
                elif verb.lower_ == "responsibility" and verb.head.lemma_.lower() in ("claim", "take", "accept"):
                    agents += self.agent_tokens_raw(verb.head)
            if h.dep_ == "dobj" and gov.lemma_.lower() == "claim" and e.plover == "ASSAULT":
                agents += self.agent_tokens_raw(gov)
            # "the bombing was blamed on the group"
            if h.dep_ == "nsubjpass" and gov.lemma_.lower() in ("blame", "pin") and e.plover == "ASSAULT":
                agents += [p for c in gov.children if c.dep_ == "prep" and c.lower_ == "on"
                           for p in c.children if p.dep_ == "pobj"]
            # "killed in IS attacks" parsed with the group as the head of the attacks
            if h.dep_ in ("attr", "appos") and self.ents.actor_at(gov) is not None:
                agents.append(gov)
            subj_of = gov if h.dep_ == "nsubj" else gov.head if h.dep_ in ("conj", "appos") and gov.dep_ == "nsubj" \
                else None
            if h.dep_ == "pobj" and gov.lower_ == "of" and gov.head.lemma_.lower() in SERIES_NOUNS:
                series = gov.head  # "a spate of bombings killed 17 people"
                acts = [c for c in series.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
                subj_of = series.head if series.dep_ == "nsubj" else acts[0] if acts else None
            if subj_of is not None and subj_of.pos_ == "VERB" and subj_of.lemma_.lower() not in INTRANSITIVE:
                # "blasts killed 11 people", "shootings and bomb blasts killed 11 ... and left 40 others wounded"
                targets += _children(subj_of, "dobj")
                for v in subj_of.conjuncts:
                    if v.lemma_.lower() in ("kill", "wound", "injure", "leave") and not _children(v, "nsubj"):
                        targets += _children(v, "dobj")
            # "a suicide attack targeting emergency responders"
            targets += [o for c in h.children if c.dep_ == "acl" and c.lemma_.lower() in ("target", "hit", "strike")
                        for o in c.children if o.dep_ == "dobj"]
            if h.dep_ == "pobj" and gov.dep_ == "prep" and gov.lower_ == "in" and gov.head.pos_ == "VERB" \
                    and e.plover == "ASSAULT":
                # "three were killed in an air strike": victims of the strike
                if gov.head.lemma_ in ("kill", "wound", "injure", "die"):
                    targets += _children(gov.head, "nsubjpass") + _children(gov.head, "nsubj")
        agents = [x for x in agents if not _in_attribution(x)]
        targets = [x for x in targets if not _in_attribution(x)]
        a = [x for x in self.resolve(agents) if x.type != "media"]
        if not a and e.plover == "ASSAULT" and any(x.lower_ in PLURAL_PRONOUNS for x in agents):
            # "They killed ...": the armed group the article last named
            groups = [r for r in self.ents.actors if r.end <= h.idx and r.type == "armed_group"]
            a = groups[-1:]
        if not a and e.plover == "ASSAULT":
            a = [x for x in self.resolve(self._inherited_agents(h, depth)) if x.type != "media"]
        if not a and h.lemma_.lower() in ADOPT_VERBS:
            # "the General Assembly resolution was approved": a body adopts its own resolution
            for x in targets:
                owner = self.owner(x)
                if owner is not None:
                    a = [owner]
                    targets = [y for y in targets if y is not x]
                    break
        t = [x for x in self.resolve(targets) if x.type != "media" and x.key not in {y.key for y in a}]
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
        for c in tok.children:
            if c.dep_ == "poss" and tok.lemma_.lower() not in SITE_NOUNS:
                continue  # "Israel's war", "Syria's government": an owner, not a place
            if c.dep_ in ("compound", "amod", "poss") and self.ents.place_at(c) is not None:
                return self.ents.place_at(c)
        of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        if of:
            # "the town of Taji": the place named, not the article's main city
            return next((pl for pl in (self.ents.place_at(p) for p in of) if pl is not None), None)
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
