//! Where the vendors live. The defaults are the real production hosts; the options page can
//! point them at a regional host or a sandbox.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Spark Hire classic API v1.0 [doc].
    pub sparkhire_api: String,
    /// Spark Hire's web app, for the log-in-required "Open in Spark Hire" link. The host is
    /// anonymised in the only source we have [code], hence a setting.
    pub sparkhire_app: String,
    /// Lever API [doc]. `None`-like empty string means "follow the page's region".
    pub lever_api: String,
    /// SmartRecruiters API [doc].
    pub smartrecruiters_api: String,
    /// Spark Hire's per-key rate limit, 400 a minute [doc]; bulk invites are paced under it.
    /// Lower it when other tools share the key.
    pub sparkhire_per_minute: u32,
    /// SmartRecruiters' web app, where "View in SmartRecruiters" opens a profile
    /// (`/app/people/profile/<id>` [code]).
    pub smartrecruiters_app: String,
    /// Hellohire × SmartRecruiters, as Hellohire's own "SmartRecruiters Integration" toggle [doc]:
    /// off, nothing is injected on Hellohire pages and nothing is written to SmartRecruiters.
    pub hellohire_smartrecruiters: bool,
    /// "Create and update candidate profile in SmartRecruiters" [doc], off by default.
    pub hellohire_sync_profiles: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            sparkhire_api: "https://api.sparkhire.com/v1.0".into(),
            sparkhire_app: "https://app.sparkhire.com".into(),
            lever_api: "https://api.lever.co/v1".into(),
            smartrecruiters_api: "https://api.smartrecruiters.com".into(),
            sparkhire_per_minute: crate::bulk::SPARKHIRE_PER_MINUTE,
            smartrecruiters_app: "https://www.smartrecruiters.com".into(),
            hellohire_smartrecruiters: false,
            hellohire_sync_profiles: false,
        }
    }
}

impl Settings {
    /// Refuses anything but an https origin with an optional path: keys are sent to these.
    pub fn validate(&self) -> Result<(), String> {
        if !(1..=crate::bulk::SPARKHIRE_PER_MINUTE).contains(&self.sparkhire_per_minute) {
            return Err(format!(
                "Spark Hire requests a minute must be between 1 and {}.",
                crate::bulk::SPARKHIRE_PER_MINUTE
            ));
        }
        for (label, url) in [
            ("Spark Hire API", &self.sparkhire_api),
            ("Spark Hire app", &self.sparkhire_app),
            ("Lever API", &self.lever_api),
            ("SmartRecruiters API", &self.smartrecruiters_api),
            ("SmartRecruiters app", &self.smartrecruiters_app),
        ] {
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

    /// The Lever API base for a page on `api_host`'s region, unless the recruiter set one.
    pub fn lever_api_for(&self, api_host: &str) -> String {
        if self.lever_api == Settings::default().lever_api {
            format!("https://{api_host}/v1")
        } else {
            self.lever_api.clone()
        }
    }
}

/// The settings a page changed, and only those: applied to what is stored now, so two pages
/// (or a switch and a form) never revert each other's changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsPatch {
    pub sparkhire_api: Option<String>,
    pub sparkhire_app: Option<String>,
    pub lever_api: Option<String>,
    pub smartrecruiters_api: Option<String>,
    pub sparkhire_per_minute: Option<u32>,
    pub smartrecruiters_app: Option<String>,
    pub hellohire_smartrecruiters: Option<bool>,
    pub hellohire_sync_profiles: Option<bool>,
}

impl SettingsPatch {
    /// What changed from `before` to `after`.
    pub fn between(before: &Settings, after: &Settings) -> SettingsPatch {
        fn changed<T: PartialEq + Clone>(a: &T, b: &T) -> Option<T> {
            (a != b).then(|| b.clone())
        }
        SettingsPatch {
            sparkhire_api: changed(&before.sparkhire_api, &after.sparkhire_api),
            sparkhire_app: changed(&before.sparkhire_app, &after.sparkhire_app),
            lever_api: changed(&before.lever_api, &after.lever_api),
            smartrecruiters_api: changed(&before.smartrecruiters_api, &after.smartrecruiters_api),
            sparkhire_per_minute: changed(&before.sparkhire_per_minute, &after.sparkhire_per_minute),
            smartrecruiters_app: changed(&before.smartrecruiters_app, &after.smartrecruiters_app),
            hellohire_smartrecruiters: changed(
                &before.hellohire_smartrecruiters,
                &after.hellohire_smartrecruiters,
            ),
            hellohire_sync_profiles: changed(&before.hellohire_sync_profiles, &after.hellohire_sync_profiles),
        }
    }

