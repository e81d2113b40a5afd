//! Top Echelon (TE Recruit / Big Biller): `https://bigbiller.topechelon.com`.
//! [model] Person pages: Top Echelon documents no route for them; `/people/<numeric id>` is our
//! model, kept in `PERSON_ROUTE` so a user report fixes it in one line. Network job pages
//! (`/network/jobs/<uuid>/info`) are [code].

use super::{is_number, is_uuid, list, parse, segments, selectors, Ats, AtsPage, PageKind, PageRule};

const HOST: &str = "bigbiller.topechelon.com";
/// Where the content script runs (the manifest is generated from this).
pub const MATCHES: &[&str] = &["https://bigbiller.topechelon.com/*"];
/// [model] The path segment before a person's id.
const PERSON_ROUTE: &str = "people";

pub fn candidate_page(url: &str) -> Option<AtsPage> {
    let u = parse(url)?;
    if u.host != HOST {
        return None;
    }
    match segments(u.path).as_slice() {
        [route, id, ..] if *route == PERSON_ROUTE && is_number(id) => Some(AtsPage {
            ats: Ats::TopEchelon,
            kind: PageKind::Candidate,
            ats_id: id.to_string(),
            api_host: None,
            tenant: None,
        }),
        _ => None,
    }
}

/// [model] Selectors for the person page.
pub fn page_rule() -> PageRule {
    PageRule {
        name: selectors(&[".person-name", "h1"]),
        email: selectors(&[".person-email", "a[href^='mailto:']"]),
        jobs: list(".person-job", "data-job-id", &[], &[]),
        ..Default::default()
    }
}

/// Network job pages: `/network/jobs/<uuid>/info` [code].
pub fn job_page(url: &str) -> Option<AtsPage> {
    let u = parse(url)?;
    if u.host != HOST {
        return None;
    }
    match segments(u.path).as_slice() {
        ["network", "jobs", id, ..] if is_uuid(id) => Some(AtsPage {
            ats: Ats::TopEchelon,
            kind: PageKind::Job,
            ats_id: id.to_ascii_lowercase(),
            api_host: None,
            tenant: None,
        }),
        _ => None,
    }
}

/// [model] Selectors for the job page and its candidates.
pub fn job_rule() -> PageRule {
    PageRule {
        title: selectors(&[".job-title", "h1"]),
        location: selectors(&[".job-location"]),
        description: selectors(&[".job-description"]),
        people: list(".job-candidate", "data-person-id", &[".candidate-name"], &[".candidate-email"]),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_pages() {
        for (url, id) in [
            ("https://bigbiller.topechelon.com/people/40001", "40001"),
            ("https://bigbiller.topechelon.com/people/40001/", "40001"),
            ("https://bigbiller.topechelon.com/people/40001/notes?tab=2", "40001"),
            ("https://bigbiller.topechelon.com/people/40001?csp=strict#top", "40001"),
        ] {
            let page = candidate_page(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!((page.ats, page.ats_id.as_str()), (Ats::TopEchelon, id), "{url}");
        }
    }

    #[test]
    fn other_pages() {
        for url in [
            "https://bigbiller.topechelon.com/",
            "https://bigbiller.topechelon.com/people",
            "https://bigbiller.topechelon.com/people/new",
            "https://topechelon.com/people/40001",
            "https://bigbiller.topechelon.com.evil.example/people/40001",
            "http://bigbiller.topechelon.com/people/40001",
        ] {
            assert_eq!(candidate_page(url), None, "{url}");
        }
    }

    #[test]
    fn job_pages() {
        let id = "0b8f2c1e-1111-4a2b-9c3d-4e5f6a7b8c9d";
        for url in [
            "https://bigbiller.topechelon.com/network/jobs/0b8f2c1e-1111-4a2b-9c3d-4e5f6a7b8c9d/info",
            "https://bigbiller.topechelon.com/network/jobs/0B8F2C1E-1111-4A2B-9C3D-4E5F6A7B8C9D/info?csp=strict",
            "https://bigbiller.topechelon.com/network/jobs/0b8f2c1e-1111-4a2b-9c3d-4e5f6a7b8c9d",
        ] {
            let page = job_page(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!((page.kind, page.ats_id.as_str()), (PageKind::Job, id), "{url}");
            assert_eq!(candidate_page(url), None, "{url}");
        }
        for url in [
            "https://bigbiller.topechelon.com/network/jobs",
            "https://bigbiller.topechelon.com/network/jobs/new/info",
            "https://bigbiller.topechelon.com/people/40001",
        ] {
            assert_eq!(job_page(url), None, "{url}");
        }
        assert!(job_rule().people.is_some() && page_rule().jobs.is_some());
    }
}
