//! Hellohire × SmartRecruiters end to end: the release build in headless Chromium on the
//! sandbox's Hellohire pages, writing to the sandbox's SmartRecruiters API. Each test asserts
//! what the recruiter sees and what SmartRecruiters holds afterwards.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::*;

const ADA: &str = "5a1e0001-0000-4000-8000-000000000101";
const KATE: &str = "5a1e0001-0000-4000-8000-000000000102";
const HH: &str = "https://www.tryhellohire.com/interviews";

fn room(registration: &str) -> String {
    format!("{HH}/csr-2026/room/{registration}")
}

fn sr_candidates(env: &Env) -> Vec<Value> {
    env.state()["ats"]["smartrecruiters"]["candidates"].as_array().cloned().unwrap_or_default()
}

fn sr_by_email(env: &Env, email: &str) -> Vec<Value> {
    sr_candidates(env).into_iter().filter(|c| c["email"].as_str() == Some(email)).collect()
}

fn tags_of(env: &Env, id: &str) -> Vec<String> {
    let c = sr_candidates(env).into_iter().find(|c| c["id"] == id).expect("candidate in SmartRecruiters");
    c["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect()
}

/// SmartRecruiters API requests with this method whose path starts with `prefix`.
fn sr_requests(env: &Env, method: &str, prefix: &str) -> Vec<Value> {
    env.state()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["host"] == "api.smartrecruiters.com" && r["method"] == method)
        .filter(|r| r["path"].as_str().is_some_and(|p| p.starts_with(prefix)))
        .cloned()
        .collect()
}

/// SmartRecruiters API answers with this status.
fn sr_answered(env: &Env, status: u16) -> usize {
    env.state()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["host"] == "api.smartrecruiters.com" && r["status"] == status)
        .count()
}

/// Flips a switch in the options page, as a recruiter would, and waits for it to be saved.
fn switch(env: &Env, id: &str, on: bool) {
    env.browser.top();
    env.browser.goto(&ext_url("options.html"));
    let input = env.wait(&format!("#{id} enabled"), |b| {
        let e = b.find(&format!("#{id}")).ok()?;
        (b.prop(&e, "disabled").ok()? == false).then_some(e)
    });
    if env.browser.prop(&input, "checked").unwrap() != on {
        env.browser.click(&input).unwrap();
        env.wait_text_contains("#hellohire-status", if on { " on." } else { " off." });
    }
}

fn set_up(sync: bool) -> Env {
    let env = Env::start();
    env.save_key("smartrecruiters", SMARTRECRUITERS_KEY);
    switch(&env, "hellohire-on", true);
    if sync {
        switch(&env, "hellohire-sync", true);
    }
    env
}

/// Rates in the open panel and waits until the profile shows that rating.
fn rate(env: &Env, rating: &str) {
    env.click(&format!("#rate-{}", rating.to_lowercase()));
    env.wait_text_contains("#rating-status", &format!("On their SmartRecruiters profile: {rating}."));
}

#[test]
fn the_switch_decides_whether_hellohire_pages_get_a_panel() {
    let env = Env::start();
    env.save_key("smartrecruiters", SMARTRECRUITERS_KEY);
    // Off by default, as in Hellohire: the page loads, no panel comes, nothing is asked.
    env.browser.goto(&room("r-101"));
    env.wait_text_contains(".hh-candidate-name", "Ada Lovelace");
    // A Lever page in the same browser does get one, so the content script is running.
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&candidate_url(GRACE));
    assert_eq!(env.tab_contexts().len(), 1, "the worker holds the Lever page's context");
    env.browser.goto(&room("r-101"));
    env.wait_text_contains(".hh-candidate-name", "Ada Lovelace");
    // The worker has answered the room's content script once it drops Grace's context.
    env.wait("the worker to answer the room", |_| env.tab_contexts().is_empty().then_some(()));
    assert_eq!(env.panel_count(), (0, 0), "no panel while the integration is off");
    let asked: Vec<Value> = sr_requests(&env, "GET", "/candidates")
        .into_iter()
        .filter(|r| r["path"] != "/candidates/00000000-0000-0000-0000-000000000000")
        .collect();
    assert!(asked.is_empty(), "nothing but the key check asked of SmartRecruiters: {asked:?}");

    switch(&env, "hellohire-on", true);
    env.open_panel(&room("r-101"));
    assert_eq!(env.text_of("#hh-interview"), "Interview: CSR");
    env.wait_text_contains("#sr-status", "In SmartRecruiters as Ada Lovelace.");

    assert_eq!(env.tab_contexts().len(), 1, "the worker holds the room's context");
    switch(&env, "hellohire-on", false);
    env.browser.goto(&room("r-101"));
    env.wait_text_contains(".hh-candidate-name", "Ada Lovelace");
    env.wait("the worker to answer the room", |_| env.tab_contexts().is_empty().then_some(()));
    assert_eq!(env.panel_count(), (0, 0), "switched off again: no panel");
}

