// The outbox: every submission goes into IndexedDB first (its JSON and the compressed
// screenshots), then leaves when the network allows. Shared by the page (which sends
// with XMLHttpRequest for upload progress) and the service worker (Background Sync,
// fetch). A Web Lock keeps two senders from running at once; even without it the
// idempotent API (client_key, PUT per image position) makes a second sender harmless.
//
// A plain script, no import/export: the service worker loads it with importScripts and
// boot.js with import(); either way it defines self.PrasarOutbox.
(() => {
  const DB_NAME = 'prasar';
  const OUTBOX = 'outbox';
  const SHARED = 'shared';
  const LOCK = 'prasar-outbox';
  // Sent entries stay listed (without their images) for three days.
  const KEEP_SENT_MS = 3 * 86400e3;
  // The server takes capture dates from 2010 on (core/src/submission.rs).
  const EARLIEST_CAPTURE_MS = 1262304000000;
  const SIGNED_OUT = ['unauthenticated', 'csrf_failed'];

  // Changes are announced as a `prasar-outbox` event on `self` ({key, progress?}), here
  // and, through a BroadcastChannel, in every other tab and the service worker.
  const channel = 'BroadcastChannel' in self ? new BroadcastChannel(LOCK) : null;
  const progress = new Map(); // key → 0..1 while this context uploads it
  const tell = (detail) => self.dispatchEvent(new CustomEvent('prasar-outbox', { detail }));
  const notify = (msg) => { tell(msg); channel?.postMessage(msg); };
  if (channel) channel.onmessage = (e) => tell(e.data);

  let opened;
  function db() {
    opened ??= new Promise((ok, fail) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore(OUTBOX, { keyPath: 'key' });
        req.result.createObjectStore(SHARED);
      };
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    }).catch((e) => { opened = undefined; throw e; });
    return opened;
  }

  /** Runs `work(store)` in one transaction; resolves with its value once committed. */
  async function tx(name, mode, work) {
    const d = await db();
    return new Promise((ok, fail) => {
      const t = d.transaction(name, mode);
      let value;
      Promise.resolve(work(t.objectStore(name))).then((v) => { value = v; }, fail);
      t.oncomplete = () => ok(value);
      t.onerror = t.onabort = () => fail(t.error);
    });
  }
  const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });

  /** Changes one entry in place; answers the new record, or null if it was discarded. */
  const update = (key, change) => tx(OUTBOX, 'readwrite', async (s) => {
    const rec = await req(s.get(key));
    if (!rec) return null;
    change(rec);
    rec.updated_at_ms = Date.now();
    s.put(rec);
    return rec;
  });

  /** Stores a new submission: `meta` is its JSON (see app/src/outbox.rs), one blob per image. */
  async function add(metaJson, blobs) {
    const meta = JSON.parse(metaJson);
    meta.images.forEach((img, i) => { img.blob = blobs[i]; img.sent = false; });
    Object.assign(meta, { state: 'waiting', error: null, submission_id: null, tries: 0, updated_at_ms: Date.now() });
    await tx(OUTBOX, 'readwrite', (s) => s.add(meta));
    // Ask the browser not to evict the queue under storage pressure (best effort).
    navigator.storage?.persist?.().catch(() => {});
    notify({ key: meta.key });
  }

  /** Every entry without its image bytes, newest first (see QueueEntry in app/src/outbox.rs). */
  async function list() {
    const all = await tx(OUTBOX, 'readonly', (s) => req(s.getAll()));
    const now = Date.now();
    const old = all.filter((e) => e.state === 'sent' && now - e.sent_at_ms > KEEP_SENT_MS);
    if (old.length) await tx(OUTBOX, 'readwrite', (s) => old.forEach((e) => s.delete(e.key)));
    return all.filter((e) => !old.includes(e)).sort((a, b) => b.created_at_ms - a.created_at_ms).map((e) => ({
      key: e.key,
      group_name_hi: e.group_name_hi,
      group_name_en: e.group_name_en,
      created_at_ms: e.created_at_ms,
      image_count: e.images.length,
      images_sent: e.images.filter((i) => i.sent).length,
      state: e.state,
      error_code: e.error?.code,
      error_en: e.error?.message_en,
      error_hi: e.error?.message_hi,
      progress: progress.get(e.key),
      submission_id: e.submission_id ?? undefined,
    }));
  }

  async function discard(key) {
    await tx(OUTBOX, 'readwrite', (s) => s.delete(key));
    notify({ key });
  }

  async function retry(key) {
    await update(key, (e) => { if (e.state === 'failed') { e.state = 'waiting'; e.error = null; } });
    notify({ key });
    return send();
  }

  class Offline extends Error {}

  /** The API's refusal as stored with the entry; anything else becomes a generic one. */
  const apiError = (err) => (typeof err?.code === 'string' && typeof err.message_en === 'string'
    ? { code: err.code, message_en: err.message_en, message_hi: err.message_hi || err.message_en }
    : { code: 'internal', message_en: `Something went wrong on the phone: ${err}`, message_hi: `फ़ोन पर कुछ गड़बड़ हुई: ${err}` });

  /** One API call. Answers the parsed JSON of a 2xx; throws the API's error or Offline. */
  function call(method, url, body, headers, onProgress) {
    const settle = (status, text) => {
      let json = null;
      try { json = JSON.parse(text); } catch { /* a proxy's HTML page */ }
      if (status >= 200 && status < 300 && json) return json;
      // Server trouble and captive portals: try again later. Refusals are final.
      if (!json?.code || status >= 500 || status === 408 || status === 429) throw new Offline(`HTTP ${status}`);
      throw json;
    };
    if (onProgress && typeof XMLHttpRequest !== 'undefined') {
      return new Promise((ok, fail) => {
        const x = new XMLHttpRequest();
        x.open(method, url);
        for (const [k, v] of Object.entries(headers)) x.setRequestHeader(k, v);
        x.upload.onprogress = (e) => { if (e.lengthComputable && e.total) onProgress(e.loaded / e.total); };
        x.onload = () => { try { ok(settle(x.status, x.responseText)); } catch (e) { fail(e); } };
        x.onerror = x.onabort = x.ontimeout = () => fail(new Offline('network'));
        x.send(body);
      });
    }
    return fetch(url, { method, headers, body, credentials: 'same-origin', cache: 'no-store' })
      .then(async (r) => settle(r.status, await r.text()), (e) => { if (e instanceof Offline) throw e; throw new Offline(String(e)); });
  }

  /** Sends one entry; every step can be repeated safely. */
  async function sendEntry(key, csrf) {
    let e = await update(key, (r) => { r.state = 'sending'; r.tries += 1; });
    if (!e) return;
    notify({ key });
    const base = { 'X-CSRF-Token': csrf };
    if (!e.submission_id) {
      const created = await call('POST', `/api/groups/${encodeURIComponent(e.group_id)}/submissions`,
        JSON.stringify(e.body), { ...base, 'Content-Type': 'application/json' });
      const stored = new Set(created.submission.images.map((i) => i.position));
      e = await update(key, (r) => {
        r.submission_id = created.submission.id;
        r.images.forEach((img, i) => { if (stored.has(i)) img.sent = true; });
      });
      if (!e) return;
    }
    const total = e.images.reduce((n, i) => n + i.bytes, 0) || 1;
    for (let i = 0; i < e.images.length; i++) {
      const img = e.images[i];
      if (img.sent) continue;
      const before = e.images.slice(0, i).filter((x) => x.sent).reduce((n, x) => n + x.bytes, 0);
      const headers = { ...base, 'Content-Type': img.content_type, 'X-Prasar-Phash': img.phash };
      // The date is a hint, not a requirement: a phone whose clock was reset (1970, or
      // ahead) must not block the upload, so a date the server cannot take is left out.
      const at = img.captured_at_ms;
      if (at != null && at >= EARLIEST_CAPTURE_MS && at <= Date.now() + 86400e3) headers['X-Prasar-Captured-At'] = String(at);
      const url = `/api/submissions/${encodeURIComponent(e.submission_id)}/images/${i}`;
      const onProgress = (p) => { progress.set(key, (before + p * img.bytes) / total); notify({ key, progress: progress.get(key) }); };
      try {
        await call('PUT', url, img.blob, headers, onProgress);
      } catch (err) {
        if (err?.code !== 'invalid_captured_at') throw err;
        delete headers['X-Prasar-Captured-At'];
        await call('PUT', url, img.blob, headers, onProgress);
      }
      e = await update(key, (r) => { r.images[i].sent = true; });
      if (!e) return;
      progress.set(key, (before + img.bytes) / total);
    }
    progress.delete(key);
    // Delivered: the bytes are on the server now, free the phone's storage.
    await update(key, (r) => {
      r.state = 'sent';
      r.sent_at_ms = Date.now();
      r.images.forEach((img) => { img.blob = null; });
    });
    notify({ key });
  }

  async function csrfToken() {
    const me = await call('GET', '/api/session', undefined, {});
    return me.csrf_token;
  }

  // The page sends while it is open (with upload progress); Background Sync is asked for
  // only when the page could not finish: offline, or the app goes to the background with
  // something unsent. The service worker then sends when the network is back.
  const inPage = typeof document !== 'undefined';
  function requestSync() {
    if (inPage) navigator.serviceWorker?.ready.then((r) => r.sync?.register(LOCK)).catch(() => {});
  }
  if (inPage) {
    document.addEventListener('visibilitychange', async () => {
      if (!document.hidden) return;
      const all = await tx(OUTBOX, 'readonly', (s) => req(s.getAll()));
      if (all.some((e) => e.state === 'waiting' || e.state === 'sending')) requestSync();
    });
  }

  /**
   * Sends everything that waits. Answers 'done', 'offline' (try again later), 'busy'
   * (another tab or the service worker is sending) or 'empty'. With `wait`, waits for
   * another sender to finish instead of answering 'busy' (the service worker's sync).
   */
  async function send({ wait = false } = {}) {
    const run = async (lock) => {
      if (lock === null) return 'busy';
      let result = 'empty';
      // Entries added while we send are picked up by the next round.
      for (;;) {
        const all = await tx(OUTBOX, 'readonly', (s) => req(s.getAll()));
        // Entries refused only because the session had ended go again once it is back.
        const signedOut = (e) => e.state === 'failed' && SIGNED_OUT.includes(e.error?.code);
        const todo = all.filter((e) => e.state === 'waiting' || e.state === 'sending' || signedOut(e))
          .sort((a, b) => a.created_at_ms - b.created_at_ms);
        if (!todo.length) return result;
        let csrf;
        try {
          csrf = await csrfToken();
        } catch (err) {
          if (err instanceof Offline) return 'offline';
          // Signed out (the link was revoked or replaced): say so on every entry.
          for (const e of todo) await update(e.key, (r) => { r.state = 'failed'; r.error = apiError(err); });
          notify({});
          return 'done';
        }
        if (result === 'done' && todo.every(signedOut)) return result; // refused again this round
        for (const e of todo) {
          try {
            await sendEntry(e.key, csrf);
          } catch (err) {
            progress.delete(e.key);
            const offline = err instanceof Offline;
            await update(e.key, (r) => { r.state = offline ? 'waiting' : 'failed'; r.error = offline ? null : apiError(err); });
            notify({ key: e.key });
            if (offline) return 'offline';
          }
        }
        result = 'done';
      }
    };
    const result = await (navigator.locks ? navigator.locks.request(LOCK, { ifAvailable: !wait }, run) : run(true));
    if (result === 'offline') requestSync();
    return result;
  }

  /** Files shared into the app (share target), kept until the form takes them. */
  const putShared = (files) => tx(SHARED, 'readwrite', (s) => s.put({ files, at: Date.now() }, 'latest'));
  const takeShared = () => tx(SHARED, 'readwrite', async (s) => {
    const rec = await req(s.get('latest'));
    s.delete('latest');
    return rec?.files ?? [];
  });

  self.PrasarOutbox = {
    add, list, discard, retry, send, putShared, takeShared,
  };
})();
