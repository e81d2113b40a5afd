//! What the end-to-end tests do with the sandbox's myInterview [model]: save its credentials,
//! read what it holds, invite with a template, and act as the candidate.

use serde_json::Value;

use super::{Env, MYINTERVIEW};

/// The sandbox company's "Nurse" template.
pub const NURSE: &str = "6d1e0001-7a2b-4c3d-9e4f-000000000001";

/// Saves myInterview's three credentials in the popup, the secret as given.
pub fn save_myinterview(env: &Env, secret: &str) -> String {
    let [company, access, _] = MYINTERVIEW;
    env.save_credentials("myinterview", &[company, access, ("secret", secret)])
}

pub fn mi(env: &Env, what: &str) -> Vec<Value> {
    env.state()["myinterview"][what].as_array().cloned().unwrap_or_default()
}

/// The invitations myInterview holds for an email address.
pub fn invitations_for(env: &Env, email: &str) -> Vec<Value> {
    let candidates = mi(env, "candidates");
    let ids: Vec<&Value> = candidates.iter().filter(|c| c["email"] == email).map(|c| &c["id"]).collect();
    mi(env, "invitations").into_iter().filter(|i| ids.contains(&&i["candidateId"])).collect()
}

/// Sends the Nurse template's interview from the open panel.
pub fn invite_with_nurse_template(env: &Env, name: &str) {
    env.open_invite();
    env.wait("the templates", |b| b.find(&format!("#question-set option[value='{NURSE}']")).ok());
    env.select("#question-set", NURSE);
    env.click("#send");
    env.wait_text_contains("#send-status", &format!("Interview sent to {name}"));
}

/// One of the sandbox's myInterview controls (`/_sandbox/myinterview/...`).
pub fn control(env: &Env, path: &str, body: &str) {
    let (status, said) = sandbox::client::request(
        env.sandbox.port,
        "api.myinterview.com",
        "POST",
        path,
        &[("Content-Type", "application/json")],
        Some(body),
    )
    .unwrap();
    assert_eq!(status, 200, "{path}: {said}");
}

/// The candidate records their answers, which myInterview scores.
pub fn complete(env: &Env, invitation_id: &str, score: u32) {
    control(
        env,
        "/_sandbox/myinterview/complete",
        &format!(r#"{{"invitationId":"{invitation_id}","score":{score}}}"#),
    );
}
