//! ATS APIs: what the extension reads from and writes back into an applicant tracking system
//! with the recruiter's key (read a candidate, find by email, create, tags, notes, stage), one
//! file per ATS, sans-IO like the providers. Page adapters (`crate::ats`) say what a page is;
//! these say what the ATS's API holds.

pub mod lever;
pub mod smartrecruiters;

#[cfg(feature = "worker")]
use crate::error::ApiError;
#[cfg(feature = "worker")]
use crate::http::{HttpReply, HttpRequest};
#[cfg(feature = "worker")]
use crate::settings::Settings;
use crate::vendor::Vendor;

/// An ATS whose API the extension uses, as the machinery needs to know it.
#[derive(Debug, Clone, Copy)]
pub struct AtsApi {
    pub vendor: Vendor,
    /// Where the recruiter finds the key, and what it adds.
    pub key_help: &'static str,
    /// A cheap request that proves a key. (This and the next are the worker's alone: the
    /// pages' bundles carry the declaration without the code.)
    #[cfg(feature = "worker")]
    pub key_check: fn(&Settings, &str) -> HttpRequest,
    /// Whether the answer to it means the key is good.
    #[cfg(feature = "worker")]
    pub key_accepted: fn(&HttpReply) -> Result<(), ApiError>,
}

pub fn by_id(id: &str) -> Option<&'static AtsApi> {
    ALL.iter().copied().find(|a| a.vendor.id == id)
}

/// Every ATS API, one line each.
pub const ALL: &[&AtsApi] = &[&lever::API, &smartrecruiters::API];

#[cfg(test)]
mod tests {
    #[test]
    fn every_ats_api_has_https_hosts_and_its_own_id() {
        for a in super::ALL {
            assert_eq!(super::by_id(a.vendor.id).map(|b| b.vendor), Some(a.vendor));
            assert!(a.vendor.granted_at_install && a.vendor.host("api").is_some(), "{}", a.vendor.id);
        }
    }
}
