//! Accounts with every vendor, in one stored list: saved only after the vendor accepted the
//! credentials, chosen per ATS (and tenant) for each provider, and charged per invite.

use super::vendor::{call, settings, Browser};
use super::{storage, tab};
use crate::ats::Ats;
use crate::ats_api;
use crate::error::ApiError;
use crate::i18n::{msg, msgf};
use crate::message::{Account, AccountView, Failure, FieldValue, Reply, Sender, Wire};
use crate::provider::{self, run, Conn, Provider};
use crate::registry;
use crate::store::records::{
    catalog_key, find_choice, put_choice, ChoiceRecord, Credential, Identity, StoredAccount, ACCOUNTS,
    API_KEY, CHOICES,
};
use crate::vendor::Vendor;

pub async fn all() -> Result<Vec<StoredAccount>, Failure> {
    Ok(storage::read(ACCOUNTS).await?.unwrap_or_default())
}

/// The provider a request names; an ATS or anything else is refused.
pub fn provider_of(v: Vendor) -> Result<&'static Provider, Failure> {
    provider::by_id(v.id).ok_or_else(|| Failure::plain(crate::i18n::msgf("not_a_provider", &[v.label])))
}

/// An account as the pages may see it; `None` for a vendor this version doesn't know.
pub fn view(a: &StoredAccount) -> Option<AccountView> {
    Some(AccountView {
        id: a.id.clone(),
        vendor: registry::by_id(&a.vendor)?,
        display_name: a.display_name.clone(),
        account: Account {
            name: a.identity.name.clone(),
            email: a.identity.email.clone(),
            key_hint: a.identity.key_hint.clone(),
        },
        active: a.active,
        credits: a.credits,
        used: a.used,
    })
}

fn no_key(vendor: Vendor) -> Failure {
    ApiError::NoKey { vendor }.into()
}

/// The key of an ATS's first active account.
pub async fn key_of(vendor: Vendor) -> Result<String, Failure> {
    all()
        .await?
        .into_iter()
        .find(|a| a.vendor == vendor.id && a.active)
        .map(|a| a.api_key().to_string())
        .ok_or_else(|| no_key(vendor))
}

/// The provider account a page works with: the one chosen for its ATS and tenant while it is
/// active, else the provider's first active one.
pub async fn account_for(sender: &Sender, p: &Provider) -> Result<StoredAccount, Failure> {
    account_on(tab::ats_tenant(sender).await, p).await
}

/// The provider's account chosen for an ATS and tenant, else its first active one.
pub async fn account_on(page: Option<(Ats, Option<String>)>, p: &Provider) -> Result<StoredAccount, Failure> {
    let id = p.vendor.id;
    let chosen = match page {
        Some((ats, tenant)) => {
            let choices: Vec<ChoiceRecord> = storage::read(CHOICES).await?.unwrap_or_default();
            find_choice(&choices, ats, &tenant, id).map(|c| c.account_id.clone())
        }
        None => None,
    };
    let accounts = all().await?;
    let active = || accounts.iter().filter(|a| a.vendor == id && a.active);
    active()
        .find(|a| Some(&a.id) == chosen.as_ref())
        .or_else(|| active().next())
        .cloned()
        .ok_or_else(|| no_key(p.vendor))
}

/// A bulk batch's account, by id.
pub async fn account_by_id(id: &str, p: &Provider) -> Result<StoredAccount, Failure> {
    all().await?.into_iter().find(|a| a.id == id).ok_or_else(|| no_key(p.vendor))
}

/// Counts one invite sent with an account.
pub async fn spend_credit(id: &str, n: u32) -> Result<(), Failure> {
    storage::update(ACCOUNTS, |all: &mut Vec<StoredAccount>| {
        all.iter_mut().filter(|a| a.id == id).for_each(|a| a.used += n)
    })
    .await
}

pub fn accounts_reply(all: &[StoredAccount]) -> Reply {
    Reply::Accounts { accounts: Wire::new(all.iter().filter_map(view).collect()) }
}

pub async fn vendor_accounts(sender: &Sender, v: Vendor) -> Result<Reply, Failure> {
    let all = all().await?;
    let chosen = match provider::by_id(v.id) {
        Some(p) => account_for(sender, p).await.ok().map(|a| a.id),
        None => all.iter().find(|a| a.vendor == v.id && a.active).map(|a| a.id.clone()),
    };
    Ok(Reply::VendorAccounts {
        accounts: Wire::new(all.iter().filter(|a| a.vendor == v.id).filter_map(view).collect()),
        chosen,
    })
}

fn hint(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

/// The typed values, trimmed, in the vendor's fields; refused in words when one is missing
/// or can't be a credential.
fn credentials(vendor: Vendor, values: &[FieldValue]) -> Result<Vec<Credential>, Failure> {
    let mut out = Vec::new();
    for f in registry::credential_fields(vendor) {
        let value = values.iter().find(|v| v.field == f.name).map_or("", |v| v.value.trim());
        if f.optional && value.is_empty() {
            continue;
        }
        let label = registry::field_label(vendor, &f);
        if value.is_empty() {
            return Err(Failure::plain(msgf("paste_first", &[&label])));
        }
        if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Failure::plain(msgf("has_spaces", &[&label])));
        }
        out.push(Credential { field: f.name.into(), value: value.into() });
    }
    Ok(out)
}

