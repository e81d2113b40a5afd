//! A provider's interviews from the panel: the account's catalog (cached), a candidate's
//! interviews, share links, and one invite sent so that it is never made twice. The same for
//! every provider: its `Api` says how, `provider::run` makes the calls.

use std::cell::RefCell;

use super::accounts::{self, spend_credit};
use super::chrome::Store;
use super::keys::progress_key;
use super::pageup;
use super::storage;
use super::vendor::{settings, Browser};
use crate::ats::Ats;
use crate::i18n::{msg, msgf};
use crate::message::{Change, Failure, InterviewKind, InterviewRow, Invite, Reply, Sender, Wire};
use crate::names::Names;
use crate::provider::{run, Conn, Interview, NewInvite, Provider};
use crate::store::records::{catalog_key, CachedCatalog, PageUpMove, StoredAccount};

thread_local! {
    /// Sends under way in this worker, by job and email: a double press is one interview.
    static IN_FLIGHT: RefCell<Names> = const { RefCell::new(Names::new()) };
    /// Catalogs being fetched, by owner: a panel asking meanwhile waits for that answer.
    static FETCHING: RefCell<Names> = const { RefCell::new(Names::new()) };
    /// Catalogs fetched ahead of a panel (`warm`) and not yet shown: that panel takes them as
    /// fresh and asks for no second copy.
    static WARMED: RefCell<Names> = const { RefCell::new(Names::new()) };
}

const NO_ANSWER: Browser = Browser { progress: None, hand_back: false };

pub async fn catalog(p: &Provider, saved: &StoredAccount, fresh: bool) -> Result<Reply, Failure> {
    catalog_for(p, saved, fresh, false).await
}

/// `ahead`: fetched for a panel not open yet (`warm`), which takes it as fresh.
async fn catalog_for(
    p: &Provider,
    saved: &StoredAccount,
    fresh: bool,
    ahead: bool,
) -> Result<Reply, Failure> {
    let owner = format!("{}|{}|{}", saved.vendor, saved.id, saved.identity.key_hint);
    // Started when the page was first seen (`warm`): its answer is on the way.
    while !fresh && FETCHING.with(|f| f.borrow().contains(&owner)) {
        super::chrome::sleep(50).await;
    }
    if !fresh {
        if let Ok(Some(c)) = storage::read::<CachedCatalog>(&catalog_key(p.vendor.id)).await {
            if c.owner == owner {
                let warmed = !ahead
                    && WARMED.with(|w| {
                        let had = w.borrow().contains(&owner);
                        w.borrow_mut().remove(&owner);
                        had
                    });
                return Ok(Reply::Catalog {
                    jobs: Wire::new(c.jobs),
                    question_sets: Wire::new(c.question_sets),
                    fetched_ms: c.fetched_ms,
                    cached: !warmed,
                });
            }
        }
    }
    let s = settings().await?;
    FETCHING.with(|f| f.borrow_mut().insert(owner.clone()));
    let got = run::catalog(&NO_ANSWER, p, &Conn { settings: &s, account: saved }).await;
    let reply = match got {
        Ok((jobs, question_sets)) => {
            let c = CachedCatalog {
                owner: owner.clone(),
                jobs,
                question_sets,
                fetched_ms: js_sys::Date::now() as i64,
            };
            // A cache that can't be written only costs the next panel a wait.
            let _ = storage::put(&catalog_key(p.vendor.id), &c).await;
            if ahead {
                WARMED.with(|w| w.borrow_mut().insert(owner.clone()));
            }
            Ok(Reply::Catalog {
                jobs: Wire::new(c.jobs),
                question_sets: Wire::new(c.question_sets),
                fetched_ms: c.fetched_ms,
                cached: false,
            })
        }
        Err(e) => Err(e.into()),
    };
    // Only now: a panel that waited finds the cache written.
    FETCHING.with(|f| f.borrow_mut().remove(&owner));
    reply
}

/// Fetches the catalogs a panel about to open on this ATS page will ask for, unless they are
/// cached: the fetch starts before the panel's frame has loaded instead of after. Reads only.
pub async fn warm(ats: Ats, tenant: Option<String>) {
    for p in crate::provider::ALL {
        if let Ok(account) = accounts::account_on(Some((ats, tenant.clone())), p).await {
            let _ = catalog_for(p, &account, false, true).await;
        }
    }
}

