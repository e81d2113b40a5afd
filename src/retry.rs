//! When to try a vendor call again by ourselves, and how long to wait first.

use crate::error::ApiError;

/// Longest we wait on a rate limit ourselves. One message may not wait longer: Firefox stops an
/// event page idle for 30 s even with a reply pending, and the requests around the wait take
/// time too. Beyond it the call ends: work kept in storage is tried again on its alarm, and a
/// recruiter's request says when to try again (or its page waits, `MAX_HANDED_BACK_S`).
pub const MAX_RATE_WAIT_S: u64 = 10;

/// Longest a page that may send its whole request again waits on a rate limit itself before
/// asking again (`ApiError::Later`); beyond it the recruiter is told.
pub const MAX_HANDED_BACK_S: u64 = 60;

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

/// A sliding one-second window of request times, for vendors that limit requests per second
/// (SmartRecruiters: 10 [doc]). Slightly over a second, as the vendor's clock and ours don't
/// start their windows together.
pub const WINDOW_MS: f64 = 1050.0;

/// Claims a slot at `now` (ms) if fewer than `limit` requests went out in the last window, or
/// says how long to wait for one.
pub fn claim_slot(sent: &mut std::collections::VecDeque<f64>, limit: usize, now: f64) -> Result<(), u64> {
    while sent.front().is_some_and(|t| now - t >= WINDOW_MS) {
        sent.pop_front();
    }
    if sent.len() < limit {
        sent.push_back(now);
        return Ok(());
    }
    Err(sent.front().map_or(1, |t| (t + WINDOW_MS - now).max(1.0) as u64))
}

#[cfg(test)]
mod tests {
    #[test]
    fn ten_a_second_and_no_more() {
        let mut sent = std::collections::VecDeque::new();
        for i in 0..10 {
            assert_eq!(super::claim_slot(&mut sent, 10, f64::from(i)), Ok(()));
        }
        // The eleventh waits for the first to leave the window.
        assert_eq!(super::claim_slot(&mut sent, 10, 10.0), Err(1040));
        assert_eq!(super::claim_slot(&mut sent, 10, 1049.0), Err(1));
        assert_eq!(super::claim_slot(&mut sent, 10, 1050.0), Ok(()));
        assert_eq!(super::claim_slot(&mut sent, 10, 1050.0), Err(1));
        // 25 requests as fast as allowed take more than two windows.
        let mut sent = std::collections::VecDeque::new();
        let mut now = 0.0;
        for _ in 0..25 {
            while let Err(ms) = super::claim_slot(&mut sent, 10, now) {
                now += ms as f64;
            }
        }
        assert!(now >= 2.0 * super::WINDOW_MS, "{now}");
    }

    use super::*;
    use crate::provider::testing::VENDOR as ACME;

    #[test]
    fn rate_limit_waits_what_the_vendor_says() {
        let e = ApiError::RateLimited { vendor: ACME, retry_after: 3 };
        assert_eq!(next(&e, 1), Next::RetryAfterMs(3000));
        let zero = ApiError::RateLimited { vendor: ACME, retry_after: 0 };
        assert_eq!(next(&zero, 1), Next::RetryAfterMs(1000));
        let most = ApiError::RateLimited { vendor: ACME, retry_after: MAX_RATE_WAIT_S };
        assert_eq!(next(&most, 1), Next::RetryAfterMs(10_000));
        // Longer than one message may wait.
        let long = ApiError::RateLimited { vendor: ACME, retry_after: 45 };
        assert_eq!(next(&long, 1), Next::GiveUp);
    }

    #[test]
    fn server_errors_back_off_then_stop() {
        let e = ApiError::Server { vendor: ACME, status: 502 };
        assert_eq!(next(&e, 1), Next::RetryAfterMs(1000));
        assert_eq!(next(&e, 2), Next::RetryAfterMs(2000));
        assert_eq!(next(&e, 3), Next::RetryAfterMs(4000));
        assert_eq!(next(&e, 4), Next::GiveUp);
        let gone = ApiError::Unreachable { vendor: ACME };
        assert_eq!(next(&gone, 1), Next::RetryAfterMs(1000));
    }

    #[test]
    fn recruiter_errors_are_not_retried() {
        for e in [
            ApiError::KeyRejected { vendor: ACME },
            ApiError::Refused { vendor: ACME, status: 422, reason: "x".into() },
            ApiError::Garbled { vendor: ACME },
        ] {
            assert_eq!(next(&e, 1), Next::GiveUp, "{e:?}");
        }
    }
}
