// Daily monitoring through the API: the draw (on demand and by the cron trigger), checks
// that turn overdue at the deadline (a controllable clock, no sleeping), call logs, the
// WhatsApp request, reviews with history, reuse and capture-day flags, compliance, the
// inactive-admin list and the day's status of every group. Hostile input throughout:
// other districts' ids, script in remarks, wrong types, oversize bodies.
// Real workerd, real local D1 and R2.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from '../lib/server.mjs';
import { d1 } from '../lib/state.mjs';
import { makePng } from '../lib/images.mjs';
import { adminSession, call, expectApiError } from '../lib/session.mjs';
import { sendOversize } from '../lib/oversize.mjs';

// A fixed IST day in the future of the real clock; every request says what time it is.
const DAY = '2027-03-10';
const NEXT = '2027-03-11';
const PREVIOUS = '2027-03-09';
const at = (day, hhmm) => Date.parse(`${day}T${hhmm}:00.000+05:30`);
const clock = (ms) => ({ 'X-Prasar-Test-Now': String(ms) });

let server;
const S = {}; // sessions
const api = (path, { session, method = 'GET', json, body, now = at(DAY, '10:00'), headers = {} } = {}) =>
  call(server.url, path, { session, method, json, body, headers: { ...clock(now), ...headers } });

async function loginAt(username, now) {
  const res = await api('/api/session/login', { method: 'POST', json: { username, password: 'prasar-demo-2026' }, now });
  assert.equal(res.status, 200, `login ${username}: ${await res.clone().text()}`);
  const me = await res.json();
  const token = /prasar_session=([0-9a-f]{64})/.exec(res.headers.get('set-cookie'))[1];
  return { cookie: `prasar_session=${token}`, csrf: me.csrf_token, me };
}

const expectError = expectApiError;

const one = (sql) => d1(server.persist, sql)[0];
const count = (sql) => one(`SELECT count(*) AS n FROM (${sql})`).n;

