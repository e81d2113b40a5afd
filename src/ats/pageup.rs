//! PageUp: `https://<tenant>.<dc>.pageuppeople.com/...` [code]. The applicant progress board
//! opens a candidate as `/ApplicantProgressBoard/OpenResume?applicationId=<n>`; the page is
//! about one application, so its id is what we keep.

use super::{is_number, list, parse, segments, selectors, Ats, AtsPage, PageKind, PageRule};

/// Where the content script runs (the manifest is generated from this).
pub const MATCHES: &[&str] = &["https://*.pageuppeople.com/*"];

/// `<tenant>.<dc>.pageuppeople.com`, where dc is a data centre (dc2 AU, dc3 UK, dc4 US, dc5 SEA).
fn is_tenant_host(host: &str) -> bool {
    let Some(rest) = host.strip_suffix(".pageuppeople.com") else {
        return false;
    };
    let mut parts = rest.split('.');
    let (Some(tenant), Some(dc), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    // login.<dc> and api.<dc> (and their UAT twins) are PageUp's own hosts [doc], not tenants.
    !tenant.is_empty()
        && !["login", "api", "loginuat", "apiuat"].contains(&tenant)
        && tenant.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
        && dc.strip_prefix("dc").is_some_and(is_number)
}

pub fn candidate_page(url: &str) -> Option<AtsPage> {
    let u = parse(url)?;
    if !is_tenant_host(&u.host) {
        return None;
    }
    let segs = segments(u.path);
    let opens_resume = segs.len() >= 2
        && segs[segs.len() - 2].eq_ignore_ascii_case("ApplicantProgressBoard")
        && segs[segs.len() - 1].eq_ignore_ascii_case("OpenResume");
    let id = u.param("applicationId").filter(|id| is_number(id))?;
    opens_resume.then(|| AtsPage {
        ats: Ats::PageUp,
        kind: PageKind::Candidate,
        ats_id: id.to_string(),
        api_host: None,
        tenant: None,
    })
}

/// [model] Selectors for the résumé view.
pub fn page_rule() -> PageRule {
    PageRule {
        name: selectors(&[".pu-applicant-name", "h1"]),
        email: selectors(&[".pu-applicant-email", "a[href^='mailto:']"]),
        jobs: list(".pu-applicant-job", "data-job-id", &[], &[]),
        ..Default::default()
    }
}

/// The applicant progress board of a job: `/ManageApplications/ApplicantProgressBoard?lJobId=<n>`.
pub fn job_page(url: &str) -> Option<AtsPage> {
    let u = parse(url)?;
    if !is_tenant_host(&u.host) {
        return None;
    }
    let board = segments(u.path).last().is_some_and(|s| s.eq_ignore_ascii_case("ApplicantProgressBoard"));
    let id = u.param("lJobId").filter(|id| is_number(id))?;
    board.then(|| AtsPage {
        ats: Ats::PageUp,
        kind: PageKind::Job,
        ats_id: id.to_string(),
        api_host: None,
        tenant: None,
    })
}

/// The board's job and its cards. A card is the link to its application, carrying the
/// application id in its query, with the name in an `<h3>` [code: API-NOTES, PageUp]; the job's
/// heading, location and description and the card's email line are [model].
pub fn job_rule() -> PageRule {
    PageRule {
        title: selectors(&[".pu-job-title", "h1"]),
        location: selectors(&[".pu-job-location"]),
        description: selectors(&[".pu-job-description"]),
        people: list(
            "a[href*='/ApplicantProgressBoard/OpenResume?' i]",
            "href?applicationId",
            &["h3"],
            &[".pu-card-email"],
        ),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_pages() {
        for url in [
            "https://acme.dc4.pageuppeople.com/ApplicantProgressBoard/OpenResume?applicationId=880001",
            "https://acme.dc4.pageuppeople.com/ManageApplications/ApplicantProgressBoard/OpenResume?applicationId=880001",
            "https://acme.dc2.pageuppeople.com/applicantprogressboard/openresume?applicationid=880001",
            "https://acme-health.dc5.pageuppeople.com/ApplicantProgressBoard/OpenResume?x=1&applicationId=880001&csp=strict",
        ] {
            let page = candidate_page(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!((page.ats, page.ats_id.as_str()), (Ats::PageUp, "880001"), "{url}");
        }
    }

    #[test]
    fn other_pages() {
        for url in [
            "https://acme.dc4.pageuppeople.com/ApplicantProgressBoard/OpenResume",
            "https://acme.dc4.pageuppeople.com/ApplicantProgressBoard/OpenResume?applicationId=abc",
            "https://login.dc4.pageuppeople.com/ApplicantProgressBoard/OpenResume?applicationId=880001",
            "https://loginuat.dc4.pageuppeople.com/ApplicantProgressBoard/OpenResume?applicationId=880001",
            "https://api.dc4.pageuppeople.com/v3/1/recruitment/applications/880001",
            "https://acme.pageuppeople.com/ApplicantProgressBoard/OpenResume?applicationId=880001",
            "https://acme.dc4.pageuppeople.com.evil.example/ApplicantProgressBoard/OpenResume?applicationId=880001",
            "https://acme.dcx.pageuppeople.com/ApplicantProgressBoard/OpenResume?applicationId=880001",
        ] {
            assert_eq!(candidate_page(url), None, "{url}");
        }
    }

    #[test]
    fn job_boards() {
        for url in [
            "https://acme.dc4.pageuppeople.com/ManageApplications/ApplicantProgressBoard?lJobId=512345",
            "https://acme.dc4.pageuppeople.com/manageapplications/applicantprogressboard?ljobid=512345&csp=strict",
        ] {
            let page = job_page(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!((page.kind, page.ats_id.as_str()), (PageKind::Job, "512345"), "{url}");
            assert_eq!(candidate_page(url), None, "{url}");
        }
        for url in [
            "https://acme.dc4.pageuppeople.com/ManageApplications/ApplicantProgressBoard",
            "https://acme.dc4.pageuppeople.com/ApplicantProgressBoard/OpenResume?applicationId=880001",
            "https://login.dc4.pageuppeople.com/ManageApplications/ApplicantProgressBoard?lJobId=512345",
        ] {
            assert_eq!(job_page(url), None, "{url}");
        }
    }
}
