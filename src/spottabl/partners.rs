//! Partner submissions into Lever (seed 003: "qualified candidates appear in Lever under the
//! job at the mapped stage, with the recruiter's comments"). For each active Spottabl job made
//! from a Lever posting, each partner's candidate becomes one Lever opportunity on that posting
//! (`origin: agency`, sources Spottabl and the partner), made as the Lever user the Lever
//! account names, and the partner's comments its notes. A candidate is looked up on the
//! posting by email before one is made, and each note is looked for before it is written, so
//! retries, a stopped worker and two browsers make nothing twice.

use super::comments;
use super::stages::{SpStage, Stages, HIRED};
use super::{request, SpConn, VENDOR};
use crate::ats_api::lever::agency::{self, Opp};
use crate::ats_api::lever::{self, Lever};
use crate::ats_api::{AtsConn, Candidates};
use crate::error::{check, ApiError};
use crate::http::{HttpReply, HttpRequest, Method};
use crate::i18n::{msg, msgf, msgn};
use crate::names::Names;
use crate::node::Node;
use crate::orchestrate::{call, Transport};
use crate::retry::{self, Next};
use crate::store::records::{SpLink, SpottablLinks};

/// A partner's candidate for a job.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Submission {
    pub id: String,
    /// The Lever posting of the job it was submitted to.
    pub posting: String,
    pub partner: String,
    pub name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub links: Vec<String>,
    pub stage_id: String,
    /// The partner's comments: (comment id, the note it becomes).
    pub notes: Vec<(String, String)>,
}

fn garbled() -> ApiError {
    ApiError::Garbled { vendor: VENDOR }
}

/// A list page: its items and where the next starts (`nextCursor` while `hasMore`).
pub(super) fn list(r: &HttpReply) -> Result<(Vec<Node>, Option<String>), ApiError> {
    check(VENDOR, r)?;
    let n = Node::parse(&r.body).filter(Node::is_object).ok_or_else(garbled)?;
    let more = n.get("hasMore").flag() == Some(true);
    Ok((n.get("data").items().ok_or_else(garbled)?, n.id("nextCursor").filter(|_| more)))
}

fn paged(path: String, after: Option<&str>) -> String {
    match after {
        Some(a) => format!("{path}&after={}", crate::http::encode_query_value(a)),
        None => path,
    }
}

/// `GET /jobs?source=lever&status=active`: the jobs partners work on.
pub fn active_jobs(c: &SpConn, after: Option<&str>) -> HttpRequest {
    request(c, Method::Get, &paged("jobs?source=lever&status=active&limit=100".into(), after), None)
}

/// A Spottabl job partners work on: its id, and the Lever posting it was made from.
pub type ActiveJob = (String, String);

/// The jobs on a page, and where the next starts.
pub fn read_jobs(r: &HttpReply) -> Result<(Vec<ActiveJob>, Option<String>), ApiError> {
    let (items, next) = list(r)?;
    let mut out = Vec::new();
    for j in items {
        out.push((j.id("id").ok_or_else(garbled)?, j.id("sourceId").ok_or_else(garbled)?));
    }
    Ok((out, next))
}

/// `GET /jobs/{id}/submissions`.
pub fn submissions(c: &SpConn, job: &str, after: Option<&str>) -> HttpRequest {
    let path = format!("jobs/{}/submissions?limit=100", crate::http::encode_query_value(job));
    request(c, Method::Get, &paged(path, after), None)
}

