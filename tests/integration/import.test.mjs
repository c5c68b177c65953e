// Registry import from CSV and XLSX: dry run, all-or-nothing apply, idempotent
// re-import, and every hostile file getting a clear bilingual error with nothing stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { d1Execute, startServer } from '../lib/server.mjs';
import { d1 } from '../lib/state.mjs';
import { call, login } from '../lib/session.mjs';
import { makeZip } from '../lib/zip.mjs';
import { sendOversize } from '../lib/oversize.mjs';

let server;
let collector;
before(async () => {
  server = await startServer();
  collector = await login(server.url, 'collector.udaipur');
});
after(async () => { if (process.env.PRASAR_DUMP_LOG) console.log(server?.log()); await server?.destroy(); });

const HEADER = 'unit_type,unit_code,unit_name_en,unit_name_hi,parent_code,lon,lat,location_exact,group_name,invite_link,member_limit,member_count,admin_name,admin_mobile,admin_designation,admin_department';

const upload = (body, session = collector, query = '') =>
  call(server.url, `/api/imports${query}`, { session, method: 'POST', body });
const apply = (id, session = collector) => call(server.url, `/api/imports/${id}/apply`, { session, method: 'POST' });

/** Everything an import could touch, to prove a refused file changed nothing. */
function registryState() {
  const q = (sql) => JSON.stringify(d1(server.persist, sql));
  return [
    q('SELECT * FROM units ORDER BY id'),
    q('SELECT * FROM groups ORDER BY id'),
    q('SELECT * FROM admins ORDER BY id'),
    q('SELECT * FROM assignments ORDER BY id'),
    q('SELECT count(*) FROM member_counts'),
  ].join('\n');
}

