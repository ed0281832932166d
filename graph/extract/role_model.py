"""Learned roles: candidate arguments of a trigger classified as agent, target, place or none.

A candidate is the head word of a noun phrase (a name, a common noun, a pronoun, a number) or
a nationality adjective in the trigger's sentence. :func:`features` describes a (trigger,
candidate) pair with what the dependency parse gives: the path between them (with the
prepositions on it), the voice and part of speech of the trigger, its lemma and event type,
what the candidate is (an actor of some type, a place, a person noun, a pronoun, a number),
its side and distance, and whether it speaks in the sentence ("X said").

:class:`RoleModel` is a multinomial logistic regression over those features, trained by
``scripts/train_roles.py`` from the tuning part of WikiEvents train and shipped as
``graph/data/role_model.json`` (see ``docs/role_model.md``, the model card). Scoring is pure
Python: a sum of weights per label and a softmax. A model file may also hold weights of dense
inputs (:class:`DenseWeights`: spaCy's token vectors of the candidate and the trigger,
:func:`dense_inputs`, linear or through one tanh layer), added to the sparse scores with one numpy
product per trigger; the shipped model has none (they did not help, see the model card).
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import numpy as np
from spacy.tokens import Doc, Span, Token

from graph.core.errors import ConfigError
from graph.lexicon.words import HUMAN_NOUNS, MUNITIONS, REPORT_VERBS

LABELS = ("none", "agent", "target", "place")
PACKAGED = "data/role_model.json"
FORMAT = "ctkg-role-model/1"
NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")
MAX_PATH = 5  # longer dependency paths are one feature value, "long"
# dense inputs from spaCy's own token vectors (``doc.tensor``, the tok2vec output): the candidate's row,
# the trigger's row, and their elementwise product
DENSE_BLOCKS = ("cand", "trig", "prod")


def sentence_words(sent: Span) -> tuple[list[Token], list[Token]]:
    """The candidates of a sentence whatever the trigger: the heads of its noun phrases, and the
    words inside a noun phrase (a candidate only when the trigger is their head: "IS attacks")."""
    heads, inner = [], []
    for t in sent:
        if t.is_punct or t.dep_ == "punct":
            continue
        if t.pos_ in NOMINAL or (t.pos_ == "ADJ" and t.ent_type_ in ("NORP", "GPE")):
            if t.dep_ in ("nummod", "quantmod") and t.head.pos_ in ("NOUN", "PROPN"):
                continue  # "two gunmen": the number counts the noun
            if t.pos_ == "PRON" and t.lower_ in ("that", "which", "who", "whom", "it", "there", "this", "what"):
                continue
            if t.dep_ in ("compound", "flat") and t.head.pos_ in ("NOUN", "PROPN"):
                inner.append(t)  # a word inside a name or a noun phrase: its head stands for it
            else:
                heads.append(t)
    return heads, inner


def _step(t: Token) -> str:
    """A dependency label on a path; prepositions and agents carry their word."""
    if t.dep_ in ("prep", "agent"):
        return f"{t.dep_}:{t.lower_}"
    return t.dep_


def chain(t: Token) -> tuple[tuple[int, str], ...]:
    """The word and its heads up to the root: (token index, label of the step up from it)."""
    out = [t]
    while out[-1].head.i != out[-1].i and len(out) < 40:
        out.append(out[-1].head)
    return tuple((x.i, _step(x)) for x in out)


def dep_path(up: tuple[tuple[int, str], ...], down: tuple[tuple[int, str], ...]) -> tuple[str, str]:
    """The labels from the trigger (chain ``up``) up to the lowest common head, and from there down
    to the candidate (chain ``down``)."""
    down_ids = {i: k for k, (i, _) in enumerate(down)}
    for k, (i, _) in enumerate(up):
        if i in down_ids:
            j = down_ids[i]
            return ">".join(lab for _, lab in up[:k]), ">".join(lab for _, lab in reversed(down[:j]))
    return "?", "?"


def _bucket(n: int) -> str:
    for limit in (1, 2, 3, 5, 8, 12, 20):
        if n <= limit:
            return str(limit)
    return "more"


def candidate_kind(t: Token, actor_type: str | None, place_feature: str | None) -> str:
    if place_feature is not None and actor_type in (None, "country"):
        return f"place:{place_feature or 'unknown'}"
    if actor_type is not None:
        return f"actor:{actor_type}"
    if t.pos_ == "PRON":
        return f"pron:{t.lower_}"
    if t.like_num:
        return "num"
    lemma = t.lemma_.lower()
    if lemma in HUMAN_NOUNS or t.lower_ in HUMAN_NOUNS:
        return "human"
    if lemma in MUNITIONS:
        return "weapon"
    return t.pos_.lower()


def speaks(t: Token) -> bool:
    """Whether the word is the subject of a speech verb ("police said") or the source of an
    "according to" phrase."""
    head = t
    while head.dep_ in ("compound", "flat", "appos", "conj") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according":
        return True
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in REPORT_VERBS


@dataclass(frozen=True)
class Candidate:
    """A candidate word and what does not depend on the trigger (computed once per word)."""

    token: Token
    kind: str  # "actor:<type>", "place:<feature>", "pron:<word>", "num", "human", "weapon", "noun", "propn", "adj"
    coarse: str
    speaks: bool
    near: tuple[str, ...]  # features of the word alone, for a trigger of its sentence
    far: tuple[str, ...]  # features of the word alone, for a trigger of another sentence
    head_dep: str  # the dependency of the phrase it stands in ("Mr Smith, a farmer": of "Smith")
    gov_lemma: str  # the word that phrase depends on

    @cached_property
    def chain(self) -> tuple[tuple[int, str], ...]:
        """The word's heads up to the root (only a candidate of the trigger's sentence needs them)."""
        return chain(self.token)


def make_candidate(t: Token, kind: str) -> Candidate:
    coarse = kind.split(":")[0] if kind.startswith(("place", "pron")) else kind
    head = t
    while head.dep_ in ("compound", "flat", "appos", "conj") and head.head.i != head.i:
        head = head.head
    gov = head.head
    gpos = "V" if gov.pos_ in ("VERB", "AUX") else "N"
    prep = t.head.lower_ if t.dep_ == "pobj" else ""
    talks = speaks(t)
    near = [f"cdep={t.dep_}|{coarse}", f"ent={t.ent_type_}", f"prep={prep}|{coarse}", f"kind={kind}"]
    far = [f"far|dep={head.dep_}|{coarse}", f"far|dep={head.dep_}|{gpos}|{coarse}",
           f"far|gov={gov.lemma_.lower()}|{head.dep_}", f"far|prep={prep}|{coarse}"]
    if t.pos_ in ("NOUN", "PRON"):
        near.append(f"clemma={t.lemma_.lower()}")
        far.append(f"far|clemma={t.lemma_.lower()}")
    if talks:
        near += ["speaks", f"speaks|{coarse}"]
        far.append(f"far|speaks|{coarse}")
    return Candidate(t, kind, coarse, talks, tuple(near), tuple(far), head.dep_, gov.lemma_.lower())


@dataclass(frozen=True)
class TriggerView:
    """What the features need of a trigger (computed once per trigger)."""

    token: Token
    plover: str
    mode: str
    passive: bool
    chain: tuple[tuple[int, str], ...]


def features(trig: TriggerView, cand: Candidate, back: int = 0) -> list[str]:
    """The features of one (trigger, candidate) pair; ``back``: how many sentences before the
    trigger's the candidate stands (0: the same sentence, -1: the next one)."""
    trigger, plover, c, coarse, kind = trig.token, trig.plover, cand.token, cand.coarse, cand.kind
    lemma = trigger.lemma_.lower()
    if back:
        return [f"far={back}", f"far={back}|{coarse}", f"far|kind={kind}|{plover}",
                f"far|same={cand.gov_lemma == lemma}|{cand.head_dep}", f"far|tlemma={lemma}|{coarse}",
                f"far|tdep={trigger.dep_}|{coarse}", *cand.far]
    up, down = dep_path(trig.chain, cand.chain)
    path = f"{up}|{down}" if up.count(">") + down.count(">") + 2 <= MAX_PATH else "long"
    voice = "pass" if trig.passive else "act"
    tpos = "V" if trigger.pos_ in ("VERB", "AUX") else "N"
    side = "before" if c.i < trigger.i else "after"
    dist = _bucket(abs(c.i - trigger.i))
    prep = c.head.lower_ if c.dep_ == "pobj" else ""
    last = down.rsplit(">", 1)[-1] if down else "self"
    first_down = down.split(">", 1)[0] if down else "self"
    f = [
        "bias", f"path={path}", f"path={path}|{voice}", f"path={path}|{tpos}", f"path={path}|{plover}",
        f"path={path}|{coarse}", f"up={up}|{voice}", f"down={down}|{coarse}", f"first={first_down}|{tpos}|{voice}",
        f"last={last}|{coarse}", f"voice={voice}|{tpos}", f"tlemma={lemma}", f"tlemma={lemma}|{path}",
        f"plover={plover}|{coarse}", f"mode={trig.mode}|{coarse}", f"kind={kind}|{plover}",
        f"coarse={coarse}|{side}", f"side={side}|{dist}", f"side={side}|{dist}|{coarse}",
        f"cdep={c.dep_}|{side}|{voice}", f"prep={prep}|{tpos}|{plover}", *cand.near,
    ]
    if c.pos_ in ("NOUN", "PRON"):
        f.append(f"clemma={c.lemma_.lower()}|{side}")
    if c.head.i == trigger.i:
        f.append(f"child={c.dep_}|{voice}|{coarse}")
    if trigger.head.i == c.i:
        f.append(f"parent={trigger.dep_}|{coarse}")
    return f


