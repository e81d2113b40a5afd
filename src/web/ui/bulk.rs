//! A job page's panel: invite the pipeline in one go, and watch the queue work through it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::catalog::Catalog;
use super::fields::{choice_options, Load, When, WhenPicker};
use super::visible;
use crate::i18n::{msg, msgf, msgn};
use crate::message::{
    BulkProgress, BulkRow, Choice, JobLink, JobPosting, NewBulk, Outcome, Reply, Request, Source, Wire,
    PIPELINE_CAP,
};
use crate::names::Names;
use crate::provider::Provider;
use crate::web::chrome::{ask, on_storage_change};
use crate::web::keys::BATCHES;
use crate::web::ui::lifecycle::listen_while_mounted;

#[component]
pub fn BulkView(
    provider: &'static Provider,
    job: Memo<Option<JobPosting>>,
    catalog: Catalog,
) -> impl IntoView {
    let whole = catalog;
    let terms = move |when, message| catalog.terms(when, message);
    let Catalog { list: catalog, job: job_uuid, question_set, .. } = catalog;
    let pv = provider.vendor;
    let can_create = provider.capabilities.create_job;
    // Everyone on the page is chosen unless the recruiter unticks them.
    let left_out = RwSignal::new(Names::new());
    let when = When::new();
    let message = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let starting = RwSignal::new(false);
    let batch = RwSignal::new(None::<BulkProgress>);

    let link = RwSignal::new(None::<JobLink>);
    let linking = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(posting) = job.get() else { return };
        spawn_local(async move {
            // The latest run for this job, asked of the worker (which knows the page's tenant).
            if let Reply::Bulk { batch: b } =
                ask(&Request::GetBulk { provider: pv, ats_job_id: posting.ats_id.clone() }).await
            {
                batch.set(b.read(crate::read::bulk).ok().flatten());
            }
            let request = Request::GetLinks {
                provider: pv,
                ats: posting.ats,
                ats_job_ids: vec![posting.ats_id.clone()],
            };
            if let Reply::Links { links } = ask(&request).await {
                if let Some(l) = links.read(crate::read::links).unwrap_or_default().into_iter().next() {
                    job_uuid.set(l.job_uuid.clone());
                    link.set(Some(l));
                }
            }
        });
    });
    let linked = move |reply: Reply| match reply {
        Reply::Links { links } => {
            if let Some(l) = links.read(crate::read::links).unwrap_or_default().into_iter().next() {
                whole.adopt(&l);
                link.set(Some(l));
            }
        }
        Reply::Failed { failure } => error.set(Some(failure.message)),
        _ => {}
    };
    // Every write this view makes counts only from a click on the panel the recruiter sees.
    let seen = move || visible::check().map_err(|why| error.set(Some(why))).is_ok();
    let tag_existing = move |_| {
        let Some(posting) = job.get_untracked() else { return };
        error.set(None);
        if !seen() {
            return;
        }
        linking.set(true);
        spawn_local(async move {
            let request = Request::LinkJob {
                provider: pv,
                ats: posting.ats,
                ats_job_id: posting.ats_id,
                job_uuid: job_uuid.get_untracked(),
            };
            linked(ask(&request).await);
            linking.set(false);
        });
    };
    let create_new = move |_| {
        let Some(posting) = job.get_untracked() else { return };
        error.set(None);
        if !seen() {
            return;
        }
        linking.set(true);
        spawn_local(async move {
            let request = Request::CreateLinkedJob {
                provider: pv,
                ats: posting.ats,
                ats_job_id: posting.ats_id,
                title: posting.title,
                location: posting.location,
                description: posting.description,
                template: provider.capabilities.job_from_template.then(|| question_set.get_untracked()),
            };
            linked(ask(&request).await);
            linking.set(false);
        });
    };
    // The worker stores the queue as it goes; each change is a moment to ask how far this
    // job's run got (the page never reads the queue's own record).
    listen_while_mounted(on_storage_change("local", BATCHES.to_string(), move |_| {
        let Some(posting) = job.get_untracked() else { return };
        spawn_local(async move {
            if let Reply::Bulk { batch: b } =
                ask(&Request::GetBulk { provider: pv, ats_job_id: posting.ats_id }).await
            {
                batch.set(b.read(crate::read::bulk).ok().flatten());
            }
        });
    }));

    let chosen = Memo::new(move |_| {
        let out = left_out.get();
        job.with(|j| {
            j.as_ref().map(|j| j.people.iter().filter(|p| !out.contains(&p.id)).cloned().collect::<Vec<_>>())
        })
        .unwrap_or_default()
    });
    let everyone = move || job.with(|j| j.as_ref().map(|j| j.people.len()).unwrap_or(0));
    // A list read from a page is the page's: the recruiter confirms who, for which job and with
    // which questions, before anything is sent. A press after any change asks again.
    let confirming = RwSignal::new(None::<String>);
    // What the recruiter is asked to confirm: the provider, the job and question set chosen
    // (by name, as listed), how many, and the first few people.
    let summary = move |job_title: &str| {
        let set = catalog.with_untracked(|c| match c {
            Load::Ready((_, sets)) => named(sets, &question_set.get_untracked()),
            _ => String::new(),
        });
        let ats =
            job.with_untracked(|j| j.as_ref().filter(|j| j.source == Source::AtsApi).map(|j| j.ats.label()));
        chosen.with_untracked(|people| {
            let n = people.len() as u64;
            let first: Vec<&str> = people.iter().take(3).map(|p| p.name.as_str()).collect();
            let names = first.join(", ");
            let names = if n > 3 { msgn("names_more", n - 3, &[&names]) } else { names };
            match ats {
                Some(ats) => msgn("confirm_api", n, &[pv.label, job_title, &set, ats, &names]),
                None => msgn("confirm_page", n, &[pv.label, job_title, &set, &names]),
            }
        })
    };

    let send_all = move || {
        if starting.get_untracked() {
            return;
        }
        error.set(None);
        let Some(posting) = job.get_untracked() else { return };
        if !seen() {
            return;
        }
        let Some(when) = when.checked() else { return };
        let job_title = catalog.with_untracked(|c| match c {
            Load::Ready((jobs, _)) => named(jobs, &job_uuid.get_untracked()),
            _ => String::new(),
        });
        let asked = summary(&job_title);
        if confirming.with_untracked(|c| c.as_deref() != Some(asked.as_str())) {
            confirming.set(Some(asked));
            return;
        }
        confirming.set(None);
        let bulk = NewBulk {
            provider: pv,
            ats: posting.ats,
            ats_job_id: posting.ats_id.clone(),
            job_title,
            terms: terms(when, message.get_untracked()),
            people: chosen.get_untracked(),
        };
        starting.set(true);
        spawn_local(async move {
            match ask(&Request::StartBulk { bulk: Wire::new(bulk) }).await {
                Reply::Bulk { batch: b } => {
                    batch.set(b.read(crate::read::bulk).ok().flatten());
                    // The run's progress, below the form, takes the focus (and so comes into
                    // view): keyboard and screen-reader users are then where the run is. Its
                    // place is there before it is drawn, so no frame need pass.
                    focus_run();
                }
                Reply::Failed { failure } => error.set(Some(failure.message)),
                _ => error.set(Some(msg("unexpected_answer"))),
            }
            starting.set(false);
        });
    };
    let retry = move |_| {
        let Some(id) = batch.with_untracked(|b| b.as_ref().map(|b| b.id.clone())) else { return };
        if !seen() {
            return;
        }
        spawn_local(async move {
            match ask(&Request::RetryBulk { id }).await {
                Reply::Bulk { batch: b } => {
                    if let Ok(Some(b)) = b.read(crate::read::bulk) {
                        batch.set(Some(b));
                    }
                }
                Reply::Failed { failure } => error.set(Some(failure.message)),
                _ => {}
            }
        });
    };
    let running = move || batch.with(|b| b.as_ref().is_some_and(|b| !b.is_done()));

    view! {
        <form class="invite bulk" novalidate aria-label=msg("invite_from_job")
            on:submit=move |ev| { ev.prevent_default(); send_all(); }>
            <section class="link" aria-labelledby="link-title">
                <h2 id="link-title">{msgf("provider_job", &[pv.label])}</h2>
                <p id="link-status" role="status">{move || match link.get() {
                    Some(l) => msgf("linked_to", &[&l.job_title]),
                    None if can_create => msg("not_linked_create"),
                    None => msg("not_linked"),
                }}</p>
                <div class="actions">
                    <button type="button" id="tag-job" on:click=tag_existing disabled=move || linking.get() || !matches!(catalog.get(), Load::Ready(_))>{msg("tag_job")}</button>
                    {can_create.then(|| view! {
                        <button type="button" id="create-job" on:click=create_new disabled=move || linking.get()>{msg("create_job")}</button>
                    })}
                </div>
            </section>
            <h2>{msg("invite_from_job")}</h2>
            {move || match catalog.get() {
                Load::Loading => view! { <p class="muted" role="status">{if provider.asks_question_sets() { msg("loading_qs") } else { msg("loading_tpl") }}</p> }.into_any(),
                Load::Failed(f) => super::fields::failure_view(f, Some(Callback::new(move |_| whole.load(true)))).into_any(),
                Load::Ready((jobs, sets)) => view! {
                    <label for="job">{msgf("provider_job", &[pv.label])}</label>
                    {super::fields::suggestion(job.with(|j| j.as_ref().map(|j| j.title.clone())), &jobs, job_uuid)}
                    <select id="job" on:change=move |ev| job_uuid.set(event_target_value(&ev))>{choice_options(jobs, job_uuid, Some(msg("choose_a_job")))}</select>
                    <label for="question-set">{provider.template_title()}</label>
                    <select id="question-set" on:change=move |ev| question_set.set(event_target_value(&ev))>{choice_options(sets, question_set, None)}</select>
                }.into_any(),
            }}
            <WhenPicker when=when live=provider.capabilities.live/>
            <label for="message">{msg("message_all")}" "<span class="muted">{msg("optional")}</span></label>
            <textarea id="message" rows="2" maxlength="2000" prop:value=move || message.get()
                on:input=move |ev| message.set(event_target_value(&ev))></textarea>
            <fieldset class="people">
                <legend>{move || msgf("people_of", &[&chosen.with(|c| c.len()).to_string(), &everyone().to_string()])}</legend>
                {move || job.with(|j| j.as_ref().map(|j| {
                    let from = if j.source == Source::AtsApi { msgf("as_ats_lists", &[j.ats.label()]) } else { msg("as_listed") };
                    let cut = j.cut.then(|| msgf("cut", &[&PIPELINE_CAP.to_string()]));
                    view! { <p id="people-source" class="muted">{from}{cut.map(|c| format!(" {c}"))}</p> }
                }))}
                <label class="inline select-all">
                    <input type="checkbox" id="select-all"
                        prop:checked=move || left_out.with(|o| o.is_empty())
                        on:change=move |ev| {
                            if event_target_checked(&ev) {
                                left_out.set(Names::new());
                            } else {
                                left_out.set(job.with_untracked(|j| j.as_ref().map(|j| j.people.iter().map(|p| p.id.clone()).collect()).unwrap_or_default()));
                            }
                        }/>
                    {msg("select_all")}
                </label>
                <ul class="people-list">
                    {move || job.get().map(|j| {
                        let mut rows = Vec::with_capacity(j.people.len());
                        for p in j.people {
                            let id = p.id.clone();
                            let toggle_id = p.id.clone();
                            rows.push(view! {
                                <li>
                                    <label class="inline">
                                        <input type="checkbox" class="pick" value=p.id
                                            prop:checked=move || left_out.with(|o| !o.contains(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                left_out.update(|o| { if on { o.remove(&toggle_id); } else { o.insert(toggle_id.clone()); } });
                                            }/>
                                        <span>{p.name}</span>
                                        <span class="muted">{p.email.unwrap_or_else(|| msg("no_email_short"))}</span>
                                    </label>
                                </li>
                            }.into_any());
                        }
                        rows
                    })}
                </ul>
            </fieldset>
            <button id="send-all" type="submit" class="primary"
                disabled=move || starting.get() || running() || chosen.with(|c| c.is_empty()) || !matches!(catalog.get(), Load::Ready(_)) || job_uuid.with(String::is_empty)>
                {move || {
                    // While a run goes, the button says how far it is.
                    if let Some(c) = batch.with(|b| b.as_ref().filter(|b| !b.is_done()).map(BulkProgress::counts)) {
                        return msgf("sending_n", &[&(c.total - c.pending).to_string(), &c.total.to_string()]);
                    }
                    let n = chosen.with(|c| c.len()) as u64;
                    if confirming.with(Option::is_some) { msgn("bulk_confirm", n, &[]) } else { msgn("bulk_send", n, &[]) }
                }}
            </button>
            <div id="bulk-confirm" class="setup" role="alert" hidden=move || confirming.with(Option::is_none)>
                <p>{move || confirming.get()}</p>
                <button type="button" id="cancel-send" on:click=move |_| confirming.set(None)>{msg("cancel")}</button>
            </div>
            <p id="bulk-error" class="error" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
        </form>
        <div id="bulk-run" tabindex="-1">{move || batch.get().map(|b| {
            let c = b.counts();
            let done = c.total - c.pending;
            view! {
                <section class="bulk-progress" aria-labelledby="bulk-title">
                    <h2 id="bulk-title">{
                        let counts = [c.sent.to_string(), c.skipped.to_string(), c.failed.to_string()];
                        match (c.pending, b.job_title.is_empty()) {
                            (0, true) => msgf("bulk_done", &[&counts[0], &counts[1], &counts[2]]),
                            (0, false) => msgf("bulk_done_for", &[&b.job_title, &counts[0], &counts[1], &counts[2]]),
                            (_, true) => msg("invites_this_job"),
                            _ => msgf("invites_for", &[&b.job_title]),
                        }
                    }</h2>
                    <progress id="bulk-progress" max=c.total.to_string() value=done.to_string()
                        aria-label=msg("invites_done")>{msgf("n_of", &[&done.to_string(), &c.total.to_string()])}</progress>
                    // Busy while the run goes: screen readers hold the counts back and say them
                    // once, at the end, rather than after every invite.
                    <p id="bulk-summary" role="status" aria-busy=(c.pending > 0).to_string()>
                        {msgf("bulk_counts", &[&c.sent.to_string(), &c.skipped.to_string(), &c.failed.to_string(), &c.pending.to_string()])}
                    </p>
                    {(c.failed > 0 && c.pending == 0).then(|| view! {
                        <button type="button" id="retry-failed" on:click=retry>{msgf("retry_failed", &[&c.failed.to_string()])}</button>
                    })}
                    <ul id="bulk-results">
                        {results(b.people)}
                    </ul>
                </section>
            }
        })}</div>
    }
}

