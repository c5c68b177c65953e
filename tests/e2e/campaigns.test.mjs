// Campaigns and success stories in Chromium: the PR officer publishes an item (with
// markup in its title, which must stay text) and adds its image; the group admin's phone
// sees it among today's items; the admin sends a success story with two photos from the
// small admin bundle; the PR officer accepts it and turns it into a campaign item in one
// action; the admin sees that item today; the officer sees who posted what. Screenshots
// in Hindi go to target/e2e/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { launchBrowser } from '../lib/browser.mjs';
import { makePng } from '../lib/images.mjs';
import { ROOT, startServer } from '../lib/server.mjs';
import { d1 } from '../lib/state.mjs';
import { adminSession, call, DEMO_PASSWORD, issueLink, login } from '../lib/session.mjs';
import { istDay } from '../lib/clock.mjs';

const ARTIFACTS = join(ROOT, 'target/e2e');
mkdirSync(ARTIFACTS, { recursive: true });
async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const HOSTILE_TITLE = 'स्वच्छ भारत <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

let server;
let browser;
let office; // the PR officer's desktop
let phone; // the admin of Alsigarh GP
let officer; // page
const alerts = [];
const pageErrors = [];

function watch(page) {
  page.on('pageerror', (e) => pageErrors.push(e));
  page.on('dialog', (d) => {
    // The only dialog Prasar opens is its own confirmation; anything else is injected.
    if (d.type() !== 'confirm') alerts.push(d.message());
    d.accept();
  });
  return page;
}

before(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  office = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hi-IN' });
  phone = await browser.newContext({
    viewport: { width: 412, height: 915 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'hi-IN',
  });
  officer = watch(await office.newPage());
  await officer.goto(`${server.url}/login`);
  await officer.fill('#username', 'pr.udaipur');
  await officer.fill('#password', DEMO_PASSWORD);
  await officer.locator('form button[type=submit]').click();
  await officer.waitForURL('**/registry**');
  // The admin opens the personal link the collector sent.
  const collector = await login(server.url, 'collector.udaipur');
  const { link } = await issueLink(server.url, collector, 'gp-42356');
  const p = await phone.newPage();
  await p.goto(link.url);
  await p.waitForURL('**/submit');
  await p.close();
});
after(async () => {
  await browser?.close();
  await server?.destroy();
});

/** Today's items as the admin's phone gets them (same session, same origin). */
async function adminToday() {
  const p = await phone.newPage();
  await p.goto(`${server.url}/story`);
  const body = await p.evaluate(async () => (await fetch('/api/campaign-items/today')).json());
  await p.close();
  return body.items;
}

let itemId;
test('the PR officer publishes an item; its markup stays text; the image follows', async () => {
  await officer.locator('nav a[href="/campaigns"]').click();
  await officer.waitForURL('**/campaigns');
  await officer.locator('a.new-item').click();
  await officer.waitForURL('**/campaigns/new');
  await officer.locator('#new-area option[value="district-108"]').waitFor({ state: 'attached' });
  await officer.fill('#new-title-hi', HOSTILE_TITLE);
  await officer.fill('#new-title-en', 'Clean India');
  await officer.fill('#new-description-hi', 'अपने गाँव को स्वच्छ रखें।\nकचरा कूड़ेदान में डालें।');
  await officer.fill('#new-scheme', 'स्वच्छ भारत मिशन (ग्रामीण)');
  // A javascript: link is refused with a Hindi message; nothing is stored.
  await officer.fill('#new-link', 'javascript:alert(document.cookie)');
  await officer.locator('.campaign-form button[type=submit]').click();
  const refusal = officer.locator('.campaign-form [role=alert]');
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /लिंक http:\/\/ या https:\/\//);
  assert.equal(d1(server.persist, 'SELECT count(*) AS n FROM campaign_items')[0].n, 0);
  await officer.fill('#new-link', 'https://swachhbharatmission.ddws.gov.in/');
  await shot(officer, 'campaign-new-hi');
  await officer.locator('.campaign-form button[type=submit]').click();
  await officer.waitForURL(/\/campaigns\/[0-9a-f-]{36}\?new=1$/);
  itemId = /campaigns\/([0-9a-f-]{36})/.exec(officer.url())[1];

  const title = officer.locator('.campaign-card h1');
  assert.equal(await title.textContent(), HOSTILE_TITLE, 'shown as typed, as text');
  assert.equal(await officer.locator('.campaign-card img[src="x"]').count(), 0);
  assert.equal(await officer.evaluate(() => window.__pwned), undefined);

  // The image panel is open for a new item.
  await officer.setInputFiles('#item-image', { name: 'poster.png', mimeType: 'image/png', buffer: makePng(800, 450) });
  await officer.locator('.image-panel button[type=submit]').click();
  const img = officer.locator('.campaign-card img.campaign-image');
  await img.waitFor();
  assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth === 800), 'the stored image loads');
  await shot(officer, 'campaign-item-hi');

  await officer.goto(`${server.url}/campaigns`);
  await officer.locator(`.campaign-card[data-item-id="${itemId}"]`).waitFor();
  await shot(officer, 'campaigns-list-hi');
});

