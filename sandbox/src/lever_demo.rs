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
//! [model] Lever documents `/jobs/postings/edit/<postingId>` (the posting
//! editor); the pipeline page at `/jobs/postings/<postingId>` is OUR MODEL.

use crate::state::{Opportunity, Posting, SeedLever};
use crate::util::det_uuid;

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
