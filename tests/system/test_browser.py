"""graph.html and timeline.html in a real browser: headless Chromium (Debian's ``chromium``), driven by
Playwright with the system browser (no browser download), pages opened from disk (file://).

Checked from the page itself: the graph's nodes were drawn on the vis-network canvas (pixels of each
node kind's colour), hovering a drawn event shows its tooltip, the status line counts every node, a graph
above the size threshold opens cut down and with physics off and says so, the timeline draws one mark
per dated event and shows a hostile sentence as text; and no page makes any request besides its own file.

Skipped when Chromium or Playwright is absent. ``python scripts/screenshots.py`` takes the README's screenshots
of both pages.
"""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import time
from pathlib import Path

import networkx as nx
import pytest

pytestmark = pytest.mark.slow  # a real browser

CHROMIUM = os.environ.get("CTKG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
         "--no-default-browser-check", "--disable-features=Translate,OptimizationHints,MediaRouter"]
VIEWPORT = {"width": 1400, "height": 900}

# before any page script: record CSP violations and dialogs (an injected alert() would show up here)
INIT = """
window.__ctkg = {violations: [], alerts: []};
document.addEventListener("securitypolicyviolation", function (e) {
  window.__ctkg.violations.push(e.violatedDirective + " " + e.blockedURI);
});
window.alert = window.confirm = window.prompt = function (m) { window.__ctkg.alerts.push(String(m)); };
"""

# pixels of the vis-network canvas near each colour (RGB distance), and the best spot of the first one
CANVAS_PIXELS = """
(colors) => {
  const c = document.querySelector("#network canvas");
  if (!c || !c.width || !c.height) return null;
  const img = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  const rgb = colors.map(h => [1, 3, 5].map(i => parseInt(h.slice(i, i + 2), 16)));
  const counts = colors.map(() => 0);
  let painted = 0, best = null, bestScore = -1;
  const near = (p, k) => Math.abs(img[p] - rgb[k][0]) + Math.abs(img[p + 1] - rgb[k][1]) +
                         Math.abs(img[p + 2] - rgb[k][2]) < 24 && img[p + 3] > 200;
  for (let y = 0; y < c.height; y += 1) {
    for (let x = 0; x < c.width; x += 1) {
      const p = 4 * (y * c.width + x);
      if (img[p + 3] > 0) painted += 1;
      for (let k = 0; k < rgb.length; k += 1) {
        if (near(p, k)) {
          counts[k] += 1;
          if (k === 0 && x % 3 === 0 && y % 3 === 0) {  // the first colour's most solid spot
            let s = 0;
            for (let dy = -4; dy <= 4; dy += 2) for (let dx = -4; dx <= 4; dx += 2) {
              const q = 4 * ((y + dy) * c.width + (x + dx));
              if (q >= 0 && q < img.length && near(q, 0)) s += 1;
            }
            if (s > bestScore) { bestScore = s; best = [x, y]; }
          }
        }
      }
    }
  }
  const r = c.getBoundingClientRect();
  const spot = best && [r.left + best[0] * r.width / c.width, r.top + best[1] * r.height / c.height];
  return {width: c.width, height: c.height, painted, counts, spot};
}
"""


def _playwright():
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    """A fresh headless Chromium profile; anything but file: and data: URLs is refused and recorded."""
    sync_api = _playwright()
    with sync_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=FLAGS, viewport=VIEWPORT, service_workers="block")
        ctx.add_init_script(INIT)
        yield ctx
        ctx.close()


