// End to end in Debian's Chromium at a phone's size: a group admin opens WhatsApp's own
// chat export on /chat (picked, and shared through the share target's hand-over), picks
// themselves among the senders, sees exactly the per-day numbers that will be sent, and
// sends them. Afterwards every D1 row and the audit log are searched for the names,
// phone numbers and message texts of the file: none is there, while the numbers are.
// The collector then sees the 30-day strip on the group page. Screenshots: target/e2e/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser } from '../lib/browser.mjs';
import { exportText, istDay } from '../lib/chat-export.mjs';
import { ROOT, d1Execute, startServer } from '../lib/server.mjs';
import { d1, d1Dump } from '../lib/state.mjs';
import { DEMO_PASSWORD, issueLink } from '../lib/session.mjs';
import { login } from '../lib/session.mjs';
import { makeZip } from '../lib/zip.mjs';

const ARTIFACTS = join(ROOT, 'target/e2e');
mkdirSync(ARTIFACTS, { recursive: true });
const GP = 'gp-42356';

// The export: made-up people, numbers and messages that must never reach the server.
const ADMIN = 'ज़ोरावर परीक्षक';
const PEOPLE = ['कमलेश्वरी देवी', 'भूपेंद्र नागर', '+91 70000 11111', '+91 70000 22222'];
const lines = [
  { day: istDay(-3), h: 9, m: 0, text: 'संदेश और कॉल एंड-टू-एंड एन्क्रिप्टेड हैं। इस चैट के बाहर कोई भी उन्हें पढ़ या सुन नहीं सकता।' },
  { day: istDay(-3), h: 9, m: 1, text: `${ADMIN} ने कमलेश्वरी देवी, +91 70000 11111 और भूपेंद्र नागर को जोड़ा` },
  { day: istDay(-3), h: 9, m: 5, from: ADMIN, text: 'नमस्कार, यह ग्राम पंचायत का आधिकारिक समूह है।' },
  { day: istDay(-3), h: 9, m: 7, from: 'कमलेश्वरी देवी', text: 'मेरा आधार नंबर 1234 5678 9012 है, कृपया मदद करें' },
  { day: istDay(-3), h: 10, m: 0, from: '+91 70000 11111', text: '<मीडिया छोड़ा गया>' },
  { day: istDay(-2), h: 8, m: 0, from: ADMIN, text: 'स्वच्छता ही सेवा अभियान 2026 — शनिवार को गाँव की सफ़ाई\nhttps://swachhbharatmission.gov.in/shs2026' },
  { day: istDay(-2), h: 8, m: 1, from: ADMIN, text: '<मीडिया छोड़ा गया>' },
  { day: istDay(-2), h: 18, m: 0, text: 'भूपेंद्र नागर ने ग्रुप छोड़ दिया' },
  { day: istDay(0), h: 0, m: 5, text: '+91 70000 22222 इस ग्रुप के इनवाइट लिंक से जुड़े' },
  { day: istDay(0), h: 0, m: 6, from: '+91 70000 22222', text: 'नमस्ते, मेरा नाम रघुवीर यादव है' },
];
const androidTxt = Buffer.from(exportText(lines, { app: 'android', hindi: true }));
const iphoneZip = makeZip([{ name: '_chat.txt', data: Buffer.from(exportText(lines, { app: 'iphone', hindi: true })) }]);
// Hand-counted: [admin messages, others', admin media, others' media, joins, leaves, items].
const EXPECTED = {
  [istDay(-3)]: [1, 2, 0, 1, 3, 0, []],
  [istDay(-2)]: [2, 0, 1, 0, 0, 1, ['ci-e2e']],
  [istDay(-1)]: [0, 0, 0, 0, 0, 0, []],
  [istDay(0)]: [0, 1, 0, 0, 1, 0, []],
};
const NEEDLES = [
  ADMIN, 'ज़ोरावर', 'परीक्षक', 'कमलेश्वरी', 'भूपेंद्र', 'रघुवीर', '70000 11111', '7000011111', '70000 22222',
  '7000022222', '1234 5678 9012', 'आधिकारिक समूह', 'मेरा आधार', 'शनिवार को गाँव',
];

