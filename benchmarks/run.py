"""ctkg benchmarks: one command, a table of ratios measured in the same run.

    python benchmarks/run.py --sizes 1000 10000 --workers 2   # the issue's targets (the default)
    python benchmarks/run.py --sizes 200 2000                # a quicker pass

Each measurement runs in a fresh Python process (so model loading, caches and peak
memory do not leak between them) on a synthetic corpus from benchmarks/generate.py:

1. bare spaCy ``nlp.pipe`` over the texts with the same model: the floor;
2. ``ctkg build`` (read, parse, build the graph, write every export) with 1 worker on
   the same texts: throughput ratio against (1);
3. the same with 2 workers: speed-up against (2);
4. 2 workers on the large corpus: time per article against the small one, peak RSS of
   the whole process tree, and the share of graph building plus exports.

Model loading is timed apart and left out of every figure. Results go to
``OUT/results.json`` and a Markdown table on standard output: the five measures, each with
its target (set for 1k and 10k articles) and whether this run met it, and the large build's
stage timings (parse, graph, export).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


# -- one measurement, in its own process ---------------------------------------------------
class PeakRSS:
    """Samples the resident memory of this process and its children (bytes): ``peak`` sums their
    RSS (pages a forked worker shares with its parent counted in each), ``peak_pss`` their
    proportional set size (each shared page split among its sharers: the memory really used;
    Linux only, else equal to ``peak``)."""

    def __init__(self, every: float = 0.2):
        import psutil

        self.proc = psutil.Process()
        self.every = every
        self.peak = 0
        self.peak_pss = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> tuple[int, int]:
        import psutil

        rss = pss = 0
        for p in [self.proc] + self.proc.children(recursive=True):
            try:
                r = p.memory_info().rss
                try:
                    s = getattr(p.memory_full_info(), "pss", r)
                except (psutil.AccessDenied, OSError):
                    s = r
                rss, pss = rss + r, pss + s
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        return rss, pss

    def _update(self) -> None:
        rss, pss = self._sample()
        self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._update()
            self._stop.wait(self.every)

    def __enter__(self) -> "PeakRSS":
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()
        self._update()


def _texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def measure_spacy(corpus: Path) -> dict:
    import spacy

    from graph.extract.nlp import MODEL_NAMES

    texts = _texts(corpus)
    t = time.perf_counter()
    nlp = None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        raise SystemExit("no spaCy model installed")
    load = time.perf_counter() - t
    with PeakRSS() as rss:
        t = time.perf_counter()
        n = sum(1 for _ in nlp.pipe(texts, batch_size=16))
        secs = time.perf_counter() - t
    return {"what": "spacy", "articles": n, "seconds": secs, "load_seconds": load, "peak_rss": rss.peak,
            "peak_pss": rss.peak_pss}


def measure_build(corpus: Path, out: Path, workers: int) -> dict:
    from graph.extract.extractor import Extractor
    from graph.pipeline import run_build

    t = time.perf_counter()
    ex = Extractor.create()
    load = time.perf_counter() - t
    with PeakRSS() as rss:
        t = time.perf_counter()
        res = run_build([corpus], out, extractor=ex, workers=workers)
        secs = time.perf_counter() - t
    return {"what": "build", "workers": workers, "articles": res.articles, "failed": res.failed, "seconds": secs,
            "load_seconds": load, "timings": res.timings, "peak_rss": rss.peak, "peak_pss": rss.peak_pss}


def _child(args: list[str]) -> dict:
    env = dict(os.environ, PYTHONHASHSEED="0")
    res = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--measure", *args], env=env,
                         capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"measurement {args} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


# -- the suite ------------------------------------------------------------------------------
def machine() -> str:
    cpus = os.cpu_count()
    try:
        import psutil

        mem = f"{psutil.virtual_memory().total / 2**30:.0f} GiB"
    except ImportError:
        mem = "?"
    return f"{platform.processor() or platform.machine()}, {cpus} CPUs, {mem} RAM, Python {platform.python_version()}"


def run_suite(sizes: list[int], workers: int, out: Path) -> dict:
    from benchmarks.generate import generate, load_sources, write_jsonl

    small, large = sorted(sizes)[0], sorted(sizes)[-1]
    out.mkdir(parents=True, exist_ok=True)
    sources = load_sources()
    records = generate(large, sources)
    corpora = {n: write_jsonl(records[:n], out / f"corpus_{n}.jsonl") for n in sorted(set(sizes))}
    r: dict = {"machine": machine(), "sizes": sizes, "workers": workers, "sources": len(sources)}
    r["spacy_small"] = _child(["spacy", str(corpora[small])])
    r["build_small_1"] = _child(["build", str(corpora[small]), str(out / "x1"), "1"])
    r["build_small_w"] = _child(["build", str(corpora[small]), str(out / "xw"), str(workers)])
    r["build_large_w"] = _child(["build", str(corpora[large]), str(out / "xl"), str(workers)])
    sp, b1, bw, bl = r["spacy_small"], r["build_small_1"], r["build_small_w"], r["build_large_w"]
    per_small = bw["seconds"] / bw["articles"]
    per_large = bl["seconds"] / bl["articles"]
    t = bl["timings"]
    r["ratios"] = {
        "throughput_vs_spacy": sp["seconds"] / b1["seconds"],
        f"speedup_{workers}_workers": b1["seconds"] / bw["seconds"],
        "time_per_article_large_vs_small": per_large / per_small,
        "peak_rss_large_gib": bl["peak_rss"] / 2**30,
        "peak_pss_large_gib": bl.get("peak_pss", bl["peak_rss"]) / 2**30,
        "graph_and_export_share_large": (t["graph"] + t["export"]) / bl["seconds"],
    }
    (out / "results.json").write_text(json.dumps(r, indent=2) + "\n", encoding="utf-8")
    return r


# The targets of the five measures (issue 15: 1k and 10k articles on a 2-CPU laptop), each a
# (comparison, bound) pair: the table says for every one whether this run met it.
TARGETS = {
    "throughput_vs_spacy": (">=", 0.8),
    "speedup": (">=", 1.75),
    "time_per_article_large_vs_small": ("<=", 1.15),
    "peak_rss_large_gib": ("<", 2.0),
    "graph_and_export_share_large": ("<", 0.20),
}


def met(name: str, value: float) -> bool:
    op, bound = TARGETS[name]
    return {">=": value >= bound, "<=": value <= bound, "<": value < bound}[op]


def _verdict(name: str, value: float, shown: str) -> str:
    op, bound = TARGETS[name]
    bound_shown = f"{100 * bound:.0f} %" if name == "graph_and_export_share_large" else (
        f"{bound:g} GiB" if name == "peak_rss_large_gib" else f"{bound:g}")
    return f"{shown} (target {op} {bound_shown}: {'met' if met(name, value) else 'NOT met'})"


def table(r: dict) -> str:
    q = r["ratios"]
    w = r["workers"]
    small, large = sorted(r["sizes"])[0], sorted(r["sizes"])[-1]
    speedup = q[f"speedup_{w}_workers"]
    share = q["graph_and_export_share_large"]
    t = r["build_large_w"]["timings"]
    rows = [
        ("bare spaCy nlp.pipe, %d articles" % small, f"{r['spacy_small']['seconds']:.1f} s", ""),
        ("ctkg build, 1 worker, %d articles" % small, f"{r['build_small_1']['seconds']:.1f} s",
         _verdict("throughput_vs_spacy", q["throughput_vs_spacy"],
                  f"throughput {q['throughput_vs_spacy']:.2f} of bare spaCy")),
        ("ctkg build, %d workers, %d articles" % (w, small), f"{r['build_small_w']['seconds']:.1f} s",
         _verdict("speedup", speedup, f"speed-up {speedup:.2f} over 1 worker")),
        ("ctkg build, %d workers, %d articles" % (w, large), f"{r['build_large_w']['seconds']:.1f} s",
         _verdict("time_per_article_large_vs_small", q["time_per_article_large_vs_small"],
                  f"time/article {q['time_per_article_large_vs_small']:.2f} of the {small} figure")),
        ("peak RSS, %d articles" % large, f"{q['peak_rss_large_gib']:.2f} GiB",
         _verdict("peak_rss_large_gib", q["peak_rss_large_gib"],
                  f"whole process tree; PSS {q.get('peak_pss_large_gib', q['peak_rss_large_gib']):.2f} GiB")),
        ("graph + exports share, %d articles" % large, f"{100 * share:.1f} %",
         _verdict("graph_and_export_share_large", share, "of the build's time")),
    ]
    lines = [f"Machine: {r['machine']}", "", "| measure | value | ratio |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    lines += ["", f"Stage timings, {large} articles, {w} workers: " + ", ".join(
        f"{k} {v:.1f} s" for k, v in t.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--measure"]:
        kind, *rest = argv[1:]
        res = measure_spacy(Path(rest[0])) if kind == "spacy" else measure_build(Path(rest[0]), Path(rest[1]),
                                                                                   int(rest[2]))
        print(json.dumps(res))
        return 0
    p = argparse.ArgumentParser(description="ctkg benchmarks (ratios measured in the same run)")
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (small and large)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--out", type=Path, default=Path("/tmp/ctkg-bench"), help="work folder (corpora and outputs)")
    args = p.parse_args(argv)
    r = run_suite(args.sizes, args.workers, args.out)
    print(table(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
