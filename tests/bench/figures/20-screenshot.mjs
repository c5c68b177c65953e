// The phone's compression of realistic 1080×2400 WhatsApp chat screenshots (Devanagari
// text, doodle wallpaper, a photo in the chat) with the app's own code (public/media.js:
// createImageBitmap → canvas ≤ 1280 px → WebP, JPEG fallback) in Debian's Chromium.
// `screenshot_compressed_bytes` is the largest result (what must fit the upload limit);
// the ratio is over all fixtures together.
import { launchBrowser } from '../../lib/browser.mjs';
import { chatScreenshotPng } from '../../lib/chat-screenshot.mjs';
import { startServer } from '../../lib/server.mjs';
import { issueLink, login } from '../../lib/session.mjs';

export const FIGURES = ['screenshot_compressed_bytes', 'screenshot_compression_ratio'];

const PHONE = { viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true, locale: 'hi-IN' };
const FIXTURES = [{ photo: true }, { photo: true, variant: 1 }, { photo: true, variant: 2 }, { photo: false }, { photo: false, variant: 3 }];

export async function measure() {
  const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  try {
    const collector = await login(server.url, 'collector.udaipur');
    const { link } = await issueLink(server.url, collector, 'gp-42356');
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(link.url);
    await page.waitForURL('**/submit');
    await page.locator('form #group:not([disabled])').waitFor({ timeout: 60_000 });
    let largest = 0;
    let originals = 0;
    let compressed = 0;
    for (const fixture of FIXTURES) {
      const original = await chatScreenshotPng(page, fixture);
      const out = await page.evaluate(async (b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const r = await PrasarMedia.compress(new File([bytes], 'Screenshot.png', { type: 'image/png' }));
        return { size: r.blob.size, type: r.blob.type, width: r.width, height: r.height };
      }, original.toString('base64'));
      console.log(`   ${JSON.stringify(fixture)}: ${original.length} B PNG → ${out.size} B ${out.type} ${out.width}×${out.height}`);
      largest = Math.max(largest, out.size);
      originals += original.length;
      compressed += out.size;
    }
    await context.close();
    return {
      screenshot_compressed_bytes: { value: largest, unit: 'bytes', budget: 200_000 },
      screenshot_compression_ratio: { value: originals / compressed, unit: ':1' },
    };
  } finally {
    await browser.close();
    await server.destroy();
  }
}
