//! `api.sparkhire.com` (classic API v1.0) and `app.sparkhire.com` pages.

use base64::Engine;
use serde_json::{json, Value};

use crate::http::{Request, Response};
use crate::state::{split_name, Interview, SeedUser, ShareLink, State};
use crate::util::{format_iso, html_escape, now_secs, parse_iso, parse_query, uuid_v4};

fn reason(status: u16, msg: &str) -> Response {
    Response::json(status, &json!({ "reason": msg }))
}

/// The API key from `Authorization: Basic base64(KEY:)`.
pub fn basic_auth_user(req: &Request) -> Option<String> {
    let value = req.header("authorization")?.trim();
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD.decode(token.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let user = text.split_once(':').map(|(u, _)| u).unwrap_or(&text);
    Some(user.to_string())
}

pub fn api(st: &mut State, req: &Request) -> Response {
    let Some(rest) = req.path.strip_prefix("/v1.0") else {
        return reason(404, "Not found");
    };
    if !(rest.is_empty() || rest.starts_with('/')) {
        return reason(404, "Not found");
    }
    let user: SeedUser =
        match basic_auth_user(req).and_then(|key| st.data.users.iter().find(|u| u.api_key == key).cloned()) {
            Some(u) => u,
            None => return reason(401, "Invalid API key"),
        };
    if let Some(secs) = st.over_rate(&user.api_key) {
        return reason(429, "Rate limit exceeded")
            .with_header("X-Rate-Limit-Try-Again-Seconds", secs.to_string());
    }
    let segments: Vec<&str> = rest.trim_matches('/').split('/').collect();
    let method = if req.method == "HEAD" { "GET" } else { req.method.as_str() };
    match (method, segments.as_slice()) {
        ("GET", ["me"]) => me(st, &user),
        ("GET", ["jobs"]) => {
            let d = &st.data;
            Response::json(200, &Value::Array(d.jobs.iter().map(|j| d.job_json(j)).collect()))
        }
        ("POST", ["jobs"]) => create_job(st, req),
        ("GET", ["jobs", id]) => match st.data.job(id) {
            Some(j) => Response::json(200, &st.data.job_json(j)),
            None => reason(404, "Not found"),
        },
        ("GET", ["question_sets"]) => {
            let d = &st.data;
            let list = d.question_sets.iter().map(|q| d.question_set_json(q)).collect();
            Response::json(200, &Value::Array(list))
        }
        ("GET", ["question_sets", id]) => match st.data.question_set(id) {
            Some(q) => Response::json(200, &st.data.question_set_json(q)),
            None => reason(404, "Not found"),
        },
        ("GET", ["interviews"]) => list_interviews(st, req),
        ("POST", ["interviews"]) => create_interviews(st, req, &user),
        ("GET", ["interviews", id]) => match st.data.interview(id) {
            Some(i) => Response::json(200, &st.data.interview_json(i)),
            None => reason(404, "Not found"),
        },
        ("GET", ["interviews", id, "share_link"]) => {
            let link = st
                .data
                .interview(id)
                .and_then(|i| i.share_link.clone())
                .and_then(|u| st.data.share_link(&u).cloned());
            match link {
                Some(s) => Response::json(200, &st.data.share_link_json(&s)),
                None => reason(404, "Not found"),
            }
        }
        ("POST", ["interviews", id, "share_link"]) => create_share_link(st, id),
        ("GET", ["share_links"]) => {
            let d = &st.data;
            let list = d.share_links.iter().map(|s| d.share_link_json(s)).collect();
            Response::json(200, &Value::Array(list))
        }
        ("GET", ["share_links", id]) => match st.data.share_link(id) {
            Some(s) => Response::json(200, &st.data.share_link_json(s)),
            None => reason(404, "Not found"),
        },
        (
            _,
            ["me"]
            | ["jobs"]
            | ["jobs", _]
            | ["question_sets"]
            | ["question_sets", _]
            | ["interviews"]
            | ["interviews", _]
            | ["interviews", _, "share_link"]
            | ["share_links"]
            | ["share_links", _],
        ) => reason(405, "Method not allowed"),
        _ => reason(404, "Not found"),
    }
}

fn me(st: &State, user: &SeedUser) -> Response {
    // [model] shape of /me
    let (first, last) = split_name(&user.name);
    Response::json(
        200,
        &json!({
            "uuid": user.uuid,
            "name": user.name,
            "first_name": first,
            "last_name": last,
            "email": user.email,
            "company": {"uuid": st.data.company.uuid, "name": st.data.company.name},
        }),
    )
}

fn parse_body(req: &Request) -> Result<serde_json::Map<String, Value>, Response> {
    match serde_json::from_slice::<Value>(&req.body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(reason(400, "Request body must be a JSON object")),
        Err(_) => Err(reason(400, "Invalid JSON")),
    }
}

fn create_job(st: &mut State, req: &Request) -> Response {
    let body = match parse_body(req) {
        Ok(b) => b,
        Err(r) => return r,
    };
    if let Err(r) =
        strict(&body, &[("title", Kind::Text), ("location", Kind::Text), ("description", Kind::Text)])
    {
        return r;
    }
    let title = body.get("title").and_then(Value::as_str).map(str::trim).unwrap_or("");
    if title.is_empty() {
        return reason(422, "Title is required");
    }
    // [model] the location as one line; answers give it as {"formatted_address": ...}
    let location = body.get("location").and_then(Value::as_str).unwrap_or("").to_string();
    let job = crate::state::Job {
        uuid: uuid_v4(),
        title: title.to_string(),
        location,
        description: body.get("description").and_then(Value::as_str).unwrap_or("").to_string(),
        status: "open".into(),
    };
    let v = st.data.job_json(&job);
    st.data.jobs.push(job);
    Response::json(201, &v)
}

/// Values of a query parameter given as `key`, `key[]` or comma-separated.
fn multi(query: &[(String, String)], names: &[&str]) -> Vec<String> {
    query
        .iter()
        .filter(|(k, _)| names.contains(&k.as_str()))
        .flat_map(|(_, v)| v.split(',').map(|s| s.trim().to_string()).collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect()
}

/// [model] Interviews in an answer without `range`, and the most one range returns.
const DEFAULT_RANGE: usize = 20;
const MAX_RANGE: usize = 100;

/// `a-b`, 1-based and inclusive, as 0-based `start..end`.
fn range(r: &str) -> Option<(usize, usize)> {
    let (a, b) = r.split_once('-')?;
    let (a, b) = (a.trim().parse::<usize>().ok()?, b.trim().parse::<usize>().ok()?);
    Some((a.max(1) - 1, b))
}

fn list_interviews(st: &State, req: &Request) -> Response {
    let q = parse_query(&req.query);
    let jobs = multi(&q, &["job[uuid]", "job[uuid][]"]);
    let types = multi(&q, &["type[]", "type"]);
    let statuses = multi(&q, &["status[]", "status"]);
    let mut list: Vec<&Interview> = st
        .data
        .interviews
        .iter()
        .filter(|i| jobs.is_empty() || jobs.contains(&i.job_uuid))
        .filter(|i| types.is_empty() || types.contains(&i.kind))
        .filter(|i| statuses.is_empty() || statuses.contains(&i.status))
        .collect();
    let order = q.iter().find(|(k, _)| k == "orderby").map(|(_, v)| v.as_str()).unwrap_or("updated_desc");
    match order {
        "updated_asc" => list.sort_by_key(|i| (i.updated_at, i.seq)),
        "created_asc" => list.sort_by_key(|i| (i.created_at, i.seq)),
        "created_desc" => list.sort_by_key(|i| std::cmp::Reverse((i.created_at, i.seq))),
        _ => list.sort_by_key(|i| std::cmp::Reverse((i.updated_at, i.seq))),
    }
    // `range=1-20`: 1-based, inclusive [catalog]. Without one, the first page only; a range
    // wider than a page is cut to one [model: the sizes are ours, the paging is Spark Hire's].
    let (start, end) = match q.iter().find(|(k, _)| k == "range").and_then(|(_, r)| range(r)) {
        Some((a, b)) => (a, b.min(a + MAX_RANGE)),
        None => (0, DEFAULT_RANGE),
    };
    let end = end.min(list.len());
    list = if start < end { list[start..end].to_vec() } else { Vec::new() };
    let out: Vec<Value> = list.iter().map(|i| st.data.interview_json(i)).collect();
    Response::json(200, &Value::Array(out))
}

fn valid_email(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().any(|c| c.is_whitespace() || c == '<' || c == '>') {
        return false;
    }
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
        }
        None => false,
    }
}

