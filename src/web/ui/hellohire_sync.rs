//! Registrants into SmartRecruiters from a Hellohire page: looked up first, shown to the
//! recruiter as who would be added or changed, and written only when they confirm in the
//! visible panel. A page (any subdomain can be anyone's) never starts a write by what it shows.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::hellohire::Registrant;
use crate::i18n::{msg, msgf, msgn};
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
    let checking = msgn("hh_checking", h.registrants.len() as u64, &[]);
    view! {
        <section class="sync" aria-label=msg("hh_sync_area")>
            {move || if !sync_on.get() {
                view! { <p class="muted" id="sync-off">{msgf("hh_sync_off", &[&msg("hh_sync_switch")])}</p> }.into_any()
            } else if !on_app {
                view! { <p class="muted" id="sync-elsewhere">{msgf("hh_sync_elsewhere", &[crate::hellohire::APP_HOST])}</p> }.into_any()
            } else {
                let checking = checking.clone();
                view! {
                    {move || progress.get().map(|p| view! {
                        <progress id="sync-progress" max=p.total.max(1) value=p.done aria-label=msg("hh_synced")></progress>
                        <p id="sync-status" role="status" aria-live="polite">{sync_line(&p)}</p>
                        {(!p.failed.is_empty()).then(|| view! {
                            <ul id="sync-failed" class="error" role="alert">{p.failed.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}</ul>
                        })}
                    })}
                    {move || match plan.get() {
                        None => view! {
                            <button type="button" id="sync-check" disabled=move || busy.get() on:click=check>
                                {msg("hh_check")}
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
                        SyncChange::Rename => msgf("hh_rename_row", &[&x.from, &r.first_name, &r.last_name]),
                        _ => msgf("hh_add_row", &[&r.name(), &r.email]),
                    };
                    view! { <li>{line}</li> }
                }).collect_view()}
            </ul>
            {writes.then(|| view! { <button type="button" class="primary" id="sync-confirm" on:click=confirm>{plan_action(&p)}</button> })}
            <button type="button" id="sync-cancel" on:click=move |_| plan.set(None)>{if writes { msg("cancel") } else { msg("close") }}</button>
        </div>
    }
}

fn sync_line(p: &SyncProgress) -> String {
    let counts =
        [p.created, p.updated, p.unchanged, p.failed.len() as u32, p.done, p.total].map(|x| x.to_string());
    let args: Vec<&str> = counts.iter().map(String::as_str).collect();
    match (p.finished, p.failed.is_empty()) {
        (true, true) => msgf("hh_synced_all", &args[..3]),
        (true, false) => msgf("hh_synced_failed", &args[..4]),
        (false, true) => msgf("hh_syncing", &[args[4], args[5], args[0], args[1], args[2]]),
        (false, false) => msgf("hh_syncing_failed", &[args[4], args[5], args[0], args[1], args[2], args[3]]),
    }
}