/// Asks the vendor who the credentials belong to; an error when it refuses them.
async fn check(vendor: Vendor, values: &[FieldValue]) -> Result<(Vec<Credential>, Identity), Failure> {
    let mut credentials = credentials(vendor, values)?;
    let secret =
        registry::credential_fields(vendor).iter().find(|f| f.secret).map(|f| f.name).unwrap_or(API_KEY);
    let key_hint = hint(credentials.iter().find(|c| c.field == secret).map_or("", |c| c.value.as_str()));
    let s = settings().await?;
    // Only reads: the page may ask again whole after a long rate-limit wait.
    let t = Browser { progress: None, hand_back: true };
    let call = |vendor, req| crate::orchestrate::call(&t, vendor, req);
    let identity = if let Some(p) = provider::by_id(vendor.id) {
        let probe =
            StoredAccount { credentials: credentials.clone(), ..new_account(vendor, String::new(), vec![]) };
        let me = run::who(&t, p, &Conn { settings: &s, account: &probe }).await?;
        Identity { name: me.name, email: me.email, key_hint }
    } else if vendor == ats_api::pageup::VENDOR {
        use ats_api::pageup;
        let field =
            |f: &str| credentials.iter().find(|c| c.field == f).map(|c| c.value.clone()).unwrap_or_default();
        let conn = pageup::Connection::of(field).map_err(Failure::plain)?;
        let granted = call(vendor, &pageup::token_request(&conn, pageup::SCOPES)).await?;
        pageup::read_token(&granted, js_sys::Date::now() as i64)?;
        Identity { name: conn.name(), email: String::new(), key_hint }
    } else if vendor == crate::spottabl::VENDOR {
        let c = crate::spottabl::SpConn { base: s.host(vendor, "api"), key: credentials[0].value.clone() };
        let name = crate::spottabl::read_me(&call(vendor, &crate::spottabl::me(&c)).await?)?;
        Identity { name, email: String::new(), key_hint }
    } else {
        let api = ats_api::by_id(vendor.id).ok_or_else(|| no_key(vendor))?;
        let conn = api.conn(&s, credentials[0].value.as_str(), None);
        api.calls.key_accepted(&call(vendor, &api.calls.key_check(&conn)).await?)?;
        let mut email = String::new();
        if let Some(user) = credentials.iter_mut().find(|c| c.field == ats_api::lever::PERFORM_AS) {
            let id = user_id(api, &conn, &user.value).await?;
            email = format!("notes written as {}", std::mem::replace(&mut user.value, id));
        }
        Identity { name: format!("{} account", vendor.label), email, key_hint }
    };
    Ok((credentials, identity))
}

/// The ATS's active users, whom writes can be made as, each to `more` until it says it has
/// what it looks for (at most 20 pages of 100).
pub async fn users(
    api: &ats_api::AtsApi,
    conn: &ats_api::AtsConn,
    mut more: impl FnMut(ats_api::Person) -> bool,
) -> Result<(), Failure> {
    let mut next = None;
    for _ in 0..20 {
        let Some(req) = api.calls.users(conn, next.as_deref()) else { break };
        let (page, after) = api.calls.read_users(&call(api.vendor, &req, None).await?)?;
        for u in page {
            if !more(u) {
                return Ok(());
            }
        }
        match after {
            Some(n) => next = Some(n),
            None => break,
        }
    }
    Ok(())
}

/// The id of the ATS's active user with this email, which writes are made as; refused in
/// words when there is none.
async fn user_id(api: &ats_api::AtsApi, conn: &ats_api::AtsConn, email: &str) -> Result<String, Failure> {
    let mut id = None;
    users(api, conn, |u| {
        let same = u.email.is_some_and(|e| e.eq_ignore_ascii_case(email.trim()));
        if same {
            id = Some(u.id);
        }
        !same
    })
    .await?;
    id.ok_or_else(|| Failure::plain(msgf("no_such_user", &[api.vendor.label, email])))
}

fn new_account_id() -> String {
    format!("acct-{:x}{:04x}", js_sys::Date::now() as u64, (js_sys::Math::random() * 65536.0) as u32)
}

fn new_account(vendor: Vendor, display_name: String, credentials: Vec<Credential>) -> StoredAccount {
    StoredAccount {
        id: new_account_id(),
        vendor: vendor.id.into(),
        display_name,
        credentials,
        identity: Identity::default(),
        active: true,
        credits: None,
        used: 0,
    }
}

