//! "Import the latest N jobs" (seed 003): Lever's published postings, public and internal,
//! newest first by `createdAt` (Lever has no sort parameter [doc]: every page is read, then
//! sorted), each sent to Spottabl as a draft job. Spottabl answers a posting it has with the
//! job made before (409 `job_exists`), so a run again, or a retry after a lost answer, imports
//! only what is new.

use super::{create_job, read_created_job, NewJob, SpConn, VENDOR};
use crate::ats_api::lever::{self, Posting};
use crate::ats_api::AtsConn;
use crate::error::ApiError;
use crate::i18n::{msg, msgf, msgn};
use crate::orchestrate::{call, Transport};

/// How many jobs an import takes by default, and at most.
pub const DEFAULT_COUNT: u32 = 10;
pub const MAX_COUNT: u32 = 100;
/// Pages of 100 postings read at most: no account has anywhere near 5,000 published.
const MAX_PAGES: usize = 50;

/// What one import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// Titles of the jobs made now.
    pub new: Vec<String>,
    /// Postings Spottabl had already.
    pub already: u32,
    /// `<title>: <why>` of each posting that couldn't be sent.
    pub failed: Vec<String>,
}

impl Imported {
    /// The run in the recruiter's words.
    pub fn summary(&self) -> String {
        let mut parts = vec![match self.new.len() {
            0 => msg("sp_no_new_jobs"),
            n => msgn("sp_new_jobs", n as u64, &[&self.new.join(", ")]),
        }];
        if self.already > 0 {
            parts.push(msgf("sp_already", &[&self.already.to_string()]));
        }
        let failed = (!self.failed.is_empty()).then(|| msgf("sp_not_imported", &[&self.failed.join("; ")]));
        super::run_said(parts, failed)
    }
}

/// The newest `n` postings, newest first (the same instant by id, so each browser picks the
/// same). Each is put in place among the `n` kept: `n` is at most `MAX_COUNT`, and the bridges
/// carry no sort (two of std's are 6 KB).
pub fn latest(all: Vec<Posting>, n: u32) -> Vec<Posting> {
    let n = n as usize;
    let mut out: Vec<Posting> = Vec::with_capacity(n + 1);
    for p in all {
        let at = out.partition_point(|q| (q.created_at, &p.id) > (p.created_at, &q.id));
        if at < n {
            out.insert(at, p);
            out.truncate(n);
        }
    }
    out
}

/// Every published posting on Lever's public and internal channels.
pub async fn published<T: Transport>(t: &T, c: &AtsConn) -> Result<Vec<Posting>, ApiError> {
    let mut all = Vec::new();
    let mut next: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let (page, more) =
            lever::read_postings(&call(t, lever::VENDOR, &lever::postings(c, next.as_deref())).await?)?;
        all.extend(page);
        match more {
            Some(n) => next = Some(n),
            None => break,
        }
    }
    Ok(all)
}

/// Sends the newest `n` published postings to Spottabl as draft jobs.
pub async fn import<T: Transport>(t: &T, lever: &AtsConn, sp: &SpConn, n: u32) -> Result<Imported, ApiError> {
    send(t, sp, latest(published(t, lever).await?, n.clamp(1, MAX_COUNT))).await
}

/// Auto-sync: every posting published since `since_ms` (when the recruiter turned it on), the
/// newest hundred at a time; Spottabl's `job_exists` makes the ones sent before no-ops.
pub async fn import_since<T: Transport>(
    t: &T,
    lever: &AtsConn,
    sp: &SpConn,
    since_ms: i64,
) -> Result<Imported, ApiError> {
    let all = published(t, lever).await?;
    send(t, sp, latest(all.into_iter().filter(|p| p.created_at >= since_ms).collect(), MAX_COUNT)).await
}

