// Draws the app icons (public/icons/*.png) from the shapes of public/icon.svg: a green
// rounded square, a white "P" and a yellow dot. Pure arithmetic with 4×4 supersampling
// and Node's zlib, so the same script always writes the same bytes (no browser or font
// involved). tests/e2e/pwa.test.mjs checks that the committed files match.
//   node scripts/make-icons.mjs          writes the files
//   import { icons } from '...'          answers { name: Buffer } without writing
import { crc32, deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GREEN = [0x0b, 0x6e, 0x4f];
const WHITE = [0xff, 0xff, 0xff];
const YELLOW = [0xff, 0xd1, 0x66];

/** Colour at (x, y) in the SVG's 64×64 space, or null outside the icon. */
function colourAt(x, y, maskable) {
  // Yellow dot: circle (46, 42) r 6.
  if ((x - 46) ** 2 + (y - 42) ** 2 <= 36) return YELLOW;
  // "P": M16 44 V20 h14 a9 9 0 0 1 0 18 h-7 v6 z
  const stem = x >= 16 && x <= 23 && y >= 20 && y <= 44;
  const bar = x >= 16 && x <= 30 && y >= 20 && y <= 38;
  const bowl = x >= 30 && (x - 30) ** 2 + (y - 29) ** 2 <= 81;
  if (stem || bar || bowl) return WHITE;
  // Maskable icons fill the whole square (the launcher cuts its own shape); the glyph
  // already lies inside the 80 % safe zone.
  if (maskable) return GREEN;
  // Rounded square, rx 14.
  const cx = Math.min(Math.max(x, 14), 50);
  const cy = Math.min(Math.max(y, 14), 50);
  return (x - cx) ** 2 + (y - cy) ** 2 <= 196 ? GREEN : null;
}

function rgba(size, maskable) {
  const out = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt(((px + (sx + 0.5) / n) * 64) / size, ((py + (sy + 0.5) / n) * 64) / size, maskable);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
        }
      }
      const i = (py * size + px) * 4;
      // Straight (not premultiplied) alpha, as PNG wants.
      if (a) { out[i] = Math.round(r / a); out[i + 1] = Math.round(g / a); out[i + 2] = Math.round(b / a); }
      out[i + 3] = Math.round((a * 255) / (n * n));
    }
  }
  return out;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, pixels) {
  const raw = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) pixels.copy(raw, y * (1 + size * 4) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function icons() {
  return {
    'icon-192.png': png(192, rgba(192, false)),
    'icon-512.png': png(512, rgba(512, false)),
    'icon-maskable-512.png': png(512, rgba(512, true)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../public/icons');
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(icons())) {
    writeFileSync(join(dir, name), bytes);
    console.log(`${name} ${bytes.length} bytes`);
  }
}