/// What a field of a modelled body must hold.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    /// `{"uuid": "..."}`
    Ref,
    /// `[{"name": "...", "email": "..."}, ...]`, at least one
    People,
    /// ISO 8601 date and time with an offset
    DateTime,
}

/// [model] Spark Hire publishes no body schema, so the sandbox is strict where a partner's
/// client is silent: a field it does not know, or of the wrong type, gets a 422 with a reason,
/// as a validating API would. A regression in what the extension sends then fails a test.
fn strict(body: &serde_json::Map<String, Value>, fields: &[(&str, Kind)]) -> Result<(), Response> {
    for (k, v) in body {
        let Some((_, kind)) = fields.iter().find(|(name, _)| name == k) else {
            return Err(reason(422, &format!("Unknown field: {k}")));
        };
        let ok = match (kind, v) {
            (_, Value::Null) => true,
            (Kind::Text, Value::String(_)) => true,
            (Kind::Ref, Value::Object(o)) => o.len() == 1 && o.get("uuid").is_some_and(Value::is_string),
            (Kind::People, Value::Array(a)) => {
                !a.is_empty()
                    && a.iter().all(|p| {
                        p.as_object().is_some_and(|o| {
                            o.iter().all(|(k, v)| matches!(k.as_str(), "name" | "email") && v.is_string())
                                && o.get("name").and_then(Value::as_str).is_some_and(|n| !n.trim().is_empty())
                        })
                    })
            }
            (Kind::DateTime, Value::String(s)) => s.trim().len() > 10 && parse_iso(s).is_some(),
            _ => false,
        };
        if !ok {
            let want = match kind {
                Kind::Text => "a string",
                Kind::Ref => "an object {\"uuid\": ...}",
                Kind::People => "an array of {\"name\", \"email\"} with a name",
                Kind::DateTime => "an ISO 8601 date and time with an offset",
            };
            return Err(reason(422, &format!("{k} must be {want}")));
        }
    }
    Ok(())
}

