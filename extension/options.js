import init, { start_options } from './ib.js';
await init({ module_or_path: new URL('ib_bg.wasm', import.meta.url) });
start_options();
