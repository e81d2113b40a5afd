//! What the panel shows on a Lever page (issue 13): on a posting, its Spottabl job (Not
//! imported, Draft, Active) with Import now and Open in Spottabl; on a partner's candidate, the
//! submission's comment thread and a reply that becomes both a Lever note and a Spottabl
//! comment [model].

use super::comments::comment;
use super::partners::list;
use super::{request, SpConn, VENDOR};
use crate::ats_api::lever::{self, Lever};
use crate::ats_api::{AtsConn, Candidates};
use crate::error::{check, ApiError};
use crate::http::{encode_query_value, HttpReply, HttpRequest, Method};
use crate::message::Said;
use crate::node::Node;
use crate::orchestrate::{call, Transport};
use crate::store::records::SpLink;

/// `GET /jobs?source=lever&sourceId=<posting>` [model]: the job made from a posting, if any.
pub fn job_of(c: &SpConn, posting: &str) -> HttpRequest {
    let path = format!("jobs?source=lever&sourceId={}&limit=1", encode_query_value(posting));
    request(c, Method::Get, &path, None)
}

/// The job's id and status (`draft`, `active`, …), or `None` for a posting not imported.
pub fn read_job_of(r: &HttpReply) -> Result<Option<(String, String)>, ApiError> {
    let garbled = || ApiError::Garbled { vendor: VENDOR };
    match list(r)?.0.first() {
        Some(j) => Ok(Some((j.id("id").ok_or_else(garbled)?, j.id("status").ok_or_else(garbled)?))),
        None => Ok(None),
    }
}

/// Where the recruiter sees a job in Spottabl's app [model: the app's routes are not public].
pub fn job_url(app: &str, job: &str) -> String {
    crate::settings::join(app, &format!("jobs/{}", encode_query_value(job)))
}

/// `GET /submissions/{id}` [model]: the submission, its partner and its whole thread.
pub fn submission(c: &SpConn, id: &str) -> HttpRequest {
    request(c, Method::Get, &format!("submissions/{}", encode_query_value(id)), None)
}

/// The partner's name and the thread, oldest first.
pub fn read_thread(r: &HttpReply) -> Result<(String, Vec<Said>), ApiError> {
    check(VENDOR, r)?;
    let s = Node::parse(&r.body).map(|n| n.get("data")).filter(Node::is_object);
    let s = s.ok_or(ApiError::Garbled { vendor: VENDOR })?;
    let partner = s.get("partner").id("name").unwrap_or_else(|| crate::i18n::msg("sp_a_partner"));
    let said = s
        .get("comments")
        .items()
        .unwrap_or_default()
        .iter()
        .filter_map(|m| {
            let body = m.str("body").filter(|b| !b.trim().is_empty())?;
            let who = m.get("author").id("name").unwrap_or_else(|| "Spottabl".into());
            Some(Said { who, at: m.str("createdAt").unwrap_or_default(), body })
        })
        .collect();
    Ok((partner, said))
}

