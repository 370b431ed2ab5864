// Calls to the REST API of this server. Empty values are left out of the query.

export function queryString(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length) search.set(name, value.join(","));
    } else {
      search.set(name, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function getJSON(path, params = {}, signal = undefined) {
  const response = await fetch(path + queryString(params), { signal, headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      detail = (await response.json()).detail || detail;
    } catch {
      // not JSON: keep the status text
    }
    throw new Error(`${response.status} ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  }
  return response.json();
}

// Runs only the latest call of a kind: a newer one aborts the one in flight.
export function latestOnly() {
  let controller = null;
  return async (path, params) => {
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      return await getJSON(path, params, controller.signal);
    } catch (error) {
      if (error.name === "AbortError") return null;
      throw error;
    }
  };
}