pub fn read_submissions(r: &HttpReply, posting: &str) -> Result<(Vec<Submission>, Option<String>), ApiError> {
    let (items, next) = list(r)?;
    let mut out = Vec::new();
    for s in items {
        let c = s.get("candidate");
        let partner = s.get("partner").str("name").unwrap_or_else(|| "a Spottabl partner".into());
        let mut notes = Vec::new();
        for m in s.get("comments").items().unwrap_or_default() {
            if let (Some("partner"), Some(id)) = (m.get("author").str("type").as_deref(), m.id("id")) {
                let who = m.get("author").str("name").unwrap_or_else(|| partner.clone());
                notes.push((id, comments::note_of(&who, &m.str("body").unwrap_or_default())));
            }
        }
        out.push(Submission {
            id: s.id("id").ok_or_else(garbled)?,
            posting: posting.to_string(),
            partner,
            name: c.id("name").ok_or_else(garbled)?,
            emails: c.texts("emails"),
            phones: c.texts("phones"),
            links: c.texts("links"),
            stage_id: s.str("stageId").unwrap_or_default(),
            notes,
        });
    }
    Ok((out, next))
}

/// `GET /stages` → `{data: [{id, name, position, kind}]}`.
pub fn stages(c: &SpConn) -> HttpRequest {
    request(c, Method::Get, "stages", None)
}

