// The collector's live map and reports against the real worker (workerd, local D1/R2):
// the status endpoint (one cheap request per area, ETag / 304, scoping), the units and
// outlines layers, hostile outline uploads, and report exports with formula injection.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { d1Execute, startServer } from '../lib/server.mjs';
import { d1 } from '../lib/state.mjs';
import { makePng } from '../lib/images.mjs';
import { adminSession, call, login } from '../lib/session.mjs';
import { testNow } from '../lib/clock.mjs';
import { sendOversize } from '../lib/oversize.mjs';

let server;
let collector; // Udaipur
let salumbar; // the other district's collector
let bdo; // Girwa block officer
let state; // state administrator
let admin; // admin of Alsigarh (gp-42356)

before(async () => {
  server = await startServer();
  [collector, salumbar, bdo, state] = await Promise.all([
    login(server.url, 'collector.udaipur'),
    login(server.url, 'collector.salumbar'),
    login(server.url, 'bdo.girwa'),
    login(server.url, 'state.admin'),
  ]);
  admin = await adminSession(server.url, collector, 'gp-42356');
});
after(async () => { await server?.destroy(); });

const get = (path, session = collector, headers = {}) => call(server.url, path, { session, headers });

async function assertApiError(res, status, code) {
  const text = await res.text();
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${text}`);
  const body = JSON.parse(text);
  assert.equal(body.code, code);
  assert.match(body.message_hi, /[\u0900-\u097F]/, 'Hindi message in Devanagari');
  assert.ok(body.message_en.length > 10);
}

/** A complete one-image report for the admin's group, through the v2 API. */
async function submit(session = admin, group = 'gp-42356') {
  const key = `map-test-${testNow()}-${Math.random().toString(36).slice(2)}`;
  const created = await call(server.url, `/api/groups/${group}/submissions`,
    { session, method: 'POST', json: { client_key: key, image_count: 1 } });
  assert.equal(created.status, 201, await created.clone().text());
  const { submission } = await created.json();
  const put = await call(server.url, `/api/submissions/${submission.id}/images/0`,
    { session, method: 'PUT', body: makePng(40, 80, { noise: true }) });
  assert.equal(put.status, 201, await put.clone().text());
  return submission.id;
}

describe('status', () => {
  test('one request gives the whole district; unchanged answers 304 for one row read', async () => {
    const res = await get('/api/map/status');
    assert.equal(res.status, 200);
    const etag = res.headers.get('etag');
    assert.match(etag, /^"s-district-108-\d+-\d{4}-\d{2}-\d{2}"$/);
    assert.equal(res.headers.get('cache-control'), 'private, no-cache');
    const status = await res.json();
    assert.equal(status.version, etag);
    assert.ok(Math.abs(status.now_ms - testNow()) < 60_000);
    const noAdmin = d1(server.persist, `SELECT g.id FROM groups g JOIN units u ON u.id = g.unit_id
      WHERE u.district_id = 'district-108' AND u.kind IN ('gram_panchayat','ward') AND g.closed_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.group_id = g.id AND a.ended_at IS NULL)`).map((r) => r.id);
    assert.ok(noAdmin.length > 0, 'the seed has groups without an admin');
    assert.deepEqual([...status.no_admin].sort(), noAdmin.sort());
    assert.deepEqual(status.checks, [], 'no draw yet');

    const again = await get('/api/map/status', collector, { 'If-None-Match': etag });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    assert.equal(again.headers.get('etag'), etag);
    assert.ok(Number(again.headers.get('x-prasar-rows-read')) <= 2, `304 read ${again.headers.get('x-prasar-rows-read')} rows`);
  });

  test('a submission changes the ETag and lists the group with its report', async () => {
    const first = await get('/api/map/status');
    const etag = first.headers.get('etag');
    await submit();
    const res = await get('/api/map/status', collector, { 'If-None-Match': etag });
    assert.equal(res.status, 200);
    assert.notEqual(res.headers.get('etag'), etag);
    const status = await res.json();
    const fact = status.reports.find((r) => r[0] === 'gp-42356');
    assert.ok(fact, 'Alsigarh reported');
    assert.equal(fact[1], 1);
    assert.equal(fact[2], 'none');
    // A report whose screenshot has not arrived yet does not count.
    const other = await adminSession(server.url, collector, 'gp-42357').catch(() => null);
    if (other) {
      const created = await call(server.url, '/api/groups/gp-42357/submissions',
        { session: other, method: 'POST', json: { client_key: `half-${testNow()}`, image_count: 2 } });
      assert.equal(created.status, 201);
      const after = await (await get('/api/map/status')).json();
      assert.ok(!after.reports.some((r) => r[0] === 'gp-42357'), 'no screenshot yet, not submitted');
    }
  });

  test('monitoring\'s draw and reviews reach the status: checks, verified, rejected', async () => {
    const before = await get('/api/map/status');
    const drawn = await call(server.url, '/api/checks/draw', { session: collector, method: 'POST', json: {} });
    assert.equal(drawn.status, 201, await drawn.clone().text());
    const after = await get('/api/map/status', collector, { 'If-None-Match': before.headers.get('etag') });
    assert.equal(after.status, 200, 'the draw changed the district');
    const status = await after.json();
    const checks = d1(server.persist, "SELECT group_id, level, deadline_ms FROM checks WHERE district_id = 'district-108'");
    assert.ok(checks.length >= 2);
    assert.deepEqual(
      status.checks.map(([id, level, deadline]) => `${id}/${level}/${deadline}`).sort(),
      checks.map((c) => `${c.group_id}/${c.level}/${c.deadline_ms}`).sort(),
    );

    const id = await submit();
    const review = (outcome, remark = '') => call(server.url, `/api/submissions/${id}/reviews`,
      { session: collector, method: 'POST', json: { outcome, remark } });
    assert.equal((await review('verified')).status, 201);
    let fact = (await (await get('/api/map/status')).json()).reports.find((r) => r[0] === 'gp-42356');
    assert.equal(fact[2], 'verified');
    assert.equal((await review('rejected', 'पुराना स्क्रीनशॉट')).status, 201);
    fact = (await (await get('/api/map/status')).json()).reports.find((r) => r[0] === 'gp-42356');
    assert.equal(fact[1], 1, 'the earlier report still counts; the rejected one does not');
    assert.equal(fact[2], 'none');
    const panel = await (await get('/api/map/groups/gp-42356')).json();
    assert.deepEqual(panel.reviews.slice(0, 2).map((r) => r.outcome), ['rejected', 'verified']);
    assert.equal(panel.may_review, true);
    const bdoPanel = await (await get('/api/map/groups/gp-42356', bdo)).json();
    assert.equal(bdoPanel.may_review, false, 'block officers do not review');
  });

  test('scoping: other districts, blocks and kinds of id', async () => {
    const theirs = await (await get('/api/map/status', salumbar)).json();
    const ids = [...theirs.no_admin, ...theirs.reports.map((r) => r[0])];
    assert.ok(ids.every((id) => ['gp-42634', 'gp-42636'].includes(id)), ids.join());
    assert.ok(theirs.no_admin.includes('gp-42636'));
    await assertApiError(await get('/api/map/status?area=district-108', salumbar), 404, 'unit_not_found');
    await assertApiError(await get('/api/map/units?area=district-108', salumbar), 404, 'unit_not_found');
    await assertApiError(await get('/api/map/groups/gp-42356', salumbar), 404, 'group_not_found');
    await assertApiError(await get('/api/map/status?area=gp-42356'), 404, 'unit_not_found');
    await assertApiError(await get('/api/map/status?area=%27%20OR%201%3D1--'), 404, 'unit_not_found');
    await assertApiError(await call(server.url, '/api/map/status'), 401, 'unauthenticated');
    await assertApiError(await get('/api/map/status', admin), 403, 'forbidden');

    const girwa = await (await get('/api/map/units', bdo)).json();
    assert.equal(girwa.area.id, 'block-1378');
    assert.equal(girwa.parents.length, 1);
    assert.equal(girwa.units.length, 37);
    assert.ok(girwa.units.every((u) => u[2] === 'block-1378'));
    await assertApiError(await get('/api/map/status?area=district-108', bdo), 404, 'unit_not_found');

    // A state administrator sees every district, and may narrow to one.
    const whole = await get('/api/map/status', state);
    assert.match(whole.headers.get('etag'), /"s-state-08-/);
    const theirsFromState = await (await get('/api/map/status?area=district-salumbar', state)).json();
    assert.deepEqual(theirsFromState.no_admin, theirs.no_admin);
  });

  test('a district snapshot follows every change; a state-wide one is rebuilt at most once a minute', async () => {
    const version = (res) => Number(/"s-[^"]+?-(\d+)-\d{4}-\d{2}-\d{2}"/.exec(res.headers.get('etag'))[1]);
    const district = version(await get('/api/map/status'));
    const before = Math.floor(testNow() / 60_000);
    const wholeState = await get('/api/map/status', state);
    const after = Math.floor(testNow() / 60_000);
    // A change in Udaipur: its map's tag moves at once.
    await d1Execute(server.persist, `INSERT INTO audit_log (at, actor, district_id, action, entity, entity_id)
      VALUES (datetime('now'), 'system:test', 'district-108', 'test_change', 'test', 'x')`);
    const districtAfter = version(await get('/api/map/status'));
    assert.ok(districtAfter > district, `${districtAfter} > ${district}`);
    // The state's tag is the minute's window, not the newest change.
    const stateVersion = version(wholeState);
    assert.ok(stateVersion >= before && stateVersion <= after, `${stateVersion} in ${before}..${after}`);
    const stateAgain = await get('/api/map/status', state, { 'If-None-Match': wholeState.headers.get('etag') });
    const nowWindow = Math.floor(testNow() / 60_000);
    assert.equal(stateAgain.status, nowWindow === stateVersion ? 304 : 200);
  });

  test('units: every GP and ward of Udaipur with a place and its block or ULB', async () => {
    const res = await get('/api/map/units');
    assert.equal(res.status, 200);
    const units = await res.json();
    assert.equal(units.area.id, 'district-108');
    assert.equal(units.units.length, 481 + 125);
    assert.equal(units.parents.length, 16 + 3);
    const parents = new Set(units.parents.map((p) => p.id));
    for (const [id, ward, parent, nameEn, , lon, lat, exact] of units.units) {
      assert.ok(parents.has(parent), `${id} has a known parent`);
      assert.ok(lon > 73 && lon < 75 && lat > 23.5 && lat < 25.5, `${id} at ${lon},${lat}`);
      assert.ok(ward === 0 || ward === 1);
      assert.ok(exact === 0 || exact === 1);
      assert.ok(nameEn.length > 0);
    }
    assert.ok(units.units.some((u) => u[7] === 0), 'some places are approximate');
    const again = await get('/api/map/units', collector, { 'If-None-Match': res.headers.get('etag') });
    assert.equal(again.status, 304);
  });

  test('the drill-down panel: admin contacts and today\'s screenshots', async () => {
    const panel = await (await get('/api/map/groups/gp-42356')).json();
    assert.equal(panel.group_id, 'gp-42356');
    assert.equal(panel.parent.id, 'block-1378');
    assert.match(panel.call_url, /^tel:\+91\d{10}$/);
    assert.match(panel.whatsapp_url, /^https:\/\/wa\.me\/91\d{10}$/);
    const today = panel.submissions.filter((s) => s.ist_day === panel.today);
    assert.ok(today.length >= 1);
    const img = await get(today[0].images[0].image_url);
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/png');
    await assertApiError(await get('/api/map/groups/..%2F..%2Fetc'), 404, 'group_not_found');
  });
});

describe('outlines', () => {
  const geo = (features) => JSON.stringify({ type: 'FeatureCollection', features });
  const square = (name, x = 73.6, y = 24.5, d = 0.2) => ({
    type: 'Feature', properties: { name },
    geometry: { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] },
  });
  const put = (layer, body, session = collector, query = '') =>
    call(server.url, `/api/map/outlines/${layer}${query}`, { session, method: 'PUT', body, headers: { 'Content-Type': 'application/geo+json' } });
  const stored = () => d1(server.persist, 'SELECT district_id, layer, features FROM map_outlines ORDER BY district_id, layer');

  test('the baked Udaipur outlines are served with their credits', async () => {
    const res = await get('/api/map/outlines');
    assert.equal(res.status, 200);
    const { layers } = await res.json();
    assert.deepEqual(layers.map((l) => l.layer), ['district', 'blocks']);
    assert.match(layers[0].attribution, /OpenStreetMap contributors, ODbL/);
    assert.match(layers[1].attribution, /PMGSY/);
    assert.equal(layers[0].features.length, 1);
    assert.ok(layers[1].features.length >= 8);
    // The other district has no baked outlines.
    assert.deepEqual((await (await get('/api/map/outlines', salumbar)).json()).layers, []);
  });

  test('hostile uploads are refused with a reason and store nothing', async () => {
    const auditBefore = d1(server.persist, 'SELECT count(*) AS n FROM audit_log')[0].n;
    await assertApiError(await put('blocks', 'not json at all'), 422, 'outline_not_geo_json');
    await assertApiError(await put('blocks', '{"type":"Point","coordinates":[73.7,24.6]}'), 422, 'outline_unsupported_geometry');
    await assertApiError(await put('blocks', geo([])), 422, 'outline_unsupported_geometry');
    await assertApiError(await put('blocks', geo([square('swapped', 24.5, 73.6)])), 422, 'outline_out_of_range');
    await assertApiError(await put('blocks', geo([square('nan', NaN)]).replace('null', '"x"')), 422, 'outline_not_geo_json');
    const many = geo(Array.from({ length: 501 }, (_, i) => square(`b${i}`, 73 + i * 0.001)));
    await assertApiError(await put('blocks', many), 422, 'outline_too_complex');
    await assertApiError(await sendOversize(server.url, '/api/map/outlines/blocks',
      { method: 'PUT', session: collector, headers: { 'Content-Type': 'application/geo+json' }, declared: 5 * 1024 * 1024 }), 413, 'upload_too_large');
    await assertApiError(await put('rivers', geo([square('x')])), 404, 'not_found');
    await assertApiError(await put('blocks', geo([square('x')]), bdo), 403, 'forbidden');
    await assertApiError(await put('blocks', geo([square('x')]), collector, '?area=district-salumbar'), 404, 'unit_not_found');
    await assertApiError(await put('blocks', geo([square('x')]), collector, '?area=block-1378'), 404, 'unit_not_found');
    const noCsrf = await call(server.url, '/api/map/outlines/blocks', { method: 'PUT', body: geo([square('x')]), headers: { Cookie: collector.cookie } });
    await assertApiError(noCsrf, 403, 'csrf_failed');
    assert.deepEqual(stored(), []);
    assert.equal(d1(server.persist, 'SELECT count(*) AS n FROM audit_log')[0].n, auditBefore);
  });

  test('a district uploads its own block outlines: audited, served instead of the baked ones', async () => {
    const body = geo([square('<img src=x onerror=alert(1)>'), square('Girwa नया', 73.8, 24.5)]);
    const res = await put('blocks', body);
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(await res.json(), { district_id: 'district-108', layer: 'blocks', features: 2, vertices: 10 });
    assert.deepEqual(stored(), [{ district_id: 'district-108', layer: 'blocks', features: 2 }]);
    const [audit] = d1(server.persist, "SELECT actor, action, entity_id FROM audit_log WHERE action = 'map_outlines.upload'");
    assert.deepEqual(audit, { actor: `account:${d1(server.persist, "SELECT id FROM accounts WHERE username = 'collector.udaipur'")[0].id}`, action: 'map_outlines.upload', entity_id: 'district-108/blocks' });
    const { layers } = await (await get('/api/map/outlines')).json();
    assert.deepEqual(layers.map((l) => l.layer), ['district', 'blocks']);
    assert.deepEqual(layers[1].features.map((f) => f.name), ['<img src=x onerror=alert(1)>', 'Girwa नया']);
    // Salumbar's own upload does not touch Udaipur's.
    assert.equal((await put('district', geo([square('Salumbar', 74.0, 24.0)]), salumbar)).status, 200);
    const udaipur = await (await get('/api/map/outlines')).json();
    assert.equal(udaipur.layers[0].features[0].rings[0].length > 10, true, 'Udaipur keeps the baked district outline');
  });
});

describe('reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prasar-map-test-'));
  let renamed; // a Girwa GP whose name looks like a formula
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Reads an XLSX with openpyxl (Debian's python3-openpyxl): cell values and types. */
  function readXlsx(bytes) {
    const file = join(dir, `r${Math.random().toString(36).slice(2)}.xlsx`);
    writeFileSync(file, bytes);
    const py = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
print(json.dumps({"sheet": ws.title, "rows": [[c.value for c in r] for r in ws.iter_rows()],
  "types": [[c.data_type for c in r] for r in ws.iter_rows()]}))`;
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, file], { encoding: 'utf8' }));
  }

  /** Parses the CSV bytes of a response (fetch's text() would drop the BOM). */
  async function parseCsv(res) {
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
    const rows = [];
    let row = [''];
    let quoted = false;
    const s = bytes.subarray(3).toString('utf8');
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (quoted) {
        if (c === '"' && s[i + 1] === '"') { row[row.length - 1] += '"'; i++; }
        else if (c === '"') quoted = false;
        else row[row.length - 1] += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') row.push('');
      else if (c === '\n') { rows.push(row); row = ['']; }
      else if (c !== '\r') row[row.length - 1] += c;
    }
    if (row.length > 1 || row[0] !== '') rows.push(row);
    return rows;
  }

  before(async () => {
    // An admin whose name a spreadsheet would run, through the real API…
    const replace = await call(server.url, '/api/groups/gp-42358/replace-admin', {
      session: collector, method: 'POST',
      json: { new_admin: { name: '=HYPERLINK("http://evil.example","x")', mobile: '9829066666' }, end_reason: 'other' },
    });
    assert.equal(replace.status, 200, await replace.clone().text());
    // …and a unit name such as an old import could have left.
    [{ id: renamed }] = d1(server.persist, `SELECT id FROM units WHERE block_id = 'block-1378'
      AND kind = 'gram_panchayat' AND id NOT IN ('gp-42356', 'gp-42358') ORDER BY id LIMIT 1`);
    await d1Execute(server.persist, `UPDATE units SET name_en = '@SUM(1+1)', name_hi = '' WHERE id = '${renamed}'`);
  });

  test('compliance JSON by block, GP and ward; status filter; bad filters refused', async () => {
    const blocks = await (await get('/api/reports/compliance?level=block')).json();
    assert.equal(blocks.rows.length, 16);
    assert.ok(blocks.rows.every((r) => r.counts.expected > 0));
    const girwa = blocks.rows.find((r) => r.id === 'block-1378');
    assert.ok(girwa.counts.actual >= 1, 'Alsigarh reported today');
    assert.equal((await (await get('/api/reports/compliance?level=ulb')).json()).rows.length, 3);
    const gps = await (await get('/api/reports/compliance?level=gram_panchayat&area=block-1378')).json();
    assert.equal(gps.rows.length, 37);
    const submitted = await (await get('/api/reports/compliance?level=gram_panchayat&status=submitted&area=block-1378')).json();
    assert.deepEqual(submitted.rows.map((r) => r.id), ['gp-42356']);
    const wards = await (await get('/api/reports/compliance?level=ward')).json();
    assert.equal(wards.rows.length, 125);

    await assertApiError(await get('/api/reports/compliance?from=2026-11-10&to=2026-11-01'), 400, 'invalid_date_range');
    await assertApiError(await get('/api/reports/compliance?from=2020-01-01&to=2026-11-01'), 400, 'invalid_date_range');
    await assertApiError(await get("/api/reports/compliance?from=2026-11-01'--"), 400, 'invalid_date_range');
    await assertApiError(await get('/api/reports/compliance?level=village'), 400, 'invalid_report_filter');
    await assertApiError(await get('/api/reports/compliance?status=green'), 400, 'invalid_report_filter');
    await assertApiError(await get('/api/reports/compliance?format=pdf'), 400, 'invalid_report_filter');
    await assertApiError(await get('/api/reports/compliance?area=district-salumbar'), 404, 'unit_not_found');
    await assertApiError(await get('/api/reports/compliance', state), 400, 'choose_district');
    assert.equal((await get('/api/reports/compliance?area=district-108', state)).status, 200);
    await assertApiError(await get('/api/reports/compliance', admin), 403, 'forbidden');
  });

  test('CSV and XLSX exports hold exactly the rows, with formulas neutralised', async () => {
    const q = 'level=gram_panchayat&area=block-1378';
    const json = await (await get(`/api/reports/compliance?${q}`)).json();
    const csvRes = await get(`/api/reports/compliance?${q}&format=csv&lang=en`);
    assert.equal(csvRes.status, 200);
    assert.match(csvRes.headers.get('content-type'), /^text\/csv/);
    assert.match(csvRes.headers.get('content-disposition'), /^attachment; filename="prasar-compliance-gram_panchayat-1378-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = await parseCsv(csvRes);
    assert.deepEqual(rows[0], ['Id', 'Name', 'Block', 'Expected reports', 'Reports', 'On time', 'Of which self-reported (chat export, no screenshot)', 'Reporting rate %', 'On-time rate %', 'Status on last day', 'Admin']);
    assert.deepEqual(rows.slice(1).map((r) => r[0]), json.rows.map((r) => r.id));
    const hyper = rows.find((r) => r[0] === 'gp-42358');
    assert.equal(hyper[10], '\'=HYPERLINK("http://evil.example","x")');
    assert.equal(rows.find((r) => r[0] === renamed)[1], "'@SUM(1+1)");
    assert.equal(rows.find((r) => r[0] === 'gp-42356')[4], '1');

    const xlsxRes = await get(`/api/reports/compliance?${q}&format=xlsx&lang=hi`);
    assert.equal(xlsxRes.status, 200);
    assert.equal(xlsxRes.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = readXlsx(Buffer.from(await xlsxRes.arrayBuffer()));
    assert.equal(book.sheet, 'अनुपालन');
    assert.equal(book.rows[0][1], 'नाम');
    assert.equal(book.rows.length, json.rows.length + 1);
    assert.deepEqual(book.rows.slice(1).map((r) => r[0]), json.rows.map((r) => r.id));
    const i = book.rows.findIndex((r) => r[0] === 'gp-42358');
    assert.equal(book.rows[i][10], '\'=HYPERLINK("http://evil.example","x")');
    assert.equal(book.types[i][10], 's', 'a string, not a formula');
    assert.ok(book.types.flat().every((t) => t !== 'f'), 'no formula anywhere');
    const alsigarh = book.rows.find((r) => r[0] === 'gp-42356');
    assert.equal(alsigarh[4], 1, 'numbers stay numbers');
  });

  test('inactive-admin and low-membership exports; overview and daily summary', async () => {
    const overview = await (await get('/api/reports/overview')).json();
    assert.equal(overview.trend.length, 30);
    assert.equal(overview.league.length, 16);
    assert.equal(overview.league[0].rank, 1);
    assert.ok(!overview.inactive.some((r) => r.group_id === 'gp-42358'), 'an admin assigned today is not inactive yet');
    assert.ok(overview.inactive.length > 100, 'the demo admins have not reported for a week');
    const csv = await parseCsv(await get('/api/reports/inactive?format=csv&lang=en'));
    assert.equal(csv.length - 1, overview.inactive.length);
    assert.ok(csv.slice(1).every((r) => /^[6-9]\d{9}$/.test(r[4])), 'mobiles as ten digits');
    const low = readXlsx(Buffer.from(await (await get('/api/reports/low-membership?format=xlsx&lang=en')).arrayBuffer()));
    assert.equal(low.rows.length - 1, overview.low_membership.length);
    assert.deepEqual(low.rows[0], ['Group id', 'Group', 'Block / urban body', 'Members', 'Member limit', 'Fill %']);
    await assertApiError(await get('/api/reports/inactive?format=json'), 400, 'invalid_report_filter');

    const daily = await (await get('/api/reports/daily')).json();
    assert.equal(daily.groups, 606);
    assert.equal(daily.statuses.reduce((a, b) => a + b, 0), 606);
    assert.ok(daily.statuses[1] >= 1, 'at least one submitted');
    assert.equal(daily.lines.length, 19);
  });
});

