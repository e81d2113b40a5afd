//! Bulk invites from a job's pipeline: a queue the service worker persists and works through
//! under the provider's rate limit, that never invites a candidate twice for the same job.
//! Plain data and rules here; the worker only stores it and makes the calls.

use serde::{Deserialize, Serialize};

use crate::ats::Ats;
use crate::error::ApiError;
use crate::message::InterviewKind;
use crate::provider::{existing_invite, Interview};
use crate::retry::MAX_RETRIES;

/// How many finished batches are kept for the panel to show.
pub const KEEP_BATCHES: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    Pending,
    /// A create was sent and its answer not yet recorded: after a restart, look before posting.
    Sending,
    Sent {
        interview_uuid: String,
    },
    Skipped {
        reason: String,
    },
    Failed {
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkItem {
    pub ats_id: String,
    pub name: String,
    pub email: String,
    pub state: ItemState,
    /// Transient failures so far (5xx, no answer); past `retry::MAX_RETRIES` it fails.
    #[serde(default)]
    pub attempts: u32,
}

/// What a Send-all sends: the same for every candidate in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkSpec {
    pub ats: Ats,
    /// The ATS tenant (subdomain) of the job page; `None` for batches from before tenants
    /// were recorded, or an ATS without tenants.
    #[serde(default)]
    pub tenant: Option<String>,
    pub ats_job_id: String,
    pub job_uuid: String,
    pub job_title: String,
    pub question_set_uuid: String,
    pub kind: InterviewKind,
    pub scheduled_ms: i64,
    pub timezone: String,
    pub message: String,
}

/// One Send-all: what to send, to whom, and how far it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    pub id: String,
    /// The interview provider it sends with. Batches from before providers were recorded
    /// (schema v0) were all Spark Hire's.
    #[serde(default = "v0_provider")]
    pub provider: String,
    /// The provider account it sends with.
    #[serde(default)]
    pub account_id: String,
    pub spec: BulkSpec,
    pub items: Vec<BulkItem>,
    /// When the last request of this batch went out, for pacing across worker restarts.
    pub last_request_ms: i64,
    /// The job's existing interviews have been read into the items (skips marked).
    pub checked_existing: bool,
    /// Transient failures reading the job's interviews, in a row.
    #[serde(default)]
    pub list_attempts: u32,
}

