//! The options page: keys, and where the vendors live (regional hosts, a sandbox).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::keys::Keys;
use super::vendor_accounts::VendorAccounts;
use crate::i18n::{msg, msgf};
use crate::message::{Reply, Request, Wire};
use crate::registry;
use crate::settings::{Settings, SettingsPatch};
use crate::vendor::Vendor;
use crate::web::chrome::{ask, request_origins};

#[component]
pub fn Options() -> impl IntoView {
    let form = RwSignal::new(None::<Settings>);
    // What the form was loaded from: Save sends only what the recruiter changed since, so a
    // switch flipped meanwhile (below, or in another window) is never reverted.
    let loaded = RwSignal::new(None::<Settings>);
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    spawn_local(async move {
        match ask(&Request::GetSettings).await {
            Reply::Settings { settings } => match settings.read(crate::read::settings) {
                Ok(settings) => {
                    loaded.set(Some(settings.clone()));
                    form.set(Some(settings));
                }
                Err(f) => error.set(Some(f.message)),
            },
            Reply::Failed { failure } => error.set(Some(failure.message)),
            _ => {}
        }
    });
    let save = move || {
        status.set(None);
        let (Some(settings), Some(before)) = (form.get_untracked(), loaded.get_untracked()) else {
            return;
        };
        if let Err(e) = registry::validate(&settings) {
            error.set(Some(e));
            return;
        }
        error.set(None);
        // API hosts other than the built-in ones need the recruiter's say-so before keys go there.
        let defaults = Settings::default();
        let mut origins: Vec<String> = Vec::new();
        for v in registry::all() {
            let url = settings.host(v, "api");
            if url == defaults.host(v, "api") {
                continue;
            }
            if let Some(h) = url.strip_prefix("https://").and_then(|r| r.split('/').next()) {
                origins.push(format!("https://{h}/*"));
            }
        }
        spawn_local(async move {
            if !origins.is_empty() && !request_origins(&origins).await.unwrap_or(false) {
                error.set(Some(msg("no_host_changed")));
                return;
            }
            let patch = registry::changes(&before, &settings);
            match ask(&Request::SaveSettings { patch: Wire::new(patch) }).await {
                Reply::Settings { settings } => match settings.read(crate::read::settings) {
                    Ok(settings) => {
                        loaded.set(Some(settings.clone()));
                        form.set(Some(settings));
                        status.set(Some(msg("settings_saved")));
                    }
                    Err(f) => error.set(Some(f.message)),
                },
                Reply::Failed { failure } => error.set(Some(failure.message)),
                _ => {}
            }
        });
    };
    let field = move |v: Vendor, name: &'static str, label: String| {
        let id = format!("host-{}-{name}", v.id);
        view! {
            <label for=id.clone()>{label}</label>
            <input id=id type="url" spellcheck="false"
                prop:value=move || form.get().map(|s| s.host(v, name)).unwrap_or_default()
                on:input=move |ev| form.update(|f| if let Some(f) = f { f.set_host(v, name, event_target_value(&ev)) })/>
        }
    };
    // Plain loops into `Vec<AnyView>`: an iterator chain per list costs the bundle a copy of the
    // rendering code for each.
    let mut fields = Vec::new();
    for v in registry::all() {
        for h in v.hosts {
            fields.push(field(v, h.name, registry::host_label(v, h)).into_any());
        }
    }
    for p in crate::provider::ALL {
        let id = format!("rate-{}", p.vendor.id);
        fields.push(
            view! {
                <label for=id.clone()>{msgf("per_minute", &[p.vendor.label])}</label>
                <input id=id type="number" min="1" max=p.per_minute.to_string() inputmode="numeric"
                    prop:value=move || form.get().map(|s| p.pace(&s).to_string()).unwrap_or_default()
                    on:input=move |ev| {
                        // An unreadable number is caught by validate() on Save.
                        let n = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
                        form.update(|f| if let Some(f) = f { f.set_pace(p.vendor.id, n) });
                    }/>
            }
            .into_any(),
        );
    }
    let mut accounts = Vec::new();
    for v in registry::all() {
        accounts.push(view! { <VendorAccounts vendor=v/> }.into_any());
    }
    view! {
        <main class="options">
            <h1>{msg("title_options")}</h1>
            <Keys/>
            {accounts}
            <Hellohire/>
            <section aria-labelledby="spottabl-title">
                <h2 id="spottabl-title">"Spottabl × Lever"</h2>
                <p class="muted">{msg("opt_spottabl")}</p>
                <p><a id="spottabl-open" href="spottabl.html" target="_blank">{msgf("open_x", &["Spottabl × Lever"])}</a></p>
            </section>
            <section aria-labelledby="hosts-title">
                <h2 id="hosts-title">{msg("hosts_title")}</h2>
                <p class="muted">{msg("hosts_note")}</p>
                <form novalidate on:submit=move |ev| { ev.prevent_default(); save(); }>
                    {fields}
                    <div class="actions">
                        <button type="submit" id="save-settings" class="primary">{msg("save")}</button>
                        <button type="button" on:click=move |_| form.update(|f| if let Some(f) = f { restore_hosts(f) })>{msg("restore")}</button>
                    </div>
                </form>
                <p id="settings-status" role="status">{move || status.get()}</p>
                <Show when=move || error.get().is_some()>
                    <p id="settings-error" class="error" role="alert">{move || error.get()}</p>
                </Show>
            </section>
        </main>
    }
}

