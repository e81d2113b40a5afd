// Firefox has no IntersectionObserver v2 (`trackVisibility`), which tells the panel when a page
// hides or covers it (src/web/ui/visible.rs). There the page's content script looks instead and
// the worker passes its word on: this stands in for the observer the panel starts, with that word
// as `isVisible`. Until the word comes nothing counts as seen.
if (!('isVisible' in IntersectionObserverEntry.prototype)) {
  const Native = IntersectionObserver, told = new Set();
  let seen = false;
  const tell = (cb) => cb([{ isVisible: seen, isIntersecting: seen }]);
  chrome.runtime.onMessage.addListener((m, sender) => {
    // Only the worker's word: a page's content script sends from a tab.
    if (sender.id !== chrome.runtime.id || sender.tab || typeof m?.Seen !== 'boolean') return;
    seen = m.Seen;
    told.forEach(tell);
  });
  globalThis.IntersectionObserver = function (cb, options) {
    if (!options?.trackVisibility) return new Native(cb, options);
    return { observe: () => (told.add(cb), tell(cb)), unobserve() {}, disconnect: () => told.delete(cb), takeRecords: () => [] };
  };
  chrome.runtime.sendMessage('AskSeen').catch(() => {});
}
