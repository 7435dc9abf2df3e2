// The page: hash routing between views, the article list and reader, and extraction.
import { renderLegend, renderText } from "./article.js";
import { api, clear, el, status } from "./dom.js";
import { pager, showEvents, showMap, showNetwork, showTimeline } from "./views.js";

const FILTERED = new Set(["events", "map", "timeline", "network"]);
const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];

function activate(view) {
  document.querySelectorAll(".view").forEach((v) => v.classList.toggle("active", v.id === `view-${view}`));
  const tab = view === "article" ? "articles" : view;
  document.querySelectorAll("#tabs a").forEach((a) => a.classList.toggle("active", a.dataset.view === tab));
  document.body.classList.toggle("with-filters", FILTERED.has(view));
}

let articleSearch = "";

async function showArticles(offset = 0) {
  const query = new URLSearchParams({ limit: 50, offset });
  if (articleSearch) query.set("search", articleSearch);
  const data = await api(`/api/v1/articles?${query}`);
  const list = clear(document.getElementById("article-list"));
  for (const a of data.items) {
    list.append(el("li", {},
      el("a", { href: `#article/${encodeURIComponent(a.id)}`, class: "article-link" }, a.title || a.id),
      el("span", { class: "meta" }, ` ${a.published || ""} ${a.source || ""} · ${a.events} events`)));
  }
  pager(document.getElementById("article-pager"), offset, data.total, showArticles);
}

function showResult(data, evidence) {
  const a = data.article;
  document.getElementById("article-title").textContent = a.title || "(untitled)";
  document.getElementById("article-meta").textContent = [a.published, a.source, a.url, `id ${a.id}`].filter(Boolean).join(" · ");
  renderLegend(document.getElementById("legend"));
  const detail = document.getElementById("span-detail");
  clear(detail).append(el("p", { class: "hint" }, `${data.events.length} events, ${data.quotes.length} quotes, ${data.quantities.length} figures, ${data.places.length} places, ${data.times.length} dates. Hover or select a highlighted span to see its normalised value.`));
  const target = renderText(document.getElementById("article-text"), detail, data, evidence);
  if (target) target.scrollIntoView({ block: "center" });
}

async function showArticle(id, range) {
  const data = await api(`/api/v1/articles/${encodeURIComponent(id)}`);
  const evidence = range ? range.split("-").map(Number) : null;
  showResult(data, evidence && evidence.every(Number.isFinite) ? evidence : null);
}

async function extract(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const token = String(form.get("token") || "");
  sessionStorage.setItem("newsevents-token", token);
  const body = { text: String(form.get("text")) };
  if (form.get("published")) body.published = String(form.get("published"));
  status("extracting…");
  const data = await api("/api/v1/extract", { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  status("");
  activate("article");
  showResult(data, null);
}

async function route() {
  const [view, id, range] = (location.hash.slice(1) || "articles").split("/").map(decodeURIComponent);
  activate(view === "article" ? "article" : view);
  status("");
  try {
    if (view === "articles") await showArticles();
    else if (view === "article") await showArticle(id, range);
    else if (view === "events") await showEvents();
    else if (view === "map") await showMap();
    else if (view === "timeline") await showTimeline();
    else if (view === "network") await showNetwork();
  } catch (error) {
    status(error.message);
  }
}

function refreshFiltered() {
  const view = (location.hash.slice(1) || "articles").split("/")[0];
  const show = { events: showEvents, map: showMap, timeline: showTimeline, network: showNetwork }[view];
  if (show) show().catch((error) => status(error.message));
}

function init() {
  const typeSelect = document.querySelector("#filters select[name=type]");
  for (const t of PLOVER) typeSelect.append(el("option", { value: t }, t));
  const filters = document.getElementById("filters");
  filters.addEventListener("submit", (e) => { e.preventDefault(); refreshFiltered(); });
  filters.addEventListener("reset", () => setTimeout(refreshFiltered, 0));
  document.getElementById("timeline-by").addEventListener("change", refreshFiltered);
  document.getElementById("events-sort").addEventListener("change", refreshFiltered);
  document.getElementById("article-search").addEventListener("submit", (e) => {
    e.preventDefault();
    articleSearch = String(new FormData(e.target).get("search") || "").trim();
    showArticles().catch((error) => status(error.message));
  });
  const extractForm = document.getElementById("extract-form");
  extractForm.elements.token.value = sessionStorage.getItem("newsevents-token") || "";
  extractForm.addEventListener("submit", (e) => extract(e).catch((error) => status(error.message)));
  window.addEventListener("hashchange", route);
  route();
}

init();
