//! The queue's rules, natively: dedupe, interrupted sends, retries, pacing.
use super::*;
use crate::message::InterviewRow;

fn batch(people: &[(&str, &str, Option<&str>)]) -> Batch {
    Batch {
        id: "b1".into(),
        account_id: "a1".into(),
        provider: "acme".into(),
        spec: BulkSpec {
            ats: Ats::Oorwin,
            tenant: Some("acme".into()),
            ats_job_id: "5001".into(),
            job_uuid: "job-1".into(),
            job_title: "Java Developer".into(),
            question_set_uuid: "qs-1".into(),
            kind: InterviewKind::OneWay,
            scheduled_ms: 0,
            timezone: "UTC".into(),
            message: String::new(),
        },
        items: Batch::new_items(
            people.iter().map(|(id, n, e)| (id.to_string(), n.to_string(), e.map(String::from))),
        ),
        last_request_ms: 0,
        checked_existing: false,
        list_attempts: 0,
    }
}

fn interview(uuid: &str, job: &str, email: &str, status: &str) -> Interview {
    Interview {
        row: InterviewRow {
            uuid: uuid.into(),
            kind: InterviewKind::OneWay,
            job_title: "Java Developer".into(),
            status: status.into(),
            status_label: format!("{}{}", status[..1].to_uppercase(), &status[1..]),
            scheduled_at: None,
            completed_at: None,
            share_url: None,
            app_url: String::new(),
            join_url: None,
            invite_url: None,
            score: None,
            waiting: true,
            expired: false,
            to_review: false,
            pass: None,
        },
        job_id: Some(job.into()),
        email: Some(email.into()),
        open: status != "expired",
    }
}

#[test]
fn no_email_fails_and_duplicates_are_skipped_up_front() {
    let b = batch(&[
        ("1", "Ann", Some("ann@x.example")),
        ("2", "Bob", None),
        ("3", "Ann again", Some("ANN@x.example")),
    ]);
    assert_eq!(b.items[0].state, ItemState::Pending);
    assert!(matches!(b.items[1].state, ItemState::Failed { .. }));
    assert!(matches!(b.items[2].state, ItemState::Skipped { .. }));
    assert_eq!(b.counts(), Counts { total: 3, sent: 0, skipped: 1, failed: 1, pending: 1 });
}

#[test]
fn existing_interviews_are_skipped_and_an_interrupted_send_is_recognised() {
    let mut b = batch(&[
        ("1", "Ann", Some("ann@x.example")),
        ("2", "Cy", Some("cy@x.example")),
        ("3", "Di", Some("di@x.example")),
    ]);
    b.items[1].state = ItemState::Sending;
    assert_eq!(b.next(), Some(1), "the interrupted one first");
    let existing = [
        interview("i-ann", "job-1", "Ann@x.example", "completed"),
        interview("i-cy", "job-1", "cy@x.example", "invited"),
        interview("i-di", "other-job", "di@x.example", "invited"),
    ];
    b.skip_existing(&existing);
    assert_eq!(b.items[0].state, ItemState::Skipped { reason: "Already invited (completed).".into() });
    assert_eq!(b.items[1].state, ItemState::Sent { interview_uuid: "i-cy".into() });
    assert_eq!(b.items[2].state, ItemState::Pending, "an interview for another job doesn't count");
    let mut stopped = batch(&[("1", "Ann", Some("ann@x.example"))]);
    stopped.checked_existing = true;
    assert!(!stopped.needs_look(&[]));
    stopped.items[0].state = ItemState::Sending;
    assert!(!stopped.needs_look(&[0]), "a create in flight now is not looked for");
    assert!(stopped.needs_look(&[]), "a create cut off by a stopped worker is looked up first");
    let mut lost = batch(&[("1", "Ann", Some("new@x.example"))]);
    lost.items[0].state = ItemState::Sending;
    lost.skip_existing(&existing);
    assert_eq!(lost.items[0].state, ItemState::Pending, "a create that never arrived is sent again");
    assert_eq!(b.next(), Some(2));
    b.items[2].state = ItemState::Sent { interview_uuid: "i-new".into() };
    assert!(b.is_done());
    // Run twice: everyone is already invited, nobody twice.
    let mut again = batch(&[("1", "Ann", Some("ann@x.example")), ("2", "Cy", Some("cy@x.example"))]);
    again.skip_existing(&existing);
    assert!(again.is_done());
    assert_eq!(again.counts().skipped, 2);
}

