//! `hire.lever.co` pages. The page markup is modelled: Lever's real DOM is not public, only its
//! URL scheme and that it is a single-page app.
//!
//! [model] Job postings: Lever documents `/jobs/postings/edit/<postingId>` for
//! the posting editor. The pipeline page served here at
//! `/jobs/postings/<postingId>` (title, location, description and a table of
//! the posting's candidates) is OUR MODEL, route and markup both.

use serde_json::{json, Value};

use crate::http::{Request, Response};
use crate::state::{Data, Opportunity, Posting, State};
use crate::util::{html_escape, json_for_script, parse_query};

pub const APP_JS: &str = include_str!("../../assets/lever-app.js");
pub const APP_CSS: &str = include_str!("../../assets/lever-app.css");

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
                    "postings": d
                        .postings_of(&o.id)
                        .iter()
                        .map(|p| json!({"id": p.id, "text": p.text}))
                        .collect::<Vec<_>>(),
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

/// `<a class="candidate-posting" …>` for each posting the opportunity is in.
fn candidate_postings(d: &Data, o: &Opportunity) -> String {
    d.postings_of(&o.id)
        .iter()
        .map(|p| {
            format!(
                "<a class=\"candidate-posting\" data-posting-id=\"{id}\" href=\"/jobs/postings/{id}\">{text}</a>",
                id = html_escape(&p.id),
                text = html_escape(&p.text)
            )
        })
        .collect()
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
<section class=\"candidate-postings\"><h3>Jobs</h3>{postings}</section>\n\
<section class=\"lever-feed\"><h3>Activity</h3><p>No new activity.</p></section>\n\
</main>\n\
<aside class=\"lever-sidebar\">\n<h3>Other candidates</h3>\n<ul class=\"candidate-list\" id=\"other-candidates\">\n{others}\n</ul>\n</aside>\n\
</div>",
        id = html_escape(&o.id),
        name = html_escape(&o.name),
        email = html_escape(&email),
        stage = html_escape(&st.data.stage_text(&o.stage)),
        postings = candidate_postings(&st.data, o),
    );
    page(&format!("{} – Lever", o.name), &body, &page_data(st))
}

/// [model] A posting's pipeline page (see the module comment).
fn posting_page(st: &State, p: &Posting) -> String {
    let d = &st.data;
    let rows: String = p
        .opportunity_ids
        .iter()
        .filter_map(|id| d.opportunity(id))
        .map(|o| {
            format!(
                "<tr class=\"posting-candidate\" data-opportunity-id=\"{id}\">\
<td class=\"posting-candidate-name\"><a href=\"/candidates/{id}\">{name}</a></td>\
<td class=\"posting-candidate-email\">{email}</td></tr>",
                id = html_escape(&o.id),
                name = html_escape(&o.name),
                email = html_escape(o.emails.first().map(String::as_str).unwrap_or_default()),
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let body = format!(
        "<div class=\"lever-layout\">\n\
<main class=\"lever-posting\" id=\"lever-posting\" data-posting-id=\"{id}\">\n\
<h1 class=\"posting-title\">{text}</h1>\n\
<div class=\"posting-location\">{location}</div>\n\
<div class=\"posting-description\">{description}</div>\n\
<h3>Candidates</h3>\n\
<table class=\"posting-candidates\">\n<thead><tr><th>Name</th><th>Email</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n\
</main>\n</div>",
        id = html_escape(&p.id),
        text = html_escape(&p.text),
        location = html_escape(&p.location),
        description = html_escape(&p.description),
    );
    page(&format!("{} – Lever", p.text), &body, &page_data(st))
}

fn index_page(st: &State) -> String {
    let items: String = st.data.lever.opportunities.iter().map(candidate_link).collect::<Vec<_>>().join("\n");
    let postings: String = st
        .data
        .lever
        .postings
        .iter()
        .map(|p| {
            format!(
                "<li><a class=\"posting-link\" href=\"/jobs/postings/{}\">{}</a></li>",
                html_escape(&p.id),
                html_escape(&p.text)
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let body = format!(
        "<div class=\"lever-layout\">\n<main class=\"lever-index\">\n<h2>Candidates</h2>\n\
<ul class=\"candidate-list\" id=\"all-candidates\">\n{items}\n</ul>\n\
<h2>Jobs</h2>\n<ul class=\"posting-list\" id=\"all-postings\">\n{postings}\n</ul>\n</main>\n</div>"
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
        // [model] route (Lever documents only `/jobs/postings/edit/<postingId>`)
        ["jobs", "postings", id] => match st.data.posting(id) {
            Some(p) => Response::html(200, posting_page(st, p)),
            None => Response::html(404, not_found_page(st)),
        },
        _ => Response::html(404, not_found_page(st)),
    };
    if strict {
        resp.set_header("Content-Security-Policy", "script-src 'self'; frame-src 'none'");
    }
    resp
}
