//! What this version knows: every vendor of both registries (the interview providers, then
//! the ATS APIs), the fields an account with each needs, and which settings are valid for them.
//! It sits above every declaration, so a vendor's own module never depends on the list it is
//! in, and the settings (plain data) never depend on the providers that read them.

use serde::{Deserialize, Deserializer};

use crate::i18n::msgf;
use crate::provider::{self, CredentialField};
use crate::settings::{host_key, put_host, put_pace, Address, Pace, Settings, SettingsPatch};
use crate::vendor::{Host, Vendor};

/// Every vendor. (A list, not an iterator: each caller then shares one loop instead of its own
/// copy of an iterator chain.)
pub fn all() -> Vec<Vendor> {
    let mut out: Vec<Vendor> = provider::ALL.iter().map(|p| p.vendor).collect();
    out.extend(crate::ats_api::ALL.iter().map(|a| a.vendor));
    out.push(crate::ats_api::pageup::VENDOR);
    out.push(crate::spottabl::VENDOR);
    out
}

pub fn by_id(id: &str) -> Option<Vendor> {
    all().into_iter().find(|v| v.id == id)
}

// A vendor travels as its id and is only ever read back as one this version knows.
impl<'de> Deserialize<'de> for Vendor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Vendor, D::Error> {
        let id = String::deserialize(d)?;
        by_id(&id).ok_or_else(|| serde::de::Error::custom("unknown vendor"))
    }
}

/// The fields an account with this vendor needs: a provider declares them; an ATS API takes
/// one API key.
pub fn credential_fields(v: Vendor) -> Vec<CredentialField> {
    match (provider::by_id(v.id), crate::ats_api::by_id(v.id)) {
        (Some(p), _) => p.credentials.to_vec(),
        _ if v == crate::ats_api::pageup::VENDOR => crate::ats_api::pageup::CREDENTIALS.to_vec(),
        _ if v == crate::spottabl::VENDOR => crate::spottabl::CREDENTIALS.to_vec(),
        (None, api) => {
            let mut out = vec![CredentialField {
                name: crate::store::records::API_KEY,
                label: crate::i18n::msg_key("f_api_key"),
                help: api.map_or("", |a| a.key_help),
                secret: true,
                optional: false,
            }];
            if v == crate::ats_api::lever::VENDOR {
                out.push(crate::ats_api::lever::PERFORM_AS_FIELD);
            }
            out
        }
    }
}

/// A field's label with the vendor's name, as a page listing several vendors shows it
/// ("Lever API key", not "API key").
pub fn field_label(v: Vendor, f: &CredentialField) -> String {
    msgf(f.label, &[v.label])
}

/// Where in the vendor's app a field's value is found, where something says it.
pub fn field_help(f: &CredentialField) -> String {
    if f.help.is_empty() {
        String::new()
    } else {
        msgf(f.help, &[])
    }
}

/// An address's label in the settings ("Spark Hire API").
pub fn host_label(v: Vendor, h: &Host) -> String {
    msgf(h.label, &[v.label])
}

/// The address a vendor declares at `at` (`<vendor id>.<host name>`).
fn declared(at: &str) -> Option<(Vendor, &'static Host)> {
    all().into_iter().find_map(|v| v.hosts.iter().find(|h| host_key(v, h.name) == at).map(|h| (v, h)))
}

/// Refuses an address this version doesn't know or that isn't an https origin with an optional
/// path (keys are sent to these), and a pace outside a provider's limit.
pub fn validate(s: &Settings) -> Result<(), String> {
    for Pace { provider, per_minute: n } in &s.per_minute {
        let p = provider::by_id(provider).ok_or_else(|| msgf("unknown_provider", &[]))?;
        if !(1..=p.per_minute).contains(n) {
            return Err(msgf("pace_range", &[p.vendor.label, &p.per_minute.to_string()]));
        }
    }
    for Address { at, url } in &s.hosts {
        let (v, h) = declared(at).ok_or_else(|| msgf("unknown_address", &[]))?;
        let label = host_label(v, h);
        let Some(rest) = url.strip_prefix("https://") else {
            return Err(msgf("addr_https", &[&label]));
        };
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() || host.contains(['@', ' ', '?', '#']) {
            return Err(msgf("addr_host", &[&label]));
        }
    }
    Ok(())
}

/// What changed from `before` to `after`, as the form shows them (defaults filled in).
pub fn changes(before: &Settings, after: &Settings) -> SettingsPatch {
    let mut patch = SettingsPatch::default();
    for v in all() {
        for h in v.hosts {
            let now = after.host(v, h.name);
            if now != before.host(v, h.name) {
                patch.set_host(v, h.name, now);
            }
        }
    }
    for p in provider::ALL {
        if p.pace(before) != p.pace(after) {
            put_pace(&mut patch.per_minute, p.vendor.id, p.pace(after));
        }
    }
    let changed = |a: bool, b: bool| (a != b).then_some(b);
    patch.hellohire_smartrecruiters =
        changed(before.hellohire_smartrecruiters, after.hellohire_smartrecruiters);
    patch.hellohire_sync_profiles = changed(before.hellohire_sync_profiles, after.hellohire_sync_profiles);
    patch.provider_emails_on_pageup =
        changed(before.provider_emails_on_pageup, after.provider_emails_on_pageup);
    patch
}

