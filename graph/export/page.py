"""Page helpers the two HTML pages (graph.html, timeline.html) share.

Their head and its Content-Security-Policy, the escaping of article text for HTML and for
JSON inside a ``<script>``, and the inlining of the JS and CSS they ship, so that each page
opens from disk and requests nothing.
"""
from __future__ import annotations

import html
import json
import math
import re
from functools import lru_cache
from importlib import resources

# the browser may load nothing: scripts and styles are inline, images data: URIs
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
       "font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'")

# characters that must not appear raw inside embedded JSON: markup, JS line terminators,
# bidirectional controls (which could visually reorder the page source), lone surrogates
_JSON_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029\u200e\u200f\u061c"}
_JSON_ESCAPES.update({c: f"\\u{c:04x}" for c in list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A))})
# the same line separators and bidi controls in HTML text: character references
_INVISIBLE = {c: f"&#x{c:x};" for c in _JSON_ESCAPES if c not in (ord("<"), ord(">"), ord("&"))}
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def head(generator: str, title: str) -> str:
    """The start of a page up to its ``<title>`` element; ``title`` is HTML already escaped."""
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta name="generator" content="ctkg {generator}">\n',
        '<link rel="icon" href="data:,">\n',  # no favicon request when served over http
        f"<title>{title}</title>\n",
    ])


# ----------------------------------------------------------------------------- text

def plain(v: object) -> str:
    """Any attribute value as display text: no lone surrogates (unencodable) or C0 controls."""
    if v is None:
        return ""
    if isinstance(v, float) and not math.isfinite(v):
        return ""
    s = v if isinstance(v, str) else str(v)
    s = _SURROGATES.sub("\ufffd", s)
    return _CONTROLS.sub(" ", s)


def escape(v: object) -> str:
    """Text for HTML, also inside attributes: markup escaped; line separators and bidi
    controls as character references."""
    return html.escape(plain(v), quote=True).translate(_INVISIBLE)


def escape_line(s: str) -> str:
    """Text as one line of HTML: runs of white space as one space, markup escaped (quotes kept)."""
    return html.escape(" ".join(s.split()), quote=False)


def shorten(s: str, n: int) -> str:
    """``s`` on one line, cut to ``n`` characters with an ellipsis."""
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "\u2026"


def json_for_script(obj: object) -> str:
    """JSON that is safe inside a ``<script>`` element: parses back to ``obj`` with ``JSON.parse``.

    ``<``, ``>``, ``&``, U+2028/U+2029 and bidi controls only ever occur inside JSON strings,
    so replacing them by ``\\uXXXX`` escapes keeps the JSON valid and equal.

    >>> json_for_script({"name": "</script><b>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    s = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    s = _SURROGATES.sub(lambda m: f"\\u{ord(m.group()):04x}", s)
    return s.translate(_JSON_ESCAPES)


# ----------------------------------------------------------------------------- inlined assets

@lru_cache(maxsize=None)
def asset(package: str, name: str) -> str:
    """A text file shipped inside ``package``."""
    return (resources.files(package) / name).read_text(encoding="utf-8")


def inline_script(code: str, what: str) -> str:
    """Library code as the body of a <script> element: nothing in it may end or restart the element."""
    code = code.replace('"<script>"', '"\\x3cscript>"')  # core-js builds an iframe document from this string
    if re.search(r"</?script|<!--", code, re.I):
        raise RuntimeError(f"{what} cannot be inlined safely: it contains <script, </script or <!--")
    return code


def inline_style(css: str, what: str) -> str:
    """A style sheet as the body of a <style> element; it may not end the element or use the network."""
    if re.search(r"</style|<!--", css, re.I):
        raise RuntimeError(f"{what} cannot be inlined safely: it contains </style or <!--")
    if re.search(r"""(@import|url\(\s*["']?\s*(https?:)?//)""", css, re.I):
        raise RuntimeError(f"{what} refers to the network")
    return css
