//! Interview providers: each is one folder (its requests and replies, sans-IO, with the
//! vendor's own field names) and one line in `ALL`, where it declares what the machinery
//! around it needs to know: who it is (`Vendor`: hosts, house rules), its credential fields,
//! what it can do, its rate limit, and its `Api`, which builds requests and reads replies.
//! The worker (`web::interviews`, `web::bulk`, `web::links`, `web::accounts`) runs every
//! provider the same way through `Api`, with `orchestrate` for retries and look-before-post.

pub mod myinterview;
#[cfg(feature = "worker")]
pub mod run;
pub mod sparkhire;

use crate::error::ApiError;
use crate::http::{HttpReply, HttpRequest};
use crate::i18n::{msg, msgf};
use crate::message::{Choice, InterviewKind, InterviewRow, Terms};
use crate::settings::Settings;
use crate::store::records::StoredAccount;
use crate::vendor::Vendor;

pub use crate::vendor::CredentialField;

/// What a provider can do, so the panel shows only what works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capabilities {
    pub live: bool,
    pub share_link: bool,
    pub extend: bool,
    pub cancel: bool,
    pub remind: bool,
    pub grade: bool,
    pub score: bool,
    pub create_job: bool,
    /// Its jobs carry their questions, made from a template (myInterview): Create asks for
    /// one, and an invite for an ATS job with no job yet makes it first.
    pub job_from_template: bool,
}

#[derive(Clone, Copy)]
pub struct Provider {
    pub vendor: Vendor,
    pub credentials: &'static [CredentialField],
    pub capabilities: Capabilities,
    /// Requests a minute per key; bulk runs are paced under it.
    pub per_minute: u32,
    /// What the provider calls the set of questions an interview asks ("question set").
    pub template_noun: &'static str,
    /// Only the worker talks to vendors: the pages' bundles carry the declaration without the
    /// code behind it.
    #[cfg(feature = "worker")]
    pub api: &'static dyn Api,
}

impl Provider {
    /// How many requests a minute bulk runs with this provider may make: the recruiter's pace
    /// (other tools may share the key), else the provider's limit.
    pub fn pace(&self, s: &Settings) -> u32 {
        s.pace(self.vendor.id).unwrap_or(self.per_minute)
    }

    /// What is missing or wrong in an invite's terms before anything is sent, in the
    /// recruiter's words.
    pub fn check(&self, t: &Terms, now_ms: i64) -> Result<(), String> {
        if t.job_uuid.is_empty() {
            return Err(msgf("choose_job", &[self.vendor.label]));
        }
        if t.question_set_uuid.is_empty() {
            return Err(if self.asks_question_sets() { msg("choose_qs") } else { msg("choose_tpl") });
        }
        crate::deadline::check(t.kind, Some(t.scheduled_ms), now_ms).map(|_| ()).map_err(|e| e.message())
    }

    /// Spark Hire's question sets rather than templates (myInterview's): each has its own
    /// messages, as a translation can't swap the noun alone (its gender and case change the
    /// sentence around it).
    pub fn asks_question_sets(&self) -> bool {
        self.template_noun == "question set"
    }

    /// The template noun as a form label starts it ("Question set").
    pub fn template_title(&self) -> String {
        if self.asks_question_sets() {
            msg("question_set")
        } else {
            msg("template")
        }
    }
}

impl PartialEq for Provider {
    fn eq(&self, other: &Self) -> bool {
        self.vendor == other.vendor
    }
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.vendor.id)
    }
}

/// Every provider, one line each.
pub const ALL: &[&Provider] = &[&sparkhire::PROVIDER, &myinterview::PROVIDER];

pub fn by_id(id: &str) -> Option<&'static Provider> {
    ALL.iter().copied().find(|p| p.vendor.id == id)
}

/// Where a provider's requests go and as whom: the recruiter's settings (hosts) and the
/// account's credentials.
#[derive(Clone, Copy)]
pub struct Conn<'a> {
    pub settings: &'a Settings,
    pub account: &'a StoredAccount,
}

