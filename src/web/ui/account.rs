//! A provider's header in the panel: the provider, the account it sends from (a picker when
//! several are active), and the invites left on it.

use leptos::prelude::*;

use super::fields::Load;
use crate::i18n::{msgf, msgn};
use crate::message::AccountView;

#[component]
pub(super) fn PanelHeader<F>(
    label: &'static str,
    account: RwSignal<Load<Option<AccountView>>>,
    all_accounts: RwSignal<Vec<AccountView>>,
    /// Called with the account id the recruiter picks.
    choose: F,
) -> impl IntoView
where
    F: Fn(String) + Copy + Send + Sync + 'static,
{
    view! {
        <header class="panel-header">
            // Whose interviews the part below shows and sends (the product's name heads the panel).
            <span id="provider-name" class="provider-name">{label}</span>
            {move || match account.get() {
                Load::Ready(Some(a)) => {
                    let active: Vec<AccountView> = all_accounts.get().into_iter().filter(|x| x.active).collect();
                    let left = a.left().map(|n| view! { <span id="credits-left" class="muted">{msgn("invites_left", n as u64, &[])}</span> });
                    let picker = if active.len() > 1 {
                        let mut options = Vec::with_capacity(active.len());
                        for x in active {
                            let selected = x.id == a.id;
                            options.push(view! { <option value=x.id selected=selected>{x.display_name}</option> }.into_any());
                        }
                        view! {
                            <select id="account" aria-label=msgf("account_of", &[label])
                                on:change=move |ev| choose(event_target_value(&ev))>
                                {options}
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
    }
}
