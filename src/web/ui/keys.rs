//! Saving, replacing and removing vendor keys: the popup, and a section of the options page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::error::Vendor;
use crate::message::{Account, Reply, Request, SparkHireAccount};
use crate::web::chrome::{ask, open_options_page};

#[component]
pub fn Popup() -> impl IntoView {
    view! {
        <main class="popup">
            <h1>"Interview Bridge"</h1>
            <Keys/>
            <p class="footer">
                <button type="button" class="link" on:click=|_| open_options_page()>
                    "Advanced settings"
                </button>
            </p>
        </main>
    }
}

#[component]
pub fn Keys() -> impl IntoView {
    let sparkhire = RwSignal::new(None::<Account>);
    let lever = RwSignal::new(None::<Account>);
    let smartrecruiters = RwSignal::new(None::<Account>);
    let loaded = RwSignal::new(false);
    let load_error = RwSignal::new(None::<String>);
    let apply = move |reply: Reply| match reply {
        Reply::Accounts { sparkhire: s, lever: l, smartrecruiters: r } => {
            sparkhire.set(s);
            lever.set(l);
            smartrecruiters.set(r);
            loaded.set(true);
            None
        }
        Reply::Failed { failure } => Some(failure.message),
        _ => Some("Unexpected answer from the extension.".to_string()),
    };
    spawn_local(async move {
        if let Some(e) = apply(ask(&Request::GetAccounts).await) {
            load_error.set(Some(e));
        }
    });
    view! {
        <Notices/>
        <Show when=move || load_error.get().is_some()>
            <p class="error" role="alert">{move || load_error.get()}</p>
        </Show>
        <Show when=move || loaded.get() fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <KeyCard vendor=Vendor::SparkHire account=sparkhire apply=apply
                help="Spark Hire: Settings > Integrations > User API Key."/>
            <KeyCard vendor=Vendor::Lever account=lever apply=apply
                help="Optional. Lever: Settings > Integrations and API > API credentials. Lets the panel read the candidate from Lever's API."/>
            <KeyCard vendor=Vendor::SmartRecruiters account=smartrecruiters apply=apply
                help="Optional. SmartRecruiters: Settings > Apps & Integrations > API (X-SmartToken). Lets the panel read the candidate from SmartRecruiters' API."/>
        </Show>
    }
}

/// What the recruiter should know about their saved data (e.g. a record an update couldn't
/// read, set aside rather than lost), until they dismiss it.
#[component]
fn Notices() -> impl IntoView {
    let notices = RwSignal::new(String::new());
    let apply = move |reply: Reply| {
        if let Reply::Notices { text } = reply {
            notices.set(text);
        }
    };
    spawn_local(async move { apply(ask(&Request::GetNotices).await) });
    view! {
        <Show when=move || !notices.get().is_empty()>
            <section class="saved-data-notice" role="status" aria-label="About your saved data">
                <p>{move || notices.get()}</p>
                <button type="button" class="link"
                    on:click=move |_| spawn_local(async move { apply(ask(&Request::DismissNotices).await) })>
                    "Dismiss"
                </button>
            </section>
        </Show>
    }
}

fn slug(v: Vendor) -> &'static str {
    match v {
        Vendor::SparkHire => "sparkhire",
        Vendor::Lever => "lever",
        Vendor::SmartRecruiters => "smartrecruiters",
    }
}

