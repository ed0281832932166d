"""Fold parsed articles into one ``networkx.MultiDiGraph``.

Actors and places merge by canonical key; events merge within and across articles by
a scored, explainable rule (:func:`merge_score`). :func:`merge_features` gives the evidence (the
same mode, one family, or the family's generic mode such as "attack" for a bombing, or related
families of harm to people such as a shooting and a killing; the same or a nearby place;
overlapping date intervals; shared agents and targets; similar trigger and sentence words; the
same article) and parts what disagrees (another type or unrelated mode, conflicting places,
disjoint dates, other named agents, other named victims; an agent only described, "a former
employee", against a named one is evidence the fitted score weighs, not a refusal). Two scores of that evidence are used: weights
fitted on the ECB+ tuning part (graph.build.merge_model, graph/data/merge_weights.json, fitted by
scripts/train_merge.py) and the hand-set rule of before (:func:`rule_score`); a mention joins the
best event either one accepts, and a second pass joins two events that one article reports with
mentions each would take (:func:`_join_within_articles`). An undated mention is compared as if it lay in the week up to its
article's date (reports are mostly of recent events): that decides merges only, never a date;
an event the texts do not date stays undated, with ``not_after`` its earliest article's date. Each event node keeps every mention as a ``mentioned_in``
edge to its article and records why mentions were merged (``merge_reason``).
Conflicting figures stay side by side as claims with their article.

The result depends only on the set of parsed articles, never on their order.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import networkx as nx

from graph.build.merge_model import MergeWeights, default_weights
from graph.build.reach import GeoIndex
from graph.build.statement_merge import cluster_statements
from graph.build.stories import Stories
from graph.core.model import ArticleFailure, EventMention, ParsedArticle, PlaceRef, TimeValue
from graph.core.schema import Kind, Rel, node_id, stable_hash
from graph.lexicon.words import GROUP_NOUN_KINDS, STOP_WORDS

MODE_FAMILIES = {
    "capture": "capture", "evacuation": "movement", "displacement": "movement", "departure": "movement",
    "arrival": "arrival", "withdrawal": "movement", "air_strike": "strike", "bombing": "strike",
    "shelling": "strike", "explosion": "strike", "attack": "strike", "killing": "harm", "death": "harm",
    "injury": "harm", "mass_killing": "harm", "stabbing": "harm",
}
# families of harm done to people: one shooting is reported as a shooting, a killing, a death
HARM_FAMILIES = ("harm", "shooting", "strike", "assault", "execution")
# the mode that names a whole family without saying how: "the attack" may be the bombing, the
# shelling or the air strike another sentence or article describes
GENERIC_MODES = {"strike": "attack"}
# the keys of generic actors ("the army", "gunmen", "residents"): no one in particular
GENERIC_ACTOR_KEYS = frozenset(GROUP_NOUN_KINDS.values())


@lru_cache(maxsize=1 << 16)
def _words(s: str) -> frozenset[str]:
    """Content words of a sentence (cached: merging compares each sentence with many others)."""
    return frozenset(w for w in re.findall(r"[a-z0-9]+", s.casefold()) if w not in STOP_WORDS and len(w) > 2)


@dataclass
class Cluster:
    mentions: list[EventMention] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    start: date | None = None  # the interval the texts give (None: undated)
    end: date | None = None
    # the interval mentions are compared with when merging: the texts' dates, and for undated
    # mentions the week up to their article's date (reports are mostly of recent events; this
    # only decides what merges, it never dates an event)
    near_start: date | None = None
    near_end: date | None = None
    not_after: date | None = None  # undated mentions: the earliest date of their articles
    sentences: set[tuple[str, int]] = field(default_factory=set)
    # running aggregates of the mentions, so that scoring a mention costs the same however big
    # the event has grown
    places: dict[str, PlaceRef] = field(default_factory=dict)
    own_places: set[str] = field(default_factory=set)  # keys of places named in a mention's own sentence
    sides: set[str] = field(default_factory=set)
    named_sides: set[str] = field(default_factory=set)  # the sides of named agents only (see _named)
    agent_types: set[str] = field(default_factory=set)
    target_keys: set[str] = field(default_factory=set)
    agent_keys: set[str] = field(default_factory=set)
    target_people: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    triggers: set[str] = field(default_factory=set)  # the trigger words, casefolded
    texts: list[str] = field(default_factory=list)  # distinct sentences, in order
    text_words: list[frozenset[str]] = field(default_factory=list)  # their content words (_words), made once
    place_words: frozenset[str] = frozenset()  # the words of its places' texts and names (_place_words)
    _seen_texts: set[str] = field(default_factory=set)

    @property
    def first(self) -> EventMention:
        return self.mentions[0]

    def interval(self) -> TimeValue:
        return TimeValue(value="", start=self.start, end=self.end, precision="range") if self.start else TimeValue()

    def near_interval(self) -> TimeValue:
        if self.near_start is None:
            return TimeValue()
        return TimeValue(value="", start=self.near_start, end=self.near_end, precision="range")

    def add(self, m: EventMention, reason: str = "", facts: MentionFacts | None = None) -> None:
        """Take a mention (``facts``: its :func:`mention_facts`, when the caller has them)."""
        k = facts or mention_facts(m)
        self.mentions.append(m)
        self.sentences.add((m.article_id, m.sentence_start))
        if m.place is not None:
            if m.place.key not in self.places:
                self.places[m.place.key] = m.place
                self.place_words = self.place_words | k.place_words
            if k.own_place:
                self.own_places.add(m.place.key)
        self.sides.update(k.sides)
        self.named_sides.update(k.named_sides)
        self.agent_types.update(a.type for a in m.agents if a.key not in m.learned)
        self.target_keys.update(k.target_keys)
        self.agent_keys.update(k.agent_keys)
        self.target_people.update(k.target_people)
        self.articles.add(m.article_id)
        self.triggers.add(k.trigger)
        if m.sentence not in self._seen_texts:
            self._seen_texts.add(m.sentence)
            self.texts.append(m.sentence)
            self.text_words.append(k.words)
        if reason:
            self.reasons.append(reason)
        if m.time.resolved:
            if self.start is None:
                self.start, self.end = m.time.start, m.time.end
            else:
                s, e = max(self.start, m.time.start), min(self.end, m.time.end)
                if s <= e:
                    self.start, self.end = s, e
        if m.not_after is not None and (self.not_after is None or m.not_after < self.not_after):
            self.not_after = m.not_after
        near = k.time
        if near.resolved:
            if self.near_start is None:
                self.near_start, self.near_end = near.start, near.end
            else:
                s, e = max(self.near_start, near.start), min(self.near_end, near.end)
                if s <= e:
                    self.near_start, self.near_end = s, e


# an event whose mentions name more actors in one role than ROLE_LIST keeps only those named by at
# least ROLE_SUPPORT_SHARE of the mentions that name its most-named one: one stray guess among
# seventy reports does not make an event's attacker or victim
ROLE_LIST = 5
ROLE_SUPPORT_SHARE = 0.25
RECENT_DAYS = 7  # an undated mention is compared as if it lay in the week up to its article's date


def merge_family(m: EventMention) -> tuple[str, str, bool]:
    """What two mentions must share to merge at all: the PLOVER type, the mode family (the harm
    families count as one: a shooting may be the killing another report tells), and whether both
    are asserted (an asserted event never takes a mention of another modality, nor the reverse).
    The blocks of clustering (:mod:`graph.build.blocks`) split on it."""
    fam = MODE_FAMILIES.get(m.mode, m.mode)
    return m.event_type, "harm" if fam in HARM_FAMILIES else fam, m.modality == "asserted"


def merge_time(m: EventMention) -> TimeValue:
    """The interval a mention is compared with when merging: its date, or for an undated one the
    week up to its article's date (see Cluster.near_start)."""
    if m.time.resolved or m.not_after is None:
        return m.time
    return TimeValue(value="", start=m.not_after - timedelta(days=RECENT_DAYS), end=m.not_after, precision="range")


