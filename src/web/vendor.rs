//! One vendor call, retried on rate limits and transient failures as `retry::next` says, and
//! the settings that say where each vendor lives.

use super::chrome::{self, Store};
use super::{fetch, storage};
use crate::error::{ApiError, Vendor};
use crate::http::{HttpReply, HttpRequest};
use crate::message::Failure;
use crate::retry::{self, Next};
use crate::settings::Settings;
use crate::store::records::SETTINGS;

pub async fn settings() -> Result<Settings, Failure> {
    Ok(storage::read(SETTINGS).await?.unwrap_or_default())
}

/// `progress` names where to tell the panel that we are waiting.
pub async fn call(vendor: Vendor, req: &HttpRequest, progress: Option<&str>) -> Result<HttpReply, ApiError> {
    let mut failures = 0;
    loop {
        let err = match fetch::send(vendor, req).await {
            Ok(reply) => match crate::error::check(vendor, &reply) {
                Ok(()) => return Ok(reply),
                Err(e) if e.is_transient() => e,
                // Non-transient statuses are for the caller's parser to turn into a message.
                Err(_) => return Ok(reply),
            },
            Err(e) => e,
        };
        failures += 1;
        match retry::next(&err, failures) {
            Next::GiveUp => return Err(err),
            Next::RetryAfterMs(ms) => {
                tell(progress, &waiting_line(&err, ms)).await;
                chrome::sleep(ms).await;
            }
        }
    }
}

pub fn waiting_line(err: &ApiError, ms: u64) -> String {
    let secs = ms.div_ceil(1000);
    match err {
        ApiError::RateLimited { vendor, .. } => {
            format!("{} asked us to slow down. Trying again in {secs} s…", vendor.label())
        }
        ApiError::Server { vendor, status } => {
            format!("{} had a problem (HTTP {status}). Trying again in {secs} s…", vendor.label())
        }
        _ => format!("No answer yet. Trying again in {secs} s…"),
    }
}

pub async fn tell(progress: Option<&str>, line: &str) {
    if let (Some(key), Ok(session)) = (progress, Store::session()) {
        let _ = session.set(key, &line.to_string()).await;
    }
}
