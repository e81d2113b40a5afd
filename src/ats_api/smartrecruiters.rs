//! SmartRecruiters API [doc]: the candidate behind a profile page, with the recruiter's key in
//! the `X-SmartToken` header.

use serde::Serialize;

use super::{AtsConn, Candidates, NewPerson, Person};
use crate::error::{check, ApiError};
use crate::http::{encode_query_value, HttpReply, HttpRequest, Method};
use crate::node::Node;
use crate::settings::{join, Settings};
use crate::vendor::{About, Host, Rules, Vendor};

pub const API: super::AtsApi = super::AtsApi {
    vendor: VENDOR,
    ats: crate::ats::Ats::SmartRecruiters,
    key_help: crate::vendor::shown(crate::i18n::msg_key("h_sr_key")),
    #[cfg(feature = "worker")]
    calls: &SmartRecruiters,
};

pub const VENDOR: Vendor = Vendor(&About {
    id: "smartrecruiters",
    label: "SmartRecruiters",
    api_hosts: &["https://api.smartrecruiters.com/*"],
    granted_at_install: true,
    hosts: &[
        Host { name: "api", label: crate::i18n::msg_key("host_api"), default: "https://api.smartrecruiters.com" },
        // Where "View in SmartRecruiters" opens a profile (`/app/people/profile/<id>` [code]).
        Host { name: "app", label: crate::i18n::msg_key("host_app"), default: "https://www.smartrecruiters.com" },
    ],
    rules: Rules {
        // Its window is one second [doc].
        retry_after_s: 1,
        key_refused_with_400: false,
        // The help article's two reasons [doc]: no access to the candidate, or a free plan.
        forbidden: Some(
            "SmartRecruiters refused access (403). Your SmartRecruiters user needs access to the talent pool, \
or to be on the hiring team of a job this candidate is in. The integration also isn't available on \
SmartRecruiters' free plan.",
        ),
        // 10 requests a second per key [doc].
        per_second: Some(10),
        wait_header: None,
    },
});

