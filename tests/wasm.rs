//! Browser-side Rust in headless Chromium (wasm-bindgen-test): the storage wrapper, storage
//! listeners, asking the worker and the message codec, the pieces every context relies on.
#![cfg(target_arch = "wasm32")]

use interview_bridge::ats::Ats;
use interview_bridge::ats_api::lever;
use interview_bridge::provider::sparkhire;
use std::cell::RefCell;
use std::rc::Rc;

use interview_bridge::message::{Candidate, PageContext, PageFields, Reply, Request, Source, Wire};
use interview_bridge::web::chrome::{ask, on_storage_change};
use interview_bridge::web::ui::lifecycle::listen_while_mounted;
use interview_bridge::web::{from_js, to_js, Store};
use leptos::prelude::Owner;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// A `chrome.storage` area as the browser implements it: values are copied in and out as
// structured clones, and `get` of a missing key answers an object without that key.
#[wasm_bindgen(inline_js = r#"
export function memoryArea() {
  const data = new Map();
  return {
    async get(key) { const o = {}; if (data.has(key)) o[key] = structuredClone(data.get(key)); return o; },
    async set(items) { for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v)); },
    async remove(key) { data.delete(key); },
    raw(key) { return data.get(key); },
  };
}
export function plainObject(json) { return JSON.parse(json); }
// The same area as Firefox's framed panel sees `chrome.storage`: promises from another realm,
// for which `instanceof Promise` is false (here, thenables that are not Promises at all).
export function foreignArea() {
  const inner = memoryArea();
  const foreign = (p) => ({ then: (ok, no) => p.then(ok, no) });
  return { get: (k) => foreign(inner.get(k)), set: (i) => foreign(inner.set(i)), remove: (k) => foreign(inner.remove(k)) };
}
// `chrome.storage.onChanged` as the browser dispatches it: every listener added and not yet
// removed hears each change, with the name of the area it happened in.
export function storageEvents() {
  const listeners = new Set();
  globalThis.chrome = globalThis.chrome || {};
  globalThis.chrome.storage = { onChanged: { addListener: (f) => listeners.add(f), removeListener: (f) => listeners.delete(f) } };
  return {
    change(area, key, value) { for (const f of [...listeners]) f({ [key]: { newValue: value } }, area); },
    listening() { return listeners.size; },
  };
}
// `chrome.i18n` as an extension page has it, in English: each `$name$` filled from the
// substitutions in its placeholder's `$n` order.
export function messages(json) {
  const all = Object.fromEntries(Object.entries(JSON.parse(json)).map(([k, v]) => [k.toLowerCase(), v]));
  globalThis.chrome = globalThis.chrome || {};
  globalThis.chrome.i18n = {
    getUILanguage: () => 'en-US',
    getMessage(key, subs = []) {
      const m = all[key.toLowerCase()];
      if (!m) return '';
      const ph = m.placeholders || {};
      return m.message.replace(/\$([a-z0-9_]+)\$/gi, (_, n) => {
        const p = ph[n.toLowerCase()];
        return p ? (subs[Number(p.content.slice(1)) - 1] ?? '') : '';
      });
    },
  };
}
// `chrome.runtime` as a page sees it: `id` gone once the extension was updated or reloaded
// under it, and `sendMessage` failing with `error`.
export function runtime(id, error) {
  globalThis.chrome = globalThis.chrome || {};
  globalThis.chrome.runtime = { id, sendMessage: () => { throw new Error(error); } };
}
// A worker that answers each message with the next of `replies` (JSON), and keeps what it got.
export function answering(replies) {
  const queue = JSON.parse(replies), got = [];
  globalThis.chrome = globalThis.chrome || {};
  globalThis.chrome.runtime = { id: 'x', sendMessage: async (m) => { got.push(JSON.stringify(m)); return queue.shift(); } };
  return got;
}
"#)]
extern "C" {
    fn memoryArea() -> JsValue;
    #[wasm_bindgen(js_name = foreignArea)]
    fn foreign_area() -> JsValue;
    fn messages(json: &str);
    fn runtime(id: Option<String>, error: &str);
    fn answering(replies: &str) -> js_sys::Array;
    #[wasm_bindgen(js_name = plainObject)]
    fn plain_object(json: &str) -> JsValue;
    type StorageEvents;
    #[wasm_bindgen(js_name = storageEvents)]
    fn storage_events() -> StorageEvents;
    #[wasm_bindgen(method)]
    fn change(this: &StorageEvents, area: &str, key: &str, value: &str);
    #[wasm_bindgen(method)]
    fn listening(this: &StorageEvents) -> u32;
}

