// Building DOM nodes from data. Text always goes in with textContent, never as HTML.

export function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  if (options.title) node.title = String(options.title);
  if (options.href) node.setAttribute("href", options.href);
  if (options.attrs) {
    for (const [name, value] of Object.entries(options.attrs)) {
      if (value !== undefined && value !== null) node.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

export function svg(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  return node;
}

// Local links only: ids are percent-encoded into paths of this server.
export function articleHref(articleId, recordId) {
  const base = `/articles/${encodeURIComponent(articleId)}`;
  return recordId ? `${base}#${encodeURIComponent(recordId)}` : base;
}

export function clusterHref(clusterId) {
  return `/clusters/${encodeURIComponent(clusterId)}`;
}

// A sentence with its trigger in bold: three text nodes, no markup parsing.
export function sentenceWithTrigger(sentence, trigger) {
  const node = el("span", { class: "sentence" });
  const from = trigger.start - sentence.start;
  const to = trigger.end - sentence.start;
  if (from < 0 || to > sentence.text.length) {
    node.textContent = sentence.text;
    return node;
  }
  node.append(
    document.createTextNode(sentence.text.slice(0, from)),
    el("strong", { text: sentence.text.slice(from, to) }),
    document.createTextNode(sentence.text.slice(to)),
  );
  return node;
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
