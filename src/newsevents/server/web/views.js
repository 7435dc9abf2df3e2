// The events table, map, timeline and actor network. All four read the shared filter form.
import { actorLabel, api, clear, el, QUAD, QUAD_COLOUR, quadLegend, svg } from "./dom.js";

const PAGE = 50;

export function filterQuery() {
  const form = document.getElementById("filters");
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form).entries()) {
    if (String(value).trim()) params.set(key, String(value).trim());
  }
  return params;
}

function evidenceLink(record) {
  const s = record.sentence || {};
  return `#article/${encodeURIComponent(record.article_id)}/${s.start}-${s.end}`;
}

export async function showEvents(offset = 0) {
  const params = filterQuery();
  const sort = document.getElementById("events-sort").value;
  const data = await api(`/api/v1/events?${params}&limit=${PAGE}&offset=${offset}&sort=${encodeURIComponent(sort)}`);
  const body = clear(document.querySelector("#events-table tbody"));
  for (const r of data.items) {
    body.append(el("tr", { "data-id": r.id },
      el("td", {}, r.date || ""),
      el("td", {}, r.event + (r.mode ? ` / ${r.mode}` : "") + (r.negated ? " (negated)" : "")),
      el("td", {}, r.actor.map(actorLabel).join("; ")),
      el("td", {}, r.recipient.map(actorLabel).join("; ")),
      el("td", {}, r.event_loc ? r.event_loc.name : ""),
      el("td", { class: `q${r.quad_class}` }, r.quad_class ? String(r.quad_class) : ""),
      el("td", { class: "evidence-cell" }, el("a", { href: evidenceLink(r), class: "evidence-link" }, r.event_text || "(sentence)"))));
  }
  document.getElementById("events-total").textContent = `(${data.total} events)`;
  for (const format of ["csv", "json"]) {
    const query = new URLSearchParams(params);
    query.set("format", format);
    query.set("sort", sort);
    document.getElementById(`download-${format}`).href = `/api/v1/events/export?${query}`;
  }
  pager(document.getElementById("events-pager"), offset, data.total, showEvents);
}

export function pager(node, offset, total, go) {
  clear(node);
  if (offset > 0) node.append(el("button", { onclick: () => go(Math.max(0, offset - PAGE)) }, "← previous"));
  node.append(`${total ? offset + 1 : 0}–${Math.min(offset + PAGE, total)} of ${total} `);
  if (offset + PAGE < total) node.append(el("button", { onclick: () => go(offset + PAGE) }, "next →"));
}

let world = null;

async function worldOutline() {
  if (!world) world = await api("/world.json");
  return world;
}

function ringPath(ring) {
  // Rings that cross the antimeridian jump 360 degrees: start a new subpath there
  // instead of drawing a line across the whole map.
  let previous = null;
  return ring.map(([lon, lat]) => {
    const jump = previous === null || Math.abs(lon - previous) > 180;
    previous = lon;
    return `${jump ? "M" : "L"}${lon},${-lat}`;
  }).join("") + "Z";
}

export async function showMap() {
  const map = document.getElementById("map");
  const [outline, data] = await Promise.all([worldOutline(), api(`/api/v1/map?${filterQuery()}`)]);
  clear(map);
  const land = svg("g", { class: "land" });
  for (const country of outline.countries) {
    land.append(svg("path", { class: "country", d: country.rings.map(ringPath).join("") }, svg("title", {}, country.name)));
  }
  map.append(land);
  const dots = svg("g", { class: "points" });
  const biggest = Math.max(1, ...data.points.map((p) => p.reports));
  for (const point of data.points) {
    const r = 0.8 + 3.5 * Math.sqrt(point.reports / biggest);
    const dot = svg("circle", { class: "point", cx: point.lon, cy: -point.lat, r, fill: QUAD_COLOUR[point.quad_class] || "#666", "data-reports": point.reports },
      svg("title", {}, `${point.place}: ${point.reports} reports`));
    dot.addEventListener("click", () => {
      map.querySelectorAll(".point.selected").forEach((d) => d.classList.remove("selected"));
      dot.classList.add("selected");
      pointDetail(point);
    });
    dots.append(dot);
  }
  map.append(dots);
  quadLegend(document.getElementById("map-legend"));
  document.getElementById("map-legend").append(el("span", {}, `${data.points.length} places; dot area ∝ reports`));
}

function pointDetail(point) {
  const detail = clear(document.getElementById("map-detail"));
  detail.append(el("h4", {}, `${point.place || "?"} (${point.country || "?"})`),
    el("p", { class: "meta" }, `${point.reports} reports in ${point.articles} articles; ${point.lat.toFixed(3)}, ${point.lon.toFixed(3)}`));
  const list = el("ul");
  for (const e of point.events) {
    list.append(el("li", {}, el("strong", {}, `${e.event} ${e.date || ""} `),
      el("a", { href: `#article/${encodeURIComponent(e.article_id)}` }, e.event_text || "(sentence)")));
  }
  detail.append(list);
}

