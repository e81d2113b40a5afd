//! Lever's writes: create an opportunity, move its stage, archive it, add notes, add and
//! remove tags. Each needs
//! `perform_as` naming an active user [doc]; bodies are strict [model: Lever publishes no
//! schema], refused with `{code: "BadRequestError", message}` naming every problem at once.

use serde_json::{json, Map, Value};

use super::{error, now_ms, Archived, Note, NoteField, OppMeta, StageChange};
use crate::http::{Request, Response};
use crate::state::{Opportunity, Phone, State};
use crate::util::uuid_v4;
use crate::validate::{self, must, opt, Field, Ty};

const ORIGINS: &[&str] = &["agency", "applied", "internal", "referred", "sourced", "university"];
const PHONE: &[Field] = &[opt("type", Ty::Text), must("value", Ty::NonBlank)];

fn bad(message: &str) -> Response {
    error(400, "BadRequestError", message)
}

/// The active user `perform_as` names.
fn performer(st: &State, q: &[(String, String)]) -> Result<String, Response> {
    let Some(id) = q.iter().find(|(k, _)| k == "perform_as").map(|(_, v)| v.as_str()) else {
        return Err(bad("perform_as is required"));
    };
    match st.data.lever.users.iter().find(|u| u.id == id) {
        Some(u) if u.deactivated_at.is_none() => Ok(u.id.clone()),
        // [model] Lever's message; that a deactivated user is refused is ours too
        Some(_) => Err(bad("perform_as user is deactivated")),
        None => Err(bad("perform_as is not a user of this account")),
    }
}

/// The body, checked against `fields`.
fn body(req: &Request, fields: &[Field]) -> Result<Map<String, Value>, Response> {
    let b = validate::object(req).map_err(bad)?;
    let errors = validate::check(&b, fields);
    if errors.is_empty() {
        Ok(b)
    } else {
        let all: Vec<&str> = errors.iter().filter_map(|e| e["message"].as_str()).collect();
        Err(bad(&all.join("; ")))
    }
}

