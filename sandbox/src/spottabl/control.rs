//! `/_sandbox/spottabl/*` on `api.spottabl.com`: what the admin does in Spottabl's UI and the
//! partners in their portal, neither of which is modelled. Bodies are strict too, so a test
//! that misspells a field fails at once; errors are `{error: "<message>"}` as on the other
//! control endpoints.

use serde_json::{json, Map, Value};

use super::{comment_json, event_json, SpComment, SpEvent, SpSubmission};
use crate::http::{Request, Response};
use crate::state::State;
use crate::util::uuid_v4;
use crate::validate::{self, must, opt, Field, Ty};

const CANDIDATE: &[Field] = &[
    must("name", Ty::NonBlank),
    opt("emails", Ty::Strings),
    opt("phones", Ty::Strings),
    opt("links", Ty::Strings),
];

fn bad(status: u16, msg: &str) -> Response {
    Response::json(status, &json!({ "error": msg }))
}

fn body(req: &Request, fields: &[Field]) -> Result<Map<String, Value>, Response> {
    let b = validate::object(req).map_err(|m| bad(400, m))?;
    let errors = validate::check(&b, fields);
    if errors.is_empty() {
        return Ok(b);
    }
    let all: Vec<&str> = errors.iter().filter_map(|e| e["message"].as_str()).collect();
    Err(bad(400, &all.join("; ")))
}

fn text(b: &Map<String, Value>, k: &str) -> String {
    b.get(k).and_then(Value::as_str).unwrap_or_default().to_string()
}

