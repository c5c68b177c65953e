// Parsing a 20,000-message WhatsApp export on a phone-class CPU (Chromium, 4× CPU
// slowdown), in the chat reader as /chat runs it (tests/lib/chat-export.mjs).
import { launchBrowser } from '../../lib/browser.mjs';
import { measureChatParse } from '../../lib/chat-export.mjs';
import { startServer } from '../../lib/server.mjs';

export const FIGURES = ['chat_export_parse_20k_ms'];

export async function measure() {
  const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  try {
    const m = await measureChatParse(server, browser);
    console.log(`   runs ${m.runs.join(', ')} ms (reading and parsing ${m.readAndParse.join(', ')}); export ${m.exportBytes} bytes`);
    return {
      chat_export_parse_20k_ms: { value: m.median, unit: 'ms', budget: 1000, note: `median of ${m.runs.length} runs at 4x CPU slowdown` },
    };
  } finally {
    await browser.close();
    await server.destroy();
  }
}
