//! The provider's requests against the sandbox's strict model of myInterview, sent over real
//! TLS by the sandbox's test client: what the extension sends is what the modelled vendor
//! accepts, and what it answers is read the way the panel will show it.

use super::*;
use crate::error::ApiError;
use crate::http::HttpReply;
use crate::message::InterviewKind;
use crate::provider::{Conn, Grade, NewInvite};
use crate::settings::Settings;
use crate::store::records::StoredAccount;

const DAY_MS: i64 = 86_400_000;

fn send(port: u16, r: &HttpRequest) -> HttpReply {
    crate::http::to_sandbox(port, r)
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

fn account(secret: &str) -> StoredAccount {
    StoredAccount::for_test(
        "mi",
        VENDOR.id,
        &[(COMPANY_ID, "mi_demo_co"), (ACCESS_KEY, "mi_demo_access_3Hn"), (SECRET, secret)],
    )
}

fn invite<'a>(job: &'a str, name: &'a str, email: &'a str, scheduled_ms: i64) -> NewInvite<'a> {
    NewInvite {
        kind: InterviewKind::OneWay,
        scheduled_ms,
        name,
        email,
        message: "",
        job_id: job,
        template_id: "",
        timezone: "Europe/London",
        send_email: true,
    }
}

#[test]
fn invite_follow_and_review_a_candidate_against_the_modelled_vendor() {
    let sb = sandbox::start_fast("127.0.0.1:0", None).unwrap();
    let settings = Settings::default();
    let api = PROVIDER.api;
    let (good, bad) = (account("mi_demo_secret_8Rt"), account("wrong"));
    let c = Conn { settings: &settings, account: &good };

    // The credentials are checked before anything is saved.
    assert!(!api.read_me(&send(sb.port, &api.who_am_i(&c))).unwrap().name.is_empty());
    let refused = Conn { settings: &settings, account: &bad };
    assert_eq!(
        api.read_me(&send(sb.port, &api.who_am_i(&refused))).unwrap_err(),
        ApiError::KeyRejected { vendor: VENDOR }
    );

    // A job made from a template (its questions are checked below, as myInterview holds them).
    let listed = send(sb.port, &api.templates(&c));
    assert!(api.read_templates(&listed).unwrap().len() >= 2);
    let who =
        Creds { company_id: "mi_demo_co", access_key: "mi_demo_access_3Hn", secret: "mi_demo_secret_8Rt" };
    let base = c.host(VENDOR, "api");
    let templates: Page<Template> = parse(&listed).unwrap();
    let template = &templates.items[0];
    let new_job = crate::provider::NewJob {
        title: "Account Executive".into(),
        location: None,
        description: None,
        template_id: Some(template.id.clone()),
    };
    let made = api.create_job(&c, &new_job, Some(&listed)).unwrap().unwrap();
    let job = api.read_job(&send(sb.port, &made)).unwrap();
    assert!(api.read_jobs(&send(sb.port, &api.jobs(&c))).unwrap().iter().any(|j| j.uuid == job.uuid));
    // A template deleted since the list was read is refused before anything is sent.
    let gone = crate::provider::NewJob { template_id: Some("deleted".into()), ..new_job };
    let refused = api.create_job(&c, &gone, Some(&listed)).unwrap().unwrap_err();
    assert!(refused.message().contains("no longer in your myInterview account"), "{}", refused.message());

    // One call invites a candidate myInterview hasn't met; a second for the same job is refused.
    let week = now_ms() + 7 * DAY_MS;
    let sent = api
        .read_invited(
            &c,
            &send(sb.port, &api.invite(&c, &invite(&job.uuid, "Ada Lovelace", "ada@example.com", week))),
        )
        .unwrap();
    assert_eq!(
        (sent.email.as_deref(), sent.open, sent.row.status.as_str()),
        (Some("ada@example.com"), true, "Invited")
    );
    let again = api.read_invited(
        &c,
        &send(sb.port, &api.invite(&c, &invite(&job.uuid, "Ada", "ADA@example.com", week))),
    );
    assert!(matches!(again, Err(ApiError::Refused { status: 409, .. })), "{again:?}");
    let listed = api.read_interviews(&c, &send(sb.port, &api.interviews(&c, Some(&job.uuid), 0))).unwrap();
    assert_eq!(listed.iter().map(|i| i.row.uuid.as_str()).collect::<Vec<_>>(), [sent.row.uuid.as_str()]);
    assert_eq!(
        crate::provider::existing_invite(&listed, &job.uuid, " Ada@Example.com ").map(|i| &i.row.uuid),
        Some(&sent.row.uuid)
    );

    // Follow: a later deadline, a reminder; a past deadline is refused in words.
    let id = sent.row.uuid.as_str();
    let later = api.extend(&c, id, week + 3 * DAY_MS, "Europe/London").unwrap();
    let extended = api.read_changed(&c, &send(sb.port, &later)).unwrap();
    assert_ne!(extended.row.scheduled_at, sent.row.scheduled_at);
    api.read_reminded(&c, &send(sb.port, &api.remind(&c, id).unwrap())).unwrap();
    let past = api.read_invited(
        &c,
        &send(sb.port, &api.invite(&c, &invite(&job.uuid, "Kate", "kate@example.com", now_ms() - DAY_MS))),
    );
    assert!(
        matches!(&past, Err(ApiError::Refused { status: 422, reason, .. }) if reason.contains("deadline")),
        "{past:?}"
    );

    // Review: not before the video is done; then Shortlist, the summary, a share link.
    let early = api.read_changed(&c, &send(sb.port, &api.grade(&c, id, Grade::Shortlist).unwrap()));
    assert!(matches!(early, Err(ApiError::Refused { status: 409, .. })), "{early:?}");
    let (status, _) = sandbox::client::request(
        sb.port,
        "api.myinterview.com",
        "POST",
        "/_sandbox/myinterview/complete",
        &[("Content-Type", "application/json")],
        Some(&format!(r#"{{"invitationId":"{id}","score":87}}"#)),
    )
    .unwrap();
    assert_eq!(status, 200);
    let graded = api.read_changed(&c, &send(sb.port, &api.grade(&c, id, Grade::Shortlist).unwrap())).unwrap();
    assert_eq!(graded.row.status, "Shortlisted");
    let summary: Summary =
        parse(&send(sb.port, &on_invitation(&base, who, Method::Get, id, "summary", None))).unwrap();
    assert_eq!((summary.status.as_str(), summary.pass, summary.score), ("Completed", Some(true), Some(87.0)));
    assert!(summary.review_url.is_some_and(|u| u.starts_with("https://")));
    // The panel's verdict reads the score through the provider's own summary call.
    assert_eq!(api.read_score(&send(sb.port, &api.summary(&c, id).unwrap())), Ok(Some(87.0)));
    assert!(api
        .read_share_link(&send(sb.port, &api.share_link(&c, id).unwrap()))
        .unwrap()
        .starts_with("https://"));

    // Cancel another candidate's invite: it no longer counts as invited.
    let grace = api
        .read_invited(&c, &send(sb.port, &api.invite(&c, &invite(&job.uuid, "", "grace@example.com", week))))
        .unwrap();
    let cancelled = api.read_changed(&c, &send(sb.port, &api.cancel(&c, &grace.row.uuid).unwrap())).unwrap();
    assert_eq!((cancelled.row.status.as_str(), cancelled.open), ("Cancelled", false));

    // What myInterview holds: each candidate once, the reminder, and the recruiter's choices.
    let state = sandbox::client::state(sb.port);
    let candidates = state["myinterview"]["candidates"].as_array().unwrap();
    let ada: Vec<_> = candidates
        .iter()
        .filter(|c| c["email"].as_str().is_some_and(|e| e.eq_ignore_ascii_case("ada@example.com")))
        .collect();
    assert_eq!(ada.len(), 1, "{candidates:?}");
    let made = state["myinterview"]["jobs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["id"] == job.uuid.as_str())
        .unwrap()
        .clone();
    let asked = state["myinterview"]["companies"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["templates"].as_array().unwrap())
        .find(|t| t["id"] == template.id.as_str())
        .unwrap()["questions"]
        .clone();
    assert_eq!(made["questions"], asked, "the job asks the template's questions, as they were");
    let held = state["myinterview"]["invitations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
        .clone();
    assert_eq!(held["reminders"]["count"], 1);
    assert_eq!(held["status"], "Shortlisted");
    sb.shutdown();
}
