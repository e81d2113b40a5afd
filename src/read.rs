//! Messages as they are read off `chrome.runtime`: a `Request` in the worker, a `Reply` in the
//! pages, field by field (`Node`), where a serde derive would read them through a generated
//! state machine per variant. Both are written with serde (`message`), and the tests hold every
//! variant to that encoding. Measured: serde's reader of `Request` was 26 KB of the worker's
//! 483 KiB.

#[cfg(feature = "worker")]
use crate::message::{Change, Choice, Request};
use crate::message::{Failure, Reply, Wire};
use crate::node::Node;
use crate::registry;
use crate::vendor::Vendor;

/// One message's fields. Each reader is `None` for a field that is missing or of the wrong
/// kind, which refuses the whole message, as serde's reader did.
struct Fields(Node);

impl Fields {
    fn text(&self, f: &str) -> Option<String> {
        self.0.str(f)
    }

    fn vendor(&self, f: &str) -> Option<Vendor> {
        registry::by_id(&self.0.str(f)?)
    }

    fn flag(&self, f: &str) -> Option<bool> {
        self.0.get(f).flag()
    }

    // Each bundle reads only the replies its pages get: some readers go unused in some.
    #[allow(dead_code)]
    fn int(&self, f: &str) -> Option<i64> {
        self.0.get(f).number().filter(|n| n.fract() == 0.0).map(|n| n as i64)
    }

    // Each bundle reads only the replies its pages get: some readers go unused in some.
    #[allow(dead_code)]
    /// Absent or `null`: `None`; there and not text: refused.
    fn maybe_text(&self, f: &str) -> Option<Option<String>> {
        let n = self.0.get(f);
        if n.is_nothing() {
            return Some(None);
        }
        n.text().map(Some)
    }

    fn maybe_count(&self, f: &str) -> Option<Option<u32>> {
        let n = self.0.get(f);
        if n.is_nothing() {
            return Some(None);
        }
        let v = n.number().filter(|v| v.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(v))?;
        Some(Some(v as u32))
    }

    #[cfg(feature = "worker")]
    fn texts(&self, f: &str) -> Option<Vec<String>> {
        Node::each(&self.0.get(f).items()?, |n| n.text().ok_or(())).ok()
    }

    /// A payload the code that reads it decodes (`Wire`), or a small enum decoded now.
    fn wire<T: serde::de::DeserializeOwned>(&self, f: &str) -> Option<Wire<T>> {
        let n = self.0.get(f);
        (!n.is_nothing()).then_some(())?;
        Wire::from_node(n)
    }

    /// A payload that may be `null` (an `Option` inside it): decoded by its reader.
    fn wire_or_none<T: serde::de::DeserializeOwned>(&self, f: &str) -> Option<Wire<T>> {
        Wire::from_node(self.0.get(f))
    }

    fn maybe_int(&self, f: &str) -> Option<Option<i32>> {
        let n = self.0.get(f);
        if n.is_nothing() {
            return Some(None);
        }
        let v = n.number().filter(|v| v.fract() == 0.0 && (i32::MIN as f64..=i32::MAX as f64).contains(v))?;
        Some(Some(v as i32))
    }

    #[cfg(feature = "worker")]
    fn change(&self, f: &str) -> Option<Change> {
        Some(match self.0.str(f)?.as_str() {
            "Extend" => Change::Extend,
            "Cancel" => Change::Cancel,
            "Remind" => Change::Remind,
            "Shortlist" => Change::Shortlist,
            "Reject" => Change::Reject,
            _ => return None,
        })
    }

    #[cfg(feature = "worker")]
    fn decoded<T: serde::de::DeserializeOwned>(&self, f: &str) -> Option<T> {
        self.0.get(f).decode()
    }
}

