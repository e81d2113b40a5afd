//! Video interviews × PageUp from the recruiter's side (issue 12). An interview sent from a
//! PageUp application page moves that application through the status codes the recruiter gave
//! the PageUp connection (sent, ready for review, shortlisted, rejected): a status change is how
//! PageUp sends its own configured emails. PageUp's partner webhooks can't reach an extension,
//! so a completed video is found by polling the provider, on panel open and on an alarm, and
//! every move is kept until PageUp has it.

use std::cell::RefCell;

use super::accounts;
use super::chrome;
use super::storage;
use super::vendor::{call, settings};
use crate::ats::Ats;
use crate::ats_api::pageup::{self, Connection, Step, Token, VENDOR};
use crate::bulk::{Batch, ItemState};
use crate::error::ApiError;
use crate::http::{HttpReply, HttpRequest};
use crate::i18n::msgf;
use crate::message::{Failure, InterviewRow, PageContext, Sender};
use crate::provider;
use crate::store::records::{PageUpMove, StoredAccount, PAGEUP_MOVES};

const ALARM: &str = "pageup";

thread_local! {
    /// Tokens by connection id, in the worker's memory only: never stored where a page or a
    /// content script could read them. A stopped worker asks for a new one; they last 300 s.
    static TOKENS: RefCell<Vec<(String, Token)>> = const { RefCell::new(Vec::new()) };
}

/// The ATS record of the sender's page and the account it is reached with: a PageUp
/// application and its connection, or a Lever or SmartRecruiters candidate and the ATS's first
/// active key, which its verdict is written back with (`None` elsewhere, and without a key).
pub async fn target(sender: &Sender) -> Option<Result<(String, StoredAccount), Failure>> {
    let Some(PageContext::Candidate(c)) = super::tab::context(sender).await else { return None };
    if c.ats == Ats::PageUp {
        return Some(connection_for(c.tenant.as_deref()).await.map(|a| (c.ats_id, a)));
    }
    let api = crate::ats_api::of(c.ats)?;
    let key = accounts::all().await.ok()?.into_iter().find(|a| a.vendor == api.vendor.id && a.active)?;
    Some(Ok((c.ats_id, key)))
}

/// Whether a target is a PageUp application (whose moves send PageUp's emails).
pub fn on_pageup(target: &Option<Result<(String, StoredAccount), Failure>>) -> bool {
    match target {
        Some(Ok((_, a))) => a.vendor == VENDOR.id,
        Some(Err(_)) => true,
        None => false,
    }
}

/// A PageUp tenant's connection: the first active one in its data centre. The tenant is
/// `<customer>.<dc>` of `<customer>.<dc>.pageuppeople.com`; the instance id is not in the
/// page's address, so two customers in one data centre take the first active connection.
pub async fn connection_for(tenant: Option<&str>) -> Result<StoredAccount, Failure> {
    let dc = tenant.and_then(|t| t.split('.').nth(1)).unwrap_or_default().to_string();
    accounts::all()
        .await?
        .into_iter()
        .find(|a| a.vendor == VENDOR.id && a.active && a.credential(pageup::DATA_CENTRE) == Some(dc.as_str()))
        .ok_or_else(|| {
            Failure::plain(format!(
                "PageUp wasn't updated: there is no active PageUp connection for {dc}. Add one under \
                 PageUp accounts in the extension's options."
            ))
        })
}

/// Whether the provider should email the candidate: not when PageUp does, that is when the
/// connection moves the application to a "sent" status and the recruiter left the provider's
/// email off.
pub async fn provider_emails(connection: Option<&StoredAccount>) -> bool {
    let Some(c) = connection else { return true };
    c.credential(Step::Sent.field()).is_none_or(str::is_empty)
        || settings().await.is_ok_and(|s| s.provider_emails_on_pageup)
}

/// Who a bulk run's applications follow their interviews with.
pub struct Follower {
    connection: String,
    provider: &'static str,
    account: String,
}

impl Follower {
    /// The move of an application the run just invited.
    pub fn follows(&self, interview: &str, application: &str) -> PageUpMove {
        new_move(self.provider, &self.account, interview, &self.connection, application)
    }

    /// Applications whose invites the run found had gone out before the worker stopped (they
    /// were `Sending` and are `Sent`).
    pub fn found_sent(&self, was_sending: &[bool], now: &Batch) -> Vec<PageUpMove> {
        let mut out = Vec::new();
        for (item, was) in now.items.iter().zip(was_sending) {
            if let (true, ItemState::Sent { interview_uuid }) = (was, &item.state) {
                out.push(self.follows(interview_uuid, &item.ats_id));
            }
        }
        out
    }
}

