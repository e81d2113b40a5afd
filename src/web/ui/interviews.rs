//! The candidate's interviews, all or only the completed ones. Each shows its status and dates,
//! Watch (a share link made on first use where the provider has them, else its app), Copy share
//! link, Open in the provider's app, and Join for live ones still to come.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::fields::{human_time, Load};
use crate::message::{InterviewKind, InterviewRow, Reply, Request};
use crate::provider::Provider;
use crate::web::chrome::{ask, open_tab};

#[component]
pub(super) fn InterviewList(
    provider: &'static Provider,
    interviews: RwSignal<Load<Vec<InterviewRow>>>,
    /// The Completed view: only interviews with something to watch.
    completed_only: RwSignal<bool>,
) -> impl IntoView {
    let label = provider.vendor.label;
    view! {
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
                Load::Ready(rows) => {
                    let only_completed = completed_only.get();
                    let mut items = Vec::with_capacity(rows.len());
                    for row in rows {
                        if !only_completed || row.status == "completed" {
                            items.push(view! { <InterviewItem provider=provider row=row interviews=interviews/> }.into_any());
                        }
                    }
                    view! { <ul id="interview-list">{items}</ul> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn InterviewItem(
    provider: &'static Provider,
    row: InterviewRow,
    interviews: RwSignal<Load<Vec<InterviewRow>>>,
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
    let copy = move |_| {
        let Some(url) = share.get_untracked() else {
            return;
        };
        if let Some(w) = web_sys::window() {
            let p = w.navigator().clipboard().write_text(&url);
            spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(p).await.is_ok();
                note.set(Some(if ok {
                    "Share link copied.".into()
                } else {
                    format!("Copy this link: {url}")
                }));
            });
        }
    };
    let when = match (&row.completed_at, &row.scheduled_at) {
        (Some(done), _) => format!("Completed {}", human_time(done)),
        (None, Some(at)) if row.kind == InterviewKind::Live => format!("Live {}", human_time(at)),
        (None, Some(due)) => format!("Deadline {}", human_time(due)),
        _ => String::new(),
    };
    let title = format!("Watch {}", row.job_title);
    view! {
        <li class="interview" data-uuid=row.uuid.clone()>
            <div class="interview-head">
                <span class="job">{row.job_title.clone()}</span>
                <span class=format!("badge status-{}", row.status) >{row.status_label.clone()}</span>
            </div>
            <p class="muted when">{when}</p>
            <div class="actions">
                <button type="button" class="watch" aria-label=title on:click=watch disabled=move || busy.get()>"Watch"</button>
                {row.join_url.clone().map(|url| view! {
                    <a class="join button-link" href=url target="_blank" rel="noopener noreferrer">"Join Interview"</a>
                })}
                <a class="open-app" href=row.app_url.clone() target="_blank" rel="noopener noreferrer">{format!("Open in {}", provider.vendor.label)}</a>
                <Show when=move || share.get().is_some()>
                    <button type="button" class="link copy" on:click=copy>"Copy share link"</button>
                </Show>
            </div>
            <p class="notice" role="status">{move || note.get()}</p>
        </li>
    }
}