let server;
let browser;
let phone;
let office;
let errors = [];
before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await d1Execute(server.persist, `INSERT INTO campaign_items (id, area_id, state_id, district_id, title_hi,
    title_en, link_url, starts_on, ends_on, created_by, created_at) VALUES ('ci-e2e', 'district-108', 'state-08',
    'district-108', 'स्वच्छता ही सेवा अभियान 2026', 'Swachhata Hi Seva 2026',
    'https://swachhbharatmission.gov.in/shs2026', '${istDay(-10)}', '${istDay(5)}', 'account:test',
    '2026-01-01T00:00:00.000+05:30')`);
  phone = await browser.newContext({
    viewport: { width: 412, height: 915 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'hi-IN',
  });
  office = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hi-IN' });
  const collector = await login(server.url, 'collector.udaipur');
  const { link } = await issueLink(server.url, collector, GP);
  const page = await phone.newPage();
  await page.goto(link.url);
  await page.waitForURL('**/submit');
  await page.close();
});
after(async () => {
  await browser?.close();
  await server?.destroy();
});

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Sets the interface language with the switch (the choice is remembered per browser). */
async function useLanguage(page, code) {
  if ((await page.locator('html').getAttribute('lang')) !== code) await page.locator('button.lang').tap();
  assert.equal(await page.locator('html').getAttribute('lang'), code);
}

async function openChat(query = '') {
  const page = await phone.newPage();
  page.on('pageerror', (e) => errors.push(e));
  const bodies = [];
  page.on('request', (r) => { if (r.postData()) bodies.push(r.postData()); });
  await page.goto(`${server.url}/chat${query}`);
  await page.locator('#chat-file').waitFor({ state: 'attached' });
  return { page, bodies };
}

/** Every stored D1 row (all tables, the audit log included) as one string. */
function everyStoredRow() {
  const tables = d1Dump(server.persist);
  assert.ok(tables.audit_log && tables.chat_activity_days, Object.keys(tables).join());
  return JSON.stringify(tables);
}

function storedDays() {
  return Object.fromEntries(d1(server.persist, `SELECT d.*, (SELECT json_group_array(campaign_item_id) FROM
    chat_activity_campaign_items c WHERE c.group_id = d.group_id AND c.ist_day = d.ist_day) AS items
    FROM chat_activity_days d WHERE group_id = '${GP}' ORDER BY ist_day`)
    .map((r) => [r.ist_day, [r.admin_messages, r.other_messages, r.admin_media, r.other_media, r.joins, r.leaves,
      JSON.parse(r.items).filter(Boolean)]]));
}

