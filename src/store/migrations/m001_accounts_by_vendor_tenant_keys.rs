//! v0 → v1. Releases up to 54a08c2 stored no version and:
//! - `keys`: Spark Hire accounts (`accounts`, each `{view, key}`; before d8733aa flat
//!   `{id, display_name, …, key}`; before 0eff042 a single `sparkhire: {key, account}`), and
//!   one `lever` and one `smartrecruiters` key;
//! - `links`: `{"<ats>:<job>": {ats_job_id, job_uuid, job_title}}`;
//! - `account_for:<ats>:`: the Spark Hire account chosen for an ATS;
//! - `batches`: bulk invites without a provider or tenant.
//!
//! v1 keeps every vendor's accounts in one list with named credential fields, and keys links,
//! choices and batches by ATS, tenant and provider. Nothing of v0 knew its tenant: those
//! records get `tenant: None`, which serves every tenant of the ATS until replaced. Batches
//! keep their key: v1 reads a v0 batch as sent with Spark Hire, tenant unknown (`Batch`'s
//! defaults), so they need no rewrite here.

use serde::Deserialize;

use crate::ats::Ats;
use crate::store::records::{
    AtsJob, ChoiceRecord, Credential, Identity, LinkRecord, StoredAccount, ACCOUNTS, API_KEY, CHOICES, LINKS,
};
use crate::store::{Doc, Notice};

/// The only provider v0 knew.
const SPARK_HIRE: &str = "spark_hire";

/// v0's `keys`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Keys {
    accounts: Vec<Old>,
    sparkhire: Option<Old>,
    lever: Option<Old>,
    smartrecruiters: Option<Old>,
}

/// Every v0 account shape in one type (so none needs an untagged or flattened enum): a Spark
/// Hire account `{view: {...}, key}`, before d8733aa the view's fields beside `key`; and
/// `{key, account}`, v0's Lever and SmartRecruiters keys and before 0eff042 Spark Hire's.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Old {
    key: Option<String>,
    view: Option<Box<Old>>,
    id: Option<String>,
    display_name: Option<String>,
    account: Option<Identity>,
    active: Option<bool>,
    credits: Option<u32>,
    used: Option<u32>,
}

/// v0's `links` object, its entries in the order stored. (Read as a list of pairs, not a map:
/// the worker then carries no hash-map code.)
struct OldLinks(Vec<(String, OldLink)>);

