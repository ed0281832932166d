"""The HTML reader: the main text, title, publisher and date of a saved web page (trafilatura)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graph.core.errors import InputError
from graph.core.model import Article
from graph.read.common import (
    MAX_HTML_CHARS,
    article_id_for,
    decode_bytes,
    make_article,
    parse_published,
    read_bytes,
    read_sidecar,
)


def html_to_article(html: str, article_id: str, where: str, meta: dict) -> Article:
    """Main text and metadata of an HTML page (trafilatura); sidecar metadata wins."""
    import trafilatura  # heavy import, only when HTML is read

    if len(html) > MAX_HTML_CHARS:
        raise InputError(where, f"the HTML page is too large ({len(html)} characters; the limit is "
                                f"{MAX_HTML_CHARS} for HTML): save the article's text instead")
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on broken pages
        raise InputError(where, f"the HTML page could not be parsed ({type(exc).__name__}: {exc})") from exc
    if doc is None:
        raise InputError(where, "no article text found in the HTML page")
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    text = get("text") or ""
    if not text.strip():
        raise InputError(where, "no article text found in the HTML page")
    page = {"title": get("title") or "", "publisher": get("sitename") or "", "url": get("url") or ""}
    source = "sidecar"
    if get("date") and not meta.get("published"):
        try:
            page["published"] = parse_published(get("date"), where)
            source = "page"
        except InputError:
            pass
    merged = {**{k: v for k, v in page.items() if v}, **{k: v for k, v in meta.items() if v}}
    title = merged.get("title", "")
    if title and not text.lstrip().startswith(title):
        text = title + "\n\n" + text
    return make_article(article_id, text, where, merged, source)


def read_html(path: Path) -> Iterator[Article]:
    """An HTML page: main text, title, publisher and date from the page (trafilatura)."""
    html = decode_bytes(read_bytes(path), str(path))
    yield html_to_article(html, article_id_for(path), str(path), read_sidecar(path))
