// Legal reviews that are due: each release and flag, with the decision to keep it for a new
// date; redacting or withdrawing is done on the release itself (its screen has the buttons).
import * as api from './api.js';
import { h, screen, problemBanner, announce, button, busy } from './views.js';

function inDays(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function reviewsScreen(ctx) {
  let due;
  try {
    due = (await api.call('GET', '/reviews')).data.items;
  } catch (e) {
    screen('Reviews due', problemBanner(e.problem));
    return;
  }
  const live = h('p', { role: 'status', id: 'reviews-live', class: 'muted' });
  if (!due.length) {
    screen('Reviews due', h('p', { id: 'no-reviews' }, 'No release is due for legal review.'), live);
    return;
  }
  const rows = due.map((review) => {
    const date = h('input', { type: 'date', id: 'keep-' + review.releaseId + '-' + review.flag, value: inDays(7),
      min: inDays(1), 'aria-label': 'Next review of ' + review.title + ' (' + review.label + ')' });
    const keep = ctx.person.can('publisher') ? button('Keep until this date', async (ev) => {
      await busy(ev.target, async () => {
        try {
          await api.call('POST', '/releases/' + review.releaseId + '/reviews',
            { json: { flag: review.flag, decision: 'keep', reviewOn: date.value } });
          announce('Kept: next review ' + date.value);
          await reviewsScreen(ctx);
          document.getElementById('reviews-live').textContent = 'Kept "' + review.title + '": next review ' + date.value + '.';
        } catch (e) {
          live.replaceChildren(problemBanner(e.problem));
        }
      });
    }, { class: 'secondary' }) : null;
    return h('tr', null,
      h('td', null, h('a', { href: '#/releases/' + review.releaseId }, review.title)),
      h('td', null, review.label),
      h('td', null, review.reviewOn),
      h('td', null, ctx.person.can('publisher') ? h('div', { class: 'actions' }, date, keep)
        : 'A publisher decides: keep, redact or withdraw.'));
  });
  screen('Reviews due',
    h('p', null, 'These published releases carry a legal flag whose review date has come. Keep each with a new date, or open the release to redact it (an update with a change note) or withdraw it.'),
    live,
    h('table', { id: 'reviews' },
      h('caption', null, due.length + (due.length === 1 ? ' review due' : ' reviews due')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Release'), h('th', { scope: 'col' }, 'Flag'),
        h('th', { scope: 'col' }, 'Due'), h('th', { scope: 'col' }, 'Decision'))),
      h('tbody', null, rows)));
}

/**
 * The release's legal flags, as checkboxes from the configured list, saved on their own (they
 * are not part of the text). Returns the panel.
 */
export async function flagsPanel(release, person) {
  const panel = h('fieldset', { id: 'legal-flags' }, h('legend', null, 'Legal flags'));
  let data;
  try {
    data = (await api.call('GET', '/releases/' + release.id + '/flags')).data;
  } catch (e) {
    panel.append(problemBanner(e.problem));
    return panel;
  }
  const onRelease = new Map(data.flags.map((f) => [f.flag, f]));
  const boxes = data.available.map((flag) => {
    const box = h('input', { type: 'checkbox', id: 'flag-' + flag.flag, value: flag.flag });
    box.checked = onRelease.has(flag.flag);
    const set = onRelease.get(flag.flag);
    return h('div', { class: 'check' }, box, h('label', { for: 'flag-' + flag.flag }, flag.label
      + (set ? ' (review due ' + set.reviewOn + ')' : ' (review after ' + flag.reviewAfterDays + ' days)')
      + (flag.confirmBeforePublishing ? '; publishing asks for confirmation' : '')));
  });
  const status = h('p', { role: 'status', class: 'muted', id: 'flags-status' });
  const canEdit = release.status !== 'WITHDRAWN' && (person.can('editor') || person.can('publisher'));
  panel.append(...boxes, status);
  if (canEdit) {
    panel.append(button('Save flags', async (ev) => {
      await busy(ev.target, async () => {
        const flags = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => ({ flag: i.value }));
        try {
          await api.call('PUT', '/releases/' + release.id + '/flags', { json: { flags } });
          status.textContent = 'Flags saved.';
          announce('Flags saved');
        } catch (e) {
          status.replaceChildren(problemBanner(e.problem));
        }
      });
    }, { class: 'secondary', id: 'save-flags' }));
  }
  return panel;
}
