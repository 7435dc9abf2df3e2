// One article's text with its layers highlighted. The text is cut at every span boundary
// into segments; each segment is a <span> whose classes name the layers covering it, and
// hovering or selecting it shows the normalised values of those items.
import { actorLabel, clear, el, QUAD } from "./dom.js";

const LAYERS = ["actor", "place", "time", "quantity", "quote", "event"];
const LAYER_NAMES = { actor: "actors", place: "places", time: "dates", quantity: "figures", quote: "quotes", event: "events" };

export function renderLegend(node) {
  clear(node);
  for (const layer of LAYERS) node.append(el("span", { class: `hl-${layer}` }, LAYER_NAMES[layer]));
}

function items(data) {
  const actors = new Map(data.actors.map((a) => [a.id, a]));
  const out = [];
  for (const m of data.actor_mentions) out.push({ layer: "actor", start: m.start, end: m.end, value: m, actor: actors.get(m.actor_id) });
  for (const p of data.places) out.push({ layer: "place", start: p.start, end: p.end, value: p });
  for (const t of data.times) out.push({ layer: "time", start: t.start, end: t.end, value: t });
  for (const q of data.quantities) out.push({ layer: "quantity", start: q.start, end: q.end, value: q });
  for (const q of data.quotes) out.push({ layer: "quote", start: q.start, end: q.end, value: q, actor: actors.get(q.speaker_actor_id) });
  for (const e of data.events) {
    if (e.trigger && e.trigger.start !== null) out.push({ layer: "event", start: e.trigger.start, end: e.trigger.end, value: e });
  }
  return out.filter((i) => i.end > i.start);
}

export function describe(item) {
  const v = item.value;
  switch (item.layer) {
    case "actor": {
      const a = item.actor || {};
      return [["actor", a.name || v.text], ["country", a.country], ["sector", a.sector], ["code", a.code], ["mention", v.kind]];
    }
    case "place":
      return [["place", v.name], ["country", v.country], ["admin1", v.admin1], ["precision", v.precision],
        ["coordinates", v.lat === null ? null : `${v.lat.toFixed(4)}, ${v.lon.toFixed(4)}`], ["GeoNames", v.geonameid]];
    case "time":
      return [["date", v.value], ["type", v.type], ["granularity", v.granularity]];
    case "quantity":
      return [["value", v.value_max !== null ? `${v.value}–${v.value_max}` : v.value], ["unit", v.unit], ["kind", v.kind], ["of", v.of], ["qualifier", v.qualifier]];
    case "quote":
      return [["quote", v.kind], ["speaker", item.actor ? actorLabel(item.actor) : (v.speaker ? v.speaker.text : "unknown")], ["cue", v.cue ? v.cue.text : null]];
    case "event":
      return [["event", v.event + (v.mode ? ` / ${v.mode}` : "")], ["actor", v.actor.map(actorLabel).join("; ")],
        ["recipient", v.recipient.map(actorLabel).join("; ")], ["place", v.event_loc ? v.event_loc.name : null],
        ["date", v.date], ["quad class", v.quad_class ? `${v.quad_class} ${QUAD[v.quad_class]}` : null],
        ["CAMEO / Goldstein", `${v.cameo_root || "?"} / ${v.goldstein ?? "?"}`],
        ["modality", v.modality + (v.negated ? ", negated" : "")]];
    default:
      return [];
  }
}

function summary(item) {
  return describe(item).filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([key, value]) => `${key}: ${value}`).join("; ");
}

function detailBlock(item) {
  const dl = el("dl");
  for (const [key, value] of describe(item)) {
    if (value === null || value === undefined || value === "") continue;
    dl.append(el("dt", {}, key), el("dd", {}, String(value)));
  }
  return el("div", { class: "item" }, el("h4", { class: `hl-${item.layer}` }, `${item.layer}: “${item.value.text || item.value.trigger?.text || ""}”`), dl);
}

export function renderText(container, detail, data, evidence) {
  const text = data.article.text;
  const all = items(data);
  const cuts = new Set([0, text.length]);
  for (const i of all) { cuts.add(i.start); cuts.add(i.end); }
  if (evidence) { cuts.add(evidence[0]); cuts.add(evidence[1]); }
  const bounds = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  clear(container);
  let target = null;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [start, end] = [bounds[k], bounds[k + 1]];
    const covering = all.filter((i) => i.start <= start && i.end >= end);
    const classes = [...new Set(covering.map((i) => `hl-${i.layer}`))];
    const inEvidence = evidence && start >= evidence[0] && end <= evidence[1];
    if (inEvidence) classes.push("evidence");
    const piece = text.slice(start, end);
    if (!covering.length) {
      if (inEvidence) {
        const span = el("span", { class: "evidence", "data-start": start }, piece);
        target = target || span;
        container.append(span);
      } else container.append(document.createTextNode(piece));
      continue;
    }
    const span = el("span", { class: ["seg", ...classes].join(" "), "data-start": start, "data-end": end, title: covering.map(summary).join("\n"), tabindex: 0 }, piece);
    const show = () => { clear(detail).append(...covering.map(detailBlock)); };
    span.addEventListener("mouseenter", show);
    span.addEventListener("focus", show);
    span.addEventListener("click", () => {
      container.querySelectorAll(".seg.selected").forEach((s) => s.classList.remove("selected"));
      span.classList.add("selected");
      show();
    });
    if (inEvidence) target = target || span;
    container.append(span);
  }
  return target;
}