async function expectPreview(res) {
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

const GOOD = [
  HEADER,
  // An update: Alsigarh gets its Hindi name and a new member count.
  'gp,42356,Alsigarh,अलसीगढ़,1378,,,,,,,777,,,,',
  // A new GP in Girwa with its group and a new admin.
  'gp,99001,Naya Kheda,नया खेड़ा,1378,73.70,24.55,yes,Naya Kheda सूचना समूह,https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStU1,1024,310,Kamla Devi,98290 11111,पंचायत सचिव,पंचायती राज',
  // A new block and a GP under it, defined later in the same file.
  'gp,99002,Dungri,,99900,,,,,,,,Ramesh Meena,+91 98290 22222,VDO,Panchayati Raj',
  'block,99900,Naya Block,नया ब्लॉक,108,,,,,,,,,,,',
  // A new ward of Udaipur Municipal Corporation; a name that looks like a formula.
  'ward,UDR-MC-W81,=Ward 81,वार्ड 81,UDR-MC,,,,,,,,,,,',
].join('\n');

describe('dry run and apply', () => {
  let preview;

  test('the dry run lists every change and stores nothing', async () => {
    const before = registryState();
    preview = await expectPreview(await upload(GOOD));
    assert.deepEqual(preview.errors, []);
    assert.deepEqual(preview.counts, { created: 4, updated: 1, unchanged: 0, errors: 0 });
    assert.ok(preview.import_id);
    const alsigarh = preview.changes.find((c) => c.unit_code === '42356');
    assert.equal(alsigarh.action, 'update');
    assert.deepEqual(alsigarh.fields_changed, ['name_hi', 'member_count']);
    assert.equal(registryState(), before, 'a dry run changes nothing');
  });

  test('apply writes everything in one go', async () => {
    const res = await apply(preview.import_id);
    assert.equal(res.status, 200, await res.clone().text());
    const alsigarh = d1(server.persist, "SELECT name_hi FROM units WHERE id = 'gp-42356'")[0];
    assert.equal(alsigarh.name_hi, 'अलसीगढ़');
    const [gp] = d1(server.persist, "SELECT * FROM units WHERE id = 'gp-99001'");
    assert.equal(gp.parent_id, 'block-1378');
    assert.equal(gp.block_id, 'block-1378');
    assert.equal(gp.district_id, 'district-108');
    assert.equal(gp.location_exact, 1);
    const [dungri] = d1(server.persist, "SELECT parent_id, block_id FROM units WHERE id = 'gp-99002'");
    assert.deepEqual(dungri, { parent_id: 'block-99900', block_id: 'block-99900' });
    const [ward] = d1(server.persist, "SELECT name_en, parent_id FROM units WHERE code = 'UDR-MC-W81'");
    assert.deepEqual(ward, { name_en: '=Ward 81', parent_id: 'ulb-udaipur-mc' }, 'formula-looking text is kept as text');
    const detail = await (await call(server.url, '/api/groups/gp-99001', { session: collector })).json();
    assert.equal(detail.admin.name, 'Kamla Devi');
    assert.equal(detail.admin.mobile, '+919829011111');
    assert.equal(detail.member_counts[0].member_count, 310);
    assert.equal(detail.invite_link, 'https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStU1');
    const count = await (await call(server.url, '/api/groups/gp-42356', { session: collector })).json();
    assert.equal(count.member_counts[0].member_count, 777);
    const audit = d1(server.persist, "SELECT * FROM audit_log WHERE action = 'import.apply'");
    assert.equal(audit.length, 1);
    assert.equal(JSON.parse(audit[0].detail).created, 4);
  });

  test('applying twice is refused; re-importing the same file changes nothing', async () => {
    const again = await apply(preview.import_id);
    assert.equal(again.status, 409);
    assert.equal((await again.json()).code, 'import_already_applied');
    const before = registryState();
    const second = await expectPreview(await upload(GOOD));
    assert.deepEqual(second.counts, { created: 0, updated: 0, unchanged: 5, errors: 0 });
    assert.equal((await apply(second.import_id)).status, 200);
    assert.equal(registryState(), before);
  });

  test('a preview overtaken by another change is stale', async () => {
    const csv = `${HEADER}\ngp,42358,Badi Undri,बड़ी उन्दरी,1378,,,,,,,,,,,`;
    const p = await expectPreview(await upload(csv));
    await call(server.url, '/api/groups/gp-42358/member-counts', { session: collector, method: 'POST', json: { member_count: 12 } });
    const res = await apply(p.import_id);
    assert.equal(res.status, 409);
    assert.equal((await res.json()).code, 'import_stale');
  });

  test('a failure while applying leaves nothing half-done', async () => {
    const csv = `${HEADER}\ngp,42361,Barapal,बारापाल,1378,,,,,,,,,,,\ngp,99003,Clash,,1378,,,,,,,,,,,`;
    const p = await expectPreview(await upload(csv));
    // Someone (outside Prasar) creates the same GP under another id meanwhile: the
    // second row's insert now violates (kind, code) uniqueness.
    await d1Execute(server.persist, "INSERT INTO units (id, kind, code, parent_id, name_en, valid_from) VALUES ('gp-clash', 'gram_panchayat', '99003', 'block-1378', 'Clash', '2026-01-01')");
    const before = registryState();
    const res = await apply(p.import_id);
    assert.equal(res.status, 503);
    assert.equal(registryState(), before);
    assert.equal(d1(server.persist, "SELECT name_hi FROM units WHERE id = 'gp-42361'")[0].name_hi, '', 'the first row was not applied either');
  });
});

describe('templates', () => {
  for (const lang of ['hi', 'en']) {
    test(`the ${lang} CSV and XLSX templates download and read back`, async () => {
      const csv = await call(server.url, `/api/imports/template.csv?lang=${lang}`, { session: collector });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type'), /text\/csv/);
      assert.match(csv.headers.get('content-disposition'), /attachment/);
      const text = await csv.text();
      assert.match(text.split('\n')[0], lang === 'hi' ? /इकाई_प्रकार/ : /unit_type/);
      const xlsx = await call(server.url, `/api/imports/template.xlsx?lang=${lang}`, { session: collector });
      assert.equal(xlsx.status, 200);
      const bytes = Buffer.from(await xlsx.arrayBuffer());
      assert.equal(bytes.subarray(0, 2).toString(), 'PK');
      for (const file of [Buffer.from(text), bytes]) {
        const p = await expectPreview(await upload(file));
        // The examples name district 900, which is not Udaipur (108): the two rows that
        // hang from the district are refused until the office fills in its own code.
        assert.deepEqual(p.errors.map((e) => [e.column, e.code]), [['parent_code', 'unknown_parent'], ['parent_code', 'unknown_parent']]);
        assert.equal(p.import_id, null);
      }
    });
  }
});

describe('hostile files store nothing', () => {
  let unchanged;
  before(() => { unchanged = registryState(); });
  after(() => { assert.equal(registryState(), unchanged); });

  async function rejected(body, reason) {
    await rejectedWith(await upload(body), reason);
  }

  async function rejectedWith(res, reason) {
    assert.equal(res.status, 422, await res.clone().text());
    const err = await res.json();
    assert.equal(err.code, 'import_file_rejected');
    assert.equal(err.reason, reason);
    assert.match(err.message_hi, /[\u0900-\u097F]/);
    assert.ok(err.message_en.length > 10);
  }

  async function rowErrors(csv) {
    const p = await expectPreview(await upload(csv));
    assert.equal(p.import_id, null, 'a file with errors cannot be applied');
    assert.ok(p.errors.length > 0);
    for (const e of p.errors) assert.match(e.message_hi, /[\u0900-\u097F]/);
    return p.errors;
  }

  test('empty, binary, and not-UTF-8 files', async () => {
    await rejected('', 'empty');
    await rejected(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0, 0x1a]), 'not_csv_or_xlsx');
    await rejected(Buffer.from(`${HEADER}\ngp,1,G\xe4rwa,,1378`, 'latin1'), 'not_utf8');
  });

  test('malformed CSV', async () => {
    await rejected(`${HEADER}\ngp,42356,"Alsigarh,,1378`, 'unclosed_quote');
    await rejected(`${HEADER}\ngp,42356,Alsigarh,,1378,extra,fields`, 'field_count');
  });

  test('an XLSX that is not a zip, or a zip of something else', async () => {
    await rejected(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), 'not_a_zip');
    const notXlsx = makeZip([{ name: 'hello.txt', data: Buffer.from('not a workbook') }]);
    const res = await upload(notXlsx);
    assert.equal(res.status, 422);
  });

  test('a zip bomb, honest or lying about its size', async () => {
    const huge = Buffer.alloc(300 * 1024 * 1024, 0x41);
    const honest = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: huge }]);
    const lying = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: huge, declaredSize: 1000 }]);
    assert.ok(honest.length < 1024 * 1024, `bomb is ${honest.length} bytes`);
    await rejected(honest, 'zip_bomb');
    const res = await upload(lying);
    assert.equal(res.status, 422, 'a lying bomb is refused too');
  });

  test('duplicate codes, unknown parents, bad phones, formula codes', async () => {
    const errors = await rowErrors([
      HEADER,
      'gp,99010,One,,1378,,,,,,,,,,,',
      'gp,99010,Two,,1378,,,,,,,,,,,',
      'gp,99011,Orphan,,4242,,,,,,,,,,,',
      'gp,99012,Phone,,1378,,,,,,,,Someone,12345,,',
      'gp,=1+1,Formula,,1378,,,,,,,,,,,',
      'block,99013,Other district block,,999,,,,,,,,,,,',
    ].join('\n'));
    const codes = errors.map((e) => `${e.row}:${e.column}:${e.code}`);
    assert.ok(codes.includes('3:unit_code:duplicate_code'), codes.join(' '));
    assert.ok(codes.includes('4:parent_code:unknown_parent'), codes.join(' '));
    assert.ok(codes.includes('5:admin_mobile:invalid_mobile'), codes.join(' '));
    assert.ok(codes.some((c) => c.startsWith('6:unit_code:')), codes.join(' '));
    assert.ok(codes.includes('7:parent_code:unknown_parent'), codes.join(' '));
  });

  test('another district\'s units cannot be used as parents', async () => {
    // Block 1384 (Salumbar) exists, but in another district.
    const errors = await rowErrors(`${HEADER}\ngp,99020,Sneaky,,1384,,,,,,,,,,,`);
    assert.equal(errors[0].code, 'unknown_parent');
  });

  test('50,000 rows', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `gp,${500000 + i},GP ${i},,1378,,,,,,,,,,,`);
    await rejected([HEADER, ...rows].join('\n'), 'too_many_rows');
  });

  test('over 10 MB', async () => {
    // Refused on its Content-Length before the body is read (a whole 10 MB body through
    // wrangler dev's proxy can lose the answer's body: tests/lib/oversize.mjs).
    const res = await sendOversize(server.url, '/api/imports', { session: collector, headers: { 'Content-Type': 'text/csv' }, declared: 10 * 1024 * 1024 + 1 });
    await rejectedWith(res, 'too_large');
  });

  test('roles that may not import, and other districts', async () => {
    const bdo = await login(server.url, 'bdo.girwa');
    assert.equal((await upload(GOOD, bdo)).status, 403);
    const salumbar = await login(server.url, 'collector.salumbar');
    const p = await expectPreview(await upload(`${HEADER}\ngp,42636,Bamniya,बामनिया,1384,,,,,,,,,,,`, salumbar));
    assert.ok(p.import_id);
    // A Udaipur officer cannot apply Salumbar's import.
    assert.equal((await apply(p.import_id, collector)).status, 404);
    const state = await login(server.url, 'state.admin');
    assert.equal((await upload(GOOD, state)).status, 404, 'the state administrator must name a district');
  });
});
