// The access matrix: every endpoint × every role × own area / another area. Another
// area's ids answer 404 (never 403, which would confirm they exist); inside the area the
// role decides (403 where it may not act).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from '../lib/server.mjs';
import { adminSession, call, login } from '../lib/session.mjs';
import { makePng } from '../lib/images.mjs';

let server;
const s = {}; // sessions by role
const sub = {}; // a submission id per district
const adminOf = {}; // admin id per group

before(async () => {
  server = await startServer();
  for (const [role, user] of [
    ['state', 'state.admin'], ['collector', 'collector.udaipur'], ['nodal', 'nodal.udaipur'],
    ['pr', 'pr.udaipur'], ['bdo', 'bdo.girwa'], ['salumbar', 'collector.salumbar'],
  ]) s[role] = await login(server.url, user);
  s.admin = await adminSession(server.url, s.collector, 'gp-42356');
  const salumbarAdmin = await adminSession(server.url, s.salumbar, 'gp-42634');
  for (const [key, session, group] of [['udaipur', s.admin, 'gp-42356'], ['salumbar', salumbarAdmin, 'gp-42634']]) {
    const res = await call(server.url, `/api/groups/${group}/submissions`, { session, method: 'POST', body: makePng(6, 6) });
    assert.equal(res.status, 201);
    sub[key] = (await res.json()).submission.id;
  }
  for (const group of ['gp-42356', 'gp-42372', 'gp-42358', 'gp-42361', 'gp-42369', 'gp-42370', 'gp-42230', 'gp-42634']) {
    const viewer = group === 'gp-42634' ? s.salumbar : s.collector;
    adminOf[group] = (await (await call(server.url, `/api/groups/${group}`, { session: viewer })).json()).admin.id;
  }
});
after(async () => { if (process.env.PRASAR_DUMP_LOG) console.log(server?.log()); await server?.destroy(); });

let mobileSeq = 0;
const freshAdmin = () => ({
  new_admin: { name: 'Matrix Test', mobile: `70001${String(++mobileSeq).padStart(5, '0')}` },
  end_reason: 'other', end_note: 'scoping test',
});

// Each endpoint: how to call it against a group (and its admin / a submission).
const ENDPOINTS = {
  'GET unit': (g) => ['GET', `/api/units/${g}`],
  'GET group': (g) => ['GET', `/api/groups/${g}`],
  'PATCH group': (g) => ['PATCH', `/api/groups/${g}`, { member_limit: 1024 }],
  'POST member count': (g) => ['POST', `/api/groups/${g}/member-counts`, { member_count: 321 }],
  'POST replace admin': (g) => ['POST', `/api/groups/${g}/replace-admin`, freshAdmin()],
  'PATCH admin': (g) => ['PATCH', `/api/admins/${adminOf[g]}`, { name: 'Matrix Edited', mobile: `70002${String(++mobileSeq).padStart(5, '0')}` }],
  'POST link': (g) => ['POST', `/api/admins/${adminOf[g]}/link`],
  'POST revoke link': (g) => ['POST', `/api/admins/${adminOf[g]}/link/revoke`],
  'POST submission': (g) => ['POST', `/api/groups/${g}/submissions`, makePng(5, 5)],
  // Submissions exist for gp-42356 (Udaipur, Girwa) and gp-42634 (Salumbar): a role's
  // own district's one, or the other district's one.
  'GET image': (g, other) => {
    if (other && g !== 'gp-42634' && g !== 'gp-42356') return null; // same district: not "another area"
    return ['GET', `/api/submissions/${g === 'gp-42634' ? sub.salumbar : sub.udaipur}/images/0`];
  },
};

const OK = { 'GET unit': 200, 'GET group': 200, 'PATCH group': 200, 'POST member count': 204,
  'POST replace admin': 200, 'PATCH admin': 204, 'POST link': 201, 'POST revoke link': 204,
  'POST submission': 201, 'GET image': 200 };
const MANAGE = new Set(['PATCH group', 'POST replace admin', 'PATCH admin', 'POST link', 'POST revoke link']);

/** What a role may do inside its own area. */
function allowed(role, endpoint) {
  if (endpoint === 'POST submission') return role === 'admin';
  // Admins see their own groups' screenshots (their page shows them), nothing else.
  if (role === 'admin') return endpoint === 'POST member count' || endpoint === 'GET image';
  if (role === 'bdo') return !MANAGE.has(endpoint);
  return true;
}

