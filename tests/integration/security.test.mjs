// The attacks a hostile user tried on Prasar (issue 13), each reproduced against the real
// worker (workerd, local D1 and R2) with two districts loaded — Udaipur (the seed) and
// Salumbar (tests/fixtures/other-district.sql) — and each shown refused, with D1 and R2
// holding nothing from it afterwards.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { d1Execute, r2Put, startServer } from '../lib/server.mjs';
import { d1, r2Objects } from '../lib/state.mjs';
import { makePng } from '../lib/images.mjs';
import { adminSession, call, DEMO_PASSWORD, expectApiError, issueLink, login } from '../lib/session.mjs';
import { istDay, testNow } from '../lib/clock.mjs';
import { sendOversize } from '../lib/oversize.mjs';

let server;
let collector;
let pr;
let state;
const scratch = mkdtempSync(join(tmpdir(), 'prasar-security-'));

before(async () => {
  server = await startServer({ vars: { PRASAR_TEST_CLOCK: '1' } });
  collector = await login(server.url, 'collector.udaipur');
  pr = await login(server.url, 'pr.udaipur');
  state = await login(server.url, 'state.admin');
});
after(async () => {
  if (process.env.PRASAR_DUMP_LOG) console.log(server?.log());
  await server?.destroy();
  rmSync(scratch, { recursive: true, force: true });
});

const q = (sql) => d1(server.persist, sql);
const n = (sql) => q(`SELECT count(*) AS n FROM (${sql})`)[0].n;

const expectError = expectApiError;

/** Every row of the registry and evidence tables and every R2 key: what an attack must not change. */
function footprint() {
  return JSON.stringify({
    units: q('SELECT * FROM units ORDER BY id'),
    groups: q('SELECT * FROM groups ORDER BY id'),
    admins: q('SELECT * FROM admins ORDER BY id'),
    assignments: q('SELECT * FROM assignments ORDER BY id'),
    member_counts: n('SELECT 1 FROM member_counts'),
    submissions: n('SELECT 1 FROM submissions'),
    images: n('SELECT 1 FROM submission_images'),
    items: q('SELECT * FROM campaign_items ORDER BY id'),
    chat: q('SELECT * FROM chat_activity_days ORDER BY group_id, ist_day'),
    chat_items: n('SELECT 1 FROM chat_activity_campaign_items'),
    sessions: n('SELECT 1 FROM sessions WHERE revoked_at_ms IS NULL'),
    r2: r2Objects(server.persist).map((o) => o.key),
  });
}

const HEADER = 'unit_type,unit_code,unit_name_en,unit_name_hi,parent_code,lon,lat,location_exact,group_name,invite_link,member_limit,member_count,admin_name,admin_mobile,admin_designation,admin_department';

