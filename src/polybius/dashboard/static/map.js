// The map page: located events from /api/map (GeoJSON) as Leaflet markers over an offline
// base map (country outlines and a graticule; no tile server).
"use strict";

(function () {
  const params = new URLSearchParams(window.location.search);
  const form = document.getElementById("map-form");
  const status = document.getElementById("status");
  const mapBox = document.getElementById("map");

  for (const name of ["a", "b", "country", "type", "from", "to", "bbox"]) {
    const field = form.elements.namedItem(name);
    if (params.get(name)) field.value = params.get(name);
  }

  // The API query for the page's filters: two actors make a dyad, one actor either side.
  function apiQuery() {
    const q = new URLSearchParams();
    const a = (params.get("a") || "").trim().toUpperCase();
    const b = (params.get("b") || "").trim().toUpperCase();
    if (a && b) q.set("dyad", `${a},${b}`);
    else if (a || b) q.set("actor", a || b);
    if (params.get("country")) q.set("country_located", params.get("country").trim().toUpperCase());
    for (const name of ["type", "from", "to", "bbox"]) {
      if (params.get(name)) q.set(name, params.get(name));
    }
    return q;
  }

  const dyadLink = document.getElementById("dyad-link");
  if (params.get("a") && params.get("b")) {
    const q = new URLSearchParams();
    for (const name of ["a", "b", "type", "from", "to"]) {
      if (params.get(name)) q.set(name, params.get(name));
    }
    dyadLink.href = `/dyad?${q}`;
  }

  L.Icon.Default.imagePath = "/static/leaflet/images/";
  const map = L.map(mapBox, { worldCopyJump: false, minZoom: 1, maxZoom: 12 }).setView([20, 0], 2);
  map.attributionControl.addAttribution("Natural Earth");

  function drawGraticule() {
    const style = { color: "#90a4ae", weight: 0.6, opacity: 0.7, interactive: false };
    for (let lon = -180; lon <= 180; lon += 30) {
      L.polyline([[-85, lon], [85, lon]], style).addTo(map);
    }
    for (let lat = -60; lat <= 60; lat += 30) {
      L.polyline([[lat, -180], [lat, 180]], style).addTo(map);
    }
  }

  async function drawCountries() {
    try {
      const world = await Polybius.fetchJSON("/static/basemap/world-countries-110m.json");
      L.geoJSON(world, {
        interactive: false,
        style: { color: "#78909c", weight: 0.7, fillColor: "#eceff1", fillOpacity: 1 },
      }).addTo(map);
      mapBox.dataset.basemap = "countries";
    } catch (err) {
      mapBox.dataset.basemap = "graticule"; // the grid alone still gives orientation
    }
  }

  function place(props) {
    const loc = props.location;
    return loc.country && loc.feature !== "country" ? `${loc.name}, ${loc.country}` : loc.name;
  }

  function eventType(props) {
    return `${props.event_type || "STATEMENT"} · CAMEO ${props.cameo_code} ${props.cameo_label || ""}`.trim();
  }

  function actor(a) {
    if (!a) return "—";
    return a.code ? `${a.code} (${a.text})` : a.text;
  }

  // A popup as DOM nodes (never HTML strings): one entry per event at this place.
  function popup(features) {
    const box = Polybius.el("div", "map-popup");
    box.appendChild(Polybius.el("strong", null, place(features[0].properties)));
    for (const f of features) {
      const p = f.properties;
      const item = Polybius.el("div", "map-popup-event");
      item.dataset.eventId = p.event_id;
      item.appendChild(Polybius.el("div", "map-popup-head",
        `${p.date || "undated"} · ${eventType(p)} · ${actor(p.source)} → ${actor(p.target)}`));
      const sentence = Polybius.el("div", "evidence");
      sentence.appendChild(Polybius.highlight(p.sentence, p.marks));
      item.appendChild(sentence);
      const link = Polybius.el("a", null, "document");
      link.href = `/documents/${encodeURIComponent(p.doc_id)}`;
      item.appendChild(link);
      box.appendChild(item);
    }
    return box;
  }

  function drawMarkers(collection) {
    // Events at the same point share one marker.
    const byPoint = new Map();
    for (const f of collection.features) {
      const [lon, lat] = f.geometry.coordinates;
      const key = `${lat.toFixed(4)},${lon.toFixed(4)}`;
      if (!byPoint.has(key)) byPoint.set(key, []);
      byPoint.get(key).push(f);
    }
    const points = [];
    for (const features of byPoint.values()) {
      const [lon, lat] = features[0].geometry.coordinates;
      const count = features.length;
      L.marker([lat, lon], { title: `${place(features[0].properties)}: ${count} event${count > 1 ? "s" : ""}` })
        .bindPopup(popup(features), { maxWidth: 420, maxHeight: 320 })
        .addTo(map);
      points.push([lat, lon]);
    }
    if (points.length === 1) map.setView(points[0], 5);
    else if (points.length > 1) map.fitBounds(points, { padding: [30, 30], maxZoom: 6 });
    mapBox.dataset.markers = String(points.length);
    mapBox.dataset.events = String(collection.features.length);
  }

  function fillTable(collection) {
    const table = document.getElementById("events");
    const tbody = table.querySelector("tbody");
    tbody.replaceChildren();
    for (const f of collection.features) {
      const p = f.properties;
      const row = Polybius.el("tr");
      row.dataset.eventId = p.event_id;
      row.appendChild(Polybius.el("td", null, p.date || "undated"));
      row.appendChild(Polybius.el("td", null, `${place(p)} (${p.location.precision})`));
      row.appendChild(Polybius.el("td", null, actor(p.source)));
      row.appendChild(Polybius.el("td", null, eventType(p)));
      row.appendChild(Polybius.el("td", null, actor(p.target)));
      const evidence = Polybius.el("td", "evidence");
      evidence.appendChild(Polybius.highlight(p.sentence, p.marks));
      row.appendChild(evidence);
      const cell = Polybius.el("td");
      const link = Polybius.el("a", null, p.doc_id);
      link.href = `/documents/${encodeURIComponent(p.doc_id)}`;
      cell.appendChild(link);
      row.appendChild(cell);
      tbody.appendChild(row);
    }
    table.dataset.rows = String(collection.features.length);
    document.getElementById("event-count").textContent =
      `${collection.features.length} shown of ${collection.total} located events`;
  }

  async function load() {
    const url = `/api/map?${apiQuery()}`;
    document.getElementById("twin-map").href = url;
    status.textContent = "Loading…";
    drawGraticule();
    try {
      const [collection] = await Promise.all([Polybius.fetchJSON(url), drawCountries()]);
      drawMarkers(collection);
      fillTable(collection);
      status.textContent = collection.truncated
        ? `${collection.features.length} of ${collection.total} located events (capped).`
        : `${collection.total} located events.`;
      document.body.dataset.loaded = "true";
    } catch (err) {
      status.className = "error";
      status.textContent = `Error: ${err.message}`;
      document.body.dataset.loaded = "error";
    }
  }

  load();
})();
