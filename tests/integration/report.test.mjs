// The admin's daily report (submission v2): one JSON request creates it, each screenshot
// arrives by its own idempotent PUT; the personal link /a/<token> and the no-JavaScript
// form /f. Real workerd, real local D1 and R2.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { d1Execute, startServer } from '../lib/server.mjs';
import { d1, r2Objects } from '../lib/state.mjs';
import { makePng } from '../lib/images.mjs';
import { adminSession, call, issueLink, login } from '../lib/session.mjs';
import { istAt, istDay as istToday, testNow } from '../lib/clock.mjs';
import { sendOversize } from '../lib/oversize.mjs';

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

let server;
let collector;
let admin; // Alsigarh GP (gp-42356)
let other; // ward 2 of Udaipur MC
before(async () => {
  server = await startServer();
  collector = await login(server.url, 'collector.udaipur');
  admin = await adminSession(server.url, collector, 'gp-42356');
  other = await adminSession(server.url, collector, 'ward-udaipur-mc-2');
  // Campaign items: one for Girwa block (Alsigarh's block), one withdrawn, one for
  // Salumbar district (another district's).
  const day = istToday();
  await d1Execute(server.persist, `INSERT INTO campaign_items (id, area_id, state_id, district_id, title_hi, starts_on, ends_on, created_by, created_at, withdrawn_at) VALUES
    ('ci-girwa', 'block-1378', 'state-08', 'district-108', 'गिर्वा अभियान', '${day}', '${day}', 'test', '${day}T09:00:00+05:30', NULL),
    ('ci-withdrawn', 'district-108', 'state-08', 'district-108', 'वापस लिया', '${day}', '${day}', 'test', '${day}T09:00:00+05:30', '${day}T10:00:00+05:30'),
    ('ci-salumbar', 'district-salumbar', 'state-08', 'district-salumbar', 'सलूम्बर', '${day}', '${day}', 'test', '${day}T09:00:00+05:30', NULL)`);
});
after(async () => { await server?.destroy(); });

const createReport = (group, json, session = admin) =>
  call(server.url, `/api/groups/${group}/submissions`, { session, method: 'POST', json });
const putImage = (id, position, body, headers = {}, session = admin) =>
  call(server.url, `/api/submissions/${id}/images/${position}`, { session, method: 'PUT', body, headers });
let keyCounter = 0;
const newKey = () => `report-test-${testNow()}-${keyCounter++}`;

function counts() {
  const n = (sql) => d1(server.persist, sql)[0].n;
  return {
    reports: n('SELECT count(*) AS n FROM submissions'),
    images: n('SELECT count(*) AS n FROM submission_images'),
    marks: n('SELECT count(*) AS n FROM submission_campaign_items'),
    memberCounts: n('SELECT count(*) AS n FROM member_counts'),
    audit: n('SELECT count(*) AS n FROM audit_log'),
    objects: r2Objects(server.persist).length,
  };
}

