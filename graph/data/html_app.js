/* ctkg graph.html: filters, tooltips and layout control. Plain JS, no external library
   besides the inlined vis-network. The graph data is the JSON block #ctkg-data; every
   string in it came from articles and is only ever used as text, except the hover titles,
   which graph/html.py builds from html-escaped pieces. */
var ctkgFilter = (function () {
  "use strict";

  function norm(s) {
    s = String(s == null ? "" : s);
    if (s.normalize) {
      s = s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    }
    return s.toLowerCase();
  }

  function padDate(s, end) {
    s = String(s || "").trim();
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s)) {
      return "";
    }
    if (s.length === 4) {
      return s + (end ? "-12-31" : "-01-01");
    }
    if (s.length === 7) {
      return s + (end ? "-31" : "-01");
    }
    return s;
  }

  /* Which nodes and edges to show.
     st: {kinds: {kind: bool}, rels: {relation: bool}, etype, from, to, actor, orphans}
     returns {nodes: Map(id -> bool), edges: Map(id -> bool)} */
  function computeVisibility(nodes, edges, st) {
    var kinds = st.kinds || {};
    var rels = st.rels || {};
    var from = padDate(st.from, false);
    var to = padDate(st.to, true);
    var byId = new Map();
    var base = new Map();
    nodes.forEach(function (n) {
      byId.set(n.id, n);
      var ok = kinds[n.kind] !== false;
      if (ok && n.kind === "event") {
        if (st.etype && n.etype !== st.etype) {
          ok = false;
        }
        if (ok && (from || to)) {
          var s = n.ds || "";
          var e = n.de || n.ds || "";
          if (!s || (from && e < from) || (to && s > to)) {
            ok = false;
          }
        }
      }
      base.set(n.id, ok);
    });
    function relOn(e) {
      return rels[e.relation] !== false;
    }
    var show = base;
    var q = norm(st.actor || "").trim();
    if (q) {
      var adj = new Map();
      edges.forEach(function (e) {
        if (!relOn(e)) {
          return;
        }
        if (!adj.has(e.from)) { adj.set(e.from, []); }
        if (!adj.has(e.to)) { adj.set(e.to, []); }
        adj.get(e.from).push(e.to);
        adj.get(e.to).push(e.from);
      });
      show = new Map();
      var matched = [];
      nodes.forEach(function (n) {
        if (n.kind === "actor" && base.get(n.id) && (n.names || []).some(function (x) {
          return norm(x).indexOf(q) >= 0;
        })) {
          show.set(n.id, true);
          matched.push(n.id);
        }
      });
      var ring = [];
      matched.forEach(function (id) {
        (adj.get(id) || []).forEach(function (m) {
          if (base.get(m) && !show.get(m)) {
            show.set(m, true);
            ring.push(m);
          }
        });
      });
      ring.forEach(function (m) {
        var k = byId.has(m) ? byId.get(m).kind : "";
        if (k === "event" || k === "statement") {
          (adj.get(m) || []).forEach(function (x) {
            if (base.get(x)) {
              show.set(x, true);
            }
          });
        }
      });
    }
    var edgeShow = new Map();
    var degree = new Map();
    edges.forEach(function (e) {
      var ok = relOn(e) && show.get(e.from) === true && show.get(e.to) === true;
      edgeShow.set(e.id, ok);
      if (ok) {
        degree.set(e.from, (degree.get(e.from) || 0) + 1);
        degree.set(e.to, (degree.get(e.to) || 0) + 1);
      }
    });
    var nodeShow = new Map();
    nodes.forEach(function (n) {
      var ok = show.get(n.id) === true;
      if (ok && st.orphans && !degree.get(n.id)) {
        ok = false;
      }
      nodeShow.set(n.id, ok);
    });
    return {nodes: nodeShow, edges: edgeShow};
  }

  return {norm: norm, padDate: padDate, computeVisibility: computeVisibility};
}());

