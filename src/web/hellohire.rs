//! Hellohire × SmartRecruiters in the worker: find a registrant's profile, add them to the
//! talent pool, write their rating as a tag, and sync registrants. Every write first reads what
//! SmartRecruiters has, so a double press, a retry after a lost answer, or a resumed rating
//! never writes twice.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::accounts::key_of;
use super::chrome::{self, Store};
use super::fetch;
use super::keys::context_key;
use super::storage::{self, session_failure};
use super::vendor::{call, settings};
use crate::ats_api::smartrecruiters::{self as sr, Candidate as SrCandidate};
use crate::error::{check, ApiError, Vendor};
use crate::hellohire::{self, HellohirePage, Rating, Registrant, SyncStep, TagWrite};
use crate::message::{
    Failure, HellohireContext, PageContext, PendingRating, Reply, SrProfile, SyncProgress, Wire,
};
use crate::names::Names;
use crate::retry::{self, Next};
use crate::settings::Settings;

const SR: Vendor = sr::VENDOR;

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

/// The page, when the integration is on: off, the content script injects nothing.
pub(super) async fn page(url: &str) -> Option<HellohirePage> {
    let p = hellohire::page(url)?;
    settings().await.ok()?.hellohire_smartrecruiters.then_some(p)
}

async fn ready() -> Result<(Settings, String), Failure> {
    let s = settings().await?;
    if !s.hellohire_smartrecruiters {
        return Err(Failure::plain(
            "The Hellohire × SmartRecruiters integration is off. Turn it on in the Interview Bridge options.",
        ));
    }
    Ok((s, key_of(SR).await?))
}

async fn lookup(s: &Settings, key: &str, r: &Registrant) -> Result<Option<SrCandidate>, ApiError> {
    let found: sr::Found = sr::parse(&call(SR, &sr::search(&s.host(SR, "api"), key, &r.email), None).await?)?;
    Ok(hellohire::pick(&found.content, &r.email, &r.last_name).cloned())
}

/// The whole candidate, tags included. It also proves the user may see them: SmartRecruiters
/// answers 403 when they lack access to the talent pool or the candidate's jobs.
async fn profile(s: &Settings, key: &str, id: &str, interview: &str) -> Result<SrProfile, ApiError> {
    let c: SrCandidate = sr::parse(&call(SR, &sr::candidate(&s.host(SR, "api"), key, id), None).await?)?;
    Ok(SrProfile {
        id: c.id.clone(),
        name: c.name(),
        url: sr::profile_url(&s.host(SR, "app"), &c.id),
        rating: hellohire::rating_for(&c.tags, interview),
    })
}

fn missing(r: &Registrant) -> Failure {
    Failure::plain(format!(
        "Hellohire doesn't show {}'s first name, last name and email, which SmartRecruiters needs.",
        if r.name().is_empty() { "this candidate".to_string() } else { r.name() }
    ))
}

pub(super) async fn find(r: &Registrant, interview: &str) -> Result<Reply, Failure> {
    let (s, key) = ready().await?;
    if !r.email.contains('@') {
        return Err(missing(r));
    }
    let pending = pending_for(r, interview).await;
    let profile = match lookup(&s, &key, r).await? {
        Some(c) => Some(profile(&s, &key, &c.id, interview).await?),
        None => None,
    };
    Ok(Reply::InSmartRecruiters { profile: Wire::new(profile), pending: Wire::new(pending) })
}

pub(super) async fn create(r: &Registrant, interview: &str) -> Result<Reply, Failure> {
    let (s, key) = ready().await?;
    if !r.is_complete() {
        return Err(missing(r));
    }
    // Looked up again first: a second press, or a colleague, may have added them meanwhile.
    let (_, id) = ensure_created(&s, &key, r).await?;
    // A rating kept while they were missing can go in now.
    if let Some(p) = pending_for(r, interview).await {
        let _ = write_pending(p).await;
    }
    let profile = profile(&s, &key, &id, interview).await?;
    let pending = pending_for(r, interview).await;
    Ok(Reply::InSmartRecruiters { profile: Wire::new(Some(profile)), pending: Wire::new(pending) })
}

