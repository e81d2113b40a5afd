//! Acme Interviews, a provider that exists only in tests. It is everything adding a provider
//! takes: a `Vendor` (hosts and house rules), a `Provider` declaration and an `Api`. Its
//! shapes differ from Spark Hire's on purpose (two credential fields, a bearer header, answers
//! wrapped in `data`), so the shared machinery is shown to assume nothing of one vendor.

use serde::{Deserialize, Serialize};

use super::{Api, Capabilities, Conn, CredentialField, Grade, Interview, Me, NewInvite, NewJob, Provider};
use crate::deadline::iso8601_utc;
use crate::error::{check, ApiError};
use crate::http::{encode_query_value, HttpReply, HttpRequest, Method};
use crate::message::{Choice, InterviewKind, InterviewRow};
use crate::settings::join;
use crate::vendor::{About, Host, Rules, Vendor};

pub const FAKE: Provider = Provider {
    vendor: VENDOR,
    credentials: &[
        CredentialField {
            name: "company_id",
            label: "Company id",
            help: "Acme: Settings > API.",
            secret: false,
            optional: false,
        },
        CredentialField {
            name: "secret",
            label: "Secret",
            help: "Acme: Settings > API.",
            secret: true,
            optional: false,
        },
    ],
    capabilities: Capabilities {
        share_link: false,
        create_job: true,
        extend: true,
        cancel: true,
        remind: true,
        grade: true,
        ..NONE
    },
    per_minute: 60,
    template_noun: "template",
    #[cfg(feature = "worker")]
    api: &Acme,
};

const NONE: Capabilities = Capabilities {
    live: false,
    share_link: false,
    extend: false,
    cancel: false,
    remind: false,
    grade: false,
    score: false,
    create_job: false,
    job_from_template: false,
};

pub const VENDOR: Vendor = Vendor(&About {
    id: "acme",
    label: "Acme Interviews",
    api_hosts: &["https://api.acme.example/*"],
    granted_at_install: false,
    hosts: &[Host { name: "api", label: "Acme API", default: "https://api.acme.example/v2" }],
    rules: Rules { retry_after_s: 30, ..Rules::COMMON },
});

pub struct Acme;

fn request(c: &Conn, method: Method, path: &str, body: Option<String>) -> HttpRequest {
    let token = format!("Bearer {}:{}", c.credential("company_id"), c.credential("secret"));
    HttpRequest {
        method,
        url: join(&c.host(VENDOR, "api"), path),
        headers: vec![("Authorization".into(), token)],
        body,
    }
}

#[derive(Deserialize)]
struct Data<T> {
    data: T,
}

fn read<T: serde::de::DeserializeOwned>(r: &HttpReply) -> Result<T, ApiError> {
    check(VENDOR, r)?;
    serde_json::from_str::<Data<T>>(&r.body).map(|d| d.data).map_err(|_| ApiError::Garbled { vendor: VENDOR })
}

#[derive(Serialize, Deserialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Serialize, Deserialize)]
pub struct AcmeInterview {
    pub id: String,
    pub position: String,
    pub email: String,
    pub state: String,
}

fn shared(i: AcmeInterview) -> Interview {
    Interview {
        row: InterviewRow {
            uuid: i.id.clone(),
            kind: InterviewKind::OneWay,
            job_title: i.position.clone(),
            status: i.state.clone(),
            status_label: i.state.clone(),
            scheduled_at: None,
            completed_at: None,
            share_url: None,
            app_url: format!("https://app.acme.example/i/{}", i.id),
            join_url: None,
            invite_url: None,
            score: None,
            waiting: i.state == "invited",
            expired: false,
            to_review: false,
            pass: None,
        },
        job_id: Some(i.position),
        email: Some(i.email),
        open: i.state != "withdrawn",
    }
}

/// The calls that change an interview go under its own address; the id is escaped, as it comes
/// from the vendor's list and could hold anything.
fn interview(c: &Conn, method: Method, id: &str, what: &str, body: Option<serde_json::Value>) -> HttpRequest {
    let path = format!("interviews/{}/{what}", encode_query_value(id));
    request(c, method, &path, body.map(|b| b.to_string()))
}

