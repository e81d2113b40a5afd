//! Every message between the content script, the panel, the popup/options and the worker, one
//! serde enum each way. Externally tagged (`{"PageVisit": {...}}`, a bare string for unit
//! variants), which the plain-JS content script writes by hand for its two.

mod accounts;
mod hellohire;
mod invite;
mod page;
mod sender;

pub use accounts::{Account, Choice, SparkHireAccount};
pub use hellohire::{PendingRating, SrProfile, SyncProgress};
pub use invite::{InterviewKind, InterviewRow, Invite};
pub use page::{Candidate, HellohireContext, JobPosting, ListItem, PageContext, PageFields, Source};
pub use sender::Sender;

use serde::{Deserialize, Serialize};

use crate::ats::{Ats, PageRule};
use crate::error::{ApiError, Vendor};
use crate::hellohire::{Rating, Registrant};
use crate::settings::{Settings, SettingsPatch};

/// A recruiter-facing failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub message: String,
    /// Set when the failure is about a saved key, so the UI can point at the popup.
    pub key_problem: Option<Vendor>,
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        let key_problem = match e {
            ApiError::KeyRejected { vendor } | ApiError::NoKey { vendor } => Some(vendor),
            _ => None,
        };
        Failure { message: e.message(), key_problem }
    }
}

impl Failure {
    pub fn plain(message: impl Into<String>) -> Self {
        Failure { message: message.into(), key_problem: None }
    }
}

// Externally tagged (`{"SendInvite": {...}}`, a bare string for unit variants): an internally
// tagged enum makes serde buffer every message and costs the panel bundle tens of kilobytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Content script, on every URL change: is this a page we act on, and what to read?
    /// `url` is the page's own `location.href`: single-page apps move it without the browser's
    /// record of the sender's URL following, so the worker checks it against the sender's origin.
    PageVisit {
        url: String,
    },
    /// Content script: what the page shows now.
    PageFields {
        url: String,
        fields: PageFields,
    },
    /// Panel: which candidate am I about (and which tab am I in)?
    GetContext,
    GetAccounts,
    SaveKey {
        vendor: Vendor,
        key: String,
    },
    RemoveKey {
        vendor: Vendor,
    },
    GetSettings,
    /// Only the fields the recruiter changed: a page loaded earlier never reverts a switch
    /// flipped since.
    SaveSettings {
        patch: SettingsPatch,
    },
    /// Popup and options: what the recruiter should know about their saved data.
    GetNotices,
    DismissNotices,
    /// Jobs and question sets of the Spark Hire account: from the cache when `fresh` is false
    /// and there is one, else from Spark Hire (which also refreshes the cache).
    GetCatalog {
        fresh: bool,
    },
    GetInterviews {
        email: String,
    },
    SendInvite {
        invite: Invite,
    },
    ShareLink {
        interview_uuid: String,
    },
    /// Job page: invite these candidates; the worker queues them and works in the background.
    StartBulk {
        bulk: NewBulk,
    },
    /// Job page: the latest bulk invite for this ATS job, if any.
    GetBulk {
        ats_job_id: String,
    },
    /// Put a batch's failures back in the queue.
    RetryBulk {
        id: String,
    },
    /// Options and panel: the Spark Hire accounts, and the one this page's ATS uses.
    GetSparkHireAccounts,
    AddAccount {
        display_name: String,
        key: String,
        active: bool,
        credits: Option<u32>,
    },
    UpdateAccount {
        id: String,
        active: bool,
        credits: Option<u32>,
    },
    RemoveAccount {
        id: String,
    },
    /// Panel: use this account on this ATS from now on.
    ChooseAccount {
        id: String,
    },
    /// The Spark Hire jobs linked to these ATS jobs.
    GetLinks {
        ats: Ats,
        ats_job_ids: Vec<String>,
    },
    /// Link an ATS job to an existing Spark Hire job ("Tag Existing Job").
    LinkJob {
        ats: Ats,
        ats_job_id: String,
        job_uuid: String,
    },
    /// Create a Spark Hire job from the ATS job and link the two ("Create New Job").
    CreateLinkedJob {
        ats: Ats,
        ats_job_id: String,
        title: String,
        location: Option<String>,
        description: Option<String>,
    },
    /// Hellohire: the registrant's SmartRecruiters profile and their rating for the interview.
    FindInSmartRecruiters {
        registrant: Registrant,
        interview: String,
    },
    /// Hellohire: add the registrant to the SmartRecruiters talent pool.
    CreateInSmartRecruiters {
        registrant: Registrant,
        interview: String,
    },
    /// Hellohire: rate the registrant; the rating becomes their SmartRecruiters tag.
    Rate {
        registrant: Registrant,
        interview: String,
        rating: Rating,
    },
    /// Hellohire: the registrants on this tab's page into SmartRecruiters, when the setting
    /// is on. The worker reads them from the page context it keeps, not from the message.
    SyncRegistrants,
}

