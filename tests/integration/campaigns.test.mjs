// Campaign items and success stories against the real worker (workerd, local D1 and R2):
// who sees what (state, district, block and ULB targets; admins by their groups), every
// write path with hostile input (nothing stored, clear bilingual errors), images, the
// review and "turn into a campaign item", and who marked an item as posted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { startServer } from '../lib/server.mjs';
import { d1, r2Objects } from '../lib/state.mjs';
import { makePng } from '../lib/images.mjs';
import { adminSession, call, login } from '../lib/session.mjs';
import { istDay, testNow } from '../lib/clock.mjs';
import { sendOversize } from '../lib/oversize.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
/** The IST calendar day `offset` days from now. */

let server;
let pr; // PR officer, Udaipur
let collector; // collector, Udaipur
let state; // state administrator
let bdo; // block officer, Girwa
let salumbar; // collector of another district
let admin; // admin of Alsigarh GP (Girwa block)
let wardAdmin; // admin of Udaipur MC ward 2
let salumbarAdmin; // admin of Adkaliya GP (Salumbar)

before(async () => {
  server = await startServer();
  [pr, collector, state, bdo, salumbar] = await Promise.all([
    login(server.url, 'pr.udaipur'),
    login(server.url, 'collector.udaipur'),
    login(server.url, 'state.admin'),
    login(server.url, 'bdo.girwa'),
    login(server.url, 'collector.salumbar'),
  ]);
  admin = await adminSession(server.url, collector, 'gp-42356');
  wardAdmin = await adminSession(server.url, collector, 'ward-udaipur-mc-2');
  salumbarAdmin = await adminSession(server.url, salumbar, 'gp-42634');
});
after(async () => { await server?.destroy(); });

const as = (session, path, init = {}) => call(server.url, path, { session, ...init });

function counts() {
  const n = (sql) => d1(server.persist, sql)[0].n;
  return {
    items: n('SELECT count(*) AS n FROM campaign_items'),
    stories: n('SELECT count(*) AS n FROM success_stories'),
    photos: n('SELECT count(*) AS n FROM story_photos'),
    audit: n('SELECT count(*) AS n FROM audit_log'),
    objects: r2Objects(server.persist).length,
  };
}

