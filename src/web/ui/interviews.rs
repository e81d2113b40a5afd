//! The candidate's interviews, all or only the completed ones. Each shows its status and dates,
//! Watch (a share link made on first use where the provider has them, else its app), Copy share
//! link, Open in the provider's app, and Join for live ones still to come.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::fields::{failure_view, local_input_value, parse_local_input, time_zone, Load};
use super::visible;
use crate::i18n::{human_time, msg, msgf};
use crate::message::{Change, InterviewKind, InterviewRow, Reply, Request};
use crate::provider::Provider;
use crate::web::chrome::{ask, open_tab};

#[component]
pub(super) fn InterviewList(
    provider: &'static Provider,
    interviews: RwSignal<Load<Vec<InterviewRow>>>,
    /// The Completed view: only interviews with something to watch.
    completed_only: RwSignal<bool>,
    /// What a change or the list's load did beyond the rows (a PageUp application moved on).
    said: RwSignal<Option<String>>,
    /// The candidate's interviews with the recruiter's other providers, a line each.
    elsewhere: RwSignal<Option<String>>,
) -> impl IntoView {
    let label = provider.vendor.label;
    view! {
        <section class="interviews" aria-labelledby="interviews-title">
            <div class="row-label">
                <h2 id="interviews-title">{msg("interviews")}</h2>
                <div class="tabs" role="group" aria-label=msg("show")>
                    <button type="button" id="show-all" class="link" aria-pressed=move || (!completed_only.get()).to_string()
                        on:click=move |_| completed_only.set(false)>{msg("all")}</button>
                    <button type="button" id="show-completed" class="link" aria-pressed=move || completed_only.get().to_string()
                        on:click=move |_| completed_only.set(true)>{msg("completed")}</button>
                </div>
            </div>
            <p id="interviews-said" class="notice" role="status">{move || said.get()}</p>
            {move || match interviews.get() {
                Load::Loading => view! { <p class="muted" role="status">{msg("loading_interviews")}</p> }.into_any(),
                Load::Failed(f) => failure_view(f, None).into_any(),
                Load::Ready(rows) if rows.is_empty() => view! { <p class="muted" id="no-interviews">{msgf("no_interviews", &[label])}</p> }.into_any(),
                Load::Ready(rows) if completed_only.get() && !rows.iter().any(|r| r.completed_at.is_some()) => view! {
                    <p class="muted" id="no-completed">{msg("no_completed")}</p>
                }.into_any(),
                Load::Ready(rows) => {
                    let only_completed = completed_only.get();
                    let mut items = Vec::with_capacity(rows.len());
                    for row in rows {
                        if !only_completed || row.completed_at.is_some() {
                            items.push(view! { <InterviewItem provider=provider row=row interviews=interviews said=said/> }.into_any());
                        }
                    }
                    view! { <ul id="interview-list">{items}</ul> }.into_any()
                }
            }}
            // One line per interview, kept as the worker wrote them (`white-space: pre-line`):
            // a list of views here cost the panel 2 KB more.
            <div hidden=move || elsewhere.with(Option::is_none)>
                <h3 id="elsewhere-title">{msg("elsewhere_title")}</h3>
                <p id="elsewhere" class="lines">{move || elsewhere.get()}</p>
            </div>
        </section>
    }
}