def _own_place(m: EventMention) -> bool:
    """Whether a mention's place is named in its own sentence, not the report's place (its dateline,
    the city it names most) given to an event whose sentence names none: two shootings reported
    from one city are not one shooting, so across articles only a place of the sentence ties or
    parts two mentions; within one article the report's place ties them. (Tying none at all gave
    ECB+ check pairwise F1 0.525 instead of 0.499, but WikiEvents check place 0.513 instead of 0.554,
    target 0.396 instead of 0.423 and the corpus check's anchored dates 0.182 instead of 0.273.)"""
    return m.place is not None and m.sentence_start <= m.place.start < m.sentence_end


@dataclass(frozen=True)
class MentionFacts:
    """What scoring reads of one mention, worked out once: clustering scores a mention against
    many events (see :func:`mention_facts`)."""

    family: str  # its mode's family (MODE_FAMILIES)
    time: TimeValue  # merge_time
    own_place: bool  # _own_place
    sides: frozenset[str]  # the sides of the agents the rules found
    named_sides: frozenset[str]  # ... of those named (_named)
    agent_keys: frozenset[str]  # the keys of the agents the rules found
    target_keys: frozenset[str]  # ... of the targets
    target_people: frozenset[str]  # ... of the targets that are people
    trigger: str  # casefolded
    bare: bool  # "the attack": no own place, no roles, a definite noun phrase
    words: frozenset[str]  # the sentence's content words (_words)
    place_words: frozenset[str]  # the words of its place (_place_words)


def mention_facts(m: EventMention) -> MentionFacts:
    agents, targets = _ruled(m.agents, m), _ruled(m.targets, m)
    own = _own_place(m)
    return MentionFacts(
        family=MODE_FAMILIES.get(m.mode, m.mode), time=merge_time(m), own_place=own,
        sides=frozenset(_side(a) for a in m.agents if a.key not in m.learned),
        named_sides=frozenset(_side(a) for a in agents if _named(a)), agent_keys=frozenset(a.key for a in agents),
        target_keys=frozenset(a.key for a in targets),
        target_people=frozenset(a.key for a in targets if a.type == "person"),
        trigger=m.trigger.casefold(), bare=not own and not agents and not targets and _definite(m),
        words=_words(m.sentence), place_words=_place_words(m.place) if m.place is not None else frozenset())


