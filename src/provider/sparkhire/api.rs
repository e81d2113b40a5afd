//! Spark Hire behind the shared provider interface: the requests of `super` with the
//! recruiter's hosts and key, and its replies read into the shared shapes.

use super::{Interview, Job, Person, QuestionSet, ShareLink, VENDOR};
use crate::error::check;
use crate::error::ApiError;
use crate::http::{HttpReply, HttpRequest};
use crate::message::{Choice, InterviewKind, InterviewRow};
use crate::node::Node;
use crate::provider::{self as p, Conn};
use crate::store::records::API_KEY;

pub struct SparkHire;

fn garbled() -> ApiError {
    ApiError::Garbled { vendor: VENDOR }
}

/// A 2xx reply's JSON, or the error its status means. Read field by field (`Node`): a serde
/// shape per reply cost the worker kilobytes each.
fn body(r: &HttpReply) -> Result<Node, ApiError> {
    check(VENDOR, r)?;
    Node::parse(&r.body).ok_or(garbled())
}

fn object(n: Node) -> Result<Node, ApiError> {
    if n.is_object() {
        Ok(n)
    } else {
        Err(garbled())
    }
}

fn list(r: &HttpReply) -> Result<Vec<Node>, ApiError> {
    Node::each(&body(r)?.items().ok_or(garbled())?, |n| object(n.clone()))
}

fn job(n: &Node) -> Job {
    Job { uuid: n.str("uuid").unwrap_or_default(), title: n.str("title"), name: n.str("name") }
}

fn person(n: &Node) -> Person {
    Person { name: n.str("name"), email: n.str("email") }
}

/// An interview as listed [code]; the candidate is an object in replies, and the create
/// body's one-element array is accepted too.
fn interview(n: &Node) -> Interview {
    let who = n.get("assigned_to");
    let assigned_to = match who.items() {
        Some(many) => many.first().filter(|p| p.is_object()).map(person),
        None => who.is_object().then(|| person(&who)),
    };
    let post = n.get("job_post");
    let link = n.get("share_link");
    Interview {
        uuid: n.str("uuid").unwrap_or_default(),
        kind: n.str("type").unwrap_or_default(),
        status: n.str("status").unwrap_or_default(),
        job_post: post.is_object().then(|| job(&post)),
        assigned_to,
        scheduled_at: n.str("scheduled_at"),
        completed_at: n.str("completed_at"),
        share_link: link.is_object().then(|| ShareLink { url: link.str("url").unwrap_or_default() }),
    }
}

fn base(c: &Conn) -> String {
    c.host(VENDOR, "api")
}

fn key<'a>(c: &'a Conn) -> &'a str {
    c.credential(API_KEY)
}

/// An interview as the panel shows it and bulk runs compare it.
fn shared(c: &Conn, i: &Interview) -> p::Interview {
    let app = c.host(VENDOR, "app");
    let kind = if i.kind == super::kind_str(InterviewKind::Live) {
        InterviewKind::Live
    } else {
        InterviewKind::OneWay
    };
    let upcoming = !matches!(i.status.as_str(), "completed" | "expired" | "deleted" | "cancelled");
    p::Interview {
        row: InterviewRow {
            uuid: i.uuid.clone(),
            kind,
            job_title: i
                .job_post
                .as_ref()
                .map(|j| j.label())
                .unwrap_or_else(|| crate::i18n::msg("interview")),
            status: i.status.clone(),
            status_label: i.status_label(),
            scheduled_at: i.scheduled_at.clone(),
            completed_at: i.completed_at.clone(),
            share_url: i.share_link.as_ref().map(|l| l.url.clone()).filter(|u| u.starts_with("https://")),
            app_url: super::app_watch_url(&app, &i.uuid),
            join_url: (kind == InterviewKind::Live && upcoming).then(|| super::live_room_url(&app, &i.uuid)),
            invite_url: None,
            score: None,
            waiting: upcoming,
            expired: i.status == "expired",
            to_review: false,
            pass: None,
        },
        job_id: i.job_post.as_ref().map(|j| j.uuid.clone()),
        email: i.candidate_email().map(str::to_string),
        open: i.is_live(),
    }
}

impl p::Api for SparkHire {
    fn who_am_i(&self, c: &Conn) -> HttpRequest {
        super::me(&base(c), key(c))
    }

    fn read_me(&self, r: &HttpReply) -> Result<p::Me, ApiError> {
        let me = object(body(r)?)?;
        let email = me.str("email").unwrap_or_default();
        let name = me.str("name").filter(|n| !n.trim().is_empty()).unwrap_or_else(|| email.clone());
        Ok(p::Me { name, email })
    }

    fn jobs(&self, c: &Conn) -> HttpRequest {
        super::jobs(&base(c), key(c))
    }

    fn read_jobs(&self, r: &HttpReply) -> Result<Vec<Choice>, ApiError> {
        Ok(list(r)?.iter().map(job).map(|j| Choice { label: j.label(), uuid: j.uuid }).collect())
    }

    fn templates(&self, c: &Conn) -> HttpRequest {
        super::question_sets(&base(c), key(c))
    }

    fn read_templates(&self, r: &HttpReply) -> Result<Vec<Choice>, ApiError> {
        let set = |n: &Node| QuestionSet {
            uuid: n.str("uuid").unwrap_or_default(),
            name: n.str("name"),
            title: n.str("title"),
        };
        Ok(list(r)?.iter().map(set).map(|q| Choice { label: q.label(), uuid: q.uuid }).collect())
    }

