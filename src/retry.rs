//! When to try a vendor call again by ourselves, and how long to wait first.

use crate::error::ApiError;

/// Longest we wait on a rate limit before handing the decision back to the recruiter: the
/// worker must stay well inside the browser's limits for one event.
pub const MAX_RATE_WAIT_S: u64 = 60;

/// How many times a transient failure is retried after the first attempt.
pub const MAX_RETRIES: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Wait this long, then try again.
    RetryAfterMs(u64),
    GiveUp,
}

/// `attempt` counts the failures so far (1 after the first failed try).
pub fn next(error: &ApiError, attempt: u32) -> Next {
    if attempt > MAX_RETRIES {
        return Next::GiveUp;
    }
    match error {
        // The vendor said exactly when; a second early is a wasted request.
        ApiError::RateLimited { retry_after, .. } if *retry_after <= MAX_RATE_WAIT_S => {
            Next::RetryAfterMs(retry_after.max(&1) * 1000)
        }
        ApiError::Server { .. } | ApiError::Unreachable { .. } => Next::RetryAfterMs(500 * 2u64.pow(attempt)),
        _ => Next::GiveUp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Vendor::SparkHire;

    #[test]
    fn rate_limit_waits_what_the_vendor_says() {
        let e = ApiError::RateLimited { vendor: SparkHire, retry_after: 3 };
        assert_eq!(next(&e, 1), Next::RetryAfterMs(3000));
        let zero = ApiError::RateLimited { vendor: SparkHire, retry_after: 0 };
        assert_eq!(next(&zero, 1), Next::RetryAfterMs(1000));
        let long = ApiError::RateLimited { vendor: SparkHire, retry_after: 3600 };
        assert_eq!(next(&long, 1), Next::GiveUp);
    }

    #[test]
    fn server_errors_back_off_then_stop() {
        let e = ApiError::Server { vendor: SparkHire, status: 502 };
        assert_eq!(next(&e, 1), Next::RetryAfterMs(1000));
        assert_eq!(next(&e, 2), Next::RetryAfterMs(2000));
        assert_eq!(next(&e, 3), Next::RetryAfterMs(4000));
        assert_eq!(next(&e, 4), Next::GiveUp);
        let gone = ApiError::Unreachable { vendor: SparkHire };
        assert_eq!(next(&gone, 1), Next::RetryAfterMs(1000));
    }

    #[test]
    fn recruiter_errors_are_not_retried() {
        for e in [
            ApiError::KeyRejected { vendor: SparkHire },
            ApiError::Refused { vendor: SparkHire, status: 422, reason: "x".into() },
            ApiError::Garbled { vendor: SparkHire },
        ] {
            assert_eq!(next(&e, 1), Next::GiveUp, "{e:?}");
        }
    }
}
