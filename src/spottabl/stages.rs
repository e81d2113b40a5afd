//! Stages and hires both ways (issue 13): a stage change made in Spottabl moves the Lever
//! opportunity, a hire archives it with Lever's hired reason; a change made in Lever on a
//! partner's candidate is sent to Spottabl. No webhook reaches an extension, so both sides are
//! read: Spottabl's event feed from a kept cursor [model], Lever's postings by
//! `updated_at_start` [doc]. Each link keeps the stage the opportunity was last known at, and a
//! change is only what differs from it, so nothing echoes; Lever is read before it is moved and
//! Spottabl takes a key per change, so two browsers apply a change once.

use super::{request, SpConn, VENDOR};
use crate::ats_api::lever::{self, agency, Lever};
use crate::ats_api::{AtsConn, Candidates};
use crate::error::{check, ApiError};
use crate::http::{HttpReply, HttpRequest, Method};
use crate::i18n::{msg, msgf, msgn};
use crate::node::Node;
use crate::orchestrate::{call, Transport};
use crate::store::records::{SpLink, SpottablLinks, StageMap};

/// The Lever side of the hired row: Lever's hired is an archive reason, not a stage [doc].
pub const HIRED: &str = "archive:hired";

/// Lever's changes are read from a minute before the last look began: the two clocks differ,
/// and reading a change twice costs nothing.
const OVERLAP_MS: i64 = 60_000;

/// A Spottabl stage: `kind` is `open`, `hired` or `rejected` [model].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpStage {
    pub id: String,
    pub name: String,
    pub kind: String,
}

/// Both sides' stages and the recruiter's mapping between them.
pub struct Stages<'a> {
    pub lever: &'a [(String, String)],
    pub spottabl: &'a [SpStage],
    /// `None` until the recruiter saves a mapping: then stages of the same name map, and
    /// Spottabl's hired stage to Lever's hired.
    pub saved: Option<&'a StageMap>,
}

impl Stages<'_> {
    /// Where a Spottabl stage puts the Lever opportunity: a Lever stage id or [`HIRED`].
    pub fn to_lever(&self, spottabl: &str) -> Option<&str> {
        if let Some(map) = self.saved {
            return map.pairs.iter().find(|(_, s)| s == spottabl).map(|(l, _)| l.as_str());
        }
        let s = self.spottabl.iter().find(|s| s.id == spottabl)?;
        if s.kind == "hired" {
            return Some(HIRED);
        }
        let same = self.lever.iter().find(|(_, n)| n.trim().eq_ignore_ascii_case(s.name.trim()));
        same.map(|(id, _)| id.as_str())
    }

    /// The Spottabl stage a Lever stage (or [`HIRED`]) puts the submission at.
    pub fn to_spottabl(&self, lever: &str) -> Option<&str> {
        if let Some(map) = self.saved {
            return map.pairs.iter().find(|(l, _)| l == lever).map(|(_, s)| s.as_str());
        }
        let s = if lever == HIRED {
            self.spottabl.iter().find(|s| s.kind == "hired")
        } else {
            let name = &self.lever.iter().find(|(id, _)| id == lever)?.1;
            self.spottabl.iter().find(|s| s.name.trim().eq_ignore_ascii_case(name.trim()))
        };
        s.map(|s| s.id.as_str())
    }
}

/// `GET /events?after=` [model]: stage changes and hires made in Spottabl, oldest first.
pub fn events(c: &SpConn, after: Option<&str>) -> HttpRequest {
    let mut path = "events?limit=100".to_string();
    if let Some(a) = after {
        path += &format!("&after={}", crate::http::encode_query_value(a));
    }
    request(c, Method::Get, &path, None)
}

/// A change made in Spottabl: the submission and the stage it went to.
pub type Event = (String, String);

/// A page of events, the cursor to read on from (given even for an empty page), and whether
/// more follow.
pub fn read_events(r: &HttpReply) -> Result<(Vec<Event>, Option<String>, bool), ApiError> {
    check(VENDOR, r)?;
    let garbled = || ApiError::Garbled { vendor: VENDOR };
    let n = Node::parse(&r.body).filter(Node::is_object).ok_or_else(garbled)?;
    let mut out = Vec::new();
    for e in n.get("data").items().ok_or_else(garbled)? {
        out.push((e.id("submissionId").ok_or_else(garbled)?, e.id("toStageId").ok_or_else(garbled)?));
    }
    Ok((out, n.id("nextCursor"), n.get("hasMore").flag() == Some(true)))
}

