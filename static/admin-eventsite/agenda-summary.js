/* Live agenda on the event page: every row's start and end, the minutes box
 * ("67 of 90 minutes allocated, 23 free") and the problems, as typed and dragged.
 *
 * The server renders the box from what was saved. While budgets, pins or the
 * order change, this script sends the rows as they stand to a small JSON view
 * (agenda/live_schedule.py), which runs agenda/schedule.py and answers with the
 * times and words to show: this script does no time arithmetic of its own, so
 * it cannot disagree with the saved agenda or the public page. Answers that
 * arrive out of order are dropped. The server checks the agenda again on save.
 */
(function () {
  "use strict";

  function valueOf(root, selector) {
    var input = root.querySelector(selector);
    return input ? input.value : "";
  }

  /* [date, time] as typed in a split date-time field; `match` is "=" (the event's own
   * field) or "$=" (a row's field, whose name carries the row's prefix). */
  function when(root, name, match) {
    var date = valueOf(root, "input[name" + match + '"' + name + '_0"]').trim();
    var time = valueOf(root, "input[name" + match + '"' + name + '_1"]').trim();
    return date && time ? [date, time] : null;
  }

  function rowsOf(prefix) {
    var rows = [];
    document.querySelectorAll("#" + prefix + "-group tr.form-row").forEach(function (row) {
      if (row.classList.contains("empty-form") || row.id.endsWith("-empty")) return;
      var remove = row.querySelector('input[name$="-DELETE"]');
      if (remove && remove.checked) return;
      var title = valueOf(row, 'input[name$="-title"]').trim();
      var budget = valueOf(row, 'input[name$="-minutes"]').trim();
      if (!title && !budget && !row.classList.contains("has_original")) return;
      rows.push({
        element: row,
        data: { title: title, minutes: budget, pin: when(row, "-fixed_start", "$=") }
      });
    });
    return rows;
  }

  function setCell(row, name, text) {
    var cell = row.querySelector("td.field-" + name);
    if (!cell) return;
    var p = cell.querySelector("p") || cell.appendChild(document.createElement("p"));
    p.textContent = text;
  }

  function setNumber(row, number) {
    var cell = row.querySelector("td.original") || row.firstElementChild;
    if (!cell) return;
    var mark = cell.querySelector(".agenda-row-number");
    if (!mark) {
      mark = document.createElement("span");
      mark.className = "agenda-row-number";
      cell.insertBefore(mark, cell.firstChild);
    }
    mark.textContent = number + ".";
  }

  function init() {
    var box = document.getElementById("agenda-summary");
    if (!box) return;
    var prefix = box.dataset.formsetPrefix;
    var group = document.getElementById(prefix + "-group");
    var textNode = box.querySelector(".agenda-summary-text");
    var note = box.querySelector(".agenda-summary-note");
    var problemsList = box.querySelector(".agenda-summary-problems");
    var saved = textNode.textContent;
    var form = box.closest("form");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var asked = 0, shown = 0, lastBody = null;

    function show(rows, answer) {
      if (!answer.rows) return;
      rows.forEach(function (row, i) {
        var result = answer.rows[i];
        if (!result) return;
        setCell(row.element, "starts", result.starts);
        setCell(row.element, "ends", result.ends);
        setNumber(row.element, result.number);
        row.element.classList.toggle("agenda-row--problem", result.causes_problem);
      });
      textNode.textContent = answer.summary;
      box.classList.toggle("agenda-summary--over", !answer.fits);
      note.hidden = answer.summary === saved;
      problemsList.textContent = "";
      answer.problems.forEach(function (problem) {
        var li = document.createElement("li");
        li.textContent = problem;
        problemsList.appendChild(li);
      });
      box.dispatchEvent(new CustomEvent("agenda:updated", { bubbles: true }));
    }

    function update() {
      var rows = rowsOf(prefix);
      var body = JSON.stringify({
        zone: valueOf(document, "#id_time_zone").trim(),
        start: when(document, "start", "="),
        end: when(document, "end", "="),
        rows: rows.map(function (row) { return row.data; })
      });
      if (body === lastBody) return;
      lastBody = body;
      var number = ++asked;
      fetch(box.dataset.previewUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
        body: body
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (answer) {
        if (!answer || number < shown) return;
        shown = number;
        show(rows, answer);
      }).catch(function () { lastBody = null; });
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    if (group) {
      // Dragging a row or adding one changes the order without an input event.
      new MutationObserver(update).observe(group, { childList: true, subtree: true });
    }
    box.agendaSummaryUpdate = update;
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
