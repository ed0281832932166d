"""What every reader shares: decoding, metadata, size limits, ids and the Article record.

Bytes are decoded to text (UTF-8, UTF-16, stray cp1252), metadata comes from sidecar files
and publication dates are checked; oversized files and texts are refused.

Page furniture (menus, size pickers, bylines, "Contributing:" lines, photo captions repeated
verbatim) is not removed from the text, so offsets keep pointing into the text as read; it is
recorded as ``Article.skip`` spans that the extractor leaves out.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import stat
from datetime import date, datetime
from pathlib import Path

from dateutil import parser as dateparser_

from graph.core.errors import InputError
from graph.core.model import Article

MAX_BYTES = 50_000_000  # larger input files are refused with a clear error
MAX_CHARS = 1_000_000  # longer article texts are refused (the parser's own limit): split them
MAX_SIDECAR_BYTES = 1_000_000
MAX_HTML_CHARS = 10_000_000  # main-text extraction takes about 2 s a MB: a larger page is refused
EARLIEST = date(1800, 1, 1)  # a publication date before this is taken for a data error
SURROGATE = re.compile("[\ud800-\udfff]")
META_FIELDS = ("title", "publisher", "published", "url", "language")
ID_SAFE = re.compile(r"[^A-Za-z0-9_.\-]+")

# -- decoding ------------------------------------------------------------------------------


def _cp1252_byte(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81 0x8d 0x8f 0x90 0x9d: not in cp1252, read as Latin-1
        return chr(b)


def _decode_mixed(data: bytes) -> str:
    """UTF-8 where the bytes are UTF-8, each other byte as cp1252 (Latin-1 where cp1252 has none).

    A file in cp1252 or Latin-1 decodes as such (their accented letters are never valid
    UTF-8 sequences in practice), and a UTF-8 file with a few pasted cp1252 bytes keeps
    both its UTF-8 and its cp1252 characters.
    """
    out: list[str] = []
    view = memoryview(data)
    pos = errors = 0
    while pos < len(data):
        chunk = view[pos:pos + 65536]  # bounded: an error copies its chunk, never the whole rest
        final = pos + len(chunk) >= len(data)
        try:
            text, used = codecs.utf_8_decode(chunk, "strict", final)
        except UnicodeDecodeError as exc:
            errors += 1
            if errors > 1000:  # not UTF-8 with a few stray bytes: a single-byte file through and through
                try:
                    return data.decode("cp1252")
                except UnicodeDecodeError:
                    return data.decode("latin-1")
            out.append(codecs.utf_8_decode(chunk[:exc.start], "strict", True)[0])
            out.extend(_cp1252_byte(b) for b in data[pos + exc.start:pos + exc.end])
            pos += exc.end
            continue
        out.append(text)
        pos += used
        if used == 0:  # only a cut sequence left in this chunk: it is no UTF-8
            out.append(_cp1252_byte(data[pos]))
            pos += 1
    return "".join(out)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 text without a BOM."""
    head = data[:4096]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str) -> str:
    """Decode an article's bytes: UTF-8 (with or without BOM), UTF-16 (BOM or evident),
    else UTF-8 with stray cp1252/Latin-1 bytes (see _decode_mixed).

    Raises InputError for empty, binary or undecodable content.
    """
    if not data.strip():
        raise InputError(path, "the file is empty")
    utf16 = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else _utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 text ({exc.reason} at byte {exc.start})") from exc
        if SURROGATE.search(text):
            raise InputError(path, "invalid UTF-16 text (unpaired surrogate)")
    else:
        if b"\x00" in data[:4096]:
            raise InputError(path, "binary content (NUL bytes), not a text article")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_mixed(data[3:] if data.startswith(codecs.BOM_UTF8) else data)
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
        found = date.fromisoformat(value[:10])
    except ValueError:
        try:
            found = dateparser_.parse(value, default=datetime(1, 1, 1)).date()
        except (ValueError, OverflowError) as exc:
            raise InputError(where, f"'published' is not a valid date: {value[:100]!r}") from exc
    if found < EARLIEST:
        raise InputError(where, f"'published' {found.isoformat()} is before {EARLIEST.year}: not a plausible "
                                "publication date")
    return found


def meta_from_mapping(meta: dict, where: str) -> dict:
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


def loads_json(text: str):
    """json.loads that turns absurd nesting into a JSONDecodeError-like ValueError."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError("JSON nested too deeply") from exc


def read_sidecar(path: Path) -> dict:
    side = path.with_name(path.stem + ".meta.json")
    if not (side.exists() or side.is_symlink()):
        return {}
    try:
        raw = read_bytes(side, limit=MAX_SIDECAR_BYTES)
    except InputError as exc:
        raise InputError(str(side), f"metadata sidecar: {exc.reason}") from exc
    try:
        meta = loads_json(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(str(side), f"invalid metadata sidecar: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except ValueError as exc:
        raise InputError(str(side), f"invalid metadata sidecar: {exc}") from exc
    return meta_from_mapping(meta, str(side))


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


def clean(s: str) -> str:
    """Unpaired surrogates (possible from JSON escapes) as U+FFFD: one character each, so offsets hold."""
    return SURROGATE.sub("\ufffd", s)


def make_article(article_id: str, text: str, path: str, meta: dict, source: str = "sidecar") -> Article:
    if len(text) > MAX_CHARS:
        raise InputError(path, f"the text is too long to parse ({len(text)} characters; the limit is {MAX_CHARS}): "
                               "split the article")
    text = clean(text)
    meta = {k: clean(v) if isinstance(v, str) else v for k, v in meta.items()}
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


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(str(path), "not a regular file (a pipe, socket or device)")
        if st.st_size > limit:
            raise InputError(str(path), f"the file is too large ({st.st_size} bytes; the limit is {limit})")
        with path.open("rb") as f:
            data = f.read(limit + 1)
        if len(data) > limit:
            raise InputError(str(path), f"the file is too large (more than {limit} bytes; the limit is {limit})")
        return data
    except FileNotFoundError as exc:
        if path.is_symlink():
            raise InputError(str(path), f"a broken symbolic link (to {os.readlink(path)})") from exc
        raise InputError(str(path), "the file vanished before it could be read") from exc
    except PermissionError as exc:
        raise InputError(str(path), "permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(str(path), "is a directory") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}") from exc


def article_id_for(path: Path) -> str:
    """The id of the article a file holds: its name without extension, in safe characters
    (never starting with a dot: ids name files in the build's store)."""
    stem = path.name.split(".")[0] if path.name.endswith(".meta.json") else path.stem
    return ID_SAFE.sub("_", stem).strip("_.")[:120] or "article"
