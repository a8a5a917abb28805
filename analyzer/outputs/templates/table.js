// Sort and filter the records table. The page reads fine without this script: the
// filter box stays hidden and the table keeps the order it was written in.
(function () {
  "use strict";
  var table = document.getElementById("records-table");
  var box = document.getElementById("records-filter");
  var count = document.getElementById("records-count");
  if (!table || !box) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);

  function shown() {
    var n = 0;
    rows.forEach(function (row) { if (!row.hidden) { n += 1; } });
    count.textContent = n + " of " + rows.length + " shown";
  }

  box.hidden = false;
  count.hidden = false;
  box.querySelector("input").addEventListener("input", function (event) {
    var words = event.target.value.toLowerCase().split(/\s+/).filter(Boolean);
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      row.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
    });
    shown();
  });

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = cell.textContent;
    button.title = "Sort by " + cell.textContent;
    cell.textContent = "";
    cell.appendChild(button);
    button.addEventListener("click", function () {
      var descending = cell.getAttribute("aria-sort") === "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
        other.removeAttribute("aria-sort");
      });
      cell.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var keyed = rows.map(function (row, index) {
        var target = row.cells[column];
        var key = target.hasAttribute("data-sort") ? parseFloat(target.getAttribute("data-sort")) : target.textContent;
        return { row: row, key: key, index: index };
      });
      keyed.sort(function (a, b) {
        var order = 0;
        if (typeof a.key === "number" && typeof b.key === "number") {
          order = (isNaN(a.key) ? Infinity : a.key) - (isNaN(b.key) ? Infinity : b.key);
        } else {
          order = String(a.key).localeCompare(String(b.key));
        }
        return (descending ? -order : order) || a.index - b.index;
      });
      keyed.forEach(function (item) { body.appendChild(item.row); });
    });
  });
  shown();
}());
