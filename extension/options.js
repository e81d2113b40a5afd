import './i18n.js';
import './ask.js';
import init, { start_options } from './ib_settings.js';
await init({ module_or_path: new URL('ib_settings_bg.wasm', import.meta.url) });
start_options();
