"""The timeline of a ctkg graph: one self-contained page (``timeline.html``) that opens from disk.

Events lie on a time axis, one row per event type (the default view) or per actor (a button
switches: each event then sits on the row of every agent it has, or of its targets when it has
none). An event dated to a day is a dot; an event known only to lie in an interval (a week, a
month, "between the 15th and the 22nd") is a line from ``date_start`` to the end of
``date_end`` with an open marker at its middle, so an uncertain date never looks exact.
Events with the same interval on one row are stacked apart within the row (the row grows with
its tallest stack) and the stack is labelled with its size, so every event has a mark of its
own to hover. Hovering a mark shows the date with its precision and interval, the type, agents,
targets, place, source articles and the evidence sentence.

The chart fills the window below the page's header (and grows taller when its rows need it).
When most events lie in a span much shorter than the whole, the first view shows that densest
span, and a range slider under the axis shows everything and moves the view. Undated events
(the articles do not say when they happened) are never placed on the axis: they are listed
below the chart, each with the latest day it can be (``not_after``, its article's date).

The chart is drawn with Plotly; plotly.js is inlined (``include_plotlyjs=True``), the page links
nothing and a Content-Security-Policy makes the browser refuse any request anyway. Article text
only reaches the page as data: hover texts are built here from ``html.escape``-d pieces (Plotly
renders a subset of HTML tags in hover labels and decodes character references back to text),
and Plotly's JSON escapes ``<``, ``>`` and ``/`` inside the script.
"""
from __future__ import annotations

import html
import json
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
from graph.export.page import escape, escape_line, head, shorten

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

STACK_STEP = 0.5  # rows apart of two stacked marks (ROW_PX units: 13 px for an 11 px mark)
MAX_STACK_UNITS = 8  # a row grows at most this many rows tall; a bigger stack packs its marks closer
MAX_UNDATED_ROWS = 2000  # the list of undated events below the chart
SLIDER_PX = 70  # the range slider under the axis
# the header and the chart are a column as tall as the window, the chart taking what the header
# leaves; the list of undated events comes below it
_PAGE_CSS = ("body{font-family:sans-serif;margin:0;padding:0 1rem;color:#222}"
             "#top{min-height:100vh;display:flex;flex-direction:column}"
             "header h1{font-size:1.25rem;margin:.8rem 0 .2rem}header p{margin:.2rem 0 .6rem;color:#555}"
             "#chart{flex:1 0 auto;display:flex;flex-direction:column}#chart>div{flex:1 0 auto;display:flex;"
             "flex-direction:column}#ctkg-timeline{flex:1 0 auto}"
             "#undated{margin:1rem 0 2rem}#undated summary{font-weight:bold;cursor:pointer}"
             "#undated table{border-collapse:collapse;font-size:.85rem;margin-top:.5rem}"
             "#undated th,#undated td{border-bottom:1px solid #ddd;padding:.2rem .5rem;text-align:left;"
             "vertical-align:top}#undated td.ev{max-width:40rem;color:#555}")


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
    not_after: date | None = None  # an undated event: the latest day it can be


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
            evidence=_text(d.get("evidence")), label=_text(d.get("label")), not_after=_iso(d.get("not_after"))))
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
    the shortest span holding 80 % of the events (by the middle of their intervals), padded, when it
    is under a quarter of the whole; and how many events lie outside it. None: show everything."""
    if len(dated) < 10:
        return None
    mids = sorted(e.start + (e.end - e.start) / 2 for e in dated)
    first, last = min(e.start for e in dated), max(e.end for e in dated)
    k = math.ceil(len(mids) * 0.8)
    lo, hi = min(((mids[i], mids[i + k - 1]) for i in range(len(mids) - k + 1)), key=lambda w: (w[1] - w[0], w[0]))
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


@dataclass(frozen=True)
class _Rows:
    """Where a view's marks go: rows as bands on a numeric y axis (the top row highest), each as
    tall as its tallest stack of marks with one interval; every pair's own y within its band."""

    names: list[str]  # top to bottom
    centers: dict[str, float]
    units: float  # the height of all bands, in rows of ROW_PX
    y: dict[int, float]  # pair index -> its y
    stacks: list[tuple[str, str, float, int]]  # (row, x of the mark, y of the top mark, size) of stacks of 2+

    def axis(self, title: str) -> dict:
        return {"title": {"text": title}, "tickmode": "array", "tickvals": [self.centers[r] for r in self.names],
                "ticktext": list(self.names), "range": [-0.5, self.units - 0.5], "zeroline": False,
                "showgrid": True, "fixedrange": True}


