/* Show an event's times in the viewer's own time zone as well.
 *
 * Progressive enhancement: the page already shows every time in the event's
 * zone, labelled. This script reveals a checkbox; when ticked, it adds the
 * viewer's time next to each <time data-local> and each <time> of a list marked
 * data-local-times (the agenda: one attribute, not one a row), and remembers the choice.
 * Words come from Django's JavaScript catalogue (jsi18n, loaded before this
 * file) and dates follow the page's language (<html lang>); without the
 * catalogue the words stay English.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "eventsite.showLocalTime";
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\(\w+\)s/g, function (match) { return values[match.slice(2, -2)]; });
  };
  var pageLanguage = document.documentElement.lang || "en";
  var LOCALE = pageLanguage === "en" ? "en-GB" : pageLanguage;
  var control = document.querySelector("[data-local-time-control]");
  if (!control || !window.Intl || !Intl.DateTimeFormat) {
    return;
  }
  var eventZone = (control.closest("[data-event-zone]") || document.body).getAttribute("data-event-zone");
  var viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var toggle = control.querySelector("input[type=checkbox]");
  var zoneName = control.querySelector("[data-viewer-zone]");
  var slot = document.querySelector("[data-local-slot]");

  function formatter(options, zone) {
    var all = { hourCycle: "h23" };
    Object.keys(options).forEach(function (key) { all[key] = options[key]; });
    if (zone) { all.timeZone = zone; }
    return new Intl.DateTimeFormat(LOCALE, all);
  }

  var clock = formatter({ hour: "2-digit", minute: "2-digit" });
  var longDate = formatter({ weekday: "long", day: "numeric", month: "long", year: "numeric" });
  var shortDay = formatter({ weekday: "short" });
  var zoneLabels = ["en-US", "en-GB"].map(function (locale) {
    return new Intl.DateTimeFormat(locale, { timeZoneName: "short" });
  });
  var dayInViewerZone = formatter({ year: "numeric", month: "2-digit", day: "2-digit" });
  var dayInEventZone = formatter({ year: "numeric", month: "2-digit", day: "2-digit" }, eventZone);

  function abbreviation(date) {
    // "EDT", "BST", "CEST" where some English locale knows a name, else "UTC+5:45".
    var names = zoneLabels.map(function (format) {
      var part = format.formatToParts(date).filter(function (p) { return p.type === "timeZoneName"; })[0];
      return part ? part.value : "";
    });
    var named = names.filter(function (name) { return name && !/^(GMT|UTC)/.test(name); })[0];
    return named || (names[0] || "").replace(/^GMT/, "UTC");
  }

  function sameOffsetEverywhere() {
    // The viewer is in the event's zone if every time on the page reads the same.
    return Array.prototype.every.call(document.querySelectorAll("time[data-local], [data-local-times] time"), function (el) {
      var date = new Date(el.getAttribute("datetime"));
      return formatter({ hour: "2-digit", minute: "2-digit", day: "2-digit" }, eventZone).format(date) ===
        formatter({ hour: "2-digit", minute: "2-digit", day: "2-digit" }).format(date);
    });
  }

  function clockText(date) {
    var text = clock.format(date);
    if (dayInViewerZone.format(date) !== dayInEventZone.format(date)) {
      text = shortDay.format(date) + " " + text;
    }
    return text + " " + abbreviation(date);
  }

  function addLocalTimes() {
    document.querySelectorAll("time[data-local='time'], [data-local-times] time").forEach(function (el) {
      var span = document.createElement("span");
      span.className = "local-time";
      span.setAttribute("data-local-added", "");
      span.textContent = interpolate(gettext("%(time)s your time"), { time: clockText(new Date(el.getAttribute("datetime"))) }, true);
      el.insertAdjacentElement("afterend", span);
    });
    if (slot) {
      var ends = slot.querySelectorAll("time[data-local='datetime']");
      if (ends.length) {
        var start = new Date(ends[0].getAttribute("datetime"));
        var end = new Date(ends[ends.length - 1].getAttribute("datetime"));
        var text = longDate.format(start) + ", " + clock.format(start) + "–";
        if (dayInViewerZone.format(start) !== dayInViewerZone.format(end)) {
          text += longDate.format(end) + ", ";
        }
        text += clock.format(end) + " " + abbreviation(end);
        var line = document.createElement("span");
        line.className = "local-time local-slot";
        line.setAttribute("data-local-added", "");
        line.textContent = interpolate(gettext("Your time (%(zone)s): %(times)s"), { zone: viewerZone.replace(/_/g, " "), times: text }, true);
        slot.appendChild(line);
      }
    }
  }

  function removeLocalTimes() {
    document.querySelectorAll("[data-local-added]").forEach(function (el) { el.remove(); });
  }

  function remember(on) {
    try { window.localStorage.setItem(STORAGE_KEY, on ? "on" : "off"); } catch (e) { /* private mode */ }
  }

  function remembered() {
    try { return window.localStorage.getItem(STORAGE_KEY) === "on"; } catch (e) { return false; }
  }

  function apply() {
    removeLocalTimes();
    if (toggle.checked) { addLocalTimes(); }
  }

  if (eventZone === viewerZone || sameOffsetEverywhere()) {
    // Nothing to convert: say so rather than offer a control that does nothing.
    control.textContent = gettext("These times are in your time zone too.");
    control.classList.add("small", "text-body-secondary");
    control.hidden = false;
    return;
  }
  zoneName.textContent = " (" + viewerZone.replace(/_/g, " ") + ")";
  toggle.checked = remembered();
  toggle.addEventListener("change", function () {
    remember(toggle.checked);
    apply();
  });
  control.hidden = false;
  apply();
})();
