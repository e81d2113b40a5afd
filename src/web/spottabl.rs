//! Spottabl × Lever in the bridges' worker (issue 13): the job import, with the recruiter's
//! Lever key and Spottabl key [model]. The last run is kept for the options page.

use std::cell::Cell;

use super::accounts::key_of;
use super::storage;
use super::vendor::{settings, Browser};
use crate::ats_api::lever;
use crate::message::{Failure, Reply};
use crate::spottabl::{import, SpConn, VENDOR};
use crate::store::records::{SpottablImport, SPOTTABL_IMPORT};

thread_local! {
    /// An import under way: a second press waits for none of its own.
    static IMPORTING: Cell<bool> = const { Cell::new(false) };
}

fn shown(last: SpottablImport) -> Reply {
    Reply::SpottablImport { at_ms: last.at_ms, summary: last.summary }
}

pub async fn last() -> Result<Reply, Failure> {
    Ok(shown(storage::read(SPOTTABL_IMPORT).await?.unwrap_or_default()))
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
    Ok(shown(run))
}
