//! Every message between the content script, the panel, the popup/options and the worker.
//! JSON-tagged by `type` so the plain-JS content script can write its two by hand.

use serde::{Deserialize, Serialize};

use crate::ats::{Ats, AtsPage, PageKind, PageRule};
use crate::error::{ApiError, Vendor};
use crate::hellohire::{HellohireKind, HellohirePage, Rating, Registrant, TaggedRating};
use crate::settings::{Settings, SettingsPatch};

/// What the content script read from the page with the adapter's `PageRule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct PageFields {
    pub name: Option<String>,
    pub email: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub description: Option<String>,
    /// Candidate pages: the ATS jobs the candidate is in.
    pub jobs: Vec<ListItem>,
    /// Job pages: the candidates in the job's pipeline.
    pub people: Vec<ListItem>,
}

/// One element of a list on the page: a job (id, title) or a candidate (id, name, email).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ListItem {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
}

/// A job page: the ATS job and the candidates in its pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobPosting {
    pub ats: Ats,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    pub ats_id: String,
    pub title: String,
    pub location: Option<String>,
    pub description: Option<String>,
    pub people: Vec<ListItem>,
}

/// What a panel is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageContext {
    Candidate(Candidate),
    Job(JobPosting),
    Hellohire(HellohireContext),
}

/// A Hellohire interview page: the interview and who registered for it (in a one-on-one room,
/// the one candidate; in a group room, nobody).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HellohireContext {
    pub kind: HellohireKind,
    pub interview_id: String,
    /// The interview's name as Hellohire shows it: the tag is made from it.
    pub interview: String,
    pub registrants: Vec<Registrant>,
}

impl HellohireContext {
    pub fn from_page(page: &HellohirePage, fields: PageFields) -> HellohireContext {
        let registrants = clean_items(fields.people)
            .into_iter()
            .filter_map(|p| {
                Some(Registrant {
                    registration_id: p.id,
                    first_name: p.first_name.unwrap_or_default(),
                    last_name: p.last_name.unwrap_or_default(),
                    email: p.email?,
                })
            })
            .collect();
        HellohireContext {
            kind: page.kind,
            interview_id: page.interview_id.clone(),
            interview: clean(fields.title).unwrap_or_else(|| page.interview_id.clone()),
            registrants,
        }
    }
}

/// Collapses runs of white space; nothing left is no value.
fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty())
}

fn clean_email(s: Option<String>) -> Option<String> {
    clean(s)
        .map(|e| e.trim_start_matches("mailto:").to_string())
        .filter(|e| e.contains('@') && !e.contains(' '))
}

fn clean_items(items: Vec<ListItem>) -> Vec<ListItem> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|i| !i.id.trim().is_empty() && seen.insert(i.id.trim().to_string()))
        .map(|i| {
            let (first_name, last_name) = (clean(i.first_name), clean(i.last_name));
            let parts =
                [first_name.clone(), last_name.clone()].into_iter().flatten().collect::<Vec<_>>().join(" ");
            ListItem {
                id: i.id.trim().to_string(),
                name: clean(Some(i.name)).or(clean(Some(parts))).unwrap_or_else(|| "Unnamed".into()),
                email: clean_email(i.email),
                first_name,
                last_name,
            }
        })
        .collect()
}

impl PageContext {
    /// What the panel shows for a recognised page, from what the content script read there.
    pub fn from_page(page: &AtsPage, fields: PageFields) -> PageContext {
        match page.kind {
            PageKind::Candidate => PageContext::Candidate(Candidate {
                ats: page.ats,
                tenant: page.tenant.clone(),
                ats_id: page.ats_id.clone(),
                name: clean(fields.name).unwrap_or_else(|| "Unnamed candidate".into()),
                email: clean_email(fields.email),
                source: Source::Page,
                jobs: clean_items(fields.jobs),
                hellohire_ratings: vec![],
            }),
            PageKind::Job => PageContext::Job(JobPosting {
                ats: page.ats,
                tenant: page.tenant.clone(),
                ats_id: page.ats_id.clone(),
                title: clean(fields.title).unwrap_or_else(|| "Untitled job".into()),
                location: clean(fields.location),
                description: clean(fields.description),
                people: clean_items(fields.people),
            }),
        }
    }

    /// The ATS of an ATS page (Hellohire is an interview platform, not an ATS).
    pub fn ats(&self) -> Option<Ats> {
        self.ats_tenant().map(|(ats, _)| ats)
    }

