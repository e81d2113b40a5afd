//! The records kept in local storage, as this version writes them (schema v2). Wire messages
//! carry views of these; a record's shape changes only with a migration.

use serde::{Deserialize, Serialize};

use crate::ats::Ats;
use crate::hellohire::{Rating, Registrant};
use crate::message::Unwritten;
use crate::settings::{Address, Pace, Settings};

pub const ACCOUNTS: &str = "accounts";
pub const SETTINGS: &str = "settings";
pub const LINKS: &str = "links";
pub const CHOICES: &str = "choices";
pub const BATCHES: &str = "batches";
pub const PENDING_RATINGS: &str = "hellohire_pending";
pub const PAGEUP_MOVES: &str = "pageup_moves";
pub const SPOTTABL_IMPORT: &str = "spottabl_import";
/// The last look for partner submissions (shaped as an import: when, and what it did).
pub const SPOTTABL_SYNC: &str = "spottabl_sync";
/// Spottabl submissions brought into Lever, by id (`Names`), so each is brought once.
pub const SPOTTABL_DONE: &str = "spottabl_done";
/// Each Spottabl submission brought into Lever and the stage it was last seen at on both
/// sides' terms (`SpottablLinks`), and where each feed was last read.
pub const SPOTTABL_LINKS: &str = "spottabl_links";
/// The recruiter's stage mapping (`StageMap`); absent until saved, when stages of the same
/// name map.
pub const SPOTTABL_STAGES: &str = "spottabl_stages";
/// Whether new Lever postings go to Spottabl on each look (`SpottablAuto`).
pub const SPOTTABL_AUTO: &str = "spottabl_auto";
/// The ATS sites (host names, `["hire.lever.co"]`) where the recruiter hid the panel: a view
/// preference no Rust code reads, kept by `extension/worker.js` (absent: shown everywhere).
pub const PANEL_HIDDEN: &str = "panel_hidden";

/// Auto-sync of new jobs (new in v3, issue 13): on, and since when (ms): postings published
/// from then on are imported on each look.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpottablAuto {
    #[serde(default)]
    pub on: bool,
    #[serde(default)]
    pub since_ms: i64,
}

/// A submission brought into Lever (new in v3, issue 13).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpLink {
    pub submission: String,
    /// The candidate's name, to say what a failed change was about.
    pub name: String,
    pub opportunity: String,
    pub posting: String,
    /// The Lever stage the opportunity was last known at, or `spottabl::stages::HIRED`: a
    /// change is what differs from it, so what one side was told never comes back to it.
    pub stage: String,
    /// Spottabl comments carried into Lever notes, by id.
    #[serde(default)]
    pub comments: Vec<String>,
    /// Lever notes carried into Spottabl comments, by id.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The stage sync's memory (new in v3, issue 13).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpottablLinks {
    #[serde(default)]
    pub links: Vec<SpLink>,
    /// Spottabl's event feed read up to here.
    #[serde(default)]
    pub events_after: Option<String>,
    /// Lever read for changes from here (ms); 0 before the first look.
    #[serde(default)]
    pub lever_since: i64,
}

/// Stage pairs, Lever stage id (or `spottabl::stages::HIRED`) → Spottabl stage id (new in v3,
/// issue 13). A stage in no pair is unmapped: its changes go nowhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageMap {
    #[serde(default)]
    pub pairs: Vec<(String, String)>,
}

/// The last Spottabl job import (new in v3, issue 13): when, and what it did in words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpottablImport {
    pub at_ms: i64,
    pub summary: String,
}
/// The last jobs and question sets a provider listed: a cache, rebuilt from the vendor, one
/// per provider (`catalog_key`) since v3; v2 kept one for all under `catalog`.
pub fn catalog_key(provider: &str) -> String {
    format!("catalog.{provider}")
}

/// The last jobs and question sets a provider gave for an account, so the panel can show
/// them at once and refresh in the background.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedCatalog {
    /// `<provider>|<account>|<key hint>`: another account or a new key starts afresh.
    pub owner: String,
    pub jobs: Vec<crate::message::Choice>,
    pub question_sets: Vec<crate::message::Choice>,
    pub fetched_ms: i64,
}

/// What a record holds, in the recruiter's words.
pub fn describe(key: &str) -> String {
    use crate::i18n::msg;
    match key {
        // v0 kept them under `keys`.
        ACCOUNTS | "keys" => msg("rec_accounts"),
        SETTINGS => msg("rec_settings"),
        LINKS => msg("rec_links"),
        CHOICES => msg("rec_choices"),
        BATCHES => msg("rec_batches"),
        PENDING_RATINGS => msg("rec_ratings"),
        SPOTTABL_IMPORT => msg("rec_sp_import"),
        SPOTTABL_SYNC => msg("rec_sp_sync"),
        SPOTTABL_DONE => msg("rec_sp_done"),
        SPOTTABL_LINKS => msg("rec_sp_links"),
        SPOTTABL_STAGES => msg("rec_sp_stages"),
        SPOTTABL_AUTO => msg("rec_sp_auto"),
        PAGEUP_MOVES => msg("rec_moves"),
        _ => msg("rec_data"),
    }
}

