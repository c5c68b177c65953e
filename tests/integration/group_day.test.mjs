// One question, "did group G report on day D, and what is its status?", has several
// readers: a drawn check's state, the day's status (`/api/status`), the map
// (`/api/map/status`), monitoring's compliance (`/api/compliance`) and the collector's
// reports (`/api/reports/compliance`). This file builds the tricky cases on one day and
// asserts that every reader gives the same answer:
//   - a report without a stored screenshot (does not count),
//   - a report rejected by review (does not count),
//   - a screenshot stored after the deadline (counts, late),
//   - a day shown only by the group's chat export (counts, self-reported, not on time),
//   - a unit closed before the day (not expected, nowhere listed),
//   - a group closed after the day (still expected on that day),
//   - an admin replaced after reporting (the report still counts).
// Real workerd, real local D1 and R2; a fixed day and a test clock, no wall clock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { d1Execute, startServer } from '../lib/server.mjs';
import { d1 } from '../lib/state.mjs';
import { makePng } from '../lib/images.mjs';
import { adminSession, call } from '../lib/session.mjs';

const DAY = '2027-05-12';
const BEFORE = '2027-05-11';
const NEXT = '2027-05-13';
const at = (day, hhmm) => Date.parse(`${day}T${hhmm}:00.000+05:30`);
const DEADLINE = at(DAY, '18:00');

let server;
const S = {};
const api = (path, { session, method = 'GET', json, body, now, headers = {} } = {}) =>
  call(server.url, path, { session, method, json, body, headers: { 'X-Prasar-Test-Now': String(now), ...headers } });

async function loginAt(username, now) {
  const res = await api('/api/session/login', { method: 'POST', json: { username, password: 'prasar-demo-2026' }, now });
  assert.equal(res.status, 200, await res.clone().text());
  const me = await res.json();
  const token = /prasar_session=([0-9a-f]{64})/.exec(res.headers.get('set-cookie'))[1];
  return { cookie: `prasar_session=${token}`, csrf: me.csrf_token };
}

