//! Spottabl [model, all of it]: Spottabl publishes no API (API-NOTES: Spottabl), so the agency
//! workflow (issue 13) runs against a modelled one whose address is a setting, and says so.
//! The model: `Authorization: Bearer <key>`, base `/v1`; one resource is `{data: {...}}`, a
//! list `{data: [...], hasMore, nextCursor}`; errors `{error: {code, message, existingId?}}`.
//! This file is the one Spottabl client: requests built and replies read, sans-IO.

pub mod comments;
pub mod here;
pub mod import;
pub mod partners;
pub mod stages;

use crate::error::{check, ApiError};
use crate::http::{HttpReply, HttpRequest, Method};
use crate::node::Node;
use crate::settings::join;
use crate::vendor::{About, CredentialField, Host, Rules, Vendor};

/// What one run did, in the recruiter's words: its clauses in one sentence, then the sentence
/// naming what it couldn't do, if anything.
pub(crate) fn run_said(parts: Vec<String>, failed: Option<String>) -> String {
    let done =
        if parts.is_empty() { String::new() } else { crate::i18n::msgf("sp_clauses", &[&parts.join("; ")]) };
    match failed {
        Some(f) => crate::i18n::msgf("two_sentences", &[&done, &f]).trim().to_string(),
        None => done,
    }
}

pub const VENDOR: Vendor = Vendor(&About {
    id: "spottabl",
    label: "Spottabl",
    api_hosts: &["https://api.spottabl.com/*"],
    // Asked for at install, as myInterview's: an optional host can only be granted from
    // Chrome's own prompt, which no automated browser can answer.
    granted_at_install: true,
    hosts: &[
        Host {
            name: "api",
            label: crate::i18n::msg_key("host_sp_api"),
            default: "https://api.spottabl.com/v1",
        },
        Host { name: "app", label: crate::i18n::msg_key("host_sp_app"), default: "https://app.spottabl.com" },
    ],
    rules: Rules::COMMON,
});

pub const CREDENTIALS: &[CredentialField] = &[CredentialField {
    name: crate::store::records::API_KEY,
    label: crate::i18n::msg_key("f_sp_key"),
    help: crate::vendor::shown(crate::i18n::msg_key("h_sp_key")),
    secret: true,
    optional: false,
}];

/// Where Spottabl's requests go and with which key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpConn {
    pub base: String,
    pub key: String,
}

fn request(c: &SpConn, method: Method, path: &str, body: Option<String>) -> HttpRequest {
    let mut headers = vec![
        ("Authorization".into(), format!("Bearer {}", c.key.trim())),
        ("Accept".into(), "application/json".into()),
    ];
    if body.is_some() {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    HttpRequest { method, url: join(&c.base, path), headers, body }
}

/// `GET /me` → `{data: {orgId, orgName}}`: proves the key, and names the organisation.
pub fn me(c: &SpConn) -> HttpRequest {
    request(c, Method::Get, "me", None)
}

fn data(r: &HttpReply) -> Result<Node, ApiError> {
    check(VENDOR, r)?;
    let d = Node::parse(&r.body).map(|n| n.get("data"));
    d.filter(Node::is_object).ok_or(ApiError::Garbled { vendor: VENDOR })
}

pub fn read_me(r: &HttpReply) -> Result<String, ApiError> {
    data(r)?.str("orgName").filter(|n| !n.trim().is_empty()).ok_or(ApiError::Garbled { vendor: VENDOR })
}

/// A job for Spottabl made from an ATS posting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob<'a> {
    pub source_id: &'a str,
    pub title: &'a str,
    pub location: &'a str,
    pub description: &'a str,
}

/// `POST /jobs {source: "lever", sourceId, title, location?, description?}`: a draft job; the
/// same posting again is 409 `job_exists` naming the job made before.
pub fn create_job(c: &SpConn, j: &NewJob) -> HttpRequest {
    let text = |s: &str| crate::json::to_string(&s.trim()).unwrap_or_default();
    let mut body =
        format!("{{\"source\":\"lever\",\"sourceId\":{},\"title\":{}", text(j.source_id), text(j.title));
    for (name, value) in [("location", j.location), ("description", j.description)] {
        if !value.trim().is_empty() {
            body += &format!(",\"{name}\":{}", text(value));
        }
    }
    body.push('}');
    request(c, Method::Post, "jobs", Some(body))
}

/// A job created, or the one made from this posting before: its id either way, and whether it
/// is new.
pub fn read_created_job(r: &HttpReply) -> Result<(String, bool), ApiError> {
    if let Some(e) = Node::parse(&r.body).map(|n| n.get("error")).filter(|_| r.status == 409) {
        if e.str("code").as_deref() == Some("job_exists") {
            return e.id("existingId").map(|id| (id, false)).ok_or(ApiError::Garbled { vendor: VENDOR });
        }
    }
    data(r)?.str("id").map(|id| (id, true)).ok_or(ApiError::Garbled { vendor: VENDOR })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> SpConn {
        SpConn { base: "https://api.spottabl.com/v1".into(), key: "sp".into() }
    }

    fn reply(status: u16, body: &str) -> HttpReply {
        HttpReply { status, retry_after: None, body: body.into() }
    }

    #[test]
    fn the_key_is_checked_with_me() {
        let r = me(&conn());
        assert_eq!(
            (r.url.as_str(), r.header("Authorization")),
            ("https://api.spottabl.com/v1/me", Some("Bearer sp"))
        );
        assert_eq!(
            read_me(&reply(200, r#"{"data":{"orgId":"o","orgName":"Acme Robotics"}}"#)),
            Ok("Acme Robotics".into())
        );
        assert!(matches!(
            read_me(&reply(401, r#"{"error":{"code":"unauthorized"}}"#)),
            Err(ApiError::KeyRejected { .. })
        ));
        assert!(matches!(read_me(&reply(200, "<html>")), Err(ApiError::Garbled { .. })));
    }

    #[test]
    fn a_job_is_made_once_per_posting() {
        let j = NewJob { source_id: "p1", title: "Data “Engineer”", location: "Remote", description: "" };
        let r = create_job(&conn(), &j);
        assert_eq!(
            r.body.as_deref(),
            Some(r#"{"source":"lever","sourceId":"p1","title":"Data “Engineer”","location":"Remote"}"#)
        );
        assert_eq!(
            read_created_job(&reply(201, r#"{"data":{"id":"job_1","status":"draft"}}"#)),
            Ok(("job_1".into(), true))
        );
        let again = r#"{"error":{"code":"job_exists","message":"A job was already imported from this posting","existingId":"job_1"}}"#;
        assert_eq!(read_created_job(&reply(409, again)), Ok(("job_1".into(), false)));
        let other = r#"{"error":{"code":"conflict","message":"Try later"}}"#;
        assert!(matches!(read_created_job(&reply(409, other)), Err(ApiError::Refused { status: 409, .. })));
    }
}
