// Signing in from tests the way the app does: cookies and the CSRF header.
import assert from 'node:assert/strict';

import { clockPinned, testNow } from './clock.mjs';

export const DEMO_PASSWORD = 'prasar-demo-2026';

/** Calls the API as `session` (or anonymously) and returns the fetch Response. */
export async function call(url, path, { session, method = 'GET', json, body, headers = {} } = {}) {
  // Tests read D1 with synchronous child processes (state.mjs), which block the event
  // loop; if that outlasts the server's keep-alive timeout, fetch would reuse a socket
  // the server has closed ("other side closed"). One timer tick lets it see the close.
  await new Promise((resolve) => setTimeout(resolve, 1));
  const h = { ...headers };
  // A pinned test clock (clock.mjs) is the worker's clock too, unless a test sets its own.
  if (clockPinned && !Object.keys(h).some((k) => k.toLowerCase() === 'x-prasar-test-now')) {
    h['X-Prasar-Test-Now'] = String(testNow());
  }
  // Browsers send Origin on every POST, and the worker refuses a sign-in without it; a
  // test that probes other origins passes its own.
  if (method !== 'GET' && method !== 'HEAD' && !Object.keys(h).some((k) => k.toLowerCase() === 'origin')) {
    h.Origin = url;
  }
  if (session) {
    h.Cookie = session.cookie;
    if (method !== 'GET' && method !== 'HEAD') h['X-CSRF-Token'] = session.csrf;
  }
  if (json !== undefined) {
    h['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  return fetch(`${url}${path}`, { method, headers: h, body, redirect: 'manual' });
}

function sessionFrom(res, me) {
  const setCookie = res.headers.get('set-cookie') ?? '';
  const match = /prasar_session=([0-9a-f]{64})/.exec(setCookie);
  assert.ok(match, `no session cookie in ${setCookie}`);
  return { cookie: `prasar_session=${match[1]}`, csrf: me.csrf_token, me, setCookie };
}

export async function login(url, username, password = DEMO_PASSWORD) {
  const res = await call(url, '/api/session/login', { method: 'POST', json: { username, password } });
  assert.equal(res.status, 200, `login ${username}: ${res.status} ${await res.clone().text()}`);
  return sessionFrom(res, await res.json());
}

/** Issues a personal link for the admin of `groupId` as `official`, returns the token. */
export async function issueLink(url, official, groupId) {
  const group = await (await call(url, `/api/groups/${groupId}`, { session: official })).json();
  assert.ok(group.admin, `${groupId} has an admin`);
  const res = await call(url, `/api/admins/${group.admin.id}/link`, { session: official, method: 'POST' });
  assert.equal(res.status, 201);
  const link = await res.json();
  const token = link.url.split('/a#')[1];
  return { token, link, adminId: group.admin.id };
}

export async function adminSession(url, official, groupId) {
  const { token } = await issueLink(url, official, groupId);
  const res = await call(url, '/api/session/admin-link', { method: 'POST', json: { token } });
  assert.equal(res.status, 200, `admin-link: ${res.status} ${await res.clone().text()}`);
  return sessionFrom(res, await res.json());
}

/**
 * Asserts that `res` is the translated API error `code` with HTTP `status`: a JSON body
 * with both messages, the Hindi one in Devanagari. Returns the body.
 */
export async function expectApiError(res, status, code) {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${text}`);
  const body = JSON.parse(text);
  assert.equal(body.code, code);
  assert.match(body.message_hi, /[\u0900-\u097F]/);
  assert.ok(body.message_en.length > 5);
  return body;
}