async function json(res) {
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

/** A report of `group` made at `madeAt`, its screenshot stored at `storedAt` (or never). */
async function report(admin, group, { madeAt, storedAt, key }) {
  const res = await api(`/api/groups/${group}/submissions`, {
    session: admin, method: 'POST', now: madeAt, json: { client_key: key, image_count: 1, note: '' },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { submission } = await res.json();
  if (storedAt) {
    const put = await api(`/api/submissions/${submission.id}/images/0`, {
      session: admin, method: 'PUT', now: storedAt, body: makePng(40, 30, { noise: true }), headers: { 'Content-Type': 'image/png' },
    });
    assert.equal(put.status, 201, await put.clone().text());
  }
  return submission.id;
}

// The groups of each case.
const G = {};

before(async () => {
  server = await startServer({ vars: { PRASAR_TEST_CLOCK: '1' } });
  S.collector = await loginAt('collector.udaipur', at(DAY, '08:00'));
  S.pr = await loginAt('pr.udaipur', at(DAY, '08:00'));

  // The draw: the two drawn GPs are the cases "report without a screenshot" and "late".
  const draw = await api('/api/checks/draw', { session: S.collector, method: 'POST', json: {}, now: at(DAY, '09:00') });
  assert.equal(draw.status, 201, await draw.clone().text());
  const drawn = d1(server.persist, `SELECT group_id FROM checks WHERE ist_day = '${DAY}' AND district_id = 'district-108' AND pool = 'gram_panchayat' ORDER BY level`).map((r) => r.group_id);
  assert.equal(drawn.length, 2);
  [G.noImage, G.late] = drawn;
  const everDrawn = d1(server.persist, `SELECT group_id FROM checks WHERE ist_day = '${DAY}'`).map((r) => `'${r.group_id}'`).join(',');

  // Other GPs of Girwa with an admin, not drawn today, for the remaining cases.
  const others = d1(server.persist, `SELECT g.id FROM groups g JOIN units u ON u.id = g.unit_id
    WHERE u.block_id = 'block-1378' AND u.kind = 'gram_panchayat' AND u.valid_to IS NULL AND g.closed_at IS NULL
    AND EXISTS (SELECT 1 FROM assignments a WHERE a.group_id = g.id AND a.ended_at IS NULL)
    AND g.id NOT IN (${everDrawn}) ORDER BY g.id LIMIT 6`).map((r) => r.id);
  [G.rejected, G.chatOnly, G.unitClosed, G.closedAfter, G.replaced, G.onTime] = others;

  const admin = {};
  for (const k of ['noImage', 'late', 'rejected', 'chatOnly', 'replaced', 'onTime']) {
    admin[k] = await adminSession(server.url, S.collector, G[k]);
  }
  await report(admin.noImage, G.noImage, { madeAt: at(DAY, '10:00'), storedAt: null, key: 'agree-no-image' });
  await report(admin.late, G.late, { madeAt: at(DAY, '17:30'), storedAt: at(DAY, '18:30'), key: 'agree-late' });
  await report(admin.onTime, G.onTime, { madeAt: at(DAY, '11:00'), storedAt: at(DAY, '11:00'), key: 'agree-on-time' });
  const rejected = await report(admin.rejected, G.rejected, { madeAt: at(DAY, '10:00'), storedAt: at(DAY, '10:00'), key: 'agree-rejected' });
  const review = await api(`/api/submissions/${rejected}/reviews`, {
    session: S.pr, method: 'POST', json: { outcome: 'rejected', remark: 'पुराना स्क्रीनशॉट' }, now: at(DAY, '11:00'),
  });
  assert.equal(review.status, 201, await review.clone().text());

  // Reported, then replaced: the report was the group's and still counts.
  await report(admin.replaced, G.replaced, { madeAt: at(DAY, '09:30'), storedAt: at(DAY, '09:30'), key: 'agree-replaced' });
  const replace = await api(`/api/groups/${G.replaced}/replace-admin`, {
    session: S.collector, method: 'POST', now: at(DAY, '12:00'),
    json: { new_admin: { name: 'Naya Sachiv', mobile: '9829077001' }, end_reason: 'transferred' },
  });
  assert.equal(replace.status, 200, await replace.clone().text());

  // The chat export shows campaign material posted on the day, and no screenshot came.
  await d1Execute(server.persist, `INSERT INTO campaign_items (id, area_id, state_id, district_id, title_hi, title_en,
    description_hi, description_en, scheme, link_url, starts_on, ends_on, created_by, created_at, withdrawn_at) VALUES
    ('ci-agree', 'district-108', 'state-08', 'district-108', 'स्वच्छता ही सेवा', 'Swachhata Hi Seva', '', '', 'SBM', NULL,
     '2027-05-01', '2027-05-31', 'account:test', '2027-04-30T10:00:00.000+05:30', NULL)`);
  const chat = await api(`/api/groups/${G.chatOnly}/chat-activity`, {
    session: admin.chatOnly, method: 'POST', now: at(DAY, '13:00'),
    json: { platform: 'android', days: [{ day: DAY, admin_messages: 2, other_messages: 5, admin_media: 1, other_media: 0, joins: 0, leaves: 0, campaign_item_ids: ['ci-agree'] }] },
  });
  assert.equal(chat.status, 201, await chat.clone().text());

  // A unit that ceased to exist the day before (a GP merged away), and a group closed
  // the day after: the first is not expected on the day, the second is.
  await d1Execute(server.persist, `UPDATE units SET valid_to = '${BEFORE}' WHERE id = (SELECT unit_id FROM groups WHERE id = '${G.unitClosed}')`);
  await d1Execute(server.persist, `UPDATE groups SET closed_at = '${NEXT}T10:00:00.000+05:30' WHERE id = '${G.closedAfter}'`);
});
after(async () => { if (process.env.PRASAR_DUMP_LOG) console.log(server?.log()); await server?.destroy(); });

/** What each case must be, in every reader: [status, counted, on time, self-reported]. */
const EXPECTED = {
  noImage: ['overdue', 0, 0, 0],
  late: ['submitted', 1, 0, 0],
  onTime: ['submitted', 1, 1, 0],
  rejected: ['not_submitted', 0, 0, 0],
  chatOnly: ['submitted', 1, 0, 1],
  replaced: ['submitted', 1, 1, 0],
  closedAfter: ['not_submitted', 0, 0, 0],
};

/** The map's rule (`core::checks::group_day_status`, which the app runs on these facts). */
function mapStatuses(facts, nowMs) {
  const out = {};
  const noAdmin = new Set(facts.no_admin);
  const reports = new Map(facts.reports.map(([id, counted, review]) => [id, { counted, review }]));
  const checks = new Map();
  for (const [id, , deadline] of facts.checks) checks.set(id, Math.min(deadline, checks.get(id) ?? Infinity));
  for (const id of Object.values(G)) {
    const r = reports.get(id);
    const deadline = checks.get(id);
    out[id] = r?.review === 'verified' && r.counted > 0 ? 'verified'
      : r?.counted > 0 ? 'submitted'
        : noAdmin.has(id) ? 'no_active_admin'
          : deadline === undefined ? 'not_submitted'
            : nowMs > deadline ? 'overdue' : 'requested';
  }
  return out;
}

describe('every reader agrees on a group\'s day', () => {
  const EVENING = at(DAY, '19:30');

  test('a drawn check\'s state', async () => {
    const list = await json(await api(`/api/checks?day=${DAY}`, { session: S.collector, now: EVENING }));
    const state = Object.fromEntries(list.checks.map((c) => [c.group_id, c.state]));
    assert.equal(state[G.noImage], 'overdue', 'a report without a screenshot does not fulfil the check');
    assert.equal(state[G.late], 'late', 'the screenshot came after the deadline');
  });

  test('the day\'s status, the map, compliance and the reports', async () => {
    const status = await json(await api(`/api/status?day=${DAY}`, { session: S.collector, now: EVENING }));
    const byStatus = Object.fromEntries(status.groups.map((g) => [g.group_id, g.status]));
    const map = mapStatuses(await json(await api('/api/map/status?area=district-108', { session: S.collector, now: EVENING })), EVENING);
    const mapUnits = await json(await api('/api/map/units?area=district-108', { session: S.collector, now: EVENING }));
    const compliance = await json(await api(`/api/compliance?period=day&day=${DAY}`, { session: S.collector, now: EVENING }));
    const rates = Object.fromEntries(compliance.rows.filter((r) => r.level === 'gram_panchayat').map((r) => [r.id, r.counts]));
    const reports = await json(await api(`/api/reports/compliance?level=gram_panchayat&from=${DAY}&to=${DAY}`, { session: S.collector, now: EVENING }));
    const rows = Object.fromEntries(reports.rows.map((r) => [r.id, r]));

    for (const [name, [want, counted, onTime, self]] of Object.entries(EXPECTED)) {
      const id = G[name];
      const counts = { expected: 1, actual: counted, on_time: onTime, self_reported: self };
      assert.equal(byStatus[id], want, `${name}: /api/status`);
      assert.equal(map[id], want, `${name}: the map`);
      assert.deepEqual(rates[id], counts, `${name}: /api/compliance`);
      assert.deepEqual(rows[id]?.counts, counts, `${name}: /api/reports/compliance`);
      assert.equal(rows[id]?.status, want, `${name}: the report's status`);
    }
    // The closed unit is listed nowhere for the day.
    const closed = G.unitClosed;
    assert.equal(byStatus[closed], undefined, '/api/status lists the closed unit');
    // Monitoring's compliance keeps a row for a unit that existed on no day of the
    // period, with nothing expected (its rate is "—"); the reports leave it out.
    assert.ok(rates[closed] === undefined || rates[closed].expected === 0, '/api/compliance expects a report from the closed unit');
    assert.equal(rows[closed], undefined, '/api/reports/compliance lists the closed unit');
    assert.ok(!JSON.stringify(mapUnits.units).includes(`"${closed}"`), 'the map shows the closed unit');
  });

  test('the same day read the next day, after the group closed', async () => {
    const later = at(NEXT, '11:00');
    const collector = await loginAt('collector.udaipur', at(NEXT, '10:30'));
    const status = await json(await api(`/api/status?day=${DAY}`, { session: collector, now: later }));
    const byStatus = Object.fromEntries(status.groups.map((g) => [g.group_id, g.status]));
    const compliance = await json(await api(`/api/compliance?period=day&day=${DAY}`, { session: collector, now: later }));
    const rates = Object.fromEntries(compliance.rows.filter((r) => r.level === 'gram_panchayat').map((r) => [r.id, r.counts]));
    const reports = await json(await api(`/api/reports/compliance?level=gram_panchayat&from=${DAY}&to=${DAY}`, { session: collector, now: later }));
    const rows = Object.fromEntries(reports.rows.map((r) => [r.id, r]));
    for (const [name, [want, counted, onTime, self]] of Object.entries(EXPECTED)) {
      const id = G[name];
      const counts = { expected: 1, actual: counted, on_time: onTime, self_reported: self };
      assert.equal(byStatus[id], want, `${name}: /api/status the next day`);
      assert.deepEqual(rates[id], counts, `${name}: /api/compliance the next day`);
      assert.deepEqual(rows[id]?.counts, counts, `${name}: /api/reports/compliance the next day`);
      assert.equal(rows[id]?.status, want, `${name}: the report's status the next day`);
    }
  });
});