fn strings(v: &Value, k: &str) -> Vec<String> {
    v[k].as_array()
        .map_or_else(Vec::new, |a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
}

pub fn control(st: &mut State, req: &Request) -> Response {
    if req.method != "POST" {
        return bad(405, "use POST");
    }
    match req.path.as_str() {
        "/_sandbox/spottabl/activate" => activate(st, req),
        "/_sandbox/spottabl/submissions" => submit(st, req),
        "/_sandbox/spottabl/events" => event(st, req),
        "/_sandbox/spottabl/comments" => partner_comment(st, req),
        _ => bad(404, "unknown sandbox endpoint"),
    }
}

/// `{jobId}`: the admin activates a draft job.
fn activate(st: &mut State, req: &Request) -> Response {
    let b = match body(req, &[must("jobId", Ty::NonBlank)]) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let now = st.now();
    let d = &mut st.data.spottabl;
    let Some(j) = d.jobs.iter_mut().find(|j| j.id == text(&b, "jobId")) else {
        return bad(404, "unknown job");
    };
    j.status = "active".into();
    j.activated_at.get_or_insert(now);
    let v = d.jobs.iter().find(|j| j.id == text(&b, "jobId")).map(|j| d.job_json(j));
    Response::json(200, &json!({ "data": v }))
}

/// `{jobId, candidate: {name, emails?, phones?, links?}, partnerId?, stageId?, comments?: [text]}`:
/// a partner submits a candidate to an active job (first partner, `stg_submitted` by default).
fn submit(st: &mut State, req: &Request) -> Response {
    let fields = [
        must("jobId", Ty::NonBlank),
        must("candidate", Ty::Object(CANDIDATE)),
        opt("partnerId", Ty::NonBlank),
        opt("stageId", Ty::NonBlank),
        opt("comments", Ty::Strings),
    ];
    let b = match body(req, &fields) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let now = st.now();
    let d = &mut st.data.spottabl;
    match d.jobs.iter().find(|j| j.id == text(&b, "jobId")) {
        None => return bad(404, "unknown job"),
        Some(j) if j.status != "active" => return bad(409, "partners only see active jobs"),
        Some(_) => {}
    }
    let partner = b.get("partnerId").and_then(Value::as_str).map(str::to_string);
    let Some(partner) = (match partner {
        Some(p) => d.seed.partners.iter().find(|x| x.id == p).cloned(),
        None => d.seed.partners.first().cloned(),
    }) else {
        return bad(400, "unknown partner");
    };
    let stage = b.get("stageId").and_then(Value::as_str).unwrap_or("stg_submitted").to_string();
    if d.stage(&stage).is_none() {
        return bad(400, "unknown stage");
    }
    let comments: Vec<String> = strings(&Value::Object(b.clone()), "comments");
    let comments = comments
        .into_iter()
        .map(|body| SpComment {
            id: format!("cmt_{}", uuid_v4().replace('-', "")),
            author_type: "partner".into(),
            author_name: partner.name.clone(),
            body,
            client_comment_id: None,
            created_at: now,
            seq: d.seq(),
        })
        .collect();
    let c = &b["candidate"];
    let s = SpSubmission {
        id: format!("sub_{}", uuid_v4().replace('-', "")),
        job_id: text(&b, "jobId"),
        partner_id: partner.id,
        name: c["name"].as_str().unwrap_or_default().to_string(),
        emails: strings(c, "emails"),
        phones: strings(c, "phones"),
        links: strings(c, "links"),
        stage_id: stage,
        comments,
        applied: Vec::new(),
        created_at: now,
        updated_at: now,
        seq: d.seq(),
    };
    let v = d.submission_json(&s);
    d.submissions.push(s);
    Response::json(201, &json!({ "data": v }))
}

/// `{submissionId, stageId}`: someone moves a submission in Spottabl; a `hired`-kind stage makes
/// a `hired` event, any other a `stage_changed` one, listed at `GET /v1/events`.
fn event(st: &mut State, req: &Request) -> Response {
    let b = match body(req, &[must("submissionId", Ty::NonBlank), must("stageId", Ty::NonBlank)]) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let now = st.now();
    let d = &mut st.data.spottabl;
    let Some(kind) = d.stage(&text(&b, "stageId")).map(|s| s.kind.clone()) else {
        return bad(400, "unknown stage");
    };
    let Some(i) = d.submissions.iter().position(|s| s.id == text(&b, "submissionId")) else {
        return bad(404, "unknown submission");
    };
    let seq = d.seq();
    let s = &mut d.submissions[i];
    let e = SpEvent {
        id: format!("evt_{}", uuid_v4().replace('-', "")),
        kind: if kind == "hired" { "hired" } else { "stage_changed" }.into(),
        submission_id: s.id.clone(),
        job_id: s.job_id.clone(),
        from_stage_id: s.stage_id.clone(),
        to_stage_id: text(&b, "stageId"),
        created_at: now,
        seq,
    };
    s.stage_id = e.to_stage_id.clone();
    s.updated_at = now;
    let v = event_json(&e);
    d.events.push(e);
    Response::json(201, &json!({ "data": v }))
}

/// `{submissionId, body}`: the partner comments on their submission.
fn partner_comment(st: &mut State, req: &Request) -> Response {
    let b = match body(req, &[must("submissionId", Ty::NonBlank), must("body", Ty::NonBlank)]) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let now = st.now();
    let d = &mut st.data.spottabl;
    let Some(i) = d.submissions.iter().position(|s| s.id == text(&b, "submissionId")) else {
        return bad(404, "unknown submission");
    };
    let partner = d.seed.partners.iter().find(|p| p.id == d.submissions[i].partner_id);
    let name = partner.map(|p| p.name.clone()).unwrap_or_default();
    let seq = d.seq();
    let c = SpComment {
        id: format!("cmt_{}", uuid_v4().replace('-', "")),
        author_type: "partner".into(),
        author_name: name,
        body: text(&b, "body"),
        client_comment_id: None,
        created_at: now,
        seq,
    };
    let v = comment_json(&c);
    let s = &mut d.submissions[i];
    s.comments.push(c);
    s.updated_at = now;
    Response::json(201, &json!({ "data": v }))
}
