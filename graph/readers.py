"""Reading articles: plain text (+ NAME.meta.json sidecar), HTML pages, JSON Lines.

Readers are looked up by name (``READERS``) and chosen by file extension
(``EXTENSIONS``). Each yields :class:`~graph.model.Article` records, or
:class:`~graph.model.ArticleFailure` for an input it could not read, so one bad
file never stops a batch.

Page furniture (menus, size pickers, bylines, "Contributing:" lines, photo
captions repeated verbatim) is not removed from the text, so offsets keep
pointing into the text as read; it is recorded as ``Article.skip`` spans that
the extractor leaves out.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

from dateutil import parser as dateparser_

from .errors import InputError, UnknownFormat
from .model import Article, ArticleFailure

MAX_BYTES = 50_000_000  # larger inputs are refused with a clear error
MAX_CHARS = 1_000_000  # the most text one article may hold (spaCy's own limit of one document)
META_FIELDS = ("title", "publisher", "published", "url", "language")
ID_SAFE = re.compile(r"[^A-Za-z0-9_.\-]+")

# -- decoding ------------------------------------------------------------------------------


def decode_bytes(data: bytes, path: str) -> str:
    """Decode an article's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252.

    Raises InputError for empty or binary content.
    """
    if not data.strip():
        raise InputError(path, "the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 text ({exc.reason})") from exc
    else:
        if b"\x00" in data[:4096]:
            raise InputError(path, "binary content (NUL bytes), not a text article")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    bad = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if bad > max(20, len(text[:20000]) // 50):
        raise InputError(path, "binary content (control characters), not a text article")
    if not text.strip():
        raise InputError(path, "the file has no text")
    return text


def parse_published(value: object, where: str) -> date | None:
    """An ISO (or common) date from metadata; InputError if present but impossible."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(where, f"'published' must be a date string, got {type(value).__name__}")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return dateparser_.parse(value, default=datetime(1, 1, 1)).date()
    except (ValueError, OverflowError) as exc:
        raise InputError(where, f"'published' is not a valid date: {value!r}") from exc


def _meta_from_mapping(meta: dict, where: str) -> dict:
    if not isinstance(meta, dict):
        raise InputError(where, "metadata must be a JSON object")
    out: dict = {}
    for key in META_FIELDS:
        val = meta.get(key)
        if val is None:
            continue
        if key == "published":
            out[key] = parse_published(val, where)
        elif isinstance(val, str):
            out[key] = val.strip()
        else:
            raise InputError(where, f"metadata field {key!r} must be a string")
    if out.get("published") and out["published"] > date.today():
        raise InputError(where, f"'published' {out['published']} is in the future")
    return out


def read_sidecar(path: Path) -> dict:
    side = path.with_name(path.stem + ".meta.json")
    if not side.exists():
        return {}
    try:
        meta = json.loads(side.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(side), f"invalid metadata sidecar: {exc}") from exc
    return _meta_from_mapping(meta, str(side))


# -- page furniture ------------------------------------------------------------------------

FURNITURE_LINE = re.compile(
    r"^(skip to (main )?content|accessibility links|(main )?menu|share( this)?( article| story)?|"
    r"advertisement|sign in|sign up|log in|subscribe( now)?|print|email|comments?|"
    r"(xs|sm|md|lg|xl|xxl)|font size|text size|listen to (this )?article|read more|related( articles| stories)?|"
    r"follow us.*|click here.*|image( source|caption)?:.*|photo:.*|getty images|"
    r"(contributing|contributors?|reporting|additional reporting|writing|editing|edited) ?(by)?:.*|"
    r"by [A-Z][\w.'\-]+( [A-Z][\w.'\-]+){0,3}( and [A-Z][\w.'\-]+( [A-Z][\w.'\-]+){0,3})?|"
    r"[\u2022\u00b7*\-] ?[\w .'&\-]{1,40})$",
    re.IGNORECASE,
)


def furniture_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of lines that are page furniture, not article content.

    Menus and pickers, bylines and credits, bullet lines of a few words, and the second
    and later copies of a line already seen (photo captions repeated by the page).
    """
    spans: list[tuple[int, int]] = []
    seen: set[str] = set()
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        start = pos + (len(line) - len(line.lstrip()))
        end = start + len(body)
        pos += len(line)
        if not body:
            continue
        key = re.sub(r"\s+", " ", body).casefold()
        by_pattern = len(body) <= 80 and FURNITURE_LINE.match(body) is not None
        # "By Jane Doe" only counts as a byline when it is not a sentence
        if by_pattern and body.lower().startswith("by ") and body.endswith("."):
            by_pattern = False
        repeated = key in seen and len(body) > 30
        if by_pattern or repeated:
            spans.append((start, end))
        seen.add(key)
    return tuple(spans)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _clean(s: str) -> str:
    """Lone surrogates (JSON "\\ud800" escapes) cannot be written as UTF-8: U+FFFD, one for one."""
    return _SURROGATE.sub("\ufffd", s)


def _make_article(article_id: str, text: str, path: str, meta: dict, source: str = "sidecar") -> Article:
    text = _clean(text)
    meta = {k: _clean(v) if isinstance(v, str) else v for k, v in meta.items()}
    if len(text) > MAX_CHARS:
        raise InputError(path, f"the article is too long ({len(text):,} characters; the limit is {MAX_CHARS:,}): "
                               "split it into several articles")
    published = meta.get("published")
    return Article(
        article_id=article_id,
        text=text,
        path=path,
        title=meta.get("title", "") or "",
        publisher=meta.get("publisher", "") or "",
        published=published,
        published_source=source if published else "",
        url=meta.get("url", "") or "",
        language=meta.get("language", "en") or "en",
        skip=furniture_spans(text),
    )


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(str(path), f"the file is too large ({size} bytes; the limit is {MAX_BYTES})")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(str(path), "the file vanished before it could be read") from exc
    except PermissionError as exc:
        raise InputError(str(path), "permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(str(path), "is a directory") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}") from exc


def article_id_for(path: Path) -> str:
    """The id of the article a file holds: its name without extension, in safe characters."""
    stem = path.name.split(".")[0] if path.name.endswith(".meta.json") else path.stem
    return ID_SAFE.sub("_", stem).strip("_.")[:120] or "article"


# -- readers -------------------------------------------------------------------------------


def read_text(path: Path) -> Iterator[Article]:
    """A plain-text article with an optional NAME.meta.json sidecar."""
    text = decode_bytes(_read_bytes(path), str(path))
    yield _make_article(article_id_for(path), text, str(path), read_sidecar(path))


class _Visible(HTMLParser):
    SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg", "head"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "article", "section",
             "blockquote", "figcaption", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.SKIP:
            self.depth += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag in self.SKIP and self.depth:
            self.depth -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a reader sees on a page, a block a line (a fallback for broken pages)."""
    v = _Visible()
    v.feed(html)
    v.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in "".join(v.parts).split("\n"))
    return "\n\n".join(ln for ln in lines if ln)


