//! The demo seed's Lever job postings and the 27 extra opportunities that
//! fill them. Deterministic: the extra opportunity `i` (0..27) is
//! `FIRST[i] LAST[i]`, `first.last@lever.example.com`, stage `applicant-new`,
//! id `det_uuid("lever-opportunity", i)` and contact
//! `det_uuid("lever-contact", i)`.
//!
//! Posting A's pipeline: Grace Hopper, Alan Turing, Katherine Johnson, then
//! the 27 extras in order (30 in all). Posting B's: Alan Turing, then extras
//! 25 and 26 (so Alan and those two are in both postings).
//!
//! Twelve more postings with empty pipelines, in mixed states and channels and out of
//! `createdAt` order, so "the latest N published" takes paging and sorting as with Lever [doc];
//! three users (one deactivated) and four archive reasons (one hired).
//!
//! [model] Lever documents `/jobs/postings/edit/<postingId>` (the posting
//! editor); the pipeline page at `/jobs/postings/<postingId>` is OUR MODEL.

use super::{ArchiveReason, LeverUser, PostingMeta};
use crate::state::{Opportunity, Posting, SeedLever};
use crate::util::{det_uuid, parse_iso};

pub const POSTING_A: &str = "5ac21346-8e0c-4494-8e7a-3eb92ff77902";
pub const POSTING_B: &str = "9b2e4c61-7d3a-4f8e-b5c2-1a6d8e0f3b47";

const GRACE: &str = "2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b";
const ALAN: &str = "8d9e0f1a-2b3c-4d5e-9f60-718293a4b5c6";
const KATHERINE: &str = "c0ffee00-1234-4abc-9def-00000000beef";

const EXTRA: usize = 27;

const FIRST: [&str; EXTRA] = [
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "Lucas", "Mia", "Mason", "Amelia", "Ethan",
    "Harper", "Logan", "Evelyn", "James", "Abigail", "Benjamin", "Emily", "Henry", "Ella", "Jack",
    "Scarlett", "Owen", "Chloe", "Samuel", "Nora",
];

const LAST: [&str; EXTRA] = [
    "Anderson",
    "Brooks",
    "Carter",
    "Diaz",
    "Ellis",
    "Foster",
    "Garcia",
    "Hughes",
    "Iverson",
    "Jensen",
    "Kim",
    "Lopez",
    "Morgan",
    "Nguyen",
    "Ortiz",
    "Patel",
    "Quinn",
    "Reyes",
    "Sullivan",
    "Tanaka",
    "Underwood",
    "Vasquez",
    "Walsh",
    "Xu",
    "Young",
    "Zimmerman",
    "Bennett",
];

/// The extra opportunities (all but the three named ones).
fn extras() -> Vec<Opportunity> {
    (0..EXTRA)
        .map(|i| Opportunity {
            id: det_uuid("lever-opportunity", i),
            name: format!("{} {}", FIRST[i], LAST[i]),
            emails: vec![format!(
                "{}.{}@lever.example.com",
                FIRST[i].to_ascii_lowercase(),
                LAST[i].to_ascii_lowercase()
            )],
            phones: Vec::new(),
            stage: "applicant-new".into(),
            tags: Vec::new(),
            contact: det_uuid("lever-contact", i),
        })
        .collect()
}

/// Appends the extra opportunities and the two postings to the demo's Lever
/// data (which already holds Grace, Alan and Katherine).
pub fn extend(lever: &mut SeedLever) {
    let extras = extras();
    let extra_ids: Vec<String> = extras.iter().map(|o| o.id.clone()).collect();
    lever.opportunities.extend(extras);
    let mut pipeline_a: Vec<String> = vec![GRACE.into(), ALAN.into(), KATHERINE.into()];
    pipeline_a.extend(extra_ids.iter().cloned());
    let pipeline_b: Vec<String> = vec![ALAN.into(), extra_ids[25].clone(), extra_ids[26].clone()];
    lever.postings = vec![
        Posting {
            id: POSTING_A.into(),
            text: "Robotics Software Engineer".into(),
            location: "Pittsburgh, PA".into(),
            description: "Write the motion-planning & perception code that drives our warehouse robots. \
You will own the <b>real-time</b> control loop, from simulation to field trials. \
Rust & ROS 2 experience is a plus."
                .into(),
            opportunity_ids: pipeline_a,
        },
        Posting {
            id: POSTING_B.into(),
            text: "Hardware Test Lead".into(),
            location: "Austin, TX".into(),
            description: "Plan the test rigs for our next robot arm and sign off each hardware release."
                .into(),
            opportunity_ids: pipeline_b,
        },
    ];
    lever.posting_meta = vec![
        PostingMeta {
            id: POSTING_A.into(),
            state: "published".into(),
            distribution_channels: vec!["public".into(), "internal".into()],
            created_at: at("2026-08-20T09:00:00+00:00"),
            team: Some("Engineering".into()),
            commitment: Some("Full-time".into()),
            workplace_type: Some("onsite".into()),
            ..Default::default()
        },
        PostingMeta {
            id: POSTING_B.into(),
            state: "published".into(),
            distribution_channels: vec!["public".into()],
            created_at: at("2026-07-02T09:00:00+00:00"),
            ..Default::default()
        },
    ];
    for (p, m) in more_postings() {
        lever.postings.push(p);
        lever.posting_meta.push(m);
    }
    lever.users = users();
    lever.archive_reasons = archive_reasons();
}

