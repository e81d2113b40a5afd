//! Interview providers: each is one folder (its requests and replies, sans-IO, with the
//! vendor's own field names) and one line in `ALL`, where it declares what the machinery
//! around it needs to know: its credential fields, what it can do, its rate limit, its API
//! hosts and its rate-limit quirks.

pub mod sparkhire;

/// A field the recruiter fills in to connect an account (one API key; or several, such as a
/// company id, an access key and a secret).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CredentialField {
    /// The name the stored account keeps it under (`store::records::Credential`).
    pub name: &'static str,
    pub label: &'static str,
    /// Where in the vendor's app the recruiter finds it.
    pub help: &'static str,
    /// Shown as dots and never sent back to a page.
    pub secret: bool,
}

/// What a provider can do, so the panel shows only what works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capabilities {
    pub live: bool,
    pub share_link: bool,
    pub extend: bool,
    pub cancel: bool,
    pub remind: bool,
    pub grade: bool,
    pub score: bool,
    pub create_job: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provider {
    /// Its id in stored records and messages.
    pub id: &'static str,
    pub label: &'static str,
    pub credentials: &'static [CredentialField],
    pub capabilities: Capabilities,
    /// Requests a minute per key; bulk runs are paced under it.
    pub per_minute: u32,
    /// Host patterns of its API. The first release's are granted at install; a provider added
    /// later asks for its hosts when the recruiter saves its credentials (`manifest.rs`).
    pub api_hosts: &'static [&'static str],
    /// How long a 429 that names no wait means waiting.
    pub default_retry_after_s: u64,
}

/// Every provider, one line each.
pub const ALL: &[&Provider] = &[&sparkhire::PROVIDER];

pub fn by_id(id: &str) -> Option<&'static Provider> {
    ALL.iter().copied().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_provider_is_complete_and_found_by_its_id() {
        for p in ALL {
            assert_eq!(by_id(p.id), Some(*p));
            assert!(ALL.iter().filter(|q| q.id == p.id).count() == 1, "{} twice", p.id);
            assert!(!p.credentials.is_empty() && p.per_minute > 0, "{}", p.id);
            assert!(p.api_hosts.iter().all(|h| h.starts_with("https://") && h.ends_with("/*")), "{}", p.id);
        }
        assert_eq!(by_id("nobody"), None);
    }
}
