//! What a page is about: what the content script read there, cleaned into the context the
//! panel shows (a candidate, a job with its pipeline, a Hellohire interview).

use serde::{Deserialize, Serialize};

use crate::ats::{Ats, AtsPage, PageKind};
use crate::hellohire::{HellohireKind, HellohirePage, Registrant, TaggedRating};

/// What the content script read from the page with the adapter's `PageRule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct PageFields {
    pub name: Option<String>,
    pub email: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub description: Option<String>,
    /// Candidate pages: the ATS jobs the candidate is in.
    pub jobs: Vec<ListItem>,
    /// Job pages: the candidates in the job's pipeline.
    pub people: Vec<ListItem>,
}

/// One element of a list on the page: a job (id, title) or a candidate (id, name, email).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ListItem {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
}

/// A job page: the ATS job and the candidates in its pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobPosting {
    pub ats: Ats,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    pub ats_id: String,
    pub title: String,
    pub location: Option<String>,
    pub description: Option<String>,
    /// At most [`PIPELINE_CAP`].
    pub people: Vec<ListItem>,
    /// The pipeline had more people than [`PIPELINE_CAP`]: the rest are not listed.
    #[serde(default)]
    pub cut: bool,
    /// Where `people` came from: the page, or the ATS's API with the recruiter's key.
    #[serde(default = "from_the_page")]
    pub source: Source,
}

/// The most people one job's list holds, read from a page or an API. A page can list anyone,
/// and a bulk run is confirmed by the recruiter: a list longer than anyone reads is not one.
pub const PIPELINE_CAP: usize = 500;

fn from_the_page() -> Source {
    Source::Page
}

/// What a panel is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageContext {
    Candidate(Candidate),
    Job(JobPosting),
    Hellohire(HellohireContext),
    /// A candidate or job page on which nothing could be read: markup we don't know, or a page
    /// made to break the reading. The panel says so and has no one to send to.
    Unreadable,
}

/// A Hellohire interview page: the interview and who registered for it (in a one-on-one room,
/// the one candidate; in a group room, nobody).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HellohireContext {
    pub kind: HellohireKind,
    pub interview_id: String,
    /// The interview's name as Hellohire shows it: the tag is made from it.
    pub interview: String,
    pub registrants: Vec<Registrant>,
    /// Shown on Hellohire's own host: registrants are synced only from there.
    #[serde(default)]
    pub on_app: bool,
}

impl HellohireContext {
    pub fn from_page(page: &HellohirePage, fields: PageFields) -> HellohireContext {
        let registrants = clean_items(fields.people)
            .into_iter()
            .filter_map(|p| {
                Some(Registrant {
                    registration_id: p.id,
                    first_name: p.first_name.unwrap_or_default(),
                    last_name: p.last_name.unwrap_or_default(),
                    email: p.email?,
                })
            })
            .collect();
        HellohireContext {
            kind: page.kind,
            interview_id: page.interview_id.clone(),
            interview: clean(fields.title).unwrap_or_else(|| page.interview_id.clone()),
            registrants,
            on_app: page.on_app,
        }
    }
}

/// Collapses runs of white space; nothing left is no value.
fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty())
}

fn clean_email(s: Option<String>) -> Option<String> {
    clean(s)
        .map(|e| e.strip_prefix("mailto:").unwrap_or(&e).to_string())
        .filter(|e| e.contains('@') && !e.contains(' '))
}

fn clean_items(items: Vec<ListItem>) -> Vec<ListItem> {
    let mut seen = crate::names::Names::new();
    items
        .into_iter()
        .filter(|i| !i.id.trim().is_empty() && seen.insert(i.id.trim().to_string()))
        .map(|i| {
            let (first_name, last_name) = (clean(i.first_name), clean(i.last_name));
            // `clean` below drops the space when one is missing.
            let parts = first_name.clone().unwrap_or_default() + " " + last_name.as_deref().unwrap_or("");
            ListItem {
                id: i.id.trim().to_string(),
                name: clean(Some(i.name)).or(clean(Some(parts))).unwrap_or_else(|| "Unnamed".into()),
                email: clean_email(i.email),
                first_name,
                last_name,
            }
        })
        .collect()
}

