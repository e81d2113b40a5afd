//! What ties a page's Rust to the life of its components and of its extension: listeners that
//! go when their component goes, and panics that say what happened.

#[cfg(feature = "panel")]
use leptos::prelude::*;

#[cfg(feature = "panel")]
use crate::web::chrome::StorageListener;

/// In the release build (`panic = "abort"`) a panic is a bare "unreachable" trap, the rest of
/// that call never runs, and nothing says why: log what panicked and where, first.
pub fn log_panics() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Interview Bridge: {info}").into());
    }));
}

/// Where the component being built keeps a storage listener: replacing what it holds removes
/// the previous listener, and disposing of the component removes the last one.
#[cfg(feature = "panel")]
pub type ListenerSlot = StoredValue<Option<StorageListener>, LocalStorage>;

#[cfg(feature = "panel")]
pub fn listener_slot() -> ListenerSlot {
    // A listener is not `Send`, and `on_cleanup` wants `Send + Sync`: a local stored value is
    // how Leptos holds such a value for a component.
    let slot = StoredValue::new_local(None);
    on_cleanup(move || {
        slot.try_update_value(Option::take);
    });
    slot
}

/// Keeps `listener` for as long as the component being built lives.
#[cfg(feature = "panel")]
pub fn listen_while_mounted(listener: Result<StorageListener, wasm_bindgen::JsValue>) {
    listener_slot().set_value(listener.ok());
}
