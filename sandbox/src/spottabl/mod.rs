//! `api.spottabl.com`: a Spottabl API, **all [model]**. Spottabl publishes no API (API-NOTES:
//! Spottabl); this is the smallest surface the Lever agency workflow needs, kept consistent so
//! the extension's one Spottabl client file has one shape to follow:
//!
//! - auth `Authorization: Bearer <key>`; base path `/v1`;
//! - one resource `{data: {...}}`; lists `{data: [...], hasMore, nextCursor}`, paged with
//!   `after=<nextCursor>&limit=` (1–100, default 50); a feed's `nextCursor` is where to resume
//!   even when the page is empty, so a poller keeps it;
//! - errors `{error: {code, message, details?, existingId?}}`;
//! - times ISO 8601 UTC; ids opaque strings.
//!
//! The admin's UI and the partners' portal are not modelled: control endpoints stand in for
//! them (see [`control`]).

mod api;
mod control;
mod submissions;

pub use api::api;
pub use control::control;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::http::Response;
use crate::util::format_iso;

pub const HOST: &str = "api.spottabl.com";
pub const DEMO_KEY: &str = "sp_demo_key_6Lm";

/// The seed's `"spottabl"`; left out, the built-in demo's. Jobs and submissions start empty:
/// jobs come from imports, submissions from the control endpoint.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeedSpottabl {
    pub api_keys: Vec<String>,
    pub org_id: String,
    pub org_name: String,
    pub stages: Vec<SpStage>,
    pub partners: Vec<SpPartner>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SpStage {
    pub id: String,
    pub name: String,
    pub position: u32,
    /// `open`, `hired` or `rejected`: a change to a `hired` stage is a `hired` event.
    pub kind: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SpPartner {
    pub id: String,
    pub name: String,
}

impl Default for SeedSpottabl {
    fn default() -> Self {
        let stage = |n: u32, id: &str, name: &str, kind: &str| SpStage {
            id: id.into(),
            name: name.into(),
            position: n,
            kind: kind.into(),
        };
        SeedSpottabl {
            api_keys: vec![DEMO_KEY.into()],
            org_id: "org_acme_robotics".into(),
            org_name: "Acme Robotics".into(),
            stages: vec![
                stage(1, "stg_sourced", "Sourced", "open"),
                stage(2, "stg_screened", "Screened", "open"),
                stage(3, "stg_submitted", "Submitted", "open"),
                stage(4, "stg_interview", "Interview", "open"),
                stage(5, "stg_offer", "Offer", "open"),
                stage(6, "stg_hired", "Hired", "hired"),
                stage(7, "stg_rejected", "Rejected", "rejected"),
            ],
            partners: vec![
                SpPartner { id: "ptn_northwind".into(), name: "Northwind Talent".into() },
                SpPartner { id: "ptn_bluepeak".into(), name: "Blue Peak Search".into() },
            ],
        }
    }
}

#[derive(Clone, Debug)]
pub struct SpJob {
    pub id: String,
    pub source: String,
    pub source_id: String,
    pub title: String,
    pub location: Option<String>,
    pub description: Option<String>,
    /// `draft` until the admin activates it (control endpoint).
    pub status: String,
    pub created_at: i64,
    pub activated_at: Option<i64>,
    pub seq: u64,
}

#[derive(Clone, Debug)]
pub struct SpComment {
    pub id: String,
    /// `partner` or `client` (the company the key belongs to).
    pub author_type: String,
    pub author_name: String,
    pub body: String,
    pub client_comment_id: Option<String>,
    pub created_at: i64,
    pub seq: u64,
}

#[derive(Clone, Debug)]
pub struct SpSubmission {
    pub id: String,
    pub job_id: String,
    pub partner_id: String,
    pub name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub links: Vec<String>,
    pub stage_id: String,
    pub comments: Vec<SpComment>,
    /// (clientEventId, stageId) of the stage changes received from Lever, to make repeats no-ops.
    pub applied: Vec<(String, String)>,
    pub created_at: i64,
    pub updated_at: i64,
    pub seq: u64,
}

#[derive(Clone, Debug)]
pub struct SpEvent {
    pub id: String,
    /// `stage_changed` or `hired`.
    pub kind: String,
    pub submission_id: String,
    pub job_id: String,
    pub from_stage_id: String,
    pub to_stage_id: String,
    pub created_at: i64,
    pub seq: u64,
}

#[derive(Clone, Debug)]
pub struct SpData {
    pub seed: SeedSpottabl,
    pub jobs: Vec<SpJob>,
    pub submissions: Vec<SpSubmission>,
    pub events: Vec<SpEvent>,
    /// Stage changes received through the API (`source: "lever"`), repeats included, with
    /// whether each was applied: what a test asserts "reached Spottabl once" with.
    pub stage_updates: Vec<Value>,
    next_seq: u64,
}

impl SpData {
    pub fn from_seed(seed: &SeedSpottabl) -> Result<SpData, String> {
        for (n, s) in seed.stages.iter().enumerate() {
            if !["open", "hired", "rejected"].contains(&s.kind.as_str()) {
                return Err(format!("seed: spottabl stage {}: kind must be open, hired or rejected", s.id));
            }
            if seed.stages[..n].iter().any(|t| t.id == s.id) {
                return Err(format!("seed: spottabl stage {}: duplicate id", s.id));
            }
        }
        Ok(SpData {
            seed: seed.clone(),
            jobs: Vec::new(),
            submissions: Vec::new(),
            events: Vec::new(),
            stage_updates: Vec::new(),
            next_seq: 0,
        })
    }

    pub fn seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    pub fn stage(&self, id: &str) -> Option<&SpStage> {
        self.seed.stages.iter().find(|s| s.id == id)
    }

    pub fn job_json(&self, j: &SpJob) -> Value {
        json!({
            "id": j.id, "status": j.status, "source": j.source, "sourceId": j.source_id,
            "title": j.title, "location": j.location, "description": j.description,
            "createdAt": format_iso(j.created_at), "activatedAt": j.activated_at.map(format_iso),
        })
    }

    pub fn submission_json(&self, s: &SpSubmission) -> Value {
        let partner = self.seed.partners.iter().find(|p| p.id == s.partner_id);
        json!({
            "id": s.id, "jobId": s.job_id,
            "partner": {"id": s.partner_id, "name": partner.map(|p| p.name.clone())},
            "candidate": {"name": s.name, "emails": s.emails, "phones": s.phones, "links": s.links},
            "stageId": s.stage_id,
            "comments": s.comments.iter().map(comment_json).collect::<Vec<_>>(),
            "createdAt": format_iso(s.created_at), "updatedAt": format_iso(s.updated_at),
        })
    }
}

pub fn comment_json(c: &SpComment) -> Value {
    json!({
        "id": c.id, "author": {"type": c.author_type, "name": c.author_name}, "body": c.body,
        "clientCommentId": c.client_comment_id, "createdAt": format_iso(c.created_at),
    })
}

pub fn event_json(e: &SpEvent) -> Value {
    json!({
        "id": e.id, "type": e.kind, "submissionId": e.submission_id, "jobId": e.job_id,
        "fromStageId": e.from_stage_id, "toStageId": e.to_stage_id, "createdAt": format_iso(e.created_at),
    })
}

pub fn error(status: u16, code: &str, message: &str) -> Response {
    Response::json(status, &json!({"error": {"code": code, "message": message}}))
}

/// The error body a queued fault answers with on this host.
pub fn fault_body(message: &str) -> Value {
    json!({"error": {"code": "unavailable", "message": message}})
}

/// One page of `items` (in `seq` order) after the cursor: `Err` for a cursor this API never gave.
pub fn page(items: Vec<(u64, Value)>, after: Option<&str>, limit: Option<&str>) -> Response {
    let after_seq = match after {
        None | Some("") => 0,
        Some(c) => match c.strip_prefix("cur_").and_then(|n| n.parse::<u64>().ok()) {
            Some(n) => n,
            None => return error(400, "invalid_cursor", "after is not a cursor this API gave"),
        },
    };
    let limit = match limit.map(str::parse::<usize>) {
        None => 50,
        Some(Ok(n)) if (1..=100).contains(&n) => n,
        Some(_) => return error(400, "invalid_limit", "limit must be between 1 and 100"),
    };
    let rest: Vec<(u64, Value)> = items.into_iter().filter(|(s, _)| *s > after_seq).collect();
    let has_more = rest.len() > limit;
    let page: Vec<(u64, Value)> = rest.into_iter().take(limit).collect();
    let last = page.last().map_or(after_seq, |(s, _)| *s);
    let next = (last > 0).then(|| format!("cur_{last}"));
    let data: Vec<Value> = page.into_iter().map(|(_, v)| v).collect();
    Response::json(200, &json!({"data": data, "hasMore": has_more, "nextCursor": next}))
}

/// `/_sandbox/state`'s `"spottabl"`.
pub fn snapshot(d: &SpData) -> Value {
    json!({
        "api_keys": d.seed.api_keys,
        "org": {"id": d.seed.org_id, "name": d.seed.org_name},
        "stages": d.seed.stages,
        "partners": d.seed.partners,
        "jobs": d.jobs.iter().map(|j| d.job_json(j)).collect::<Vec<_>>(),
        "submissions": d.submissions.iter().map(|s| d.submission_json(s)).collect::<Vec<_>>(),
        "events": d.events.iter().map(event_json).collect::<Vec<_>>(),
        "stage_updates": d.stage_updates,
    })
}
