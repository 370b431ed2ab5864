// The article view: hovering (or focusing) a highlighted span shows what was read from it.

import { getJSON } from "./api.js";
import { el } from "./dom.js";

const page = document.querySelector("main.article");
const text = document.getElementById("article-text");
const tip = document.getElementById("tip");

function describe(records) {
  const byId = new Map();
  const names = Object.fromEntries(records.actors.map((a) => [a.id, a.name]));
  const name = (id) => (id ? names[id] || id : null);
  for (const a of records.actors) {
    byId.set(a.id, ["actor", a.name, [a.kind, a.role, a.country].filter(Boolean).join(" · ")]);
  }
  for (const p of records.places) {
    const where = [p.name, p.admin1, p.country].filter(Boolean).join(", ");
    const point = p.lat !== null && p.lon !== null ? `${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}` : "no coordinates";
    byId.set(p.id, ["place", where || p.mention.text, `${point} · precision ${p.precision ?? "?"}${p.metonymic ? " · stands for its government" : ""}`]);
  }
  for (const t of records.times) {
    const range = t.start ? (t.end && t.end !== t.start ? `${t.start} – ${t.end}` : t.start) : "unresolved";
    byId.set(t.id, ["time", range, `${t.precision}${t.anchor ? " · relative to " + t.anchor : ""}`]);
  }
  for (const e of records.events) {
    const who = [name(e.actor1), name(e.actor2)].filter(Boolean).join(" → ");
    const flags = ["negated", "hypothetical", "habitual"].filter((f) => e[f]).join(", ");
    byId.set(e.id, ["event", `${e.plover}${e.mode ? " (" + e.mode + ")" : ""}`, [who, e.acled_event_type, flags].filter(Boolean).join(" · ")]);
  }
  for (const f of records.figures) {
    const count = f.count ?? [f.count_min, f.count_max].map((v) => v ?? "?").join("–");
    const qualifier = f.qualifier === "exact" ? "" : f.qualifier.replace("_", " ") + " ";
    byId.set(f.id, ["figure", `${f.kind} ${qualifier}${count}`, [f.population, name(f.party), f.as_of ? "as of " + f.as_of : null].filter(Boolean).join(" · ")]);
  }
  for (const c of records.claims) {
    const relay = c.relay.map(name).join(" ← ");
    byId.set(c.id, ["claim", `${name(c.claimant) || "unattributed"} ${c.stance}`, [c.subject_kind, relay ? "via " + relay : null, c.quoted ? "quoted" : null].filter(Boolean).join(" · ")]);
  }
  return byId;
}

function place(target) {
  const box = target.getBoundingClientRect();
  const host = text.parentElement.getBoundingClientRect();
  tip.style.left = `${Math.max(0, box.left - host.left)}px`;
  tip.style.top = `${box.bottom - host.top + 6}px`;
}

async function start() {
  const reading = await getJSON(`/api/articles/${encodeURIComponent(page.dataset.article)}`);
  const details = describe(reading);
  const show = (target) => {
    tip.textContent = "";
    for (const id of target.dataset.records.split(" ")) {
      const found = details.get(id);
      if (!found) continue;
      const [kind, title, more] = found;
      tip.append(el("div", { class: `tip-row tip-${kind}` }, [el("span", { class: "tip-kind", text: kind }), el("strong", { text: title }), more ? el("span", { class: "tip-more", text: more }) : null]));
    }
    tip.hidden = false;
    place(target);
  };
  text.addEventListener("mouseover", (e) => {
    const target = e.target.closest("mark.hl");
    if (target) show(target);
  });
  text.addEventListener("focusin", (e) => {
    const target = e.target.closest("mark.hl");
    if (target) show(target);
  });
  text.addEventListener("mouseleave", () => (tip.hidden = true));
  text.addEventListener("focusout", () => (tip.hidden = true));
  // A link to one record (#ev-...) marks its spans.
  const wanted = decodeURIComponent(window.location.hash.slice(1));
  if (wanted) {
    const marks = [...text.querySelectorAll("mark.hl")].filter((m) => m.dataset.records.split(" ").includes(wanted));
    marks.forEach((m) => m.classList.add("target"));
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
  }
  page.dataset.ready = "true";
}

start();
