//! The panel beside a candidate: the state it keeps, and which of its parts it shows.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{msg, msgf};
use crate::message::{AccountView, Candidate, InterviewRow, JobPosting, PageContext, Reply, Request};
use crate::provider::{self, Provider};
use crate::web::chrome::ask;
use crate::web::ui::lifecycle::page_context;

use super::account::PanelHeader;
use super::candidate::CandidateSection;
use super::catalog::Catalog;
use super::fields::{failure_view, said_view, to_options, KeyBanner, Load};
use super::interviews::InterviewList;
use super::invite::{InviteForm, InviteSection, InviteState};
use super::providers::{tab_id, ProviderTabs, PANEL_ID};

/// The panel beside an ATS page: one provider's panel, or a tab for each.
#[component]
pub fn PanelRoot() -> impl IntoView {
    let (page, context_ready) = page_context();
    let page_of = Page {
        context: page,
        candidate: Memo::new(move |_| page.with(|p| p.as_ref().and_then(PageContext::candidate).cloned())),
        job: Memo::new(move |_| page.with(|p| p.as_ref().and_then(PageContext::job).cloned())),
    };
    let unreadable = Memo::new(move |_| page.with(|p| p == &Some(PageContext::Unreadable)));
    // Each provider's panel keeps its state while another's is shown.
    let mut kept = Vec::with_capacity(provider::ALL.len());
    for p in provider::ALL {
        kept.push(Kept::new(p, page_of.candidate));
    }
    let first = kept[0];
    let kept = StoredValue::new(kept);
    // The providers the recruiter has an active account with, by their place in the registry:
    // a tab each when there are several; the first provider (and its setup) when there is none.
    let usable = RwSignal::new(vec![0usize]);
    let shown = RwSignal::new(0usize);
    let spottabl = RwSignal::new(false);
    let as_user = RwSignal::new(String::new());
    // The Lever posting this page is, for a recruiter with a Spottabl key.
    let lever_posting = Memo::new(move |_| {
        let id = page.with(|p| match p {
            Some(PageContext::Job(j)) if j.ats == crate::ats::Ats::Lever => Some(j.ats_id.clone()),
            _ => None,
        });
        id.filter(|_| spottabl.get())
    });
    let lever_candidate = Memo::new(move |_| {
        let id = page.with(|p| match p {
            Some(PageContext::Candidate(c)) if c.ats == crate::ats::Ats::Lever => Some(c.ats_id.clone()),
            _ => None,
        });
        id.filter(|_| spottabl.get())
    });
    spawn_local(async move {
        if let Reply::Accounts { accounts } = ask(&Request::GetAccounts).await {
            let accounts = accounts.read(crate::read::accounts).unwrap_or_default();
            spottabl.set(accounts.iter().any(|a| a.active && a.vendor == crate::spottabl::VENDOR));
            // Who partner candidates and replies are written as in Lever, as its account says.
            let lever = accounts.iter().find(|a| a.active && a.vendor.id == "lever");
            as_user.set(
                lever
                    .and_then(|a| a.account.email.strip_prefix("notes written as "))
                    .unwrap_or_default()
                    .into(),
            );
            let with: Vec<usize> = (0..provider::ALL.len())
                .filter(|&i| accounts.iter().any(|a| a.active && a.vendor == provider::ALL[i].vendor))
                .collect();
            if !with.is_empty() {
                usable.set(with);
            }
        }
    });
    let providers = move || {
        let tabs = usable.get();
        if tabs.len() < 2 {
            let k = kept.with_value(|all| tabs.first().map_or(first, |&i| all[i]));
            return view! { <Panel kept=k page=page_of/> }.into_any();
        }
        let at = move |n: usize| usable.with(|u| u.get(n).copied().unwrap_or(0));
        let providers =
            tabs.iter().map(|&i| (provider::ALL[i].vendor.id, provider::ALL[i].vendor.label)).collect();
        view! {
            <ProviderTabs providers=providers shown=shown/>
            <div role="tabpanel" id=PANEL_ID aria-labelledby=move || tab_id(provider::ALL[at(shown.get())].vendor.id)>
                {move || {
                    let k = kept.with_value(|all| all[at(shown.get())]);
                    view! { <Panel kept=k page=page_of/> }.into_any()
                }}
            </div>
        }
        .into_any()
    };
    // Who this is comes first, above any provider: then each provider's interviews and invite.
    view! {
        <main class="panel" aria-labelledby="panel-title">
            <h1 id="panel-title">{msg("ext_name")}</h1>
            <CandidateSection candidate=page_of.candidate job_page=page_of.job context_ready=context_ready unreadable=unreadable/>
            {providers}
            <super::spottabl_here::SpottablJob posting=lever_posting as_user=as_user/>
            <super::spottabl_here::SpottablThread opportunity=lever_candidate as_user=as_user/>
        </main>
    }
}

/// What the page shows, as every provider's panel reads it.
#[derive(Clone, Copy)]
pub(super) struct Page {
    context: RwSignal<Option<PageContext>>,
    candidate: Memo<Option<Candidate>>,
    job: Memo<Option<JobPosting>>,
}

/// What one provider's panel keeps. Its parts are drawn again each time the account is read,
/// and the panel itself when the recruiter switches provider: what they show outlives both.
#[derive(Clone, Copy)]
pub(super) struct Kept {
    provider: &'static Provider,
    account: RwSignal<Load<Option<AccountView>>>,
    all_accounts: RwSignal<Vec<AccountView>>,
    catalog: Catalog,
    interviews: RwSignal<Load<Vec<InterviewRow>>>,
    completed_only: RwSignal<bool>,
    invite: InviteState,
    /// The invite form shown or folded, as the recruiter left it for this candidate; `None`
    /// until they choose, when it is open only for a candidate with no interview yet.
    invite_open: RwSignal<Option<bool>>,
}