#[test]
fn view_in_smartrecruiters_opens_the_profile_or_offers_to_add_the_candidate() {
    let env = set_up(false);
    env.open_panel(&room("r-101"));
    assert_eq!(env.text_of("#candidate-name"), "Ada Lovelace");
    env.wait_text_contains("#sr-status", "In SmartRecruiters as Ada Lovelace.");
    let before = env.browser.windows();
    env.click("#view-in-sr");
    env.wait_text_contains("#sr-note", "Opened Ada Lovelace's SmartRecruiters profile in a new tab.");
    let opened = env.wait("the profile tab", |b| b.windows().into_iter().find(|w| !before.contains(w)));
    env.browser.switch_window(&opened);
    env.wait("the profile page", |b| {
        (b.url() == format!("https://www.smartrecruiters.com/app/people/profile/{ADA}")).then_some(())
    });
    // The name is in the header component's open shadow root, as in SmartRecruiters' app.
    env.wait("the profile's name", |b| {
        let host = b.find("sr-candidate-header").ok()?;
        let name = b.shadow_find_all(&host, ".sr-candidate-name").ok()?.into_iter().next()?;
        b.text(&name).ok().filter(|t| t.contains("Ada Lovelace"))
    });
    env.browser.close_window();
    env.browser.switch_window(&before[0]);

    // Not in SmartRecruiters: say so, and add them on request.
    env.open_panel(&room("r-103"));
    env.wait_text_contains("#sr-status", "Dorothy Vaughan isn't in SmartRecruiters yet.");
    let searches = || sr_requests(&env, "GET", "/candidates").iter().filter(|r| r["query"] != "").count();
    let before = searches();
    env.click("#view-in-sr");
    // Its look-up reaches SmartRecruiters, and the panel's buttons come back when it is over.
    env.wait("View's look-up", |_| (searches() > before).then_some(()));
    env.wait("the buttons back", |b| {
        let add = b.find("#create-in-sr").ok()?;
        (b.prop(&add, "disabled").ok()? == false).then_some(())
    });
    env.wait_text_contains("#sr-status", "isn't in SmartRecruiters yet.");
    assert!(sr_by_email(&env, "dorothy.vaughan@hellohire.example").is_empty());
    // SmartRecruiters' search shows a new candidate only after a while (here: not during this
    // test), as search indexes lag writes.
    sandbox::client::set_config(env.sandbox.port, r#"{"search_lag_ms":600000}"#);
    env.click("#create-in-sr");
    env.wait_text_contains("#sr-note", "Added Dorothy Vaughan to SmartRecruiters.");
    env.wait_text_contains("#sr-status", "In SmartRecruiters as Dorothy Vaughan.");
    let made = sr_by_email(&env, "dorothy.vaughan@hellohire.example");
    assert_eq!(made.len(), 1);
    assert_eq!(
        (made[0]["first_name"].as_str(), made[0]["last_name"].as_str()),
        (Some("Dorothy"), Some("Vaughan"))
    );
    // This browser added her, so it knows her id: a fresh panel finds her although search
    // doesn't yet, offers no second Add, and her rating lands on her profile.
    env.open_panel(&room("r-103"));
    env.wait_text_contains("#sr-status", "In SmartRecruiters as Dorothy Vaughan.");
    rate(&env, "Yes");
    let made = sr_by_email(&env, "dorothy.vaughan@hellohire.example");
    assert_eq!(made.len(), 1, "added once: {made:?}");
    let id = made[0]["id"].as_str().unwrap();
    assert!(tags_of(&env, id).iter().any(|t| t.ends_with(" - yes")), "{:?}", tags_of(&env, id));

    // No access to the candidate: the article's explanation.
    env.open_panel(&room("r-104"));
    let e = env.text_of("#sr-lookup-error");
    assert!(e.contains("talent pool") && e.contains("hiring team"), "{e}");

    // Group interviews have no single candidate to look up or rate: no panel takes room from
    // the call. Once the worker holds the group room's context, the content script has read
    // the room and decided.
    env.browser.top();
    env.browser.goto(&format!("{HH}/warehouse-open-day/room"));
    env.wait("the worker to hold the group room", |_| {
        env.tab_context_values().to_string().contains("warehouse-open-day").then_some(())
    });
    assert_eq!(env.panel_count(), (0, 0), "no panel in a group room");
    let margin = env.browser.exec("return getComputedStyle(document.documentElement).marginRight;", vec![]);
    assert_eq!(margin.unwrap(), "0px", "the call keeps the whole window");
}

#[test]
fn ratings_become_one_tag_per_interview_and_show_on_the_smartrecruiters_profile() {
    let env = set_up(false);
    env.open_panel(&room("r-101"));
    env.wait_text_contains("#rating-status", "No rating on their SmartRecruiters profile yet.");
    rate(&env, "Yes");
    assert_eq!(tags_of(&env, ADA), ["python", "referral", "hellohire - csr - yes"]);
    // Pressing again adds nothing.
    env.click("#rate-yes");
    env.wait_text_contains("#sr-note", "Rated Yes");
    assert_eq!(tags_of(&env, ADA), ["python", "referral", "hellohire - csr - yes"]);
    assert_eq!(sr_requests(&env, "POST", &format!("/candidates/{ADA}/tags")).len(), 1);
    // A change replaces that interview's tag and keeps the others.
    rate(&env, "No");
    assert_eq!(tags_of(&env, ADA), ["python", "referral", "hellohire - csr - no"]);
    rate(&env, "Maybe");
    assert_eq!(tags_of(&env, ADA), ["python", "referral", "hellohire - csr - maybe"]);
    let pressed = env.browser.find("#rate-maybe").unwrap();
    assert_eq!(
        env.browser
            .exec("return arguments[0].getAttribute('aria-pressed')", vec![Driver::element_arg(&pressed)])
            .unwrap(),
        "true"
    );
    // One rating control in the room: Hellohire's own row is hidden beside the panel, and the
    // panel's rating was pressed there too, so Hellohire has it.
    env.browser.top();
    let row = "const row = document.querySelector('.hh-candidate .hh-rating');
        const on = row.querySelector('[aria-pressed=true]');
        return [getComputedStyle(row).display, on ? on.textContent : null];";
    let seen = env.wait("Hellohire's row to say Maybe", |b| {
        let v = b.exec(row, vec![]).ok()?;
        (v[1] == "Maybe").then_some(v)
    });
    assert_eq!(seen[0], "none", "the page's row is hidden while the panel shows");
    // With the panel hidden, the page's own row is back.
    let host = env.browser.find("interview-bridge-panel").unwrap();
    let tab = env.browser.shadow_find_all(&host, "button").unwrap().remove(0);
    env.browser.click(&tab).unwrap();
    env.wait("Hellohire's row to show", |b| (b.exec(row, vec![]).ok()?[0] != "none").then_some(()));
    env.browser.click(&tab).unwrap();
    // A fresh panel reads the rating back from the profile.
    env.open_panel(&room("r-101"));
    env.wait_text_contains("#rating-status", "On their SmartRecruiters profile: Maybe.");

    // On the SmartRecruiters profile, beside Spark Hire, the ratings read from the tags.
    env.save_key("spark_hire", SPARKHIRE_KEY);
    env.open_panel(&format!("https://www.smartrecruiters.com/app/people/profile/{ADA}"));
    env.wait_text_contains(".source", "Confirmed with the SmartRecruiters API");
    let ratings = env.text_of("#hellohire-ratings");
    assert!(
        ratings.contains("Hellohire ratings") && ratings.contains("csr") && ratings.contains("Maybe"),
        "{ratings}"
    );
    env.text_of("#send");
}

#[test]
fn a_rating_through_429_and_500_ends_as_exactly_one_tag_and_a_failed_one_is_kept() {
    let env = set_up(false);
    let tags = format!("/candidates/{ADA}/tags");
    // Rate limited first, then a 500 after SmartRecruiters has already added the tag.
    env.fault(&format!(
        r#"[{{"host":"api.smartrecruiters.com","method":"POST","path":"{tags}","status":429,"retry_after":1}},
            {{"host":"api.smartrecruiters.com","method":"POST","path":"{tags}","status":500,"mode":"after"}}]"#
    ));
    env.open_panel(&room("r-101"));
    env.wait_text_contains("#rating-status", "No rating");
    rate(&env, "Yes");
    assert_eq!(tags_of(&env, ADA), ["python", "referral", "hellohire - csr - yes"]);
    let posts: Vec<i64> =
        sr_requests(&env, "POST", &tags).iter().map(|r| r["status"].as_i64().unwrap()).collect();
    assert_eq!(posts, [429, 500], "the 500 had landed, so nothing was sent again");

    // SmartRecruiters keeps failing: the rating is kept, said so, and written once it recovers,
    // even by a worker that was stopped in between.
    env.fault(&format!(
        r#"{{"host":"api.smartrecruiters.com","method":"PUT","path":"{tags}","status":503,"count":4}}"#
    ));
    env.click("#rate-no");
    let kept = env.text_of("#rating-pending");
    assert!(
        kept.contains("No isn't saved in SmartRecruiters yet")
            && kept.contains("had a problem on its side")
            && kept.contains("kept"),
        "{kept}"
    );
    assert_eq!(tags_of(&env, ADA), ["python", "referral", "hellohire - csr - yes"]);
    env.stop_service_worker();
    env.open_panel(&room("r-101"));
    env.wait_up_to(60, "the kept rating to be written", |_| {
        (tags_of(&env, ADA) == ["python", "referral", "hellohire - csr - no"]).then_some(())
    });
    env.wait_text_contains("#rating-status", "On their SmartRecruiters profile: No.");
    env.wait("the kept-rating notice to go", |b| b.find("#rating-pending").is_err().then_some(()));
}

