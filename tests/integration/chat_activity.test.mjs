// Chat-export activity on the real worker (workerd, local D1): an admin's phone sends
// per-day counts; overlapping exports never double-count; hostile uploads get a clear
// bilingual error and store nothing; officers read a 30-day strip and member growth.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { d1Execute, startServer } from '../lib/server.mjs';
import { d1 } from '../lib/state.mjs';
import { adminSession, call, login } from '../lib/session.mjs';
import { istDay, testNow } from '../lib/clock.mjs';
import { sendOversize } from '../lib/oversize.mjs';

const GP = 'gp-42356'; // Alsigarh, Girwa block, Udaipur

let server;
let collector;
let admin; // the admin of Alsigarh
let wardAdmin; // an admin of another group in the same district
let salumbar; // the collector of another district
let bdo; // block officer of Girwa
before(async () => {
  server = await startServer();
  collector = await login(server.url, 'collector.udaipur');
  salumbar = await login(server.url, 'collector.salumbar');
  bdo = await login(server.url, 'bdo.girwa');
  admin = await adminSession(server.url, collector, GP);
  wardAdmin = await adminSession(server.url, collector, 'ward-udaipur-mc-2');
  const item = (id, area, district, starts, ends, extra = {}) => `('${id}', '${area}', 'state-08', ${district ? `'${district}'` : 'NULL'},
    '${extra.title_hi ?? 'स्वच्छता ही सेवा अभियान 2026'}', 'Swachhata Hi Seva 2026', '', '', 'SBM', ${extra.link ? `'${extra.link}'` : 'NULL'},
    '${starts}', '${ends}', 'account:test', '2026-01-01T00:00:00.000+05:30', ${extra.withdrawn ? "'2026-01-02T00:00:00.000+05:30'" : 'NULL'})`;
  await d1Execute(server.persist, `INSERT INTO campaign_items (id, area_id, state_id, district_id, title_hi, title_en,
    description_hi, description_en, scheme, link_url, starts_on, ends_on, created_by, created_at, withdrawn_at) VALUES
    ${item('ci-district', 'district-108', 'district-108', istDay(-40), istDay(5), { link: 'https://swachhbharatmission.gov.in/shs2026' })},
    ${item('ci-girwa', 'block-1378', 'district-108', istDay(-5), istDay(-1), { title_hi: 'गिर्वा ब्लॉक जल शक्ति अभियान' })},
    ${item('ci-bargaon', 'block-1375', 'district-108', istDay(-40), istDay(5))},
    ${item('ci-salumbar', 'district-salumbar', 'district-salumbar', istDay(-40), istDay(5))},
    ${item('ci-withdrawn', 'district-108', 'district-108', istDay(-40), istDay(5), { withdrawn: true })},
    ${item('ci-state', 'state-08', null, istDay(-10), istDay(-5))}`);
});
after(async () => { await server?.destroy(); });

