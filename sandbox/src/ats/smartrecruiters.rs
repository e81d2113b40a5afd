//! `www.smartrecruiters.com` pages and `api.smartrecruiters.com`.
//!
//! [model] All page markup here is OUR MODEL of SmartRecruiters. Its real
//! DOM is not public; only the URL shapes (`/app/people/profile/{id}`,
//! `/app/people/applications/{id}`, `/app/jobs/details/{id}`) are meant to
//! match the real app. The custom element tags (`sr-candidate-header`,
//! `sr-candidate-jobs`) are plain light DOM with no script behind them.
//! Its top bar is `position: fixed` (many ATS apps pin theirs), the case where `<html>`'s margin
//! doesn't move a page header out from under the panel.
//!
//! The API checks `X-SmartToken`, counts requests per key per second (the
//! documented 10 requests a second), and serves the candidates as mutable
//! state: search, create, patch, and tags (`POST` appends, `PUT` replaces).
//! Paths and fields are documented; the error bodies, the search filter and
//! the patch semantics are [model].

use serde_json::{json, Map, Value};

use super::{asset, only_get, page, with_csp, Ats, AtsApplication, AtsCandidate, AtsData, AtsJob};
use crate::http::{Request, Response};
use crate::state::State;
use crate::util::{det_uuid, html_escape, parse_query};

const KEY: &str = "smartrecruiters";
pub const APP_JS: &str = include_str!("../../assets/smartrecruiters-app.js");
pub const APP_CSS: &str = include_str!("../../assets/smartrecruiters-app.css");

fn shell(title: &str, main: &str) -> String {
    let body = format!(
        "<header class=\"sr-topbar\">\n\
<a class=\"sr-logo\" href=\"/app\"><span class=\"sr-logo-mark\"></span>SmartRecruiters</a>\n\
<nav class=\"sr-nav\"><a href=\"/app\">Jobs</a><a href=\"/app#candidates\">Candidates</a><a href=\"/app\">Analytics</a><a href=\"/app\">Marketplace</a></nav>\n\
<div class=\"sr-topbar-actions\">\
<button type=\"button\" class=\"sr-btn sr-add-candidate\">Add candidate</button>\
<button type=\"button\" class=\"sr-btn sr-btn-primary sr-new-job\">New job</button>\
<span class=\"sr-avatar\" title=\"Alex Recruiter\">AR</span></div>\n\
</header>\n\
<div class=\"sr-toast\" id=\"sr-toast\" role=\"status\" hidden></div>\n\
<div class=\"sr-page\">\n{main}\n</div>"
    );
    page(KEY, &format!("{title} | SmartRecruiters"), "sr-body", &body)
}

// Ids are matched without regard to ASCII case (UUIDs and hex ids may come
// upper-cased in links).
fn candidate<'a>(d: &'a AtsData, id: &str) -> Option<&'a AtsCandidate> {
    d.candidates.iter().find(|c| c.id.eq_ignore_ascii_case(id))
}

fn application<'a>(d: &'a AtsData, id: &str) -> Option<&'a AtsApplication> {
    d.applications.iter().find(|a| !a.id.is_empty() && a.id.eq_ignore_ascii_case(id))
}

fn job<'a>(d: &'a AtsData, id: &str) -> Option<&'a AtsJob> {
    d.jobs.iter().find(|j| j.id.eq_ignore_ascii_case(id))
}

fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect::<String>().to_uppercase()
}

