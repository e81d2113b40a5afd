//! The service worker: the only place that holds keys and talks to vendors. The JS shim
//! (extension/worker.js) registers the listeners synchronously and hands every message here.

use std::cell::RefCell;
use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::chrome::{self, from_js, to_js, Store};
use super::fetch;
use crate::ats::{self, Ats};
use crate::deadline;
use crate::error::{ApiError, Vendor};
use crate::hellohire;
use crate::http::{HttpReply, HttpRequest};
use crate::lever;
use crate::message::{
    link_key, Account, Candidate, Choice, Failure, HellohireContext, InterviewKind, InterviewRow, Invite,
    JobLink, PageContext, PageFields, Reply, Request, Sender, Source, SparkHireAccount,
};
use crate::retry::{self, Next};
use crate::settings::Settings;
use crate::smartrecruiters;
use crate::sparkhire::{self, Interview, JobRef, Me, NewInterview, Person, QuestionSet};

const KEYS: &str = "keys";
const SETTINGS: &str = "settings";

pub use super::keys::{context_key, progress_key};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
struct Keys {
    /// Spark Hire accounts; the first is the one the popup manages.
    accounts: Vec<SavedAccount>,
    lever: Option<SavedKey>,
    smartrecruiters: Option<SavedKey>,
}

/// A Spark Hire account with its key: what the UI sees, plus the key it never sees.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct SavedAccount {
    pub view: SparkHireAccount,
    pub key: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SavedKey {
    key: String,
    account: Account,
}

thread_local! {
    /// Sends under way in this worker, by job and email: a double press is one interview.
    static IN_FLIGHT: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

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

pub(super) fn storage_failure(e: JsValue) -> Failure {
    Failure::plain(format!(
        "The browser's extension storage failed ({}).",
        e.as_string().unwrap_or_else(|| "unknown error".into())
    ))
}

async fn keys() -> Result<Keys, Failure> {
    let local = Store::local().map_err(storage_failure)?;
    Ok(local.get(KEYS).await.map_err(storage_failure)?.unwrap_or_default())
}

pub(super) async fn settings() -> Result<Settings, Failure> {
    let local = Store::local().map_err(storage_failure)?;
    Ok(local.get(SETTINGS).await.map_err(storage_failure)?.unwrap_or_default())
}

async fn store_keys(k: &Keys) -> Result<(), Failure> {
    Store::local().map_err(storage_failure)?.set(KEYS, k).await.map_err(storage_failure)
}

async fn lever_key() -> Result<String, Failure> {
    keys().await?.lever.map(|s| s.key).ok_or_else(|| ApiError::NoKey { vendor: Vendor::Lever }.into())
}

pub(super) async fn smartrecruiters_key() -> Result<String, Failure> {
    keys()
        .await?
        .smartrecruiters
        .map(|s| s.key)
        .ok_or_else(|| ApiError::NoKey { vendor: Vendor::SmartRecruiters }.into())
}

fn no_sparkhire_key() -> Failure {
    ApiError::NoKey { vendor: Vendor::SparkHire }.into()
}

/// Where the account chosen for an ATS is remembered.
fn chosen_key(ats: Ats) -> String {
    format!("account_for:{}", link_key(ats, ""))
}

/// The ATS of the page a panel sits on, from the context the content script reported.
async fn ats_of(sender: &Sender) -> Option<Ats> {
    let tab = sender.tab_id?;
    let ctx: PageContext = Store::session().ok()?.get(&context_key(tab)).await.ok()??;
    ctx.ats()
}

/// The account a page works with: the one chosen for its ATS while it is active, else the
/// first active one.
pub(super) async fn account_for(sender: &Sender) -> Result<SavedAccount, Failure> {
    let chosen: Option<String> = match ats_of(sender).await {
        Some(ats) => Store::local().map_err(storage_failure)?.get(&chosen_key(ats)).await.ok().flatten(),
        None => None,
    };
    let k = keys().await?;
    let active = || k.accounts.iter().filter(|a| a.view.active);
    active()
        .find(|a| Some(&a.view.id) == chosen.as_ref())
        .or_else(|| active().next())
        .cloned()
        .ok_or_else(no_sparkhire_key)
}

/// A bulk batch's account, by id.
pub(super) async fn account_by_id(id: &str) -> Result<SavedAccount, Failure> {
    let k = keys().await?;
    k.accounts.iter().find(|a| a.view.id == id).cloned().ok_or_else(no_sparkhire_key)
}

/// Counts one invite sent with an account.
pub(super) async fn spend_credit(id: &str) -> Result<(), Failure> {
    let mut k = keys().await?;
    if let Some(a) = k.accounts.iter_mut().find(|a| a.view.id == id) {
        a.view.used += 1;
    }
    store_keys(&k).await
}

fn accounts(k: &Keys) -> Reply {
    Reply::Accounts {
        sparkhire: k.accounts.first().map(|a| a.view.account.clone()),
        lever: k.lever.as_ref().map(|s| s.account.clone()),
        smartrecruiters: k.smartrecruiters.as_ref().map(|s| s.account.clone()),
    }
}

async fn sparkhire_accounts(sender: &Sender) -> Result<Reply, Failure> {
    let k = keys().await?;
    let chosen = account_for(sender).await.ok().map(|a| a.view.id);
    Ok(Reply::SparkHireAccounts { accounts: k.accounts.into_iter().map(|a| a.view).collect(), chosen })
}

/// Checks a Spark Hire key with `GET /me`; the account it belongs to.
async fn check_sparkhire_key(key: &str) -> Result<Account, Failure> {
    check_key_text(Vendor::SparkHire, key)?;
    let s = settings().await?;
    let me: Me =
        sparkhire::parse(&call(Vendor::SparkHire, &sparkhire::me(&s.sparkhire_api, key), None).await?)?;
    let name = if me.name.trim().is_empty() { me.email.clone() } else { me.name };
    Ok(Account { name, email: me.email, key_hint: hint(key) })
}

fn check_key_text(vendor: Vendor, key: &str) -> Result<(), Failure> {
    if key.is_empty() {
        return Err(Failure::plain(format!("Paste your {} API key first.", vendor.label())));
    }
    if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Failure::plain("That key contains spaces or line breaks; paste just the key."));
    }
    Ok(())
}

