//! Where the vendors live and how fast to go, as the recruiter changed them. Only changes are
//! kept: the defaults are each vendor's own declaration (`vendor::Host`, the provider's
//! `per_minute`), so a default that moves in a release reaches everyone who kept it. What is a
//! valid setting depends on every vendor this version knows: `registry` checks and applies.

use serde::{Deserialize, Serialize};

use crate::vendor::Vendor;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Settings {
    /// Addresses pointed away from a vendor's default (a region, a sandbox).
    pub hosts: Vec<Address>,
    /// A provider's pace for bulk runs, when the recruiter set it below the provider's limit
    /// (other tools share the key).
    pub per_minute: Vec<Pace>,
    /// Hellohire × SmartRecruiters, as Hellohire's own "SmartRecruiters Integration" toggle [doc]:
    /// off, nothing is injected on Hellohire pages and nothing is written to SmartRecruiters.
    pub hellohire_smartrecruiters: bool,
    /// "Create and update candidate profile in SmartRecruiters" [doc], off by default.
    pub hellohire_sync_profiles: bool,
    /// An invite sent from a PageUp page whose connection has a "video interview sent" code:
    /// whether the provider emails the candidate as well as PageUp (whose email goes out with
    /// the status change). Off by default, as in myInterview's own PageUp integration.
    pub provider_emails_on_pageup: bool,
}

/// An address as the recruiter set it. (A list, not a map: the pages' bundles then carry no
/// map code, and there are a handful of entries at most.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// `<vendor id>.<host name>`, e.g. `lever.api`.
    pub at: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pace {
    pub provider: String,
    pub per_minute: u32,
}

pub(crate) fn host_key(v: Vendor, name: &str) -> String {
    format!("{}.{name}", v.id)
}

pub(crate) fn put_host(hosts: &mut Vec<Address>, at: String, url: String) {
    hosts.retain(|a| a.at != at);
    hosts.push(Address { at, url });
}

pub(crate) fn put_pace(paces: &mut Vec<Pace>, provider: &str, per_minute: u32) {
    paces.retain(|p| p.provider != provider);
    paces.push(Pace { provider: provider.into(), per_minute });
}

impl Settings {
    /// A vendor's address: the recruiter's, else the vendor's default.
    pub fn host(&self, v: Vendor, name: &str) -> String {
        self.changed_host(v, name)
            .map(str::to_string)
            .or_else(|| v.host(name).map(|h| h.default.to_string()))
            .unwrap_or_default()
    }

    /// Sets an address as a form holds it, before it is validated and saved as a patch.
    pub fn set_host(&mut self, v: Vendor, name: &str, url: String) {
        put_host(&mut self.hosts, host_key(v, name), url);
    }

    /// Sets a provider's pace as a form holds it, before it is validated and saved as a patch.
    pub fn set_pace(&mut self, provider_id: &str, n: u32) {
        put_pace(&mut self.per_minute, provider_id, n);
    }

    /// The address the recruiter set, if they set one.
    pub fn changed_host(&self, v: Vendor, name: &str) -> Option<&str> {
        let at = host_key(v, name);
        self.hosts.iter().find(|a| a.at == at).map(|a| a.url.as_str())
    }

    /// The pace the recruiter set for a provider, if they set one (`Provider::pace` is the
    /// one to use).
    pub fn pace(&self, provider_id: &str) -> Option<u32> {
        self.per_minute.iter().find(|p| p.provider == provider_id).map(|p| p.per_minute)
    }
}

/// The settings a page changed, and only those: applied to what is stored now, so two pages
/// (or a switch and a form) never revert each other's changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsPatch {
    /// Addresses; a vendor's default address puts it back to following the default.
    pub hosts: Vec<Address>,
    /// Paces; the provider's limit puts it back to the default.
    pub per_minute: Vec<Pace>,
    pub hellohire_smartrecruiters: Option<bool>,
    pub hellohire_sync_profiles: Option<bool>,
    pub provider_emails_on_pageup: Option<bool>,
}

impl SettingsPatch {
    /// The address `vendor`'s `name` host should now have.
    pub fn set_host(&mut self, v: Vendor, name: &str, url: String) {
        put_host(&mut self.hosts, host_key(v, name), url);
    }
}

/// Joins a base and a path without doubling or losing the slash.
pub fn join(base: &str, path: &str) -> String {
    format!("{}/{}", base.trim_end_matches('/'), path.trim_start_matches('/'))
}
