// The site's search, in the browser: no search server. It reads the index's manifest, then the
// dictionary of each typed word's first two letters, then the postings of exactly the words it
// needs, then one small file per result shown. The releases changed since the word files were
// last written are in one more file (the manifest's "recent"), which wins over the word files and
// carries those releases' results.
// Title matches rank above body matches, newer releases above older on ties; the last word is
// matched as a prefix while typing; a word of five letters or more also matches words one edit
// away (a typo); results can be narrowed to a category and a year (the facets file is read only
// then).
const STOP = new Set(['the', 'and', 'of', 'to', 'in', 'for', 'on', 'at', 'is', 'was', 'with', 'by', 'an', 'be', 'as',
  'are', 'from', 'this', 'that', 'it', 'or', 'has', 'have', 'had', 'will', 'we', 'he', 'she', 'they', 'his', 'her',
  'their', 'our', 'you', 'your', 'not', 'but', 'were', 'been', 'who', 'which', 'its', 'if', 'so', 'no', 'do', 'any',
  'all', 'can', 'would', 'there', 'into', 'about']);
const PAGE = 10;
// Completions of a word being typed: the most frequent few (each is a file to fetch).
const COMPLETIONS = 3;
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

export function words(text) {
  return (text || '').normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && w.length <= 40 && !STOP.has(w));
}

/** Whether two words are at most one edit apart (insert, delete, substitute, or swap two neighbours). */
export function oneEdit(a, b) {
  if (a === b) return true;
  const la = a.length; const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Variable-length numbers, five bits a character, all but a number's last marked as continuing. */
export function numbers(text) {
  const out = [];
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = DIGITS.indexOf(text[i]);
    value = value * 32 + (c & 31);
    if (c < 32) { out.push(value); value = 0; }
  }
  return out;
}

/** A word's postings file: [title, summary, body], each ascending release numbers as differences. */
function decode(groups) {
  const postings = [];
  (groups || []).forEach((group, g) => {
    let doc = 0;
    numbers(group).forEach((gap) => { doc += gap; postings.push({ doc, w: 3 - g }); });
  });
  return postings;
}

/**
 * The recent file: each changed release's category, year and result by number, and its postings
 * by word.
 */
function recentOf(raw) {
  const docs = new Map();
  const byWord = new Map();
  Object.entries((raw && raw.docs) || {}).forEach(([number, entry]) => {
    const doc = Number(number);
    docs.set(doc, { c: entry.c || 0, y: entry.y || 0, r: entry.r || null });
    Object.entries(entry.w || {}).forEach(([word, w]) => {
      if (!byWord.has(word)) byWord.set(word, []);
      byWord.get(word).push({ doc, w });
    });
  });
  return { docs, words: byWord };
}

export class Search {
  constructor(base) {
    this.base = base || '';
    this.manifest = null;
    this.recent = { docs: new Map(), words: new Map() };
    this.files = new Map();
    this.dictionaries = new Map();
    this.docs = new Map();
  }

  async load() {
    if (!this.manifest) {
      const response = await fetch(this.base + '/search/manifest.json', { cache: 'no-cache' });
      this.manifest = response.ok ? await response.json() : {};
      this.manifest.words = this.manifest.words || {};
      this.manifest.categories = this.manifest.categories || [];
      this.manifest.years = this.manifest.years || [];
      if (this.manifest.recent) {
        const raw = await this.file('/search/r.' + this.manifest.recent + '.json', {});
        this.recent = recentOf(raw);
      }
    }
    return this.manifest;
  }

  file(path, fallback) {
    if (!this.files.has(path)) {
      this.files.set(path, fetch(this.base + path).then((r) => (r.ok ? r.json() : fallback))
        .catch(() => fallback));
    }
    return this.files.get(path);
  }

  /**
   * The words starting with these two letters: {word: [count, hash of its postings]}, with the
   * recent file's words among them (no hash where the word files do not have the word yet).
   */
  dictionary(prefix) {
    // Merged once a prefix: a query asks for the same dictionary for each variant of each word.
    if (!this.dictionaries.has(prefix)) this.dictionaries.set(prefix, this.merged(prefix));
    return this.dictionaries.get(prefix);
  }

  async merged(prefix) {
    const hash = this.manifest.words[prefix];
    const base = hash ? await this.file('/search/p/' + prefix + '.' + hash + '.json', {}) : {};
    const merged = Object.assign(Object.create(null), base);
    this.recent.words.forEach((list, word) => {
      if (word.startsWith(prefix)) merged[word] = [(base[word] ? base[word][0] : 0) + list.length, base[word] ? base[word][1] : null];
    });
    return merged;
  }

  /** The word's releases: the word files' (less those the recent file has as they now are) and the recent file's. */
  async postings(word) {
    const entry = (await this.dictionary(word.slice(0, 2)))[word];
    if (!entry) return [];
    const base = entry[1] ? decode(await this.file('/search/t/' + word + '.' + entry[1] + '.json', [])) : [];
    return base.filter((p) => !this.recent.docs.has(p.doc)).concat(this.recent.words.get(word) || []);
  }

  /** Each release's category and year, by number (only when filtering). */
  async facets() {
    if (!this.manifest.facets) return null;
    const raw = await this.file('/search/f.' + this.manifest.facets + '.json', null);
    if (!raw) return null;
    if (!raw.decoded) raw.decoded = { from: raw.from, c: numbers(raw.c), y: numbers(raw.y) };
    return raw.decoded;
  }

