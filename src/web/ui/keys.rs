//! Saving, replacing and removing vendor keys: the popup, and a section of the options page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::error::Vendor;
use crate::message::{Account, Reply, Request};
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
    let loaded = RwSignal::new(false);
    let load_error = RwSignal::new(None::<String>);
    let apply = move |reply: Reply| match reply {
        Reply::Accounts { sparkhire: s, lever: l } => {
            sparkhire.set(s);
            lever.set(l);
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
        <Show when=move || load_error.get().is_some()>
            <p class="error" role="alert">{move || load_error.get()}</p>
        </Show>
        <Show when=move || loaded.get() fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <KeyCard vendor=Vendor::SparkHire account=sparkhire apply=apply
                help="Spark Hire: Settings > Integrations > User API Key."/>
            <KeyCard vendor=Vendor::Lever account=lever apply=apply
                help="Optional. Lever: Settings > Integrations and API > API credentials. Lets the panel read the candidate from Lever's API."/>
        </Show>
    }
}

fn slug(v: Vendor) -> &'static str {
    match v {
        Vendor::SparkHire => "sparkhire",
        Vendor::Lever => "lever",
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