pub fn read_stages(r: &HttpReply) -> Result<Vec<SpStage>, ApiError> {
    let mut out = Vec::new();
    for s in list(r)?.0 {
        out.push(SpStage {
            id: s.id("id").ok_or_else(garbled)?,
            name: s.str("name").unwrap_or_default(),
            kind: s.str("kind").unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Lever's stages and Spottabl's, for the mapping.
pub async fn stage_lists<T: Transport>(
    t: &T,
    lv: &AtsConn,
    sp: &SpConn,
) -> Result<(Vec<(String, String)>, Vec<SpStage>), ApiError> {
    let lever_stages = agency::read_stages(&call(t, lever::VENDOR, &Lever.key_check(lv)).await?)?;
    Ok((lever_stages, read_stages(&call(t, VENDOR, &stages(sp)).await?)?))
}

/// What one run brought in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Brought {
    /// Names of the candidates made in Lever now.
    pub new: Vec<String>,
    /// Notes written.
    pub notes: u32,
    /// `<name>: <why>` of each one that couldn't be brought.
    pub failed: Vec<String>,
}

impl Brought {
    pub fn summary(&self) -> String {
        let mut parts = vec![match self.new.len() {
            0 => msg("sp_no_new_partner"),
            n => msgn("sp_new_partner", n as u64, &[&self.new.join(", ")]),
        }];
        if self.notes > 0 {
            parts.push(msgn("sp_partner_notes", self.notes.into(), &[]));
        }
        let failed = (!self.failed.is_empty()).then(|| msgf("sp_not_brought", &[&self.failed.join("; ")]));
        super::run_said(parts, failed)
    }
}

/// Every submission to an active job not yet brought (`done`, their ids), into Lever, at the
/// Lever stage its Spottabl stage maps to. `done` grows as each is brought and `memo` gains
/// its link, for the caller to keep.
pub async fn bring<T: Transport>(
    t: &T,
    lv: &AtsConn,
    sp: &SpConn,
    stages: &Stages<'_>,
    done: &mut Names,
    memo: &mut SpottablLinks,
) -> Result<Brought, ApiError> {
    if lv.perform_as.is_none() {
        return Err(ApiError::Refused {
            vendor: lever::VENDOR,
            status: 0,
            reason: msg("sp_pick_user_reason"),
        });
    }
    let mut out = Brought::default();
    let mut jobs = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let (page, next) = read_jobs(&call(t, VENDOR, &active_jobs(sp, after.as_deref())).await?)?;
        jobs.extend(page);
        match next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    for (job, posting) in jobs {
        let mut after: Option<String> = None;
        loop {
            let (page, next) = read_submissions(
                &call(t, VENDOR, &submissions(sp, &job, after.as_deref())).await?,
                &posting,
            )?;
            for s in page {
                let linked = memo.links.iter().position(|l| l.submission == s.id);
                if done.contains(&s.id) {
                    match linked {
                        // The partner's comments since, as notes.
                        Some(i) => match comments::into_lever(t, lv, &mut memo.links[i], &s.notes).await {
                            Ok(n) => out.notes += n,
                            Err(e @ (ApiError::KeyRejected { .. } | ApiError::Forbidden { .. })) => {
                                return Err(e)
                            }
                            Err(e) => out.failed.push(format!("{}: {}", s.name, e.background_message())),
                        },
                        // Brought by a version that kept no links: found again, once.
                        None => {
                            if let Some(o) = find(t, lv, &s).await? {
                                memo.links.push(link(&s, &o));
                            }
                        }
                    }
                    continue;
                }
                // A hire is an archive, made by the stage sync once the candidate is in Lever.
                let stage = stages.to_lever(&s.stage_id).filter(|l| *l != HIRED);
                match one(t, lv, &s, stage).await {
                    Ok((l, made, notes)) => {
                        if made {
                            out.new.push(s.name.clone());
                        }
                        out.notes += notes;
                        match linked {
                            Some(i) => memo.links[i].comments = l.comments,
                            None => memo.links.push(l),
                        }
                        done.insert(s.id);
                    }
                    Err(e @ (ApiError::KeyRejected { .. } | ApiError::Forbidden { .. })) => return Err(e),
                    Err(e) => out.failed.push(format!("{}: {}", s.name, e.background_message())),
                }
            }
            match next {
                Some(n) => after = Some(n),
                None => break,
            }
        }
    }
    Ok(out)
}

fn link(s: &Submission, o: &Opp) -> SpLink {
    SpLink {
        submission: s.id.clone(),
        name: s.name.clone(),
        opportunity: o.id.clone(),
        posting: s.posting.clone(),
        stage: o.stage.clone(),
        ..SpLink::default()
    }
}

/// The submission's opportunity on its posting, by its first email.
async fn find<T: Transport>(t: &T, lv: &AtsConn, s: &Submission) -> Result<Option<Opp>, ApiError> {
    let Some(email) = s.emails.first() else { return Ok(None) };
    let r = call(t, lever::VENDOR, &agency::on_posting(lv, &s.posting, email)).await?;
    Ok(agency::read_opps(&r)?.0.into_iter().next())
}

/// One submission into Lever: its opportunity (found on the posting by email, else made) and
/// its notes. Its link, whether it was made now, and how many notes were written.
async fn one<T: Transport>(
    t: &T,
    lv: &AtsConn,
    s: &Submission,
    stage: Option<&str>,
) -> Result<(SpLink, bool, u32), ApiError> {
    let mut failures = 0;
    let mut made = false;
    let opp = loop {
        if let Some(o) = find(t, lv, s).await? {
            break o;
        }
        let new = agency::NewOpportunity::new(
            &s.name, &s.emails, &s.phones, &s.links, &s.partner, &s.posting, stage,
        );
        let req = agency::create(lv, &new).ok_or(ApiError::NoKey { vendor: lever::VENDOR })?;
        // Sent once per look: a create whose answer was lost may have landed, and the next look
        // (by email) shows whether it did.
        let err = match t.send(lever::VENDOR, &req).await {
            Ok(r) if (200..300).contains(&r.status) => {
                made = true;
                break agency::read_opp(&r)?;
            }
            Ok(r) => match check(lever::VENDOR, &r) {
                Err(e) if e.is_transient() && !s.emails.is_empty() => e,
                Err(e) => return Err(e),
                Ok(()) => return Err(garbled()),
            },
            Err(e) if e.is_transient() && !s.emails.is_empty() => e,
            Err(e) => return Err(e),
        };
        failures += 1;
        match retry::next(&err, failures) {
            Next::GiveUp => return Err(err),
            Next::RetryAfterMs(ms) => t.sleep(ms).await,
        }
    };
    let mut l = link(s, &opp);
    let written = comments::into_lever(t, lv, &mut l, &s.notes).await?;
    Ok((l, made, written))
}

#[cfg(test)]
pub(crate) mod tests;
