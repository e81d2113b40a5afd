//! The bulk-invite queue in the service worker. Batches live in `chrome.storage.local`, so
//! the work survives the panel or tab closing and the worker being stopped: `resume_bulk` runs
//! whenever the worker starts and on a periodic alarm while a batch is unfinished.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

use super::accounts::{account_by_id, spend_credit, view};
use super::vendor::settings;
use super::{chrome, fetch, storage};
use crate::ats::Ats;
use crate::bulk::{pace_ms, Batch, BulkSpec, ItemState, KEEP_BATCHES};
use crate::error::ApiError;
use crate::message::{Failure, NewBulk, Reply, Wire};
use crate::provider::{self, Conn, Provider};
use crate::store::records::{StoredAccount, BATCHES};
const ALARM: &str = "bulk";

thread_local! {
    /// The worker's copy of the batches. Every change is made here without awaiting in
    /// between and then written out whole, so a new batch and the running queue never
    /// overwrite each other's changes.
    static CACHE: RefCell<Option<Vec<Batch>>> = const { RefCell::new(None) };
    static RUNNING: Cell<bool> = const { Cell::new(false) };
}

async fn load() -> Result<(), Failure> {
    if CACHE.with(|c| c.borrow().is_some()) {
        return Ok(());
    }
    // A record this version can't read is set aside by `storage`, so the queue starts afresh
    // instead of failing on every alarm.
    let stored: Vec<Batch> = storage::read(BATCHES).await?.unwrap_or_default();
    CACHE.with(|c| c.borrow_mut().get_or_insert(stored).len());
    Ok(())
}

/// Changes the batches in memory, then stores them.
async fn change<T>(f: impl FnOnce(&mut Vec<Batch>) -> T) -> Result<T, Failure> {
    load().await?;
    let (out, snapshot) = CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let batches = c.get_or_insert_with(Vec::new);
        let out = f(batches);
        (out, batches.clone())
    });
    storage::put(BATCHES, &snapshot).await?;
    Ok(out)
}

fn with_batch<T>(id: &str, f: impl FnOnce(&mut Batch) -> T) -> impl FnOnce(&mut Vec<Batch>) -> Option<T> {
    let id = id.to_string();
    move |all| all.iter_mut().find(|b| b.id == id).map(f)
}

