//! myInterview × PageUp from the application page, end to end: an invite moves the PageUp
//! application to the status codes the recruiter gave the connection (sent, ready for review,
//! shortlisted), a completed video is found by the worker's alarm with no panel open, and what
//! PageUp doesn't take is kept and tried again. Asserted against what the sandbox's PageUp API
//! and myInterview [model] hold.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::myinterview::{complete as scored, NURSE};
use support::*;

const AMELIA_APP: &str = "880002";
const AMELIA: &str = "amelia.stewart@pageup.example.com";

fn application_url(tenant: &str, id: &str) -> String {
    format!("https://{tenant}.pageuppeople.com/ApplicantProgressBoard/OpenResume?applicationId={id}")
}

/// Adds a PageUp connection on the options page, with its status codes; what the page said.
fn connect_pageup(env: &Env, dc: &str, codes: [&str; 4]) -> String {
    let fields = [
        ("client_id", "pu_acme_live"),
        ("client_secret", "pu_acme_live_secret_5Jk"),
        ("data_centre", dc),
        ("instance_id", "100421"),
        ("environment", "LIVE"),
        ("status_sent", codes[0]),
        ("status_review", codes[1]),
        ("status_shortlisted", codes[2]),
        ("status_rejected", codes[3]),
    ];
    env.add_account("pageup", &format!("Acme {dc}"), &fields)
}

fn save_myinterview(env: &Env) {
    assert_eq!(env.save_credentials("myinterview", &MYINTERVIEW), "Acme Health");
}

