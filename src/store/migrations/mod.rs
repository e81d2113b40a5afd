//! Numbered changes of the stored shape, applied in order by `store::upgrade`. Each is one
//! small file with a native test that starts from exactly what the release before it stored
//! (`src/store/fixtures/`). Never edit a released migration: add the next one.

mod m001_accounts_by_vendor_tenant_keys;
mod m002_settings_as_changes;
mod m003_catalog_per_provider;

use super::{Doc, Notice};

pub struct Migration<D> {
    /// The schema version it upgrades to (from `to - 1`).
    pub to: u32,
    pub name: &'static str,
    /// Rewrites the snapshot in place; returns what the recruiter should be told.
    pub migrate: fn(&mut D) -> Result<Vec<Notice>, String>,
}

pub fn all<D: Doc>() -> Vec<Migration<D>> {
    vec![
        Migration {
            to: 1,
            name: "accounts for every vendor; links and choices keyed by ATS, tenant and provider",
            migrate: m001_accounts_by_vendor_tenant_keys::migrate,
        },
        Migration {
            to: 2,
            name: "settings keep only what the recruiter changed, by vendor",
            migrate: m002_settings_as_changes::migrate,
        },
        Migration {
            to: 3,
            name: "one cached catalog per provider",
            migrate: m003_catalog_per_provider::migrate,
        },
    ]
}

#[cfg(test)]
mod tests {
    use crate::store::testing::MapDoc;

    #[test]
    fn versions_count_up_by_one_to_the_current() {
        let all = super::all::<MapDoc>();
        for (i, m) in all.iter().enumerate() {
            assert_eq!(m.to as usize, i + 1, "{}", m.name);
        }
        assert_eq!(all.last().map(|m| m.to), Some(crate::store::CURRENT_VERSION));
    }
}