async function assertApiError(res, status, code) {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status} ${text}`);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const body = JSON.parse(text);
  assert.equal(body.code, code);
  assert.ok(body.message_en.length > 10, 'English message present');
  assert.match(body.message_hi, /[\u0900-\u097F]/, 'Hindi message in Devanagari');
  return body;
}

function itemInput(overrides = {}) {
  return {
    area_id: 'district-108',
    title_hi: 'हर घर जल: पानी बचाएँ',
    title_en: 'Water for every home',
    description_hi: 'नल से जल।\nहर घर तक।',
    description_en: '',
    scheme: 'जल जीवन मिशन',
    link_url: 'https://jaljeevanmission.gov.in/',
    starts_on: istDay(0),
    ends_on: istDay(6),
    ...overrides,
  };
}

async function publish(session, overrides = {}) {
  const res = await as(session, '/api/campaign-items', { method: 'POST', json: itemInput(overrides) });
  assert.equal(res.status, 201, await res.clone().text());
  return res.json();
}

const todayIds = async (session) => {
  const res = await as(session, '/api/campaign-items/today');
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.ist_day, istDay(0));
  return body.items.map((i) => i.id);
};

describe('who sees which item', () => {
  let district; let block; let ulb; let stateWide; let upcoming;
  before(async () => {
    district = (await publish(pr)).summary.item;
    block = (await publish(pr, { area_id: 'block-1378', title_hi: 'गिर्वा ब्लॉक शिविर' })).summary.item;
    ulb = (await publish(collector, { area_id: 'ulb-udaipur-mc', title_hi: 'नगर निगम स्वच्छता' })).summary.item;
    stateWide = (await publish(state, { area_id: 'state-08', title_hi: 'राज्य अभियान' })).summary.item;
    upcoming = (await publish(pr, { title_hi: 'आने वाला', starts_on: istDay(2), ends_on: istDay(4) })).summary.item;
  });

  test('a published item is stored with its audit entry and the area\'s scope keys', async () => {
    const [row] = d1(server.persist, `SELECT * FROM campaign_items WHERE id = '${district.id}'`);
    assert.equal(row.state_id, 'state-08');
    assert.equal(row.district_id, 'district-108');
    assert.equal(row.title_hi, 'हर घर जल: पानी बचाएँ');
    assert.equal(row.description_hi, 'नल से जल।\nहर घर तक।');
    assert.match(row.created_by, /^account:/);
    const [audit] = d1(server.persist, `SELECT * FROM audit_log WHERE entity_id = '${district.id}'`);
    assert.equal(audit.action, 'campaign_item.create');
    assert.equal(audit.district_id, 'district-108');
    const [st] = d1(server.persist, `SELECT state_id, district_id FROM campaign_items WHERE id = '${stateWide.id}'`);
    assert.deepEqual(st, { state_id: 'state-08', district_id: null });
    const [stAudit] = d1(server.persist, `SELECT district_id FROM audit_log WHERE entity_id = '${stateWide.id}'`);
    assert.equal(stAudit.district_id, null, 'state-level entry');
    assert.equal(district.area_name_hi, 'उदयपुर');
    assert.equal(district.link_url, 'https://jaljeevanmission.gov.in/');
  });

  test('admins see today\'s items of the areas that contain their groups', async () => {
    const gp = await todayIds(admin);
    assert.ok(gp.includes(district.id) && gp.includes(block.id) && gp.includes(stateWide.id));
    assert.ok(!gp.includes(ulb.id), 'a GP is not in the municipal corporation');
    assert.ok(!gp.includes(upcoming.id), 'not yet');
    const ward = await todayIds(wardAdmin);
    assert.ok(ward.includes(district.id) && ward.includes(ulb.id) && ward.includes(stateWide.id));
    assert.ok(!ward.includes(block.id), 'a ward is not in Girwa block');
    const other = await todayIds(salumbarAdmin);
    assert.deepEqual(other.filter((id) => [district.id, block.id, ulb.id, upcoming.id].includes(id)), []);
    assert.ok(other.includes(stateWide.id), 'state-wide items reach every district');
  });

  test('officers see their area\'s items; the block officer only what reaches the block', async () => {
    const pri = await todayIds(pr);
    for (const i of [district, block, ulb, stateWide]) assert.ok(pri.includes(i.id), i.title_hi);
    const b = await todayIds(bdo);
    assert.ok(b.includes(district.id) && b.includes(block.id) && b.includes(stateWide.id));
    assert.ok(!b.includes(ulb.id));
    const s = await todayIds(salumbar);
    assert.ok(s.includes(stateWide.id) && !s.includes(district.id));
    const st = await todayIds(state);
    for (const i of [district, block, ulb, stateWide]) assert.ok(st.includes(i.id), i.title_hi);
  });

  test('the officers\' list filters active, upcoming and past and marks what they may edit', async () => {
    const active = await (await as(pr, '/api/campaign-items?when=active')).json();
    assert.equal(active.when, 'active');
    assert.equal(active.may_publish, true);
    const byId = Object.fromEntries(active.items.map((s) => [s.item.id, s]));
    assert.equal(byId[district.id].status, 'active');
    assert.equal(byId[district.id].editable, true);
    assert.equal(byId[stateWide.id].editable, false, 'a state item is not the district\'s to change');
    assert.ok(!byId[upcoming.id]);
    const next = await (await as(pr, '/api/campaign-items?when=upcoming')).json();
    assert.deepEqual(next.items.map((s) => s.item.id), [upcoming.id]);
    assert.equal(next.items[0].status, 'upcoming');
    const bdoList = await (await as(bdo, '/api/campaign-items')).json();
    assert.equal(bdoList.may_publish, false);
    assert.ok(bdoList.items.every((s) => !s.editable));
    await assertApiError(await as(pr, '/api/campaign-items?when=someday'), 400, 'invalid_json');
    await assertApiError(await as(admin, '/api/campaign-items'), 403, 'forbidden');
  });

  test('a district officer cannot change a state item; another district cannot see one of ours', async () => {
    await assertApiError(await as(pr, `/api/campaign-items/${stateWide.id}`,
      { method: 'PATCH', json: itemInput({ title_hi: 'बदला' }) }), 403, 'forbidden');
    await assertApiError(await as(pr, `/api/campaign-items/${stateWide.id}/withdraw`, { method: 'POST' }),
      403, 'forbidden');
    for (const path of [`/api/campaign-items/${district.id}`, `/api/campaign-items/${block.id}/image`]) {
      await assertApiError(await as(salumbar, path), 404, 'campaign_item_not_found');
    }
    await assertApiError(await as(salumbar, `/api/campaign-items/${district.id}`,
      { method: 'PATCH', json: itemInput() }), 404, 'campaign_item_not_found');
    await assertApiError(await as(salumbarAdmin, `/api/campaign-items/${district.id}/image`),
      404, 'campaign_item_not_found');
    // The ward's admin cannot see a Girwa item either.
    await assertApiError(await as(wardAdmin, `/api/campaign-items/${block.id}/image`),
      404, 'campaign_item_not_found');
  });

  test('edit and withdraw are audited; a withdrawn item leaves the admins\' list and is frozen', async () => {
    const res = await as(pr, `/api/campaign-items/${block.id}`,
      { method: 'PATCH', json: itemInput({ area_id: 'block-1378', title_hi: 'गिर्वा शिविर (नया)', link_url: '' }) });
    assert.equal(res.status, 200, await res.clone().text());
    const edited = await res.json();
    assert.equal(edited.summary.item.title_hi, 'गिर्वा शिविर (नया)');
    assert.equal(edited.summary.item.link_url, null);
    const w = await as(pr, `/api/campaign-items/${block.id}/withdraw`, { method: 'POST' });
    assert.equal(w.status, 200);
    assert.equal((await w.json()).summary.status, 'withdrawn');
    assert.ok(!(await todayIds(admin)).includes(block.id));
    const past = await (await as(pr, '/api/campaign-items?when=past')).json();
    assert.ok(past.items.some((s) => s.item.id === block.id && s.item.withdrawn));
    const actions = d1(server.persist,
      `SELECT action, detail FROM audit_log WHERE entity_id = '${block.id}' ORDER BY id`);
    assert.deepEqual(actions.map((a) => a.action),
      ['campaign_item.create', 'campaign_item.update', 'campaign_item.withdraw']);
    assert.match(actions[1].detail, /गिर्वा शिविर \(नया\)/);

    const before = counts();
    await assertApiError(await as(pr, `/api/campaign-items/${block.id}`,
      { method: 'PATCH', json: itemInput({ area_id: 'block-1378' }) }), 409, 'campaign_item_withdrawn');
    await assertApiError(await as(pr, `/api/campaign-items/${block.id}/withdraw`, { method: 'POST' }),
      409, 'campaign_item_withdrawn');
    await assertApiError(await as(pr, `/api/campaign-items/${block.id}/image`,
      { method: 'PUT', body: makePng(8, 8) }), 409, 'campaign_item_withdrawn');
    assert.deepEqual(counts(), before, 'nothing stored, not even an R2 object');
  });
});

describe('hostile input to publishing stores nothing', () => {
  let baseline;
  before(() => { baseline = counts(); });
  after(() => { assert.deepEqual(counts(), baseline, 'D1 and R2 unchanged'); });
  const post = (json, session = pr) => as(session, '/api/campaign-items', { method: 'POST', json });

  test('wrong types, missing fields and bodies that are not JSON', async () => {
    for (const bad of [
      { ...itemInput(), title_hi: 42 },
      { ...itemInput(), link_url: ['https://x.org'] },
      { ...itemInput(), starts_on: 20261127 },
      (({ ends_on, ...rest }) => rest)(itemInput()),
      [itemInput()],
      null,
    ]) {
      await assertApiError(await post(bad), 400, 'invalid_json');
    }
    await assertApiError(await as(pr, '/api/campaign-items', { method: 'POST', body: 'title=x' }),
      400, 'invalid_json');
    await assertApiError(await sendOversize(server.url, '/api/campaign-items',
      { session: pr, headers: { 'Content-Type': 'application/json' }, declared: 70_000 }), 413, 'body_too_large');
  });

  test('oversize and control-character text', async () => {
    await assertApiError(await post(itemInput({ title_hi: 'क'.repeat(201) })), 422, 'invalid_campaign_title');
    await assertApiError(await post(itemInput({ title_hi: '' })), 422, 'invalid_campaign_title');
    await assertApiError(await post(itemInput({ title_hi: 'दो\nपंक्ति' })), 422, 'invalid_campaign_title');
    await assertApiError(await post(itemInput({ title_en: 'e'.repeat(201) })), 422, 'invalid_campaign_title');
    await assertApiError(await post(itemInput({ description_hi: 'क'.repeat(2001) })), 422, 'invalid_text');
    await assertApiError(await post(itemInput({ scheme: 'a\u0000b' })), 422, 'invalid_text');
    await assertApiError(await post(itemInput({ description_hi: 'x\u202eevil' })), 422, 'invalid_text');
  });

  test('javascript:, data: and disguised links are refused', async () => {
    for (const link of ['javascript:alert(1)', 'JAVASCRIPT:alert(document.cookie)', ' javascript:void(0)',
      'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'file:///etc/passwd', '//evil.example/',
      'https://gov.in@evil.example/', 'https://exa mple.org', `https://example.org/${'a'.repeat(500)}`]) {
      await assertApiError(await post(itemInput({ link_url: link })), 422, 'invalid_campaign_link');
    }
  });

  test('impossible, reversed, ended and over-long date ranges', async () => {
    for (const [s, e] of [['2026-02-30', '2026-03-02'], [istDay(3), istDay(1)], [istDay(-9), istDay(-1)],
      [istDay(0), istDay(400)], ['27/11/2026', istDay(1)], [`${istDay(0)}' OR 1=1`, istDay(1)]]) {
      await assertApiError(await post(itemInput({ starts_on: s, ends_on: e })), 422, 'invalid_campaign_dates');
    }
  });

  test('areas: another district\'s is 404, a gram panchayat is 422, above one\'s own is 404', async () => {
    for (const area of ['district-salumbar', 'block-1384', 'gp-42634', 'no-such-unit', "x' OR '1'='1", 'state-08']) {
      await assertApiError(await post(itemInput({ area_id: area })), 404, 'unit_not_found');
    }
    await assertApiError(await post(itemInput({ area_id: 'gp-42356' })), 422, 'invalid_campaign_area');
    await assertApiError(await post(itemInput({ area_id: 'ward-udaipur-mc-2' })), 422, 'invalid_campaign_area');
    await assertApiError(await post(itemInput({ area_id: 'district-108' }), salumbar), 404, 'unit_not_found');
  });

  test('admins, block officers and nodal officers may not publish', async () => {
    await assertApiError(await post(itemInput(), admin), 403, 'forbidden');
    await assertApiError(await post(itemInput({ area_id: 'block-1378' }), bdo), 403, 'forbidden');
    const nodal = await login(server.url, 'nodal.udaipur');
    await assertApiError(await post(itemInput(), nodal), 403, 'forbidden');
    baseline = counts(); // the nodal officer's sign-in is audited
  });

  test('no CSRF token, a foreign Origin, no session', async () => {
    const body = JSON.stringify(itemInput());
    const headers = { 'Content-Type': 'application/json', Cookie: pr.cookie };
    await assertApiError(await fetch(`${server.url}/api/campaign-items`, { method: 'POST', headers, body }),
      403, 'csrf_failed');
    await assertApiError(await fetch(`${server.url}/api/campaign-items`, {
      method: 'POST', body, headers: { ...headers, 'X-CSRF-Token': pr.csrf, Origin: 'https://evil.example' },
    }), 403, 'csrf_failed');
    await assertApiError(await call(server.url, '/api/campaign-items', { method: 'POST', json: itemInput() }),
      401, 'unauthenticated');
    await assertApiError(await call(server.url, '/api/campaign-items/today'), 401, 'unauthenticated');
  });
});

