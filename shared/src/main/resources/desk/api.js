// The API, as the desk calls it: JSON in and out, the release's version in ETag / If-Match, an
// Idempotency-Key on every POST (a retried click never does a thing twice), and RFC 9457 problems
// turned into errors the screens can show next to their fields.

let settings = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || 'HTTP ' + status);
    this.status = status;
    this.problem = problem || { title: 'HTTP ' + status };
  }
}

export function init(config, tokenSource, onSignedOut) {
  settings = { base: config.apiBaseUrl, tokenSource, onSignedOut };
}

export async function call(method, path, options) {
  const opts = options || {};
  const token = await settings.tokenSource();
  if (!token) {
    settings.onSignedOut();
    throw new ApiError(401, { title: 'Signed out', detail: 'Your session has ended. Sign in again; your text is kept.' });
  }
  const headers = { Authorization: 'Bearer ' + token };
  let body;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.text !== undefined) {
    headers['Content-Type'] = opts.contentType || 'text/plain';
    body = opts.text;
  }
  if (opts.etag) headers['If-Match'] = opts.etag;
  if (method === 'POST') headers['Idempotency-Key'] = opts.idempotencyKey || crypto.randomUUID();
  let response;
  try {
    response = await fetch(settings.base + path, { method, headers, body });
  } catch (e) {
    throw new ApiError(0, { title: 'No connection', detail: 'The API could not be reached. Check your connection and try again; nothing was lost.' });
  }
  const type = response.headers.get('Content-Type') || '';
  const data = response.status === 204 ? null : type.includes('json') ? await response.json() : await response.text();
  if (response.status === 401) {
    settings.onSignedOut();
    throw new ApiError(401, { title: 'Signed out', detail: 'Your session has ended. Sign in again; your text is kept.' });
  }
  if (!response.ok) {
    throw new ApiError(response.status, typeof data === 'object' && data ? data : { title: 'HTTP ' + response.status, detail: String(data || '') });
  }
  return { status: response.status, data, etag: response.headers.get('ETag') };
}

/** Every item of a paged list, up to a limit. */
export async function all(path, limit) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await call('GET', path + sep + 'limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items.push(...page.data.items);
    cursor = page.data.nextCursor;
  } while (cursor && items.length < (limit || 1000));
  return items;
}

/** Uploads a file to a presigned URL, reporting progress (XMLHttpRequest: fetch cannot). */
export function upload(target, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method, target.url);
    for (const [name, value] of Object.entries(target.headers || {})) {
      if (name.toLowerCase() !== 'content-length') xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error('The upload was refused (' + xhr.status + ').')));
    xhr.onerror = () => reject(new Error('The upload failed: check your connection and retry.'));
    xhr.send(file);
  });
}
