"""The parse stage on several processes, or on a Dask cluster.

Parsing (spaCy plus ctkg's extractors) is where a build spends its time, and articles
are independent, so the stage is spread over processes while graph building stays in
the main process. Articles stream through in batches: at most a few batches per worker
are in flight, so memory does not grow with the corpus. Results come back in input
order, and the graph does not depend on order anyway, so any number of workers (or a
cluster) gives byte-identical outputs.

The graph stage's event clustering runs block by block (graph.build.blocks) on the same
kinds of workers: :func:`block_mapper` gives the map that runs the blocks.

``parse_stream`` is the entry point: ``workers=1`` parses in this process,
``workers>1`` uses a process pool, ``scheduler="tcp://HOST:PORT"`` a Dask distributed
cluster (``pip install 'ctkg-conflict-timeline[dask]'``). Each worker process loads the
pipeline once; with the ``fork`` start method the workers share the parent's loaded
pipeline instead of loading their own.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from graph.core.errors import ConfigError, CtkgError
from graph.core.model import Article, ArticleFailure, ParsedArticle

BATCH = 16  # articles a worker parses at once through nlp.pipe
IN_FLIGHT = 3  # batches queued per worker


def default_workers() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker needs to build its own extractor (picklable)."""

    actor_files: tuple[str, ...] = ()


def parse_batch(extractor, batch: list[Article]) -> list[ParsedArticle | ArticleFailure]:
    """Parse a batch; an article that breaks the extractor becomes an ArticleFailure, the
    others are parsed one by one so that nothing else is lost."""
    try:
        return list(extractor.parse_many(batch, batch_size=len(batch) or 1))
    except CtkgError:
        raise
    except Exception:  # noqa: BLE001 - isolate the article that breaks
        out: list[ParsedArticle | ArticleFailure] = []
        for a in batch:
            try:
                out.append(extractor.parse(a))
            except CtkgError:
                raise
            except Exception as exc:  # noqa: BLE001
                out.append(ArticleFailure(a.article_id, a.path, f"extraction failed: {type(exc).__name__}: {exc}"))
        return out


# -- worker processes -----------------------------------------------------------------------
# Each worker process holds one extractor, loaded once (or inherited from the parent
# through fork). This is per-process state of a worker, not configuration.
_WORKER: dict[str, object] = {}


def _init_worker(spec: WorkerSpec, inherited) -> None:
    # Ctrl-C signals the whole process group: the parent handles it (and ends the pool), so a
    # worker never prints a traceback of its own
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if inherited is not None:
        _WORKER["extractor"] = inherited
        return
    from graph.extract.extractor import Extractor

    _WORKER["extractor"] = Extractor.create(actor_files=spec.actor_files)


def _work(batch: list[Article]) -> list[ParsedArticle | ArticleFailure]:
    return parse_batch(_WORKER["extractor"], batch)


def _batches(articles: Iterable[Article | ArticleFailure], size: int) -> Iterator[list[Article | ArticleFailure]]:
    it = iter(articles)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield chunk


def _ordered(submit, batches: Iterator[list], depth: int, result) -> Iterator[ParsedArticle | ArticleFailure]:
    """Keep ``depth`` batches in flight; yield results in input order."""
    pending: deque = deque()
    for chunk in batches:
        todo = [x for x in chunk if not isinstance(x, ArticleFailure)]
        pending.append((chunk, submit(todo) if todo else None))
        while len(pending) > depth:
            yield from _merge(*pending.popleft(), result)
    while pending:
        yield from _merge(*pending.popleft(), result)


def _merge(chunk: list, handle, result) -> Iterator[ParsedArticle | ArticleFailure]:
    parsed = iter(result(handle) if handle is not None else [])
    for x in chunk:
        yield x if isinstance(x, ArticleFailure) else next(parsed)


