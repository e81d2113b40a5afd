//! Thin bindings to the `chrome.*` extension APIs we use, and the serde codec for messages.
//! Reached through `Reflect` on the global object so the same code runs in the service worker,
//! extension pages and (with a stand-in area) the wasm test runner.

use js_sys::{Function, Promise, Reflect};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::message::{Reply, Request};

/// Serialises as plain JSON-shaped JS values (objects, not `Map`s; `None` as `null`), which is
/// what `chrome.runtime` and `chrome.storage` carry.
/// Errors stay the JS `Error` the codec made (their `message` is read where they are shown):
/// formatting one into a string in every instance of these generics costs every bundle.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(JsValue::from)
}

pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    crate::decode::from_value(value).map_err(JsValue::from)
}

fn path(names: &[&str]) -> Result<JsValue, JsValue> {
    let mut v: JsValue = js_sys::global().into();
    for name in names {
        v = Reflect::get(&v, &JsValue::from_str(name))?;
        if v.is_undefined() {
            return Err(JsValue::from_str(&format!("{} is not available here", names.join("."))));
        }
    }
    Ok(v)
}

async fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &JsValue::from_str(method))?.dyn_into()?;
    let arr: js_sys::Array = args.iter().collect();
    let ret = f.apply(target, &arr)?;
    // Firefox gives an extension page framed in a web page (the panel) the content scripts'
    // API, whose promises come from another realm: `instanceof Promise` is false for them, so
    // whatever came back is adopted, thenable or plain value.
    JsFuture::from(Promise::resolve(&ret)).await
}

/// A `chrome.storage` area holding serde values under string keys.
#[derive(Clone)]
pub struct Store {
    area: JsValue,
}

impl Store {
    /// Survives restarts; where keys and settings live.
    pub fn local() -> Result<Store, JsValue> {
        Ok(Store { area: path(&["chrome", "storage", "local"])? })
    }

    /// Cleared with the browser session; where per-tab page context lives.
    pub fn session() -> Result<Store, JsValue> {
        Ok(Store { area: path(&["chrome", "storage", "session"])? })
    }

    /// Any object with the `StorageArea` shape (`get`/`set`/`remove` returning promises).
    pub fn with_area(area: JsValue) -> Store {
        Store { area }
    }

    pub async fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, JsValue> {
        let all = call(&self.area, "get", &[JsValue::from_str(key)]).await?;
        let v = Reflect::get(&all, &JsValue::from_str(key))?;
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        from_js(v).map(Some)
    }

    /// What is stored under `key`, to read field by field (nothing when absent).
    pub async fn get_node(&self, key: &str) -> Result<crate::node::Node, JsValue> {
        let all = call(&self.area, "get", &[JsValue::from_str(key)]).await?;
        Ok(crate::node::Node::of(Reflect::get(&all, &JsValue::from_str(key))?))
    }

    pub async fn set<T: Serialize>(&self, key: &str, value: &T) -> Result<(), JsValue> {
        let obj = js_sys::Object::new();
        Reflect::set(&obj, &JsValue::from_str(key), &to_js(value)?)?;
        call(&self.area, "set", &[obj.into()]).await.map(|_| ())
    }

    pub async fn remove(&self, key: &str) -> Result<(), JsValue> {
        call(&self.area, "remove", &[JsValue::from_str(key)]).await.map(|_| ())
    }
}

/// Asks the service worker. A worker that is asleep is woken by the browser.
pub async fn ask(request: &Request) -> Reply {
    // An update or reload takes `chrome.runtime.id` away from the old version's pages, and
    // their sendMessage throws "Extension context invalidated".
    let cut_off = |e: Option<&JsValue>| {
        path(&["chrome", "runtime", "id"]).is_err()
            || e.is_some_and(|e| error_text(e).starts_with("Extension context invalidated"))
    };
    // Once the extension was updated or reloaded under a page, the code it runs belongs to the
    // old version and can no longer reach the worker, so only a reload helps.
    let updated = || Reply::failed(crate::message::Failure::plain(crate::i18n::msg("updated")));
    if cut_off(None) {
        return updated();
    }
    let result = async {
        // ask.js: `chrome.runtime.sendMessage`, asked again after a vendor's long wait.
        let reply = call(&js_sys::global(), "ibAsk", &[to_js(request)?]).await?;
        crate::read::reply(crate::node::Node::of(reply))
            .ok_or_else(|| JsValue::from_str("an answer this version doesn't know"))
    }
    .await;
    match result {
        Ok(reply) => reply,
        Err(e) if cut_off(Some(&e)) => updated(),
        Err(e) => Reply::failed(crate::message::Failure::plain(crate::i18n::msgf(
            "worker_silent",
            &[&error_text(&e)],
        ))),
    }
}

