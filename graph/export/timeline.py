"""The timeline of a ctkg graph: one self-contained page (``timeline.html``) that opens from disk.

Events lie on a time axis, one row per event type (the default view) or per actor (a button
switches: each event then sits on the row of every agent it has, or of its targets when it has
none). An event dated to a day is a dot; an event known only to lie in an interval (a week, a
month, "between the 15th and the 22nd") is a line from ``date_start`` to the end of
``date_end`` with an open marker at its middle, so an uncertain date never looks exact.
Hovering a mark shows the date with its precision and interval, the type, agents, targets,
place, source articles and the evidence sentence. Undated events cannot be placed and are
counted in the subtitle.

The chart is drawn with Plotly; plotly.js is inlined (``include_plotlyjs=True``), the page links
nothing and a Content-Security-Policy makes the browser refuse any request anyway. Article text
only reaches the page as data: hover texts are built here from ``html.escape``-d pieces (Plotly
renders a subset of HTML tags in hover labels and decodes character references back to text),
and Plotly's JSON escapes ``<``, ``>`` and ``/`` inside the script.
"""
from __future__ import annotations

import html
import math
import os
import re
import textwrap
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import networkx as nx

from graph.core.errors import ExportError
from graph.core.files import write_text_atomic
from graph.core.schema import Kind, Rel
from graph.export.page import escape_line, head, shorten

__all__ = ["TimelineEvent", "Timeline", "timeline_events", "build_timeline", "generate_timeline", "write_timeline",
           "MAX_ACTOR_ROWS", "DIV_ID"]

DIV_ID = "ctkg-timeline"
MAX_ACTOR_ROWS = 40  # the actor view shows the actors with the most events
WRAP = 90  # hover lines are wrapped at this many characters
EVIDENCE_MAX = 600
ROW_PX = 26

# one colour per PLOVER type (the rest cycle through the palette)
# one colour per PLOVER type, pairwise far apart (CIE76 distance >= 18, tests/export/test_timeline.py)
TYPE_COLORS = {
    "ASSAULT": "#d62728", "COERCE": "#8c564b", "MOBILIZE": "#e377c2", "THREATEN": "#ff7f0e",
    "PROTEST": "#bcbd22", "SANCTION": "#7f7f7f", "ACCUSE": "#9467bd", "REJECT": "#393b79",
    "REQUEST": "#17becf", "RETREAT": "#2ca02c", "CONCEDE": "#dbdb8d", "AID": "#1f77b4",
    "COOPERATE": "#aec7e8", "SUPPORT": "#7b4173", "CONSULT": "#ffbb78", "AGREE": "#637939",
    "OTHER": "#c7c7c7",
}
PALETTE = ["#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#5254a3", "#8ca252", "#bd9e39"]

_PAGE_CSS = ("body{font-family:sans-serif;margin:0;padding:0 1rem;color:#222}"
             "header h1{font-size:1.25rem;margin:.8rem 0 .2rem}header p{margin:.2rem 0 .6rem;color:#555}")


@dataclass(frozen=True)
class TimelineEvent:
    """One event as the timeline shows it; ``start``/``end`` bound its closed date interval."""

    event_id: str
    event_type: str
    date: str
    precision: str
    start: date | None
    end: date | None
    agents: tuple[str, ...]
    targets: tuple[str, ...]
    place: str
    articles: tuple[str, ...]
    evidence: str
    label: str

    @property
    def dated(self) -> bool:
        return self.start is not None

    @property
    def uncertain(self) -> bool:
        """True when the event is only known to lie in an interval longer than a day."""
        return self.start is not None and self.end is not None and self.end > self.start


def _iso(v: object) -> date | None:
    s = _text(v).strip()[:10]
    if not s:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        return None


def _text(v: object) -> str:
    """An attribute value as a string; None and NaN as ""."""
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return ""
    return v if isinstance(v, str) else str(v)


