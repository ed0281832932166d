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
  network.once("stabilizationIterationsDone", function () {
    laidOut = true;
    if (meta.physics_off_after_stabilization) {
      physicsOn = false;
      network.setOptions({physics: {enabled: false}});
    }
    updateStatus();
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
