//! The worker's local storage: the versioned records of `crate::store`, upgraded once per
//! worker start before anything reads them, and changed through one writer per key.

use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::chrome::{from_js, to_js};
use crate::message::Failure;
use crate::store::writer::{Area, Records};
use crate::store::{self, SCHEMA_KEY};
#[cfg(not(feature = "bridges"))]
use crate::store::{Doc, SET_ASIDE_PREFIX};

/// `chrome.storage.local`, as the store's `Area`.
pub struct Local;

fn area() -> Result<JsValue, String> {
    let chrome = Reflect::get(&js_sys::global(), &"chrome".into()).map_err(|_| "no chrome")?;
    let storage = Reflect::get(&chrome, &"storage".into()).map_err(|_| "no chrome.storage")?;
    let local = Reflect::get(&storage, &"local".into()).map_err(|_| "no chrome.storage.local")?;
    if local.is_undefined() {
        return Err("chrome.storage.local is not available here".into());
    }
    Ok(local)
}

fn text(e: JsValue) -> String {
    e.as_string()
        .or_else(|| Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "unknown error".into())
}

async fn call(method: &str, arg: JsValue) -> Result<JsValue, String> {
    let local = area()?;
    let f: Function = Reflect::get(&local, &method.into()).and_then(|f| f.dyn_into()).map_err(text)?;
    let p: Promise = f.call1(&local, &arg).map_err(text)?.dyn_into().map_err(text)?;
    JsFuture::from(p).await.map_err(text)
}

impl Area for Local {
    type Raw = JsValue;

    async fn get(&self, key: &str) -> Result<Option<JsValue>, String> {
        upgraded().await?;
        let all = call("get", key.into()).await?;
        let v = Reflect::get(&all, &key.into()).map_err(text)?;
        Ok((!v.is_undefined() && !v.is_null()).then_some(v))
    }

    async fn set(&self, key: &str, raw: JsValue) -> Result<(), String> {
        upgraded().await?;
        let obj = Object::new();
        Reflect::set(&obj, &key.into(), &raw).map_err(text)?;
        call("set", obj.into()).await.map(|_| ())
    }

    async fn remove(&self, key: &str) -> Result<(), String> {
        upgraded().await?;
        call("remove", key.into()).await.map(|_| ())
    }

    fn decode<T: DeserializeOwned>(raw: &JsValue) -> Option<T> {
        from_js(raw.clone()).ok()
    }

    fn encode<T: Serialize>(value: &T) -> Result<JsValue, String> {
        to_js(value).map_err(text)
    }
}

/// Everything in local storage, as the browser gave it, being upgraded in place.
#[cfg(not(feature = "bridges"))]
struct Snapshot {
    data: JsValue,
    changed: Vec<String>,
    removed: Vec<String>,
}

#[cfg(not(feature = "bridges"))]
impl Snapshot {
    fn mark(list: &mut Vec<String>, key: &str) {
        if !list.iter().any(|k| k == key) {
            list.push(key.to_string());
        }
    }

    fn put(&mut self, key: &str, value: &JsValue) -> Result<(), String> {
        Reflect::set(&self.data, &key.into(), value).map_err(text)?;
        self.removed.retain(|k| k != key);
        Self::mark(&mut self.changed, key);
        Ok(())
    }
}

