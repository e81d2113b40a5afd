// Benchmark reference (never shipped): the least any side-panel extension does. The same
// geometry as Interview Bridge's content script (a fixed host on the right, a closed shadow
// root, a 360px iframe of an extension page, the page reflowed with margin-right), and nothing
// else: no messages, no worker, no reading of the page.
(() => {
  'use strict';
  const WIDTH = 360;
  const important = (el, styles) => {
    for (const [k, v] of Object.entries(styles)) el.style.setProperty(k, v, 'important');
  };
  const host = document.createElement('bench-reference-panel');
  important(host, { position: 'fixed', top: '0', right: '0', bottom: '0', width: WIDTH + 'px', 'z-index': '2147483646', display: 'flex', margin: '0', padding: '0', border: '0', background: '#fff', 'box-shadow': '-2px 0 8px rgba(0,0,0,.15)' });
  const root = host.attachShadow({ mode: 'closed' });
  const frame = document.createElement('iframe');
  frame.src = chrome.runtime.getURL('frame.html');
  frame.title = 'Benchmark reference panel';
  important(frame, { border: '0', width: '100%', height: '100%', flex: '1' });
  root.append(frame);
  document.documentElement.append(host);
  document.documentElement.style.setProperty('margin-right', WIDTH + 'px', 'important');
})();