#[test]
fn retry_puts_back_only_what_can_succeed() {
    let mut b = batch(&[("1", "Ann", Some("ann@x.example")), ("2", "Bob", None)]);
    b.checked_existing = true;
    b.items[0].state = ItemState::Failed { reason: "HTTP 500".into() };
    assert_eq!(b.retry_failed(), 1);
    assert_eq!(b.items[0].state, ItemState::Pending);
    assert!(matches!(b.items[1].state, ItemState::Failed { .. }));
    assert!(!b.checked_existing, "look again before retrying");
}

#[test]
fn failures_in_the_background_wait_retry_or_stop_as_the_vendor_says() {
    use crate::provider::testing::VENDOR as V;
    let mut b = batch(&[("1", "Ann", Some("ann@x.example")), ("2", "Bob", Some("bob@x.example"))]);
    b.checked_existing = true;
    // 429: the same candidate again after the named wait; nothing counted against them.
    b.items[0].state = ItemState::Sending;
    assert_eq!(b.on_error(Some(0), &ApiError::RateLimited { vendor: V, retry_after: 7 }), 7000);
    assert_eq!((b.items[0].state.clone(), b.items[0].attempts), (ItemState::Pending, 0));
    assert!(b.checked_existing, "a 429 did no work: nothing to look up");
    // 5xx: look again first, back off, and fail the candidate after the retries.
    let server = ApiError::Server { vendor: V, status: 502 };
    let waits: Vec<u64> = (0..=MAX_RETRIES).map(|_| b.on_error(Some(0), &server)).collect();
    assert_eq!(waits, [1000, 2000, 4000, 8000]);
    assert!(!b.checked_existing, "it may have been made: look before sending again");
    assert_eq!(
        b.items[0].state,
        ItemState::Failed { reason: "Acme Interviews had a problem on its side.".into() }
    );
    assert_eq!(b.items[1].state, ItemState::Pending, "the others go on");
    // A refusal fails that candidate with the vendor's reason, no wait.
    let refused = ApiError::Refused { vendor: V, status: 422, reason: "Email bounced".into() };
    assert_eq!(b.on_error(Some(1), &refused), 0);
    assert_eq!(
        b.items[1].state,
        ItemState::Failed { reason: "Acme Interviews refused the request: Email bounced".into() }
    );
    // The job's interviews unreadable after the retries, or a rejected key: everyone left fails.
    let mut c = batch(&[("1", "Ann", Some("ann@x.example"))]);
    for _ in 0..MAX_RETRIES {
        assert!(c.on_error(None, &ApiError::Unreachable { vendor: V }) > 0);
    }
    assert_eq!(c.on_error(None, &ApiError::Unreachable { vendor: V }), 0);
    assert_eq!(c.items[0].state, ItemState::Failed { reason: "Couldn't reach Acme Interviews.".into() });
    let mut d = batch(&[("1", "Ann", Some("ann@x.example"))]);
    d.on_error(Some(0), &ApiError::KeyRejected { vendor: V });
    assert!(
        matches!(&d.items[0].state, ItemState::Failed { reason } if reason.contains("rejected the saved API key"))
    );
    assert!(d.is_done());
}

#[test]
fn pacing_keeps_any_minute_under_the_limit() {
    // 400/min: one request every 151 ms at most.
    assert_eq!(pace_ms(0, 1_000_000, 400), 0);
    assert_eq!(pace_ms(1_000_000, 1_000_000, 400), 151);
    assert_eq!(pace_ms(1_000_000, 1_000_100, 400), 51);
    assert_eq!(pace_ms(1_000_500, 1_000_000, 400), 651, "slots reserved ahead are waited for");
    assert_eq!(
        pace_ms(9_000_000, 1_000_000, 400),
        151 * (AHEAD as u64 + 1),
        "a clock that went back waits no longer than a full reservation"
    );
    // Simulate a long run: no 60 s window holds more than the limit.
    let (mut now, mut sent) = (0i64, Vec::new());
    let mut last = -1_000_000;
    for _ in 0..1000 {
        now += pace_ms(last, now, 400) as i64;
        sent.push(now);
        last = now;
        now += 20; // the request itself
    }
    assert!(under_limit(&sent, 400));
}

fn under_limit(sent: &[i64], per_minute: usize) -> bool {
    let mut sent = sent.to_vec();
    sent.sort();
    sent.iter()
        .enumerate()
        .all(|(i, t)| sent[i..].iter().take_while(|u| **u < t + 60_000).count() <= per_minute)
}

