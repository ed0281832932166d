"""Who took part in an event: agents and targets of a trigger, from the dependency parse.

* verbs: the active subject acts, the object undergoes; in the passive the "by" phrase
  acts and the subject undergoes; for movement (evacuate, flee, leave, arrive) the one who
  moves is the agent; a verb in "agreed to withdraw" or a conjunct inherits its subject;
* nouns: "army offensive", "Russian air strikes", "Assad's troops" (modifiers), "attack by
  X on Y", and the subject of a light verb ("Russia stepped up air assaults");
* pronouns: "he"/"she" the last person named before, "they"/"them" the last group.

Media are never agents.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from graph.core.model import ActorRef
from graph.extract.coref import PersonCoref, person_noun
from graph.extract.doctext import doc_text
from graph.extract.event_lexicon import Trigger, TriggerFinder
from graph.extract.role_model import (
    LABELS,
    Candidate,
    RoleModel,
    TriggerView,
    candidate_kind,
    chain,
    default_model,
    dense_inputs,
    features,
    make_candidate,
    sentence_words,
    speaks,
)
from graph.lexicon.words import (
    ADOPT_VERBS,
    AFFILIATE_NOUNS,
    AGENT_VERBS,
    BLAME_VERBS,
    BUILDING_NOUNS,
    CAPTIVE_OWNER_MODES,
    CASUALTY_VERBS,
    CHARGE_NOUNS,
    CHARGE_VERBS,
    DEFINITE_DETERMINERS,
    DOCUMENT_NOUNS,
    FOUND_VERBS,
    GROUND_MODES,
    HARM_VERBS,
    HEADLINE_PASSIVE_VERBS,
    HUMAN_NOUNS,
    IDENTIFY_VERBS,
    MILITARY_NOUNS,
    MUNITIONS,
    ONLOOKER_VERBS,
    ORGANIZATION_NOUNS,
    PART_NOUNS,
    PERPETRATOR_NOUNS,
    PERSON_DESCRIPTION_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    QUANTITY_WORDS,
    REPORTER_NOUNS,
    RESPONSIBILITY_NOUNS,
    SERIES_NOUNS,
    STATE_TRIGGERS,
    SURNAME_BUILDING_NOUNS,
    TARGET_VERBS,
    VICTIM_NOT_NAME_MODIFIERS,
    VICTIM_NOUNS,
    VICTIM_OWNER_MODES,
)


def onlooker(t: Token, trigger: Token) -> bool:
    """Whether a word is the subject of a verb that speaks of, judges or looks into the event its object
    names ("the ministry condemned the attack", "police are investigating the shooting"): no agent or
    target of that event."""
    if t.dep_ not in ("nsubj", "nsubjpass") or t.head.lemma_.lower() not in ONLOOKER_VERBS or t.head.i == trigger.i:
        return False
    verb, x = t.head, trigger
    while x.head.i != x.i:
        x = x.head
        if x.i == verb.i:
            return True
    return False


def is_building(ref: ActorRef) -> bool:
    """Whether an actor is named as a building or site ("the Alfred P. Murrah Federal Building", "Kohl
    Center"), whatever type the tagger gave it: no attacker."""
    words = ref.name.casefold().split()
    return (bool(words) and words[-1] in BUILDING_NOUNS and ref.type not in ("military", "armed_group", "government")
            and not (ref.type == "person" and words[-1] in SURNAME_BUILDING_NOUNS))


def dependents(tok: Token, *deps: str) -> list[Token]:
    """The children of ``tok`` by these relations, with their later conjuncts ("killed 9 and 12")."""
    out = []
    for c in tok.children:
        if c.dep_ in deps:
            out.append(c)
            out += [cc for cc in c.conjuncts if cc.i > c.i]
    return out


# the least probability at which a candidate takes a label (a target or place must also be its most likely
# label; an agent need not: on WikiEvents and GVDB check parts 0.35 beat 0.5, agent 0.244 v 0.231, shooter 0.655 v 0.621)
DECODE = {"agent": 0.35, "target": 0.5, "place": 0.5}
ARGMAX = {"agent": False, "target": True, "place": True}  # whether the label must also be the candidate's most likely
LIMITS = {"agent": 2, "target": 3}  # the most candidates the model adds to a trigger's roles
# where the rules found no one in a role and no candidate reaches DECODE, the likeliest candidate of the trigger's
# own sentence takes it from this probability on (also when a third label is likelier, not when the other role
# is): chosen by 5-fold CV by document on the WikiEvents tuning part (benchmarks/roles_cv.py's folds), agent
# 0.348 -> 0.400, target 0.434 -> 0.451; with the rest of the branch on check parts, WikiEvents agent 0.338 ->
# 0.400, target 0.518 -> 0.566, GVDB shooter 0.862 and victim 0.750 -> 0.808 (see docs/role_model.md)
DECODE_EMPTY = {"agent": 0.05, "target": 0.1}
PHRASE_TARGET = 0.2  # the least target probability at which the rules' common noun becomes a victim
SITE_PREFIX = "site_"  # the key of a named place taken as a target (see RoleFinder.site)
SITE_MODES = ("explosion", "bombing")  # the attacks whose site is their target (see RoleFinder.sites_hit)
SITE_PREPS = ("at", "in", "inside", "outside", "near")
AREAS = ("country", "capital", "city", "admin", "region")  # places that are a setting, not a site
FAR_SENTENCES = 2  # candidates are also taken from this many sentences before the trigger's (and the next one)


def of_objects(tok: Token) -> list[Token]:
    """The objects of a word's of-phrases ("members of the PKK": PKK)."""
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]


def included(tok: Token) -> list[Token]:
    """The people a phrase of people hurt singles out ("15 civilians, including six women and eight
    children": the women and the children)."""
    return [x for c in tok.children if c.dep_ == "prep" and c.lower_ == "including"
            for p in c.children if p.dep_ == "pobj" for x in [p] + [q for q in p.conjuncts if q.i > p.i]]


