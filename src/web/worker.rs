//! The service worker: the only place that holds keys and talks to vendors. The JS shim
//! (extension/worker.js) registers the listeners synchronously and hands every message here;
//! each request goes to the module that does that job.

use wasm_bindgen::prelude::*;

use super::chrome::{from_js, to_js};
use super::{accounts, interviews, links, pages, storage};
use crate::message::{Failure, Reply, Request, Sender};
use crate::provider::sparkhire;
use crate::settings::Settings;
use crate::store::records::SETTINGS;
use crate::store::{Notice, NOTICES};

#[wasm_bindgen]
pub async fn handle_message(message: JsValue, sender: JsValue, extension_base: String) -> JsValue {
    let reply = match (from_js::<Request>(message), from_js::<Sender>(sender)) {
        (Ok(req), Ok(sender)) if req.allowed_from(&sender, &extension_base) => {
            handle(req, sender).await.unwrap_or_else(Reply::failed)
        }
        (Ok(_), Ok(_)) => Reply::failed(Failure::plain("That request isn't allowed from this page.")),
        _ => Reply::failed(Failure::plain("The extension sent a message this version doesn't know.")),
    };
    to_js(&reply).unwrap_or(JsValue::NULL)
}

async fn notices() -> Result<Reply, Failure> {
    let all: Vec<Notice> = storage::read(NOTICES).await?.unwrap_or_default();
    let text = all.into_iter().map(|n| n.message).collect::<Vec<_>>().join("\n");
    Ok(Reply::Notices { text })
}

async fn handle(req: Request, sender: Sender) -> Result<Reply, Failure> {
    match req {
        Request::PageVisit { url } => pages::visit(&url, &sender).await,
        Request::PageFields { url, fields } => {
            pages::page_fields(&url, fields, &sender).await?;
            Ok(Reply::Done)
        }
        Request::GetContext => {
            Ok(Reply::Context { tab_id: sender.tab_id, context: super::tab::context(&sender).await })
        }
        Request::GetAccounts => Ok(accounts::accounts_reply(&accounts::all().await?)),
        Request::SaveKey { vendor, key } => accounts::save_key(vendor, key.trim()).await,
        Request::RemoveKey { vendor } => accounts::remove_key(vendor).await,
        Request::GetSettings => Ok(Reply::Settings { settings: super::vendor::settings().await? }),
        Request::SaveSettings { patch } => {
            let settings = storage::update(SETTINGS, |s: &mut Settings| {
                let next = patch.apply(s)?;
                *s = next.clone();
                Ok::<_, String>(next)
            })
            .await?
            .map_err(Failure::plain)?;
            Ok(Reply::Settings { settings })
        }
        Request::GetNotices => notices().await,
        Request::DismissNotices => {
            storage::remove(NOTICES).await?;
            notices().await
        }
        Request::GetCatalog { fresh } => {
            interviews::catalog(&accounts::account_for(&sender).await?, fresh).await
        }
        Request::GetSparkHireAccounts => accounts::sparkhire_accounts(&sender).await,
        Request::AddAccount { display_name, key, active, credits } => {
            accounts::add_account(display_name, key, active, credits).await
        }
        Request::UpdateAccount { id, active, credits } => {
            accounts::update_account(&sender, &id, active, credits).await
        }
        Request::RemoveAccount { id } => accounts::remove_account(&sender, &id).await,
        Request::ChooseAccount { id } => accounts::choose(&sender, &id).await,
        Request::GetInterviews { email } => {
            interviews::interviews_of(&accounts::account_for(&sender).await?, &email).await
        }
        Request::SendInvite { invite } => {
            interviews::send_invite(invite, accounts::account_for(&sender).await?).await
        }
        Request::ShareLink { interview_uuid } => {
            interviews::share_link(&accounts::account_for(&sender).await?, &interview_uuid).await
        }
        Request::StartBulk { bulk } => {
            let tenant = super::tab::tenant_on(&sender, bulk.spec.ats).await;
            super::bulk::start(bulk, tenant, accounts::account_for(&sender).await?).await
        }
        Request::GetBulk { ats_job_id } => {
            super::bulk::latest(super::tab::ats_tenant(&sender).await, &ats_job_id).await
        }
        Request::RetryBulk { id } => super::bulk::retry(&id).await,
        Request::GetLinks { ats, ats_job_ids } => links::get(&sender, ats, &ats_job_ids).await,
        Request::LinkJob { ats, ats_job_id, job_uuid } => {
            links::link(&sender, ats, ats_job_id, job_uuid).await
        }
        Request::CreateLinkedJob { ats, ats_job_id, title, location, description } => {
            links::create(&sender, ats, ats_job_id, sparkhire::NewJob { title, location, description }).await
        }
        Request::FindInSmartRecruiters { registrant, interview } => {
            super::hellohire::find(&registrant, &interview).await
        }
        Request::CreateInSmartRecruiters { registrant, interview } => {
            super::hellohire::create(&registrant, &interview).await
        }
        Request::Rate { registrant, interview, rating } => {
            super::hellohire::rate(registrant, interview, rating).await
        }
        Request::SyncRegistrants => {
            let tab = sender.tab_id.ok_or_else(|| Failure::plain("Open a Hellohire interview first."))?;
            match super::hellohire::context_of(tab).await? {
                Some(h) => super::hellohire::sync(h).await,
                None => Ok(Reply::Done),
            }
        }
    }
}
