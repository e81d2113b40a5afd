//! Lever API v1 [doc]: the opportunity behind a candidate page, and a cheap call to check a key.

use serde::{Deserialize, Serialize};

use crate::error::{check, ApiError};
use crate::http::{basic_auth, encode_query_value, HttpReply, HttpRequest, Method};
use crate::settings::{join, Settings};
use crate::vendor::{About, Host, Rules, Vendor};

pub const API: super::AtsApi = super::AtsApi {
    vendor: VENDOR,
    key_help: "Optional. Lever: Settings > Integrations and API > API credentials. Lets the panel read the candidate from Lever's API.",
    #[cfg(feature = "worker")]
    key_check: |s, key| stages(&s.host(VENDOR, "api"), key),
    // Any list of stages proves the key; what is in them doesn't matter here.
    #[cfg(feature = "worker")]
    key_accepted: |r| parse::<Vec<serde::de::IgnoredAny>>(r).map(|_| ()),
};

pub const VENDOR: Vendor = Vendor(&About {
    id: "lever",
    label: "Lever",
    // One per Lever region and the sandbox [doc].
    api_hosts: &["https://api.lever.co/*", "https://api.eu.lever.co/*", "https://api.sandbox.lever.co/*"],
    granted_at_install: true,
    hosts: &[Host { name: "api", label: "Lever API", default: "https://api.lever.co/v1" }],
    rules: Rules::COMMON,
});

/// The API base for a page on `api_host`'s region (`api.eu.lever.co`), unless the recruiter
/// set one.
pub fn api_base(s: &Settings, api_host: &str) -> String {
    s.changed_host(VENDOR, "api").map_or_else(|| format!("https://{api_host}/v1"), str::to_string)
}

/// Lever wraps every answer in `{data, hasNext, next}` [doc].
#[derive(Debug, Clone, Deserialize)]
pub struct Envelope<T> {
    pub data: T,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Opportunity {
    pub id: String,
    pub name: String,
    pub emails: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Stage {
    pub id: String,
    pub text: String,
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

pub fn parse<T: serde::de::DeserializeOwned>(reply: &HttpReply) -> Result<T, ApiError> {
    check(VENDOR, reply)?;
    crate::json::from_str::<Envelope<T>>(&reply.body)
        .map(|e| e.data)
        .map_err(|_| ApiError::Garbled { vendor: VENDOR })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opportunity_request_and_reply() {
        let r = opportunity("https://api.lever.co/v1", "lv", "2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b");
        assert_eq!(r.url, "https://api.lever.co/v1/opportunities/2f7a1c3e-4b5d-4e6f-8a9b-0c1d2e3f4a5b");
        assert_eq!(r.header("Authorization"), Some("Basic bHY6"));
        let body = r#"{"data":{"id":"o1","name":"Grace Hopper","emails":["grace@example.com"],"phones":[],"stage":"s1","tags":[],"urls":{"show":"x"}}}"#;
        let o: Opportunity = parse(&HttpReply { status: 200, retry_after: None, body: body.into() }).unwrap();
        assert_eq!((o.name.as_str(), o.emails[0].as_str()), ("Grace Hopper", "grace@example.com"));
        let e = parse::<Opportunity>(&HttpReply {
            status: 200,
            retry_after: None,
            body: r#"{"name":"no envelope"}"#.into(),
        });
        assert_eq!(e, Err(ApiError::Garbled { vendor: VENDOR }));
    }

    #[test]
    fn the_api_follows_the_pages_region_unless_set() {
        let s = Settings::default();
        assert_eq!(api_base(&s, "api.eu.lever.co"), "https://api.eu.lever.co/v1");
        let mut p = crate::settings::SettingsPatch::default();
        p.set_host(VENDOR, "api", "https://lever.internal.example/v1/".into());
        let s = p.apply(&s).unwrap();
        assert_eq!(api_base(&s, "api.eu.lever.co"), "https://lever.internal.example/v1/");
        assert_eq!((API.key_check)(&s, "k").url, "https://lever.internal.example/v1/stages");
    }

    #[test]
    fn key_check_reads_stages() {
        assert_eq!(stages("https://api.lever.co/v1", "k").url, "https://api.lever.co/v1/stages");
        let s: Vec<Stage> = parse(&HttpReply {
            status: 200,
            retry_after: None,
            body: r#"{"data":[{"id":"a","text":"New"}],"hasNext":false}"#.into(),
        })
        .unwrap();
        assert_eq!(s[0].text, "New");
    }
}