  /** The index's words a typed word stands for, each with how much a match on it counts. */
  async variants(word, last) {
    const found = new Map();
    const dictionary = await this.dictionary(word.slice(0, 2));
    if (dictionary[word]) found.set(word, 1);
    if (last) {
      // As the user types: the words it begins, the most frequent first.
      Object.keys(dictionary).filter((t) => t !== word && t.startsWith(word))
        .sort((a, b) => dictionary[b][0] - dictionary[a][0]).slice(0, COMPLETIONS).forEach((t) => found.set(t, 0.8));
    }
    if (word.length >= 5 && !dictionary[word]) {
      // A typo after the first two letters is in the same dictionary; two swapped first letters, in their own.
      const prefixes = [word.slice(0, 2), word[1] + word[0], word[0] + word[2]];
      for (const prefix of [...new Set(prefixes)]) {
        const candidates = await this.dictionary(prefix);
        for (const term of Object.keys(candidates)) {
          if (!found.has(term) && oneEdit(word, term)) found.set(term, 0.6);
        }
      }
    }
    return Promise.all([...found].map(async ([term, weight]) => ({ term, weight, list: await this.postings(term) })));
  }

  /** Every matching release number, best first; filters by category name and year. */
  async query(text, category, year) {
    await this.load();
    const typed = words(text);
    if (!typed.length) return [];
    const facets = category || year ? await this.facets() : null;
    const categoryNumber = category ? this.manifest.categories.indexOf(category) + 1 : 0;
    const yearNumber = year ? Number(year) - 1900 : 0;
    const keep = (doc) => {
      const changed = this.recent.docs.get(doc);
      if (changed) return (!category || changed.c === categoryNumber) && (!year || changed.y === yearNumber);
      if (!facets) return false;
      const at = doc - facets.from;
      return (!category || facets.c[at] === categoryNumber) && (!year || facets.y[at] === yearNumber);
    };
    const perWord = await Promise.all(typed.map(async (word, i) => {
      const scores = new Map();
      for (const variant of await this.variants(word, i === typed.length - 1)) {
        for (const p of variant.list) {
          if ((category || year) && !keep(p.doc)) continue;
          const score = p.w * variant.weight;
          if ((scores.get(p.doc) || 0) < score) scores.set(p.doc, score);
        }
      }
      return scores;
    }));
    const total = new Map();
    perWord.forEach((scores) => scores.forEach((score, doc) => {
      const entry = total.get(doc) || { doc, words: 0, score: 0 };
      entry.words++;
      entry.score += score;
      total.set(doc, entry);
    }));
    // Releases with every word first; then those with most of them (a very common word keeps only
    // its best postings, so a strict "all words" could miss the release wanted).
    return [...total.values()].sort((a, b) => b.words - a.words || b.score - a.score || b.doc - a.doc)
      .map((e) => e.doc);
  }

  /** What a result shows: from the recent file while it has the release, else from its own file. */
  async doc(number) {
    const changed = this.recent.docs.get(number);
    if (changed && changed.r) return changed.r;
    if (!this.docs.has(number)) {
      this.docs.set(number, fetch(this.base + '/search/d/' + number + '.json').then((r) => (r.ok ? r.json() : null)));
    }
    return this.docs.get(number);
  }
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return node;
}

function human(iso) {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

/** The /search/ page: the form, the results as they come, announced to screen readers. */
async function page() {
  const form = document.getElementById('search-form');
  if (!form) return;
  const input = document.getElementById('q');
  const categorySelect = document.getElementById('category');
  const yearSelect = document.getElementById('year');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const more = document.getElementById('search-more');
  form.hidden = false;
  const search = new Search('');
  const manifest = await search.load();
  manifest.categories.forEach((c) => categorySelect.append(el('option', { value: c }, c)));
  [...manifest.years].sort((a, b) => b - a).forEach((y) => yearSelect.append(el('option', { value: y }, y)));
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  categorySelect.value = params.get('category') || '';
  yearSelect.value = params.get('year') || '';
  let results = [];
  let shown = 0;
  let run = 0;

  async function show(count) {
    const slice = results.slice(shown, shown + count);
    const docs = await Promise.all(slice.map((n) => search.doc(n)));
    docs.filter(Boolean).forEach((d) => list.append(el('li', {},
      el('h2', {}, el('a', { href: d.u }, d.t)),
      el('p', { class: 'meta' }, human(d.d) + ' · ' + d.c),
      d.s ? el('p', {}, d.s) : '')));
    shown += slice.length;
    more.hidden = shown >= results.length;
  }

  async function go(push) {
    const mine = ++run;
    const q = input.value.trim();
    const state = new URLSearchParams();
    if (q) state.set('q', q);
    if (categorySelect.value) state.set('category', categorySelect.value);
    if (yearSelect.value) state.set('year', yearSelect.value);
    if (push) history.replaceState(null, '', '?' + state.toString());
    if (!q) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = '';
      return;
    }
    const found = await search.query(q, categorySelect.value, yearSelect.value);
    if (mine !== run) return; // a newer search has started
    results = found;
    shown = 0;
    list.replaceChildren();
    await show(PAGE);
    status.textContent = found.length === 0 ? 'No news releases match “' + q + '”.'
      : found.length + (found.length === 1 ? ' news release matches' : ' news releases match') + ' “' + q + '”.';
  }

  let timer;
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => go(true), 200); });
  categorySelect.addEventListener('change', () => go(true));
  yearSelect.addEventListener('change', () => go(true));
  form.addEventListener('submit', (e) => { e.preventDefault(); go(true); });
  more.addEventListener('click', () => show(PAGE));
  if (input.value) await go(false);
}

if (typeof document !== 'undefined') {
  page();
}