fn candidate_page(d: &AtsData, c: &AtsCandidate, current: Option<&AtsApplication>) -> String {
    let jobs: String = d
        .applications_of(&c.id)
        .map(|(_, j)| {
            format!(
                "<a class=\"sr-job\" data-job-id=\"{id}\" href=\"/app/jobs/details/{id}\">{title}</a>",
                id = html_escape(&j.id),
                title = html_escape(&j.title),
            )
        })
        .collect();
    let current = current
        .and_then(|a| d.job(&a.job_id).map(|j| (a, j)))
        .map(|(a, j)| {
            format!(
                "<p class=\"sr-current-application\" data-application-id=\"{aid}\" data-job-id=\"{jid}\">Application for <strong>{title}</strong></p>\n",
                aid = html_escape(&a.id),
                jid = html_escape(&j.id),
                title = html_escape(&j.title),
            )
        })
        .unwrap_or_default();
    let tags: String =
        c.tags.iter().map(|t| format!("<li class=\"sr-tag\">{}</li>", html_escape(t))).collect();
    // [model] a badge only; the page itself is shown as for anyone else
    let restricted = if c.restricted {
        " <span class=\"sr-restricted\" title=\"Not visible to the API key\">Restricted</span>"
    } else {
        ""
    };
    let name = c.name();
    let main = format!(
        "<main class=\"sr-profile\">\n\
<div class=\"sr-card sr-profile-head\">\n\
<span class=\"sr-bigavatar\">{initials}</span>\n\
<div class=\"sr-profile-text\">\n\
<sr-candidate-header data-candidate-id=\"{id}\"><h1 class=\"sr-candidate-name\">{name}</h1><a class=\"sr-candidate-email\" href=\"mailto:{email}\">{email}</a></sr-candidate-header>{restricted}\n\
<ul class=\"sr-tags\" aria-label=\"Tags\">{tags}</ul>\n\
{current}</div>\n\
<div class=\"sr-profile-actions\"><button type=\"button\" class=\"sr-btn sr-btn-primary sr-move\">Move forward</button><button type=\"button\" class=\"sr-btn sr-reject\">Reject</button></div>\n\
</div>\n\
<div class=\"sr-columns\">\n\
<section class=\"sr-card sr-jobs-card\"><h2>Jobs</h2><sr-candidate-jobs>{jobs}</sr-candidate-jobs></section>\n\
<section class=\"sr-card\"><h2>Activity</h2><p class=\"sr-muted\">No messages or comments yet.</p></section>\n\
</div>\n</main>",
        initials = html_escape(&initials(&name)),
        id = html_escape(&c.id),
        name = html_escape(&name),
        email = html_escape(&c.email),
    );
    shell(&name, &main)
}

fn job_page(d: &AtsData, j: &AtsJob) -> String {
    let rows: Vec<String> = d
        .pipeline(&j.id)
        .map(|(_, c)| {
            format!(
                "<tr class=\"sr-applicant\" data-candidate-id=\"{id}\"><td class=\"sr-applicant-name\"><a href=\"/app/people/profile/{id}\">{name}</a></td><td class=\"sr-applicant-email\">{email}</td></tr>",
                id = html_escape(&c.id),
                name = html_escape(&c.name()),
                email = html_escape(&c.email),
            )
        })
        .collect();
    let main = format!(
        "<main class=\"sr-job-details\" data-job-id=\"{id}\">\n\
<div class=\"sr-card sr-job-head\">\n\
<p class=\"sr-crumbs\"><a href=\"/app\">Jobs</a> / Job details</p>\n\
<sr-job-header><h1 class=\"sr-job-title\">{title}</h1>\n\
<span class=\"sr-job-location\">{location}</span> <span class=\"sr-status\">Public</span>\n\
<div class=\"sr-job-description\">{description}</div></sr-job-header>\n\
</div>\n\
<section class=\"sr-card\">\n<h2>Applicants <span class=\"sr-count\">{count}</span></h2>\n\
<sr-applicants><table class=\"sr-applicants\">\n<thead><tr><th>Name</th><th>Email</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table></sr-applicants>\n\
</section>\n</main>",
        id = html_escape(&j.id),
        title = html_escape(&j.title),
        location = html_escape(&j.location),
        description = html_escape(&j.description),
        count = rows.len(),
        rows = rows.join("\n"),
    );
    shell(&j.title, &main)
}

fn index_page(d: &AtsData) -> String {
    let jobs: String = d
        .jobs
        .iter()
        .map(|j| {
            format!(
                "<li><a href=\"/app/jobs/details/{id}\">{title}</a> <span class=\"sr-muted\">{location} · {n} applicants</span></li>",
                id = html_escape(&j.id),
                title = html_escape(&j.title),
                location = html_escape(&j.location),
                n = d.pipeline(&j.id).count(),
            )
        })
        .collect();
    let people: String = d
        .candidates
        .iter()
        .map(|c| {
            format!(
                "<li><a href=\"/app/people/profile/{id}\">{name}</a></li>",
                id = html_escape(&c.id),
                name = html_escape(&c.name()),
            )
        })
        .collect();
    let main = format!(
        "<main class=\"sr-index\">\n\
<section class=\"sr-card\"><h1>Jobs</h1><ul class=\"sr-list\">{jobs}</ul></section>\n\
<section class=\"sr-card\" id=\"candidates\"><h2>Candidates</h2><ul class=\"sr-list sr-list-columns\">{people}</ul></section>\n\
</main>"
    );
    shell("Jobs", &main)
}