test('the admin\'s phone sees the item today, with its image', async () => {
  const items = await adminToday();
  const item = items.find((i) => i.id === itemId);
  assert.ok(item, 'the district-wide item reaches the GP admin');
  assert.equal(item.title_hi, HOSTILE_TITLE);
  const p = await phone.newPage();
  const res = await p.goto(`${server.url}${item.image_url}`);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'image/png');
  await p.close();
});

let storyId;
test('the admin sends a success story with two photos from the admin bundle', async () => {
  const p = watch(await phone.newPage());
  await p.goto(`${server.url}/story`);
  await p.locator('#story-unit option[value="gp-42356"]').waitFor({ state: 'attached' });
  const loaded = await p.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
  assert.ok(loaded.includes('/pkg/prasar_admin_bg.wasm'), 'the small bundle');
  assert.ok(!loaded.some((x) => x.startsWith('/pkg/prasar_app')), loaded.join(' '));
  assert.equal(await p.locator('#story-unit').inputValue(), 'gp-42356', 'the only place is chosen');

  await p.fill('#story-scheme', 'प्रधानमंत्री आवास योजना (ग्रामीण) <i>PMAY-G</i>');
  await p.fill('#story-text', 'अलसीगढ़ की कमला बाई को पक्का घर मिला। <b>बारिश</b> में अब छत नहीं टपकती।');
  await p.setInputFiles('#story-photos', [
    { name: 'ghar-1.png', mimeType: 'image/png', buffer: makePng(1600, 1200) },
    { name: 'ghar-2.png', mimeType: 'image/png', buffer: makePng(900, 1200) },
  ]);
  // Without consent nothing is sent.
  await p.locator('button[type=submit]').tap();
  const note = p.locator('.story-send [role=alert]');
  await note.waitFor();
  assert.match(await note.textContent(), /सहमति/);
  assert.equal(d1(server.persist, 'SELECT count(*) AS n FROM success_stories')[0].n, 0);
  await p.locator('#story-consent').check();
  await shot(p, 'story-form-hi');
  await p.locator('button[type=submit]').tap();
  await p.locator('.story-sent').waitFor({ timeout: 30_000 });
  const [row] = d1(server.persist, 'SELECT id, photo_count, consent_confirmed, text_hi FROM success_stories');
  storyId = row.id;
  assert.equal(row.photo_count, 2);
  assert.equal(row.consent_confirmed, 1);
  assert.equal(d1(server.persist, `SELECT count(*) AS n FROM story_photos WHERE story_id = '${storyId}'`)[0].n, 2);
  await p.locator(`.my-story[data-story-id="${storyId}"]`).waitFor();
  assert.match(await p.locator('.my-story').first().textContent(), /समीक्षा बाकी/);
  // The admin's page is built as HTML from server data: markup must arrive escaped.
  assert.match(await p.locator('.my-story strong').first().textContent(), /<i>PMAY-G<\/i>/);
  assert.equal(await p.locator('.my-story i').count(), 0);
  await shot(p, 'story-sent-hi');
  await p.close();
});

let storyItemId;
test('the PR officer accepts the story and turns it into a campaign item in one action', async () => {
  await officer.goto(`${server.url}/stories`);
  const card = officer.locator(`.story-card[data-story-id="${storyId}"]`);
  await card.waitFor();
  assert.equal(await card.locator('.thumbs img').count(), 2);
  assert.equal(await officer.locator('.story-card b').count(), 0, 'markup in a story stays text');
  await card.locator('h2 a').click();
  await officer.waitForURL(`**/stories/${storyId}`);
  // The area list answers late: the officer presses before it arrives, and the page has
  // moved on when it does (a late answer must not break the app).
  const slow = async (route) => { await new Promise((r) => setTimeout(r, 2500)); await route.continue(); };
  await officer.route('**/api/units', slow);
  await officer.locator('button.accept').click();
  const form = officer.locator('.promote-form');
  await form.waitFor();
  assert.match(await officer.locator('#promote-title-hi').inputValue(), /^सफलता की कहानी: प्रधानमंत्री आवास योजना/);
  assert.match(await officer.locator('#promote-description-hi').inputValue(), /कमला बाई/);
  await shot(officer, 'story-review-hi');
  await form.locator('button[type=submit]').click();
  await officer.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
  storyItemId = /campaigns\/([0-9a-f-]{36})/.exec(officer.url())[1];
  await officer.waitForTimeout(3000);
  await officer.unroute('**/api/units', slow);
  assert.deepEqual(pageErrors, [], 'a late answer for a closed page is dropped');
  const img = officer.locator('.campaign-card img.campaign-image');
  await img.waitFor();
  assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 0), 'the story\'s first photo is the image');
  assert.equal(await officer.locator(`.campaign-card a[href="/stories/${storyId}"]`).count(), 1);
  await shot(officer, 'story-item-hi');
  const [story] = d1(server.persist, `SELECT status, campaign_item_id FROM success_stories WHERE id = '${storyId}'`);
  assert.deepEqual(story, { status: 'accepted', campaign_item_id: storyItemId });
});

