/* forcerecon report: sortable / filterable tables and chart tooltips (assets/report.js,
   linked by every page). No dependencies.
   Reads only the page's own DOM and writes text with textContent (never innerHTML). */
(function () {
  "use strict";

  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) { return numeric ? null : ""; }
    var raw = cell.getAttribute("data-sort-value");
    if (raw === null) { raw = cell.textContent.trim(); }
    if (!numeric) { return raw.toLowerCase(); }
    if (raw === "") { return null; }
    var n = parseFloat(raw.replace(/,/g, ""));
    return isNaN(n) ? null : n;
  }

  function makeSortable(table) {
    var headers = table.querySelectorAll("thead th[data-sort]");
    Array.prototype.forEach.call(headers, function (th) {
      th.setAttribute("tabindex", "0");
      function sort() {
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        var numeric = th.getAttribute("data-sort") === "num";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.forEach(function (row, i) { row._order = i; });
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          if (x === y) { return a._order - b._order; }
          if (x === null) { return 1; }           /* blanks last in both directions */
          if (y === null) { return -1; }
          var c = x < y ? -1 : 1;
          return ascending ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
    });
  }

  function makeFilterable(box) {
    var table = document.getElementById(box.getAttribute("data-table"));
    if (!table) { return; }
    var input = box.querySelector("input[type=search]");
    var checks = box.querySelectorAll("input[type=checkbox][data-status]");
    var count = box.querySelector(".count");
    function apply() {
      var words = input ? input.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
      var allowed = {};
      Array.prototype.forEach.call(checks, function (c) { allowed[c.getAttribute("data-status")] = c.checked; });
      var shown = 0, rows = table.tBodies[0].rows;
      Array.prototype.forEach.call(rows, function (row) {
        var text = row.textContent.toLowerCase();
        var status = row.getAttribute("data-status");
        var ok = words.every(function (w) { return text.indexOf(w) !== -1; }) &&
          (!checks.length || allowed[status] !== false);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      if (count) { count.textContent = shown + " of " + rows.length + " shown"; }
    }
    if (input) {
      input.addEventListener("input", apply);
      /* a link such as index.html#q=tanks%20Belarus opens the first table filtered */
      var hash = window.location.hash;
      if (hash.indexOf("#q=") === 0 && box === document.querySelector(".controls[data-table]") &&
          !document.querySelector(".facets[data-table]")) {
        try { input.value = decodeURIComponent(hash.slice(3)); } catch (e) { input.value = ""; }
      }
    }
    Array.prototype.forEach.call(checks, function (c) { c.addEventListener("change", apply); });
    apply();
  }

  function chartTooltips() {
    var tip = document.getElementById("tooltip");
    if (!tip) { return; }
    document.addEventListener("mousemove", function (e) {
      var el = e.target;
      var label = null;
      if (el && el.closest && el.closest(".chart svg")) {
        var node = el.closest("[aria-label]");
        if (node && node.getAttribute("role") === "graphics-symbol") { label = node.getAttribute("aria-label"); }
      }
      if (!label) { tip.style.display = "none"; return; }
      tip.textContent = label;
      tip.style.left = (e.clientX + 14) + "px";
      tip.style.top = (e.clientY + 14) + "px";
      tip.style.display = "block";
    });
  }

  /* The index's subject facets: side, category, location, period, status, claimant, outlet
     and a search over subjects and their claims' sentences (window.forcereconSearch, from
     index-search.js), all kept in the URL fragment: index.html#side=RU&status=conflict */
  var EAGER_CSV_ROWS = 3000;
  var FACET_KEYS = ["q", "side", "category", "location", "period", "status", "claimant", "outlet"];

  function readFragment() {
    var state = {}, hash = window.location.hash.replace(/^#/, "");
    hash.split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 1) { return; }
      var key = part.slice(0, eq), value;
      try { value = decodeURIComponent(part.slice(eq + 1).replace(/\+/g, " ")); } catch (e) { return; }
      if (FACET_KEYS.indexOf(key) !== -1) { state[key] = value; }
    });
    return state;
  }

  function writeFragment(state) {
    var parts = [];
    FACET_KEYS.forEach(function (key) {
      if (state[key]) { parts.push(key + "=" + encodeURIComponent(state[key])); }
    });
    var hash = parts.length ? "#" + parts.join("&") : "";
    var current = window.location.hash;
    if (!hash && (!current || current.indexOf("=") === -1)) { return; }  /* nothing to keep */
    if (!hash) { hash = "#subjects"; }
    if (hash === current) { return; }
    try { window.history.replaceState(null, "", hash); } catch (e) { /* file:// may refuse */ }
  }

  function csvCell(text) {
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function facetIndex(box) {
    var table = document.getElementById(box.getAttribute("data-table"));
    if (!table) { return; }
    var inputs = box.querySelectorAll("[data-facet]");
    var checks = box.querySelectorAll("input[type=checkbox][data-status]");
    var count = box.querySelector(".count");
    var link = box.querySelector("a.shown-csv");
    var reset = box.querySelector("[data-reset]");
    var search = window.forcereconSearch || {};
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var heads = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent.trim(); });

    function state() {
      var s = {};
      Array.prototype.forEach.call(inputs, function (el) { if (el.value) { s[el.getAttribute("data-facet")] = el.value; } });
      var off = Array.prototype.filter.call(checks, function (c) { return !c.checked; });
      if (off.length) {
        s.status = Array.prototype.filter.call(checks, function (c) { return c.checked; })
          .map(function (c) { return c.getAttribute("data-status"); }).join(",");
      }
      return s;
    }

    function shownCsv(shown) {
      var lines = [heads.map(csvCell).join(",")];
      shown.forEach(function (row) {
        lines.push(Array.prototype.map.call(row.cells, function (td) {
          return csvCell(td.textContent.replace(/\s+/g, " ").trim());
        }).join(","));
      });
      return lines.join("\n") + "\n";
    }

    var pending = null;
    function setLink() {
      if (pending) { link.href = "data:text/csv;charset=utf-8," + encodeURIComponent(shownCsv(pending)); }
      pending = null;
    }
    if (link) { link.addEventListener("click", setLink); }

    function apply() {
      var s = state();
      var words = (s.q || "").toLowerCase().split(/\s+/).filter(Boolean);
      var statuses = s.status !== undefined ? s.status.split(",") : null;
      var who = (s.claimant || "").toLowerCase(), where = (s.outlet || "").toLowerCase();
      var shown = [];
      rows.forEach(function (row) {
        var ok = (!s.side || row.getAttribute("data-side") === s.side) &&
          (!s.category || row.getAttribute("data-category") === s.category) &&
          (!s.location || row.getAttribute("data-location") === s.location) &&
          (!s.period || row.getAttribute("data-period") === s.period) &&
          (!statuses || statuses.indexOf(row.getAttribute("data-status")) !== -1) &&
          (!who || row.getAttribute("data-claimants").toLowerCase().indexOf(who) !== -1) &&
          (!where || row.getAttribute("data-outlets").toLowerCase().indexOf(where) !== -1);
        if (ok && words.length) {
          var text = row.textContent.toLowerCase() + " " + (search[row.getAttribute("data-subject")] || "");
          ok = words.every(function (w) { return text.indexOf(w) !== -1; });
        }
        row.hidden = !ok;
        if (ok) { shown.push(row); }
      });
      if (count) { count.textContent = shown.length + " of " + rows.length + " shown"; }
      if (link) {  /* a data: URL of the rows shown (built when the link is used if many) */
        link.setAttribute("data-rows", String(shown.length));
        pending = shown;
        if (shown.length <= EAGER_CSV_ROWS) { setLink(); }
      }
      writeFragment(s);
    }

    function load() {
      var s = readFragment();
      Array.prototype.forEach.call(inputs, function (el) {
        var value = s[el.getAttribute("data-facet")] || "";
        if (el.tagName === "SELECT" && value &&
            !Array.prototype.some.call(el.options, function (o) { return o.value === value; })) {
          var option = document.createElement("option");  /* a value the URL names: kept */
          option.value = value;
          option.textContent = value + " (0)";
          el.appendChild(option);
        }
        el.value = value;
      });
      var allowed = s.status ? s.status.split(",") : null;
      Array.prototype.forEach.call(checks, function (c) {
        c.checked = !allowed || allowed.indexOf(c.getAttribute("data-status")) !== -1;
      });
      apply();
    }

    Array.prototype.forEach.call(inputs, function (el) {
      el.addEventListener(el.tagName === "SELECT" ? "change" : "input", apply);
    });
    Array.prototype.forEach.call(checks, function (c) { c.addEventListener("change", apply); });
    if (reset) {
      reset.addEventListener("click", function (e) {
        e.preventDefault();
        Array.prototype.forEach.call(inputs, function (el) { el.value = ""; });
        Array.prototype.forEach.call(checks, function (c) { c.checked = true; });
        apply();
      });
    }
    window.addEventListener("hashchange", load);
    load();
  }

  /* timeline.html: show the chart of the chosen side · category and date axis, kept in the
     URL fragment (timeline.html#side=RU&category=personnel&by=as_of) */
  function timelinePicker() {
    var group = document.querySelector("select[data-timeline=group]");
    var by = document.querySelector("select[data-timeline=by]");
    if (!group || !by) { return; }
    var sections = document.querySelectorAll("section.timeline");
    function show() {
      var parts = group.value.split("|");
      Array.prototype.forEach.call(sections, function (s) {
        s.hidden = !(s.getAttribute("data-side") === parts[0] &&
          s.getAttribute("data-category") === parts[1] && s.getAttribute("data-by") === by.value);
      });
      var hash = "#side=" + encodeURIComponent(parts[0]) + "&category=" +
        encodeURIComponent(parts[1]) + "&by=" + encodeURIComponent(by.value);
      if (hash !== window.location.hash) {
        try { window.history.replaceState(null, "", hash); } catch (e) { /* file:// may refuse */ }
      }
    }
    function load() {
      var s = {};
      window.location.hash.replace(/^#/, "").split("&").forEach(function (part) {
        var eq = part.indexOf("=");
        if (eq > 0) { try { s[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1)); } catch (e) { /* skip */ } }
      });
      if (s.side && s.category) {
        var wanted = s.side + "|" + s.category;
        Array.prototype.forEach.call(group.options, function (o) { if (o.value === wanted) { group.value = wanted; } });
      }
      if (s.by) { Array.prototype.forEach.call(by.options, function (o) { if (o.value === s.by) { by.value = s.by; } }); }
      show();
    }
    group.addEventListener("change", show);
    by.addEventListener("change", show);
    window.addEventListener("hashchange", load);
    load();
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);
  timelinePicker();
  Array.prototype.forEach.call(document.querySelectorAll(".facets[data-table]"), facetIndex);
  Array.prototype.forEach.call(document.querySelectorAll(".controls[data-table]"), makeFilterable);
  chartTooltips();
}());
