"""The parsed articles of a build, kept beside its exports so that a build can grow.

Every build writes each article's :class:`~graph.core.model.ParsedArticle` (or its
:class:`~graph.core.model.ArticleFailure`) as JSON to ``OUT/.store/<article_id>.json``.
``ctkg build NEW --out OUT --add`` parses only the new articles, then rebuilds the graph
from the stored ones plus the new ones. The graph is a function of the set of parsed
articles (the builder sorts them and clusters mentions in a canonical order), so adding
articles one at a time gives the same files as building them all at once, and adding an
article again (same id, same text) changes nothing.

The records are plain JSON made from the dataclasses' fields (dates as ISO strings); a
schema version guards against reading a store written by an incompatible ctkg.
"""
from __future__ import annotations

import dataclasses
import json
import os
import types
import typing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from graph.core.errors import ConfigError
from graph.core.files import stage, unlink_quietly, write_text_atomic
from graph.core.model import ArticleFailure, ParsedArticle

STORE_DIR = ".store"
SCHEMA = 1
BUILD_INFO = ".build.json"  # the build's own settings (base IRI); article ids never start with "."


class StoreError(ConfigError):
    """A build folder's stored articles cannot be read (or do not exist for --add)."""


# -- dataclasses <-> JSON -------------------------------------------------------------------

def to_dict(obj: Any) -> Any:
    """A record as JSON-ready data: dataclasses as dicts of their fields, dates as ISO text,
    tuples as lists."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    return obj


def _hints(cls: type) -> dict[str, Any]:
    import graph.core.model as model

    return get_type_hints(cls, vars(model))


def from_dict(tp: Any, data: Any) -> Any:
    """The inverse of :func:`to_dict` for a type annotation ``tp`` (a model dataclass,
    ``X | None``, ``tuple[X, ...]``, ``list[X]``, ``date`` or a plain JSON type)."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if data is None:
            return None
        if len(args) == 1:
            return from_dict(args[0], data)
        return data
    if origin in (tuple, list):
        if not isinstance(data, list):
            raise StoreError(f"expected a list for {tp}, got {type(data).__name__}")
        inner = get_args(tp)[0]
        items = [from_dict(inner, x) for x in data]
        return tuple(items) if origin is tuple else items
    if tp is date:
        return date.fromisoformat(data) if data is not None else None
    if dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise StoreError(f"expected an object for {tp.__name__}, got {type(data).__name__}")
        hints = _hints(tp)
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name in data:
                kwargs[f.name] = from_dict(hints[f.name], data[f.name])
        return tp(**kwargs)
    if tp is float and isinstance(data, int):
        return float(data)
    return data


def dumps(item: ParsedArticle | ArticleFailure) -> str:
    kind = "failure" if isinstance(item, ArticleFailure) else "parsed"
    return json.dumps({"schema": SCHEMA, "kind": kind, "record": to_dict(item)}, ensure_ascii=False,
                      sort_keys=True) + "\n"


def loads(text: str, where: str = "") -> ParsedArticle | ArticleFailure:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(f"{where}: not a stored article ({exc.msg}); rebuild the folder without --add") from exc
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA or doc.get("kind") not in ("parsed", "failure"):
        schema = doc.get("schema") if isinstance(doc, dict) else None
        raise StoreError(f"{where}: not an article stored by this version of ctkg (schema {schema!r}, "
                         f"expected {SCHEMA}); rebuild the folder without --add")
    cls = ParsedArticle if doc["kind"] == "parsed" else ArticleFailure
    try:
        return from_dict(cls, doc["record"])
    except (TypeError, ValueError, KeyError) as exc:
        raise StoreError(f"{where}: a damaged stored article ({exc}); rebuild the folder without --add") from exc


# -- the folder -----------------------------------------------------------------------------

def article_id_of(item: ParsedArticle | ArticleFailure) -> str:
    return item.article_id if isinstance(item, ArticleFailure) else item.article.article_id


def store_path(out: str | os.PathLike, article_id: str) -> Path:
    if not article_id or article_id.startswith(".") or "/" in article_id or "\\" in article_id:
        raise StoreError(f"article id {article_id!r} cannot name a stored file")
    return Path(out) / STORE_DIR / f"{article_id}.json"


