//! Oorwin: `https://<tenant>.oorwin.com/#/...`, a hash-routed app (the content script listens
//! for `hashchange`). Job routes `#/jobs/<id>/overview|pipeline_details/...` are [code].
//! [model] Candidate routes are not documented: `#/candidates/<id>/...` is our model, kept in
//! `CANDIDATE_ROUTE` so a user report fixes it in one line.

use super::{list, parse, segments, selectors, Ats, AtsPage, PageKind, PageRule};

/// Where the content script runs (the manifest is generated from this).
pub const MATCHES: &[&str] = &["https://*.oorwin.com/*"];

/// [model] The route segment before a candidate's id.
const CANDIDATE_ROUTE: &str = "candidates";
/// Oorwin's own hosts that are not tenants.
const NOT_TENANTS: &[&str] = &["www", "api", "app", "marketplace"];

fn is_tenant_host(host: &str) -> bool {
    host.strip_suffix(".oorwin.com").is_some_and(|tenant| {
        !tenant.is_empty()
            && !tenant.contains('.')
            && !NOT_TENANTS.contains(&tenant)
            && tenant.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
    })
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
}

/// The page behind a hash route `#/<route>/<id>/...`.
fn routed(url: &str, route: &str, kind: PageKind) -> Option<AtsPage> {
    let u = parse(url)?;
    if !is_tenant_host(&u.host) {
        return None;
    }
    let path = u.fragment.split('?').next().unwrap_or("");
    match segments(path).as_slice() {
        [r, id, ..] if *r == route && is_id(id) => {
            Some(AtsPage { ats: Ats::Oorwin, kind, ats_id: id.to_string(), api_host: None, tenant: None })
        }
        _ => None,
    }
}

pub fn candidate_page(url: &str) -> Option<AtsPage> {
    routed(url, CANDIDATE_ROUTE, PageKind::Candidate)
}

/// `#/jobs/<id>/overview`, `#/jobs/<id>/pipeline_details/...` [code].
pub fn job_page(url: &str) -> Option<AtsPage> {
    routed(url, "jobs", PageKind::Job)
}

/// [model] Selectors for the job view and its pipeline.
pub fn job_rule() -> PageRule {
    PageRule {
        title: selectors(&[".ow-job-title"]),
        location: selectors(&[".ow-job-location"]),
        description: selectors(&[".ow-job-description"]),
        people: list(".ow-pipeline-row", "data-candidate-id", &[".ow-name"], &[".ow-email"]),
        ..Default::default()
    }
}

/// [model] Selectors for the candidate view.
pub fn page_rule() -> PageRule {
    PageRule {
        name: selectors(&[".ow-candidate-name"]),
        email: selectors(&[".ow-candidate-email", ".ow-candidate a[href^='mailto:']"]),
        jobs: list(".ow-pipeline-job", "data-job-id", &[], &[]),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidate_routes() {
        for (url, id) in [
            ("https://acme.oorwin.com/#/candidates/7001/overview", "7001"),
            ("https://acme.oorwin.com/#/candidates/7001", "7001"),
            ("https://acme.oorwin.com/#/candidates/7001/pipeline?tab=prospective", "7001"),
            ("https://big-staffing.oorwin.com/?csp=strict#/candidates/7001/overview", "7001"),
        ] {
            let page = candidate_page(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!((page.ats, page.ats_id.as_str()), (Ats::Oorwin, id), "{url}");
        }
    }

    #[test]
    fn other_routes() {
        for url in [
            "https://acme.oorwin.com/",
            "https://acme.oorwin.com/#/",
            "https://acme.oorwin.com/candidates/7001",
            "https://www.oorwin.com/#/candidates/7001",
            "https://oorwin.com/#/candidates/7001",
            "https://acme.oorwin.com.evil.example/#/candidates/7001",
            "https://evil.example/#/candidates/7001",
            "https://acme.oorwin.com/#/candidates/<x>/overview",
        ] {
            assert_eq!(candidate_page(url), None, "{url}");
        }
    }

    #[test]
    fn job_routes() {
        for url in [
            "https://acme.oorwin.com/#/jobs/5001/overview",
            "https://acme.oorwin.com/#/jobs/5001/pipeline_details/all",
            "https://acme.oorwin.com/?csp=strict#/jobs/5001",
        ] {
            let page = job_page(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!((page.kind, page.ats_id.as_str()), (PageKind::Job, "5001"), "{url}");
            assert_eq!(candidate_page(url), None, "{url}");
        }
        for url in ["https://acme.oorwin.com/#/jobs", "https://www.oorwin.com/#/jobs/5001/overview"] {
            assert_eq!(job_page(url), None, "{url}");
        }
    }
}
