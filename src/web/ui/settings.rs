//! The options page: keys, and where the vendors live (regional hosts, a sandbox).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::keys::{Keys, SparkHireAccounts};
use crate::message::{Reply, Request};
use crate::settings::Settings;
use crate::web::chrome::{ask, request_origins};

#[component]
pub fn Options() -> impl IntoView {
    let form = RwSignal::new(None::<Settings>);
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    spawn_local(async move {
        match ask(&Request::GetSettings).await {
            Reply::Settings { settings } => form.set(Some(settings)),
            Reply::Failed { failure } => error.set(Some(failure.message)),
            _ => {}
        }
    });
    let save = move || {
        status.set(None);
        let Some(settings) = form.get_untracked() else {
            return;
        };
        if let Err(e) = settings.validate() {
            error.set(Some(e));
            return;
        }
        error.set(None);
        // Hosts other than the built-in ones need the recruiter's say-so before keys go there.
        let defaults = Settings::default();
        let origins: Vec<String> = [
            (&settings.sparkhire_api, &defaults.sparkhire_api),
            (&settings.lever_api, &defaults.lever_api),
            (&settings.smartrecruiters_api, &defaults.smartrecruiters_api),
        ]
        .into_iter()
        .filter(|(v, d)| v != d)
        .filter_map(|(v, _)| {
            v.strip_prefix("https://").and_then(|r| r.split('/').next()).map(|h| format!("https://{h}/*"))
        })
        .collect();
        spawn_local(async move {
            if !origins.is_empty() && !request_origins(&origins).await.unwrap_or(false) {
                error.set(Some(
                    "Without permission to reach that host, the extension can't use it. Nothing was changed."
                        .into(),
                ));
                return;
            }
            match ask(&Request::SaveSettings { settings }).await {
                Reply::Settings { .. } => status.set(Some("Settings saved.".into())),
                Reply::Failed { failure } => error.set(Some(failure.message)),
                _ => {}
            }
        });
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      get: fn(&Settings) -> String,
                      put: fn(&mut Settings, String)| {
        view! {
            <label for=id>{label}</label>
            <input id=id type="url" spellcheck="false"
                prop:value=move || form.get().map(|s| get(&s)).unwrap_or_default()
                on:input=move |ev| form.update(|f| if let Some(f) = f { put(f, event_target_value(&ev)) })/>
        }
    };
    view! {
        <main class="options">
            <h1>"Interview Bridge settings"</h1>
            <Keys/>
            <SparkHireAccounts/>
            <section aria-labelledby="hosts-title">
                <h2 id="hosts-title">"Where the vendors live"</h2>
                <p class="muted">"Change these only for a regional host or a test sandbox."</p>
                <form novalidate on:submit=move |ev| { ev.prevent_default(); save(); }>
                    {field("sparkhire-api", "Spark Hire API", |s| s.sparkhire_api.clone(), |s, v| s.sparkhire_api = v)}
                    {field("sparkhire-app", "Spark Hire app (for Open in Spark Hire links)", |s| s.sparkhire_app.clone(), |s, v| s.sparkhire_app = v)}
                    {field("lever-api", "Lever API", |s| s.lever_api.clone(), |s, v| s.lever_api = v)}
                    {field("smartrecruiters-api", "SmartRecruiters API", |s| s.smartrecruiters_api.clone(), |s, v| s.smartrecruiters_api = v)}
                    <label for="sparkhire-rate">"Spark Hire requests a minute (bulk invites stay under it)"</label>
                    <input id="sparkhire-rate" type="number" min="1" max="400" inputmode="numeric"
                        prop:value=move || form.get().map(|s| s.sparkhire_per_minute.to_string()).unwrap_or_default()
                        on:input=move |ev| {
                            // An unreadable number is caught by validate() on Save.
                            let n = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
                            form.update(|f| if let Some(f) = f { f.sparkhire_per_minute = n });
                        }/>
                    <div class="actions">
                        <button type="submit" id="save-settings" class="primary">"Save"</button>
                        <button type="button" on:click=move |_| form.set(Some(Settings::default()))>"Restore defaults"</button>
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
