#!/usr/bin/env python3
"""Fit the event merge weights (graph/data/merge_weights.json) on the tuning part of ECB+.

Usage: train_merge.py [--build DIR ...] [--shared DIR] [--out FILE] [--workers N]

The tuning part is scripts/evaluate.py's split (whole topics; the check part is never read). Its
articles are parsed (or, with ``--build``, read from the parse store of build folders made from them,
such as ``evaluate.py --out OUT``'s OUT/ecbplus/tuning; articles of the check part are refused).
Each output mention whose trigger overlaps an annotated ECB+ event mention of a coreference chain
takes that chain's instance as its label.

1. Examples: the mentions are clustered as the builder does (graph.build.builder: the same order,
   the same candidate events), except that each joins the event of its gold instance; every
   candidate event the rules allow gives one example, the features of
   :func:`graph.build.builder.merge_features`, positive when it is the mention's instance. Every
   topic counts: the stories that are not violent teach what must not merge.
2. Weights: L2-regularised logistic regression (Newton's method; deterministic).
3. Threshold: the builder clusters the tuning mentions with the weights at each threshold of a grid
   (as it builds: a mention joins the best event that the fitted score or the hand-set rule accepts);
   the one with the best B-cubed F1 whose B-cubed precision is at least MIN_PRECISION wins (0.90: a
   margin over the 0.85 that unrelated stories must keep, since merging errors grow with the corpus);
   of thresholds within TIE of that F1, the highest (the fewest merges).

With ``--refine``, steps 1-3 are replaced: starting from the weights of ``--out`` (a feature the file
lacks starts at 0), a coordinate search on the clustering itself, as the scorer rewards it rather than
the log-loss of pairs: each weight and the threshold in turn is moved by each of STEPS, and the first
move that raises the objective by more than GAIN is kept (the tuning B-cubed F1, less PENALTY for each
point of B-cubed precision under MIN_PRECISION); at most ROUNDS rounds.

Reruns on the same inputs write the same file.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.build.builder import Cluster, _Blocks, _canonical_order, cluster_mentions, merge_features  # noqa: E402
from graph.build.merge_model import FEATURES, MergeWeights, parse_weights  # noqa: E402
from graph.build.stories import Stories  # noqa: E402
from graph.core.model import EventMention, ParsedArticle  # noqa: E402

L2 = 1.0
MIN_PRECISION = 0.90
THRESHOLDS = [round(-8.0 + 0.25 * i, 2) for i in range(45)]  # -8.0 .. 3.0 (the score is a log-odds)
TIE = 0.005  # B-cubed F1 differences smaller than this are noise: the more cautious threshold wins
MAX_TRIGGER_CHARS = 40  # as the scorer: longer output triggers match nothing
STEPS = (-1.0, -0.5, 0.5, 1.0)  # --refine: the moves of one weight tried, in this order
GAIN = 0.001  # --refine: a move is kept when it raises the objective by more than this
PENALTY = 10.0  # --refine: objective lost per unit of tuning B-cubed precision under MIN_PRECISION
ROUNDS = 2


def load_evaluate():
    spec = importlib.util.spec_from_file_location("evaluate", ROOT / "scripts" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tuning_articles(ev, shared: Path, builds: list[Path], workers: int) -> list[ParsedArticle]:
    paths = ev.split(ev.documents(shared, "ecbplus"))["tuning"]
    wanted = {p.stem for p in paths}
    if builds:
        from graph.build.store import load_store

        got: dict[str, ParsedArticle] = {}
        for b in builds:
            for aid, item in load_store(b).items():
                if ev.part_of(aid) != "tuning":
                    raise SystemExit(f"{b}: {aid} is in the check part; train on the tuning part only")
                if isinstance(item, ParsedArticle) and aid in wanted:
                    got[aid] = item
        return [got[k] for k in sorted(got)]
    from graph.extract.extractor import Extractor
    from graph.pipeline import parse_articles
    from graph.read import read_articles

    items = parse_articles(read_articles([str(p) for p in paths]), Extractor.create(), workers=workers)
    return sorted((x for x in items if isinstance(x, ParsedArticle)), key=lambda p: p.article.article_id)


def gold_units(ev, shared: Path, docs: set[str]) -> dict[str, list[tuple[int, int, str]]]:
    """doc -> (start, end, instance) of the units score_datasets.py scores."""
    out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for line in (shared / "gold" / ev.DATASETS["ecbplus"]["gold"][0]).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        if d["doc"] not in docs:
            continue
        inst = {mid: ch["instance_id"] for ch in d["coref_chains"] if ch.get("instance_id") for mid in ch["mention_ids"]}
        for m in ev._ecb_units(d):
            out[d["doc"]].append((m["char_start"], m["char_end"], inst[m["m_id"]]))
    return out


def _hits(m: EventMention, units: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    if m.trigger_end - m.trigger_start > MAX_TRIGGER_CHARS:
        return []
    return [u for u in units if m.trigger_start < u[1] and u[0] < m.trigger_end]


def examples(mentions: list[EventMention], units) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of the candidate events of each labelled mention (see the docstring)."""
    blocks = _Blocks()
    by_instance: dict[str, Cluster] = {}
    label: dict[int, str] = {}  # id(cluster) -> instance
    rows, ys = [], []
    for m in sorted(mentions, key=_canonical_order):
        hits = _hits(m, units.get(m.article_id, []))
        inst = hits[0][2] if hits else None
        if inst is not None:
            for c in blocks.candidates(m):
                if (m.article_id, m.sentence_start) in c.sentences:
                    continue
                x = merge_features(c, m)
                if x is not None:
                    rows.append([x.get(f, 0.0) for f in FEATURES])
                    ys.append(1.0 if label.get(id(c)) == inst else 0.0)
        c = by_instance.get(inst) if inst is not None else None
        if c is None:
            c = Cluster()
            c.add(m)
            blocks.add(c)
            if inst is not None:
                by_instance[inst], label[id(c)] = c, inst
        else:
            c.add(m)
    return np.array(rows, dtype=float), np.array(ys, dtype=float)