fn request(method: Method, base: &str, key: &str, path: &str, body: Option<String>) -> HttpRequest {
    let mut headers = vec![("X-SmartToken".into(), key.into()), ("Accept".into(), "application/json".into())];
    if body.is_some() {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    HttpRequest { method, url: join(base, path), headers, body }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewCandidate<'a> {
    first_name: &'a str,
    last_name: &'a str,
    email: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FirstName<'a> {
    first_name: &'a str,
}

fn body_text<T: Serialize>(body: &T) -> String {
    crate::json::to_string(body).unwrap_or_default()
}

fn candidate_path(id: &str) -> String {
    format!("candidates/{}", encode_query_value(id))
}

pub fn candidate(base: &str, key: &str, id: &str) -> HttpRequest {
    request(Method::Get, base, key, &candidate_path(id), None)
}

/// [model] The talent-pool search: `GET /candidates?q=` with the email as the search text.
/// Its filter is not documented, so callers keep only exact email matches.
pub fn search(base: &str, key: &str, email: &str) -> HttpRequest {
    request(
        Method::Get,
        base,
        key,
        &format!("candidates?q={}&limit=100", encode_query_value(email.trim())),
        None,
    )
}

/// `POST /candidates`: into the talent pool [doc]. The body's names are those `GET` returns
/// [doc]; that three of them are enough is [model].
pub fn create(base: &str, key: &str, first_name: &str, last_name: &str, email: &str) -> HttpRequest {
    let body =
        NewCandidate { first_name: first_name.trim(), last_name: last_name.trim(), email: email.trim() };
    request(Method::Post, base, key, "candidates", Some(body_text(&body)))
}

/// `PATCH /candidates/{id}` [doc]; the body as a partial candidate is [model].
pub fn update_first_name(base: &str, key: &str, id: &str, first_name: &str) -> HttpRequest {
    request(
        Method::Patch,
        base,
        key,
        &candidate_path(id),
        Some(body_text(&FirstName { first_name: first_name.trim() })),
    )
}

/// `GET /candidates/{id}/tags` [code].
pub fn tags(base: &str, key: &str, id: &str) -> HttpRequest {
    request(Method::Get, base, key, &format!("{}/tags", candidate_path(id)), None)
}

/// `POST` appends and `PUT` replaces, body `{"tags": [...]}` [code].
pub fn write_tags(base: &str, key: &str, id: &str, tags: &[String], replace: bool) -> HttpRequest {
    let method = if replace { Method::Put } else { Method::Post };
    request(
        method,
        base,
        key,
        &format!("{}/tags", candidate_path(id)),
        Some(body_text(&super::TagList { tags })),
    )
}

/// A candidate's profile in the SmartRecruiters app [code].
pub fn profile_url(app: &str, id: &str) -> String {
    join(app, &format!("app/people/profile/{}", encode_query_value(id)))
}

/// [model] The key check: a candidate id that cannot exist. We expect SmartRecruiters to answer
/// 401 for a bad key before it looks the id up, and 404 for a good one; no cheaper documented
/// call needs no id.
pub fn key_check(base: &str, key: &str) -> HttpRequest {
    candidate(base, key, "00000000-0000-0000-0000-000000000000")
}

/// Whether the key-check answer means the key is good.
pub fn key_accepted(reply: &HttpReply) -> Result<(), ApiError> {
    match reply.status {
        404 => Ok(()),
        _ => check(VENDOR, reply),
    }
}

/// An answer's JSON object, read field by field (`Node`): a serde shape per answer costs the
/// worker far more.
fn answer(r: &HttpReply) -> Result<Node, ApiError> {
    check(VENDOR, r)?;
    Node::parse(&r.body).filter(Node::is_object).ok_or(ApiError::Garbled { vendor: VENDOR })
}

/// `GET /candidates/{id}` → `id, firstName, lastName, email, tags, …` [doc].
fn person(c: &Node) -> Result<Person, ApiError> {
    if !c.is_object() {
        return Err(ApiError::Garbled { vendor: VENDOR });
    }
    Ok(Person {
        id: c.str("id").unwrap_or_default(),
        first_name: c.str("firstName").unwrap_or_default(),
        last_name: c.str("lastName").unwrap_or_default(),
        email: c.str("email"),
        tags: c.texts("tags"),
    })
}

/// SmartRecruiters behind the shared ATS-API interface.
pub struct SmartRecruiters;

impl Candidates for SmartRecruiters {
    fn base(&self, s: &Settings, _: Option<&str>) -> String {
        s.host(VENDOR, "api")
    }
    /// [model] SmartRecruiters' candidate search is an index; how far it lags is not
    /// published. Five seconds covers what is commonly seen of search services.
    fn search_lag_ms(&self) -> u64 {
        5_000
    }
    fn key_check(&self, c: &AtsConn) -> HttpRequest {
        key_check(&c.base, &c.key)
    }
    fn key_accepted(&self, r: &HttpReply) -> Result<(), ApiError> {
        key_accepted(r)
    }
    fn candidate(&self, c: &AtsConn, id: &str) -> HttpRequest {
        candidate(&c.base, &c.key, id)
    }
    fn read_candidate(&self, r: &HttpReply) -> Result<Person, ApiError> {
        person(&answer(r)?)
    }
    fn find_by_email(&self, c: &AtsConn, email: &str) -> HttpRequest {
        search(&c.base, &c.key, email)
    }
    fn read_found(&self, r: &HttpReply) -> Result<Vec<Person>, ApiError> {
        // A page of search results: `{totalFound, content: [...]}` [model].
        let found = answer(r)?.get("content").items().ok_or(ApiError::Garbled { vendor: VENDOR })?;
        Node::each(&found, person)
    }
    fn create(&self, c: &AtsConn, p: &NewPerson) -> Option<HttpRequest> {
        Some(create(&c.base, &c.key, p.first_name, p.last_name, p.email))
    }
    fn read_created(&self, r: &HttpReply) -> Result<Person, ApiError> {
        self.read_candidate(r)
    }
    fn update_first_name(&self, c: &AtsConn, id: &str, first_name: &str) -> Option<HttpRequest> {
        Some(update_first_name(&c.base, &c.key, id, first_name))
    }
    fn tags(&self, c: &AtsConn, id: &str) -> HttpRequest {
        tags(&c.base, &c.key, id)
    }
    fn read_tags(&self, r: &HttpReply) -> Result<Vec<String>, ApiError> {
        answer(r).map(|t| t.texts("tags"))
    }
    fn add_tags(&self, c: &AtsConn, id: &str, tags: &[String]) -> HttpRequest {
        write_tags(&c.base, &c.key, id, tags, false)
    }
    fn replace_tags(&self, c: &AtsConn, id: &str, tags: &[String]) -> Option<HttpRequest> {
        Some(write_tags(&c.base, &c.key, id, tags, true))
    }
    // Not in what we know of its API (API-NOTES): the caller says so.
    fn add_note(&self, _: &AtsConn, _: &str, _: &str) -> Option<HttpRequest> {
        None
    }
    fn move_stage(&self, _: &AtsConn, _: &str, _: &str) -> Option<HttpRequest> {
        None
    }
    fn profile_url(&self, c: &AtsConn, id: &str) -> String {
        profile_url(&c.app, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, body: &str) -> HttpReply {
        HttpReply { status, retry_after: None, body: body.into() }
    }

    #[test]
    fn candidate_request_carries_the_token() {
        let r = candidate("https://api.smartrecruiters.com", "sr", "29661a38-67c8-472b-b08a-5fe27220b17d");
        assert_eq!(r.url, "https://api.smartrecruiters.com/candidates/29661a38-67c8-472b-b08a-5fe27220b17d");
        assert_eq!(r.header("x-smarttoken"), Some("sr"));
        let p = SmartRecruiters
            .read_candidate(&reply(
                200,
                r#"{"id":"c1","firstName":"Emma","lastName":"Visser","email":"emma@x.example","tags":[]}"#,
            ))
            .unwrap();
        assert_eq!((p.name().as_str(), p.email.as_deref()), ("Emma Visser", Some("emma@x.example")));
    }

    #[test]
    fn writes_carry_json_and_the_token() {
        let base = "https://api.smartrecruiters.com";
        let s = search(base, "sr", " ada+x@y.example ");
        assert_eq!(s.url, "https://api.smartrecruiters.com/candidates?q=ada%2Bx%40y.example&limit=100");
        let c = create(base, "sr", "Dorothy", "Vaughan", "d@x.example");
        assert_eq!((c.method, c.header("content-type")), (Method::Post, Some("application/json")));
        let body: serde_json::Value = serde_json::from_str(c.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["lastName"], "Vaughan");
        let p = update_first_name(base, "sr", "c1", "Katherine");
        assert_eq!(
            (p.method, p.url.as_str()),
            (Method::Patch, "https://api.smartrecruiters.com/candidates/c1")
        );
        let t = write_tags(base, "sr", "c1", &["hellohire - csr - yes".into()], true);
        assert_eq!(
            (t.method, t.body.as_deref()),
            (Method::Put, Some(r#"{"tags":["hellohire - csr - yes"]}"#))
        );
        assert_eq!(write_tags(base, "sr", "c1", &[], false).method, Method::Post);
        let found = SmartRecruiters
            .read_found(&reply(
                200,
                r#"{"totalFound":1,"content":[{"id":"c1","firstName":"A","lastName":"B","email":"a@b.c"}]}"#,
            ))
            .unwrap();
        assert_eq!(found[0].id, "c1");
        assert_eq!(
            SmartRecruiters.read_found(&reply(200, r#"{"content":{}}"#)),
            Err(ApiError::Garbled { vendor: VENDOR })
        );
        assert_eq!(
            profile_url("https://www.smartrecruiters.com/", "c1"),
            "https://www.smartrecruiters.com/app/people/profile/c1"
        );
    }

    #[test]
    fn its_house_rules() {
        let e = check(VENDOR, &reply(403, r#"{"message":"Forbidden"}"#)).unwrap_err();
        let said = e.message();
        assert!(
            said.contains("talent pool") && said.contains("hiring team") && said.contains("free plan"),
            "{said}"
        );
        assert_eq!(
            check(VENDOR, &reply(429, "")).unwrap_err(),
            ApiError::RateLimited { vendor: VENDOR, retry_after: 1 }
        );
        assert!(check(VENDOR, &reply(401, ""))
            .unwrap_err()
            .message()
            .contains("SmartRecruiters rejected the saved API key"));
    }

    #[test]
    fn key_check_reads_404_as_a_good_key() {
        assert_eq!(key_accepted(&reply(404, "")), Ok(()));
        assert_eq!(key_accepted(&reply(401, "")), Err(ApiError::KeyRejected { vendor: VENDOR }));
        assert!(key_accepted(&reply(500, "")).is_err());
        assert_eq!(key_accepted(&reply(200, "{}")), Ok(()));
    }
}
