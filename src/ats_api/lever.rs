//! Lever API v1 [doc]: the opportunity behind a candidate page, a cheap call to check a key,
//! and what the shared ATS-API interface asks of it (find by email, tags, notes, stage).

use serde::Serialize;

use super::{AtsConn, Candidates, NewPerson, Person};
use crate::error::{check, ApiError};
use crate::http::{basic_auth, encode_query_value, HttpReply, HttpRequest, Method};
use crate::node::Node;
use crate::settings::{join, Settings};
use crate::vendor::{About, Host, Rules, Vendor};

pub const API: super::AtsApi = super::AtsApi {
    vendor: VENDOR,
    ats: crate::ats::Ats::Lever,
    key_help: crate::vendor::shown(crate::i18n::msg_key("h_lever_key")),
    #[cfg(feature = "worker")]
    calls: &Lever,
};

pub const VENDOR: Vendor = Vendor(&About {
    id: "lever",
    label: "Lever",
    // One per Lever region and the sandbox [doc].
    api_hosts: &["https://api.lever.co/*", "https://api.eu.lever.co/*", "https://api.sandbox.lever.co/*"],
    granted_at_install: true,
    hosts: &[
        Host { name: "api", label: crate::i18n::msg_key("host_api"), default: "https://api.lever.co/v1" },
        // Where a candidate's page opens (`/candidates/<opportunityId>` [code]).
        Host { name: "app", label: crate::i18n::msg_key("host_app"), default: "https://hire.lever.co" },
    ],
    rules: Rules::COMMON,
});

/// The API base for a page on `api_host`'s region (`api.eu.lever.co`), unless the recruiter
/// set one.
pub fn api_base(s: &Settings, api_host: &str) -> String {
    s.changed_host(VENDOR, "api").map_or_else(|| format!("https://{api_host}/v1"), str::to_string)
}

fn get(base: &str, key: &str, path: &str) -> HttpRequest {
    HttpRequest {
        method: Method::Get,
        url: join(base, path),
        headers: vec![("Authorization".into(), basic_auth(key))],
        body: None,
    }
}

pub fn opportunity(base: &str, key: &str, id: &str) -> HttpRequest {
    get(base, key, &format!("opportunities/{}", encode_query_value(id)))
}

/// The key check: `GET /stages` is small and needs no ids [code].
pub fn stages(base: &str, key: &str) -> HttpRequest {
    get(base, key, "stages")
}

/// Lever wraps every answer in `{data, hasNext, next}` [doc]; the answer is read field by
/// field (`Node`), which costs the worker far less than a serde shape per answer.
fn reply(r: &HttpReply) -> Result<Node, ApiError> {
    check(VENDOR, r)?;
    Node::parse(&r.body).filter(Node::is_object).ok_or(ApiError::Garbled { vendor: VENDOR })
}

fn data(r: &HttpReply) -> Result<Node, ApiError> {
    Ok(reply(r)?.get("data"))
}

fn garbled() -> ApiError {
    ApiError::Garbled { vendor: VENDOR }
}

/// An opportunity as the shared shape: Lever keeps one name, the first name here, the last
/// empty.
fn person(o: &Node) -> Result<Person, ApiError> {
    if !o.is_object() {
        return Err(garbled());
    }
    Ok(Person {
        id: o.str("id").unwrap_or_default(),
        first_name: o.str("name").unwrap_or_default(),
        last_name: String::new(),
        email: o.texts("emails").into_iter().next(),
        tags: o.texts("tags"),
    })
}

pub mod agency;
mod postings;
pub use postings::{postings, read_postings, Posting};

/// The credential naming the Lever user notes are written as: typed as their email, kept as
/// their id (what `perform_as` takes [doc]).
pub const PERFORM_AS: &str = "perform_as";

pub const PERFORM_AS_FIELD: crate::vendor::CredentialField = crate::vendor::CredentialField {
    name: PERFORM_AS,
    label: crate::i18n::msg_key("f_lever_as"),
    help: crate::vendor::shown(crate::i18n::msg_key("h_lever_as")),
    secret: false,
    optional: true,
};

