// The staff queue: its filters fold on a phone (a <details> closed unless some are set) and
// stay open where there is room for them beside the results.
(function () {
  "use strict";
  var box = document.getElementById("queue-filters");
  if (box && window.matchMedia("(min-width: 60rem)").matches) {
    box.open = true;
  }
})();
