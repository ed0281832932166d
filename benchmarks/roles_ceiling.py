"""How far the learned roles can go on WikiEvents: the ceiling of each stage, per part.

    python benchmarks/roles_ceiling.py                 # both parts of WikiEvents train in ../shared
    python benchmarks/roles_ceiling.py --parts check

For every Attacker/Killer/Jailer/Injurer (agent) and Target/Victim/Detainee (target) argument of a
gold conflict event whose trigger the pipeline finds (the arguments ``we_agent_acc`` and
``we_target_acc`` count), it measures, in the trigger's mentions before events are merged:

* pronoun: the argument is only stop words ("he", "who", "they"): the scorer never matches it;
* candidates: one of the trigger's candidate words (graph/extract/role_model.py) holds it, labelled
  as scripts/train_roles.py labels training examples;
* resolvable: such a candidate resolves to an actor whose name matches the argument (the scorer's
  name_match on names and mention texts);
* model p >= DECODE: the model gives such a candidate the role's decoding probability;
* mention accuracy with the model, and with an ORACLE model (the gold label of every candidate,
  probability 1): what the rules + decoding + resolution make of a perfect model.

The scorer's ``we_*_acc`` is measured on merged events with actor aliases, so it differs a little
from the mention accuracy here. Reads ../shared (WikiEvents train and the scorer's name matching);
measures only, fits nothing. About 2 minutes on 2 CPUs (every document is parsed once).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--parts", nargs="+", choices=("tuning", "check"), default=["tuning", "check"])
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.shared / "tools"))
    from evaluate import part_of
    from score_datasets import AGENT_ROLES, STOP, TARGET_ROLES, name_match, words  # the roles the scorer counts
    from train_roles import CONFLICT, ROLE_LABEL, label_of

    import graph.extract.event_roles as er
    from graph.extract.actors import ArticleEntities
    from graph.extract.events import EventFinder
    from graph.extract.extractor import Extractor
    from graph.extract.role_model import LABELS
    from graph.read import read_articles

    texts = args.shared / "datasets" / "wikievents-train"
    gold_file = args.shared / "gold" / "wikievents.train.jsonl"
    golds = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    ext = Extractor.create()
    model_scored = er.RoleFinder.scored
    current: dict[str, list] = {"args": []}

    def oracle_scored(self, trig):  # the gold label of each candidate, with probability 1
        if self.role_model is None or trig.entry.plover not in self.role_model.event_types:
            return []
        out = []
        for tok, _ in self.candidate_features(trig):
            label = label_of(tok, [a for s, e, a in current["args"] if s < trig.end and trig.start < e])
            out.append((tok, tuple(1.0 if k == LABELS.index(label) else 0.0 for k in range(len(LABELS)))))
        return out

    n = Counter()
    for g in sorted(golds, key=lambda d: d["doc"]):
        part, path = part_of(g["doc"]), texts / f"{g['doc']}.txt"
        if part not in args.parts or not path.exists():
            continue
        arts = [a for a in read_articles([path]) if hasattr(a, "text")]
        if not arts:
            continue
        article, doc = arts[0], ext.nlp(arts[0].text)
        spans = {m["id"]: (m["char_start"], m["char_end"]) for m in g.get("entity_mentions", [])}
        events = [e for e in g.get("events", []) if e["type"].startswith(CONFLICT)]
        current["args"] = [(e["trigger"]["char_start"], e["trigger"]["char_end"],
                            (ROLE_LABEL.get(a["role"], "none"), spans[a["entity_id"]], a["text"]))
                           for e in events for a in e["arguments"] if a["entity_id"] in spans]
        runs = {}
        for name, scorer in (("model", model_scored), ("oracle", oracle_scored)):
            er.RoleFinder.scored = scorer
            try:
                runs[name] = ext.parse_doc(article, doc).events
            finally:
                er.RoleFinder.scored = model_scored
        finder = EventFinder(doc, ArticleEntities.build(doc, article, ext.resolver), ext.lexicon)
        triggers = [t for s in doc.sents for t in finder.triggers(s)]
        for e in events:
            ts, te = e["trigger"]["char_start"], e["trigger"]["char_end"]
            if not any(m.trigger_start < te and ts < m.trigger_end for m in runs["model"]):
                continue
            trigs = [t for t in triggers if t.start < te and ts < t.end]
            for a in e["arguments"]:
                side = "agent" if a["role"] in AGENT_ROLES else "target" if a["role"] in TARGET_ROLES else ""
                if not side:
                    continue
                key, gold = (part, side), {words(a["text"])}
                n[key + ("n",)] += 1
                for name, mentions in runs.items():
                    hits = [m for m in mentions if m.trigger_start < te and ts < m.trigger_end]
                    ok = [name_match(gold, {words(x) for r in (m.agents if side == "agent" else m.targets)
                                            for x in (r.name, r.text)}) for m in hits]
                    n[key + (name,)] += sum(ok) / len(ok) if ok else 0.0
                if all(w in STOP for w in words(a["text"])) or a["entity_id"] not in spans:
                    n[key + ("pronoun",)] += 1
                    continue
                arg = (side, spans[a["entity_id"]], a["text"])
                k = LABELS.index(side)
                cands = [(tok, p) for t in trigs for tok, p in finder.scored(t) if label_of(tok, [arg]) == side]
                n[key + ("candidates",)] += bool(cands)
                n[key + ("resolvable",)] += any(
                    name_match(gold, {words(x) for r in finder.resolve([tok], side == "target", phrases=True)
                                      for x in (r.name, r.text)}) for tok, _ in cands)
                n[key + ("decoded",)] += any(p[k] >= er.DECODE[side] for _, p in cands)
    cols = ("pronoun", "candidates", "resolvable", "decoded", "model", "oracle")
    print(f"{'part':<7} {'role':<7} {'n':>5} " + " ".join(f"{c:>10}" for c in cols))
    for part in args.parts:
        for side in ("agent", "target"):
            total = n[(part, side, "n")]
            cells = [f"{n[(part, side, c)] / total:>10.3f}" if total else f"{'-':>10}" for c in cols]
            print(f"{part:<7} {side:<7} {total:>5} " + " ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
