//! `bigbiller.topechelon.com`: Top Echelon's Big Biller, person and job pages.
//!
//! [model] All markup here is OUR MODEL of Big Biller. Its real DOM is not
//! public; only the URL shapes (`/people/{personId}`,
//! `/network/jobs/{uuid}/info`) are meant to match the real app. The class
//! names (`person-name`, `person-email`, `person-job`, `job-title`,
//! `job-candidates`, ...) are the contract with the extension's adapter.

use super::{asset, only_get, page, with_csp, Ats, AtsCandidate, AtsData, AtsJob};
use crate::http::{Request, Response};
use crate::state::State;
use crate::util::html_escape;

const KEY: &str = "topechelon";
pub const APP_JS: &str = include_str!("../../assets/topechelon-app.js");
pub const APP_CSS: &str = include_str!("../../assets/topechelon-app.css");

fn topbar() -> &'static str {
    "<header class=\"te-topbar\">\n\
<a class=\"te-logo\" href=\"/\"><span class=\"te-logo-mark\">TE</span><span class=\"te-logo-text\">Big Biller</span></a>\n\
<nav class=\"te-nav\"><a href=\"/\">Dashboard</a><a href=\"/#people\">People</a><a href=\"/#jobs\">Jobs</a><a href=\"/\">Companies</a><a href=\"/\">Split Network</a></nav>\n\
<div class=\"te-topbar-actions\">\
<button type=\"button\" class=\"te-btn te-quick-add\">+ Quick Add</button>\
<button type=\"button\" class=\"te-btn te-btn-primary te-send-email\">Send Email</button>\
<span class=\"te-avatar\" title=\"Bill Biller\">BB</span></div>\n\
</header>"
}

fn shell(title: &str, main: &str) -> String {
    let body = format!(
        "{}\n<div class=\"te-toast\" id=\"te-toast\" role=\"status\" hidden></div>\n<div class=\"te-layout\">\n{main}\n</div>",
        topbar()
    );
    page(KEY, &format!("{title} | Big Biller"), "te-body", &body)
}

fn person_page(d: &AtsData, c: &AtsCandidate) -> String {
    let jobs: String = d
        .applications_of(&c.id)
        .map(|(_, j)| {
            format!(
                "<li><a class=\"person-job\" data-job-id=\"{id}\" href=\"/network/jobs/{id}/info\">{title}</a></li>",
                id = html_escape(&j.id),
                title = html_escape(&j.title),
            )
        })
        .collect();
    let name = c.name();
    let main = format!(
        "<aside class=\"te-side\">\n<h3>Person</h3>\n<ul class=\"te-side-nav\">\
<li class=\"is-active\">Overview</li><li>Activities</li><li>Documents</li><li>Placements</li></ul>\n</aside>\n\
<main class=\"te-main\" data-person-id=\"{id}\">\n\
<div class=\"te-card te-person-card\">\n\
<p class=\"te-crumbs\"><a href=\"/\">People</a> / Person #{id}</p>\n\
<h1 class=\"person-name\">{name}</h1>\n\
<p class=\"te-person-contact\"><a class=\"person-email\" href=\"mailto:{email}\">{email}</a></p>\n\
<dl class=\"te-facts\"><dt>Status</dt><dd>Active candidate</dd><dt>Owner</dt><dd>Bill Biller</dd><dt>Source</dt><dd>Split Network</dd></dl>\n\
</div>\n\
<div class=\"te-card\"><section class=\"person-jobs\"><h2>Jobs</h2><ul>{jobs}</ul></section></div>\n\
<div class=\"te-card te-activity\"><h2>Recent activity</h2><p class=\"te-muted\">No activities logged yet.</p></div>\n\
</main>",
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
                "<tr class=\"job-candidate\" data-person-id=\"{id}\"><td class=\"candidate-name\"><a href=\"/people/{id}\">{name}</a></td><td class=\"candidate-email\">{email}</td></tr>",
                id = html_escape(&c.id),
                name = html_escape(&c.name()),
                email = html_escape(&c.email),
            )
        })
        .collect();
    let main = format!(
        "<aside class=\"te-side\">\n<h3>Job</h3>\n<ul class=\"te-side-nav\">\
<li class=\"is-active\">Info</li><li>Pipeline</li><li>Split partners</li><li>Notes</li></ul>\n</aside>\n\
<main class=\"te-main te-job\" data-job-id=\"{id}\">\n\
<div class=\"te-card\">\n\
<p class=\"te-crumbs\"><a href=\"/\">Network jobs</a> / Job info</p>\n\
<h1 class=\"job-title\">{title}</h1>\n\
<div class=\"job-location\">{location}</div>\n\
<div class=\"job-description\">{description}</div>\n\
</div>\n\
<div class=\"te-card\">\n<h2>Candidates in pipeline <span class=\"te-count\">{count}</span></h2>\n\
<table class=\"job-candidates\">\n<thead><tr><th>Name</th><th>Email</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n\
</div>\n</main>",
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
                "<li><a href=\"/network/jobs/{id}/info\">{title}</a> <span class=\"te-muted\">{location} · {n} candidates</span></li>",
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
                "<li><a href=\"/people/{id}\">{name}</a> <span class=\"te-muted\">{email}</span></li>",
                id = html_escape(&c.id),
                name = html_escape(&c.name()),
                email = html_escape(&c.email),
            )
        })
        .collect();
    let main = format!(
        "<main class=\"te-main te-index\">\n\
<div class=\"te-card\" id=\"jobs\"><h1>Network jobs</h1><ul class=\"te-index-list\">{jobs}</ul></div>\n\
<div class=\"te-card\" id=\"people\"><h2>People</h2><ul class=\"te-index-list te-columns\">{people}</ul></div>\n\
</main>"
    );
    shell("Dashboard", &main)
}

fn not_found_page() -> String {
    shell(
        "Not found",
        "<main class=\"te-main te-notfound\"><div class=\"te-card\"><h1>Record not found</h1>\
<p>This person or job does not exist, or you do not have access to it.</p>\
<p><a href=\"/\">Back to the dashboard</a></p></div></main>",
    )
}

pub fn app(st: &State, req: &Request) -> Response {
    if let Some(r) = only_get(&req.method) {
        return r;
    }
    if let Some(r) = asset(&req.path, KEY, APP_JS, APP_CSS) {
        return r;
    }
    let d = st.data.ats.get(Ats::TopEchelon);
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let resp = match segments.as_slice() {
        [""] => Response::html(200, index_page(d)),
        // (any sub-page of a person shows the person)
        ["people", id, ..] => match d.candidate(id) {
            Some(c) => Response::html(200, person_page(d, c)),
            None => Response::html(404, not_found_page()),
        },
        ["network", "jobs", id, "info"] => match d.job(id) {
            Some(j) => Response::html(200, job_page(d, j)),
            None => Response::html(404, not_found_page()),
        },
        _ => Response::html(404, not_found_page()),
    };
    with_csp(resp, &req.query)
}
