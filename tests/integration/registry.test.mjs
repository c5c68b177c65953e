// The registry as officers use it: the Udaipur seed in the hierarchy browser, search,
// group edits with hostile input, member counts, and the audit trail of each change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from '../lib/server.mjs';
import { d1 } from '../lib/state.mjs';
import { call, login } from '../lib/session.mjs';

let server;
let collector;
before(async () => {
  server = await startServer();
  collector = await login(server.url, 'collector.udaipur');
});
after(async () => { await server?.destroy(); });

const get = async (path, session = collector) => {
  const res = await call(server.url, path, { session });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.json();
};

describe('the Udaipur seed', () => {
  test('district → 16 blocks and 3 urban bodies; Girwa → 37 gram panchayats', async () => {
    const root = await get('/api/units');
    assert.equal(root.unit.unit.id, 'district-108');
    assert.equal(root.unit.unit.name_hi, 'उदयपुर');
    assert.deepEqual(root.breadcrumbs, []);
    const kinds = root.children.reduce((m, c) => ({ ...m, [c.unit.kind]: (m[c.unit.kind] ?? 0) + 1 }), {});
    assert.deepEqual(kinds, { block: 16, ulb: 3 });
    const girwa = await get('/api/units/block-1378');
    assert.equal(girwa.unit.child_count, 37);
    assert.equal(girwa.children.length, 37);
    assert.deepEqual(girwa.breadcrumbs.map((b) => b.id), ['district-108']);
    const alsigarh = girwa.children.find((c) => c.unit.id === 'gp-42356');
    assert.equal(alsigarh.unit.code, '42356');
    assert.ok(alsigarh.location, 'every GP is placed on the map');
    assert.ok(alsigarh.group.admin_name, 'demo admin assigned');
    assert.ok(alsigarh.group.member_count > 0);
  });

  test('481 gram panchayats and 80 + 20 + 25 wards, every one with a group and a location', async () => {
    const [gp] = d1(server.persist, "SELECT count(*) AS n, sum(lon IS NOT NULL) AS placed FROM units WHERE kind = 'gram_panchayat' AND district_id = 'district-108'");
    assert.equal(gp.n, 481);
    assert.equal(gp.placed, 481);
    const wards = d1(server.persist, "SELECT parent_id, count(*) AS n FROM units WHERE kind = 'ward' AND district_id = 'district-108' GROUP BY parent_id ORDER BY parent_id");
    assert.deepEqual(wards.map((w) => [w.parent_id, w.n]),
      [['ulb-bhinder', 20], ['ulb-fatehnagar', 25], ['ulb-udaipur-mc', 80]]);
    const [groups] = d1(server.persist, "SELECT count(*) AS n FROM groups WHERE district_id = 'district-108'");
    assert.equal(groups.n, 606);
    const [demo] = d1(server.persist, 'SELECT count(*) AS n, sum(is_demo) AS demo FROM admins');
    assert.equal(demo.n, demo.demo, 'every seeded admin is marked demo');
  });

  test('search finds by English name, Hindi name and LGD code', async () => {
    const byName = await get('/api/search?q=alsig');
    assert.ok(byName.results.some((r) => r.unit.id === 'gp-42356'));
    const byHindi = await get(`/api/search?q=${encodeURIComponent('गिर्वा')}`);
    assert.ok(byHindi.results.some((r) => r.unit.id === 'block-1378'));
    const byCode = await get('/api/search?q=42356');
    assert.equal(byCode.results[0].unit.id, 'gp-42356');
    const wild = await get(`/api/search?q=${encodeURIComponent('%')}`);
    assert.equal(wild.results.length, 0, '% is matched literally');
    const injection = await get(`/api/search?q=${encodeURIComponent("' OR 1=1 --")}`);
    assert.equal(injection.results.length, 0);
    const underscore = await get(`/api/search?q=${encodeURIComponent('_')}`);
    assert.equal(underscore.results.length, 0, '_ is matched literally');
    // A long query of 4-byte characters (D1 refuses LIKE patterns over 50 bytes).
    const long = await get(`/api/search?q=${encodeURIComponent('\u{1F600}गिर्वा'.repeat(14))}`);
    assert.equal(long.results.length, 0);
    const upper = await get('/api/search?q=ALSIG');
    assert.ok(upper.results.some((r) => r.unit.id === 'gp-42356'), 'English names match in any case');
  });
});

