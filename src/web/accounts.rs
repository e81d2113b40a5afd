//! Accounts with every vendor, in one stored list: saved only after the vendor accepted the
//! credentials, chosen per ATS (and tenant) for each provider, and charged per invite.

use super::vendor::{call, settings};
use super::{fetch, storage, tab};
use crate::ats::Ats;
use crate::ats_api::lever;
use crate::ats_api::smartrecruiters;
use crate::error::{ApiError, Vendor};
use crate::message::{Account, Failure, Reply, Sender, SparkHireAccount};
use crate::provider::sparkhire::{self, Me};
use crate::store::records::{
    find_choice, put_choice, ChoiceRecord, Credential, Identity, StoredAccount, ACCOUNTS, API_KEY, CATALOG,
    CHOICES,
};

/// A vendor's id in stored records.
pub fn vendor_id(v: Vendor) -> &'static str {
    match v {
        Vendor::SparkHire => sparkhire::PROVIDER.id,
        Vendor::Lever => lever::API.id,
        Vendor::SmartRecruiters => smartrecruiters::API.id,
    }
}

const SPARK_HIRE: &str = sparkhire::PROVIDER.id;

pub async fn all() -> Result<Vec<StoredAccount>, Failure> {
    Ok(storage::read(ACCOUNTS).await?.unwrap_or_default())
}

fn identity_view(i: &Identity) -> Account {
    Account { name: i.name.clone(), email: i.email.clone(), key_hint: i.key_hint.clone() }
}

pub fn view(a: &StoredAccount) -> SparkHireAccount {
    SparkHireAccount {
        id: a.id.clone(),
        display_name: a.display_name.clone(),
        account: identity_view(&a.identity),
        active: a.active,
        credits: a.credits,
        used: a.used,
    }
}

/// The key of the vendor's first active account (Lever and SmartRecruiters: one per browser).
pub async fn key_of(vendor: Vendor) -> Result<String, Failure> {
    all()
        .await?
        .into_iter()
        .find(|a| a.vendor == vendor_id(vendor) && a.active)
        .map(|a| a.api_key().to_string())
        .ok_or_else(|| ApiError::NoKey { vendor }.into())
}

fn no_sparkhire_key() -> Failure {
    ApiError::NoKey { vendor: Vendor::SparkHire }.into()
}

/// The account a page works with: the one chosen for its ATS and tenant while it is active,
/// else the first active one.
pub async fn account_for(sender: &Sender) -> Result<StoredAccount, Failure> {
    let chosen = match tab::ats_tenant(sender).await {
        Some((ats, tenant)) => {
            let choices: Vec<ChoiceRecord> = storage::read(CHOICES).await?.unwrap_or_default();
            find_choice(&choices, ats, &tenant, SPARK_HIRE).map(|c| c.account_id.clone())
        }
        None => None,
    };
    let accounts = all().await?;
    let active = || accounts.iter().filter(|a| a.vendor == SPARK_HIRE && a.active);
    active()
        .find(|a| Some(&a.id) == chosen.as_ref())
        .or_else(|| active().next())
        .cloned()
        .ok_or_else(no_sparkhire_key)
}

/// A bulk batch's account, by id.
pub async fn account_by_id(id: &str) -> Result<StoredAccount, Failure> {
    all().await?.into_iter().find(|a| a.id == id).ok_or_else(no_sparkhire_key)
}

/// Counts one invite sent with an account.
pub async fn spend_credit(id: &str) -> Result<(), Failure> {
    storage::update(ACCOUNTS, |all: &mut Vec<StoredAccount>| {
        all.iter_mut().filter(|a| a.id == id).for_each(|a| a.used += 1)
    })
    .await
}

pub fn accounts_reply(all: &[StoredAccount]) -> Reply {
    let first = |v: Vendor| all.iter().find(|a| a.vendor == vendor_id(v)).map(|a| identity_view(&a.identity));
    Reply::Accounts {
        sparkhire: first(Vendor::SparkHire),
        lever: first(Vendor::Lever),
        smartrecruiters: first(Vendor::SmartRecruiters),
    }
}

pub async fn sparkhire_accounts(sender: &Sender) -> Result<Reply, Failure> {
    let all = all().await?;
    let chosen = account_for(sender).await.ok().map(|a| a.id);
    Ok(Reply::SparkHireAccounts {
        accounts: all.iter().filter(|a| a.vendor == SPARK_HIRE).map(view).collect(),
        chosen,
    })
}

fn hint(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

fn check_key_text(vendor: Vendor, key: &str) -> Result<(), Failure> {
    if key.is_empty() {
        return Err(Failure::plain(format!("Paste your {} API key first.", vendor.label())));
    }
    if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Failure::plain("That key contains spaces or line breaks; paste just the key."));
    }
    Ok(())
}