fn strings(b: &Map<String, Value>, name: &str) -> Vec<String> {
    b.get(name)
        .and_then(Value::as_array)
        .map_or_else(Vec::new, |a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
}

fn text(b: &Map<String, Value>, name: &str) -> Option<String> {
    b.get(name).and_then(Value::as_str).map(str::to_string)
}

fn record(st: &mut State, req: &Request, user: &str, at: i64, body: Map<String, Value>) {
    let entry = json!({
        "method": req.method, "path": req.path, "query": req.query,
        "perform_as": user, "at": at, "body": Value::Object(body),
    });
    st.data.lever_rt.writes.push(entry);
}

/// `POST /opportunities?perform_as=`: 201 and the full opportunity under `data` [201 is model].
pub fn create(st: &mut State, req: &Request, q: &[(String, String)]) -> Response {
    let user = match performer(st, q) {
        Ok(u) => u,
        Err(r) => return r,
    };
    let fields = [
        must("name", Ty::NonBlank),
        opt("emails", Ty::Strings),
        opt("phones", Ty::Objects(PHONE)),
        opt("links", Ty::Strings),
        opt("tags", Ty::Strings),
        opt("sources", Ty::Strings),
        opt("origin", Ty::OneOf(ORIGINS)),
        opt("stage", Ty::Text),
        must("postings", Ty::Strings),
        opt("owner", Ty::Text),
        opt("followers", Ty::Strings),
    ];
    let b = match body(req, &fields) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let d = &st.data;
    let postings = strings(&b, "postings");
    let [posting] = postings.as_slice() else {
        return bad("postings must hold exactly one posting id");
    };
    // [model] 400 rather than 404: the missing thing is named in the body, not the URL
    if d.posting(posting).is_none() {
        return bad(&format!("Posting {posting} not found"));
    }
    // [model] with no stage, the first of the account's (Lever's "New lead")
    let stage =
        text(&b, "stage").or_else(|| d.lever.stages.first().map(|s| s.id.clone())).unwrap_or_default();
    if !d.lever.stages.iter().any(|s| s.id == stage) {
        return bad(&format!("Stage {stage} not found"));
    }
    let emails = strings(&b, "emails");
    if let Some(e) = emails.iter().find(|e| !validate::valid_email(e)) {
        return bad(&format!("{e} is not an email address"));
    }
    let owner = text(&b, "owner");
    let followers = strings(&b, "followers");
    let unknown = owner.iter().chain(&followers).find(|u| !d.lever.users.iter().any(|x| &x.id == *u));
    if let Some(u) = unknown {
        return bad(&format!("User {u} not found"));
    }
    // An email already known attaches the new opportunity to that contact [doc].
    let lower: Vec<String> = emails.iter().map(|e| e.to_ascii_lowercase()).collect();
    let contact = d
        .lever
        .opportunities
        .iter()
        .find(|o| o.emails.iter().any(|e| lower.contains(&e.to_ascii_lowercase())))
        .map_or_else(uuid_v4, |o| o.contact.clone());
    let now = now_ms(st);
    let phones = b.get("phones").and_then(Value::as_array).cloned().unwrap_or_default();
    let o = Opportunity {
        id: uuid_v4(),
        name: text(&b, "name").unwrap_or_default().trim().to_string(),
        emails,
        phones: phones
            .iter()
            .map(|p| Phone {
                kind: p["type"].as_str().unwrap_or("other").to_string(),
                value: p["value"].as_str().unwrap_or_default().to_string(),
            })
            .collect(),
        stage: stage.clone(),
        tags: strings(&b, "tags"),
        contact,
    };
    let meta = OppMeta {
        id: o.id.clone(),
        links: strings(&b, "links"),
        sources: strings(&b, "sources"),
        // [model] Lever's default origin when none is given
        origin: text(&b, "origin").unwrap_or_else(|| "sourced".into()),
        owner,
        followers,
        archived: None,
        stage_changes: vec![StageChange { to_stage_id: stage, updated_at: now, user_id: user.clone() }],
        created_at: now,
        updated_at: now,
    };
    let posting = posting.clone();
    let id = o.id.clone();
    st.data.lever.opportunities.push(o);
    st.data.lever_rt.opps.insert(id.clone(), meta);
    if let Some(p) = st.data.lever.postings.iter_mut().find(|p| p.id == posting) {
        p.opportunity_ids.push(id.clone());
    }
    record(st, req, &user, now, b);
    let d = &st.data;
    Response::json(201, &json!({"data": d.opportunity(&id).map(|o| d.opportunity_json(o))}))
}

/// The opportunity's index, or the 404.
fn find(st: &State, id: &str) -> Result<usize, Response> {
    st.data
        .lever
        .opportunities
        .iter()
        .position(|o| o.id == id)
        .ok_or_else(|| error(404, "ResourceNotFound", "Opportunity not found"))
}

fn meta(st: &mut State, i: usize) -> &mut OppMeta {
    let id = st.data.lever.opportunities[i].id.clone();
    st.data.lever_rt.opps.entry(id.clone()).or_insert_with(|| OppMeta { id, ..Default::default() })
}

fn full(st: &State, i: usize) -> Response {
    Response::json(200, &json!({"data": st.data.opportunity_json(&st.data.lever.opportunities[i])}))
}

/// `PUT /opportunities/{id}/stage?perform_as=` `{"stage"}` → the full opportunity [doc].
pub fn stage(st: &mut State, req: &Request, q: &[(String, String)], id: &str) -> Response {
    let (user, b, i) = match (performer(st, q), body(req, &[must("stage", Ty::NonBlank)]), find(st, id)) {
        (Err(r), ..) | (_, Err(r), _) | (.., Err(r)) => return r,
        (Ok(u), Ok(b), Ok(i)) => (u, b, i),
    };
    let stage = text(&b, "stage").unwrap_or_default();
    if !st.data.lever.stages.iter().any(|s| s.id == stage) {
        return bad(&format!("Stage {stage} not found"));
    }
    let now = now_ms(st);
    st.data.lever.opportunities[i].stage = stage.clone();
    let m = meta(st, i);
    m.stage_changes.push(StageChange { to_stage_id: stage, updated_at: now, user_id: user.clone() });
    m.updated_at = now;
    record(st, req, &user, now, b);
    full(st, i)
}

/// `PUT /opportunities/{id}/archived?perform_as=` `{"reason"}` → the full opportunity [doc].
pub fn archive(st: &mut State, req: &Request, q: &[(String, String)], id: &str) -> Response {
    let (user, b, i) = match (performer(st, q), body(req, &[must("reason", Ty::NonBlank)]), find(st, id)) {
        (Err(r), ..) | (_, Err(r), _) | (.., Err(r)) => return r,
        (Ok(u), Ok(b), Ok(i)) => (u, b, i),
    };
    let reason = text(&b, "reason").unwrap_or_default();
    if !st.data.lever.archive_reasons.iter().any(|r| r.id == reason) {
        return bad(&format!("Archive reason {reason} not found"));
    }
    let now = now_ms(st);
    let m = meta(st, i);
    m.archived = Some(Archived { reason, archived_at: now });
    m.updated_at = now;
    record(st, req, &user, now, b);
    full(st, i)
}

/// `POST /opportunities/{id}/notes?perform_as=[&note_id=]` → `{data:{noteId}}` [doc]; 201 and
/// a note bumping the opportunity's `updatedAt` are [model].
pub fn note(st: &mut State, req: &Request, q: &[(String, String)], id: &str) -> Response {
    let fields = [
        must("value", Ty::NonBlank),
        opt("secret", Ty::Bool),
        opt("score", Ty::Number),
        opt("notifyFollowers", Ty::Bool),
        opt("createdAt", Ty::Int(0, i64::MAX)),
    ];
    let (user, b, i) = match (performer(st, q), body(req, &fields), find(st, id)) {
        (Err(r), ..) | (_, Err(r), _) | (.., Err(r)) => return r,
        (Ok(u), Ok(b), Ok(i)) => (u, b, i),
    };
    let now = now_ms(st);
    let at = b.get("createdAt").and_then(Value::as_i64).unwrap_or(now);
    let field =
        NoteField { value: text(&b, "value").unwrap_or_default(), created_at: at, user: user.clone() };
    let thread = q.iter().find(|(k, _)| k == "note_id").map(|(_, v)| v.clone());
    let notes = &mut st.data.lever_rt.notes;
    let note_id = match thread {
        Some(t) => match notes.iter_mut().find(|n| n.id == t && n.opportunity_id == id) {
            Some(n) => {
                n.fields.push(field);
                t
            }
            None => return error(404, "ResourceNotFound", "Note not found"),
        },
        None => {
            let n = Note {
                id: uuid_v4(),
                opportunity_id: id.to_string(),
                user: user.clone(),
                secret: b.get("secret").and_then(Value::as_bool).unwrap_or(false),
                score: b.get("score").and_then(Value::as_f64),
                created_at: at,
                fields: vec![field],
            };
            let nid = n.id.clone();
            notes.push(n);
            nid
        }
    };
    meta(st, i).updated_at = now;
    record(st, req, &user, now, b);
    Response::json(201, &json!({"data": {"noteId": note_id}}))
}

/// `POST /opportunities/{id}/addTags|removeTags` `{"tags": [...]}` → the full opportunity
/// [doc]; `perform_as` is optional here [doc]. A tag already there is not added twice (Lever's
/// tags are a set [model]).
pub fn tags(st: &mut State, req: &Request, q: &[(String, String)], id: &str, add: bool) -> Response {
    let user = match q.iter().any(|(k, _)| k == "perform_as") {
        true => match performer(st, q) {
            Ok(u) => u,
            Err(r) => return r,
        },
        false => String::new(),
    };
    let (b, i) = match (body(req, &[must("tags", Ty::Strings)]), find(st, id)) {
        (Err(r), _) | (_, Err(r)) => return r,
        (Ok(b), Ok(i)) => (b, i),
    };
    let given = strings(&b, "tags");
    if given.is_empty() || given.iter().any(|t| t.trim().is_empty()) {
        return bad("tags must be a non-empty list of non-blank strings");
    }
    let now = now_ms(st);
    let tags = &mut st.data.lever.opportunities[i].tags;
    for t in given {
        if add && !tags.contains(&t) {
            tags.push(t);
        } else if !add {
            tags.retain(|x| *x != t);
        }
    }
    meta(st, i).updated_at = now;
    record(st, req, &user, now, b);
    full(st, i)
}
