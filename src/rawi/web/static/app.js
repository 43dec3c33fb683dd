// rawi's page: hash routes over the HTTP API (/api/…), one view at a time in <main>.
//
// Everything shown comes from the ledger or the extractor and is untrusted: views build
// DOM with dom.js (text nodes and elements), never innerHTML.

import { articleLink, el, entityLink, safeHref, wikidataLink } from "./dom.js";
import { highlighted, quantityText, ROLE_LABEL, ROLES, speakerOf } from "./highlight.js";

const main = document.getElementById("view");
const tip = document.getElementById("tip");
const PAGE = 50;
const STANCES = ["assert", "claim", "confirm", "deny", "estimate", "warn", "call", "praise", "other"];

// -- API ------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.code = e.code || `HTTP_${status}`;
    this.fix = e.fix || "";
  }
}

async function api(path, init) {
  const res = await fetch(path, { headers: { Accept: "application/json" }, ...init });
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v != null) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

// -- tooltip: one shared element, shown for the hovered or focused mark -------------------

let marksInfo = new WeakMap();
// Tooltip lines that are article text take their own direction; the others are LTR sentences.
const AUTO_DIR = new Set(["text", "entity", "unit"]);
let tipFor = null;
let pinned = false;

function showTip(mark) {
  const lines = marksInfo.get(mark);
  if (!lines) return;
  if (tipFor && tipFor !== mark) tipFor.removeAttribute("aria-describedby");
  tipFor = mark;
  const dl = el("dl", {}, lines.map(([k, v]) => [el("dt", {}, k), el("dd", { dir: AUTO_DIR.has(k) ? "auto" : "ltr" }, v)]));
  tip.replaceChildren(dl);
  tip.dataset.role = mark.dataset.role;
  tip.hidden = false;
  mark.setAttribute("aria-describedby", "tip");
  const r = mark.getClientRects()[0] || mark.getBoundingClientRect();
  const w = tip.offsetWidth;
  const left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - w - 8));
  tip.style.left = `${left}px`;
  tip.style.top = `${r.bottom + window.scrollY + 6}px`;
}

function hideTip() {
  if (tipFor) tipFor.removeAttribute("aria-describedby");
  tipFor = null;
  pinned = false;
  tip.hidden = true;
}

function wireTips(root) {
  const markOf = (ev) => (ev.target instanceof Element ? ev.target.closest("mark.m") : null);
  root.addEventListener("mouseover", (ev) => {
    const m = markOf(ev);
    if (m && !pinned) showTip(m);
  });
  root.addEventListener("mouseleave", () => {
    if (!pinned && document.activeElement?.closest?.("mark.m") == null) hideTip();
  });
  root.addEventListener("focusin", (ev) => {
    const m = markOf(ev);
    if (m) {
      pinned = false;
      showTip(m);
    }
  });
  root.addEventListener("focusout", (ev) => {
    if (!(ev.relatedTarget instanceof Element && ev.relatedTarget.closest("mark.m"))) hideTip();
  });
  // Enter or a click keeps the panel on the mark while the mouse wanders off.
  root.addEventListener("click", (ev) => {
    const m = markOf(ev);
    if (m) {
      showTip(m);
      pinned = true;
    }
  });
  root.addEventListener("keydown", (ev) => {
    const m = markOf(ev);
    if (m && ev.key === "Enter") {
      showTip(m);
      pinned = true;
      ev.preventDefault();
    }
  });
}

document.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape" && !tip.hidden) hideTip();
});

// -- shared pieces ----------------------------------------------------------------------

function heading(text) {
  // Focus moves to the new view's heading so keyboard and screen-reader users start there.
  return el("h1", { tabindex: "-1" }, text);
}

function errorBox(err) {
  const fix = err instanceof ApiError && err.fix ? el("p", {}, err.fix) : null;
  const code = err instanceof ApiError ? `${err.code}: ` : "";
  return el("div", { class: "error", role: "alert" }, el("p", {}, `${code}${err.message}`), fix);
}

function table(columns, rows, caption) {
  return el("div", { class: "table-wrap" },
    el("table", {}, caption ? el("caption", {}, caption) : null,
      el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col", class: `col-${c}` }, c)))),
      el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c, i) => el("td", { class: `col-${columns[i]}` }, c)))))));
}