    fn interviews(&self, c: &Conn, job: Option<&str>, page: usize) -> HttpRequest {
        super::interviews(&base(c), key(c), job, page)
    }

    fn interviews_per_page(&self) -> Option<usize> {
        Some(super::PAGE)
    }

    fn read_interviews(&self, c: &Conn, r: &HttpReply) -> Result<Vec<p::Interview>, ApiError> {
        Ok(list(r)?.iter().map(|n| shared(c, &interview(n))).collect())
    }

    fn invite(&self, c: &Conn, i: &p::NewInvite) -> HttpRequest {
        super::create_interview(&base(c), key(c), &super::NewInterview::new(i))
    }

    fn read_invited(&self, c: &Conn, r: &HttpReply) -> Result<p::Interview, ApiError> {
        Ok(shared(c, &interview(&object(body(r)?)?)))
    }

    fn share_link(&self, c: &Conn, interview_id: &str) -> Option<HttpRequest> {
        Some(super::create_share_link(&base(c), key(c), interview_id))
    }

    fn read_share_link(&self, r: &HttpReply) -> Result<String, ApiError> {
        object(body(r)?)?.str("url").filter(|u| u.starts_with("https://")).ok_or(garbled())
    }

    fn create_job(
        &self,
        c: &Conn,
        job: &p::NewJob,
        _: Option<&HttpReply>,
    ) -> Option<Result<HttpRequest, ApiError>> {
        let body = super::NewJob {
            title: job.title.clone(),
            location: job.location.clone(),
            description: job.description.clone(),
        };
        Some(Ok(super::create_job(&base(c), key(c), &body)))
    }

    fn read_job(&self, r: &HttpReply) -> Result<Choice, ApiError> {
        let j = job(&object(body(r)?)?);
        Ok(Choice { label: j.label(), uuid: j.uuid })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::{existing_invite, Api, NewInvite};
    use crate::settings::{Settings, SettingsPatch};
    use crate::store::records::StoredAccount;

    fn account() -> StoredAccount {
        StoredAccount::for_test("a", VENDOR.id, &[(API_KEY, "k1")])
    }

    fn reply(body: &str) -> HttpReply {
        HttpReply { status: 200, retry_after: None, body: body.into() }
    }

    #[test]
    fn requests_go_to_the_recruiters_hosts_with_the_accounts_key() {
        let mut patch = SettingsPatch::default();
        patch.set_host(VENDOR, "api", "https://sandbox.example/v1.0".into());
        let s = crate::registry::apply(&patch, &Settings::default()).unwrap();
        let a = account();
        let c = Conn { settings: &s, account: &a };
        let r = SparkHire.who_am_i(&c);
        assert_eq!(
            (r.url.as_str(), r.header("authorization")),
            ("https://sandbox.example/v1.0/me", Some("Basic azE6"))
        );
        let invite = NewInvite {
            kind: InterviewKind::OneWay,
            scheduled_ms: 4_102_444_800_000,
            name: " Ada ",
            email: "ada@x.example ",
            message: "  ",
            job_id: "j1",
            template_id: "q1",
            timezone: "UTC",
            send_email: true,
        };
        let r = SparkHire.invite(&c, &invite);
        let body: serde_json::Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["assigned_to"][0]["email"], "ada@x.example");
        assert_eq!(body["job_post"]["uuid"], "j1");
        assert!(body.get("email_message").is_none(), "a blank message isn't sent");
    }

    #[test]
    fn interviews_read_into_rows_and_never_invite_twice() {
        let s = Settings::default();
        let a = account();
        let c = Conn { settings: &s, account: &a };
        let body = r#"[{"uuid":"i1","type":"live","status":"invited","job_post":{"uuid":"j1","title":"Engineer"},
            "assigned_to":{"name":"Grace Hopper","email":"Grace.Hopper@example.com"},"share_link":{"url":"javascript:alert(1)"}}]"#;
        let list = SparkHire.read_interviews(&c, &reply(body)).unwrap();
        let row = &list[0].row;
        assert_eq!((row.job_title.as_str(), row.status_label.as_str()), ("Engineer", "Invited"));
        assert_eq!(row.share_url, None, "only https links are shown");
        assert_eq!(row.app_url, "https://app.sparkhire.com/company/interviews/i1/watch");
        assert_eq!(row.join_url.as_deref(), Some("https://app.sparkhire.com/company/interviews/i1/live"));
        assert_eq!(
            existing_invite(&list, "j1", " grace.hopper@example.com").map(|i| i.row.uuid.as_str()),
            Some("i1")
        );
        assert!(existing_invite(&list, "j2", "grace.hopper@example.com").is_none());
        assert!(existing_invite(&list, "j1", "alan@example.com").is_none());
        let expired = body.replace("invited", "expired");
        let list = SparkHire.read_interviews(&c, &reply(&expired)).unwrap();
        assert!(existing_invite(&list, "j1", "grace.hopper@example.com").is_none());
        assert_eq!(list[0].row.join_url, None);
    }

    #[test]
    fn share_links_must_be_https() {
        assert_eq!(
            SparkHire.read_share_link(&reply(r#"{"url":"https://x.example/s"}"#)).as_deref(),
            Ok("https://x.example/s")
        );
        assert_eq!(
            SparkHire.read_share_link(&reply(r#"{"url":"javascript:x"}"#)),
            Err(ApiError::Garbled { vendor: VENDOR })
        );
    }
}
