//! ATS APIs: what the extension reads from and writes back into an applicant tracking system
//! with the recruiter's key (read a candidate, find by email, create, tags, notes, stage), one
//! file per ATS, sans-IO like the providers. Page adapters (`crate::ats`) say what a page is;
//! these say what the ATS's API holds.

pub mod lever;
pub mod pageup;
pub mod smartrecruiters;

use crate::ats::Ats;
use crate::error::ApiError;
use crate::http::{HttpReply, HttpRequest};
use crate::settings::Settings;
use crate::vendor::Vendor;

/// An ATS whose API the extension uses, as the machinery needs to know it.
#[derive(Clone, Copy)]
pub struct AtsApi {
    pub vendor: Vendor,
    /// The ATS whose pages this API confirms and writes back into.
    pub ats: Ats,
    /// Where the recruiter finds the key, and what it adds.
    pub key_help: &'static str,
    /// Only the worker talks to vendors: the pages' bundles carry the declaration without the
    /// code behind it.
    #[cfg(feature = "worker")]
    pub calls: &'static dyn Candidates,
}

pub fn by_id(id: &str) -> Option<&'static AtsApi> {
    ALL.iter().copied().find(|a| a.vendor.id == id)
}

/// The API of an ATS, if the extension uses one.
pub fn of(ats: Ats) -> Option<&'static AtsApi> {
    ALL.iter().copied().find(|a| a.ats == ats)
}

/// Where an ATS's requests go and with which key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtsConn {
    pub base: String,
    /// The ATS's web app, for links to a profile.
    pub app: String,
    pub key: String,
    /// The ATS user writes are made as, where the ATS asks for one (Lever's `perform_as`).
    pub perform_as: Option<String>,
}

/// A candidate as every ATS API is read into.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub first_name: String,
    /// Empty where the ATS keeps one name (Lever).
    pub last_name: String,
    pub email: Option<String>,
    pub tags: Vec<String>,
}

impl Person {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name.trim(), self.last_name.trim()).trim().to_string()
    }
}

/// `{"tags": [...]}`, the body both ATSs take for tags [doc, code]: one encoder for both.
#[derive(serde::Serialize)]
pub struct TagList<'a> {
    pub tags: &'a [String],
}

/// `{"<name>": "<value>"}`: bodies of one text field, written without an encoder per shape.
pub fn one_field(name: &str, value: &str) -> String {
    format!("{{\"{name}\":{}}}", crate::json::to_string(&value).unwrap_or_default())
}

/// A person to add to an ATS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewPerson<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
}

/// What the extension reads from and writes into an ATS, sans-IO: each request, and a reader
/// for its reply. `None` where the ATS's API has no such call (or needs what the extension
/// doesn't have yet); the caller says so in words.
pub trait Candidates: Sync {
    /// The API base: the recruiter's address, else (Lever) the page's region, else the default.
    fn base(&self, s: &Settings, page_api_host: Option<&str>) -> String;
    /// A cheap request that proves a key.
    fn key_check(&self, c: &AtsConn) -> HttpRequest;
    fn key_accepted(&self, r: &HttpReply) -> Result<(), ApiError>;
    fn candidate(&self, c: &AtsConn, id: &str) -> HttpRequest;
    fn read_candidate(&self, r: &HttpReply) -> Result<Person, ApiError>;
    /// Candidates the ATS finds for an email. Its filter may be loose: callers keep exact
    /// matches.
    fn find_by_email(&self, c: &AtsConn, email: &str) -> HttpRequest;
    fn read_found(&self, r: &HttpReply) -> Result<Vec<Person>, ApiError>;
    fn create(&self, c: &AtsConn, p: &NewPerson) -> Option<HttpRequest>;
    fn read_created(&self, r: &HttpReply) -> Result<Person, ApiError>;
    fn update_first_name(&self, c: &AtsConn, id: &str, first_name: &str) -> Option<HttpRequest>;
    fn tags(&self, c: &AtsConn, id: &str) -> HttpRequest;
    fn read_tags(&self, r: &HttpReply) -> Result<Vec<String>, ApiError>;
    fn add_tags(&self, c: &AtsConn, id: &str, tags: &[String]) -> HttpRequest;
    /// Replaces every tag (to change a rating's tag in place).
    fn replace_tags(&self, c: &AtsConn, id: &str, tags: &[String]) -> Option<HttpRequest>;
    fn add_note(&self, c: &AtsConn, id: &str, text: &str) -> Option<HttpRequest>;
    /// The candidate's notes, to look for one before it is written again (`None` where notes
    /// can't be written).
    fn notes(&self, _c: &AtsConn, _id: &str) -> Option<HttpRequest> {
        None
    }
    /// The texts of the notes.
    fn read_notes(&self, _r: &HttpReply) -> Result<Vec<String>, ApiError> {
        Ok(Vec::new())
    }
    /// One page of the account's users, after the page `next` names, where writes are made as
    /// one of them (Lever's `perform_as`).
    fn users(&self, _c: &AtsConn, _next: Option<&str>) -> Option<HttpRequest> {
        None
    }
    /// The active users on this page (a `Person` each: id, name and email), and the next
    /// page's token.
    fn read_users(&self, _r: &HttpReply) -> Result<(Vec<Person>, Option<String>), ApiError> {
        Ok((Vec::new(), None))
    }
    fn move_stage(&self, c: &AtsConn, id: &str, stage_id: &str) -> Option<HttpRequest>;
    /// The candidate's page in the ATS's app.
    fn profile_url(&self, c: &AtsConn, id: &str) -> String;
    /// How long after a write its search may still not show it. Search indexes commonly lag
    /// writes; none of the ATS documents by how much [model].
    fn search_lag_ms(&self) -> u64 {
        0
    }
    /// One page of a job's pipeline, after the page `next` names (the first without it).
    /// `None` where the ATS's API has no documented list of a job's candidates.
    fn pipeline(&self, _c: &AtsConn, _job_id: &str, _next: Option<&str>) -> Option<HttpRequest> {
        None
    }
    /// The people on one page of a pipeline, and the next page's token if there is one.
    fn read_pipeline(&self, _r: &HttpReply) -> Result<(Vec<Person>, Option<String>), ApiError> {
        Ok((Vec::new(), None))
    }
}

#[cfg(feature = "worker")]
impl AtsApi {
    /// Where this ATS's requests go for a page (its region, where the ATS has them).
    pub fn conn(&self, s: &Settings, key: &str, page_api_host: Option<&str>) -> AtsConn {
        AtsConn {
            base: self.calls.base(s, page_api_host),
            app: s.host(self.vendor, "app"),
            key: key.to_string(),
            perform_as: None,
        }
    }
}

/// Every ATS API, one line each.
pub const ALL: &[&AtsApi] = &[&lever::API, &smartrecruiters::API];

#[cfg(test)]
mod tests {
    #[test]
    fn every_ats_api_has_https_hosts_and_its_own_id() {
        for a in super::ALL {
            assert_eq!(super::by_id(a.vendor.id).map(|b| b.vendor), Some(a.vendor));
            assert!(a.vendor.granted_at_install && a.vendor.host("api").is_some(), "{}", a.vendor.id);
            assert_eq!(super::of(a.ats).map(|b| b.vendor), Some(a.vendor));
        }
        assert!(super::of(crate::hellohire::BRIDGED).is_some(), "the Hellohire bridge's ATS has an API");
    }
}
