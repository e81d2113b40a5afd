//! Accounts as the pages may see them: never a key.

use serde::{Deserialize, Serialize};

use super::Failure;
use crate::vendor::Vendor;

/// An account the recruiter added with a provider or an ATS (Oorwin's "Add Account"), as the
/// UI may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: String,
    pub vendor: Vendor,
    pub display_name: String,
    pub account: Account,
    pub active: bool,
    /// Invites this extension may still send with it; `None` is no limit.
    pub credits: Option<u32>,
    /// Invites sent with it through this extension.
    pub used: u32,
}

impl AccountView {
    pub fn left(&self) -> Option<u32> {
        self.credits.map(|c| c.saturating_sub(self.used))
    }

    /// Refuses a send past the allowance.
    pub fn check_credit(&self) -> Result<(), Failure> {
        match self.left() {
            Some(0) => Err(Failure::plain(format!(
                "The {} account has no invites left ({} of {} used). Raise its allowance in the options, or pick another account.",
                self.display_name,
                self.used,
                self.credits.unwrap_or(0)
            ))),
            _ => Ok(()),
        }
    }
}

/// A saved key, as the UI may see it: never the key itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub name: String,
    pub email: String,
    /// The last four characters, so a recruiter can tell two keys apart.
    pub key_hint: String,
}

/// One credential field as the recruiter typed it, on its way to be checked and stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldValue {
    pub field: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub uuid: String,
    pub label: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_run_out() {
        let mut a = AccountView {
            id: "a1".into(),
            vendor: crate::provider::ALL[0].vendor,
            display_name: "Agency".into(),
            account: Account { name: "Ada".into(), email: "ada@x.example".into(), key_hint: "7Kq2".into() },
            active: true,
            credits: None,
            used: 12,
        };
        assert_eq!((a.left(), a.check_credit().is_ok()), (None, true));
        a.credits = Some(13);
        assert_eq!((a.left(), a.check_credit().is_ok()), (Some(1), true));
        a.used = 13;
        let refusal = a.check_credit().unwrap_err().message;
        assert!(refusal.contains("Agency account has no invites left (13 of 13 used)"), "{refusal}");
        a.used = 20;
        assert_eq!(a.left(), Some(0));
    }
}
