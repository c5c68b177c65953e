// Chooses and checks the Hamming threshold for reused screenshots.
//
// Realistic 1080×2400 Devanagari chat screenshots are rendered in Chromium; variants of
// each are made there too (JPEG and WebP re-encodes at several qualities, 50–100 %
// rescales, the same posts with a different status-bar clock and battery). Every image
// then takes the phone's path: the browser decodes it, draws it scaled to at most
// 1280 px on the longest side, and the canvas pixels are hashed by
// `prasar_core::phash::perceptual_hash` (the native build of the function the PWA runs
// as wasm; it is integer and IEEE arithmetic only, so both builds give the same bits).
//
// Positives: a variant against its original. Negatives: any two images of different
// chats, and of one chat on different days. The test prints the counts and asserts
// 0 false positives and ≥ 95 % of variants caught at DUPLICATE_MAX_DISTANCE.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../lib/browser.mjs';
import { chatDayPng } from '../lib/chat-screenshot.mjs';

const GROUPS = [
  'ग्राम पंचायत अलसीगढ़ सूचना समूह',
  'ग्राम पंचायत कविता सूचना समूह',
  'ग्राम पंचायत बड़गांव सूचना समूह',
  'वार्ड 7 उदयपुर सूचना समूह',
  'वार्ड 12 भींडर सूचना समूह',
  'ग्राम पंचायत झाड़ोल सूचना समूह',
  'ग्राम पंचायत मावली सूचना समूह',
  'वार्ड 3 फतहनगर सूचना समूह',
  'ग्राम पंचायत कोटड़ा सूचना समूह',
  'ग्राम पंचायत सायरा सूचना समूह',
  'ग्राम पंचायत खेरवाड़ा सूचना समूह',
  'वार्ड 21 उदयपुर सूचना समूह',
].slice(0, Number(process.env.PHASH_GROUPS || 6));
const DAYS = Array.from({ length: Number(process.env.PHASH_DAYS || 3) }, (_, i) => i + 1);
// Groups whose first day gets the full set of variants.
const VARIANT_GROUPS = Number(process.env.PHASH_VARIANT_GROUPS || 4);

// [label, scale, type, quality]: how a reused copy may differ from what was sent first.
const RECODES = [
  ['jpeg95', 1, 'image/jpeg', 0.95],
  ['jpeg80', 1, 'image/jpeg', 0.8],
  ['jpeg60', 1, 'image/jpeg', 0.6],
  ['jpeg40', 1, 'image/jpeg', 0.4],
  ['jpeg20', 1, 'image/jpeg', 0.2],
  ['webp80', 1, 'image/webp', 0.8],
  ['webp50', 1, 'image/webp', 0.5],
  ['scale90', 0.9, 'image/png'],
  ['scale75', 0.75, 'image/png'],
  ['scale60', 0.6, 'image/png'],
  ['scale50', 0.5, 'image/png'],
  ['scale75-jpeg70', 0.75, 'image/jpeg', 0.7],
  ['scale50-jpeg50', 0.5, 'image/jpeg', 0.5],
  ['phone-webp', 1280 / 2400, 'image/webp', 0.75],
];
// Re-taken screenshots of the same posts: only the status bar differs.
const RETAKES = [
  ['clock1107', { clock: '11:07', battery: 76 }],
  ['clock1855-batt23', { clock: '18:55', battery: 23 }],
];

const toB64 = (buf) => Buffer.from(buf).toString('base64');

