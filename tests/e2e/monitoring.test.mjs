// Daily monitoring in Chromium: the nodal officer runs the draw, prepares the WhatsApp
// request and logs a call; the checks turn overdue at 18:00 (the worker's clock is moved
// by a header the test adds to every API request, honoured only because the test server
// runs with PRASAR_TEST_CLOCK); the PR officer reviews a reused screenshot shown side by
// side with the earlier one; the collector opens compliance and starts replacing an
// inactive admin with one tap. Screenshots go to target/e2e/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser } from '../lib/browser.mjs';
import { ROOT, startServer } from '../lib/server.mjs';
import { d1 } from '../lib/state.mjs';
import { adminSession, call, DEMO_PASSWORD } from '../lib/session.mjs';
import { chatDayPng } from '../lib/chat-screenshot.mjs';

const ARTIFACTS = join(ROOT, 'target/e2e');
mkdirSync(ARTIFACTS, { recursive: true });

// Today (IST) by the real clock: the app's day picker starts there.
const TODAY = new Date(Date.now() + 5.5 * 3600_000).toISOString().slice(0, 10);
const at = (hhmm) => Date.parse(`${TODAY}T${hhmm}+05:30`);

let server;
let browser;
let context;
let page;
let clock = at('09:05:00.000');
const pageErrors = [];
const one = (sql) => d1(server.persist, sql)[0];

before(async () => {
  [server, browser] = await Promise.all([startServer({ vars: { PRASAR_TEST_CLOCK: '1' } }), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hi-IN' });
  // Every API request carries the test's clock.
  await context.route('**/api/**', (route) =>
    route.continue({ headers: { ...route.request().headers(), 'x-prasar-test-now': String(clock) } }));
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e));
  page.on('dialog', (d) => d.accept());
});
after(async () => {
  await browser?.close();
  await server?.destroy();
});

async function shot(p, name, { fullPage = true } = {}) {
  if (fullPage) await p.evaluate(() => window.scrollTo(0, 0));
  await p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}

async function signIn(username) {
  await page.goto(`${server.url}/login`);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function signOut() {
  await context.clearCookies();
}

test('the nodal officer runs the draw, prepares the WhatsApp request and logs a call', async () => {
  await signIn('nodal.udaipur');
  await page.goto(`${server.url}/monitoring`);
  await page.locator('.empty').waitFor();
  assert.match(await page.locator('.empty').textContent(), /ड्रॉ अभी नहीं चला/);
  await page.locator('button.run-draw').click();
  await page.locator('li.check').first().waitFor();
  assert.equal(await page.locator('li.check').count(), 4);
  assert.equal(await page.locator('li.check .state.pending').count(), 4);
  assert.equal(d1(server.persist, `SELECT 1 FROM checks WHERE ist_day = '${TODAY}'`).length, 4);

  const card = page.locator('li.check').first();
  const checkId = await card.getAttribute('data-check-id');
  // Why this group: the recorded reason, in Hindi.
  await card.locator('details.why summary').click();
  assert.match(await card.locator('details.why p').textContent(), /दौर 1/);
  // Tap to call.
  assert.match(await card.locator('a.call').getAttribute('href'), /^tel:\+91[6-9]\d{9}$/);
  // The WhatsApp request with a fresh personal link.
  await card.locator('button.prepare-wa').click();
  await card.locator('.wa-request .message').waitFor();
  const message = await card.locator('.wa-request .message').textContent();
  assert.match(message, /^नमस्ते /);
  assert.match(message, /18:00 बजे तक/);
  const href = await card.locator('a.send-wa').getAttribute('href');
  assert.ok(href.startsWith('https://wa.me/91'), href);
  assert.ok(decodeURIComponent(href).includes('/a#'), 'the message carries the personal link');

  // A call with a hostile remark: stored and shown as text.
  const remark = '<img src=x onerror="window.__xss=1"> शाम 5 बजे तक भेजेंगे';
  await card.locator('.call-form button[type=submit]').click();
  assert.match(await card.locator('.call-form [role=alert]').textContent(), /परिणाम चुनें/);
  await card.locator('.call-form label.choice', { hasText: 'भेजने का वादा किया' }).locator('input').check();
  await card.locator('.call-form textarea.remark').fill(remark);
  clock = at('15:30:00.000');
  await card.locator('.call-form button[type=submit]').click();
  await card.locator('.calls li').first().waitFor();
  assert.match(await card.locator('.calls li .outcome').first().textContent(), /भेजने का वादा किया/);
  assert.equal(await card.locator('.calls li .remark').first().textContent(), remark);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'the remark is inert text');
  const row = one(`SELECT outcome, remark, called_at FROM check_calls WHERE check_id = '${checkId}'`);
  assert.deepEqual({ outcome: row.outcome, remark: row.remark }, { outcome: 'promised', remark });
  assert.ok(row.called_at.startsWith(`${TODAY}T15:30`), row.called_at);
  await shot(page, 'monitoring-checks-hi');
});

