"""The plain-text reader: one article a file, metadata from a NAME.meta.json sidecar."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graph.core.model import Article
from graph.read.common import article_id_for, decode_bytes, make_article, read_bytes, read_sidecar


def read_text(path: Path) -> Iterator[Article]:
    """A plain-text article with an optional NAME.meta.json sidecar."""
    text = decode_bytes(read_bytes(path), str(path))
    yield make_article(article_id_for(path), text, str(path), read_sidecar(path))
