//! Spottabl × Lever in the bridges' worker (issue 13): the job import, and partner candidates
//! brought into Lever on an alarm, with the recruiter's Lever key and Spottabl key [model].
//! The last run of each is kept for the options page.

use std::cell::Cell;

use super::accounts::key_of;
use super::storage;
use super::vendor::{settings, Browser};
use crate::ats_api::{lever, AtsConn};
use crate::error::ApiError;
use crate::message::{Failure, Reply};
use crate::names::Names;
use crate::spottabl::stages::{self, Stages};
use crate::spottabl::{import, partners, SpConn, VENDOR};
use crate::store::records::{
    SpottablImport, SpottablLinks, StageMap, SPOTTABL_DONE, SPOTTABL_IMPORT, SPOTTABL_LINKS, SPOTTABL_STAGES,
    SPOTTABL_SYNC,
};

/// The alarm that looks for partner candidates while the browser runs: no webhook reaches an
/// extension. Every five minutes, as the other follow-ups.
const ALARM: &str = "spottabl";

const IDLE: u8 = 0;
const RUNNING: u8 = 1;
const AGAIN: u8 = 2;

thread_local! {
    /// An import under way: a second press waits for none of its own.
    static IMPORTING: Cell<bool> = const { Cell::new(false) };
    /// A look under way: an alarm that fires meanwhile adds none, which would read the same
    /// links and write over what this one keeps.
    static SYNCING: Cell<u8> = const { Cell::new(IDLE) };
}

fn shown(last: SpottablImport) -> Reply {
    Reply::SpottablImport { at_ms: last.at_ms, summary: last.summary }
}

/// The last import, and the last look for partner candidates after it.
pub async fn last() -> Result<Reply, Failure> {
    let mut run: SpottablImport = storage::read(SPOTTABL_IMPORT).await?.unwrap_or_default();
    if let Some(sync) = storage::read::<SpottablImport>(SPOTTABL_SYNC).await?.filter(|s| s.at_ms > 0) {
        let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(sync.at_ms as f64));
        let at: String = at.to_locale_string("default", &js_sys::Object::new()).into();
        run.summary = format!("{} Partner candidates, last looked {at}: {}", run.summary, sync.summary);
        run.at_ms = run.at_ms.max(1);
    }
    Ok(shown(run))
}

/// The alarm: every partner candidate submitted to an active job and not yet in Lever, into
/// Lever; then stage changes and hires both ways. Stays on while a Spottabl account and a
/// Lever key are there.
pub async fn resume() {
    let (Ok(s), Ok(lever_key), Ok(sp_key)) =
        (settings().await, key_of(lever::VENDOR).await, key_of(VENDOR).await)
    else {
        crate::web::chrome::alarm_every(ALARM, None);
        return;
    };
    // An alarm during a look asks for one more after it, rather than a second look beside it.
    if SYNCING.with(|r| r.replace(RUNNING | AGAIN) != IDLE) {
        return;
    }
    let mut lv = lever::API.conn(&s, &lever_key, None);
    lv.perform_as = super::accounts::all()
        .await
        .ok()
        .and_then(|all| all.into_iter().find(|a| a.vendor == lever::VENDOR.id && a.active))
        .and_then(|a| a.credential(lever::PERFORM_AS).map(str::to_string));
    let sp = SpConn { base: s.host(VENDOR, "api"), key: sp_key };
    while SYNCING.with(|r| r.replace(RUNNING)) & AGAIN != 0 {
        let summary = match sync(&Browser { progress: None }, &lv, &sp).await {
            Ok(s) => s,
            Err(e) => e.background_message(),
        };
        let at_ms = js_sys::Date::now() as i64;
        let _ = storage::put(SPOTTABL_SYNC, &SpottablImport { at_ms, summary }).await;
    }
    SYNCING.with(|r| r.set(IDLE));
    // Kept every five minutes, even after a one-off alarm of the same name replaced it.
    crate::web::chrome::alarm_every(ALARM, Some(5.0));
}

/// One look both ways; what it did, in words. What each part did is kept as it ends, so a
/// stopped worker loses none of it.
async fn sync(t: &Browser<'_>, lv: &AtsConn, sp: &SpConn) -> Result<String, ApiError> {
    let (lever_stages, sp_stages) = partners::stage_lists(t, lv, sp).await?;
    let saved: Option<StageMap> = storage::read(SPOTTABL_STAGES).await.ok().flatten();
    let map = Stages { lever: &lever_stages, spottabl: &sp_stages, saved: saved.as_ref() };
    let mut done: Names = storage::read(SPOTTABL_DONE).await.ok().flatten().unwrap_or_default();
    let mut memo: SpottablLinks = storage::read(SPOTTABL_LINKS).await.ok().flatten().unwrap_or_default();
    let before = done.clone();
    let brought = partners::bring(t, lv, sp, &map, &mut done, &mut memo).await;
    if done != before {
        let _ = storage::update(SPOTTABL_DONE, |all: &mut Names| {
            for id in done.iter() {
                all.insert(id.to_string());
            }
        })
        .await;
    }
    let _ = storage::put(SPOTTABL_LINKS, &memo).await;
    let brought = brought?.summary();
    let mut keep = async |m: &SpottablLinks| {
        let _ = storage::put(SPOTTABL_LINKS, m).await;
    };
    let moved = stages::sync(t, lv, sp, &map, &mut memo, js_sys::Date::now() as i64, &mut keep).await;
    Ok(match moved {
        Ok(m) => format!("{brought} {}", m.summary()).trim().to_string(),
        Err(e) => format!("{brought} Stage changes: {}", e.background_message()),
    })
}

/// Sends the newest `count` published Lever postings to Spottabl as draft jobs.
pub async fn import(count: u32) -> Result<Reply, Failure> {
    if !(1..=import::MAX_COUNT).contains(&count) {
        return Err(Failure::plain(format!("Import between 1 and {} jobs at a time.", import::MAX_COUNT)));
    }
    let s = settings().await?;
    let lever = lever::API.conn(&s, &key_of(lever::VENDOR).await?, None);
    let sp = SpConn { base: s.host(VENDOR, "api"), key: key_of(VENDOR).await? };
    if IMPORTING.with(|i| i.replace(true)) {
        return Err(Failure::plain("An import is already running; its result shows here when it ends."));
    }
    let done = import::import(&Browser { progress: None }, &lever, &sp, count).await;
    IMPORTING.with(|i| i.set(false));
    let run = SpottablImport { at_ms: js_sys::Date::now() as i64, summary: done?.summary() };
    storage::put(SPOTTABL_IMPORT, &run).await?;
    // From now on, partner candidates for these jobs are looked for while the browser runs.
    crate::web::chrome::alarm_every(ALARM, Some(5.0));
    last().await
}
