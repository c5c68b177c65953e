// Property-based API fuzzing: schemathesis (from PyPI, installed by scripts/test.sh into
// target/venv) reads /api/openapi.json and throws generated requests at every operation
// as a signed-in collector and as a group admin. Any 5xx, any response that breaks its
// documented schema or content type, fails the test. Bounded: a fixed seed and a small
// number of examples per operation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, startServer } from '../lib/server.mjs';
import { adminSession, call, login } from '../lib/session.mjs';

const SCHEMATHESIS = join(ROOT, 'target/venv/bin/schemathesis');
const EXAMPLES = process.env.PRASAR_API_FUZZ_EXAMPLES ?? '12';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.destroy(); });

function run(name, session) {
  const report = join(ROOT, `target/test-logs/schemathesis-${name}.xml`);
  mkdirSync(join(ROOT, 'target/test-logs'), { recursive: true });
  const args = ['run', `${server.url}/api/openapi.json`,
    '-H', `Cookie: ${session.cookie}`, '-H', `X-CSRF-Token: ${session.csrf}`,
    '--checks', 'not_a_server_error,response_schema_conformance,content_type_conformance',
    '--max-examples', EXAMPLES, '--seed', '20261127', '--workers', '2',
    '--request-timeout', '30', '--report', 'junit', '--report-junit-path', report,
    // The session comes from the headers above; no invented cookies, no stored examples
    // from earlier runs (the seed alone decides what is generated).
    '--generation-with-security-parameters', 'false', '--generation-database', 'none',
    '--exclude-path-regex', '/session/logout.*',
  ];
  return new Promise((resolve) => {
    const child = spawn(SCHEMATHESIS, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => resolve({ code, out }));
  });
}

test('the OpenAPI description is served and complete', async () => {
  const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
  assert.equal(doc.openapi, '3.1.0');
  const operations = Object.values(doc.paths).flatMap((p) => Object.keys(p));
  assert.ok(operations.length >= 50, `${operations.length} operations`);
});

// The group admin goes first: the submissions and stories it leaves behind are what the
// collector's run then reviews (the document links lists to their items' operations).
for (const [name, who] of [
  ['group-admin', async (url) => adminSession(url, await login(url, 'collector.udaipur'), 'gp-42356')],
  ['collector', (url) => login(url, 'collector.udaipur')]]) {
  test(`schemathesis as ${name}: no server errors, no schema violations`, { timeout: 900_000 }, async () => {
    assert.ok(existsSync(SCHEMATHESIS), 'schemathesis is installed by scripts/test.sh');
    const session = await who(server.url);
    const { code, out } = await run(name, session);
    // The whole report (every operation, every failure with its curl line) for reading.
    writeFileSync(join(ROOT, `target/test-logs/schemathesis-${name}.log`), out);
    const summary = out.split('\n').filter((l) => /passed|failed|errors?|operations|Summary|Failures|=====/i.test(l)).slice(-12);
    console.log(summary.map((l) => `# ${l}`).join('\n'));
    assert.equal(code, 0, out.slice(-6000));
  });
}

// The document's examples are meant to reach real handlers, not only their refusals: the
// admin's run creates a submission and a story, the collector's a campaign item.
test('the runs reached real handlers: their examples created records', async () => {
  const collector = await login(server.url, 'collector.udaipur');
  const get = async (path) => {
    const res = await call(server.url, path, { session: collector });
    assert.equal(res.status, 200, path);
    return res.json();
  };
  const submissions = (await get('/api/submissions')).submissions;
  assert.ok(submissions.some((s) => s.group_id === 'gp-42356'), 'a submission for gp-42356');
  const stories = (await get('/api/stories')).stories;
  assert.ok(stories.some((s) => s.unit.id === 'gp-42356'), 'a story about gp-42356');
  // Upcoming, or past if the run's links withdrew it.
  const items = [...(await get('/api/campaign-items?when=upcoming')).items,
    ...(await get('/api/campaign-items?when=past')).items];
  assert.ok(items.some((i) => i.item.starts_on === '2099-01-01'), 'the example campaign item');
});