def fit(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method (the bias unpenalised)."""
    w = np.zeros(X.shape[1])
    pen = np.full(X.shape[1], L2)
    pen[FEATURES.index("bias")] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        grad = X.T @ (p - y) + pen * w
        H = (X * (p * (1 - p))[:, None]).T @ X + np.diag(pen) + 1e-9 * np.eye(X.shape[1])
        step = np.linalg.solve(H, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return w


def bcubed(mentions: list[EventMention], units, weights: MergeWeights, stories: Stories | None = None
           ) -> tuple[float, float, float]:
    """B-cubed P, R, F1 of the builder's clustering over the mapped units (as score_datasets.py),
    with the articles' ``stories`` as the builder uses them."""
    cluster_of = {}
    for i, c in enumerate(cluster_mentions(mentions, weights, stories)):
        for m in c.mentions:
            cluster_of[id(m)] = i
    by_doc = defaultdict(list)
    for m in mentions:
        by_doc[m.article_id].append(m)
    mapped = []
    for doc, us in sorted(units.items()):
        for s, e, inst in us:
            ev = {cluster_of[id(m)] for m in by_doc.get(doc, []) if m.trigger_end - m.trigger_start <= MAX_TRIGGER_CHARS
                  and m.trigger_start < e and s < m.trigger_end}
            if ev:
                mapped.append((inst, ev))
    if not mapped:
        return 0.0, 0.0, 0.0
    members = defaultdict(list)
    for k, (_inst, ev) in enumerate(mapped):
        for e in ev:
            members[e].append(k)
    size_gold = defaultdict(int)
    for inst, _ev in mapped:
        size_gold[inst] += 1
    bp = br = 0.0
    for inst, ev in mapped:
        out = {k for e in ev for k in members[e]}
        common = sum(mapped[k][0] == inst for k in out)
        bp += common / len(out)
        br += common / size_gold[inst]
    p, r = bp / len(mapped), br / len(mapped)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def refine(mentions: list[EventMention], units, start: dict[str, float], threshold: float, log=None,
           min_precision: float = MIN_PRECISION, stories: Stories | None = None):
    """The coordinate search of ``--refine`` (see the docstring): (weights, (P, R, F1))."""
    cur = {f: start.get(f, 0.0) for f in FEATURES} | {"threshold": threshold}

    def weights_of(d: dict[str, float]) -> MergeWeights:
        return MergeWeights(weights=tuple(d[f] for f in FEATURES), threshold=d["threshold"])

    def objective(prf: tuple[float, float, float]) -> float:
        return prf[2] - PENALTY * max(0.0, min_precision - prf[0])

    best = bcubed(mentions, units, weights_of(cur), stories)
    for _ in range(ROUNDS):
        moved = False
        for name in ("threshold", *FEATURES):
            for step in STEPS:
                d = {**cur, name: round(cur[name] + step, 4)}
                got = bcubed(mentions, units, weights_of(d), stories)
                if log:
                    log(f"{name} {d[name]:+.3f}: B-cubed P {got[0]:.3f} R {got[1]:.3f} F1 {got[2]:.4f}")
                if objective(got) > objective(best) + GAIN:
                    cur, best, moved = d, got, True
                    break
        if not moved:
            break
    return weights_of(cur), best


def fitted(mentions: list[EventMention], units, articles: int, min_precision: float = MIN_PRECISION,
           log=None, stories: Stories | None = None) -> dict:
    """The weights file (as data) fitted on labelled mentions: steps 1-3 of the docstring."""
    X, y = examples(mentions, units)
    if log:
        log(f"{articles} tuning articles, {len(mentions)} mentions, {len(y)} examples ({int(y.sum())} positive)")
    if not len(y):
        raise SystemExit("no labelled mention has a candidate event: nothing to fit")
    w = fit(X, y)
    tried = []
    for t in THRESHOLDS:
        weights = MergeWeights(weights=tuple(round(float(v), 4) for v in w), threshold=t)
        p, r, f = bcubed(mentions, units, weights, stories)
        if log:
            log(f"threshold {t:5.2f}: B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}")
        if p >= min_precision:
            tried.append((f, weights, p, r))
    if not tried:
        raise SystemExit(f"no threshold reaches B-cubed precision {min_precision}")
    top = max(x[0] for x in tried)  # of the thresholds within TIE of the best F1, the highest (fewest merges)
    f, weights, p, r = max((x for x in tried if x[0] >= top - TIE), key=lambda x: x[1].threshold)
    data = {"_about": "Fitted by scripts/train_merge.py on the ECB+ tuning part (scripts/evaluate.py's split): "
                      "logistic regression over graph.build.merge_model.FEATURES, threshold with the best tuning "
                      f"B-cubed F1 at precision >= {min_precision}. Do not edit by hand; rerun the script.",
            "fit": {"articles": articles, "examples": len(y), "positive": int(y.sum()),
                    "tuning_bcubed_p": round(p, 4), "tuning_bcubed_r": round(r, 4), "tuning_bcubed_f1": round(f, 4)},
            **weights.to_dict()}
    parse_weights(data, "fitted weights")
    return data


def refined(mentions: list[EventMention], units, old: dict, min_precision: float = MIN_PRECISION, log=None,
            stories: Stories | None = None) -> dict:
    """The weights file (as data) of ``--refine``, starting from the file ``old``."""
    weights, (p, r, f) = refine(mentions, units, old["weights"], old["threshold"], log=log,
                                min_precision=min_precision, stories=stories)
    data = {"_about": "Fitted by scripts/train_merge.py on the ECB+ tuning part (scripts/evaluate.py's split): "
                      "logistic regression over graph.build.merge_model.FEATURES, then refined with --refine "
                      "(coordinate search on the tuning clustering's B-cubed F1, precision >= "
                      f"{min_precision}). Do not edit by hand; rerun the script.",
            "fit": {**old.get("fit", {}), "refined": True, "tuning_bcubed_p": round(p, 4),
                    "tuning_bcubed_r": round(r, 4), "tuning_bcubed_f1": round(f, 4)},
            **weights.to_dict()}
    parse_weights(data, "refined weights")
    return data


def weights_text(data: dict) -> str:
    """The file's text: the same data always gives the same bytes."""
    return json.dumps(data, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", type=Path, nargs="*", default=[], help="build folders whose parse store to read")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "graph" / "data" / "merge_weights.json")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--min-precision", type=float, default=MIN_PRECISION,
                    help="the tuning B-cubed precision the threshold (or --refine) must keep")
    ap.add_argument("--refine", action="store_true",
                    help="search the weights of --out on the tuning clustering's B-cubed F1 instead of fitting")
    args = ap.parse_args(argv)
    ev = load_evaluate()
    parsed = tuning_articles(ev, args.shared.resolve(), args.build, args.workers)
    units = gold_units(ev, args.shared.resolve(), {p.article.article_id for p in parsed})
    mentions = [m for p in parsed for m in p.events]
    stories = Stories.of(parsed)

    def log(s: str) -> None:
        print(s, file=sys.stderr)

    if args.refine:
        data = refined(mentions, units, json.loads(args.out.read_text(encoding="utf-8")), args.min_precision, log,
                       stories)
    else:
        data = fitted(mentions, units, len(parsed), args.min_precision, log, stories)
    args.out.write_text(weights_text(data), encoding="utf-8")
    fit_ = data["fit"]
    print(f"wrote {args.out}: threshold {data['threshold']}, tuning B-cubed P {fit_['tuning_bcubed_p']:.3f} "
          f"R {fit_['tuning_bcubed_r']:.3f} F1 {fit_['tuning_bcubed_f1']:.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