def _rows(pairs: list[tuple[str, TimelineEvent]], names: list[str]) -> _Rows:
    groups: dict[tuple, list[int]] = {}
    for i, (r, e) in enumerate(pairs):
        groups.setdefault((r, e.start, e.end), []).append(i)
    tallest = Counter()
    for (r, _, _), idx in groups.items():
        tallest[r] = max(tallest[r], len(idx))
    band = {r: max(1.0, min(float(MAX_STACK_UNITS), STACK_STEP * tallest[r] + STACK_STEP)) for r in names}
    centers, y0 = {}, 0.0
    for r in reversed(names):  # the bottom row first
        centers[r] = y0 + (band[r] - 1) / 2
        y0 += band[r]
    ys: dict[int, float] = {}
    stacks = []
    for (r, _, _), idx in sorted(groups.items(), key=lambda kv: kv[1][0]):
        k = len(idx)
        step = 0.0 if k == 1 else min(STACK_STEP, (band[r] - 1 + STACK_STEP) / (k - 1))
        top = centers[r] + step * (k - 1) / 2
        for j, i in enumerate(sorted(idx, key=lambda i: pairs[i][1].event_id)):
            ys[i] = round(top - j * step, 4)
        if k > 1:
            stacks.append((r, _mid(pairs[idx[0]][1]), round(top, 4), k))
    return _Rows(list(names), centers, y0, ys, stacks)


def _traces(pairs: list[tuple[str, TimelineEvent]], rows: _Rows, colors: dict[str, str], view: str,
            visible: bool) -> list:
    """Per event type: the range lines (no hover) and the marks (one per pair), as plain Plotly
    trace dicts (plotly's figure classes validate every array element, which is slow at scale);
    then one trace of labels giving the size of each stack."""
    traces = []
    for t in sorted({e.event_type for _, e in pairs}):
        mine = [(i, r, e) for i, (r, e) in enumerate(pairs) if e.event_type == t]
        xs: list = []
        ys: list = []
        for i, _, e in mine:
            if e.uncertain:
                xs += [e.start.isoformat(), (e.end + timedelta(days=1)).isoformat(), None]
                ys += [rows.y[i], rows.y[i], None]
        if xs:
            traces.append(dict(
                type="scatter", x=xs, y=ys, mode="lines", line={"color": colors[t], "width": 5}, opacity=0.45,
                hoverinfo="skip", legendgroup=t, showlegend=False, visible=visible,
                name=f"{t} range", meta={"view": view, "role": "range", "type": t}))
        traces.append(dict(
            type="scatter", x=[_mid(e) for _, _, e in mine], y=[rows.y[i] for i, _, _ in mine], mode="markers",
            marker={"color": colors[t], "size": 11, "line": {"color": colors[t], "width": 2},
                    "symbol": ["circle-open" if e.uncertain else "circle" for _, _, e in mine]},
            text=[hover_text(e) for _, _, e in mine], hoverinfo="text", customdata=[e.event_id for _, _, e in mine],
            name=t, legendgroup=t, showlegend=True, visible=visible,
            meta={"view": view, "role": "marks", "type": t, "rows": [r for _, r, _ in mine]}))
    if rows.stacks:
        traces.append(dict(
            type="scatter", x=[x for _, x, _, _ in rows.stacks], y=[y for _, _, y, _ in rows.stacks],
            mode="text", text=[f"\u2002\u00d7{k}" for _, _, _, k in rows.stacks], textposition="middle right",
            textfont={"size": 12, "color": "#333"}, hoverinfo="skip", showlegend=False, visible=visible,
            name="events stacked here", meta={"view": view, "role": "counts", "sizes": [k for *_, k in rows.stacks]}))
    return traces


