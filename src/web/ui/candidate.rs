//! Who the panel is about: the candidate (with any Hellohire ratings), or the job a job page
//! shows.

use leptos::prelude::*;

use crate::i18n::{msg, msgf};
use crate::message::{Candidate, JobPosting, Source};

#[component]
pub(super) fn CandidateSection(
    candidate: Memo<Option<Candidate>>,
    job_page: Memo<Option<JobPosting>>,
    context_ready: RwSignal<bool>,
    unreadable: Memo<bool>,
) -> impl IntoView {
    view! {
        <section class="candidate" aria-label=msg("candidate")>
            {move || match (candidate.get(), context_ready.get()) {
                (Some(c), _) => view! {
                    <p class="candidate-name" id="candidate-name">{c.name.clone()}</p>
                    <p class="muted source">{match c.source { Source::Page => msgf("from_page", &[c.ats.label()]), Source::AtsApi => msgf("from_api", &[c.ats.label()]) }}</p>
                    <p class="candidate-email" id="candidate-email">{c.email.clone().unwrap_or_else(|| msg("no_email"))}</p>
                    {ratings(&c)}
                }.into_any(),
                (None, _) if job_page.with(|j| j.is_some()) => view! {
                    <p class="candidate-name" id="job-title">{move || job_page.get().map(|j| j.title)}</p>
                    <p class="muted" id="job-location">{move || job_page.get().and_then(|j| j.location)}</p>
                }.into_any(),
                (None, _) if unreadable.get() => view! {
                    <p class="error" role="status" id="page-unreadable">{msg("unreadable_page")}</p>
                }.into_any(),
                (None, false) => view! { <p class="muted">{msg("reading_candidate")}</p> }.into_any(),
                (None, true) => view! { <p class="muted">{msg("open_profile")}</p> }.into_any(),
            }}
        </section>
    }
}

/// The ratings Hellohire left on the candidate's SmartRecruiters tags, when there are any.
fn ratings(c: &Candidate) -> Option<AnyView> {
    if c.hellohire_ratings.is_empty() {
        return None;
    }
    let mut items = Vec::with_capacity(c.hellohire_ratings.len());
    for r in &c.hellohire_ratings {
        items.push(
            view! {
                <li><span class="hh-interview">{r.interview.clone()}</span>" "
                <strong class=format!("rating rating-{}", r.rating.label().to_ascii_lowercase())>{r.rating.said()}</strong></li>
            }
            .into_any(),
        );
    }
    Some(
        view! {
            <div class="hh-ratings" id="hellohire-ratings">
                <h2>{msg("hh_ratings")}</h2>
                <ul>{items}</ul>
            </div>
        }
        .into_any(),
    )
}
