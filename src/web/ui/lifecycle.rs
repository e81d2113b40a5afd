//! What ties a page's Rust to the life of its components and of its extension: listeners that
//! go when their component goes, and panics that say what happened.

#[cfg(any(feature = "panel", feature = "hellohire"))]
use leptos::prelude::*;

#[cfg(any(feature = "panel", feature = "hellohire"))]
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
#[cfg(any(feature = "panel", feature = "hellohire"))]
pub type ListenerSlot = StoredValue<Option<StorageListener>, LocalStorage>;

#[cfg(any(feature = "panel", feature = "hellohire"))]
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
#[cfg(any(feature = "panel", feature = "hellohire"))]
pub fn listen_while_mounted(listener: Result<StorageListener, wasm_bindgen::JsValue>) {
    listener_slot().set_value(listener.ok());
}

/// The page the panel is beside, kept current: the worker's record of the tab's context, and
/// whether it has been read once (until then, "nothing here" would be a guess).
#[cfg(any(feature = "panel", feature = "hellohire"))]
pub fn page_context() -> (RwSignal<Option<crate::message::PageContext>>, RwSignal<bool>) {
    use crate::message::{PageContext, Reply, Request};
    use crate::web::chrome::{ask, on_session_change};
    let page = RwSignal::new(None::<PageContext>);
    let ready = RwSignal::new(false);
    // Taken now, filled once the tab is known: a listener put in after the panel is gone is
    // dropped at once.
    let slot = listener_slot();
    leptos::task::spawn_local(async move {
        if let Reply::Context { tab_id, context } = ask(&Request::GetContext).await {
            page.set(PageContext::read(&context.node()));
            if let Some(tab) = tab_id {
                let listener = on_session_change(crate::web::keys::context_key(tab), move |v| {
                    page.set(PageContext::read(&crate::node::Node::of(v)));
                });
                slot.set_value(listener.ok());
            }
        }
        ready.set(true);
    });
    (page, ready)
}

/// What a part of a page shows while its data is asked for.
#[cfg(any(feature = "panel", feature = "hellohire"))]
#[derive(Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(crate::message::Failure),
}

#[cfg(feature = "panel")]
impl<T> Load<T> {
    /// The failure, when it is about the provider's key (the panel's banner says it).
    pub fn key_failure(&self) -> Option<crate::message::Failure> {
        match self {
            Load::Failed(f) if f.key_problem.is_some() => Some(f.clone()),
            _ => None,
        }
    }
}
