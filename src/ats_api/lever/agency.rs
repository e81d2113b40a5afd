//! What the agency workflow (Spottabl × Lever, issue 13) asks of Lever beyond the shared
//! interface: the account's stages, an opportunity on one posting by email, a new opportunity
//! from an agency, a posting's recent changes, and hiring by archiving [doc].

use serde::Serialize;

use super::{as_user, data, encode_query_value, get, offset, page, send, AtsConn};
use crate::error::ApiError;
use crate::http::{HttpReply, HttpRequest, Method};
use crate::node::Node;

/// An opportunity as the workflow follows it: where it stands and since when.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Opp {
    pub id: String,
    pub stage: String,
    /// The archive reason, while archived.
    pub archived: Option<String>,
    /// When its stage last changed (ms), else when it last changed at all.
    pub changed_at: i64,
}

/// Lever answers `archived: {reason, archivedAt}` or, in older samples, `archivedAt` beside
/// `archiveReason` [doc, code]: both are read.
fn opp(o: &Node) -> Option<Opp> {
    let nested = o.get("archived").str("reason");
    let flat = o.str("archiveReason").filter(|_| !o.get("archivedAt").is_nothing());
    let last = o.get("stageChanges").items().unwrap_or_default().pop();
    let changed = last.and_then(|c| c.get("updatedAt").number()).or_else(|| o.get("updatedAt").number());
    Some(Opp {
        id: o.id("id")?,
        stage: o.str("stage").unwrap_or_default(),
        archived: nested.or(flat),
        changed_at: changed.unwrap_or(0.0) as i64,
    })
}

pub fn read_opp(r: &HttpReply) -> Result<Opp, ApiError> {
    opp(&data(r)?).ok_or_else(super::garbled)
}

/// A page of opportunities, and the next page's token.
pub fn read_opps(r: &HttpReply) -> Result<(Vec<Opp>, Option<String>), ApiError> {
    let (list, next) = page(r)?;
    Ok((list.iter().filter_map(opp).collect(), next))
}

/// `GET /opportunities?posting_id=&updated_at_start=` [doc]: what changed on a posting since.
pub fn changed(c: &AtsConn, posting: &str, since_ms: i64, next: Option<&str>) -> HttpRequest {
    let mut path = format!(
        "opportunities?posting_id={}&updated_at_start={since_ms}&limit=100",
        encode_query_value(posting)
    );
    if let Some(n) = next {
        path.push_str("&offset=");
        path.push_str(&offset(n));
    }
    get(&c.base, &c.key, &path)
}

/// `GET /opportunities/{id}/notes` [doc]: (id, text) of each note, its first text.
pub fn read_notes(r: &HttpReply) -> Result<Vec<(String, String)>, ApiError> {
    id_texts(r)
}

/// A page's items as (id, text), those that have both: stages and notes are read alike.
fn id_texts(r: &HttpReply) -> Result<Vec<(String, String)>, ApiError> {
    let mut out = Vec::new();
    for n in page(r)?.0 {
        if let (Some(id), Some(text)) = (n.id("id"), n.str("text")) {
            out.push((id, text));
        }
    }
    Ok(out)
}

/// `GET /archive_reasons?type=hired` [doc]: hired is an archive reason, not a stage.
pub fn hired_reasons(c: &AtsConn) -> HttpRequest {
    get(&c.base, &c.key, "archive_reasons?type=hired")
}

pub fn read_reasons(r: &HttpReply) -> Result<Vec<String>, ApiError> {
    Ok(page(r)?.0.iter().filter_map(|n| n.id("id")).collect())
}

/// `PUT /opportunities/{id}/archived?perform_as= {reason}` [doc]; `None` without a user.
pub fn archive(c: &AtsConn, id: &str, reason: &str) -> Option<HttpRequest> {
    let path = as_user(c, &format!("opportunities/{}/archived", encode_query_value(id)))?;
    Some(send(Method::Put, c, &path, crate::ats_api::one_field("reason", reason)))
}

/// `GET /stages` → `data[{id, text}]` [doc]: (id, name) each.
pub fn read_stages(r: &HttpReply) -> Result<Vec<(String, String)>, ApiError> {
    id_texts(r)
}

/// `GET /opportunities?posting_id=&email=` [doc]: the posting's opportunities with the email.
pub fn on_posting(c: &AtsConn, posting: &str, email: &str) -> HttpRequest {
    get(
        &c.base,
        &c.key,
        &format!(
            "opportunities?posting_id={}&email={}",
            encode_query_value(posting),
            encode_query_value(email.trim())
        ),
    )
}

#[derive(Serialize)]
struct Phone<'a> {
    value: &'a str,
}

