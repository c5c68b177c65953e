// Launches Debian's Chromium through playwright-core with the flags that keep it from
// hanging on this closed network (see ../shared/toolchain.md).
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser with a fresh profile (playwright makes a new temporary user-data dir). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * What `page`'s console reports as errors, as they come; `csp` holds the Content Security
 * Policy violations among them (a blocked inline style shows nowhere else).
 */
export function consoleErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return {
    all: errors,
    get csp() { return errors.filter((t) => /Content Security Policy/i.test(t)); },
  };
}