fn uuid_field(v: Option<&Value>) -> Option<String> {
    v?.get("uuid").and_then(Value::as_str).map(String::from)
}

fn create_interviews(st: &mut State, req: &Request, user: &SeedUser) -> Response {
    let body = match parse_body(req) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let fields = [
        ("type", Kind::Text),
        ("scheduled_at", Kind::DateTime),
        ("assigned_to", Kind::People),
        ("email_message", Kind::Text),
        ("job_post", Kind::Ref),
        ("interview_question_set", Kind::Text),
        ("timezone", Kind::Text),
    ];
    if let Err(r) = strict(&body, &fields) {
        return r;
    }
    let kind = match body.get("type").and_then(Value::as_str) {
        Some(t @ ("one_way" | "live")) => t.to_string(),
        _ => return reason(422, "Invalid interview type"),
    };
    let Some(job_uuid) = uuid_field(body.get("job_post")) else {
        return reason(422, "job_post.uuid is required");
    };
    if st.data.job(&job_uuid).is_none() {
        return reason(422, "Job not found");
    }
    let question_set = body.get("interview_question_set").and_then(Value::as_str).map(String::from);
    match &question_set {
        Some(qs) if st.data.question_set(qs).is_none() => return reason(422, "Question set not found"),
        None if kind == "one_way" => return reason(422, "Question set is required"),
        _ => {}
    }
    let scheduled_at = match body.get("scheduled_at") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => match parse_iso(s) {
            Some(t) => Some(t),
            None => return reason(422, "Invalid scheduled_at"),
        },
        Some(_) => return reason(422, "Invalid scheduled_at"),
    };
    let now = now_secs();
    if kind == "one_way" && scheduled_at.is_some_and(|t| t <= now) {
        return reason(422, "Deadline must be in the future");
    }
    if kind == "live" && scheduled_at.is_none() {
        // [model]
        return reason(422, "scheduled_at is required for live interviews");
    }
    let assigned: Vec<Value> = match body.get("assigned_to") {
        Some(Value::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    if assigned.is_empty() {
        return reason(422, "Candidate email is required");
    }
    let mut candidates = Vec::new();
    for a in &assigned {
        let email = a.get("email").and_then(Value::as_str).unwrap_or("").trim();
        if email.is_empty() {
            return reason(422, "Candidate email is required");
        }
        if !valid_email(email) {
            return reason(422, &format!("Invalid email address: {email}"));
        }
        let name = a
            .get("name")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| email.split('@').next().unwrap_or(email));
        candidates.push((name.to_string(), email.to_string()));
    }
    let text = |k: &str| body.get(k).and_then(Value::as_str).map(String::from);
    let received = Value::Object(body.clone());
    let mut first = None;
    for (name, email) in candidates {
        let seq = st.data.next_seq();
        let interview = Interview {
            uuid: uuid_v4(),
            kind: kind.clone(),
            status: "invited".into(),
            job_uuid: job_uuid.clone(),
            question_set_uuid: question_set.clone(),
            candidate_name: name,
            candidate_email: email,
            created_by: (user.name.clone(), user.email.clone()),
            created_at: now,
            updated_at: now,
            scheduled_at,
            completed_at: None,
            email_message: text("email_message"),
            timezone: text("timezone"),
            share_link: None,
            received: received.clone(),
            seq,
        };
        if first.is_none() {
            first = Some(st.data.interview_json(&interview));
        }
        st.data.interviews.push(interview);
    }
    Response::json(201, &first.unwrap_or(Value::Null))
}

