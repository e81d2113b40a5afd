//! Bulk invites from a job's pipeline: a queue the service worker persists and works through
//! under the provider's rate limit, that never invites a candidate twice for the same job.
//! Plain data and rules here; the worker only stores it and makes the calls.

use serde::{Deserialize, Serialize};

use crate::ats::Ats;
use crate::error::ApiError;
use crate::message::{BulkProgress, BulkRow, Counts, InterviewKind, Outcome, Terms};
use crate::provider::NewInvite;
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

impl BulkSpec {
    pub fn new(
        ats: Ats,
        tenant: Option<String>,
        ats_job_id: String,
        job_title: String,
        t: Terms,
    ) -> BulkSpec {
        BulkSpec {
            ats,
            tenant,
            ats_job_id,
            job_uuid: t.job_uuid,
            job_title,
            question_set_uuid: t.question_set_uuid,
            kind: t.kind,
            scheduled_ms: t.scheduled_ms,
            timezone: t.timezone,
            message: t.message.trim().to_string(),
        }
    }

    /// The provider's invite of one candidate of the run.
    pub fn invite<'a>(&'a self, item: &'a BulkItem) -> NewInvite<'a> {
        NewInvite {
            kind: self.kind,
            scheduled_ms: self.scheduled_ms,
            name: &item.name,
            email: &item.email,
            message: &self.message,
            job_id: &self.job_uuid,
            template_id: &self.question_set_uuid,
            timezone: &self.timezone,
            send_email: true,
        }
    }
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

impl Batch {
    /// Candidates without an email can't be invited; the same email twice is one invite.
    pub fn new_items(people: impl IntoIterator<Item = (String, String, Option<String>)>) -> Vec<BulkItem> {
        let mut seen = crate::names::Names::new();
        people
            .into_iter()
            .map(|(ats_id, name, email)| {
                let email = email.unwrap_or_default().trim().to_string();
                let state = if !email.contains('@') {
                    ItemState::Failed { reason: crate::i18n::msg("no_email_on_page") }
                } else if !seen.insert(email.to_ascii_lowercase()) {
                    ItemState::Skipped { reason: crate::i18n::msg("listed_twice") }
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

    /// Whether the job's interviews must be read before the next create: at the start, after
    /// a create that may have gone through unanswered, and for every create marked as being
    /// sent that is not in flight now (`flying`): the worker stopped after marking it.
    pub fn needs_look(&self, flying: &[usize]) -> bool {
        !self.checked_existing
            || self
                .items
                .iter()
                .enumerate()
                .any(|(k, i)| i.state == ItemState::Sending && !flying.contains(&k))
    }

    /// Up to `n` pending candidates, marked as being sent, each with the time its request may
    /// go out: evenly spaced after the last one reserved (`reserve`), and never more than
    /// `AHEAD` slots ahead of now, so that claims made ahead of time keep every minute under
    /// the limit, even across a worker restart.
    pub fn claim(&mut self, n: usize, now_ms: i64, per_minute: u32) -> Vec<(usize, i64)> {
        let mut out = Vec::new();
        let horizon = now_ms + pace_ms(now_ms, now_ms, per_minute) as i64 * AHEAD as i64;
        for k in 0..self.items.len() {
            if out.len() == n || self.last_request_ms >= horizon {
                break;
            }
            if self.items[k].state == ItemState::Pending {
                self.items[k].state = ItemState::Sending;
                out.push((k, self.reserve(now_ms, per_minute)));
            }
        }
        out
    }

    /// The time of the next request slot, recorded as the last one reserved.
    pub fn reserve(&mut self, now_ms: i64, per_minute: u32) -> i64 {
        let at = now_ms + pace_ms(self.last_request_ms, now_ms, per_minute) as i64;
        self.last_request_ms = at;
        at
    }

    /// A claimed candidate whose request never went out (the run paused before its slot).
    pub fn unclaim(&mut self, index: usize) {
        if let Some(item) = self.items.get_mut(index).filter(|i| i.state == ItemState::Sending) {
            item.state = ItemState::Pending;
        }
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
                            reason: crate::i18n::msgf(
                                "already_invited_as",
                                &[&found.row.status_label.to_ascii_lowercase()],
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
        self.progress().counts()
    }

    /// The run as the panel shows it: a stored record never goes out as a message. Those that
    /// failed come first, so the recruiter finds them without scrolling or telling colours
    /// apart; the rest in the run's order.
    pub fn progress(&self) -> BulkProgress {
        let mut people = Vec::with_capacity(self.items.len());
        let mut failed = 0;
        for i in &self.items {
            let outcome = match &i.state {
                ItemState::Pending | ItemState::Sending => Outcome::Waiting,
                ItemState::Sent { .. } => Outcome::Sent,
                ItemState::Skipped { reason } => Outcome::Skipped(reason.clone()),
                ItemState::Failed { reason } => Outcome::Failed(reason.clone()),
            };
            let row = BulkRow { name: i.name.clone(), email: i.email.clone(), outcome };
            if matches!(row.outcome, Outcome::Failed(_)) {
                people.insert(failed, row);
                failed += 1;
            } else {
                people.push(row);
            }
        }
        BulkProgress { id: self.id.clone(), job_title: self.spec.job_title.clone(), people }
    }
}

/// Requests a run may reserve ahead of time: the claim of a chunk of candidates is one
/// storage write, and their requests then leave one slot apart.
pub const AHEAD: usize = 8;

/// How long to wait before the next request so that requests are evenly spaced under the
/// per-minute limit: no 60-second window can then hold more than the limit, even across a
/// worker restart (the last reserved slot is stored with the batch, and may be ahead of now
/// by up to `AHEAD` slots).
pub fn pace_ms(last_request_ms: i64, now_ms: i64, per_minute: u32) -> u64 {
    let spacing = 60_000 / i64::from(per_minute.max(1)) + 1;
    (last_request_ms + spacing - now_ms).clamp(0, spacing * (AHEAD as i64 + 1)) as u64
}

#[cfg(test)]
mod tests;
