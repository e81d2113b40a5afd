//! `https://<api|apiuat>.<dc>.pageuppeople.com/v3/<instanceId>/recruitment/…` [doc] with a
//! Bearer token from the same data centre and environment. The status change by code is
//! [catalog]; the reads, the error bodies and the status list are [model].

use serde_json::{json, Map, Value};

use super::{status_name, PuToken, SCOPE_APPLICANT_READ, SCOPE_APP_READ, SCOPE_APP_WRITE};
use crate::ats::{AtsCandidate, AtsData};
use crate::http::{Request, Response};
use crate::state::State;
use crate::util::{format_iso, parse_query};

fn message(status: u16, text: &str) -> Response {
    Response::json(status, &json!({ "message": text }))
}

fn unauthorized(description: &str) -> Response {
    message(401, "Unauthorized").with_header(
        "WWW-Authenticate",
        format!("Bearer error=\"invalid_token\", error_description=\"{description}\""),
    )
}

/// A number where the id is one (PageUp's ids are), else the string.
fn id_json(id: &str) -> Value {
    id.parse::<u64>().map(Value::from).unwrap_or_else(|_| json!(id))
}

/// The token the request carries, checked against this host and the clock.
fn bearer(st: &State, req: &Request, env: &str, dc: &str) -> Result<PuToken, Response> {
    let value = req.header("authorization").unwrap_or("").trim();
    let token = match value.split_once(' ') {
        Some((scheme, t)) if scheme.eq_ignore_ascii_case("bearer") && !t.trim().is_empty() => t.trim(),
        _ => return Err(unauthorized("A Bearer token is required")),
    };
    // A token from another data centre or environment is as unknown here as a made-up one.
    let Some(t) =
        st.data.pageup.tokens.iter().find(|t| t.access_token == token && t.env == env && t.dc == dc)
    else {
        return Err(unauthorized("The access token is invalid"));
    };
    if t.expires_at <= st.now() {
        return Err(unauthorized("The access token expired"));
    }
    Ok(t.clone())
}

/// `pageup_applications_prefix` [model]: which of the two prefixes API-NOTES leaves open is
/// served: `recruitment` (`/v3/<id>/recruitment/applications/…`), `plain`
/// (`/v3/<id>/applications/…`) or `both` (the default).
fn area<'a>(st: &State, segments: &'a [String]) -> Option<&'a [String]> {
    let mode = st.config.get("pageup_applications_prefix").and_then(Value::as_str).unwrap_or("both");
    match segments.split_first() {
        Some((first, rest)) if first == "recruitment" && mode != "plain" => Some(rest),
        Some(_) if mode != "recruitment" => Some(segments),
        _ => None,
    }
}

