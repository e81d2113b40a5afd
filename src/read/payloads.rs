//! The payloads inside replies (`Wire`), read field by field where serde's derive would cost
//! each page's wasm a generated reader per type: settings, accounts, choices, links, interview
//! rows, bulk runs, Spottabl threads.

use super::Fields;
use crate::node::Node;

/// The settings as the worker sends them (`Reply::Settings`). Every field has a default, as in
/// serde's reading of them.
pub fn settings(n: &Node) -> Option<crate::settings::Settings> {
    use crate::settings::{Address, Pace};
    let mut s = crate::settings::Settings::default();
    for a in n.get("hosts").items().unwrap_or_default() {
        let a = Fields(a);
        s.hosts.push(Address { at: a.text("at")?, url: a.text("url")? });
    }
    for p in n.get("per_minute").items().unwrap_or_default() {
        let p = Fields(p);
        s.per_minute.push(Pace { provider: p.text("provider")?, per_minute: p.maybe_count("per_minute")?? });
    }
    let on = |f: &str| n.get(f).flag().unwrap_or_default();
    s.hellohire_smartrecruiters = on("hellohire_smartrecruiters");
    s.hellohire_sync_profiles = on("hellohire_sync_profiles");
    s.provider_emails_on_pageup = on("provider_emails_on_pageup");
    Some(s)
}

/// Accounts as the worker sends them (`Reply::Accounts`, `Reply::VendorAccounts`).
pub fn accounts(n: &Node) -> Option<Vec<crate::message::AccountView>> {
    let mut out = Vec::new();
    for a in n.items()? {
        let (f, k) = (Fields(a.clone()), Fields(a.get("account")));
        out.push(crate::message::AccountView {
            id: f.text("id")?,
            vendor: f.vendor("vendor")?,
            display_name: f.text("display_name")?,
            account: crate::message::Account {
                name: k.text("name")?,
                email: k.text("email")?,
                key_hint: k.text("key_hint")?,
            },
            active: f.flag("active")?,
            credits: f.maybe_count("credits")?,
            used: f.maybe_count("used")??,
        });
    }
    Some(out)
}

/// One of the candidate's interviews as the worker sends it (`Reply::Interviews`,
/// `Reply::Sent`): read field by field, where serde's derive cost the panel 5 KB.
pub fn interview_row(n: &Node) -> Option<crate::message::InterviewRow> {
    use crate::message::InterviewKind;
    let f = Fields(n.clone());
    let pass = match n.get("pass") {
        p if p.is_nothing() => None,
        p => Some(p.flag()?),
    };
    Some(crate::message::InterviewRow {
        uuid: f.text("uuid")?,
        kind: match f.text("kind")?.as_str() {
            "one_way" => InterviewKind::OneWay,
            "live" => InterviewKind::Live,
            _ => return None,
        },
        job_title: f.text("job_title")?,
        status: f.text("status")?,
        status_label: f.text("status_label")?,
        scheduled_at: f.maybe_text("scheduled_at")?,
        completed_at: f.maybe_text("completed_at")?,
        share_url: f.maybe_text("share_url")?,
        app_url: f.text("app_url")?,
        join_url: f.maybe_text("join_url")?,
        invite_url: f.maybe_text("invite_url")?,
        waiting: f.flag("waiting")?,
        expired: f.flag("expired")?,
        to_review: f.flag("to_review")?,
        pass,
        score: f.maybe_count("score")?,
    })
}

pub fn interview_rows(n: &Node) -> Option<Vec<crate::message::InterviewRow>> {
    Node::each(&n.items()?, |r| interview_row(r).ok_or(())).ok()
}

/// ATS job ↔ provider job links as the worker sends them (`Reply::Links`).
pub fn links(n: &Node) -> Option<Vec<crate::message::JobLink>> {
    Node::each(&n.items()?, |l| {
        let f = Fields(l.clone());
        Ok::<_, ()>(crate::message::JobLink {
            ats_job_id: f.text("ats_job_id").ok_or(())?,
            job_uuid: f.text("job_uuid").ok_or(())?,
            job_title: f.text("job_title").ok_or(())?,
        })
    })
    .ok()
}

/// A list of choices (`uuid`, `label`) as the worker sends them (`Reply::Catalog`,
/// `Reply::SpottablStages`).
pub fn choices(n: &Node) -> Option<Vec<crate::message::Choice>> {
    Node::each(&n.items()?, |c| {
        let f = Fields(c.clone());
        Ok::<_, ()>(crate::message::Choice {
            uuid: f.text("uuid").ok_or(())?,
            label: f.text("label").ok_or(())?,
        })
    })
    .ok()
}

/// A bulk run as the worker sends it (`Reply::Bulk`), `null` for none. Not inlined: the panel
/// reads it in three places.
#[inline(never)]
pub fn bulk(n: &Node) -> Option<Option<crate::message::BulkProgress>> {
    use crate::message::{BulkRow, Outcome};
    if n.is_nothing() {
        return Some(None);
    }
    let f = Fields(n.clone());
    let people = Node::each(&n.get("people").items()?, |r| {
        let p = Fields(r.clone());
        let o = r.get("outcome");
        let outcome = match o.text().as_deref() {
            Some("Waiting") => Outcome::Waiting,
            Some("Sent") => Outcome::Sent,
            Some(_) => return Err(()),
            None => match (o.get("Skipped").text(), o.get("Failed").text()) {
                (Some(why), None) => Outcome::Skipped(why),
                (None, Some(why)) => Outcome::Failed(why),
                _ => return Err(()),
            },
        };
        Ok(BulkRow { name: p.text("name").ok_or(())?, email: p.text("email").ok_or(())?, outcome })
    })
    .ok()?;
    Some(Some(crate::message::BulkProgress { id: f.text("id")?, job_title: f.text("job_title")?, people }))
}

/// A Spottabl thread as the bridges send it (`Reply::Thread`).
#[cfg(any(feature = "bridges", feature = "panel"))]
pub fn thread(n: &Node) -> Option<Vec<crate::message::Said>> {
    Node::each(&n.items()?, |m| {
        let m = Fields(m.clone());
        Ok::<_, ()>(crate::message::Said {
            who: m.text("who").ok_or(())?,
            at: m.text("at").ok_or(())?,
            body: m.text("body").ok_or(())?,
        })
    })
    .ok()
}

#[cfg(test)]
mod tests;