async function submit(session, groupId, { now, phash, capturedAt, key }) {
  const res = await api(`/api/groups/${groupId}/submissions`, {
    session, method: 'POST', now,
    json: { client_key: key, image_count: 1, note: '' },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { submission } = await res.json();
  const headers = { 'Content-Type': 'image/png' };
  if (phash) headers['X-Prasar-Phash'] = phash;
  if (capturedAt) headers['X-Prasar-Captured-At'] = String(capturedAt);
  const put = await api(`/api/submissions/${submission.id}/images/0`, {
    session, method: 'PUT', now, body: makePng(40, 30, { noise: true }), headers,
  });
  assert.equal(put.status, 201, await put.clone().text());
  return submission.id;
}

before(async () => {
  server = await startServer({ vars: { PRASAR_TEST_CLOCK: '1' } });
  // Official sessions last 12 hours: signed in at 08:00 on the second day, they serve
  // every request of both days below (a session is checked only for its expiry).
  const morning = at(NEXT, '08:00');
  for (const u of ['collector.udaipur', 'nodal.udaipur', 'pr.udaipur', 'bdo.girwa', 'collector.salumbar', 'state.admin']) {
    S[u] = await loginAt(u, morning);
  }
});
after(async () => { await server?.destroy(); });

let checks = []; // the day's checks in Udaipur, from the API

describe('the daily draw', () => {
  test('only officers who may run it; bad days are refused', async () => {
    for (const u of ['pr.udaipur', 'bdo.girwa']) {
      await expectError(await api('/api/checks/draw', { session: S[u], method: 'POST', json: {} }), 403, 'forbidden');
    }
    const c = S['collector.udaipur'];
    await expectError(await api('/api/checks/draw', { session: c, method: 'POST', json: { day: NEXT } }), 400, 'invalid_day');
    await expectError(await api('/api/checks/draw', { session: c, method: 'POST', json: { day: '2027-02-30' } }), 400, 'invalid_day');
    await expectError(await api('/api/checks/draw', { session: c, method: 'POST', json: { day: '2027-02-01' } }), 400, 'invalid_day');
    await expectError(await api('/api/checks/draw', { session: c, method: 'POST', json: { day: 20270310 } }), 400, 'invalid_json');
    await expectError(await sendOversize(server.url, '/api/checks/draw', { session: c, headers: { 'Content-Type': 'application/json', ...clock(at(DAY, '09:00')) }, declared: 70_000 }), 413, 'body_too_large');
    // Without the CSRF header nothing runs.
    const res = await call(server.url, '/api/checks/draw', { method: 'POST', headers: { Cookie: c.cookie, ...clock(at(DAY, '09:05')) } });
    await expectError(res, 403, 'csrf_failed');
    assert.equal(count('SELECT 1 FROM daily_draws'), 0);
  });

  test('on demand: two levels × (one GP, one ward) for the district; running twice changes nothing', async () => {
    const c = S['collector.udaipur'];
    const res = await api('/api/checks/draw', { session: c, method: 'POST', json: {}, now: at(DAY, '09:05') });
    assert.equal(res.status, 201, await res.clone().text());
    assert.deepEqual(await res.json(), { ist_day: DAY, districts_drawn: 1, districts_unchanged: 0, checks_created: 4 });
    const rows = d1(server.persist, `SELECT level, pool, group_id, round, reason, admin_id FROM checks WHERE ist_day = '${DAY}' ORDER BY level, pool`);
    assert.equal(rows.length, 4);
    assert.deepEqual(rows.map((r) => `${r.level}/${r.pool}`), ['collector/gram_panchayat', 'collector/ward', 'nodal_officer/gram_panchayat', 'nodal_officer/ward']);
    assert.equal(new Set(rows.map((r) => r.group_id)).size, 4, 'four different groups');
    for (const r of rows) {
      const reason = JSON.parse(r.reason);
      assert.equal(reason.rule, 'waiting_outside_window');
      assert.equal(reason.round, 1);
      assert.ok(reason.eligible > 100, 'hundreds of eligible groups');
      assert.ok(r.admin_id, 'the admin at draw time is recorded');
      assert.ok(count(`SELECT 1 FROM assignments WHERE group_id = '${r.group_id}' AND ended_at IS NULL`) === 1, 'only groups with an admin');
    }
    const draws = d1(server.persist, `SELECT level, seed, skipped, created_by FROM daily_draws WHERE district_id = 'district-108' AND ist_day = '${DAY}' ORDER BY level`);
    assert.equal(draws.length, 2);
    for (const d of draws) {
      assert.match(d.seed, /^[0-9a-f]{16}$/);
      assert.equal(d.created_by, `account:${one("SELECT id FROM accounts WHERE username = 'collector.udaipur'").id}`);
      const skipped = JSON.parse(d.skipped);
      assert.ok(skipped.gram_panchayat.no_active_admin > 0, 'groups without an admin were skipped');
    }
    assert.notEqual(draws[0].seed, draws[1].seed);
    // Again, by another officer: nothing changes.
    const before = { checks: count('SELECT 1 FROM checks'), draws: count('SELECT 1 FROM daily_draws'), audit: count("SELECT 1 FROM audit_log WHERE action = 'draw.run'") };
    const again = await api('/api/checks/draw', { session: S['nodal.udaipur'], method: 'POST', json: { day: DAY }, now: at(DAY, '09:30') });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { ist_day: DAY, districts_drawn: 0, districts_unchanged: 1, checks_created: 0 });
    assert.deepEqual({ checks: count('SELECT 1 FROM checks'), draws: count('SELECT 1 FROM daily_draws'), audit: count("SELECT 1 FROM audit_log WHERE action = 'draw.run'") }, before);
    assert.equal(before.audit, 2, 'one audit entry per level, with seed and reasons');
    const audit = JSON.parse(one("SELECT detail FROM audit_log WHERE action = 'draw.run' ORDER BY id LIMIT 1").detail);
    assert.match(audit.seed, /^[0-9a-f]{16}$/);
    assert.equal(audit.picks.length, 2);
  });

  test("another district's collector draws only their own district", async () => {
    const res = await api('/api/checks/draw', { session: S['collector.salumbar'], method: 'POST', json: {}, now: at(DAY, '09:10') });
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.equal(body.districts_drawn, 1);
    // Salumbar has one GP with an admin and no wards: one GP check per level.
    assert.equal(body.checks_created, 2);
    assert.equal(count(`SELECT 1 FROM checks WHERE district_id = 'district-salumbar'`), 2);
    assert.equal(count(`SELECT 1 FROM checks WHERE district_id = 'district-108'`), 4);
  });
});

describe('checks and their follow-up', () => {
  test('listed with reasons, links and state; overdue only after the deadline', async () => {
    const list = async (now, session = S['nodal.udaipur']) => {
      const res = await api(`/api/checks?day=${DAY}`, { session, now });
      assert.equal(res.status, 200, await res.clone().text());
      return res.json();
    };
    const before = await list(at(DAY, '17:59'));
    assert.equal(before.drawn, true);
    assert.equal(before.checks.length, 4, 'only Udaipur checks for Udaipur officers');
    checks = before.checks;
    for (const ch of checks) {
      assert.equal(ch.state, 'pending');
      assert.equal(ch.deadline, `${DAY}T18:00:00.000+05:30`);
      assert.match(ch.admin.tel_url, /^tel:\+91[6-9]\d{9}$/);
      assert.ok(ch.reason.eligible > 0 && ch.reason.round === 1);
    }
    const exactly = await list(Date.parse(`${DAY}T18:00:00.000+05:30`));
    assert.ok(exactly.checks.every((c) => c.state === 'pending'), 'at 18:00:00.000 still pending');
    const after = await list(Date.parse(`${DAY}T18:00:00.001+05:30`));
    assert.ok(after.checks.every((c) => c.state === 'overdue'), 'a millisecond later: overdue');
    // The same day seen the next morning is still overdue; the Salumbar collector sees
    // only their two.
    assert.ok((await list(at(NEXT, '09:00'))).checks.every((c) => c.state === 'overdue'));
    assert.equal((await list(at(DAY, '12:00'), S['collector.salumbar'])).checks.length, 2);
    // The block officer: the district's draw ran for their block too, drawn from it or
    // not (the day before, it had not).
    const bdo = await list(at(DAY, '12:00'), S['bdo.girwa']);
    assert.equal(bdo.drawn, true);
    const inGirwa = checks.filter((c) => count(`SELECT 1 FROM units WHERE id = '${c.group_id}' AND block_id = 'block-1378'`) === 1);
    assert.deepEqual(bdo.checks.map((c) => c.id).sort(), inGirwa.map((c) => c.id).sort());
    const dayBefore = await api(`/api/checks?day=${PREVIOUS}`, { session: S['bdo.girwa'], now: at(DAY, '12:00') });
    assert.equal((await dayBefore.json()).drawn, false);
  });

  test('a submission before the deadline fulfils the check, one after it is late', async () => {
    const [first, second] = checks;
    const a1 = await adminSession(server.url, S['collector.udaipur'], first.group_id);
    const a2 = await adminSession(server.url, S['collector.udaipur'], second.group_id);
    await submit(a1, first.group_id, { now: at(DAY, '12:00'), phash: '0f0f0f0f0f0f0f0f', key: 'mon-check-1' });
    await submit(a2, second.group_id, { now: at(DAY, '19:00'), phash: 'f0f0f0f0f0f0f0f0', key: 'mon-check-2' });
    const res = await api(`/api/checks/${first.id}`, { session: S['nodal.udaipur'], now: at(DAY, '20:00') });
    const one1 = await res.json();
    assert.equal(one1.state, 'submitted');
    assert.ok(one1.submission_id);
    const two = await (await api(`/api/checks/${second.id}`, { session: S['nodal.udaipur'], now: at(DAY, '20:00') })).json();
    assert.equal(two.state, 'late');
  });

  test('calls are logged with outcome and remark; hostile input is refused', async () => {
    const ch = checks[2];
    const remark = '<script>alert(1)</script> शाम तक भेजने का वादा';
    const res = await api(`/api/checks/${ch.id}/calls`, { session: S['nodal.udaipur'], method: 'POST', json: { outcome: 'promised', remark }, now: at(DAY, '15:00') });
    assert.equal(res.status, 201, await res.clone().text());
    const view = await res.json();
    assert.equal(view.calls.length, 1);
    assert.deepEqual({ outcome: view.calls[0].outcome, remark: view.calls[0].remark }, { outcome: 'promised', remark });
    assert.match(view.calls[0].called_by, /Nodal/i);
    const second = await api(`/api/checks/${ch.id}/calls`, { session: S['pr.udaipur'], method: 'POST', json: { outcome: 'not_reached' }, now: at(DAY, '16:00') });
    assert.equal(second.status, 201);
    assert.deepEqual((await second.json()).calls.map((c) => c.outcome), ['not_reached', 'promised'], 'newest first');
    assert.equal(count(`SELECT 1 FROM audit_log WHERE action = 'check.call' AND entity_id = '${ch.id}'`), 2);

    const post = (json, session = S['nodal.udaipur'], id = ch.id) => api(`/api/checks/${id}/calls`, { session, method: 'POST', json });
    await expectError(await post({ outcome: 'maybe' }), 400, 'invalid_json');
    await expectError(await post({ outcome: 3 }), 400, 'invalid_json');
    await expectError(await post({ outcome: 'reached', remark: 7 }), 400, 'invalid_json');
    await expectError(await post({ outcome: 'reached', remark: 'x'.repeat(501) }), 422, 'invalid_text');
    await expectError(await post({ outcome: 'reached', remark: 'a\u202eb' }), 422, 'invalid_text');
    // Another district's check, a made-up one, a malformed id: 404 before any role check.
    const salumbar = one("SELECT id FROM checks WHERE district_id = 'district-salumbar' LIMIT 1").id;
    await expectError(await post({ outcome: 'reached' }, S['nodal.udaipur'], salumbar), 404, 'check_not_found');
    await expectError(await post({ outcome: 'reached' }, S['nodal.udaipur'], '00000000-0000-4000-8000-000000000000'), 404, 'check_not_found');
    await expectError(await post({ outcome: 'reached' }, S['nodal.udaipur'], "x' OR 1=1 --"), 404, 'check_not_found');
    // The block officer: checks outside their block are not found, inside it forbidden.
    for (const c of checks) {
      const inGirwa = count(`SELECT 1 FROM units WHERE id = '${c.group_id}' AND block_id = 'block-1378'`) === 1;
      const res = await post({ outcome: 'reached' }, S['bdo.girwa'], c.id);
      if (inGirwa) await expectError(res, 403, 'forbidden');
      else await expectError(res, 404, 'check_not_found');
    }
    assert.equal(count(`SELECT 1 FROM check_calls`), 2, 'nothing else stored');
  });

  test('the WhatsApp request carries a fresh personal link that works', async () => {
    const ch = checks[3];
    const res = await api(`/api/checks/${ch.id}/message`, { session: S['collector.udaipur'], method: 'POST', now: at(DAY, '11:00') });
    assert.equal(res.status, 201, await res.clone().text());
    const msg = await res.json();
    const digits = ch.admin.tel_url.slice('tel:+'.length);
    assert.ok(msg.whatsapp_url.startsWith(`https://wa.me/${digits}?text=`));
    assert.match(msg.link_url, /\/a#[0-9a-f]{64}$/);
    const text = decodeURIComponent(msg.whatsapp_url.split('?text=')[1]);
    assert.equal(text, msg.message_hi);
    assert.ok(text.includes(msg.link_url) && text.includes('18:00') && text.includes('10-03-2027'));
    assert.match(text, /[\u0900-\u097F]/);
    const token = msg.link_url.split('/a#')[1];
    const login = await call(server.url, '/api/session/admin-link', { method: 'POST', json: { token } });
    assert.equal(login.status, 200, 'the link in the message signs the admin in');
    assert.equal(count(`SELECT 1 FROM audit_log WHERE action = 'check.message' AND entity_id = '${ch.id}'`), 1);
    const inGirwa = count(`SELECT 1 FROM units WHERE id = '${ch.group_id}' AND block_id = 'block-1378'`) === 1;
    const bdo = await api(`/api/checks/${ch.id}/message`, { session: S['bdo.girwa'], method: 'POST' });
    if (inGirwa) await expectError(bdo, 403, 'forbidden');
    else await expectError(bdo, 404, 'check_not_found');
    await expectError(await api(`/api/checks/${ch.id}/message`, { session: S['collector.salumbar'], method: 'POST' }), 404, 'check_not_found');
  });
});

let reused; // a submission on the next day that reuses an earlier picture
describe('reused screenshots and capture days', () => {
  test('a near-identical hash is flagged with the earlier image; a different one is not', async () => {
    const group = checks[0].group_id; // submitted on DAY with 0f0f…
    const admin = await adminSession(server.url, S['collector.udaipur'], group);
    // Same group next day: 3 bits off → reused. Taken (by its metadata) three days ago.
    reused = await submit(admin, group, { now: at(NEXT, '10:00'), phash: '0f0f0f0f0f0f0f08', key: 'mon-reuse-1', capturedAt: at('2027-03-08', '09:00') });
    // Another group of the district, far away in bits: no flag.
    const other = checks[1].group_id;
    const admin2 = await adminSession(server.url, S['collector.udaipur'], other);
    const fresh = await submit(admin2, other, { now: at(NEXT, '10:05'), phash: '123456789abcdef0', key: 'mon-fresh-1' });
    const flags = d1(server.persist, `SELECT kind, distance, earlier_submission_id, captured_day FROM image_flags WHERE submission_id = '${reused}' ORDER BY kind`);
    assert.equal(flags.length, 2, JSON.stringify(flags));
    assert.equal(flags[0].kind, 'captured_other_day');
    assert.equal(flags[0].captured_day, '2027-03-08');
    assert.equal(flags[1].kind, 'reused');
    assert.equal(flags[1].distance, 3);
    assert.equal(count(`SELECT 1 FROM image_flags WHERE submission_id = '${fresh}'`), 0);
    assert.equal(count("SELECT 1 FROM audit_log WHERE action = 'submission.flag'"), 1);
    // The reviewer sees both pictures side by side (the earlier one is readable).
    const res = await api(`/api/submissions/${reused}/reviews`, { session: S['pr.udaipur'], now: at(NEXT, '11:00') });
    assert.equal(res.status, 200);
    const item = await res.json();
    const flag = item.flags.find((f) => f.kind === 'reused');
    assert.equal(flag.earlier.ist_day, DAY);
    assert.equal(flag.earlier.group_id, group);
    const img = await api(flag.earlier.image_url, { session: S['pr.udaipur'] });
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/png');
  });

  test("the same picture in another district is not compared (the other district's data stays apart)", async () => {
    const admin = await adminSession(server.url, S['collector.salumbar'], 'gp-42634');
    const id = await submit(admin, 'gp-42634', { now: at(NEXT, '10:10'), phash: '0f0f0f0f0f0f0f0f', key: 'mon-salumbar-1' });
    assert.equal(count(`SELECT 1 FROM image_flags WHERE submission_id = '${id}'`), 0);
  });
});

describe('review', () => {
  test('queue, decisions with remarks, history, and what the admin sees', async () => {
    const pr = S['pr.udaipur'];
    const queue = await (await api(`/api/reviews?day=${NEXT}`, { session: pr, now: at(NEXT, '12:00') })).json();
    assert.equal(queue.filter, 'pending');
    assert.ok(queue.items.some((i) => i.submission.id === reused));
    assert.ok(queue.items.every((i) => i.reviews.length === 0));
    const item = queue.items.find((i) => i.submission.id === reused);
    assert.equal(item.checked, false);
    const review = (json, session = pr, id = reused) => api(`/api/submissions/${id}/reviews`, { session, method: 'POST', json, now: at(NEXT, '12:30') });
    await expectError(await review({ outcome: 'rejected', remark: '   ' }), 422, 'remark_required');
    await expectError(await review({ outcome: 'approved' }), 400, 'invalid_json');
    await expectError(await review({ outcome: ['verified'] }), 400, 'invalid_json');
    await expectError(await review({ outcome: 'has_issues', remark: 'y'.repeat(501) }), 422, 'invalid_text');
    const reusedInGirwa = count(`SELECT 1 FROM submissions s JOIN units u ON u.id = s.group_id WHERE s.id = '${reused}' AND u.block_id = 'block-1378'`) === 1;
    if (reusedInGirwa) await expectError(await review({ outcome: 'verified' }, S['bdo.girwa']), 403, 'forbidden');
    else await expectError(await review({ outcome: 'verified' }, S['bdo.girwa']), 404, 'submission_not_found');
    await expectError(await review({ outcome: 'verified' }, S['collector.salumbar']), 404, 'submission_not_found');
    const first = await review({ outcome: 'rejected', remark: 'पुराना स्क्रीनशॉट <img src=x onerror=alert(1)>' });
    assert.equal(first.status, 201, await first.clone().text());
    const second = await review({ outcome: 'has_issues', remark: 'आज की पोस्ट का स्क्रीनशॉट भेजें' });
    const after = await second.json();
    assert.deepEqual(after.reviews.map((r) => r.outcome), ['has_issues', 'rejected'], 'history kept, newest first');
    assert.equal(after.reviews[1].remark, 'पुराना स्क्रीनशॉट <img src=x onerror=alert(1)>');
    assert.equal(count(`SELECT 1 FROM audit_log WHERE action = 'submission.review' AND entity_id = '${reused}'`), 2);
    // Pending queue no longer lists it; "all" does.
    const pending = await (await api(`/api/reviews?day=${NEXT}`, { session: pr })).json();
    assert.ok(!pending.items.some((i) => i.submission.id === reused));
    const all = await (await api(`/api/reviews?day=${NEXT}&filter=all`, { session: pr })).json();
    assert.ok(all.items.some((i) => i.submission.id === reused));
    await expectError(await api(`/api/reviews?filter=${encodeURIComponent('<script>')}`, { session: pr }), 400, 'invalid_query');
    await expectError(await api(`/api/reviews?day=tomorrow`, { session: pr }), 400, 'invalid_day');
    await expectError(await api('/api/reviews', { session: S['bdo.girwa'] }), 403, 'forbidden');

    // The admin sees the outcome and remark of their own submissions, and only theirs.
    const group = checks[0].group_id;
    const admin = await adminSession(server.url, S['collector.udaipur'], group);
    const mine = await (await api('/api/my/submissions', { session: admin })).json();
    const entry = mine.items.find((i) => i.id === reused);
    assert.equal(entry.outcome, 'has_issues');
    assert.equal(entry.remark, 'आज की पोस्ट का स्क्रीनशॉट भेजें');
    assert.equal(entry.images_received, 1);
    assert.ok(mine.items.every((i) => count(`SELECT 1 FROM submissions WHERE id = '${i.id}' AND group_id = '${group}'`) === 1));
    await expectError(await api('/api/my/submissions', { session: S['collector.udaipur'] }), 403, 'forbidden');
    // Admins may not review.
    await expectError(await review({ outcome: 'verified' }, admin), 403, 'forbidden');
  });
});

describe('compliance, inactive admins, status', () => {
  test('rates for a day count a rejected submission as missing; bad filters are refused', async () => {
    const c = S['collector.udaipur'];
    const res = await api(`/api/compliance?period=day&day=${DAY}`, { session: c, now: at(NEXT, '12:00') });
    assert.equal(res.status, 200, await res.clone().text());
    const rep = await res.json();
    const row = (id) => rep.rows.find((r) => r.id === id);
    assert.deepEqual(row(checks[0].group_id).counts, { expected: 1, actual: 1, on_time: 1, self_reported: 0 });
    assert.deepEqual(row(checks[1].group_id).counts, { expected: 1, actual: 1, on_time: 0, self_reported: 0 }, 'sent at 19:00: late');
    const district = row('district-108');
    assert.equal(district.level, 'district');
    assert.equal(district.counts.expected, 606, 'every open GP and ward group');
    assert.equal(district.counts.actual, 2);
    assert.ok(rep.rows.every((r) => r.counts.actual <= r.counts.expected));
    // Next day: the reused screenshot's group has a has_issues review (counts); a
    // rejection would not.
    const next = await (await api(`/api/compliance?period=day&day=${NEXT}`, { session: c, now: at(NEXT, '12:00') })).json();
    assert.equal(next.rows.find((r) => r.id === checks[0].group_id).counts.actual, 1);
    await api(`/api/submissions/${reused}/reviews`, { session: c, method: 'POST', json: { outcome: 'rejected', remark: 'पुराना' }, now: at(NEXT, '12:40') });
    const after = await (await api(`/api/compliance?period=day&day=${NEXT}`, { session: c, now: at(NEXT, '12:45') })).json();
    assert.equal(after.rows.find((r) => r.id === checks[0].group_id).counts.actual, 0);
    // A month with a streak.
    const month = await (await api(`/api/compliance?period=month&day=${DAY}`, { session: c, now: at(NEXT, '12:45') })).json();
    assert.equal(month.start, '2027-03-01');
    assert.equal(month.as_of, NEXT);
    assert.deepEqual(month.rows.find((r) => r.id === checks[1].group_id).streak, { current: 2, longest: 2 });
    for (const q of ['period=year', 'day=2027-13-01', `day=${'9'.repeat(200)}`, 'period=day&day=2099-01-01']) {
      const bad = await api(`/api/compliance?${q}`, { session: c, now: at(NEXT, '12:45') });
      assert.equal(bad.status, 400, q);
    }
    // The block officer sees their block only.
    const bdo = await (await api(`/api/compliance?period=day&day=${DAY}`, { session: S['bdo.girwa'], now: at(NEXT, '12:00') })).json();
    assert.ok(bdo.rows.length > 0 && !bdo.rows.some((r) => r.level === 'district' || r.level === 'ward'));
    assert.ok(bdo.rows.filter((r) => r.level === 'block').every((r) => r.id === 'block-1378'));
  });

  test('the inactive-admin list and its configurable window', async () => {
    const c = S['collector.udaipur'];
    const res = await api('/api/compliance/inactive', { session: c, now: at(NEXT, '12:00') });
    const list = await res.json();
    assert.equal(list.days, 7);
    const withAdmin = count("SELECT 1 FROM assignments a JOIN groups g ON g.id = a.group_id WHERE a.ended_at IS NULL AND g.district_id = 'district-108'");
    const recent = count(`SELECT DISTINCT s.admin_id FROM submissions s JOIN groups g ON g.id = s.group_id WHERE g.district_id = 'district-108'`);
    assert.equal(list.admins.length, withAdmin - recent, 'everyone who has not submitted');
    assert.ok(list.admins.every((a) => a.days_since_last === null && a.tel_url.startsWith('tel:+91')));
    assert.ok(!list.admins.some((a) => a.group_id === checks[0].group_id));
    await expectError(await api('/api/compliance/inactive?days=0', { session: c }), 400, 'invalid_query');
    await expectError(await api('/api/compliance/inactive?days=abc', { session: c }), 400, 'invalid_query');
    const salumbar = await (await api('/api/compliance/inactive', { session: S['collector.salumbar'], now: at(NEXT, '12:00') })).json();
    assert.ok(salumbar.admins.every((a) => a.group_id === 'gp-42634') && salumbar.admins.length === 0, 'Salumbar admin submitted');
  });

  test("every group's status for a day in one request", async () => {
    const res = await api(`/api/status?day=${DAY}`, { session: S['collector.udaipur'], now: at(DAY, '18:30') });
    const status = await res.json();
    assert.equal(status.groups.length, 606);
    const by = Object.fromEntries(status.groups.map((g) => [g.group_id, g]));
    assert.equal(by[checks[0].group_id].status, 'submitted');
    assert.equal(by[checks[1].group_id].status, 'submitted');
    assert.equal(by[checks[2].group_id].status, 'overdue');
    assert.ok(by[checks[2].group_id].checked);
    const noAdmin = one("SELECT g.id FROM groups g WHERE g.district_id = 'district-108' AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.group_id = g.id AND a.ended_at IS NULL) LIMIT 1").id;
    assert.equal(by[noAdmin].status, 'no_active_admin');
    const counts = {};
    for (const g of status.groups) counts[g.status] = (counts[g.status] || 0) + 1;
    assert.equal(counts.no_active_admin, 24);
    assert.equal(counts.overdue, 2);
    // Before the deadline the same checks are "requested"; a verified one shows so.
    const early = await (await api(`/api/status?day=${DAY}`, { session: S['collector.udaipur'], now: at(DAY, '17:00') })).json();
    assert.equal(early.groups.find((g) => g.group_id === checks[2].group_id).status, 'requested');
    const sid = one(`SELECT id FROM submissions WHERE group_id = '${checks[0].group_id}' AND ist_day = '${DAY}'`).id;
    await api(`/api/submissions/${sid}/reviews`, { session: S['collector.udaipur'], method: 'POST', json: { outcome: 'verified' }, now: at(DAY, '18:40') });
    const later = await (await api(`/api/status?day=${DAY}`, { session: S['collector.udaipur'], now: at(DAY, '18:45') })).json();
    assert.equal(later.groups.find((g) => g.group_id === checks[0].group_id).status, 'verified');
  });

  test('a report counts only once a screenshot of it is stored', async () => {
    const group = one(`SELECT g.id FROM groups g JOIN units u ON u.id = g.unit_id
      WHERE g.district_id = 'district-108' AND u.kind = 'gram_panchayat' AND g.closed_at IS NULL
      AND EXISTS (SELECT 1 FROM assignments a WHERE a.group_id = g.id AND a.ended_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.group_id = g.id AND s.ist_day = '${DAY}')
      AND NOT EXISTS (SELECT 1 FROM checks c WHERE c.group_id = g.id AND c.ist_day = '${DAY}')
      ORDER BY g.id LIMIT 1`).id;
    const admin = await adminSession(server.url, S['collector.udaipur'], group);
    const now = at(DAY, '15:00');
    const statusOf = async () => {
      const all = await (await api(`/api/status?day=${DAY}`, { session: S['collector.udaipur'], now })).json();
      return all.groups.find((g) => g.group_id === group).status;
    };
    const compliance = async () => {
      const res = await api(`/api/compliance?period=day&day=${DAY}`, { session: S['collector.udaipur'], now });
      return (await res.json()).rows.find((r) => r.id === group).counts.actual;
    };
    const res = await api(`/api/groups/${group}/submissions`, {
      session: admin, method: 'POST', now, json: { client_key: 'counted-only-with-image', image_count: 1, note: '' },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const { submission } = await res.json();
    assert.equal(await statusOf(), 'not_submitted');
    assert.equal(await compliance(), 0);
    const put = await api(`/api/submissions/${submission.id}/images/0`, {
      session: admin, method: 'PUT', now, body: makePng(40, 30, { noise: true }), headers: { 'Content-Type': 'image/png' },
    });
    assert.equal(put.status, 201, await put.clone().text());
    assert.equal(await statusOf(), 'submitted');
    assert.equal(await compliance(), 1);
  });
});

describe('the cron trigger and the test clock outside tests', () => {
  test('/__scheduled draws today for every district once; the clock header is ignored without PRASAR_TEST_CLOCK', async () => {
    const plain = await startServer({ args: ['--test-scheduled'] });
    // Node's fetch is not a browser navigation; the path is served by the worker.
    try {
      const today = new Date(Date.now() + 5.5 * 3600_000).toISOString().slice(0, 10);
      const run = await fetch(`${plain.url}/__scheduled?cron=30+3+*+*+*`);
      assert.equal(run.status, 200);
      const draws = () => d1(plain.persist, 'SELECT district_id, ist_day, level, seed, created_by FROM daily_draws ORDER BY district_id, level');
      const first = draws();
      assert.deepEqual(first.map((d) => `${d.district_id}/${d.level}/${d.ist_day}/${d.created_by}`), [
        `district-108/collector/${today}/system:cron`,
        `district-108/nodal_officer/${today}/system:cron`,
        `district-salumbar/collector/${today}/system:cron`,
        `district-salumbar/nodal_officer/${today}/system:cron`,
      ]);
      const checksBefore = d1(plain.persist, 'SELECT id, group_id FROM checks ORDER BY id');
      assert.equal(checksBefore.length, 6);
      await fetch(`${plain.url}/__scheduled?cron=30+3+*+*+*`);
      assert.deepEqual(draws(), first, 'the same seeds: nothing redrawn');
      assert.deepEqual(d1(plain.persist, 'SELECT id, group_id FROM checks ORDER BY id'), checksBefore);
      // A production-like worker ignores the test clock.
      const c = await (async () => {
        const res = await call(plain.url, '/api/session/login', { method: 'POST', json: { username: 'collector.udaipur', password: 'prasar-demo-2026' } });
        const me = await res.json();
        return { cookie: /prasar_session=[0-9a-f]{64}/.exec(res.headers.get('set-cookie'))[0], csrf: me.csrf_token };
      })();
      const list = await (await call(plain.url, '/api/checks', { session: c, headers: clock(at('2031-01-01', '10:00')) })).json();
      assert.equal(list.ist_day, today);
      assert.equal(list.checks.length, 4);
    } finally {
      await plain.destroy();
    }
  });
});
