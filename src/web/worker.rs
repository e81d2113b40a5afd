//! The service worker: the only place that holds keys and talks to vendors. The JS shim
//! (extension/worker.js) registers the listeners synchronously and hands every message here;
//! each request goes to the module that does that job.

use wasm_bindgen::prelude::*;

use super::accounts::provider_of;
use super::chrome::{from_js, to_js};
use super::{accounts, interviews, links, pages, storage};
use crate::message::{Failure, Reply, Request, Sender, Wire};
use crate::provider::NewJob;
use crate::settings::Settings;
use crate::store::records::{StoredSettings, SETTINGS};
use crate::store::{Notice, NOTICES};

/// Work the worker carries on when it starts and when an alarm wakes it: bulk invites
/// (`bulk`), ATS records waiting for a video, a status change or a verdict (`pageup`). One
/// export for both: each export is a copy of the glue that runs a future from JS. (The bridges'
/// bundle exports its own, `web::bridges`: the bundle built with them exports only theirs.)
#[cfg_attr(not(feature = "bridges"), wasm_bindgen)]
pub async fn resume(what: String) {
    match what.as_str() {
        "bulk" => super::bulk::resume_bulk().await,
        "pageup" => super::pageup::resume_pageup().await,
        // Stored data brought up to this version's schema, before the bridges' wasm (which
        // carries no migrations) starts. A failure is met again, and said, by what reads next.
        "storage" => {
            let _ = storage::upgraded().await;
        }
        _ => {}
    }
}

#[cfg_attr(not(feature = "bridges"), wasm_bindgen)]
pub async fn handle_message(message: JsValue, sender: JsValue, extension_base: String) -> JsValue {
    answer(crate::read::request(crate::node::Node::of(message)), sender, &extension_base, handle).await
}

/// The reply to a request read from a message, if its sender may make it.
pub async fn answer(
    request: Option<Request>,
    sender: JsValue,
    extension_base: &str,
    handle: impl AsyncFnOnce(Request, Sender) -> Result<Reply, Failure>,
) -> JsValue {
    let reply = match (request, from_js::<Sender>(sender)) {
        (Some(req), Ok(sender)) if req.allowed_from(&sender, extension_base) => {
            handle(req, sender).await.unwrap_or_else(Reply::failed)
        }
        (Some(_), Ok(_)) => Reply::failed(Failure::plain(crate::i18n::msg("not_allowed_here"))),
        _ => Reply::failed(Failure::plain(crate::i18n::msg("unknown_message"))),
    };
    to_js(&reply).unwrap_or(JsValue::NULL)
}

async fn notices() -> Result<Reply, Failure> {
    let all: Vec<Notice> = storage::read(NOTICES).await?.unwrap_or_default();
    // One a line, without a list in between (smaller in the wasm than collect and join).
    let mut text = String::new();
    for n in all {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&n.message);
    }
    Ok(Reply::Notices { text })
}

