//! Saving, replacing and removing vendor keys: the popup, and a section of the options page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{msg, msgf};
use crate::message::{AccountView, Failure, FieldValue, Reply, Request, Wire};
use crate::registry;
use crate::vendor::Vendor;
use crate::web::chrome::{ask, open_options_page, request_origins};

#[component]
pub fn Popup() -> impl IntoView {
    view! {
        <main class="popup">
            <h1>{msg("ext_name")}</h1>
            <Keys/>
            <p class="footer">
                <button type="button" class="link" on:click=|_| open_options_page()>
                    {msg("advanced")}
                </button>
            </p>
        </main>
    }
}

#[component]
pub fn Keys() -> impl IntoView {
    let accounts = RwSignal::new(Vec::<AccountView>::new());
    let loaded = RwSignal::new(false);
    let load_error = RwSignal::new(None::<String>);
    let apply = move |reply: Reply| match reply {
        Reply::Accounts { accounts: all } => match all.read(crate::read::accounts) {
            Ok(all) => {
                accounts.set(all);
                loaded.set(true);
                None
            }
            Err(f) => Some(f.message),
        },
        Reply::Failed { failure } => Some(failure.message),
        _ => Some(msg("unexpected_answer")),
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
        <Show when=move || loaded.get() fallback=|| view! { <p class="muted">{msg("loading")}</p> }>
            {
                // Plain loops into `Vec<AnyView>` here and below: an iterator chain per list
                // costs the bundle a copy of the rendering code for each.
                let mut cards = Vec::new();
                for v in registry::all() {
                    cards.push(view! { <KeyCard vendor=v accounts=accounts apply=apply/> }.into_any());
                }
                cards
            }
        </Show>
    }
}

/// Asks for a vendor's API hosts when it was added after the extension was installed (the
/// manifest lists them as optional); `true` when they may be reached.
pub(super) async fn hosts_granted(v: Vendor) -> bool {
    if v.granted_at_install {
        return true;
    }
    let origins: Vec<String> = v.api_hosts.iter().map(|h| h.to_string()).collect();
    request_origins(&origins).await.unwrap_or(false)
}

/// What a key that was just typed and refused says: it was not kept, and where the right one is
/// copied from (the field's own help), not the advice about a saved key that pages elsewhere get.
pub(super) fn said_of(vendor: Vendor, f: Failure) -> String {
    if f.key_problem.is_none() {
        return f.message;
    }
    // The field's help, where it names the place in the vendor's app ("Lever: Settings > …"),
    // up to the end of that sentence.
    let fields = registry::credential_fields(vendor);
    let help =
        fields.iter().find(|f| f.secret).or(fields.first()).map(registry::field_help).unwrap_or_default();
    let help = help.strip_prefix("Optional. ").unwrap_or(&help);
    // By bytes: a `str` pattern search would bring its searcher into the wasm (about 9 KB).
    let end = help.as_bytes().windows(2).position(|w| w == b". ").map_or(help.len(), |i| i + 1);
    let place = help.get(..end).unwrap_or(help);
    match place.strip_prefix(vendor.label).filter(|rest| rest.starts_with(':')) {
        Some(_) => msgf("key_not_saved", &[vendor.label, place]),
        None => msgf("key_not_saved_plain", &[vendor.label]),
    }
}

pub(super) fn no_hosts(v: Vendor) -> String {
    msgf("no_hosts", &[v.label])
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
            <section class="saved-data-notice" role="status" aria-label=msg("about_saved")>
                <p>{move || notices.get()}</p>
                <button type="button" class="link"
                    on:click=move |_| spawn_local(async move { apply(ask(&Request::DismissNotices).await) })>
                    {msg("dismiss")}
                </button>
            </section>
        </Show>
    }
}

