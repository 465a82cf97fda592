// The document page: the text with its events marked, and the list of its events.
"use strict";

(function () {
  const prefix = "/documents/";
  const docId = decodeURIComponent(window.location.pathname.slice(prefix.length));
  const apiUrl = `/api/documents/${encodeURIComponent(docId)}`;
  document.getElementById("twin-document").href = apiUrl;

  function render(doc) {
    document.getElementById("doc-title").textContent = doc.title || doc.id;
    document.title = `Polybius — ${doc.title || doc.id}`;
    const meta = [doc.pub_date || "no date", doc.source || "", doc.url || ""].filter(Boolean);
    document.getElementById("doc-meta").textContent = meta.join(" · ");

    const marks = doc.events.map((e) => ({
      role: "event",
      start: e.trigger.start,
      end: e.trigger.end,
      title: `${Polybius.eventLabel(e)}: ${Polybius.actorLabel(e.source)} → ${Polybius.actorLabel(e.target)}`,
    }));
    const textBox = document.getElementById("doc-text");
    textBox.replaceChildren(Polybius.highlight(doc.text, marks));
    textBox.dataset.marks = String(textBox.querySelectorAll("mark").length);

    const table = document.getElementById("events");
    const tbody = table.querySelector("tbody");
    tbody.replaceChildren();
    for (const event of doc.events) {
      const flags = [];
      if (event.negated) flags.push("negated");
      if (event.hypothetical) flags.push("hypothetical");
      if (event.intent) flags.push("intent");
      tbody.appendChild(Polybius.eventRow(event, Polybius.el("td", null, flags.join(", "))));
    }
    table.dataset.rows = String(doc.events.length);
    document.getElementById("event-count").textContent = `${doc.events.length} events`;
    document.body.dataset.loaded = "true";
  }

  Polybius.fetchJSON(apiUrl).then(render).catch((err) => {
    const title = document.getElementById("doc-title");
    title.className = "error";
    title.textContent = `Error: ${err.message}`;
    document.body.dataset.loaded = "error";
  });
})();
