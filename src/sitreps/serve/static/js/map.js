// The map: a world basemap from world-atlas (no tile server), and events counted per grid cell by the
// server for the current view. A cell with one event is drawn as that event (style = geo precision);
// a cell with many as a numbered bubble coloured by its most frequent type.

import { latestOnly, getJSON } from "./api.js";
import { colourOf } from "./colours.js";
import { el, articleHref, clusterHref, debounce, sentenceWithTrigger } from "./dom.js";

const PRECISION = {
  1: { radius: 6, fillOpacity: 0.9, dashArray: null, label: "town" },
  2: { radius: 8, fillOpacity: 0.45, dashArray: null, label: "district" },
  3: { radius: 10, fillOpacity: 0.12, dashArray: "4 3", label: "province" },
  4: { radius: 12, fillOpacity: 0.05, dashArray: "1 3", label: "country or wider" },
};
const MAX_ZOOM = 11;

function viewBox(map) {
  const bounds = map.getBounds();
  let west = bounds.getWest();
  let east = bounds.getEast();
  if (east - west >= 360) {
    west = -180;
    east = 180;
  }
  const wrap = (lon) => ((((lon + 180) % 360) + 360) % 360) - 180;
  const clampLat = (lat) => Math.max(-90, Math.min(90, lat));
  return [wrap(west), clampLat(bounds.getSouth()), east - west >= 360 ? 180 : wrap(east), clampLat(bounds.getNorth())]
    .map((v) => v.toFixed(4))
    .join(",");
}

