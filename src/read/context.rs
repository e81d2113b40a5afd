//! A tab's page context read field by field, as the worker keeps it in session storage and the
//! panels receive it. It is written with serde (`message::page`); serde's reader of it was
//! 8.8 KB of the worker alone, and the panels carried their own copy. The tests hold it to the
//! serde encoding, defaults included.

use crate::ats::Ats;
use crate::hellohire::{HellohireKind, Rating, Registrant, TaggedRating};
use crate::message::{Candidate, HellohireContext, JobPosting, ListItem, PageContext, Source};
use crate::node::Node;

/// Absent or `null`: `None`; there and not text: refused, as serde's reader did.
fn maybe_text(n: &Node, f: &str) -> Option<Option<String>> {
    let v = n.get(f);
    if v.is_nothing() {
        return Some(None);
    }
    v.text().map(Some)
}

/// A text field of a struct whose fields all default (`#[serde(default)]`).
fn text_or_empty(n: &Node, f: &str) -> Option<String> {
    maybe_text(n, f).map(Option::unwrap_or_default)
}

/// An array field, empty when absent if `default`.
fn list<T>(n: &Node, f: &str, default: bool, each: fn(&Node) -> Option<T>) -> Option<Vec<T>> {
    let v = n.get(f);
    if default && v.is_nothing() {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    for item in v.items()? {
        out.push(each(&item)?);
    }
    Some(out)
}

fn flag_or_false(n: &Node, f: &str) -> Option<bool> {
    let v = n.get(f);
    if v.is_nothing() {
        return Some(false);
    }
    v.flag()
}

fn ats(n: &Node) -> Option<Ats> {
    Some(match n.str("ats")?.as_str() {
        "lever" => Ats::Lever,
        "top_echelon" => Ats::TopEchelon,
        "oorwin" => Ats::Oorwin,
        "smart_recruiters" => Ats::SmartRecruiters,
        "page_up" => Ats::PageUp,
        _ => return None,
    })
}

/// A job's source defaults to the page; a candidate's must be there.
fn source(n: &Node, default: Option<Source>) -> Option<Source> {
    let v = n.get("source");
    if v.is_nothing() {
        return default;
    }
    Some(match v.text()?.as_str() {
        "page" => Source::Page,
        "ats_api" => Source::AtsApi,
        _ => return None,
    })
}

fn item(n: &Node) -> Option<ListItem> {
    n.is_object().then_some(())?;
    Some(ListItem {
        id: text_or_empty(n, "id")?,
        name: text_or_empty(n, "name")?,
        email: maybe_text(n, "email")?,
        first_name: maybe_text(n, "first_name")?,
        last_name: maybe_text(n, "last_name")?,
    })
}

fn rating(n: &Node) -> Option<TaggedRating> {
    Some(TaggedRating { interview: n.str("interview")?, rating: Rating::from_word(&n.str("rating")?)? })
}

fn registrant(n: &Node) -> Option<Registrant> {
    n.is_object().then_some(())?;
    Some(Registrant {
        registration_id: text_or_empty(n, "registration_id")?,
        first_name: text_or_empty(n, "first_name")?,
        last_name: text_or_empty(n, "last_name")?,
        email: text_or_empty(n, "email")?,
    })
}

impl PageContext {
    /// The context a stored or sent value is, or `None` for anything else.
    pub fn read(n: &Node) -> Option<PageContext> {
        if n.text().as_deref() == Some("unreadable") {
            return Some(PageContext::Unreadable);
        }
        let keys = n.keys();
        let [name] = keys.as_slice() else { return None };
        let b = n.get(name);
        b.is_object().then_some(())?;
        Some(match name.as_str() {
            "candidate" => PageContext::Candidate(Candidate {
                ats: ats(&b)?,
                tenant: maybe_text(&b, "tenant")?,
                ats_id: b.str("ats_id")?,
                name: b.str("name")?,
                email: maybe_text(&b, "email")?,
                source: source(&b, None)?,
                jobs: list(&b, "jobs", true, item)?,
                hellohire_ratings: list(&b, "hellohire_ratings", true, rating)?,
            }),
            "job" => PageContext::Job(JobPosting {
                ats: ats(&b)?,
                tenant: maybe_text(&b, "tenant")?,
                ats_id: b.str("ats_id")?,
                title: b.str("title")?,
                location: maybe_text(&b, "location")?,
                description: maybe_text(&b, "description")?,
                people: list(&b, "people", false, item)?,
                cut: flag_or_false(&b, "cut")?,
                source: source(&b, Some(Source::Page))?,
            }),
            "hellohire" => PageContext::Hellohire(HellohireContext {
                kind: match b.str("kind")?.as_str() {
                    "room" => HellohireKind::Room,
                    "registrations" => HellohireKind::Registrations,
                    _ => return None,
                },
                interview_id: b.str("interview_id")?,
                interview: b.str("interview")?,
                registrants: list(&b, "registrants", false, registrant)?,
                on_app: flag_or_false(&b, "on_app")?,
            }),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(v: serde_json::Value) -> Node {
        Node::of(v)
    }

    fn round_trip(c: PageContext) {
        let encoded = serde_json::to_value(&c).unwrap();
        assert_eq!(PageContext::read(&node(encoded.clone())), Some(c), "{encoded}");
    }

    #[test]
    fn every_context_reads_back_as_serde_wrote_it() {
        let item = ListItem {
            id: "880001".into(),
            name: "Ada Lovelace".into(),
            email: Some("ada@example.com".into()),
            first_name: None,
            last_name: Some("Lovelace".into()),
        };
        let every_ats = [Ats::Lever, Ats::TopEchelon, Ats::Oorwin, Ats::SmartRecruiters, Ats::PageUp];
        for (i, ats) in every_ats.into_iter().enumerate() {
            round_trip(PageContext::Candidate(Candidate {
                ats,
                tenant: (i % 2 == 0).then(|| "acme.dc4".into()),
                ats_id: "880001".into(),
                name: "Ada".into(),
                email: (i % 2 == 1).then(|| "ada@example.com".into()),
                source: if i % 2 == 0 { Source::Page } else { Source::AtsApi },
                jobs: vec![item.clone()],
                hellohire_ratings: Rating::ALL
                    .into_iter()
                    .map(|rating| TaggedRating { interview: "final round".into(), rating })
                    .collect(),
            }));
            round_trip(PageContext::Job(JobPosting {
                ats,
                tenant: None,
                ats_id: "77".into(),
                title: "Nurse".into(),
                location: Some("Denver".into()),
                description: None,
                people: vec![item.clone(), ListItem::default()],
                cut: i % 2 == 0,
                source: Source::AtsApi,
            }));
        }
        for kind in [HellohireKind::Room, HellohireKind::Registrations] {
            round_trip(PageContext::Hellohire(HellohireContext {
                kind,
                interview_id: "iv1".into(),
                interview: "Final round".into(),
                registrants: vec![Registrant {
                    registration_id: "r1".into(),
                    first_name: "Grace".into(),
                    last_name: "Hopper".into(),
                    email: "grace@example.com".into(),
                }],
                on_app: kind == HellohireKind::Room,
            }));
        }
        round_trip(PageContext::Unreadable);
    }

    #[test]
    fn defaults_fill_in_and_wrong_kinds_are_refused() {
        let short = serde_json::json!({"candidate": {"ats": "page_up", "ats_id": "1", "name": "A", "source": "page"}});
        let read = PageContext::read(&node(short.clone()));
        assert_eq!(read, serde_json::from_value(short).ok());
        assert!(read.is_some());
        let job = serde_json::json!({"job": {"ats": "lever", "ats_id": "1", "title": "T", "location": null,
            "description": null, "people": [{}]}});
        assert_eq!(PageContext::read(&node(job.clone())), serde_json::from_value(job).ok());
        for bad in [
            serde_json::json!({"candidate": {"ats": "workday", "ats_id": "1", "name": "A"}}),
            serde_json::json!({"candidate": {"ats": "lever", "ats_id": 1, "name": "A"}}),
            serde_json::json!({"candidate": {"ats": "lever", "ats_id": "1", "name": "A", "email": 3}}),
            serde_json::json!({"job": {"ats": "lever", "ats_id": "1", "title": "T"}}),
            serde_json::json!({"hellohire": {"kind": "lobby", "interview_id": "i", "interview": "x", "registrants": []}}),
            serde_json::json!({"candidate": {"ats": "lever", "ats_id": "1", "name": "A"}}),
            serde_json::json!({"candidate": {}, "job": {}}),
            serde_json::json!("candidate"),
            serde_json::json!(null),
        ] {
            assert_eq!(PageContext::read(&node(bad.clone())), None, "{bad}");
            assert!(serde_json::from_value::<PageContext>(bad.clone()).is_err(), "serde agrees: {bad}");
        }
    }
}
