//! Upgrading from the release at 54a08c2: a fresh profile holds exactly what that release
//! stored (`src/store/fixtures/v0-54a08c2.json`) when this version's worker first runs, and the
//! recruiter finds everything where they left it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::*;

const V0: &str = include_str!("../src/store/fixtures/v0-54a08c2.json");
const JOB_FIELD_TECH: &str = "1f0b0003-5e1e-4c7a-9b2d-000000000003";
const OORWIN_JOB: &str = "https://acme.oorwin.com/#/jobs/5001/overview";
const SR_ADA: &str = "5a1e0001-0000-4000-8000-000000000101";

/// An interview Spark Hire already holds, made with Ada's key as the old release would have.
fn invite_directly(env: &Env, name: &str, email: &str) -> String {
    let body = json!({
        "type": "one_way",
        "scheduled_at": "2099-12-31T23:59:00Z",
        "assigned_to": [{"name": name, "email": email}],
        "job_post": {"uuid": JOB_FIELD_TECH},
        "interview_question_set": QS_CULTURE,
        "timezone": "Europe/London",
    })
    .to_string();
    let auth = sandbox::client::basic_auth(SPARKHIRE_KEY);
    let reply = sandbox::client::send(
        env.sandbox.port,
        "api.sparkhire.com",
        "POST",
        "/v1.0/interviews",
        &[("Authorization", &auth), ("Content-Type", "application/json")],
        Some(&body),
    )
    .expect("the sandbox answers");
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.json()["uuid"].as_str().unwrap().to_string()
}

/// Replaces everything in the extension's local storage, from one of its pages, then stops
/// the worker so that the next message starts this version's worker on that data.
fn write_storage(env: &Env, data: &Value) {
    env.browser.top();
    env.browser.goto(&ext_url("options.html"));
    let done = env
        .browser
        .exec_async(
            "const [data, done] = arguments; chrome.storage.local.clear()
               .then(() => chrome.storage.local.set(data)).then(() => done('ok'), (e) => done(String(e)));",
            vec![data.clone()],
        )
        .expect("storage written");
    assert_eq!(done, "ok");
    env.stop_service_worker();
}

