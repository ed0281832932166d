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
        assert set(t["y"]) == {t["meta"]["type"]} and t["visible"] is True
    actor_view = [t for t in data if t["meta"]["view"] == "actor"]
    assert actor_view and all(t["visible"] is False for t in actor_view)
    assert layout["yaxis"]["categoryarray"] == ["RETREAT", "ASSAULT", "AID", "ACCUSE"]


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
    pairs = sorted((y, i) for t in marks(data, "actor") for y, i in zip(t["y"], t["customdata"]))
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
    rows = {y for t in marks(data, "actor") for y in t["y"]}
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
    assert HOSTILE in {y for t in marks(data, "actor") for y in t["y"]}


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
    assert "2 more events outside" in page
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
    plot_area = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    assert plot_area >= LEGEND_PX * (n_legend + 1)
    for button in layout["updatemenus"][0]["buttons"]:
        height = button["args"][1]["height"]
        assert height - layout["margin"]["t"] - layout["margin"]["b"] >= LEGEND_PX * (n_legend + 1)