/// The extension's English messages, as `chrome.i18n` serves them to its pages.
fn english() {
    messages(include_str!("../extension/_locales/en/messages.json"));
}

/// A storage callback, and what it has heard.
fn recorder() -> (Rc<RefCell<Vec<String>>>, impl FnMut(JsValue) + 'static) {
    let heard = Rc::new(RefCell::new(Vec::new()));
    let sink = heard.clone();
    (heard, move |v: JsValue| sink.borrow_mut().push(v.as_string().unwrap_or_default()))
}

fn grace() -> Candidate {
    Candidate {
        ats: Ats::Lever,
        tenant: None,
        ats_id: "2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b".into(),
        name: "Grace <b>Hopper</b>".into(),
        email: None,
        source: Source::Page,
        jobs: vec![],
        hellohire_ratings: vec![],
    }
}

// Also where the area's promises come from another realm, as in Firefox's framed panel.
#[wasm_bindgen_test]
async fn storage_round_trips_values_and_reports_missing_keys() {
    for area in [memoryArea(), foreign_area()] {
        let store = Store::with_area(area);
        assert_eq!(store.get::<Candidate>("ctx:1").await.unwrap(), None);
        store.set("ctx:1", &grace()).await.unwrap();
        assert_eq!(store.get::<Candidate>("ctx:1").await.unwrap(), Some(grace()));
        store.set("ctx:1", &Some(grace())).await.unwrap();
        assert_eq!(store.get::<Option<Candidate>>("ctx:1").await.unwrap(), Some(Some(grace())));
        store.remove("ctx:1").await.unwrap();
        assert_eq!(store.get::<Candidate>("ctx:1").await.unwrap(), None);
    }
}

#[wasm_bindgen_test]
async fn storage_keeps_plain_objects_not_maps() {
    // chrome.storage only keeps JSON-like values: a JS Map would be stored as `{}`.
    let area = memoryArea();
    let store = Store::with_area(area.clone());
    store.set("ctx:2", &grace()).await.unwrap();
    let raw_fn: js_sys::Function = js_sys::Reflect::get(&area, &"raw".into()).unwrap().into();
    let raw = raw_fn.call1(&area, &"ctx:2".into()).unwrap();
    assert!(!raw.is_instance_of::<js_sys::Map>());
    assert_eq!(
        js_sys::JSON::stringify(&raw).unwrap().as_string().unwrap(),
        r#"{"ats":"lever","ats_id":"2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b","name":"Grace <b>Hopper</b>","email":null,"source":"page","jobs":[]}"#
    );
}

#[wasm_bindgen_test]
async fn storage_reports_unreadable_values() {
    let area = memoryArea();
    let store = Store::with_area(area);
    store.set("keys", &"not an object").await.unwrap();
    assert!(store.get::<Candidate>("keys").await.is_err());
}

