//! A set of strings kept as a list. The sets the extension keeps (sends under way, locks,
//! registrants synced) hold a handful of entries; a hash set would cost every bundle its
//! hashing and table code for no measurable speed.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Names(Vec<String>);

impl Names {
    pub const fn new() -> Names {
        Names(Vec::new())
    }

    /// Adds `name`; `false` when it was already there.
    pub fn insert(&mut self, name: String) -> bool {
        if self.contains(&name) {
            return false;
        }
        self.0.push(name);
        true
    }

    pub fn remove(&mut self, name: &str) {
        self.0.retain(|n| n != name);
    }

    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|n| n == name)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// Keeps the `n` added last.
    pub fn keep_last(&mut self, n: usize) {
        let extra = self.0.len().saturating_sub(n);
        self.0.drain(..extra);
    }
}

impl FromIterator<String> for Names {
    fn from_iter<I: IntoIterator<Item = String>>(names: I) -> Names {
        let mut set = Names::new();
        for n in names {
            set.insert(n);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::Names;

    #[test]
    fn a_name_is_in_once() {
        let mut n = Names::new();
        assert!(n.insert("a".into()) && n.insert("b".into()) && !n.insert("a".into()));
        assert!(n.contains("a"));
        n.remove("a");
        assert!(!n.contains("a") && n.contains("b"));
        assert_eq!(serde_json::to_string(&n).unwrap(), r#"["b"]"#, "stored as the list a hash set was");
        n.insert("c".into());
        n.keep_last(1);
        assert_eq!(n.iter().collect::<Vec<_>>(), ["c"]);
        assert!(serde_json::from_str::<Names>(r#"["x","y"]"#).unwrap().contains("y"));
        let collected: Names = ["p".to_string(), "q".into(), "p".into()].into_iter().collect();
        assert_eq!(serde_json::to_string(&collected).unwrap(), r#"["p","q"]"#);
        assert!(!collected.is_empty() && Names::new().is_empty());
    }
}
