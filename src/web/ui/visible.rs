//! Whether the recruiter can really see the panel. A page can make the panel's host
//! transparent, or cover it, and let a real click land on a button nobody sees; Chromium's
//! IntersectionObserver v2 (`trackVisibility`) tells the panel's own document when it is not
//! fully visible on screen. Anything that writes to a vendor counts only while it is.

use std::cell::Cell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

thread_local! {
    /// The browser's last word; nothing counts until it has spoken.
    static SEEN: Cell<bool> = const { Cell::new(false) };
}

/// Watches the panel's document for as long as it is open (once, at start).
pub fn watch() {
    if start().is_none() {
        // No observer at all: nothing can be known, and refusing every action would make the
        // panel useless. (Every Chromium this extension supports has one.)
        SEEN.with(|s| s.set(true));
    }
}

fn start() -> Option<()> {
    let global: JsValue = js_sys::global().into();
    let ctor = Reflect::get(&global, &"IntersectionObserver".into()).ok()?.dyn_into::<Function>().ok()?;
    let target = web_sys::window()?.document()?.document_element()?;
    let on_change = Closure::<dyn FnMut(Array)>::new(move |entries: Array| {
        let last = entries.get(entries.length().saturating_sub(1));
        // `isVisible` is v2's answer; a browser without v2 leaves it out, and then being on
        // screen is all that can be known.
        let visible = Reflect::get(&last, &"isVisible".into())
            .ok()
            .and_then(|v| v.as_bool())
            .or_else(|| Reflect::get(&last, &"isIntersecting".into()).ok()?.as_bool())
            .unwrap_or(false);
        SEEN.with(|s| s.set(visible));
    });
    let options = Object::new();
    let _ = Reflect::set(&options, &"trackVisibility".into(), &true.into());
    // The least v2 allows: how long a page's trick can go unnoticed.
    let _ = Reflect::set(&options, &"delay".into(), &100.into());
    let observer = Reflect::construct(&ctor, &Array::of2(on_change.as_ref(), &options)).ok()?;
    // It watches for the document's whole life.
    on_change.forget();
    let observe = Reflect::get(&observer, &"observe".into()).ok()?.dyn_into::<Function>().ok()?;
    observe.call1(&observer, &target).ok().map(drop)
}

/// `Err` with the sentence to show when the panel is not fully visible now.
pub fn check() -> Result<(), String> {
    if SEEN.with(Cell::get) {
        Ok(())
    } else {
        Err(crate::i18n::msg("hidden_panel"))
    }
}