def _names(G: nx.MultiDiGraph, n: str, rel: Rel) -> tuple[str, ...]:
    out = {_text(G.nodes[v].get("name") or G.nodes[v].get("label") or v)
           for _, v, d in G.out_edges(n, data=True) if d.get("relation") == rel.value}
    return tuple(sorted(out))


def timeline_events(G: nx.MultiDiGraph) -> list[TimelineEvent]:
    """The events of ``G`` in time order (undated last), ids breaking ties."""
    out = []
    for n, d in G.nodes(data=True):
        if d.get("kind") != Kind.EVENT.value:
            continue
        start, end = _iso(d.get("date_start")), _iso(d.get("date_end"))
        start, end = start or end, end or start
        if start and end and end < start:
            start, end = end, start
        places = _names(G, n, Rel.PLACE)
        arts = d.get("articles") or []
        out.append(TimelineEvent(
            event_id=_text(d.get("event_id") or n), event_type=_text(d.get("event_type")) or "OTHER",
            date=_text(d.get("date")), precision=_text(d.get("date_precision")) or "unknown",
            start=start, end=end, agents=_names(G, n, Rel.AGENT), targets=_names(G, n, Rel.TARGET),
            place=places[0] if places else "",
            articles=tuple(_text(a) for a in ([arts] if isinstance(arts, str) else arts)),
            evidence=_text(d.get("evidence")), label=_text(d.get("label"))))
    out.sort(key=lambda e: (e.start or date.max, e.end or date.max, e.event_id))
    return out


# ----------------------------------------------------------------------------- hover text