describe('1. an import cannot write into another district', () => {
  test("another district's GP or block code is a bilingual row error naming that district", async () => {
    const before = footprint();
    const csv = [
      HEADER,
      'gp,42634,Hijacked GP,,1378,,,,Hijacked group,https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStU9,1024,5,Evil Admin,98290 99999,VDO,PR',
      'block,1384,Hijacked block,,108,,,,,,,,,,,',
      'gp,42356,Alsigarh,अलसीगढ़,1378,,,,,,,,,,,',
    ].join('\n');
    const res = await call(server.url, '/api/imports', { session: collector, method: 'POST', body: csv });
    assert.equal(res.status, 200, await res.clone().text());
    const preview = await res.json();
    assert.equal(preview.import_id, null, 'a file with errors is not stored for applying');
    const foreign = preview.errors.filter((e) => e.code === 'unit_in_other_district');
    assert.deepEqual(foreign.map((e) => [e.row, e.column]), [[2, 'unit_code'], [3, 'unit_code']]);
    for (const e of foreign) {
      assert.match(e.message_en, /Salumbar/);
      assert.match(e.message_hi, /सलूम्बर/);
    }
    assert.ok(!preview.changes.some((c) => c.unit_code === '42634' && c.action === 'create'), 'never a "create"');
    assert.equal(footprint(), before);
  });

  test('a stale or forged plan cannot touch another district on apply', async () => {
    // A legitimate preview of Udaipur, then rows for Salumbar's units slipped into its
    // stored plan (as a stale plan or a bug could leave them).
    const res = await call(server.url, '/api/imports', { session: collector, method: 'POST', body: `${HEADER}\ngp,42358,Badi Undri,बड़ी उन्दरी,1378,,,,,,,,,,,` });
    const preview = await res.json();
    assert.ok(preview.import_id, JSON.stringify(preview.errors));
    const udaipurAdmin = q("SELECT admin_id FROM assignments WHERE group_id = 'gp-42356' AND ended_at IS NULL")[0].admin_id;
    const forged = {
      units: [
        { id: 'gp-42634', kind: 'gram_panchayat', code: '42634', parent_id: 'block-1378', state_id: 'state-08', district_id: 'district-108', block_id: 'block-1378', name_en: 'Hijacked', name_hi: '', lon: null, lat: null, location_exact: 0 },
        { id: 'gp-99777', kind: 'gram_panchayat', code: '99777', parent_id: 'block-1384', state_id: 'state-08', district_id: 'district-salumbar', block_id: 'block-1384', name_en: 'Planted', name_hi: '', lon: null, lat: null, location_exact: 0 },
        { id: 'gp-99778', kind: 'gram_panchayat', code: '99778', parent_id: 'block-1384', state_id: 'state-08', district_id: 'district-108', block_id: 'block-1384', name_en: 'Under their block', name_hi: '', lon: null, lat: null, location_exact: 0 },
      ],
      groups: [{ id: 'gp-42634', unit_id: 'gp-42634', district_id: 'district-108', name: 'Hijacked', invite_link: 'https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStU9', member_limit: 1024 }],
      member_counts: [{ group_id: 'gp-42634', member_count: 1 }],
      admins: [{ id: 'admin-test-salumbar-1', district_id: 'district-108', name: 'Renamed', mobile: '+917000000001', designation: 'x', department: 'y' }],
      assignments: [{ id: 'asg-forged', admin_id: udaipurAdmin, group_id: 'gp-42634', closes: 'asg-test-salumbar-1' }],
    };
    const values = Object.entries(forged)
      .map(([entity, rows]) => `('${preview.import_id}', '${entity}', 99, '${JSON.stringify(rows).replace(/'/g, "''")}')`)
      .join(', ');
    await d1Execute(server.persist, `INSERT INTO import_chunks (import_id, entity, seq, rows) VALUES ${values}`);
    const salumbarBefore = JSON.stringify([
      q("SELECT * FROM units WHERE district_id = 'district-salumbar' ORDER BY id"),
      q("SELECT * FROM groups WHERE district_id = 'district-salumbar' ORDER BY id"),
      q("SELECT * FROM admins WHERE district_id = 'district-salumbar' ORDER BY id"),
      q("SELECT a.* FROM assignments a JOIN groups g ON g.id = a.group_id WHERE g.district_id = 'district-salumbar' ORDER BY a.id"),
      q("SELECT * FROM member_counts WHERE group_id IN ('gp-42634', 'gp-42636') ORDER BY id"),
    ]);
    const applied = await call(server.url, `/api/imports/${preview.import_id}/apply`, { session: collector, method: 'POST' });
    assert.equal(applied.status, 200, await applied.clone().text());
    assert.equal(q("SELECT name_hi FROM units WHERE id = 'gp-42358'")[0].name_hi, 'बड़ी उन्दरी', 'the legitimate row applied');
    assert.equal(JSON.stringify([
      q("SELECT * FROM units WHERE district_id = 'district-salumbar' ORDER BY id"),
      q("SELECT * FROM groups WHERE district_id = 'district-salumbar' ORDER BY id"),
      q("SELECT * FROM admins WHERE district_id = 'district-salumbar' ORDER BY id"),
      q("SELECT a.* FROM assignments a JOIN groups g ON g.id = a.group_id WHERE g.district_id = 'district-salumbar' ORDER BY a.id"),
      q("SELECT * FROM member_counts WHERE group_id IN ('gp-42634', 'gp-42636') ORDER BY id"),
    ]), salumbarBefore, "Salumbar's rows are exactly as they were");
    assert.equal(n("SELECT 1 FROM units WHERE id IN ('gp-99777', 'gp-99778')"), 0, 'no unit planted in or under another district');
    assert.equal(n("SELECT 1 FROM assignments WHERE id = 'asg-forged'"), 0);
  });
});