fn validate(p: &Provider, invite: &Invite) -> Result<(), Failure> {
    if invite.candidate_email.trim().is_empty() || !invite.candidate_email.contains('@') {
        return Err(Failure::plain(msgf("no_email_invite", &[p.vendor.label])));
    }
    p.check(&invite.terms, js_sys::Date::now() as i64).map_err(Failure::plain)
}

/// `sender`: the page it came from; on a PageUp application page the application follows the
/// interview (`pageup`).
pub async fn send_invite(
    p: &Provider,
    invite: Invite,
    account: StoredAccount,
    sender: &Sender,
) -> Result<Reply, Failure> {
    validate(p, &invite)?;
    accounts::view(&account).map_or(Ok(()), |a| a.check_credit())?;
    let flight = format!("{}|{}", invite.terms.job_uuid, invite.candidate_email.trim().to_ascii_lowercase());
    if !IN_FLIGHT.with(|f| f.borrow_mut().insert(flight.clone())) {
        return Err(Failure::plain(msg("already_sending")));
    }
    let progress = progress_key(&invite.send_id);
    let target = pageup::target(sender).await;
    let emails = pageup::provider_emails(target.as_ref().and_then(|t| t.as_ref().ok()).map(|t| &t.1)).await;
    let result = send_once(p, &invite, &account, &progress, emails).await;
    IN_FLIGHT.with(|f| f.borrow_mut().remove(&flight));
    // A send handed back to the panel keeps its waiting line until the panel asks again.
    if let (Ok(session), false) = (Store::session(), matches!(&result, Err(f) if f.later().is_some())) {
        let _ = session.remove(&progress).await;
    }
    let (row, already) = result?;
    if !already {
        spend_credit(&account.id, 1).await?;
    }
    let mut said = String::new();
    if pageup::on_pageup(&target) {
        said = if emails {
            msgf("provider_emails", &[p.vendor.label])
        } else {
            msgf("pageup_emails", &[p.vendor.label])
        };
    }
    // Off PageUp, an invite is followed only for its verdict: one from a provider that gives
    // none would keep the alarm listing its interviews for ever.
    if pageup::on_pageup(&target) || p.capabilities.grade {
        said = format!("{said} {}", pageup::follow(target, p.vendor.id, &account.id, &row).await);
    }
    Ok(Reply::Sent { interview: Wire::new(row), already, said: said.trim().to_string() })
}

/// Creates the interview unless the candidate already has one for this job; waiting lines
/// go where the panel listens.
async fn send_once(
    p: &Provider,
    invite: &Invite,
    account: &StoredAccount,
    progress: &str,
    send_email: bool,
) -> Result<(InterviewRow, bool), Failure> {
    let s = settings().await?;
    let new = NewInvite {
        send_email,
        ..NewInvite::on(&invite.terms, &invite.candidate_name, &invite.candidate_email)
    };
    // Sent again whole, it looks for the interview before creating one.
    let browser = Browser { progress: Some(progress), hand_back: true };
    let (interview, already) = run::invite(&browser, p, &Conn { settings: &s, account }, &new).await?;
    Ok((interview.row, already))
}

/// Every interview of an account: the panel's list, and the PageUp alarm's look for completed
/// videos.
pub async fn all_of(p: &Provider, account: &StoredAccount) -> Result<Vec<Interview>, Failure> {
    let s = settings().await?;
    Ok(run::interviews(&NO_ANSWER, p, &Conn { settings: &s, account }, None).await?)
}

/// The candidate's interviews with `p`, and a line for each interview with every other
/// provider the recruiter has an account with, looked up at the same time: a panel opened on
/// one provider says where the candidate stands with all of them.
pub async fn interviews_of(
    p: &Provider,
    page: Option<(Ats, Option<String>)>,
    email: &str,
) -> Result<Reply, Failure> {
    let s = settings().await?;
    let others = async {
        let mut lines = String::new();
        for q in crate::provider::ALL.iter().filter(|q| !std::ptr::eq(**q, p)) {
            // No account with it: the recruiter doesn't use it, and there is nothing to say.
            if let Ok((_, rows)) = look(q, &page, &s, email).await {
                elsewhere(q.vendor.label, rows, &mut lines);
            }
        }
        lines
    };
    let (mine, elsewhere) = crate::orchestrate::both(look(p, &page, &s, email), others).await;
    let (account, rows) = mine?;
    Ok(shown(p, &Conn { settings: &s, account: &account }, rows?, vec![], elsewhere).await)
}

