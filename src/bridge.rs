//! Hellohire's writes into an ATS (today SmartRecruiters, as Hellohire's own integration does
//! [doc]), written once over the ATS-API interface and any transport: find a registrant's
//! profile, add them, write their rating as a tag. Every write first reads what the ATS has,
//! so a double press, a retry after a lost answer, or a resumed rating never writes twice.
//! The worker runs these with the browser's fetch and timers; the tests with a scripted ATS.

use crate::ats_api::{AtsConn, Candidates, NewPerson, Person};
use crate::error::{check, ApiError};
use crate::hellohire::{self, Registrant, SyncStep, TagWrite};
use crate::message::{Failure, SrProfile};
use crate::names::Names;
use crate::orchestrate::{call, Transport};
use crate::retry::{self, Next};
use crate::store::records::KeptRating;
use crate::vendor::Vendor;

/// The ATS the bridge writes into, and where.
#[derive(Clone, Copy)]
pub struct Target<'a> {
    pub vendor: Vendor,
    pub api: &'a dyn Candidates,
    pub conn: &'a AtsConn,
    /// People this browser added, as `made(email, id)` entries: search may not show them
    /// yet, their id does.
    pub made: &'a Names,
}

/// The entry for someone this browser added.
pub fn made(email: &str, id: &str) -> String {
    format!("{} {id}", crate::text::lower(email.trim()))
}

impl Target<'_> {
    fn made_id(&self, email: &str) -> Option<&str> {
        let email = email.trim();
        // The newest entry: someone deleted and added again has a new id.
        self.made
            .iter()
            .rev()
            .find_map(|n| n.split_once(' ').filter(|(e, _)| e.eq_ignore_ascii_case(email)).map(|(_, id)| id))
    }
}

/// Who the ATS has with the registrant's email: by search and, for someone this browser added,
/// whom search may not show yet, by their id.
async fn found<T: Transport>(t: &T, a: Target<'_>, r: &Registrant) -> Result<Vec<Person>, ApiError> {
    let mut found = a.api.read_found(&call(t, a.vendor, &a.api.find_by_email(a.conn, &r.email)).await?)?;
    if let Some(id) = a.made_id(&r.email).filter(|id| !found.iter().any(|p| p.id.eq_ignore_ascii_case(id))) {
        let reply = call(t, a.vendor, &a.api.candidate(a.conn, id)).await?;
        // Deleted since (404), or no longer theirs to see: search's word stands.
        if let Ok(p) = a.api.read_candidate(&reply) {
            found.push(p);
        }
    }
    Ok(found)
}

/// The registrant's profile in the ATS, by email (and last name, if several share it).
pub async fn lookup<T: Transport>(t: &T, a: Target<'_>, r: &Registrant) -> Result<Option<Person>, ApiError> {
    let found = found(t, a, r).await?;
    Ok(hellohire::pick(&found, &r.email, &r.last_name).cloned())
}

/// The whole candidate, tags included. It also proves the user may see them: SmartRecruiters
/// answers 403 when they lack access to the talent pool or the candidate's jobs.
pub async fn profile<T: Transport>(
    t: &T,
    a: Target<'_>,
    id: &str,
    interview: &str,
) -> Result<SrProfile, ApiError> {
    let c = a.api.read_candidate(&call(t, a.vendor, &a.api.candidate(a.conn, id)).await?)?;
    Ok(SrProfile {
        id: c.id.clone(),
        name: c.name(),
        url: a.api.profile_url(a.conn, &c.id),
        rating: hellohire::rating_for(&c.tags, interview),
    })
}

/// Why a rating isn't written yet, without the advice meant for a form (the rating is kept).
pub fn rating_failure(e: ApiError) -> Failure {
    Failure { message: e.background_message(), ..Failure::from(e) }
}

