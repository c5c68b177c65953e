// Starts the real worker under `wrangler dev --local` (workerd with local D1 and R2) on a
// free loopback port with a throw-away --persist-to directory, and stops it by PID.
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { Agent, setGlobalDispatcher } from 'undici';

import { clockPinned } from './clock.mjs';

// wrangler dev's proxy sometimes closes a kept-alive connection right after a response
// (and after 5 s idle); a client that reuses the socket at that moment gets "other side
// closed" for a request the server never saw. Tests open a fresh loopback connection per
// request instead (undici: pipelining 0 disables keep-alive).
setGlobalDispatcher(new Agent({ pipelining: 0 }));

const execFileP = promisify(execFile);
export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');

const ENV = {
  ...process.env,
  CI: 'true',
  WRANGLER_SEND_METRICS: 'false',
  // wrangler dev otherwise holds every response until the request body is drained, so a
  // client lying about Content-Length would never see our 413 (production does not).
  WRANGLER_DISABLE_REQUEST_BODY_DRAINING: '1',
  // scripts/test.sh built the worker; wrangler's build step must not redo it.
  PRASAR_SKIP_WORKER_BUILD: '1',
};

async function freePort() {
  return new Promise((ok, fail) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

async function wrangler(args) {
  return execFileP(WRANGLER, args, { cwd: ROOT, env: ENV, maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Applies migrations, the generated Udaipur seed (scripts/test.sh makes it) and, for
 * scoping tests, a second district to a fresh persist directory.
 */
export async function preparePersistDir(options = {}) {
  // wrangler's local D1 has, rarely, failed to start a command ("false == true" from
  // inside miniflare); a fresh directory makes one more attempt safe.
  try {
    return await preparePersistDirOnce(options);
  } catch (e) {
    console.warn(`preparing a local D1 failed, trying once more: ${String(e.message).split('\n')[0]}`);
    return preparePersistDirOnce(options);
  }
}

async function preparePersistDirOnce({ otherDistrict = true, seed = 'target/seed/udaipur.sql' } = {}) {
  const persist = mkdtempSync(join(tmpdir(), 'prasar-test-'));
  await wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist]);
  const files = [seed];
  if (otherDistrict) files.push('tests/fixtures/other-district.sql');
  for (const file of files) {
    await wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--file', file]);
  }
  return persist;
}

/** Runs a SQL file against a local D1 through wrangler. */
export async function d1ExecuteFile(persist, file) {
  await wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--file', file]);
}

/** Puts an object straight into the local R2 bucket (as a crashed worker could leave it). */
export async function r2Put(persist, key, file) {
  await wrangler(['r2', 'object', 'put', `prasar-screenshots/${key}`, '--file', file, '--local', '--persist-to', persist]);
}

/** Runs SQL against a stopped or running server's local D1 through wrangler. */
export async function d1Execute(persist, sql) {
  try {
    return await wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--command', sql, '--json']);
  } catch (e) {
    // wrangler reports SQL errors on stdout when --json is given.
    throw new Error(`${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/**
 * Starts `wrangler dev`. The worker must already be built (scripts/test.sh does that);
 * the build command then finds its inputs unchanged and returns at once.
 */
export async function startServer({ persist, vars = {}, args = [] } = {}) {
  persist ??= await preparePersistDir();
  // A pinned test clock (clock.mjs) needs the worker to honour the clock header.
  if (clockPinned) vars = { PRASAR_TEST_CLOCK: '1', ...vars };
  const port = await freePort();
  // workerd's inspector defaults to port 9229: two test servers on one machine (other
  // engineers' runs included) would collide there, so each gets a free one.
  const inspectorPort = await freePort();
  // `vars`: extra worker variables for this run only (e.g. PRASAR_TEST_CLOCK, which
  // lets tests move the worker's clock; wrangler.toml never sets it). `args`: extra
  // wrangler dev flags (e.g. --test-scheduled).
  const varArgs = Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const child = spawn(
    WRANGLER,
    ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist,
      '--inspector-port', String(inspectorPort), '--show-interactive-dev-session=false', ...varArgs, ...args],
    { cwd: ROOT, env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((ok) => child.on('exit', ok));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      process.kill(-child.pid, 'SIGKILL');
      throw new Error(`wrangler dev did not answer within 90 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // With a custom build, wrangler runs the build once more when its file watcher is
  // ready and then reloads the worker; a request in flight at that moment gets a 503
  // "worker restarted mid-request". Wait for that build, then for the reload to settle.
  while (!log.includes('changed, restarting build')) {
    if (Date.now() > deadline) throw new Error(`wrangler dev never ran its watcher build:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 500));
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch { /* reloading */ }
    if (Date.now() > deadline) throw new Error(`wrangler dev stopped answering:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    persist,
    log: () => log,
    /** Stops wrangler and workerd (the whole process group); keeps the data. */
    async stop() {
      if (child.exitCode === null) {
        process.kill(-child.pid, 'SIGINT');
        const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch {} }, 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
    /** Kills wrangler and workerd at once (SIGKILL), as a crash would; keeps the data. */
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid, 'SIGKILL');
        await exited;
      }
    },
    /** Stops and deletes the persist directory. */
    async destroy() {
      await this.stop();
      rmSync(persist, { recursive: true, force: true });
    },
  };
}
