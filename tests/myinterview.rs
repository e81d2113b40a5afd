//! myInterview end to end, beside Spark Hire: its three credentials checked in the popup, a tab
//! per provider in the panel, a myInterview job made from a template for an ATS job the first
//! time and reused after, and the invite followed and reviewed from its row. Asserted against
//! what the sandbox's myInterview [model] received.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::myinterview::*;
use support::*;

const POSTING: &str = "Robotics Software Engineer";

/// Opens a candidate's panel on the myInterview tab.
fn open_myinterview(env: &Env, id: &str) {
    env.open_panel(&candidate_url(id));
    env.click("#tab-myinterview");
    env.wait_text_contains("[role=tab][aria-selected=true]", "myInterview");
}

#[test]
fn a_myinterview_job_is_made_from_the_template_once_per_ats_job_and_reused() {
    let env = Env::start();
    // A wrong secret is refused in words and nothing is stored.
    let refused = save_myinterview(&env, "mi_wrong_secret");
    assert_eq!(
        refused,
        "Not saved: myInterview did not accept this key. Copy it again from myInterview: Settings > Integrations > API."
    );
    env.browser.goto(&ext_url("popup.html"));
    env.text_of("#key-myinterview-card h2");
    assert!(env.browser.find("#key-myinterview-card .account-name").is_err(), "a refused key was stored");
    assert_eq!(save_myinterview(&env, "mi_demo_secret_8Rt"), "Acme Health");
    env.save_key("spark_hire", SPARKHIRE_KEY);

    // Both providers have an account: a tab each, Spark Hire first.
    env.open_panel(&candidate_url(GRACE));
    env.wait_text_contains("[role=tab][aria-selected=true]", "Spark Hire");
    open_myinterview(&env, GRACE);
    env.wait_text_contains(
        "#link-here-status",
        &format!("The Lever job “{POSTING}” has no myInterview job yet: Send makes one from the template chosen below"),
    );
    env.wait_text_contains("#catalog-synced", "Last synced");
    // Where she stands with the other provider, under her (empty) myInterview list.
    env.wait_text_contains("#no-interviews", "None with myInterview yet.");
    let spark_hire =
        env.wait_text_contains("#elsewhere", "Spark Hire · Senior Backend Engineer: Completed, ");
    assert!(spark_hire.contains("2026"), "the completion date: {spark_hire}");
    assert_eq!(env.text_of("#elsewhere-title"), "With your other providers");
    invite_with_nurse_template(&env, "Grace Hopper");

    // And on her Spark Hire tab, the invite just sent with myInterview (whose invitations name
    // their job by id only, so the row says what kind of interview it is).
    env.open_panel(&candidate_url(GRACE));
    env.wait_text_contains("[role=tab][aria-selected=true]", "Spark Hire");
    env.wait_text_contains("#elsewhere", "myInterview · Video interview: Invited, deadline ");

    let jobs = mi(&env, "jobs");
    assert_eq!(jobs.len(), 1, "{jobs:#?}");
    assert_eq!((jobs[0]["title"].as_str(), jobs[0]["templateId"].as_str()), (Some(POSTING), Some(NURSE)));
    let template = &env.state()["myinterview"]["companies"][0]["templates"][0];
    assert_eq!(jobs[0]["questions"], template["questions"], "the job asks the template's questions");
    let sent = invitations_for(&env, "grace.hopper@example.com");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["jobId"], jobs[0]["id"]);
    assert_eq!(sent[0]["received"]["sendEmail"], true, "myInterview emails the candidate off PageUp");
    // Seven days by default.
    let deadline = sent[0]["deadline"].as_str().unwrap();
    let days = (sandbox::parse_iso(deadline).unwrap() * 1000 - now_ms()) as f64 / 86_400_000.0;
    assert!((6.9..=7.01).contains(&days), "deadline {deadline} is {days} days away");

    // Alan is in the same posting: its myInterview job is chosen for him, and not made again.
    open_myinterview(&env, ALAN);
    let job_id = jobs[0]["id"].as_str().unwrap().to_string();
    env.wait("the posting's job chosen", |b| {
        (b.prop(&b.find("#job").ok()?, "value").ok()? == job_id).then_some(())
    });
    invite_with_nurse_template(&env, "Alan Turing");
    assert_eq!(mi(&env, "jobs").len(), 1, "one myInterview job per ATS job");
    let alan = invitations_for(&env, "alan.turing@example.com");
    assert_eq!((alan.len(), alan[0]["jobId"].as_str()), (1, Some(job_id.as_str())));
    assert_eq!(env.requests("POST", "/api/v1/jobs"), 1);
}

