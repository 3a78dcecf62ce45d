/* Rows of the event page's tables, for keyboard and screen-reader users.
 *
 * - Move up / move down buttons on each row that can be reordered (the same rows
 *   the drag handle moves; on the agenda also rows not saved yet), renumbering
 *   the hidden position fields as adminsortable2 does after a drag.
 * - An accessible name on every field of a tabular row, from its column heading.
 * - The pinned start time of an agenda row behind a "Pin a start time" toggle
 *   unless it has a value, so it costs no tab stops when unused.
 * - The agenda's French and Spanish title columns behind a "Titles in French and
 *   Spanish" button while none has a value, so the table fits 1280 px.
 * Words come from #agenda-people-config (agenda/people_editor.py).
 */
(function () {
  "use strict";

  var words;

  function say(key, values) {
    return (words[key] || key).replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? values[name] : whole;
    });
  }

  function rowsOf(tbody) {
    return Array.prototype.filter.call(tbody.children, function (row) {
      return row.classList.contains("form-row") && !row.classList.contains("empty-form");
    });
  }

  // The agenda's formset orders new rows by position too (agenda/forms.py); the
  // other tables' new rows are placed by the library, so only saved ones move there.
  function movesNewRows(group) {
    return group.id === "items-group";
  }

  function canMove(group, row) {
    return row.classList.contains("has_original") || movesNewRows(group);
  }

  function sameKind(a, b) {
    return a.classList.contains("has_original") === b.classList.contains("has_original");
  }

  function renumber(group, tbody) {
    var rows = rowsOf(tbody);
    var saved = rows.filter(function (row) { return row.classList.contains("has_original"); });
    var fresh = movesNewRows(group)
      ? rows.filter(function (row) { return !row.classList.contains("has_original"); })
      : [];
    saved.concat(fresh).forEach(function (row, index) {
      var input = row.querySelector("input._reorder_");
      if (input) input.value = String(index + 1);
    });
    rows.forEach(function (row, index) {
      row.querySelectorAll(".row-move button").forEach(function (button) {
        button.setAttribute("aria-label", say(button.dataset.word, { number: index + 1 }));
      });
    });
  }

  function move(group, tbody, row, by) {
    var rows = rowsOf(tbody);
    var index = rows.indexOf(row);
    var other = rows[index + by];
    if (!other || !sameKind(row, other)) return;
    if (by < 0) tbody.insertBefore(row, other);
    else tbody.insertBefore(other, row);
    renumber(group, tbody);
    row.dispatchEvent(new Event("change", { bubbles: true }));
    row.querySelector(by < 0 ? ".row-up" : ".row-down").focus();
  }

  function addMoveButtons(group, tbody, row) {
    if (row.querySelector(".row-move") || !canMove(group, row)) return;
    var cell = row.querySelector("td.original") || row.firstElementChild;
    if (!cell) return;
    var holder = document.createElement("span");
    holder.className = "row-move";
    [["↑", "row-up", "move_row_up", -1], ["↓", "row-down", "move_row_down", 1]].forEach(
      function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "row-move-button " + spec[1];
        button.textContent = spec[0];
        button.dataset.word = spec[2];
        button.addEventListener("click", function () { move(group, tbody, row, spec[3]); });
        holder.appendChild(button);
      }
    );
    cell.appendChild(holder);
  }

  function labelFields(table, row) {
    row.querySelectorAll("td.delete input[type=checkbox]").forEach(function (box) {
      if (!box.getAttribute("aria-label")) box.setAttribute("aria-label", say("delete_row"));
    });
    row.querySelectorAll("td[class*='field-']").forEach(function (cell) {
      var name = (cell.className.match(/field-([\w-]+)/) || [])[1];
      var heading = name && table.querySelector("thead th.column-" + name);
      if (!heading) return;
      var label = heading.textContent.trim();
      var inputs = cell.querySelectorAll("input:not([type=hidden]), select, textarea");
      inputs.forEach(function (input, i) {
        if (input.getAttribute("aria-label") || input.closest(".people-editor")) return;
        var part = inputs.length === 2 ? " " + say(i === 0 ? "date" : "time") : "";
        input.setAttribute("aria-label", label + part);
      });
    });
  }

  // A button that shows what is folded, then goes away.
  function foldButton(className, word) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.textContent = say(word);
    button.setAttribute("aria-expanded", "false");
    return button;
  }

  function pinToggle(row) {
    var cell = row.querySelector("td.field-fixed_start");
    if (!cell || cell.querySelector(".pin-toggle")) return;
    var inputs = cell.querySelectorAll("input");
    var empty = Array.prototype.every.call(inputs, function (input) { return !input.value; });
    if (!empty || cell.querySelector(".errorlist")) return;
    var button = foldButton("pin-toggle", "pin");
    cell.classList.add("pin-closed");
    cell.insertBefore(button, cell.firstChild);
    button.addEventListener("click", function () {
      cell.classList.remove("pin-closed");
      button.remove();
      if (inputs[0]) inputs[0].focus();
    });
  }

  function translationsToggle(group) {
    var inputs = group.querySelectorAll(
      'tr.form-row:not(.empty-form) input[name$="-title_fr"], ' +
      'tr.form-row:not(.empty-form) input[name$="-title_es"]'
    );
    var empty = Array.prototype.every.call(inputs, function (input) { return !input.value; });
    if (!inputs.length || !empty || group.querySelector(".errorlist")) return;
    var button = foldButton("translations-toggle", "translations");
    group.classList.add("translations-folded");
    var table = group.querySelector("table");
    table.parentNode.insertBefore(button, table);
    button.addEventListener("click", function () {
      group.classList.remove("translations-folded");
      button.remove();
      inputs[0].focus();
    });
  }

  function prepare(group, row) {
    var table = group.querySelector("table");
    var tbody = table && table.querySelector("tbody");
    if (!tbody) return;
    addMoveButtons(group, tbody, row);
    labelFields(table, row);
    pinToggle(row);
    renumber(group, tbody);
  }

  function init() {
    var node = document.getElementById("agenda-people-config");
    if (!node) return;
    words = JSON.parse(node.textContent).words;
    document.querySelectorAll(".inline-group .tabular").forEach(function (tabular) {
      var group = tabular.closest(".inline-group");
      var sortable = tabular.querySelector("fieldset.sortable") || tabular.closest("fieldset.sortable");
      tabular.querySelectorAll("tbody tr.form-row:not(.empty-form)").forEach(function (row) {
        if (sortable) prepare(group, row);
        else labelFields(tabular.querySelector("table"), row);
      });
    });
    var items = document.getElementById("items-group");
    if (items) translationsToggle(items);
    document.addEventListener("formset:added", function (event) {
      var row = event.target;
      var group = row.closest(".inline-group");
      if (group && group.querySelector("fieldset.sortable")) prepare(group, row);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
