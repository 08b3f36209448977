/* The portfolio table: sort by a column's heading, filter by status, party and tag.
 *
 * Plain ES2017, no modules, no network: it runs from file:// as well as from a server.
 * Without it the page is a plain table; the filter controls stay hidden.
 * It runs once the document is parsed and, when the theme swaps pages without
 * reloading (Material's instant navigation), on each new page (document$).
 */
(function () {
  "use strict";

  var SEPARATOR = "\n"; // between the names in data-parties and the tags in data-tags
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function sortKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var key = cell.getAttribute("data-sort");
    return key === null ? cell.textContent.trim() : key;
  }

  function setup(table) {
    var wrap = table.closest(".mga-portfolio-wrap") || document;
    var body = table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) {
      row.mgaOrder = i; // the order of the page (by title): ties keep it
      row.mgaParties = (row.getAttribute("data-parties") || "").toLowerCase();
      row.mgaTags = (row.getAttribute("data-tags") || "").split(SEPARATOR);
    });

    var status = wrap.querySelector("#mga-filter-status");
    var party = wrap.querySelector("#mga-filter-party");
    var tag = wrap.querySelector("#mga-filter-tag");
    var count = wrap.querySelector(".mga-portfolio-count");
    var noun = rows.length === 1 ? " agreement" : " agreements";

    function filter() {
      var wanted = status ? status.value : "";
      var name = party ? party.value.trim().toLowerCase() : "";
      var keyword = tag ? tag.value : "";
      var shown = 0;
      rows.forEach(function (row) {
        var keep =
          (!wanted || row.getAttribute("data-status") === wanted) &&
          (!name || row.mgaParties.indexOf(name) !== -1) &&
          (!keyword || row.mgaTags.indexOf(keyword) !== -1);
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      if (count) count.textContent = shown + " of " + rows.length + noun;
    }

    var headers = Array.prototype.slice.call(table.tHead ? table.tHead.rows[0].cells : []);

    function sort(header) {
      var index = headers.indexOf(header);
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      var numeric = header.getAttribute("data-type") === "number";
      headers.forEach(function (h) {
        h.setAttribute("aria-sort", "none");
      });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var keyed = rows.map(function (row) {
        return { row: row, key: sortKey(row, index) };
      });
      keyed.sort(function (a, b) {
        // Rows without a value (no deadline, no date) come last either way.
        if (a.key === "" || b.key === "") {
          if (a.key === b.key) return a.row.mgaOrder - b.row.mgaOrder;
          return a.key === "" ? 1 : -1;
        }
        var order = numeric ? parseFloat(a.key) - parseFloat(b.key) : collator.compare(a.key, b.key);
        if (!ascending) order = -order;
        return order || a.row.mgaOrder - b.row.mgaOrder;
      });
      var fragment = document.createDocumentFragment();
      rows = keyed.map(function (k) {
        fragment.appendChild(k.row);
        return k.row;
      });
      body.appendChild(fragment);
    }

    headers.forEach(function (header) {
      var button = header.querySelector("button");
      if (button) {
        button.addEventListener("click", function () {
          sort(header);
        });
      }
    });
    [status, tag].forEach(function (control) {
      if (control) control.addEventListener("change", filter);
    });
    if (party) party.addEventListener("input", filter);

    filter(); // a browser may restore the controls' values on "back"
    var controls = wrap.querySelector(".mga-portfolio-filters");
    if (controls) controls.hidden = false;
  }

  function init() {
    var tables = document.querySelectorAll("table.mga-portfolio");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.getAttribute("data-mga-ready")) return;
      table.setAttribute("data-mga-ready", "1");
      setup(table);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  // Material for MkDocs announces each page it shows, including pages swapped in without a reload.
  if (typeof window.document$ !== "undefined" && window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
})();
