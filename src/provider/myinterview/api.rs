//! myInterview behind the shared provider interface: the requests of `super` with the
//! recruiter's hosts and credentials, and its replies read into the shared shapes.

use super::{Candidate, Creds, Invitation, NewInvitation, VENDOR};
use super::{ACCESS_KEY, COMPANY_ID, SECRET};
use crate::error::ApiError;
use crate::http::{HttpReply, HttpRequest, Method};
use crate::message::{Choice, InterviewKind, InterviewRow};
use crate::node::Node;
use crate::provider::{self as p, Conn, Grade};
use crate::settings::join;

pub struct MyInterview;

fn garbled() -> ApiError {
    ApiError::Garbled { vendor: VENDOR }
}

/// A list page's items [model: `data.items`].
fn items(r: &HttpReply) -> Result<Vec<Node>, ApiError> {
    super::data(r)?.get("items").items().ok_or(garbled())
}

fn choice(n: &Node, label: &str) -> Result<Choice, ApiError> {
    Ok(Choice { uuid: n.id("id").ok_or(garbled())?, label: n.str(label).unwrap_or_default() })
}

fn choices(r: &HttpReply, label: &str) -> Result<Vec<Choice>, ApiError> {
    Node::each(&items(r)?, |n| choice(n, label))
}

/// An invitation as the API shapes it [model]; one without an id is not one.
fn invitation(n: &Node) -> Result<Invitation, ApiError> {
    let who = n.get("candidate");
    Ok(Invitation {
        id: n.id("id").ok_or(garbled())?,
        job_id: n.str("jobId").unwrap_or_default(),
        candidate: who.is_object().then(|| Candidate {
            id: who.str("id").unwrap_or_default(),
            name: who.str("name").unwrap_or_default(),
            email: who.str("email").unwrap_or_default(),
        }),
        status: n.str("status").unwrap_or_default(),
        deadline: n.str("deadline"),
        interview_link: n.str("interviewLink"),
        completed_at: n.str("completedAt"),
        share_link: n.str("shareLink"),
    })
}

fn base(c: &Conn) -> String {
    c.host(VENDOR, "api")
}

fn who<'a>(c: &'a Conn) -> Creds<'a> {
    Creds {
        company_id: c.credential(COMPANY_ID),
        access_key: c.credential(ACCESS_KEY),
        secret: c.credential(SECRET),
    }
}

/// The log-in-required page where the team reviews the video [model].
fn review_url(app: &str, i: &Invitation) -> String {
    let path = format!(
        "company/jobs/{}/candidates/{}",
        crate::http::encode_query_value(&i.job_id),
        crate::http::encode_query_value(&i.id)
    );
    join(app, &path)
}

pub fn shared(c: &Conn, i: &Invitation) -> p::Interview {
    let status_label = p::status_said(&i.status, || i.status.clone());
    p::Interview {
        row: InterviewRow {
            uuid: i.id.clone(),
            kind: InterviewKind::OneWay,
            job_title: crate::i18n::msg("video_interview"),
            status: i.status.clone(),
            status_label,
            scheduled_at: i.deadline.clone(),
            completed_at: i.completed_at.clone(),
            share_url: i.share_link.clone().filter(|u| u.starts_with("https://")),
            app_url: review_url(&c.host(VENDOR, "app"), i),
            join_url: None,
            invite_url: i.interview_link.clone().filter(|u| u.starts_with("https://") && i.is_open()),
            score: None,
            waiting: matches!(i.status.as_str(), "Invited" | "Started"),
            expired: i.status == "Expired",
            to_review: i.status == "Ready for Review",
            pass: match i.status.as_str() {
                "Shortlisted" => Some(true),
                "Rejected" => Some(false),
                _ => None,
            },
        },
        job_id: Some(i.job_id.clone()),
        email: i.candidate.as_ref().map(|c| c.email.clone()),
        open: i.is_open(),
    }
}

/// A job asking the chosen template's questions as the template list gave them.
fn job_from_template(
    c: &Conn,
    job: &p::NewJob,
    templates: Option<&HttpReply>,
) -> Result<HttpRequest, ApiError> {
    let listed = match templates {
        Some(r) => items(r)?,
        None => vec![],
    };
    let wanted = job.template_id.as_deref().unwrap_or_default();
    let questions = listed
        .iter()
        .find(|t| !wanted.is_empty() && t.id("id").as_deref() == Some(wanted))
        .and_then(|t| t.get("questions").items().is_some().then(|| t.get("questions").json()).flatten())
        .ok_or_else(|| ApiError::not_offered(VENDOR, &crate::i18n::msg("mi_template_gone")))?;
    Ok(super::create_job_from_template(&base(c), who(c), &job.title, wanted, &questions))
}