/// The account the page uses with `q`, and the candidate's interviews there.
async fn look(
    q: &Provider,
    page: &Option<(Ats, Option<String>)>,
    s: &crate::settings::Settings,
    email: &str,
) -> Result<(StoredAccount, Result<Vec<InterviewRow>, Failure>), Failure> {
    let account = accounts::account_on(page.clone(), q).await?;
    let rows = run::interviews(&NO_ANSWER, q, &Conn { settings: s, account: &account }, None).await;
    let rows = rows
        .map_err(Failure::from)
        .map(|all| all.into_iter().filter(|i| i.is_for(email)).map(|i| i.row).collect());
    Ok((account, rows))
}

/// A line per interview with another provider: provider, job, status and its date.
fn elsewhere(label: &str, rows: Result<Vec<InterviewRow>, Failure>, lines: &mut String) {
    let mut line = |text: String| {
        if !lines.is_empty() {
            lines.push('\n');
        }
        lines.push_str(&text);
    };
    let Ok(rows) = rows else { return line(msgf("elsewhere_failed", &[label])) };
    if rows.is_empty() {
        line(msgf("elsewhere_none", &[label]));
    }
    for r in &rows {
        let (job, status) = (r.job_title.as_str(), r.status_label.as_str());
        let when = |at: &str| crate::i18n::human_time(at);
        line(match (&r.completed_at, &r.scheduled_at) {
            (Some(done), _) => msgf("elsewhere_done", &[label, job, status, &when(done)]),
            (None, Some(at)) if r.kind == InterviewKind::Live => {
                msgf("elsewhere_live", &[label, job, status, &when(at)])
            }
            (None, Some(due)) => msgf("elsewhere_due", &[label, job, status, &when(due)]),
            _ => msgf("elsewhere_row", &[label, job, status]),
        });
    }
}

/// Rows as the panel shows them: a graded one with its score, and what the ATS did about them
/// (each look at them is one of the times a completed video is found). `new`: a record to
/// follow them from now on.
async fn shown(
    p: &Provider,
    c: &Conn<'_>,
    mut rows: Vec<InterviewRow>,
    new: Vec<PageUpMove>,
    elsewhere: String,
) -> Reply {
    run::scores(&NO_ANSWER, p, c, &mut rows).await;
    let said = pageup::settle(&rows, false, new).await;
    Reply::Interviews { interviews: Wire::new(rows), said, elsewhere }
}

pub async fn share_link(
    p: &Provider,
    account: &StoredAccount,
    interview_uuid: &str,
) -> Result<Reply, Failure> {
    let s = settings().await?;
    let url = run::share_link(&NO_ANSWER, p, &Conn { settings: &s, account }, interview_uuid).await?;
    Ok(Reply::ShareLink { url })
}

/// Extends, cancels, reminds or grades one interview. A verdict given on an ATS page whose
/// record the extension can write is written there too (`sender`: the page).
pub async fn change(
    p: &Provider,
    account: &StoredAccount,
    interview_uuid: &str,
    change: Change,
    deadline: (i64, &str),
    sender: &Sender,
) -> Result<Reply, Failure> {
    let s = settings().await?;
    let c = Conn { settings: &s, account };
    if change == Change::Extend {
        crate::deadline::check(InterviewKind::OneWay, Some(deadline.0), js_sys::Date::now() as i64)
            .map_err(|e| Failure::plain(e.message()))?;
    }
    let Some(changed) = run::change(&NO_ANSWER, p, &c, interview_uuid, change, deadline).await? else {
        return Ok(Reply::Done);
    };
    let mut new = vec![];
    if let (Some(Ok((record, ats))), Some(_)) = (pageup::target(sender).await, changed.row.pass) {
        new.push(pageup::new_move(p.vendor.id, &account.id, &changed.row.uuid, &ats.id, &record));
    }
    Ok(shown(p, &c, vec![changed.row], new, String::new()).await)
}
