// The dyad page: timeline chart (Chart.js) and event table, both from the JSON API.
"use strict";

(function () {
  const params = new URLSearchParams(window.location.search);
  const form = document.getElementById("dyad-form");
  const status = document.getElementById("status");
  const QUADS = [
    ["1", "verbal cooperation", "#81c784"],
    ["2", "material cooperation", "#2e7d32"],
    ["3", "verbal conflict", "#ffb74d"],
    ["4", "material conflict", "#c62828"],
  ];

  for (const name of ["a", "b", "type", "from", "to", "interval"]) {
    const field = form.elements.namedItem(name);
    if (params.get(name)) field.value = params.get(name);
  }

  function query(extra) {
    const q = new URLSearchParams();
    for (const name of ["type", "from", "to"]) {
      if (params.get(name)) q.set(name, params.get(name));
    }
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return q.toString();
  }

  async function suggestActors(input) {
    const text = input.value.trim();
    if (text.length < 2) return;
    try {
      const body = await Polybius.fetchJSON(`/api/actors?q=${encodeURIComponent(text)}&limit=20`);
      const list = document.getElementById("actor-list");
      list.replaceChildren();
      const seen = new Set();
      for (const actor of body.actors) {
        for (const code of [actor.country, actor.code]) {
          if (code && !seen.has(code)) {
            seen.add(code);
            const option = Polybius.el("option");
            option.value = code;
            option.textContent = `${code} — ${actor.name || ""}`;
            list.appendChild(option);
          }
        }
      }
    } catch (err) {
      /* suggestions are optional */
    }
  }
  for (const id of ["actor-a", "actor-b"]) {
    const input = document.getElementById(id);
    input.addEventListener("input", () => suggestActors(input));
  }

  function drawChart(timeline) {
    const canvas = document.getElementById("timeline");
    const labels = timeline.periods.map((p) => p.period);
    const datasets = QUADS.map(([quad, label, color]) => ({
      type: "bar",
      label: `${quad} ${label}`,
      data: timeline.periods.map((p) => p.counts[quad]),
      backgroundColor: color,
      stack: "events",
      yAxisID: "y",
    }));
    datasets.push({
      type: "line",
      label: "Goldstein sum",
      data: timeline.periods.map((p) => p.goldstein_sum),
      borderColor: "#37474f",
      backgroundColor: "#37474f",
      yAxisID: "goldstein",
      tension: 0.2,
    });
    const chart = new Chart(canvas, {
      data: { labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          y: { stacked: true, beginAtZero: true, title: { display: true, text: "events" } },
          goldstein: { position: "right", title: { display: true, text: "Goldstein" }, grid: { drawOnChartArea: false } },
          x: { stacked: true },
        },
      },
    });
    canvas.dataset.points = String(labels.length);
    canvas.dataset.events = String(timeline.total);
    canvas.dataset.rendered = chart.getDatasetMeta(0).data.length > 0 ? "true" : "empty";
  }

  function fillTable(body) {
    const table = document.getElementById("events");
    const tbody = table.querySelector("tbody");
    tbody.replaceChildren();
    for (const event of body.events) {
      const cell = Polybius.el("td");
      const link = Polybius.el("a", null, event.doc_id);
      link.href = `/documents/${encodeURIComponent(event.doc_id)}`;
      cell.appendChild(link);
      tbody.appendChild(Polybius.eventRow(event, cell));
    }
    table.dataset.rows = String(body.events.length);
    document.getElementById("event-count").textContent =
      `${body.events.length} shown of ${body.total} events`;
  }

  async function load() {
    const a = (params.get("a") || "").trim().toUpperCase();
    const b = (params.get("b") || "").trim().toUpperCase();
    if (!a || !b) return;
    const interval = params.get("interval") || "month";
    const timelineUrl = `/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline?${query({ interval })}`;
    const eventsUrl = `/api/events?${query({ dyad: `${a},${b}`, limit: "200" })}`;
    document.getElementById("twin-timeline").href = timelineUrl;
    document.getElementById("twin-events").href = eventsUrl;
    const mapQuery = new URLSearchParams({ a, b });
    for (const name of ["type", "from", "to"]) {
      if (params.get(name)) mapQuery.set(name, params.get(name));
    }
    document.getElementById("map-link").href = `/map?${mapQuery}`;
    status.textContent = `Loading ${a} – ${b}…`;
    try {
      const [timeline, events] = await Promise.all([
        Polybius.fetchJSON(timelineUrl),
        Polybius.fetchJSON(eventsUrl),
      ]);
      drawChart(timeline);
      fillTable(events);
      status.textContent = `${a} – ${b}: ${timeline.total} events in ${timeline.periods.length} ${interval} periods.`;
      document.body.dataset.loaded = "true";
    } catch (err) {
      status.className = "error";
      status.textContent = `Error: ${err.message}`;
      document.body.dataset.loaded = "error";
    }
  }

  load();
})();