impl PageContext {
    /// What the panel shows for a recognised page, from what the content script read there.
    pub fn from_page(page: &AtsPage, fields: PageFields) -> PageContext {
        match page.kind {
            PageKind::Candidate => {
                let (name, email) = (clean(fields.name), clean_email(fields.email));
                if name.is_none() && email.is_none() {
                    return PageContext::Unreadable;
                }
                PageContext::Candidate(Candidate {
                    ats: page.ats,
                    tenant: page.tenant.clone(),
                    ats_id: page.ats_id.clone(),
                    name: name.unwrap_or_else(|| crate::i18n::msg("unnamed_candidate")),
                    email,
                    source: Source::Page,
                    jobs: clean_items(fields.jobs),
                    hellohire_ratings: vec![],
                })
            }
            PageKind::Job => {
                let (title, mut people) = (clean(fields.title), clean_items(fields.people));
                if title.is_none() && people.is_empty() {
                    return PageContext::Unreadable;
                }
                // The content script reads one past the cap, so a cut list is known as such.
                let cut = people.len() > PIPELINE_CAP;
                people.truncate(PIPELINE_CAP);
                PageContext::Job(JobPosting {
                    ats: page.ats,
                    tenant: page.tenant.clone(),
                    ats_id: page.ats_id.clone(),
                    title: title.unwrap_or_else(|| crate::i18n::msg("untitled_job")),
                    location: clean(fields.location),
                    description: clean(fields.description),
                    people,
                    cut,
                    source: Source::Page,
                })
            }
        }
    }

    /// Whether this is what `page` showed when it was last read. A tab's context is only ever
    /// what its current page reported: any other is dropped when the tab moves on, so a page
    /// that never reports can't leave the last candidate in the panel.
    pub fn is_about(&self, page: &AtsPage) -> bool {
        let id = match (self, page.kind) {
            (PageContext::Candidate(c), PageKind::Candidate) => &c.ats_id,
            (PageContext::Job(j), PageKind::Job) => &j.ats_id,
            _ => return false,
        };
        *id == page.ats_id && self.ats_tenant() == Some((page.ats, page.tenant.clone()))
    }

    /// The same for a Hellohire page: the same interview, seen the same way.
    pub fn is_about_hellohire(&self, page: &HellohirePage) -> bool {
        self.hellohire().is_some_and(|h| {
            h.interview_id == page.interview_id && h.kind == page.kind && h.on_app == page.on_app
        })
    }

    /// The ATS of an ATS page (Hellohire is an interview platform, not an ATS).
    pub fn ats(&self) -> Option<Ats> {
        self.ats_tenant().map(|(ats, _)| ats)
    }

    /// The ATS and its tenant, which records kept per ATS are keyed by.
    pub fn ats_tenant(&self) -> Option<(Ats, Option<String>)> {
        match self {
            PageContext::Candidate(c) => Some((c.ats, c.tenant.clone())),
            PageContext::Job(j) => Some((j.ats, j.tenant.clone())),
            PageContext::Hellohire(_) | PageContext::Unreadable => None,
        }
    }

    pub fn candidate(&self) -> Option<&Candidate> {
        match self {
            PageContext::Candidate(c) => Some(c),
            _ => None,
        }
    }

    pub fn job(&self) -> Option<&JobPosting> {
        match self {
            PageContext::Job(j) => Some(j),
            _ => None,
        }
    }

