//! The switch between interview providers above the panel, shown when the recruiter can send
//! with more than one: a WAI-ARIA tab list (arrows, Home and End move along it, and the
//! focus follows the selection).

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of the panel the tabs control.
pub const PANEL_ID: &str = "provider-panel";

pub fn tab_id(provider_id: &str) -> String {
    format!("tab-{provider_id}")
}

/// Where a key moves the selection among `len` tabs, wrapping at the ends; `None` for a key
/// the tab list leaves alone.
pub fn step(i: usize, len: usize, key: &str) -> Option<usize> {
    match key {
        _ if len == 0 => None,
        "ArrowRight" => Some((i + 1) % len),
        "ArrowLeft" => Some((i + len - 1) % len),
        "Home" => Some(0),
        "End" => Some(len - 1),
        _ => None,
    }
}

/// `providers`: id and name of each, in the registry's order; `shown` is the index of the
/// one whose panel is drawn.
#[component]
pub fn ProviderTabs(providers: Vec<(&'static str, &'static str)>, shown: RwSignal<usize>) -> impl IntoView {
    let len = providers.len();
    let ids: Vec<String> = providers.iter().map(|(id, _)| tab_id(id)).collect();
    let ids = StoredValue::new(ids);
    let mut tabs = Vec::with_capacity(len);
    for (i, (id, label)) in providers.into_iter().enumerate() {
        let keydown = move |ev: KeyboardEvent| {
            let Some(n) = step(i, len, &ev.key()) else { return };
            ev.prevent_default();
            shown.set(n);
            let el = ids.with_value(|ids| document().get_element_by_id(&ids[n]));
            if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        };
        tabs.push(
            view! {
                <button type="button" role="tab" id=tab_id(id) aria-controls=PANEL_ID
                    aria-selected=move || if shown.get() == i { "true" } else { "false" }
                    tabindex=move || if shown.get() == i { "0" } else { "-1" }
                    on:click=move |_| shown.set(i) on:keydown=keydown>
                    {label}
                </button>
            }
            .into_any(),
        );
    }
    view! { <div class="provider-tabs" role="tablist" aria-label=crate::i18n::msg("providers")>{tabs}</div> }
}
