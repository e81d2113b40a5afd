// Service worker shim. MV3 only delivers events to listeners registered synchronously at the
// top level, so they are registered here and the wasm (which decides everything) is awaited
// inside them.
import init, { handle_message, resume } from './ib_worker.js';
import initBridges, { bridge_message, bridge_resume } from './ib_bridges.js';

// Keys live in chrome.storage.local, which content scripts may read and write by default: code
// in a content-script world (a compromised ATS renderer) would read every key and could point
// the settings elsewhere. Only the extension's own pages and this worker may touch it; set at
// every start, before the wasm reads or writes anything. Chromium before 140 lacks this for
// local storage: the extension still works there, with the old exposure and a console warning.
const trusted = Promise.resolve()
  .then(() => chrome.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }))
  .catch((e) => console.warn(`Interview Bridge: content scripts can still reach local storage (${e})`));
// Stored data is brought up to this version's schema as the main wasm starts: the bridges' wasm,
// started after it, carries no migrations.
const ready = trusted
  .then(() => init({ module_or_path: new URL('ib_worker_bg.wasm', import.meta.url) }))
  .then(() => resume('storage'));
const base = chrome.runtime.getURL('');

// The hosts our content scripts run on are pages, each ATS tenant hostile, never an API a key
// may be sent to; Firefox counts them as granted hosts all the same (src/web/chrome.rs, granted).
const PAGE_HOSTS = chrome.runtime.getManifest().content_scripts.flatMap((c) => c.matches.map((m) => m.split('/')[2]));
globalThis.pageHost = (host) =>
  PAGE_HOSTS.some((p) => p === host || (p.startsWith('*.') && (host === p.slice(2) || host.endsWith(p.slice(1)))));

// The workflows between two other systems (Hellohire × SmartRecruiters, Spottabl × Lever) are
// a second wasm,
// started only when one of their requests or alarms comes: a recruiter who doesn't use them
// never loads it. After the main one, whose start upgrades stored data first. Its requests are
// `read::BRIDGE_REQUESTS` (a native test holds this list to it).
const BRIDGED = new Set(['FindInSmartRecruiters', 'CreateInSmartRecruiters', 'Rate', 'PreviewSync', 'SyncRegistrants', 'GetSpottablImport', 'ImportSpottablJobs', 'SetSpottablAuto', 'LookInSpottabl', 'GetSpottablStages', 'SaveSpottablStages', 'GetSpottablJob', 'ImportSpottablJob', 'SpottablThread', 'GetLeverUsers']);
const BRIDGE_ALARMS = new Set(['ratings', 'spottabl']);
let bridges;
const bridgesReady = () =>
  (bridges ??= ready.then(() => initBridges({ module_or_path: new URL('ib_bridges_bg.wasm', import.meta.url) })));
const nameOf = (message) => (typeof message === 'string' ? message : Object.keys(message ?? {})[0]);

// Where the recruiter hid the panel, by ATS site (the page's host): a view preference the wasm
// never reads, so it is kept here (`store::records::PANEL_HIDDEN`). One change at a time, so two
// tabs toggling together both count. Absent (every earlier version): shown everywhere.
const HIDDEN = 'panel_hidden';
let hiding = Promise.resolve();
function siteOf(sender) {
  try { return sender.tab && sender.frameId === 0 ? new URL(sender.url).host : null; } catch { return null; }
}
const hiddenSites = () =>
  ready.then(() => chrome.storage.local.get(HIDDEN)).then((kept) => (Array.isArray(kept[HIDDEN]) ? kept[HIDDEN] : []));
function panelShown(site, open) {
  hiding = hiding
    .then(hiddenSites)
    .then((sites) => chrome.storage.local.set({ [HIDDEN]: sites.filter((s) => s !== site).concat(open ? [] : [site]) }))
    .catch((e) => console.warn(`Interview Bridge: the panel's state wasn't kept (${e})`));
}

// Firefox gives the panel (an extension page framed in a web page) the content scripts' API:
// no storage.session, nor its change events. A panel there asks (ListenSession) and is sent each
// change instead; the frames are kept in session storage, which outlives the event page.
const RELAY = 'session_relay';
let relaying = Promise.resolve();
// Read once per start, not on every change (Chromium's panels never ask: the list stays empty).
let relayed;
const relayFrames = () =>
  (relayed ??= chrome.storage.session.get(RELAY).then((kept) => kept[RELAY] ?? []).catch(() => []));
