use serde_json::json;

use super::{bridge_request, reply, request, BRIDGE_REQUESTS};
use crate::ats::Ats;
use crate::hellohire::{Rating, Registrant};
use crate::message::{
    Change, FieldValue, InterviewKind, Invite, ListItem, NewBulk, PageFields, Reply, Request, Terms, Wire,
};
use crate::node::Node;
use crate::settings::SettingsPatch;

/// A request as whichever worker serves it reads it.
fn read(n: Node) -> Option<Request> {
    request(n.clone()).or_else(|| bridge_request(n))
}

fn terms() -> Terms {
    Terms {
        job_uuid: "job-1".into(),
        question_set_uuid: "qs-1".into(),
        kind: InterviewKind::OneWay,
        scheduled_ms: 4_102_444_800_000,
        timezone: "Europe/London".into(),
        message: "Hello “you”\n".into(),
    }
}

fn registrant() -> Registrant {
    Registrant {
        registration_id: "r-1".into(),
        first_name: "Ada".into(),
        last_name: "Lovelace".into(),
        email: "ada@example.com".into(),
    }
}

/// One of each request, every field set to something the reader could get wrong.
fn every_request() -> Vec<Request> {
    let spark = crate::provider::sparkhire::PROVIDER.vendor;
    let mi = crate::provider::myinterview::PROVIDER.vendor;
    let lever = crate::ats_api::lever::VENDOR;
    let values = || Wire::new(vec![FieldValue { field: "api_key".into(), value: "k".into() }]);
    let all = vec![
        Request::PageVisit { url: "https://hire.lever.co/candidates/x".into() },
        Request::PageFields { url: "https://x.example/".into(), fields: Wire::new(PageFields::default()) },
        Request::GetContext,
        Request::GetAccounts,
        Request::SaveKey { vendor: lever, values: values() },
        Request::RemoveKey { vendor: spark },
        Request::GetSettings,
        Request::SaveSettings { patch: Wire::new(SettingsPatch::default()) },
        Request::GetNotices,
        Request::DismissNotices,
        Request::GetCatalog { provider: mi, fresh: true },
        Request::GetInterviews { provider: spark, email: "ada@example.com".into() },
        Request::SendInvite {
            provider: mi,
            invite: Wire::new(Invite {
                send_id: "s-1".into(),
                candidate_name: "Ada".into(),
                candidate_email: "ada@example.com".into(),
                terms: terms(),
            }),
        },
        Request::ShareLink { provider: spark, interview_uuid: "iv-1".into() },
        Request::ChangeInterview {
            provider: mi,
            interview_uuid: "iv-2".into(),
            change: Change::Extend,
            deadline_ms: 4_102_444_800_000,
            timezone: "UTC".into(),
        },
        Request::StartBulk {
            bulk: Wire::new(NewBulk {
                provider: spark,
                ats: Ats::PageUp,
                ats_job_id: "512345".into(),
                job_title: "Nurse".into(),
                terms: terms(),
                people: vec![ListItem::default()],
            }),
        },
        Request::GetBulk { provider: spark, ats_job_id: "p-1".into() },
        Request::RetryBulk { id: "b-1".into() },
        Request::GetVendorAccounts { vendor: lever },
        Request::AddAccount {
            vendor: spark,
            display_name: "Team".into(),
            values: values(),
            active: false,
            credits: Some(40),
        },
        Request::UpdateAccount { id: "a-1".into(), active: true, credits: None, perform_as: None },
        Request::UpdateAccount {
            id: "a-1".into(),
            active: true,
            credits: Some(5),
            perform_as: Some(crate::message::Choice {
                uuid: "u1".into(),
                label: "Ana Ruiz (ana@x.io)".into(),
            }),
        },
        Request::RemoveAccount { id: "a-2".into() },
        Request::ChooseAccount { provider: mi, id: "a-3".into() },
        Request::GetLinks { provider: spark, ats: Ats::Oorwin, ats_job_ids: vec!["1".into(), "2".into()] },
        Request::LinkJob { provider: spark, ats: Ats::Lever, ats_job_id: "p".into(), job_uuid: "j".into() },
        Request::CreateLinkedJob {
            provider: mi,
            ats: Ats::SmartRecruiters,
            ats_job_id: "p".into(),
            title: "Nurse".into(),
            location: Some("Leeds".into()),
            description: None,
            template: Some("t-1".into()),
        },
        Request::FindInSmartRecruiters { registrant: Wire::new(registrant()), interview: "i".into() },
        Request::CreateInSmartRecruiters { registrant: Wire::new(registrant()), interview: "i".into() },
        Request::Rate { registrant: Wire::new(registrant()), interview: "i".into(), rating: Rating::Maybe },
        Request::PreviewSync,
        Request::SyncRegistrants { registrants: Wire::new(vec![registrant()]) },
        Request::GetSpottablImport,
        Request::ImportSpottablJobs { count: 12 },
        Request::SetSpottablAuto { on: true },
        Request::LookInSpottabl,
        Request::GetSpottablStages,
        Request::GetLeverUsers,
        Request::SaveSpottablStages { pairs: Wire::new(vec![("offer".into(), "stg_offer".into())]) },
        Request::GetSpottablJob { posting: "p1".into() },
        Request::ImportSpottablJob { posting: "p1".into() },
        Request::SpottablThread { opportunity: "o1".into(), reply: None },
        Request::SpottablThread { opportunity: "o1".into(), reply: Some("Can she start in May?".into()) },
    ];
    // A new request fails to compile here until it is added above (and to the reader).
    for r in &all {
        match r {
            Request::PageVisit { .. }
            | Request::PageFields { .. }
            | Request::GetContext
            | Request::GetAccounts
            | Request::SaveKey { .. }
            | Request::RemoveKey { .. }
            | Request::GetSettings
            | Request::SaveSettings { .. }
            | Request::GetNotices
            | Request::DismissNotices
            | Request::GetCatalog { .. }
            | Request::GetInterviews { .. }
            | Request::SendInvite { .. }
            | Request::ShareLink { .. }
            | Request::ChangeInterview { .. }
            | Request::StartBulk { .. }
            | Request::GetBulk { .. }
            | Request::RetryBulk { .. }
            | Request::GetVendorAccounts { .. }
            | Request::AddAccount { .. }
            | Request::UpdateAccount { .. }
            | Request::RemoveAccount { .. }
            | Request::ChooseAccount { .. }
            | Request::GetLinks { .. }
            | Request::LinkJob { .. }
            | Request::CreateLinkedJob { .. }
            | Request::FindInSmartRecruiters { .. }
            | Request::CreateInSmartRecruiters { .. }
            | Request::Rate { .. }
            | Request::PreviewSync
            | Request::SyncRegistrants { .. }
            | Request::GetSpottablImport
            | Request::ImportSpottablJobs { .. }
            | Request::SetSpottablAuto { .. }
            | Request::LookInSpottabl
            | Request::GetSpottablStages
            | Request::GetLeverUsers
            | Request::SaveSpottablStages { .. }
            | Request::GetSpottablJob { .. }
            | Request::ImportSpottablJob { .. }
            | Request::SpottablThread { .. } => {}
        }
    }
    all
}

