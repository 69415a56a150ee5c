// archivist's search page, on Pagefind's JavaScript API (pagefind.js of the site's own bundle).
//
// Why not Pagefind's ready-made UI: it renders filter values and metadata as HTML, lists
// every filter value as a checkbox (32,938 px of them for 845 actors), and has no sort control.
// Here every string from the index is decoded inertly and shown as text, each filter shows its
// most frequent values with a box to find the rest, and results sort by relevance or date.
//
// The index comes in shards (archivist/site/search.py): pagefind/shards.json lists them in date
// order, each a Pagefind bundle of its own, all merged into one search (Pagefind's mergeIndex,
// which sums the filter counts). Pagefind merges the shards' results by score, which mixes the
// shards' dates in a date sort; so each shard carries a filter of its own ("shard": its place
// in the list, Pagefind's mergeFilter), and a date sort lists each shard's results (sorted by
// Pagefind within it) one shard after the other, in date order, as the reader asks for more.

const FILTERS = [
  // [name in the index, label, how several values combine, values shown before "find"]
  ["type", "Type", "any", 3],
  ["speaker", "Speaker (quoted)", "any", 8],
  ["mentions", "Mentions (all of)", "all", 8],
  ["outlet", "Outlet", "any", 8],
  ["year", "Year", "any", 8],
  ["kind", "Kind of actor", "any", 4],
];
const TYPE_LABELS = { article: "Article", actor: "Actor", quote: "Quote" };
const PAGE_SIZE = 10;
const MATCHES_SHOWN = 12;  // values listed for a filter box's words
const SUB_RESULTS = 3;  // passages shown for a long article
const LONG_ARTICLE = 300;  // words
const QUOTE_WORDS = 60;  // of a long quotation shown in its result

const root = document.getElementById("search");
const input = document.getElementById("search-input");
const sortSelect = document.getElementById("search-sort");
const groupsEl = document.getElementById("search-filter-groups");
const summary = document.getElementById("search-summary");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");

const parser = new DOMParser();

/** Text of an HTML-escaped string from the index, decoded in an inert document (no script runs, nothing loads). */
function decode(html) {
  return parser.parseFromString(`<!doctype html><body>${html ?? ""}`, "text/html").body.textContent;
}

/** An element with text, never markup. */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Append an excerpt to ``node``: Pagefind's only markup in one is <mark>; the rest is decoded as text. */
function appendMarked(node, excerpt) {
  (excerpt ?? "").split(/<\/?mark>/).forEach((part, i) => {
    if (!part) return;
    const text = document.createTextNode(decode(part));
    if (i % 2) {
      const mark = el("mark");
      mark.append(text);
      node.append(mark);
    } else {
      node.append(text);
    }
  });
}

/** ``text`` cut to about ``QUOTE_WORDS`` words around the first word of ``term`` it holds. */
function clip(text, term) {
  const words = text.split(/\s+/);
  if (words.length <= QUOTE_WORDS) return text;
  const terms = termList(term);
  const at = Math.max(0, words.findIndex((w) => terms.some((t) => fold(w).startsWith(t))));
  const start = Math.max(0, Math.min(at - 10, words.length - QUOTE_WORDS));
  return `${start ? "…" : ""}${words.slice(start, start + QUOTE_WORDS).join(" ")}${start + QUOTE_WORDS < words.length ? "…" : ""}`;
}

function termList(term) {
  return fold(term ?? "").split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 1);
}

/** Append ``text`` with the words that start with a search term marked (as Pagefind's excerpts do). */
function appendTerms(node, text, term) {
  const terms = termList(term);
  for (const word of text.split(/(\s+)/)) {
    const bare = fold(word).replace(/^[^\p{L}\p{N}]+/u, "");
    if (terms.length && terms.some((t) => bare.startsWith(t))) node.append(el("mark", null, word));
    else node.append(document.createTextNode(word));
  }
}

/** A URL of this site (same origin) or null: nothing from the index links elsewhere. */
function ownUrl(raw) {
  try {
    const url = new URL(raw, location.href);
    return url.origin === location.origin ? url : null;
  } catch (e) {
    return null;
  }
}

