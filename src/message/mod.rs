//! Every message between the content script, the panel, the popup/options and the worker, one
//! serde enum each way. Externally tagged (`{"PageVisit": {...}}`, a bare string for unit
//! variants), which the plain-JS content script writes by hand for its two.

mod accounts;
mod bulk;
mod failure;
mod hellohire;
mod invite;
mod page;
mod sender;
mod wire;

pub use accounts::{Account, AccountView, Choice, FieldValue};
pub use bulk::{BulkProgress, BulkRow, Counts, NewBulk, Outcome};
pub use failure::Failure;
pub use hellohire::{plan_action, plan_summary, PlannedSync, SrProfile, SyncChange, SyncProgress, Unwritten};
pub use invite::{Change, InterviewKind, InterviewRow, Invite, Terms};
pub use page::{
    Candidate, HellohireContext, JobPosting, ListItem, PageContext, PageFields, Said, Source, PIPELINE_CAP,
};
pub use sender::Sender;
pub use wire::Wire;

use serde::{Deserialize, Serialize};

use crate::ats::{Ats, PageRule};
use crate::error::Vendor;
use crate::settings::Settings;

// Externally tagged (`{"SendInvite": {...}}`, a bare string for unit variants): an internally
// tagged enum makes serde buffer every message and costs the panel bundle tens of kilobytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    #[cfg(feature = "worker")]
    /// Content script, on every URL change: is this a page we act on, and what to read?
    /// `url` is the page's own `location.href`: single-page apps move it without the browser's
    /// record of the sender's URL following, so the worker checks it against the sender's origin.
    PageVisit {
        url: String,
    },
    #[cfg(feature = "worker")]
    /// Content script: what the page shows now.
    PageFields {
        url: String,
        fields: Wire<PageFields>,
    },
    /// Panel: which candidate am I about (and which tab am I in)?
    GetContext,
    /// Popup and options: every saved account, of every vendor.
    GetAccounts,
    #[cfg(any(feature = "worker", feature = "settings"))]
    /// The popup's one account per vendor: checks the credentials with the vendor, then
    /// replaces those of the vendor's first account (or adds it).
    SaveKey {
        vendor: Vendor,
        values: Wire<Vec<FieldValue>>,
    },
    #[cfg(any(feature = "worker", feature = "settings"))]
    RemoveKey {
        vendor: Vendor,
    },
    #[cfg(any(feature = "worker", feature = "settings", feature = "hellohire"))]
    GetSettings,
    #[cfg(any(feature = "worker", feature = "settings"))]
    /// Only the fields the recruiter changed: a page loaded earlier never reverts a switch
    /// flipped since.
    SaveSettings {
        patch: Wire<crate::settings::SettingsPatch>,
    },
    #[cfg(any(feature = "worker", feature = "settings"))]
    /// Popup and options: what the recruiter should know about their saved data.
    GetNotices,
    #[cfg(any(feature = "worker", feature = "settings"))]
    DismissNotices,
    /// Jobs and question sets of the provider account the page uses: from the cache when
    /// `fresh` is false and there is one, else from the provider (which also refreshes it).
    GetCatalog {
        provider: Vendor,
        fresh: bool,
    },
    GetInterviews {
        provider: Vendor,
        email: String,
    },
    SendInvite {
        provider: Vendor,
        invite: Wire<Invite>,
    },
    ShareLink {
        provider: Vendor,
        interview_uuid: String,
    },
    /// Panel: extend, cancel, remind or grade one interview. Answered with the interview as it
    /// now is (`Interviews`, one row), or `Done` for a reminder.
    ChangeInterview {
        provider: Vendor,
        interview_uuid: String,
        change: Change,
        /// Extend: the new deadline (ms since the epoch), shown to the candidate in `timezone`
        /// (IANA). Unread otherwise.
        deadline_ms: i64,
        timezone: String,
    },
    /// Job page: invite these candidates; the worker queues them and works in the background.
    StartBulk {
        bulk: Wire<NewBulk>,
    },
    /// Job page: the latest bulk invite for this ATS job with this provider, if any.
    GetBulk {
        provider: Vendor,
        ats_job_id: String,
    },
    /// Put a batch's failures back in the queue.
    RetryBulk {
        id: String,
    },
    /// Options and panel: a vendor's accounts, and the one this page's ATS uses (a provider's
    /// choice for the page, an ATS's first active one).
    GetVendorAccounts {
        vendor: Vendor,
    },
    #[cfg(any(feature = "worker", feature = "settings"))]
    AddAccount {
        vendor: Vendor,
        display_name: String,
        values: Wire<Vec<FieldValue>>,
        active: bool,
        credits: Option<u32>,
    },
    #[cfg(any(feature = "worker", feature = "settings", feature = "agency"))]
    /// `perform_as`: the ATS user writes are made as from now on (Lever), picked from the
    /// ATS's list (`GetLeverUsers`): their id and how they are named; `None` leaves it as it is.
    UpdateAccount {
        id: String,
        active: bool,
        credits: Option<u32>,
        perform_as: Option<Choice>,
    },
    #[cfg(any(feature = "worker", feature = "settings"))]
    RemoveAccount {
        id: String,
    },
    /// Panel: use this account of the provider on this ATS from now on.
    ChooseAccount {
        provider: Vendor,
        id: String,
    },
    /// The provider's jobs linked to these ATS jobs.
    GetLinks {
        provider: Vendor,
        ats: Ats,
        ats_job_ids: Vec<String>,
    },
    /// Link an ATS job to an existing provider job ("Tag Existing Job").
    LinkJob {
        provider: Vendor,
        ats: Ats,
        ats_job_id: String,
        job_uuid: String,
    },
    /// Create a provider job from the ATS job and link the two ("Create New Job").
    CreateLinkedJob {
        provider: Vendor,
        ats: Ats,
        ats_job_id: String,
        title: String,
        location: Option<String>,
        description: Option<String>,
        /// The template whose questions it asks, for a provider whose jobs are made so.
        template: Option<String>,
    },
    #[cfg(any(feature = "worker", feature = "hellohire"))]
    /// Hellohire: the registrant's SmartRecruiters profile and their rating for the interview.
    FindInSmartRecruiters {
        registrant: Wire<crate::hellohire::Registrant>,
        interview: String,
    },
    #[cfg(any(feature = "worker", feature = "hellohire"))]
    /// Hellohire: add the registrant to the SmartRecruiters talent pool.
    CreateInSmartRecruiters {
        registrant: Wire<crate::hellohire::Registrant>,
        interview: String,
    },
    #[cfg(any(feature = "worker", feature = "hellohire"))]
    /// Hellohire: rate the registrant; the rating becomes their SmartRecruiters tag.
    Rate {
        registrant: Wire<crate::hellohire::Registrant>,
        interview: String,
        rating: crate::hellohire::Rating,
    },
    #[cfg(any(feature = "worker", feature = "hellohire"))]
    /// Hellohire: what syncing the registrants on this tab's page would do, looked up (read
    /// only) for the recruiter to confirm. The worker reads them from the page context it keeps.
    PreviewSync,
    #[cfg(any(feature = "worker", feature = "hellohire"))]
    /// Hellohire: the registrants the recruiter confirmed, into SmartRecruiters. Only those
    /// still on this tab's page, on Hellohire's own host, with the setting on.
    SyncRegistrants {
        registrants: Wire<Vec<crate::hellohire::Registrant>>,
    },
    #[cfg(any(feature = "bridges", feature = "agency"))]
    /// Spottabl × Lever: the last job import and the last look, for its page.
    GetSpottablImport,
    #[cfg(any(feature = "bridges", feature = "agency"))]
    /// Spottabl × Lever: send the newest `count` published Lever postings to Spottabl as
    /// draft jobs (those it has already are not sent again).
    ImportSpottablJobs {
        count: u32,
    },
    #[cfg(any(feature = "bridges", feature = "agency"))]
    /// Spottabl × Lever: import postings published from now on, on each look (or stop).
    SetSpottablAuto {
        on: bool,
    },
    #[cfg(any(feature = "bridges", feature = "agency"))]
    /// Spottabl × Lever: look both ways now rather than at the next alarm.
    LookInSpottabl,
    #[cfg(any(feature = "bridges", feature = "agency"))]
    /// Spottabl × Lever: both sides' stages and the mapping between them.
    GetSpottablStages,
    #[cfg(any(feature = "bridges", feature = "agency"))]
    /// Spottabl × Lever: the active Lever users partner candidates can be added as.
    GetLeverUsers,
    #[cfg(any(feature = "bridges", feature = "agency"))]
    /// Spottabl × Lever: keep this mapping, Lever stage id (or Lever's hired) → Spottabl stage.
    SaveSpottablStages {
        pairs: Wire<Vec<(String, String)>>,
    },
    #[cfg(any(feature = "bridges", feature = "panel"))]
    /// Spottabl × Lever on a Lever posting's page: its Spottabl job.
    GetSpottablJob {
        posting: String,
    },
    #[cfg(any(feature = "bridges", feature = "panel"))]
    /// Spottabl × Lever: a published Lever posting into Spottabl as a draft job, now.
    ImportSpottablJob {
        posting: String,
    },
    #[cfg(any(feature = "bridges", feature = "panel"))]
    /// Spottabl × Lever on a Lever candidate's page: the thread of the partner who brought them
    /// (the opportunity's); with `reply`, that reply first (a Lever note too).
    SpottablThread {
        opportunity: String,
        reply: Option<String>,
    },
}

