// Writing and changing a release: its fields, a live preview rendered by the API with the real
// page template, files, and the workflow (publish, schedule, approve, withdraw). Drafts save
// themselves; typed text is kept in this browser until the API has it, so none is ever lost.
import * as api from './api.js';
import { h, screen, field, problemBanner, announce, badge, button, busy } from './views.js';
import { toWallTime, fromWallTime, zoneLabel, nearDstChange, display } from './time.js';
import { diffLines } from './diff.js';
import { flagsPanel } from './reviews.js';

const TYPES = {
  'application/pdf': ['pdf'], 'image/png': ['png'], 'image/jpeg': ['jpg', 'jpeg'], 'image/webp': ['webp'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
};
const MAX_SIZE = 50 * 1024 * 1024;
const AUTOSAVE_MS = 1500;

function typeOf(file) {
  const ext = (file.name.split('.').pop() || '').toLowerCase();
  return Object.keys(TYPES).find((type) => TYPES[type].includes(ext) && (!file.type || file.type === type || type.startsWith('application/vnd')));
}

function keptKey(id) {
  return 'newsroom.desk.text.' + (id || 'new');
}

export async function composeScreen(ctx, id) {
  const tz = ctx.config.timeZone;
  let release = null;
  let etag = null;
  if (id) {
    try {
      const got = await api.call('GET', '/releases/' + id);
      release = got.data;
      etag = got.etag;
    } catch (e) {
      screen('Release not found', problemBanner(e.problem));
      return;
    }
  }
  const published = release && release.status === 'PUBLISHED';
  const withdrawn = release && release.status === 'WITHDRAWN';
  const remembered = JSON.parse(localStorage.getItem('newsroom.desk.contact.' + ctx.person.name) || 'null') || {};
  const contact = (release && release.contact) || remembered;
  const images = ((release && release.attachments) || []).filter((a) => a.contentType.startsWith('image/'));

  const f = {
    title: field({ id: 'title', label: 'Title', required: true, maxlength: 200, value: release && release.title }),
    summary: field({ id: 'summary', kind: 'textarea', rows: 3, label: 'Summary',
      hint: 'One or two sentences for lists, feeds and search results (up to 500 characters).', value: release && release.summary }),
    category: field({ id: 'category', kind: 'select', label: 'Category', value: release && release.category,
      choices: [['', 'Choose a category'], ...ctx.config.categories.map((c) => [c, c])] }),
    tags: field({ id: 'tags', label: 'Tags', hint: 'Separate tags with commas.', value: release ? release.tags.join(', ') : '' }),
    'contact.name': field({ id: 'contact-name', label: 'Media contact name', value: contact.name, autocomplete: 'name' }),
    'contact.phone': field({ id: 'contact-phone', kind: 'tel', label: 'Media contact phone', value: contact.phone, autocomplete: 'tel' }),
    'contact.email': field({ id: 'contact-email', kind: 'email', label: 'Media contact email', value: contact.email, autocomplete: 'email' }),
    body: field({ id: 'body', kind: 'textarea', rows: 18, label: 'Body',
      hint: 'Markdown: a blank line between paragraphs, ## for a heading, > for a quote, - for a list item, [text](https://…) for a link.',
      value: release && release.body }),
    heroImage: field({ id: 'hero', kind: 'select', label: 'Hero image', value: release && release.heroImage ? release.heroImage.fileName : '',
      hint: images.length ? 'One of this release’s images, shown at the top of its page.' : 'Upload an image below to use one.',
      choices: [['', 'No hero image'], ...images.map((a) => [a.fileName, a.fileName])] }),
    'heroImage.alt': field({ id: 'hero-alt', label: 'Hero image description (alt text)',
      hint: 'Required with a hero image: what it shows, for people who cannot see it.', value: release && release.heroImage ? release.heroImage.alt : '' }),
    embargoUntil: field({ id: 'embargo', kind: 'datetime-local', label: 'Embargo (UK time)',
      hint: 'Leave empty to publish at once. Journalists trusted with embargoes get an advance copy; the page goes public at this time.',
      value: release && release.embargoUntil ? toWallTime(release.embargoUntil, tz) : '' }),
  };
  if (published) {
    f.changeNote = field({ id: 'change-note', kind: 'textarea', rows: 3, label: 'Change note (shown on the page)',
      hint: 'Required for any change to a published release: what changed and why.' });
    f.changeType = field({ id: 'change-type', kind: 'select', label: 'Kind of change', value: 'minor',
      choices: [['minor', 'Minor: a correction of detail (no email)'], ['major', 'Major: journalists are emailed the update']] });
  }

  const embargoInfo = h('p', { class: 'hint', id: 'embargo-zone', 'aria-live': 'polite' });
  f.embargoUntil.wrap.append(embargoInfo);
  const saved = h('p', { class: 'saved', id: 'saved', role: 'status' });
  const messages = h('div', { id: 'messages' });
  const preview = h('iframe', { class: 'preview-frame', title: 'Preview of the release page', sandbox: 'allow-same-origin', id: 'preview' });
  const actions = h('div', { class: 'actions', id: 'workflow' });
  const files = h('section', { 'aria-labelledby': 'files-heading' });
  const recipients = h('p', { class: 'hint', id: 'advance-copy' });

  const title = release ? (withdrawn ? 'Withdrawn: ' : 'Edit: ') + release.title : 'New release';
  const form = h('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); save(true); } },
    f.title.wrap, f.summary.wrap, f.category.wrap, f.tags.wrap,
    h('fieldset', null, h('legend', null, 'Media contact for this release'),
      h('p', { class: 'hint' }, 'Remembered for your next release.'), f['contact.name'].wrap, f['contact.phone'].wrap, f['contact.email'].wrap),
    f.body.wrap, f.heroImage.wrap, f['heroImage.alt'].wrap, f.embargoUntil.wrap, recipients,
    published ? [f.changeNote.wrap, f.changeType.wrap] : null,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'save' }, release ? (published ? 'Save change' : 'Save') : 'Save draft'),
      h('button', { type: 'button', class: 'secondary', id: 'show-preview', onclick: () => refreshPreview(true) }, 'Preview'),
      saved));
  if (withdrawn) {
    for (const one of Object.values(f)) one.control.disabled = true;
  }
  screen(title,
    release ? h('p', { class: 'meta' }, badge(release.status), ' version ', h('span', { id: 'release-version' }, String(release.version)),
      release.url ? [' · ', h('a', { href: release.url }, 'public page')] : null,
      ' · ', h('a', { href: '#/releases/' + release.id + '/history' }, 'history'),
      release.status !== 'DRAFT' ? [' · ', h('a', { href: '#/releases/' + release.id + '/report' }, 'delivery report')] : null) : null,
    messages,
    h('div', { class: 'compose' },
      h('section', { 'aria-label': 'Release' }, form, files),
      h('section', { 'aria-labelledby': 'preview-heading' }, h('h2', { id: 'preview-heading' }, 'Preview'),
        h('p', { class: 'hint' }, 'The page as the public will see it, from the last saved text.'), preview)),
    h('h2', null, 'Publishing'), actions);

  // ---- what was typed and not yet saved is kept in this browser
  const kept = JSON.parse(localStorage.getItem(keptKey(id)) || 'null');
  if (kept && (!release || kept.basedOn === release.version) && JSON.stringify(kept.content) !== JSON.stringify(release ? fromRelease(release) : {})) {
    messages.append(h('div', { class: 'banner warn', role: 'region', 'aria-label': 'Unsaved text' },
      h('h2', null, 'You have text that was not saved'),
      h('p', null, 'From ' + display(kept.at, tz) + '.'),
      h('div', { class: 'actions' },
        button('Restore my text', (ev) => { fill(kept.content); ev.target.closest('.banner').remove(); announce('Your text is back'); }),
        button('Discard it', (ev) => { localStorage.removeItem(keptKey(id)); ev.target.closest('.banner').remove(); }, { class: 'secondary' }))));
  }

  function fromRelease(r) {
    return contentOf({
      title: r.title, summary: r.summary || '', category: r.category, tags: r.tags.join(', '),
      'contact.name': (r.contact || {}).name || '', 'contact.phone': (r.contact || {}).phone || '', 'contact.email': (r.contact || {}).email || '',
      body: r.body, heroImage: r.heroImage ? r.heroImage.fileName : '', 'heroImage.alt': r.heroImage ? r.heroImage.alt : '',
      embargoUntil: r.embargoUntil ? toWallTime(r.embargoUntil, tz) : '',
    });
  }

  function values() {
    const v = {};
    for (const [name, one] of Object.entries(f)) v[name] = one.control.value;
    return v;
  }

  function contentOf(v) {
    const embargo = v.embargoUntil ? fromWallTime(v.embargoUntil, tz) : null;
    const content = {
      title: v.title.trim(),
      summary: v.summary.trim() || null,
      body: v.body,
      category: v.category || null,
      tags: v.tags.split(',').map((t) => t.trim()).filter(Boolean),
      contact: { name: v['contact.name'].trim(), phone: v['contact.phone'].trim() || null, email: v['contact.email'].trim() || null },
      heroImage: v.heroImage ? { fileName: v.heroImage, alt: v['heroImage.alt'].trim() } : null,
      embargoUntil: embargo ? embargo.iso : null,
    };
    if (v.changeNote !== undefined) {
      content.changeNote = v.changeNote.trim() || null;
      content.changeType = v.changeType;
    }
    return content;
  }

  function fill(content) {
    f.title.control.value = content.title || '';
    f.summary.control.value = content.summary || '';
    f.category.control.value = content.category || '';
    f.tags.control.value = (content.tags || []).join(', ');
    f['contact.name'].control.value = (content.contact || {}).name || '';
    f['contact.phone'].control.value = (content.contact || {}).phone || '';
    f['contact.email'].control.value = (content.contact || {}).email || '';
    f.body.control.value = content.body || '';
    f.embargoUntil.control.value = content.embargoUntil ? toWallTime(content.embargoUntil, tz) : '';
    showEmbargo();
    keep();
    schedule();
  }

  function keep() {
    localStorage.setItem(keptKey(id), JSON.stringify({ content: contentOf(values()), basedOn: release ? release.version : 0,
      at: new Date().toISOString() }));
  }

  // ---- the embargo: UK time, its offset, and warnings
  function showEmbargo() {
    const value = f.embargoUntil.control.value;
    embargoInfo.replaceChildren();
    if (!value) {
      embargoInfo.textContent = 'No embargo: publishing makes it public at once.';
      return;
    }
    const parsed = fromWallTime(value, tz);
    if (!parsed) return;
    const when = new Date(parsed.iso);
    const notes = ['That is ' + display(parsed.iso, tz) + ' (' + zoneLabel(when, tz) + ').'];
    if (when.getTime() <= Date.now()) notes.push('Warning: this time has passed; publishing makes the release public at once.');
    if (parsed.problem === 'gap') notes.push('Warning: the clocks go forward then, so this time does not exist; it is taken as an hour later.');
    if (parsed.problem === 'overlap') notes.push('Warning: the clocks go back then, so this time happens twice; the first (BST) is taken.');
    else if (nearDstChange(when, tz)) notes.push('Note: the clocks change within a day of this time. Check the offset above.');
    embargoInfo.append(...notes.map((n) => h('span', { style: null }, n, ' ')));
    showRecipients();
  }
  f.embargoUntil.control.addEventListener('input', showEmbargo);
  f.category.control.addEventListener('change', showRecipients);
  showEmbargo();

  let trusted = null;
  async function showRecipients() {
    if (!f.embargoUntil.control.value || (release && release.status === 'PUBLISHED')) {
      recipients.textContent = '';
      return;
    }
    const category = f.category.control.value;
    if (!ctx.person.can('contacts')) {
      recipients.textContent = 'Advance copies go to contacts trusted with embargoed releases who follow ' + (category || 'its category') + '.';
      return;
    }
    try {
      if (!trusted) trusted = (await api.all('/contacts', 5000)).filter((c) => c.embargoAccess && c.status === 'ACTIVE');
      const who = trusted.filter((c) => c.topics.includes(category));
      recipients.textContent = who.length === 0 ? 'No trusted contact follows ' + (category || 'this category') + ': nobody gets an advance copy.'
        : 'An advance copy goes to ' + who.length + (who.length === 1 ? ' trusted contact: ' : ' trusted contacts: ')
          + who.slice(0, 8).map((c) => c.name + (c.outlet ? ' (' + c.outlet + ')' : '')).join(', ') + (who.length > 8 ? ' and others' : '') + '.';
    } catch (e) {
      recipients.textContent = '';
    }
  }

  // ---- saving: drafts by themselves after a pause, everything by the Save button
  let timer = null;
  let saving = Promise.resolve();
  function schedule() {
    clearTimeout(timer);
    if (withdrawn) return;
    // Only drafts save by themselves: a published or scheduled release changes when someone means it.
    if (release && release.status !== 'DRAFT') { saved.textContent = 'Not saved yet'; return; }
    saved.textContent = 'Not saved yet';
    timer = setTimeout(() => save(false), AUTOSAVE_MS);
  }
  form.addEventListener('input', (e) => {
    keep();
    if (e.target.closest('.field')) {
      const one = Object.values(f).find((x) => x.control === e.target);
      if (one) one.setError(null);
    }
    schedule();
  });

  async function save(explicit) {
    clearTimeout(timer);
    saving = saving.then(() => doSave(explicit));
    return saving;
  }

  async function doSave(explicit) {
    // This screen was replaced (the draft was just created, or the person moved on): nothing to do.
    if (!document.body.contains(form)) return;
    const content = contentOf(values());
    if (!release && !explicit && (!content.title || !content.category || !content.contact.name)) {
      saved.textContent = 'Kept in this browser; saved once it has a title, category and contact.';
      return;
    }
    for (const one of Object.values(f)) one.setError(null);
    messages.querySelectorAll('.banner.bad, .banner.conflict').forEach((b) => b.remove());
    saved.textContent = 'Saving…';
    try {
      if (!release) {
        // A new release has no files yet, so no hero image either.
        const { heroImage, ...draft } = content;
        const created = await api.call('POST', '/releases', { json: draft });
        release = created.data;
        etag = created.etag;
        clearTimeout(timer);
        localStorage.removeItem(keptKey(null));
        localStorage.setItem('newsroom.desk.contact.' + ctx.person.name, JSON.stringify(content.contact));
        announce('Draft saved');
        location.replace('#/releases/' + created.data.id);
        return;
      }
      const result = await api.call('PUT', '/releases/' + release.id, { json: content, etag });
      localStorage.setItem('newsroom.desk.contact.' + ctx.person.name, JSON.stringify(content.contact));
      if (result.status === 202) {
        localStorage.removeItem(keptKey(id));
        announce('Change proposed: it waits for a second person');
        await composeScreen(ctx, release.id);
        return;
      }
      release = result.data;
      etag = result.etag;
      localStorage.removeItem(keptKey(id));
      const time = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date());
      saved.textContent = 'Saved at ' + time + ' (version ' + release.version + ')';
      const shown = document.getElementById('release-version');
      if (shown) shown.textContent = String(release.version);
      if (explicit) announce('Saved');
      if (release.status !== 'DRAFT' && explicit) {
        await composeScreen(ctx, release.id);
        return;
      }
      refreshPreview(false);
      renderWorkflow();
    } catch (e) {
      saved.textContent = 'Not saved';
      if (e.status === 412) {
        conflict(content);
      } else if (e.status === 401) {
        saved.textContent = 'Not saved: signed out. Your text is kept.';
      } else {
        const banner = problemBanner(e.problem, f);
        messages.append(banner);
        if (explicit) banner.focus();
      }
    }
  }

  function conflict(mine) {
    const banner = h('div', { class: 'banner conflict warn', role: 'alert', tabindex: '-1' },
      h('h2', null, 'Someone else changed this release'),
      h('p', null, 'Your text was not saved and is still here. Take their version, or keep yours and save it over theirs.'),
      h('div', { class: 'actions' },
        button('Reload their version', () => { localStorage.removeItem(keptKey(id)); composeScreen(ctx, release.id); }, { class: 'secondary' }),
        button('Keep my text', async (ev) => {
          await busy(ev.target, async () => {
            const latest = await api.call('GET', '/releases/' + release.id);
            release = latest.data;
            etag = latest.etag;
            banner.remove();
            fill(mine);
            await save(true);
          });
        })));
    messages.append(banner);
    banner.focus();
  }

  // ---- preview, from the API's real page template
  async function refreshPreview(focus) {
    if (!release) {
      preview.srcdoc = '<p>Save the draft to see its page.</p>';
      return;
    }
    try {
      const page = await api.call('GET', '/releases/' + release.id + '/preview');
      preview.srcdoc = page.data;
      if (focus) announce('Preview updated');
    } catch (e) {
      messages.append(problemBanner(e.problem));
    }
  }
  refreshPreview(false);

  // ---- files (the uploads list outlives a redraw of the files, so each upload's outcome stays in view)
  const progress = h('ul', { class: 'files', id: 'uploads', 'aria-live': 'polite' });
  function renderFiles() {
    if (!release || withdrawn) {
      files.replaceChildren(h('h2', { id: 'files-heading' }, 'Files'), h('p', { class: 'hint' }, release ? 'A withdrawn release has no files.' : 'Save the draft to attach files.'));
      return;
    }
    const input = h('input', { type: 'file', id: 'file-input', multiple: true, accept: Object.values(TYPES).flat().map((e) => '.' + e).join(',') });
    const list = h('ul', { class: 'files', id: 'file-list' }, release.attachments.map((a) => h('li', null,
      h('span', null, a.fileName), h('span', { class: 'muted' }, Math.ceil(a.size / 1024) + ' KB'),
      button('Remove ' + a.fileName, async (ev) => {
        await busy(ev.target, async () => {
          try {
            const note = published ? { changeNote: f.changeNote.control.value.trim() || null, changeType: f.changeType.control.value } : undefined;
            const result = await api.call('DELETE', '/releases/' + release.id + '/attachments/' + a.id, { json: note, etag });
            announce(result.status === 202 ? 'Removal proposed: it waits for a second person' : a.fileName + ' removed');
            await composeScreen(ctx, release.id);
          } catch (e) {
            messages.append(problemBanner(e.problem, f));
          }
        });
      }, { class: 'secondary' }))));
    const drop = h('div', { class: 'drop', id: 'drop' },
      h('label', { for: 'file-input' }, 'Add files: PDF, PNG, JPEG, WebP, Word or OpenDocument, up to 50 MB each'),
      h('p', { class: 'hint' }, 'Choose files, or drop them here.'), input);
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); addFiles([...e.dataTransfer.files]); });
    input.addEventListener('change', () => { addFiles([...input.files]); input.value = ''; });
    files.replaceChildren(h('h2', { id: 'files-heading' }, 'Files'), list, drop, progress);

    function addFiles(chosen) {
      for (const file of chosen) {
        const type = typeOf(file);
        const row = h('li', null, h('span', null, file.name));
        progress.append(row);
        if (!type) { row.append(h('span', { class: 'error-text' }, 'Error: not a file type the site takes (PDF, PNG, JPEG, WebP, Word, OpenDocument).')); continue; }
        if (file.size > MAX_SIZE || file.size === 0) { row.append(h('span', { class: 'error-text' }, 'Error: must be between 1 byte and 50 MB.')); continue; }
        send(file, type, row);
      }
    }

    async function send(file, type, row) {
      const bar = h('progress', { max: '100', value: '0', 'aria-label': 'Upload of ' + file.name });
      const state = h('span', null, 'Starting…');
      row.replaceChildren(h('span', null, file.name), bar, state);
      try {
        const body = { fileName: file.name, contentType: type, size: file.size };
        if (published) { body.changeNote = f.changeNote.control.value.trim() || null; body.changeType = f.changeType.control.value; }
        const declared = await api.call('POST', '/releases/' + release.id + '/attachments', { json: body });
        await api.upload(declared.data.upload, file, (share) => { bar.value = Math.round(share * 100); state.textContent = Math.round(share * 100) + '%'; });
        bar.value = 100;
        state.textContent = declared.status === 202 ? 'Uploaded; waits for a second person' : 'Uploaded';
        announce(file.name + ' uploaded');
        const latest = await api.call('GET', '/releases/' + release.id);
        release = latest.data;
        etag = latest.etag;
        renderFiles();
        refreshHeroChoices();
        refreshPreview(false);
      } catch (e) {
        state.textContent = 'Failed: ' + ((e.problem && (e.problem.detail || e.problem.title)) || e.message);
        state.className = 'error-text';
        row.append(button('Retry ' + file.name, () => send(file, type, row), { class: 'secondary' }));
      }
    }
  }

  function refreshHeroChoices() {
    const chosen = f.heroImage.control.value;
    const imgs = release.attachments.filter((a) => a.contentType.startsWith('image/'));
    f.heroImage.control.replaceChildren(h('option', { value: '' }, 'No hero image'), ...imgs.map((a) => h('option', { value: a.fileName }, a.fileName)));
    f.heroImage.control.value = chosen;
  }
  renderFiles();

  // ---- the workflow
  async function renderWorkflow() {
    actions.replaceChildren();
    if (!release) {
      actions.append(h('p', null, 'Save the draft first.'));
      return;
    }
    const me = ctx.person.name;
    const mine = release.author === me || (release.editedBy || release.author) === me;
    if (release.status === 'DRAFT') {
      if (!ctx.person.can('publisher')) {
        actions.append(h('p', null, 'A publisher publishes or schedules it. Tell them it is ready.'));
      } else if (ctx.config.twoPersonRule && mine) {
        actions.append(h('p', null, 'The two-person rule is on: someone other than its author and last editor must publish this.'));
      } else {
        approvedDiff();
        const embargo = release.embargoUntil && new Date(release.embargoUntil).getTime() > Date.now();
        actions.append(button(embargo ? 'Schedule for ' + display(release.embargoUntil, tz) : 'Publish now', async (ev) => {
          await busy(ev.target, async () => {
            try {
              // Flags such as "court case active" ask the publisher to confirm they checked it first.
              const legal = (await api.call('GET', '/releases/' + release.id + '/flags')).data;
              const asking = legal.flags.filter((f) => legal.available.some((a) => a.flag === f.flag && a.confirmBeforePublishing));
              if (asking.length && !confirm('This release is flagged: ' + asking.map((f) => f.label).join(', ')
                + ' (' + asking.map((f) => f.flag).join(', ') + ').\n\nConfirm you have checked it is safe to publish.')) return;
              await api.call('POST', '/releases/' + release.id + '/publish',
                { etag, json: asking.length ? { confirm: asking.map((f) => f.flag) } : {} });
              announce(embargo ? 'Scheduled' : 'Published');
              await composeScreen(ctx, release.id);
            } catch (e) {
              const banner = problemBanner(e.problem);
              messages.append(banner);
              banner.focus();
            }
          });
        }, { id: 'publish' }));
      }
      actions.append(button('Delete draft', async (ev) => {
        if (!confirm('Delete this draft? This cannot be undone.')) return;
        await busy(ev.target, async () => {
          try {
            await api.call('DELETE', '/releases/' + release.id, { etag });
            localStorage.removeItem(keptKey(id));
            announce('Draft deleted');
            location.hash = '#/releases';
          } catch (e) {
            messages.append(problemBanner(e.problem));
          }
        });
      }, { class: 'warning' }));
    }
    if (release.pendingChange) pendingPanel(release.pendingChange);
    if (release.status === 'SCHEDULED' && ctx.person.can('publisher')) {
      actions.append(button('Withdraw every advance copy', async (ev) => {
        if (!confirm('Withdraw every journalist\'s advance copy? Their links will say the copy was withdrawn.')) return;
        await busy(ev.target, async () => {
          try {
            await api.call('POST', '/releases/' + release.id + '/advance-copies/revoke', { json: {} });
            announce('Every advance copy withdrawn');
            actions.prepend(h('p', { class: 'banner ok', role: 'status' }, 'Every advance copy of this release is withdrawn.'));
          } catch (e) {
            messages.append(problemBanner(e.problem));
          }
        });
      }, { class: 'secondary', id: 'revoke-copies' }));
      if (ctx.person.can('contacts')) addJournalistPanel();
    }
    if ((release.status === 'PUBLISHED' || release.status === 'SCHEDULED') && ctx.person.can('publisher')) {
      const reason = field({ id: 'withdraw-reason', kind: 'textarea', rows: 3, label: 'Reason for withdrawal (shown to the public)' });
      actions.append(h('details', null, h('summary', null, 'Withdraw this release'),
        reason.wrap,
        button('Withdraw', async (ev) => {
          await busy(ev.target, async () => {
            try {
              await api.call('POST', '/releases/' + release.id + '/withdraw', { json: { reason: reason.control.value }, etag });
              announce('Withdrawn');
              await composeScreen(ctx, release.id);
            } catch (e) {
              const banner = problemBanner(e.problem, { reason });
              messages.append(banner);
              banner.focus();
            }
          });
        }, { class: 'warning', id: 'withdraw' })));
    }
  }

  /** Sends the advance copy to one more journalist, not on the embargo list (needs the media list). */
  async function addJournalistPanel() {
    const select = h('select', { id: 'add-journalist' }, h('option', { value: '' }, 'Choose a journalist'));
    const wrap = h('div', { class: 'field' }, h('label', { for: 'add-journalist' }, 'Send the advance copy to one more journalist'), select);
    const status = h('p', { role: 'status', class: 'muted', id: 'add-journalist-status' });
    actions.append(h('details', null, h('summary', null, 'Add a journalist to the embargo'), wrap,
      button('Send the advance copy', async (ev) => {
        if (!select.value) { status.textContent = 'Choose a journalist first.'; return; }
        await busy(ev.target, async () => {
          try {
            await api.call('POST', '/releases/' + release.id + '/advance-copies', { json: { contactId: select.value } });
            status.textContent = 'The advance copy is on its way to ' + select.selectedOptions[0].textContent + '.';
            announce('Advance copy sent');
          } catch (e) {
            status.replaceChildren(problemBanner(e.problem));
          }
        });
      }, { class: 'secondary', id: 'send-advance-copy' }), status));
    try {
      const contacts = await api.all('/contacts', 2000);
      for (const c of contacts.filter((c) => c.status === 'ACTIVE' && !c.embargoAccess)) {
        select.append(h('option', { value: c.id }, (c.name || c.email) + (c.outlet ? ' (' + c.outlet + ')' : '')));
      }
    } catch (e) {
      status.replaceChildren(problemBanner(e.problem));
    }
  }

  /** For the approver: what changed since a second person last approved it (scheduled or published). */
  async function approvedDiff() {
    try {
      const versions = (await api.call('GET', '/releases/' + release.id + '/versions')).data.items;
      const approved = versions.filter((v) => v.release.status !== 'DRAFT').pop();
      if (!approved) return;
      actions.prepend(h('div', { class: 'banner', role: 'region', 'aria-labelledby': 'approved-diff-heading' },
        h('h2', { id: 'approved-diff-heading' }, 'Changed since it was last approved (version ' + approved.version + ')'),
        h('h3', null, 'Title'), diffLines(approved.release.title, release.title),
        h('h3', null, 'Body'), diffLines(approved.release.body, release.body),
        h('h3', null, 'Embargo'), diffLines(approved.release.embargoUntil ? display(approved.release.embargoUntil, tz) : 'none',
          release.embargoUntil ? display(release.embargoUntil, tz) : 'none')));
    } catch (e) {
      // The history is a help to the approver, not a condition: publishing works without it.
    }
  }

  function pendingPanel(change) {
    const me = ctx.person.name;
    const proposed = change.edit || {};
    const panel = h('div', { class: 'banner', role: 'region', 'aria-labelledby': 'pending-heading' },
      h('h2', { id: 'pending-heading' }, 'A change awaits approval'),
      h('p', null, 'Proposed by ' + change.proposedBy + ' on ' + display(change.proposedAt, tz) + '. ',
        change.changeNote ? 'Note: “' + change.changeNote + '” (' + change.changeType + ').' : ''),
      change.kind === 'EDIT' ? [
        h('h3', null, 'Title'), diffLines(release.title, proposed.title || ''),
        h('h3', null, 'Summary'), diffLines(release.summary || '', proposed.summary || ''),
        h('h3', null, 'Body'), diffLines(release.body, proposed.body || ''),
      ] : h('p', null, change.kind === 'ADD_ATTACHMENT' ? 'Adds the file ' + change.attachment.fileName + '.' : 'Removes a file.'));
    if (ctx.person.can('publisher') && change.proposedBy !== me) {
      panel.append(h('div', { class: 'actions' }, button('Publish this change', async (ev) => {
        await busy(ev.target, async () => {
          try {
            await api.call('POST', '/releases/' + release.id + '/publish', { json: { pendingChange: change.id }, etag });
            announce('Change published');
            await composeScreen(ctx, release.id);
          } catch (e) {
            const banner = problemBanner(e.problem);
            messages.append(banner);
            banner.focus();
          }
        });
      }, { id: 'approve-change' })));
    } else {
      panel.append(h('p', null, change.proposedBy === me ? 'Someone else must publish your change.' : 'A publisher must publish it.'));
    }
    actions.prepend(panel);
  }
  renderWorkflow();
  if (release) {
    // The legal flags sit below the workflow: they are saved on their own, not with the text.
    actions.after(await flagsPanel(release, ctx.person));
  }
}

