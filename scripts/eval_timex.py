#!/usr/bin/env python3
"""Score graph.extract.temporal.find_timexes on TempEval-3 (TimeML) documents with the shared scorer.

Usage: eval_timex.py OUT_DIR [--shared DIR] [--pattern GLOB] [--no-doc] [--events] [--no-score] [--verbose]

For every corpus document matching PATTERN (default ``tbaq_aquaint__*.txt``) in
SHARED/corpus, reads the sidecar's ``published`` date, parses the text with the project's
spaCy model (plus the ``ctkg_line_breaks`` sentence splitter of graph.extract.nlp), runs
``find_timexes`` and writes a minimal export folder to OUT_DIR: ``articles.csv`` (status ok)
and ``timexes.csv``. Then runs SHARED/tools/score_datasets.py on it against
SHARED/gold/tbaq_aquaint_timeml.dev.jsonl and prints its output (``--verbose`` passes the
scorer's list of misses through). ``--no-doc`` runs the finder without a parse.

``--events`` is a diagnostic of ``date_for_span`` only: every verb and common noun becomes a
mention (mentions.csv, events.csv) dated by ``date_for_span``, so that the scorer's
``event_anchored_date_acc`` measures the dating rules on the gold TLINK anchors. It says
nothing about event detection (these "events" are not events).
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.extract.temporal import date_for_span, find_timexes  # noqa: E402

ARTICLE_COLUMNS = ["article_id", "title", "publisher", "published", "path", "status", "error", "n_events",
                   "n_statements"]
TIMEX_COLUMNS = ["article", "text", "char_start", "char_end", "type", "value"]
MENTION_COLUMNS = ["event_id", "article", "sentence", "char_start", "char_end", "trigger", "trigger_start", "trigger_end"]
EVENT_COLUMNS = ["event_id", "date", "date_start", "date_end", "date_precision", "event_type", "label", "agents",
                 "targets", "place", "latitude", "longitude", "articles"]


def load_nlp():
    import spacy

    from graph.extract import nlp as project_nlp  # registers the ctkg_line_breaks component

    for name in project_nlp.MODEL_NAMES:
        try:
            model = spacy.load(name, exclude=["senter"])
        except OSError:
            continue
        model.add_pipe("ctkg_line_breaks", before="parser")
        return model
    raise SystemExit("no spaCy English model installed")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--pattern", default="tbaq_aquaint__*.txt")
    ap.add_argument("--gold", type=Path, default=None)
    ap.add_argument("--no-doc", action="store_true")
    ap.add_argument("--events", action="store_true", help="diagnostic: date every verb and noun")
    ap.add_argument("--no-score", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)

    paths = sorted((args.shared / "corpus").glob(args.pattern))
    if not paths:
        raise SystemExit(f"no documents match {args.shared / 'corpus' / args.pattern}")
    nlp = None if args.no_doc else load_nlp()
    args.out.mkdir(parents=True, exist_ok=True)
    articles, rows, mentions, events = [], [], [], []
    for path in paths:
        meta_path = path.with_suffix(".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        published = meta.get("published") or meta.get("publication_date")
        anchor = date.fromisoformat(published[:10]) if published else None
        text = path.read_text(encoding="utf-8")
        doc = nlp(text) if nlp is not None else None
        timexes = find_timexes(text, anchor, doc=doc)
        articles.append({"article_id": path.stem, "title": meta.get("title", ""), "publisher": meta.get("publisher", ""),
                         "published": published or "", "path": str(path), "status": "ok", "error": "",
                         "n_events": 0, "n_statements": 0})
        rows += [{"article": path.stem, "text": t.text, "char_start": t.start, "char_end": t.end,
                  "type": t.time.type, "value": t.time.value} for t in timexes]
        if args.events and doc is not None:
            for tok in doc:
                if tok.pos_ not in ("VERB", "NOUN"):
                    continue
                tv, _ = date_for_span(doc, tok.idx, tok.idx + len(tok), timexes, anchor,
                                      speech=tok.lemma_ in ("say", "tell", "announce", "report"))
                eid = f"{path.stem}:{tok.idx}"
                mentions.append({"event_id": eid, "article": path.stem, "sentence": tok.sent.text.strip(),
                                 "char_start": tok.sent.start_char, "char_end": tok.sent.end_char, "trigger": tok.text,
                                 "trigger_start": tok.idx, "trigger_end": tok.idx + len(tok)})
                events.append({"event_id": eid, "date": tv.value, "date_start": tv.start or "",
                               "date_end": tv.end or "", "date_precision": tv.precision, "event_type": "OTHER",
                               "label": tok.text, "articles": path.stem})
    outputs = [("articles.csv", ARTICLE_COLUMNS, articles), ("timexes.csv", TIMEX_COLUMNS, rows)]
    if args.events:
        outputs += [("mentions.csv", MENTION_COLUMNS, mentions), ("events.csv", EVENT_COLUMNS, events)]
    for name, columns, data in outputs:
        with (args.out / name).open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore", restval="")
            w.writeheader()
            w.writerows(data)
    print(f"wrote {len(rows)} timexes of {len(articles)} documents to {args.out}")
    if args.no_score:
        return 0
    gold = args.gold or args.shared / "gold" / "tbaq_aquaint_timeml.dev.jsonl"
    cmd = [sys.executable, str(args.shared / "tools" / "score_datasets.py"), str(args.out), str(gold)]
    if args.verbose:
        cmd.append("--verbose")
    return subprocess.call(cmd)


if __name__ == "__main__":
    raise SystemExit(main())
