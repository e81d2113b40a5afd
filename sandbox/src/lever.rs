//! `api.lever.co` (v1) and `hire.lever.co` pages. The page markup is modelled:
//! Lever's real DOM is not public, only its URL scheme and that it is a
//! single-page app.

use serde_json::{json, Value};

use crate::http::{Request, Response};
use crate::sparkhire::basic_auth_user;
use crate::state::{Opportunity, State};
use crate::util::{html_escape, json_for_script, parse_query};

pub const APP_JS: &str = include_str!("../assets/lever-app.js");
pub const APP_CSS: &str = include_str!("../assets/lever-app.css");

fn error(status: u16, code: &str, message: &str) -> Response {
    // [model] error body shape
    Response::json(status, &json!({"code": code, "message": message}))
}

pub fn api(st: &State, req: &Request) -> Response {
    let Some(rest) = req.path.strip_prefix("/v1/") else {
        return error(404, "ResourceNotFound", "Not found");
    };
    let authorised = basic_auth_user(req).is_some_and(|k| st.data.lever.api_keys.contains(&k));
    if !authorised {
        return error(401, "UnauthorizedError", "Invalid API key");
    }
    if req.method != "GET" && req.method != "HEAD" {
        return error(405, "MethodNotAllowed", "Method not allowed");
    }
    let d = &st.data;
    let segments: Vec<&str> = rest.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        ["stages"] => Response::json(200, &json!({"data": d.lever.stages, "hasNext": false})),
        ["opportunities"] => {
            let q = parse_query(&req.query);
            let emails: Vec<String> =
                q.iter().filter(|(k, _)| k == "email").map(|(_, v)| v.to_ascii_lowercase()).collect();
            let list: Vec<Value> = d
                .lever
                .opportunities
                .iter()
                .filter(|o| {
                    emails.is_empty() || o.emails.iter().any(|e| emails.contains(&e.to_ascii_lowercase()))
                })
                .map(|o| d.opportunity_json(o))
                .collect();
            Response::json(200, &json!({"data": list, "hasNext": false}))
        }
        ["opportunities", id] => match d.lever.opportunities.iter().find(|o| o.id == *id) {
            Some(o) => Response::json(200, &json!({"data": d.opportunity_json(o)})),
            None => error(404, "ResourceNotFound", "Opportunity not found"),
        },
        _ => error(404, "ResourceNotFound", "Not found"),
    }
}

// ---------------------------------------------------------------------------
// hire.lever.co

fn page(title: &str, body: &str, data: &Value) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<title>{title}</title>\n<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"/static/lever-app.css\">\n\
<script src=\"/static/lever-app.js\" defer></script>\n</head>\n<body>\n\
<header class=\"lever-topbar\">\n<a class=\"lever-logo\" href=\"/\">Lever</a>\n\
<nav class=\"lever-nav\"><a href=\"/\">Candidates</a><a href=\"/\">Jobs</a><a href=\"/\">Reports</a></nav>\n\
<div class=\"lever-topbar-actions\">\
<button type=\"button\" class=\"lever-btn lever-advance\">Advance</button>\
<button type=\"button\" class=\"lever-btn lever-archive\">Archive</button></div>\n\
</header>\n{body}\n<script type=\"application/json\" id=\"lever-data\">{}</script>\n</body>\n</html>\n",
        json_for_script(data),
        title = html_escape(title),
    )
}

fn page_data(st: &State) -> Value {
    let d = &st.data;
    Value::Array(
        d.lever
            .opportunities
            .iter()
            .map(|o| {
                json!({
                    "id": o.id,
                    "name": o.name,
                    "email": o.emails.first().cloned().unwrap_or_default(),
                    "stage": d.stage_text(&o.stage),
                })
            })
            .collect(),
    )
}

fn candidate_link(o: &Opportunity) -> String {
    format!(
        "<li><a class=\"candidate-link\" href=\"/candidates/{}\">{}</a></li>",
        html_escape(&o.id),
        html_escape(&o.name)
    )
}

fn candidate_page(st: &State, o: &Opportunity) -> String {
    let email = o.emails.first().cloned().unwrap_or_default();
    let others: String = st
        .data
        .lever
        .opportunities
        .iter()
        .filter(|x| x.id != o.id)
        .map(candidate_link)
        .collect::<Vec<_>>()
        .join("\n");
    let body = format!(
        "<div class=\"lever-layout\">\n\
<main class=\"lever-profile\" id=\"lever-profile\" data-opportunity-id=\"{id}\">\n\
<h2 class=\"candidate-name\">{name}</h2>\n\
<p class=\"candidate-contact\"><a class=\"candidate-email\" href=\"mailto:{email}\">{email}</a></p>\n\
<p class=\"candidate-stage-row\">Stage: <span class=\"candidate-stage\">{stage}</span></p>\n\
<section class=\"lever-feed\"><h3>Activity</h3><p>No new activity.</p></section>\n\
</main>\n\
<aside class=\"lever-sidebar\">\n<h3>Other candidates</h3>\n<ul class=\"candidate-list\" id=\"other-candidates\">\n{others}\n</ul>\n</aside>\n\
</div>",
        id = html_escape(&o.id),
        name = html_escape(&o.name),
        email = html_escape(&email),
        stage = html_escape(&st.data.stage_text(&o.stage)),
    );
    page(&format!("{} – Lever", o.name), &body, &page_data(st))
}

fn index_page(st: &State) -> String {
    let items: String = st.data.lever.opportunities.iter().map(candidate_link).collect::<Vec<_>>().join("\n");
    let body = format!(
        "<div class=\"lever-layout\">\n<main class=\"lever-index\">\n<h2>Candidates</h2>\n\
<ul class=\"candidate-list\" id=\"all-candidates\">\n{items}\n</ul>\n</main>\n</div>"
    );
    page("Candidates – Lever", &body, &page_data(st))
}

fn not_found_page(st: &State) -> String {
    page(
        "Not found – Lever",
        "<div class=\"lever-layout\"><main class=\"lever-notfound\"><h2>Candidate not found</h2>\
<p><a href=\"/\">All candidates</a></p></main></div>",
        &page_data(st),
    )
}

pub fn app(st: &State, req: &Request) -> Response {
    if req.method != "GET" && req.method != "HEAD" {
        return Response::text(405, "Method not allowed");
    }
    let strict = parse_query(&req.query).iter().any(|(k, v)| k == "csp" && v == "strict");
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let mut resp = match segments.as_slice() {
        ["static", "lever-app.js"] => return Response::new(200, "text/javascript; charset=utf-8", APP_JS),
        ["static", "lever-app.css"] => return Response::new(200, "text/css; charset=utf-8", APP_CSS),
        [""] => Response::html(200, index_page(st)),
        ["candidates", id] => match st.data.lever.opportunities.iter().find(|o| o.id == *id) {
            Some(o) => Response::html(200, candidate_page(st, o)),
            None => Response::html(404, not_found_page(st)),
        },
        _ => Response::html(404, not_found_page(st)),
    };
    if strict {
        resp.set_header("Content-Security-Policy", "script-src 'self'; frame-src 'none'");
    }
    resp
}
