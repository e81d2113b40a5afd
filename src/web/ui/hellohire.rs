//! The panel on Hellohire pages: the candidate's SmartRecruiters profile and their rating in a
//! one-on-one room, and registrants brought into SmartRecruiters on a registrations list.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::hellohire_sync::SyncSection;
use super::lifecycle::Load;
use crate::hellohire::{HellohireKind, Rating, Registrant};
use crate::i18n::{msg, msgf};
use crate::message::{Failure, HellohireContext, PageContext, Reply, Request, SrProfile, Unwritten, Wire};
use crate::web::chrome::{ask, on_storage_change, open_options_page, open_tab};
use crate::web::keys::PENDING_RATINGS as PENDING;
use crate::web::ui::lifecycle::listen_while_mounted;

/// The panel in a Hellohire interview, kept up with the page.
#[component]
pub fn HellohireRoot() -> impl IntoView {
    let (page, _) = crate::web::ui::lifecycle::page_context();
    view! { <HellohirePanel page=page/> }
}

#[component]
pub fn HellohirePanel(page: RwSignal<Option<PageContext>>) -> impl IntoView {
    let ctx = Memo::new(move |_| page.with(|p| p.as_ref().and_then(PageContext::hellohire).cloned()));
    let has_key = RwSignal::new(Load::<bool>::Loading);
    let sync_on = RwSignal::new(false);
    spawn_local(async move {
        match ask(&Request::GetAccounts).await {
            Reply::Accounts { accounts } => {
                let sr = crate::ats_api::smartrecruiters::VENDOR;
                has_key.set(Load::Ready(
                    accounts.read(crate::read::accounts).unwrap_or_default().iter().any(|a| a.vendor == sr),
                ))
            }
            Reply::Failed { failure } => has_key.set(Load::Failed(failure)),
            _ => {}
        }
        if let Reply::Settings { settings } = ask(&Request::GetSettings).await {
            sync_on.set(settings.read(crate::read::settings).is_ok_and(|s| s.hellohire_sync_profiles));
        }
    });
    view! {
        <main class="panel" aria-labelledby="panel-title">
            <header class="panel-header">
                <h1 id="panel-title">"SmartRecruiters"</h1>
                <span class="muted">{msg("for_hellohire")}</span>
            </header>
            {move || ctx.get().map(|c| view! { <p class="muted" id="hh-interview">{msgf("hh_interview", &[&c.interview])}</p> })}
            {move || match (has_key.get(), ctx.get()) {
                (Load::Loading, _) | (_, None) => view! { <p class="muted">{msg("loading")}</p> }.into_any(),
                (Load::Failed(f), _) => view! { <p class="error" role="alert">{f.message}</p> }.into_any(),
                (Load::Ready(false), _) => view! {
                    <div class="setup" role="note">
                        <p>{msg("hh_add_key")}</p>
                        <button type="button" class="primary" on:click=|_| open_options_page()>{msg("add_key")}</button>
                    </div>
                }.into_any(),
                (Load::Ready(true), Some(c)) => body(c, sync_on).into_any(),
            }}
        </main>
    }
}

fn body(c: HellohireContext, sync_on: RwSignal<bool>) -> impl IntoView {
    let sync_view = {
        let c = c.clone();
        move || view! { <SyncSection h=c.clone() sync_on=sync_on/> }
    };
    match (c.kind, c.registrants.first().cloned()) {
        (HellohireKind::Room, Some(r)) => view! {
            <RegistrantCard registrant=r interview=c.interview.clone()/>
            {sync_view}
        }
        .into_any(),
        (HellohireKind::Room, None) => view! {
            <p class="muted" id="hh-group">{msg("hh_group")}</p>
        }
        .into_any(),
        (HellohireKind::Registrations, _) => view! {
            <section class="registrants" aria-labelledby="registrants-title">
                <h2 id="registrants-title">{msgf("hh_registrants", &[&c.registrants.len().to_string()])}</h2>
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
            msgf("hh_opened", &[&p.name])
        })
    };
    let rate = move |rating: Rating| {
        run(
            Request::Rate { registrant: Wire::new(r.get_value()), interview: interview.get_value(), rating },
            |p| match p.rating {
                Some(x) => msgf("hh_rated", &[&x.said(), &p.name]),
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
        <section class="candidate" aria-label=msg("candidate")>
            <p class="candidate-name" id="candidate-name">{name.clone()}</p>
            <p class="candidate-email" id="candidate-email">{registrant.email.clone()}</p>
            <button type="button" id="view-in-sr" class="primary" on:click=move |_| view_profile() disabled=move || busy.get()>
                {msg("hh_view")}
            </button>
            <p id="sr-status" class="muted" role="status" aria-live="polite">
                {move || match found.get() {
                    Load::Loading => msg("hh_looking"),
                    Load::Ready(Some(p)) => msgf("hh_in_sr", &[&p.name]),
                    Load::Ready(None) => msgf("hh_not_in_sr", &[&r.with_value(|r| r.name())]),
                    Load::Failed(_) => String::new(),
                }}
            </p>
            {move || matches!(found.get(), Load::Ready(None)).then(|| view! {
                <button type="button" id="create-in-sr" disabled=move || busy.get()
                    on:click=move |_| run(Request::CreateInSmartRecruiters { registrant: Wire::new(r.get_value()), interview: interview.get_value() },
                        |p| msgf("hh_added", &[&p.name]))>
                    {msg("hh_add")}
                </button>
            })}
            {move || match found.get() { Load::Failed(f) => Some(view! { <p id="sr-lookup-error" class="error" role="alert">{f.message}</p> }), _ => None }}
        </section>
        <section class="rating" aria-labelledby="rating-title">
            <h2 id="rating-title">{msg("hh_rating")}</h2>
            <div class="rating-buttons" role="group" aria-label=msgf("hh_rate", &[&name])>
                {Rating::ALL.into_iter().map(|x| view! {
                    <button type="button" id=format!("rate-{}", x.label().to_ascii_lowercase())
                        aria-pressed=move || (current() == Some(x)).to_string()
                        disabled=move || busy.get()
                        on:click=move |_| rate(x)>{x.said()}</button>
                }).collect_view()}
            </div>
            <p id="rating-status" class="muted" role="status">
                {move || match found.get() {
                    Load::Ready(Some(p)) => match p.rating {
                        Some(x) => msgf("hh_on_profile", &[&x.said()]),
                        None => msg("hh_no_rating"),
                    },
                    _ => String::new(),
                }}
            </p>
            {move || pending.get().filter(|p| !p.error.is_empty()).map(|p| view! {
                <div id="rating-pending" class="error" role="alert">
                    <p>{msgf("hh_pending", &[&p.rating.said(), &p.error])}</p>
                    <button type="button" id="retry-rating" disabled=move || busy.get() on:click=move |_| rate(p.rating)>{msg("try_now")}</button>
                </div>
            })}
        </section>
        <p id="sr-note" class="notice" role="status" aria-live="polite">{move || note.get()}</p>
        {move || error.get().map(|f| view! {
            <div id="sr-error" class="error" role="alert">
                <p>{f.message.clone()}</p>
                {f.key_problem.map(|_| view! { <button type="button" on:click=|_| open_options_page()>{msg("check_keys")}</button> })}
            </div>
        })}
    }
}