    /// The ATS and its tenant, which records kept per ATS are keyed by.
    pub fn ats_tenant(&self) -> Option<(Ats, Option<String>)> {
        match self {
            PageContext::Candidate(c) => Some((c.ats, c.tenant.clone())),
            PageContext::Job(j) => Some((j.ats, j.tenant.clone())),
            PageContext::Hellohire(_) => None,
        }
    }

    pub fn candidate(&self) -> Option<&Candidate> {
        match self {
            PageContext::Candidate(c) => Some(c),
            _ => None,
        }
    }

    pub fn job(&self) -> Option<&JobPosting> {
        match self {
            PageContext::Job(j) => Some(j),
            _ => None,
        }
    }

    pub fn hellohire(&self) -> Option<&HellohireContext> {
        match self {
            PageContext::Hellohire(h) => Some(h),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Read from the page the recruiter is on.
    Page,
    /// Confirmed by the ATS's API with the recruiter's key.
    AtsApi,
}

/// The candidate a panel is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub ats: Ats,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    pub ats_id: String,
    pub name: String,
    pub email: Option<String>,
    pub source: Source,
    /// The ATS jobs the candidate is in, as the page lists them.
    #[serde(default)]
    pub jobs: Vec<ListItem>,
    /// Hellohire ratings on the candidate's SmartRecruiters tags (read with its API).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hellohire_ratings: Vec<TaggedRating>,
}

/// A Spark Hire account the recruiter added (Oorwin's "Add Account"), as the UI may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SparkHireAccount {
    pub id: String,
    pub display_name: String,
    pub account: Account,
    pub active: bool,
    /// Invites this extension may still send with it; `None` is no limit.
    pub credits: Option<u32>,
    /// Invites sent with it through this extension.
    pub used: u32,
}

impl SparkHireAccount {
    pub fn left(&self) -> Option<u32> {
        self.credits.map(|c| c.saturating_sub(self.used))
    }

    /// Refuses a send past the allowance.
    pub fn check_credit(&self) -> Result<(), Failure> {
        match self.left() {
            Some(0) => Err(Failure::plain(format!(
                "The {} account has no invites left ({} of {} used). Raise its allowance in the options, or pick another account.",
                self.display_name,
                self.used,
                self.credits.unwrap_or(0)
            ))),
            _ => Ok(()),
        }
    }
}

/// A saved key, as the UI may see it: never the key itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub name: String,
    pub email: String,
    /// The last four characters, so a recruiter can tell two keys apart.
    pub key_hint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub uuid: String,
    pub label: String,
}

/// One-way (the candidate records answers before a deadline) or live (a video call at a set
/// time). Serialised as Spark Hire's own `type` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum InterviewKind {
    #[default]
    OneWay,
    Live,
}

impl InterviewKind {
    /// Spark Hire's `type` ([code] for `one_way`; `live` is [model]).
    pub fn as_str(self) -> &'static str {
        match self {
            InterviewKind::OneWay => "one_way",
            InterviewKind::Live => "live",
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
    pub job_uuid: String,
    pub question_set_uuid: String,
    pub kind: InterviewKind,
    /// One-way: the deadline. Live: when the interview starts.
    pub scheduled_ms: i64,
    /// IANA zone of the recruiter's browser, e.g. `Europe/London`.
    pub timezone: String,
    pub message: String,
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
    /// Live interviews still to happen: the room (Spark Hire asks the user to sign in).
    pub join_url: Option<String>,
}

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

/// Where links are kept: one key per ATS and job, so jobs of different ATS never collide.
pub fn link_key(ats: Ats, ats_job_id: &str) -> String {
    format!(
        "{}:{}",
        serde_json::to_value(ats).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
        ats_job_id
    )
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

/// A SmartRecruiters candidate as the Hellohire panel shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SrProfile {
    pub id: String,
    pub name: String,
    pub url: String,
    /// Their rating for the interview asked about, from their tags.
    pub rating: Option<Rating>,
}

/// A rating SmartRecruiters has not taken yet, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRating {
    pub registrant: Registrant,
    pub interview: String,
    pub rating: Rating,
    pub error: String,
}

impl PendingRating {
    /// One pending rating per person and interview: a newer rating replaces it.
    pub fn same(&self, email: &str, interview: &str) -> bool {
        self.registrant.email.eq_ignore_ascii_case(email)
            && crate::hellohire::interview_key(&self.interview) == crate::hellohire::interview_key(interview)
    }

