"""Which reports tell one story: the similarity of two articles by the actors and places they name.

Two reports that name hardly any of the same people, groups and places (weighted by how rare each
is in the corpus: tf-idf, cosine) are reports of different stories, however alike one of their
sentences looks: two shootings in one city, years apart, or a bank bombing and another bank
bombing. Reports of one story name many of the same. On the tuning part of ECB+, the reports of
one event (sub-topic) have a median similarity of 0.32, reports of one topic's two different
events 0.08, of different topics 0.0; on the tuning part of GVDB, the undated local crime reports
of different incidents that type, mode and city alone had merged, 0.009.

:class:`Stories` is built once per build from every parsed article (so that the score of two
articles is the same whatever the order, the blocks or the workers) and consulted by
:func:`graph.build.builder.merge_score` where no date can tie or part an undated mention and an
event of other articles (:func:`graph.build.builder.story_margin`).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.core.model import ParsedArticle


def _profile(p: ParsedArticle) -> Counter:
    """What an article names: its actors' and places' keys, with how often."""
    c: Counter = Counter()
    for a in p.actors:
        c["a:" + a.key] += 1
    for pl in p.places:
        c["p:" + pl.key] += 1
    return c


@dataclass(frozen=True)
class Stories:
    """The tf-idf vectors of the articles' names (unit length), by article id."""

    vectors: dict[str, dict[str, float]] = field(default_factory=dict)
    # similarities computed so far, by (article, article) in sorted order: clustering asks the same
    # pairs again and again (a memo, not a setting: the answers never change)
    _memo: dict[tuple[str, str], float] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, parsed: Iterable[ParsedArticle]) -> Stories:
        profiles = {p.article.article_id: _profile(p) for p in parsed}
        df: Counter = Counter()
        for c in profiles.values():
            df.update(c.keys())
        n = len(profiles)
        vectors = {}
        for aid in sorted(profiles):
            # a name in every report still counts (idf log 2): in a corpus of one war, "Gaza" is part of
            # what its reports share
            v = {k: (1.0 + math.log(tf)) * math.log(1.0 + n / df[k]) for k, tf in sorted(profiles[aid].items())}
            norm = math.sqrt(sum(x * x for x in v.values()))
            vectors[aid] = {k: x / norm for k, x in v.items() if x > 0} if norm > 0 else {}
        return cls(vectors)

    def subset(self, articles: Iterable[str]) -> Stories:
        """The vectors of these articles only (what a block of mentions needs)."""
        return Stories({a: self.vectors[a] for a in sorted(set(articles)) if a in self.vectors})

    def similarity(self, a: str, b: str) -> float:
        """Cosine of two articles' vectors (1.0 for one article; 0.0 for an article not known)."""
        if a == b:
            return 1.0
        key = (a, b) if a < b else (b, a)
        got = self._memo.get(key)
        if got is None:
            va, vb = self.vectors.get(key[0]), self.vectors.get(key[1])
            got = 0.0
            if va and vb:
                if len(va) > len(vb):
                    va, vb = vb, va
                got = round(sum(x * vb.get(k, 0.0) for k, x in va.items()), 9)
            self._memo[key] = got
        return got

    def best(self, article: str, others: Iterable[str]) -> float:
        """The highest similarity of an article to any of others."""
        return max((self.similarity(article, o) for o in others), default=0.0)
