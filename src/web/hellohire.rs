//! Hellohire × SmartRecruiters in the worker: find a registrant's profile, add them to the
//! talent pool, write their rating as a tag, and sync registrants. Every write first reads what
//! SmartRecruiters has, so a double press, a retry after a lost answer, or a resumed rating
//! never writes twice.

use std::cell::RefCell;

use super::accounts::key_of;
use super::chrome::{self, Store};
use super::keys::context_key;
use super::storage::{self, session_failure};
use super::vendor::{settings, Browser};
use crate::ats_api::{self, AtsApi, AtsConn};
use crate::bridge::{self, Target};
use crate::error::ApiError;
use crate::hellohire::{self, Rating, Registrant, SyncStep};
use crate::i18n::{msg, msgf};
use crate::message::{
    Failure, HellohireContext, PageContext, PlannedSync, Reply, SrProfile, SyncChange, SyncProgress, Wire,
};
use crate::names::Names;
use crate::store::records::KeptRating;

/// The ATS Hellohire's integration writes into [doc].
fn ats() -> &'static AtsApi {
    ats_api::of(hellohire::BRIDGED).expect("the bridged ATS has an API")
}
const NO_ANSWER: Browser = Browser { progress: None, hand_back: false };

fn target<'a>(c: &'a AtsConn, made: &'a Names) -> Target<'a> {
    Target { vendor: ats().vendor, api: ats().calls, conn: c, made }
}

/// People this browser added to SmartRecruiters (`bridge::made`), newest last: its search
/// shows them only after a while, their id at once. The session is long enough for that.
const MADE: &str = "hellohire_made";
const KEEP_MADE: usize = 200;

async fn made() -> Names {
    match Store::session() {
        Ok(s) => s.get(MADE).await.ok().flatten().unwrap_or_default(),
        Err(_) => Names::new(),
    }
}

async fn note_made(email: &str, id: &str) {
    let mut all = made().await;
    all.insert(bridge::made(email, id));
    all.keep_last(KEEP_MADE);
    if let Ok(s) = Store::session() {
        let _ = s.set(MADE, &all).await;
    }
}

use super::keys::{sync_key, PENDING_RATINGS as PENDING};
const ALARM: &str = "ratings";
/// Registrants already brought into SmartRecruiters this browser session.
const SYNCED: &str = "hellohire_synced";

thread_local! {
    /// People whose rating is being written: one writer per person and interview at a time.
    static RATING: RefCell<Names> = const { RefCell::new(Names::new()) };
    /// Interviews whose registrants are being synced.
    static SYNCING: RefCell<Names> = const { RefCell::new(Names::new()) };
}

async fn ready() -> Result<AtsConn, Failure> {
    let s = settings().await?;
    if !s.hellohire_smartrecruiters {
        return Err(Failure::plain(msg("hh_off")));
    }
    Ok(ats().conn(&s, &key_of(ats().vendor).await?, None))
}

fn missing(r: &Registrant) -> Failure {
    let name = r.name();
    Failure::plain(if name.is_empty() { msg("hh_missing_anon") } else { msgf("hh_missing", &[&name]) })
}

pub(super) async fn find(r: &Registrant, interview: &str) -> Result<Reply, Failure> {
    let c = ready().await?;
    if !r.email.contains('@') {
        return Err(missing(r));
    }
    let pending = pending_for(r, interview).await;
    let made = made().await;
    let profile = match bridge::lookup(&NO_ANSWER, target(&c, &made), r).await? {
        Some(p) => Some(bridge::profile(&NO_ANSWER, target(&c, &made), &p.id, interview).await?),
        None => None,
    };
    Ok(Reply::InSmartRecruiters {
        profile: Wire::new(profile),
        pending: Wire::new(pending.as_ref().map(KeptRating::shown)),
    })
}

pub(super) async fn create(r: &Registrant, interview: &str) -> Result<Reply, Failure> {
    let c = ready().await?;
    if !r.is_complete() {
        return Err(missing(r));
    }
    // Looked up again first: a second press, or a colleague, may have added them meanwhile.
    let made = made().await;
    let (step, id) = bridge::ensure_created(&NO_ANSWER, target(&c, &made), r).await?;
    if step == SyncStep::Create {
        note_made(&r.email, &id).await;
    }
    // A rating kept while they were missing can go in now.
    if let Some(p) = pending_for(r, interview).await {
        let _ = write_pending(p).await;
    }
    let profile = bridge::profile(&NO_ANSWER, target(&c, &made), &id, interview).await?;
    let pending = pending_for(r, interview).await;
    Ok(Reply::InSmartRecruiters {
        profile: Wire::new(Some(profile)),
        pending: Wire::new(pending.as_ref().map(KeptRating::shown)),
    })
}

