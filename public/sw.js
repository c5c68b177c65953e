// Prasar's service worker. It keeps the group admins' app shell in a versioned cache so
// a second visit loads with no network at all, receives screenshots shared from
// WhatsApp (Web Share Target), and sends the outbox when Background Sync says the
// network is back. It never caches /api/*: those answers are per session and live.
importScripts('/outbox.js');

// Stamped by build_app (scripts/lib.sh) with a hash of the files below.
const VERSION = '__PRASAR_SHELL_VERSION__';
const CACHE = `prasar-shell-${VERSION}`;
const SHELL = [
  '/', '/boot.js', '/outbox.js', '/media.js', '/style.css',
  '/pkg/prasar_admin.js', '/pkg/prasar_admin_bg.wasm',
  '/manifest.webmanifest', '/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png',
  '/icons/icon-maskable-512.png',
];
// Pages of the admins' app, answered with the cached index.html (precached as '/': the
// asset server redirects /index.html there). Everything else
// (officials' pages, the worker's own /a/<token> and no-JS form) goes to the network.
const APP_PAGES = ['/', '/a', '/submit', '/story', '/chat'];

self.addEventListener('install', (event) => {
  // `no-cache`: revalidate rather than trust a stale HTTP cache entry of another version.
  event.waitUntil(caches.open(CACHE)
    .then((c) => c.addAll(SHELL.map((u) => new Request(u, { cache: 'no-cache' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('prasar-shell-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  if (request.method === 'POST' && url.pathname === '/share-target') {
    event.respondWith(receiveShare(request));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') {
    if (APP_PAGES.includes(url.pathname)) {
      event.respondWith(caches.match('/', { cacheName: CACHE }).then((hit) => hit || fetch(request)));
    }
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
  }
});

/** A WhatsApp chat export ("Export chat" shares a .txt, or a .zip on iPhone). */
const isChatExport = (f) => /\.(txt|zip)$/i.test(f.name)
  || ['text/plain', 'application/zip', 'application/x-zip-compressed'].includes(f.type);

/**
 * Share target: a chat export goes to /chat, which takes it from Cache Storage
 * (`prasar-shared`, `/shared/chat-export`; chat/src/page.rs); screenshots are kept for
 * the form. Then the page opens (303: GET).
 */
async function receiveShare(request) {
  let page = '/submit?shared=1';
  try {
    const form = await request.formData();
    const files = form.getAll('files').filter((f) => f instanceof File && f.size > 0);
    const chat = files.find(isChatExport);
    if (chat) {
      const cache = await caches.open('prasar-shared');
      await cache.put('/shared/chat-export', new Response(chat, { headers: { 'Content-Type': chat.type || 'application/octet-stream' } }));
      page = '/chat?shared=1';
    } else {
      await PrasarOutbox.putShared(files);
    }
  } catch (e) {
    console.error('share target', e);
  }
  return Response.redirect(page, 303);
}

self.addEventListener('sync', (event) => {
  if (event.tag !== 'prasar-outbox') return;
  // Rejecting asks the browser to try again later (with its own back-off).
  event.waitUntil(PrasarOutbox.send({ wait: true }).then((r) => {
    if (r === 'offline') throw new Error('still offline');
  }));
});
