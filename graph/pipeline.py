"""The build: read articles, parse each, fold them into one graph, write the exports.

``run_build`` is what ``ctkg build`` calls. It never prints: progress goes to an optional
callback, and the result says how many articles were read and failed.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .builder import build_graph
from .errors import CtkgError, InputError
from .exports import write_exports
from .model import Article, ArticleFailure, ParsedArticle
from .readers import read_articles


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    articles: int = 0
    failed: int = 0
    failures: list[ArticleFailure] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for _, d in self.graph.nodes(data=True) if d.get("kind") == kind)

    def summary(self) -> str:
        return (f"{self.articles} articles read, {self.failed} failed, {self.count('event')} events, "
                f"{self.count('statement')} statements, {self.count('actor')} actors, {self.count('place')} places")


def parse_articles(items: Iterable[Article | ArticleFailure], extractor, *, strict: bool = False,
                   batch_size: int = 16) -> Iterator[ParsedArticle | ArticleFailure]:
    """Parse a stream of articles; an article that fails becomes an ArticleFailure."""
    batch: list[Article] = []

    def flush() -> Iterator[ParsedArticle | ArticleFailure]:
        done: set[str] = set()
        try:
            for p in extractor.parse_many(batch, batch_size=batch_size):
                done.add(p.article.article_id)
                yield p
        except CtkgError:
            raise
        except Exception:  # noqa: BLE001 - isolate the article that breaks, parse the rest one by one
            for a in batch:
                if a.article_id in done:
                    continue
                try:
                    yield extractor.parse(a)
                except Exception as exc:  # noqa: BLE001
                    if strict:
                        raise
                    yield ArticleFailure(a.article_id, a.path, f"extraction failed: {type(exc).__name__}: {exc}")

    for item in items:
        if isinstance(item, ArticleFailure):
            if strict:
                raise InputError(item.path, item.reason)
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def run_build(inputs: Iterable[str | os.PathLike], out: str | os.PathLike, *, actor_files: Iterable[str] = (),
              strict: bool = False, progress: Callable[[ParsedArticle | ArticleFailure], None] | None = None,
              extractor=None, formats: list[str] | None = None) -> BuildResult:
    from .extract import Extractor

    ex = extractor or Extractor.create(actor_files=actor_files)
    parsed: list[ParsedArticle] = []
    failures: list[ArticleFailure] = []
    seen: set[str] = set()
    for item in parse_articles(read_articles(inputs), ex, strict=strict):
        aid = item.article_id if isinstance(item, ArticleFailure) else item.article.article_id
        if aid in seen:
            path = item.path if isinstance(item, ArticleFailure) else item.article.path
            item = ArticleFailure(f"{aid}~dup", path, f"duplicate article id {aid!r}: a file of the same name was "
                                                      "already read; rename one of them")
        seen.add(aid)
        if isinstance(item, ArticleFailure):
            failures.append(item)
        else:
            parsed.append(item)
        if progress is not None:
            progress(item)
    G = build_graph(parsed, failures)
    result = BuildResult(graph=G, articles=len(parsed) + len(failures), failed=len(failures), failures=failures)
    result.written = write_exports(G, out, formats)
    return result
