//! Spottabl × Lever in the panel on a Lever posting's page (issue 13): the posting's Spottabl
//! job (Not imported, Draft, Active), Import now and Open in Spottabl. Only for a recruiter
//! with a Spottabl key. One fixed structure whose parts are hidden, not views swapped in and
//! out: each kind of view Leptos builds is code in the panel's wasm, the tightest budget.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::message::{Reply, Request};
use crate::web::chrome::ask;

fn job_state(job: &str) -> String {
    match job {
        "none" => "Not imported".into(),
        "draft" => "Draft: activate it in Spottabl for partners to see it".into(),
        "active" => "Active: partners see it".into(),
        other => other.to_string(),
    }
}

/// `posting` changes with SPA navigation: asked again each time; `None` off a Lever posting
/// or without a Spottabl key.
#[component]
pub fn SpottablJob(posting: Memo<Option<String>>, as_user: RwSignal<String>) -> impl IntoView {
    let job = RwSignal::new(String::new());
    let open = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let apply = move |r: Reply| match r {
        Reply::SpottablJob { job: j, open: o } => {
            job.set(j);
            open.set(o);
            error.set(String::new());
        }
        Reply::Failed { failure } => error.set(failure.message),
        _ => {}
    };
    Effect::new(move |_| {
        job.set(String::new());
        error.set(String::new());
        if let Some(posting) = posting.get() {
            spawn_local(async move { apply(ask(&Request::GetSpottablJob { posting }).await) });
        }
    });
    let import = move || {
        if let Err(why) = super::visible::check() {
            error.set(why.to_string());
            return;
        }
        let Some(posting) = posting.get_untracked() else { return };
        busy.set(true);
        spawn_local(async move {
            apply(ask(&Request::ImportSpottablJob { posting }).await);
            busy.set(false);
        });
    };
    view! {
        <section class="spottabl-here" aria-labelledby="spottabl-here-title" aria-busy=move || busy.get().to_string()
            hidden=move || posting.with(Option::is_none) || job.with(String::is_empty) && error.with(String::is_empty)>
            <h2 id="spottabl-here-title">"Spottabl"</h2>
            <p id="spottabl-job-state">{move || job_state(&job.get())}</p>
            <button type="button" class="primary" id="spottabl-import-here" hidden=move || job.get() != "none"
                disabled=move || busy.get() on:click=move |_| import()>"Import now"</button>
            <a id="spottabl-open-job" hidden=move || open.with(String::is_empty) href=move || open.get()
                target="_blank" rel="noopener">"Open in Spottabl"</a>
            <p class="error" role="alert" id="spottabl-here-error">{move || error.get()}</p>
            <p class="muted">{move || {
                let u = as_user.get();
                let u = if u.is_empty() { "the Lever user named in its settings".into() } else { u };
                format!("Job states are never changed on either side. Partner candidates are added in Lever as {u}. Spottabl's API here is modelled.")
            }}</p>
        </section>
    }
}
