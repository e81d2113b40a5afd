//! Spottabl × Lever in the bridges' worker (issue 13): the job import, auto-sync, the stage
//! mapping, and the look both ways on an alarm (partner candidates into Lever, stage changes
//! and hires both ways), with the recruiter's Lever key and Spottabl key [model]. The last run
//! of each is kept for the workflow's page.

use std::cell::Cell;

use super::accounts::key_of;
use super::storage;
use super::vendor::{settings, Browser};
use crate::ats_api::{lever, AtsConn};
use crate::error::ApiError;
use crate::i18n::{msg, msgf};
use crate::message::{Choice, Failure, Reply, Wire};
use crate::names::Names;
use crate::orchestrate::Transport;
use crate::spottabl::stages::{self, Stages, HIRED};
use crate::spottabl::{here, import, partners, SpConn, VENDOR};
use crate::store::records::{
    SpottablAuto, SpottablImport, SpottablLinks, StageMap, SPOTTABL_AUTO, SPOTTABL_DONE, SPOTTABL_IMPORT,
    SPOTTABL_LINKS, SPOTTABL_STAGES, SPOTTABL_SYNC,
};

/// The alarm that looks both ways while the browser runs: no webhook reaches an extension.
/// Every five minutes, as the other follow-ups.
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

/// The last import, the last look, and whether auto-sync is on.
pub async fn last() -> Result<Reply, Failure> {
    let run: SpottablImport = storage::read(SPOTTABL_IMPORT).await?.unwrap_or_default();
    let look: SpottablImport = storage::read(SPOTTABL_SYNC).await?.unwrap_or_default();
    let auto: SpottablAuto = storage::read(SPOTTABL_AUTO).await?.unwrap_or_default();
    Ok(Reply::SpottablImport {
        at_ms: run.at_ms,
        summary: run.summary,
        looked_ms: look.at_ms,
        looked: look.summary,
        auto: auto.on,
    })
}

/// The Lever connection the workflow uses (with the user it writes as) and Spottabl's.
async fn conns() -> Result<(AtsConn, SpConn), Failure> {
    let s = settings().await?;
    let mut lv = lever::API.conn(&s, &key_of(lever::VENDOR).await?, None);
    lv.perform_as = super::accounts::all()
        .await
        .ok()
        .and_then(|all| all.into_iter().find(|a| a.vendor == lever::VENDOR.id && a.active))
        .and_then(|a| a.credential(lever::PERFORM_AS).map(str::to_string));
    Ok((lv, SpConn { base: s.host(VENDOR, "api"), key: key_of(VENDOR).await? }))
}

