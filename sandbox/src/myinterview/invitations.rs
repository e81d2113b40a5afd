//! Invitations [model]: create, read, list, extend, cancel, remind; review (shortlist, reject,
//! summary, share link); and the control endpoints a test uses to play the candidate.

use serde_json::{json, Value};

use super::api::{body, paged, text};
use super::validate::{self, must, opt, Field, Ty};
use super::{
    err, err_with, invalid, ok, review_link, share_link, MiInvitation, CANCELLED, INVITED, READY, REJECTED,
    SHORTLISTED, STARTED,
};
use crate::http::{Request, Response};
use crate::state::State;
use crate::util::{format_iso, parse_iso, parse_query, uuid_v4};

pub fn route(st: &mut State, req: &Request, method: &str, segments: &[&str], company: &str) -> Response {
    let now = st.now();
    match (method, segments) {
        ("GET", ["invitations"]) => list(st, req, company),
        ("POST", ["invitations"]) => create(st, req, company),
        (_, ["invitations"]) => err(405, "Method not allowed", now),
        (_, ["invitations", id, rest @ ..]) => {
            let Some(idx) = st.data.myinterview.invitation_index(company, id) else {
                return err(404, "Invitation not found", now);
            };
            match (method, rest) {
                ("GET", []) => ok(200, Some(st.data.myinterview.invitation_json(idx, now)), now),
                ("POST", ["extend"]) => extend(st, req, idx),
                ("POST", ["cancel"]) => cancel(st, req, idx),
                ("POST", ["remind"]) => remind(st, req, idx),
                ("POST", [action @ ("shortlist" | "reject")]) => review(st, req, idx, action),
                ("GET", ["summary"]) => summary(st, idx),
                ("POST", ["share-link"]) => share(st, req, idx),
                (
                    _,
                    [] | ["extend" | "cancel" | "remind" | "shortlist" | "reject" | "summary" | "share-link"],
                ) => err(405, "Method not allowed", now),
                _ => err(404, "Not found", now),
            }
        }
        _ => err(404, "Not found", now),
    }
}

fn list(st: &State, req: &Request, company: &str) -> Response {
    let now = st.now();
    let q = parse_query(&req.query);
    let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let (job, candidate, status) = (get("jobId"), get("candidateId"), get("status"));
    let mi = &st.data.myinterview;
    // [model] `email=`: the invitations of the company's candidate with that email (trimmed,
    // any letter case; one candidate per email), with the other filters and paging as usual.
    // An email no candidate has matches nothing.
    let by_email: Option<Option<&str>> =
        get("email").map(|e| mi.candidate_by_email(company, &e).map(|c| c.id.as_str()));
    let mut items: Vec<(usize, &MiInvitation)> = mi
        .invitations
        .iter()
        .enumerate()
        .filter(|(_, i)| i.company_id == company)
        .filter(|(_, i)| job.as_ref().is_none_or(|j| &i.job_id == j))
        .filter(|(_, i)| candidate.as_ref().is_none_or(|c| &i.candidate_id == c))
        .filter(|(_, i)| by_email.is_none_or(|c| c == Some(i.candidate_id.as_str())))
        .filter(|(_, i)| status.as_ref().is_none_or(|s| i.status_at(now) == s))
        .collect();
    // [model] oldest first, so pages stay put while new invitations are added at the end
    items.sort_by_key(|(_, i)| i.seq);
    paged(req, items.into_iter().map(|(idx, _)| mi.invitation_json(idx, now)).collect(), now)
}

fn future_deadline(b: &serde_json::Map<String, Value>, now: i64) -> Result<i64, Response> {
    let t = b.get("deadline").and_then(Value::as_str).and_then(parse_iso).unwrap_or(0);
    if t <= now {
        return Err(invalid(
            vec![json!({"field": "deadline", "message": "deadline must be in the future"})],
            now,
        ));
    }
    Ok(t)
}

/// `candidate` in an invitation body: who to invite when there is no `candidateId` yet [model].
const INLINE_CANDIDATE: &[Field] = &[must("name", Ty::NonBlank), must("email", Ty::Email)];

