"""What several test modules share: paths, the README's queries, hand-built graphs, free ports.

Test modules import from here (``from helpers import ROOT``; ``tests/`` is on the import path through
``pythonpath`` in pyproject.toml). They never import each other or ``conftest.py``, which holds only
fixtures.
"""
from __future__ import annotations

import re
import socket
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent  # the repository
SHARED = ROOT.parent / "shared"  # the evaluation corpus and gold files; tests that need it skip without it
SEEDS = ROOT / "seeds"


# --------------------------------------------------------------------------- the README


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (for a server a test starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_server(proc: subprocess.Popen, timeout: float = 30) -> None:
    """Stop a server a test started: terminate, then kill when it does not end in ``timeout`` seconds."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout)


def readme_queries() -> list[str]:
    """The SPARQL queries of the README's "Linked data and SPARQL" section, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Linked data and SPARQL", 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    return re.findall(r"```sparql\n(.*?)```", section, re.S)


# --------------------------------------------------------------------------- a timeline graph, built by hand

TIMELINE_HOSTILE = ('</script><script>alert(1)</script> <img src=x onerror=alert(2)> '
                    '<a href="https://evil.example/">click</a> &amp; &lt;b&gt; <b>bold</b> <br> "quotes" \u2028 '
                    '{{jinja}} %{customdata}')


def add_timeline_actor(G: nx.MultiDiGraph, key: str, name: str) -> None:
    G.add_node(f"actor:{key}", kind="actor", actor_id=key, name=name, label=name, type="military")


def add_timeline_event(G: nx.MultiDiGraph, eid, etype, start, end, date="", precision="day", agents=(), targets=(),
                       place=None, evidence="Forces shelled the town.", articles=("a1",)) -> None:
    G.add_node(f"event:{eid}", kind="event", event_id=eid, event_type=etype, label=f"{etype} {eid}", date=date,
               date_start=start, date_end=end, date_precision=precision, evidence=evidence,
               articles=list(articles))
    for a in agents:
        G.add_edge(f"event:{eid}", f"actor:{a}", key="agent", relation="agent")
    for t in targets:
        G.add_edge(f"event:{eid}", f"actor:{t}", key="target", relation="target")
    if place:
        G.add_edge(f"event:{eid}", f"place:{place}", key="place", relation="place")


def timeline_graph() -> nx.MultiDiGraph:
    """Events of every precision (day, week, year, range, undated), one with only a target, and one
    whose actor name and evidence are TIMELINE_HOSTILE."""
    G = nx.MultiDiGraph()
    for key, name in [("army", "Syrian Army"), ("rebels", "Syrian rebels"), ("un", "UN"), ("x", TIMELINE_HOSTILE)]:
        add_timeline_actor(G, key, name)
    G.add_node("place:aleppo", kind="place", name="Aleppo", label="Aleppo")
    add_timeline_event(G, "day", "ASSAULT", "2016-12-22", "2016-12-22", "2016-12-22", agents=["army"],
                       targets=["rebels"], place="aleppo")
    add_timeline_event(G, "week", "RETREAT", "2016-12-19", "2016-12-25", "2016-W51", "week", agents=["rebels"])
    add_timeline_event(G, "year", "ASSAULT", "2015-01-01", "2015-12-31", "2015", "year", agents=["army", "un"])
    add_timeline_event(G, "target_only", "AID", "2016-12-23", "2016-12-23", "2016-12-23", targets=["rebels"])
    add_timeline_event(G, "undated", "AGREE", "", "", "", "unknown", agents=["un"])
    add_timeline_event(G, "hostile", "ACCUSE", "2016-12-20", "2016-12-21", "", "range", agents=["x"],
                       evidence=TIMELINE_HOSTILE, articles=("a1", "a2"))
    return G


def color_distance(a: str, b: str) -> float:
    """CIE76 distance of two '#rrggbb' colours in CIELAB (D65): about 2 is barely visible,
    above 20 reads as a different colour."""
    def lab(h: str) -> tuple[float, float, float]:
        def linear(c: float) -> float:
            return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

        r, g, b = (linear(int(h[i:i + 2], 16) / 255) for i in (1, 3, 5))
        x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047
        y = r * 0.2126 + g * 0.7152 + b * 0.0722
        z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883

        def f(v: float) -> float:
            return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

        return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))

    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b))) ** 0.5


class PageParser(HTMLParser):
    """Every start tag of a page with its attributes (``tags`` as dicts, ``raw_tags`` as the
    parser's lists, which keep repeated attributes) and its text. Script and style bodies are raw
    text to the parser. With ``convert_charrefs=False`` the entities Plotly decodes in labels
    (&lt; &gt; &amp;) are decoded as Plotly does and others kept as written."""

    def __init__(self, *, convert_charrefs: bool = True):
        super().__init__(convert_charrefs=convert_charrefs)
        self.tags: list[tuple[str, dict]] = []
        self.raw_tags: list[tuple[str, list]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.raw_tags.append((tag, attrs))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    def handle_entityref(self, name):
        self.text.append({"lt": "<", "gt": ">", "amp": "&"}.get(name, f"&{name};"))


def parse_page(page: str, *, convert_charrefs: bool = True) -> PageParser:
    p = PageParser(convert_charrefs=convert_charrefs)
    p.feed(page)
    p.close()
    return p