def merge_features(c: Cluster, m: EventMention, weights: MergeWeights | None = None,
                   facts: MentionFacts | None = None) -> dict[str, float] | None:
    """The evidence that a mention reports an event (see graph.build.merge_model.FEATURES), or None
    when something parts them: another type or mode family (unless both harm people), an asserted
    and a hedged report, incompatible places, disjoint dates, other named people on one side.
    With ``weights``, the words the sentences share are left out (0) where even all of them could
    not make a merge of the rest (what scoring needs; training needs every feature: no weights).
    ``facts``: the mention's :func:`mention_facts`, when the caller has them already."""
    f = c.mentions[0]  # (c.first)
    if f.event_type != m.event_type:
        return None
    if m.modality != f.modality and "asserted" in (m.modality, f.modality):
        return None
    k = facts or mention_facts(m)
    x = {"bias": 1.0}
    fam_a, fam_b = MODE_FAMILIES.get(f.mode, f.mode), k.family
    if f.mode == m.mode:
        x["same_mode"] = 1.0
    elif fam_a == fam_b and GENERIC_MODES.get(fam_a) in (f.mode, m.mode):
        x["generic_mode"] = 1.0
    elif fam_a == fam_b:
        x["mode_family"] = 1.0
    elif fam_a in HARM_FAMILIES and fam_b in HARM_FAMILIES:
        x["related_mode"] = 1.0
    else:
        return None
    same = m.article_id in c.articles
    # whether the mention and the event have a place that counts as evidence (see _own_place)
    m_placed = m.place is not None and (same or k.own_place)
    c_placed = bool(c.own_places) or (same and bool(c.places))
    if m.place is not None and c.places and m_placed and c_placed:
        # the report's place of an event (not named in its sentence) neither ties nor parts articles
        counted = list(c.places.values()) if same else [p for key, p in c.places.items() if key in c.own_places]
        if not all(place_compatible(p, m.place) for p in counted):
            return None
        if any(p.key == m.place.key or _near(p, m.place) for p in counted):
            x["same_place"] = 1.0
        else:
            x["inside_place"] = 1.0
    # (intervals_overlap of the event's merge interval and the mention's)
    t = k.time
    if c.near_start is None or not t.resolved:
        x["undated"] = 1.0  # one of them has no interval at all (a report without a date)
    elif c.near_start <= t.end and t.start <= c.near_end:
        x["same_date" if c.start is not None and m.time.resolved else "near_date"] = 1.0
    else:
        return None
    agents = c.sides
    magents = k.sides  # the model's guesses never part events
    if agents and magents:
        if agents & magents:
            x["agents"] = 1.0
        elif f.event_type == "RETREAT" and _movers(c, m):
            pass  # rebels and residents leave a city together: movers do not conflict
        elif c.named_sides and k.named_sides:
            return None  # others did it: both name their agents
        else:
            x["nominal_agents"] = 1.0  # "a former employee" may be the man another report names: a soft conflict
    targets = c.target_keys
    if targets and k.target_keys & targets:
        x["targets"] = 1.0
    elif _other_people(c.target_people, k.target_people, c.agent_keys | k.agent_keys):
        return None  # other named people were its victims
    if k.trigger in c.triggers:
        x["same_trigger"] = 1.0
    if same:
        x["same_article"] = 1.0
    # "the attack" with no place or actors, in an article that reports one with them: the same one
    if k.bare and (c.own_places or agents) and same:
        x["bare_reference"] = 1.0
    elif not m_placed and not c_placed and not (agents & magents):
        x["untied"] = 1.0  # nothing ties them but their type
    if weights is not None and not _words_may_merge(x, weights):
        return x  # the sentences' words (the costliest evidence) could not lift it to a merge
    x["text"], x["content_words"] = _word_overlaps(c, k.words, c.place_words | k.place_words)
    return x


def _words_may_merge(x: dict[str, float], w: MergeWeights) -> bool:
    """Whether the words the sentences share (text and content_words, each at most 1) could still
    bring evidence ``x`` to a margin of 0, on the fitted score or the hand-set rule (whose generic-mode
    bonus they may add)."""
    return w.score(x) + w.words_top >= w.threshold or rule_score(x) + 1.5 >= RULE_THRESHOLD


def merge_score(c: Cluster, m: EventMention, weights: MergeWeights | None = None,
                stories: Stories | None = None, explain: bool = True,
                facts: MentionFacts | None = None) -> tuple[float, str]:
    """How well a mention fits an event: (margin, reason: the evidence that raised the score). The
    mention joins the event of the best margin at or above 0; -inf forbids the merge. The margin is the
    better of two: the fitted score over its threshold (graph.build.merge_model), and the hand-set
    rule of :func:`rule_score` over RULE_THRESHOLD, which keeps the merges it made before the weights
    were fitted (what ties one story's reports: ECB+ topic 41, the seeds). ``stories`` (the articles'
    similarity, graph.build.stories) adds :func:`story_margin` to both. ``explain=False``: the margin
    only (the reason is ""). ``facts``: the mention's :func:`mention_facts`, when the caller has them."""
    w = weights or default_weights()
    x = merge_features(c, m, w, facts)
    if x is None:
        return float("-inf"), ""
    fitted, rule = w.score(x) - w.threshold, rule_score(x) - RULE_THRESHOLD
    adj, story = 0.0, 1.0
    if max(fitted, rule) >= 0:  # (a margin below 0 merges nothing: the stories could only lower it)
        adj, story = story_margin(c, m, x, stories)
        fitted, rule = fitted + adj, rule + adj
    if not explain:
        return max(fitted, rule), ""
    parts = ["type"] + [f"{name} {part:+.2f}" for name, part in w.contributions(x)]
    if adj:
        parts.append(f"other story {adj:+.2f} (similarity {story:.2f})")
    parts.append(f"fitted {fitted:+.2f}" if fitted >= rule else f"rule {rule + RULE_THRESHOLD:.2f}")
    return max(fitted, rule), "+".join(parts)


RULE_THRESHOLD = 3.0

# Story evidence (graph.build.stories), where no date can part or tie an undated mention and an
# event of other articles: reports that name few of the same actors and places (similarity under
# OTHER_STORY) are reports of other stories, and both margins lose 1 (two shootings years apart in one
# city; ECB+'s two bank robberies of one topic). Chosen on the tuning parts (ECB+, WikiEvents, GVDB,
# the corpus): 0.2, 0.25, 0.3 and 0.4 were tried, 0.3 led (ECB+ violent B-cubed 0.608 -> 0.635 at
# precision 0.887 -> 0.913, GVDB place 0.814 -> 0.822, WikiEvents roles within 0.02) and 0.4 parted
# the reports of the corpus's Gaza story. A bonus for reports of one story (similarity 0.3 or more,
# the same trigger word) raised ECB+ but lowered WikiEvents target 0.608 -> 0.588: not kept.
OTHER_STORY = 0.3


