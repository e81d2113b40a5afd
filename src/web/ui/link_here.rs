//! On a candidate page: the ATS job the invite is for, linked to the provider's job (or made
//! into one) right there, as on the job's own page, so the next invite for it needs no choice.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::catalog::Catalog;
use super::visible;
use crate::i18n::{msg, msgf};
use crate::message::{Candidate, JobLink, Reply, Request};
use crate::provider::Provider;
use crate::web::chrome::ask;

#[component]
pub(super) fn LinkHere(
    provider: &'static Provider,
    candidate: Memo<Option<Candidate>>,
    ats_job: RwSignal<String>,
    links: RwSignal<Vec<JobLink>>,
    catalog: Catalog,
) -> impl IntoView {
    let pv = provider.vendor;
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // The chosen ATS job, while it has no link: (its id, its name, its ATS's name).
    let unlinked = move || {
        let id = ats_job.get();
        if id.is_empty() || links.with(|ls| ls.iter().any(|l| l.ats_job_id == id)) {
            return None;
        }
        candidate.with(|c| {
            let c = c.as_ref()?;
            c.jobs.iter().find(|j| j.id == id).map(|j| (c.ats, j.id.clone(), j.name.clone()))
        })
    };
    let run = move |create: bool| {
        let Some((ats, ats_job_id, title)) = unlinked() else { return };
        error.set(None);
        if let Err(why) = visible::check() {
            error.set(Some(why));
            return;
        }
        let request = if create {
            Request::CreateLinkedJob {
                provider: pv,
                ats,
                ats_job_id,
                title,
                location: None,
                description: None,
                template: provider
                    .capabilities
                    .job_from_template
                    .then(|| catalog.question_set.get_untracked()),
            }
        } else {
            Request::LinkJob { provider: pv, ats, ats_job_id, job_uuid: catalog.job.get_untracked() }
        };
        busy.set(true);
        spawn_local(async move {
            match ask(&request).await {
                Reply::Links { links: found } => {
                    if let Some(l) = found.read(crate::read::links).unwrap_or_default().into_iter().next() {
                        catalog.adopt(&l);
                        links.update(|ls| ls.push(l));
                    }
                }
                Reply::Failed { failure } => error.set(Some(failure.message)),
                _ => {}
            }
            busy.set(false);
        });
    };
    move || {
        unlinked().map(|(ats, _, title)| {
            view! {
                <div id="link-here" class="link-here" role="group" aria-labelledby="link-here-status">
                    <p id="link-here-status" class="muted">
                        {if !provider.capabilities.job_from_template {
                            msgf("unlinked", &[ats.label(), &title, pv.label])
                        } else if provider.asks_question_sets() {
                            msgf("unlinked_makes_qs", &[ats.label(), &title, pv.label])
                        } else {
                            msgf("unlinked_makes_tpl", &[ats.label(), &title, pv.label])
                        }}
                    </p>
                    <button type="button" id="link-ats-job" class="link" on:click=move |_| run(false)
                        disabled=move || busy.get() || catalog.job.with(String::is_empty)>
                        {msg("link_it")}
                    </button>
                    {(provider.capabilities.create_job && !provider.capabilities.job_from_template).then(|| view! {
                        <button type="button" id="create-ats-job" class="link" on:click=move |_| run(true) disabled=move || busy.get()>
                            {msgf("create_in", &[&title, pv.label])}
                        </button>
                    })}
                    <p id="link-here-error" class="error" role="alert">{move || error.get()}</p>
                </div>
            }
        })
    }
}
