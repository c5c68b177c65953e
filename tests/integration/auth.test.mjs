// Sign-in, sessions, CSRF, personal links and replacing an admin, against the real
// worker with local D1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';

import { d1Execute, startServer } from '../lib/server.mjs';
import { d1 } from '../lib/state.mjs';
import { adminSession, call, DEMO_PASSWORD, issueLink, login } from '../lib/session.mjs';
import { makePng } from '../lib/images.mjs';
import { sendOversize } from '../lib/oversize.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.destroy(); });

async function expectError(res, status, code) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${await res.clone().text()}`);
  const body = await res.json();
  assert.equal(body.code, code);
  assert.match(body.message_hi, /[\u0900-\u097F]/);
  return body;
}

const tryLogin = (username, password, headers = {}) =>
  call(server.url, '/api/session/login', { method: 'POST', json: { username, password }, headers });

describe('officials', () => {
  test('sign in sets an HttpOnly, SameSite=Strict session cookie and returns who they are', async () => {
    const s = await login(server.url, 'collector.udaipur');
    assert.match(s.setCookie, /HttpOnly/);
    assert.match(s.setCookie, /SameSite=Strict/);
    assert.match(s.setCookie, /Path=\//);
    assert.doesNotMatch(s.setCookie, /Secure/, 'no Secure flag on a loopback host');
    assert.equal(s.me.kind, 'official');
    assert.equal(s.me.role, 'collector');
    assert.equal(s.me.area.id, 'district-108');
    assert.equal(s.me.may_manage, true);
    const me = await (await call(server.url, '/api/session', { session: s })).json();
    assert.equal(me.role, 'collector');
    // Only a hash of the token is stored.
    const token = s.cookie.split('=')[1];
    const rows = d1(server.persist, 'SELECT id_hash FROM sessions');
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r.id_hash !== token && r.id_hash.length === 64));
  });

  test('the Secure flag is set for a real host name', async () => {
    // fetch() may not set Host; node:http may.
    const setCookie = await new Promise((resolve, reject) => {
      const body = JSON.stringify({ username: 'nodal.udaipur', password: DEMO_PASSWORD });
      const req = http.request(`${server.url}/api/session/login`, {
        method: 'POST',
        headers: { Host: 'prasar.udaipur.example.in', Origin: 'https://prasar.udaipur.example.in', 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(res.headers['set-cookie']?.join('\n')) : reject(new Error(`status ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
    assert.match(setCookie, /; Secure/);
    assert.match(setCookie, /HttpOnly/);
  });

  test('wrong passwords, unknown users and junk get one clear answer', async () => {
    await expectError(await tryLogin('pr.udaipur', 'wrong-password'), 401, 'invalid_credentials');
    await expectError(await tryLogin('no.such.user', DEMO_PASSWORD), 401, 'invalid_credentials');
    await expectError(await tryLogin("' OR 1=1 --", DEMO_PASSWORD), 401, 'invalid_credentials');
    await expectError(await call(server.url, '/api/session/login',
      { method: 'POST', body: '{"username": 5}', headers: { 'Content-Type': 'application/json' } }),
    400, 'invalid_json');
    await expectError(await sendOversize(server.url, '/api/session/login',
      { headers: { 'Content-Type': 'application/json' }, declared: 100_000 }), 413, 'body_too_large');
  });

  test('five failures lock the account for the window, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      await expectError(await tryLogin('bdo.girwa', `guess-${i}`), 401, 'invalid_credentials');
    }
    await expectError(await tryLogin('bdo.girwa', DEMO_PASSWORD), 429, 'too_many_attempts');
    // Other accounts are not locked by it.
    assert.equal((await tryLogin('state.admin', DEMO_PASSWORD)).status, 200);
  });

  test('twenty failures from one address lock that address for every account', async () => {
    const from = { 'CF-Connecting-IP': '203.0.113.9' };
    for (let i = 0; i < 20; i++) {
      await expectError(await tryLogin(`sprayed.user${i}`, 'x', from), 401, 'invalid_credentials');
    }
    await expectError(await tryLogin('collector.udaipur', DEMO_PASSWORD, from), 429, 'too_many_attempts');
    assert.equal((await tryLogin('collector.udaipur', DEMO_PASSWORD, { 'CF-Connecting-IP': '203.0.113.10' })).status, 200);
  });

  test('logout ends this session; logout everywhere ends them all', async () => {
    const a = await login(server.url, 'pr.udaipur');
    const b = await login(server.url, 'pr.udaipur');
    const c = await login(server.url, 'pr.udaipur');
    const out = await call(server.url, '/api/session/logout', { session: a, method: 'POST' });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
    await expectError(await call(server.url, '/api/session', { session: a }), 401, 'unauthenticated');
    assert.equal((await call(server.url, '/api/session', { session: b })).status, 200);
    assert.equal((await call(server.url, '/api/session/logout-all', { session: b, method: 'POST' })).status, 204);
    await expectError(await call(server.url, '/api/session', { session: b }), 401, 'unauthenticated');
    await expectError(await call(server.url, '/api/session', { session: c }), 401, 'unauthenticated');
  });

  test('changes need the CSRF token and a same-origin request', async () => {
    const s = await login(server.url, 'collector.udaipur');
    const noToken = await fetch(`${server.url}/api/groups/gp-42358/member-counts`, {
      method: 'POST', headers: { Cookie: s.cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ member_count: 500 }),
    });
    await expectError(noToken, 403, 'csrf_failed');
    await expectError(await call(server.url, '/api/groups/gp-42358/member-counts', {
      session: s, method: 'POST', json: { member_count: 500 }, headers: { Origin: 'https://evil.example' },
    }), 403, 'csrf_failed');
    const ok = await call(server.url, '/api/groups/gp-42358/member-counts',
      { session: s, method: 'POST', json: { member_count: 500 } });
    assert.equal(ok.status, 204);
  });

  test('a forged or expired cookie is not a session', async () => {
    const forged = { cookie: `prasar_session=${'ab'.repeat(32)}`, csrf: 'x' };
    await expectError(await call(server.url, '/api/session', { session: forged }), 401, 'unauthenticated');
    const s = await login(server.url, 'nodal.udaipur');
    await d1Execute(server.persist, 'UPDATE sessions SET expires_at_ms = 0');
    await expectError(await call(server.url, '/api/session', { session: s }), 401, 'unauthenticated');
  });
});

