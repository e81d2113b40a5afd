//! v1 → v2. Releases up to 7c9b618 stored `settings` with one field per address and pace,
//! each holding its value whether or not the recruiter changed it:
//! `{sparkhire_api, sparkhire_app, lever_api, smartrecruiters_api, smartrecruiters_app,
//! sparkhire_per_minute, hellohire_smartrecruiters, hellohire_sync_profiles}`.
//!
//! v2 keeps only what the recruiter changed, by vendor (`hosts` at `<vendor>.<name>`,
//! `per_minute` by provider), so a provider added later needs no new field and a
//! default that moves in a release reaches everyone who kept it. An address equal to v1's
//! default was never changed and is not kept; every other one is, exactly as stored.

use serde::Deserialize;

use crate::settings::{Address, Pace};
use crate::store::records::StoredSettings;
use crate::store::records::SETTINGS;
use crate::store::{Doc, Notice};

/// v1's settings. Missing fields were v1's defaults (it read them with `serde(default)`).
#[derive(Deserialize)]
#[serde(default)]
struct V1 {
    sparkhire_api: String,
    sparkhire_app: String,
    lever_api: String,
    smartrecruiters_api: String,
    smartrecruiters_app: String,
    sparkhire_per_minute: u32,
    hellohire_smartrecruiters: bool,
    hellohire_sync_profiles: bool,
}

/// v1's defaults, as that release wrote them.
impl Default for V1 {
    fn default() -> Self {
        V1 {
            sparkhire_api: "https://api.sparkhire.com/v1.0".into(),
            sparkhire_app: "https://app.sparkhire.com".into(),
            lever_api: "https://api.lever.co/v1".into(),
            smartrecruiters_api: "https://api.smartrecruiters.com".into(),
            smartrecruiters_app: "https://www.smartrecruiters.com".into(),
            sparkhire_per_minute: 400,
            hellohire_smartrecruiters: false,
            hellohire_sync_profiles: false,
        }
    }
}

pub fn migrate<D: Doc>(doc: &mut D) -> Result<Vec<Notice>, String> {
    let old = match doc.get::<V1>(SETTINGS) {
        None => return Ok(vec![]),
        Some(Some(old)) => old,
        Some(None) => {
            doc.set_aside(SETTINGS);
            return Ok(vec![Notice::set_aside(SETTINGS)]);
        }
    };
    let d = V1::default();
    let mut hosts = Vec::new();
    for (key, now, default) in [
        ("spark_hire.api", old.sparkhire_api, d.sparkhire_api),
        ("spark_hire.app", old.sparkhire_app, d.sparkhire_app),
        ("lever.api", old.lever_api, d.lever_api),
        ("smartrecruiters.api", old.smartrecruiters_api, d.smartrecruiters_api),
        ("smartrecruiters.app", old.smartrecruiters_app, d.smartrecruiters_app),
    ] {
        if now != default {
            hosts.push(Address { at: key.to_string(), url: now });
        }
    }
    let mut per_minute = Vec::new();
    if old.sparkhire_per_minute != d.sparkhire_per_minute {
        per_minute.push(Pace { provider: "spark_hire".into(), per_minute: old.sparkhire_per_minute });
    }
    let next = StoredSettings {
        hosts,
        per_minute,
        hellohire_smartrecruiters: old.hellohire_smartrecruiters,
        hellohire_sync_profiles: old.hellohire_sync_profiles,
        ..StoredSettings::default()
    };
    doc.set(SETTINGS, &next)?;
    Ok(vec![])
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::provider;
    use crate::registry;
    use crate::settings::Settings;
    use crate::store::records::StoredSettings;
    use crate::store::testing::MapDoc;
    use crate::store::{upgrade, CURRENT_VERSION, SCHEMA_KEY};

    /// What 7c9b618 (schema v1) stored for a recruiter who moved Spark Hire to a sandbox,
    /// pointed Lever at its EU region, lowered the pace and turned both Hellohire switches on;
    /// the rest of the profile as that release stored it.
    const V1: &str = include_str!("../fixtures/v1-7c9b618.json");

    /// The stored record, read as the worker reads it.
    fn settings(doc: &MapDoc) -> Settings {
        serde_json::from_value::<StoredSettings>(doc.data["settings"].clone()).unwrap().into()
    }

    #[test]
    fn changed_addresses_and_pace_are_kept_and_defaults_follow_the_vendor() {
        let mut doc = MapDoc::new(V1);
        assert_eq!(upgrade(&mut doc), Ok(1));
        assert_eq!(doc.data[SCHEMA_KEY], json!(CURRENT_VERSION));
        let s = settings(&doc);
        let spark = provider::by_id("spark_hire").unwrap();
        let lever = registry::by_id("lever").unwrap();
        let sr = registry::by_id("smartrecruiters").unwrap();
        assert_eq!(s.host(spark.vendor, "api"), "https://sandbox.sparkhire.example/v1.0");
        assert_eq!(s.host(lever, "api"), "https://api.eu.lever.co/v1");
        assert_eq!(spark.pace(&s), 120);
        assert!(s.hellohire_smartrecruiters && s.hellohire_sync_profiles);
        // Unchanged ones are not kept: they follow the vendor's declaration.
        assert_eq!(s.changed_host(spark.vendor, "app"), None);
        assert_eq!(s.changed_host(sr, "api"), None);
        assert_eq!(s.hosts.len(), 2);
        assert_eq!(crate::registry::validate(&s), Ok(()));
        // Nothing else in the profile is touched.
        let before: serde_json::Value = serde_json::from_str(V1).unwrap();
        for key in ["accounts", "links", "choices", "batches"] {
            assert_eq!(doc.data[key], before[key], "{key}");
        }
        let mut again = MapDoc { data: doc.data.clone(), ..MapDoc::default() };
        assert_eq!(upgrade(&mut again), Ok(CURRENT_VERSION));
        assert!(again.changed.is_empty(), "upgrading twice changes nothing");
    }

    #[test]
    fn settings_left_at_v1_defaults_become_empty_and_unreadable_ones_are_set_aside() {
        let mut doc = MapDoc::new(
            r#"{"schema_version":1,"settings":{"sparkhire_api":"https://api.sparkhire.com/v1.0","sparkhire_per_minute":400}}"#,
        );
        upgrade(&mut doc).unwrap();
        assert_eq!(settings(&doc), Settings::default());
        let mut doc = MapDoc::new(r#"{"schema_version":1,"settings":[1]}"#);
        upgrade(&mut doc).unwrap();
        assert_eq!(doc.data["unreadable:settings"], json!([1]));
        assert!(!doc.data.contains_key("settings"));
        assert!(doc.data["notices"][0]["message"].as_str().unwrap().contains("settings"));
    }
}
