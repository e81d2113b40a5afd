//! Errors are values that know what to tell the recruiter.

use crate::http::HttpReply;
use crate::i18n::msgf;

pub use crate::vendor::Vendor;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No key saved for this vendor yet.
    NoKey { vendor: Vendor },
    /// 401, or a 400 about the key from a vendor that answers malformed keys so
    /// (`Rules::key_refused_with_400`).
    KeyRejected { vendor: Vendor },
    /// 429; `retry_after` seconds as the vendor named them.
    RateLimited { vendor: Vendor, retry_after: u64 },
    /// 5xx.
    Server { vendor: Vendor, status: u16 },
    /// No answer: connection refused, dropped, or timed out.
    Unreachable { vendor: Vendor },
    /// 404.
    NotFound { vendor: Vendor },
    /// 403.
    Forbidden { vendor: Vendor },
    /// 4xx with the vendor's own reason (e.g. 422 validation).
    Refused { vendor: Vendor, status: u16, reason: String },
    /// A 2xx whose body is not what the API documents.
    Garbled { vendor: Vendor },
    /// The address set for the vendor is not its own and the browser hasn't granted it: the
    /// key was not sent.
    HostNotAllowed { vendor: Vendor },
    /// A 429 whose wait is too long for one message: handed back to the page that asked, which
    /// asks again after `secs` (nothing was done at the vendor in this message).
    Later { vendor: Vendor, secs: u64 },
}

impl ApiError {
    /// The sentence the recruiter reads.
    pub fn message(&self) -> String {
        match self {
            ApiError::NoKey { vendor } => msgf("e_no_key", &[vendor.label()]),
            ApiError::KeyRejected { vendor } => msgf("e_key_rejected", &[vendor.label()]),
            // What happened, as background work says it, then what the recruiter can do.
            ApiError::RateLimited { retry_after: s, .. } | ApiError::Later { secs: s, .. } => {
                msgf("e_limited_retry", &[&self.background_message(), &s.to_string()])
            }
            ApiError::Server { .. } => msgf("e_server_kept", &[&self.background_message()]),
            ApiError::Unreachable { .. } => msgf("e_unreachable_kept", &[&self.background_message()]),
            ApiError::NotFound { vendor } => msgf("e_not_found", &[vendor.label()]),
            ApiError::Forbidden { vendor } if vendor.rules.forbidden.is_some() => {
                vendor.rules.forbidden.unwrap_or_default().into()
            }
            ApiError::Forbidden { vendor } => msgf("e_forbidden", &[vendor.label()]),
            ApiError::Refused { vendor, status: 409, reason } => {
                msgf("e_conflict", &[vendor.label(), reason])
            }
            ApiError::Refused { vendor, reason, .. } => msgf("e_refused", &[vendor.label(), reason]),
            ApiError::Garbled { vendor } => msgf("e_garbled", &[vendor.label()]),
            ApiError::HostNotAllowed { vendor } => msgf("e_host", &[vendor.label()]),
        }
    }

    /// The sentence for work that runs in the background (a bulk invite, a kept rating): what
    /// happened, without the advice meant for a form the recruiter is looking at.
    pub fn background_message(&self) -> String {
        match self {
            ApiError::Server { vendor, .. } => msgf("e_server", &[vendor.label()]),
            ApiError::Unreachable { vendor } => msgf("e_unreachable", &[vendor.label()]),
            ApiError::RateLimited { vendor, .. } | ApiError::Later { vendor, .. } => {
                msgf("e_limited", &[vendor.label()])
            }
            e => e.message(),
        }
    }

    /// A call this vendor's API doesn't have (`None` from a sans-IO builder), refused in words
    /// before anything is sent.
    pub fn not_offered(vendor: Vendor, what: &str) -> ApiError {
        ApiError::Refused { vendor, status: 0, reason: what.to_string() }
    }