function filterForm(fields, values, onSubmit, submitLabel = "Apply") {
  const form = el("form", { class: "filters" });
  for (const f of fields) {
    const id = `f-${f.name}`;
    let input;
    if (f.options) {
      input = el("select", { id, name: f.name }, el("option", { value: "" }, f.any || "any"),
        f.options.map((o) => el("option", { value: o, selected: values[f.name] === o }, o)));
    } else {
      input = el("input", { id, name: f.name, type: f.type || "text", value: values[f.name] || "",
        dir: "auto", placeholder: f.placeholder || "" });
    }
    form.append(el("label", { for: id }, f.label), input);
  }
  form.append(el("button", { type: "submit" }, submitLabel));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    onSubmit(Object.fromEntries(new FormData(form).entries()));
  });
  return form;
}

function pager(route, params, count, offset, limit = PAGE) {
  const nav = el("nav", { class: "pager", "aria-label": "pages" });
  if (offset > 0) nav.append(el("a", { href: `#/${route}${query({ ...params, offset: Math.max(0, offset - limit) })}` }, "← previous"));
  if (count >= limit) nav.append(el("a", { href: `#/${route}${query({ ...params, offset: offset + limit })}` }, "next →"));
  return nav;
}

function legend() {
  return el("ul", { class: "legend", "aria-label": "colours" },
    ROLES.map((r) => el("li", {}, el("span", { class: `m m-${r} swatch` }, r), ` ${ROLE_LABEL[r]}`)));
}

function claimValue(c) {
  return quantityText({ value: c.value, qualifier: c.qualifier, high: c.high === Infinity ? null : c.high, unit: null });
}

/** A sentence with its evidence span highlighted (the first place the evidence occurs in it). */
function evidenceSentence(context, evidence) {
  const p = el("p", { class: "evidence", dir: "auto" });
  const i = context && evidence ? context.indexOf(evidence) : -1;
  if (i < 0) {
    p.append(el("mark", { class: "m m-quantity" }, evidence || ""));
    return p;
  }
  p.append(context.slice(0, i), el("mark", { class: "m m-quantity" }, evidence), context.slice(i + evidence.length));
  return p;
}

// -- views ---------------------------------------------------------------------------------

async function viewArticles(_rest, params) {
  const offset = Number(params.get("offset") || 0);
  const q = params.get("q") || "";
  const data = await api(`/api/articles${query({ q, limit: PAGE, offset })}`);
  const rows = data.items.map((a) => [
    articleLink(a.doc_key, a.title || a.given_id || a.doc_key),
    a.source || "", a.published || "", a.lang,
    String(a.attributions), String(a.quantities),
    a.syndicated_of ? articleLink(a.syndicated_of, "copy") : "",
  ]);
  return [
    heading("Articles"),
    filterForm([{ name: "q", label: "Search", type: "search", placeholder: "words in the text or title" }],
      { q }, (v) => { location.hash = `#/articles${query({ q: v.q })}`; }, "Search"),
    el("p", { class: "count" }, data.total != null ? `${data.total} articles` : `${rows.length} shown`),
    table(["title", "outlet", "published", "lang", "claims", "figures", "syndicated"], rows),
    pager("articles", { q }, rows.length, offset),
  ];
}

function articleBody(analysis) {
  const { body, info, entities } = highlighted(analysis);
  marksInfo = info;
  wireTips(body);
  const attRows = (analysis.attributions || []).map((a) => {
    const go = el("button", { type: "button", class: "link" }, a.id);
    go.addEventListener("click", () => {
      const mark = [...body.querySelectorAll("mark.m-content")].find((m) => m.dataset.att.split(" ").includes(a.id));
      if (mark) mark.focus();
    });
    return [go, speakerOf(a, entities), (a.via || []).map((v) => v.text).join(" < "), a.cue ? a.cue.text : "",
      a.stance, el("span", { dir: "auto" }, a.content.text)];
  });
  const ents = (analysis.entities || []).map((e) => el("li", {},
    entityLink(e.link || e.name, e.name), ` ${e.type} · ${e.mentions.length} mentions `, wikidataLink(e.link)));
  return [
    legend(),
    body,
    el("h2", {}, "Attributions"),
    table(["id", "speaker", "via", "cue", "stance", "content"], attRows),
    el("h2", {}, "Entities"),
    el("ul", { class: "entities" }, ents),
  ];
}

async function viewArticle(rest) {
  const key = decodeURIComponent(rest);
  const data = await api(`/api/articles/${encodeURIComponent(key)}`);
  const a = data.article;
  const meta = el("p", { class: "meta" }, [a.source, a.published, a.lang].filter(Boolean).join(" · "), " ",
    a.url && safeHref(a.url) ? el("a", { href: a.url, rel: "noopener noreferrer" }, "original") : null,
    a.syndicated_of ? [" · copy of ", articleLink(a.syndicated_of)] : null);
  return [el("h1", { tabindex: "-1", dir: "auto" }, a.title || a.given_id || a.doc_key), meta,
    ...articleBody(data.analysis)];
}

