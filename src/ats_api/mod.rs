//! ATS APIs: what the extension reads from and writes back into an applicant tracking system
//! with the recruiter's key (read a candidate, find by email, create, tags, notes, stage), one
//! file per ATS, sans-IO like the providers. Page adapters (`crate::ats`) say what a page is;
//! these say what the ATS's API holds.

pub mod lever;
pub mod smartrecruiters;

/// An ATS whose API the extension uses, as the machinery needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AtsApi {
    /// Its id in stored records (the account's `vendor`).
    pub id: &'static str,
    pub label: &'static str,
    /// Host patterns of its API, granted at install.
    pub api_hosts: &'static [&'static str],
}

/// Every ATS API, one line each.
pub const ALL: &[&AtsApi] = &[&lever::API, &smartrecruiters::API];

#[cfg(test)]
mod tests {
    #[test]
    fn every_ats_api_has_https_hosts_and_its_own_id() {
        for a in super::ALL {
            assert_eq!(super::ALL.iter().filter(|b| b.id == a.id).count(), 1, "{}", a.id);
            assert!(a.api_hosts.iter().all(|h| h.starts_with("https://") && h.ends_with("/*")), "{}", a.id);
        }
    }
}
