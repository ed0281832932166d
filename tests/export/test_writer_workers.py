"""The export set written by two processes (the linked data in a forked one, the other formats shared
out as each process is free) is the set one process writes, byte for byte, and a format that fails in
either process leaves no file behind."""
from __future__ import annotations

import multiprocessing as mp

import pytest

from graph.export import registry
from graph.export.writer import write_exports

pytestmark = pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="two export processes need fork")


def test_two_processes_write_the_files_one_process_writes(tmp_path, seed_build):
    G = seed_build[0].graph
    one = write_exports(G, tmp_path / "one", workers=1)
    two = write_exports(G, tmp_path / "two", workers=2)
    assert [p.name for p in one] == [p.name for p in two] == list(registry.FORMATS)
    for a, b in zip(one, two):
        assert a.read_bytes() == b.read_bytes(), a.name


def _broken(G) -> str:
    raise RuntimeError("this format cannot be written")


@pytest.mark.parametrize("where", ["first", "last"])
def test_a_format_failing_in_either_process_leaves_no_file(tmp_path, monkeypatch, seed_build, where):
    # (first: among the formats the two processes share, taken at once by this one; last: taken by
    # whichever is free then)
    monkeypatch.setitem(registry.FORMATS, "broken.txt", _broken)
    monkeypatch.setattr(registry, "HEAVY_FIRST", ("broken.txt",) + registry.HEAVY_FIRST if where == "first"
                        else registry.HEAVY_FIRST)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="cannot be written"):
        write_exports(seed_build[0].graph, out, [*registry.FORMATS], workers=2)
    assert not out.exists() or not any(out.iterdir())
