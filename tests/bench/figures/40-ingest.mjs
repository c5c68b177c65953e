// 25,000 daily reports on the Rajasthan-scale fixture (one per group that has an admin,
// 23,750 of 25,000, then a second report of the day from the first groups until 25,000),
// each a JSON create plus one screenshot PUT, posted with bounded concurrency on
// loopback. Then every D1 row and R2 object is counted: nothing may be lost.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { makePng } from '../../lib/images.mjs';
import { d1ExecuteFile, preparePersistDir, startServer } from '../../lib/server.mjs';
import { d1, d1Footprint, r2Objects } from '../../lib/state.mjs';

export const FIGURES = ['ingest_25k_per_s', 'ingest_25k_lost', 'd1_bytes_per_report', 'd1_rows_per_report'];

const TOTAL = Number(process.env.PRASAR_BENCH_INGEST ?? 25_000);
const CONCURRENCY = Number(process.env.PRASAR_BENCH_CONCURRENCY ?? 32);

/** Sessions for every admin with an open assignment, written straight into D1. */
function sessionsSql(persist, file) {
  const rows = d1(persist, `SELECT a.admin_id, a.group_id FROM assignments a WHERE a.ended_at IS NULL ORDER BY a.group_id LIMIT ${TOTAL}`);
  const now = Date.now();
  const phones = [];
  const values = [];
  for (const r of rows) {
    const token = randomBytes(32).toString('hex');
    const csrf = randomBytes(16).toString('hex');
    const hash = createHash('sha256').update(token).digest('hex');
    phones.push({ group: r.group_id, cookie: `prasar_session=${token}`, csrf });
    values.push(`('${hash}',NULL,'${r.admin_id}','${csrf}',${now},${now + 86_400_000},NULL)`);
  }
  const chunks = [];
  for (let i = 0; i < values.length; i += 500) {
    chunks.push(`INSERT INTO sessions (id_hash, account_id, admin_id, csrf_token, created_at_ms, expires_at_ms, revoked_at_ms) VALUES ${values.slice(i, i + 500).join(',')};`);
  }
  writeFileSync(file, chunks.join('\n'));
  return phones;
}

async function persistently(send, counter) {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await send();
      if (res.status !== 503 || attempt >= 6) return res;
    } catch (e) {
      if (attempt >= 6) throw e;
    }
    counter.retries++;
    await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
  }
}

export async function measure() {
  const scratch = mkdtempSync(join(tmpdir(), 'prasar-bench-'));
  const persist = await preparePersistDir({ otherDistrict: false, seed: 'target/seed/state.sql' });
  const phones = sessionsSql(persist, join(scratch, 'sessions.sql'));
  await d1ExecuteFile(persist, join(scratch, 'sessions.sql'));
  const server = await startServer({ persist });
  const before = d1Footprint(persist);
  // Each report its own image and 64-bit perceptual hash, as phones send them: identical
  // bytes everywhere would make every upload a "reused screenshot" flag.
  const png = () => makePng(96, 160, { noise: true });
  const counter = { retries: 0, failed: 0 };
  try {
    let next = 0;
    const started = Date.now();
    async function worker() {
      for (;;) {
        const i = next++;
        if (i >= TOTAL) return;
        const p = phones[i % phones.length];
        const headers = { Cookie: p.cookie, 'X-CSRF-Token': p.csrf };
        const created = await persistently(() => fetch(`${server.url}/api/groups/${p.group}/submissions`, {
          method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ client_key: `bench-${i}-key`, image_count: 1 }),
        }), counter);
        if (created.status !== 201 && created.status !== 200) { counter.failed++; continue; }
        const { submission } = await created.json();
        const image = png();
        const phash = randomBytes(8).toString('hex');
        const put = await persistently(() => fetch(`${server.url}/api/submissions/${submission.id}/images/0`, {
          method: 'PUT', headers: { ...headers, 'X-Prasar-Phash': phash }, body: image,
        }), counter);
        if (put.status !== 201 && put.status !== 200) counter.failed++;
        await put.arrayBuffer();
        if (i % 2500 === 0) console.log(`   ${i} reports after ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;
    const reports = d1(persist, "SELECT count(*) AS n FROM submissions WHERE client_key LIKE 'bench-%'")[0].n;
    const images = d1(persist, 'SELECT r2_key, bytes FROM submission_images');
    const objects = new Map(r2Objects(persist).map((o) => [o.key, o.size]));
    const withObject = images.filter((r) => objects.get(r.r2_key) === r.bytes).length;
    console.log(`   ${phones.length} phones, ${reports} reports, ${images.length} image rows, ${objects.size} objects, ${counter.retries} retried 503s, ${counter.failed} failed, ${seconds.toFixed(1)} s, concurrency ${CONCURRENCY}`);
    // What one report adds to D1 (bytes of pages in use; rows in all tables, indexes
    // not counted) and to R2: the cost model's B, Wr and S per report.
    const after = d1Footprint(persist);
    const added = Object.keys(after.rows).map((t) => [t, after.rows[t] - (before.rows[t] ?? 0)]).filter(([, n]) => n > 0);
    console.log(`   D1 grew by ${after.bytes - before.bytes} B; rows added: ${added.map(([t, n]) => `${t} ${n}`).join(', ')}`);
    return {
      d1_bytes_per_report: { value: Math.round((after.bytes - before.bytes) / reports), unit: 'bytes', budget: null },
      d1_rows_per_report: { value: Math.round((added.reduce((s, [, n]) => s + n, 0) / reports) * 10) / 10, unit: 'rows', budget: null,
        note: added.map(([t, n]) => `${t} ${n}`).join(', ') },
      ingest_25k_per_s: { value: Math.round((TOTAL / seconds) * 10) / 10, unit: 'reports/s', budget: null,
        note: `${TOTAL} reports from ${phones.length} admins (create + one distinct ${png().length}-byte PNG with its perceptual hash each), concurrency ${CONCURRENCY}, through wrangler dev's local proxy` },
      ingest_25k_lost: { value: TOTAL - Math.min(reports, withObject), unit: 'reports', budget: 0 },
    };
  } finally {
    await server.destroy();
    rmSync(scratch, { recursive: true, force: true });
  }
}
