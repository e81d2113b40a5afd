//! SmartRecruiters API [doc]: the candidate behind a profile page, with the recruiter's key in
//! the `X-SmartToken` header.

use serde::{Deserialize, Serialize};

use crate::error::{check, ApiError, Vendor};
use crate::http::{encode_query_value, HttpReply, HttpRequest, Method};
use crate::settings::join;

/// `GET /candidates/{id}` → `id, firstName, lastName, email, …` [doc].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
pub struct Candidate {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
}

impl Candidate {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name.trim(), self.last_name.trim()).trim().to_string()
    }
}

pub fn candidate(base: &str, key: &str, id: &str) -> HttpRequest {
    HttpRequest {
        method: Method::Get,
        url: join(base, &format!("candidates/{}", encode_query_value(id))),
        headers: vec![("X-SmartToken".into(), key.into()), ("Accept".into(), "application/json".into())],
        body: None,
    }
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
        _ => check(Vendor::SmartRecruiters, reply),
    }
}

pub fn parse(reply: &HttpReply) -> Result<Candidate, ApiError> {
    check(Vendor::SmartRecruiters, reply)?;
    serde_json::from_str(&reply.body).map_err(|_| ApiError::Garbled { vendor: Vendor::SmartRecruiters })
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
        let c = parse(&reply(
            200,
            r#"{"id":"c1","firstName":"Emma","lastName":"Visser","email":"emma@x.example","tags":[]}"#,
        ))
        .unwrap();
        assert_eq!((c.name().as_str(), c.email.as_deref()), ("Emma Visser", Some("emma@x.example")));
    }

    #[test]
    fn key_check_reads_404_as_a_good_key() {
        assert_eq!(key_accepted(&reply(404, "")), Ok(()));
        assert_eq!(
            key_accepted(&reply(401, "")),
            Err(ApiError::KeyRejected { vendor: Vendor::SmartRecruiters })
        );
        assert!(key_accepted(&reply(500, "")).is_err());
        assert_eq!(key_accepted(&reply(200, "{}")), Ok(()));
    }
}
