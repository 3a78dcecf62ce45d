/* A new organisation for the event without leaving the page or opening a window.
 *
 * Under the organisations of the event, a name box adds the organisation through
 * a JSON view (speakers/admin_views.py; a known name or acronym is answered, not
 * made twice), adds a row for it and chooses it there; the organiser then picks
 * its role. Configuration comes from #agenda-people-config.
 */
(function () {
  "use strict";

  function init() {
    var configNode = document.getElementById("agenda-people-config");
    var group = document.getElementById("event_organisations-group");
    if (!configNode || !group || !window.django || !django.jQuery) return;
    var config = JSON.parse(configNode.textContent);
    var words = config.words;
    var form = group.closest("form");
    var box = document.createElement("div");
    box.className = "organisation-add";
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "text";
    input.className = "organisation-add-name";
    label.appendChild(document.createTextNode(words.new_organisation + " "));
    label.appendChild(input);
    var add = document.createElement("button");
    add.type = "button";
    add.className = "people-button-wide organisation-add-button";
    add.textContent = words.add_organisation;
    var status = document.createElement("p");
    status.className = "people-status";
    status.setAttribute("role", "status");
    box.appendChild(label);
    box.appendChild(add);
    box.appendChild(status);
    group.appendChild(box);

    function newRow() {
      group.querySelector(".add-row a").click();
      var rows = group.querySelectorAll("tr.form-row:not(.empty-form)");
      return rows[rows.length - 1];
    }

    function create() {
      var name = input.value.trim();
      if (!name) return;
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      fetch(config.orgAddUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
        body: JSON.stringify({ name: name })
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (answer) {
        if (!answer.ok) { status.textContent = answer.data.message || words.failed; return; }
        var organisation = answer.data.organisation;
        var row = newRow();
        var select = row.querySelector('select[name$="-organisation"]');
        django.jQuery(select)
          .append(new Option(organisation.name, organisation.id, true, true))
          .trigger("change");
        input.value = "";
        status.textContent = (answer.data.created ? words.organisation_added : words.organisation_known)
          .replace("{name}", organisation.name);
        var role = row.querySelector('select[name$="-role"]');
        if (role) role.focus();
      });
    }

    add.addEventListener("click", create);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); create(); }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