describe('editing a group', () => {
  const patch = (json, group = 'gp-42357') =>
    call(server.url, `/api/groups/${group}`, { session: collector, method: 'PATCH', json });

  test('name, invite link and member limit are saved and audited', async () => {
    const link = 'https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv';
    const res = await patch({ name: 'Bachhar ग्राम पंचायत सूचना', invite_link: link, member_limit: 1000 });
    assert.equal(res.status, 200);
    const g = await res.json();
    assert.equal(g.name, 'Bachhar ग्राम पंचायत सूचना');
    assert.equal(g.invite_link, link);
    assert.equal(g.member_limit, 1000);
    const [entry] = d1(server.persist, "SELECT * FROM audit_log WHERE action = 'group.update' AND entity_id = 'gp-42357'");
    const detail = JSON.parse(entry.detail);
    assert.equal(detail.after.member_limit, 1000);
    assert.match(entry.actor, /^account:/);
    // The audit page names the official, not their account id.
    const [account] = d1(server.persist, `SELECT display_name FROM accounts WHERE 'account:' || id = '${entry.actor}'`);
    const shown = (await get('/api/audit')).entries.find((e) => e.id === entry.id);
    assert.equal(shown.actor_name, account.display_name);
    assert.match(shown.actor_name, /कलेक्टर/);
  });

  test('hostile input is refused and nothing changes', async () => {
    const before = await get('/api/groups/gp-42357');
    for (const [body, status, code] of [
      [{ invite_link: 'javascript:alert(1)' }, 422, 'invalid_invite_link'],
      [{ invite_link: 'https://chat.whatsapp.com.evil.example/AbCdEfGhIjKlMnOpQrStUv' }, 422, 'invalid_invite_link'],
      [{ member_limit: 0 }, 422, 'invalid_member_limit'],
      [{ member_limit: 100001 }, 422, 'invalid_member_limit'],
      [{ member_limit: -5 }, 400, 'invalid_json'],
      [{ member_limit: '1024' }, 400, 'invalid_json'],
      [{ name: '' }, 422, 'invalid_name'],
      [{ name: 'x'.repeat(201) }, 422, 'invalid_name'],
      [{ name: 'line\nbreak' }, 422, 'invalid_name'],
    ]) {
      const res = await patch(body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal((await res.json()).code, code);
    }
    const raw = await call(server.url, '/api/groups/gp-42357',
      { session: collector, method: 'PATCH', body: 'not json', headers: { 'Content-Type': 'application/json' } });
    assert.equal(raw.status, 400);
    assert.deepEqual(await get('/api/groups/gp-42357'), before);
  });

  test('script and formula-looking names are stored as plain text', async () => {
    for (const name of ['<script>alert(1)</script>', '=HYPERLINK("http://evil")', '+91 group', '@admins']) {
      const res = await patch({ name }, 'gp-42358');
      assert.equal(res.status, 200);
      assert.equal((await res.json()).name, name);
    }
  });

  test('member counts are kept as history and bounded by the limit', async () => {
    for (const n of [700, 850]) {
      const res = await call(server.url, '/api/groups/gp-42361/member-counts',
        { session: collector, method: 'POST', json: { member_count: n } });
      assert.equal(res.status, 204);
    }
    const g = await get('/api/groups/gp-42361');
    assert.deepEqual(g.member_counts.slice(0, 2).map((m) => m.member_count), [850, 700]);
    assert.match(g.member_counts[0].reported_by, /^account:/);
    const over = await call(server.url, '/api/groups/gp-42361/member-counts',
      { session: collector, method: 'POST', json: { member_count: 5000 } });
    assert.equal(over.status, 422);
    assert.equal((await over.json()).code, 'invalid_member_count');
  });
});
