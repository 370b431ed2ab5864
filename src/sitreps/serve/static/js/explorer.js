// The explorer page: filters, map, timeline and lists, all reading one shared state.

import { getJSON } from "./api.js";
import { el } from "./dom.js";
import { createLists } from "./list.js";
import { createMap, drawLegend } from "./map.js";
import { createState } from "./state.js";
import { createTimeline } from "./timeline.js";

const $ = (id) => document.getElementById(id);
const state = createState();

function fillSelect(select, counts, current) {
  for (const [value, n] of Object.entries(counts)) {
    if (value === "unknown") continue;
    select.append(el("option", { text: `${value} (${n.toLocaleString("en")})`, attrs: { value } }));
  }
  if (current) select.value = current;
}

function bindText(input, key) {
  input.value = state.get(key) || "";
  input.addEventListener("change", () => state.set({ [key]: input.value.trim() }));
}

function drawChips() {
  const chips = $("chips");
  chips.textContent = "";
  const chip = (label, keys) =>
    chips.append(
      el("span", { class: "chip" }, [
        label,
        (() => {
          const button = el("button", { text: "×", attrs: { type: "button", "aria-label": `remove ${label}` } });
          button.addEventListener("click", () => state.set(Object.fromEntries(keys.map((k) => [k, null]))));
          return button;
        })(),
      ]),
    );
  const from = state.get("from");
  const to = state.get("to");
  if (from || to) chip(`dates ${from || "…"} – ${to || "…"}`, ["from", "to"]);
  if (state.get("bbox")) chip("map area", ["bbox"]);
  if (state.get("q")) chip(`search “${state.get("q")}”`, ["q"]);
}

function fillFilters(stats) {
  fillSelect($("f-plover"), stats.events_by_plover, state.get("plover"));
  fillSelect($("f-acled"), stats.events_by_acled, state.get("acled"));
  fillSelect($("f-country"), stats.events_by_country, state.get("country"));
  drawLegend($("legend"), Object.keys(stats.events_by_plover).filter((t) => t !== "unknown"));
}

async function start() {
  // The map, timeline and lists load at once; the filters' choices arrive with the stats beside them.
  const stats = getJSON("/api/stats");
  for (const [id, key] of [["f-plover", "plover"], ["f-acled", "acled"], ["f-country", "country"]]) {
    $(id).addEventListener("change", () => state.set({ [key]: $(id).value }));
  }
  bindText($("f-actor"), "actor");
  bindText($("f-claimant"), "claimant");
  $("search-q").value = state.get("q") || "";
  $("f-reset").addEventListener("click", () => {
    for (const id of ["f-plover", "f-acled", "f-country", "f-actor", "f-claimant"]) $(id).value = "";
    $("search-q").value = "";
    state.set({ from: null, to: null, plover: null, acled: null, country: null, actor: null, claimant: null, q: null, bbox: null });
  });
  const search = document.querySelector("form.search");
  search.addEventListener("submit", (e) => {
    e.preventDefault();
    state.set({ q: $("search-q").value.trim() });
  });

  createMap($("map"), state, $("map-note"));
  createTimeline($("timeline"), state, {
    title: $("timeline-title"),
    clear: $("timeline-clear"),
    zoom: $("timeline-zoom"),
    unzoom: $("timeline-unzoom"),
  });
  const lists = createLists(state, {
    events: $("event-list"),
    articles: $("article-list"),
    eventsTotal: $("events-total"),
    articlesTotal: $("articles-total"),
    tabEvents: $("tab-events"),
    tabArticles: $("tab-articles"),
    more: $("more"),
  });
  state.subscribe((changes) => {
    drawChips();
    if ("q" in changes && changes.q) lists.select("articles");
  });
  drawChips();
  if (state.get("q")) lists.select("articles");
  fillFilters(await stats);
  document.body.dataset.ready = "true";
}

start().catch((error) => {
  document.body.dataset.ready = "error";
  $("map-note").textContent = `Could not load: ${error.message}`;
});