describe('background tiles (optional)', () => {
  let tiles; // a stand-in tile server on loopback
  let tiled; // a worker configured with MAP_TILE_URL
  const asked = [];
  const tilePng = makePng(256, 256);
  before(async () => {
    const http = await import('node:http');
    tiles = http.createServer((req, res) => {
      asked.push(req.url);
      if (/^\/\d+\/\d+\/\d+\.png$/.test(req.url)) {
        res.writeHead(200, { 'Content-Type': 'image/png' });
        res.end(tilePng);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise((ok) => tiles.listen(0, '127.0.0.1', ok));
    const { port } = tiles.address();
    tiled = await startServer({ vars: { MAP_TILE_URL: `http://127.0.0.1:${port}/{z}/{x}/{y}.png` } });
  });
  after(async () => {
    await tiled?.destroy();
    tiles?.close();
  });

  test('without a configured layer there are no tiles', async () => {
    await assertApiError(await get('/api/map/tiles/10/717/444.png'), 404, 'not_found');
    assert.equal((await (await get('/api/map/outlines')).json()).tile_attribution, null);
  });

  test('with one, tiles come through the worker and outlines carry the credit', async () => {
    const official = await login(tiled.url, 'collector.udaipur');
    const res = await call(tiled.url, '/api/map/tiles/10/717/444.png', { session: official });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), tilePng);
    assert.deepEqual(asked, ['/10/717/444.png']);
    const outlines = await (await call(tiled.url, '/api/map/outlines', { session: official })).json();
    assert.match(outlines.tile_attribution, /OpenStreetMap/);
    for (const bad of ['2/4/0', '20/0/0', 'a/b/c', '1/-1/0']) {
      await assertApiError(await call(tiled.url, `/api/map/tiles/${bad}`, { session: official }), 404, 'not_found');
    }
    await assertApiError(await call(tiled.url, '/api/map/tiles/10/717/444.png'), 401, 'unauthenticated');
    assert.equal(asked.length, 1, 'refused requests never reach the tile server');
  });
});
