//! `api.spottabl.com/v1` [model]: auth, `me`, stages, jobs; the submission routes are in
//! `submissions.rs`.

use serde_json::{json, Map, Value};

use super::{error, page, submissions, SpJob};
use crate::http::{Request, Response};
use crate::state::State;
use crate::util::{parse_query, uuid_v4};
use crate::validate::{self, must, opt, Field, Ty};

pub fn api(st: &mut State, req: &Request) -> Response {
    let Some(rest) = req.path.strip_prefix("/v1/") else {
        return error(404, "not_found", "Not found");
    };
    let key = req.header("authorization").and_then(|h| h.strip_prefix("Bearer ")).map(str::trim);
    if !key.is_some_and(|k| st.data.spottabl.seed.api_keys.iter().any(|x| x == k)) {
        return error(401, "unauthorized", "Missing or invalid API key");
    }
    let q = parse_query(&req.query);
    let one = |name: &str| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let segments: Vec<&str> = rest.trim_matches('/').split('/').collect();
    let method = if req.method == "HEAD" { "GET" } else { req.method.as_str() };
    let d = &st.data.spottabl;
    match (method, segments.as_slice()) {
        ("GET", ["me"]) => {
            Response::json(200, &json!({"data": {"orgId": d.seed.org_id, "orgName": d.seed.org_name}}))
        }
        ("GET", ["stages"]) => Response::json(200, &json!({"data": d.seed.stages})),
        ("GET", ["jobs"]) => {
            let jobs = d
                .jobs
                .iter()
                .filter(|j| one("source").is_none_or(|s| j.source == s))
                .filter(|j| one("sourceId").is_none_or(|s| j.source_id == s))
                .filter(|j| one("status").is_none_or(|s| j.status == s))
                .map(|j| (j.seq, d.job_json(j)))
                .collect();
            page(jobs, one("after"), one("limit"))
        }
        ("POST", ["jobs"]) => create_job(st, req),
        ("GET", ["jobs", id]) => match d.jobs.iter().find(|j| j.id == *id) {
            Some(j) => Response::json(200, &json!({"data": d.job_json(j)})),
            None => error(404, "not_found", "Job not found"),
        },
        ("GET", ["jobs", id, "submissions"]) => {
            if !d.jobs.iter().any(|j| j.id == *id) {
                return error(404, "not_found", "Job not found");
            }
            let list = d
                .submissions
                .iter()
                .filter(|s| s.job_id == *id)
                .map(|s| (s.seq, d.submission_json(s)))
                .collect();
            page(list, one("after"), one("limit"))
        }
        ("GET", ["events"]) => {
            let list = d.events.iter().map(|e| (e.seq, super::event_json(e))).collect();
            page(list, one("after"), one("limit"))
        }
        (_, ["submissions", ..]) => submissions::route(st, req, method, &segments[1..], &q),
        _ => error(404, "not_found", "Not found"),
    }
}

/// The body checked against `fields`: 400 for what is not a JSON object, 422 listing every
/// problem in `details`.
pub fn strict(req: &Request, fields: &[Field]) -> Result<Map<String, Value>, Response> {
    let b = validate::object(req).map_err(|m| error(400, "invalid_json", m))?;
    let details = validate::check(&b, fields);
    if details.is_empty() {
        return Ok(b);
    }
    let body = json!({"error": {
        "code": "validation_failed", "message": "The request body is not valid", "details": details,
    }});
    Err(Response::json(422, &body))
}

pub fn text(b: &Map<String, Value>, name: &str) -> Option<String> {
    b.get(name).and_then(Value::as_str).map(str::to_string)
}

/// `POST /v1/jobs`: a draft job from an ATS posting; the same `(source, sourceId)` again is 409
/// naming the job already made, so a re-import finds it instead of duplicating it.
fn create_job(st: &mut State, req: &Request) -> Response {
    let fields = [
        must("source", Ty::OneOf(&["lever"])),
        must("sourceId", Ty::NonBlank),
        must("title", Ty::NonBlank),
        opt("location", Ty::Text),
        opt("description", Ty::Text),
    ];
    let b = match strict(req, &fields) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let (source, source_id) =
        (text(&b, "source").unwrap_or_default(), text(&b, "sourceId").unwrap_or_default());
    let now = st.now();
    let d = &mut st.data.spottabl;
    if let Some(j) = d.jobs.iter().find(|j| j.source == source && j.source_id == source_id) {
        let body = json!({"error": {
            "code": "job_exists", "message": "A job was already imported from this posting", "existingId": j.id,
        }});
        return Response::json(409, &body);
    }
    let seq = d.seq();
    let job = SpJob {
        id: format!("job_{}", uuid_v4().replace('-', "")),
        source,
        source_id,
        title: text(&b, "title").unwrap_or_default(),
        location: text(&b, "location"),
        description: text(&b, "description"),
        status: "draft".into(),
        created_at: now,
        activated_at: None,
        seq,
    };
    let v = d.job_json(&job);
    d.jobs.push(job);
    Response::json(201, &json!({"data": v}))
}