describe('3. compliance cannot be backfilled without evidence', () => {
  const GP = 'gp-42356';
  let admin;
  before(async () => { admin = await adminSession(server.url, collector, GP); });
  const upload = (days, session = admin, group = GP) => call(server.url, `/api/groups/${group}/chat-activity`, {
    session, method: 'POST', json: { platform: 'android', days },
  });
  const dayOf = (offset, items) => ({
    day: istDay(offset), admin_messages: 3, other_messages: 1, admin_media: 1, other_media: 0, joins: 0, leaves: 0, campaign_item_ids: items,
  });

  test('a campaign item cannot start before today, nor be moved back by an edit', async () => {
    const before = footprint();
    const item = { area_id: 'district-108', title_hi: 'पिछली तारीख़ का अभियान', title_en: 'Back-dated', description_hi: '', description_en: '', scheme: '', link_url: '', starts_on: istDay(-3), ends_on: istDay(3) };
    await expectError(await call(server.url, '/api/campaign-items', { session: pr, method: 'POST', json: item }), 422, 'campaign_starts_in_past');
    assert.equal(footprint(), before);
    const made = await call(server.url, '/api/campaign-items', { session: pr, method: 'POST', json: { ...item, starts_on: istDay(0) } });
    assert.equal(made.status, 201, await made.clone().text());
    const { id } = (await made.json()).summary.item;
    const stored = footprint();
    await expectError(await call(server.url, `/api/campaign-items/${id}`, { session: pr, method: 'PATCH', json: { ...item, starts_on: istDay(-2) } }), 422, 'campaign_starts_in_past');
    assert.equal(footprint(), stored);
  });

  test('a chat export cannot claim an item on days before it existed', async () => {
    // An item published today whose range reaches back (as data written before this
    // rule, or straight into D1, could hold).
    const created = `${istDay(0)}T09:00:00.000+05:30`;
    await d1Execute(server.persist, `INSERT INTO campaign_items (id, area_id, state_id, district_id, title_hi, starts_on, ends_on, created_by, created_at)
      VALUES ('ci-backdated', 'district-108', 'state-08', 'district-108', 'पुरानी तारीख़ से', '${istDay(-5)}', '${istDay(5)}', 'account:test', '${created}'),
             ('ci-long', 'district-108', 'state-08', 'district-108', 'लंबे समय से', '${istDay(-30)}', '${istDay(5)}', 'account:test', '2026-01-01T09:00:00.000+05:30')`);
    const before = footprint();
    for (const offset of [-3, -1]) {
      await expectError(await upload([dayOf(offset, ['ci-backdated'])]), 422, 'invalid_campaign_items');
    }
    assert.equal(footprint(), before, 'no day stored from a refused export');
    // The same item on the day it was published counts, as self-reported evidence.
    const ok = await upload([dayOf(0, ['ci-backdated'])]);
    assert.ok([200, 201].includes(ok.status), await ok.clone().text());
    const report = await (await call(server.url, `/api/compliance?period=day&day=${istDay(0)}`, { session: collector })).json();
    const row = report.rows.find((r) => r.id === GP);
    assert.deepEqual([row.counts.actual, row.counts.self_reported, row.counts.on_time], [1, 1, 0],
      'counted, shown as self-reported, and never on time');
    const district = report.rows.find((r) => r.level === 'district');
    assert.ok(district.counts.self_reported >= 1);
    const reports = await (await call(server.url, `/api/reports/compliance?level=gram_panchayat&from=${istDay(0)}&to=${istDay(0)}`, { session: collector })).json();
    assert.equal(reports.rows.find((r) => r.id === GP).counts.self_reported, 1, 'the reports page shows it apart too');
  });

  test('an admin appointed today cannot claim the days before their appointment', async () => {
    const group = 'gp-42369';
    const replaced = await call(server.url, `/api/groups/${group}/replace-admin`, {
      session: collector, method: 'POST',
      json: { new_admin: { name: 'आज नियुक्त', mobile: '+91 70000 31313', designation: '', department: '' }, end_reason: 'transferred', end_note: '' },
    });
    assert.equal(replaced.status, 200, await replaced.clone().text());
    const fresh = await adminSession(server.url, collector, group);
    const before = footprint();
    await expectError(await upload([dayOf(-2, ['ci-long'])], fresh, group), 422, 'invalid_campaign_items');
    assert.equal(footprint(), before);
    const ok = await upload([dayOf(0, ['ci-long'])], fresh, group);
    assert.ok([200, 201].includes(ok.status), await ok.clone().text());
  });
});