    /// Keeps a rating until SmartRecruiters has it: the newest press per person and interview.
    pub fn keep(all: &mut Vec<PendingRating>, p: PendingRating) {
        all.retain(|x| !x.same(&p.registrant.email, &p.interview));
        all.push(p);
    }

    /// After a write of `p`: forgets it when written (`error: None`), else notes why not. A
    /// newer rating kept meanwhile is left alone.
    pub fn settle(all: &mut Vec<PendingRating>, p: &PendingRating, error: Option<&str>) {
        let mine = all.iter().position(|x| x.same(&p.registrant.email, &p.interview) && x.rating == p.rating);
        match (mine, error) {
            (Some(i), None) => {
                all.remove(i);
            }
            (Some(i), Some(e)) => all[i].error = e.to_string(),
            (None, _) => {}
        }
    }
}

/// Registrants being brought into SmartRecruiters from one Hellohire page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SyncProgress {
    pub total: u32,
    pub done: u32,
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// "Name: reason" per registrant that could not be synced.
    pub failed: Vec<String>,
    pub finished: bool,
}

/// Who sent a message, as the browser (not the sender) reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Sender {
    pub url: Option<String>,
    pub tab_id: Option<i32>,
    pub frame_id: Option<i32>,
}

impl Sender {
    /// A page of this extension (panel, popup, options), as opposed to a content script.
    pub fn is_extension_page(&self, extension_base: &str) -> bool {
        self.url.as_deref().is_some_and(|u| u.starts_with(extension_base))
    }
}

/// `scheme://host[:port]` of an absolute URL.
fn origin(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")? + 3;
    let end = url[scheme_end..].find(['/', '?', '#']).map_or(url.len(), |i| scheme_end + i);
    Some(&url[..end])
}

impl Sender {
    /// The URL a content script says its page is at, if it is on the origin the browser says
    /// the script runs in. A page can rewrite its path with `history`, never its origin.
    pub fn page_url<'a>(&self, claimed: &'a str) -> Option<&'a str> {
        let actual = origin(self.url.as_deref()?)?;
        (origin(claimed)?.eq_ignore_ascii_case(actual)).then_some(claimed)
    }
}