fn at(iso: &str) -> i64 {
    parse_iso(iso).unwrap_or(0) * 1000
}

pub const USER_ADA: &str = "0c1d2e3f-1a2b-4c3d-8e4f-5a6b7c8d9e01";

fn users() -> Vec<LeverUser> {
    let u = |id: &str, name: &str, email: &str, role: &str, off: Option<i64>| LeverUser {
        id: id.into(),
        name: name.into(),
        email: email.into(),
        access_role: role.into(),
        deactivated_at: off,
    };
    vec![
        u(USER_ADA, "Ada Recruiter", "ada@acme.example", "super admin", None),
        u("0c1d2e3f-1a2b-4c3d-8e4f-5a6b7c8d9e02", "Ben Hiring", "ben@acme.example", "team member", None),
        u(
            "0c1d2e3f-1a2b-4c3d-8e4f-5a6b7c8d9e03",
            "Cleo Former",
            "cleo@acme.example",
            "team member",
            Some(at("2026-06-30T17:00:00+00:00")),
        ),
    ]
}

pub const HIRED_REASON: &str = "7a3c1e00-0000-4000-8000-0000000000a1";

fn archive_reasons() -> Vec<ArchiveReason> {
    let r = |id: &str, text: &str, kind: &str| ArchiveReason {
        id: id.into(),
        text: text.into(),
        kind: kind.into(),
    };
    vec![
        r(HIRED_REASON, "Hired", "hired"),
        r("7a3c1e00-0000-4000-8000-0000000000b1", "Underqualified", "non-hired"),
        r("7a3c1e00-0000-4000-8000-0000000000b2", "Withdrew", "non-hired"),
        r("7a3c1e00-0000-4000-8000-0000000000b3", "Position filled", "non-hired"),
    ]
}

/// (title, location, state, channels, created) for the twelve postings beyond A and B.
const MORE: [(&str, &str, &str, &[&str], &str); 12] = [
    ("Embedded Firmware Engineer", "Pittsburgh, PA", "published", &["public", "internal"], "2026-09-03"),
    ("Technical Recruiter", "Remote", "published", &["internal"], "2026-08-28"),
    ("Warehouse Automation Consultant", "Chicago, IL", "published", &["public"], "2026-09-15"),
    ("Office Manager", "Austin, TX", "closed", &["public"], "2026-09-20"),
    ("Perception Research Scientist", "Boston, MA", "published", &["public", "internal"], "2026-06-11"),
    ("Sales Engineer", "New York, NY", "draft", &[], "2026-09-25"),
    ("Site Reliability Engineer", "Remote", "published", &["public"], "2026-09-10"),
    ("Internal Tools Developer", "Pittsburgh, PA", "internal", &["internal"], "2026-09-12"),
    ("Mechanical Design Engineer", "Austin, TX", "published", &["public"], "2026-05-19"),
    ("Product Manager, Fleet", "San Francisco, CA", "pending", &[], "2026-09-22"),
    ("Field Service Lead", "Denver, CO", "published", &["public", "internal"], "2026-09-18"),
    ("Data Engineer", "Remote", "published", &["public"], "2026-08-05"),
];

fn more_postings() -> Vec<(Posting, PostingMeta)> {
    MORE.iter()
        .enumerate()
        .map(|(i, (text, location, state, channels, day))| {
            let id = det_uuid("lever-posting", i);
            let posting = Posting {
                id: id.clone(),
                text: text.to_string(),
                location: location.to_string(),
                description: format!("{text} at Acme Robotics, {location}."),
                opportunity_ids: Vec::new(),
            };
            (
                posting,
                PostingMeta {
                    id,
                    state: state.to_string(),
                    distribution_channels: channels.iter().map(|c| c.to_string()).collect(),
                    created_at: at(&format!("{day}T10:00:00+00:00")),
                    // [model] nullable fields left null on some postings, as real answers have them
                    team: (i % 3 != 0).then(|| "Engineering".to_string()),
                    commitment: (i % 2 == 0).then(|| "Full-time".to_string()),
                    workplace_type: None,
                    ..Default::default()
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extras_are_distinct_and_ascii() {
        let e = extras();
        assert_eq!(e.len(), EXTRA);
        for (i, o) in e.iter().enumerate() {
            assert!(e[..i].iter().all(|p| p.id != o.id && p.name != o.name));
            assert!(o.emails[0].bytes().all(|b| b.is_ascii_lowercase() || b"@.".contains(&b)));
        }
    }
}