pub(super) async fn rate(r: Registrant, interview: String, rating: Rating) -> Result<Reply, Failure> {
    ready().await?;
    if !r.email.contains('@') {
        return Err(missing(&r));
    }
    // Kept before anything is sent: a closed tab or a stopped worker loses no rating.
    let p = KeptRating { registrant: r, interview, rating, error: String::new() };
    keep(&p).await?;
    match write_pending(p.clone()).await {
        Ok(profile) => {
            Ok(Reply::InSmartRecruiters { profile: Wire::new(Some(profile)), pending: Wire::new(None) })
        }
        Err(f) => {
            chrome::alarm(ALARM, true);
            Err(Failure { message: crate::i18n::msgf("hh_not_yet", &[&rating.said(), &f.message]), ..f })
        }
    }
}

/// Writes a kept rating, then forgets it (unless a newer rating replaced it meanwhile); on
/// failure the reason is kept with it for the panel to show.
async fn write_pending(p: KeptRating) -> Result<SrProfile, Failure> {
    let lock =
        format!("{}|{}", crate::text::lower(&p.registrant.email), hellohire::interview_key(&p.interview));
    while RATING.with(|l| !l.borrow_mut().insert(lock.clone())) {
        chrome::sleep(100).await;
    }
    let result = write_rating(&p).await;
    RATING.with(|l| l.borrow_mut().remove(&lock));
    let error = result.as_ref().err().map(|f| f.message.clone());
    storage::update(PENDING, |all: &mut Vec<KeptRating>| KeptRating::settle(all, &p, error.as_deref()))
        .await?;
    result
}

async fn write_rating(p: &KeptRating) -> Result<SrProfile, Failure> {
    let c = ready().await?;
    bridge::write_rating(&NO_ANSWER, target(&c, &made().await), p).await
}

async fn pending() -> Result<Vec<KeptRating>, Failure> {
    Ok(storage::read(PENDING).await?.unwrap_or_default())
}

async fn pending_for(r: &Registrant, interview: &str) -> Option<KeptRating> {
    pending().await.ok()?.into_iter().find(|p| p.same(&r.email, interview))
}

/// One kept rating per person and interview: the newest press wins.
async fn keep(p: &KeptRating) -> Result<(), Failure> {
    storage::update(PENDING, |all: &mut Vec<KeptRating>| KeptRating::keep(all, p.clone())).await
}

/// Called by the worker shim on every start and on the alarm: writes kept ratings.
pub async fn resume_ratings() {
    let Ok(all) = pending().await else { return };
    if all.is_empty() {
        chrome::alarm(ALARM, false);
        return;
    }
    // Off means nothing is written; the ratings wait for the integration to come back on.
    if !settings().await.is_ok_and(|s| s.hellohire_smartrecruiters) {
        return;
    }
    for p in all {
        let _ = write_pending(p).await;
    }
    if pending().await.is_ok_and(|left| left.is_empty()) {
        chrome::alarm(ALARM, false);
    } else {
        chrome::alarm(ALARM, true);
    }
}

/// The registrants a sync may touch: the integration and the sync setting on, and the page on
/// Hellohire's own host (any other subdomain may be anyone's, listing whoever it likes).
async fn syncable(tab: Option<i32>) -> Result<(HellohireContext, AtsConn), Failure> {
    let shown = match tab {
        Some(tab) => context_of(tab).await?,
        None => None,
    };
    let h = shown.ok_or_else(|| Failure::plain(msg("hh_open_first")))?;
    let s = settings().await?;
    if !(s.hellohire_smartrecruiters && s.hellohire_sync_profiles) {
        return Err(Failure::plain(msg("hh_sync_off")));
    }
    if !h.on_app {
        return Err(Failure::plain(msgf("hh_own_app", &[hellohire::APP_HOST])));
    }
    let c = ats().conn(&s, &key_of(ats().vendor).await?, None);
    Ok((h, c))
}

fn sync_id(r: &Registrant) -> String {
    crate::text::lower(&format!("{}|{}|{}", r.email, r.first_name, r.last_name))
}

