//! Spark Hire interviews from the panel: the account's catalog (cached), a candidate's
//! interviews, share links, and one invite sent so that it is never made twice.

use std::cell::RefCell;
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::accounts::{self, spend_credit};
use super::chrome::Store;
use super::keys::progress_key;
use super::storage;
use super::vendor::{call, settings, Browser};
use crate::deadline;
use crate::error::{ApiError, Vendor};
use crate::http::HttpReply;
use crate::message::{Choice, Failure, InterviewKind, InterviewRow, Invite, Reply};
use crate::orchestrate::create_once;
use crate::provider::sparkhire::{self, Interview, NewInterview, QuestionSet};
use crate::settings::Settings;
use crate::store::records::{StoredAccount, CATALOG};

thread_local! {
    /// Sends under way in this worker, by job and email: a double press is one interview.
    static IN_FLIGHT: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// The last jobs and question sets Spark Hire gave for the saved key, so the panel can show
/// them at once and refresh in the background.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CachedCatalog {
    /// The key the catalog belongs to (its hint and account): a new key starts afresh.
    owner: String,
    jobs: Vec<Choice>,
    question_sets: Vec<Choice>,
    fetched_ms: i64,
}

pub async fn catalog(saved: &StoredAccount, fresh: bool) -> Result<Reply, Failure> {
    let owner = format!("{}|{}", saved.identity.email, saved.identity.key_hint);
    if !fresh {
        if let Ok(Some(c)) = storage::read::<CachedCatalog>(CATALOG).await {
            if c.owner == owner {
                return Ok(Reply::Catalog {
                    jobs: c.jobs,
                    question_sets: c.question_sets,
                    fetched_ms: c.fetched_ms,
                    cached: true,
                });
            }
        }
    }
    let s = settings().await?;
    let jobs: Vec<sparkhire::Job> = sparkhire::parse(
        &call(Vendor::SparkHire, &sparkhire::jobs(&s.sparkhire_api, saved.api_key()), None).await?,
    )?;
    let sets: Vec<QuestionSet> = sparkhire::parse(
        &call(Vendor::SparkHire, &sparkhire::question_sets(&s.sparkhire_api, saved.api_key()), None).await?,
    )?;
    let fresh = CachedCatalog {
        owner,
        jobs: jobs.iter().map(|j| Choice { uuid: j.uuid.clone(), label: j.label() }).collect(),
        question_sets: sets.iter().map(|q| Choice { uuid: q.uuid.clone(), label: q.label() }).collect(),
        fetched_ms: js_sys::Date::now() as i64,
    };
    // A cache that can't be written only costs the next panel a wait.
    let _ = storage::put(CATALOG, &fresh).await;
    Ok(Reply::Catalog {
        jobs: fresh.jobs,
        question_sets: fresh.question_sets,
        fetched_ms: fresh.fetched_ms,
        cached: false,
    })
}

pub async fn list_interviews(s: &Settings, key: &str, job: Option<&str>) -> Result<Vec<Interview>, ApiError> {
    let req = sparkhire::interviews(&s.sparkhire_api, key, job);
    sparkhire::parse(&call(Vendor::SparkHire, &req, None).await?)
}

fn row(s: &Settings, i: &Interview) -> InterviewRow {
    let kind =
        if i.kind == InterviewKind::Live.as_str() { InterviewKind::Live } else { InterviewKind::OneWay };
    let upcoming = !matches!(i.status.as_str(), "completed" | "expired" | "deleted" | "cancelled");
    InterviewRow {
        uuid: i.uuid.clone(),
        kind,
        job_title: i.job_post.as_ref().map(|j| j.label()).unwrap_or_else(|| "Interview".into()),
        status: i.status.clone(),
        status_label: i.status_label(),
        scheduled_at: i.scheduled_at.clone(),
        completed_at: i.completed_at.clone(),
        share_url: i.share_link.as_ref().map(|l| l.url.clone()).filter(|u| u.starts_with("https://")),
        app_url: sparkhire::app_watch_url(&s.sparkhire_app, &i.uuid),
        join_url: (kind == InterviewKind::Live && upcoming)
            .then(|| sparkhire::live_room_url(&s.sparkhire_app, &i.uuid)),
    }
}

