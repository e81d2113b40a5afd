//! Spottabl × Lever in the panel (issue 13): on a Lever posting's page, its Spottabl job (Not
//! imported, Draft, Active), Import now and Open in Spottabl; on a partner's candidate, the
//! Spottabl thread and a reply box. Only for a recruiter with a Spottabl key. One fixed structure whose parts are hidden, not views swapped in and
//! out: each kind of view Leptos builds is code in the panel's wasm, the tightest budget.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::message::{Reply, Request};
use crate::web::chrome::ask;

use crate::i18n::human_time;
use crate::i18n::{msg, msgf};

fn job_state(job: &str) -> String {
    match job {
        "none" => msg("sp_none"),
        "draft" => msg("sp_draft"),
        "active" => msg("sp_active"),
        other => other.to_string(),
    }
}

/// The Lever user the workflow writes as, as the Lever account names them.
fn writer(as_user: RwSignal<String>) -> String {
    let u = as_user.get();
    if u.is_empty() {
        msg("sp_picked_user")
    } else {
        u
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
            error.set(why);
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
                disabled=move || busy.get() on:click=move |_| import()>{msg("sp_import")}</button>
            <a id="spottabl-open-job" hidden=move || open.with(String::is_empty) href=move || open.get()
                target="_blank" rel="noopener">{msgf("open_in", &["Spottabl"])}</a>
            <p class="error" role="alert" id="spottabl-here-error">{move || error.get()}</p>
            <p class="muted">{move || msgf("sp_job_note", &[&writer(as_user)])}</p>
        </section>
    }
}

/// The Spottabl thread on a Lever candidate's page, for a candidate a partner brought, with a
/// reply box. `opportunity` changes with SPA navigation: asked again each time.
#[component]
pub fn SpottablThread(opportunity: Memo<Option<String>>, as_user: RwSignal<String>) -> impl IntoView {
    let partner = RwSignal::new(String::new());
    let thread = RwSignal::new(Vec::<crate::message::Said>::new());
    let error = RwSignal::new(String::new());
    let said = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let reply = RwSignal::new(String::new());
    let ask_with = move |reply_body: Option<String>| {
        let Some(opportunity) = opportunity.get_untracked() else { return };
        let sending = reply_body.is_some();
        busy.set(true);
        spawn_local(async move {
            match ask(&Request::SpottablThread { opportunity, reply: reply_body }).await {
                Reply::Thread { partner: p, thread: t, said: s } => {
                    // No partner with a reply said: the thread couldn't be read again; the one
                    // shown stays.
                    if !p.is_empty() || s.is_empty() {
                        thread.set(t.read(crate::read::thread).unwrap_or_default());
                        partner.set(p);
                    }
                    error.set(String::new());
                    said.set(s);
                    // Out of the box once it is a Lever note: sent again, it would be a second.
                    if sending {
                        reply.set(String::new());
                    }
                }
                Reply::Failed { failure } => error.set(failure.message),
                _ => {}
            }
            busy.set(false);
        });
    };
    Effect::new(move |_| {
        partner.set(String::new());
        error.set(String::new());
        if opportunity.with(Option::is_some) {
            ask_with(None);
        }
    });
    let send = move || {
        if let Err(why) = super::visible::check() {
            error.set(why);
            return;
        }
        ask_with(Some(reply.get_untracked()));
    };
    view! {
        <section class="spottabl-here" aria-labelledby="spottabl-thread-title" aria-busy=move || busy.get().to_string()
            hidden=move || opportunity.with(Option::is_none) || partner.with(String::is_empty) && error.with(String::is_empty)>
            <h2 id="spottabl-thread-title">{move || msgf("sp_from", &[&partner.get()])}</h2>
            <ol id="spottabl-thread" aria-label=msg("sp_comments")>
                {move || thread.get().into_iter().map(|s| view! {
                    <li><strong>{s.who}</strong>" · "<span class="muted">{human_time(&s.at)}</span><p>{s.body}</p></li>
                }).collect_view()}
            </ol>
            <label for="spottabl-reply">{move || msgf("sp_reply_to", &[&partner.get()])}</label>
            <textarea id="spottabl-reply" rows="3" prop:value=move || reply.get()
                on:input=move |e| reply.set(event_target_value(&e))></textarea>
            <button type="button" class="primary" id="spottabl-reply-send" disabled=move || busy.get()
                on:click=move |_| send()>{msg("sp_send_reply")}</button>
            <p class="muted" role="status" id="spottabl-thread-said">{move || said.get()}</p>
            <p class="error" role="alert" id="spottabl-thread-error">{move || error.get()}</p>
            <p class="muted">{move || msgf("sp_thread_note", &[&writer(as_user)])}</p>
        </section>
    }
}