    /// Worth trying again by itself, without the recruiter changing anything.
    pub fn is_transient(&self) -> bool {
        matches!(self, ApiError::RateLimited { .. } | ApiError::Server { .. } | ApiError::Unreachable { .. })
    }
}

/// Maps an HTTP reply to an error, or `Ok` for a 2xx.
pub fn check(vendor: Vendor, reply: &HttpReply) -> Result<(), ApiError> {
    match reply.status {
        200..=299 => Ok(()),
        401 => Err(ApiError::KeyRejected { vendor }),
        400 if vendor.rules.key_refused_with_400 && reason(&reply.body).is_some_and(mentions_key) => {
            Err(ApiError::KeyRejected { vendor })
        }
        403 => Err(ApiError::Forbidden { vendor }),
        404 | 410 => Err(ApiError::NotFound { vendor }),
        429 => Err(ApiError::RateLimited {
            vendor,
            retry_after: reply.retry_after.unwrap_or(vendor.rules.retry_after_s),
        }),
        500..=599 => Err(ApiError::Server { vendor, status: reply.status }),
        status => Err(ApiError::Refused {
            vendor,
            status,
            reason: reason(&reply.body).unwrap_or_else(|| format!("HTTP {status}")),
        }),
    }
}

fn mentions_key(reason: String) -> bool {
    let r = reason.to_ascii_lowercase();
    crate::text::find(&r, "key").or(crate::text::find(&r, "auth")).is_some()
}