pub(super) async fn rate(r: Registrant, interview: String, rating: Rating) -> Result<Reply, Failure> {
    ready().await?;
    if !r.email.contains('@') {
        return Err(missing(&r));
    }
    // Kept before anything is sent: a closed tab or a stopped worker loses no rating.
    let p = PendingRating { registrant: r, interview, rating, error: String::new() };
    keep(&p).await?;
    match write_pending(p.clone()).await {
        Ok(profile) => {
            Ok(Reply::InSmartRecruiters { profile: Wire::new(Some(profile)), pending: Wire::new(None) })
        }
        Err(f) => {
            chrome::alarm(ALARM, true);
            Err(Failure {
                message: format!(
                    "The {} rating isn't in SmartRecruiters yet. {} It is kept and will be tried again.",
                    rating.label(),
                    f.message
                ),
                key_problem: f.key_problem,
            })
        }
    }
}

/// Writes a kept rating, then forgets it (unless a newer rating replaced it meanwhile); on
/// failure the reason is kept with it for the panel to show.
async fn write_pending(p: PendingRating) -> Result<SrProfile, Failure> {
    let lock =
        format!("{}|{}", crate::text::lower(&p.registrant.email), hellohire::interview_key(&p.interview));
    while RATING.with(|l| !l.borrow_mut().insert(lock.clone())) {
        chrome::sleep(100).await;
    }
    let result = write_rating(&p).await;
    RATING.with(|l| l.borrow_mut().remove(&lock));
    let error = result.as_ref().err().map(|f| f.message.clone());
    storage::update(PENDING, |all: &mut Vec<PendingRating>| PendingRating::settle(all, &p, error.as_deref()))
        .await?;
    result
}

/// Why a rating isn't written yet, without the advice meant for a form (the rating is kept).
fn rating_failure(e: ApiError) -> Failure {
    Failure { message: e.background_message(), ..Failure::from(e) }
}

async fn write_rating(p: &PendingRating) -> Result<SrProfile, Failure> {
    let (s, key) = ready().await?;
    let found = lookup(&s, &key, &p.registrant).await.map_err(rating_failure)?.ok_or_else(|| {
        Failure::plain(format!(
            "{} isn't in SmartRecruiters yet, so there is no profile to tag. Add them to SmartRecruiters and the rating follows.",
            p.registrant.name()
        ))
    })?;
    let base = &s.host(SR, "api");
    let mut failures = 0;
    // Each write is sent once per look at the tags: one whose answer was lost may have landed,
    // and the next look shows whether it did. Bounded, should the tags never settle.
    for _ in 0..8 {
        let tags: sr::Tags = call(SR, &sr::tags(base, &key, &found.id), None)
            .await
            .and_then(|r| sr::parse(&r))
            .map_err(rating_failure)?;
        let req = match hellohire::retag(&tags.tags, &p.interview, p.rating) {
            TagWrite::Nothing => {
                return profile(&s, &key, &found.id, &p.interview).await.map_err(rating_failure)
            }
            TagWrite::Append(tag) => sr::write_tags(base, &key, &found.id, &[tag], false),
            TagWrite::Replace(all) => sr::write_tags(base, &key, &found.id, &all, true),
        };
        let err = match fetch::send(SR, &req).await.and_then(|reply| check(SR, &reply)) {
            Ok(()) => continue,
            Err(e) if e.is_transient() => e,
            Err(e) => return Err(e.into()),
        };
        failures += 1;
        match retry::next(&err, failures) {
            Next::GiveUp => return Err(rating_failure(err)),
            Next::RetryAfterMs(ms) => chrome::sleep(ms).await,
        }
    }
    Err(ApiError::Garbled { vendor: SR }.into())
}

async fn pending() -> Result<Vec<PendingRating>, Failure> {
    Ok(storage::read(PENDING).await?.unwrap_or_default())
}

