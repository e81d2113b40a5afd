import init, { start_panel } from './ib_panel.js';
await init({ module_or_path: new URL('ib_panel_bg.wasm', import.meta.url) });
start_panel();