/// The popup's one account per vendor: replaces the credentials of its first account, or adds
/// the first.
pub async fn save_key(vendor: Vendor, values: &[FieldValue]) -> Result<Reply, Failure> {
    let (credentials, identity) = check(vendor, values).await?;
    let all = storage::update(ACCOUNTS, |all: &mut Vec<StoredAccount>| {
        match all.iter_mut().find(|a| a.vendor == vendor.id) {
            Some(first) => {
                for c in &credentials {
                    first.set_credential(&c.field, &c.value);
                }
                first.identity = identity;
            }
            None => all.push(StoredAccount {
                identity: identity.clone(),
                ..new_account(vendor, identity.name.clone(), credentials)
            }),
        }
        all.clone()
    })
    .await?;
    // The first panel after a key is saved then shows the jobs at once instead of waiting a
    // round trip for them (BENCHMARKS.md, cold panel): fetched while the recruiter is still here.
    if let (Some(p), Some(a)) = (provider::by_id(vendor.id), all.iter().find(|a| a.vendor == vendor.id)) {
        let a = a.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = super::interviews::catalog(p, &a, true).await;
        });
    }
    Ok(accounts_reply(&all))
}

pub async fn remove_key(vendor: Vendor) -> Result<Reply, Failure> {
    let all = storage::update(ACCOUNTS, |all: &mut Vec<StoredAccount>| {
        if let Some(i) = all.iter().position(|a| a.vendor == vendor.id) {
            all.remove(i);
        }
        all.clone()
    })
    .await?;
    // Removing a provider's key removes what was read with it.
    if provider::by_id(vendor.id).is_some() {
        storage::remove(&catalog_key(vendor.id)).await?;
    }
    Ok(accounts_reply(&all))
}

pub async fn add_account(
    vendor: Vendor,
    display_name: String,
    values: &[FieldValue],
    active: bool,
    credits: Option<u32>,
) -> Result<Reply, Failure> {
    let display_name = display_name.trim().to_string();
    if display_name.is_empty() {
        return Err(Failure::plain(msg("name_account")));
    }
    let id = vendor.id;
    let taken = |all: &[StoredAccount]| {
        all.iter().any(|a| a.vendor == id && a.display_name.eq_ignore_ascii_case(&display_name))
    };
    let already = || Failure::plain(msgf("account_exists", &[&display_name]));
    if taken(&all().await?) {
        return Err(already());
    }
    let (credentials, identity) = check(vendor, values).await?;
    let added = storage::update(ACCOUNTS, |all: &mut Vec<StoredAccount>| {
        // Checked again: another Add may have taken the name while the key was checked.
        if taken(all) {
            return None;
        }
        all.push(StoredAccount {
            active,
            credits,
            identity,
            ..new_account(vendor, display_name.clone(), credentials)
        });
        Some(all.iter().filter(|a| a.vendor == id).filter_map(view).collect::<Vec<_>>())
    })
    .await?;
    let accounts = added.ok_or_else(already)?;
    Ok(Reply::VendorAccounts { accounts: Wire::new(accounts), chosen: None })
}

/// `perform_as`: the ATS user writes are made as from now on, as picked from the ATS's own
/// list (`uuid` their id, `label` how they are named).
pub async fn update_account(
    sender: &Sender,
    id: &str,
    active: bool,
    credits: Option<u32>,
    perform_as: Option<crate::message::Choice>,
) -> Result<Reply, Failure> {
    let found = storage::update(ACCOUNTS, |all: &mut Vec<StoredAccount>| {
        all.iter_mut().find(|a| a.id == id).map(|a| {
            a.active = active;
            a.credits = credits;
            // Only an account of the ATS whose writes take a user (Lever) keeps one.
            if let Some(user) = perform_as.as_ref().filter(|_| a.vendor == ats_api::lever::VENDOR.id) {
                a.set_credential(ats_api::lever::PERFORM_AS, &user.uuid);
                a.identity.email = format!("notes written as {}", user.label);
            }
            a.vendor.clone()
        })
    })
    .await?;
    let vendor = found.ok_or_else(|| Failure::plain(msg("account_gone")))?;
    vendor_accounts(sender, owner(&vendor)?).await
}

fn owner(vendor: &str) -> Result<Vendor, Failure> {
    registry::by_id(vendor).ok_or_else(|| Failure::plain(msg("unknown_vendor")))
}

pub async fn remove_account(sender: &Sender, id: &str) -> Result<Reply, Failure> {
    let removed = storage::update(ACCOUNTS, |all: &mut Vec<StoredAccount>| {
        let vendor = all.iter().find(|a| a.id == id).map(|a| a.vendor.clone());
        all.retain(|a| a.id != id);
        vendor
    })
    .await?;
    let vendor = removed.ok_or_else(|| Failure::plain(msg("account_gone")))?;
    vendor_accounts(sender, owner(&vendor)?).await
}

/// Panel: use this account of the provider on this page's ATS and tenant from now on.
pub async fn choose(sender: &Sender, p: &Provider, id: &str) -> Result<Reply, Failure> {
    let (ats, tenant): (Ats, Option<String>) =
        tab::ats_tenant(sender).await.ok_or_else(|| Failure::plain(msg("open_page_first")))?;
    let choice = ChoiceRecord { ats, tenant, provider: p.vendor.id.into(), account_id: id.to_string() };
    storage::update(CHOICES, |all: &mut Vec<ChoiceRecord>| put_choice(all, choice)).await?;
    vendor_accounts(sender, p.vendor).await
}