/// A PageUp application following an interview sent from its page (new in v3), or a Lever or
/// SmartRecruiters candidate whose verdict is written back as a tag (and on Lever a note): the
/// step it should be at and whether the ATS has it. Kept until the verdict is in PageUp, so a
/// failed write, a closed tab or a stopped worker loses nothing; the worker's alarm polls the
/// provider for a completed video and retries what PageUp hasn't taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageUpMove {
    pub provider: String,
    /// The provider account the interview was sent with.
    pub account: String,
    pub interview: String,
    /// The PageUp connection (an account of vendor `pageup`).
    pub connection: String,
    pub application: String,
    /// `pageup::Step::field`: the step the application should be at.
    pub step: String,
    /// PageUp has it, or it can't (refused: retrying would not help).
    pub settled: bool,
    /// Why PageUp hasn't it, in words; empty once it has.
    pub error: String,
    /// Sent to PageUp before without its answer kept (a stopped worker, a lost answer): PageUp
    /// sends the status's email at every change, so it is looked at before it is sent again.
    pub tried: bool,
    /// The verdict as a note for an ATS that takes notes (Lever), written when the verdict is
    /// seen: a retry on the alarm has no row to write it from. Absent before verdicts went to
    /// Lever and SmartRecruiters, and read as empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The provider of every v0 record that names none (batches, links, choices): v0 knew only
/// Spark Hire.
pub const V0_PROVIDER: &str = "spark_hire";

/// The credential field most vendors have: one API key.
pub const API_KEY: &str = "api_key";

/// The recruiter's changes to the settings (schema v2, m002): addresses and paces away from
/// the vendors' defaults, and the Hellohire switches. The worker reads it as `Settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct StoredSettings {
    pub hosts: Vec<Address>,
    pub per_minute: Vec<Pace>,
    pub hellohire_smartrecruiters: bool,
    pub hellohire_sync_profiles: bool,
    /// Since schema v3: a flag that reads as off where it is missing, so no migration.
    pub provider_emails_on_pageup: bool,
}

impl From<StoredSettings> for Settings {
    fn from(s: StoredSettings) -> Settings {
        Settings {
            hosts: s.hosts,
            per_minute: s.per_minute,
            hellohire_smartrecruiters: s.hellohire_smartrecruiters,
            hellohire_sync_profiles: s.hellohire_sync_profiles,
            provider_emails_on_pageup: s.provider_emails_on_pageup,
        }
    }
}

impl From<Settings> for StoredSettings {
    fn from(s: Settings) -> StoredSettings {
        StoredSettings {
            hosts: s.hosts,
            per_minute: s.per_minute,
            hellohire_smartrecruiters: s.hellohire_smartrecruiters,
            hellohire_sync_profiles: s.hellohire_sync_profiles,
            provider_emails_on_pageup: s.provider_emails_on_pageup,
        }
    }
}

/// An account with an interview provider or an ATS: its credentials (only the worker reads
/// this record), who the vendor says it is, and the recruiter's switches for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredAccount {
    pub id: String,
    /// The vendor's id as the registry names it (`spark_hire`, `lever`, `smartrecruiters`).
    pub vendor: String,
    pub display_name: String,
    /// The vendor's credential fields (`api_key`; or several, e.g. a client id and secret),
    /// checked with the vendor before they were stored.
    pub credentials: Vec<Credential>,
    pub identity: Identity,
    pub active: bool,
    /// Invites this extension may still send with it; `None` is no limit.
    #[serde(default)]
    pub credits: Option<u32>,
    /// Invites sent with it through this extension.
    #[serde(default)]
    pub used: u32,
}

#[cfg(test)]
impl StoredAccount {
    /// An active account with no allowance, as tests need one.
    pub fn for_test(id: &str, vendor: &str, credentials: &[(&str, &str)]) -> StoredAccount {
        StoredAccount {
            id: id.into(),
            vendor: vendor.into(),
            display_name: format!("{vendor} account"),
            credentials: credentials
                .iter()
                .map(|(f, v)| Credential { field: f.to_string(), value: v.to_string() })
                .collect(),
            identity: Identity::default(),
            active: true,
            credits: None,
            used: 0,
        }
    }
}

/// One credential field and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credential {
    pub field: String,
    pub value: String,
}

impl StoredAccount {
    pub fn credential(&self, field: &str) -> Option<&str> {
        self.credentials.iter().find(|c| c.field == field).map(|c| c.value.as_str())
    }

    /// Sets a credential field, replacing its earlier value.
    pub fn set_credential(&mut self, field: &str, value: &str) {
        self.credentials.retain(|c| c.field != field);
        self.credentials.push(Credential { field: field.into(), value: value.into() });
    }

