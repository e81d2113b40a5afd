//! Invitations [model]: create, read, list, extend, cancel, remind; review (shortlist, reject,
//! summary, share link); and the control endpoints a test uses to play the candidate.

use serde_json::{json, Value};

use super::api::{body, paged, text};
use super::validate::{must, opt, Ty};
use super::{
    err, err_with, invalid, invitation_json, ok, review_link, share_link, MiInvitation, CANCELLED, INVITED,
    READY, REJECTED, SHORTLISTED, STARTED,
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
                ("GET", []) => {
                    ok(200, Some(invitation_json(&st.data.myinterview.invitations[idx], now)), now)
                }
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
    let mut items: Vec<&MiInvitation> = st
        .data
        .myinterview
        .invitations
        .iter()
        .filter(|i| i.company_id == company)
        .filter(|i| job.as_ref().is_none_or(|j| &i.job_id == j))
        .filter(|i| candidate.as_ref().is_none_or(|c| &i.candidate_id == c))
        .filter(|i| status.as_ref().is_none_or(|s| i.status_at(now) == s))
        .collect();
    // [model] oldest first, so pages stay put while new invitations are added at the end
    items.sort_by_key(|i| i.seq);
    paged(req, items.into_iter().map(|i| invitation_json(i, now)).collect(), now)
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

fn create(st: &mut State, req: &Request, company: &str) -> Response {
    let now = st.now();
    let fields = [
        must("candidateId", Ty::NonBlank),
        must("jobId", Ty::NonBlank),
        must("deadline", Ty::DateTime),
        opt("timezone", Ty::NonBlank),
        opt("sendEmail", Ty::Bool),
    ];
    let b = match body(req, &fields, now) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let deadline = match future_deadline(&b, now) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let (candidate_id, job_id) =
        (text(&b, "candidateId").unwrap_or_default(), text(&b, "jobId").unwrap_or_default());
    let mi = &mut st.data.myinterview;
    if mi.candidate(company, &candidate_id).is_none() {
        return err(404, "Candidate not found", now);
    }
    if mi.job(company, &job_id).is_none() {
        return err(404, "Job not found", now);
    }
    // [model] One live invitation per candidate and job: a second create is a 409 naming the
    // first, so a retry after a lost answer finds it instead of inviting twice. A cancelled one
    // does not count.
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
    let v = invitation_json(&inv, now);
    mi.invitations.push(inv);
    ok(201, Some(v), now)
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
    ok(200, Some(invitation_json(inv, now)), now)
}

fn cancel(st: &mut State, req: &Request, idx: usize) -> Response {
    let now = st.now();
    if let Err(r) = body(req, &[], now) {
        return r;
    }
    let inv = &mut st.data.myinterview.invitations[idx];
    if inv.status == CANCELLED {
        // [model] idempotent: a retried cancel changes nothing and succeeds
        return ok(200, Some(invitation_json(inv, now)), now);
    }
    if !inv.is_open() {
        return conflict(inv, "cancel", now);
    }
    inv.status = CANCELLED;
    inv.cancelled_at = Some(now);
    inv.updated_at = now;
    ok(200, Some(invitation_json(inv, now)), now)
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
    ok(200, Some(invitation_json(inv, now)), now)
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
    ok(200, Some(invitation_json(inv, now)), now)
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
    let Some(inv) = st.data.myinterview.invitations.iter_mut().find(|i| i.id == id) else {
        return bad(404, "no such invitation");
    };
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
    Response::json(200, &invitation_json(inv, now))
}
