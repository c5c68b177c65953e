// Worker integration tests: the real worker in workerd (wrangler dev --local) with real
// local D1 and R2. Every hostile upload must get a clear bilingual 4xx and store nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';

import { startServer } from '../lib/server.mjs';
import { d1, r2Objects } from '../lib/state.mjs';
import { makePng } from '../lib/images.mjs';
import { adminSession, call, login } from '../lib/session.mjs';
import { istDay as istToday, testNow } from '../lib/clock.mjs';
import { sendOversize } from '../lib/oversize.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

let server;
let collector; // an official of Udaipur, who reads submissions
let admin; // the admin of Alsigarh GP (gp-42356), who submits
let wardAdmin; // the admin of Udaipur MC ward 2
before(async () => {
  server = await startServer();
  collector = await login(server.url, 'collector.udaipur');
  admin = await adminSession(server.url, collector, 'gp-42356');
  wardAdmin = await adminSession(server.url, collector, 'ward-udaipur-mc-2');
});
after(async () => { await server?.destroy(); });

/** GET (or any call) as the collector unless another session is given. */
const api = (path, init = {}) => call(server.url, path, { session: collector, ...init });
const upload = (groupId, body, headers = {}, session = admin) =>
  call(server.url, `/api/groups/${groupId}/submissions`, { session, method: 'POST', body, headers });

function counts() {
  return {
    rows: d1(server.persist, 'SELECT count(*) AS n FROM submissions')[0].n,
    audit: d1(server.persist, 'SELECT count(*) AS n FROM audit_log')[0].n,
    objects: r2Objects(server.persist).length,
  };
}