/// The recruiter's reply: a Lever note first (Lever's notes are where the team reads), then the
/// Spottabl comment keyed by that note, which the link then records as carried. `Ok(None)`: in
/// both. `Ok(Some(why))`: a Lever note only, left uncarried, so the next look sends it as any
/// note added in Lever (twice is one comment, by its key). `Err`: nothing written.
pub async fn reply<T: Transport>(
    t: &T,
    lv: &AtsConn,
    sp: &SpConn,
    link: &mut SpLink,
    body: &str,
) -> Result<Option<ApiError>, ApiError> {
    let req = Lever
        .add_note(lv, &link.opportunity, body.trim())
        .ok_or(ApiError::NoKey { vendor: lever::VENDOR })?;
    // Once: a lost answer is not sent again, which would write a second note.
    let made = t.send(lever::VENDOR, &req).await?;
    check(lever::VENDOR, &made)?;
    let note = Node::parse(&made.body)
        .and_then(|n| n.get("data").id("noteId"))
        .ok_or(ApiError::Garbled { vendor: lever::VENDOR })?;
    let req = comment(sp, &link.submission, body, &format!("lever-note:{note}"));
    match call(t, VENDOR, &req).await.and_then(|r| check(VENDOR, &r)) {
        Ok(_) => {
            link.notes.push(note);
            Ok(None)
        }
        Err(e) => Ok(Some(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method::Post;
    use crate::orchestrate::testing::{reply as answer, ScriptedVendor};
    use crate::spottabl::partners::tests::conns;
    use crate::store::writer::testing::block_on;

    fn r(status: u16, body: &str) -> HttpReply {
        HttpReply { status, retry_after: None, body: body.into() }
    }

    #[test]
    fn a_posting_is_found_by_its_id() {
        let (_, sp) = conns();
        assert_eq!(
            job_of(&sp, "p 1").url,
            "https://api.spottabl.com/v1/jobs?source=lever&sourceId=p%201&limit=1"
        );
        let one = r(200, r#"{"data":[{"id":"job_1","status":"draft"}],"hasMore":false}"#);
        assert_eq!(read_job_of(&one), Ok(Some(("job_1".into(), "draft".into()))));
        assert_eq!(read_job_of(&r(200, r#"{"data":[],"hasMore":false}"#)), Ok(None));
        assert!(read_job_of(&r(200, r#"{"data":[{"id":"job_1"}]}"#)).is_err());
        assert_eq!(job_url("https://app.spottabl.com/", "job_1"), "https://app.spottabl.com/jobs/job_1");
    }

    #[test]
    fn a_reply_is_one_note_and_one_comment_keyed_by_it() {
        let (lv, sp) = conns();
        let t = ScriptedVendor::default()
            .on(Post, "/v1/opportunities/o1/notes", vec![answer(201, r#"{"data":{"noteId":"n7"}}"#)])
            .on(
                Post,
                "/v1/submissions/s1/comments",
                vec![answer(502, "{}"), answer(200, r#"{"data":{"id":"c1"}}"#)],
            );
        let mut link = SpLink { submission: "s1".into(), opportunity: "o1".into(), ..SpLink::default() };
        assert_eq!(block_on(reply(&t, &lv, &sp, &mut link, " Can she start in May? ")), Ok(None));
        assert_eq!(link.notes, vec!["n7".to_string()]);
        let bodies = t.bodies.borrow();
        assert_eq!(bodies[0].1, r#"{"value":"Can she start in May?"}"#);
        assert_eq!(bodies[2].1, r#"{"body":"Can she start in May?","clientCommentId":"lever-note:n7"}"#);
        assert_eq!(t.sent.borrow().iter().filter(|s| s.starts_with("POST /v1/opportunities")).count(), 1);
    }

    #[test]
    fn a_lost_note_answer_is_not_sent_again() {
        let (lv, sp) = conns();
        let t = ScriptedVendor::default().on(Post, "/v1/opportunities/o1/notes", vec![answer(503, "{}")]);
        let mut link = SpLink { submission: "s1".into(), opportunity: "o1".into(), ..SpLink::default() };
        assert!(block_on(reply(&t, &lv, &sp, &mut link, "x")).is_err());
        assert_eq!(t.sent.borrow().len(), 1);
        assert!(link.notes.is_empty());
    }

    #[test]
    fn a_reply_spottabl_refuses_stays_a_note_for_the_look_to_send() {
        let (lv, sp) = conns();
        let down = || answer(503, "{}");
        let t = ScriptedVendor::default()
            .on(Post, "/v1/opportunities/o1/notes", vec![answer(201, r#"{"data":{"noteId":"n8"}}"#)])
            .on(Post, "/v1/submissions/s1/comments", vec![down(), down(), down(), down(), down()]);
        let mut link = SpLink { submission: "s1".into(), opportunity: "o1".into(), ..SpLink::default() };
        let said = block_on(reply(&t, &lv, &sp, &mut link, "x")).unwrap();
        assert!(matches!(said, Some(ApiError::Server { .. })), "{said:?}");
        assert!(link.notes.is_empty(), "not carried: the look sends it");
    }

    #[test]
    fn the_thread_is_read_with_its_partner() {
        let one = r(
            200,
            r#"{"data":{"id":"s1","partner":{"id":"p","name":"Northwind"},"comments":[
                {"id":"c1","author":{"type":"partner","name":"Northwind"},"body":"Hi","createdAt":"2026-12-01T10:00:00Z"},
                {"id":"c2","author":{"type":"client","name":null},"body":" "},
                {"id":"c3","author":{"type":"client"},"body":"Thanks"}]}}"#,
        );
        let (partner, said) = read_thread(&one).unwrap();
        assert_eq!(partner, "Northwind");
        assert_eq!(
            said,
            vec![
                Said { who: "Northwind".into(), at: "2026-12-01T10:00:00Z".into(), body: "Hi".into() },
                Said { who: "Spottabl".into(), at: String::new(), body: "Thanks".into() },
            ]
        );
        assert!(read_thread(&r(404, r#"{"error":{"code":"not_found","message":"x"}}"#)).is_err());
    }
}