fn new_account_id() -> String {
    format!("acct-{:x}{:04x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 65536.0) as u32)
}

async fn handle(req: Request, sender: Sender) -> Result<Reply, Failure> {
    let session = || Store::session().map_err(storage_failure);
    match req {
        Request::PageVisit { url } => {
            let rule = match sender.page_url(&url) {
                Some(u) => match ats::page(u) {
                    Some(page) => Some(ats::page_rule(&page)),
                    None => super::hellohire::page(u).await.map(|p| hellohire::page_rule(&p)),
                },
                None => None,
            };
            if rule.is_none() {
                if let Some(tab) = sender.tab_id {
                    session()?.remove(&context_key(tab)).await.map_err(storage_failure)?;
                }
            }
            Ok(Reply::PageRule { rule })
        }
        Request::PageFields { url, fields } => {
            page_fields(&url, fields, &sender).await?;
            Ok(Reply::Done)
        }
        Request::GetContext => {
            let context = match sender.tab_id {
                Some(tab) => session()?.get(&context_key(tab)).await.map_err(storage_failure)?,
                None => None,
            };
            Ok(Reply::Context { tab_id: sender.tab_id, context })
        }
        Request::GetAccounts => Ok(accounts(&keys().await?)),
        Request::SaveKey { vendor, key } => save_key(vendor, key.trim()).await,
        Request::RemoveKey { vendor } => {
            let mut k = keys().await?;
            match vendor {
                Vendor::SparkHire if !k.accounts.is_empty() => {
                    k.accounts.remove(0);
                }
                Vendor::SparkHire => {}
                Vendor::Lever => k.lever = None,
                Vendor::SmartRecruiters => k.smartrecruiters = None,
            }
            let local = Store::local().map_err(storage_failure)?;
            local.set(KEYS, &k).await.map_err(storage_failure)?;
            // Removing a key removes what was read with it.
            if vendor == Vendor::SparkHire {
                local.remove(CATALOG).await.map_err(storage_failure)?;
            }
            Ok(accounts(&k))
        }
        Request::GetSettings => Ok(Reply::Settings { settings: settings().await? }),
        Request::SaveSettings { settings } => {
            settings.validate().map_err(Failure::plain)?;
            let local = Store::local().map_err(storage_failure)?;
            local.set(SETTINGS, &settings).await.map_err(storage_failure)?;
            Ok(Reply::Settings { settings })
        }
        Request::GetCatalog { fresh } => catalog(&account_for(&sender).await?, fresh).await,
        Request::GetSparkHireAccounts => sparkhire_accounts(&sender).await,
        Request::AddAccount { display_name, key, active, credits } => {
            add_account(display_name, key, active, credits).await
        }
        Request::UpdateAccount { id, active, credits } => {
            let mut k = keys().await?;
            let a = k.accounts.iter_mut().find(|a| a.view.id == id).ok_or_else(no_sparkhire_key)?;
            a.view.active = active;
            a.view.credits = credits;
            store_keys(&k).await?;
            sparkhire_accounts(&sender).await
        }
        Request::RemoveAccount { id } => {
            let mut k = keys().await?;
            k.accounts.retain(|a| a.view.id != id);
            store_keys(&k).await?;
            sparkhire_accounts(&sender).await
        }
        Request::ChooseAccount { id } => {
            let ats =
                ats_of(&sender).await.ok_or_else(|| Failure::plain("Open a candidate or job page first."))?;
            let local = Store::local().map_err(storage_failure)?;
            local.set(&chosen_key(ats), &id).await.map_err(storage_failure)?;
            sparkhire_accounts(&sender).await
        }
        Request::GetInterviews { email } => {
            let (s, key) = (settings().await?, account_for(&sender).await?.key);
            let list = list_interviews(&s, &key, None).await?;
            let rows = list
                .iter()
                .filter(|i| i.candidate_email().is_some_and(|e| e.eq_ignore_ascii_case(email.trim())))
                .map(|i| row(&s, i))
                .collect();
            Ok(Reply::Interviews { interviews: rows })
        }
        Request::SendInvite { invite } => send_invite(invite, account_for(&sender).await?).await,
        Request::StartBulk { bulk } => super::bulk::start(bulk, account_for(&sender).await?).await,
        Request::GetBulk { ats_job_id } => super::bulk::latest(&ats_job_id).await,
        Request::RetryBulk { id } => super::bulk::retry(&id).await,
        Request::GetLinks { ats, ats_job_ids } => {
            let links = links().await?;
            let found = ats_job_ids.iter().filter_map(|id| links.get(&link_key(ats, id)).cloned()).collect();
            Ok(Reply::Links { links: found })
        }
        Request::LinkJob { ats, ats_job_id, job_uuid } => {
            let s = settings().await?;
            let key = account_for(&sender).await?.key;
            // The job must exist in the account: read its title from the current list.
            let jobs: Vec<sparkhire::Job> = sparkhire::parse(
                &call(Vendor::SparkHire, &sparkhire::jobs(&s.sparkhire_api, &key), None).await?,
            )?;
            let job = jobs.iter().find(|j| j.uuid == job_uuid).ok_or_else(|| {
                Failure::plain("That Spark Hire job is no longer in your account. Refresh and pick another.")
            })?;
            save_link(ats, JobLink { ats_job_id, job_uuid, job_title: job.label() }).await
        }
        Request::CreateLinkedJob { ats, ats_job_id, title, location, description } => {
            let s = settings().await?;
            let key = account_for(&sender).await?.key;
            let new_job = sparkhire::NewJob { title, location, description };
            let req = sparkhire::create_job(&s.sparkhire_api, &key, &new_job);
            // Not retried by itself: a lost answer could otherwise make the job twice.
            let created: sparkhire::Job = sparkhire::parse(&fetch::send(Vendor::SparkHire, &req).await?)?;
            let _ = Store::local().map_err(storage_failure)?.remove(CATALOG).await;
            save_link(ats, JobLink { ats_job_id, job_uuid: created.uuid.clone(), job_title: created.label() })
                .await
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
        Request::ShareLink { interview_uuid } => {
            let (s, key) = (settings().await?, account_for(&sender).await?.key);
            let req = sparkhire::create_share_link(&s.sparkhire_api, &key, &interview_uuid);
            let link: sparkhire::ShareLink = sparkhire::parse(&call(Vendor::SparkHire, &req, None).await?)?;
            if !link.url.starts_with("https://") {
                return Err(ApiError::Garbled { vendor: Vendor::SparkHire }.into());
            }
            Ok(Reply::ShareLink { url: link.url })
        }
    }
}

async fn page_fields(url: &str, fields: PageFields, sender: &Sender) -> Result<(), Failure> {
    // The page says who the candidate is; the ATS id comes from its URL, on the origin the
    // browser vouches for.
    let (Some(tab), Some(url)) = (sender.tab_id, sender.page_url(url)) else { return Ok(()) };
    let session = Store::session().map_err(storage_failure)?;
    let key = context_key(tab);
    let current: Option<PageContext> = session.get(&key).await.map_err(storage_failure)?;
    let Some(page) = ats::page(url) else {
        if let Some(hh) = super::hellohire::page(url).await {
            let seen = PageContext::Hellohire(HellohireContext::from_page(&hh, fields));
            if current.as_ref() != Some(&seen) {
                session.set(&key, &seen).await.map_err(storage_failure)?;
            }
        }
        return Ok(());
    };
    let confirmed_here = current
        .as_ref()
        .and_then(PageContext::candidate)
        .is_some_and(|c| c.ats_id == page.ats_id && c.source == Source::AtsApi);
    if confirmed_here {
        return Ok(());
    }
    let seen = PageContext::from_page(&page, fields);
    if current.as_ref() != Some(&seen) {
        session.set(&key, &seen).await.map_err(storage_failure)?;
    }
    let PageContext::Candidate(page_candidate) = seen else {
        return Ok(());
    };
    // With the ATS's key, its API is the better witness than the page's markup.
    let confirmed = match page.ats {
        Ats::Lever => confirm_with_lever(&page, &page_candidate).await,
        Ats::SmartRecruiters => confirm_with_smartrecruiters(&page, &page_candidate).await,
        _ => None,
    };
    if let Some(c) = confirmed {
        session.set(&key, &PageContext::Candidate(c)).await.map_err(storage_failure)?;
    }
    Ok(())
}

const LINKS: &str = "links";

async fn links() -> Result<std::collections::HashMap<String, JobLink>, Failure> {
    Ok(Store::local()
        .map_err(storage_failure)?
        .get(LINKS)
        .await
        .map_err(storage_failure)?
        .unwrap_or_default())
}

async fn save_link(ats: Ats, link: JobLink) -> Result<Reply, Failure> {
    let mut all = links().await?;
    all.insert(link_key(ats, &link.ats_job_id), link.clone());
    Store::local().map_err(storage_failure)?.set(LINKS, &all).await.map_err(storage_failure)?;
    Ok(Reply::Links { links: vec![link] })
}

async fn confirm_with_lever(page: &ats::AtsPage, seen: &Candidate) -> Option<Candidate> {
    let api_host = page.api_host.as_deref()?;
    let key = lever_key().await.ok()?;
    let s = settings().await.ok()?;
    let req = lever::opportunity(&s.lever_api_for(api_host), &key, &page.ats_id);
    let opp: lever::Opportunity =
        call(Vendor::Lever, &req, None).await.and_then(|r| lever::parse(&r)).ok()?;
    Some(Candidate {
        name: if opp.name.trim().is_empty() { seen.name.clone() } else { opp.name },
        email: opp.emails.into_iter().next().or(seen.email.clone()),
        source: Source::AtsApi,
        ..seen.clone()
    })
}

/// Profile pages carry the candidate id; application pages may not (then the API says 404 and
/// the page stands).
async fn confirm_with_smartrecruiters(page: &ats::AtsPage, seen: &Candidate) -> Option<Candidate> {
    let key = smartrecruiters_key().await.ok()?;
    let s = settings().await.ok()?;
    let req = smartrecruiters::candidate(&s.smartrecruiters_api, &key, &page.ats_id);
    let c: smartrecruiters::Candidate =
        call(Vendor::SmartRecruiters, &req, None).await.and_then(|r| smartrecruiters::parse(&r)).ok()?;
    let name = c.name();
    Some(Candidate {
        name: if name.is_empty() { seen.name.clone() } else { name },
        email: c.email.filter(|e| e.contains('@')).or(seen.email.clone()),
        source: Source::AtsApi,
        hellohire_ratings: if s.hellohire_smartrecruiters { hellohire::ratings(&c.tags) } else { vec![] },
        ..seen.clone()
    })
}

fn hint(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

/// The popup's key: Spark Hire's replaces the first account's key (or adds the first account).
async fn save_key(vendor: Vendor, key: &str) -> Result<Reply, Failure> {
    // A key is stored only after the vendor accepted it.
    match vendor {
        Vendor::SparkHire => {
            let account = check_sparkhire_key(key).await?;
            let mut k = keys().await?;
            match k.accounts.first_mut() {
                Some(first) => {
                    first.key = key.to_string();
                    first.view.account = account;
                }
                None => k.accounts.push(SavedAccount {
                    view: SparkHireAccount {
                        id: new_account_id(),
                        display_name: account.name.clone(),
                        account,
                        active: true,
                        credits: None,
                        used: 0,
                    },
                    key: key.to_string(),
                }),
            }
            store_keys(&k).await?;
            Ok(accounts(&k))
        }
        Vendor::Lever => {
            check_key_text(vendor, key)?;
            let s = settings().await?;
            let _: Vec<lever::Stage> =
                lever::parse(&call(vendor, &lever::stages(&s.lever_api, key), None).await?)?;
            let account = Account { name: "Lever account".into(), email: String::new(), key_hint: hint(key) };
            let mut k = keys().await?;
            k.lever = Some(SavedKey { key: key.to_string(), account });
            store_keys(&k).await?;
            Ok(accounts(&k))
        }
        Vendor::SmartRecruiters => {
            check_key_text(vendor, key)?;
            let s = settings().await?;
            let reply = fetch::send(vendor, &smartrecruiters::key_check(&s.smartrecruiters_api, key)).await?;
            smartrecruiters::key_accepted(&reply)?;
            let account =
                Account { name: "SmartRecruiters account".into(), email: String::new(), key_hint: hint(key) };
            let mut k = keys().await?;
            k.smartrecruiters = Some(SavedKey { key: key.to_string(), account });
            store_keys(&k).await?;
            Ok(accounts(&k))
        }
    }
}

async fn add_account(
    display_name: String,
    key: String,
    active: bool,
    credits: Option<u32>,
) -> Result<Reply, Failure> {
    let display_name = display_name.trim().to_string();
    if display_name.is_empty() {
        return Err(Failure::plain("Give the account a display name, e.g. the team or client it is for."));
    }
    let key = key.trim().to_string();
    let mut k = keys().await?;
    if k.accounts.iter().any(|a| a.view.display_name.eq_ignore_ascii_case(&display_name)) {
        return Err(Failure::plain(format!("There is already an account called {display_name}.")));
    }
    let account = check_sparkhire_key(&key).await?;
    k.accounts.push(SavedAccount {
        view: SparkHireAccount { id: new_account_id(), display_name, account, active, credits, used: 0 },
        key,
    });
    store_keys(&k).await?;
    Ok(Reply::SparkHireAccounts { accounts: k.accounts.into_iter().map(|a| a.view).collect(), chosen: None })
}

/// One vendor call, retried on rate limits and transient failures as `retry::next` says.
/// `progress` names where to tell the panel that we are waiting.
pub(super) async fn call(
    vendor: Vendor,
    req: &HttpRequest,
    progress: Option<&str>,
) -> Result<HttpReply, ApiError> {
    let mut failures = 0;
    loop {
        let err = match fetch::send(vendor, req).await {
            Ok(reply) => match crate::error::check(vendor, &reply) {
                Ok(()) => return Ok(reply),
                Err(e) if e.is_transient() => e,
                // Non-transient statuses are for the caller's parser to turn into a message.
                Err(_) => return Ok(reply),
            },
            Err(e) => e,
        };
        failures += 1;
        match retry::next(&err, failures) {
            Next::GiveUp => return Err(err),
            Next::RetryAfterMs(ms) => {
                tell(progress, &waiting_line(&err, ms)).await;
                chrome::sleep(ms).await;
            }
        }
    }
}

fn waiting_line(err: &ApiError, ms: u64) -> String {
    let secs = ms.div_ceil(1000);
    match err {
        ApiError::RateLimited { vendor, .. } => {
            format!("{} asked us to slow down. Trying again in {secs} s…", vendor.label())
        }
        ApiError::Server { vendor, status } => {
            format!("{} had a problem (HTTP {status}). Trying again in {secs} s…", vendor.label())
        }
        _ => format!("No answer yet. Trying again in {secs} s…"),
    }
}

async fn tell(progress: Option<&str>, line: &str) {
    if let (Some(key), Ok(session)) = (progress, Store::session()) {
        let _ = session.set(key, &line.to_string()).await;
    }
}

/// The last jobs and question sets Spark Hire gave for the saved key, so the panel can show
/// them at once and refresh in the background.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CachedCatalog {
    /// The key the catalog belongs to (its hint and account): a new key starts afresh.
    owner: String,
    jobs: Vec<Choice>,
    question_sets: Vec<Choice>,
    fetched_ms: i64,
}

const CATALOG: &str = "catalog";

async fn catalog(saved: &SavedAccount, fresh: bool) -> Result<Reply, Failure> {
    let owner = format!("{}|{}", saved.view.account.email, saved.view.account.key_hint);
    let local = Store::local().map_err(storage_failure)?;
    if !fresh {
        if let Ok(Some(c)) = local.get::<CachedCatalog>(CATALOG).await {
            if c.owner == owner {
                return Ok(Reply::Catalog {
                    jobs: c.jobs,
                    question_sets: c.question_sets,
                    fetched_ms: c.fetched_ms,
                    cached: true,
                });
            }
        }
    }
    let s = settings().await?;
    let jobs: Vec<sparkhire::Job> = sparkhire::parse(
        &call(Vendor::SparkHire, &sparkhire::jobs(&s.sparkhire_api, &saved.key), None).await?,
    )?;
    let sets: Vec<QuestionSet> = sparkhire::parse(
        &call(Vendor::SparkHire, &sparkhire::question_sets(&s.sparkhire_api, &saved.key), None).await?,
    )?;
    let fresh = CachedCatalog {
        owner,
        jobs: jobs.iter().map(|j| Choice { uuid: j.uuid.clone(), label: j.label() }).collect(),
        question_sets: sets.iter().map(|q| Choice { uuid: q.uuid.clone(), label: q.label() }).collect(),
        fetched_ms: js_sys::Date::now() as i64,
    };
    // A cache that can't be written only costs the next panel a wait.
    let _ = local.set(CATALOG, &fresh).await;
    Ok(Reply::Catalog {
        jobs: fresh.jobs,
        question_sets: fresh.question_sets,
        fetched_ms: fresh.fetched_ms,
        cached: false,
    })
}

pub(super) async fn list_interviews(
    s: &Settings,
    key: &str,
    job: Option<&str>,
) -> Result<Vec<Interview>, ApiError> {
    let req = sparkhire::interviews(&s.sparkhire_api, key, job);
    sparkhire::parse(&call(Vendor::SparkHire, &req, None).await?)
}

fn row(s: &Settings, i: &Interview) -> InterviewRow {
    let kind =
        if i.kind == InterviewKind::Live.as_str() { InterviewKind::Live } else { InterviewKind::OneWay };
    let upcoming = !matches!(i.status.as_str(), "completed" | "expired" | "deleted" | "cancelled");
    InterviewRow {
        uuid: i.uuid.clone(),
        kind,
        job_title: i.job_post.as_ref().map(|j| j.label()).unwrap_or_else(|| "Interview".into()),
        status: i.status.clone(),
        status_label: i.status_label(),
        scheduled_at: i.scheduled_at.clone(),
        completed_at: i.completed_at.clone(),
        share_url: i.share_link.as_ref().map(|l| l.url.clone()).filter(|u| u.starts_with("https://")),
        app_url: sparkhire::app_watch_url(&s.sparkhire_app, &i.uuid),
        join_url: (kind == InterviewKind::Live && upcoming)
            .then(|| sparkhire::live_room_url(&s.sparkhire_app, &i.uuid)),
    }
}

fn validate(invite: &Invite) -> Result<i64, Failure> {
    if invite.candidate_email.trim().is_empty() || !invite.candidate_email.contains('@') {
        return Err(Failure::plain(
            "This candidate has no email address we can read, so Spark Hire can't invite them. Add an email in the ATS, or save a Lever key so we can read it from the API.",
        ));
    }
    if invite.job_uuid.is_empty() {
        return Err(Failure::plain("Choose a job."));
    }
    if invite.question_set_uuid.is_empty() {
        return Err(Failure::plain("Choose a question set."));
    }
    deadline::check(invite.kind, Some(invite.scheduled_ms), js_sys::Date::now() as i64)
        .map_err(|e| Failure::plain(e.message()))
}

async fn send_invite(invite: Invite, account: SavedAccount) -> Result<Reply, Failure> {
    let scheduled_ms = validate(&invite)?;
    account.view.check_credit()?;
    let flight = format!("{}|{}", invite.job_uuid, invite.candidate_email.trim().to_ascii_lowercase());
    if !IN_FLIGHT.with(|f| f.borrow_mut().insert(flight.clone())) {
        return Err(Failure::plain("This invite is already being sent."));
    }
    let progress = progress_key(&invite.send_id);
    let result = send_once(&invite, &account.key, scheduled_ms, &progress).await;
    if let Ok(Reply::Sent { already: false, .. }) = &result {
        spend_credit(&account.view.id).await?;
    }
    IN_FLIGHT.with(|f| f.borrow_mut().remove(&flight));
    if let Ok(session) = Store::session() {
        let _ = session.remove(&progress).await;
    }
    result
}

/// Creates the interview unless the candidate already has one for this job. Spark Hire has no
/// idempotency key, so after a failure that may have gone through (5xx, no answer) we look
/// before we post again.
async fn send_once(invite: &Invite, key: &str, scheduled_ms: i64, progress: &str) -> Result<Reply, Failure> {
    let s = settings().await?;
    let body = NewInterview {
        kind: invite.kind.as_str().into(),
        scheduled_at: deadline::iso8601_utc(scheduled_ms),
        assigned_to: vec![Person {
            name: Some(invite.candidate_name.trim().to_string()),
            email: Some(invite.candidate_email.trim().to_string()),
        }],
        email_message: Some(invite.message.trim().to_string()).filter(|m| !m.is_empty()),
        job_post: JobRef { uuid: invite.job_uuid.clone() },
        interview_question_set: invite.question_set_uuid.clone(),
        timezone: invite.timezone.clone(),
    };
    let create = sparkhire::create_interview(&s.sparkhire_api, key, &body);
    let mut failures = 0;
    let mut must_look = true;
    loop {
        if must_look {
            let list = list_interviews(&s, key, Some(&invite.job_uuid)).await?;
            if let Some(found) = sparkhire::existing_invite(&list, &invite.job_uuid, &invite.candidate_email)
            {
                return Ok(Reply::Sent { interview: row(&s, found), already: failures == 0 });
            }
        }
        let err = match fetch::send(Vendor::SparkHire, &create).await {
            Ok(reply) => match sparkhire::parse::<Interview>(&reply) {
                Ok(created) => return Ok(Reply::Sent { interview: row(&s, &created), already: false }),
                Err(e) => e,
            },
            Err(e) => e,
        };
        // A 429 is refused before any work is done; anything else may have created it.
        must_look = !matches!(err, ApiError::RateLimited { .. });
        failures += 1;
        match retry::next(&err, failures) {
            Next::GiveUp => return Err(err.into()),
            Next::RetryAfterMs(ms) => {
                tell(Some(progress), &waiting_line(&err, ms)).await;
                chrome::sleep(ms).await;
            }
        }
    }
}