def html_to_article(html: str, article_id: str, where: str, meta: dict) -> Article:
    """Main text and metadata of an HTML page (trafilatura); sidecar metadata wins."""
    import trafilatura  # heavy import, only when HTML is read

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on broken pages
        raise InputError(where, f"the HTML page could not be parsed ({type(exc).__name__}: {exc})") from exc
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    if doc is None:
        get = (lambda k: None)  # noqa: E731
    text = get("text") or ""
    if not text.strip():
        # pages trafilatura cannot take (very deep nesting, no article markup): the visible
        # text of the page, without scripts, styles and navigation
        text = visible_text(html)
        if len(text.split()) < 8:
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
    return _make_article(article_id, text, where, merged, source)


def read_html(path: Path) -> Iterator[Article]:
    """An HTML page: main text, title, publisher and date from the page (trafilatura)."""
    html = decode_bytes(_read_bytes(path), str(path))
    yield html_to_article(html, article_id_for(path), str(path), read_sidecar(path))


def read_jsonl(path: Path) -> Iterator[Article | ArticleFailure]:
    """JSON Lines, one article a record: id, text or html, title, publisher, published, url.

    A broken record becomes an ArticleFailure; the good records of the file still load.
    """
    raw = decode_bytes(_read_bytes(path), str(path))
    seen: set[str] = set()
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        fallback_id = f"{article_id_for(path)}_{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ArticleFailure(fallback_id, where, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(rec, dict):
            yield ArticleFailure(fallback_id, where, "a record must be a JSON object")
            continue
        rid = rec.get("id")
        aid = ID_SAFE.sub("_", str(rid)).strip("_.") if rid not in (None, "") else fallback_id
        aid = aid[:120] or fallback_id
        if aid in seen:
            yield ArticleFailure(f"{aid}_{lineno}", where, f"duplicate record id {aid!r}")
            continue
        seen.add(aid)
        try:
            meta = _meta_from_mapping({k: rec.get(k) for k in META_FIELDS}, where)
            text, html = rec.get("text"), rec.get("html")
            if isinstance(text, str) and text.strip():
                yield _make_article(aid, text, where, meta)
            elif isinstance(html, str) and html.strip():
                yield html_to_article(_clean(html), aid, where, meta)
            else:
                raise InputError(where, "the record has no 'text' or 'html' string")
        except InputError as exc:
            yield ArticleFailure(aid, where, exc.reason)


Reader = Callable[[Path], Iterable["Article | ArticleFailure"]]
READERS: dict[str, Reader] = {"text": read_text, "html": read_html, "jsonl": read_jsonl}
EXTENSIONS = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
              ".jsonl": "jsonl", ".ndjson": "jsonl"}


def reader_for(path: Path) -> str | None:
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
                yield ArticleFailure(article_id_for(Path(s)), s, "the pattern matches no file")
                continue
        else:
            p = Path(s)
            if not p.exists():
                reason = "broken symbolic link" if p.is_symlink() else "no such file or folder"
                yield ArticleFailure(article_id_for(p), s, reason)
                continue
            matches = [p]
        for m in matches:
            if m.is_dir():
                files = []
                for f in sorted(m.rglob("*")):
                    if f.is_symlink() and not f.exists() and reader_for(f):
                        files.append(f)  # reported below as a broken link
                    elif f.is_file() and reader_for(f):
                        files.append(f)
            else:
                files = [m]
            for f in files:
                if f not in seen:
                    seen.add(f)
                    yield f


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
    """Read one input path with the named reader (or the one its extension selects)."""
    name = reader or reader_for(path) or "text"
    if name not in READERS:
        raise UnknownFormat(f"unknown reader {name!r}; known: {', '.join(sorted(READERS))}")
    try:
        if path.is_symlink() and not path.exists():
            raise InputError(str(path), "broken symbolic link")
        yield from READERS[name](path)
    except InputError as exc:
        # a sidecar's problem names the sidecar
        reason = exc.reason if exc.path == str(path) else f"{Path(exc.path).name}: {exc.reason}"
        yield ArticleFailure(article_id_for(path), str(path), reason)


def read_articles(inputs: Iterable[str | os.PathLike], reader: str | None = None) -> Iterator[Article | ArticleFailure]:
    """Every article of the inputs, or a failure record per unreadable one. Article ids are
    unique in a batch: a second file with an id already taken ("2016/report.txt" after
    "2015/report.txt") gets the id with a short hash of its path appended."""
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
