//! Lever's job postings, as the Spottabl import reads them (issue 13).

use super::{garbled, get, offset, page, AtsConn};
use crate::error::ApiError;
use crate::http::{HttpReply, HttpRequest};

/// A job posting, as an import into another system takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub id: String,
    /// Its title (`text` [doc]).
    pub title: String,
    pub location: String,
    /// The plain-text description.
    pub description: String,
    pub created_at: i64,
}

/// `GET /postings?state=published&distributionChannel=public&distributionChannel=internal`
/// [doc], a page of 100 after the page `next` names.
pub fn postings(c: &AtsConn, next: Option<&str>) -> HttpRequest {
    let mut path =
        "postings?state=published&distributionChannel=public&distributionChannel=internal&limit=100"
            .to_string();
    if let Some(n) = next {
        path.push_str("&offset=");
        path.push_str(&offset(n));
    }
    get(&c.base, &c.key, &path)
}

/// A page of postings; `categories` and `content` may be null [doc, code].
pub fn read_postings(r: &HttpReply) -> Result<(Vec<Posting>, Option<String>), ApiError> {
    let (list, next) = page(r)?;
    let mut out = Vec::new();
    for p in list {
        out.push(Posting {
            id: p.id("id").ok_or_else(garbled)?,
            title: p.str("text").unwrap_or_default(),
            location: p.get("categories").str("location").unwrap_or_default(),
            description: p.get("content").str("description").unwrap_or_default(),
            created_at: p.get("createdAt").number().unwrap_or_default() as i64,
        });
    }
    Ok((out, next))
}