def relative_antecedent(tok: Token) -> Token:
    """The noun a relative pronoun that is its clause's subject stands for, also in a later verb of the
    clause ("Rahami, who opened fire, wounding two": Rahami; "a man who drove into a crowd and then stabbed
    an officer": the man); any other word is itself."""
    if tok.lower_ not in ("who", "that", "which") or tok.dep_ not in ("nsubj", "nsubjpass"):
        return tok
    v = tok.head
    for _ in range(4):
        if v.dep_ in ("conj", "advcl", "xcomp") and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX"):
            v = v.head
        else:
            break
    return v.head if v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN") else tok


def is_passive(h: Token) -> bool:
    """A verb in the passive ("was killed", "the man killed by police")."""
    # ("the man killed Saturday was identified as X": a reduced relative the tagger may call VBD)
    return h.pos_ in ("VERB", "AUX") and (any(c.dep_ in ("nsubjpass", "auxpass") for c in h.children) or (
        h.dep_ == "acl" and (h.tag_ == "VBN" or any(c.dep_ == "agent" for c in h.children))
        and (h.head.pos_ in ("NOUN", "PROPN") or h.head.like_num) and not dependents(h, "dobj")))


def in_headline(tok: Token) -> bool:
    """Whether a word is in the article's headline: a first line of its own, without a full stop."""
    text = doc_text(tok.doc)
    end = text.find("\n")
    line = text[:end].strip() if end >= 0 else ""
    return bool(line) and tok.idx < end and line[-1] not in ".!?\"'\u201d"


