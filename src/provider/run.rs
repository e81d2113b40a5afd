//! A provider's calls as the recruiter's flows need them, written once for every provider:
//! each goes through `orchestrate` (retries, rate-limit waits, look before post) on whatever
//! transport the caller has, the browser's in the worker and a scripted vendor in tests.

use super::{existing_invite, Conn, Interview, Me, NewInvite, NewJob, Provider};
use crate::error::ApiError;
use crate::http::HttpRequest;
use crate::message::Choice;
use crate::orchestrate::{call, create_once, Transport};

/// Who the credentials belong to; the error when the provider refuses them.
pub async fn who<T: Transport>(t: &T, p: &Provider, c: &Conn<'_>) -> Result<Me, ApiError> {
    p.api.read_me(&call(t, p.vendor, &p.api.who_am_i(c)).await?)
}

pub async fn jobs<T: Transport>(t: &T, p: &Provider, c: &Conn<'_>) -> Result<Vec<Choice>, ApiError> {
    p.api.read_jobs(&call(t, p.vendor, &p.api.jobs(c)).await?)
}

/// The account's jobs and question sets.
pub async fn catalog<T: Transport>(
    t: &T,
    p: &Provider,
    c: &Conn<'_>,
) -> Result<(Vec<Choice>, Vec<Choice>), ApiError> {
    let jobs = jobs(t, p, c).await?;
    let templates = p.api.read_templates(&call(t, p.vendor, &p.api.templates(c)).await?)?;
    Ok((jobs, templates))
}

pub async fn interviews<T: Transport>(
    t: &T,
    p: &Provider,
    c: &Conn<'_>,
    job: Option<&str>,
) -> Result<Vec<Interview>, ApiError> {
    p.api.read_interviews(c, &call(t, p.vendor, &p.api.interviews(c, job)).await?)
}

/// Invites the candidate unless they already have an interview for this job; returns it and
/// whether it existed before. No provider we know has an idempotency key, so a create that
/// may have gone through is looked for before it is sent again.
pub async fn invite<T: Transport>(
    t: &T,
    p: &Provider,
    c: &Conn<'_>,
    i: &NewInvite<'_>,
) -> Result<(Interview, bool), ApiError> {
    let look = p.api.interviews(c, Some(i.job_id));
    let find = |reply: &_| {
        let list = p.api.read_interviews(c, reply)?;
        Ok(existing_invite(&list, i.job_id, i.email).cloned())
    };
    let made = |reply: &_| p.api.read_invited(c, reply);
    create_once(t, p.vendor, &look, find, &p.api.invite(c, i), made).await
}

/// The request for a call the provider may lack, or the refusal in words before anything is
/// sent: the capability the panel was shown and the request the API builds must both say yes.
fn offered(
    p: &Provider,
    declared: bool,
    req: Option<HttpRequest>,
    lacking: &str,
) -> Result<HttpRequest, ApiError> {
    req.filter(|_| declared).ok_or_else(|| ApiError::not_offered(p.vendor, lacking))
}

/// A share link for an interview, where the provider has them.
pub async fn share_link<T: Transport>(
    t: &T,
    p: &Provider,
    c: &Conn<'_>,
    interview_id: &str,
) -> Result<String, ApiError> {
    let req = offered(
        p,
        p.capabilities.share_link,
        p.api.share_link(c, interview_id),
        "this provider has no share links",
    )?;
    p.api.read_share_link(&call(t, p.vendor, &req).await?)
}

/// Makes a job from an ATS job. Sent once: a lost answer retried could make the job twice.
pub async fn create_job<T: Transport>(
    t: &T,
    p: &Provider,
    c: &Conn<'_>,
    job: &NewJob,
) -> Result<Choice, ApiError> {
    let req = offered(
        p,
        p.capabilities.create_job,
        p.api.create_job(c, job),
        "jobs can't be made through this provider's API",
    )?;
    p.api.read_job(&t.send(p.vendor, &req).await?)
}

#[cfg(test)]
mod tests;
