//! SmartRecruiters: `https://www.smartrecruiters.com/app/people/...` [code]. Whether the id
//! after `/applications/` is the candidate's or the application's is not confirmed; we keep it
//! as the page's id and read the person from the page.

use super::{list, parse, segments, selectors, Ats, AtsPage, PageKind, PageRule};

const HOST: &str = "www.smartrecruiters.com";
/// Where the content script runs (the manifest is generated from this).
pub const MATCHES: &[&str] = &["https://www.smartrecruiters.com/*"];

pub fn candidate_page(url: &str) -> Option<AtsPage> {
    let u = parse(url)?;
    if u.host != HOST {
        return None;
    }
    match segments(u.path).as_slice() {
        ["app", "people", "profile" | "applications" | "candidates", id, ..]
            if id.len() >= 8 && id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') =>
        {
            Some(AtsPage {
                ats: Ats::SmartRecruiters,
                kind: PageKind::Candidate,
                ats_id: id.to_ascii_lowercase(),
                api_host: None,
                tenant: None,
            })
        }
        _ => None,
    }
}

/// [model] The app is built from `spl-*`/`sr-*` web components [code]; the selectors name the
/// parts of the profile header we read. They sit in the components' open shadow roots, which the
/// content script reads through, so no selector may span a component's boundary.
pub fn page_rule() -> PageRule {
    PageRule {
        name: selectors(&[".sr-candidate-name"]),
        email: selectors(&[".sr-candidate-email"]),
        jobs: list(".sr-job", "data-job-id", &[], &[]),
        ..Default::default()
    }
}

/// `/app/jobs/details/<jobId>` [code].
pub fn job_page(url: &str) -> Option<AtsPage> {
    let u = parse(url)?;
    if u.host != HOST {
        return None;
    }
    match segments(u.path).as_slice() {
        ["app", "jobs", "details", id, ..]
            if id.len() >= 8
                && id.len() <= 64
                && id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') =>
        {
            Some(AtsPage {
                ats: Ats::SmartRecruiters,
                kind: PageKind::Job,
                ats_id: id.to_ascii_lowercase(),
                api_host: None,
                tenant: None,
            })
        }
        _ => None,
    }
}

/// [model] Selectors for the job page and its applicants.
pub fn job_rule() -> PageRule {
    PageRule {
        title: selectors(&[".sr-job-title", "h1"]),
        location: selectors(&[".sr-job-location"]),
        description: selectors(&[".sr-job-description"]),
        people: list(".sr-applicant", "data-candidate-id", &[".sr-applicant-name"], &[".sr-applicant-email"]),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "3b1f6a2c-8d4e-4f5a-9b6c-7d8e9f0a1b2c";

    #[test]
    fn people_pages() {
        for url in [
            "https://www.smartrecruiters.com/app/people/profile/3b1f6a2c-8d4e-4f5a-9b6c-7d8e9f0a1b2c",
            "https://www.smartrecruiters.com/app/people/applications/3b1f6a2c-8d4e-4f5a-9b6c-7d8e9f0a1b2c",
            "https://www.smartrecruiters.com/app/people/candidates/3b1f6a2c-8d4e-4f5a-9b6c-7d8e9f0a1b2c/",
            "https://www.smartrecruiters.com/app/people/profile/3B1F6A2C-8D4E-4F5A-9B6C-7D8E9F0A1B2C?csp=strict",
        ] {
            let page = candidate_page(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!((page.ats, page.ats_id.as_str()), (Ats::SmartRecruiters, ID), "{url}");
        }
    }

    #[test]
    fn other_pages() {
        for url in [
            "https://www.smartrecruiters.com/app/people",
            "https://www.smartrecruiters.com/app/people/profile/",
            "https://jobs.smartrecruiters.com/Acme/743999999999999",
            "https://api.smartrecruiters.com/candidates/3b1f6a2c-8d4e-4f5a-9b6c-7d8e9f0a1b2c",
            "https://www.smartrecruiters.com.evil.example/app/people/profile/3b1f6a2c-8d4e-4f5a-9b6c-7d8e9f0a1b2c",
        ] {
            assert_eq!(candidate_page(url), None, "{url}");
        }
    }

    #[test]
    fn job_pages() {
        for url in [
            "https://www.smartrecruiters.com/app/jobs/details/5f9b1c2d3e4f5a6b7c8d9e0f",
            "https://www.smartrecruiters.com/app/jobs/details/5F9B1C2D3E4F5A6B7C8D9E0F/candidates?csp=strict",
        ] {
            let page = job_page(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!(
                (page.kind, page.ats_id.as_str()),
                (PageKind::Job, "5f9b1c2d3e4f5a6b7c8d9e0f"),
                "{url}"
            );
            assert_eq!(candidate_page(url), None, "{url}");
        }
        for url in [
            "https://www.smartrecruiters.com/app/jobs",
            "https://www.smartrecruiters.com/app/jobs/details/",
            "https://jobs.smartrecruiters.com/app/jobs/details/5f9b1c2d3e4f5a6b7c8d9e0f",
        ] {
            assert_eq!(job_page(url), None, "{url}");
        }
    }
}
