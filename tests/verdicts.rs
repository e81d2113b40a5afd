//! A verdict given on a video interview from a Lever candidate page reaches Lever: a tag, and a
//! note by the Lever user the key's account names, each once; one Lever can't take is kept and
//! written by the worker's alarm; on a SmartRecruiters profile, a tag. Asserted against what
//! the sandbox's Lever and SmartRecruiters APIs hold.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::myinterview::*;
use support::*;

const ADA_USER: &str = "0c1d2e3f-1a2b-4c3d-8e4f-5a6b7c8d9e01";
const ROW: &str = "#interview-list .interview";

/// Adds the Lever key on the options page, notes written as the user with this email.
fn connect_lever(env: &Env, notes_by: &str) -> String {
    env.add_account("lever", "Acme Lever", &[("api_key", LEVER_KEY), ("perform_as", notes_by)])
}

fn lever(env: &Env, what: &str) -> Value {
    env.state()["lever"][what].clone()
}

fn notes_on(env: &Env, opportunity: &str) -> Vec<Value> {
    let all = lever(env, "notes").as_array().cloned().unwrap_or_default();
    all.into_iter().filter(|n| n["opportunityId"] == opportunity).collect()
}

/// Lever writes received for an opportunity, by the path's last part (`addTags`, `notes`).
fn writes(env: &Env, opportunity: &str, kind: &str) -> usize {
    let path = format!("/v1/opportunities/{opportunity}/{kind}");
    lever(env, "writes").as_array().unwrap().iter().filter(|w| w["path"] == path).count()
}

/// Invites from the candidate's panel, the candidate records, and the panel opened again shows
/// the video ready for review.
fn ready_for_review(env: &Env, id: &str, name: &str, email: &str) {
    env.open_panel(&candidate_url(id));
    invite_with_nurse_template(env, name);
    let invitation = invitations_for(env, email).remove(0);
    complete(env, invitation["id"].as_str().unwrap(), 91);
    env.open_panel(&candidate_url(id));
    env.wait_text_contains(&format!("{ROW} .badge"), "Ready for Review");
}

#[test]
fn a_verdict_given_on_a_lever_page_reaches_lever_once_as_a_tag_and_a_note() {
    let env = Env::start();
    assert_eq!(save_myinterview(&env, "mi_demo_secret_8Rt"), "Acme Health");
    // Notes are written as a Lever user: an email Lever has no active user for is refused.
    let refused = connect_lever(&env, "cleo@acme.example");
    assert!(
        refused.contains("No active Lever user has the email cleo@acme.example"),
        "a deactivated user can't write notes: {refused}"
    );
    connect_lever(&env, "ada@acme.example");
    env.wait_text_contains("#accounts-lever", "notes written as ada@acme.example");

    ready_for_review(&env, GRACE, "Grace Hopper", "grace.hopper@example.com");
    env.click(&format!("{ROW} .grade"));
    env.wait_text_contains(&format!("{ROW} .verdict"), "Completed · Pass: Yes · Score 91");
    env.wait_text_contains(
        "#interviews-said",
        "Lever has the verdict: tag “myinterview - shortlisted” and a note.",
    );

    assert_eq!(lever(&env, "tags")[GRACE], serde_json::json!(["myinterview - shortlisted"]));
    let notes = notes_on(&env, GRACE);
    assert_eq!(notes.len(), 1, "{notes:#?}");
    let text = notes[0]["text"].as_str().unwrap();
    assert!(text.starts_with("myInterview: Shortlisted · Score 91\nReview the video: https://"), "{text}");
    assert_eq!(notes[0]["user"], ADA_USER, "written as the user the account names");

    // Opened again: the verdict is shown, and nothing is written twice.
    env.open_panel(&candidate_url(GRACE));
    env.wait_text_contains(&format!("{ROW} .verdict"), "Pass: Yes");
    assert_eq!((writes(&env, GRACE, "addTags"), writes(&env, GRACE, "notes")), (1, 1));
}

