// Loads the Leptos app. Kept in its own file so the page needs no inline script and the
// Content-Security-Policy can forbid them.
import init from '/pkg/prasar_app.js';

init({ module_or_path: '/pkg/prasar_app_bg.wasm' });