fn v0_provider() -> String {
    crate::store::records::V0_PROVIDER.into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Counts {
    pub total: usize,
    pub sent: usize,
    pub skipped: usize,
    pub failed: usize,
    pub pending: usize,
}

impl Batch {
    /// Candidates without an email can't be invited; the same email twice is one invite.
    pub fn new_items(people: impl IntoIterator<Item = (String, String, Option<String>)>) -> Vec<BulkItem> {
        let mut seen = crate::names::Names::new();
        people
            .into_iter()
            .map(|(ats_id, name, email)| {
                let email = email.unwrap_or_default().trim().to_string();
                let state = if !email.contains('@') {
                    ItemState::Failed { reason: "No email address on the page.".into() }
                } else if !seen.insert(email.to_ascii_lowercase()) {
                    ItemState::Skipped { reason: "Listed twice; invited once.".into() }
                } else {
                    ItemState::Pending
                };
                BulkItem { ats_id, name, email, state, attempts: 0 }
            })
            .collect()
    }

    /// The next candidate to work on: one interrupted mid-send first, then the pending ones.
    pub fn next(&self) -> Option<usize> {
        self.items
            .iter()
            .position(|i| i.state == ItemState::Sending)
            .or_else(|| self.items.iter().position(|i| i.state == ItemState::Pending))
    }

    /// Whether the job's interviews must be read before the next create: at the start, and
    /// whenever a create was interrupted (the worker stopped, or no answer came) — it may have
    /// gone through.
    pub fn needs_look(&self) -> bool {
        !self.checked_existing || self.items.iter().any(|i| i.state == ItemState::Sending)
    }

    pub fn is_done(&self) -> bool {
        self.next().is_none()
    }

    /// Marks as skipped everyone who already has a live interview for this job.
    pub fn skip_existing(&mut self, existing: &[Interview]) {
        for item in &mut self.items {
            if matches!(item.state, ItemState::Pending | ItemState::Sending) {
                if let Some(found) = existing_invite(existing, &self.spec.job_uuid, &item.email) {
                    item.state = if item.state == ItemState::Sending {
                        // Our own create went through before the worker stopped.
                        ItemState::Sent { interview_uuid: found.row.uuid.clone() }
                    } else {
                        ItemState::Skipped {
                            reason: format!(
                                "Already invited ({}).",
                                found.row.status_label.to_ascii_lowercase()
                            ),
                        }
                    };
                }
            }
        }
        // Not found: an interrupted create never reached the provider; send it again.
        for item in &mut self.items {
            if item.state == ItemState::Sending {
                item.state = ItemState::Pending;
            }
        }
        self.checked_existing = true;
    }

    /// Puts the failures back in the queue (the recruiter pressed "Retry failed"). Those who
    /// had no email stay failed: nothing about them has changed.
    pub fn retry_failed(&mut self) -> usize {
        let mut n = 0;
        for item in &mut self.items {
            if matches!(item.state, ItemState::Failed { .. }) && item.email.contains('@') {
                item.state = ItemState::Pending;
                n += 1;
            }
        }
        if n > 0 {
            // Someone may have invited them meanwhile.
            self.checked_existing = false;
        }
        n
    }

    /// Nothing more can succeed without the recruiter (e.g. the key was rejected): everyone
    /// not yet invited fails with `reason`.
    pub fn fail_rest(&mut self, reason: &str) {
        for item in &mut self.items {
            if matches!(item.state, ItemState::Pending | ItemState::Sending) {
                item.state = ItemState::Failed { reason: reason.to_string() };
            }
        }
        self.checked_existing = true;
    }

    /// Records a failed request of this batch (reading the job's interviews when `index` is
    /// `None`, else inviting that candidate) and says how long to wait before the next one.
    /// The sentences are for a run in the background: what happened, not what to press.
    pub fn on_error(&mut self, index: Option<usize>, e: &ApiError) -> u64 {
        match e {
            // Refused before any work was done: wait as told, then the same candidate again.
            ApiError::RateLimited { retry_after, .. } => {
                if let Some(item) = index.and_then(|i| self.items.get_mut(i)) {
                    item.state = ItemState::Pending;
                }
                retry_after.clamp(&1, &60) * 1000
            }
            // May or may not have been made: look before trying again, and not forever.
            ApiError::Server { .. } | ApiError::Unreachable { .. } => {
                self.checked_existing = false;
                let attempts = match index.and_then(|i| self.items.get_mut(i)) {
                    Some(item) => {
                        item.attempts += 1;
                        if item.attempts > MAX_RETRIES {
                            item.state = ItemState::Failed { reason: e.background_message() };
                        }
                        item.attempts
                    }
                    None => {
                        self.list_attempts += 1;
                        if self.list_attempts > MAX_RETRIES {
                            self.fail_rest(&e.background_message());
                            return 0;
                        }
                        self.list_attempts
                    }
                };
                500 * 2u64.pow(attempts.min(6))
            }
            ApiError::KeyRejected { .. } | ApiError::NoKey { .. } => {
                self.fail_rest(&e.message());
                0
            }
            other => {
                match index.and_then(|i| self.items.get_mut(i)) {
                    Some(item) => item.state = ItemState::Failed { reason: other.background_message() },
                    None => self.fail_rest(&other.background_message()),
                }
                0
            }
        }
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts { total: self.items.len(), ..Counts::default() };
        for i in &self.items {
            match i.state {
                ItemState::Sent { .. } => c.sent += 1,
                ItemState::Skipped { .. } => c.skipped += 1,
                ItemState::Failed { .. } => c.failed += 1,
                ItemState::Pending | ItemState::Sending => c.pending += 1,
            }
        }
        c
    }
}

/// How long to wait before the next request so that requests are evenly spaced under the
/// per-minute limit: no 60-second window can then hold more than the limit, even across a
/// worker restart (the last request time is stored with the batch).
pub fn pace_ms(last_request_ms: i64, now_ms: i64, per_minute: u32) -> u64 {
    let spacing = 60_000 / i64::from(per_minute.max(1)) + 1;
    (last_request_ms + spacing - now_ms).clamp(0, spacing) as u64
}

#[cfg(test)]
mod tests {
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
        assert!(!stopped.needs_look());
        stopped.items[0].state = ItemState::Sending;
        assert!(stopped.needs_look(), "a create cut off by a stopped worker is looked up first");
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
            ItemState::Failed { reason: "Acme Interviews had a problem on its side (HTTP 502).".into() }
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
        assert_eq!(
            pace_ms(2_000_000, 1_000_000, 400),
            151,
            "a clock that went back waits one spacing, no more"
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
        for (i, t) in sent.iter().enumerate() {
            let in_window = sent[i..].iter().take_while(|u| **u < t + 60_000).count();
            assert!(in_window <= 400, "{in_window} requests in the minute from {t}");
        }
    }
}