describe('item images', () => {
  let item;
  before(async () => { item = (await publish(pr, { title_hi: 'चित्र वाला', link_url: null })).summary.item; });
  const put = (body, session = pr, id = item.id) =>
    as(session, `/api/campaign-items/${id}/image`, { method: 'PUT', body });

  test('an image is stored in R2, served same-origin to admins with safe headers, and replaceable', async () => {
    const png = makePng(320, 200);
    const res = await put(png);
    assert.equal(res.status, 200, await res.clone().text());
    const { summary } = await res.json();
    assert.match(summary.item.image_url, new RegExp(`^/api/campaign-items/${item.id}/image\\?v=[0-9a-f]{16}$`));
    const [row] = d1(server.persist, `SELECT * FROM campaign_items WHERE id = '${item.id}'`);
    assert.equal(row.image_sha256, sha256(png));
    assert.equal(row.image_width, 320);
    assert.ok(r2Objects(server.persist).some((o) => o.key === row.image_r2_key && o.size === png.length));

    const today = await (await as(admin, '/api/campaign-items/today')).json();
    const seen = today.items.find((i) => i.id === item.id);
    assert.equal(seen.image_url, summary.item.image_url);
    const img = await as(admin, seen.image_url);
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/png');
    assert.equal(img.headers.get('x-content-type-options'), 'nosniff');
    assert.match(img.headers.get('content-security-policy'), /sandbox/);
    assert.equal(sha256(Buffer.from(await img.arrayBuffer())), sha256(png));

    const jpg = fixture('tiny.jpg');
    const again = await (await put(jpg)).json();
    assert.notEqual(again.summary.item.image_url, summary.item.image_url, 'a new image is a new URL');
    assert.ok(!r2Objects(server.persist).some((o) => o.key === row.image_r2_key), 'old object removed');
    const removed = await as(pr, `/api/campaign-items/${item.id}/image`, { method: 'DELETE' });
    assert.equal((await removed.json()).summary.item.image_url, null);
    await assertApiError(await as(admin, `/api/campaign-items/${item.id}/image`), 404, 'not_found');
    const actions = d1(server.persist, `SELECT action FROM audit_log WHERE entity_id = '${item.id}' ORDER BY id`)
      .map((a) => a.action);
    assert.deepEqual(actions, ['campaign_item.create', 'campaign_item.image', 'campaign_item.image',
      'campaign_item.image_remove']);
  });

  describe('hostile images store nothing', () => {
    let baseline;
    before(() => { baseline = counts(); });
    after(() => { assert.deepEqual(counts(), baseline, 'D1 and R2 unchanged'); });

    test('truncated, not an image, empty, oversize, too many pixels', async () => {
      const png = makePng(200, 150, { noise: true });
      await assertApiError(await put(png.subarray(0, png.length - 1)), 422, 'truncated_image');
      const jpg = fixture('tiny.jpg');
      await assertApiError(await put(jpg.subarray(0, jpg.length - 2)), 422, 'truncated_image');
      await assertApiError(await put('<svg onload="alert(1)"/>'), 415, 'unsupported_image_type');
      await assertApiError(await put(undefined), 400, 'empty_upload');
      await assertApiError(await put(makePng(10, 10, { declared: { width: 20_000, height: 10 } })),
        422, 'image_dimensions_too_large');
      await assertApiError(await sendOversize(server.url, `/api/campaign-items/${item.id}/image`,
        { method: 'PUT', session: pr, headers: { 'Content-Type': 'image/png' }, declared: 11_000_000 }), 413, 'upload_too_large');
    });

    test('admins and other districts cannot set an image', async () => {
      await assertApiError(await put(makePng(8, 8), admin), 403, 'forbidden');
      await assertApiError(await put(makePng(8, 8), salumbar), 404, 'campaign_item_not_found');
      await assertApiError(await put(makePng(8, 8), pr, '00000000-0000-4000-8000-000000000000'),
        404, 'campaign_item_not_found');
      await assertApiError(await put(makePng(8, 8), pr, '..%2F..%2Fetc'), 404, 'campaign_item_not_found');
    });
  });
});

