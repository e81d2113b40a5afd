//! myInterview: the objects we read and the requests we make. What is public is the three
//! credentials and the two envelopes (../shared/design/API-NOTES.md, myInterview); the base URL,
//! the auth headers, every path and every body are **[model]**, following the sandbox's model
//! (sandbox/README.md), with the base URL a setting and the headers built in one function.
//!
//! Its jobs carry their questions (`Capabilities::job_from_template`): the panel makes one from
//! the chosen template for an ATS job the first time it invites for it, and reuses it after.

use serde::{Deserialize, Serialize};

use crate::error::{check, ApiError};
use crate::http::{encode_query_value, HttpReply, HttpRequest, Method};
use crate::node::Node;
use crate::settings::join;
use crate::vendor::{About, Host, Rules, Vendor};

#[cfg(feature = "worker")]
mod api;
mod shapes;

pub use shapes::*;

pub const COMPANY_ID: &str = "company_id";
pub const ACCESS_KEY: &str = "access_key";
pub const SECRET: &str = "secret";

/// myInterview as the registry would know it.
pub const PROVIDER: super::Provider = super::Provider {
    vendor: VENDOR,
    credentials: &[
        super::CredentialField {
            name: COMPANY_ID,
            label: crate::i18n::msg_key("f_mi_company"),
            help: crate::vendor::shown(crate::i18n::msg_key("h_mi")),
            secret: false,
            optional: false,
        },
        super::CredentialField {
            name: ACCESS_KEY,
            label: crate::i18n::msg_key("f_mi_access"),
            help: crate::vendor::shown(crate::i18n::msg_key("h_mi")),
            secret: true,
            optional: false,
        },
        super::CredentialField {
            name: SECRET,
            label: crate::i18n::msg_key("f_mi_secret"),
            help: crate::vendor::shown(crate::i18n::msg_key("h_mi")),
            secret: true,
            optional: false,
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
        create_job: true,
        job_from_template: true,
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
    // Asked for at install, like every provider the panel lists: Chrome asks existing users
    // once, on the update that adds it, rather than at the first save. An optional host can
    // only be granted from Chrome's own prompt, which no automated browser can answer, so
    // optional would leave the whole myInterview flow untested end to end.
    granted_at_install: true,
    hosts: &[
        // [model] The base URL is not public.
        Host {
            name: "api",
            label: crate::i18n::msg_key("host_api"),
            default: "https://api.myinterview.com/api/v1",
        },
        // [model] Where the re-review links point.
        Host { name: "app", label: crate::i18n::msg_key("host_app"), default: "https://app.myinterview.com" },
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
    data: Option<T>,
}

/// A reply that failed, read from the HTTP status and the body's `statusCode` together [doc]:
/// an envelope that says it failed is a failure whatever the HTTP status. The error envelope
/// [doc] explains itself in `errorMessage`, a sentence or a list of validation errors.
fn refusal(reply: &HttpReply, body: Option<&Node>) -> Option<ApiError> {
    let said = body.and_then(|b| b.get("statusCode").number()).unwrap_or(0.0) as u16;
    let status = if said >= 400 { said } else { reply.status };
    if (200..300).contains(&status) {
        return None;
    }
    let reason = body.map(|b| sentence(&b.get("errorMessage"))).filter(|t| !t.trim().is_empty());
    Some(match (status, reason) {
        (401 | 403 | 404 | 429 | 500..=599, _) | (_, None) => {
            check(VENDOR, &HttpReply { status, ..reply.clone() })
                .err()
                .unwrap_or(ApiError::Garbled { vendor: VENDOR })
        }
        (status, Some(reason)) => {
            ApiError::Refused { vendor: VENDOR, status, reason: reason.chars().take(300).collect() }
        }
    })
}

/// `errorMessage` as one sentence: a list of `{field, message}` [model] joined.
fn sentence(said: &Node) -> String {
    if let Some(text) = said.text() {
        return text;
    }
    let parts = said.items().unwrap_or_default();
    let part = |f: &Node| match (f.str("field").filter(|f| !f.is_empty()), f.str("message")) {
        (Some(field), Some(m)) => format!("{field}: {m}"),
        (_, m) => m.unwrap_or_default(),
    };
    // A plain loop: `join` would bring the worker a generic joiner for this one list.
    let mut all = String::new();
    for p in &parts {
        if !all.is_empty() {
            all.push_str("; ");
        }
        all.push_str(&part(p));
    }
    all
}

/// A reply's `data`, or the refusal it is: read field by field (`Node`), which the worker
/// carries once rather than a deserialiser per shape.
pub fn data(reply: &HttpReply) -> Result<Node, ApiError> {
    let body = Node::parse(&reply.body);
    if let Some(e) = refusal(reply, body.as_ref()) {
        return Err(e);
    }
    let data = body.map(|b| b.get("data")).filter(|d| d.is_object() || d.items().is_some());
    data.ok_or(ApiError::Garbled { vendor: VENDOR })
}

/// Reads a reply's `data` as `T`, or the refusal it is.
pub fn parse<T: serde::de::DeserializeOwned>(reply: &HttpReply) -> Result<T, ApiError> {
    data(reply)?;
    let env: Envelope<T> =
        crate::json::from_str(&reply.body).map_err(|_| ApiError::Garbled { vendor: VENDOR })?;
    env.data.ok_or(ApiError::Garbled { vendor: VENDOR })
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
    let json = crate::json::to_string(body).unwrap_or_default();
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
/// the chosen template" is made. `questions` is the template's list as JSON, passed on as
/// myInterview gave it, so no question's settings are lost on the way.
pub fn create_job_from_template(
    base: &str,
    who: Creds,
    title: &str,
    template_id: &str,
    questions: &str,
) -> HttpRequest {
    let text = |s: &str| crate::json::to_string(&s).unwrap_or_default();
    let json = format!(
        r#"{{"title":{},"questions":{questions},"templateId":{}}}"#,
        text(title.trim()),
        text(template_id)
    );
    request(base, who, Method::Post, "jobs", Some(json))
}

/// `{"deadline": …}`, the body of an extension [model].
pub fn deadline_body(deadline: &str) -> String {
    #[derive(Serialize)]
    struct Deadline<'a> {
        deadline: &'a str,
    }
    crate::json::to_string(&Deadline { deadline }).unwrap_or_default()
}

#[cfg(test)]
mod tests;

#[cfg(all(test, feature = "worker", not(target_arch = "wasm32")))]
mod contract;
