// Loads the Leptos app. Group admins' pages get their own small bundle (a cheap phone on
// 2G should not download the officials' registry screens); every other page gets the
// full app. Kept in its own file so the page needs no inline script and the
// Content-Security-Policy can forbid them.
const ADMIN_PAGES = ['/a', '/submit', '/story', '/chat'];
const name = ADMIN_PAGES.includes(location.pathname) ? 'prasar_admin' : 'prasar_app';

// The chat-export reader is a module of its own, fetched only when an admin opens an
// export on /chat (see app/src/chat_engine.rs); a failed fetch may be retried.
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

const { default: init } = await import(`/pkg/${name}.js`);
await init({ module_or_path: `/pkg/${name}_bg.wasm` });
