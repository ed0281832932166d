"""graph/timeline.py: the offline timeline page (hand-built graphs, no NLP; the browser checks are in
test_browser.py)."""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from graph.export.registry import FORMATS
from graph.export.timeline import DIV_ID, MAX_ACTOR_ROWS, generate_timeline, timeline_events, write_timeline
from graph.export.writer import write_exports
from helpers import (
    TIMELINE_HOSTILE as HOSTILE,
    PageParser,
    add_timeline_actor as add_actor,
    add_timeline_event as add_event,
    parse_page,
    timeline_graph as sample_graph,
)


def figure_of(page: str) -> tuple[list[dict], dict]:
    """The traces and layout the page hands to Plotly.newPlot."""
    m = re.search(r'Plotly\.newPlot\(\s*"' + DIV_ID + r'",\s*', page)
    assert m, "no Plotly.newPlot call for the timeline"
    dec = json.JSONDecoder()
    data, end = dec.raw_decode(page, m.end())
    rest = re.compile(r"\s*,\s*").match(page, end)
    layout, _ = dec.raw_decode(page, rest.end())
    return data, layout


def parse(fragment: str) -> PageParser:
    return parse_page(fragment, convert_charrefs=False)


def marks(data: list[dict], view: str = "type") -> list[dict]:
    return [t for t in data if t["meta"]["view"] == view and t["meta"]["role"] == "marks"]


def rows_of(t: dict) -> list[str]:
    """The row of each mark of a marks trace (the y axis is numeric: rows are bands)."""
    return t["meta"]["rows"]


def row_order(axis: dict) -> list[str]:
    """The rows of a y axis from top to bottom."""
    return [r for _, r in sorted(zip(axis["tickvals"], axis["ticktext"]), reverse=True)]


# --------------------------------------------------------------------------- offline