/// The requests the bridges' worker bundle serves (`web::bridges`), by name: the worker's
/// shim (extension/worker.js) sends these there and every other one to the main worker.
pub const BRIDGE_REQUESTS: [&str; 15] = [
    "FindInSmartRecruiters",
    "CreateInSmartRecruiters",
    "Rate",
    "PreviewSync",
    "SyncRegistrants",
    "GetSpottablImport",
    "ImportSpottablJobs",
    "SetSpottablAuto",
    "LookInSpottabl",
    "GetSpottablStages",
    "SaveSpottablStages",
    "GetSpottablJob",
    "ImportSpottablJob",
    "SpottablThread",
    "GetLeverUsers",
];

#[cfg(feature = "worker")]
/// The request a message is, of those the main worker serves; `None` for one this version
/// doesn't know, or a bridge's (`bridge_request`), whose reader the main worker doesn't carry.
pub fn request(message: Node) -> Option<Request> {
    if let Some(name) = message.text() {
        return Some(match name.as_str() {
            "GetContext" => Request::GetContext,
            "GetAccounts" => Request::GetAccounts,
            "GetSettings" => Request::GetSettings,
            "GetNotices" => Request::GetNotices,
            "DismissNotices" => Request::DismissNotices,
            _ => return None,
        });
    }
    let (name, m) = variant(&message)?;
    Some(match name.as_str() {
        "PageVisit" => Request::PageVisit { url: m.text("url")? },
        "PageFields" => Request::PageFields { url: m.text("url")?, fields: m.wire("fields")? },
        "SaveKey" => Request::SaveKey { vendor: m.vendor("vendor")?, values: m.wire("values")? },
        "RemoveKey" => Request::RemoveKey { vendor: m.vendor("vendor")? },
        "SaveSettings" => Request::SaveSettings { patch: m.wire("patch")? },
        "GetCatalog" => Request::GetCatalog { provider: m.vendor("provider")?, fresh: m.flag("fresh")? },
        "GetInterviews" => {
            Request::GetInterviews { provider: m.vendor("provider")?, email: m.text("email")? }
        }
        "SendInvite" => Request::SendInvite { provider: m.vendor("provider")?, invite: m.wire("invite")? },
        "ShareLink" => {
            Request::ShareLink { provider: m.vendor("provider")?, interview_uuid: m.text("interview_uuid")? }
        }
        "ChangeInterview" => Request::ChangeInterview {
            provider: m.vendor("provider")?,
            interview_uuid: m.text("interview_uuid")?,
            change: m.change("change")?,
            deadline_ms: m.int("deadline_ms")?,
            timezone: m.text("timezone")?,
        },
        "StartBulk" => Request::StartBulk { bulk: m.wire("bulk")? },
        "GetBulk" => Request::GetBulk { provider: m.vendor("provider")?, ats_job_id: m.text("ats_job_id")? },
        "RetryBulk" => Request::RetryBulk { id: m.text("id")? },
        "GetVendorAccounts" => Request::GetVendorAccounts { vendor: m.vendor("vendor")? },
        "AddAccount" => Request::AddAccount {
            vendor: m.vendor("vendor")?,
            display_name: m.text("display_name")?,
            values: m.wire("values")?,
            active: m.flag("active")?,
            credits: m.maybe_count("credits")?,
        },
        "UpdateAccount" => Request::UpdateAccount {
            id: m.text("id")?,
            active: m.flag("active")?,
            credits: m.maybe_count("credits")?,
            perform_as: match m.0.get("perform_as") {
                u if u.is_nothing() => None,
                u => Some(Choice { uuid: u.get("uuid").text()?, label: u.get("label").text()? }),
            },
        },
        "RemoveAccount" => Request::RemoveAccount { id: m.text("id")? },
        "ChooseAccount" => Request::ChooseAccount { provider: m.vendor("provider")?, id: m.text("id")? },
        "GetLinks" => Request::GetLinks {
            provider: m.vendor("provider")?,
            ats: m.decoded("ats")?,
            ats_job_ids: m.texts("ats_job_ids")?,
        },
        "LinkJob" => Request::LinkJob {
            provider: m.vendor("provider")?,
            ats: m.decoded("ats")?,
            ats_job_id: m.text("ats_job_id")?,
            job_uuid: m.text("job_uuid")?,
        },
        "CreateLinkedJob" => Request::CreateLinkedJob {
            provider: m.vendor("provider")?,
            ats: m.decoded("ats")?,
            ats_job_id: m.text("ats_job_id")?,
            title: m.text("title")?,
            location: m.maybe_text("location")?,
            description: m.maybe_text("description")?,
            template: m.maybe_text("template")?,
        },
        _ => return None,
    })
}

