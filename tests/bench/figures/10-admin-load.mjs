// First load, repeat load and time-to-interactive of the admin's submission page.
import { launchBrowser } from '../../lib/browser.mjs';
import { startServer } from '../../lib/server.mjs';
import { issueLink, login } from '../../lib/session.mjs';
import { brotliBytes, recordNetwork } from '../lib.mjs';

export const FIGURES = ['admin_first_load_br_bytes', 'admin_repeat_load_network_bytes', 'admin_interactive_ms_throttled', 'dashboard_first_load_br_bytes'];

const PHONE = { viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true, locale: 'hi-IN' };
/** The form accepts input: the group picker is there and enabled. */
const READY = 'form #group:not([disabled])';

/** Sums brotli sizes of every same-origin body the page loaded (HTML, JS, WASM, CSS, fonts, API). */
async function firstLoadBrotli(server, page, path, ready) {
  const bodies = [];
  page.on('response', async (res) => {
    if (!res.url().startsWith(server.url) || res.status() >= 300) return;
    try { bodies.push({ url: res.url(), bytes: await res.body() }); } catch { /* redirects have no body */ }
  });
  await page.goto(`${server.url}${path}`);
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  const total = bodies.reduce((s, b) => s + brotliBytes(b.bytes), 0);
  for (const b of bodies) console.log(`   ${String(brotliBytes(b.bytes)).padStart(8)} B br  ${b.url.slice(server.url.length)}`);
  return total;
}

export async function measure() {
  const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  try {
    const collector = await login(server.url, 'collector.udaipur');
    const out = {};

    // 1. First load as a group admin, brotli sizes of everything fetched.
    {
      const { link } = await issueLink(server.url, collector, 'gp-42356');
      const context = await browser.newContext(PHONE);
      const page = await context.newPage();
      // Sign in through the personal link, then measure a clean load of the page.
      await page.goto(link.url);
      await page.waitForURL('**/submit');
      await page.locator(READY).waitFor();
      const fresh = await browser.newContext({ ...PHONE, storageState: await context.storageState() });
      const p = await fresh.newPage();
      out.admin_first_load_br_bytes = { value: await firstLoadBrotli(server, p, '/submit', READY), unit: 'bytes', budget: 200_000 };

      // 2. Repeat visit: bytes that still come from the network for the app shell.
      await p.waitForTimeout(1500); // the service worker finishes installing its cache
      const again = await fresh.newPage();
      const { responses } = await recordNetwork(again);
      await again.goto(`${server.url}/submit`);
      await again.locator(READY).waitFor();
      await again.waitForLoadState('networkidle');
      const shell = [...responses.values()].filter((r) => !r.url.includes('/api/'));
      const network = shell.filter((r) => !r.fromServiceWorker && !r.fromCache);
      for (const r of shell) console.log(`   repeat ${r.fromServiceWorker ? 'sw   ' : r.fromCache ? 'cache' : 'net  '} ${r.encoded} B ${r.url.slice(server.url.length)}`);
      out.admin_repeat_load_network_bytes = { value: network.reduce((s, r) => s + r.encoded, 0), unit: 'bytes', budget: 0 };
      await fresh.close();
      await context.close();
    }

    // 3. Time until the form accepts input: 4× CPU slowdown, 1.6 Mbps / 750 kbps / 150 ms.
    {
      const { link } = await issueLink(server.url, collector, 'gp-42356');
      const signin = await browser.newContext(PHONE);
      const s = await signin.newPage();
      await s.goto(link.url);
      await s.waitForURL('**/submit');
      const context = await browser.newContext({ ...PHONE, storageState: await signin.storageState(), serviceWorkers: 'block' });
      await signin.close();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8),
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const start = Date.now();
      await page.goto(`${server.url}/submit`, { waitUntil: 'commit' });
      await page.locator(READY).waitFor({ timeout: 120_000 });
      const navStart = await page.evaluate(() => performance.timeOrigin);
      const readyAt = await page.evaluate(() => performance.timeOrigin + performance.now());
      out.admin_interactive_ms_throttled = {
        value: Math.round(Math.min(readyAt - navStart, Date.now() - start)), unit: 'ms', budget: 3000,
      };
      await context.close();
    }

    // 4. The collector's map page (the dashboard until the map exists), first load.
    {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'hi-IN' });
      const cookie = collector.cookie.split('=');
      await context.addCookies([{ name: cookie[0], value: cookie[1], url: server.url }]);
      const page = await context.newPage();
      const mapExists = (await fetch(`${server.url}/map`)).ok;
      const path = '/map';
      out.dashboard_first_load_br_bytes = {
        value: await firstLoadBrotli(server, page, path, 'main canvas, main .map, main h1'), unit: 'bytes', budget: null,
        note: mapExists ? undefined : 'map page not found',
      };
      await context.close();
    }
    return out;
  } finally {
    await browser.close();
    await server.destroy();
  }
}
