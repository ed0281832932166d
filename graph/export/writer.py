"""Writing the exports as one set: every file of a build, or none of them, replaces the old ones.

:func:`write_exports` generates every format first (:func:`graph.export.registry.generate_many`),
stages each text in a hidden temporary file beside its target (:mod:`graph.core.files`), and
only then renames them into place, with a journal of the renames so that a build killed
half-way is completed by the next one (:func:`recover_exports`). A lock file keeps a second
build from writing the same folder at the same time.
"""
from __future__ import annotations

import glob
import json
import os
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from graph.core.errors import ExportError
from graph.core.files import TMP_SUFFIX, stage, sync_dir, unlink_quietly, write_text_atomic
from graph.export.registry import FORMATS, generate_many

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock
    fcntl = None

JOURNAL = ".ctkg-commit.json"  # the renames of a set of exports that was being put in place
LOCK = ".ctkg-lock"  # held (flock) by the build writing the folder


def recover_exports(out: str | os.PathLike) -> None:
    """Finish or clean up after a build that was killed while writing ``out``.

    A killed build can leave hidden temporary files (removed here), and, if it was killed
    while renaming a complete set of new files into place, a journal of those renames:
    they are completed, so the folder holds one build's files, never a mix of two.
    """
    out = Path(out)
    journal = out / JOURNAL
    if journal.is_file():
        try:
            pairs = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pairs = []  # a journal cut short: it was written before any rename, so nothing moved
        for tmp, final in pairs if isinstance(pairs, list) else []:
            src, dst = out / str(tmp), out / str(final)
            if src.parent == out and dst.parent == out and src.is_file():
                os.replace(src, dst)
        unlink_quietly(journal)
    for name in FORMATS:
        for stale in out.glob(f".{glob.escape(name)}.*{TMP_SUFFIX}"):
            unlink_quietly(stale)
    for stale in out.glob(f"{JOURNAL}.*{TMP_SUFFIX}"):
        unlink_quietly(stale)


def write_exports(G: nx.MultiDiGraph, out: str | os.PathLike, names: list[str] | None = None, *,
                  workers: int = 1) -> list[Path]:
    """Write the exports as one set; returns the paths written.

    Every format is generated first (an error there leaves ``out`` untouched; ``workers`` > 1
    generates the linked data in a forked process, see :func:`generate_many`), then written
    to hidden temporary files, and only when all are complete on disk are they renamed into
    place, one quick rename each, with a journal so that a build killed during the renames
    is completed by the next one (:func:`recover_exports`). So a failed or interrupted build
    leaves the previous exports as they were, as a set.
    """
    out = Path(out)
    texts = generate_many(G, names or list(FORMATS), workers=workers)
    staged: list[tuple[Path, Path]] = []
    journal = out / JOURNAL
    try:
        out.mkdir(parents=True, exist_ok=True)
        with _locked(out):
            return _write_set(out, texts, staged, journal)
    except OSError as exc:
        raise ExportError(f"cannot write to {out}: {exc.strerror or exc}") from exc


@contextmanager
def _locked(out: Path):
    """One build at a time writes a folder (a second one waits): recovery never takes another
    live build's temporary files for leftovers. The lock goes with the process, even when killed."""
    with open(out / LOCK, "a+b") as f:
        if fcntl is not None:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        yield


def _write_set(out: Path, texts: dict[str, str], staged: list[tuple[Path, Path]], journal: Path) -> list[Path]:
    try:
        recover_exports(out)
        for name, text in texts.items():
            staged.append((stage(out / name, text), out / name))
        write_text_atomic(journal, json.dumps([[t.name, f.name] for t, f in staged]))
        try:
            for tmp, final in staged:
                os.replace(tmp, final)
        except KeyboardInterrupt:
            recover_exports(out)  # every new file is complete: finish the set rather than leave a mix
            raise
        unlink_quietly(journal)
        sync_dir(out)
    finally:
        if not journal.exists():  # nothing half-renamed: drop what was staged and not used
            for tmp, _ in staged:
                unlink_quietly(tmp)
    return [final for _, final in staged]
