//! The options page's Spottabl × Lever section (issue 13): what is modelled, and "Import the
//! latest N jobs" with what the last import did.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::message::{Reply, Request};
use crate::spottabl::import::{DEFAULT_COUNT, MAX_COUNT};
use crate::web::chrome::ask;

fn local_time(ms: i64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64))
        .to_locale_string("default", &js_sys::Object::new())
        .into()
}

/// Lean on purpose: each reactive part of a view is its own code in the options bundle, which
/// has a few KB to spare. The count is read from the field when the form is sent; the worker
/// refuses a second import while one runs.
#[component]
pub fn SpottablJobs() -> impl IntoView {
    let count = NodeRef::<leptos::html::Input>::new();
    let status = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let apply = move |r: Reply| match r {
        Reply::SpottablImport { at_ms, summary } => {
            error.set(String::new());
            if at_ms > 0 {
                status.set(format!("Last import, {}: {summary}", local_time(at_ms)));
            }
        }
        Reply::Failed { failure } => error.set(failure.message),
        _ => {}
    };
    spawn_local(async move { apply(ask(&Request::GetSpottablImport).await) });
    let run = move || {
        let n =
            count.get_untracked().map(|i| i.value()).unwrap_or_default().trim().parse::<u32>().unwrap_or(0);
        if !(1..=MAX_COUNT).contains(&n) {
            error.set(format!("Import between 1 and {MAX_COUNT} jobs at a time."));
            return;
        }
        error.set(String::new());
        // The last import stays said if this one fails.
        let before = status.get_untracked();
        status.set("Importing…".into());
        spawn_local(async move {
            let r = ask(&Request::ImportSpottablJobs { count: n }).await;
            if matches!(r, Reply::Failed { .. }) {
                status.set(before);
            }
            apply(r)
        });
    };
    view! {
        <section aria-labelledby="spottabl-title">
            <h2 id="spottabl-title">"Spottabl × Lever"</h2>
            <p class="muted">"Spottabl publishes no API: Interview Bridge works with a modelled one (our assumption of how Spottabl's would look; its address is under “Where the vendors live”), with your Spottabl key (Spottabl accounts, above) and your Lever key (Lever accounts), from this browser while it runs. It is not Spottabl's own Lever integration: no Authorized App in Lever, no agency user. Job states are never changed on either side."</p>
            <form id="spottabl-import" novalidate on:submit=move |ev| { ev.prevent_default(); run(); }>
                <label for="spottabl-count">"How many of the latest published Lever jobs to import as Spottabl drafts"</label>
                <input id="spottabl-count" type="number" min="1" max="100" inputmode="numeric" value=DEFAULT_COUNT node_ref=count/>
                <button type="submit" id="spottabl-import-button" class="primary">"Import jobs"</button>
            </form>
            <p id="spottabl-status" class="notice" role="status">{move || status.get()}</p>
            <p id="spottabl-error" class="error" role="alert">{move || error.get()}</p>
        </section>
    }
}