fn create(st: &mut State, req: &Request, company: &str) -> Response {
    let now = st.now();
    // [model] The candidate is `candidateId` (an existing one) or `candidate {name, email}`
    // (found by email or created, as `POST /candidates` does): exactly one of the two.
    let fields = [
        opt("candidateId", Ty::NonBlank),
        opt("candidate", Ty::Object(INLINE_CANDIDATE)),
        must("jobId", Ty::NonBlank),
        must("deadline", Ty::DateTime),
        opt("timezone", Ty::NonBlank),
        opt("sendEmail", Ty::Bool),
    ];
    let b = match validate::object(req) {
        Ok(b) => b,
        Err(m) => return err(400, m, now),
    };
    let given = |k: &str| b.get(k).is_some_and(|v| !v.is_null());
    let mut errors = match (given("candidateId"), given("candidate")) {
        (true, true) => vec!["give candidateId or candidate, not both"; 2],
        (false, false) => vec!["candidateId or candidate is required"; 2],
        _ => vec![],
    }
    .into_iter()
    .zip(["candidateId", "candidate"])
    .map(|(m, f)| json!({"field": f, "message": m}))
    .collect::<Vec<_>>();
    errors.extend(validate::check(&b, &fields));
    if !errors.is_empty() {
        return invalid(errors, now);
    }
    let deadline = match future_deadline(&b, now) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let job_id = text(&b, "jobId").unwrap_or_default();
    let mi = &mut st.data.myinterview;
    let given_id = text(&b, "candidateId");
    if let Some(id) = &given_id {
        if mi.candidate(company, id).is_none() {
            return err(404, "Candidate not found", now);
        }
    }
    if mi.job(company, &job_id).is_none() {
        return err(404, "Job not found", now);
    }
    // The job is known before an inline candidate is made, so a 404 leaves nothing behind.
    let candidate_id = match (given_id, b.get("candidate").and_then(Value::as_object)) {
        (Some(id), _) => id,
        (None, Some(c)) => {
            let (name, email) = (text(c, "name").unwrap_or_default(), text(c, "email").unwrap_or_default());
            let received = Value::Object(c.clone());
            mi.find_or_create_candidate(company, &name, &email, received, now).0.id.clone()
        }
        (None, None) => unreachable!("checked above: candidateId or candidate"),
    };
    // [model] One live invitation per candidate and job: a second create is a 409 naming the
    // first, so a retry after a lost answer finds it instead of inviting twice. A cancelled one
    // does not count. With an inline candidate the same email (any case) is the same candidate.
    if let Some(i) = mi.invitations.iter().find(|i| {
        i.company_id == company
            && i.candidate_id == candidate_id
            && i.job_id == job_id
            && i.status != CANCELLED
    }) {
        return err_with(
            409,
            "The candidate is already invited to this job",
            json!({"invitationId": i.id, "status": i.status_at(now)}),
            now,
        );
    }
    mi.next_seq += 1;
    let inv = MiInvitation {
        id: uuid_v4(),
        company_id: company.to_string(),
        candidate_id,
        job_id,
        status: INVITED,
        deadline,
        timezone: text(&b, "timezone"),
        // [model] myInterview emails the candidate unless told not to
        send_email: b.get("sendEmail").and_then(Value::as_bool).unwrap_or(true),
        reminders: 0,
        last_reminder_at: None,
        deadlines: vec![deadline],
        created_at: now,
        updated_at: now,
        started_at: None,
        completed_at: None,
        cancelled_at: None,
        score: None,
        reviews: Vec::new(),
        share_token: None,
        received: Value::Object(b),
        seq: mi.next_seq,
    };
    mi.invitations.push(inv);
    ok(201, Some(mi.invitation_json(mi.invitations.len() - 1, now)), now)
}

fn conflict(inv: &MiInvitation, what: &str, now: i64) -> Response {
    let status = inv.status_at(now);
    err_with(409, &format!("Cannot {what}: the invitation is {status}"), json!({"status": status}), now)
}

fn extend(st: &mut State, req: &Request, idx: usize) -> Response {
    let now = st.now();
    let b = match body(req, &[must("deadline", Ty::DateTime)], now) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let deadline = match future_deadline(&b, now) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let inv = &mut st.data.myinterview.invitations[idx];
    // An expired invitation may be extended: that is how a recruiter reopens it.
    if !inv.is_open() {
        return conflict(inv, "extend the deadline", now);
    }
    if deadline <= inv.deadline {
        let m = "deadline must be later than the current deadline";
        return invalid(vec![json!({"field": "deadline", "message": m})], now);
    }
    inv.deadline = deadline;
    inv.deadlines.push(deadline);
    inv.updated_at = now;
    ok(200, Some(st.data.myinterview.invitation_json(idx, now)), now)
}

fn cancel(st: &mut State, req: &Request, idx: usize) -> Response {
    let now = st.now();
    if let Err(r) = body(req, &[], now) {
        return r;
    }
    let inv = &mut st.data.myinterview.invitations[idx];
    if inv.status == CANCELLED {
        // [model] idempotent: a retried cancel changes nothing and succeeds
        return ok(200, Some(st.data.myinterview.invitation_json(idx, now)), now);
    }
    if !inv.is_open() {
        return conflict(inv, "cancel", now);
    }
    inv.status = CANCELLED;
    inv.cancelled_at = Some(now);
    inv.updated_at = now;
    ok(200, Some(st.data.myinterview.invitation_json(idx, now)), now)
}

