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
            Some(0) => Err(Failure::plain(crate::i18n::msgf(
                "no_invites_left",
                &[&self.display_name, &self.used.to_string(), &self.credits.unwrap_or(0).to_string()],
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

impl Choice {
    /// The one choice whose name is the ATS job's title (or contains it, or is contained in
    /// it), offered to the recruiter as a suggestion and never chosen for them: two jobs that
    /// both match, or none, suggest nothing.
    pub fn suggested<'a>(ats_title: &str, among: &'a [Choice]) -> Option<&'a Choice> {
        // ASCII rules and byte comparisons only (Unicode tables and the standard substring
        // search cost the panel kilobytes): letters beyond ASCII are kept as they are, dashes
        // of every width separate words.
        let words = |s: &str| {
            let mut out = String::with_capacity(s.len());
            for c in s.chars() {
                if c.is_ascii_alphanumeric() || !(c.is_ascii() || matches!(c, '–' | '—')) {
                    out.push(c.to_ascii_lowercase());
                } else if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            out.truncate(out.trim_end().len());
            out
        };
        let contains =
            |hay: &str, needle: &str| hay.as_bytes().windows(needle.len()).any(|w| w == needle.as_bytes());
        let title = words(ats_title);
        if title.is_empty() {
            return None;
        }
        // Closest first: the same name, a name that contains the title, a name the title
        // contains ("Nurse" in "Registered Nurse – ICU"). Each must be the only one of its kind.
        let mut tiers: [Vec<&'a Choice>; 3] = Default::default();
        for c in among {
            let label = words(&c.label);
            if label.is_empty() {
                continue;
            }
            let tier = if label == title {
                0
            } else if contains(&label, &title) {
                1
            } else if contains(&title, &label) {
                2
            } else {
                continue;
            };
            tiers[tier].push(c);
        }
        let found = tiers.iter().find(|t| !t.is_empty())?;
        (found.len() == 1).then(|| found[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_is_suggested_only_when_one_title_matches() {
        let c = |uuid: &str, label: &str| Choice { uuid: uuid.into(), label: label.into() };
        let jobs = [
            c("1", "Senior Backend Engineer"),
            c("2", "Registered Nurse – ICU (Melbourne)"),
            c("3", "Nurse"),
        ];
        let pick = |t: &str| Choice::suggested(t, &jobs).map(|c| c.uuid.as_str());
        assert_eq!(pick("senior backend  engineer"), Some("1"), "case and spacing don't matter");
        assert_eq!(pick("Registered Nurse - ICU"), Some("2"), "a title the job's name contains");
        assert_eq!(pick("Nurse"), Some("3"), "the exact name wins over names that contain it");
        assert_eq!(pick("Warehouse Supervisor"), None);
        assert_eq!(pick("Engineer"), Some("1"));
        let two = [c("1", "Java Developer"), c("2", "Java Developer (contract)")];
        assert_eq!(Choice::suggested("Java", &two), None, "two matches suggest nothing");
        assert_eq!(Choice::suggested("", &jobs), None);
    }

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
