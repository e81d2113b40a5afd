//! The browser side: bindings to the extension APIs, the service worker, and the Leptos UIs.
//! Each bundle is built alone (`build.sh`): the worker without Leptos, the panel and the
//! settings pages without the worker, so no page loads code it never runs.

#[cfg(feature = "worker")]
pub mod bulk;
pub mod chrome;
#[cfg(feature = "worker")]
pub mod fetch;
#[cfg(feature = "worker")]
pub mod hellohire;
pub mod keys;
#[cfg(any(feature = "panel", feature = "settings"))]
pub mod ui;
#[cfg(feature = "worker")]
pub mod worker;

pub use chrome::{from_js, to_js, Store};
