"""How the role model and rules do on documents the model was not trained on, without the check part.

    python benchmarks/roles_cv.py                   # 5 folds over the tuning part of WikiEvents train
    python benchmarks/roles_cv.py --folds 3
    python benchmarks/roles_cv.py --dense cand,trig,prod --dense-scale 3   # with spaCy's token vectors

The model shipped in graph/data/role_model.json is trained on the tuning part, so the tuning part's
own misses hide what it gets wrong on unseen text. This splits the tuning part's documents into folds
(by the second byte of sha256 of the document id), trains a model on the other folds with
scripts/train_roles.py's ``train`` (its defaults) and extracts each fold's documents with that model.
For every Attacker/Killer/Jailer/Injurer (agent) and Target/Victim/Detainee (target) argument of a
gold conflict event whose trigger the pipeline finds, it prints the mention-level accuracy (as
benchmarks/roles_ceiling.py counts it: the mean over the trigger's mentions of a name match), the
roles given per mention, and a precision proxy: the share of the roles given to such mentions that
name one of the event's gold arguments of that side (gold texts are often common nouns, "bombers",
where the output names the group, so it is a lower bound); first, at the candidate level, the
precision and recall of each fold's candidates under the model of the other folds and the mean log
loss. Reads ../shared; fits nothing it ships.
About a minute on 2 CPUs.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--coref-labels", default="none",
                    help="train_roles.py's --coref-labels: none, own, all, names or pron (an experiment)")
    ap.add_argument("--dense", default="", help="train_roles.py's --dense: blocks of spaCy's token vectors "
                    "(cand,trig,prod; empty: sparse features only)")
    ap.add_argument("--dense-scale", type=float, default=None, help="train_roles.py's --dense-scale")
    ap.add_argument("--dense-l2", type=float, default=None, help="train_roles.py's --dense-l2")
    ap.add_argument("--hidden", type=int, default=0, help="train_roles.py's --hidden")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.shared / "tools"))
    from evaluate import part_of
    from score_datasets import AGENT_ROLES, STOP, TARGET_ROLES, name_match, words  # the roles the scorer counts
    from train_roles import CONFLICT, DENSE_SCALE, ROLE_LABEL, dense_blocks, train, trigger_examples

    import graph.extract.event_roles as er
    from graph.extract.actors import ArticleEntities
    from graph.extract.events import EventFinder
    from graph.extract.extractor import Extractor
    from graph.extract.role_model import LABELS, RoleModel
    from graph.read import read_articles

    blocks = dense_blocks(args.dense)
    scale = DENSE_SCALE if args.dense_scale is None else args.dense_scale
    golds = [json.loads(line) for line in (args.shared / "gold" / "wikievents.train.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    ext = Extractor.create()
    docs = []
    for g in sorted(golds, key=lambda d: d["doc"]):
        path = args.shared / "datasets" / "wikievents-train" / f"{g['doc']}.txt"
        if part_of(g["doc"]) != "tuning" or not path.exists():
            continue
        arts = [a for a in read_articles([path]) if hasattr(a, "text")]
        if arts:
            fold = hashlib.sha256(g["doc"].encode("utf-8")).digest()[1] % args.folds
            docs.append((g, arts[0], ext.nlp(arts[0].text), fold))
    examples = []
    for g, art, doc, fold in docs:
        finder = EventFinder(doc, ArticleEntities.build(doc, art, ext.resolver), ext.lexicon)
        spans = {m["id"]: (m["char_start"], m["char_end"]) for m in g.get("entity_mentions", [])}
        events = [e for e in g.get("events", []) if e["type"].startswith(CONFLICT)]
        for sent in doc.sents:
            for trig in finder.triggers(sent):
                gold = [e for e in events if e["trigger"]["char_start"] < trig.end and trig.start < e["trigger"]["char_end"]]
                gargs = [(ROLE_LABEL.get(a["role"], "none"), spans[a["entity_id"]], a["text"]) for e in gold
                         for a in e["arguments"] if a["entity_id"] in spans]
                examples += [{"doc": g["doc"], "fold": fold, "plover": trig.entry.plover, "label": label,
                              "features": feats, "dense": row}
                             for label, feats, row in trigger_examples(finder, trig, gargs, args.coref_labels, blocks)
                             ] if gold else []
    models = {k: RoleModel.from_json(train([x for x in examples if x["fold"] != k], dense_scale=scale, blocks=blocks,
                                           dense_l2=args.dense_l2, hidden=args.hidden),
                                     f"fold {k}")
              for k in range(args.folds)}
    # candidate level, each fold's examples scored by the model of the other folds (argmax, as train_roles.py --report)
    c: Counter = Counter()
    loss = 0.0
    for k, m in models.items():
        held = [x for x in examples if x["fold"] == k]
        extra = (m.dense.scores(np.asarray([x["dense"] for x in held], dtype=np.float64))
                 if m.dense is not None and held else [None] * len(held))
        for x, e in zip(held, extra):
            p = m.probabilities(x["features"], e)
            guess = max(range(len(p)), key=lambda j: p[j])
            c[x["label"], "gold"] += 1
            c[guess, "given"] += 1
            c[guess, "right"] += LABELS[guess] == x["label"]
            loss -= math.log(max(p[LABELS.index(x["label"])], 1e-12))
    print("candidates (held-out folds): " + "  ".join(
        f"{lab} P {c[j, 'right'] / max(c[j, 'given'], 1):.3f} R {c[j, 'right'] / max(c[lab, 'gold'], 1):.3f}"
        for j, lab in enumerate(LABELS) if j) + f"  log loss {loss / max(len(examples), 1):.4f}")
    n: Counter = Counter()
    packaged = er.default_model
    for g, art, doc, fold in docs:
        er.default_model = lambda m=models[fold]: m
        try:
            mentions = ext.parse_doc(art, doc).events
        finally:
            er.default_model = packaged
        for e in g.get("events", []):
            ts, te = e["trigger"]["char_start"], e["trigger"]["char_end"]
            hits = [m for m in mentions if m.trigger_start < te and ts < m.trigger_end]
            if not e["type"].startswith(CONFLICT) or not hits:
                continue
            for side, roles in (("agent", AGENT_ROLES), ("target", TARGET_ROLES)):
                gold = {words(a["text"]) for a in e["arguments"] if a["role"] in roles}
                gold = {x for x in gold if not all(w in STOP for w in x)}
                for m in hits:
                    for r in (m.agents if side == "agent" else m.targets) if gold else ():
                        n[side, "given"] += 1
                        n[side, "right"] += name_match(gold, {words(r.name), words(r.text)})
                for a in e["arguments"]:
                    if a["role"] in roles:
                        ok = [name_match({words(a["text"])}, {words(x) for r in (m.agents if side == "agent" else m.targets)
                                                              for x in (r.name, r.text)}) for m in hits]
                        n[side, "n"] += 1
                        n[side, "ok"] += sum(ok) / len(ok)
                        n[side, "roles"] += sum(len(m.agents if side == "agent" else m.targets) for m in hits) / len(hits)
    print(f"{'role':<7} {'n':>5} {'accuracy':>9} {'roles/mention':>14} {'precision':>10} {'given':>6}")
    for side in ("agent", "target"):
        total = n[side, "n"] or 1
        print(f"{side:<7} {n[side, 'n']:>5} {n[side, 'ok'] / total:>9.3f} {n[side, 'roles'] / total:>14.2f} "
              f"{n[side, 'right'] / max(n[side, 'given'], 1):>10.3f} {n[side, 'given']:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