/// The status code PageUp holds for an application of Acme's instance.
fn status_of(env: &Env, application: &str) -> String {
    let state = env.state();
    let acme = state["pageup"]["instances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["instance_id"] == "100421")
        .cloned();
    let apps = acme.unwrap()["applications"].as_array().cloned().unwrap_or_default();
    let app = apps.into_iter().find(|a| a["id"] == application).unwrap_or_else(|| panic!("{application}"));
    app["status_code"].as_str().unwrap_or_default().to_string()
}

fn wait_status(env: &Env, application: &str, code: &str) {
    env.wait(&format!("PageUp application {application} at {code}"), |_| {
        (status_of(env, application) == code).then_some(())
    });
}

/// Tokens PageUp's login host issued to Acme's client.
fn tokens(env: &Env) -> usize {
    let state = env.state();
    state["pageup"]["tokens"].as_array().unwrap().iter().filter(|t| t["client_id"] == "pu_acme_live").count()
}

fn invitation(env: &Env, email: &str) -> Value {
    let mi = &env.state()["myinterview"];
    let candidate =
        mi["candidates"].as_array().unwrap().iter().find(|c| c["email"] == email).cloned().unwrap();
    let all = mi["invitations"].as_array().cloned().unwrap_or_default();
    all.into_iter().find(|i| i["candidateId"] == candidate["id"]).unwrap()
}

fn complete(env: &Env, invitation_id: &str) {
    scored(env, invitation_id, 91);
}

/// The PageUp moves the extension keeps, as stored in the browser.
fn kept_moves(env: &Env) -> Value {
    env.browser.top();
    env.browser.goto(&ext_url("popup.html"));
    env.browser
        .exec_async(
            "const done = arguments[arguments.length - 1];
             chrome.storage.local.get('pageup_moves').then((r) => done(r.pageup_moves ?? null));",
            vec![],
        )
        .unwrap()
}

/// Sends the Nurse template's interview from an application's panel: what the panel said, and
/// the candidate's email as the page shows it.
fn send_from_application(env: &Env, tenant: &str, application: &str) -> (String, String) {
    env.open_panel(&application_url(tenant, application));
    let email = env.wait_text_contains("#candidate-email", "@");
    env.wait("the templates", |b| b.find(&format!("#question-set option[value='{NURSE}']")).ok());
    env.select("#question-set", NURSE);
    env.click("#send");
    (env.wait_text_contains("#send-status", "Interview sent to"), email)
}

#[test]
fn an_application_follows_its_video_interview_through_the_status_codes_given() {
    let env = Env::start();
    save_myinterview(&env);
    let said = connect_pageup(&env, "dc4", ["VIS", "RFR", "SHL", "REJ"]);
    assert!(said.contains("Account added"), "{said}");
    assert_eq!(status_of(&env, AMELIA_APP), "NEW");

    // Sent: PageUp moves the application (and sends the email its "sent" status has);
    // myInterview doesn't email, and the candidate's link is there to copy.
    let (said, _) = send_from_application(&env, "acme.dc4", AMELIA_APP);
    assert!(said.contains("PageUp emails them the invite; myInterview doesn't."), "{said}");
    assert!(said.contains(&format!("PageUp application {AMELIA_APP} is now VIS.")), "{said}");
    assert_eq!(status_of(&env, AMELIA_APP), "VIS");
    let sent = invitation(&env, AMELIA);
    assert_eq!(sent["received"]["sendEmail"], false, "PageUp emails the candidate, not myInterview");
    let row = "#interview-list .interview";
    env.wait_text_contains(&format!("{row} .copy-invite"), "Copy interview link");
    let changes = env.state()["pageup"]["status_changes"].as_array().cloned().unwrap_or_default();
    assert_eq!(changes.len(), 1, "{changes:?}");

    // The candidate records; no panel is open. The worker's alarm finds it.
    complete(&env, sent["id"].as_str().unwrap());
    env.alarm_now("pageup");
    wait_status(&env, AMELIA_APP, "RFR");
    let after_poll = tokens(&env);

    // Shortlisted from the panel: myInterview's column and PageUp's status, with the token the
    // worker already holds.
    env.open_panel(&application_url("acme.dc4", AMELIA_APP));
    env.wait_text_contains(&format!("{row} .badge"), "Ready for Review");
    env.click(&format!("{row} .grade"));
    let said = env.wait_text_contains("#interviews-said", "Shortlisted.");
    // The assessment summary: Pass and the score the completion gave.
    env.wait_text_contains(&format!("{row} .verdict"), "Completed · Pass: Yes · Score 91");
    assert!(said.contains(&format!("PageUp application {AMELIA_APP} is now SHL.")), "{said}");
    assert_eq!(status_of(&env, AMELIA_APP), "SHL");
    assert_eq!(invitation(&env, AMELIA)["status"], "Shortlisted");
    assert_eq!(tokens(&env), after_poll, "a token is reused while it lasts");
    let codes: Vec<String> = env.state()["pageup"]["status_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["to"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(codes, ["VIS", "RFR", "SHL"], "each step once");
    // The verdict is in PageUp: nothing is left to follow.
    assert_eq!(kept_moves(&env), serde_json::json!([]));
    // Opened again later, the row still shows the summary, with the re-review link.
    env.open_panel(&application_url("acme.dc4", AMELIA_APP));
    env.wait_text_contains(&format!("{row} .verdict"), "Completed · Pass: Yes · Score 91");
    assert!(env.browser.find(&format!("{row} .open-app")).is_ok(), "the re-review link");
}

#[test]
fn what_pageup_does_not_take_is_kept_tried_again_or_explained() {
    let env = Env::start();
    save_myinterview(&env);
    // The connection's "rejected" code is one Acme's PageUp doesn't have.
    let said = connect_pageup(&env, "dc4", ["VIS", "RFR", "SHL", "NOPE"]);
    assert!(said.contains("Account added"), "{said}");

    // Globex's page is in dc3, where the recruiter has no connection: the invite goes, and
    // myInterview emails (nobody else would); the panel says why PageUp wasn't moved.
    let (said, email) = send_from_application(&env, "globex.dc3", "880003");
    assert!(said.contains("no active PageUp connection for dc3"), "{said}");
    let globex = invitation(&env, &email);
    assert_eq!(globex["received"]["sendEmail"], true);

    // The recruiter wants myInterview's email too (Options › Video interviews × PageUp).
    env.browser.goto(&ext_url("options.html"));
    env.click("#pageup-provider-emails");
    env.wait_text_contains("#pageup-status", "The provider's own invitation email on.");

    // PageUp is down when Amelia is invited: the invite stands, the move is kept.
    env.fault(&format!(
        r#"{{"host":"api.dc4.pageuppeople.com","method":"POST","path":"/v3/100421/recruitment/applications/{AMELIA_APP}/changeapplicationstatusbycode","status":503,"count":4}}"#
    ));
    let (said, _) = send_from_application(&env, "acme.dc4", AMELIA_APP);
    assert!(said.contains("PageUp wasn't updated") && said.contains("tried again"), "{said}");
    assert!(said.contains("myInterview emails them the invite."), "{said}");
    assert_eq!(invitation(&env, AMELIA)["received"]["sendEmail"], true, "as the switch says");
    assert_eq!(status_of(&env, AMELIA_APP), "NEW");
    // Later PageUp is back, and the worker's token has expired meanwhile (PageUp's clock an hour
    // on): the alarm gets a new token and makes the move, once.
    sandbox::client::set_config(env.sandbox.port, r#"{"clock_offset_s": 3600}"#);
    env.alarm_now("pageup");
    wait_status(&env, AMELIA_APP, "VIS");

    // Done by the candidate: opening her panel is enough to move PageUp on.
    complete(&env, invitation(&env, AMELIA)["id"].as_str().unwrap());
    env.open_panel(&application_url("acme.dc4", AMELIA_APP));
    let row = "#interview-list .interview";
    env.wait_text_contains(&format!("{row} .badge"), "Ready for Review");
    env.wait_text_contains("#interviews-said", &format!("PageUp application {AMELIA_APP} is now RFR."));
    assert_eq!(status_of(&env, AMELIA_APP), "RFR");

    // Rejected in myInterview; PageUp refuses the code in its own words, and it isn't retried.
    let reject = env.wait("the Reject button", |b| {
        b.find_all(&format!("{row} .grade"))
            .ok()?
            .into_iter()
            .find(|e| b.text(e).ok().as_deref() == Some("Reject"))
    });
    env.browser.click(&reject).unwrap();
    let said = env.wait_text_contains("#interviews-said", "Rejected.");
    assert!(said.contains("NOPE") && said.contains("status codes of your PageUp connection"), "{said}");
    assert_eq!(invitation(&env, AMELIA)["status"], "Rejected");
    assert_eq!(status_of(&env, AMELIA_APP), "RFR");
    // Nothing is kept to be tried again: the refusal was said, and retrying can't change it.
    assert_eq!(kept_moves(&env), serde_json::json!([]));
}

#[test]
fn a_board_sent_in_bulk_moves_each_application_it_invited_across_a_stopped_worker() {
    let env = Env::start();
    save_myinterview(&env);
    let said = connect_pageup(&env, "dc4", ["VIS", "RFR", "SHL", "REJ"]);
    assert!(said.contains("Account added"), "{said}");
    env.open_panel(
        "https://acme.dc4.pageuppeople.com/ManageApplications/ApplicantProgressBoard?lJobId=512345",
    );
    env.wait_text_contains("#send-all", "Send to 30 candidates");
    env.wait("the templates", |b| b.find(&format!("#question-set option[value='{NURSE}']")).ok());
    env.select("#question-set", NURSE);
    env.click("#create-job");
    env.wait("the board's myInterview job", |b| {
        (b.prop(&b.find("#job").ok()?, "value").ok()? != "").then_some(())
    });
    let emails: Vec<String> = env
        .browser
        .find_all(".people-list li .muted")
        .unwrap()
        .iter()
        .map(|e| env.browser.text(e).unwrap())
        .collect();
    env.click("#send-all");
    env.wait_text_contains("#bulk-confirm", "to 30 candidates");
    env.click("#send-all");
    let invited = || {
        let mi = env.state()["myinterview"].clone();
        mi["invitations"].as_array().map_or(0, Vec::len)
    };
    env.wait("a few invites out", |_| (invited() >= 3).then_some(()));
    // The recruiter leaves; the browser stops the worker mid-way.
    env.browser.goto("about:blank");
    env.stop_service_worker();
    assert!(invited() < 30, "stopped mid-way");

    // The queue carries on by itself; every application it invited moves to "sent", once.
    let unique = |changes: &[Value]| {
        let mut apps: Vec<String> =
            changes.iter().map(|c| c["application_id"].as_str().unwrap().to_string()).collect();
        apps.sort();
        apps.dedup();
        apps
    };
    let moved = env.wait_up_to(120, "thirty applications moved", |_| {
        let changes = env.state()["pageup"]["status_changes"].as_array().cloned().unwrap_or_default();
        (unique(&changes).len() == 30).then_some(changes)
    });
    assert_eq!(invited(), 30);
    assert!(moved.iter().all(|c| c["to"] == "VIS"), "{moved:?}");
    let apps = unique(&moved);
    assert_eq!(moved.len(), 30, "one move per application (PageUp emails at each): {moved:#?}");
    for app in &apps {
        assert_eq!(status_of(&env, app), "VIS");
    }
    // PageUp, not myInterview, emails them.
    for email in &emails {
        assert_eq!(invitation(&env, email)["received"]["sendEmail"], false, "{email}");
    }
}