fn validate(invite: &Invite) -> Result<i64, Failure> {
    if invite.candidate_email.trim().is_empty() || !invite.candidate_email.contains('@') {
        return Err(Failure::plain(
            "This candidate has no email address we can read, so Spark Hire can't invite them. Add an email in the ATS, or save a Lever key so we can read it from the API.",
        ));
    }
    if invite.job_uuid.is_empty() {
        return Err(Failure::plain("Choose a job."));
    }
    if invite.question_set_uuid.is_empty() {
        return Err(Failure::plain("Choose a question set."));
    }
    deadline::check(invite.kind, Some(invite.scheduled_ms), js_sys::Date::now() as i64)
        .map_err(|e| Failure::plain(e.message()))
}

pub async fn send_invite(invite: Invite, account: StoredAccount) -> Result<Reply, Failure> {
    let scheduled_ms = validate(&invite)?;
    accounts::view(&account).check_credit()?;
    let flight = format!("{}|{}", invite.job_uuid, invite.candidate_email.trim().to_ascii_lowercase());
    if !IN_FLIGHT.with(|f| f.borrow_mut().insert(flight.clone())) {
        return Err(Failure::plain("This invite is already being sent."));
    }
    let progress = progress_key(&invite.send_id);
    let result = send_once(&invite, account.api_key(), scheduled_ms, &progress).await;
    if let Ok(Reply::Sent { already: false, .. }) = &result {
        spend_credit(&account.id).await?;
    }
    IN_FLIGHT.with(|f| f.borrow_mut().remove(&flight));
    if let Ok(session) = Store::session() {
        let _ = session.remove(&progress).await;
    }
    result
}

/// Creates the interview unless the candidate already has one for this job. Spark Hire has no
/// idempotency key, so after a failure that may have gone through (5xx, no answer) we look
/// before we post again.
async fn send_once(invite: &Invite, key: &str, scheduled_ms: i64, progress: &str) -> Result<Reply, Failure> {
    let s = settings().await?;
    let body = NewInterview::new(
        invite.kind,
        scheduled_ms,
        (&invite.candidate_name, &invite.candidate_email),
        &invite.message,
        &invite.job_uuid,
        &invite.question_set_uuid,
        &invite.timezone,
    );
    let create = sparkhire::create_interview(&s.sparkhire_api, key, &body);
    let look = sparkhire::interviews(&s.sparkhire_api, key, Some(&invite.job_uuid));
    let find = |reply: &HttpReply| {
        let list: Vec<Interview> = sparkhire::parse(reply)?;
        Ok(sparkhire::existing_invite(&list, &invite.job_uuid, &invite.candidate_email).map(|i| row(&s, i)))
    };
    let made = |reply: &HttpReply| sparkhire::parse::<Interview>(reply).map(|i| row(&s, &i));
    let browser = Browser { progress: Some(progress) };
    let (interview, already) = create_once(&browser, Vendor::SparkHire, &look, find, &create, made).await?;
    Ok(Reply::Sent { interview, already })
}

pub async fn interviews_of(account: &StoredAccount, email: &str) -> Result<Reply, Failure> {
    let s = settings().await?;
    let list = list_interviews(&s, account.api_key(), None).await?;
    let rows = list
        .iter()
        .filter(|i| i.candidate_email().is_some_and(|e| e.eq_ignore_ascii_case(email.trim())))
        .map(|i| row(&s, i))
        .collect();
    Ok(Reply::Interviews { interviews: rows })
}

pub async fn share_link(account: &StoredAccount, interview_uuid: &str) -> Result<Reply, Failure> {
    let s = settings().await?;
    let req = sparkhire::create_share_link(&s.sparkhire_api, account.api_key(), interview_uuid);
    let link: sparkhire::ShareLink = sparkhire::parse(&call(Vendor::SparkHire, &req, None).await?)?;
    if !link.url.starts_with("https://") {
        return Err(ApiError::Garbled { vendor: Vendor::SparkHire }.into());
    }
    Ok(Reply::ShareLink { url: link.url })
}
