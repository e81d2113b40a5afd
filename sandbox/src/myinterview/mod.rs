//! `api.myinterview.com`: a myInterview API **[model]**.
//!
//! What is public (API-NOTES: myInterview) is the three credential names (`companyId`,
//! `accessKey`, `secret`), the success and error envelopes, the question object of their widget,
//! and the product's behaviour (templates, per-invitation deadlines that can be extended,
//! reminders, Shortlisted / Rejected columns). Everything else here is OUR MODEL: the base path
//! `/api/v1`, the header names, every path and body, the status names on the wire, the links.
//! The extension keeps each of those behind a setting or in one function, as the sandbox keeps
//! the header names in [`credentials`].

mod api;
mod invitations;
use crate::validate;

pub use api::api;
pub use invitations::control;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::http::{self, Request, Response};
use crate::util::{format_iso, parse_iso, uuid_v4};

pub const HOST: &str = "api.myinterview.com";

/// The seed's `"myinterview"`: companies, each with its credentials and question templates.
/// Left out, the built-in demo's.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeedMyInterview {
    #[serde(default)]
    pub companies: Vec<MiCompany>,
}

impl Default for SeedMyInterview {
    fn default() -> Self {
        SeedMyInterview::demo()
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MiCompany {
    pub company_id: String,
    pub access_key: String,
    pub secret: String,
    pub name: String,
    #[serde(default)]
    pub templates: Vec<MiTemplate>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MiTemplate {
    pub id: String,
    pub name: String,
    /// ISO 8601: when the template was last changed in myInterview ("Last synced" compares to it).
    pub updated_at: String,
    /// Question objects in the widget's documented shape.
    pub questions: Vec<Value>,
}

/// The demo credentials (also printed by `sandbox` at start).
pub const DEMO_COMPANY: &str = "mi_demo_co";
pub const DEMO_ACCESS_KEY: &str = "mi_demo_access_3Hn";
pub const DEMO_SECRET: &str = "mi_demo_secret_8Rt";

fn q(question: &str, description: &str, duration: u32, thinking: u32) -> Value {
    json!({
        "question": question, "description": description, "attempts": 2, "duration": duration,
        "thinkingTime": thinking, "videoQuestion": false, "answerType": "video",
    })
}

impl SeedMyInterview {
    pub fn demo() -> SeedMyInterview {
        let t = |id: &str, name: &str, at: &str, questions: Vec<Value>| MiTemplate {
            id: id.into(),
            name: name.into(),
            updated_at: at.into(),
            questions,
        };
        SeedMyInterview {
            companies: vec![MiCompany {
                company_id: DEMO_COMPANY.into(),
                access_key: DEMO_ACCESS_KEY.into(),
                secret: DEMO_SECRET.into(),
                name: "Acme Health".into(),
                templates: vec![
                    t(
                        "6d1e0001-7a2b-4c3d-9e4f-000000000001",
                        "Registered nurse – first interview",
                        "2026-09-14T10:00:00+00:00",
                        vec![
                            q("Tell us about yourself.", "Two minutes on your nursing career.", 120, 30),
                            q("Describe a difficult shift in ICU.", "What happened & what you did.", 180, 60),
                            q("Why this hospital?", "", 90, 30),
                        ],
                    ),
                    t(
                        "6d1e0002-7a2b-4c3d-9e4f-000000000002",
                        "Clinical educator screen",
                        "2026-09-20T08:30:00+00:00",
                        vec![
                            q("How do you teach a new procedure?", "", 180, 60),
                            q("Tell us about feedback you gave.", "Be specific.", 120, 30),
                        ],
                    ),
                    t(
                        "6d1e0003-7a2b-4c3d-9e4f-000000000003",
                        "Culture and motivation",
                        "2026-10-01T15:45:00+00:00",
                        vec![q("What motivates you at work?", "", 90, 30)],
                    ),
                ],
            }],
        }
    }

    /// Company ids unique and non-empty; template ids unique; template questions well-formed.
    pub fn check(&self) -> Result<(), String> {
        let mut ids = std::collections::HashSet::new();
        for c in &self.companies {
            if c.company_id.is_empty() || !ids.insert(c.company_id.as_str()) {
                return Err(format!("seed: myinterview: company id {:?} empty or repeated", c.company_id));
            }
            let mut tids = std::collections::HashSet::new();
            for t in &c.templates {
                if t.id.is_empty() || !tids.insert(t.id.as_str()) {
                    return Err(format!("seed: myinterview: template id {:?} empty or repeated", t.id));
                }
                if parse_iso(&t.updated_at).is_none() {
                    return Err(format!("seed: myinterview: template {}: bad updated_at", t.id));
                }
                let errors = validate::questions("questions", &Value::Array(t.questions.clone()));
                if !errors.is_empty() {
                    return Err(format!("seed: myinterview: template {}: {}", t.id, json!(errors)));
                }
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Runtime data

#[derive(Clone, Debug)]
pub struct MiJob {
    pub id: String,
    pub company_id: String,
    pub title: String,
    pub description: String,
    pub template_id: Option<String>,
    pub questions: Value,
    pub created_at: i64,
    pub received: Value,
}

#[derive(Clone, Debug)]
pub struct MiCandidate {
    pub id: String,
    pub company_id: String,
    pub name: String,
    pub email: String,
    pub created_at: i64,
    pub received: Value,
}

/// A stored status. `Expired` is never stored: an open invitation past its deadline reads as
/// Expired (against the sandbox clock), and an extended one reads as open again.
pub const INVITED: &str = "Invited";
pub const STARTED: &str = "Started";
pub const READY: &str = "Ready for Review";
pub const SHORTLISTED: &str = "Shortlisted";
pub const REJECTED: &str = "Rejected";
pub const EXPIRED: &str = "Expired";
pub const CANCELLED: &str = "Cancelled";

#[derive(Clone, Debug)]
pub struct MiInvitation {
    pub id: String,
    pub company_id: String,
    pub candidate_id: String,
    pub job_id: String,
    pub status: &'static str,
    pub deadline: i64,
    pub timezone: Option<String>,
    pub send_email: bool,
    pub reminders: u32,
    pub last_reminder_at: Option<i64>,
    /// Every deadline it had, the first one included.
    pub deadlines: Vec<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub started_at: Option<i64>,
    pub completed_at: Option<i64>,
    pub cancelled_at: Option<i64>,
    pub score: Option<f64>,
    /// Every shortlist / reject call, in order: `{action, rating, comment, at}`.
    pub reviews: Vec<Value>,
    pub share_token: Option<String>,
    pub received: Value,
    pub seq: u64,
}

impl MiInvitation {
    pub fn is_open(&self) -> bool {
        self.status == INVITED || self.status == STARTED
    }

    pub fn status_at(&self, now: i64) -> &'static str {
        if self.is_open() && self.deadline <= now {
            EXPIRED
        } else {
            self.status
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct MiData {
    pub companies: Vec<MiCompany>,
    pub jobs: Vec<MiJob>,
    pub candidates: Vec<MiCandidate>,
    pub invitations: Vec<MiInvitation>,
    pub next_seq: u64,
}

impl MiData {
    pub fn from_seed(seed: &SeedMyInterview) -> Result<MiData, String> {
        seed.check()?;
        Ok(MiData { companies: seed.companies.clone(), ..MiData::default() })
    }

    pub fn template(&self, company: &str, id: &str) -> Option<&MiTemplate> {
        self.companies.iter().find(|c| c.company_id == company)?.templates.iter().find(|t| t.id == id)
    }

    pub fn job(&self, company: &str, id: &str) -> Option<&MiJob> {
        self.jobs.iter().find(|j| j.company_id == company && j.id == id)
    }

    pub fn candidate(&self, company: &str, id: &str) -> Option<&MiCandidate> {
        self.candidates.iter().find(|c| c.company_id == company && c.id == id)
    }

    pub fn invitation_index(&self, company: &str, id: &str) -> Option<usize> {
        self.invitations.iter().position(|i| i.company_id == company && i.id == id)
    }

    /// The company's candidate with this email (trimmed, any letter case).
    pub fn candidate_by_email(&self, company: &str, email: &str) -> Option<&MiCandidate> {
        let email = email.trim();
        self.candidates.iter().find(|c| c.company_id == company && c.email.eq_ignore_ascii_case(email))
    }

    /// [model] One candidate per email in a company: the existing one (`false`), unchanged, or a
    /// new one with this name (`true`). `POST /candidates` and an invitation with an inline
    /// `candidate` both come here, so they cannot disagree.
    pub fn find_or_create_candidate(
        &mut self,
        company: &str,
        name: &str,
        email: &str,
        received: Value,
        now: i64,
    ) -> (&MiCandidate, bool) {
        if let Some(i) = self
            .candidates
            .iter()
            .position(|c| c.company_id == company && c.email.eq_ignore_ascii_case(email.trim()))
        {
            return (&self.candidates[i], false);
        }
        self.candidates.push(MiCandidate {
            id: uuid_v4(),
            company_id: company.to_string(),
            name: name.trim().to_string(),
            email: email.trim().to_string(),
            created_at: now,
            received,
        });
        (self.candidates.last().expect("just pushed"), true)
    }

    /// The invitation at `idx` as the API returns it, with its candidate embedded.
    pub fn invitation_json(&self, idx: usize, now: i64) -> Value {
        let i = &self.invitations[idx];
        invitation_json(i, self.candidate(&i.company_id, &i.candidate_id), now)
    }
}

// --- JSON ------------------------------------------------------------------

pub fn template_json(t: &MiTemplate) -> Value {
    json!({"id": t.id, "name": t.name, "questions": t.questions, "updatedAt": t.updated_at})
}

pub fn job_json(j: &MiJob) -> Value {
    json!({
        "id": j.id, "title": j.title, "description": j.description, "templateId": j.template_id,
        "questions": j.questions, "status": "open", "createdAt": format_iso(j.created_at),
    })
}

pub fn candidate_json(c: &MiCandidate) -> Value {
    json!({"id": c.id, "name": c.name, "email": c.email, "createdAt": format_iso(c.created_at)})
}

/// [model] Hosts the links point at; the sandbox does not serve them.
pub fn interview_link(i: &MiInvitation) -> String {
    format!("https://candidate.myinterview.com/interview/{}", i.id)
}

pub fn review_link(i: &MiInvitation) -> String {
    format!("https://app.myinterview.com/company/jobs/{}/candidates/{}", i.job_id, i.id)
}

pub fn share_link(token: &str) -> String {
    format!("https://app.myinterview.com/share/{token}")
}

/// The kanban column a card sits in [model names, after their help centre's examples].
fn column(status: &str) -> &'static str {
    match status {
        SHORTLISTED => "Shortlisted",
        REJECTED => "Rejected",
        _ => "Applied",
    }
}

/// An invitation as the API returns it. [model] `candidate {id, name, email}` is embedded beside
/// `candidateId`, so a list of invitations names its candidates without a request per row.
pub fn invitation_json(i: &MiInvitation, candidate: Option<&MiCandidate>, now: i64) -> Value {
    let iso = |t: Option<i64>| t.map(format_iso);
    json!({
        "id": i.id,
        "candidateId": i.candidate_id,
        "candidate": candidate.map(|c| json!({"id": c.id, "name": c.name, "email": c.email})),
        "jobId": i.job_id,
        "status": i.status_at(now),
        "column": column(i.status),
        "deadline": format_iso(i.deadline),
        "timezone": i.timezone,
        "sendEmail": i.send_email,
        "interviewLink": interview_link(i),
        "reminders": {"count": i.reminders, "lastSentAt": iso(i.last_reminder_at)},
        "createdAt": format_iso(i.created_at),
        "updatedAt": format_iso(i.updated_at),
        "startedAt": iso(i.started_at),
        "completedAt": iso(i.completed_at),
        "cancelledAt": iso(i.cancelled_at),
        "shareLink": i.share_token.as_deref().map(share_link),
    })
}

/// The `"myinterview"` object of `/_sandbox/state`: everything, with the raw bodies received.
pub fn snapshot(d: &MiData, now: i64) -> Value {
    let companies: Vec<Value> = d
        .companies
        .iter()
        .map(|c| {
            json!({
                "company_id": c.company_id, "access_key": c.access_key, "secret": c.secret, "name": c.name,
                "templates": c.templates.iter().map(template_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let jobs: Vec<Value> = d
        .jobs
        .iter()
        .map(|j| {
            let mut v = job_json(j);
            v["companyId"] = json!(j.company_id);
            v["received"] = j.received.clone();
            v
        })
        .collect();
    let candidates: Vec<Value> = d
        .candidates
        .iter()
        .map(|c| {
            let mut v = candidate_json(c);
            v["companyId"] = json!(c.company_id);
            v["received"] = c.received.clone();
            v
        })
        .collect();
    let invitations: Vec<Value> = d
        .invitations
        .iter()
        .enumerate()
        .map(|(idx, i)| {
            let mut v = d.invitation_json(idx, now);
            v["companyId"] = json!(i.company_id);
            v["deadlines"] = json!(i.deadlines.iter().map(|t| format_iso(*t)).collect::<Vec<_>>());
            v["score"] = json!(i.score);
            v["reviews"] = json!(i.reviews);
            v["reviewUrl"] = json!(review_link(i));
            v["received"] = i.received.clone();
            v
        })
        .collect();
    json!({
        "host": HOST,
        "companies": companies,
        "jobs": jobs,
        "candidates": candidates,
        "invitations": invitations,
        "now": format_iso(now),
    })
}

// --- Envelopes and credentials ----------------------------------------------------

/// [model] `errorCode`: 0 on success, ten times the status on an error (4220 for a 422).
fn error_code(status: u16) -> u32 {
    if status < 400 {
        0
    } else {
        u32::from(status) * 10
    }
}

/// The documented success envelope; the HTTP status is the body's `statusCode`.
pub fn ok(status: u16, data: Option<Value>, now: i64) -> Response {
    let mut v = json!({
        "statusCode": status, "errorCode": 0, "statusReason": http::reason(status),
        "callId": uuid_v4(), "time": format_iso(now),
    });
    if let Some(d) = data {
        v["data"] = d;
    }
    Response::json(status, &v)
}

/// The documented error envelope. `message` is a string or a list of validation errors
/// (`{field, message}` [model]).
pub fn error_body(status: u16, message: Value, details: Option<Value>, now: i64) -> Value {
    let mut v = json!({
        "errorMessage": message, "statusCode": status, "errorCode": error_code(status),
        "statusReason": http::reason(status), "callId": uuid_v4(), "time": format_iso(now),
    });
    if let Some(d) = details {
        v["errorDetails"] = d;
    }
    v
}

pub fn err(status: u16, message: &str, now: i64) -> Response {
    Response::json(status, &error_body(status, json!(message), None, now))
}

pub fn err_with(status: u16, message: &str, details: Value, now: i64) -> Response {
    Response::json(status, &error_body(status, json!(message), Some(details), now))
}

pub fn invalid(errors: Vec<Value>, now: i64) -> Response {
    Response::json(422, &error_body(422, Value::Array(errors), None, now))
}

/// `(companyId, accessKey, secret)` from the request. [model] The header names: myInterview's
/// SDK builds its headers in `populateHeaders` and the scheme is not public, so this is the one
/// place that knows them (as the extension's header builder is one function).
pub fn credentials(req: &Request) -> Option<(String, String, String)> {
    let h = |name: &str| req.header(name).map(str::trim).filter(|v| !v.is_empty()).map(String::from);
    Some((h("x-company-id")?, h("x-access-key")?, h("x-secret")?))
}