fn not_found_page() -> String {
    shell(
        "Not found",
        "<main class=\"sr-notfound\"><section class=\"sr-card\"><h1>Page not found</h1>\
<p>The candidate, application or job does not exist.</p><p><a href=\"/app\">Back to jobs</a></p></section></main>",
    )
}

pub fn app(st: &State, req: &Request) -> Response {
    if let Some(r) = only_get(&req.method) {
        return r;
    }
    if let Some(r) = asset(&req.path, KEY, APP_JS, APP_CSS) {
        return r;
    }
    let d = st.data.ats.get(Ats::SmartRecruiters);
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let missing = || Response::html(404, not_found_page());
    let resp = match segments.as_slice() {
        [""] | ["app"] | ["app", "jobs"] => Response::html(200, index_page(d)),
        // `/app/people/candidates/{id}` too, and any sub-page
        ["app", "people", "profile" | "candidates", id, ..] => match candidate(d, id) {
            Some(c) => Response::html(200, candidate_page(d, c, None)),
            None => missing(),
        },
        ["app", "people", "applications", id, ..] => {
            match application(d, id).and_then(|a| d.candidate(&a.candidate_id).map(|c| (a, c))) {
                Some((a, c)) => Response::html(200, candidate_page(d, c, Some(a))),
                None => missing(),
            }
        }
        ["app", "jobs", "details", id] => match job(d, id) {
            Some(j) => Response::html(200, job_page(d, j)),
            None => missing(),
        },
        _ => missing(),
    };
    with_csp(resp, &req.query)
}

// ---------------------------------------------------------------------------
// api.smartrecruiters.com
//
// The candidates are the mutable `st.data.ats.smartrecruiters.candidates`
// (the same list the pages render); `POST /_sandbox/reset` rebuilds it from
// the seed.

/// [model] Default and largest `limit` of `GET /candidates`.
const SEARCH_LIMIT_DEFAULT: usize = 10;
const SEARCH_LIMIT_MAX: usize = 100;
/// Documented: a tag is 1–150 characters.
const TAG_MAX_CHARS: usize = 150;

fn message(status: u16, text: &str) -> Response {
    // [model] error body
    Response::json(status, &json!({ "message": text }))
}

fn method_not_allowed() -> Response {
    message(405, "Method not allowed")
}

/// [model] 422 body: `{"message", "errors":[{"code","message"}]}`, each
/// message naming the field.
fn unprocessable(errors: &[(&str, String)]) -> Response {
    let text = errors.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>().join("; ");
    Response::json(
        422,
        &json!({
            "message": format!("Validation failed: {text}"),
            "errors": errors.iter().map(|(code, m)| json!({"code": code, "message": m})).collect::<Vec<_>>(),
        }),
    )
}

fn candidate_json(c: &AtsCandidate) -> Value {
    json!({
        "id": c.id,
        "firstName": c.first_name,
        "lastName": c.last_name,
        "email": c.email,
        "phoneNumber": null,
        "tags": c.tags,
    })
}

/// The request body as a JSON object; 400 when it is not JSON or not an
/// object (messages [model]).
fn body_object(req: &Request) -> Result<Map<String, Value>, Response> {
    match serde_json::from_slice::<Value>(&req.body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(message(400, "Request body must be a JSON object")),
        Err(_) => Err(message(400, "Malformed JSON")),
    }
}

/// Checks one name or email field of a create (`required`) or patch body.
/// `Ok(None)` when a patch leaves it out. [model] codes and messages.
fn field(
    m: &Map<String, Value>,
    name: &str,
    required: bool,
) -> Result<Option<String>, (&'static str, String)> {
    let value = match m.get(name) {
        None if !required => return Ok(None),
        None | Some(Value::Null) => return Err(("REQUIRED", format!("{name} is required"))),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(_) => return Err(("INVALID_TYPE", format!("{name} must be a string"))),
    };
    if value.is_empty() {
        return Err(("REQUIRED", format!("{name} must not be blank")));
    }
    if name == "email" && !value.contains('@') {
        return Err(("INVALID_EMAIL", format!("email is not a valid email address: {value}")));
    }
    Ok(Some(value))
}