#[test]
fn nothing_a_recruiter_saved_in_54a08c2_is_lost() {
    let env = Env::start();
    // Aarav's invite went out before the update; so did Priya's, whose answer the old worker
    // never recorded (her item is still "sending").
    let aarav = invite_directly(&env, "Aarav Sharma", "aarav.sharma@oorwin.example.com");
    invite_directly(&env, "Priya Menon", "priya.menon@oorwin.example.com");
    let mut v0: Value = serde_json::from_str(V0).unwrap();
    v0["batches"][0]["items"][0]["state"]["sent"]["interview_uuid"] = json!(aarav);
    write_storage(&env, &v0);

    // The popup shows the same keys.
    env.browser.goto(&ext_url("popup.html"));
    assert_eq!(env.text_of("#key-spark_hire-card .account-name"), "Ada Recruiter");
    assert!(env.text_of("#key-lever-card .account").contains("9fQx"));
    assert!(env.text_of("#key-smartrecruiters-card .account").contains("4Wd8"));

    // The options page: both Spark Hire accounts with their status and allowance, the
    // switches and the pacing as they were.
    env.browser.goto(&ext_url("options.html"));
    let sh = "#accounts-spark_hire tr.account-row";
    env.wait("both accounts", |b| (b.find_all(sh).ok()?.len() == 2).then_some(()));
    assert_eq!(env.text_of(&format!("{sh}:nth-child(1) .display-name")), "Ada Recruiter");
    assert_eq!(env.text_of(&format!("{sh}:nth-child(2) .display-name")), "Agency");
    assert_eq!(env.text_of(&format!("{sh}:nth-child(2) .status")), "Inactive");
    assert_eq!(env.text_of(&format!("{sh}:nth-child(2) .left")), "0 of 25");
    // The ATS keys are accounts of their own vendors, listed with them.
    assert_eq!(env.text_of("#accounts-lever tr.account-row .display-name"), "Lever account");
    assert_eq!(
        env.text_of("#accounts-smartrecruiters tr.account-row .display-name"),
        "SmartRecruiters account"
    );
    let prop = |css: &str, name: &str| {
        env.wait(&format!("{css} loaded"), |b| {
            let e = b.find(css).ok()?;
            (b.prop(&e, "disabled").ok()? == json!(false)).then_some(())?;
            b.prop(&e, name).ok()
        })
    };
    assert_eq!(prop("#hellohire-on", "checked"), json!(true));
    assert_eq!(prop("#hellohire-sync", "checked"), json!(false));
    assert_eq!(prop("#rate-spark_hire", "value"), json!("120"));
    let set_aside: Vec<String> = env
        .browser
        .find_all(".saved-data-notice")
        .unwrap()
        .iter()
        .map(|e| env.browser.text(e).unwrap())
        .collect();
    assert!(set_aside.is_empty(), "nothing needed setting aside: {set_aside:?}");

    // The half-sent batch finishes when the new worker starts: Priya's invite is found, not
    // sent again; Aarav is left alone; Rahul is invited once.
    env.open_panel(OORWIN_JOB);
    let summary = env.wait_up_to(60, "the batch to finish", |b| {
        let t = b.text(&b.find("#bulk-summary").ok()?).ok()?;
        t.ends_with("Waiting 0").then_some(t)
    });
    assert_eq!(summary, "Sent 3 · Already invited 0 · Failed 0 · Waiting 0");
    for email in [
        "aarav.sharma@oorwin.example.com",
        "priya.menon@oorwin.example.com",
        "rahul.pillai@oorwin.example.com",
    ] {
        assert_eq!(env.interviews_for(email).len(), 1, "{email}: invited exactly once");
    }
    // The job's link is still there, and preselects its Spark Hire job for its candidates.
    env.wait_text_contains("#link-status", "Linked to Field Robotics Technician.");
    env.open_panel("https://acme.oorwin.com/#/candidates/7005");
    env.wait("the linked job preselected", |b| {
        (b.prop(&b.find("#job").ok()?, "value").ok()? == JOB_FIELD_TECH).then_some(())
    });

    // The kept Hellohire rating is written to SmartRecruiters.
    let tags = env.wait("the kept rating written", |_| {
        let candidates = env.state()["ats"]["smartrecruiters"]["candidates"].as_array().cloned()?;
        let ada = candidates.into_iter().find(|c| c["id"] == SR_ADA)?;
        let tags: Vec<String> =
            ada["tags"].as_array()?.iter().filter_map(|t| t.as_str().map(String::from)).collect();
        tags.iter().any(|t| t.starts_with("hellohire - ")).then_some(tags)
    });
    assert_eq!(tags, ["python", "referral", "hellohire - product designer final round - yes"]);
}

#[test]
fn a_record_this_version_cannot_read_is_set_aside_and_the_recruiter_is_told() {
    let env = Env::start();
    let mut v0: Value = serde_json::from_str(V0).unwrap();
    v0["keys"] = json!("not what any release wrote");
    v0["batches"] = json!({"garbled": true});
    write_storage(&env, &v0);
    // The worker sets aside the keys when it upgrades and the batches when the queue first
    // reads them; each visit of the options page shows the notices there are by then.
    let notices = env.wait("both notices", |b| {
        b.goto(&ext_url("options.html"));
        let text = b.text(&b.find(".saved-data-notice p").ok()?).ok()?;
        (text.lines().count() == 2).then_some(text)
    });
    assert!(notices.contains("accounts and API keys"), "{notices}");
    assert!(notices.contains("bulk invites") && notices.contains("set aside"), "{notices}");
    // The rest is still there: no accounts to show, but the switches as they were.
    assert!(env.browser.find("tr.account-row").is_err());
    env.wait("the switch still on", |b| {
        let e = b.find("#hellohire-on").ok()?;
        (b.prop(&e, "checked").ok()? == json!(true)).then_some(())
    });
    // Kept, not dropped, for support to recover.
    let kept = env
        .browser
        .exec_async(
            "const done = arguments[0]; chrome.storage.local.get(null).then((all) => done(all));",
            vec![],
        )
        .unwrap();
    assert_eq!(kept["unreadable:keys"], json!("not what any release wrote"));
    assert_eq!(kept["unreadable:batches"], json!({"garbled": true}));
    // Dismissed, the notices stay gone.
    env.click(".saved-data-notice button");
    env.wait("the notices gone", |b| b.find(".saved-data-notice").is_err().then_some(()));
    env.browser.goto(&ext_url("options.html"));
    env.wait_text_contains("#hosts-title", "Where the vendors live");
    assert!(env.browser.find(".saved-data-notice").is_err());
}