describe('success stories', () => {
  const storyInput = (overrides = {}) => ({
    client_key: `story-${randomUUID()}`,
    unit_id: 'gp-42356',
    scheme: 'प्रधानमंत्री आवास योजना',
    text_hi: 'सीता देवी को पक्का घर मिला। <script>alert("x")</script> अब परिवार सुरक्षित है।',
    consent_confirmed: true,
    photo_count: 2,
    ...overrides,
  });
  const send = (json, session = admin) => as(session, '/api/stories', { method: 'POST', json });
  const putPhoto = (id, n, body, session = admin) =>
    as(session, `/api/stories/${id}/photos/${n}`, { method: 'PUT', body });

  let story;
  let photo0;
  test('an admin sends a story, idempotently, then its photos one by one', async () => {
    const input = storyInput();
    const res = await send(input);
    assert.equal(res.status, 201, await res.clone().text());
    ({ story } = await res.json());
    assert.equal(story.status, 'submitted');
    assert.equal(story.unit.id, 'gp-42356');
    assert.equal(story.author_kind, 'group_admin');
    assert.equal(story.photos.length, 0);
    assert.equal(story.text_hi, input.text_hi, 'markup is stored as text');
    const before = counts();
    const again = await send(input);
    assert.equal(again.status, 200);
    assert.equal((await again.json()).story.id, story.id);
    assert.deepEqual(counts(), before, 'a retry stores nothing');

    photo0 = makePng(640, 480);
    const p0 = await putPhoto(story.id, 0, photo0);
    assert.equal(p0.status, 201, await p0.clone().text());
    const p0again = await putPhoto(story.id, 0, photo0);
    assert.equal(p0again.status, 200, 'same bytes again: a retry');
    const p1 = await putPhoto(story.id, 1, fixture('tiny.webp'));
    assert.equal(p1.status, 201);
    const body = await p1.json();
    assert.deepEqual(body.story.photos.map((p) => p.position), [0, 1]);
    const img = await as(pr, body.story.photos[0].url);
    assert.equal(sha256(Buffer.from(await img.arrayBuffer())), sha256(photo0));
    assert.match(img.headers.get('content-security-policy'), /sandbox/);

    const actions = d1(server.persist, `SELECT action, district_id FROM audit_log WHERE entity_id = '${story.id}' ORDER BY id`);
    assert.deepEqual(actions.map((a) => a.action), ['story.create', 'story.photo', 'story.photo']);
    assert.ok(actions.every((a) => a.district_id === 'district-108'));
    const mine = await (await as(admin, '/api/stories')).json();
    assert.deepEqual(mine.stories.map((s) => s.id), [story.id]);
    assert.equal(mine.may_review, false);
  });

  test('a block officer sends a story about the block; other blocks and districts are 404', async () => {
    const units = await (await as(bdo, '/api/stories/units')).json();
    assert.equal(units.units[0].unit.id, 'block-1378');
    assert.ok(units.units.some((u) => u.unit.id === 'gp-42356'));
    assert.ok(!units.units.some((u) => u.unit.id === 'gp-42404'));
    const adminUnits = await (await as(admin, '/api/stories/units')).json();
    assert.deepEqual(adminUnits.units.map((u) => u.unit.id), ['gp-42356']);
    const res = await send(storyInput({ unit_id: 'block-1378', photo_count: 0 }), bdo);
    assert.equal(res.status, 201);
    assert.equal((await res.json()).story.author_kind, 'official');
  });

  describe('hostile stories store nothing', () => {
    let baseline;
    before(() => { baseline = counts(); });
    after(() => { assert.deepEqual(counts(), baseline, 'D1 and R2 unchanged'); });

    test('consent missing, false or not a boolean', async () => {
      await assertApiError(await send(storyInput({ consent_confirmed: false })), 422, 'story_consent_missing');
      await assertApiError(await send(storyInput({ consent_confirmed: 'yes' })), 400, 'invalid_json');
      await assertApiError(await send(storyInput({ consent_confirmed: 1 })), 400, 'invalid_json');
      const { consent_confirmed, ...rest } = storyInput();
      await assertApiError(await send(rest), 400, 'invalid_json');
    });

    test('text, scheme, photo count and key', async () => {
      await assertApiError(await send(storyInput({ text_hi: 'Only English' })), 422, 'invalid_story_text');
      await assertApiError(await send(storyInput({ text_hi: 'क'.repeat(5001) })), 422, 'invalid_story_text');
      await assertApiError(await send(storyInput({ text_hi: 'कहानी\u0007' })), 422, 'invalid_story_text');
      await assertApiError(await send(storyInput({ text_hi: 42 })), 400, 'invalid_json');
      await assertApiError(await send(storyInput({ scheme: '' })), 422, 'invalid_story_scheme');
      await assertApiError(await send(storyInput({ scheme: 'क'.repeat(201) })), 422, 'invalid_story_scheme');
      await assertApiError(await send(storyInput({ photo_count: 4 })), 422, 'invalid_story_photo_count');
      await assertApiError(await send(storyInput({ photo_count: -1 })), 400, 'invalid_json');
      await assertApiError(await send(storyInput({ client_key: 'bad key!' })), 400, 'invalid_idempotency_key');
    });

    test('another group\'s or district\'s unit, and callers who may not send', async () => {
      for (const unit of ['gp-42358', 'gp-42634', 'district-108', "gp-1' OR '1'='1"]) {
        await assertApiError(await send(storyInput({ unit_id: unit })), 404, 'unit_not_found');
      }
      await assertApiError(await send(storyInput({ unit_id: 'gp-42404' }), bdo), 404, 'unit_not_found');
      await assertApiError(await send(storyInput({ unit_id: 'block-1378' }), pr), 403, 'forbidden');
      await assertApiError(await send(storyInput({ unit_id: 'district-108' }), collector), 403, 'forbidden');
    });

    test('photos: wrong place, truncated, not an image, oversize, someone else\'s story', async () => {
      await assertApiError(await putPhoto(story.id, 2, makePng(8, 8)), 404, 'story_photo_not_found');
      await assertApiError(await putPhoto(story.id, 3, makePng(8, 8)), 404, 'story_photo_not_found');
      await assertApiError(await putPhoto(story.id, 'x', makePng(8, 8)), 404, 'story_photo_not_found');
      await assertApiError(await putPhoto(story.id, 0, makePng(9, 9)), 409, 'story_photo_conflict');
      const png = makePng(300, 200, { noise: true });
      const fresh = await (await send(storyInput({ photo_count: 1 }))).json();
      baseline = counts();
      await assertApiError(await putPhoto(fresh.story.id, 0, png.subarray(0, 100)), 422, 'truncated_image');
      await assertApiError(await putPhoto(fresh.story.id, 0, 'GIF89a'), 415, 'unsupported_image_type');
      await assertApiError(await sendOversize(server.url, `/api/stories/${fresh.story.id}/photos/0`,
        { method: 'PUT', session: admin, headers: { 'Content-Type': 'image/png' }, declared: 11_000_000 }), 413, 'upload_too_large');
      await assertApiError(await putPhoto(fresh.story.id, 0, makePng(8, 8), wardAdmin), 404, 'story_not_found');
      await assertApiError(await putPhoto(fresh.story.id, 0, makePng(8, 8), salumbar), 404, 'story_not_found');
      // The block officer sees the story (it is in Girwa) but did not send it.
      await assertApiError(await putPhoto(fresh.story.id, 0, makePng(8, 8), bdo), 403, 'forbidden');
      await assertApiError(await putPhoto(fresh.story.id, 0, makePng(8, 8), pr), 403, 'forbidden');
    });

    test('reading: other admins and districts get 404', async () => {
      await assertApiError(await as(wardAdmin, `/api/stories/${story.id}`), 404, 'story_not_found');
      await assertApiError(await as(salumbar, `/api/stories/${story.id}`), 404, 'story_not_found');
      await assertApiError(await as(salumbar, `/api/stories/${story.id}/photos/0`), 404, 'story_not_found');
      const other = await (await as(salumbar, '/api/stories')).json();
      assert.equal(other.stories.length, 0);
      await assertApiError(await as(pr, '/api/stories?status=maybe'), 400, 'invalid_json');
    });

    test('reviews: admins and block officers may not; a rejection needs a remark', async () => {
      const review = (session, json, id = story.id) =>
        as(session, `/api/stories/${id}/review`, { method: 'POST', json });
      await assertApiError(await review(admin, { decision: 'accept' }), 403, 'forbidden');
      await assertApiError(await review(bdo, { decision: 'accept' }), 403, 'forbidden');
      await assertApiError(await review(salumbar, { decision: 'accept' }), 404, 'story_not_found');
      await assertApiError(await review(pr, { decision: 'reject' }), 422, 'story_remark_required');
      await assertApiError(await review(pr, { decision: 'reject', remark: 'क'.repeat(1001) }), 422, 'invalid_text');
      await assertApiError(await review(pr, { decision: 'maybe' }), 400, 'invalid_json');
      await assertApiError(await review(pr, { decision: true }), 400, 'invalid_json');
      await assertApiError(await as(pr, `/api/stories/${story.id}/campaign-item`, { method: 'POST', json: {} }),
        409, 'story_not_accepted');
      await assertApiError(await as(admin, `/api/stories/${story.id}/campaign-item`, { method: 'POST', json: {} }),
        403, 'forbidden');
    });
  });

  test('a PR officer accepts a story and turns it into a campaign item in one action', async () => {
    const res = await as(pr, `/api/stories/${story.id}/review`,
      { method: 'POST', json: { decision: 'accept', remark: 'अच्छी कहानी' } });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json()).status, 'accepted');
    await assertApiError(await as(pr, `/api/stories/${story.id}/review`,
      { method: 'POST', json: { decision: 'reject', remark: 'नहीं' } }), 409, 'story_already_reviewed');

    // Changes that would be refused leave nothing behind.
    const before = counts();
    await assertApiError(await as(pr, `/api/stories/${story.id}/campaign-item`,
      { method: 'POST', json: { area_id: 'district-salumbar' } }), 404, 'unit_not_found');
    await assertApiError(await as(pr, `/api/stories/${story.id}/campaign-item`,
      { method: 'POST', json: { title_hi: '' } }), 422, 'invalid_campaign_title');
    await assertApiError(await as(pr, `/api/stories/${story.id}/campaign-item`,
      { method: 'POST', json: { ends_on: 7 } }), 400, 'invalid_json');
    await assertApiError(await as(pr, `/api/stories/${story.id}/campaign-item`,
      { method: 'POST', json: { link_url: 'javascript:alert(1)' } }), 422, 'invalid_campaign_link');
    assert.deepEqual(counts(), before);

    const made = await as(pr, `/api/stories/${story.id}/campaign-item`, { method: 'POST', json: {} });
    assert.equal(made.status, 201, await made.clone().text());
    const { summary } = await made.json();
    assert.equal(summary.story_id, story.id);
    assert.equal(summary.item.area_id, 'district-108');
    assert.equal(summary.item.scheme, 'प्रधानमंत्री आवास योजना');
    assert.match(summary.item.title_hi, /सफलता की कहानी/);
    assert.equal(summary.item.starts_on, istDay(0));
    assert.equal(summary.item.ends_on, istDay(6));
    assert.ok(summary.item.image_url, 'the first photo is the item\'s image');
    const img = await as(admin, summary.item.image_url);
    assert.equal(sha256(Buffer.from(await img.arrayBuffer())), sha256(photo0));
    assert.ok((await todayIds(wardAdmin)).includes(summary.item.id), 'every admin of the district sees it');

    const [row] = d1(server.persist, `SELECT campaign_item_id, status, review_remark, reviewed_by FROM success_stories WHERE id = '${story.id}'`);
    assert.equal(row.campaign_item_id, summary.item.id);
    assert.equal(row.review_remark, 'अच्छी कहानी');
    assert.match(row.reviewed_by, /^account:/);
    const audit = d1(server.persist, `SELECT action FROM audit_log WHERE entity_id IN ('${story.id}', '${summary.item.id}') ORDER BY id`)
      .map((a) => a.action);
    assert.deepEqual(audit.slice(-4), ['story.photo', 'story.review', 'campaign_item.create', 'story.promote']);

    const twice = counts();
    await assertApiError(await as(pr, `/api/stories/${story.id}/campaign-item`, { method: 'POST', json: {} }),
      409, 'story_already_promoted');
    // Two presses at once still make one item.
    const other = await (await send(storyInput({ photo_count: 0 }))).json();
    await as(pr, `/api/stories/${other.story.id}/review`, { method: 'POST', json: { decision: 'accept' } });
    const both = await Promise.all([1, 2].map(() =>
      as(pr, `/api/stories/${other.story.id}/campaign-item`, { method: 'POST', json: { title_hi: 'एक बार' } })));
    assert.deepEqual(both.map((r) => r.status).sort(), [201, 409]);
    const made2 = d1(server.persist, `SELECT count(*) AS n FROM campaign_items WHERE story_id = '${other.story.id}'`);
    assert.equal(made2[0].n, 1);
    assert.equal(counts().items, twice.items + 1);

    const rejected = await (await send(storyInput({ photo_count: 0 }))).json();
    const r = await as(pr, `/api/stories/${rejected.story.id}/review`,
      { method: 'POST', json: { decision: 'reject', remark: 'लाभार्थी का नाम नहीं है' } });
    assert.equal((await r.json()).review_remark, 'लाभार्थी का नाम नहीं है');
    const mine = await (await as(admin, '/api/stories?status=rejected')).json();
    assert.deepEqual(mine.stories.map((s) => s.id), [rejected.story.id]);
    await assertApiError(await as(pr, `/api/stories/${rejected.story.id}/campaign-item`, { method: 'POST', json: {} }),
      409, 'story_not_accepted');
  });
});