/// The three writable fields of a body, all checked; 422 naming every bad one.
fn person_fields(m: &Map<String, Value>, required: bool) -> Result<[Option<String>; 3], Response> {
    let mut errors = Vec::new();
    let mut out: [Option<String>; 3] = Default::default();
    for (slot, name) in out.iter_mut().zip(["firstName", "lastName", "email"]) {
        match field(m, name, required) {
            Ok(v) => *slot = v,
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(unprocessable(&errors))
    }
}

/// `{"tags":[...]}` of a tags POST (`allow_empty` false) or PUT.
fn tags_body(req: &Request, allow_empty: bool) -> Result<Vec<String>, Response> {
    let m = body_object(req)?;
    let Some(Value::Array(items)) = m.get("tags") else {
        return Err(unprocessable(&[("REQUIRED", "tags must be an array of strings".into())]));
    };
    if items.is_empty() && !allow_empty {
        return Err(unprocessable(&[("REQUIRED", "tags must not be empty".into())]));
    }
    let mut tags = Vec::with_capacity(items.len());
    let mut errors = Vec::new();
    for (i, t) in items.iter().enumerate() {
        match t.as_str() {
            // [model] a tag of only spaces counts as empty
            Some(s) if !s.trim().is_empty() && s.chars().count() <= TAG_MAX_CHARS => tags.push(s.to_string()),
            Some(_) => {
                errors.push(("INVALID_TAG", format!("tags[{i}] must be 1-{TAG_MAX_CHARS} characters")))
            }
            None => errors.push(("INVALID_TYPE", format!("tags[{i}] must be a string"))),
        }
    }
    if errors.is_empty() {
        Ok(tags)
    } else {
        Err(unprocessable(&errors))
    }
}

fn sr_data(st: &State) -> &AtsData {
    st.data.ats.get(Ats::SmartRecruiters)
}

fn sr_data_mut(st: &mut State) -> &mut AtsData {
    st.data.ats.get_mut(Ats::SmartRecruiters)
}

/// The index of a candidate the key may see: 404 when unknown, 403 when
/// restricted.
fn visible(d: &AtsData, id: &str) -> Result<usize, Response> {
    let i = d
        .candidates
        .iter()
        .position(|c| c.id.eq_ignore_ascii_case(id))
        .ok_or_else(|| message(404, "Candidate not found"))?;
    if d.candidates[i].restricted {
        return Err(message(403, "You do not have access to this candidate"));
    }
    Ok(i)
}

/// [model] the filter: `q` with an `@` is an email, matched whole and
/// without regard to case; any other `q` is a case-insensitive substring of
/// "First Last". No `q` lists everyone. Restricted candidates are included; candidates the
/// index hasn't caught up with (`unindexed`, lower-case ids) are not.
fn search(d: &AtsData, query: &str, unindexed: &[String]) -> Response {
    let params = parse_query(query);
    let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim());
    let number = |k: &str, default: usize| match param(k) {
        None | Some("") => Ok(default),
        Some(v) => v.parse::<usize>().map_err(|_| message(400, &format!("Invalid {k}"))),
    };
    let limit = match number("limit", SEARCH_LIMIT_DEFAULT) {
        Ok(n) => n.clamp(1, SEARCH_LIMIT_MAX),
        Err(r) => return r,
    };
    let offset = match number("offset", 0) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let q = param("q").unwrap_or("").to_lowercase();
    let hit = |c: &&AtsCandidate| {
        if unindexed.contains(&c.id.to_ascii_lowercase()) {
            false
        } else if q.is_empty() {
            true
        } else if q.contains('@') {
            c.email.trim().to_lowercase() == q
        } else {
            c.name().to_lowercase().contains(&q)
        }
    };
    let found: Vec<&AtsCandidate> = d.candidates.iter().filter(hit).collect();
    let content: Vec<Value> = found
        .iter()
        .skip(offset)
        .take(limit)
        .map(|c| json!({"id": c.id, "firstName": c.first_name, "lastName": c.last_name, "email": c.email}))
        .collect();
    Response::json(
        200,
        &json!({"offset": offset, "limit": limit, "totalFound": found.len(), "content": content}),
    )
}