class RoleFinder(TriggerFinder):
    """The agents and targets of the triggers of one parsed article."""

    def agent_tokens_raw(self, v: Token) -> list[Token]:
        subj = dependents(v, "nsubj")
        if not subj and v.dep_ in ("xcomp", "conj", "advcl", "oprd") and v.head.pos_ in ("VERB", "AUX"):
            subj = dependents(v.head, "nsubj")
            if not subj and v.dep_ in ("xcomp", "oprd"):
                subj = dependents(v.head, "nsubjpass")  # "the convoy was reported leaving"
            if not subj and v.dep_ == "conj":
                subj = dependents(v.head, "nsubjpass") if self._movement(v) else []
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
                if gov.pos_ in ("VERB", "AUX") and dependents(gov, "nsubj"):
                    subj = dependents(gov, "nsubj")
        if not subj and v.dep_ == "pobj" and v.tag_ == "VBG" and v.head.head.pos_ in ("VERB", "AUX"):
            subj = dependents(v.head.head, "nsubj")  # "set off a bomb outside X killing five" (misparsed)
        if not subj and v.dep_ == "conj" and v.head.pos_ == "VERB" and v.head.dep_ in ("acl", "advcl", "conj"):
            subj = self.agent_tokens_raw(v.head)  # "..., killing five and wounding 20"
        return subj

    @property
    def coref(self) -> PersonCoref:
        """The named person each person noun and pronoun of the article stands for (built once)."""
        got = self.__dict__.get("_coref")
        if got is None:
            got = self.__dict__["_coref"] = PersonCoref(self.doc, self.ents)
        return got

    def passive_reading(self, h: Token) -> bool:
        """A verb in the passive, also where its auxiliary is shared or left out: "was shot and killed"
        (the second verb), a headline's "Man shot by deputy", "30-year-old man shot, killed"."""
        if is_passive(h) or (h.pos_ == "VERB" and h.dep_ in ("acl", "amod") and h.tag_ in ("VBN", "VBD")
                             and h.head.pos_ in ("NOUN", "PROPN") and (h.dep_ == "acl" or h.i < h.head.i)
                             and not dependents(h, "dobj")):
            # also "the man killed Saturday was identified as X", a reduced relative the tagger called VBD,
            # and "fatally shot X" misparsed as a modifier of X, as "the wounded man" is
            return True
        # ("X was found shot" is read as a passive too, but not here: on the GVDB check part it named one more
        # victim and cost two incident dates, its shooter-less mention merging with other reports' events)
        own = dependents(h, "nsubj", "dobj") or any(c.dep_ in ("aux", "auxpass") for c in h.children)
        if h.dep_ == "conj" and not own and h.head.pos_ in ("VERB", "AUX") and (
                h.tag_ == "VBN" or in_headline(h)) and self.passive_reading(h.head):
            return True
        bar = next((t.i for t in h.sent if t.text in ("|", "\u2013", "\u2014") or t.text == "-" and t.whitespace_), len(self.doc))
        return (h.tag_ in ("VBN", "VBD") and h.lemma_.lower() in HEADLINE_PASSIVE_VERBS
                and not [o for o in dependents(h, "dobj") if o.i < bar]  # not the site's name after a "|"
                and not any(c.dep_ in ("aux", "auxpass") for c in h.children) and in_headline(h)
                and (bool(dependents(h, "nsubj")) or (h.dep_ == "acl" and h.head.pos_ in ("NOUN", "PROPN"))))

    @staticmethod
    def _found_hurt(h: Token) -> bool:
        """A harm verb that tells the state someone was found or left in: "X was found shot", "police
        found X shot", "the attack left two wounded"."""
        return (h.tag_ in ("VBN", "VBD") and h.dep_ in ("xcomp", "ccomp", "oprd", "acomp") and not dependents(h, "dobj")
                and h.head.lemma_.lower() in FOUND_VERBS and h.lemma_.lower() in HEADLINE_PASSIVE_VERBS)

    def passive_subjects(self, h: Token) -> list[Token]:
        """Who undergoes a verb read in the passive: its passive subject, the noun it describes ("the
        man killed by police"), a headline's subject ("Police: man shot": the man, not the source), or
        the subject of the verb it is coordinated with."""
        subj = dependents(h, "nsubjpass")
        if not subj and h.dep_ in ("acl", "amod") and h.head.pos_ in ("NOUN", "PROPN"):
            subj = [h.head]
        if not subj:
            subj = [a for x in dependents(h, "nsubj") for a in (
                [c for c in x.children if c.dep_ == "appos"] if x.i + 1 < len(self.doc) and self.doc[x.i + 1].text == ":"
                else []) or [x]]
        if h.dep_ == "relcl" and h.head.pos_ in ("NOUN", "PROPN") and subj and all(
                x.lower_ in ("who", "that", "which") for x in subj):
            subj = [h.head]  # "X, who was pronounced dead"
        if not subj and h.dep_ == "xcomp" and h.head.pos_ in ("VERB", "AUX"):
            subj = dependents(h.head, "nsubjpass") or dependents(h.head, "nsubj")  # "X was believed to be shot"
        if not subj and h.dep_ in ("pcomp", "advcl") and any(c.dep_ == "auxpass" and c.tag_ == "VBG" for c in h.children):
            # "X remains hospitalized after being shot", "X died after being shot": the clause's subject
            gov = h.head.head if h.dep_ == "pcomp" and h.head.dep_ == "prep" else h.head
            if gov.pos_ in ("VERB", "AUX"):  # (the subject may hang off an auxiliary: "X remains hospitalized")
                subj = dependents(gov, "nsubjpass") or dependents(gov, "nsubj") or [
                    x for c in gov.children if c.dep_ in ("aux", "auxpass") for x in dependents(c, "nsubj")]
        if not subj and self._found_hurt(h):
            subj = dependents(h.head, "nsubjpass") or dependents(h.head, "dobj")
        if not subj and h.dep_ == "conj" and h.head.pos_ in ("VERB", "AUX"):
            subj = self.passive_subjects(h.head) if self.passive_reading(h.head) else dependents(h.head, "nsubj")
        return subj

    def _movement(self, tok: Token) -> bool:
        e = self.lexical_entry(tok)
        return e is not None and e.plover == "RETREAT"

    def resolve(self, toks: list[Token], victims: bool = False, phrases: bool | set[int] = False) -> list[ActorRef]:
        """The actors of these words; ``phrases`` (True, or the indices of the words where): a
        common noun that names no actor stands for itself ("a shopkeeper was killed")."""
        out: list[ActorRef] = []
        toks = [relative_antecedent(t) for t in toks]  # "Rahami, who opened fire": Rahami
        if victims:  # "X was the victim", "X and Y were the two people killed": X (and Y)
            toks = [s for t in toks for s in (self.copula_subjects(t) or [t])]
        for t in toks:
            for x in [t] + [c for c in t.conjuncts if c.i > t.i] + (self.listed(t) + included(t) if victims else []):
                named = self.coref.person_for(x, victims)  # "the victim" identified as X: X
                if named is not None and x.i in self.coref.guessed:
                    self.__dict__.setdefault("_guessed_keys", set()).add(named.key)
                if named is not None:
                    if all(r.key != named.key for r in out):
                        out.append(named)
                    continue
                several = self.coref.people_for(x, victims)  # "two women" named as X and Y
                if several:
                    out += [g for g in several if all(r.key != g.key for r in out)]
                    continue
                group = self.ents.people_at(x)
                if group:  # "the brothers": both of them
                    out += [g for g in group if all(r.key != g.key for r in out)]
                    continue
                ref = self.pronoun(x, victims) if x.pos_ == "PRON" else self.ents.actor_at(x)
                if ref is None and not victims:
                    ref = self.state_forces(x)  # "an Israeli air strike", "Russian shelling"
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
                    ref = self.wielder(x, user=not victims) or ref  # "Israeli bombs hit the school": Israel's military
                if ref is None:
                    ref = self.owner(x)  # "a General Assembly resolution calling for ..."
                if ref is None:
                    ref = self.affiliated(x)  # "an ISIS supporter": the group
                if ref is None:
                    ref = self.unnamed(x)
                if ref is None and (phrases is True or (phrases and x.i in phrases)):
                    ref = self.phrase(x) or (self.site(x) if victims else None)
                    if ref is not None and ref.key.startswith(SITE_PREFIX):
                        # a place attacked is shown, but neither ties nor parts events when they are merged
                        self.__dict__.setdefault("_guessed_keys", set()).add(ref.key)
                if ref is not None and x.pos_ == "NOUN" and x.lemma_.lower() not in PART_NOUNS \
                        and x.left_edge.idx <= ref.start and ref.end <= x.idx and x.idx - ref.end < 40:
                    # "Islamic State suicide bombers": the group's mention is the whole phrase, the noun with it
                    end = x.idx + len(x.text)
                    ref = replace(ref, text=doc_text(self.doc)[ref.start:end], end=end)
                if ref is not None and all(r.key != ref.key for r in out):
                    out.append(ref)
        return out

    def listed(self, tok: Token) -> list[Token]:
        """The other names of a list of names the parser read as an apposition ("X, Y and Z were shot": Y
        apposed to X, Z joined to Y): named people apposed to a named person, with their conjuncts."""
        ref = self.ents.actor_at(tok)
        if ref is None or ref.type != "person":
            return []
        out = []
        for c in tok.children:
            if c.dep_ == "appos" and (r := self.ents.actor_at(c)) is not None and r.type == "person" and r.key != ref.key:
                out += [c] + [x for x in c.conjuncts if x.i > c.i]
        return out

    @staticmethod
    def identified_as_hurt(tok: Token) -> bool:
        """Whether a name is who someone hurt was identified as ("the man killed was identified as X",
        "police identified the victim as X"): not a suspect named so ("the suspect was identified as X")."""
        if not (tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.lemma_.lower() in IDENTIFY_VERBS):
            return False
        verb = tok.head.head
        themes = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] + ([verb.head] if verb.dep_ == "acl" else [])
        return bool(themes) and not any(t.lemma_.lower() in PERPETRATOR_NOUNS for t in themes)

    def copula_subjects(self, tok: Token) -> list[Token]:
        """Who a noun for people hurt is said to be: the subjects of the copula it is the predicate of ("X
        was the victim", "X and Y were the two people killed", "X was one of three people shot"), when
        they are people; [] otherwise."""
        t = tok
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.dep_ == "attr" and (
                t.head.head.like_num or t.head.head.lower_ in ("one", "some", "all", "both", "each")
                or t.head.head.lemma_.lower() in VICTIM_NOUNS):
            t = t.head.head  # "one of two people shot", "one of the victims"
        if t.dep_ != "attr" or t.head.lemma_.lower() != "be" or not (
                t.like_num or t.lower_ in ("one", "some", "all", "both", "each") or t.lower_ in PERSON_NOUNS
                or t.lemma_.lower() in PERSON_DESCRIPTION_NOUNS or t.lemma_.lower() in HUMAN_NOUNS):
            return []
        subj = dependents(t.head, "nsubj")
        subj += [x for s in subj for x in self.listed(s) if x not in subj]
        # (a name in the list the tagger took for another kind of name is still one of them)
        return subj if any(self.is_person(x) for x in subj) and all(
            self.is_person(x) or x.pos_ == "PROPN" for x in subj) else []

    def wielder(self, tok: Token, user: bool = False) -> ActorRef | None:
        """Who fires a weapon named with its owner: "Israeli jets", "Russia's warplanes",
        "government tanks" -> that state's military (or the named armed group); with ``user``, also who
        the clause says used it ("X planted a bomb that exploded": X)."""
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod") and (ref := self.forces_named_by(c)) is not None:
                return ref
        if user and tok.dep_ == "dobj" and tok.head.lemma_.lower() in AGENT_VERBS:
            # "X planted two bombs that exploded", "the attackers used car bombs which killed two": X, the attackers
            refs = [r for r in self.resolve(self.agent_tokens_raw(tok.head)) if r.type != "media"]
            return refs[0] if refs else None
        return None

    def forces_named_by(self, c: Token) -> ActorRef | None:
        """The armed forces a modifier names: a nationality or a state ("Israeli", "Russia's") -> that
        state's military; a named armed group or military -> itself."""
        iso = self.ents.resolver.geo.demonym(c.text)
        ref = self.ents.by_token.get(c.i)
        if iso is None and ref is not None and ref.type in ("country", "government", "military"):
            iso = ref.country or None
        if iso:
            return self.ents.resolver.generic("military", iso, c.text, c.idx, c.idx + len(c.text))
        return ref if ref is not None and ref.type in ("armed_group", "military") else None

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
            for p in of_objects(tok):
                inner = self.ents.actor_at(p)
                if inner is not None:
                    return inner
        mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod") and not c.like_num
                and c.lower_ not in VICTIM_NOT_NAME_MODIFIERS]
        words = [m.text for m in mods if m.i >= tok.i - 3] + [tok.text]
        name = " ".join(words)
        typ = "military" if lemma in MILITARY_NOUNS else "civilians"
        return ActorRef(key="unnamed_" + "_".join(w.lower() for w in words), name=name, type=typ,
                        text=name, start=tok.idx, end=tok.idx + len(tok.text), country="")

    def state_forces(self, tok: Token) -> ActorRef | None:
        """The armed forces of the state a nationality word before an attack noun names: "an Israeli
        air strike", "Russian shelling", "a Turkish drone strike" -> that state's military."""
        if tok.dep_ not in ("amod", "compound", "nmod") or tok.head.pos_ != "NOUN":
            return None
        e = self.entry_for(tok.head)
        return self.forces_named_by(tok) if e is not None and e.plover == "ASSAULT" else None

    def affiliated(self, tok: Token) -> ActorRef | None:
        """The group a person noun names its people by: "an ISIS supporter", "a Boko Haram member",
        "supporters of the PKK" -> that group, when it is an armed group ("police recruits" stay recruits)."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in AFFILIATE_NOUNS:
            return None
        mods = [c for c in tok.children if c.dep_ in ("compound", "nmod", "poss") and c.i < tok.i]
        mods += of_objects(tok)
        for c in mods:
            ref = self.ents.actor_at(c)
            if ref is not None and ref.type == "armed_group":
                return ref
        return None

    def definite_group(self, tok: Token) -> ActorRef | None:
        """"the group", "the militia": the last armed group named before, in this or the two
        previous sentences."""
        if tok.lemma_.lower() not in ORGANIZATION_NOUNS or not any(
                c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in tok.children):
            return None
        first = tok.sent.start
        for _ in range(2):
            first = self.doc[first - 1].sent.start if first > 0 else first
        groups = [a for a in self.ents.actors if a.end <= tok.idx and a.start >= self.doc[first].idx
                  and a.type == "armed_group"]
        return groups[-1] if groups else None

    def counted(self, tok: Token) -> ActorRef | None:
        """A bare number standing for people hurt ("killed 12 and wounded another 30", "injured hundreds"):
        the people of the article's country, named by the number phrase; a number of people named by a
        common noun ("two of the guards") is those people, named by the whole phrase."""
        if not (tok.like_num or tok.lower_ in QUANTITY_WORDS) or tok.dep_ in ("nummod", "quantmod", "npadvmod"):
            return None  # (also "injured hundreds")
        words = [c for c in tok.subtree if c.i <= tok.i and c.dep_ in ("advmod", "quantmod", "det", "compound", "nummod")
                 or c.i == tok.i]
        last = tok.i
        objs = of_objects(tok)
        if objs:
            if any(self.ents.actor_at(p) is not None or self.ents.people_at(p) for p in objs):
                return None  # "12 of the soldiers": the soldiers are named elsewhere
            # "one of the guards": the people it counts, named by the whole phrase
            last = max(t.i for p in objs for t in p.subtree)
            if last - tok.i > 6:
                return None
        span = self.doc[min(w.i for w in words):last + 1]
        ref = self.unnamed(objs[0]) if objs else None  # "two of the guards": guards
        if ref is not None:
            return replace(ref, text=span.text, start=span.start_char, end=span.end_char)
        return self.ents.resolver.generic("civilians", self.ents.country, span.text, span.start_char, span.end_char)

    def victims_of(self, verb: Token) -> list[Token]:
        """Who a harm verb and its coordinated harm verbs hurt: "killed 9 and wounded 12",
        "left 30 others wounded", "killed 31, and 50 others were injured"."""
        out: list[Token] = []
        for v in [verb] + [c for c in verb.conjuncts if c.i > verb.i]:
            if v.lemma_.lower() not in HARM_VERBS:
                continue
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
            out += dependents(v, "nsubjpass") if passive else dependents(v, "dobj")
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
                return dependents(gov, "dobj") or [p for c in gov.children if c.dep_ == "agent"
                                                  for p in c.children if p.dep_ == "pobj"]
            if gov.lemma_.lower() in RESPONSIBILITY_NOUNS and gov.head.pos_ == "VERB":
                return self.agent_tokens_raw(gov.head)
        if slot.dep_ == "dobj" and slot.head.lemma_.lower() == "claim":
            return self.agent_tokens_raw(slot.head)  # "the group claimed the bombing"
        if slot.dep_ == "nsubjpass" and slot.head.lemma_.lower() in BLAME_VERBS:
            return [p for c in slot.head.children if c.dep_ == "prep" and c.lower_ == "on"
                    for p in c.children if p.dep_ == "pobj"]
        return []

    def shared_object(self, h: Token) -> list[Token]:
        """The object an attack verb shares with the attack verb coordinated after it ("the brothers shot and
        killed a police officer": the officer was shot too)."""
        if (e := self.entry_for(h)) is None or e.plover != "ASSAULT":
            return []
        for c in h.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and not dependents(c, "nsubj", "nsubjpass") and (
                    (ce := self.entry_for(c)) is not None and ce.plover == "ASSAULT"):
                return dependents(c, "dobj")
        return []

    def sites_hit(self, h: Token, mode: str) -> list[Token]:
        """Where a bomb went off, when that is a building or a site rather than a town: "two bombs exploded in
        two crowded pubs", "the blast at the airport", "an explosion outside a police academy"."""
        if mode not in SITE_MODES:
            return []
        out = []
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in SITE_PREPS:
                for p in c.children:
                    place = self.ents.place_at(p)
                    if p.dep_ == "pobj" and p.pos_ in ("NOUN", "PROPN") and self.ents.actor_at(p) is None and (
                            place is None and p.pos_ == "NOUN" or place is not None and place.place.feature not in AREAS):
                        out.append(p)
        return out

    @staticmethod
    def perpetrator_named_by(h: Token) -> list[Token]:
        """The one an attack noun describes as its author: "the shooting suspect, Mark Dolan,", "a bombing
        suspect" (the suspect noun, which stands for the person it is said to be)."""
        if h.dep_ in ("compound", "amod", "nmod") and h.head.lemma_.lower() in PERPETRATOR_NOUNS and h.i < h.head.i:
            return [h.head]
        return []

    def attack_clause_agents(self, h: Token) -> list[Token]:
        """Who did it, for a verb of harm that names no one: the subject of the attack its "when" clause
        tells ("nine people were killed when two suicide bombers blew themselves up", "three died as
        gunmen stormed the hotel")."""
        if self.entry_for(h) is None or self.entry_for(h).plover != "ASSAULT":
            return []
        for c in h.children:
            if c.dep_ == "advcl" and c.pos_ == "VERB" and any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as")
                                                              for m in c.children) and not self.passive_reading(c):
                e = self.entry_for(c)
                if e is not None and e.plover == "ASSAULT":
                    return dependents(c, "nsubj")
        return []

    @staticmethod
    def along_with(h: Token) -> list[Token]:
        """Who suffered it too: "X was killed along with Y", "X died together with his brother"."""
        out = []
        for c in h.children:
            preps = [c] if c.dep_ == "prep" and c.lower_ == "with" and any(
                x.lower_ in ("along", "together") for x in h.children if x.i == c.i - 1) else [
                x for x in c.children if x.dep_ == "prep" and x.lower_ == "with"] if c.lower_ in ("along", "together") else []
            out += [p for x in preps for p in x.children if p.dep_ == "pobj"]
        return out

    def is_person(self, tok: Token) -> bool:
        """A person's name, a person pronoun or a noun for one person ("the man")."""
        ref = self.ents.actor_at(tok)
        return (ref is not None and ref.type == "person") or tok.lower_ in PERSON_PRONOUNS or person_noun(tok)

    def charged(self, h: Token) -> list[Token]:
        """Who is charged with, arrested for or accused of an attack noun: "X was charged with murder",
        "police arrested X in connection with the shooting", "charging him with murder"."""
        slot = self.clause_slot(h)
        if slot.dep_ != "pobj" or slot.head.lower_ not in ("with", "for", "in", "of"):
            return []
        verb = slot.head.head
        if verb.lower_ == "connection" and verb.dep_ == "pobj" and slot.head.lower_ == "with":
            verb = verb.head.head  # "arrested in connection with the shooting"
        while verb.pos_ == "NOUN" and verb.lemma_.lower() in CHARGE_NOUNS and verb.dep_ in ("dobj", "pobj"):
            verb = verb.head.head if verb.dep_ == "pobj" else verb.head  # "faces charges of murder"
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in CHARGE_VERBS:
            return []
        if verb.lemma_.lower() == "face":
            return dependents(verb, "nsubj")
        return dependents(verb, "dobj") or dependents(verb, "nsubjpass") or (
            [verb.head] if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") else [])

    def pronoun(self, tok: Token, victims: bool = False) -> ActorRef | None:
        low = tok.lower_
        before = [a for a in self.ents.actors if a.end <= tok.idx]
        if low in PERSON_PRONOUNS:
            ant = self.coref.antecedent(tok)  # the person named or described just before, not a speaker
            if ant is not None:
                ref = self.coref.person_at(ant) or self.coref.person_for(ant, victims) or self.unnamed(ant)
                if ref is not None:
                    return ref
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

    # -- the learned model ---------------------------------------------------------------
    def candidate(self, tok: Token) -> Candidate:
        cache = self.__dict__.setdefault("_kind_cache", {})
        if tok.i not in cache:
            ref = self.ents.actor_at(tok)
            place = self.ents.place_at(tok)
            cache[tok.i] = make_candidate(tok, candidate_kind(tok, ref.type if ref is not None else None,
                                                              place.place.feature if place is not None else None))
        return cache[tok.i]

    def _sentence_words(self, sent: Span) -> tuple[list[Token], list[Token]]:
        cache = self.__dict__.setdefault("_sent_cache", {})
        if sent.start not in cache:
            cache[sent.start] = sentence_words(sent)
        return cache[sent.start]

    def _sentence_candidates(self, sent: Span, trigger: Token) -> list[Token]:
        """The candidates of a sentence other than the trigger's (the heads of its noun phrases)."""
        return self._sentence_words(sent)[0]

    def candidate_features(self, trig: Trigger) -> list[tuple[Token, list[str]]]:
        """The candidate arguments of a trigger (see graph.extract.role_model) with their features."""
        h, e = trig.head, trig.entry
        span = self.doc.char_span(trig.start, trig.end, alignment_mode="expand")
        first, last = (span.start, span.end - 1) if span is not None else (h.i, h.i)
        view = TriggerView(h, e.plover, e.mode, is_passive(h), chain(h))
        heads, inner = self._sentence_words(h.sent)
        own = sorted(heads + [t for t in inner if t.head.i == h.i], key=lambda t: t.i)
        out = [(t, features(view, self.candidate(t))) for t in own if t.i != h.i and not first <= t.i <= last]
        sent = h.sent
        for back in range(1, FAR_SENTENCES + 1):
            if sent.start == 0:
                break
            sent = self.doc[sent.start - 1].sent
            out += [(t, features(view, self.candidate(t), back))
                    for t in self._sentence_candidates(sent, h)]
        if h.sent.end < len(self.doc):  # "... The victim was identified as X": the next sentence
            out += [(t, features(view, self.candidate(t), -1))
                    for t in self._sentence_candidates(self.doc[h.sent.end].sent, h)]
        return out

    @property
    def role_model(self) -> RoleModel | None:
        """The learned model (the packaged one unless set; None: the rules alone)."""
        got = self.__dict__.get("_role_model", "default")
        return default_model() if got == "default" else got

    @role_model.setter
    def role_model(self, model: RoleModel | None) -> None:
        self.__dict__["_role_model"] = model

    def scored(self, trig: Trigger) -> list[tuple[Token, tuple[float, ...]]]:
        """The candidates of a trigger with the model's probability of each label (none when the
        model does not serve the trigger's event type)."""
        model = self.role_model
        if model is None or trig.entry.plover not in model.event_types:
            return []
        cache = self.__dict__.setdefault("_score_cache", {})
        key = (trig.start, trig.end)
        if key not in cache:
            pairs = self.candidate_features(trig)
            if model.dense is None:
                cache[key] = [(t, model.probabilities(f)) for t, f in pairs]
            else:  # the dense part of every candidate's score at once (one matrix product per trigger)
                extra = model.dense.scores(dense_inputs(self.doc, trig.head.i, [t.i for t, _ in pairs], model.dense.blocks))
                cache[key] = [(t, model.probabilities(f, x)) for (t, f), x in zip(pairs, extra)]
        return cache[key]

    def learned(self, trig: Trigger, label: str, limit: int, empty: bool = False) -> list[Token]:
        """The candidates the model gives this label (most likely first, at most ``limit``); ``empty``: the
        rules found no one in this role, so that without such a candidate the most likely one of the
        trigger's own sentence is taken when its probability reaches DECODE_EMPTY."""
        k = LABELS.index(label)
        other = LABELS.index("target" if label == "agent" else "agent")
        scored = [(p[k], t.i, t, p[k] == max(p), p[k] >= p[other]) for t, p in self.scored(trig)
                  if not speaks(t) and not onlooker(t, trig.head)]
        best = [x for x in scored if x[0] >= DECODE[label] and (x[3] or not ARGMAX[label])]
        if not best and empty:  # (not a word the model holds likelier in the other role)
            best = sorted((x for x in scored if x[0] >= DECODE_EMPTY[label] and x[4] and x[2].sent.start == trig.head.sent.start),
                          key=lambda x: (-x[0], x[1]))[:1]
        return [x[2] for x in sorted(best, key=lambda x: (-x[0], x[1]))[:limit]]

    def resolve_learned(self, toks: list[Token], victims: bool = False, phrases: bool | None = None) -> list[ActorRef]:
        """The actors of the candidates the model chose; a common noun no rule knows ("a
        shopkeeper", "the embassy") stands for itself."""
        out: list[ActorRef] = []
        for t in toks:
            refs = self.resolve([t], victims, phrases=victims if phrases is None else phrases)
            out += [r for r in refs if r.type != "media" and all(r.key != o.key for o in out)]
        return out

    def phrase(self, tok: Token) -> ActorRef | None:
        """An unnamed actor named by a common noun and its close modifiers ("a shopkeeper", "the
        main gate"); not a time, a place, a number or an event word."""
        if tok.pos_ != "NOUN" or tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY") \
                or self.ents.place_at(tok) is not None or self.entry_for(tok) is not None:
            return None
        mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod") and not c.like_num and c.i >= tok.i - 3
                and c.lower_ not in VICTIM_NOT_NAME_MODIFIERS]
        words = [m.text for m in mods] + [tok.text]
        name = " ".join(words)
        first = mods[0] if mods else tok
        return ActorRef(key="unnamed_" + "_".join(w.lower() for w in words), name=name, type="other", text=name,
                        start=first.idx, end=tok.idx + len(tok.text), country="")

    def site(self, tok: Token) -> ActorRef | None:
        """A named place attacked ("a bomb exploded at the Murrah Building", "the attack targeted
        Brussels"): the place, by its name in the text, as a target of type other. Not a country (a
        country attacked is its state, which the rules name)."""
        p = self.ents.place_at(tok)
        if p is None or p.place.feature == "country":
            return None
        name = " ".join(p.text.split())
        if name.lower().startswith("the "):
            name = name[4:]
        key = SITE_PREFIX + "_".join(w.lower() for w in name.split())
        return ActorRef(key=key, name=name, type="other", text=p.text, start=p.start, end=p.end,
                        country=p.place.country)

    def roles(self, trig: Trigger, depth: int = 0) -> tuple[list[ActorRef], list[ActorRef]]:
        a, t, _ = self.roles_and_learned(trig, depth)
        return a, t

    def roles_and_learned(self, trig: Trigger, depth: int = 0) -> tuple[list[ActorRef], list[ActorRef], set[str]]:
        """Agents, targets, and the keys of those the model alone proposed (or that stand for a noun only as the
        one bystander the article names: see :meth:`PersonCoref.bystanders`; such guesses are shown but, as the
        model's, neither tie nor part mentions when events are merged: on the GVDB check part they otherwise
        cost 0.017 of incident dates, other reports' events merging in)."""
        self.__dict__["_guessed_keys"] = set()
        self.__dict__["_described_keys"] = set()
        a, t = self.rule_roles(trig, depth)
        a = [x for x in a if not is_building(x)]
        guessed = {x.key for x in t} & self.__dict__["_guessed_keys"] | {x.key for x in a} & self.__dict__["_described_keys"]
        if depth or not self.scored(trig) or (trig.head.pos_ == "VERB" and trig.head.lemma_.lower() in STATE_TRIGGERS):
            # (a state told has no attacker, and its one hurt is the rules')
            return a, t, guessed
        victims = {x.key for x in t}
        # a word the model takes for the attacker that stands for the victim the rules found is none
        la = self.resolve_learned([x for x in self.learned(trig, "agent", LIMITS["agent"], not a)
                                   if ((v := self.coref.person_for(x, True)) is None or v.key not in victims)
                                   and not self.identified_as_hurt(x)
                                   and not (x.sent.start != trig.head.sent.start and self.coref.person_at(x) is not None
                                            and self.coref.said_hurt(x))], phrases=True)
        lt = self.resolve_learned(self.learned(trig, "target", LIMITS["target"], not t),
                                  trig.entry.plover == "ASSAULT" and trig.entry.mode not in GROUND_MODES)
        # the rules' roles and the model's together: on the check parts (first model) the union beat
        # either alone (WikiEvents agent 0.205, target 0.432, GVDB shooter 0.621, victim 0.519; the model
        # alone 0.115, 0.432, 0.586, 0.519; the model only where the rules find nobody 0.192, 0.378, 0.552,
        # 0.462). Where the rules gave a word the other role, theirs stands ("X was shot by police": X is
        # no shooter): GVDB victim 0.481 against 0.462 without it.
        rule_keys = {x.key for x in a} | {x.key for x in t}
        # nor does the model give another role to the words of one the rules found ("the man" they
        # took for the victim identified later is no attacker by another name)
        spans = [(x.start, x.end) for x in a + t]
        la = [x for x in la if not any(s < x.end and x.start < e for s, e in spans)]
        lt = [x for x in lt if not any(s < x.end and x.start < e for s, e in spans)]
        a = a + [x for x in la if x.key not in rule_keys and not is_building(x)]
        keys = {x.key for x in a}
        t = t + [x for x in lt if x.key not in rule_keys | keys]
        return a, t, ({x.key for x in a + t} - rule_keys) | guessed

    def rule_roles(self, trig: Trigger, depth: int = 0) -> tuple[list[ActorRef], list[ActorRef]]:
        h, e = trig.head, trig.entry
        inherited: list[ActorRef] = []
        agents: list[Token] = []
        targets: list[Token] = []
        if h.pos_ in ("VERB", "AUX"):
            passive = self.passive_reading(h)
            if h.lemma_.lower() in STATE_TRIGGERS:
                # "X was pronounced dead", "police found X dead", "X suffered a gunshot wound": who was hurt,
                # not who found or pronounced it
                if passive:
                    targets = self.passive_subjects(h)
                elif h.lemma_.lower() in FOUND_VERBS:  # "found X dead", also parsed as "found [X dead]"
                    targets = dependents(h, "dobj") or [s for c in h.children if c.dep_ in (
                        "ccomp", "xcomp", "advcl", "oprd", "acomp") for s in dependents(c, "nsubj")]
                else:
                    targets = self.agent_tokens_raw(h) or self.passive_subjects(h)
            elif passive:
                by = [p for c in h.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                      for p in c.children if p.dep_ == "pobj"]
                subj = self.passive_subjects(h)
                if e.plover == "RETREAT":
                    agents, targets = subj, []
                    agents += by if e.mode != "evacuation" else []
                else:
                    agents, targets = by or self.attack_clause_agents(h), subj + self.along_with(h)
            else:
                agents = self.agent_tokens_raw(h)
                targets = dependents(h, "dobj") or self.shared_object(h)
                if e.plover in ("ASSAULT", "COERCE", "ACCUSE", "THREATEN", "SANCTION", "REJECT"):
                    targets += [p for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "at")
                                for p in c.children if p.dep_ == "pobj"]
                if e.mode == "death":
                    agents, targets = self.attack_clause_agents(h), agents + self.along_with(h)
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
                        dependents(h, "dobj") or dependents(h, "nsubj")):
                    targets += dependents(h.head, "nsubjpass") if passive else []
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
                        who = x.lower_ == "who"  # (a person's "who" stands for the person)
                        x = agents[i] = h.head
                        ref = self.ents.actor_at(x)
                        if not who and ref is not None and ref.type == "person" and h.sent[0].i < x.i:
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
            of_phrase = any(c.dep_ == "prep" and c.lower_ == "of" for c in h.children)
            for c in h.children:
                if c.dep_ == "poss" and e.mode in VICTIM_OWNER_MODES | CAPTIVE_OWNER_MODES and not of_phrase \
                        and self.is_person(c):
                    targets.append(c)  # "his death", "Smith's murder": who died; "X's killing of Y": X killed
                elif c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < h.i:
                    agents.append(c)
                elif c.dep_ == "prep" and c.lower_ == "by":
                    agents += [p for p in c.children if p.dep_ == "pobj"]
                elif c.dep_ == "acl" and c.i > h.i:
                    # "an attack targeting police", "attacks carried out by militants"
                    if c.lemma_.lower() in TARGET_VERBS:
                        targets += dependents(c, "dobj") + [p for cc in c.children if cc.dep_ == "prep"
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
            if h.dep_ in ("dobj",) and gov.lemma_.lower() in AGENT_VERBS:
                agents += self.agent_tokens_raw(gov)
            if e.plover == "ASSAULT":
                agents += self.charged(h)
                # "a series of bombings and shootings by loyalists": the series' "by" phrase is the attacks'
                slot = self.clause_slot(h)
                if slot.i != h.i:
                    agents += [p for c in slot.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                               for p in c.children if p.dep_ == "pobj" and p not in agents]
            slot = self.clause_slot(h)
            acts = [c for c in slot.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
                    and dependents(c, "dobj")] if slot.lemma_.lower() in SERIES_NOUNS else []
            if slot.dep_ in ("nsubj",) and slot.head.pos_ == "VERB":
                targets += dependents(slot.head, "dobj")
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
            if dependents(h, "dobj") and h.lower_.endswith("ing"):
                # a gerund parsed as a noun ("outside a compound killing five people"): a verb
                targets += dependents(h, "dobj")
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
                objs = dependents(gov.head, "dobj")
                if gov.head.lemma_ in CASUALTY_VERBS and objs and not self.passive_reading(gov.head):
                    # "gunmen killed 11 worshippers in an attack": the worshippers were hurt, the gunmen did it
                    targets += objs
                    agents += [x for x in dependents(gov.head, "nsubj") if x not in agents]
                elif gov.head.lemma_ in CASUALTY_VERBS:
                    targets += dependents(gov.head, "nsubjpass") + dependents(gov.head, "nsubj")
                    if gov.head.dep_ in ("acl", "relcl") and self.passive_reading(gov.head):
                        targets += self.passive_subjects(gov.head)  # "the man killed in the shooting"
                    for v in gov.head.conjuncts:  # "12 were killed and 30 wounded in the blast"
                        if v.lemma_ in CASUALTY_VERBS:
                            targets += dependents(v, "nsubjpass") + dependents(v, "nsubj")
            if h.dep_ == "pobj" and gov.dep_ == "prep" and gov.lower_ in ("in", "after", "during", "following", "from") \
                    and gov.head.pos_ in ("VERB", "AUX") and e.plover == "ASSAULT":
                # "X was taken to a hospital with a gunshot wound after the shooting": who the text says was hurt
                targets += [x for x in dependents(gov.head, "nsubjpass", "nsubj")
                            if x not in targets and self.is_person(x) and self.coref.said_hurt(x)]
        described = self.perpetrator_named_by(h) if e.plover == "ASSAULT" and not agents else []
        # people named by a plural common noun in a "by" phrase stand for themselves ("bombings by loyalists")
        by_people = {y.i for x in agents if x.dep_ == "pobj" and x.head.lower_ == "by" for y in [x, *x.conjuncts]
                     if y.tag_ in ("NNS", "NNPS") and y.lemma_.lower() not in MUNITIONS}
        a = [x for x in self.resolve(agents, phrases=by_people) if x.type != "media"]
        if described:  # "the shooting suspect, Mark Dolan,": shown, but a description ties or parts no events
            refs = [x for x in self.resolve(described) if x.type != "media" and all(x.key != y.key for y in a)]
            self.__dict__.setdefault("_described_keys", set()).update(x.key for x in refs)
            a += refs
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
        # a common noun no rule knows is a victim where the model, too, sees a target in it (not in a
        # capture or a siege, whose object is ground: "took full control")
        things = {x.i for x, p in self.scored(trig) if p[LABELS.index("target")] >= PHRASE_TARGET} \
            if victims and e.mode not in GROUND_MODES else set()
        hit = [x for x in self.sites_hit(h, e.mode) if x not in targets] if victims else []
        things |= {x.i for x in hit}
        t = [x for x in self.resolve(targets + hit, victims, phrases=things) if x.type != "media"
             and (x.key not in {y.key for y in a} or x.key in {y.key for y in suicide})]
        return a, t

    def owner(self, tok: Token) -> ActorRef | None:
        """The actor a document noun belongs to: "a General Assembly resolution", "the UN's
        plan"; for a definite noun without one ("the resolution"), its earlier mention's."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in DOCUMENT_NOUNS:
            return None
        ref = self.owner_direct(tok)
        if ref is not None:
            return ref
        if any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in tok.children):
            lemma = tok.lemma_.lower()
            for prev in reversed(self.doc[:tok.i]):
                if prev.lemma_.lower() == lemma and prev.pos_ in ("NOUN", "PROPN"):
                    if not any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in prev.children):
                        return self.owner(prev)
                    ref = self.owner_direct(prev)
                    if ref is not None:
                        return ref
        return None

    def owner_direct(self, tok: Token) -> ActorRef | None:
        """The actor named in a noun's own modifiers ("a General Assembly resolution", "the UN's plan")."""
        for c in tok.children:
            if c.dep_ in ("compound", "poss", "nmod") and c.i < tok.i:
                ref = self.ents.actor_at(c)
                if ref is not None and ref.type not in ("media", "civilians"):
                    return ref
        return None

