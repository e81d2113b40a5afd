//! Strict request bodies [model]: myInterview, Lever's writes and Spottabl publish no schema the
//! sandbox could check against, so it refuses what a validating API would (an unknown field, a
//! wrong type, a missing required field), all at once, as `{field, message}` items each vendor
//! module wraps in its own error shape. A regression in what the extension sends then fails a
//! test instead of passing silently.

use serde_json::{json, Map, Value};

use crate::http::Request;
use crate::util::parse_iso;

#[derive(Clone, Copy)]
pub enum Ty {
    /// Any string.
    Text,
    /// A string with something other than spaces.
    NonBlank,
    Email,
    Bool,
    /// A whole number in the range.
    Int(i64, i64),
    /// ISO 8601 date and time with an offset (a bare date is refused).
    DateTime,
    /// A non-empty array of question objects.
    Questions,
    /// An array of strings (maybe empty).
    Strings,
    /// An array of objects, each with exactly these fields.
    Objects(&'static [Field]),
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// Any JSON number.
    Number,
    /// An object with exactly these fields, checked as strictly as a body [model]; problems are
    /// named `<name>.<field>` (as `questions[1].attempts`).
    Object(&'static [Field]),
}

pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
}

pub const fn must(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, required: true }
}

pub const fn opt(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, required: false }
}

fn error(field: &str, message: String) -> Value {
    json!({"field": field, "message": message})
}

/// The body as a JSON object; an empty body is `{}` (for the POSTs that take none).
/// `Err(message)` for a 400.
pub fn object(req: &Request) -> Result<Map<String, Value>, &'static str> {
    if req.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(&req.body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err("Request body must be a JSON object"),
        Err(_) => Err("Invalid JSON"),
    }
}

pub fn valid_email(s: &str) -> bool {
    let s = s.trim();
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !s.chars().any(|c| c.is_whitespace() || c == '<' || c == '>')
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }
        None => false,
    }
}

/// Every problem with `body` against `fields`; `null` counts as absent.
pub fn check(body: &Map<String, Value>, fields: &[Field]) -> Vec<Value> {
    let mut errors = Vec::new();
    for k in body.keys() {
        if !fields.iter().any(|f| f.name == k) {
            errors.push(error(k, format!("Unknown field: {k}")));
        }
    }
    for f in fields {
        match body.get(f.name) {
            None | Some(Value::Null) => {
                if f.required {
                    errors.push(error(f.name, format!("{} is required", f.name)));
                }
            }
            Some(v) => errors.extend(value(f.name, f.ty, v)),
        }
    }
    errors
}

fn value(name: &str, ty: Ty, v: &Value) -> Vec<Value> {
    let bad = |want: &str| vec![error(name, format!("{name} must be {want}"))];
    match ty {
        Ty::Text if v.is_string() => vec![],
        Ty::Text => bad("a string"),
        Ty::NonBlank if v.as_str().is_some_and(|s| !s.trim().is_empty()) => vec![],
        Ty::NonBlank => bad("a non-empty string"),
        Ty::Email if v.as_str().is_some_and(valid_email) => vec![],
        Ty::Email => bad("an email address"),
        Ty::Bool if v.is_boolean() => vec![],
        Ty::Bool => bad("true or false"),
        Ty::Int(lo, hi) if v.as_i64().is_some_and(|n| (lo..=hi).contains(&n)) => vec![],
        Ty::Int(lo, hi) => bad(&format!("a whole number from {lo} to {hi}")),
        Ty::DateTime if v.as_str().is_some_and(|s| s.trim().len() > 10 && parse_iso(s).is_some()) => vec![],
        Ty::DateTime => bad("an ISO 8601 date and time with an offset"),
        Ty::Questions => questions(name, v),
        Ty::Strings if v.as_array().is_some_and(|a| a.iter().all(Value::is_string)) => vec![],
        Ty::Strings => bad("an array of strings"),
        Ty::Objects(fields) => match v.as_array() {
            Some(a) => a
                .iter()
                .enumerate()
                .flat_map(|(n, o)| object_fields(&format!("{name}[{n}]"), fields, o))
                .collect(),
            None => bad("an array of objects"),
        },
        Ty::OneOf(allowed) if v.as_str().is_some_and(|s| allowed.contains(&s)) => vec![],
        Ty::OneOf(allowed) => bad(&format!("one of {}", allowed.join(", "))),
        Ty::Number if v.is_number() => vec![],
        Ty::Number => bad("a number"),
        Ty::Object(fields) => object_fields(name, fields, v),
    }
}

fn object_fields(name: &str, fields: &[Field], v: &Value) -> Vec<Value> {
    let Some(obj) = v.as_object() else {
        let names: Vec<String> = fields.iter().map(|f| format!("\"{}\"", f.name)).collect();
        return vec![error(name, format!("{name} must be an object {{{}}}", names.join(", ")))];
    };
    check(obj, fields)
        .into_iter()
        .map(|e| {
            let field = format!("{name}.{}", e["field"].as_str().unwrap_or(""));
            let message = e["message"].as_str().unwrap_or("");
            error(&field, format!("{name}: {message}"))
        })
        .collect()
}

/// The question object as myInterview's widget documents it:
/// `{question, description, attempts, duration, thinkingTime, videoQuestion, answerType:"video"}`.
/// [model] which fields are required (`question`, `answerType`), the ranges, and
/// `videoQuestion` as a boolean or a string (a URL of a recorded question).
pub fn questions(name: &str, v: &Value) -> Vec<Value> {
    let Some(list) = v.as_array().filter(|a| !a.is_empty()) else {
        return vec![error(name, format!("{name} must be a non-empty array of questions"))];
    };
    let fields = [
        must("question", Ty::NonBlank),
        opt("description", Ty::Text),
        opt("attempts", Ty::Int(1, 10)),
        opt("duration", Ty::Int(10, 600)),
        opt("thinkingTime", Ty::Int(0, 600)),
        opt("videoQuestion", Ty::Text),
        must("answerType", Ty::Text),
    ];
    let mut errors = Vec::new();
    for (n, q) in list.iter().enumerate() {
        let prefix = format!("{name}[{n}]");
        let Some(obj) = q.as_object() else {
            errors.push(error(&prefix, format!("{prefix} must be a question object")));
            continue;
        };
        let mut own = obj.clone();
        // videoQuestion may also be a boolean; check it here and the rest by the table
        if own.get("videoQuestion").is_some_and(Value::is_boolean) {
            own.remove("videoQuestion");
        }
        for e in check(&own, &fields) {
            let field = format!("{prefix}.{}", e["field"].as_str().unwrap_or(""));
            let message = e["message"].as_str().unwrap_or("").to_string();
            errors.push(error(&field, format!("{prefix}: {message}")));
        }
        if let Some(t) = obj.get("answerType").and_then(Value::as_str) {
            if t != "video" {
                errors.push(error(
                    &format!("{prefix}.answerType"),
                    format!("{prefix}: answerType must be \"video\""),
                ));
            }
        }
    }
    errors
}