#[test]
fn a_verdict_lever_cannot_take_is_kept_and_written_once_by_the_alarm() {
    let env = Env::start();
    assert_eq!(save_myinterview(&env, "mi_demo_secret_8Rt"), "Acme Health");
    connect_lever(&env, "ada@acme.example");
    ready_for_review(&env, ALAN, "Alan Turing", "alan.turing@example.com");

    // Lever is down for every try the worker makes now.
    env.fault(&format!(
        r#"{{"host":"api.lever.co","method":"POST","path":"/v1/opportunities/{ALAN}/addTags","status":503,"count":4}}"#
    ));
    env.click(&format!("{ROW} .grade + .grade"));
    env.wait_text_contains(&format!("{ROW} .verdict"), "Pass: No");
    env.wait_text_contains(
        "#interviews-said",
        "Lever wasn't updated: Lever had a problem on its side. It is kept and will be tried again.",
    );
    assert!(lever(&env, "tags").get(ALAN).is_none() && notes_on(&env, ALAN).is_empty());

    // Later, with no panel open and the worker stopped: the alarm writes it.
    env.alarm_now("pageup");
    env.wait("the kept verdict in Lever", |_| (notes_on(&env, ALAN).len() == 1).then_some(()));
    assert_eq!(lever(&env, "tags")[ALAN], serde_json::json!(["myinterview - rejected"]));
    assert!(notes_on(&env, ALAN)[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("myInterview: Rejected · Score 91"));
    env.open_panel(&candidate_url(ALAN));
    env.wait_text_contains(&format!("{ROW} .verdict"), "Pass: No");
    assert_eq!((writes(&env, ALAN, "addTags"), writes(&env, ALAN, "notes")), (1, 1));
}

#[test]
fn a_verdict_lever_limits_for_long_is_kept_at_once_and_written_by_the_alarm() {
    // Lever asks for 45 s: longer than one message may wait (Firefox stops an idle event page
    // after 30 s with the reply pending), so the verdict is kept rather than waited for.
    let env = Env::start();
    assert_eq!(save_myinterview(&env, "mi_demo_secret_8Rt"), "Acme Health");
    connect_lever(&env, "ada@acme.example");
    ready_for_review(&env, ALAN, "Alan Turing", "alan.turing@example.com");
    env.fault(&format!(
        r#"{{"host":"api.lever.co","method":"POST","path":"/v1/opportunities/{ALAN}/addTags","status":429,"retry_after":45,"count":1}}"#
    ));
    env.click(&format!("{ROW} .grade"));
    env.wait_text_contains(&format!("{ROW} .verdict"), "Pass: Yes");
    env.wait_text_contains(
        "#interviews-said",
        "Lever wasn't updated: Lever is limiting requests right now. It is kept and will be tried again.",
    );
    let tags = format!("/v1/opportunities/{ALAN}/addTags");
    assert_eq!(env.requests("POST", &tags), 1, "refused once, not tried again in the message");
    assert!(lever(&env, "tags").get(ALAN).is_none() && notes_on(&env, ALAN).is_empty());

    env.alarm_now("pageup");
    env.wait("the kept verdict in Lever", |_| (notes_on(&env, ALAN).len() == 1).then_some(()));
    assert_eq!(lever(&env, "tags")[ALAN], serde_json::json!(["myinterview - shortlisted"]));
    assert_eq!(
        (env.requests("POST", &tags), writes(&env, ALAN, "addTags"), writes(&env, ALAN, "notes")),
        (2, 1, 1)
    );
}

#[test]
fn a_verdict_given_on_a_smartrecruiters_profile_reaches_it_as_a_tag() {
    const EMMA: &str = "29661a38-67c8-472b-b08a-5fe27220b17d";
    let env = Env::start();
    assert_eq!(save_myinterview(&env, "mi_demo_secret_8Rt"), "Acme Health");
    assert_eq!(env.save_key("smartrecruiters", SMARTRECRUITERS_KEY), "SmartRecruiters account");
    let profile = format!("https://www.smartrecruiters.com/app/people/profile/{EMMA}");
    env.open_panel(&profile);
    invite_with_nurse_template(&env, "Emma Visser");
    let invitation = invitations_for(&env, "emma.visser@smartrecruiters.example.com").remove(0);
    complete(&env, invitation["id"].as_str().unwrap(), 64);
    env.open_panel(&profile);
    env.wait_text_contains(&format!("{ROW} .badge"), "Ready for Review");
    env.click(&format!("{ROW} .grade + .grade"));
    env.wait_text_contains(&format!("{ROW} .verdict"), "Completed · Pass: No · Score 64");
    env.wait_text_contains(
        "#interviews-said",
        "SmartRecruiters has the verdict: tag “myinterview - rejected”.",
    );
    let state = env.state();
    let all = state["ats"]["smartrecruiters"]["candidates"].as_array().unwrap();
    let emma = all.iter().find(|c| c["id"] == EMMA).unwrap();
    let tags: Vec<&str> = emma["tags"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(tags.iter().filter(|t| **t == "myinterview - rejected").count(), 1, "{tags:?}");
}
