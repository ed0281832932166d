"""Hostile input: every bad article becomes a clear, per-article error and the batch carries on.

One build reads a folder of more than forty hostile inputs (made here, in the test) beside good
articles; each case checks the bad article's status and message in articles.csv, and the good
articles' results are all there. The outputs of that build must re-parse (CSV, Turtle, TriG,
JSON-LD, HTML) with nothing from the articles turned into markup.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from graph.cli import main
from graph.errors import InputError
from graph.pipeline import run_build
from graph.readers import MAX_BYTES, read_articles

NEWS = ("Government forces shelled the rebel-held town of Douma on Thursday, killing 12 civilians, "
        "activists said. The Syrian army said it had captured two villages near Aleppo.\n")
GOOD = ("Rebel fighters attacked an army checkpoint near Hama on Monday, killing four soldiers, the "
        "Syrian Observatory for Human Rights said. The army shelled rebel positions in response.\n")

# (file name, content, status, words the error must hold) -- content: bytes, or a dict for a
# NAME.txt + NAME.meta.json pair ({"text": ..., "meta": bytes})
CASES: list[tuple[str, object, str, str]] = [
    # empty and binary
    ("empty.txt", b"", "error", "empty"),
    ("blank.txt", b"  \n\t\n  \r\n", "error", "empty"),
    ("nul_bytes.txt", b"\x00\x01\x02\x03" * 64, "error", "binary"),
    ("png_image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "error", "binary"),
    ("control_chars.txt", bytes(range(1, 9)) * 300, "error", "binary"),
    ("zip_archive.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200), "error", "binary"),
    # encodings
    ("cp1252.txt", ("Caf\u00e9 owners said \u201cthe army shelled Douma\u201d on Thursday. " * 3).encode("cp1252"),
     "ok", ""),
    ("latin1.txt", ("Le ministre fran\u00e7ais said troops attacked the town of Homs. " * 3).encode("latin-1"),
     "ok", ""),
    ("utf16le_bom.txt", b"\xff\xfe" + NEWS.encode("utf-16-le"), "ok", ""),
    ("utf16be_bom.txt", b"\xfe\xff" + NEWS.encode("utf-16-be"), "ok", ""),
    ("utf8_bom.txt", b"\xef\xbb\xbf" + NEWS.encode(), "ok", ""),
    ("mixed_encodings.txt", NEWS.encode() + "Caf\u00e9 \u201cquoted\u201d words.".encode("cp1252"), "ok", ""),
    ("invalid_utf8.txt", NEWS.encode() + b"\xc3\x28 \xa0\xa1 \xed\xa0\x80 end.", "ok", ""),
    ("utf16_truncated.txt", b"\xff\xfe" + NEWS.encode("utf-16-le") + b"A", "error", "UTF-16"),
    # size and shape
    ("long_line.txt", (NEWS.strip() + " ") .encode() * 150, "ok", ""),
    ("too_long.txt", b"word " * 220_000, "error", "too long"),
    ("too_large.txt", "SPARSE", "error", "too large"),
    ("many_short_lines.txt", b"x\n" * 20_000, "ok", ""),
    ("crlf.txt", NEWS.replace("\n", "\r\n").encode() * 3, "ok", ""),
    ("only_punctuation.txt", b"!!! ??? ... --- *** ;;; ,,,", "ok", ""),
    ("one_word.txt", b"Aleppo", "ok", ""),
    ("nul_late.txt", NEWS.encode() * 60 + b"\x00" + NEWS.encode(), "ok", ""),
    # text that must never become markup or break a format
    ("script_text.txt", ("<script>alert('x')</script> Rebels of the \"<b>Brigade</b>\" attacked Idlib on "
                         "Monday, killing five soldiers, the army said.\n").encode(), "ok", ""),
    ("rtl_marks.txt", "\u202eHezbollah\u202c fighters attacked the town of Qusayr on Monday, \u200fthe army "
                      "said.\n".encode(), "ok", ""),
    ("emoji.txt", "\U0001f4a5 Militants attacked a market in Kabul on Monday \U0001f1f8\U0001f1fe, killing "
                  "six people, police said.\n".encode(), "ok", ""),
    ("backslashes.txt", b"The \\\"Army\\\" of C:\\Windows\\ attacked\\n the town of Homs on Monday.\n", "ok", ""),
    # HTML
    ("empty_page.html", b"<html><head><title></title></head><body></body></html>", "error", "no article text"),
    ("binary_page.html", b"\x00\x00\x00\x01" * 100, "error", "binary"),
    ("script_heavy.html", ("<html><head><title>Shelling in Douma</title>" + "<script>var x = 'Rebels attacked "
                           "Damascus';</script>" * 200 + "</head><body><article><p>" + NEWS * 3 +
                           "</p></article><script>alert(1)</script></body></html>").encode(), "ok", ""),
    ("malformed.html", ("<html><body><article><p>" + NEWS + "<p>" + GOOD + "<b><i></b></i><<>> </div></span>"
                        "<p unclosed=\"").encode(), "ok", ""),
    ("deep_nesting.html", ("<html><body>" + "<div>" * 3000 + "<p>" + NEWS + "</p>" + "</div>" * 3000 +
                           "</body></html>").encode(), "ok", ""),
    # sidecars
    ("side_bad_json.txt", {"text": NEWS, "meta": b"{not json"}, "error", "side_bad_json.meta.json: invalid metadata"),
    ("side_array.txt", {"text": NEWS, "meta": b"[1, 2]"}, "error", "must be a JSON object"),
    ("side_impossible.txt", {"text": NEWS, "meta": b'{"published": "2016-02-30"}'}, "error", "not a valid date"),
    ("side_future.txt", {"text": NEWS, "meta": b'{"published": "2999-01-01"}'}, "error", "in the future"),
    ("side_int_date.txt", {"text": NEWS, "meta": b'{"published": 20161222}'}, "error", "must be a date string"),
    ("side_title_int.txt", {"text": NEWS, "meta": b'{"title": 5}'}, "error", "must be a string"),
    ("side_cp1252.txt", {"text": NEWS, "meta": b'{"title": "Caf\xe9"}'}, "error", "invalid metadata"),
    ("side_garbage_date.txt", {"text": NEWS, "meta": b'{"published": "sometime-ish"}'}, "error", "not a valid date"),
    ("side_empty_ok.txt", {"text": NEWS, "meta": b"{}"}, "ok", ""),
]

# JSON Lines: one file, good and broken records (line number -> (article id, status, words))
JSONL_LINES = [
    json.dumps({"id": "j_good", "text": GOOD, "published": "2016-12-22"}),
    "{broken",
    "[1, 2, 3]",
    json.dumps({"id": "j_notext"}),
    json.dumps({"id": "j_textint", "text": 123}),
    json.dumps({"id": "j_baddate", "text": NEWS, "published": "2016-13-45"}),
    json.dumps({"id": "j_future", "text": NEWS, "published": "2999-01-01"}),
    json.dumps({"id": "j_good", "text": NEWS}),
    json.dumps({"id": "j_html", "html": "<html><body><article><p>" + NEWS * 2 + "</p></article></body></html>"}),
    '{"id": "j_surrogate", "text": "Rebels \\ud800 attacked Aleppo on Monday, killing five soldiers."}',
    json.dumps({"id": "../../etc/passwd", "text": NEWS}),
    "",
    json.dumps({"id": "j_title_list", "text": NEWS, "title": ["a"]}),
]
JSONL_EXPECT = [
    ("j_good", "ok", ""),
    ("batch_2", "error", "invalid JSON"),
    ("batch_3", "error", "JSON object"),
    ("j_notext", "error", "no 'text' or 'html'"),
    ("j_textint", "error", "no 'text' or 'html'"),
    ("j_baddate", "error", "not a valid date"),
    ("j_future", "error", "in the future"),
    ("j_good_8", "error", "duplicate record id"),
    ("j_html", "ok", ""),
    ("j_surrogate", "ok", ""),
    ("etc_passwd", "ok", ""),
    ("j_title_list", "error", "must be a string"),
]


def _write_cases(folder: Path) -> None:
    for name, content, _status, _words in CASES:
        path = folder / name
        if content == "SPARSE":
            with open(path, "wb") as f:
                f.truncate(MAX_BYTES + 1)
        elif isinstance(content, dict):
            path.write_text(content["text"], encoding="utf-8")
            path.with_name(path.stem + ".meta.json").write_bytes(content["meta"])
        else:
            path.write_bytes(content)
    (folder / "batch.jsonl").write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    (folder / "good_one.txt").write_text(NEWS, encoding="utf-8")
    (folder / "good_one.meta.json").write_text('{"published": "2016-12-22", "title": "Douma"}', encoding="utf-8")
    (folder / "good_two.txt").write_text(GOOD, encoding="utf-8")
    for sub in ("2015", "2016"):  # the same file name in two folders: two articles, two ids
        (folder / sub).mkdir()
        (folder / sub / "report.txt").write_text(GOOD.replace("Monday", "Tuesday" if sub == "2016" else "Monday"),
                                                 encoding="utf-8")
    os.symlink(folder / "does_not_exist.txt", folder / "dangling_link.txt")


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory, extractor):
    folder = tmp_path_factory.mktemp("hostile_in")
    _write_cases(folder)
    out = tmp_path_factory.mktemp("hostile_out")
    res = run_build([folder, folder / "missing_article.txt", str(folder / "nomatch*.txt")], out,
                    extractor=extractor, workers=1)
    with open(out / "articles.csv", encoding="utf-8", newline="") as f:
        rows = {r["article_id"]: r for r in csv.DictReader(f)}
    return res, out, rows


def _stem(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("name,content,status,words", CASES, ids=[c[0] for c in CASES])
def test_each_hostile_file(hostile_build, name, content, status, words):
    _res, _out, rows = hostile_build
    row = rows.get(_stem(name))
    assert row is not None, f"{name} is missing from articles.csv"
    if status != "any":
        assert row["status"] == status, (name, row["status"], row["error"])
    if status == "error":
        assert words.lower() in row["error"].lower(), (name, row["error"])
        assert row["path"].endswith(name)
    if row["status"] == "ok":  # an ok article may carry a warning, never an error
        assert row["error"] in ("", "no publication date: relative dates are left unresolved"), row["error"]


@pytest.mark.parametrize("aid,status,words", JSONL_EXPECT, ids=[e[0] for e in JSONL_EXPECT])
def test_each_jsonl_record(hostile_build, aid, status, words):
    _res, _out, rows = hostile_build
    row = rows.get(aid)
    assert row is not None, f"{aid} is missing from articles.csv; have {sorted(rows)}"
    assert row["status"] == status, (aid, row["error"])
    assert words.lower() in row["error"].lower(), (aid, row["error"])
    if status == "error":
        assert re.search(r"batch\.jsonl:\d+$", row["path"]), row["path"]  # names the file and the line


@pytest.mark.parametrize("aid,words", [("missing_article", "no such file"), ("nomatch", "matches no file"),
                                       ("dangling_link", "broken symbolic link")])
def test_inputs_that_name_nothing_are_reported_and_the_batch_goes_on(hostile_build, aid, words):
    _res, _out, rows = hostile_build
    assert rows[aid]["status"] == "error" and words in rows[aid]["error"], rows.get(aid)


def test_good_articles_are_all_there(hostile_build):
    res, out, rows = hostile_build
    expected_errors = ([c for c in CASES if c[2] == "error"] + [e for e in JSONL_EXPECT if e[1] == "error"])
    assert res.failed == len([r for r in rows.values() if r["status"] == "error"])
    assert res.failed >= len(expected_errors) + 3
    assert res.articles == len(rows)
    for aid in ("good_one", "good_two", "report", "j_good", "j_html", "cp1252", "utf16le_bom", "script_text"):
        assert rows[aid]["status"] == "ok", rows[aid]
        assert int(rows[aid]["n_events"]) > 0, aid
    # the two report.txt files are two articles with two ids
    reports = [a for a in rows if a == "report" or a.startswith("report_")]
    assert len(reports) == 2 and all(rows[a]["status"] == "ok" for a in reports)
    with open(out / "events.csv", encoding="utf-8", newline="") as f:
        articles = {a for r in csv.DictReader(f) for a in r["articles"].split(";")}
    assert {"good_one", "good_two", "j_good", *reports} <= articles
    assert rows["good_one"]["published"] == "2016-12-22"


def test_outputs_of_the_hostile_build_reparse(hostile_build):
    import rdflib

    _res, out, rows = hostile_build
    for name in ("articles.csv", "events.csv", "mentions.csv", "statements.csv", "timexes.csv", "actors.csv",
                 "places.csv"):
        text = (out / name).read_text(encoding="utf-8")
        table = list(csv.reader(io.StringIO(text, newline="")))
        assert len({len(r) for r in table}) == 1, name  # every row has the header's width
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text), name
    assert len(list(csv.DictReader(open(out / "articles.csv", encoding="utf-8", newline="")))) == len(rows)
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(g) > 100
    rdflib.Dataset().parse(out / "graph.trig", format="trig")
    rdflib.Graph().parse(out / "graph.jsonld", format="json-ld")
    json.loads((out / "graph.json").read_text(encoding="utf-8"))
    for page in ("graph.html", "timeline.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert "<script>alert('x')" not in html and "<b>Brigade</b>" not in html, page
    # the article whose text holds <script> is there, as text
    assert "alert(" in (out / "mentions.csv").read_text(encoding="utf-8") or \
        "Brigade" in (out / "actors.csv").read_text(encoding="utf-8")


def test_a_file_that_vanishes_mid_run(tmp_path):
    (tmp_path / "a.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "c.txt").write_text(GOOD, encoding="utf-8")
    it = read_articles([tmp_path])
    first = next(it)
    (tmp_path / "b.txt").unlink()
    rest = list(it)
    assert first.article_id == "a"
    assert [(x.article_id, getattr(x, "reason", "")) for x in rest] == [
        ("b", "the file vanished before it could be read"), ("c", "")]


def test_strict_fails_on_the_first_bad_article_and_writes_nothing(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_good.txt").write_text(NEWS, encoding="utf-8")
    (src / "b_empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    code = main(["build", str(src), "--out", str(out), "--strict", "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert "b_empty.txt" in err and "empty" in err
    assert not out.exists() or not any(out.iterdir())


def test_without_strict_the_exit_code_says_some_failed(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_good.txt").write_text(NEWS, encoding="utf-8")
    (src / "b_empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    code = main(["build", str(src), "--out", str(out), "--workers", "1"])
    assert code == 1
    assert (out / "events.csv").exists()
    rows = list(csv.DictReader(open(out / "articles.csv", encoding="utf-8", newline="")))
    assert {r["article_id"]: r["status"] for r in rows} == {"a_good": "ok", "b_empty": "error"}


def test_expand_inputs_still_raises_for_a_library_caller(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        from graph.readers import expand_inputs

        expand_inputs([tmp_path / "nope.txt"])


# -- property tests: random and adversarial articles through the whole pipeline -------------
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

HOSTILE_BITS = ["<script>alert(1)</script>", "</textarea>", "\"", "'", "\\", "\n", "\r\n", "\t", "\x00", "\x1b[31m",
                "\u202e", "\u200f", "\ufeff", "\ud800", "&amp;", "]]>", "{{x}}", "${x}", "<!--", "`", "\u2028",
                "Aleppo", "Assad", "the Syrian army", "said", "attacked", "killed 5", "on Monday", "\"We will win,\"",
                " ", ".", "U.N.", "Dec. 22, 2016", "\U0001f4a5", "e\u0301"]
texts = st.lists(st.one_of(st.sampled_from(HOSTILE_BITS), st.text(max_size=12)), min_size=1, max_size=30).map("".join)
names = st.lists(st.sampled_from(HOSTILE_BITS), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(text=texts, title=names, publisher=names)
def test_random_articles_never_break_an_output(extractor, tmp_path_factory, text, title, publisher):
    """No exception escapes, and every output re-parses with nothing injected as markup."""
    import rdflib

    from graph.builder import build_graph
    from graph.exports import FORMATS, generate_many
    from graph.model import Article
    from graph.readers import _clean, furniture_spans

    text = _clean(text)
    if not text.strip():
        return
    art = Article(article_id="h", text=text, title=_clean(title), publisher=_clean(publisher),
                  skip=furniture_spans(text))
    parsed = extractor.parse(art)
    G = build_graph([parsed])
    out = generate_many(G, list(FORMATS))
    for name in FORMATS:
        if name.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(out[name], newline="")))
            assert len({len(r) for r in rows}) == 1, name
    rdflib.Graph().parse(data=out["graph.ttl"], format="turtle")
    rdflib.Dataset().parse(data=out["graph.trig"], format="trig")
    rdflib.Graph().parse(data=out["graph.jsonld"], format="json-ld")
    json.loads(out["graph.json"])
    for page in ("graph.html", "timeline.html"):
        assert "<script>alert(1)" not in out[page] and "</textarea>" not in out[page], page
