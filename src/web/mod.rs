//! The browser side: bindings to the extension APIs, the service worker, and the Leptos UIs.
//! Each bundle is built alone (`build.sh`): the worker without Leptos, the panel and the
//! settings pages without the worker, so no page loads code it never runs.

#[cfg(feature = "worker")]
mod accounts;
#[cfg(feature = "bridges")]
pub mod bridges;
#[cfg(feature = "worker")]
pub mod bulk;
pub mod chrome;
#[cfg(feature = "worker")]
pub mod fetch;
#[cfg(feature = "bridges")]
pub mod hellohire;
#[cfg(feature = "worker")]
pub(crate) mod interviews;
pub mod keys;
#[cfg(feature = "worker")]
mod links;
#[cfg(feature = "worker")]
mod pages;
#[cfg(feature = "worker")]
pub mod pageup;
#[cfg(feature = "bridges")]
mod spottabl;
#[cfg(feature = "worker")]
pub mod storage;
#[cfg(feature = "worker")]
mod tab;
#[cfg(any(feature = "panel", feature = "settings", feature = "hellohire", feature = "agency"))]
pub mod ui;
#[cfg(feature = "worker")]
mod vendor;
#[cfg(feature = "worker")]
mod verdicts;
#[cfg(feature = "worker")]
pub mod worker;

pub use chrome::{from_js, to_js, Store};