def test_page_opens_offline():
    page = generate_timeline(sample_graph())
    assert page.startswith("<!DOCTYPE html>")
    p = parse(page)
    for tag, attrs in p.tags:
        for name, value in attrs.items():
            v = (value or "").strip().lower()
            assert not v.startswith(("http:", "https:", "//")), (tag, name, value)
        if tag == "script":
            assert "src" not in attrs, attrs
        if tag == "link":
            assert attrs == {"rel": "icon", "href": "data:,"}, attrs
    # outside the scripts (plotly.js holds map-tile addresses for map traces, never used here)
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.S)
    assert not re.search(r"""\b(?:src|href|action|poster)\s*=\s*["']?\s*(?:https?:)?//""", markup, re.I)
    # the figure asks for nothing that would load: no map tiles, no images, no external fonts
    # (on a graph whose texts hold no address)
    G = sample_graph()
    G.remove_nodes_from(["event:hostile", "actor:x"])
    data, layout = figure_of(generate_timeline(G))
    assert not re.search(r"https?:|//", json.dumps([data, layout]))
    csp = [a["content"] for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "connect-src 'none'" in csp[0]
    # plotly.js itself is in the page
    assert "Plotly.newPlot" in page and len(page) > 1_000_000
    assert [t for t, _ in p.tags].count("script") >= 2


def test_same_graph_same_bytes(tmp_path):
    a = write_timeline(sample_graph(), tmp_path / "a" / "timeline.html").read_text(encoding="utf-8")
    b = generate_timeline(sample_graph())
    assert a == b


# --------------------------------------------------------------------------- marks


def test_one_mark_per_dated_event():
    G = sample_graph()
    data, layout = figure_of(generate_timeline(G))
    shown = [i for t in marks(data) for i in t["customdata"]]
    dated = {e.event_id for e in timeline_events(G) if e.dated}
    assert sorted(shown) == sorted(dated) and len(shown) == len(set(shown))
    assert "undated" not in shown and len(dated) == 5
    # by event type: each mark sits on its type's row; only the type view is visible at first
    for t in marks(data):
        assert set(rows_of(t)) == {t["meta"]["type"]} and t["visible"] is True
    actor_view = [t for t in data if t["meta"]["view"] == "actor"]
    assert actor_view and all(t["visible"] is False for t in actor_view)
    assert row_order(layout["yaxis"]) == ["ACCUSE", "AID", "ASSAULT", "RETREAT"]


def test_uncertain_dates_are_ranges():
    data, _ = figure_of(generate_timeline(sample_graph()))
    ranges = {t["meta"]["type"]: t for t in data if t["meta"]["view"] == "type" and t["meta"]["role"] == "range"}
    # the week, the year and the two-day range are lines from the start to the end of the last day
    assert ranges["RETREAT"]["x"] == ["2016-12-19", "2016-12-26", None]
    assert ranges["ASSAULT"]["x"] == ["2015-01-01", "2016-01-01", None]  # the day-precise assault has no line
    assert ranges["ACCUSE"]["x"] == ["2016-12-20", "2016-12-22", None]
    assert "AID" not in ranges
    by_id = {i: (t, k) for t in marks(data) for k, i in enumerate(t["customdata"])}
    t, k = by_id["day"]
    assert t["x"][k] == "2016-12-22" and t["marker"]["symbol"][k] == "circle"
    t, k = by_id["year"]
    assert t["x"][k].startswith("2015-07-0") and t["marker"]["symbol"][k] == "circle-open"
    t, k = by_id["week"]
    assert t["x"][k] == "2016-12-22 12:00" and t["marker"]["symbol"][k] == "circle-open"


def test_actor_view_rows():
    data, layout = figure_of(generate_timeline(sample_graph()))
    pairs = sorted((y, i) for t in marks(data, "actor") for y, i in zip(rows_of(t), t["customdata"]))
    assert pairs == sorted([("Syrian Army", "day"), ("Syrian rebels", "week"), ("Syrian Army", "year"),
                            ("UN", "year"), ("Syrian rebels", "target_only"), (HOSTILE, "hostile")])
    buttons = layout["updatemenus"][0]["buttons"]
    assert [b["label"] for b in buttons] == ["by event type", "by actor"]
    n = len(data)
    assert buttons[1]["args"][0]["visible"] == [t["meta"]["view"] == "actor" for t in data] and n == len(
        buttons[0]["args"][0]["visible"])


def test_actor_view_keeps_the_busiest_actors():
    G = nx.MultiDiGraph()
    for i in range(MAX_ACTOR_ROWS + 5):
        add_actor(G, f"a{i}", f"Actor {i:02d}")
        for j in range(1 + (i >= 5)):  # actors 5.. have two events, 0..4 one
            add_event(G, f"e{i}_{j}", "ASSAULT", "2016-12-01", "2016-12-01", agents=[f"a{i}"])
    page = generate_timeline(G)
    data, _ = figure_of(page)
    rows = {y for t in marks(data, "actor") for y in rows_of(t)}
    assert len(rows) == MAX_ACTOR_ROWS and not rows & {f"Actor {i:02d}" for i in range(5)}
    assert "5 more not shown" in page


# --------------------------------------------------------------------------- hover and escaping


def hover_of(data, event_id, view="type") -> str:
    for t in marks(data, view):
        if event_id in t["customdata"]:
            return t["text"][t["customdata"].index(event_id)]
    raise AssertionError(event_id)


def test_hover_shows_date_type_agents_targets_and_evidence():
    data, _ = figure_of(generate_timeline(sample_graph()))
    text = " ".join(parse(hover_of(data, "day").replace("<br>", " ")).text)
    for want in ("Date: 2016-12-22 (day)", "Type: ASSAULT", "Agents: Syrian Army", "Targets: Syrian rebels",
                 "Place: Aleppo", "Forces shelled the town."):
        assert want in text, (want, text)
    week = " ".join(parse(hover_of(data, "week")).text)
    assert "2016-W51 (week) [2016-12-19 \u2013 2016-12-25]" in week


def test_hostile_sentence_is_text_not_markup():
    page = generate_timeline(sample_graph())
    # nothing of it reaches the page source as markup
    for raw in ("<img src=x", "</script><script>alert", '<a href="https://evil', "<b>bold</b>"):
        assert raw not in page
    data, layout = figure_of(page)
    for view in ("type", "actor"):
        hover = hover_of(data, "hostile", view)
        p = parse(hover)
        # the only tags in a label are ours: one bold heading and line breaks
        assert {t for t, _ in p.tags} <= {"b", "br"} and [t for t, _ in p.tags].count("b") == 1
        shown = " ".join("".join(parse(hover.replace("<br>", " ")).text).split())
        assert " ".join(HOSTILE.split()) in shown.replace("\u201c", "").replace("\u201d", "")
    # the actor named by a hostile string is a row label (plain data, drawn as text by Plotly)
    assert HOSTILE in {y for t in marks(data, "actor") for y in rows_of(t)}
    assert HOSTILE in layout["updatemenus"][0]["buttons"][1]["args"][1]["yaxis"]["ticktext"]


def test_hostile_title_is_escaped():
    page = generate_timeline(sample_graph(), title="<script>alert(9)</script>")
    assert "<script>alert(9)" not in page and "&lt;script&gt;alert(9)" in page


# --------------------------------------------------------------------------- the build


def test_the_timeline_is_an_export_format(tmp_path):
    # every build writes all of FORMATS (the seed build's timeline is opened in test_browser.py)
    assert "timeline.html" in FORMATS
    paths = write_exports(sample_graph(), tmp_path, names=["timeline.html"])
    assert tmp_path / "timeline.html" in paths
    page = (tmp_path / "timeline.html").read_text(encoding="utf-8")
    assert page == generate_timeline(sample_graph())


def test_far_off_events_do_not_squeeze_the_first_view():
    G = nx.MultiDiGraph()
    for i in range(20):
        add_event(G, f"dec{i:02d}", "ASSAULT", f"2016-12-{1 + i:02d}", f"2016-12-{1 + i:02d}")
    add_event(G, "old", "ASSAULT", "2012-01-01", "2012-12-31", "2012", "year")
    add_event(G, "older", "ASSAULT", "2010-01-01", "2010-12-31", "2010", "year")
    page = generate_timeline(G)
    data, layout = figure_of(page)
    lo, hi = layout["xaxis"]["range"]
    assert "2016-11-01" < lo < "2016-12-03" and "2016-12-18" < hi < "2017-01-15"
    assert "2 more outside" in page
    # the far-off events still have their marks, one click away
    assert sorted(i for t in marks(data) for i in t["customdata"])[-2:] == ["old", "older"]
    # a timeline without outliers shows everything
    G.remove_nodes_from(["event:old", "event:older"])
    assert "range" not in figure_of(generate_timeline(G))[1]["xaxis"]


def test_empty_graph():
    page = generate_timeline(nx.MultiDiGraph())
    data, _ = figure_of(page)
    assert data == [] and "0 dated events" in page


@pytest.mark.parametrize("start,end", [("2016-12-25", "2016-12-20"), ("", "2016-12-20"), ("garbage", "")])
def test_odd_intervals(start, end):
    G = nx.MultiDiGraph()
    add_event(G, "e", "ASSAULT", start, end)
    [e] = timeline_events(G)
    if start == "garbage":
        assert not e.dated
    else:
        assert e.start <= e.end and e.dated


def test_event_types_have_different_colours():
    """Issue 14: AGREE and RETREAT were two near-identical greens. Every pair of PLOVER types is
    now far apart in CIELAB, and every type has its colour."""
    from itertools import combinations

    from graph.core.model import PLOVER_TYPES
    from graph.export.timeline import TYPE_COLORS
    from helpers import color_distance

    assert set(TYPE_COLORS) == set(PLOVER_TYPES)
    close = [(a, b) for a, b in combinations(sorted(TYPE_COLORS), 2)
             if color_distance(TYPE_COLORS[a], TYPE_COLORS[b]) < 18]
    assert not close, close


def test_the_legend_fits_without_scrolling():
    """Issue 14: with nine event types the legend was cut off and needed a scroll bar. The plot area
    (height less the margins) now holds the legend's title and every entry, in both views."""
    from graph.core.model import PLOVER_TYPES
    from graph.export.timeline import LEGEND_PX, build_timeline

    G = nx.MultiDiGraph()
    for i, t in enumerate(PLOVER_TYPES):
        add_event(G, f"e{i}", t, "2016-12-0%d" % (1 + i % 9), "2016-12-0%d" % (1 + i % 9), date="2016-12-01")
    layout = build_timeline(G).figure["layout"]
    n_legend = len({tr["legendgroup"] for tr in build_timeline(G).figure["data"] if tr.get("showlegend")})
    assert n_legend == len(PLOVER_TYPES)
    # the chart is never shorter than its least height (the page's CSS), in both views
    for height in build_timeline(G).heights:
        assert height - layout["margin"]["t"] - layout["margin"]["b"] >= LEGEND_PX * (n_legend + 1)
    assert f"#{DIV_ID}{{min-height:{build_timeline(G).heights[0]}px}}" in generate_timeline(G)


# --------------------------------------------------------------------------- issue 14: what a reader saw


def same_range_graph(n: int = 15) -> nx.MultiDiGraph:
    """n events of one type, one agent and one interval (a week), and one event dated to a day."""
    G = nx.MultiDiGraph()
    add_actor(G, "army", "Syrian Army")
    for i in range(n):
        add_event(G, f"w{i:02d}", "ASSAULT", "2016-12-15", "2016-12-22", precision="range", agents=["army"])
    add_event(G, "day", "ASSAULT", "2016-12-10", "2016-12-10", "2016-12-10", agents=["army"])
    return G


@pytest.mark.parametrize("view", ["type", "actor"])
def test_events_sharing_an_interval_each_have_a_mark_of_their_own(view):
    """Issue 14: about 15 events with one range were one mark. Each now sits apart in its row, the
    stack says how many it holds, and the row is tall enough to point at each mark."""
    from graph.export.timeline import ROW_PX, build_timeline

    G = same_range_graph()
    tl = build_timeline(G)
    data = tl.figure["data"]
    pts = [(t["x"][k], t["y"][k], i) for t in marks(data, view) for k, i in enumerate(t["customdata"])]
    week = sorted(p for p in pts if p[2].startswith("w"))
    assert len(week) == 15 and len({(x, y) for x, y, _ in week}) == 15
    ys = sorted(y for _, y, _ in week)
    assert min(b - a for a, b in zip(ys, ys[1:])) * ROW_PX >= 9  # px apart at the least height, > half a mark
    counts = [t for t in data if t["meta"]["view"] == view and t["meta"]["role"] == "counts"]
    assert [t["meta"]["sizes"] for t in counts] == [[15]] and counts[0]["text"] == ["\u2002\u00d715"]
    # every range line follows its own mark
    lines = [t for t in data if t["meta"]["view"] == view and t["meta"]["role"] == "range"]
    assert sorted({y for t in lines for y in t["y"] if y is not None}) == ys


def test_articles_a_year_apart_open_on_the_densest_span_with_a_range_slider():
    """Issue 14: articles a year apart squeezed into one axis. The first view is the span where most
    events are, and a range slider under the axis shows (and reaches) them all."""
    from datetime import date

    G = nx.MultiDiGraph()
    for i in range(24):
        add_event(G, f"now{i:02d}", "ASSAULT", f"2016-12-{1 + i:02d}", f"2016-12-{1 + i:02d}")
    for i in range(4):
        add_event(G, f"then{i}", "PROTEST", f"2015-11-{10 + i:02d}", f"2015-11-{10 + i:02d}")
    page = generate_timeline(G)
    data, layout = figure_of(page)
    lo, hi = (date.fromisoformat(v[:10]) for v in layout["xaxis"]["range"])
    assert date(2016, 11, 1) < lo <= date(2016, 12, 1) and date(2016, 12, 24) <= hi < date(2017, 1, 15)
    assert layout["xaxis"]["rangeslider"]["visible"] is True
    assert "4 more outside: the range slider" in page
    assert {i for t in marks(data) for i in t["customdata"]} >= {"then0", "then3"}


def test_undated_events_are_listed_apart_with_their_bound():
    """Issue 14: an event the text does not date is not put on the axis at a guessed date; the page
    lists it under the chart with the latest day it can be."""
    G = sample_graph()
    G.nodes["event:undated"]["not_after"] = "2016-12-22"
    page = generate_timeline(G)
    data, _ = figure_of(page)
    assert "undated" not in {i for t in data for i in t.get("customdata", [])}
    p = parse(page.split('<details id="undated"', 1)[1].split("</details>", 1)[0])
    text = " ".join(" ".join(p.text).split())
    assert "1 undated events" in text and "AGREE undated" in text and "2016-12-22" in text and "UN" in text
    assert "1 undated, listed below the chart" in page
    # nothing undated, no list
    G.remove_node("event:undated")
    assert '<details id="undated"' not in generate_timeline(G)


def test_the_chart_fills_the_window():
    """Issue 14: the lower half of the page was blank. The chart has no fixed height: it takes the
    window's height left by the header (at least what its rows need)."""
    page = generate_timeline(same_range_graph())
    data, layout = figure_of(page)
    assert "height" not in layout and layout["autosize"] is True
    css = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "#top{min-height:100vh;display:flex;flex-direction:column}" in css and "#chart{flex:1 0 auto" in css and f"#{DIV_ID}{{flex:1 0 auto}}" in css
    assert re.search(r'<main id="chart"><div style="height:auto; width:100%;">', page)
