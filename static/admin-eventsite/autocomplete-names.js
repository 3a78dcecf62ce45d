/* An accessible name for the admin's autocomplete pickers (select2).
 *
 * select2 hides the <select> and draws a combobox that names itself by its own
 * text only, so an empty picker has no name (axe: aria-input-field-name) and the
 * search box it opens has none either. Each picker is named by the <select>'s
 * label (or, in a table row, the aria-label agenda-rows.js gives it).
 * Loaded after Django's autocomplete.js (common.widgets), so its ready handler
 * and formset:added listener run after the pickers are drawn.
 */
(function () {
  "use strict";

  var $ = window.django && window.django.jQuery;
  if (!$) {
    return;
  }

  function labelOf(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (label) {
      if (!label.id) {
        label.id = select.id + "-label";
      }
      return { id: label.id, text: label.textContent.replace(/:\s*$/, "").trim() };
    }
    var text = select.getAttribute("aria-label");
    return text ? { id: null, text: text } : null;
  }

  function name(select) {
    var label = labelOf(select);
    var container = $(select).next(".select2-container");
    if (!label || !container.length) {
      return;
    }
    var box = container.find(".select2-selection");
    var rendered = container.find(".select2-selection__rendered");
    if (label.id) {
      // The label first, then what is chosen: "Room: Hall A".
      box.attr("aria-labelledby", label.id + " " + rendered.attr("id"));
      rendered.attr("aria-labelledby", label.id);
    } else {
      box.removeAttr("aria-labelledby").attr("aria-label", label.text);
      rendered.attr("aria-label", label.text);
    }
    $(select)
      .off("select2:open.named")
      .on("select2:open.named", function () {
        $(".select2-container--open .select2-search__field").attr("aria-label", label.text);
      });
  }

  function nameAll(root) {
    $(root)
      .find("select.admin-autocomplete")
      .not("[name*=__prefix__]")
      .each(function () {
        name(this);
      });
  }

  $(function () {
    nameAll(document);
  });
  document.addEventListener("formset:added", function (event) {
    // After the other listeners (the picker is drawn, the row's names are given).
    window.setTimeout(function () {
      nameAll(event.target);
    }, 0);
  });
})();