impl Conn<'_> {
    pub fn host(&self, v: Vendor, name: &str) -> String {
        self.settings.host(v, name)
    }

    pub fn credential(&self, field: &str) -> &str {
        self.account.credential(field).unwrap_or_default()
    }
}

/// Who the provider says the credentials belong to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Me {
    pub name: String,
    pub email: String,
}

/// One candidate's invite, as the panel's Send and a bulk run both make it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewInvite<'a> {
    pub kind: InterviewKind,
    pub scheduled_ms: i64,
    pub name: &'a str,
    pub email: &'a str,
    pub message: &'a str,
    pub job_id: &'a str,
    pub template_id: &'a str,
    /// IANA zone of the recruiter's browser.
    pub timezone: &'a str,
    /// Whether the provider emails the candidate (where it has the choice): not when the ATS
    /// sends its own email (PageUp, on a status change).
    pub send_email: bool,
}

impl<'a> NewInvite<'a> {
    /// One candidate's invite on the terms the recruiter chose.
    pub fn on(t: &'a Terms, name: &'a str, email: &'a str) -> NewInvite<'a> {
        NewInvite {
            kind: t.kind,
            scheduled_ms: t.scheduled_ms,
            name,
            email,
            message: &t.message,
            job_id: &t.job_uuid,
            template_id: &t.question_set_uuid,
            timezone: &t.timezone,
            send_email: true,
        }
    }
}

/// A job made from an ATS job ("Create New Job").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    pub title: String,
    pub location: Option<String>,
    pub description: Option<String>,
    /// The template whose questions it asks (`Capabilities::job_from_template`).
    pub template_id: Option<String>,
}

/// A recruiter's verdict on a completed interview (myInterview: "grade the candidate by
/// selecting Shortlist or Reject").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    Shortlist,
    Reject,
}

/// An interview as the provider lists it: the row the panel shows, and what "never invite
/// twice" compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interview {
    pub row: InterviewRow,
    pub job_id: Option<String>,
    pub email: Option<String>,
    /// Still counts as "invited" for its job (not expired, cancelled or deleted).
    pub open: bool,
}

impl Interview {
    /// Sent to this address: vendors keep the case and spaces the address was typed with.
    pub fn is_for(&self, email: &str) -> bool {
        self.email.as_deref().is_some_and(|e| e.trim().eq_ignore_ascii_case(email.trim()))
    }
}

/// The interview this candidate already has for this job, if any: sending a second one would
/// email the candidate twice. Also how a retried create learns that an earlier try went through.
pub fn existing_invite<'a>(list: &'a [Interview], job_id: &str, email: &str) -> Option<&'a Interview> {
    list.iter().find(|i| i.open && i.job_id.as_deref() == Some(job_id) && i.is_for(email))
}

/// An interview's status in the recruiter's language, from the vendor's own name for it
/// (Spark Hire's `in_progress`, myInterview's "Ready for Review"); one this version doesn't
/// know is shown as the vendor wrote it (`as_written`).
pub fn status_said(status: &str, as_written: impl FnOnce() -> String) -> String {
    match status.to_ascii_lowercase().as_str() {
        "" => msg("st_unknown"),
        "invited" => msg("st_invited"),
        "started" => msg("st_started"),
        "in_progress" => msg("st_in_progress"),
        "completed" => msg("st_completed"),
        "ready for review" => msg("st_ready"),
        "shortlisted" => msg("st_shortlisted"),
        "rejected" => msg("st_rejected"),
        "expired" => msg("st_expired"),
        "cancelled" => msg("st_cancelled"),
        "archived" => msg("st_archived"),
        "deleted" => msg("st_deleted"),
        _ => as_written(),
    }
}

/// The most pages of interviews read for one list: 50 pages of 100 is more than any one job
/// or account we have seen, and a bound keeps a broken `range` from looping for ever.
pub const MAX_PAGES: usize = 50;

