//! ATS adapters: which pages of an applicant tracking system are candidate pages, and where on
//! the page the candidate's details are. Pure URL logic, so every adapter is tested natively
//! against a table of real URLs.

pub mod lever;

use serde::{Deserialize, Serialize};

/// The ATS a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ats {
    Lever,
}

impl Ats {
    pub fn label(self) -> &'static str {
        match self {
            Ats::Lever => "Lever",
        }
    }
}

/// A page the extension acts on, recognised from its URL alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidatePage {
    pub ats: Ats,
    /// The ATS's own id for the candidate (Lever: the opportunity id).
    pub ats_id: String,
    /// Regional API base that serves this page's tenant (Lever EU and sandbox have their own).
    pub api_host: String,
}

/// What the content script should read from the DOM of a recognised page. Selectors are
/// tried in order; the first element with text wins. Kept here, not in the content script,
/// so a changed ATS layout is fixed in one Rust line and covered by the adapter's tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRule {
    pub name: Vec<String>,
    pub email: Vec<String>,
}

/// Recognises a URL as a candidate page of any supported ATS.
pub fn candidate_page(url: &str) -> Option<CandidatePage> {
    lever::candidate_page(url)
}

/// The DOM rule for a candidate page.
pub fn page_rule(page: &CandidatePage) -> PageRule {
    match page.ats {
        Ats::Lever => lever::page_rule(),
    }
}

/// Splits an absolute https URL into (host, path), dropping query and fragment. Only https is
/// accepted: every ATS we support serves its app over TLS, and anything else is not theirs.
pub(crate) fn host_and_path(url: &str) -> Option<(String, &str)> {
    let rest = url.strip_prefix("https://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.contains('@') {
        return None;
    }
    let host = authority.split(':').next()?.to_ascii_lowercase();
    let after = &rest[end..];
    let path_end = after.find(['?', '#']).unwrap_or(after.len());
    let path = &after[..path_end];
    Some((host, if path.is_empty() { "/" } else { path }))
}