pub async fn send<T: Transport>(t: &T, sp: &SpConn, postings: Vec<Posting>) -> Result<Imported, ApiError> {
    let mut done = Imported::default();
    for p in postings {
        let job =
            NewJob { source_id: &p.id, title: &p.title, location: &p.location, description: &p.description };
        // Retried on a lost answer as any call: a job that was made is answered as `job_exists`.
        match call(t, VENDOR, &create_job(sp, &job)).await.and_then(|r| read_created_job(&r)) {
            Ok((_, true)) => done.new.push(p.title),
            Ok((_, false)) => done.already += 1,
            // The same refusal for every posting: stop asking.
            Err(e @ (ApiError::KeyRejected { .. } | ApiError::Forbidden { .. })) => return Err(e),
            Err(e) => done.failed.push(format!("{}: {}", p.title, e.background_message())),
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method::{Get, Post};
    use crate::orchestrate::testing::{reply, ScriptedVendor};
    use crate::store::writer::testing::block_on;

    fn posting(id: &str, title: &str, created: i64) -> String {
        format!(
            r#"{{"id":"{id}","text":"{title}","state":"published","createdAt":{created},
               "categories":{{"location":"Remote","team":null}},"content":{{"description":"About {title}"}}}}"#
        )
    }

    fn conns(sp_key: &str) -> (AtsConn, SpConn) {
        let lever = AtsConn {
            base: "https://api.lever.co/v1".into(),
            app: String::new(),
            key: "lv".into(),
            perform_as: None,
        };
        (lever, SpConn { base: "https://api.spottabl.com/v1".into(), key: sp_key.into() })
    }

    #[test]
    fn the_newest_are_sent_once_each_across_pages_and_a_lost_answer() {
        let (lever, sp) = conns("sp");
        let page1 = format!(
            r#"{{"data":[{},{}],"hasNext":true,"next":"%5B2%5D"}}"#,
            posting("a", "Old", 1),
            posting("b", "Newest", 9)
        );
        let page2 = format!(
            r#"{{"data":[{},{}],"hasNext":false}}"#,
            posting("c", "Middle", 5),
            posting("d", "Had", 7)
        );
        let t = ScriptedVendor::default()
            .on(Get, "/v1/postings", vec![reply(200, &page1), reply(200, &page2)])
            .on(
                Post,
                "/v1/jobs",
                vec![
                    reply(201, r#"{"data":{"id":"job_b"}}"#),
                    reply(409, r#"{"error":{"code":"job_exists","message":"x","existingId":"job_d"}}"#),
                    // Made, its answer lost; the retry is told it exists.
                    reply(502, "{}"),
                    reply(409, r#"{"error":{"code":"job_exists","message":"x","existingId":"job_c"}}"#),
                ],
            );
        let done = block_on(import(&t, &lever, &sp, 3)).unwrap();
        assert_eq!(done, Imported { new: vec!["Newest".into()], already: 2, failed: vec![] });
        assert_eq!(done.summary(), "Imported 1 new job as a Spottabl draft: Newest; 2 already in Spottabl.");
        let sent = t.sent.borrow();
        assert_eq!(sent.iter().filter(|s| *s == "POST /v1/jobs").count(), 4, "{sent:?}");
    }

    #[test]
    fn the_latest_are_the_newest_n_newest_first_and_the_same_instant_by_id() {
        let p = |id: &str, at: i64| Posting {
            id: id.into(),
            title: String::new(),
            location: String::new(),
            description: String::new(),
            created_at: at,
        };
        let all = vec![p("e", 3), p("a", 1), p("c", 7), p("b", 7), p("d", 9), p("f", 2)];
        let ids = |v: Vec<Posting>| v.into_iter().map(|p| p.id).collect::<Vec<_>>();
        assert_eq!(ids(latest(all.clone(), 3)), ["d", "b", "c"]);
        assert_eq!(ids(latest(all.clone(), 10)), ["d", "b", "c", "e", "f", "a"]);
        let mut reversed = all;
        reversed.reverse();
        assert_eq!(
            ids(latest(reversed, 4)),
            ["d", "b", "c", "e"],
            "the order Lever lists them in doesn't matter"
        );
        assert!(latest(Vec::new(), 5).is_empty());
    }

    #[test]
    fn a_refused_key_stops_the_run() {
        let (lever, sp) = conns("bad");
        let page =
            format!(r#"{{"data":[{},{}],"hasNext":false}}"#, posting("a", "A", 1), posting("b", "B", 2));
        let t = ScriptedVendor::default().on(Get, "/v1/postings", vec![reply(200, &page)]).on(
            Post,
            "/v1/jobs",
            vec![reply(401, r#"{"error":{"code":"unauthorized","message":"no"}}"#)],
        );
        assert!(matches!(block_on(import(&t, &lever, &sp, 10)), Err(ApiError::KeyRejected { .. })));
        assert_eq!(t.sent.borrow().len(), 2);
        assert_eq!(Imported::default().summary(), "No new jobs to import.");
    }
}
