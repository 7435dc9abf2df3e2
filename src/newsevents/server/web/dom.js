// Small DOM helpers. Data only ever reaches the page as text nodes or attribute values:
// never through innerHTML, so an article containing <script> shows as text.

const SVG_NS = "http://www.w3.org/2000/svg";

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export async function api(path, options = {}) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error.message : response.statusText;
    throw new Error(`${response.status}: ${message}`);
  }
  return body;
}

export function status(message) {
  document.getElementById("status").textContent = message || "";
}

export const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
export const QUAD_COLOUR = { 1: "#2da44e", 2: "#1f6feb", 3: "#d4a72c", 4: "#cf222e" };

export function actorLabel(actor) {
  const where = [actor.country, actor.sector].filter(Boolean).join("/");
  return (actor.name || actor.text || "?") + (where ? ` (${where})` : "");
}

export function quadLegend(node) {
  clear(node);
  for (const [q, name] of Object.entries(QUAD)) {
    node.append(el("span", { class: `q${q}` }, `● ${q} ${name}`));
  }
}