pub fn api(st: &mut State, req: &Request, env: &str, dc: &str) -> Response {
    let Some(rest) = req.path.strip_prefix("/v3/") else {
        return message(404, "Not found");
    };
    let token = match bearer(st, req, env, dc) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let (instance_id, rest) = rest.split_once('/').unwrap_or((rest, ""));
    if instance_id != token.instance_id {
        // [model] a token is for its own instance only
        return message(403, "The token is not valid for this instance");
    }
    // ASP.NET matches paths without regard to case.
    let segments: Vec<String> = rest.trim_end_matches('/').split('/').map(str::to_ascii_lowercase).collect();
    let Some(area) = area(st, &segments) else {
        return message(404, "Not found");
    };
    let area: Vec<&str> = area.iter().map(String::as_str).collect();
    let method = if req.method == "HEAD" { "GET" } else { req.method.as_str() };
    let scope = match (method, area.as_slice()) {
        ("POST", ["applications", _, "changeapplicationstatusbycode"]) => SCOPE_APP_WRITE,
        ("GET", ["applications", _] | ["applicationstatuses"]) => SCOPE_APP_READ,
        ("GET", ["applicants"] | ["applicants", _]) => SCOPE_APPLICANT_READ,
        (_, ["applications", _, "changeapplicationstatusbycode"])
        | (_, ["applications", _] | ["applicationstatuses"] | ["applicants"] | ["applicants", _]) => {
            return message(405, "Method not allowed")
        }
        _ => return message(404, "Not found"),
    };
    if !token.scopes.iter().any(|s| s == scope) {
        return message(403, &format!("The token lacks the scope {scope}")).with_header(
            "WWW-Authenticate",
            format!("Bearer error=\"insufficient_scope\", scope=\"{scope}\""),
        );
    }
    let d = &st.data;
    let Some(inst) = d.pageup.instance(instance_id) else {
        return message(403, "The token is not valid for this instance");
    };
    let apps = &d.ats.pageup;
    match area.as_slice() {
        ["applications", id, "changeapplicationstatusbycode"] => {
            let id = id.to_string();
            change_status(st, req, instance_id, &id, &token, env, dc)
        }
        ["applications", id] => match apps.application(id) {
            Some(a) => {
                let code = d.pageup.status_of(inst, &a.id);
                Response::json(
                    200,
                    &json!({
                        "applicationId": id_json(&a.id), "applicantId": id_json(&a.candidate_id),
                        "jobId": id_json(&a.job_id), "statusCode": code, "statusName": status_name(inst, &code),
                    }),
                )
            }
            None => message(404, "Application not found"),
        },
        ["applicationstatuses"] => Response::json(200, &json!({ "items": inst.status_codes })),
        ["applicants", id] => match apps.candidate(id) {
            Some(c) => Response::json(200, &applicant_json(apps, c)),
            None => message(404, "Applicant not found"),
        },
        _ => {
            let q = parse_query(&req.query);
            let email = q.iter().find(|(k, _)| k.eq_ignore_ascii_case("email")).map(|(_, v)| v.trim());
            let Some(email) = email.filter(|e| !e.is_empty()) else {
                return message(400, "email is required");
            };
            let items: Vec<Value> = apps
                .candidates
                .iter()
                .filter(|c| c.email.eq_ignore_ascii_case(email))
                .map(|c| applicant_json(apps, c))
                .collect();
            Response::json(200, &json!({"items": items, "totalCount": items.len()}))
        }
    }
}

fn applicant_json(apps: &AtsData, c: &AtsCandidate) -> Value {
    json!({
        "applicantId": id_json(&c.id), "firstName": c.first_name, "lastName": c.last_name, "email": c.email,
        "applicationIds": apps.applications_of(&c.id).map(|(a, _)| id_json(&a.id)).collect::<Vec<_>>(),
    })
}

/// Strict [model]: the two documented fields only, with their types; PageUp validates its
/// bodies, and a sandbox that accepted anything would hide a regression in what is sent.
fn status_body(req: &Request) -> Result<(String, Option<i64>), String> {
    let b: Map<String, Value> = match serde_json::from_slice(&req.body) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return Err("The body must be a JSON object".into()),
        Err(_) => return Err("The body is not valid JSON".into()),
    };
    if let Some(k) =
        b.keys().find(|k| !matches!(k.as_str(), "applicationStatusCode" | "statusChangeReasonId"))
    {
        return Err(format!("Unknown field: {k}"));
    }
    let code = match b.get("applicationStatusCode") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        _ => return Err("applicationStatusCode is required and must be a string".into()),
    };
    let reason = match b.get("statusChangeReasonId") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_i64().ok_or("statusChangeReasonId must be an integer")?),
    };
    Ok((code, reason))
}

fn change_status(
    st: &mut State,
    req: &Request,
    instance_id: &str,
    application_id: &str,
    token: &PuToken,
    env: &str,
    dc: &str,
) -> Response {
    let (code, reason) = match status_body(req) {
        Ok(x) => x,
        Err(m) => return message(400, &m),
    };
    let now = st.now();
    let d = &mut st.data;
    let Some(app) = d.ats.pageup.application(application_id) else {
        return message(404, "Application not found");
    };
    let Some(inst) = d.pageup.instance(instance_id) else {
        return message(403, "The token is not valid for this instance");
    };
    if status_name(inst, &code).is_none() {
        // [model] the status code is the customer's own; an unknown one changes nothing
        return message(400, &format!("Unknown application status code: {code}"));
    }
    let from = d.pageup.status_of(inst, application_id);
    d.pageup.changes.push(json!({
        "instance_id": instance_id, "application_id": app.id, "applicant_id": app.candidate_id,
        "from": from, "to": code, "status_change_reason_id": reason, "client_id": token.client_id,
        "host": format!("{}.{dc}.pageuppeople.com", if env == "uat" { "apiuat" } else { "api" }),
        "path": req.path, "at": format_iso(now),
    }));
    d.pageup.statuses.insert((instance_id.to_string(), application_id.to_string()), code);
    Response::json(200, &json!({}))
}
