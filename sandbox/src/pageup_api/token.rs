//! `POST https://login.<dc>.pageuppeople.com/connect/token` (UAT: `loginuat.<dc>`) [doc]:
//! client credentials, form-encoded, scopes space-separated → `{access_token, expires_in,
//! token_type}`. Error bodies are OAuth2's `{error, error_description}` [model].

use serde_json::json;

use super::{PuToken, KNOWN_SCOPES};
use crate::http::{Request, Response};
use crate::state::State;
use crate::util::{parse_query, uuid_v4};

/// [doc] tokens last 300 s; `pageup_token_ttl_s` shortens or lengthens that for a test.
pub const DEFAULT_TTL_S: u64 = 300;

fn oauth_error(status: u16, error: &str, description: &str) -> Response {
    Response::json(status, &json!({"error": error, "error_description": description}))
        .with_header("Cache-Control", "no-store")
}

pub fn token(st: &mut State, req: &Request, env: &str, dc: &str) -> Response {
    let path = req.path.trim_end_matches('/');
    if !path.eq_ignore_ascii_case("/connect/token") {
        return Response::json(404, &json!({"error": "not_found", "error_description": "Not found"}));
    }
    if req.method != "POST" {
        return oauth_error(405, "invalid_request", "The token endpoint takes POST only");
    }
    let form = req.header("content-type").unwrap_or("").to_ascii_lowercase();
    if !form.starts_with("application/x-www-form-urlencoded") {
        return oauth_error(400, "invalid_request", "The body must be application/x-www-form-urlencoded");
    }
    let fields = parse_query(&String::from_utf8_lossy(&req.body));
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    if get("grant_type") != Some("client_credentials") {
        return oauth_error(400, "unsupported_grant_type", "Only client_credentials is supported");
    }
    let (id, secret) = (get("client_id").unwrap_or(""), get("client_secret").unwrap_or(""));
    // A client belongs to one data centre and one environment: LIVE credentials are unknown at
    // the UAT token host, and a dc4 client is unknown in dc3.
    let found = st.data.pageup.instances.iter().find_map(|i| {
        let c = i.clients.iter().find(|c| c.client_id == id && c.env == env && i.dc == dc)?;
        Some((i.instance_id.clone(), c.clone()))
    });
    // [model] 400, as IdentityServer (whose path `/connect/token` this is) answers a bad client.
    let Some((instance_id, client)) = found.filter(|(_, c)| !secret.is_empty() && c.client_secret == secret)
    else {
        return oauth_error(400, "invalid_client", "Client authentication failed");
    };
    let asked: Vec<String> = get("scope").unwrap_or("").split_whitespace().map(String::from).collect();
    // [model] No scope asks for every scope the client was granted, as IdentityServer does.
    let scopes = if asked.is_empty() { client.scopes.clone() } else { asked };
    if let Some(s) = scopes.iter().find(|s| !client.scopes.contains(s)) {
        let why =
            if KNOWN_SCOPES.contains(&s.as_str()) { "is not granted to this client" } else { "is unknown" };
        return oauth_error(400, "invalid_scope", &format!("Scope {s} {why}"));
    }
    let now = st.now();
    let ttl = st.config_u64("pageup_token_ttl_s", DEFAULT_TTL_S);
    let access_token = format!("{}{}", uuid_v4().replace('-', ""), uuid_v4().replace('-', ""));
    st.data.pageup.tokens.push(PuToken {
        access_token: access_token.clone(),
        client_id: client.client_id,
        instance_id,
        env: env.to_string(),
        dc: dc.to_string(),
        scopes: scopes.clone(),
        issued_at: now,
        expires_at: now + ttl as i64,
    });
    let body = json!({
        "access_token": access_token, "expires_in": ttl, "token_type": "Bearer", "scope": scopes.join(" "),
    });
    Response::json(200, &body).with_header("Cache-Control", "no-store")
}