fn focus_run() {
    if let Some(t) = document().get_element_by_id("bulk-run") {
        // The `div` the view draws: an HTML element.
        let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&t).focus();
        // Then at the top, as the run fills in below it (focused, the style sheet gives it a
        // screen's height to be scrolled to; focus alone would leave it at the bottom edge).
        t.scroll_into_view();
    }
}

/// The name a list shows for `uuid`.
fn named(list: &[Choice], uuid: &str) -> String {
    list.iter().find(|c| c.uuid == uuid).map(|c| c.label.clone()).unwrap_or_default()
}

/// Each person of a run and how their invite went, in the order the worker gives (those that
/// failed first); a failure is marked by a sign as well as by colour, in the style sheet.
fn results(people: Vec<BulkRow>) -> Vec<AnyView> {
    let mut rows = Vec::with_capacity(people.len());
    for i in people {
        let (state, text) = match i.outcome {
            Outcome::Waiting => ("waiting", msg("waiting")),
            Outcome::Sent => ("sent", msg("sent")),
            Outcome::Skipped(reason) => ("skipped", reason),
            Outcome::Failed(reason) => ("failed", reason),
        };
        rows.push(
            view! {
                <li class="bulk-item" data-state=state data-email=i.email>
                    <span>{i.name}</span>" "<span class="muted">{text}</span>
                </li>
            }
            .into_any(),
        );
    }
    rows
}