/// Writes a kept rating as the registrant's tag for the interview.
pub async fn write_rating<T: Transport>(t: &T, a: Target<'_>, p: &KeptRating) -> Result<SrProfile, Failure> {
    let found = lookup(t, a, &p.registrant).await.map_err(rating_failure)?.ok_or_else(|| {
        Failure::plain(format!(
            "{} isn't in {} yet, so there is no profile to tag. Add them to {} and the rating follows.",
            p.registrant.name(),
            a.vendor.label,
            a.vendor.label
        ))
    })?;
    let mut failures = 0;
    // Each write is sent once per look at the tags: one whose answer was lost may have landed,
    // and the next look shows whether it did. Bounded, should the tags never settle.
    for _ in 0..8 {
        let tags = call(t, a.vendor, &a.api.tags(a.conn, &found.id))
            .await
            .and_then(|r| a.api.read_tags(&r))
            .map_err(rating_failure)?;
        let req = match hellohire::retag(&tags, &p.interview, p.rating) {
            TagWrite::Nothing => return profile(t, a, &found.id, &p.interview).await.map_err(rating_failure),
            TagWrite::Append(tag) => a.api.add_tags(a.conn, &found.id, &[tag]),
            TagWrite::Replace(all) => a.api.replace_tags(a.conn, &found.id, &all).ok_or_else(|| {
                Failure::plain(format!(
                    "{} can't change a tag in place, so the rating wasn't changed.",
                    a.vendor.label
                ))
            })?,
        };
        let err = match t.send(a.vendor, &req).await.and_then(|reply| check(a.vendor, &reply)) {
            Ok(()) => continue,
            Err(e) if e.is_transient() => e,
            Err(e) => return Err(e.into()),
        };
        failures += 1;
        match retry::next(&err, failures) {
            Next::GiveUp => return Err(rating_failure(err)),
            Next::RetryAfterMs(ms) => t.sleep(ms).await,
        }
    }
    Err(ApiError::Garbled { vendor: a.vendor }.into())
}

/// Creates the registrant unless the ATS has them (by the article's rule), and says which it
/// was, with their id. A create refused (429) or unanswered (5xx, no answer) is tried again
/// only after another look, and a create that may have landed is looked for only once the
/// ATS's search can show it, so one that landed after all is not made twice.
pub async fn ensure_created<T: Transport>(
    t: &T,
    a: Target<'_>,
    r: &Registrant,
) -> Result<(SyncStep, String), ApiError> {
    let mut failures = 0;
    loop {
        let found = found(t, a, r).await?;
        let step = hellohire::sync_step(&found, r);
        match &step {
            SyncStep::Nothing { id } | SyncStep::UpdateFirstName { id } => {
                return Ok((step.clone(), id.clone()))
            }
            SyncStep::Create => {}
        }
        let new = NewPerson { first_name: &r.first_name, last_name: &r.last_name, email: &r.email };
        let req = a
            .api
            .create(a.conn, &new)
            .ok_or_else(|| ApiError::not_offered(a.vendor, &crate::i18n::msg("no_add_candidates")))?;
        let err = match t.send(a.vendor, &req).await.and_then(|reply| a.api.read_created(&reply)) {
            Ok(created) => return Ok((step, created.id)),
            Err(e) if e.is_transient() => e,
            Err(e) => return Err(e),
        };
        failures += 1;
        // Refused (429) means not made; any other failure may have been made, and search
        // shows it only after the ATS's lag.
        let lag = if matches!(err, ApiError::RateLimited { .. }) { 0 } else { a.api.search_lag_ms() };
        match retry::next(&err, failures) {
            Next::GiveUp => return Err(err),
            Next::RetryAfterMs(ms) => t.sleep(ms.max(lag)).await,
        }
    }
}

/// What [`sync_one`] would do for a registrant now, and the first name it would replace: read
/// only, for the recruiter to see before anything is written.
pub async fn plan_one<T: Transport>(
    t: &T,
    a: Target<'_>,
    r: &Registrant,
) -> Result<(SyncStep, String), ApiError> {
    let found = found(t, a, r).await?;
    let step = hellohire::sync_step(&found, r);
    let from = match &step {
        SyncStep::UpdateFirstName { id } => found.into_iter().find(|p| &p.id == id).map(|p| p.first_name),
        _ => None,
    };
    Ok((step, from.unwrap_or_default()))
}

