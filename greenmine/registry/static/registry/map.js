/* Registry maps (Leaflet): the map page (#registry-map) and the right form's boundary preview (#boundary-map).
 * Settings come from data- attributes (no inline script: the CSP allows only nonce'd script files);
 * every text from the server is put in with textContent, never as HTML. */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }

  var COLOURS = {
    valid: "#2fb344", expiring: "#f59f00", expired: "#d63939", suspended: "#868e96", cancelled: "#868e96",
    national: "#0b6e2e", provincial: "#2fb344", building: "#206bc4", not_started: "#868e96", removed: "#d63939"
  };
  var HULIN = [45.77, 132.97];
  var config = document.getElementById("gm-map-config");
  var cfg = config ? config.dataset : {};

  function colour(state) { return COLOURS[state] || "#206bc4"; }

  function makeMap(element) {
    var map = L.map(element, { preferCanvas: true, zoomControl: true }).setView(HULIN, 9);
    if (cfg.tileUrl) {
      L.tileLayer(cfg.tileUrl, {
        attribution: cfg.tileAttribution || "", subdomains: cfg.tileSubdomains || "abc", maxZoom: 18
      }).addTo(map);
    } else {
      var note = L.control({ position: "bottomright" });
      note.onAdd = function () {
        var div = L.DomUtil.create("div", "gm-map-note");
        div.textContent = cfg.labelNoBaseMap || "No base map configured.";
        return div;
      };
      note.addTo(map);
    }
    L.control.scale({ imperial: false }).addTo(map);
    return map;
  }

  function popupContent(props, labels) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = (props.kind === "mine" ? labels.mine : labels.right) + "：" + props.name;
    box.appendChild(title);
    var lines = [props.state_label];
    if (props.status_label) { lines.push(props.status_label); }
    if (props.mine) { lines.push(props.mine); }
    if (props.valid_until) { lines.push(labels.validUntil + " " + props.valid_until); }
    lines.forEach(function (text) {
      var line = document.createElement("div");
      line.textContent = text;
      box.appendChild(line);
    });
    if (props.url) {
      var link = document.createElement("a");
      link.href = props.url;
      link.textContent = labels.open;
      box.appendChild(link);
    }
    return box;
  }

  function initMapPage(element) {
    var map = makeMap(element);
    var labels = {
      mine: element.dataset.labelMine, right: element.dataset.labelRight, open: element.dataset.labelOpen,
      validUntil: element.dataset.labelValidUntil
    };
    var rights = L.geoJSON(null, {
      style: function (f) { return { color: colour(f.properties.state), weight: 2, fillOpacity: 0.25 }; },
      onEachFeature: function (f, layer) { layer.bindPopup(function () { return popupContent(f.properties, labels); }); }
    }).addTo(map);
    var mines = L.geoJSON(null, {
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, { radius: 6, color: "#fff", weight: 1.5, fillColor: colour(f.properties.state),
          fillOpacity: 0.95 });
      },
      onEachFeature: function (f, layer) { layer.bindPopup(function () { return popupContent(f.properties, labels); }); }
    }).addTo(map);
    var truncated = document.getElementById("registry-map-truncated");
    var pending = null;
    var first = true;

    function load() {
      var url = element.dataset.dataUrl;
      if (!first) {
        var b = map.getBounds();
        url += "?bbox=" + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(",");
      }
      if (pending) { pending.abort(); }
      pending = new AbortController();
      fetch(url, { credentials: "same-origin", signal: pending.signal, headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (data) {
          rights.clearLayers(); mines.clearLayers();
          rights.addData(data.rights); mines.addData(data.mines);
          element.dataset.loaded = String(data.mines.features.length + data.rights.features.length);
          if (truncated) {
            truncated.textContent = element.dataset.labelTruncated;
            truncated.classList.toggle("d-none", !data.truncated);
          }
          if (first) {
            first = false;
            var bounds = L.featureGroup([rights, mines]).getBounds();
            if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 14 }); }
            map.on("moveend", load);
          }
        })
        .catch(function () { /* an aborted or failed load keeps the previous features */ });
    }
    load();
  }

  // #boundary-map: data-geojson-url (GET: a saved right's stored GeoJSON) and/or data-preview-url (POST: the
  // boundary_text of the surrounding form, parsed but not saved, on every edit).
  function initBoundaryMap(element) {
    var map = makeMap(element);
    var layer = L.geoJSON(null, { style: { color: "#206bc4", weight: 2, fillOpacity: 0.2 } }).addTo(map);

    function draw(geojson) {
      layer.clearLayers();
      if (geojson && geojson.features) {
        layer.addData(geojson);
        var bounds = layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 }); }
      }
      element.dataset.features = String(geojson && geojson.features ? geojson.features.length : 0);
    }

    function loadSaved() {
      if (!element.dataset.geojsonUrl) { return; }
      fetch(element.dataset.geojsonUrl, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(draw)
        .catch(function () { /* the detail page keeps its text; the map stays empty */ });
    }

    var form = element.closest("form") || document.querySelector("form");
    var text = form ? form.querySelector("[name=boundary_text]") : null;
    if (!element.dataset.previewUrl || !text) { loadSaved(); return; }
    var zone = form.querySelector("[name=zone]");
    var area = form.querySelector("[name=licensed_area_km2]");
    var csrf = form.querySelector("[name=csrfmiddlewaretoken]");
    var status = document.createElement("div");
    status.className = "gm-map-status";
    status.setAttribute("role", "status");
    status.dataset.testid = "boundary-preview-status";
    element.insertAdjacentElement("afterend", status);
    var timer = null;

    function show(lines, invalid) {
      status.replaceChildren();
      status.classList.toggle("gm-invalid", !!invalid);
      lines.forEach(function (t) { var d = document.createElement("div"); d.textContent = t; status.appendChild(d); });
    }

    function preview() {
      if (!text.value.trim()) { layer.clearLayers(); show([cfg.labelEmpty || ""], false); loadSaved(); return; }
      var body = new URLSearchParams();
      body.set("boundary_text", text.value);
      if (zone && zone.value) { body.set("zone", zone.value); }
      if (area && area.value) { body.set("licensed_area_km2", area.value); }
      fetch(element.dataset.previewUrl, {
        method: "POST", credentials: "same-origin", body: body,
        headers: { "X-CSRFToken": csrf ? csrf.value : "", Accept: "application/json" }
      })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          draw(data.geojson);
          if (data.valid) {
            var lines = [(cfg.labelArea || "Area") + " " + data.area_km2 + " km²",
              (cfg.labelPlaneArea || "Plane area") + " " + data.plane_area_km2 + " km²"];
            if (data.zone) { lines.push((cfg.labelZone || "Zone") + " " + data.zone + " (EPSG:" + data.epsg + ")"); }
            show(lines.concat(data.warnings || []), false);
          } else {
            show([cfg.labelInvalid || ""].concat(data.messages || data.errors || []), true);
          }
        })
        .catch(function () { show([cfg.labelFailed || ""], true); });
    }

    function later() { clearTimeout(timer); timer = setTimeout(preview, 500); }
    text.addEventListener("input", later);
    if (zone) { zone.addEventListener("change", later); }
    if (area) { area.addEventListener("change", later); }
    preview();
  }

  var page = document.getElementById("registry-map");
  if (page) { initMapPage(page); }
  var boundary = document.getElementById("boundary-map");
  if (boundary && (boundary.dataset.geojsonUrl || boundary.dataset.previewUrl)) { initBoundaryMap(boundary); }
})();
