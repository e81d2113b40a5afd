//! What ties a page's Rust to the life of its page: panics that say what happened.

/// In the release build (`panic = "abort"`) a panic is a bare "unreachable" trap, the rest of
/// that call never runs, and nothing says why: log what panicked and where, first.
pub fn log_panics() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Interview Bridge: {info}").into());
    }));
}
