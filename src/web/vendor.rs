//! Vendor calls from the worker: the store's orchestration (`crate::orchestrate`) run with the
//! browser's fetch and timers, and the settings that say where each vendor lives.

use super::chrome::{self, Store};
use super::{fetch, storage};
use crate::error::{ApiError, Vendor};
use crate::http::{HttpReply, HttpRequest};
use crate::message::Failure;
use crate::orchestrate::{self, Transport};
use crate::settings::Settings;
use crate::store::records::{StoredSettings, SETTINGS};

pub async fn settings() -> Result<Settings, Failure> {
    Ok(storage::read::<StoredSettings>(SETTINGS).await?.unwrap_or_default().into())
}

/// The browser's fetch and timers; waiting lines go to the session key `progress` names,
/// where the panel listens.
pub struct Browser<'a> {
    pub progress: Option<&'a str>,
    /// The request may be sent again whole: a long rate-limit wait goes back to its page.
    pub hand_back: bool,
}

impl Transport for Browser<'_> {
    async fn send(&self, vendor: Vendor, req: &HttpRequest) -> Result<HttpReply, ApiError> {
        fetch::send(vendor, req).await
    }

    async fn sleep(&self, ms: u64) {
        chrome::sleep(ms).await
    }

    async fn tell(&self, line: &str) {
        if let (Some(key), Ok(session)) = (self.progress, Store::session()) {
            let _ = session.set(key, &line.to_string()).await;
        }
    }

    fn hands_back(&self) -> bool {
        self.hand_back
    }
}

/// One call, retried as `orchestrate::call` says.
pub async fn call(vendor: Vendor, req: &HttpRequest, progress: Option<&str>) -> Result<HttpReply, ApiError> {
    orchestrate::call(&Browser { progress, hand_back: false }, vendor, req).await
}
