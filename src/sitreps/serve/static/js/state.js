// The filters the explorer shows, kept in the page's URL so a view can be shared or reloaded.

const KEYS = ["from", "to", "plover", "acled", "country", "actor", "claimant", "q", "bbox"];

export function createState() {
  const listeners = [];
  const values = {};
  const search = new URLSearchParams(window.location.search);
  for (const key of KEYS) values[key] = search.get(key) || null;

  function write() {
    const next = new URLSearchParams();
    for (const key of KEYS) if (values[key]) next.set(key, values[key]);
    const text = next.toString();
    window.history.replaceState(null, "", text ? `?${text}` : window.location.pathname);
  }

  return {
    get(key) {
      return values[key];
    },
    // The filters as API parameters (the area picked on the map travels as bbox).
    filters(overrides = {}) {
      const out = {};
      for (const key of KEYS) out[key] = values[key];
      return { ...out, ...overrides };
    },
    set(changes) {
      let changed = false;
      for (const [key, value] of Object.entries(changes)) {
        if (!KEYS.includes(key)) continue;
        const normal = value === "" || value === undefined ? null : value;
        if (values[key] !== normal) {
          values[key] = normal;
          changed = true;
        }
      }
      if (!changed) return;
      write();
      for (const listener of listeners) listener(changes);
    },
    subscribe(listener) {
      listeners.push(listener);
    },
  };
}