pub(super) async fn start(
    p: &Provider,
    bulk: NewBulk,
    tenant: Option<String>,
    account: StoredAccount,
) -> Result<Reply, Failure> {
    p.check(&bulk.terms, js_sys::Date::now() as i64).map_err(Failure::plain)?;
    if bulk.people.is_empty() {
        return Err(Failure::plain("Choose at least one candidate."));
    }
    view(&account).map_or(Ok(()), |a| a.check_credit())?;
    let batch = Batch {
        account_id: account.id.clone(),
        provider: account.vendor.clone(),
        id: format!("{:x}{:04x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 65536.0) as u32),
        spec: BulkSpec::new(bulk.ats, tenant, bulk.ats_job_id, bulk.job_title, bulk.terms),
        items: Batch::new_items(bulk.people.into_iter().map(|p| (p.id, p.name, p.email))),
        last_request_ms: 0,
        checked_existing: false,
        list_attempts: 0,
    };
    let shown = batch.progress();
    change(move |all| {
        all.push(batch);
        let extra = all.len().saturating_sub(KEEP_BATCHES);
        // Drop the oldest finished ones; never an unfinished one.
        let mut dropped = 0;
        all.retain(|b| {
            let drop = dropped < extra && b.is_done();
            dropped += usize::from(drop);
            !drop
        });
    })
    .await?;
    wasm_bindgen_futures::spawn_local(run());
    Ok(Reply::Bulk { batch: Wire::new(Some(shown)) })
}

/// The latest batch with a provider for a job of the page's ATS and tenant (or from before
/// tenants).
pub async fn latest(
    p: &Provider,
    page: Option<(Ats, Option<String>)>,
    ats_job_id: &str,
) -> Result<Reply, Failure> {
    load().await?;
    let Some((ats, tenant)) = page else { return Ok(Reply::Bulk { batch: Wire::new(None) }) };
    let batch = CACHE.with(|c| {
        c.borrow().as_ref().and_then(|all| {
            all.iter()
                .rev()
                .find(|b| {
                    b.spec.ats == ats
                        && b.provider == p.vendor.id
                        && b.spec.ats_job_id == ats_job_id
                        && (b.spec.tenant.is_none() || b.spec.tenant == tenant)
                })
                .map(Batch::progress)
        })
    });
    Ok(Reply::Bulk { batch: Wire::new(batch) })
}

pub async fn retry(id: &str) -> Result<Reply, Failure> {
    let batch = change(with_batch(id, |b| {
        b.retry_failed();
        b.progress()
    }))
    .await?;
    wasm_bindgen_futures::spawn_local(run());
    Ok(Reply::Bulk { batch: Wire::new(batch) })
}

/// Called by the worker shim on every start and on the alarm: picks up unfinished batches.
#[wasm_bindgen]
pub async fn resume_bulk() {
    run().await;
}

async fn run() {
    if RUNNING.with(|r| r.replace(true)) {
        return;
    }
    if load().await.is_ok() {
        super::chrome::alarm(ALARM, true);
        while let Some(id) = CACHE.with(|c| {
            c.borrow().as_ref().and_then(|all| all.iter().find(|b| !b.is_done()).map(|b| b.id.clone()))
        }) {
            if step(&id).await.is_err() {
                // Storage itself failed: stop; the alarm tries again later.
                RUNNING.with(|r| r.set(false));
                return;
            }
        }
        super::chrome::alarm(ALARM, false);
    }
    RUNNING.with(|r| r.set(false));
}

/// Waits out the pacing for this batch, then notes the request as made.
async fn paced(id: &str, per_minute: u32) -> Result<(), Failure> {
    let last = CACHE.with(|c| {
        c.borrow().as_ref().and_then(|all| all.iter().find(|b| b.id == id).map(|b| b.last_request_ms))
    });
    let wait = pace_ms(last.unwrap_or(0), js_sys::Date::now() as i64, per_minute);
    if wait > 0 {
        chrome::sleep(wait).await;
    }
    let now = js_sys::Date::now() as i64;
    change(with_batch(id, |b| b.last_request_ms = now)).await?;
    Ok(())
}

/// One unit of work on a batch: read the job's interviews, or invite one candidate.
async fn step(id: &str) -> Result<(), Failure> {
    let s = settings().await?;
    let Some(batch) =
        CACHE.with(|c| c.borrow().as_ref().and_then(|all| all.iter().find(|b| b.id == id).cloned()))
    else {
        return Ok(());
    };
    let Some(p) = provider::by_id(&batch.provider) else {
        return fail_rest(
            id,
            "This version of Interview Bridge doesn't know the batch's interview provider.",
        )
        .await;
    };
    let account = match account_by_id(&batch.account_id, p).await {
        Ok(a) if a.active => a,
        Ok(a) => return fail_rest(id, &format!("The {} account was made inactive.", a.display_name)).await,
        Err(f) => return fail_rest(id, &f.message).await,
    };
    let conn = Conn { settings: &s, account: &account };
    if batch.needs_look() {
        // Every page of the job's interviews, each under the pace. Retries are the queue's own
        // (below): they survive the worker stopping.
        let mut list = Vec::new();
        for page in 0.. {
            paced(id, p.pace(&s)).await?;
            let req = p.api.interviews(&conn, Some(&batch.spec.job_uuid), page);
            match fetch::send(p.vendor, &req).await.and_then(|r| p.api.read_interviews(&conn, &r)) {
                Ok(got) => {
                    let n = got.len();
                    list.extend(got);
                    if !crate::provider::more_pages(p.api, n, page) {
                        break;
                    }
                }
                Err(e) => return on_error(id, None, e).await,
            }
        }
        return change(with_batch(id, |b| {
            b.skip_existing(&list);
            b.list_attempts = 0;
        }))
        .await
        .map(|_| ());
    }
    let Some(index) = batch.next() else { return Ok(()) };
    // The allowance is spent: nobody else in this batch can be invited with this account.
    if let Some(Err(f)) = view(&account).map(|a| a.check_credit()) {
        return fail_rest(id, &f.message).await;
    }
    let item = batch.items[index].clone();
    let create = p.api.invite(&conn, &batch.spec.invite(&item));
    // Recorded before the request: if the worker stops now, the next run looks first.
    set_item(id, index, ItemState::Sending).await?;
    paced(id, p.pace(&s)).await?;
    let result = fetch::send(p.vendor, &create).await.and_then(|r| p.api.read_invited(&conn, &r));
    match result {
        Ok(created) => {
            set_item(id, index, ItemState::Sent { interview_uuid: created.row.uuid }).await?;
            spend_credit(&account.id).await
        }
        Err(e) => on_error(id, Some(index), e).await,
    }
}

async fn set_item(id: &str, index: usize, state: ItemState) -> Result<(), Failure> {
    change(with_batch(id, |b| {
        if let Some(item) = b.items.get_mut(index) {
            item.state = state;
        }
    }))
    .await
    .map(|_| ())
}

async fn on_error(id: &str, index: Option<usize>, e: ApiError) -> Result<(), Failure> {
    let wait = change(with_batch(id, |b| b.on_error(index, &e))).await?.unwrap_or(0);
    if wait > 0 {
        chrome::sleep(wait).await;
    }
    Ok(())
}

/// Nothing more can succeed without the recruiter (e.g. the account was made inactive).
async fn fail_rest(id: &str, reason: &str) -> Result<(), Failure> {
    change(with_batch(id, |b| b.fail_rest(reason))).await.map(|_| ())
}
