//! The bulk-invite queue in the service worker. Batches live in `chrome.storage.local`, so
//! the work survives the panel or tab closing and the worker being stopped: `resume_bulk` runs
//! whenever the worker starts and on a periodic alarm while a batch is unfinished.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::accounts::{account_by_id, spend_credit, view};
use super::vendor::settings;
use super::{chrome, fetch, storage};
use crate::ats::Ats;
use crate::bulk::{Batch, BulkSpec, ItemState, AHEAD, KEEP_BATCHES};
use crate::error::ApiError;
use crate::http::HttpRequest;
use crate::message::{Failure, NewBulk, Reply, Wire};
use crate::provider::{self, Conn, NewInvite, Provider};
use crate::settings::Settings;
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
    let out = CACHE.with(|c| f(c.borrow_mut().get_or_insert_with(Vec::new)));
    save().await?;
    Ok(out)
}

/// Kept out of `change`, which is instantiated for every kind of change.
async fn save() -> Result<(), Failure> {
    let snapshot = CACHE.with(|c| c.borrow().clone().unwrap_or_default());
    storage::put(BATCHES, &snapshot).await
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
        return Err(Failure::plain(crate::i18n::msg("choose_one")));
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
            if drive(&id).await.is_err() {
                // Storage itself failed: stop; the alarm tries again later.
                RUNNING.with(|r| r.set(false));
                return;
            }
        }
        super::chrome::alarm(ALARM, false);
    }
    RUNNING.with(|r| r.set(false));
}

/// Candidates a run keeps claimed or waiting for an answer at once: enough to hold the rate at
/// a second of vendor latency (a request every 151 ms at 400 a minute).
const IN_FLIGHT: usize = 16;

/// A batch being worked through: what its requests need, and those out or waiting for their
/// slot.
struct Run {
    id: String,
    settings: Settings,
    account: StoredAccount,
    provider: &'static Provider,
    flying: RefCell<Vec<usize>>,
    /// On a PageUp board: who each application sent to follows its interview with (`pageup`).
    pageup: Option<super::pageup::Follower>,
    /// Whether the provider emails the candidates (not when PageUp does).
    emails: bool,
    /// Answers not yet folded into the batch; `None` when the run paused before the slot, so
    /// the request never went out.
    landed: RefCell<Vec<Landed>>,
    paused: Cell<bool>,
}

type Landed = (usize, Option<Result<String, ApiError>>);

impl Run {
    fn conn(&self) -> Conn<'_> {
        Conn { settings: &self.settings, account: &self.account }
    }
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// Reads or changes a batch in memory only; `change` stores.
fn cached<T>(id: &str, f: impl FnOnce(&mut Batch) -> T) -> Option<T> {
    let k = position(id)?;
    CACHE.with(|c| c.borrow_mut().as_mut().and_then(|all| all.get_mut(k)).map(f))
}

fn position(id: &str) -> Option<usize> {
    CACHE.with(|c| c.borrow().as_ref()?.iter().position(|b| b.id == id))
}

/// Works a batch through until it is done. Creates go out concurrently, each at its own slot
/// under the rate limit; the candidates are claimed (marked as being sent) a chunk at a time
/// in one storage write before their requests go out, and the answers are stored with the
/// next claim: a worker stopped at any point leaves every create that may have gone out
/// marked, so the next run looks before it sends again.
async fn drive(id: &str) -> Result<(), Failure> {
    // One place fails everyone left, whatever the reason.
    match work(id).await? {
        Some(reason) => fail_rest(id, &reason).await,
        None => Ok(()),
    }
}

