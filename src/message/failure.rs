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

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
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
}