async function assertApiError(res, status, code) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}`);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const body = await res.json();
  assert.equal(body.code, code);
  assert.ok(body.message_en.length > 10, 'English message present');
  assert.match(body.message_hi, /[\u0900-\u097F]/, 'Hindi message in Devanagari');
  return body;
}

describe('reading', () => {
  test('health reports the IST day', async () => {
    const before = istToday();
    const body = await (await api('/api/health')).json();
    assert.equal(body.ok, true);
    assert.ok([before, istToday()].includes(body.today_ist));
  });

  test('an admin sees only their own group; the collector sees the district', async () => {
    const own = await (await call(server.url, '/api/groups', { session: admin })).json();
    assert.deepEqual(own.groups.map((g) => g.id), ['gp-42356']);
    assert.equal(own.groups[0].name_en, 'Alsigarh');
    assert.equal(own.groups[0].parent_hi, 'गिर्वा');
    const all = await (await api('/api/groups')).json();
    assert.equal(all.groups.filter((g) => g.kind === 'gram_panchayat').length, 481);
    assert.equal(all.groups.filter((g) => g.kind === 'ward').length, 125);
    assert.ok(!all.groups.some((g) => g.id === 'gp-42634'), 'no Salumbar group');
  });

  test('officials cannot upload and anonymous callers cannot read', async () => {
    await assertApiError(await upload('gp-42356', makePng(4, 4), {}, collector), 403, 'forbidden');
    await assertApiError(await call(server.url, '/api/submissions'), 401, 'unauthenticated');
    await assertApiError(await call(server.url, '/api/groups/gp-42356/submissions',
      { method: 'POST', body: makePng(4, 4) }), 401, 'unauthenticated');
  });

  test('unknown API paths and wrong methods get JSON errors, not the app page', async () => {
    await assertApiError(await api('/api/no-such-thing'), 404, 'not_found');
    await assertApiError(await api('/api/groups', { method: 'DELETE' }), 405, 'method_not_allowed');
    await assertApiError(await api('/api/submissions?day=2026-02-30'), 400, 'invalid_day');
    await assertApiError(await api('/api/submissions?day=x%27%20OR%201=1'), 400, 'invalid_day');
    await assertApiError(
      await api('/api/submissions/00000000-0000-4000-8000-000000000000/images/0'), 404, 'submission_not_found');
    await assertApiError(await api('/api/submissions/..%2F..%2Fetc/images/0'), 404, 'submission_not_found');
  });

  test('other paths serve the single-page app', async () => {
    for (const path of ['/', '/submit', '/dashboard', '/some/deep/route']) {
      const res = await api(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type'), /text\/html/);
      assert.match(await res.text(), /<script type="module" src="\/boot.js">/);
    }
    for (const bundle of ['prasar_app', 'prasar_admin']) {
      const wasm = await api(`/pkg/${bundle}_bg.wasm`);
      assert.equal(wasm.status, 200, bundle);
      assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    }
  });
});

describe('uploading', () => {
  test('a PNG is stored in R2 and D1 and served back with safe headers', async () => {
    const png = makePng(120, 80);
    const dayBefore = istToday();
    const res = await upload('gp-42356', png, { 'Content-Type': 'image/png' });
    assert.equal(res.status, 201);
    const { created, submission: s } = await res.json();
    assert.equal(created, true);
    assert.equal(s.group_id, 'gp-42356');
    assert.equal(s.group_name_en, 'Alsigarh');
    assert.equal(s.image_count, 1);
    assert.equal(s.images.length, 1);
    const [image] = s.images;
    assert.equal(image.content_type, 'image/png');
    assert.equal(image.width, 120);
    assert.equal(image.height, 80);
    assert.equal(image.bytes, png.length);
    assert.equal(image.sha256, sha256(png));
    assert.match(s.submitted_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+05:30$/);
    assert.ok([dayBefore, istToday()].includes(s.ist_day));
    assert.equal(s.submitted_at.slice(0, 10), s.ist_day);

    const [row] = d1(server.persist, `SELECT * FROM submissions s JOIN submission_images i ON i.submission_id = s.id WHERE s.id = '${s.id}'`);
    assert.equal(row.sha256, sha256(png));
    assert.equal(row.bytes, png.length);
    assert.ok(row.r2_key.startsWith(`screenshots/${s.ist_day}/gp-42356/`));
    const object = r2Objects(server.persist).find((o) => o.key === row.r2_key);
    assert.equal(object?.size, png.length);
    const group = await (await api('/api/groups/gp-42356')).json();
    assert.equal(row.admin_id, group.admin.id, 'the submission records which admin sent it');
    const [audit] = d1(server.persist, `SELECT * FROM audit_log WHERE entity_id = '${s.id}'`);
    assert.equal(audit.action, 'submission.create');
    assert.equal(audit.district_id, 'district-108');
    assert.match(audit.actor, /^admin:/);

    const img = await api(image.image_url);
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/png');
    assert.equal(img.headers.get('x-content-type-options'), 'nosniff');
    assert.match(img.headers.get('cache-control'), /max-age=\d+/);
    assert.equal(sha256(Buffer.from(await img.arrayBuffer())), sha256(png));

    const today = await (await api('/api/submissions')).json();
    assert.ok(today.submissions.some((x) => x.id === s.id));
    const otherDay = await (await api('/api/submissions?day=2020-01-01')).json();
    assert.equal(otherDay.submissions.length, 0);
  });

  test('the type comes from the bytes: JPEG and WebP are recognised whatever is declared', async () => {
    for (const [file, type] of [['tiny.jpg', 'image/jpeg'], ['tiny.webp', 'image/webp']]) {
      const res = await upload('ward-udaipur-mc-2', fixture(file), { 'Content-Type': 'application/pdf' }, wardAdmin);
      assert.equal(res.status, 201, file);
      const { submission } = await res.json();
      assert.equal(submission.images[0].content_type, type);
      assert.equal((await api(submission.images[0].image_url)).headers.get('content-type'), type);
    }
  });

  test('a retry with the same idempotency key stores nothing new', async () => {
    const png = makePng(30, 30);
    const headers = { 'Idempotency-Key': 'retry-test-0001' };
    const first = await upload('gp-42356', png, headers);
    assert.equal(first.status, 201);
    const before = counts();
    const again = await upload('gp-42356', png, headers);
    assert.equal(again.status, 200);
    const [a, b] = [await first.json(), await again.json()];
    assert.equal(b.created, false);
    assert.equal(b.submission.id, a.submission.id);
    assert.deepEqual(counts(), before);
  });

  describe('hostile input stores nothing', () => {
    let baseline;
    before(() => { baseline = counts(); });
    after(() => { assert.deepEqual(counts(), baseline, 'D1 and R2 unchanged by rejected uploads'); });

    test('empty body', async () => {
      await assertApiError(await upload('gp-42356', undefined), 400, 'empty_upload');
    });

    test('zero-byte file', async () => {
      await assertApiError(
        await upload('gp-42356', new Uint8Array(0), { 'Content-Type': 'image/png' }), 400, 'empty_upload');
    });

    test('a text file named .png', async () => {
      await assertApiError(await upload('gp-42356', 'just some text, not an image',
        { 'Content-Type': 'image/png', 'Content-Disposition': 'attachment; filename="screenshot.png"' }),
      415, 'unsupported_image_type');
    });

    test('script, GIF and SVG bodies', async () => {
      for (const body of ['<script>alert(1)</script>', 'GIF89a\x01\x00\x01\x00\x00\x00\x00;',
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>']) {
        await assertApiError(await upload('gp-42356', body), 415, 'unsupported_image_type');
      }
    });

    test('a truncated PNG', async () => {
      const png = makePng(200, 150, { noise: true });
      for (const cut of [Math.floor(png.length / 2), png.length - 1, 40]) {
        await assertApiError(await upload('gp-42356', png.subarray(0, cut)), 422, 'truncated_image');
      }
    });

    test('a truncated JPEG', async () => {
      const jpg = fixture('tiny.jpg');
      await assertApiError(await upload('gp-42356', jpg.subarray(0, jpg.length - 2)), 422, 'truncated_image');
    });

    test('an 11 MB image', async () => {
      await assertApiError(await sendOversize(server.url, '/api/groups/gp-42356/submissions',
        { session: admin, headers: { 'Content-Type': 'image/png' }, declared: 11_000_000 }), 413, 'upload_too_large');
    });

    test('an 11 MB body streamed without a Content-Length', async () => {
      // A chunked body that goes on past the limit: refused once 10 MB have come, with
      // no more read.
      const res = await sendOversize(server.url, '/api/groups/gp-42356/submissions',
        { session: admin, headers: { 'Content-Type': 'image/png' }, chunked: true, sent: 11 * 1024 * 1024 });
      await assertApiError(res, 413, 'upload_too_large');
    });

    test('declared dimensions over 10,000 px', async () => {
      const bomb = makePng(10, 10, { declared: { width: 10_001, height: 10 } });
      await assertApiError(await upload('gp-42356', bomb), 422, 'image_dimensions_too_large');
      const tall = makePng(10, 10, { declared: { width: 10, height: 50_000 } });
      await assertApiError(await upload('gp-42356', tall), 422, 'image_dimensions_too_large');
    });

    test('an unknown, malformed or someone else\'s group id', async () => {
      await assertApiError(await upload('gp-99999999', makePng(4, 4)), 404, 'group_not_found');
      await assertApiError(await upload('gp-42357', makePng(4, 4)), 404, 'group_not_found');
      await assertApiError(await upload('gp-42634', makePng(4, 4)), 404, 'group_not_found');
      await assertApiError(await upload("gp-1'%20OR%20'1'='1", makePng(4, 4)), 404, 'group_not_found');
      await assertApiError(await upload('GP-42356', makePng(4, 4)), 404, 'group_not_found');
    });

    test('a malformed idempotency key', async () => {
      await assertApiError(await upload('gp-42356', makePng(4, 4), { 'Idempotency-Key': 'bad key!' }),
        400, 'invalid_idempotency_key');
    });

    test('a huge Content-Length lie is refused before the body arrives', async () => {
      const answer = await new Promise((resolve, reject) => {
        const socket = net.connect(server.port, '127.0.0.1', () => {
          socket.write('POST /api/groups/gp-42356/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\n'
            + `Cookie: ${admin.cookie}\r\nX-CSRF-Token: ${admin.csrf}\r\n`
            + 'Content-Type: image/png\r\nContent-Length: 53687091200\r\n\r\n');
          socket.write(makePng(4, 4));
        });
        let data = '';
        socket.on('data', (d) => {
          data += d;
          if (data.includes('\r\n\r\n') && data.includes('}')) { socket.destroy(); resolve(data); }
        });
        socket.on('error', reject);
        setTimeout(() => { socket.destroy(); reject(new Error(`no answer: ${data}`)); }, 15_000);
      });
      assert.match(answer, /^HTTP\/1\.1 413 /);
      assert.match(answer, /"code":"upload_too_large"/);
    });
  });
});

describe('persistence', () => {
  test('a restart of the server keeps submissions and their images', async () => {
    const png = makePng(64, 48);
    const { submission } = await (await upload('ward-udaipur-mc-2', png, {}, wardAdmin)).json();
    await server.stop();
    server = await startServer({ persist: server.persist });
    const list = await (await api(`/api/submissions?day=${submission.ist_day}`)).json();
    assert.ok(list.submissions.some((s) => s.id === submission.id));
    const img = await api(submission.images[0].image_url);
    assert.equal(sha256(Buffer.from(await img.arrayBuffer())), sha256(png));
  });
});
