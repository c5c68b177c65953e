// End to end in Debian's Chromium at a phone's size (412×915, touch): an admin uploads a
// screenshot on the submit page; it appears on the dashboard. Screenshots of both pages
// are saved under target/e2e/ as artifacts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser } from '../lib/browser.mjs';
import { chatScreenshotPng } from '../lib/chat-screenshot.mjs';
import { ROOT, startServer } from '../lib/server.mjs';
import { d1, r2Objects } from '../lib/state.mjs';
import { DEMO_PASSWORD, issueLink, login } from '../lib/session.mjs';

const ARTIFACTS = join(ROOT, 'target/e2e');
mkdirSync(ARTIFACTS, { recursive: true });
async function shot(page, name) {
  // Full-page captures of a scrolled page draw the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

let server;
let browser;
let context; // the group admin's phone
let office; // the collector's desktop
before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  context = await browser.newContext({
    viewport: { width: 412, height: 915 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'hi-IN',
  });
  office = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hi-IN' });
  // The admin of Alsigarh opens the personal link the collector sent on WhatsApp.
  const collector = await login(server.url, 'collector.udaipur');
  const { link } = await issueLink(server.url, collector, 'gp-42356');
  const page = await context.newPage();
  await page.goto(link.url);
  await page.waitForURL('**/submit');
  assert.ok(!page.url().includes('#'), 'the token is cleared from the address bar');
  await page.close();
});
after(async () => {
  await browser?.close();
  await server?.destroy();
});