fn choices(list: Vec<Named>) -> Vec<Choice> {
    list.into_iter().map(|n| Choice { uuid: n.id, label: n.name }).collect()
}

impl Api for Acme {
    fn who_am_i(&self, c: &Conn) -> HttpRequest {
        request(c, Method::Get, "whoami", None)
    }
    fn read_me(&self, r: &HttpReply) -> Result<Me, ApiError> {
        let me: Named = read(r)?;
        Ok(Me { name: me.name, email: me.id })
    }
    fn jobs(&self, c: &Conn) -> HttpRequest {
        request(c, Method::Get, "positions", None)
    }
    fn read_jobs(&self, r: &HttpReply) -> Result<Vec<Choice>, ApiError> {
        read(r).map(choices)
    }
    fn templates(&self, c: &Conn) -> HttpRequest {
        request(c, Method::Get, "templates", None)
    }
    fn read_templates(&self, r: &HttpReply) -> Result<Vec<Choice>, ApiError> {
        read(r).map(choices)
    }
    fn interviews(&self, c: &Conn, job: Option<&str>, _page: usize) -> HttpRequest {
        let query = job.map(|j| format!("?position={}", encode_query_value(j))).unwrap_or_default();
        request(c, Method::Get, &format!("interviews{query}"), None)
    }
    fn read_interviews(&self, _: &Conn, r: &HttpReply) -> Result<Vec<Interview>, ApiError> {
        read::<Vec<AcmeInterview>>(r).map(|l| l.into_iter().map(shared).collect())
    }
    fn invite(&self, c: &Conn, i: &NewInvite) -> HttpRequest {
        let body = serde_json::json!({"position": i.job_id, "template": i.template_id, "email": i.email.trim(), "name": i.name.trim()});
        request(c, Method::Post, "interviews", Some(body.to_string()))
    }
    fn read_invited(&self, _: &Conn, r: &HttpReply) -> Result<Interview, ApiError> {
        read(r).map(shared)
    }
    fn share_link(&self, _: &Conn, _: &str) -> Option<HttpRequest> {
        None
    }
    fn read_share_link(&self, _: &HttpReply) -> Result<String, ApiError> {
        Err(ApiError::Garbled { vendor: VENDOR })
    }
    fn create_job(
        &self,
        c: &Conn,
        job: &NewJob,
        _: Option<&HttpReply>,
    ) -> Option<Result<HttpRequest, ApiError>> {
        let body = serde_json::json!({"name": job.title});
        Some(Ok(request(c, Method::Post, "positions", Some(body.to_string()))))
    }
    fn read_job(&self, r: &HttpReply) -> Result<Choice, ApiError> {
        read(r).map(|n: Named| Choice { uuid: n.id, label: n.name })
    }
    // Its changes are answered with the interview and its reminders with an empty 202, so the
    // trait's readers serve as they are.
    fn extend(&self, c: &Conn, id: &str, deadline_ms: i64, timezone: &str) -> Option<HttpRequest> {
        let body = serde_json::json!({"deadline": iso8601_utc(deadline_ms), "timezone": timezone});
        Some(interview(c, Method::Put, id, "deadline", Some(body)))
    }
    fn cancel(&self, c: &Conn, id: &str) -> Option<HttpRequest> {
        Some(interview(c, Method::Put, id, "state", Some(serde_json::json!({"state": "withdrawn"}))))
    }
    fn remind(&self, c: &Conn, id: &str) -> Option<HttpRequest> {
        Some(interview(c, Method::Post, id, "reminders", None))
    }
    fn grade(&self, c: &Conn, id: &str, grade: Grade) -> Option<HttpRequest> {
        let grade = match grade {
            Grade::Shortlist => "shortlist",
            Grade::Reject => "reject",
        };
        Some(interview(c, Method::Put, id, "grade", Some(serde_json::json!({ "grade": grade }))))
    }
}