/// An agency's candidate for one posting.
#[derive(Serialize)]
pub struct NewOpportunity<'a> {
    pub name: &'a str,
    pub emails: &'a [String],
    phones: Vec<Phone<'a>>,
    pub links: &'a [String],
    pub sources: [&'a str; 2],
    origin: &'static str,
    postings: [&'a str; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<&'a str>,
}

impl<'a> NewOpportunity<'a> {
    /// `origin: "agency"`, sourced from `Spottabl` and the partner, on exactly one posting.
    pub fn new(
        name: &'a str,
        emails: &'a [String],
        phones: &'a [String],
        links: &'a [String],
        partner: &'a str,
        posting: &'a str,
        stage: Option<&'a str>,
    ) -> NewOpportunity<'a> {
        NewOpportunity {
            name,
            emails,
            phones: phones.iter().map(|p| Phone { value: p }).collect(),
            links,
            sources: ["Spottabl", partner],
            origin: "agency",
            postings: [posting],
            stage,
        }
    }
}

/// `POST /opportunities?perform_as=` [doc]; `None` without a user to make it as.
pub fn create(c: &AtsConn, o: &NewOpportunity) -> Option<HttpRequest> {
    let path = as_user(c, "opportunities")?;
    Some(send(Method::Post, c, &path, crate::json::to_string(o).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agency_candidate_is_made_on_one_posting_as_a_user() {
        let mut c = AtsConn {
            base: "https://api.lever.co/v1".into(),
            app: String::new(),
            key: "k".into(),
            perform_as: None,
        };
        let emails = vec!["ann@x.example".to_string()];
        let phones = vec!["+1 555 0101".to_string()];
        let o =
            NewOpportunity::new("Ann Lee", &emails, &phones, &[], "Northwind Talent", "p1", Some("offer"));
        assert!(create(&c, &o).is_none(), "Lever makes opportunities only as one of its users");
        c.perform_as = Some("u1".into());
        let r = create(&c, &o).unwrap();
        assert_eq!(r.url, "https://api.lever.co/v1/opportunities?perform_as=u1");
        assert_eq!(
            r.body.as_deref(),
            Some(
                r#"{"name":"Ann Lee","emails":["ann@x.example"],"phones":[{"value":"+1 555 0101"}],"links":[],"sources":["Spottabl","Northwind Talent"],"origin":"agency","postings":["p1"],"stage":"offer"}"#
            )
        );
        assert_eq!(
            on_posting(&c, "p1", " a+b@x.example").url,
            "https://api.lever.co/v1/opportunities?posting_id=p1&email=a%2Bb%40x.example"
        );
        let stages =
            r#"{"data":[{"id":"lead-new","text":"New lead"},{"id":"offer","text":"Offer"}],"hasNext":false}"#;
        let read = read_stages(&HttpReply { status: 200, retry_after: None, body: stages.into() }).unwrap();
        assert_eq!(read[1], ("offer".to_string(), "Offer".to_string()));
    }

    #[test]
    fn an_opportunity_is_followed_by_stage_and_archive_in_either_shape() {
        let c = AtsConn {
            base: "https://api.lever.co/v1".into(),
            app: String::new(),
            key: "k".into(),
            perform_as: Some("u1".into()),
        };
        let reply = |body: &str| HttpReply { status: 200, retry_after: None, body: body.into() };
        let list = r#"{"data":[
            {"id":"o1","stage":"offer","stageChanges":[{"toStageId":"lead-new","updatedAt":5},{"toStageId":"offer","updatedAt":9}],"archived":null,"updatedAt":12},
            {"id":"o2","stage":"offer","archived":{"reason":"r-hired","archivedAt":20},"updatedAt":20},
            {"id":"o3","stage":"lead-new","archivedAt":30,"archiveReason":"r-gone","updatedAt":30},
            {"name":"no id"}
        ],"hasNext":true,"next":"%5B%22o3%22%5D"}"#;
        let (opps, next) = read_opps(&reply(list)).unwrap();
        assert_eq!(next.as_deref(), Some("%5B%22o3%22%5D"));
        assert_eq!(opps[0], Opp { id: "o1".into(), stage: "offer".into(), archived: None, changed_at: 9 });
        assert_eq!((opps[1].archived.as_deref(), opps[1].changed_at), (Some("r-hired"), 20));
        assert_eq!(opps[2].archived.as_deref(), Some("r-gone"));
        assert_eq!(opps.len(), 3, "an opportunity without an id is no opportunity");
        assert_eq!(
            changed(&c, "p1", 1000, next.as_deref()).url,
            "https://api.lever.co/v1/opportunities?posting_id=p1&updated_at_start=1000&limit=100&offset=%5B%22o3%22%5D"
        );
        let a = archive(&c, "o1", "r-hired").unwrap();
        assert_eq!(
            (a.method, a.url.as_str(), a.body.as_deref()),
            (
                Method::Put,
                "https://api.lever.co/v1/opportunities/o1/archived?perform_as=u1",
                Some(r#"{"reason":"r-hired"}"#)
            )
        );
        let reasons = r#"{"data":[{"id":"r-hired","text":"Hired","type":"hired"}],"hasNext":false}"#;
        assert_eq!(read_reasons(&reply(reasons)).unwrap(), ["r-hired"]);
    }
}
