"""Reading articles: formats, sidecars, furniture and per-article errors."""
from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from graph.core.errors import InputError
from graph.core.model import Article, ArticleFailure
from graph.read import expand_inputs, read_articles
from graph.read.common import decode_bytes, furniture_spans


def _one(items):
    items = list(items)
    assert len(items) == 1
    return items[0]


def test_text_with_sidecar(tmp_path):
    (tmp_path / "a1.txt").write_text("Rebels attacked the town on Monday.\n", encoding="utf-8")
    (tmp_path / "a1.meta.json").write_text(json.dumps({"title": "T", "publisher": "P", "published": "2020-03-04"}))
    a = _one(read_articles([tmp_path]))
    assert isinstance(a, Article)
    assert (a.article_id, a.title, a.publisher, a.published) == ("a1", "T", "P", date(2020, 3, 4))
    assert a.published_source == "sidecar"


def test_encodings(tmp_path):
    text = "Les rebelles ont quitté la ville – “déjà”.\n"
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "cp.txt").write_bytes("Caf\u00e9 \u2013 a town.\n".encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    got = {a.article_id: a for a in read_articles([tmp_path])}
    assert got["u16"].text == text
    assert got["bom"].text == text
    assert got["cp"].text.startswith("Café – a town")


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02binary\x00" * 10, "binary"),
])
def test_bad_bytes(data, reason):
    with pytest.raises(InputError, match=reason):
        decode_bytes(data, "x.txt")


def test_bad_file_does_not_stop_batch(tmp_path):
    (tmp_path / "good.txt").write_text("Troops shelled the village.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.txt").write_text("Some text.\n")
    (tmp_path / "bad.meta.json").write_text("{not json")
    got = {x.article_id: x for x in read_articles([tmp_path])}
    assert isinstance(got["good"], Article)
    assert isinstance(got["empty"], ArticleFailure) and "empty" in got["empty"].reason
    assert isinstance(got["bad"], ArticleFailure) and "sidecar" in got["bad"].reason


def test_impossible_and_future_dates(tmp_path):
    (tmp_path / "a.txt").write_text("Text.\n")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2016-02-31"}))
    (tmp_path / "b.txt").write_text("Text.\n")
    (tmp_path / "b.meta.json").write_text(json.dumps({"published": "2999-01-01"}))
    got = {x.article_id: x for x in read_articles([tmp_path])}
    assert isinstance(got["a"], ArticleFailure) and "published" in got["a"].reason
    assert isinstance(got["b"], ArticleFailure) and "future" in got["b"].reason


def test_jsonl_good_records_survive_bad_ones(tmp_path):
    lines = [json.dumps({"id": "r1", "text": "Militants attacked a checkpoint.", "published": "2021-05-01"}),
             "{broken json",
             json.dumps({"id": "r3", "title": "no text"}),
             json.dumps({"id": "r4", "html": "<html><body><article><p>Police arrested ten protesters in the "
                                             "capital on Friday, officials said in a long statement.</p></article>"
                                             "</body></html>"}),
             json.dumps(["not", "an", "object"])]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n")
    got = list(read_articles([tmp_path / "batch.jsonl"]))
    ok = [x for x in got if isinstance(x, Article)]
    bad = [x for x in got if isinstance(x, ArticleFailure)]
    assert [a.article_id for a in ok][:1] == ["r1"]
    assert ok[0].published == date(2021, 5, 1)
    assert len(bad) >= 3
    assert any("invalid JSON" in b.reason and b.path.endswith(":2") for b in bad)
    assert any("no 'text' or 'html'" in b.reason for b in bad)


def test_html_page(tmp_path):
    html = ("<html><head><title>Army retakes town</title><meta property='og:site_name' content='Daily News'>"
            "<meta name='date' content='2019-07-04'></head><body><nav>Skip to main content</nav><article>"
            "<h1>Army retakes town</h1><p>The army retook the town of Kafr Nabl on Wednesday after heavy "
            "fighting with rebels, state media said.</p><p>Residents fled north toward the border as the "
            "offensive continued, according to monitors.</p></article></body></html>")
    (tmp_path / "page.html").write_text(html)
    a = _one(read_articles([tmp_path / "page.html"]))
    assert isinstance(a, Article)
    assert "retook the town" in a.text
    assert a.title == "Army retakes town"
    assert a.published == date(2019, 7, 4)


def test_globs_and_missing(tmp_path):
    (tmp_path / "x1.txt").write_text("A.\n")
    (tmp_path / "x2.txt").write_text("B.\n")
    (tmp_path / "x2.meta.json").write_text("{}")
    assert [p.name for p in expand_inputs([str(tmp_path / "x*.txt")])] == ["x1.txt", "x2.txt"]
    assert [p.name for p in expand_inputs([tmp_path])] == ["x1.txt", "x2.txt"]
    with pytest.raises(InputError):
        expand_inputs([str(tmp_path / "nope.txt")])


def test_furniture_spans_keep_offsets():
    text = ("Skip to main content\n\nHeadline here\n\nA caption that appears twice on the page, Dec. 1, 2016.\n"
            "A caption that appears twice on the page, Dec. 1, 2016.\n\nBody sentence.\n\n"
            "Contributing: Jane Roe\nXS\nSM\nMD\nLG\n")
    spans = furniture_spans(text)
    got = [text[s:e] for s, e in spans]
    assert "Skip to main content" in got
    assert "Contributing: Jane Roe" in got
    assert {"XS", "SM", "MD", "LG"} <= set(got)
    assert got.count("A caption that appears twice on the page, Dec. 1, 2016.") == 1
    # the first copy of the caption is content
    first = text.index("A caption")
    assert all(s != first for s, _ in spans)
    assert "Body sentence." not in got and "Headline here" not in got


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_furniture_spans_are_valid_offsets(text):
    for s, e in furniture_spans(text):
        assert 0 <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()


def test_inputs_that_name_nothing_are_failures_and_the_rest_still_read(tmp_path):
    (tmp_path / "a.txt").write_text("Rebels attacked the town.\n")
    got = list(read_articles([tmp_path / "a.txt", tmp_path / "missing.txt", str(tmp_path / "nomatch*.txt")]))
    assert [(x.article_id, getattr(x, "reason", "ok")) for x in got] == [
        ("a", "ok"), ("missing", "no such file or folder"), ("nomatch", "the pattern matches no file")]


def test_files_named_alike_in_two_folders_are_two_articles(tmp_path):
    for sub in ("2015", "2016"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(f"Report of {sub}.\n")
    ids = [a.article_id for a in read_articles([tmp_path])]
    assert ids[0] == "report" and ids[1].startswith("report_") and len(set(ids)) == 2
    assert ids == [a.article_id for a in read_articles([tmp_path])]  # stable from run to run
