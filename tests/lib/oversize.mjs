// Oversize requests the way a route must handle them: the body is over the route's limit
// (declared, or streamed without a length), and the worker must answer 413 before the
// body has arrived.
//
// Only the first bytes are written, then the answer is awaited: a route that read the
// whole body first would wait for bytes that never come, and the test would time out.
// A whole oversize body through `wrangler dev` is no better test: the tests run its proxy
// with WRANGLER_DISABLE_REQUEST_BODY_DRAINING (so a lying client sees the worker's own
// answer), and that proxy, having forwarded part of a body the worker refused, answers
// the next request it gets with a 503 "worker restarted" (Cloudflare's edge has no such
// quirk). So once the answer is in, the body is completed where it is small enough and a
// throw-away request takes that 503.
import net from 'node:net';

/** The body of an HTTP/1.1 `chunked` response so far, and whether it is complete. */
function dechunk(buf) {
  const parts = [];
  let at = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', at);
    if (eol < 0) return { body: Buffer.concat(parts), complete: false };
    const size = parseInt(buf.subarray(at, eol).toString(), 16);
    if (Number.isNaN(size)) return { body: Buffer.concat(parts), complete: false };
    if (size === 0) return { body: Buffer.concat(parts), complete: true };
    if (buf.length < eol + 2 + size + 2) return { body: Buffer.concat(parts), complete: false };
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** Parses what arrived: status, headers, body so far, and whether the body is complete. */
function parse(data) {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = data.subarray(0, end).toString().split('\r\n');
  const head = lines.join('\n');
  const status = Number(lines[0].split(' ')[1]);
  const headers = lines.slice(1)
    .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()])
    .filter(([k]) => !/^transfer-encoding$/i.test(k));
  const raw = data.subarray(end + 4);
  if (/^transfer-encoding:\s*chunked/im.test(head)) return { status, headers, ...dechunk(raw) };
  const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? -1);
  if (length < 0) return { status, headers, body: raw, complete: false };
  return { status, headers, body: raw.subarray(0, length), complete: raw.length >= length };
}

/**
 * Absorbs the proxy's one 503 after a request whose body was refused or cut (see above):
 * throw-away POSTs until one is not a 503. Browser tests call it before a page's first
 * POST, which the proxy, unlike a GET, does not retry by itself.
 */
export async function settle(url) {
  for (let i = 0; i < 10; i++) {
    const res = await fetch(`${url}/api/health`, { method: 'POST', headers: { Origin: url } }).catch(() => null);
    await res?.arrayBuffer();
    if (res && res.status !== 503) return;
  }
}

/**
 * `method path` on `url` as `session` (cookie and CSRF token), declaring `declared` bytes
 * of body and sending only the first `sent`. With `chunked`, no length is declared and
 * `sent` bytes go as one chunk. Resolves to a fetch `Response` of the worker's answer.
 */
export async function sendOversize(url, path, options = {}) {
  const res = await sendOversizeOnce(url, path, options);
  // The proxy's own 503 (plain text, not the worker's JSON or HTML) means an earlier
  // cut request's 503 reached this one before `settle` could take it: send it again.
  const type = res.headers.get('content-type') ?? '';
  if (res.status === 503 && !/json|html/.test(type)) return sendOversizeOnce(url, path, options);
  return res;
}

async function sendOversizeOnce(url, path, { method = 'POST', session, headers = {}, declared = 0, sent = 16 * 1024, chunked = false } = {}) {
  const { host, port } = new URL(url);
  const length = chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(declared) };
  const h = { Host: host, Origin: url, ...length, Connection: 'close', ...headers };
  if (session) {
    h.Cookie = session.cookie;
    h['X-CSRF-Token'] = session.csrf;
  }
  const head = `${method} ${path} HTTP/1.1\r\n${Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
  const answer = await new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let data = Buffer.alloc(0);
    let completed = false;
    let settled = false;
    const finish = (parsed) => {
      if (settled) return;
      settled = true;
      clearTimeout(noAnswer);
      clearTimeout(partial);
      socket.destroy();
      resolve(parsed);
    };
    const noAnswer = setTimeout(() => { socket.destroy(); reject(new Error(`no answer before the body: ${data}`)); }, 20_000);
    let partial;
    socket.on('data', (d) => {
      data = Buffer.concat([data, d]);
      const parsed = parse(data);
      if (!parsed) return;
      if (!completed) {
        // The answer has begun before the body: complete the body now (when small
        // enough) so the proxy can finish the answer and stay sound.
        completed = true;
        const rest = chunked ? 0 : declared - Math.min(sent, declared);
        if (chunked) socket.write('0\r\n\r\n');
        else if (rest <= 1024 * 1024) socket.write(Buffer.alloc(rest, 0x20));
        partial = setTimeout(() => finish(parse(data)), 3_000);
      }
      if (parsed.complete) finish(parsed);
    });
    socket.on('close', () => { const parsed = parse(data); if (parsed) finish(parsed); });
    socket.on('error', () => { const parsed = parse(data); if (parsed) finish(parsed); });
    socket.on('connect', () => {
      socket.write(head);
      if (chunked) socket.write(`${sent.toString(16)}\r\n${' '.repeat(sent)}\r\n`);
      else socket.write(Buffer.alloc(Math.min(sent, declared), 0x20));
    });
  });
  await settle(url);
  const body = [204, 304].includes(answer.status) ? null : answer.body;
  return new Response(body, { status: answer.status, headers: answer.headers });
}
