//! The Leptos UIs: the panel injected beside a candidate, the toolbar popup, the options page.
//! Components never call the network: they send a typed message and render its reply.

#[cfg(feature = "panel")]
mod account;
#[cfg(feature = "panel")]
mod bulk;
#[cfg(feature = "panel")]
mod candidate;
#[cfg(feature = "panel")]
mod catalog;
#[cfg(feature = "panel")]
mod fields;
#[cfg(feature = "hellohire")]
mod hellohire;
#[cfg(feature = "hellohire")]
mod hellohire_sync;
#[cfg(feature = "panel")]
mod interviews;
#[cfg(feature = "panel")]
mod invite;
#[cfg(feature = "settings")]
mod keys;
pub mod lifecycle;
#[cfg(feature = "panel")]
mod link_here;
#[cfg(feature = "panel")]
mod panel;
#[cfg(feature = "panel")]
pub mod providers;
#[cfg(feature = "settings")]
mod settings;
#[cfg(feature = "agency")]
mod spottabl;
#[cfg(feature = "panel")]
mod spottabl_here;
#[cfg(feature = "settings")]
mod vendor_accounts;
#[cfg(any(feature = "panel", feature = "hellohire"))]
mod visible;

use wasm_bindgen::prelude::*;

#[cfg(feature = "panel")]
#[wasm_bindgen]
pub fn start_panel() {
    lifecycle::log_panics();
    visible::watch();
    leptos::mount::mount_to_body(panel::PanelRoot);
}

#[cfg(feature = "hellohire")]
#[wasm_bindgen]
pub fn start_hellohire() {
    lifecycle::log_panics();
    visible::watch();
    leptos::mount::mount_to_body(hellohire::HellohireRoot);
}

#[cfg(feature = "settings")]
#[wasm_bindgen]
pub fn start_popup() {
    lifecycle::log_panics();
    leptos::mount::mount_to_body(keys::Popup);
}

#[cfg(feature = "agency")]
#[wasm_bindgen]
pub fn start_spottabl() {
    lifecycle::log_panics();
    leptos::mount::mount_to_body(spottabl::SpottablPage);
}

#[cfg(feature = "settings")]
#[wasm_bindgen]
pub fn start_options() {
    lifecycle::log_panics();
    leptos::mount::mount_to_body(settings::Options);
}
