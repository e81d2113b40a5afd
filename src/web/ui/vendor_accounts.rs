//! A vendor's accounts on the options page: add them, make them active or inactive, remove them.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::keys::{hosts_granted, no_hosts};
use crate::i18n::{msg, msgf};
use crate::message::{AccountView, FieldValue, Reply, Request, Wire};
use crate::registry;
use crate::vendor::Vendor;
use crate::web::chrome::ask;

/// The options page's list of a vendor's accounts (Oorwin's "Add Account"): display name,
/// credentials and status each, and for a provider an optional invite allowance.
#[component]
pub fn VendorAccounts(vendor: Vendor) -> impl IntoView {
    let v = vendor.id;
    let fields = registry::credential_fields(vendor);
    // Allowances count invites: only a provider's accounts have one.
    let invites = crate::provider::by_id(v).is_some();
    let list = RwSignal::new(Vec::<AccountView>::new());
    let error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let typed = RwSignal::new(vec![String::new(); fields.len()]);
    let credits = RwSignal::new(String::new());
    let active = RwSignal::new(true);

    let apply = move |reply: Reply| match reply {
        Reply::VendorAccounts { accounts, .. } => match accounts.read(crate::read::accounts) {
            Ok(accounts) => {
                list.set(accounts);
                true
            }
            Err(f) => {
                error.set(Some(f.message));
                false
            }
        },
        Reply::Failed { failure } => {
            error.set(Some(super::keys::said_of(vendor, failure)));
            false
        }
        _ => false,
    };
    let run = move |request: Request, done: String| {
        busy.set(true);
        error.set(None);
        notice.set(None);
        spawn_local(async move {
            let adding = matches!(request, Request::AddAccount { .. });
            if adding && !hosts_granted(vendor).await {
                error.set(Some(no_hosts(vendor)));
            } else if apply(ask(&request).await) {
                notice.set(Some(done));
                if adding {
                    name.set(String::new());
                    typed.update(|t| t.iter_mut().for_each(String::clear));
                    credits.set(String::new());
                }
            }
            busy.set(false);
        });
    };
    spawn_local(async move {
        apply(ask(&Request::GetVendorAccounts { vendor }).await);
    });
    let add = move || {
        let allowance = credits.get_untracked().trim().to_string();
        let credits_value = if allowance.is_empty() {
            None
        } else {
            match allowance.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    error.set(Some(msg("allowance_number")));
                    return;
                }
            }
        };
        let names: Vec<&'static str> = registry::credential_fields(vendor).iter().map(|f| f.name).collect();
        let values = names
            .into_iter()
            .zip(typed.get_untracked())
            .map(|(f, value)| FieldValue { field: f.to_string(), value })
            .collect();
        let request = Request::AddAccount {
            vendor,
            display_name: name.get_untracked(),
            values: Wire::new(values),
            active: active.get_untracked(),
            credits: credits_value,
        };
        run(request, msgf("account_added", &[vendor.label]));
    };
    let mut inputs = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let input_id = format!("account-{}-{v}", f.name);
        inputs.push(
            view! {
                <label for=input_id.clone()>{registry::field_label(vendor, f)}{f.optional.then(|| format!(" {}", msg("optional")))}</label>
                <input id=input_id.clone() type=if f.secret { "password" } else { "text" } autocomplete="off" spellcheck="false"
                    aria-describedby=format!("{input_id}-help")
                    prop:value=move || typed.with(|t| t[i].clone())
                    on:input=move |ev| typed.update(|t| t[i] = event_target_value(&ev))/>
                <p class="muted" id=format!("{input_id}-help")>{registry::field_help(f)}</p>
            }
            .into_any(),
        );
    }
    view! {
        <section class="accounts" aria-labelledby=format!("accounts-title-{v}")>
            <h2 id=format!("accounts-title-{v}")>{msgf("accounts_of", &[vendor.label])}</h2>
            <p class="muted">{msg("accounts_note")}</p>
            <table id=format!("accounts-{v}")>
                <thead><tr><th scope="col">{msg("name")}</th><th scope="col">{msg("account")}</th><th scope="col">{msg("status")}</th><th scope="col" hidden=!invites>{msg("invites_left")}</th><th scope="col"><span class="sr-only">{msg("actions")}</span></th></tr></thead>
                <tbody>
                    {move || list.get().into_iter().map(|a| {
                        let (id, id2) = (a.id.clone(), a.id.clone());
                        let credits_now = a.credits;
                        let now_active = a.active;
                        view! {
                            <tr class="account-row" data-id=a.id.clone()>
                                <td class="display-name">{a.display_name.clone()}</td>
                                <td>{a.account.name.clone()}<br/><span class="muted">{msgf("email_key_ending", &[&a.account.email, &a.account.key_hint])}</span></td>
                                <td class="status">{if a.active { msg("active") } else { msg("inactive") }}</td>
                                <td class="left" hidden=!invites>{a.left().map(|n| msgf("n_of", &[&n.to_string(), &a.credits.unwrap_or(0).to_string()])).unwrap_or_else(|| msg("no_limit"))}</td>
                                <td class="actions">
                                    <button type="button" class="toggle" disabled=move || busy.get()
                                        on:click=move |_| run(Request::UpdateAccount { id: id.clone(), active: !now_active, credits: credits_now, perform_as: None }, msg("status_changed"))>
                                        {if a.active { msg("make_inactive") } else { msg("make_active") }}
                                    </button>
                                    <button type="button" class="danger remove" disabled=move || busy.get()
                                        on:click=move |_| run(Request::RemoveAccount { id: id2.clone() }, msg("account_removed"))>{msg("remove")}</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <form id=format!("add-account-{v}") novalidate on:submit=move |ev| { ev.prevent_default(); add(); }>
                <h3>{msgf("add_account_of", &[vendor.label])}</h3>
                <label for=format!("account-name-{v}")>{msg("display_name")}</label>
                <input id=format!("account-name-{v}") prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                {inputs}
                <label for=format!("account-status-{v}")>{msg("status")}</label>
                <select id=format!("account-status-{v}") on:change=move |ev| active.set(event_target_value(&ev) == "active")>
                    <option value="active" selected=move || active.get()>{msg("active")}</option>
                    <option value="inactive" selected=move || !active.get()>{msg("inactive")}</option>
                </select>
                <div hidden=!invites>
                    <label for=format!("account-credits-{v}")>{msg("allowance")}" "<span class="muted">{msg("optional")}</span></label>
                    <input id=format!("account-credits-{v}") type="number" min="0" inputmode="numeric"
                        prop:value=move || credits.get() on:input=move |ev| credits.set(event_target_value(&ev))/>
                </div>
                <button type="submit" id=format!("add-account-button-{v}") class="primary" disabled=move || busy.get()>{msg("add_account")}</button>
            </form>
            <p id=format!("accounts-status-{v}") class="notice" role="status">{move || notice.get()}</p>
            <Show when=move || error.get().is_some()>
                <p id=format!("accounts-error-{v}") class="error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}
