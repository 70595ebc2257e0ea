/* The maps of the reports (public list, staff queue) and of the dashboard's area grid, drawn
   with the vendored Leaflet (and Leaflet.markercluster) over the tile server the city set.
   The pages load this file only when there is one; the list and the table beside each map
   say the same in words, so nothing here is the only way to read anything. */
(function () {
  "use strict";
  var L = window.L;
  if (!L) { return; }

  function msg(el, name, english) { return el.getAttribute("data-msg-" + name) || english; }
  function fill(text, values) {
    return Object.keys(values).reduce(function (out, key) {
      return out.split("{" + key + "}").join(String(values[key]));
    }, text);
  }

  // A Leaflet map in the element, over the city's tile server, showing the city's bounds.
  function baseMap(el) {
    var b = el.getAttribute("data-bounds").split(",").map(Number);
    // Quarter zoom steps: the city's bounds fill the map rather than the nearest whole zoom.
    var map = L.map(el, { zoomControl: false, minZoom: 3, maxZoom: 19, zoomSnap: 0.25 });
    L.control.zoom({
      zoomInTitle: msg(el, "zoom-in", "Zoom in"), zoomOutTitle: msg(el, "zoom-out", "Zoom out")
    }).addTo(map);
    L.tileLayer(el.getAttribute("data-tile-url"), {
      maxZoom: 19, attribution: el.getAttribute("data-attribution") || ""
    }).addTo(map);
    var bounds = L.latLngBounds([b[0], b[2]], [b[1], b[3]]);
    map.fitBounds(bounds);
    // Leaflet sets its own classes on the element; the page's landmark and name stay.
    return { map: map, bounds: bounds };
  }

  // --- The reports of a list, clustered, filtered as the list is ------------------------------
  var reportsEl = document.getElementById("cps-reports-map");
  if (reportsEl && L.markerClusterGroup) {
    reportsEl.closest(".cps-map-wrap").hidden = false;
    var drawn = baseMap(reportsEl);
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
    drawn.map.addLayer(cluster);
    var status = document.getElementById("cps-map-status");
    var asked = 0;

    function popup(p) {
      var box = document.createElement("div");
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.id;
      var what = document.createElement("p");
      what.textContent = p.service + " · " + p.status;
      box.appendChild(link);
      box.appendChild(what);
      return box;
    }

    function load() {
      var holder = document.getElementById("cps-map-query");
      var query = holder ? holder.getAttribute("data-query") : "";
      var url = reportsEl.getAttribute("data-source") + (query ? "?" + query : "");
      var mine = ++asked;
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (answer) {
          if (answer.status === 400) {
            // Filters the list refuses too (it says why): the map says the same, and is empty.
            return answer.json().then(function (refusal) {
              return { features: [], count: 0, truncated: false, detail: refusal.detail };
            });
          }
          if (!answer.ok) { throw new Error(answer.status); }
          return answer.json();
        })
        .then(function (data) {
          if (mine !== asked) { return; }  // a newer filter's answer is on its way
          if (data.detail) {
            cluster.clearLayers();
            reportsEl.setAttribute("data-count", "0");
            status.textContent = data.detail;
            return;
          }
          cluster.clearLayers();
          var markers = data.features.map(function (f) {
            var p = f.properties, c = f.geometry.coordinates;
            return L.marker([c[1], c[0]], { alt: p.service + " " + p.id, title: p.service + " " + p.id })
              .bindPopup(popup(p));
          });
          cluster.addLayers(markers);
          reportsEl.setAttribute("data-count", String(data.count));
          status.textContent = fill(
            data.truncated
              ? msg(reportsEl, "truncated", "The map shows the newest {count} matching reports; the list has them all.")
              : msg(reportsEl, "count", "Reports on the map: {count}. Those placed by an address only are in the list."),
            { count: data.count }
          );
          // Once the map has moved to these reports (and the clusters have formed again at
          // the new zoom), it says so: a click before then may hit a marker about to be redrawn.
          drawn.map.once("moveend", function () {
            if (mine === asked) { reportsEl.setAttribute("data-settled", String(mine)); }
          });
          if (markers.length) {
            // Room for a marker's icon, which stands 41 px above its point.
            drawn.map.fitBounds(cluster.getBounds(), { maxZoom: 16, paddingTopLeft: [30, 50], paddingBottomRight: [30, 20] });
          } else {
            drawn.map.fitBounds(drawn.bounds);
          }
        })
        .catch(function () {
          if (mine !== asked) { return; }
          cluster.clearLayers();
          status.textContent = msg(reportsEl, "failed", "The map could not load the reports; the list has them.");
        });
    }
    load();
    // htmx swapped the list for new filters: the map follows (its query comes with the list).
    document.body.addEventListener("htmx:afterSwap", function (event) {
      if (event.detail && event.detail.target && event.detail.target.id === "results") { load(); }
    });
  }

  // --- The dashboard's area grid as rectangles shaded by count -------------------------------
  var areasEl = document.getElementById("cps-areas-map");
  var cellsData = document.getElementById("cps-area-cells");
  if (areasEl && cellsData) {
    areasEl.closest(".cps-map-wrap").hidden = false;
    var areas = baseMap(areasEl);
    var cells = JSON.parse(cellsData.textContent);
    var top = cells.reduce(function (most, c) { return Math.max(most, c.count); }, 0) || 1;
    cells.forEach(function (c) {
      var rectangle = L.rectangle([[c.south, c.west], [c.north, c.east]], {
        color: "#1d4f91", weight: 1, fillColor: "#1d4f91",
        // The share of the busiest cell, as the table's bars: an empty cell stays clear.
        fillOpacity: 0.7 * c.count / top
      });
      rectangle.bindTooltip(fill(msg(areasEl, "cell", "{label}: {count}"), c));
      rectangle.addTo(areas.map);
    });
  }
})();
