"""Event clustering in independent blocks, run in this process, a process pool or on Dask.

Two mentions can only merge when they share :func:`graph.build.builder.merge_family` (the same
PLOVER type and mode family, the harm families as one; both or neither asserted: an asserted
event never takes a hypothetical, negated or future one), and their merge intervals (:func:`graph.build.builder.merge_time`) overlap (merge_score forbids
anything else). So the mentions of a corpus fall into *blocks*: one type and mode family,
and one run of overlapping intervals (a mention the texts and its article do not date
joins its whole family). No event can take mentions of two blocks, so each block is
clustered on its own (:func:`independent_blocks`), in this process, in the parse workers'
pool or on a Dask cluster (:mod:`graph.build.parallel`), and the clusters of all blocks,
put in the canonical order of their first mentions, are exactly those of one greedy pass
over the whole corpus: the same files whatever the order of blocks or the number of workers.

Within a block, :class:`graph.build.reach.GeoIndex` keeps a mention that names its own place
from being scored against events whose own place is out of its reach (30 km).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from graph.build.builder import Cluster, _canonical_order, cluster_mentions, merge_family, merge_time
from graph.build.stories import Stories
from graph.core.model import EventMention

# -- independent blocks ----------------------------------------------------------------------

def independent_blocks(mentions: Iterable[EventMention]) -> list[list[EventMention]]:
    """The mentions in blocks no event crosses: one type and mode family, asserted or not, one run of
    overlapping merge intervals (the whole family when one of its mentions is undated and has
    no article date). Biggest blocks first (they take longest); order never changes a result."""
    families: dict[tuple[str, str, bool], list[EventMention]] = defaultdict(list)
    for m in mentions:
        families[merge_family(m)].append(m)
    blocks: list[list[EventMention]] = []
    for fam in sorted(families):
        ms = families[fam]
        spans = [(merge_time(m), m) for m in ms]
        if not all(t.resolved for t, _ in spans):
            blocks.append(ms)
            continue
        spans.sort(key=lambda x: (x[0].start, x[0].end))
        current: list[EventMention] = []
        end = None
        for t, m in spans:
            if current and t.start > end:
                blocks.append(current)
                current, end = [], None
            current.append(m)
            end = t.end if end is None or t.end > end else end
        if current:
            blocks.append(current)
    return sorted(blocks, key=len, reverse=True)


Mapper = Callable[[Callable, list], Iterable]


def cluster_block(job: tuple[list[EventMention], Stories | None]) -> list[Cluster]:
    """One block's clusters, with the story vectors of its articles (a top-level function: the pool
    and Dask pickle it by name)."""
    block, stories = job
    return cluster_mentions(block, stories=stories)


def cluster_in_blocks(mentions: Iterable[EventMention], mapper: Mapper | None = None,
                      stories: Stories | None = None) -> list[Cluster]:
    """The clusters of :func:`graph.build.builder.cluster_mentions`, computed block by block
    with ``mapper(function, blocks)`` (default: the builtin map, in this process), in the order
    one pass over all the mentions creates them (the canonical order of their first mentions)."""
    blocks = independent_blocks(mentions)
    run = mapper or map
    jobs = [(b, stories.subset(m.article_id for m in b) if stories is not None else None) for b in blocks]
    clusters = [c for result in run(cluster_block, jobs) for c in result]
    clusters.sort(key=lambda c: _canonical_order(c.first))
    return clusters