async function viewClaims(_rest, params) {
  const values = Object.fromEntries(["entity", "source", "since", "until", "stance"].map((k) => [k, params.get(k) || ""]));
  const offset = Number(params.get("offset") || 0);
  const data = await api(`/api/claims${query({ ...values, limit: PAGE, offset })}`);
  const rows = data.items.map((c) => [
    c.published || "",
    c.speaker_key ? entityLink(c.speaker_key, c.speaker || c.speaker_key) : (c.speaker || ""),
    c.cue || "", c.stance,
    el("span", { dir: "auto" }, c.content),
    articleLink(c.doc_key, c.outlet || c.doc_key),
  ]);
  return [
    heading("Claims"),
    filterForm([
      { name: "entity", label: "Entity", placeholder: "name, key or Q-id" },
      { name: "source", label: "Outlet" },
      { name: "since", label: "Since", type: "date" },
      { name: "until", label: "Until", type: "date" },
      { name: "stance", label: "Stance", options: STANCES },
    ], values, (v) => { location.hash = `#/claims${query(v)}`; }),
    table(["published", "speaker", "cue", "stance", "content", "article"], rows),
    rows.length ? null : el("p", {}, "No claims match."),
    pager("claims", values, rows.length, offset),
  ];
}

function evidenceCard(c, label) {
  return el("article", { class: "card" },
    el("h3", {}, label, " ", el("span", { dir: "auto" }, c.source || c.outlet || "(the outlet)")),
    el("dl", {},
      el("dt", {}, "said on"), el("dd", {}, c.said_on || c.published || "?"),
      el("dt", {}, "value"), el("dd", { class: "value" }, claimValue(c)),
      el("dt", {}, "refers to"), el("dd", {}, c.as_of || "?"),
      el("dt", {}, "confidence"), el("dd", {}, String(c.confidence))),
    evidenceSentence(c.context, c.text),
    el("p", {}, articleLink(c.doc_key, "open the article")));
}

async function viewConflicts(_rest, params) {
  const kind = params.get("kind") || "all";
  const entity = params.get("entity") || "";
  const data = await api(`/api/conflicts${query({ kind, entity })}`);
  const items = data.items.map((x) => el("section", { class: `pair pair-${x.kind}` },
    el("h2", {}, el("span", { class: "kind" }, x.kind), " ", el("span", { dir: "auto" }, x.key)),
    el("details", { class: "reason" }, el("summary", {}, "why"), el("p", { dir: "ltr" }, x.reason)),
    el("div", { class: "cards" }, evidenceCard(x.a, "A"), evidenceCard(x.b, "B")),
    el("p", {}, el("a", { href: `#/timeline${query({ key: x.key })}` }, "timeline of this figure"))));
  return [
    heading("Conflicts"),
    filterForm([
      { name: "kind", label: "Kind", options: ["conflict", "revision", "contradiction"], any: "all" },
      { name: "entity", label: "Entity" },
    ], { kind: kind === "all" ? "" : kind, entity },
    (v) => { location.hash = `#/conflicts${query({ kind: v.kind || "all", entity: v.entity })}`; }),
    items.length ? el("div", { class: "board" }, items) : el("p", {}, "No conflicts found."),
  ];
}

async function viewTimeline(_rest, params) {
  const entity = params.get("entity") || "";
  const key = params.get("key") || "";
  const form = filterForm([{ name: "entity", label: "Entity" }, { name: "key", label: "Amount key" }],
    { entity, key }, (v) => { location.hash = `#/timeline${query(v)}`; }, "Show");
  if (!entity && !key) return [heading("Timeline"), form, el("p", {}, "Give an entity or an amount's key.")];
  const data = await api(`/api/timeline${query({ entity, key })}`);
  const items = data.items.map((c) => el("li", {},
    el("span", { class: "when" }, c.as_of || c.said_on || "?"),
    el("div", { class: "what" },
      el("p", {}, el("strong", { dir: "auto" }, c.source || c.outlet || "(the outlet)"), ` · said ${c.said_on || "?"} · `,
        el("span", { dir: "auto" }, c.measure || ""), " · ", el("span", { class: "value" }, claimValue(c))),
      evidenceSentence(c.context, c.text),
      el("p", {}, articleLink(c.doc_key, "open the article")))));
  return [heading(`Timeline: ${entity || key}`), form,
    items.length ? el("ol", { class: "timeline" }, items) : el("p", {}, "No figures found.")];
}