/// Asks the vendor who a key belongs to; an error when it refuses the key.
async fn check_key(vendor: Vendor, key: &str) -> Result<Identity, Failure> {
    check_key_text(vendor, key)?;
    let s = settings().await?;
    match vendor {
        Vendor::SparkHire => {
            let me: Me = sparkhire::parse(&call(vendor, &sparkhire::me(&s.sparkhire_api, key), None).await?)?;
            let name = if me.name.trim().is_empty() { me.email.clone() } else { me.name };
            Ok(Identity { name, email: me.email, key_hint: hint(key) })
        }
        Vendor::Lever => {
            // Any list of stages proves the key; what is in them doesn't matter here.
            let _: Vec<serde::de::IgnoredAny> =
                lever::parse(&call(vendor, &lever::stages(&s.lever_api, key), None).await?)?;
            Ok(Identity { name: "Lever account".into(), email: String::new(), key_hint: hint(key) })
        }
        Vendor::SmartRecruiters => {
            let reply = fetch::send(vendor, &smartrecruiters::key_check(&s.smartrecruiters_api, key)).await?;
            smartrecruiters::key_accepted(&reply)?;
            Ok(Identity { name: "SmartRecruiters account".into(), email: String::new(), key_hint: hint(key) })
        }
    }
}

fn new_account_id() -> String {
    format!("acct-{:x}{:04x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 65536.0) as u32)
}

fn new_account(vendor: Vendor, display_name: String, key: &str, identity: Identity) -> StoredAccount {
    StoredAccount {
        id: new_account_id(),
        vendor: vendor_id(vendor).into(),
        display_name,
        credentials: vec![Credential { field: API_KEY.into(), value: key.to_string() }],
        identity,
        active: true,
        credits: None,
        used: 0,
    }
}

/// The popup's key for a vendor: replaces the key of its first account, or adds the first.
pub async fn save_key(vendor: Vendor, key: &str) -> Result<Reply, Failure> {
    let identity = check_key(vendor, key).await?;
    let all = storage::update(ACCOUNTS, |all: &mut Vec<StoredAccount>| {
        match all.iter_mut().find(|a| a.vendor == vendor_id(vendor)) {
            Some(first) => {
                first.set_credential(API_KEY, key);
                first.identity = identity;
            }
            None => {
                all.push(new_account(vendor, identity.name.clone(), key, identity));
            }
        }
        all.clone()
    })
    .await?;
    Ok(accounts_reply(&all))
}

pub async fn remove_key(vendor: Vendor) -> Result<Reply, Failure> {
    let all = storage::update(ACCOUNTS, |all: &mut Vec<StoredAccount>| {
        if let Some(i) = all.iter().position(|a| a.vendor == vendor_id(vendor)) {
            all.remove(i);
        }
        all.clone()
    })
    .await?;
    // Removing a key removes what was read with it.
    if vendor == Vendor::SparkHire {
        storage::remove(CATALOG).await?;
    }
    Ok(accounts_reply(&all))
}

pub async fn add_account(
    display_name: String,
    key: String,
    active: bool,
    credits: Option<u32>,
) -> Result<Reply, Failure> {
    let display_name = display_name.trim().to_string();
    if display_name.is_empty() {
        return Err(Failure::plain("Give the account a display name, e.g. the team or client it is for."));
    }
    let key = key.trim().to_string();
    let taken = |all: &[StoredAccount]| {
        all.iter().any(|a| a.vendor == SPARK_HIRE && a.display_name.eq_ignore_ascii_case(&display_name))
    };
    let already = || Failure::plain(format!("There is already an account called {display_name}."));
    if taken(&all().await?) {
        return Err(already());
    }
    let identity = check_key(Vendor::SparkHire, &key).await?;
    let added = storage::update(ACCOUNTS, |all: &mut Vec<StoredAccount>| {
        // Checked again: another Add may have taken the name while the key was checked.
        if taken(all) {
            return None;
        }
        all.push(StoredAccount {
            active,
            credits,
            ..new_account(Vendor::SparkHire, display_name.clone(), &key, identity)
        });
        Some(all.iter().filter(|a| a.vendor == SPARK_HIRE).map(view).collect())
    })
    .await?;
    let accounts = added.ok_or_else(already)?;
    Ok(Reply::SparkHireAccounts { accounts, chosen: None })
}

pub async fn update_account(
    sender: &Sender,
    id: &str,
    active: bool,
    credits: Option<u32>,
) -> Result<Reply, Failure> {
    let found = storage::update(ACCOUNTS, |all: &mut Vec<StoredAccount>| {
        all.iter_mut().find(|a| a.id == id).map(|a| {
            a.active = active;
            a.credits = credits;
        })
    })
    .await?;
    found.ok_or_else(no_sparkhire_key)?;
    sparkhire_accounts(sender).await
}

pub async fn remove_account(sender: &Sender, id: &str) -> Result<Reply, Failure> {
    storage::update(ACCOUNTS, |all: &mut Vec<StoredAccount>| all.retain(|a| a.id != id)).await?;
    sparkhire_accounts(sender).await
}

/// Panel: use this account on this page's ATS and tenant from now on.
pub async fn choose(sender: &Sender, id: &str) -> Result<Reply, Failure> {
    let (ats, tenant): (Ats, Option<String>) =
        tab::ats_tenant(sender).await.ok_or_else(|| Failure::plain("Open a candidate or job page first."))?;
    let choice = ChoiceRecord { ats, tenant, provider: SPARK_HIRE.into(), account_id: id.to_string() };
    storage::update(CHOICES, |all: &mut Vec<ChoiceRecord>| put_choice(all, choice)).await?;
    sparkhire_accounts(sender).await
}
