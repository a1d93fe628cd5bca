// Sign-in. In AWS: OpenID Connect with the identity provider named in config.json (the stack's
// Cognito user pool by default), authorization code with PKCE, no client secret. On the local
// stack: its sign-in page hands a dev token back in the URL's fragment. Tokens live in this tab
// only (sessionStorage) and leave the address bar at once.

const SESSION = 'newsroom.desk.session';
const PENDING = 'newsroom.desk.signin';

function b64url(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function claimsOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch (e) {
    return {};
  }
}

function load() {
  try { return JSON.parse(sessionStorage.getItem(SESSION) || 'null'); } catch (e) { return null; }
}

function save(session) {
  sessionStorage.setItem(SESSION, JSON.stringify(session));
}

async function discovery(config) {
  const issuer = config.signIn.issuer.replace(/\/$/, '');
  const response = await fetch(issuer + '/.well-known/openid-configuration');
  if (!response.ok) throw new Error('The sign-in service did not answer (' + response.status + ').');
  return response.json();
}

/** Picks up a sign-in that just came back (a local token, or an authorization code). */
export async function start(config) {
  const local = /^#local-token=([A-Za-z0-9._-]+)/.exec(location.hash);
  if (local) {
    save({ access: local[1], exp: claimsOf(local[1]).exp || 0 });
    history.replaceState(null, '', location.pathname + '#/releases');
  }
  const query = new URLSearchParams(location.search);
  if (config.signIn.kind === 'oidc' && query.get('code')) {
    const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', location.pathname + (pending && pending.back ? pending.back : '#/releases'));
    if (!pending || pending.state !== query.get('state')) throw new Error('That sign-in was not started here. Sign in again.');
    const meta = await discovery(config);
    const response = await fetch(meta.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: query.get('code'), client_id: config.signIn.clientId,
        redirect_uri: location.origin + location.pathname, code_verifier: pending.verifier }),
    });
    if (!response.ok) throw new Error('Sign-in failed (' + response.status + '). Sign in again.');
    const tokens = await response.json();
    save({ access: tokens.access_token, refresh: tokens.refresh_token, exp: claimsOf(tokens.access_token).exp || 0 });
  }
  return load();
}

/** Goes to the sign-in page; comes back to where the person was. */
export async function signIn(config) {
  if (config.signIn.kind === 'local') {
    location.assign(config.signIn.url);
    return;
  }
  const meta = await discovery(config);
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(PENDING, JSON.stringify({ state, verifier, back: location.hash || '#/releases' }));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({ response_type: 'code', client_id: config.signIn.clientId,
    redirect_uri: location.origin + location.pathname, scope: config.signIn.scope, state,
    code_challenge: challenge, code_challenge_method: 'S256' }).toString();
  location.assign(url.toString());
}

/** A token good for at least another minute, refreshed if it must be; null when signed out or expired. */
export async function token(config) {
  const session = load();
  if (!session) return null;
  if (session.exp * 1000 - Date.now() > 60000) return session.access;
  if (session.refresh && config.signIn.kind === 'oidc') {
    try {
      const meta = await discovery(config);
      const response = await fetch(meta.token_endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: session.refresh, client_id: config.signIn.clientId }),
      });
      if (response.ok) {
        const tokens = await response.json();
        save({ access: tokens.access_token, refresh: session.refresh, exp: claimsOf(tokens.access_token).exp || 0 });
        return tokens.access_token;
      }
    } catch (e) {
      // Fall through: signed out.
    }
  }
  sessionStorage.removeItem(SESSION);
  return null;
}

export async function signOut(config) {
  sessionStorage.removeItem(SESSION);
  if (config.signIn.kind === 'oidc') {
    try {
      const meta = await discovery(config);
      const logout = new URL('/logout', meta.authorization_endpoint);
      logout.search = new URLSearchParams({ client_id: config.signIn.clientId, logout_uri: location.origin + location.pathname }).toString();
      location.assign(logout.toString());
      return;
    } catch (e) {
      // The page below says signed out either way.
    }
  }
  location.hash = '#/signed-out';
  location.reload();
}

/**
 * Who is signed in and what they may do, read from the token (for the screens only; the API
 * decides). A person from the user pool holds the scopes of their groups.
 */
export function who() {
  const session = load();
  if (!session) return null;
  const claims = claimsOf(session.access);
  let scopes = String(claims.scope || '').split(' ').filter((s) => s.startsWith('newsroom/'));
  if (claims.username) {
    const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : [];
    const byGroup = { editors: 'newsroom/editor', publishers: 'newsroom/publisher', 'contact-managers': 'newsroom/contacts' };
    const granted = groups.map((g) => byGroup[g]).filter(Boolean);
    scopes = scopes.filter((s) => granted.includes(s));
  }
  return { name: claims.username || claims.sub, scopes, can: (scope) => scopes.includes('newsroom/' + scope) };
}
