//! Hostile pages, end to end: the release build in headless Chromium against the sandbox, with
//! pages and page code written as an attacker would. Each test asserts what the recruiter sees,
//! or what the vendor received (read back from the sandbox's state endpoint).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::cdp::Cdp;
use support::*;

/// A Lever candidate whose `mailto:` link has a stray `%` (`decodeURIComponent` throws on it).
const PERCY: &str = "5e7a0000-0000-4000-8000-00000000000a";
const PERCY_EMAIL: &str = "percy.100%real@lever.example.com";
/// A Lever candidate page with no name and no email on it: nothing the panel can use.
const BLANK: &str = "5e7a0000-0000-4000-8000-00000000000b";

fn seed() -> sandbox::Seed {
    let mut seed = sandbox::Seed::demo();
    for (id, name, emails) in [(PERCY, "Percy Stray", vec![PERCY_EMAIL.to_string()]), (BLANK, "", vec![])] {
        seed.lever.opportunities.push(sandbox::Opportunity {
            id: id.into(),
            name: name.into(),
            emails,
            phones: vec![],
            stage: "applicant-new".into(),
            tags: vec![],
            contact: String::new(),
        });
    }
    seed
}

/// Follows one of Lever's in-app links the way the app's router does (pushState, no load).
fn spa_to(env: &Env, id: &str) {
    env.browser.top();
    env.browser
        .exec(
            "document.querySelector(`a.candidate-link[href='/candidates/${arguments[0]}']`).click()",
            vec![id.into()],
        )
        .unwrap();
    env.wait("the route change", |b| b.url().ends_with(id).then_some(()));
}

fn send_disabled(env: &Env) -> bool {
    let send = env.wait("the Send button", |b| b.find("#send").ok());
    env.browser.prop(&send, "disabled").unwrap() == json!(true)
}

#[test]
fn a_stray_percent_in_a_mailto_still_gets_the_right_panel_and_an_unreadable_page_says_so() {
    let env = Env::start_seeded(seed());
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&candidate_url(GRACE));
    env.wait_text_contains("#candidate-name", "Grace Hopper");

    // A new page whose mailto: has a stray `%`: its own candidate, not Grace, with the address
    // as the page wrote it.
    env.open_panel(&candidate_url(PERCY));
    env.wait_text_contains("#candidate-name", "Percy Stray");
    assert_eq!(env.text_of("#candidate-email"), PERCY_EMAIL);

    // The content script still follows the app: the next page, by the app's own routing, gets
    // a panel that sends to that candidate.
    spa_to(&env, ALAN);
    env.enter_panel();
    env.wait_text_contains("#candidate-name", "Alan Turing");
    env.select("#job", JOB_CSM);
    env.select("#question-set", QS_CULTURE);
    env.click("#send");
    env.wait_text_contains("#send-status", "Interview sent to Alan Turing");
    let received: Vec<Value> =
        env.state()["interviews"].as_array().unwrap().iter().map(|i| i["received"].clone()).collect();
    let sent: Vec<&Value> = received.iter().filter(|r| !r.is_null()).collect();
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert_eq!(sent[0]["assigned_to"], json!([{"name": "Alan Turing", "email": "alan.turing@example.com"}]));

    // A page with nothing to read, reached by the app's routing: a sentence, not Alan, and
    // nothing to send.
    spa_to(&env, BLANK);
    env.enter_panel_showing("#page-unreadable");
    let said = env.text_of("#page-unreadable");
    assert!(said.contains("can't read a candidate or a job on this page"), "{said}");
    assert!(env.browser.find("#candidate-name").is_err(), "the last candidate is still shown");
    assert!(send_disabled(&env), "Send is live on a page that can't be read");

    // The same page loaded anew after a candidate.
    env.open_panel(&candidate_url(ALAN));
    env.wait_text_contains("#candidate-name", "Alan Turing");
    env.browser.top();
    env.browser.goto(&candidate_url(BLANK));
    env.enter_panel_showing("#page-unreadable");
    assert!(env.browser.find("#candidate-name").is_err(), "the last candidate is still shown");
    assert!(send_disabled(&env));

    // A tenant's page the adapter can't read (the app shows a notice where the candidate was),
    // after one it can.
    env.open_panel("https://acme.oorwin.com/#/candidates/7002/overview");
    env.wait_text_contains("#candidate-name", "Priya Menon");
    env.browser.top();
    env.browser.exec("location.hash = '#/candidates/99999/overview'", vec![]).unwrap();
    env.enter_panel_showing("#page-unreadable");
    assert!(env.browser.find("#candidate-name").is_err(), "Priya is still shown");

    assert_eq!(
        env.state()["interviews"].as_array().unwrap().iter().filter(|i| !i["received"].is_null()).count(),
        1
    );
}

