// The speech clock: the server says how many seconds are left when the page is drawn
// (data-remaining); this counts down from there, below zero when the speaker runs over.
(function () {
  "use strict";
  var clock = document.querySelector("[data-remaining]");
  if (!clock) { return; }
  var left = parseInt(clock.getAttribute("data-remaining"), 10);
  if (isNaN(left)) { return; }
  var end = Date.now() + left * 1000;
  function show() {
    var seconds = Math.round((end - Date.now()) / 1000);
    var sign = seconds < 0 ? "-" : "";
    var whole = Math.abs(seconds);
    var rest = whole % 60;
    clock.textContent = sign + Math.floor(whole / 60) + ":" + (rest < 10 ? "0" : "") + rest;
    clock.classList.toggle("over-time", seconds < 0);
  }
  show();
  window.setInterval(show, 1000);
})();
