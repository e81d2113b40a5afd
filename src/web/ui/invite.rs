//! The one-candidate invite form: for which of the candidate's ATS jobs (its linked job is
//! preselected), the provider's job and question set, when, a message, and Send.

use js_sys::Date;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::catalog::Catalog;
use super::fields::{choice_options, failure_view, suggestion, Load, When, WhenPicker};
use super::link_here::LinkHere;
use super::visible;
use crate::i18n::{human_time, msg, msgf};
use crate::message::{
    Candidate, Failure, InterviewKind, InterviewRow, Invite, JobLink, Reply, Request, Wire,
};
use crate::provider::Provider;
use crate::vendor::Vendor;
use crate::web::chrome::{ask, on_session_change};
use crate::web::keys::progress_key;
use crate::web::ui::lifecycle::listen_while_mounted;

/// What a Sent reply names when its interview can't be read: the send itself went through.
fn sent_row() -> InterviewRow {
    InterviewRow {
        uuid: String::new(),
        kind: InterviewKind::OneWay,
        job_title: msg("the_job"),
        status: String::new(),
        status_label: msg("invited"),
        scheduled_at: None,
        completed_at: None,
        share_url: None,
        app_url: String::new(),
        join_url: None,
        invite_url: None,
        score: None,
        waiting: true,
        expired: false,
        to_review: false,
        pass: None,
    }
}

/// What the form holds. The panel owns it: the form is drawn again each time the account is
/// read (credits refresh after every send), and what was typed, picked and said outlives that.
#[derive(Clone, Copy)]
pub(super) struct InviteState {
    /// What the last Send met; a key problem here also shows in the panel's banner.
    pub(super) error: RwSignal<Option<Failure>>,
    when: When,
    message: RwSignal<String>,
    busy: RwSignal<bool>,
    status: RwSignal<Option<String>>,
    progress: RwSignal<Option<String>>,
    /// The candidate's ATS jobs and the provider's jobs linked to them: the interview is for
    /// one of those, and its link picks the provider's job.
    links: RwSignal<Vec<JobLink>>,
    ats_job: RwSignal<String>,
    /// Names this panel's sends, so the worker's progress reaches only it; kept as numbers
    /// because a string would need a store of its own to stay Copy.
    send_id: (u64, u64),
    /// The provider's job the form sends for.
    job: RwSignal<String>,
}

impl InviteState {
    pub(super) fn new(pv: Vendor, candidate: Memo<Option<Candidate>>, job: RwSignal<String>) -> InviteState {
        let s = InviteState {
            when: When::new(),
            message: RwSignal::new(String::new()),
            busy: RwSignal::new(false),
            status: RwSignal::new(None),
            error: RwSignal::new(None),
            progress: RwSignal::new(None),
            links: RwSignal::new(vec![]),
            ats_job: RwSignal::new(String::new()),
            send_id: ((js_sys::Math::random() * 1e12) as u64, Date::now() as u64),
            job,
        };
        let progress = s.progress;
        listen_while_mounted(on_session_change(progress_key(&s.send_id()), move |v| {
            progress.set(v.as_string())
        }));
        Effect::new(move |_| {
            let Some(c) = candidate.get() else { return };
            let ids: Vec<String> = c.jobs.iter().map(|j| j.id.clone()).collect();
            if ids.is_empty() {
                s.links.set(vec![]);
                return;
            }
            spawn_local(async move {
                if let Reply::Links { links: found } =
                    ask(&Request::GetLinks { provider: pv, ats: c.ats, ats_job_ids: ids.clone() }).await
                {
                    let found = found.read(crate::read::links).unwrap_or_default();
                    let first = found.first().map(|l| l.ats_job_id.clone()).unwrap_or_else(|| ids[0].clone());
                    s.links.set(found);
                    s.pick_ats_job(first);
                }
            });
        });
        // A new candidate (SPA navigation) starts with a clean status; the form's choices stay.
        Effect::new(move |prev: Option<Option<String>>| {
            let id = candidate.with(|c| c.as_ref().map(|c| c.ats_id.clone()));
            if prev.is_some_and(|p| p != id) {
                s.status.set(None);
                s.error.set(None);
            }
            id
        });
        s
    }

    fn send_id(self) -> String {
        format!("{:x}{:x}", self.send_id.0, self.send_id.1)
    }

    /// The provider job follows the ATS job's link; an unlinked ATS job leaves it to the
    /// recruiter.
    fn pick_ats_job(self, id: String) {
        let linked = self
            .links
            .with_untracked(|ls| ls.iter().find(|l| l.ats_job_id == id).map(|l| l.job_uuid.clone()));
        self.job.set(linked.unwrap_or_default());
        self.ats_job.set(id);
    }
}

