//! The payload readers held to serde's encoding; compiled only under #[cfg(test)].

use serde_json::json;

use crate::node::Node;

#[test]
fn settings_and_accounts_read_field_by_field_as_serde_encodes_them() {
    use crate::message::{Account, AccountView};
    use crate::settings::{Address, Pace, Settings};
    let s = Settings {
        hosts: vec![Address { at: "lever.api".into(), url: "https://lever.internal.example/v1".into() }],
        per_minute: vec![Pace { provider: "spark_hire".into(), per_minute: 30 }],
        hellohire_smartrecruiters: true,
        hellohire_sync_profiles: false,
        provider_emails_on_pageup: true,
    };
    assert_eq!(super::settings(&Node::of(serde_json::to_value(&s).unwrap())), Some(s));
    assert_eq!(super::settings(&Node::of(json!({}))), Some(Settings::default()), "each field has a default");
    assert_eq!(
        super::settings(&Node::of(json!({"per_minute": [{"provider": "x", "per_minute": -1}]}))),
        None
    );

    let a = |credits| AccountView {
        id: "acct-1".into(),
        vendor: crate::provider::myinterview::PROVIDER.vendor,
        display_name: "Nursing team".into(),
        account: Account { name: "Acme Health".into(), email: "".into(), key_hint: "8Rt".into() },
        active: true,
        credits,
        used: 3,
    };
    let all = vec![a(None), a(Some(40))];
    assert_eq!(super::accounts(&Node::of(serde_json::to_value(&all).unwrap())), Some(all));
    assert_eq!(super::accounts(&Node::of(json!([{"id": "x"}]))), None);
    assert_eq!(super::accounts(&Node::of(json!({}))), None);
}

#[test]
fn interview_rows_read_field_by_field_as_serde_encodes_them() {
    use crate::message::{InterviewKind, InterviewRow};
    let row = |kind, pass, score| InterviewRow {
        uuid: "iv-1".into(),
        kind,
        job_title: "Nurse “ICU”".into(),
        status: "completed".into(),
        status_label: "Completed".into(),
        scheduled_at: None,
        completed_at: Some("2026-12-01T10:00:00Z".into()),
        share_url: Some("https://share.example/x".into()),
        app_url: "https://app.example/iv-1".into(),
        join_url: None,
        invite_url: None,
        waiting: false,
        expired: true,
        to_review: true,
        pass,
        score,
    };
    let all = vec![row(InterviewKind::OneWay, None, None), row(InterviewKind::Live, Some(false), Some(87))];
    assert_eq!(super::interview_rows(&Node::of(serde_json::to_value(&all).unwrap())), Some(all.clone()));
    assert_eq!(super::interview_row(&Node::of(serde_json::to_value(&all[1]).unwrap())), Some(all[1].clone()));
    let mut odd = serde_json::to_value(&all[0]).unwrap();
    odd["kind"] = json!("phone");
    assert_eq!(super::interview_row(&Node::of(odd)), None, "a kind this version doesn't know");
    assert_eq!(super::interview_rows(&Node::of(json!([{"uuid": "x"}]))), None);
}

#[test]
fn links_read_field_by_field_as_serde_encodes_them() {
    let all = vec![crate::message::JobLink {
        ats_job_id: "p-1".into(),
        job_uuid: "j-1".into(),
        job_title: "Nurse “ICU”".into(),
    }];
    assert_eq!(super::links(&Node::of(serde_json::to_value(&all).unwrap())), Some(all));
    assert_eq!(super::links(&Node::of(json!([{"ats_job_id": "p"}]))), None);
}

#[test]
fn choices_read_field_by_field_as_serde_encodes_them() {
    use crate::message::Choice;
    let all = vec![Choice { uuid: "j-1".into(), label: "Nurse “ICU”".into() }];
    assert_eq!(super::choices(&Node::of(serde_json::to_value(&all).unwrap())), Some(all));
    assert_eq!(super::choices(&Node::of(json!([{"uuid": "x"}]))), None);
    assert_eq!(super::choices(&Node::of(json!({}))), None);
}

#[test]
fn bulk_runs_read_field_by_field_as_serde_encodes_them() {
    use crate::message::{BulkProgress, BulkRow, Outcome};
    let row = |outcome| BulkRow { name: "Ann Lee".into(), email: "ann@x.example".into(), outcome };
    let run = Some(BulkProgress {
        id: "b-1".into(),
        job_title: "Nurse".into(),
        people: vec![
            row(Outcome::Waiting),
            row(Outcome::Sent),
            row(Outcome::Skipped("Listed twice.".into())),
            row(Outcome::Failed("Spark Hire refused the email.".into())),
        ],
    });
    assert_eq!(super::bulk(&Node::of(serde_json::to_value(&run).unwrap())), Some(run));
    assert_eq!(super::bulk(&Node::of(json!(null))), Some(None));
    let odd =
        json!({"id": "b", "job_title": "t", "people": [{"name": "n", "email": "e", "outcome": "Lost"}]});
    assert_eq!(super::bulk(&Node::of(odd)), None);
}

#[test]
fn threads_read_field_by_field_as_serde_encodes_them() {
    let said = vec![crate::message::Said {
        who: "Northwind".into(),
        at: "2026-12-01T10:00:00Z".into(),
        body: "<b>Strong</b>".into(),
    }];
    assert_eq!(super::thread(&Node::of(serde_json::to_value(&said).unwrap())), Some(said));
    assert_eq!(super::thread(&Node::of(json!([{"who": "x"}]))), None);
}