fn create_share_link(st: &mut State, id: &str) -> Response {
    let Some(idx) = st.data.interviews.iter().position(|i| i.uuid == id) else {
        return reason(404, "Not found");
    };
    if let Some(existing) =
        st.data.interviews[idx].share_link.clone().and_then(|u| st.data.share_link(&u).cloned())
    {
        return Response::json(200, &st.data.share_link_json(&existing));
    }
    let now = now_secs();
    let link =
        ShareLink { uuid: uuid_v4(), interview_uuid: id.to_string(), created_at: now, updated_at: now };
    st.data.interviews[idx].share_link = Some(link.uuid.clone());
    let v = st.data.share_link_json(&link);
    st.data.share_links.push(link);
    Response::json(201, &v)
}

// ---------------------------------------------------------------------------
// app.sparkhire.com

const APP_STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1d2733;background:#f5f7fa}\
header{background:#0b3d91;color:#fff;padding:12px 24px;font-weight:600}\
main{max-width:720px;margin:32px auto;background:#fff;padding:24px;border-radius:8px}\
video{width:100%;background:#000;aspect-ratio:16/9}label{display:block;margin:12px 0 4px}\
input{width:100%;padding:8px;box-sizing:border-box}button{margin-top:16px;padding:8px 16px}";

fn app_page(title: &str, main: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>{}</title><link rel=\"icon\" href=\"data:,\"><style>{APP_STYLE}</style></head>\n<body><header>Spark Hire</header>\n<main>\n{main}\n</main></body></html>\n",
        html_escape(title)
    )
}

fn not_found_page() -> Response {
    Response::html(
        404,
        app_page(
            "Page not found – Spark Hire",
            "<h1>Page not found</h1><p>This link is invalid or has been removed.</p>",
        ),
    )
}

pub fn app(st: &State, req: &Request) -> Response {
    if req.method != "GET" && req.method != "HEAD" {
        return Response::text(405, "Method not allowed");
    }
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        ["share", id] => {
            let d = &st.data;
            let Some(link) = d.share_link(id) else {
                return not_found_page();
            };
            let Some(interview) = d.interview(&link.interview_uuid) else {
                return not_found_page();
            };
            let job = d.job(&interview.job_uuid).map(|j| j.title.clone()).unwrap_or_default();
            let completed = interview.completed_at.map(format_iso).unwrap_or_else(|| "not yet".into());
            let main = format!(
                "<h1 id=\"share-candidate\">{}</h1>\n<p id=\"share-job\">{}</p>\n\
<video id=\"share-video\" controls preload=\"none\"></video>\n\
<p id=\"share-status\">Status: {} · Completed: {}</p>",
                html_escape(&interview.candidate_name),
                html_escape(&job),
                html_escape(&interview.status),
                html_escape(&completed),
            );
            Response::html(200, app_page("Shared interview – Spark Hire", &main))
        }
        // [model] The live room asks for a log-in like the watch page does.
        ["company", "interviews", _, "watch" | "live"] => Response::html(
            200,
            app_page(
                "Log in – Spark Hire",
                "<h1>Log in to Spark Hire</h1>\n<form method=\"post\" action=\"/login\">\
<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\">\
<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\">\
<button type=\"submit\">Log in</button></form>",
            ),
        ),
        _ => not_found_page(),
    }
}
