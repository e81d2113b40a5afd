//! `www.tryhellohire.com`: Hellohire's video-interview pages.
//!
//! [model] EVERYTHING here is OUR MODEL: Hellohire's app is not public, so
//! its routes, its markup and the seed shape are our own. What the public
//! record says (API-NOTES.md): interviews are events with sessions,
//! candidates register themselves, interviewers rate Yes / Maybe / No, and
//! Hellohire talks to SmartRecruiters. The class names below are the contract
//! with the extension's Hellohire adapter.
//!
//! Routes (GET only; anything else 405, unknown routes a 404 page):
//! - `/` and `/interviews`: the interviews.
//! - `/interviews/{interviewId}/registrations`: the registrants.
//! - `/interviews/{interviewId}/room/{registrationId}`: a one-on-one room.
//! - `/interviews/{interviewId}/room`: a group room.
//!
//! A one-on-one room URL for a group interview, or the other way round, is a
//! 404. Every page honours `?csp=strict` like the ATS pages.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::ats::{asset, only_get, page, with_csp};
use crate::http::{Request, Response};
use crate::state::State;
use crate::util::{html_escape, percent_decode};

pub const HOST: &str = "www.tryhellohire.com";
const KEY: &str = "hellohire";
pub const APP_JS: &str = include_str!("../assets/hellohire-app.js");
pub const APP_CSS: &str = include_str!("../assets/hellohire-app.css");

// ---------------------------------------------------------------------------
// Seed

/// The `"hellohire"` part of a seed. Left out (older seed files) means the
/// built-in demo's; given, a missing `interviews` list means none.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeedHellohire {
    #[serde(default)]
    pub interviews: Vec<HellohireInterview>,
}

impl Default for SeedHellohire {
    fn default() -> Self {
        SeedHellohire::demo()
    }
}

/// `one-on-one` (a room per registrant, with the candidate panel and the
/// rating) or `group` (one room for everyone).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InterviewKind {
    #[serde(rename = "one-on-one")]
    OneOnOne,
    #[serde(rename = "group")]
    Group,
}

impl InterviewKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InterviewKind::OneOnOne => "one-on-one",
            InterviewKind::Group => "group",
        }
    }

    fn label(self) -> &'static str {
        match self {
            InterviewKind::OneOnOne => "One-on-one",
            InterviewKind::Group => "Group",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HellohireInterview {
    pub id: String,
    pub name: String,
    pub kind: InterviewKind,
    #[serde(default)]
    pub registrants: Vec<HellohireRegistrant>,
}

/// One registration (a candidate who signed up for the interview).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HellohireRegistrant {
    /// The registration id.
    pub id: String,
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    pub email: String,
}

impl HellohireRegistrant {
    fn name(&self) -> String {
        format!("{} {}", self.first_name.trim(), self.last_name.trim()).trim().to_string()
    }
}

fn registrant(id: &str, first: &str, last: &str, email: &str) -> HellohireRegistrant {
    HellohireRegistrant {
        id: id.into(),
        first_name: first.into(),
        last_name: last.into(),
        email: email.into(),
    }
}

impl SeedHellohire {
    /// The built-in demo: the one-on-one `csr-2026` and the group
    /// `warehouse-open-day`.
    pub fn demo() -> SeedHellohire {
        SeedHellohire {
            interviews: vec![
                HellohireInterview {
                    id: "csr-2026".into(),
                    name: "CSR".into(),
                    kind: InterviewKind::OneOnOne,
                    registrants: vec![
                        registrant("r-101", "Ada", "Lovelace", "ada.lovelace@hellohire.example"),
                        registrant("r-102", "Katherine", "Johnson", "katherine.johnson@hellohire.example"),
                        registrant("r-103", "Dorothy", "Vaughan", "dorothy.vaughan@hellohire.example"),
                        registrant("r-104", "Mary", "Jackson", "mary.jackson@hellohire.example"),
                    ],
                },
                HellohireInterview {
                    id: "warehouse-open-day".into(),
                    name: "Warehouse Open Day".into(),
                    kind: InterviewKind::Group,
                    registrants: vec![
                        registrant("r-201", "Grace", "Hopper", "grace.hopper@hellohire.example"),
                        registrant("r-202", "Alan", "Turing", "alan.turing@hellohire.example"),
                    ],
                },
            ],
        }
    }