/// What code in the content script's world gets from extension storage: run there through
/// DevTools, as a compromised renderer would run it.
const PROBE: &str = r#"(async () => {
  const out = { runtime_id: chrome.runtime && chrome.runtime.id };
  const why = (e) => String((e && e.message) || e);
  try { out.local = await chrome.storage.local.get(null); } catch (e) { out.local_refused = why(e); }
  try { await chrome.storage.local.set({ hostile_probe: 'written' }); out.written = true; } catch (e) { out.write_refused = why(e); }
  try { out.session = await chrome.storage.session.get(null); } catch (e) { out.session_refused = why(e); }
  return out;
})()"#;

#[test]
fn code_in_the_content_script_world_reads_no_key_and_pages_have_no_extension_api() {
    let env = Env::start();
    assert_eq!(env.save_key("spark_hire", SPARKHIRE_KEY), "Ada Recruiter");
    assert_eq!(env.save_key("lever", LEVER_KEY), "Lever account");
    env.open_panel(&candidate_url(GRACE));
    env.wait_text_contains("#candidate-name", "Grace Hopper");

    // The page's own world has no extension API at all.
    env.browser.top();
    let page_world =
        env.browser.exec("return !!(window.chrome && (chrome.runtime || chrome.storage))", vec![]);
    assert_eq!(page_world.unwrap(), json!(false), "the page sees chrome.runtime or chrome.storage");

    // The content script's world, found by its context (an isolated world with the extension's
    // origin) on a DevTools session of the tab: Chromium's. (Firefox's content-script sandbox has
    // no such handle from WebDriver; README, Firefox.)
    if firefox() {
        return;
    }
    let cdp = Cdp::connect(&env.browser.debugger_address, String::new()).expect("DevTools");
    let session = cdp.attach_to_page("https://hire.lever.co/").expect("the tab");
    cdp.call("Runtime.enable", json!({}), Some(&session)).expect("Runtime.enable");
    let origin = format!("chrome-extension://{EXTENSION_ID}");
    let context = env.wait("the content script's world", |_| {
        let all = cdp.contexts.lock().unwrap();
        all.iter()
            .filter(|e| e["sessionId"] == session.as_str())
            .map(|e| &e["params"]["context"])
            .find(|c| c["auxData"]["type"] == "isolated" && c["origin"].as_str() == Some(origin.as_str()))
            .and_then(|c| c["id"].as_i64())
    });
    let reply = cdp
        .call(
            "Runtime.evaluate",
            json!({"expression": PROBE, "contextId": context, "awaitPromise": true, "returnByValue": true}),
            Some(&session),
        )
        .expect("evaluate in the content script's world");
    assert!(reply.get("exceptionDetails").is_none(), "{reply:#}");
    let got = &reply["result"]["value"];
    // The probe did run where the content script runs: its extension API is there.
    assert_eq!(got["runtime_id"], EXTENSION_ID, "{got:#}");
    let seen = got.to_string();
    for key in [SPARKHIRE_KEY, LEVER_KEY] {
        assert!(!seen.contains(key), "the content-script world read a key: {seen}");
    }
    assert!(
        got.get("local").is_none() && got["local_refused"].is_string(),
        "local storage answered: {got:#}"
    );
    assert!(
        got.get("written").is_none() && got["write_refused"].is_string(),
        "local storage took a write: {got:#}"
    );
    assert!(got.get("session").is_none(), "session storage answered: {got:#}");

    // The keys are still there for the extension itself, and the write never landed.
    env.browser.goto(&ext_url("popup.html"));
    assert_eq!(env.text_of("#key-spark_hire-card .account-name"), "Ada Recruiter");
    let probe = env
        .browser
        .exec_async(
            "const done = arguments[arguments.length - 1]; chrome.storage.local.get('hostile_probe').then(done, (e) => done(String(e)))",
            vec![],
        )
        .unwrap();
    assert_eq!(probe, json!({}), "the content-script world wrote to local storage");
}

