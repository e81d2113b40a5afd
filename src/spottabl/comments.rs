//! Comments both ways (issue 13, seed 003: "all communication becomes comments both ways"): a
//! partner's comment on a submission becomes a note on its Lever opportunity, and a note added
//! in Lever on such an opportunity becomes a comment on the submission [model]. Each link keeps
//! the ids it has carried either way; a note is looked for in Lever before it is written, and
//! Spottabl takes a key per comment, so a repeat after a lost answer or in a second browser
//! posts nothing twice. Only partners' comments come to Lever and only notes not made from them
//! go to Spottabl, so nothing echoes.

use super::{request, SpConn, VENDOR};
use crate::ats_api::lever::{self, agency, Lever};
use crate::ats_api::{AtsConn, Candidates};
use crate::error::{check, ApiError};
use crate::http::{HttpRequest, Method};
use crate::orchestrate::{call, Transport};
use crate::store::records::SpLink;

/// What marks a note made from a partner's comment: `<who> (Spottabl): <comment>`.
pub const FROM_SPOTTABL: &str = " (Spottabl): ";

/// Whether a note was made from a partner's comment. Compared as bytes: `str::contains` brings
/// the two-way searcher and a panic path with `char`'s escaping tables (6 KB) into the wasm.
fn from_spottabl(note: &str) -> bool {
    note.as_bytes().windows(FROM_SPOTTABL.len()).any(|w| w == FROM_SPOTTABL.as_bytes())
}

/// The note a partner's comment becomes.
pub fn note_of(who: &str, body: &str) -> String {
    format!("{who}{FROM_SPOTTABL}{body}")
}

/// `POST /submissions/{id}/comments {body, clientCommentId}` [model]: the same key again is the
/// comment made before.
pub fn comment(c: &SpConn, submission: &str, body: &str, key: &str) -> HttpRequest {
    let text = |s: &str| crate::json::to_string(&s).unwrap_or_default();
    let path = format!("submissions/{}/comments", crate::http::encode_query_value(submission));
    let body = format!("{{\"body\":{},\"clientCommentId\":{}}}", text(body.trim()), text(key));
    request(c, Method::Post, &path, Some(body))
}

/// Partner comments (id, note) into the opportunity's notes, those the link hasn't carried: each
/// looked for among Lever's notes first. How many were written.
pub async fn into_lever<T: Transport>(
    t: &T,
    lv: &AtsConn,
    link: &mut SpLink,
    comments: &[(String, String)],
) -> Result<u32, ApiError> {
    let fresh: Vec<&(String, String)> =
        comments.iter().filter(|(id, _)| !link.comments.contains(id)).collect();
    if fresh.is_empty() {
        return Ok(0);
    }
    let list = Lever.notes(lv, &link.opportunity).ok_or(ApiError::NoKey { vendor: lever::VENDOR })?;
    let have = agency::read_notes(&call(t, lever::VENDOR, &list).await?)?;
    let mut written = 0;
    for (id, note) in fresh {
        if !have.iter().any(|(_, h)| h.trim() == note.trim()) {
            let req = Lever
                .add_note(lv, &link.opportunity, note)
                .ok_or(ApiError::NoKey { vendor: lever::VENDOR })?;
            // Once: a note whose answer was lost is looked for by the next run, not sent again.
            check(lever::VENDOR, &t.send(lever::VENDOR, &req).await?)?;
            written += 1;
        }
        link.comments.push(id.clone());
    }
    Ok(written)
}

/// Notes added in Lever on the opportunity, those not made from a partner's comment and not
/// carried before, into comments on the submission. How many were sent.
pub async fn into_spottabl<T: Transport>(
    t: &T,
    lv: &AtsConn,
    sp: &SpConn,
    link: &mut SpLink,
) -> Result<u32, ApiError> {
    let list = Lever.notes(lv, &link.opportunity).ok_or(ApiError::NoKey { vendor: lever::VENDOR })?;
    let notes = agency::read_notes(&call(t, lever::VENDOR, &list).await?)?;
    let mut sent = 0;
    for (id, text) in notes {
        if link.notes.contains(&id) || from_spottabl(&text) || text.trim().is_empty() {
            continue;
        }
        let req = comment(sp, &link.submission, &text, &format!("lever-note:{id}"));
        check(VENDOR, &call(t, VENDOR, &req).await?)?;
        link.notes.push(id);
        sent += 1;
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::records::SpottablLinks;

    #[test]
    fn a_link_kept_before_comments_were_carried_reads_with_none_carried() {
        let before = r#"{"links":[{"submission":"s1","name":"Ann Lee","opportunity":"o1","posting":"p1","stage":"offer"}],
                         "events_after":"cur_3","lever_since":5}"#;
        let m: SpottablLinks = crate::json::from_str(before).unwrap();
        assert_eq!((m.links[0].stage.as_str(), m.events_after.as_deref()), ("offer", Some("cur_3")));
        assert!(m.links[0].comments.is_empty() && m.links[0].notes.is_empty());
    }

    #[test]
    fn a_lever_note_is_one_comment_by_its_id() {
        let sp = SpConn { base: "https://api.spottabl.com/v1".into(), key: "sp".into() };
        let r = comment(&sp, "sub_1", " Call “her” Tuesday. ", "lever-note:n9");
        assert_eq!(r.url, "https://api.spottabl.com/v1/submissions/sub_1/comments");
        assert_eq!(
            r.body.as_deref(),
            Some(r#"{"body":"Call “her” Tuesday.","clientCommentId":"lever-note:n9"}"#)
        );
        assert!(from_spottabl(&note_of("Northwind Talent", "Strong.")));
        assert!(!from_spottabl("Spottabl (Spottabl) called"));
    }
}