/// `POST /submissions/{id}/stage {stageId, source: "lever", clientEventId}` [model]: the same
/// key again changes nothing.
pub fn move_submission(c: &SpConn, submission: &str, stage: &str, key: &str) -> HttpRequest {
    let text = |s: &str| crate::json::to_string(&s).unwrap_or_default();
    let body =
        format!("{{\"stageId\":{},\"source\":\"lever\",\"clientEventId\":{}}}", text(stage), text(key));
    let path = format!("submissions/{}/stage", crate::http::encode_query_value(submission));
    request(c, Method::Post, &path, Some(body))
}

/// What one sync moved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Moved {
    pub to_lever: u32,
    pub hired: u32,
    pub to_spottabl: u32,
    /// Changes to a stage the mapping leaves out.
    pub unmapped: u32,
    /// Lever notes sent to Spottabl as comments.
    pub comments: u32,
    /// `<name>: <why>` of each change that couldn't be made.
    pub failed: Vec<String>,
}

impl Moved {
    /// The sentence's tail, or nothing when nothing moved.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if self.to_lever > 0 {
            parts.push(msgn("sp_to_lever", self.to_lever.into(), &[]));
        }
        if self.hired > 0 {
            parts.push(msgn("sp_hires", self.hired.into(), &[]));
        }
        if self.to_spottabl > 0 {
            parts.push(msgn("sp_to_spottabl", self.to_spottabl.into(), &[]));
        }
        if self.comments > 0 {
            parts.push(msgn("sp_notes_out", self.comments.into(), &[]));
        }
        if self.unmapped > 0 {
            parts.push(msgn("sp_unmapped", self.unmapped.into(), &[]));
        }
        let failed = (!self.failed.is_empty()).then(|| msgf("sp_not_moved", &[&self.failed.join("; ")]));
        super::run_said(parts, failed)
    }
}

/// Both directions once. `keep` is given the memo after each change, for the caller to store:
/// a worker stopped mid-run then repeats at most the change it was making, which Lever (read
/// before it is moved) and Spottabl (a key per change) make a no-op. The cursors move only past
/// what was applied.
pub async fn sync<T: Transport>(
    t: &T,
    lv: &AtsConn,
    sp: &SpConn,
    stages: &Stages<'_>,
    memo: &mut SpottablLinks,
    now_ms: i64,
    keep: &mut impl AsyncFnMut(&SpottablLinks),
) -> Result<Moved, ApiError> {
    let mut moved = Moved::default();
    let mut hired: Option<Vec<String>> = None;
    loop {
        let (page, next, more) =
            read_events(&call(t, VENDOR, &events(sp, memo.events_after.as_deref())).await?)?;
        for (submission, to) in page {
            let Some(i) = memo.links.iter().position(|l| l.submission == submission) else {
                // Not in Lever yet: it is brought at the stage it has then.
                continue;
            };
            match stages.to_lever(&to) {
                None => moved.unmapped += 1,
                Some(target) => {
                    let reasons = hired_reasons(t, lv, &mut hired).await?;
                    match into_lever(t, lv, &memo.links[i], target, reasons).await {
                        Ok(true) if target == HIRED => moved.hired += 1,
                        Ok(true) => moved.to_lever += 1,
                        Ok(false) => {}
                        Err(e) if stops(&e) => return Err(e),
                        // This one change can't be made (gone from Lever, refused): said, and
                        // the feed goes on rather than stopping at it for ever.
                        Err(e) => {
                            moved.failed.push(format!("{}: {}", memo.links[i].name, e.background_message()));
                            continue;
                        }
                    }
                    memo.links[i].stage = target.to_string();
                    keep(memo).await;
                }
            }
        }
        if next.is_some() {
            memo.events_after = next;
            keep(memo).await;
        }
        if !more {
            break;
        }
    }
    // Each once, in the order first linked (a few, so a search beats carrying a sort).
    let mut postings: Vec<String> = Vec::new();
    for l in &memo.links {
        if !postings.contains(&l.posting) {
            postings.push(l.posting.clone());
        }
    }
    let since = (memo.lever_since - OVERLAP_MS).max(0);
    for posting in postings {
        let mut next: Option<String> = None;
        loop {
            let req = agency::changed(lv, &posting, since, next.as_deref());
            let (opps, more) = agency::read_opps(&call(t, lever::VENDOR, &req).await?)?;
            for o in opps {
                let Some(i) = memo.links.iter().position(|l| l.opportunity == o.id) else { continue };
                // A note added changes the opportunity too [model]: its notes are read then.
                match super::comments::into_spottabl(t, lv, sp, &mut memo.links[i]).await {
                    Ok(0) => {}
                    Ok(n) => {
                        moved.comments += n;
                        keep(memo).await;
                    }
                    Err(e) if stops(&e) => return Err(e),
                    Err(e) => {
                        moved.failed.push(format!("{}: {}", memo.links[i].name, e.background_message()))
                    }
                }
                let now = match &o.archived {
                    None => o.stage.clone(),
                    Some(r) => {
                        if !hired_reasons(t, lv, &mut hired).await?.contains(r) {
                            // Archived for another reason: no stage of Spottabl's to send.
                            continue;
                        }
                        HIRED.to_string()
                    }
                };
                if now == memo.links[i].stage {
                    continue;
                }
                match stages.to_spottabl(&now) {
                    None => moved.unmapped += 1,
                    Some(to) => {
                        // The same change reads the same key in every browser and every retry.
                        let key = format!("lever:{}:{now}:{}", o.id, o.changed_at);
                        let req = move_submission(sp, &memo.links[i].submission, to, &key);
                        match call(t, VENDOR, &req).await.and_then(|r| check(VENDOR, &r)) {
                            Ok(()) => moved.to_spottabl += 1,
                            Err(e) if stops(&e) => return Err(e),
                            Err(e) => {
                                let why = e.background_message();
                                moved.failed.push(format!("{}: {why}", memo.links[i].name));
                                continue;
                            }
                        }
                    }
                }
                memo.links[i].stage = now;
                keep(memo).await;
            }
            match more {
                Some(n) => next = Some(n),
                None => break,
            }
        }
    }
    memo.lever_since = now_ms;
    Ok(moved)
}

