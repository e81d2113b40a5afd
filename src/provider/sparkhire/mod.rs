//! Spark Hire classic API v1.0: the objects we read and the requests we make. Field names are
//! Spark Hire's own (see ../shared/design/API-NOTES.md for the source of each).

use serde::{Deserialize, Serialize};

use crate::http::{basic_auth, encode_query_value, HttpRequest, Method};
use crate::settings::join;

#[cfg(feature = "worker")]
mod api;

use crate::vendor::{About, Host, Rules, Vendor};

/// Spark Hire as the registry (`provider::ALL`) knows it.
pub const PROVIDER: super::Provider = super::Provider {
    vendor: VENDOR,
    credentials: &[super::CredentialField {
        name: crate::store::records::API_KEY,
        label: crate::i18n::msg_key("f_sh_key"),
        help: crate::vendor::shown(crate::i18n::msg_key("h_sh_key")),
        secret: true,
        optional: false,
    }],
    capabilities: super::Capabilities {
        live: true,
        share_link: true,
        extend: false,
        cancel: false,
        remind: false,
        grade: false,
        score: false,
        create_job: true,
        job_from_template: false,
    },
    // 400 requests a minute per key [doc].
    per_minute: 400,
    template_noun: "question set",
    #[cfg(feature = "worker")]
    api: &api::SparkHire,
};

pub const VENDOR: Vendor = Vendor(&About {
    id: "spark_hire",
    label: "Spark Hire",
    api_hosts: &["https://api.sparkhire.com/*"],
    granted_at_install: true,
    hosts: &[
        // Classic API v1.0 [doc].
        Host {
            name: "api",
            label: crate::i18n::msg_key("host_api"),
            default: "https://api.sparkhire.com/v1.0",
        },
        // The web app, for the log-in-required "Open in Spark Hire" link. The host is
        // anonymised in the only source we have [code], hence a setting.
        Host {
            name: "app",
            label: crate::i18n::msg_key("host_sh_app"),
            default: "https://app.sparkhire.com",
        },
    ],
    rules: Rules {
        // The wait is documented in `X-Rate-Limit-Try-Again-Seconds` [doc]; without it, the minute.
        retry_after_s: 60,
        // Some malformed keys are answered with 400 and a `reason` about the key [code].
        key_refused_with_400: true,
        forbidden: None,
        per_second: None,
        // [catalog]
        wait_header: Some("X-Rate-Limit-Try-Again-Seconds"),
    },
});

// The shapes below are what `api` reads replies into, field by field (`crate::node`): the
// field names are Spark Hire's, each read where its reader is.

/// A job (`job_post` inside an interview) [code].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Job {
    pub uuid: String,
    pub title: Option<String>,
    pub name: Option<String>,
}

impl Job {
    pub fn label(&self) -> String {
        self.title.clone().or_else(|| self.name.clone()).unwrap_or_else(|| crate::i18n::msg("untitled_job"))
    }
}

/// `GET /question_sets` [catalog path]; `name` is [model].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuestionSet {
    pub uuid: String,
    pub name: Option<String>,
    pub title: Option<String>,
}

