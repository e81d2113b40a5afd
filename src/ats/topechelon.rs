//! Top Echelon (TE Recruit / Big Biller): `https://bigbiller.topechelon.com`.
//! [model] Person pages: Top Echelon documents no route for them; `/people/<numeric id>` is our
//! model, kept in `PERSON_ROUTE` so a user report fixes it in one line. Network job pages
//! (`/network/jobs/<uuid>/info`) are [code].

use super::{is_number, parse, segments, selectors, Ats, CandidatePage, PageRule};

const HOST: &str = "bigbiller.topechelon.com";
/// [model] The path segment before a person's id.
const PERSON_ROUTE: &str = "people";

pub fn candidate_page(url: &str) -> Option<CandidatePage> {
    let u = parse(url)?;
    if u.host != HOST {
        return None;
    }
    match segments(u.path).as_slice() {
        [route, id, ..] if *route == PERSON_ROUTE && is_number(id) => {
            Some(CandidatePage { ats: Ats::TopEchelon, ats_id: id.to_string(), api_host: None })
        }
        _ => None,
    }
}

/// [model] Selectors for the person page.
pub fn page_rule() -> PageRule {
    PageRule {
        name: selectors(&[".person-name", "h1"]),
        email: selectors(&[".person-email", "a[href^='mailto:']"]),
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
            "https://bigbiller.topechelon.com/network/jobs/0b8f2c1e-1111-4a2b-9c3d-4e5f6a7b8c9d/info",
            "https://topechelon.com/people/40001",
            "https://bigbiller.topechelon.com.evil.example/people/40001",
            "http://bigbiller.topechelon.com/people/40001",
        ] {
            assert_eq!(candidate_page(url), None, "{url}");
        }
    }
}