def load_store(out: str | os.PathLike) -> dict[str, ParsedArticle | ArticleFailure]:
    """The stored articles of a build folder, by article id."""
    folder = Path(out) / STORE_DIR
    if not folder.is_dir():
        raise StoreError(f"{out} holds no stored articles to add to (no {STORE_DIR}/): build it once "
                         "without --add")
    items: dict[str, ParsedArticle | ArticleFailure] = {}
    for p in sorted(folder.glob("*.json")):
        if p.name.startswith("."):
            continue
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"{p}: cannot be read ({exc.strerror or exc})") from exc
        item = loads(text, str(p))
        items[article_id_of(item)] = item
    return items


@dataclass
class StagedStore:
    """Articles written to hidden temporary files in a build's store folder (which load_store
    does not read), put in place by :meth:`commit` or removed by :meth:`discard`. A build stages
    its articles before it writes the exports, so that it can drop the parsed records and still
    store them only once the exports are written."""

    folder: Path
    made: list[Path]  # the folders staging created (removed again by discard when empty)
    files: list[tuple[Path, Path]] = dataclasses.field(default_factory=list)  # (temporary, final)
    names: set[str] = dataclasses.field(default_factory=set)  # the file names of the staged articles

    def commit(self, *, replace_all: bool) -> None:
        """Put the staged files in place. ``replace_all``: the folder's store becomes exactly
        these articles (a full build); else they are added or replaced."""
        for tmp, path in self.files:
            os.replace(tmp, path)
        self.files = []
        if replace_all:
            for p in self.folder.glob("*.json"):
                if p.name not in self.names and not p.name.startswith("."):
                    p.unlink()

    def discard(self) -> None:
        for tmp, _ in self.files:
            unlink_quietly(tmp)
        self.files = []
        for folder in reversed(self.made):
            try:
                folder.rmdir()
            except OSError:
                pass


def stage_store(out: str | os.PathLike, items: typing.Iterable[ParsedArticle | ArticleFailure]) -> StagedStore:
    """Write these articles' records to hidden temporary files in the store folder (each file
    complete and synced; an article whose stored file already holds the same record is left
    alone; of two records of one article the later counts)."""
    folder = Path(out) / STORE_DIR
    made = [p for p in (Path(out), folder) if not p.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    staged = StagedStore(folder, made)
    by_path: dict[Path, Path] = {}
    try:
        for item in items:
            path = store_path(out, article_id_of(item))
            staged.names.add(path.name)
            text = dumps(item)
            old = by_path.pop(path, None)
            if old is not None:
                unlink_quietly(old)
            if path.exists() and path.read_text(encoding="utf-8") == text:
                continue
            by_path[path] = stage(path, text)
    except BaseException:
        staged.files = [(tmp, path) for path, tmp in by_path.items()]
        staged.discard()
        raise
    staged.files = [(tmp, path) for path, tmp in by_path.items()]
    return staged


def write_store(out: str | os.PathLike, items: typing.Iterable[ParsedArticle | ArticleFailure], *,
                replace_all: bool) -> None:
    """Store these articles (each file written atomically). ``replace_all``: the folder's
    store becomes exactly these (a full build); else they are added or replaced."""
    stage_store(out, items).commit(replace_all=replace_all)


def load_build_info(out: str | os.PathLike) -> dict[str, Any]:
    """The settings the folder was built with (``base_iri``: None for the default); {} if none were kept."""
    path = Path(out) / STORE_DIR / BUILD_INFO
    if not path.is_file():
        return {}
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path}: cannot be read ({exc}); rebuild the folder without --add") from exc
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise StoreError(f"{path}: not build settings of this version of ctkg; rebuild the folder without --add")
    base = doc.get("base_iri")
    if base is not None and not isinstance(base, str):
        raise StoreError(f"{path}: base_iri is not a string; rebuild the folder without --add")
    return {"base_iri": base}


def write_build_info(out: str | os.PathLike, *, base_iri: str | None) -> None:
    """Keep the build's settings beside its stored articles, so that --add builds the same way."""
    path = Path(out) / STORE_DIR / BUILD_INFO
    text = json.dumps({"schema": SCHEMA, "base_iri": base_iri}, sort_keys=True) + "\n"
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    write_text_atomic(path, text)