describe('4 and 8. a check follows the one counting rule; a late screenshot is late', () => {
  // A fixed IST day ahead of the real clock; every request says what time it is.
  const DAY = '2027-04-14';
  const at = (hhmm) => Date.parse(`${DAY}T${hhmm}:00.000+05:30`);
  const api = (path, { now, ...rest }) => call(server.url, path, { ...rest, headers: { 'X-Prasar-Test-Now': String(now), ...(rest.headers ?? {}) } });
  let officer;
  let checks;
  const sessions = {};

  async function adminAt(groupId, now) {
    const { link } = await (async () => {
      const g = await (await api(`/api/groups/${groupId}`, { session: officer, now })).json();
      const res = await api(`/api/admins/${g.admin.id}/link`, { session: officer, method: 'POST', now });
      return { link: await res.json() };
    })();
    const res = await api('/api/session/admin-link', { method: 'POST', json: { token: link.url.split('#')[1] }, now });
    assert.equal(res.status, 200, await res.clone().text());
    const me = await res.json();
    return { cookie: /prasar_session=[0-9a-f]{64}/.exec(res.headers.get('set-cookie'))[0], csrf: me.csrf_token };
  }
  const checkState = async (id, now) => (await (await api(`/api/checks/${id}`, { session: officer, now })).json()).state;
  const dayStatus = async (groupId, now) => (await (await api(`/api/status?day=${DAY}`, { session: officer, now })).json())
    .groups.find((g) => g.group_id === groupId).status;

  before(async () => {
    const res = await api('/api/session/login', { method: 'POST', json: { username: 'nodal.udaipur', password: DEMO_PASSWORD }, now: at('08:00') });
    assert.equal(res.status, 200);
    officer = { cookie: /prasar_session=[0-9a-f]{64}/.exec(res.headers.get('set-cookie'))[0], csrf: (await res.json()).csrf_token };
    const drawn = await api('/api/checks/draw', { session: officer, method: 'POST', json: {}, now: at('09:05') });
    assert.equal(drawn.status, 201, await drawn.clone().text());
    checks = (await (await api(`/api/checks?day=${DAY}`, { session: officer, now: at('09:10') })).json()).checks;
    assert.ok(checks.length >= 2);
    for (const c of checks.slice(0, 2)) sessions[c.group_id] = await adminAt(c.group_id, at('09:30'));
  });

  test('a report without a stored screenshot, or rejected, is not "received"', async () => {
    const ch = checks[0];
    const admin = sessions[ch.group_id];
    const created = await api(`/api/groups/${ch.group_id}/submissions`, { session: admin, method: 'POST', json: { client_key: 'sec-no-image', image_count: 1, note: '' }, now: at('10:00') });
    assert.equal(created.status, 201, await created.clone().text());
    const { submission } = await created.json();
    assert.equal(await checkState(ch.id, at('10:01')), 'pending', 'a report row alone is not received');
    assert.equal(await dayStatus(ch.group_id, at('10:01')), 'requested');
    assert.equal(await checkState(ch.id, at('18:30')), 'overdue');
    const put = await api(`/api/submissions/${submission.id}/images/0`, { session: admin, method: 'PUT', body: makePng(30, 40, { noise: true }), headers: { 'Content-Type': 'image/png' }, now: at('10:05') });
    assert.equal(put.status, 201, await put.clone().text());
    assert.equal(await checkState(ch.id, at('10:06')), 'submitted');
    assert.equal(await dayStatus(ch.group_id, at('10:06')), 'submitted');
    const rejected = await api(`/api/submissions/${submission.id}/reviews`, { session: officer, method: 'POST', json: { outcome: 'rejected', remark: 'पुराना स्क्रीनशॉट' }, now: at('11:00') });
    assert.equal(rejected.status, 201, await rejected.clone().text());
    assert.equal(await checkState(ch.id, at('11:01')), 'pending', 'a rejected report is not received');
    assert.equal(await dayStatus(ch.group_id, at('11:01')), 'requested');
    const view = await (await api(`/api/checks/${ch.id}`, { session: officer, now: at('11:01') })).json();
    assert.equal(view.submission_id, null);
  });

  test('a screenshot stored after the deadline makes the report late, whenever the report was made', async () => {
    const ch = checks[1];
    const admin = sessions[ch.group_id];
    const created = await api(`/api/groups/${ch.group_id}/submissions`, { session: admin, method: 'POST', json: { client_key: 'sec-late', image_count: 1, note: '' }, now: at('17:00') });
    const { submission } = await created.json();
    const put = await api(`/api/submissions/${submission.id}/images/0`, { session: admin, method: 'PUT', body: makePng(31, 40, { noise: true }), headers: { 'Content-Type': 'image/png' }, now: at('19:00') });
    assert.equal(put.status, 201, await put.clone().text());
    assert.equal(await checkState(ch.id, at('19:01')), 'late');
    const view = await (await api(`/api/checks/${ch.id}`, { session: officer, now: at('19:01') })).json();
    assert.match(view.submitted_at, /T19:00:00/, 'received when its screenshot was stored');
    const rep = await (await api(`/api/compliance?period=day&day=${DAY}`, { session: officer, now: at('19:02') })).json();
    const row = rep.rows.find((r) => r.id === ch.group_id);
    assert.deepEqual([row.counts.actual, row.counts.on_time], [1, 0]);
    const map = await (await api('/api/map/status', { session: officer, now: at('19:02') })).json();
    const fact = map.reports.find((r) => r[0] === ch.group_id);
    assert.equal(fact[3], at('19:00'), 'the map takes the same instant');
  });
});

