// The lists beside the map: events (the same filters as the map and timeline) and articles (search).
// Pages come from the API by cursor; "More" appends the next page.

import { latestOnly } from "./api.js";
import { colourOf } from "./colours.js";
import { el, articleHref, clusterHref, sentenceWithTrigger } from "./dom.js";

export function eventItem(item) {
  const event = item.event;
  const names = Object.fromEntries(item.actors.map((a) => [a.id, a.name]));
  const place = item.places.find((p) => p.lat !== null) || item.places[0];
  const type = el("span", { class: "type-chip", text: event.plover });
  type.style.background = colourOf(event.plover);
  const claimants = [...new Set(item.claims.map((c) => names[c.claimant]).filter(Boolean))];
  const denied = item.claims.some((c) => c.stance === "denies");
  const flags = ["negated", "hypothetical", "habitual"].filter((f) => event[f]);
  return el("li", { class: "event", attrs: { "data-event": event.id, "data-date": item.date || "" } }, [
    el("div", { class: "row" }, [
      el("span", { class: "date", text: item.date || "undated", title: item.dated ? "the event's own date" : "publication date of the article" }),
      item.dated ? null : el("span", { class: "muted", text: "(reported)" }),
      type,
      event.acled_event_type ? el("span", { class: "acled", text: event.acled_event_type }) : null,
      ...flags.map((f) => el("span", { class: "flag", text: f })),
      denied ? el("span", { class: "flag denial", text: "denied" }) : null,
    ]),
    el("div", { class: "who", text: [names[event.actor1], names[event.actor2]].filter(Boolean).join(" → ") || "" }),
    el("p", { class: "what" }, [sentenceWithTrigger(event.sentence, event.trigger)]),
    el("div", { class: "meta" }, [
      place ? `${place.name || place.mention.text}${place.country ? ", " + place.country : ""} · ` : "",
      claimants.length ? `claimed by ${claimants.join(", ")} · ` : "",
      el("a", { href: articleHref(item.article.id, event.id), text: `${item.article.outlet || "article"}: ${item.article.title || "untitled"}` }),
      item.cluster ? " · " : null,
      item.cluster ? el("a", { href: clusterHref(item.cluster), text: "claims" }) : null,
    ]),
  ]);
}

// A search snippet: the server marks matches with U+0002 ... U+0003; each match becomes a <mark>.
export function snippetNode(snippet) {
  const node = el("p", { class: "snippet" });
  const parts = snippet.split(/[\u0002\u0003]/);
  parts.forEach((part, i) => node.append(i % 2 ? el("mark", { text: part }) : document.createTextNode(part)));
  return node;
}

function articleItem(item) {
  return el("li", { class: "article-item" }, [
    el("a", { href: articleHref(item.id), class: "title", text: item.title || "Untitled article" }),
    el("div", { class: "meta", text: `${item.outlet || "unknown outlet"} · ${item.published || "undated"} · ${item.events} events${item.duplicate_of ? " · near-duplicate" : ""}` }),
    item.snippet ? snippetNode(item.snippet) : null,
  ]);
}

export function createLists(state, parts) {
  const fetchEvents = latestOnly();
  const fetchArticles = latestOnly();
  let tab = "events";
  const next = { events: null, articles: null };

  async function loadEvents(append) {
    const params = state.filters({ limit: 50, cursor: append ? next.events : null });
    const page = await fetchEvents("/api/events", params);
    if (!page) return;
    if (!append) parts.events.textContent = "";
    for (const item of page.items) parts.events.append(eventItem(item));
    next.events = page.next;
    parts.eventsTotal.textContent = `(${page.total.toLocaleString("en")})`;
    parts.events.dataset.total = String(page.total);
    if (!page.total) parts.events.append(el("li", { class: "empty", text: "No events match these filters." }));
    showMore();
  }

  async function loadArticles(append) {
    const params = {
      q: state.get("q"),
      from: state.get("from"),
      to: state.get("to"),
      limit: 50,
      cursor: append ? next.articles : null,
    };
    const page = await fetchArticles("/api/articles", params);
    if (!page) return;
    if (!append) parts.articles.textContent = "";
    for (const item of page.items) parts.articles.append(articleItem(item));
    next.articles = page.next;
    parts.articlesTotal.textContent = `(${page.total.toLocaleString("en")})`;
    if (!page.total) parts.articles.append(el("li", { class: "empty", text: "No articles match." }));
    showMore();
  }

  function showMore() {
    parts.more.hidden = !next[tab];
  }

  function select(which) {
    tab = which;
    parts.tabEvents.setAttribute("aria-selected", String(which === "events"));
    parts.tabArticles.setAttribute("aria-selected", String(which === "articles"));
    parts.events.hidden = which !== "events";
    parts.articles.hidden = which !== "articles";
    showMore();
  }

  parts.tabEvents.addEventListener("click", () => select("events"));
  parts.tabArticles.addEventListener("click", () => select("articles"));
  parts.more.addEventListener("click", () => (tab === "events" ? loadEvents(true) : loadArticles(true)));
  state.subscribe(() => {
    loadEvents(false);
    loadArticles(false);
  });
  loadEvents(false);
  loadArticles(false);
  return { select };
}