def dense_inputs(doc: Doc, trigger: int, cands: list[int], blocks: tuple[str, ...]) -> np.ndarray:
    """The dense inputs of the (trigger, candidate) pairs of one trigger, one row per candidate:
    the blocks of :data:`DENSE_BLOCKS` asked for, from the Doc's token vectors (float64)."""
    tensor = doc.tensor
    if tensor is None or getattr(tensor, "ndim", 0) != 2 or tensor.shape[0] != len(doc):
        raise ConfigError("the role model needs the token vectors of the parse (doc.tensor): "
                          "parse with the full pipeline (its tok2vec component)")
    rows = np.asarray(tensor, dtype=np.float64)
    cand = rows[np.asarray(cands, dtype=np.intp)] if cands else np.zeros((0, rows.shape[1]))
    trig = rows[trigger]
    parts = {"cand": cand, "trig": np.broadcast_to(trig, cand.shape), "prod": cand * trig}
    return np.hstack([parts[b] for b in blocks]) if blocks else np.zeros((len(cands), 0))


@dataclass(frozen=True, eq=False)
class DenseWeights:
    """Weights of the dense inputs: a (dimensions, labels) matrix over the rows of
    :func:`dense_inputs` with these blocks, and a bias per label; with a hidden layer
    (``hidden_matrix``, (dimensions, units), and ``hidden_bias``), the matrix weighs its tanh units."""

    blocks: tuple[str, ...]
    matrix: np.ndarray
    bias: np.ndarray
    hidden_matrix: np.ndarray | None = None
    hidden_bias: np.ndarray | None = None

    @property
    def width(self) -> int:
        return (self.matrix if self.hidden_matrix is None else self.hidden_matrix).shape[0]

    def scores(self, inputs: np.ndarray) -> list[list[float]]:
        """The dense part of each row's score per label (rounded, so that the last bits of a
        product do not decide a threshold)."""
        if inputs.shape[1] != self.width:
            raise ConfigError(f"dense inputs of width {inputs.shape[1]}, the model has {self.width}")
        if self.hidden_matrix is not None:
            inputs = np.tanh(inputs @ self.hidden_matrix + self.hidden_bias)
        return np.round(inputs @ self.matrix + self.bias, 9).tolist()