/// The vendor's own explanation, in the text fields APIs use for it (`reason`, `message`,
/// `error`): the first that is text (some APIs put an object under `error`). Read field by
/// field: a serde shape for it cost the worker 2 KB.
fn reason(body: &str) -> Option<String> {
    let b = crate::node::Node::parse(body)?;
    ["reason", "message", "error"].into_iter().find_map(|f| b.str(f)).map(|s| s.chars().take(300).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::testing::VENDOR as ACME;
    use crate::vendor::Rules;

    fn reply(status: u16, body: &str) -> HttpReply {
        HttpReply { status, retry_after: None, body: body.into() }
    }

    /// A vendor whose house rules differ from the common case in every way they can.
    const FUSSY: Vendor = Vendor(&crate::vendor::About {
        id: "fussy",
        label: "Fussy",
        rules: Rules {
            retry_after_s: 1,
            key_refused_with_400: true,
            forbidden: Some("Fussy refused access: ask for a seat."),
            per_second: Some(5),
            wait_header: Some("X-Fussy-Wait"),
        },
        ..*ACME.0
    });

    #[test]
    fn statuses_map_to_recruiter_sentences() {
        let v = ACME;
        assert_eq!(check(v, &reply(201, "{}")), Ok(()));
        let e = check(v, &reply(401, r#"{"reason":"Invalid API key"}"#)).unwrap_err();
        assert_eq!(e, ApiError::KeyRejected { vendor: v });
        assert!(e.message().contains("options"), "the same place the panel's button opens: {}", e.message());

        let e = check(v, &reply(400, r#"{"reason":"email is required"}"#)).unwrap_err();
        assert_eq!(e.message(), "Acme Interviews refused the request: email is required");

        let mut r = reply(429, "");
        r.retry_after = Some(7);
        let e = check(v, &r).unwrap_err();
        assert_eq!(e, ApiError::RateLimited { vendor: v, retry_after: 7 });
        assert!(e.message().contains("7 s"));
        assert!(e.is_transient());
        assert_eq!(
            check(v, &reply(429, "")).unwrap_err(),
            ApiError::RateLimited { vendor: v, retry_after: 30 }
        );

        let e = check(v, &reply(503, "<html>oops")).unwrap_err();
        assert_eq!(
            e.message(),
            "Acme Interviews had a problem on its side. Nothing you typed is lost; try again in a moment."
        );
        assert_eq!(
            crate::message::Failure::from(e.clone()).message,
            format!("{}\nDetails: HTTP 503", e.message()),
            "the code, on a detail line of its own"
        );
        assert!(e.is_transient());

        let e = check(v, &reply(422, r#"{"reason":"Deadline must be in the future"}"#)).unwrap_err();
        assert_eq!(e.message(), "Acme Interviews refused the request: Deadline must be in the future");
        assert!(!e.is_transient());

        let e = check(v, &reply(418, "garbage")).unwrap_err();
        assert_eq!(e.message(), "Acme Interviews refused the request: HTTP 418");
        assert!(check(v, &reply(404, "")).unwrap_err().message().contains("couldn't find"));
        assert!(ApiError::Unreachable { vendor: v }.message().contains("Couldn't reach Acme Interviews"));
        let e = check(v, &reply(409, r#"{"message":"Candidate was modified"}"#)).unwrap_err();
        assert_eq!(
            e.message(),
            "Acme Interviews reports a conflict (Candidate was modified). Reload the page and try again."
        );
        assert!(check(v, &reply(403, "")).unwrap_err().message().contains("Ask your Acme Interviews admin"));
    }

    #[test]
    fn a_vendors_house_rules_change_the_mapping() {
        let e = check(FUSSY, &reply(400, r#"{"reason":"API key malformed"}"#)).unwrap_err();
        assert_eq!(e, ApiError::KeyRejected { vendor: FUSSY });
        assert_eq!(
            check(ACME, &reply(400, r#"{"reason":"API key malformed"}"#)).unwrap_err(),
            ApiError::Refused { vendor: ACME, status: 400, reason: "API key malformed".into() }
        );
        assert_eq!(
            check(FUSSY, &reply(400, r#"{"reason":"email"}"#)).unwrap_err().message(),
            "Fussy refused the request: email"
        );
        assert_eq!(
            check(FUSSY, &reply(403, "")).unwrap_err().message(),
            "Fussy refused access: ask for a seat."
        );
        assert_eq!(
            check(FUSSY, &reply(429, "")).unwrap_err(),
            ApiError::RateLimited { vendor: FUSSY, retry_after: 1 }
        );
    }

    #[test]
    fn reasons_are_read_from_text_fields_only() {
        let e = check(
            ACME,
            &reply(422, r#"{"error":{"code":7},"message":"Stage is closed","n":[1,{"a":null}]}"#),
        )
        .unwrap_err();
        assert_eq!(e.message(), "Acme Interviews refused the request: Stage is closed");
        let e = check(ACME, &reply(422, r#"{"error":true,"reason":12}"#)).unwrap_err();
        assert_eq!(e.message(), "Acme Interviews refused the request: HTTP 422");
        let e = check(ACME, &reply(422, "[1,2]")).unwrap_err();
        assert_eq!(e.message(), "Acme Interviews refused the request: HTTP 422");
    }

    #[test]
    fn background_work_is_told_what_happened_not_what_to_press() {
        let v = ACME;
        for (e, said) in [
            (ApiError::Server { vendor: v, status: 503 }, "Acme Interviews had a problem on its side."),
            (ApiError::Unreachable { vendor: v }, "Couldn't reach Acme Interviews."),
            (
                ApiError::RateLimited { vendor: v, retry_after: 9 },
                "Acme Interviews is limiting requests right now.",
            ),
        ] {
            assert_eq!(e.background_message(), said);
            assert!(!e.background_message().contains("Send") && !e.background_message().contains("form"));
        }
        let refused = ApiError::Refused { vendor: v, status: 422, reason: "Candidate email bounced".into() };
        assert_eq!(refused.background_message(), refused.message());
    }

    #[test]
    fn long_reasons_are_cut() {
        let long = "x".repeat(1000);
        let e = check(ACME, &reply(422, &format!(r#"{{"reason":"{long}"}}"#))).unwrap_err();
        assert!(e.message().len() < 400);
    }
}
