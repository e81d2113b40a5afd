import init, { start_popup } from './ib.js';
await init({ module_or_path: new URL('ib_bg.wasm', import.meta.url) });
start_popup();
