/* The timekeeper and speaker screens: a clock in the event's zone and the countdown,
   corrected for the device's offset from the server; the state polled every 5 s
   (a press on another device reloads the screen); keys space/→ and ← press the
   buttons. Without this script the screens still show the state and the buttons
   still post. */
(function () {
  "use strict";
  var root = document.querySelector("[data-run-screen]");
  if (!root) return;
  var data = root.dataset;
  var offset = Number(data.serverNow) - Date.now(); // server minus device, refined by each poll
  var budgetEnd = data.budgetEnd ? Number(data.budgetEnd) : null;
  var step = data.step;
  var announced = null;
  var clock = root.querySelector("[data-clock]");
  var countdown = root.querySelector("[data-countdown]");
  var status = root.querySelector("[data-status]");
  var announce = root.querySelector("[data-announce]");
  var format = new Intl.DateTimeFormat("en-GB", {
    timeZone: data.zone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23"
  });

  function fill(template, n) { return template.replace("%s", String(n)); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function mmss(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    return (h ? h + ":" + pad(m) : pad(m)) + ":" + pad(s);
  }

  function tick() {
    var now = Date.now() + offset;
    if (clock) clock.textContent = format.format(now);
    if (budgetEnd === null || !countdown) return;
    var remaining = Math.ceil((budgetEnd - now) / 1000), text, words, tone;
    if (remaining < 0) {
      var over = Math.ceil(-remaining / 60);
      text = fill(data.textPlus, over);
      words = over === 1 ? data.textOverOne : fill(data.textOver, over);
      tone = "over";
    } else {
      var left = Math.ceil(remaining / 60);
      text = mmss(remaining);
      words = left === 1 ? data.textLeftOne : fill(data.textLeft, left);
      tone = remaining <= 60 ? "last-minute" : "ok";
    }
    countdown.textContent = text;
    if (status) status.textContent = words;
    root.dataset.tone = tone;
    // Screen readers hear the minutes when they change, not every second.
    if (announce && words !== announced) { announce.textContent = words; announced = words; }
  }

  function poll() {
    var sent = Date.now();
    fetch(data.stateUrl, { cache: "no-store", credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) {
        if (!state) return;
        var received = Date.now();
        offset = state.server_now - (sent + received) / 2;
        if (String(state.step) !== step) { window.location.reload(); return; }
        budgetEnd = state.budget_end;
        var behind = root.querySelector("[data-behind]"), end = root.querySelector("[data-end]");
        if (behind) behind.textContent = state.behind;
        if (end) end.textContent = state.end;
        tick();
      })
      .catch(function () { /* offline for a moment: keep counting */ });
  }

  var form = root.querySelector("[data-controls]");
  function press(key) {
    if (!form) return;
    var button = form.querySelector('[data-key="' + key + '"]');
    if (button && !button.disabled) button.click();
  }
  document.addEventListener("keydown", function (event) {
    var tag = event.target && event.target.tagName;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (tag === "BUTTON" || tag === "A" || tag === "INPUT" || tag === "SUMMARY" || tag === "TEXTAREA") return;
    if (event.key === " " || event.key === "ArrowRight") { event.preventDefault(); press("next"); }
    else if (event.key === "ArrowLeft") { event.preventDefault(); press("back"); }
  });
  if (form) {
    form.addEventListener("submit", function () {
      // One press per screen: the page reloads with the new step.
      setTimeout(function () {
        form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  }

  tick();
  setInterval(tick, 1000);
  setInterval(poll, 5000);
  poll();
})();
