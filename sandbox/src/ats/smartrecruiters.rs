//! `www.smartrecruiters.com` pages and `api.smartrecruiters.com`.
//!
//! [model] All page markup here is OUR MODEL of SmartRecruiters. Its real
//! DOM is not public; only the URL shapes (`/app/people/profile/{id}`,
//! `/app/people/applications/{id}`, `/app/jobs/details/{id}`) are meant to
//! match the real app. The custom element tags (`sr-candidate-header`,
//! `sr-candidate-jobs`) are plain light DOM with no script behind them.
//!
//! The API answers `GET /candidates/{id}` with the documented fields, checks
//! `X-SmartToken`, and counts requests per key per second (the documented 10
//! requests a second); the error bodies are [model].

use serde_json::json;

use super::{asset, only_get, page, with_csp, Ats, AtsApplication, AtsCandidate, AtsData, AtsJob};
use crate::http::{Request, Response};
use crate::state::State;
use crate::util::html_escape;

const KEY: &str = "smartrecruiters";
pub const APP_JS: &str = include_str!("../../assets/smartrecruiters-app.js");
pub const APP_CSS: &str = include_str!("../../assets/smartrecruiters-app.css");

/// `Access-Control-Expose-Headers` on `api.smartrecruiters.com`.
pub const EXPOSE_HEADERS: &str =
    "X-Rate-Limit-Try-Again-Seconds, X-RateLimit-Limit, X-RateLimit-Remaining, Retry-After";

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
    let name = c.name();
    let main = format!(
        "<main class=\"sr-profile\">\n\
<div class=\"sr-card sr-profile-head\">\n\
<span class=\"sr-bigavatar\">{initials}</span>\n\
<div class=\"sr-profile-text\">\n\
<sr-candidate-header data-candidate-id=\"{id}\"><h1 class=\"sr-candidate-name\">{name}</h1><a class=\"sr-candidate-email\" href=\"mailto:{email}\">{email}</a></sr-candidate-header>\n\
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
<h1 class=\"sr-job-title\">{title}</h1>\n\
<span class=\"sr-job-location\">{location}</span> <span class=\"sr-status\">Public</span>\n\
<div class=\"sr-job-description\">{description}</div>\n\
</div>\n\
<section class=\"sr-card\">\n<h2>Applicants <span class=\"sr-count\">{count}</span></h2>\n\
<table class=\"sr-applicants\">\n<thead><tr><th>Name</th><th>Email</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n\
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

fn message(status: u16, text: &str) -> Response {
    // [model] error body
    Response::json(status, &json!({ "message": text }))
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

fn answer(st: &State, req: &Request, key: &str) -> Response {
    let d = st.data.ats.get(Ats::SmartRecruiters);
    if key.is_empty() || !d.api_keys.iter().any(|k| k == key) {
        return message(401, "Unauthorized");
    }
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let get = req.method == "GET" || req.method == "HEAD";
    match segments.as_slice() {
        ["candidates", id] if get => match candidate(d, id) {
            Some(c) => Response::json(
                200,
                &json!({
                    "id": c.id,
                    "firstName": c.first_name,
                    "lastName": c.last_name,
                    "email": c.email,
                    "phoneNumber": null,
                    "tags": [],
                }),
            ),
            None => message(404, "Candidate not found"),
        },
        ["candidates", _] => message(405, "Method not allowed"),
        _ => message(404, "Not found"),
    }
}