/// A thrown value as text: a string, or an `Error`'s message.
fn error_text(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| Reflect::get(e, &JsValue::from_str("message")).ok()?.as_string())
        .unwrap_or_else(|| "no reply".into())
}

/// Calls `f(new_value)` whenever `key` changes in `chrome.storage.session`, until the
/// returned listener is dropped.
pub fn on_session_change(key: String, f: impl FnMut(JsValue) + 'static) -> Result<StorageListener, JsValue> {
    on_storage_change("session", key, f)
}

/// Calls `f(new_value)` whenever `key` changes in the storage `area` ("local", "session"), until
/// the returned listener is dropped.
pub fn on_storage_change(
    area_name: &'static str,
    key: String,
    f: impl FnMut(JsValue) + 'static,
) -> Result<StorageListener, JsValue> {
    listen(area_name, key, Box::new(f))
}

// One body for every listener a page registers: a generic one would be copied into the bundle
// once per caller.
fn listen(
    area_name: &'static str,
    key: String,
    mut f: Box<dyn FnMut(JsValue)>,
) -> Result<StorageListener, JsValue> {
    // Firefox gives the panel (an extension page framed in a web page) the content scripts'
    // API: no `storage.session`, nor its change events. There the worker sends each session
    // change to the frames that asked (worker.js, `ListenSession`).
    let relayed = area_name == "session" && path(&["chrome", "storage", "session"]).is_err();
    let event = path(&[
        "chrome",
        if relayed { "runtime" } else { "storage" },
        if relayed { "onMessage" } else { "onChanged" },
    ])?;
    let callback = Closure::<dyn FnMut(JsValue, JsValue)>::new(move |changes: JsValue, from: JsValue| {
        let changes = if relayed {
            // Only the worker's own message (a content script's would have a tab).
            let worker = Reflect::get(&from, &"tab".into()).is_ok_and(|t| t.is_undefined());
            match Reflect::get(&changes, &"SessionChanged".into()) {
                Ok(c) if worker && c.is_object() => c,
                _ => return,
            }
        } else if from.as_string().as_deref() != Some(area_name) {
            return;
        } else {
            changes
        };
        if let Ok(change) = Reflect::get(&changes, &JsValue::from_str(&key)) {
            if !change.is_undefined() {
                f(Reflect::get(&change, &JsValue::from_str("newValue")).unwrap_or(JsValue::UNDEFINED));
            }
        }
    });
    let add: Function = Reflect::get(&event, &JsValue::from_str("addListener"))?.dyn_into()?;
    add.call1(&event, callback.as_ref())?;
    if relayed {
        let runtime = path(&["chrome", "runtime"])?;
        let ask = js_sys::Object::new();
        Reflect::set(&ask, &"ListenSession".into(), &js_sys::Object::new())?;
        if let Ok(send) = Reflect::get(&runtime, &"sendMessage".into()).and_then(|f| f.dyn_into::<Function>())
        {
            // A promise nobody awaits: a failure only means no relay, as before.
            let _ = send.call1(&runtime, &ask);
        }
    }
    Ok(StorageListener { event, callback })
}

/// One registration with `chrome.storage.onChanged`, owned by whoever asked for it (a UI
/// component holds its own, as refined-github gives each page visit its own AbortSignal).
/// Dropping it removes the listener and frees its closure: a component that is gone must not
/// hear changes, since its signals are gone with it.
#[must_use = "the listener is removed as soon as this is dropped"]
pub struct StorageListener {
    event: JsValue,
    callback: Closure<dyn FnMut(JsValue, JsValue)>,
}

impl Drop for StorageListener {
    fn drop(&mut self) {
        let remove = Reflect::get(&self.event, &JsValue::from_str("removeListener"))
            .and_then(|f| f.dyn_into::<Function>());
        if let Ok(remove) = remove {
            let _ = remove.call1(&self.event, self.callback.as_ref());
        }
    }
}