#[test]
fn every_request_reads_back_as_the_pages_encode_it() {
    let all = every_request();
    assert_eq!(all.len(), 43);
    for r in all {
        let sent = serde_json::to_value(&r).unwrap();
        assert_eq!(read(Node::of(sent.clone())).as_ref(), Some(&r), "{sent}");
    }
    for change in [Change::Cancel, Change::Remind, Change::Shortlist, Change::Reject] {
        let r = Request::ChangeInterview {
            provider: crate::provider::myinterview::PROVIDER.vendor,
            interview_uuid: "iv".into(),
            change,
            deadline_ms: 0,
            timezone: String::new(),
        };
        assert_eq!(read(Node::of(serde_json::to_value(&r).unwrap())), Some(r));
    }
}

#[test]
fn each_request_is_read_by_one_worker_and_the_shim_routes_the_bridges_there() {
    let shim = include_str!("../../extension/worker.js");
    for r in every_request() {
        let sent = serde_json::to_value(&r).unwrap();
        let name =
            sent.as_str().map(str::to_string).or_else(|| sent.as_object().unwrap().keys().next().cloned());
        let bridged = BRIDGE_REQUESTS.contains(&name.unwrap().as_str());
        assert_eq!(request(Node::of(sent.clone())).is_none(), bridged, "{sent}");
        assert_eq!(bridge_request(Node::of(sent.clone())).is_some(), bridged, "{sent}");
    }
    let listed = format!("{:?}", BRIDGE_REQUESTS).replace('"', "'");
    assert!(shim.contains(&format!("const BRIDGED = new Set({listed});")), "worker.js routes {listed}");
}

