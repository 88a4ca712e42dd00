/*
 * network-explorer.js: the interactive collaboration-network view of report.html.
 *
 * Our own code, no build step; inlined by the report after the vendored bundle
 * sigma-graphology.min.js (which sets window.Sigma and window.graphology).
 *
 * Input: the JSON script element #network-data (type application/json) holding
 *   {"nodes":[{"id","label","x","y","size","color","type","region","programs":[..],"metrics":{..}}],
 *    "edges":[[source, target, weight]], "programs":[..], "types":[..], "note":"..."}
 * Output: a sigma (WebGL) view in div#network-explorer with pan and zoom, a hover
 * tooltip, a search box (#explorer-search) that centres on and highlights an organisation
 * and its neighbours, and programme / type checkboxes that hide nodes.
 *
 * Safety: names and every other string from the data are hostile. They reach the page
 * only through textContent, option.value, or sigma's canvas labels (drawn, never parsed);
 * nothing here writes innerHTML or builds markup from data.
 *
 * Hooks for headless tests, set on the body element:
 *   data-explorer-ready="true"  once the view has rendered ("false" plus
 *                               data-explorer-error if it could not, e.g. no WebGL);
 *   data-explorer-found=<id>    after each search, the id found, or "none".
 * A URL fragment #search=<urlencoded text> runs that search after load (and on hashchange).
 * The script never writes to the console.
 */
