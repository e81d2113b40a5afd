//! What the recruiter is told when something fails, and which key it is about.

use serde::{Deserialize, Serialize};

use crate::error::{ApiError, Vendor};

/// A recruiter-facing failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub message: String,
    /// Set when the failure is about a saved key, so the UI can point at the options.
    pub key_problem: Option<Vendor>,
}

/// How a request handed back to its page (`ApiError::Later`) is said: the message is one
/// private-use code point, this plus the seconds, which `extension/ask.js` reads before any
/// wasm does (and then asks the same again), so no page shows it. A field of its own cost the
/// worker 2 KB and the panel 0.5 KB, as every future that carries a Failure grows.
const LATER: u32 = 0xF_0000;

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        if let ApiError::Later { secs, .. } = e {
            let mark = char::from_u32(LATER + secs.min(0xFFFF) as u32).unwrap_or_default();
            return Failure { message: mark.into(), key_problem: None };
        }
        let key_problem = match e {
            ApiError::KeyRejected { vendor } | ApiError::NoKey { vendor } => Some(vendor),
            _ => None,
        };
        let http = match e {
            ApiError::Server { status, .. } | ApiError::Refused { status, .. } if status > 0 => Some(status),
            ApiError::RateLimited { .. } => Some(429),
            ApiError::NotFound { .. } => Some(404),
            ApiError::Forbidden { .. } => Some(403),
            _ => None,
        };
        // The vendor's status goes on a line of its own under the sentence (support asks for it;
        // the sentence stays free of codes): pages show it as a detail line. A field of its own
        // cost the worker 2.7 KB, in every future that carries a Failure.
        let mut message = e.message();
        if let Some(s) = http {
            message.push('\n');
            message.push_str(&crate::i18n::msgf("http_detail", &[&s.to_string()]));
        }
        Failure { message, key_problem }
    }
}

impl Failure {
    pub fn plain(message: impl Into<String>) -> Self {
        Failure { message: message.into(), key_problem: None }
    }

    /// The seconds after which the page asks again, for a request handed back to it.
    pub fn later(&self) -> Option<u32> {
        let mut chars = self.message.chars();
        let secs = (chars.next()? as u32).checked_sub(LATER).filter(|s| *s <= 0xFFFF)?;
        chars.next().is_none().then_some(secs)
    }
}
