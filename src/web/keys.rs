//! Where things live in `chrome.storage`: shared by the worker, which writes them, and the
//! pages, which listen to them. Kept apart so the page bundles don't carry the worker.

/// Session-storage key of the page context shown in a tab; the panel listens to it.
pub fn context_key(tab_id: i32) -> String {
    format!("ctx:{tab_id}")
}

/// Session-storage key of a Send's progress line (e.g. waiting on a rate limit).
pub fn progress_key(send_id: &str) -> String {
    format!("progress:{send_id}")
}

/// Session-storage key of a Hellohire page's registrant-sync progress.
pub fn sync_key(interview_id: &str) -> String {
    format!("sync:{interview_id}")
}

/// Local-storage keys the pages listen to: the bulk-invite batches, and Hellohire ratings
/// SmartRecruiters has not taken yet.
pub use crate::store::records::{BATCHES, PENDING_RATINGS};