impl QuestionSet {
    pub fn label(&self) -> String {
        self.name.clone().or_else(|| self.title.clone()).unwrap_or_else(|| crate::i18n::msg("untitled_set"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Person {
    pub name: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShareLink {
    pub url: String,
}

/// An interview as `GET /interviews` lists it [code].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Interview {
    pub uuid: String,
    /// `type`.
    pub kind: String,
    pub status: String,
    pub job_post: Option<Job>,
    /// The candidate: an object in responses [code]; the create body's array form is read too.
    pub assigned_to: Option<Person>,
    pub scheduled_at: Option<String>,
    pub completed_at: Option<String>,
    pub share_link: Option<ShareLink>,
}

impl Interview {
    pub fn candidate_email(&self) -> Option<&str> {
        self.assigned_to.as_ref()?.email.as_deref()
    }

    /// Spark Hire statuses are snake_case (`completed`, `in_progress` …) [code].
    pub fn status_label(&self) -> String {
        super::status_said(&self.status, || {
            let s = self.status.replace('_', " ");
            let mut c = s.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
    }

    /// Still counts as "invited" for this job: anything but expired, deleted or rejected.
    pub fn is_live(&self) -> bool {
        !matches!(self.status.as_str(), "expired" | "deleted" | "archived" | "cancelled")
    }
}

/// `POST /interviews` body. `type` and the field names follow a partner's client [model].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInterview {
    #[serde(rename = "type")]
    pub kind: String,
    pub scheduled_at: String,
    pub assigned_to: Vec<Person>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_message: Option<String>,
    pub job_post: JobRef,
    pub interview_question_set: String,
    pub timezone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobRef {
    pub uuid: String,
}

impl NewInterview {
    /// One candidate's invite: the same body from the panel's Send and from a bulk run.
    pub fn new(i: &crate::provider::NewInvite) -> NewInterview {
        NewInterview {
            kind: kind_str(i.kind).into(),
            scheduled_at: crate::deadline::iso8601_utc(i.scheduled_ms),
            assigned_to: vec![Person {
                name: Some(crate::text::name_or_mailbox(i.name, i.email)),
                email: Some(i.email.trim().into()),
            }],
            email_message: Some(i.message.trim().to_string()).filter(|m| !m.is_empty()),
            job_post: JobRef { uuid: i.job_id.into() },
            interview_question_set: i.template_id.into(),
            timezone: i.timezone.into(),
        }
    }
}

/// Spark Hire's `type` ([code] for `one_way`; `live` is [model]).
pub fn kind_str(kind: crate::message::InterviewKind) -> &'static str {
    match kind {
        crate::message::InterviewKind::OneWay => "one_way",
        crate::message::InterviewKind::Live => "live",
    }
}

fn get(base: &str, key: &str, path: &str) -> HttpRequest {
    HttpRequest {
        method: Method::Get,
        url: join(base, path),
        headers: vec![
            ("Authorization".into(), basic_auth(key)),
            ("Accept".into(), "application/json".into()),
        ],
        body: None,
    }
}

fn post(base: &str, key: &str, path: &str, body: Option<String>) -> HttpRequest {
    let mut r = get(base, key, path);
    r.method = Method::Post;
    if body.is_some() {
        r.headers.push(("Content-Type".into(), "application/json".into()));
    }
    r.body = body;
    r
}

pub fn me(base: &str, key: &str) -> HttpRequest {
    get(base, key, "me")
}

pub fn jobs(base: &str, key: &str) -> HttpRequest {
    get(base, key, "jobs")
}

/// `POST /jobs` [catalog path]; the body fields are [model], named after the job object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewJob {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

pub fn create_job(base: &str, key: &str, job: &NewJob) -> HttpRequest {
    post(base, key, "jobs", Some(crate::json::to_string(job).unwrap_or_default()))
}

pub fn question_sets(base: &str, key: &str) -> HttpRequest {
    get(base, key, "question_sets")
}

/// Interviews a page asks for: `range=1-100`, 1-based and inclusive [catalog]; the largest
/// range Spark Hire serves is [model].
pub const PAGE: usize = 100;

/// One page of interviews, newest first; `job` narrows to one job (`job[uuid]=` [code]).
pub fn interviews(base: &str, key: &str, job: Option<&str>, page: usize) -> HttpRequest {
    let mut path = format!("interviews?orderby=updated_desc&range={}-{}", page * PAGE + 1, (page + 1) * PAGE);
    if let Some(job) = job {
        path.push_str("&job%5Buuid%5D=");
        path.push_str(&encode_query_value(job));
    }
    get(base, key, &path)
}

pub fn create_interview(base: &str, key: &str, body: &NewInterview) -> HttpRequest {
    let json = crate::json::to_string(body).unwrap_or_default();
    post(base, key, "interviews", Some(json))
}

/// `POST /interviews/{uuid}/share_link`, no body, answers `{url, …}` [code].
pub fn create_share_link(base: &str, key: &str, interview_uuid: &str) -> HttpRequest {
    post(base, key, &format!("interviews/{}/share_link", encode_query_value(interview_uuid)), None)
}

/// The log-in-required page of an interview in Spark Hire's app [code; host is a setting].
pub fn app_watch_url(app_base: &str, interview_uuid: &str) -> String {
    join(app_base, &format!("company/interviews/{}/watch", encode_query_value(interview_uuid)))
}

/// [model] The live interview room. Spark Hire documents no join link; this is the app's
/// interview page with `/live`, on the app host the recruiter can change in the options.
/// Spark Hire asks the user to sign in first if needed.
pub fn live_room_url(app_base: &str, interview_uuid: &str) -> String {
    join(app_base, &format!("company/interviews/{}/live", encode_query_value(interview_uuid)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;
    use crate::http::HttpReply;

    const BASE: &str = "https://api.sparkhire.com/v1.0";

    #[test]
    fn requests_carry_basic_auth_and_real_paths() {
        let r = me(BASE, "k1");
        assert_eq!((r.method, r.url.as_str()), (Method::Get, "https://api.sparkhire.com/v1.0/me"));
        assert_eq!(r.header("authorization"), Some("Basic azE6"));
        assert_eq!(jobs(BASE, "k").url, "https://api.sparkhire.com/v1.0/jobs");
        assert_eq!(question_sets(BASE, "k").url, "https://api.sparkhire.com/v1.0/question_sets");
        assert_eq!(
            interviews(BASE, "k", Some("j-1"), 0).url,
            "https://api.sparkhire.com/v1.0/interviews?orderby=updated_desc&range=1-100&job%5Buuid%5D=j-1"
        );
        assert_eq!(
            interviews(BASE, "k", None, 2).url,
            "https://api.sparkhire.com/v1.0/interviews?orderby=updated_desc&range=201-300"
        );
        let s = create_share_link(BASE, "k", "abc");
        assert_eq!(
            (s.method, s.url.as_str(), s.body.as_deref()),
            (Method::Post, "https://api.sparkhire.com/v1.0/interviews/abc/share_link", None)
        );
    }

    #[test]
    fn new_job_from_an_ats_job() {
        let job =
            NewJob { title: "Java Developer".into(), location: Some("Dallas, TX".into()), description: None };
        let r = create_job(BASE, "k", &job);
        assert_eq!((r.method, r.url.as_str()), (Method::Post, "https://api.sparkhire.com/v1.0/jobs"));
        assert_eq!(r.body.as_deref(), Some(r#"{"title":"Java Developer","location":"Dallas, TX"}"#));
    }

    #[test]
    fn create_body_has_every_field() {
        let body = NewInterview {
            kind: "one_way".into(),
            scheduled_at: "2026-12-01T19:14:00+00:00".into(),
            assigned_to: vec![Person {
                name: Some("Alan Turing".into()),
                email: Some("alan@example.com".into()),
            }],
            email_message: Some("Hi <Alan>".into()),
            job_post: JobRef { uuid: "job-1".into() },
            interview_question_set: "qs-1".into(),
            timezone: "Europe/London".into(),
        };
        let r = create_interview(BASE, "k", &body);
        assert_eq!(r.method, Method::Post);
        assert_eq!(r.header("content-type"), Some("application/json"));
        let v: serde_json::Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "type": "one_way",
                "scheduled_at": "2026-12-01T19:14:00+00:00",
                "assigned_to": [{"name": "Alan Turing", "email": "alan@example.com"}],
                "email_message": "Hi <Alan>",
                "job_post": {"uuid": "job-1"},
                "interview_question_set": "qs-1",
                "timezone": "Europe/London"
            })
        );
    }

    #[cfg(feature = "worker")]
    fn read<T>(
        status: u16,
        body: &str,
        f: impl FnOnce(&dyn crate::provider::Api, &crate::provider::Conn, &HttpReply) -> T,
    ) -> T {
        let (s, a) = (
            crate::settings::Settings::default(),
            crate::store::records::StoredAccount::for_test("a", VENDOR.id, &[]),
        );
        let c = crate::provider::Conn { settings: &s, account: &a };
        f(&api::SparkHire, &c, &HttpReply { status, retry_after: None, body: body.into() })
    }

    #[cfg(feature = "worker")]
    #[test]
    fn reads_interviews_as_the_api_lists_them() {
        let body = r#"[{"uuid":"i1","type":"one_way","status":"in_progress","job_post":{"uuid":"j1","title":"Engineer","location":{"formatted_address":"Berlin"}},
            "assigned_to":{"name":"Grace Hopper","email":"Grace.Hopper@example.com"},"scheduled_at":"2026-12-01T19:14:00+00:00","completed_at":null,"share_link":null,"rating":null,"extra":1}]"#;
        let list = read(200, body, |api, c, r| api.read_interviews(c, r)).unwrap();
        assert_eq!(list[0].row.status_label, "In progress");
        assert_eq!(list[0].row.job_title, "Engineer");
        assert_eq!(list[0].email.as_deref(), Some("Grace.Hopper@example.com"));
        assert!(list[0].open);
        // The create body's one-element array form names the candidate too.
        let created = r#"{"uuid":"i2","type":"one_way","status":"pending","assigned_to":[{"name":"Ada","email":"ada@example.com"}]}"#;
        let one = read(201, created, |api, c, r| api.read_invited(c, r)).unwrap();
        assert_eq!(one.email.as_deref(), Some("ada@example.com"));
    }

    #[cfg(feature = "worker")]
    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let garbled = read(200, "<html>", |api, c, r| api.read_interviews(c, r));
        assert_eq!(garbled, Err(ApiError::Garbled { vendor: VENDOR }));
        assert_eq!(
            read(200, r#"{"not":"a list"}"#, |api, c, r| api.read_interviews(c, r)),
            Err(ApiError::Garbled { vendor: VENDOR })
        );
        assert_eq!(
            read(200, "[1]", |api, c, r| api.read_interviews(c, r)),
            Err(ApiError::Garbled { vendor: VENDOR })
        );
        assert_eq!(read(401, "", |api, _, r| api.read_me(r)), Err(ApiError::KeyRejected { vendor: VENDOR }));
    }

    #[test]
    fn app_link_points_at_the_watch_page() {
        assert_eq!(
            app_watch_url("https://app.sparkhire.com/", "i-1"),
            "https://app.sparkhire.com/company/interviews/i-1/watch"
        );
        assert_eq!(
            live_room_url("https://app.sparkhire.com", "i-1"),
            "https://app.sparkhire.com/company/interviews/i-1/live"
        );
    }
}
