"""The graph and export stages of ``ctkg build`` alone, on the parsed articles a build stored.

    python benchmarks/stages.py BUILD OUT --workers 2 [--limit N]

BUILD is a folder a build wrote (its ``.store/`` holds every parsed article as JSON, e.g. one of
benchmarks/run.py's builds); no text is parsed again. The stages run as ``ctkg build`` runs them
(graph.pipeline.run_build): the worker pool made before the parsed records are in memory, its workers
sharing the loaded pipeline, the event blocks clustered on it, the records dropped before every
default export is written into OUT. ``--limit N`` takes the first N stored articles (by id), so
one stored corpus gives the stages at several sizes. Prints each stage's wall time, the CPU
seconds of this process and of its children (the workers, the forked export process), and the
peak RSS and PSS of the whole process tree (sampled every 0.25 s).
"""
from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import threading
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class TreeMemory:
    """The peak RSS and PSS (KiB) of this process and its descendants, sampled in a thread."""

    def __init__(self, every: float = 0.25) -> None:
        self.rss = self.pss = 0
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _tree() -> list[int]:
        out, todo = [], [os.getpid()]
        while todo:
            p = todo.pop()
            out.append(p)
            try:
                with open(f"/proc/{p}/task/{p}/children") as f:
                    todo += [int(x) for x in f.read().split()]
            except OSError:
                pass
        return out

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = pss = 0
            for p in self._tree():
                try:
                    with open(f"/proc/{p}/smaps_rollup") as f:
                        for line in f:
                            if line.startswith("Rss:"):
                                rss += int(line.split()[1])
                            elif line.startswith("Pss:"):
                                pss += int(line.split()[1])
                except OSError:
                    pass
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _cpu() -> tuple[float, float]:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build", type=Path, help="a build folder with its .store/")
    ap.add_argument("out", type=Path, help="the folder to write the exports into")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, help="the first N stored articles only")
    args = ap.parse_args(argv)

    from graph.build.blocks import cluster_in_blocks
    from graph.build.builder import build_graph
    from graph.build.parallel import block_mapper, worker_pool
    from graph.build.store import load_store
    from graph.core.model import ArticleFailure, ParsedArticle
    from graph.export.writer import write_exports
    from graph.extract.extractor import Extractor

    mem = TreeMemory()
    ex = Extractor.create()  # (as ctkg build: the workers share the loaded pipeline)
    with worker_pool(args.workers, extractor=ex) as pool:
        items = sorted(load_store(args.build).items())[:args.limit]
        parsed = [x for _, x in items if isinstance(x, ParsedArticle)]
        failed = [x for _, x in items if isinstance(x, ArticleFailure)]
        del items
        print(f"{len(parsed)} articles, {len(failed)} failed, {args.workers} workers", flush=True)
        t0, c0 = time.perf_counter(), _cpu()
        with block_mapper(args.workers, None, pool=pool) as mapper:
            G = build_graph(parsed, failed, cluster=partial(cluster_in_blocks, mapper=mapper))
    t1, c1 = time.perf_counter(), _cpu()
    print(f"graph  {t1 - t0:6.1f} s wall; CPU {c1[0] - c0[0]:.1f} s here + {c1[1] - c0[1]:.1f} s workers; "
          f"peak tree RSS {mem.rss // 1024} MiB, PSS {mem.pss // 1024} MiB", flush=True)
    del parsed, failed
    gc.collect()
    write_exports(G, args.out, None, workers=args.workers)
    t2, c2 = time.perf_counter(), _cpu()
    mem.stop()
    print(f"export {t2 - t1:6.1f} s wall; CPU {c2[0] - c1[0]:.1f} s here + {c2[1] - c1[1]:.1f} s children; "
          f"peak tree RSS {mem.rss // 1024} MiB, PSS {mem.pss // 1024} MiB", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
