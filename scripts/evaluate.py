#!/usr/bin/env python3
"""Build and score every annotated dataset in ../shared, each split once into a tuning and a check part.

Usage: evaluate.py [--out DIR] [--datasets NAME ...] [--parts tuning check] [--workers N] [--limit N]
                   [--json FILE] [--reuse] [--shared DIR]

Datasets (see ../shared/datasets/README.md and ../shared/gold/README.md):
  seeds        ../shared/seeds, ../shared/gold/seeds.gold.json, score_gold.py
  corpus       the 21-doc ../shared/corpus, ../shared/gold/{wikievents,ecbplus,tbaq_aquaint_timeml}.dev.jsonl,
               score_datasets.py
  wikievents   WikiEvents train (datasets/wikievents-train), gold/wikievents.train.jsonl, score_datasets.py
  ecbplus      ECB+ all topics (datasets/ecbplus), gold/ecbplus-all.dev.jsonl, score_datasets.py
  timebank     TimeBank + AQUAINT (datasets/timebank), gold/timebank.dev.jsonl, score_datasets.py
  gvdb         GVDB dev (datasets/gvdb), gold/gvdb.dev.jsonl, score_gvdb.py
  polnear      PolNeAR train+dev (datasets/polnear), gold/polnear.dev.jsonl, score_quotes.py

The split (one rule for every dataset, :func:`part_of`): a document's unit is its id, except ECB+
documents (``ecbplus__<topic>_...``), whose unit is their topic (``ecbplus__<topic>``), because
cross-document coreference needs a topic's documents together. A unit is in the CHECK part when the
first byte of sha256(unit, UTF-8) is below 77 (about 30 %), else in the TUNING part. Tune on the
tuning part; read the check part only to see whether a change generalises.

Each part of each dataset is built into its own folder, OUT/<dataset>/<part>/ (the CSV tables only,
with graph.pipeline.run_build, as ``ctkg build``), so that events merge only within the part; the
scorers then score the gold documents present in that folder (score_datasets.py, score_gvdb.py and
score_quotes.py score only the documents named in articles.csv; for score_gold.py, which does not, the
gold is first cut to the part's articles). Prints one table (dataset, metric, tuning value and n, check
value and n; n = the measure's denominator where the scorer gives one, else the documents scored) and
writes it as JSON with ``--json``. For ECB+ the table also gives, per part, the units ctkg codes as statements (speech events) or does not
code at all (``ecb_statement_units``, ``ecb_uncoded_units``: shares of the units), the coverage of the
units it codes as events (``*_coverage_coded``), and the measures of the violent stories alone
(:data:`ECB_SUBSETS`: ``violent_*`` for topics 8, 12, 16, 18, 22 and 32), scored by score_datasets.py on gold files cut to them (see :func:`ecb_subsets`). ``--limit N`` keeps the first N documents (by unit, then id) of
each part, for quick runs. ``--reuse`` keeps a part's folder when it was built from the same inputs
and the same graph/ sources.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"

PARTS = ("tuning", "check")
CHECK_BELOW = 77  # first byte of sha256(unit) below this: check part (77/256 = 30 %)
ECB_TOPIC = re.compile(r"(ecbplus__\d+)_")


def unit_of(doc_id: str) -> str:
    """The unit a document is split with: its ECB+ topic for ECB+ documents, else its id."""
    m = ECB_TOPIC.match(doc_id)
    return m.group(1) if m else doc_id


def part_of(doc_id: str) -> str:
    """'check' or 'tuning': the one split of every dataset (see the module's docstring).

    >>> part_of("ecbplus__3_1ecb") == part_of("ecbplus__3_7ecbplus")
    True
    """
    return "check" if hashlib.sha256(unit_of(doc_id).encode("utf-8")).digest()[0] < CHECK_BELOW else "tuning"


# dataset -> (input folder under shared, gold files under shared/gold, scorer, metrics)
SD_TIMEX = ["timex_relaxed_f1", "timex_strict_f1", "timex_value_acc", "timex_value_f1", "event_anchored_date_acc"]
SD_WE = ["we_trigger_recall_strict", "we_trigger_recall_lenient", "we_type_acc", "we_agent_acc", "we_target_acc",
         "we_place_acc", "we_precision_proxy", "we_statement_recall"]
SD_ECB = ["ecb_coverage", "ecb_pairwise_f1", "ecb_bcubed_f1", "ecb_trigger_precision"]
# ECB+ topics scored apart (see :func:`ecb_subsets`): the violent stories (topic 41, the one merging
# was first tuned on, is in the corpus dataset's ECB+ gold, not here)
ECB_SUBSETS = {"violent": (8, 12, 16, 18, 22, 32)}
ECB_EXTRA = (["ecb_bcubed_p", "ecb_pairwise_p", "ecb_pairwise_r", "ecb_coverage_coded", "ecb_statement_units",
              "ecb_uncoded_units"]
             + [f"{s}_{m}" for s in ECB_SUBSETS for m in ("bcubed_f1", "bcubed_p", "bcubed_r", "pairwise_f1",
                                                         "coverage", "coverage_coded")])
DATASETS: dict[str, dict] = {
    "seeds": {"texts": "seeds", "gold": ["seeds.gold.json"], "scorer": "score_gold.py",
              "metrics": ["event_recall", "event_date_acc", "event_type_acc", "event_agents_acc", "event_place_acc",
                          "crossdoc_merge", "event_precision_proxy", "statement_recall", "statement_speaker_acc",
                          "statement_date_acc", "actor_recall", "actor_canonical", "place_located", "score"]},
    "corpus": {"texts": "corpus", "gold": ["wikievents.dev.jsonl", "ecbplus.dev.jsonl", "tbaq_aquaint_timeml.dev.jsonl"],
               "scorer": "score_datasets.py", "metrics": SD_TIMEX + SD_WE + SD_ECB + ["score"]},
    "wikievents": {"texts": "datasets/wikievents-train", "gold": ["wikievents.train.jsonl"],
                   "scorer": "score_datasets.py", "metrics": SD_WE + ["score"]},
    "ecbplus": {"texts": "datasets/ecbplus", "gold": ["ecbplus-all.dev.jsonl"], "scorer": "score_datasets.py",
                "metrics": SD_ECB + ["score"] + ECB_EXTRA},
    "timebank": {"texts": "datasets/timebank", "gold": ["timebank.dev.jsonl"], "scorer": "score_datasets.py",
                 "metrics": SD_TIMEX + ["score"]},
    "gvdb": {"texts": "datasets/gvdb", "gold": ["gvdb.dev.jsonl"], "scorer": "score_gvdb.py",
             "metrics": ["gvdb_shooter_acc", "gvdb_victim_acc", "gvdb_place_acc", "gvdb_date_acc", "gvdb_event_rate",
                         "gvdb_actor_recall", "score"]},
    "polnear": {"texts": "datasets/polnear", "gold": ["polnear.dev.jsonl"], "scorer": "score_quotes.py",
                "metrics": ["quote_recall_direct", "quote_recall_indirect", "quote_speaker_acc", "quote_precision",
                            "quote_span_iou", "score"]},
}
# the denominator of a measure that the scorer does not give as NAME_n
N_OF = {"timex_relaxed_f1": "timex_gold", "timex_strict_f1": "timex_gold", "timex_value_f1": "timex_gold",
        "timex_value_acc": "timex_gold", "ecb_coverage": "ecb_units", "ecb_pairwise_f1": "ecb_units",
        "ecb_bcubed_f1": "ecb_units", "ecb_bcubed_p": "ecb_units", "ecb_pairwise_p": "ecb_units",
        "ecb_pairwise_r": "ecb_units", "ecb_coverage_coded": "ecb_units_coded",
        **{f"{s}_{m}": f"{s}_units{'_coded' if m.endswith('coded') else ''}" for s in ECB_SUBSETS
           for m in ("bcubed_f1", "bcubed_p", "bcubed_r", "pairwise_f1", "coverage", "coverage_coded")},
        "quote_span_iou": "quote_recall_all_n", "quote_precision": "quote_precision_n"}


def documents(shared: Path, name: str) -> list[Path]:
    """The texts of a dataset: every NAME.txt of its folder."""
    return sorted((shared / DATASETS[name]["texts"]).glob("*.txt"))


def split(paths: list[Path], limit: int | None = None) -> dict[str, list[Path]]:
    """The texts of each part (sorted by unit, then id), at most ``limit`` each."""
    parts: dict[str, list[Path]] = {p: [] for p in PARTS}
    for path in sorted(paths, key=lambda p: (unit_of(p.stem), p.stem)):
        parts[part_of(path.stem)].append(path)
    return {p: docs[:limit] if limit else docs for p, docs in parts.items()}


def sources_digest(paths: list[Path]) -> str:
    """What a build depends on: its inputs and the package's sources."""
    h = hashlib.sha256()
    for p in paths:
        h.update(str(p).encode() + b"\0")
    for src in sorted((ROOT / "graph").rglob("*")):
        if src.is_file() and "__pycache__" not in src.parts:
            h.update(str(src.relative_to(ROOT)).encode() + b"\0" + src.read_bytes())
    return h.hexdigest()


CSV_FORMATS = ["articles.csv", "events.csv", "mentions.csv", "statements.csv", "timexes.csv", "actors.csv",
               "places.csv"]
STAMP = ".evaluate-inputs"


def build(paths: list[Path], out: Path, extractor, workers: int, reuse: bool) -> float:
    """Build ``paths`` into ``out`` (the CSV tables); the seconds it took (0 when reused)."""
    from graph.pipeline import run_build

    digest = sources_digest(paths) if reuse else ""
    if reuse and (out / STAMP).is_file() and (out / STAMP).read_text() == digest:
        return 0.0
    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    result = run_build(paths, out, extractor=extractor, formats=CSV_FORMATS, workers=workers)
    if result.failed:
        print(f"  {result.failed} of {result.articles} articles failed in {out}", file=sys.stderr)
    if reuse:
        (out / STAMP).write_text(digest)
    return time.perf_counter() - t0


def seeds_gold_for(gold: dict, articles: set[str], texts: list[str]) -> dict:
    """The seeds gold cut to some articles: their events (mentions in them) and statements, and the
    actors and places named in their texts (score_gold.py scores the whole gold file otherwise)."""
    if set(gold.get("articles", {})) <= articles:
        return gold
    low = " ".join(texts).casefold()

    def named(item: dict) -> bool:
        return any(n.casefold() in low for n in [item["name"], *item.get("aliases", [])])

    events = []
    for e in gold.get("events", []):
        mentions = [m for m in e.get("mentions", []) if m["article"] in articles]
        if mentions:
            events.append({**e, "mentions": mentions})
    return {**gold, "articles": {a: v for a, v in gold.get("articles", {}).items() if a in articles},
            "events": events, "statements": [s for s in gold.get("statements", []) if s["article"] in articles],
            "actors": [a for a in gold.get("actors", []) if named(a)],
            "places": [p for p in gold.get("places", []) if named(p)]}


def run_scorer(shared: Path, name: str, out: Path, paths: list[Path]) -> dict:
    """The scorer's measures for the build in ``out``."""
    spec = DATASETS[name]
    tool = shared / "tools" / spec["scorer"]
    gold = [str(shared / "gold" / g) for g in spec["gold"]]
    if spec["scorer"] == "score_gold.py":
        cut = seeds_gold_for(json.loads(Path(gold[0]).read_text(encoding="utf-8")), {p.stem for p in paths},
                             [p.read_text(encoding="utf-8") for p in paths])
        (out / "gold.part.json").write_text(json.dumps(cut), encoding="utf-8")
        args = [str(out / "gold.part.json"), str(out), "--json"]
    elif spec["scorer"] == "score_quotes.py":  # no --json: `name: value` lines
        args = [str(out), *gold]
    else:  # only the gold files with documents in this part (a kind with none would count as zeros)
        names = {p.stem for p in paths}
        gold = [g for g in gold if any(json.loads(line)["doc"] in names
                                       for line in Path(g).read_text(encoding="utf-8").splitlines() if line.strip())]
        args = [str(out), *gold, "--json"]
    res = subprocess.run([sys.executable, str(tool), *args], capture_output=True, text=True, check=True)
    if "--json" in args:
        return json.loads(res.stdout)
    got: dict = {}
    for line in res.stdout.splitlines():
        key, _, value = line.partition(": ")
        try:
            got[key.strip()] = int(value) if value.strip().isdigit() else float(value)
        except ValueError:
            got[key.strip()] = value.strip()
    return got


def _ecb_units(line: dict) -> list[dict]:
    """The gold mentions score_datasets.py scores as ECB+ units: EVENT actions in a chain with an
    instance id, inside an annotated sentence."""
    inst = {mid for ch in line.get("coref_chains", []) if ch.get("instance_id") for mid in ch["mention_ids"]}
    ann = [tuple(x) for x in line.get("annotated_sentence_char_spans", [])]
    return [m for m in line.get("mentions", []) if m.get("class") == "EVENT" and m["m_id"] in inst
            and re.match(r"(NEG_)?ACTION_", m.get("tag", "")) and any(a <= m["char_start"] and m["char_end"] <= b
                                                                    for a, b in ann)]


def ecb_code_classes(lines: list[dict], texts: Path) -> dict[tuple[str, str], str]:
    """(doc, m_id) -> 'event', 'statement' or 'uncoded' for every ECB+ unit: what ctkg means to do with
    it, by the lemmas of its words in their sentence (spaCy, the model ctkg parses with). A word of the
    event lexicon (graph/data/event_lexicon.csv) is an event; else a speech verb or statement noun
    (graph.lexicon.words) is coded as a statement, not an event; anything else ("war", "landed")
    ctkg does not code."""
    import spacy

    from graph.extract.event_lexicon import default_lexicon
    from graph.extract.nlp import MODEL_NAMES
    from graph.lexicon.words import QUOTE_VERBS, SPEECH_VERBS, STATEMENT_NOUNS

    events = {lemma for lemma, _pos in default_lexicon()}
    speech = set(SPEECH_VERBS) | set(QUOTE_VERBS) | set(STATEMENT_NOUNS)
    nlp = None
    for name in MODEL_NAMES:  # the first installed, as graph.extract.nlp
        try:
            nlp = spacy.load(name, exclude=["ner", "parser", "senter"])
            break
        except OSError:
            continue
    if nlp is None:
        raise SystemExit(f"no spaCy model of {MODEL_NAMES} is installed")
    out: dict[tuple[str, str], str] = {}
    for line in lines:
        units = _ecb_units(line)
        if not units:
            continue
        text = (texts / f"{line['doc']}.txt").read_text(encoding="utf-8")
        for (a, b), doc in zip(line["annotated_sentence_char_spans"],
                               nlp.pipe(text[a:b] for a, b in line["annotated_sentence_char_spans"])):
            for m in units:
                if a <= m["char_start"] and m["char_end"] <= b:
                    lemmas = {t.lemma_.casefold() for t in doc if t.idx + a < m["char_end"]
                              and t.idx + a + len(t.text) > m["char_start"]}
                    out[(line["doc"], m["m_id"])] = ("event" if lemmas & events else
                                                     "statement" if lemmas & speech else "uncoded")
    return out


def ecb_subsets(shared: Path, out: Path, paths: list[Path]) -> dict:
    """Measures of ECB+ subsets, by score_datasets.py on gold files cut in ``out``: the units ctkg codes
    as events (``*_coverage_coded``, with the shares of units it codes as statements or not at all), and
    the topics of ECB_SUBSETS (the violent stories) alone."""
    names = {p.stem for p in paths}
    lines = [json.loads(x) for x in (shared / "gold" / DATASETS["ecbplus"]["gold"][0]).read_text(
        encoding="utf-8").splitlines() if x.strip()]
    lines = [x for x in lines if x["doc"] in names]
    classes = ecb_code_classes(lines, shared / DATASETS["ecbplus"]["texts"])
    coded = [{**x, "mentions": [m for m in x["mentions"] if classes.get((x["doc"], m["m_id"]), "event") == "event"]}
             for x in lines]
    tool = shared / "tools" / DATASETS["ecbplus"]["scorer"]

    def score(docs: list[dict], name: str) -> dict:
        path = out / f"gold.{name}.jsonl"
        path.write_text("".join(json.dumps(x) + "\n" for x in docs), encoding="utf-8")
        if not docs:
            return {}
        res = subprocess.run([sys.executable, str(tool), str(out), str(path), "--json"], capture_output=True,
                             text=True, check=True)
        return json.loads(res.stdout)

    got: dict = {}
    units = len(classes)
    for kind in ("statement", "uncoded"):
        got[f"ecb_{kind}_units"] = sum(v == kind for v in classes.values()) / units if units else 0.0
        got[f"ecb_{kind}_units_n"] = units
    res = score(coded, "coded")
    got["ecb_coverage_coded"], got["ecb_units_coded"] = res.get("ecb_coverage"), res.get("ecb_units", 0)
    for sub, topics in ECB_SUBSETS.items():
        keep = {f"ecbplus__{t}" for t in topics}
        res = score([x for x in lines if unit_of(x["doc"]) in keep], sub)
        for m in ("bcubed_f1", "bcubed_p", "bcubed_r", "pairwise_f1", "coverage"):
            got[f"{sub}_{m}"] = res.get(f"ecb_{m}")
        got[f"{sub}_units"] = res.get("ecb_units", 0)
        res = score([x for x in coded if unit_of(x["doc"]) in keep], f"{sub}.coded")
        got[f"{sub}_coverage_coded"], got[f"{sub}_units_coded"] = res.get("ecb_coverage"), res.get("ecb_units", 0)
    return got


def table_rows(name: str, scores: dict[str, dict], docs: dict[str, int]) -> dict[str, dict]:
    """metric -> {tuning, tuning_n, check, check_n} (None where a part has no document)."""
    rows = {}
    for metric in DATASETS[name]["metrics"]:
        row = {}
        for part in PARTS:
            got = scores.get(part)
            value = got.get(metric) if got else None
            n = got.get(f"{metric}_n", got.get(N_OF.get(metric, ""), docs[part])) if got else 0
            if not n or not isinstance(value, (int, float)):
                value, n = None, 0  # a measure of nothing
            row[part], row[f"{part}_n"] = (round(value, 4) if value is not None else None), n
        if any(row[p] is not None for p in PARTS):
            rows[metric] = row
    return rows


def format_table(results: dict) -> str:
    lines = [f"{'dataset':<11} {'metric':<26} {'tuning':>7} {'n':>6}   {'check':>7} {'n':>6}"]
    for name, res in results["datasets"].items():
        lines.append(f"{name:<11} {'documents':<26} {'':>7} {res['docs']['tuning']:>6}   {'':>7} "
                     f"{res['docs']['check']:>6}")
        for metric, row in res["metrics"].items():
            cells = [f"{row[p]:>7.3f}" if isinstance(row[p], (int, float)) else f"{'-':>7}" for p in PARTS]
            lines.append(f"{name:<11} {metric:<26} {cells[0]} {row['tuning_n']:>6}   {cells[1]} {row['check_n']:>6}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None, help="build folders go to OUT/<dataset>/<part>/ "
                                                          "(default: a temporary folder, removed)")
    ap.add_argument("--datasets", nargs="+", choices=list(DATASETS), default=list(DATASETS), metavar="NAME",
                    help=f"some of: {', '.join(DATASETS)} (default: all)")
    ap.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS), help="build and score only these")
    ap.add_argument("--workers", type=int, default=2, help="parse processes per build (default: 2)")
    ap.add_argument("--limit", type=int, default=None, metavar="N", help="at most N documents per part")
    ap.add_argument("--json", type=Path, default=None, metavar="FILE", help="write the table as JSON")
    ap.add_argument("--reuse", action="store_true", help="keep a part's build made from the same inputs and sources")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default: ../shared)")
    args = ap.parse_args(argv)
    shared = args.shared.resolve()
    if not (shared / "tools").is_dir():
        print(f"no scorers in {shared / 'tools'}", file=sys.stderr)
        return 2

    sys.path.insert(0, str(ROOT))
    from graph.extract.extractor import Extractor

    t0 = time.perf_counter()
    extractor = Extractor.create()
    tmp = None
    if args.out is None:
        tmp = tempfile.TemporaryDirectory(prefix="ctkg-evaluate-")
        args.out = Path(tmp.name)
    results: dict = {"split": {"rule": "unit = ECB+ topic (ecbplus__<topic>) for ECB+ documents, else the document "
                                       "id; check part when sha256(unit)[0] < 77 (~30 %), else tuning part",
                               "check_below": CHECK_BELOW},
                     "limit": args.limit, "datasets": {}}
    try:
        for name in args.datasets:
            parts = split(documents(shared, name), args.limit)
            scores, seconds = {}, {}
            for part in args.parts:
                if not parts[part]:
                    continue
                out = args.out / name / part
                seconds[part] = round(build(parts[part], out, extractor, args.workers, args.reuse), 1)
                scores[part] = run_scorer(shared, name, out, parts[part])
                if name == "ecbplus":
                    scores[part] |= ecb_subsets(shared, out, parts[part])
            docs = {p: len(parts[p]) if p in args.parts else 0 for p in PARTS}
            results["datasets"][name] = {"docs": docs, "build_seconds": seconds,
                                         "metrics": table_rows(name, scores, docs)}
            print(f"{name}: built {docs} in {seconds} s", file=sys.stderr, flush=True)
    finally:
        if tmp is not None:
            tmp.cleanup()
    results["seconds"] = round(time.perf_counter() - t0, 1)
    print(format_table(results))
    print(f"({results['seconds']} s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