class Visit:
    """One page opened from disk, with every request, failure and console error it caused."""

    def __init__(self, ctx, path: Path):
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.page = ctx.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route(lambda url: not url.startswith(("file:", "data:")), self._refuse)
        self.page.goto(self.url, wait_until="load")

    def _refuse(self, route):
        self.requests.append(route.request.url)
        route.abort()

    def state(self) -> dict:
        return self.page.evaluate("window.__ctkg")

    def assert_offline(self):
        """The page's own file was the only request; nothing failed, nothing was refused by the CSP."""
        assert self.requests == [self.url], self.requests
        assert self.failed == [] and self.errors == [], (self.failed, self.errors)
        st = self.state()
        assert st["violations"] == [] and st["alerts"] == [], st

    def close(self):
        self.page.close()


def poll(v: Visit, js: str, timeout_s: float = 60):
    """Evaluate ``js`` (a function) until it returns something truthy. (Playwright's wait_for_function
    evaluates a string, which the pages' Content-Security-Policy refuses, as it should.)"""
    deadline = time.monotonic() + timeout_s
    while True:
        got = v.page.evaluate(js)
        if got:
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s} s waiting for {js}")
        v.page.wait_for_timeout(200)


def kind_colors() -> list[str]:
    from graph.core.schema import Kind
    from graph.export.html import KIND_STYLE

    return [KIND_STYLE[k.value][1] for k in (Kind.EVENT, Kind.PLACE, Kind.STATEMENT)]


def wait_drawn(v: Visit, timeout_s: float = 60) -> dict:
    """Wait until events are painted on the canvas and the layout has settled; the canvas pixels."""
    colors = kind_colors()
    deadline = time.monotonic() + timeout_s
    px = None
    while time.monotonic() < deadline:
        px = v.page.evaluate(CANVAS_PIXELS, colors)
        status = v.page.inner_text("#status")
        if px and px["counts"][0] > 50 and "Laying out" not in status:
            return px
        v.page.wait_for_timeout(250)
    raise AssertionError(f"the graph was not drawn in {timeout_s} s: {px}, status {v.page.inner_text('#status')!r}")


def hover_event(v: Visit) -> str:
    """Move the mouse onto the most solid patch of event colour; the tooltip text that opens."""
    for _ in range(12):
        px = v.page.evaluate(CANVAS_PIXELS, kind_colors())
        v.page.mouse.move(10, 10)
        v.page.mouse.move(*px["spot"], steps=4)
        try:
            v.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=2000)
            text = v.page.inner_text("div.vis-tooltip")
            if text.startswith("Event:"):
                return text
        except _playwright().TimeoutError:  # no tooltip yet: try again once the layout moved
            pass
        v.page.wait_for_timeout(500)
    raise AssertionError("no event tooltip opened where events were drawn")


# --------------------------------------------------------------------------- graph.html


