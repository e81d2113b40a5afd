//! Every shared flow run with Acme Interviews against a scripted vendor: what the vendor
//! receives, and what the recruiter is told.

use super::*;
use crate::http::Method::{Get, Post};
use crate::message::InterviewKind;
use crate::orchestrate::testing::{reply, ScriptedVendor};
use crate::provider::testing::FAKE;
use crate::settings::Settings;
use crate::store::records::{Credential, Identity, StoredAccount};
use crate::store::writer::testing::block_on;

fn account() -> StoredAccount {
    StoredAccount {
        id: "acct-1".into(),
        vendor: FAKE.vendor.id.into(),
        display_name: "Acme team".into(),
        credentials: vec![
            Credential { field: "company_id".into(), value: "c-7".into() },
            Credential { field: "secret".into(), value: "s3cret".into() },
        ],
        identity: Identity::default(),
        active: true,
        credits: None,
        used: 0,
    }
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
    assert_eq!(t.told.borrow()[0], "Acme Interviews had a problem (HTTP 503). Trying again in 1 s…");
    let job = NewJob { title: "Fitter".into(), location: None, description: None };
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
    let r = FAKE.api.interviews(&c, Some("pos 1"));
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