impl<'de> Deserialize<'de> for OldLinks {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<OldLinks, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = OldLinks;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("v0 links")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<OldLinks, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = a.next_entry()? {
                    out.push(entry);
                }
                Ok(OldLinks(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// v0's link value, under `"<ats>:<job>"`.
#[derive(Deserialize)]
struct OldLink {
    job_uuid: String,
    #[serde(default)]
    job_title: String,
}

fn with_key(
    vendor: &str,
    id: String,
    display_name: String,
    key: String,
    identity: Identity,
) -> StoredAccount {
    StoredAccount {
        id,
        vendor: vendor.into(),
        display_name,
        credentials: vec![Credential { field: API_KEY.into(), value: key }],
        identity,
        active: true,
        credits: None,
        used: 0,
    }
}

/// `{key, account}` as the vendor's first account.
fn old_key(vendor: &str, label: Option<&str>, k: Option<Old>) -> Option<Option<StoredAccount>> {
    let Some(k) = k else { return Some(None) };
    let who = k.account.unwrap_or_default();
    let name = label.map(String::from).unwrap_or_else(|| who.name.clone());
    Some(Some(with_key(vendor, format!("acct-{vendor}-1"), name, k.key?, who)))
}

fn old_account(a: Old) -> Option<StoredAccount> {
    let key = a.key?;
    let view = match a.view {
        Some(v) => *v,
        None => Old { key: None, view: None, ..a },
    };
    let who = view.account.unwrap_or_default();
    let name = view.display_name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| who.name.clone());
    Some(StoredAccount {
        active: view.active.unwrap_or(true),
        credits: view.credits,
        used: view.used.unwrap_or(0),
        ..with_key(SPARK_HIRE, view.id?, name, key, who)
    })
}

/// Every key v0 held, as v1 accounts; `None` when one lacks its key or id.
fn accounts(keys: Keys) -> Option<Vec<StoredAccount>> {
    // A loop, not a collecting adapter: each one is a few KB of the worker.
    let mut out = Vec::new();
    for a in keys.accounts {
        out.push(old_account(a)?);
    }
    if out.is_empty() {
        out.extend(old_key(SPARK_HIRE, None, keys.sparkhire)?);
    }
    out.extend(old_key("lever", Some("Lever account"), keys.lever)?);
    out.extend(old_key("smartrecruiters", Some("SmartRecruiters account"), keys.smartrecruiters)?);
    Some(out)
}

/// v0's ATS names, as `Ats` serialises them.
const ATS: [(&str, Ats); 5] = [
    ("lever", Ats::Lever),
    ("top_echelon", Ats::TopEchelon),
    ("oorwin", Ats::Oorwin),
    ("smart_recruiters", Ats::SmartRecruiters),
    ("page_up", Ats::PageUp),
];

/// `"page_up:5001"` → (PageUp, "5001").
fn split_link_key(k: &str) -> Option<(Ats, String)> {
    let (ats, job) = k.split_once(':')?;
    ATS.iter().find(|(name, _)| *name == ats).map(|(_, a)| (*a, job.to_string()))
}

pub fn migrate<D: Doc>(doc: &mut D) -> Result<Vec<Notice>, String> {
    let mut notices = Vec::new();
    let mut set_aside = |doc: &mut D, key: &str| {
        doc.set_aside(key);
        notices.push(Notice::set_aside(key));
    };

    match doc.get::<Keys>("keys").map(|k| k.and_then(accounts)) {
        None => {}
        Some(Some(list)) => {
            doc.set(ACCOUNTS, &list)?;
            doc.remove("keys");
        }
        Some(None) => set_aside(doc, "keys"),
    }

    match doc.get::<OldLinks>(LINKS) {
        None => {}
        Some(Some(OldLinks(old))) => {
            let mut links = Vec::new();
            let mut unreadable = Vec::new();
            for (k, v) in old {
                match split_link_key(&k) {
                    Some((ats, ats_job_id)) => {
                        // Stored in key order, as the recruiter's links have no other: each put
                        // in place (the worker carries no sort, 3 KB).
                        let at = links.partition_point(|l: &LinkRecord| l.ats_job_id <= ats_job_id);
                        let job = AtsJob { ats, tenant: None, ats_job_id };
                        links.insert(at, LinkRecord::new(job, SPARK_HIRE, v.job_uuid, v.job_title));
                    }
                    None => unreadable.push(k),
                }
            }
            if unreadable.is_empty() {
                doc.set(LINKS, &links)?;
            } else {
                // Kept whole, as it was, beside the links that could be read.
                set_aside(doc, LINKS);
                doc.set(LINKS, &links)?;
            }
        }
        Some(None) => set_aside(doc, LINKS),
    }

    let mut choices: Vec<ChoiceRecord> = Vec::new();
    for k in doc.keys().into_iter().filter(|k| k.starts_with("account_for:")) {
        let ats = k.strip_prefix("account_for:").and_then(split_link_key).map(|(ats, _)| ats);
        match (ats, doc.get::<String>(&k).flatten()) {
            (Some(ats), Some(account_id)) => {
                choices.push(ChoiceRecord { ats, tenant: None, provider: SPARK_HIRE.into(), account_id });
                doc.remove(&k);
            }
            _ => set_aside(doc, &k),
        }
    }
    if !choices.is_empty() {
        doc.set(CHOICES, &choices)?;
    }
    Ok(notices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ats::Ats;
    use crate::bulk::{Batch, ItemState};
    use crate::settings::Settings;
    use crate::store::records::KeptRating;
    use crate::store::records::BATCHES;
    use crate::store::testing::MapDoc;
    use crate::store::{records, upgrade, SCHEMA_KEY};
    use serde_json::{json, Map, Value};

    /// Exactly what the release at 54a08c2 stored for a recruiter with two Spark Hire
    /// accounts, Lever and SmartRecruiters keys, changed settings, two job links, a chosen
    /// account, a half-sent batch, a kept rating and a catalog cache.
    const V0: &str = include_str!("../fixtures/v0-54a08c2.json");

    fn upgraded(fixture: &str) -> Map<String, Value> {
        let mut doc = MapDoc::new(fixture);
        assert_eq!(upgrade(&mut doc), Ok(0));
        doc.data
    }

    fn read<T: serde::de::DeserializeOwned>(data: &Map<String, Value>, key: &str) -> T {
        serde_json::from_value(data[key].clone()).unwrap_or_else(|e| panic!("{key}: {e}"))
    }

    #[test]
    fn every_key_account_and_switch_of_54a08c2_survives() {
        let after = upgraded(V0);
        assert_eq!(after[SCHEMA_KEY], json!(crate::store::CURRENT_VERSION));
        assert!(!after.contains_key("keys") && !after.contains_key("notices"), "{after:#?}");
        let accounts: Vec<StoredAccount> = read(&after, ACCOUNTS);
        let summary: Vec<_> = accounts
            .iter()
            .map(|a| (a.vendor.as_str(), a.display_name.as_str(), a.api_key(), a.active, a.credits, a.used))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("spark_hire", "Ada Recruiter", "sh_demo_ada_7Kq2", true, None, 3),
                ("spark_hire", "Agency", "sh_demo_ben_3Lm8", false, Some(25), 25),
                ("lever", "Lever account", "lv_demo_9fQx", true, None, 0),
                ("smartrecruiters", "SmartRecruiters account", "sr_demo_4Wd8", true, None, 0),
            ]
        );
        assert_eq!(accounts[0].id, "acct-18f2a1b3c4d0a1b2");
        assert_eq!(accounts[0].identity.email, "ada@acme.example");
        assert_eq!(accounts[2].identity.key_hint, "9fQx");

        let settings: Settings = read(&after, records::SETTINGS);
        assert_eq!(crate::provider::by_id(SPARK_HIRE).unwrap().pace(&settings), 120);
        assert!(settings.hellohire_smartrecruiters && !settings.hellohire_sync_profiles);

        let links: Vec<LinkRecord> = read(&after, LINKS);
        let job = |ats, id: &str| AtsJob { ats, tenant: Some("acme".into()), ats_job_id: id.into() };
        let found = records::find_link(&links, &job(Ats::Oorwin, "5001"), "spark_hire").unwrap();
        assert_eq!(
            (found.provider_job_id.as_str(), found.job_title.as_str()),
            ("1f0b0003-5e1e-4c7a-9b2d-000000000003", "Field Robotics Technician")
        );
        assert!(records::find_link(&links, &job(Ats::PageUp, "512345"), "spark_hire").is_some());
        assert!(records::find_link(&links, &job(Ats::Lever, "5001"), "spark_hire").is_none());

        let choices: Vec<ChoiceRecord> = read(&after, CHOICES);
        let chosen = records::find_choice(&choices, Ats::Oorwin, &Some("acme".into()), "spark_hire").unwrap();
        assert_eq!(chosen.account_id, "acct-18f2a1b3c4d0a1b2");
        assert!(!after.keys().any(|k| k.starts_with("account_for:")));

        let batches: Vec<Batch> = read(&after, BATCHES);
        assert_eq!(batches[0].provider, "spark_hire");
        assert_eq!(batches[0].spec.tenant, None);
        let states: Vec<_> = batches[0].items.iter().map(|i| &i.state).collect();
        assert!(matches!(states[0], ItemState::Sent { .. }));
        assert_eq!(states[1], &ItemState::Sending, "the interrupted send is still looked up first");
        assert_eq!(states[2], &ItemState::Pending);

        let pending: Vec<KeptRating> = read(&after, records::PENDING_RATINGS);
        assert_eq!(pending[0].registrant.email, "ada.lovelace@hellohire.example");
        // v0's cache names an email as its owner, which nothing reads since v1: v3 drops it.
        assert!(!after.keys().any(|k| k.starts_with("catalog")), "the stale cache is gone");
        let mut again = MapDoc { data: after, ..MapDoc::default() };
        assert_eq!(upgrade(&mut again), Ok(crate::store::CURRENT_VERSION));
        assert!(again.changed.is_empty() && again.removed.is_empty(), "upgrading twice changes nothing");
    }

    /// Recorded, not written by hand: chrome.storage.local of a profile after driving the
    /// 54a08c2 build through its UI (three keys saved in the popup, a second account with an
    /// allowance, the rate and the Hellohire switch changed, an Oorwin job linked, that ATS's
    /// account chosen, and a bulk run stopped part-way).
    const V0_RECORDED: &str = include_str!("../fixtures/v0-54a08c2-recorded.json");

    #[test]
    fn a_profile_recorded_from_54a08c2_upgrades_whole() {
        let after = upgraded(V0_RECORDED);
        let accounts: Vec<StoredAccount> = read(&after, ACCOUNTS);
        let summary: Vec<_> = accounts
            .iter()
            .map(|a| (a.vendor.as_str(), a.display_name.as_str(), a.api_key(), a.credits, a.used))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("spark_hire", "Ada Recruiter", "sh_demo_ada_7Kq2", None, 0),
                ("spark_hire", "Agency", "sh_demo_ben_3Lm8", Some(25), 1),
                ("lever", "Lever account", "lv_demo_9fQx", None, 0),
                ("smartrecruiters", "SmartRecruiters account", "sr_demo_4Wd8", None, 0),
            ]
        );
        let choices: Vec<ChoiceRecord> = read(&after, CHOICES);
        let chosen = records::find_choice(&choices, Ats::Oorwin, &Some("acme".into()), "spark_hire").unwrap();
        assert_eq!(chosen.account_id, accounts[1].id, "Agency stays chosen on Oorwin");
        let links: Vec<LinkRecord> = read(&after, LINKS);
        assert_eq!(links[0].provider_job_id, "1f0b0003-5e1e-4c7a-9b2d-000000000003");
        let batches: Vec<Batch> = read(&after, BATCHES);
        assert_eq!((batches[0].items.len(), batches[0].account_id.as_str()), (30, accounts[1].id.as_str()));
        let settings: Settings = read(&after, records::SETTINGS);
        assert!(settings.hellohire_smartrecruiters);
        assert_eq!(crate::provider::by_id(SPARK_HIRE).unwrap().pace(&settings), 120);
        assert!(!after.contains_key("keys") && !after.contains_key("notices"));
    }

    #[test]
    fn earlier_key_shapes_are_not_dropped() {
        // Before d8733aa: accounts flat; before 0eff042: one `sparkhire` key.
        let flat = r#"{"keys":{"accounts":[{"id":"acct-1","display_name":"Team","account":{"name":"Ada","email":"ada@x.example","key_hint":"7Kq2"},"active":true,"credits":5,"used":1,"key":"sh_flat_7Kq2"}],"lever":null}}"#;
        let accounts: Vec<StoredAccount> = read(&upgraded(flat), ACCOUNTS);
        assert_eq!(
            (accounts[0].api_key(), accounts[0].credits, accounts[0].used),
            ("sh_flat_7Kq2", Some(5), 1)
        );
        let oldest = r#"{"keys":{"sparkhire":{"key":"sh_old_9Zt4","account":{"name":"Grace","email":"g@x.example","key_hint":"9Zt4"}},"lever":{"key":"lv_old","account":{"name":"Lever account","email":"","key_hint":"_old"}}}}"#;
        let accounts: Vec<StoredAccount> = read(&upgraded(oldest), ACCOUNTS);
        let keys: Vec<_> =
            accounts.iter().map(|a| (a.vendor.as_str(), a.display_name.as_str(), a.api_key())).collect();
        assert_eq!(keys, vec![("spark_hire", "Grace", "sh_old_9Zt4"), ("lever", "Lever account", "lv_old")]);
    }

    #[test]
    fn links_are_kept_in_job_id_order_the_same_id_as_stored() {
        let link = |job: &str| format!(r#"{{"ats_job_id":"{job}","job_uuid":"j{job}","job_title":"T"}}"#);
        let after = upgraded(&format!(
            r#"{{"links":{{"lever:9":{},"oorwin:10":{},"lever:2":{},"oorwin:9":{}}}}}"#,
            link("9"),
            link("10"),
            link("2"),
            link("9")
        ));
        let links: Vec<LinkRecord> = read(&after, LINKS);
        let got: Vec<(Ats, &str)> = links.iter().map(|l| (l.ats, l.ats_job_id.as_str())).collect();
        assert_eq!(got, [(Ats::Oorwin, "10"), (Ats::Lever, "2"), (Ats::Lever, "9"), (Ats::Oorwin, "9")]);
    }

    #[test]
    fn what_cannot_be_read_is_set_aside_with_a_notice() {
        use crate::store::writer::{testing::*, Records};
        let after = upgraded(
            r#"{"keys":[1,2],"links":{"nonsense":{"x":1},"oorwin:7":{"ats_job_id":"7","job_uuid":"j","job_title":"T"}},"batches":[{"id":"b"}]}"#,
        );
        assert_eq!(after["unreadable:keys"], json!([1, 2]));
        assert_eq!(after["unreadable:links"]["nonsense"], json!({"x": 1}), "kept whole, as it was");
        assert_eq!(after["unreadable:links"]["oorwin:7"]["job_uuid"], "j");
        assert!(!after.contains_key("links"));
        // A batch no release could have written is set aside when the queue first reads it.
        let records = Records::new(MemoryArea { data: after.into() });
        assert_eq!(block_on(records.read::<Vec<Batch>>(BATCHES)).unwrap(), None);
        let data = records.area.data.borrow().clone();
        assert_eq!(data["unreadable:batches"][0]["id"], "b");
        let notices: Vec<Notice> = read(&data, crate::store::NOTICES);
        let keys: Vec<_> = notices.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(keys, vec!["keys", "links", "batches"]);
    }
}