@contextmanager
def worker_pool(workers: int, *, extractor=None, actor_files: Iterable[str] = ()) -> Iterator:
    """The parse workers: a pool of ``workers`` processes, each holding an extractor (None for one
    worker). A build keeps it for its graph stage too (:func:`block_mapper`), so that the event
    blocks run in processes that exist already rather than in new ones forked from a parent that
    by then holds every parsed article."""
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    if workers == 1:
        yield None
        return
    spec = WorkerSpec(tuple(str(f) for f in actor_files))
    methods = mp.get_all_start_methods()
    if "fork" in methods:
        ctx = mp.get_context("fork")
        inherited = extractor  # the children see the loaded pipeline through copy-on-write memory
    else:  # pragma: no cover - macOS/Windows
        ctx = mp.get_context("spawn")
        inherited = None
    with ctx.Pool(workers, initializer=_init_worker, initargs=(spec, inherited)) as pool:
        yield pool


def parse_stream(articles: Iterable[Article | ArticleFailure], *, extractor=None, workers: int = 1,
                 scheduler: str | None = None, actor_files: Iterable[str] = (),
                 batch_size: int = BATCH, pool=None) -> Iterator[ParsedArticle | ArticleFailure]:
    """Parse a stream of articles (failures from reading pass through in place).

    ``extractor``: a loaded Extractor to use in this process (and to share with forked
    workers); loaded on demand otherwise. ``pool``: a :func:`worker_pool` of ``workers``
    processes to parse in (made for this stream when not given).
    """
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    spec = WorkerSpec(tuple(str(f) for f in actor_files))
    batches = _batches(articles, batch_size)
    if scheduler:
        yield from _dask_stream(batches, scheduler, spec)
        return
    if workers == 1:
        if extractor is None:
            from graph.extract.extractor import Extractor

            extractor = Extractor.create(actor_files=spec.actor_files)
        yield from _ordered(lambda b: parse_batch(extractor, b), batches, 0, lambda r: r)
        return
    if pool is None:
        with worker_pool(workers, extractor=extractor, actor_files=spec.actor_files) as own:
            yield from _ordered(lambda b: own.apply_async(_work, (b,)), batches, workers * IN_FLIGHT,
                                lambda h: h.get())
        return
    yield from _ordered(lambda b: pool.apply_async(_work, (b,)), batches, workers * IN_FLIGHT,
                        lambda h: h.get())


# -- Dask distributed ---------------------------------------------------------------------
@lru_cache(maxsize=4)
def _dask_extractor(spec: WorkerSpec):
    """One extractor per Dask worker process and gazetteer set, loaded on first use."""
    from graph.extract.extractor import Extractor

    return Extractor.create(actor_files=spec.actor_files)


def _dask_work(batch: list[Article], spec: WorkerSpec) -> list[ParsedArticle | ArticleFailure]:
    return parse_batch(_dask_extractor(spec), batch)


@contextmanager
def _dask_client(scheduler: str):
    """A client of the Dask cluster at ``scheduler``, closed on leaving; ConfigError when Dask is
    missing or the scheduler cannot be reached."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ConfigError("--scheduler needs Dask: pip install 'ctkg-conflict-timeline[dask]'") from exc
    try:
        client = Client(scheduler, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    try:
        yield client
    finally:
        client.close()


def _dask_stream(batches: Iterator[list], scheduler: str, spec: WorkerSpec) -> Iterator[ParsedArticle | ArticleFailure]:
    with _dask_client(scheduler) as client:
        n = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info().get("workers", {}).values()))
        yield from _ordered(lambda b: client.submit(_dask_work, b, spec, pure=False), batches, n * IN_FLIGHT,
                            lambda f: f.result())


# -- the graph stage's blocks ----------------------------------------------------------------
@contextmanager
def block_mapper(workers: int = 1, scheduler: str | None = None, pool=None) -> Iterator[Callable | None]:
    """A ``map(function, items)`` that runs independent tasks (the event blocks of
    graph.build.blocks) in ``workers`` processes (``pool``, the parse workers, when given; else
    forked for it) or on the Dask cluster at ``scheduler``; None (the builtin map, in this
    process) for one worker. Results come back in input order."""
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    if scheduler:
        with _dask_client(scheduler) as client:
            yield lambda fn, items: client.gather(client.map(fn, list(items), pure=False))
        return
    if workers == 1:
        yield None
        return
    if pool is not None:
        yield lambda fn, items: pool.map(fn, list(items), chunksize=1)
        return
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(workers, initializer=signal.signal, initargs=(signal.SIGINT, signal.SIG_IGN)) as pool:
        yield lambda fn, items: pool.map(fn, list(items), chunksize=1)
