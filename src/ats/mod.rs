//! ATS adapters: which pages of an applicant tracking system are candidate pages or job pages,
//! and where on the page their details are. Pure URL logic, so every adapter is tested natively
//! against a table of real URLs.

pub mod lever;
pub mod oorwin;
pub mod pageup;
pub mod smartrecruiters;
pub mod topechelon;

use serde::{Deserialize, Serialize};

/// The ATS a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ats {
    Lever,
    TopEchelon,
    Oorwin,
    SmartRecruiters,
    PageUp,
}

impl Ats {
    pub fn label(self) -> &'static str {
        match self {
            Ats::Lever => "Lever",
            Ats::TopEchelon => "Top Echelon",
            Ats::Oorwin => "Oorwin",
            Ats::SmartRecruiters => "SmartRecruiters",
            Ats::PageUp => "PageUp",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// One candidate (or one application of theirs).
    Candidate,
    /// A job with its pipeline of candidates.
    Job,
}

/// A page the extension acts on, recognised from its URL alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AtsPage {
    pub ats: Ats,
    pub kind: PageKind,
    /// The ATS's own id for the candidate (Lever: the opportunity id; PageUp and SmartRecruiters
    /// application pages: the application id), or for the job on job pages.
    pub ats_id: String,
    /// Regional API host that serves this page's tenant, where the ATS has one we use
    /// (Lever EU and sandbox have their own).
    pub api_host: Option<String>,
    /// The tenant, where anyone can have one (`acme` of `acme.oorwin.com`): records kept per
    /// job or per ATS are kept per tenant, so two tenants' job 5001 never share a link.
    #[serde(default)]
    pub tenant: Option<String>,
}

/// What the content script should read from the DOM of a recognised page. Selectors are
/// tried in order; the first element with text wins. Kept here, not in the content script,
/// so a changed ATS layout is fixed in one Rust line and covered by the adapter's tests.
/// Candidate pages fill `name`, `email` and `jobs`; job pages `title`, `location`,
/// `description` and `people`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct PageRule {
    pub name: Vec<String>,
    pub email: Vec<String>,
    /// The ATS jobs a candidate is in.
    pub jobs: Option<ListRule>,
    pub title: Vec<String>,
    pub location: Vec<String>,
    pub description: Vec<String>,
    /// The candidates in a job's pipeline.
    pub people: Option<ListRule>,
    /// The extension page the content script frames beside this page: each panel is its own
    /// bundle, so an ATS page never loads Hellohire's panel, nor a Hellohire room the ATS one.
    pub panel: String,
    /// Where the panel is shown only while the page has this (a Hellohire room only while it
    /// is one-on-one): elsewhere it would take the page's room to say it has nothing to do.
    pub needs: Option<String>,
    /// The page's own control the panel stands in for (Hellohire's rating row), so the page
    /// shows one: hidden while the panel is open, and its button of the same name pressed when
    /// the panel's is, so the page's app keeps what was chosen too.
    pub replaces: Option<String>,
}

pub const PANEL: &str = "panel.html";

/// A repeated element: its id comes from an attribute (`href?applicationId`: that query
/// parameter of the attribute's URL), its parts from selectors inside it (an empty `name` list
/// means the element's own text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ListRule {
    pub item: String,
    pub id_attr: String,
    pub name: Vec<String>,
    pub email: Vec<String>,
    /// Where a page shows first and last name apart (Hellohire registrants).
    pub first_name: Vec<String>,
    pub last_name: Vec<String>,
}

/// Recognises a URL as a candidate or job page of any supported ATS.
pub fn page(url: &str) -> Option<AtsPage> {
    let mut page = lever::candidate_page(url)
        .or_else(|| topechelon::candidate_page(url))
        .or_else(|| oorwin::candidate_page(url))
        .or_else(|| smartrecruiters::candidate_page(url))
        .or_else(|| pageup::candidate_page(url))
        .or_else(|| lever::job_page(url))
        .or_else(|| topechelon::job_page(url))
        .or_else(|| oorwin::job_page(url))
        .or_else(|| smartrecruiters::job_page(url))
        .or_else(|| pageup::job_page(url))?;
    page.tenant = tenant(page.ats, url);
    Some(page)
}

