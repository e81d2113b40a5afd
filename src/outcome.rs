//! A video interview's verdict written back into the candidate's ATS record (issue 12): a tag
//! on every ATS whose API takes tags, and a note where it takes notes (Lever). Each write is
//! made only after a look at what the ATS has, so a write whose answer was lost, or a verdict
//! kept and tried again later, is never written twice.

use crate::ats_api::{AtsConn, Candidates};
use crate::error::{check, ApiError};
use crate::orchestrate::{call, Transport};
use crate::retry::{self, Next};
use crate::vendor::Vendor;

/// The ATS a verdict goes to, and where.
#[derive(Clone, Copy)]
pub struct To<'a> {
    pub vendor: Vendor,
    pub api: &'a dyn Candidates,
    pub conn: &'a AtsConn,
}

fn verdict(pass: bool) -> &'static str {
    if pass {
        "shortlisted"
    } else {
        "rejected"
    }
}

/// The tag of a verdict: `myinterview - shortlisted`, the provider's name first, as the tags
/// Hellohire's integration writes (`hellohire - <interview> - yes`) [doc].
pub fn tag(provider: &str, pass: bool) -> String {
    crate::text::lower(&format!("{provider} - {}", verdict(pass)))
}

/// The note of a verdict: what it was, the score where the provider gives one, and where to
/// review the video again.
pub fn note(provider: &str, pass: bool, score: Option<u32>, review_url: &str) -> String {
    let mut out = format!("{provider}: {}", if pass { "Shortlisted" } else { "Rejected" });
    if let Some(s) = score {
        out += &format!(" · Score {s}");
    }
    if !review_url.is_empty() {
        out += &format!("\nReview the video: {review_url}");
    }
    out
}

