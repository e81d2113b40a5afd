//! The panel beside a candidate: who they are, the invite form, and their interviews.

use js_sys::Date;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::message::{
    AccountView, Choice, Failure, InterviewKind, InterviewRow, Invite, JobLink, PageContext, Reply, Request,
    Source, Wire,
};
use crate::provider::{self, Provider};
use crate::web::chrome::{ask, from_js, on_session_change, open_options_page};
use crate::web::keys::{context_key, progress_key};
use crate::web::ui::lifecycle::{listen_while_mounted, listener_slot};

use super::fields::{choice_options, time_zone, Load, When, WhenPicker};
use super::interviews::InterviewItem;

/// What a Sent reply names when its interview can't be read: the send itself went through.
fn sent_row() -> InterviewRow {
    InterviewRow {
        uuid: String::new(),
        kind: InterviewKind::OneWay,
        job_title: "the job".into(),
        status: String::new(),
        status_label: "invited".into(),
        scheduled_at: None,
        completed_at: None,
        share_url: None,
        app_url: String::new(),
        join_url: None,
    }
}

fn panel_id() -> String {
    format!("{:x}{:x}", (js_sys::Math::random() * 1e12) as u64, Date::now() as u64)
}

/// The panel's root: what the tab shows decides which panel it is.
#[component]
pub fn PanelRoot() -> impl IntoView {
    let page = RwSignal::new(None::<PageContext>);
    let context_ready = RwSignal::new(false);
    // Taken now, filled once the tab is known: a listener put in after the panel is gone is
    // dropped at once.
    let context_listener = listener_slot();
    spawn_local(async move {
        if let Reply::Context { tab_id, context } = ask(&Request::GetContext).await {
            page.set(context.get().ok().flatten());
            if let Some(tab) = tab_id {
                let listener = on_session_change(context_key(tab), move |v| {
                    page.set(from_js::<Option<PageContext>>(v).ok().flatten());
                });
                context_listener.set_value(listener.ok());
            }
        }
        context_ready.set(true);
    });
    let on_hellohire = Memo::new(move |_| page.with(|p| p.as_ref().is_some_and(|p| p.hellohire().is_some())));
    move || {
        if on_hellohire.get() {
            view! { <super::hellohire::HellohirePanel page=page/> }.into_any()
        } else {
            // One panel per provider; today's registry has one.
            provider::ALL
                .iter()
                .map(|p| view! { <Panel provider=*p page=page context_ready=context_ready/> })
                .collect_view()
                .into_any()
        }
    }
}