test('at 18:00 the checks are still pending; a millisecond later they are overdue', async () => {
  clock = at('18:00:00.000');
  await page.reload();
  await page.locator('li.check').first().waitFor();
  assert.equal(await page.locator('li.check .state.pending').count(), 4);
  clock = at('18:00:00.001');
  await page.reload();
  await page.locator('li.check').first().waitFor();
  assert.equal(await page.locator('li.check .state.overdue').count(), 4);
  assert.match(await page.locator('li.check .state.overdue').first().textContent(), /समय सीमा पार/);
  await page.locator('.bar .lang').click();
  await page.locator('li.check .state.overdue', { hasText: 'Overdue' }).first().waitFor();
  await shot(page, 'monitoring-checks-en');
  await page.locator('.bar .lang').click();
  await signOut();
});

test('the PR officer sees a reused screenshot beside the earlier one and records decisions', async () => {
  // Two screenshots of the same chat from one group: the second a re-take with another
  // status-bar clock (the phone's hash differs in one bit), sent an hour later.
  const render = await context.newPage();
  const first = await chatDayPng(render, { group: 'ग्राम पंचायत अलसीगढ़ सूचना समूह', day: 4 });
  const retake = await chatDayPng(render, { group: 'ग्राम पंचायत अलसीगढ़ सूचना समूह', day: 4, clock: '11:58' });
  await render.close();
  const officer = await (async () => {
    const res = await call(server.url, '/api/session/login', { method: 'POST', json: { username: 'collector.udaipur', password: DEMO_PASSWORD } });
    const me = await res.json();
    return { cookie: /prasar_session=[0-9a-f]{64}/.exec(res.headers.get('set-cookie'))[0], csrf: me.csrf_token };
  })();
  const admin = await adminSession(server.url, officer, 'gp-42356');
  const send = async (png, key, hhmm, phash) => {
    const headers = { 'X-Prasar-Test-Now': String(at(hhmm)) };
    const res = await call(server.url, '/api/groups/gp-42356/submissions', {
      session: admin, method: 'POST', headers, json: { client_key: key, image_count: 1, note: 'आज की पोस्ट' },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const { submission } = await res.json();
    const put = await call(server.url, `/api/submissions/${submission.id}/images/0`, {
      session: admin, method: 'PUT', body: png, headers: { ...headers, 'Content-Type': 'image/png', 'X-Prasar-Phash': phash },
    });
    assert.equal(put.status, 201, await put.clone().text());
    return submission.id;
  };
  const earlier = await send(first, 'e2e-mon-first-0001', '10:00:00.000', '3c3c3c3c5a5a5a5a');
  const reused = await send(retake, 'e2e-mon-retake-0001', '11:00:00.000', '3c3c3c3c5a5a5a5b');

  clock = at('12:00:00.000');
  await signIn('pr.udaipur');
  await page.goto(`${server.url}/monitoring/review`);
  const item = page.locator(`li.review-item[data-submission-id="${reused}"]`);
  await item.waitFor();
  assert.equal(await page.locator('li.review-item').count(), 2);
  const flag = item.locator('.flag.reused');
  await flag.waitFor();
  assert.match(await flag.textContent(), /पहले के एक स्क्रीनशॉट जैसा लगता है/);
  assert.equal(await flag.locator('.distance').textContent(), '1');
  // Both pictures, side by side, really loaded.
  const sizes = await flag.locator('.side-by-side img').evaluateAll((imgs) =>
    Promise.all(imgs.map((img) => img.decode().then(() => img.naturalWidth))));
  assert.deepEqual(sizes, [1080, 1080]);
  assert.ok((await flag.locator('figure.earlier img').getAttribute('src')).includes(earlier));
  await item.scrollIntoViewIfNeeded();
  await shot(page, 'monitoring-review-hi');

  // "Has issues" needs a remark: refused in the form, nothing stored.
  await item.locator('label.choice', { hasText: 'कमियाँ हैं' }).locator('input').check();
  await item.locator('form.decision button[type=submit]').click();
  assert.match(await item.locator('form.decision [role=alert]').textContent(), /ज़रूरी/);
  assert.equal(d1(server.persist, 'SELECT 1 FROM submission_reviews').length, 0);
  const remark = 'यह कल वाला स्क्रीनशॉट है <b>नया भेजें</b>';
  await item.locator('form.decision textarea.remark').fill(remark);
  await item.locator('form.decision button[type=submit]').click();
  await item.locator('form.decision .notice.ok').waitFor();
  assert.match(await item.locator('header .outcome').textContent(), /कमियाँ हैं/);
  // Then the decision is changed: history keeps both, newest first.
  await item.locator('label.choice', { hasText: 'अस्वीकृत' }).locator('input').check();
  await item.locator('form.decision textarea.remark').fill('पुराना स्क्रीनशॉट');
  await item.locator('form.decision button[type=submit]').click();
  await item.locator('header .outcome.rejected').waitFor();
  await item.locator('details.history summary').click();
  const history = await item.locator('details.history li .outcome').allTextContents();
  assert.deepEqual(history.map((t) => t.trim()), ['अस्वीकृत', 'कमियाँ हैं']);
  assert.equal(await item.locator('details.history li .remark').nth(1).textContent(), remark);
  const rows = d1(server.persist, `SELECT outcome, remark FROM submission_reviews WHERE submission_id = '${reused}' ORDER BY id`);
  assert.deepEqual(rows, [{ outcome: 'has_issues', remark }, { outcome: 'rejected', remark: 'पुराना स्क्रीनशॉट' }]);

  // The earlier one is verified; the pending queue is then empty.
  const other = page.locator(`li.review-item[data-submission-id="${earlier}"]`);
  await other.locator('label.choice', { hasText: 'सत्यापित' }).locator('input').check();
  await other.locator('form.decision button[type=submit]').click();
  await other.locator('header .outcome.verified').waitFor();
  await page.reload();
  await page.locator('.review-page .empty').waitFor();

  // The admin sees the outcome and remark on their side.
  const mine = await (await call(server.url, '/api/my/submissions', { session: admin })).json();
  const entry = mine.items.find((i) => i.id === reused);
  assert.deepEqual({ outcome: entry.outcome, remark: entry.remark }, { outcome: 'rejected', remark: 'पुराना स्क्रीनशॉट' });
  await signOut();
});

test('the collector reads compliance and starts replacing an inactive admin with one tap', async () => {
  clock = at('19:00:00.000');
  await signIn('collector.udaipur');
  await page.goto(`${server.url}/monitoring/compliance`);
  await page.locator('table.compliance tr.level-district').waitFor();
  assert.match(await page.locator('table.compliance tr.level-district').textContent(), /उदयपुर/);
  await page.locator('select.period').selectOption('day');
  await page.locator('input.show-units').check();
  await page.locator('table.compliance tr.level-unit[data-id="gp-42356"]').waitFor();
  // gp-42356 sent two reports today; one was rejected, the other counts: 1 of 1, on time,
  // none of it self-reported (a screenshot, not a chat export).
  const cells = await page.locator('table.compliance tr.level-unit[data-id="gp-42356"] td').allTextContents();
  assert.deepEqual(cells.slice(0, 5), ['1', '1', '0', '100.0 %', '100.0 %']);
  await shot(page, 'monitoring-compliance-hi');

  await page.goto(`${server.url}/monitoring/inactive`);
  await page.locator('li.inactive-admin').first().waitFor();
  assert.equal(await page.locator('li.inactive-admin[data-group-id="gp-42356"]').count(), 0, 'submitted today');
  const row = page.locator('li.inactive-admin').first();
  const groupId = await row.getAttribute('data-group-id');
  const before = one(`SELECT admin_id FROM assignments WHERE group_id = '${groupId}' AND ended_at IS NULL`).admin_id;
  assert.equal(await page.locator('li.inactive-admin').count(), 50, 'the first 50 of a long list');
  const total = Number(await page.locator('.inactive-page .summary .count').textContent());
  assert.ok(total > 500, `${total} admins without a submission in the demo seed`);
  await row.locator('button.replace').click();
  await page.locator('#new-admin-name').waitFor({ state: 'visible' });
  await shot(page, 'monitoring-inactive-hi', { fullPage: false });
  await page.fill('#new-admin-name', 'राधा मीणा');
  await page.fill('#new-admin-mobile', '98290 44444');
  await page.locator('#end-reason').selectOption('inactive');
  await page.locator('details.panel form button[type=submit]').click();
  await page.locator('.inactive-page .notice.ok').filter({ hasText: /\S/ }).waitFor();
  const after = one(`SELECT a.admin_id, ad.name FROM assignments a JOIN admins ad ON ad.id = a.admin_id WHERE a.group_id = '${groupId}' AND a.ended_at IS NULL`);
  assert.notEqual(after.admin_id, before);
  assert.equal(after.name, 'राधा मीणा');
  assert.equal(one(`SELECT end_reason FROM assignments WHERE group_id = '${groupId}' AND admin_id = '${before}'`).end_reason, 'inactive');
  // The new admin has not been silent for 7 days: off the list.
  await page.locator(`li.inactive-admin[data-group-id="${groupId}"]`).waitFor({ state: 'detached' });
  // No dead end: the group and its new admin stay in view, with their personal link.
  const card = page.locator(`.replaced-admin[data-group-id="${groupId}"]`);
  await card.waitFor();
  assert.equal(await card.locator('.admin-name').textContent(), 'राधा मीणा');
  assert.equal(await card.locator(`a[href="/groups/${groupId}"]`).count(), 1);
  await card.locator('button.issue-link').click();
  await card.locator('.issued-link img.qr').waitFor();
  assert.match(await card.locator('#personal-link').inputValue(), /\/a#[0-9a-f]{64}$/);
  assert.match(await card.locator('a.whatsapp').getAttribute('href'), /^https:\/\/wa\.me\/919829044444\?text=/);
  assert.equal(one(`SELECT count(*) AS n FROM admin_links l WHERE l.admin_id = '${after.admin_id}' AND l.revoked_at IS NULL`).n, 1);
  await shot(page, 'monitoring-replaced-hi', { fullPage: false });
  assert.deepEqual(pageErrors, []);
});