/// An ATS job's provider job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobLink {
    pub ats_job_id: String,
    pub job_uuid: String,
    pub job_title: String,
}

// Natively (tests) a `Wire` holds its value, so variants differ in size; in the browser each
// is a handle to a JS value, and a reply lives for one message.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reply {
    PageRule {
        rule: Wire<Option<PageRule>>,
    },
    Done,
    Context {
        tab_id: Option<i32>,
        context: Wire<Option<PageContext>>,
    },
    Accounts {
        accounts: Wire<Vec<AccountView>>,
    },
    Settings {
        settings: Wire<Settings>,
    },
    Catalog {
        jobs: Wire<Vec<Choice>>,
        question_sets: Wire<Vec<Choice>>,
        /// When the provider last answered for these (ms since the epoch).
        fetched_ms: i64,
        /// Served from the cache; a fresh copy is worth asking for.
        cached: bool,
    },
    /// A candidate's interviews; after a change made from the panel, the one changed, as it
    /// now is (one reply for both costs every bundle less than a variant each).
    /// `said`: what else happened, in words (a PageUp application moved on), or empty.
    /// `elsewhere`: a line for each of the candidate's interviews with the other providers the
    /// recruiter uses, one per `\n` (a list's load only; empty after a change).
    Interviews {
        interviews: Wire<Vec<InterviewRow>>,
        said: String,
        elsewhere: String,
    },
    /// `already`: the candidate had this interview before this Send (nothing new was created).
    /// `said`: who emails the candidate and what PageUp did, where the invite came from a
    /// PageUp application; empty elsewhere.
    Sent {
        interview: Wire<InterviewRow>,
        already: bool,
        said: String,
    },
    ShareLink {
        url: String,
    },
    Bulk {
        batch: Wire<Option<BulkProgress>>,
    },
    Links {
        links: Wire<Vec<JobLink>>,
    },
    VendorAccounts {
        accounts: Wire<Vec<AccountView>>,
        /// The account the asking page uses.
        chosen: Option<String>,
    },
    /// A Hellohire registrant in SmartRecruiters.
    InSmartRecruiters {
        profile: Wire<Option<SrProfile>>,
        /// A rating that is not yet on the profile: it is kept and retried.
        pending: Wire<Option<Unwritten>>,
    },
    Sync {
        progress: Wire<SyncProgress>,
    },
    SyncPlan {
        plan: Wire<Vec<PlannedSync>>,
    },
    /// Sentences about the recruiter's saved data (e.g. a record set aside after an update),
    /// one a line; empty when there are none.
    Notices {
        text: String,
    },
    #[cfg(any(feature = "bridges", feature = "agency"))]
    /// The last Spottabl job import: when (ms; 0 for never) and what it did; the last look
    /// both ways, the same; whether new postings are imported on each look.
    SpottablImport {
        at_ms: i64,
        summary: String,
        looked_ms: i64,
        looked: String,
        auto: bool,
    },
    #[cfg(any(feature = "bridges", feature = "agency"))]
    /// Lever's stages and Spottabl's (id as `uuid`, name as `label`; Lever's hired as
    /// `spottabl::stages::HIRED`), the pairs mapped, and whether the recruiter saved them (else
    /// they are the same-name defaults).
    SpottablStages {
        lever: Wire<Vec<Choice>>,
        spottabl: Wire<Vec<Choice>>,
        pairs: Wire<Vec<(String, String)>>,
        saved: bool,
    },
    #[cfg(any(feature = "bridges", feature = "agency"))]
    /// The active Lever users, each as its id (`uuid`) and its name with its email (`label`).
    LeverUsers {
        users: Wire<Vec<Choice>>,
    },
    #[cfg(any(feature = "bridges", feature = "panel"))]
    /// A Lever posting's Spottabl job: its status (`none` when not imported), and where it is
    /// in Spottabl's app (empty when not imported).
    SpottablJob {
        job: String,
        open: String,
    },
    #[cfg(any(feature = "bridges", feature = "panel"))]
    /// A Lever candidate's Spottabl thread: the partner who brought them (empty for a
    /// candidate not from Spottabl) and their submission's comments, oldest first; `said`, what
    /// became of a reply that reached only Lever.
    Thread {
        partner: String,
        thread: Wire<Vec<crate::message::Said>>,
        said: String,
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
mod tests;