    /// The settings with this patch applied, if they are valid.
    pub fn apply(&self, to: &Settings) -> Result<Settings, String> {
        let p = self.clone();
        let s = to.clone();
        let next = Settings {
            sparkhire_api: p.sparkhire_api.unwrap_or(s.sparkhire_api),
            sparkhire_app: p.sparkhire_app.unwrap_or(s.sparkhire_app),
            lever_api: p.lever_api.unwrap_or(s.lever_api),
            smartrecruiters_api: p.smartrecruiters_api.unwrap_or(s.smartrecruiters_api),
            sparkhire_per_minute: p.sparkhire_per_minute.unwrap_or(s.sparkhire_per_minute),
            smartrecruiters_app: p.smartrecruiters_app.unwrap_or(s.smartrecruiters_app),
            hellohire_smartrecruiters: p.hellohire_smartrecruiters.unwrap_or(s.hellohire_smartrecruiters),
            hellohire_sync_profiles: p.hellohire_sync_profiles.unwrap_or(s.hellohire_sync_profiles),
        };
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

    #[test]
    fn defaults_are_the_real_hosts() {
        let s = Settings::default();
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(join(&s.sparkhire_api, "/me"), "https://api.sparkhire.com/v1.0/me");
        assert_eq!(s.lever_api_for("api.eu.lever.co"), "https://api.eu.lever.co/v1");
    }

    #[test]
    fn custom_hosts_must_be_https() {
        let s = Settings { sparkhire_api: "http://api.sparkhire.com/v1.0".into(), ..Settings::default() };
        assert!(s.validate().unwrap_err().contains("https://"));
        let s = Settings { lever_api: "https://user@evil/v1".into(), ..Settings::default() };
        assert!(s.validate().is_err());
        let s = Settings { lever_api: "https://lever.internal.example/v1/".into(), ..Settings::default() };
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(s.lever_api_for("api.eu.lever.co"), "https://lever.internal.example/v1/");
        assert_eq!(join(&s.lever_api, "stages"), "https://lever.internal.example/v1/stages");
    }

    #[test]
    fn the_rate_stays_within_spark_hires_limit() {
        for (n, ok) in [(0, false), (1, true), (400, true), (401, false)] {
            let s = Settings { sparkhire_per_minute: n, ..Settings::default() };
            assert_eq!(s.validate().is_ok(), ok, "{n}");
        }
    }

    #[test]
    fn a_switch_flipped_then_a_host_saved_keeps_both() {
        use crate::store::writer::{testing::*, Records};
        // The options page loaded the settings, then the switch saved at once; later the
        // form's Save sends what the form changed, not the whole (stale) object.
        let loaded = Settings::default();
        let mut form = loaded.clone();
        form.lever_api = "https://api.eu.lever.co/v1".into();
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
        assert_eq!(stored.lever_api, "https://api.eu.lever.co/v1");
        assert_eq!(SettingsPatch::between(&loaded, &loaded), SettingsPatch::default());
        let bad = SettingsPatch { sparkhire_per_minute: Some(0), ..Default::default() };
        assert!(bad.apply(&stored).is_err());
    }

    #[test]
    fn old_stored_settings_fill_in_defaults() {
        let s: Settings = serde_json::from_str(r#"{"sparkhire_api":"https://x.example/v1.0"}"#).unwrap();
        assert_eq!(s.sparkhire_api, "https://x.example/v1.0");
        assert_eq!(s.lever_api, Settings::default().lever_api);
    }
}
