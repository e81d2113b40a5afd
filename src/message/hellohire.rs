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

/// What syncing one registrant would do, as SmartRecruiters looked when the recruiter asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedSync {
    pub registrant: Registrant,
    pub change: SyncChange,
    /// The first name SmartRecruiters has, when it is to be replaced.
    #[serde(default)]
    pub from: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SyncChange {
    Add,
    Rename,
    Nothing,
}

/// Registrants a plan adds and renames, and those it leaves as they are.
pub fn plan_counts(plan: &[PlannedSync]) -> [usize; 3] {
    let n = |c: SyncChange| plan.iter().filter(|p| p.change == c).count();
    [n(SyncChange::Add), n(SyncChange::Rename), n(SyncChange::Nothing)]
}

/// The plan in one sentence, for the recruiter to confirm.
pub fn plan_summary(plan: &[PlannedSync]) -> String {
    let [add, rename, same] = plan_counts(plan);
    let there = match same {
        0 => String::new(),
        1 => " 1 registrant is already there.".into(),
        n => format!(" {n} registrants are already there."),
    };
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let todo = match (add, rename) {
        (0, 0) => return format!("Nothing to add or update in SmartRecruiters.{there}"),
        (a, 0) => format!("add {a} new candidate{}", s(a)),
        (0, r) => format!("update {r} first name{}", s(r)),
        (a, r) => format!("add {a} new candidate{}, update {r} first name{}", s(a), s(r)),
    };
    format!("To do in SmartRecruiters: {todo}.{there}")
}

/// What confirming the plan does, as its button says it: "Add 2 and update 1 in SmartRecruiters".
pub fn plan_action(plan: &[PlannedSync]) -> String {
    let [add, rename, _] = plan_counts(plan);
    let action = match (add, rename) {
        (0, r) => format!("Update {r}"),
        (a, 0) => format!("Add {a}"),
        (a, r) => format!("Add {a} and update {r}"),
    };
    format!("{action} in SmartRecruiters")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned(first: &str, change: SyncChange) -> PlannedSync {
        let registrant = Registrant { first_name: first.into(), last_name: "L".into(), ..Default::default() };
        PlannedSync { registrant, change, from: String::new() }
    }

    #[test]
    fn a_plan_says_what_confirming_it_writes() {
        use SyncChange::*;
        let plan = [planned("A", Add), planned("B", Rename), planned("C", Nothing), planned("D", Nothing)];
        assert_eq!(plan_action(&plan), "Add 1 and update 1 in SmartRecruiters");
        assert_eq!(
            plan_summary(&plan),
            "To do in SmartRecruiters: add 1 new candidate, update 1 first name. 2 registrants are already there."
        );
        assert_eq!(
            plan_summary(&[planned("B", Rename), planned("E", Rename)]),
            "To do in SmartRecruiters: update 2 first names."
        );
        assert_eq!(plan_action(&plan[1..2]), "Update 1 in SmartRecruiters");
        assert_eq!(plan_summary(&plan[..1]), "To do in SmartRecruiters: add 1 new candidate.");
        assert_eq!(
            plan_summary(&plan[2..3]),
            "Nothing to add or update in SmartRecruiters. 1 registrant is already there."
        );
        assert_eq!(plan_summary(&[]), "Nothing to add or update in SmartRecruiters.");
    }
}
