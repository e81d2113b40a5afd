//! `/v1/submissions/{id}…` [model]: one submission, stage changes coming from Lever, comments.
//! Both writes are idempotent by a key the client chooses (`clientEventId`, `clientCommentId`),
//! because the extension retries across restarts and two browsers may both send.

use serde_json::{json, Value};

use super::api::{strict, text};
use super::{comment_json, error, page, SpComment};
use crate::http::{Request, Response};
use crate::state::State;
use crate::util::uuid_v4;
use crate::validate::{must, Ty};

pub fn route(
    st: &mut State,
    req: &Request,
    method: &str,
    segments: &[&str],
    q: &[(String, String)],
) -> Response {
    let Some(i) =
        segments.first().and_then(|id| st.data.spottabl.submissions.iter().position(|s| s.id == *id))
    else {
        return error(404, "not_found", "Submission not found");
    };
    let one = |name: &str| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let d = &st.data.spottabl;
    match (method, &segments[1..]) {
        ("GET", []) => Response::json(200, &json!({"data": d.submission_json(&d.submissions[i])})),
        ("POST", ["stage"]) => stage(st, req, i),
        ("GET", ["comments"]) => {
            let list = d.submissions[i].comments.iter().map(|c| (c.seq, comment_json(c))).collect();
            page(list, one("after"), one("limit"))
        }
        ("POST", ["comments"]) => comment(st, req, i),
        (_, [] | ["stage"] | ["comments"]) => error(405, "method_not_allowed", "Method not allowed"),
        _ => error(404, "not_found", "Not found"),
    }
}

/// `POST /v1/submissions/{id}/stage {stageId, source: "lever", clientEventId}`: 200 and the
/// submission; the same `clientEventId` again changes nothing and answers 200 with
/// `"replayed": true`. Not added to `/v1/events`, which lists changes made in Spottabl only, so
/// a change from Lever never comes back to Lever.
fn stage(st: &mut State, req: &Request, i: usize) -> Response {
    let fields = [
        must("stageId", Ty::NonBlank),
        must("source", Ty::OneOf(&["lever"])),
        must("clientEventId", Ty::NonBlank),
    ];
    let b = match strict(req, &fields) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let (stage, key) =
        (text(&b, "stageId").unwrap_or_default(), text(&b, "clientEventId").unwrap_or_default());
    let now = st.now();
    let d = &mut st.data.spottabl;
    if d.stage(&stage).is_none() {
        let details = json!([{"field": "stageId", "message": format!("unknown stage {stage}")}]);
        let body =
            json!({"error": {"code": "validation_failed", "message": "Unknown stage", "details": details}});
        return Response::json(422, &body);
    }
    let replayed = d.submissions[i].applied.iter().any(|(k, _)| *k == key);
    d.stage_updates.push(json!({
        "submissionId": d.submissions[i].id, "stageId": stage, "clientEventId": key,
        "applied": !replayed, "at": crate::util::format_iso(now),
    }));
    let s = &mut d.submissions[i];
    if !replayed {
        s.applied.push((key, stage.clone()));
        s.stage_id = stage;
        s.updated_at = now;
    }
    let v = d.submission_json(&d.submissions[i]);
    Response::json(200, &json!({"data": v, "replayed": replayed}))
}

/// `POST /v1/submissions/{id}/comments {body, clientCommentId}`: 201 and the comment, by the
/// key's company; the same `clientCommentId` again is 200 with the comment already made.
fn comment(st: &mut State, req: &Request, i: usize) -> Response {
    let b = match strict(req, &[must("body", Ty::NonBlank), must("clientCommentId", Ty::NonBlank)]) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let key = text(&b, "clientCommentId");
    let now = st.now();
    let d = &mut st.data.spottabl;
    if let Some(c) = d.submissions[i].comments.iter().find(|c| c.client_comment_id == key) {
        return Response::json(200, &json!({"data": comment_json(c)}));
    }
    let seq = d.seq();
    let c = SpComment {
        id: format!("cmt_{}", uuid_v4().replace('-', "")),
        author_type: "client".into(),
        author_name: d.seed.org_name.clone(),
        body: text(&b, "body").unwrap_or_default(),
        client_comment_id: key,
        created_at: now,
        seq,
    };
    let v: Value = comment_json(&c);
    let s = &mut d.submissions[i];
    s.comments.push(c);
    s.updated_at = now;
    Response::json(201, &json!({"data": v}))
}
