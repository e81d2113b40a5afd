//! Hellohire × SmartRecruiters as the panel shows it: a registrant's profile, a rating not yet
//! written, and the progress of a registrant sync.

use serde::{Deserialize, Serialize};

use crate::hellohire::{Rating, Registrant};
use crate::i18n::{msg, msgf, msgn};

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
    let (add, rename) = (add as u64, rename as u64);
    let todo = match (add, rename) {
        (0, 0) => msg("hh_nothing"),
        (a, 0) => msgf("hh_todo", &[&msgn("hh_add_new", a, &[])]),
        (0, r) => msgf("hh_todo", &[&msgn("hh_update_first", r, &[])]),
        (a, r) => msgf("hh_todo_both", &[&msgn("hh_add_new", a, &[]), &msgn("hh_update_first", r, &[])]),
    };
    match same {
        0 => todo,
        n => msgf("two_sentences", &[&todo, &msgn("hh_there", n as u64, &[])]),
    }
}

/// What confirming the plan does, as its button says it: "Add 2 and update 1 in SmartRecruiters".
pub fn plan_action(plan: &[PlannedSync]) -> String {
    let [add, rename, _] = plan_counts(plan);
    let (a, r) = (add.to_string(), rename.to_string());
    match (add, rename) {
        (0, _) => msgf("hh_do_update", &[&r]),
        (_, 0) => msgf("hh_do_add", &[&a]),
        _ => msgf("hh_do_both", &[&a, &r]),
    }
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
