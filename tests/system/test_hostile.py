"""Hostile inputs: every bad input becomes one clear per-article error, the batch carries on.

All inputs are generated here (own sentences). One folder holds the good articles and every
hostile input; it is built once per module with the real extractor, and each case checks its
own row of articles.csv (status, error naming the reason, path naming the file) and that all
good articles came through with their events.
"""
from __future__ import annotations

import codecs
import csv
import json
import os
import random
import re
from datetime import date
from pathlib import Path

import pytest

from graph.cli import main
from graph.core.model import Article
from graph.pipeline import run_build
from graph.read import read_path
from graph.read.common import MAX_BYTES, MAX_CHARS

SENT = ("Government forces shelled the rebel-held town of Idlib on Monday, killing five civilians, "
        "a monitoring group said.\n")
SENT2 = "Rebels attacked an army checkpoint near Aleppo on Tuesday, officials said.\n"
META = json.dumps({"title": "Shelling", "publisher": "Test Wire", "published": "2019-05-14"})


def _sidecar(value) -> dict:
    return {"s.txt": SENT, "s.meta.json": value}


def _nested_html() -> str:
    return "<html><body>" + "<div>" * 100_000 + SENT * 5 + "</div>" * 100_000 + "</body></html>"


SCRIPT_HEAVY = ("<html><head><title>Shelling in Idlib</title>" + "<script>var x = '<p>alert(1)</p>';</script>" * 200
                + "<style>p{color:red}</style></head><body><nav>Menu</nav><article><h1>Shelling in Idlib</h1><p>"
                + SENT + "</p><script>document.write('<p>injected by a script</p>')</script><p>" + SENT2
                + "</p><noscript>enable javascript</noscript></article>"
                + "<script src='x.js'></script>" * 200 + "</body></html>")

GOOD = {  # article id -> files; each must come out ok with at least one event
    "good_txt": {"good_txt.txt": SENT, "good_txt.meta.json": META},
    "good_html": {"good_html.html": f"<html><head><title>Checkpoint attack</title></head><body><article>"
                                    f"<h1>Checkpoint attack</h1><p>{SENT2}</p><p>{SENT}</p></article></body></html>"},
    "good_md": {"good_md.md": SENT2 + "\n" + SENT},
    "r_good": {},  # a record of hostile.jsonl
}