test('the admin sees the story\'s item today; the officer sees who posted what', async () => {
  const items = await adminToday();
  assert.ok(items.some((i) => i.id === storyItemId), 'the item made from the story reaches admins');
  // The admin's daily report marks both items as posted.
  const collector = await login(server.url, 'collector.udaipur');
  const admin = await adminSession(server.url, collector, 'gp-42356');
  const res = await call(server.url, '/api/groups/gp-42356/submissions', {
    session: admin, method: 'POST',
    json: { client_key: 'e2e-posted-0001', image_count: 1, campaign_item_ids: [itemId, storyItemId] },
  });
  assert.equal(res.status, 201, await res.text());

  await officer.goto(`${server.url}/campaigns/${itemId}`);
  await officer.locator('.posted-summary .posted-count').waitFor();
  assert.equal(await officer.locator('.posted-summary .posted-count').textContent(), '1');
  await officer.locator('.posted-summary a').click();
  await officer.waitForURL(`**/campaigns/${itemId}/posted`);
  const row = officer.locator('.posted-table tr[data-group-id="gp-42356"]');
  await row.waitFor();
  assert.match(await row.textContent(), /गिर्वा/);
  await shot(officer, 'campaign-posted-hi');
});

test('in English, an item with only a Hindi title shows that title, as a link', async () => {
  // Published with a Hindi title alone (the English one is optional).
  const pr = await login(server.url, 'pr.udaipur');
  const res = await call(server.url, '/api/campaign-items', {
    session: pr, method: 'POST',
    json: { area_id: 'district-108', title_hi: 'पोषण माह: आंगनवाड़ी में वजन', starts_on: istDay(0), ends_on: istDay(3) },
  });
  assert.equal(res.status, 201, await res.clone().text());
  const hindiOnly = (await res.json()).summary.item.id;
  const [row] = d1(server.persist, `SELECT title_hi, title_en FROM campaign_items WHERE id = '${hindiOnly}'`);
  assert.equal(row.title_en, '');
  await officer.goto(`${server.url}/campaigns`);
  const link = officer.locator(`.campaign-card[data-item-id="${hindiOnly}"] h2 a`);
  await link.waitFor();
  if ((await officer.locator('html').getAttribute('lang')) !== 'en') await officer.locator('button.lang').click();
  await officer.locator('html[lang=en]').waitFor();
  assert.equal(await link.textContent(), row.title_hi);
  await shot(officer, 'campaigns-list-en');
  await officer.locator('button.lang').click(); // back to Hindi
  await officer.locator('html[lang=hi]').waitFor();
  // The admin's phone, in English: the checklist names it too.
  const p = watch(await phone.newPage());
  await p.goto(`${server.url}/submit`);
  const item = p.locator(`.campaign-item[data-item-id="${hindiOnly}"] label span`);
  await item.waitFor();
  if ((await p.locator('html').getAttribute('lang')) !== 'en') await p.locator('button.lang').tap();
  await p.locator('html[lang=en]').waitFor();
  assert.equal(await item.textContent(), row.title_hi);
  // The forward button's text is readable (WCAG AA: at least 4.5 : 1).
  const ratio = await p.locator(`.campaign-item[data-item-id="${hindiOnly}"] button.forward`).evaluate((b) => {
    const rgb = (c) => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
    const lum = (c) => {
      const [r, g, bl] = rgb(c).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const s = getComputedStyle(b);
    const [hi, lo] = [lum(s.color), lum(s.backgroundColor)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  });
  assert.ok(ratio >= 4.5, `forward button contrast ${ratio.toFixed(2)} : 1`);
  await p.locator('button.lang').tap();
  await p.locator('html[lang=hi]').waitFor();
  await p.close();
});

test('withdrawing an item takes it off the admins\' list', async () => {
  await officer.goto(`${server.url}/campaigns/${itemId}`);
  await officer.locator('button.withdraw-item').click();
  await officer.locator('.campaign-card .status-withdrawn').waitFor();
  const items = await adminToday();
  assert.ok(!items.some((i) => i.id === itemId));
  assert.deepEqual(alerts, [], 'no injected dialog ever opened');
  assert.deepEqual(pageErrors, []);
});
