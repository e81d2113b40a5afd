//! myInterview: the objects we read and the requests we make. What is public is the three
//! credentials and the two envelopes (../shared/design/API-NOTES.md, myInterview); the base URL,
//! the auth headers, every path and every body are **[model]**, following the sandbox's model
//! (sandbox/README.md), with the base URL a setting and the headers built in one function.
//!
//! Not yet in `provider::ALL`: the worker has no room for a second provider under its size
//! budget, and the panel's template-first flow (a myInterview job made from a template per ATS
//! job) is not built. Until then this module is exercised by its own tests and by
//! `tests/providers.rs` against the sandbox.

use serde::{Deserialize, Serialize};

use crate::error::{check, ApiError};
use crate::http::{encode_query_value, HttpReply, HttpRequest, Method};
use crate::settings::join;
use crate::vendor::{About, Host, Rules, Vendor};

#[cfg(feature = "worker")]
mod api;

pub const COMPANY_ID: &str = "company_id";
pub const ACCESS_KEY: &str = "access_key";
pub const SECRET: &str = "secret";

/// myInterview as the registry would know it.
pub const PROVIDER: super::Provider = super::Provider {
    vendor: VENDOR,
    credentials: &[
        super::CredentialField {
            name: COMPANY_ID,
            label: "myInterview company id",
            help: "myInterview: Settings > Integrations > API.",
            secret: false,
        },
        super::CredentialField {
            name: ACCESS_KEY,
            label: "myInterview access key",
            help: "myInterview: Settings > Integrations > API.",
            secret: true,
        },
        super::CredentialField {
            name: SECRET,
            label: "myInterview secret",
            help: "myInterview: Settings > Integrations > API.",
            secret: true,
        },
    ],
    capabilities: super::Capabilities {
        live: false,
        share_link: true,
        extend: true,
        cancel: true,
        remind: true,
        grade: true,
        score: true,
        // A myInterview job carries its questions: it is made from a template
        // (`create_job_from_template`), which the shared "create a linked job" path can't say yet.
        create_job: false,
    },
    // [model] Not public; kept well under what an API of this kind allows.
    per_minute: 120,
    template_noun: "template",
    #[cfg(feature = "worker")]
    api: &api::MyInterview,
};

pub const VENDOR: Vendor = Vendor(&About {
    id: "myinterview",
    label: "myInterview",
    api_hosts: &["https://api.myinterview.com/*"],
    granted_at_install: false,
    hosts: &[
        // [model] The base URL is not public.
        Host { name: "api", label: "myInterview API", default: "https://api.myinterview.com/api/v1" },
        // [model] Where the re-review links point.
        Host { name: "app", label: "myInterview app", default: "https://app.myinterview.com" },
    ],
    rules: Rules { retry_after_s: 60, ..Rules::COMMON },
});

/// The one place the credentials become headers [model]: their SDK builds them and the scheme
/// is not public, so a change is one function.
pub fn headers(company_id: &str, access_key: &str, secret: &str) -> Vec<(String, String)> {
    vec![
        ("x-company-id".into(), company_id.trim().into()),
        ("x-access-key".into(), access_key.trim().into()),
        ("x-secret".into(), secret.trim().into()),
        ("Accept".into(), "application/json".into()),
    ]
}

/// Who is asking: the three credentials.
#[derive(Debug, Clone, Copy)]
pub struct Creds<'a> {
    pub company_id: &'a str,
    pub access_key: &'a str,
    pub secret: &'a str,
}

