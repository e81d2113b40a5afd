//! The panel on Hellohire pages: the candidate's SmartRecruiters profile and their rating in a
//! one-on-one room, and registrants brought into SmartRecruiters on a registrations list.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::fields::Load;
use crate::hellohire::{HellohireKind, Rating, Registrant};
use crate::message::{
    Failure, HellohireContext, PageContext, Reply, Request, SrProfile, SyncProgress, Unwritten, Wire,
};
use crate::web::chrome::{ask, from_js, on_session_change, on_storage_change, open_options_page, open_tab};
use crate::web::keys::{sync_key, PENDING_RATINGS as PENDING};
use crate::web::ui::lifecycle::{listen_while_mounted, listener_slot};

#[component]
pub fn HellohirePanel(page: RwSignal<Option<PageContext>>) -> impl IntoView {
    let ctx = Memo::new(move |_| page.with(|p| p.as_ref().and_then(PageContext::hellohire).cloned()));
    let has_key = RwSignal::new(Load::<bool>::Loading);
    let sync_on = RwSignal::new(false);
    spawn_local(async move {
        match ask(&Request::GetAccounts).await {
            Reply::Accounts { accounts } => {
                let sr = crate::ats_api::smartrecruiters::VENDOR;
                has_key.set(Load::Ready(accounts.get().unwrap_or_default().iter().any(|a| a.vendor == sr)))
            }
            Reply::Failed { failure } => has_key.set(Load::Failed(failure)),
            _ => {}
        }
        if let Reply::Settings { settings } = ask(&Request::GetSettings).await {
            sync_on.set(settings.get().is_ok_and(|s| s.hellohire_sync_profiles));
        }
    });
    let progress = RwSignal::new(None::<SyncProgress>);
    let sync_error = RwSignal::new(None::<Failure>);
    // Registrants shown are registrants to sync (the worker skips those already done).
    let registrants = Memo::new(move |_| ctx.with(|c| c.as_ref().map(|c| c.registrants.clone())));
    let listening = StoredValue::new(None::<String>);
    // The shown interview's progress listener: the next interview's replaces it.
    let sync_listener = listener_slot();
    Effect::new(move |_| {
        let (Some(c), Load::Ready(true), true) = (ctx.get(), has_key.get(), sync_on.get()) else { return };
        let _ = registrants.get();
        if listening.get_value().as_deref() != Some(c.interview_id.as_str()) {
            listening.set_value(Some(c.interview_id.clone()));
            let listener = on_session_change(sync_key(&c.interview_id), move |v| {
                progress.set(from_js::<Option<SyncProgress>>(v).ok().flatten());
            });
            sync_listener.set_value(listener.ok());
        }
        spawn_local(async move {
            match ask(&Request::SyncRegistrants).await {
                Reply::Sync { progress: p } => match p.get() {
                    Ok(p) => {
                        sync_error.set(None);
                        progress.set(Some(p));
                    }
                    Err(f) => sync_error.set(Some(f)),
                },
                Reply::Failed { failure } => sync_error.set(Some(failure)),
                _ => {}
            }
        });
    });

    view! {
        <main class="panel" aria-labelledby="panel-title">
            <header class="panel-header">
                <h1 id="panel-title">"SmartRecruiters"</h1>
                <span class="muted">"for Hellohire"</span>
            </header>
            {move || ctx.get().map(|c| view! { <p class="muted" id="hh-interview">{format!("Interview: {}", c.interview)}</p> })}
            {move || match (has_key.get(), ctx.get()) {
                (Load::Loading, _) | (_, None) => view! { <p class="muted">"Loading…"</p> }.into_any(),
                (Load::Failed(f), _) => view! { <p class="error" role="alert">{f.message}</p> }.into_any(),
                (Load::Ready(false), _) => view! {
                    <div class="setup" role="note">
                        <p>"Add your SmartRecruiters API key to see profiles and save ratings from Hellohire."</p>
                        <button type="button" class="primary" on:click=|_| open_options_page()>"Add API key"</button>
                    </div>
                }.into_any(),
                (Load::Ready(true), Some(c)) => body(c, sync_on, progress, sync_error).into_any(),
            }}
        </main>
    }
}

