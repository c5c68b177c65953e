// An official's day in the registry, in Chromium: sign in (and a refused password),
// the Udaipur hierarchy, a group page, replacing its admin, a new personal link that the
// new admin opens on a phone, an import with preview and apply, and signing out.
// Screenshots go to target/e2e/ (Hindi, the default, and English).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser } from '../lib/browser.mjs';
import { ROOT, startServer } from '../lib/server.mjs';
import { d1 } from '../lib/state.mjs';
import { DEMO_PASSWORD } from '../lib/session.mjs';

const ARTIFACTS = join(ROOT, 'target/e2e');
mkdirSync(ARTIFACTS, { recursive: true });

let server;
let browser;
let office;
let page;
const pageErrors = [];

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  office = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hi-IN' });
  page = await office.newPage();
  page.on('pageerror', (e) => pageErrors.push(e));
  page.on('dialog', (d) => d.accept());
});
after(async () => {
  await browser?.close();
  await server?.destroy();
});

async function shot(p, name) {
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function signIn(p, password) {
  await p.goto(`${server.url}/login`);
  await p.fill('#username', 'collector.udaipur');
  await p.fill('#password', password);
  await p.locator('form button[type=submit]').click();
}

test('a wrong password is refused in Hindi; the right one opens the registry', async () => {
  await signIn(page, 'not-the-password');
  const alert = page.locator('[role=alert]');
  await alert.first().waitFor();
  assert.match(await alert.first().textContent(), /पासवर्ड गलत है/);
  await signIn(page, DEMO_PASSWORD);
  await page.waitForURL('**/registry**');
  await page.locator('.units .unit-row').first().waitFor();
  assert.equal(await page.locator('.units .unit-row').count(), 19, '16 blocks and 3 urban bodies');
  assert.match(await page.locator('.unit-head').textContent(), /उदयपुर/);
  await shot(page, 'registry-district-hi');
});

test('drilling down to a block shows its gram panchayats and flags groups without an admin', async () => {
  await page.goto(`${server.url}/registry/block-1378`);
  await page.locator('.units .unit-row').first().waitFor();
  assert.equal(await page.locator('.units .unit-row').count(), 37);
  assert.ok(await page.locator('.units .unit-row.no-admin').count() >= 1, 'Bachhar has no admin in the seed');
  await shot(page, 'registry-girwa-hi');
});

test('replacing an admin and sending the new admin a personal link', async () => {
  await page.goto(`${server.url}/groups/gp-42356`);
  await page.locator('.admin-card').waitFor();
  const oldName = (await page.locator('.admin-card').textContent()).trim();
  assert.match(oldName, /Demo Admin/);
  await shot(page, 'group-hi');

  const panel = page.locator('details.panel', { has: page.locator('#end-reason') });
  await panel.locator('summary').click();
  await page.fill('#new-admin-name', 'सीता देवी');
  await page.fill('#new-admin-mobile', '98290 55555');
  await page.fill('#new-admin-designation', 'पटवारी');
  await page.selectOption('#end-reason', 'transferred');
  await page.fill('#end-note', 'तबादला');
  await panel.locator('button[type=submit]').click();
  await page.locator('.admin-card', { hasText: 'सीता देवी' }).waitFor();
  const [open] = d1(server.persist, "SELECT a.name FROM assignments s JOIN admins a ON a.id = s.admin_id WHERE s.group_id = 'gp-42356' AND s.ended_at IS NULL");
  assert.equal(open.name, 'सीता देवी');
  const [closed] = d1(server.persist, "SELECT end_reason, end_note FROM assignments WHERE group_id = 'gp-42356' AND ended_at IS NOT NULL");
  assert.deepEqual(closed, { end_reason: 'transferred', end_note: 'तबादला' });

  await page.locator('details.link-panel summary').click();
  await page.locator('.issue-link').click();
  await page.locator('img.qr').waitFor();
  const url = await page.locator('#personal-link').inputValue();
  assert.match(url, /\/a#[0-9a-f]{64}$/, 'the token in the fragment, never in a path');
  const wa = await page.locator('a.whatsapp').getAttribute('href');
  assert.match(wa, /^https:\/\/wa\.me\/919829055555\?text=/);
  await shot(page, 'group-link-hi');

  // The new admin opens the link on a phone and lands on the submission page.
  const phone = await browser.newContext({ viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true });
  const p = await phone.newPage();
  await p.goto(url);
  await p.waitForURL('**/submit');
  await p.locator('#group option[value="gp-42356"]').waitFor({ state: 'attached' });
  await phone.close();
});

test('an import: preview, apply, and the same file again changes nothing', async () => {
  const csv = [
    'unit_type,unit_code,unit_name_en,unit_name_hi,parent_code,group_name,member_count',
    'gp,42358,Badi Undri,बड़ी उन्दरी,1378,,640',
    'gp,99101,Naya Gaon,नया गाँव,1378,Naya Gaon सूचना समूह,120',
  ].join('\n');
  const upload = async () => {
    await page.goto(`${server.url}/import`);
    await page.setInputFiles('#import-file', { name: 'udaipur-update.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('form button[type=submit]').click();
    await page.locator('.preview-result').waitFor();
  };
  await upload();
  assert.equal(await page.locator('.changes li').count(), 2);
  await shot(page, 'import-preview-hi');
  assert.equal(d1(server.persist, "SELECT count(*) AS n FROM units WHERE code = '99101'")[0].n, 0, 'preview stores nothing');
  await page.locator('button.apply').click();
  await page.locator('.preview-result .ok[role=status]').waitFor();
  assert.equal(d1(server.persist, "SELECT name_hi FROM units WHERE code = '99101'")[0].name_hi, 'नया गाँव');
  await upload();
  const [latest] = d1(server.persist, 'SELECT counts FROM imports ORDER BY rowid DESC LIMIT 1');
  assert.deepEqual(JSON.parse(latest.counts), { created: 0, updated: 0, unchanged: 2, errors: 0 });
  assert.equal(await page.locator('.changes li').count(), 2);
});

test('the audit log names who changed what, in words', async () => {
  await page.goto(`${server.url}/audit`);
  const first = page.locator('tbody tr').first();
  await first.waitFor();
  const [newest] = d1(server.persist, "SELECT l.actor, a.display_name FROM audit_log l JOIN accounts a ON l.actor = 'account:' || a.id WHERE l.district_id = 'district-108' ORDER BY l.id DESC LIMIT 1");
  const actors = await page.locator('tbody td.actor').allTextContents();
  assert.ok(actors.includes(newest.display_name), actors.slice(0, 5).join(' | '));
  assert.ok(!actors.some((a) => /^(account|admin):/.test(a)), 'no raw account or admin ids');
  assert.equal(await page.locator('tbody td code').filter({ hasText: /^[a-z_]+\.[a-z_]+$/ }).count(), 0, 'actions as words');
  await shot(page, 'audit-hi');
});

test('the registry in English, then sign out', async () => {
  await page.goto(`${server.url}/registry`);
  await page.locator('.units .unit-row').first().waitFor();
  if ((await page.locator('html').getAttribute('lang')) !== 'en') await page.locator('button.lang').click();
  await page.locator('.unit-head', { hasText: 'Udaipur' }).waitFor();
  await shot(page, 'registry-district-en');
  await page.locator('details.account summary').click();
  await page.locator('button.signout').click();
  await page.waitForURL('**/login**');
  const status = await page.evaluate(() => fetch('/api/session').then((r) => r.status));
  assert.equal(status, 401);
  assert.deepEqual(pageErrors, []);
});