const TYPE_COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#1f77b4"];

export async function showTimeline() {
  const by = document.getElementById("timeline-by").value;
  const data = await api(`/api/v1/timeline?${filterQuery()}&by=${by}`);
  const periods = [...new Set(data.series.map((s) => s.period))].sort();
  const types = [...new Set(data.series.map((s) => s.type))].sort();
  const colour = (t) => TYPE_COLOURS[types.indexOf(t) % TYPE_COLOURS.length];
  const totals = new Map(periods.map((p) => [p, 0]));
  for (const s of data.series) totals.set(s.period, totals.get(s.period) + s.events);
  const max = Math.max(1, ...totals.values());
  const [width, height, left, bottom] = [Math.max(600, periods.length * 18 + 60), 320, 40, 70];
  const chart = clear(document.getElementById("timeline"));
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  chart.setAttribute("width", width);  // real pixels: a long range scrolls instead of shrinking
  chart.setAttribute("height", height);
  const barWidth = (width - left - 10) / Math.max(1, periods.length);
  const scale = (height - bottom - 10) / max;
  chart.append(svg("text", { x: 4, y: 14, "font-size": 11 }, `${max}`), svg("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: "#999" }));
  periods.forEach((period, k) => {
    let y = height - bottom;
    for (const s of data.series.filter((x) => x.period === period)) {
      const h = s.events * scale;
      y -= h;
      chart.append(svg("rect", { class: "bar", x: left + k * barWidth + 1, y, width: Math.max(1, barWidth - 2), height: h, fill: colour(s.type) }, svg("title", {}, `${period} ${s.type}: ${s.events}`)));
    }
    if (periods.length <= 40 || k % Math.ceil(periods.length / 40) === 0) {
      const x = left + k * barWidth + barWidth / 2;
      chart.append(svg("text", { x, y: height - bottom + 12, "font-size": 10, transform: `rotate(60 ${x} ${height - bottom + 12})` }, period));
    }
  });
  const legend = clear(document.getElementById("timeline-legend"));
  for (const t of types) legend.append(el("span", { style: null }, svg("svg", { width: 10, height: 10 }, svg("rect", { width: 10, height: 10, fill: colour(t) })), ` ${t}`));
}

export async function showNetwork() {
  // the strongest 40 links: at most 80 actors, all of them drawn and labelled
  const data = await api(`/api/v1/network?${filterQuery()}&limit=40`);
  const chart = clear(document.getElementById("network"));
  const [cx, cy, radius] = [450, 350, 260];
  const degree = new Map(data.nodes.map((n) => [n.id, 0]));
  for (const e of data.edges) { degree.set(e.source, degree.get(e.source) + e.events); degree.set(e.target, degree.get(e.target) + e.events); }
  const nodes = [...data.nodes].sort((a, b) => (a.country || "").localeCompare(b.country || "") || a.id.localeCompare(b.id)).slice(0, 80);
  const position = new Map(nodes.map((n, k) => {
    const angle = (2 * Math.PI * k) / Math.max(1, nodes.length) - Math.PI / 2;
    return [n.id, [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle), angle]];
  }));
  const edges = svg("g");
  for (const e of data.edges) {
    const a = position.get(e.source), b = position.get(e.target);
    if (!a || !b) continue;
    const d = e.source === e.target
      ? `M${a[0]},${a[1]} c 30,-30 30,30 0,0`
      : `M${a[0]},${a[1]} Q ${cx + (a[0] + b[0] - 2 * cx) * 0.2},${cy + (a[1] + b[1] - 2 * cy) * 0.2} ${b[0]},${b[1]}`;
    edges.append(svg("path", { class: "edge", d, stroke: QUAD_COLOUR[e.quad_class] || "#888", "stroke-width": Math.min(8, 1 + Math.log2(e.events)), "marker-end": "url(#arrow)" },
      svg("title", {}, `${e.source} → ${e.target}: ${e.events} events, quad class ${e.quad_class} ${QUAD[e.quad_class] || ""}`)));
  }
  chart.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, markerUnits: "userSpaceOnUse", orient: "auto" }, svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#666" }))), edges);
  for (const n of nodes) {
    const [x, y, angle] = position.get(n.id);
    const r = 3 + Math.sqrt(degree.get(n.id) || 1) * 2;
    const right = Math.cos(angle) >= 0;
    chart.append(svg("g", { class: "node" },
      svg("circle", { cx: x, cy: y, r, fill: "#57606a" }, svg("title", {}, actorLabel(n))),
      svg("text", { x: x + (right ? r + 3 : -r - 3), y: y + 4, "text-anchor": right ? "start" : "end" }, actorLabel(n))));
  }
  quadLegend(document.getElementById("network-legend"));
  document.getElementById("network-legend").append(el("span", {}, `${data.edges.length} actor → recipient links; width ∝ log(events)`));
}