impl Kept {
    fn new(provider: &'static Provider, candidate: Memo<Option<Candidate>>) -> Kept {
        let catalog = Catalog::new(provider.vendor);
        Kept {
            provider,
            account: RwSignal::new(Load::Loading),
            all_accounts: RwSignal::new(vec![]),
            catalog,
            interviews: RwSignal::new(Load::Loading),
            completed_only: RwSignal::new(false),
            invite: InviteState::new(provider.vendor, candidate, catalog.job),
            invite_open: RwSignal::new(None),
        }
    }
}

/// What a provider's panel shows under its header.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Loading,
    Failed,
    Setup,
    Bulk,
    Candidate,
}

/// One provider's panel.
#[component]
pub fn Panel(kept: Kept, page: Page) -> impl IntoView {
    let Kept { provider, account, all_accounts, catalog, interviews, completed_only, invite, invite_open } =
        kept;
    let said = RwSignal::new(None::<String>);
    let elsewhere = RwSignal::new(None::<String>);
    let Page { context, candidate, job: job_page } = page;
    let pv = provider.vendor;
    let label = pv.label;
    // The accounts, and the one this ATS uses; `then_load` also loads that account's jobs.
    let apply_accounts = move |reply: Reply, then_load: bool| match reply {
        Reply::VendorAccounts { accounts, chosen } => {
            let accounts = accounts.read(crate::read::accounts).unwrap_or_default();
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
        let ats = context.with(|p| p.as_ref().and_then(PageContext::ats));
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
    // One banner for a rejected or missing key, whichever part of the panel met it first.
    let key_problem = Memo::new(move |_| {
        account
            .with(Load::key_failure)
            .or_else(|| interviews.with(Load::key_failure))
            .or_else(|| catalog.list.with(Load::key_failure))
            .or_else(|| invite.error.get().filter(|f| f.key_problem.is_some()))
    });
    let load_interviews = move || {
        let Some(address) = email.get_untracked() else {
            interviews.set(Load::Ready(vec![]));
            return;
        };
        spawn_local(async move {
            match ask(&Request::GetInterviews { provider: pv, email: address.clone() }).await {
                // The candidate may have changed while we asked.
                Reply::Interviews { interviews: rows, said: more, elsewhere: others }
                    if email.get_untracked().as_deref() == Some(&address) =>
                {
                    if !more.is_empty() {
                        said.set(Some(more));
                    }
                    elsewhere.set((!others.is_empty()).then_some(others));
                    interviews
                        .set(rows.read(crate::read::interview_rows).map_or_else(Load::Failed, Load::Ready))
                }
                Reply::Failed { failure } => interviews.set(Load::Failed(failure)),
                _ => {}
            }
        });
    };
    Effect::new(move |_| {
        let _ = email.get();
        if has_key.get() {
            invite_open.set(None);
            elsewhere.set(None);
            interviews.set(Load::Loading);
            load_interviews();
        }
    });
    // Candidate first: their interviews lead, and the form waits behind Invite unless there is
    // none yet (then inviting is what the recruiter came for).
    Effect::new(move |_| {
        let none_yet = interviews.with(|l| match l {
            Load::Ready(rows) => Some(rows.is_empty()),
            _ => None,
        });
        if invite_open.get().is_none() && none_yet.is_some() {
            invite_open.set(none_yet);
        }
    });
    // What the part under the header is, by kind: it is drawn again only when that changes, not
    // each time the account is read (after every send), which took the focus from Send and let a
    // press landing at that moment go to a form on its way out.
    let part = Memo::new(move |_| {
        account.with(|a| match a {
            Load::Loading => Part::Loading,
            Load::Failed(_) => Part::Failed,
            Load::Ready(None) => Part::Setup,
            Load::Ready(Some(_)) if job_page.with(|j| j.is_some()) => Part::Bulk,
            Load::Ready(Some(_)) => Part::Candidate,
        })
    });
    let choose_account = move |id: String| {
        spawn_local(async move {
            apply_accounts(ask(&Request::ChooseAccount { provider: pv, id }).await, true);
            load_interviews();
        });
    };

    view! {
        <div class="provider-panel">
            <PanelHeader label=label account=account all_accounts=all_accounts choose=choose_account/>
            <KeyBanner problem=key_problem/>
            {move || match part.get() {
                Part::Loading => view! { <p class="muted">{msg("loading")}</p> }.into_any(),
                Part::Failed => account.with_untracked(|a| match a {
                    Load::Failed(f) => failure_view(f.clone(), None),
                    _ => None,
                }).into_any(),
                Part::Setup => said_view("setup", "note", msgf("add_key_here", &[label]), String::new(), Some((msg("add_key"), to_options()))),
                Part::Bulk => view! {
                    <super::bulk::BulkView provider=provider job=job_page catalog=catalog/>
                }.into_any(),
                Part::Candidate => view! {
                    <InterviewList provider=provider interviews=interviews completed_only=completed_only said=said elsewhere=elsewhere/>
                    <InviteSection open=invite_open>
                        <InviteForm provider=provider candidate=candidate catalog=catalog state=invite
                            refresh_credits=refresh_credits load_interviews=load_interviews/>
                    </InviteSection>
                }.into_any(),
            }}
        </div>
    }
}
