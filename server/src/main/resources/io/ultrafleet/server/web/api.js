// The dashboard's only way to the server: the API on the same origin, with the token the user gave, kept for this
// browser tab (sessionStorage). Nothing is fetched from anywhere else.
const KEY = 'ultrafleet.token';

let onRefused = () => {};

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(t) {
  sessionStorage.setItem(KEY, t);
}

export function forget() {
  sessionStorage.removeItem(KEY);
}

/** Called with the problem's words when the server refuses the token (401). */
export function whenRefused(f) {
  onRefused = f;
}

/** An answer that is not 2xx or 304: its status and the problem's detail. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/**
 * GETs (or sends) {@code path} with the token; answers the parsed JSON, or null for a 304. {@code etag} (an object)
 * keeps the ETag of the last answer of this path and sends it back as If-None-Match.
 */
export async function api(path, { method = 'GET', body, etag } = {}) {
  const headers = { Authorization: 'Bearer ' + token() };
  if (etag && etag.value) {
    headers['If-None-Match'] = etag.value;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(path, {
    method,
    headers,
    cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (r.status === 304) {
    return null;
  }
  if (etag) {
    etag.value = r.headers.get('ETag');
  }
  const text = await r.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!r.ok) {
    const detail = json && json.detail ? json.detail : r.status + ' ' + r.statusText;
    if (r.status === 401) {
      onRefused(detail);
    }
    throw new ApiError(r.status, detail);
  }
  return json;
}

/** Text of an ISO instant as "2026-05-04 13:02:11", or an empty string. */
export function when(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, '').replace('Z', '') : '';
}

/** Integers with thousands separators. */
export function num(n) {
  return n === null || n === undefined ? '' : Number(n).toLocaleString('en-US');
}

/** An element {@code tag} with text and attributes; children appended. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    e.append(c);
  }
  return e;
}