// One change at a time, each on the list as it is then: two panels starting together both count.
function relayChange(change) {
  relaying = relaying
    .then(relayFrames)
    .then((frames) => {
      const next = change(frames);
      relayed = Promise.resolve(next);
      return chrome.storage.session.set({ [RELAY]: next });
    })
    .catch(() => {});
}
chrome.storage.session.onChanged.addListener((changes) => {
  if (RELAY in changes) return;
  relayFrames().then((frames) => {
    for (const [tab, frame] of frames) {
      chrome.tabs.sendMessage(tab, { SessionChanged: changes }, { frameId: frame }).catch(() =>
        relayChange((now) => now.filter(([t, f]) => t !== tab || f !== frame)));
    }
  });
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  const name = nameOf(message), site = siteOf(sender);
  if (name === 'ListenSession') {
    if (sender.tab && sender.url?.startsWith(base)) {
      const [tab, frame] = [sender.tab.id, sender.frameId];
      relayChange((frames) => (frames.some(([t, f]) => t === tab && f === frame) ? frames : frames.concat([[tab, frame]])));
    }
    return false;
  }
  // Firefox has no IntersectionObserver v2: a page's content script says whether its panel can
  // be seen, and the panels in that tab are told (seen.js); a panel starting asks for the last.
  if (name === 'PanelSeen') {
    if (site) chrome.tabs.sendMessage(sender.tab.id, { Seen: message.PanelSeen?.seen === true }).catch(() => {});
    return false;
  }
  if (name === 'AskSeen') {
    if (sender.tab && sender.frameId && sender.url?.startsWith(base)) {
      chrome.tabs.sendMessage(sender.tab.id, { type: 'AskSeen' }, { frameId: 0 }).catch(() => {});
    }
    return false;
  }
  if (name === 'PanelShown') {
    if (site) panelShown(site, message.PanelShown?.open === true);
    return false;
  }
  // In a Hellohire room the panel's rating stands in for the page's own row (hidden while the
  // panel shows, `PageRule::replaces`): the page's content script presses the same rating there,
  // so Hellohire keeps it too, whatever SmartRecruiters answers.
  if (name === 'Rate' && sender.tab && sender.frameId) {
    chrome.tabs.sendMessage(sender.tab.id, { type: 'Rated', rating: message.Rate?.rating }, { frameId: 0 }).catch(() => {});
  }
  const who = { url: sender.url ?? null, tab_id: sender.tab?.id ?? null, frame_id: sender.frameId ?? null };
  let answer = BRIDGED.has(name)
    ? bridgesReady().then(() => bridge_message(message, who, base))
    : ready.then(() => handle_message(message, who, base));
  if (name === 'PageVisit' && site) {
    answer = Promise.all([answer, hiddenSites().catch(() => [])]).then(([reply, sites]) => {
      if (reply?.PageRule?.rule) reply.PageRule.hidden = sites.includes(site);
      return reply;
    });
  }
  answer.then(sendResponse, (e) => sendResponse({ Failed: { failure: { message: `Interview Bridge hit an internal error: ${e}`, key_problem: null } } }));
  return true;
});

// A bulk invite, or a Hellohire rating SmartRecruiters hasn't taken yet, carries on whenever
// the worker starts, and its alarm (named as the work) starts the worker while one is
// unfinished (the browser stops idle workers). A PageUp application waiting for a video waits
// on its alarm alone: its look asks the provider for every open invite, which a worker start
// (each page visit after an idle stop) should not repeat.
ready.then(() => resume('bulk'));
ready
  .then(() => chrome.storage.local.get('hellohire_pending'))
  .then((kept) => kept.hellohire_pending?.length && bridgesReady().then(() => bridge_resume('ratings')));
chrome.alarms.onAlarm.addListener((alarm) => {
  if (BRIDGE_ALARMS.has(alarm.name)) bridgesReady().then(() => bridge_resume(alarm.name));
  else ready.then(() => resume(alarm.name));
});

// Named as before, so a key the recruiter assigned to it is kept; it now focuses the panel.
chrome.commands.onCommand.addListener(async (command) => {
  if (command !== 'toggle-panel') return;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) chrome.tabs.sendMessage(tab.id, { type: 'TogglePanel' }).catch(() => {});
});
