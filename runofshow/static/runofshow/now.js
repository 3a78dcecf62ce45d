/* The event page's "now" banner: polls now.json every 15 s (mostly answered 304),
   writes the banner and, next to each coming item's planned time, its expected one.
   Without this script the banner's link leads to the self-refreshing now/ page. */
(function () {
  "use strict";
  var box = document.querySelector("[data-run-now]");
  if (!box) return;
  var banner = box.querySelector("[data-run-banner]");
  function show(state) {
    banner.textContent = state.banner;
    state.items.forEach(function (item) {
      var row = document.getElementById("item-" + item.uid);
      if (!row) return;
      var when = row.firstElementChild || row; // the time column (site.css: .agenda > li > div:first-child)
      var note = when.querySelector("[data-run-expected]");
      var text = "";
      if (item.state === "current") text = box.dataset.textOn;
      else if (item.state === "coming" && item.late) text = box.dataset.textExpected.replace("%s", item.expected);
      if (!text) { if (note) note.remove(); return; }
      if (!note) {
        note = document.createElement("span");
        note.className = "run-expected d-block small fw-semibold text-danger-emphasis";
        note.setAttribute("data-run-expected", "");
        when.appendChild(note);
      }
      note.textContent = text;
    });
  }
  function poll() {
    fetch(box.dataset.runNow, { cache: "no-cache" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) { if (state) show(state); })
      .catch(function () {});
  }
  poll();
  setInterval(poll, 15000);
})();