    pub fn hellohire(&self) -> Option<&HellohireContext> {
        match self {
            PageContext::Hellohire(h) => Some(h),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Read from the page the recruiter is on.
    Page,
    /// Confirmed by the ATS's API with the recruiter's key.
    AtsApi,
}

/// The candidate a panel is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub ats: Ats,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    pub ats_id: String,
    pub name: String,
    pub email: Option<String>,
    pub source: Source,
    /// The ATS jobs the candidate is in, as the page lists them.
    #[serde(default)]
    pub jobs: Vec<ListItem>,
    /// Hellohire ratings on the candidate's SmartRecruiters tags (read with its API).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hellohire_ratings: Vec<TaggedRating>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_fields_become_a_clean_context() {
        use crate::ats::page;
        let cand = page("https://bigbiller.topechelon.com/people/40001").unwrap();
        let fields = PageFields {
            name: Some("  James \n Smith ".into()),
            email: Some("mailto:james.smith@topechelon.example.com".into()),
            jobs: vec![
                ListItem {
                    id: " j1 ".into(),
                    name: "Payroll  Accountant".into(),
                    email: None,
                    ..Default::default()
                },
                ListItem { id: "j1".into(), name: "duplicate".into(), email: None, ..Default::default() },
                ListItem { id: "".into(), name: "no id".into(), email: None, ..Default::default() },
            ],
            ..Default::default()
        };
        let PageContext::Candidate(c) = PageContext::from_page(&cand, fields) else {
            panic!("a candidate page")
        };
        assert_eq!(
            (c.name.as_str(), c.email.as_deref()),
            ("James Smith", Some("james.smith@topechelon.example.com"))
        );
        assert_eq!(
            c.jobs,
            vec![ListItem {
                id: "j1".into(),
                name: "Payroll Accountant".into(),
                email: None,
                ..Default::default()
            }]
        );
        assert_eq!((c.ats, c.ats_id.as_str(), c.source), (Ats::TopEchelon, "40001", Source::Page));

        let job = page("https://acme.oorwin.com/#/jobs/5001/overview").unwrap();
        let fields = PageFields {
            title: Some("Java Developer".into()),
            people: vec![
                ListItem {
                    id: "7001".into(),
                    name: "Aarav Sharma".into(),
                    email: Some("aarav@x.example".into()),
                    ..Default::default()
                },
                ListItem {
                    id: "7002".into(),
                    name: "".into(),
                    email: Some("not an email".into()),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let PageContext::Job(j) = PageContext::from_page(&job, fields) else { panic!("a job page") };
        assert_eq!((j.title.as_str(), j.ats_id.as_str(), j.location), ("Java Developer", "5001", None));
        assert_eq!(
            j.people[1],
            ListItem { id: "7002".into(), name: "Unnamed".into(), email: None, ..Default::default() }
        );
        let email_only = PageFields { email: Some("a@b.example".into()), ..Default::default() };
        assert_eq!(PageContext::from_page(&cand, email_only).candidate().unwrap().name, "Unnamed candidate");
    }

    #[test]
    fn a_pipeline_longer_than_the_cap_is_cut_and_says_so() {
        let job = crate::ats::page("https://acme.oorwin.com/#/jobs/5001/overview").unwrap();
        let people = |n: usize| PageFields {
            title: Some("Java Developer".into()),
            people: (0..n).map(|i| ListItem { id: i.to_string(), ..Default::default() }).collect(),
            ..Default::default()
        };
        let PageContext::Job(full) = PageContext::from_page(&job, people(PIPELINE_CAP)) else { panic!() };
        assert_eq!((full.people.len(), full.cut, full.source), (PIPELINE_CAP, false, Source::Page));
        let PageContext::Job(over) = PageContext::from_page(&job, people(PIPELINE_CAP + 1)) else { panic!() };
        assert_eq!((over.people.len(), over.cut), (PIPELINE_CAP, true));
        assert_eq!(over.people.last().unwrap().id, (PIPELINE_CAP - 1).to_string(), "the first ones are kept");
    }

    #[test]
    fn a_page_with_nothing_readable_is_unreadable_not_an_unnamed_candidate() {
        use crate::ats::page;
        let cand = page("https://hire.lever.co/candidates/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b").unwrap();
        let job = page("https://acme.oorwin.com/#/jobs/5001/overview").unwrap();
        let nothing = PageFields {
            name: Some(" \n ".into()),
            email: Some("mailto:".into()),
            jobs: vec![ListItem { id: "j1".into(), name: "A job".into(), ..Default::default() }],
            ..Default::default()
        };
        for (page, fields) in
            [(&cand, nothing), (&cand, PageFields::default()), (&job, PageFields::default())]
        {
            let ctx = PageContext::from_page(page, fields);
            assert_eq!(ctx, PageContext::Unreadable);
            assert_eq!((ctx.candidate(), ctx.job(), ctx.ats_tenant()), (None, None, None));
            assert!(!ctx.is_about(page), "nothing read is about no page: the next read replaces it");
        }
        // A job page with its pipeline but no title still has people to show.
        let people = PageFields {
            people: vec![ListItem { id: "7001".into(), name: "Aarav".into(), ..Default::default() }],
            ..Default::default()
        };
        assert_eq!(PageContext::from_page(&job, people).job().unwrap().title, "Untitled job");
    }

    #[test]
    fn a_context_is_about_its_own_page_only() {
        use crate::ats::page;
        let read = |url: &str| {
            let p = page(url).unwrap();
            let fields =
                PageFields { name: Some("Ada".into()), title: Some("Job".into()), ..Default::default() };
            (PageContext::from_page(&p, fields), p)
        };
        let (ada, ada_page) = read("https://acme.oorwin.com/#/candidates/7001/overview");
        assert!(ada.is_about(&ada_page));
        assert!(ada.is_about(&page("https://acme.oorwin.com/#/candidates/7001/resume").unwrap()));
        for other in [
            "https://acme.oorwin.com/#/candidates/7002/overview",
            "https://globex.oorwin.com/#/candidates/7001/overview",
            "https://acme.oorwin.com/#/jobs/7001/overview",
        ] {
            assert!(!ada.is_about(&page(other).unwrap()), "{other}");
        }
        let hh =
            crate::hellohire::page("https://www.tryhellohire.com/interviews/csr-2026/room/r-101").unwrap();
        assert!(!ada.is_about_hellohire(&hh));
        let seen = PageContext::Hellohire(HellohireContext::from_page(&hh, PageFields::default()));
        assert!(seen.is_about_hellohire(&hh) && !seen.is_about(&ada_page));
    }
}

/// One comment of a Spottabl submission's thread, as the panel shows it on a Lever candidate's
/// page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Said {
    pub who: String,
    /// ISO 8601, as Spottabl gives it; the panel shows it in the recruiter's time.
    pub at: String,
    pub body: String,
}