fn body(
    c: HellohireContext,
    sync_on: RwSignal<bool>,
    progress: RwSignal<Option<SyncProgress>>,
    sync_error: RwSignal<Option<Failure>>,
) -> impl IntoView {
    let sync_view = move || {
        view! {
            <section class="sync" aria-label="Registrants in SmartRecruiters">
                {move || if !sync_on.get() {
                    view! { <p class="muted" id="sync-off">"Registrants are not added to SmartRecruiters: turn on "<em>"Create and update candidate profile in SmartRecruiters"</em>" in the options to do that."</p> }.into_any()
                } else {
                    view! {
                        {move || progress.get().map(|p| view! {
                            <progress id="sync-progress" max=p.total.max(1) value=p.done aria-label="Registrants synced"></progress>
                            <p id="sync-status" role="status" aria-live="polite">{sync_line(&p)}</p>
                            {(!p.failed.is_empty()).then(|| view! {
                                <ul id="sync-failed" class="error" role="alert">{p.failed.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}</ul>
                            })}
                        })}
                        {move || sync_error.get().map(|f| view! { <p class="error" role="alert" id="sync-error">{f.message}</p> })}
                    }.into_any()
                }}
            </section>
        }
    };
    match (c.kind, c.registrants.first().cloned()) {
        (HellohireKind::Room, Some(r)) => view! {
            <RegistrantCard registrant=r interview=c.interview.clone()/>
            {sync_view}
        }
        .into_any(),
        (HellohireKind::Room, None) => view! {
            <p class="muted" id="hh-group">"View in SmartRecruiters and ratings are available in one-on-one interviews."</p>
        }
        .into_any(),
        (HellohireKind::Registrations, _) => view! {
            <section class="registrants" aria-labelledby="registrants-title">
                <h2 id="registrants-title">{format!("Registrants ({})", c.registrants.len())}</h2>
                {sync_view}
                <ul id="registrant-list">
                    {c.registrants.iter().map(|r| view! {
                        <li><span class="candidate-name">{r.name()}</span>" "<span class="muted">{r.email.clone()}</span></li>
                    }).collect_view()}
                </ul>
            </section>
        }
        .into_any(),
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

#[component]
fn RegistrantCard(registrant: Registrant, interview: String) -> impl IntoView {
    let found = RwSignal::new(Load::<Option<SrProfile>>::Loading);
    let pending = RwSignal::new(None::<Unwritten>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<Failure>);
    let r = StoredValue::new(registrant.clone());
    let interview = StoredValue::new(interview);
    let apply = move |reply: Reply| match reply {
        Reply::InSmartRecruiters { profile, pending: p } => {
            found.set(profile.get().map_or_else(Load::Failed, Load::Ready));
            pending.set(p.get().ok().flatten());
            true
        }
        Reply::Failed { failure } => {
            error.set(Some(failure));
            false
        }
        _ => false,
    };
    let refresh = move || {
        spawn_local(async move {
            let req = Request::FindInSmartRecruiters {
                registrant: Wire::new(r.get_value()),
                interview: interview.get_value(),
            };
            match ask(&req).await {
                Reply::Failed { failure } => found.set(Load::Failed(failure)),
                reply => {
                    apply(reply);
                    // A kept rating says itself why it isn't saved; one message is enough.
                    if pending.with_untracked(|p| p.as_ref().is_some_and(|p| !p.error.is_empty())) {
                        error.set(None);
                    }
                }
            }
        })
    };
    refresh();
    // A kept rating written later (by the alarm) shows up here.
    listen_while_mounted(on_storage_change("local", PENDING.to_string(), move |_| {
        if !busy.get_untracked() {
            refresh();
        }
    }));
    let run = move |req: Request, done: fn(&SrProfile) -> String| {
        if busy.get_untracked() {
            return;
        }
        note.set(None);
        error.set(None);
        if let Err(why) = super::visible::check() {
            error.set(Some(Failure::plain(why)));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let reply = ask(&req).await;
            busy.set(false);
            let ok = apply(reply);
            if ok {
                match found.get_untracked() {
                    Load::Ready(Some(p)) => note.set(Some(done(&p))),
                    Load::Ready(None) => note.set(None),
                    _ => {}
                }
            } else if matches!(req, Request::Rate { .. }) {
                // The rating is kept by the worker: show it as such.
                refresh();
            }
        });
    };
    let view_profile = move || {
        let req = Request::FindInSmartRecruiters {
            registrant: Wire::new(r.get_value()),
            interview: interview.get_value(),
        };
        run(req, |p| {
            open_tab(&p.url);
            format!("Opened {}'s SmartRecruiters profile in a new tab.", p.name)
        })
    };
    let rate = move |rating: Rating| {
        run(
            Request::Rate { registrant: Wire::new(r.get_value()), interview: interview.get_value(), rating },
            |p| match p.rating {
                Some(x) => {
                    format!("Rated {}: the tag is on {}'s SmartRecruiters profile.", x.label(), p.name)
                }
                None => String::new(),
            },
        )
    };
    let current = move || {
        pending.with(|p| p.as_ref().map(|p| p.rating)).or_else(|| match found.get() {
            Load::Ready(Some(p)) => p.rating,
            _ => None,
        })
    };
    let name = registrant.name();
    view! {
        <section class="candidate" aria-label="Candidate">
            <p class="candidate-name" id="candidate-name">{name.clone()}</p>
            <p class="candidate-email" id="candidate-email">{registrant.email.clone()}</p>
            <button type="button" id="view-in-sr" class="primary" on:click=move |_| view_profile() disabled=move || busy.get()>
                "View in SmartRecruiters"
            </button>
            <p id="sr-status" class="muted" role="status" aria-live="polite">
                {move || match found.get() {
                    Load::Loading => "Looking them up in SmartRecruiters…".to_string(),
                    Load::Ready(Some(p)) => format!("In SmartRecruiters as {}.", p.name),
                    Load::Ready(None) => format!("{} isn't in SmartRecruiters yet.", r.with_value(|r| r.name())),
                    Load::Failed(_) => String::new(),
                }}
            </p>
            {move || matches!(found.get(), Load::Ready(None)).then(|| view! {
                <button type="button" id="create-in-sr" disabled=move || busy.get()
                    on:click=move |_| run(Request::CreateInSmartRecruiters { registrant: Wire::new(r.get_value()), interview: interview.get_value() },
                        |p| format!("Added {} to SmartRecruiters.", p.name))>
                    "Add to SmartRecruiters"
                </button>
            })}
            {move || match found.get() { Load::Failed(f) => Some(view! { <p id="sr-lookup-error" class="error" role="alert">{f.message}</p> }), _ => None }}
        </section>
        <section class="rating" aria-labelledby="rating-title">
            <h2 id="rating-title">"Rating"</h2>
            <div class="rating-buttons" role="group" aria-label=format!("Rate {name}")>
                {Rating::ALL.into_iter().map(|x| view! {
                    <button type="button" id=format!("rate-{}", x.label().to_ascii_lowercase())
                        aria-pressed=move || (current() == Some(x)).to_string()
                        disabled=move || busy.get()
                        on:click=move |_| rate(x)>{x.label()}</button>
                }).collect_view()}
            </div>
            <p id="rating-status" class="muted" role="status">
                {move || match found.get() {
                    Load::Ready(Some(p)) => match p.rating {
                        Some(x) => format!("On their SmartRecruiters profile: {}.", x.label()),
                        None => "No rating on their SmartRecruiters profile yet.".to_string(),
                    },
                    _ => String::new(),
                }}
            </p>
            {move || pending.get().filter(|p| !p.error.is_empty()).map(|p| view! {
                <div id="rating-pending" class="error" role="alert">
                    <p>{format!("{} isn't saved in SmartRecruiters yet: {} It is kept and tried again every 30 seconds.", p.rating.label(), p.error)}</p>
                    <button type="button" id="retry-rating" disabled=move || busy.get() on:click=move |_| rate(p.rating)>"Try again now"</button>
                </div>
            })}
        </section>
        <p id="sr-note" class="notice" role="status" aria-live="polite">{move || note.get()}</p>
        {move || error.get().map(|f| view! {
            <div id="sr-error" class="error" role="alert">
                <p>{f.message.clone()}</p>
                {f.key_problem.map(|_| view! { <button type="button" on:click=|_| open_options_page()>"Check API keys"</button> })}
            </div>
        })}
    }
}
