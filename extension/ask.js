// How every extension page asks the worker (the wasm's `ask` calls it). A vendor's rate limit
// longer than one message may wait is answered at once, as a failure whose message is the one
// code point 0xF0000 + the seconds (src/message/failure.rs, LATER): the page waits here
// and asks the same again, so no reply hangs on a worker that Firefox stops after 30 s idle, and
// the worker keeps nothing in between. A few times at most; then the page says so.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (key) => chrome.i18n.getMessage(key);
export async function ibAsk(message) {
  for (let asked = 1; ; asked++) {
    const reply = await chrome.runtime.sendMessage(message);
    const said = reply?.Failed?.failure?.message ?? '';
    const later = [...said].length === 1 ? said.codePointAt(0) - 0xf0000 : 0;
    if (!(later > 0)) return reply;
    if (asked > 3) {
      return { Failed: { failure: { message: say('e_still_limited'), key_problem: null } } };
    }
    await sleep(later * 1000);
  }
}
globalThis.ibAsk = ibAsk;