#[component]
fn InterviewItem(
    provider: &'static Provider,
    row: InterviewRow,
    interviews: RwSignal<Load<Vec<InterviewRow>>>,
    /// What a change did, said above the list: the changed row is drawn anew.
    said: RwSignal<Option<String>>,
) -> impl IntoView {
    let share = RwSignal::new(row.share_url.clone());
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<String>);
    let uuid = row.uuid.clone();
    let app_url = row.app_url.clone();
    let watch = move |_| {
        if let Some(url) = share.get_untracked() {
            open_tab(&url);
            return;
        }
        if !provider.capabilities.share_link {
            open_tab(&app_url);
            return;
        }
        busy.set(true);
        let uuid = uuid.clone();
        spawn_local(async move {
            match ask(&Request::ShareLink { provider: provider.vendor, interview_uuid: uuid.clone() }).await {
                Reply::ShareLink { url } => {
                    open_tab(&url);
                    share.set(Some(url.clone()));
                    interviews.update(|l| {
                        if let Load::Ready(rows) = l {
                            rows.iter_mut()
                                .filter(|r| r.uuid == uuid)
                                .for_each(|r| r.share_url = Some(url.clone()));
                        }
                    });
                }
                Reply::Failed { failure } => note.set(Some(failure.message)),
                _ => {}
            }
            busy.set(false);
        });
    };
    let copy_url = move |url: String, done: String| {
        if let Some(w) = web_sys::window() {
            let p = w.navigator().clipboard().write_text(&url);
            spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(p).await.is_ok();
                note.set(Some(if ok { done } else { msgf("copy_this", &[&url]) }));
            });
        }
    };
    let copy = move |_| {
        if let Some(url) = share.get_untracked() {
            copy_url(url, msg("share_copied"));
        }
    };
    let when = match (&row.completed_at, &row.scheduled_at) {
        (Some(done), _) => msgf("completed_at", &[&human_time(done)]),
        (None, Some(at)) if row.kind == InterviewKind::Live => msgf("live_at", &[&human_time(at)]),
        (None, Some(due)) => msgf("deadline_at", &[&human_time(due)]),
        _ => String::new(),
    };
    let title = msgf("watch_job", &[&row.job_title]);
    let caps = provider.capabilities;
    // Extend's date, open while it is being chosen; Cancel's second press, asked first.
    let extending = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let deadline_ms = row.scheduled_at.as_deref().map(js_sys::Date::parse).filter(|t| !t.is_nan());
    let id = StoredValue::new(row.uuid.clone());
    // `deadline_ms`: an extension's new deadline, in the recruiter's zone.
    let act = move |what: Change, deadline_ms: i64| {
        note.set(None);
        if let Err(why) = visible::check() {
            note.set(Some(why));
            return;
        }
        let done = match what {
            Change::Extend => msg("moved"),
            Change::Cancel => msg("cancelled"),
            Change::Remind => msg("reminded"),
            Change::Shortlist => msg("shortlisted"),
            Change::Reject => msg("rejected"),
        };
        let request = Request::ChangeInterview {
            provider: provider.vendor,
            interview_uuid: id.get_value(),
            change: what,
            deadline_ms,
            timezone: time_zone(),
        };
        busy.set(true);
        spawn_local(async move {
            match ask(&request).await {
                Reply::Interviews { interviews: changed, said: more, .. } => {
                    extending.set(None);
                    confirming.set(false);
                    for new in changed.read(crate::read::interview_rows).unwrap_or_default() {
                        interviews.update(|l| {
                            if let Load::Ready(rows) = l {
                                rows.iter_mut().filter(|r| r.uuid == new.uuid).for_each(|r| *r = new.clone());
                            }
                        });
                    }
                    said.set(Some(format!("{done} {more}").trim_end().to_string()));
                }
                Reply::Done => note.set(Some(done)),
                Reply::Failed { failure } => note.set(Some(failure.message)),
                _ => {}
            }
            busy.set(false);
        });
    };
    let open_extend = move |_| {
        let from = deadline_ms.unwrap_or(0.0).max(js_sys::Date::now()) as i64;
        extending.set(Some(local_input_value(crate::deadline::default_deadline_ms(from))));
    };
    let save_extend = move |_| {
        let text = extending.get_untracked().unwrap_or_default();
        match parse_local_input(&text) {
            Some(deadline_ms) => act(Change::Extend, deadline_ms),
            None => note.set(Some(msg("choose_new_deadline"))),
        }
    };
    // The assessment summary (the seed's words): the score where the provider gave one.
    let verdict = row.pass.map(|pass| {
        let pass = if pass { msg("yes") } else { msg("no") };
        match row.score {
            Some(s) => msgf("passed_scored", &[&pass, &s.to_string()]),
            None => msgf("passed", &[&pass]),
        }
    });
    let (waiting, expired, to_review) = (row.waiting, row.expired, row.to_review);
    view! {
        <li class="interview" data-uuid=row.uuid.clone()>
            <div class="interview-head">
                <span class="job">{row.job_title.clone()}</span>
                <span class=format!("badge status-{}", row.status) >{row.status_label.clone()}</span>
            </div>
            <p class="muted when">{when}</p>
            {verdict.map(|v| view! { <p class="verdict">{v}</p> })}
            <div class="actions">
                <button type="button" class="watch" aria-label=title on:click=watch disabled=move || busy.get()>{msg("watch")}</button>
                {row.join_url.clone().map(|url| view! {
                    <a class="join button-link" href=url target="_blank" rel="noopener noreferrer">{msg("join")}</a>
                })}
                <a class="open-app" href=row.app_url.clone() target="_blank" rel="noopener noreferrer">{msgf("open_in", &[provider.vendor.label])}</a>
                <button type="button" class="link copy" on:click=copy hidden=move || share.with(Option::is_none)>{msg("copy_share")}</button>
            </div>
            {(caps.grade && to_review).then(|| view! {
                <div class="actions" role="group" aria-label=msg("your_verdict")>
                    <button type="button" class="grade" on:click=move |_| act(Change::Shortlist, 0) disabled=move || busy.get()>{msg("shortlist")}</button>
                    <button type="button" class="grade" on:click=move |_| act(Change::Reject, 0) disabled=move || busy.get()>{msg("reject")}</button>
                </div>
            })}
            {(waiting || expired).then(|| view! {
                <div class="actions">
                    {(caps.extend).then(|| view! { <button type="button" class="link extend" on:click=open_extend disabled=move || busy.get()>{msg("extend")}</button> })}
                    {(caps.remind && waiting).then(|| view! { <button type="button" class="link remind" on:click=move |_| act(Change::Remind, 0) disabled=move || busy.get()>{msg("remind")}</button> })}
                    {(caps.cancel && waiting).then(|| view! { <button type="button" class="link cancel" on:click=move |_| confirming.set(true) disabled=move || busy.get()>{msg("cancel_invite")}</button> })}
                    {row.invite_url.clone().map(|url| view! { <button type="button" class="link copy-invite" on:click=move |_| copy_url(url.clone(), msg("link_copied"))>{msg("copy_link")}</button> })}
                </div>
            })}
            {move || extending.get().map(|at| view! {
                <div class="extend-form">
                    <label for="extend-at">{msg("new_deadline")}</label>
                    <input id="extend-at" type="datetime-local" value=at on:input=move |ev| extending.set(Some(event_target_value(&ev)))/>
                    <button type="button" class="primary" on:click=save_extend disabled=move || busy.get()>{msg("save_deadline")}</button>
                    <button type="button" class="link" on:click=move |_| extending.set(None)>{msg("close")}</button>
                </div>
            })}
            <div class="confirm" role="group" aria-label=msg("cancel_q") hidden=move || !confirming.get()>
                    <p>{msg("cancel_q_more")}</p>
                    <button type="button" class="danger" on:click=move |_| act(Change::Cancel, 0) disabled=move || busy.get()>{msg("yes_cancel")}</button>
                    <button type="button" class="link" on:click=move |_| confirming.set(false)>{msg("keep_it")}</button>
            </div>
            <p class="notice" role="status">{move || note.get()}</p>
        </li>
    }
}
