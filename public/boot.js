// Loads the Leptos app. Group admins' pages get their own small bundle (a cheap phone on
// 2G should not download the officials' registry screens); every other page gets the
// full app. Kept in its own file so the page needs no inline script and the
// Content-Security-Policy can forbid them.
const ADMIN_PAGES = ['/a', '/submit', '/story', '/chat'];
const name = ADMIN_PAGES.includes(location.pathname) ? 'prasar_admin' : 'prasar_app';

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

const { default: init } = await import(`/pkg/${name}.js`);
await init({ module_or_path: `/pkg/${name}_bg.wasm` });
