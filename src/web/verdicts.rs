//! A verdict given on a video interview, written back to the candidate's Lever or
//! SmartRecruiters record with the recruiter's key (issue 12): a tag, and on Lever a note by
//! the user the key's account names. It rides on the moves of `pageup`: kept until the ATS has
//! it, retried on the same alarm, found the same way when given in the provider's own app.

use super::vendor::{settings, Browser};
use crate::ats_api::{self, lever::PERFORM_AS, pageup::Step};
use crate::error::ApiError;
use crate::i18n::msgf;
use crate::outcome::{self, To};
use crate::store::records::{PageUpMove, StoredAccount};

/// Writes the verdict a move is at (nothing before one); what to say once the ATS has it.
pub async fn write(m: &PageUpMove, account: &StoredAccount) -> Result<Option<String>, ApiError> {
    let pass = match Step::of(&m.step) {
        Some(Step::Shortlisted) => true,
        Some(Step::Rejected) => false,
        _ => return Ok(None),
    };
    let (Some(api), Some(p)) = (ats_api::by_id(&account.vendor), crate::provider::by_id(&m.provider)) else {
        return Ok(None);
    };
    let vendor = api.vendor;
    // Unreadable settings are a moment's trouble with storage: kept, and tried again.
    let s = settings().await.map_err(|_| ApiError::Unreachable { vendor })?;
    let mut conn = api.conn(&s, account.api_key(), None);
    conn.perform_as = account.credential(PERFORM_AS).map(str::to_string);
    let to = To { vendor, api: api.calls, conn: &conn };
    let tag = outcome::tag(p.vendor.label, pass);
    let noted =
        outcome::write(&Browser { progress: None, hand_back: false }, to, &m.application, &tag, &m.note)
            .await?;
    let label = vendor.label;
    Ok(Some(if !noted {
        msgf("verdict_tag_only", &[label, &tag])
    } else if conn.perform_as.is_some() {
        msgf("verdict_tag_note", &[label, &tag])
    } else {
        msgf("verdict_tag", &[label, &tag])
    }))
}