fn remind(st: &mut State, req: &Request, idx: usize) -> Response {
    let now = st.now();
    if let Err(r) = body(req, &[], now) {
        return r;
    }
    let inv = &mut st.data.myinterview.invitations[idx];
    if !matches!(inv.status_at(now), INVITED | STARTED) {
        return conflict(inv, "send a reminder", now);
    }
    inv.reminders += 1;
    inv.last_reminder_at = Some(now);
    inv.updated_at = now;
    ok(200, Some(st.data.myinterview.invitation_json(idx, now)), now)
}

fn video_done(inv: &MiInvitation) -> bool {
    matches!(inv.status, READY | SHORTLISTED | REJECTED)
}

fn review(st: &mut State, req: &Request, idx: usize, action: &str) -> Response {
    let now = st.now();
    let b = match body(req, &[opt("rating", Ty::Int(1, 5)), opt("comment", Ty::Text)], now) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let inv = &mut st.data.myinterview.invitations[idx];
    if !video_done(inv) {
        return conflict(inv, action, now);
    }
    // Every call is recorded, repeats included, so a test sees a grade sent twice.
    inv.status = if action == "shortlist" { SHORTLISTED } else { REJECTED };
    inv.reviews.push(json!({
        "action": action, "rating": b.get("rating"), "comment": b.get("comment"), "at": format_iso(now),
    }));
    inv.updated_at = now;
    ok(200, Some(st.data.myinterview.invitation_json(idx, now)), now)
}

/// The assessment summary: "Completed" once graded, with Pass yes/no (shortlisted or not),
/// the score when there is one, and the re-review link. Before that, "Pending".
fn summary(st: &State, idx: usize) -> Response {
    let now = st.now();
    let inv = &st.data.myinterview.invitations[idx];
    let (status, pass) = match inv.status {
        SHORTLISTED => ("Completed", Some(true)),
        REJECTED => ("Completed", Some(false)),
        _ => ("Pending", None),
    };
    let data = json!({
        "invitationId": inv.id, "status": status, "pass": pass, "score": inv.score,
        "videoCompletedAt": inv.completed_at.map(format_iso), "reviewUrl": review_link(inv),
    });
    ok(200, Some(data), now)
}

fn share(st: &mut State, req: &Request, idx: usize) -> Response {
    let now = st.now();
    if let Err(r) = body(req, &[], now) {
        return r;
    }
    let inv = &mut st.data.myinterview.invitations[idx];
    if !video_done(inv) {
        return conflict(inv, "share", now);
    }
    if let Some(t) = &inv.share_token {
        return ok(200, Some(json!({"url": share_link(t)})), now);
    }
    let token = uuid_v4();
    let url = share_link(&token);
    inv.share_token = Some(token);
    ok(201, Some(json!({"url": url})), now)
}

/// `POST /_sandbox/myinterview/start` and `/complete` `{"invitationId", "score"?}`: the
/// candidate opens the link, or finishes the video (status Ready for Review, with a score 0–100
/// if given). Refused (409) on an invitation that is not open or is past its deadline.
pub fn control(st: &mut State, req: &Request) -> Response {
    let now = st.now();
    let bad = |status: u16, msg: &str| Response::json(status, &json!({ "error": msg }));
    let step = match req.path.as_str() {
        "/_sandbox/myinterview/start" => STARTED,
        "/_sandbox/myinterview/complete" => READY,
        _ => return bad(404, "unknown sandbox endpoint"),
    };
    if req.method != "POST" {
        return bad(405, "use POST");
    }
    let b = match serde_json::from_slice::<Value>(&req.body) {
        Ok(Value::Object(b)) => b,
        _ => return bad(400, "body must be a JSON object {\"invitationId\": ...}"),
    };
    let id = b.get("invitationId").and_then(Value::as_str).unwrap_or("");
    let score = match b.get("score") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_f64().filter(|s| (0.0..=100.0).contains(s)) {
            Some(s) => Some(s),
            None => return bad(400, "score must be a number from 0 to 100"),
        },
    };
    let Some(idx) = st.data.myinterview.invitations.iter().position(|i| i.id == id) else {
        return bad(404, "no such invitation");
    };
    let inv = &mut st.data.myinterview.invitations[idx];
    let status = inv.status_at(now);
    if !matches!(status, INVITED | STARTED) || (step == STARTED && status == STARTED) {
        return bad(409, &format!("the invitation is {status}"));
    }
    inv.status = step;
    inv.updated_at = now;
    inv.started_at.get_or_insert(now);
    if step == READY {
        inv.completed_at = Some(now);
        inv.score = score;
    }
    Response::json(200, &st.data.myinterview.invitation_json(idx, now))
}
