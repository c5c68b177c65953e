// Fault test: workerd is killed (SIGKILL) while screenshots are streaming in, then
// restarted on the same local D1/R2. The phones' retries (same keys, same bytes) must
// complete exactly once, no D1 row may lack its R2 object, and the orphan sweep must
// remove every R2 object without a row.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { r2Put, startServer } from '../lib/server.mjs';
import { d1, r2Objects } from '../lib/state.mjs';
import { makePng } from '../lib/images.mjs';
import { adminSession, call, login } from '../lib/session.mjs';

const GROUPS = 10;
const IMAGES = 3;
const istToday = () => new Date(Date.now() + 5.5 * 3600_000).toISOString().slice(0, 10);

let server;
const scratch = mkdtempSync(join(tmpdir(), 'prasar-fault-'));
after(async () => {
  await server?.destroy();
  rmSync(scratch, { recursive: true, force: true });
});

/** PUTs `bytes` in small, slow chunks so that a kill lands in the middle of uploads. */
function slowPut(url, path, session, bytes) {
  let i = 0;
  const body = new ReadableStream({
    async pull(controller) {
      if (i >= bytes.length) { controller.close(); return; }
      await new Promise((r) => setTimeout(r, 4));
      controller.enqueue(bytes.subarray(i, i + 8192));
      i += 8192;
    },
  });
  return fetch(`${url}${path}`, {
    method: 'PUT', body, duplex: 'half',
    headers: { Cookie: session.cookie, 'X-CSRF-Token': session.csrf, 'Content-Length': String(bytes.length) },
  });
}

// A phone's outbox retries a 503 or a dropped connection; so does this test (wrangler's
// dev proxy occasionally answers 503 "worker restarted mid-request" under load).
let transient = 0;
async function persistently(send) {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await send();
      if (res.status !== 503 || attempt >= 4) return res;
    } catch (e) {
      if (attempt >= 4) throw e;
    }
    transient++;
    await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
  }
}

function consistency(persist) {
  const rows = d1(persist, 'SELECT r2_key, bytes FROM submission_images');
  const objects = new Map(r2Objects(persist).filter((o) => o.key.startsWith('screenshots/')).map((o) => [o.key, o.size]));
  const rowsWithoutObject = rows.filter((r) => objects.get(r.r2_key) !== r.bytes);
  const rowKeys = new Set(rows.map((r) => r.r2_key));
  const objectsWithoutRow = [...objects.keys()].filter((k) => !rowKeys.has(k));
  return { rows: rows.length, rowsWithoutObject, objectsWithoutRow };
}