export async function historyScreen(ctx, id) {
  const tz = ctx.config.timeZone;
  let versions;
  try {
    versions = (await api.call('GET', '/releases/' + id + '/versions')).data.items;
  } catch (e) {
    screen('History', problemBanner(e.problem));
    return;
  }
  const choices = versions.map((v) => [String(v.version), 'Version ' + v.version + ' · ' + v.release.status.toLowerCase() + ' · ' + display(v.savedAt, tz)]);
  const from = field({ id: 'from', kind: 'select', label: 'Compare', choices, value: String(versions.length > 1 ? versions[versions.length - 2].version : versions[0].version) });
  const to = field({ id: 'to', kind: 'select', label: 'with', choices, value: String(versions[versions.length - 1].version) });
  const out = h('div', { id: 'diff', 'aria-live': 'polite' });
  const show = () => {
    const a = versions.find((v) => String(v.version) === from.control.value).release;
    const b = versions.find((v) => String(v.version) === to.control.value).release;
    out.replaceChildren(
      h('h2', null, 'Title'), diffLines(a.title, b.title),
      h('h2', null, 'Summary'), diffLines(a.summary || '', b.summary || ''),
      h('h2', null, 'Body'), diffLines(a.body, b.body),
      h('h2', null, 'Status, category and embargo'),
      diffLines([a.status, a.category, a.embargoUntil ? display(a.embargoUntil, tz) : 'no embargo'].join('\n'),
        [b.status, b.category, b.embargoUntil ? display(b.embargoUntil, tz) : 'no embargo'].join('\n')));
  };
  from.control.addEventListener('change', show);
  to.control.addEventListener('change', show);
  const last = versions[versions.length - 1].release;
  screen('History: ' + last.title, h('p', null, h('a', { href: '#/releases/' + id }, 'Back to the release')),
    h('div', { class: 'filters' }, from.wrap, to.wrap), out);
  show();
}
