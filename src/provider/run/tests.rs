//! Every shared flow run with Acme Interviews against a scripted vendor: what the vendor
//! receives, and what the recruiter is told.

use std::cell::RefCell;

use serde_json::{json, Value};

use super::*;
use crate::http::Method::{Get, Post, Put};
use crate::http::{HttpReply, HttpRequest};
use crate::message::Change;
use crate::message::InterviewKind;
use crate::orchestrate::testing::{reply, ScriptedVendor};
use crate::orchestrate::Transport;
use crate::provider::testing::FAKE;
use crate::provider::{sparkhire, Capabilities};
use crate::settings::Settings;
use crate::store::records::StoredAccount;
use crate::store::writer::testing::block_on;

fn account() -> StoredAccount {
    StoredAccount::for_test("acct-1", FAKE.vendor.id, &[("company_id", "c-7"), ("secret", "s3cret")])
}

const INVITE: NewInvite = NewInvite {
    kind: InterviewKind::OneWay,
    scheduled_ms: 4_102_444_800_000,
    name: "Ada Lovelace",
    email: "ada@x.example",
    message: "",
    job_id: "pos-1",
    template_id: "tpl-1",
    timezone: "UTC",
    send_email: true,
};

/// Every flow of the panel and the bulk queue, with a provider the shared code has never
/// heard of: what adding a provider takes is its folder and its registry line.
#[test]
fn a_new_provider_runs_through_every_shared_flow() {
    let s = Settings::default();
    let a = account();
    let c = Conn { settings: &s, account: &a };
    let t = ScriptedVendor::default()
        .on(Get, "/v2/whoami", vec![reply(200, r#"{"data":{"id":"ops@acme.example","name":"Acme Ops"}}"#)])
        .on(Get, "/v2/positions", vec![reply(200, r#"{"data":[{"id":"pos-1","name":"Welder"}]}"#)])
        .on(Get, "/v2/templates", vec![reply(200, r#"{"data":[{"id":"tpl-1","name":"Screening"}]}"#)])
        .on(Get, "/v2/interviews", vec![reply(200, r#"{"data":[]}"#)])
        .on(
            Post,
            "/v2/interviews",
            vec![
                reply(503, ""),
                reply(
                    201,
                    r#"{"data":{"id":"iv-9","position":"pos-1","email":"ada@x.example","state":"invited"}}"#,
                ),
            ],
        )
        .on(Post, "/v2/positions", vec![reply(201, r#"{"data":{"id":"pos-2","name":"Fitter"}}"#)]);
    let me = block_on(who(&t, &FAKE, &c)).unwrap();
    assert_eq!((me.name.as_str(), me.email.as_str()), ("Acme Ops", "ops@acme.example"));
    let (jobs, templates) = block_on(catalog(&t, &FAKE, &c)).unwrap();
    assert_eq!((jobs[0].label.as_str(), templates[0].label.as_str()), ("Welder", "Screening"));
    let (made, existed) = block_on(invite(&t, &FAKE, &c, &INVITE)).unwrap();
    assert_eq!((made.row.uuid.as_str(), existed), ("iv-9", false));
    assert_eq!(
        *t.sent.borrow(),
        [
            "GET /v2/whoami",
            "GET /v2/positions",
            "GET /v2/templates",
            "GET /v2/interviews",
            "POST /v2/interviews",
            "GET /v2/interviews",
            "POST /v2/interviews"
        ],
        "a 5xx create is looked for before it is sent again"
    );
    assert_eq!(t.told.borrow()[0], "Acme Interviews had a problem. Trying again in 1 s…");
    let job = NewJob { title: "Fitter".into(), location: None, description: None, template_id: None };
    assert_eq!(block_on(create_job(&t, &FAKE, &c, &job)).unwrap().uuid, "pos-2");
    // What it can't do is refused in words, before any request.
    let before = t.sent.borrow().len();
    let e = block_on(share_link(&t, &FAKE, &c, "iv-9")).unwrap_err();
    assert!(
        e.message().contains("Acme Interviews") && e.message().contains("no share links"),
        "{}",
        e.message()
    );
    assert_eq!(t.sent.borrow().len(), before);
}

#[test]
fn the_provider_reads_its_own_credentials_and_hosts() {
    let s = Settings::default();
    let a = account();
    let c = Conn { settings: &s, account: &a };
    let r = FAKE.api.interviews(&c, Some("pos 1"), 0);
    assert_eq!(r.url, "https://api.acme.example/v2/interviews?position=pos%201");
    assert_eq!(r.header("authorization"), Some("Bearer c-7:s3cret"));
    let t = ScriptedVendor::default().on(
        Get,
        "/v2/interviews",
        vec![reply(
            200,
            r#"{"data":[{"id":"iv-1","position":"pos-1","email":"ADA@x.example","state":"invited"}]}"#,
        )],
    );
    let (found, existed) = block_on(invite(&t, &FAKE, &c, &INVITE)).unwrap();
    assert_eq!((found.row.uuid.as_str(), existed), ("iv-1", true), "never invited twice");
}

/// A job whose answer was lost is looked for by its title before it is sent again: the
/// recruiter's next invite must not find two jobs of one name. A job of that title that was
/// there before is not looked for: the first create goes out unasked.
#[test]
fn a_job_whose_answer_was_lost_is_found_by_its_title_not_made_twice() {
    let s = Settings::default();
    let a = account();
    let c = Conn { settings: &s, account: &a };
    let t = ScriptedVendor::default()
        .on(
            Post,
            "/v2/positions",
            vec![reply(502, ""), reply(201, r#"{"data":{"id":"pos-8","name":"Fitter"}}"#)],
        )
        .on(
            Get,
            "/v2/positions",
            vec![
                reply(200, r#"{"data":[{"id":"pos-1","name":"Welder"}]}"#),
                reply(200, r#"{"data":[{"id":"pos-1","name":"Welder"},{"id":"pos-7","name":"Fitter"}]}"#),
            ],
        );
    let job = NewJob { title: " Fitter ".into(), location: None, description: None, template_id: None };
    assert_eq!(block_on(create_job(&t, &FAKE, &c, &job)).unwrap().uuid, "pos-8", "not there: sent again");
    assert_eq!(*t.sent.borrow(), ["POST /v2/positions", "GET /v2/positions", "POST /v2/positions"]);
    assert_eq!(t.slept.borrow().len(), 1, "after a wait");
    t.sent.borrow_mut().clear();
    t.script.borrow_mut().insert("POST /v2/positions".into(), vec![reply(503, "")]);
    assert_eq!(block_on(create_job(&t, &FAKE, &c, &job)).unwrap().uuid, "pos-7", "there: taken");
    assert_eq!(*t.sent.borrow(), ["POST /v2/positions", "GET /v2/positions"]);
}

/// A scripted vendor that also keeps each request's body, for the calls whose body is the point.
#[derive(Default)]
struct Recorded {
    vendor: ScriptedVendor,
    bodies: RefCell<Vec<Option<Value>>>,
}

impl Transport for Recorded {
    async fn send(&self, v: crate::error::Vendor, req: &HttpRequest) -> Result<HttpReply, ApiError> {
        let body = req.body.as_deref().map(|b| serde_json::from_str(b).expect("a JSON body"));
        self.bodies.borrow_mut().push(body);
        self.vendor.send(v, req).await
    }
    async fn sleep(&self, ms: u64) {
        self.vendor.sleep(ms).await
    }
    async fn tell(&self, line: &str) {
        self.vendor.tell(line).await
    }
}

fn acme_interview(state: &str) -> Result<HttpReply, ApiError> {
    let body =
        format!(r#"{{"data":{{"id":"iv 1","position":"pos-1","email":"ada@x.example","state":"{state}"}}}}"#);
    reply(200, &body)
}

const JAN_2100: i64 = 4_102_444_800_000;

#[test]
fn extend_cancel_grade_and_remind_reach_the_vendor_as_the_provider_builds_them() {
    let s = Settings::default();
    let a = account();
    let c = Conn { settings: &s, account: &a };
    let t = Recorded {
        vendor: ScriptedVendor::default()
            .on(Put, "/v2/interviews/iv%201/deadline", vec![acme_interview("invited")])
            .on(Put, "/v2/interviews/iv%201/grade", vec![acme_interview("completed")])
            .on(Put, "/v2/interviews/iv%201/state", vec![acme_interview("withdrawn")])
            .on(Post, "/v2/interviews/iv%201/reminders", vec![reply(202, "")]),
        ..Recorded::default()
    };
    let extended = block_on(change(&t, &FAKE, &c, "iv 1", Change::Extend, (JAN_2100, "Europe/Lisbon")))
        .unwrap()
        .unwrap();
    assert_eq!((extended.row.uuid.as_str(), extended.open), ("iv 1", true));
    block_on(change(&t, &FAKE, &c, "iv 1", Change::Remind, (0, ""))).unwrap();
    block_on(change(&t, &FAKE, &c, "iv 1", Change::Shortlist, (0, ""))).unwrap();
    block_on(change(&t, &FAKE, &c, "iv 1", Change::Reject, (0, ""))).unwrap();
    let cancelled = block_on(change(&t, &FAKE, &c, "iv 1", Change::Cancel, (0, ""))).unwrap().unwrap();
    assert!(!cancelled.open, "a withdrawn invite no longer counts as invited");
    assert_eq!(
        *t.vendor.sent.borrow(),
        [
            "PUT /v2/interviews/iv%201/deadline",
            "POST /v2/interviews/iv%201/reminders",
            "PUT /v2/interviews/iv%201/grade",
            "PUT /v2/interviews/iv%201/grade",
            "PUT /v2/interviews/iv%201/state"
        ]
    );
    assert_eq!(
        *t.bodies.borrow(),
        [
            Some(json!({"deadline": "2100-01-01T00:00:00+00:00", "timezone": "Europe/Lisbon"})),
            None,
            Some(json!({"grade": "shortlist"})),
            Some(json!({"grade": "reject"})),
            Some(json!({"state": "withdrawn"}))
        ]
    );
}

/// Spark Hire builds none of these; a provider that builds them but doesn't declare them is
/// refused too, since the panel was never shown them.
#[test]
fn a_provider_without_them_refuses_in_words_and_sends_nothing() {
    let s = Settings::default();
    let a = account();
    let c = Conn { settings: &s, account: &a };
    let undeclared =
        Provider { capabilities: Capabilities { create_job: true, ..Capabilities::default() }, ..FAKE };
    for p in [&sparkhire::PROVIDER, &undeclared] {
        let t = ScriptedVendor::default();
        let refusals = [
            (
                block_on(change(&t, p, &c, "iv-1", Change::Extend, (JAN_2100, "UTC"))).map(drop),
                "deadlines can't be extended",
            ),
            (
                block_on(change(&t, p, &c, "iv-1", Change::Cancel, (0, ""))).map(drop),
                "invitations can't be cancelled",
            ),
            (
                block_on(change(&t, p, &c, "iv-1", Change::Remind, (0, ""))).map(drop),
                "reminders can't be sent",
            ),
            (
                block_on(change(&t, p, &c, "iv-1", Change::Reject, (0, ""))).map(drop),
                "interviews can't be graded",
            ),
        ];
        for (result, says) in refusals {
            let e = result.unwrap_err();
            assert!(e.message().contains(p.vendor.label()) && e.message().contains(says), "{}", e.message());
        }
        assert!(t.sent.borrow().is_empty(), "{p:?} sent {:?}", t.sent.borrow());
    }
}

#[test]
fn a_reminder_is_sent_once_even_when_its_answer_is_lost() {
    let s = Settings::default();
    let a = account();
    let c = Conn { settings: &s, account: &a };
    let path = "/v2/interviews/iv-1/reminders";
    let lost = [reply(503, ""), Err(ApiError::Unreachable { vendor: FAKE.vendor })];
    for answer in lost {
        let t = ScriptedVendor::default().on(Post, path, vec![answer.clone(), reply(202, "")]);
        let e = block_on(change(&t, &FAKE, &c, "iv-1", Change::Remind, (0, ""))).unwrap_err();
        assert!(e.is_transient(), "{e:?}");
        assert_eq!(*t.sent.borrow(), [format!("POST {path}")], "after {answer:?}");
        assert!(t.slept.borrow().is_empty() && t.told.borrow().is_empty());
    }
    // A refusal is explained with the vendor's reason, as any other call's.
    let t = ScriptedVendor::default().on(
        Post,
        path,
        vec![reply(422, r#"{"reason":"Interview already completed"}"#)],
    );
    let e = block_on(change(&t, &FAKE, &c, "iv-1", Change::Remind, (0, ""))).unwrap_err();
    assert_eq!(e.message(), "Acme Interviews refused the request: Interview already completed");
}

#[test]
fn an_extend_or_grade_without_an_answer_is_sent_again() {
    let s = Settings::default();
    let a = account();
    let c = Conn { settings: &s, account: &a };
    let t = ScriptedVendor::default()
        .on(Put, "/v2/interviews/iv%201/deadline", vec![reply(503, ""), acme_interview("invited")])
        .on(
            Put,
            "/v2/interviews/iv%201/grade",
            vec![Err(ApiError::Unreachable { vendor: FAKE.vendor }), acme_interview("completed")],
        );
    assert!(
        block_on(change(&t, &FAKE, &c, "iv 1", Change::Extend, (JAN_2100, "UTC"))).unwrap().unwrap().open
    );
    assert_eq!(
        block_on(change(&t, &FAKE, &c, "iv 1", Change::Shortlist, (0, ""))).unwrap().unwrap().row.status,
        "completed"
    );
    assert_eq!(
        *t.sent.borrow(),
        [
            "PUT /v2/interviews/iv%201/deadline",
            "PUT /v2/interviews/iv%201/deadline",
            "PUT /v2/interviews/iv%201/grade",
            "PUT /v2/interviews/iv%201/grade"
        ]
    );
    assert_eq!(*t.slept.borrow(), [1000, 1000]);
    assert_eq!(t.told.borrow()[0], "Acme Interviews had a problem. Trying again in 1 s…");
}

/// A Spark Hire interview row for `email` on job `j1`.
fn sh_row(n: usize, email: &str) -> Value {
    json!({"uuid": format!("i{n}"), "type": "one_way", "status": "invited",
        "job_post": {"uuid": "j1", "title": "Engineer"}, "assigned_to": {"name": "X", "email": email}})
}

#[test]
fn look_before_post_reads_every_page_of_the_job_s_interviews() {
    let s = Settings::default();
    let a = StoredAccount::for_test("acct-1", sparkhire::VENDOR.id, &[("api_key", "k")]);
    let c = Conn { settings: &s, account: &a };
    let full: Vec<Value> = (0..sparkhire::PAGE).map(|n| sh_row(n, &format!("p{n}@x.example"))).collect();
    let t = ScriptedVendor::default().on(
        Get,
        "/v1.0/interviews",
        vec![
            reply(200, &Value::Array(full).to_string()),
            reply(200, &json!([sh_row(900, "ada@x.example")]).to_string()),
        ],
    );
    let i = NewInvite { job_id: "j1", ..INVITE };
    let (found, existed) = block_on(invite(&t, &sparkhire::PROVIDER, &c, &i)).unwrap();
    assert!(existed, "found on the second page, not invited again");
    assert_eq!(found.row.uuid, "i900");
    assert_eq!(*t.sent.borrow(), ["GET /v1.0/interviews", "GET /v1.0/interviews"], "no POST");
    let list = block_on(interviews(&t, &sparkhire::PROVIDER, &c, Some("j1"))).unwrap();
    assert_eq!(list.len(), 1, "a short page is the last");
}
