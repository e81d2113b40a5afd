//! A vendor the extension talks to (an interview provider or an ATS API), as the shared
//! machinery needs to know it: its id and name, its API hosts, the addresses a recruiter may
//! change, and the house rules of its API that error mapping and pacing follow. Each vendor
//! declares itself in its own file; this is only the shape (the list of them is
//! `registry`, above every declaration).

use serde::{Serialize, Serializer};

/// A handle on a vendor's declaration: one word, so errors that name it stay small.
#[derive(Clone, Copy)]
pub struct Vendor(pub &'static About);

impl std::ops::Deref for Vendor {
    type Target = About;
    fn deref(&self) -> &About {
        self.0
    }
}

impl std::fmt::Debug for Vendor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct About {
    /// Its id in stored records and messages.
    pub id: &'static str,
    pub label: &'static str,
    /// Host patterns of its API, for the manifest.
    pub api_hosts: &'static [&'static str],
    /// Its API hosts are granted at install. A vendor added in a later release is not: its
    /// hosts are asked for when the recruiter saves its credentials, since a new required host
    /// would disable the extension on update until the user re-approves it.
    pub granted_at_install: bool,
    /// Addresses the recruiter may point elsewhere (a region, a sandbox) in the options.
    pub hosts: &'static [Host],
    pub rules: Rules,
}

/// An address of a vendor's, with the real production host as its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Host {
    /// Its name in the settings, after the vendor's id (`spark_hire.api`).
    pub name: &'static str,
    pub label: &'static str,
    pub default: &'static str,
}

/// How a vendor's API differs from the common case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// How long a 429 that names no wait means waiting.
    pub retry_after_s: u64,
    /// A malformed key is answered with 400 and a reason about the key, not with 401.
    pub key_refused_with_400: bool,
    /// What a 403 means with this vendor, when it can say more than "no access".
    pub forbidden: Option<&'static str>,
    /// Requests a second per key, for vendors that count by the second: every call to it
    /// waits for a slot, so two flows together never go over.
    pub per_second: Option<usize>,
    /// The header a 429 names its wait in, when the vendor has its own; the standard
    /// `Retry-After` is read after it.
    pub wait_header: Option<&'static str>,
}

impl Rules {
    pub const COMMON: Rules = Rules {
        retry_after_s: 60,
        key_refused_with_400: false,
        forbidden: None,
        per_second: None,
        wait_header: None,
    };

    /// The seconds a 429 asks to wait, from the vendor's own header or the standard one.
    pub fn named_wait(&self, header: impl Fn(&str) -> Option<String>) -> Option<u64> {
        self.wait_header
            .into_iter()
            .chain(["Retry-After"])
            .find_map(header)
            .and_then(|v| v.trim().parse().ok())
    }
}

impl Vendor {
    pub fn label(self) -> &'static str {
        self.0.label
    }

    pub fn host(self, name: &str) -> Option<&'static Host> {
        self.0.hosts.iter().find(|h| h.name == name)
    }

    /// `url` is on one of the vendor's own API hosts, which the manifest grants: a key may go
    /// there without asking the browser. Anywhere else needs the recruiter's grant.
    pub fn serves(self, url: &str) -> bool {
        self.0.api_hosts.iter().any(|p| {
            let own = p.trim_end_matches('*');
            match own.strip_prefix("https://*") {
                // `https://*.pageuppeople.com/*`: any host under the domain, on the usual port.
                Some(domain) => url
                    .strip_prefix("https://")
                    .and_then(|rest| rest.split_once('/'))
                    .is_some_and(|(host, _)| {
                        host.ends_with(domain.trim_end_matches('/')) && !host.contains(['@', ':', '?', '#'])
                    }),
                None => url.starts_with(own),
            }
        })
    }
}

// Two declarations of one vendor are the same vendor: the id is what is stored.
impl PartialEq for Vendor {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Vendor {}

impl Serialize for Vendor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id)
    }
}

/// Words only the popup and options show (where to find a key, what a field is for): empty in
/// every other bundle, which never shows them, so they don't carry them.
pub const fn shown(text: &'static str) -> &'static str {
    if cfg!(feature = "settings") {
        text
    } else {
        ""
    }
}

/// A field the recruiter fills in to connect an account (one API key; or several, such as a
/// company id, an access key and a secret).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CredentialField {
    /// The name the stored account keeps it under (`store::records::Credential`).
    pub name: &'static str,
    /// The key of its label's message, whose `$VENDOR$` is the vendor's name.
    pub label: &'static str,
    /// The key of the message saying where in the vendor's app the recruiter finds it; "" where
    /// nothing says it.
    pub help: &'static str,
    /// Shown as dots and never sent back to a page.
    pub secret: bool,
    /// May be left empty: a choice of the recruiter's, not what the vendor needs to connect.
    /// Only the options page asks for it.
    pub optional: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_429_wait_is_read_from_the_vendors_own_header_first() {
        let own = Rules { wait_header: Some("X-Rate-Limit-Try-Again-Seconds"), ..Rules::COMMON };
        let both = |h: &str| match h {
            "X-Rate-Limit-Try-Again-Seconds" => Some(" 12 ".to_string()),
            "Retry-After" => Some("30".to_string()),
            _ => None,
        };
        assert_eq!(own.named_wait(both), Some(12));
        assert_eq!(Rules::COMMON.named_wait(both), Some(30), "others' headers are not read");
        assert_eq!(own.named_wait(|h| (h == "Retry-After").then(|| "5".into())), Some(5));
        assert_eq!(own.named_wait(|_| Some("soon".into())), None, "a wait that isn't seconds is no wait");
    }

    #[test]
    fn a_vendor_serves_only_urls_on_its_own_api_hosts() {
        static ABOUT: About = About {
            id: "acme",
            label: "Acme",
            api_hosts: &["https://api.acme.example/*", "https://api.eu.acme.example/*"],
            granted_at_install: true,
            hosts: &[],
            rules: Rules::COMMON,
        };
        let v = Vendor(&ABOUT);
        assert!(v.serves("https://api.acme.example/v1/jobs"));
        assert!(v.serves("https://api.eu.acme.example/v1/jobs?x=1"));
        for elsewhere in [
            "https://api.acme.example.evil.example/v1",
            "https://api.acme.example@evil.example/v1",
            "https://api.acme.example:8443/v1",
            "http://api.acme.example/v1",
            "https://evil.example/https://api.acme.example/",
        ] {
            assert!(!v.serves(elsewhere), "{elsewhere}");
        }
        // A vendor on hosts named per customer and data centre (PageUp).
        static MANY: About = About { id: "many", api_hosts: &["https://*.many.example/*"], ..ABOUT };
        let v = Vendor(&MANY);
        assert!(v.serves("https://login.dc4.many.example/connect/token"));
        assert!(v.serves("https://api.dc4.many.example/v3/1/recruitment"));
        for elsewhere in [
            "https://many.example.evil.example/",
            "https://evil.example/x.many.example/",
            "https://a.many.example@evil.example/",
            "https://evil.example@a.many.example/",
            "https://a.many.example:8443/",
            "https://a.many.example?.evil.example/",
            "http://a.many.example/",
            "https://a.many.example",
        ] {
            assert!(!v.serves(elsewhere), "{elsewhere}");
        }
    }
}
