"""Incremental builds: one article at a time gives the same graph as all at once."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from graph.build.store import STORE_DIR, StoreError, dumps, from_dict, load_store, loads, to_dict
from graph.core.model import ActorRef, ArticleFailure, TimeValue
from graph.pipeline import run_build
from helpers import ROOT

EXTRA = {
    "wire_a": ("Syrian government forces shelled the town of Douma on Monday, killing 12 civilians, activists "
               "said. Rebels attacked an army checkpoint near Hama.", "2016-12-20"),
    "wire_b": ("Government forces shelled Douma on Monday, killing at least 12 people, the Syrian Observatory "
               "for Human Rights said. \"We will not leave,\" a rebel commander said.", "2016-12-20"),
}


def _inputs(tmp: Path) -> list[Path]:
    src = tmp / "src"
    src.mkdir(exist_ok=True)
    for name, (text, published) in EXTRA.items():
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
        (src / f"{name}.meta.json").write_text(f'{{"published": "{published}"}}', encoding="utf-8")
    seeds = sorted(p for p in (ROOT / "seeds").iterdir() if p.suffix == ".txt")
    return seeds + sorted(src.glob("*.txt"))


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def _copy_with_sidecar(p: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(p, dest / p.name)
    meta = p.with_name(p.stem + ".meta.json")
    if meta.exists():
        shutil.copy(meta, dest / meta.name)
    return dest / p.name


@pytest.fixture(scope="module")
def builds(tmp_path_factory, extractor):
    tmp = tmp_path_factory.mktemp("incr")
    files = _inputs(tmp)
    singles = [_copy_with_sidecar(p, tmp / f"one_{i}") for i, p in enumerate(files)]
    all_out = tmp / "all"
    run_build(singles, all_out, extractor=extractor, workers=1)
    one_out = tmp / "one"
    for i, p in enumerate(reversed(singles)):  # another order, on purpose
        run_build([p], one_out, extractor=extractor, workers=1, add=i > 0)
    return tmp, singles, all_out, one_out


@pytest.mark.slow
def test_one_by_one_equals_all_at_once(builds):
    import rdflib
    from rdflib.compare import isomorphic

    _tmp, _singles, all_out, one_out = builds
    a, b = _files(all_out), _files(one_out)
    assert set(a) == set(b)
    for name in a:
        if name.endswith(".csv"):
            assert a[name] == b[name], name  # identical tables
    ga = rdflib.Graph().parse(all_out / "graph.ttl", format="turtle")
    gb = rdflib.Graph().parse(one_out / "graph.ttl", format="turtle")
    assert isomorphic(ga, gb)
    assert a == b  # in fact every file is byte-identical
    # the cross-article merge happened in both
    assert b"wire_a;wire_b" in a["events.csv"]


@pytest.mark.slow
def test_adding_on_two_workers_equals_one_build_on_one(builds, extractor, tmp_path):
    """--add with the parse and the graph stage's event blocks on two worker processes gives the
    files of one all-at-once build in one process."""
    _tmp, singles, all_out, _one_out = builds
    out = tmp_path / "two"
    run_build(singles[::2], out, extractor=extractor, workers=2)
    run_build(singles[1::2], out, extractor=extractor, workers=2, add=True)
    assert _files(out) == _files(all_out)


@pytest.mark.slow
def test_adding_an_article_again_changes_nothing(builds, extractor):
    _tmp, singles, _all, one_out = builds
    before = _files(one_out)
    store_before = _files(one_out / STORE_DIR)
    run_build([singles[0]], one_out, extractor=extractor, workers=1, add=True)
    assert _files(one_out) == before
    assert _files(one_out / STORE_DIR) == store_before


@pytest.mark.slow
def test_a_full_build_replaces_the_stored_articles(builds, extractor, tmp_path):
    _tmp, singles, _all, one_out = builds
    out = tmp_path / "out"
    shutil.copytree(one_out, out)
    run_build([singles[0]], out, extractor=extractor, workers=1)
    assert len(load_store(out)) == 1


@pytest.mark.slow
def test_add_needs_a_built_folder(tmp_path, extractor, builds):
    _tmp, singles, *_ = builds
    with pytest.raises(StoreError, match="build it once without --add"):
        run_build([singles[0]], tmp_path / "empty", extractor=extractor, workers=1, add=True)


@pytest.mark.slow
def test_a_failed_incremental_build_leaves_the_folder_unchanged(builds, extractor, tmp_path, monkeypatch):
    from graph.core.errors import ExportError
    from graph.export import rdf

    _tmp, singles, _all, one_out = builds
    out = tmp_path / "out"
    shutil.copytree(one_out, out)
    (out / STORE_DIR / f"{singles[-1].stem}.json").unlink()
    run_build([singles[0]], out, extractor=extractor, workers=1)  # a smaller build to add to
    before, store_before = _files(out), _files(out / STORE_DIR)

    def broken(*a, **k):
        raise ExportError("simulated failure")

    monkeypatch.setattr(rdf, "iter_turtle", broken)
    with pytest.raises(ExportError):
        run_build([singles[-1]], out, extractor=extractor, workers=1, add=True)
    assert _files(out) == before and _files(out / STORE_DIR) == store_before


@pytest.mark.slow
def test_a_damaged_store_is_a_clear_error(builds, extractor, tmp_path):
    _tmp, singles, _all, one_out = builds
    out = tmp_path / "out"
    shutil.copytree(one_out, out)
    victim = sorted((out / STORE_DIR).glob("*.json"))[0]
    victim.write_text('{"schema": 999, "kind": "parsed", "record": {}}', encoding="utf-8")
    with pytest.raises(StoreError, match=victim.name):
        run_build([singles[0]], out, extractor=extractor, workers=1, add=True)


def test_failures_are_stored_too(extractor, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "bad.txt").write_bytes(b"")
    (src / "good.txt").write_text(EXTRA["wire_a"][0], encoding="utf-8")
    (src / "more.txt").write_text(EXTRA["wire_b"][0], encoding="utf-8")
    out = tmp_path / "out"
    run_build([src / "bad.txt", src / "good.txt"], out, extractor=extractor, workers=1)
    run_build([src / "more.txt"], out, extractor=extractor, workers=1, add=True)
    rows = (out / "articles.csv").read_text(encoding="utf-8")
    assert "bad,,,,"in rows.replace('"', "") or "bad," in rows
    assert isinstance(load_store(out)["bad"], ArticleFailure)


def test_parsed_articles_round_trip(seed_build, extractor):
    from graph.read import read_articles

    for art in read_articles([ROOT / "seeds"]):
        p = extractor.parse(art)
        back = loads(dumps(p))
        assert back == p


times = st.builds(TimeValue, value=st.text(max_size=12), type=st.sampled_from(["DATE", "DURATION"]),
                  start=st.one_of(st.none(), st.dates()), end=st.one_of(st.none(), st.dates()),
                  precision=st.sampled_from(["day", "week", "unknown"]))
refs = st.builds(ActorRef, key=st.text(max_size=10), name=st.text(max_size=20), type=st.just("person"),
                 text=st.text(max_size=20), start=st.integers(0, 10**6), end=st.integers(0, 10**6),
                 country=st.text(max_size=3))


@settings(max_examples=60, deadline=None)
@given(t=times, r=refs)
def test_records_round_trip(t, r):
    assert from_dict(TimeValue, to_dict(t)) == t
    assert from_dict(ActorRef, to_dict(r)) == r
    assert to_dict(date(2016, 12, 22)) == "2016-12-22"


@pytest.mark.slow
def test_add_keeps_the_base_iri_of_the_folder(builds, extractor, tmp_path):
    _, singles, _, _ = builds
    base = "https://example.org/conflict/"
    out = tmp_path / "based"
    run_build(singles[:1], out, extractor=extractor, workers=1, base_iri=base)
    run_build(singles[1:2], out, extractor=extractor, workers=1, add=True)
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    assert f"<{base}event/" in turtle and "https://ctkg.example.org/id/" not in turtle
    whole = tmp_path / "whole"
    run_build(singles[:2], whole, extractor=extractor, workers=1, base_iri=base)
    assert _files(out) == _files(whole)
    other = "https://example.org/other/"  # an explicit --base still wins, and is kept from then on
    run_build(singles[2:3], out, extractor=extractor, workers=1, add=True, base_iri=other)
    run_build(singles[3:4], out, extractor=extractor, workers=1, add=True)
    assert f"<{other}event/" in (out / "graph.ttl").read_text(encoding="utf-8")


@pytest.mark.slow
def test_damaged_build_settings_are_a_clear_error(builds, extractor, tmp_path):
    _, singles, all_out, _ = builds
    out = tmp_path / "copy"
    shutil.copytree(all_out, out)
    (out / STORE_DIR / ".build.json").write_text('{"schema": 1, "base_iri": 7}', encoding="utf-8")
    before = _files(out)
    with pytest.raises(StoreError, match="base_iri"):
        run_build(singles[:1], out, extractor=extractor, workers=1, add=True)
    assert _files(out) == before