#[test]
fn an_invite_is_reminded_extended_cancelled_and_graded_from_its_row() {
    let env = Env::start();
    assert_eq!(save_myinterview(&env, "mi_demo_secret_8Rt"), "Acme Health");
    // With only a myInterview account, its panel shows without tabs.
    env.open_panel(&candidate_url(GRACE));
    assert!(env.browser.find("[role=tab]").is_err(), "one provider: no tabs");
    invite_with_nurse_template(&env, "Grace Hopper");
    let row = "#interview-list .interview";
    env.wait_text_contains(&format!("{row} .badge"), "Invited");

    env.click(&format!("{row} .remind"));
    env.wait_text_contains(&format!("{row} .notice"), "Reminder sent.");
    let grace = || invitations_for(&env, "grace.hopper@example.com").remove(0);
    assert_eq!(grace()["reminders"]["count"], 1);

    // A later deadline, typed as the picker does.
    env.click(&format!("{row} .extend"));
    let field = env.wait("the deadline field", |b| b.find("#extend-at").ok());
    env.browser
        .exec(
            "arguments[0].value = '2099-01-02T10:00'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            vec![support::webdriver::Driver::element_arg(&field)],
        )
        .unwrap();
    env.click(".extend-form .primary");
    env.wait_text_contains("#interviews-said", "Deadline moved.");
    assert_eq!(grace()["deadline"], "2099-01-02T10:00:00+00:00");

    // Done by the candidate: Ready for Review on the next look, then one Shortlist.
    let id = grace()["id"].as_str().unwrap().to_string();
    complete(&env, &id, 87);
    env.open_panel(&candidate_url(GRACE));
    env.wait_text_contains(&format!("{row} .badge"), "Ready for Review");
    env.click(&format!("{row} .grade"));
    env.wait_text_contains(&format!("{row} .verdict"), "Completed · Pass: Yes · Score 87");
    let graded = grace();
    assert_eq!(
        (graded["status"].as_str(), graded["reviews"].as_array().unwrap().len()),
        (Some("Shortlisted"), 1)
    );
    assert!(env.browser.find(&format!("{row} .grade")).is_err(), "graded once, no more verdict buttons");

    // Alan's invite is cancelled after a second press; the first asks.
    env.open_panel(&candidate_url(ALAN));
    invite_with_nurse_template(&env, "Alan Turing");
    env.wait_text_contains(&format!("{row} .badge"), "Invited");
    env.click(&format!("{row} .cancel"));
    env.wait_text_contains(".confirm p", "Cancel this invite?");
    assert_eq!(
        invitations_for(&env, "alan.turing@example.com")[0]["status"],
        "Invited",
        "not before it is confirmed"
    );
    env.click(".confirm .danger");
    env.wait_text_contains(&format!("{row} .badge"), "Cancelled");
    assert_eq!(invitations_for(&env, "alan.turing@example.com")[0]["status"], "Cancelled");
    assert!(env.browser.find(&format!("{row} .remind")).is_err(), "nothing to remind of a cancelled invite");
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

/// Answers lost, refused or garbled on the way: the recruiter reads what happened, nothing
/// typed is lost, and no second job or invite is made.
#[test]
fn lost_and_refused_answers_never_make_a_second_job_or_invite() {
    let env = Env::start();
    assert_eq!(save_myinterview(&env, "mi_demo_secret_8Rt"), "Acme Health");
    env.open_panel(&candidate_url(GRACE));
    env.wait("the templates", |b| b.find(&format!("#question-set option[value='{NURSE}']")).ok());
    env.select("#question-set", NURSE);
    env.fill("#message", "Please record by Friday.");

    // The job is made but its answer is lost in a 500; the invite is refused once (429) and
    // then made with its answer lost too. One job, one invite.
    env.fault(
        r#"[{"host":"api.myinterview.com","method":"POST","path":"/api/v1/jobs","status":500,"mode":"after"},
            {"host":"api.myinterview.com","method":"POST","path":"/api/v1/invitations","status":429,"retry_after":1},
            {"host":"api.myinterview.com","method":"POST","path":"/api/v1/invitations","status":502,"mode":"after"}]"#,
    );
    env.click("#send");
    env.wait_text_contains("#send-status", "Interview sent to Grace Hopper");
    assert_eq!(mi(&env, "jobs").len(), 1);
    assert_eq!(
        env.requests("POST", "/api/v1/jobs"),
        1,
        "the lost job was found by its title, not made again"
    );
    assert_eq!(invitations_for(&env, "grace.hopper@example.com").len(), 1);
    assert_eq!(
        env.requests("POST", "/api/v1/invitations"),
        2,
        "no third create after the 502 that had succeeded"
    );

    // Pressing Send again finds the invite instead of making a second.
    env.click("#send");
    env.wait_text_contains("#send-status", "Grace Hopper already has a myInterview interview");
    assert_eq!(env.requests("POST", "/api/v1/invitations"), 2);

    // Alan: myInterview keeps failing; the form says so and keeps what was typed.
    env.open_panel(&candidate_url(ALAN));
    env.wait("the posting's job chosen", |b| {
        (b.prop(&b.find("#job").ok()?, "value").ok()? != "").then_some(())
    });
    env.fill("#message", "Hello Alan");
    env.fault(
        r#"{"host":"api.myinterview.com","method":"POST","path":"/api/v1/invitations","status":503,"count":4}"#,
    );
    env.click("#send");
    let error = env.wait_text_contains("#send-error", "myInterview had a problem on its side.");
    assert!(error.contains("Nothing you typed is lost"), "{error}");
    assert_eq!(env.text_of("#send-error .detail"), "Details: HTTP 503");
    assert_eq!(env.browser.prop(&env.browser.find("#message").unwrap(), "value").unwrap(), "Hello Alan");
    assert!(invitations_for(&env, "alan.turing@example.com").is_empty());

    // Refused with a reason: the reason is read out.
    env.fault(
        r#"{"host":"api.myinterview.com","method":"POST","path":"/api/v1/invitations","status":422,
            "body":{"statusCode":422,"errorCode":4220,"errorMessage":[{"field":"deadline","message":"deadline must be in the future"}]}}"#,
    );
    env.click("#send");
    env.wait_text_contains(
        "#send-error",
        "myInterview refused the request: deadline: deadline must be in the future",
    );
    assert!(invitations_for(&env, "alan.turing@example.com").is_empty());

    // A reminder whose answer never comes is not sent again by us. Firefox's network layer
    // itself sends a request again while its connection closes before any answer, up to
    // `network.http.request.max-attempts` (10) times in all; those are dropped as well here.
    env.open_panel(&candidate_url(GRACE));
    let row = "#interview-list .interview";
    env.wait_text_contains(&format!("{row} .badge"), "Invited");
    let id = invitations_for(&env, "grace.hopper@example.com")[0]["id"].as_str().unwrap().to_string();
    env.fault(&format!(
        r#"{{"host":"api.myinterview.com","method":"POST","path":"/api/v1/invitations/{id}/remind","status":0,"count":10}}"#
    ));
    env.click(&format!("{row} .remind"));
    env.wait_text_contains(&format!("{row} .notice"), "Couldn't reach myInterview");
    let reminders = env.state()["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["method"] == "POST" && r["path"].as_str().is_some_and(|p| p.ends_with("/remind")))
        .count();
    let by_the_browser = if firefox() { 10 } else { 1 };
    assert_eq!(reminders, by_the_browser, "one try, then the recruiter decides");
}
