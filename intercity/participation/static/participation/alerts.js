/* "Get alerts", better with JavaScript: "Use my location" fills the point, and only the
   fields of the chosen place (a point or an area) are shown. The page works without it. */
(function () {
  "use strict";
  var form = document.getElementById("alert-form");
  if (!form) { return; }
  function msg(name, english) { return form.getAttribute("data-msg-" + name) || english; }
  var lat = form.querySelector("#id_lat");
  var lon = form.querySelector("#id_long");
  var locate = document.getElementById("cps-locate");
  var say = document.getElementById("cps-locate-status");
  if (locate && navigator.geolocation && lat && lon) {
    locate.hidden = false;
    document.getElementById("cps-locate-button").addEventListener("click", function () {
      say.textContent = msg("locating", "Finding your location…");
      navigator.geolocation.getCurrentPosition(
        function (position) {
          lat.value = position.coords.latitude.toFixed(6);
          lon.value = position.coords.longitude.toFixed(6);
          say.textContent = msg("located", "Latitude and longitude filled in from your location.");
        },
        function (error) {
          say.textContent = error.code === 1
            ? msg("location-refused", "Your browser did not share your location. Type the place or an address instead.")
            : msg("location-unknown", "Your location could not be found. Type the place or an address instead.");
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }
})();
