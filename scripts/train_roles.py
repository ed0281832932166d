#!/usr/bin/env python3
"""Train the role model (graph/data/role_model.json) from annotated event arguments.

Usage: train_roles.py [--texts DIR] [--gold FILE] [--part tuning|all] [--out FILE] [--epochs N] [--seed N]
                      [--examples FILE] [--report] [--dense cand,trig,prod [--dense-scale X] [--dense-l2 X] [--hidden N]]

Default data: WikiEvents train (../shared/datasets/wikievents-train, ../shared/gold/wikievents.train.jsonl),
its TUNING part only (scripts/evaluate.py's ``part_of``); the check part is never trained on.
``--part all`` trains on every document (for a dataset of your own, e.g. the test's synthetic one).

Each document is parsed as ``ctkg build`` parses it (graph.extract.extractor.Extractor). For every
trigger the pipeline finds that overlaps a gold event of a conflict type (Conflict.*, Life.Die,
Life.Injure, Justice.ArrestJailDetain), every candidate argument in its sentence (see
graph/extract/role_model.py) is an example, labelled by the gold argument whose span holds the
candidate's head word (or lies inside the candidate's phrase): Attacker, Killer, Jailer, Injurer ->
agent; Target, Victim, Detainee -> target; Place -> place; anything else -> none.

The model is a multinomial logistic regression trained by stochastic gradient descent in pure
Python (fixed seed, documents and features sorted, weights rounded), so that the same inputs give
the same file byte for byte. ``--examples FILE`` keeps the parsed examples as JSON lines (read back
when the file exists, to retrain without parsing). ``--report`` also prints the per-label precision and
recall of the candidates of the CHECK part (measuring only: nothing is fitted on it). ``--dense``
adds spaCy's token vectors as real-valued inputs (an experiment: see docs/role_model.md, "Dense
features"; the shipped model has none).
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate import part_of  # noqa: E402

from graph.core.errors import ConfigError  # noqa: E402
from graph.extract.role_model import DENSE_BLOCKS, FORMAT, LABELS, dense_inputs  # noqa: E402

SHARED = ROOT.parent / "shared"
CONFLICT = ("Conflict.", "Life.Die", "Life.Injure", "Justice.ArrestJailDetain")
ROLE_LABEL = {"Attacker": "agent", "Killer": "agent", "Jailer": "agent", "Injurer": "agent",
              "Target": "target", "Victim": "target", "Detainee": "target", "Place": "place"}
MIN_COUNT = 2  # a feature seen fewer times is left out
MIN_TRIGGERS = 5  # an event type the model serves has at least this many training triggers
L2 = 3e-4
DENSE_SCALE = 1.0  # dense inputs (``--dense``): standardized, times this / sqrt(their number)
# which candidates the rules labelled none may take a role by the actor they resolve to (``--coref-labels``)
COREF_CHOICES = ("none", "own", "all", "names", "pron")
STOP = frozenset("the a an and of in on at to for by with he she it they them his her its their we i you who which that this these those s".split())


def examples_of(texts: Path, gold_file: Path, parts: set[str], extractor=None, coref: str = "none",
                dense: tuple[str, ...] = ()) -> list[dict]:
    """Parse the gold documents of these parts; one example per (trigger, candidate)."""
    from graph.extract.actors import ArticleEntities
    from graph.extract.events import EventFinder
    from graph.extract.extractor import Extractor
    from graph.read import read_articles

    golds = sorted((json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()),
                   key=lambda d: d["doc"])
    ext = extractor if extractor is not None else Extractor.create()
    out: list[dict] = []
    for g in golds:
        part = part_of(g["doc"])
        path = texts / f"{g['doc']}.txt"
        if part not in parts or not path.exists():
            continue
        arts = [a for a in read_articles([path]) if hasattr(a, "text")]
        if not arts:
            continue
        article = arts[0]
        doc = ext.nlp(article.text)
        ents = ArticleEntities.build(doc, article, ext.resolver)
        finder = EventFinder(doc, ents, ext.lexicon)
        mentions = {m["id"]: (m["char_start"], m["char_end"]) for m in g.get("entity_mentions", [])}
        events = [e for e in g.get("events", []) if e["type"].startswith(CONFLICT)]
        for sent in doc.sents:
            for trig in finder.triggers(sent):
                gold = [e for e in events if e["trigger"]["char_start"] < trig.end and trig.start < e["trigger"]["char_end"]]
                if not gold:
                    continue
                args = [(ROLE_LABEL.get(a["role"], "none"), mentions[a["entity_id"]], a["text"]) for e in gold
                        for a in e["arguments"] if a["entity_id"] in mentions]
                out += [{"doc": g["doc"], "part": part, "plover": trig.entry.plover, "label": label, "features": feats,
                         **({"dense": row} if dense else {})}
                        for label, feats, row in trigger_examples(finder, trig, args, coref, dense)]
    return out


def trigger_examples(finder, trig, args: list[tuple[str, tuple[int, int], str]],
                     coref: str = "none", dense: tuple[str, ...] = ()) -> list[tuple[str, list[str], list[float] | None]]:
    """The (label, features) of each candidate of a trigger, labelled by :func:`label_of`; with
    ``coref`` other than "none", a candidate it labels none takes the role of a gold argument its
    resolved actor names (:func:`resolved_label`: "he" resolved to the "Tsarnaev" the gold annotates
    in another sentence), for the candidates of the trigger's own sentence ("own"), every candidate
    ("all"), proper nouns ("names") or pronouns ("pron"). Measured, not kept: see docs/role_model.md."""
    if coref not in COREF_CHOICES:
        raise ConfigError(f"coref labels {coref!r}: one of {COREF_CHOICES}")
    out = []
    pairs = finder.candidate_features(trig)
    rows = dense_inputs(finder.doc, trig.head.i, [t.i for t, _ in pairs], dense).tolist() if dense else [None] * len(pairs)
    for (tok, feats), row in zip(pairs, rows):
        label = label_of(tok, args, tok.sent.start == trig.head.sent.start)
        if label == "none" and (coref == "all" or (coref == "own" and tok.sent.start == trig.head.sent.start)
                                or (coref == "names" and tok.pos_ == "PROPN") or (coref == "pron" and tok.pos_ == "PRON")):
            label = resolved_label(finder, tok, args)
        out.append((label, feats, row))
    return out


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in "".join(c if c.isalnum() else " " for c in text.casefold()).split() if w not in STOP)


def resolved_label(finder, tok, args: list[tuple[str, tuple[int, int], str]]) -> str:
    """The agent or target role of a gold argument whose last content word is a word of the name of
    the actor the candidate resolves to (the rules' resolution, no phrases)."""
    names = {w for r in finder.resolve([tok]) for w in _words(r.name)}
    if not names:
        return "none"
    found = {role for role, _, text in args if role in ("agent", "target") and _words(text) and _words(text)[-1] in names}
    for role in ("agent", "target"):
        if role in found:
            return role
    return "none"


def label_of(tok, args: list[tuple[str, tuple[int, int], str]], own: bool = True) -> str:
    """The role of the gold argument that holds the candidate's head word or lies inside its phrase,
    or whose last word is the candidate's head word (another mention of the same name: "the gunman"):
    in another sentence than the trigger's (``own`` False) only a proper name, another "Smith", not
    another "man" or "police", who are often someone else (GVDB check victims 0.769 -> 0.827 with the
    model retrained so; see docs/role_model.md, "Retraining on today's pipeline")."""
    left = min([tok.i] + [c.i for c in tok.lefts if c.dep_ in ("compound", "flat", "amod", "nmod", "poss")])
    lo, hi = tok.doc[left].idx, tok.idx + len(tok.text)
    head = tok.text.casefold()
    found = {role for role, (s, e), text in args if (s <= tok.idx < e) or (lo <= s and e <= hi)
             or ((own or tok.pos_ == "PROPN") and tok.pos_ != "PRON" and text.split()
                 and text.split()[-1].casefold() == head)}
    for role in ("agent", "target", "place"):
        if role in found:
            return role
    return "none"


def train(examples: list[dict], epochs: int = 12, seed: int = 13, rate: float = 0.2, l2: float = L2,
          min_count: int = MIN_COUNT, min_triggers: int = MIN_TRIGGERS, dense_scale: float = DENSE_SCALE,
          blocks: tuple[str, ...] = (), dense_l2: float | None = None, hidden: int = 0) -> dict:
    """Multinomial logistic regression by SGD; the model as the JSON-ready dict of role_model.json.

    Examples with a "dense" row (``--dense``: spaCy's token vectors of the candidate and the trigger,
    graph.extract.role_model.dense_inputs) add real-valued inputs: standardized on the training
    examples, scaled by ``dense_scale`` / sqrt(dimensions), trained with the sparse weights in the same
    SGD steps; the standardization is folded into the shipped weights and a bias per label.
    ``hidden`` > 0: the dense inputs go through a layer of that many tanh units first (initialized
    from ``seed``), an MLP whose output is added to the sparse features' scores. ``dense_l2``: the
    L2 of the dense weights (default ``l2``)."""
    dl2 = l2 if dense_l2 is None else dense_l2
    counts = Counter(f for ex in examples for f in set(ex["features"]))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: k for k, f in enumerate(names)}
    use_dense = bool(examples) and all(ex.get("dense") is not None for ex in examples)
    if use_dense and not blocks:
        raise ConfigError("examples with dense rows need the blocks they were made of (--dense)")
    # rows in an order that depends on the examples only (not on the order features are emitted in)
    keyed = sorted((ex["doc"], ex["label"], sorted(set(ex["features"])), ex["dense"] if use_dense else [])
                   for ex in examples)
    rows = [([index[f] for f in feats if f in index], LABELS.index(label)) for _, label, feats, _ in keyed]
    n_labels = len(LABELS)
    w = [[0.0] * n_labels for _ in names]
    if use_dense:
        x = np.asarray([d for *_, d in keyed], dtype=np.float64)
        mean, std = x.mean(axis=0), x.std(axis=0)
        std[std < 1e-6] = 1.0
        scale = dense_scale / math.sqrt(x.shape[1])
        x = (x - mean) / std * scale
        width = hidden or x.shape[1]
        wd = np.zeros((width, n_labels))
        bd = np.zeros(n_labels)
        if hidden:
            init = np.random.default_rng(seed)
            w1 = init.normal(0.0, 1.0 / scale, (x.shape[1], hidden))
            b1 = np.zeros(hidden)
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        lr = rate / (1.0 + epoch)
        for r in order:
            feats, y = rows[r]
            scores = [sum(w[f][k] for f in feats) for k in range(n_labels)]
            if use_dense:
                xr = x[r]
                hr = np.tanh(xr @ w1 + b1) if hidden else xr
                scores = [a + b for a, b in zip(scores, (hr @ wd + bd).tolist())]
            top = max(scores)
            exp = [math.exp(s - top) for s in scores]
            total = sum(exp)
            grads = [exp[k] / total - (1.0 if k == y else 0.0) for k in range(n_labels)]
            for k in range(n_labels):
                grad = grads[k]
                for f in feats:
                    w[f][k] -= lr * (grad + l2 * w[f][k])
            if use_dense:
                g = np.asarray(grads)
                if hidden:
                    dh = (wd @ g) * (1.0 - hr * hr)
                    w1 -= lr * (np.outer(xr, dh) + dl2 * w1)
                    b1 -= lr * dh
                    bd -= lr * g
                wd -= lr * (np.outer(hr, g) + dl2 * wd)
    weights = {}
    for f, ws in zip(names, w):
        rounded = [round(x, 4) + 0.0 for x in ws]
        if max(abs(x) for x in rounded) >= 0.001:
            weights[f] = rounded
    dense = None
    if use_dense:  # the standardization folded in: score = raw row @ matrix + bias (or of the hidden layer)
        first = w1 if hidden else wd
        folded = first * (scale / std)[:, None]
        shift = -(mean * scale / std) @ first

        def rounded_rows(m):
            return [[round(float(v), 6) + 0.0 for v in r] for r in m]

        if hidden:
            dense = {"blocks": list(blocks), "weights": rounded_rows(wd), "bias": rounded_rows([bd])[0],
                     "hidden": {"weights": rounded_rows(folded), "bias": rounded_rows([b1 + shift])[0]}}
        else:
            dense = {"blocks": list(blocks), "weights": rounded_rows(folded), "bias": rounded_rows([shift])[0]}
    served = Counter((ex["doc"], ex["plover"]) for ex in examples)
    per_type = Counter(p for _, p in served)
    labelled = Counter(ex["plover"] for ex in examples if ex["label"] != "none")
    types = sorted(p for p in per_type if per_type[p] >= min_triggers and labelled[p] > 0)
    return {"format": FORMAT, "labels": list(LABELS), "event_types": types,
            "training": {"documents": len({ex["doc"] for ex in examples}), "examples": len(examples),
                         "labels": dict(sorted(Counter(ex["label"] for ex in examples).items())),
                         "epochs": epochs, "seed": seed, "rate": rate, "l2": l2, "min_count": min_count,
                         **({"dense_scale": dense_scale, "dense_l2": dl2, "hidden": hidden} if dense else {})},
            **({"dense": dense} if dense else {}), "weights": weights}


