// The releases list: by status, by category, and search as you type by title.
import * as api from './api.js';
import { h, screen, badge, announce, field, problemBanner } from './views.js';
import { display } from './time.js';

const FILTERS = [
  ['all', 'All'], ['DRAFT', 'Drafts'], ['approval', 'Awaiting approval'], ['SCHEDULED', 'Scheduled'],
  ['PUBLISHED', 'Published'], ['WITHDRAWN', 'Withdrawn'],
];

export async function releasesScreen(ctx, query) {
  const filter = query.get('status') || 'all';
  const category = query.get('category') || '';
  const tabs = h('ul', { class: 'tabs' }, FILTERS.map(([value, label]) => h('li', null,
    h('a', { href: '#/releases?status=' + value + (category ? '&category=' + encodeURIComponent(category) : ''),
      'aria-current': value === filter ? 'page' : null }, label))));
  const search = field({ id: 'search', kind: 'search', label: 'Search by title', hint: 'Results narrow as you type.' });
  const categoryField = field({ id: 'category-filter', kind: 'select', label: 'Category', value: category,
    choices: [['', 'All categories'], ...ctx.config.categories.map((c) => [c, c])] });
  categoryField.control.addEventListener('change', () => {
    location.hash = '#/releases?status=' + filter + (categoryField.control.value ? '&category=' + encodeURIComponent(categoryField.control.value) : '');
  });
  const count = h('p', { class: 'muted', id: 'result-count' });
  const list = h('ul', { class: 'list', 'aria-labelledby': 'results-heading' });
  screen('Releases',
    h('nav', { 'aria-label': 'Filter by status' }, tabs),
    h('div', { class: 'filters' }, search.wrap, categoryField.wrap),
    h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/releases/new' }, 'New release')),
    h('h2', { id: 'results-heading' }, FILTERS.find(([v]) => v === filter)?.[1] || 'All'), count, list);

  let releases;
  try {
    const status = filter === 'approval' ? 'DRAFT' : filter === 'all' ? null : filter;
    const params = [status ? 'status=' + status : null, category ? 'category=' + encodeURIComponent(category) : null].filter(Boolean);
    releases = await api.all('/releases' + (params.length ? '?' + params.join('&') : ''), 1000);
  } catch (e) {
    list.replaceWith(problemBanner(e.problem || { title: e.message }));
    return;
  }
  if (filter === 'approval') {
    // What this person may approve: drafts someone else wrote and changed last, and changes to
    // published releases that someone else proposed.
    releases = releases.filter((r) => r.author !== ctx.person.name && (r.editedBy || r.author) !== ctx.person.name);
    try {
      const changes = (await api.call('GET', '/releases?pendingChange=true')).data.items;
      releases = releases.concat(changes.filter((r) => r.pendingChange.proposedBy !== ctx.person.name));
    } catch (e) {
      // Without the two-person rule nothing waits; the drafts are still worth showing.
    }
  }
  const show = () => {
    const words = search.control.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const shown = releases.filter((r) => words.every((w) => r.title.toLowerCase().includes(w)));
    list.replaceChildren(...shown.map((r) => h('li', null,
      h('p', { class: 'title' }, h('a', { href: '#/releases/' + r.id }, r.title)),
      h('p', { class: 'meta' }, badge(r.status), r.pendingChange ? [' ', badge('PENDING')] : null, ' ', r.category, ' · ',
        r.pendingChange ? 'change proposed by ' + r.pendingChange.proposedBy + ' · ' : null,
        r.status === 'SCHEDULED' ? 'embargoed until ' + display(r.embargoUntil, ctx.config.timeZone)
          : r.status === 'PUBLISHED' ? 'published ' + display(r.publishedAt, ctx.config.timeZone)
            : 'changed ' + display(r.updatedAt, ctx.config.timeZone),
        ' · by ', r.editedBy || r.author))));
    const text = shown.length === 1 ? '1 release' : shown.length + ' releases';
    count.textContent = text + (words.length ? ' match “' + search.control.value.trim() + '”' : '');
    return text;
  };
  let timer;
  search.control.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => announce(show()), 250);
  });
  show();
}
