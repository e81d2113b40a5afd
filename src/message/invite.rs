//! An invite as the recruiter fills it in, and an interview as the panel shows it.

use serde::{Deserialize, Serialize};

use crate::provider::{NewInvite, Provider};

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

impl Terms {
    /// What is missing or wrong before anything is sent, in the recruiter's words.
    pub fn check(&self, p: &Provider, now_ms: i64) -> Result<(), String> {
        if self.job_uuid.is_empty() {
            return Err(format!("Choose a {} job.", p.vendor.label));
        }
        if self.question_set_uuid.is_empty() {
            return Err(format!("Choose a {}.", p.template_noun));
        }
        crate::deadline::check(self.kind, Some(self.scheduled_ms), now_ms)
            .map(|_| ())
            .map_err(|e| e.message().to_string())
    }

    /// The provider's invite of one candidate on these terms.
    pub fn for_candidate<'a>(&'a self, name: &'a str, email: &'a str) -> NewInvite<'a> {
        NewInvite {
            kind: self.kind,
            scheduled_ms: self.scheduled_ms,
            name,
            email,
            message: &self.message,
            job_id: &self.job_uuid,
            template_id: &self.question_set_uuid,
            timezone: &self.timezone,
        }
    }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_missing_a_choice_or_in_the_past_are_refused_in_words() {
        let p = crate::provider::ALL[0];
        let now = 1_800_000_000_000;
        let ok = Terms {
            job_uuid: "job-1".into(),
            question_set_uuid: "qs-1".into(),
            kind: InterviewKind::OneWay,
            scheduled_ms: now + 86_400_000,
            timezone: "UTC".into(),
            message: String::new(),
        };
        assert_eq!(ok.check(p, now), Ok(()));
        let no_job = Terms { job_uuid: String::new(), ..ok.clone() };
        assert_eq!(no_job.check(p, now), Err(format!("Choose a {} job.", p.vendor.label)));
        let no_set = Terms { question_set_uuid: String::new(), ..ok.clone() };
        assert_eq!(no_set.check(p, now), Err(format!("Choose a {}.", p.template_noun)));
        let past = Terms { scheduled_ms: now - 1, ..ok };
        assert!(past.check(p, now).unwrap_err().contains("in the past"));
    }
}
