//! `acme.dc4.pageuppeople.com`: PageUp's applicant progress board and the
//! applicant (resume) view of one application.
//!
//! [model] All markup here is OUR MODEL of PageUp. Its real DOM is not
//! public; only the URL shapes
//! (`/ManageApplications/ApplicantProgressBoard?lJobId=`,
//! `/ApplicantProgressBoard/OpenResume?applicationId=`) are meant to match
//! the real app. As in PageUp (ASP.NET), query parameter names and paths are
//! matched without regard to case. The board's columns (stages) are derived
//! from each application's place in the pipeline; the seed has no stages.

use super::{asset, only_get, page, with_csp, Ats, AtsApplication, AtsCandidate, AtsData, AtsJob};
use crate::http::{Request, Response};
use crate::state::State;
use crate::util::{html_escape, parse_query};

const KEY: &str = "pageup";
pub const APP_JS: &str = include_str!("../../assets/pageup-app.js");
pub const APP_CSS: &str = include_str!("../../assets/pageup-app.css");

/// [model] Board columns; an application's column is its pipeline position mod 4.
const STAGES: [&str; 4] = ["New", "Shortlisted", "Interview", "Offer"];

fn stage_of(d: &AtsData, app: &AtsApplication) -> &'static str {
    let pos = d.pipeline(&app.job_id).position(|(a, _)| a.id == app.id).unwrap_or(0);
    STAGES[pos % STAGES.len()]
}

fn resume_href(application_id: &str) -> String {
    format!("/ApplicantProgressBoard/OpenResume?applicationId={}", html_escape(application_id))
}

fn shell(title: &str, main: &str) -> String {
    let body = format!(
        "<header class=\"pu-topbar\">\n\
<a class=\"pu-logo\" href=\"/\"><span class=\"pu-logo-mark\">P</span>PageUp</a>\n\
<nav class=\"pu-nav\"><a href=\"/\">Jobs</a><a href=\"/\">Applicants</a><a href=\"/\">Onboarding</a><a href=\"/\">Reports</a></nav>\n\
<div class=\"pu-topbar-actions\">\
<button type=\"button\" class=\"pu-btn pu-bulk-move\">Bulk move</button>\
<button type=\"button\" class=\"pu-btn pu-btn-primary pu-send-communication\">Send communication</button>\
<span class=\"pu-avatar\" title=\"Alex Recruiter\">AR</span></div>\n\
</header>\n\
<div class=\"pu-toast\" id=\"pu-toast\" role=\"status\" hidden></div>\n\
<div class=\"pu-page\">\n{main}\n</div>"
    );
    page(KEY, &format!("{title} - PageUp"), "pu-body", &body)
}

fn board_page(d: &AtsData, j: &AtsJob) -> String {
    let mut columns: Vec<Vec<String>> = vec![Vec::new(); STAGES.len()];
    for (i, (a, c)) in d.pipeline(&j.id).enumerate() {
        columns[i % STAGES.len()].push(format!(
            "<div class=\"pu-card\" data-application-id=\"{aid}\"><a class=\"pu-card-name\" href=\"{href}\">{name}</a><span class=\"pu-card-email\">{email}</span></div>",
            aid = html_escape(&a.id),
            href = resume_href(&a.id),
            name = html_escape(&c.name()),
            email = html_escape(&c.email),
        ));
    }
    let total: usize = columns.iter().map(Vec::len).sum();
    let board: String = STAGES
        .iter()
        .zip(&columns)
        .map(|(stage, cards)| {
            format!(
                "<section class=\"pu-column\"><h2 class=\"pu-column-title\">{stage} <span class=\"pu-count\">{n}</span></h2>\n{cards}\n</section>\n",
                n = cards.len(),
                cards = cards.join("\n"),
            )
        })
        .collect();
    let main = format!(
        "<main class=\"pu-board-page\" data-job-id=\"{id}\">\n\
<div class=\"pu-panel pu-job-head\">\n\
<p class=\"pu-crumbs\"><a href=\"/\">Jobs</a> / Applicant progress board · Job no. {id}</p>\n\
<h1 class=\"pu-job-title\">{title}</h1>\n\
<span class=\"pu-job-location\">{location}</span> <span class=\"pu-muted\">· {total} applications</span>\n\
<div class=\"pu-job-description\">{description}</div>\n\
</div>\n\
<div class=\"pu-board\">\n{board}</div>\n</main>",
        id = html_escape(&j.id),
        title = html_escape(&j.title),
        location = html_escape(&j.location),
        description = html_escape(&j.description),
    );
    shell(&format!("Applicant progress board: {}", j.title), &main)
}

