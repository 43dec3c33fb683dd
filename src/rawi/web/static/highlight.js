// The highlighted article: the extraction's spans as nested <mark> elements over the text.
//
// Article text is untrusted. The DOM is built from text nodes and elements only (never
// innerHTML), so markup in an article is shown as characters and nothing in it can run.
// Spans are half-open and count code points (the extraction contract), not UTF-16 units,
// so the text is indexed as an array of code points.

import { el } from "./dom.js";

export const ROLES = ["content", "source", "relay", "cue", "time", "quantity"];

// Same start and end: the earlier role is the outer element.
const PRIORITY = Object.fromEntries(ROLES.map((r, i) => [r, i]));

export const ROLE_LABEL = {
  source: "source (who)",
  cue: "cue (reporting verb)",
  content: "content (what was said)",
  relay: "relay (via)",
  time: "time",
  quantity: "quantity",
};

const QUALIFIER = { eq: "=", approx: "≈ about", gt: "> more than", ge: "≥ at least", lt: "< less than",
  le: "≤ at most", range: "range" };

/** Every span of an analysis as {start, end, role, atts, data}; one entry per distinct (role, start, end). */
export function collectSpans(analysis) {
  const byKey = new Map();
  const add = (start, end, role, att, data) => {
    if (start == null || end == null || end <= start) return;
    const key = `${role}:${start}:${end}`;
    let s = byKey.get(key);
    if (!s) {
      s = { start, end, role, atts: [], data };
      byKey.set(key, s);
    }
    if (att && !s.atts.includes(att)) s.atts.push(att);
  };
  const atts = analysis.attributions || [];
  for (const a of atts) {
    add(a.content.start, a.content.end, "content", a, a.content);
    if (a.source && a.source.start != null) add(a.source.start, a.source.end, "source", a, a.source);
    if (a.cue) add(a.cue.start, a.cue.end, "cue", a, a.cue);
    for (const v of a.via || []) add(v.start, v.end, "relay", a, v);
  }
  // Times and figures belong to the attributions whose content holds them.
  const holders = (t) => atts.filter((a) => a.content.start <= t.start && t.end <= a.content.end);
  for (const t of analysis.times || []) add(t.start, t.end, "time", null, t);
  for (const q of analysis.quantities || []) add(q.start, q.end, "quantity", null, q);
  for (const s of byKey.values()) {
    if (s.role === "time" || s.role === "quantity") s.atts = holders(s);
  }
  return [...byKey.values()].sort((x, y) => x.start - y.start || y.end - x.end || PRIORITY[x.role] - PRIORITY[y.role]);
}

/**
 * Render `text` with `spans` into `root`. Spans that nest become nested elements; a span that
 * crosses the end of an enclosing one is split there, the later piece marked as a continuation.
 */
export function renderMarks(root, text, spans, makeMark) {
  const cps = Array.from(text);
  const queue = spans.map((s) => ({ ...s, cont: false }));
  const stack = [{ node: root, end: cps.length }];
  let pos = 0;
  const top = () => stack[stack.length - 1];
  const emitTo = (p) => {
    if (p > pos) {
      top().node.append(document.createTextNode(cps.slice(pos, p).join("")));
      pos = p;
    }
  };
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i];
    const start = Math.max(0, Math.min(s.start, cps.length));
    let end = Math.min(s.end, cps.length);
    while (stack.length > 1 && top().end <= start) {
      emitTo(top().end);
      stack.pop();
    }
    emitTo(start);
    if (end > top().end) {
      // Crossing: keep the part inside the parent, queue the rest in its sorted place.
      const rest = { ...s, start: top().end, cont: true };
      end = top().end;
      let j = i + 1;
      while (j < queue.length && (queue[j].start < rest.start ||
             (queue[j].start === rest.start && queue[j].end >= rest.end))) j++;
      queue.splice(j, 0, rest);
    }
    if (end <= start) continue;
    const node = makeMark(s, s.cont);
    top().node.append(node);
    stack.push({ node, end });
  }
  while (stack.length > 1) {
    emitTo(top().end);
    stack.pop();
  }
  emitTo(cps.length);
}

/** The speaker of an attribution: its source entity's name, else the source span's text. */
export function speakerOf(att, entities) {
  const e = att.source && att.source.entity ? entities.get(att.source.entity) : null;
  return e ? e.name : (att.source && att.source.text) || "(unnamed source)";
}

export function quantityText(q) {
  const value = q.qualifier === "range" && q.high != null ? `${q.value}–${q.high}` : String(q.value);
  const qual = q.qualifier === "range" || q.qualifier === "eq" ? "" : `${QUALIFIER[q.qualifier] || q.qualifier} `;
  return `${qual}${value}${q.unit ? ` ${q.unit}` : ""}`;
}

/** The tooltip's lines for one mark: [label, value] pairs, all plain text. */
export function describe(span, entities) {
  const lines = [["role", ROLE_LABEL[span.role]], ["text", span.text]];
  const d = span.data;
  if (span.role === "time") lines.push(["value", `${d.type} ${d.value}`]);
  if (span.role === "quantity") {
    lines.push(["value", quantityText(d)]);
    lines.push(["qualifier", d.qualifier]);
    if (d.unit) lines.push(["unit", d.unit]);
  }
  if ((span.role === "source" || span.role === "relay") && d.entity) {
    const e = entities.get(d.entity);
    if (e) lines.push(["entity", `${e.name} (${e.type}${e.link ? `, ${e.link}` : ""})`]);
  }
  for (const a of span.atts) {
    lines.push(["attribution", `${a.id} · ${speakerOf(a, entities)} · ${a.stance} · ${a.kind}`]);
  }
  if (!span.atts.length && (span.role === "time" || span.role === "quantity")) {
    lines.push(["attribution", "none (the article's own voice)"]);
  }
  return lines;
}

/** The article body: a <div> with every span highlighted; marks carry their description. */
export function highlighted(analysis) {
  const entities = new Map((analysis.entities || []).map((e) => [e.id, e]));
  const cps = Array.from(analysis.text);
  const spans = collectSpans(analysis);
  const body = el("div", { class: "article-text", dir: analysis.lang === "ar" ? "rtl" : "ltr",
    lang: analysis.lang || "" });
  const info = new WeakMap();
  renderMarks(body, analysis.text, spans, (s, cont) => {
    const text = cps.slice(s.start, s.end).join("");
    const node = el("mark", { class: `m m-${s.role}${cont ? " m-cont" : ""}`, "data-role": s.role,
      "data-att": s.atts.map((a) => a.id).join(" ") });
    // A crossing span's second piece is hoverable but not a second tab stop.
    if (!cont) node.tabIndex = 0;
    info.set(node, describe({ ...s, text }, entities));
    return node;
  });
  return { body, info, entities };
}
