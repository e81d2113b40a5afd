//! `acme.dc4.pageuppeople.com`: PageUp's applicant progress board and the
//! applicant (resume) view of one application.
//!
//! What follows the real app (API-NOTES: PageUp, [code]): the URL shapes
//! (`/ManageApplications/ApplicantProgressBoard?lJobId=`,
//! `/ApplicantProgressBoard/OpenResume?applicationId=&applicantId=`), a board of status
//! columns headed by `<h2>` "Status (n)" in `.overflow-y-auto` columns, names in `<h3>`, and
//! cards that link to the application carrying both ids. As in PageUp (ASP.NET), query
//! parameter names and paths are matched without regard to case. The columns are the tenant's
//! own statuses and each card sits in its application's current one, as PageUp's API holds it
//! (`pageup_api`), so a status changed through the API moves the card.
//!
//! [model] Everything else: class names, the email line on a card, the résumé view's layout.

use super::{asset, only_get, page, with_csp, Ats, AtsApplication, AtsCandidate, AtsData, AtsJob};
use std::collections::HashMap;

use crate::http::{Request, Response};
use crate::pageup_api::status_name;
use crate::state::State;
use crate::util::{html_escape, parse_query};

const KEY: &str = "pageup";
pub const APP_JS: &str = include_str!("../../assets/pageup-app.js");
pub const APP_CSS: &str = include_str!("../../assets/pageup-app.css");

/// The tenant's statuses in order, and each application's current status name, from PageUp's
/// API state for the tenant on `host`.
struct Statuses {
    names: Vec<String>,
    of: HashMap<String, String>,
}

impl Statuses {
    fn of_tenant(st: &State, host: &str, d: &AtsData) -> Statuses {
        let pu = &st.data.pageup;
        let Some(inst) = pu.instances.iter().find(|i| i.tenant_host.eq_ignore_ascii_case(host)) else {
            return Statuses { names: vec!["New".into()], of: HashMap::new() };
        };
        let of = d
            .applications
            .iter()
            .map(|a| {
                let code = pu.status_of(inst, &a.id);
                (a.id.clone(), status_name(inst, &code).unwrap_or(&code).to_string())
            })
            .collect();
        Statuses { names: inst.status_codes.iter().map(|s| s.name.clone()).collect(), of }
    }

    fn name(&self, application_id: &str) -> &str {
        self.of.get(application_id).map_or(self.names[0].as_str(), String::as_str)
    }
}

fn resume_href(a: &AtsApplication) -> String {
    format!(
        "/ApplicantProgressBoard/OpenResume?applicationId={}&amp;applicantId={}",
        html_escape(&a.id),
        html_escape(&a.candidate_id)
    )
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

fn board_page(d: &AtsData, j: &AtsJob, statuses: &Statuses) -> String {
    let mut columns: Vec<Vec<String>> = vec![Vec::new(); statuses.names.len()];
    for (a, c) in d.pipeline(&j.id) {
        let at = statuses.names.iter().position(|n| n == statuses.name(&a.id)).unwrap_or(0);
        columns[at].push(format!(
            "<a class=\"pu-card\" href=\"{href}\"><h3>{name}</h3><span class=\"pu-card-email\">{email}</span></a>",
            href = resume_href(a),
            name = html_escape(&c.name()),
            email = html_escape(&c.email),
        ));
    }
    let total: usize = columns.iter().map(Vec::len).sum();
    let board: String = statuses
        .names
        .iter()
        .zip(&columns)
        .map(|(status, cards)| {
            format!(
                "<section class=\"pu-column\"><h2 class=\"pu-column-title\">{status} ({n})</h2>\n<div class=\"overflow-y-auto\">{cards}</div>\n</section>\n",
                status = html_escape(status),
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

fn resume_page(
    d: &AtsData,
    app: &AtsApplication,
    c: &AtsCandidate,
    j: &AtsJob,
    statuses: &Statuses,
) -> String {
    let others: String = d
        .applications_of(&c.id)
        .filter(|(a, _)| a.id != app.id)
        .map(|(a, oj)| {
            format!(
                "<li><a href=\"{href}\" data-job-id=\"{jid}\">{title}</a></li>",
                href = resume_href(a),
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
        stage = html_escape(statuses.name(&app.id)),
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
    let statuses = Statuses::of_tenant(st, &req.host(), d);
    let path = req.path.trim_end_matches('/').to_ascii_lowercase();
    let missing = || Response::html(404, not_found_page());
    let resp = match path.as_str() {
        "" => Response::html(200, index_page(d)),
        "/manageapplications/applicantprogressboard" => {
            match param(&req.query, "lJobId").and_then(|id| d.job(&id)) {
                Some(j) => Response::html(200, board_page(d, j, &statuses)),
                None => missing(),
            }
        }
        "/applicantprogressboard/openresume" | "/manageapplications/applicantprogressboard/openresume" => {
            let found = param(&req.query, "applicationId")
                .and_then(|id| d.application(&id))
                .and_then(|a| Some((a, d.candidate(&a.candidate_id)?, d.job(&a.job_id)?)));
            match found {
                Some((a, c, j)) => Response::html(200, resume_page(d, a, c, j, &statuses)),
                None => missing(),
            }
        }
        _ => missing(),
    };
    with_csp(resp, &req.query)
}