# run after the plot is drawn: a view button gives the chart's box that view's least height (the
# actor view may have many more rows), and the chart is drawn again to fill the box
VIEW_SCRIPT = ("var gd = document.getElementById('{plot_id}'); var least = %s;"
               "gd.on('plotly_buttonclicked', function (e) {"
               " gd.style.minHeight = least[e.active] + 'px'; Plotly.Plots.resize(gd); });")
LEGEND_PX = 30  # one legend entry (Plotly's default font), so that the legend never needs a scroll bar
MARGIN = {"l": 10, "r": 10, "t": 70, "b": 40}


def _height(units: float, n_legend: int = 0) -> int:
    """The least height of a view: every band of rows, the axis and its range slider, and every entry of
    the legend (and its title); the page makes the chart taller when the window is."""
    plot = max(ROW_PX * units, LEGEND_PX * (n_legend + 1), 200)
    return int(math.ceil(plot + MARGIN["t"] + MARGIN["b"] + SLIDER_PX))


@dataclass(frozen=True)
class Timeline:
    """The timeline figure of a graph and what it leaves out."""

    figure: dict  # a Plotly figure as a dict: {"data": [...], "layout": {...}}
    n_dated: int
    n_undated: int
    actors_left: int  # actors without a row of their own in the actor view
    window: tuple[date, date, int] | None = None  # the first view's date range and the events outside it
    heights: tuple[int, int] = (0, 0)  # the least height of the chart by type and by actor, in px
    undated: tuple[TimelineEvent, ...] = ()

    @property
    def notes(self) -> str:
        out = [f"{self.n_dated} dated events"]
        if self.n_undated:
            out.append(f"{self.n_undated} undated, listed below the chart")
        out.append("dot: a day; line and open circle: an interval the event lies in; \u00d7N: N events stacked "
                   "on one interval")
        if self.window and self.window[2]:
            lo, hi, n = self.window
            out.append(f"shown from {lo.isoformat()} to {hi.isoformat()}, where most events are; {n} more "
                       "outside: the range slider under the axis shows them all")
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
    actor_names = sorted({r for r, _ in actor_pairs}, key=str.casefold)
    type_rows, actor_rows = _rows(type_pairs, types), _rows(actor_pairs, actor_names)

    by_type = _traces(type_pairs, type_rows, colors, "type", True)
    by_actor = _traces(actor_pairs, actor_rows, colors, "actor", False)
    window = _window(dated)
    n_type, n_actor = len(by_type), len(by_actor)
    type_axis, actor_axis = type_rows.axis("event type"), actor_rows.axis("actor")
    heights = (_height(type_rows.units, len(types)), _height(actor_rows.units, len(types)))
    xaxis = {"type": "date", "title": {"text": "date"}, "showgrid": True,
             "rangeslider": {"visible": bool(dated), "thickness": 0.08},
             **({"range": [window[0].isoformat(), window[1].isoformat()]} if window else {})}
    layout = dict(
        template=pio.templates["plotly_white"].to_plotly_json(), hovermode="closest", autosize=True,
        margin=MARGIN, legend={"title": {"text": "event type"}},
        hoverlabel={"align": "left", "bgcolor": "white", "font": {"size": 12}},
        xaxis=xaxis, yaxis=type_axis,
        updatemenus=[{
            "type": "buttons", "direction": "right", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom",
            "showactive": True, "active": 0,
            "buttons": [
                # both views fill the chart's box (no height of their own); the page's script sets the
                # box's least height to the view's (VIEW_SCRIPT)
                {"label": "by event type", "method": "update",
                 "args": [{"visible": [True] * n_type + [False] * n_actor}, {"yaxis": type_axis}]},
                {"label": "by actor", "method": "update",
                 "args": [{"visible": [False] * n_type + [True] * n_actor}, {"yaxis": actor_axis}]},
            ]}],
    )
    return Timeline(figure={"data": by_type + by_actor, "layout": layout}, n_dated=len(dated),
                    n_undated=len(events) - len(dated), actors_left=actors_left, window=window, heights=heights,
                    undated=tuple(sorted((e for e in events if not e.dated),
                                         key=lambda e: (e.not_after or date.max, e.event_type, e.label, e.event_id))))


