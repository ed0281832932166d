"""Outputs are complete or absent: a build killed midway leaves the previous exports intact."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from graph.exports import FORMATS, write_exports, write_text_atomic
from graph.pipeline import run_build


def _corpus(folder: Path, copies: int) -> Path:
    """The seeds, many times over under other names (a longer build to interrupt)."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(p for p in (ROOT / "seeds").iterdir() if p.suffix == ".txt")
    for i in range(copies):
        for p in seeds:
            shutil.copy(p, folder / f"{p.stem}_{i}.txt")
            meta = p.with_name(p.stem + ".meta.json")
            if meta.exists():
                shutil.copy(meta, folder / f"{p.stem}_{i}.meta.json")
    return folder


def _snapshot(out: Path) -> dict[str, bytes]:
    """The export files (the stored parsed articles in .store/ are not exports)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory, extractor):
    base = tmp_path_factory.mktemp("atomic")
    old_out = base / "exports"
    run_build([ROOT / "seeds"], old_out, extractor=extractor, workers=1)
    big = _corpus(base / "big", 6)
    new_out = base / "reference"
    run_build([big], new_out, extractor=extractor, workers=1)
    return base, big, _snapshot(old_out), _snapshot(new_out)


@pytest.mark.parametrize("sig,delay", [(signal.SIGKILL, 4.0), (signal.SIGINT, 6.0), (signal.SIGKILL, 9.0),
                                       (signal.SIGTERM, 12.0)])
def test_killed_build_leaves_every_export_old_or_new_never_partial(old_and_new, tmp_path, sig, delay):
    base, big, old, new = old_and_new
    out = tmp_path / "exports"
    shutil.copytree(base / "exports", out)
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.Popen([sys.executable, "-m", "graph", "build", str(big), "--out", str(out), "--workers", "1"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    now = _snapshot(out)
    visible = {k: v for k, v in now.items() if not k.startswith(".")}
    assert set(visible) == set(old), sorted(set(visible) ^ set(old))
    for name, data in visible.items():
        assert data == old[name] or data == new[name], f"{name} is neither the old nor the new file"
    # a later build cleans up what a killed one left and writes the full new set
    code = subprocess.run([sys.executable, "-m", "graph", "build", str(big), "--out", str(out), "--workers", "1"],
                          cwd=ROOT, env=env, capture_output=True).returncode
    assert code == 0
    assert _snapshot(out) == new


def _write_then_die(graph_json: str, out: str, after: int) -> None:
    """In a child process: write the exports and SIGKILL itself after ``after`` renames."""
    from graph.queries import load_graph

    G = load_graph(graph_json)
    real = os.replace
    done = []

    def replace_then_die(a, b):
        if len(done) == after:
            os.kill(os.getpid(), signal.SIGKILL)
        real(a, b)
        done.append(b)

    os.replace = replace_then_die
    write_exports(G, out)


@pytest.mark.parametrize("after", [0, 3, 9])
def test_kill_while_files_are_renamed_leaves_no_partial_file(old_and_new, tmp_path, after):
    """The worst moment: killed between two renames. Each file is then the old or the new one,
    complete (never a partial file), and the next build writes the whole new set."""
    import multiprocessing as mp

    from graph.queries import load_graph

    base, big, old, _new = old_and_new
    G = load_graph(base / "reference" / "graph.json")
    write_exports(G, tmp_path / "expected")
    new = _snapshot(tmp_path / "expected")
    out = tmp_path / "exports"
    shutil.copytree(base / "exports", out)
    p = mp.get_context("fork").Process(target=_write_then_die, args=(str(base / "reference" / "graph.json"),
                                                                     str(out), after))
    p.start()
    p.join(120)
    assert p.exitcode == -signal.SIGKILL
    visible = {k: v for k, v in _snapshot(out).items() if not k.startswith(".")}
    assert set(visible) == set(old)
    changed = [k for k, v in visible.items() if v != old[k]]
    assert all(visible[k] == new[k] for k in changed)
    assert len(changed) <= after
    hidden = [k for k in _snapshot(out) if k.startswith(".")]
    assert all(k.endswith(".tmp") for k in hidden)
    write_exports(G, out)
    assert _snapshot(out) == new  # temporaries of the killed build are cleaned up


def test_a_failing_export_leaves_the_previous_files(tmp_path, old_and_new, monkeypatch):
    base, _big, old, _new = old_and_new
    out = tmp_path / "exports"
    shutil.copytree(base / "exports", out)
    from graph import exports, rdf
    from graph.errors import ExportError
    from graph.queries import load_graph

    G = load_graph(out / "graph.json")

    def broken(*a, **k):
        raise ExportError("simulated failure")

    monkeypatch.setattr(rdf, "generate_trig", broken)
    with pytest.raises(ExportError):
        write_exports(G, out)
    assert _snapshot(out) == old  # nothing was written: every format is generated before any file


def test_write_text_atomic_keeps_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "events.csv"
    target.write_text("old\n")

    class Boom(Exception):
        pass

    real_replace = os.replace

    def fail_replace(a, b):
        raise Boom()

    monkeypatch.setattr(os, "replace", fail_replace)
    with pytest.raises(Boom):
        write_text_atomic(target, "new\n" * 1000)
    monkeypatch.setattr(os, "replace", real_replace)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_exports_are_ordinary_readable_files(tmp_path, old_and_new):
    base, *_ = old_and_new
    for p in (base / "exports").iterdir():
        assert p.stat().st_mode & 0o444 == 0o444 & ~_umask(), p.name


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


def test_every_format_is_known():
    assert {"events.csv", "graph.ttl", "graph.html", "timeline.html"} <= set(FORMATS)
