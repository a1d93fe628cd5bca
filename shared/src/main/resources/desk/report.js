// Who was sent a release: counts by status as a small chart, and each recipient, a page at a
// time; it follows a fan-out while it runs.
import * as api from './api.js';
import { h, screen, problemBanner, announce, button } from './views.js';
import { display } from './time.js';

const ORDER = ['SENT', 'SENDING', 'FAILED', 'SUPPRESSED'];
const LABELS = { SENT: 'Sent', SENDING: 'Sending', FAILED: 'Failed', SUPPRESSED: 'Not sent (unsubscribed or bounced)' };
const PAGE = 50;
const KINDS = { EMBARGOED: 'Advance copy (embargoed)', EMBARGO_UPDATED: 'Updated advance copy', PUBLISHED: 'The release',
  UPDATED: 'Update', WITHDRAWN: 'Withdrawal notice' };

export async function reportScreen(ctx, id) {
  const chart = h('ul', { class: 'chart', id: 'delivery-chart', 'aria-label': 'Deliveries by status' });
  const live = h('p', { class: 'muted', id: 'report-live', role: 'status' });
  const body = h('tbody');
  const opened = h('div', { id: 'openings' });
  const pager = h('div', { class: 'actions' });
  let release;
  try {
    release = (await api.call('GET', '/releases/' + id)).data;
  } catch (e) {
    screen('Delivery report', problemBanner(e.problem));
    return;
  }
  const exportButton = button('Download as CSV', async () => {
    try {
      const csv = await api.call('GET', '/releases/' + id + '/deliveries/export');
      const link = h('a', { href: URL.createObjectURL(new Blob([csv.data], { type: 'text/csv' })), download: 'deliveries-' + id + '.csv' });
      document.body.append(link);
      link.click();
      link.remove();
      announce('Downloaded');
    } catch (e) {
      live.textContent = 'Could not export: ' + (e.problem.detail || e.problem.title);
    }
  }, { class: 'secondary', id: 'export' });
  screen('Delivery report: ' + release.title, h('p', null, h('a', { href: '#/releases/' + id }, 'Back to the release')),
    h('p', { class: 'hint' }, 'Delivery records are kept for the retention period set at deployment (two years by default), then deleted: download them to keep them longer.'),
    h('div', { class: 'actions' }, exportButton),
    h('h2', null, 'By status'), chart, live,
    h('h2', null, 'Advance copies opened'), opened,
    h('h2', null, 'Recipients'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'recipients' }, h('caption', { class: 'visually-hidden' }, 'Recipients'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Journalist'), h('th', { scope: 'col' }, 'What was sent'),
        h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'When'))), body)), pager);
  const cursors = [null];
  let pageIndex = 0;
  let last = '';
  let timer = null;

  async function load() {
    let report;
    try {
      const cursor = cursors[pageIndex];
      report = (await api.call('GET', '/releases/' + id + '/deliveries?limit=' + PAGE + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''))).data;
    } catch (e) {
      live.textContent = 'Could not read the report: ' + (e.problem.detail || e.problem.title);
      return;
    }
    const counts = report.counts;
    const total = ORDER.reduce((n, s) => n + (counts[s] || 0), 0);
    chart.replaceChildren(...ORDER.map((s) => h('li', null, h('span', null, LABELS[s]),
      h('span', { class: 'bar ' + s, style: null, 'data-share': total ? (counts[s] || 0) / total : 0 }),
      h('span', null, String(counts[s] || 0)))));
    chart.querySelectorAll('.bar').forEach((bar) => { bar.style.width = (Number(bar.dataset.share) * 100).toFixed(1) + '%'; });
    body.replaceChildren(...report.items.map((d) => h('tr', null,
      h('td', null, d.email || 'contact ' + d.contactId), h('td', null, KINDS[d.kind] || d.kind),
      h('td', null, LABELS[d.status] || d.status),
      h('td', null, d.updatedAt ? display(d.updatedAt, ctx.config.timeZone) : ''))));
    pager.replaceChildren(...[
      pageIndex > 0 ? button('Previous page', () => { pageIndex--; load(); }, { class: 'secondary' }) : null,
      report.nextCursor ? button('Next page', () => { cursors[pageIndex + 1] = report.nextCursor; pageIndex++; load(); }, { class: 'secondary' }) : null,
    ].filter(Boolean));
    const emails = {};
    report.items.forEach((d) => { if (d.email) emails[d.contactId] = d.email; });
    const openings = report.openings || [];
    opened.replaceChildren(openings.length === 0
      ? h('p', { class: 'muted' }, 'Nobody has opened an advance copy.')
      : h('div', { class: 'table-wrap' }, h('table', { id: 'openings-table' },
        h('caption', { class: 'visually-hidden' }, 'Advance copies opened'),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Journalist'), h('th', { scope: 'col' }, 'When'),
          h('th', { scope: 'col' }, 'Browser or app'))),
        h('tbody', null, openings.map((o) => h('tr', null, h('td', null, emails[o.contactId] || 'contact ' + o.contactId),
          h('td', null, display(o.at, ctx.config.timeZone)), h('td', null, o.userAgent)))))));
    const summary = total + ' deliveries: ' + ORDER.filter((s) => counts[s]).map((s) => counts[s] + ' ' + LABELS[s].toLowerCase()).join(', ');
    const running = (counts.SENDING || 0) > 0;
    live.textContent = summary + (running ? ' (still sending: this page follows it)' : '');
    if (summary !== last && last !== '') announce(summary);
    last = summary;
    clearTimeout(timer);
    // Follow a fan-out while it runs, and for a short while after publishing.
    if (running || (Date.now() - new Date(release.publishedAt || release.updatedAt).getTime() < 120000)) {
      timer = setTimeout(() => { if (document.getElementById('delivery-chart') === chart) load(); }, 3000);
    }
  }
  load();
}
