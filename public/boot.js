// Loads the Leptos app. Group admins' pages get their own small bundle (a cheap phone on
// 2G should not download the officials' registry screens) plus the outbox and image
// helpers; every other page gets the full app. Kept in its own file so the page needs no
// inline script and the Content-Security-Policy can forbid them.
const ADMIN_PAGES = ['/a', '/submit', '/story', '/chat'];
const admin = ADMIN_PAGES.includes(location.pathname);
const name = admin ? 'prasar_admin' : 'prasar_app';

// Android offers installation with this event, often before the app has loaded: keep it
// for the install button (app/src/components/submit/install.rs).
let installPrompt = null;
const changed = () => dispatchEvent(new Event('prasar-install'));
addEventListener('beforeinstallprompt', (e) => { e.preventDefault(); installPrompt = e; changed(); });
addEventListener('appinstalled', () => { installPrompt = null; changed(); });
self.PrasarPwa = {
  canInstall: () => installPrompt !== null,
  async install() {
    const p = installPrompt;
    installPrompt = null;
    changed();
    if (!p) return false;
    await p.prompt();
    return (await p.userChoice).outcome === 'accepted';
  },
};

// The chat-export page (/chat) is run by a module of its own (chat/), fetched only when
// the page's element appears (after in-app navigation too); it follows the language
// switch (<html lang>) and drops the file when the page is left. A failed fetch may be
// retried.
let chatReader;
globalThis.prasarChat = () => {
  chatReader ??= import('/pkg/prasar_chat.js')
    .then(async (m) => {
      await m.default({ module_or_path: '/pkg/prasar_chat_bg.wasm' });
      return m;
    })
    .catch((e) => {
      chatReader = undefined;
      throw e;
    });
  return chatReader;
};
const hindi = () => document.documentElement.lang !== 'en';
let chatRoot = null;
new MutationObserver(() => {
  const el = document.getElementById('chat-root');
  if (el === chatRoot) return;
  const left = chatRoot;
  chatRoot = el;
  globalThis.prasarChat()
    .then((m) => {
      if (left) m.unmount();
      if (el) m.mount(el, hindi());
    })
    .catch(() => { if (el) el.textContent = el.dataset.failed; });
}).observe(document.body, { childList: true, subtree: true });
new MutationObserver(() => {
  if (chatRoot) globalThis.prasarChat().then((m) => m.set_lang(hindi()));
}).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });

// The image helpers are needed only once a screenshot is chosen: loaded then.
let media;
const lazyMedia = (fn) => async (...args) => {
  media ??= import('/media.js').then(() => self.PrasarMediaImpl, (e) => { media = undefined; throw e; });
  return (await media)[fn](...args);
};
self.PrasarMedia = { compress: lazyMedia('compress'), share: lazyMedia('share') };

// On a slow link every round trip counts: the WASM and the submit page's first API
// answers download alongside the JS instead of after it (app/src/api.rs takes them).
const wasm = fetch(`/pkg/${name}_bg.wasm`);
if (location.pathname === '/submit') {
  self.PrasarEarly = new Map(['/api/session', '/api/groups', '/api/campaign-items/today'].map((path) => {
    const answer = fetch(path, { credentials: 'same-origin' });
    answer.catch(() => {}); // offline: api.rs sees the failure when it takes the answer
    return [path, answer];
  }));
}

navigator.serviceWorker?.register('/sw.js').catch((e) => console.warn('service worker', e));

const [{ default: init }] = await Promise.all([
  import(`/pkg/${name}.js`),
  ...(admin ? [import('/outbox.js')] : []),
]);
await init({ module_or_path: wasm });