/// A bulk run's follower and whether the provider emails: a PageUp board's applications follow
/// their interviews as one sent from its page does; without a connection for its data centre
/// the invites go as anywhere else.
pub async fn for_batch(
    page: Option<(Ats, Option<String>)>,
    provider: &'static str,
    account: &str,
) -> (Option<Follower>, bool) {
    let mut connection = None;
    if let Some((Ats::PageUp, tenant)) = page {
        connection = connection_for(tenant.as_deref()).await.ok();
    }
    let emails = provider_emails(connection.as_ref()).await;
    let follower = connection.map(|c| Follower { connection: c.id, provider, account: account.into() });
    (follower, emails)
}

/// An application to follow from now on: an invite to it was just sent.
pub fn new_move(
    provider: &str,
    account: &str,
    interview: &str,
    connection: &str,
    application: &str,
) -> PageUpMove {
    PageUpMove {
        provider: provider.into(),
        account: account.into(),
        interview: interview.into(),
        connection: connection.into(),
        application: application.into(),
        step: Step::Sent.field().into(),
        settled: false,
        error: String::new(),
        tried: false,
        note: String::new(),
    }
}

/// After an invite from a PageUp application page: the application follows the interview
/// from now on, starting with the "sent" code. What to tell the recruiter.
pub async fn follow(
    target: Option<Result<(String, StoredAccount), Failure>>,
    provider: &str,
    account: &str,
    row: &InterviewRow,
) -> String {
    let (application, connection) = match target {
        None => return String::new(),
        Some(Err(f)) => return f.message,
        Some(Ok(t)) => t,
    };
    let m = new_move(provider, account, &row.uuid, &connection.id, &application);
    settle(std::slice::from_ref(row), false, vec![m]).await
}

/// The alarm that looks for completed videos while applications wait for them. Every five
/// minutes: a recruiter reviews within the hour, and each look lists the account's interviews.
fn keep_polling() {
    chrome::alarm_every(ALARM, Some(5.0));
}

/// Moves the applications of these interviews on to what their state asks (done: ready for
/// review; a verdict: shortlisted or rejected), then writes what PageUp hasn't taken yet: the
/// moves of these interviews, or (`every`) all of them. `new`: an application to follow from
/// now on. What to tell the recruiter.
pub async fn settle(rows: &[InterviewRow], every: bool, new: Vec<PageUpMove>) -> String {
    let wanted = |m: &PageUpMove| {
        let row = rows.iter().find(|r| r.uuid == m.interview)?;
        let next = Step::of_interview(row.to_review, row.pass)?;
        Step::of(&m.step).is_none_or(|at| at.moves_to(next)).then_some((next, row))
    };
    // Every panel opened looks here, on any ATS: only a move to make is worth a write.
    if new.is_empty() {
        let kept: Vec<PageUpMove> = storage::read(PAGEUP_MOVES).await.ok().flatten().unwrap_or_default();
        if !kept.iter().any(|m| every || rows.iter().any(|r| r.uuid == m.interview)) {
            return String::new();
        }
    }
    let due = storage::update(PAGEUP_MOVES, |all: &mut Vec<PageUpMove>| {
        // Re-creating the alarm restarts its period: it starts when nothing was waiting.
        if all.is_empty() && !new.is_empty() {
            keep_polling();
        }
        for m in new {
            if !all.iter().any(|x| x.interview == m.interview) {
                all.push(m);
            }
        }
        for m in all.iter_mut() {
            if let Some((next, row)) = wanted(m) {
                m.step = next.field().into();
                (m.settled, m.error, m.tried) = (false, String::new(), false);
                if let (Some(pass), Some(p)) = (row.pass, provider::by_id(&m.provider)) {
                    m.note = crate::outcome::note(p.vendor.label, pass, row.score, &row.app_url);
                }
            }
        }
        let asked = |m: &&mut PageUpMove| every || rows.iter().any(|r| r.uuid == m.interview);
        let mut due = Vec::new();
        for m in all.iter_mut().filter(asked).filter(|m| !m.settled) {
            due.push(m.clone());
            m.tried = true;
        }
        due
    })
    .await;
    let due = match due {
        Ok(due) => due,
        Err(f) => return msgf("not_updated", &[VENDOR.label(), &f.message]),
    };
    let connections = accounts::all().await.unwrap_or_default();
    let label = |m: &PageUpMove| {
        let vendor = connections.iter().find(|a| a.id == m.connection).map(|a| a.vendor.as_str());
        crate::registry::by_id(vendor.unwrap_or_default()).unwrap_or(VENDOR).label
    };
    let mut said = String::new();
    // (interview, step, settled, why not)
    let mut done = Vec::new();
    for m in due {
        let result = write(&m, &connections).await;
        let retried = result.as_ref().is_err_and(ApiError::is_transient);
        let error = match result {
            Ok(None) => String::new(),
            Ok(Some(done)) => {
                said += &done;
                said.push(' ');
                String::new()
            }
            Err(e) => {
                // Background words for a wait ("press Send again" is not for this).
                let why = if retried { e.background_message() } else { e.message() };
                let vendor = label(&m);
                said += &if retried {
                    msgf("not_updated_kept", &[vendor, &why])
                } else if vendor == VENDOR.label() {
                    msgf("not_updated_codes", &[vendor, &why])
                } else {
                    msgf("not_updated", &[vendor, &why])
                };
                said.push(' ');
                why
            }
        };
        done.push((m.interview, m.step, !retried, error));
    }
    if !done.is_empty() {
        let _ = storage::update(PAGEUP_MOVES, |all: &mut Vec<PageUpMove>| {
            for (interview, step, settled, error) in done {
                // Unless a newer step replaced it meanwhile.
                if let Some(x) = all.iter_mut().find(|x| x.interview == interview && x.step == step) {
                    (x.settled, x.error) = (settled, error);
                }
            }
            // A verdict PageUp has is the end: nothing more will move it.
            all.retain(|x| !(x.settled && Step::of(&x.step).is_some_and(Step::is_final)));
        })
        .await;
    }
    said.trim_end().to_string()
}