/// Asks the panel what a sync would do and waits for its answer: the moment a write would
/// have happened, had a look-up written anything.
fn check_sync(env: &Env, summary: &str) {
    env.click("#sync-check");
    env.wait_text_contains("#sync-summary", summary);
}

/// Confirms the plan shown and waits for the finished run's line.
fn confirm_sync(env: &Env, button: &str, line: &str) {
    assert_eq!(env.text_of("#sync-confirm"), button);
    env.click("#sync-confirm");
    let done = env.wait_up_to(60, "the sync to finish", |b| {
        let t = b.find("#sync-status").ok().and_then(|e| b.text(&e).ok())?;
        t.starts_with("Registrants in SmartRecruiters:").then_some(t)
    });
    assert_eq!(done, line);
}

/// Writes to SmartRecruiters' candidates so far: (creates, updates).
fn sr_writes(env: &Env) -> (usize, usize) {
    (sr_requests(env, "POST", "/candidates").len(), sr_requests(env, "PATCH", "/candidates").len())
}

#[test]
fn registrants_are_added_or_updated_after_the_recruiter_confirms_what_will_change() {
    let env = set_up(true);
    // The room's candidate: looked up, shown, and added only once confirmed.
    env.open_panel(&room("r-103"));
    check_sync(&env, "To do in SmartRecruiters: add 1 new candidate.");
    assert_eq!(env.text_of("#sync-changes"), "Add Dorothy Vaughan (dorothy.vaughan@hellohire.example)");
    assert_eq!(sr_writes(&env), (0, 0), "a preview reads only");
    confirm_sync(
        &env,
        "Add 1 in SmartRecruiters",
        "Registrants in SmartRecruiters: 1 added, 0 updated, 0 already there.",
    );
    assert_eq!(sr_by_email(&env, "dorothy.vaughan@hellohire.example").len(), 1);

    // The list: Katherine registered under the first name SmartRecruiters has as Kate; Ada and
    // Mary are there as registered; Dorothy was done above.
    env.browser.top();
    env.browser.goto(&format!("{HH}/csr-2026/registrations"));
    env.enter_panel_showing("#registrant-list");
    check_sync(&env, "To do in SmartRecruiters: update 1 first name. 3 registrants are already there.");
    assert_eq!(env.text_of("#sync-changes"), "Update first name: Kate → Katherine Johnson");
    assert_eq!(sr_writes(&env), (1, 0));
    confirm_sync(
        &env,
        "Update 1 in SmartRecruiters",
        "Registrants in SmartRecruiters: 0 added, 1 updated, 0 already there.",
    );
    let kate: Vec<Value> = sr_candidates(&env).into_iter().filter(|c| c["id"] == KATE).collect();
    assert_eq!(kate[0]["first_name"], "Katherine");
    assert_eq!(kate[0]["last_name"], "Johnson");
    assert_eq!(sr_by_email(&env, "ada.lovelace@hellohire.example")[0]["first_name"], "Ada");
    assert_eq!(sr_by_email(&env, "dorothy.vaughan@hellohire.example").len(), 1, "not created twice");
    assert_eq!(sr_writes(&env), (1, 1));
    assert_eq!(sr_answered(&env, 429), 0, "kept under SmartRecruiters' 10 a second");

    // Shown again: everyone is there, so there is nothing to confirm and nothing is written.
    env.browser.top();
    env.browser.goto(&format!("{HH}/csr-2026/registrations"));
    env.enter_panel_showing("#registrant-list");
    check_sync(&env, "Nothing to add or update in SmartRecruiters. 4 registrants are already there.");
    assert!(env.browser.find("#sync-confirm").is_err(), "no button that would write nothing");
    env.click("#sync-cancel");
    env.wait("the plan to close", |b| b.find("#sync-check").ok());
    assert_eq!(sr_writes(&env), (1, 1));
}