describe('group admins', () => {
  let collector;
  before(async () => { collector = await login(server.url, 'collector.udaipur'); });

  test('a personal link signs the admin in; only its hash is stored', async () => {
    const { token, link } = await issueLink(server.url, collector, 'gp-42361');
    assert.match(link.url, /\/a#[0-9a-f]{64}$/);
    assert.match(link.whatsapp_url, /^https:\/\/wa\.me\/91\d{10}\?text=/);
    assert.ok(decodeURIComponent(link.whatsapp_url.split('text=')[1]).includes(link.url));
    assert.match(link.message_hi, /[\u0900-\u097F]/);
    assert.match(link.qr_svg, /^<\?xml|^<svg/);
    assert.ok(d1(server.persist, 'SELECT token_hash FROM admin_links').every((r) => r.token_hash !== token));
    const res = await call(server.url, '/api/session/admin-link', { method: 'POST', json: { token } });
    assert.equal(res.status, 200);
    const me = await res.json();
    assert.equal(me.kind, 'group_admin');
  });

  test('a re-issued link replaces the old one; a revoked link ends the admin\'s sessions', async () => {
    const first = await issueLink(server.url, collector, 'gp-42369');
    const second = await issueLink(server.url, collector, 'gp-42369');
    await expectError(await call(server.url, '/api/session/admin-link',
      { method: 'POST', json: { token: first.token } }), 401, 'invalid_link');
    const res = await call(server.url, '/api/session/admin-link', { method: 'POST', json: { token: second.token } });
    assert.equal(res.status, 200);
    const cookie = /prasar_session=[0-9a-f]{64}/.exec(res.headers.get('set-cookie'))[0];
    const session = { cookie, csrf: (await res.json()).csrf_token };
    assert.equal((await call(server.url, '/api/groups', { session })).status, 200);
    const revoke = await call(server.url, `/api/admins/${second.adminId}/link/revoke`,
      { session: collector, method: 'POST' });
    assert.equal(revoke.status, 204);
    await expectError(await call(server.url, '/api/groups', { session }), 401, 'unauthenticated');
    await expectError(await call(server.url, '/api/session/admin-link',
      { method: 'POST', json: { token: second.token } }), 401, 'invalid_link');
  });

  test('malformed tokens are refused', async () => {
    for (const token of ['', 'x', 'AB'.repeat(32), '../../etc/passwd', 42]) {
      const res = await call(server.url, '/api/session/admin-link', { method: 'POST', json: { token } });
      assert.ok([400, 401].includes(res.status), `${token}: ${res.status}`);
    }
  });

  test('replacing an admin cuts the old admin off at once and keeps the history', async () => {
    const old = await adminSession(server.url, collector, 'gp-42370');
    const oldLink = await issueLink(server.url, collector, 'gp-42370');
    assert.equal((await call(server.url, '/api/groups/gp-42370/submissions',
      { session: old, method: 'POST', body: makePng(8, 8) })).status, 201);
    const before = await (await call(server.url, '/api/groups/gp-42370', { session: collector })).json();

    const res = await call(server.url, '/api/groups/gp-42370/replace-admin', {
      session: collector, method: 'POST',
      json: {
        new_admin: { name: 'नई एडमिन (Test)', mobile: '+91 70000 12345', designation: 'पटवारी', department: 'राजस्व' },
        end_reason: 'transferred', end_note: 'Transferred to Jhadol',
      },
    });
    assert.equal(res.status, 200, await res.clone().text());
    const after = await res.json();
    assert.equal(after.admin.name, 'नई एडमिन (Test)');
    assert.equal(after.admin.mobile, '+917000012345');
    const closed = after.assignments.find((a) => a.admin.id === before.admin.id);
    assert.equal(closed.end_reason, 'transferred');
    assert.equal(closed.end_note, 'Transferred to Jhadol');
    assert.ok(closed.ended_at);
    assert.equal(after.assignments.filter((a) => !a.ended_at).length, 1);

    // The old admin's session and link stop working immediately.
    await expectError(await call(server.url, '/api/groups/gp-42370/submissions',
      { session: old, method: 'POST', body: makePng(8, 8) }), 401, 'unauthenticated');
    await expectError(await call(server.url, '/api/session/admin-link',
      { method: 'POST', json: { token: oldLink.token } }), 401, 'invalid_link');
    // The new admin can be given a link and submit.
    const fresh = await adminSession(server.url, collector, 'gp-42370');
    assert.equal((await call(server.url, '/api/groups/gp-42370/submissions',
      { session: fresh, method: 'POST', body: makePng(8, 8) })).status, 201);

    const audit = d1(server.persist, "SELECT * FROM audit_log WHERE action = 'group.replace_admin' AND entity_id = 'gp-42370'");
    assert.equal(audit.length, 1);
    assert.equal(JSON.parse(audit[0].detail).old_admin_id, before.admin.id);
  });

  test('replacing with the same person, or with bad details, changes nothing', async () => {
    const before = await (await call(server.url, '/api/groups/gp-42230', { session: collector })).json();
    const same = { name: before.admin.name, mobile: before.admin.mobile, designation: '', department: '' };
    await expectError(await call(server.url, '/api/groups/gp-42230/replace-admin', {
      session: collector, method: 'POST', json: { new_admin: same, end_reason: 'other', end_note: '' },
    }), 409, 'same_admin');
    for (const [new_admin, code] of [
      [{ name: 'X', mobile: '12345' }, 'invalid_mobile'],
      [{ name: 'X', mobile: '5123456789' }, 'invalid_mobile'],
      [{ name: '', mobile: '9123456789' }, 'invalid_name'],
      [{ name: 'a\nb', mobile: '9123456789' }, 'invalid_name'],
    ]) {
      await expectError(await call(server.url, '/api/groups/gp-42230/replace-admin', {
        session: collector, method: 'POST', json: { new_admin, end_reason: 'other', end_note: '' },
      }), 422, code);
    }
    await expectError(await call(server.url, '/api/groups/gp-42230/replace-admin', {
      session: collector, method: 'POST', json: { new_admin: same, end_reason: 'fired' },
    }), 400, 'invalid_json');
    const after = await (await call(server.url, '/api/groups/gp-42230', { session: collector })).json();
    assert.deepEqual(after.assignments, before.assignments);
  });
});

test('the audit log cannot be edited or deleted, even directly in D1', async () => {
  await assert.rejects(d1Execute(server.persist, "UPDATE audit_log SET actor = 'x'"), /append-only/);
  await assert.rejects(d1Execute(server.persist, 'DELETE FROM audit_log'), /append-only/);
});
