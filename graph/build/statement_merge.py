"""Statements merged across articles as events are: the same canonical speaker and kind, and the
same words (quote marks, case, whitespace and edge punctuation unified) or, for a known speaker
and quotes of at least STATEMENT_MIN_WORDS words, a word overlap of STATEMENT_OVERLAP or more;
never two reports of one article, never reports whose dates conflict. Candidates come from an
exact-words index and, per speaker, an index of the words a quote must share with another to
reach the overlap (prefix filtering), never all pairs; the result does not depend on the
order of the statements."""
from __future__ import annotations

import math
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from graph.core.model import intervals_overlap

STATEMENT_OVERLAP = 0.8  # word overlap (Jaccard) above which two quotes of one speaker are the same words
STATEMENT_MIN_WORDS = 4  # shorter quotes merge only when their words are the same
_QUOTE_MARKS = str.maketrans({c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4`"} |
                             {c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"})
_EDGE_PUNCT = " \t\n\"'.,;:!?-\u2013\u2014\u2026()[]"


def statement_key(text: str) -> str:
    """The words of a statement as compared across articles: quote marks unified, case folded,
    whitespace collapsed, punctuation around the words left out.

    >>> statement_key("  \u201cWe will   NOT leave,\u201d ") == statement_key('"we will not leave"')
    True
    """
    t = re.sub(r"\s+", " ", text.translate(_QUOTE_MARKS).casefold())
    return t.strip(_EDGE_PUNCT)


@lru_cache(maxsize=1 << 14)
def _statement_words(key: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", key))


def _prefix(words: frozenset[str]) -> list[str]:
    """The words of a quote that any quote with a word overlap of STATEMENT_OVERLAP shares at
    least one of (prefix filtering): the first ``n - k + 1`` of its ``n`` words in a fixed order
    (by CRC, the same on every run), where ``k`` (one less than the least overlap the bound
    allows, against rounding) is what two such quotes must share at the least."""
    k = max(1, math.ceil(STATEMENT_OVERLAP * len(words)) - 1)
    return sorted(words, key=lambda w: (zlib.crc32(w.encode("utf-8")), w))[:len(words) - k + 1]


@dataclass
class _StatementGroup:
    statements: list
    words: frozenset[str]
    articles: set[str] = field(default_factory=set)
    number: int = field(default=0, compare=False)  # its place in the order groups were made

    def fits(self, st) -> bool:
        """Another article's report, at a date that does not conflict with the first report's."""
        return st.article_id not in self.articles and intervals_overlap(self.statements[0].time, st.time) is not False

    def add(self, st) -> None:
        self.statements.append(st)
        self.articles.add(st.article_id)


def cluster_statements(statements: Iterable, speaker_of) -> list[list]:
    """Statements grouped across articles: one group per speaker (``speaker_of(st)``, a canonical
    actor key or "" when unknown), kind and words. Words are the same when their
    :func:`statement_key` is, or, for a known speaker and quotes of STATEMENT_MIN_WORDS words or
    more, when their word overlap reaches STATEMENT_OVERLAP. An article's own statements never
    merge with each other (a quote repeated in one article stays two reports), nor reports whose
    dates conflict. Statements are taken in a canonical order and compared only with the groups
    of their speaker and kind (an index, not all pairs), so the result depends only on the set.
    Each group lists its statements in that order; the first names the group."""
    groups: list[_StatementGroup] = []
    exact: dict[tuple[str, str, str], list[_StatementGroup]] = defaultdict(list)
    # (speaker, kind) -> a word of a group's prefix (see _prefix) -> the groups of that speaker and
    # kind of STATEMENT_MIN_WORDS words or more with it: the only ones that can reach the overlap
    by_prefix: dict[tuple[str, str], dict[str, list[_StatementGroup]]] = defaultdict(lambda: defaultdict(list))
    for st in sorted(statements, key=lambda s: (s.article_id, s.start, s.end, s.kind, s.text)):
        speaker, key = speaker_of(st), statement_key(st.text)
        words = _statement_words(key)
        best = next((g for g in exact.get((speaker, st.kind, key), ()) if g.fits(st)), None)
        if best is None and speaker and len(words) >= STATEMENT_MIN_WORDS:
            index = by_prefix[(speaker, st.kind)]
            found = {g.number: g for w in _prefix(words) for g in index.get(w, ())}
            best_score = STATEMENT_OVERLAP
            for _, g in sorted(found.items()):  # in the order they were made
                if not g.fits(st):
                    continue
                score = len(words & g.words) / len(words | g.words)
                if score > best_score or (best is None and score == best_score):  # ties: the older group
                    best, best_score = g, score
        if best is None:
            best = _StatementGroup(statements=[], words=words, number=len(groups))
            groups.append(best)
            if speaker and len(words) >= STATEMENT_MIN_WORDS:
                index = by_prefix[(speaker, st.kind)]
                for w in _prefix(words):
                    index[w].append(best)
        best.add(st)
        same_words = exact[(speaker, st.kind, key)]
        if best not in same_words:
            same_words.append(best)
    return [g.statements for g in groups]
