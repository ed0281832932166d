"""Statements merge across articles as events do: the same words of the same speaker are one
statement node listing every article that reports it (issue 14, item 3)."""
from __future__ import annotations

import csv
import io
import shutil
from datetime import date

from rdflib import Graph
from rdflib.namespace import PROV

from graph.build.builder import build_graph
from graph.build.statement_merge import cluster_statements, statement_key
from graph.core.model import ActorRef, Article, ParsedArticle, Statement, TimeValue
from graph.export import rdf
from graph.export.tables import generate_statements_csv
from helpers import SEEDS

KIRBY = ActorRef(key="john_kirby", name="John Kirby", type="person", text="John Kirby", start=0, end=10)
TONER = ActorRef(key="mark_toner", name="Mark Toner", type="person", text="Mark Toner", start=0, end=10)
QUOTE = "We are deeply concerned about the safety of civilians still in eastern Aleppo."


def said(article: str, text: str, speaker: ActorRef | None = KIRBY, *, start: int = 20, kind: str = "direct",
         day: date | None = date(2016, 12, 15)) -> Statement:
    time = TimeValue(value=day.isoformat(), start=day, end=day, precision="day") if day else TimeValue()
    return Statement(article_id=article, kind=kind, text=text, start=start, end=start + len(text), speaker=speaker,
                     time=time)


def groups(statements) -> list[set[str]]:
    return [{f"{s.article_id}@{s.start}" for s in g} for g in cluster_statements(statements, lambda s: s.speaker.key
                                                                                 if s.speaker else "")]


def test_statement_key_unifies_quotes_case_and_whitespace():
    assert statement_key("\u201cWe are  deeply\nconcerned,\u201d") == statement_key('"we are deeply concerned"')
    assert statement_key("It\u2019s over.") == statement_key("it's over")


def test_the_same_words_of_one_speaker_merge_across_articles():
    ms = [said("a", QUOTE), said("b", QUOTE.upper(), start=300), said("c", f"\u201c{QUOTE}\u201d", start=7)]
    assert groups(ms) == [{"a@20", "b@300", "c@7"}]


def test_near_same_words_merge_and_different_words_do_not():
    near = "We are deeply concerned about the safety of the civilians still in eastern Aleppo"
    other = "The United States will keep working with Russia on a ceasefire in Aleppo."
    assert groups([said("a", QUOTE), said("b", near), said("c", other)]) == [{"a@20", "b@20"}, {"c@20"}]


def test_another_speaker_kind_date_or_the_same_article_stays_apart():
    ms = [said("a", QUOTE), said("b", QUOTE, TONER), said("c", QUOTE, kind="indirect"),
          said("d", QUOTE, day=date(2017, 3, 1)), said("a", QUOTE, start=500)]
    assert sorted(map(sorted, groups(ms))) == [["a@20"], ["a@500"], ["b@20"], ["c@20"], ["d@20"]]
    # an unknown date does not conflict
    assert groups([said("a", QUOTE), said("b", QUOTE, day=None)]) == [{"a@20", "b@20"}]


def test_unattributed_statements_merge_only_on_the_same_words():
    near = "We are deeply concerned about the safety of the civilians still in eastern Aleppo"
    assert groups([said("a", QUOTE, None), said("b", QUOTE, None), said("c", near, None)]) == [
        {"a@20", "b@20"}, {"c@20"}]


def test_merging_does_not_depend_on_the_order():
    ms = [said(x, QUOTE, start=10 * i) for i, x in enumerate("dcbae")] + [said("f", QUOTE, TONER)]
    expected = groups(ms)
    assert groups(list(reversed(ms))) == expected and len(expected) == 2


def test_a_merged_statement_lists_every_report_in_the_graph_tables_and_rdf():
    arts = [ParsedArticle(article=Article(article_id=a, text="x" * 400, published=date(2016, 12, 15)),
                          actors=[KIRBY], statements=[said(a, QUOTE, start=s)]) for a, s in (("a", 20), ("b", 99))]
    G = build_graph(arts)
    (n, d), = [(n, d) for n, d in G.nodes(data=True) if d["kind"] == "statement"]
    assert d["articles"] == ["a", "b"] and d["article"] == "a" and d["char_start"] == 20
    reports = {v: e["char_start"] for _, v, e in G.out_edges(n, data=True) if e["relation"] == "stated_in"}
    assert reports == {"article:a": 20, "article:b": 99}
    # statements.csv: a row per report (each with its article's offsets, as the contract's columns
    # say), one statement_id across them, and every article in `articles`
    rows = list(csv.DictReader(io.StringIO(generate_statements_csv(G))))
    assert [(r["article"], r["char_start"], r["char_end"]) for r in rows] == [
        ("a", "20", str(20 + len(QUOTE))), ("b", "99", str(99 + len(QUOTE)))]
    assert {r["statement_id"] for r in rows} == {d["statement_id"]} and all(r["articles"] == "a;b" for r in rows)
    g = Graph().parse(data=rdf.generate_turtle(G), format="turtle")
    s = rdf.mint(rdf.DEFAULT_BASE, "statement", d["statement_id"])
    assert set(g.objects(s, PROV.wasDerivedFrom)) == {rdf.mint(rdf.DEFAULT_BASE, "article", a) for a in "ab"}
    conforms, report = rdf.validate(g)
    assert conforms, report


def test_three_copies_of_the_seeds_give_the_seeds_statements(seed_build, extractor, tmp_path):
    from graph.pipeline import run_build

    single, _ = seed_build
    for i in range(3):
        shutil.copytree(SEEDS, tmp_path / "in" / f"copy{i}")
    out = tmp_path / "out"
    result = run_build([tmp_path / "in"], out, extractor=extractor, formats=["statements.csv", "graph.ttl"])
    assert result.articles == 3 * single.articles
    n_single = single.count("statement")
    assert n_single > 0
    assert result.count("statement") == n_single
    assert result.count("event") == single.count("event")
    for _, d in result.graph.nodes(data=True):
        if d["kind"] == "statement":
            assert len(d["articles"]) == 3, d
    rows = list(csv.DictReader((out / "statements.csv").open(encoding="utf-8", newline="")))
    assert len({r["statement_id"] for r in rows}) == n_single and len(rows) == 3 * n_single
    assert all(len(r["articles"].split(";")) == 3 for r in rows)
    conforms, report = rdf.validate(Graph().parse(out / "graph.ttl", format="turtle"))
    assert conforms, report


def test_merging_is_indexed_by_speaker(monkeypatch):
    """Many speakers with one quote each: a statement is compared only with its speaker's groups,
    never with all the others (which would be n * (n - 1) / 2 comparisons)."""
    from graph.build import statement_merge as builder

    calls = []
    fits = builder._StatementGroup.fits
    monkeypatch.setattr(builder._StatementGroup, "fits", lambda self, st: calls.append(1) or fits(self, st))
    n = 500
    people = [ActorRef(key=f"p{i}", name=f"P {i}", type="person", text="P", start=0, end=1) for i in range(n)]
    ms = [said(f"a{i:05d}", f"{QUOTE} number {i} of them all", people[i]) for i in range(n)]
    ms += [said(f"b{i:05d}", f"{QUOTE} number {i} of them all", people[i]) for i in range(n)]
    assert len(groups(ms)) == n
    assert len(calls) <= 2 * n
