//! Hellohire × SmartRecruiters. Hellohire publishes no API, so the extension works on the
//! Hellohire app's own pages and writes to SmartRecruiters through its API. From the help
//! article [doc]: "View in SmartRecruiters" in one-on-one interviews, Yes / Maybe / No ratings
//! as the tag `hellohire - {interview} - {rating}`, and registrants added to the talent pool
//! (created when no candidate has their email and last name, first name updated when it
//! differs). The page routes and markup are [model]: Hellohire's app is not public.

use serde::{Deserialize, Serialize};

use crate::ats::{parse, segments, ListRule, PageRule};

/// The page the content script frames in Hellohire (`PageRule::panel`).
pub const PANEL: &str = "hellohire.html";
use crate::ats_api::Person;

/// Hellohire's app lives on `www.tryhellohire.com` [doc]; other subdomains are accepted too.
const DOMAIN: &str = "tryhellohire.com";
/// The app's own host [doc]. Any other subdomain may be anyone's: it can show the panel, and a
/// press in it can rate or add one person, but registrants are never synced from it.
pub const APP_HOST: &str = "www.tryhellohire.com";
/// Where the content script runs (the manifest is generated from this).
pub const MATCHES: &[&str] = &["https://*.tryhellohire.com/*"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HellohireKind {
    /// An interview room; one-on-one rooms show one candidate.
    Room,
    /// An interview's list of registrants.
    Registrations,
}

/// A Hellohire page the extension acts on, from its URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HellohirePage {
    pub kind: HellohireKind,
    pub interview_id: String,
    /// On [`APP_HOST`] itself rather than another subdomain.
    #[serde(default)]
    pub on_app: bool,
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 100 && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
}

/// [model] `/interviews/<id>/room[/<registration>]` and `/interviews/<id>/registrations`.
pub fn page(url: &str) -> Option<HellohirePage> {
    let u = parse(url)?;
    if u.host != DOMAIN && !u.host.ends_with(&format!(".{DOMAIN}")) {
        return None;
    }
    let (kind, id) = match segments(u.path).as_slice() {
        ["interviews", id, "room", ..] => (HellohireKind::Room, *id),
        ["interviews", id, "registrations"] => (HellohireKind::Registrations, *id),
        _ => return None,
    };
    is_id(id).then(|| HellohirePage { kind, interview_id: id.to_string(), on_app: u.host == APP_HOST })
}

fn sel(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// [model] What to read on each page: registrants as a list (a one-on-one room's list has the
/// one candidate). A room has a panel only while it is one-on-one: a group room has no one
/// candidate to view in SmartRecruiters or rate, as in Hellohire itself, and its live call needs
/// the whole window. In a one-on-one room the panel's Yes / Maybe / No replaces Hellohire's
/// own row rather than sit beside it: a rating pressed in the page (which may be anyone's)
/// can't count as the interviewer's, one pressed in the panel can, and it is pressed in
/// Hellohire's row too.
pub fn page_rule(page: &HellohirePage) -> PageRule {
    const ONE_ON_ONE: &str = ".hh-room[data-room-type='one-on-one']";
    let (item, needs, replaces) = match page.kind {
        HellohireKind::Room => (
            ".hh-room[data-room-type='one-on-one'] .hh-candidate",
            Some(ONE_ON_ONE.into()),
            Some(".hh-candidate .hh-rating".into()),
        ),
        HellohireKind::Registrations => (".hh-registrants .hh-registrant", None, None),
    };
    PageRule {
        title: sel(&[".hh-interview-name"]),
        people: Some(ListRule {
            item: item.into(),
            id_attr: "data-registration-id".into(),
            name: sel(&[".hh-candidate-name"]),
            email: sel(&[".hh-candidate-email", ".hh-registrant-email"]),
            first_name: sel(&[".hh-first-name"]),
            last_name: sel(&[".hh-last-name"]),
        }),
        panel: PANEL.into(),
        needs,
        replaces,
        ..Default::default()
    }
}

/// The interviewer's verdict [doc].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Yes,
    Maybe,
    No,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Yes, Rating::Maybe, Rating::No];

    /// In the recruiter's language.
    pub fn said(self) -> String {
        match self {
            Rating::Yes => crate::i18n::msg("yes"),
            Rating::Maybe => crate::i18n::msg("maybe"),
            Rating::No => crate::i18n::msg("no"),
        }
    }

    /// As Hellohire's own buttons say it: ids and classes are built from it.
    pub fn label(self) -> &'static str {
        match self {
            Rating::Yes => "Yes",
            Rating::Maybe => "Maybe",
            Rating::No => "No",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Rating::Yes => "yes",
            Rating::Maybe => "maybe",
            Rating::No => "no",
        }
    }

    /// As serde names it, and tags spell it.
    pub fn from_word(w: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.word() == w)
    }
}

