//! Where the vendors live and how fast to go, as the recruiter changed them. Only changes are
//! kept: the defaults are each vendor's own declaration (`vendor::Host`, the provider's
//! `per_minute`), so a default that moves in a release reaches everyone who kept it.

use serde::{Deserialize, Serialize};

use crate::vendor::{self, Vendor};

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

fn host_key(v: Vendor, name: &str) -> String {
    format!("{}.{name}", v.id)
}

fn put_host(hosts: &mut Vec<Address>, at: String, url: String) {
    hosts.retain(|a| a.at != at);
    hosts.push(Address { at, url });
}

fn put_pace(paces: &mut Vec<Pace>, provider: &str, per_minute: u32) {
    paces.retain(|p| p.provider != provider);
    paces.push(Pace { provider: provider.into(), per_minute });
}

/// The address a vendor declares at `at` (`<vendor id>.<host name>`).
fn declared(at: &str) -> Option<&'static crate::vendor::Host> {
    vendor::all().into_iter().find_map(|v| v.hosts.iter().find(|h| host_key(v, h.name) == at))
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

    /// Sets a pace as a form holds it, before it is validated and saved as a patch.
    pub fn set_per_minute(&mut self, provider: &crate::provider::Provider, n: u32) {
        put_pace(&mut self.per_minute, provider.vendor.id, n);
    }

    /// The address the recruiter set, if they set one.
    pub fn changed_host(&self, v: Vendor, name: &str) -> Option<&str> {
        let at = host_key(v, name);
        self.hosts.iter().find(|a| a.at == at).map(|a| a.url.as_str())
    }

    /// How many requests a minute bulk runs with this provider may make.
    pub fn per_minute(&self, provider: &crate::provider::Provider) -> u32 {
        let id = provider.vendor.id;
        self.per_minute.iter().find(|p| p.provider == id).map_or(provider.per_minute, |p| p.per_minute)
    }

    /// Refuses anything but an https origin with an optional path (keys are sent to these),
    /// and a pace above a provider's limit.
    pub fn validate(&self) -> Result<(), String> {
        for Pace { provider, per_minute: n } in &self.per_minute {
            let p = crate::provider::by_id(provider).ok_or("That provider isn't known to this version.")?;
            if !(1..=p.per_minute).contains(n) {
                return Err(format!(
                    "{} requests a minute must be between 1 and {}.",
                    p.vendor.label, p.per_minute
                ));
            }
        }
        for Address { at, url } in &self.hosts {
            let label = declared(at).ok_or("That address isn't one this version knows.")?.label;
            let Some(rest) = url.strip_prefix("https://") else {
                return Err(format!("{label} address must start with https://"));
            };
            let host = rest.split('/').next().unwrap_or("");
            if host.is_empty() || host.contains(['@', ' ', '?', '#']) {
                return Err(format!("{label} address has no valid host."));
            }
        }
        Ok(())
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
}

impl SettingsPatch {
    /// The address `vendor`'s `name` host should now have.
    pub fn set_host(&mut self, v: Vendor, name: &str, url: String) {
        put_host(&mut self.hosts, host_key(v, name), url);
    }

    /// What changed from `before` to `after`, as the form shows them (defaults filled in).
    pub fn between(before: &Settings, after: &Settings) -> SettingsPatch {
        let mut patch = SettingsPatch::default();
        for v in vendor::all() {
            for h in v.hosts {
                let now = after.host(v, h.name);
                if now != before.host(v, h.name) {
                    patch.set_host(v, h.name, now);
                }
            }
        }
        for p in crate::provider::ALL {
            if before.per_minute(p) != after.per_minute(p) {
                put_pace(&mut patch.per_minute, p.vendor.id, after.per_minute(p));
            }
        }
        let changed = |a: bool, b: bool| (a != b).then_some(b);
        patch.hellohire_smartrecruiters =
            changed(before.hellohire_smartrecruiters, after.hellohire_smartrecruiters);
        patch.hellohire_sync_profiles =
            changed(before.hellohire_sync_profiles, after.hellohire_sync_profiles);
        patch
    }

    /// The settings with this patch applied, if they are valid.
    pub fn apply(&self, to: &Settings) -> Result<Settings, String> {
        let mut next = to.clone();
        for Address { at, url } in &self.hosts {
            let url = url.trim().to_string();
            if declared(at).is_some_and(|h| h.default == url) {
                next.hosts.retain(|a| a.at != *at);
            } else {
                put_host(&mut next.hosts, at.clone(), url);
            }
        }
        for Pace { provider, per_minute: n } in &self.per_minute {
            if crate::provider::by_id(provider).is_some_and(|p| p.per_minute == *n) {
                next.per_minute.retain(|p| p.provider != *provider);
            } else {
                put_pace(&mut next.per_minute, provider, *n);
            }
        }
        next.hellohire_smartrecruiters =
            self.hellohire_smartrecruiters.unwrap_or(next.hellohire_smartrecruiters);
        next.hellohire_sync_profiles = self.hellohire_sync_profiles.unwrap_or(next.hellohire_sync_profiles);
        next.validate()?;
        Ok(next)
    }
}