#[test]
fn what_this_version_does_not_know_is_refused() {
    for unknown in [
        json!("DeleteEverything"),
        json!({"DeleteEverything": {}}),
        json!({"RemoveKey": {"vendor": "nobody"}}),
        json!({"RemoveKey": {}}),
        json!({"GetCatalog": {"provider": "spark_hire", "fresh": "yes"}}),
        json!({"GetLinks": {"provider": "spark_hire", "ats": "lever", "ats_job_ids": ["1", 2]}}),
        json!({"GetLinks": {"provider": "spark_hire", "ats": "workday", "ats_job_ids": []}}),
        json!({"UpdateAccount": {"id": "a", "active": true, "credits": -1}}),
        json!({"ChangeInterview": {"provider": "myinterview", "interview_uuid": "i", "change": "Delete",
            "deadline_ms": 0, "timezone": ""}}),
        json!({"RetryBulk": {"id": "b"}, "RemoveAccount": {"id": "a"}}),
        json!({"RetryBulk": "b"}),
        json!(7),
    ] {
        assert_eq!(read(Node::of(unknown.clone())), None, "{unknown}");
    }
}

/// One of each reply, every field set to something the reader could get wrong.
fn every_reply() -> Vec<Reply> {
    use crate::message::{AccountView, Choice, Failure, InterviewRow, JobLink, PageContext};
    let row = InterviewRow {
        uuid: "iv-1".into(),
        kind: InterviewKind::Live,
        job_title: "Nurse".into(),
        status: "Ready for Review".into(),
        status_label: "Ready for Review".into(),
        scheduled_at: Some("2099-01-01T00:00:00+00:00".into()),
        completed_at: None,
        share_url: None,
        app_url: "https://app.example/x".into(),
        join_url: None,
        invite_url: None,
        score: None,
        waiting: false,
        expired: true,
        to_review: true,
        pass: Some(false),
    };
    let choices = || Wire::new(vec![Choice { uuid: "j".into(), label: "Welder".into() }]);
    let all = vec![
        Reply::PageRule { rule: Wire::new(None) },
        Reply::PageRule { rule: Wire::new(Some(crate::ats::PageRule::default())) },
        Reply::Done,
        Reply::Context { tab_id: Some(-3), context: Wire::new(Some(PageContext::Unreadable)) },
        Reply::Context { tab_id: None, context: Wire::new(None) },
        Reply::Accounts { accounts: Wire::new(Vec::<AccountView>::new()) },
        Reply::Settings { settings: Wire::new(crate::settings::Settings::default()) },
        Reply::Catalog {
            jobs: choices(),
            question_sets: choices(),
            fetched_ms: 1_780_000_000_123,
            cached: true,
        },
        Reply::Interviews {
            interviews: Wire::new(vec![row.clone()]),
            said: "PageUp application 1 is now VIS.".into(),
            elsewhere: "myInterview · Nurse: Completed, 3 Dec 2026, 10:00\nmyInterview · Cook: Invited"
                .into(),
        },
        Reply::Sent { interview: Wire::new(row), already: true, said: String::new() },
        Reply::ShareLink { url: "https://share.example/x".into() },
        Reply::Bulk { batch: Wire::new(None) },
        Reply::Links {
            links: Wire::new(vec![JobLink {
                ats_job_id: "a".into(),
                job_uuid: "b".into(),
                job_title: "c".into(),
            }]),
        },
        Reply::VendorAccounts { accounts: Wire::new(vec![]), chosen: Some("acct-1".into()) },
        Reply::VendorAccounts { accounts: Wire::new(vec![]), chosen: None },
        Reply::InSmartRecruiters { profile: Wire::new(None), pending: Wire::new(None) },
        Reply::Sync { progress: Wire::new(crate::message::SyncProgress::default()) },
        Reply::SyncPlan { plan: Wire::new(vec![]) },
        Reply::Notices { text: "A record was set aside.\\nAnother.".into() },
        Reply::SpottablImport {
            at_ms: 1_764_000_000_000,
            summary: "Imported 1 new job: “Data”.".into(),
            looked_ms: 0,
            looked: String::new(),
            auto: true,
        },
        Reply::SpottablStages {
            lever: Wire::new(vec![Choice { uuid: "offer".into(), label: "Offer".into() }]),
            spottabl: Wire::new(vec![]),
            pairs: Wire::new(vec![("archive:hired".into(), "stg_hired".into())]),
            saved: false,
        },
        Reply::LeverUsers {
            users: Wire::new(vec![Choice { uuid: "ana@x.io".into(), label: "Ana Ruiz (ana@x.io)".into() }]),
        },
        Reply::SpottablJob { job: "draft".into(), open: "https://app.spottabl.com/jobs/job_1".into() },
        Reply::SpottablJob { job: "none".into(), open: String::new() },
        Reply::Thread {
            partner: "Northwind Talent".into(),
            thread: Wire::new(vec![crate::message::Said {
                who: "Northwind Talent".into(),
                at: "2026-12-01T10:00:00.000Z".into(),
                body: "Strong <b>candidate</b>.".into(),
            }]),
            said: String::new(),
        },
        Reply::Failed { failure: Failure::plain("No.") },
        Reply::Failed {
            failure: Failure {
                message: "Rejected.".into(),
                key_problem: Some(crate::provider::sparkhire::PROVIDER.vendor),
            },
        },
        Reply::Failed { failure: Failure::plain("Down.\nDetails: HTTP 503") },
    ];
    // A new reply fails to compile here until it is added above (and to the reader).
    for r in &all {
        match r {
            Reply::PageRule { .. }
            | Reply::Done
            | Reply::Context { .. }
            | Reply::Accounts { .. }
            | Reply::Settings { .. }
            | Reply::Catalog { .. }
            | Reply::Interviews { .. }
            | Reply::Sent { .. }
            | Reply::ShareLink { .. }
            | Reply::Bulk { .. }
            | Reply::Links { .. }
            | Reply::VendorAccounts { .. }
            | Reply::InSmartRecruiters { .. }
            | Reply::Sync { .. }
            | Reply::SyncPlan { .. }
            | Reply::Notices { .. }
            | Reply::SpottablImport { .. }
            | Reply::SpottablStages { .. }
            | Reply::LeverUsers { .. }
            | Reply::SpottablJob { .. }
            | Reply::Thread { .. }
            | Reply::Failed { .. } => {}
        }
    }
    all
}