/// An error that stops the whole run: the same would come for every change (a key refused, a
/// side down); anything else is one change's.
fn stops(e: &ApiError) -> bool {
    e.is_transient() || matches!(e, ApiError::KeyRejected { .. } | ApiError::Forbidden { .. })
}

/// Lever's hired archive reasons, asked once per run and only when needed.
async fn hired_reasons<'a, T: Transport>(
    t: &T,
    lv: &AtsConn,
    cache: &'a mut Option<Vec<String>>,
) -> Result<&'a [String], ApiError> {
    if cache.is_none() {
        let r = call(t, lever::VENDOR, &agency::hired_reasons(lv)).await?;
        *cache = Some(agency::read_reasons(&r)?);
    }
    Ok(cache.as_deref().unwrap_or_default())
}

/// Moves (or, for [`HIRED`], archives) the opportunity unless Lever has it there already:
/// whether it wrote.
async fn into_lever<T: Transport>(
    t: &T,
    lv: &AtsConn,
    link: &SpLink,
    target: &str,
    hired: &[String],
) -> Result<bool, ApiError> {
    let o = agency::read_opp(&call(t, lever::VENDOR, &Lever.candidate(lv, &link.opportunity)).await?)?;
    let there = match (&o.archived, target) {
        (Some(r), HIRED) => hired.contains(r),
        (None, stage) => o.stage == stage,
        // Archived in Lever (hired or not): a stage change from Spottabl doesn't bring it back,
        // which only the recruiter should decide.
        (Some(_), _) => true,
    };
    if there {
        return Ok(false);
    }
    let req = if target == HIRED {
        let reason = hired.first().ok_or_else(|| ApiError::Refused {
            vendor: lever::VENDOR,
            status: 0,
            reason: msg("sp_no_hired_reason"),
        })?;
        agency::archive(lv, &link.opportunity, reason)
    } else {
        Lever.move_stage(lv, &link.opportunity, target)
    };
    let req = req.ok_or(ApiError::NoKey { vendor: lever::VENDOR })?;
    check(lever::VENDOR, &call(t, lever::VENDOR, &req).await?)?;
    Ok(true)
}

#[cfg(test)]
mod tests;
