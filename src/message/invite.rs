//! An invite as the recruiter fills it in, and an interview as the panel shows it.

use serde::{Deserialize, Serialize};

/// One-way (the candidate records answers before a deadline) or live (a video call at a set
/// time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum InterviewKind {
    #[default]
    OneWay,
    Live,
}

/// What an invite asks of the candidate: the same for one candidate (the panel's Send) and for
/// a job's pipeline (Send all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub job_uuid: String,
    pub question_set_uuid: String,
    pub kind: InterviewKind,
    /// One-way: the deadline. Live: when the interview starts.
    pub scheduled_ms: i64,
    /// IANA zone of the recruiter's browser, e.g. `Europe/London`.
    pub timezone: String,
    pub message: String,
}

/// What the recruiter filled in on the panel's form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invite {
    /// Made by the panel per press of Send; repeated presses of the same attempt reuse it.
    pub send_id: String,
    pub candidate_name: String,
    pub candidate_email: String,
    pub terms: Terms,
}

/// One of the candidate's interviews, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterviewRow {
    pub uuid: String,
    pub kind: InterviewKind,
    pub job_title: String,
    pub status: String,
    pub status_label: String,
    pub scheduled_at: Option<String>,
    pub completed_at: Option<String>,
    pub share_url: Option<String>,
    pub app_url: String,
    /// Live interviews still to happen: the room (the provider asks the user to sign in).
    pub join_url: Option<String>,
    /// The candidate's own link to record their answers, while they still can: to send it
    /// yourself when the ATS, not the provider, emails the candidate.
    pub invite_url: Option<String>,
    /// Sent and not yet done by the candidate: a reminder or a cancel makes sense, and a later
    /// deadline (where the provider has those calls).
    pub waiting: bool,
    /// Past its deadline undone: a later deadline reopens it.
    pub expired: bool,
    /// Done by the candidate and waiting for the recruiter's verdict (myInterview's "Ready
    /// for Review").
    pub to_review: bool,
    /// The verdict once given: shortlisted (pass) or rejected.
    pub pass: Option<bool>,
    /// The assessment summary's score (0–100), where the provider gives one.
    pub score: Option<u32>,
}

/// A change to one interview, made from its row in the panel. Names only (the deadline of an
/// extension travels beside it): a name is a string on the wire, which costs each bundle far
/// less to read than a variant with fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// A new deadline.
    Extend,
    Cancel,
    Remind,
    Shortlist,
    Reject,
}
