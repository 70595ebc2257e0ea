/* The questionnaire's progressive enhancement (the page works without it):
   - evidence notes and follow-up questions that depend on an answer are hidden while that
     answer does not call for them (the server ignores them either way);
   - an answer the autosave refused is marked where it is (aria-invalid, its message tied by
     aria-describedby) and focus moves to it; the other answers are saved. */
(function () {
  "use strict";

  function form() {
    return document.getElementById("questionnaire");
  }

  function valuesOf(name) {
    var found = [];
    var inputs = form().querySelectorAll('[name="' + name + '"]');
    inputs.forEach(function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) found.push(input.value);
      } else if (input.value.trim() !== "") {
        found.push(input.value.trim());
      }
    });
    return found;
  }

  function meets(values, wanted) {
    var list = wanted.split(" ");
    return values.some(function (v) { return list.indexOf(v) !== -1; });
  }

  function refreshConditions() {
    var f = form();
    if (!f) return;
    f.querySelectorAll("[data-evidence-when]").forEach(function (note) {
      var values = valuesOf(note.getAttribute("data-for"));
      note.hidden = values.length > 0 && !meets(values, note.getAttribute("data-evidence-when"));
    });
    f.querySelectorAll("[data-shown-when-question]").forEach(function (block) {
      var values = valuesOf(block.getAttribute("data-shown-when-question"));
      block.hidden = !meets(values, block.getAttribute("data-shown-when"));
      var note = block.querySelector(".follow-up-note");
      if (note) note.hidden = true;
    });
  }

  function controlsOf(code) {
    var wrap = document.getElementById("q-" + code + "-wrap");
    if (!wrap) return [];
    return Array.prototype.slice.call(wrap.querySelectorAll("input, textarea, select"));
  }

  function describe(element, id, on) {
    var ids = (element.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    ids = ids.filter(function (x) { return x !== id; });
    if (on) ids.push(id);
    if (ids.length) element.setAttribute("aria-describedby", ids.join(" "));
    else element.removeAttribute("aria-describedby");
  }

  function mark(code, message) {
    var wrap = document.getElementById("q-" + code + "-wrap");
    if (!wrap) return null;
    var errorId = "q-" + code + "-error";
    var error = document.getElementById(errorId);
    if (error) {
      error.textContent = message || "";
      error.hidden = !message;
    }
    wrap.classList.toggle("has-error", Boolean(message));
    var group = document.getElementById("q-" + code);
    var targets = controlsOf(code);
    if (group && group.tagName === "FIELDSET") targets.push(group);
    targets.forEach(function (el) {
      if (el.tagName !== "FIELDSET") {
        if (message) el.setAttribute("aria-invalid", "true");
        else el.removeAttribute("aria-invalid");
      }
      if (el.tagName === "FIELDSET" || el.id === "q-" + code) describe(el, errorId, Boolean(message));
    });
    return controlsOf(code)[0] || null;
  }

  function showRefused(container) {
    var f = form();
    if (!f) return;
    var refused = container.querySelectorAll("[data-refused-code]");
    var codes = {};
    refused.forEach(function (r) { codes[r.getAttribute("data-refused-code")] = r.getAttribute("data-refused-message"); });
    // Answers no longer refused lose their mark.
    f.querySelectorAll(".question.has-error").forEach(function (wrap) {
      var code = wrap.id.replace(/^q-/, "").replace(/-wrap$/, "");
      if (!(code in codes)) mark(code, "");
    });
    var first = null;
    Object.keys(codes).forEach(function (code) {
      var control = mark(code, codes[code]);
      if (!first) first = control;
    });
    if (first) first.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var f = form();
    if (!f) return;
    refreshConditions();
    f.addEventListener("change", refreshConditions);
    f.addEventListener("input", refreshConditions);
    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (event.target && event.target.id === "autosave") showRefused(event.target);
    });
    // After a full save that refused answers: to the first refused field.
    var invalid = f.querySelector('[aria-invalid="true"]');
    if (invalid) invalid.focus();
  });
})();