/// The ATS Hellohire's integration writes into [doc]: its candidate pages show the ratings.
pub const BRIDGED: crate::ats::Ats = crate::ats::Ats::SmartRecruiters;

/// SmartRecruiters takes tags of 1–150 characters [code].
pub const TAG_MAX: usize = 150;
const PREFIX: &str = "hellohire - ";

/// An interview's name as it appears in a tag: lower-cased, white space collapsed.
pub fn interview_key(name: &str) -> String {
    crate::text::lower(&name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `hellohire - {interview} - {rating}`, lower-cased [doc]. A name too long for SmartRecruiters
/// is cut so the rating (the part that matters) still fits.
pub fn rating_tag(interview: &str, rating: Rating) -> String {
    let suffix = format!(" - {}", rating.word());
    let room = TAG_MAX - PREFIX.len() - suffix.len();
    let name: String = interview_key(interview).chars().take(room).collect();
    format!("{PREFIX}{}{suffix}", name.trim_end())
}

/// A Hellohire rating tag taken apart: (interview key, rating).
pub fn read_tag(tag: &str) -> Option<(String, Rating)> {
    let t = interview_key(tag);
    let (interview, word) = crate::text::rsplit_once(t.strip_prefix(PREFIX)?, " - ")?;
    let rating = Rating::from_word(word)?;
    (!interview.is_empty()).then(|| (interview.to_string(), rating))
}

/// One interview's rating as read from a candidate's tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaggedRating {
    /// The interview's name as the tag has it (lower case).
    pub interview: String,
    pub rating: Rating,
}

/// Every Hellohire rating among a candidate's tags, in tag order (the last one per interview
/// wins, as it is the newest).
pub fn ratings(tags: &[String]) -> Vec<TaggedRating> {
    let mut out: Vec<TaggedRating> = Vec::new();
    for (interview, rating) in tags.iter().filter_map(|t| read_tag(t)) {
        out.retain(|r| r.interview != interview);
        out.push(TaggedRating { interview, rating });
    }
    out
}

/// An interview's name as its tags carry it: the key, cut as `rating_tag` cuts it.
fn tag_key(interview: &str) -> String {
    read_tag(&rating_tag(interview, Rating::Yes)).map(|(k, _)| k).unwrap_or_default()
}

/// The rating on the profile for this interview.
pub fn rating_for(tags: &[String], interview: &str) -> Option<Rating> {
    let key = tag_key(interview);
    ratings(tags).into_iter().find(|r| r.interview == key).map(|r| r.rating)
}

/// How to bring a candidate's tags to one rating for an interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagWrite {
    /// The tag is there and no other rating for the interview: pressing twice changes nothing.
    Nothing,
    /// Add the one tag (`POST .../tags` appends).
    Append(String),
    /// The whole list, with the interview's earlier rating dropped (`PUT .../tags` replaces).
    Replace(Vec<String>),
}

pub fn retag(tags: &[String], interview: &str, rating: Rating) -> TagWrite {
    let new = rating_tag(interview, rating);
    let key = tag_key(interview);
    let same_interview = |t: &String| read_tag(t).is_some_and(|(k, _)| k == key);
    let existing: Vec<&String> = tags.iter().filter(|t| same_interview(t)).collect();
    match existing.as_slice() {
        [] => TagWrite::Append(new),
        [only] if interview_key(only) == new => TagWrite::Nothing,
        _ => {
            let mut kept: Vec<String> = tags.iter().filter(|t| !same_interview(t)).cloned().collect();
            kept.push(new);
            TagWrite::Replace(kept)
        }
    }
}