#[component]
fn KeyCard(
    vendor: Vendor,
    accounts: RwSignal<Vec<AccountView>>,
    apply: impl Fn(Reply) -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    // The popup's card is the vendor's first account.
    let account =
        move || accounts.with(|all| all.iter().find(|a| a.vendor == vendor).map(|a| a.account.clone()));
    // The popup asks only what connecting needs; choices such as PageUp's status codes are the
    // options page's, and a key replaced here keeps them.
    let mut fields = registry::credential_fields(vendor);
    fields.retain(|f| !f.optional);
    let fields = StoredValue::new(fields);
    let typed = RwSignal::new(vec![String::new(); fields.with_value(Vec::len)]);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let replacing = RwSignal::new(false);
    let id = format!("key-{}", vendor.id);

    let save = move || {
        if busy.get_untracked() {
            return;
        }
        let values: Vec<FieldValue> = fields.with_value(|fields| {
            fields
                .iter()
                .zip(typed.get_untracked())
                .map(|(f, value)| FieldValue { field: f.name.to_string(), value })
                .collect()
        });
        busy.set(true);
        error.set(None);
        notice.set(Some(msgf("checking_with", &[vendor.label])));
        spawn_local(async move {
            if !hosts_granted(vendor).await {
                busy.set(false);
                notice.set(None);
                error.set(Some(no_hosts(vendor)));
                return;
            }
            let reply = ask(&Request::SaveKey { vendor, values: Wire::new(values) }).await;
            busy.set(false);
            let said = match reply {
                Reply::Failed { failure } => Some(said_of(vendor, failure)),
                reply => apply(reply),
            };
            match said {
                None => {
                    typed.update(|t| t.iter_mut().for_each(String::clear));
                    replacing.set(false);
                    notice.set(Some(msgf("key_saved", &[vendor.label])));
                }
                // What was typed stays in the fields so the recruiter can fix it.
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
                None => notice.set(Some(msgf("key_removed", &[vendor.label]))),
                Some(e) => error.set(Some(e)),
            }
        });
    };
    let card_id = id.clone();
    let inputs = move || {
        let mut out = Vec::new();
        for (i, f) in fields.get_value().into_iter().enumerate() {
            let input_id = format!("{card_id}-{}", f.name);
            let help_id = format!("{input_id}-help");
            out.push(
                view! {
                    <label for=input_id.clone()>{registry::field_label(vendor, &f)}</label>
                    <input id=input_id name=f.name type=if f.secret { "password" } else { "text" } autocomplete="off" spellcheck="false"
                        prop:value=move || typed.with(|t| t[i].clone())
                        on:input=move |ev| typed.update(|t| t[i] = event_target_value(&ev))
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby=help_id.clone()/>
                    <p class="muted" id=help_id>{registry::field_help(&f)}</p>
                }
                .into_any(),
            );
        }
        out
    };
    view! {
        <section class="key-card" id=format!("{id}-card") aria-labelledby=format!("{id}-title")>
            <h2 id=format!("{id}-title")>{vendor.label}</h2>
            {move || account().map(|a| view! {
                <p class="account">
                    <strong class="account-name">{a.name.clone()}</strong>
                    {(!a.email.is_empty()).then(|| view! { <span class="account-email">{a.email.clone()}</span> })}
                    <span class="muted">{msgf("key_ending", &[&a.key_hint])}</span>
                </p>
            })}
            <Show when=move || account().is_none() || replacing.get()>
                <form class="key-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
                    {inputs()}
                    <button type="submit" class="primary" disabled=move || busy.get()>{msg("save")}</button>
                </form>
            </Show>
            <Show when=move || account().is_some() && !replacing.get()>
                <div class="actions">
                    <button type="button" on:click=move |_| { replacing.set(true); notice.set(None); } disabled=move || busy.get()>{msg("replace")}</button>
                    <button type="button" class="danger" on:click=remove disabled=move || busy.get()>{msg("remove")}</button>
                </div>
            </Show>
            <p class="notice" role="status">{move || notice.get()}</p>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}