#[component]
fn KeyCard(
    vendor: Vendor,
    account: RwSignal<Option<Account>>,
    apply: impl Fn(Reply) -> Option<String> + Copy + Send + Sync + 'static,
    help: &'static str,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let replacing = RwSignal::new(false);
    let id = format!("key-{}", slug(vendor));
    let label = format!("{} API key", vendor.label());

    let save = move || {
        if busy.get_untracked() {
            return;
        }
        let key = typed.get_untracked();
        busy.set(true);
        error.set(None);
        notice.set(Some(format!("Checking the key with {}…", vendor.label())));
        spawn_local(async move {
            let reply = ask(&Request::SaveKey { vendor, key }).await;
            busy.set(false);
            match apply(reply) {
                None => {
                    typed.set(String::new());
                    replacing.set(false);
                    notice.set(Some(format!("Saved. {} accepted the key.", vendor.label())));
                }
                // The typed key stays in the field so the recruiter can fix it.
                Some(e) => {
                    notice.set(None);
                    error.set(Some(e));
                }
            }
        });
    };
    let remove = move |_| {
        busy.set(true);
        spawn_local(async move {
            let reply = ask(&Request::RemoveKey { vendor }).await;
            busy.set(false);
            match apply(reply) {
                None => notice.set(Some(format!("{} key removed.", vendor.label()))),
                Some(e) => error.set(Some(e)),
            }
        });
    };
    let input_id = id.clone();
    view! {
        <section class="key-card" id=format!("{id}-card") aria-labelledby=format!("{id}-title")>
            <h2 id=format!("{id}-title")>{vendor.label()}</h2>
            {move || account.get().map(|a| view! {
                <p class="account">
                    <strong class="account-name">{a.name.clone()}</strong>
                    {(!a.email.is_empty()).then(|| view! { <span class="account-email">{a.email.clone()}</span> })}
                    <span class="muted">"Key ending "{a.key_hint.clone()}</span>
                </p>
            })}
            <Show when=move || account.get().is_none() || replacing.get()>
                <form class="key-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
                    <label for=input_id.clone()>{label.clone()}</label>
                    <input id=input_id.clone() name="key" type="password" autocomplete="off" spellcheck="false"
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby=format!("{}-help", input_id.clone())/>
                    <p class="muted" id=format!("{}-help", input_id.clone())>{help}</p>
                    <button type="submit" class="primary" disabled=move || busy.get()>"Save"</button>
                </form>
            </Show>
            <Show when=move || account.get().is_some() && !replacing.get()>
                <div class="actions">
                    <button type="button" on:click=move |_| { replacing.set(true); notice.set(None); } disabled=move || busy.get()>"Replace"</button>
                    <button type="button" class="danger" on:click=remove disabled=move || busy.get()>"Remove"</button>
                </div>
            </Show>
            <p class="notice" role="status">{move || notice.get()}</p>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}

/// The options page's list of Spark Hire accounts (Oorwin's "Add Account"): display name,
/// key, status and an optional invite allowance each.
#[component]
pub fn SparkHireAccounts() -> impl IntoView {
    let list = RwSignal::new(Vec::<SparkHireAccount>::new());
    let error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    let credits = RwSignal::new(String::new());
    let active = RwSignal::new(true);

    let apply = move |reply: Reply| match reply {
        Reply::SparkHireAccounts { accounts, .. } => {
            list.set(accounts);
            true
        }
        Reply::Failed { failure } => {
            error.set(Some(failure.message));
            false
        }
        _ => false,
    };
    let run = move |request: Request, done: &'static str| {
        busy.set(true);
        error.set(None);
        notice.set(None);
        spawn_local(async move {
            if apply(ask(&request).await) {
                notice.set(Some(done.to_string()));
                if matches!(request, Request::AddAccount { .. }) {
                    name.set(String::new());
                    key.set(String::new());
                    credits.set(String::new());
                }
            }
            busy.set(false);
        });
    };
    spawn_local(async move {
        apply(ask(&Request::GetSparkHireAccounts).await);
    });
    let add = move || {
        let allowance = credits.get_untracked().trim().to_string();
        let credits_value = if allowance.is_empty() {
            None
        } else {
            match allowance.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    error.set(Some(
                        "The invite allowance must be a whole number, or empty for no limit.".into(),
                    ));
                    return;
                }
            }
        };
        let request = Request::AddAccount {
            display_name: name.get_untracked(),
            key: key.get_untracked(),
            active: active.get_untracked(),
            credits: credits_value,
        };
        run(request, "Account added. Spark Hire accepted the key.");
    };
    view! {
        <section class="accounts" aria-labelledby="accounts-title">
            <h2 id="accounts-title">"Spark Hire accounts"</h2>
            <p class="muted">"The panel uses the active account you pick for each ATS; the first is the popup's."</p>
            <table id="accounts">
                <thead><tr><th scope="col">"Name"</th><th scope="col">"Account"</th><th scope="col">"Status"</th><th scope="col">"Invites left"</th><th scope="col"><span class="sr-only">"Actions"</span></th></tr></thead>
                <tbody>
                    {move || list.get().into_iter().map(|a| {
                        let (id, id2) = (a.id.clone(), a.id.clone());
                        let credits_now = a.credits;
                        let now_active = a.active;
                        view! {
                            <tr class="account-row" data-id=a.id.clone()>
                                <td class="display-name">{a.display_name.clone()}</td>
                                <td>{a.account.name.clone()}<br/><span class="muted">{format!("{} · key ending {}", a.account.email, a.account.key_hint)}</span></td>
                                <td class="status">{if a.active { "Active" } else { "Inactive" }}</td>
                                <td class="left">{a.left().map(|n| format!("{n} of {}", a.credits.unwrap_or(0))).unwrap_or_else(|| "No limit".into())}</td>
                                <td class="actions">
                                    <button type="button" class="toggle" disabled=move || busy.get()
                                        on:click=move |_| run(Request::UpdateAccount { id: id.clone(), active: !now_active, credits: credits_now }, "Status changed.")>
                                        {if a.active { "Make inactive" } else { "Make active" }}
                                    </button>
                                    <button type="button" class="danger remove" disabled=move || busy.get()
                                        on:click=move |_| run(Request::RemoveAccount { id: id2.clone() }, "Account removed.")>"Remove"</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <form id="add-account" novalidate on:submit=move |ev| { ev.prevent_default(); add(); }>
                <h3>"Add account"</h3>
                <label for="account-name">"Display name"</label>
                <input id="account-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for="account-key">"Spark Hire API key"</label>
                <input id="account-key" type="password" autocomplete="off" spellcheck="false"
                    prop:value=move || key.get() on:input=move |ev| key.set(event_target_value(&ev))/>
                <label for="account-status">"Status"</label>
                <select id="account-status" on:change=move |ev| active.set(event_target_value(&ev) == "active")>
                    <option value="active" selected=move || active.get()>"Active"</option>
                    <option value="inactive" selected=move || !active.get()>"Inactive"</option>
                </select>
                <label for="account-credits">"Invite allowance "<span class="muted">"(optional)"</span></label>
                <input id="account-credits" type="number" min="0" inputmode="numeric"
                    prop:value=move || credits.get() on:input=move |ev| credits.set(event_target_value(&ev))/>
                <button type="submit" id="add-account-button" class="primary" disabled=move || busy.get()>"Add account"</button>
            </form>
            <p id="accounts-status" class="notice" role="status">{move || notice.get()}</p>
            <Show when=move || error.get().is_some()>
                <p id="accounts-error" class="error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}