/// Someone who registered for a Hellohire interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Registrant {
    pub registration_id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

impl Registrant {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name).trim().to_string()
    }

    /// Enough to create a SmartRecruiters candidate.
    pub fn is_complete(&self) -> bool {
        !self.first_name.trim().is_empty() && !self.last_name.trim().is_empty() && self.email.contains('@')
    }
}

/// What "Create and update candidate profile in SmartRecruiters" does for one registrant [doc].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncStep {
    /// No candidate with that email and last name.
    Create,
    /// One exists with a different first name.
    UpdateFirstName { id: String },
    /// One exists with this name already.
    Nothing { id: String },
}

fn same(a: &str, b: &str) -> bool {
    interview_key(a) == interview_key(b)
}

/// Decides from the candidates the ATS found for the registrant's email.
pub fn sync_step(found: &[Person], r: &Registrant) -> SyncStep {
    let matching: Vec<&Person> = found
        .iter()
        .filter(|c| c.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(r.email.trim())))
        .filter(|c| same(&c.last_name, &r.last_name))
        .collect();
    if let Some(c) = matching.iter().find(|c| same(&c.first_name, &r.first_name)) {
        return SyncStep::Nothing { id: c.id.clone() };
    }
    match matching.first() {
        Some(c) => SyncStep::UpdateFirstName { id: c.id.clone() },
        None => SyncStep::Create,
    }
}

