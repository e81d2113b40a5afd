import './i18n.js';
import './ask.js';
import init, { start_spottabl } from './ib_agency.js';
await init({ module_or_path: new URL('ib_agency_bg.wasm', import.meta.url) });
start_spottabl();