describe('5. bodies are refused by their length before they are read', () => {
  // sendOversize writes the headers and 16 KB of a body it declares much longer, then
  // waits: an answer proves the worker refused it without reading the rest.
  test('a 40 MB sign-in body is refused at once (413), by Content-Length', async () => {
    const res = await sendOversize(server.url, '/api/session/login', { headers: { 'Content-Type': 'application/json' }, declared: 40 * 1024 * 1024 });
    await expectError(res, 413, 'body_too_large');
  });

  test('a body without a length is read only up to the limit', async () => {
    // 80 KB of a chunked body that never ends: the worker stops at 64 KB and answers.
    const res = await sendOversize(server.url, '/api/session/login', { headers: { 'Content-Type': 'application/json' }, chunked: true, sent: 80 * 1024 });
    await expectError(res, 413, 'body_too_large');
  });

  test('an authenticated JSON route refuses oversize with 413; nothing changes', async () => {
    const before = footprint();
    await expectError(await sendOversize(server.url, '/api/groups/gp-42358/member-counts', {
      session: collector, headers: { 'Content-Type': 'application/json' }, declared: 70_000,
    }), 413, 'body_too_large');
    assert.equal(footprint(), before);
  });

  test('/f checks the session before it reads a 30 MB upload', async () => {
    const anonymous = await sendOversize(server.url, '/f', { headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, declared: 30 * 1024 * 1024 });
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('content-type'), /^text\/html/, 'the bilingual page, before the body came');
    const admin = await adminSession(server.url, collector, 'gp-42372');
    const big = await sendOversize(server.url, '/f', { session: admin, headers: { 'Content-Type': 'multipart/form-data; boundary=x' }, declared: 64 * 1024 * 1024 });
    assert.equal(big.status, 413);
  });
});