/// The alarm: both ways once (twice if it fired again meanwhile). Stays on while a Spottabl
/// account and a Lever key are there.
pub async fn resume() {
    let Ok((lv, sp)) = conns().await else {
        crate::web::chrome::alarm_every(ALARM, None);
        return;
    };
    // An alarm during a look asks for one more after it, rather than a second look beside it.
    if SYNCING.with(|r| r.replace(RUNNING | AGAIN) != IDLE) {
        return;
    }
    while SYNCING.with(|r| r.replace(RUNNING)) & AGAIN != 0 {
        let summary = match sync(&Browser { progress: None, hand_back: false }, &lv, &sp).await {
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

/// "Look now" (and Retry): a look, or the end of the one under way, then what it did.
pub async fn look_now() -> Result<Reply, Failure> {
    conns().await?;
    resume().await;
    // A look was under way: this press asked for one more after it; wait for both.
    for _ in 0..600 {
        if SYNCING.with(Cell::get) == IDLE {
            break;
        }
        Browser { progress: None, hand_back: false }.sleep(500).await;
    }
    last().await
}

/// Auto-sync on (postings published from now on are imported on each look) or off.
pub async fn set_auto(on: bool) -> Result<Reply, Failure> {
    if on {
        conns().await?;
    }
    storage::put(SPOTTABL_AUTO, &SpottablAuto { on, since_ms: js_sys::Date::now() as i64 }).await?;
    if on {
        crate::web::chrome::alarm_every(ALARM, Some(5.0));
    }
    last().await
}

/// Both sides' stages, and the mapping the looks use.
pub async fn stage_view() -> Result<Reply, Failure> {
    let (lv, sp) = conns().await?;
    let (lever_stages, sp_stages) =
        partners::stage_lists(&Browser { progress: None, hand_back: false }, &lv, &sp).await?;
    let saved: Option<StageMap> = storage::read(SPOTTABL_STAGES).await?;
    let map = Stages { lever: &lever_stages, spottabl: &sp_stages, saved: saved.as_ref() };
    let mut lever: Vec<Choice> =
        lever_stages.iter().map(|(id, name)| Choice { uuid: id.clone(), label: name.clone() }).collect();
    lever.push(Choice { uuid: HIRED.into(), label: msg("sp_hired_choice") });
    let pairs = lever
        .iter()
        .filter_map(|l| map.to_spottabl(&l.uuid).map(|s| (l.uuid.clone(), s.to_string())))
        .collect();
    let spottabl = sp_stages.iter().map(|s| Choice { uuid: s.id.clone(), label: s.name.clone() }).collect();
    Ok(Reply::SpottablStages {
        lever: Wire::new(lever),
        spottabl: Wire::new(spottabl),
        pairs: Wire::new(pairs),
        saved: saved.is_some(),
    })
}

/// The active Lever users, for the recruiter to pick who partner candidates are added as.
pub async fn lever_users() -> Result<Reply, Failure> {
    let (lv, _) = conns().await?;
    let mut users = Vec::new();
    super::accounts::users(&lever::API, &lv, |u| {
        let email = u.email.unwrap_or_default();
        let label = if u.first_name.is_empty() { email } else { format!("{} ({email})", u.first_name) };
        users.push(Choice { uuid: u.id, label });
        true
    })
    .await?;
    Ok(Reply::LeverUsers { users: Wire::new(users) })
}

/// Keeps the recruiter's mapping. A stage since deleted on either side maps nothing: a move
/// to it is refused by that side and said in the look's summary.
pub async fn save_stages(pairs: Vec<(String, String)>) -> Result<Reply, Failure> {
    storage::put(SPOTTABL_STAGES, &StageMap { pairs }).await?;
    stage_view().await
}

/// One look both ways; what it did, in words. What each part did is kept as it ends, so a
/// stopped worker loses none of it.
async fn sync(t: &Browser<'_>, lv: &AtsConn, sp: &SpConn) -> Result<String, ApiError> {
    let auto: SpottablAuto = storage::read(SPOTTABL_AUTO).await.ok().flatten().unwrap_or_default();
    let mut said = String::new();
    if auto.on {
        let run = import::import_since(t, lv, sp, auto.since_ms).await?;
        if !run.new.is_empty() || !run.failed.is_empty() {
            said = msgf("sp_auto_synced", &[&run.summary()]);
            let at_ms = js_sys::Date::now() as i64;
            let _ = storage::put(SPOTTABL_IMPORT, &SpottablImport { at_ms, summary: said.clone() }).await;
        }
    }
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
    let moved = match moved {
        Ok(m) => m.summary(),
        Err(e) => msgf("sp_stages_failed", &[&e.background_message()]),
    };
    let both = msgf("two_sentences", &[&brought, &moved]);
    Ok(msgf("two_sentences", &[&said, both.trim()]).trim().to_string())
}

/// Sends the newest `count` published Lever postings to Spottabl as draft jobs.
pub async fn import(count: u32) -> Result<Reply, Failure> {
    if !(1..=import::MAX_COUNT).contains(&count) {
        return Err(Failure::plain(msgf("sp_import_range", &[&import::MAX_COUNT.to_string()])));
    }
    let (lever, sp) = conns().await?;
    if IMPORTING.with(|i| i.replace(true)) {
        return Err(Failure::plain(msg("sp_import_running")));
    }
    let done = import::import(&Browser { progress: None, hand_back: false }, &lever, &sp, count).await;
    IMPORTING.with(|i| i.set(false));
    let run = SpottablImport { at_ms: js_sys::Date::now() as i64, summary: done?.summary() };
    storage::put(SPOTTABL_IMPORT, &run).await?;
    // From now on, partner candidates for these jobs are looked for while the browser runs.
    crate::web::chrome::alarm_every(ALARM, Some(5.0));
    last().await
}

/// A Lever posting's Spottabl job, for the panel on its page; with `import`, "Import now"
/// first: the posting as Lever's API has it (not the page's text), published, into Spottabl as
/// a draft job. One function for both, so the bundle carries one copy of the reading.
pub async fn job(posting: String, import: bool) -> Result<Reply, Failure> {
    let (lv, sp) = conns().await?;
    let t = Browser { progress: None, hand_back: false };
    if import {
        // Read as the import reads them: only a published posting is imported, and the bundle
        // carries no second reader of postings.
        let found = import::published(&t, &lv).await?.into_iter().find(|p| p.id == posting);
        let Some(p) = found else {
            return Err(Failure::plain(msg("sp_not_published")));
        };
        if let Some(why) = import::send(&t, &sp, vec![p]).await?.failed.pop() {
            return Err(Failure::plain(why));
        }
        // Partner candidates for it are looked for from now on.
        crate::web::chrome::alarm_every(ALARM, Some(5.0));
    }
    let r = crate::orchestrate::call(&t, VENDOR, &here::job_of(&sp, &posting)).await?;
    Ok(match here::read_job_of(&r)? {
        Some((id, status)) => Reply::SpottablJob {
            job: status,
            open: here::job_url(&settings().await?.host(VENDOR, "app"), &id),
        },
        None => Reply::SpottablJob { job: "none".into(), open: String::new() },
    })
}

/// A Lever candidate's Spottabl thread, for the panel on their page; with `reply`, the
/// recruiter's reply first: a Lever note and a Spottabl comment, the note recorded on the link
/// as carried so the next look doesn't send it again. One function for both, so the bundle
/// carries one copy of the reading.
pub async fn thread(opportunity: String, reply: Option<String>) -> Result<Reply, Failure> {
    let links: SpottablLinks = storage::read(SPOTTABL_LINKS).await?.unwrap_or_default();
    let Some(mut link) = links.links.into_iter().find(|l| l.opportunity == opportunity) else {
        return Ok(Reply::Thread { partner: String::new(), thread: Wire::new(vec![]), said: String::new() });
    };
    let (lv, sp) = conns().await?;
    let t = Browser { progress: None, hand_back: false };
    let mut said = String::new();
    if let Some(body) = reply {
        if body.trim().is_empty() {
            return Err(Failure::plain(msg("sp_write_reply")));
        }
        if lv.perform_as.is_none() {
            return Err(Failure::plain(msg("sp_name_user")));
        }
        match here::reply(&t, &lv, &sp, &mut link, &body).await? {
            None => {
                let _ = storage::update(SPOTTABL_LINKS, |m: &mut SpottablLinks| {
                    let (Some(l), Some(note)) =
                        (m.links.iter_mut().find(|l| l.opportunity == link.opportunity), link.notes.last())
                    else {
                        return;
                    };
                    if !l.notes.contains(note) {
                        l.notes.push(note.clone());
                    }
                })
                .await;
            }
            // Sending it again would write a second note: the look sends this one.
            Some(e) => said = msgf("sp_reply_kept", &[e.background_message().trim_end_matches('.')]),
        }
    }
    let read = crate::orchestrate::call(&t, VENDOR, &here::submission(&sp, &link.submission)).await;
    match read.and_then(|r| here::read_thread(&r)) {
        Ok((partner, thread)) => Ok(Reply::Thread { partner, thread: Wire::new(thread), said }),
        // The reply is a Lever note: that is what to say, with the thread as it was shown.
        Err(_) if !said.is_empty() => {
            Ok(Reply::Thread { partner: String::new(), thread: Wire::new(vec![]), said })
        }
        Err(e) => Err(e.into()),
    }
}
