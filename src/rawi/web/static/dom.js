// Building DOM safely: elements, attributes set one by one, children as text nodes.
// Nothing here parses HTML, so data from the ledger can never become markup or script.

/** el("a", {href: "#/x", class: "c"}, "text", child) -> element. Strings become text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) throw new Error(`el: no event attributes (${k})`);
    if (k === "href") {
      const safe = safeHref(String(v));
      if (safe !== null) node.setAttribute("href", safe);
      continue;
    }
    node.setAttribute(k, v === true ? "" : String(v));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** Our own hash routes, and http(s) URLs; anything else (javascript:, data:, …) gets no link. */
export function safeHref(url) {
  if (url.startsWith("#/")) return url;
  try {
    const u = new URL(url, window.location.href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** A link to a stored article's view, or plain text when there is no key. */
export function articleLink(docKey, label) {
  return el("a", { href: `#/article/${encodeURIComponent(docKey)}` }, label ?? docKey);
}

export function entityLink(key, label) {
  return el("a", { href: `#/entity/${encodeURIComponent(key)}` }, label ?? key);
}

/** Wikidata ids only: an entity's link is data, and only this shape becomes a URL. */
export function wikidataLink(qid) {
  return /^Q[0-9]+$/.test(qid || "") ? el("a", { href: `https://www.wikidata.org/wiki/${qid}`,
    rel: "noopener noreferrer" }, qid) : null;
}
