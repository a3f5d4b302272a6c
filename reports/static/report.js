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
      if (hash.indexOf("#q=") === 0 && box === document.querySelector(".controls[data-table]")) {
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

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);
  Array.prototype.forEach.call(document.querySelectorAll(".controls[data-table]"), makeFilterable);
  chartTooltips();
}());