def story_margin(c: Cluster, m: EventMention, x: dict[str, float], stories: Stories | None) -> tuple[float, float]:
    """What the stories of their articles add to the margins of an undated mention for an event of
    other articles: (-1, similarity) for another story, else (0, similarity); (0, 1) where they say nothing."""
    if stories is None or not x.get("undated") or m.article_id in c.articles:
        return 0.0, 1.0
    sim = stories.best(m.article_id, c.articles)
    return (-1.0 if sim < OTHER_STORY else 0.0), sim


def rule_score(x: dict[str, float]) -> float:
    """The hand-set score of the features (the builder's rule before the weights were fitted): type 1,
    the same mode 1, one family 0.5, the generic mode 0.5 (1 when a date, agents, the article or words
    tie them too), place 1 (0.5 inside), date 1, agents 1, targets 0.5, the words' overlap, a bare
    reference in the same article 1, nothing but the type -1; related modes never."""
    if x.get("related_mode") or x.get("nominal_agents"):
        return float("-inf")
    g = x.get
    dated = g("same_date", 0.0) or g("near_date", 0.0)
    score = (1.0 + g("same_mode", 0.0) + 0.5 * g("mode_family", 0.0) + 0.5 * g("generic_mode", 0.0)
             + g("same_place", 0.0) + 0.5 * g("inside_place", 0.0) + dated + g("agents", 0.0)
             + 0.5 * g("targets", 0.0) + g("text", 0.0) + g("bare_reference", 0.0) - g("untied", 0.0))
    if g("generic_mode") and (dated or g("agents") or g("bare_reference") or g("content_words", 0.0) >= 0.1):
        score += 0.5
    return score


def _other_people(mine: set[str], theirs: set[str], other_side: set[str]) -> bool:
    """Whether two sets of named people share no one, and neither names one the other has on the
    other side (a role mistaken in one sentence is not another person)."""
    return bool(mine and theirs and not (mine & theirs) and not ((mine | theirs) & other_side))


def _ruled(refs: tuple, m: EventMention) -> list:
    """The roles the rules found (the learned model's own guesses left out): what merging compares."""
    return [a for a in refs if a.key not in m.learned]


def _place_words(p: PlaceRef) -> frozenset[str]:
    """The words of a place as the text names it and as the gazetteer does."""
    return _words(p.text) | _words(p.place.name)


def _word_overlaps(c: Cluster, words: frozenset[str], names: frozenset[str]) -> tuple[float, float]:
    """The word overlap (Jaccard) of the mention's sentence with the event's closest sentence (the
    feature ``text``), and the same leaving out the names of their places (``content_words``: the
    place is scored on its own, and is not a second tie), in one pass over the event's sentences.
    ``words``: the mention's content words (_words); ``names``: the words of their places."""
    rest = words - names
    n, n_rest = len(words), len(rest)
    best = best_rest = 0.0
    for w in _sample(c.text_words):
        size = len(w)
        shared = len(words & w)
        if shared:
            r = shared / max(1, n + size - shared)
            if r > best:
                best = r
        shared = len(rest & w)
        if shared:
            r = shared / max(1, n_rest + size - shared - (len(w & names) if names else 0))
            if r > best_rest:
                best_rest = r
    return best, best_rest


SAMPLE = 24  # sentences of an event compared with a new mention: its first and latest ones


def _sample(texts: list) -> list:
    """An event's first and latest SAMPLE sentences (or their word sets), all when they are few."""
    return texts if len(texts) <= 2 * SAMPLE else texts[:SAMPLE] + texts[-SAMPLE:]


_DEFINITE = re.compile(r"\b(the|this|that|these|those|its|their)\s+(?:[\w'-]+\s+){0,2}$", re.I)


def _definite(m: EventMention) -> bool:
    """Whether the trigger heads a definite noun phrase ("the attack", "this week's bombing"):
    a reference back to an event the article has reported, not a new one."""
    before = m.sentence[max(0, m.trigger_start - m.sentence_start - 40):m.trigger_start - m.sentence_start]
    return _DEFINITE.search(before) is not None


def _movers(c: Cluster, m: EventMention) -> bool:
    """Whether both sides of a movement are non-state groups of people (they move together)."""
    kinds = {"civilians", "armed_group"}
    return c.agent_types <= kinds and all(a.type in kinds for a in _ruled(m.agents, m))


def _named(a) -> bool:
    """An agent named by the text: not a nominal guess ("a former employee", "the suspect") nor a
    generic group ("gunmen", "residents"); a state's forces stand for their state."""
    if _side(a).startswith("state:"):
        return True
    return not a.key.startswith("unnamed_") and a.key not in GENERIC_ACTOR_KEYS


def _side(a) -> str:
    """Actors of one state (its country, government, military) stand on one side."""
    if a.country and a.type in ("country", "government", "military"):
        return f"state:{a.country}"
    return a.key


def _km(a, b) -> float | None:
    import math

    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dl = math.radians(b.longitude - a.longitude)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


def _near(a, b) -> bool:
    """Two named places (not countries) within 30 km: one town and its district."""
    if "country" in (a.place.feature, b.place.feature):
        return False
    d = _km(a.place, b.place)
    return d is not None and d <= 30.0


