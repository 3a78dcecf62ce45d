/* The people of each agenda row, edited in the row: role, person, talk title.
 *
 * Each row has a hidden field holding its people as JSON (agenda/people_rows.py
 * reads it on save). This script shows that list as lines with a role, the
 * person and a talk title, each with move up / move down / remove buttons, and
 * a search box: typing a name offers the people already known (with position
 * and organisation); otherwise a short form here adds a new person through a
 * JSON view (speakers/admin_views.py). No pop-up window, no page load.
 * The configuration (roles, URLs, words) comes from #agenda-people-config.
 */
(function () {
  "use strict";

  var config;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function say(key, values) {
    return (config.words[key] || key).replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? values[name] : whole;
    });
  }

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function button(text, label, onClick, className) {
    var node = el("button", { type: "button", class: className || "people-button", text: text });
    if (label) node.setAttribute("aria-label", label);
    node.addEventListener("click", onClick);
    return node;
  }

  function Editor(root) {
    var field = fieldOf(root);
    var form = field.closest("form");
    var lines = [];
    try { lines = JSON.parse(field.value || "[]"); } catch (e) { lines = []; }
    var list = el("ul", { class: "people-lines" });
    var search = el("input", {
      type: "search", class: "people-search", autocomplete: "off",
      placeholder: say("type_a_name"), "aria-label": say("add_person")
    });
    var matches = el("div", { class: "people-matches", role: "group", "aria-label": say("matches") });
    var status = el("p", { class: "people-status", role: "status", "aria-live": "polite" });
    var newForm = el("div", { class: "people-new", hidden: "" });
    root.textContent = "";
    root.appendChild(list);
    root.appendChild(el("div", { class: "people-add" }, [search, matches, newForm, status]));

    function store() {
      field.value = JSON.stringify(lines);
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function move(index, by) {
      var target = index + by;
      if (target < 0 || target >= lines.length) return;
      var moved = lines.splice(index, 1)[0];
      lines.splice(target, 0, moved);
      store();
      render();
      var buttons = list.children[target].querySelectorAll(by < 0 ? ".people-up" : ".people-down");
      if (buttons.length) buttons[0].focus();
    }

    function render() {
      list.textContent = "";
      lines.forEach(function (line, index) {
        var name = line.label || "?";
        var role = el("select", { class: "people-role", "aria-label": say("role_of", { name: name }) });
        config.roles.forEach(function (choice) {
          var option = el("option", { value: choice[0], text: choice[1] });
          if (choice[0] === (line.role || "speaker")) option.selected = true;
          role.appendChild(option);
        });
        role.addEventListener("change", function () { line.role = role.value; store(); });
        var title = el("input", {
          type: "text", class: "people-title", maxlength: "500",
          placeholder: say("talk_title"), "aria-label": say("talk_title_of", { name: name })
        });
        title.value = line.title || "";
        title.addEventListener("input", function () { line.title = title.value; store(); });
        list.appendChild(el("li", { class: "people-line" }, [
          role,
          el("span", { class: "people-name", text: name }),
          title,
          button("↑", say("move_up", { name: name }), function () { move(index, -1); }, "people-button people-up"),
          button("↓", say("move_down", { name: name }), function () { move(index, 1); }, "people-button people-down"),
          button("✕", say("remove", { name: name }), function () {
            lines.splice(index, 1);
            store();
            render();
            search.focus();
          }, "people-button people-remove")
        ]));
      });
    }

    function add(person) {
      lines.push({ id: null, person: person.id, role: "speaker", title: "", label: person.label });
      store();
      render();
      search.value = "";
      matches.textContent = "";
      newForm.hidden = true;
      status.textContent = say("added", { name: person.label });
      var titles = list.querySelectorAll(".people-role");
      titles[titles.length - 1].focus();
    }

    function offer(people) {
      matches.textContent = "";
      people.forEach(function (person) {
        matches.appendChild(button(person.label, say("choose", { name: person.label }), function () {
          add(person);
        }, "people-match"));
      });
    }

    var pending = 0;
    function find() {
      var query = search.value.trim();
      var asked = ++pending;
      if (!query) { matches.textContent = ""; return; }
      fetch(config.findUrl + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (asked !== pending) return;
          offer(data.people || []);
          matches.appendChild(button(say("new_person", { name: query }), null, function () {
            openNew(query);
          }, "people-match people-match-new"));
        });
    }

    function input(name, label, value) {
      var node = el("input", { type: "text", name: "", class: "people-new-" + name });
      node.value = value || "";
      return { node: node, wrap: el("label", {}, [document.createTextNode(label + " "), node]) };
    }

    function openNew(name) {
      newForm.textContent = "";
      var honorific = input("honorific", say("honorific"));
      var fullName = input("name", say("name"), name);
      var position = input("position", say("position"));
      var organisation = input("organisation", say("organisation"));
      var message = el("p", { class: "people-new-message", role: "alert" });
      var choices = el("div", { class: "people-new-choices" });
      function create(namesakeOk) {
        fetch(config.addUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(form) },
          body: JSON.stringify({
            honorific: honorific.node.value, full_name: fullName.node.value,
            position: position.node.value, organisation: organisation.node.value,
            namesake_ok: namesakeOk
          })
        }).then(function (response) {
          return response.json().then(function (data) { return { status: response.status, data: data }; });
        }).then(function (answer) {
          if (answer.status === 201) { add(answer.data.person); return; }
          message.textContent = answer.data.message || say("failed");
          choices.textContent = "";
          (answer.data.people || []).forEach(function (person) {
            choices.appendChild(button(say("use", { name: person.label }), null, function () {
              add(person);
            }, "people-match"));
          });
          if (answer.status === 409) {
            choices.appendChild(button(say("namesake"), null, function () { create(true); }, "people-match"));
          }
        });
      }
      [honorific, fullName, position, organisation].forEach(function (part) {
        newForm.appendChild(part.wrap);
        part.node.addEventListener("keydown", function (event) {
          if (event.key === "Enter") { event.preventDefault(); create(false); }
        });
      });
      newForm.appendChild(button(say("create"), null, function () { create(false); }, "people-button-wide"));
      newForm.appendChild(button(say("cancel"), null, function () {
        newForm.hidden = true;
        search.focus();
      }, "people-button-wide"));
      newForm.appendChild(message);
      newForm.appendChild(choices);
      newForm.hidden = false;
      matches.textContent = "";
      honorific.node.focus();
    }

    var timer;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(find, 150);
    });
    search.addEventListener("keydown", function (event) {
      // Enter picks the first offer instead of submitting the whole event form.
      if (event.key === "Enter") {
        event.preventDefault();
        var first = matches.querySelector("button");
        if (first) first.click();
      }
    });
    render();
  }

  /* The hidden field beside the editor (a new row's ids are renumbered by Django's
   * inline script; this does not depend on them). */
  function fieldOf(root) {
    return root.parentNode.querySelector('input[type=hidden][name$="-people"]');
  }

  function start(scope) {
    scope.querySelectorAll(".people-editor").forEach(function (root) {
      if (root.dataset.ready || root.closest(".empty-form")) return;
      if (!fieldOf(root)) return;
      root.dataset.ready = "1";
      Editor(root);
    });
  }

  function init() {
    var node = document.getElementById("agenda-people-config");
    if (!node) return;
    config = JSON.parse(node.textContent);
    start(document);
    document.addEventListener("formset:added", function (event) { start(event.target); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
