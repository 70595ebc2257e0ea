// Choosing a response template fills the note with its text for this report, unless the
// note holds words of the staff member's own. Without this script the form still works: the
// chosen template's text is the note when the note is left empty.
(function () {
  "use strict";
  document.querySelectorAll("select[data-fills]").forEach(function (select) {
    var note = document.getElementById(select.dataset.fills);
    if (!note) { return; }
    var filled = "";
    function fill() {
      if (note.value.trim() !== "" && note.value !== filled) { return; }
      var option = select.options[select.selectedIndex];
      filled = option && option.dataset.text ? option.dataset.text : "";
      note.value = filled;
    }
    select.addEventListener("change", fill);
    // A template chosen before this script ran (a slow page, a restored form) fills too.
    if (select.selectedIndex > 0) { fill(); }
  });
})();