    pub fn api_key(&self) -> &str {
        self.credential(API_KEY).unwrap_or_default()
    }
}

/// Who the vendor said an account is, when its credentials were checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Identity {
    pub name: String,
    pub email: String,
    /// The last four characters of the key, so a recruiter can tell two apart.
    pub key_hint: String,
}

/// Where an ATS job lives: the ATS, its tenant (the subdomain, where the ATS has one) and the
/// job's id there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtsJob {
    pub ats: Ats,
    pub tenant: Option<String>,
    pub ats_job_id: String,
}

/// An ATS job linked to a provider's job. `tenant: None` means "saved before tenants were
/// recorded": it stands for every tenant of that ATS until a tenant's own link replaces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRecord {
    pub ats: Ats,
    #[serde(default)]
    pub tenant: Option<String>,
    pub ats_job_id: String,
    pub provider: String,
    pub provider_job_id: String,
    pub job_title: String,
}

impl LinkRecord {
    pub fn new(job: AtsJob, provider: &str, provider_job_id: String, job_title: String) -> LinkRecord {
        LinkRecord {
            ats: job.ats,
            tenant: job.tenant,
            ats_job_id: job.ats_job_id,
            provider: provider.into(),
            provider_job_id,
            job_title,
        }
    }

    fn same_job(&self, other: &LinkRecord) -> bool {
        (self.ats, &self.tenant, &self.ats_job_id, &self.provider)
            == (other.ats, &other.tenant, &other.ats_job_id, &other.provider)
    }
}

/// The account a recruiter chose for a provider on an ATS (and tenant).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceRecord {
    pub ats: Ats,
    #[serde(default)]
    pub tenant: Option<String>,
    pub provider: String,
    pub account_id: String,
}

/// How well a stored tenant fits a page's: its own record first, then one from before tenants.
fn tenant_rank(stored: &Option<String>, page: &Option<String>) -> Option<u8> {
    match stored {
        None => Some(1),
        Some(t) if page.as_ref().is_some_and(|p| p.eq_ignore_ascii_case(t)) => Some(2),
        Some(_) => None,
    }
}

pub fn find_link<'a>(links: &'a [LinkRecord], job: &AtsJob, provider: &str) -> Option<&'a LinkRecord> {
    links
        .iter()
        .filter(|l| l.provider == provider && l.ats == job.ats && l.ats_job_id == job.ats_job_id)
        .filter_map(|l| tenant_rank(&l.tenant, &job.tenant).map(|r| (r, l)))
        .max_by_key(|(r, _)| *r)
        .map(|(_, l)| l)
}

/// Saves a link for the page's own tenant, replacing that tenant's earlier one.
pub fn put_link(links: &mut Vec<LinkRecord>, link: LinkRecord) {
    links.retain(|l| !l.same_job(&link));
    links.push(link);
}

pub fn find_choice<'a>(
    choices: &'a [ChoiceRecord],
    ats: Ats,
    tenant: &Option<String>,
    provider: &str,
) -> Option<&'a ChoiceRecord> {
    choices
        .iter()
        .filter(|c| c.provider == provider && c.ats == ats)
        .filter_map(|c| tenant_rank(&c.tenant, tenant).map(|r| (r, c)))
        .max_by_key(|(r, _)| *r)
        .map(|(_, c)| c)
}

pub fn put_choice(choices: &mut Vec<ChoiceRecord>, choice: ChoiceRecord) {
    choices.retain(|c| !(c.provider == choice.provider && c.ats == choice.ats && c.tenant == choice.tenant));
    choices.push(choice);
}

#[cfg(test)]
mod tests;

/// A rating SmartRecruiters has not taken yet, and why: kept until it is written, so a closed
/// tab or a stopped worker loses none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptRating {
    pub registrant: Registrant,
    pub interview: String,
    pub rating: Rating,
    pub error: String,
}

impl KeptRating {
    /// What the panel shows of it.
    pub fn shown(&self) -> Unwritten {
        Unwritten { rating: self.rating, error: self.error.clone() }
    }

    /// One pending rating per person and interview: a newer rating replaces it.
    pub fn same(&self, email: &str, interview: &str) -> bool {
        self.registrant.email.eq_ignore_ascii_case(email)
            && crate::hellohire::interview_key(&self.interview) == crate::hellohire::interview_key(interview)
    }

    /// Keeps a rating until SmartRecruiters has it: the newest press per person and interview.
    pub fn keep(all: &mut Vec<KeptRating>, p: KeptRating) {
        all.retain(|x| !x.same(&p.registrant.email, &p.interview));
        all.push(p);
    }

    /// After a write of `p`: forgets it when written (`error: None`), else notes why not. A
    /// newer rating kept meanwhile is left alone.
    pub fn settle(all: &mut Vec<KeptRating>, p: &KeptRating, error: Option<&str>) {
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