/// The loop of [`drive`]: `Some(reason)` when nobody left can be sent to.
async fn work(id: &str) -> Result<Option<String>, Failure> {
    let settings = settings().await?;
    let Some((p, account_id)) = cached(id, |b| (provider::by_id(&b.provider), b.account_id.clone())) else {
        return Ok(None);
    };
    let Some(provider) = p else {
        return Ok(Some(crate::i18n::msg("unknown_batch_provider")));
    };
    let per_minute = provider.pace(&settings);
    let tick = (60_000 / u64::from(per_minute.max(1))).clamp(50, 1_000);
    let page = cached(id, |b| (b.spec.ats, b.spec.tenant.clone()));
    let (pageup, emails) = super::pageup::for_batch(page, provider.vendor.id, &account_id).await;
    let run = Rc::new(Run {
        id: id.to_string(),
        settings,
        account: match usable(&account_id, provider).await {
            Ok((a, _)) => a,
            Err(reason) => return Ok(Some(reason)),
        },
        provider,
        pageup,
        emails,
        flying: RefCell::default(),
        landed: RefCell::default(),
        paused: Cell::new(false),
    });
    let mut sent = 0;
    let mut hold_until = 0;
    let mut follow = Vec::new();
    loop {
        let landed = run.landed.take();
        let in_air = run.flying.borrow().len();
        let Some((wait, done, look, last, pending)) = cached(id, |b| {
            let mut wait = 0;
            for (k, out) in landed {
                match out {
                    None => b.unclaim(k),
                    Some(Ok(uuid)) => {
                        follow.extend(run.pageup.as_ref().map(|f| f.follows(&uuid, &b.items[k].ats_id)));
                        b.items[k].state = ItemState::Sent { interview_uuid: uuid };
                        sent += 1;
                    }
                    Some(Err(e)) => wait = wait.max(b.on_error(Some(k), &e)),
                }
            }
            let pending = b.items.iter().any(|i| i.state == ItemState::Pending);
            (wait, b.is_done(), b.needs_look(&run.flying.borrow()), b.last_request_ms, pending)
        }) else {
            return Ok(None);
        };
        // Kept as they land, not when the batch is next stored (after a wait, perhaps).
        if !follow.is_empty() {
            super::pageup::settle(&[], true, std::mem::take(&mut follow)).await;
        }
        if wait > 0 {
            // Nothing more goes out until the wait is over and every request out has landed.
            hold_until = now() + wait as i64;
            run.paused.set(true);
        }
        let idle = in_air == 0;
        let held = now() < hold_until || !idle && (look || run.paused.get());
        // Claim the next chunk when fewer than two slots are left reserved.
        let claim = !held && !look && pending && last < now() + 2 * tick as i64 && in_air < IN_FLIGHT;
        if done && idle || !held && look || claim {
            // The invites sent so far count against the allowance before anything else.
            if sent > 0 {
                spend_credit(&run.account.id, std::mem::take(&mut sent)).await?;
            }
        }
        if done && idle {
            change(|_| ()).await?;
            return Ok(None);
        }
        if !held {
            run.paused.set(false);
        }
        if !held && look {
            look_up(&run, per_minute).await?;
            continue;
        }
        if claim {
            // The recruiter may have made the account inactive or changed its allowance.
            let (account, fresh) = match usable(&account_id, provider).await {
                Ok(a) => a,
                Err(reason) => return Ok(Some(reason)),
            };
            // Creates out now are not counted yet.
            let left = fresh.map(|l| l.saturating_sub(in_air as u32));
            if left == Some(0) {
                if idle {
                    if let Some(Err(f)) = view(&account).map(|a| a.check_credit()) {
                        return Ok(Some(f.message));
                    }
                }
            } else {
                let room = (IN_FLIGHT - in_air).min(AHEAD).min(left.map_or(AHEAD, |l| l as usize));
                let t = now();
                let claimed =
                    change(with_batch(id, |b| b.claim(room, t, per_minute))).await?.unwrap_or_default();
                for (k, at) in claimed {
                    let Some(req) = cached(id, |b| {
                        let invite = NewInvite { send_email: run.emails, ..b.spec.invite(&b.items[k]) };
                        provider.api.invite(&run.conn(), &invite)
                    }) else {
                        break;
                    };
                    run.flying.borrow_mut().push(k);
                    wasm_bindgen_futures::spawn_local(fly(run.clone(), k, at, req));
                }
            }
        }
        chrome::sleep(tick).await;
    }
}

/// The batch's account if it can still send, with the invites it has left (`None`: no
/// allowance); when it can't, why.
async fn usable(account_id: &str, p: &Provider) -> Result<(StoredAccount, Option<u32>), String> {
    match account_by_id(account_id, p).await {
        Ok(a) if a.active => {
            let left = view(&a).and_then(|v| v.left());
            Ok((a, left))
        }
        Ok(a) => Err(crate::i18n::msgf("account_inactive", &[&a.display_name])),
        Err(f) => Err(f.message),
    }
}

/// One create, at its slot, unless the run paused or the candidate was settled meanwhile.
async fn fly(run: Rc<Run>, k: usize, at: i64, req: HttpRequest) {
    let wait = at - now();
    if wait > 0 {
        chrome::sleep(wait as u64).await;
    }
    let go = !run.paused.get() && cached(&run.id, |b| b.items[k].state == ItemState::Sending) == Some(true);
    let out = if go {
        let p = run.provider;
        Some(
            fetch::send(p.vendor, &req)
                .await
                .and_then(|r| p.api.read_invited(&run.conn(), &r))
                .map(|i| i.row.uuid),
        )
    } else {
        None
    };
    run.landed.borrow_mut().push((k, out));
    run.flying.borrow_mut().retain(|f| *f != k);
}

/// Reads every page of the job's interviews, each at its slot, and settles who already has
/// one. Retries are the queue's own (`on_error`): they survive the worker stopping.
async fn look_up(run: &Run, per_minute: u32) -> Result<(), Failure> {
    let (id, p) = (run.id.as_str(), run.provider);
    let job = cached(id, |b| b.spec.job_uuid.clone()).unwrap_or_default();
    let mut list = Vec::new();
    for page in 0.. {
        let t = now();
        let at = change(with_batch(id, |b| b.reserve(t, per_minute))).await?.unwrap_or(t);
        if at > now() {
            chrome::sleep((at - now()) as u64).await;
        }
        let req = p.api.interviews(&run.conn(), Some(&job), page);
        match fetch::send(p.vendor, &req).await.and_then(|r| p.api.read_interviews(&run.conn(), &r)) {
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
    let was: Vec<bool> =
        cached(id, |b| b.items.iter().map(|i| i.state == ItemState::Sending).collect()).unwrap_or_default();
    change(with_batch(id, |b| {
        b.skip_existing(&list);
        b.list_attempts = 0;
    }))
    .await?;
    // Invites found sent after a stop: their applications follow them too.
    if let Some(found) = run.pageup.as_ref().and_then(|f| cached(id, |b| f.found_sent(&was, b))) {
        super::pageup::settle(&[], true, found).await;
    }
    Ok(())
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