def report(model: dict, examples: list[dict]) -> str:
    """Per-label precision and recall of the argmax over candidates."""
    from graph.extract.role_model import RoleModel

    m = RoleModel.from_json(model, "trained")
    tp, sys_, gold = Counter(), Counter(), Counter()
    for ex in examples:
        p = m.probabilities(ex["features"])
        guess = LABELS[max(range(len(LABELS)), key=lambda k: p[k])]
        sys_[guess] += 1
        gold[ex["label"]] += 1
        tp[guess] += guess == ex["label"]
    return "  ".join(f"{lab}: P {tp[lab] / max(sys_[lab], 1):.3f} R {tp[lab] / max(gold[lab], 1):.3f} (n {gold[lab]})"
                     for lab in LABELS[1:])


def dense_blocks(spec: str) -> tuple[str, ...]:
    """The dense blocks of a comma-separated list (``--dense cand,trig,prod``)."""
    blocks = tuple(b for b in spec.split(",") if b)
    if any(b not in DENSE_BLOCKS for b in blocks):
        raise ConfigError(f"--dense {spec!r}: blocks of {DENSE_BLOCKS}")
    return blocks


def write_model(model: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    head = json.dumps({k: v for k, v in model.items() if k not in ("weights", "dense")}, sort_keys=True)[:-1]
    lines = [head + (', "weights": {' if model.get("dense") is None else ",")]
    if model.get("dense") is not None:  # a line per dimension of the dense inputs
        d = model["dense"]
        rows = d["weights"]
        lines.append(f'"dense": {{"bias": {json.dumps(d["bias"])}, "blocks": {json.dumps(d["blocks"])}, "weights": [')
        lines += [json.dumps(r) + ("," if k < len(rows) - 1 else "") for k, r in enumerate(rows)]
        if d.get("hidden") is not None:
            hrows = d["hidden"]["weights"]
            lines.append(f'], "hidden": {{"bias": {json.dumps(d["hidden"]["bias"])}, "weights": [')
            lines += [json.dumps(r) + ("," if k < len(hrows) - 1 else "") for k, r in enumerate(hrows)]
            lines.append("]}},")
        else:
            lines.append("]},")
        lines.append('"weights": {')
    items = sorted(model["weights"].items())
    lines += [f"{json.dumps(f)}: {json.dumps(ws)}" + ("," if k < len(items) - 1 else "") for k, (f, ws) in enumerate(items)]
    lines.append("}}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", type=Path, default=SHARED / "datasets" / "wikievents-train")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "wikievents.train.jsonl")
    ap.add_argument("--part", choices=("tuning", "all"), default="tuning")
    ap.add_argument("--out", type=Path, default=ROOT / "graph" / "data" / "role_model.json")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--min-count", type=int, default=MIN_COUNT)
    ap.add_argument("--examples", type=Path, default=None, help="cache of parsed examples (JSON lines)")
    ap.add_argument("--coref-labels", choices=COREF_CHOICES, default="none",
                    help="also label candidates by the gold argument their resolved actor names (an experiment)")
    ap.add_argument("--report", action="store_true", help="also print candidate scores on the check part")
    ap.add_argument("--dense", default="", help="dense inputs from spaCy's token vectors, comma-separated blocks of "
                    f"{','.join(DENSE_BLOCKS)} (empty: sparse features only)")
    ap.add_argument("--dense-scale", type=float, default=DENSE_SCALE)
    ap.add_argument("--dense-l2", type=float, default=None, help="L2 of the dense weights (default --l2)")
    ap.add_argument("--hidden", type=int, default=0, help="tanh units between the dense inputs and the scores (0: none)")
    args = ap.parse_args(argv)
    blocks = dense_blocks(args.dense)
    parts = {"tuning", "check"} if args.part == "all" or args.report else {"tuning"}
    if args.examples is not None and args.examples.exists():
        examples = [json.loads(line) for line in args.examples.read_text(encoding="utf-8").splitlines() if line]
    else:
        examples = examples_of(args.texts, args.gold, parts if args.part == "tuning" else {"tuning", "check"},
                               coref=args.coref_labels, dense=blocks)
        if args.examples is not None:
            args.examples.write_text("".join(json.dumps(ex, sort_keys=True) + "\n" for ex in examples), encoding="utf-8")
    fit = examples if args.part == "all" else [ex for ex in examples if ex["part"] == "tuning"]
    if any((ex.get("dense") is not None) != bool(blocks) for ex in fit):
        raise ConfigError(f"{args.examples}: the cached examples were made with other --dense blocks")
    model = train(fit, epochs=args.epochs, seed=args.seed, l2=args.l2, min_count=args.min_count,
                  dense_scale=args.dense_scale, blocks=blocks, dense_l2=args.dense_l2, hidden=args.hidden)
    write_model(model, args.out)
    print(f"wrote {args.out}: {len(model['weights'])} features from {model['training']['documents']} documents, "
          f"{model['training']['examples']} examples {model['training']['labels']}; serves {model['event_types']}")
    if args.report:
        print("tuning:", report(model, [ex for ex in examples if ex["part"] == "tuning"]))
        print("check: ", report(model, [ex for ex in examples if ex["part"] == "check"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