/// Asks the worker from the panel frame, as a panel that got it wrong would.
fn ask_worker(env: &Env, request: Value) -> Value {
    env.browser
        .exec_async(
            "const [request, done] = arguments;
             chrome.runtime.sendMessage(request).then(done, (e) => done({ error: String(e) }));",
            vec![request],
        )
        .expect("ask the worker from the panel")
}

fn refusal(reply: &Value) -> String {
    reply["Failed"]["failure"]["message"].as_str().unwrap_or_default().to_string()
}

fn dorothy() -> Value {
    serde_json::json!({"registration_id": "r-103", "first_name": "Dorothy", "last_name": "Vaughan",
        "email": "dorothy.vaughan@hellohire.example"})
}

#[test]
fn registrant_sync_is_off_by_default_and_writes_nothing() {
    let env = set_up(false);
    env.browser.top();
    env.browser.goto(&format!("{HH}/csr-2026/registrations"));
    env.enter_panel_showing("#sync-off");
    assert_eq!(env.text_of("#registrants-title"), "Registrants (4)");
    // The panel offers no sync with the switch off; asked anyway, the worker refuses in words.
    for request in [
        serde_json::json!("PreviewSync"),
        serde_json::json!({"SyncRegistrants": {"registrants": [dorothy()]}}),
    ] {
        let why = refusal(&ask_worker(&env, request));
        assert!(
            why.contains("only with “Create and update candidate profile in SmartRecruiters” on"),
            "{why}"
        );
    }
    assert_eq!(sr_writes(&env), (0, 0));
    assert!(sr_by_email(&env, "dorothy.vaughan@hellohire.example").is_empty());
}