def test_seed_graph_is_drawn_offline(browser_context, seed_build):
    _, out = seed_build
    n_nodes = len(json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"])
    assert n_nodes > 20
    v = Visit(browser_context, out / "graph.html")
    try:
        px = wait_drawn(v)
        # every node kind's colour was painted, and a real share of the canvas
        assert all(n > 30 for n in px["counts"]), px["counts"]
        assert px["painted"] > 0.005 * px["width"] * px["height"]
        # the page counts all nodes of the build as visible, and says so
        status = v.page.inner_text("#status")
        n_nodes -= json.loads((out / "graph.html").read_text(encoding="utf-8").split('id="ctkg-data">', 1)[1]
                              .split("</script>", 1)[0])["meta"]["actor_and_place"]  # a country once
        assert f"Visible: {n_nodes} of {n_nodes} nodes" in status, status
        assert not v.page.is_visible("#banner")
        # the drawn events are the network's nodes: hovering one shows its escaped tooltip
        tip = hover_event(v)
        assert "Date:" in tip and "Type:" in tip and "Source articles:" in tip
        # the filters act on the drawn graph
        v.page.select_option("#f-etype", "ASSAULT")
        poll(v, "() => document.getElementById('status').textContent.indexOf('Visible: %d ') < 0" % n_nodes)
        assert "Visible:" in v.page.inner_text("#status")
        v.assert_offline()
    finally:
        v.close()


def test_event_labels_show_the_interval_when_there_is_no_value():
    """(No browser needed.) An event known to lie between two days is labelled so; an undated one has no
    date part."""
    from graph.export.html import generate_html

    G = nx.MultiDiGraph()
    for eid, (date, s, e) in {"v": ("2016-W51", "2016-12-19", "2016-12-25"), "r": ("", "2016-11-22", "2016-12-22"),
                              "d": ("", "2016-12-15", "2016-12-15"), "u": ("", "", "")}.items():
        G.add_node(f"event:{eid}", kind="event", event_id=eid, event_type="ASSAULT", mode="shelling", date=date,
                   date_start=s, date_end=e)
    page = generate_html(G)
    data = json.loads(page.split('id="ctkg-data">', 1)[1].split("</script>", 1)[0])
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels == {"event:v": "Shelling, 19\u201325 Dec", "event:r": "Shelling, 22 Nov\u201322 Dec",
                      "event:d": "Shelling, 15 Dec", "event:u": "Shelling"}


# what a person sees once the page has laid the graph out: the zoom, the drawn label sizes of the nodes
# on screen, and the boxes (shape and label) of every node, measured with all labels drawn
SEEN = """
() => {
  const net = window.ctkgNetwork;
  const box = document.getElementById("network").getBoundingClientRect();
  const scale = net.getScale();
  const font = net.body.nodes[net.body.nodeIndices[0]].options.font.size;
  const pos = net.getPositions();
  const onScreen = Object.keys(pos).filter(id => {
    const p = net.canvasToDOM(pos[id]);
    return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
  });
  return {scale, font, onScreen, n: Object.keys(pos).length};
}
"""
BOXES = """
() => {
  const net = window.ctkgNetwork;
  return net.body.nodeIndices.map(id => {
    const b = net.getBoundingBox(id);
    return [id, net.body.nodes[id].options.shape, b.left, b.top, b.right, b.bottom];
  });
}
"""


def laid_out(v: Visit, timeout_s: float = 120) -> None:
    poll(v, "() => document.getElementById('network').getAttribute('data-layout') === 'done'", timeout_s)
    v.page.wait_for_timeout(300)


def overlapping(boxes: list, shapes: set[str] | None = None, tolerance: float = 0.5) -> list:
    """Pairs of boxes (of the given shapes) that overlap by more than ``tolerance`` px both ways."""
    out = []
    chosen = [b for b in boxes if shapes is None or b[1] in shapes]
    for i, a in enumerate(chosen):
        for b in chosen[i + 1:]:
            ox = min(a[4], b[4]) - max(a[2], b[2])
            oy = min(a[5], b[5]) - max(a[3], b[3])
            if ox > tolerance and oy > tolerance:
                out.append((a[0], b[0], round(ox), round(oy)))
    return out


def test_seed_graph_is_readable_at_rest(browser_context, seed_build):
    """Issue 14, item 6, as a person sees the seeds' graph.html in a 1400x900 window: the labels drawn
    at the first view are at least 11 px (they were 7), no two nodes overlap once the layout is at rest
    (statement boxes did), event labels say what happened, and a country that is both an actor and
    a place is one node."""
    _, out = seed_build
    v = Visit(browser_context, out / "graph.html")
    try:
        laid_out(v)
        seen = v.page.evaluate(SEEN)
        assert seen["font"] * seen["scale"] >= 11, seen
        assert len(seen["onScreen"]) >= 30, seen  # the first view shows a good part of the graph
        # at rest: physics is off and nothing moves
        before = v.page.evaluate("() => window.ctkgNetwork.getPositions()")
        v.page.wait_for_timeout(1500)
        assert v.page.evaluate("() => window.ctkgNetwork.getPositions()") == before
        assert "Physics is off." in v.page.inner_text("#status")
        # every node's box, with every label drawn (as when zoomed in): none overlaps another
        v.page.evaluate("() => { const n = window.ctkgNetwork; n.setOptions({nodes: {scaling: {label: "
                        "{drawThreshold: 0}}}}); n.fit({animation: false}); n.redraw(); }")
        v.page.wait_for_timeout(500)
        boxes = v.page.evaluate(BOXES)
        assert sum(1 for b in boxes if b[1] == "box") > 20
        assert overlapping(boxes, {"box"}) == []
        assert overlapping(boxes) == []
        # labels say what happened; one node per country that is an actor and a place
        nodes = v.page.evaluate("() => window.ctkgNetwork.body.data.nodes.get().map(n => [n.id, n.kind, n.label])")
        events = [" ".join(label.split()) for _, kind, label in nodes if kind == "event"]
        assert any(re.search(r" captures? \w", e) for e in events), events  # "... capture(s) Aleppo/..."
        assert not any(e.startswith(("ASSAULT", "RETREAT", "AGREE")) for e in events), events
        syria = [n for n in nodes if n[2] == "Syria"]
        assert len(syria) == 1 and syria[0][1] == "actor", syria
        v.assert_offline()
    finally:
        v.close()


def test_big_graph_first_view_is_readable(browser_context, tmp_path):
    """The 2,400-node graph (cut to 1,500) opens zoomed in to readable labels, without overlaps."""
    from graph.export.html import write_html

    v = Visit(browser_context, write_html(big_graph(), tmp_path / "graph.html"))
    try:
        laid_out(v)
        seen = v.page.evaluate(SEEN)
        assert seen["font"] * seen["scale"] >= 11 and len(seen["onScreen"]) >= 10, seen
        boxes = {b[0]: b for b in v.page.evaluate(BOXES)}
        assert overlapping([boxes[i] for i in seen["onScreen"]]) == []
        v.assert_offline()
    finally:
        v.close()


def big_graph(n_actors: int = 60, events_per_actor: int = 30) -> nx.MultiDiGraph:
    """A synthetic graph of about 2,400 nodes: actors with distinct degrees, events, places, one article."""
    G = nx.MultiDiGraph()
    G.add_node("article:a1", kind="article", article_id="a1", title="t", label="t", status="ok")
    k = 0
    for i in range(n_actors):
        G.add_node(f"actor:a{i:03d}", kind="actor", actor_id=f"a{i:03d}", name=f"Actor {i}", label=f"Actor {i}",
                   type="armed_group", aliases=[], articles=["a1"])
        for _ in range(events_per_actor + i % 7):
            d = f"2016-{1 + k % 12:02d}-{1 + k % 28:02d}"
            G.add_node(f"event:e{k:05d}", kind="event", event_id=f"e{k:05d}", event_type="ASSAULT", label=d, date=d,
                       date_start=d, date_end=d, date_precision="day", articles=["a1"], evidence="x")
            G.add_edge(f"event:e{k:05d}", f"actor:a{i:03d}", key="agent", relation="agent")
            G.add_edge(f"event:e{k:05d}", f"actor:a{(i + 1) % n_actors:03d}", key="target", relation="target")
            if k % 5 == 0:
                G.add_node(f"place:p{k:05d}", kind="place", name=f"Place {k}", label=f"Place {k}")
                G.add_edge(f"event:e{k:05d}", f"place:p{k:05d}", key="place", relation="place")
            k += 1
    return G


def test_big_graph_opens_cut_down_with_physics_off(browser_context, tmp_path):
    from graph.export.html import PHYSICS_OFF_ABOVE, write_html

    G = big_graph()
    max_nodes = 1500  # generate_html's default
    assert G.number_of_nodes() > max_nodes
    path = write_html(G, tmp_path / "graph.html")
    t0 = time.monotonic()
    v = Visit(browser_context, path)
    try:
        poll(v, "() => document.getElementById('status').textContent.indexOf('Physics is off.') >= 0", 120)
        seconds = time.monotonic() - t0
        px = wait_drawn(v)
        assert px["counts"][0] > 50
        banner = v.page.inner_text("#banner")
        assert v.page.is_visible("#banner")
        assert f"of {G.number_of_nodes()} nodes" in banner and "actors with the most links" in banner
        status = v.page.inner_text("#status")
        shown = int(status.split("Visible: ")[1].split(" of ")[0])
        assert PHYSICS_OFF_ABOVE < shown <= max_nodes and f"showing {shown} of" in banner
        # laid out and still, in a bounded time
        assert seconds < 90, seconds
        v.assert_offline()
    finally:
        v.close()


# --------------------------------------------------------------------------- timeline.html


def test_seed_timeline_draws_one_mark_per_dated_event(browser_context, seed_build):
    _, out = seed_build
    with (out / "events.csv").open(encoding="utf-8", newline="") as f:
        dated = [r for r in csv.DictReader(f) if r["date_start"] or r["date_end"]]
    assert dated
    v = Visit(browser_context, out / "timeline.html")
    try:
        v.page.wait_for_selector("#ctkg-timeline .scatterlayer .trace path.point", state="attached", timeout=60_000)
        n = v.page.evaluate("document.querySelectorAll('#ctkg-timeline .cartesianlayer .scatterlayer .trace "
                            "path.point').length")
        assert n == len(dated)
        # switching to the actor view draws the same events on actor rows
        box = v.page.locator("#ctkg-timeline .updatemenu-button").nth(1).bounding_box()
        v.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        poll(v, "() => document.querySelector('#ctkg-timeline .ytitle').textContent === 'actor'")
        assert v.page.evaluate("document.querySelectorAll('#ctkg-timeline .cartesianlayer .scatterlayer .trace "
                               "path.point').length") >= len(dated)
        v.assert_offline()
    finally:
        v.close()


def test_timeline_hover_shows_a_hostile_sentence_as_text(browser_context, tmp_path):
    from graph.export.timeline import write_timeline
    from helpers import TIMELINE_HOSTILE as HOSTILE, timeline_graph

    path = write_timeline(timeline_graph(), tmp_path / "timeline.html")
    v = Visit(browser_context, path)
    try:
        v.page.wait_for_selector("#ctkg-timeline .scatterlayer .trace path.point", state="attached")
        points = v.page.query_selector_all("#ctkg-timeline .scatterlayer .trace path.point")
        seen = []
        for pt in points:
            box = pt.bounding_box()
            v.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=3)
            v.page.wait_for_timeout(150)
            text = v.page.evaluate("Array.from(document.querySelectorAll('#ctkg-timeline .hoverlayer .hovertext'))"
                                   ".map(x => x.textContent).join(' ')")
            seen.append(text)
            if "onerror" in text:
                break
        hover = next((t for t in seen if "onerror" in t), "")
        assert hover, seen
        for piece in ("<img src=x onerror=alert(2)>", "</script><script>alert(1)</script>", "<b>bold</b>",
                      "&amp; &lt;b&gt;", "Type: ACCUSE", "Date: 2016-12-20 \u2013 2016-12-21"):
            assert piece in hover, (piece, hover)
        # no element came from the text: the label holds only Plotly's own text elements
        tags = v.page.evaluate("Array.from(document.querySelectorAll('#ctkg-timeline .hoverlayer *'))"
                               ".map(e => e.tagName.toLowerCase())")
        assert set(tags) <= {"g", "path", "text", "tspan", "rect"}, set(tags)
        assert v.page.evaluate("document.querySelectorAll('img, a[href^=\"https://evil\"]').length") == 0
        assert HOSTILE.split()[0] in hover
        v.assert_offline()
    finally:
        v.close()


