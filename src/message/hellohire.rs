//! Hellohire × SmartRecruiters as the panel shows it: a registrant's profile, a rating not yet
//! written, and the progress of a registrant sync.

use serde::{Deserialize, Serialize};

use crate::hellohire::{Rating, Registrant};

/// A SmartRecruiters candidate as the Hellohire panel shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SrProfile {
    pub id: String,
    pub name: String,
    pub url: String,
    /// Their rating for the interview asked about, from their tags.
    pub rating: Option<Rating>,
}

/// A rating SmartRecruiters has not taken yet, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRating {
    pub registrant: Registrant,
    pub interview: String,
    pub rating: Rating,
    pub error: String,
}

impl PendingRating {
    /// One pending rating per person and interview: a newer rating replaces it.
    pub fn same(&self, email: &str, interview: &str) -> bool {
        self.registrant.email.eq_ignore_ascii_case(email)
            && crate::hellohire::interview_key(&self.interview) == crate::hellohire::interview_key(interview)
    }

    /// Keeps a rating until SmartRecruiters has it: the newest press per person and interview.
    pub fn keep(all: &mut Vec<PendingRating>, p: PendingRating) {
        all.retain(|x| !x.same(&p.registrant.email, &p.interview));
        all.push(p);
    }

    /// After a write of `p`: forgets it when written (`error: None`), else notes why not. A
    /// newer rating kept meanwhile is left alone.
    pub fn settle(all: &mut Vec<PendingRating>, p: &PendingRating, error: Option<&str>) {
        let mine = all.iter().position(|x| x.same(&p.registrant.email, &p.interview) && x.rating == p.rating);
        match (mine, error) {
            (Some(i), None) => {
                all.remove(i);
            }
            (Some(i), Some(e)) => all[i].error = e.to_string(),
            (None, _) => {}
        }
    }
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