/// An ATS job's Spark Hire job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobLink {
    pub ats_job_id: String,
    pub job_uuid: String,
    pub job_title: String,
}

/// What the recruiter chose on a job page's Send all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBulk {
    pub spec: crate::bulk::BulkSpec,
    pub people: Vec<ListItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reply {
    PageRule {
        rule: Option<PageRule>,
    },
    Done,
    Context {
        tab_id: Option<i32>,
        context: Option<PageContext>,
    },
    Accounts {
        sparkhire: Option<Account>,
        lever: Option<Account>,
        smartrecruiters: Option<Account>,
    },
    Settings {
        settings: Settings,
    },
    Catalog {
        jobs: Vec<Choice>,
        question_sets: Vec<Choice>,
        /// When Spark Hire last answered for these (ms since the epoch).
        fetched_ms: i64,
        /// Served from the cache; a fresh copy is worth asking for.
        cached: bool,
    },
    Interviews {
        interviews: Vec<InterviewRow>,
    },
    /// `already`: the candidate had this interview before this Send (nothing new was created).
    Sent {
        interview: InterviewRow,
        already: bool,
    },
    ShareLink {
        url: String,
    },
    Bulk {
        batch: Option<crate::bulk::Batch>,
    },
    Links {
        links: Vec<JobLink>,
    },
    SparkHireAccounts {
        accounts: Vec<SparkHireAccount>,
        /// The account the asking page uses.
        chosen: Option<String>,
    },
    /// A Hellohire registrant in SmartRecruiters.
    InSmartRecruiters {
        profile: Option<SrProfile>,
        /// A rating that is not yet on the profile: it is kept and retried.
        pending: Option<PendingRating>,
    },
    Sync {
        progress: SyncProgress,
    },
    /// Sentences about the recruiter's saved data (e.g. a record set aside after an update),
    /// one a line; empty when there are none.
    Notices {
        text: String,
    },
    Failed {
        failure: Failure,
    },
}

impl Reply {
    pub fn failed(e: impl Into<Failure>) -> Reply {
        Reply::Failed { failure: e.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_format_is_externally_tagged_json() {
        let r: Request = serde_json::from_str(
            r#"{"PageFields":{"url":"https://hire.lever.co/","fields":{"name":"Ada","email":null}}}"#,
        )
        .unwrap();
        assert_eq!(
            r,
            Request::PageFields {
                url: "https://hire.lever.co/".into(),
                fields: PageFields { name: Some("Ada".into()), email: None, ..Default::default() }
            }
        );
        let r: Request = serde_json::from_str(r#"{"SaveKey":{"vendor":"spark_hire","key":"k"}}"#).unwrap();
        assert_eq!(r, Request::SaveKey { vendor: Vendor::SparkHire, key: "k".into() });
        assert!(serde_json::from_str::<Request>(r#"{"DeleteEverything":{}}"#).is_err());
        assert_eq!(serde_json::from_str::<Request>(r#""GetContext""#).unwrap(), Request::GetContext);
        let json =
            serde_json::to_value(Reply::failed(ApiError::KeyRejected { vendor: Vendor::SparkHire })).unwrap();
        assert_eq!(json["Failed"]["failure"]["key_problem"], "spark_hire");
    }
}
