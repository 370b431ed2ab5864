// The timeline: event counts per day, week or month as bars. Dragging across the bars selects a date
// range, which filters the map and the list; "Zoom to selection" redraws the bars over that range.

import { latestOnly } from "./api.js";
import { svg } from "./dom.js";

const HEIGHT = 120;
const MARGIN = { left: 34, right: 8, top: 8, bottom: 22 };
const DAY_MS = 86400000;

function parseDay(text) {
  return new Date(`${text}T00:00:00Z`);
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

// The last day a bin covers.
function binEnd(start, bin) {
  const day = parseDay(start);
  if (bin === "day") return start;
  if (bin === "week") return isoDay(new Date(day.getTime() + 6 * DAY_MS));
  return isoDay(new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)));
}

export function createTimeline(container, state, controls) {
  const fetchBins = latestOnly();
  let data = null;
  let view = null; // { from, to } the range drawn, or null for everything
  let drag = null;

  async function refresh() {
    const params = state.filters({ from: view ? view.from : null, to: view ? view.to : null });
    const next = await fetchBins("/api/events/timeline", params);
    if (!next) return;
    data = next;
    draw();
  }

  function geometry() {
    const width = Math.max(200, container.clientWidth);
    const inner = width - MARGIN.left - MARGIN.right;
    const n = Math.max(1, data.bins.length);
    return { width, inner, step: inner / n, n };
  }

  function indexAt(x) {
    const { step, n } = geometry();
    return Math.max(0, Math.min(n - 1, Math.floor((x - MARGIN.left) / step)));
  }

  function draw() {
    container.textContent = "";
    const { width, step } = geometry();
    const chart = svg("svg", { width, height: HEIGHT, class: "timeline-svg", role: "img", "aria-label": "Events over time" });
    const max = Math.max(1, ...data.bins.map((b) => b.count));
    const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
    const from = state.get("from");
    const to = state.get("to");
    data.bins.forEach((bin, i) => {
      const h = bin.count ? Math.max(1, (bin.count / max) * plotHeight) : 0;
      const end = binEnd(bin.start, data.bin);
      const inside = (!from || end >= from) && (!to || bin.start <= to);
      const bar = svg("rect", {
        x: (MARGIN.left + i * step).toFixed(2),
        y: (MARGIN.top + plotHeight - h).toFixed(2),
        width: Math.max(0.6, step - (step > 3 ? 1 : 0)).toFixed(2),
        height: h.toFixed(2),
        class: `bar${(from || to) && inside ? " selected" : ""}${(from || to) && !inside ? " outside" : ""}`,
        "data-start": bin.start,
        "data-count": bin.count,
      });
      const tip = svg("title");
      tip.textContent = `${bin.start}${data.bin === "day" ? "" : " – " + end}: ${bin.count} events`;
      bar.append(tip);
      chart.append(bar);
    });
    const axis = (x, y, text, anchor) => {
      const label = svg("text", { x, y, "text-anchor": anchor, class: "axis" });
      label.textContent = text;
      chart.append(label);
    };
    if (data.bins.length) {
      axis(MARGIN.left, HEIGHT - 6, data.bins[0].start, "start");
      axis(width - MARGIN.right, HEIGHT - 6, binEnd(data.bins[data.bins.length - 1].start, data.bin), "end");
      if (data.bins.length > 2) {
        const mid = data.bins[Math.floor(data.bins.length / 2)];
        axis(MARGIN.left + (width - MARGIN.left - MARGIN.right) / 2, HEIGHT - 6, mid.start, "middle");
      }
    }
    axis(MARGIN.left - 4, MARGIN.top + 8, String(max), "end");
    axis(MARGIN.left - 4, MARGIN.top + plotHeight, "0", "end");
    const brush = svg("rect", { class: "brush", x: 0, y: MARGIN.top, width: 0, height: plotHeight, visibility: "hidden" });
    chart.append(brush);
    const overlay = svg("rect", { class: "overlay", x: MARGIN.left, y: 0, width: width - MARGIN.left - MARGIN.right, height: HEIGHT });
    chart.append(overlay);
    overlay.addEventListener("pointerdown", (e) => {
      overlay.setPointerCapture(e.pointerId);
      drag = { start: indexAt(e.offsetX), end: indexAt(e.offsetX) };
      showBrush(brush);
    });
    overlay.addEventListener("pointermove", (e) => {
      if (!drag) return;
      drag.end = indexAt(e.offsetX);
      showBrush(brush);
    });
    overlay.addEventListener("pointerup", () => {
      if (!drag) return;
      const first = Math.min(drag.start, drag.end);
      const last = Math.max(drag.start, drag.end);
      drag = null;
      state.set({ from: data.bins[first].start, to: binEnd(data.bins[last].start, data.bin) });
    });
    container.append(chart);
    container.dataset.bins = String(data.bins.length);
    container.dataset.bin = data.bin;
    const hidden = data.before + data.after + data.undated;
    controls.title.textContent = `Events per ${data.bin}` + (hidden ? ` (${hidden} with far-off or no dates not drawn)` : "");
    controls.clear.hidden = !(from || to);
    controls.zoom.hidden = !(from || to) || Boolean(view && view.from === from && view.to === to);
    controls.unzoom.hidden = !view;
  }

  function showBrush(brush) {
    const { step } = geometry();
    const first = Math.min(drag.start, drag.end);
    const last = Math.max(drag.start, drag.end);
    brush.setAttribute("x", String(MARGIN.left + first * step));
    brush.setAttribute("width", String((last - first + 1) * step));
    brush.setAttribute("visibility", "visible");
  }

  controls.clear.addEventListener("click", () => state.set({ from: null, to: null }));
  controls.zoom.addEventListener("click", () => {
    view = { from: state.get("from"), to: state.get("to") };
    refresh();
  });
  controls.unzoom.addEventListener("click", () => {
    view = null;
    refresh();
  });
  state.subscribe((changes) => {
    const onlyDates = Object.keys(changes).every((k) => k === "from" || k === "to");
    if (onlyDates && data) draw();
    else refresh();
  });
  window.addEventListener("resize", () => data && draw());
  refresh();
}