/// Opens a URL in a new tab next to the recruiter's (no permission needed for this).
pub fn open_tab(url: &str) {
    let tabs = path(&["chrome", "tabs"]);
    match tabs.as_ref().map(|t| (t, Reflect::get(t, &"create".into()).and_then(|f| f.dyn_into::<Function>())))
    {
        Ok((tabs, Ok(create))) => {
            let opts = js_sys::Object::new();
            let _ = Reflect::set(&opts, &"url".into(), &url.into());
            let _ = create.call1(tabs, &opts);
        }
        _ => open_window(url),
    }
}

/// Firefox's framed panel has no `tabs` nor `openOptionsPage`; a page opened from the click
/// that asked for it is let through. From a timer, not from here: Firefox runs the page's
/// pending promise callbacks inside `window.open`, and ours (this very task) would be entered
/// again ("closure invoked recursively").
fn open_window(url: &str) {
    if let Ok(open) = path(&["open"]) {
        later(open.unchecked_ref(), 0, url, "_blank");
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn later(f: &Function, ms: i32, url: &str, target: &str);
}

pub fn open_options_page() {
    let Ok(rt) = path(&["chrome", "runtime"]) else { return };
    match Reflect::get(&rt, &"openOptionsPage".into()).and_then(|f| f.dyn_into::<Function>()) {
        Ok(open) => {
            let _ = open.call0(&rt);
        }
        Err(_) => {
            let url = Reflect::get(&rt, &"getURL".into())
                .and_then(|f| f.dyn_into::<Function>())
                .and_then(|f| f.call1(&rt, &"options.html".into()));
            if let Some(url) = url.ok().and_then(|u| u.as_string()) {
                open_window(&url);
            }
        }
    }
}

/// Asks the recruiter (from a click) to let the worker reach a non-default host.
pub async fn request_origins(origins: &[String]) -> Result<bool, JsValue> {
    permissions("request", origins).await
}

/// `chrome.permissions.<method>({origins})`: whether they are (now) granted.
async fn permissions(method: &str, origins: &[String]) -> Result<bool, JsValue> {
    let perms = path(&["chrome", "permissions"])?;
    let arg = js_sys::Object::new();
    let list: js_sys::Array = origins.iter().map(|o| JsValue::from_str(o)).collect();
    Reflect::set(&arg, &"origins".into(), &list)?;
    Ok(call(&perms, method, &[arg.into()]).await?.as_bool().unwrap_or(false))
}

/// The browser has granted this extension the host of `url` (an https URL with no user part),
/// and it is no page's: Firefox counts the hosts our content scripts run on (every ATS tenant,
/// hostile) as granted, and a key must never go to one.
#[cfg(feature = "worker")]
pub async fn granted(url: &str) -> bool {
    let Some((host, _)) = crate::ats::host_and_path(url) else { return false };
    !page_host(&host) && permissions("contains", &[format!("https://{host}/*")]).await.unwrap_or(false)
}

#[cfg(feature = "worker")]
#[wasm_bindgen]
extern "C" {
    /// worker.js (defined before the wasm starts): whether one of our content scripts runs on
    /// this host.
    #[wasm_bindgen(js_name = pageHost)]
    fn page_host(host: &str) -> bool;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(f: &Function, ms: i32) -> JsValue;
}

pub async fn sleep(ms: u64) {
    let p = Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, ms.min(i32::MAX as u64) as i32);
    });
    let _ = JsFuture::from(p).await;
}

/// Starts (`on`) or clears a periodic alarm that wakes a stopped worker to carry on unfinished
/// work; 30 s is the shortest period Chrome allows.
pub fn alarm(name: &str, on: bool) {
    alarm_every(name, on.then_some(0.5));
}

/// Starts a periodic alarm every `minutes`, or clears it (`None`).
pub fn alarm_every(name: &str, minutes: Option<f64>) {
    let Ok(alarms) = path(&["chrome", "alarms"]) else { return };
    let method = if minutes.is_some() { "create" } else { "clear" };
    let Ok(f) = Reflect::get(&alarms, &method.into()).and_then(|f| f.dyn_into::<Function>()) else {
        return;
    };
    if let Some(minutes) = minutes {
        let info = js_sys::Object::new();
        let _ = Reflect::set(&info, &"periodInMinutes".into(), &minutes.into());
        let _ = f.call2(&alarms, &name.into(), &info);
    } else {
        let _ = f.call1(&alarms, &name.into());
    }
}