fn resume_page(d: &AtsData, app: &AtsApplication, c: &AtsCandidate, j: &AtsJob) -> String {
    let others: String = d
        .applications_of(&c.id)
        .filter(|(a, _)| a.id != app.id)
        .map(|(a, oj)| {
            format!(
                "<li><a href=\"{href}\" data-job-id=\"{jid}\">{title}</a></li>",
                href = resume_href(&a.id),
                jid = html_escape(&oj.id),
                title = html_escape(&oj.title),
            )
        })
        .collect();
    let none_note = if others.is_empty() { "\n<p class=\"pu-muted\">No other applications.</p>" } else { "" };
    let name = c.name();
    let main = format!(
        "<main class=\"pu-resume\" data-application-id=\"{aid}\">\n\
<p class=\"pu-crumbs\"><a href=\"/ManageApplications/ApplicantProgressBoard?lJobId={jid}\">Applicant progress board</a> / Application {aid}</p>\n\
<div class=\"pu-resume-grid\">\n\
<div class=\"pu-panel\">\n\
<h1 class=\"pu-applicant-name\">{name}</h1>\n\
<a class=\"pu-applicant-email\" href=\"mailto:{email}\">{email}</a>\n\
<h2>This application</h2>\n\
<div class=\"pu-applicant-job\" data-job-id=\"{jid}\">{title}</div>\n\
<p class=\"pu-status\">Status: <span class=\"pu-status-badge\">{stage}</span></p>\n\
<h2>Other applications</h2>\n\
<ul class=\"pu-other-applications\">{others}</ul>{none_note}\n\
</div>\n\
<div class=\"pu-panel pu-resume-doc\">\n<h2>Resume</h2>\n\
<div class=\"pu-doc\"><p class=\"pu-doc-name\">{name}</p><p class=\"pu-doc-line\"></p><p class=\"pu-doc-line\"></p><p class=\"pu-doc-line pu-short\"></p>\
<p class=\"pu-doc-heading\">Experience</p><p class=\"pu-doc-line\"></p><p class=\"pu-doc-line\"></p><p class=\"pu-doc-line pu-short\"></p>\
<p class=\"pu-doc-heading\">Education</p><p class=\"pu-doc-line\"></p><p class=\"pu-doc-line pu-short\"></p></div>\n\
</div>\n</div>\n</main>",
        aid = html_escape(&app.id),
        jid = html_escape(&j.id),
        name = html_escape(&name),
        email = html_escape(&c.email),
        title = html_escape(&j.title),
        stage = stage_of(d, app),
    );
    shell(&format!("{name} - Application {}", app.id), &main)
}

fn index_page(d: &AtsData) -> String {
    let jobs: String = d
        .jobs
        .iter()
        .map(|j| {
            format!(
                "<tr><td><a href=\"/ManageApplications/ApplicantProgressBoard?lJobId={id}\">{title}</a></td><td>{id}</td><td>{location}</td><td>{n}</td></tr>",
                id = html_escape(&j.id),
                title = html_escape(&j.title),
                location = html_escape(&j.location),
                n = d.pipeline(&j.id).count(),
            )
        })
        .collect();
    let main = format!(
        "<main class=\"pu-index\">\n<div class=\"pu-panel\"><h1>My jobs</h1>\n\
<table class=\"pu-table\"><thead><tr><th>Job title</th><th>Job no.</th><th>Location</th><th>Applications</th></tr></thead>\
<tbody>{jobs}</tbody></table></div>\n</main>"
    );
    shell("My jobs", &main)
}

fn not_found_page() -> String {
    shell(
        "Not found",
        "<main class=\"pu-notfound\"><div class=\"pu-panel\"><h1>Not found</h1>\
<p>The job or application does not exist, or you do not have access to it.</p>\
<p><a href=\"/\">My jobs</a></p></div></main>",
    )
}

/// The value of query parameter `name`, matched without regard to case.
fn param(query: &str, name: &str) -> Option<String> {
    parse_query(query)
        .into_iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim().to_string())
}

pub fn app(st: &State, req: &Request) -> Response {
    if let Some(r) = only_get(&req.method) {
        return r;
    }
    if let Some(r) = asset(&req.path, KEY, APP_JS, APP_CSS) {
        return r;
    }
    let d = st.data.ats.get(Ats::PageUp);
    let path = req.path.trim_end_matches('/').to_ascii_lowercase();
    let missing = || Response::html(404, not_found_page());
    let resp = match path.as_str() {
        "" => Response::html(200, index_page(d)),
        "/manageapplications/applicantprogressboard" => {
            match param(&req.query, "lJobId").and_then(|id| d.job(&id)) {
                Some(j) => Response::html(200, board_page(d, j)),
                None => missing(),
            }
        }
        "/applicantprogressboard/openresume" | "/manageapplications/applicantprogressboard/openresume" => {
            let found = param(&req.query, "applicationId")
                .and_then(|id| d.application(&id))
                .and_then(|a| Some((a, d.candidate(&a.candidate_id)?, d.job(&a.job_id)?)));
            match found {
                Some((a, c, j)) => Response::html(200, resume_page(d, a, c, j)),
                None => missing(),
            }
        }
        _ => missing(),
    };
    with_csp(resp, &req.query)
}