test('reused-screenshot threshold: variants match, different chats and days do not', { timeout: 600_000 }, async () => {
  const dir = process.env.PHASH_KEEP_DIR || mkdtempSync(join(tmpdir(), 'prasar-phash-'));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setContent('<meta charset="utf-8"><body></body>');
    // Re-encodes an image in the page: decode, draw at `scale`, encode as `type`.
    const recode = (b64, scale, type, quality) =>
      page.evaluate(
        async ([b64, scale, type, quality]) => {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const bmp = await createImageBitmap(new Blob([bytes]));
          const c = document.createElement('canvas');
          c.width = Math.round(bmp.width * scale);
          c.height = Math.round(bmp.height * scale);
          const g = c.getContext('2d');
          g.imageSmoothingQuality = 'high';
          g.drawImage(bmp, 0, 0, c.width, c.height);
          const blob = await new Promise((r) => c.toBlob(r, type, quality));
          const out = new Uint8Array(await blob.arrayBuffer());
          let s = '';
          for (let i = 0; i < out.length; i += 0x8000) s += String.fromCharCode(...out.subarray(i, i + 0x8000));
          return btoa(s);
        },
        [b64, scale, type, quality],
      );
    // The phone's path: decode, scale to ≤ 1280 px on the longest side, read the canvas.
    const phoneRaster = (b64) =>
      page.evaluate(async (b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bmp = await createImageBitmap(new Blob([bytes]));
        const scale = Math.min(1, 1280 / Math.max(bmp.width, bmp.height));
        const c = document.createElement('canvas');
        c.width = Math.round(bmp.width * scale);
        c.height = Math.round(bmp.height * scale);
        const g = c.getContext('2d');
        g.imageSmoothingQuality = 'high';
        g.drawImage(bmp, 0, 0, c.width, c.height);
        return { w: c.width, h: c.height, px: g.getImageData(0, 0, c.width, c.height).data };
      }, b64);
    const items = []; // { name, chat, kind }
    const save = async (name, chat, kind, b64) => {
      const r = await phoneRaster(b64);
      writeFileSync(join(dir, `${name}.${r.w}x${r.h}.rgba`), r.px);
      items.push({ name, chat, kind });
    };
    for (const [gi, group] of GROUPS.entries()) {
      for (const day of DAYS) {
        const chat = `g${gi}d${day}`;
        const png = toB64(await chatDayPng(page, { group, day }));
        await save(`${chat}-original`, chat, 'original', png);
        if (day !== 1 || gi >= VARIANT_GROUPS) continue; // variants of one day per group
        for (const [label, scale, type, quality] of RECODES) {
          await save(`${chat}-${label}`, chat, 'variant', await recode(png, scale, type, quality));
        }
        for (const [label, bar] of RETAKES) {
          const retake = toB64(await chatDayPng(page, { group, day, ...bar }));
          await save(`${chat}-${label}`, chat, 'variant', retake);
          if (label === 'clock1107') {
            await save(`${chat}-${label}-scale75-jpeg70`, chat, 'variant', await recode(retake, 0.75, 'image/jpeg', 0.7));
          }
        }
      }
    }
    const out = execFileSync('cargo', ['run', '-q', '-p', 'prasar-core', '--example', 'phash_rasters', '--', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const hashes = new Map();
    let threshold;
    for (const line of out.trim().split('\n')) {
      const [name, value] = line.split(' ');
      if (name === 'threshold') threshold = Number(value);
      else hashes.set(name, BigInt(`0x${value}`));
    }
    const distance = (a, b) => {
      let x = hashes.get(a) ^ hashes.get(b);
      let n = 0;
      while (x) {
        n += Number(x & 1n);
        x >>= 1n;
      }
      return n;
    };
    // Positives: every variant against its chat's original.
    const positives = items.filter((i) => i.kind === 'variant').map((v) => ({ v, d: distance(v.name, `${v.chat}-original`) }));
    // Negatives: every pair of images of different chats (groups or days).
    const negatives = [];
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        if (items[i].chat !== items[j].chat) {
          const sameGroup = items[i].chat.split('d')[0] === items[j].chat.split('d')[0];
          negatives.push({ a: items[i].name, b: items[j].name, sameGroup, d: distance(items[i].name, items[j].name) });
        }
      }
    }
    const tp = positives.filter((p) => p.d <= threshold).length;
    const fn = positives.length - tp;
    const fpDays = negatives.filter((n) => n.sameGroup && n.d <= threshold).length;
    const fpChats = negatives.filter((n) => !n.sameGroup && n.d <= threshold).length;
    const hist = (list) => {
      const h = {};
      for (const x of list) h[x.d] = (h[x.d] || 0) + 1;
      return JSON.stringify(h);
    };
    const byLabel = {};
    for (const p of positives) {
      const label = p.v.name.split('-').slice(1).join('-');
      byLabel[label] = Math.max(byLabel[label] ?? 0, p.d);
    }
    console.log(`phash threshold ${threshold}: ${hashes.size} images hashed`);
    console.log(`  variants caught (true positives): ${tp}/${positives.length}, missed ${fn}`);
    console.log(`  false positives: ${fpChats} of ${negatives.filter((n) => !n.sameGroup).length} different-chat pairs, ${fpDays} of ${negatives.filter((n) => n.sameGroup).length} different-day pairs`);
    console.log(`  variant distances: ${hist(positives)}; worst per kind ${JSON.stringify(byLabel)}`);
    console.log(`  different-chat distances: min ${Math.min(...negatives.filter((n) => !n.sameGroup).map((n) => n.d))}; different-day min ${Math.min(...negatives.filter((n) => n.sameGroup).map((n) => n.d))}`);
    console.log(`  negative histogram ${hist(negatives)}`);
    assert.equal(fpChats, 0, 'no different chat may match');
    assert.equal(fpDays, 0, "no other day's posts may match");
    assert.ok(tp / positives.length >= 0.95, `caught ${tp}/${positives.length}`);
  } finally {
    await browser.close();
    if (!process.env.PHASH_KEEP_DIR) rmSync(dir, { recursive: true, force: true });
  }
});