/// The subdomain a multi-tenant ATS serves a customer on; `None` where one host serves all.
pub fn tenant(ats: Ats, url: &str) -> Option<String> {
    let (host, _) = host_and_path(url)?;
    let base = match ats {
        Ats::Oorwin => ".oorwin.com",
        Ats::PageUp => ".pageuppeople.com",
        Ats::TopEchelon => ".topechelon.com",
        Ats::Lever | Ats::SmartRecruiters => return None,
    };
    host.strip_suffix(base).filter(|t| !t.is_empty()).map(String::from)
}

/// The DOM rule for a recognised page.
pub fn page_rule(page: &AtsPage) -> PageRule {
    PageRule { panel: PANEL.into(), ..dom_rule(page) }
}

fn dom_rule(page: &AtsPage) -> PageRule {
    match (page.ats, page.kind) {
        (Ats::Lever, PageKind::Candidate) => lever::page_rule(),
        (Ats::Lever, PageKind::Job) => lever::job_rule(),
        (Ats::TopEchelon, PageKind::Candidate) => topechelon::page_rule(),
        (Ats::TopEchelon, PageKind::Job) => topechelon::job_rule(),
        (Ats::Oorwin, PageKind::Candidate) => oorwin::page_rule(),
        (Ats::Oorwin, PageKind::Job) => oorwin::job_rule(),
        (Ats::SmartRecruiters, PageKind::Candidate) => smartrecruiters::page_rule(),
        (Ats::SmartRecruiters, PageKind::Job) => smartrecruiters::job_rule(),
        (Ats::PageUp, PageKind::Candidate) => pageup::page_rule(),
        (Ats::PageUp, PageKind::Job) => pageup::job_rule(),
    }
}

fn list(item: &str, id_attr: &str, name: &[&str], email: &[&str]) -> Option<ListRule> {
    Some(ListRule {
        item: item.into(),
        id_attr: id_attr.into(),
        name: selectors(name),
        email: selectors(email),
        ..Default::default()
    })
}

/// Splits an absolute https URL into (host, path), dropping query and fragment. Only https is
/// accepted: every ATS we support serves its app over TLS, and anything else is not theirs.
pub(crate) fn host_and_path(url: &str) -> Option<(String, &str)> {
    let rest = url.strip_prefix("https://")?;
    // Split, not sliced: a slice that can panic brings core's formatted slice error (about
    // 7 KB of wasm) into the worker.
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at_checked(end)?;
    if authority.contains('@') {
        return None;
    }
    let host = authority.split(':').next()?.to_ascii_lowercase();
    let path = after.split(['?', '#']).next().unwrap_or_default();
    Some((host, if path.is_empty() { "/" } else { path }))
}

/// An https URL taken apart: host (lower-case, no port), path, query and fragment.
pub(crate) struct Url<'a> {
    pub host: String,
    pub path: &'a str,
    pub query: &'a str,
    pub fragment: &'a str,
}

pub(crate) fn parse(url: &str) -> Option<Url<'_>> {
    let (host, path) = host_and_path(url)?;
    let rest = url.strip_prefix("https://")?;
    let (before_fragment, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let query = before_fragment.split_once('?').map_or("", |(_, q)| q);
    Some(Url { host, path, query, fragment })
}

impl Url<'_> {
    /// A query parameter, its name compared without case (PageUp mixes `lJobId`/`ljobid`).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
}

/// The path segments, without empty ones (so trailing slashes don't matter).
pub(crate) fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

pub(crate) fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

pub(crate) fn is_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 18 && s.bytes().all(|c| c.is_ascii_digit())
}

fn selectors(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenants_come_from_the_subdomain() {
        let t = |url: &str| page(url).and_then(|p| p.tenant);
        assert_eq!(t("https://acme.oorwin.com/#/jobs/5001/overview").as_deref(), Some("acme"));
        assert_eq!(t("https://evil.oorwin.com/#/jobs/5001/overview").as_deref(), Some("evil"));
        assert_eq!(t("https://bigbiller.topechelon.com/people/40001").as_deref(), Some("bigbiller"));
        assert_eq!(
            t("https://acme.dc4.pageuppeople.com/ManageApplications/ApplicantProgressBoard?lJobId=512345")
                .as_deref(),
            Some("acme.dc4")
        );
        assert_eq!(t("https://hire.lever.co/candidates/8d9e0f1a-2b3c-4d5e-9f60-718293a4b5c6"), None);
    }
}
