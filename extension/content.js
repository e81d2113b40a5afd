// Content script: plain JS beside a page we don't trust. No wasm (a strict page CSP would
// block it), no keys, no vendor calls. It asks the worker whether this URL is a candidate
// page, reads only the fields the Rust adapter names, and mounts one panel iframe.
(() => {
  'use strict';
  const WIDTH = 360;
  let host = null, frame = null, toggle = null, skip = null, back = null, open = true;
  // Read now: once the extension is updated this script is cut off from its messages.
  const say = (key) => chrome.i18n.getMessage(key), NAME = say('ext_name'), UPDATED = say('updated');
  const html = document.documentElement;
  let rule = null, lastUrl = null, lastFields = null, leftFields = null, changedAt = 0, timer = 0, visit = 0;
  let orphaned = false;

  // An update or reload of the extension cuts this script off: chrome.runtime.id goes, and
  // sendMessage throws "Extension context invalidated".
  const cutOff = (e) => !(chrome.runtime && chrome.runtime.id) || /context invalidated/i.test(e && e.message);
  async function send(m) {
    try { return await chrome.runtime.sendMessage(m); } catch (e) { if (cutOff(e)) orphan(); return null; }
  }
  const text = (el) => (el.textContent || '').replace(/\s+/g, ' ').trim();

  // A stray `%` is a literal one (addresses may hold it).
  const decode = (s) => { try { return decodeURIComponent(s); } catch { return s; } };

  // Matches of `s` under `root` and inside every open shadow root below it: apps built from
  // web components (SmartRecruiters') keep their text there. Closed roots (ours) stay closed.
  function all(root, s) {
    const out = [...root.querySelectorAll(s)];
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...all(el.shadowRoot, s));
    return out;
  }

  // The first of `selectors` under `root` with text; emails prefer a mailto: link's address.
  // The page wrote it: an odd element is skipped, never fatal.
  function read(root, selectors, isEmail, max = 320) {
    for (const s of selectors || []) {
      for (const el of all(root, s)) {
        try {
          const href = isEmail && el.getAttribute('href');
          const v = href && href.startsWith('mailto:') ? decode(href.slice(7).split('?')[0]) : text(el);
          if (v) return v.slice(0, max);
        } catch {}
      }
    }
    return null;
  }

  // A repeated element per `list` rule: pipeline candidates, or the jobs a candidate is in.
  function items(list) {
    const out = [];
    if (!list) return out;
    const [attr, param] = list.id_attr.split('?');
    for (const el of all(document, list.item)) {
      let id = el.getAttribute(attr);
      try { if (id && param) id = new URL(id, location.href).searchParams.get(param); } catch { id = null; }
      // One past PIPELINE_CAP (src/message/page.rs), so the worker can say a list was cut.
      if (!id || out.length > 500) continue;
      const name = list.name.length ? read(el, list.name, false) : text(el).slice(0, 320);
      out.push({ id: id.slice(0, 100), name: name || '', email: read(el, list.email, true), first_name: read(el, list.first_name, false), last_name: read(el, list.last_name, false) });
    }
    return out;
  }

  function setImportant(el, styles) {
    for (const [k, v] of Object.entries(styles)) el.style.setProperty(k, v, 'important');
  }

  // Fixed page headers and footers ignore <html>'s margin: any that reach under the open panel
  // end at its edge instead, and get their own styles back when it closes. The page is sampled
  // at the panel's edge and middle, top and bottom, rather than every element styled.
  const moved = new Map();
  function fitFixed() {
    for (const [el, was] of moved) {
      for (const [k, v] of Object.entries(was)) v ? el.style.setProperty(k, v[0], v[1]) : el.style.removeProperty(k);
      moved.delete(el);
    }
    // One rating control, not two: the page's own row is hidden while the panel's shows.
    if (rule && rule.replaces) for (const el of all(document, rule.replaces)) {
      if (host && open) el.style.setProperty('display', 'none', 'important');
      else el.style.removeProperty('display');
    }
    if (!host || !open) return;
    // The viewport fixed elements are placed in, without the page's scrollbar.
    const right = html.clientWidth, edge = right - WIDTH, seen = new Set();
    for (const x of [edge + 4, right - 4]) for (const y of [2, 56, innerHeight - 4]) {
      for (let el of document.elementsFromPoint(x, y)) {
        for (; el && el !== document.body && el !== html; el = el.parentElement) {
          if (el === host || el === skip || seen.has(el)) break;
          seen.add(el);
          const cs = getComputedStyle(el);
          if (cs.position !== 'fixed') continue;
          const r = el.getBoundingClientRect(), over = r.right - edge;
          if (over <= 0) break;
          const was = {};
          for (const k of ['right', 'max-width']) was[k] = el.style.getPropertyValue(k) && [el.style.getPropertyValue(k), el.style.getPropertyPriority(k)];
          moved.set(el, was);
          if (cs.right !== 'auto') el.style.setProperty('right', parseFloat(cs.right) + over + 'px', 'important');
          if (cs.right === 'auto' || r.left - over < 0) el.style.setProperty('max-width', Math.max(0, r.width - over) + 'px', 'important');
          break;
        }
      }
    }
  }

  function layout() {
    setImportant(host, { width: (open ? WIDTH : 0) + 'px', 'box-shadow': open ? '-2px 0 8px rgba(0,0,0,.15)' : 'none' });
    frame.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = (open ? '\u25b8 ' : '\u25c2 ') + NAME;
    // Reflow the page beside the panel rather than covering its controls.
    html.style.setProperty('margin-right', (open ? WIDTH : 0) + 'px', 'important');
    fitFixed();
  }

  // The recruiter's choice, kept per ATS site by the worker.
  function show(on) {
    open = on;
    layout();
    send({ PanelShown: { open } });
  }

  // Keyboard users reach the panel from the page's start (the skip control) or from anywhere
  // (the shortcut); the panel starts them at its title (panel.js).
  function focusPanel() {
    if (!open) show(true);
    const now = document.activeElement;
    if (now && now !== document.body && now !== host && now !== skip) back = now;
    frame.focus();
  }

  // Inside our closed shadow roots no page style reaches; the host elements need !important.
  function button(label, css, click) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.style.cssText = 'font:600 13px system-ui,sans-serif;color:#fff;background:#1f5fbf;border:0;cursor:pointer;margin:0;' + css;
    b.addEventListener('click', click);
    return b;
  }

  // Firefox has no IntersectionObserver v2 to tell the panel it is hidden or covered: there
  // look.js, run after this script, looks instead (`ibLook`; absent in Chromium).
  const TOP = '2147483647';
  const watchSeen = (on) => globalThis.ibLook && globalThis.ibLook(on && host, frame, () => open);

  const FIXED = { position: 'fixed', margin: '0', padding: '0', border: '0' };
  function mount() {
    if (host) return;
    host = document.createElement('interview-bridge-panel');
    setImportant(host, Object.assign({ top: '0', right: '0', bottom: '0', 'z-index': TOP, display: 'block', background: '#fff' }, FIXED));
    const root = host.attachShadow({ mode: 'closed' });
    // A slim labelled tab on the panel's edge, where it stays when the panel is hidden. Nothing
    // of it (not even a shadow) may paint over the panel, or the panel counts itself covered.
    toggle = button('', 'position:absolute;top:96px;left:-26px;width:26px;padding:10px 0;writing-mode:vertical-rl;border-radius:6px 0 0 6px', () => show(!open));
    toggle.setAttribute('aria-label', NAME);
    toggle.setAttribute('aria-controls', 'ib-panel');
    frame = document.createElement('iframe');
    frame.id = 'ib-panel';
    frame.src = chrome.runtime.getURL(rule.panel);
    frame.title = NAME;
    frame.allow = 'clipboard-write';
    frame.style.cssText = 'border:0;width:100%;height:100%;display:block';
    root.append(toggle, frame);
    html.append(host);
    // First in the page's tab order and shown only while focused.
    skip = document.createElement('interview-bridge-skip');
    setImportant(skip, Object.assign({ top: '8px', left: '8px', 'z-index': '2147483647' }, FIXED));
    const jump = button(say('skip'), 'padding:10px 14px;border-radius:6px;outline:3px solid #0b3d91;outline-offset:2px', focusPanel);
    const away = (hide) => (jump.style.opacity = hide ? 0 : 1, jump.style.transform = hide ? 'translateY(-200%)' : 'none');
    away(true);
    jump.addEventListener('focus', () => away(false));
    jump.addEventListener('blur', () => away(true));
    skip.attachShadow({ mode: 'closed' }).append(jump);
    (document.body || html).prepend(skip);
    addEventListener('resize', fitFixed);
    layout();
    watchSeen(true);
  }

  // Only a reload brings the new version: stop watching, and say so where the panel was.
  function orphan() {
    if (orphaned) return;
    orphaned = true;
    ++visit;
    observer.disconnect();
    clearInterval(poll);
    clearTimeout(timer);
    watchSeen(false);
    if (!frame) return;
    const note = document.createElement('p');
    note.textContent = UPDATED;
    note.style.cssText = 'margin:0;padding:16px;font:14px system-ui;color:#334';
    frame.replaceWith(note);
    frame = note;
  }

  function unmount() {
    if (!host) return;
    watchSeen(false);
    host.remove();
    skip.remove();
    host = frame = toggle = skip = null;
    removeEventListener('resize', fitFixed);
    fitFixed();
    html.style.removeProperty('margin-right');
  }

  async function check() {
    if (orphaned) return;
    if (location.href !== lastUrl) {
      lastUrl = location.href;
      leftFields = lastFields;
      lastFields = null;
      changedAt = Date.now();
      // The last page's rule must not read this one while the worker is asked for its own.
      rule = null;
      const mine = ++visit;
      const reply = await send({ PageVisit: { url: lastUrl } });
      if (mine !== visit) return; // a newer navigation took over
      rule = reply && reply.PageRule ? reply.PageRule.rule : null;
      watchDom(!!rule);
      if (!rule) return unmount();
      if (!host) open = !reply.PageRule.hidden;
    }
    if (!rule) return;
    // Some pages have a panel only in one state (a Hellohire room only one-on-one).
    // Page headers drawn since are fitted too.
    if (rule.needs && !all(document, rule.needs).length) unmount();
    else if (host) fitFixed();
    else mount();
    // Even if reading fails the worker hears of this page: nothing read, and the panel says
    // so rather than keep the last candidate.
    let fields = {};
    try {
      fields = {
        name: read(document, rule.name, false), email: read(document, rule.email, true),
        title: read(document, rule.title, false), location: read(document, rule.location, false),
        description: read(document, rule.description, false, 4000),
        jobs: items(rule.jobs), people: items(rule.people),
      };
    } catch {}
    const key = JSON.stringify(fields);
    if (key === lastFields) return;
    // Routers change the URL before the view: the old candidate's details on the new URL are
    // not news yet. Give the view a moment to catch up before believing them.
    if (key === leftFields && Date.now() - changedAt < 1500) { clearTimeout(timer); timer = setTimeout(check, 250); return; }
    lastFields = key;
    send({ PageFields: { url: lastUrl, fields } });
  }

  // Nothing is read or mounted before the page's own load event (or 3 s): the recruiter's page
  // comes first (BENCHMARKS.md, host page load).
  let loaded = document.readyState === 'complete';
  const soon = () => { if (!loaded || orphaned) return; clearTimeout(timer); timer = setTimeout(check, 200); };
  // Where we act, SPA routers change the URL and then the DOM; watching the DOM catches both.
  // Elsewhere nothing is observed.
  const observer = new MutationObserver(soon);
  const watchDom = (on) => on
    ? observer.observe(html, { childList: true, subtree: true, characterData: true })
    : observer.disconnect();
  // pushState fires no event, and an isolated world cannot wrap the page's history methods.
  // So once a second compare location.href: one string compare, where a subtree observer runs
  // on every DOM change the app makes. The same tick notices the extension being cut off.
  const poll = setInterval(() => {
    if (cutOff()) orphan();
    else if (location.href !== lastUrl) soon();
  }, 1000);
  addEventListener('popstate', soon);
  addEventListener('hashchange', soon);
  chrome.runtime.onMessage.addListener((m, sender) => {
    if (sender.id !== chrome.runtime.id || !m || !host) return;
    // The panel rated: the same rating is pressed in the page's own row.
    if (m.type === 'Rated') {
      for (const b of rule && rule.replaces ? all(document, rule.replaces + ' button') : []) if (text(b).toLowerCase() === m.rating) b.click();
      return;
    }
    if (m.type !== 'TogglePanel') return;
    // The shortcut: to the panel, and back to the page from it.
    if (open && document.activeElement === host) {
      show(false);
      (back && back.isConnected ? back : toggle).focus();
    } else focusPanel();
  });
  // A page whose load never comes (a hung image) still gets its panel, a little later.
  const start = () => { if (loaded) return; loaded = true; check(); };
  if (loaded) check();
  else { addEventListener('load', start, { once: true }); setTimeout(start, 3000); }
})();