JSONL = [
    json.dumps({"id": "r_good", "text": SENT, "published": "2019-05-14"}),
    '{"id": "r_broken", "text": "unterminated',
    json.dumps(["an", "array"]),
    "",
    json.dumps({"id": "r_notext", "title": "only a title"}),
    json.dumps({"id": "r_numtext", "text": 42}),
    json.dumps({"id": "r_good", "text": SENT2}),
    json.dumps({"id": "r_baddate", "text": SENT, "published": "2019-02-30"}),
    json.dumps({"id": "r_future", "text": SENT, "published": "2999-01-01"}),
    json.dumps({"id": "r_surrogate", "text": "Rebels \ud800 attacked a checkpoint on Monday.", "title": "x\udc00"}),
    json.dumps({"id": "../../etc/passwd", "text": SENT2}),
    '{"id": "r_deep", "text": ' + "[" * 50_000 + "]" * 50_000 + "}",
    json.dumps({"id": "r_scriptonly", "html": "<html><body>" + "<script>alert(1)</script>" * 50 + "</body></html>"}),
    json.dumps({"id": "r_titleobj", "text": SENT, "title": {"a": 1}}),
    "null",
    json.dumps({"id": "r_long", "text": "a " * (MAX_CHARS // 2 + 10)}),
    '{"id": "r_cut", "text": "the dump was cut in the mid',
]


def _utf16_bad() -> bytes:
    return codecs.BOM_UTF16_LE + "Rebels ".encode("utf-16-le") + b"\x00\xd8" + "attacked.".encode("utf-16-le")


# (article id, {file name: content (str = UTF-8, bytes, or a callable(folder) that makes it)}, status, error regex)
CASES = [
    ("empty", {"empty.txt": b""}, "error", r"the file is empty"),
    ("blank", {"blank.txt": b" \n\t \r\n"}, "error", r"the file is empty"),
    ("bom_only", {"bom_only.txt": codecs.BOM_UTF8}, "error", r"has no text"),
    ("utf16_blank", {"utf16_blank.txt": "   \n".encode("utf-16")}, "error", r"has no text"),
    ("png", {"png.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20}, "error", r"binary content \(NUL bytes\)"),
    ("ctrl", {"ctrl.txt": bytes(range(1, 9)) * 300 + b"abc"}, "error", r"binary content \(control characters\)"),
    ("random", {"random.txt": random.Random(9).randbytes(8192)}, "error", r"binary content"),
    ("elf", {"elf.html": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 500 + b"<html>"}, "error", r"binary content"),
    ("utf16le", {"utf16le.txt": SENT.encode("utf-16")}, "ok", None),
    ("utf16be", {"utf16be.txt": codecs.BOM_UTF16_BE + SENT.encode("utf-16-be")}, "ok", None),
    ("utf16_nobom", {"utf16_nobom.txt": SENT.encode("utf-16-le")}, "ok", None),
    ("utf16_bad", {"utf16_bad.txt": _utf16_bad()}, "error", r"invalid UTF-16 text"),
    ("cp1252", {"cp1252.txt": ("\u201cRebels\u201d attacked a caf\u00e9 \u2013 " + SENT).encode("cp1252")}, "ok", None),
    ("latin1", {"latin1.txt": ("Rebels attacked Homs\u00ae \x8d and H\u00f4ms. " + SENT).encode("latin-1")}, "ok", None),
    ("mixed", {"mixed.txt": "Caf\u00e9 Idlib: ".encode() + "na\u00efve \u2018".encode("cp1252") + SENT.encode()},
     "ok", None),
    ("badutf8", {"badutf8.txt": b"Rebels \xc3\x28 attacked \xed\xa0\x80 a checkpoint. " + SENT.encode()}, "ok", None),
    ("huge", {"huge.txt": lambda d: _sparse(d / "huge.txt", MAX_BYTES + 10_000_000)}, "error",
     r"the file is too large \(\d+ bytes; the limit is"),
    ("long_text", {"long_text.txt": (SENT * (20_000_000 // len(SENT))).encode()}, "error",
     r"the text is too long to parse \(\d+ characters; the limit is 1000000\): split the article"),
    ("long_line", {"long_line.txt": "x" * 300_000 + "\n" + SENT}, "ok", None),
    ("long_sentence", {"long_sentence.txt": SENT.strip() + " and " + "the shelling continued, " * 2000 + ".\n"},
     "ok", None),
    ("html_scripts", {"html_scripts.html": SCRIPT_HEAVY}, "ok", None),
    ("html_scriptonly", {"html_scriptonly.html": "<html><body>" + "<script>alert('x')</script>" * 100
                                                + "</body></html>"}, "error", r"no article text found"),
    ("html_huge", {"html_huge.html": "<html><body>" + f"<p>{SENT}</p>" * (11_000_000 // (len(SENT) + 7))
                                     + "</body></html>"}, "error",
     r"the HTML page is too large \(\d+ characters; the limit is 10000000 for HTML\)"),
    ("html_empty", {"html_empty.html": "<html></html>"}, "error", r"no article text found"),
    ("html_nested", {"html_nested.html": _nested_html()}, "error", r"no article text found|could not be parsed"),
    ("html_malformed", {"html_malformed.html": "<html><body><p>" + SENT + "<div><b>unclosed <i>tags</span></td>"
                                                "</table><p>" + SENT2 + "<![CDATA[ x <!-- never closed"}, "ok", None),
    ("html_cp1252", {"html_cp1252.html": ("<html><body><article><p>\u201cShelling\u201d \u2013 " + SENT
                                          + "</p></article></body></html>").encode("cp1252")}, "ok", None),
    ("side_badjson", _sidecar("{not json"), "error", r"invalid metadata sidecar: Expecting"),
    ("side_array", _sidecar("[1, 2]"), "error", r"metadata must be a JSON object"),
    ("side_impossible", _sidecar('{"published": "2019-02-30"}'), "error", r"'published' is not a valid date"),
    ("side_future", _sidecar('{"published": "2999-01-01"}'), "error", r"'published' 2999-01-01 is in the future"),
    ("side_intdate", _sidecar('{"published": 20190514}'), "error", r"'published' must be a date string, got int"),
    ("side_titlelist", _sidecar('{"title": ["a", "b"]}'), "error", r"metadata field 'title' must be a string"),
    ("side_garbage", _sidecar('{"published": "sometime soon-ish"}'), "error", r"'published' is not a valid date"),
    ("side_ancient", _sidecar('{"published": "0001-01-01"}'), "error", r"'published' 0001-01-01 is before 1800"),
    ("side_dir", {"s.txt": SENT, "s.meta.json": lambda d: (d / "side_dir.meta.json").mkdir()}, "error",
     r"metadata sidecar: is a directory"),
    ("side_binary", _sidecar(b"\xff\xfe\x00\x81garbage"), "error", r"invalid metadata sidecar: not UTF-8"),
    ("side_deep", _sidecar("[" * 100_000 + "]" * 100_000), "error", r"invalid metadata sidecar: JSON nested too deeply"),
    ("side_dangling", {"s.txt": SENT, "s.meta.json": lambda d: os.symlink("nowhere.json", d / "side_dangling.meta.json")},
     "error", r"metadata sidecar: a broken symbolic link \(to nowhere.json\)"),
    ("side_huge", _sidecar('{"title": "' + "t" * 2_000_000 + '"}'), "error", r"metadata sidecar: the file is too large"),
    ("side_contradicts", {"s.txt": "IDLIB, Syria, March 3, 2015 \u2014 " + SENT,
                          "s.meta.json": '{"published": "2019-05-14", "language": "en"}'}, "ok", None),
    ("dangling", {"dangling.txt": lambda d: os.symlink("gone.txt", d / "dangling.txt")}, "error",
     r"a broken symbolic link \(to gone.txt\)"),
    ("loop", {"loop.txt": lambda d: os.symlink("loop.txt", d / "loop.txt")}, "error",
     r"cannot be read: Too many levels of symbolic links"),
    ("fifo", {"fifo.txt": lambda d: os.mkfifo(d / "fifo.txt")}, "error", r"not a regular file"),
    ("bin_jsonl", {"bin_jsonl.jsonl": b"\x00\x01\x02\x03" * 100}, "error", r"binary content"),
    # two files named alike: two articles, the second with its path's hash in its id
    ("dupe", {"dupe.html": f"<html><body><article><p>{SENT}</p></article></body></html>", "dupe.txt": SENT},
     "ok", None),
    ("controls", {"controls.txt": "Rebels\x07 attacked\x1b[31m a checkpoint\x0b on Monday.\n" + SENT}, "ok", None),
    ("rtl", {"rtl.txt": "\u202eRebels <script>alert(1)</script> attacked \u200f\u2066 a checkpoint.\u2069\n" + SENT},
     "ok", None),
    ("nul_late", {"nul_late.txt": (SENT * 60).encode() + b"\x00 trailing"}, "ok", None),
    ("odd_name_b", {'odd name"<b>&\'.txt': SENT}, "ok", None),
    ("furniture_only", {"furniture_only.txt": "Skip to main content\nMenu\nSign in\nShare\n"}, "ok", None),
    ("mac_lines", {"mac_lines.txt": (SENT.strip() + "\r" + SENT2.strip() + "\r").encode()}, "ok", None),
    ("caf", {"caf_": lambda d: Path(os.fsdecode(os.path.join(os.fsencode(d), b"caf\xe9.txt"))).write_bytes(SENT.encode())},
     "ok", None),
    # records of one JSON Lines file (the good record r_good is in GOOD)
    ("hostile_2", {}, "error", r"invalid JSON: Unterminated string"),
    ("hostile_3", {}, "error", r"a record must be a JSON object"),
    ("r_notext", {}, "error", r"the record has no 'text' or 'html' string"),
    ("r_numtext", {}, "error", r"the record has no 'text' or 'html' string"),
    ("r_good_7", {}, "error", r"duplicate record id 'r_good'"),
    ("r_baddate", {}, "error", r"'published' is not a valid date"),
    ("r_future", {}, "error", r"is in the future"),
    ("r_surrogate", {}, "ok", None),
    ("etc_passwd", {}, "ok", None),
    ("hostile_12", {}, "error", r"invalid JSON: JSON nested too deeply"),
    ("r_scriptonly", {}, "error", r"no article text found"),
    ("r_titleobj", {}, "error", r"metadata field 'title' must be a string"),
    ("hostile_15", {}, "error", r"a record must be a JSON object"),
    ("r_long", {}, "error", r"the text is too long to parse"),
    ("hostile_17", {}, "error", r"invalid JSON: Unterminated string"),
]


def _sparse(path: Path, size: int) -> None:
    with open(path, "wb") as f:
        f.truncate(size)


def _write(folder: Path, case_id: str, files: dict) -> None:
    for name, content in files.items():
        if name.startswith("s.") and case_id.startswith("side_"):
            name = case_id + name[1:]
        path = folder / name
        if callable(content):
            content(folder)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def _rows(out: Path, name: str) -> list[dict]:
    with open(out / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, extractor):
    folder = tmp_path_factory.mktemp("hostile_in")
    for aid, files in GOOD.items():
        _write(folder, aid, files)
    for aid, files, _, _ in CASES:
        _write(folder, aid, files)
    (folder / "hostile.jsonl").write_text("\n".join(JSONL), encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile_out")
    result = run_build([folder], out, extractor=extractor)
    articles = {r["article_id"]: r for r in _rows(out, "articles.csv")}
    return result, folder, out, articles


def test_enough_hostile_inputs():
    assert len(CASES) >= 40 and len({c[0] for c in CASES}) == len(CASES)


def _check_good(result, out: Path, articles: dict) -> None:
    events = _rows(out, "events.csv")
    for aid in GOOD:
        row = articles[aid]
        assert row["status"] == "ok", row
        assert int(row["n_events"]) >= 1, row
        assert any(aid in e["articles"].split(";") for e in events), aid
    assert articles["good_txt"]["published"] == "2019-05-14" and articles["good_txt"]["publisher"] == "Test Wire"


@pytest.mark.slow
@pytest.mark.parametrize("aid,files,status,message", CASES, ids=[c[0] for c in CASES])
def test_hostile_input(hostile, aid, files, status, message):
    import re

    result, folder, out, articles = hostile
    assert aid in articles, f"{aid} missing from articles.csv"
    row = articles[aid]
    assert row["status"] == status, row
    if status == "error":
        assert re.search(message, row["error"]), row["error"]
        assert int(row["n_events"] or 0) == 0
        # the failure (what the log prints) names the file and the reason
        failure = next(f for f in result.failures if f.article_id == aid)
        assert failure.reason == row["error"] and str(folder) in failure.path == row["path"]
        names = set(files) | ({"hostile.jsonl"} if not files else set())
        names = {n.replace("s.", aid + ".", 1) if n.startswith("s.") and aid.startswith("side_") else n for n in names}
        assert any(n in row["path"] for n in names), (row["path"], names)
        if aid.startswith("side_"):  # the sidecar's problem names the sidecar
            assert row["error"].startswith(f"{aid}.meta.json: "), row["error"]
    else:  # an accepted article's error cell only holds warnings
        assert re.fullmatch(r"(no publication date: relative dates are left unresolved|a 'sentence' of \d+ "
                            r"characters at \d+ was skipped \(no events taken from it\)|; )*", row["error"]), row
    _check_good(result, out, articles)


@pytest.mark.slow
def test_every_table_reparses(hostile):
    """Bare CRs (mac_lines), odd names and payloads never break a CSV row."""
    _, _, out, articles = hostile
    for name in ("articles.csv", "events.csv", "mentions.csv", "statements.csv", "timexes.csv", "actors.csv"):
        with open(out / name, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        assert all(len(r) == len(rows[0]) for r in rows), name
    mentions = _rows(out, "mentions.csv")
    assert max(len(m["sentence"]) for m in mentions) <= 5000
    assert "a 'sentence' of 48" in articles["long_sentence"]["error"]
    assert max(len(a["name"]) for a in _rows(out, "actors.csv")) <= 150
    mac = [m for m in mentions if m["article"] == "mac_lines"]
    assert mac and all("\n" not in m["sentence"] for m in mac)
    assert "\ufffd" in articles["caf"]["path"]  # a file name that is not UTF-8


@pytest.mark.slow
def test_counts_add_up(hostile):
    result, _, out, articles = hostile
    assert sum(result.timings.values()) < 120, result.timings  # bounded time, whatever the input
    assert result.articles == len(articles) == len(GOOD) + len(CASES) + 1  # + the second "dupe"
    second = [a for a in articles if re.fullmatch(r"dupe_[0-9a-f]{8}", a)]
    assert len(second) == 1 and articles[second[0]]["status"] == "ok"
    assert result.failed == sum(1 for r in articles.values() if r["status"] == "error")
    assert {r["status"] for r in articles.values()} == {"ok", "error"}


@pytest.mark.slow
def test_decoded_texts(hostile):
    """What the accepted odd inputs were read as."""
    _, folder, _, _ = hostile

    def text(name: str) -> str:
        (a,) = read_path(folder / name)
        assert isinstance(a, Article), a
        return a.text

    assert text("utf16le.txt") == text("utf16be.txt") == text("utf16_nobom.txt") == SENT
    assert text("cp1252.txt").startswith("\u201cRebels\u201d attacked a caf\u00e9 \u2013")
    assert "H\u00f4ms" in text("latin1.txt")
    assert text("mixed.txt").startswith("Caf\u00e9 Idlib: na\u00efve \u2018")
    assert "\ufffd" not in text("badutf8.txt") and "\x00" not in text("badutf8.txt")
    (rec,) = [a for a in read_path(folder / "hostile.jsonl") if getattr(a, "article_id", "") == "r_surrogate"]
    assert rec.text == "Rebels \ufffd attacked a checkpoint on Monday." and rec.title == "x\ufffd"
    html = text("html_scripts.html")
    assert "alert" not in html and "injected by a script" not in html and "Idlib" in html
    (side,) = read_path(folder / "side_contradicts.txt")
    assert side.published == date(2019, 5, 14) and side.published_source == "sidecar"


def _one_good_and(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SENT)
    (folder / "victim.txt").write_text(SENT2)
    return folder


def test_file_vanishing_between_listing_and_reading(tmp_path, monkeypatch, extractor):
    import graph.read as readers

    folder = _one_good_and(tmp_path)
    listed = readers._expand

    def expand_then_delete(inputs):
        paths = list(listed(inputs))
        (folder / "victim.txt").unlink()
        return iter(paths)

    monkeypatch.setattr(readers, "_expand", expand_then_delete)
    result = run_build([folder], tmp_path / "out", extractor=extractor)
    rows = {r["article_id"]: r for r in _rows(tmp_path / "out", "articles.csv")}
    assert rows["victim"]["status"] == "error"
    assert rows["victim"]["error"] == "the file vanished before it could be read"
    assert rows["victim"]["path"].endswith("victim.txt")
    assert rows["good"]["status"] == "ok" and int(rows["good"]["n_events"]) >= 1
    assert result.failed == 1


def test_unreadable_file(tmp_path, monkeypatch, extractor):
    """chmod 000 does not stop root, so the refusal is simulated where the file is opened."""
    folder = _one_good_and(tmp_path)
    real_open = Path.open

    def guarded(self, *args, **kwargs):
        if self.name == "victim.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    run_build([folder], tmp_path / "out", extractor=extractor)
    rows = {r["article_id"]: r for r in _rows(tmp_path / "out", "articles.csv")}
    assert (rows["victim"]["status"], rows["victim"]["error"]) == ("error", "permission denied")
    assert rows["good"]["status"] == "ok" and int(rows["good"]["n_events"]) >= 1


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_chmod_000(tmp_path, extractor):
    folder = _one_good_and(tmp_path)
    (folder / "victim.txt").chmod(0)
    try:
        run_build([folder], tmp_path / "out", extractor=extractor)
    finally:
        (folder / "victim.txt").chmod(0o644)
    rows = {r["article_id"]: r for r in _rows(tmp_path / "out", "articles.csv")}
    assert rows["victim"]["error"] == "permission denied" and rows["good"]["status"] == "ok"


def test_extractor_crash_is_one_articles_error(tmp_path, extractor):
    """An article that breaks the parser becomes that article's error; the others still build."""

    class Fragile:
        def __init__(self, inner):
            self.inner = inner

        def parse(self, a):
            if "POISON" in a.text:
                raise ValueError("cannot handle this text")
            return self.inner.parse(a)

        def parse_many(self, articles, batch_size=16):
            for a in articles:
                yield self.parse(a)

    folder = _one_good_and(tmp_path)
    (folder / "poison.txt").write_text("POISON " + SENT)
    run_build([folder], tmp_path / "out", extractor=Fragile(extractor))
    rows = {r["article_id"]: r for r in _rows(tmp_path / "out", "articles.csv")}
    assert rows["poison"]["status"] == "error"
    assert rows["poison"]["error"] == "extraction failed: ValueError: cannot handle this text"
    assert rows["good"]["status"] == rows["victim"]["status"] == "ok"


# --- through the command --------------------------------------------------------------------

@pytest.fixture
def cli_extractor(monkeypatch, extractor):
    from graph.extract.extractor import Extractor

    monkeypatch.setattr(Extractor, "create", classmethod(lambda cls, **kw: extractor))


def test_cli_reports_each_error_and_exits_1(tmp_path, capsys, cli_extractor):
    folder = _one_good_and(tmp_path)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bad.txt").write_text(SENT)
    (folder / "bad.meta.json").write_text('{"published": "2999-12-31"}')
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--workers", "1", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"error: {folder / 'empty.txt'}: the file is empty" in err
    assert f"error: {folder / 'bad.txt'}: bad.meta.json: 'published' 2999-12-31 is in the future" in err
    rows = {r["article_id"]: r["status"] for r in _rows(out, "articles.csv")}
    assert rows == {"bad": "error", "empty": "error", "good": "ok", "victim": "ok"}


def test_strict_stops_at_the_first_error_and_keeps_old_exports(tmp_path, capsys, cli_extractor):
    folder = _one_good_and(tmp_path)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--out", str(out), "--workers", "1", "--quiet", "--strict"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (folder / "broken.jsonl").write_text(json.dumps({"id": "ok1", "text": SENT}) + "\n{oops\n")
    assert main(["build", str(folder), "--out", str(out), "--workers", "1", "--quiet", "--strict"]) == 2
    err = capsys.readouterr().err
    assert f"ctkg: error: {folder / 'broken.jsonl'}:2: invalid JSON" in err
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    # without --strict the same folder builds, with the record's error
    assert main(["build", str(folder), "--out", str(out), "--workers", "1", "--quiet"]) == 1
    rows = {r["article_id"]: r for r in _rows(out, "articles.csv")}
    assert rows["broken_2"]["status"] == "error" and rows["ok1"]["status"] == "ok"


def test_strict_with_workers(tmp_path, capsys, cli_extractor):
    folder = _one_good_and(tmp_path)
    (folder / "zz.txt").write_bytes(b"\x00\x01binary")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--workers", "2", "--quiet",
                 "--strict"]) == 2
    assert "zz.txt: binary content" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_decoding_large_mixed_files_is_fast_and_exact():
    import time

    from graph.read.common import decode_bytes

    t0 = time.perf_counter()
    cp = decode_bytes(("Caf\u00e9 na\u00efve \u2013 " * 1_000_000).encode("cp1252"), "cp.txt")  # 13 MB
    mixed = decode_bytes(("\u00e9" * 40_000).encode() + b"\xe9" + ("\u2013" * 30_000).encode() + b"\x96", "m.txt")
    assert time.perf_counter() - t0 < 10
    assert cp.startswith("Caf\u00e9 na\u00efve \u2013 ") and len(cp) == 13_000_000
    assert mixed == "\u00e9" * 40_000 + "\u00e9" + "\u2013" * 30_000 + "\u2013"  # sequences cut by chunks kept