async fn pending_for(r: &Registrant, interview: &str) -> Option<PendingRating> {
    pending().await.ok()?.into_iter().find(|p| p.same(&r.email, interview))
}

/// One kept rating per person and interview: the newest press wins.
async fn keep(p: &PendingRating) -> Result<(), Failure> {
    storage::update(PENDING, |all: &mut Vec<PendingRating>| PendingRating::keep(all, p.clone())).await
}

/// Called by the worker shim on every start and on the alarm: writes kept ratings.
#[wasm_bindgen]
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

/// "Create and update candidate profile in SmartRecruiters" [doc] for the registrants on a
/// Hellohire page, paced under SmartRecruiters' rate by `fetch`.
pub(super) async fn sync(h: HellohireContext) -> Result<Reply, Failure> {
    let s = settings().await?;
    if !(s.hellohire_smartrecruiters && s.hellohire_sync_profiles) {
        return Ok(Reply::Done);
    }
    let key = key_of(SR).await?;
    let session = Store::session().map_err(session_failure)?;
    let mut synced: Names = session.get(SYNCED).await.map_err(session_failure)?.unwrap_or_default();
    let id_of = |r: &Registrant| crate::text::lower(&format!("{}|{}|{}", r.email, r.first_name, r.last_name));
    let todo: Vec<Registrant> =
        h.registrants.iter().filter(|r| r.is_complete() && !synced.contains(&id_of(r))).cloned().collect();
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
            None => sync_one(&s, &key, r).await,
        };
        match outcome {
            Ok(step) => {
                match step {
                    SyncStep::Create => progress.created += 1,
                    SyncStep::UpdateFirstName { .. } => progress.updated += 1,
                    SyncStep::Nothing { .. } => progress.unchanged += 1,
                }
                synced.insert(id_of(r));
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

async fn sync_one(s: &Settings, key: &str, r: &Registrant) -> Result<SyncStep, ApiError> {
    let (step, _) = ensure_created(s, key, r).await?;
    if let SyncStep::UpdateFirstName { id } = &step {
        let req = sr::update_first_name(&s.host(SR, "api"), key, id, &r.first_name);
        let _: SrCandidate = sr::parse(&call(SR, &req, None).await?)?;
    }
    Ok(step)
}

/// Creates the registrant unless SmartRecruiters has them (by the article's rule), and says
/// which it was, with their id. A create refused (429) or unanswered (5xx, no answer) is tried again only after
/// another look, so one that landed after all is not made twice.
async fn ensure_created(s: &Settings, key: &str, r: &Registrant) -> Result<(SyncStep, String), ApiError> {
    let base = &s.host(SR, "api");
    let mut failures = 0;
    loop {
        let found: sr::Found = sr::parse(&call(SR, &sr::search(base, key, &r.email), None).await?)?;
        let step = hellohire::sync_step(&found.content, r);
        match &step {
            SyncStep::Nothing { id } | SyncStep::UpdateFirstName { id } => {
                return Ok((step.clone(), id.clone()))
            }
            SyncStep::Create => {}
        }
        let req = sr::create(base, key, &r.first_name, &r.last_name, &r.email);
        let err = match fetch::send(SR, &req).await.and_then(|reply| sr::parse::<SrCandidate>(&reply)) {
            Ok(created) => return Ok((step, created.id)),
            Err(e) if e.is_transient() => e,
            Err(e) => return Err(e),
        };
        failures += 1;
        match retry::next(&err, failures) {
            Next::GiveUp => return Err(err),
            Next::RetryAfterMs(ms) => chrome::sleep(ms).await,
        }
    }
}

/// The Hellohire context of a tab, if that is what it shows.
pub(super) async fn context_of(tab: i32) -> Result<Option<HellohireContext>, Failure> {
    let session = Store::session().map_err(session_failure)?;
    let ctx: Option<PageContext> = session.get(&context_key(tab)).await.map_err(session_failure)?;
    Ok(ctx.and_then(|c| c.hellohire().cloned()))
}