test('a crash mid-upload: retries complete exactly once; the sweep leaves D1 and R2 in step', { timeout: 300_000 }, async () => {
  server = await startServer();
  const collector = await login(server.url, 'collector.udaipur');
  const groupIds = d1(server.persist, `SELECT g.id FROM groups g JOIN assignments a ON a.group_id = g.id AND a.ended_at IS NULL
    WHERE g.district_id = 'district-108' ORDER BY g.id LIMIT ${GROUPS}`).map((r) => r.id);
  assert.equal(groupIds.length, GROUPS);
  const phones = [];
  for (const [n, group] of groupIds.entries()) {
    const session = await adminSession(server.url, collector, group);
    const key = `fault-${n}-${Date.now()}`;
    const images = Array.from({ length: IMAGES }, (_, i) => makePng(260 + i, 260 + n, { noise: true }));
    phones.push({ group, session, key, images });
  }
  const createAll = () => Promise.all(phones.map(async (p) => {
    const res = await persistently(() => call(server.url, `/api/groups/${p.group}/submissions`,
      { session: p.session, method: 'POST', json: { client_key: p.key, image_count: IMAGES } }));
    assert.ok([200, 201].includes(res.status), await res.clone().text());
    p.id = (await res.json()).submission.id;
  }));
  await createAll();

  // Every image starts streaming; the server dies while they are under way.
  // Staggered starts, so that some uploads finish before the kill and some do not.
  const inFlight = phones.flatMap((p, n) => p.images.map(async (bytes, i) => {
    await new Promise((r) => setTimeout(r, (n * IMAGES + i) * 60));
    return slowPut(server.url, `/api/submissions/${p.id}/images/${i}`, p.session, bytes).then((r) => r.status, () => 'cut');
  }));
  await new Promise((r) => setTimeout(r, 1200));
  await server.kill();
  const outcomes = await Promise.all(inFlight);
  const cut = outcomes.filter((o) => o === 'cut').length;
  console.log(`# uploads cut by the crash: ${cut} of ${outcomes.length}; answered before it: ${outcomes.length - cut}`);
  assert.ok(cut > 0, 'the kill landed while uploads were under way');

  // Restart on the same data; every phone retries everything with the same keys.
  // The test clock lets the sweep below run "two hours later" (R2 stamps objects with
  // the real time; the grace period may not be shortened below 15 minutes).
  server = await startServer({ persist: server.persist, vars: { PRASAR_TEST_CLOCK: '1' } });
  const retryAll = async () => {
    await createAll();
    const statuses = await Promise.all(phones.flatMap((p) => p.images.map(async (bytes, i) => {
      const res = await persistently(() => call(server.url, `/api/submissions/${p.id}/images/${i}`, { session: p.session, method: 'PUT', body: bytes }));
      assert.ok([200, 201].includes(res.status), `${res.status} ${await res.clone().text()}\n${process.env.PRASAR_DUMP_LOG ? server.log() : ''}`);
      return res.status;
    })));
    return statuses;
  };
  const first = await retryAll();
  console.log(`# after restart: ${first.filter((s) => s === 201).length} images stored by the retry, ${first.filter((s) => s === 200).length} already there`);
  const second = await retryAll();
  console.log(`# transient 503s or dropped connections retried: ${transient}`);
  assert.ok(second.every((s) => s === 200), 'a second retry stores nothing');

  for (const p of phones) {
    const rows = d1(server.persist, `SELECT id, (SELECT count(*) FROM submission_images WHERE submission_id = s.id) AS n
      FROM submissions s WHERE client_key = '${p.key}'`);
    assert.equal(rows.length, 1, `exactly one report for ${p.key}`);
    assert.equal(rows[0].n, IMAGES);
  }
  // A crashed worker may also have left an object with no row: plant one to be sure the
  // sweep is exercised, under today's prefix like any screenshot.
  const plantedFile = join(scratch, 'orphan.png');
  writeFileSync(plantedFile, makePng(9, 9));
  const planted = `screenshots/${istToday()}/gp-00000/00000000-0000-4000-8000-000000000000/0-orphan.png`;
  await r2Put(server.persist, planted, plantedFile);

  const before = consistency(server.persist);
  assert.deepEqual(before.rowsWithoutObject, [], 'no row lacks its object');
  assert.ok(before.objectsWithoutRow.includes(planted));
  console.log(`# orphans before the sweep: ${before.objectsWithoutRow.length}`);

  // undici may pick a kept-alive socket the dev proxy has just closed; a phone would
  // simply retry, and so does this sign-in.
  const state = await login(server.url, 'state.admin').catch(() => login(server.url, 'state.admin'));
  const sweep = (session, json, headers = {}) => persistently(() => call(server.url, '/api/maintenance/sweep', { session, method: 'POST', json, headers }));
  // The default grace period keeps young objects (an insert may still be under way).
  const cautious = await (await sweep(state, {})).json();
  assert.equal(cautious.deleted, 0);
  assert.equal(cautious.kept_young, before.objectsWithoutRow.length);
  // Forbidden to anyone but the state administrator; hostile bodies refused.
  assert.equal((await sweep(collector, { grace_minutes: 0 })).status, 403);
  assert.equal((await sweep(state, { grace_minutes: 'zero' })).status, 400);
  assert.equal((await sweep(state, { days: ["2026-13-01'"] })).status, 400);
  assert.equal((await sweep(state, { drop: 'all' })).status, 400);

  assert.equal((await sweep(state, { grace_minutes: 0 })).status, 400, 'a grace period that could hit uploads in flight');
  const res = await sweep(state, {}, { 'X-Prasar-Test-Now': String(Date.now() + 2 * 3600_000) });
  assert.equal(res.status, 200);
  const swept = await res.json();
  assert.equal(swept.deleted, before.objectsWithoutRow.length);
  const afterSweep = consistency(server.persist);
  assert.deepEqual(afterSweep, { rows: before.rows, rowsWithoutObject: [], objectsWithoutRow: [] });
  const [audit] = d1(server.persist, "SELECT actor, detail FROM audit_log WHERE action = 'maintenance.sweep' ORDER BY id DESC LIMIT 1");
  assert.match(audit.actor, /^account:/);
  assert.equal(JSON.parse(audit.detail).deleted, swept.deleted);
});
