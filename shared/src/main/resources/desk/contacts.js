// The media list: search, add, edit (status shown, never set back to active), and CSV import in
// parts with progress and every refused row named.
import * as api from './api.js';
import { h, screen, field, problemBanner, announce, button, busy } from './views.js';
import { display } from './time.js';

const STATUS = { ACTIVE: 'Active', UNSUBSCRIBED: 'Unsubscribed', BOUNCED: 'Bounced (address does not work)', COMPLAINED: 'Marked our email as spam' };
const IMPORT_ROWS = 200;

export async function contactsScreen(ctx) {
  const search = field({ id: 'contact-search', kind: 'search', label: 'Search by name, email or outlet' });
  const count = h('p', { class: 'muted', id: 'contact-count' });
  const body = h('tbody');
  screen('Media contacts',
    h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/contacts/new' }, 'Add a contact'),
      h('a', { class: 'button secondary', href: '#/contacts/import' }, 'Import a CSV')),
    search.wrap, count,
    h('div', { class: 'table-wrap' }, h('table', null, h('caption', { class: 'visually-hidden' }, 'Media contacts'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Outlet'),
        h('th', { scope: 'col' }, 'Topics'), h('th', { scope: 'col' }, 'Embargoes'), h('th', { scope: 'col' }, 'Status'))), body)));
  let contacts;
  try {
    contacts = await api.all('/contacts', 20000);
  } catch (e) {
    body.closest('.table-wrap').replaceWith(problemBanner(e.problem));
    return;
  }
  const show = () => {
    const words = search.control.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const shown = contacts.filter((c) => words.every((w) => [c.name, c.email, c.outlet].join(' ').toLowerCase().includes(w)));
    body.replaceChildren(...shown.slice(0, 500).map((c) => h('tr', null,
      h('td', null, h('a', { href: '#/contacts/' + c.id }, c.name || c.email), h('br'), h('span', { class: 'muted' }, c.email)),
      h('td', null, c.outlet || ''), h('td', null, c.topics.join(', ')),
      h('td', null, c.embargoAccess ? 'Trusted' : 'No'), h('td', null, STATUS[c.status] || c.status))));
    const text = shown.length + (shown.length === 1 ? ' contact' : ' contacts') + (shown.length > 500 ? ' (first 500 shown: search to narrow)' : '');
    count.textContent = text;
    return text;
  };
  let timer;
  search.control.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => announce(show()), 250); });
  show();
}

export async function contactScreen(ctx, id) {
  let contact = null;
  let etag = null;
  if (id) {
    try {
      const got = await api.call('GET', '/contacts/' + id);
      contact = got.data;
      etag = got.etag;
    } catch (e) {
      screen('Contact not found', problemBanner(e.problem));
      return;
    }
  }
  const f = {
    name: field({ id: 'name', label: 'Name', value: contact && contact.name, autocomplete: 'off' }),
    email: field({ id: 'email', kind: 'email', label: 'Email address', value: contact && contact.email }),
    outlet: field({ id: 'outlet', label: 'Outlet', hint: 'The paper, station or agency.', value: contact && contact.outlet }),
    role: field({ id: 'role', label: 'Role', value: contact && contact.role }),
    embargoAccess: field({ id: 'embargo-access', kind: 'checkbox', label: 'Trusted with embargoed releases (gets advance copies)',
      value: contact && contact.embargoAccess }),
    frequency: field({ id: 'frequency', kind: 'select', label: 'How often they hear from us',
      hint: 'Advance copies under embargo always go at once.',
      choices: [['immediate', 'Each release as it is published'], ['daily', 'A daily digest (8.30am)'],
        ['weekly', 'A weekly digest (Saturdays)']],
      value: (contact && contact.frequency) || 'immediate' }),
  };
  const topics = ctx.config.categories.map((c, i) => field({ id: 'topic-' + i, kind: 'checkbox', label: c,
    value: contact ? contact.topics.includes(c) : false }));
  const messages = h('div');
  const form = h('form', { novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    const submit = form.querySelector('button[type=submit]');
    await busy(submit, async () => {
      for (const one of Object.values(f)) one.setError(null);
      messages.replaceChildren();
      // The status is not sent: an unsubscribed or bounced contact is never made active by an edit.
      const draft = { name: f.name.control.value.trim(), email: f.email.control.value.trim(),
        outlet: f.outlet.control.value.trim() || null, role: f.role.control.value.trim() || null,
        topics: ctx.config.categories.filter((c, i) => topics[i].control.checked), embargoAccess: f.embargoAccess.control.checked,
        frequency: f.frequency.control.value };
      try {
        const saved = contact ? await api.call('PUT', '/contacts/' + contact.id, { json: draft, etag })
          : await api.call('POST', '/contacts', { json: draft });
        announce('Contact saved');
        location.hash = '#/contacts/' + saved.data.id;
        if (contact) await contactScreen(ctx, contact.id);
      } catch (err) {
        const banner = err.status === 412
          ? h('div', { class: 'banner warn', role: 'alert', tabindex: '-1' }, h('h2', null, 'This contact changed meanwhile'),
            h('p', null, err.problem.detail), button('Reload it', () => contactScreen(ctx, contact.id)))
          : problemBanner(err.problem, f);
        messages.append(banner);
        banner.focus();
      }
    });
  } },
  f.name.wrap, f.email.wrap, f.outlet.wrap, f.role.wrap,
  h('fieldset', null, h('legend', null, 'Topics they follow'), topics.map((t) => t.wrap)),
  f.embargoAccess.wrap, f.frequency.wrap,
  h('div', { class: 'actions' }, h('button', { type: 'submit' }, contact ? 'Save contact' : 'Add contact'),
    contact ? h('button', { type: 'button', class: 'warning', id: 'delete-contact', onclick: async (e) => {
      if (!confirm('Delete ' + (contact.name || contact.email) + ' from the media list? Their delivery history stays.')) return;
      await busy(e.target, async () => {
        try {
          await api.call('DELETE', '/contacts/' + contact.id, { etag });
          announce('Contact deleted');
          location.hash = '#/contacts';
        } catch (err) {
          const banner = problemBanner(err.problem);
          messages.append(banner);
          banner.focus();
        }
      });
    } }, 'Delete contact') : null,
    h('a', { href: '#/contacts' }, 'Back to the list')));
  screen(contact ? contact.name || contact.email : 'Add a contact',
    contact ? h('p', { class: 'meta', id: 'contact-status' }, 'Status: ', h('strong', null, STATUS[contact.status] || contact.status),
      contact.status !== 'ACTIVE' ? ' (set by the contact or by the mail service; it cannot be changed back here)' : '',
      ' · consent: ' + (contact.consentSource || 'unknown') + (contact.consentAt ? ', ' + display(contact.consentAt, ctx.config.timeZone) : '')) : null,
    messages, form);
}

