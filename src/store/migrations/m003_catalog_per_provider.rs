//! v2 → v3. Up to v2 the last jobs and question sets listed were cached under `catalog`, one
//! for whichever provider was read last: `{owner: "<provider>|<account>|<key hint>", jobs,
//! question_sets, fetched_ms}`. With two providers on one panel each would push the other's out,
//! so v3 keeps one per provider under `catalog.<provider>` (`records::catalog_key`), unchanged
//! inside. It is a cache of what the vendor lists, not something the recruiter typed: one that
//! can't be read, or whose owner names no provider (v0 and v1 named the account's email, which
//! the worker has not matched since v2), is dropped, as the worker would replace it on its
//! next fetch.

use crate::store::records::{catalog_key, CachedCatalog};
use crate::store::{Doc, Notice};

const V2_KEY: &str = "catalog";

// Read and written as the record it is (v2's shape is v3's), not as free JSON: the worker
// carries that record's code already, and a JSON value's costs it 25 KB.
pub fn migrate<D: Doc>(doc: &mut D) -> Result<Vec<Notice>, String> {
    let Some(old) = doc.get::<CachedCatalog>(V2_KEY) else { return Ok(vec![]) };
    // Provider ids are lower-case words; v0's and v1's owners began with an email address.
    let provider = old
        .as_ref()
        .and_then(|c| c.owner.split('|').next())
        .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    if let (Some(provider), Some(cached)) = (provider, &old) {
        doc.set(&catalog_key(provider), cached)?;
    }
    doc.remove(V2_KEY);
    Ok(vec![])
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::store::testing::MapDoc;
    use crate::store::{upgrade, CURRENT_VERSION, SCHEMA_KEY};

    #[test]
    fn the_one_cached_catalog_becomes_its_providers_and_nothing_else_moves() {
        let cached = json!({
            "owner": "spark_hire|acc-1|…9f2c",
            "jobs": [{"uuid": "job-1", "label": "Welder"}],
            "question_sets": [{"uuid": "qs-1", "label": "Screening"}],
            "fetched_ms": 1_780_000_000_000_i64,
        });
        let v2 = json!({
            SCHEMA_KEY: 2,
            "catalog": cached,
            "links": [{"ats": "lever", "ats_job_id": "p1", "provider": "spark_hire"}],
        });
        let mut doc = MapDoc::new(&v2.to_string());
        assert_eq!(upgrade(&mut doc), Ok(2));
        assert_eq!(doc.data[SCHEMA_KEY], json!(CURRENT_VERSION));
        assert_eq!(doc.data["catalog.spark_hire"], cached);
        assert!(!doc.data.contains_key("catalog"));
        assert_eq!(doc.data["links"], v2["links"]);
        let mut again = MapDoc { data: doc.data.clone(), ..MapDoc::default() };
        upgrade(&mut again).unwrap();
        assert!(again.changed.is_empty(), "upgrading twice changes nothing");
    }

    #[test]
    fn an_unreadable_cache_is_dropped_and_a_profile_without_one_is_untouched() {
        for unreadable in [r#"[1,2]"#, r#"{"owner":"ada@acme.example|7Kq2","jobs":[]}"#] {
            let mut doc = MapDoc::new(&format!(r#"{{"schema_version":2,"catalog":{unreadable}}}"#));
            upgrade(&mut doc).unwrap();
            assert!(doc.data.keys().all(|k| !k.starts_with("catalog")), "{:?}", doc.data);
        }
        let mut doc = MapDoc::new(r#"{"schema_version":2,"settings":{}}"#);
        upgrade(&mut doc).unwrap();
        assert_eq!(doc.data["settings"], json!({}));
        assert_eq!(doc.data.len(), 2);
    }
}
