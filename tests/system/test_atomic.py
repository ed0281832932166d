"""Fault injection: a build killed or interrupted midway leaves the previous exports intact.

`python -m graph build` runs as a subprocess and is stopped by SIGKILL or SIGINT, either from
outside at a moment it is busy, or from inside at an exact point (the Nth article parsed, the
Nth export file staged, the Nth rename) through a small wrapper that counts calls. Afterwards
the export files are byte-identical to the old ones (or, when the kill came after every new
file was complete and the renames had begun, the next build's recovery completes the new set),
and no temporary file is left visible as an export.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.core.errors import ExportError
from graph.export.registry import FORMATS
from graph.export.writer import JOURNAL, LOCK, recover_exports
from graph.pipeline import run_build
from helpers import ROOT

TOWNS = ["Idlib", "Aleppo", "Homs", "Hama", "Raqqa", "Deir ez-Zor", "Mosul", "Kirkuk", "Tikrit", "Fallujah"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TEMPLATES = [
    "Government forces shelled the town of {town} on {day}, killing {n} civilians, a monitoring group said.",
    "Rebels attacked an army checkpoint near {town} on {day} and captured {n} soldiers, officials said.",
    "Aid workers evacuated {n} families from {town} on {day} after days of air strikes.",
    "Protesters marched through {town} on {day} demanding the release of {n} detained activists.",
]

WRAPPER = """
import os, signal, sys
sig = getattr(signal, os.environ["FAULT_SIGNAL"])
where, n = os.environ["FAULT_AT"], int(os.environ["FAULT_N"])
import graph.export.registry as reg
import graph.export.writer as ex
import graph.extract.extractor as ext
count = [0]
def hit():
    count[0] += 1
    if count[0] == n:
        os.kill(os.getpid(), sig)
if where == "parse":
    parse_doc = ext.Extractor.parse_doc
    def counted(self, article, doc):
        hit()
        return parse_doc(self, article, doc)
    ext.Extractor.parse_doc = counted
elif where == "stage":  # (the set writer stages each file through the registry)
    stage = reg.stage
    def counted(path, text):
        hit()
        return stage(path, text)
    reg.stage = counted
elif where == "rename":
    replace = ex.os.replace
    def counted(src, dst):
        hit()
        return replace(src, dst)
    ex.os.replace = counted
from graph.cli import main
sys.exit(main(sys.argv[1:]))
"""


def make_corpus(folder: Path, n: int, seed: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        k = i + seed
        lines = [TEMPLATES[(k + j) % len(TEMPLATES)].format(town=TOWNS[(k * 3 + j) % len(TOWNS)],
                                                           day=DAYS[(k + j) % len(DAYS)], n=(k * 7 + j) % 40 + 2)
                 for j in range(4)]
        (folder / f"art{i:04d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        (folder / f"art{i:04d}.meta.json").write_text(f'{{"published": "2019-{k % 12 + 1:02d}-15"}}')
    return folder


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file of the folder but the (empty) lock file builds hold while writing."""
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != LOCK}


def visible(out: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(out).items() if not k.startswith(".")}


@pytest.fixture(scope="module")
def old(tmp_path_factory, extractor):
    """A previous build (3 articles) whose exports must survive: (folder, bytes of every file)."""
    out = tmp_path_factory.mktemp("old") / "exports"
    run_build([make_corpus(tmp_path_factory.mktemp("old_in"), 3, seed=100)], out, extractor=extractor)
    files = snapshot(out)
    assert set(files) == set(FORMATS)
    return out, files


@pytest.fixture
def exports(old, tmp_path):
    """A fresh copy of the old exports for one test."""
    src, files = old
    out = tmp_path / "exports"
    out.mkdir()
    for name, data in files.items():
        (out / name).write_bytes(data)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"), 60)


def _default_sigint() -> None:
    # a job a shell starts in the background has SIGINT ignored, and Python then never turns it into
    # KeyboardInterrupt: the build under test gets Ctrl-C's usual handling whatever started pytest
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_cli(args: list[str], env: dict | None = None, code: str | None = None) -> subprocess.Popen:
    cmd = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "graph", *args]
    return subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint)


def faulty_build(corpus: Path, out: Path, where: str, n: int, sig: str) -> tuple[int, str]:
    proc = run_cli(["build", str(corpus), "--out", str(out), "--workers", "1", "--quiet"],
                   env={"FAULT_AT": where, "FAULT_N": str(n), "FAULT_SIGNAL": sig}, code=WRAPPER)
    _, err = proc.communicate(timeout=300)
    return proc.returncode, err


def assert_intact(out: Path, old_files: dict[str, bytes]) -> None:
    assert visible(out) == old_files
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")]
    recover_exports(out)  # what the next build does first
    assert snapshot(out) == old_files, leftovers


