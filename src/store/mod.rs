//! What the extension keeps in `chrome.storage.local`, and how it outlives versions.
//!
//! Stored records are their own types (`records`), never wire messages. The shape has a
//! schema version; each change of shape is one numbered migration (`migrations/`), tested from
//! a fixture of what the previous release stored. A record this version cannot read is set
//! aside under `unreadable:<key>` with a notice for the recruiter, so the worker never wedges
//! on it and nothing is silently dropped. Every change to a record goes through `writer`, one
//! change at a time per key. Plain Rust: the worker supplies the storage area.

pub mod lock;
pub mod migrations;
pub mod records;
pub mod writer;

use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// Where the schema version is kept. Absent: what releases before versioning stored (v0).
pub const SCHEMA_KEY: &str = "schema_version";

/// Prefix of records set aside because this version could not read them.
pub const SET_ASIDE_PREFIX: &str = "unreadable:";

/// Local-storage key of the notices the popup and options page show.
pub const NOTICES: &str = "notices";

/// Something the recruiter should know about their saved data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// The storage key it is about (e.g. `links`), so one notice per record.
    pub key: String,
    pub message: String,
}

impl Notice {
    pub fn set_aside(key: &str) -> Notice {
        Notice {
            key: key.to_string(),
            message: crate::i18n::msgf(
                "set_aside",
                &[&records::describe(key), &format!("{SET_ASIDE_PREFIX}{key}")],
            ),
        }
    }
}

/// A snapshot of local storage being upgraded, read and written as typed records: the worker
/// works on the object the browser gave it, the tests on JSON. Typed on purpose: the worker
/// then carries no decoder of arbitrary JSON just for upgrades.
pub trait Doc {
    fn keys(&self) -> Vec<String>;
    /// `None`: nothing stored; `Some(None)`: something stored that isn't a `T`.
    fn get<T: DeserializeOwned>(&self, key: &str) -> Option<Option<T>>;
    fn set<T: Serialize>(&mut self, key: &str, value: &T) -> Result<(), String>;
    fn remove(&mut self, key: &str);
    /// Moves what is stored under `key` to `unreadable:<key>`.
    fn set_aside(&mut self, key: &str);
}

/// The schema this version writes.
pub const CURRENT_VERSION: u32 = 3;

/// Brings a snapshot of local storage up to the current schema and returns the version it
/// was at. Newer versions than ours are left alone: a downgrade must not rewrite what a later
/// release stored. A record that still can't be read as its type is set aside when it is
/// first read (`writer`).
pub fn upgrade<D: Doc>(doc: &mut D) -> Result<u32, String> {
    let from = doc.get::<u32>(SCHEMA_KEY).flatten().unwrap_or(0);
    if from >= CURRENT_VERSION {
        return Ok(from);
    }
    let mut notices: Vec<Notice> = Vec::new();
    for m in migrations::all::<D>().into_iter().filter(|m| m.to > from) {
        notices.extend((m.migrate)(doc)?);
        doc.set(SCHEMA_KEY, &m.to)?;
    }
    if !notices.is_empty() {
        let mut all: Vec<Notice> = doc.get(NOTICES).flatten().unwrap_or_default();
        for n in notices {
            all.retain(|x| x.key != n.key);
            all.push(n);
        }
        doc.set(NOTICES, &all)?;
    }
    Ok(from)
}

/// Local storage as JSON, for tests: what changed is what the worker would write.
#[cfg(test)]
pub mod testing {
    use std::collections::BTreeSet;

    use serde::{de::DeserializeOwned, Serialize};
    use serde_json::{Map, Value};

    #[derive(Debug, Default)]
    pub struct MapDoc {
        pub data: Map<String, Value>,
        pub changed: BTreeSet<String>,
        pub removed: BTreeSet<String>,
    }

    impl MapDoc {
        pub fn new(json: &str) -> MapDoc {
            MapDoc { data: serde_json::from_str(json).unwrap(), ..MapDoc::default() }
        }
    }

    impl super::Doc for MapDoc {
        fn keys(&self) -> Vec<String> {
            self.data.keys().cloned().collect()
        }
        fn get<T: DeserializeOwned>(&self, key: &str) -> Option<Option<T>> {
            self.data.get(key).map(|v| serde_json::from_value(v.clone()).ok())
        }
        fn set<T: Serialize>(&mut self, key: &str, value: &T) -> Result<(), String> {
            self.data.insert(key.into(), serde_json::to_value(value).map_err(|e| e.to_string())?);
            self.removed.remove(key);
            self.changed.insert(key.into());
            Ok(())
        }
        fn remove(&mut self, key: &str) {
            if self.data.remove(key).is_some() {
                self.changed.remove(key);
                self.removed.insert(key.into());
            }
        }
        fn set_aside(&mut self, key: &str) {
            if let Some(v) = self.data.remove(key) {
                let to = format!("{}{key}", super::SET_ASIDE_PREFIX);
                self.data.insert(to.clone(), v);
                self.changed.insert(to);
                self.changed.remove(key);
                self.removed.insert(key.into());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::MapDoc;
    use super::*;
    use serde_json::json;

    #[test]
    fn a_fresh_profile_only_gets_the_version() {
        let mut doc = MapDoc::new("{}");
        assert_eq!(upgrade(&mut doc), Ok(0));
        assert_eq!(serde_json::Value::Object(doc.data.clone()), json!({ SCHEMA_KEY: CURRENT_VERSION }));
        let again = MapDoc { data: doc.data.clone(), ..MapDoc::default() };
        let mut again = again;
        assert_eq!(upgrade(&mut again), Ok(CURRENT_VERSION));
        assert!(again.changed.is_empty() && again.removed.is_empty(), "a second run changes nothing");
        let mut newer = MapDoc::new(&format!(r#"{{"{SCHEMA_KEY}": {}, "keys": 7}}"#, CURRENT_VERSION + 1));
        assert_eq!(upgrade(&mut newer), Ok(CURRENT_VERSION + 1));
        assert!(
            newer.changed.is_empty() && newer.removed.is_empty(),
            "a newer release's data is left as it is"
        );
    }
}
