// The desk's entry: reads config.json, signs in, and shows the screen the address names
// (#/releases, #/releases/<id>, #/contacts, ...). Every screen talks to the API only.
import * as auth from './auth.js';
import * as api from './api.js';
import { h, screen, button } from './views.js';
import { releasesScreen } from './releases.js';
import { composeScreen, historyScreen } from './compose.js';
import { contactsScreen, contactScreen, importScreen } from './contacts.js';
import { reportScreen } from './report.js';
import { reviewsScreen } from './reviews.js';

let config;

function signedOutScreen(message) {
  document.getElementById('nav').hidden = true;
  document.getElementById('who').replaceChildren();
  const signIn = button(config.signIn.kind === 'local' ? 'Sign in (local)' : 'Sign in', () => auth.signIn(config));
  screen('Sign in to the desk',
    h('p', null, message || 'Write, approve and publish news releases, and keep the media list.'),
    config.signIn.kind === 'local' ? h('p', { class: 'banner warn' }, 'This is the local stack: you pick a name and roles; no password is checked.') : null,
    h('div', { class: 'actions' }, signIn));
}

function showWho(person) {
  document.getElementById('nav').hidden = false;
  document.getElementById('nav-contacts').parentElement.hidden = !person.can('contacts');
  const roles = ['editor', 'publisher', 'contacts'].filter((r) => person.can(r)).join(', ') || 'no role yet';
  document.getElementById('who').replaceChildren(
    h('span', null, 'Signed in as ', h('strong', null, person.name), ' (' + roles + ')'),
    h('button', { type: 'button', class: 'button secondary', onclick: () => auth.signOut(config) }, 'Sign out'));
}

function markCurrent() {
  for (const link of document.querySelectorAll('#nav a')) {
    const here = location.hash === link.getAttribute('href')
      || (link.getAttribute('href') === '#/releases' && /^#\/releases\/(?!new)/.test(location.hash));
    if (here) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

async function route() {
  const person = auth.who();
  if (!person || !(await auth.token(config))) {
    signedOutScreen(location.hash === '#/signed-out' ? 'You are signed out.' : null);
    return;
  }
  showWho(person);
  markCurrent();
  const path = (location.hash || '#/releases').slice(1);
  const ctx = { config, person };
  let m;
  if (path === '/releases' || path.startsWith('/releases?')) return releasesScreen(ctx, new URLSearchParams(path.split('?')[1] || ''));
  if (path === '/releases/new') return composeScreen(ctx, null);
  if ((m = /^\/releases\/([\w-]+)$/.exec(path))) return composeScreen(ctx, m[1]);
  if ((m = /^\/releases\/([\w-]+)\/history$/.exec(path))) return historyScreen(ctx, m[1]);
  if ((m = /^\/releases\/([\w-]+)\/report$/.exec(path))) return reportScreen(ctx, m[1]);
  if (path === '/reviews') return reviewsScreen(ctx);
  if (path === '/contacts') return contactsScreen(ctx);
  if (path === '/contacts/new') return contactScreen(ctx, null);
  if (path === '/contacts/import') return importScreen(ctx);
  if ((m = /^\/contacts\/([\w-]+)$/.exec(path))) return contactScreen(ctx, m[1]);
  screen('Page not found', h('p', null, 'There is no such screen. ', h('a', { href: '#/releases' }, 'Go to the releases')));
}

async function boot() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    config = await response.json();
  } catch (e) {
    document.getElementById('main').replaceChildren(h('h1', null, 'The desk is not set up'),
      h('p', null, 'Its config.json could not be read: run the site rebuilder once after deploying.'));
    return;
  }
  document.getElementById('site-name').textContent = config.siteName;
  document.getElementById('local-banner').hidden = config.signIn.kind !== 'local';
  api.init(config, () => auth.token(config), () => {
    const banner = document.getElementById('session-ended');
    if (!banner) {
      document.getElementById('main').prepend(h('div', { id: 'session-ended', class: 'banner warn', role: 'alert' },
        h('h2', null, 'Your session has ended'),
        h('p', null, 'What you typed is kept on this screen. Sign in again (in this tab) to save it.'),
        button('Sign in again', () => auth.signIn(config))));
    }
  });
  try {
    await auth.start(config);
  } catch (e) {
    signedOutScreen(e.message);
    return;
  }
  window.addEventListener('hashchange', () => route());
  await route();
}

boot();