/// A page of a list as its items and the next page's token.
fn page(r: &HttpReply) -> Result<(Vec<Node>, Option<String>), ApiError> {
    let page = reply(r)?;
    let more = page.get("hasNext").flag() == Some(true);
    Ok((people(&page.get("data"))?, page.str("next").filter(|n| more && !n.is_empty())))
}

fn people(list: &Node) -> Result<Vec<Node>, ApiError> {
    list.items().ok_or_else(garbled)
}

/// Lever behind the shared ATS-API interface.
pub struct Lever;

fn send(method: Method, c: &AtsConn, path: &str, body: String) -> HttpRequest {
    let mut r = get(&c.base, &c.key, path);
    r.method = method;
    r.headers.push(("Content-Type".into(), "application/json".into()));
    r.body = Some(body);
    r
}

/// `?perform_as=<user>`: the Lever user a write is made as [doc]; `None` until one is chosen.
fn as_user(c: &AtsConn, path: &str) -> Option<String> {
    c.perform_as.as_deref().map(|u| format!("{path}?perform_as={}", encode_query_value(u)))
}

fn body<T: Serialize>(v: &T) -> String {
    crate::json::to_string(v).unwrap_or_default()
}

impl Candidates for Lever {
    fn base(&self, s: &Settings, page_api_host: Option<&str>) -> String {
        match page_api_host {
            Some(h) => api_base(s, h),
            None => s.host(VENDOR, "api"),
        }
    }
    fn key_check(&self, c: &AtsConn) -> HttpRequest {
        stages(&c.base, &c.key)
    }
    // Any list of stages proves the key; what is in them doesn't matter here.
    fn key_accepted(&self, r: &HttpReply) -> Result<(), ApiError> {
        people(&data(r)?).map(drop)
    }
    fn candidate(&self, c: &AtsConn, id: &str) -> HttpRequest {
        opportunity(&c.base, &c.key, id)
    }
    fn read_candidate(&self, r: &HttpReply) -> Result<Person, ApiError> {
        person(&data(r)?)
    }
    /// `GET /opportunities?email=` [doc]; one page (100) is plenty for one email.
    fn find_by_email(&self, c: &AtsConn, email: &str) -> HttpRequest {
        get(&c.base, &c.key, &format!("opportunities?email={}", encode_query_value(email.trim())))
    }
    fn read_found(&self, r: &HttpReply) -> Result<Vec<Person>, ApiError> {
        Node::each(&people(&data(r)?)?, person)
    }
    // Lever's create needs a posting and a `perform_as` user [doc]: the agency workflow
    // (issue 13) brings both.
    fn create(&self, _: &AtsConn, _: &NewPerson) -> Option<HttpRequest> {
        None
    }
    fn read_created(&self, r: &HttpReply) -> Result<Person, ApiError> {
        self.read_candidate(r)
    }
    fn update_first_name(&self, _: &AtsConn, _: &str, _: &str) -> Option<HttpRequest> {
        None
    }
    fn tags(&self, c: &AtsConn, id: &str) -> HttpRequest {
        opportunity(&c.base, &c.key, id)
    }
    fn read_tags(&self, r: &HttpReply) -> Result<Vec<String>, ApiError> {
        person(&data(r)?).map(|p| p.tags)
    }
    /// `POST /opportunities/{id}/addTags {"tags": [...]}` [doc].
    fn add_tags(&self, c: &AtsConn, id: &str, tags: &[String]) -> HttpRequest {
        send(
            Method::Post,
            c,
            &format!("opportunities/{}/addTags", encode_query_value(id)),
            body(&super::TagList { tags }),
        )
    }
    // Lever only adds and removes tags [doc]; replacing in place isn't one call.
    fn replace_tags(&self, _: &AtsConn, _: &str, _: &[String]) -> Option<HttpRequest> {
        None
    }
    /// `POST /opportunities/{id}/notes?perform_as= {value}` [doc].
    fn add_note(&self, c: &AtsConn, id: &str, text: &str) -> Option<HttpRequest> {
        let path = as_user(c, &format!("opportunities/{}/notes", encode_query_value(id)))?;
        Some(send(Method::Post, c, &path, super::one_field("value", text)))
    }
    /// `PUT /opportunities/{id}/stage?perform_as= {"stage"}` [doc].
    fn move_stage(&self, c: &AtsConn, id: &str, stage_id: &str) -> Option<HttpRequest> {
        let path = as_user(c, &format!("opportunities/{}/stage", encode_query_value(id)))?;
        Some(send(Method::Put, c, &path, super::one_field("stage", stage_id)))
    }
    /// `GET /opportunities/{id}/notes` [doc]: the first page (100) holds any note written
    /// since the verdict.
    fn notes(&self, c: &AtsConn, id: &str) -> Option<HttpRequest> {
        Some(get(&c.base, &c.key, &format!("opportunities/{}/notes", encode_query_value(id))))
    }
    /// A note's first text is `text`, a thread's further ones `fields[].value` [doc, code].
    fn read_notes(&self, r: &HttpReply) -> Result<Vec<String>, ApiError> {
        let mut out = Vec::new();
        for n in page(r)?.0 {
            out.extend(n.str("text"));
            for f in n.get("fields").items().unwrap_or_default() {
                out.extend(f.str("value"));
            }
        }
        Ok(out)
    }
    /// `GET /users` → `{id, name, email, accessRole, deactivatedAt}` [doc].
    fn users(&self, c: &AtsConn, next: Option<&str>) -> Option<HttpRequest> {
        let mut path = "users?limit=100".to_string();
        if let Some(n) = next {
            path.push_str("&offset=");
            path.push_str(&offset(n));
        }
        Some(get(&c.base, &c.key, &path))
    }
    fn read_users(&self, r: &HttpReply) -> Result<(Vec<Person>, Option<String>), ApiError> {
        let (users, next) = page(r)?;
        // A loop, not a collecting adapter: a few hundred bytes less of both workers.
        let mut active = Vec::new();
        for u in &users {
            if let (true, Some(id), Some(email)) =
                (u.get("deactivatedAt").is_nothing(), u.str("id"), u.str("email"))
            {
                let name = u.str("name").unwrap_or_default();
                active.push(Person {
                    id,
                    first_name: name,
                    email: Some(email.trim().into()),
                    ..Person::default()
                });
            }
        }
        Ok((active, next))
    }
    fn profile_url(&self, c: &AtsConn, id: &str) -> String {
        join(&c.app, &format!("candidates/{}", encode_query_value(id)))
    }
    /// `GET /opportunities?posting_id=&limit=100&offset=<next>` [doc].
    fn pipeline(&self, c: &AtsConn, job_id: &str, next: Option<&str>) -> Option<HttpRequest> {
        let mut path = format!("opportunities?posting_id={}&limit=100", encode_query_value(job_id));
        if let Some(n) = next {
            path.push_str("&offset=");
            path.push_str(&offset(n));
        }
        Some(get(&c.base, &c.key, &path))
    }
    /// Archived opportunities are out of the pipeline; both archive shapes are read [doc, code].
    fn read_pipeline(&self, r: &HttpReply) -> Result<(Vec<Person>, Option<String>), ApiError> {
        let (list, next) = page(r)?;
        let mut out = Vec::new();
        for o in list {
            if o.get("archived").is_nothing() && o.get("archivedAt").is_nothing() {
                out.push(person(&o)?);
            }
        }
        Ok((out, next))
    }
}

/// The `next` token as the `offset` parameter. Real answers give it URL-encoded already
/// [code]: encoding it again would change it, so it is sent as it came unless it holds
/// characters a query can't carry as they are.
fn offset(next: &str) -> String {
    let plain = next.bytes().all(|b| b.is_ascii_alphanumeric() || b"%-._~".contains(&b));
    if plain {
        next.to_string()
    } else {
        encode_query_value(next)
    }
}

#[cfg(test)]
mod tests;
