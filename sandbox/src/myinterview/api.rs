//! Routing, credentials, paging, and the templates, jobs and candidates resources [model].

use serde_json::{json, Value};

use super::invitations;
use super::validate::{self, must, opt, Ty};
use super::{candidate_json, err, invalid, job_json, ok, template_json, MiJob};
use crate::http::{Request, Response};
use crate::state::State;
use crate::util::{parse_query, uuid_v4};

/// [model] Page size without `pageSize`, and the largest allowed.
const DEFAULT_PAGE_SIZE: usize = 20;
const MAX_PAGE_SIZE: usize = 100;

pub fn api(st: &mut State, req: &Request) -> Response {
    let now = st.now();
    let Some(rest) = req.path.strip_prefix("/api/v1/") else {
        return err(404, "Not found", now);
    };
    let company = match super::credentials(req) {
        None => return err(401, "Missing credentials: companyId, accessKey and secret are required", now),
        Some((c, a, s)) => {
            let found = st.data.myinterview.companies.iter().find(|x| x.company_id == c);
            match found {
                Some(x) if x.access_key == a && x.secret == s => x.company_id.clone(),
                _ => return err(401, "Invalid credentials", now),
            }
        }
    };
    let segments: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    let method = if req.method == "HEAD" { "GET" } else { req.method.as_str() };
    let mi = &st.data.myinterview;
    match (method, segments.as_slice()) {
        ("GET", ["company"]) => {
            // [model] what "check the credentials before saving" can call
            let c = mi.companies.iter().find(|c| c.company_id == company);
            ok(200, c.map(|c| json!({"companyId": c.company_id, "name": c.name})), now)
        }
        ("GET", ["templates"]) => {
            let list = mi.companies.iter().filter(|c| c.company_id == company).flat_map(|c| &c.templates);
            paged(req, list.map(template_json).collect(), now)
        }
        ("GET", ["templates", id]) => match mi.template(&company, id) {
            Some(t) => ok(200, Some(template_json(t)), now),
            None => err(404, "Template not found", now),
        },
        ("GET", ["jobs"]) => {
            let q = parse_query(&req.query);
            let title = q.iter().find(|(k, _)| k == "title").map(|(_, v)| v.as_str());
            let list = mi
                .jobs
                .iter()
                .filter(|j| j.company_id == company && title.is_none_or(|t| j.title == t))
                .map(job_json)
                .collect();
            paged(req, list, now)
        }
        ("POST", ["jobs"]) => create_job(st, req, &company),
        ("GET", ["jobs", id]) => match mi.job(&company, id) {
            Some(j) => ok(200, Some(job_json(j)), now),
            None => err(404, "Job not found", now),
        },
        ("GET", ["candidates"]) => {
            let q = parse_query(&req.query);
            let email = q.iter().find(|(k, _)| k == "email").map(|(_, v)| v.trim().to_ascii_lowercase());
            let list = mi
                .candidates
                .iter()
                .filter(|c| c.company_id == company)
                .filter(|c| email.as_ref().is_none_or(|e| c.email.eq_ignore_ascii_case(e)))
                .map(candidate_json)
                .collect();
            paged(req, list, now)
        }
        ("POST", ["candidates"]) => create_candidate(st, req, &company),
        ("GET", ["candidates", id]) => match mi.candidate(&company, id) {
            Some(c) => ok(200, Some(candidate_json(c)), now),
            None => err(404, "Candidate not found", now),
        },
        (_, ["invitations", ..]) => invitations::route(st, req, method, &segments, &company),
        (_, ["company"] | ["templates"] | ["templates", _] | ["jobs"] | ["jobs", _] | ["candidates"])
        | (_, ["candidates", _]) => err(405, "Method not allowed", now),
        _ => err(404, "Not found", now),
    }
}

/// `?page=` (1-based) and `?pageSize=`: `data` is `{items, page, pageSize, total, totalPages}`
/// [model]. A page past the end is empty; a bad number is a 422.
pub fn paged(req: &Request, items: Vec<Value>, now: i64) -> Response {
    let q = parse_query(&req.query);
    let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_string());
    let mut errors = Vec::new();
    let page = match get("page") {
        None => 1,
        Some(p) => p.parse::<usize>().ok().filter(|p| *p >= 1).unwrap_or_else(|| {
            errors.push(json!({"field": "page", "message": "page must be a whole number from 1"}));
            1
        }),
    };
    let size = match get("pageSize") {
        None => DEFAULT_PAGE_SIZE,
        Some(p) => p.parse::<usize>().ok().filter(|p| (1..=MAX_PAGE_SIZE).contains(p)).unwrap_or_else(|| {
            errors.push(
                json!({"field": "pageSize", "message": "pageSize must be a whole number from 1 to 100"}),
            );
            DEFAULT_PAGE_SIZE
        }),
    };
    if !errors.is_empty() {
        return invalid(errors, now);
    }
    let total = items.len();
    let page_items: Vec<Value> = items.into_iter().skip((page - 1) * size).take(size).collect();
    ok(
        200,
        Some(json!({
            "items": page_items, "page": page, "pageSize": size, "total": total,
            "totalPages": total.div_ceil(size),
        })),
        now,
    )
}

/// The body as an object, or the 400 / 422 answer.
pub fn body(
    req: &Request,
    fields: &[validate::Field],
    now: i64,
) -> Result<serde_json::Map<String, Value>, Response> {
    let b = validate::object(req).map_err(|m| err(400, m, now))?;
    let errors = validate::check(&b, fields);
    if errors.is_empty() {
        Ok(b)
    } else {
        Err(invalid(errors, now))
    }
}

pub fn text(b: &serde_json::Map<String, Value>, k: &str) -> Option<String> {
    b.get(k).and_then(Value::as_str).map(|s| s.trim().to_string())
}

fn create_job(st: &mut State, req: &Request, company: &str) -> Response {
    let now = st.now();
    let fields = [
        must("title", Ty::NonBlank),
        must("questions", Ty::Questions),
        opt("description", Ty::Text),
        opt("templateId", Ty::Text),
    ];
    let b = match body(req, &fields, now) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let template_id = text(&b, "templateId");
    if let Some(t) = &template_id {
        if st.data.myinterview.template(company, t).is_none() {
            return err(404, "Template not found", now);
        }
    }
    // [model] Jobs are not deduplicated: myInterview lets two jobs share a title, so a client
    // that retries a lost create must look for its job first (`GET /jobs?title=`).
    let job = MiJob {
        id: uuid_v4(),
        company_id: company.to_string(),
        title: text(&b, "title").unwrap_or_default(),
        description: text(&b, "description").unwrap_or_default(),
        template_id,
        questions: b.get("questions").cloned().unwrap_or(Value::Null),
        created_at: now,
        received: Value::Object(b),
    };
    let v = job_json(&job);
    st.data.myinterview.jobs.push(job);
    ok(201, Some(v), now)
}

fn create_candidate(st: &mut State, req: &Request, company: &str) -> Response {
    let now = st.now();
    let b = match body(req, &[must("name", Ty::NonBlank), must("email", Ty::Email)], now) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let (name, email) = (text(&b, "name").unwrap_or_default(), text(&b, "email").unwrap_or_default());
    // [model] One candidate per email in a company: a second create with the same email (in
    // any case) returns the existing candidate with 200, unchanged, so a retry is harmless.
    let (c, created) =
        st.data.myinterview.find_or_create_candidate(company, &name, &email, Value::Object(b), now);
    ok(if created { 201 } else { 200 }, Some(candidate_json(c)), now)
}
