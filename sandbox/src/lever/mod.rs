//! `api.lever.co` (v1) and `hire.lever.co` pages.
//!
//! The API follows API-NOTES "Lever" where it is documented: `{data, hasNext, next}` lists with
//! URL-encoded `next` tokens, `{code, message}` errors, ms timestamps, built-in text stage ids
//! beside UUIDs, `perform_as` on every write, a token bucket per key (10/s, bursts to 20) with
//! 429 and no `Retry-After`. What is not documented is marked [model] where it is decided.

mod api;
mod control;
pub mod demo;
mod pages;
mod writes;

use std::collections::HashMap;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub use api::api;
pub use control::control;
pub use pages::app;

use crate::http::Response;
use crate::state::{Data, Opportunity, Posting, SeedLever, State};
use crate::util::{det_uuid, parse_iso};

/// A Lever user (`GET /users`): only internal roles exist, there is no agency user [doc].
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LeverUser {
    pub id: String,
    pub name: String,
    pub email: String,
    #[serde(rename = "accessRole", default = "default_role")]
    pub access_role: String,
    /// ms; a deactivated user can't be `perform_as` [model].
    #[serde(rename = "deactivatedAt", default)]
    pub deactivated_at: Option<i64>,
}

fn default_role() -> String {
    "team member".into()
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ArchiveReason {
    pub id: String,
    pub text: String,
    /// `hired` or `non-hired`.
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Archived {
    pub reason: String,
    #[serde(rename = "archivedAt")]
    pub archived_at: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StageChange {
    #[serde(rename = "toStageId")]
    pub to_stage_id: String,
    #[serde(rename = "updatedAt")]
    pub updated_at: i64,
    #[serde(rename = "userId")]
    pub user_id: String,
}

/// An opportunity's fields beyond `state::Opportunity`'s (kept apart so seeds and tests that
/// build opportunities field by field keep compiling). Times in ms; 0 in a seed is generated.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct OppMeta {
    pub id: String,
    #[serde(default)]
    pub links: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// agency | applied | internal | referred | sourced | university; `applied` when empty.
    #[serde(default)]
    pub origin: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub followers: Vec<String>,
    #[serde(default)]
    pub archived: Option<Archived>,
    #[serde(default)]
    pub stage_changes: Vec<StageChange>,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
}

/// A posting's fields beyond `state::Posting`'s, as [`OppMeta`] is for opportunities.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PostingMeta {
    pub id: String,
    /// published | internal | closed | draft | pending | rejected [doc]; `published` when empty.
    #[serde(default)]
    pub state: String,
    /// `public` and/or `internal`.
    #[serde(default)]
    pub distribution_channels: Vec<String>,
    #[serde(default)]
    pub created_at: i64,
    #[serde(default)]
    pub updated_at: i64,
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub commitment: Option<String>,
    #[serde(default)]
    pub workplace_type: Option<String>,
}

#[derive(Clone, Debug)]
pub struct NoteField {
    pub value: String,
    pub created_at: i64,
    pub user: String,
}

#[derive(Clone, Debug)]
pub struct Note {
    pub id: String,
    pub opportunity_id: String,
    pub user: String,
    pub secret: bool,
    pub score: Option<f64>,
    pub created_at: i64,
    /// The first is the note; replies (`note_id=`) append to the thread.
    pub fields: Vec<NoteField>,
}

/// What Lever's writes leave beside the opportunities, and the rate buckets; rebuilt on reset.
#[derive(Clone, Debug, Default)]
pub struct LeverRt {
    pub opps: HashMap<String, OppMeta>,
    pub postings: HashMap<String, PostingMeta>,
    pub notes: Vec<Note>,
    /// Every accepted write: method, path, perform_as, when, and the body received.
    pub writes: Vec<Value>,
    /// Tokens left and when they were counted, per API key.
    pub buckets: HashMap<String, (f64, Instant)>,
}

pub fn error(status: u16, code: &str, message: &str) -> Response {
    Response::json(status, &json!({"code": code, "message": message}))
}

/// The sandbox clock in ms (real time plus `clock_offset_s`), as Lever's timestamps are.
pub fn now_ms(st: &State) -> i64 {
    let real = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    real + st.config.get("clock_offset_s").and_then(Value::as_i64).unwrap_or(0) * 1000
}

/// Takes one token from the key's bucket: `lever_rate_per_second` (10) refill, holding up to
/// `lever_rate_burst` (20) [doc]. `false` when empty.
pub fn take_token(st: &mut State, key: &str) -> bool {
    let rate = st.config_u64("lever_rate_per_second", 10) as f64;
    let burst = st.config_u64("lever_rate_burst", 20).max(1) as f64;
    let now = Instant::now();
    let (tokens, at) = st.data.lever_rt.buckets.entry(key.to_string()).or_insert((burst, now));
    *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(burst);
    *at = now;
    if *tokens >= 1.0 {
        *tokens -= 1.0;
        true
    } else {
        false
    }
}

/// Each opportunity's and posting's meta, from the seed's or generated: times spread an hour
/// apart from 2026-09-01 (deterministic), origin `applied`, a published public posting.
pub fn prepare(lever: &SeedLever) -> Result<LeverRt, String> {
    let base = parse_iso("2026-09-01T00:00:00+00:00").unwrap_or(0) * 1000;
    let mut rt = LeverRt::default();
    for (i, o) in lever.opportunities.iter().enumerate() {
        let mut m = lever.opportunity_meta.iter().find(|m| m.id == o.id).cloned().unwrap_or_default();
        m.id.clone_from(&o.id);
        if m.created_at == 0 {
            m.created_at = base + i as i64 * 3_600_000;
        }
        if m.updated_at < m.created_at {
            m.updated_at = m.created_at + 86_400_000;
        }
        if m.origin.is_empty() {
            m.origin = "applied".into();
        }
        rt.opps.insert(o.id.clone(), m);
    }
    for (i, p) in lever.postings.iter().enumerate() {
        let mut m = lever.posting_meta.iter().find(|m| m.id == p.id).cloned().unwrap_or_default();
        m.id.clone_from(&p.id);
        if m.state.is_empty() {
            m.state = "published".into();
            m.distribution_channels = vec!["public".into()];
        }
        if m.created_at == 0 {
            m.created_at = base - (i as i64 + 1) * 86_400_000;
        }
        if m.updated_at < m.created_at {
            m.updated_at = m.created_at;
        }
        rt.postings.insert(p.id.clone(), m);
    }
    for r in &lever.archive_reasons {
        if r.kind != "hired" && r.kind != "non-hired" {
            return Err(format!("seed: archive reason {}: type must be hired or non-hired", r.id));
        }
    }
    Ok(rt)
}

pub fn opportunity_json(d: &Data, o: &Opportunity) -> Value {
    let applications: Vec<String> = d
        .postings_of(&o.id)
        .iter()
        .map(|p| {
            det_uuid(
                &format!("lever-application-{}", o.id),
                d.lever.postings.iter().position(|q| q.id == p.id).unwrap_or(0),
            )
        })
        .collect();
    let m = d.lever_rt.opps.get(&o.id).cloned().unwrap_or_default();
    json!({
        "id": o.id,
        "name": o.name,
        "emails": o.emails,
        "phones": o.phones,
        "links": m.links,
        "stage": o.stage,
        "stageChanges": m.stage_changes,
        "tags": o.tags,
        "sources": m.sources,
        "origin": m.origin,
        "owner": m.owner,
        "followers": m.followers,
        "contact": o.contact,
        "applications": applications,
        "archived": m.archived,
        "urls": {"show": format!("https://hire.lever.co/candidates/{}", o.id)},
        "createdAt": m.created_at,
        "updatedAt": m.updated_at,
    })
}

/// [model] which fields are null: the sandbox holds title, location, description, team and
/// commitment; the rest of Lever's posting object is there as null or empty, as real answers
/// often have it.
pub fn posting_json(d: &Data, p: &Posting) -> Value {
    let m = d.lever_rt.postings.get(&p.id).cloned().unwrap_or_default();
    json!({
        "id": p.id,
        "text": p.text,
        "state": m.state,
        "distributionChannels": m.distribution_channels,
        "createdAt": m.created_at,
        "updatedAt": m.updated_at,
        "user": null,
        "owner": null,
        "hiringManager": null,
        "confidentiality": "non-confidential",
        "categories": {
            "location": p.location,
            "team": m.team,
            "department": null,
            "commitment": m.commitment,
            "allLocations": if p.location.is_empty() { json!([]) } else { json!([p.location]) },
        },
        "content": {
            "description": p.description,
            "descriptionHtml": format!("<div>{}</div>", crate::util::html_escape(&p.description)),
            "lists": [],
            "closing": null,
        },
        "tags": [],
        "urls": {
            "list": "https://jobs.lever.co/acme",
            "show": format!("https://jobs.lever.co/acme/{}", p.id),
            "apply": format!("https://jobs.lever.co/acme/{}/apply", p.id),
        },
        "workplaceType": m.workplace_type,
    })
}

pub fn note_json(n: &Note) -> Value {
    let fields: Vec<Value> = n
        .fields
        .iter()
        .map(|f| json!({"type": "note", "text": "Note", "value": f.value, "createdAt": f.created_at, "user": f.user}))
        .collect();
    json!({
        "id": n.id,
        // [model] the thread's first note as its text
        "text": n.fields.first().map(|f| f.value.clone()).unwrap_or_default(),
        "fields": fields,
        "user": n.user,
        "secret": n.secret,
        "score": n.score,
        "createdAt": n.created_at,
        "completedAt": null,
        "deletedAt": null,
    })
}

/// `/_sandbox/state`'s `"lever"`: users, opportunities' tags (by id), archive reasons, notes
/// (with their opportunity) and every write received with its `perform_as`.
pub fn snapshot(d: &Data) -> Value {
    let notes: Vec<Value> = d
        .lever_rt
        .notes
        .iter()
        .map(|n| {
            let mut v = note_json(n);
            v["opportunityId"] = json!(n.opportunity_id);
            v
        })
        .collect();
    let tags: serde_json::Map<String, Value> = d
        .lever
        .opportunities
        .iter()
        .filter(|o| !o.tags.is_empty())
        .map(|o| (o.id.clone(), json!(o.tags)))
        .collect();
    json!({
        "users": d.lever.users,
        "tags": tags,
        "archive_reasons": d.lever.archive_reasons,
        "notes": notes,
        "writes": d.lever_rt.writes,
    })
}
