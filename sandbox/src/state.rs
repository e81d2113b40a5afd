//! Seed format, the data a sandbox holds, faults, config and the request log.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::ats::{self, SeedAts};
use crate::hellohire::{self, SeedHellohire};
use crate::http::Request;
use crate::myinterview::{self, MiData, SeedMyInterview};
use crate::pageup_api::{self, PuData, SeedPageUp};
use crate::util::{format_iso, now_secs, parse_iso, uuid_v4};

/// The data a sandbox starts with (and returns to on `POST /_sandbox/reset`).
/// `sandbox --seed FILE` reads this as JSON; `sandbox --print-seed` prints the
/// built-in demo seed. See `sandbox/README.md` for the format.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Seed {
    pub company: SeedCompany,
    #[serde(default)]
    pub sparkhire_users: Vec<SeedUser>,
    #[serde(default)]
    pub jobs: Vec<SeedJob>,
    #[serde(default)]
    pub question_sets: Vec<SeedQuestionSet>,
    #[serde(default)]
    pub interviews: Vec<SeedInterview>,
    #[serde(default)]
    pub lever: SeedLever,
    /// Top Echelon, Oorwin, SmartRecruiters and PageUp data. Left out, or any
    /// of its four keys left out, means the built-in demo's.
    #[serde(default)]
    pub ats: SeedAts,
    /// [model] Hellohire's interviews and registrants. Left out means the
    /// built-in demo's.
    #[serde(default)]
    pub hellohire: SeedHellohire,
    /// [model] myInterview companies (credentials, question templates). Left out means the
    /// built-in demo's.
    #[serde(default)]
    pub myinterview: SeedMyInterview,
    /// PageUp's API side: instances, their clients and status codes (the applications are
    /// `ats.pageup`'s). Left out means the built-in demo's.
    #[serde(default)]
    pub pageup: SeedPageUp,
    /// [model] Spottabl's keys, organisation, stages and partners. Left out means the built-in
    /// demo's.
    #[serde(default)]
    pub spottabl: crate::spottabl::SeedSpottabl,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeedCompany {
    pub uuid: String,
    pub name: String,
}

