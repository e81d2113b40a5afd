//! Registrants into SmartRecruiters from a Hellohire page: looked up first, shown to the
//! recruiter as who would be added or changed, and written only when they confirm in the
//! visible panel. A page (any subdomain can be anyone's) never starts a write by what it shows.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::hellohire::Registrant;
use crate::message::{
    plan_action, plan_summary, Failure, HellohireContext, PlannedSync, Reply, Request, SyncChange,
    SyncProgress, Wire,
};
use crate::web::chrome::{ask, from_js, on_session_change};
use crate::web::keys::sync_key;
use crate::web::ui::lifecycle::listen_while_mounted;

#[component]
pub fn SyncSection(h: HellohireContext, sync_on: RwSignal<bool>) -> impl IntoView {
    let progress = RwSignal::new(None::<SyncProgress>);
    let plan = RwSignal::new(None::<Vec<PlannedSync>>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<Failure>);
    // This section is rebuilt for every page the panel shows, so its listener is this page's.
    listen_while_mounted(on_session_change(sync_key(&h.interview_id), move |v| {
        progress.set(from_js::<Option<SyncProgress>>(v).ok().flatten());
    }));
    let fail = move |f: Failure| {
        busy.set(false);
        error.set(Some(f));
    };
    let check = move |_| {
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            match ask(&Request::PreviewSync).await {
                Reply::SyncPlan { plan: p } => match p.get() {
                    Ok(p) => {
                        busy.set(false);
                        plan.set(Some(p));
                    }
                    Err(f) => fail(f),
                },
                Reply::Failed { failure } => fail(failure),
                _ => busy.set(false),
            }
        });
    };
    let confirm = move |_| {
        error.set(None);
        if let Err(why) = super::visible::check() {
            error.set(Some(Failure::plain(why)));
            return;
        }
        let Some(chosen) = plan.get_untracked() else { return };
        let registrants: Vec<Registrant> =
            chosen.into_iter().filter(|p| p.change != SyncChange::Nothing).map(|p| p.registrant).collect();
        plan.set(None);
        busy.set(true);
        spawn_local(async move {
            match ask(&Request::SyncRegistrants { registrants: Wire::new(registrants) }).await {
                Reply::Sync { progress: p } => match p.get() {
                    Ok(p) => {
                        busy.set(false);
                        progress.set(Some(p));
                    }
                    Err(f) => fail(f),
                },
                Reply::Failed { failure } => fail(failure),
                _ => busy.set(false),
            }
        });
    };
    let on_app = h.on_app;
    let checking = format!("Looking up {} registrants in SmartRecruiters…", h.registrants.len());
    view! {
        <section class="sync" aria-label="Registrants in SmartRecruiters">
            {move || if !sync_on.get() {
                view! { <p class="muted" id="sync-off">"Registrants are not added to SmartRecruiters: turn on "<em>"Create and update candidate profile in SmartRecruiters"</em>" in the options to do that."</p> }.into_any()
            } else if !on_app {
                view! { <p class="muted" id="sync-elsewhere">{format!("Registrants are added to SmartRecruiters only from Hellohire's own app at {}.", crate::hellohire::APP_HOST)}</p> }.into_any()
            } else {
                let checking = checking.clone();
                view! {
                    {move || progress.get().map(|p| view! {
                        <progress id="sync-progress" max=p.total.max(1) value=p.done aria-label="Registrants synced"></progress>
                        <p id="sync-status" role="status" aria-live="polite">{sync_line(&p)}</p>
                        {(!p.failed.is_empty()).then(|| view! {
                            <ul id="sync-failed" class="error" role="alert">{p.failed.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}</ul>
                        })}
                    })}
                    {move || match plan.get() {
                        None => view! {
                            <button type="button" id="sync-check" disabled=move || busy.get() on:click=check>
                                "Check who to add to SmartRecruiters"
                            </button>
                            {let checking = checking.clone(); move || busy.get().then(|| view! { <p class="muted" role="status">{checking.clone()}</p> })}
                        }.into_any(),
                        Some(p) => plan_view(p, plan, confirm).into_any(),
                    }}
                    {move || error.get().map(|f| view! { <p class="error" role="alert" id="sync-error">{f.message}</p> })}
                }.into_any()
            }}
        </section>
    }
}

fn plan_view(
    p: Vec<PlannedSync>,
    plan: RwSignal<Option<Vec<PlannedSync>>>,
    confirm: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let writes = p.iter().any(|x| x.change != SyncChange::Nothing);
    view! {
        <div id="sync-plan" role="group" aria-labelledby="sync-summary">
            <p id="sync-summary">{plan_summary(&p)}</p>
            <ul id="sync-changes">
                {p.iter().filter(|x| x.change != SyncChange::Nothing).map(|x| {
                    let r = &x.registrant;
                    let line = match x.change {
                        SyncChange::Rename => format!("Update first name: {} → {} {}", x.from, r.first_name, r.last_name),
                        _ => format!("Add {} ({})", r.name(), r.email),
                    };
                    view! { <li>{line}</li> }
                }).collect_view()}
            </ul>
            {writes.then(|| view! { <button type="button" class="primary" id="sync-confirm" on:click=confirm>{plan_action(&p)}</button> })}
            <button type="button" id="sync-cancel" on:click=move |_| plan.set(None)>{if writes { "Cancel" } else { "Close" }}</button>
        </div>
    }
}

fn sync_line(p: &SyncProgress) -> String {
    let counts = format!("{} added, {} updated, {} already there", p.created, p.updated, p.unchanged);
    let failed = if p.failed.is_empty() { String::new() } else { format!(", {} failed", p.failed.len()) };
    if p.finished {
        format!("Registrants in SmartRecruiters: {counts}{failed}.")
    } else {
        format!("Adding registrants to SmartRecruiters: {} of {} ({counts}{failed})…", p.done, p.total)
    }
}
