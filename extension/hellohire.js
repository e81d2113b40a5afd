import init, { start_hellohire } from './ib_hellohire.js';
await init({ module_or_path: new URL('ib_hellohire_bg.wasm', import.meta.url) });
start_hellohire();