def place_compatible(a, b) -> bool:
    """Same place, a country, state or county and a place inside it, or two places within 30 km."""
    if a.key == b.key:
        return True
    pa, pb = a.place, b.place
    if pa.country and pa.country == pb.country and "country" in (pa.feature, pb.feature):
        return True
    if region_contains(pa, pb) or region_contains(pb, pa):
        return True
    d = _km(pa, pb)
    return d is not None and d <= 30.0


def region_contains(region, p) -> bool:
    """Whether a first- or second-level division (a state, a province, a county) holds a place, by
    GeoNames' codes: "Michigan" holds Detroit, "Cumbria" holds Millom."""
    if region.feature != "admin" or not region.admin1 or region.country != p.country or region.admin1 != p.admin1:
        return False
    return not region.admin2 or region.admin2 == p.admin2


def _mention_key(m: EventMention) -> tuple:
    return (m.article_id, m.trigger_start, m.trigger_end)


WIDE_MONTHS = 36  # intervals longer than this are checked against every mention of their family


def _months(t: TimeValue) -> list[tuple[int, int]] | None:
    """The calendar months an interval touches, or None when unknown or wider than WIDE_MONTHS."""
    if not t.resolved:
        return None
    n = (t.end.year - t.start.year) * 12 + t.end.month - t.start.month
    if n < 0 or n >= WIDE_MONTHS:
        return None
    y, mo = t.start.year, t.start.month
    out = []
    for _ in range(n + 1):
        out.append((y, mo))
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return out


class _Blocks:
    """Candidate clusters for a mention: only those that can merge at all (same type and mode
    family, an interval touching the same months and meeting the event's merge interval, and no own place of the event out of reach of
    the mention's own place: see :mod:`graph.build.reach`), so clustering stays linear in the
    corpus. Candidates come back in creation order, which keeps the result identical to trying all."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self.by_month: dict[tuple, list[int]] = defaultdict(list)
        self.wide: dict[tuple, list[int]] = defaultdict(list)
        self.family: dict[tuple, list[int]] = defaultdict(list)
        self.geo = GeoIndex()
        self._index: dict[int, int] = {}  # id() of a cluster -> its place in self.clusters

    @staticmethod
    def _family(m: EventMention) -> tuple[str, str, bool]:
        return merge_family(m)

    def candidates(self, m: EventMention) -> list[Cluster]:
        fam = self._family(m)
        t = merge_time(m)
        months = _months(t)
        if months is None:
            idx = self.family[fam]
        else:
            found = set(self.wide[fam])
            for mo in months:
                found.update(self.by_month[fam + mo])
            idx = found
        if _own_place(m):  # an event whose own place is out of its reach cannot take the mention
            idx = self.geo.reachable(idx, m.place)
        clusters = [self.clusters[i] for i in sorted(idx)]
        if not t.resolved:
            return clusters
        # nor one whose merge interval is disjoint from the mention's (merge_features refuses it)
        return [c for c in clusters if c.near_start is None or (c.near_start <= t.end and t.start <= c.near_end)]

    def add(self, c: Cluster) -> None:
        i = len(self.clusters)
        self.clusters.append(c)
        fam = self._family(c.first)
        self.family[fam].append(i)
        months = _months(merge_time(c.first))
        if months is None:
            self.wide[fam].append(i)
        else:
            for mo in months:
                self.by_month[fam + mo].append(i)
        self._index[id(c)] = i
        self.grew(c, c.first)

    def grew(self, c: Cluster, m: EventMention) -> None:
        """The cluster took the mention ``m``: its first own place anchors it on the map."""
        if _own_place(m):
            self.geo.anchor(self._index[id(c)], m.place)


def _canonical_order(m: EventMention) -> tuple:
    """A total order of mentions (day-dated first): two readings of one trigger (same article and
    offsets, another type or mode) never tie, so clustering never depends on the input order."""
    t = merge_time(m)
    return (t.precision != "day", t.start or date.max, m.article_id, m.trigger_start, m.trigger_end,
            m.event_type, m.mode, m.cameo, m.modality, m.sentence_start, t.end or date.max, t.value,
            m.trigger)


def cluster_mentions(mentions: Iterable[EventMention], weights: MergeWeights | None = None,
                     stories: Stories | None = None) -> list[Cluster]:
    """Greedy, order-independent clustering: mentions in a canonical order, best cluster first.
    ``stories``: the similarity of the mentions' articles (see :func:`story_margin`); None: not used."""
    weights = weights or default_weights()
    blocks = _Blocks()
    ordered = sorted(mentions, key=_canonical_order)
    for m in ordered:
        best, best_score = None, 0.0
        facts = mention_facts(m)
        for c in blocks.candidates(m):
            if (m.article_id, m.sentence_start) in c.sentences:
                continue  # two triggers of one sentence are two events
            s = merge_score(c, m, weights, stories, explain=False, facts=facts)[0]
            if s >= best_score:
                best, best_score = c, s
        if best is None:
            best = Cluster()
            best.add(m, facts=facts)
            blocks.add(best)
        else:
            best_reason = merge_score(best, m, weights, stories, facts=facts)[1]  # why, for the one event it joins
            best.add(m, f"{m.article_id}@{m.trigger_start}: {best_reason} ({best_score:.2f})", facts)
            blocks.grew(best, m)
    return _join_within_articles(blocks.clusters, weights, stories)


