use super::*;

#[test]
fn settings_stored_before_the_pageup_switch_read_it_as_off() {
    // v3 as the previous release stored it: the recruiter's changes, no PageUp switch.
    let before = serde_json::json!({
        "hosts": [{"at": "spark_hire.api", "url": "https://eu.sparkhire.example"}],
        "per_minute": [], "hellohire_smartrecruiters": true, "hellohire_sync_profiles": false,
    });
    let read: StoredSettings = serde_json::from_value(before).unwrap();
    assert!(!read.provider_emails_on_pageup);
    assert!(read.hellohire_smartrecruiters && read.hosts.len() == 1, "nothing else is lost");
}

#[test]
fn pageup_moves_keep_every_field() {
    let m = PageUpMove {
        provider: "myinterview".into(),
        account: "acct-1".into(),
        interview: "inv-1".into(),
        connection: "acct-2".into(),
        application: "880002".into(),
        step: "status_review".into(),
        settled: false,
        error: "PageUp had a problem on its side (HTTP 503).".into(),
        tried: true,
        note: "myInterview: Shortlisted".into(),
    };
    let back: Vec<PageUpMove> =
        serde_json::from_value(serde_json::to_value(vec![m.clone()]).unwrap()).unwrap();
    assert_eq!(back, vec![m.clone()]);
    // As the version before verdicts went to Lever kept it: no note, nothing else lost.
    let mut before = serde_json::to_value(&m).unwrap();
    before.as_object_mut().unwrap().remove("note");
    let read: PageUpMove = serde_json::from_value(before).unwrap();
    assert_eq!(read, PageUpMove { note: String::new(), ..m });
}

fn job(tenant: Option<&str>, id: &str) -> AtsJob {
    AtsJob { ats: Ats::Oorwin, tenant: tenant.map(String::from), ats_job_id: id.into() }
}

fn link(tenant: Option<&str>, id: &str, to: &str) -> LinkRecord {
    LinkRecord::new(job(tenant, id), "spark_hire", to.into(), to.into())
}

#[test]
fn tenants_keep_same_numbered_jobs_apart() {
    let mut links = vec![link(None, "5001", "legacy")];
    assert_eq!(
        find_link(&links, &job(Some("acme"), "5001"), "spark_hire").unwrap().provider_job_id,
        "legacy"
    );
    put_link(&mut links, link(Some("acme"), "5001", "acme-job"));
    put_link(&mut links, link(Some("evil"), "5001", "evil-job"));
    let found =
        |t: &str| find_link(&links, &job(Some(t), "5001"), "spark_hire").unwrap().provider_job_id.clone();
    assert_eq!(found("acme"), "acme-job");
    assert_eq!(found("ACME"), "acme-job");
    assert_eq!(found("evil"), "evil-job");
    assert_eq!(found("other"), "legacy", "a link from before tenants still serves");
    assert!(find_link(&links, &job(Some("acme"), "5001"), "my_interview").is_none(), "per provider");
    put_link(&mut links, link(Some("acme"), "5001", "acme-job-2"));
    assert_eq!(links.len(), 3);
}

#[test]
fn choices_are_per_ats_tenant_and_provider() {
    let mut choices = vec![ChoiceRecord {
        ats: Ats::Oorwin,
        tenant: None,
        provider: "spark_hire".into(),
        account_id: "a1".into(),
    }];
    let acme = Some("acme".to_string());
    assert_eq!(find_choice(&choices, Ats::Oorwin, &acme, "spark_hire").unwrap().account_id, "a1");
    put_choice(
        &mut choices,
        ChoiceRecord {
            ats: Ats::Oorwin,
            tenant: acme.clone(),
            provider: "spark_hire".into(),
            account_id: "a2".into(),
        },
    );
    assert_eq!(find_choice(&choices, Ats::Oorwin, &acme, "spark_hire").unwrap().account_id, "a2");
    assert_eq!(find_choice(&choices, Ats::Oorwin, &None, "spark_hire").unwrap().account_id, "a1");
    assert!(find_choice(&choices, Ats::Lever, &None, "spark_hire").is_none());
}
