//! `api.lever.co/v1`: auth, the rate limit, the reads, and routing of the writes.

use serde_json::{json, Value};

use super::{error, note_json, take_token, writes};
use crate::http::{Request, Response};
use crate::sparkhire::basic_auth_user;
use crate::state::{Opportunity, State};
use crate::util::parse_query;

pub fn api(st: &mut State, req: &Request) -> Response {
    let Some(rest) = req.path.strip_prefix("/v1/") else {
        return error(404, "ResourceNotFound", "Not found");
    };
    let Some(key) = basic_auth_user(req).filter(|k| st.data.lever.api_keys.contains(k)) else {
        return error(401, "UnauthorizedError", "Invalid API key");
    };
    if !take_token(st, &key) {
        // [model] the body; no Retry-After, as Lever documents none [doc]
        return error(429, "TooManyRequests", "Rate limit exceeded: 10 requests per second per key");
    }
    let q = parse_query(&req.query);
    let segments: Vec<&str> = rest.trim_matches('/').split('/').collect();
    let method = if req.method == "HEAD" { "GET" } else { req.method.as_str() };
    match (method, segments.as_slice()) {
        ("GET", _) => read(st, &q, &segments),
        ("POST", ["opportunities"]) => writes::create(st, req, &q),
        ("PUT", ["opportunities", id, "stage"]) => writes::stage(st, req, &q, id),
        ("PUT", ["opportunities", id, "archived"]) => writes::archive(st, req, &q, id),
        ("POST", ["opportunities", id, "notes"]) => writes::note(st, req, &q, id),
        ("POST", ["opportunities", id, "addTags"]) => writes::tags(st, req, &q, id, true),
        ("POST", ["opportunities", id, "removeTags"]) => writes::tags(st, req, &q, id, false),
        _ => error(405, "MethodNotAllowed", "Method not allowed"),
    }
}

fn one<'a>(q: &'a [(String, String)], name: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn all<'a>(q: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    q.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
}

fn read(st: &State, q: &[(String, String)], segments: &[&str]) -> Response {
    let d = &st.data;
    match segments {
        ["stages"] => paged(d.lever.stages.iter().map(|s| json!(s)).collect(), q),
        ["users"] => paged(d.lever.users.iter().map(|u| json!(u)).collect(), q),
        ["archive_reasons"] => {
            let kind = one(q, "type");
            let list = d.lever.archive_reasons.iter().filter(|r| kind.is_none_or(|k| r.kind == k));
            paged(list.map(|r| json!(r)).collect(), q)
        }
        ["opportunities"] => {
            let emails: Vec<String> = all(q, "email").iter().map(|e| e.to_ascii_lowercase()).collect();
            let since = match one(q, "updated_at_start").map(str::parse::<i64>) {
                None => None,
                Some(Ok(n)) => Some(n),
                Some(Err(_)) => {
                    return error(400, "BadRequestError", "updated_at_start must be a timestamp in ms")
                }
            };
            let (stages, origins) = (all(q, "stage_id"), all(q, "origin"));
            // A posting's pipeline, in its order; otherwise every opportunity.
            let pool: Vec<&Opportunity> = match one(q, "posting_id") {
                Some(p) => d.posting(p).map_or_else(Vec::new, |p| {
                    p.opportunity_ids.iter().filter_map(|id| d.opportunity(id)).collect()
                }),
                None => d.lever.opportunities.iter().collect(),
            };
            let list = pool
                .into_iter()
                .filter(|o| {
                    emails.is_empty() || o.emails.iter().any(|e| emails.contains(&e.to_ascii_lowercase()))
                })
                .filter(|o| stages.is_empty() || stages.contains(&o.stage.as_str()))
                .filter(|o| {
                    let m = d.lever_rt.opps.get(&o.id);
                    since.is_none_or(|t| m.is_some_and(|m| m.updated_at >= t))
                        && (origins.is_empty() || m.is_some_and(|m| origins.contains(&m.origin.as_str())))
                });
            paged(list.map(|o| d.opportunity_json(o)).collect(), q)
        }
        ["opportunities", id] => match d.opportunity(id) {
            Some(o) => Response::json(200, &json!({"data": d.opportunity_json(o)})),
            None => error(404, "ResourceNotFound", "Opportunity not found"),
        },
        ["opportunities", id, "notes"] => {
            if d.opportunity(id).is_none() {
                return error(404, "ResourceNotFound", "Opportunity not found");
            }
            let notes = d.lever_rt.notes.iter().filter(|n| n.opportunity_id == *id);
            paged(notes.map(note_json).collect(), q)
        }
        ["postings"] => {
            let state = one(q, "state");
            let channels = all(q, "distributionChannel");
            let list = d.lever.postings.iter().filter(|p| {
                let Some(m) = d.lever_rt.postings.get(&p.id) else { return false };
                state.is_none_or(|s| m.state == s)
                    && (channels.is_empty()
                        || m.distribution_channels.iter().any(|c| channels.contains(&c.as_str())))
            });
            paged(list.map(|p| d.posting_json(p)).collect(), q)
        }
        ["postings", id] => match d.posting(id) {
            Some(p) => Response::json(200, &json!({"data": d.posting_json(p)})),
            None => error(404, "ResourceNotFound", "Posting not found"),
        },
        _ => error(404, "ResourceNotFound", "Not found"),
    }
}

/// One page of `list` as `{data, hasNext, next}`, by `limit` and `offset`.
fn paged(list: Vec<Value>, q: &[(String, String)]) -> Response {
    let (start, limit) = match page_of(one(q, "limit"), one(q, "offset")) {
        Ok(p) => p,
        Err(e) => return error(400, "BadRequestError", &e),
    };
    let end = (start + limit).min(list.len());
    let mut body = json!({"data": list[start.min(end)..end], "hasNext": end < list.len()});
    if end < list.len() {
        body["next"] = json!(next_token(end));
    }
    Response::json(200, &body)
}

/// `limit` 1–100 (default 100) and `offset`, the last page's `next` [doc].
fn page_of(limit: Option<&str>, offset: Option<&str>) -> Result<(usize, usize), String> {
    let limit = match limit {
        None => 100,
        Some(l) => {
            l.parse().ok().filter(|l| (1..=100).contains(l)).ok_or("limit must be between 1 and 100")?
        }
    };
    let start = match offset {
        None => 0,
        Some(o) => o
            .strip_prefix("[\"")
            .and_then(|o| o.strip_suffix("\"]"))
            .and_then(|n| n.parse().ok())
            .ok_or("offset is not a token this API gave")?,
    };
    Ok((start, limit))
}

/// An opaque token, URL-encoded in the body as real answers have it [code]: a client that
/// encodes it again sends an offset this API never gave, and is told so.
fn next_token(position: usize) -> String {
    format!("%5B%22{position}%22%5D")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::percent_decode;

    #[test]
    fn pages_follow_the_token_as_given_and_refuse_one_encoded_twice() {
        assert_eq!(page_of(None, None), Ok((0, 100)));
        let token = next_token(100);
        // What arrives after the query is decoded, when the client sent the token as it came.
        assert_eq!(page_of(Some("50"), Some(&percent_decode(&token, true))), Ok((100, 50)));
        let twice = token.replace('%', "%25");
        assert!(page_of(None, Some(&percent_decode(&twice, true))).is_err());
        assert!(page_of(Some("0"), None).is_err() && page_of(Some("101"), None).is_err());
    }
}
