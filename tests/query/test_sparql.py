"""`ctkg query`: SPARQL over the last build in the embedded Oxigraph store, and the README's queries."""
from __future__ import annotations

import csv
import io
import json

import pytest

from graph.cli import main
from graph.core.errors import UnknownFormat
from graph.query import sparql
from graph.query.sparql import QueryError, format_result, run_query
from helpers import readme_queries


def test_readme_has_five_queries():
    assert len(readme_queries()) == 5


@pytest.mark.parametrize("n", range(5))
def test_readme_query_answers_on_the_seeds(seed_build, n):
    _, out = seed_build
    result = run_query(readme_queries()[n], out)
    assert result.form == "select"
    assert len(result.rows) > 0, f"README query {n + 1} returned no rows"
    rows = result.values()
    if n == 0:  # who attacked whom: every row has an attacker
        assert all(r["attacker"] for r in rows)
    if n == 1:  # events in Aleppo by date, with the evidence sentence, in date order
        assert all(r["evidence"] for r in rows)
        starts = [r["from"] for r in rows if r["from"]]
        assert starts == sorted(starts)
    if n == 2:  # statements by a speaker, with their words
        assert all(r["text"] for r in rows)
    if n == 3:  # events reported by several sources
        assert all(int(r["articles"]) >= 2 for r in rows)
    if n == 4:  # actors of one country
        assert len({r["actor"] for r in rows}) == len(rows)


def test_query_reaches_named_graphs_and_the_union(seed_build):
    result_, out = seed_build
    articles = {d["article_id"] for _, d in result_.graph.nodes(data=True) if d["kind"] == "article"}
    res = run_query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?m a ctkg:Mention } } GROUP BY ?g", out)
    assert {r["g"].rsplit("/", 1)[1] for r in res.values()} == articles
    # the union default graph joins merged events (default graph) with mentions (article graphs)
    res = run_query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?m ctkg:mentionOf ?e . ?e a sem:Event }", out)
    assert int(res.values()[0]["n"]) == result_.count("event")


def test_result_formats(seed_build):
    _, out = seed_build
    q = "SELECT ?name ?lat WHERE { ?p a sem:Place ; rdfs:label ?name . OPTIONAL { ?p geo:lat ?lat } } ORDER BY ?name"
    res = run_query(q, out)
    table = format_result(res, "table")
    lines = table.splitlines()
    assert lines[0].split() == ["name", "|", "lat"] and set(lines[1]) <= {"-", "+"}
    assert lines[-1] == f"({len(res.rows)} rows)"
    rows = list(csv.DictReader(io.StringIO(format_result(res, "csv"))))
    assert [r["name"] for r in rows] == [r["name"] for r in res.values()]
    data = json.loads(format_result(res, "json"))
    assert data["head"]["vars"] == ["name", "lat"]
    b = data["results"]["bindings"]
    assert len(b) == len(res.rows) and all(x["name"]["type"] == "literal" for x in b)
    assert any(x.get("lat", {}).get("datatype", "").endswith("#decimal") for x in b)
    ask = run_query("ASK { ?e a sem:Event }", out)
    assert format_result(ask, "table") == "true\n" and json.loads(format_result(ask, "json"))["boolean"] is True
    graph = run_query("CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a sem:Event ; rdfs:label ?l } LIMIT 3", out)
    assert graph.form == "graph" and len(format_result(graph, "table").splitlines()) == 3
    with pytest.raises(UnknownFormat):
        format_result(res, "xml")


def test_table_keeps_one_line_per_row(seed_build):
    _, out = seed_build
    res = run_query('SELECT ?t WHERE { BIND("line one\\nline two\\tand a tab" AS ?t) }', out)
    table = format_result(res, "table")
    assert "line one line two and a tab" in table and len(table.splitlines()) == 4


def test_errors_say_what_to_do(seed_build, tmp_path):
    _, out = seed_build
    with pytest.raises(QueryError, match="not valid SPARQL"):
        run_query("SELEKT ?x WHERE { ?x ?y ?z }", out)
    with pytest.raises(QueryError, match="empty"):
        run_query("   ", out)
    with pytest.raises(QueryError, match="ctkg build"):
        run_query("SELECT * WHERE { ?s ?p ?o }", tmp_path)
    (tmp_path / "graph.trig").write_text("this is not trig {", encoding="utf-8")
    with pytest.raises(QueryError, match="cannot load"):
        run_query("SELECT * WHERE { ?s ?p ?o }", tmp_path)


def test_falls_back_to_turtle(seed_build, tmp_path):
    _, out = seed_build
    (tmp_path / "graph.ttl").write_bytes((out / "graph.ttl").read_bytes())
    assert sparql.build_file(tmp_path)[0].name == "graph.ttl"
    res = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?e a sem:Event }", tmp_path)
    assert int(res.values()[0]["n"]) > 0


def test_cli_query(seed_build, capsys, monkeypatch):
    _, out = seed_build
    assert main(["query", "SELECT ?name WHERE { ?a a sem:Actor ; rdfs:label ?name } ORDER BY ?name",
                 "--out", str(out), "--format", "csv"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("name\r\n") and "John Kirby" in printed
    monkeypatch.setattr("sys.stdin", io.StringIO("ASK { ?s a sem:Event }"))
    assert main(["query", "-", "--out", str(out)]) == 0
    assert capsys.readouterr().out == "true\n"
    assert main(["query", "SELECT nonsense", "--out", str(out)]) == 2
    assert "not valid SPARQL" in capsys.readouterr().err
