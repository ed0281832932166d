"""The most the learned roles can give on WikiEvents, as the scorer counts: an ORACLE role model.

    python benchmarks/roles_oracle.py                  # both parts of WikiEvents train in ../shared
    python benchmarks/roles_oracle.py --parts check --out /tmp/oracle

Builds each part of WikiEvents train (split as scripts/evaluate.py splits it) twice, as
``scripts/evaluate.py`` builds it (the CSV tables, one process), and scores it with
``score_datasets.py``: once with the shipped role model, once with an oracle in its place, which gives
every candidate argument the label of the gold argument that holds it (labelled as
scripts/train_roles.py labels training examples) with probability 1. Everything else (candidates,
the rules, decoding, name resolution, merging) is ctkg's own, so the oracle's ``we_agent_acc`` and
``we_target_acc`` are the ceiling a better role model could reach with today's candidates: what is
left above it is out of any chooser's reach (pronouns the gold never resolves, arguments far from
the trigger, names resolved otherwise). Reads the gold of both parts to label the oracle's
candidates: a measurement only; nothing is fitted. About 4 minutes on 2 CPUs.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

SHARED = ROOT.parent / "shared"
MEASURES = ("we_agent_acc", "we_target_acc", "we_place_acc")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--parts", nargs="+", choices=("tuning", "check"), default=["tuning", "check"])
    ap.add_argument("--out", type=Path, help="folder for the builds (default: a temporary one)")
    args = ap.parse_args(argv)
    import evaluate as ev
    from train_roles import CONFLICT, ROLE_LABEL, label_of

    import graph.extract.event_roles as er
    from graph.extract.extractor import Extractor
    from graph.extract.role_model import LABELS

    gold_file = args.shared / "gold" / "wikievents.train.jsonl"
    golds = {}
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            golds[g["doc"]] = g
    current: dict[str, list] = {"args": []}
    model_scored, model_parse = er.RoleFinder.scored, Extractor.parse_doc

    def oracle_scored(self, trig):  # the gold label of each candidate, with probability 1
        if self.role_model is None or trig.entry.plover not in self.role_model.event_types:
            return []
        cache = self.__dict__.setdefault("_oracle_cache", {})
        key = (trig.start, trig.end)
        if key not in cache:
            held = [a for s, e, a in current["args"] if s < trig.end and trig.start < e]
            cache[key] = [(tok, tuple(1.0 if k == LABELS.index(label_of(tok, held)) else 0.0
                                      for k in range(len(LABELS))))
                          for tok, _ in self.candidate_features(trig)]
        return cache[key]

    def parse_doc(self, article, doc):  # the gold arguments of the article being parsed
        g = golds.get(article.article_id, {})
        spans = {m["id"]: (m["char_start"], m["char_end"]) for m in g.get("entity_mentions", [])}
        current["args"] = [(e["trigger"]["char_start"], e["trigger"]["char_end"],
                            (ROLE_LABEL.get(a["role"], "none"), spans[a["entity_id"]], a["text"]))
                           for e in g.get("events", []) if e["type"].startswith(CONFLICT)
                           for a in e["arguments"] if a["entity_id"] in spans]
        return model_parse(self, article, doc)

    parts = ev.split(ev.documents(args.shared, "wikievents"))
    extractor = Extractor.create()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        rows = []
        for name in ("model", "oracle"):
            Extractor.parse_doc = parse_doc
            if name == "oracle":
                er.RoleFinder.scored = oracle_scored
            try:
                for part in args.parts:
                    ev.build(parts[part], out / name / part, extractor, 1, False)
                    s = ev.run_scorer(args.shared, "wikievents", out / name / part, parts[part])
                    rows.append((name, part, s))
            finally:
                er.RoleFinder.scored, Extractor.parse_doc = model_scored, model_parse
    print(f"{'roles':<7} {'part':<7} " + " ".join(f"{m:>15}" for m in MEASURES))
    for name, part, s in rows:
        print(f"{name:<7} {part:<7} " + " ".join(
            f"{s.get(m, 0.0):>8.3f} ({int(s.get(m + '_n', 0)):>3})" for m in MEASURES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