test('the admin picks an export, sees only the numbers, sends them; the server holds no personal data', async () => {
  const before = everyStoredRow();
  for (const n of NEEDLES) assert.ok(!before.includes(n), `seed already holds ${n}`);
  const { page, bodies } = await openChat();
  await useLanguage(page, 'hi');
  // The reader is a module of its own, fetched only now; the first load did not carry it.
  const firstLoad = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
  assert.ok(firstLoad.includes('/pkg/prasar_admin_bg.wasm'), firstLoad.join(' '));
  assert.ok(!firstLoad.some((p) => p.startsWith('/pkg/prasar_app')), firstLoad.join(' '));
  assert.equal(await page.locator('.chat-export h1').textContent(), 'आपके ग्रुप की चैट गतिविधि');

  await page.setInputFiles('#chat-file', { name: 'WhatsApp Chat with Alsigarh.txt', mimeType: 'text/plain', buffer: androidTxt });
  const radios = page.locator('.chat-preview input[name=chat-admin]');
  await radios.first().waitFor();
  // The preview shows who wrote (on the phone only), most active first.
  const names = await page.locator('.chat-preview .name').allTextContents();
  assert.equal(names[0], ADMIN);
  assert.ok(names.includes('कमलेश्वरी देवी') && names.includes('+91 70000 22222'));
  assert.equal(names.at(-1), 'मैं इस सूची में नहीं हूँ');
  assert.match(await page.locator('.chat-file-facts').textContent(), /एंड्रॉइड एक्सपोर्ट/);
  await shot(page, 'chat-hi-senders');

  await page.locator('.chat-preview label', { hasText: ADMIN }).tap();
  await page.locator('.chat-summary table').waitFor();
  const exact = JSON.parse(await page.locator('.exact-json').textContent());
  assert.deepEqual(Object.keys(exact).sort(), ['days', 'platform']);
  const shown = Object.fromEntries(exact.days.map((d) => [d.day, [d.admin_messages, d.other_messages, d.admin_media,
    d.other_media, d.joins, d.leaves, d.campaign_item_ids]]));
  assert.deepEqual(shown, EXPECTED);
  const summaryText = await page.locator('.chat-summary').textContent();
  for (const n of NEEDLES) assert.ok(!summaryText.includes(n), `the preview of what is sent shows ${n}`);
  assert.equal(await page.locator('.chat-days tbody tr').count(), 3, 'three days with activity');
  assert.equal(await page.locator('.quiet-days').textContent(), '1');
  await page.locator('details.exact summary').tap();
  await shot(page, 'chat-hi-preview');

  await page.locator('.send-counts').tap();
  const status = page.locator('.chat-export .status.ok');
  await status.waitFor({ timeout: 15_000 });
  assert.match(await status.textContent(), /मिल गया, धन्यवाद।.*नए दिन: 4/);
  assert.equal(await page.locator('.chat-preview').innerHTML(), '', 'names are gone from the page after sending');
  await shot(page, 'chat-hi-sent');

  // The server holds the numbers …
  assert.deepEqual(storedDays(), EXPECTED);
  const after = everyStoredRow();
  assert.ok(after.includes('chat_activity.upload') && after.includes('ci-e2e'), 'the search sees stored rows');
  // … and none of the names, phone numbers or message texts, in any table or the audit log.
  for (const n of NEEDLES) assert.ok(!after.includes(n), `D1 holds ${n}`);
  // Nor did any request carry them.
  assert.equal(bodies.length, 1);
  for (const n of NEEDLES) assert.ok(!bodies[0].includes(n), `a request carried ${n}`);
  assert.deepEqual(errors, []);
});

test('an export shared from WhatsApp (iPhone zip, through the share target) opens on /chat; the same days again change nothing', async () => {
  const before = storedDays();
  const { page } = await openChat();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  // What Android does after Share → Prasar: a multipart POST to the share target, which
  // the service worker answers by keeping the export and opening /chat.
  await page.evaluate((b64) => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = '/share-target';
    form.enctype = 'multipart/form-data';
    const input = document.createElement('input');
    input.type = 'file';
    input.name = 'files';
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'WhatsApp Chat - ग्राम पंचायत समूह.zip', { type: 'application/zip' }));
    input.files = dt.files;
    form.append(input);
    document.body.append(form);
    form.submit();
  }, iphoneZip.toString('base64'));
  await page.waitForURL('**/chat*');
  await page.locator('.chat-preview input[name=chat-admin]').first().waitFor();
  assert.equal(new URL(page.url()).search, '', 'the address forgets ?shared=1');
  assert.match(await page.locator('.chat-file-facts').textContent(), /आईफ़ोन एक्सपोर्ट/);
  const names = await page.locator('.chat-preview .name').allTextContents();
  assert.ok(!names.includes('ग्राम पंचायत समूह'), 'the iPhone group-name "sender" is not offered');
  assert.equal(await page.evaluate(async () => (await (await caches.open('prasar-shared')).keys()).length), 0, 'taken out once');
  await page.locator('.chat-preview label', { hasText: ADMIN }).tap();
  await page.locator('.chat-summary table').waitFor();
  await page.locator('.send-counts').tap();
  const status = page.locator('.chat-export .status.ok');
  await status.waitFor({ timeout: 15_000 });
  assert.match(await status.textContent(), /पहले से दर्ज दिन: 4/);
  assert.deepEqual(storedDays(), before);
  // In English, the same page.
  await page.locator('button.lang').tap();
  await page.locator('.chat-export h1', { hasText: "Your group's chat activity" }).waitFor();
  assert.match(await status.textContent(), /Days already known: 4/);
  await shot(page, 'chat-en-shared-sent');
  assert.deepEqual(errors, []);
});