/// `POST /candidates`: 201 with a new id. Duplicate emails are allowed, as
/// in SmartRecruiters. Fields other than the three are ignored [model].
fn create(d: &mut AtsData, req: &Request) -> Response {
    let m = match body_object(req) {
        Ok(m) => m,
        Err(r) => return r,
    };
    let [first, last, email] = match person_fields(&m, true) {
        Ok(f) => f,
        Err(r) => return r,
    };
    // [model] ids: fixed, v4-looking, counted from the number of candidates
    let mut n = d.candidates.len();
    let id = loop {
        let id = det_uuid("smartrecruiters-api-candidate", n);
        if !d.candidates.iter().any(|c| c.id.eq_ignore_ascii_case(&id)) {
            break id;
        }
        n += 1;
    };
    let c = AtsCandidate {
        id,
        first_name: first.unwrap_or_default(),
        last_name: last.unwrap_or_default(),
        email: email.unwrap_or_default(),
        tags: Vec::new(),
        restricted: false,
    };
    let resp = Response::json(201, &candidate_json(&c));
    d.candidates.push(c);
    resp
}

/// `PATCH /candidates/{id}`: [model] a merge-patch of firstName, lastName
/// and email; other fields are ignored, blank or null values refused (422).
fn patch(c: &mut AtsCandidate, req: &Request) -> Response {
    let m = match body_object(req) {
        Ok(m) => m,
        Err(r) => return r,
    };
    let [first, last, email] = match person_fields(&m, false) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if let Some(v) = first {
        c.first_name = v;
    }
    if let Some(v) = last {
        c.last_name = v;
    }
    if let Some(v) = email {
        c.email = v;
    }
    Response::json(200, &candidate_json(c))
}

pub fn api(st: &mut State, req: &Request) -> Response {
    let key = req.header("x-smarttoken").unwrap_or("").trim().to_string();
    let limit = st.config_u64("smartrecruiters_rate_per_second", 10);
    let (mut resp, remaining) = match st.sr_rate_hit(&key, limit) {
        None => {
            let r = message(429, "Too many requests").with_header("Retry-After", "1");
            (r, 0)
        }
        Some(remaining) => (answer(st, req, &key), remaining),
    };
    resp.set_header("X-RateLimit-Limit", limit.to_string());
    resp.set_header("X-RateLimit-Remaining", remaining.to_string());
    resp
}

fn answer(st: &mut State, req: &Request, key: &str) -> Response {
    if key.is_empty() || !sr_data(st).api_keys.iter().any(|k| k == key) {
        return message(401, "Unauthorized");
    }
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let method = if req.method == "HEAD" { "GET" } else { req.method.as_str() };
    match segments.as_slice() {
        ["candidates"] => match method {
            "GET" => {
                let unindexed = st.not_yet_indexed();
                search(sr_data(st), &req.query, &unindexed)
            }
            "POST" => {
                let r = create(sr_data_mut(st), req);
                if r.status == 201 {
                    if let Some(id) = sr_data(st).candidates.last().map(|c| c.id.clone()) {
                        st.written_unindexed(&id);
                    }
                }
                r
            }
            _ => method_not_allowed(),
        },
        ["candidates", id] => {
            if !matches!(method, "GET" | "PATCH") {
                return method_not_allowed();
            }
            let d = sr_data_mut(st);
            let i = match visible(d, id) {
                Ok(i) => i,
                Err(r) => return r,
            };
            let c = &mut d.candidates[i];
            match method {
                "PATCH" => patch(c, req),
                _ => Response::json(200, &candidate_json(c)),
            }
        }
        ["candidates", id, "tags"] => {
            if !matches!(method, "GET" | "POST" | "PUT") {
                return method_not_allowed();
            }
            let d = sr_data_mut(st);
            let i = match visible(d, id) {
                Ok(i) => i,
                Err(r) => return r,
            };
            let c = &mut d.candidates[i];
            match method {
                // appends every tag, even one already there (no dedupe), so
                // a client that writes twice shows up
                "POST" => match tags_body(req, false) {
                    Ok(tags) => c.tags.extend(tags),
                    Err(r) => return r,
                },
                "PUT" => match tags_body(req, true) {
                    Ok(tags) => c.tags = tags,
                    Err(r) => return r,
                },
                _ => {}
            }
            Response::json(200, &json!({ "tags": c.tags }))
        }
        _ => message(404, "Not found"),
    }
}
