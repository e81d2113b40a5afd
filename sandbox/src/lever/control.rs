//! `/_sandbox/lever/*` on `api.lever.co`: what a recruiter does in Lever's own app, which is
//! not modelled beyond its pages. Bodies are strict, errors `{error: "<message>"}` as on the
//! other control endpoints.

use serde_json::{json, Value};

use super::{now_ms, PostingMeta};
use crate::http::{Request, Response};
use crate::state::{Posting, State};
use crate::util::uuid_v4;
use crate::validate::{self, must, opt, Ty};

fn bad(status: u16, msg: &str) -> Response {
    Response::json(status, &json!({ "error": msg }))
}

pub fn control(st: &mut State, req: &Request) -> Response {
    match (req.method.as_str(), req.path.as_str()) {
        ("POST", "/_sandbox/lever/postings") => publish(st, req),
        (_, "/_sandbox/lever/postings") => bad(405, "use POST"),
        _ => bad(404, "unknown sandbox endpoint"),
    }
}

/// `{text, location?, description?}`: a posting published now on the public channel, as
/// posting it in Lever's app does.
fn publish(st: &mut State, req: &Request) -> Response {
    let b = match validate::object(req) {
        Ok(b) => b,
        Err(m) => return bad(400, m),
    };
    let fields = [must("text", Ty::NonBlank), opt("location", Ty::Text), opt("description", Ty::Text)];
    let errors = validate::check(&b, &fields);
    if !errors.is_empty() {
        let all: Vec<&str> = errors.iter().filter_map(|e| e["message"].as_str()).collect();
        return bad(400, &all.join("; "));
    }
    let text = |k: &str| b.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    let now = now_ms(st);
    let id = uuid_v4();
    st.data.lever.postings.push(Posting {
        id: id.clone(),
        text: text("text"),
        location: text("location"),
        description: text("description"),
        opportunity_ids: Vec::new(),
    });
    let meta = PostingMeta {
        id: id.clone(),
        state: "published".into(),
        distribution_channels: vec!["public".into()],
        created_at: now,
        updated_at: now,
        ..Default::default()
    };
    st.data.lever_rt.postings.insert(id.clone(), meta);
    let d = &st.data;
    Response::json(201, &json!({ "data": d.posting(&id).map(|p| d.posting_json(p)) }))
}
