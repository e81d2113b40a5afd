//! What the agency workflow (Spottabl × Lever, issue 13) asks of Lever beyond the shared
//! interface: the account's stages, an opportunity on one posting by email, and a new
//! opportunity from an agency [doc].

use serde::Serialize;

use super::{as_user, encode_query_value, get, page, send, AtsConn};
use crate::error::ApiError;
use crate::http::{HttpReply, HttpRequest, Method};

/// `GET /stages` → `data[{id, text}]` [doc]: (id, name) each.
pub fn read_stages(r: &HttpReply) -> Result<Vec<(String, String)>, ApiError> {
    let mut out = Vec::new();
    for s in page(r)?.0 {
        if let (Some(id), Some(text)) = (s.id("id"), s.str("text")) {
            out.push((id, text));
        }
    }
    Ok(out)
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
}