/// `to` with `patch` applied, if the result is valid. A value set back to its default is
/// dropped, so it follows the vendor's default again.
pub fn apply(patch: &SettingsPatch, to: &Settings) -> Result<Settings, String> {
    let mut next = to.clone();
    for Address { at, url } in &patch.hosts {
        let url = url.trim().to_string();
        if declared(at).is_some_and(|(_, h)| h.default == url) {
            next.hosts.retain(|a| a.at != *at);
        } else {
            put_host(&mut next.hosts, at.clone(), url);
        }
    }
    for Pace { provider, per_minute: n } in &patch.per_minute {
        if provider::by_id(provider).is_some_and(|p| p.per_minute == *n) {
            next.per_minute.retain(|p| p.provider != *provider);
        } else {
            put_pace(&mut next.per_minute, provider, *n);
        }
    }
    next.hellohire_smartrecruiters =
        patch.hellohire_smartrecruiters.unwrap_or(next.hellohire_smartrecruiters);
    next.hellohire_sync_profiles = patch.hellohire_sync_profiles.unwrap_or(next.hellohire_sync_profiles);
    next.provider_emails_on_pageup =
        patch.provider_emails_on_pageup.unwrap_or(next.provider_emails_on_pageup);
    validate(&next)?;
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::testing::FAKE;

    /// Any vendor of the registry: addresses must be ones this version knows.
    const V: Vendor = crate::provider::ALL[0].vendor;

    #[test]
    fn every_vendor_is_found_by_its_id_and_travels_as_it() {
        for v in all() {
            assert_eq!(by_id(v.id), Some(v));
            assert_eq!(all().iter().filter(|w| w.id == v.id).count(), 1, "{} twice", v.id);
            assert!(v.api_hosts.iter().all(|h| h.starts_with("https://") && h.ends_with("/*")), "{}", v.id);
            assert!(v.hosts.iter().all(|h| h.default.starts_with("https://")), "{}", v.id);
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(json, format!("\"{}\"", v.id));
            assert_eq!(serde_json::from_str::<Vendor>(&json).unwrap(), v);
        }
        assert!(serde_json::from_str::<Vendor>("\"nobody\"").is_err());
    }

    #[test]
    fn defaults_are_each_vendors_own() {
        let s = Settings::default();
        assert_eq!(validate(&s), Ok(()));
        for v in all() {
            for h in v.hosts {
                assert_eq!(s.host(v, h.name), h.default);
                assert_eq!(s.changed_host(v, h.name), None);
            }
        }
        assert_eq!(FAKE.pace(&s), FAKE.per_minute);
    }

    #[test]
    fn custom_hosts_must_be_https_and_known() {
        let mut p = SettingsPatch::default();
        p.set_host(V, "api", "http://api.vendor.example/v1".into());
        assert!(apply(&p, &Settings::default()).unwrap_err().contains("https://"));
        p.set_host(V, "api", "https://user@evil/v1".into());
        assert!(apply(&p, &Settings::default()).is_err());
        p.set_host(V, "api", " https://fake.internal.example/v1/ ".into());
        let s = apply(&p, &Settings::default()).unwrap();
        assert_eq!(s.host(V, "api"), "https://fake.internal.example/v1/");
        assert_eq!(
            crate::settings::join(&s.host(V, "api"), "/jobs"),
            "https://fake.internal.example/v1/jobs"
        );
        // Back to the default address: it follows the vendor's default again.
        p.set_host(V, "api", V.host("api").unwrap().default.into());
        assert_eq!(apply(&p, &s).unwrap(), Settings::default());
        let unknown = SettingsPatch {
            hosts: vec![Address { at: "nobody.api".into(), url: "https://x.example".into() }],
            ..Default::default()
        };
        assert!(apply(&unknown, &Settings::default()).is_err());
    }

    #[test]
    fn the_pace_stays_within_the_providers_limit() {
        let limit = crate::provider::ALL[0];
        for (n, ok) in [(0, false), (1, true), (limit.per_minute, true), (limit.per_minute + 1, false)] {
            let p = SettingsPatch {
                per_minute: vec![Pace { provider: limit.vendor.id.into(), per_minute: n }],
                ..Default::default()
            };
            assert_eq!(apply(&p, &Settings::default()).is_ok(), ok, "{n}");
        }
        let p = SettingsPatch {
            per_minute: vec![Pace { provider: limit.vendor.id.into(), per_minute: 120 }],
            ..Default::default()
        };
        let s = apply(&p, &Settings::default()).unwrap();
        assert_eq!(limit.pace(&s), 120);
        let back = SettingsPatch {
            per_minute: vec![Pace { provider: limit.vendor.id.into(), per_minute: limit.per_minute }],
            ..Default::default()
        };
        assert!(apply(&back, &s).unwrap().per_minute.is_empty());
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
                        *s = apply(&patch, s).unwrap();
                    })
                    .await
                    .unwrap();
            }) as std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>
        };
        let switch = SettingsPatch { hellohire_smartrecruiters: Some(true), ..Default::default() };
        run_together(vec![save(switch), save(changes(&loaded, &form))]);
        let stored: Settings = block_on(records.read("settings")).unwrap().unwrap();
        assert!(stored.hellohire_smartrecruiters, "the switch stays on");
        assert_eq!(stored.host(lever, "api"), "https://api.eu.lever.co/v1");
        assert_eq!(changes(&loaded, &loaded), SettingsPatch::default());
    }
}