async function openSubmitPage() {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${server.url}/submit`);
  await page.locator('#group option[value="gp-42356"]').waitFor({ state: 'attached' });
  return { page, errors };
}

/** Sets the interface language with the switch (the choice is remembered per browser). */
async function useLanguage(page, code) {
  if ((await page.locator('html').getAttribute('lang')) !== code) await page.locator('button.lang').tap();
  assert.equal(await page.locator('html').getAttribute('lang'), code);
}

test('an admin uploads a screenshot and the dashboard shows it', async () => {
  const { page, errors } = await openSubmitPage();
  // The admin's phone downloads only the small admin bundle, not the officials' app.
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
  assert.ok(loaded.includes('/pkg/prasar_admin_bg.wasm'), loaded.join(' '));
  assert.ok(!loaded.some((p) => p.startsWith('/pkg/prasar_app')), loaded.join(' '));
  // Hindi is the default language; the admin's only group is chosen for them.
  assert.equal(await page.locator('html').getAttribute('lang'), 'hi');
  assert.equal(await page.locator('h1').textContent(), 'आज का स्क्रीनशॉट');
  assert.equal(await page.locator('#group').inputValue(), 'gp-42356');

  const png = await chatScreenshotPng(page);
  await page.setInputFiles('#screenshots', { name: 'Screenshot_WhatsApp.png', mimeType: 'image/png', buffer: png });
  await page.locator('.thumbs img').waitFor();
  await shot(page, 'submit-hi-filled');

  // A 3G-like uplink (100 kbps here, 150 ms RTT) so the upload takes seconds and the
  // queue must show its progress.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 100_000 / 8,
  });
  await page.locator('button[type=submit]').tap();
  const sending = page.locator('.queue-entry[data-state="sending"]');
  await sending.waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => Number(document.querySelector('.queue-entry.sending progress')?.value) > 0);
  // The form was emptied when the report went into the outbox: a second tap sends nothing.
  await page.locator('button[type=submit]').tap();
  assert.equal(await page.locator('.form-error').textContent(), 'पहले स्क्रीनशॉट चुनें।');
  const sent = page.locator('.queue-entry[data-state="sent"]');
  await sent.waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('.queue-entry').count(), 1, 'one report, no double submit');
  assert.match(await sent.textContent(), /पहुँच गया/);
  const id = await sent.getAttribute('data-submission-id');
  await shot(page, 'submit-hi-sent');

  const [row] = d1(server.persist, `SELECT * FROM submissions s JOIN submission_images i ON i.submission_id = s.id WHERE s.id = '${id}'`);
  assert.equal(row.group_id, 'gp-42356');
  // Compressed on the phone: WebP, longest side 1280 px, a fraction of the PNG.
  assert.equal(row.content_type, 'image/webp');
  assert.equal([row.width, row.height].join('x'), '576x1280');
  assert.ok(row.bytes < png.length / 3, `${row.bytes} B from ${png.length} B`);
  assert.match(row.phash, /^[0-9a-f]{16}$/);
  assert.ok(r2Objects(server.persist).some((o) => o.key === row.r2_key && o.size === row.bytes));

  // The collector signs in on the office desktop and opens the dashboard.
  const dash = await office.newPage();
  await dash.goto(`${server.url}/login`);
  await dash.fill('#username', 'collector.udaipur');
  await dash.fill('#password', DEMO_PASSWORD);
  await dash.locator('button[type=submit]').click();
  await dash.waitForURL((u) => !u.pathname.startsWith('/login'));
  await dash.goto(`${server.url}/dashboard`);
  const card = dash.locator(`li.shot[data-submission-id="${id}"]`);
  await card.waitFor();
  // The LGD list has no Hindi names for GPs; the English name stands in until one is added.
  assert.match(await card.textContent(), /Alsigarh.*ग्राम पंचायत/);
  assert.equal(await dash.locator('.summary .count').textContent(), '1');
  const img = card.locator('img');
  await img.evaluate((el) => (el.complete ? null : new Promise((r) => { el.onload = r; el.onerror = r; })));
  assert.equal(await img.evaluate((el) => el.naturalWidth), 576, 'thumbnail loaded from R2 via the worker');
  await shot(dash, 'dashboard-hi');

  // The switch turns every label to English, and the choice survives a reload.
  await dash.locator('button.lang').click();
  await dash.locator('h1', { hasText: "Today's submissions" }).waitFor();
  assert.match(await card.textContent(), /Alsigarh/);
  await dash.reload();
  await dash.locator('h1', { hasText: "Today's submissions" }).waitFor();
  assert.equal(await dash.locator('html').getAttribute('lang'), 'en');
  await shot(dash, 'dashboard-en');
  assert.deepEqual(errors, []);
});

test('a file that is not an image gets a clear error in Hindi and in English, and stores nothing', async () => {
  const before = d1(server.persist, 'SELECT count(*) AS n FROM submissions')[0].n;
  const { page } = await openSubmitPage();
  // The outbox as IndexedDB holds it: the rendered list is filled in asynchronously.
  const outboxSize = () => page.evaluate(async () => (await self.PrasarOutbox.list()).length);
  await page.waitForFunction(() => self.PrasarOutbox);
  const queued = await outboxSize();
  await useLanguage(page, 'hi');
  assert.equal(await page.locator('#group option[value="ward-udaipur-mc-1"]').count(), 0, 'only the admin\'s own group');
  await page.setInputFiles('#screenshots', {
    name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('this is a text file, not a PNG'),
  });
  const alert = page.locator('.picker [role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /यह फ़ाइल चित्र नहीं है/);
  await shot(page, 'submit-hi-error');
  await useLanguage(page, 'en');
  assert.match(await alert.textContent(), /This file is not a picture/);
  await page.locator('button[type=submit]').tap();
  assert.equal(await page.locator('form .form-error').textContent(), 'Choose a screenshot first.');
  assert.equal(await outboxSize(), queued, 'nothing queued');
  assert.equal(await page.locator('.queue-entry:not(.sent)').count(), 0, 'nothing waits to be sent');
  assert.equal(d1(server.persist, 'SELECT count(*) AS n FROM submissions')[0].n, before);
});

test('submitting without a file explains what is missing', async () => {
  const { page } = await openSubmitPage();
  await useLanguage(page, 'en');
  await page.locator('button[type=submit]').tap();
  assert.equal(await page.locator('form [role=alert]').textContent(), 'Choose a screenshot first.');
});