pub fn request(base: &str, who: Creds, method: Method, path: &str, body: Option<String>) -> HttpRequest {
    let mut headers = headers(who.company_id, who.access_key, who.secret);
    if body.is_some() {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    HttpRequest { method, url: join(base, path), headers, body }
}

/// The success envelope [doc]: `{statusCode, errorCode, statusReason, callId, data?, time}`.
#[derive(Deserialize)]
struct Envelope<T> {
    #[serde(rename = "statusCode")]
    status_code: u16,
    data: Option<T>,
}

/// The error envelope [doc]: `errorMessage` is a sentence or a list of validation errors.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Refusal {
    #[serde(rename = "statusCode")]
    status_code: u16,
    #[serde(rename = "errorMessage")]
    error_message: Option<Said>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Said {
    Sentence(String),
    Fields(Vec<FieldError>),
}

/// [model] One validation error.
#[derive(Deserialize, Default)]
#[serde(default)]
struct FieldError {
    field: String,
    message: String,
}

impl Said {
    fn text(self) -> String {
        match self {
            Said::Sentence(s) => s,
            Said::Fields(list) => list
                .into_iter()
                .map(|f| if f.field.is_empty() { f.message } else { format!("{}: {}", f.field, f.message) })
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// Reads a reply's `data` as `T`. The body's `statusCode` and the HTTP status are read
/// together [doc]: an envelope that says it failed is a failure whatever the HTTP status.
pub fn parse<T: serde::de::DeserializeOwned>(reply: &HttpReply) -> Result<T, ApiError> {
    let refusal: Option<Refusal> = crate::json::from_str(&reply.body).ok();
    let said = refusal.as_ref().map_or(0, |r| r.status_code);
    let status = if said >= 400 { said } else { reply.status };
    if !(200..300).contains(&status) {
        let reason = refusal.and_then(|r| r.error_message).map(Said::text).filter(|t| !t.trim().is_empty());
        return Err(match (status, reason) {
            (401 | 403 | 404 | 429 | 500..=599, _) | (_, None) => {
                check(VENDOR, &HttpReply { status, ..reply.clone() })
                    .err()
                    .unwrap_or(ApiError::Garbled { vendor: VENDOR })
            }
            (status, Some(reason)) => {
                ApiError::Refused { vendor: VENDOR, status, reason: reason.chars().take(300).collect() }
            }
        });
    }
    let env: Envelope<T> =
        crate::json::from_str(&reply.body).map_err(|_| ApiError::Garbled { vendor: VENDOR })?;
    match (env.status_code, env.data) {
        (200..=299, Some(data)) => Ok(data),
        _ => Err(ApiError::Garbled { vendor: VENDOR }),
    }
}

/// `GET /company` [model]: proves the credentials.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Company {
    #[serde(rename = "companyId")]
    pub company_id: String,
    pub name: String,
}

/// [model] A list page.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: u32,
    #[serde(rename = "totalPages")]
    pub total_pages: u32,
}

/// A question template [model], its questions in the widget's documented shape, kept as they
/// come so a job made from it asks exactly them.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub questions: Vec<serde_json::Value>,
    #[serde(rename = "updatedAt")]
    pub updated_at: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Job {
    pub id: String,
    pub title: String,
    #[serde(rename = "templateId")]
    pub template_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq, Eq)]
#[serde(default)]
pub struct Candidate {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub name: String,
    pub email: String,
}

/// An invitation [model]: one candidate's interview for one job.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct Invitation {
    pub id: String,
    #[serde(rename = "jobId")]
    pub job_id: String,
    pub candidate: Option<Candidate>,
    pub status: String,
    pub deadline: Option<String>,
    #[serde(rename = "interviewLink")]
    pub interview_link: Option<String>,
    #[serde(rename = "completedAt")]
    pub completed_at: Option<String>,
    #[serde(rename = "shareLink")]
    pub share_link: Option<String>,
}

impl Invitation {
    /// Still counts as "invited" for its job: a second invite would reach the candidate twice.
    pub fn is_open(&self) -> bool {
        !matches!(self.status.as_str(), "Expired" | "Cancelled")
    }
}

/// `POST /invitations` with the candidate inline [model]: myInterview finds them by email or
/// adds them, so one call invites and a retry can't make a second candidate.
#[derive(Debug, Clone, Serialize)]
pub struct NewInvitation {
    pub candidate: Candidate,
    #[serde(rename = "jobId")]
    pub job_id: String,
    pub deadline: String,
    pub timezone: String,
    #[serde(rename = "sendEmail")]
    pub send_email: bool,
}

/// `GET /invitations/{id}/summary` [model; the words are the seed's]: "Completed" once graded,
/// `pass` the grade, `score` where the completion gave one, and the re-review link.
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(default)]
pub struct Summary {
    pub status: String,
    pub pass: Option<bool>,
    pub score: Option<f64>,
    #[serde(rename = "reviewUrl")]
    pub review_url: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Link {
    pub url: String,
}

/// The most a list page holds [model].
pub const PAGE: usize = 100;

pub fn company(base: &str, who: Creds) -> HttpRequest {
    request(base, who, Method::Get, "company", None)
}

pub fn templates(base: &str, who: Creds) -> HttpRequest {
    request(base, who, Method::Get, &format!("templates?pageSize={PAGE}"), None)
}

pub fn jobs(base: &str, who: Creds) -> HttpRequest {
    request(base, who, Method::Get, &format!("jobs?pageSize={PAGE}"), None)
}

/// One page of invitations (`page` from 0), for one job when given.
pub fn invitations(base: &str, who: Creds, job: Option<&str>, page: usize) -> HttpRequest {
    let mut path = format!("invitations?page={}&pageSize={PAGE}", page + 1);
    if let Some(job) = job {
        path.push_str("&jobId=");
        path.push_str(&encode_query_value(job));
    }
    request(base, who, Method::Get, &path, None)
}

pub fn invite(base: &str, who: Creds, body: &NewInvitation) -> HttpRequest {
    let json = crate::json::to_string(body).expect("plain struct serialises");
    request(base, who, Method::Post, "invitations", Some(json))
}

/// A call on one invitation (`extend`, `cancel`, `remind`, `shortlist`, `reject`,
/// `summary`, `share-link`); the id is escaped, as it comes from a list and could hold anything.
pub fn on_invitation(
    base: &str,
    who: Creds,
    method: Method,
    id: &str,
    what: &str,
    body: Option<String>,
) -> HttpRequest {
    request(base, who, method, &format!("invitations/{}/{what}", encode_query_value(id)), body)
}

/// A job asking a template's questions [model]: how the seed's "a myInterview job created from
/// the chosen template" is made.
pub fn create_job_from_template(base: &str, who: Creds, title: &str, template: &Template) -> HttpRequest {
    let body = serde_json::json!({
        "title": title.trim(),
        "questions": template.questions,
        "templateId": template.id,
    });
    request(base, who, Method::Post, "jobs", Some(body.to_string()))
}

#[cfg(test)]
mod tests;

#[cfg(all(test, feature = "worker", not(target_arch = "wasm32")))]
mod contract;