/** A same-origin URL as a link names it: path, query and anchor. */
function href(url) {
  return url.pathname + url.search + url.hash;
}

function fold(text) {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

const state = { term: "", sort: "", selected: Object.fromEntries(FILTERS.map(([name]) => [name, new Set()])),
                finds: {}, take: taking([]), total: 0, shown: 0, run: 0, totals: {}, counts: {} };

function filterQuery() {
  const query = {};
  for (const [name, , mode] of FILTERS) {
    const values = [...state.selected[name]];
    if (values.length) query[name] = mode === "all" ? values : { any: values };
  }
  return query;
}

function renderFilters() {
  groupsEl.replaceChildren();
  for (const [name, label, , limit] of FILTERS) {
    const totals = state.totals[name];
    if (!totals || !Object.keys(totals).length) continue;
    const counts = state.counts[name] ?? totals;
    const selected = state.selected[name];
    const group = el("fieldset", "search-filter");
    group.dataset.filter = name;
    group.append(el("legend", null, label));
    const find = state.finds[name] ?? "";
    let values = Object.keys(totals).filter((v) => selected.has(v) || (counts[v] ?? 0) > 0);
    const byCount = (a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || decode(a).localeCompare(decode(b));
    values.sort(name === "year" ? (a, b) => b.localeCompare(a) : byCount);
    const pool = values.length;
    if (pool > limit) {
      const box = el("input", "search-filter-find");
      box.type = "search";
      box.placeholder = `Find among ${pool.toLocaleString()}…`;
      box.setAttribute("aria-label", `Find a value of ${label}`);
      box.value = find;
      box.addEventListener("input", () => {
        state.finds[name] = box.value;
        renderFilters();
        const again = groupsEl.querySelector(`[data-filter="${name}"] .search-filter-find`);
        again.focus();
        again.setSelectionRange(box.value.length, box.value.length);
      });
      group.append(box);
    }
    const words = fold(find.trim());
    const matching = words ? values.filter((v) => fold(decode(v)).includes(words)) : values;
    const shown = [...new Set([...values.filter((v) => selected.has(v)),
                               ...matching.slice(0, words ? MATCHES_SHOWN : limit)])];
    const ul = el("ul", "search-filter-values");
    for (const value of shown) {
      const li = el("li");
      const id = `f-${name}-${[...value].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)}`;
      const box = el("input");
      box.type = "checkbox";
      box.id = id;
      box.checked = selected.has(value);
      box.addEventListener("change", () => {
        if (box.checked) selected.add(value); else selected.delete(value);
        search();
      });
      const text = name === "type" ? (TYPE_LABELS[value] ?? decode(value)) : decode(value);
      const lab = el("label", null, text);
      lab.htmlFor = id;
      lab.append(el("span", "count", ` ${(counts[value] ?? 0).toLocaleString()}`));
      li.append(box, lab);
      ul.append(li);
    }
    group.append(ul);
    const hidden = matching.length - shown.filter((v) => matching.includes(v)).length;
    if (hidden > 0) group.append(el("p", "search-filter-more", words
      ? `${hidden.toLocaleString()} more match; type more of the name`
      : `${hidden.toLocaleString()} more: find them by name above`));
    else if (words && !matching.length) group.append(el("p", "search-filter-more", "None match"));
    groupsEl.append(group);
  }
}

function metaLine(data) {
  const m = data.meta ?? {};
  const parts = [];
  if (m.date) parts.push(new Date(`${decode(m.date)}T00:00:00Z`).toLocaleDateString(document.documentElement.lang || undefined,
    { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }));
  if (m.outlet) parts.push(decode(m.outlet));
  return parts.join(" · ");
}

/** Passages of a long article where the words are, each linked to its paragraph or quote. */
function passages(data, url) {
  if ((data.word_count ?? 0) < LONG_ARTICLE || !data.anchors?.length) return [];
  const anchors = data.anchors.filter((a) => /^(p-\d+|q-)/.test(a.id)).sort((a, b) => a.location - b.location);
  const words = (data.raw_content ?? "").split(/\s+/);
  const groups = new Map();
  for (const hit of data.weighted_locations ?? []) {
    let anchor = null;
    for (const a of anchors) { if (a.location <= hit.location) anchor = a; else break; }
    if (!anchor) continue;
    const g = groups.get(anchor.id) ?? { anchor, score: 0, hits: [] };
    g.score += hit.balanced_score ?? 1;
    g.hits.push(hit.location);
    groups.set(anchor.id, g);
  }
  return [...groups.values()].sort((a, b) => b.score - a.score).slice(0, SUB_RESULTS)
    .sort((a, b) => a.anchor.location - b.anchor.location)
    .map((g) => {
      const first = Math.min(...g.hits);
      const start = Math.max(g.anchor.location, first - 8);
      const marked = words.slice(start, start + 24)
        .map((w, i) => (g.hits.includes(start + i) ? `<mark>${w}</mark>` : w)).join(" ");
      const link = new URL(url);
      link.hash = g.anchor.id;
      return { url: link, excerpt: `…${marked}…`, quote: g.anchor.id.startsWith("q-") };
    });
}

function renderResult(data) {
  const url = ownUrl(data.url);
  if (!url) return null;
  const type = data.filters?.type?.[0] ?? (data.meta?.kind === "quote" ? "quote" : "article");
  const li = el("li", `search-result search-result-${type}`);
  li.append(el("span", "search-type", TYPE_LABELS[type] ?? decode(type)));
  const m = data.meta ?? {};
  if (type === "quote") {
    // The quotation itself (its record's content starts with the speaker, shown below instead).
    const q = el("blockquote", "search-quote");
    const a = el("a", "search-result-link");
    a.href = href(url);
    appendTerms(a, clip(decode(m.title), state.term), state.term);
    q.append(a);
    const who = el("p", "search-result-meta");
    const speaker = el("span", "search-speaker");
    appendTerms(speaker, decode(m.speaker) || "Unattributed", state.term);
    who.append(speaker);
    if (m.role) who.append(el("span", "search-role", `, ${decode(m.role)}`));
    const where = [m.article ? `in “${decode(m.article)}”` : "", metaLine(data)].filter(Boolean).join(" · ");
    if (where) who.append(document.createTextNode(` ${where}`));
    li.append(q, who);
    return li;
  }
  const h = el("h2", "search-result-title");
  const a = el("a", "search-result-link", decode(m.title) || url.pathname);
  a.href = href(url);
  h.append(a);
  li.append(h);
  const line = type === "actor" ? decode(m.kind) : metaLine(data);
  if (line) li.append(el("p", "search-result-meta", line));
  const p = el("p", "search-excerpt");
  appendMarked(p, data.excerpt);
  li.append(p);
  const subs = type === "article" ? passages(data, url) : [];
  if (subs.length > 1) {
    const ul = el("ul", "search-passages");
    for (const sub of subs) {
      const item = el("li");
      const link = el("a", "search-passage-link");
      link.href = href(sub.url);
      appendMarked(link, sub.excerpt);
      item.append(link);
      if (sub.quote) item.append(el("span", "search-passage-kind", " (quote)"));
      ul.append(item);
    }
    li.append(ul);
  }
  return li;
}

async function showMore(run) {
  const next = await state.take(PAGE_SIZE);
  const data = await Promise.all(next.map((r) => r.data()));
  if (run !== state.run) return;
  for (const d of data) {
    const item = renderResult(d);
    if (item) list.append(item);
  }
  state.shown += next.length;
  more.hidden = state.shown >= state.total;
}

/** Results as a function giving the next ``n`` of ``results``. */
function taking(results) {
  let at = 0;
  return async (n) => results.slice(at, (at += n));
}

/** The results of a date sort as a function giving the next ``n``: shard after shard in the order
 * asked, each shard's results as Pagefind sorts them (``counts``: each shard's number of results). */
function takingByShard(term, filters, order, counts) {
  const shards = index.shards.map((_, k) => String(k)).filter((k) => counts[k] === undefined || counts[k] > 0);
  if (order === "desc") shards.reverse();
  const ready = [];
  let next = 0;
  return async (n) => {
    while (ready.length < n && next < shards.length) {
      const response = await index.search.search(term, { filters: { ...filters, shard: shards[next++] },
                                                         sort: { date: order } });
      ready.push(...response.results);
    }
    return ready.splice(0, n);
  };
}

let pagefindReady = null;
const index = { shards: [], search: null };

async function loadPagefind() {
  const bundle = ownUrl(root.dataset.bundle);
  const site = ownUrl(root.dataset.site);
  if (!bundle || !site) throw new Error("the search index must come from this site");
  const manifest = await (await fetch(new URL("shards.json", bundle), { cache: "no-cache" })).json();
  const names = Array.isArray(manifest?.shards) ? manifest.shards : [];
  if (!names.length || !names.every((n) => /^[0-9a-f]+$/.test(n))) throw new Error("the search index is empty");
  index.shards = names.map((name) => new URL(`${name}/`, bundle).pathname);
  const module = await import(new URL("pagefind.js", bundle).href);
  const options = (k) => ({ baseUrl: site.pathname, highlightParam: "highlight", excerptLength: 30,
                            mergeFilter: { shard: String(k) } });
  const pagefind = module.createInstance({ ...options(0), basePath: index.shards[0] });
  await pagefind.init();
  await Promise.all(index.shards.slice(1).map((shard, k) => pagefind.mergeIndex(shard, options(k + 1))));
  index.search = pagefind;
  state.totals = await pagefind.filters();
  return pagefind;
}

function saveState() {
  const params = new URLSearchParams();
  if (state.term) params.set("q", state.term);
  if (state.sort) params.set("sort", state.sort);
  for (const [name] of FILTERS) for (const v of state.selected[name]) params.append(name, decode(v));
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

async function search() {
  const run = ++state.run;
  const pagefind = await pagefindReady;
  const filters = filterQuery();
  const anyFilter = Object.keys(filters).length > 0;
  saveState();
  if (!state.term && !anyFilter) {
    state.counts = {};
    list.replaceChildren();
    more.hidden = true;
    summary.textContent = "";
    renderFilters();
    return;
  }
  const options = { filters };
  if (state.sort) options.sort = { date: state.sort };
  const response = await pagefind.search(state.term || null, options);
  if (run !== state.run) return;
  state.total = response.results.length;
  state.take = state.sort && index.shards.length > 1
    ? takingByShard(state.term || null, filters, state.sort, response.filters?.shard ?? {})
    : taking(response.results);
  state.counts = response.filters ?? {};
  state.shown = 0;
  list.replaceChildren();
  renderFilters();
  await showMore(run);
  if (run !== state.run) return;
  // Said once the first results are on the page (tests wait for it, screen readers hear it).
  const n = response.results.length;
  summary.textContent = `${n.toLocaleString()} result${n === 1 ? "" : "s"}${state.term ? ` for “${state.term}”` : ""}`;
  root.dataset.done = String(run);
}

function restore() {
  const params = new URLSearchParams(location.search);
  state.term = (params.get("q") ?? "").trim();
  state.sort = ["asc", "desc"].includes(params.get("sort")) ? params.get("sort") : "";
  input.value = state.term;
  sortSelect.value = state.sort;
  // Filter values arrive decoded in the address: match them to the index's own strings.
  for (const [name] of FILTERS) {
    for (const wanted of params.getAll(name)) {
      const value = Object.keys(state.totals[name] ?? {}).find((v) => decode(v) === wanted);
      if (value) state.selected[name].add(value);
    }
  }
}

let timer = null;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => { state.term = input.value.trim(); search(); }, 200);
});
root.querySelector("form").addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  state.term = input.value.trim();
  search();
});
sortSelect.addEventListener("change", () => { state.sort = sortSelect.value; search(); });
more.addEventListener("click", async () => { await pagefindReady; return showMore(state.run); });

// Filters beside the results where there is room; folded away above them on a phone.
document.getElementById("search-filters").open = matchMedia("(min-width: 62rem)").matches;
pagefindReady = loadPagefind();
pagefindReady.then(() => { restore(); root.dataset.ready = "true"; return search(); }).catch((error) => {
  summary.textContent = `Search is not available: ${error.message}`;
});
input.focus();
