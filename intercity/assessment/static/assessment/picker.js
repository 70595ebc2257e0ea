/* The benchmark's city picker: a checkbox list that works without scripts; with them, a
   filter box narrows the list as one types (accents and case ignored). */
(function () {
  "use strict";

  /* "3 of 40" in the page's language (Django's JavaScript catalog, when loaded). */
  function ofTotal(shown, total) {
    var values = { shown: shown, total: total };
    if (typeof window.gettext === "function" && typeof window.interpolate === "function") {
      return window.interpolate(window.gettext("%(shown)s of %(total)s cities shown"), values, true);
    }
    return shown + " of " + total + " cities shown";
  }

  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var picker = document.getElementById("city-picker");
    if (!picker) return;
    var search = picker.querySelector(".picker-search");
    var input = document.getElementById("city-filter");
    var count = document.getElementById("city-filter-count");
    if (!search || !input) return;
    search.hidden = false;
    var items = Array.prototype.slice.call(picker.querySelectorAll(".picker-list li"));
    input.addEventListener("input", function () {
      var wanted = plain(input.value.trim());
      var shown = 0;
      items.forEach(function (item) {
        var match = !wanted || plain(item.textContent).indexOf(wanted) !== -1;
        // A ticked city stays visible: hiding a choice made would hide what is sent.
        var ticked = item.querySelector("input").checked;
        item.hidden = !(match || ticked);
        if (!item.hidden) shown += 1;
      });
      count.textContent = wanted ? ofTotal(shown, items.length) : "";
    });
  });
})();
