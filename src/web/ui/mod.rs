//! The Leptos UIs: the panel injected beside a candidate, the toolbar popup, the options page.
//! Components never call the network: they send a typed message and render its reply.

mod bulk;
mod hellohire;
mod keys;
mod panel;
mod settings;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn start_panel() {
    leptos::mount::mount_to_body(panel::PanelRoot);
}

#[wasm_bindgen]
pub fn start_popup() {
    leptos::mount::mount_to_body(keys::Popup);
}

#[wasm_bindgen]
pub fn start_options() {
    leptos::mount::mount_to_body(settings::Options);
}