impl Request {
    /// The content script runs beside a page we don't trust: it may only describe that page,
    /// never read accounts or act. Everything else must come from our own pages.
    pub fn allowed_from(&self, sender: &Sender, extension_base: &str) -> bool {
        match self {
            Request::PageVisit { .. } | Request::PageFields { .. } => {
                !sender.is_extension_page(extension_base)
                    && sender.tab_id.is_some()
                    && sender.frame_id == Some(0)
            }
            _ => sender.is_extension_page(extension_base),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXT: &str = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";

    fn content(frame: i32) -> Sender {
        Sender {
            url: Some("https://hire.lever.co/candidates/x".into()),
            tab_id: Some(4),
            frame_id: Some(frame),
        }
    }

    fn panel() -> Sender {
        Sender { url: Some(format!("{EXT}panel.html")), tab_id: Some(4), frame_id: Some(7) }
    }

    #[test]
    fn content_scripts_only_describe_the_page() {
        let fields = Request::PageFields { url: String::new(), fields: PageFields::default() };
        let visit = Request::PageVisit { url: String::new() };
        assert!(visit.allowed_from(&content(0), EXT));
        assert!(fields.allowed_from(&content(0), EXT));
        assert!(!fields.allowed_from(&content(3), EXT), "sub-frames of the page are not the candidate page");
        let key = Request::SaveKey { vendor: Vendor::SparkHire, key: "x".into() };
        assert!(!key.allowed_from(&content(0), EXT));
        assert!(!Request::GetAccounts.allowed_from(&content(0), EXT));
        assert!(!Request::ShareLink { interview_uuid: "i".into() }.allowed_from(&content(0), EXT));
        assert!(key.allowed_from(&panel(), EXT));
        assert!(!fields.allowed_from(&panel(), EXT));
        let other_ext = Sender { url: Some("chrome-extension://zzzz/popup.html".into()), ..panel() };
        assert!(!Request::GetAccounts.allowed_from(&other_ext, EXT));
        assert!(!Request::GetAccounts.allowed_from(&Sender::default(), EXT));
    }

    #[test]
    fn page_urls_must_stay_on_the_senders_origin() {
        let s = content(0);
        let next = "https://hire.lever.co/candidates/8d9e0f1a-2b3c-4d5e-9f60-718293a4b5c6";
        assert_eq!(s.page_url(next), Some(next));
        assert_eq!(
            s.page_url("https://HIRE.lever.co/candidates/y"),
            Some("https://HIRE.lever.co/candidates/y")
        );
        assert_eq!(s.page_url("https://hire.eu.lever.co/candidates/x"), None);
        assert_eq!(s.page_url("https://hire.lever.co.evil.example/candidates/x"), None);
        assert_eq!(s.page_url("https://hire.lever.co:444/candidates/x"), None);
        assert_eq!(s.page_url("http://hire.lever.co/candidates/x"), None);
        assert_eq!(s.page_url("javascript:alert(1)"), None);
        assert_eq!(Sender::default().page_url(next), None);
    }

    #[test]
    fn page_fields_become_a_clean_context() {
        use crate::ats::page;
        let cand = page("https://bigbiller.topechelon.com/people/40001").unwrap();
        let fields = PageFields {
            name: Some("  James \n Smith ".into()),
            email: Some("mailto:james.smith@topechelon.example.com".into()),
            jobs: vec![
                ListItem {
                    id: " j1 ".into(),
                    name: "Payroll  Accountant".into(),
                    email: None,
                    ..Default::default()
                },
                ListItem { id: "j1".into(), name: "duplicate".into(), email: None, ..Default::default() },
                ListItem { id: "".into(), name: "no id".into(), email: None, ..Default::default() },
            ],
            ..Default::default()
        };
        let PageContext::Candidate(c) = PageContext::from_page(&cand, fields) else {
            panic!("a candidate page")
        };
        assert_eq!(
            (c.name.as_str(), c.email.as_deref()),
            ("James Smith", Some("james.smith@topechelon.example.com"))
        );
        assert_eq!(
            c.jobs,
            vec![ListItem {
                id: "j1".into(),
                name: "Payroll Accountant".into(),
                email: None,
                ..Default::default()
            }]
        );
        assert_eq!((c.ats, c.ats_id.as_str(), c.source), (Ats::TopEchelon, "40001", Source::Page));

        let job = page("https://acme.oorwin.com/#/jobs/5001/overview").unwrap();
        let fields = PageFields {
            title: Some("Java Developer".into()),
            people: vec![
                ListItem {
                    id: "7001".into(),
                    name: "Aarav Sharma".into(),
                    email: Some("aarav@x.example".into()),
                    ..Default::default()
                },
                ListItem {
                    id: "7002".into(),
                    name: "".into(),
                    email: Some("not an email".into()),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let PageContext::Job(j) = PageContext::from_page(&job, fields) else { panic!("a job page") };
        assert_eq!((j.title.as_str(), j.ats_id.as_str(), j.location), ("Java Developer", "5001", None));
        assert_eq!(
            j.people[1],
            ListItem { id: "7002".into(), name: "Unnamed".into(), email: None, ..Default::default() }
        );
        let empty = PageContext::from_page(&cand, PageFields::default());
        assert_eq!(empty.candidate().unwrap().name, "Unnamed candidate");
    }

    #[test]
    fn credits_run_out() {
        let mut a = SparkHireAccount {
            id: "a1".into(),
            display_name: "Agency".into(),
            account: Account { name: "Ada".into(), email: "ada@x.example".into(), key_hint: "7Kq2".into() },
            active: true,
            credits: None,
            used: 12,
        };
        assert_eq!((a.left(), a.check_credit().is_ok()), (None, true));
        a.credits = Some(13);
        assert_eq!((a.left(), a.check_credit().is_ok()), (Some(1), true));
        a.used = 13;
        let refusal = a.check_credit().unwrap_err().message;
        assert!(refusal.contains("Agency account has no invites left (13 of 13 used)"), "{refusal}");
        a.used = 20;
        assert_eq!(a.left(), Some(0));
    }

    #[test]
    fn link_keys_keep_ats_apart() {
        assert_eq!(link_key(Ats::Oorwin, "5001"), "oorwin:5001");
        assert_eq!(link_key(Ats::PageUp, "5001"), "page_up:5001");
        assert_ne!(link_key(Ats::TopEchelon, "x"), link_key(Ats::SmartRecruiters, "x"));
    }

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
