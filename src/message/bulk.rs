//! Send all, as the panel asks for it and watches it: what the recruiter chose, and how far the
//! run got. The worker keeps its own record of a run (`bulk::Batch`); these are what it shows.

use serde::{Deserialize, Serialize};

use super::{ListItem, Terms};
use crate::ats::Ats;
use crate::vendor::Vendor;

/// What the recruiter chose on a job page's Send all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBulk {
    pub provider: Vendor,
    pub ats: Ats,
    pub ats_job_id: String,
    /// The provider job's title, for the progress heading.
    pub job_title: String,
    pub terms: Terms,
    pub people: Vec<ListItem>,
}

/// A run as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkProgress {
    pub id: String,
    pub job_title: String,
    pub people: Vec<BulkRow>,
}

/// Derived where it is shown, not sent: the worker then carries no encoder for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub total: usize,
    pub sent: usize,
    pub skipped: usize,
    pub failed: usize,
    pub pending: usize,
}

/// One person of a run and how their invite went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkRow {
    pub name: String,
    pub email: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Waiting,
    Sent,
    /// Why nobody was invited (already invited, listed twice).
    Skipped(String),
    Failed(String),
}

impl BulkProgress {
    pub fn counts(&self) -> Counts {
        let mut c = Counts { total: self.people.len(), ..Counts::default() };
        for r in &self.people {
            match r.outcome {
                Outcome::Sent => c.sent += 1,
                Outcome::Skipped(_) => c.skipped += 1,
                Outcome::Failed(_) => c.failed += 1,
                Outcome::Waiting => c.pending += 1,
            }
        }
        c
    }

    pub fn is_done(&self) -> bool {
        self.counts().pending == 0
    }
}
