"""Writing the exports as one set: every file of a build, or none of them, replaces the old ones.

:func:`write_exports` writes every format, one at a time, to a hidden temporary file beside its
target (:func:`graph.export.registry.stage_many`, :mod:`graph.core.files`: no two texts are held
at once, graph.json not even one), and only when all are complete renames them into place, with a journal of the renames so that a build killed
half-way is completed by the next one (:func:`recover_exports`). A lock file keeps a second
build from writing the same folder at the same time (:func:`folder_lock`); it is removed when the
build ends. :func:`check_folder` refuses a folder that holds files ctkg did not write.
"""
from __future__ import annotations

import glob
import json
import os
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from graph.build.store import BUILD_INFO, STORE_DIR
from graph.core.errors import ExportError
from graph.core.files import TMP_SUFFIX, sync_dir, unlink_quietly, write_text_atomic
from graph.export.registry import FORMATS, Staged, check_names, stage_many

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock
    fcntl = None

JOURNAL = ".ctkg-commit.json"  # the renames of a set of exports that was being put in place
LOCK = ".ctkg-lock"  # held (flock) by the build writing the folder, removed when it is done
ARTICLES_HEADER = "article_id,"  # how ctkg's articles.csv (of any version) begins


class NotABuildFolder(ExportError):
    """``--out`` names a folder that holds files ctkg did not write."""


def is_build_folder(out: str | os.PathLike) -> bool:
    """Whether ``out`` holds a ctkg build: its ``.store/.build.json`` (or, for builds made before
    that file, ``.store/``, the lock or journal file builds left, or ctkg's articles.csv)."""
    out = Path(out)
    if (out / STORE_DIR / BUILD_INFO).is_file() or (out / STORE_DIR).is_dir():
        return True
    if (out / LOCK).is_file() or (out / JOURNAL).is_file():
        return True
    try:
        with open(out / "articles.csv", encoding="utf-8", errors="replace") as f:
            header = f.readline()
    except OSError:
        return False
    return header.startswith(ARTICLES_HEADER) and "status" in header.split(",")


def _ctkg_leftover(name: str) -> bool:
    """A file a ctkg build that was killed before its first set was complete can leave."""
    if name in (LOCK, JOURNAL) or (name.startswith(f"{JOURNAL}.") and name.endswith(TMP_SUFFIX)):
        return True
    return name.endswith(TMP_SUFFIX) and any(name.startswith(f".{n}.") for n in FORMATS)


# files that keep a folder in version control or that file managers leave: no build writes them,
# so a folder holding only these is as good as empty (the repository's own exports/.gitkeep)
PLACEHOLDERS = (".gitkeep", ".keep", ".gitignore", ".DS_Store", "Thumbs.db", "desktop.ini")


def check_folder(out: str | os.PathLike) -> None:
    """Raise NotABuildFolder if ``out`` exists and holds files, but no ctkg build: a build
    there would replace the user's files of the same names (events.csv...). A new folder, an
    empty one and one ctkg built before are fine."""
    out = Path(out)
    if not out.exists():
        return
    if not out.is_dir():
        raise NotABuildFolder(f"{out} is a file, not a folder: give --out a new or empty folder")
    if is_build_folder(out):
        return
    try:
        foreign = sorted(p.name for p in out.iterdir() if not _ctkg_leftover(p.name) and p.name not in PLACEHOLDERS)
    except OSError as exc:
        raise ExportError(f"cannot read the folder {out}: {exc.strerror or exc}") from exc
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise NotABuildFolder(
            f"{out} is not a ctkg build folder and is not empty (it holds {shown}); a build would replace "
            "files of the same names there. Choose an empty or new folder with --out, or pass --force to "
            "build into it anyway")


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

    Every format is written to a hidden temporary file (an error there leaves ``out`` as it was,
    the temporary files removed; ``workers`` > 1 writes the linked data in a forked process, see
    :func:`stage_many`), and only when all are complete on disk are they renamed into place, one
    quick rename each, with a journal so that a build killed during the renames is completed by
    the next one (:func:`recover_exports`). So a failed or interrupted build leaves the previous
    exports as they were, as a set.
    """
    out = Path(out)
    names = check_names(names or list(FORMATS))
    staged: Staged = []
    journal = out / JOURNAL
    made = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        with folder_lock(out):
            return _write_set(out, G, names, workers, staged, journal)
    except OSError as exc:
        raise ExportError(f"cannot write to {out}: {exc.strerror or exc}") from exc
    except BaseException:
        if made and not journal.exists():  # a new folder that got no file goes again
            try:
                out.rmdir()
            except OSError:
                pass
        raise


@contextmanager
def folder_lock(out: str | os.PathLike):
    """One build at a time writes a folder (a second one waits): recovery never takes another
    live build's temporary files for leftovers. The lock goes with the process, even when killed.

    The lock file is removed when the build is done, while it still holds the lock; a build that
    was waiting on the removed file finds, once it has the lock, that the name no longer leads to
    the file it locked, and starts over on a new one. So two builds never hold "the" lock at once.
    """
    path = Path(out) / LOCK
    while True:
        f = open(path, "a+b")
        try:
            if fcntl is None:  # pragma: no cover - Windows: no lock
                break
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
            try:
                st = os.stat(path)
            except FileNotFoundError:
                st = None
            mine = os.fstat(f.fileno())
            if st is not None and (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino):
                break
        except BaseException:
            f.close()
            raise
        f.close()  # the holder removed the file while we waited: lock the one there now
    try:
        yield
    finally:
        try:
            try:
                path.unlink()
            except OSError:
                pass  # a folder that forbids it keeps an empty lock file; the next build reuses it
        finally:
            f.close()


def _write_set(out: Path, G: nx.MultiDiGraph, names: list[str], workers: int, staged: Staged,
               journal: Path) -> list[Path]:
    try:
        recover_exports(out)
        stage_many(G, names, out, staged, workers=workers)
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
