// Small helpers for building the desk's screens. Text always goes in as text (never as HTML),
// so nothing from a release or a contact can become markup here.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Says something to screen-reader users without moving their focus. */
export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = '';
  setTimeout(() => { status.textContent = message; }, 60);
}

/** Replaces the main content with a new screen and puts the focus on its heading. */
export function screen(title, ...content) {
  const main = document.getElementById('main');
  const heading = h('h1', { tabindex: '-1' }, title);
  main.replaceChildren(heading, ...content.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  document.title = title + ' - Desk';
  heading.focus({ preventScroll: false });
  return main;
}

let fieldCount = 0;

/**
 * A labelled control with its hint and a place for its error. kind: text, email, tel, search,
 * textarea, select, datetime-local, checkbox.
 */
export function field(options) {
  const id = options.id || 'f' + (++fieldCount);
  const hintId = id + '-hint';
  const errorId = id + '-error';
  const kind = options.kind || 'text';
  let control;
  if (kind === 'textarea') {
    control = h('textarea', { id, name: options.name || id, rows: options.rows || 12, required: options.required });
    control.value = options.value || '';
  } else if (kind === 'select') {
    control = h('select', { id, name: options.name || id, required: options.required },
      (options.choices || []).map(([value, label]) => h('option', { value }, label)));
    control.value = options.value || '';
  } else if (kind === 'checkbox') {
    control = h('input', { type: 'checkbox', id, name: options.name || id });
    control.checked = !!options.value;
  } else {
    control = h('input', { type: kind, id, name: options.name || id, required: options.required,
      autocomplete: options.autocomplete || 'off', spellcheck: kind === 'text' ? 'true' : null,
      maxlength: options.maxlength, inputmode: options.inputmode });
    control.value = options.value || '';
  }
  const hint = options.hint ? h('p', { class: 'hint', id: hintId }, options.hint) : null;
  const error = h('p', { class: 'error-text', id: errorId, hidden: true });
  const describedBy = [hint ? hintId : null, errorId].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', describedBy);
  const label = h('label', { for: id }, options.label);
  const wrap = kind === 'checkbox'
    ? h('div', { class: 'field' }, error, h('div', { class: 'check' }, control, label), hint)
    : h('div', { class: 'field' }, label, hint, error, control);
  return {
    wrap, control, id,
    setError(message) {
      wrap.classList.toggle('has-error', !!message);
      error.hidden = !message;
      error.textContent = message ? 'Error: ' + message : '';
      if (message) control.setAttribute('aria-invalid', 'true'); else control.removeAttribute('aria-invalid');
    },
  };
}

/** A banner for what went wrong; links each field error to its field. */
export function problemBanner(problem, fields) {
  const items = (problem.errors || []).map((e) => {
    const target = fields && fields[e.field];
    if (target) target.setError(e.message);
    return h('li', null, target ? h('a', { href: '#' + target.id, onclick: (ev) => { ev.preventDefault(); target.control.focus(); } },
      fieldLabel(e.field) + ': ' + e.message) : fieldLabel(e.field) + ': ' + e.message);
  });
  const banner = h('div', { class: 'banner bad', role: 'alert', tabindex: '-1' },
    h('h2', null, problem.title || 'Something went wrong'),
    problem.detail ? h('p', null, problem.detail) : null,
    items.length ? h('ul', null, items) : null);
  return banner;
}

function fieldLabel(name) {
  return String(name || '').replace(/([A-Z])/g, ' $1').replace(/\./g, ' ').toLowerCase();
}

export function badge(status) {
  const labels = { DRAFT: 'Draft', SCHEDULED: 'Scheduled', PUBLISHED: 'Published', WITHDRAWN: 'Withdrawn', PENDING: 'Change awaiting approval' };
  return h('span', { class: 'badge ' + status }, labels[status] || status);
}

export function button(label, onclick, attrs) {
  return h('button', Object.assign({ type: 'button', onclick }, attrs || {}), label);
}

/** Runs an action with its button disabled, so a double click never sends twice. */
export async function busy(buttonEl, action) {
  buttonEl.disabled = true;
  try { return await action(); } finally { buttonEl.disabled = false; }
}
