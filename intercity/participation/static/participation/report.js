/* The report form, better with JavaScript: only the chosen service's questions, contact
   fields off when anonymous, "Use my location", and a small map picker when the city set a
   tile server. No outside script: the page works the same without this file. */
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

  // The map picker: Web Mercator tiles from the configured server, no library.
  var wrap = document.getElementById("cps-map-wrap");
  var el = document.getElementById("cps-map");
  if (wrap && el && lat && lon) {
    map = picker(el, wrap, function (latitude, longitude) { setPoint(latitude, longitude, true); });
    wrap.hidden = false;
    var start = el.getAttribute("data-centre").split(",").map(Number);
    var typed = [parseFloat(lat.value), parseFloat(lon.value)];
    if (isFinite(typed[0]) && isFinite(typed[1])) {
      map.moveTo(typed[0], typed[1]);
      map.pin(typed[0], typed[1]);
    } else {
      map.moveTo(start[0], start[1]);
    }
  }

  function picker(el, wrap, onPick) {
    var TILE = 256, MIN_ZOOM = 3, MAX_ZOOM = 19;
    var template = el.getAttribute("data-tile-url");
    var zoom = 15, cx = 0, cy = 0, marker = null;
    var layer = document.createElement("div");
    var pinEl = document.createElement("div");
    pinEl.className = "cps-pin";
    pinEl.hidden = true;
    el.appendChild(layer);
    el.appendChild(pinEl);

    function worldSize(z) { return TILE * Math.pow(2, z); }
    function project(latitude, longitude, z) {
      var s = worldSize(z), sin = Math.sin(latitude * Math.PI / 180);
      return [(longitude + 180) / 360 * s, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * s];
    }
    function unproject(x, y, z) {
      var s = worldSize(z), n = Math.PI - 2 * Math.PI * y / s;
      return [180 / Math.PI * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n))), x / s * 360 - 180];
    }
    function draw() {
      var w = el.clientWidth, h = el.clientHeight, left = cx - w / 2, top = cy - h / 2;
      var n = Math.pow(2, zoom), tiles = document.createDocumentFragment();
      for (var tx = Math.floor(left / TILE); tx <= Math.floor((left + w) / TILE); tx++) {
        for (var ty = Math.floor(top / TILE); ty <= Math.floor((top + h) / TILE); ty++) {
          if (ty < 0 || ty >= n) { continue; }
          var img = document.createElement("img");
          img.alt = "";
          img.draggable = false;
          img.src = template.replace("{z}", zoom).replace("{x}", ((tx % n) + n) % n).replace("{y}", ty);
          img.style.left = Math.round(tx * TILE - left) + "px";
          img.style.top = Math.round(ty * TILE - top) + "px";
          tiles.appendChild(img);
        }
      }
      layer.replaceChildren(tiles);
      if (marker) {
        var p = project(marker[0], marker[1], zoom);
        pinEl.style.left = Math.round(p[0] - left) + "px";
        pinEl.style.top = Math.round(p[1] - top) + "px";
        pinEl.hidden = false;
      }
    }
    function pickAt(offsetX, offsetY) {
      var point = unproject(cx - el.clientWidth / 2 + offsetX, cy - el.clientHeight / 2 + offsetY, zoom);
      marker = point;
      onPick(point[0], point[1]);
      draw();
    }
    function setZoom(z) {
      var centre = unproject(cx, cy, zoom);
      zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
      var p = project(centre[0], centre[1], zoom);
      cx = p[0]; cy = p[1];
      draw();
    }

    var down = null, moved = false;
    el.addEventListener("pointerdown", function (event) {
      down = [event.clientX, event.clientY];
      moved = false;
      el.setPointerCapture(event.pointerId);
    });
    el.addEventListener("pointermove", function (event) {
      if (!down) { return; }
      var dx = event.clientX - down[0], dy = event.clientY - down[1];
      if (!moved && Math.abs(dx) + Math.abs(dy) < 5) { return; }
      moved = true;
      cx -= dx; cy -= dy;
      down = [event.clientX, event.clientY];
      draw();
    });
    el.addEventListener("pointerup", function (event) {
      if (down && !moved) {
        var box = el.getBoundingClientRect();
        pickAt(event.clientX - box.left, event.clientY - box.top);
      }
      down = null;
    });
    el.addEventListener("keydown", function (event) {
      var step = 64, handled = true;
      if (event.key === "ArrowLeft") { cx -= step; }
      else if (event.key === "ArrowRight") { cx += step; }
      else if (event.key === "ArrowUp") { cy -= step; }
      else if (event.key === "ArrowDown") { cy += step; }
      else if (event.key === "+" || event.key === "=") { setZoom(zoom + 1); return event.preventDefault(); }
      else if (event.key === "-") { setZoom(zoom - 1); return event.preventDefault(); }
      else if (event.key === "Enter" || event.key === " ") { pickAt(el.clientWidth / 2, el.clientHeight / 2); }
      else { handled = false; }
      if (handled) { event.preventDefault(); draw(); }
    });
    wrap.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        setZoom(zoom + parseInt(button.getAttribute("data-zoom"), 10));
      });
    });
    window.addEventListener("resize", draw);

    return {
      moveTo: function (latitude, longitude) {
        var p = project(latitude, longitude, zoom);
        cx = p[0]; cy = p[1];
        draw();
      },
      pin: function (latitude, longitude) { marker = [latitude, longitude]; draw(); }
    };
  }
})();