describe('6. sign-in needs JSON from our own origin', () => {
  const body = JSON.stringify({ username: 'pr.udaipur', password: DEMO_PASSWORD });
  const attempt = (path, headers, text = body) => fetch(`${server.url}${path}`, { method: 'POST', body: text, headers, redirect: 'manual' });

  test('text/plain from another site, no Origin, or a foreign Origin: refused, no cookie', async () => {
    const before = n('SELECT 1 FROM sessions');
    for (const [headers, status, code] of [
      [{ 'Content-Type': 'text/plain', Origin: 'https://evil.example' }, 403, 'csrf_failed'],
      [{ 'Content-Type': 'text/plain', Origin: server.url }, 415, 'json_required'],
      [{ 'Content-Type': 'application/json' }, 403, 'csrf_failed'],
      [{ 'Content-Type': 'application/json', Origin: 'null' }, 403, 'csrf_failed'],
      [{ 'Content-Type': 'application/json', Origin: 'https://evil.example' }, 403, 'csrf_failed'],
      [{ 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${server.port}.evil.example` }, 403, 'csrf_failed'],
    ]) {
      const res = await attempt('/api/session/login', headers);
      assert.equal(res.headers.get('set-cookie'), null);
      await expectError(res, status, code);
    }
    assert.equal(n('SELECT 1 FROM sessions'), before);
  });

  test('the personal-link exchange likewise; the token is not spent by a refused request', async () => {
    const { token } = await issueLink(server.url, collector, 'gp-42361');
    const text = JSON.stringify({ token });
    await expectError(await attempt('/api/session/admin-link', { 'Content-Type': 'text/plain', Origin: 'https://evil.example' }, text), 403, 'csrf_failed');
    await expectError(await attempt('/api/session/admin-link', { 'Content-Type': 'application/json' }, text), 403, 'csrf_failed');
    const ok = await attempt('/api/session/admin-link', { 'Content-Type': 'application/json', Origin: server.url }, text);
    assert.equal(ok.status, 200);
  });
});

describe('7 and 9. audit gaps, mobile changes', () => {
  test('replacing an admin with an existing admin\'s mobile audits the change to that admin', async () => {
    const other = (await (await call(server.url, '/api/groups/gp-42372', { session: collector })).json()).admin;
    const res = await call(server.url, '/api/groups/gp-42358/replace-admin', {
      session: collector, method: 'POST',
      json: { new_admin: { name: 'बदला हुआ नाम', mobile: other.mobile, designation: 'पटवारी', department: 'राजस्व' }, end_reason: 'transferred', end_note: '' },
    });
    assert.equal(res.status, 200, await res.clone().text());
    const [edit] = q(`SELECT actor, detail FROM audit_log WHERE action = 'admin.update' AND entity_id = '${other.id}' ORDER BY id DESC LIMIT 1`);
    const detail = JSON.parse(edit.detail);
    assert.equal(detail.before.name, other.name);
    assert.equal(detail.after.name, 'बदला हुआ नाम');
    assert.equal(detail.via, 'group.replace_admin');
    assert.match(edit.actor, /^account:/);
  });

  test("changing an admin's mobile ends their sessions and links", async () => {
    const { token, adminId } = await issueLink(server.url, collector, 'gp-42230');
    const admin = await (async () => {
      const res = await call(server.url, '/api/session/admin-link', { method: 'POST', json: { token } });
      return { cookie: /prasar_session=[0-9a-f]{64}/.exec(res.headers.get('set-cookie'))[0], csrf: (await res.json()).csrf_token };
    })();
    assert.equal((await call(server.url, '/api/groups', { session: admin })).status, 200);
    const current = (await (await call(server.url, '/api/groups/gp-42230', { session: collector })).json()).admin;
    const patch = await call(server.url, `/api/admins/${adminId}`, { session: collector, method: 'PATCH', json: { name: current.name, mobile: '+91 70000 42424', designation: current.designation, department: current.department } });
    assert.equal(patch.status, 204, await patch.clone().text());
    await expectError(await call(server.url, '/api/groups', { session: admin }), 401, 'unauthenticated');
    await expectError(await call(server.url, '/api/session/admin-link', { method: 'POST', json: { token } }), 401, 'invalid_link');
    const [audit] = q(`SELECT detail FROM audit_log WHERE action = 'admin.update' AND entity_id = '${adminId}' ORDER BY id DESC LIMIT 1`);
    assert.equal(JSON.parse(audit.detail).sessions_ended, true);
  });

  test('the orphan sweep covers every prefix and refuses a grace period that could hit uploads in flight', async () => {
    const sweep = (json, headers = {}) => call(server.url, '/api/maintenance/sweep', { session: state, method: 'POST', json, headers });
    for (const g of [0, 5, 14]) await expectError(await sweep({ grace_minutes: g }), 400, 'sweep_grace_too_short');
    const file = join(scratch, 'orphan.png');
    writeFileSync(file, makePng(7, 7));
    const planted = [
      'screenshots/2025-01-01/gp-42356/00000000-0000-4000-8000-000000000001/0-old.png',
      'stories/2026-01-01/00000000-0000-4000-8000-000000000002/0-photo.png',
      'campaigns/00000000-0000-4000-8000-000000000003/poster.png',
    ];
    const foreign = 'elsewhere/not-ours.png';
    for (const key of [...planted, foreign]) await r2Put(server.persist, key, file);
    const owned = q('SELECT r2_key FROM submission_images UNION SELECT r2_key FROM story_photos').map((r) => r.r2_key);
    assert.ok(owned.length > 0);
    // R2 stamps objects with the real time. Just planted: young, kept under the default
    // grace period.
    const young = await (await sweep({}, { 'X-Prasar-Test-Now': String(Date.now()) })).json();
    assert.equal(young.deleted, 0);
    assert.ok(young.kept_young >= planted.length);
    // Two hours later (the test clock): every orphan goes, whatever its prefix or day.
    const res = await sweep({}, { 'X-Prasar-Test-Now': String(Date.now() + 2 * 3600_000) });
    assert.equal(res.status, 200, await res.clone().text());
    const report = await res.json();
    assert.equal(report.deleted, planted.length, JSON.stringify(report));
    assert.equal(report.kept_unknown, 1);
    const keys = new Set(r2Objects(server.persist).map((o) => o.key));
    for (const key of planted) assert.ok(!keys.has(key), key);
    assert.ok(keys.has(foreign), 'objects Prasar does not own are left alone');
    for (const key of owned) assert.ok(keys.has(key), `owned ${key} kept`);
    // A second run finds nothing more.
    assert.equal((await (await sweep({}, { 'X-Prasar-Test-Now': String(Date.now() + 2 * 3600_000) })).json()).deleted, 0);
  });
});

// Last: these lock an account and two addresses for 15 minutes of the worker's clock.
describe('2. the sign-in rate limit cannot be raced', () => {
  const attempt = (username, password, address, now) => call(server.url, '/api/session/login', {
    method: 'POST', json: { username, password }, headers: { 'CF-Connecting-IP': address, ...(now ? { 'X-Prasar-Test-Now': String(now) } : {}) },
  });

  test('40 concurrent wrong passwords for one account: 5 checked, 35 refused', async () => {
    const before = n("SELECT 1 FROM audit_log WHERE action = 'session.login_failed'");
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt('nodal.udaipur', `guess-${i}`, '198.51.100.7')));
    const statuses = results.map((r) => r.status);
    const checked = statuses.filter((s) => s === 401).length;
    const refused = statuses.filter((s) => s === 429).length;
    console.log(`# 40 concurrent wrong passwords: ${checked} checked, ${refused} × 429`);
    assert.deepEqual([checked, refused], [5, 35]);
    await expectError(await attempt('nodal.udaipur', DEMO_PASSWORD, '198.51.100.8'), 429, 'too_many_attempts');
    // Each checked failure is in the audit log, at state level (not every district officer's).
    const audited = q(`SELECT district_id, entity_id, detail FROM audit_log WHERE action = 'session.login_failed' ORDER BY id DESC LIMIT 5`);
    assert.equal(n("SELECT 1 FROM audit_log WHERE action = 'session.login_failed'") - before, 5);
    const account = q("SELECT id FROM accounts WHERE username = 'nodal.udaipur'")[0].id;
    for (const a of audited) {
      assert.equal(a.district_id, null);
      assert.equal(a.entity_id, account);
      assert.equal(JSON.parse(a.detail).address, '198.51.100.7');
    }
  });

  test('40 concurrent attempts on many accounts from one address: 20 checked', async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`sprayed.user${i}`, 'x', '198.51.100.9')));
    const checked = results.filter((r) => r.status === 401).length;
    console.log(`# 40 concurrent attempts from one address: ${checked} checked, ${40 - checked} × 429`);
    assert.equal(checked, 20);
    assert.equal(results.filter((r) => r.status === 429).length, 20);
  });

  test("failed sign-ins are shown to the account's owner and the state administrator", async () => {
    // 16 minutes on (the test clock), the owner signs in and sees the five attempts.
    const later = testNow() + 16 * 60_000;
    const res = await attempt('nodal.udaipur', DEMO_PASSWORD, '198.51.100.8', later);
    assert.equal(res.status, 200, await res.clone().text());
    const me = await res.json();
    assert.equal(me.failed_sign_ins.length, 5);
    assert.match(me.failed_sign_ins[0], /\+05:30$/);
    const stateLog = await (await call(server.url, '/api/audit', { session: state })).json();
    assert.ok(stateLog.entries.filter((e) => e.action === 'session.login_failed').length >= 5);
    const collectorLog = await (await call(server.url, '/api/audit', { session: collector })).json();
    assert.equal(collectorLog.entries.filter((e) => e.action === 'session.login_failed').length, 0,
      "a collector does not read another official's failed sign-ins");
    assert.equal(n("SELECT 1 FROM login_failures WHERE key = 'user:nodal.udaipur'"), 0, 'old attempts are pruned');
  });
});