/// The request a message is, of those the bridges serve (`BRIDGE_REQUESTS`).
#[cfg(feature = "worker")]
pub fn bridge_request(message: Node) -> Option<Request> {
    match message.text().as_deref() {
        Some("PreviewSync") => return Some(Request::PreviewSync),
        #[cfg(any(feature = "bridges", feature = "agency"))]
        Some("GetSpottablImport") => return Some(Request::GetSpottablImport),
        #[cfg(any(feature = "bridges", feature = "agency"))]
        Some("LookInSpottabl") => return Some(Request::LookInSpottabl),
        #[cfg(any(feature = "bridges", feature = "agency"))]
        Some("GetSpottablStages") => return Some(Request::GetSpottablStages),
        #[cfg(any(feature = "bridges", feature = "agency"))]
        Some("GetLeverUsers") => return Some(Request::GetLeverUsers),
        _ => {}
    }
    let (name, m) = variant(&message)?;
    Some(match name.as_str() {
        "FindInSmartRecruiters" => Request::FindInSmartRecruiters {
            registrant: m.wire("registrant")?,
            interview: m.text("interview")?,
        },
        "CreateInSmartRecruiters" => Request::CreateInSmartRecruiters {
            registrant: m.wire("registrant")?,
            interview: m.text("interview")?,
        },
        "Rate" => Request::Rate {
            registrant: m.wire("registrant")?,
            interview: m.text("interview")?,
            rating: m.decoded("rating")?,
        },
        "SyncRegistrants" => Request::SyncRegistrants { registrants: m.wire("registrants")? },
        #[cfg(any(feature = "bridges", feature = "agency"))]
        "ImportSpottablJobs" => Request::ImportSpottablJobs { count: m.maybe_count("count")?? },
        #[cfg(any(feature = "bridges", feature = "agency"))]
        "SetSpottablAuto" => Request::SetSpottablAuto { on: m.flag("on")? },
        #[cfg(any(feature = "bridges", feature = "agency"))]
        "SaveSpottablStages" => Request::SaveSpottablStages { pairs: m.wire("pairs")? },
        #[cfg(any(feature = "bridges", feature = "panel"))]
        "GetSpottablJob" => Request::GetSpottablJob { posting: m.text("posting")? },
        #[cfg(any(feature = "bridges", feature = "panel"))]
        "ImportSpottablJob" => Request::ImportSpottablJob { posting: m.text("posting")? },
        #[cfg(any(feature = "bridges", feature = "panel"))]
        "SpottablThread" => {
            Request::SpottablThread { opportunity: m.text("opportunity")?, reply: m.maybe_text("reply")? }
        }
        _ => return None,
    })
}

/// An externally tagged variant with fields: `{"Name": {...}}`.
fn variant(message: &Node) -> Option<(String, Fields)> {
    let keys = message.keys();
    let [name] = keys.as_slice() else { return None };
    let m = Fields(message.get(name));
    m.0.is_object().then(|| (name.clone(), m))
}

