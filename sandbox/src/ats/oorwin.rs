//! `acme.oorwin.com`: Oorwin, a hash-routed single-page app.
//!
//! [model] All markup here is OUR MODEL of Oorwin. Its real DOM is not
//! public; only the hash routes (`#/candidates/{id}/overview`,
//! `#/jobs/{id}/overview`, `#/jobs/{id}/pipeline_details/all`) are meant to
//! match the real app. Every path serves the same shell; the data rides along
//! as `<script type="application/json" id="oorwin-data">` and
//! `/static/oorwin-app.js` renders the view for `location.hash` with DOM APIs
//! (see that file for the markup it builds).

use serde_json::{json, Value};

use super::{asset, only_get, page, with_csp, Ats, AtsData};
use crate::http::{Request, Response};
use crate::state::State;
use crate::util::json_for_script;

const KEY: &str = "oorwin";
pub const APP_JS: &str = include_str!("../../assets/oorwin-app.js");
pub const APP_CSS: &str = include_str!("../../assets/oorwin-app.css");

/// What the app script reads: jobs with their pipelines, candidates with
/// their jobs.
fn app_data(d: &AtsData) -> Value {
    json!({
        "jobs": d.jobs.iter().map(|j| json!({
            "id": j.id,
            "title": j.title,
            "location": j.location,
            "description": j.description,
            "candidate_ids": d.pipeline(&j.id).map(|(_, c)| c.id.clone()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "candidates": d.candidates.iter().map(|c| json!({
            "id": c.id,
            "name": c.name(),
            "email": c.email,
            "job_ids": d.applications_of(&c.id).map(|(_, j)| j.id.clone()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn shell(d: &AtsData) -> String {
    let body = format!(
        "<header class=\"ow-topbar\">\n\
<a class=\"ow-logo\" href=\"#/\"><span class=\"ow-logo-mark\">o</span>oorwin</a>\n\
<nav class=\"ow-nav\"><a href=\"#/\">Dashboard</a><a href=\"#/\">Jobs</a><a href=\"#/\">Candidates</a><a href=\"#/\">Clients</a><a href=\"#/\">Reports</a></nav>\n\
<div class=\"ow-topbar-actions\">\
<button type=\"button\" class=\"ow-btn ow-btn-primary ow-create\">+ Create</button>\
<button type=\"button\" class=\"ow-btn ow-notifications\">Alerts</button>\
<span class=\"ow-avatar\" title=\"Alex Recruiter\">AR</span></div>\n\
</header>\n\
<div class=\"ow-toast\" id=\"ow-toast\" role=\"status\" hidden></div>\n\
<div class=\"ow-layout\">\n\
<nav class=\"ow-sidebar\"><a href=\"#/\">Home</a><a href=\"#/\">Job Requisitions</a><a href=\"#/\">Talent Pool</a><a href=\"#/\">Submissions</a><a href=\"#/\">Interviews</a><a href=\"#/\">Placements</a></nav>\n\
<main id=\"ow-root\" class=\"ow-root\"><p class=\"ow-loading\">Loading…</p></main>\n\
</div>\n\
<script type=\"application/json\" id=\"oorwin-data\">{}</script>",
        json_for_script(&app_data(d))
    );
    page(KEY, "Oorwin", "ow-body", &body)
}

pub fn app(st: &State, req: &Request) -> Response {
    if let Some(r) = only_get(&req.method) {
        return r;
    }
    if let Some(r) = asset(&req.path, KEY, APP_JS, APP_CSS) {
        return r;
    }
    if req.path.starts_with("/static/") {
        return Response::text(404, "Not found");
    }
    let d = st.data.ats.get(Ats::Oorwin);
    with_csp(Response::html(200, shell(d)), &req.query)
}
