//! A provider's calls as the recruiter's flows need them, written once for every provider:
//! each goes through `orchestrate` (retries, rate-limit waits, look before post) on whatever
//! transport the caller has, the browser's in the worker and a scripted vendor in tests.

use super::{existing_invite, Conn, Grade, Interview, Me, NewInvite, NewJob, Provider};
use crate::error::ApiError;
use crate::http::HttpRequest;
use crate::i18n::{msg, msg_key};
use crate::message::{Change, Choice, InterviewRow};
use crate::orchestrate::{both, call, create_once, Transport};

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
    // Independent lists: asked for together, so a cold panel waits one round trip.
    let (jobs, templates) = both(jobs(t, p, c), call(t, p.vendor, &p.api.templates(c))).await;
    Ok((jobs?, p.api.read_templates(&templates?)?))
}

pub async fn interviews<T: Transport>(
    t: &T,
    p: &Provider,
    c: &Conn<'_>,
    job: Option<&str>,
) -> Result<Vec<Interview>, ApiError> {
    let mut all = Vec::new();
    for page in 0.. {
        let got = p.api.read_interviews(c, &call(t, p.vendor, &p.api.interviews(c, job, page)).await?)?;
        let n = got.len();
        all.extend(got);
        if !crate::provider::more_pages(p.api, n, page) {
            break;
        }
    }
    Ok(all)
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
    // Every page of the job's interviews: on a busy job the candidate's may not be on the first.
    let look = || async {
        let list = interviews(t, p, c, Some(i.job_id)).await?;
        Ok(existing_invite(&list, i.job_id, i.email).cloned())
    };
    let made = |reply: &_| p.api.read_invited(c, reply);
    create_once(t, p.vendor, look, &p.api.invite(c, i), made, true).await
}

/// The request for a call the provider may lack, or the refusal in words before anything is
/// sent: the capability the panel was shown and the request the API builds must both say yes.
fn offered(
    p: &Provider,
    declared: bool,
    req: Option<HttpRequest>,
    // The key of the message saying what the provider lacks.
    lacking: &str,
) -> Result<HttpRequest, ApiError> {
    req.filter(|_| declared).ok_or_else(|| ApiError::not_offered(p.vendor, &msg(lacking)))
}

/// A share link for an interview, where the provider has them.
pub async fn share_link<T: Transport>(
    t: &T,
    p: &Provider,
    c: &Conn<'_>,
    interview_id: &str,
) -> Result<String, ApiError> {
    let req =
        offered(p, p.capabilities.share_link, p.api.share_link(c, interview_id), msg_key("no_share_links"))?;
    p.api.read_share_link(&call(t, p.vendor, &req).await?)
}

/// Makes a job from an ATS job (from a template, where the provider's jobs carry their
/// questions: the template list is read first, as it gives them). After an answer that may
/// have been lost (5xx, none), a job of exactly this title is looked for before it is sent again,
/// so a retry never makes a second one.
pub async fn create_job<T: Transport>(
    t: &T,
    p: &Provider,
    c: &Conn<'_>,
    job: &NewJob,
) -> Result<Choice, ApiError> {
    let templates = match p.capabilities.job_from_template {
        true => Some(call(t, p.vendor, &p.api.templates(c)).await?),
        false => None,
    };
    let req = offered(
        p,
        p.capabilities.create_job,
        p.api.create_job(c, job, templates.as_ref()).transpose()?,
        msg_key("no_create_job"),
    )?;
    let title = job.title.trim();
    let look = || async { Ok(jobs(t, p, c).await?.into_iter().find(|j| j.label.trim() == title)) };
    create_once(t, p.vendor, look, &req, |r| p.api.read_job(r), false).await.map(|(j, _)| j)
}

/// Extends, cancels, reminds or grades an interview; the interview as it now is, or `None`
/// after a reminder.
///
/// Extend, cancel and grade set a state rather than add to one: sent twice, they leave the
/// interview as once, so a 5xx or a lost answer is retried like a read. A reminder is sent
/// once and never again by us, not even after a 5xx or no answer: the first may have gone
/// out, each send is another email, and nothing we can read tells us which. The recruiter
/// reads the failure and decides whether to send again.
pub async fn change<T: Transport>(
    t: &T,
    p: &Provider,
    c: &Conn<'_>,
    id: &str,
    what: Change,
    (deadline_ms, timezone): (i64, &str),
) -> Result<Option<Interview>, ApiError> {
    let (can, api) = (p.capabilities, p.api);
    let (declared, req, lacking) = match what {
        Change::Extend => (can.extend, api.extend(c, id, deadline_ms, timezone), msg_key("no_extend")),
        Change::Cancel => (can.cancel, api.cancel(c, id), msg_key("no_cancel")),
        Change::Remind => (can.remind, api.remind(c, id), msg_key("no_remind")),
        Change::Shortlist | Change::Reject => {
            let grade = if what == Change::Shortlist { Grade::Shortlist } else { Grade::Reject };
            (can.grade, api.grade(c, id, grade), msg_key("no_grade"))
        }
    };
    let req = offered(p, declared, req, lacking)?;
    if what == Change::Remind {
        return api.read_reminded(c, &t.send(p.vendor, &req).await?).map(|()| None);
    }
    api.read_changed(c, &call(t, p.vendor, &req).await?).map(Some)
}

/// The scores of graded interviews, where the provider gives them: one summary each. A
/// summary that can't be read leaves its row as it was (the verdict stands without a score).
pub async fn scores<T: Transport>(t: &T, p: &Provider, c: &Conn<'_>, rows: &mut [InterviewRow]) {
    if !p.capabilities.score {
        return;
    }
    for row in rows.iter_mut().filter(|r| r.pass.is_some()) {
        let Some(req) = p.api.summary(c, &row.uuid) else { return };
        if let Ok(Ok(score)) = call(t, p.vendor, &req).await.map(|r| p.api.read_score(&r)) {
            row.score = score.filter(|s| (0.0..=100.0).contains(s)).map(|s| s.round() as u32);
        }
    }
}

#[cfg(test)]
mod tests;
