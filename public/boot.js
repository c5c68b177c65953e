// Loads the Leptos app. Group admins' pages get their own small bundle (a cheap phone on
// 2G should not download the officials' registry screens); every other page gets the
// full app. Kept in its own file so the page needs no inline script and the
// Content-Security-Policy can forbid them.
const ADMIN_PAGES = ['/a', '/submit', '/story'];
const name = ADMIN_PAGES.includes(location.pathname) ? 'prasar_admin' : 'prasar_app';
const { default: init } = await import(`/pkg/${name}.js`);
await init({ module_or_path: `/pkg/${name}_bg.wasm` });
