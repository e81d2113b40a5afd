//! Interview Bridge: video interviews from the recruiter's applicant tracking system.
//!
//! The domain (ATS adapters, vendor clients, rules, messages) is plain Rust that tests
//! natively; `web` puts it in the browser: the service worker, the panel, the popup.

pub mod ats;
pub mod ats_api;
pub mod bridge;
pub mod bulk;
pub mod deadline;
#[cfg(target_arch = "wasm32")]
pub mod decode;
pub mod error;
pub mod hellohire;
pub mod http;
pub mod i18n;
pub mod json;
pub mod manifest;
pub mod message;
pub mod names;
pub mod node;
pub mod orchestrate;
pub mod outcome;
pub mod provider;
pub mod read;
pub mod registry;
pub mod retry;
pub mod settings;
pub mod spottabl;
pub mod store;
pub mod text;
pub mod vendor;

#[cfg(target_arch = "wasm32")]
pub mod web;

#[cfg(all(
    target_arch = "wasm32",
    not(any(feature = "panel", feature = "settings", feature = "hellohire", feature = "agency"))
))]
#[global_allocator]
// SAFETY: the worker's wasm runs on one thread.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