def _undated_html(events: tuple[TimelineEvent, ...]) -> str:
    """The undated events, apart from the chart: a table under a summary line (open when short)."""
    if not events:
        return ""
    rows = []
    for e in events[:MAX_UNDATED_ROWS]:
        cells = [shorten(e.label or e.event_type, 120), e.event_type, "; ".join(e.agents) or "\u2013",
                 "; ".join(e.targets) or "\u2013", e.place or "\u2013",
                 e.not_after.isoformat() if e.not_after else "\u2013", "; ".join(e.articles[:5])
                 + (f" (+{len(e.articles) - 5})" if len(e.articles) > 5 else "")]
        tds = "".join(f"<td>{escape(shorten(c, 300))}</td>" for c in cells)
        rows.append(f'<tr data-event="{escape(e.event_id)}">{tds}'
                    f'<td class="ev">{escape(shorten(e.evidence, 300))}</td></tr>')
    more = (f"<p>{len(events) - MAX_UNDATED_ROWS} more in events.csv (empty date, <code>not_after</code>).</p>"
            if len(events) > MAX_UNDATED_ROWS else "")
    head_row = "".join(f"<th>{h}</th>" for h in ("Event", "Type", "Agents", "Targets", "Place", "Not after",
                                                 "Articles", "Sentence"))
    return (f'<details id="undated"{" open" if len(events) <= 30 else ""}><summary>{len(events)} undated events: '
            "the articles do not say when they happened, only that it was no later than the day they were "
            "published (not on the chart)</summary>\n"
            f"<table><thead><tr>{head_row}</tr></thead><tbody>\n" + "\n".join(rows) + f"\n</tbody></table>{more}"
            "</details>\n")


def generate_timeline(G: nx.MultiDiGraph, *, title: str = "ctkg timeline") -> str:
    """One self-contained, offline HTML page with the timeline of ``G``'s events."""
    import plotly.io as pio

    tl = build_timeline(G)
    body = pio.to_html(tl.figure, validate=False, include_plotlyjs=True, full_html=False, div_id=DIV_ID,
                       default_height="auto", post_script=VIEW_SCRIPT % json.dumps(list(tl.heights)),
                       config={"displaylogo": False, "showSendToCloud": False, "responsive": True})
    if re.search(r"<script[^>]*\bsrc\s*=", body, re.I):
        raise ExportError("timeline.html would load a script from elsewhere; plotly's output changed")
    t = html.escape(title, quote=False)
    return "".join([
        head("timeline.html", t),
        f"<style>{_PAGE_CSS}#{DIV_ID}{{min-height:{tl.heights[0]}px}}</style>\n</head>\n<body>\n",
        f'<div id="top"><header><h1>{t}</h1><p id="notes">{html.escape(tl.notes, quote=False)}<br>'
        f'{html.escape(tl.actor_notes, quote=False)}</p></header>\n',
        '<main id="chart">', body, "</main></div>\n", _undated_html(tl.undated), "</body>\n</html>\n",
    ])


def write_timeline(G: nx.MultiDiGraph, path: str | os.PathLike, **kw) -> Path:
    """Write :func:`generate_timeline` to ``path`` atomically."""
    path = Path(path)
    write_text_atomic(path, generate_timeline(G, **kw))
    return path
