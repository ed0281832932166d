"""Reading articles: plain text (+ NAME.meta.json sidecar), HTML pages, JSON Lines.

Readers are looked up by name (``READERS``: ``text``, ``html``, ``jsonl``) and chosen by
file extension (``EXTENSIONS``). Each yields :class:`~graph.core.model.Article` records, or
:class:`~graph.core.model.ArticleFailure` for an input it could not read, so one bad file
never stops a batch. :func:`read_articles` reads files, folders and globs; what the readers
share (decoding, metadata, limits, page furniture) is in :mod:`graph.read.common`.
"""
from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from graph.core.errors import InputError
from graph.core.model import Article, ArticleFailure, MissingInput
from graph.read.common import SURROGATE, article_id_for, clean
from graph.read.html import read_html
from graph.read.jsonl import read_jsonl
from graph.read.text import read_text

Reader = Callable[[Path], Iterable["Article | ArticleFailure"]]
READERS: dict[str, Reader] = {"text": read_text, "html": read_html, "jsonl": read_jsonl}
EXTENSIONS = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
              ".jsonl": "jsonl", ".ndjson": "jsonl"}


def reader_for(path: Path) -> str | None:
    """The name of the reader a file's extension selects (None: not an article, e.g. a sidecar)."""
    if path.name.endswith(".meta.json"):
        return None
    return EXTENSIONS.get(path.suffix.lower())


def _expand(inputs: Iterable[str | os.PathLike]) -> Iterator[Path | ArticleFailure]:
    """Files, folders (recursively) and globs in a stable order; an input that names nothing
    becomes a failure record, so the other inputs still build."""
    seen: set[Path] = set()
    for item in inputs:
        s = str(item)
        if any(ch in s for ch in "*?["):
            matches = [Path(p) for p in sorted(glob.glob(s, recursive=True))]
            if not matches:
                yield MissingInput(article_id_for(Path(s)), s, "the pattern matches no file")
                continue
        else:
            p = Path(s)
            if not p.exists() and not p.is_symlink():
                yield MissingInput(article_id_for(p), s, "no such file or folder")
                continue
            matches = [p]
        for m in matches:
            # broken links, pipes... named like articles are listed too, to be reported
            files = sorted(f for f in m.rglob("*") if reader_for(f) and not f.is_dir()) if m.is_dir() else [m]
            for f in files:
                if f not in seen:
                    seen.add(f)
                    yield f


def unread_files(inputs: Iterable[str | os.PathLike]) -> list[Path]:
    """The files inside the input folders that no reader takes ("report.pdf", "notes.docx"), so
    that they are named rather than passed over; sidecars and hidden files are not counted."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if not p.is_dir():
            continue
        for f in sorted(p.rglob("*")):
            rel = f.relative_to(p).parts
            if f.is_file() and reader_for(f) is None and not f.name.endswith(".meta.json") \
                    and not any(part.startswith(".") for part in rel):
                out.append(f)
    return out


def expand_inputs(inputs: Iterable[str | os.PathLike]) -> list[Path]:
    """Files, folders (recursively) and globs, in a stable order, without duplicates.
    Raises InputError for an input that names nothing."""
    out = []
    for x in _expand(inputs):
        if isinstance(x, ArticleFailure):
            raise InputError(x.path, x.reason)
        out.append(x)
    return out


def read_path(path: Path, reader: str | None = None) -> Iterator[Article | ArticleFailure]:
    """Read one input path with the named reader (or the one its extension selects).

    A file name that is not valid UTF-8 is shown with U+FFFD for its undecodable bytes."""
    for item in _read_path(path, reader):
        if SURROGATE.search(item.path) or (isinstance(item, ArticleFailure) and SURROGATE.search(item.reason)):
            item = replace(item, path=clean(item.path), **(
                {"reason": clean(item.reason)} if isinstance(item, ArticleFailure) else {}))
        yield item


def _read_path(path: Path, reader: str | None = None) -> Iterator[Article | ArticleFailure]:
    name = reader or reader_for(path) or "text"
    try:
        yield from READERS[name](path)
    except InputError as exc:
        # a problem of another file (the sidecar) names that file
        reason = exc.reason if exc.path == str(path) else f"{Path(exc.path).name}: {exc.reason}"
        yield ArticleFailure(article_id_for(path), str(path), reason)
    except (OSError, ValueError, RecursionError, MemoryError) as exc:  # a reader's library broke on this input
        yield ArticleFailure(article_id_for(path), str(path), f"could not be read ({type(exc).__name__}: {exc})")


def read_articles(inputs: Iterable[str | os.PathLike], reader: str | None = None) -> Iterator[Article | ArticleFailure]:
    """Every article of the inputs, or a failure record per unreadable one (an input that
    names nothing included). Article ids are unique in a batch: a second file whose id is taken
    ("2016/report.txt" after "2015/report.txt") gets the id with a short hash of its path."""
    taken: set[str] = set()
    for x in _expand(inputs):
        items = [x] if isinstance(x, ArticleFailure) else read_path(x, reader)
        for item in items:
            aid = item.article_id
            if aid in taken:
                aid = f"{aid}_{hashlib.sha1(item.path.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
                item = replace(item, article_id=aid)
            taken.add(aid)
            yield item
