/* qnctr site: filter a table's rows as you type (ids, names, text), with or without
   Vietnamese diacritics; sort a table marked data-sortable by a column. Part of qnctr, no
   dependencies; nothing is fetched. */
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    var count = document.getElementById(input.getAttribute("data-filter") + "-count");
    if (!table) { return; }
    var rows = Array.prototype.filter.call(table.querySelectorAll("tbody tr"), function (row) {
      return !row.classList.contains("group");
    });
    // A query typed without accents matches with or without them ("ngan": Ngân, ngành);
    // one typed with accents matches them as typed ("ngân": Ngân only).
    var plain = rows.map(function (row) { return fold(row.textContent); });
    var exact = rows.map(function (row) { return row.textContent.normalize("NFC").toLowerCase(); });
    input.closest(".filter").hidden = false;
    function apply() {
      var typed = input.value.normalize("NFC").toLowerCase();
      var accents = fold(typed) !== typed;
      var words = (accents ? typed : fold(typed)).split(/\s+/).filter(Boolean);
      var keys = accents ? exact : plain;
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (w) { return keys[i].indexOf(w) >= 0; });
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      table.querySelectorAll("tbody").forEach(function (body) {
        var heading = body.querySelector("tr.group");
        if (heading) { heading.hidden = !body.querySelector("tr:not(.group):not([hidden])"); }
      });
      count.textContent = words.length ? shown + " / " + rows.length + " dòng" : "";
    }
    input.addEventListener("input", apply);
    apply();
  });
  // A sortable table: each column head a button; numbers sort by their data-value (an
  // empty one, "—", always last), text in Vietnamese order. aria-sort says which way.
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-value"), y = b.cells[col].getAttribute("data-value");
          if (x !== null && y !== null) {
            if (x === "" || y === "") { return x === y ? 0 : (x === "" ? 1 : -1); }
            return up ? parseFloat(x) - parseFloat(y) : parseFloat(y) - parseFloat(x);
          }
          var r = a.cells[col].textContent.trim().localeCompare(b.cells[col].textContent.trim(), "vi");
          return up ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
}());