def _wrapped(s: str, width: int = WRAP) -> str:
    """Escaped text, wrapped into <br>-separated lines (the only markup in a hover label)."""
    lines = textwrap.wrap(" ".join(s.split()), width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(html.escape(line, quote=False) for line in lines or [""])


def date_text(e: TimelineEvent) -> str:
    """The date as shown: the value, its precision and the interval when it is one."""
    if not e.dated:
        return "undated"
    span = e.start.isoformat() if not e.uncertain else f"{e.start.isoformat()} \u2013 {e.end.isoformat()}"
    value = e.date or span
    prec = f" ({e.precision})" if e.precision and e.precision != "unknown" else ""
    return f"{value}{prec}" + (f" [{span}]" if span != value else "")


def hover_text(e: TimelineEvent) -> str:
    rows = [("Date", date_text(e)), ("Type", e.event_type),
            ("Agents", "; ".join(e.agents) or "\u2013"), ("Targets", "; ".join(e.targets) or "\u2013")]
    if e.place:
        rows.append(("Place", e.place))
    if e.articles:
        more = f" (+{len(e.articles) - 5} more)" if len(e.articles) > 5 else ""
        rows.append(("Articles", "; ".join(e.articles[:5]) + more))
    lines = [f"<b>{escape_line(shorten(e.label or e.event_type, 120))}</b>"]
    lines += [f"{escape_line(k)}: {_wrapped(v)}" for k, v in rows]
    if e.evidence.strip():
        lines.append("\u201c" + _wrapped(shorten(e.evidence, EVIDENCE_MAX)) + "\u201d")
    return "<br>".join(lines)


# ----------------------------------------------------------------------------- figure

def _mid(e: TimelineEvent) -> str:
    if not e.uncertain:
        return e.start.isoformat()
    # the middle of [start, end + 1 day), to the hour
    span = (e.end + timedelta(days=1) - e.start).total_seconds() / 2
    hours = int(span // 3600)
    return (e.start + timedelta(days=hours // 24)).isoformat() + f" {hours % 24:02d}:00"


def _window(dated: list[TimelineEvent]) -> tuple[date, date, int] | None:
    """The first view's date window when a few far-off events would squeeze the rest into a sliver:
    the middle 80 % of the events (by the middle of their intervals), padded; and how many events
    lie outside it. None: show everything."""
    if len(dated) < 10:
        return None
    mids = sorted(e.start + (e.end - e.start) / 2 for e in dated)
    first, last = min(e.start for e in dated), max(e.end for e in dated)
    lo, hi = mids[len(mids) // 10], mids[-1 - len(mids) // 10]
    if (hi - lo) * 4 > (last - first):
        return None
    pad = max(timedelta(days=7), (hi - lo) / 10)
    lo, hi = lo - pad, hi + pad
    outside = sum(1 for e in dated if e.end < lo or e.start > hi)
    return lo, hi, outside


def _colors(types: list[str]) -> dict[str, str]:
    out, i = {}, 0
    for t in types:
        if t in TYPE_COLORS:
            out[t] = TYPE_COLORS[t]
        else:
            out[t] = PALETTE[i % len(PALETTE)]
            i += 1
    return out


def _actor_rows(events: list[TimelineEvent]) -> tuple[list[tuple[str, TimelineEvent]], int]:
    """(row, event) pairs of the actor view and how many actors were left out."""
    def rows_of(e: TimelineEvent) -> tuple[str, ...]:
        return e.agents or e.targets or ("(no actor)",)

    counts = Counter(r for e in events for r in rows_of(e))
    keep = {r for r, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ACTOR_ROWS]}
    pairs = [(r, e) for e in events for r in rows_of(e) if r in keep]
    return pairs, len(counts) - len(keep)


def _traces(pairs: list[tuple[str, TimelineEvent]], colors: dict[str, str], view: str, visible: bool) -> list:
    """Per event type: the range lines (no hover) and the marks (one per pair), as plain Plotly
    trace dicts (plotly's figure classes validate every array element, which is slow at scale)."""
    traces = []
    for t in sorted({e.event_type for _, e in pairs}):
        mine = [(r, e) for r, e in pairs if e.event_type == t]
        xs: list = []
        ys: list = []
        for r, e in mine:
            if e.uncertain:
                xs += [e.start.isoformat(), (e.end + timedelta(days=1)).isoformat(), None]
                ys += [r, r, None]
        if xs:
            traces.append(dict(
                type="scatter", x=xs, y=ys, mode="lines", line={"color": colors[t], "width": 5}, opacity=0.45,
                hoverinfo="skip", legendgroup=t, showlegend=False, visible=visible,
                name=f"{t} range", meta={"view": view, "role": "range", "type": t}))
        traces.append(dict(
            type="scatter", x=[_mid(e) for _, e in mine], y=[r for r, _ in mine], mode="markers",
            marker={"color": colors[t], "size": 11, "line": {"color": colors[t], "width": 2},
                    "symbol": ["circle-open" if e.uncertain else "circle" for _, e in mine]},
            text=[hover_text(e) for _, e in mine], hoverinfo="text", customdata=[e.event_id for _, e in mine],
            name=t, legendgroup=t, showlegend=True, visible=visible,
            meta={"view": view, "role": "marks", "type": t}))
    return traces


LEGEND_PX = 30  # one legend entry (Plotly's default font), so that the legend never needs a scroll bar


def _height(n_rows: int, n_legend: int = 0) -> int:
    """Tall enough for every row of the view and for every entry of the legend (and its title)."""
    return max(360, 170 + ROW_PX * n_rows, 130 + LEGEND_PX * (n_legend + 1))


@dataclass(frozen=True)
class Timeline:
    """The timeline figure of a graph and what it leaves out."""

    figure: dict  # a Plotly figure as a dict: {"data": [...], "layout": {...}}
    n_dated: int
    n_undated: int
    actors_left: int  # actors without a row of their own in the actor view
    window: tuple[date, date, int] | None = None  # the first view's date range and the events outside it

    @property
    def notes(self) -> str:
        out = [f"{self.n_dated} dated events"]
        if self.n_undated:
            out.append(f"{self.n_undated} undated not shown")
        out.append("dot: a day; line and open circle: an interval the event lies in")
        if self.window and self.window[2]:
            lo, hi, n = self.window
            out.append(f"shown from {lo.isoformat()} to {hi.isoformat()}, {n} more events outside: "
                       "Autoscale (in the toolbar) or a double-click shows all")
        return "; ".join(out) + "."

    @property
    def actor_notes(self) -> str:
        out = "By actor: each event on the row of each of its agents (or targets when it has none)"
        if self.actors_left:
            out += f"; the {MAX_ACTOR_ROWS} actors with the most events, {self.actors_left} more not shown"
        return out + "."


def build_timeline(G: nx.MultiDiGraph) -> Timeline:
    """The Plotly figure of ``G``'s dated events, by event type (shown) and by actor (one click away)."""
    import plotly.io as pio

    events = timeline_events(G)
    dated = [e for e in events if e.dated]
    types = sorted({e.event_type for e in dated})
    colors = _colors(types)
    type_pairs = [(e.event_type, e) for e in dated]
    actor_pairs, actors_left = _actor_rows(dated)
    actor_rows = sorted({r for r, _ in actor_pairs}, key=str.casefold, reverse=True)

    by_type = _traces(type_pairs, colors, "type", True)
    by_actor = _traces(actor_pairs, colors, "actor", False)
    window = _window(dated)
    n_type, n_actor = len(by_type), len(by_actor)
    type_axis = {"categoryorder": "array", "categoryarray": list(reversed(types)), "title": {"text": "event type"}}
    actor_axis = {"categoryorder": "array", "categoryarray": actor_rows, "title": {"text": "actor"}}
    layout = dict(
        template=pio.templates["plotly_white"].to_plotly_json(), hovermode="closest", height=_height(len(types), len(types)),
        margin={"l": 10, "r": 10, "t": 70, "b": 40}, legend={"title": {"text": "event type"}},
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"size": 12}},
        xaxis={"type": "date", "title": {"text": "date"}, "showgrid": True,
               **({"range": [window[0].isoformat(), window[1].isoformat()]} if window else {})},
        yaxis=type_axis,
        updatemenus=[{
            "type": "buttons", "direction": "right", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom",
            "showactive": True, "active": 0,
            "buttons": [
                {"label": "by event type", "method": "update",
                 "args": [{"visible": [True] * n_type + [False] * n_actor},
                          {"yaxis": type_axis, "height": _height(len(types), len(types))}]},
                {"label": "by actor", "method": "update",
                 "args": [{"visible": [False] * n_type + [True] * n_actor},
                          {"yaxis": actor_axis, "height": _height(len(actor_rows), len(types))}]},
            ]}],
    )
    return Timeline(figure={"data": by_type + by_actor, "layout": layout}, n_dated=len(dated),
                    n_undated=len(events) - len(dated), actors_left=actors_left, window=window)


def generate_timeline(G: nx.MultiDiGraph, *, title: str = "ctkg timeline") -> str:
    """One self-contained, offline HTML page with the timeline of ``G``'s events."""
    import plotly.io as pio

    tl = build_timeline(G)
    body = pio.to_html(tl.figure, validate=False, include_plotlyjs=True, full_html=False, div_id=DIV_ID,
                       config={"displaylogo": False, "showSendToCloud": False, "responsive": True})
    if re.search(r"<script[^>]*\bsrc\s*=", body, re.I):
        raise ExportError("timeline.html would load a script from elsewhere; plotly's output changed")
    t = html.escape(title, quote=False)
    return "".join([
        head("timeline.html", t),
        f"<style>{_PAGE_CSS}</style>\n</head>\n<body>\n",
        f'<header><h1>{t}</h1><p id="notes">{html.escape(tl.notes, quote=False)}<br>'
        f'{html.escape(tl.actor_notes, quote=False)}</p></header>\n',
        body, "\n</body>\n</html>\n",
    ])


def write_timeline(G: nx.MultiDiGraph, path: str | os.PathLike, **kw) -> Path:
    """Write :func:`generate_timeline` to ``path`` atomically."""
    path = Path(path)
    write_text_atomic(path, generate_timeline(G, **kw))
    return path
