// The API of docs/server.md as the page calls it. SPDX-License-Identifier: GPL-3.0-or-later
//
// Every call sends the stored key (`Authorization: Bearer name:secret`); a job's server-sent
// events are read with fetch and parsed here, because EventSource cannot send a header.

const KEY_STORAGE = 'orator.apiKey';

/** An API error: the HTTP status and the server's `{kind, description}`. */
export class ApiError extends Error {
  constructor(status, kind, description) {
    super(description);
    this.status = status;
    this.kind = kind;
    this.description = description;
  }
}

export function storedKey() {
  try { return localStorage.getItem(KEY_STORAGE) || ''; } catch { return ''; }
}

export function saveKey(key) {
  try { localStorage.setItem(KEY_STORAGE, key); } catch { /* private mode: nothing kept */ }
}

export function forgetKey() {
  try { localStorage.removeItem(KEY_STORAGE); } catch { /* nothing stored */ }
}

function authHeaders() {
  const key = storedKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

let unauthorized = () => {};

/** Called on every 401, so that the page can ask for a key. */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

async function errorFrom(response) {
  let kind = 'HTTPError';
  let description = `The server answered ${response.status} ${response.statusText}`.trim();
  try {
    const body = await response.json();
    if (body && body.kind) kind = body.kind;
    if (body && body.description) description = body.description;
  } catch { /* not JSON: keep the status line */ }
  if (response.status === 401) unauthorized();
  return new ApiError(response.status, kind, description);
}

/** `method path` with an optional JSON or FormData body; the parsed JSON answer, or throws ApiError. */
export async function api(path, { method = 'GET', json, body, signal } = {}) {
  const headers = { Accept: 'application/json', ...authHeaders() };
  let payload = body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, signal });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NetworkError', 'Could not reach the server. Is orator serve still running?');
  }
  if (!response.ok) throw await errorFrom(response);
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/** `GET /health`, which needs no key. */
export async function health() {
  const response = await fetch('/health', { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new ApiError(response.status, 'HTTPError', `GET /health answered ${response.status}`);
  return response.json();
}

/**
 * Reads the server-sent events at `path`, calling `onEvent(name, data)` for each; stops when it
 * returns a value other than undefined (and returns that value), or returns null when the
 * stream ends. Throws ApiError when the stream cannot be opened.
 */
export async function readEvents(path, { signal, onEvent }) {
  const response = await fetch(path, {
    headers: { Accept: 'text/event-stream', ...authHeaders() },
    signal,
    cache: 'no-store',
  });
  if (!response.ok || !response.body) throw await errorFrom(response);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let name = '';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return null;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop();
    for (const line of lines) {
      if (line === '') {
        const result = data.length ? onEvent(name || 'message', data.join('\n')) : undefined;
        name = '';
        data = [];
        if (result !== undefined) {
          reader.cancel().catch(() => {});
          return result;
        }
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let text = colon < 0 ? '' : line.slice(colon + 1);
        if (text.startsWith(' ')) text = text.slice(1);
        if (field === 'event') name = text;
        else if (field === 'data') data.push(text);
      }
    }
  }
}
