// The claims view's chart: each claimant's figures over time, one line per claimant, kind and party.

import { getJSON } from "./api.js";
import { el, svg } from "./dom.js";

const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];
const WIDTH = 640;
const HEIGHT = 220;
const M = { left: 44, right: 12, top: 12, bottom: 28 };

function value(point) {
  return point.count ?? point.count_min ?? point.count_max;
}

function day(point) {
  return point.as_of || point.published;
}

async function start() {
  const main = document.querySelector("main.cluster");
  const chart = document.getElementById("figure-chart");
  if (!chart) return;
  const cluster = await getJSON(`/api/clusters/${encodeURIComponent(main.dataset.cluster)}`);
  const series = cluster.figures
    .map((s) => ({ ...s, points: s.points.filter((p) => value(p) !== null && value(p) !== undefined && day(p)) }))
    .filter((s) => s.points.length);
  if (!series.length) return;
  const times = series.flatMap((s) => s.points.map((p) => Date.parse(day(p))));
  let t0 = Math.min(...times);
  let t1 = Math.max(...times);
  if (t0 === t1) {
    t0 -= 86400000;
    t1 += 86400000;
  }
  const vmax = Math.max(1, ...series.flatMap((s) => s.points.map(value)));
  const x = (t) => M.left + ((t - t0) / (t1 - t0)) * (WIDTH - M.left - M.right);
  const y = (v) => M.top + (1 - v / vmax) * (HEIGHT - M.top - M.bottom);
  const root = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "figure-svg", role: "img", "aria-label": "Figures over time by claimant" });
  const label = (px, py, text, anchor, cls = "axis") => {
    const node = svg("text", { x: px, y: py, "text-anchor": anchor, class: cls });
    node.textContent = text;
    root.append(node);
  };
  root.append(svg("line", { x1: M.left, y1: y(0), x2: WIDTH - M.right, y2: y(0), class: "axis-line" }));
  label(M.left - 6, y(vmax) + 4, String(vmax), "end");
  label(M.left - 6, y(0) + 4, "0", "end");
  label(M.left, HEIGHT - 8, new Date(t0).toISOString().slice(0, 10), "start");
  label(WIDTH - M.right, HEIGHT - 8, new Date(t1).toISOString().slice(0, 10), "end");
  const legend = el("ul", { class: "chart-legend" });
  series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    const points = s.points.map((p) => [x(Date.parse(day(p))), y(value(p)), p]);
    // The line joins the timeline's steps (one per change); restatements are the small dots off it.
    const steps = new Set(s.steps || []);
    const line = points.filter(([, , p]) => steps.has(p.figure));
    root.append(svg("polyline", { points: line.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(" "), fill: "none", stroke: colour, "stroke-width": 2 }));
    for (const [px, py, p] of points) {
      const onLine = steps.has(p.figure);
      const dot = svg("circle", { cx: px.toFixed(1), cy: py.toFixed(1), r: onLine ? 4 : 2.5, fill: colour, "fill-opacity": onLine ? 1 : 0.45, class: "point" });
      const title = svg("title");
      title.textContent = `${s.claimant || s.claimant_key}: ${s.kind} ${value(p)} (${day(p)}) — “${p.evidence.text}”`;
      dot.append(title);
      root.append(dot);
    }
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = colour;
    legend.append(el("li", {}, [swatch, `${s.claimant || s.claimant_key}: ${s.kind}${s.party ? " (" + s.party + ")" : ""}${s.population !== "unknown" ? ", " + s.population : ""} — ${(line.length ? line : points).map(([, , p]) => value(p)).join(" → ")}`]));
  });
  chart.append(root, legend);
  chart.dataset.series = String(series.length);
}

start();