describe('who marked an item as posted', () => {
  test('officers see the groups and admins of their area that posted an item', async () => {
    const item = (await publish(pr, { title_hi: 'पोस्ट किया?' })).summary.item;
    const stateItem = (await publish(state, { area_id: 'state-08', title_hi: 'राज्य: पोस्ट किया?' })).summary.item;
    const submit = async (session, group, ids) => {
      const res = await as(session, `/api/groups/${group}/submissions`, {
        method: 'POST',
        json: { client_key: `sub-${randomUUID()}`, image_count: 1, campaign_item_ids: ids },
      });
      assert.ok([200, 201].includes(res.status), `${res.status} ${await res.clone().text()}`);
      return (await res.json()).submission;
    };
    await submit(admin, 'gp-42356', [item.id, stateItem.id]);
    await submit(wardAdmin, 'ward-udaipur-mc-2', [item.id]);
    await submit(salumbarAdmin, 'gp-42634', [stateItem.id]);

    const detail = await (await as(pr, `/api/campaign-items/${item.id}`)).json();
    assert.equal(detail.summary.posted_groups, 2);
    assert.equal(detail.posted_admins, 2);
    assert.deepEqual(detail.posted.map((m) => m.group_id).sort(), ['gp-42356', 'ward-udaipur-mc-2']);
    const gp = detail.posted.find((m) => m.group_id === 'gp-42356');
    assert.equal(gp.parent_hi, 'गिर्वा');
    assert.ok(gp.admin_name);
    assert.equal(gp.ist_day, istDay(0));
    assert.ok(detail.target_groups >= 600, `${detail.target_groups} groups in the district`);

    const list = await (await as(pr, '/api/campaign-items')).json();
    assert.equal(list.items.find((s) => s.item.id === item.id).posted_groups, 2);

    // A state-wide item: each district sees its own groups; the state sees all.
    const forPr = await (await as(pr, `/api/campaign-items/${stateItem.id}`)).json();
    assert.deepEqual(forPr.posted.map((m) => m.group_id), ['gp-42356']);
    const forSalumbar = await (await as(salumbar, `/api/campaign-items/${stateItem.id}`)).json();
    assert.deepEqual(forSalumbar.posted.map((m) => m.group_id), ['gp-42634']);
    const forState = await (await as(state, `/api/campaign-items/${stateItem.id}`)).json();
    assert.equal(forState.posted.length, 2);
    const forBdo = await (await as(bdo, `/api/campaign-items/${item.id}`)).json();
    assert.deepEqual(forBdo.posted.map((m) => m.group_id), ['gp-42356'], 'the block officer sees the block');
    await assertApiError(await as(admin, `/api/campaign-items/${item.id}`), 403, 'forbidden');
  });
});
