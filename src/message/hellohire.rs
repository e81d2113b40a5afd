//! Hellohire × SmartRecruiters as the panel shows it: a registrant's profile, a rating not yet
//! written, and the progress of a registrant sync.

use serde::{Deserialize, Serialize};

use crate::hellohire::Rating;

/// A SmartRecruiters candidate as the Hellohire panel shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SrProfile {
    pub id: String,
    pub name: String,
    pub url: String,
    /// Their rating for the interview asked about, from their tags.
    pub rating: Option<Rating>,
}

/// A rating SmartRecruiters has not taken yet, and why, as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unwritten {
    pub rating: Rating,
    /// Why the last try failed; empty while it is still being tried.
    pub error: String,
}

/// Registrants being brought into SmartRecruiters from one Hellohire page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SyncProgress {
    pub total: u32,
    pub done: u32,
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// "Name: reason" per registrant that could not be synced.
    pub failed: Vec<String>,
    pub finished: bool,
}