async fn handle(req: Request, sender: Sender) -> Result<Reply, Failure> {
    match req {
        Request::PageVisit { url } => pages::visit(&url, &sender).await,
        Request::PageFields { url, fields } => {
            pages::page_fields(&url, fields.get()?, &sender).await?;
            Ok(Reply::Done)
        }
        Request::GetContext => Ok(Reply::Context {
            tab_id: sender.tab_id,
            context: Wire::new(super::tab::context(&sender).await),
        }),
        Request::GetAccounts => Ok(accounts::accounts_reply(&accounts::all().await?)),
        Request::SaveKey { vendor, values } => accounts::save_key(vendor, &values.get()?).await,
        Request::RemoveKey { vendor } => accounts::remove_key(vendor).await,
        Request::GetSettings => Ok(Reply::Settings { settings: Wire::new(super::vendor::settings().await?) }),
        Request::SaveSettings { patch } => {
            let patch = patch.get()?;
            let settings = storage::update(SETTINGS, |s: &mut StoredSettings| {
                let next = crate::registry::apply(&patch, &Settings::from(s.clone()))?;
                *s = next.clone().into();
                Ok::<_, String>(next)
            })
            .await?
            .map_err(Failure::plain)?;
            Ok(Reply::Settings { settings: Wire::new(settings) })
        }
        Request::GetNotices => notices().await,
        Request::DismissNotices => {
            storage::remove(NOTICES).await?;
            notices().await
        }
        Request::GetCatalog { provider, fresh } => {
            let p = provider_of(provider)?;
            interviews::catalog(p, &accounts::account_for(&sender, p).await?, fresh).await
        }
        Request::GetVendorAccounts { vendor } => accounts::vendor_accounts(&sender, vendor).await,
        Request::AddAccount { vendor, display_name, values, active, credits } => {
            accounts::add_account(vendor, display_name, &values.get()?, active, credits).await
        }
        Request::UpdateAccount { id, active, credits, perform_as } => {
            accounts::update_account(&sender, &id, active, credits, perform_as).await
        }
        Request::RemoveAccount { id } => accounts::remove_account(&sender, &id).await,
        Request::ChooseAccount { provider, id } => {
            accounts::choose(&sender, provider_of(provider)?, &id).await
        }
        Request::GetInterviews { provider, email } => {
            interviews::interviews_of(provider_of(provider)?, super::tab::ats_tenant(&sender).await, &email)
                .await
        }
        Request::SendInvite { provider, invite } => {
            let p = provider_of(provider)?;
            interviews::send_invite(p, invite.get()?, accounts::account_for(&sender, p).await?, &sender).await
        }
        Request::ShareLink { provider, interview_uuid } => {
            let p = provider_of(provider)?;
            interviews::share_link(p, &accounts::account_for(&sender, p).await?, &interview_uuid).await
        }
        Request::ChangeInterview { provider, interview_uuid, change, deadline_ms, timezone } => {
            let p = provider_of(provider)?;
            let account = accounts::account_for(&sender, p).await?;
            interviews::change(p, &account, &interview_uuid, change, (deadline_ms, &timezone), &sender).await
        }
        Request::StartBulk { bulk } => {
            let bulk = bulk.get()?;
            let p = provider_of(bulk.provider)?;
            let tenant = super::tab::tenant_on(&sender, bulk.ats).await;
            super::bulk::start(p, bulk, tenant, accounts::account_for(&sender, p).await?).await
        }
        Request::GetBulk { provider, ats_job_id } => {
            super::bulk::latest(provider_of(provider)?, super::tab::ats_tenant(&sender).await, &ats_job_id)
                .await
        }
        Request::RetryBulk { id } => super::bulk::retry(&id).await,
        Request::GetLinks { provider, ats, ats_job_ids } => {
            links::get(&sender, provider_of(provider)?, ats, &ats_job_ids).await
        }
        Request::LinkJob { provider, ats, ats_job_id, job_uuid } => {
            links::link(&sender, provider_of(provider)?, ats, ats_job_id, job_uuid).await
        }
        Request::CreateLinkedJob { provider, ats, ats_job_id, title, location, description, template } => {
            let job = NewJob { title, location, description, template_id: template };
            links::create(&sender, provider_of(provider)?, ats, ats_job_id, job).await
        }
        // The bridges' requests go to their bundle (`web::bridges`); the main worker can't
        // read them, so none gets here.
        Request::FindInSmartRecruiters { .. }
        | Request::CreateInSmartRecruiters { .. }
        | Request::Rate { .. }
        | Request::PreviewSync
        | Request::SyncRegistrants { .. } => Err(Failure::plain(crate::i18n::msg("unknown_message"))),
        // Only in a build with the Spottabl × Lever workflow; the main worker's has none.
        #[cfg(any(feature = "bridges", feature = "agency"))]
        Request::GetSpottablImport
        | Request::ImportSpottablJobs { .. }
        | Request::SetSpottablAuto { .. }
        | Request::LookInSpottabl
        | Request::GetSpottablStages
        | Request::GetLeverUsers
        | Request::SaveSpottablStages { .. } => Err(Failure::plain(crate::i18n::msg("unknown_message"))),
        #[cfg(any(feature = "bridges", feature = "panel"))]
        Request::GetSpottablJob { .. }
        | Request::ImportSpottablJob { .. }
        | Request::SpottablThread { .. } => Err(Failure::plain(crate::i18n::msg("unknown_message"))),
    }
}
