use serde_json::json;

use super::read;
use crate::ats::Ats;
use crate::hellohire::{Rating, Registrant};
use crate::message::{
    Change, FieldValue, InterviewKind, Invite, ListItem, NewBulk, PageFields, Request, Terms, Wire,
};
use crate::node::Node;
use crate::settings::SettingsPatch;

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
        Request::UpdateAccount { id: "a-1".into(), active: true, credits: None },
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
            | Request::SyncRegistrants { .. } => {}
        }
    }
    all
}

#[test]
fn every_request_reads_back_as_the_pages_encode_it() {
    let all = every_request();
    assert_eq!(all.len(), 31);
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