#[cfg(not(feature = "bridges"))]
impl Doc for Snapshot {
    fn keys(&self) -> Vec<String> {
        Object::keys(self.data.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect()
    }

    fn get<T: DeserializeOwned>(&self, key: &str) -> Option<Option<T>> {
        let v = Reflect::get(&self.data, &key.into()).ok()?;
        (!v.is_undefined()).then(|| from_js(v).ok())
    }

    fn set<T: Serialize>(&mut self, key: &str, value: &T) -> Result<(), String> {
        let v = to_js(value).map_err(text)?;
        self.put(key, &v)
    }

    fn remove(&mut self, key: &str) {
        if Reflect::delete_property(self.data.unchecked_ref::<Object>(), &key.into()).is_ok() {
            self.changed.retain(|k| k != key);
            Self::mark(&mut self.removed, key);
        }
    }

    fn set_aside(&mut self, key: &str) {
        let Ok(v) = Reflect::get(&self.data, &key.into()) else { return };
        if !v.is_undefined() && self.put(&format!("{SET_ASIDE_PREFIX}{key}"), &v).is_ok() {
            self.remove(key);
        }
    }
}

thread_local! {
    static RECORDS: Rc<Records<Local>> = Rc::new(Records::new(Local));
    static UPGRADED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn records() -> Rc<Records<Local>> {
    RECORDS.with(Rc::clone)
}

pub(super) fn failure(e: String) -> Failure {
    Failure::plain(crate::i18n::msgf("storage_failed", &[&e]))
}

/// The same, for a `chrome.storage.session` call through `chrome::Store`.
pub(super) fn session_failure(e: JsValue) -> Failure {
    failure(text(e))
}

/// Stored data is brought up to this version's schema once per worker start: every read and
/// write of local storage waits for it.
pub(super) async fn upgraded() -> Result<(), String> {
    if UPGRADED.with(|u| u.get()) {
        return Ok(());
    }
    let records = records();
    let _g = records.locks.lock(SCHEMA_KEY).await;
    if UPGRADED.with(|u| u.get()) {
        return Ok(());
    }
    // The version alone first: a worker wakes every 30 s while work is queued, and a profile
    // already at this version needs nothing else read.
    let version = Reflect::get(&call("get", SCHEMA_KEY.into()).await?, &SCHEMA_KEY.into()).map_err(text)?;
    if version.as_f64().is_some_and(|v| v >= f64::from(store::CURRENT_VERSION)) {
        UPGRADED.with(|u| u.set(true));
        return Ok(());
    }
    migrate().await?;
    UPGRADED.with(|u| u.set(true));
    Ok(())
}

pub async fn read<T: DeserializeOwned>(key: &str) -> Result<Option<T>, Failure> {
    records().read(key).await.map_err(failure)
}

pub async fn update<T, R>(key: &str, f: impl FnOnce(&mut T) -> R) -> Result<R, Failure>
where
    T: Default + Serialize + DeserializeOwned,
{
    records().update(key, f).await.map_err(failure)
}

pub async fn put<T: Serialize>(key: &str, value: &T) -> Result<(), Failure> {
    records().put(key, value).await.map_err(failure)
}

pub async fn remove(key: &str) -> Result<(), Failure> {
    records().remove(key).await.map_err(failure)
}

#[cfg(not(feature = "bridges"))]
async fn migrate() -> Result<(), String> {
    let mut doc =
        Snapshot { data: call("get", JsValue::NULL).await?, changed: Vec::new(), removed: Vec::new() };
    store::upgrade(&mut doc)?;
    if !doc.changed.is_empty() {
        // One `set` for every new record and the version: a worker stopped half-way leaves
        // either the old data or the new, never a version without its records.
        let set = Object::new();
        for key in &doc.changed {
            let value = Reflect::get(&doc.data, &key.into()).map_err(text)?;
            Reflect::set(&set, &key.into(), &value).map_err(text)?;
        }
        call("set", set.into()).await?;
    }
    for key in &doc.removed {
        call("remove", key.as_str().into()).await?;
    }
    Ok(())
}

/// The bridges' wasm starts after the main one has brought stored data up to date
/// (`worker::resume("storage")`, awaited in worker.js), so it carries none of the migrations: 20 KB
/// of its size. Stored data older than this version here means that upgrade failed.
#[cfg(feature = "bridges")]
async fn migrate() -> Result<(), String> {
    Err("stored data from an earlier version has not been brought up to date yet".into())
}
