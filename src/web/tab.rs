//! What the content script reported about the tab a message came from.

use super::chrome::Store;
use super::keys::context_key;
use crate::ats::Ats;
use crate::message::{PageContext, Sender};

pub async fn context(sender: &Sender) -> Option<PageContext> {
    let tab = sender.tab_id?;
    PageContext::read(&Store::session().ok()?.get_node(&context_key(tab)).await.ok()?)
}

/// The ATS and tenant of the page a panel sits on.
pub async fn ats_tenant(sender: &Sender) -> Option<(Ats, Option<String>)> {
    context(sender).await?.ats_tenant()
}

/// The tenant of the sender's page when it is on `ats` (a panel names its ATS; the tenant is
/// the browser's word, from the page's URL).
pub async fn tenant_on(sender: &Sender, ats: Ats) -> Option<String> {
    ats_tenant(sender).await.filter(|(a, _)| *a == ats).and_then(|(_, t)| t)
}