/// The status change a move asks for, if the connection has a code for its step (or the
/// verdict, on another ATS); what to say of it once made.
async fn write(m: &PageUpMove, connections: &[StoredAccount]) -> Result<Option<String>, ApiError> {
    let Some(c) = connections.iter().find(|a| a.id == m.connection) else {
        return Err(ApiError::NoKey { vendor: VENDOR });
    };
    if c.vendor != VENDOR.id {
        return super::verdicts::write(m, c).await;
    }
    let code = c.credential(&m.step).unwrap_or_default();
    if code.is_empty() {
        return Ok(None);
    }
    let conn = Connection::of(|f| c.credential(f).unwrap_or_default().to_string())
        .map_err(|reason| ApiError::Refused { vendor: VENDOR, status: 0, reason })?;
    // Tried before: it may have gone through. Read first rather than have PageUp email twice.
    if m.tried {
        let now = with_token(&c.id, &conn, &|t| pageup::application(&conn, t, &m.application)).await?;
        if pageup::read_application(&now)?.status_code == code {
            return Ok(Some(moved(m, code)));
        }
    }
    let reply = with_token(&c.id, &conn, &|t| pageup::change_status(&conn, t, &m.application, code)).await?;
    pageup::read_changed(&reply)?;
    Ok(Some(moved(m, code)))
}

fn moved(m: &PageUpMove, code: &str) -> String {
    msgf("pageup_moved", &[&m.application, code])
}

/// A call made with the connection's token: the cached one while it is usable, else a new
/// one; a token PageUp refuses (revoked, or its clock is ahead) is replaced once. One call site
/// for both requests: each `call` awaited is a copy of its state machine.
async fn with_token(
    id: &str,
    conn: &Connection,
    request: &dyn Fn(&Token) -> HttpRequest,
) -> Result<HttpReply, ApiError> {
    let now = || js_sys::Date::now() as i64;
    let mut renewed = false;
    loop {
        let cached =
            TOKENS.with(|t| t.borrow().iter().find(|(c, t)| c == id && t.usable(now())).map(|p| p.1.clone()));
        let asked = match &cached {
            Some(t) => request(t),
            None => pageup::token_request(conn, pageup::SCOPES),
        };
        let reply = call(VENDOR, &asked, None).await?;
        TOKENS.with(|all| all.borrow_mut().retain(|(c, _)| c != id));
        match cached {
            None => {
                let t = pageup::read_token(&reply, now())?;
                TOKENS.with(|all| all.borrow_mut().push((id.to_string(), t)));
                renewed = true;
            }
            Some(t) => {
                if !pageup::token_refused(&reply) || renewed {
                    TOKENS.with(|all| all.borrow_mut().push((id.to_string(), t)));
                    return Ok(reply);
                }
                renewed = true;
            }
        }
    }
}

/// The alarm: polls the provider for interviews whose applications still wait for a step, and
/// writes every move PageUp hasn't taken. The alarm stays on while any application waits.
pub async fn resume_pageup() {
    let Ok(moves) = storage::read::<Vec<PageUpMove>>(PAGEUP_MOVES).await.map(Option::unwrap_or_default)
    else {
        return;
    };
    let mut rows = Vec::new();
    let all = accounts::all().await.unwrap_or_default();
    let mut asked: Vec<&str> = Vec::new();
    for m in moves.iter().filter(|m| !Step::of(&m.step).is_some_and(Step::is_final)) {
        if asked.contains(&m.account.as_str()) {
            continue;
        }
        asked.push(&m.account);
        let (Some(p), Some(a)) = (provider::by_id(&m.provider), all.iter().find(|a| a.id == m.account))
        else {
            continue;
        };
        if let Ok(list) = super::interviews::all_of(p, a).await {
            rows.extend(list.into_iter().map(|i| i.row));
        }
    }
    settle(&rows, true, vec![]).await;
    let left: Vec<PageUpMove> = storage::read(PAGEUP_MOVES).await.ok().flatten().unwrap_or_default();
    chrome::alarm_every(ALARM, (!left.is_empty()).then_some(5.0));
}