/// A Spark Hire user and the API key that acts as them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeedUser {
    pub uuid: String,
    pub api_key: String,
    pub name: String,
    pub email: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeedJob {
    pub uuid: String,
    pub title: String,
    /// Formatted address, e.g. "Berlin, Germany".
    pub location: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_job_status")]
    pub status: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeedQuestionSet {
    pub uuid: String,
    pub name: String,
    #[serde(rename = "type", default = "default_interview_type")]
    pub kind: String,
    #[serde(default)]
    pub question_count: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeedInterview {
    pub uuid: String,
    #[serde(rename = "type", default = "default_interview_type")]
    pub kind: String,
    /// invited | in_progress | completed | expired
    pub status: String,
    pub job_uuid: String,
    #[serde(default)]
    pub question_set_uuid: Option<String>,
    pub candidate_name: String,
    pub candidate_email: String,
    /// Email of one of `sparkhire_users`; the first user when absent.
    #[serde(default)]
    pub created_by: Option<String>,
    /// ISO 8601 timestamps.
    pub created_at: String,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub scheduled_at: Option<String>,
    #[serde(default)]
    pub completed_at: Option<String>,
    #[serde(default)]
    pub email_message: Option<String>,
    /// An existing share link's uuid, if the interview has one.
    #[serde(default)]
    pub share_link_uuid: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SeedLever {
    #[serde(default)]
    pub api_keys: Vec<String>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub opportunities: Vec<Opportunity>,
    /// Job postings, each with its pipeline of opportunities. Left out (as in
    /// seed files written before postings existed) means no postings; the
    /// built-in demo has two.
    #[serde(default)]
    pub postings: Vec<Posting>,
    /// `GET /users`, and who `perform_as` may name.
    #[serde(default)]
    pub users: Vec<crate::lever::LeverUser>,
    #[serde(default)]
    pub archive_reasons: Vec<crate::lever::ArchiveReason>,
    /// What Lever's API says of a posting beyond the fields above (state, channels, times...),
    /// by posting id; a posting left out is published on the public channel.
    #[serde(default)]
    pub posting_meta: Vec<crate::lever::PostingMeta>,
    /// Likewise for opportunities (origin, sources, links, archive, times...).
    #[serde(default)]
    pub opportunity_meta: Vec<crate::lever::OppMeta>,
}

/// A Lever job posting and the opportunities in its pipeline. [model] Lever
/// documents `/jobs/postings/edit/<postingId>` (the editor) in the hire app;
/// the page at `/jobs/postings/<postingId>` that lists the pipeline, and the
/// pipeline as a plain list of opportunity ids, are OUR MODEL.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Posting {
    pub id: String,
    /// The posting's title ("text" in Lever's API).
    pub text: String,
    #[serde(default)]
    pub location: String,
    /// Plain text (HTML-escaped on pages).
    #[serde(default)]
    pub description: String,
    /// The pipeline, in order: ids from `lever.opportunities`.
    #[serde(default)]
    pub opportunity_ids: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Stage {
    pub id: String,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Phone {
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Opportunity {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub phones: Vec<Phone>,
    /// A stage id from `lever.stages`.
    pub stage: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Lever contact id; generated when absent.
    #[serde(default)]
    pub contact: String,
}

fn default_job_status() -> String {
    "open".into()
}

fn default_interview_type() -> String {
    "one_way".into()
}

impl Seed {
    /// The built-in demo data (Acme Robotics).
    pub fn demo() -> Seed {
        let v = json!({
            "company": {"uuid": "5c0e1a2b-3d4f-4a5b-8c6d-7e8f9a0b1c2d", "name": "Acme Robotics"},
            "sparkhire_users": [
                {"uuid": "7d1f0a2e-1111-4a11-8a11-0000000000ad", "api_key": "sh_demo_ada_7Kq2",
                 "name": "Ada Recruiter", "email": "ada@acme.example"},
                {"uuid": "7d1f0a2e-2222-4b22-9b22-0000000000be", "api_key": "sh_demo_ben_3Lm8",
                 "name": "Ben Hiring", "email": "ben@acme.example"}
            ],
            "jobs": [
                {"uuid": "1f0b0001-5e1e-4c7a-9b2d-000000000001", "title": "Senior Backend Engineer",
                 "location": "Berlin, Germany", "description": "Build the services behind our robot fleet."},
                {"uuid": "1f0b0002-5e1e-4c7a-9b2d-000000000002", "title": "Customer Success Manager",
                 "location": "London, UK", "description": "Look after our customers in Europe."},
                {"uuid": "1f0b0003-5e1e-4c7a-9b2d-000000000003", "title": "Field Robotics Technician",
                 "location": "Austin, TX, USA", "description": "Install and service robots on site."}
            ],
            "question_sets": [
                {"uuid": "95e70001-3c1d-4f2a-8e4b-000000000001", "name": "Engineering screen", "question_count": 5},
                {"uuid": "95e70002-3c1d-4f2a-8e4b-000000000002", "name": "Customer-facing basics", "question_count": 4},
                {"uuid": "95e70003-3c1d-4f2a-8e4b-000000000003", "name": "Culture and motivation", "question_count": 3}
            ],
            "interviews": [
                {"uuid": "1e7e0001-6a2b-4c3d-8e4f-000000000001", "type": "one_way", "status": "completed",
                 "job_uuid": "1f0b0001-5e1e-4c7a-9b2d-000000000001",
                 "question_set_uuid": "95e70001-3c1d-4f2a-8e4b-000000000001",
                 "candidate_name": "Grace Hopper", "candidate_email": "grace.hopper@example.com",
                 "created_by": "ada@acme.example",
                 "created_at": "2026-10-05T09:00:00+00:00",
                 "updated_at": "2026-10-08T14:32:00+00:00",
                 "scheduled_at": "2026-10-12T23:59:00+00:00",
                 "completed_at": "2026-10-08T14:32:00+00:00",
                 "email_message": "Hi Grace, please record your answers by Monday."}
            ],
            "lever": {
                "api_keys": ["lv_demo_9fQx"],
                "stages": [
                    {"id": "lead-new", "text": "New lead"},
                    {"id": "applicant-new", "text": "New applicant"},
                    {"id": "phone-screen", "text": "Phone screen"},
                    {"id": "on-site", "text": "On-site interview"},
                    {"id": "offer", "text": "Offer"}
                ],
                "opportunities": [
                    {"id": "2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b", "name": "Grace Hopper",
                     "emails": ["grace.hopper@example.com"],
                     "phones": [{"type": "mobile", "value": "+1 555 0100"}],
                     "stage": "phone-screen", "tags": [],
                     "contact": "b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d01"},
                    {"id": "8d9e0f1a-2b3c-4d5e-9f60-718293a4b5c6", "name": "Alan Turing",
                     "emails": ["alan.turing@example.com"],
                     "phones": [{"type": "home", "value": "+44 20 7946 0000"}],
                     "stage": "applicant-new", "tags": [],
                     "contact": "b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d02"},
                    {"id": "c0ffee00-1234-4abc-9def-00000000beef", "name": "Katherine Johnson",
                     "emails": ["katherine.johnson@example.com"],
                     "phones": [],
                     "stage": "on-site", "tags": [],
                     "contact": "b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d03"}
                ]
            }
        });
        let mut seed: Seed = serde_json::from_value(v).expect("built-in demo seed is valid");
        crate::lever::demo::extend(&mut seed.lever);
        seed
    }

    /// Reads a seed from a JSON file.
    pub fn from_file(path: &std::path::Path) -> std::io::Result<Seed> {
        let text = std::fs::read_to_string(path)?;
        serde_json::from_str(&text).map_err(|e| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{}: {e}", path.display()))
        })
    }
}

// ---------------------------------------------------------------------------
// Runtime data

#[derive(Clone, Debug)]
pub struct Job {
    pub uuid: String,
    pub title: String,
    pub location: String,
    pub description: String,
    pub status: String,
}

#[derive(Clone, Debug)]
pub struct Interview {
    pub uuid: String,
    pub kind: String,
    pub status: String,
    pub job_uuid: String,
    pub question_set_uuid: Option<String>,
    pub candidate_name: String,
    pub candidate_email: String,
    /// (name, email) of the Spark Hire user who created it.
    pub created_by: (String, String),
    pub created_at: i64,
    pub updated_at: i64,
    pub scheduled_at: Option<i64>,
    pub completed_at: Option<i64>,
    pub email_message: Option<String>,
    pub timezone: Option<String>,
    pub share_link: Option<String>,
    /// The raw JSON body of the POST that created it (null for seeded ones).
    pub received: Value,
    /// Creation order, to break timestamp ties.
    pub seq: u64,
}

#[derive(Clone, Debug)]
pub struct ShareLink {
    pub uuid: String,
    pub interview_uuid: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl ShareLink {
    pub fn url(&self) -> String {
        format!("https://app.sparkhire.com/share/{}", self.uuid)
    }
}

#[derive(Clone, Debug)]
pub struct Data {
    pub company: SeedCompany,
    pub users: Vec<SeedUser>,
    pub jobs: Vec<Job>,
    pub question_sets: Vec<SeedQuestionSet>,
    pub interviews: Vec<Interview>,
    pub share_links: Vec<ShareLink>,
    pub lever: SeedLever,
    /// Checked, with generated application ids filled in.
    pub ats: SeedAts,
    /// Read-only (the pages are GET-only).
    pub hellohire: SeedHellohire,
    /// myInterview's companies and everything made through its API.
    pub myinterview: MiData,
    /// PageUp tokens issued, status changes received, statuses per instance.
    pub pageup: PuData,
    /// Lever's notes, writes received and rate buckets.
    pub lever_rt: crate::lever::LeverRt,
    /// [model] Spottabl's jobs, submissions, events and what it received.
    pub spottabl: crate::spottabl::SpData,
    pub next_seq: u64,
}

fn ts(field: &str, s: &str) -> Result<i64, String> {
    parse_iso(s).ok_or_else(|| format!("seed: {field}: not an ISO 8601 time: {s:?}"))
}

impl Data {
    pub fn from_seed(seed: &Seed) -> Result<Data, String> {
        let jobs: Vec<Job> = seed
            .jobs
            .iter()
            .map(|j| Job {
                uuid: j.uuid.clone(),
                title: j.title.clone(),
                location: j.location.clone(),
                description: j.description.clone(),
                status: j.status.clone(),
            })
            .collect();
        let mut data = Data {
            company: seed.company.clone(),
            users: seed.sparkhire_users.clone(),
            jobs,
            question_sets: seed.question_sets.clone(),
            interviews: Vec::new(),
            share_links: Vec::new(),
            lever: seed.lever.clone(),
            ats: seed.ats.clone(),
            hellohire: seed.hellohire.clone(),
            myinterview: MiData::from_seed(&seed.myinterview)?,
            pageup: PuData::from_seed(&seed.pageup)?,
            lever_rt: Default::default(),
            spottabl: crate::spottabl::SpData::from_seed(&seed.spottabl)?,
            next_seq: 0,
        };
        data.ats.prepare()?;
        data.hellohire.check()?;
        for o in &mut data.lever.opportunities {
            if o.contact.is_empty() {
                o.contact = uuid_v4();
            }
        }
        for o in &data.lever.opportunities {
            if !data.lever.stages.iter().any(|s| s.id == o.stage) {
                return Err(format!("seed: opportunity {}: unknown stage {:?}", o.id, o.stage));
            }
        }
        data.check_postings()?;
        data.lever_rt = crate::lever::prepare(&data.lever)?;
        for si in &seed.interviews {
            if data.job(&si.job_uuid).is_none() {
                return Err(format!("seed: interview {}: unknown job {}", si.uuid, si.job_uuid));
            }
            if let Some(qs) = &si.question_set_uuid {
                if data.question_set(qs).is_none() {
                    return Err(format!("seed: interview {}: unknown question set {qs}", si.uuid));
                }
            }
            let creator = match &si.created_by {
                Some(email) => data.users.iter().find(|u| &u.email == email),
                None => data.users.first(),
            };
            let created_by = creator
                .map(|u| (u.name.clone(), u.email.clone()))
                .unwrap_or_else(|| (String::new(), String::new()));
            let created_at = ts("created_at", &si.created_at)?;
            let updated_at = match &si.updated_at {
                Some(s) => ts("updated_at", s)?,
                None => created_at,
            };
            let scheduled_at = si.scheduled_at.as_deref().map(|s| ts("scheduled_at", s)).transpose()?;
            let completed_at = si.completed_at.as_deref().map(|s| ts("completed_at", s)).transpose()?;
            if let Some(link) = &si.share_link_uuid {
                data.share_links.push(ShareLink {
                    uuid: link.clone(),
                    interview_uuid: si.uuid.clone(),
                    created_at: updated_at,
                    updated_at,
                });
            }
            let seq = data.next_seq();
            data.interviews.push(Interview {
                uuid: si.uuid.clone(),
                kind: si.kind.clone(),
                status: si.status.clone(),
                job_uuid: si.job_uuid.clone(),
                question_set_uuid: si.question_set_uuid.clone(),
                candidate_name: si.candidate_name.clone(),
                candidate_email: si.candidate_email.clone(),
                created_by,
                created_at,
                updated_at,
                scheduled_at,
                completed_at,
                email_message: si.email_message.clone(),
                timezone: None,
                share_link: si.share_link_uuid.clone(),
                received: Value::Null,
                seq,
            });
        }
        Ok(data)
    }

    pub fn next_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    pub fn job(&self, uuid: &str) -> Option<&Job> {
        self.jobs.iter().find(|j| j.uuid == uuid)
    }

    pub fn question_set(&self, uuid: &str) -> Option<&SeedQuestionSet> {
        self.question_sets.iter().find(|q| q.uuid == uuid)
    }

    pub fn interview(&self, uuid: &str) -> Option<&Interview> {
        self.interviews.iter().find(|i| i.uuid == uuid)
    }

    pub fn share_link(&self, uuid: &str) -> Option<&ShareLink> {
        self.share_links.iter().find(|s| s.uuid == uuid)
    }

    /// Posting ids must be unique and non-empty; a pipeline names known
    /// opportunities, each at most once.
    fn check_postings(&self) -> Result<(), String> {
        let lever = &self.lever;
        for (n, p) in lever.postings.iter().enumerate() {
            if p.id.is_empty() {
                return Err(format!("seed: posting {n}: empty id"));
            }
            if lever.postings[..n].iter().any(|q| q.id == p.id) {
                return Err(format!("seed: posting {}: duplicate id", p.id));
            }
            for (k, oid) in p.opportunity_ids.iter().enumerate() {
                if !lever.opportunities.iter().any(|o| &o.id == oid) {
                    return Err(format!("seed: posting {}: unknown opportunity {oid}", p.id));
                }
                if p.opportunity_ids[..k].contains(oid) {
                    return Err(format!("seed: posting {}: opportunity {oid} listed twice", p.id));
                }
            }
        }
        Ok(())
    }

    pub fn posting(&self, id: &str) -> Option<&Posting> {
        self.lever.postings.iter().find(|p| p.id == id)
    }

    pub fn opportunity(&self, id: &str) -> Option<&Opportunity> {
        self.lever.opportunities.iter().find(|o| o.id == id)
    }

    /// The postings whose pipeline holds the opportunity, in seed order.
    pub fn postings_of(&self, opportunity_id: &str) -> Vec<&Posting> {
        self.lever.postings.iter().filter(|p| p.opportunity_ids.iter().any(|o| o == opportunity_id)).collect()
    }

    pub fn stage_text(&self, id: &str) -> String {
        self.lever
            .stages
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.text.clone())
            .unwrap_or_else(|| id.to_string())
    }

    // --- JSON renderers -----------------------------------------------------

    pub fn job_json(&self, j: &Job) -> Value {
        json!({
            "uuid": j.uuid,
            "title": j.title,
            "name": j.title,
            "location": {"formatted_address": j.location},
            "status": j.status,
            // [model] not in the public notes:
            "description": j.description,
        })
    }

    pub fn question_set_json(&self, q: &SeedQuestionSet) -> Value {
        // [model] fields beyond uuid/name: type, question_count
        json!({"uuid": q.uuid, "name": q.name, "type": q.kind, "question_count": q.question_count})
    }

    pub fn share_link_json(&self, s: &ShareLink) -> Value {
        json!({
            "uuid": s.uuid,
            "url": s.url(),
            "status": "active",
            "created_at": format_iso(s.created_at),
            "updated_at": format_iso(s.updated_at),
        })
    }

    pub fn interview_json(&self, i: &Interview) -> Value {
        let job_post = match self.job(&i.job_uuid) {
            Some(j) => json!({
                "uuid": j.uuid,
                "title": j.title,
                "name": j.title,
                "location": {"formatted_address": j.location},
            }),
            None => Value::Null,
        };
        let (first, last) = split_name(&i.candidate_name);
        let share_link = i
            .share_link
            .as_deref()
            .and_then(|u| self.share_link(u))
            .map(|s| self.share_link_json(s))
            .unwrap_or(Value::Null);
        json!({
            "uuid": i.uuid,
            "type": i.kind,
            "status": i.status,
            "job_post": job_post,
            "company": {"name": self.company.name, "avatar": null},
            "assigned_to": {
                "name": i.candidate_name,
                "first_name": first,
                "last_name": last,
                "email": i.candidate_email,
                "avatar": null,
            },
            "created_by": {"name": i.created_by.0, "email": i.created_by.1},
            "created_at": format_iso(i.created_at),
            "updated_at": format_iso(i.updated_at),
            "scheduled_at": i.scheduled_at.map(format_iso),
            "completed_at": i.completed_at.map(format_iso),
            "rating": null,
            "rejection": null,
            "questions": [],
            "share_link": share_link,
            // [model] echoed from the create request:
            "email_message": i.email_message,
            "interview_question_set": i.question_set_uuid,
            "timezone": i.timezone,
        })
    }

    pub fn opportunity_json(&self, o: &Opportunity) -> Value {
        crate::lever::opportunity_json(self, o)
    }

    pub fn posting_json(&self, p: &Posting) -> Value {
        crate::lever::posting_json(self, p)
    }
}

/// "Grace Brewster Hopper" → ("Grace", "Brewster Hopper").
pub fn split_name(name: &str) -> (String, String) {
    let name = name.trim();
    match name.split_once(char::is_whitespace) {
        Some((f, l)) => (f.to_string(), l.trim().to_string()),
        None => (name.to_string(), String::new()),
    }
}

// ---------------------------------------------------------------------------
// Faults, config, request log

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FaultMode {
    /// Answer with the fault without processing the request.
    #[default]
    Before,
    /// Process the request, then answer with the fault instead.
    After,
}

/// A queued fault (`POST /_sandbox/faults`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Fault {
    /// Host to match (no port); absent or "*" matches any.
    #[serde(default)]
    pub host: Option<String>,
    /// Method to match; absent or "*" matches any.
    #[serde(default)]
    pub method: Option<String>,
    /// Path to match, without query string; absent or "*" matches any.
    #[serde(default)]
    pub path: Option<String>,
    /// Status to answer; 0 closes the connection without an answer.
    pub status: u16,
    #[serde(default)]
    pub mode: FaultMode,
    /// For 429: value of `X-Rate-Limit-Try-Again-Seconds` (default 1).
    #[serde(default)]
    pub retry_after: Option<u64>,
    /// How many matching requests get this fault (default 1).
    #[serde(default = "one")]
    pub count: u32,
    /// Response body to send instead of the default JSON error.
    #[serde(default)]
    pub body: Option<Value>,
    /// Only requests whose body contains this text (as a vendor refuses one candidate's
    /// create, whenever it comes); absent matches any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_contains: Option<String>,
}

fn one() -> u32 {
    1
}

fn matches(pattern: &Option<String>, value: &str) -> bool {
    match pattern.as_deref() {
        None | Some("*") | Some("") => true,
        Some(p) => p.eq_ignore_ascii_case(value),
    }
}

impl Fault {
    fn matches(&self, host: &str, method: &str, path: &str, body: &[u8]) -> bool {
        if let Some(needle) = self.body_contains.as_deref().filter(|n| !n.is_empty()) {
            if !body.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                return false;
            }
        }
        let host_ok = match self.host.as_deref() {
            Some(h) => {
                let h = h.split(':').next().unwrap_or(h);
                matches(&Some(h.to_string()), host)
            }
            None => true,
        };
        host_ok
            && matches(&self.method, method)
            && match self.path.as_deref() {
                None | Some("*") | Some("") => true,
                Some(p) => p.split('?').next() == Some(path),
            }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct LogEntry {
    pub host: String,
    pub method: String,
    pub path: String,
    pub query: String,
    pub status: u16,
    /// `h2` or `http/1.1`: what the browser chose, since throughput depends on it.
    pub http: &'static str,
}

const MAX_LOG: usize = 10_000;

/// How the vendors answer by default. `Realistic` for the extension's tests, the demo and the
/// bench; `Fast` (no latency) only for the sandbox's own tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    Realistic,
    Fast,
}

pub fn default_config(profile: Profile) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("sparkhire_rate_per_minute".into(), json!(400));
    // [model] A vendor API answering from across the internet: 300 ms, give or take 100.
    let (latency, jitter) = match profile {
        Profile::Realistic => (300, 100),
        Profile::Fast => (0, 0),
    };
    m.insert("latency_ms".into(), json!(latency));
    m.insert("latency_jitter_ms".into(), json!(jitter));
    // [model] A search index behind the writes: a candidate made through the API is found by
    // search only this long after, as search services commonly lag.
    m.insert("search_lag_ms".into(), json!(if profile == Profile::Realistic { 2_000 } else { 0 }));
    // [doc] PageUp's tokens last 300 s; a test may shorten it (the sandbox clock moves it too).
    m.insert("pageup_token_ttl_s".into(), json!(crate::pageup_api::DEFAULT_TTL_S));
    m
}

pub struct State {
    pub seed: Seed,
    pub data: Data,
    pub faults: VecDeque<Fault>,
    pub log: Vec<LogEntry>,
    pub config: Map<String, Value>,
    /// Spark Hire rate windows per key: (window start, requests in it).
    pub rate: HashMap<String, (Instant, u64)>,
    /// SmartRecruiters API rate windows (one second) per `X-SmartToken`.
    pub sr_rate: HashMap<String, (Instant, u64)>,
    pub profile: Profile,
    /// SmartRecruiters candidates made through the API and when search first finds them
    /// (`search_lag_ms` after).
    pub sr_unindexed: HashMap<String, Instant>,
    /// Drives the latency jitter: reproducible from run to run.
    jitter: u64,
}

impl State {
    pub fn new(seed: Seed) -> Result<State, String> {
        let data = Data::from_seed(&seed)?;
        Ok(State {
            seed,
            data,
            faults: VecDeque::new(),
            log: Vec::new(),
            config: default_config(Profile::Realistic),
            rate: HashMap::new(),
            sr_rate: HashMap::new(),
            profile: Profile::Realistic,
            sr_unindexed: HashMap::new(),
            jitter: 0x9E37_79B9_7F4A_7C15,
        })
    }

    pub fn reset(&mut self) {
        if let Ok(data) = Data::from_seed(&self.seed) {
            self.data = data;
        }
        self.faults.clear();
        self.log.clear();
        self.config = default_config(self.profile);
        self.rate.clear();
        self.sr_rate.clear();
        self.sr_unindexed.clear();
    }

    /// Notes a candidate just written, for search to miss until the index catches up.
    pub fn written_unindexed(&mut self, id: &str) {
        let lag = Duration::from_millis(self.config_u64("search_lag_ms", 0));
        if !lag.is_zero() {
            self.sr_unindexed.insert(id.to_ascii_lowercase(), Instant::now() + lag);
        }
    }

    /// Candidates search can't find yet.
    pub fn not_yet_indexed(&mut self) -> Vec<String> {
        let now = Instant::now();
        self.sr_unindexed.retain(|_, at| *at > now);
        self.sr_unindexed.keys().cloned().collect()
    }

    pub fn set_profile(&mut self, profile: Profile) {
        self.profile = profile;
        self.config = default_config(profile);
    }

    /// How long the next API answer takes: `latency_ms` plus or minus up to
    /// `latency_jitter_ms`, uniformly.
    pub fn next_latency(&mut self) -> u64 {
        let (mean, spread) = (self.config_u64("latency_ms", 0), self.config_u64("latency_jitter_ms", 0));
        // xorshift64*: no dependency, and the same sequence every run.
        self.jitter ^= self.jitter >> 12;
        self.jitter ^= self.jitter << 25;
        self.jitter ^= self.jitter >> 27;
        let r = self.jitter.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11;
        let spread = spread.min(mean);
        (mean - spread) + if spread == 0 { 0 } else { r % (2 * spread + 1) }
    }

    /// The sandbox clock: real time plus `clock_offset_s` (config, default 0), so a test can jump
    /// past a myInterview deadline or a PageUp token's lifetime without waiting.
    pub fn now(&self) -> i64 {
        now_secs() + self.config.get("clock_offset_s").and_then(Value::as_i64).unwrap_or(0)
    }

    pub fn config_u64(&self, key: &str, default: u64) -> u64 {
        self.config
            .get(key)
            .and_then(|v| v.as_u64().or_else(|| v.as_f64().map(|f| f.max(0.0) as u64)))
            .unwrap_or(default)
    }

    /// Takes one use of the first queued fault matching the request.
    pub fn take_fault(&mut self, host: &str, method: &str, path: &str, body: &[u8]) -> Option<Fault> {
        let idx = self.faults.iter().position(|f| f.matches(host, method, path, body))?;
        let f = &mut self.faults[idx];
        f.count = f.count.saturating_sub(1);
        let taken = f.clone();
        if f.count == 0 {
            self.faults.remove(idx);
        }
        Some(taken)
    }

    pub fn log_request(&mut self, req: &Request, host: &str, status: u16) {
        if self.log.len() >= MAX_LOG {
            self.log.remove(0);
        }
        self.log.push(LogEntry {
            host: host.into(),
            method: req.method.clone(),
            path: req.path.clone(),
            query: req.query.clone(),
            status,
            http: if req.h2 { "h2" } else { "http/1.1" },
        });
    }

    /// Counts a Spark Hire request for `key`; `Some(seconds)` when over the
    /// per-minute limit (fixed 60 s window from the window's first request).
    pub fn over_rate(&mut self, key: &str) -> Option<u64> {
        let limit = self.config_u64("sparkhire_rate_per_minute", 400);
        let now = Instant::now();
        let window = Duration::from_secs(60);
        let entry = self.rate.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= window {
            *entry = (now, 0);
        }
        if entry.1 >= limit {
            let left = window.saturating_sub(now.duration_since(entry.0));
            let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            return Some(secs.max(1));
        }
        entry.1 += 1;
        None
    }

    /// Counts a SmartRecruiters API request for `key` (any string, even
    /// empty) in a fixed one-second window from the window's first request.
    /// `Some(remaining)` when allowed; `None` when over `limit`.
    pub fn sr_rate_hit(&mut self, key: &str, limit: u64) -> Option<u64> {
        let now = Instant::now();
        let entry = self.sr_rate.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= Duration::from_secs(1) {
            *entry = (now, 0);
        }
        if entry.1 >= limit {
            return None;
        }
        entry.1 += 1;
        Some(limit - entry.1)
    }

    /// Everything held, for `GET /_sandbox/state`.
    pub fn snapshot(&self) -> Value {
        let d = &self.data;
        let mut interviews: Vec<&Interview> = d.interviews.iter().collect();
        interviews.sort_by_key(|i| i.seq);
        let interviews: Vec<Value> = interviews
            .into_iter()
            .map(|i| {
                let mut v = d.interview_json(i);
                v["received"] = i.received.clone();
                v
            })
            .collect();
        let share_links: Vec<Value> = d
            .share_links
            .iter()
            .map(|s| {
                let mut v = d.share_link_json(s);
                v["interview_uuid"] = json!(s.interview_uuid);
                v
            })
            .collect();
        let opportunities: Vec<Value> = d
            .lever
            .opportunities
            .iter()
            .map(|o| {
                let mut v = d.opportunity_json(o);
                v["stage_text"] = json!(d.stage_text(&o.stage));
                v
            })
            .collect();
        let postings: Vec<Value> = d
            .lever
            .postings
            .iter()
            .map(|p| {
                json!({
                    "id": p.id,
                    "text": p.text,
                    "location": p.location,
                    "description": p.description,
                    "opportunity_ids": p.opportunity_ids,
                    "url": format!("https://hire.lever.co/jobs/postings/{}", p.id),
                })
            })
            .collect();
        let users: Vec<Value> = d
            .users
            .iter()
            .map(|u| json!({"uuid": u.uuid, "name": u.name, "email": u.email, "api_key": u.api_key}))
            .collect();
        json!({
            "interviews": interviews,
            "share_links": share_links,
            "jobs": d.jobs.iter().map(|j| d.job_json(j)).collect::<Vec<_>>(),
            "question_sets": d.question_sets.iter().map(|q| d.question_set_json(q)).collect::<Vec<_>>(),
            "opportunities": opportunities,
            "postings": postings,
            "stages": d.lever.stages,
            "company": d.company,
            "users": users,
            "lever_keys": d.lever.api_keys,
            "ats": ats::snapshot(&d.ats),
            "hellohire": hellohire::snapshot(&d.hellohire),
            "myinterview": myinterview::snapshot(&d.myinterview, self.now()),
            "lever": crate::lever::snapshot(d),
            "spottabl": crate::spottabl::snapshot(&d.spottabl),
            "pageup": pageup_api::snapshot(&d.pageup, &d.ats.pageup, self.now()),
            "requests": self.log,
            "faults": self.faults,
            "config": self.config,
            "now": format_iso(now_secs()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_seed_loads() {
        let st = State::new(Seed::demo()).unwrap();
        assert_eq!(st.data.jobs.len(), 3);
        assert_eq!(st.data.interviews.len(), 1);
        let v = st.snapshot();
        assert_eq!(v["interviews"][0]["status"], "completed");
        assert_eq!(v["interviews"][0]["share_link"], Value::Null);
        assert_eq!(v["interviews"][0]["completed_at"], "2026-10-08T14:32:00+00:00");
    }

    #[test]
    fn seed_round_trips_through_json() {
        let text = serde_json::to_string(&Seed::demo()).unwrap();
        let back: Seed = serde_json::from_str(&text).unwrap();
        assert_eq!(back.lever.opportunities.len(), 30);
        assert_eq!(back.lever.postings.len(), 14);
    }

    #[test]
    fn fault_queue_counts_down() {
        let mut st = State::new(Seed::demo()).unwrap();
        let f: Fault = serde_json::from_value(json!({"host":"api.sparkhire.com","method":"post","path":"/v1.0/interviews","status":500,"count":2})).unwrap();
        st.faults.push_back(f);
        assert!(st.take_fault("api.sparkhire.com", "GET", "/v1.0/interviews", b"").is_none());
        assert!(st.take_fault("api.sparkhire.com", "POST", "/v1.0/interviews", b"").is_some());
        assert!(st.take_fault("api.sparkhire.com", "POST", "/v1.0/interviews", b"").is_some());
        assert!(st.take_fault("api.sparkhire.com", "POST", "/v1.0/interviews", b"").is_none());
    }

    #[test]
    fn a_fault_for_one_body_leaves_the_others_alone() {
        let mut st = State::new(Seed::demo()).unwrap();
        let f: Fault = serde_json::from_value(
            json!({"method":"POST","status":422,"count":5,"body_contains":"\"b@x.example\""}),
        )
        .unwrap();
        st.faults.push_back(f);
        let post = |st: &mut State, body: &str| {
            st.take_fault("api.sparkhire.com", "POST", "/v1.0/interviews", body.as_bytes())
        };
        assert!(post(&mut st, r#"{"email":"a@x.example"}"#).is_none());
        assert!(post(&mut st, r#"{"email":"b@x.example"}"#).is_some());
        assert!(post(&mut st, r#"{"email":"ab@x.example"}"#).is_none());
        assert!(post(&mut st, r#"{"email":"b@x.example"}"#).is_some(), "every time, up to its count");
    }
}