/// The reply a message is, or `None` for one this version doesn't know.
pub fn reply(message: Node) -> Option<Reply> {
    if message.text().as_deref() == Some("Done") {
        return Some(Reply::Done);
    }
    let (name, m) = variant(&message)?;
    Some(match name.as_str() {
        #[cfg(feature = "worker")]
        "PageRule" => Reply::PageRule { rule: m.wire_or_none("rule")? },
        "Context" => Reply::Context { tab_id: m.maybe_int("tab_id")?, context: m.wire_or_none("context")? },
        "Accounts" => Reply::Accounts { accounts: m.wire("accounts")? },
        #[cfg(any(feature = "worker", feature = "settings", feature = "hellohire"))]
        "Settings" => Reply::Settings { settings: m.wire("settings")? },
        #[cfg(any(feature = "worker", feature = "panel"))]
        "Catalog" => Reply::Catalog {
            jobs: m.wire("jobs")?,
            question_sets: m.wire("question_sets")?,
            fetched_ms: m.int("fetched_ms")?,
            cached: m.flag("cached")?,
        },
        #[cfg(any(feature = "worker", feature = "panel"))]
        "Interviews" => Reply::Interviews {
            interviews: m.wire("interviews")?,
            said: m.text("said")?,
            elsewhere: m.text("elsewhere")?,
        },
        #[cfg(any(feature = "worker", feature = "panel"))]
        "Sent" => Reply::Sent {
            interview: m.wire("interview")?,
            already: m.flag("already")?,
            said: m.text("said")?,
        },
        #[cfg(any(feature = "worker", feature = "panel"))]
        "ShareLink" => Reply::ShareLink { url: m.text("url")? },
        #[cfg(any(feature = "worker", feature = "panel"))]
        "Bulk" => Reply::Bulk { batch: m.wire_or_none("batch")? },
        #[cfg(any(feature = "worker", feature = "panel"))]
        "Links" => Reply::Links { links: m.wire("links")? },
        #[cfg(any(feature = "worker", feature = "panel", feature = "settings", feature = "agency"))]
        "VendorAccounts" => {
            Reply::VendorAccounts { accounts: m.wire("accounts")?, chosen: m.maybe_text("chosen")? }
        }
        #[cfg(any(feature = "worker", feature = "hellohire"))]
        "InSmartRecruiters" => Reply::InSmartRecruiters {
            profile: m.wire_or_none("profile")?,
            pending: m.wire_or_none("pending")?,
        },
        #[cfg(any(feature = "worker", feature = "hellohire"))]
        "Sync" => Reply::Sync { progress: m.wire("progress")? },
        #[cfg(any(feature = "worker", feature = "hellohire"))]
        "SyncPlan" => Reply::SyncPlan { plan: m.wire("plan")? },
        #[cfg(any(feature = "worker", feature = "settings"))]
        "Notices" => Reply::Notices { text: m.text("text")? },
        #[cfg(any(feature = "bridges", feature = "agency"))]
        "SpottablImport" => Reply::SpottablImport {
            at_ms: m.int("at_ms")?,
            summary: m.text("summary")?,
            looked_ms: m.int("looked_ms")?,
            looked: m.text("looked")?,
            auto: m.flag("auto")?,
        },
        #[cfg(any(feature = "bridges", feature = "agency"))]
        "SpottablStages" => Reply::SpottablStages {
            lever: m.wire("lever")?,
            spottabl: m.wire("spottabl")?,
            pairs: m.wire("pairs")?,
            saved: m.flag("saved")?,
        },
        #[cfg(any(feature = "bridges", feature = "agency"))]
        "LeverUsers" => Reply::LeverUsers { users: m.wire("users")? },
        #[cfg(any(feature = "bridges", feature = "panel"))]
        "SpottablJob" => Reply::SpottablJob { job: m.text("job")?, open: m.text("open")? },
        #[cfg(any(feature = "bridges", feature = "panel"))]
        "Thread" => {
            Reply::Thread { partner: m.text("partner")?, thread: m.wire("thread")?, said: m.text("said")? }
        }
        "Failed" => {
            let f = Fields(m.0.get("failure"));
            let key_problem = match f.0.get("key_problem").is_nothing() {
                true => None,
                false => Some(f.vendor("key_problem")?),
            };
            Reply::Failed { failure: Failure { message: f.text("message")?, key_problem } }
        }
        _ => return None,
    })
}

mod context;
mod payloads;
pub use payloads::*;

#[cfg(test)]
mod tests;