/// "Create and update candidate profile" [doc] for one registrant.
pub async fn sync_one<T: Transport>(
    t: &T,
    a: Target<'_>,
    r: &Registrant,
) -> Result<(SyncStep, String), ApiError> {
    let (step, id) = ensure_created(t, a, r).await?;
    if let SyncStep::UpdateFirstName { id } = &step {
        if let Some(req) = a.api.update_first_name(a.conn, id, &r.first_name) {
            a.api.read_candidate(&call(t, a.vendor, &req).await?)?;
        }
    }
    Ok((step, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ats_api::smartrecruiters::{SmartRecruiters, VENDOR as SR};
    use crate::hellohire::Rating;
    use crate::http::HttpReply;
    use crate::http::Method::{Get, Post, Put};
    use crate::orchestrate::testing::{reply, ScriptedVendor};
    use crate::store::writer::testing::block_on;

    fn conn() -> AtsConn {
        AtsConn {
            base: "https://api.smartrecruiters.com".into(),
            app: "https://www.smartrecruiters.com".into(),
            key: "sr".into(),
            perform_as: None,
        }
    }

    fn ada() -> Registrant {
        Registrant {
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            email: "ada@x.example".into(),
            ..Default::default()
        }
    }

    const FOUND: &str = r#"{"totalFound":1,"content":[{"id":"c1","firstName":"Ada","lastName":"Lovelace","email":"ada@x.example"}]}"#;
    const NONE_FOUND: &str = r#"{"totalFound":0,"content":[]}"#;
    const ADA: &str = r#"{"id":"c1","firstName":"Ada","lastName":"Lovelace","email":"ada@x.example","tags":["hellohire - csr - yes"]}"#;

    fn pending(rating: Rating) -> KeptRating {
        KeptRating { registrant: ada(), interview: "CSR".into(), rating, error: String::new() }
    }

    #[test]
    fn a_rating_written_whose_answer_was_lost_is_seen_and_not_written_again() {
        let c = conn();
        let t = ScriptedVendor::default()
            .on(Get, "/candidates", vec![reply(200, FOUND)])
            .on(
                Get,
                "/candidates/c1/tags",
                vec![reply(200, r#"{"tags":[]}"#), reply(200, r#"{"tags":["hellohire - csr - yes"]}"#)],
            )
            .on(Post, "/candidates/c1/tags", vec![reply(502, "")])
            .on(Get, "/candidates/c1", vec![reply(200, ADA)]);
        let a = Target { vendor: SR, api: &SmartRecruiters, conn: &c, made: &Names::new() };
        let p = block_on(write_rating(&t, a, &pending(Rating::Yes))).unwrap();
        assert_eq!((p.id.as_str(), p.rating), ("c1", Some(Rating::Yes)));
        let posts = t.sent.borrow().iter().filter(|s| s.starts_with("POST")).count();
        assert_eq!(posts, 1, "the tag that landed is not written twice: {:?}", t.sent.borrow());
        assert_eq!(*t.slept.borrow(), [1000]);
    }

    #[test]
    fn a_changed_rating_replaces_its_tag_and_an_unknown_person_is_said_plainly() {
        let c = conn();
        let t = ScriptedVendor::default()
            .on(Get, "/candidates", vec![reply(200, FOUND)])
            .on(
                Get,
                "/candidates/c1/tags",
                vec![
                    reply(200, r#"{"tags":["hellohire - csr - yes","vip"]}"#),
                    reply(200, r#"{"tags":["hellohire - csr - no","vip"]}"#),
                ],
            )
            .on(Put, "/candidates/c1/tags", vec![reply(200, "{}")])
            .on(Get, "/candidates/c1", vec![reply(200, &ADA.replace("yes", "no"))]);
        let a = Target { vendor: SR, api: &SmartRecruiters, conn: &c, made: &Names::new() };
        assert_eq!(block_on(write_rating(&t, a, &pending(Rating::No))).unwrap().rating, Some(Rating::No));
        assert!(t.sent.borrow().contains(&"PUT /candidates/c1/tags".to_string()));
        let nobody = ScriptedVendor::default().on(Get, "/candidates", vec![reply(200, NONE_FOUND)]);
        let e = block_on(write_rating(&nobody, a, &pending(Rating::Yes))).unwrap_err();
        assert!(e.message.contains("isn't in SmartRecruiters yet"), "{}", e.message);
    }

    #[test]
    fn a_create_that_landed_behind_a_5xx_is_found_on_the_next_look() {
        let c = conn();
        let t = ScriptedVendor::default()
            .on(Get, "/candidates", vec![reply(200, NONE_FOUND), reply(200, FOUND)])
            .on(Post, "/candidates", vec![reply(503, "")]);
        let a = Target { vendor: SR, api: &SmartRecruiters, conn: &c, made: &Names::new() };
        let (step, id) = block_on(ensure_created(&t, a, &ada())).unwrap();
        assert_eq!((step, id.as_str()), (SyncStep::Nothing { id: "c1".into() }, "c1"));
        assert_eq!(*t.sent.borrow(), ["GET /candidates", "POST /candidates", "GET /candidates"]);
        // The next look waits for search to be able to show the create, not the 1 s retry.
        assert_eq!(*t.slept.borrow(), [SmartRecruiters.search_lag_ms()]);
    }

    #[test]
    fn someone_this_browser_added_is_found_by_id_while_search_lags() {
        let c = conn();
        let made: Names = [made("Ada@X.example", "c1")].into_iter().collect();
        let t = ScriptedVendor::default().on(Get, "/candidates", vec![reply(200, NONE_FOUND)]).on(
            Get,
            "/candidates/c1",
            vec![reply(200, ADA)],
        );
        let a = Target { vendor: SR, api: &SmartRecruiters, conn: &c, made: &made };
        assert_eq!(block_on(lookup(&t, a, &ada())).unwrap().map(|p| p.id), Some("c1".into()));
        let (step, _) = block_on(ensure_created(&t, a, &ada())).unwrap();
        assert_eq!(step, SyncStep::Nothing { id: "c1".into() }, "not added twice");
        assert!(!t.sent.borrow().iter().any(|s| s.starts_with("POST")), "{:?}", t.sent.borrow());
        // Deleted since: search's word stands, and they can be added again.
        let gone = ScriptedVendor::default().on(Get, "/candidates", vec![reply(200, NONE_FOUND)]).on(
            Get,
            "/candidates/c1",
            vec![reply(404, r#"{"message":"Not found"}"#)],
        );
        assert_eq!(block_on(lookup(&gone, a, &ada())).unwrap(), None);
    }

    #[test]
    fn a_429_on_create_waits_as_told_and_looks_again_before_creating() {
        let c = conn();
        let limited = Ok(HttpReply { status: 429, retry_after: Some(2), body: String::new() });
        let t = ScriptedVendor::default().on(Get, "/candidates", vec![reply(200, NONE_FOUND)]).on(
            Post,
            "/candidates",
            vec![limited, reply(201, ADA)],
        );
        let a = Target { vendor: SR, api: &SmartRecruiters, conn: &c, made: &Names::new() };
        let (step, id) = block_on(ensure_created(&t, a, &ada())).unwrap();
        assert_eq!((step, id.as_str()), (SyncStep::Create, "c1"));
        assert_eq!(*t.slept.borrow(), [2000]);
        assert_eq!(
            *t.sent.borrow(),
            ["GET /candidates", "POST /candidates", "GET /candidates", "POST /candidates"]
        );
    }

    #[test]
    fn a_first_name_that_differs_is_updated_once() {
        let c = conn();
        let t = ScriptedVendor::default()
            .on(Get, "/candidates", vec![reply(200, &FOUND.replace("\"Ada\"", "\"A.\""))])
            .on(crate::http::Method::Patch, "/candidates/c1", vec![reply(200, ADA)]);
        let a = Target { vendor: SR, api: &SmartRecruiters, conn: &c, made: &Names::new() };
        assert_eq!(
            block_on(sync_one(&t, a, &ada())).unwrap().0,
            SyncStep::UpdateFirstName { id: "c1".into() }
        );
        assert_eq!(*t.sent.borrow(), ["GET /candidates", "PATCH /candidates/c1"]);
    }

    #[test]
    fn a_plan_only_reads_and_names_the_first_name_it_would_replace() {
        let c = conn();
        let t = ScriptedVendor::default().on(
            Get,
            "/candidates",
            vec![reply(200, &FOUND.replace("\"Ada\"", "\"A.\"")), reply(200, NONE_FOUND), reply(200, FOUND)],
        );
        let a = Target { vendor: SR, api: &SmartRecruiters, conn: &c, made: &Names::new() };
        let renamed = block_on(plan_one(&t, a, &ada())).unwrap();
        assert_eq!(renamed, (SyncStep::UpdateFirstName { id: "c1".into() }, "A.".to_string()));
        assert_eq!(block_on(plan_one(&t, a, &ada())).unwrap(), (SyncStep::Create, String::new()));
        assert_eq!(
            block_on(plan_one(&t, a, &ada())).unwrap(),
            (SyncStep::Nothing { id: "c1".into() }, String::new())
        );
        assert_eq!(*t.sent.borrow(), ["GET /candidates"; 3], "nothing but lookups");
    }
}
