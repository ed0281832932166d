"""The weights of the event merge score: a linear model over the evidence two reports share.

:func:`graph.build.builder.merge_features` says what ties a mention to an event (same mode, a
related mode, the same place, overlapping dates, shared agents or victims, similar words, the same
article, ...), each a number; the score is the weighted sum of them, and a mention joins the best
event whose score reaches the threshold. The weights are not set by hand: ``scripts/train_merge.py``
fits them (logistic regression) on the tuning part of ECB+ (every topic: the stories that are not
violent teach what must not merge) and writes ``graph/data/merge_weights.json``, which is read here
and validated: every feature named, numbers only.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from graph.core.errors import ConfigError

# the evidence a merge is scored on (builder.merge_features gives each a value, most of them 0 or 1)
FEATURES = (
    "bias",
    "same_mode",  # the same mode (shooting and shooting)
    "same_trigger",  # the same trigger word ("shooting" and "shooting")
    "mode_family",  # modes of one family (bombing, explosion)
    "generic_mode",  # the family's generic mode ("the attack") and one of its modes
    "related_mode",  # modes of related families: harm done to people (shooting, killing, death)
    "same_place",  # the same or a nearby place (within 30 km)
    "inside_place",  # compatible places only: a country and a place in it
    "same_date",  # overlapping date intervals, both from the texts
    "near_date",  # overlapping intervals where one is only the week before its article
    "undated",  # no interval to compare (an undated mention in an undated report)
    "agents",  # a shared agent (or side)
    "targets",  # a shared target
    "text",  # word overlap (Jaccard) of the sentences
    "content_words",  # the same without place names
    "same_article",  # the mention's article already reports the event
    "bare_reference",  # "the attack" with no roles, in an article that reports the event with them
    "untied",  # no place, no shared agent: nothing but the type ties them
    "nominal_agents",  # other agents, where one side only describes them ("a former employee")
)
PACKAGED = "data/merge_weights.json"
# how a merge reason names a feature
REASON_NAMES = {"same_mode": "mode", "same_trigger": "trigger", "mode_family": "mode family", "generic_mode": "generic mode",
                "related_mode": "related mode", "same_place": "place", "inside_place": "place (inside)",
                "same_date": "date", "near_date": "date (near article)",
                "content_words": "content words", "same_article": "article", "bare_reference": "same article",
                "nominal_agents": "nominal agents"}


@dataclass(frozen=True)
class MergeWeights:
    """One weight per feature, and the score a merge needs."""

    weights: tuple[float, ...]
    threshold: float

    def score(self, features: dict[str, float]) -> float:
        # in FEATURES order, as a sum over all of them (a feature absent or 0 adds nothing): the same
        # number whatever the order of the dict. The hot loop of clustering: the features a dict
        # names (a few of FEATURES, in a handful of combinations) are put in FEATURES order once
        # per combination, and only they are visited (the same additions in the same order)
        names = tuple(features)
        plan = self._plans.get(names)
        if plan is None:
            plan = self._plans[names] = self._plan(names)
        total = 0.0
        for f, w in plan:
            v = features[f]
            if v:
                total += w * v
        return total

    @cached_property
    def _plans(self) -> dict[tuple[str, ...], tuple[tuple[str, float], ...]]:
        return {}  # (a memo of _plan per combination of feature names)

    def _plan(self, names: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
        """(feature, weight) of the features among ``names``, in FEATURES order."""
        present = set(names)
        return tuple((f, w) for f, w in zip(FEATURES, self.weights) if f in present)

    @cached_property
    def words_top(self) -> float:
        """The most the sentences' shared words (text, content_words: each at most 1) can add."""
        return sum(max(0.0, w) for f, w in zip(FEATURES, self.weights) if f in ("text", "content_words"))

    def contributions(self, features: dict[str, float]) -> list[tuple[str, float]]:
        """The evidence found, with its part of the fitted score (what a merge reason shows)."""
        return [(REASON_NAMES.get(f, f), w * features[f]) for f, w in zip(FEATURES, self.weights)
                if f != "bias" and features.get(f)]

    def to_dict(self) -> dict:
        return {"threshold": self.threshold, "weights": dict(zip(FEATURES, self.weights))}


def parse_weights(data: object, where: str) -> MergeWeights:
    """Validated weights: every feature of FEATURES with a finite number, and a threshold."""
    if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
        raise ConfigError(f"{where}: expected an object with 'weights' and 'threshold'")
    w = data["weights"]
    unknown = sorted(set(w) - set(FEATURES))
    missing = [f for f in FEATURES if f not in w]
    if unknown or missing:
        raise ConfigError(f"{where}: unknown features {unknown}, missing {missing}")
    values = [w[f] for f in FEATURES] + [data.get("threshold")]
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in values):
        raise ConfigError(f"{where}: weights and threshold must be finite numbers")
    return MergeWeights(weights=tuple(float(v) for v in values[:-1]), threshold=float(values[-1]))


def load_weights(path: str | Path) -> MergeWeights:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{p}: {exc}") from exc
    return parse_weights(data, str(p))


@lru_cache(maxsize=1)
def default_weights() -> MergeWeights:
    """The packaged weights (graph/data/merge_weights.json), loaded once per process."""
    text = resources.files("graph").joinpath(PACKAGED).read_text(encoding="utf-8")
    return parse_weights(json.loads(text), "merge_weights.json")
