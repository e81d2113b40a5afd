// Content script: plain JS beside a page we don't trust. No wasm (a strict page CSP would
// block it), no keys, no vendor calls. It asks the worker whether this URL is a candidate
// page, reads only the fields the Rust adapter names, and mounts one panel iframe.
(() => {
  'use strict';
  const WIDTH = 360;
  let host = null, frame = null, toggle = null, open = true;
  const UPDATED = 'Interview Bridge was updated \u2014 reload this page';
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

  function layout() {
    setImportant(host, { width: (open ? WIDTH : 44) + 'px' });
    frame.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.setAttribute('aria-label', open ? 'Hide the Interview Bridge panel' : 'Show the Interview Bridge panel');
    toggle.textContent = open ? '\u203a' : '\u2039';
    // Reflow the page beside the panel rather than covering its controls.
    document.documentElement.style.setProperty('margin-right', open ? WIDTH + 'px' : '44px', 'important');
  }

  function mount() {
    if (host) return;
    host = document.createElement('interview-bridge-panel');
    setImportant(host, { position: 'fixed', top: '0', right: '0', bottom: '0', 'z-index': '2147483646', display: 'flex', margin: '0', padding: '0', border: '0', background: '#fff', 'box-shadow': '-2px 0 8px rgba(0,0,0,.15)' });
    const root = host.attachShadow({ mode: 'closed' });
    toggle = document.createElement('button');
    toggle.type = 'button';
    setImportant(toggle, { width: '44px', 'min-width': '44px', border: '0', 'border-right': '1px solid #ddd', background: '#f4f6f8', cursor: 'pointer', font: '20px system-ui, sans-serif', color: '#334' });
    toggle.addEventListener('click', () => { open = !open; layout(); });
    frame = document.createElement('iframe');
    frame.src = chrome.runtime.getURL(rule.panel);
    frame.title = 'Interview Bridge';
    frame.allow = 'clipboard-write';
    setImportant(frame, { border: '0', width: '100%', height: '100%', 'flex': '1' });
    root.append(toggle, frame);
    document.documentElement.append(host);
    layout();
  }

  // Only a reload brings the new version: stop watching, and say so where the panel was.
  function orphan() {
    if (orphaned) return;
    orphaned = true;
    ++visit;
    observer.disconnect();
    clearInterval(poll);
    clearTimeout(timer);
    if (!frame) return;
    const note = document.createElement('p');
    note.textContent = UPDATED;
    setImportant(note, { margin: '0', padding: '16px', font: '14px system-ui, sans-serif', color: '#334' });
    frame.replaceWith(note);
    frame = note;
  }

  function unmount() {
    if (!host) return;
    host.remove();
    host = frame = toggle = null;
    document.documentElement.style.removeProperty('margin-right');
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
      mount();
    }
    if (!rule) return;
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
    ? observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true })
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
    if (sender.id === chrome.runtime.id && m && m.type === 'TogglePanel' && host) { open = !open; layout(); }
  });
  // A page whose load never comes (a hung image) still gets its panel, a little later.
  const start = () => { if (loaded) return; loaded = true; check(); };
  if (loaded) check();
  else { addEventListener('load', start, { once: true }); setTimeout(start, 3000); }
})();
