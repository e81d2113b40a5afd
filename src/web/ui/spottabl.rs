//! The Spottabl × Lever page (issue 13): who the workflow works as, "Import the latest N jobs"
//! and auto-sync, the stage mapping, and what the last look did, with a button to look now.
//! Its own wasm, opened from the options page: the options page's budget had no room for it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{msg, msgf};
use crate::message::{AccountView, Choice, Reply, Request};
use crate::spottabl::import::{DEFAULT_COUNT, MAX_COUNT};
use crate::web::chrome::ask;

fn local_time(ms: i64) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64))
        .to_locale_string("default", &js_sys::Object::new())
        .into()
}

/// Where the recruiter revokes their own Lever key [code: Lever's settings page].
const LEVER_API_SETTINGS: &str = "https://hire.lever.co/settings/integrations?tab=api";

#[component]
pub fn SpottablPage() -> impl IntoView {
    view! {
        <main class="options">
            <h1>"Spottabl × Lever"</h1>
            <p class="muted">{msg("sp_page_intro")}</p>
            <Connection/>
            <Jobs/>
            <StageTable/>
        </main>
    }
}

/// Whether a listed Lever user (`Name (email)`, or the email alone) is the one the account
/// names: as the picker kept them, or by the email typed in the settings.
fn is_named(label: &str, now: &str) -> bool {
    let email = label.strip_suffix(')').and_then(|l| l.rsplit_once(" (")).map_or(label, |(_, e)| e);
    !now.is_empty() && (label == now || email.eq_ignore_ascii_case(now))
}