/// After a page of `got` interviews, whether the next page should be read.
pub fn more_pages(api: &dyn Api, got: usize, page: usize) -> bool {
    api.interviews_per_page().is_some_and(|n| got >= n) && page + 1 < MAX_PAGES
}

/// A provider's API, sans-IO: each request it needs, and a reader for the reply. Readers map
/// a non-2xx through `error::check` with the provider's house rules.
pub trait Api: Sync {
    /// A cheap call that proves the credentials.
    fn who_am_i(&self, c: &Conn) -> HttpRequest;
    fn read_me(&self, r: &HttpReply) -> Result<Me, ApiError>;
    fn jobs(&self, c: &Conn) -> HttpRequest;
    fn read_jobs(&self, r: &HttpReply) -> Result<Vec<Choice>, ApiError>;
    /// The question sets (templates) an interview can ask.
    fn templates(&self, c: &Conn) -> HttpRequest;
    fn read_templates(&self, r: &HttpReply) -> Result<Vec<Choice>, ApiError>;
    /// One page of interviews, newest first (`page` from 0); `job` narrows to one job.
    fn interviews(&self, c: &Conn, job: Option<&str>, page: usize) -> HttpRequest;
    /// How many interviews a full page holds, for an API that pages its list: a full page may
    /// have more after it. `None`: the first page is the whole list.
    fn interviews_per_page(&self) -> Option<usize> {
        None
    }
    fn read_interviews(&self, c: &Conn, r: &HttpReply) -> Result<Vec<Interview>, ApiError>;
    fn invite(&self, c: &Conn, i: &NewInvite) -> HttpRequest;
    fn read_invited(&self, c: &Conn, r: &HttpReply) -> Result<Interview, ApiError>;
    /// `None` when the provider has no share links (`Capabilities::share_link`).
    fn share_link(&self, c: &Conn, interview_id: &str) -> Option<HttpRequest>;
    /// An https link, or `Garbled`.
    fn read_share_link(&self, r: &HttpReply) -> Result<String, ApiError>;
    /// `None` when jobs can't be made through the API (`Capabilities::create_job`). A job made
    /// from a template is made from `templates`, the answer to `templates` that lists it with
    /// its questions; an error when it isn't there any more.
    fn create_job(
        &self,
        c: &Conn,
        job: &NewJob,
        templates: Option<&HttpReply>,
    ) -> Option<Result<HttpRequest, ApiError>>;
    fn read_job(&self, r: &HttpReply) -> Result<Choice, ApiError>;
    /// A new deadline for an invitation: `deadline_ms` since the epoch, shown to the candidate
    /// in `timezone` (IANA). `None` without `Capabilities::extend`.
    fn extend(
        &self,
        _: &Conn,
        _interview_id: &str,
        _deadline_ms: i64,
        _timezone: &str,
    ) -> Option<HttpRequest> {
        None
    }
    /// Withdraws an invitation. `None` without `Capabilities::cancel`.
    fn cancel(&self, _: &Conn, _interview_id: &str) -> Option<HttpRequest> {
        None
    }
    /// Emails the candidate a reminder. `None` without `Capabilities::remind`.
    fn remind(&self, _: &Conn, _interview_id: &str) -> Option<HttpRequest> {
        None
    }
    /// `None` without `Capabilities::grade`.
    fn grade(&self, _: &Conn, _interview_id: &str, _grade: Grade) -> Option<HttpRequest> {
        None
    }
    /// A graded interview's assessment summary. `None` without `Capabilities::score`.
    fn summary(&self, _: &Conn, _interview_id: &str) -> Option<HttpRequest> {
        None
    }
    /// The summary's score, where the provider gave one.
    fn read_score(&self, _: &HttpReply) -> Result<Option<f64>, ApiError> {
        Ok(None)
    }
    /// The answer to an extend, cancel or grade: the interview as it now is. Most APIs answer
    /// a change with the record itself, as they answer an invite.
    fn read_changed(&self, c: &Conn, r: &HttpReply) -> Result<Interview, ApiError> {
        self.read_invited(c, r)
    }
    /// A reminder's answer carries nothing to keep once it is a 2xx; anything else is
    /// explained the way this provider explains a change's failure (its house rules).
    fn read_reminded(&self, c: &Conn, r: &HttpReply) -> Result<(), ApiError> {
        if (200..300).contains(&r.status) {
            return Ok(());
        }
        self.read_changed(c, r).map(drop)
    }
}

