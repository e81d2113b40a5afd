//! Who may ask what: the content script only describes its page; everything else must come
//! from the extension's own pages.

use serde::{Deserialize, Serialize};

use super::Request;

/// Who sent a message, as the browser (not the sender) reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Sender {
    pub url: Option<String>,
    pub tab_id: Option<i32>,
    /// 64-bit in Firefox (`15032385538`).
    pub frame_id: Option<i64>,
}

impl Sender {
    /// A page of this extension (panel, popup, options), as opposed to a content script.
    pub fn is_extension_page(&self, extension_base: &str) -> bool {
        self.url.as_deref().is_some_and(|u| u.starts_with(extension_base))
    }
}

/// `scheme://host[:port]` of an absolute URL.
fn origin(url: &str) -> Option<&str> {
    let scheme_end = crate::text::find(url, "://")? + 3;
    let end = url.get(scheme_end..)?.find(['/', '?', '#']).map_or(url.len(), |i| scheme_end + i);
    url.get(..end)
}

impl Sender {
    /// The URL a content script says its page is at, if it is on the origin the browser says
    /// the script runs in. A page can rewrite its path with `history`, never its origin.
    pub fn page_url<'a>(&self, claimed: &'a str) -> Option<&'a str> {
        let actual = origin(self.url.as_deref()?)?;
        (origin(claimed)?.eq_ignore_ascii_case(actual)).then_some(claimed)
    }
}

impl Request {
    /// The content script runs beside a page we don't trust: it may only describe that page,
    /// never read accounts or act. Everything else must come from our own pages.
    #[cfg(feature = "worker")]
    pub fn allowed_from(&self, sender: &Sender, extension_base: &str) -> bool {
        match self {
            Request::PageVisit { .. } | Request::PageFields { .. } => {
                !sender.is_extension_page(extension_base)
                    && sender.tab_id.is_some()
                    && sender.frame_id == Some(0)
            }
            _ => sender.is_extension_page(extension_base),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::PageFields;
    use crate::message::Wire;

    const EXT: &str = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";

    fn content(frame: i64) -> Sender {
        Sender {
            url: Some("https://hire.lever.co/candidates/x".into()),
            tab_id: Some(4),
            frame_id: Some(frame),
        }
    }

    fn panel() -> Sender {
        Sender { url: Some(format!("{EXT}panel.html")), tab_id: Some(4), frame_id: Some(7) }
    }

    #[test]
    fn content_scripts_only_describe_the_page() {
        let fields = Request::PageFields { url: String::new(), fields: Wire::new(PageFields::default()) };
        let visit = Request::PageVisit { url: String::new() };
        assert!(visit.allowed_from(&content(0), EXT));
        assert!(fields.allowed_from(&content(0), EXT));
        assert!(!fields.allowed_from(&content(3), EXT), "sub-frames of the page are not the candidate page");
        let key = Request::SaveKey { vendor: crate::provider::ALL[0].vendor, values: Wire::new(vec![]) };
        assert!(!key.allowed_from(&content(0), EXT));
        assert!(!Request::GetAccounts.allowed_from(&content(0), EXT));
        assert!(!Request::ShareLink { provider: crate::provider::ALL[0].vendor, interview_uuid: "i".into() }
            .allowed_from(&content(0), EXT));
        assert!(key.allowed_from(&panel(), EXT));
        assert!(!fields.allowed_from(&panel(), EXT));
        let other_ext = Sender { url: Some("chrome-extension://zzzz/popup.html".into()), ..panel() };
        assert!(!Request::GetAccounts.allowed_from(&other_ext, EXT));
        assert!(!Request::GetAccounts.allowed_from(&Sender::default(), EXT));
    }

    #[test]
    fn page_urls_must_stay_on_the_senders_origin() {
        let s = content(0);
        let next = "https://hire.lever.co/candidates/8d9e0f1a-2b3c-4d5e-9f60-718293a4b5c6";
        assert_eq!(s.page_url(next), Some(next));
        assert_eq!(
            s.page_url("https://HIRE.lever.co/candidates/y"),
            Some("https://HIRE.lever.co/candidates/y")
        );
        assert_eq!(s.page_url("https://hire.eu.lever.co/candidates/x"), None);
        assert_eq!(s.page_url("https://hire.lever.co.evil.example/candidates/x"), None);
        assert_eq!(s.page_url("https://hire.lever.co:444/candidates/x"), None);
        assert_eq!(s.page_url("http://hire.lever.co/candidates/x"), None);
        assert_eq!(s.page_url("javascript:alert(1)"), None);
        assert_eq!(Sender::default().page_url(next), None);
    }
}