#[wasm_bindgen_test]
fn codec_reads_what_the_content_script_writes() {
    let from_js_side = plain_object(
        r#"{"PageFields":{"url":"https://hire.lever.co/candidates/x","fields":{"name":"Alan Turing","email":"alan.turing@example.com"}}}"#,
    );
    let Request::PageFields { url, fields } = from_js(from_js_side).unwrap() else {
        panic!("not read as PageFields")
    };
    assert_eq!(url, "https://hire.lever.co/candidates/x");
    // The payload is decoded where it is read (the worker), from what the page wrote.
    assert_eq!(
        fields.get().unwrap(),
        PageFields {
            name: Some("Alan Turing".into()),
            email: Some("alan.turing@example.com".into()),
            ..Default::default()
        }
    );
    let visit: Request = from_js(plain_object(r#"{"PageVisit":{"url":"https://hire.lever.co/"}}"#)).unwrap();
    assert_eq!(visit, Request::PageVisit { url: "https://hire.lever.co/".into() });
    assert!(from_js::<Request>(plain_object(r#"{"RunScript":{"code":"x"}}"#)).is_err());
    assert!(from_js::<Request>(JsValue::NULL).is_err());
}

#[wasm_bindgen_test]
fn codec_round_trips_every_reply_shape() {
    english();
    let replies = vec![
        Reply::Context { tab_id: Some(3), context: Wire::new(Some(PageContext::Candidate(grace()))) },
        Reply::Context { tab_id: None, context: Wire::new(None) },
        Reply::failed(interview_bridge::error::ApiError::KeyRejected { vendor: sparkhire::VENDOR }),
        Reply::ShareLink { url: "https://app.sparkhire.com/share/x".into() },
        Reply::Done,
    ];
    for reply in replies {
        let js = to_js(&reply).unwrap();
        // What crosses chrome.runtime is JSON-serialisable.
        let json = js_sys::JSON::stringify(&js).unwrap().as_string().unwrap();
        assert!(json.starts_with('{') || json.starts_with('"'), "{json}");
        assert_eq!(from_js::<Reply>(js).unwrap(), reply);
    }
    // A page reads a payload as the worker made it.
    let js =
        to_js(&Reply::Context { tab_id: None, context: Wire::new(Some(PageContext::Candidate(grace()))) });
    let Ok(Reply::Context { context, .. }) = from_js::<Reply>(js.unwrap()) else { panic!("not a Context") };
    assert_eq!(context.get().unwrap(), Some(PageContext::Candidate(grace())));
    let values = vec![interview_bridge::message::FieldValue { field: "api_key".into(), value: "k".into() }];
    let req = Request::SaveKey { vendor: lever::VENDOR, values: Wire::new(values) };
    assert_eq!(from_js::<Request>(to_js(&req).unwrap()).unwrap(), req);
}

#[wasm_bindgen_test]
fn a_storage_listener_hears_its_key_until_it_is_dropped() {
    let events = storage_events();
    let (heard, f) = recorder();
    let listener = on_storage_change("local", "batches".into(), f).unwrap();
    events.change("local", "batches", "first");
    events.change("session", "batches", "another area");
    events.change("local", "other", "another key");
    assert_eq!(*heard.borrow(), ["first"]);
    drop(listener);
    assert_eq!(events.listening(), 0, "dropping the listener removes it");
    events.change("local", "batches", "second");
    assert_eq!(*heard.borrow(), ["first"]);
}

#[wasm_bindgen_test]
fn a_components_listener_goes_with_the_component() {
    let events = storage_events();
    let (heard, f) = recorder();
    // What Leptos does to a re-rendered component: its owner is cleaned up.
    let component = Owner::new();
    component.with(|| listen_while_mounted(on_storage_change("local", "pending".into(), f)));
    events.change("local", "pending", "while shown");
    assert_eq!(*heard.borrow(), ["while shown"]);
    component.cleanup();
    assert_eq!(events.listening(), 0);
    events.change("local", "pending", "after");
    assert_eq!(*heard.borrow(), ["while shown"]);
}

// The pages' own way to the worker (extension/ask.js), loaded as they load it.
#[wasm_bindgen(module = "/extension/ask.js")]
extern "C" {
    #[wasm_bindgen(js_name = ibAsk)]
    fn ib_ask(message: JsValue) -> js_sys::Promise;
}

#[wasm_bindgen_test]
async fn a_vendors_long_wait_is_answered_at_once_and_the_page_asks_the_same_again() {
    // What the worker answers for a vendor's wait of 1 s (src/message/failure.rs).
    let later = "{\"Failed\":{\"failure\":{\"message\":\"\u{F0001}\",\"key_problem\":null}}}";
    let got = answering(&format!(r#"[{later}, "Done"]"#));
    let asked = js_sys::Date::now();
    let reply = wasm_bindgen_futures::JsFuture::from(ib_ask("GetContext".into())).await.unwrap();
    assert_eq!(reply.as_string().as_deref(), Some("Done"));
    assert!(js_sys::Date::now() - asked >= 1000.0, "asked again only after the vendor's wait");
    assert_eq!(got.length(), 2);
    assert_eq!(got.get(0), got.get(1), "the same request, again");

    // The same through the wasm's `ask` (ask.js also set `globalThis.ibAsk`). Not for ever:
    // after three more asks, the page says so.
    english();
    let got = answering(&format!(r#"[{later}, "Done"]"#));
    assert!(matches!(ask(&Request::GetContext).await, Reply::Done));
    assert_eq!(got.length(), 2);
    let got = answering(&format!(r#"[{later}, {later}, {later}, {later}, "Done"]"#));
    match ask(&Request::GetContext).await {
        Reply::Failed { failure } => {
            assert!(failure.message.starts_with("The provider still asks"), "{failure:?}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(got.length(), 4);
}

#[wasm_bindgen_test]
async fn a_page_cut_off_from_its_extension_says_it_was_updated() {
    let said = |reply: Reply| match reply {
        Reply::Failed { failure } => failure.message,
        other => panic!("{other:?}"),
    };
    runtime(None, "Extension context invalidated.");
    assert_eq!(said(ask(&Request::GetContext).await), "Interview Bridge was updated — reload this page");
    runtime(Some("klidbkmflhjeecmnpokcgnclcedmbael".into()), "Extension context invalidated.");
    assert_eq!(said(ask(&Request::GetContext).await), "Interview Bridge was updated — reload this page");
    // Anything else is the worker not answering, which a retry may fix.
    runtime(Some("klidbkmflhjeecmnpokcgnclcedmbael".into()), "Could not establish connection.");
    assert_eq!(
        said(ask(&Request::GetContext).await),
        "The extension's background worker didn't answer (Could not establish connection.). Reload the page to try again."
    );
}

#[wasm_bindgen(inline_js = r#"
export function press(el, key) { el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })); }
export function activeId() { return document.activeElement ? document.activeElement.id : ''; }
export function tick() { return new Promise((r) => setTimeout(r, 0)); }
"#)]
extern "C" {
    fn press(el: &web_sys::Element, key: &str);
    #[wasm_bindgen(js_name = activeId)]
    fn active_id() -> String;
    fn tick() -> js_sys::Promise;
}

/// The provider switch, as a keyboard and a screen reader use it: one tab in the Tab order,
/// arrows move the selection and the focus, wrapping at the ends.
#[wasm_bindgen_test]
async fn provider_tabs_follow_the_keyboard_and_say_which_is_shown() {
    use interview_bridge::web::ui::providers::ProviderTabs;
    use leptos::prelude::*;
    english();
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let mounted = leptos::mount::mount_to(host.clone().unchecked_into(), || {
        let shown = RwSignal::new(0usize);
        view! { <ProviderTabs providers=vec![("acme", "Acme"), ("zenith", "Zenith"), ("orbit", "Orbit")] shown=shown/> }
    });
    let tab = |id: &str| doc.get_element_by_id(&format!("tab-{id}")).unwrap();
    let state = |id: &str| {
        let t = tab(id);
        (
            t.get_attribute("aria-selected").unwrap_or_default(),
            t.get_attribute("tabindex").unwrap_or_default(),
        )
    };
    let settle = || async { wasm_bindgen_futures::JsFuture::from(tick()).await.unwrap() };
    settle().await;
    assert_eq!(
        tab("acme").closest("[role=tablist]").unwrap().unwrap().get_attribute("aria-label").as_deref(),
        Some("Interview providers")
    );
    assert_eq!(
        (state("acme"), state("zenith")),
        (("true".into(), "0".into()), ("false".into(), "-1".into()))
    );

    press(&tab("acme"), "ArrowRight");
    settle().await;
    assert_eq!(state("zenith"), ("true".into(), "0".into()));
    assert_eq!(state("acme"), ("false".into(), "-1".into()));
    assert_eq!(active_id(), "tab-zenith", "the focus follows the selection");

    press(&tab("zenith"), "End");
    settle().await;
    assert_eq!(state("orbit").0, "true");
    press(&tab("orbit"), "ArrowRight");
    settle().await;
    assert_eq!((state("acme").0, active_id()), ("true".into(), "tab-acme".into()), "wraps at the end");
    press(&tab("acme"), "ArrowLeft");
    settle().await;
    assert_eq!(state("orbit").0, "true", "and at the start");
    // Other keys are the page's.
    press(&tab("orbit"), "a");
    settle().await;
    assert_eq!(state("orbit").0, "true");
    tab("zenith").unchecked_ref::<web_sys::HtmlElement>().click();
    settle().await;
    assert_eq!(state("zenith").0, "true", "a click chooses too");
    drop(mounted);
}

// `decode` stands in for serde-wasm-bindgen's deserialiser to keep Rust's formatting out of the
// bundles: it must read what that one reads, and refuse what it refuses (in fewer words).
#[wasm_bindgen_test]
fn decode_reads_and_refuses_as_serde_wasm_bindgen_does() {
    use std::collections::BTreeMap;
    fn same<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(json: &str) {
        let ours = interview_bridge::decode::from_value::<T>(plain_object(json)).map_err(|_| ());
        let theirs = serde_wasm_bindgen::from_value::<T>(plain_object(json)).map_err(|_| ());
        assert_eq!(ours, theirs, "{json} as {}", std::any::type_name::<T>());
    }
    for json in [
        r#"{"ats":"lever","ats_id":"x","name":"Grace","email":null,"source":"page","jobs":[]}"#,
        r#"{"ats":"lever","ats_id":"x","name":"Grace","source":"page","jobs":[],"extra":1}"#,
        r#"{"ats":"lever","ats_id":1.5,"name":"Grace","email":null,"source":"page","jobs":[]}"#,
        r#"{"ats":"lever","ats_id":3,"name":"Grace","email":null,"source":"page","jobs":[]}"#,
        r#"{"ats":"nowhere","ats_id":"x","name":"Grace","email":null,"source":"page","jobs":[]}"#,
        r#"{"ats":"lever","ats_id":"x","name":"Grace","email":true,"source":"page","jobs":{}}"#,
        r#"[1]"#,
        r#""text""#,
        r#"null"#,
    ] {
        same::<Candidate>(json);
    }
    for json in [
        r#"3"#,
        r#"-3"#,
        r#"1.5"#,
        r#"1e300"#,
        r#"-1.25e-7"#,
        r#"-0"#,
        r#"1e21"#,
        r#"123456789012345680000"#,
        r#"4294967296"#,
        r#""3""#,
        r#"null"#,
        r#"[]"#,
        r#"{}"#,
    ] {
        same::<u32>(json);
        same::<Option<i64>>(json);
        same::<String>(json);
        same::<bool>(json);
    }
    for json in [r#"{"a":1,"b":2}"#, r#"{"a":"1"}"#, r#"[["a",1]]"#, r#"[1,2]"#, r#""ab""#, r#"5"#] {
        same::<BTreeMap<String, u32>>(json);
        same::<Vec<String>>(json);
        same::<Vec<u32>>(json);
    }
    for json in [
        r#""GetContext""#,
        r#"{"GetContext":null}"#,
        r#"{"GetContext":1}"#,
        r#"{"RemoveAccount":{"id":"a"}}"#,
        r#"{"RemoveAccount":{"id":"a"},"GetContext":null}"#,
        r#"{"RemoveAccount":{}}"#,
        r#"{"UpdateAccount":{"id":"a","active":true,"credits":2.5}}"#,
        r#"{"UpdateAccount":{"id":"a","active":true,"credits":-1}}"#,
        r#"{"UpdateAccount":{"id":"a","active":"yes"}}"#,
        r#"["GetContext"]"#,
        r#"7"#,
    ] {
        same::<Request>(json);
    }
}

// Firefox numbers frames with 64-bit ids: the worker must still read who sent a message.
#[wasm_bindgen_test]
fn a_sender_with_a_64_bit_frame_id_is_read() {
    let sender: interview_bridge::message::Sender =
        from_js(plain_object(r#"{"url":"moz-extension://x/panel.html","tab_id":3,"frame_id":15032385538}"#))
            .unwrap();
    assert_eq!((sender.tab_id, sender.frame_id), (Some(3), Some(15_032_385_538)));
}