/// Joins a base and a path without doubling or losing the slash.
pub fn join(base: &str, path: &str) -> String {
    format!("{}/{}", base.trim_end_matches('/'), path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::testing::FAKE;

    /// Any vendor of the registry: addresses must be ones this version knows.
    const V: Vendor = crate::provider::ALL[0].vendor;

    #[test]
    fn defaults_are_each_vendors_own() {
        let s = Settings::default();
        assert_eq!(s.validate(), Ok(()));
        for v in vendor::all() {
            for h in v.hosts {
                assert_eq!(s.host(v, h.name), h.default);
                assert_eq!(s.changed_host(v, h.name), None);
            }
        }
        assert_eq!(s.per_minute(&FAKE), FAKE.per_minute);
    }

    #[test]
    fn custom_hosts_must_be_https_and_known() {
        let mut p = SettingsPatch::default();
        p.set_host(V, "api", "http://api.vendor.example/v1".into());
        assert!(p.apply(&Settings::default()).unwrap_err().contains("https://"));
        p.set_host(V, "api", "https://user@evil/v1".into());
        assert!(p.apply(&Settings::default()).is_err());
        p.set_host(V, "api", " https://fake.internal.example/v1/ ".into());
        let s = p.apply(&Settings::default()).unwrap();
        assert_eq!(s.host(V, "api"), "https://fake.internal.example/v1/");
        assert_eq!(join(&s.host(V, "api"), "/jobs"), "https://fake.internal.example/v1/jobs");
        // Back to the default address: it follows the vendor's default again.
        p.set_host(V, "api", V.host("api").unwrap().default.into());
        assert_eq!(p.apply(&s).unwrap(), Settings::default());
        let unknown = SettingsPatch {
            hosts: vec![Address { at: "nobody.api".into(), url: "https://x.example".into() }],
            ..Default::default()
        };
        assert!(unknown.apply(&Settings::default()).is_err());
    }

    #[test]
    fn the_pace_stays_within_the_providers_limit() {
        let limit = crate::provider::ALL[0];
        for (n, ok) in [(0, false), (1, true), (limit.per_minute, true), (limit.per_minute + 1, false)] {
            let p = SettingsPatch {
                per_minute: vec![Pace { provider: limit.vendor.id.into(), per_minute: n }],
                ..Default::default()
            };
            assert_eq!(p.apply(&Settings::default()).is_ok(), ok, "{n}");
        }
        let p = SettingsPatch {
            per_minute: vec![Pace { provider: limit.vendor.id.into(), per_minute: 120 }],
            ..Default::default()
        };
        let s = p.apply(&Settings::default()).unwrap();
        assert_eq!(s.per_minute(limit), 120);
        let back = SettingsPatch {
            per_minute: vec![Pace { provider: limit.vendor.id.into(), per_minute: limit.per_minute }],
            ..Default::default()
        };
        assert!(back.apply(&s).unwrap().per_minute.is_empty());
    }

    #[test]
    fn a_switch_flipped_then_a_host_saved_keeps_both() {
        use crate::store::writer::{testing::*, Records};
        // The options page loaded the settings, then the switch saved at once; later the
        // form's Save sends what the form changed, not the whole (stale) object.
        let loaded = Settings::default();
        let lever = crate::ats_api::lever::API.vendor;
        let mut form = loaded.clone();
        form.set_host(lever, "api", "https://api.eu.lever.co/v1".into());
        let records = Records::new(MemoryArea::default());
        let save = |patch: SettingsPatch| {
            let records = &records;
            Box::pin(async move {
                records
                    .update("settings", |s: &mut Settings| {
                        *s = patch.apply(s).unwrap();
                    })
                    .await
                    .unwrap();
            }) as std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>
        };
        let switch = SettingsPatch { hellohire_smartrecruiters: Some(true), ..Default::default() };
        run_together(vec![save(switch), save(SettingsPatch::between(&loaded, &form))]);
        let stored: Settings = block_on(records.read("settings")).unwrap().unwrap();
        assert!(stored.hellohire_smartrecruiters, "the switch stays on");
        assert_eq!(stored.host(lever, "api"), "https://api.eu.lever.co/v1");
        assert_eq!(SettingsPatch::between(&loaded, &loaded), SettingsPatch::default());
    }
}
