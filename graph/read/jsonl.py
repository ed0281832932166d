"""The JSON Lines reader: one article a record (id, text or html, title, publisher, published, url)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from graph.core.errors import InputError
from graph.core.model import Article, ArticleFailure
from graph.read.common import (
    ID_SAFE,
    META_FIELDS,
    article_id_for,
    decode_bytes,
    loads_json,
    make_article,
    meta_from_mapping,
    read_bytes,
)
from graph.read.html import html_to_article


def read_jsonl(path: Path) -> Iterator[Article | ArticleFailure]:
    """JSON Lines, one article a record: id, text or html, title, publisher, published, url.

    A broken record becomes an ArticleFailure; the good records of the file still load.
    """
    raw = decode_bytes(read_bytes(path), str(path))
    seen: set[str] = set()
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        fallback_id = f"{article_id_for(path)}_{lineno}"
        try:
            rec = loads_json(line)
        except json.JSONDecodeError as exc:
            yield ArticleFailure(fallback_id, where, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except ValueError as exc:
            yield ArticleFailure(fallback_id, where, f"invalid JSON: {exc}")
            continue
        if not isinstance(rec, dict):
            yield ArticleFailure(fallback_id, where, "a record must be a JSON object")
            continue
        rid = rec.get("id")
        aid = (ID_SAFE.sub("_", str(rid)).strip("_.")[:120] or fallback_id) if rid not in (None, "") else fallback_id
        if aid in seen:
            yield ArticleFailure(f"{aid}_{lineno}", where, f"duplicate record id {aid!r}")
            continue
        seen.add(aid)
        try:
            meta = meta_from_mapping({k: rec.get(k) for k in META_FIELDS}, where)
            text, html = rec.get("text"), rec.get("html")
            if isinstance(text, str) and text.strip():
                yield make_article(aid, text, where, meta)
            elif isinstance(html, str) and html.strip():
                yield html_to_article(html, aid, where, meta)
            else:
                raise InputError(where, "the record has no 'text' or 'html' string")
        except InputError as exc:
            yield ArticleFailure(aid, where, exc.reason)
