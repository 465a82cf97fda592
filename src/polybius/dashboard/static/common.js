// Shared helpers of the Polybius dashboard. Text from the store is only ever inserted with
// textContent / createTextNode, never as HTML.
"use strict";

const Polybius = {
  el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  },

  async fetchJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.error || body.detail || `HTTP ${response.status}`);
    }
    return body;
  },

  actorLabel(actor) {
    if (!actor) return "—";
    return actor.code ? `${actor.code} (${actor.text})` : actor.text;
  },

  // Marks (spans relative to `text`) that do not overlap, in order.
  disjoint(marks) {
    const sorted = marks.filter((m) => m.start < m.end).sort((a, b) => a.start - b.start);
    const out = [];
    let end = -1;
    for (const m of sorted) {
      if (m.start >= end) {
        out.push(m);
        end = m.end;
      }
    }
    return out;
  },

  // A fragment of `text` with <mark> elements around the given spans.
  highlight(text, marks) {
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const m of Polybius.disjoint(marks)) {
      if (m.start > at) fragment.appendChild(document.createTextNode(text.slice(at, m.start)));
      const mark = Polybius.el("mark", m.role, text.slice(m.start, m.end));
      if (m.title) mark.title = m.title;
      fragment.appendChild(mark);
      at = m.end;
    }
    if (at < text.length) fragment.appendChild(document.createTextNode(text.slice(at)));
    return fragment;
  },

  // Trigger and actor spans of an event, relative to its sentence.
  evidenceMarks(event) {
    const s = event.sentence;
    const marks = [];
    const spans = [["trigger", event.trigger], ["source", event.source], ["target", event.target],
      ["location", event.location]];
    for (const [role, span] of spans) {
      if (span && span.start >= s.start && span.start < span.end && span.end <= s.end) {
        marks.push({ role, start: span.start - s.start, end: span.end - s.start });
      }
    }
    return marks;
  },

  eventLabel(event) {
    const type = event.plover.event_type || "STATEMENT";
    return `${type} · CAMEO ${event.cameo.code} ${event.cameo.label || ""}`.trim();
  },

  eventRow(event, lastCell) {
    const row = Polybius.el("tr");
    row.dataset.eventId = event.event_id;
    row.appendChild(Polybius.el("td", null, event.date || "undated"));
    row.appendChild(Polybius.el("td", null, Polybius.actorLabel(event.source)));
    row.appendChild(Polybius.el("td", null, Polybius.eventLabel(event)));
    row.appendChild(Polybius.el("td", null, Polybius.actorLabel(event.target)));
    const evidence = Polybius.el("td", "evidence");
    evidence.appendChild(Polybius.highlight(event.sentence.text, Polybius.evidenceMarks(event)));
    row.appendChild(evidence);
    row.appendChild(lastCell);
    return row;
  },
};