/// The form's fields back to the real vendors' hosts and paces (the switches are not the
/// form's).
fn restore_hosts(f: &mut Settings) {
    f.hosts.clear();
    f.per_minute.clear();
}

/// Hellohire × SmartRecruiters switches. Each saves at once, like Hellohire's own toggle, and
/// only its own flag: host edits in the form below stay unsaved until Save.
#[component]
fn Hellohire() -> impl IntoView {
    let on = RwSignal::new(None::<(bool, bool, bool)>);
    // What a switch said, and whether it was PageUp's (shown in that switch's own section).
    let status = RwSignal::new(None::<(bool, String)>);
    let error = RwSignal::new(None::<(bool, String)>);
    spawn_local(async move {
        if let Reply::Settings { settings } = ask(&Request::GetSettings).await {
            if let Ok(s) = settings.read(crate::read::settings) {
                on.set(Some((
                    s.hellohire_smartrecruiters,
                    s.hellohire_sync_profiles,
                    s.provider_emails_on_pageup,
                )));
            }
        }
    });
    let flip = move |which: fn(&mut SettingsPatch, bool), value: bool, said: String, pageup: bool| {
        status.set(None);
        error.set(None);
        spawn_local(async move {
            let mut patch = SettingsPatch::default();
            which(&mut patch, value);
            match ask(&Request::SaveSettings { patch: Wire::new(patch) }).await {
                Reply::Settings { settings } => match settings.read(crate::read::settings) {
                    Ok(s) => {
                        on.set(Some((
                            s.hellohire_smartrecruiters,
                            s.hellohire_sync_profiles,
                            s.provider_emails_on_pageup,
                        )));
                        status.set(Some((
                            pageup,
                            if value {
                                msgf("switched_on", &[&said])
                            } else {
                                msgf("switched_off", &[&said])
                            },
                        )));
                    }
                    Err(f) => error.set(Some((pageup, f.message))),
                },
                Reply::Failed { failure } => error.set(Some((pageup, failure.message))),
                _ => {}
            }
        });
    };
    view! {
        <section aria-labelledby="hellohire-title">
            <h2 id="hellohire-title">"Hellohire × SmartRecruiters"</h2>
            <p class="muted">{msg("opt_hellohire")}</p>
            <label class="switch">
                <input id="hellohire-on" type="checkbox" role="switch"
                    prop:checked=move || on.get().is_some_and(|o| o.0)
                    disabled=move || on.get().is_none()
                    on:change=move |ev| flip(|s, v| s.hellohire_smartrecruiters = Some(v), event_target_checked(&ev), msg("sr_integration"), false)/>
                {msg("sr_integration")}
            </label>
            <label class="switch">
                <input id="hellohire-sync" type="checkbox" role="switch"
                    prop:checked=move || on.get().is_some_and(|o| o.1)
                    disabled=move || !on.get().is_some_and(|o| o.0)
                    on:change=move |ev| flip(|s, v| s.hellohire_sync_profiles = Some(v), event_target_checked(&ev), msg("hh_sync_switch"), false)/>
                {msg("hh_sync_switch")}
            </label>
            <p class="muted">{msg("opt_hh_sync")}</p>
            <p id="hellohire-status" role="status">{move || said(status, false)}</p>
            <Show when=move || said(error, false).is_some()>
                <p id="hellohire-error" class="error" role="alert">{move || said(error, false)}</p>
            </Show>
        </section>
        <section aria-labelledby="pageup-title">
            <h2 id="pageup-title">{msg("opt_pageup_title")}</h2>
            <p class="muted">{msg("opt_pageup")}</p>
            <label class="switch">
                <input id="pageup-provider-emails" type="checkbox" role="switch"
                    prop:checked=move || on.get().is_some_and(|o| o.2)
                    disabled=move || on.get().is_none()
                    on:change=move |ev| flip(|s, v| s.provider_emails_on_pageup = Some(v), event_target_checked(&ev), msg("own_email"), true)/>
                {msg("own_email_too")}
            </label>
            <p class="muted">{msg("opt_pageup_email")}</p>
            <p id="pageup-status" role="status">{move || said(status, true)}</p>
            <Show when=move || said(error, true).is_some()>
                <p id="pageup-error" class="error" role="alert">{move || said(error, true)}</p>
            </Show>
        </section>
    }
}

/// What a switch of one section said.
fn said(s: RwSignal<Option<(bool, String)>>, pageup: bool) -> Option<String> {
    s.get().filter(|s| s.0 == pageup).map(|s| s.1)
}
