// The map: status endpoint latency and D1 rows read (from D1's own result metadata,
// which the worker reports in X-Prasar-Rows-Read) for a district (Udaipur seed) and a
// state (25,000 groups), and marker drawing time in Chromium.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchBrowser } from '../../lib/browser.mjs';
import { d1Execute, d1ExecuteFile, preparePersistDir, startServer } from '../../lib/server.mjs';
import { d1 } from '../../lib/state.mjs';
import { login } from '../../lib/session.mjs';

export const FIGURES = ['status_district_p50_ms', 'status_district_p99_ms', 'status_district_rows_read',
  'status_district_rebuild_ms', 'status_district_rebuild_rows_read',
  'status_state_p50_ms', 'status_state_rows_read', 'status_state_rebuild_ms', 'status_state_rebuild_rows_read',
  'map_render_700_ms', 'map_render_25k_ms'];

const N = Number(process.env.PRASAR_BENCH_STATUS_REQUESTS ?? 200);
const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** One status request: its time in ms and D1's rows read (X-Prasar-Rows-Read). */
async function statusOnce(url, session, headers = {}) {
  const t = performance.now();
  const res = await fetch(`${url}/api/map/status`, { headers: { Cookie: session.cookie, ...headers } });
  await res.arrayBuffer();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  return { ms, rows: Number(res.headers.get('x-prasar-rows-read')) };
}

/** Times N fresh (no If-None-Match) status requests; answers p50, p99 and rows read. */
async function timeStatus(url, session) {
  const times = [];
  let rows = null;
  for (let i = 0; i < N; i++) {
    const r = await statusOnce(url, session);
    times.push(r.ms);
    rows = r.rows;
  }
  return { p50: pct(times, 0.5), p99: pct(times, 0.99), rows };
}

const REBUILDS = Number(process.env.PRASAR_BENCH_STATUS_REBUILDS ?? 9);

/**
 * The status answer right after its snapshot went stale, so the worker runs the full
 * status statement again (every other request is served from the snapshot or answered
 * 304): for a district, a new audit row moves its change counter; a state-wide snapshot
 * is rebuilt once a minute, so the test clock moves a minute on. Median time and the
 * statement's rows read.
 */
async function timeRebuild(url, session, { persist, districtId }) {
  const times = [];
  let rows = null;
  const start = Date.now();
  for (let i = 0; i < REBUILDS; i++) {
    let headers = {};
    if (districtId) {
      await d1Execute(persist, `INSERT INTO audit_log (at, actor, district_id, action, entity, entity_id)
        VALUES (datetime('now'), 'system:bench', '${districtId}', 'bench_change', 'bench', '${i}')`);
    } else {
      headers = { 'X-Prasar-Test-Now': String(start + (i + 1) * 60_000) };
    }
    const r = await statusOnce(url, session, headers);
    times.push(r.ms);
    rows = r.rows;
  }
  return { p50: pct(times, 0.5), rows };
}

/** A session for the state administrator of the state fixture, written into D1. */
function stateSession(persist, file) {
  const [account] = d1(persist, "SELECT id FROM accounts WHERE role = 'state_admin' LIMIT 1");
  const token = randomBytes(32).toString('hex');
  const hash = createHash('sha256').update(token).digest('hex');
  const now = Date.now();
  writeFileSync(file, `INSERT INTO sessions (id_hash, account_id, admin_id, csrf_token, created_at_ms, expires_at_ms) VALUES ('${hash}', '${account.id}', NULL, 'x', ${now}, ${now + 86_400_000});`);
  return { cookie: `prasar_session=${token}` };
}

export async function measure() {
  const out = {};
  // District scale, and the renderer, on the Udaipur seed.
  {
    const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    try {
      const collector = await login(server.url, 'collector.udaipur');
      const d = await timeStatus(server.url, collector);
      out.status_district_p50_ms = { value: Math.round(d.p50 * 10) / 10, unit: 'ms', budget: 20 };
      out.status_district_p99_ms = { value: Math.round(d.p99 * 10) / 10, unit: 'ms', budget: null };
      out.status_district_rows_read = { value: d.rows, unit: 'rows', budget: null,
        note: 'served from the snapshot: only the change counter is read' };
      const r = await timeRebuild(server.url, collector, { persist: server.persist, districtId: 'district-108' });
      out.status_district_rebuild_ms = { value: Math.round(r.p50 * 10) / 10, unit: 'ms', budget: null };
      out.status_district_rebuild_rows_read = { value: r.rows, unit: 'rows', budget: null };
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const [name, value] = collector.cookie.split('=');
      await context.addCookies([{ name, value, url: server.url }]);
      const page = await context.newPage();
      await page.goto(`${server.url}/map`);
      await page.waitForFunction(() => typeof window.__prasarMapRender === 'function', null, { timeout: 60_000 });
      const render = async (n) => {
        const runs = [];
        for (let i = 0; i < 5; i++) runs.push(await page.evaluate((k) => window.__prasarMapRender(k), n));
        return pct(runs, 0.5);
      };
      out.map_render_700_ms = { value: Math.round(await render(700) * 10) / 10, unit: 'ms', budget: null };
      out.map_render_25k_ms = { value: Math.round(await render(25_000) * 10) / 10, unit: 'ms', budget: 1000 };
      await context.close();
    } finally {
      await browser.close();
      await server.destroy();
    }
  }
  // State scale: 25,000 groups.
  {
    const scratch = mkdtempSync(join(tmpdir(), 'prasar-bench-'));
    const persist = await preparePersistDir({ otherDistrict: false, seed: 'target/seed/state.sql' });
    const session = stateSession(persist, join(scratch, 'session.sql'));
    await d1ExecuteFile(persist, join(scratch, 'session.sql'));
    // The test clock (loopback only) lets the rebuild figure step a minute at a time.
    const server = await startServer({ persist, vars: { PRASAR_TEST_CLOCK: '1' } });
    try {
      const s = await timeStatus(server.url, session);
      out.status_state_p50_ms = { value: Math.round(s.p50 * 10) / 10, unit: 'ms', budget: 50 };
      out.status_state_rows_read = { value: s.rows, unit: 'rows', budget: null,
        note: 'served from the snapshot, rebuilt once a minute' };
      const r = await timeRebuild(server.url, session, {});
      out.status_state_rebuild_ms = { value: Math.round(r.p50 * 10) / 10, unit: 'ms', budget: null };
      out.status_state_rebuild_rows_read = { value: r.rows, unit: 'rows', budget: null };
    } finally {
      await server.destroy();
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return out;
}
