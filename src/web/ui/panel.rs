//! The panel beside a candidate: the state it keeps, and which of its parts it shows.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::message::{AccountView, InterviewRow, PageContext, Reply, Request};
use crate::provider::{self, Provider};
use crate::web::chrome::{ask, from_js, on_session_change, open_options_page};
use crate::web::keys::context_key;
use crate::web::ui::lifecycle::listener_slot;

use super::account::PanelHeader;
use super::candidate::CandidateSection;
use super::catalog::Catalog;
use super::fields::Load;
use super::interviews::InterviewList;
use super::invite::{InviteForm, InviteState};

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
            let mut panels = Vec::with_capacity(provider::ALL.len());
            for p in provider::ALL {
                panels.push(view! { <Panel provider=*p page=page context_ready=context_ready/> }.into_any());
            }
            panels.into_any()
        }
    }
}

/// One provider's panel. Everything it keeps lives here, not in the parts: they are drawn again
/// each time the account is read, and what they show must outlive that.
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
    let catalog = Catalog::new(pv);
    let interviews = RwSignal::new(Load::<Vec<InterviewRow>>::Loading);
    let completed_only = RwSignal::new(false);
    let invite = InviteState::new(pv, candidate, catalog.job);

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
                catalog.load(false);
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
    let choose_account = move |id: String| {
        spawn_local(async move {
            apply_accounts(ask(&Request::ChooseAccount { provider: pv, id }).await, true);
            load_interviews();
        });
    };

    view! {
        <main class="panel" aria-labelledby="panel-title">
            <PanelHeader label=label account=account all_accounts=all_accounts choose=choose_account/>
            <CandidateSection candidate=candidate job_page=job_page context_ready=context_ready/>
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
                    <super::bulk::BulkView provider=provider job=job_page catalog=catalog/>
                }.into_any(),
                Load::Ready(Some(_)) => view! {
                    <InviteForm provider=provider candidate=candidate catalog=catalog state=invite
                        refresh_credits=refresh_credits load_interviews=load_interviews/>
                    <InterviewList provider=provider interviews=interviews completed_only=completed_only/>
                }.into_any(),
            }}
        </main>
    }
}