(function () {
  "use strict";
  if (typeof document === "undefined") {
    return;
  }
  var dataEl = document.getElementById("ctkg-data");
  var statusEl = document.getElementById("status");
  if (!dataEl) {
    return;
  }
  if (typeof vis === "undefined") {
    statusEl.textContent = "The graph library did not load.";
    return;
  }
  var DATA = JSON.parse(dataEl.textContent);
  var meta = DATA.meta;
  var nodeList = DATA.nodes;
  var edgeList = DATA.edges;
  var nodeTips = new Map();
  var edgeTips = new Map();

  // hover titles: html built and escaped by graph/html.py, shown as elements
  function tipElement(h) {
    var d = document.createElement("div");
    d.className = "ctkg-tip";
    d.innerHTML = h;
    return d;
  }
  nodeList.forEach(function (n) {
    if (typeof n.title === "string") {
      nodeTips.set(n.id, n.title);
      n.title = tipElement(n.title);
    }
    n.hidden = false;
  });
  edgeList.forEach(function (e) {
    if (typeof e.title === "string") {
      edgeTips.set(e.id, e.title);
      e.title = tipElement(e.title);
    }
    e.hidden = false;
  });

  var nodes = new vis.DataSet(nodeList);
  var edges = new vis.DataSet(edgeList);
  var container = document.getElementById("network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, DATA.options);
  window.ctkgNetwork = network;  // for the browser tests, the screenshot script and the console
  var physicsOn = true;
  var laidOut = false;

  var etypeEl = document.getElementById("f-etype");
  var actorEl = document.getElementById("f-actor");
  var fromEl = document.getElementById("f-from");
  var toEl = document.getElementById("f-to");
  var orphansEl = document.getElementById("f-orphans");
  var kindEls = Array.prototype.slice.call(document.querySelectorAll("input.kind-cb"));
  var relEls = Array.prototype.slice.call(document.querySelectorAll("input.rel-cb"));
  var detailsEl = document.getElementById("details-body");

  meta.event_types.forEach(function (tc) {
    etypeEl.appendChild(new Option(tc[0] + " (" + tc[1] + ")", tc[0]));
  });
  if (meta.date_min) {
    fromEl.min = toEl.min = meta.date_min;
  }
  if (meta.date_max) {
    fromEl.max = toEl.max = meta.date_max;
  }

  var current = {nodes: 0, edges: 0};
  function updateStatus(prefix) {
    statusEl.textContent = (prefix ? prefix + " " : "") + "Visible: " + current.nodes + " of " + nodeList.length +
      " nodes, " + current.edges + " of " + edgeList.length + " links." +
      (laidOut && !physicsOn ? " Physics is off." : "");
  }

  function state() {
    var kinds = {};
    var rels = {};
    kindEls.forEach(function (cb) { kinds[cb.value] = cb.checked; });
    relEls.forEach(function (cb) { rels[cb.value] = cb.checked; });
    return {kinds: kinds, rels: rels, etype: etypeEl.value, from: fromEl.value, to: toEl.value,
            actor: actorEl.value, orphans: orphansEl.checked};
  }

  function applyFilters() {
    var v = ctkgFilter.computeVisibility(nodeList, edgeList, state());
    var nUpd = [];
    var eUpd = [];
    current = {nodes: 0, edges: 0};
    nodeList.forEach(function (n) {
      var hide = !v.nodes.get(n.id);
      if (!hide) { current.nodes += 1; }
      if (n.hidden !== hide) {
        n.hidden = hide;
        nUpd.push({id: n.id, hidden: hide});
      }
    });
    edgeList.forEach(function (e) {
      var hide = !v.edges.get(e.id);
      if (!hide) { current.edges += 1; }
      if (e.hidden !== hide) {
        e.hidden = hide;
        eUpd.push({id: e.id, hidden: hide});
      }
    });
    if (eUpd.length) { edges.update(eUpd); }
    if (nUpd.length) { nodes.update(nUpd); }
    updateStatus();
  }

  var timer = null;
  function later() {
    if (timer !== null) { clearTimeout(timer); }
    timer = setTimeout(function () { timer = null; applyFilters(); }, 150);
  }

  kindEls.concat(relEls, [etypeEl, fromEl, toEl, orphansEl]).forEach(function (el) {
    el.addEventListener("change", applyFilters);
  });
  actorEl.addEventListener("input", later);
  document.getElementById("b-reset").addEventListener("click", function () {
    kindEls.concat(relEls).forEach(function (cb) { cb.checked = true; });
    etypeEl.value = "";
    actorEl.value = fromEl.value = toEl.value = "";
    orphansEl.checked = false;
    applyFilters();
  });
  document.getElementById("b-fit").addEventListener("click", function () { network.fit(); });
  document.getElementById("b-physics").addEventListener("click", function () {
    physicsOn = !physicsOn;
    network.setOptions({physics: {enabled: physicsOn}});
    updateStatus();
  });

  network.on("stabilizationProgress", function (p) {
    updateStatus("Laying out: " + Math.round(100 * p.iterations / Math.max(1, p.total)) + "%.");
  });
  // Push apart nodes whose boxes (shape and label, plus a margin) overlap. The layout is first spread
  // out (all positions scaled from its centre) until the boxes cover at most SPREAD of its area;
  // then each overlapping pair moves apart along the axis where it overlaps least, until none does.
  // Deterministic: the same page gives the same positions.
  function separate() {
    var M = 4;
    var pos = network.getPositions();
    var items = [];
    nodeList.forEach(function (n) {
      var p = pos[n.id];
      var b = network.getBoundingBox(n.id);
      if (!p || !b) { return; }
      items.push({id: n.id, x: p.x, y: p.y, l: b.left - p.x - M, r: b.right - p.x + M, t: b.top - p.y - M,
                  b: b.bottom - p.y + M, moved: false});
    });
    if (items.length < 2) { return; }
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, boxes = 0;
    items.forEach(function (it) {
      x0 = Math.min(x0, it.x + it.l); x1 = Math.max(x1, it.x + it.r);
      y0 = Math.min(y0, it.y + it.t); y1 = Math.max(y1, it.y + it.b);
      boxes += (it.r - it.l) * (it.b - it.t);
    });
    var k = Math.sqrt(boxes / (SPREAD * Math.max(1, (x1 - x0) * (y1 - y0))));
    if (k > 1) {
      var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
      items.forEach(function (it) {
        it.x = cx + (it.x - cx) * k;
        it.y = cy + (it.y - cy) * k;
        it.moved = true;
      });
    }
    for (var round = 0; round < 2000; round += 1) {
      items.sort(function (a, c) { return (a.x + a.l) - (c.x + c.l) || (a.id < c.id ? -1 : 1); });
      var any = false;
      for (var i = 0; i < items.length; i += 1) {
        var a = items[i];
        for (var j = i + 1; j < items.length && items[j].x + items[j].l < a.x + a.r; j += 1) {
          var c = items[j];
          var ox = Math.min(a.x + a.r, c.x + c.r) - Math.max(a.x + a.l, c.x + c.l);
          var oy = Math.min(a.y + a.b, c.y + c.b) - Math.max(a.y + a.t, c.y + c.t);
          if (ox <= 0 || oy <= 0) { continue; }
          any = true;
          a.moved = c.moved = true;
          if (ox < oy) {
            var dx = (ox / 2 + 1) * ((c.x + (c.l + c.r) / 2) >= (a.x + (a.l + a.r) / 2) ? 1 : -1);
            a.x -= dx;
            c.x += dx;
          } else {
            var dy = (oy / 2 + 1) * ((c.y + (c.t + c.b) / 2) >= (a.y + (a.t + a.b) / 2) ? 1 : -1);
            a.y -= dy;
            c.y += dy;
          }
        }
      }
      if (!any) { break; }
    }
    items.forEach(function (it) {
      if (it.moved) { network.moveNode(it.id, it.x, it.y); }
    });
  }
  // boxes may cover this share of the layout's area before the pushing starts: a big graph is spread
  // more, so that pushing ends in a few hundred rounds (about 0.2 s for 1,500 nodes)
  var SPREAD = meta.bounded_layout ? 0.15 : 0.25;

  // The first view: the whole graph when its labels are readable so; else zoomed in (labels at
  // meta.readable_px on screen) on the node with the most links. "Fit" shows the whole graph.
  function firstView() {
    network.fit({animation: false});
    var font = ((DATA.options.nodes || {}).font || {}).size || 14;
    var need = (meta.readable_px || 12) / font;
    if (network.getScale() >= need || !nodeList.length) {
      return;
    }
    var degree = new Map();
    edgeList.forEach(function (e) {
      degree.set(e.from, (degree.get(e.from) || 0) + 1);
      degree.set(e.to, (degree.get(e.to) || 0) + 1);
    });
    var best = nodeList[0].id;
    nodeList.forEach(function (n) {
      if ((degree.get(n.id) || 0) > (degree.get(best) || 0)) { best = n.id; }
    });
    var p = network.getPositions([best])[best];
    network.moveTo({position: {x: p.x, y: p.y}, scale: need, animation: false});
  }

  // After the layout: physics off (the layout stays as it is, free of overlaps; the Physics button
  // turns it on again), overlapping nodes pushed apart, and a readable first view.
  network.once("stabilizationIterationsDone", function () {
    physicsOn = false;
    network.setOptions({physics: {enabled: false}});
    network.fit({animation: false});
    network.once("afterDrawing", function () {
      separate();
      network.setOptions({nodes: {scaling: {label: {drawThreshold: 5}}}});
      firstView();
      laidOut = true;
      container.setAttribute("data-layout", "done");
      updateStatus();
    });
    network.redraw();
  });
  network.on("click", function (p) {
    var h = "";
    if (p.nodes.length) {
      h = nodeTips.get(p.nodes[0]) || "";
    } else if (p.edges.length) {
      h = edgeTips.get(p.edges[0]) || "";
    }
    if (h) {
      detailsEl.innerHTML = h;  // escaped by graph/html.py
    } else {
      detailsEl.textContent = "Click a node or link.";
    }
  });

  applyFilters();
}());
