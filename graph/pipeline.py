"""The build: read articles, parse each, fold them into one graph, write the exports.

``run_build`` is what ``ctkg build`` calls. It never prints: progress goes to an optional
callback, and the result says how many articles were read and failed, which inputs named
nothing, which articles have no publication date, and whether anything was written (a build
that reads no article leaves its folder as it was).
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph.build.builder import build_graph
from graph.core.errors import InputError
from graph.core.model import Article, ArticleFailure, MissingInput, ParsedArticle
from graph.export.writer import check_folder, write_exports
from graph.read import read_articles


def plural(n: int, noun: str) -> str:
    """``1 article``, ``2 articles``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    articles: int = 0  # articles read (the unreadable ones included; inputs that name nothing not)
    failed: int = 0  # articles that could not be read or parsed
    missing: int = 0  # inputs that name nothing (a misspelled path, a glob without a match)
    failures: list[ArticleFailure] = field(default_factory=list)  # all of them, missing inputs included
    undated: list[str] = field(default_factory=list)  # ids of the new articles without a publication date
    wrote: bool = True  # False: no article was read, the folder was left as it was
    written: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage: parse, graph, export

    @property
    def ok(self) -> bool:
        """Every input read and the exports written."""
        return self.wrote and not self.failed and not self.missing

    def count(self, kind: str) -> int:
        return sum(1 for _, d in self.graph.nodes(data=True) if d.get("kind") == kind)

    def summary(self) -> str:
        parts = [f"{plural(self.articles, 'article')} read"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.missing:
            parts.append(f"{plural(self.missing, 'input')} not found")
        if self.wrote:
            parts += [plural(self.count(kind), kind) for kind in ("event", "statement", "actor", "place")]
        return ", ".join(parts)


def parse_articles(items: Iterable[Article | ArticleFailure], extractor=None, *, strict: bool = False,
                   batch_size: int = 16, workers: int = 1, scheduler: str | None = None,
                   actor_files: Iterable[str] = (), pool=None) -> Iterator[ParsedArticle | ArticleFailure]:
    """Parse a stream of articles; an article that fails becomes an ArticleFailure
    (with ``strict``, the first failure raises InputError instead). ``workers`` > 1 parses
    in that many processes (``pool``: a graph.build.parallel.worker_pool of them, made here when not given),
    ``scheduler`` on a Dask cluster (see graph.build.parallel)."""
    from graph.build.parallel import parse_stream

    for item in parse_stream(items, extractor=extractor, workers=workers, scheduler=scheduler,
                             actor_files=actor_files, batch_size=batch_size, pool=pool):
        if strict and isinstance(item, ArticleFailure):
            raise InputError(item.path, item.reason)
        yield item


def run_build(inputs: Iterable[str | os.PathLike], out: str | os.PathLike, *, actor_files: Iterable[str] = (),
              strict: bool = False, progress: Callable[[ParsedArticle | ArticleFailure], None] | None = None,
              extractor=None, formats: list[str] | None = None, workers: int = 1,
              scheduler: str | None = None, base_iri: str | None = None, add: bool = False,
              force: bool = False) -> BuildResult:
    """Read, parse, build and write. ``workers``: parse processes (1 = in this process);
    ``scheduler``: a Dask scheduler address to parse on a cluster instead; ``base_iri``: the
    base of the linked data's IRIs (default graph.export.rdf.DEFAULT_BASE); ``add``: add the inputs
    to the articles already built into ``out`` (see graph.build.store) instead of replacing them;
    the base IRI the folder was built with is kept unless ``base_iri`` gives another.

    The parsed articles are stored in ``out/.store/`` after the exports are written, so a
    build that fails leaves both the exports and the store as they were. A build that reads no
    article (every input missing or unreadable, or none given) writes nothing: the result's
    ``wrote`` is False. An existing ``out`` that holds files but no ctkg build is refused
    (NotABuildFolder) unless ``force``."""
    from graph.build.store import article_id_of, load_build_info, load_store, stage_store, write_build_info
    from graph.export.rdf import check_base
    from graph.extract.extractor import Extractor

    if base_iri is not None:
        check_base(base_iri)
    if not add and not force:
        check_folder(out)  # before any work: refuse a folder of the user's own files
    stored = load_store(out) if add else {}
    if add and base_iri is None:
        base_iri = load_build_info(out).get("base_iri")
        if base_iri is not None:
            check_base(base_iri)

    t0 = time.perf_counter()
    ex = extractor
    if ex is None and scheduler is None:
        ex = Extractor.create(actor_files=actor_files)
    from functools import partial

    from graph.build.blocks import cluster_in_blocks
    from graph.build.parallel import block_mapper, worker_pool

    # the parse workers stay for the graph stage's blocks (no process forked from a parent that holds
    # every parsed article), and end before the exports
    with worker_pool(workers if scheduler is None else 1, extractor=ex, actor_files=actor_files) as pool:
        parsed: list[ParsedArticle] = []
        failures: list[ArticleFailure] = []
        # (read_articles gives every article of a batch its own id)
        for item in parse_articles(read_articles(inputs), ex, strict=strict, workers=workers, scheduler=scheduler,
                                   actor_files=actor_files, pool=pool):
            if isinstance(item, ArticleFailure):
                failures.append(item)
            else:
                parsed.append(item)
            if progress is not None:
                progress(item)
        t1 = time.perf_counter()
        missing = sum(1 for f in failures if isinstance(f, MissingInput))
        result = BuildResult(graph=nx.MultiDiGraph(), articles=len(parsed) + len(failures) - missing,
                             failed=len(failures) - missing, missing=missing, failures=failures,
                             undated=[p.article.article_id for p in parsed if p.article.published is None])
        if not parsed:  # no article read: the folder is left as it was
            result.wrote = False
            result.timings = {"parse": t1 - t0}
            return result
        new = {article_id_of(x): x for x in parsed + failures}
        everything = {**stored, **new}  # an article added again replaces its stored self
        all_parsed = [x for x in everything.values() if isinstance(x, ParsedArticle)]
        all_failed = [x for x in everything.values() if isinstance(x, ArticleFailure)]
        with block_mapper(workers, scheduler, pool=pool) as mapper:  # the event blocks on the parse workers
            G = build_graph(all_parsed, all_failed, cluster=partial(cluster_in_blocks, mapper=mapper))
    if base_iri is not None:
        G.graph["base_iri"] = base_iri
    t2 = time.perf_counter()
    result.graph = G
    # the new articles' records go to the store's temporary files now, so that the parsed records
    # are dropped before the exports (the graph holds what they need); they are put in place once
    # the exports are written, and removed if that fails
    store = stage_store(out, new.values())
    del stored, new, everything, all_parsed, all_failed, parsed, item
    try:
        result.written = write_exports(G, out, formats, workers=workers)
        store.commit(replace_all=not add)
    except BaseException:
        store.discard()
        raise
    write_build_info(out, base_iri=base_iri)
    t3 = time.perf_counter()
    result.timings = {"parse": t1 - t0, "graph": t2 - t1, "export": t3 - t2}
    return result
