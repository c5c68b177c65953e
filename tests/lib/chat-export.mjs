// WhatsApp "Export chat" files for browser tests and the parse benchmark, written the
// way the apps write them (see core/tests/fixtures/chat_export/README.md): Android
// `dd/mm/yy, h:mm<U+202F>am - Name: text` and iPhone `[dd/mm/yy, h:mm:ss<U+202F>AM]`
// with U+200E before media and system lines.

const NNBSP = '\u202f';
const LRM = '\u200e';

import { istDay } from './clock.mjs';

export { istDay };

/** `2026-11-27` → `27/11/26`. */
function dmy(day) {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y.slice(2)}`;
}

function clock12(h, m, { seconds = false, hindi = false } = {}) {
  const marker = hindi ? (h < 12 ? 'पूर्वाह्न' : 'अपराह्न') : (h < 12 ? 'am' : 'pm');
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}:${String(m).padStart(2, '0')}${seconds ? ':00' : ''}${NNBSP}${marker}`;
}

/**
 * An export from `lines`: [{ day, h, m, from?, text }] where `from` is a sender (absent
 * for a system line). `app`: 'android' | 'iphone'; `hindi`: Hindi am/pm markers.
 */
export function exportText(lines, { app = 'android', hindi = false } = {}) {
  const out = lines.map(({ day, h, m, from, text }) => {
    if (app === 'android') {
      const stamp = `${dmy(day)}, ${clock12(h, m, { hindi })} - `;
      return from ? `${stamp}${from}: ${text}` : `${stamp}${text}`;
    }
    const stamp = `[${dmy(day)}, ${clock12(h, m, { seconds: true, hindi })}] `;
    // iPhone: the group's name "sends" system lines; media and system text get U+200E.
    if (!from) return `${stamp}ग्राम पंचायत समूह: ${LRM}${text}`;
    const marked = /^<मीडिया|omitted$/.test(text) ? `${LRM}${text}` : text;
    return `${marked !== text ? LRM : ''}${stamp}${from}: ${marked}`;
  });
  const eol = app === 'iphone' ? '\r\n' : '\n';
  return (app === 'iphone' ? '\ufeff' : '') + out.join(eol) + eol;
}

/**
 * A big Android export in Hindi: `messages` messages, 100 a day, ending `lastDay`; four
 * senders (the first, रमेश मीणा, is the admin), a media post every 20th message, a
 * campaign post (two lines) by the admin every 20th, and besides the messages a join by
 * invite link after every 20th.
 */
export function bigAndroidExport(messages, lastDay = istDay(0)) {
  const names = ['रमेश मीणा', 'सुरेश कुमार', '+91 98290 12345', 'गीता देवी'];
  const days = Math.ceil(messages / 100);
  const start = Date.parse(`${lastDay}T00:00:00Z`) - (days - 1) * 86_400_000;
  const parts = [];
  for (let i = 0; i < messages; i++) {
    const day = new Date(start + Math.floor(i / 100) * 86_400_000).toISOString().slice(0, 10);
    const h = 8 + Math.floor((i % 100) / 10);
    const stamp = `${dmy(day)}, ${clock12(h, (i % 10) * 5)} - `;
    const who = names[i % names.length];
    switch (i % 20) {
      case 0: parts.push(`${stamp}${who}: <मीडिया छोड़ा गया>`); break;
      case 1:
        parts.push(`${stamp}${who}: ठीक है 👍`);
        parts.push(`${stamp}+91 94140 ${String(i % 100000).padStart(5, '0')} इस ग्रुप के इनवाइट लिंक से जुड़े`);
        break;
      case 2: parts.push(`${stamp}${names[0]}: स्वच्छता ही सेवा अभियान 2026\nगाँव की सफ़ाई शनिवार को 🧹`); break;
      default: parts.push(`${stamp}${who}: नमस्ते, आज ग्राम सभा की बैठक ${i} बजे है। कृपया समय पर आएँ।`);
    }
  }
  return `${parts.join('\n')}\n`;
}

/**
 * Measures `chat_export_parse_20k_ms` in `browser` against `server`: a 20,000-message
 * export read as a File, decoded, parsed and summarised by the chat reader as /chat does,
 * at 4× CPU slowdown (CDP Emulation.setCPUThrottlingRate). The reader is downloaded and
 * compiled before the clock starts. Answers the median of `runs` and every run, with the
 * first run's upload for checking.
 */
export async function measureChatParse(server, browser, { runs = 5, messages = 20_000 } = {}) {
  const text = bigAndroidExport(messages, istDay(0));
  const items = JSON.stringify({ items: [{
    id: 'ci-bench', title_hi: 'स्वच्छता ही सेवा अभियान 2026', title_en: 'Swachhata Hi Seva campaign 2026',
    description_hi: '', description_en: '', link_url: 'https://swachhbharatmission.gov.in/shs2026',
    starts_on: istDay(-30), ends_on: istDay(0),
  }] });
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/chat`);
    await page.waitForFunction(() => typeof globalThis.prasarChat === 'function');
    await page.evaluate(() => globalThis.prasarChat());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const results = [];
    for (let i = 0; i < runs; i++) {
      results.push(await page.evaluate(async ({ text, items, today }) => {
        const m = await globalThis.prasarChat();
        const file = new File([text], 'WhatsApp Chat with GP.txt', { type: 'text/plain' });
        const started = performance.now();
        await m.analyse(file);
        const parsed = performance.now();
        const days = m.summarise(0, items, today);
        const body = m.upload_json();
        const ms = performance.now() - started;
        m.forget();
        return { ms, readMs: parsed - started, days, body };
      }, { text, items, today: istDay(0) }));
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
    return {
      median: Math.round(sorted[Math.floor(runs / 2)]),
      runs: results.map((r) => Math.round(r.ms)),
      readAndParse: results.map((r) => Math.round(r.readMs)),
      days: results[0].days,
      upload: JSON.parse(results[0].body),
      exportBytes: Buffer.byteLength(text),
    };
  } finally {
    await context.close();
  }
}