(function () {
  "use strict";

  var GREY_NODE = "#d9d9d9";
  var GREY_EDGE = "#eeeeee";
  var EDGE_COLOR = "#c4c4c4";
  var FOCUS_EDGE = "#555555";
  var DEFAULT_NODE_COLOR = "#999999";
  var NONE_KEY = "\u0000none"; // filter key for nodes with no programme / no type
  var MAX_METRICS = 8; // metrics shown in the tooltip

  /** Create an element with optional class and text (text set with textContent only). */
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  /** Find #id, or create it (tag, class) and insert it before `before`. */
  function ensure(id, tag, className, before) {
    var e = document.getElementById(id);
    if (e) return e;
    e = el(tag, className);
    e.id = id;
    before.parentNode.insertBefore(e, before);
    return e;
  }

  /** A number to 3 significant figures (integers as they are); other values as text. */
  function fmt3(v) {
    if (typeof v !== "number") return v === null || v === undefined ? "–" : String(v);
    if (!isFinite(v)) return String(v);
    if (Number.isInteger(v)) return String(v);
    return String(Number(v.toPrecision(3)));
  }

  function asString(v) {
    return v === null || v === undefined ? "" : String(v);
  }

  function asNumber(v, dflt) {
    var n = typeof v === "number" ? v : parseFloat(v);
    return isFinite(n) ? n : dflt;
  }

  function asColor(v) {
    // Only plain hex colours reach sigma; anything else gets the default.
    return typeof v === "string" && /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(v)
      ? v
      : DEFAULT_NODE_COLOR;
  }

  /** Case- and width-insensitive form used by the search. */
  function norm(s) {
    s = asString(s);
    if (s.normalize) s = s.normalize("NFKC");
    return s.trim().toLowerCase();
  }

  function setBody(key, value) {
    document.body.dataset[key] = value;
  }

  function init() {
    var container = document.getElementById("network-explorer");
    var dataEl = document.getElementById("network-data");
    if (!container || !dataEl) return; // no explorer on this page
    try {
      start(container, dataEl);
    } catch (err) {
      // No console output: say it on the page instead (textContent only).
      setBody("explorerReady", "false");
      setBody("explorerError", asString(err && err.message ? err.message : err));
      container.textContent = "";
      container.appendChild(
        el("p", "note explorer-fallback",
          "交互网络视图无法显示（需要 WebGL）。The interactive network view could not start " +
          "(it needs WebGL); the static figures show the same network.")
      );
    }
  }

  function start(container, dataEl) {
    if (typeof window.Sigma !== "function" || typeof window.graphology !== "function") {
      throw new Error("sigma-graphology bundle missing");
    }
    var data = JSON.parse(dataEl.textContent || "{}");
    var rawNodes = Array.isArray(data.nodes) ? data.nodes : [];
    var rawEdges = Array.isArray(data.edges) ? data.edges : [];

    // ---- Controls (used if the page has them, created otherwise) ----
    var search = ensure("explorer-search", "input", "", container);
    search.type = "search";
    var datalist = ensure("explorer-names", "datalist", "", container);
    search.setAttribute("list", "explorer-names");
    var status = ensure("explorer-status", "span", "note", container);
    var filters = ensure("explorer-filters", "div", "", container);
    var details = document.getElementById("explorer-details");
    var resetBtn = document.getElementById("explorer-reset");

    // ---- Graph ----
    var Graph = window.graphology;
    var graph = new Graph.UndirectedGraph({ allowSelfLoops: false });
    var n = rawNodes.length;
    rawNodes.forEach(function (r, i) {
      if (!r || r.id === undefined || r.id === null) return;
      var id = String(r.id);
      if (graph.hasNode(id)) return; // first occurrence wins
      var programs = Array.isArray(r.programs) ? r.programs.map(asString) : [];
      // Missing positions fall back to a circle, so the view never breaks on them.
      var angle = (2 * Math.PI * i) / Math.max(n, 1);
      graph.addNode(id, {
        // sigma reads x, y, size, color and label. "type" would select a sigma node
        // program, so the organisation type is kept as orgType.
        x: asNumber(r.x, Math.cos(angle)),
        y: asNumber(r.y, Math.sin(angle)),
        size: Math.max(1, asNumber(r.size, 4)),
        color: asColor(r.color),
        label: asString(r.label !== undefined && r.label !== null && r.label !== "" ? r.label : id),
        orgType: asString(r.type),
        region: asString(r.region),
        programs: programs,
        metrics: r.metrics && typeof r.metrics === "object" ? r.metrics : {},
        searchLabel: norm(r.label),
        searchId: norm(id),
      });
    });
    rawEdges.forEach(function (e) {
      if (!Array.isArray(e) || e.length < 2) return;
      var s = String(e[0]), t = String(e[1]);
      if (s === t || !graph.hasNode(s) || !graph.hasNode(t)) return;
      var w = asNumber(e[2], 1);
      if (graph.hasEdge(s, t)) {
        graph.updateEdgeAttribute(s, t, "weight", function (old) { return (old || 0) + w; });
      } else {
        graph.addEdge(s, t, { weight: w });
      }
    });
    // Edge width grows slowly with the weight (number of shared projects).
    graph.forEachEdge(function (edge, attrs) {
      graph.setEdgeAttribute(edge, "size", Math.min(6, 0.6 + 0.6 * Math.sqrt(Math.max(attrs.weight, 0))));
    });

    // ---- View state read by the reducers ----
    var state = {
      hiddenPrograms: new Set(), // filter keys unticked
      hiddenTypes: new Set(),
      focus: null, // node id highlighted by a search or click
      neighbours: new Set(),
    };

    function nodeVisible(node) {
      var a = graph.getNodeAttributes(node);
      var typeKey = a.orgType === "" ? NONE_KEY : a.orgType;
      if (state.hiddenTypes.has(typeKey)) return false;
      if (a.programs.length === 0) return !state.hiddenPrograms.has(NONE_KEY);
      for (var i = 0; i < a.programs.length; i++) {
        if (!state.hiddenPrograms.has(a.programs[i])) return true;
      }
      return false;
    }

    var renderer = new window.Sigma(graph, container, {
      allowInvalidContainer: true, // e.g. inside a closed <details>: no throw, sized later
      zIndex: true,
      defaultEdgeColor: EDGE_COLOR,
      labelFont: '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
      labelSize: 12,
      labelColor: { color: "#222222" },
      labelRenderedSizeThreshold: 7,
      nodeReducer: function (node, attrs) {
        var out = {
          x: attrs.x, y: attrs.y, size: attrs.size, color: attrs.color, label: attrs.label,
        };
        if (!nodeVisible(node)) {
          out.hidden = true;
          return out;
        }
        if (state.focus !== null) {
          if (node === state.focus) {
            out.highlighted = true;
            out.forceLabel = true;
            out.zIndex = 2;
          } else if (state.neighbours.has(node)) {
            out.forceLabel = true;
            out.zIndex = 1;
          } else {
            out.color = GREY_NODE;
            out.label = "";
            out.zIndex = 0;
          }
        }
        return out;
      },
      edgeReducer: function (edge, attrs) {
        var out = { size: attrs.size, color: EDGE_COLOR };
        var s = graph.source(edge), t = graph.target(edge);
        if (!nodeVisible(s) || !nodeVisible(t)) {
          out.hidden = true;
        } else if (state.focus !== null) {
          if (s === state.focus || t === state.focus) {
            out.color = FOCUS_EDGE;
            out.zIndex = 1;
          } else {
            out.color = GREY_EDGE;
            out.zIndex = 0;
          }
        }
        return out;
      },
    });
    var camera = renderer.getCamera();

    // ---- Tooltip on hover ----
    var tooltip = el("div", "explorer-tooltip");
    tooltip.setAttribute("role", "tooltip");
    tooltip.hidden = true;
    container.appendChild(tooltip);

    /** Fill `box` with a node's name, id, type, region, programmes and key metrics. */
    function describe(box, node) {
      var a = graph.getNodeAttributes(node);
      box.textContent = "";
      box.appendChild(el("strong", "", a.label));
      var dl = el("dl");
      function row(k, v) {
        dl.appendChild(el("dt", "", k));
        dl.appendChild(el("dd", "", v));
      }
      row("编号 id", node);
      row("类型 type", a.orgType || "–");
      row("地区 region", a.region || "–");
      row("项目群 programmes", a.programs.length ? a.programs.join(", ") : "–");
      row("合作者 partners", String(graph.degree(node)));
      Object.keys(a.metrics).slice(0, MAX_METRICS).forEach(function (k) {
        row(k, fmt3(a.metrics[k]));
      });
      box.appendChild(dl);
    }

    renderer.on("enterNode", function (e) {
      describe(tooltip, e.node);
      tooltip.hidden = false;
      // Keep the box inside the container.
      var w = container.clientWidth, h = container.clientHeight;
      var x = e.event.x + 14, y = e.event.y + 14;
      tooltip.style.left = Math.max(0, Math.min(x, w - tooltip.offsetWidth - 4)) + "px";
      tooltip.style.top = Math.max(0, Math.min(y, h - tooltip.offsetHeight - 4)) + "px";
    });
    renderer.on("leaveNode", function () {
      tooltip.hidden = true;
    });

    // ---- Highlight, search ----
    function setFocus(node) {
      state.focus = node;
      state.neighbours = new Set(node === null ? [] : graph.neighbors(node));
      if (details) {
        details.textContent = "";
        if (node !== null) describe(details, node);
      }
      renderer.refresh({ skipIndexation: true });
    }

    /** Centre the camera on `node`, zoomed so that its visible neighbours fit around it. */
    function centreOn(node) {
      var d = renderer.getNodeDisplayData(node);
      if (!d) return;
      // Display data are in sigma's framed-graph space, where ratio 1 shows the whole
      // graph and the shorter side of the view spans about `ratio` units.
      var reach = 0;
      state.neighbours.forEach(function (nb) {
        var e = renderer.getNodeDisplayData(nb);
        if (e && nodeVisible(nb)) reach = Math.max(reach, Math.abs(e.x - d.x), Math.abs(e.y - d.y));
      });
      var ratio = reach > 0 ? Math.min(1, Math.max(0.12, 2.4 * reach)) : Math.min(camera.ratio, 0.5);
      camera.animate({ x: d.x, y: d.y, ratio: ratio }, { duration: 400 });
    }

    /**
     * Best visible match for `text`: exact id, exact name, name prefix, id prefix,
     * name substring, id substring; ties go to the shorter name, then data order.
     */
    function find(text) {
      var q = norm(text);
      if (q === "") return null;
      var best = null, bestRank = 99, bestLen = Infinity;
      graph.forEachNode(function (node, a) {
        if (!nodeVisible(node)) return;
        var rank =
          a.searchId === q ? 0 :
          a.searchLabel === q ? 1 :
          a.searchLabel.indexOf(q) === 0 ? 2 :
          a.searchId.indexOf(q) === 0 ? 3 :
          a.searchLabel.indexOf(q) > 0 ? 4 :
          a.searchId.indexOf(q) > 0 ? 5 : 99;
        if (rank < bestRank || (rank === bestRank && rank < 99 && a.searchLabel.length < bestLen)) {
          best = node; bestRank = rank; bestLen = a.searchLabel.length;
        }
      });
      return best;
    }

    function runSearch(text) {
      var node = find(text);
      if (node === null) {
        setFocus(null);
        status.textContent = norm(text) === "" ? "" : "未找到 Not found (or hidden by a filter)";
        setBody("explorerFound", "none");
        return;
      }
      setFocus(node);
      centreOn(node);
      status.textContent = "找到 Found: " + graph.getNodeAttribute(node, "label") + " (" + node + ")";
      setBody("explorerFound", node);
    }

    // Names for the search box's suggestions.
    datalist.textContent = "";
    graph.forEachNode(function (node, a) {
      var o = document.createElement("option");
      o.value = a.label;
      datalist.appendChild(o);
    });
    search.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        runSearch(search.value);
      }
    });
    search.addEventListener("change", function () {
      runSearch(search.value);
    });

    // Click a node to highlight it; click the background to clear.
    renderer.on("clickNode", function (e) {
      setFocus(e.node);
    });
    renderer.on("clickStage", function () {
      if (state.focus !== null) setFocus(null);
    });

    if (resetBtn) {
      resetBtn.addEventListener("click", function () {
        search.value = "";
        status.textContent = "";
        setFocus(null);
        camera.animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 300 });
      });
    }

    // ---- Filters: one checkbox per programme and per type ----
    function collect(listed, get) {
      // Keys listed in the data first, then any others the nodes use, then "none".
      var keys = [], seen = new Set(), none = false;
      (Array.isArray(listed) ? listed : []).forEach(function (k) {
        k = asString(k);
        if (!seen.has(k)) { seen.add(k); keys.push(k); }
      });
      graph.forEachNode(function (node, a) {
        var vals = get(a);
        if (vals.length === 0) none = true;
        vals.forEach(function (k) {
          if (!seen.has(k)) { seen.add(k); keys.push(k); }
        });
      });
      if (none) keys.push(NONE_KEY);
      return keys;
    }

    function filterGroup(id, legend, keys, hiddenSet) {
      var box = document.getElementById(id);
      if (!box) {
        box = el("fieldset");
        box.id = id;
        box.appendChild(el("legend", "", legend));
        filters.appendChild(box);
      }
      keys.forEach(function (k) {
        var label = el("label");
        var cb = document.createElement("input");
        cb.type = "checkbox";
        cb.checked = true;
        cb.addEventListener("change", function () {
          if (cb.checked) hiddenSet.delete(k); else hiddenSet.add(k);
          if (state.focus !== null && !nodeVisible(state.focus)) setFocus(null);
          else renderer.refresh({ skipIndexation: true });
        });
        label.appendChild(cb);
        label.appendChild(document.createTextNode(" " + (k === NONE_KEY ? "无 none" : k)));
        box.appendChild(label);
      });
    }
    filterGroup("explorer-filter-programs", "项目群 Programmes",
      collect(data.programs, function (a) { return a.programs; }), state.hiddenPrograms);
    filterGroup("explorer-filter-types", "类型 Types",
      collect(data.types, function (a) { return a.orgType === "" ? [] : [a.orgType]; }), state.hiddenTypes);

    // ---- Note, ready flag, #search= fragment ----
    var noteEl = document.getElementById("explorer-note");
    if (noteEl && data.note) noteEl.textContent = asString(data.note);

    function searchFromHash() {
      var h = window.location.hash.replace(/^#/, "");
      if (h.indexOf("search=") === -1) return;
      var text = new URLSearchParams(h).get("search");
      if (text === null) return;
      search.value = text;
      runSearch(text);
    }
    window.addEventListener("hashchange", searchFromHash);

    setBody("explorerReady", "true");
    searchFromHash();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