def test_timeline_stacked_events_each_hover_and_the_chart_fills_the_window(browser_context, tmp_path):
    """Issue 14, as the reader did it: fifteen events share one week; pointing at the stack shows each of
    them, one mark at a time, and a count says how many. The chart fills the window below the header,
    in both views; a year between the articles opens on the busy span, with a range slider."""
    from graph.export.timeline import write_timeline
    from helpers import add_timeline_actor, add_timeline_event

    G = nx.MultiDiGraph()
    add_timeline_actor(G, "army", "Syrian Army")
    for i in range(15):
        add_timeline_event(G, f"w{i:02d}", "ASSAULT", "2016-12-15", "2016-12-22", precision="range", agents=["army"])
    for i in range(40):  # forty actors: the actor view needs more than the window
        add_timeline_actor(G, f"g{i:02d}", f"Group {i:02d}")
        add_timeline_event(G, f"d{i:02d}", "RETREAT", f"2016-12-{1 + i % 20:02d}", f"2016-12-{1 + i % 20:02d}",
                           agents=[f"g{i:02d}"])
    add_timeline_event(G, "old", "PROTEST", "2015-11-20", "2015-11-20", agents=["army"])
    add_timeline_event(G, "undated", "AGREE", "", "", "", "unknown", agents=["army"])
    path = write_timeline(G, tmp_path / "timeline.html")
    v = Visit(browser_context, path)
    try:
        v.page.wait_for_selector("#ctkg-timeline .scatterlayer .trace path.point", state="attached", timeout=60_000)
        v.page.wait_for_timeout(300)
        # the chart reaches the bottom of the window
        box = v.page.locator("#ctkg-timeline").bounding_box()
        assert box["y"] + box["height"] >= VIEWPORT["height"] - 40, box
        assert box["height"] >= 0.6 * VIEWPORT["height"], box
        # the stack of fifteen: every one of them shows its own label under the mouse
        points = v.page.query_selector_all("#ctkg-timeline .cartesianlayer .scatterlayer .trace path.point")
        seen = set()
        for pt in points:
            b = pt.bounding_box()
            if not b or b["width"] == 0:
                continue
            v.page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=2)
            v.page.wait_for_timeout(60)
            text = v.page.evaluate("Array.from(document.querySelectorAll('#ctkg-timeline .hoverlayer .hovertext'))"
                                   ".map(x => x.textContent).join(' ')")
            seen.update(re.findall(r"ASSAULT (w\d\d)", text))
        assert seen == {f"w{i:02d}" for i in range(15)}, sorted(seen)
        assert "\u00d715" in v.page.evaluate("Array.from(document.querySelectorAll('#ctkg-timeline .cartesianlayer "
                                             ".textpoint')).map(x => x.textContent).join(' ')")
        # the first view is December 2016; the slider holds the year-old event
        lo, hi = v.page.evaluate("(() => { const a = document.getElementById('ctkg-timeline')._fullLayout.xaxis;"
                                 " return [a.range[0], a.range[1]]; })()")
        assert "2016-11" <= lo[:7] and hi[:7] <= "2017-01", (lo, hi)
        assert v.page.locator("#ctkg-timeline .rangeslider-container").count() == 1
        # the undated event is in the list below, not on the chart
        assert "AGREE undated" in v.page.inner_text("#undated")
        # the actor view grows to hold its forty rows; back by type, the chart fills the window again
        from graph.export.timeline import build_timeline

        least = build_timeline(G).heights
        assert least[1] > VIEWPORT["height"]
        for k in (1, 0):
            b = v.page.locator("#ctkg-timeline .updatemenu-button").nth(k).bounding_box()
            v.page.mouse.click(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
            v.page.wait_for_timeout(600)
            box = v.page.locator("#ctkg-timeline .main-svg").first.bounding_box()
            assert box["y"] + box["height"] >= VIEWPORT["height"] - 40 and box["height"] >= least[k] - 1, (k, box)
            assert k == 1 or box["height"] < least[1], box
        v.assert_offline()
    finally:
        v.close()