#[test]
fn a_request_handed_back_reads_as_ask_js_expects() {
    // extension/ask.js: a failure whose message is the one code point 0xF0000 + seconds.
    let vendor = crate::provider::sparkhire::PROVIDER.vendor;
    let handed_back = Reply::failed(crate::error::ApiError::Later { vendor, secs: 45 });
    let sent = serde_json::to_value(&handed_back).unwrap();
    assert_eq!(sent, json!({"Failed": {"failure": {"message": "\u{F002D}", "key_problem": null}}}));
    let Reply::Failed { failure } = handed_back else { unreachable!() };
    assert_eq!(failure.later(), Some(45));
    assert_eq!(crate::message::Failure::plain("\u{F002D} and more").later(), None);
    assert_eq!(crate::message::Failure::plain("Spark Hire is limiting requests right now.").later(), None);
}

#[test]
fn every_reply_reads_back_as_the_worker_encodes_it() {
    for r in every_reply() {
        let sent = serde_json::to_value(&r).unwrap();
        assert_eq!(reply(Node::of(sent.clone())).as_ref(), Some(&r), "{sent}");
    }
    for unknown in [
        json!("Nothing"),
        json!({"Surprise": {}}),
        json!({"ShareLink": {"url": 7}}),
        json!({"Catalog": {"jobs": [], "question_sets": [], "fetched_ms": 1.5, "cached": true}}),
        json!({"Failed": {"failure": {"message": "x", "key_problem": "nobody"}}}),
        json!({"Context": {"tab_id": "1", "context": null}}),
    ] {
        assert_eq!(reply(Node::of(unknown.clone())), None, "{unknown}");
    }
}