#[test]
fn registrant_sync_waits_out_smartrecruiters_429s_and_still_syncs_everyone_once() {
    let env = set_up(true);
    // A key shared with other tools: SmartRecruiters allows this one only 2 requests a second.
    sandbox::client::set_config(env.sandbox.port, r#"{"smartrecruiters_rate_per_second":2}"#);
    env.browser.top();
    env.browser.goto(&format!("{HH}/csr-2026/registrations"));
    env.enter_panel_showing("#registrant-list");
    env.click("#sync-check");
    env.wait_up_to(60, "the look-ups to finish", |b| b.find("#sync-confirm").ok());
    confirm_sync(
        &env,
        "Add 1 and update 1 in SmartRecruiters",
        "Registrants in SmartRecruiters: 1 added, 1 updated, 0 already there.",
    );
    let throttled = sr_answered(&env, 429);
    assert!(throttled > 0, "the lower limit was hit, so the waits were exercised");
    assert_eq!(sr_by_email(&env, "dorothy.vaughan@hellohire.example").len(), 1);
    let created: Vec<Value> =
        sr_requests(&env, "POST", "/candidates").into_iter().filter(|r| r["status"] == 201).collect();
    assert_eq!(created.len(), 1);
    let kate: Vec<Value> = sr_candidates(&env).into_iter().filter(|c| c["id"] == KATE).collect();
    assert_eq!(kate[0]["first_name"], "Katherine");
}

#[test]
fn only_a_press_in_the_visible_panel_on_hellohires_own_host_syncs_registrants() {
    let env = set_up(true);
    // A copy of the registrations page on another subdomain lists people the recruiter never
    // saw register: the panel shows them but offers no sync, and the worker refuses one.
    env.browser.top();
    env.browser.goto("https://events.tryhellohire.com/interviews/csr-2026/registrations");
    env.enter_panel_showing("#sync-elsewhere");
    assert_eq!(
        env.text_of("#sync-elsewhere"),
        "Registrants are added to SmartRecruiters only from Hellohire's own app at www.tryhellohire.com."
    );
    for request in [
        serde_json::json!("PreviewSync"),
        serde_json::json!({"SyncRegistrants": {"registrants": [dorothy()]}}),
    ] {
        let why = refusal(&ask_worker(&env, request));
        assert!(why.contains("only from Hellohire's own app at www.tryhellohire.com"), "{why}");
    }

    // On the app itself, a page routed in with pushState: the panel waits for the recruiter.
    env.open_panel(&room("r-101"));
    route_in_page(&env, &format!("{HH}/csr-2026/registrations"));
    env.enter_panel_showing("#registrant-list");
    env.wait("the sync offered", |b| b.find("#sync-check").ok());
    // A registrant the page doesn't show is refused even from our own panel.
    let stranger = serde_json::json!({"registration_id": "x", "first_name": "Eve", "last_name": "Mallory",
        "email": "eve@evil.example"});
    let why = refusal(&ask_worker(&env, serde_json::json!({"SyncRegistrants": {"registrants": [stranger]}})));
    assert!(why.contains("changed since you checked"), "{why}");

    // A hidden panel's confirm writes nothing and says why.
    check_sync(&env, "To do in SmartRecruiters: add 1 new candidate, update 1 first name.");
    env.browser.top();
    env.browser.exec("document.querySelector('interview-bridge-panel').style.opacity = '0'", vec![]).unwrap();
    env.enter_panel_showing("#sync-plan");
    env.click("#sync-confirm");
    let why = env.text_of("#sync-error");
    assert!(why.starts_with("Nothing was sent"), "{why}");
    assert_eq!(sr_writes(&env), (0, 0));
    assert!(sr_by_email(&env, "eve@evil.example").is_empty());
}

#[test]
fn smartrecruiters_refusals_read_as_sentences_and_keep_the_panel_usable() {
    let env = set_up(false);
    env.fault(r#"{"host":"api.smartrecruiters.com","method":"GET","path":"/candidates","status":401}"#);
    env.open_panel(&room("r-101"));
    let e = env.text_of("#sr-lookup-error");
    assert!(e.contains("SmartRecruiters rejected the saved API key"), "{e}");

    env.open_panel(&room("r-103"));
    env.wait_text_contains("#sr-status", "isn't in SmartRecruiters yet.");
    env.fault(
        r#"{"host":"api.smartrecruiters.com","method":"POST","path":"/candidates","status":422,
            "body":{"message":"email: must be a well-formed email address"}}"#,
    );
    env.click("#create-in-sr");
    let e = env.text_of("#sr-error");
    assert_eq!(
        e,
        "SmartRecruiters refused the request: email: must be a well-formed email address\nDetails: HTTP 422"
    );
    assert!(sr_by_email(&env, "dorothy.vaughan@hellohire.example").is_empty());
    // Pressed again once SmartRecruiters accepts: added exactly once.
    env.click("#create-in-sr");
    env.wait_text_contains("#sr-status", "In SmartRecruiters as Dorothy Vaughan.");
    assert_eq!(sr_by_email(&env, "dorothy.vaughan@hellohire.example").len(), 1);
}

/// Goes to `url` as a single-page app does: the new view's `<main>` swapped in and the address
/// changed with pushState, without a page load (the sandbox's pages are server-rendered; this
/// is the router of an app that isn't).
fn route_in_page(env: &Env, url: &str) {
    env.browser.top();
    let swap = r#"const [url, done] = arguments;
        fetch(url).then((r) => r.text()).then((html) => {
          const next = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
          history.pushState(null, '', url);
          document.querySelector('main').replaceWith(document.adoptNode(next));
          done();
        });"#;
    env.browser.exec_async(swap, vec![serde_json::json!(url)]).expect("route in the page");
}

/// From now on, keeps what the panel's page reports as an error: the panic hook logs a panic
/// with `console.error`. The panel is an extension frame, whose console chromedriver's log
/// does not carry.
fn keep_panel_errors(env: &Env) {
    let script = "window.errors = []; const log = console.error; \
        console.error = (...args) => { errors.push(args.join(' ')); log(...args); }; \
        addEventListener('error', (e) => errors.push(String(e.message)));";
    env.browser.exec(script, vec![]).expect("in the panel");
}

#[test]
fn cards_left_behind_by_spa_navigation_stop_listening_and_the_panel_keeps_working() {
    let env = set_up(false);
    env.open_panel(&room("r-101"));
    env.wait_text_contains("#rating-status", "No rating");
    keep_panel_errors(&env);
    // Each registrant shown is a new card; the ones before it are disposed of.
    for (registration, name) in
        [("r-102", "Katherine Johnson"), ("r-101", "Ada Lovelace"), ("r-102", "Katherine Johnson")]
    {
        route_in_page(&env, &room(registration));
        env.enter_panel();
        env.wait_text_contains("#candidate-name", name);
        env.wait_text_contains("#sr-status", "In SmartRecruiters as");
    }
    // A rating is kept in storage before it is sent, and forgotten once written (both before
    // the panel hears back): a card left listening would read its disposed signals then.
    rate(&env, "Yes");
    rate(&env, "Maybe");
    assert!(
        tags_of(&env, KATE).contains(&"hellohire - csr - maybe".to_string()),
        "{:?}",
        tags_of(&env, KATE)
    );
    let errors = env.browser.exec("return errors", vec![]).expect("the panel's errors");
    assert_eq!(errors, serde_json::json!([]), "the panel panicked");
}