/// The invite behind one action: a disclosure button that shows or folds the form. Folded, the
/// form is hidden (nothing in it can be reached or sent) and keeps what was typed.
#[component]
pub(super) fn InviteSection(open: RwSignal<Option<bool>>, children: Children) -> impl IntoView {
    let shown = move || open.get() == Some(true);
    view! {
        <section class="invite-section" aria-labelledby="invite-toggle">
            <h2 class="disclosure">
                <button type="button" id="invite-toggle" aria-expanded=move || shown().to_string()
                    aria-controls="invite-body" on:click=move |_| open.set(Some(!shown()))>{msg("invite_title")}</button>
            </h2>
            <div id="invite-body" hidden=move || !shown()>{children()}</div>
        </section>
    }
}

#[component]
pub(super) fn InviteForm<R, L>(
    provider: &'static Provider,
    candidate: Memo<Option<Candidate>>,
    catalog: Catalog,
    state: InviteState,
    /// Reads the account again: a sent invite spends a credit.
    refresh_credits: R,
    load_interviews: L,
) -> impl IntoView
where
    R: Fn() + Copy + Send + Sync + 'static,
    L: Fn() + Copy + Send + Sync + 'static,
{
    let pv = provider.vendor;
    let label = pv.label;
    let InviteState { when, message, busy, status, error, progress, links, ats_job, .. } = state;
    let Catalog { list, job, question_set, refreshing, note, fetched, .. } = catalog;

    // The ATS job the invite is for, whose title may suggest the provider's job.
    let ats_title = move || {
        let id = ats_job.get();
        candidate.with(|c| c.as_ref()?.jobs.iter().find(|j| j.id == id).map(|j| j.name.clone()))
    };
    // A provider whose jobs are made from templates makes this ATS job's on the first Send.
    let makes_job = move || {
        provider.capabilities.job_from_template
            && job.with(String::is_empty)
            && !ats_job.with(String::is_empty)
            && !links.with(|ls| ls.iter().any(|l| ats_job.with(|a| &l.ats_job_id == a)))
    };
    let send = move || {
        if busy.get_untracked() {
            return;
        }
        let Some(c) = candidate.get_untracked() else {
            return;
        };
        status.set(None);
        error.set(None);
        if let Err(why) = visible::check() {
            error.set(Some(Failure::plain(why)));
            return;
        }
        let Some(when) = when.checked() else { return };
        let k = when.0;
        let make = makes_job().then(|| Request::CreateLinkedJob {
            provider: pv,
            ats: c.ats,
            ats_job_id: ats_job.get_untracked(),
            title: ats_title().unwrap_or_default(),
            location: None,
            description: None,
            template: Some(question_set.get_untracked()),
        });
        busy.set(true);
        progress.set(None);
        spawn_local(async move {
            if let Some(make) = make {
                progress.set(Some(msgf("making_job", &[label])));
                match ask(&make).await {
                    Reply::Links { links: made } => {
                        if let Some(l) = made.read(crate::read::links).unwrap_or_default().into_iter().next()
                        {
                            catalog.adopt(&l);
                            links.update(|ls| ls.push(l));
                        }
                    }
                    Reply::Failed { failure } => {
                        busy.set(false);
                        progress.set(None);
                        error.set(Some(failure));
                        return;
                    }
                    _ => {}
                }
            }
            let invite = Invite {
                send_id: state.send_id(),
                candidate_name: c.name.clone(),
                candidate_email: c.email.clone().unwrap_or_default(),
                terms: catalog.terms(when, message.get_untracked()),
            };
            let reply = ask(&Request::SendInvite { provider: pv, invite: Wire::new(invite) }).await;
            busy.set(false);
            progress.set(None);
            match reply {
                Reply::Sent { interview, already: false, said } => {
                    let interview = interview.read(crate::read::interview_row).unwrap_or_else(|_| sent_row());
                    message.set(String::new());
                    refresh_credits();
                    // `said`: who emails them and what the ATS did, where the worker knows more.
                    let said = if said.is_empty() { msgf("emails_invite", &[label]) } else { said };
                    let args = [c.name.as_str(), &interview.job_title, &said];
                    status.set(Some(match k {
                        InterviewKind::OneWay => msgf("sent_to", &args),
                        InterviewKind::Live => msgf("live_scheduled", &args),
                    }));
                    load_interviews();
                }
                Reply::Sent { interview, already: true, .. } => {
                    let interview = interview.read(crate::read::interview_row).unwrap_or_else(|_| sent_row());
                    status.set(Some(msgf(
                        "already_has",
                        &[&c.name, label, &interview.job_title, &interview.status_label],
                    )));
                    load_interviews();
                }
                Reply::Failed { failure } => error.set(Some(failure)),
                _ => error.set(Some(Failure::plain(msg("unexpected_answer")))),
            }
        });
    };

    view! {
        <form class="invite" id="invite-form" novalidate aria-label=msg("invite_title") on:submit=move |ev| { ev.prevent_default(); send(); }>
            <div class="row-label catalog-row">
                <p id="catalog-synced" class="muted">{move || fetched.get().map(|ms| {
                    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64)).to_iso_string();
                    msgf("last_synced", &[&human_time(&String::from(at))])
                })}</p>
                // The words shown start the button's name (WCAG 2.5.3, "label in name"); what it
                // refreshes is said to screen readers only, where the heading isn't beside it.
                <button type="button" id="refresh" class="link" on:click=move |_| catalog.load(true)
                    disabled=move || refreshing.get()>
                    {move || if refreshing.get() { msg("refreshing") } else { msg("refresh") }}
                    <span class="sr-only">" "{if provider.asks_question_sets() { msg("what_refresh_qs") } else { msg("what_refresh_tpl") }}</span>
                </button>
            </div>
            {move || match list.get() {
                Load::Loading => view! { <p class="muted" role="status">{if provider.asks_question_sets() { msg("loading_qs") } else { msg("loading_tpl") }}</p> }.into_any(),
                Load::Failed(f) => failure_view(f, Some(Callback::new(move |_| catalog.load(true)))).into_any(),
                Load::Ready((jobs, sets)) => view! {
                    {move || candidate.get().filter(|c| !c.jobs.is_empty()).map(|c| {
                        let ats = c.ats.label();
                        let mut options = Vec::with_capacity(c.jobs.len());
                        for j in c.jobs {
                            let linked = links.with(|ls| ls.iter().find(|l| l.ats_job_id == j.id).map(|l| l.job_title.clone()));
                            let text = match linked { Some(t) => msgf("job_linked", &[&j.name, label, &t]), None => j.name };
                            let id = j.id.clone();
                            options.push(view! { <option value=j.id selected=move || ats_job.get() == id>{text}</option> }.into_any());
                        }
                        view! {
                            <label for="ats-job">{msgf("for_ats_job", &[ats])}</label>
                            <select id="ats-job" on:change=move |ev| state.pick_ats_job(event_target_value(&ev))>{options}</select>
                        }
                    })}
                    <LinkHere provider=provider candidate=candidate ats_job=ats_job links=links catalog=catalog/>
                    <label for="job">{msg("job")}</label>
                    {suggestion(ats_title(), &jobs, job)}
                    <select id="job" on:change=move |ev| job.set(event_target_value(&ev))>{choice_options(jobs, job, Some(msg("choose_a_job")))}</select>
                    <label for="question-set">{provider.template_title()}</label>
                    <select id="question-set" on:change=move |ev| question_set.set(event_target_value(&ev))>{choice_options(sets, question_set, None)}</select>
                }.into_any(),
            }}
            <p id="catalog-note" class="error" role="status">{move || note.get()}</p>
            <WhenPicker when=when live=provider.capabilities.live/>
            <label for="message">{msg("message_label")}" "<span class="muted">{msg("optional")}</span></label>
            <textarea id="message" rows="2" maxlength="2000"
                prop:value=move || message.get()
                on:input=move |ev| message.set(event_target_value(&ev))></textarea>
            <button id="send" type="submit" class="primary"
                disabled=move || busy.get() || candidate.with(|c| c.is_none()) || !matches!(list.get(), Load::Ready(_)) || (job.with(String::is_empty) && !makes_job())
                aria-busy=move || busy.get().to_string()>
                {move || if busy.get() { msg("sending") } else { msg("send_interview") }}
            </button>
            <p id="send-status" class="notice" role="status" aria-live="polite">
                {move || progress.get().or_else(|| status.get())}
            </p>
            {move || error.get().map(|f| view! {
                <div id="send-error">
                    {if f.key_problem.is_some() {
                        view! { <p class="error">{msg("not_sent_key")}</p> }.into_any()
                    } else {
                        failure_view(f, None).into_any()
                    }}
                </div>
            })}
        </form>
    }
}