@pytest.mark.slow
@pytest.mark.parametrize("where,n", [("parse", 25), ("stage", 6)])
def test_sigkill_midway(corpus, exports, old, where, n):
    code, _ = faulty_build(corpus, exports, where, n, "SIGKILL")
    assert code == -signal.SIGKILL
    assert_intact(exports, old[1])


@pytest.mark.slow
@pytest.mark.parametrize("where,n", [("parse", 25), ("stage", 6)])
def test_sigint_midway(corpus, exports, old, where, n):
    code, err = faulty_build(corpus, exports, where, n, "SIGINT")
    assert code == 130, err
    assert "interrupted; existing exports were left as they were" in err
    assert snapshot(exports) == old[1]  # nothing to recover: the interrupted build cleaned up after itself


@pytest.fixture(scope="module")
def reference(tmp_path_factory, extractor):
    """A small corpus and its complete build, made in this process."""
    folder = make_corpus(tmp_path_factory.mktemp("ref_in"), 5, seed=7)
    out = tmp_path_factory.mktemp("ref") / "exports"
    run_build([folder], out, extractor=extractor)
    return folder, snapshot(out)


@pytest.mark.slow
@pytest.mark.parametrize("sig", ["SIGKILL", "SIGINT"])
def test_killed_during_the_renames_ends_as_the_new_set(reference, exports, old, sig):
    """Once every new file is complete on disk the renames are journaled: the set is finished,
    by the interrupted build itself (Ctrl-C) or by the next one (kill), never left mixed."""
    folder, new = reference
    code, _ = faulty_build(folder, exports, "rename", 5, sig)  # journal, then 3 files renamed
    if sig == "SIGKILL":
        assert code == -signal.SIGKILL
        assert (exports / JOURNAL).exists()
        mixed = visible(exports)
        assert mixed != old[1] and mixed != new
        recover_exports(exports)
    else:
        assert code == 130
    assert snapshot(exports) == new


@pytest.mark.slow
def test_sigkill_from_outside_while_busy(tmp_path, exports, old):
    """A plain `python -m graph build` on many articles, killed from outside after a few seconds."""
    corpus = make_corpus(tmp_path / "big", 400, seed=3)
    proc = run_cli(["build", str(corpus), "--out", str(exports), "--workers", "1", "--quiet"])
    try:
        time.sleep(8.0)
        assert proc.poll() is None, "the build ended before it could be killed; give it more articles"
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert_intact(exports, old[1])


@pytest.mark.slow
def test_sigint_from_outside_while_busy(tmp_path, exports, old):
    corpus = make_corpus(tmp_path / "big", 400, seed=5)
    proc = run_cli(["build", str(corpus), "--out", str(exports), "--workers", "2", "--quiet"])
    try:
        time.sleep(8.0)
        assert proc.poll() is None, "the build ended before it could be interrupted; give it more articles"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert snapshot(exports) == old[1]


@pytest.mark.slow
def test_export_failure_leaves_old_exports(reference, exports, old, monkeypatch, extractor):
    import graph.export.writer as ex

    folder, _ = reference

    def broken(G):
        raise RuntimeError("the timeline generator broke")

    monkeypatch.setitem(ex.FORMATS, "timeline.html", broken)
    with pytest.raises(RuntimeError, match="timeline generator broke"):
        run_build([folder], exports, extractor=extractor)
    assert snapshot(exports) == old[1]
    monkeypatch.undo()

    import graph.export.registry as reg

    calls = []
    stage = reg.stage

    def disk_full(path, text):
        calls.append(path)
        if len(calls) == 7:
            raise OSError(28, "No space left on device")
        return stage(path, text)

    monkeypatch.setattr(reg, "stage", disk_full)
    with pytest.raises(ExportError, match=f"cannot write to {exports}: No space left on device"):
        run_build([folder], exports, extractor=extractor)
    assert snapshot(exports) == old[1]


@pytest.mark.slow
def test_a_second_build_waits_for_the_first(reference, exports, extractor):
    """While one build holds the folder's lock, another does not touch its temporary files."""
    import fcntl
    import threading

    folder, new = reference
    (exports / ".graph.ttl.live123.tmp").write_text("a live build's file")
    with open(exports / LOCK, "a+b") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        t = threading.Thread(target=run_build, args=([folder], exports), kwargs={"extractor": extractor})
        t.start()
        time.sleep(1.0)
        assert t.is_alive() and (exports / ".graph.ttl.live123.tmp").exists()
        fcntl.flock(f.fileno(), fcntl.LOCK_UN)
    t.join(timeout=60)
    assert snapshot(exports) == new  # then it wrote its set, and cleaned the stale file up


def test_recovery_ignores_a_cut_journal_and_foreign_files(exports, old):
    (exports / JOURNAL).write_text('[[".events.csv.x.tmp", "events.csv"')  # cut before any rename
    (exports / ".events.csv.abc123.tmp").write_text("half")
    (exports / "notes.txt").write_text("mine")
    recover_exports(exports)
    files = snapshot(exports)
    assert files.pop("notes.txt") == b"mine"
    assert files == old[1]
