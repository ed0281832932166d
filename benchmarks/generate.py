"""A realistic synthetic corpus for benchmarks, built from real articles at run time.

Each generated article takes the paragraphs of one real source article (the seeds, plus
../shared/corpus when it is present), sometimes followed by paragraphs of another, then
renames its people and places consistently (from pools drawn from the sources' own names
and the package's place list, so that actors, geocoding and merges stay realistic) and
shifts its dates (publication date and explicit years). Nothing generated is stored in
the project: the corpus is written to a folder of the caller's choosing.

    python benchmarks/generate.py 1000 /tmp/bench/corpus_1000.jsonl
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "seeds", ROOT.parent / "shared" / "corpus"]
YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")


@dataclass(frozen=True)
class Source:
    article_id: str
    paragraphs: tuple[str, ...]
    published: date
    persons: tuple[str, ...]
    places: tuple[str, ...]


def _paragraphs(text: str) -> list[str]:
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paras) <= 2:  # one sentence a line: group lines in threes
        lines = [x.strip() for x in text.splitlines() if x.strip()]
        paras = [" ".join(lines[i:i + 3]) for i in range(0, len(lines), 3)]
    return paras


def load_sources(paths: list[Path] | None = None) -> list[Source]:
    """The real articles, with the people and places the NLP pipeline finds in them."""
    from graph.core.model import Article
    from graph.extract.extractor import Extractor
    from graph.read import read_articles

    arts = [a for a in read_articles([p for p in (paths or SOURCES) if p.exists()]) if isinstance(a, Article)]
    if not arts:
        raise SystemExit("no source articles found (seeds/ is missing)")
    nlp = Extractor.create().nlp
    out = []
    for a, doc in zip(arts, nlp.pipe([a.text for a in arts])):
        persons = sorted({e.text for e in doc.ents if e.label_ == "PERSON" and len(e.text.split()) >= 2})
        places = sorted({e.text for e in doc.ents if e.label_ == "GPE" and e.text[:1].isupper()})
        out.append(Source(a.article_id, tuple(_paragraphs(a.text)), a.published or date(2016, 1, 1),
                          tuple(persons), tuple(places)))
    return out


def _place_pool() -> list[str]:
    with resources.files("graph").joinpath("data/geo_places.csv").open(encoding="utf-8") as f:
        return sorted({row["name"] for row in csv.DictReader(f) if row.get("name")})


def _person_pool(sources: list[Source], n: int, rng: random.Random) -> list[str]:
    firsts = sorted({p.split()[0] for s in sources for p in s.persons})
    lasts = sorted({p.split()[-1] for s in sources for p in s.persons})
    if not firsts or not lasts:
        firsts, lasts = ["Ali", "Sara", "John", "Maria"], ["Hassan", "Novak", "Smith", "Okafor"]
    return sorted({f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(n * 2)})[:n]


def _rename(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def generate(n: int, sources: list[Source], *, seed: int = 7) -> list[dict]:
    """n article records (JSON Lines fields: id, title, published, text)."""
    rng = random.Random(seed)
    places = _place_pool()
    persons = _person_pool(sources, 500, rng)
    records = []
    for i in range(n):
        r = random.Random(seed * 1_000_003 + i)
        base = sources[r.randrange(len(sources))]
        paras = list(base.paragraphs)
        names_p, names_g = set(base.persons), set(base.places)
        if r.random() < 0.5:  # recombine: add a few paragraphs of another report
            other = sources[r.randrange(len(sources))]
            k = min(len(other.paragraphs), r.randint(1, 3))
            start = r.randrange(max(1, len(other.paragraphs) - k + 1))
            paras += other.paragraphs[start:start + k]
            names_p |= set(other.persons)
            names_g |= set(other.places)
        mapping = {p: persons[r.randrange(len(persons))] for p in sorted(names_p)}
        mapping.update({g: places[r.randrange(len(places))] for g in sorted(names_g) if r.random() < 0.6})
        shift_days = -r.randint(0, 3650)
        published = base.published + timedelta(days=shift_days)
        years = round(shift_days / 365.25)
        text = "\n\n".join(_rename(p, mapping) for p in paras)
        text = YEAR.sub(lambda m: str(int(m.group(0)) + years), text)
        title = text.split("\n", 1)[0][:120]
        records.append({"id": f"bench_{i:06d}", "title": title, "published": published.isoformat(), "text": text})
    return records


def write_jsonl(records: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of articles")
    p.add_argument("out", type=Path, help="output .jsonl file")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--sources", type=Path, nargs="+", help="source articles (default: seeds/ and ../shared/corpus)")
    args = p.parse_args(argv)
    write_jsonl(generate(args.n, load_sources(args.sources), seed=args.seed), args.out)
    print(f"{args.n} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