/// Fetches the sandbox's state from the page's world: on the page's own origin, and from the
/// Spark Hire API host (cross-origin).
const FETCH_STATE: &str = r#"const done = arguments[arguments.length - 1];
(async () => {
  const out = {};
  const why = (e) => String((e && e.message) || e);
  try { const r = await fetch('/_sandbox/state'); out.own_status = r.status; out.own_body = await r.text(); }
  catch (e) { out.own_error = why(e); }
  try { const r = await fetch('https://api.sparkhire.com/_sandbox/state'); out.api_status = r.status; out.api_body = await r.text(); }
  catch (e) { out.api_error = why(e); }
  return out;
})().then(done, (e) => done({ failed: String(e) }));"#;

#[test]
fn a_page_cannot_read_the_sandbox_state_which_the_tests_still_read_on_an_api_host() {
    let env = Env::start();
    for page in [
        "https://hire.lever.co/".to_string(),
        "https://acme.oorwin.com/#/candidates/7002/overview".into(),
        "https://www.tryhellohire.com/interviews/csr-2026/registrations".into(),
        candidate_url(GRACE),
    ] {
        env.browser.top();
        env.browser.goto(&page);
        let got = env.browser.exec_async(FETCH_STATE, vec![]).unwrap();
        assert_eq!(got["own_status"], 404, "{page}: {got:#}");
        assert!(got["api_error"].is_string(), "{page} read the API host's state: {got:#}");
        assert!(!got.to_string().contains(SPARKHIRE_KEY), "{page} read a demo key: {got:#}");
    }
    // The tests' helper asks on the API host, and gets the documented state.
    let state = env.state();
    assert_eq!(state["users"][0]["api_key"], SPARKHIRE_KEY);
    assert!(state["requests"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| !r["path"].as_str().unwrap().starts_with("/_sandbox")));
}