    /// Ids must be non-empty, without `/`, `?` or `#` (they are path
    /// segments), and unique: interviews overall, registrations within their
    /// interview.
    pub fn check(&self) -> Result<(), String> {
        fn ok_id(what: &str, id: &str) -> Result<(), String> {
            if id.trim().is_empty() || id.contains(['/', '?', '#']) {
                return Err(format!("seed: hellohire: bad {what} id {id:?}"));
            }
            Ok(())
        }
        let mut seen = HashSet::new();
        for i in &self.interviews {
            ok_id("interview", &i.id)?;
            if !seen.insert(i.id.as_str()) {
                return Err(format!("seed: hellohire: duplicate interview id {:?}", i.id));
            }
            let mut regs = HashSet::new();
            for r in &i.registrants {
                ok_id("registration", &r.id)?;
                if !regs.insert(r.id.as_str()) {
                    return Err(format!(
                        "seed: hellohire: interview {:?}: duplicate registration id {:?}",
                        i.id, r.id
                    ));
                }
            }
        }
        Ok(())
    }

    fn interview(&self, id: &str) -> Option<&HellohireInterview> {
        self.interviews.iter().find(|i| i.id == id)
    }
}

fn registrations_path(i: &HellohireInterview) -> String {
    format!("/interviews/{}/registrations", i.id)
}

/// A registrant's room: their own for one-on-one, the shared one for group.
fn room_path(i: &HellohireInterview, r: Option<&HellohireRegistrant>) -> String {
    match (i.kind, r) {
        (InterviewKind::OneOnOne, Some(r)) => format!("/interviews/{}/room/{}", i.id, r.id),
        _ => format!("/interviews/{}/room", i.id),
    }
}

