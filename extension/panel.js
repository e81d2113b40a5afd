import './i18n.js';
import './ask.js';
import './seen.js';
import init, { start_panel } from './ib_panel.js';
await init({ module_or_path: new URL('ib_panel_bg.wasm', import.meta.url) });
start_panel();
// The page's "Skip to Interview Bridge" and the shortcut focus this frame: keyboard and screen
// reader users start at its title. A press on a control has focused that control by now.
addEventListener('focus', () => setTimeout(() => {
  const title = document.getElementById('panel-title');
  if (document.activeElement === document.body && title) {
    title.tabIndex = -1;
    title.focus();
  }
}));