def _join_within_articles(clusters: list[Cluster], weights: MergeWeights, stories: Stories | None = None) -> list[Cluster]:
    """Second pass: two events that one article reports with mentions each would take (the score of
    either mention for the other's event reaches the threshold) are one event. The greedy pass can
    start two events for one story from two other reports, and the article's "the murder" and
    "killed" then join one each. Both events are of one merge family and one block (a mention an
    event would take overlaps the interval of every mention of it), so the blocks stay independent.
    Repeated until nothing joins; the joined event keeps the place of the earlier one in the list
    (the canonical order of first mentions) and every reason."""
    order = {id(c): i for i, c in enumerate(clusters)}
    owner = {id(m): c for c in clusters for m in c.mentions}
    facts: dict[int, MentionFacts] = {}

    def facts_of(m: EventMention) -> MentionFacts:
        got = facts.get(id(m))
        if got is None:
            got = facts[id(m)] = mention_facts(m)
        return got

    joined_any = True
    while joined_any:
        joined_any = False
        by_article: dict[str, list[EventMention]] = defaultdict(list)
        for c in clusters:
            for m in c.mentions:
                by_article[m.article_id].append(m)
        for art in sorted(by_article):
            ms = sorted(by_article[art], key=_canonical_order)
            for i, a in enumerate(ms):
                for b in ms[i + 1:]:
                    ca, cb = owner[id(a)], owner[id(b)]
                    if ca is cb or merge_family(a) != merge_family(b) or ca.sentences & cb.sentences:
                        continue
                    sa, why = merge_score(ca, b, weights, stories, facts=facts_of(b))
                    if sa < 0 or merge_score(cb, a, weights, stories, facts=facts_of(a))[0] < 0:
                        continue
                    keep, gone = (ca, cb) if order[id(ca)] < order[id(cb)] else (cb, ca)
                    joined = Cluster()
                    for m in sorted(keep.mentions + gone.mentions, key=_canonical_order):
                        joined.add(m, facts=facts_of(m))
                        owner[id(m)] = joined
                    joined.reasons = keep.reasons + gone.reasons + [
                        f"{b.article_id}@{b.trigger_start}: within article with @{a.trigger_start}: {why} ({sa:.2f})"]
                    order[id(joined)] = order[id(keep)]
                    joined_any = True
        if joined_any:
            clusters = sorted({id(c): c for c in owner.values()}.values(), key=lambda c: order[id(c)])
    return clusters


# --- statements ------------------------------------------------------------------------

def _interval_value(start: date | None, end: date | None) -> tuple[str, str]:
    """TIMEX-like value and precision of a closed interval."""
    if start is None or end is None:
        return "", "unknown"
    if start == end:
        return start.isoformat(), "day"
    iso = start.isocalendar()
    if start.weekday() == 0 and end == start + timedelta(days=6):
        return f"{iso[0]}-W{iso[1]:02d}", "week"
    if start.day == 1 and (end + timedelta(days=1)).day == 1 and start.month == end.month and start.year == end.year:
        return f"{start.year}-{start.month:02d}", "month"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year), "year"
    return "", "range"