/// Writes the verdict's tag, then its note, each unless the ATS has it already. `Ok(false)`:
/// the tag is in, and the note can't be written (Lever without a user to write it as). A
/// write refused for a while (429, 5xx, no answer) is tried again after a new look; one
/// refused for good comes back as the error.
pub async fn write<T: Transport>(
    t: &T,
    a: To<'_>,
    id: &str,
    tag: &str,
    note: &str,
) -> Result<bool, ApiError> {
    let mut failures = 0;
    // Bounded, should what the ATS shows never settle.
    for _ in 0..8 {
        let tags = a.api.read_tags(&call(t, a.vendor, &a.api.tags(a.conn, id)).await?)?;
        let req = if !tags.iter().any(|x| x.trim().eq_ignore_ascii_case(tag)) {
            a.api.add_tags(a.conn, id, &[tag.to_string()])
        } else {
            let (Some(post), Some(list)) = (a.api.add_note(a.conn, id, note), a.api.notes(a.conn, id)) else {
                return Ok(note.is_empty() || a.api.notes(a.conn, id).is_none());
            };
            let notes = a.api.read_notes(&call(t, a.vendor, &list).await?)?;
            if note.is_empty() || notes.iter().any(|n| n.trim() == note.trim()) {
                return Ok(true);
            }
            post
        };
        let err = match t.send(a.vendor, &req).await.and_then(|reply| check(a.vendor, &reply)) {
            Ok(()) => continue,
            Err(e) if e.is_transient() => e,
            Err(e) => return Err(e),
        };
        failures += 1;
        match retry::next(&err, failures) {
            Next::GiveUp => return Err(err),
            Next::RetryAfterMs(ms) => t.sleep(ms).await,
        }
    }
    Err(ApiError::Garbled { vendor: a.vendor })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ats_api::lever::{Lever, VENDOR as LEVER};
    use crate::ats_api::smartrecruiters::{SmartRecruiters, VENDOR as SR};
    use crate::http::Method::{Get, Post};
    use crate::orchestrate::testing::{reply, ScriptedVendor};
    use crate::store::writer::testing::block_on;

    fn lever(perform_as: Option<&str>) -> AtsConn {
        AtsConn {
            base: "https://api.lever.co/v1".into(),
            app: "https://hire.lever.co".into(),
            key: "lv".into(),
            perform_as: perform_as.map(str::to_string),
        }
    }

    const NOTE: &str =
        "myInterview: Shortlisted · Score 91\nReview the video: https://app.myinterview.com/v/1";
    const UNTAGGED: &str = r#"{"data":{"id":"o1","name":"Alan","emails":[],"tags":["vip"]}}"#;
    const TAGGED: &str =
        r#"{"data":{"id":"o1","name":"Alan","emails":[],"tags":["vip","myinterview - shortlisted"]}}"#;

    #[test]
    fn the_words_of_a_verdict() {
        assert_eq!(tag("myInterview", true), "myinterview - shortlisted");
        assert_eq!(tag("myInterview", false), "myinterview - rejected");
        assert_eq!(note("myInterview", true, Some(91), "https://app.myinterview.com/v/1"), NOTE);
        assert_eq!(note("myInterview", false, None, ""), "myInterview: Rejected");
    }

    #[test]
    fn lever_gets_the_tag_and_the_note_once_even_when_an_answer_was_lost() {
        let c = lever(Some("u1"));
        let notes_after = format!(
            r#"{{"data":[{{"id":"n1","text":{}, "fields":[]}}],"hasNext":false}}"#,
            crate::json::to_string(&NOTE).unwrap()
        );
        let t = ScriptedVendor::default()
            .on(Get, "/v1/opportunities/o1", vec![reply(200, UNTAGGED), reply(200, TAGGED)])
            // The tag landed, its answer didn't: the next look shows it, and it isn't sent again.
            .on(Post, "/v1/opportunities/o1/addTags", vec![reply(503, "{}")])
            .on(
                Get,
                "/v1/opportunities/o1/notes",
                vec![reply(200, r#"{"data":[],"hasNext":false}"#), reply(200, &notes_after)],
            )
            .on(Post, "/v1/opportunities/o1/notes", vec![reply(201, r#"{"data":{"noteId":"n1"}}"#)]);
        let a = To { vendor: LEVER, api: &Lever, conn: &c };
        assert_eq!(block_on(write(&t, a, "o1", "myinterview - shortlisted", NOTE)), Ok(true));
        let sent = t.sent.borrow();
        let count = |k: &str| sent.iter().filter(|s| *s == k).count();
        assert_eq!(count("POST /v1/opportunities/o1/addTags"), 1, "{sent:?}");
        assert_eq!(count("POST /v1/opportunities/o1/notes"), 1, "{sent:?}");

        // Written before: nothing is sent.
        let again = ScriptedVendor::default().on(Get, "/v1/opportunities/o1", vec![reply(200, TAGGED)]).on(
            Get,
            "/v1/opportunities/o1/notes",
            vec![reply(200, &notes_after)],
        );
        assert_eq!(block_on(write(&again, a, "o1", "myinterview - shortlisted", NOTE)), Ok(true));
        assert!(again.sent.borrow().iter().all(|s| s.starts_with("GET")), "{:?}", again.sent.borrow());
    }

    #[test]
    fn without_a_lever_user_only_the_tag_and_a_refusal_is_not_retried() {
        let c = lever(None);
        let t = ScriptedVendor::default()
            .on(Get, "/v1/opportunities/o1", vec![reply(200, UNTAGGED), reply(200, TAGGED)])
            .on(Post, "/v1/opportunities/o1/addTags", vec![reply(200, "{}")]);
        let a = To { vendor: LEVER, api: &Lever, conn: &c };
        assert_eq!(block_on(write(&t, a, "o1", "myinterview - shortlisted", NOTE)), Ok(false));

        let gone = ScriptedVendor::default().on(
            Get,
            "/v1/opportunities/o1",
            vec![reply(404, r#"{"code":"ResourceNotFound","message":"Opportunity not found"}"#)],
        );
        assert!(matches!(block_on(write(&gone, a, "o1", "t", "")), Err(ApiError::NotFound { .. })));
        assert_eq!(gone.sent.borrow().len(), 1);
    }

    #[test]
    fn smartrecruiters_gets_the_tag() {
        let c = AtsConn {
            base: "https://api.smartrecruiters.com".into(),
            app: "https://www.smartrecruiters.com".into(),
            key: "k".into(),
            perform_as: None,
        };
        let t = ScriptedVendor::default()
            .on(
                Get,
                "/candidates/c1/tags",
                vec![reply(200, r#"{"tags":[]}"#), reply(200, r#"{"tags":["myinterview - rejected"]}"#)],
            )
            .on(Post, "/candidates/c1/tags", vec![reply(200, "{}")]);
        let a = To { vendor: SR, api: &SmartRecruiters, conn: &c };
        assert_eq!(block_on(write(&t, a, "c1", "myinterview - rejected", "myInterview: Rejected")), Ok(true));
        assert_eq!(t.sent.borrow().iter().filter(|s| s.starts_with("POST")).count(), 1);
    }
}