/// The candidate a rating or "View" is about, among those found by email: the one with the
/// registrant's last name when there are several.
pub fn pick<'a>(found: &'a [Person], email: &str, last_name: &str) -> Option<&'a Person> {
    let by_email: Vec<&Person> = found
        .iter()
        .filter(|c| c.email.as_deref().is_some_and(|e| e.eq_ignore_ascii_case(email.trim())))
        .collect();
    by_email.iter().find(|c| same(&c.last_name, last_name)).or(by_email.first()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn sr(id: &str, first: &str, last: &str, email: &str) -> Person {
        Person {
            id: id.into(),
            first_name: first.into(),
            last_name: last.into(),
            email: Some(email.into()),
            ..Default::default()
        }
    }

    #[test]
    fn hellohire_pages() {
        let room = page("https://www.tryhellohire.com/interviews/csr-2026/room/r-101").unwrap();
        assert_eq!((room.kind, room.interview_id.as_str()), (HellohireKind::Room, "csr-2026"));
        assert!(room.on_app);
        let group = page("https://www.tryhellohire.com/interviews/warehouse-open-day/room?x=1").unwrap();
        assert_eq!(group.kind, HellohireKind::Room);
        let list = page("https://app.tryhellohire.com/interviews/csr-2026/registrations#top").unwrap();
        assert_eq!(list.kind, HellohireKind::Registrations);
        assert!(!list.on_app, "another subdomain is not the app's own host");
        assert!(page("https://WWW.TryHellohire.com/interviews/csr-2026/registrations").unwrap().on_app);
        for not_ours in [
            "https://www.tryhellohire.com/interviews",
            "https://www.tryhellohire.com/interviews/csr-2026",
            "https://www.tryhellohire.com/interviews/a%20b/room",
            "http://www.tryhellohire.com/interviews/csr-2026/room/r-101",
            "https://tryhellohire.com.evil.example/interviews/csr-2026/room/r-101",
            "https://eviltryhellohire.com/interviews/csr-2026/registrations",
        ] {
            assert_eq!(page(not_ours), None, "{not_ours}");
        }
        assert!(page("https://tryhellohire.com/interviews/x/registrations").is_some());
    }

    #[test]
    fn the_rule_reads_only_one_on_one_rooms() {
        let rule = page_rule(&page("https://www.tryhellohire.com/interviews/csr-2026/room/r-101").unwrap());
        assert!(rule.people.unwrap().item.contains("one-on-one"));
        // No panel at all in a group room: the content script mounts one only while this holds.
        assert_eq!(rule.needs.as_deref(), Some(".hh-room[data-room-type='one-on-one']"));
        let list =
            page_rule(&page("https://www.tryhellohire.com/interviews/csr-2026/registrations").unwrap());
        assert_eq!(list.needs, None, "a list of registrants always has its panel");
        // One rating control in a room: the panel's stands in for Hellohire's own row.
        assert_eq!(rule.replaces.as_deref(), Some(".hh-candidate .hh-rating"));
        assert_eq!(list.replaces, None);
        assert_eq!(list.people.unwrap().id_attr, "data-registration-id");
    }

    #[test]
    fn the_tag_is_the_articles_format() {
        assert_eq!(rating_tag("CSR", Rating::Yes), "hellohire - csr - yes");
        assert_eq!(
            rating_tag("  Warehouse   Open Day ", Rating::Maybe),
            "hellohire - warehouse open day - maybe"
        );
        let long = rating_tag(&"x".repeat(400), Rating::No);
        assert_eq!(long.chars().count(), TAG_MAX);
        assert!(long.ends_with(" - no"));
        assert_eq!(read_tag("Hellohire - CSR - Yes"), Some(("csr".into(), Rating::Yes)));
        assert_eq!(read_tag("hellohire - a - b - no"), Some(("a - b".into(), Rating::No)));
        assert_eq!(read_tag("hellohire - csr - great"), None);
        assert_eq!(read_tag("python"), None);
    }

    #[test]
    fn rating_changes_replace_only_that_interviews_tag() {
        let t = tags(&["python", "referral"]);
        assert_eq!(retag(&t, "CSR", Rating::Yes), TagWrite::Append("hellohire - csr - yes".into()));
        let t = tags(&["python", "hellohire - csr - yes", "hellohire - sales - no"]);
        assert_eq!(retag(&t, "CSR", Rating::Yes), TagWrite::Nothing);
        assert_eq!(
            retag(&t, "CSR", Rating::No),
            TagWrite::Replace(tags(&["python", "hellohire - sales - no", "hellohire - csr - no"]))
        );
        // A doubled tag (written twice by someone) is cleaned up to one.
        let t = tags(&["hellohire - csr - yes", "hellohire - csr - yes"]);
        assert_eq!(retag(&t, "csr", Rating::Yes), TagWrite::Replace(tags(&["hellohire - csr - yes"])));
        assert_eq!(
            rating_for(&tags(&["hellohire - sales - no", "hellohire - csr - maybe"]), "CSR"),
            Some(Rating::Maybe)
        );
        assert_eq!(rating_for(&tags(&["hellohire - sales - no"]), "CSR"), None);
    }

    #[test]
    fn registrant_sync_follows_the_article() {
        let r = Registrant {
            registration_id: "r-102".into(),
            first_name: "Katherine".into(),
            last_name: "Johnson".into(),
            email: "Katherine.Johnson@x.example".into(),
        };
        assert_eq!(sync_step(&[], &r), SyncStep::Create);
        // Same email, other last name: not the same person by the article's rule.
        assert_eq!(
            sync_step(&[sr("1", "Katherine", "Goble", "katherine.johnson@x.example")], &r),
            SyncStep::Create
        );
        assert_eq!(
            sync_step(&[sr("2", "Kate", "Johnson", "katherine.johnson@x.example")], &r),
            SyncStep::UpdateFirstName { id: "2".into() }
        );
        assert_eq!(
            sync_step(
                &[
                    sr("2", "Kate", "Johnson", "katherine.johnson@x.example"),
                    sr("3", "katherine", "JOHNSON", "katherine.johnson@x.example")
                ],
                &r
            ),
            SyncStep::Nothing { id: "3".into() }
        );
        assert_eq!(
            pick(&[sr("2", "Kate", "Johnson", "katherine.johnson@x.example")], &r.email, "").unwrap().id,
            "2"
        );
        assert!(pick(&[sr("2", "Kate", "Johnson", "other@x.example")], &r.email, "Johnson").is_none());
    }
}
