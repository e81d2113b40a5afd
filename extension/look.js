// Firefox only (src/manifest.rs runs it after content.js): Firefox has no IntersectionObserver
// v2, which tells the panel in Chromium that a page hid or covered it (src/web/ui/visible.rs).
// Here the page's content script looks for what a page can do to the panel, and the worker
// tells the panel (seen.js). The panel is last in <html> at the top z-index, so of the page's
// elements only one after it at that z-index, one in the top layer, or a style on the panel's
// element, <html> or their generated content can hide it: a look costs a few computed styles.
(() => {
  if ('isVisible' in IntersectionObserverEntry.prototype) return;
  const TOP = '2147483647', WIDTH = 360, html = document.documentElement;
  const PLAIN = { opacity: '1', filter: 'none', transform: 'none', clipPath: 'none', maskImage: 'none', mixBlendMode: 'normal' };
  let host, frame, isOpen, seen = null, clean = 0, looker = 0;
  const tell = () => chrome.runtime.sendMessage({ PanelSeen: { seen } }).catch(() => {});
  const meets = (a, b) => a.width > 0 && a.height > 0 && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const some = (s) => { try { return [...document.querySelectorAll(s)]; } catch { return []; } };
  // Whether `el`, or anything in it (closed shadow roots too), paints over the panel's `r`.
  function over(el, r, high) {
    const s = getComputedStyle(el);
    high = high || (s.position !== 'static' && s.zIndex === TOP);
    if (high && meets(el.getBoundingClientRect(), r)) return true;
    const root = el.openOrClosedShadowRoot;
    return [...el.children, ...(root ? root.children : [])].some((k) => over(k, r, high));
  }
  function hidden() {
    if (!isOpen() || document.hidden || host.parentNode !== html) return true;
    const hs = getComputedStyle(host), ds = getComputedStyle(html);
    for (const k in PLAIN) if (hs[k] !== PLAIN[k] || ds[k] !== PLAIN[k]) return true;
    if (hs.visibility !== 'visible' || hs.zIndex !== TOP || hs.position !== 'fixed' || ds.transformStyle !== 'flat') return true;
    for (const [el, p] of [[host, '::before'], [host, '::after'], [html, '::after']]) {
      if (!/^(none|normal)$/.test(getComputedStyle(el, p).content)) return true;
    }
    const r = frame.getBoundingClientRect();
    if (r.width < WIDTH - 1 || r.left < 0 || r.right > innerWidth || r.top > 0 || r.bottom < innerHeight - 20) return true;
    if (some(':modal, :fullscreen').length) return true;
    if (some(':popover-open').some((p) => meets(p.getBoundingClientRect(), r))) return true;
    for (let el = host.nextElementSibling; el; el = el.nextElementSibling) if (over(el, r, false)) return true;
    return false;
  }
  // Seen after two clean looks in a row (as v2's delay): a trick can't flicker past. A look a
  // change in the page brings on only ever takes it away.
  function look(changed) {
    if (!host) return;
    let ok = false;
    try { ok = !hidden(); } catch {}
    if (changed === true && ok) return;
    clean = ok ? clean + 1 : 0;
    if ((clean >= 2) !== seen) (seen = clean >= 2, tell());
  }
  const quick = new MutationObserver(() => look(true));
  // content.js: the panel mounted (its element, frame and whether it is shown), or gone.
  globalThis.ibLook = (h, f, o) => {
    clearInterval(looker);
    quick.disconnect();
    [host, frame, isOpen, seen, clean] = [h, f, o, null, 0];
    if (!host) return;
    looker = setInterval(look, 200);
    quick.observe(html, { attributes: true, childList: true });
    quick.observe(host, { attributes: true });
    if (document.head) quick.observe(document.head, { childList: true, subtree: true, characterData: true });
    look();
  };
  // Back in a tab the recruiter left: seen again once two looks say so, without waiting out
  // Firefox's slower timers for background tabs.
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) (look(), setTimeout(look, 50));
  });
  // A panel starting asks for the last look's word.
  chrome.runtime.onMessage.addListener((m, sender) => {
    if (sender.id === chrome.runtime.id && m && m.type === 'AskSeen' && host) tell();
  });
})();
