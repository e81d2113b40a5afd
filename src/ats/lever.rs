//! Lever: `https://hire.lever.co/candidates/<opportunityId>` (also the EU and sandbox hosts).
//! Lever is a single-page app, so the content script re-checks on every route change.

use super::{host_and_path, is_uuid, list, selectors, Ats, AtsPage, PageKind, PageRule};

/// App host → API host. Each Lever region and the sandbox have their own pair [doc].
const HOSTS: &[(&str, &str)] = &[
    ("hire.lever.co", "api.lever.co"),
    ("hire.eu.lever.co", "api.eu.lever.co"),
    ("hire.sandbox.lever.co", "api.sandbox.lever.co"),
];

/// Where the content script runs (the manifest is generated from this).
pub const MATCHES: &[&str] =
    &["https://hire.lever.co/*", "https://hire.eu.lever.co/*", "https://hire.sandbox.lever.co/*"];

pub fn candidate_page(url: &str) -> Option<AtsPage> {
    let (host, path) = host_and_path(url)?;
    let api_host = HOSTS.iter().find(|(app, _)| *app == host)?.1;
    let mut parts = path.trim_end_matches('/').split('/').skip(1);
    if parts.next()? != "candidates" {
        return None;
    }
    let id = parts.next()?;
    // Lever opportunity ids are UUIDs; anything else under /candidates/ is a list or a tab.
    if !is_uuid(id) {
        return None;
    }
    // Sub-tabs of a profile (/candidates/<id>/feedback …) still show the same candidate.
    Some(AtsPage {
        ats: Ats::Lever,
        kind: PageKind::Candidate,
        ats_id: id.to_ascii_lowercase(),
        api_host: Some(api_host.to_string()),
        tenant: None,
    })
}

/// [model] Lever's profile markup is not public: these selectors are our best model of it and
/// are the one place to change when a recruiter reports a layout change. The `mailto:` link is
/// the most layout-independent signal for the email. With a Lever key saved, the API is used
/// instead of the page.
pub fn page_rule() -> PageRule {
    PageRule {
        name: vec![
            "[data-qa='candidate-name']".into(),
            ".candidate-name".into(),
            ".profile-name".into(),
            "h1".into(),
        ],
        email: vec![
            "[data-qa='candidate-email']".into(),
            ".candidate-email".into(),
            "a[href^='mailto:']".into(),
        ],
        jobs: list(".candidate-posting", "data-posting-id", &[], &[]),
        ..Default::default()
    }
}

/// A posting: the editor `/jobs/postings/edit/<postingId>` [code], and the posting's pipeline
/// `/jobs/postings/<postingId>` [model].
pub fn job_page(url: &str) -> Option<AtsPage> {
    let (host, path) = host_and_path(url)?;
    let api_host = HOSTS.iter().find(|(app, _)| *app == host)?.1;
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let id = match parts.as_slice() {
        ["jobs", "postings", "edit", id, ..] | ["jobs", "postings", id, ..] => *id,
        _ => return None,
    };
    is_uuid(id).then(|| AtsPage {
        ats: Ats::Lever,
        kind: PageKind::Job,
        ats_id: id.to_ascii_lowercase(),
        api_host: Some(api_host.to_string()),
        tenant: None,
    })
}

/// [model] Selectors for a posting and its pipeline.
pub fn job_rule() -> PageRule {
    PageRule {
        title: selectors(&[".posting-title", "h1"]),
        location: selectors(&[".posting-location"]),
        description: selectors(&[".posting-description"]),
        people: list(
            ".posting-candidate",
            "data-opportunity-id",
            &[".posting-candidate-name"],
            &[".posting-candidate-email"],
        ),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b";

    #[test]
    fn candidate_urls() {
        let table: &[(&str, Option<(&str, &str)>)] = &[
            (
                "https://hire.lever.co/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
                Some((ID, "api.lever.co")),
            ),
            (
                "https://hire.lever.co/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b/",
                Some((ID, "api.lever.co")),
            ),
            (
                "https://hire.lever.co/candidates/2F7A1C3E-4B5D-4E6F-8A9B-0C1D2E3F4A5B",
                Some((ID, "api.lever.co")),
            ),
            (
                "https://hire.lever.co/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b?csp=strict",
                Some((ID, "api.lever.co")),
            ),
            (
                "https://hire.lever.co/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b#notes",
                Some((ID, "api.lever.co")),
            ),
            (
                "https://hire.lever.co/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b/feedback",
                Some((ID, "api.lever.co")),
            ),
            (
                "https://hire.eu.lever.co/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
                Some((ID, "api.eu.lever.co")),
            ),
            (
                "https://hire.sandbox.lever.co/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
                Some((ID, "api.sandbox.lever.co")),
            ),
            (
                "https://HIRE.LEVER.CO/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
                Some((ID, "api.lever.co")),
            ),
            (
                "https://hire.lever.co:443/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
                Some((ID, "api.lever.co")),
            ),
        ];
        for (url, want) in table {
            let got = candidate_page(url).map(|p| (p.ats_id, p.api_host.unwrap_or_default()));
            let want = want.map(|(id, api)| (id.to_string(), api.to_string()));
            assert_eq!(got, want, "{url}");
        }
    }

    #[test]
    fn not_candidate_urls() {
        for url in [
            "https://hire.lever.co/",
            "https://hire.lever.co/candidates",
            "https://hire.lever.co/candidates/",
            "https://hire.lever.co/candidates?stage=phone-screen",
            "https://hire.lever.co/jobs/postings/edit/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
            "https://hire.lever.co/interviews/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
            "https://hire.lever.co/candidates/not-a-uuid",
            "http://hire.lever.co/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
            "https://jobs.lever.co/acme/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
            "https://hire.lever.co.evil.example/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
            "https://evil.example/hire.lever.co/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
            "https://hire.lever.co@evil.example/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
            "https://evil.example/?u=https://hire.lever.co/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
        ] {
            assert_eq!(candidate_page(url), None, "{url}");
        }
    }

    #[test]
    fn posting_pages() {
        let id = "5ac21346-8e0c-4494-8e7a-3eb92ff77902";
        for url in [
            "https://hire.lever.co/jobs/postings/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
            "https://hire.lever.co/jobs/postings/edit/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
            "https://hire.eu.lever.co/jobs/postings/5AC21346-8E0C-4494-8E7A-3EB92FF77902?csp=strict",
        ] {
            let page = job_page(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!((page.kind, page.ats_id.as_str()), (PageKind::Job, id), "{url}");
            assert_eq!(candidate_page(url), None, "{url}");
        }
        for url in [
            "https://hire.lever.co/jobs/postings",
            "https://hire.lever.co/jobs/postings/edit/new",
            "https://jobs.lever.co/acme/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
            "https://hire.lever.co/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b",
        ] {
            assert_eq!(job_page(url), None, "{url}");
        }
        assert!(job_rule().people.is_some() && page_rule().jobs.is_some());
    }

    #[test]
    fn rule_reads_mailto_links() {
        let rule = page_rule();
        assert!(rule.email.iter().any(|s| s.contains("mailto:")));
        assert!(!rule.name.is_empty());
    }
}