async fn synced() -> Result<Names, Failure> {
    let session = Store::session().map_err(session_failure)?;
    Ok(session.get(SYNCED).await.map_err(session_failure)?.unwrap_or_default())
}

/// What a sync of the page's registrants would do, read from SmartRecruiters without writing.
pub(super) async fn preview(tab: Option<i32>) -> Result<Reply, Failure> {
    let (h, c) = syncable(tab).await?;
    let mut done = synced().await?;
    let made = made().await;
    let mut plan = Vec::new();
    for r in h.registrants.into_iter().filter(Registrant::is_complete) {
        let (change, from) = if done.contains(&sync_id(&r)) {
            (SyncChange::Nothing, String::new())
        } else {
            match bridge::plan_one(&NO_ANSWER, target(&c, &made), &r).await? {
                (SyncStep::Create, _) => (SyncChange::Add, String::new()),
                (SyncStep::UpdateFirstName { .. }, from) => (SyncChange::Rename, from),
                (SyncStep::Nothing { .. }, _) => {
                    done.insert(sync_id(&r));
                    (SyncChange::Nothing, String::new())
                }
            }
        };
        plan.push(PlannedSync { registrant: r, change, from });
    }
    let _ = Store::session().map_err(session_failure)?.set(SYNCED, &done).await;
    Ok(Reply::SyncPlan { plan: Wire::new(plan) })
}

/// "Create and update candidate profile in SmartRecruiters" [doc] for the registrants the
/// recruiter confirmed, paced under SmartRecruiters' rate by `fetch`.
pub(super) async fn sync(tab: Option<i32>, chosen: Vec<Registrant>) -> Result<Reply, Failure> {
    let (h, c) = syncable(tab).await?;
    if !chosen.iter().all(|r| h.registrants.contains(r)) {
        return Err(Failure::plain(msg("hh_changed")));
    }
    let session = Store::session().map_err(session_failure)?;
    let mut synced = synced().await?;
    let made = made().await;
    let todo: Vec<Registrant> =
        chosen.into_iter().filter(|r| r.is_complete() && !synced.contains(&sync_id(r))).collect();
    let progress_key = sync_key(&h.interview_id);
    if todo.is_empty() || SYNCING.with(|s| !s.borrow_mut().insert(h.interview_id.clone())) {
        let progress: Option<SyncProgress> = session.get(&progress_key).await.map_err(session_failure)?;
        return Ok(Reply::Sync {
            progress: Wire::new(progress.unwrap_or(SyncProgress { finished: true, ..Default::default() })),
        });
    }
    let mut progress = SyncProgress { total: todo.len() as u32, ..Default::default() };
    let _ = session.set(&progress_key, &progress).await;
    let mut stop: Option<ApiError> = None;
    for r in &todo {
        let outcome = match &stop {
            Some(f) => Err(f.clone()),
            None => bridge::sync_one(&NO_ANSWER, target(&c, &made), r).await,
        };
        match outcome {
            Ok((step, id)) => {
                if step == SyncStep::Create {
                    note_made(&r.email, &id).await;
                }
                match step {
                    SyncStep::Create => progress.created += 1,
                    SyncStep::UpdateFirstName { .. } => progress.updated += 1,
                    SyncStep::Nothing { .. } => progress.unchanged += 1,
                }
                synced.insert(sync_id(r));
            }
            Err(e) => {
                // A rejected key or no access fails everyone alike: stop asking.
                if matches!(e, ApiError::KeyRejected { .. } | ApiError::Forbidden { .. }) {
                    stop.get_or_insert(e.clone());
                }
                progress.failed.push(format!("{}: {}", r.name(), e.message()));
            }
        }
        progress.done += 1;
        let _ = session.set(&progress_key, &progress).await;
    }
    progress.finished = true;
    let _ = session.set(&progress_key, &progress).await;
    let _ = session.set(SYNCED, &synced).await;
    SYNCING.with(|s| s.borrow_mut().remove(&h.interview_id));
    Ok(Reply::Sync { progress: Wire::new(progress) })
}

/// The Hellohire context of a tab, if that is what it shows.
pub(super) async fn context_of(tab: i32) -> Result<Option<HellohireContext>, Failure> {
    let session = Store::session().map_err(session_failure)?;
    let ctx = PageContext::read(&session.get_node(&context_key(tab)).await.map_err(session_failure)?);
    Ok(ctx.and_then(|c| c.hellohire().cloned()))
}
