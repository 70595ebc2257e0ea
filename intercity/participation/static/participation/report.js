/* The report form, better with JavaScript: only the chosen service's questions, contact
   fields off when anonymous, "Use my location", and a map picker (vendored Leaflet) when the
   city set a tile server. No outside script: the page works the same without this file. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) { return; }
  var lat = form.querySelector("#id_latitude");
  var lon = form.querySelector("#id_longitude");

  // Only the questions of the chosen service.
  var service = form.querySelector("#id_service");
  var questions = form.querySelectorAll(".cps-questions[data-service]");
  function showQuestions() {
    questions.forEach(function (group) {
      group.hidden = group.getAttribute("data-service") !== service.value;
    });
  }
  if (service && questions.length) {
    service.addEventListener("change", showQuestions);
    showQuestions();
  }

  // Anonymous: the contact fields are not sent.
  var anonymous = form.querySelector("#id_anonymous");
  var contact = document.getElementById("cps-contact");
  function toggleContact() {
    var off = anonymous.checked;
    contact.setAttribute("aria-disabled", off ? "true" : "false");
    contact.querySelectorAll("input").forEach(function (input) { input.disabled = off; });
  }
  if (anonymous && contact) {
    anonymous.addEventListener("change", toggleContact);
    toggleContact();
  }

  // The script's sentences come translated from the page (data-msg-* of the form), in the
  // reader's language; the English here only stands in if one is missing.
  function msg(name, english) { return form.getAttribute("data-msg-" + name) || english; }

  // Photos: say at once when too many are chosen (the server checks again).
  var photos = form.querySelector("#id_photos");
  var maxPhotos = parseInt(form.getAttribute("data-max-photos") || "0", 10);
  if (photos && maxPhotos) {
    photos.addEventListener("change", function () {
      photos.setCustomValidity(
        photos.files.length > maxPhotos ? msg("too-many-photos", "Choose at most " + maxPhotos + " photos.") : ""
      );
      photos.reportValidity();
    });
  }

  var map = null;
  function setPoint(latitude, longitude, fromMap) {
    lat.value = latitude.toFixed(6);
    lon.value = longitude.toFixed(6);
    if (map && !fromMap) { map.moveTo(latitude, longitude); }
    if (map) { map.pin(latitude, longitude); }
    // Tell the page (reports nearby, htmx) that the point changed, as typing it would.
    lon.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // "Use my location": the browser's own position service.
  var locate = document.getElementById("cps-locate");
  var say = document.getElementById("cps-locate-status");
  if (locate && navigator.geolocation && lat && lon) {
    locate.hidden = false;
    document.getElementById("cps-locate-button").addEventListener("click", function () {
      say.textContent = msg("locating", "Finding your location…");
      navigator.geolocation.getCurrentPosition(
        function (position) {
          setPoint(position.coords.latitude, position.coords.longitude, false);
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

  // The map picker (Leaflet, loaded by the page only when the city set a tile server): a
  // click, a tap or Enter drops the pin, which can be dragged; typed coordinates move it.
  var wrap = document.getElementById("cps-map-wrap");
  var el = document.getElementById("cps-map");
  var said = document.getElementById("cps-map-status");
  if (wrap && el && lat && lon && window.L) {
    wrap.hidden = false;
    map = picker(el);
    var typed = [parseFloat(lat.value), parseFloat(lon.value)];
    if (isFinite(typed[0]) && isFinite(typed[1])) {
      map.moveTo(typed[0], typed[1]);
      map.pin(typed[0], typed[1]);
    }
    [lat, lon].forEach(function (input) {
      input.addEventListener("change", function () {
        var point = [parseFloat(lat.value), parseFloat(lon.value)];
        if (!isFinite(point[0]) || !isFinite(point[1])) { return; }
        if (!inside(point[0], point[1])) { return outside(point[0], point[1]); }
        if (said) { said.textContent = ""; }
        map.moveTo(point[0], point[1]);
        map.pin(point[0], point[1]);
      });
    });
  }

  // The city's bounds, as the server checks them; the same sentence as the server's.
  function inside(latitude, longitude) {
    var b = (el.getAttribute("data-bounds") || "").split(",").map(Number);
    return b.length !== 4 || (latitude >= b[0] && latitude <= b[1] && longitude >= b[2] && longitude <= b[3]);
  }
  function outside(latitude, longitude) {
    if (!said) { return; }
    said.textContent = (el.getAttribute("data-msg-outside") || "")
      .replace("{latitude}", latitude.toFixed(6)).replace("{longitude}", longitude.toFixed(6));
  }

  function picker(el) {
    var start = el.getAttribute("data-centre").split(",").map(Number);
    var leaflet = window.L.map(el, {
      center: start, zoom: 15, minZoom: 3, maxZoom: 19, keyboard: true, zoomControl: false
    });
    window.L.control.zoom({
      zoomInTitle: el.getAttribute("data-msg-zoom-in") || "Zoom in",
      zoomOutTitle: el.getAttribute("data-msg-zoom-out") || "Zoom out"
    }).addTo(leaflet);
    window.L.tileLayer(el.getAttribute("data-tile-url"), {
      maxZoom: 19, attribution: el.getAttribute("data-attribution") || ""
    }).addTo(leaflet);
    // Leaflet gives the map its own classes; the page's name for it stays.
    el.setAttribute("role", "group");
    var marker = null;

    function place(latlng) {
      if (!inside(latlng.lat, latlng.lng)) {
        outside(latlng.lat, latlng.lng);
        if (marker) { marker.setLatLng([parseFloat(lat.value), parseFloat(lon.value)]); }
        return;
      }
      if (said) { said.textContent = ""; }
      pinAt(latlng.lat, latlng.lng);
      setPoint(latlng.lat, latlng.lng, true);
    }
    function pinAt(latitude, longitude) {
      if (marker) { marker.setLatLng([latitude, longitude]); return; }
      marker = window.L.marker([latitude, longitude], {
        draggable: true, keyboard: false, alt: el.getAttribute("data-msg-pin") || "The place of the problem"
      }).addTo(leaflet);
      marker.on("dragend", function () { place(marker.getLatLng()); });
    }
    leaflet.on("click", function (event) { place(event.latlng); });
    el.addEventListener("keydown", function (event) {
      // Enter on the map itself (not on its zoom buttons or links): the pin at the centre.
      if (event.target === el && event.key === "Enter") {
        event.preventDefault();
        place(leaflet.getCenter());
      }
    });
    return {
      // At once, not animated: the map is where the typed point is when the page says so.
      moveTo: function (latitude, longitude) {
        leaflet.setView([latitude, longitude], leaflet.getZoom(), { animate: false });
      },
      pin: pinAt,
      leaflet: leaflet
    };
  }
})();
