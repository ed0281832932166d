"""What the learned role model costs: parse time with it against parse time without it.

    python benchmarks/roles_ratio.py                  # 200 synthetic articles, 3 rounds
    python benchmarks/roles_ratio.py --articles 400 --rounds 5

The texts come from benchmarks/generate.py (real articles, renamed). spaCy runs once per
article; each round then times the ctkg stages of every article (entities, triggers, roles,
places, dates, statements) with the model and without it, in alternating order, and the
fastest round of each is kept. The ratio is parse time with the model / without it, where
parse time = spaCy time + ctkg stage time (the time ``ctkg build`` spends per article before
building the graph). Times are CPU times of the process (time.process_time), so that other
programs on the machine weigh less on the ratio. The budget is 1.10.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

BUDGET = 1.10


def main(argv: list[str] | None = None) -> int:
    from dataclasses import replace

    from benchmarks.generate import generate, load_sources
    from graph.core.model import Article
    from graph.extract.extractor import Extractor

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)

    records = generate(args.articles, load_sources())
    articles = [Article(article_id=r["id"], text=r["text"], path=r["id"], title=r.get("title", ""), published=None)
                for r in records]
    with_model = Extractor.create()
    without = replace(with_model, learned_roles=False)
    t0 = time.process_time()
    docs = list(with_model.nlp.pipe([a.text for a in articles], batch_size=16))
    spacy_s = time.process_time() - t0
    best = {"with": float("inf"), "without": float("inf")}
    for r in range(args.rounds):
        for name, ext in (("with", with_model), ("without", without))[:: 1 if r % 2 == 0 else -1]:
            t0 = time.process_time()
            for a, d in zip(articles, docs):
                ext.parse_doc(a, d)
            best[name] = min(best[name], time.process_time() - t0)
    ratio = (spacy_s + best["with"]) / (spacy_s + best["without"])
    print(f"articles {len(articles)}: spaCy {spacy_s:.2f} s; ctkg stages with the model {best['with']:.2f} s, "
          f"without {best['without']:.2f} s")
    print(f"parse time ratio (with / without the role model): {ratio:.3f} (budget {BUDGET:.2f})")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
