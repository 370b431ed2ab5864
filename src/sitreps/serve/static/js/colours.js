// One colour per PLOVER event type, shared by the map, the list and the legend.

const PLOVER_COLOURS = {
  ASSAULT: "#c0392b",
  COERCE: "#e67e22",
  THREATEN: "#d35400",
  MOBILIZE: "#8e44ad",
  PROTEST: "#f1c40f",
  SANCTION: "#7f8c8d",
  ACCUSE: "#e84393",
  REJECT: "#6c3483",
  REQUEST: "#2980b9",
  CONSULT: "#16a085",
  AGREE: "#27ae60",
  SUPPORT: "#2ecc71",
  COOPERATE: "#1abc9c",
  AID: "#3498db",
  CONCEDE: "#95a5a6",
  RETREAT: "#a1887f",
};

export function colourOf(type) {
  return PLOVER_COLOURS[type] || "#555e68";
}

export const PLOVER_TYPES = Object.keys(PLOVER_COLOURS);