test('files that are not usable exports get a clear message and nothing is sent', async () => {
  const rows = d1(server.persist, 'SELECT count(*) AS n FROM audit_log')[0].n;
  const { page, bodies } = await openChat();
  await useLanguage(page, 'hi');
  const cases = [
    ['photo.png', Buffer.from('\x89PNG\r\n\x1a\n0000', 'latin1'), /यह व्हाट्सऐप चैट एक्सपोर्ट नहीं है/],
    ['notes.txt', Buffer.from('प्रिय महोदय,\nसूची संलग्न है।\n'), /यह व्हाट्सऐप चैट एक्सपोर्ट नहीं है/],
    ['with-media.zip', makeZip([{ name: '_chat.txt', data: androidTxt }, { name: 'IMG-0001.jpg', data: Buffer.from([0xff, 0xd8, 0xff]) }]),
      /एक चैट टेक्स्ट के अलावा दूसरी फ़ाइलें/],
    ['bomb.zip', makeZip([{ name: '_chat.txt', data: Buffer.alloc(8_000_000, 0x61), declaredSize: 1000 }]),
      /अपने बताए आकार से बड़ी/],
    ['latin1.txt', Buffer.from('12/01/24, 9:15 pm - Jos\xe9: ol\xe1\n', 'latin1'), /UTF-8 टेक्स्ट नहीं है/],
  ];
  for (const [name, buffer, message] of cases) {
    await page.setInputFiles('#chat-file', { name, mimeType: 'application/octet-stream', buffer });
    const status = page.locator('.chat-export .status.error');
    await status.waitFor();
    assert.match(await status.textContent(), message, name);
    assert.equal(await page.locator('.chat-preview input').count(), 0, name);
    assert.ok(await page.locator('.send-counts').isHidden(), name);
  }
  await shot(page, 'chat-hi-error');
  assert.deepEqual(bodies, []);
  assert.equal(d1(server.persist, 'SELECT count(*) AS n FROM audit_log')[0].n, rows);
});

test('the collector sees the 30-day activity strip and member growth on the group page', async () => {
  const page = await office.newPage();
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${server.url}/login`);
  await page.fill('#username', 'collector.udaipur');
  await page.fill('#password', DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.goto(`${server.url}/groups/${GP}`);
  const strip = page.locator('.activity-strip');
  await strip.waitFor();
  assert.equal(await strip.locator('li').count(), 30);
  const status = (offset) => strip.locator(`li[data-day="${istDay(offset)}"]`).getAttribute('data-status');
  assert.equal(await status(-3), 'admin_posted');
  assert.equal(await status(-2), 'campaign');
  assert.equal(await status(-1), 'quiet');
  assert.equal(await status(-5), 'no_data');
  assert.match(await strip.locator(`li[data-day="${istDay(-2)}"]`).getAttribute('title'), /अभियान सामग्री/);
  await page.locator('.member-growth svg polyline').waitFor();
  await page.locator('.chat-activity').scrollIntoViewIfNeeded();
  await page.locator('.chat-activity').screenshot({ path: join(ARTIFACTS, 'chat-activity-strip-hi.png') });
  assert.deepEqual(errors, []);
});