export function createMap(element, state, note) {
  const map = L.map(element, {
    attributionControl: false,
    minZoom: 1,
    maxZoom: MAX_ZOOM,
    worldCopyJump: true,
  }).setView([30, 20], 2);
  const basemap = L.layerGroup().addTo(map);
  const markers = L.layerGroup().addTo(map);
  let area = null;
  const fetchCells = latestOnly();
  let fitted = false;

  getJSON("/vendor/countries-50m.json").then((topology) => {
    const countries = unwrapAntimeridian(topojson.feature(topology, topology.objects.countries));
    L.geoJSON(countries, {
      interactive: false,
      style: { color: "#8c96a0", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
    }).addTo(basemap);
    element.dataset.basemap = "drawn";
  });

  // A popup of the map, not of the marker: markers are redrawn after every move, popups stay open.
  function popupFor(eventId, latlng) {
    const box = el("div", { class: "popup", text: "Loading…" });
    const popup = L.popup({ maxWidth: 320 }).setLatLng(latlng).setContent(box).openOn(map);
    getJSON(`/api/events/${encodeURIComponent(eventId)}`).then((item) => {
      box.textContent = "";
      box.append(describeEvent(item));
      popup.update(); // re-measure and pan so the filled popup fits in view
    });
  }

  function drawSingle(cell) {
    const style = PRECISION[cell.precision] || PRECISION[4];
    const colour = colourOf(cell.plover);
    const marker = L.circleMarker([cell.lat, cell.lon], {
      radius: style.radius,
      color: colour,
      weight: 2,
      fillColor: colour,
      fillOpacity: style.fillOpacity,
      dashArray: style.dashArray,
      className: `sr-marker sr-single precision-${cell.precision || 4}`,
    });
    marker.on("click", () => popupFor(cell.event, [cell.lat, cell.lon]));
    marker.addTo(markers);
  }

  function drawCluster(cell) {
    const size = Math.round(22 + Math.min(26, Math.log2(cell.count) * 4));
    const badge = el("div", { class: "sr-count", text: cell.count.toLocaleString("en") });
    badge.style.background = colourOf(cell.plover);
    badge.style.width = badge.style.height = badge.style.lineHeight = `${size}px`;
    const icon = L.divIcon({ html: badge, className: "sr-marker sr-cluster", iconSize: [size, size] });
    const marker = L.marker([cell.lat, cell.lon], { icon, keyboard: true, title: summary(cell) });
    marker.on("click", () => {
      const [south, west, north, east] = cell.bounds;
      const tight = north - south < 1e-4 && east - west < 1e-4;
      if (tight || map.getZoom() >= MAX_ZOOM) {
        state.set({ bbox: [west, south, east, north].map((v) => v.toFixed(4)).join(",") });
      } else {
        map.fitBounds([[south, west], [north, east]], { padding: [40, 40], maxZoom: MAX_ZOOM });
      }
    });
    marker.addTo(markers);
  }

  function summary(cell) {
    const parts = Object.entries(cell.types).map(([type, n]) => `${n} ${type}`);
    return `${cell.count} events: ${parts.join(", ")}`;
  }

  function drawArea() {
    if (area) area.remove();
    area = null;
    const box = state.get("bbox");
    if (!box) return;
    const [west, south, east, north] = box.split(",").map(Number);
    area = L.rectangle([[south, west], [north, east]], { color: "#1f4e79", weight: 1, fill: false, dashArray: "4 4", interactive: false }).addTo(map);
  }

  async function refresh() {
    const filters = state.filters({ bbox: viewBox(map), zoom: map.getZoom() });
    const data = await fetchCells("/api/events/map", filters);
    if (!data) return;
    markers.clearLayers();
    for (const cell of data.cells) {
      if (cell.count === 1) drawSingle(cell);
      else drawCluster(cell);
    }
    element.dataset.cells = String(data.cells.length);
    note.textContent = `${data.located.toLocaleString("en")} events in view` +
      (data.unlocated ? ` · ${data.unlocated.toLocaleString("en")} without a place (not on the map)` : "");
    drawArea();
  }

  // First view: fit the map to where the events are.
  async function fitToData() {
    const data = await getJSON("/api/events/map", state.filters({ bbox: null, zoom: 1 }));
    fitted = true;
    if (data.cells.length) {
      const south = Math.min(...data.cells.map((c) => c.bounds[0]));
      const west = Math.min(...data.cells.map((c) => c.bounds[1]));
      const north = Math.max(...data.cells.map((c) => c.bounds[2]));
      const east = Math.max(...data.cells.map((c) => c.bounds[3]));
      map.fitBounds([[south, west], [north, east]], { padding: [20, 20], maxZoom: 7, animate: false });
    }
    // Listen for moves only once the view is set, so the first view is fetched once.
    await refresh();
    map.on("moveend", debounce(refresh, 120));
  }

  state.subscribe(() => {
    if (fitted) refresh();
  });
  fitToData();
  return map;
}

// world-atlas rings that cross the antimeridian (Russia, Fiji) jump from +180 to -180; Leaflet would draw
// that jump as a line across the world. Each ring is made continuous by shifting points by 360 degrees.
function unwrapRing(ring) {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const previous = ring[i - 1][0];
      if (lon - previous > 180) shift -= 360;
      else if (previous - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

function unwrapAntimeridian(collection) {
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    if (!geometry) continue;
    if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrapRing);
    if (geometry.type === "MultiPolygon") geometry.coordinates = geometry.coordinates.map((polygon) => polygon.map(unwrapRing));
  }
  return collection;
}

// An event as a few lines of text with links, for the map's popup.
export function describeEvent(item) {
  const event = item.event;
  const names = Object.fromEntries(item.actors.map((a) => [a.id, a.name]));
  const place = item.places.find((p) => p.lat !== null) || item.places[0];
  const claimants = item.claims.map((c) => names[c.claimant]).filter(Boolean);
  const type = el("span", { class: "type-chip", text: event.plover });
  type.style.background = colourOf(event.plover);
  return el("div", { class: "event-detail" }, [
    el("div", { class: "row" }, [
      type,
      el("span", { class: "date", text: item.date ? `${item.date}${item.dated ? "" : " (reported)"}` : "undated" }),
    ]),
    el("div", { class: "who", text: [names[event.actor1], names[event.actor2]].filter(Boolean).join(" → ") || "actor not named" }),
    el("p", {}, [sentenceWithTrigger(event.sentence, event.trigger)]),
    place ? el("div", { class: "where", text: `${place.name || place.mention.text}${place.country ? ", " + place.country : ""} (precision ${place.precision ?? "?"})` }) : null,
    claimants.length ? el("div", { class: "claimed", text: `claimed by ${[...new Set(claimants)].join(", ")}` }) : null,
    el("div", { class: "links" }, [
      el("a", { href: articleHref(item.article.id, event.id), text: item.article.title || item.article.outlet || "article" }),
      item.cluster ? " · " : null,
      item.cluster ? el("a", { href: clusterHref(item.cluster), text: "claims view" }) : null,
    ]),
  ]);
}

export function drawLegend(container, types) {
  container.textContent = "";
  for (const type of types) {
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = colourOf(type);
    container.append(el("span", { class: "legend-item" }, [swatch, type]));
  }
  const precision = el("span", { class: "legend-item precision-key" }, ["precision: "]);
  for (const [level, style] of Object.entries(PRECISION)) {
    precision.append(el("span", { class: `ring ring-${level}`, title: style.label, text: level }));
  }
  container.append(precision);
}