const post = (body, { session = admin, group = GP, headers = {} } = {}) =>
  call(server.url, `/api/groups/${group}/chat-activity`, {
    session, method: 'POST', headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const get = (path, session = collector) => call(server.url, path, { session });

function day(offset, counts = {}) {
  return {
    day: istDay(offset), admin_messages: 0, other_messages: 0, admin_media: 0, other_media: 0,
    joins: 0, leaves: 0, campaign_item_ids: [], ...counts,
  };
}

function stored() {
  return {
    days: d1(server.persist, `SELECT * FROM chat_activity_days ORDER BY group_id, ist_day`),
    items: d1(server.persist, `SELECT * FROM chat_activity_campaign_items ORDER BY ist_day, campaign_item_id`),
    audit: d1(server.persist, `SELECT count(*) AS n FROM audit_log WHERE action = 'chat_activity.upload'`)[0].n,
  };
}

async function assertApiError(res, status, code) {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status} ${text}`);
  const body = JSON.parse(text);
  assert.equal(body.code, code);
  assert.ok(body.message_en.length > 10);
  assert.match(body.message_hi, /[\u0900-\u097F]/);
}

describe('uploading', () => {
  test('an admin stores per-day counts; the audit entry holds numbers only', async () => {
    const upload = {
      platform: 'android',
      days: [
        day(-6, { admin_messages: 3, other_messages: 20, admin_media: 1, other_media: 4, joins: 5, leaves: 1 }),
        day(-5, { other_messages: 2 }),
        day(-4, { admin_messages: 1, campaign_item_ids: ['ci-district'] }),
      ],
    };
    const res = await post(upload);
    assert.equal(res.status, 201, await res.clone().text());
    assert.deepEqual(await res.json(), {
      group_id: GP, first_day: istDay(-6), last_day: istDay(-4), days_created: 3, days_updated: 0, days_unchanged: 0,
    });
    const s = stored();
    assert.deepEqual(s.days.map((d) => [d.ist_day, d.admin_messages, d.other_messages, d.admin_media, d.other_media, d.joins, d.leaves, d.campaign_items]), [
      [istDay(-6), 3, 20, 1, 4, 5, 1, 0],
      [istDay(-5), 0, 2, 0, 0, 0, 0, 0],
      [istDay(-4), 1, 0, 0, 0, 0, 0, 1],
    ]);
    assert.deepEqual(s.items.map((i) => [i.group_id, i.ist_day, i.campaign_item_id]), [[GP, istDay(-4), 'ci-district']]);
    assert.equal(s.audit, 1);
    const [entry] = d1(server.persist, `SELECT * FROM audit_log WHERE action = 'chat_activity.upload'`);
    assert.equal(entry.entity_id, GP);
    assert.equal(entry.district_id, 'district-108');
    assert.match(entry.actor, /^admin:/);
    const detail = JSON.parse(entry.detail);
    assert.equal(detail.admin_messages, 4);
    assert.equal(detail.joins, 5);
    assert.deepEqual(detail.campaign_item_ids, ['ci-district']);
    // The compliance view sees the campaign day.
    assert.deepEqual(d1(server.persist, `SELECT * FROM chat_active_days`), [{ group_id: GP, ist_day: istDay(-4) }]);
  });

  test('the same export again changes nothing and logs nothing', async () => {
    const before = stored();
    const res = await post({
      platform: 'android',
      days: [day(-6, { admin_messages: 3, other_messages: 20, admin_media: 1, other_media: 4, joins: 5, leaves: 1 }),
        day(-5, { other_messages: 2 }), day(-4, { admin_messages: 1, campaign_item_ids: ['ci-district'] })],
    });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).days_unchanged, 3);
    assert.deepEqual(stored(), before);
  });

  test('an overlapping export raises counts to the larger value, never adds', async () => {
    // This export starts in the middle of day -5 (WhatsApp cut it): fewer there; and it
    // sees day -4 in full (more messages, a second item) and a new day -3.
    const res = await post({
      platform: 'iphone',
      days: [
        day(-5, { other_messages: 1 }),
        day(-4, { admin_messages: 2, other_messages: 7, campaign_item_ids: ['ci-district', 'ci-girwa'] }),
        day(-3, { admin_messages: 1, other_messages: 1, joins: 2 }),
      ],
    });
    assert.equal(res.status, 201);
    assert.deepEqual(await res.json(), {
      group_id: GP, first_day: istDay(-5), last_day: istDay(-3), days_created: 1, days_updated: 1, days_unchanged: 1,
    });
    const s = stored();
    assert.deepEqual(s.days.map((d) => [d.ist_day, d.admin_messages, d.other_messages, d.joins, d.campaign_items, d.uploads]), [
      [istDay(-6), 3, 20, 5, 0, 1],
      [istDay(-5), 0, 2, 0, 0, 1],
      [istDay(-4), 2, 7, 0, 2, 2],
      [istDay(-3), 1, 1, 2, 0, 1],
    ]);
    assert.equal(s.items.length, 2);
    assert.equal(s.audit, 2);
  });

  test('officials, other admins, other districts and anonymous callers are refused', async () => {
    const before = stored();
    const body = { platform: 'android', days: [day(-1, { admin_messages: 1 })] };
    await assertApiError(await post(body, { session: collector }), 403, 'forbidden');
    await assertApiError(await post(body, { session: bdo }), 403, 'forbidden');
    await assertApiError(await post(body, { session: wardAdmin }), 404, 'group_not_found');
    await assertApiError(await post(body, { group: 'gp-42634' }), 404, 'group_not_found');
    await assertApiError(await post(body, { session: salumbar, group: GP }), 404, 'group_not_found');
    await assertApiError(await post(body, { group: "gp-1' OR 1=1 --" }), 404, 'group_not_found');
    await assertApiError(await post(body, { session: null }), 401, 'unauthenticated');
    await assertApiError(await post(body, { session: { ...admin, csrf: 'forged' } }), 403, 'csrf_failed');
    assert.deepEqual(stored(), before);
  });

  test('hostile uploads get a clear error and store nothing', async () => {
    const before = stored();
    const ok = day(-1, { admin_messages: 2, other_messages: 3 });
    const cases = [
      ['not JSON', '{"platform": "android", "days": [', 400, 'invalid_json'],
      ['wrong type', { platform: 'android', days: [{ ...ok, admin_messages: '2' }] }, 400, 'invalid_json'],
      ['negative', { platform: 'android', days: [{ ...ok, other_messages: -1 }] }, 400, 'invalid_json'],
      ['fraction', { platform: 'android', days: [{ ...ok, joins: 1.5 }] }, 400, 'invalid_json'],
      ['null count', { platform: 'android', days: [{ ...ok, leaves: null }] }, 400, 'invalid_json'],
      ['missing count', { platform: 'android', days: [{ day: ok.day }] }, 400, 'invalid_json'],
      ['a name smuggled in', { platform: 'android', days: [ok], admin_name: 'Ramesh Meena' }, 400, 'invalid_json'],
      ['senders per day', { platform: 'android', days: [{ ...ok, senders: ['+91 98290 12345'] }] }, 400, 'invalid_json'],
      ['message text', { platform: 'android', days: [{ ...ok, texts: ['नमस्ते'] }] }, 400, 'invalid_json'],
      ['unknown platform', { platform: 'symbian', days: [ok] }, 400, 'invalid_json'],
      ['days not a list', { platform: 'android', days: ok }, 400, 'invalid_json'],
      ['no days', { platform: 'android', days: [] }, 422, 'chat_activity_no_days'],
      ['future day', { platform: 'android', days: [day(1, { admin_messages: 1 })] }, 422, 'chat_activity_day_out_of_range'],
      ['more than a year ago', { platform: 'android', days: [day(-366, { admin_messages: 1 })] }, 422, 'chat_activity_day_out_of_range'],
      ['not a day', { platform: 'android', days: [{ ...ok, day: '<script>alert(1)</script>' }] }, 400, 'invalid_day'],
      ['a name as the day', { platform: 'android', days: [{ ...ok, day: 'Ramesh Meena' }] }, 400, 'invalid_day'],
      ['impossible date', { platform: 'android', days: [{ ...ok, day: '2026-02-30' }] }, 400, 'invalid_day'],
      ['duplicate day', { platform: 'android', days: [ok, ok] }, 422, 'chat_activity_duplicate_day'],
      ['absurd messages', { platform: 'android', days: [{ ...ok, other_messages: 1_000_000 }] }, 422, 'chat_activity_implausible_counts'],
      ['u32 overflow', { platform: 'android', days: [{ ...ok, other_messages: 4294967296 }] }, 400, 'invalid_json'],
      ['absurd joins', { platform: 'android', days: [{ ...ok, joins: 50_000 }] }, 422, 'chat_activity_implausible_counts'],
      ['more media than messages', { platform: 'android', days: [{ ...ok, admin_media: 3 }] }, 422, 'chat_activity_implausible_counts'],
      ['too many days', { platform: 'android', days: Array.from({ length: 367 }, (_, i) => day(-i)) }, 422, 'chat_activity_too_many_days'],
      ['another district\'s item', { platform: 'android', days: [{ ...ok, campaign_item_ids: ['ci-salumbar'] }] }, 422, 'invalid_campaign_items'],
      ['another block\'s item', { platform: 'android', days: [{ ...ok, campaign_item_ids: ['ci-bargaon'] }] }, 422, 'invalid_campaign_items'],
      ['withdrawn item', { platform: 'android', days: [{ ...ok, campaign_item_ids: ['ci-withdrawn'] }] }, 422, 'invalid_campaign_items'],
      ['item outside its dates', { platform: 'android', days: [{ ...ok, campaign_item_ids: ['ci-state'] }] }, 422, 'invalid_campaign_items'],
      ['made-up item', { platform: 'android', days: [{ ...ok, campaign_item_ids: ['ci-nope'] }] }, 422, 'invalid_campaign_items'],
      ['formula as item id', { platform: 'android', days: [{ ...ok, campaign_item_ids: ['=HYPERLINK("x")'] }] }, 422, 'invalid_campaign_items'],
      ['item without admin messages', { platform: 'android', days: [{ ...day(-2), campaign_item_ids: ['ci-district'] }] }, 422, 'invalid_campaign_items'],
      // One bad day spoils the whole upload: nothing of it is stored.
      ['one bad day among good ones', { platform: 'android', days: [ok, day(-2, { admin_messages: 1, campaign_item_ids: ['ci-salumbar'] })] }, 422, 'invalid_campaign_items'],
    ];
    for (const [what, body, status, code] of cases) {
      await test(what, async () => assertApiError(await post(body), status, code));
    }
    // Over 192 KB (padding inside a valid shape).
    await assertApiError(await sendOversize(server.url, `/api/groups/${GP}/chat-activity`,
      { session: admin, headers: { 'Content-Type': 'application/json' }, declared: 200_000 }), 413, 'upload_too_large');
    assert.deepEqual(stored(), before);
  });
});

describe('reading', () => {
  test('officers get a 30-day strip with statuses', async () => {
    const res = await get(`/api/groups/${GP}/chat-activity`);
    assert.equal(res.status, 200);
    const view = await res.json();
    assert.equal(view.days.length, 30);
    assert.equal(view.today, istDay(0));
    assert.equal(view.days[29].day, istDay(0));
    assert.equal(view.member_limit, 1024);
    const byDay = Object.fromEntries(view.days.map((d) => [d.day, d]));
    assert.equal(byDay[istDay(-6)].status, 'admin_posted');
    assert.equal(byDay[istDay(-5)].status, 'quiet');
    assert.equal(byDay[istDay(-4)].status, 'campaign');
    assert.deepEqual(byDay[istDay(-4)].campaign_item_ids, ['ci-district', 'ci-girwa']);
    assert.equal(byDay[istDay(-7)].status, 'no_data');
    assert.equal(byDay[istDay(-7)].other_messages, 0);
    assert.match(view.last_upload_at, /\+05:30$/);
    // The block officer of Girwa may read it too; other districts cannot see it.
    assert.equal((await get(`/api/groups/${GP}/chat-activity`, bdo)).status, 200);
    await assertApiError(await get(`/api/groups/${GP}/chat-activity`, salumbar), 404, 'group_not_found');
    await assertApiError(await get(`/api/groups/${GP}/chat-activity`, admin), 403, 'forbidden');
    for (const days of ['6', '366', 'abc', '-1', '30.5']) {
      await assertApiError(await get(`/api/groups/${GP}/chat-activity?days=${days}`), 400, 'chat_activity_invalid_window');
    }
    assert.equal((await (await get(`/api/groups/${GP}/chat-activity?days=90`)).json()).days.length, 90);
  });

  test('compliance counts a day with campaign material in the export as reported (not on time)', async () => {
    const day = async (d) => {
      const res = await get(`/api/compliance?period=day&day=${d}`);
      assert.equal(res.status, 200, await res.clone().text());
      return (await res.json()).rows.find((r) => r.id === GP).counts;
    };
    // Day -4: the admin posted two campaign items (by the export); no screenshot.
    // It counts as self-reported: the export is the admin's own word, no screenshot.
    assert.deepEqual(await day(istDay(-4)), { expected: 1, actual: 1, on_time: 0, self_reported: 1 });
    // Day -6: the admin posted, but nothing matched a campaign item: not counted.
    assert.deepEqual(await day(istDay(-6)), { expected: 1, actual: 0, on_time: 0, self_reported: 0 });
    // The collector's reports count the same way as monitoring's compliance.
    const report = async (d) => {
      const res = await get(`/api/reports/compliance?level=gram_panchayat&area=block-1378&from=${d}&to=${d}`);
      assert.equal(res.status, 200, await res.clone().text());
      return (await res.json()).rows.find((r) => r.id === GP).counts;
    };
    assert.deepEqual(await report(istDay(-4)), { expected: 1, actual: 1, on_time: 0, self_reported: 1 });
    assert.deepEqual(await report(istDay(-6)), { expected: 1, actual: 0, on_time: 0, self_reported: 0 });
  });

  test('member growth is anchored on the latest reported member count', async () => {
    let view = await (await get(`/api/groups/${GP}/chat-activity`)).json();
    // The seed reports no count for Alsigarh: only the net change is known.
    const netOf = (v) => Object.fromEntries(v.growth.map((p) => [p.day, [p.net_change, p.members]]));
    if (view.anchor_members === null) {
      assert.deepEqual(netOf(view)[istDay(-6)], [4, null]);
    }
    const res = await call(server.url, `/api/groups/${GP}/member-counts`, { session: collector, method: 'POST', json: { member_count: 600 } });
    assert.equal(res.status, 204);
    view = await (await get(`/api/groups/${GP}/chat-activity`)).json();
    assert.equal(view.anchor_members, 600);
    assert.equal(view.anchor_day, istDay(0));
    const g = netOf(view);
    // Joins and leaves: day -6 +5 −1, day -3 +2. Today 600, so 598 before day -3, 594 before -6.
    assert.deepEqual(g[istDay(-7)], [0, 594]);
    assert.deepEqual(g[istDay(-6)], [4, 598]);
    assert.deepEqual(g[istDay(-3)], [6, 600]);
    assert.deepEqual(g[istDay(0)], [6, 600]);
  });

  test('the phone gets the campaign items of its group\'s area for the export\'s days', async () => {
    const path = (from, to) => `/api/groups/${GP}/chat-activity/campaign-items?from=${from}&to=${to}`;
    const res = await get(path(istDay(-30), istDay(0)), admin);
    assert.equal(res.status, 200);
    const ids = (await res.json()).items.map((i) => i.id).sort();
    assert.deepEqual(ids, ['ci-district', 'ci-girwa', 'ci-state']);
    const early = (await (await get(path(istDay(-30), istDay(-20)), admin)).json()).items.map((i) => i.id);
    assert.deepEqual(early, ['ci-district']);
    await assertApiError(await get(path(istDay(0), istDay(-1)), admin), 400, 'invalid_day');
    await assertApiError(await get(path('yesterday', istDay(0)), admin), 400, 'invalid_day');
    await assertApiError(await get(path(istDay(-400), istDay(0)), admin), 400, 'invalid_day');
    await assertApiError(await get(path(istDay(-3), istDay(0)), wardAdmin).then((r) => r), 404, 'group_not_found');
  });
});