#[test]
fn a_stored_setting_that_points_a_key_at_a_host_nobody_granted_is_refused() {
    let env = Env::start();
    env.save_key("spark_hire", SPARKHIRE_KEY);
    // A settings record that sends Spark Hire calls elsewhere, as code that got into storage
    // (or an old version's record) could leave it. The host is one the sandbox answers on.
    env.browser.goto(&ext_url("popup.html"));
    let wrote = env
        .browser
        .exec_async(
            "const done = arguments[arguments.length - 1];
             chrome.storage.local.get('settings').then(({ settings }) => {
               const s = settings || { per_minute: [], hellohire_smartrecruiters: false, hellohire_sync_profiles: false };
               s.hosts = [{ at: 'spark_hire.api', url: 'https://events.tryhellohire.com' }];
               return chrome.storage.local.set({ settings: s });
             }).then(() => done('ok'), (e) => done(String(e)));",
            vec![],
        )
        .unwrap();
    assert_eq!(wrote, json!("ok"));
    env.open_panel(&candidate_url(GRACE));
    env.wait_text_contains(
        "main",
        "Nothing was sent: the Spark Hire address in the Interview Bridge options isn't Spark Hire's own",
    );
    let state = env.state();
    let leaked: Vec<&Value> = state["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["host"] == "events.tryhellohire.com")
        .collect();
    assert!(leaked.is_empty(), "a request went to the host nobody granted: {leaked:?}");
}

/// The demo's Lever posting "Hardware Test Lead".
const POSTING_B: &str = "9b2e4c61-7d3a-4f8e-b5c2-1a6d8e0f3b47";

/// A Lever posting with more people than a list holds.
const CROWDED: &str = "c0a5e000-0000-4000-8000-000000000501";

fn crowded_seed() -> sandbox::Seed {
    let mut seed = sandbox::Seed::demo();
    let ids: Vec<String> = (0..501).map(|i| format!("c0a5e001-0000-4000-8000-{i:012}")).collect();
    for (i, id) in ids.iter().enumerate() {
        seed.lever.opportunities.push(sandbox::Opportunity {
            id: id.clone(),
            name: format!("Picker {i}"),
            emails: vec![format!("picker.{i}@lever.example.com")],
            phones: vec![],
            stage: "applicant-new".into(),
            tags: vec![],
            contact: String::new(),
        });
    }
    seed.lever.postings.push(sandbox::Posting {
        id: CROWDED.into(),
        text: "Evening Shift Picker".into(),
        location: "Reno, NV".into(),
        description: "Pick and pack.".into(),
        opportunity_ids: ids,
    });
    seed
}

#[test]
fn with_a_lever_key_the_pipeline_is_lever_s_not_what_the_page_lists() {
    let env = Env::start_seeded(crowded_seed());
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.save_key("lever", LEVER_KEY);
    // Hardware Test Lead's pipeline is three people. The page adds two of its own choosing,
    // after the content script's first read, as page code can.
    env.open_panel(&format!("https://hire.lever.co/jobs/postings/{POSTING_B}"));
    env.wait_text_contains("#people-source", "As Lever lists this job's pipeline.");
    env.browser.top();
    env.browser
        .exec(
            "const body = document.querySelector('.posting-candidates tbody');
             for (const who of ['eve', 'mallory']) {
               body.insertAdjacentHTML('beforeend', `<tr class=\"posting-candidate\" data-opportunity-id=\"${who}-1\">
                 <td class=\"posting-candidate-name\">${who}</td><td class=\"posting-candidate-email\">${who}@evil.example</td></tr>`);
             }",
            vec![],
        )
        .unwrap();
    env.enter_panel();
    env.wait_text_contains("#send-all", "Send to 3 candidates");
    env.select("#job", JOB_BACKEND);
    env.select("#question-set", QS_CULTURE);
    let before = emails_invited_for(&env, JOB_BACKEND);
    env.click("#send-all");
    let asked = env.wait_text_contains("#bulk-confirm p", "invites for");
    assert!(asked.contains("to 3 candidates in Lever's pipeline: Alan Turing"), "{asked}");
    env.click("#send-all");
    env.wait_up_to(60, "the run to finish", |b| {
        let t = b.find("#bulk-summary").ok().and_then(|e| b.text(&e).ok())?;
        (t == "Sent 3 · Already invited 0 · Failed 0 · Waiting 0").then_some(())
    });
    let invited: Vec<String> =
        emails_invited_for(&env, JOB_BACKEND).into_iter().filter(|e| !before.contains(e)).collect();
    assert_eq!(invited.len(), 3, "{invited:?}");
    assert!(invited.iter().all(|e| !e.ends_with("@evil.example")), "{invited:?}");

    // A pipeline longer than a list holds: read a page at a time, cut at the stated number,
    // and said so.
    env.open_panel(&format!("https://hire.lever.co/jobs/postings/{CROWDED}"));
    let said = env.wait_text_contains("#people-source", "As Lever lists this job's pipeline.");
    assert!(said.contains("Only the first 500 are here: this job has more."), "{said}");
    env.wait_text_contains("#send-all", "Send to 500 candidates");
    let pages = env.requests("GET", "/v1/opportunities");
    assert!(pages >= 6, "read 100 at a time: {pages} requests");
}
