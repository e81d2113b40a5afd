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

#[component]
pub fn SpottablJobs() -> impl IntoView {
    let count = RwSignal::new(DEFAULT_COUNT.to_string());
    let last = RwSignal::new(None::<(i64, String)>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let apply = move |r: Reply| match r {
        Reply::SpottablImport { at_ms, summary } => {
            error.set(None);
            last.set((at_ms > 0).then_some((at_ms, summary)));
        }
        Reply::Failed { failure } => error.set(Some(failure.message)),
        _ => {}
    };
    spawn_local(async move { apply(ask(&Request::GetSpottablImport).await) });
    let run = move || {
        let n = count.get_untracked().trim().parse::<u32>().unwrap_or(0);
        if !(1..=MAX_COUNT).contains(&n) {
            error.set(Some(format!("Import between 1 and {MAX_COUNT} jobs at a time.")));
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            apply(ask(&Request::ImportSpottablJobs { count: n }).await);
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="spottabl-title">
            <h2 id="spottabl-title">"Spottabl × Lever"</h2>
            <p class="muted">"Spottabl publishes no API: Interview Bridge works with a modelled one (our assumption of how Spottabl's would look; its address is under “Where the vendors live”), with your Spottabl key (Spottabl accounts, above) and your Lever key (Lever accounts), from this browser while it runs. It is not Spottabl's own Lever integration: no Authorized App in Lever, no agency user. Job states are never changed on either side."</p>
            <form id="spottabl-import" novalidate on:submit=move |ev| { ev.prevent_default(); run(); }>
                <label for="spottabl-count">"How many of the latest published Lever jobs to import as Spottabl drafts"</label>
                <input id="spottabl-count" type="number" min="1" max=MAX_COUNT.to_string() inputmode="numeric"
                    prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev))/>
                <button type="submit" id="spottabl-import-button" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Importing…" } else { "Import jobs" }}
                </button>
            </form>
            <p id="spottabl-status" class="notice" role="status">
                {move || last.get().map(|(at, summary)| format!("Last import, {}: {summary}", local_time(at)))}
            </p>
            <Show when=move || error.get().is_some()>
                <p id="spottabl-error" class="error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}