#[component]
pub fn Panel(
    provider: &'static Provider,
    page: RwSignal<Option<PageContext>>,
    context_ready: RwSignal<bool>,
) -> impl IntoView {
    let pv = provider.vendor;
    let label = pv.label;
    let candidate = Memo::new(move |_| page.with(|p| p.as_ref().and_then(PageContext::candidate).cloned()));
    let job_page = Memo::new(move |_| page.with(|p| p.as_ref().and_then(PageContext::job).cloned()));
    let account = RwSignal::new(Load::<Option<AccountView>>::Loading);
    let all_accounts = RwSignal::new(Vec::<AccountView>::new());
    let catalog = RwSignal::new(Load::<(Vec<Choice>, Vec<Choice>)>::Loading);
    let interviews = RwSignal::new(Load::<Vec<InterviewRow>>::Loading);

    let job = RwSignal::new(String::new());
    let question_set = RwSignal::new(String::new());
    let when = When::new();
    let message = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<Failure>);
    let progress = RwSignal::new(None::<String>);
    let send_id = panel_id();
    let tz = time_zone();

    listen_while_mounted(on_session_change(progress_key(&send_id), move |v| progress.set(v.as_string())));
    let refreshing = RwSignal::new(false);
    let catalog_note = RwSignal::new(None::<String>);
    // Returns whether what arrived came from the cache (so a fresh copy should follow).
    let fetch_catalog = move |fresh: bool| async move {
        refreshing.set(true);
        let reply = ask(&Request::GetCatalog { provider: pv, fresh }).await;
        refreshing.set(false);
        match reply {
            Reply::Catalog { jobs, question_sets, cached, .. } => {
                let (jobs, question_sets) =
                    (jobs.get().unwrap_or_default(), question_sets.get().unwrap_or_default());
                if !jobs.iter().any(|j| j.uuid == job.get_untracked()) {
                    job.set(jobs.first().map(|j| j.uuid.clone()).unwrap_or_default());
                }
                if !question_sets.iter().any(|q| q.uuid == question_set.get_untracked()) {
                    question_set.set(question_sets.first().map(|q| q.uuid.clone()).unwrap_or_default());
                }
                catalog_note.set(None);
                catalog.set(Load::Ready((jobs, question_sets)));
                cached
            }
            // Keep showing what we have; say that it may be out of date.
            Reply::Failed { failure } if matches!(catalog.get_untracked(), Load::Ready(_)) => {
                catalog_note.set(Some(format!("Couldn't refresh the jobs: {}", failure.message)));
                false
            }
            Reply::Failed { failure } => {
                catalog.set(Load::Failed(failure));
                false
            }
            _ => false,
        }
    };
    // Cache first, then what the account has now.
    let load_catalog = move |fresh: bool| {
        spawn_local(async move {
            if fetch_catalog(fresh).await {
                fetch_catalog(true).await;
            }
        })
    };
    // The accounts, and the one this ATS uses; `then_load` also loads that account's jobs.
    let apply_accounts = move |reply: Reply, then_load: bool| match reply {
        Reply::VendorAccounts { accounts, chosen } => {
            let accounts = accounts.get().unwrap_or_default();
            let current = chosen.and_then(|id| accounts.iter().find(|a| a.id == id).cloned());
            let changed = account.with_untracked(|a| match a {
                Load::Ready(Some(old)) => current.as_ref().map(|c| &c.id) != Some(&old.id),
                _ => true,
            });
            all_accounts.set(accounts);
            let has = current.is_some();
            account.set(Load::Ready(current));
            if has && then_load && changed {
                load_catalog(false);
            }
        }
        Reply::Failed { failure } => account.set(Load::Failed(failure)),
        _ => {}
    };
    // The account is chosen per ATS: ask again once the page's ATS is known, or changes.
    Effect::new(move |prev: Option<Option<crate::ats::Ats>>| {
        let ats = page.with(|p| p.as_ref().and_then(PageContext::ats));
        if prev.is_none_or(|prev| prev != ats) {
            spawn_local(async move {
                apply_accounts(ask(&Request::GetVendorAccounts { vendor: pv }).await, true)
            });
        }
        ats
    });
    let refresh_credits = move || {
        spawn_local(
            async move { apply_accounts(ask(&Request::GetVendorAccounts { vendor: pv }).await, false) },
        )
    };

    let email = Memo::new(move |_| candidate.with(|c| c.as_ref().and_then(|c| c.email.clone())));
    let has_key = Memo::new(move |_| matches!(account.get(), Load::Ready(Some(_))));
    let load_interviews = move || {
        let Some(address) = email.get_untracked() else {
            interviews.set(Load::Ready(vec![]));
            return;
        };
        spawn_local(async move {
            match ask(&Request::GetInterviews { provider: pv, email: address.clone() }).await {
                // The candidate may have changed while we asked.
                Reply::Interviews { interviews: rows }
                    if email.get_untracked().as_deref() == Some(&address) =>
                {
                    interviews.set(rows.get().map_or_else(Load::Failed, Load::Ready))
                }
                Reply::Failed { failure } => interviews.set(Load::Failed(failure)),
                _ => {}
            }
        });
    };
    Effect::new(move |_| {
        let _ = email.get();
        if has_key.get() {
            interviews.set(Load::Loading);
            load_interviews();
        }
    });
    // The candidate's ATS jobs and the provider's jobs linked to them: the interview is for
    // one of those, and its link picks the provider's job.
    let links = RwSignal::new(Vec::<JobLink>::new());
    // The Completed view: only interviews with something to watch.
    let completed_only = RwSignal::new(false);
    let ats_job = RwSignal::new(String::new());
    let pick_ats_job = move |id: String| {
        if let Some(l) = links.with_untracked(|ls| ls.iter().find(|l| l.ats_job_id == id).cloned()) {
            job.set(l.job_uuid);
        }
        ats_job.set(id);
    };
    Effect::new(move |_| {
        let Some(c) = candidate.get() else { return };
        let ids: Vec<String> = c.jobs.iter().map(|j| j.id.clone()).collect();
        if ids.is_empty() {
            links.set(vec![]);
            return;
        }
        spawn_local(async move {
            if let Reply::Links { links: found } =
                ask(&Request::GetLinks { provider: pv, ats: c.ats, ats_job_ids: ids.clone() }).await
            {
                let found = found.get().unwrap_or_default();
                let first = found.first().map(|l| l.ats_job_id.clone()).unwrap_or_else(|| ids[0].clone());
                links.set(found);
                pick_ats_job(first);
            }
        });
    });
    // A new candidate (SPA navigation) starts with a clean status; the form's choices stay.
    Effect::new(move |prev: Option<Option<String>>| {
        let id = candidate.with(|c| c.as_ref().map(|c| c.ats_id.clone()));
        if prev.is_some_and(|p| p != id) {
            status.set(None);
            error.set(None);
        }
        id
    });

    let send = move || {
        if busy.get_untracked() {
            return;
        }
        let Some(c) = candidate.get_untracked() else {
            return;
        };
        status.set(None);
        error.set(None);
        let Some((k, scheduled_ms)) = when.checked() else { return };
        let invite = Invite {
            send_id: send_id.clone(),
            candidate_name: c.name.clone(),
            candidate_email: c.email.clone().unwrap_or_default(),
            job_uuid: job.get_untracked(),
            question_set_uuid: question_set.get_untracked(),
            kind: k,
            scheduled_ms,
            timezone: tz.clone(),
            message: message.get_untracked(),
        };
        busy.set(true);
        progress.set(None);
        spawn_local(async move {
            let reply = ask(&Request::SendInvite { provider: pv, invite: Wire::new(invite) }).await;
            busy.set(false);
            progress.set(None);
            match reply {
                Reply::Sent { interview, already: false } => {
                    let interview = interview.get().unwrap_or_else(|_| sent_row());
                    message.set(String::new());
                    refresh_credits();
                    status.set(Some(match k {
                        InterviewKind::OneWay => format!(
                            "Interview sent to {} for {}. {label} emails them the invite.",
                            c.name, interview.job_title
                        ),
                        InterviewKind::Live => format!(
                            "Live interview with {} for {} scheduled. {label} emails them the invite.",
                            c.name, interview.job_title
                        ),
                    }));
                    load_interviews();
                }
                Reply::Sent { interview, already: true } => {
                    let interview = interview.get().unwrap_or_else(|_| sent_row());
                    status.set(Some(format!(
                        "{} already has a {label} interview for {} ({}). No second invite was sent.",
                        c.name,
                        interview.job_title,
                        interview.status_label.to_ascii_lowercase()
                    )));
                    load_interviews();
                }
                Reply::Failed { failure } => error.set(Some(failure)),
                _ => error.set(Some(Failure::plain("Unexpected answer from the extension."))),
            }
        });
    };
    let send = StoredValue::new(send);

    view! {
        <main class="panel" aria-labelledby="panel-title">
            <header class="panel-header">
                <h1 id="panel-title">{label}</h1>
                {move || match account.get() {
                    Load::Ready(Some(a)) => {
                        let active: Vec<AccountView> = all_accounts.get().into_iter().filter(|x| x.active).collect();
                        let left = a.left().map(|n| view! { <span id="credits-left" class="muted">{if n == 1 { "1 invite left".to_string() } else { format!("{n} invites left") }}</span> });
                        let chosen_id = a.id.clone();
                        let picker = if active.len() > 1 {
                            view! {
                                <select id="account" aria-label=format!("{label} account") on:change=move |ev| {
                                    let id = event_target_value(&ev);
                                    spawn_local(async move {
                                        apply_accounts(ask(&Request::ChooseAccount { provider: pv, id }).await, true);
                                        load_interviews();
                                    });
                                }>
                                    {active.into_iter().map(|x| {
                                        let selected = x.id == chosen_id;
                                        view! { <option value=x.id.clone() selected=selected>{x.display_name.clone()}</option> }
                                    }).collect_view()}
                                </select>
                            }.into_any()
                        } else {
                            view! { <span class="account-name muted" title=a.account.email.clone()>{a.display_name.clone()}</span> }.into_any()
                        };
                        Some(view! { <div class="account-pick">{picker}{left}</div> }.into_any())
                    }
                    _ => None,
                }}
            </header>
            <section class="candidate" aria-label="Candidate">
                {move || match (candidate.get(), context_ready.get()) {
                    (Some(c), _) => view! {
                        <p class="candidate-name" id="candidate-name">{c.name.clone()}</p>
                        <p class="candidate-email" id="candidate-email">{c.email.clone().unwrap_or_else(|| "No email on this page".into())}</p>
                        <p class="muted source">{match c.source { Source::Page => format!("From this {} page", c.ats.label()), Source::AtsApi => format!("Confirmed with the {} API", c.ats.label()) }}</p>
                        {(!c.hellohire_ratings.is_empty()).then(|| view! {
                            <div class="hh-ratings" id="hellohire-ratings">
                                <h2>"Hellohire ratings"</h2>
                                <ul>
                                    {c.hellohire_ratings.iter().map(|r| view! {
                                        <li><span class="hh-interview">{r.interview.clone()}</span>" "
                                        <strong class=format!("rating rating-{}", r.rating.label().to_ascii_lowercase())>{r.rating.label()}</strong></li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        })}
                    }.into_any(),
                    (None, _) if job_page.with(|j| j.is_some()) => view! {
                        <p class="candidate-name" id="job-title">{move || job_page.get().map(|j| j.title)}</p>
                        <p class="muted" id="job-location">{move || job_page.get().and_then(|j| j.location)}</p>
                    }.into_any(),
                    (None, false) => view! { <p class="muted">"Reading the candidate…"</p> }.into_any(),
                    (None, true) => view! { <p class="muted">"Open a candidate's profile to invite them."</p> }.into_any(),
                }}
            </section>
            {move || match account.get() {
                Load::Loading => view! { <p class="muted">"Loading…"</p> }.into_any(),
                Load::Failed(f) => view! { <p class="error" role="alert">{f.message}</p> }.into_any(),
                Load::Ready(None) => view! {
                    <div class="setup" role="note">
                        <p>{format!("Add your {label} API key to send interviews from here.")}</p>
                        <button type="button" class="primary" on:click=|_| open_options_page()>"Add API key"</button>
                    </div>
                }.into_any(),
                Load::Ready(Some(_)) if job_page.with(|j| j.is_some()) => view! {
                    <super::bulk::BulkView provider=provider job=job_page catalog=catalog job_uuid=job question_set=question_set/>
                }.into_any(),
                Load::Ready(Some(_)) => view! {
                    <form class="invite" novalidate aria-label="Invite to an interview" on:submit=move |ev| { ev.prevent_default(); send.with_value(|f| f()); }>
                        <div class="row-label">
                            <h2>"Invite to an interview"</h2>
                            <button type="button" id="refresh" class="link" on:click=move |_| load_catalog(true)
                                disabled=move || refreshing.get()
                                aria-label=format!("Refresh jobs and {}s", provider.template_noun)>
                                {move || if refreshing.get() { "Refreshing…" } else { "Refresh" }}
                            </button>
                        </div>
                        {move || match catalog.get() {
                            Load::Loading => view! { <p class="muted" role="status">{format!("Loading jobs and {}s…", provider.template_noun)}</p> }.into_any(),
                            Load::Failed(f) => view! { <p class="error" role="alert">{f.message}</p> }.into_any(),
                            Load::Ready((jobs, sets)) => view! {
                                {move || candidate.get().filter(|c| !c.jobs.is_empty()).map(|c| {
                                    let ats = c.ats.label();
                                    view! {
                                        <label for="ats-job">{format!("For the {ats} job")}</label>
                                        <select id="ats-job" on:change=move |ev| pick_ats_job(event_target_value(&ev))>
                                            {c.jobs.into_iter().map(|j| {
                                                let id = j.id.clone();
                                                let linked = links.with(|ls| ls.iter().find(|l| l.ats_job_id == j.id).map(|l| l.job_title.clone()));
                                                let label = match linked { Some(t) => format!("{} ({label}: {t})", j.name), None => j.name.clone() };
                                                view! { <option value=j.id.clone() selected=move || ats_job.get() == id>{label}</option> }
                                            }).collect_view()}
                                        </select>
                                    }
                                })}
                                <label for="job">"Job"</label>
                                <select id="job" on:change=move |ev| job.set(event_target_value(&ev))>{choice_options(jobs, job)}</select>
                                <label for="question-set">{provider.template_title()}</label>
                                <select id="question-set" on:change=move |ev| question_set.set(event_target_value(&ev))>{choice_options(sets, question_set)}</select>
                            }.into_any(),
                        }}
                        <p id="catalog-note" class="error" role="status">{move || catalog_note.get()}</p>
                        <WhenPicker when=when/>
                        <label for="message">"Message to the candidate "<span class="muted">"(optional)"</span></label>
                        <textarea id="message" rows="3" maxlength="2000"
                            prop:value=move || message.get()
                            on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                        <button id="send" type="submit" class="primary"
                            disabled=move || busy.get() || candidate.with(|c| c.is_none()) || !matches!(catalog.get(), Load::Ready(_))
                            aria-busy=move || busy.get().to_string()>
                            {move || if busy.get() { "Sending…" } else { "Send interview" }}
                        </button>
                        <p id="send-status" class="notice" role="status" aria-live="polite">
                            {move || progress.get().or_else(|| status.get())}
                        </p>
                        {move || error.get().map(|f| view! {
                            <div id="send-error" class="error" role="alert">
                                <p>{f.message.clone()}</p>
                                {f.key_problem.map(|_| view! { <button type="button" on:click=|_| open_options_page()>"Check API keys"</button> })}
                            </div>
                        })}
                    </form>
                    <section class="interviews" aria-labelledby="interviews-title">
                        <div class="row-label">
                            <h2 id="interviews-title">"Interviews"</h2>
                            <div class="tabs" role="group" aria-label="Show">
                                <button type="button" id="show-all" class="link" aria-pressed=move || (!completed_only.get()).to_string()
                                    on:click=move |_| completed_only.set(false)>"All"</button>
                                <button type="button" id="show-completed" class="link" aria-pressed=move || completed_only.get().to_string()
                                    on:click=move |_| completed_only.set(true)>"Completed"</button>
                            </div>
                        </div>
                        {move || match interviews.get() {
                            Load::Loading => view! { <p class="muted" role="status">"Loading interviews…"</p> }.into_any(),
                            Load::Failed(f) => view! { <p class="error" role="alert">{f.message}</p> }.into_any(),
                            Load::Ready(rows) if rows.is_empty() => view! { <p class="muted" id="no-interviews">{format!("No {label} interviews for this candidate yet.")}</p> }.into_any(),
                            Load::Ready(rows) if completed_only.get() && !rows.iter().any(|r| r.status == "completed") => view! {
                                <p class="muted" id="no-completed">"No completed interviews yet."</p>
                            }.into_any(),
                            Load::Ready(rows) => view! {
                                <ul id="interview-list">
                                    {rows.into_iter()
                                        .filter(|r| !completed_only.get() || r.status == "completed")
                                        .map(|r| view! { <InterviewItem provider=provider row=r interviews=interviews/> })
                                        .collect_view()}
                                </ul>
                            }.into_any(),
                        }}
                    </section>
                }.into_any(),
            }}
        </main>
    }
}