@dataclass(frozen=True)
class RoleModel:
    """Weights per feature (one per label of :data:`LABELS`), the event types the model serves, and
    optionally weights of dense inputs (spaCy's token vectors, :class:`DenseWeights`)."""

    weights: dict[str, tuple[float, ...]]
    event_types: frozenset[str]
    dense: DenseWeights | None = None

    def probabilities(self, feats: Iterable[str], extra: list[float] | None = None) -> tuple[float, ...]:
        """The probability of each label of :data:`LABELS` (four: checked on load); ``extra``: a
        score per label to add (the dense part, :meth:`DenseWeights.scores`)."""
        get = self.weights.get
        s0 = s1 = s2 = s3 = 0.0
        if extra is not None:
            s0, s1, s2, s3 = extra
        for name in feats:
            w = get(name)
            if w is not None:
                s0 += w[0]
                s1 += w[1]
                s2 += w[2]
                s3 += w[3]
        top = max(s0, s1, s2, s3)
        e0, e1, e2, e3 = math.exp(s0 - top), math.exp(s1 - top), math.exp(s2 - top), math.exp(s3 - top)
        total = e0 + e1 + e2 + e3
        return e0 / total, e1 / total, e2 / total, e3 / total

    @classmethod
    def from_json(cls, data: dict, source: str) -> "RoleModel":
        if data.get("format") != FORMAT or tuple(data.get("labels", ())) != LABELS:
            raise ConfigError(f"{source}: not a role model of format {FORMAT} with labels {LABELS}")
        weights = {}
        for name, w in data.get("weights", {}).items():
            if not isinstance(w, list) or len(w) != len(LABELS):
                raise ConfigError(f"{source}: feature {name!r} has no weight per label")
            weights[name] = tuple(float(x) for x in w)
        dense = None
        if data.get("dense") is not None:
            d = data["dense"]
            blocks = tuple(d.get("blocks", ()))
            matrix = np.asarray(d.get("weights", []), dtype=np.float64)
            bias = np.asarray(d.get("bias", []), dtype=np.float64)
            hidden = d.get("hidden")
            h_matrix = np.asarray(hidden.get("weights", []), dtype=np.float64) if hidden is not None else None
            h_bias = np.asarray(hidden.get("bias", []), dtype=np.float64) if hidden is not None else None
            width = matrix.shape[0] if h_matrix is None else (h_matrix.shape[0] if h_matrix.ndim == 2 else -1)
            if (not blocks or any(b not in DENSE_BLOCKS for b in blocks) or matrix.ndim != 2
                    or matrix.shape[1] != len(LABELS) or width < 1 or width % len(blocks) or bias.shape != (len(LABELS),)
                    or (h_matrix is not None and (h_matrix.shape[1] != matrix.shape[0] or h_bias.shape != (matrix.shape[0],)))):
                raise ConfigError(f"{source}: dense weights need blocks of {DENSE_BLOCKS}, a weight per label "
                                  "for each dimension (or hidden unit) and a bias per label (and per hidden unit)")
            dense = DenseWeights(blocks, matrix, bias, h_matrix, h_bias)
        return cls(weights=weights, event_types=frozenset(data.get("event_types", ())), dense=dense)


@lru_cache(maxsize=1)
def default_model() -> RoleModel:
    """The packaged model (graph/data/role_model.json), loaded once per process."""
    with resources.files("graph").joinpath(PACKAGED).open(encoding="utf-8") as f:
        return RoleModel.from_json(json.load(f), "role_model.json")
