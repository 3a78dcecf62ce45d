/* Live agenda summary on the event page: "67 of 90 minutes allocated, 23 free".
 *
 * The server renders the box from what was saved; this script only redoes the
 * sum while budgets, pins or the order change, so an organiser sees the effect
 * before saving. The server checks the agenda again on save.
 * The wording is the server's (agenda/summary.py): its templates come in the
 * page as JSON (#agenda-summary-templates) and this script only fills them in.
 * Times are wall-clock minutes in the event's zone, as typed in the form.
 */
(function () {
  "use strict";

  function wallMinutes(dateText, timeText) {
    var d = (dateText || "").trim(), t = (timeText || "").trim(), y, m, day, match;
    if ((match = d.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) {
      y = +match[1]; m = +match[2]; day = +match[3];
    } else if ((match = d.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/))) {
      day = +match[1]; m = +match[2]; y = +match[3];
    } else {
      return null;
    }
    match = t.match(/^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/);
    if (!match) return null;
    return Date.UTC(y, m - 1, day, +match[1], +match[2]) / 60000;
  }

  function valueOf(root, selector) {
    var input = root.querySelector(selector);
    return input ? input.value : "";
  }

  function clock(minutes) {
    var date = new Date(minutes * 60000);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(date.getUTCHours()) + ":" + pad(date.getUTCMinutes());
  }

  /* "{allocated} of {slot} minutes allocated" with the values filled in. */
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
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
      var minutes = /^\d+$/.test(budget) && +budget > 0 ? +budget : null;
      var pin = wallMinutes(
        valueOf(row, 'input[name$="-fixed_start_0"]'),
        valueOf(row, 'input[name$="-fixed_start_1"]')
      );
      rows.push({ minutes: minutes, pin: pin });
    });
    return rows;
  }

  /* The same layout as agenda/schedule.py: one item after another, pins jump. */
  function summarise(start, end, rows) {
    var cursor = start, starts = [], allocated = 0;
    rows.forEach(function (row) {
      var begins = row.pin !== null ? row.pin : cursor;
      starts.push(begins);
      cursor = row.minutes !== null ? begins + row.minutes : begins;
      if (row.minutes !== null) allocated += row.minutes;
    });
    var finishes = start;
    rows.forEach(function (row, i) {
      var ends;
      if (row.minutes !== null) ends = starts[i] + row.minutes;
      else if (i + 1 < rows.length) ends = Math.max(starts[i], starts[i + 1]);
      else ends = Math.max(starts[i], end);
      finishes = Math.max(finishes, ends);
    });
    var slot = end - start, overrun = Math.max(0, finishes - end), free = slot - allocated;
    return { allocated: allocated, slot: slot, overrun: overrun, free: free };
  }

  /* The same choice as AgendaSummary.text, with the server's templates. */
  function wording(templates, result, endLabel) {
    var values = { allocated: result.allocated, slot: result.slot };
    if (result.overrun) {
      values.overrun = fill(templates[result.overrun === 1 ? "minute" : "minutes"], {
        minutes: result.overrun
      });
      values.end = endLabel;
      return fill(templates.overrun, values);
    }
    if (result.free < 0) {
      values.over = -result.free;
      return fill(templates.over, values);
    }
    values.free = result.free;
    return fill(templates.free, values);
  }

  function init() {
    var box = document.getElementById("agenda-summary");
    if (!box) return;
    var prefix = box.dataset.formsetPrefix;
    var group = document.getElementById(prefix + "-group");
    var textNode = box.querySelector(".agenda-summary-text");
    var note = box.querySelector(".agenda-summary-note");
    var saved = textNode.textContent;
    var templatesNode = document.getElementById("agenda-summary-templates");
    if (!templatesNode) return;
    var templates = JSON.parse(templatesNode.textContent);

    function update() {
      var start = wallMinutes(valueOf(document, "#id_start_0"), valueOf(document, "#id_start_1"));
      var end = wallMinutes(valueOf(document, "#id_end_0"), valueOf(document, "#id_end_1"));
      if (start === null || end === null || end <= start) return;
      var result = summarise(start, end, rowsOf(prefix));
      var endLabel = clock(end) + (box.dataset.zoneLabel ? " " + box.dataset.zoneLabel : "");
      var text = wording(templates, result, endLabel);
      var fits = result.overrun === 0 && result.free >= 0;
      textNode.textContent = text;
      box.classList.toggle("agenda-summary--over", !fits);
      note.hidden = text === saved;
    }

    var form = box.closest("form");
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    if (group) {
      // Dragging a row or adding one changes the order without an input event.
      new MutationObserver(update).observe(group, { childList: true, subtree: true });
    }
    box.agendaSummaryUpdate = update;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