fn on(c: &Conn, id: &str, what: &str, body: Option<String>) -> HttpRequest {
    super::on_invitation(&base(c), who(c), Method::Post, id, what, body)
}

impl p::Api for MyInterview {
    fn who_am_i(&self, c: &Conn) -> HttpRequest {
        super::company(&base(c), who(c))
    }

    fn read_me(&self, r: &HttpReply) -> Result<p::Me, ApiError> {
        let co = super::data(r)?;
        let name = co.id("name").or_else(|| co.id("companyId")).ok_or(garbled())?;
        Ok(p::Me { name, email: String::new() })
    }

    fn jobs(&self, c: &Conn) -> HttpRequest {
        super::jobs(&base(c), who(c))
    }

    fn read_jobs(&self, r: &HttpReply) -> Result<Vec<Choice>, ApiError> {
        choices(r, "title")
    }

    fn templates(&self, c: &Conn) -> HttpRequest {
        super::templates(&base(c), who(c))
    }

    fn read_templates(&self, r: &HttpReply) -> Result<Vec<Choice>, ApiError> {
        choices(r, "name")
    }

    fn interviews(&self, c: &Conn, job: Option<&str>, page: usize) -> HttpRequest {
        super::invitations(&base(c), who(c), job, page)
    }

    fn interviews_per_page(&self) -> Option<usize> {
        Some(super::PAGE)
    }

    fn read_interviews(&self, c: &Conn, r: &HttpReply) -> Result<Vec<p::Interview>, ApiError> {
        Node::each(&items(r)?, |n| invitation(n).map(|i| shared(c, &i)))
    }

    fn invite(&self, c: &Conn, i: &p::NewInvite) -> HttpRequest {
        let body = NewInvitation {
            candidate: Candidate {
                id: String::new(),
                name: crate::text::name_or_mailbox(i.name, i.email),
                email: i.email.trim().into(),
            },
            job_id: i.job_id.into(),
            deadline: crate::deadline::iso8601_utc(i.scheduled_ms),
            timezone: i.timezone.into(),
            send_email: i.send_email,
        };
        super::invite(&base(c), who(c), &body)
    }

    fn read_invited(&self, c: &Conn, r: &HttpReply) -> Result<p::Interview, ApiError> {
        Ok(shared(c, &invitation(&super::data(r)?)?))
    }

    fn share_link(&self, c: &Conn, interview_id: &str) -> Option<HttpRequest> {
        Some(on(c, interview_id, "share-link", None))
    }

    fn summary(&self, c: &Conn, interview_id: &str) -> Option<HttpRequest> {
        Some(super::on_invitation(&base(c), who(c), Method::Get, interview_id, "summary", None))
    }

    fn read_score(&self, r: &HttpReply) -> Result<Option<f64>, ApiError> {
        Ok(super::data(r)?.get("score").number())
    }

    fn read_share_link(&self, r: &HttpReply) -> Result<String, ApiError> {
        super::data(r)?.str("url").filter(|u| u.starts_with("https://")).ok_or(garbled())
    }

    fn create_job(
        &self,
        c: &Conn,
        job: &p::NewJob,
        templates: Option<&HttpReply>,
    ) -> Option<Result<HttpRequest, ApiError>> {
        Some(job_from_template(c, job, templates))
    }

    fn read_job(&self, r: &HttpReply) -> Result<Choice, ApiError> {
        choice(&super::data(r)?, "title")
    }

    fn extend(&self, c: &Conn, id: &str, deadline_ms: i64, _timezone: &str) -> Option<HttpRequest> {
        let body = super::deadline_body(&crate::deadline::iso8601_utc(deadline_ms));
        Some(on(c, id, "extend", Some(body)))
    }

    fn cancel(&self, c: &Conn, id: &str) -> Option<HttpRequest> {
        Some(on(c, id, "cancel", None))
    }

    fn remind(&self, c: &Conn, id: &str) -> Option<HttpRequest> {
        Some(on(c, id, "remind", None))
    }

    fn grade(&self, c: &Conn, id: &str, grade: Grade) -> Option<HttpRequest> {
        let what = match grade {
            Grade::Shortlist => "shortlist",
            Grade::Reject => "reject",
        };
        Some(on(c, id, what, None))
    }

    // A reminder is answered with the invitation, like every change: the trait's reader, which
    // explains a refusal with this provider's rules, serves.
    fn read_reminded(&self, c: &Conn, r: &HttpReply) -> Result<(), ApiError> {
        self.read_changed(c, r).map(drop)
    }
}