async function viewEntity(rest) {
  const key = decodeURIComponent(rest);
  const [ents, sources, claims] = await Promise.all([
    api(`/api/entities${query({ limit: 1000 })}`),
    api(`/api/sources${query({ entity: key })}`),
    api(`/api/claims${query({ entity: key, limit: PAGE })}`),
  ]);
  const e = ents.items.find((x) => x.global_key === key || x.link === key || x.name === key);
  const facts = e ? el("p", { class: "meta" }, `${e.type} · ${e.mentions} mentions in ${e.articles} articles `,
    wikidataLink(e.link)) : el("p", { class: "meta" }, "Not in the entity list (shown by name).");
  const srcRows = sources.items.map((s) => [
    s.speaker_key ? entityLink(s.speaker_key, s.speaker || s.speaker_key) : (s.speaker || "(unnamed)"),
    el("span", { dir: "auto" }, s.via), String(s.claims), String(s.articles), s.outlets,
    [s.first, s.last].filter(Boolean).join(" – ")]);
  const claimRows = claims.items.map((c) => [c.published || "", c.cue || "", c.stance,
    el("span", { dir: "auto" }, c.content), articleLink(c.doc_key, c.outlet || c.doc_key)]);
  return [
    el("h1", { tabindex: "-1", dir: "auto" }, e ? e.name : key), facts,
    el("p", {}, el("a", { href: `#/timeline${query({ entity: key })}` }, "timeline of its figures"), " · ",
      el("a", { href: `#/claims${query({ entity: key })}` }, "all its claims")),
    el("h2", {}, "Who is quoted about it"),
    srcRows.length ? table(["speaker", "via", "claims", "articles", "outlets", "dates"], srcRows) : el("p", {}, "Nobody."),
    el("h2", {}, "What it said"),
    claimRows.length ? table(["published", "cue", "stance", "content", "article"], claimRows) : el("p", {}, "Nothing attributed."),
  ];
}

async function viewPaste() {
  const text = el("textarea", { id: "paste-text", name: "text", rows: "6", dir: "auto", lang: "ar", required: true });
  const date = el("input", { id: "paste-date", name: "published", type: "date" });
  const out = el("div", { id: "paste-out", "aria-live": "polite" });
  const form = el("form", { class: "paste" },
    el("label", { for: "paste-text" }, "Article text"), text,
    el("label", { for: "paste-date" }, "Published (resolves relative dates)"), date,
    el("button", { type: "submit" }, "Extract"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    out.replaceChildren(el("p", {}, "Extracting…"));
    try {
      const analysis = await api("/api/extract", {
        method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ text: text.value, published: date.value || null, id: null }),
      });
      out.replaceChildren(...articleBody(analysis));
    } catch (err) {
      out.replaceChildren(errorBox(err));
    }
  });
  return [heading("Paste an article"), form, out];
}

// -- router ----------------------------------------------------------------------------------

const ROUTES = {
  articles: viewArticles, article: viewArticle, claims: viewClaims, conflicts: viewConflicts,
  timeline: viewTimeline, entity: viewEntity, paste: viewPaste,
};

let generation = 0;

async function route() {
  const raw = location.hash.replace(/^#\/?/, "") || "articles";
  const qAt = raw.indexOf("?");
  const path = qAt < 0 ? raw : raw.slice(0, qAt);
  const params = new URLSearchParams(qAt < 0 ? "" : raw.slice(qAt + 1));
  const slash = path.indexOf("/");
  const name = slash < 0 ? path : path.slice(0, slash);
  const rest = slash < 0 ? "" : path.slice(slash + 1);
  const view = ROUTES[name];
  const mine = ++generation;
  hideTip();
  for (const a of document.querySelectorAll("header nav a")) {
    if (a.dataset.route === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  main.setAttribute("aria-busy", "true");
  let nodes;
  try {
    nodes = view ? await view(rest, params) : [heading("Not found"), el("p", {}, "No such page.")];
  } catch (err) {
    nodes = [heading("Error"), errorBox(err)];
  }
  if (mine !== generation) return; // a newer route started while this one waited
  main.replaceChildren(...nodes.flat().filter(Boolean));
  main.removeAttribute("aria-busy");
  main.dataset.view = name;
  document.title = `rawi · ${name}`;
  const h1 = main.querySelector("h1");
  if (h1 && document.body.dataset.loaded) h1.focus({ preventScroll: false });
  document.body.dataset.loaded = "1";
}

window.addEventListener("hashchange", route);
route();