/// The `"hellohire"` object of `/_sandbox/state`.
pub fn snapshot(h: &SeedHellohire) -> Value {
    let url = |p: String| format!("https://{HOST}{p}");
    let interviews: Vec<Value> = h
        .interviews
        .iter()
        .map(|i| {
            json!({
                "id": i.id,
                "name": i.name,
                "kind": i.kind.as_str(),
                "url": url(registrations_path(i)),
                "room_url": (i.kind == InterviewKind::Group).then(|| url(room_path(i, None))),
                "registrants": i.registrants.iter().map(|r| json!({
                    "id": r.id,
                    "first_name": r.first_name,
                    "last_name": r.last_name,
                    "email": r.email,
                    "room_url": url(room_path(i, Some(r))),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({"host": HOST, "interviews": interviews})
}

// ---------------------------------------------------------------------------
// Pages

fn initials(first: &str, last: &str) -> String {
    [first, last].iter().filter_map(|w| w.trim().chars().next()).collect::<String>().to_uppercase()
}

fn shell(title: &str, body_class: &str, main: &str) -> String {
    let body = format!(
        "<header class=\"hh-topbar\">\n\
<a class=\"hh-logo\" href=\"/interviews\"><span class=\"hh-logo-mark\">h</span>hellohire</a>\n\
<nav class=\"hh-nav\"><a href=\"/interviews\">Interviews</a><a href=\"/interviews\">Candidates</a><a href=\"/interviews\">Team</a><a href=\"/interviews\">Insights</a></nav>\n\
<div class=\"hh-topbar-actions\">\
<button type=\"button\" class=\"hh-btn hh-btn-primary hh-new-interview\">New interview</button>\
<button type=\"button\" class=\"hh-btn hh-help\">Help</button>\
<span class=\"hh-avatar\" title=\"Alex Recruiter\">AR</span></div>\n\
</header>\n\
<div class=\"hh-toast\" id=\"hh-toast\" role=\"status\" hidden></div>\n\
<div class=\"hh-page\">\n{main}\n</div>"
    );
    page(KEY, &format!("{title} · Hellohire"), body_class, &body)
}

fn index_page(h: &SeedHellohire) -> String {
    let cards: String = h
        .interviews
        .iter()
        .map(|i| {
            let open = match i.kind {
                InterviewKind::Group => format!(
                    "<a class=\"hh-btn hh-btn-primary\" href=\"{}\">Open room</a>",
                    html_escape(&room_path(i, None))
                ),
                InterviewKind::OneOnOne => String::new(),
            };
            format!(
                "<li class=\"hh-interview-card\" data-interview-id=\"{id}\">\
<div class=\"hh-interview-card-text\"><a class=\"hh-interview-link\" href=\"{reg}\">{name}</a>\
<span class=\"hh-kind hh-kind-{kind}\">{label}</span>\
<span class=\"hh-muted\">{n} registered · Session today, 10:00–12:00</span></div>\
<div class=\"hh-interview-card-actions\"><a class=\"hh-btn\" href=\"{reg}\">Registrations</a>{open}</div></li>",
                id = html_escape(&i.id),
                reg = html_escape(&registrations_path(i)),
                name = html_escape(&i.name),
                kind = i.kind.as_str(),
                label = i.kind.label(),
                n = i.registrants.len(),
            )
        })
        .collect();
    let main = format!(
        "<main class=\"hh-interviews\">\n\
<div class=\"hh-page-head\"><h1>Interviews</h1><p class=\"hh-muted\">Events candidates register for, then join live.</p></div>\n\
<ul class=\"hh-interview-list\">{cards}</ul>\n</main>"
    );
    shell("Interviews", "hh-body", &main)
}

fn registrations_page(i: &HellohireInterview) -> String {
    let id = html_escape(&i.id);
    let rows: String = i
        .registrants
        .iter()
        .map(|r| {
            format!(
                "<tr class=\"hh-registrant\" data-registration-id=\"{rid}\"><td class=\"hh-first-name\">{first}</td><td class=\"hh-last-name\">{last}</td><td><a class=\"hh-registrant-email\" href=\"mailto:{email}\">{email}</a></td><td><a class=\"hh-join\" href=\"{room}\">Join room</a></td></tr>",
                rid = html_escape(&r.id),
                first = html_escape(&r.first_name),
                last = html_escape(&r.last_name),
                email = html_escape(&r.email),
                room = html_escape(&room_path(i, Some(r))),
            )
        })
        .collect();
    let group_room = match i.kind {
        InterviewKind::Group => format!(
            "<a class=\"hh-btn hh-btn-primary\" href=\"{}\">Open room</a>",
            html_escape(&room_path(i, None))
        ),
        InterviewKind::OneOnOne => String::new(),
    };
    let main = format!(
        "<main class=\"hh-registrations\" data-interview-id=\"{id}\"><h1 class=\"hh-interview-name\">{name}</h1>\n\
<p class=\"hh-interview-meta\"><span class=\"hh-kind hh-kind-{kind}\">{label}</span> <span class=\"hh-muted\">Session today, 10:00–12:00 · {n} registered</span>{group_room}</p>\n\
<nav class=\"hh-tabs\"><a class=\"hh-tab is-active\" href=\"{reg}\">Registrations</a><a class=\"hh-tab\" href=\"/interviews\">All interviews</a></nav>\n\
<section class=\"hh-card\">\n\
<div class=\"hh-table-head\" aria-hidden=\"true\"><span>First name</span><span>Last name</span><span>Email</span><span></span></div>\n\
<table class=\"hh-registrants\"><tbody>{rows}</tbody></table>\n\
</section>\n</main>",
        name = html_escape(&i.name),
        kind = i.kind.as_str(),
        label = i.kind.label(),
        n = i.registrants.len(),
        reg = html_escape(&registrations_path(i)),
    );
    shell(&i.name, "hh-body", &main)
}

fn room_header(i: &HellohireInterview) -> String {
    format!(
        "<header class=\"hh-room-header\"><h1 class=\"hh-interview-name\">{name}</h1>\
<span class=\"hh-live\">Live</span><span class=\"hh-kind hh-kind-{kind}\">{label}</span>\
<span class=\"hh-timer\">00:12:48</span>\
<a class=\"hh-btn hh-leave\" href=\"{reg}\">Leave room</a></header>",
        name = html_escape(&i.name),
        kind = i.kind.as_str(),
        label = i.kind.label(),
        reg = html_escape(&registrations_path(i)),
    )
}

const CONTROLS: &str = "<div class=\"hh-controls\">\
<button type=\"button\" class=\"hh-control\">Mute</button>\
<button type=\"button\" class=\"hh-control\">Camera</button>\
<button type=\"button\" class=\"hh-control\">Share screen</button>\
<button type=\"button\" class=\"hh-control hh-control-end\">End call</button></div>";

fn tile(initials: &str, label: &str, extra_class: &str) -> String {
    format!(
        "<div class=\"hh-video {extra_class}\"><span class=\"hh-video-initials\">{}</span><span class=\"hh-video-label\">{}</span></div>",
        html_escape(initials),
        html_escape(label),
    )
}

fn one_on_one_room(i: &HellohireInterview, r: &HellohireRegistrant) -> String {
    let main = format!(
        "<main class=\"hh-room\" data-room-type=\"one-on-one\" data-interview-id=\"{id}\">{header}\n\
<section class=\"hh-stage\" aria-label=\"Video\">{them}{me}{CONTROLS}</section>\n\
<aside class=\"hh-candidate\" data-registration-id=\"{rid}\"><h2 class=\"hh-candidate-name\"><span class=\"hh-first-name\">{first}</span> <span class=\"hh-last-name\">{last}</span></h2><a class=\"hh-candidate-email\" href=\"mailto:{email}\">{email}</a><div class=\"hh-rating\" role=\"group\" aria-label=\"Rating\"><button type=\"button\">Yes</button><button type=\"button\">Maybe</button><button type=\"button\">No</button></div></aside></main>",
        id = html_escape(&i.id),
        header = room_header(i),
        them = tile(&initials(&r.first_name, &r.last_name), &r.name(), "hh-video-main"),
        me = tile("AR", "You", "hh-video-self"),
        rid = html_escape(&r.id),
        first = html_escape(&r.first_name),
        last = html_escape(&r.last_name),
        email = html_escape(&r.email),
    );
    shell(&format!("{} – {}", r.name(), i.name), "hh-body hh-body-room", &main)
}

fn group_room(i: &HellohireInterview) -> String {
    let tiles: String = i
        .registrants
        .iter()
        .map(|r| tile(&initials(&r.first_name, &r.last_name), &r.name(), ""))
        .chain(std::iter::once(tile("AR", "You (host)", "hh-video-host")))
        .collect();
    let people: String = i
        .registrants
        .iter()
        .map(|r| {
            format!(
                "<li class=\"hh-participant\"><span class=\"hh-first-name\">{}</span> <span class=\"hh-last-name\">{}</span></li>",
                html_escape(&r.first_name),
                html_escape(&r.last_name),
            )
        })
        .collect();
    let main = format!(
        "<main class=\"hh-room\" data-room-type=\"group\" data-interview-id=\"{id}\">{header}\n\
<section class=\"hh-stage\" aria-label=\"Video\"><div class=\"hh-tiles\">{tiles}</div>{CONTROLS}</section>\n\
<aside class=\"hh-people\"><h2>Participants <span class=\"hh-count\">{n}</span></h2><ul class=\"hh-participants\">{people}</ul></aside></main>",
        id = html_escape(&i.id),
        header = room_header(i),
        n = i.registrants.len(),
    );
    shell(&i.name, "hh-body hh-body-room", &main)
}

fn not_found_page() -> String {
    shell(
        "Not found",
        "hh-body",
        "<main class=\"hh-notfound\"><section class=\"hh-card\"><h1>Page not found</h1>\
<p>This interview, registration or room does not exist.</p><p><a href=\"/interviews\">Back to interviews</a></p></section></main>",
    )
}

pub fn app(st: &State, req: &Request) -> Response {
    if let Some(r) = only_get(&req.method) {
        return r;
    }
    if let Some(r) = asset(&req.path, KEY, APP_JS, APP_CSS) {
        return r;
    }
    let h = &st.data.hellohire;
    let segments: Vec<String> =
        req.path.trim_matches('/').split('/').map(|s| percent_decode(s, false)).collect();
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let interview = |id: &str| h.interview(id);
    let page = match segments.as_slice() {
        [""] | ["interviews"] => Some(index_page(h)),
        ["interviews", id, "registrations"] => interview(id).map(registrations_page),
        ["interviews", id, "room", rid] => interview(id)
            .filter(|i| i.kind == InterviewKind::OneOnOne)
            .and_then(|i| i.registrants.iter().find(|r| r.id == *rid).map(|r| one_on_one_room(i, r))),
        ["interviews", id, "room"] => {
            interview(id).filter(|i| i.kind == InterviewKind::Group).map(group_room)
        }
        _ => None,
    };
    let resp = match page {
        Some(html) => Response::html(200, html),
        None => Response::html(404, not_found_page()),
    };
    with_csp(resp, &req.query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_checks_and_bad_ids_are_refused() {
        SeedHellohire::demo().check().unwrap();
        let mut h = SeedHellohire::demo();
        h.interviews[1].id = "csr-2026".into();
        assert!(h.check().unwrap_err().contains("duplicate interview"));
        let mut h = SeedHellohire::demo();
        h.interviews[0].registrants[1].id = "r-101".into();
        assert!(h.check().unwrap_err().contains("duplicate registration"));
        let mut h = SeedHellohire::demo();
        h.interviews[0].id = "a/b".into();
        assert!(h.check().is_err());
    }

    #[test]
    fn kinds_serialise_as_in_the_seed() {
        let v = serde_json::to_value(SeedHellohire::demo()).unwrap();
        assert_eq!(v["interviews"][0]["kind"], "one-on-one");
        assert_eq!(v["interviews"][1]["kind"], "group");
        let back: SeedHellohire = serde_json::from_value(v).unwrap();
        assert_eq!(back.interviews[1].registrants[1].email, "alan.turing@hellohire.example");
    }
}