/// Who the workflow works as, the Lever user it writes as (picked from Lever's users), and
/// where the keys are added and removed.
#[component]
fn Connection() -> impl IntoView {
    let lines = RwSignal::new(Vec::<String>::new());
    let lever = RwSignal::new(None::<AccountView>);
    let users = RwSignal::new(Vec::<Choice>::new());
    // The id of the Lever user picked; the one the account writes as until then.
    let chosen = RwSignal::new(String::new());
    let said = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    // Lever's users couldn't be read: a button asks again.
    let unlisted = RwSignal::new(false);
    let load = move || {
        spawn_local(async move {
            let all = match ask(&Request::GetAccounts).await {
                Reply::Accounts { accounts } => accounts.read(crate::read::accounts).unwrap_or_default(),
                _ => Vec::new(),
            };
            let active = |v: &str| all.iter().find(|a: &&AccountView| a.vendor.id == v && a.active).cloned();
            let mut out = vec![match active("spottabl") {
                Some(a) => msgf("sp_conn_spottabl", &[&a.display_name, &a.account.name]),
                None => msg("sp_no_spottabl_key"),
            }];
            let lv = active("lever");
            let user = lv
                .as_ref()
                .and_then(|a| a.account.email.strip_prefix("notes written as ").map(str::to_string));
            out.push(match (&lv, &user) {
                (Some(a), Some(u)) => msgf("sp_conn_lever", &[&a.display_name, u]),
                (Some(a), None) => msgf("sp_conn_lever_no_user", &[&a.display_name]),
                _ => msg("sp_no_lever_key"),
            });
            lines.set(out);
            let has_lever = lv.is_some();
            lever.set(lv);
            if has_lever {
                let listed = ask(&Request::GetLeverUsers).await;
                unlisted.set(matches!(listed, Reply::Failed { .. }));
                match listed {
                    Reply::LeverUsers { users: u } => match u.read(crate::read::choices) {
                        Ok(u) => {
                            let now = user.unwrap_or_default();
                            chosen.set(
                                u.iter()
                                    .find(|c| is_named(&c.label, &now))
                                    .map(|c| c.uuid.clone())
                                    .unwrap_or_default(),
                            );
                            users.set(u);
                            error.set(String::new());
                        }
                        Err(f) => error.set(f.message),
                    },
                    Reply::Failed { failure } => error.set(msgf("sp_users_unread", &[&failure.message])),
                    _ => {}
                }
            }
        })
    };
    load();
    let save = move || {
        let Some(a) = lever.get_untracked() else { return };
        let id = chosen.get_untracked();
        error.set(String::new());
        let Some(user) = users.with_untracked(|u| u.iter().find(|c| c.uuid == id).cloned()) else {
            error.set(msg("sp_choose_user_first"));
            return;
        };
        said.set(msg("saving"));
        spawn_local(async move {
            let who = user.label.clone();
            let req = Request::UpdateAccount {
                id: a.id,
                active: a.active,
                credits: a.credits,
                perform_as: Some(user),
            };
            match ask(&req).await {
                Reply::Failed { failure } => {
                    said.set(String::new());
                    error.set(failure.message);
                }
                _ => {
                    said.set(msgf("sp_user_saved", &[&who]));
                    load();
                }
            }
        });
    };
    // The links in their places in the sentence around them.
    let note = msgf("sp_keys_note", &["\u{1}", "\u{1}"]);
    let mut note = note.split('\u{1}').map(str::to_string);
    view! {
        <section aria-labelledby="spottabl-connection-title">
            <h2 id="spottabl-connection-title">{msg("sp_connection")}</h2>
            <ul id="spottabl-connection">{move || lines.get().into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            <form id="lever-user-form" hidden=move || users.with(Vec::is_empty) novalidate on:submit=move |ev| { ev.prevent_default(); save(); }>
                    <label for="lever-user">{msg("sp_user_label")}</label>
                    <select id="lever-user" on:change=move |ev| { chosen.set(event_target_value(&ev)); said.set(String::new()); }>
                        <option value="" selected=move || chosen.with(String::is_empty)>{msg("sp_choose_user")}</option>
                        {move || users.get().into_iter().map(|u| {
                            let this = u.uuid.clone();
                            view! { <option value=u.uuid selected=move || chosen.with(|c| *c == this)>{u.label}</option> }
                        }).collect_view()}
                    </select>
                    <button type="submit" id="lever-user-save">{msg("save")}</button>
                </form>
            <p id="lever-user-status" class="notice" role="status">{move || said.get()}</p>
            <p id="lever-user-error" class="error" role="alert">{move || error.get()}</p>
            <button type="button" id="lever-user-retry" hidden=move || !unlisted.get() on:click=move |_| load()>{msg("sp_users_again")}</button>
            <p class="muted">
                {note.next()}<a href="options.html" target="_blank">{msg("sp_keys_link")}</a>
                {note.next()}<a href=LEVER_API_SETTINGS target="_blank" rel="noopener">{msg("sp_lever_api_link")}</a>{note.next()}
            </p>
        </section>
    }
}

/// The import, auto-sync, and the last look both ways with "Look now".
#[component]
fn Jobs() -> impl IntoView {
    let count = NodeRef::<leptos::html::Input>::new();
    let status = RwSignal::new(String::new());
    let looked = RwSignal::new(String::new());
    let auto = RwSignal::new(false);
    // Busy until the last runs are read, and while a request is out: said to assistive tech.
    let busy = RwSignal::new(true);
    let error = RwSignal::new(String::new());
    // The last import failed, or left postings out: Retry sits beside it.
    let failed = RwSignal::new(false);
    let apply = move |r: Reply| match r {
        Reply::SpottablImport { at_ms, summary, looked_ms, looked: what, auto: on } => {
            error.set(String::new());
            // The import's sentence naming what it left out, up to the list.
            let left = msgf("sp_not_imported", &["\u{1}"]);
            failed.set(left.split('\u{1}').next().is_some_and(|l| summary.contains(l)));
            if at_ms > 0 {
                status.set(msgf("sp_last_import", &[&local_time(at_ms), &summary]));
            }
            if looked_ms > 0 {
                looked.set(msgf("sp_last_look", &[&local_time(looked_ms), &what]));
            }
            auto.set(on);
        }
        Reply::Failed { failure } => error.set(failure.message),
        _ => {}
    };
    spawn_local(async move {
        apply(ask(&Request::GetSpottablImport).await);
        busy.set(false);
    });
    let send = move |req: Request, waiting: String| {
        error.set(String::new());
        busy.set(true);
        let before = status.get_untracked();
        if matches!(req, Request::ImportSpottablJobs { .. }) {
            status.set(waiting.clone());
        } else if matches!(req, Request::LookInSpottabl) {
            looked.set(waiting.clone());
        }
        let look_before = looked.get_untracked();
        spawn_local(async move {
            let r = ask(&req).await;
            // What was said before stays said if this fails.
            if matches!(r, Reply::Failed { .. }) {
                failed.set(matches!(req, Request::ImportSpottablJobs { .. }));
                status.set(before);
                if looked.get_untracked() == waiting {
                    looked.set(look_before);
                }
            }
            apply(r);
            busy.set(false);
        });
    };
    let run = move || {
        let n =
            count.get_untracked().map(|i| i.value()).unwrap_or_default().trim().parse::<u32>().unwrap_or(0);
        if !(1..=MAX_COUNT).contains(&n) {
            error.set(msgf("sp_import_range", &[&MAX_COUNT.to_string()]));
            return;
        }
        send(Request::ImportSpottablJobs { count: n }, msg("sp_importing"));
    };
    view! {
        <section id="spottabl-jobs" aria-labelledby="spottabl-title" aria-busy=move || busy.get().to_string()>
            <h2 id="spottabl-title">{msg("sp_jobs")}</h2>
            <form id="spottabl-import" novalidate on:submit=move |ev| { ev.prevent_default(); run(); }>
                <label for="spottabl-count">{msg("sp_count_label")}</label>
                <input id="spottabl-count" type="number" min="1" max="100" inputmode="numeric" value=DEFAULT_COUNT node_ref=count/>
                <button type="submit" id="spottabl-import-button" class="primary" disabled=move || busy.get()>{msg("sp_import_jobs")}</button>
            </form>
            <label class="inline">
                <input id="spottabl-auto" type="checkbox" role="switch" prop:checked=move || auto.get()
                    on:change=move |ev| send(Request::SetSpottablAuto { on: event_target_checked(&ev) }, String::new())/>
                {msg("sp_auto")}
            </label>
            <p id="spottabl-status" class="notice" role="status">{move || status.get()}</p>
            <Show when=move || failed.get()>
                <button type="button" id="spottabl-import-retry" disabled=move || busy.get() on:click=move |_| run()>{msg("sp_retry_import")}</button>
            </Show>
            <h2 id="spottabl-look-title">{msg("sp_look_title")}</h2>
            <p class="muted">{msg("sp_look_note")}</p>
            <p id="spottabl-looked" role="status">{move || looked.get()}</p>
            <button type="button" id="spottabl-look" disabled=move || busy.get()
                on:click=move |_| send(Request::LookInSpottabl, msg("sp_looking"))>{msg("sp_look_now")}</button>
            <p id="spottabl-error" class="error" role="alert">{move || error.get()}</p>
        </section>
    }
}

/// Lever's stages, each with the Spottabl stage it maps to (or none), saved as a whole.
#[component]
fn StageTable() -> impl IntoView {
    let lever = RwSignal::new(Vec::<Choice>::new());
    let spottabl = RwSignal::new(Vec::<Choice>::new());
    let pairs = RwSignal::new(Vec::<(String, String)>::new());
    let saved = RwSignal::new(true);
    let said = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let apply = move |r: Reply, done: &str| match r {
        Reply::SpottablStages { lever: l, spottabl: s, pairs: p, saved: is } => {
            match (l.read(crate::read::choices), s.read(crate::read::choices), p.get()) {
                (Ok(l), Ok(s), Ok(p)) => {
                    lever.set(l);
                    spottabl.set(s);
                    pairs.set(p);
                    saved.set(is);
                    error.set(String::new());
                    said.set(done.into());
                }
                (Err(f), ..) | (_, Err(f), _) | (.., Err(f)) => error.set(f.message),
            }
        }
        Reply::Failed { failure } => error.set(failure.message),
        _ => {}
    };
    let load = move || spawn_local(async move { apply(ask(&Request::GetSpottablStages).await, "") });
    load();
    let save = move || {
        said.set(msg("saving"));
        let p = pairs.get_untracked();
        spawn_local(async move {
            let r = ask(&Request::SaveSpottablStages { pairs: crate::message::Wire::new(p) }).await;
            if matches!(r, Reply::Failed { .. }) {
                said.set(String::new());
            }
            apply(r, &msg("sp_map_saved"));
        });
    };
    let rows = move || {
        let stages = spottabl.get();
        lever
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let id = format!("stage-map-{i}");
                let lever_id = l.uuid.clone();
                let chosen = Signal::derive(move || {
                    pairs.with(|p| p.iter().find(|(a, _)| *a == lever_id).map(|(_, b)| b.clone()).unwrap_or_default())
                });
                let lever_id = l.uuid.clone();
                let options = stages
                    .iter()
                    .map(|s| {
                        let this = s.uuid.clone();
                        view! { <option value=s.uuid.clone() selected=move || chosen.get() == this>{s.label.clone()}</option> }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row"><label for=id.clone()>{l.label}</label></th>
                        <td>
                            <select id=id on:change=move |ev| {
                                let v = event_target_value(&ev);
                                pairs.update(|p| {
                                    p.retain(|(a, _)| *a != lever_id);
                                    if !v.is_empty() {
                                        p.push((lever_id.clone(), v));
                                    }
                                });
                                said.set(String::new());
                            }>
                                <option value="">{msg("sp_not_mapped")}</option>
                                {options}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="stage-map-title">
            <h2 id="stage-map-title">{msg("sp_stages")}</h2>
            <p class="muted">{msg("sp_stages_note")}</p>
            <Show when=move || !saved.get()>
                <p id="stage-map-default" class="muted">{msg("sp_map_default")}</p>
            </Show>
            <form id="stage-map" novalidate on:submit=move |ev| { ev.prevent_default(); save(); }>
                <table class="stage-map">
                    <thead><tr><th scope="col">{msg("sp_lever_stage")}</th><th scope="col">{msg("sp_spottabl_stage")}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <div class="actions">
                    <button type="submit" id="stage-map-save" class="primary">{msg("sp_save_map")}</button>
                    <button type="button" id="stage-map-reload" on:click=move |_| load()>{msg("sp_reload_stages")}</button>
                </div>
            </form>
            <p id="stage-map-status" class="notice" role="status">{move || said.get()}</p>
            <p id="stage-map-error" class="error" role="alert">{move || error.get()}</p>
        </section>
    }
}
