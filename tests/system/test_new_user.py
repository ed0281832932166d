"""What a new user hit (issue 14), each done the way the user did it: through the ``ctkg`` command.

A build that reads no article leaves its folder as it was; ``--out`` onto a folder ctkg did not
build is refused; no lock file is left behind; ``query``/``push`` take the folder they read as
an argument or ``--from``; a SPARQL syntax error says where and why in a line or two; plain
``ctkg build`` outside the repository says what to give it; undated articles and inputs that
name nothing are counted on the console; Ctrl-C during a parallel build prints one message.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graph.cli import main
from graph.export.writer import LOCK
from helpers import ROOT

SENT = "Government forces shelled the town of Idlib on Monday, killing 12 civilians, a monitoring group said.\n"
SENT2 = "Rebels attacked an army checkpoint near Aleppo on Tuesday and captured 5 soldiers, officials said.\n"


@pytest.fixture
def cli_extractor(monkeypatch, extractor):
    """The command builds with the session's loaded extractor (no second spaCy load)."""
    from graph.extract.extractor import Extractor

    monkeypatch.setattr(Extractor, "create", classmethod(lambda cls, **kw: extractor))


def articles(folder: Path, dated: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("one", SENT), ("two", SENT2)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        if dated:
            (folder / f"{name}.meta.json").write_text('{"published": "2019-03-15"}', encoding="utf-8")
    return folder


def every_file(folder: Path) -> dict[str, bytes]:
    """Every file under the folder, hidden ones and .store/ included, by relative path."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(*args: str) -> int:
    return main(["build", *args, "--workers", "1", "--quiet"])


# --- 1. a build that reads no article changes nothing ------------------------------------------------

def test_a_misspelled_only_input_leaves_the_build_as_it_was(tmp_path, capsys, cli_extractor):
    src = articles(tmp_path / "seeds")
    out = tmp_path / "o"
    assert build(str(src), "--out", str(out)) == 0
    before = every_file(out)
    assert any(k.startswith(".store/") for k in before)
    capsys.readouterr()
    assert build(str(tmp_path / "seed.txt"), "--out", str(out)) == 1
    assert every_file(out) == before
    err = capsys.readouterr().err
    assert "seed.txt: no such file or folder" in err
    assert "left as it was" in err
    # the same with --add, and with an input folder that holds no article
    (tmp_path / "empty").mkdir()
    assert build(str(tmp_path / "nothing*.txt"), "--out", str(out), "--add") == 1
    assert build(str(tmp_path / "empty"), "--out", str(out)) == 1
    assert every_file(out) == before


def test_a_build_of_unreadable_files_only_leaves_the_build_as_it_was(tmp_path, capsys, cli_extractor):
    out = tmp_path / "o"
    assert build(str(articles(tmp_path / "in")), "--out", str(out)) == 0
    before = every_file(out)
    (tmp_path / "empty.txt").write_bytes(b"")
    assert build(str(tmp_path / "empty.txt"), "--out", str(out)) == 1
    assert every_file(out) == before
    assert "empty.txt: the file is empty" in capsys.readouterr().err


# --- 2. --out onto a folder that is not a ctkg build -------------------------------------------------

def test_out_onto_a_folder_ctkg_did_not_build_is_refused(tmp_path, capsys, cli_extractor):
    src = articles(tmp_path / "in")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "events.csv").write_text("my,own,events\n", encoding="utf-8")
    (mine / "notes.txt").write_text("notes\n", encoding="utf-8")
    before = every_file(mine)
    assert build(str(src), "--out", str(mine)) == 2
    err = capsys.readouterr().err
    assert str(mine) in err and "--force" in err and "empty" in err
    assert every_file(mine) == before and sorted(p.name for p in mine.iterdir()) == ["events.csv", "notes.txt"]
    # --force writes into it
    assert build(str(src), "--out", str(mine), "--force") == 0
    assert (mine / "events.csv").read_text(encoding="utf-8") != "my,own,events\n"
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "notes\n"
    # and from then on it is a ctkg build
    assert build(str(src), "--out", str(mine)) == 0


def test_an_empty_folder_and_a_folder_ctkg_built_are_fine(tmp_path, cli_extractor):
    src = articles(tmp_path / "in")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(str(src), "--out", str(empty)) == 0
    assert build(str(src), "--out", str(empty)) == 0
    # a folder built before this change: its lock file left beside the exports
    (empty / LOCK).write_bytes(b"")
    assert build(str(src), "--out", str(empty), "--add") == 0
    assert build(str(src), "--out", str(empty)) == 0
    # a first build killed before it finished leaves only ctkg's own hidden files
    killed = tmp_path / "killed"
    killed.mkdir()
    (killed / LOCK).write_bytes(b"")
    (killed / ".events.csv.abc123.tmp").write_text("half", encoding="utf-8")
    assert build(str(src), "--out", str(killed)) == 0
    # a folder kept in version control by a placeholder, as the repository's own exports/
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / ".gitkeep").write_bytes(b"")
    assert build(str(src), "--out", str(kept)) == 0
    assert (kept / ".gitkeep").read_bytes() == b"" and (kept / "events.csv").is_file()


def test_no_lock_file_is_left_behind(tmp_path, cli_extractor):
    out = tmp_path / "o"
    assert build(str(articles(tmp_path / "in")), "--out", str(out)) == 0
    assert not (out / LOCK).exists()
    assert build(str(articles(tmp_path / "in")), "--out", str(out), "--add") == 0
    assert not (out / LOCK).exists()


def test_removing_the_lock_keeps_a_waiting_build_exclusive(tmp_path):
    """A build waiting on the lock while the holder removes it must not end up holding a lock on
    the removed file while a third build locks a new one."""
    import fcntl

    from graph.export.writer import folder_lock

    entered, release = threading.Event(), threading.Event()

    def second():
        with folder_lock(tmp_path):
            entered.set()
            release.wait(10)

    with folder_lock(tmp_path):
        t = threading.Thread(target=second)
        t.start()
        time.sleep(0.3)
        assert not entered.is_set()  # it waits
    assert entered.wait(10)
    try:
        with open(tmp_path / LOCK, "a+b") as f:  # a third build, now
            with pytest.raises(BlockingIOError):
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        release.set()
        t.join(10)
    assert not (tmp_path / LOCK).exists()


# --- 3. query and push name the folder they read; SPARQL errors; plain `ctkg build` ------------------

def test_query_takes_the_folder_as_an_argument_or_from(seed_build, capsys):
    _, out = seed_build
    q = "ASK { ?s a sem:Event }"
    for args in ([q, str(out)], [q, "--from", str(out)], [q, "--out", str(out)]):
        assert main(["query", *args]) == 0, args
        assert capsys.readouterr().out == "true\n"


def test_push_takes_the_folder_as_an_argument_or_from(tmp_path, monkeypatch, capsys):
    import graph.query.push as push

    seen = []

    def fake_push(out, endpoint, **kw):
        seen.append(str(out))
        return push.PushResult(endpoint=endpoint, graph="urn:g", triples=1, attempts=1, verified=False)

    monkeypatch.setattr(push, "push_build", fake_push)
    for args in ([str(tmp_path)], ["--from", str(tmp_path)], ["--out", str(tmp_path)]):
        assert main(["push", *args, "--endpoint", "http://localhost:1/store"]) == 0, args
    assert seen == [str(tmp_path)] * 3


@pytest.mark.parametrize("query,line,column,reason", [
    ("SELECT * WHERE { ?s foo:bar ?o }", 1, 28, "unknown prefix foo:"),
    ("SELECT ?x WHERE {\n  ?x ?y\n}", 3, 2, "expected"),
])
def test_a_sparql_syntax_error_shows_the_line_the_column_and_why(seed_build, capsys, query, line, column, reason):
    _, out = seed_build
    assert main(["query", query, str(out)]) == 2
    err = capsys.readouterr().err
    assert f"line {line}, column {column}" in err
    assert query.splitlines()[line - 1] in err
    assert reason in err
    assert "\\u{" not in err and "'..='" not in err and len(err) < 400, err


def test_plain_build_outside_the_repository_says_what_to_give_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 2
    err = capsys.readouterr().err
    assert "give article files or folders" in err and "ctkg build ARTICLES... --out DIR" in err
    assert list(tmp_path.iterdir()) == []


# --- 4. undated articles, inputs that name nothing, Ctrl-C --------------------------------------------

def test_undated_articles_are_noted_on_the_console(tmp_path, capsys, cli_extractor):
    assert build(str(articles(tmp_path / "in", dated=False)), "--out", str(tmp_path / "o")) == 0
    captured = capsys.readouterr()
    lines = [x for x in (captured.out + captured.err).splitlines() if "publication date" in x]
    assert len(lines) == 1, captured
    assert "2 articles" in lines[0] and "one" in lines[0] and "two" in lines[0]


def test_files_of_a_folder_ctkg_cannot_read_are_named_on_the_console(tmp_path, capsys, cli_extractor):
    """A PDF or a Word file dropped in the articles folder is not silently passed over."""
    folder = articles(tmp_path / "in")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 not an article")
    (folder / "notes.docx").write_bytes(b"PK not an article")
    (folder / ".DS_Store").write_bytes(b"\0")
    assert build(str(folder), "--out", str(tmp_path / "o")) == 0
    captured = capsys.readouterr()
    lines = [x for x in (captured.out + captured.err).splitlines() if "not read" in x]
    assert len(lines) == 1, captured
    assert "2 files" in lines[0] and "report.pdf" in lines[0] and "notes.docx" in lines[0]
    assert ".DS_Store" not in lines[0] and ".html" in lines[0]


def test_inputs_that_name_nothing_are_counted_apart(tmp_path, capsys, cli_extractor):
    src = articles(tmp_path / "in")
    (src / "two.txt").unlink()
    assert build(str(src), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o")) == 1
    out = capsys.readouterr().out
    assert out.startswith("1 article read, 1 input not found, "), out
    assert "failed" not in out


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text((SENT + "\n" + SENT2) * 3, encoding="utf-8")
        (folder / f"a{i:04d}.meta.json").write_text('{"published": "2019-03-15"}', encoding="utf-8")
    return folder


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the worker processes through /proc")
def test_ctrl_c_in_a_parallel_build_gives_one_clean_message(tmp_path):
    """A terminal's Ctrl-C goes to the whole process group: the parse workers too."""
    out = tmp_path / "o"
    proc = subprocess.Popen([sys.executable, "-m", "graph", "build", str(_corpus(tmp_path / "in", 400)), "--out",
                             str(out), "--workers", "2", "--quiet"], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 120
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        time.sleep(2.0)  # the workers are parsing
        assert proc.poll() is None, "the build ended before it could be interrupted; give it more articles"
        # Ctrl-C in a terminal signals the whole process group, in no fixed order: here the workers first
        for child in _children(proc.pid):
            os.kill(int(child), signal.SIGINT)
        time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert err.strip() == "ctkg: interrupted; existing exports were left as they were", err
    assert not out.exists()


# --- 5. dates a reader must trust (issue 14, item 4) ------------------------------------------------

UNDATED_ARTICLE = (
    "Government troops captured the hill town of Kafr Nabl, a monitoring group said.\n\n"
    "More than 400,000 people have died in the war.\n\n"
    "A new curfew in the province takes effect starting Friday, the governor said on Thursday.\n\n"
    "Rebels shelled an army post near Maarat on Wednesday, killing three soldiers.\n")


def test_what_the_text_does_not_date_stays_undated(tmp_path, cli_extractor):
    """A user built one article of Thursday 2019-03-07 and read its events and timeline: an event the text
    does not date has no date (not a guessed week before the article), only "not after" the article's day;
    the timeline lists it apart; "starting Friday" is the coming Friday."""
    import csv
    import re

    src = tmp_path / "in"
    src.mkdir()
    (src / "idlib.txt").write_text(UNDATED_ARTICLE, encoding="utf-8")
    (src / "idlib.meta.json").write_text('{"published": "2019-03-07"}', encoding="utf-8")
    out = tmp_path / "o"
    assert build(str(src), "--out", str(out)) == 0
    with (out / "events.csv").open(encoding="utf-8", newline="") as f:
        events = list(csv.DictReader(f))
    with (out / "mentions.csv").open(encoding="utf-8", newline="") as f:
        trigger_of = {m["event_id"]: m["trigger"] for m in csv.DictReader(f)}
    by_trigger = {trigger_of[e["event_id"]]: e for e in events}
    for trigger in ("captured", "died"):
        e = by_trigger[trigger]
        assert (e["date"], e["date_start"], e["date_end"], e["date_precision"]) == ("", "", "", "unknown"), e
        assert e["not_after"] == "2019-03-07", e
    # an event the text dates keeps its date, and no bound beside it
    shelled = by_trigger["shelled"]
    assert (shelled["date"], shelled["date_precision"], shelled["not_after"]) == ("2019-03-06", "day", "")
    with (out / "timexes.csv").open(encoding="utf-8", newline="") as f:
        values = {t["text"]: t["value"] for t in csv.DictReader(f)}
    assert values["Friday"] == "2019-03-08" and values["Thursday"] == "2019-03-07"
    # the timeline: the undated events are listed under the chart, not drawn on it
    page = (out / "timeline.html").read_text(encoding="utf-8")
    listed = set(re.findall(r'<tr data-event="([0-9a-f]+)">', page.split('<details id="undated"', 1)[1]))
    assert {by_trigger["captured"]["event_id"], by_trigger["died"]["event_id"]} <= listed
    assert shelled["event_id"] not in listed
    # and the linked data says the same
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert ttl.count('ctkg:notAfter "2019-03-07"^^xsd:date') == len([e for e in events if e["not_after"]])