#[test]
fn claims_reserve_evenly_spaced_slots_that_hold_across_a_restart() {
    let people: Vec<(String, String, Option<String>)> =
        (0..40).map(|k| (k.to_string(), format!("P{k}"), Some(format!("p{k}@x.example")))).collect();
    let refs: Vec<(&str, &str, Option<&str>)> =
        people.iter().map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_deref())).collect();
    let mut b = batch(&refs);
    b.checked_existing = true;
    let first = b.claim(AHEAD, 1_000_000, 400);
    assert_eq!(first.len(), AHEAD);
    assert_eq!(first[0], (0, 1_000_000), "the first goes out at once");
    assert!(first.windows(2).all(|w| w[1].1 - w[0].1 == 151), "{first:?}");
    assert!(first.iter().all(|(k, _)| b.items[*k].state == ItemState::Sending));
    let flying: Vec<usize> = first.iter().map(|(k, _)| *k).collect();
    assert!(!b.needs_look(&flying), "the run's own creates in flight need no look");
    // One never went out (the run paused first): it is pending again, not looked for.
    b.unclaim(7);
    assert_eq!(b.items[7].state, ItemState::Pending);
    // The worker restarts right after a claim: the stored reservation holds the next slots back.
    let mut restarted = b.clone();
    let next = restarted.claim(AHEAD, 1_000_000, 400);
    assert_eq!(next[0].1, first[AHEAD - 1].1 + 151);
    assert_eq!(next.len(), 1, "never more than {AHEAD} slots ahead of now");
    assert!(restarted.needs_look(&[]), "the claimed ones are looked for after a restart");
    let mut slots: Vec<i64> = first.iter().chain(&next).map(|(_, at)| *at).collect();
    // Claims made a chunk ahead over a long run still keep every minute under the limit.
    let mut now = 1_000_000;
    for _ in 0..150 {
        for k in 0..restarted.items.len() {
            restarted.items[k].state = ItemState::Pending;
        }
        slots.extend(restarted.claim(AHEAD, now, 400).into_iter().map(|(_, at)| at));
        now += 700;
    }
    assert!(slots.len() > 400 && under_limit(&slots, 400));
}

#[test]
fn the_panel_is_shown_a_run_as_people_and_outcomes_not_the_stored_record() {
    let mut b = batch(&[
        ("1", "Ann", Some("ann@x.example")),
        ("2", "Bob", None),
        ("3", "Cy", Some("cy@x.example")),
        ("4", "Di", Some("di@x.example")),
    ]);
    b.items[0].state = ItemState::Sent { interview_uuid: "int-1".into() };
    // Interrupted mid-send: to the recruiter it is still waiting.
    b.items[2].state = ItemState::Sending;
    b.items[3].state = ItemState::Failed { reason: "Bounced.".into() };
    let shown = b.progress();
    assert_eq!(shown.id, "b1");
    assert_eq!(shown.job_title, "Java Developer");
    assert_eq!(shown.counts(), Counts { total: 4, sent: 1, skipped: 0, failed: 2, pending: 1 });
    assert!(!shown.is_done());
    // Those that failed first, each group in the run's order.
    let outcomes: Vec<_> = shown.people.iter().map(|r| (r.name.as_str(), r.outcome.clone())).collect();
    assert_eq!(
        outcomes,
        [
            ("Bob", Outcome::Failed("No email address on the page.".into())),
            ("Di", Outcome::Failed("Bounced.".into())),
            ("Ann", Outcome::Sent),
            ("Cy", Outcome::Waiting),
        ]
    );
    // Nothing of the record's bookkeeping (interview ids, attempts) goes to the page.
    let json = serde_json::to_string(&shown).unwrap();
    assert!(!json.contains("int-1") && !json.contains("attempts"), "{json}");
}

#[test]
fn a_send_all_is_kept_as_the_terms_the_recruiter_chose_and_sent_as_a_single_send_would_be() {
    let terms = Terms {
        job_uuid: "job-1".into(),
        question_set_uuid: "qs-1".into(),
        kind: InterviewKind::Live,
        scheduled_ms: 1_900_000_000_000,
        timezone: "Europe/London".into(),
        message: "  See you soon \n".into(),
    };
    let spec = BulkSpec::new(Ats::Lever, None, "post-1".into(), "Java Developer".into(), terms.clone());
    assert_eq!(spec.message, "See you soon");
    let item = BulkItem {
        ats_id: "1".into(),
        name: "Ann".into(),
        email: "ann@x.example".into(),
        state: ItemState::Pending,
        attempts: 0,
    };
    let one = Terms { message: "See you soon".into(), ..terms };
    assert_eq!(spec.invite(&item), NewInvite::on(&one, "Ann", "ann@x.example"));
}