async function assertApiError(res, status, code) {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${text}`);
  const body = JSON.parse(text);
  assert.equal(body.code, code);
  assert.match(body.message_hi, /[\u0900-\u097F]/, 'Hindi message in Devanagari');
  assert.ok(body.message_en.length > 10);
}

describe('a report with two screenshots', () => {
  test('create, upload each image, retry everything: one report, two images', async () => {
    const key = newKey();
    const body = {
      client_key: key, image_count: 2, member_count: 950,
      campaign_item_ids: ['ci-girwa', 'ci-withdrawn', 'ci-salumbar', 'ci-made-up'],
      note: '<script>alert(1)</script> आज दो पोस्ट', client_created_at_ms: testNow() - 60_000,
    };
    const before = counts();
    const res = await createReport('gp-42356', body);
    assert.equal(res.status, 201, await res.clone().text());
    const { created, submission: s } = await res.json();
    assert.equal(created, true);
    assert.equal(s.image_count, 2);
    assert.deepEqual(s.images, []);
    assert.equal(s.member_count, 950);
    assert.deepEqual(s.campaign_item_ids, ['ci-girwa'], 'only the item targeting the group is marked');
    assert.equal(s.note, '<script>alert(1)</script> आज दो पोस्ट', 'stored as text; the app renders it inert');
    assert.equal(s.channel, 'app');
    assert.equal(s.ist_day, istToday());

    const again = await createReport('gp-42356', body);
    assert.equal(again.status, 200);
    assert.equal((await again.json()).submission.id, s.id);

    const first = makePng(300, 600, { noise: true });
    const second = makePng(320, 640, { noise: true });
    // Taken earlier the same IST day: an hour ago, but never before today's midnight
    // (at 00:05 an hour ago is yesterday, which would rightly add a capture-day flag).
    const capturedAt = Math.max(istAt(istToday(), '00:00'), testNow() - 3600_000);
    const headers = { 'X-Prasar-Phash': '00ff00ff00ff00ff', 'X-Prasar-Captured-At': String(capturedAt) };
    const put0 = await putImage(s.id, 0, first, headers);
    assert.equal(put0.status, 201, await put0.clone().text());
    const after0 = (await put0.json()).submission;
    assert.equal(after0.images.length, 1);
    assert.equal(after0.images[0].phash, '00ff00ff00ff00ff');
    assert.equal(after0.images[0].sha256, sha256(first));
    // The same bytes again (a retry after a lost answer) change nothing.
    const retry = await putImage(s.id, 0, first, headers);
    assert.equal(retry.status, 200);
    assert.equal((await retry.json()).created, false);
    // Different bytes for a stored place are refused.
    await assertApiError(await putImage(s.id, 0, second), 409, 'image_already_stored');
    const put1 = await putImage(s.id, 1, second);
    assert.equal(put1.status, 201);
    const done = (await put1.json()).submission;
    assert.deepEqual(done.images.map((i) => [i.position, i.width, i.height]), [[0, 300, 600], [1, 320, 640]]);
    assert.equal(done.images[1].phash, null);

    const after = counts();
    assert.deepEqual(
      { reports: after.reports - before.reports, images: after.images - before.images, marks: after.marks - before.marks,
        memberCounts: after.memberCounts - before.memberCounts, objects: after.objects - before.objects, audit: after.audit - before.audit },
      { reports: 1, images: 2, marks: 1, memberCounts: 1, objects: 2, audit: 3 });
    const rows = d1(server.persist, `SELECT position, r2_key, bytes FROM submission_images WHERE submission_id = '${s.id}' ORDER BY position`);
    const objects = r2Objects(server.persist);
    for (const row of rows) {
      assert.ok(row.r2_key.startsWith(`screenshots/${s.ist_day}/gp-42356/${s.id}/${row.position}-`));
      assert.equal(objects.find((o) => o.key === row.r2_key)?.size, row.bytes);
    }
    const [mc] = d1(server.persist, "SELECT member_count, reported_by FROM member_counts WHERE group_id = 'gp-42356' ORDER BY id DESC LIMIT 1");
    assert.equal(mc.member_count, 950);
    assert.match(mc.reported_by, /^admin:/);

    // The collector reads it; the images are served back byte for byte.
    const seen = await (await call(server.url, `/api/submissions/${s.id}`, { session: collector })).json();
    assert.equal(seen.images.length, 2);
    const img = await call(server.url, seen.images[1].image_url, { session: collector });
    assert.equal(sha256(Buffer.from(await img.arrayBuffer())), sha256(second));
    // The admin may see their own screenshots; another admin may not.
    assert.equal((await call(server.url, seen.images[0].image_url, { session: admin })).status, 200);
    await assertApiError(await call(server.url, seen.images[0].image_url, { session: other }), 404, 'submission_not_found');
    const list = await (await call(server.url, '/api/submissions', { session: collector })).json();
    assert.equal(list.submissions.filter((x) => x.id === s.id).length, 1);
  });
});

describe('hostile reports store nothing', () => {
  let baseline;
  let report; // a valid one-image report created before the baseline
  before(async () => {
    report = (await (await createReport('gp-42356', { client_key: newKey(), image_count: 1 })).json()).submission;
    baseline = counts();
  });
  after(() => { assert.deepEqual(counts(), baseline, 'D1 and R2 unchanged by rejected requests'); });

  test('wrong types and impossible values', async () => {
    await assertApiError(await createReport('gp-42356', { client_key: newKey(), image_count: 'two' }), 400, 'invalid_json');
    await assertApiError(await createReport('gp-42356', { image_count: 1 }), 400, 'invalid_json');
    await assertApiError(await createReport('gp-42356', { client_key: newKey(), image_count: 0 }), 422, 'invalid_image_count');
    await assertApiError(await createReport('gp-42356', { client_key: newKey(), image_count: 6 }), 422, 'invalid_image_count');
    await assertApiError(await createReport('gp-42356', { client_key: newKey(), image_count: 300 }), 400, 'invalid_json');
    await assertApiError(await createReport('gp-42356', { client_key: 'x', image_count: 1 }), 400, 'invalid_idempotency_key');
    await assertApiError(await createReport('gp-42356', { client_key: newKey(), image_count: 1, member_count: 5000 }), 422, 'invalid_member_count');
    await assertApiError(await createReport('gp-42356', { client_key: newKey(), image_count: 1, member_count: -1 }), 400, 'invalid_json');
    await assertApiError(await createReport('gp-42356', { client_key: newKey(), image_count: 1, note: 'x'.repeat(1001) }), 422, 'invalid_text');
    await assertApiError(await createReport('gp-42356', { client_key: newKey(), image_count: 1, note: 'a\u202eb' }), 422, 'invalid_text');
    await assertApiError(await createReport('gp-42356', { client_key: newKey(), image_count: 1, campaign_item_ids: ["x' OR 1=1"] }), 422, 'invalid_campaign_items');
    await assertApiError(await call(server.url, '/api/groups/gp-42356/submissions',
      { session: admin, method: 'POST', body: '{"client_key":', headers: { 'Content-Type': 'application/json' } }), 400, 'invalid_json');
    await assertApiError(await call(server.url, '/api/groups/gp-42356/submissions',
      { session: admin, method: 'POST', body: JSON.stringify({ client_key: newKey(), image_count: 1, note: 'y'.repeat(20_000) }),
        headers: { 'Content-Type': 'application/json' } }), 413, 'upload_too_large');
  });

  test('other groups, other admins, officials', async () => {
    const key = newKey();
    await assertApiError(await createReport('gp-42634', { client_key: key, image_count: 1 }), 404, 'group_not_found');
    await assertApiError(await createReport('ward-udaipur-mc-2', { client_key: key, image_count: 1 }), 404, 'group_not_found');
    await assertApiError(await createReport('gp-42356', { client_key: key, image_count: 1 }, collector), 403, 'forbidden');
    await assertApiError(await putImage(report.id, 0, makePng(8, 8), {}, other), 404, 'submission_not_found');
    await assertApiError(await putImage(report.id, 0, makePng(8, 8), {}, collector), 403, 'forbidden');
    await assertApiError(await putImage('00000000-0000-4000-8000-000000000000', 0, makePng(8, 8)), 404, 'submission_not_found');
    await assertApiError(await putImage('..%2F..%2Fetc', 0, makePng(8, 8)), 404, 'submission_not_found');
  });

  test('bad images and headers', async () => {
    await assertApiError(await putImage(report.id, 1, makePng(8, 8)), 400, 'invalid_image_position');
    await assertApiError(await putImage(report.id, 'x', makePng(8, 8)), 400, 'invalid_image_position');
    await assertApiError(await putImage(report.id, '00', makePng(8, 8)), 400, 'invalid_image_position');
    await assertApiError(await putImage(report.id, 0, 'not an image'), 415, 'unsupported_image_type');
    const png = makePng(200, 150, { noise: true });
    await assertApiError(await putImage(report.id, 0, png.subarray(0, png.length - 10)), 422, 'truncated_image');
    await assertApiError(await putImage(report.id, 0, png, { 'X-Prasar-Phash': '<script>' }), 400, 'invalid_phash');
    await assertApiError(await putImage(report.id, 0, png, { 'X-Prasar-Captured-At': 'yesterday' }), 400, 'invalid_captured_at');
    await assertApiError(await putImage(report.id, 0, png, { 'X-Prasar-Captured-At': String(testNow() + 7 * 86_400_000) }), 400, 'invalid_captured_at');
    await assertApiError(await sendOversize(server.url, `/api/submissions/${report.id}/images/0`,
      { method: 'PUT', session: admin, headers: { 'Content-Type': 'image/png' }, declared: 11_000_000 }), 413, 'upload_too_large');
  });
});

describe('an admin who no longer administers the group', () => {
  test('cannot add to a report or start a new one', async () => {
    const old = await adminSession(server.url, collector, 'gp-42370');
    const { submission } = await (await createReport('gp-42370', { client_key: newKey(), image_count: 2 }, old)).json();
    assert.equal((await putImage(submission.id, 0, makePng(10, 10), {}, old)).status, 201);
    const replaced = await call(server.url, '/api/groups/gp-42370/replace-admin', {
      session: collector, method: 'POST',
      json: { new_admin: { name: 'नया एडमिन', mobile: '+91 70000 55555', designation: '', department: '' }, end_reason: 'transferred', end_note: '' },
    });
    assert.equal(replaced.status, 200, await replaced.clone().text());
    const before = counts();
    const res = await putImage(submission.id, 1, makePng(12, 12), {}, old);
    assert.ok([401, 404].includes(res.status), `got ${res.status}`);
    assert.deepEqual(counts(), before);
  });
});

describe('the personal link without JavaScript', () => {
  /** GET /f without a session: the code sign-in form, its hidden value and cookie. */
  async function signInForm() {
    const res = await fetch(`${server.url}/f`, { redirect: 'manual' });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /action="\/f\/sign-in"/);
    const cookie = res.headers.get('set-cookie');
    assert.match(cookie, /^prasar_form=[0-9a-f]{64}; Path=\/f; HttpOnly; SameSite=Strict/);
    return { value: /name="form" value="([0-9a-f]{64})"/.exec(html)[1], cookie: cookie.split(';')[0] };
  }
  const signIn = (code, { value, cookie }, headers = {}) => fetch(`${server.url}/f/sign-in`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body: new URLSearchParams({ form: value, code }).toString(),
  });

  test('the link is /a#<token>: the token never travels in a request line', async () => {
    const { link, token } = await issueLink(server.url, collector, 'gp-42356');
    assert.match(link.url, /\/a#[0-9a-f]{64}$/);
    assert.ok(!link.url.includes(`/a/${token}`));
    assert.ok(link.message_hi.includes(`${new URL(link.url).origin}/f`), 'the message says where to paste the code');
  });

  test('the code signs in at /f/sign-in with a safe cookie, from our own form only', async () => {
    const { link, token } = await issueLink(server.url, collector, 'gp-42356');
    const form = await signInForm();
    // Another site's form: no form cookie (SameSite=Strict), or a foreign Origin.
    const before = counts();
    for (const res of [
      await signIn(token, { value: form.value }),
      await signIn(token, form, { Origin: 'https://evil.example' }),
      await signIn(token, { ...form, value: '0'.repeat(64) }),
    ]) {
      assert.equal(res.status, 403);
      assert.equal(res.headers.get('set-cookie')?.includes('prasar_session=') ?? false, false);
    }
    assert.deepEqual(counts(), before);
    // The whole link pasted works as well as the bare code.
    const res = await signIn(link.url, form);
    assert.equal(res.status, 303, await res.clone().text());
    assert.equal(res.headers.get('location'), '/f');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('prasar_session='));
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const me = await (await fetch(`${server.url}/api/session`, { headers: { Cookie: cookie.split(';')[0] } })).json();
    assert.equal(me.kind, 'group_admin');
    const page = await (await fetch(`${server.url}/f`, { headers: { Cookie: cookie.split(';')[0] } })).text();
    assert.match(page, /name="screenshot"/, 'signed in: the upload form');
  });

  test('a wrong or hostile code gets the bilingual form again, no session', async () => {
    const form = await signInForm();
    for (const code of ['0'.repeat(64), '<script>alert(1)</script>', '', 'x'.repeat(5000)]) {
      const res = await signIn(code, form);
      assert.ok([401, 413].includes(res.status), `${code.slice(0, 10)}: ${res.status}`);
      assert.equal(res.headers.getSetCookie().some((c) => c.startsWith('prasar_session=')), false);
      const html = await res.text();
      assert.match(html, /व्यक्तिगत/);
      assert.ok(!html.includes('<script>alert'), 'nothing reflected unescaped');
    }
  });

  test('a retired /a/<token> link signs nobody in and is revoked: its token has been in a log', async () => {
    const { token, adminId } = await issueLink(server.url, collector, 'gp-42356');
    const res = await fetch(`${server.url}/a/${token}`, { redirect: 'manual' });
    assert.equal(res.status, 410);
    assert.equal(res.headers.get('set-cookie'), null);
    assert.match(await res.text(), /नया व्यक्तिगत लिंक/);
    const exchange = await call(server.url, '/api/session/admin-link', { method: 'POST', json: { token } });
    assert.equal(exchange.status, 401, 'the exposed token no longer works anywhere');
    const [audit] = d1(server.persist, `SELECT actor FROM audit_log WHERE action = 'admin.link_revoke_exposed' AND entity_id = '${adminId}'`);
    assert.equal(audit.actor, 'system:link_exposed');
    for (const bad of ['0'.repeat(64), '<script>alert(1)</script>', '']) {
      const r = await fetch(`${server.url}/a/${encodeURIComponent(bad)}`, { redirect: 'manual' });
      assert.equal(r.status, 410, bad);
      assert.equal(r.headers.get('set-cookie'), null);
      assert.ok(!(await r.text()).includes('<script>alert'));
    }
  });
});

describe('the plain form /f', () => {
  async function formPage(session) {
    const res = await fetch(`${server.url}/f`, { headers: { Cookie: session.cookie } });
    assert.equal(res.status, 200);
    const html = await res.text();
    return {
      html,
      csrf: /name="csrf" value="([^"]+)"/.exec(html)[1],
      key: /name="client_key" value="([^"]+)"/.exec(html)[1],
    };
  }
  function post(session, fields, files, headers = {}) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const [name, bytes, type] of files) form.append('screenshot', new Blob([bytes], { type }), name);
    return fetch(`${server.url}/f`, { method: 'POST', body: form, redirect: 'manual', headers: { Cookie: session.cookie, ...headers } });
  }

  test('two screenshots, member count and a note: stored once however often it is sent', async () => {
    const { html, csrf, key } = await formPage(admin);
    assert.match(html, /<option value="gp-42356">/);
    assert.ok(!html.includes('ward-udaipur-mc-2'), 'only the admin\'s own groups');
    const fields = { csrf, client_key: key, group: 'gp-42356', member_count: '1001', note: '<img src=x onerror=alert(1)>' };
    const files = [['a.png', makePng(50, 90), 'image/png'], ['b.png', makePng(60, 90), 'image/png']];
    const res = await post(admin, fields, files);
    assert.equal(res.status, 303, await res.clone().text());
    const location = res.headers.get('location');
    assert.match(location, /^\/f\?sent=[0-9a-f-]{36}$/);
    const again = await post(admin, fields, files);
    assert.equal(again.headers.get('location'), location, 'a double tap stores one submission');
    const id = location.split('=')[1];
    const [row] = d1(server.persist, `SELECT channel, image_count, member_count, note, (SELECT count(*) FROM submission_images WHERE submission_id = s.id) AS images FROM submissions s WHERE id = '${id}'`);
    assert.deepEqual(row, { channel: 'form', image_count: 2, member_count: 1001, note: '<img src=x onerror=alert(1)>', images: 2 });
    const sent = await (await fetch(`${server.url}${location}`, { headers: { Cookie: admin.cookie } })).text();
    assert.match(sent, /मिल गया/);
    assert.match(sent, /2\/2/);
  });

  test('bad files, too many files, a missing token: a translated page and nothing stored', async () => {
    const { csrf, key } = await formPage(admin);
    const before = counts();
    const fields = { csrf, client_key: key, group: 'gp-42356' };
    const text = await post(admin, fields, [['x.png', Buffer.from('not an image'), 'image/png']]);
    assert.equal(text.status, 415);
    const page = await text.text();
    assert.match(page, /PNG, JPEG या WebP/);
    assert.match(page, /name="csrf"/, 'the form is shown again');
    const png = makePng(20, 20);
    const six = Array.from({ length: 6 }, (_, i) => [`${i}.png`, png, 'image/png']);
    assert.equal((await post(admin, fields, six)).status, 422);
    // One good and one truncated: neither is stored.
    const noisy = makePng(100, 100, { noise: true });
    assert.equal((await post(admin, fields, [['ok.png', png, 'image/png'], ['cut.png', noisy.subarray(0, 500), 'image/png']])).status, 422);
    assert.equal((await post(admin, { ...fields, csrf: 'forged' }, [['ok.png', png, 'image/png']])).status, 403);
    assert.equal((await post(admin, fields, [['ok.png', png, 'image/png']], { Origin: 'https://evil.example' })).status, 403);
    assert.equal((await post(admin, { ...fields, group: 'gp-42634' }, [['ok.png', png, 'image/png']])).status, 404);
    assert.equal((await post(admin, { ...fields, member_count: 'lots' }, [['ok.png', png, 'image/png']])).status, 422);
    const anonymous = await fetch(`${server.url}/f`, { method: 'POST', body: new FormData(), redirect: 'manual' });
    assert.equal(anonymous.status, 401);
    assert.deepEqual(counts(), before);
  });
});