def _canonical_name(texts: Counter, fallback: str) -> str:
    if not texts:
        return fallback
    return sorted(texts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


def build_graph(parsed: Iterable[ParsedArticle], failures: Iterable[ArticleFailure] = (), *,
                base_name: str = "ctkg", cluster=None) -> nx.MultiDiGraph:
    """The one graph of a build. ``cluster``: how the event mentions are clustered (default
    :func:`cluster_mentions`; graph.build.blocks clusters them block by block, on workers), called with
    the mentions and ``stories=`` the articles' similarity (graph.build.stories)."""
    G = nx.MultiDiGraph(name=base_name)
    parsed = sorted(parsed, key=lambda p: p.article.article_id)
    actor_texts: dict[str, Counter] = defaultdict(Counter)
    actor_info: dict[str, dict] = {}
    actor_articles: dict[str, set] = defaultdict(set)
    place_texts: dict[str, Counter] = defaultdict(Counter)
    place_info: dict[str, object] = {}
    place_articles: dict[str, set] = defaultdict(set)

    def actor_key(ref) -> str:
        # people join across articles on their full names only (graph.extract.persons): a lone
        # surname in one article is not the full name of another
        return ref.key

    for p in parsed:
        a = p.article
        aid = node_id(Kind.ARTICLE, a.article_id)
        G.add_node(aid, kind=Kind.ARTICLE.value, label=a.title or a.article_id, article_id=a.article_id,
                   title=a.title, publisher=a.publisher, published=a.published.isoformat() if a.published else "",
                   published_source=a.published_source, path=a.path, url=a.url, status="ok",
                   error="; ".join(p.warnings), n_events=0, n_statements=len(p.statements))
        for ref in p.actors + [x for e in p.events for x in e.agents + e.targets] + [
                s.speaker for s in p.statements if s.speaker is not None]:
            k = actor_key(ref)
            info = actor_info.setdefault(k, {"name": ref.name, "type": ref.type, "country": ref.country,
                                             "affiliation": ref.affiliation})
            if ref.affiliation and not info["affiliation"]:
                info["affiliation"] = ref.affiliation
            if ref.country and not info["country"]:
                info["country"] = ref.country
            actor_texts[k][re.sub(r"\s+", " ", ref.text.strip())] += 1
            actor_articles[k].add(a.article_id)
        for pr in p.places + [e.place for e in p.events if e.place is not None]:
            place_info.setdefault(pr.key, pr.place)
            place_texts[pr.key][re.sub(r"\s+", " ", pr.text.strip())] += 1
            place_articles[pr.key].add(a.article_id)
    for f in sorted(failures, key=lambda f: f.article_id):
        G.add_node(node_id(Kind.ARTICLE, f.article_id), kind=Kind.ARTICLE.value, label=f.article_id,
                   article_id=f.article_id, title="", publisher="", published="", published_source="",
                   path=f.path, url="", status="error", error=f.reason, n_events=0, n_statements=0)

    for k, info in sorted(actor_info.items()):
        aliases = sorted({a for a in (_clean_alias(t) for t in actor_texts[k]) if a and a != info["name"]})
        G.add_node(node_id(Kind.ACTOR, k), kind=Kind.ACTOR.value, label=info["name"], actor_id=k,
                   name=info["name"], type=info["type"], country=info["country"], aliases=aliases,
                   articles=sorted(actor_articles[k]))
        for art in sorted(actor_articles[k]):
            G.add_edge(node_id(Kind.ACTOR, k), node_id(Kind.ARTICLE, art), key=Rel.APPEARS_IN.value)
    for k, info in sorted(actor_info.items()):
        aff = info["affiliation"]
        if aff and aff != k and node_id(Kind.ACTOR, aff) in G:
            G.add_edge(node_id(Kind.ACTOR, k), node_id(Kind.ACTOR, aff), key=Rel.AFFILIATION.value)
    for k, pm in sorted(place_info.items()):
        texts = Counter({re.sub(r"^(the\s+)?((north|south|east|west)(ern)?|central)\s+", "", t, flags=re.I): n
                         for t, n in place_texts[k].items()})
        # a place the gazetteer knows by a name the articles use is called by it ("West Allis", not "Allis";
        # "Dearborn Heights", not the headline's "Dearborn Hts")
        own = [t for t in place_texts[k] if t.casefold() == pm.name.casefold()]
        name = pm.name if own and pm.geonameid else _canonical_name(texts, pm.name)
        aliases = sorted(({t for t in place_texts[k]} | {pm.name}) - {name})
        G.add_node(node_id(Kind.PLACE, k), kind=Kind.PLACE.value, label=name, place_id=k, name=name,
                   country=pm.country, latitude=pm.latitude, longitude=pm.longitude, geonameid=pm.geonameid,
                   feature=pm.feature, aliases=aliases, articles=sorted(place_articles[k]))
        for art in sorted(place_articles[k]):
            G.add_edge(node_id(Kind.PLACE, k), node_id(Kind.ARTICLE, art), key=Rel.APPEARS_IN.value)

    # events
    mention_event: dict[tuple, str] = {}
    all_mentions = [m for p in parsed for m in p.events]
    for c in (cluster or cluster_mentions)(all_mentions, stories=Stories.of(parsed)):
        ms = sorted(c.mentions, key=_mention_key)
        eid = stable_hash(*[f"{m.article_id}:{m.trigger_start}:{m.trigger_end}" for m in ms[:1]])
        nid = node_id(Kind.EVENT, eid)
        types = Counter(m.event_type for m in ms)
        modes = Counter(m.mode for m in ms)
        etype = sorted(types, key=lambda t: (-types[t], t))[0]
        mode = sorted(modes, key=lambda t: (-modes[t], t))[0]
        value, precision = _interval_value(c.start, c.end)
        precise = [m.time for m in ms if m.time.resolved and m.time.start == c.start and m.time.end == c.end]
        if precise and precise[0].value and not re.fullmatch(r"P.*|.*_REF", precise[0].value):
            value, precision = precise[0].value, precise[0].precision
        agents, targets = event_roles(ms)
        place_count = Counter(m.place.key for m in ms if m.place is not None)
        place = sorted(place_count, key=lambda k: (-place_count[k], k))[0] if place_count else ""
        modality = Counter(m.modality for m in ms).most_common(1)[0][0]
        # undated: the text does not say when; an event reported as done is no later than its article
        not_after = c.not_after.isoformat() if c.start is None and c.not_after and modality == "asserted" else ""
        claims = {f: sorted({f"{getattr(m, f)}@{m.article_id}" for m in ms if getattr(m, f) is not None})
                  for f in ("killed", "injured", "displaced")}
        agent_names = [G.nodes[node_id(Kind.ACTOR, k)]["name"] for k in agents]
        place_name = G.nodes[node_id(Kind.PLACE, place)]["name"] if place else ""
        label = f"{etype.title()} ({mode.replace('_', ' ')})"
        if agent_names:
            label = f"{', '.join(agent_names[:2])}: {mode.replace('_', ' ')}"
        if place_name:
            label += f" in {place_name}"
        if value:
            label += f", {value}"
        G.add_node(nid, kind=Kind.EVENT.value, label=label, event_id=eid, event_type=etype, mode=mode,
                   cameo=ms[0].cameo, date=value, date_start=c.start.isoformat() if c.start else "",
                   date_end=c.end.isoformat() if c.end else "", date_precision=precision, not_after=not_after,
                   modality=modality,
                   killed=claims["killed"], injured=claims["injured"], displaced=claims["displaced"],
                   merge_reason=sorted(c.reasons), articles=sorted({m.article_id for m in ms}),
                   triggers=sorted({m.trigger.lower() for m in ms}), evidence=ms[0].sentence)
        for k in agents:
            G.add_edge(nid, node_id(Kind.ACTOR, k), key=Rel.AGENT.value)
        for k in targets:
            G.add_edge(nid, node_id(Kind.ACTOR, k), key=Rel.TARGET.value)
        if place:
            G.add_edge(nid, node_id(Kind.PLACE, place), key=Rel.PLACE.value)
        for m in ms:
            mention_event[_mention_key(m)] = nid
            G.add_edge(nid, node_id(Kind.ARTICLE, m.article_id), key=f"{Rel.MENTIONED_IN.value}:{m.trigger_start}",
                       relation=Rel.MENTIONED_IN.value, sentence=m.sentence, char_start=m.sentence_start,
                       char_end=m.sentence_end, trigger=m.trigger, trigger_start=m.trigger_start,
                       trigger_end=m.trigger_end, modality=m.modality, date=m.time.value,
                       date_start=m.time.start.isoformat() if m.time.start else "",
                       date_end=m.time.end.isoformat() if m.time.end else "", time_text=m.time_text)
            if m.source:
                src = node_id(Kind.ACTOR, m.source)
                if src in G:
                    G.add_edge(nid, src, key=Rel.SOURCE.value)

    # statements: the same words of the same speaker in several articles are one statement
    by_article = {p.article.article_id: p for p in parsed}
    all_statements = [st for p in parsed for st in p.statements]
    for group in cluster_statements(all_statements, lambda st: actor_key(st.speaker) if st.speaker else ""):
        st = group[0]
        sid = stable_hash(st.article_id, st.start, st.end, st.kind)
        nid = node_id(Kind.STATEMENT, sid)
        speaker = actor_key(st.speaker) if st.speaker is not None else ""
        G.add_node(nid, kind=Kind.STATEMENT.value, label=(st.text[:60] + ("…" if len(st.text) > 60 else "")),
                   statement_id=sid, kind_of=st.kind, text=st.text, article=st.article_id,
                   char_start=st.start, char_end=st.end, date=st.time.value,
                   date_start=st.time.start.isoformat() if st.time.start else "",
                   date_end=st.time.end.isoformat() if st.time.end else "", date_precision=st.time.precision,
                   medium=next((x.medium for x in group if x.medium), ""),
                   cue=next((x.cue for x in group if x.cue), ""),
                   speaker_name=G.nodes[node_id(Kind.ACTOR, speaker)]["name"] if speaker else "",
                   articles=sorted({x.article_id for x in group}))
        if speaker:
            G.add_edge(nid, node_id(Kind.ACTOR, speaker), key=Rel.SPEAKER.value)
        for x in group:  # one report a article: its words, offsets and date there
            G.add_edge(nid, node_id(Kind.ARTICLE, x.article_id), key=Rel.STATED_IN.value,
                       relation=Rel.STATED_IN.value, text=x.text, char_start=x.start, char_end=x.end,
                       date=x.time.value, date_start=x.time.start.isoformat() if x.time.start else "",
                       date_end=x.time.end.isoformat() if x.time.end else "", date_precision=x.time.precision)
            for j in x.about:
                target = mention_event.get(_mention_key(by_article[x.article_id].events[j]))
                if target:
                    G.add_edge(nid, target, key=Rel.ABOUT.value)

    G.graph["timexes"] = [
        {"article": p.article.article_id, "text": t.text, "char_start": t.start, "char_end": t.end,
         "type": t.time.type, "value": t.time.value,
         "date_start": t.time.start.isoformat() if t.time.start else "",
         "date_end": t.time.end.isoformat() if t.time.end else "", "precision": t.time.precision}
        for p in parsed for t in p.timexes]
    for _u, _v, k, d in G.edges(keys=True, data=True):
        d.setdefault("relation", k.split(":")[0])
    # article counts
    for n, d in G.nodes(data=True):
        if d["kind"] == Kind.EVENT.value:
            for art in d["articles"]:
                G.nodes[node_id(Kind.ARTICLE, art)]["n_events"] += 1
    return G


ALIAS_LEAD = re.compile(r"^((the|a|an|some|about|around|nearly|almost|over|more than|at least|up to|all|"
                        r"other|several|many|last|remaining)\s+|[\d][\d,.]*\s+|[\"'\u201c\u2018])+", re.I)


def event_roles(ms: list[EventMention]) -> tuple[list[str], list[str]]:
    """The keys of the agents and the targets of an event of these mentions, the most named first."""
    agent_count: Counter = Counter()
    target_count: Counter = Counter()
    for m in ms:
        for x in m.agents:
            agent_count[x.key] += 1
        for x in m.targets:
            target_count[x.key] += 1
    # (the learned model's guesses are the first to go from a long list: see _supported)
    ruled = {x.key for m in ms for x in m.agents if x.key not in m.learned}
    agents = _supported(agent_count, {k for k in agent_count if k not in ruled})
    # nor is a guess the attacker where the rules name the same actor a victim of the event
    ruled_targets = {x.key for m in ms for x in m.targets if x.key not in m.learned}
    agents = [k for k in agents if k in ruled or k not in ruled_targets]
    # an actor on both sides stays a target only where one mention says so ("the bomber was
    # killed": a suicide attacker is agent and victim of his own attack)
    both = {x.key for m in ms for x in m.targets if x in m.agents}
    return agents, [k for k in _supported(target_count) if k not in agents or k in both]


def _supported(count: Counter, guessed: set[str] = frozenset()) -> list[str]:
    """The actors of one role that enough of the event's mentions name (see ROLE_SUPPORT_SHARE),
    the most named first; in a list longer than ROLE_LIST, not those only the learned model guessed
    (``guessed``: one report's guess does not make the attacker of an event many reports name)."""
    if len(count) > ROLE_LIST and guessed:
        count = Counter({k: n for k, n in count.items() if k not in guessed}) or count
    top = max(count.values(), default=0) if len(count) > ROLE_LIST else 0
    return sorted((k for k, n in count.items() if n >= ROLE_SUPPORT_SHARE * top), key=lambda k: (-count[k], k))


def _clean_alias(text: str) -> str:
    t = ALIAS_LEAD.sub("", text.strip()).strip(" ,.;:\"'\u201d\u2019")
    t = re.sub(r"['\u2019]s$", "", t)
    return t if len(t) > 1 and len(t) <= 80 and "\n" not in t else ""
