//! The browser side: bindings to the extension APIs, the service worker, and the Leptos UIs.

pub mod bulk;
pub mod chrome;
pub mod fetch;
pub mod hellohire;
pub mod ui;
pub mod worker;

pub use chrome::{from_js, to_js, Store};