// Own-area targets differ per role so that mutations do not disturb each other.
const OWN = { state: 'gp-42369', collector: 'gp-42372', nodal: 'gp-42358', pr: 'gp-42361', bdo: 'gp-42370', admin: 'gp-42356', salumbar: 'gp-42634' };
const OTHER = { collector: ['gp-42634'], nodal: ['gp-42634'], pr: ['gp-42634'], bdo: ['gp-42634', 'gp-42230'], admin: ['gp-42634', 'gp-42372'], salumbar: ['gp-42356'] };

async function send(session, [method, path, body]) {
  const init = { session, method };
  if (body instanceof Uint8Array) init.body = body;
  else if (body !== undefined) init.json = body;
  return call(server.url, path, init);
}

test('every endpoint × role × area', async () => {
  const failures = [];
  let checked = 0;
  for (const role of Object.keys(OWN)) {
    for (const [endpoint, make] of Object.entries(ENDPOINTS)) {
      // A unit's id equals its group's id in the seed.
      const own = OWN[role];
      const expectOwn = allowed(role, endpoint) ? OK[endpoint] : 403;
      const res = await send(s[role], make(own));
      checked++;
      if (res.status !== expectOwn) failures.push(`${role} ${endpoint} own ${own}: ${res.status} ≠ ${expectOwn} ${await res.text()}`);
      for (const other of OTHER[role] ?? []) {
        const request = make(other, true);
        if (!request) continue;
        const r = await send(s[role], request);
        checked++;
        if (r.status !== 404) failures.push(`${role} ${endpoint} other ${other}: ${r.status} ≠ 404 ${await r.text()}`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(checked > 100, `${checked} cases`);
});

test('lists and searches never include another area', async () => {
  const names = (res) => res.json().then((b) => JSON.stringify(b));
  const udaipurSearch = await names(await call(server.url, '/api/search?q=Adkaliya', { session: s.collector }));
  assert.doesNotMatch(udaipurSearch, /gp-42634/);
  const stateSearch = await names(await call(server.url, '/api/search?q=Adkaliya', { session: s.state }));
  assert.match(stateSearch, /gp-42634/, 'the state administrator sees both districts');
  const bdoSearch = await names(await call(server.url, '/api/search?q=Amberi', { session: s.bdo }));
  assert.doesNotMatch(bdoSearch, /gp-42230/, 'Bargaon is outside Girwa');

  const subs = await (await call(server.url, '/api/submissions', { session: s.collector })).json();
  assert.ok(subs.submissions.some((x) => x.id === sub.udaipur));
  assert.ok(!subs.submissions.some((x) => x.id === sub.salumbar));
  const theirs = await (await call(server.url, '/api/submissions', { session: s.salumbar })).json();
  assert.deepEqual(theirs.submissions.map((x) => x.id), [sub.salumbar]);

  const audit = await names(await call(server.url, '/api/audit', { session: s.salumbar }));
  assert.doesNotMatch(audit, /district-108|gp-42356|acct-demo/);
  assert.equal((await call(server.url, '/api/audit', { session: s.bdo })).status, 403);
  assert.equal((await call(server.url, '/api/audit', { session: s.admin })).status, 403);
  assert.equal((await call(server.url, '/api/units', { session: s.admin })).status, 403);

  const groups = await (await call(server.url, '/api/groups', { session: s.bdo })).json();
  assert.equal(groups.groups.length, 37, 'Girwa has 37 gram panchayats');
});

test('anonymous callers get 401 on every non-public endpoint', async () => {
  for (const make of Object.values(ENDPOINTS)) {
    const [method, path, body] = make('gp-42356');
    const init = { method };
    if (body instanceof Uint8Array) init.body = body;
    else if (body !== undefined) init.json = body;
    const res = await call(server.url, path, init);
    assert.equal(res.status, 401, `${method} ${path}`);
  }
  for (const path of ['/api/session', '/api/units', '/api/search?q=a', '/api/audit', '/api/submissions', '/api/groups']) {
    assert.equal((await call(server.url, path)).status, 401, path);
  }
});