export async function importScreen(ctx) {
  const input = h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv', 'aria-describedby': 'csv-hint' });
  const bar = h('progress', { max: '100', value: '0', id: 'import-progress', 'aria-label': 'Import progress', hidden: true });
  const state = h('p', { role: 'status', id: 'import-state' });
  const results = h('div', { id: 'import-results' });
  const start = h('button', { type: 'button', id: 'start-import' }, 'Import');
  screen('Import media contacts',
    h('p', { id: 'csv-hint' }, 'A CSV file with a header row: email, name, outlet, role, topics (separated by ;), embargoAccess (true or false). '
      + 'Rows are added or updated by email address; a contact who unsubscribed or bounced stays so.'),
    h('div', { class: 'field' }, h('label', { for: 'csv-file' }, 'CSV file'), input),
    h('div', { class: 'actions' }, start, h('a', { href: '#/contacts' }, 'Back to the list')), bar, state, results);
  start.addEventListener('click', () => busy(start, async () => {
    results.replaceChildren();
    const file = input.files[0];
    if (!file) { state.textContent = 'Choose a CSV file first.'; input.focus(); return; }
    const text = await file.text();
    const lines = text.replace(/\r\n/g, '\n').split('\n');
    const header = lines.shift();
    const rows = lines.filter((l) => l.trim() !== '');
    const totals = { created: 0, updated: 0, unchanged: 0 };
    const refused = [];
    bar.hidden = false;
    for (let offset = 0; offset < rows.length || offset === 0; offset += IMPORT_ROWS) {
      const part = [header, ...rows.slice(offset, offset + IMPORT_ROWS)].join('\n') + '\n';
      try {
        const report = (await api.call('POST', '/contacts/import?rowOffset=' + offset, { text: part, contentType: 'text/csv' })).data;
        totals.created += report.created; totals.updated += report.updated; totals.unchanged += report.unchanged;
        refused.push(...report.rejected);
      } catch (e) {
        results.append(problemBanner(e.problem));
        state.textContent = 'Import stopped at row ' + (offset + 1) + '; rows before it were imported.';
        return;
      }
      const done = Math.min(rows.length, offset + IMPORT_ROWS);
      bar.value = rows.length ? Math.round((done / rows.length) * 100) : 100;
      state.textContent = 'Imported ' + done + ' of ' + rows.length + ' rows…';
      if (rows.length === 0) break;
    }
    state.textContent = 'Done: ' + totals.created + ' added, ' + totals.updated + ' updated, ' + totals.unchanged + ' unchanged, '
      + refused.length + ' refused.';
    announce(state.textContent);
    if (refused.length) {
      results.append(h('h2', null, 'Rows not imported'), h('div', { class: 'table-wrap' }, h('table', { id: 'refused-rows' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Row'), h('th', { scope: 'col' }, 'What is wrong'))),
        h('tbody', null, refused.map((r) => h('tr', null, h('td', null, String(r.row)),
          h('td', null, r.errors.map((e) => e.field + ': ' + e.message).join('; '))))))));
    }
  }));
}