/// A provider that exists only in tests: what adding a provider takes, and proof that the
/// shared machinery needs nothing named after Spark Hire.
#[cfg(test)]
pub mod testing;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_missing_a_choice_or_in_the_past_are_refused_in_words() {
        let p = ALL[0];
        let now = 1_800_000_000_000;
        let ok = Terms {
            job_uuid: "job-1".into(),
            question_set_uuid: "qs-1".into(),
            kind: InterviewKind::OneWay,
            scheduled_ms: now + 86_400_000,
            timezone: "UTC".into(),
            message: String::new(),
        };
        assert_eq!(p.check(&ok, now), Ok(()));
        let no_job = Terms { job_uuid: String::new(), ..ok.clone() };
        assert_eq!(p.check(&no_job, now), Err(format!("Choose a {} job.", p.vendor.label)));
        let no_set = Terms { question_set_uuid: String::new(), ..ok.clone() };
        assert_eq!(p.check(&no_set, now), Err(format!("Choose a {}.", p.template_noun)));
        let past = Terms { scheduled_ms: now - 1, ..ok };
        assert!(p.check(&past, now).unwrap_err().contains("in the past"));
    }

    #[test]
    fn every_provider_is_complete_and_found_by_its_id() {
        for p in ALL {
            assert_eq!(by_id(p.vendor.id), Some(*p));
            assert!(ALL.iter().filter(|q| q.vendor.id == p.vendor.id).count() == 1, "{:?} twice", p);
            assert!(!p.credentials.is_empty() && p.per_minute > 0, "{p:?}");
            assert!(p.vendor.host("api").is_some(), "{p:?} declares its API address");
        }
        assert_eq!(by_id("nobody"), None);
    }

    /// The panel shows a call by the capability; the worker sends what the `Api` builds. A
    /// flag without a request would show a button that can only fail, a request without its
    /// flag a call nobody can reach.
    #[cfg(feature = "worker")]
    #[test]
    fn capabilities_say_exactly_which_optional_calls_the_api_builds() {
        use crate::store::records::StoredAccount;
        let s = Settings::default();
        let job = NewJob {
            title: "Welder".into(),
            location: None,
            description: None,
            template_id: Some("t-1".into()),
        };
        let listed = HttpReply {
            status: 200,
            retry_after: None,
            body: r#"{"statusCode":200,"data":{"items":[{"id":"t-1","name":"Sales","questions":[{"question":"Why us?"}]}]}}"#.into(),
        };
        for p in ALL.iter().copied().chain([&testing::FAKE]) {
            let a = StoredAccount::for_test("a", p.vendor.id, &[]);
            let c = Conn { settings: &s, account: &a };
            let (can, api) = (p.capabilities, p.api);
            let calls = [
                ("share_link", can.share_link, api.share_link(&c, "iv-1").is_some()),
                ("create_job", can.create_job, api.create_job(&c, &job, Some(&listed)).is_some()),
                ("extend", can.extend, api.extend(&c, "iv-1", 4_102_444_800_000, "UTC").is_some()),
                ("cancel", can.cancel, api.cancel(&c, "iv-1").is_some()),
                ("remind", can.remind, api.remind(&c, "iv-1").is_some()),
                ("grade", can.grade, api.grade(&c, "iv-1", Grade::Shortlist).is_some()),
            ];
            for (call, declared, built) in calls {
                assert_eq!(declared, built, "{p:?} {call}: declared {declared}, built {built}");
            }
        }
    }
}
